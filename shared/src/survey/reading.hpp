#pragma once
// Strict reading of survey JSON (a response, a follow-up plan) with every error in both
// languages: unknown keys refused, types and ranges checked, the field named.
#include <chrono>
#include <cstdint>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "loket/survey.hpp"

namespace loket::survey::detail {

struct Problem {
    std::string en;
    std::string id;
    std::string code = "invalid_field";
};

// Line breaks made "\n" and white space trimmed at both ends: what a typed text keeps.
std::string tidy_text(std::string_view raw);
// What is wrong with a text people typed, if anything: not UTF-8, a control character (a line
// break too when it must be one line), more than max_chars code points, or empty when required.
std::optional<Problem> text_problem(std::string_view text, std::size_t max_chars, bool multiline,
                                    bool required);

// The value itself in an error message when it is short printable ASCII (an error message
// must stay valid UTF-8 and short); otherwise nothing.
std::string echo(std::string_view value);

bool is_service_id(std::string_view id);  // lower-case letters, digits, '_' (as the office's)
bool is_permit_id(std::string_view id);   // a-z, 0-9 and single inner hyphens (as the catalog's)
inline constexpr std::size_t kIdMaxChars = 64;

std::optional<std::chrono::year_month_day> parse_iso_date(std::string_view text);
std::string format_iso_date(std::chrono::year_month_day date);

class Reader {
  public:
    Reader(const nlohmann::json& object, std::string source, std::string path);

    std::string field(std::string_view key) const;
    [[noreturn]] void fail(std::string_view key, const Problem& problem) const;
    [[noreturn]] void fail(std::string_view key, std::string en, std::string id,
                           std::string code = "invalid_field") const;

    void allow_only(std::initializer_list<std::string_view> keys) const;
    // The value, or nullptr when the key is absent or null.
    const nlohmann::json* get(std::string_view key) const;
    const nlohmann::json& required(std::string_view key) const;

    Reader object(std::string_view key) const;
    std::int64_t integer(std::string_view key, std::int64_t min, std::int64_t max) const;
    std::optional<std::string> optional_string(std::string_view key) const;
    std::string string(std::string_view key) const;
    // Typed text: tidied, then checked with text_problem. Empty is returned for an absent or
    // empty optional text.
    std::string text(std::string_view key, std::size_t max_chars, bool multiline,
                     bool required) const;
    // The index in `options` of the key the value names.
    std::size_t choice(std::string_view key, std::span<const Option> options) const;
    std::chrono::year_month_day date(std::string_view key) const;

  private:
    const nlohmann::json& object_;
    std::string source_;
    std::string path_;
};

}  // namespace loket::survey::detail
