#include <cctype>

#include "loket/announcement.hpp"
#include "loket/input_error.hpp"
#include "loket/terbilang.hpp"
#include "words.hpp"

namespace loket::voice {
namespace {

constexpr std::string_view kKnownPlaceholders =
    "{letter}, {number}, {counter}, {counter_name}, {service}";

bool is_ascii_alpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_digit(char c) {
    return c >= '0' && c <= '9';
}
bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}
bool is_pause(char c) {
    return c == ',' || c == '.' || c == ';' || c == ':' || c == '!' || c == '?';
}

struct ParsedTicket {
    std::string letters;
    std::uint64_t number = 0;
};

// "A-012", "a012", "AB 7": letters, an optional separator, then digits.
ParsedTicket parse_ticket(std::string_view text) {
    ParsedTicket out;
    std::size_t i = 0;
    while (i < text.size() && is_ascii_alpha(text[i]))
        out.letters += text[i++];
    if (i < text.size() && (text[i] == '-' || text[i] == ' ' || text[i] == '.'))
        ++i;
    const auto digits = text.substr(i);
    const auto bad = [&](const std::string& why) {
        return InputError("ticket number", "", "'" + std::string(text) + "' " + why);
    };
    if (out.letters.empty())
        throw bad("does not start with a letter");
    if (digits.empty())
        throw bad("has no digits after the letter");
    if (digits.size() > 15)
        throw bad("has too many digits");
    for (char c : digits) {
        if (!is_digit(c))
            throw bad("is not letters followed by digits");
        out.number = out.number * 10 + static_cast<std::uint64_t>(c - '0');
    }
    return out;
}

std::string join_words(const std::vector<std::string>& words) {
    std::string text;
    for (const auto& w : words) {
        if (!text.empty())
            text += ' ';
        text += w;
    }
    return text;
}

}  // namespace

std::string_view default_phrase_template() {
    return words::kDefaultTemplate;
}

PhraseBuilder::PhraseBuilder(std::string_view template_text, NumberReading reading,
                             std::string source, std::string field)
    : template_text_(template_text), reading_(reading) {
    const auto fail = [&](const std::string& why) { return InputError(source, field, why); };
    std::string literal;
    const auto flush = [&] {
        if (!literal.empty())
            parts_.push_back(Part{Slot::Text, std::move(literal)});
        literal.clear();
    };
    for (std::size_t i = 0; i < template_text.size(); ++i) {
        const char c = template_text[i];
        if ((c == '{' || c == '}') && i + 1 < template_text.size() && template_text[i + 1] == c) {
            literal += c;
            ++i;
            continue;
        }
        if (c == '}')
            throw fail("stray '}' at position " + std::to_string(i) + " (write '}}' for a brace)");
        if (c != '{') {
            literal += c;
            continue;
        }
        const auto close = template_text.find('}', i);
        if (close == std::string_view::npos)
            throw fail("'{' at position " + std::to_string(i) + " is never closed");
        const auto name = template_text.substr(i + 1, close - i - 1);
        Slot slot;
        if (name == "letter")
            slot = Slot::Letter;
        else if (name == "number")
            slot = Slot::Number;
        else if (name == "counter")
            slot = Slot::Counter;
        else if (name == "counter_name")
            slot = Slot::CounterName;
        else if (name == "service")
            slot = Slot::Service;
        else
            throw fail("unknown placeholder {" + std::string(name) +
                       "}; known: " + std::string(kKnownPlaceholders));
        flush();
        parts_.push_back(Part{slot, {}});
        i = close;
    }
    flush();
    if (parts_.empty())
        throw fail("is empty");
}

Phrase PhraseBuilder::build(const CallInfo& call) const {
    // Parse only when needed, so a template without {letter}/{number} works for any ticket.
    std::optional<ParsedTicket> ticket;
    const auto parsed = [&]() -> const ParsedTicket& {
        if (!ticket)
            ticket = parse_ticket(call.ticket);
        return *ticket;
    };
    Phrase phrase;
    for (const auto& part : parts_) {
        std::string shown, spoken;
        switch (part.slot) {
            case Slot::Text:
                shown = spoken = part.text;
                break;
            case Slot::Letter: {
                std::vector<std::string> names;
                for (char c : parsed().letters)
                    names.emplace_back(*letter_name(c));
                for (char c : parsed().letters)
                    shown += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
                spoken = join_words(names);
                break;
            }
            case Slot::Number:
                shown = spoken = reading_ == NumberReading::Words ? terbilang(parsed().number)
                                                                  : spell_digits(parsed().number);
                break;
            case Slot::Counter:
                if (call.counter < 0)
                    throw InputError("call", "counter",
                                     "must not be negative, got " + std::to_string(call.counter));
                shown = spoken = terbilang(static_cast<std::uint64_t>(call.counter));
                break;
            case Slot::CounterName:
                shown = spoken = call.counter_name;
                break;
            case Slot::Service:
                shown = spoken = call.service;
                break;
        }
        phrase.display_text += shown;
        phrase.speech_text += spoken;
    }
    phrase.words = clip_words(phrase.speech_text);
    return phrase;
}

std::vector<ClipWord> clip_words(std::string_view text) {
    std::vector<ClipWord> out;
    const auto add_token = [&](std::string token) {
        if (token.empty())
            return;
        bool all_digits = true;
        for (char c : token)
            all_digits = all_digits && is_digit(c);
        if (all_digits && token.size() <= 15) {
            for (auto& w : terbilang_words(std::stoull(token)))
                out.push_back(ClipWord{std::move(w), false});
            return;
        }
        out.push_back(ClipWord{std::move(token), false});
    };
    std::string token;
    for (char c : text) {
        if (is_space(c) || is_pause(c)) {
            add_token(std::move(token));
            token.clear();
            if (is_pause(c) && !out.empty())
                out.back().pause_after = true;
            continue;
        }
        const auto u = static_cast<unsigned char>(c);
        // Keep letters, digits, inner hyphens/apostrophes and UTF-8 bytes; drop the rest
        // (quotes, brackets, slashes) which no clip file would be named after.
        if (is_ascii_alpha(c) || is_digit(c) || u >= 0x80)
            token += static_cast<char>(std::tolower(u));
        else if ((c == '-' || c == '\'') && !token.empty())
            token += c;
        else {
            add_token(std::move(token));
            token.clear();
        }
    }
    add_token(std::move(token));
    // A trailing hyphen ("loket-") has nothing after it to join.
    for (auto& w : out)
        while (!w.word.empty() && (w.word.back() == '-' || w.word.back() == '\''))
            w.word.pop_back();
    return out;
}

}  // namespace loket::voice
