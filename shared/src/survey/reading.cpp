#include "reading.hpp"

#include <algorithm>
#include <cstdio>

namespace loket::survey::detail {

using nlohmann::json;
using namespace std::chrono;

std::string tidy_text(std::string_view raw) {
    std::string text;
    text.reserve(raw.size());
    for (std::size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] == '\r') {
            text += '\n';
            if (i + 1 < raw.size() && raw[i + 1] == '\n')
                ++i;
        } else {
            text += raw[i];
        }
    }
    constexpr std::string_view kSpace = " \t\n";
    const auto first = text.find_first_not_of(kSpace);
    if (first == std::string::npos)
        return {};
    const auto last = text.find_last_not_of(kSpace);
    return text.substr(first, last - first + 1);
}

namespace {

// Decodes one UTF-8 sequence at text[i]; nullopt for anything ill-formed (overlong forms,
// surrogates, beyond U+10FFFF, cut short).
std::optional<char32_t> decode_utf8(std::string_view text, std::size_t& i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char lead = byte(i);
    std::size_t length = 0;
    char32_t cp = 0;
    char32_t min = 0;
    if (lead < 0x80) {
        ++i;
        return lead;
    } else if ((lead & 0xE0) == 0xC0) {
        length = 2, cp = lead & 0x1F, min = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
        length = 3, cp = lead & 0x0F, min = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
        length = 4, cp = lead & 0x07, min = 0x10000;
    } else {
        return std::nullopt;
    }
    if (i + length > text.size())
        return std::nullopt;
    for (std::size_t k = 1; k < length; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80)
            return std::nullopt;
        cp = (cp << 6) | (byte(i + k) & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return std::nullopt;
    i += length;
    return cp;
}

}  // namespace

std::optional<Problem> text_problem(std::string_view text, std::size_t max_chars, bool multiline,
                                    bool required) {
    if (required && text.find_first_not_of(" \t\r\n") == std::string_view::npos)
        return Problem{"must not be empty", "tidak boleh kosong", "required"};
    std::size_t chars = 0;
    for (std::size_t i = 0; i < text.size();) {
        const auto cp = decode_utf8(text, i);
        if (!cp)
            return Problem{"is not valid UTF-8 text", "bukan teks UTF-8 yang sah"};
        if (*cp == '\n' && !multiline)
            return Problem{"must be one line", "harus satu baris"};
        if ((*cp < 0x20 && *cp != '\n' && *cp != '\t') || (*cp >= 0x7F && *cp <= 0x9F))
            return Problem{"contains a control character", "memuat karakter kendali"};
        ++chars;
    }
    if (chars > max_chars) {
        const std::string limit = std::to_string(max_chars);
        const std::string count = std::to_string(chars);
        return Problem{"is longer than " + limit + " characters (" + count + ")",
                       "lebih dari " + limit + " karakter (" + count + ")", "too_long"};
    }
    return std::nullopt;
}

std::string echo(std::string_view value) {
    constexpr std::size_t kMaxEcho = 40;
    const bool printable =
        std::all_of(value.begin(), value.end(), [](char c) { return c >= 0x20 && c < 0x7F; });
    if (value.size() > kMaxEcho || !printable)
        return {};
    return "'" + std::string(value) + "'";
}

bool is_service_id(std::string_view id) {
    return !id.empty() && id.size() <= kIdMaxChars &&
           id.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") == std::string::npos;
}

bool is_permit_id(std::string_view id) {
    if (id.empty() || id.size() > kIdMaxChars || id.front() == '-' || id.back() == '-' ||
        id.find("--") != std::string_view::npos) {
        return false;
    }
    return id.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") == std::string::npos;
}

std::optional<year_month_day> parse_iso_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-')
        return std::nullopt;
    int parts[3] = {0, 0, 0};
    const std::size_t starts[3] = {0, 5, 8};
    const std::size_t lengths[3] = {4, 2, 2};
    for (int p = 0; p < 3; ++p) {
        for (std::size_t k = 0; k < lengths[p]; ++k) {
            const char c = text[starts[p] + k];
            if (c < '0' || c > '9')
                return std::nullopt;
            parts[p] = parts[p] * 10 + (c - '0');
        }
    }
    const year_month_day date{year{parts[0]}, month{static_cast<unsigned>(parts[1])},
                              day{static_cast<unsigned>(parts[2])}};
    if (!date.ok())
        return std::nullopt;
    return date;
}

