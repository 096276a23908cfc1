// The satisfaction survey over HTTP against the real queue-server binary: a visit answers once
// it is finished and only once, retries are idempotent, kiosks are rate limited, the counter's
// tablet gets the survey of the ticket just finished there, reports (JSON, CSV, XLSX) carry
// figures worked out by hand, roles are enforced, bad input is refused naming the field, and
// survey events arrive on the one event stream.
#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "api_client.hpp"
#include "event_log.hpp"
#include "ready_application.hpp"
#include "temp_dir.hpp"

using namespace loket;
using namespace loket::testing;
using nlohmann::json;

namespace {

json answers(std::array<int, 9> s) {
    return {{"persyaratan", s[0]}, {"prosedur", s[1]},  {"waktu", s[2]},
            {"biaya", s[3]},       {"produk", s[4]},    {"kompetensi", s[5]},
            {"perilaku", s[6]},    {"pengaduan", s[7]}, {"sarana", s[8]}};
}

json response(std::array<int, 9> scores, int age = 34, const std::string& sex = "P",
              const std::string& education = "s1", const std::string& occupation = "wirausaha") {
    return {{"answers", answers(scores)},
            {"profile",
             {{"age", age}, {"sex", sex}, {"education", education}, {"occupation", occupation}}}};
}

class SurveyApiTest : public ::testing::Test {
  protected:
    TempDir dir;
    ServerProcess server{dir.path()};
    ApiClient kiosk{server.url(), kKioskKey};
    ApiClient anonymous{server.url()};
    ApiClient clerk{server.url(), add_user_and_login(server, "siti", "staff")};
    std::string supervisor_token = add_user_and_login(server, "rina", "supervisor");
    ApiClient supervisor{server.url(), supervisor_token};

    // Issues a ticket for the service and serves it to the end at the counter; its token.
    std::string finished_visit(const std::string& service = "informasi", int counter = 1,
                               const std::string& permit = "") {
        json body = {{"service", service}};
        if (!permit.empty())
            body["permit_id"] = permit;
        const Reply issued = kiosk.post("/tickets", body);
        EXPECT_EQ(issued.status, 201) << issued.body.dump();
        const std::string base = "/counters/" + std::to_string(counter);
        clerk.post(base + "/open");
        EXPECT_EQ(clerk.post(base + "/call-next").status, 200);
        EXPECT_EQ(clerk.post(base + "/finish").status, 200);
        return issued.body["ticket"]["status_token"];
    }

    std::string this_month() {
        return anonymous.get("/office").body["local_date"].get<std::string>().substr(0, 7);
    }

    json report(const std::string& query = "") {
        const Reply r = supervisor.get("/survey/report?period=" + this_month() + query);
        EXPECT_EQ(r.status, 200) << r.body.dump();
        return r.body;
    }
};

}  // namespace

TEST_F(SurveyApiTest, QuestionsArePublicAndFollowTheRegulation) {
    const Reply q = anonymous.get("/survey/questions");
    ASSERT_EQ(q.status, 200);
    ASSERT_EQ(q.body["elements"].size(), 9u);
    EXPECT_EQ(q.body["elements"][2]["id"], "waktu");
    EXPECT_EQ(q.body["elements"][2]["answers"].size(), 4u);
    EXPECT_EQ(q.body["regulation"], "PermenPANRB 14/2017");
}

