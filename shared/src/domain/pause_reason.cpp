#include "loket/pause_reason.hpp"

#include <algorithm>
#include <cctype>

namespace loket {
namespace {

struct PauseCodeNames {
    PauseCode code;
    std::string_view wire, id, en;
};

constexpr std::array<PauseCodeNames, 5> kPauseCodeNames = {{
    {PauseCode::Break, "break", "Istirahat", "Break"},
    {PauseCode::Prayer, "prayer", "Salat", "Prayer"},
    {PauseCode::Lunch, "lunch", "Makan siang", "Lunch"},
    {PauseCode::Meeting, "meeting", "Rapat/koordinasi", "Meeting"},
    {PauseCode::Other, "other", "Lainnya", "Other"},
}};

// The console's old labels in both languages (assets/web/i18n.js before the codes), lower case,
// and the spelling "sholat" the Indonesian label had.
constexpr std::array<std::pair<std::string_view, PauseCode>, 13> kLegacyPauseLabels = {{
    {"istirahat", PauseCode::Break},
    {"break", PauseCode::Break},
    {"sholat", PauseCode::Prayer},
    {"salat", PauseCode::Prayer},
    {"prayer", PauseCode::Prayer},
    {"makan siang", PauseCode::Lunch},
    {"lunch", PauseCode::Lunch},
    {"rapat/koordinasi", PauseCode::Meeting},
    {"rapat", PauseCode::Meeting},
    {"koordinasi", PauseCode::Meeting},
    {"meeting", PauseCode::Meeting},
    {"lainnya", PauseCode::Other},
    {"other", PauseCode::Other},
}};

const PauseCodeNames& pause_names_of(PauseCode code) {
    return *std::find_if(kPauseCodeNames.begin(), kPauseCodeNames.end(),
                         [&](const PauseCodeNames& n) { return n.code == code; });
}

std::string lower_trimmed_pause_text(std::string_view text) {
    const auto blank = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
    while (!text.empty() && blank(text.front()))
        text.remove_prefix(1);
    while (!text.empty() && blank(text.back()))
        text.remove_suffix(1);
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

}  // namespace

std::string_view to_string(PauseCode code) {
    return pause_names_of(code).wire;
}

std::optional<PauseCode> parse_pause_code(std::string_view text) {
    for (const PauseCodeNames& n : kPauseCodeNames) {
        if (n.wire == text)
            return n.code;
    }
    return std::nullopt;
}

std::string_view pause_label(PauseCode code, Language language) {
    const PauseCodeNames& n = pause_names_of(code);
    return language == Language::English ? n.en : n.id;
}

PauseReason legacy_pause_reason(std::string_view text) {
    const std::string key = lower_trimmed_pause_text(text);
    for (const auto& [label, code] : kLegacyPauseLabels) {
        if (key == label)
            return {code, ""};
    }
    return {PauseCode::Other, std::string(text)};
}

PauseReason recorded_pause_reason(std::string_view code, std::string_view text) {
    if (const auto parsed = parse_pause_code(code))
        return {*parsed, std::string(text)};
    return legacy_pause_reason(text);
}

std::string pause_text(const PauseReason& reason, Language language) {
    if (reason.code == PauseCode::Other && !reason.note.empty())
        return reason.note;
    return std::string(pause_label(reason.code, language));
}

}  // namespace loket
