#pragma once
// Helpers for the display tests: a TCP proxy that can cut the display's connection while the
// queue-server keeps running, polling waits, a staff/kiosk pair for the real server, and the
// real `display` binary as a child process.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "api_client.hpp"

extern char** environ;

namespace loket::testing {

// Polls pred every 20 ms until it holds or the timeout passes; returns its last value.
inline bool wait_until(const std::function<bool()>& pred,
                       std::chrono::milliseconds timeout = std::chrono::seconds(15)) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        if (pred())
            return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return pred();
}

// Forwards 127.0.0.1:port() to a target port. cut() closes every open connection and, until
// restore(), closes new ones at once: the display sees its stream die and cannot reconnect,
// while the server behind stays up.
class TcpProxy {
  public:
    explicit TcpProxy(int target_port) : target_port_(target_port) {
        listen_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        int one = 1;
        ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        addr.sin_port = 0;
        if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
            ::listen(listen_fd_, 64) != 0)
            throw std::runtime_error("proxy: cannot listen");
        socklen_t len = sizeof addr;
        ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
        port_ = ntohs(addr.sin_port);
        ::pipe(wake_);
        thread_ = std::thread([this] { loop(); });
    }
    ~TcpProxy() {
        stop_ = true;
        wake();
        thread_.join();
        for (auto& p : pairs_) {
            ::close(p.first);
            ::close(p.second);
        }
        ::close(listen_fd_);
        ::close(wake_[0]);
        ::close(wake_[1]);
    }
    int port() const { return port_; }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
    void cut() {
        cut_ = true;
        close_all_ = true;
        wake();
        wait_until([this] { return !close_all_; }, std::chrono::seconds(2));
    }
    void restore() { cut_ = false; }
    std::uint64_t accepted() const { return accepted_; }

  private:
    void wake() {
        const char c = 1;
        [[maybe_unused]] auto n = ::write(wake_[1], &c, 1);
    }
    int connect_target() const {
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        addr.sin_port = htons(std::uint16_t(target_port_));
        if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
            ::close(fd);
            return -1;
        }
        return fd;
    }
    void loop() {
        std::vector<char> buf(64 * 1024);
        while (!stop_) {
            if (close_all_) {
                for (auto& p : pairs_) {
                    ::close(p.first);
                    ::close(p.second);
                }
                pairs_.clear();
                close_all_ = false;
            }
            std::vector<pollfd> fds;
            fds.push_back({wake_[0], POLLIN, 0});
            fds.push_back({listen_fd_, POLLIN, 0});
            for (auto& p : pairs_) {
                fds.push_back({p.first, POLLIN, 0});
                fds.push_back({p.second, POLLIN, 0});
            }
            if (::poll(fds.data(), fds.size(), 200) <= 0)
                continue;
            const std::size_t polled_pairs = pairs_.size();  // accept() may add one below
            if (fds[0].revents) {
                char drain[64];
                [[maybe_unused]] auto n = ::read(wake_[0], drain, sizeof drain);
            }
            if (fds[1].revents & POLLIN) {
                const int client = ::accept(listen_fd_, nullptr, nullptr);
                if (client >= 0) {
                    ++accepted_;
                    const int server = cut_ ? -1 : connect_target();
                    if (server < 0) {
                        ::close(client);
                    } else {
                        pairs_.emplace_back(client, server);
                    }
                }
            }
            std::vector<std::size_t> dead;
            for (std::size_t i = 0; i < polled_pairs; ++i) {
                for (int side = 0; side < 2; ++side) {
                    const pollfd& f = fds[2 + i * 2 + std::size_t(side)];
                    if (!(f.revents & (POLLIN | POLLHUP | POLLERR)))
                        continue;
                    const int from = side == 0 ? pairs_[i].first : pairs_[i].second;
                    const int to = side == 0 ? pairs_[i].second : pairs_[i].first;
                    const ssize_t n = ::read(from, buf.data(), buf.size());
                    if (n <= 0 || ::send(to, buf.data(), std::size_t(n), MSG_NOSIGNAL) != n) {
                        dead.push_back(i);
                        break;
                    }
                }
            }
            for (auto it = dead.rbegin(); it != dead.rend(); ++it) {
                ::close(pairs_[*it].first);
                ::close(pairs_[*it].second);
                pairs_.erase(pairs_.begin() + std::ptrdiff_t(*it));
            }
        }
    }

    int target_port_;
    int listen_fd_ = -1;
    int port_ = 0;
    int wake_[2] = {-1, -1};
    std::atomic<bool> stop_{false}, cut_{false}, close_all_{false};
    std::atomic<std::uint64_t> accepted_{0};
    std::vector<std::pair<int, int>> pairs_;
    std::thread thread_;
};