TEST_F(SurveyApiTest, AVisitAnswersOnlyOnceFinishedAndOnlyOnce) {
    const Reply issued =
        kiosk.post("/tickets", {{"service", "pendaftaran"}, {"permit_id", "pelalawan-iumk"}});
    const std::string token = issued.body["ticket"]["status_token"];
    const Reply before = anonymous.get("/survey/visits/" + token);
    ASSERT_EQ(before.status, 200);
    EXPECT_EQ(before.body["state"], "not_yet");
    EXPECT_EQ(before.body["service"]["id"], "pendaftaran");
    EXPECT_EQ(before.body["permit"]["id"], "pelalawan-iumk");

    json body = response({4, 3, 3, 4, 3, 4, 4, 2, 3});
    body["token"] = token;
    const Reply closed = anonymous.post("/survey/responses", body);
    EXPECT_EQ(closed.status, 409);
    EXPECT_EQ(closed.code(), "survey_not_open");

    clerk.post("/counters/3/open");
    clerk.post("/counters/3/call-next");
    const Reply serving = anonymous.get("/survey/visits/" + token);
    EXPECT_EQ(serving.body["state"], "not_yet");  // called is not finished
    clerk.post("/counters/3/finish");
    EXPECT_EQ(anonymous.get("/survey/visits/" + token).body["state"], "open");

    // The service comes from the ticket: a typed one is refused.
    json typed = body;
    typed["service"] = "informasi";
    const Reply refused = anonymous.post("/survey/responses", typed);
    EXPECT_EQ(refused.status, 400);
    EXPECT_EQ(refused.field(), "service");

    const Reply first = anonymous.raw("POST", "/survey/responses", body.dump(), "application/json",
                                      {{"Idempotency-Key", "isi-1"}});
    ASSERT_EQ(first.status, 201) << first.body.dump();
    EXPECT_FALSE(first.body["replayed"].get<bool>());
    EXPECT_EQ(first.body["response"]["service"]["id"], "pendaftaran");
    EXPECT_EQ(first.body["response"]["permit_id"], "pelalawan-iumk");
    EXPECT_EQ(first.body["response"]["channel"], "visit");
    EXPECT_EQ(first.body["response"]["period"], this_month());
    EXPECT_FALSE(first.body.dump().find("answers") != std::string::npos);

    // The phone lost the reply and sends again with the same key: the first result.
    const Reply retry = anonymous.raw("POST", "/survey/responses", body.dump(), "application/json",
                                      {{"Idempotency-Key", "isi-1"}});
    EXPECT_EQ(retry.status, 200);
    EXPECT_TRUE(retry.body["replayed"].get<bool>());
    EXPECT_EQ(retry.body["response"]["local_date"], first.body["response"]["local_date"]);

    // A second response for the same visit is refused, with another key or none.
    const Reply second = anonymous.raw("POST", "/survey/responses", body.dump(), "application/json",
                                       {{"Idempotency-Key", "isi-2"}});
    EXPECT_EQ(second.status, 409);
    EXPECT_EQ(second.code(), "survey_already_answered");
    EXPECT_EQ(anonymous.post("/survey/responses", body).status, 409);
    EXPECT_EQ(anonymous.get("/survey/visits/" + token).body["state"], "answered");
    EXPECT_EQ(report()["respondents"], 1);

    // A ticket that was not served has nothing to rate.
    const std::string skipped =
        kiosk.post("/tickets", {{"service", "informasi"}}).body["ticket"]["status_token"];
    clerk.post("/counters/1/open");
    clerk.post("/counters/1/call-next");
    clerk.post("/counters/1/no-show");
    EXPECT_EQ(anonymous.get("/survey/visits/" + skipped).body["state"], "closed");
    EXPECT_EQ(anonymous.get("/survey/visits/" + std::string(32, 'a')).status, 404);
}

TEST_F(SurveyApiTest, KioskResponsesWithoutTicketAreRateLimitedPerKiosk) {
    json body = response({3, 3, 3, 3, 3, 3, 3, 3, 3});
    body["service"] = "informasi";
    const Reply first = kiosk.raw("POST", "/survey/responses", body.dump(), "application/json",
                                  {{"Idempotency-Key", "kiosk-1"}});
    ASSERT_EQ(first.status, 201) << first.body.dump();
    EXPECT_EQ(first.body["response"]["channel"], "kiosk");

    // Within a minute the same kiosk is refused; its retry of the first is not.
    const Reply again = kiosk.raw("POST", "/survey/responses", body.dump(), "application/json",
                                  {{"Idempotency-Key", "kiosk-2"}});
    EXPECT_EQ(again.status, 429);
    EXPECT_EQ(again.code(), "rate_limited");
    EXPECT_GT(again.body["error"]["retry_after_seconds"].get<int>(), 50);
    const Reply retry = kiosk.raw("POST", "/survey/responses", body.dump(), "application/json",
                                  {{"Idempotency-Key", "kiosk-1"}});
    EXPECT_EQ(retry.status, 200);
    EXPECT_TRUE(retry.body["replayed"].get<bool>());

    // Without a ticket only a kiosk may answer; the token is what others lack.
    const Reply phone = anonymous.post("/survey/responses", body);
    EXPECT_EQ(phone.status, 400);
    EXPECT_EQ(phone.field(), "token");
    EXPECT_NE(phone.body["error"]["message_id"].get<std::string>().find("wajib diisi"),
              std::string::npos);
    EXPECT_EQ(clerk.post("/survey/responses", body).field(), "token");
    json unknown = body;
    unknown["service"] = "tidak-ada";
    EXPECT_EQ(kiosk.post("/survey/responses", unknown).field(), "service");
    EXPECT_EQ(report()["respondents"], 1);
}

