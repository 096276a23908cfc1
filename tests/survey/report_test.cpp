// Period reports: responses filtered by period and service, the index with its weakest
// elements, the profile breakdown, the sample check; empty and single-response periods.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <vector>

#include "loket/survey.hpp"
#include "survey_fixtures.hpp"

using namespace loket::survey;
using namespace std::chrono;
using survey_test::response;

namespace {

Response with_profile(Response r, int age, Sex sex, Education education, Occupation occupation,
                      std::string saran = {}) {
    r.profile = {age, sex, education, occupation};
    r.saran = std::move(saran);
    return r;
}

// Two responses in Q3, three in Q4 (one of them for another service), one in 2027.
std::vector<Response> year_of_responses() {
    return {
        with_profile(response({1, 1, 1, 1, 1, 1, 1, 1, 1}, year{2026} / September / 30), 20, Sex::L,
                     Education::Sma, Occupation::Swasta),
        with_profile(response({2, 2, 2, 2, 2, 2, 2, 2, 2}, year{2026} / July / 1), 70, Sex::P,
                     Education::SdKeBawah, Occupation::Lainnya),
        with_profile(response({4, 3, 2, 4, 3, 4, 4, 2, 3}, year{2026} / October / 1), 24, Sex::P,
                     Education::S1, Occupation::Wirausaha, "Tambah loket."),
        with_profile(response({4, 4, 3, 4, 4, 4, 4, 3, 4}, year{2026} / December / 31), 25, Sex::L,
                     Education::S2KeAtas, Occupation::Pns),
        with_profile(
            response({3, 3, 3, 3, 3, 3, 3, 3, 3}, year{2026} / November / 15, "pengambilan"), 64,
            Sex::P, Education::Diploma, Occupation::Tni, "Terima kasih"),
        with_profile(response({4, 4, 4, 4, 4, 4, 4, 4, 4}, year{2027} / January / 1), 65, Sex::L,
                     Education::Smp, Occupation::Polri),
    };
}

}  // namespace

TEST(SurveyReport, QuarterReportCountsOnlyItsResponses) {
    const auto responses = year_of_responses();
    const PeriodReport report = period_report(responses, parse_period("2026-Q4"), {}, 640);
    EXPECT_EQ(report.respondents, 3);
    ASSERT_TRUE(report.index.has_value());
    // Q4: rows 29 + 34 + 27 = 90 points from 3 respondents: the NRRs add up to 90/3 = 30,
    // IKM 30 x 0.111 = 3.33 -> 3.3300, converted 3.33 x 25 = 83.25, B.
    EXPECT_EQ(report.index->ikm_rounded(), (Decimal{33300, 4}));
    EXPECT_EQ(report.index->converted_rounded(), (Decimal{8325, 2}));
    EXPECT_EQ(report.index->grade(), Grade::B);
    // Per element over the three: waktu 2+3+3 = 8 and pengaduan 2+3+3 = 8 are lowest (8/3),
    // then prosedur 3+4+3, produk 3+4+3 and sarana 3+4+3 tie at 10/3; prosedur comes first.
    EXPECT_EQ(report.weakest,
              (std::vector<Element>{Element::Waktu, Element::Pengaduan, Element::Prosedur}));
    ASSERT_TRUE(report.sample.has_value());
    EXPECT_EQ(report.sample->required, 242);
    EXPECT_FALSE(report.sample->reached());

    // The profile of the three.
    const ProfileBreakdown& p = report.profile;
    EXPECT_EQ(p.respondents, 3);
    EXPECT_EQ(p.sex, (std::array<std::int64_t, 2>{1, 2}));
    EXPECT_EQ(p.education, (std::array<std::int64_t, 6>{0, 0, 0, 1, 1, 1}));
    EXPECT_EQ(p.occupation, (std::array<std::int64_t, 6>{1, 1, 0, 0, 1, 0}));
    EXPECT_EQ(p.age, (std::vector<std::int64_t>{1, 1, 0, 0, 1, 0}));  // 24, 25, 64
    EXPECT_EQ(p.services, (std::vector<std::pair<std::string, std::int64_t>>{{"pendaftaran", 2},
                                                                             {"pengambilan", 1}}));
    EXPECT_EQ(p.with_saran, 2);

    const nlohmann::json json = to_json(report);
    EXPECT_EQ(json["period"], "2026-Q4");
    EXPECT_EQ(json["period_label"], "Triwulan IV 2026");
    EXPECT_EQ(json["respondents"], 3);
    EXPECT_EQ(json["index"]["grade"], "B");
    EXPECT_EQ(json["weakest"], (nlohmann::json{"waktu", "pengaduan", "prosedur"}));
    EXPECT_EQ(json["profile"]["sex"][1]["id"], "P");
    EXPECT_EQ(json["profile"]["sex"][1]["count"], 2);
    EXPECT_EQ(json["profile"]["age"][5]["id"], "65+");
    EXPECT_EQ(json["sample"]["required"], 242);
    EXPECT_EQ(json["sample"]["reached"], false);
    EXPECT_TRUE(json["service"].is_null());
    EXPECT_NO_THROW(json.dump());
}

