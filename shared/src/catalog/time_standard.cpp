// Normalising the SOPs' time standards ("15 menit", "2 Jam", "3 hari kerja", "Hari H - H+3
// 10 - 30 menit"). A small tokenizer instead of std::regex: the input is free text from
// documents, and this must never throw or blow the stack whatever it is given.
#include <algorithm>
#include <charconv>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "loket/catalog.hpp"

namespace loket::catalog {
namespace {

// Numbers above this are not durations in a permit SOP; ignoring them also rules out overflow.
constexpr int kMaxNumber = 100000;
constexpr long long kMaxTotal = 1000000000;

struct Token {
    enum Kind { Number, Word, Symbol, Other } kind;
    std::string text;  // words lower-cased; symbols as one character
    int value = 0;     // for numbers
};

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}
bool is_alpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

std::vector<Token> tokenize(std::string_view s) {
    std::vector<Token> tokens;
    size_t i = 0;
    while (i < s.size()) {
        const char c = s[i];
        if (is_digit(c)) {
            size_t j = i;
            while (j < s.size() && is_digit(s[j]))
                ++j;
            // "08.00", "19:00", "1,5": clock times and decimals are not counts of units.
            if (j + 1 < s.size() && (s[j] == '.' || s[j] == ':' || s[j] == ',') &&
                is_digit(s[j + 1])) {
                size_t k = j + 1;
                while (k < s.size() && (is_digit(s[k]) || s[k] == '.' || s[k] == ':'))
                    ++k;
                tokens.push_back({Token::Other, std::string(s.substr(i, k - i))});
                i = k;
                continue;
            }
            int value = 0;
            const auto [ptr, ec] = std::from_chars(s.data() + i, s.data() + j, value);
            if (ec == std::errc() && ptr == s.data() + j && value <= kMaxNumber) {
                tokens.push_back({Token::Number, std::string(s.substr(i, j - i)), value});
            } else {
                tokens.push_back({Token::Other, std::string(s.substr(i, j - i))});
            }
            i = j;
        } else if (is_alpha(c)) {
            size_t j = i;
            std::string word;
            while (j < s.size() && is_alpha(s[j])) {
                word += static_cast<char>(s[j] | 0x20);  // ASCII lower case
                ++j;
            }
            tokens.push_back({Token::Word, std::move(word)});
            i = j;
        } else if (c == '-' || c == '+') {
            tokens.push_back({Token::Symbol, std::string(1, c)});
            ++i;
        } else if (s.substr(i, 3) == "\xE2\x80\x93" || s.substr(i, 3) == "\xE2\x80\x94") {
            tokens.push_back({Token::Symbol, "-"});  // en and em dash as range separators
            i += 3;
        } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            ++i;
        } else {
            tokens.push_back({Token::Other, std::string(1, c)});
            ++i;
        }
    }
    return tokens;
}

class Cursor {
  public:
    explicit Cursor(const std::vector<Token>& tokens) : tokens_(tokens) {}
    bool word(size_t at, std::string_view w) const {
        return at < tokens_.size() && tokens_[at].kind == Token::Word && tokens_[at].text == w;
    }
    bool symbol(size_t at, char c) const {
        return at < tokens_.size() && tokens_[at].kind == Token::Symbol && tokens_[at].text[0] == c;
    }
    bool number(size_t at) const {
        return at < tokens_.size() && tokens_[at].kind == Token::Number;
    }
    int value(size_t at) const { return tokens_[at].value; }
    bool is_word(size_t at) const { return at < tokens_.size() && tokens_[at].kind == Token::Word; }
    bool symbol_other(size_t at, char c) const {
        return at < tokens_.size() && tokens_[at].kind == Token::Other &&
               tokens_[at].text.size() == 1 && tokens_[at].text[0] == c;
    }

  private:
    const std::vector<Token>& tokens_;
};

// "Hari H", "Hari ke H", "Hari H+1", "Hari H - H+3": the window of days counted from the
// registration day H. Returns the token range it covers so durations skip it.
bool match_day_window(const Cursor& at, size_t i, size_t& end, int& from, int& to) {
    if (!at.word(i, "hari"))
        return false;
    size_t j = i + 1;
    if (at.word(j, "ke"))
        ++j;
    if (!at.word(j, "h"))
        return false;
    ++j;
    from = 0;
    if (at.symbol(j, '+') && at.number(j + 1)) {
        from = at.value(j + 1);
        j += 2;
    }
    to = from;
    if (at.symbol(j, '-') && at.word(j + 1, "h")) {
        j += 2;
        to = 0;
        if (at.symbol(j, '+') && at.number(j + 1)) {
            to = at.value(j + 1);
            j += 2;
        }
    }
    if (to < from)
        std::swap(from, to);
    end = j;
    return true;
}

void add_range(std::optional<int>& lo, std::optional<int>& hi, long long a, long long b) {
    const long long new_lo = std::min(lo.value_or(0) + a, kMaxTotal);
    const long long new_hi = std::min(hi.value_or(0) + b, kMaxTotal);
    lo = static_cast<int>(new_lo);
    hi = static_cast<int>(new_hi);
}

}  // namespace

TimeStandard parse_time_standard(std::string_view text) {
    TimeStandard out;
    out.text = std::string(text);
    const std::vector<Token> tokens = tokenize(text);
    const Cursor at(tokens);

    size_t i = 0;
    bool window_seen = false;
    while (i < tokens.size()) {
        size_t end = 0;
        int from = 0, to = 0;
        if (!window_seen && match_day_window(at, i, end, from, to)) {
            out.day_offset_from = from;
            out.day_offset_to = to;
            window_seen = true;
            i = end;
            continue;
        }
        // <number> [- <number>] <unit>, unit one of menit, jam, hari [kerja].
        if (at.number(i)) {
            int a = at.value(i);
            int b = a;
            size_t j = i + 1;
            if (at.symbol(j, '-') && at.number(j + 1)) {
                b = at.value(j + 1);
                j += 2;
            }
            if (b < a)
                std::swap(a, b);
            if (at.word(j, "menit")) {
                add_range(out.minutes_min, out.minutes_max, a, b);
                i = j + 1;
                continue;
            }
            if (at.word(j, "jam")) {
                add_range(out.minutes_min, out.minutes_max, 60LL * a, 60LL * b);
                i = j + 1;
                continue;
            }
            // "hari kerja" (working days) and "hari" (calendar days) are different units; the
            // day word at token `at_day` ends the figure, and the next token is read after it.
            const auto add_days = [&](std::size_t at_day) {
                if (at.word(at_day + 1, "kerja")) {
                    add_range(out.working_days_min, out.working_days_max, a, b);
                    i = at_day + 2;
                } else {
                    add_range(out.days_min, out.days_max, a, b);
                    i = at_day + 1;
                }
            };
            if (at.word(j, "hari")) {
                add_days(j);
                continue;
            }
            // "7 (tujuh) hari": a number spelt out in brackets between the figure and the unit.
            if (at.symbol_other(j, '(') && at.is_word(j + 1) && at.symbol_other(j + 2, ')') &&
                at.word(j + 3, "hari")) {
                add_days(j + 3);
                continue;
            }
        }
        ++i;
    }
    return out;
}

}  // namespace loket::catalog