TEST_F(SurveyApiTest, CounterTabletShowsTheSurveyOfTheTicketJustFinishedThere) {
    clerk.post("/counters/1/open");
    EXPECT_EQ(clerk.get("/counters/1/survey").body["state"], "none");
    kiosk.post("/tickets", {{"service", "informasi"}});
    kiosk.post("/tickets", {{"service", "informasi"}});
    clerk.post("/counters/1/call-next");
    EXPECT_EQ(clerk.get("/counters/1/survey").body["state"], "none");  // not finished yet
    clerk.post("/counters/1/finish");

    const Reply offered = clerk.get("/counters/1/survey");
    ASSERT_EQ(offered.status, 200);
    EXPECT_EQ(offered.body["state"], "open");
    EXPECT_EQ(offered.body["ticket"]["number"], "A-001");
    EXPECT_EQ(offered.body["service"]["id"], "informasi");
    const std::string token = offered.body["survey_token"];
    ASSERT_EQ(token.size(), 32u);
    // A display (device key) may read it too; the public may not.
    EXPECT_EQ(ApiClient(server.url(), kDisplayKey).get("/counters/1/survey").status, 200);
    EXPECT_EQ(anonymous.get("/counters/1/survey").status, 401);

    json body = response({4, 4, 4, 4, 4, 4, 4, 4, 4});
    body["token"] = token;
    const Reply answered = clerk.post("/survey/responses", body);
    ASSERT_EQ(answered.status, 201) << answered.body.dump();
    EXPECT_EQ(answered.body["response"]["channel"], "counter");
    const Reply after = clerk.get("/counters/1/survey");
    EXPECT_EQ(after.body["state"], "answered");
    EXPECT_TRUE(after.body["survey_token"].is_null());
    // Nothing the clerk can reach shows an answer.
    EXPECT_EQ(after.body.dump().find("persyaratan"), std::string::npos);
    EXPECT_EQ(clerk.get("/survey/report?period=" + this_month()).status, 403);

    // The next call: the previous applicant has left, the tablet offers nothing.
    clerk.post("/counters/1/call-next");
    EXPECT_EQ(clerk.get("/counters/1/survey").body["state"], "none");
    EXPECT_EQ(clerk.get("/counters/99/survey").status, 404);
}

