// HttpClient against in-test servers on loopback: JSON round trips, headers, retries, timeouts
// and replies no server should send.
#include "loket/http_client.hpp"

#include <gtest/gtest.h>
#include <poll.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "loopback_server.hpp"

using namespace loket;
using namespace std::chrono;
using loket::testing::LoopbackServer;
using loket::testing::RefusingPort;
using nlohmann::json;

namespace {

net::HttpClientOptions fast_options(const std::string& base_url) {
    net::HttpClientOptions o;
    o.base_url = base_url;
    o.connect_timeout_ms = 1000;
    o.timeout_ms = 2000;
    o.backoff_initial_ms = 5;
    o.backoff_max_ms = 20;
    return o;
}

// The body, or the error text when there was no reply, so a failure reads well instead of
// crashing the test.
std::string body_of(const net::HttpResult& result) {
    return result.response ? result.response->body : "<" + result.error + ">";
}

// Answers every connection with fixed raw bytes, then closes it: replies no HTTP server sends.
class RawServer {
  public:
    explicit RawServer(std::string reply) : reply_(std::move(reply)) {
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t len = sizeof addr;
        if (fd_ < 0 || ::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
            ::listen(fd_, 8) != 0 ||
            ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0)
            throw std::runtime_error("raw server socket");
        port_ = ntohs(addr.sin_port);
        thread_ = std::thread([this] { serve(); });
    }
    ~RawServer() {
        stopping_ = true;
        thread_.join();
        ::close(fd_);
    }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

  private:
    void serve() {
        while (!stopping_) {
            pollfd p{fd_, POLLIN, 0};
            if (::poll(&p, 1, 20) <= 0)
                continue;
            const int client = ::accept(fd_, nullptr, nullptr);
            if (client < 0)
                continue;
            char buffer[4096];
            [[maybe_unused]] auto got = ::recv(client, buffer, sizeof buffer, 0);
            ::send(client, reply_.data(), reply_.size(), MSG_NOSIGNAL);
            ::shutdown(client, SHUT_WR);
            ::close(client);
        }
    }
    std::string reply_;
    int fd_ = -1;
    int port_ = 0;
    std::atomic<bool> stopping_{false};
    std::thread thread_;
};

}  // namespace

TEST(HttpClient, GetJsonAndHeaders) {
    LoopbackServer server;
    server.server().Get("/api/status", [](const httplib::Request& req, httplib::Response& res) {
        res.set_header("X-Loket-Office", "dpmptsp-1");
        res.set_content(json{{"ok", true}, {"accept", req.get_header_value("Accept")}}.dump(),
                        "application/json");
    });
    server.start();

    net::HttpClient client(fast_options(server.url()));
    const net::HttpResult result = client.get("/api/status");
    ASSERT_TRUE(result.ok()) << result.error << " " << result.detail;
    EXPECT_EQ(result.status(), 200);
    EXPECT_EQ(result.attempts, 1);
    const auto body = result.response->json();
    ASSERT_TRUE(body);
    EXPECT_EQ((*body)["ok"], true);
    EXPECT_EQ((*body)["accept"], "application/json");
    EXPECT_EQ(result.response->header("x-loket-office"), "dpmptsp-1");  // any case
    EXPECT_EQ(result.response->header("Content-Type"), "application/json");
    EXPECT_FALSE(result.response->header("X-Missing"));
}

TEST(HttpClient, PostAndPutSendJsonBodies) {
    LoopbackServer server;
    auto echo = [](const httplib::Request& req, httplib::Response& res) {
        json reply = {{"method", req.method},
                      {"content_type", req.get_header_value("Content-Type")},
                      {"idempotency_key", req.get_header_value("Idempotency-Key")},
                      {"body", json::parse(req.body, nullptr, false)}};
        res.status = req.method == "POST" ? 201 : 200;
        res.set_content(reply.dump(), "application/json");
    };
    server.server().Post("/api/tickets", echo);
    server.server().Put("/api/counters/2", echo);
    server.start();

    net::HttpClient client(fast_options(server.url() + "/"));  // trailing slash joins cleanly
    const json ticket = {{"service", "pbg"}, {"priority", false}};
    net::HttpResult posted = client.post("/api/tickets", ticket, "kiosk-1-000042");
    ASSERT_TRUE(posted.ok()) << posted.error;
    EXPECT_EQ(posted.status(), 201);
    auto reply = posted.response->json().value();
    EXPECT_EQ(reply["method"], "POST");
    EXPECT_EQ(reply["content_type"], "application/json");
    EXPECT_EQ(reply["idempotency_key"], "kiosk-1-000042");
    EXPECT_EQ(reply["body"], ticket);

    net::HttpResult put = client.put("api/counters/2", {{"paused", true}});
    ASSERT_TRUE(put.ok()) << put.error;
    reply = put.response->json().value();
    EXPECT_EQ(reply["method"], "PUT");
    EXPECT_EQ(reply["body"]["paused"], true);
    EXPECT_EQ(reply["idempotency_key"], "");
}

