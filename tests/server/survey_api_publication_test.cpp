// The satisfaction survey's publication over HTTP against the real queue-server binary: the
// index of the last complete semester and the service pledge, for the waiting room and the
// kiosk (docs/skm.md, "Publication"), and its settings refused naming the field.
#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <string>

#include "api_client.hpp"
#include "survey_api_fixture.hpp"

using namespace loket;
using namespace loket::testing;
using namespace survey_api_test;
using nlohmann::json;

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
