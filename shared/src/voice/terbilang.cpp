#include "loket/terbilang.hpp"

#include <stdexcept>

#include "words.hpp"

namespace loket::voice {
namespace {

void push(std::vector<std::string>& out, std::string_view word) {
    out.emplace_back(word);
}

// 1..999 (0 adds nothing, so groups like the "000" of 2000 stay silent).
void below_thousand(std::uint64_t n, std::vector<std::string>& out) {
    const auto hundreds = n / 100;
    const auto rest = n % 100;
    if (hundreds == 1) {
        push(out, words::kHundred);
    } else if (hundreds > 1) {
        push(out, words::kUnits[hundreds]);
        push(out, words::kHundreds);
    }
    if (rest == 0)
        return;
    if (rest < 10) {
        push(out, words::kUnits[rest]);
    } else if (rest == 10) {
        push(out, words::kTen);
    } else if (rest == 11) {
        push(out, words::kEleven);
    } else if (rest < 20) {
        push(out, words::kUnits[rest % 10]);
        push(out, words::kTeen);
    } else {
        push(out, words::kUnits[rest / 10]);
        push(out, words::kTens);
        if (rest % 10 != 0)
            push(out, words::kUnits[rest % 10]);
    }
}

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
    std::string text;
    for (const auto& part : parts) {
        if (!text.empty())
            text += separator;
        text += part;
    }
    return text;
}

}  // namespace

std::vector<std::string> terbilang_words(std::uint64_t n) {
    if (n > kTerbilangMax)
        throw std::out_of_range("terbilang: " + std::to_string(n) + " is above " +
                                std::to_string(kTerbilangMax));
    std::vector<std::string> out;
    if (n == 0) {
        push(out, words::kZero);
        return out;
    }
    for (const auto& scale : words::kLargeScales) {
        if (n >= scale.value) {
            below_thousand(n / scale.value, out);
            push(out, scale.word);
            n %= scale.value;
        }
    }
    // Only a thousands group of exactly one becomes "seribu"; 101000 is "seratus satu ribu".
    const auto thousands = n / 1000;
    if (thousands == 1) {
        push(out, words::kThousand);
    } else if (thousands > 1) {
        below_thousand(thousands, out);
        push(out, words::kThousands);
    }
    below_thousand(n % 1000, out);
    return out;
}

std::string terbilang(std::uint64_t n) {
    return join(terbilang_words(n), " ");
}

std::string spell_digits(std::uint64_t n) {
    const auto digits = std::to_string(n);
    std::vector<std::string> parts;
    for (char d : digits)
        parts.emplace_back(d == '0' ? words::kZero : words::kUnits[d - '0']);
    return join(parts, ", ");
}

std::optional<std::string_view> letter_name(char letter) {
    if (letter >= 'a' && letter <= 'z')
        return words::kLetterNames[letter - 'a'];
    if (letter >= 'A' && letter <= 'Z')
        return words::kLetterNames[letter - 'A'];
    return std::nullopt;
}

}  // namespace loket::voice
