// The event stream: full payloads with the event-log id as the SSE id, and a client that
// disconnects, misses calls and reconnects with Last-Event-ID gets exactly those, once, in order.
#include "loket/sse.hpp"

#include <gtest/gtest.h>

#include <condition_variable>
#include <mutex>

#include "api_client.hpp"
#include "temp_dir.hpp"

using namespace loket;
using namespace loket::testing;
using nlohmann::json;

namespace {

// Collects the events an SseClient delivers.
class Collector {
  public:
    void add(const net::SseEvent& e) {
        std::lock_guard lock(mutex_);
        events_.push_back(e);
        changed_.notify_all();
    }
    bool wait_for(std::size_t count, std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
        std::unique_lock lock(mutex_);
        return changed_.wait_for(lock, timeout, [&] { return events_.size() >= count; });
    }
    std::vector<net::SseEvent> events() {
        std::lock_guard lock(mutex_);
        return events_;
    }

  private:
    std::mutex mutex_;
    std::condition_variable changed_;
    std::vector<net::SseEvent> events_;
};

net::SseClientOptions stream_options(const ServerProcess& server) {
    net::SseClientOptions options;
    options.url = server.url() + "/api/v1/events";
    options.bearer_token = kDisplayKey;
    options.backoff_initial_ms = 50;
    return options;
}

}  // namespace

TEST(EventStream, ReconnectWithLastEventIdReplaysExactlyTheMissedEvents) {
    TempDir dir;
    ServerProcess server(dir.path());
    ApiClient kiosk(server.url(), kKioskKey);
    ApiClient counter(server.url(), add_user_and_login(server, "siti", "staff"));
    for (int i = 0; i < 6; ++i)
        kiosk.post("/tickets", {{"service", "informasi"}});
    counter.post("/counters/1/open");

    Collector first;
    std::string resume_from;
    {
        net::SseClient stream(stream_options(server),
                              [&](const net::SseEvent& e) { first.add(e); });
        stream.set_last_event_id(std::to_string(ApiClient(server.url(), kDisplayKey)
                                                    .get("/display")
                                                    .body["last_event_id"]
                                                    .get<long>()));
        stream.start();
        // Wait for the stream to be connected before calling.
        for (int i = 0; i < 100 && stream.status().state != net::SseState::connected; ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        counter.post("/counters/1/call-next");
        ASSERT_TRUE(first.wait_for(1));
        resume_from = first.events().back().id;
        stream.stop();  // the display goes away
    }
    const json called = json::parse(first.events().back().data);
    EXPECT_EQ(first.events().back().type, "ticket.called");
    EXPECT_EQ(called["payload"]["ticket"]["number"], "A-001");
    EXPECT_EQ(called["payload"]["counter"]["number"], 1);
    EXPECT_EQ(std::to_string(called["id"].get<long>()), resume_from);

    // Calls made while it is away, some within the same second.
    std::vector<std::string> missed_numbers;
    for (int i = 0; i < 4; ++i) {
        counter.post("/counters/1/no-show");
        missed_numbers.push_back(counter.post("/counters/1/call-next").body["ticket"]["number"]);
    }
    counter.post("/counters/1/recall");

    Collector second;
    net::SseClient again(stream_options(server), [&](const net::SseEvent& e) { second.add(e); });
    again.set_last_event_id(resume_from);
    again.start();
    ASSERT_TRUE(second.wait_for(9));                              // 4 no-shows, 4 calls, 1 recall
    std::this_thread::sleep_for(std::chrono::milliseconds(300));  // nothing more may arrive
    const auto events = second.events();
    ASSERT_EQ(events.size(), 9u);
    long previous = std::stol(resume_from);
    std::vector<std::string> called_numbers;
    for (const auto& e : events) {
        const long id = std::stol(e.id);
        EXPECT_EQ(id, previous + 1) << "events must arrive once, in order, without gaps";
        previous = id;
        if (e.type == "ticket.called") {
            called_numbers.push_back(json::parse(e.data)["payload"]["ticket"]["number"]);
        }
    }
    EXPECT_EQ(called_numbers, missed_numbers);
    EXPECT_EQ(events.back().type, "ticket.recalled");
}

TEST(EventStream, ReplayFromTheStartAndAfterAServerRestart) {
    TempDir dir;
    ServerProcess server(dir.path());
    ApiClient kiosk(server.url(), kKioskKey);
    for (int i = 0; i < 3; ++i)
        kiosk.post("/tickets", {{"service", "pengambilan"}});

    Collector seen;
    net::SseClient stream(stream_options(server), [&](const net::SseEvent& e) { seen.add(e); });
    stream.set_last_event_id("0");
    stream.start();
    ASSERT_TRUE(seen.wait_for(3));
    server.restart();  // the connection is cut; the log is on disk
    ApiClient(server.url(), kKioskKey).post("/tickets", {{"service", "pengambilan"}});
    ASSERT_TRUE(seen.wait_for(4));
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    const auto events = seen.events();
    ASSERT_EQ(events.size(), 4u);
    for (std::size_t i = 0; i < events.size(); ++i)
        EXPECT_EQ(events[i].id, std::to_string(i + 1));
    EXPECT_EQ(json::parse(events[3].data)["payload"]["ticket"]["number"], "D-004");
}

TEST(EventStream, IdleStreamGetsKeepAliveComments) {
    TempDir dir;
    std::string config = kAlwaysOpenConfig;
    config.replace(config.find("[server]"), 8, "[server]\nkeepalive_seconds = 1");
    ServerProcess server(dir.path(), config);
    Collector none;
    net::SseClientOptions options = stream_options(server);
    options.idle_timeout_ms = 1500;  // would reconnect if no keep-alive arrived within 1.5 s
    net::SseClient stream(options, [&](const net::SseEvent& e) { none.add(e); });
    stream.start();
    std::this_thread::sleep_for(std::chrono::milliseconds(3500));
    EXPECT_EQ(stream.status().connections, 1u) << "keep-alive comments keep one connection alive";
    EXPECT_TRUE(none.events().empty());
}
