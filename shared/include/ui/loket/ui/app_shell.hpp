#pragma once
// The app shell shared by the kiosk and the waiting-room display: one SDL2 window, an
// SDL_Renderer, Dear ImGui with Noto Sans at fixed pixel sizes, a frame loop that renders
// only when something changed, PNG screenshots and scripted input for tests.
//
// The UI is laid out in a fixed logical size (1080x1920 portrait or 1920x1080 landscape);
// every frame is drawn into a canvas of that size and scaled to the window, so layout,
// screenshots and script coordinates never depend on the monitor.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

struct ImFont;

namespace loket::ui {

// Text sizes by what the text is for, so both apps stay consistent.
enum class FontRole {
    Small,  // secondary lines read at arm's length (kiosk only)
    Body,   // normal text and button labels
    Title,  // headings; body text for the display read from across the room
    Huge,   // counter names, the number being called on the kiosk ticket screen
    Giant,  // ticket numbers on the display: digits, capitals and - . : only
};
enum class Weight { Regular, Bold };
enum class Theme {
    Light,  // dark text on white: the kiosk, used in a bright lobby
    Dark,   // white text on navy: the display, read from a distance
};

// Pixel sizes at the logical resolution. At a 21.5" 1080p panel (0.25 mm/px) Body 44 has a
// ~8 mm cap height, readable from 2 m; Title 72 reads from ~4 m, Giant from across a hall.
struct FontSizes {
    float small = 32;
    float body = 44;
    float title = 72;
    float huge = 160;
    float giant = 300;
};

struct ShellOptions {
    std::string title = "Loket";
    int width = 1080;  // logical size the UI is laid out in
    int height = 1920;
    bool fullscreen = true;  // false: a resizable window (development)
    // Window size when not fullscreen (or headless); 0 = the logical size, scaled down to
    // fit the screen. The canvas is letterboxed into the window.
    int window_width = 0;
    int window_height = 0;
    // No display: SDL's dummy video driver and a software renderer; nothing is shown.
    bool headless = false;
    bool hide_cursor = false;  // touch-only kiosks
    Theme theme = Theme::Light;
    FontSizes fonts;
    std::filesystem::path font_dir = "/usr/share/fonts/truetype/noto";
    // When set, every distinct screen (see set_screen) is written as DIR/NNN-key.png.
    std::filesystem::path screenshot_dir;
    // When > 0 (and screenshot_dir set), DIR/latest.png is rewritten this often.
    double screenshot_interval_s = 0;
    // Scripted input played after the first frame (syntax in script.hpp).
    std::filesystem::path script;
};

// Render timing: from the start of a frame to the pixels being in the canvas (before the
// present, which may wait for vsync).
struct FrameStats {
    std::uint64_t frames = 0;
    double last_ms = 0;
    double max_ms = 0;
    double total_ms = 0;
    double average_ms() const { return frames == 0 ? 0.0 : total_ms / double(frames); }
};

// SDL or renderer setup failed; the message says what and why.
class ShellError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

class AppShell {
  public:
    using Clock = std::chrono::steady_clock;
    using FrameFn = std::function<void(AppShell&)>;

    // Opens the window, renderer, ImGui and fonts. Throws ShellError when SDL fails and
    // loket::InputError when the script file is unreadable or invalid (with line numbers).
    explicit AppShell(ShellOptions options);
    ~AppShell();
    AppShell(const AppShell&) = delete;
    AppShell& operator=(const AppShell&) = delete;

    // The function that builds the UI with ImGui calls; called once per rendered frame.
    void set_frame(FrameFn frame);

    // Runs until quit(), the window closing, SIGINT/SIGTERM or the script's `quit`. Returns
    // the exit code: the one given to quit(), or 1 when the script failed.
    int run();
    // Runs the loop for a while (or until quit); for tests.
    void run_for(std::chrono::milliseconds duration);
    // Renders one frame now, whether needed or not.
    void render_frame();
    // Writes the current screen as PNG at the logical size. Outside a frame it renders a
    // fresh frame and returns whether writing worked; inside the frame function it is
    // written at the end of that frame (returns true).
    bool save_png(const std::filesystem::path& path);

    // --- Callable from any thread (network callbacks, timers) while the shell exists ---
    // Draws again soon; cheap to call often (wake-ups coalesce).
    void request_redraw();
    // Runs task on the UI thread before the next frame, then redraws.
    void post(std::function<void()> task);
    void quit(int exit_code = 0);

    // --- UI thread only ---
    // Renders continuously (about 60 fps) until then, e.g. while something blinks or slides.
    void animate_until(Clock::time_point until);
    void animate_for(std::chrono::milliseconds duration) { animate_until(Clock::now() + duration); }
    // Time between animation frames (default 16 ms, about 60 fps); e.g. 33 ms caps a scrolling
    // text at about 30 fps to halve the rendering cost.
    void set_animation_interval(std::chrono::milliseconds interval);
    // A visible clock: one frame at each wall-clock second.
    void set_clock_visible(bool visible);
    // Names what is on screen ("start", "permit-list"); a change writes a screenshot in
    // --screenshot mode and is what a script's `expect_screen` checks.
    void set_screen(std::string_view key);
    const std::string& screen() const;

    ImFont* font(FontRole role, Weight weight = Weight::Regular) const;
    // True when Noto Sans was missing and ImGui's built-in bitmap font is used instead.
    bool fonts_fallback() const;
    Theme theme() const;
    int width() const;
    int height() const;
    bool headless() const;
    const FrameStats& stats() const;
    // Empty unless the script failed; then "file:line: what went wrong".
    const std::string& script_error() const;
    // True once every script line ran (or there is no script).
    bool script_finished() const;

    // Scripted input at logical coordinates (what the script's tap/click/type/key do);
    // events go through SDL's queue exactly like real input.
    void inject_tap(float x, float y);
    void inject_click(float x, float y);
    void inject_text(std::string_view utf8);
    // Key name as SDL spells it: "Return", "Escape", "Backspace", "A". False if unknown.
    bool inject_key(std::string_view name);

    // The shell alive in this process (ImGui is process-global too), or nullptr.
    static AppShell* current();

    struct Impl;

  private:
    std::unique_ptr<Impl> impl_;
};

}  // namespace loket::ui