TEST_F(SurveyApiTest, ReportFiguresWorkedOutByHand) {
    //        prs pro wkt bya prd kom per pgd sar   sum
    // R1      4   4   4   4   4   4   4   4   4     36
    // R2      3   3   2   4   3   3   4   2   3     27
    // R3      4   3   2   4   3   4   4   1   3     28
    // sum    11  10   8  12  10  11  12   7  10     91
    const std::vector<std::pair<std::array<int, 9>, json>> rows = {
        {{4, 4, 4, 4, 4, 4, 4, 4, 4}, {22, "L", "sma", "swasta"}},
        {{3, 3, 2, 4, 3, 3, 4, 2, 3}, {41, "P", "s1", "pns"}},
        {{4, 3, 2, 4, 3, 4, 4, 1, 3}, {67, "P", "s1", "wirausaha"}},
    };
    for (const auto& [scores, p] : rows) {
        json body = response(scores, p[0].get<int>(), p[1].get<std::string>(),
                             p[2].get<std::string>(), p[3].get<std::string>());
        body["token"] = finished_visit();
        if (p[0].get<int>() == 41)
            body["saran"] = "Ruang tunggu, lebih sejuk";
        ASSERT_EQ(anonymous.post("/survey/responses", body).status, 201);
    }
    finished_visit();  // served, not answered: in the population only

    const json r = report();
    EXPECT_EQ(r["respondents"], 3);
    // IKM = 91 x 0.111 / 3 = 10.101 / 3 = 3.367; converted 3.367 x 25 = 84.175 -> 84.18, B.
    EXPECT_DOUBLE_EQ(r["index"]["ikm"].get<double>(), 3.367);
    EXPECT_DOUBLE_EQ(r["index"]["converted"].get<double>(), 84.18);
    EXPECT_EQ(r["index"]["grade"], "B");
    // waktu: 8 / 3 = 2.6667; weighted 8 x 0.111 / 3 = 0.296; x 25 = 66.67 -> C.
    const json& waktu = r["index"]["elements"][2];
    EXPECT_EQ(waktu["id"], "waktu");
    EXPECT_EQ(waktu["score_sum"], 8);
    EXPECT_DOUBLE_EQ(waktu["nrr"].get<double>(), 2.6667);
    EXPECT_DOUBLE_EQ(waktu["weighted_nrr"].get<double>(), 0.296);
    EXPECT_DOUBLE_EQ(waktu["converted"].get<double>(), 66.67);
    EXPECT_EQ(waktu["grade"], "C");
    // Lowest: pengaduan 7, waktu 8, then prosedur (10, first of the tie with produk, sarana).
    EXPECT_EQ(r["weakest"], (json{"pengaduan", "waktu", "prosedur"}));
    // Four people served this month, three answered: the table asks all of 4 (never more
    // than the population), so the sample is not reached.
    EXPECT_EQ(r["population"], 4);
    EXPECT_EQ(r["sample"]["required"], 4);
    EXPECT_FALSE(r["sample"]["reached"].get<bool>());
    EXPECT_EQ(r["profile"]["sex"][1]["count"], 2);
    EXPECT_EQ(r["suggestions"], (json{"Ruang tunggu, lebih sejuk"}));
    // One service filter: nobody answered for pendaftaran.
    const json other = report("&service=pendaftaran");
    EXPECT_EQ(other["respondents"], 0);
    EXPECT_TRUE(other["index"].is_null());

    // The CSV: the regulation's table, one element per row.
    const net::HttpResponse csv =
        raw_get(server, supervisor_token, "/survey/report.csv?period=" + this_month());
    ASSERT_EQ(csv.status, 200);
    EXPECT_NE(csv.header("Content-Type").value_or("").find("text/csv"), std::string::npos);
    EXPECT_NE(csv.body.find("3,Waktu Penyelesaian,Completion time,8,3,2.6667,0.2960,66.67,C\r\n"),
              std::string::npos)
        << csv.body;
    EXPECT_NE(csv.body.find("\r\nIKM,3.3670\r\n"), std::string::npos);
    EXPECT_NE(csv.body.find("\r\nIKM konversi / Converted IKM,84.18\r\n"), std::string::npos);
    EXPECT_NE(csv.body.find("Mutu pelayanan / Service quality,B,Baik,Good"), std::string::npos);
    EXPECT_NE(csv.body.find("\"Ruang tunggu, lebih sejuk\""), std::string::npos);

    // The XLSX: a zip holding the worksheet with the figures.
    const net::HttpResponse xlsx =
        raw_get(server, supervisor_token, "/survey/report.xlsx?period=" + this_month());
    ASSERT_EQ(xlsx.status, 200);
    ASSERT_GT(xlsx.body.size(), 4u);
    EXPECT_EQ(xlsx.body.substr(0, 4), std::string("PK\x03\x04", 4));
    const auto file = dir.path() / "report.xlsx";
    std::ofstream(file, std::ios::binary) << xlsx.body;
    const std::string check =
        "python3 -c \"import zipfile,sys; z=zipfile.ZipFile(sys.argv[1]); "
        "s=z.read('xl/worksheets/sheet1.xml').decode(); "
        "t=z.read('xl/sharedStrings.xml').decode(); "
        "print(('3.367' in s) and ('84.18' in s) and ('Waktu Penyelesaian' in t) and "
        "('IKM ' in z.read('xl/workbook.xml').decode()))\" '" +
        file.string() + "'";
    FILE* pipe = popen(check.c_str(), "r");
    ASSERT_NE(pipe, nullptr);
    char line[64] = {};
    const bool read = fgets(line, sizeof line, pipe) != nullptr;
    pclose(pipe);
    EXPECT_TRUE(read);
    EXPECT_EQ(std::string(line), "True\n");
}

TEST_F(SurveyApiTest, OnlySupervisorsAndAdminsReadReportsAndPlans) {
    const std::string period = "?period=" + this_month();
    for (const std::string& path :
         {"/survey/report" + period, "/survey/report.csv" + period, "/survey/report.xlsx" + period,
          "/survey/follow-ups" + period}) {
        SCOPED_TRACE(path);
        EXPECT_EQ(anonymous.get(path).status, 401);
        EXPECT_EQ(clerk.get(path).status, 403);
        EXPECT_EQ(kiosk.get(path).status, 403);
        EXPECT_EQ(supervisor.get(path).status, 200);
    }
    const json plan = {{"period", "2026-S2"},      {"element", "waktu"},
                       {"action", "Tambah loket"}, {"owner", "Kepala Bidang"},
                       {"deadline", "2027-03-31"}, {"status", "direncanakan"},
                       {"percent_done", 0}};
    EXPECT_EQ(clerk.post("/survey/follow-ups", plan).status, 403);
    EXPECT_EQ(supervisor.get("/survey/report").field(), "period");
    EXPECT_EQ(supervisor.get("/survey/report?period=2026-13").field(), "period");
}

