#pragma once
// The kiosk's Dear ImGui view: draws the model and forwards taps to it. No decisions are made
// here; taps are queued while drawing and applied to the model after the frame, so a frame
// never draws half of one screen and half of another.
#include <optional>
#include <string>

#include "loket/ui/app_shell.hpp"
#include "model.hpp"
#include "qr.hpp"

namespace loket::kiosk {

// What the view remembers between frames (nothing the model needs to know).
struct ViewState {
    std::string qr_text;  // the status URL the cached QR matrix encodes
    std::optional<QrMatrix> qr;
    std::string scroll_key;  // scroll areas start at the top when this changes
    bool reset_scroll = false;
};

// Draws one frame of the current screen and applies the taps it saw. Also names the screen
// for screenshots and scripts (AppShell::set_screen).
void draw_kiosk(ui::AppShell& shell, Model& model, ViewState& state);

// The next wall-clock minute, when the screen shows the clock (start screens); else nullopt.
std::optional<std::chrono::steady_clock::time_point> next_clock_tick(const Model& model);

}  // namespace loket::kiosk
