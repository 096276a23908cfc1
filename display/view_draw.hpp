#pragma once
// What the floor screen's files share (view.cpp, view_draw.cpp, view_panels.cpp): the layout,
// the text and shape helpers, and the panels that draw one frame.
#include <imgui.h>

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "loket/ui/widgets.hpp"
#include "view.hpp"

namespace loket::display::floor_view {

using ui::FontRole;
using ui::Weight;

struct Rect {
    float x = 0, y = 0, w = 0, h = 0;
    float right() const { return x + w; }
    float bottom() const { return y + h; }
    ImVec2 min() const { return {x, y}; }
    ImVec2 max() const { return {x + w, y + h}; }
};

// Where everything goes, in logical pixels.
struct Layout {
    Rect header, main, recent, counters, waiting, marquee;
    Rect ready;  // files ready for pickup; empty (zero height) when not shown
};

inline constexpr float kMargin = 32;
inline constexpr float kRounding = 20;

// A list row at the body font: below this the list drops to the small font, which is not
// readable from the back of a waiting room.
inline constexpr float kBodyRowHeight = 52;

// A row of earlier calls with their numbers at the title font.
inline constexpr float kTitleRowHeight = 76;

// with_ready: the office shows files ready for pickup and there are some; they take the lower
// part of the earlier calls (landscape) or room from the big call and the earlier calls
// (portrait), so the calls stay where people look for them.
Layout layout(int width, int height, bool with_ready);

float text_width(ImFont* f, std::string_view s);

// Offset from the text position to the middle of a capital letter: texts are centred on
// what the eye sees, not on the line box (which for Noto is much taller than the capitals).
float cap_middle(ImFont* f);

// Shortens text to max_width with an ellipsis (the font's own when it has one).
std::string fit_width(ImFont* f, std::string s, float max_width);

struct FontChoice {
    FontRole role;
    Weight weight = Weight::Regular;
    FontChoice(FontRole r, Weight w = Weight::Regular) : role(r), weight(w) {}
};

// The first (largest) font in which the text fits the width; the last one otherwise.
ImFont* fitting_font(std::initializer_list<FontChoice> choices, std::string_view s, float width);

// Draws text in the box [x, x + width] with its capitals centred on center_y; align 0 left,
// 0.5 centre, 1 right. Shortened with an ellipsis when too wide. Returns the drawn width.
float draw_text(ImDrawList* dl, ImFont* f, std::string_view text, float x, float width,
                float center_y, ImU32 color, float align = 0.0f);

float cap_height(ImFont* f);

// Sets text in the box [x, x + width], centred on center_y, in at most max_lines lines and no
// taller than max_height, at the first font of `choices` where it fits whole; else its short
// form the same way; else at the last font, its last line cut with an ellipsis.
SetText set_lines(ImDrawList* dl, std::initializer_list<FontChoice> choices, std::string what,
                  const std::string& text, const std::string& short_text, float x, float width,
                  float center_y, float max_height, std::size_t max_lines, ImU32 color,
                  float align = 0.5f);

// A filled rounded rectangle as three plain rectangles and four small corner fans. ImGui's own
// rounded fill is one fan over the whole rectangle, and SDL's software renderer walks each
// triangle's bounding box: that made panels cost ~4x a square fill (70 ms a frame at 1080p).
// The rectangles are drawn last and overlap the corners by a pixel, covering the corners'
// anti-aliased straight edges.
void fill_rounded(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 color, float r);

// The counter cards in the strip: up to 6 (landscape) or 5 (portrait) per row.
std::vector<Rect> counter_cards(const Rect& strip, std::size_t n, bool portrait);

struct Hole {
    Rect rect;
    float radius = 0;
};

// The screen is cleared in the panel colour (a plain memset for the renderer) and only what
// lies outside the panels is painted in the background colour: the gutters, band by band,
// and for each rounded panel the four bits of its corner squares outside the arc. A third
// of the pixels of filling every panel, which is what a frame costs on the software
// renderer.
void paint_outside(ImDrawList* dl, const std::vector<Hole>& holes, float width, float height,
                   ImU32 color);

// A rounded label with padding, e.g. the reconnecting indicator; returns its width.
float draw_pill(ImDrawList* dl, ImFont* f, std::string_view text, float x, float center_y,
                ImU32 background, ImU32 color, float align = 0.0f);

ImU32 with_alpha(ImU32 color, float alpha);

// "83,45 (B, Baik)": the converted index with the office language's decimal separator.
std::string index_and_grade(const PublicationInfo& p, const Texts& t);

// ---- The panels (view_panels.cpp) ----

// What every panel of one frame draws with and on.
struct Frame {
    ui::AppShell& shell;
    const DisplayConfig& config;
    const FloorView& v;
    const Texts& t;
    const ui::Palette& p;
    const Layout& l;
    ImDrawList* dl;
    bool portrait;
    float W, H;
    SteadyClock::time_point now;
    std::int64_t wall_ms;
    ImFont* title;
    ImFont* title_bold;
    ImFont* body;
    ImFont* body_bold;
    ImFont* small;
    bool show_ready;
    // The names and pause reasons set this frame (FloorScreen::set_texts).
    std::vector<SetText>& set_texts;

    // The header: the office's name, the connection and opening status, the clock and date.
    void draw_header() const;

    // The current call, large, highlighted and pulsing while new.
    void draw_current_call() const;

    // The published satisfaction index at the foot of the earlier calls; the room left for them.
    Rect draw_publication() const;

    // The earlier calls: as many as fit with their numbers large.
    void draw_recent_calls(const Rect& recent) const;

    // Files ready for pickup: registration numbers only, never names.
    void draw_ready_files() const;

    // Each open counter's card: its name, and whom it serves or why it is paused.
    void draw_counters(const std::vector<Rect>& cards) const;

    // How many wait per service, with the predicted wait of a ticket taken now.
    void draw_waiting() const;

    // The running text along the bottom; true when it is wider than the screen and scrolls.
    bool draw_running_text(SteadyClock::time_point marquee_start) const;
};

}  // namespace loket::display::floor_view