TEST_F(SurveyApiTest, FollowUpPlanIsKeptPerPeriod) {
    json plan = {{"period", "2026-S2"},      {"element", "waktu"},
                 {"action", "Tambah loket"}, {"owner", "Kepala Bidang Pelayanan"},
                 {"deadline", "2027-03-31"}, {"status", "direncanakan"},
                 {"percent_done", 0}};
    const Reply added = supervisor.post("/survey/follow-ups", plan);
    ASSERT_EQ(added.status, 201) << added.body.dump();
    const std::string id = std::to_string(added.body["id"].get<long>());
    EXPECT_EQ(added.body["period"], "2026-S2");
    EXPECT_EQ(added.body["updated_by"], "rina");

    plan.erase("period");
    plan["status"] = "berjalan";
    plan["percent_done"] = 40;
    const Reply updated = supervisor.raw("PUT", "/survey/follow-ups/" + id, plan.dump());
    ASSERT_EQ(updated.status, 200) << updated.body.dump();
    EXPECT_EQ(updated.body["percent_done"], 40);

    // Status and percentage must agree: refused naming the field, nothing changed.
    plan["status"] = "selesai";
    const Reply bad = supervisor.raw("PUT", "/survey/follow-ups/" + id, plan.dump());
    EXPECT_EQ(bad.status, 400);
    EXPECT_EQ(bad.field(), "percent_done");
    EXPECT_FALSE(bad.body["error"]["message_id"].get<std::string>().empty());
    const Reply list = supervisor.get("/survey/follow-ups?period=2026-S2");
    ASSERT_EQ(list.body["follow_ups"].size(), 1u);
    EXPECT_EQ(list.body["follow_ups"][0]["status"], "berjalan");
    EXPECT_TRUE(supervisor.get("/survey/follow-ups?period=2026-S1").body["follow_ups"].empty());

    EXPECT_EQ(supervisor.raw("DELETE", "/survey/follow-ups/" + id, "").status, 200);
    EXPECT_EQ(supervisor.raw("DELETE", "/survey/follow-ups/" + id, "").status, 404);
    EXPECT_TRUE(supervisor.get("/survey/follow-ups?period=2026-S2").body["follow_ups"].empty());
}

TEST_F(SurveyApiTest, BadInputIsRefusedNamingTheFieldAndNothingIsStored) {
    const std::string token = finished_visit();
    json partial = response({4, 3, 3, 4, 3, 4, 4, 2, 3});
    partial["answers"].erase("waktu");
    partial["token"] = token;
    const Reply missing = anonymous.post("/survey/responses", partial);
    EXPECT_EQ(missing.status, 400);
    EXPECT_EQ(missing.field(), "answers.waktu");
    EXPECT_EQ(missing.code(), "required");
    EXPECT_EQ(
        missing.body["error"]["message_id"].get<std::string>().rfind("Isian 'answers.waktu'", 0),
        0u);

    json wrong = response({4, 3, 5, 4, 3, 4, 4, 2, 3});
    wrong["token"] = token;
    EXPECT_EQ(anonymous.post("/survey/responses", wrong).field(), "answers.waktu");
    json education = response({4, 3, 3, 4, 3, 4, 4, 2, 3}, 30, "P", "doktor");
    education["token"] = token;
    EXPECT_EQ(anonymous.post("/survey/responses", education).field(), "profile.education");
    json bad_token = response({4, 3, 3, 4, 3, 4, 4, 2, 3});
    bad_token["token"] = "bukan-token";
    EXPECT_EQ(anonymous.post("/survey/responses", bad_token).field(), "token");
    EXPECT_EQ(anonymous.raw("POST", "/survey/responses", "[1,2]").code(), "invalid_json");

    // Nothing was stored: the visit may still answer, and nobody has.
    EXPECT_EQ(anonymous.get("/survey/visits/" + token).body["state"], "open");
    EXPECT_EQ(report()["respondents"], 0);
}

TEST_F(SurveyApiTest, SurveyEventsShareTheOneEventStream) {
    const std::string token = finished_visit();
    json body = response({4, 3, 3, 4, 3, 4, 4, 2, 3});
    body["token"] = token;
    ASSERT_EQ(anonymous.post("/survey/responses", body).status, 201);
    ASSERT_EQ(supervisor
                  .post("/survey/follow-ups", {{"period", "2026-S2"},
                                               {"element", "waktu"},
                                               {"action", "Tambah loket"},
                                               {"owner", "Kepala Bidang"},
                                               {"deadline", "2027-03-31"},
                                               {"status", "direncanakan"},
                                               {"percent_done", 0}})
                  .status,
              201);

    const auto read = events_until(
        server,
        [](const std::vector<net::SseEvent>& events) {
            return !events.empty() && events.back().type == "survey.follow_up_changed";
        },
        std::chrono::seconds(10));
    ASSERT_TRUE(read);
    const std::vector<net::SseEvent>& events = *read;
    long previous = 0;
    bool responded = false;
    for (const net::SseEvent& e : events) {
        EXPECT_EQ(std::stol(e.id), previous + 1) << "one sequence with the ticket events";
        previous = std::stol(e.id);
        if (e.type != "survey.responded")
            continue;
        responded = true;
        const json payload = json::parse(e.data)["payload"];
        EXPECT_EQ(payload["service"]["id"], "informasi");
        EXPECT_EQ(payload["period"], this_month());
        EXPECT_EQ(payload["channel"], "visit");
        // Anonymous, and no answers: the clerk's console follows this stream.
        EXPECT_FALSE(payload.contains("answers"));
        EXPECT_EQ(e.data.find("\"waktu\""), std::string::npos);
        EXPECT_EQ(e.data.find("A-001"), std::string::npos);
    }
    EXPECT_TRUE(responded);
    EXPECT_EQ(events[events.size() - 2].type, "survey.responded");
    const json changed_payload = json::parse(events.back().data)["payload"];
    EXPECT_EQ(changed_payload["change"], "added");
    EXPECT_EQ(changed_payload["follow_up"]["element"], "waktu");
    EXPECT_EQ(changed_payload["staff"]["name"], "rina");
}