std::string format_iso_date(year_month_day date) {
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
    return text;
}

Reader::Reader(const json& object, std::string source, std::string path)
    : object_(object), source_(std::move(source)), path_(std::move(path)) {
    if (!object_.is_object()) {
        throw SurveyInputError(source_, path_, "must be a JSON object", "harus berupa objek JSON");
    }
}

std::string Reader::field(std::string_view key) const {
    return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

void Reader::fail(std::string_view key, const Problem& problem) const {
    throw SurveyInputError(source_, field(key), problem.en, problem.id, problem.code);
}

void Reader::fail(std::string_view key, std::string en, std::string id, std::string code) const {
    fail(key, Problem{std::move(en), std::move(id), std::move(code)});
}

void Reader::allow_only(std::initializer_list<std::string_view> keys) const {
    for (const auto& [key, _] : object_.items()) {
        if (std::find(keys.begin(), keys.end(), key) == keys.end())
            fail(key, "unknown key", "kunci tidak dikenal", "unknown_key");
    }
}

const json* Reader::get(std::string_view key) const {
    const auto it = object_.find(key);
    return it == object_.end() || it->is_null() ? nullptr : &*it;
}

const json& Reader::required(std::string_view key) const {
    const json* node = get(key);
    if (!node)
        fail(key, "is required", "wajib diisi", "required");
    return *node;
}

Reader Reader::object(std::string_view key) const {
    return Reader(required(key), source_, field(key));
}

std::int64_t Reader::integer(std::string_view key, std::int64_t min, std::int64_t max) const {
    const json& node = required(key);
    if (!node.is_number_integer())
        fail(key, "must be a whole number", "harus berupa bilangan bulat");
    const bool too_big =
        node.is_number_unsigned() && node.get<std::uint64_t>() > static_cast<std::uint64_t>(max);
    if (too_big || node.get<std::int64_t>() < min || node.get<std::int64_t>() > max) {
        const std::string from = std::to_string(min);
        const std::string to = std::to_string(max);
        const std::string got = node.dump();
        fail(key, "must be from " + from + " to " + to + ", got " + got,
             "harus dari " + from + " sampai " + to + ", bukan " + got, "out_of_range");
    }
    return node.get<std::int64_t>();
}

std::optional<std::string> Reader::optional_string(std::string_view key) const {
    const json* node = get(key);
    if (!node)
        return std::nullopt;
    if (!node->is_string())
        fail(key, "must be a string", "harus berupa teks");
    return node->get<std::string>();
}

std::string Reader::string(std::string_view key) const {
    required(key);
    return *optional_string(key);
}

std::string Reader::text(std::string_view key, std::size_t max_chars, bool multiline,
                         bool required_text) const {
    const auto raw = required_text ? std::optional<std::string>(string(key)) : optional_string(key);
    if (!raw)
        return {};
    const std::string text = tidy_text(*raw);
    if (auto problem = text_problem(text, max_chars, multiline, required_text))
        fail(key, *problem);
    return text;
}

std::size_t Reader::choice(std::string_view key, std::span<const Option> options) const {
    const std::string value = string(key);
    for (std::size_t i = 0; i < options.size(); ++i) {
        if (options[i].key == value)
            return i;
    }
    std::string list;
    for (const auto& option : options)
        list += (list.empty() ? "" : ", ") + std::string(option.key);
    const std::string got = echo(value);
    fail(key, "must be one of " + list + (got.empty() ? "" : ", got " + got),
         "harus salah satu dari " + list + (got.empty() ? "" : ", bukan " + got), "unknown_value");
}

year_month_day Reader::date(std::string_view key) const {
    const std::string text = string(key);
    const auto date = parse_iso_date(text);
    if (!date) {
        const std::string got = echo(text);
        fail(key, "must be a date like 2026-12-31" + (got.empty() ? "" : ", got " + got),
             "harus berupa tanggal seperti 2026-12-31" + (got.empty() ? "" : ", bukan " + got));
    }
    return *date;
}

}  // namespace loket::survey::detail
