// The OpenAPI file documents exactly the routes the server installs, and each documented
// route answers on the real server (anything but the router's own 404).
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>

#include "api.hpp"
#include "api_client.hpp"
#include "loket/application_wire.hpp"
#include "loket/complaint_store.hpp"
#include "loket/complaint_wire.hpp"
#include "loket/survey_store.hpp"
#include "loket/survey_wire.hpp"
#include "openapi_spec.hpp"
#include "temp_dir.hpp"

using namespace loket;
using namespace loket::testing;
using nlohmann::json;

namespace {
std::string upper(std::string s) {
    for (auto& c : s)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}
}  // namespace

TEST(OpenApi, DocumentsExactlyTheInstalledRoutes) {
    const json spec = loket::testing::load_openapi_spec();
    std::set<std::string> documented;
    for (const auto& [path, methods] : spec["paths"].items()) {
        for (const auto& [method, op] : methods.items()) {
            documented.insert(upper(method) + " /api/v1" + path);
            EXPECT_TRUE(op.contains("x-access")) << method << " " << path;
            EXPECT_TRUE(op["responses"].is_object()) << method << " " << path;
        }
    }
    TempDir dir;
    QueueStore store(dir / "q.db", default_office_config());
    AuthStore auth(dir / "q.db");
    CatalogStore catalog(store);
    catalog.seed_if_empty(catalog::Catalog::load_documents(LOKET_SOURCE_DIR "/assets/catalog"),
                          now_utc());
    server::ServerSettings settings;
    server::Metrics metrics;
    server::EventHub hub(0);
    server::Api api({store, auth, catalog, settings, metrics, hub, "", "{}", nullptr, ""});
    httplib::Server http;
    api.install(http);
    const std::set<std::string> installed(api.routes().begin(), api.routes().end());
    for (const auto& route : installed)
        EXPECT_TRUE(documented.count(route)) << "undocumented: " << route;
    for (const auto& route : documented)
        EXPECT_TRUE(installed.count(route)) << "documented but not served: " << route;
}

TEST(OpenApi, EveryDocumentedRouteAnswersOnTheRealServer) {
    TempDir dir;
    ServerProcess server(dir.path());
    const std::string admin = add_user_and_login(server, "admin", "admin");
    ApiClient client(server.url(), admin);
    const json spec = loket::testing::load_openapi_spec();
    const std::map<std::string, std::string> examples = {{"{number}", "1"},
                                                         {"{id}", "kaltim-ikot"},
                                                         {"{token}", std::string(32, '0')},
                                                         {"{ticket}", "A-001"},
                                                         {"{ticket_id}", "1"},
                                                         {"{name}", "admin"},
                                                         {"{application_id}", "1"},
                                                         {"{follow_up_id}", "1"},
                                                         {"{complaint_id}", "1"},
                                                         {"{tracking_number}", "ADU-0000-0000"},
                                                         {"{version}", "1"},
                                                         {"{table}", "services"}};
    for (const auto& [path, methods] : spec["paths"].items()) {
        std::string concrete = path;
        for (const auto& [placeholder, value] : examples) {
            for (auto at = concrete.find(placeholder); at != std::string::npos;
                 at = concrete.find(placeholder)) {
                concrete.replace(at, placeholder.size(), value);
            }
        }
        for (const auto& [method, op] : methods.items()) {
            if (path == "/events" || path == "/auth/logout")
                continue;  // endless stream; would log out
            const Reply r = client.raw(upper(method), concrete, method == "get" ? "" : "{}");
            const bool router_404 =
                r.status == 404 &&
                r.body["error"]["message"].get<std::string>().rfind("no such resource", 0) == 0;
            EXPECT_FALSE(router_404) << method << " " << concrete;
            EXPECT_NE(r.status, 0) << method << " " << concrete << ": " << r.error;
            EXPECT_LT(r.status, 500) << method << " " << concrete;
        }
    }
}

