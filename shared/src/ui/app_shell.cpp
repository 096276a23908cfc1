#include "loket/ui/app_shell.hpp"

#include <SDL.h>
#include <backends/imgui_impl_sdl.h>
#include <backends/imgui_impl_sdlrenderer.h>
#include <imgui.h>

#include "app_shell_impl.hpp"
#include "loket/ui/widgets.hpp"

namespace loket::ui {

using namespace detail;

namespace {

using Clock = AppShell::Clock;
using std::chrono::milliseconds;

AppShell* g_current = nullptr;

}  // namespace

Clock::time_point detail::next_wall_second() {
    const auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
    const auto into_second = std::chrono::duration_cast<milliseconds>(since_epoch).count() % 1000;
    return Clock::now() + milliseconds(1000 - into_second + 2);
}

void AppShell::Impl::open() {
    open_sdl();
    open_window();
    open_imgui();
    if (opt.headless) {
        SDL_AddEventWatch(&Impl::on_event_pushed, this);
        watching = true;
    }
    if (opt.screenshot_interval_s > 0)
        next_interval = Clock::now();
    trigger_settle();
}

void AppShell::Impl::open_sdl() {
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
}

void AppShell::Impl::open_window() {
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
}

void AppShell::Impl::open_imgui() {
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

}  // namespace loket::ui
