#pragma once
// Reads a server's event stream from its start, as a client reconnecting from nothing does.
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "loket/sse.hpp"
#include "server_process.hpp"

namespace loket::testing {

// The events of the stream from its start, read until `enough` holds for what came (or
// `timeout` passed); nullopt when it never held.
template <typename Enough>
std::optional<std::vector<net::SseEvent>> events_until(const ServerProcess& server, Enough enough,
                                                       std::chrono::seconds timeout) {
    std::mutex mutex;
    std::condition_variable changed;
    std::vector<net::SseEvent> events;
    net::SseClientOptions options;
    options.url = server.url() + "/api/v1/events";
    options.bearer_token = kDisplayKey;
    net::SseClient stream(options, [&](const net::SseEvent& e) {
        std::lock_guard lock(mutex);
        events.push_back(e);
        changed.notify_all();
    });
    stream.set_last_event_id("0");
    stream.start();
    std::unique_lock lock(mutex);
    if (!changed.wait_for(lock, timeout, [&] { return enough(events); }))
        return std::nullopt;
    return events;
}

// Every event up to (at least) until_id, or what came within 15 s.
inline std::vector<net::SseEvent> all_events(const ServerProcess& server, long until_id) {
    std::vector<net::SseEvent> seen;
    const auto events = events_until(
        server,
        [&](const std::vector<net::SseEvent>& events) {
            seen = events;
            return !events.empty() && std::stol(events.back().id) >= until_id;
        },
        std::chrono::seconds(15));
    return events ? *events : seen;
}

}  // namespace loket::testing
