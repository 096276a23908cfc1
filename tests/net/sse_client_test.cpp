// SseClient against scripted in-test event-stream servers on loopback: drops, clean ends and
// silence must all end in every event delivered exactly once, in order; stop() is prompt.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "loket/sse.hpp"
#include "loopback_server.hpp"

using namespace loket;
using namespace std::chrono;
using loket::testing::LoopbackServer;
using loket::testing::RefusingPort;

namespace {

std::string event_text(int id) {
    return "id: " + std::to_string(id) +
           "\nevent: ticket.called\ndata: {\"seq\":" + std::to_string(id) + "}\n\n";
}

bool write(httplib::DataSink& sink, const std::string& text) {
    return sink.write(text.data(), text.size());
}

// Keeps a stream open with keep-alive comments until the server stops or the client leaves.
bool keep_alive(LoopbackServer& server, httplib::DataSink& sink, milliseconds every = 20ms) {
    while (!server.stopping()) {
        if (!write(sink, ": keep-alive\n\n"))
            return false;
        std::this_thread::sleep_for(every);
    }
    return false;
}

void stay_silent(LoopbackServer& server) {
    while (!server.stopping())
        std::this_thread::sleep_for(5ms);
}

// Records what the server saw: one Last-Event-ID header per connection.
struct Connections {
    std::mutex mutex;
    std::vector<std::string> last_event_ids;

    int add(const httplib::Request& req) {
        std::lock_guard lock(mutex);
        last_event_ids.push_back(req.get_header_value("Last-Event-ID"));
        return static_cast<int>(last_event_ids.size()) - 1;
    }
    std::vector<std::string> seen() {
        std::lock_guard lock(mutex);
        return last_event_ids;
    }
    size_t count() {
        std::lock_guard lock(mutex);
        return last_event_ids.size();
    }
};

int resume_from(const httplib::Request& req) {
    const std::string id = req.get_header_value("Last-Event-ID");
    return id.empty() ? 0 : std::stoi(id);
}

// What the client delivered, for the test thread to wait on.
struct Received {
    std::mutex mutex;
    std::condition_variable changed;
    std::vector<net::SseEvent> events;
    std::vector<net::SseState> states;

    net::SseClient::EventCallback on_event() {
        return [this](const net::SseEvent& e) {
            std::lock_guard lock(mutex);
            events.push_back(e);
            changed.notify_all();
        };
    }
    net::SseClient::StateCallback on_state() {
        return [this](const net::SseStatus& s) {
            std::lock_guard lock(mutex);
            states.push_back(s.state);
            changed.notify_all();
        };
    }
    bool wait_for_events(size_t n, milliseconds timeout = 5s) {
        std::unique_lock lock(mutex);
        return changed.wait_for(lock, timeout, [&] { return events.size() >= n; });
    }
    std::vector<std::string> ids() {
        std::lock_guard lock(mutex);
        std::vector<std::string> out;
        for (const auto& e : events)
            out.push_back(e.id);
        return out;
    }
};

std::vector<std::string> id_range(int from, int to) {
    std::vector<std::string> out;
    for (int i = from; i <= to; ++i)
        out.push_back(std::to_string(i));
    return out;
}

template <class Predicate>
bool eventually(Predicate predicate, milliseconds timeout = 5s) {
    const auto until = steady_clock::now() + timeout;
    while (!predicate()) {
        if (steady_clock::now() > until)
            return false;
        std::this_thread::sleep_for(2ms);
    }
    return true;
}

net::SseClientOptions fast_sse_options(const std::string& url) {
    net::SseClientOptions o;
    o.url = url;
    o.connect_timeout_ms = 1000;
    o.backoff_initial_ms = 10;
    o.backoff_max_ms = 50;
    return o;
}

}  // namespace

