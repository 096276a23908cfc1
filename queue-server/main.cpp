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
#include "thread_pool.hpp"
#include "tls_identity.hpp"
#include "web_security.hpp"

namespace {

using namespace loket;
using namespace loket::server;

// The build tree's assets/ when it is there, else the folder the Debian packages install them
// in (cmake/Packaging.cmake): an installed server runs without the source tree.
std::string assets_dir() {
    std::error_code ec;
    return std::filesystem::is_directory(LOKET_ASSETS_DIR, ec) ? LOKET_ASSETS_DIR
                                                               : LOKET_INSTALLED_ASSETS_DIR;
}

struct Options {
    std::string db = "loket.db";
    std::string listen = "0.0.0.0:8443";
    std::string config;
    std::string catalog = assets_dir() + "/catalog";
    std::string web = assets_dir() + "/web";
    std::string openapi = assets_dir() + "/openapi.json";
    std::string chart_js = LOKET_CHART_JS_DIR;
    std::string log_level = "info";
    std::string public_url;  // overrides [server] public_url
    bool always_open = false;
    bool listen_given = false;  // --listen on the command line
    std::string https;          // "on" or "off": overrides [server] https
    std::string http_listen;    // overrides [server] http_listen; "off": none
};

// ADDR:PORT into its parts; port -1 when malformed.
std::pair<std::string, int> split_listen(const std::string& listen) {
    const auto colon = listen.rfind(':');
    if (colon == std::string::npos)
        return {"", -1};
    int port = -1;
    try {
        std::size_t used = 0;
        port = std::stoi(listen.substr(colon + 1), &used);
        if (used != listen.size() - colon - 1)
            port = -1;
    } catch (const std::exception&) {
        port = -1;
    }
    if (port > 65535)
        port = -1;
    return {listen.substr(0, colon), port};
}

// The server settings of the file (or the built-in ones), with the command line's overrides
// and certificate paths relative to the file's folder made absolute.
ServerSettings effective_settings(const Options& options) {
    ServerSettings settings;
    if (!options.config.empty())
        settings = load_server_settings(options.config);
    if (!options.https.empty())
        settings.https = options.https == "on";
    const auto folder = options.config.empty()
                            ? std::filesystem::current_path()
                            : std::filesystem::absolute(options.config).parent_path();
    for (std::string* path : {&settings.certificate_file, &settings.private_key_file}) {
        if (!path->empty() && std::filesystem::path(*path).is_relative())
            *path = (folder / *path).string();
    }
    return settings;
}

// The office's certificate or the database's self-signed one (made now when missing).
TlsIdentity tls_identity(const Options& options, const ServerSettings& settings,
                         const std::string& listen_host) {
    std::vector<std::string> addresses = local_addresses();
    if (!listen_host.empty() && listen_host != "0.0.0.0" && listen_host != "::" &&
        std::find(addresses.begin(), addresses.end(), listen_host) == addresses.end())
        addresses.push_back(listen_host);
    return load_or_create_tls_identity(settings.certificate_file, settings.private_key_file,
                                       options.db, local_host_names(), addresses);
}

int run_user_command(const Options& options, const std::string& action, const std::string& name,
                     const std::string& role_text, bool password_stdin) {
    AuthStore auth(options.db);
    if (action == "list") {
        for (const auto& u : auth.users()) {
            std::cout << u.name << "\t" << to_string(u.role) << (u.disabled ? "\tdisabled" : "")
                      << "\n";
        }
        return 0;
    }
    if (action == "add") {
        const auto role = parse_role(role_text);
        if (!role) {
            std::cerr << "queue-server: --role must be staff, supervisor or admin\n";
            return 2;
        }
        if (!password_stdin) {
            std::cerr
                << "queue-server: give the password on standard input with --password-stdin\n";
            return 2;
        }
        std::string password;
        std::getline(std::cin, password);
        if (!password.empty() && password.back() == '\r')
            password.pop_back();
        const User u = auth.add_user(name, *role, password, now_utc());
        std::cout << "added " << u.name << " (" << to_string(u.role) << ")\n";
        return 0;
    }
    if (action == "disable" || action == "enable") {
        auth.set_disabled(name, action == "disable");
        std::cout << name << " " << action << "d\n";
        return 0;
    }
    return 2;
}

// `queue-server anonymise`: the daily retention job once, at --now if given (docs/privacy.md).
int run_anonymise_command(const Options& options, const std::string& now_text) {
    OfficeConfig office =
        options.config.empty() ? default_office_config() : load_office_config(options.config);
    QueueStore store(options.db, office);
    if (auto saved = store.saved_config())
        store.set_config(*saved);
    const TimePoint now = parse_command_line_instant(now_text, store.config()->zone);
    const AnonymiseCounts counts = PrivacyStore(store).anonymise_expired(now);
    std::cout << "anonymised " << counts.application_phones << " phones, " << counts.applications
              << " applications, " << counts.complaints << " complaints, " << counts.events
              << " event payloads\n";
    return 0;
}

// queue-server backup [--to DIR]: a copy now, beside a running server or without one.
int run_backup_command(const Options& options, const std::string& to) {
    const BackupSettings settings =
        options.config.empty() ? BackupSettings{} : load_backup_settings(options.config);
    const std::filesystem::path folder =
        to.empty() ? backup_folder(settings, options.db) : std::filesystem::path(to);
    const BackupRecord record = back_up(options.db, folder, settings, "command");
    record_backup(options.db, record);
    if (!record.ok) {
        std::cerr << "queue-server: backup failed: " << record.error << "\n";
        return 1;
    }
    std::cout << record.file.string() << "\t" << record.size_bytes << " bytes\n";
    for (const auto& old : record.pruned)
        std::cout << "deleted old copy " << old.string() << "\n";
    return 0;
}

// queue-server sync: ships the event log to the province's central PostgreSQL until SIGTERM
// or SIGINT, beside the serving process (its own service; docs/scale.md).
int run_sync_command(const Options& options) {
    if (options.config.empty()) {
        std::cerr << "queue-server: sync needs --config with a [central] section\n";
        return 2;
    }
    const central::SyncSettings settings =
        central::parse_sync_settings(read_whole_file(options.config), options.config);
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    std::atomic<bool> stop{false};
    std::thread signal_thread([&] {
        int signal = 0;
        sigwait(&signals, &signal);
        spdlog::info("signal {}: stopping the shipping", signal);
        stop = true;
    });
    spdlog::info("shipping the events of office '{}' from {} to {}:{}/{} as {}", settings.office,
                 options.db, settings.host, settings.port, settings.database,
                 central::office_role(settings.office));
    central::run_sync(settings, options.db, to_json(load_office_config(options.config)), stop,
                      [](const std::string& what) { spdlog::warn("central sync: {}", what); });
    signal_thread.join();
    return 0;
}

int serve(const Options& options) {
    const auto [host, port] = split_listen(options.listen);
    if (port < 0) {
        std::cerr << "queue-server: --listen must be ADDR:PORT, got '" << options.listen << "'\n";
        return 2;
    }

    OfficeConfig office = default_office_config();
    ServerSettings settings = effective_settings(options);
    ApplicationSettings application_settings = default_application_settings();
    if (!options.config.empty()) {
        office = load_office_config(options.config);
        application_settings = load_application_settings(options.config);
    }
    if (!options.public_url.empty())
        settings.public_url = checked_public_url(options.public_url, "--public-url", "");
    // The files are checked on every start; they become the catalog only of a new database.
    const std::vector<nlohmann::json> catalog_files = Catalog::load_documents(options.catalog);
    const std::string openapi = read_whole_file(options.openapi);

    // Before the database opens, and held until after it closes: a restore refuses to run
    // while a server holds it (backup.hpp).
    const ServerDatabaseLock database_lock(options.db);
    const BackupSettings backup_settings =
        options.config.empty() ? BackupSettings{} : load_backup_settings(options.config);
    QueueStore store(options.db, office);
    CatalogStore catalogs(store);
    const int seeded = catalogs.seed_if_empty(catalog_files, now_utc());
    const auto catalog = catalogs.current();
    validate_application_settings(application_settings, catalog->catalog, office,
                                  options.config.empty() ? "built-in settings" : options.config);
    if (auto saved = store.saved_config()) {
        office = *saved;
        store.set_config(office);
        spdlog::info("using the office settings saved from the console (they replace the file's)");
    }
    if (options.always_open) {
        for (auto& day : office.hours)
            day = {TimeRange{0, 24 * 60}};
        office.holidays.clear();
        store.set_config(office);
        spdlog::warn(
            "--always-open: tickets are taken round the clock, holidays included (for demos). "
            "Settings saved from the admin page while it is on keep these hours.");
    }
    AuthStore auth(options.db);
    ApplicationStore applications(store, application_settings);
    Metrics metrics;
    EventHub hub(store.last_event_id());
    store.set_event_listener([&](const std::vector<Event>& events) {
        for (const auto& e : events)
            metrics.count_event(e);
        hub.publish(events);
    });

    spdlog::info("office: {} ({}), {} services, {} counters, {} permits {}", office.name,
                 zone_name(office.zone), office.services.size(), office.counters.size(),
                 catalog->catalog.permits().size(),
                 seeded > 0
                     ? "from " + options.catalog + " (stored as the catalog's first versions)"
                     : std::string("in the office's catalog (the database; edited in the "
                                   "console)"));
    if (settings.devices.empty()) {
        spdlog::warn("no [[devices]] in the configuration: kiosks and displays cannot connect");
    }
    if (!auth.has_users()) {
        spdlog::warn("no staff accounts yet. Create the first admin with:");
        spdlog::warn(
            "  echo 'PASSWORD' | queue-server --db {} user add admin --role admin --password-stdin",
            options.db);
    }

    // HTTPS on --listen; beside it a plain-HTTP listener that redirects browsers (or serves, for
    // old TV browsers), by default on port 8080 when --listen is left at its default.
    std::string plain_listen =
        !options.http_listen.empty() ? options.http_listen : settings.http_listen;
    if (plain_listen.empty() && !options.listen_given)
        plain_listen = "0.0.0.0:8080";
    if (plain_listen == "off" || !settings.https)
        plain_listen.clear();
    const auto [plain_host, plain_port] = split_listen(plain_listen);
    if (!plain_listen.empty() && plain_port < 0) {
        std::cerr << "queue-server: --http-listen (server.http_listen) must be ADDR:PORT or off, "
                     "got '"
                  << plain_listen << "'\n";
        return 2;
    }
    std::unique_ptr<httplib::Server> main_server;
    if (settings.https) {
        const TlsIdentity identity = tls_identity(options, settings, host);
        if (identity.created)
            spdlog::info("made a self-signed certificate: {}", identity.certificate_file.string());
        spdlog::info("HTTPS certificate {}", identity.certificate_file.string());
        spdlog::info(
            "certificate SHA-256 fingerprint (server_fingerprint of kiosks and "
            "displays): {}",
            identity.fingerprint);
        settings.tls_fingerprint = identity.fingerprint;
        main_server = std::make_unique<httplib::SSLServer>(identity.certificate_file.c_str(),
                                                           identity.private_key_file.c_str());
        if (!main_server->is_valid()) {
            spdlog::critical("cannot use the certificate {} with the key {}",
                             identity.certificate_file.string(),
                             identity.private_key_file.string());
            return 1;
        }
    } else {
        main_server = std::make_unique<httplib::Server>();
        spdlog::warn(
            "HTTPS is off (server.https = false or --https off): staff passwords and "
            "device keys cross the network readable");
    }
    settings.http_listen = plain_listen;
    httplib::Server& http = *main_server;
    // Defaults cap throughput at a few hundred requests/s (docs/platform.md): no Nagle, long
    // keep-alive, and a pool that grows because each connection and stream holds a thread.
    http.set_tcp_nodelay(true);
    http.set_keep_alive_max_count(1000000);
    http.set_keep_alive_timeout(settings.http_keep_alive_seconds);
    http.set_read_timeout(10, 0);
    http.set_write_timeout(10, 0);
    // The larger of the two limits; the API holds every route but the import to the smaller.
    http.set_payload_max_length(std::max(settings.max_body_bytes, settings.max_import_bytes));
    const std::size_t max_threads = static_cast<std::size_t>(settings.max_threads);
    http.new_task_queue = [max_threads] { return new GrowingThreadPool(8, max_threads); };
    http.set_logger([](const httplib::Request& req, const httplib::Response& res) {
        const auto level = res.status >= 500   ? spdlog::level::warn
                           : res.status >= 400 ? spdlog::level::info
                                               : spdlog::level::debug;
        spdlog::log(level, "{} {} {} {}", req.remote_addr, req.method, req.path.substr(0, 200),
                    res.status);
    });

    // httplib's own options set SO_REUSEPORT, which would let a second server share the port
    // silently; SO_REUSEADDR alone still allows a quick restart. The socket is kept to widen
    // its backlog below.
    int listen_socket = -1;
    http.set_socket_options([&listen_socket](int sock) {
        const int yes = 1;
        setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
        listen_socket = sock;
    });

    BackupService backups(options.db, backup_settings, office.zone);
    Api api({store, auth, catalogs, settings, metrics, hub, options.web, openapi, &applications,
             options.chart_js, &backups});
    api.install(http);
    httplib::Server plain;
    const bool plain_serves = settings.plain_http == ServerSettings::PlainHttp::Serve;

    // Supervisors are warned on the event stream when a file or a complaint nears its due
    // date: checked every minute (the warning instants are kept with each file and complaint);
    // the same sweep forgets complaint senders' addresses after a day, and once a day (and at
    // start-up) anonymises what is past the retention periods (docs/privacy.md) and keeps the
    // report figures of the past days (docs/metrics.md).
    ComplaintStore complaints(store);
    DailyAnonymisation retention(store);
    std::string reports_kept_on;  // the office-local date past days' report figures were kept
    std::mutex warn_mutex;
    std::condition_variable warn_wake;
    bool warn_stop = false;
    std::thread warn_thread([&] {
        std::unique_lock lock(warn_mutex);
        while (!warn_stop) {
            lock.unlock();
            try {
                applications.record_due_warnings(now_utc());
            } catch (const std::exception& e) {
                spdlog::warn("due-date warnings: {}", e.what());
            }
            try {
                complaints.sweep(now_utc());
            } catch (const std::exception& e) {
                spdlog::warn("complaint reminders: {}", e.what());
            }
            try {
                retention.run_if_due(now_utc());
            } catch (const std::exception& e) {
                spdlog::warn("retention: {}", e.what());
            }
            try {
                const TimePoint at = now_utc();
                const std::string today = format_date_iso(to_local(at, store.config()->zone).date);
                if (today != reports_kept_on) {
                    const int kept = report::keep_past_days(store, at);
                    reports_kept_on = today;
                    if (kept > 0)
                        spdlog::info("reports: kept the figures of {} past days", kept);
                }
            } catch (const std::exception& e) {
                spdlog::warn("reports: keeping past days: {}", e.what());
            }
            lock.lock();
            warn_wake.wait_for(lock, std::chrono::minutes(1), [&] { return warn_stop; });
        }
    });
    const auto stop_warnings = [&] {
        {
            std::lock_guard lock(warn_mutex);
            warn_stop = true;
        }
        warn_wake.notify_all();
        if (warn_thread.joinable())
            warn_thread.join();
    };

    int bound_port = port;
    if (port == 0) {
        bound_port = http.bind_to_any_port(host);
    } else if (!http.bind_to_port(host, port)) {
        bound_port = -1;
    }
    if (bound_port <= 0) {
        spdlog::critical("cannot listen on {} (in use, or no permission)", options.listen);
        stop_warnings();
        return 1;
    }
    int plain_bound = -1;
    if (!plain_listen.empty()) {
        if (plain_serves) {
            plain.set_tcp_nodelay(true);
            plain.set_keep_alive_timeout(settings.http_keep_alive_seconds);
            plain.set_payload_max_length(
                std::max(settings.max_body_bytes, settings.max_import_bytes));
            plain.new_task_queue = [max_threads] { return new GrowingThreadPool(8, max_threads); };
            api.install(plain);
        } else {
            plain.set_default_headers(security_headers());
            install_https_redirect(plain, bound_port);
        }
        plain.set_socket_options([](int sock) {
            const int yes = 1;
            setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
        });
        plain_bound = plain_port == 0
                          ? plain.bind_to_any_port(plain_host)
                          : (plain.bind_to_port(plain_host, plain_port) ? plain_port : -1);
        if (plain_bound <= 0) {
            spdlog::critical(
                "cannot listen for plain HTTP on {} (in use, or no permission); "
                "set server.http_listen (or --http-listen) to another ADDR:PORT or "
                "off",
                plain_listen);
            stop_warnings();
            return 1;
        }
        if (plain_serves) {
            spdlog::warn(
                "plain HTTP on {}:{} serves every page and the API (server.plain_http = "
                "\"serve\", for old TV browsers): passwords and keys sent there cross "
                "the network readable",
                plain_host, plain_bound);
        }
    }
    // httplib 0.11 listens with a backlog of 5: when a morning's kiosks, counters and displays
    // connect at once the kernel drops the rest and each waits a 1 s SYN retransmit. Listening
    // again on a bound socket only changes its backlog (the kernel caps it at somaxconn).
    if (listen_socket >= 0 && ::listen(listen_socket, SOMAXCONN) != 0) {
        spdlog::warn("could not widen the listen backlog; bursts of connections may wait");
    }
    if (const auto warning = public_url_warning(settings, host, bound_port); !warning.empty())
        spdlog::warn("{}", warning);
    else
        spdlog::info("ticket QR codes link to {}/s/...",
                     settings.public_url.empty() ? (settings.https ? "https://" : "http://") +
                                                       host + ":" + std::to_string(bound_port)
                                                 : settings.public_url);
    // The one start-up line on standard output (the log is on standard error): tests and
    // scripts read it to learn the port when --listen uses port 0, and that it is listening.
    if (plain_bound > 0) {
        std::cout << "plain http on http://" << plain_host << ":" << plain_bound
                  << (plain_serves ? " (serves)" : " (redirects to https)") << "\n";
    }
    std::cout << "listening on " << (settings.https ? "https://" : "http://") << host << ":"
              << bound_port << std::endl;
    std::thread plain_thread;
    std::atomic<bool> plain_returned{false};
    if (plain_bound > 0)
        plain_thread = std::thread([&plain, &plain_returned] {
            if (!plain.listen_after_bind())
                spdlog::warn("the plain-HTTP listener stopped with an error");
            plain_returned = true;
        });
    backups.start_schedule();

    // Signals are blocked in every thread and taken here, so shutdown runs in normal code.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    std::atomic<bool> listen_returned{false};
    std::thread signal_thread([&] {
        int signal = 0;
        sigwait(&signals, &signal);
        if (listen_returned)
            return;  // woken only to exit
        spdlog::info("signal {}: closing streams and stopping", signal);
        hub.close();
        // stop() does nothing until listening has begun: a signal that arrives right after
        // start-up must still stop the server.
        while (!http.is_running() && !listen_returned) {
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        http.stop();
        if (plain_bound > 0) {
            while (!plain.is_running() && !plain_returned)
                std::this_thread::sleep_for(std::chrono::milliseconds(5));
            plain.stop();
        }
    });
    const bool clean = http.listen_after_bind();
    listen_returned = true;
    // Wake the signal thread if listening ended by itself (e.g. a socket error).
    pthread_kill(signal_thread.native_handle(), SIGTERM);
    signal_thread.join();
    if (plain_thread.joinable()) {
        while (!plain.is_running() && !plain_returned)
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        plain.stop();
        plain_thread.join();
    }
    stop_warnings();
    spdlog::info("stopped; database closed");
    return clean ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
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

    std::string user_name, role = "staff";
    bool password_stdin = false;
    auto* user = app.add_subcommand("user", "manage staff accounts");
    user->require_subcommand(1);
    auto* add = user->add_subcommand("add", "add an account");
    add->add_option("name", user_name, "user name (a-z, 0-9, . _ -)")->required();
    add->add_option("--role", role, "staff, supervisor or admin")->capture_default_str();
    add->add_flag("--password-stdin", password_stdin, "read the password from standard input");
    user->add_subcommand("list", "list accounts");
    auto* disable = user->add_subcommand("disable", "disable an account and end its sessions");
    disable->add_option("name", user_name)->required();
    auto* enable = user->add_subcommand("enable", "enable an account again");
    enable->add_option("name", user_name)->required();

    std::string anonymise_now;
    auto* anonymise = app.add_subcommand(
        "anonymise", "anonymise the personal data past its retention once (docs/privacy.md)");
    anonymise->add_option("--now", anonymise_now,
                          "run as at this office-local date (YYYY-MM-DD[THH:MM]); default now");
    std::string backup_to, restore_file;
    auto* backup = app.add_subcommand(
        "backup", "copy the database into the backup folder now (also while the server runs)");
    backup->add_option("--to", backup_to,
                       "folder for the copy (default: [backup] folder of --config, else "
                       "\"backups\" beside the database)");
    auto* restore = app.add_subcommand(
        "restore", "replace the database with a backup (stop the server first; docs/backups.md)");
    restore->add_option("file", restore_file, "the backup file (loket-...sqlite)")->required();
    auto* sync = app.add_subcommand(
        "sync",
        "ship the event log to the province's central PostgreSQL ([central] in --config; "
        "docs/scale.md) until stopped");
    app.add_subcommand("fingerprint",
                       "print the SHA-256 fingerprint of the HTTPS certificate (made now when "
                       "missing) for kiosks' and displays' server_fingerprint");

    CLI11_PARSE(app, argc, argv);
    options.listen_given = app.count("--listen") > 0;
    spdlog::set_level(spdlog::level::from_str(options.log_level));

    try {
        if (user->parsed()) {
            const std::string action = add->parsed()       ? "add"
                                       : disable->parsed() ? "disable"
                                       : enable->parsed()  ? "enable"
                                                           : "list";
            return run_user_command(options, action, user_name, role, password_stdin);
        }
        if (anonymise->parsed())
            return run_anonymise_command(options, anonymise_now);
        if (backup->parsed())
            return run_backup_command(options, backup_to);
        if (restore->parsed()) {
            try {
                restore_database(options.db, restore_file, std::cout);
            } catch (const std::exception& e) {
                std::cerr << "queue-server: restore refused or failed: " << e.what() << "\n";
                return 1;
            }
            return 0;
        }
        if (sync->parsed())
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
