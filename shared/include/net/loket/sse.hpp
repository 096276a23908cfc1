#pragma once
// Server-sent events (text/event-stream, WHATWG HTML "Server-sent events"): a pure incremental
// parser, and a client that keeps one stream open in the background, reconnects on its own and
// resumes from the last event it delivered, so a display never misses or repeats a call.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace loket::net {

struct SseEvent {
    std::string id;  // the stream's last event id when dispatched (may come from an earlier event)
    std::string type = "message";
    std::string data;     // data lines joined by '\n'
    bool has_id = false;  // this event's own block carried an id field
};

struct SseParserOptions {
    std::size_t max_line_bytes = 1024 * 1024;
    std::size_t max_event_bytes = 1024 * 1024;  // data plus event type of one event
};

// Byte-level parser; no I/O, no threads, bounded memory whatever the input. Bytes are passed
// through as they come: invalid UTF-8 is not repaired (callers parsing JSON must cope).
// Not thread-safe.
class SseParser {
  public:
    explicit SseParser(SseParserOptions options = {});

    // Parses the next piece of the stream (any split, even mid-line or between CR and LF) and
    // returns the events it completed, in order.
    std::vector<SseEvent> feed(std::string_view chunk);

    // Starts a new stream (reconnect): drops the partial line and event, expects a BOM again.
    // Keeps last_event_id() and retry_ms(), as the spec does across reconnections.
    void reset();
    void set_last_event_id(std::string id);

    const std::string& last_event_id() const { return last_event_id_; }
    // Reconnection time the server asked for with a "retry" field.
    std::optional<std::uint64_t> retry_ms() const { return retry_ms_; }
    // Events dropped because a line or the event exceeded the limits.
    std::uint64_t dropped_events() const { return dropped_events_; }
    // Bytes in pending buffers; never much more than the two limits together.
    std::size_t buffered_bytes() const;

  private:
    void process_line(std::vector<SseEvent>& out);
    void dispatch(std::vector<SseEvent>& out);

    SseParserOptions options_;
    std::string line_;
    bool line_too_long_ = false;
    bool line_is_comment_ = false;  // first byte of an overlong line, kept to spare comments
    bool after_cr_ = false;         // previous chunk ended in CR: a leading LF is its pair
    std::size_t bom_seen_ = 0;      // BOM bytes matched at stream start
    bool at_stream_start_ = true;
    std::string data_;
    std::string type_;
    std::string id_buffer_;
    bool event_has_id_ = false;
    bool event_too_big_ = false;
    std::string last_event_id_;
    std::optional<std::uint64_t> retry_ms_;
    std::uint64_t dropped_events_ = 0;
};

enum class SseState { stopped, connecting, connected, reconnecting };
const char* to_string(SseState state);

struct SseStatus {
    SseState state = SseState::stopped;
    std::string last_error;         // why the last connection ended or failed; kept once connected
    std::string last_event_id;      // resume point: id of the last delivered event
    std::uint64_t connections = 0;  // successful connects (200 with text/event-stream)
    std::uint64_t duplicates_dropped = 0;
    std::uint64_t oversized_dropped = 0;
};

struct SseClientOptions {
    std::string url;
    std::string bearer_token;        // sent as "Authorization: Bearer ..." when not empty
    std::string server_fingerprint;  // pins the HTTPS certificate, as in HttpClientOptions
    long connect_timeout_ms = 5000;
    // No byte at all (keep-alive comments count) for this long means the connection is dead
    // and is replaced; 0 turns the check off.
    long idle_timeout_ms = 30000;
    long backoff_initial_ms = 250;  // a server "retry" field replaces this, capped at the max
    long backoff_max_ms = 5000;
    SseParserOptions parser;
};

// Keeps one event stream open on a background thread and calls on_event for each event, in
// order. On any error, end of stream or idle timeout it reconnects with exponential backoff and
// jitter, sending Last-Event-ID so the server replays what was missed.
//
// Exactly-once, in-order delivery relies on the server's ids being increasing integers (the
// event log's ids): an event whose own numeric id is <= the last delivered numeric id is
// dropped as a replayed duplicate. Events without an id field are delivered as they come;
// events with a non-numeric id are delivered without that check.
//
// Callbacks run on the background thread, one at a time, and must not throw (an exception is
// caught and reported as last_error). They may call status() and stop() (from a callback,
// stop() only requests the stop), but must not destroy the client.
class SseClient {
  public:
    using EventCallback = std::function<void(const SseEvent&)>;
    using StateCallback = std::function<void(const SseStatus&)>;

    SseClient(SseClientOptions options, EventCallback on_event, StateCallback on_state = {});
    ~SseClient();  // stops
    SseClient(const SseClient&) = delete;
    SseClient& operator=(const SseClient&) = delete;

    // Resume point, e.g. the event id of a snapshot the display just loaded: events up to it
    // are not delivered. Only while stopped; ignored while running.
    void set_last_event_id(std::string id);
    void start();  // no-op if already running
    // Returns promptly (well under 200 ms) even mid-connect or mid-stream; no callback runs
    // after it returns (unless called from a callback). The client can be started again.
    void stop();
    SseStatus status() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace loket::net