TEST(SseClient, ResumesAcrossDropsAndDeliversEachEventOnceInOrder) {
    LoopbackServer server;
    Connections connections;
    server.server().Get("/events", [&](const httplib::Request& req, httplib::Response& res) {
        const int n = connections.add(req);
        const int from = resume_from(req);
        res.set_chunked_content_provider(
            "text/event-stream", [&server, n, from](size_t, httplib::DataSink& sink) {
                if (n == 0) {  // 1..5, event 3 split across writes, then an abrupt drop
                    write(sink, ": hello\n\n" + event_text(1) + event_text(2));
                    const std::string three = event_text(3);
                    write(sink, three.substr(0, 10));
                    std::this_thread::sleep_for(20ms);
                    write(sink, three.substr(10) + event_text(4) + event_text(5));
                    return false;
                }
                if (n == 1) {  // replays two it already sent, up to 8, then ends cleanly
                    for (int id = from - 1; id <= 8; ++id)
                        write(sink, event_text(id));
                    sink.done();
                    return true;
                }
                for (int id = from + 1; id <= 10; ++id)
                    write(sink, event_text(id));
                return keep_alive(server, sink);
            });
    });
    server.start();

    Received received;
    net::SseClient client(fast_sse_options(server.url("/events")), received.on_event(),
                          received.on_state());
    client.start();
    ASSERT_TRUE(received.wait_for_events(10));
    std::this_thread::sleep_for(50ms);  // room for a stray duplicate to show up
    client.stop();

    EXPECT_EQ(received.ids(), id_range(1, 10));
    for (const auto& e : received.events) {
        EXPECT_EQ(e.type, "ticket.called");
        EXPECT_EQ(e.data, "{\"seq\":" + e.id + "}");
    }
    EXPECT_EQ(connections.seen(), (std::vector<std::string>{"", "5", "8"}));
    const net::SseStatus status = client.status();
    EXPECT_EQ(status.state, net::SseState::stopped);
    EXPECT_EQ(status.last_event_id, "10");
    EXPECT_EQ(status.duplicates_dropped, 2u);
    EXPECT_EQ(status.connections, 3u);
}

TEST(SseClient, StartsFromTheSnapshotEventId) {
    LoopbackServer server;
    Connections connections;
    server.server().Get("/events", [&](const httplib::Request& req, httplib::Response& res) {
        connections.add(req);
        // Ignores Last-Event-ID on purpose: the client must drop what it already has.
        res.set_chunked_content_provider("text/event-stream",
                                         [&server](size_t, httplib::DataSink& sink) {
                                             for (int id = 1; id <= 6; ++id)
                                                 write(sink, event_text(id));
                                             return keep_alive(server, sink);
                                         });
    });
    server.start();

    Received received;
    net::SseClient client(fast_sse_options(server.url("/events")), received.on_event());
    client.set_last_event_id("3");
    EXPECT_EQ(client.status().last_event_id, "3");
    client.start();
    ASSERT_TRUE(received.wait_for_events(3));
    client.stop();
    EXPECT_EQ(received.ids(), id_range(4, 6));
    EXPECT_EQ(connections.seen(), std::vector<std::string>{"3"});
    EXPECT_EQ(client.status().duplicates_dropped, 3u);
}

TEST(SseClient, IdleConnectionIsReplacedButKeepAlivesKeepItOpen) {
    LoopbackServer server;
    Connections connections;
    server.server().Get("/events", [&](const httplib::Request& req, httplib::Response& res) {
        const int n = connections.add(req);
        res.set_chunked_content_provider("text/event-stream",
                                         [&server, n](size_t, httplib::DataSink& sink) {
                                             write(sink, event_text(n + 1));
                                             if (n == 0) {
                                                 stay_silent(server);  // a dead peer
                                                 return false;
                                             }
                                             return keep_alive(server, sink, 100ms);
                                         });
    });
    server.start();

    net::SseClientOptions options = fast_sse_options(server.url("/events"));
    options.idle_timeout_ms = 300;
    Received received;
    net::SseClient client(options, received.on_event());
    client.start();
    ASSERT_TRUE(received.wait_for_events(2));
    EXPECT_NE(client.status().last_error.find("idle timeout"), std::string::npos)
        << client.status().last_error;
    std::this_thread::sleep_for(900ms);  // three idle timeouts' worth of keep-alives
    EXPECT_EQ(connections.count(), 2u);
    EXPECT_EQ(client.status().state, net::SseState::connected);
    client.stop();
    EXPECT_EQ(received.ids(), id_range(1, 2));
    EXPECT_EQ(connections.seen(), (std::vector<std::string>{"", "1"}));
}

