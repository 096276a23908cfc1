// Reading the queue-server's replies: the real shapes parse, anything else becomes a Failure
// with a reason, never an exception or a crash.
#include "server_client.hpp"

#include <gtest/gtest.h>

#include "kiosk_test_support.hpp"

namespace loket::kiosk {
namespace {

using namespace testing;

TEST(ServerReplies, RealShapesParse) {
    const auto o = parse_office(reply(200, office_json(false)));
    ASSERT_TRUE(o.ok()) << o.failure().message;
    EXPECT_EQ(o.value().name, "DPMPTSP Provinsi Kalimantan Timur");
    EXPECT_EQ(o.value().time_zone, "WITA");
    EXPECT_EQ(o.value().utc_offset_minutes, 480);
    EXPECT_FALSE(o.value().open);
    EXPECT_EQ(o.value().closed_reason, "after_hours");
    EXPECT_EQ(o.value().next_open_ms, 1795478400000);
    EXPECT_EQ(o.value().week_hours[1], std::vector<std::string>{});
    EXPECT_EQ(parse_office(reply(200, office_json(true))).value().week_hours[5],
              std::vector<std::string>{"08:00-11:00"});

    const auto s = parse_services(reply(200, services_json()));
    ASSERT_TRUE(s.ok());
    ASSERT_EQ(s.value().size(), 4u);
    EXPECT_EQ(s.value()[0].id, "informasi");
    EXPECT_EQ(s.value()[2].name_en, "Registration");
    EXPECT_EQ(s.value()[0].estimate_minutes, 20);
    EXPECT_FALSE(s.value()[3].estimate_minutes);

    const auto list = parse_permits(reply(200, permits_json("usaha mikro")));
    ASSERT_TRUE(list.ok());
    EXPECT_GE(list.value().size(), 2u);

    for (const catalog::Permit& p : catalog().permits()) {
        SCOPED_TRACE(p.id);
        const auto detail = parse_permit(reply(200, to_json(p)));
        ASSERT_TRUE(detail.ok()) << detail.failure().message;
        EXPECT_EQ(detail.value().requirements.size(), p.requirements.size());
        EXPECT_EQ(detail.value().steps.size(), p.steps.size());
        EXPECT_EQ(detail.value().cost.has_value(), p.cost.has_value());
        EXPECT_EQ(detail.value().legal_basis, p.legal_basis);
        if (!p.steps.empty()) {
            EXPECT_EQ(detail.value().steps[0].time_text, p.steps[0].time.text);
        }
        for (std::size_t i = 0; i < p.steps.size() && i < detail.value().steps.size(); ++i)
            EXPECT_EQ(detail.value().steps[i].input, p.steps[i].input) << "step " << i + 1;
    }

    const auto t = parse_issued(
        reply(201, issued_json("B-012", "customer_service", "kaltim-ikot", "disabilitas")));
    ASSERT_TRUE(t.ok()) << t.failure().message;
    EXPECT_EQ(t.value().id, 17);
    EXPECT_EQ(t.value().number, "B-012");
    EXPECT_EQ(t.value().service_id, "customer_service");
    EXPECT_EQ(t.value().permit_id, "kaltim-ikot");
    EXPECT_EQ(t.value().permit_name, "Izin Industri Kecil Obat Tradisional (IKOT)");
    EXPECT_EQ(t.value().priority, Priority::Disabilitas);
    EXPECT_EQ(t.value().people_ahead, 7);
    EXPECT_EQ(t.value().estimate_minutes, 70);
    EXPECT_EQ(t.value().time_zone, "WITA");
    EXPECT_EQ(t.value().utc_offset_minutes, 480);
}

// A step's input (the SOP's Kelengkapan) is optional: a server that omits it or sends null
// leaves it empty; anything but a string is a bad reply naming the field.
TEST(ServerReplies, StepInputIsOptionalAndChecked) {
    const auto permit_with = [](json step) {
        step["activity"] = "Menerima berkas";
        step["actors"] = {"Front Office"};
        return json{{"id", "a"}, {"name", "b"}, {"steps", {step}}};
    };
    const auto with = parse_permit(reply(
        200, permit_with({{"input", "- Checklist Persyaratan perizinan\n- Form Permohonan"}})));
    ASSERT_TRUE(with.ok()) << with.failure().message;
    EXPECT_EQ(with.value().steps.at(0).input,
              "- Checklist Persyaratan perizinan\n- Form Permohonan");

    for (const json& step : {json::object(), json{{"input", nullptr}}, json{{"input", ""}}}) {
        const auto without = parse_permit(reply(200, permit_with(step)));
        ASSERT_TRUE(without.ok()) << without.failure().message;
        EXPECT_EQ(without.value().steps.at(0).input, "");
    }

    for (const json& bad : {json(5), json::array({"Komputer"}), json{{"text", "x"}}}) {
        const auto r = parse_permit(reply(200, permit_with({{"input", bad}})));
        ASSERT_FALSE(r.ok()) << bad.dump();
        EXPECT_EQ(r.failure().kind, FailureKind::bad_reply);
        EXPECT_NE(r.failure().message.find("steps[0].input"), std::string::npos)
            << r.failure().message;
    }
}

// The consent text names the office's own retention of a complainant's contact: read from the
// categories' reply, 1 to 730 days, 90 when an older server does not say.
TEST(ServerReplies, ComplaintSetupCarriesTheContactRetention) {
    EXPECT_EQ(complaint_setup().contact_retention_days, 90);
    json body = complaint_categories_json();
    body["contact_retention_days"] = 30;
    const auto setup = parse_complaint_setup(reply(200, body));
    ASSERT_TRUE(setup.ok());
    EXPECT_EQ(setup.value().contact_retention_days, 30);
    EXPECT_NE(tr(Language::Indonesian, T::complaint_consent_hint, {"30"}).find("dihapus 30 hari"),
              std::string::npos);
    EXPECT_NE(tr(Language::English, T::complaint_consent_hint, {"30"}).find("erased 30 days"),
              std::string::npos);
    for (const json& bad : {json(0), json(731), json("30")}) {
        body["contact_retention_days"] = bad;
        EXPECT_FALSE(parse_complaint_setup(reply(200, body)).ok()) << bad;
    }
}

TEST(ServerReplies, StatusesBecomeFailureKinds) {
    EXPECT_EQ(parse_office(no_reply()).failure().kind, FailureKind::unreachable);
    const auto closed =
        parse_issued(error_reply(409, "office_closed", "tickets are not issued now (holiday)"));
    EXPECT_EQ(closed.failure().kind, FailureKind::office_closed);
    EXPECT_EQ(closed.failure().message, "tickets are not issued now (holiday)");
    EXPECT_EQ(parse_issued(error_reply(409, "idempotency_conflict", "x")).failure().kind,
              FailureKind::http_error);
    EXPECT_EQ(parse_issued(error_reply(429, "rate_limited", "x")).failure().kind,
              FailureKind::rate_limited);
    EXPECT_EQ(parse_permit(error_reply(404, "not_found", "x")).failure().kind,
              FailureKind::not_found);
    EXPECT_EQ(parse_issued(error_reply(401, "unauthorized", "x")).failure().status, 401);
    EXPECT_EQ(parse_services(reply(502, std::string("<html>bad gateway"))).failure().kind,
              FailureKind::http_error);
    EXPECT_TRUE(parse_print_report(reply(200, json{{"ticket", json::object()}})).ok());
    EXPECT_FALSE(parse_print_report(error_reply(400, "invalid_field", "x")).ok());
}

TEST(ServerReplies, GarbageNeverParsesAndSaysWhy) {
    const std::vector<std::pair<std::string, std::string>> offices = {
        {"", "not JSON"},
        {"{", "not JSON"},
        {"[]", "not an object"},
        {"{\"name\": 5, \"open\": true, \"utc_offset_minutes\": 0}", "name"},
        {"{\"name\": \"x\", \"utc_offset_minutes\": 0}", "open"},
        {"{\"name\": \"x\", \"open\": true, \"utc_offset_minutes\": 99999}", "utc_offset_minutes"},
        {"{\"name\": \"x\", \"open\": true, \"utc_offset_minutes\": 0, \"today_hours\": "
         "[\"pagi\"]}",
         "today_hours"},
        {"{\"name\": \"x\", \"open\": true, \"utc_offset_minutes\": 0, \"hours\": []}", "hours"},
        {"{\"name\": \"x\", \"open\": true, \"utc_offset_minutes\": 0, \"next_open\": \"soon\"}",
         "next_open"},
    };
    for (const auto& [body, why] : offices) {
        const auto r = parse_office(reply(200, body));
        ASSERT_FALSE(r.ok()) << body;
        EXPECT_EQ(r.failure().kind, FailureKind::bad_reply);
        EXPECT_NE(r.failure().message.find(why), std::string::npos)
            << body << " -> " << r.failure().message;
    }
    EXPECT_FALSE(parse_services(reply(200, std::string("{}"))).ok());
    EXPECT_FALSE(
        parse_services(reply(200, json{{"services", {{{"id", "a"}, {"waiting", -1}}}}})).ok());
    EXPECT_FALSE(
        parse_services(reply(200, json{{"services", {{{"id", "a"}, {"waiting", "3"}}}}})).ok());
    EXPECT_FALSE(parse_services(reply(200, json{{"services", {42}}})).ok());
    EXPECT_FALSE(parse_permits(reply(200, json{{"permits", {{{"id", "a"}}}}})).ok());
    EXPECT_FALSE(parse_permits(reply(200, json{{"permits", "all"}})).ok());
    EXPECT_FALSE(parse_permit(reply(200, json{{"id", "a"},
                                              {"name", "b"},
                                              {"steps", {{{"activity", "x"}, {"actors", "y"}}}}}))
                     .ok());
    EXPECT_FALSE(parse_permit(reply(200, json{{"id", "a"}, {"name", "b"}, {"cost", 0}})).ok());
    json many = json::array();
    for (int i = 0; i < 5000; ++i)
        many.push_back({{"id", "p"}, {"name", "p"}});
    EXPECT_FALSE(parse_permits(reply(200, json{{"permits", many}})).ok());
}

TEST(ServerReplies, HugeTextIsCutAtACharacterBoundary) {
    std::string name;
    for (int i = 0; i < 3000; ++i)
        name += "\u00e9";  // two bytes each
    json o = office_json();
    o["name"] = name;
    const auto r = parse_office(reply(200, o));
    ASSERT_TRUE(r.ok());
    EXPECT_LE(r.value().name.size(), 4000u);
    EXPECT_EQ(r.value().name.size() % 2, 0u);
}

TEST(ServerReplies, UrlsAndQueries) {
    EXPECT_EQ(api_base_url("http://127.0.0.1:8080"), "http://127.0.0.1:8080/api/v1");
    EXPECT_EQ(api_base_url("http://127.0.0.1:8080/"), "http://127.0.0.1:8080/api/v1");
    EXPECT_EQ(api_base_url("http://h/api/v1/"), "http://h/api/v1");
    EXPECT_EQ(url_encode("usaha mikro & kecil/1"), "usaha%20mikro%20%26%20kecil%2F1");
    EXPECT_EQ(url_encode("\u00e9"), "%C3%A9");
}

TEST(ServerClientTest, UnreachableServerIsAValueWithinTheTimeouts) {
    ServerClientOptions o;
    o.server_url = "http://127.0.0.1:9";  // discard port: nothing listens
    o.retries = 1;
    o.backoff_initial_ms = 10;
    ServerClient client(o);
    const auto t0 = std::chrono::steady_clock::now();
    EXPECT_EQ(client.office().failure().kind, FailureKind::unreachable);
    EXPECT_EQ(client.issue({"informasi", Priority::None, ""}, "k").failure().kind,
              FailureKind::unreachable);
    EXPECT_EQ(client.permit("../../etc/passwd").failure().kind, FailureKind::not_found);
    EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(5));
}

}  // namespace
}  // namespace loket::kiosk
