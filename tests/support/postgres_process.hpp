#pragma once
// A real PostgreSQL 15 for the tests of the central side (docs/scale.md): initdb in a temporary
// folder, TLS with a test CA (openssl), SCRAM passwords over TCP on 127.0.0.1, trust for the
// superuser on the folder's Unix socket only; started and stopped with pg_ctl. PostgreSQL
// refuses to run as root, so under root (CI) every server command runs as `nobody` (setpriv).
// Nothing here touches a system cluster or service.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <stdexcept>
#include <string>

namespace loket::testing {

inline const char* kPostgresBin = "/usr/lib/postgresql/15/bin";

class PostgresProcess {
  public:
    PostgresProcess() {
        char pattern[] = "/tmp/loket-pg-XXXXXX";
        if (!mkdtemp(pattern))
            throw std::runtime_error("mkdtemp failed");
        dir_ = pattern;
        as_nobody_ = geteuid() == 0;
        if (as_nobody_)
            run("chown nobody:nogroup " + dir_.string());
        make_certificates();
        run_as_server_user(std::string(kPostgresBin) + "/initdb -D " + data().string() +
                           " -U postgres -E UTF8 --locale=C --auth-local=trust "
                           "--auth-host=scram-sha-256 > " +
                           (dir_ / "initdb.log").string() + " 2>&1");
        {
            std::ofstream conf(data() / "postgresql.conf", std::ios::app);
            conf << "listen_addresses = '127.0.0.1'\n"
                 << "unix_socket_directories = '" << dir_.string() << "'\n"
                 << "ssl = on\nssl_cert_file = '" << (dir_ / "server.crt").string() << "'\n"
                 << "ssl_key_file = '" << (dir_ / "server.key").string() << "'\n"
                 << "fsync = off\nmax_connections = 200\n";
        }
        {
            // TLS and a password over TCP; plain TCP refused; the superuser on the socket only.
            std::ofstream hba(data() / "pg_hba.conf", std::ios::trunc);
            hba << "local all postgres trust\n"
                << "hostnossl all all 0.0.0.0/0 reject\n"
                << "hostssl all all 127.0.0.1/32 scram-sha-256\n";
        }
        std::random_device seed;
        std::uniform_int_distribution<int> below_ephemeral(20000, 31999);
        for (int attempt = 0; attempt < 20 && !running_; ++attempt) {
            port_ = below_ephemeral(seed);
            running_ = try_start();
        }
        if (!running_)
            throw std::runtime_error("PostgreSQL did not start:\n" + log_text());
        run(std::string(kPostgresBin) + "/createdb -h " + dir_.string() + " -p " +
            std::to_string(port_) + " -U postgres loket");
    }
    ~PostgresProcess() {
        stop("immediate");
        std::error_code ignored;
        std::filesystem::remove_all(dir_, ignored);
    }
    PostgresProcess(const PostgresProcess&) = delete;
    PostgresProcess& operator=(const PostgresProcess&) = delete;

    int port() const { return port_; }
    // The superuser over the folder's socket (no TLS needed there).
    std::string admin_connection(const std::string& database = "loket") const {
        return "host=" + dir_.string() + " port=" + std::to_string(port_) +
               " user=postgres dbname=" + database;
    }
    std::filesystem::path ca_file() const { return dir_ / "ca.crt"; }
    std::filesystem::path folder() const { return dir_; }

    // mode: "fast" (clean) or "immediate" (as after a crash).
    void stop(const std::string& mode) {
        if (!running_)
            return;
        run_as_server_user(std::string(kPostgresBin) + "/pg_ctl -D " + data().string() + " -m " +
                           mode + " -w stop > /dev/null 2>&1");
        running_ = false;
    }
    void start() {
        if (!running_ && !(running_ = try_start()))
            throw std::runtime_error("PostgreSQL did not start again:\n" + log_text());
    }

    std::string log_text() const {
        std::ifstream in(dir_ / "server.log");
        return std::string(std::istreambuf_iterator<char>(in), {});
    }

  private:
    std::filesystem::path data() const { return dir_ / "data"; }

    static int run(const std::string& command) {
        const int status = std::system(command.c_str());
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
    void run_as_server_user(const std::string& command) const {
        const std::string line =
            as_nobody_
                ? "setpriv --reuid=nobody --regid=nogroup --clear-groups sh -c '" + command + "'"
                : command;
        if (run(line) != 0)
            throw std::runtime_error("failed: " + command);
    }
    bool try_start() {
        const std::string command = std::string(kPostgresBin) + "/pg_ctl -D " + data().string() +
                                    " -l " + (dir_ / "server.log").string() + " -o \"-p " +
                                    std::to_string(port_) + "\" -w -t 30 start > /dev/null 2>&1";
        const std::string line =
            as_nobody_
                ? "setpriv --reuid=nobody --regid=nogroup --clear-groups sh -c '" + command + "'"
                : command;
        return run(line) == 0;
    }
    // A test CA and a server certificate for 127.0.0.1 and localhost, signed by it; the key
    // readable by the server's user only, as PostgreSQL requires.
    void make_certificates() const {
        const std::string d = dir_.string();
        const std::string script =
            "cd " + d +
            " && openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 "
            "-subj /CN=loket-test-ca -keyout ca.key -out ca.crt"
            " && openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes "
            "-subj /CN=127.0.0.1 -keyout server.key -out server.csr"
            " && echo subjectAltName=IP:127.0.0.1,DNS:localhost > san.ext"
            " && openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial "
            "-days 2 -extfile san.ext -out server.crt"
            " && chmod 600 server.key";
        run_as_server_user("(" + script + ") > " + d + "/openssl.log 2>&1");
    }

    std::filesystem::path dir_;
    bool as_nobody_ = false;
    bool running_ = false;
    int port_ = 0;
};

}  // namespace loket::testing