// The Permit schema names every field GET /permits/{id} returns, steps and requirements too,
// so the catalog's fields cannot grow without their description.
TEST(OpenApi, PermitSchemaNamesEveryField) {
    const json schemas = loket::testing::load_openapi_spec()["components"]["schemas"];
    const catalog::Catalog catalog = catalog::Catalog::load_dir(LOKET_SOURCE_DIR "/assets/catalog");
    for (const catalog::Permit& p : catalog.permits()) {
        SCOPED_TRACE(p.id);
        const json permit = to_json(p);
        const json& props = schemas["Permit"]["properties"];
        for (const auto& [key, value] : permit.items())
            EXPECT_TRUE(props.contains(key)) << key;
        for (const auto& [key, value] : props.items())
            EXPECT_TRUE(permit.contains(key)) << "documented, not returned: " << key;
        const json& step_props = props["steps"]["items"]["properties"];
        for (const auto& [key, value] : permit["steps"][0].items())
            EXPECT_TRUE(step_props.contains(key)) << "steps[]." << key;
        for (const auto& [key, value] : permit["steps"][0]["time"].items())
            EXPECT_TRUE(schemas["PermitTimeStandard"]["properties"].contains(key)) << key;
        for (const auto& [key, value] : permit["service_time"].items())
            EXPECT_TRUE(props["service_time"]["properties"].contains(key)) << key;
        for (const auto& [key, value] : permit["step_totals"]["disetujui"].items())
            EXPECT_TRUE(schemas["PermitStepTotals"]["properties"].contains(key)) << key;
    }
}

// The application schemas name every field the store's JSON views give, and nothing more, so
// the views cannot grow without their description.
TEST(OpenApi, ApplicationSchemasNameEveryField) {
    const json schemas = loket::testing::load_openapi_spec()["components"]["schemas"];
    TempDir dir;
    QueueStore store(dir / "q.db", default_office_config());
    ApplicationStore applications(store, default_application_settings());
    const catalog::Catalog catalog = catalog::Catalog::load_dir(LOKET_SOURCE_DIR "/assets/catalog");
    const catalog::Permit& permit = *catalog.find("kaltim-ikot");
    RegistrationRequest request;
    request.applicant_type = "perorangan";
    request.applicant_name = "Ani";
    for (std::size_t i = 0; i < permit.requirements.size(); ++i) {
        if (permit.requirements[i].applies_to == "semua")
            request.checklist.push_back({static_cast<int>(i), i != 0});
    }
    const Actor clerk{StaffRef("rina"), {}, false};
    const auto visit = applications.register_application(permit, request, clerk, now_utc()).visit;
    ASSERT_TRUE(visit);
    request.checklist[0].present = true;
    const auto registered = applications.register_application(permit, request, clerk, now_utc());
    ASSERT_TRUE(registered.application);
    const Application app =
        applications.read_personal(registered.application->id, StaffRef("rina"), "test", now_utc());
    const auto same_keys = [](const json& value, const json& props, const std::string& name,
                              std::set<std::string> optional = {}) {
        SCOPED_TRACE(name);
        for (const auto& [key, v] : value.items())
            EXPECT_TRUE(props.contains(key)) << "undocumented: " << key;
        for (const auto& [key, v] : props.items())
            EXPECT_TRUE(value.contains(key) || optional.count(key))
                << "documented, not returned: " << key;
    };
    same_keys(protocol::application_summary_json(app, applications.read_clock(app, now_utc()),
                                                 *applications.settings(), now_utc()),
              schemas["ApplicationSummary"]["properties"], "ApplicationSummary");
    const json detail = protocol::application_detail_json(
        app, applications.read_clock(app, now_utc()), *applications.settings(), now_utc());
    same_keys(detail, schemas["ApplicationDetails"]["properties"], "ApplicationDetails");
    same_keys(detail["clock"], schemas["ApplicationClock"]["properties"], "ApplicationClock");
    same_keys(detail["workflow"][0], schemas["WorkflowStep"]["properties"], "WorkflowStep");
    same_keys(detail["steps"][0],
              schemas["ApplicationDetails"]["properties"]["steps"]["items"]["properties"],
              "steps[]");
    same_keys(protocol::application_public_json(app, applications.read_clock(app, now_utc()),
                                                *applications.settings()),
              schemas["ApplicationPublic"]["properties"], "ApplicationPublic", {"office"});
    same_keys(protocol::incomplete_visit_json(*visit), schemas["IncompleteVisit"]["properties"],
              "IncompleteVisit");
}

