// The frame entry point: keyboard input, the scroll reset and the screen to draw (its pieces:
// view_widgets.cpp, view_start.cpp and the other view_*.cpp).
#include "view.hpp"

#include <algorithm>
#include <cmath>

#include "format.hpp"
#include "view_common.hpp"

namespace loket::kiosk {

std::optional<std::chrono::steady_clock::time_point> next_clock_tick(const Model& model) {
    const bool start_shown = model.screen() == Screen::start ||
                             (model.screen() == Screen::offline && model.connection_lost());
    if (!start_shown)
        return std::nullopt;
    using namespace std::chrono;
    const auto now = model.wall_now();
    const auto into_minute = duration_cast<milliseconds>(now.time_since_epoch()) % minutes(1);
    return steady_clock::now() + (minutes(1) - into_minute) + milliseconds(20);
}

namespace {

// Taps and keys of a hardware keyboard (the receipt scanner), before drawing: a scan may change
// the screen, and the frame then draws the new one whole.
void read_input(Model& model) {
    const ImGuiIO& io = ImGui::GetIO();
    if (io.MouseDown[0] || io.InputQueueCharacters.Size > 0)
        model.note_activity();
    std::string typed;
    for (const ImWchar c : io.InputQueueCharacters)
        if (c >= 0x20 && c < 0x7F)  // a receipt's QR code is ASCII
            typed += char(c);
    const bool enter = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false) ||
                       ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter), false);
    if (!typed.empty() || enter)
        model.on_keyboard_input(typed, enter);
}

void draw_screen(view::Frame& f, Model& model) {
    switch (model.screen()) {
        case Screen::connecting:
            view::draw_connecting(f);
            break;
        case Screen::offline:
            // After a lost connection the start screen stays, with what the kiosk knows;
            // only taking a number waits.
            if (model.connection_lost())
                view::draw_start(f);
            else
                view::draw_offline(f);
            break;
        case Screen::start:
            view::draw_start(f);
            break;
        case Screen::permits:
            view::draw_permits(f);
            break;
        case Screen::permit:
            view::draw_permit(f);
            break;
        case Screen::priority:
            view::draw_priority(f);
            break;
        case Screen::issuing:
            view::draw_issuing(f);
            break;
        case Screen::ticket:
            view::draw_ticket(f);
            break;
        case Screen::error:
            view::draw_error(f);
            break;
        case Screen::closed:
            view::draw_closed(f);
            break;
        case Screen::status_entry:
            view::draw_status_entry(f);
            break;
        case Screen::status_checking:
            view::draw_status_checking(f);
            break;
        case Screen::status_result:
            view::draw_status_result(f);
            break;
        case Screen::survey:
            view::draw_survey(f);
            break;
        case Screen::complaint:
            view::draw_complaint(f);
            break;
    }
}

}  // namespace

void draw_kiosk(ui::AppShell& shell, Model& model, ViewState& state) {
    view::Frame f{shell,
                  model,
                  state,
                  float(shell.width()),
                  float(shell.height()),
                  shell.height() >= shell.width(),
                  {}};
    read_input(model);
    shell.set_screen(model.screen_key());

    // Scroll areas start at the top on a new screen, permit or section.
    std::string scroll_key = model.screen_key();
    if (model.screen() == Screen::permit && model.permit())
        scroll_key += "/" + model.permit()->id + "/" + std::to_string(int(model.section()));
    if (scroll_key != state.scroll_key) {
        state.scroll_key = scroll_key;
        state.reset_scroll = true;
    }

    ui::begin_screen("kiosk");
    // Bands (header, banners) run edge to edge; the window would clip them at its padding.
    ImGui::GetWindowDrawList()->PushClipRectFullScreen();
    draw_screen(f, model);
    ImGui::GetWindowDrawList()->PopClipRect();
    ui::end_screen();
    state.reset_scroll = false;
    for (auto& action : f.actions)
        action();
}

}  // namespace loket::kiosk