TEST(HttpClient, BearerTokenIsSent) {
    LoopbackServer server;
    server.server().Get("/whoami", [](const httplib::Request& req, httplib::Response& res) {
        res.set_content(req.get_header_value("Authorization"), "text/plain");
    });
    server.start();

    net::HttpClientOptions options = fast_options(server.url());
    options.bearer_token = "s3cret";
    net::HttpClient client(options);
    EXPECT_EQ(body_of(client.get("/whoami")), "Bearer s3cret");
    client.set_bearer_token("");
    EXPECT_EQ(body_of(client.get("/whoami")), "");
    client.set_bearer_token("bad\r\nX-Injected: 1");
    EXPECT_EQ(client.get("/whoami").error, "invalid header value");
}

TEST(HttpClient, ReusesTheKeepAliveConnection) {
    LoopbackServer server;
    server.server().Get("/port", [](const httplib::Request& req, httplib::Response& res) {
        res.set_content(std::to_string(req.remote_port), "text/plain");
    });
    server.start();

    net::HttpClient client(fast_options(server.url()));
    const std::string first = body_of(client.get("/port"));
    EXPECT_EQ(body_of(client.get("/port")), first);
    EXPECT_EQ(body_of(client.get("/port")), first);
}

TEST(HttpClient, ClientErrorsAreNotRetried) {
    LoopbackServer server;
    std::atomic<int> calls{0};
    server.server().Get("/conflict", [&](const httplib::Request&, httplib::Response& res) {
        ++calls;
        res.status = 409;
        res.set_content(R"({"code":"ticket_not_waiting"})", "application/json");
    });
    server.start();

    net::HttpClientOptions options = fast_options(server.url());
    options.retries = 3;
    net::HttpClient client(options);
    const net::HttpResult result = client.get("/conflict");
    ASSERT_TRUE(result.response);
    EXPECT_FALSE(result.ok());
    EXPECT_EQ(result.status(), 409);
    EXPECT_EQ(result.response->json().value()["code"], "ticket_not_waiting");
    EXPECT_EQ(result.attempts, 1);
    EXPECT_EQ(calls, 1);
}

TEST(HttpClient, UnavailableIsRetriedUntilItSucceeds) {
    LoopbackServer server;
    std::atomic<int> calls{0};
    auto flaky = [&](const httplib::Request&, httplib::Response& res) {
        if (++calls <= 2) {
            res.status = 503;
            return;
        }
        res.set_content(R"({"ok":true})", "application/json");
    };
    server.server().Get("/flaky", flaky);
    server.server().Post("/flaky", flaky);
    server.start();

    net::HttpClientOptions options = fast_options(server.url());
    options.retries = 3;
    net::HttpClient client(options);
    net::HttpResult result = client.get("/flaky");
    EXPECT_TRUE(result.ok());
    EXPECT_EQ(result.attempts, 3);
    EXPECT_EQ(calls, 3);

    // A POST may only be repeated when the server can recognise the repeat.
    calls = 0;
    result = client.post("/flaky", json::object());
    EXPECT_EQ(result.status(), 503);
    EXPECT_EQ(result.attempts, 1);
    calls = 0;
    result = client.post("/flaky", json::object(), "key-1");
    EXPECT_TRUE(result.ok());
    EXPECT_EQ(result.attempts, 3);

    // Retries run out: the last reply is returned.
    calls = -10;
    result = client.get("/flaky");
    EXPECT_EQ(result.status(), 503);
    EXPECT_EQ(result.attempts, 4);
}

TEST(HttpClient, TimeoutOnASlowHandler) {
    LoopbackServer server;
    server.server().Get("/slow", [&](const httplib::Request&, httplib::Response& res) {
        for (int i = 0; i < 100 && !server.stopping(); ++i)
            std::this_thread::sleep_for(10ms);
        res.set_content("late", "text/plain");
    });
    server.start();

    net::HttpClientOptions options = fast_options(server.url());
    options.timeout_ms = 150;
    options.retries = 0;
    net::HttpClient client(options);
    const auto start = steady_clock::now();
    const net::HttpResult result = client.get("/slow");
    EXPECT_LT(steady_clock::now() - start, 800ms);
    EXPECT_FALSE(result.response);
    EXPECT_EQ(result.error, "timeout");
    EXPECT_FALSE(result.detail.empty());
}

TEST(HttpClient, ConnectionRefused) {
    RefusingPort port;
    net::HttpClientOptions options = fast_options(port.url());
    options.retries = 2;
    net::HttpClient client(options);
    const net::HttpResult result = client.get("/api/status");
    EXPECT_FALSE(result.response);
    EXPECT_EQ(result.error, "connection refused");
    EXPECT_EQ(result.attempts, 3);  // a transport error is worth retrying
}

