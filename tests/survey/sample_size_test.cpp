// The Krejcie and Morgan table at its listed populations and between them.
#include <gtest/gtest.h>

#include <cmath>

#include "loket/survey.hpp"

using namespace loket::survey;

TEST(SurveySampleSize, PublishedValuesAtTheirPopulations) {
    const std::array<SampleRow, 12> published = {{{50, 44},
                                                  {100, 80},
                                                  {200, 132},
                                                  {300, 169},
                                                  {500, 217},
                                                  {1000, 278},
                                                  {2000, 322},
                                                  {5000, 357},
                                                  {10000, 370},
                                                  {20000, 377},
                                                  {50000, 381},
                                                  {1000000, 384}}};
    for (const SampleRow& row : published)
        EXPECT_EQ(required_sample(row.population), row.sample) << row.population;
    for (const SampleRow& row : krejcie_morgan_table())
        EXPECT_EQ(required_sample(row.population), row.sample) << row.population;
}

TEST(SurveySampleSize, BetweenRowsTheNextListedPopulationAboveCounts) {
    EXPECT_EQ(required_sample(101), 86);  // 110 -> 86
    EXPECT_EQ(required_sample(109), 86);
    EXPECT_EQ(required_sample(301), 175);    // 320 -> 175
    EXPECT_EQ(required_sample(501), 226);    // 550 -> 226
    EXPECT_EQ(required_sample(999), 278);    // 1000 -> 278
    EXPECT_EQ(required_sample(1001), 285);   // 1100 -> 285
    EXPECT_EQ(required_sample(10001), 375);  // 15000 -> 375
    EXPECT_EQ(required_sample(75001), 384);  // 1000000 -> 384
}

TEST(SurveySampleSize, SmallAndHugePopulations) {
    EXPECT_EQ(required_sample(0), 0);
    EXPECT_EQ(required_sample(1), 1);
    EXPECT_EQ(required_sample(9), 9);  // never more than the population
    EXPECT_EQ(required_sample(10), 10);
    EXPECT_EQ(required_sample(11), 11);  // 15 -> 14, but only 11 people were served
    EXPECT_EQ(required_sample(14), 14);
    EXPECT_EQ(required_sample(15), 14);
    EXPECT_EQ(required_sample(16), 16);  // 20 -> 19, capped at 16
    EXPECT_EQ(required_sample(19), 19);
    EXPECT_EQ(required_sample(20), 19);
    EXPECT_EQ(required_sample(2000000), 384);
    EXPECT_THROW(required_sample(-1), std::invalid_argument);
}

TEST(SurveySampleSize, TableIsOrderedAndMatchesItsFormulaWithinOne) {
    // s = X^2 N P(1-P) / (d^2 (N-1) + X^2 P(1-P)), X^2 = 3.841, P = 0.5, d = 0.05: the printed
    // values sit within one of it, a check that every row was copied right.
    const auto table = krejcie_morgan_table();
    ASSERT_EQ(table.size(), 90u);
    for (std::size_t i = 0; i < table.size(); ++i) {
        const double n = static_cast<double>(table[i].population);
        const double s = 3.841 * n * 0.25 / (0.0025 * (n - 1) + 3.841 * 0.25);
        EXPECT_LT(std::abs(s - static_cast<double>(table[i].sample)), 1.0) << table[i].population;
        if (i > 0) {
            EXPECT_GT(table[i].population, table[i - 1].population);
            EXPECT_GE(table[i].sample, table[i - 1].sample);
        }
    }
}

TEST(SurveySampleSize, WhetherAPeriodReachesIt) {
    const SampleCheck short_of = check_sample(1000, 277);
    EXPECT_EQ(short_of.required, 278);
    EXPECT_FALSE(short_of.reached());
    EXPECT_TRUE(check_sample(1000, 278).reached());
    EXPECT_TRUE(check_sample(1000, 400).reached());
    EXPECT_TRUE(check_sample(0, 0).reached());
    const SampleCheck between = check_sample(640, 240);  // 650 -> 242
    EXPECT_EQ(between.population, 640);
    EXPECT_EQ(between.required, 242);
    EXPECT_EQ(between.responses, 240);
    EXPECT_FALSE(between.reached());
}