// A kiosk and one staff member with counters open on the real server.
struct Floor {
    ServerProcess& server;
    ApiClient kiosk;
    ApiClient staff;

    explicit Floor(ServerProcess& s)
        : server(s),
          kiosk(s.url(), kKioskKey),
          staff(s.url(), add_user_and_login(s, "siti", "staff")) {}

    void issue(const std::string& service, int count = 1) {
        for (int i = 0; i < count; ++i) {
            const Reply r = kiosk.post("/tickets", {{"service", service}});
            ASSERT_EQ(r.status, 201) << r.body.dump();
        }
    }
    void open(int counter) {
        const Reply r = staff.post("/counters/" + std::to_string(counter) + "/open");
        ASSERT_EQ(r.status, 200) << r.body.dump();
    }
    // call-next; returns the ticket number called.
    std::string call_next(int counter) {
        const Reply r = staff.post("/counters/" + std::to_string(counter) + "/call-next");
        EXPECT_EQ(r.status, 200) << r.body.dump();
        return r.body.value("/ticket/number"_json_pointer, std::string());
    }
    std::string call(int counter, const std::string& number) {
        const Reply r =
            staff.post("/counters/" + std::to_string(counter) + "/call", {{"number", number}});
        EXPECT_EQ(r.status, 200) << r.body.dump();
        return r.body.value("/ticket/number"_json_pointer, std::string());
    }
    void action(int counter, const std::string& what,
                const nlohmann::json& body = nlohmann::json::object()) {
        const Reply r = staff.post("/counters/" + std::to_string(counter) + "/" + what, body);
        ASSERT_EQ(r.status, 200) << what << ": " << r.body.dump();
    }
    // Finishes whatever the counter has (called or serving) so it can call again.
    void clear(int counter) { staff.post("/counters/" + std::to_string(counter) + "/no-show"); }
};

// The real display binary; stopped (SIGTERM, then SIGKILL) when destroyed.
class DisplayProcess {
  public:
    DisplayProcess(std::vector<std::string> args, const std::filesystem::path& log) {
        args.insert(args.begin(), LOKET_DISPLAY_BIN);
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                         0644);
        posix_spawn_file_actions_adddup2(&actions, 1, 2);
        std::vector<char*> argv;
        for (auto& a : args)
            argv.push_back(a.data());
        argv.push_back(nullptr);
        if (posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ) != 0)
            throw std::runtime_error("cannot start the display binary");
        posix_spawn_file_actions_destroy(&actions);
    }
    ~DisplayProcess() { stop(); }
    pid_t pid() const { return pid_; }
    bool running() {
        if (pid_ <= 0)
            return false;
        int status = 0;
        if (waitpid(pid_, &status, WNOHANG) == pid_) {
            exit_status_ = WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
            pid_ = -1;
            return false;
        }
        return true;
    }
    // SIGTERM and wait (up to 10 s, then SIGKILL); returns the exit status.
    int stop() {
        if (pid_ <= 0)
            return exit_status_;
        ::kill(pid_, SIGTERM);
        for (int i = 0; i < 500 && running(); ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        if (pid_ > 0) {
            ::kill(pid_, SIGKILL);
            int status = 0;
            waitpid(pid_, &status, 0);
            exit_status_ = -SIGKILL;
            pid_ = -1;
        }
        return exit_status_;
    }

  private:
    pid_t pid_ = -1;
    int exit_status_ = 0;
};

inline std::string read_text(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// --state-out's JSON, or null while it is not written yet.
inline nlohmann::json read_state(const std::filesystem::path& path) {
    const auto j = nlohmann::json::parse(read_text(path), nullptr, false);
    return j.is_discarded() ? nlohmann::json() : j;
}

// One line of the WAV sink's FILE.wav.log.
struct AnnouncementLine {
    std::string event_id, ticket;
    int counter = 0;
    bool recall = false;
    std::size_t first_sample = 0, samples = 0;
    std::string phrase;
};

inline std::vector<AnnouncementLine> read_announcements(const std::filesystem::path& log) {
    std::vector<AnnouncementLine> out;
    std::istringstream in(read_text(log));
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream f(line);
        AnnouncementLine a;
        std::string counter, recall, first, samples;
        std::getline(f, a.event_id, '\t');
        std::getline(f, a.ticket, '\t');
        std::getline(f, counter, '\t');
        std::getline(f, recall, '\t');
        std::getline(f, first, '\t');
        std::getline(f, samples, '\t');
        std::getline(f, a.phrase);
        if (samples.empty())
            continue;
        a.counter = std::stoi(counter);
        a.recall = recall == "1";
        a.first_sample = std::stoul(first);
        a.samples = std::stoul(samples);
        out.push_back(a);
    }
    return out;
}

}  // namespace loket::testing