TEST(HttpClient, OversizedRepliesAreRejected) {
    LoopbackServer server;
    std::atomic<int> calls{0};
    server.server().Get("/huge", [&](const httplib::Request&, httplib::Response& res) {
        ++calls;
        res.set_content(std::string(5 * 1024 * 1024, 'x'), "text/plain");
    });
    // Chunked, so no Content-Length warns the client in advance.
    server.server().Get("/endless", [&](const httplib::Request&, httplib::Response& res) {
        res.set_chunked_content_provider("application/json", [&](size_t, httplib::DataSink& sink) {
            const std::string block(64 * 1024, ' ');
            for (int i = 0; i < 64 && !server.stopping(); ++i)
                if (!sink.write(block.data(), block.size()))
                    return false;
            sink.done();
            return true;
        });
    });
    server.server().Get("/fits", [](const httplib::Request&, httplib::Response& res) {
        res.set_content(std::string(4 * 1024 * 1024, 'x'), "text/plain");
    });
    server.start();

    net::HttpClient client(fast_options(server.url()));
    net::HttpResult result = client.get("/huge");
    EXPECT_FALSE(result.response);
    EXPECT_EQ(result.error, "reply too large");
    EXPECT_EQ(result.attempts, 1);
    EXPECT_EQ(calls, 1);

    net::HttpClientOptions small = fast_options(server.url());
    small.max_body_bytes = 100 * 1024;
    net::HttpClient small_client(small);
    result = small_client.get("/endless");
    EXPECT_EQ(result.error, "reply too large");

    result = client.get("/fits");  // exactly the default limit
    ASSERT_TRUE(result.ok()) << result.error;
    EXPECT_EQ(result.response->body.size(), 4u * 1024 * 1024);
}

TEST(HttpClient, InvalidJsonGivesNoJson) {
    LoopbackServer server;
    server.server().Get("/bad", [](const httplib::Request&, httplib::Response& res) {
        res.set_content("{\"ticket\": [1, 2,", "application/json");
    });
    server.server().Get("/deep", [](const httplib::Request&, httplib::Response& res) {
        res.set_content(std::string(20000, '[') + std::string(20000, ']'), "application/json");
    });
    server.server().Get("/empty",
                        [](const httplib::Request&, httplib::Response& res) { res.status = 204; });
    server.start();

    net::HttpClient client(fast_options(server.url()));
    net::HttpResult result = client.get("/bad");
    ASSERT_TRUE(result.ok());
    EXPECT_FALSE(result.response->json());
    result = client.get("/deep");
    ASSERT_TRUE(result.ok());
    EXPECT_TRUE(result.response->json());  // deep nesting is parsed without recursion
    result = client.get("/empty");
    EXPECT_EQ(result.status(), 204);
    EXPECT_FALSE(result.response->json());
}

TEST(HttpClient, GarbageRepliesAreErrorsNotCrashes) {
    std::string many_headers = "HTTP/1.1 200 OK\r\n";
    for (int i = 0; i < 8000; ++i)  // each line short, together over the 256 KiB default
        many_headers += "X-Filler-" + std::to_string(i) + ": 0123456789012345678901234567\r\n";
    const std::vector<std::pair<std::string, std::string>> replies = {
        {"", "empty reply"},
        {"HELLO\r\n\r\n", "invalid reply"},
        {std::string("\0\0\0\xFF\xFE garbage", 13), "invalid reply"},
        {"HTTP/1.1 abc\r\n\r\n", "invalid reply"},
        {"HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999999\r\n\r\nx", "reply too large"},
        {"HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\nshort", "reply truncated"},
        {"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nZZZ\r\nxx\r\n", "receive failed"},
        {"HTTP/1.1 200 OK\r\n" + std::string(300 * 1024, 'h') + "\r\n\r\n",
         "reply headers too large"},
        {many_headers + "\r\n", "reply headers too large"},
    };
    for (const auto& [reply, error] : replies) {
        RawServer raw(reply);
        net::HttpClientOptions options = fast_options(raw.url());
        options.retries = 0;
        net::HttpClient client(options);
        const net::HttpResult result = client.get("/");
        EXPECT_FALSE(result.response) << reply.substr(0, 40);
        EXPECT_EQ(result.error, error) << result.detail;
    }
}

TEST(HttpClient, ClientsOnSeveralThreads) {
    LoopbackServer server;
    server.server().Get("/n", [](const httplib::Request& req, httplib::Response& res) {
        res.set_content(req.get_param_value("i"), "text/plain");
    });
    server.start();

    std::atomic<int> good{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
            net::HttpClient client(fast_options(server.url()));  // one client per thread
            for (int i = 0; i < 25; ++i) {
                const std::string n = std::to_string(t * 100 + i);
                if (body_of(client.get("/n?i=" + n)) == n)
                    ++good;
            }
        });
    for (auto& thread : threads)
        thread.join();
    EXPECT_EQ(good, 100);
}
