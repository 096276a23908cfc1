#include "fake_printer.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

namespace loket::print::testing {

FakePrinter::FakePrinter(Responder responder) : responder_(std::move(responder)) {
    listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (listen_fd_ < 0)
        throw std::runtime_error("fake printer: socket failed");
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;  // ephemeral
    socklen_t len = sizeof addr;
    if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        ::listen(listen_fd_, 4) != 0 ||
        ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
        ::close(listen_fd_);
        throw std::runtime_error("fake printer: bind/listen failed");
    }
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { run(); });
}

FakePrinter::~FakePrinter() {
    stop_ = true;
    thread_.join();
    ::close(listen_fd_);
}

std::vector<std::uint8_t> FakePrinter::received() const {
    std::lock_guard lock(mutex_);
    return received_;
}

bool FakePrinter::wait_for_bytes(std::size_t count, std::chrono::milliseconds timeout) const {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, timeout, [&] { return received_.size() >= count; });
}

FakePrinter::Responder FakePrinter::replies(std::uint8_t printer, std::uint8_t offline,
                                            std::uint8_t error, std::uint8_t paper) {
    return [=](int n) -> std::optional<std::uint8_t> {
        switch (n) {
            case 1:
                return printer;
            case 2:
                return offline;
            case 3:
                return error;
            case 4:
                return paper;
            default:
                return std::nullopt;
        }
    };
}

FakePrinter::Responder FakePrinter::silent() {
    return [](int) -> std::optional<std::uint8_t> { return std::nullopt; };
}

void FakePrinter::on_bytes(int client, const std::uint8_t* data, std::size_t n) {
    {
        std::lock_guard lock(mutex_);
        received_.insert(received_.end(), data, data + n);
    }
    changed_.notify_all();
    // A real printer acts on DLE EOT n as soon as it arrives, even inside other data.
    for (std::size_t i = 0; i < n; ++i) {
        const std::uint8_t b = data[i];
        if (dle_state_ == 2) {
            dle_state_ = 0;
            if (auto reply = responder_(b)) {
                ++answered_;  // before sending: the client may look as soon as it reads
                ::send(client, &*reply, 1, MSG_NOSIGNAL);
            }
        } else if (dle_state_ == 1) {
            dle_state_ = b == 0x04 ? 2 : 0;
        } else if (b == 0x10) {
            dle_state_ = 1;
        }
    }
}

void FakePrinter::run() {
    std::vector<int> clients;
    while (!stop_) {
        if (drop_.exchange(false)) {
            for (int c : clients)
                ::close(c);
            clients.clear();
        }
        std::vector<pollfd> fds{{listen_fd_, POLLIN, 0}};
        for (int c : clients)
            fds.push_back({c, POLLIN, 0});
        if (::poll(fds.data(), fds.size(), 20) <= 0)
            continue;
        if ((fds[0].revents & POLLIN) != 0) {
            const int c = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
            if (c >= 0)
                clients.push_back(c);
        }
        for (std::size_t i = 1; i < fds.size(); ++i) {
            if (fds[i].revents == 0)
                continue;
            std::uint8_t buffer[4096];
            const ssize_t n = ::recv(fds[i].fd, buffer, sizeof buffer, 0);
            if (n > 0) {
                on_bytes(fds[i].fd, buffer, static_cast<std::size_t>(n));
            } else {
                ::close(fds[i].fd);
                std::erase(clients, fds[i].fd);
            }
        }
    }
    for (int c : clients)
        ::close(c);
}

}  // namespace loket::print::testing