// ---------------------------------------------------------------------------------------------
// Publication: the index of the last complete semester and the service pledge, for the
// waiting room and the kiosk (docs/skm.md, "Publication").

namespace {

// The semester before the one holding `local_date` ("2026-12-05" → "2026-S1").
std::string previous_semester(const std::string& local_date) {
    const int year = std::stoi(local_date.substr(0, 4));
    const int month = std::stoi(local_date.substr(5, 2));
    return month > 6 ? std::to_string(year) + "-S1" : std::to_string(year - 1) + "-S2";
}
std::string current_semester(const std::string& local_date) {
    return local_date.substr(0, 4) + (std::stoi(local_date.substr(5, 2)) > 6 ? "-S2" : "-S1");
}
// A day inside the semester before the one holding `local_date`.
std::string day_in_previous_semester(const std::string& local_date) {
    const int year = std::stoi(local_date.substr(0, 4));
    return std::stoi(local_date.substr(5, 2)) > 6 ? std::to_string(year) + "-03-10"
                                                  : std::to_string(year - 1) + "-09-10";
}

}  // namespace

TEST_F(SurveyApiTest, PublicationIsOffByDefaultAndEmptyPeriodsHaveNoIndex) {
    const std::string today = anonymous.get("/office").body["local_date"];
    const Reply p = anonymous.get("/survey/publication");
    ASSERT_EQ(p.status, 200) << p.body.dump();
    EXPECT_EQ(p.body["show_ikm"], false);
    // Neither semester has responses: the current one is named.
    EXPECT_EQ(p.body["period"]["key"], current_semester(today));
    EXPECT_EQ(p.body["period"]["name"].get<std::string>().rfind("Semester ", 0), 0u);
    EXPECT_TRUE(p.body["ikm"].is_null());
    EXPECT_TRUE(p.body["grade"].is_null());
    EXPECT_TRUE(p.body["grade_name"].is_null());
    EXPECT_EQ(p.body["respondents"], 0);
    EXPECT_EQ(p.body["maklumat"], "");
    EXPECT_EQ(p.body["maklumat_en"], "");

    // Turned on, an empty period still has no index rather than an index of zero.
    ApiClient admin{server.url(), add_user_and_login(server, "ani", "admin")};
    json settings = admin.get("/settings").body;
    EXPECT_EQ(settings["publication"]["show_ikm"], false);
    settings["publication"]["show_ikm"] = true;
    ASSERT_EQ(admin.raw("PUT", "/settings", settings.dump()).status, 200);
    const Reply on = anonymous.get("/survey/publication");
    EXPECT_EQ(on.body["show_ikm"], true);
    EXPECT_TRUE(on.body["ikm"].is_null());
    EXPECT_TRUE(on.body["grade"].is_null());
}

