// Printer transports. All file descriptors are non-blocking and every wait is a poll() with
// the time left before a deadline, so no call can block past its timeout.
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>

#include "loket/input_error.hpp"
#include "loket/printer.hpp"

namespace loket::print {
namespace {

using Clock = std::chrono::steady_clock;

std::string errno_text(int err) {
    return std::strerror(err);
}

int millis_left(Clock::time_point deadline) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    return left > 0 ? static_cast<int>(left) : 0;
}

// Waits for `events` on fd until the deadline. Returns false on timeout; retries on EINTR.
bool wait_for(int fd, short events, Clock::time_point deadline, short* revents = nullptr) {
    while (true) {
        pollfd p{fd, events, 0};
        const int rc = ::poll(&p, 1, millis_left(deadline));
        if (rc > 0) {
            if (revents != nullptr)
                *revents = p.revents;
            return true;
        }
        if (rc == 0)
            return false;
        if (errno != EINTR)
            throw PrinterError(std::string("poll failed: ") + errno_text(errno));
    }
}

std::string millis_text(std::chrono::milliseconds ms) {
    return std::to_string(ms.count()) + " ms";
}

// Writes everything to a non-blocking fd before the deadline; `send_fn` does one write.
template <typename SendFn>
void write_all(int fd, std::span<const std::uint8_t> bytes, std::chrono::milliseconds timeout,
               const std::string& who, SendFn send_fn) {
    const auto deadline = Clock::now() + timeout;
    std::size_t sent = 0;
    while (sent < bytes.size()) {
        const ssize_t n = send_fn(fd, bytes.data() + sent, bytes.size() - sent);
        if (n > 0) {
            sent += static_cast<std::size_t>(n);
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) {
            throw PrinterError(who + ": write failed after " + std::to_string(sent) + " of " +
                               std::to_string(bytes.size()) + " bytes: " + errno_text(errno));
        }
        if (!wait_for(fd, POLLOUT, deadline)) {
            throw PrinterError(who + ": write timed out after " + millis_text(timeout) + " (" +
                               std::to_string(sent) + " of " + std::to_string(bytes.size()) +
                               " bytes sent)");
        }
    }
}

// Reads what is available before the deadline; 0 on timeout. For sockets a read of 0 is the
// peer closing; for printer devices it only means "no data yet".
template <typename RecvFn>
std::size_t read_some(int fd, std::span<std::uint8_t> buffer, std::chrono::milliseconds timeout,
                      const std::string& who, bool zero_means_closed, RecvFn recv_fn) {
    if (buffer.empty())
        return 0;
    const auto deadline = Clock::now() + timeout;
    bool hung_up = false;
    while (true) {
        const ssize_t n = recv_fn(fd, buffer.data(), buffer.size());
        if (n > 0)
            return static_cast<std::size_t>(n);
        if (n == 0 && zero_means_closed)
            throw PrinterError(who + ": connection closed by printer");
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) {
            throw PrinterError(who + ": read failed: " + errno_text(errno));
        }
        // poll() keeps reporting a hang-up at once; a second one with no data is a dead link.
        if (hung_up)
            throw PrinterError(who + ": device hung up");
        short revents = 0;
        if (!wait_for(fd, POLLIN, deadline, &revents))
            return 0;
        hung_up = (revents & POLLIN) == 0 && (revents & (POLLERR | POLLHUP | POLLNVAL)) != 0;
    }
}

void discard_all(int fd) {
    std::uint8_t sink[256];
    for (int i = 0; i < 64; ++i) {  // bounded: a chatty device cannot keep us here
        const ssize_t n = ::read(fd, sink, sizeof sink);
        if (n <= 0)
            return;
    }
}

}  // namespace

// ---- DeviceTransport --------------------------------------------------------------------------

DeviceTransport::DeviceTransport(std::filesystem::path path, Timeouts timeouts, bool two_way)
    : path_(std::move(path)), timeouts_(timeouts), two_way_(two_way) {}

DeviceTransport::~DeviceTransport() {
    close_fd();
}

std::string DeviceTransport::describe() const {
    return "device " + path_.string();
}

void DeviceTransport::close_fd() {
    if (fd_ >= 0)
        ::close(fd_);
    fd_ = -1;
}

