// AppShell's loop: SDL events to ImGui, waiting and frame pacing, drawing only what changed,
// and the screenshots of each new screen.
#include <SDL.h>
#include <backends/imgui_impl_sdl.h>
#include <backends/imgui_impl_sdlrenderer.h>
#include <imgui.h>

#include <cctype>
#include <cstdio>

#include "app_shell_impl.hpp"
#include "loket/ui/widgets.hpp"

namespace loket::ui {

using namespace detail;

namespace {

using Clock = AppShell::Clock;
using std::chrono::milliseconds;

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

}  // namespace

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

}  // namespace loket::ui
