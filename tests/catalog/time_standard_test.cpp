// parse_time_standard over every wording found in the seeds, plus text it must survive.
#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "loket/catalog.hpp"

namespace loket {
namespace {

struct Case {
    std::string text;
    std::optional<int> minutes_min, minutes_max, days_min, days_max, from, to;
    // The days are "hari kerja" (working days), a unit of their own, not calendar "hari".
    bool working = false;
};

void PrintTo(const Case& c, std::ostream* os) {
    *os << '"' << c.text << '"';
}

class TimeStandardCases : public ::testing::TestWithParam<Case> {};

TEST_P(TimeStandardCases, DerivesTheNormalisedParts) {
    const Case& c = GetParam();
    const catalog::TimeStandard t = catalog::parse_time_standard(c.text);
    EXPECT_EQ(t.text, c.text);
    EXPECT_EQ(t.minutes_min, c.minutes_min);
    EXPECT_EQ(t.minutes_max, c.minutes_max);
    const std::optional<int> none;
    EXPECT_EQ(t.days_min, c.working ? none : c.days_min);
    EXPECT_EQ(t.days_max, c.working ? none : c.days_max);
    EXPECT_EQ(t.working_days_min, c.working ? c.days_min : none);
    EXPECT_EQ(t.working_days_max, c.working ? c.days_max : none);
    EXPECT_EQ(t.day_offset_from, c.from);
    EXPECT_EQ(t.day_offset_to, c.to);
    EXPECT_EQ(t.has_duration(), c.minutes_min.has_value() || c.days_min.has_value());
}

constexpr std::nullopt_t none = std::nullopt;

INSTANTIATE_TEST_SUITE_P(
    SeedWordings, TimeStandardCases,
    ::testing::Values(
        Case{"15 menit", 15, 15, none, none, none, none},
        Case{"120 menit", 120, 120, none, none, none, none},
        Case{"20 Menit", 20, 20, none, none, none, none},
        Case{"2 Jam", 120, 120, none, none, none, none},
        Case{"2 jam", 120, 120, none, none, none, none},
        Case{"1 Jam", 60, 60, none, none, none, none}, Case{"1 Hari", none, none, 1, 1, none, none},
        Case{"2 Hari", none, none, 2, 2, none, none},
        Case{"1 hari kerja", none, none, 1, 1, none, none, true},
        Case{"3 hari kerja", none, none, 3, 3, none, none, true},
        Case{"Hari ke H 10 menit", 10, 10, none, none, 0, 0},
        Case{"Hari ke H 10 - 30 menit", 10, 30, none, none, 0, 0},
        Case{"Hari ke H 5 - 15 menit", 5, 15, none, none, 0, 0},
        Case{"Hari ke H 60 menit", 60, 60, none, none, 0, 0},
        Case{"Hari H - H+1 5 - 15 menit", 5, 15, none, none, 0, 1},
        Case{"Hari H - H+3 10 - 30 menit", 10, 30, none, none, 0, 3},
        Case{"Hari H - H+4 10 - 30 menit", 10, 30, none, none, 0, 4},
        Case{"Hari H - H+5 5 - 15 menit", 5, 15, none, none, 0, 5},
        Case{"Hari H - H+5 (sesuai dengan jenis permohonan)", none, none, none, none, 0, 5},
        Case{"Hari ke H (sesuai dengan jenis izin / non izin yang diminta)", none, none, none, none,
             0, 0},
        Case{"Sesuai kebutuhan & keperluan pemohon", none, none, none, none, none, none},
        // Kaltim step 1: clock times and the word "Jam" without a count are not durations.
        Case{"Jam Pelayanan Senin-Kamis 08.00-19.00 WITA Jum'at 08.00- 11.00 WITA", none, none,
             none, none, none, none},
        Case{"Setiap hari kerja sesuai dengan jam pelayanan kantor", none, none, none, none, none,
             none},
        Case{"", none, none, none, none, none, none}));

INSTANTIATE_TEST_SUITE_P(
    OtherWordings, TimeStandardCases,
    ::testing::Values(Case{"1 jam 30 menit", 90, 90, none, none, none, none},  // parts add up
                      Case{"30 - 10 menit", 10, 30, none, none, none, none},   // reversed range
                      Case{"10 \xE2\x80\x93 30 menit", 10, 30, none, none, none, none},  // en dash
                      Case{"1-2 hari kerja", none, none, 1, 2, none, none, true},
                      Case{"15menit", 15, 15, none, none, none, none},
                      // Kaltim I: the figure spelt out in brackets; calendar days.
                      Case{"7 (tujuh) hari", none, none, 7, 7, none, none},
                      Case{"7 (tujuh) hari kerja", none, none, 7, 7, none, none, true},
                      Case{"7 (tujuh belas) hari", none, none, none, none, none, none},
                      Case{"Hari H+1", none, none, none, none, 1, 1},
                      Case{"1,5 jam", none, none, none, none, none, none},  // decimals are not read
                      Case{"menit 15", none, none, none, none, none, none},
                      Case{"99999999999999999999 menit", none, none, none, none, none, none}));

TEST(TimeStandard, SurvivesOddText) {
    // The long text is appended to, not built with operator+: GCC 12 reports a false
    // -Warray-bounds on the inlined concatenation.
    std::string long_number(100000, '9');
    long_number.append(" menit");
    const std::string odd[] = {
        "Hari H - H+",           "Hari ke",  "- - 5 -",   "+++",      "H+3",
        "\xFF\xFE\x00",          "\xE2\x80", "menit jam", "Hari H -", long_number,
        std::string(50000, '-'),
    };
    for (const std::string& text : odd) {
        SCOPED_TRACE(text.substr(0, 40));
        catalog::TimeStandard t;
        EXPECT_NO_THROW(t = catalog::parse_time_standard(text));
        EXPECT_EQ(t.text, text);
    }
    // Many durations in one text cannot overflow.
    std::string many;
    for (int i = 0; i < 100000; ++i)
        many += "99999 jam ";
    const catalog::TimeStandard t = catalog::parse_time_standard(many);
    ASSERT_TRUE(t.minutes_max.has_value());
    EXPECT_GT(*t.minutes_max, 0);
}

}  // namespace
}  // namespace loket
