#include "display_app.hpp"

#include <spdlog/spdlog.h>

#include <fstream>

#include "loket/ui/app_shell.hpp"
#include "sound_card.hpp"

namespace loket::display {

using nlohmann::json;

namespace {

LiveOptions live_options(const DisplayConfig& c) {
    LiveOptions o;
    o.server = c.server;
    o.device_key = c.device_key;
    o.server_fingerprint = c.server_fingerprint;
    o.model.zone = c.zone;
    o.model.recent_calls = c.recent_calls;
    o.model.highlight = c.highlight;
    o.model.fresh = c.voice.announce_recency;
    o.backoff_max_ms = c.reconnect_max_ms;
    return o;
}

json call_json(const CallRecord& c) {
    return {{"event_id", c.event_id},
            {"number", c.number},
            {"counter", c.counter},
            {"counter_name", c.counter_name},
            {"service", c.service_id},
            {"recall", c.recall},
            {"at", c.at_ms}};
}

const char* connection_name(Connection c) {
    switch (c) {
        case Connection::Connected:
            return "connected";
        case Connection::Reconnecting:
            return "reconnecting";
        case Connection::Connecting:
            return "connecting";
    }
    return "connecting";
}

}  // namespace

DisplayApp::DisplayApp(const DisplayConfig& config, ui::AppShell* shell)
    : DisplayApp(config, shell, Hooks{}) {}

DisplayApp::DisplayApp(const DisplayConfig& config, ui::AppShell* shell, Hooks hooks)
    : config_(config),
      shell_(shell),
      hooks_(std::move(hooks)),
      queue_(config.voice.announce_recency),
      screen_(config_) {
    if (config_.voice.enabled) {
        try {
            announcer_ = std::make_unique<voice::Announcer>(voice_settings(config_.voice));
        } catch (const std::exception& e) {
            spdlog::error("display: the voice cannot start, calls are shown only: {}", e.what());
        }
    }
    bool render = true;
    if (announcer_) {
        if (hooks_.sink) {
            sink_ = std::move(hooks_.sink);
        } else if (config_.audio_out) {
            sink_ = std::make_unique<WavFileSink>(*config_.audio_out);
        } else if (shell_ == nullptr || shell_->headless()) {
            sink_ = std::make_unique<NullSink>();
            render = false;
        } else {
            try {
                sink_ = std::make_unique<SdlAudioSink>();
            } catch (const std::exception& e) {
                spdlog::error("display: {}; calls are shown but not heard", e.what());
                sink_ = std::make_unique<NullSink>();
                render = false;
            }
        }
        spdlog::info("display: announcements to {}", sink_->describe());
        player_ = std::make_unique<AnnouncementPlayer>(
            queue_, *announcer_, *sink_, config_.voice.volume, render, hooks_.on_played);
    }
    floor_ = std::make_unique<LiveFloor>(
        live_options(config_),
        [this] {
            if (shell_)
                shell_->request_redraw();
        },
        [this](const CallRecord& call, bool fresh) {
            if (!player_ || !fresh)
                return;
            voice::AnnouncementRequest request;
            request.event_id = std::to_string(call.event_id);
            // The server's time of the call on this machine's clock.
            const std::int64_t skew = floor_ ? floor_->view().server_skew_ms : 0;
            request.at =
                std::chrono::system_clock::time_point(std::chrono::milliseconds(call.at_ms - skew));
            request.call = call_info(call);
            request.recall = call.recall;
            queue_.push(std::move(request));
        });
    if (shell_) {
        screen_.attach(*shell_);
        shell_->set_frame([this](ui::AppShell& shell) { frame(shell); });
    }
}

DisplayApp::~DisplayApp() {
    stop();
    if (shell_)
        shell_->set_frame({});
}

void DisplayApp::start() {
    if (player_)
        player_->start();
    floor_->start();
}

void DisplayApp::stop() {
    floor_->stop();
    if (player_)
        player_->stop();
    queue_.close();
}

void DisplayApp::frame(ui::AppShell& shell) {
    const FloorView view = floor_->view();
    screen_.draw(shell, view);
    if (config_.state_out && view.version != written_version_) {
        write_state(view);
        written_version_ = view.version;
    }
    if (hooks_.on_frame)
        hooks_.on_frame(view);
}

json DisplayApp::state_json(const FloorView& v) const {
    json counters = json::array();
    for (const auto& c : v.counters) {
        counters.push_back({{"number", c.number},
                            {"name", c.name},
                            {"state", to_string(c.state)},
                            {"pause_reason", c.pause_reason},
                            {"current", c.current ? json(c.current->number) : json(nullptr)}});
    }
    json services = json::array();
    for (const auto& s : v.services)
        services.push_back({{"id", s.id}, {"waiting", s.waiting}});
    json recent = json::array();
    for (const auto& c : v.recent)
        recent.push_back(call_json(c));
    json calls = json::array();
    for (const auto& c : floor_->call_log())
        calls.push_back(call_json(c));
    const auto queue = queue_.stats();
    return {{"version", v.version},
            {"loaded", v.loaded},
            {"connection", connection_name(v.connection)},
            {"office", v.office.name},
            {"last_event_id", v.last_event_id},
            {"current", v.current ? call_json(*v.current) : json(nullptr)},
            {"recent", recent},
            {"counters", counters},
            {"services", services},
            {"calls", calls},
            {"announcements",
             {{"queued", queue.queued}, {"stale", queue.stale}, {"handed_out", queue.handed_out}}}};
}

void DisplayApp::write_state(const FloorView& view) {
    const auto& path = *config_.state_out;
    const auto tmp = std::filesystem::path(path.string() + ".tmp");
    {
        std::ofstream out(tmp, std::ios::trunc);
        out << state_json(view).dump(1) << '\n';
        if (!out) {
            spdlog::warn("display: cannot write {}", tmp.string());
            return;
        }
    }
    std::error_code ec;
    std::filesystem::rename(tmp, path, ec);
}

}  // namespace loket::display
