// Indonesian number words (docs/calling-numbers.md), checked against expectations written
// independently from the implementation: explicit tables for 0..19 and the hundreds.
#include "loket/terbilang.hpp"

#include <gtest/gtest.h>

#include <array>
#include <stdexcept>
#include <string>

namespace loket::voice {
namespace {

const std::array<std::string, 20> kBelowTwenty = {
    "",           "satu",       "dua",         "tiga",          "empat",
    "lima",       "enam",       "tujuh",       "delapan",       "sembilan",
    "sepuluh",    "sebelas",    "dua belas",   "tiga belas",    "empat belas",
    "lima belas", "enam belas", "tujuh belas", "delapan belas", "sembilan belas"};
const std::array<std::string, 10> kTensPrefix = {
    "",           "",           "dua puluh",   "tiga puluh",    "empat puluh",
    "lima puluh", "enam puluh", "tujuh puluh", "delapan puluh", "sembilan puluh"};
const std::array<std::string, 10> kHundredsPrefix = {
    "",           "seratus",    "dua ratus",   "tiga ratus",    "empat ratus",
    "lima ratus", "enam ratus", "tujuh ratus", "delapan ratus", "sembilan ratus"};

std::string joined(const std::string& a, const std::string& b) {
    if (a.empty())
        return b;
    if (b.empty())
        return a;
    return a + " " + b;
}

// 1..999 by rule; "" for 0 (a silent group).
std::string expected_group(int n) {
    const int r = n % 100;
    const std::string rest =
        r < 20 ? kBelowTwenty[r] : joined(kTensPrefix[r / 10], kBelowTwenty[r % 10]);
    return joined(kHundredsPrefix[n / 100], rest);
}

std::string expected(int n) {
    if (n == 0)
        return "nol";
    const int t = n / 1000;
    const std::string thousands = t == 0 ? "" : t == 1 ? "seribu" : expected_group(t) + " ribu";
    return joined(thousands, expected_group(n % 1000));
}

TEST(Terbilang, SpecialCases) {
    EXPECT_EQ(terbilang(0), "nol");
    EXPECT_EQ(terbilang(1), "satu");
    EXPECT_EQ(terbilang(10), "sepuluh");
    EXPECT_EQ(terbilang(11), "sebelas");
    EXPECT_EQ(terbilang(12), "dua belas");
    EXPECT_EQ(terbilang(19), "sembilan belas");
    EXPECT_EQ(terbilang(20), "dua puluh");
    EXPECT_EQ(terbilang(21), "dua puluh satu");
    EXPECT_EQ(terbilang(100), "seratus");
    EXPECT_EQ(terbilang(101), "seratus satu");
    EXPECT_EQ(terbilang(110), "seratus sepuluh");
    EXPECT_EQ(terbilang(111), "seratus sebelas");
    EXPECT_EQ(terbilang(199), "seratus sembilan puluh sembilan");
    EXPECT_EQ(terbilang(200), "dua ratus");
    EXPECT_EQ(terbilang(999), "sembilan ratus sembilan puluh sembilan");
}

TEST(Terbilang, AllBelowThousandMatchTheRule) {
    for (int n = 0; n < 1000; ++n)
        ASSERT_EQ(terbilang(static_cast<std::uint64_t>(n)), expected(n)) << n;
}

TEST(Terbilang, Thousands) {
    EXPECT_EQ(terbilang(1000), "seribu");
    EXPECT_EQ(terbilang(1001), "seribu satu");
    EXPECT_EQ(terbilang(1100), "seribu seratus");
    EXPECT_EQ(terbilang(1111), "seribu seratus sebelas");
    EXPECT_EQ(terbilang(2000), "dua ribu");
    EXPECT_EQ(terbilang(10000), "sepuluh ribu");
    EXPECT_EQ(terbilang(11000), "sebelas ribu");
    EXPECT_EQ(terbilang(12345), "dua belas ribu tiga ratus empat puluh lima");
    EXPECT_EQ(terbilang(100000), "seratus ribu");
    EXPECT_EQ(terbilang(101000), "seratus satu ribu");  // "seribu" only for exactly one
    EXPECT_EQ(terbilang(999999),
              "sembilan ratus sembilan puluh sembilan ribu sembilan ratus sembilan puluh "
              "sembilan");
}

TEST(Terbilang, EveryThousandsGroupMatchesTheRule) {
    // Every thousands group 0..999 with the awkward low groups and a spread of others
    // (all 10^6 values take half a minute under the sanitizers).
    for (int t = 0; t < 1000; ++t)
        for (int r : {0, 1, 10, 11, 12, 19, 20, 21, 99, 100, 101, 110, 111, 199, 200, 999,
                      (t * 7919) % 1000}) {
            const int n = t * 1000 + r;
            ASSERT_EQ(terbilang(static_cast<std::uint64_t>(n)), expected(n)) << n;
        }
}

TEST(Terbilang, LargeScales) {
    EXPECT_EQ(terbilang(1'000'000), "satu juta");
    EXPECT_EQ(terbilang(1'001'000), "satu juta seribu");
    EXPECT_EQ(terbilang(2'500'000), "dua juta lima ratus ribu");
    EXPECT_EQ(terbilang(1'000'000'000), "satu miliar");
    EXPECT_EQ(terbilang(1'000'000'000'000), "satu triliun");
    EXPECT_EQ(terbilang(kTerbilangMax).substr(0, 40), "sembilan ratus sembilan puluh sembilan t");
    EXPECT_THROW(terbilang(kTerbilangMax + 1), std::out_of_range);
}

TEST(Terbilang, WordsJoinToTheText) {
    EXPECT_EQ(terbilang_words(112), (std::vector<std::string>{"seratus", "dua", "belas"}));
    EXPECT_EQ(terbilang_words(0), (std::vector<std::string>{"nol"}));
    for (std::uint64_t n : {5ULL, 17ULL, 250ULL, 1999ULL, 707070ULL}) {
        std::string text;
        for (const auto& w : terbilang_words(n))
            text += (text.empty() ? "" : " ") + w;
        EXPECT_EQ(text, terbilang(n));
    }
}

TEST(SpellDigits, DigitByDigitWithoutLeadingZeros) {
    EXPECT_EQ(spell_digits(123), "satu, dua, tiga");
    EXPECT_EQ(spell_digits(12), "satu, dua");  // ticket "012": leading zero not read
    EXPECT_EQ(spell_digits(0), "nol");
    EXPECT_EQ(spell_digits(105), "satu, nol, lima");
    EXPECT_EQ(spell_digits(9876543210ULL),
              "sembilan, delapan, tujuh, enam, lima, empat, tiga, dua, satu, nol");
}

TEST(LetterName, AllLetters) {
    const std::array<std::string, 26> names = {
        "a",  "be", "ce", "de", "e",  "ef", "ge", "ha", "i",  "je", "ka",  "el", "em",
        "en", "o",  "pe", "ki", "er", "es", "te", "u",  "fe", "we", "eks", "ye", "zet"};
    for (int i = 0; i < 26; ++i) {
        EXPECT_EQ(letter_name(static_cast<char>('A' + i)), names[i]);
        EXPECT_EQ(letter_name(static_cast<char>('a' + i)), names[i]);
    }
    EXPECT_FALSE(letter_name('1'));
    EXPECT_FALSE(letter_name('-'));
    EXPECT_FALSE(letter_name('\xC3'));
}

}  // namespace
}  // namespace loket::voice
