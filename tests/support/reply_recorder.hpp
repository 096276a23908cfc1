#pragma once
// Keeps what the real server answered, for the contract check (tests/contract/check_replies.py
// validates it against assets/openapi.json). Only when LOKET_RECORD_REPLIES names a folder: each
// exchange, and before each graceful stop of a test server its whole event stream, become JSON
// lines in <folder>/<pid>.jsonl, one file per test process as ctest runs them side by side.
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>

#include "loket/http_client.hpp"
#include "loket/sse.hpp"
#include "server_process.hpp"

namespace loket::testing {

inline const char* recording_folder() {
    static const char* const folder = std::getenv("LOKET_RECORD_REPLIES");
    return folder != nullptr && *folder != '\0' ? folder : nullptr;
}

inline void record_line(const nlohmann::json& line) {
    const char* folder = recording_folder();
    if (folder == nullptr)
        return;
    static std::mutex mutex;
    std::lock_guard lock(mutex);
    std::ofstream out(std::filesystem::path(folder) / (std::to_string(::getpid()) + ".jsonl"),
                      std::ios::app);
    out << line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

// path: from the server's root, query included ("/api/v1/tickets?state=waiting").
inline void record_reply(const std::string& method, const std::string& path,
                         const net::HttpResult& result) {
    if (recording_folder() == nullptr || !result.response)
        return;  // no reply, nothing to check
    const net::HttpResponse& response = *result.response;
    nlohmann::json line = {{"method", method},
                           {"path", path},
                           {"status", response.status},
                           {"content_type", response.header("Content-Type").value_or("")}};
    if (const auto body = response.json())
        line["body"] = *body;
    else
        line["text"] = response.body.substr(0, 200);  // enough to name what came instead
    record_line(line);
}

inline void record_event(const net::SseEvent& event) {
    const auto data = nlohmann::json::parse(event.data, nullptr, false);
    // Left as text when it is not JSON: the check reports that.
    record_line({{"event", event.type},
                 {"id", event.id},
                 {"data", data.is_discarded() ? nlohmann::json(event.data) : data}});
}

// Every event the server has logged, read from the start of its stream as a display reads it.
inline void record_event_stream(const ServerProcess& server) {
    if (recording_folder() == nullptr)
        return;
    net::HttpClientOptions options;
    options.base_url = server.url();
    options.retries = 0;
    const net::HttpResult health = net::HttpClient(options).get("/api/v1/health");
    const auto last = health.response ? health.response->json() : std::nullopt;
    const long last_id = last ? last->value("last_event_id", 0L) : 0L;
    if (last_id == 0)
        return;
    std::mutex mutex;
    std::condition_variable changed;
    long seen = 0;
    net::SseClientOptions stream_options;
    stream_options.url = server.url() + "/api/v1/events";
    stream_options.bearer_token = kDisplayKey;
    net::SseClient stream(stream_options, [&](const net::SseEvent& e) {
        record_event(e);
        std::lock_guard lock(mutex);
        if (e.has_id)
            seen = std::stol(e.id);
        changed.notify_all();
    });
    stream.set_last_event_id("0");
    stream.start();
    // Unlocked before the stream stops, as its last callback may still wait for the mutex.
    std::unique_lock lock(mutex);
    changed.wait_for(lock, std::chrono::seconds(5), [&] { return seen >= last_id; });
    lock.unlock();
    stream.stop();
}

// Installed by including this header (api_client.hpp does): a constant-initialised pointer, so
// the order of static initialisation does not matter.
inline const bool kEventStreamRecorded = (ServerProcess::before_stop = &record_event_stream, true);

}  // namespace loket::testing
