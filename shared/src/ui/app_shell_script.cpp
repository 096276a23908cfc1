// AppShell's scripts and injected input: script steps (taps, drags, text, keys, waits) and the
// inject_* calls tests use.
#include <SDL.h>
#include <imgui.h>

#include "app_shell_impl.hpp"
#include "loket/ui/widgets.hpp"

namespace loket::ui {

using namespace detail;

namespace {

using Clock = AppShell::Clock;
using std::chrono::milliseconds;

}  // namespace

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
