#include "live_floor.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "loket/http_client.hpp"
#include "loket/input_error.hpp"

namespace loket::display {

using nlohmann::json;

LiveFloor::LiveFloor(LiveOptions options, ChangeFn on_change, CallFn on_call)
    : options_(std::move(options)),
      on_change_(std::move(on_change)),
      on_call_(std::move(on_call)),
      model_(options_.model) {
    net::SseClientOptions sse;
    sse.url = options_.server + "/api/v1/events";
    sse.bearer_token = options_.device_key;
    sse.server_fingerprint = options_.server_fingerprint;
    sse.backoff_initial_ms = options_.backoff_initial_ms;
    sse.backoff_max_ms = options_.backoff_max_ms;
    sse.idle_timeout_ms = options_.idle_timeout_ms;
    sse_ = std::make_unique<net::SseClient>(
        sse, [this](const net::SseEvent& e) { handle_event(e); },
        [this](const net::SseStatus& s) { on_state(s); });
}

LiveFloor::~LiveFloor() {
    stop();
}

void LiveFloor::start() {
    std::lock_guard lock(worker_mutex_);
    if (worker_.joinable())
        return;
    stopping_ = false;
    worker_ = std::thread([this] { worker(); });
}

void LiveFloor::stop() {
    {
        std::lock_guard lock(worker_mutex_);
        stopping_ = true;
    }
    worker_cv_.notify_all();
    if (worker_.joinable())
        worker_.join();
    sse_->stop();
}

FloorView LiveFloor::view() const {
    std::lock_guard lock(mutex_);
    return model_.view();
}

net::SseStatus LiveFloor::stream_status() const {
    return sse_->status();
}

FloorModel::Stats LiveFloor::model_stats() const {
    std::lock_guard lock(mutex_);
    return model_.stats();
}

std::vector<CallRecord> LiveFloor::call_log() const {
    std::lock_guard lock(mutex_);
    return {model_.call_log().begin(), model_.call_log().end()};
}

std::uint64_t LiveFloor::snapshots_loaded() const {
    std::lock_guard lock(mutex_);
    return snapshots_;
}

void LiveFloor::notify_change() {
    if (on_change_)
        on_change_();
}

// GET /display; full: replace the model (start, or the server's event log was reset),
// otherwise take only names and assignments (settings.changed) and check the cursor.
net::HttpClient LiveFloor::client() const {
    net::HttpClientOptions http;
    http.base_url = options_.server + "/api/v1";
    http.bearer_token = options_.device_key;
    http.server_fingerprint = options_.server_fingerprint;
    http.connect_timeout_ms = 2000;
    http.timeout_ms = 5000;
    http.retries = 0;
    return net::HttpClient(http);
}

LiveFloor::SnapshotResult LiveFloor::load_snapshot(bool full) {
    net::HttpClient client = this->client();
    // Every event applied before the request was sent is in the server's log by then, so a
    // reply below this cursor means a new log (a reply below the cursor at the time it is
    // read only means events arrived meanwhile).
    std::int64_t cursor_before = 0;
    {
        std::lock_guard lock(mutex_);
        cursor_before = model_.last_event_id();
    }
    const std::size_t recent =
        options_.model.zone.everything()
            ? std::min<std::size_t>(100, (options_.model.recent_calls + 1) * 3)
            : 100;
    const net::HttpResult result = client.get("/display?recent=" + std::to_string(recent));
    if (!result.ok()) {
        // Once per distinct problem, not at every retry.
        const std::string why = result.response ? "HTTP " + std::to_string(result.status())
                                                : result.error + " (" + result.detail + ")";
        if (why != last_error_)
            spdlog::warn("display: cannot load the floor from {}: {}", options_.server, why);
        last_error_ = why;
        return SnapshotResult::failed;
    }
    last_error_.clear();
    const auto body = result.response->json();
    if (!body) {
        spdlog::warn("display: the server's /display reply is not JSON");
        return SnapshotResult::failed;
    }
    try {
        std::lock_guard lock(mutex_);
        if (full) {
            model_.apply_snapshot(*body);
            ++snapshots_;
        } else {
            const std::int64_t server_last = body->value("last_event_id", std::int64_t(0));
            if (server_last < cursor_before) {
                // A new database (ids start again): nothing we hold is valid any more.
                spdlog::warn("display: the server's event log restarted ({} < {}); reloading",
                             server_last, cursor_before);
                return SnapshotResult::restarted;
            }
            model_.apply_settings(*body);
        }
    } catch (const InputError& e) {
        spdlog::warn("display: {}", e.what());
        return SnapshotResult::failed;
    }
    load_ready_numbers(client);
    if (full)
        load_publication(client);
    if (full || SteadyClock::now() >= open_data_due_)
        load_open_data(client);
    notify_change();
    return SnapshotResult::ok;
}

// GET /survey/publication: a failure keeps what is shown and tries again in a while.
void LiveFloor::load_publication(net::HttpClient& client) {
    const net::HttpResult result = client.get("/survey/publication");
    const auto body = result.ok() ? result.response->json() : std::nullopt;
    std::lock_guard lock(mutex_);
    try {
        if (!body)
            throw InputError("/survey/publication", "", "no readable reply");
        model_.apply_publication(*body);
    } catch (const InputError& e) {
        spdlog::warn("display: cannot read the survey publication: {}", e.what());
        model_.retry_publication_at(SteadyClock::now() + FloorModel::kPublicationMinInterval);
    }
}

// GET /open-data: a failure keeps the figures shown and tries again at the next refresh.
void LiveFloor::load_open_data(net::HttpClient& client) {
    const net::HttpResult result = client.get("/open-data");
    const auto body = result.ok() ? result.response->json() : std::nullopt;
    std::lock_guard lock(mutex_);
    try {
        if (!body)
            throw InputError("/open-data", "", "no readable reply");
        model_.apply_open_data(*body);
        open_data_due_ = SteadyClock::now() + options_.open_data_refresh;
    } catch (const InputError& e) {
        spdlog::warn("display: cannot read the open performance data: {}", e.what());
    }
}

// GET /display/ready-applications: a failure keeps the numbers shown (the calls matter more;
// the next snapshot or ready event reads them again).
void LiveFloor::load_ready_numbers(net::HttpClient& client) {
    const net::HttpResult result = client.get("/display/ready-applications");
    const auto body = result.ok() ? result.response->json() : std::nullopt;
    if (!body) {
        spdlog::warn("display: cannot read the ready applications from {}", options_.server);
        return;
    }
    try {
        std::lock_guard lock(mutex_);
        model_.apply_ready_applications(*body);
    } catch (const InputError& e) {
        spdlog::warn("display: {}", e.what());
    }
}

void LiveFloor::worker() {
    // 1. The snapshot, however long the server takes to come up.
    long wait_ms = options_.backoff_initial_ms;
    while (true) {
        {
            std::lock_guard lock(worker_mutex_);
            if (stopping_)
                return;
        }
        if (load_snapshot(true) == SnapshotResult::ok)
            break;
        std::unique_lock lock(worker_mutex_);
        worker_cv_.wait_for(lock, std::chrono::milliseconds(wait_ms), [this] { return stopping_; });
        wait_ms = std::min(wait_ms * 2, options_.backoff_max_ms);
    }
    // 2. The stream from there on.
    {
        std::lock_guard lock(mutex_);
        sse_->set_last_event_id(std::to_string(model_.last_event_id()));
    }
    sse_->start();
    // 3. After each reconnect, when a settings event was unreadable, and every few minutes:
    // re-read names, assignments and today's hours, and notice a server whose event log
    // started again (a new database).
    // 4. The survey publication when an event asked for it (settings.changed at once,
    // survey.responded at most once a minute).
    auto next_refresh = SteadyClock::now() + options_.refresh;
    while (true) {
        bool snapshot = false;
        {
            std::optional<SteadyClock::time_point> due;
            {
                std::lock_guard lock(mutex_);
                due = model_.publication_due();
            }
            const auto until = due ? std::min(*due, next_refresh) : next_refresh;
            std::unique_lock lock(worker_mutex_);
            worker_cv_.wait_until(
                lock, until, [this] { return stopping_ || check_snapshot_ || publication_asked_; });
            if (stopping_)
                return;
            publication_asked_ = false;
            snapshot = check_snapshot_ || SteadyClock::now() >= next_refresh;
            check_snapshot_ = false;
        }
        std::optional<SteadyClock::time_point> due;
        {
            std::lock_guard lock(mutex_);
            due = model_.publication_due();
        }
        if (due && *due <= SteadyClock::now()) {
            net::HttpClient client = this->client();
            load_publication(client);
            notify_change();
        }
        if (!snapshot)
            continue;
        next_refresh = SteadyClock::now() + options_.refresh;
        if (load_snapshot(false) == SnapshotResult::restarted) {
            sse_->stop();
            if (load_snapshot(true) == SnapshotResult::ok) {
                std::lock_guard lock(mutex_);
                sse_->set_last_event_id(std::to_string(model_.last_event_id()));
            }
            sse_->start();
        }
    }
}

void LiveFloor::handle_event(const net::SseEvent& event) {
    const json data = json::parse(event.data, nullptr, false);
    if (!data.is_object()) {
        spdlog::warn("display: unreadable event {} ({} bytes)", event.id, event.data.size());
        return;
    }
    FloorModel::Applied applied;
    {
        std::lock_guard lock(mutex_);
        applied = model_.apply_event(data);
    }
    if (!applied.applied)
        return;
    if (applied.call) {
        spdlog::info("display: {} {} to {} (event {}{})", applied.call->recall ? "recall" : "call",
                     applied.call->number, applied.call->counter_name, applied.call->event_id,
                     applied.fresh ? "" : ", old: shown, not announced");
        if (on_call_)
            on_call_(*applied.call, applied.fresh);
    }
    bool publication_asked = false;
    {
        std::lock_guard lock(mutex_);
        publication_asked = model_.publication_due().has_value();
    }
    if (publication_asked) {
        {
            std::lock_guard lock(worker_mutex_);
            publication_asked_ = true;
        }
        worker_cv_.notify_all();
    }
    if (applied.settings_changed || applied.ready_changed) {
        {
            std::lock_guard lock(worker_mutex_);
            check_snapshot_ = true;
        }
        worker_cv_.notify_all();
    }
    notify_change();
}

void LiveFloor::on_state(const net::SseStatus& status) {
    Connection connection = Connection::Connecting;
    switch (status.state) {
        case net::SseState::connected:
            connection = Connection::Connected;
            break;
        case net::SseState::connecting:
            connection =
                status.connections == 0 ? Connection::Connecting : Connection::Reconnecting;
            break;
        case net::SseState::reconnecting:
            connection = Connection::Reconnecting;
            break;
        case net::SseState::stopped:
            return;
    }
    {
        std::lock_guard lock(mutex_);
        model_.set_connection(connection);
    }
    if (status.state == net::SseState::connected && status.connections > 1) {
        {
            std::lock_guard lock(worker_mutex_);
            check_snapshot_ = true;
        }
        worker_cv_.notify_all();
    }
    if (status.state != net::SseState::connected && !status.last_error.empty())
        spdlog::warn("display: event stream {}: {}", to_string(status.state), status.last_error);
    notify_change();
}

}  // namespace loket::display
