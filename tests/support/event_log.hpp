#pragma once
// Reads a server's event stream from its start, as a client reconnecting from nothing does.
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <vector>

#include "loket/sse.hpp"
#include "server_process.hpp"

namespace loket::testing {

// Every event up to (at least) until_id, or what came within 15 s.
inline std::vector<SseEvent> all_events(const ServerProcess& server, long until_id) {
    std::mutex mutex;
    std::condition_variable changed;
    std::vector<SseEvent> events;
    SseClientOptions options;
    options.url = server.url() + "/api/v1/events";
    options.bearer_token = kDisplayKey;
    SseClient stream(options, [&](const SseEvent& e) {
        std::lock_guard lock(mutex);
        events.push_back(e);
        changed.notify_all();
    });
    stream.set_last_event_id("0");
    stream.start();
    std::unique_lock lock(mutex);
    changed.wait_for(lock, std::chrono::seconds(15),
                     [&] { return !events.empty() && std::stol(events.back().id) >= until_id; });
    return events;
}

}  // namespace loket::testing