TEST(SseClient, OversizedEventIsSkippedAndCounted) {
    LoopbackServer server;
    server.server().Get("/events", [&](const httplib::Request&, httplib::Response& res) {
        res.set_chunked_content_provider(
            "text/event-stream", [&server](size_t, httplib::DataSink& sink) {
                write(sink, event_text(1));
                write(sink, "id: 2\ndata: " + std::string(10000, 'x') + "\n\n");
                write(sink, event_text(3));
                return keep_alive(server, sink);
            });
    });
    server.start();

    net::SseClientOptions options = fast_sse_options(server.url("/events"));
    options.parser.max_event_bytes = 1024;
    Received received;
    net::SseClient client(options, received.on_event());
    client.start();
    ASSERT_TRUE(received.wait_for_events(2));
    client.stop();
    EXPECT_EQ(received.ids(), (std::vector<std::string>{"1", "3"}));
    EXPECT_EQ(client.status().oversized_dropped, 1u);
}

TEST(SseClient, RefusedRepliesAreRetriedWithTheReason) {
    LoopbackServer server;
    std::atomic<int> calls{0};
    server.server().Get("/private", [&](const httplib::Request&, httplib::Response& res) {
        ++calls;
        res.status = 401;
        res.set_content(R"({"code":"unauthorized"})", "application/json");
    });
    server.server().Get("/html", [&](const httplib::Request&, httplib::Response& res) {
        res.set_content("<html></html>", "text/html");
    });
    server.start();

    Received received;
    net::SseClient client(fast_sse_options(server.url("/private")), received.on_event());
    client.start();
    ASSERT_TRUE(eventually([&] { return calls >= 3; }));
    net::SseStatus status = client.status();
    EXPECT_EQ(status.last_error, "HTTP 401");
    EXPECT_EQ(status.connections, 0u);
    client.stop();

    net::SseClient html(fast_sse_options(server.url("/html")), received.on_event());
    html.start();
    ASSERT_TRUE(eventually([&] { return !html.status().last_error.empty(); }));
    EXPECT_EQ(html.status().last_error, "not an event stream: Content-Type text/html");
    html.stop();
    EXPECT_TRUE(received.events.empty());
}

TEST(SseClient, ConnectionRefusedIsReportedAndRetried) {
    RefusingPort port;
    Received received;
    net::SseClient client(fast_sse_options(port.url("/events")), received.on_event(),
                          received.on_state());
    client.start();
    ASSERT_TRUE(eventually([&] { return client.status().state == net::SseState::reconnecting; }));
    EXPECT_EQ(client.status().last_error, "connection refused");
    client.stop();
    std::lock_guard lock(received.mutex);
    ASSERT_FALSE(received.states.empty());
    EXPECT_EQ(received.states.front(), net::SseState::connecting);
    EXPECT_EQ(received.states.back(), net::SseState::stopped);
}

TEST(SseClient, StateCallbackFollowsTheConnection) {
    LoopbackServer server;
    Connections connections;
    server.server().Get("/events", [&](const httplib::Request& req, httplib::Response& res) {
        const int n = connections.add(req);
        res.set_chunked_content_provider("text/event-stream",
                                         [&server, n](size_t, httplib::DataSink& sink) {
                                             write(sink, event_text(n + 1));
                                             if (n == 0)
                                                 return false;
                                             return keep_alive(server, sink);
                                         });
    });
    server.start();

    Received received;
    net::SseClient client(fast_sse_options(server.url("/events")), received.on_event(),
                          received.on_state());
    client.start();
    ASSERT_TRUE(received.wait_for_events(2));
    ASSERT_TRUE(eventually([&] { return client.status().state == net::SseState::connected; }));
    client.stop();
    std::lock_guard lock(received.mutex);
    EXPECT_EQ(received.states,
              (std::vector<net::SseState>{net::SseState::connecting, net::SseState::connected,
                                          net::SseState::reconnecting, net::SseState::connected,
                                          net::SseState::stopped}));
}

