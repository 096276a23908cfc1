#pragma once
// Drawing helpers shared by the kiosk's screens: absolute layout on the logical canvas,
// wrapped text in the shell's fonts, large tiles that register as tap targets.
#include <imgui.h>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "loket/ui/widgets.hpp"
#include "model.hpp"
#include "view.hpp"

namespace loket::kiosk::view {

using ui::FontRole;
using ui::Weight;

// The palette of the shell's theme, as every view file draws with it.
inline const ui::Palette& pal() {
    return ui::palette();
}

inline constexpr float kMargin = 40.0f;
inline constexpr float kGap = 24.0f;

struct Frame {
    ui::AppShell& shell;
    Model& m;
    ViewState& vs;
    float w = 1080, h = 1920;
    bool portrait = true;
    std::vector<std::function<void()>> actions;

    void act(std::function<void()> f) { actions.push_back(std::move(f)); }
    std::string_view t(T key) const { return m.text(key); }
    std::string t(T key, std::initializer_list<std::string_view> args) const {
        return tr(m.lang(), key, args);
    }
};

enum class Align { left, center };

struct Line {
    std::string text;
    FontRole role = FontRole::Body;
    Weight weight = Weight::Regular;
    ImU32 color = 0;  // 0: the tile's foreground
};

struct TileStyle {
    ImU32 bg = 0, bg_active = 0, fg = 0, border = 0;
    Align align = Align::center;
    ImVec2 pad{28, 20};
    float rounding = 18.0f;
    bool enabled = true;
};
TileStyle primary_tile();
TileStyle secondary_tile();
TileStyle panel_tile();

// Wraps text to width in a font (paragraphs split at '\n').
std::vector<std::string_view> wrap(std::string_view text, FontRole role, Weight weight,
                                   float width);
float line_height(FontRole role);
// Height of lines laid out at width (with the spacing draw_lines uses).
float lines_height(const std::vector<Line>& lines, float width);
// Draws lines top-down from pos; returns the height used. Records the texts for scripts.
float draw_lines(ImDrawList* dl, ImVec2 pos, float width, const std::vector<Line>& lines,
                 Align align, ImU32 default_color);
// Text at an absolute position in the current window (no layout); returns its height.
float text_at(ImVec2 pos, float width, std::string_view text, FontRole role, Weight weight,
              ImU32 color = 0, Align align = Align::left);
// Text at the cursor inside a scroll area, advancing the cursor.
void block_text(std::string_view text, FontRole role, Weight weight, ImU32 color = 0,
                float width = 0);

// A large tappable tile at pos (absolute; x < 0: the cursor) holding lines of text. The tap
// label is what scripts and tests find it by. size.y == 0: fit the text (at least 96 px).
// Returns true when tapped (never when disabled).
bool tile(const char* id, std::string_view tap_label, ImVec2 pos, ImVec2 size,
          const std::vector<Line>& lines, const TileStyle& style);
// Tiles shown side by side keep one text size: steps every tile's title lines down (Title to
// Body), then all lines (Body to Small), until each tile's text fits inner_w x inner_h.
void fit_group(std::vector<std::vector<Line>>& tiles, float inner_w, float inner_h);
// Height tile() would give lines at this width with size.y == 0.
float tile_height(const std::vector<Line>& lines, float width, const TileStyle& style);

// A child window at pos without padding, scrollbar or background (for the on-screen
// keyboard); close with ImGui::EndChild().
void begin_region(const char* id, ImVec2 pos, ImVec2 size);

// The blue band at the top: optional back button, a title (big: up to two lines of the title
// font, for the office name), the language toggle.
// Returns the band's height.
float header(Frame& f, std::string_view title, bool back_button, bool big = false);
// A red band saying the server is unreachable, under the header; returns its height (0 when
// online).
float offline_banner(Frame& f, float y);
// A filled rounded rectangle in the current window (see fill_rounded).
void fill(ImVec2 min, ImVec2 max, ImU32 color, float rounding = 18.0f);
// A filled panel of lines at pos; returns its height (measure_only: nothing drawn).
float panel(ImVec2 pos, float width, const std::vector<Line>& lines, ImU32 bg, ImU32 fg,
            Align align = Align::left, bool measure_only = false);
// A filled rounded rectangle drawn as plain rectangles plus corner fans: cheap on the
// software renderer.
void fill_rounded(ImDrawList* dl, ImVec2 min, ImVec2 max, ImU32 color, float rounding);

// Screens.
void draw_start(Frame& f);
void draw_connecting(Frame& f);
void draw_offline(Frame& f);
void draw_error(Frame& f);
void draw_closed(Frame& f);
void draw_permits(Frame& f);
void draw_permit(Frame& f);
void draw_priority(Frame& f);
void draw_issuing(Frame& f);
void draw_ticket(Frame& f);
void draw_status_entry(Frame& f);
void draw_status_checking(Frame& f);
void draw_status_result(Frame& f);
void draw_survey(Frame& f);     // view_voice.cpp
void draw_complaint(Frame& f);  // view_voice.cpp
// The start screen's entries to the survey and the complaint intake, and the published IKM
// panel (nothing while publication is off; returns its height).
// The start screen's four entries share one title size: narrow tiles (landscape) take the
// body size for all four rather than each stepping down on its own.
inline FontRole entry_title_role(ImVec2 size) {
    return size.x < 420 ? FontRole::Body : FontRole::Title;
}
void survey_tile(Frame& f, ImVec2 pos, ImVec2 size);
void complaint_tile(Frame& f, ImVec2 pos, ImVec2 size);
float publication_panel(Frame& f, ImVec2 pos, float width, int maklumat_lines, bool measure_only);

// The schedule panel (reason, next opening, weekly hours) used on closed screens; returns height.
float closed_panel(Frame& f, ImVec2 pos, float width, bool measure_only);

// The permit list's parts shared by view_permits.cpp and view_permits_browse.cpp.
// A child window of exactly this size at pos, no padding; pair with ImGui::EndChild().
void begin_list(Frame& f, const char* id, ImVec2 pos, ImVec2 size);
// The three ways into the list (search, categories, A-Z), side by side; returns their height.
float browse_tabs(Frame& f, ImVec2 pos, float width);
// A browsing mode's content from y down to bottom, with the page bar when there are pages.
void draw_browse(Frame& f, float x, float y, float width, float bottom);

// Colours beyond the shared palette, chosen for >= 7:1 contrast with their text.
inline constexpr ImU32 kTicked = IM_COL32(0xE3, 0xF4, 0xE8, 0xFF);  // light green row
inline constexpr ImU32 kWarnBg = IM_COL32(0xFF, 0xF4, 0xD6, 0xFF);  // light amber panel
inline constexpr ImU32 kWarnFg = IM_COL32(0x5C, 0x3D, 0x00, 0xFF);
inline constexpr ImU32 kDangerBg = IM_COL32(0xFD, 0xEC, 0xEA, 0xFF);  // light red panel
inline constexpr ImU32 kDangerFg = IM_COL32(0x7A, 0x14, 0x0F, 0xFF);
inline constexpr ImU32 kOkBg = IM_COL32(0xE3, 0xF4, 0xE8, 0xFF);
inline constexpr ImU32 kOkFg = IM_COL32(0x0E, 0x4A, 0x22, 0xFF);

}  // namespace loket::kiosk::view
