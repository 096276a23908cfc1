// Period keys: month, quarter, semester and year, their days and their labels.
#include <gtest/gtest.h>

#include "loket/survey.hpp"

using namespace loket::survey;
using namespace std::chrono;

TEST(SurveyPeriod, KeysRoundTrip) {
    for (const std::string key : {"2026-12", "2026-01", "2026-Q4", "2026-Q1", "2026-S2", "2026-S1",
                                  "2026", "2000", "9999-Q3"}) {
        EXPECT_EQ(parse_period(key).key(), key);
    }
    EXPECT_EQ(parse_period("2026-12").kind(), PeriodKind::Month);
    EXPECT_EQ(parse_period("2026-Q4").kind(), PeriodKind::Quarter);
    EXPECT_EQ(parse_period("2026-S2").kind(), PeriodKind::Semester);
    EXPECT_EQ(parse_period("2026").kind(), PeriodKind::Year);
    EXPECT_EQ(parse_period("2026-Q4").number(), 4);
    EXPECT_EQ(parse_period("2026-07").number(), 7);
    EXPECT_EQ(parse_period("2026-07").year(), year{2026});
}

TEST(SurveyPeriod, FirstAndLastDays) {
    const Period q4 = parse_period("2026-Q4");
    EXPECT_EQ(q4.first_day(), year{2026} / October / 1);
    EXPECT_EQ(q4.last_day(), year{2026} / December / 31);
    const Period s1 = parse_period("2026-S1");
    EXPECT_EQ(s1.first_day(), year{2026} / January / 1);
    EXPECT_EQ(s1.last_day(), year{2026} / June / 30);
    const Period s2 = parse_period("2026-S2");
    EXPECT_EQ(s2.first_day(), year{2026} / July / 1);
    EXPECT_EQ(parse_period("2026-02").last_day(), year{2026} / February / 28);
    EXPECT_EQ(parse_period("2028-02").last_day(), year{2028} / February / 29);
    EXPECT_EQ(parse_period("2026-Q2").first_day(), year{2026} / April / 1);
    EXPECT_EQ(parse_period("2026").last_day(), year{2026} / December / 31);
}

TEST(SurveyPeriod, ContainsItsDaysOnly) {
    const Period q4 = parse_period("2026-Q4");
    EXPECT_FALSE(q4.contains(year{2026} / September / 30));
    EXPECT_TRUE(q4.contains(year{2026} / October / 1));
    EXPECT_TRUE(q4.contains(year{2026} / December / 31));
    EXPECT_FALSE(q4.contains(year{2027} / January / 1));
    EXPECT_FALSE(q4.contains(year{2025} / November / 1));
    EXPECT_FALSE(q4.contains(year{2026} / February / 30));  // not a date
    const Period december = parse_period("2026-12");
    EXPECT_TRUE(december.contains(year{2026} / December / 1));
    EXPECT_FALSE(december.contains(year{2026} / November / 30));
}

TEST(SurveyPeriod, ContainingADate) {
    const year_month_day date = year{2026} / August / 17;
    EXPECT_EQ(Period::containing(date, PeriodKind::Month).key(), "2026-08");
    EXPECT_EQ(Period::containing(date, PeriodKind::Quarter).key(), "2026-Q3");
    EXPECT_EQ(Period::containing(date, PeriodKind::Semester).key(), "2026-S2");
    EXPECT_EQ(Period::containing(date, PeriodKind::Year).key(), "2026");
    EXPECT_EQ(Period::containing(year{2026} / March / 31, PeriodKind::Quarter).key(), "2026-Q1");
    EXPECT_EQ(Period::containing(year{2026} / April / 1, PeriodKind::Quarter).key(), "2026-Q2");
    EXPECT_EQ(Period::containing(year{2026} / June / 30, PeriodKind::Semester).key(), "2026-S1");
    EXPECT_EQ(Period::quarter(year{2026}, 4), parse_period("2026-Q4"));
    EXPECT_THROW(Period::quarter(year{2026}, 5), std::invalid_argument);
    EXPECT_THROW(Period::semester(year{2026}, 0), std::invalid_argument);
}

TEST(SurveyPeriod, Labels) {
    EXPECT_EQ(parse_period("2026-12").label_id(), "Desember 2026");
    EXPECT_EQ(parse_period("2026-12").label_en(), "December 2026");
    EXPECT_EQ(parse_period("2026-Q4").label_id(), "Triwulan IV 2026");
    EXPECT_EQ(parse_period("2026-Q4").label_en(), "Q4 2026");
    EXPECT_EQ(parse_period("2026-S2").label_id(), "Semester II 2026");
    EXPECT_EQ(parse_period("2026-S1").label_en(), "H1 2026");
    EXPECT_EQ(parse_period("2026").label_id(), "Tahun 2026");
    EXPECT_EQ(parse_period("2026").label_en(), "Year 2026");
}

TEST(SurveyPeriod, BadKeysAreRefusedNamingTheField) {
    for (const std::string key : {"", "2026-13", "2026-00", "2026-Q5", "2026-Q0", "2026-S3",
                                  "2026-S0", "2026-1", "2026-q4", "2026-s2", "26-12", "1999",
                                  "2026-12-01", "2026-", "abcd", "2026Q4", "2026-Q10", " 2026"}) {
        try {
            parse_period(key, "report request", "period");
            ADD_FAILURE() << "accepted '" << key << "'";
        } catch (const SurveyInputError& e) {
            EXPECT_EQ(e.field(), "period") << key;
            EXPECT_EQ(e.source(), "report request");
            EXPECT_NE(e.reason().find("2026-Q4"), std::string::npos);
            EXPECT_NE(e.reason_indonesian().find("periode"), std::string::npos);
        }
    }
}
