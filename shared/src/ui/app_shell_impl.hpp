#pragma once
// AppShell's private half (Impl and its pacing constants), shared by app_shell.cpp,
// app_shell_loop.cpp and app_shell_script.cpp.
#include <SDL.h>
#include <imgui.h>

#include <algorithm>
#include <atomic>
#include <cfloat>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <vector>

#include "internal.hpp"
#include "loket/ui/app_shell.hpp"
#include "loket/ui/script.hpp"

namespace loket::ui {

namespace detail {

// After input ImGui needs one frame to act on it and one to show the result; more frames
// follow until two in a row draw the same, bounded in case something never settles.
inline constexpr int kMaxSettleFrames = 10;
// A changed screen is photographed once stable, or after this many frames regardless.
inline constexpr int kScreenshotAfterFrames = 6;
inline constexpr auto kAnimationFrame =
    std::chrono::milliseconds(16);  // default pacing, about 60 fps
// Headless waits on a condition variable (SDL's dummy driver would poll every 1 ms); events
// pushed by code that bypasses request_redraw() are still seen within this slice.
inline constexpr auto kHeadlessWaitSlice = std::chrono::milliseconds(100);
// Touch device id for scripted fingers; real devices get ids from the OS.
inline constexpr SDL_TouchID kScriptTouchId = 0x10C3E7;
inline constexpr int kDragSteps = 8;

// The next whole second of the wall clock, a little after it (the clock's next tick).
AppShell::Clock::time_point next_wall_second();

}  // namespace detail

struct AppShell::Impl {
    AppShell* self = nullptr;
    ShellOptions opt;

    SDL_Window* window = nullptr;
    SDL_Renderer* renderer = nullptr;
    SDL_Texture* canvas = nullptr;  // the logical-size picture; scaled to the window
    Uint32 wake_event = 0;
    bool sdl_started = false, imgui_started = false, platform_started = false;
    bool renderer_started = false, watching = false;

    FrameFn frame;
    detail::LoadedFonts fonts;

    // Cross-thread wake-ups.
    std::mutex mu;
    std::condition_variable cv;
    bool woken = false;
    std::vector<std::function<void()>> tasks;
    std::atomic<bool> redraw{false}, wake_pending{false}, quitting{false};
    std::atomic<int> exit_code{0};

    // What to render.
    int frames_owed = 0;
    bool settling = false;
    int settle_left = 0;
    std::size_t last_hash = 0;
    bool have_hash = false;
    Clock::time_point animate_until{}, next_animation_frame{}, next_clock{}, next_interval{};
    bool clock_visible = false;
    Clock::duration animation_frame = detail::kAnimationFrame;

    // One pointer, fed from the first finger or the mouse (ImGui 1.86 has one mouse).
    struct Pointer {
        ImVec2 pos{-FLT_MAX, -FLT_MAX};
        bool present = false, down = false, hide_after_frame = false;
        bool finger_active = false;
        SDL_TouchID touch = 0;
        SDL_FingerID finger = 0;
    } ptr;

    // Screens and screenshots.
    std::string screen_key, captured_key;
    int shot_counter = 0, frames_since_key_change = 0;
    std::vector<std::filesystem::path> captures;
    bool captures_ok = true;
    std::vector<unsigned char> pixels;
    bool in_frame = false;

    // Script.
    std::optional<Script> script;
    std::size_t script_pos = 0;
    Clock::time_point script_wait_until{};
    std::deque<std::function<void()>> script_micro;  // drag sub-steps, one per settle
    std::string script_error;

    FrameStats stats;

    ~Impl() { close(); }

    void open();
    // open()'s parts, in order: SDL and its hints, the window with its renderer and canvas,
    // Dear ImGui with its backends.
    void open_sdl();
    void open_window();
    void open_imgui();
    void close();
    bool animating(Clock::time_point now) const { return animate_until > now; }
    // Settling frames during an animation wait for the animation's frame pacing.
    bool need_frame_now(Clock::time_point now) const {
        return frames_owed > 0 || (settling && !animating(now));
    }
    void trigger_settle(int min_frames = 2) {
        frames_owed = std::max(frames_owed, min_frames);
        settling = true;
        settle_left = detail::kMaxSettleFrames;
    }
    void trigger_once() { frames_owed = std::max(frames_owed, 1); }
    void wake() {
        {
            std::lock_guard lock(mu);
            woken = true;
        }
        cv.notify_one();
        if (sdl_started && !wake_pending.exchange(true)) {
            SDL_Event e{};
            e.type = wake_event;
            SDL_PushEvent(&e);
        }
    }
    static int on_event_pushed(void* user, SDL_Event* e) {
        // SDL_PollEvent pushes a sentinel on every call: waking on it would spin.
        if (e->type == SDL_POLLSENTINEL)
            return 0;
        auto* d = static_cast<Impl*>(user);
        {
            std::lock_guard lock(d->mu);
            d->woken = true;
        }
        d->cv.notify_one();
        return 0;
    }

    SDL_Rect letterbox() const;
    ImVec2 window_to_logical(float wx, float wy) const;
    ImVec2 logical_to_window(ImVec2 p) const;
    bool handle_event(const SDL_Event& e);
    void pump(std::optional<Clock::duration> max_wait);
    void run_tasks();
    int loop(std::optional<Clock::time_point> deadline);
    void draw();
    void write_captures();
    void step_script();
    void execute(const ScriptStep& step);
    void fail_script(const ScriptStep& step, const std::string& why);
    void push_finger(Uint32 type, ImVec2 logical);
};

}  // namespace loket::ui