TEST_F(SurveyApiTest, PublicationShowsTheCurrentSemesterOnlyWhileTheLastHasNoResponses) {
    ApiClient admin{server.url(), add_user_and_login(server, "ani", "admin")};
    json settings = admin.get("/settings").body;
    settings["publication"] = {{"show_ikm", true},
                               {"maklumat", "Dengan ini kami menyatakan sanggup..."},
                               {"maklumat_en", "We hereby pledge..."}};
    const Reply saved = admin.raw("PUT", "/settings", settings.dump());
    ASSERT_EQ(saved.status, 200) << saved.body.dump();
    EXPECT_EQ(saved.body["publication"]["maklumat_en"], "We hereby pledge...");

    // Two responses this semester: 30 and 26 points, IKM 56 x 0,111 / 2 = 3,108 → 77,70 (B).
    for (const auto& scores : {std::array<int, 9>{4, 3, 3, 4, 3, 4, 4, 2, 3},
                               std::array<int, 9>{3, 3, 3, 3, 3, 3, 3, 3, 2}}) {
        json body = response(scores);
        body["token"] = finished_visit();
        ASSERT_EQ(anonymous.post("/survey/responses", body).status, 201);
    }
    const std::string today = anonymous.get("/office").body["local_date"];
    Reply p = anonymous.get("/survey/publication");
    ASSERT_EQ(p.status, 200);
    EXPECT_EQ(p.body["period"]["key"], current_semester(today));
    EXPECT_DOUBLE_EQ(p.body["ikm"].get<double>(), 77.70);
    EXPECT_EQ(p.body["grade"], "B");
    EXPECT_EQ(p.body["grade_name"], "Baik");
    EXPECT_EQ(p.body["grade_name_en"], "Good");
    EXPECT_EQ(p.body["respondents"], 2);
    EXPECT_EQ(p.body["maklumat"], "Dengan ini kami menyatakan sanggup...");

    // One response in the semester before: that complete semester is published.
    {
        SQLite::Database db(server.db().string(), SQLite::OPEN_READWRITE);
        db.exec(
            "INSERT INTO survey_responses (channel, local_date, service, persyaratan, "
            "prosedur, waktu, biaya, produk, kompetensi, perilaku, pengaduan, sarana, age, "
            "sex, education, occupation) VALUES ('visit', '" +
            day_in_previous_semester(today) +
            "', 'informasi', 4, 4, 4, 4, 4, 4, 4, 4, 4, 40, 'L', 's1', 'pns')");
    }
    p = anonymous.get("/survey/publication");
    EXPECT_EQ(p.body["period"]["key"], previous_semester(today));
    EXPECT_DOUBLE_EQ(p.body["ikm"].get<double>(), 99.90);  // 36 x 0,111 x 25
    EXPECT_EQ(p.body["grade"], "A");
    EXPECT_EQ(p.body["respondents"], 1);
    // The open performance data publishes the same index.
    Reply open = anonymous.get("/open-data");
    EXPECT_DOUBLE_EQ(open.body["skm"]["ikm"].get<double>(), 99.90);
    EXPECT_EQ(open.body["skm"]["grade"], "A");

    // Switched off: the period and pledge stay, the index goes, from the open data too.
    settings["publication"]["show_ikm"] = false;
    ASSERT_EQ(admin.raw("PUT", "/settings", settings.dump()).status, 200);
    p = anonymous.get("/survey/publication");
    EXPECT_EQ(p.body["show_ikm"], false);
    EXPECT_TRUE(p.body["ikm"].is_null());
    EXPECT_TRUE(p.body["grade"].is_null());
    EXPECT_EQ(p.body["maklumat_en"], "We hereby pledge...");
    open = anonymous.get("/open-data");
    EXPECT_TRUE(open.body["skm"]["ikm"].is_null()) << open.body["skm"].dump();
    EXPECT_TRUE(open.body["skm"]["grade"].is_null());
    EXPECT_EQ(open.body["skm"]["respondents"], 1);
}

TEST_F(SurveyApiTest, PublicationSettingsRefusalsNameTheFieldAndKeepTheSavedOnes) {
    ApiClient admin{server.url(), add_user_and_login(server, "ani", "admin")};
    const json settings = admin.get("/settings").body;
    const auto refused = [&](const json& publication) {
        json bad = settings;
        bad["publication"] = publication;
        return admin.raw("PUT", "/settings", bad.dump());
    };
    Reply r = refused({{"show_ikm", "ya"}});
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.field(), "publication.show_ikm");
    r = refused({{"maklumat", std::string(1001, 'a')}});
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.field(), "publication.maklumat");
    EXPECT_EQ(r.code(), "too_long");
    // 1000 code points of a two-byte letter are within the limit.
    std::string thousand;
    for (int i = 0; i < 1000; ++i)
        thousand += "\xC3\xA9";
    EXPECT_EQ(refused({{"maklumat", thousand}}).status, 200);
    r = refused({{"maklumat_en", std::string("a\x01b")}});
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.field(), "publication.maklumat_en");
    r = refused({{"show", true}});
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.field(), "publication.show");
    EXPECT_EQ(admin.get("/settings").body["publication"]["maklumat"], thousand);
}