TEST(SurveyReport, ServiceFilter) {
    const auto responses = year_of_responses();
    const PeriodReport report = period_report(responses, parse_period("2026-Q4"), "pengambilan");
    EXPECT_EQ(report.respondents, 1);
    EXPECT_EQ(report.service, "pengambilan");
    // Nine 3s: 27 x 0.111 = 2.997, x 25 = 74.925 -> 74.93.
    EXPECT_EQ(report.index->converted_rounded(), (Decimal{7493, 2}));
    EXPECT_FALSE(report.sample.has_value());
    EXPECT_EQ(to_json(report)["service"], "pengambilan");
}

TEST(SurveyReport, EmptyPeriodHasNoIndex) {
    const auto responses = year_of_responses();
    const PeriodReport report = period_report(responses, parse_period("2026-03"), {}, 0);
    EXPECT_EQ(report.respondents, 0);
    EXPECT_FALSE(report.index.has_value());
    EXPECT_TRUE(report.weakest.empty());
    EXPECT_EQ(report.profile.respondents, 0);
    EXPECT_EQ(report.profile.age, (std::vector<std::int64_t>(6, 0)));
    const nlohmann::json json = to_json(report);
    EXPECT_TRUE(json["index"].is_null());  // no index, not an index of zero
    EXPECT_TRUE(json["weakest"].empty());
    EXPECT_EQ(json["sample"]["required"], 0);

    EXPECT_FALSE(period_report({}, parse_period("2026"), {}).index.has_value());
}

TEST(SurveyReport, SingleResponsePeriod) {
    const auto responses = year_of_responses();
    const PeriodReport report = period_report(responses, parse_period("2027-01"));
    EXPECT_EQ(report.respondents, 1);
    ASSERT_TRUE(report.index.has_value());
    EXPECT_EQ(report.index->converted_rounded(), (Decimal{9990, 2}));  // 36 x 0.111 x 25
    EXPECT_EQ(report.index->grade(), Grade::A);
    // All nine tie at 4: the first three in the regulation's order.
    EXPECT_EQ(report.weakest,
              (std::vector<Element>{Element::Persyaratan, Element::Prosedur, Element::Waktu}));
    EXPECT_EQ(report.profile.age[5], 1);  // 65
}

TEST(SurveyReport, YearAndSemesterTakeEveryDayOfThem) {
    const auto responses = year_of_responses();
    EXPECT_EQ(period_report(responses, parse_period("2026")).respondents, 5);
    EXPECT_EQ(period_report(responses, parse_period("2026-S2")).respondents, 5);
    EXPECT_EQ(period_report(responses, parse_period("2026-S1")).respondents, 0);
    EXPECT_EQ(period_report(responses, parse_period("2026-Q3")).respondents, 2);
    EXPECT_EQ(period_report(responses, parse_period("2026-12")).respondents, 1);
    EXPECT_EQ(responses_in(responses, parse_period("2026-Q3"), "pengambilan").size(), 0u);
}

TEST(SurveyReport, AgeBandsCoverTheAcceptedAges) {
    const auto bands = age_bands();
    ASSERT_EQ(bands.size(), 6u);
    EXPECT_EQ(bands.front().from, kMinAge);
    EXPECT_EQ(bands.back().to, kMaxAge);
    for (std::size_t i = 1; i < bands.size(); ++i)
        EXPECT_EQ(bands[i].from, bands[i - 1].to + 1);
    std::vector<Response> ages;
    for (const int age : {15, 24, 25, 34, 35, 44, 45, 54, 55, 64, 65, 100}) {
        ages.push_back(with_profile(response({3, 3, 3, 3, 3, 3, 3, 3, 3}), age, Sex::L,
                                    Education::Sma, Occupation::Swasta));
    }
    EXPECT_EQ(profile_breakdown(ages).age, (std::vector<std::int64_t>{2, 2, 2, 2, 2, 2}));
}
