#pragma once
// Runs the real queue-server binary on 127.0.0.1 with a temporary database, for tests and
// benchmarks: start, learn the port from its "listening on" line, stop with SIGTERM or SIGKILL,
// restart on the same port and database. Plain HTTP (--https off) unless the extra arguments
// say --https on (tests/server/https_test.cpp).
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace loket::testing {

inline std::string read_text_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// A configuration open round the clock, so tests pass at any hour, with one kiosk and one
// display key (tests/support/always-open.toml).
inline const std::string kAlwaysOpenConfig =
    read_text_file(LOKET_SOURCE_DIR "/tests/support/always-open.toml");
inline const char* kKioskKey = "kiosk-key-0123456789abcdef";
inline const char* kDisplayKey = "display-key-0123456789abcdef";

class ServerProcess {
  public:
    ServerProcess(std::filesystem::path dir, std::string config_toml = kAlwaysOpenConfig,
                  std::vector<std::string> extra_args = {})
        : dir_(std::move(dir)), extra_args_(std::move(extra_args)) {
        std::ofstream(dir_ / "office.toml") << config_toml;
        start();
    }
    ~ServerProcess() { stop(SIGTERM); }
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;

    std::string url() const { return scheme_ + "://127.0.0.1:" + std::to_string(port_); }
    int port() const { return port_; }
    pid_t pid() const { return pid_; }
    // What the server printed on standard output up to its "listening on" line.
    const std::string& startup_output() const { return startup_output_; }
    std::filesystem::path db() const { return dir_ / "loket.db"; }
    std::filesystem::path config_path() const { return dir_ / "office.toml"; }
    std::filesystem::path log() const { return dir_ / "server.log"; }
    std::string log_text() const {
        std::ifstream in(log());
        std::ostringstream s;
        s << in.rdbuf();
        return s.str();
    }

    // Starts the binary (again, on the same port once one was chosen) and waits until it
    // listens. Throws with the server's log when it does not come up. The first start chooses
    // a port below Linux's ephemeral range (32768-60999): restarted on it, the server must not
    // find it taken meanwhile by another test's port-0 listener or outgoing connection.
    void start() {
        if (port_ != 0) {
            if (!start_on(port_))
                throw std::runtime_error("queue-server cannot listen again:\n" + log_text());
            return;
        }
        std::random_device seed;
        std::uniform_int_distribution<int> below_ephemeral(20000, 31999);
        for (int attempt = 0; attempt < 20; ++attempt)
            if (start_on(below_ephemeral(seed)))
                return;
        throw std::runtime_error("queue-server found no free port:\n" + log_text());
    }

  private:
    // False when the server exited because the port was taken; throws on any other failure.
    bool start_on(int port) {
        const auto logged = std::filesystem::exists(log()) ? std::filesystem::file_size(log()) : 0;
        std::vector<std::string> args = {LOKET_QUEUE_SERVER_BIN,
                                         "--db",
                                         db().string(),
                                         "--config",
                                         config_path().string(),
                                         "--listen",
                                         "127.0.0.1:" + std::to_string(port),
                                         "--log-level",
                                         "info"};
        if (std::find(extra_args_.begin(), extra_args_.end(), "--https") == extra_args_.end()) {
            args.push_back("--https");
            args.push_back("off");
        }
        args.insert(args.end(), extra_args_.begin(), extra_args_.end());
        int out[2];
        if (pipe(out) != 0)
            throw std::runtime_error("pipe failed");
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, out[1], 1);
        posix_spawn_file_actions_addclose(&actions, out[0]);
        posix_spawn_file_actions_addopen(&actions, 2, log().c_str(), O_WRONLY | O_CREAT | O_APPEND,
                                         0644);
        std::vector<char*> argv;
        for (auto& a : args)
            argv.push_back(a.data());
        argv.push_back(nullptr);
        const int rc = posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ);
        posix_spawn_file_actions_destroy(&actions);
        close(out[1]);
        if (rc != 0) {
            close(out[0]);
            throw std::runtime_error("cannot start queue-server");
        }
        // Read stdout until "listening on http(s)://127.0.0.1:PORT" (10 s at most).
        std::string seen;
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (std::chrono::steady_clock::now() < deadline) {
            pollfd p{out[0], POLLIN, 0};
            if (poll(&p, 1, 100) > 0) {
                char buf[256];
                const ssize_t n = read(out[0], buf, sizeof buf);
                if (n <= 0)
                    break;
                seen.append(buf, static_cast<std::size_t>(n));
                const auto at = seen.find("listening on http");
                const auto host = seen.find("://127.0.0.1:", at == std::string::npos ? 0 : at);
                if (at != std::string::npos && host != std::string::npos &&
                    seen.find('\n', host) != std::string::npos) {
                    scheme_ = seen.substr(at + 13, host - at - 13);
                    port_ = std::stoi(seen.substr(host + 13));
                    startup_output_ = seen;
                    close(out[0]);
                    running_ = true;
                    return true;
                }
            }
        }
        close(out[0]);
        running_ = true;
        stop(SIGKILL);
        if (log_text().substr(logged).find("cannot listen") != std::string::npos)
            return false;
        throw std::runtime_error("queue-server did not start:\n" + log_text());
    }

  public:
    // Called before a stop by SIGTERM while the server still answers: the contract recording
    // (reply_recorder.hpp) reads the whole event stream there.
    inline static void (*before_stop)(const ServerProcess&) = nullptr;

    // Sends the signal and waits for the exit; returns the exit status (or -signal).
    int stop(int signal) {
        if (!running_)
            return 0;
        if (signal == SIGTERM && before_stop != nullptr)
            before_stop(*this);
        ::kill(pid_, signal);
        int status = 0;
        waitpid(pid_, &status, 0);
        running_ = false;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
    }

    void restart() {
        stop(SIGTERM);
        start();
    }

  private:
    std::filesystem::path dir_;
    std::vector<std::string> extra_args_;
    pid_t pid_ = -1;
    int port_ = 0;
    std::string scheme_ = "http";
    std::string startup_output_;
    bool running_ = false;
};

// `queue-server sync` for the server's database and configuration, its output appended to
// `log`; returns its pid (stop it with kill and waitpid).
inline pid_t start_sync_process(const ServerProcess& server, const std::filesystem::path& log) {
    std::vector<std::string> args = {LOKET_QUEUE_SERVER_BIN,        "--db",
                                     server.db().string(),          "--config",
                                     server.config_path().string(), "sync"};
    std::vector<char*> argv;
    for (auto& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    pid_t pid = -1;
    const int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0)
        throw std::runtime_error("cannot start queue-server sync");
    return pid;
}

// Runs the queue-server CLI with the given arguments and standard input; returns exit status
// and standard output.
inline std::pair<int, std::string> run_queue_server_cli(std::vector<std::string> args,
                                                        const std::string& input) {
    const std::string command_file =
        std::filesystem::temp_directory_path() / ("loket-cli-" + std::to_string(getpid()) + ".in");
    std::ofstream(command_file) << input;
    std::string command = std::string(LOKET_QUEUE_SERVER_BIN);
    for (const auto& a : args)
        command += " '" + a + "'";
    command += " < '" + command_file + "' 2>&1";
    FILE* pipe = popen(command.c_str(), "r");
    std::string output;
    char buf[256];
    while (pipe && fgets(buf, sizeof buf, pipe))
        output += buf;
    const int status = pipe ? pclose(pipe) : -1;
    std::filesystem::remove(command_file);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

}  // namespace loket::testing