TEST(SseClient, StopIsPromptWhileStreamingAndStartResumes) {
    LoopbackServer server;
    Connections connections;
    server.server().Get("/events", [&](const httplib::Request& req, httplib::Response& res) {
        const int n = connections.add(req);
        res.set_chunked_content_provider("text/event-stream",
                                         [&server, n](size_t, httplib::DataSink& sink) {
                                             write(sink, event_text(n + 1));
                                             stay_silent(server);
                                             return false;
                                         });
    });
    server.start();

    Received received;
    net::SseClient client(fast_sse_options(server.url("/events")), received.on_event());
    client.start();
    ASSERT_TRUE(received.wait_for_events(1));
    auto started = steady_clock::now();
    client.stop();
    EXPECT_LT(steady_clock::now() - started, 200ms);
    EXPECT_EQ(client.status().state, net::SseState::stopped);

    client.start();  // again, from where it left off
    ASSERT_TRUE(received.wait_for_events(2));
    started = steady_clock::now();
    client.stop();
    EXPECT_LT(steady_clock::now() - started, 200ms);
    EXPECT_EQ(received.ids(), id_range(1, 2));
    EXPECT_EQ(connections.seen(), (std::vector<std::string>{"", "1"}));
}

TEST(SseClient, StopIsPromptWhileWaitingForTheServer) {
    LoopbackServer server;
    std::atomic<bool> in_handler{false};
    server.server().Get("/events", [&](const httplib::Request&, httplib::Response& res) {
        in_handler = true;
        stay_silent(server);  // never sends the headers
        res.status = 503;
    });
    server.start();

    net::SseClient client(fast_sse_options(server.url("/events")), [](const net::SseEvent&) {});
    client.start();
    ASSERT_TRUE(eventually([&] { return in_handler.load(); }));
    EXPECT_EQ(client.status().state, net::SseState::connecting);
    const auto started = steady_clock::now();
    client.stop();
    EXPECT_LT(steady_clock::now() - started, 200ms);
}

TEST(SseClient, StopIsPromptDuringBackoffAndFromTheDestructor) {
    RefusingPort port;
    net::SseClientOptions options = fast_sse_options(port.url("/events"));
    options.backoff_initial_ms = 5000;
    options.backoff_max_ms = 5000;
    auto client = std::make_unique<net::SseClient>(options, [](const net::SseEvent&) {});
    client->start();
    ASSERT_TRUE(eventually([&] { return client->status().state == net::SseState::reconnecting; }));
    const auto started = steady_clock::now();
    client.reset();
    EXPECT_LT(steady_clock::now() - started, 200ms);
}

TEST(SseClient, StopFromInsideACallback) {
    LoopbackServer server;
    server.server().Get("/events", [&](const httplib::Request&, httplib::Response& res) {
        res.set_chunked_content_provider("text/event-stream",
                                         [&server](size_t, httplib::DataSink& sink) {
                                             for (int id = 1; id <= 5; ++id)
                                                 write(sink, event_text(id));
                                             return keep_alive(server, sink);
                                         });
    });
    server.start();

    std::atomic<int> delivered{0};
    std::unique_ptr<net::SseClient> client;
    client = std::make_unique<net::SseClient>(fast_sse_options(server.url("/events")),
                                              [&](const net::SseEvent&) {
                                                  if (++delivered == 2)
                                                      client->stop();
                                              });
    client->start();
    ASSERT_TRUE(eventually([&] { return client->status().state == net::SseState::stopped; }));
    client.reset();
    EXPECT_EQ(delivered, 2);  // nothing after the stop request
}