// The receipt's QR code opens the survey of the whole permit service: once the file has been
// handed over (its time and its product can then be judged), once per file, counted under the
// pickup service when the file came and left without a ticket.
TEST_F(SurveyApiTest, TheReceiptAnswersOnceForItsFileAfterTheHandOver) {
    const ReadyApplication file = make_ready_application(supervisor);
    ASSERT_FALSE(file.token.empty());
    const Reply ready = anonymous.get("/survey/visits/" + file.token);
    ASSERT_EQ(ready.status, 200) << ready.body.dump();
    EXPECT_EQ(ready.body["state"], "not_yet");
    EXPECT_TRUE(ready.body["ticket"].is_null());
    EXPECT_EQ(ready.body["application"]["number"], file.number);
    EXPECT_EQ(ready.body["permit"]["id"], "pelalawan-iumk");
    EXPECT_EQ(ready.body["service"]["id"], "pengambilan");
    EXPECT_EQ(ready.body.dump().find("Siti"), std::string::npos);  // no personal data

    const json body = [&] {
        json b = response({4, 4, 3, 4, 3, 4, 4, 3, 4});
        b["token"] = file.token;
        return b;
    }();
    const Reply early = anonymous.post("/survey/responses", body);
    EXPECT_EQ(early.status, 409);
    EXPECT_EQ(early.code(), "survey_not_open");
    EXPECT_EQ(report()["respondents"], 0);

    const Reply handed = supervisor.post("/applications/" + std::to_string(file.id) + "/pickup",
                                         {{"received_by", "Siti Rahma (KTP)"}});
    ASSERT_EQ(handed.status, 200) << handed.body.dump();
    EXPECT_EQ(anonymous.get("/survey/visits/" + file.token).body["state"], "open");

    const Reply first = anonymous.raw("POST", "/survey/responses", body.dump(), "application/json",
                                      {{"Idempotency-Key", "berkas-1"}});
    ASSERT_EQ(first.status, 201) << first.body.dump();
    EXPECT_EQ(first.body["response"]["service"]["id"], "pengambilan");
    EXPECT_EQ(first.body["response"]["permit_id"], "pelalawan-iumk");
    EXPECT_EQ(first.body["response"]["channel"], "visit");
    const Reply retry = anonymous.raw("POST", "/survey/responses", body.dump(), "application/json",
                                      {{"Idempotency-Key", "berkas-1"}});
    EXPECT_EQ(retry.status, 200);
    EXPECT_TRUE(retry.body["replayed"].get<bool>());
    const Reply second = anonymous.post("/survey/responses", body);
    EXPECT_EQ(second.status, 409);
    EXPECT_EQ(second.code(), "survey_already_answered");
    EXPECT_EQ(anonymous.get("/survey/visits/" + file.token).body["state"], "answered");
    EXPECT_EQ(report()["respondents"], 1);
    EXPECT_EQ(report("&service=pengambilan")["respondents"], 1);
}

// The report of one permit: its responses, and the people served for it as the population.
TEST_F(SurveyApiTest, TheReportNarrowsToOnePermit) {
    for (const auto& [permit, score] :
         {std::pair<std::string, int>{"pelalawan-iumk", 4}, {"dairi-iumk", 2}, {"", 3}}) {
        json body = response({score, score, score, score, score, score, score, score, score});
        body["token"] = finished_visit("informasi", 1, permit);
        ASSERT_EQ(anonymous.post("/survey/responses", body).status, 201);
    }
    finished_visit("informasi", 1, "pelalawan-iumk");  // served, not answered

    const json iumk = report("&permit=pelalawan-iumk");
    EXPECT_EQ(iumk["respondents"], 1);
    EXPECT_EQ(iumk["permit"]["id"], "pelalawan-iumk");
    EXPECT_FALSE(iumk["permit"]["name"].get<std::string>().empty());
    EXPECT_EQ(iumk["population"], 2);
    EXPECT_DOUBLE_EQ(iumk["index"]["converted"].get<double>(), 99.90);  // 36 x 0,111 x 25
    EXPECT_EQ(report("&service=informasi&permit=dairi-iumk")["respondents"], 1);
    EXPECT_EQ(report("&service=pendaftaran&permit=pelalawan-iumk")["respondents"], 0);
    const json all = report();
    EXPECT_EQ(all["respondents"], 3);
    EXPECT_TRUE(all["permit"].is_null());

    const Reply unknown = supervisor.get("/survey/report?period=" + this_month() + "&permit=xx");
    EXPECT_EQ(unknown.status, 400);
    EXPECT_EQ(unknown.field(), "permit");

    const net::HttpResponse csv =
        raw_get(server, supervisor_token,
                "/survey/report.csv?period=" + this_month() + "&permit=pelalawan-iumk");
    ASSERT_EQ(csv.status, 200);
    EXPECT_NE(csv.body.find("\r\nIzin / Permit,"), std::string::npos) << csv.body;
    EXPECT_NE(csv.body.find("Jumlah responden / Respondents,1\r\n"), std::string::npos);
    EXPECT_NE(csv.header("Content-Disposition").value_or("").find("-pelalawan-iumk.csv"),
              std::string::npos);
}
