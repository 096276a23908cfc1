#pragma once
// A loopback TCP relay between a client and a server that a test can break: cut every open
// connection now, cut a connection once the client has sent N bytes through it (mid-request),
// or refuse new connections (the link down). Stands in for an office's internet link.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

namespace loket::testing {

class TcpProxy {
  public:
    explicit TcpProxy(int target_port) : target_port_(target_port) {
        listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
        int yes = 1;
        setsockopt(listener_, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::bind(listener_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
            ::listen(listener_, 64) != 0)
            throw std::runtime_error("proxy cannot listen");
        socklen_t len = sizeof addr;
        getsockname(listener_, reinterpret_cast<sockaddr*>(&addr), &len);
        port_ = ntohs(addr.sin_port);
        acceptor_ = std::thread([this] { accept_loop(); });
    }
    ~TcpProxy() {
        stopping_ = true;
        ::shutdown(listener_, SHUT_RDWR);
        ::close(listener_);
        acceptor_.join();
        cut();
        std::vector<std::thread> relays;
        {
            std::lock_guard lock(mutex_);
            relays.swap(relays_);
        }
        for (auto& t : relays)
            t.join();
    }
    TcpProxy(const TcpProxy&) = delete;
    TcpProxy& operator=(const TcpProxy&) = delete;

    int port() const { return port_; }
    // Breaks every open connection at once.
    void cut() {
        std::lock_guard lock(mutex_);
        for (int fd : open_)
            ::shutdown(fd, SHUT_RDWR);
    }
    // New connections are closed at once while set (the link is down).
    void set_refusing(bool refusing) { refusing_ = refusing; }
    // The next connection that carries more than `bytes` from the client is cut right there;
    // 0: no such cut. Returns true once such a cut happened.
    void cut_after_client_bytes(std::int64_t bytes) {
        cut_done_ = false;
        cut_after_ = bytes;
    }
    bool cut_happened() const { return cut_done_; }

  private:
    void accept_loop() {
        while (!stopping_) {
            const int client = ::accept(listener_, nullptr, nullptr);
            if (client < 0)
                continue;
            if (refusing_) {
                ::close(client);
                continue;
            }
            const int server = ::socket(AF_INET, SOCK_STREAM, 0);
            sockaddr_in addr{};
            addr.sin_family = AF_INET;
            addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
            addr.sin_port = htons(static_cast<std::uint16_t>(target_port_));
            if (::connect(server, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
                ::close(server);
                ::close(client);
                continue;
            }
            std::lock_guard lock(mutex_);
            open_.push_back(client);
            open_.push_back(server);
            relays_.emplace_back([this, client, server] { relay(client, server); });
        }
    }
    void relay(int client, int server) {
        std::int64_t from_client = 0;
        char buf[16384];
        for (;;) {
            pollfd fds[2] = {{client, POLLIN, 0}, {server, POLLIN, 0}};
            if (::poll(fds, 2, 200) < 0)
                break;
            if (stopping_)
                break;
            bool closed = false;
            for (int i = 0; i < 2 && !closed; ++i) {
                if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
                    continue;
                const ssize_t n = ::read(fds[i].fd, buf, sizeof buf);
                if (n <= 0) {
                    closed = true;
                    break;
                }
                if (i == 0) {
                    from_client += n;
                    const std::int64_t limit = cut_after_;
                    if (limit > 0 && from_client > limit) {
                        cut_after_ = 0;
                        cut_done_ = true;
                        closed = true;
                        break;
                    }
                }
                if (!send_all(fds[1 - i].fd, buf, static_cast<std::size_t>(n)))
                    closed = true;
            }
            if (closed)
                break;
        }
        ::shutdown(client, SHUT_RDWR);
        ::shutdown(server, SHUT_RDWR);
        std::lock_guard lock(mutex_);
        std::erase(open_, client);
        std::erase(open_, server);
        ::close(client);
        ::close(server);
    }
    static bool send_all(int fd, const char* data, std::size_t size) {
        while (size > 0) {
            const ssize_t n = ::send(fd, data, size, MSG_NOSIGNAL);
            if (n <= 0)
                return false;
            data += n;
            size -= static_cast<std::size_t>(n);
        }
        return true;
    }

    int target_port_;
    int listener_ = -1;
    int port_ = 0;
    std::atomic<bool> stopping_{false};
    std::atomic<bool> refusing_{false};
    std::atomic<std::int64_t> cut_after_{0};
    std::atomic<bool> cut_done_{false};
    std::mutex mutex_;
    std::vector<int> open_;
    std::vector<std::thread> relays_;
    std::thread acceptor_;
};

}  // namespace loket::testing
