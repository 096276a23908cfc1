#pragma once
// A fake network printer for tests: listens on 127.0.0.1 (ephemeral port) in its own thread,
// records every byte received and answers DLE EOT n queries the way it is told (or stays
// silent).
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace loket::print::testing {

class FakePrinter {
  public:
    // Reply to DLE EOT n (n = 1..4); nullopt means no reply at all.
    using Responder = std::function<std::optional<std::uint8_t>(int n)>;

    explicit FakePrinter(Responder responder);
    ~FakePrinter();
    FakePrinter(const FakePrinter&) = delete;
    FakePrinter& operator=(const FakePrinter&) = delete;

    std::uint16_t port() const { return port_; }
    // All bytes received so far (over every connection).
    std::vector<std::uint8_t> received() const;
    // Waits until at least `count` bytes arrived; false on timeout.
    bool wait_for_bytes(std::size_t count, std::chrono::milliseconds timeout) const;
    int queries_answered() const { return answered_; }
    // Closes every open connection, as a printer does with idle ones.
    void drop_connections() { drop_ = true; }

    // Fixed replies for the usual scenarios.
    static Responder replies(std::uint8_t printer, std::uint8_t offline, std::uint8_t error,
                             std::uint8_t paper);
    static Responder silent();

  private:
    void run();
    void on_bytes(int client, const std::uint8_t* data, std::size_t n);

    Responder responder_;
    int listen_fd_ = -1;
    std::uint16_t port_ = 0;
    std::atomic<bool> stop_{false};
    std::atomic<bool> drop_{false};
    std::atomic<int> answered_{0};
    mutable std::mutex mutex_;
    mutable std::condition_variable changed_;
    std::vector<std::uint8_t> received_;
    int dle_state_ = 0;  // 0 idle, 1 saw DLE, 2 saw DLE EOT
    std::thread thread_;
};

}  // namespace loket::print::testing
