#pragma once
// The floor model kept live: GET /api/v1/display for the snapshot, then the event stream from
// the snapshot's last_event_id. The SSE client reconnects by itself and resumes with
// Last-Event-ID; the model ignores anything not newer than what it applied, so every call
// is shown once and in order. While disconnected the last state stays and the view shows a
// "reconnecting" indicator.
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "floor_model.hpp"
#include "loket/sse.hpp"

namespace loket::net {
class HttpClient;
}

namespace loket::display {

struct LiveOptions {
    std::string server;  // "http://127.0.0.1:8080"
    std::string device_key;
    std::string server_fingerprint;  // pins the HTTPS certificate (loket/tls_pin.hpp)
    FloorModel::Options model;
    long backoff_initial_ms = 250;
    long backoff_max_ms = 5000;
    long idle_timeout_ms = 40000;  // the server sends keep-alives every 15 s
    // The snapshot is read again this often for what no event announces: the office opening
    // and closing by the clock, today's hours after midnight, and the predicted waits per
    // service (a minute old at most: one small request a minute).
    std::chrono::milliseconds refresh{std::chrono::minutes(1)};
    // The month's performance figures move slowly and cost the server a month's report.
    std::chrono::milliseconds open_data_refresh{std::chrono::minutes(10)};
};

class LiveFloor {
  public:
    // Both run on background threads, one at a time, after the model changed. on_call gets
    // every call and recall of the zone in event order, with whether it is still recent.
    using ChangeFn = std::function<void()>;
    using CallFn = std::function<void(const CallRecord& call, bool fresh)>;

    LiveFloor(LiveOptions options, ChangeFn on_change = {}, CallFn on_call = {});
    ~LiveFloor();  // stops
    LiveFloor(const LiveFloor&) = delete;
    LiveFloor& operator=(const LiveFloor&) = delete;

    // Fetches the snapshot (retrying until the server answers) and then follows the stream,
    // all in the background.
    void start();
    // Returns promptly; no callback runs after it returns.
    void stop();

    FloorView view() const;
    net::SseStatus stream_status() const;
    FloorModel::Stats model_stats() const;
    // Every call of the zone applied since the snapshot, oldest first.
    std::vector<CallRecord> call_log() const;
    std::uint64_t snapshots_loaded() const;

    // One event from the stream, as the SSE client delivers it (public for tests).
    void handle_event(const net::SseEvent& event);

  private:
    enum class SnapshotResult { ok, failed, restarted };
    void worker();
    SnapshotResult load_snapshot(bool full);
    void load_ready_numbers(net::HttpClient& client);
    void load_publication(net::HttpClient& client);
    void load_open_data(net::HttpClient& client);
    net::HttpClient client() const;
    void on_state(const net::SseStatus& status);
    void notify_change();

    LiveOptions options_;
    ChangeFn on_change_;
    CallFn on_call_;
    mutable std::mutex mutex_;  // guards model_ and the fields below
    FloorModel model_;
    std::uint64_t snapshots_ = 0;
    std::string last_error_;                   // of the last snapshot request (worker thread only)
    SteadyClock::time_point open_data_due_{};  // next GET /open-data (worker thread only)
    std::unique_ptr<net::SseClient> sse_;
    std::mutex worker_mutex_;
    std::condition_variable worker_cv_;
    bool stopping_ = false;
    bool check_snapshot_ = false;
    bool publication_asked_ = false;  // an event set a publication read: recompute the wait
    std::thread worker_;
};

}  // namespace loket::display
