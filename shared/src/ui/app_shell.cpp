#include "loket/ui/app_shell.hpp"

#include <SDL.h>
#include <backends/imgui_impl_sdl.h>
#include <backends/imgui_impl_sdlrenderer.h>
#include <imgui.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cfloat>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <mutex>
#include <optional>
#include <vector>

#include "internal.hpp"
#include "loket/ui/script.hpp"
#include "loket/ui/widgets.hpp"

namespace loket::ui {
namespace {

using Clock = AppShell::Clock;
using std::chrono::milliseconds;

AppShell* g_current = nullptr;

// After input ImGui needs one frame to act on it and one to show the result; more frames
// follow until two in a row draw the same, bounded in case something never settles.
constexpr int kMaxSettleFrames = 10;
// A changed screen is photographed once stable, or after this many frames regardless.
constexpr int kScreenshotAfterFrames = 6;
constexpr auto kAnimationFrame = milliseconds(16);  // default pacing, about 60 fps
// Headless waits on a condition variable (SDL's dummy driver would poll every 1 ms); events
// pushed by code that bypasses request_redraw() are still seen within this slice.
constexpr auto kHeadlessWaitSlice = milliseconds(100);
// Touch device id for scripted fingers; real devices get ids from the OS.
constexpr SDL_TouchID kScriptTouchId = 0x10C3E7;
constexpr int kDragSteps = 8;

std::size_t hash_bytes(const void* data, std::size_t size) {
    return std::hash<std::string_view>{}(std::string_view(static_cast<const char*>(data), size));
}

// Identical draw data means an identical picture: used to stop rendering once settled.
std::size_t hash_draw_data(const ImDrawData* dd) {
    std::size_t h = 0;
    const auto mix = [&h](std::size_t v) { h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2); };
    if (dd == nullptr)
        return 0;
    for (int n = 0; n < dd->CmdListsCount; ++n) {
        const ImDrawList* list = dd->CmdLists[n];
        mix(hash_bytes(list->VtxBuffer.Data,
                       std::size_t(list->VtxBuffer.Size) * sizeof(ImDrawVert)));
        mix(hash_bytes(list->IdxBuffer.Data,
                       std::size_t(list->IdxBuffer.Size) * sizeof(ImDrawIdx)));
        for (const ImDrawCmd& cmd : list->CmdBuffer) {
            mix(hash_bytes(&cmd.ClipRect, sizeof cmd.ClipRect));
            mix(std::size_t(reinterpret_cast<std::uintptr_t>(cmd.TextureId)));
            mix(cmd.ElemCount);
            mix(cmd.VtxOffset);
            mix(cmd.IdxOffset);
        }
    }
    return h;
}

std::string file_key(std::string_view key) {
    std::string out;
    for (char c : key)
        out += (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') ? c : '-';
    return out.empty() ? "screen" : out;
}

Clock::time_point next_wall_second() {
    const auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
    const auto into_second = std::chrono::duration_cast<milliseconds>(since_epoch).count() % 1000;
    return Clock::now() + milliseconds(1000 - into_second + 2);
}

}  // namespace

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
    Clock::duration animation_frame = kAnimationFrame;

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
    void close();
    bool animating(Clock::time_point now) const { return animate_until > now; }
    // Settling frames during an animation wait for the animation's frame pacing.
    bool need_frame_now(Clock::time_point now) const {
        return frames_owed > 0 || (settling && !animating(now));
    }
    void trigger_settle(int min_frames = 2) {
        frames_owed = std::max(frames_owed, min_frames);
        settling = true;
        settle_left = kMaxSettleFrames;
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

void AppShell::Impl::open() {
    if (opt.headless) {
        // Override, not just set: an inherited SDL_VIDEODRIVER=x11 must not win.
        SDL_SetHintWithPriority(SDL_HINT_VIDEODRIVER, "dummy", SDL_HINT_OVERRIDE);
        SDL_SetHintWithPriority(SDL_HINT_RENDER_DRIVER, "software", SDL_HINT_OVERRIDE);
    }
    // Real touchscreens also send synthetic mouse events; we take fingers directly and drop
    // the synthetic ones, so both hints are explicit rather than left to defaults.
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "1");
    SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
    if (SDL_Init(SDL_INIT_VIDEO) != 0)
        throw ShellError(std::string("SDL_Init(VIDEO) failed: ") + SDL_GetError() +
                         (opt.headless ? "" : " (no display? use --headless)"));
    sdl_started = true;
    wake_event = SDL_RegisterEvents(1);
    if (wake_event == Uint32(-1))
        throw ShellError("SDL_RegisterEvents failed: no user event types left");

    int ww = opt.width, wh = opt.height;
    Uint32 flags = SDL_WINDOW_SHOWN;
    if (opt.headless && opt.window_width > 0 && opt.window_height > 0) {
        ww = opt.window_width;  // tests of the window-to-logical mapping
        wh = opt.window_height;
    } else if (!opt.headless && opt.fullscreen) {
        flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    } else if (!opt.headless) {
        flags |= SDL_WINDOW_RESIZABLE;
        if (opt.window_width > 0 && opt.window_height > 0) {
            ww = opt.window_width;
            wh = opt.window_height;
        } else if (SDL_Rect usable; SDL_GetDisplayUsableBounds(0, &usable) == 0) {
            const double scale =
                std::min({1.0, 0.9 * usable.w / opt.width, 0.9 * usable.h / opt.height});
            ww = int(opt.width * scale);
            wh = int(opt.height * scale);
        }
    }
    window = SDL_CreateWindow(opt.title.c_str(), SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, ww,
                              wh, flags);
    if (window == nullptr)
        throw ShellError(std::string("SDL_CreateWindow failed: ") + SDL_GetError());

    const Uint32 target = SDL_RENDERER_TARGETTEXTURE;
    if (!opt.headless)
        renderer = SDL_CreateRenderer(
            window, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC | target);
    if (renderer == nullptr)
        renderer = SDL_CreateRenderer(window, -1, SDL_RENDERER_SOFTWARE | target);
    if (renderer == nullptr)
        throw ShellError(std::string("SDL_CreateRenderer failed: ") + SDL_GetError());
    canvas = SDL_CreateTexture(renderer, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET,
                               opt.width, opt.height);
    if (canvas == nullptr)
        throw ShellError(std::string("cannot create the ") + std::to_string(opt.width) + "x" +
                         std::to_string(opt.height) + " canvas: " + SDL_GetError());
    SDL_SetTextureBlendMode(canvas, SDL_BLENDMODE_NONE);
    SDL_SetTextureScaleMode(canvas, SDL_ScaleModeLinear);
    if (opt.hide_cursor)
        SDL_ShowCursor(SDL_DISABLE);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    imgui_started = true;
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // a kiosk has no layout to remember
    io.LogFilename = nullptr;
    io.ConfigInputTextCursorBlink = false;  // blinking would need frames forever
    if (opt.hide_cursor)
        io.ConfigFlags |= ImGuiConfigFlags_NoMouseCursorChange;
    apply_style(opt.theme);
    fonts = detail::load_fonts(opt.fonts, opt.font_dir);

    if (!ImGui_ImplSDL2_InitForSDLRenderer(window))
        throw ShellError("ImGui SDL2 backend failed to start");
    platform_started = true;
    if (!ImGui_ImplSDLRenderer_Init(renderer))
        throw ShellError("ImGui SDL_Renderer backend failed to start");
    renderer_started = true;
    if (opt.headless) {
        SDL_AddEventWatch(&Impl::on_event_pushed, this);
        watching = true;
    }
    if (opt.screenshot_interval_s > 0)
        next_interval = Clock::now();
    trigger_settle();
}

void AppShell::Impl::close() {
    if (watching)
        SDL_DelEventWatch(&Impl::on_event_pushed, this);
    if (renderer_started)
        ImGui_ImplSDLRenderer_Shutdown();
    if (platform_started)
        ImGui_ImplSDL2_Shutdown();
    if (imgui_started)
        ImGui::DestroyContext();
    if (canvas != nullptr)
        SDL_DestroyTexture(canvas);
    if (renderer != nullptr)
        SDL_DestroyRenderer(renderer);
    if (window != nullptr)
        SDL_DestroyWindow(window);
    if (sdl_started)
        SDL_Quit();
    watching = renderer_started = platform_started = imgui_started = sdl_started = false;
    canvas = nullptr;
    renderer = nullptr;
    window = nullptr;
    detail::registry_clear();
}

SDL_Rect AppShell::Impl::letterbox() const {
    int ow = opt.width, oh = opt.height;
    SDL_GetRendererOutputSize(renderer, &ow, &oh);
    const double scale = std::min(double(ow) / opt.width, double(oh) / opt.height);
    const int w = int(opt.width * scale + 0.5), h = int(opt.height * scale + 0.5);
    return {(ow - w) / 2, (oh - h) / 2, w, h};
}

ImVec2 AppShell::Impl::window_to_logical(float wx, float wy) const {
    int ww = 1, wh = 1, ow = 1, oh = 1;
    SDL_GetWindowSize(window, &ww, &wh);
    SDL_GetRendererOutputSize(renderer, &ow, &oh);
    const SDL_Rect lb = letterbox();
    const float px = wx * float(ow) / float(std::max(ww, 1));
    const float py = wy * float(oh) / float(std::max(wh, 1));
    return {(px - float(lb.x)) * float(opt.width) / float(std::max(lb.w, 1)),
            (py - float(lb.y)) * float(opt.height) / float(std::max(lb.h, 1))};
}

ImVec2 AppShell::Impl::logical_to_window(ImVec2 p) const {
    int ww = 1, wh = 1, ow = 1, oh = 1;
    SDL_GetWindowSize(window, &ww, &wh);
    SDL_GetRendererOutputSize(renderer, &ow, &oh);
    const SDL_Rect lb = letterbox();
    const float px = float(lb.x) + p.x * float(lb.w) / float(opt.width);
    const float py = float(lb.y) + p.y * float(lb.h) / float(opt.height);
    return {px * float(ww) / float(std::max(ow, 1)), py * float(wh) / float(std::max(oh, 1))};
}

// Returns true for a press or release: ImGui 1.86 samples button and key state once per
// frame, so the caller renders a frame before taking the next event (else a quick tap's
// down and up would cancel out unseen).
bool AppShell::Impl::handle_event(const SDL_Event& e) {
    int ww = 1, wh = 1;
    switch (e.type) {
        case SDL_QUIT:
            quitting = true;
            return false;
        case SDL_FINGERDOWN:
            if (ptr.finger_active)
                return false;  // one finger drives the pointer; others are ignored
            SDL_GetWindowSize(window, &ww, &wh);
            ptr.finger_active = true;
            ptr.touch = e.tfinger.touchId;
            ptr.finger = e.tfinger.fingerId;
            ptr.pos = window_to_logical(e.tfinger.x * float(ww), e.tfinger.y * float(wh));
            ptr.present = ptr.down = true;
            ptr.hide_after_frame = false;
            trigger_settle();
            return true;
        case SDL_FINGERMOTION:
        case SDL_FINGERUP:
            if (!ptr.finger_active || e.tfinger.touchId != ptr.touch ||
                e.tfinger.fingerId != ptr.finger)
                return false;
            SDL_GetWindowSize(window, &ww, &wh);
            ptr.pos = window_to_logical(e.tfinger.x * float(ww), e.tfinger.y * float(wh));
            trigger_settle();
            if (e.type == SDL_FINGERMOTION)
                return false;
            // The release frame keeps the position so the item under the finger gets the tap;
            // afterwards the pointer leaves, or the item would stay highlighted as hovered.
            ptr.down = ptr.finger_active = false;
            ptr.hide_after_frame = true;
            return true;
        case SDL_MOUSEMOTION:
            if (e.motion.which == SDL_TOUCH_MOUSEID)
                return false;  // synthesized from a finger we already handle
            ptr.pos = window_to_logical(float(e.motion.x), float(e.motion.y));
            ptr.present = true;
            trigger_settle();
            return false;
        case SDL_MOUSEBUTTONDOWN:
        case SDL_MOUSEBUTTONUP:
            if (e.button.which == SDL_TOUCH_MOUSEID || e.button.button != SDL_BUTTON_LEFT)
                return false;
            ptr.pos = window_to_logical(float(e.button.x), float(e.button.y));
            ptr.present = true;
            ptr.down = e.type == SDL_MOUSEBUTTONDOWN;
            trigger_settle();
            return true;
        case SDL_WINDOWEVENT:
            if (e.window.event == SDL_WINDOWEVENT_LEAVE && !ptr.down && !ptr.finger_active)
                ptr.present = false;
            ImGui_ImplSDL2_ProcessEvent(&e);
            trigger_settle();
            return false;
        case SDL_KEYDOWN:
        case SDL_KEYUP:
            ImGui_ImplSDL2_ProcessEvent(&e);
            trigger_settle();
            return true;
        case SDL_TEXTINPUT:
        case SDL_MOUSEWHEEL:
            ImGui_ImplSDL2_ProcessEvent(&e);
            trigger_settle();
            return false;
        default:
            if (e.type == wake_event)
                wake_pending = false;
            return false;
    }
}

void AppShell::Impl::pump(std::optional<Clock::duration> max_wait) {
    SDL_Event e;
    const bool wait = !max_wait || *max_wait > Clock::duration::zero();
    if (wait && opt.headless) {
        if (!SDL_HasEvents(SDL_FIRSTEVENT, SDL_LASTEVENT)) {
            const Clock::duration slice =
                max_wait ? std::min<Clock::duration>(*max_wait, kHeadlessWaitSlice)
                         : kHeadlessWaitSlice;
            std::unique_lock lock(mu);
            cv.wait_for(lock, slice, [this] { return woken; });
            woken = false;
        }
    } else if (wait) {
        const int ms = max_wait ? int(std::chrono::ceil<milliseconds>(*max_wait).count()) : -1;
        if (SDL_WaitEventTimeout(&e, ms) != 0 && handle_event(e))
            return;
    }
    while (SDL_PollEvent(&e) != 0)
        if (handle_event(e))
            return;
}

void AppShell::Impl::run_tasks() {
    std::vector<std::function<void()>> todo;
    {
        std::lock_guard lock(mu);
        todo.swap(tasks);
    }
    for (auto& task : todo)
        task();
    if (!todo.empty())
        trigger_settle();
}

int AppShell::Impl::loop(std::optional<Clock::time_point> deadline) {
    const Clock::duration interval = std::chrono::duration_cast<Clock::duration>(
        std::chrono::duration<double>(opt.screenshot_interval_s));
    while (!quitting) {
        run_tasks();
        if (redraw.exchange(false))
            trigger_settle();
        step_script();
        if (quitting)
            break;
        Clock::time_point now = Clock::now();
        if (deadline && now >= *deadline)
            break;

        // Sleep until the earliest thing that needs a frame, or an event.
        std::optional<Clock::time_point> wake_at = deadline;
        const auto earliest = [&wake_at](Clock::time_point t) {
            wake_at = wake_at ? std::min(*wake_at, t) : t;
        };
        if (need_frame_now(now))
            earliest(now);
        if (animating(now))
            earliest(next_animation_frame);
        if (clock_visible)
            earliest(next_clock);
        if (interval > Clock::duration::zero() && !opt.screenshot_dir.empty())
            earliest(next_interval);
        if (script && script_wait_until > now)
            earliest(script_wait_until);
        pump(wake_at
                 ? std::optional<Clock::duration>(std::max(*wake_at - now, Clock::duration::zero()))
                 : std::nullopt);
        if (quitting)
            break;

        now = Clock::now();
        if (animate_until != Clock::time_point{}) {
            if (now >= animate_until) {
                animate_until = {};
                trigger_settle();  // the final, still picture
            } else if (now >= next_animation_frame) {
                trigger_once();
            }
        }
        if (clock_visible && now >= next_clock) {
            trigger_once();
            next_clock = next_wall_second();
        }
        if (interval > Clock::duration::zero() && !opt.screenshot_dir.empty() &&
            now >= next_interval) {
            captures.push_back(opt.screenshot_dir / "latest.png");
            trigger_once();
            next_interval = std::max(next_interval + interval, now);
        }
        if (need_frame_now(now))
            draw();
    }
    return exit_code;
}

void AppShell::Impl::draw() {
    const auto t0 = Clock::now();
    ImGuiIO& io = ImGui::GetIO();
    ImGui_ImplSDLRenderer_NewFrame();
    ImGui_ImplSDL2_NewFrame();
    // The backend reads window size and SDL's mouse state; the UI lives in logical pixels
    // and our pointer (pushed events never update SDL's internal mouse state).
    io.DisplaySize = ImVec2(float(opt.width), float(opt.height));
    io.DisplayFramebufferScale = ImVec2(1, 1);
    io.MousePos = ptr.present ? ptr.pos : ImVec2(-FLT_MAX, -FLT_MAX);
    io.MouseDown[0] = ptr.down;
    io.MouseDown[1] = io.MouseDown[2] = false;

    ImGui::NewFrame();
    detail::registry_begin_frame();
    detail::set_clear_color(palette(opt.theme).background);
    in_frame = true;
    if (frame)
        frame(*self);
    in_frame = false;
    detail::registry_end_frame();
    ImGui::Render();
    ImDrawData* dd = ImGui::GetDrawData();
    const ImU32 clear = detail::clear_color();
    const std::size_t hash = hash_draw_data(dd) ^ std::hash<ImU32>{}(clear);
    const bool stable = have_hash && hash == last_hash;
    last_hash = hash;
    have_hash = true;

    SDL_SetRenderTarget(renderer, canvas);
    const ImVec4 bg = ImGui::ColorConvertU32ToFloat4(clear);
    SDL_SetRenderDrawColor(renderer, Uint8(bg.x * 255), Uint8(bg.y * 255), Uint8(bg.z * 255), 255);
    SDL_RenderClear(renderer);
    ImGui_ImplSDLRenderer_RenderDrawData(dd);
    SDL_RenderFlush(renderer);
    const double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
    ++stats.frames;
    stats.last_ms = ms;
    stats.max_ms = std::max(stats.max_ms, ms);
    stats.total_ms += ms;

    if (!opt.screenshot_dir.empty() && !screen_key.empty() && screen_key != captured_key) {
        ++frames_since_key_change;
        if (stable || frames_since_key_change >= kScreenshotAfterFrames) {
            char prefix[16];
            std::snprintf(prefix, sizeof prefix, "%03d-", ++shot_counter);
            captures.push_back(opt.screenshot_dir / (prefix + file_key(screen_key) + ".png"));
            captured_key = screen_key;
        }
    }
    write_captures();

    SDL_SetRenderTarget(renderer, nullptr);
    if (!opt.headless) {  // nobody sees the dummy window: skip the copy
        SDL_SetRenderDrawColor(renderer, 0, 0, 0, 255);
        SDL_RenderClear(renderer);
        const SDL_Rect dst = letterbox();
        SDL_RenderCopy(renderer, canvas, nullptr, &dst);
        SDL_RenderPresent(renderer);
    }

    next_animation_frame = t0 + animation_frame;
    frames_owed = std::max(0, frames_owed - 1);
    if (settling && ((frames_owed == 0 && stable) || --settle_left <= 0))
        settling = false;
    if (ptr.hide_after_frame) {
        ptr.hide_after_frame = false;
        ptr.present = false;
        trigger_settle(1);
    }
}

void AppShell::Impl::write_captures() {
    if (captures.empty())
        return;
    pixels.resize(std::size_t(opt.width) * std::size_t(opt.height) * 3);
    if (SDL_RenderReadPixels(renderer, nullptr, SDL_PIXELFORMAT_RGB24, pixels.data(),
                             opt.width * 3) != 0) {
        std::fprintf(stderr, "loket-ui: cannot read the frame's pixels: %s\n", SDL_GetError());
        captures_ok = false;
    } else {
        for (const auto& path : captures) {
            const std::string error =
                detail::write_png_rgb(path, opt.width, opt.height, pixels.data());
            if (!error.empty()) {
                std::fprintf(stderr, "loket-ui: screenshot failed: %s\n", error.c_str());
                captures_ok = false;
            }
        }
    }
    captures.clear();
}

void AppShell::Impl::fail_script(const ScriptStep& step, const std::string& why) {
    script_error = script->source + ":" + std::to_string(step.line) + ": " + why;
    std::fprintf(stderr, "loket-ui: script failed: %s\n", script_error.c_str());
    exit_code = 1;
    quitting = true;
}

void AppShell::Impl::push_finger(Uint32 type, ImVec2 logical) {
    int ww = 1, wh = 1;
    SDL_GetWindowSize(window, &ww, &wh);
    const ImVec2 w = logical_to_window(logical);
    SDL_Event e{};
    e.type = type;
    e.tfinger.timestamp = SDL_GetTicks();
    e.tfinger.touchId = kScriptTouchId;
    e.tfinger.fingerId = 1;
    e.tfinger.x = w.x / float(std::max(ww, 1));
    e.tfinger.y = w.y / float(std::max(wh, 1));
    e.tfinger.pressure = type == SDL_FINGERUP ? 0.0f : 1.0f;
    e.tfinger.windowID = SDL_GetWindowID(window);
    SDL_PushEvent(&e);
}

void AppShell::Impl::step_script() {
    if (!script || !script_error.empty())
        return;
    for (;;) {
        // One command at a time, each once the previous one's effects are on screen.
        if (quitting || need_frame_now(Clock::now()) || !captures.empty() ||
            Clock::now() < script_wait_until || SDL_HasEvents(SDL_FIRSTEVENT, SDL_LASTEVENT))
            return;
        if (!script_micro.empty()) {
            auto next = std::move(script_micro.front());
            script_micro.pop_front();
            next();
            continue;
        }
        if (script_pos >= script->steps.size())
            return;
        execute(script->steps[script_pos++]);
    }
}

void AppShell::Impl::execute(const ScriptStep& step) {
    using Op = ScriptStep::Op;
    switch (step.op) {
        case Op::Tap:
            self->inject_tap(step.x, step.y);
            break;
        case Op::Click:
            self->inject_click(step.x, step.y);
            break;
        case Op::TapText: {
            const auto target = find_tap_target(step.text);
            if (!target) {
                std::string known;
                for (const auto& t : tap_targets())
                    known += (known.empty() ? "\"" : ", \"") + t.label + "\"";
                fail_script(step, "nothing labelled \"" + step.text + "\" on screen '" +
                                      screen_key +
                                      "'; labels shown: " + (known.empty() ? "none" : known));
                return;
            }
            self->inject_tap(target->center().x, target->center().y);
            break;
        }
        case Op::Drag: {
            const ImVec2 a(step.x, step.y), b(step.x2, step.y2);
            script_micro.push_back([this, a] { push_finger(SDL_FINGERDOWN, a); });
            for (int i = 1; i <= kDragSteps; ++i) {
                const float t = float(i) / kDragSteps;
                const ImVec2 p(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t);
                script_micro.push_back([this, p] { push_finger(SDL_FINGERMOTION, p); });
            }
            script_micro.push_back([this, b] { push_finger(SDL_FINGERUP, b); });
            break;
        }
        case Op::Type:
            self->inject_text(step.text);
            break;
        case Op::Key:
            self->inject_key(step.text);
            break;
        case Op::Scan:
            // Both queued before the next frame reads its events: one burst, as from a scanner.
            self->inject_text(step.text);
            self->inject_key("Return");
            break;
        case Op::Wait:
            script_wait_until = Clock::now() + milliseconds(step.ms);
            break;
        case Op::Screenshot:
            captures.push_back(
                (opt.screenshot_dir.empty() ? std::filesystem::path(".") : opt.screenshot_dir) /
                (step.text + ".png"));
            trigger_once();
            break;
        case Op::ExpectText:
            if (!screen_contains_text(step.text))
                fail_script(step, "expected text \"" + step.text + "\" is not on screen '" +
                                      screen_key + "'");
            break;
        case Op::ExpectScreen:
            if (screen_key != step.text)
                fail_script(step, "expected screen '" + step.text + "' but the screen is '" +
                                      screen_key + "'");
            break;
        case Op::Quit:
            exit_code = 0;
            quitting = true;
            break;
    }
}

// --- AppShell ---

AppShell::AppShell(ShellOptions options) : impl_(std::make_unique<Impl>()) {
    if (g_current != nullptr)
        throw ShellError("only one AppShell may exist at a time (SDL and ImGui are process-wide)");
    if (options.width <= 0 || options.height <= 0)
        throw ShellError("logical size must be positive");
    Impl& d = *impl_;
    d.self = this;
    d.opt = std::move(options);
    if (!d.opt.script.empty()) {  // before any window opens: a bad script fails fast
        d.script = load_script(d.opt.script);
        check_script_bounds(*d.script, d.opt.width, d.opt.height);
    }
    d.open();
    g_current = this;
}

AppShell::~AppShell() {
    if (g_current == this)
        g_current = nullptr;
}

AppShell* AppShell::current() {
    return g_current;
}

void AppShell::set_frame(FrameFn frame) {
    impl_->frame = std::move(frame);
    impl_->trigger_settle();
}

int AppShell::run() {
    return impl_->loop(std::nullopt);
}

void AppShell::run_for(std::chrono::milliseconds duration) {
    impl_->loop(Clock::now() + duration);
}

void AppShell::render_frame() {
    if (!impl_->in_frame)
        impl_->draw();
}

bool AppShell::save_png(const std::filesystem::path& path) {
    impl_->captures.push_back(path);
    if (impl_->in_frame)
        return true;
    impl_->captures_ok = true;
    impl_->draw();
    return impl_->captures_ok;
}

void AppShell::request_redraw() {
    impl_->redraw = true;
    impl_->wake();
}

void AppShell::post(std::function<void()> task) {
    {
        std::lock_guard lock(impl_->mu);
        impl_->tasks.push_back(std::move(task));
    }
    impl_->wake();
}

void AppShell::quit(int exit_code) {
    impl_->exit_code = exit_code;
    impl_->quitting = true;
    impl_->wake();
}

void AppShell::animate_until(Clock::time_point until) {
    Impl& d = *impl_;
    if (until <= Clock::now())
        return;
    if (d.animate_until == Clock::time_point{})
        d.next_animation_frame = Clock::now();
    d.animate_until = std::max(d.animate_until, until);
}

void AppShell::set_animation_interval(std::chrono::milliseconds interval) {
    impl_->animation_frame = std::max<Clock::duration>(interval, milliseconds(1));
}

void AppShell::set_clock_visible(bool visible) {
    if (visible && !impl_->clock_visible)
        impl_->next_clock = next_wall_second();
    impl_->clock_visible = visible;
}

void AppShell::set_screen(std::string_view key) {
    Impl& d = *impl_;
    if (d.screen_key == key)
        return;
    d.screen_key = key;
    d.frames_since_key_change = 0;
    d.trigger_settle();
}

const std::string& AppShell::screen() const {
    return impl_->screen_key;
}

ImFont* AppShell::font(FontRole role, Weight weight) const {
    return impl_->fonts.fonts[std::size_t(role)][weight == Weight::Bold ? 1 : 0];
}

bool AppShell::fonts_fallback() const {
    return impl_->fonts.fallback;
}
Theme AppShell::theme() const {
    return impl_->opt.theme;
}
int AppShell::width() const {
    return impl_->opt.width;
}
int AppShell::height() const {
    return impl_->opt.height;
}
bool AppShell::headless() const {
    return impl_->opt.headless;
}
const FrameStats& AppShell::stats() const {
    return impl_->stats;
}
const std::string& AppShell::script_error() const {
    return impl_->script_error;
}

bool AppShell::script_finished() const {
    const Impl& d = *impl_;
    return !d.script || (d.script_pos >= d.script->steps.size() && d.script_micro.empty());
}

void AppShell::inject_tap(float x, float y) {
    impl_->push_finger(SDL_FINGERDOWN, {x, y});
    impl_->push_finger(SDL_FINGERUP, {x, y});
}

void AppShell::inject_click(float x, float y) {
    const ImVec2 w = impl_->logical_to_window({x, y});
    const Uint32 id = SDL_GetWindowID(impl_->window);
    SDL_Event e{};
    e.type = SDL_MOUSEMOTION;
    e.motion.windowID = id;
    e.motion.x = int(w.x);
    e.motion.y = int(w.y);
    SDL_PushEvent(&e);
    for (Uint32 type : {Uint32(SDL_MOUSEBUTTONDOWN), Uint32(SDL_MOUSEBUTTONUP)}) {
        e = SDL_Event{};
        e.type = type;
        e.button.windowID = id;
        e.button.button = SDL_BUTTON_LEFT;
        e.button.state = type == SDL_MOUSEBUTTONDOWN ? SDL_PRESSED : SDL_RELEASED;
        e.button.clicks = 1;
        e.button.x = int(w.x);
        e.button.y = int(w.y);
        SDL_PushEvent(&e);
    }
}

void AppShell::inject_text(std::string_view utf8) {
    // SDL_TEXTINPUT carries at most 31 bytes; split between UTF-8 sequences.
    const std::size_t max_chunk = SDL_TEXTINPUTEVENT_TEXT_SIZE - 1;
    while (!utf8.empty()) {
        std::size_t n = std::min(max_chunk, utf8.size());
        while (n < utf8.size() && n > 0 && (static_cast<unsigned char>(utf8[n]) & 0xC0) == 0x80)
            --n;
        if (n == 0)  // not UTF-8: pass the bytes on rather than loop forever
            n = std::min(max_chunk, utf8.size());
        SDL_Event e{};
        e.type = SDL_TEXTINPUT;
        e.text.windowID = SDL_GetWindowID(impl_->window);
        utf8.substr(0, n).copy(e.text.text, n);
        SDL_PushEvent(&e);
        utf8.remove_prefix(n);
    }
}

bool AppShell::inject_key(std::string_view name) {
    const SDL_Scancode sc = SDL_GetScancodeFromName(std::string(name).c_str());
    if (sc == SDL_SCANCODE_UNKNOWN)
        return false;
    for (Uint32 type : {Uint32(SDL_KEYDOWN), Uint32(SDL_KEYUP)}) {
        SDL_Event e{};
        e.type = type;
        e.key.windowID = SDL_GetWindowID(impl_->window);
        e.key.state = type == SDL_KEYDOWN ? SDL_PRESSED : SDL_RELEASED;
        e.key.keysym.scancode = sc;
        e.key.keysym.sym = SDL_GetKeyFromScancode(sc);
        SDL_PushEvent(&e);
    }
    return true;
}

}  // namespace loket::ui
