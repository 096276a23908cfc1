#pragma once
// The whole display wired together: LiveFloor (snapshot + events) -> FloorScreen (frames on
// demand) and -> AnnouncementQueue -> AnnouncementPlayer -> audio sink. main() is this plus
// argument parsing; tests and the benchmark run it in-process with a headless shell.
#include <chrono>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>

#include "audio.hpp"
#include "config.hpp"
#include "live_floor.hpp"
#include "loket/ui/app_shell.hpp"
#include "view.hpp"

namespace loket::ui {
class AppShell;
}

namespace loket::display {

class DisplayApp {
  public:
    struct Hooks {
        // After each drawn frame, with what it showed (UI thread).
        std::function<void(const FloorView&)> on_frame;
        // After each announcement was handed to the sink (voice thread).
        AnnouncementPlayer::TimingFn on_played;
        // Replaces the sink chosen from the configuration (tests, benchmark).
        std::unique_ptr<AudioSink> sink;
    };

    // shell may be null (no screen: floor and voice only). Throws std::runtime_error when the
    // configured audio output cannot be opened.
    DisplayApp(const DisplayConfig& config, ui::AppShell* shell, Hooks hooks);
    DisplayApp(const DisplayConfig& config, ui::AppShell* shell);
    ~DisplayApp();  // stops
    DisplayApp(const DisplayApp&) = delete;
    DisplayApp& operator=(const DisplayApp&) = delete;

    void start();
    void stop();

    LiveFloor& floor() { return *floor_; }
    voice::AnnouncementQueue& queue() { return queue_; }
    // Null when the voice is off or could not start.
    AnnouncementPlayer* player() { return player_.get(); }
    const AudioSink* sink() const { return sink_.get(); }
    FloorScreen& screen() { return screen_; }

    // What --state-out writes: the shown state and every call since the snapshot.
    nlohmann::json state_json(const FloorView& view) const;

  private:
    void frame(ui::AppShell& shell);
    void write_state(const FloorView& view);

    DisplayConfig config_;
    ui::AppShell* shell_;
    Hooks hooks_;
    voice::AnnouncementQueue queue_;
    std::unique_ptr<voice::Announcer> announcer_;
    std::unique_ptr<AudioSink> sink_;
    std::unique_ptr<AnnouncementPlayer> player_;
    FloorScreen screen_;
    std::unique_ptr<LiveFloor> floor_;
    std::uint64_t written_version_ = ~std::uint64_t(0);
};

}  // namespace loket::display