int DeviceTransport::ensure_open() {
    if (fd_ >= 0)
        return fd_;
    const int mode = two_way_ ? O_RDWR : O_WRONLY;
    fd_ = ::open(path_.c_str(), mode | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd_ < 0)
        throw PrinterError(describe() + ": cannot open: " + errno_text(errno));
    return fd_;
}

void DeviceTransport::write(std::span<const std::uint8_t> bytes) {
    const int fd = ensure_open();
    try {
        write_all(fd, bytes, timeouts_.write, describe(),
                  [](int f, const std::uint8_t* p, std::size_t n) { return ::write(f, p, n); });
    } catch (const PrinterError&) {
        close_fd();  // reopen next time: the device may have been unplugged and replugged
        throw;
    }
}

std::size_t DeviceTransport::read(std::span<std::uint8_t> buffer) {
    if (!two_way_)
        throw PrinterError(describe() + ": configured as one-way, cannot read");
    const int fd = ensure_open();
    try {
        return read_some(fd, buffer, timeouts_.read, describe(), false,
                         [](int f, std::uint8_t* p, std::size_t n) { return ::read(f, p, n); });
    } catch (const PrinterError&) {
        close_fd();
        throw;
    }
}

void DeviceTransport::discard_input() {
    if (two_way_ && fd_ >= 0)
        discard_all(fd_);
}

// ---- TcpTransport -----------------------------------------------------------------------------

TcpTransport::TcpTransport(std::string host, std::uint16_t port, Timeouts timeouts)
    : host_(std::move(host)), port_(port), timeouts_(timeouts) {}

TcpTransport::~TcpTransport() {
    disconnect();
}

std::string TcpTransport::describe() const {
    return "tcp " + host_ + ":" + std::to_string(port_);
}

void TcpTransport::disconnect() {
    if (fd_ >= 0)
        ::close(fd_);
    fd_ = -1;
}

int TcpTransport::ensure_connected() {
    if (fd_ >= 0) {
        // Printers drop idle connections; notice a closed one now and reconnect, rather than
        // failing the next ticket on a dead socket.
        pollfd p{fd_, POLLIN | POLLRDHUP, 0};
        bool closed = false;
        if (::poll(&p, 1, 0) > 0) {
            if ((p.revents & (POLLERR | POLLHUP | POLLRDHUP | POLLNVAL)) != 0) {
                closed = true;
            } else if ((p.revents & POLLIN) != 0) {
                std::uint8_t peek = 0;
                closed = ::recv(fd_, &peek, 1, MSG_PEEK | MSG_DONTWAIT) == 0;
            }
        }
        if (!closed)
            return fd_;
        disconnect();
    }
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_NUMERICSERV;
    addrinfo* found = nullptr;
    const std::string port = std::to_string(port_);
    // Name lookup has no timeout of its own; printers are normally configured by address.
    const int gai = ::getaddrinfo(host_.c_str(), port.c_str(), &hints, &found);
    if (gai != 0) {
        throw PrinterError(describe() + ": cannot resolve host: " + ::gai_strerror(gai));
    }
    const auto deadline = Clock::now() + timeouts_.connect;
    std::string last_error = "no address";
    for (addrinfo* ai = found; ai != nullptr; ai = ai->ai_next) {
        const int fd = ::socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC,
                                ai->ai_protocol);
        if (fd < 0) {
            last_error = errno_text(errno);
            continue;
        }
        int err = 0;
        if (::connect(fd, ai->ai_addr, ai->ai_addrlen) != 0) {
            err = errno;
            if (err == EINPROGRESS) {
                if (!wait_for(fd, POLLOUT, deadline)) {
                    err = ETIMEDOUT;
                } else {
                    socklen_t len = sizeof err;
                    if (::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0)
                        err = errno;
                }
            }
        }
        if (err == 0) {
            const int one = 1;  // status queries are 3 bytes: do not let Nagle hold them back
            ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
            fd_ = fd;
            break;
        }
        ::close(fd);
        last_error = err == ETIMEDOUT ? "timed out after " + millis_text(timeouts_.connect)
                                      : errno_text(err);
        if (millis_left(deadline) == 0)
            break;
    }
    ::freeaddrinfo(found);
    if (fd_ < 0)
        throw PrinterError(describe() + ": cannot connect: " + last_error);
    return fd_;
}

