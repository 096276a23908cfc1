#pragma once
// Every Indonesian word the voice module says or shows, in one place (docs/calling-numbers.md):
// number words, scale words, letter names and the default call phrase.
#include <array>
#include <string_view>

namespace loket::voice::words {

inline constexpr std::string_view kZero = "nol";
// Index 0 is unused: zero is only ever said on its own ("nol").
inline constexpr std::array<std::string_view, 10> kUnits = {
    "", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"};
inline constexpr std::string_view kTen = "sepuluh";
inline constexpr std::string_view kEleven = "sebelas";
inline constexpr std::string_view kTeen = "belas";       // 12..19: "dua belas"
inline constexpr std::string_view kTens = "puluh";       // 20..90: "dua puluh"
inline constexpr std::string_view kHundred = "seratus";  // exactly 100..199
inline constexpr std::string_view kHundreds = "ratus";   // 200..900: "dua ratus"
inline constexpr std::string_view kThousand = "seribu";  // exactly 1000..1999
inline constexpr std::string_view kThousands = "ribu";

// Scales above ribu; each takes "satu" (formal terbilang says "satu juta", not "sejuta").
struct Scale {
    unsigned long long value;
    std::string_view word;
};
inline constexpr std::array<Scale, 3> kLargeScales = {Scale{1'000'000'000'000ULL, "triliun"},
                                                      Scale{1'000'000'000ULL, "miliar"},
                                                      Scale{1'000'000ULL, "juta"}};

// Letter names A..Z as Indonesians spell them aloud.
inline constexpr std::array<std::string_view, 26> kLetterNames = {
    "a",  "be", "ce", "de", "e",  "ef", "ge", "ha", "i",  "je", "ka",  "el", "em",
    "en", "o",  "pe", "ki", "er", "es", "te", "u",  "fe", "we", "eks", "ye", "zet"};

inline constexpr std::string_view kDefaultTemplate =
    "Nomor antrean {letter}, {number}, silakan menuju loket {counter}";

}  // namespace loket::voice::words
