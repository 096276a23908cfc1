// queue-server: the one process that owns the queue state. Serves the API, the event stream
// and the staff web pages; `queue-server user ...` manages staff accounts without a browser.
#include <httplib.h>
#include <signal.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <sstream>
#include <thread>

#include "api.hpp"
#include "backup.hpp"
#include "event_hub.hpp"
#include "loket/catalog_store.hpp"
#include "loket/central_sync.hpp"
#include "loket/complaint_store.hpp"
#include "loket/input_error.hpp"
#include "loket/read_file.hpp"
#include "loket/report.hpp"
#include "metrics.hpp"
#include "privacy_job.hpp"
#include "server_config.hpp"
#include "server_main.hpp"
#include "thread_pool.hpp"
#include "tls_identity.hpp"
#include "web_security.hpp"

namespace queue_server {

using namespace loket;
using namespace loket::server;

std::string assets_dir() {
    std::error_code ec;
    return std::filesystem::is_directory(LOKET_ASSETS_DIR, ec) ? LOKET_ASSETS_DIR
                                                               : LOKET_INSTALLED_ASSETS_DIR;
}

namespace {

// The serving options (the top level of the command line).
void add_serve_options(CLI::App& app, Options& options) {
    app.add_option("--db", options.db, "SQLite database file")->capture_default_str();
    app.add_option("--listen", options.listen,
                   "ADDR:PORT to listen on, HTTPS unless --https off (port 0: any free port)")
        ->capture_default_str();
    app.add_option("--https", options.https,
                   "on or off: HTTPS on --listen (overrides [server] https; off for development)")
        ->check(CLI::IsMember({"on", "off"}));
    app.add_option("--http-listen", options.http_listen,
                   "ADDR:PORT of the plain-HTTP listener that redirects to HTTPS, or off "
                   "(overrides [server] http_listen; default 0.0.0.0:8080 when --listen is not "
                   "given)");
    app.add_option("--config", options.config, "office configuration (TOML)");
    app.add_option("--catalog", options.catalog, "folder of permit catalog files")
        ->capture_default_str();
    app.add_option("--web", options.web, "folder of the staff web pages")->capture_default_str();
    app.add_option("--chart-js", options.chart_js,
                   "folder of Chart.js (Debian's libjs-chart.js), served to the report pages")
        ->capture_default_str();
    app.add_option("--openapi", options.openapi,
                   "OpenAPI description served at /api/v1/openapi.json")
        ->capture_default_str();
    app.add_option("--log-level", options.log_level, "trace, debug, info, warn or error")
        ->capture_default_str()
        ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error"}));
    app.add_option("--public-url", options.public_url,
                   "address phones open ticket status links at, e.g. http://192.168.1.10:8080 "
                   "(overrides [server] public_url)");
    app.add_flag("--always-open", options.always_open,
                 "take tickets round the clock and on holidays, whatever the office hours (demos)");
}

// The subcommands and what they read; the values are bound to the command line, so this stays
// where main() made it.
struct Subcommands {
    CLI::App* user = nullptr;
    CLI::App* add = nullptr;
    CLI::App* disable = nullptr;
    CLI::App* enable = nullptr;
    CLI::App* anonymise = nullptr;
    CLI::App* backup = nullptr;
    CLI::App* restore = nullptr;
    CLI::App* sync = nullptr;
    std::string user_name, role = "staff";
    bool password_stdin = false;
    std::string anonymise_now;
    std::string backup_to, restore_file;
};

void add_subcommands(CLI::App& app, Subcommands& s) {
    s.user = app.add_subcommand("user", "manage staff accounts");
    s.user->require_subcommand(1);
    s.add = s.user->add_subcommand("add", "add an account");
    s.add->add_option("name", s.user_name, "user name (a-z, 0-9, . _ -)")->required();
    s.add->add_option("--role", s.role, "staff, supervisor or admin")->capture_default_str();
    s.add->add_flag("--password-stdin", s.password_stdin, "read the password from standard input");
    s.user->add_subcommand("list", "list accounts");
    s.disable = s.user->add_subcommand("disable", "disable an account and end its sessions");
    s.disable->add_option("name", s.user_name)->required();
    s.enable = s.user->add_subcommand("enable", "enable an account again");
    s.enable->add_option("name", s.user_name)->required();

    s.anonymise = app.add_subcommand(
        "anonymise", "anonymise the personal data past its retention once (docs/privacy.md)");
    s.anonymise->add_option("--now", s.anonymise_now,
                            "run as at this office-local date (YYYY-MM-DD[THH:MM]); default now");
    s.backup = app.add_subcommand(
        "backup", "copy the database into the backup folder now (also while the server runs)");
    s.backup->add_option("--to", s.backup_to,
                         "folder for the copy (default: [backup] folder of --config, else "
                         "\"backups\" beside the database)");
    s.restore = app.add_subcommand(
        "restore", "replace the database with a backup (stop the server first; docs/backups.md)");
    s.restore->add_option("file", s.restore_file, "the backup file (loket-...sqlite)")->required();
    s.sync = app.add_subcommand(
        "sync",
        "ship the event log to the province's central PostgreSQL ([central] in --config; "
        "docs/scale.md) until stopped");
    app.add_subcommand("fingerprint",
                       "print the SHA-256 fingerprint of the HTTPS certificate (made now when "
                       "missing) for kiosks' and displays' server_fingerprint");
}

// Runs the subcommand given, or serves; the process's exit code.
int run(const CLI::App& app, const Options& options, const Subcommands& s) {
    try {
        if (s.user->parsed()) {
            const std::string action = s.add->parsed()       ? "add"
                                       : s.disable->parsed() ? "disable"
                                       : s.enable->parsed()  ? "enable"
                                                             : "list";
            return run_user_command(options, action, s.user_name, s.role, s.password_stdin);
        }
        if (s.anonymise->parsed())
            return run_anonymise_command(options, s.anonymise_now);
        if (s.backup->parsed())
            return run_backup_command(options, s.backup_to);
        if (s.restore->parsed()) {
            try {
                restore_database(options.db, s.restore_file, std::cout);
            } catch (const std::exception& e) {
                std::cerr << "queue-server: restore refused or failed: " << e.what() << "\n";
                return 1;
            }
            return 0;
        }
        if (s.sync->parsed())
            return run_sync_command(options);
        if (app.got_subcommand("fingerprint")) {
            const ServerSettings settings = effective_settings(options);
            const TlsIdentity identity = tls_identity(options, settings, "");
            std::cout << identity.fingerprint << "\n";
            std::cerr << "certificate: " << identity.certificate_file.string()
                      << "\npublic key (curl --pinnedpubkey): sha256//"
                      << identity.public_key_sha256 << "\n";
            return 0;
        }
        return serve(options);
    } catch (const InputError& e) {
        std::cerr << "queue-server: " << e.what() << "\n";
        return 2;
    } catch (const AccountError& e) {
        std::cerr << "queue-server: " << e.what() << "\n";
        return 2;
    } catch (const StorageError& e) {
        std::cerr << "queue-server: " << e.what() << "\n";
        return 1;
    }
}

}  // namespace

}  // namespace queue_server

int main(int argc, char** argv) {
    using namespace queue_server;
    // Block before any thread starts so every thread inherits the mask.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    signal(SIGPIPE, SIG_IGN);

    auto logger = spdlog::stderr_color_mt("queue-server");
    spdlog::set_default_logger(logger);
    spdlog::set_pattern("%Y-%m-%d %H:%M:%S.%e %^%-5l%$ %v");

    Options options;
    CLI::App app{"Loket queue-server: tickets, counters and live events for a PTSP front office"};
    add_serve_options(app, options);
    Subcommands s;
    add_subcommands(app, s);

    CLI11_PARSE(app, argc, argv);
    options.listen_given = app.count("--listen") > 0;
    spdlog::set_level(spdlog::level::from_str(options.log_level));

    return run(app, options, s);
}