void TcpTransport::write(std::span<const std::uint8_t> bytes) {
    const int fd = ensure_connected();
    try {
        write_all(fd, bytes, timeouts_.write, describe(),
                  [](int f, const std::uint8_t* p, std::size_t n) {
                      return ::send(f, p, n, MSG_NOSIGNAL);  // a dead peer must not kill us
                  });
    } catch (const PrinterError&) {
        disconnect();
        throw;
    }
}

std::size_t TcpTransport::read(std::span<std::uint8_t> buffer) {
    const int fd = ensure_connected();
    try {
        return read_some(fd, buffer, timeouts_.read, describe(), true,
                         [](int f, std::uint8_t* p, std::size_t n) { return ::recv(f, p, n, 0); });
    } catch (const PrinterError&) {
        disconnect();
        throw;
    }
}

void TcpTransport::discard_input() {
    if (fd_ >= 0)
        discard_all(fd_);
}

// ---- FileTransport, NullTransport -------------------------------------------------------------

FileTransport::FileTransport(std::filesystem::path path) : path_(std::move(path)) {}

std::string FileTransport::describe() const {
    return "file " + path_.string();
}

void FileTransport::write(std::span<const std::uint8_t> bytes) {
    const int fd = ::open(path_.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0)
        throw PrinterError(describe() + ": cannot open: " + errno_text(errno));
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            const int err = errno;
            ::close(fd);
            throw PrinterError(describe() + ": write failed: " + errno_text(err));
        }
        done += static_cast<std::size_t>(n);
    }
    if (::close(fd) != 0)
        throw PrinterError(describe() + ": close failed: " + errno_text(errno));
}

std::size_t FileTransport::read(std::span<std::uint8_t>) {
    throw PrinterError(describe() + ": a file cannot answer status queries");
}

void NullTransport::write(std::span<const std::uint8_t>) {
    throw PrinterError("no printer configured");
}

std::size_t NullTransport::read(std::span<std::uint8_t>) {
    throw PrinterError("no printer configured");
}

// ---- make_transport ---------------------------------------------------------------------------

std::unique_ptr<Transport> make_transport(std::string_view spec, Timeouts timeouts) {
    const auto fail = [&](const std::string& reason) -> InputError {
        return InputError("printer setting", "printer", "'" + std::string(spec) + "': " + reason);
    };
    if (spec == "none")
        return std::make_unique<NullTransport>();
    const std::size_t colon = spec.find(':');
    if (colon == std::string_view::npos) {
        throw fail(
            "expected none, file:PATH, tcp:HOST[:PORT], usb:PATH, device:PATH or "
            "device-oneway:PATH");
    }
    const std::string_view kind = spec.substr(0, colon), rest = spec.substr(colon + 1);
    if (rest.empty())
        throw fail("nothing after '" + std::string(kind) + ":'");
    if (kind == "file")
        return std::make_unique<FileTransport>(std::string(rest));
    if (kind == "usb" || kind == "device") {
        return std::make_unique<DeviceTransport>(std::string(rest), timeouts, true);
    }
    if (kind == "device-oneway") {
        return std::make_unique<DeviceTransport>(std::string(rest), timeouts, false);
    }
    if (kind == "tcp") {
        std::string_view host = rest;
        std::uint16_t port = 9100;
        // The port follows the last ':' unless the host is a bracketed or bare IPv6 address.
        const std::size_t last = rest.rfind(':');
        const bool bracketed = rest.front() == '[';
        if (last != std::string_view::npos &&
            (bracketed ? rest.find(']') < last : rest.find(':') == last)) {
            const std::string_view port_text = rest.substr(last + 1);
            unsigned value = 0;
            const auto [ptr, ec] =
                std::from_chars(port_text.data(), port_text.data() + port_text.size(), value);
            if (ec != std::errc() || ptr != port_text.data() + port_text.size() || value == 0 ||
                value > 65535) {
                throw fail("port must be a number 1..65535");
            }
            port = static_cast<std::uint16_t>(value);
            host = rest.substr(0, last);
        }
        if (!host.empty() && host.front() == '[' && host.back() == ']') {
            host = host.substr(1, host.size() - 2);
        }
        if (host.empty())
            throw fail("host is empty");
        return std::make_unique<TcpTransport>(std::string(host), port, timeouts);
    }
    throw fail("unknown printer kind '" + std::string(kind) + "'");
}

}  // namespace loket::print
