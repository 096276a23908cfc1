// Resource limits: idle connections, slow clients and a flood of event streams must not stop
// other clients from being served.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <thread>

#include "api_client.hpp"
#include "loket/sse.hpp"
#include "temp_dir.hpp"

using namespace loket;
using namespace loket::testing;

namespace {

int connect_loopback(int port) {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

// Time for a normal client to get its answer.
double served_ms(const std::string& url) {
    const auto start = std::chrono::steady_clock::now();
    ApiClient client(url, kKioskKey);
    const Reply r = client.post("/tickets", {{"service", "informasi"}});
    EXPECT_EQ(r.status, 201) << r.error;
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
        .count();
}

}  // namespace

TEST(ResourceLimits, IdleConnectionsAndSlowClientsDoNotBlockOthers) {
    TempDir dir;
    ServerProcess server(dir.path());
    std::vector<int> idle;
    for (int i = 0; i < 200; ++i) {
        const int fd = connect_loopback(server.port());
        ASSERT_GE(fd, 0);
        idle.push_back(fd);
    }
    // Slow clients: a request trickling in at one byte a second.
    std::atomic<bool> stop{false};
    std::vector<std::thread> slow;
    for (int i = 0; i < 20; ++i) {
        slow.emplace_back([&] {
            const int fd = connect_loopback(server.port());
            const std::string request =
                "POST /api/v1/tickets HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n";
            for (std::size_t b = 0; b < request.size() && !stop; ++b) {
                if (send(fd, &request[b], 1, MSG_NOSIGNAL) != 1)
                    break;
                for (int t = 0; t < 10 && !stop; ++t)
                    std::this_thread::sleep_for(std::chrono::milliseconds(100));
            }
            close(fd);
        });
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    double worst = 0;
    for (int i = 0; i < 20; ++i)
        worst = std::max(worst, served_ms(server.url()));
    std::cout << "[ resources ] 200 idle + 20 slow connections: worst normal request " << worst
              << " ms\n";
    EXPECT_LT(worst, 1000);
    stop = true;
    for (auto& t : slow)
        t.join();
    for (int fd : idle)
        close(fd);
}

TEST(ResourceLimits, StreamingClientsCannotExhaustThePool) {
    TempDir dir;
    std::string config = kAlwaysOpenConfig;
    config.replace(config.find("[server]"), 8,
                   "[server]\nmax_event_streams = 20\nmax_threads = 40");
    ServerProcess server(dir.path(), config);
    std::vector<std::unique_ptr<net::SseClient>> streams;
    for (int i = 0; i < 30; ++i) {
        net::SseClientOptions options;
        options.url = server.url() + "/api/v1/events";
        options.bearer_token = kDisplayKey;
        options.backoff_initial_ms = 2000;
        streams.push_back(std::make_unique<net::SseClient>(options, [](const net::SseEvent&) {}));
        streams.back()->start();
    }
    // Wait until every stream is either connected or was refused.
    int connected = 0, refused = 0;
    for (int wait = 0; wait < 100 && connected + refused < 30; ++wait) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        connected = refused = 0;
        for (const auto& s : streams) {
            const net::SseStatus status = s->status();
            if (status.state == net::SseState::connected)
                ++connected;
            if (status.last_error.find("503") != std::string::npos)
                ++refused;
        }
    }
    EXPECT_LE(connected, 20);
    EXPECT_GE(refused, 5) << "streams beyond the limit must be refused with 503";
    double worst = 0;
    for (int i = 0; i < 10; ++i)
        worst = std::max(worst, served_ms(server.url()));
    std::cout << "[ resources ] " << connected << " streams open, " << refused
              << " refused: worst normal request " << worst << " ms\n";
    EXPECT_LT(worst, 1000);
    streams.clear();
}
