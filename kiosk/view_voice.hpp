#pragma once
// The drawing pieces the applicants' voice screens share (view_voice.cpp, view_survey.cpp,
// view_complaint.cpp): panels, progress, choice grids, the typing box and keyboard.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "view_common.hpp"

namespace loket::kiosk::view::voice_view {

const std::string& pick(Language lang, const std::string& id, const std::string& en);

// The first `max_rows` rows of text wrapped at width; the last ends in "…" when cut.
std::string clip_rows(std::string_view text, FontRole role, Weight weight, float width,
                      std::size_t max_rows);

// The band under the header: where the applicant is ("Pertanyaan 3 dari 9") and a bar of
// `total` segments, `done` of them filled. Returns the height used.
float progress(Frame& f, float y, const std::string& label, std::size_t done, std::size_t total);

// A grid of choices, `columns` wide, filling pos..pos+size; the chosen one is filled.
struct Choice {
    std::string id;
    std::string label;
};

void choice_grid(Frame& f, const char* prefix, ImVec2 pos, ImVec2 size, int columns,
                 const std::vector<Choice>& choices, const std::string& chosen,
                 const std::function<void(Model&, const std::string&)>& on_tap,
                 float max_tile_h = 240);

// A big button across `width`; returns true when tapped.
bool wide_button(const char* id, std::string_view label, ImVec2 pos, float width, float height,
                 const TileStyle& style);

// The text typed so far in an outlined box: wrapped, the last lines in view, a caret at the
// end; the placeholder in muted colour while empty.
void text_area(std::string_view text, std::string_view placeholder, ImVec2 a, ImVec2 size,
               FontRole role = FontRole::Title);

inline constexpr float kKeyHeight = 112.0f;

float keyboard_height();

// The on-screen keyboard editing `text`; `apply` hands the edit to the model.
void keyboard(Frame& f, ImVec2 pos, float width, const std::string& text, std::size_t max_length,
              const std::string& extra_keys, const std::function<void(Model&, std::string)>& apply);

// A screen that only says one thing (loading, sending): a panel in the middle.
void waiting(Frame& f, float y, std::string_view text);

// A failed load or send: what went wrong, then "Coba Lagi" and "Kembali ke Awal".
void problem_screen(Frame& f, float y, std::string_view title, const VoiceProblem& problem,
                    std::string_view note, const std::function<void(Model&)>& retry);

}  // namespace loket::kiosk::view::voice_view
