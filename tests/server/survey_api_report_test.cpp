// The satisfaction survey's reports over HTTP against the real queue-server binary: reports
// (JSON, CSV, XLSX) carry figures worked out by hand and narrow to one permit, roles are
// enforced, the follow-up plan is kept per period, bad input is refused naming the field, and
// survey events arrive on the one event stream.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "api_client.hpp"
#include "event_log.hpp"
#include "survey_api_fixture.hpp"

using namespace loket;
using namespace loket::testing;
using namespace survey_api_test;
using nlohmann::json;

namespace {

// The CSV: the regulation's table, one element per row, with the worked-out figures.
void expect_worked_out_survey_csv(const net::HttpResponse& csv) {
    ASSERT_EQ(csv.status, 200);
    EXPECT_NE(csv.header("Content-Type").value_or("").find("text/csv"), std::string::npos);
    EXPECT_NE(csv.body.find("3,Waktu Penyelesaian,Completion time,8,3,2.6667,0.2960,66.67,C\r\n"),
              std::string::npos)
        << csv.body;
    EXPECT_NE(csv.body.find("\r\nIKM,3.3670\r\n"), std::string::npos);
    EXPECT_NE(csv.body.find("\r\nIKM konversi / Converted IKM,84.18\r\n"), std::string::npos);
    EXPECT_NE(csv.body.find("Mutu pelayanan / Service quality,B,Baik,Good"), std::string::npos);
    EXPECT_NE(csv.body.find("\"Ruang tunggu, lebih sejuk\""), std::string::npos);
}

// The XLSX: a zip holding the worksheet with the figures (read with Python's zipfile from
// `file`).
void expect_worked_out_survey_xlsx(const net::HttpResponse& xlsx,
                                   const std::filesystem::path& file) {
    ASSERT_EQ(xlsx.status, 200);
    ASSERT_GT(xlsx.body.size(), 4u);
    EXPECT_EQ(xlsx.body.substr(0, 4), std::string("PK\x03\x04", 4));
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

}  // namespace

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
    ASSERT_NO_FATAL_FAILURE(expect_worked_out_survey_csv(csv));

    // The XLSX: a zip holding the worksheet with the figures.
    const net::HttpResponse xlsx =
        raw_get(server, supervisor_token, "/survey/report.xlsx?period=" + this_month());
    ASSERT_NO_FATAL_FAILURE(expect_worked_out_survey_xlsx(xlsx, dir.path() / "report.xlsx"));
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
