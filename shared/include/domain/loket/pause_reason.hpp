#pragma once
// Why a counter is paused: one of a fixed list of codes, with an optional free-text note
// (docs/metrics.md "Staff"). The code is what reports group by, at the office and centrally;
// the note stays at the office (docs/privacy.md "Central").
#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "loket/language.hpp"

namespace loket {

enum class PauseCode { Break, Prayer, Lunch, Meeting, Other };
inline constexpr std::array<PauseCode, 5> kPauseCodes = {
    PauseCode::Break, PauseCode::Prayer, PauseCode::Lunch, PauseCode::Meeting, PauseCode::Other};

// "break", "prayer", "lunch", "meeting", "other".
std::string_view to_string(PauseCode code);
std::optional<PauseCode> parse_pause_code(std::string_view text);

// "Istirahat"/"Break", "Salat"/"Prayer", "Makan siang"/"Lunch", "Rapat/koordinasi"/"Meeting",
// "Lainnya"/"Other".
std::string_view pause_label(PauseCode code, Language language);

struct PauseReason {
    PauseCode code = PauseCode::Other;
    std::string note;  // optional free text
    bool operator==(const PauseReason&) const = default;
};

// A free-text reason as the console sent it before the codes (its labels in either language,
// case and surrounding blanks ignored): a label becomes its code without a note, anything else
// `other` with the text as its note. Old events and old request bodies are read through it.
PauseReason legacy_pause_reason(std::string_view text);

// A recorded pause (a counters row, a counter.paused event): its code and note, or when it was
// recorded before the codes (no code, or one this build does not know), its text read as above.
PauseReason recorded_pause_reason(std::string_view code, std::string_view text);

// What a pause shows in one language: the label, or for `other` its note when there is one.
std::string pause_text(const PauseReason& reason, Language language);

}  // namespace loket