// Every survey route is documented with its access level, and the survey's schemas name the
// fields the server returns.
TEST(OpenApi, SurveyRoutesAndSchemas) {
    const json spec = loket::testing::load_openapi_spec();
    const std::map<std::string, std::string> access = {
        {"/survey/questions", "public"},
        {"/survey/visits/{token}", "public"},
        {"/survey/responses", "public"},
        {"/counters/{number}/survey", "reader"},
        {"/survey/report", "supervisor"},
        {"/survey/report.csv", "supervisor"},
        {"/survey/report.xlsx", "supervisor"},
        {"/survey/follow-ups", "supervisor"},
        {"/survey/follow-ups/{follow_up_id}", "supervisor"}};
    for (const auto& [path, level] : access) {
        SCOPED_TRACE(path);
        ASSERT_TRUE(spec["paths"].contains(path));
        for (const auto& [method, op] : spec["paths"][path].items())
            EXPECT_EQ(op["x-access"], level) << method;
    }
    const json& schemas = spec["components"]["schemas"];
    EXPECT_TRUE(schemas["Error"]["properties"]["error"]["properties"].contains("message_id"));
    const json stored = protocol::survey_follow_up_json(
        survey::StoredFollowUp{7, "2026-S2",
                               survey::read_follow_up({{"element", "waktu"},
                                                       {"action", "Tambah loket"},
                                                       {"owner", "Kepala Bidang"},
                                                       {"deadline", "2027-03-31"},
                                                       {"status", "berjalan"},
                                                       {"percent_done", 40}}),
                               TimePoint{}, "rina"});
    for (const auto& [key, value] : stored.items())
        EXPECT_TRUE(schemas["SurveyFollowUp"]["properties"].contains(key)) << key;
    for (const auto& [key, value] : schemas["SurveyFollowUp"]["properties"].items())
        EXPECT_TRUE(stored.contains(key)) << "documented, not returned: " << key;
    const json report = survey::to_json(survey::period_report({}, survey::parse_period("2026")));
    for (const auto& [key, value] : report.items())
        EXPECT_TRUE(schemas["SurveyReport"]["properties"].contains(key)) << key;
}

// The complaint schemas name every field the protocol writes of the store's values (receipt,
// public view, list entry, detail with notes and history), and nothing more.
TEST(OpenApi, ComplaintSchemasNameEveryField) {
    const json schemas = loket::testing::load_openapi_spec()["components"]["schemas"];
    TempDir dir;
    QueueStore store(dir / "q.db", default_office_config());
    ComplaintStore complaints(store);
    const json receipt = protocol::complaint_receipt_json(
        complaints.submit(complaint::read_submission({{"category", "waktu"},
                                                      {"text", "Menunggu terlalu lama di loket."},
                                                      {"name", "Ani"},
                                                      {"contact", "0812"},
                                                      {"consent", true}},
                                                     false),
                          ComplaintSender{}, "", now_utc()));
    const ComplaintViewer boss{"rina", true};
    const json listed =
        protocol::complaint_list_json(complaints.list({}, boss, now_utc()))["complaints"][0];
    const std::int64_t id = listed["id"];
    complaints.add_note(id, "Cek jadwal loket", boss, now_utc());
    const json detail = protocol::complaint_detail_json(complaints.transition(
        id, complaint::read_transition({{"to", "diverifikasi"}}), boss, now_utc()));
    const json tracked =
        protocol::complaint_public_json(complaints.track(receipt["tracking_number"], now_utc()));
    const auto same_keys = [](const json& value, const json& props, const std::string& name) {
        SCOPED_TRACE(name);
        for (const auto& [key, v] : value.items())
            EXPECT_TRUE(props.contains(key)) << "undocumented: " << key;
        for (const auto& [key, v] : props.items())
            EXPECT_TRUE(value.contains(key)) << "documented, not returned: " << key;
    };
    same_keys(receipt, schemas["ComplaintReceipt"]["properties"], "ComplaintReceipt");
    same_keys(tracked, schemas["ComplaintPublic"]["properties"], "ComplaintPublic");
    same_keys(listed, schemas["ComplaintSummary"]["properties"], "ComplaintSummary");
    json detail_props = schemas["ComplaintSummary"]["properties"];
    detail_props.update(schemas["ComplaintDetail"]["allOf"][1]["properties"]);
    same_keys(detail, detail_props, "ComplaintDetail");
    same_keys(detail["notes"][0],
              schemas["ComplaintDetail"]["allOf"][1]["properties"]["notes"]["items"]["properties"],
              "notes[]");
    same_keys(
        detail["history"][0],
        schemas["ComplaintDetail"]["allOf"][1]["properties"]["history"]["items"]["properties"],
        "history[]");
}
