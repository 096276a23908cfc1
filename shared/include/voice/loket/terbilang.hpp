#pragma once
// Indonesian number words ("terbilang") and letter names for calling queue numbers aloud
// (docs/calling-numbers.md). Words are lower case, separated by single spaces.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace loket::voice {

// Largest number terbilang() reads: 999 triliun 999 miliar ... 999.
inline constexpr std::uint64_t kTerbilangMax = 999'999'999'999'999ULL;

// 0 "nol", 11 "sebelas", 12 "dua belas", 100 "seratus", 1000 "seribu", 2000 "dua ribu",
// 1000000 "satu juta". Throws std::out_of_range above kTerbilangMax.
std::string terbilang(std::uint64_t n);
// The same as separate words: 112 -> {"seratus", "dua", "belas"}.
std::vector<std::string> terbilang_words(std::uint64_t n);

// Digit by digit, comma separated: 123 -> "satu, dua, tiga", 0 -> "nol". Takes the value, so
// the leading zeros of a ticket number ("012") are not read: "satu, dua".
std::string spell_digits(std::uint64_t n);

// "a", "be", "ce" ... "zet" for A..Z in either case; nothing for anything else.
std::optional<std::string_view> letter_name(char letter);

}  // namespace loket::voice
