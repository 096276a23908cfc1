#pragma once
// The waiting-room screen, drawn with Dear ImGui from a FloorView: the current call huge,
// earlier calls, counters, people waiting, clock, office name and a running text. Layouts for
// landscape 1920x1080 and portrait 1080x1920, read from across a room. All decisions about
// what to show are made in FloorModel; this only places it.
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "config.hpp"
#include "floor_model.hpp"
#include "loket/ui/app_shell.hpp"
#include "text.hpp"

namespace loket::ui {
class AppShell;
}

namespace loket::display {

// The running text: today's hours (when enabled) then the configured announcements, or a
// default line when none are configured.
std::string running_text(const DisplayConfig& config, const FloorView& view, const Texts& t);

// "14.05.09" and the long date in the office's time zone, corrected by the server's clock.
struct OfficeClock {
    std::string time;  // HH.MM.SS (loket::format_clock)
    std::string date;  // "Senin, 22 November 2026"
};
OfficeClock office_clock(const FloorView& view, const Texts& t, std::int64_t wall_ms);

// The smallest text the screen uses for names and reasons: 32 logical px, capitals of about
// 5.7 mm on the smallest supported panel (21.5" 1080p), read from two metres and more.
inline constexpr float kMinReadablePx = 32;

// How a name or a reason was set on the last frame: its lines and text size, and whether it is
// the whole text (or its short form) rather than one cut with an ellipsis.
struct SetText {
    std::string what;  // "office", "counter", "card 3", "pause 3", "recent 2"
    std::string text;  // what was to be shown
    std::vector<std::string> lines;
    float font_px = 0;
    float widest = 0;         // logical px of the longest line
    bool whole = false;       // every word of text (or of the short form) is on screen
    bool short_form = false;  // the short form was used
};

class FloorScreen {
  public:
    explicit FloorScreen(const DisplayConfig& config);
    // Sets the shell's clock and animation pacing; call once.
    void attach(ui::AppShell& shell);
    // Draws one frame (inside the shell's frame function).
    void draw(ui::AppShell& shell, const FloorView& view,
              SteadyClock::time_point now = SteadyClock::now());
    // True when the last frame had a running text wider than the screen (it scrolls).
    bool marquee_scrolling() const { return scrolling_; }
    // The names and pause reasons of the last frame, as set.
    const std::vector<SetText>& set_texts() const { return set_texts_; }

  private:
    const DisplayConfig& config_;
    const Texts& texts_;
    SteadyClock::time_point marquee_start_ = SteadyClock::now();
    bool scrolling_ = false;
    std::vector<SetText> set_texts_;
};

}  // namespace loket::display
