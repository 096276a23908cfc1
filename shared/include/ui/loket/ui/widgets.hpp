#pragma once
// Touch-friendly building blocks on top of Dear ImGui, in the shell's fonts and palette.
// Every helper records what it draws (labels with their on-screen rectangles, texts), so
// scripts can tap by label and check what is shown.
#include <imgui.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "loket/ui/app_shell.hpp"

namespace loket::ui {

// Smallest touch target side: 15 mm is ~60 px on a 21.5" 1080p panel; we keep a margin.
inline constexpr float kMinTouchSize = 96.0f;

// Colours of the current theme (RGBA as ImU32).
struct Palette {
    ImU32 background, text, text_muted, panel, border;
    ImU32 primary, primary_hovered, primary_active, on_primary;
    ImU32 secondary, secondary_hovered, secondary_active, on_secondary;
    ImU32 accent, danger, on_danger, success;
};
const Palette& palette(Theme theme);
// The palette of the running shell (Light when there is none).
const Palette& palette();
// High-contrast ImGui style: large paddings, rounding, 48 px scrollbars for fingers.
void apply_style(Theme theme);

// The shell's font for a role (ImGui's current font when there is no shell).
ImFont* font(FontRole role, Weight weight = Weight::Regular);

// A borderless window covering the whole logical screen, background from the palette.
// Always pair with end_screen().
void begin_screen(const char* id, std::optional<ImU32> background = std::nullopt);
void end_screen();

enum class ButtonKind { Primary, Secondary, Danger };
struct ButtonStyle {
    ButtonKind kind = ButtonKind::Primary;
    FontRole font = FontRole::Body;
    Weight weight = Weight::Bold;
    bool enabled = true;
};
// A button at least kMinTouchSize high and wide. size as in ImGui: 0 = fit the label,
// negative = fill the available width/height minus that much. The label may hold "##id"
// (not shown) and '\n'. Returns true on the frame it is tapped.
bool big_button(std::string_view label, ImVec2 size = {0, 0}, const ButtonStyle& style = {});

// Text helpers; colour 0 = the palette's text colour.
void text(std::string_view text, FontRole role = FontRole::Body, Weight weight = Weight::Regular,
          ImU32 color = 0);
// Wrapped at wrap_width (0 = the available width).
void wrapped_text(std::string_view text, FontRole role = FontRole::Body,
                  Weight weight = Weight::Regular, ImU32 color = 0, float wrap_width = 0);
// Centred horizontally in the available width; long text wraps and every line is centred.
void centered_text(std::string_view text, FontRole role = FontRole::Body,
                   Weight weight = Weight::Regular, ImU32 color = 0);

// A coloured rounded panel with inner padding; size as ImGui::BeginChild (0 = fill).
// Always pair with end_panel().
void begin_panel(const char* id, ImVec2 size, ImU32 color, float rounding = 16.0f,
                 ImVec2 padding = {32, 32});
void end_panel();

// A scrollable area that also scrolls by dragging a finger (ImGui 1.86 only scrolls with
// the wheel or the scrollbar); a drag never taps the item under the finger.
// Always pair with end_scroll_area().
void begin_scroll_area(const char* id, ImVec2 size = {0, 0});
void end_scroll_area();

// Shows text in a large bordered box, like an input field, with a caret at the end and
// the placeholder in muted colour when text is empty; width 0 = the available width.
void text_box(std::string_view text, std::string_view placeholder, float width = 0.0f);

// On-screen keyboard for the kiosk's search: digits, QWERTY letters, '-', backspace, clear
// and space in large keys, filling the available width; extra_keys ('@' and '.' for an
// e-mail address, ',' for sentences) sit after the space bar.
struct KeyboardOptions {
    std::size_t max_length = 40;
    bool digits = true;
    bool uppercase_output = false;  // keys show capitals; typed text is lower case by default
    float key_height = 112.0f;
    std::string backspace_label = "Hapus";
    std::string clear_label = "Kosongkan";
    std::string space_label = "Spasi";
    // Up to three ASCII characters, each a key after the space bar (which gives up their room).
    std::string extra_keys;
};
// Edits text; returns true on the frame a key changed it.
bool onscreen_keyboard(const char* id, std::string& text, const KeyboardOptions& options = {});

// --- Registry of what was drawn (for scripts and tests) ---
struct TapTarget {
    std::string label;  // visible label (before any "##")
    ImVec2 min, max;    // visible part in logical coordinates
    bool enabled = true;
    ImVec2 center() const { return {(min.x + max.x) * 0.5f, (min.y + max.y) * 0.5f}; }
};
// Records ImGui's last item under a label, for items not drawn by these helpers.
void register_item(std::string_view label);
// Records text shown by other means, so expect_text can find it.
void record_text(std::string_view text);
// What the last completed frame drew.
const std::vector<TapTarget>& tap_targets();
const std::vector<std::string>& recorded_texts();
// The topmost (last drawn) target with exactly this label, if visible last frame.
std::optional<TapTarget> find_tap_target(std::string_view label);
// Whether some label or recorded text of the last frame contains needle.
bool screen_contains_text(std::string_view needle);

}  // namespace loket::ui
