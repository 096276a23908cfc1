// queue-server serving: the settings and stores, the HTTPS listener and the plain-HTTP one
// beside it, the minute's sweeps, and the orderly stop on SIGINT or SIGTERM.
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

namespace {

// What serving reads before the database opens.
struct ServeInputs {
    OfficeConfig office;
    ServerSettings settings;
    ApplicationSettings application_settings;
    std::vector<nlohmann::json> catalog_files;
    std::string openapi;
};

ServeInputs read_inputs(const Options& options) {
    ServeInputs in{default_office_config(),
                   effective_settings(options),
                   default_application_settings(),
                   {},
                   {}};
    if (!options.config.empty()) {
        in.office = load_office_config(options.config);
        in.application_settings = load_application_settings(options.config);
    }
    if (!options.public_url.empty())
        in.settings.public_url = checked_public_url(options.public_url, "--public-url", "");
    // The files are checked on every start; they become the catalog only of a new database.
    in.catalog_files = catalog::Catalog::load_documents(options.catalog);
    in.openapi = read_whole_file(options.openapi);
    return in;
}

// The office settings saved from the console replace the file's; --always-open then opens
// round the clock.
void settle_office(QueueStore& store, OfficeConfig& office, bool always_open) {
    if (auto saved = store.saved_config()) {
        office = *saved;
        store.set_config(office);
        spdlog::info("using the office settings saved from the console (they replace the file's)");
    }
    if (always_open) {
        for (auto& day : office.hours)
            day = {TimeRange{0, 24 * 60}};
        office.holidays.clear();
        store.set_config(office);
        spdlog::warn(
            "--always-open: tickets are taken round the clock, holidays included (for demos). "
            "Settings saved from the admin page while it is on keep these hours.");
    }
}

void log_office(const Options& options, const OfficeConfig& office, const ServerSettings& settings,
                std::size_t permits, int seeded, const AuthStore& auth) {
    spdlog::info("office: {} ({}), {} services, {} counters, {} permits {}", office.name,
                 zone_name(office.zone), office.services.size(), office.counters.size(), permits,
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
}

// HTTPS on --listen; beside it a plain-HTTP listener that redirects browsers (or serves, for
// old TV browsers), by default on port 8080 when --listen is left at its default. Empty: none.
std::string plain_listen_of(const Options& options, const ServerSettings& settings) {
    std::string plain_listen =
        !options.http_listen.empty() ? options.http_listen : settings.http_listen;
    if (plain_listen.empty() && !options.listen_given)
        plain_listen = "0.0.0.0:8080";
    if (plain_listen == "off" || !settings.https)
        plain_listen.clear();
    return plain_listen;
}

// The listener on --listen: HTTPS with the office's or the self-signed certificate (its
// fingerprint put in the settings), or plain HTTP when HTTPS is off. Null when the
// certificate and key do not go together.
std::unique_ptr<httplib::Server> make_main_server(const Options& options, ServerSettings& settings,
                                                  const std::string& host) {
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
            return nullptr;
        }
    } else {
        main_server = std::make_unique<httplib::Server>();
        spdlog::warn(
            "HTTPS is off (server.https = false or --https off): staff passwords and "
            "device keys cross the network readable");
    }
    return main_server;
}

// Defaults cap throughput at a few hundred requests/s (docs/platform.md): no Nagle, long
// keep-alive, and a pool that grows because each connection and stream holds a thread.
void tune(httplib::Server& http, const ServerSettings& settings, std::size_t max_threads) {
    http.set_tcp_nodelay(true);
    http.set_keep_alive_max_count(1000000);
    http.set_keep_alive_timeout(settings.http_keep_alive_seconds);
    http.set_read_timeout(10, 0);
    http.set_write_timeout(10, 0);
    // The larger of the two limits; the API holds every route but the import to the smaller.
    http.set_payload_max_length(std::max(settings.max_body_bytes, settings.max_import_bytes));
    http.new_task_queue = [max_threads] { return new GrowingThreadPool(8, max_threads); };
    http.set_logger([](const httplib::Request& req, const httplib::Response& res) {
        const auto level = res.status >= 500   ? spdlog::level::warn
                           : res.status >= 400 ? spdlog::level::info
                                               : spdlog::level::debug;
        spdlog::log(level, "{} {} {} {}", req.remote_addr, req.method, req.path.substr(0, 200),
                    res.status);
    });
}

// One round of the minute's sweeps, each on its own: due-date warnings, complaint reminders,
// retention, and the report figures of past days once a day.
void sweep(ApplicationStore& applications, ComplaintStore& complaints,
           DailyAnonymisation& retention, QueueStore& store, std::string& reports_kept_on) {
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
}

// The minute's sweeps on their own thread, from start() until stop().
struct MinuteSweeps {
    std::string reports_kept_on;  // the office-local date past days' report figures were kept
    std::mutex mutex;
    std::condition_variable wake;
    bool stopping = false;
    std::thread thread;

    void start(ApplicationStore& applications, ComplaintStore& complaints,
               DailyAnonymisation& retention, QueueStore& store) {
        thread =
            std::thread([this, a = &applications, c = &complaints, r = &retention, s = &store] {
                std::unique_lock lock(mutex);
                while (!stopping) {
                    lock.unlock();
                    sweep(*a, *c, *r, *s, reports_kept_on);
                    lock.lock();
                    wake.wait_for(lock, std::chrono::minutes(1), [this] { return stopping; });
                }
            });
    }

    void stop() {
        {
            std::lock_guard lock(mutex);
            stopping = true;
        }
        wake.notify_all();
        if (thread.joinable())
            thread.join();
    }
};

// The plain-HTTP listener: the whole API (server.plain_http = "serve") or a redirect to HTTPS.
// Returns its port, or -1 when it cannot listen.
int bind_plain(httplib::Server& plain, Api& api, const ServerSettings& settings,
               const std::string& plain_listen, const std::string& plain_host, int plain_port,
               int bound_port, std::size_t max_threads) {
    const bool plain_serves = settings.plain_http == ServerSettings::PlainHttp::Serve;
    if (plain_serves) {
        plain.set_tcp_nodelay(true);
        plain.set_keep_alive_timeout(settings.http_keep_alive_seconds);
        plain.set_payload_max_length(std::max(settings.max_body_bytes, settings.max_import_bytes));
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
    const int plain_bound = plain_port == 0
                                ? plain.bind_to_any_port(plain_host)
                                : (plain.bind_to_port(plain_host, plain_port) ? plain_port : -1);
    if (plain_bound <= 0) {
        spdlog::critical(
            "cannot listen for plain HTTP on {} (in use, or no permission); "
            "set server.http_listen (or --http-listen) to another ADDR:PORT or "
            "off",
            plain_listen);
        return plain_bound;
    }
    if (plain_serves) {
        spdlog::warn(
            "plain HTTP on {}:{} serves every page and the API (server.plain_http = "
            "\"serve\", for old TV browsers): passwords and keys sent there cross "
            "the network readable",
            plain_host, plain_bound);
    }
    return plain_bound;
}

// Where ticket QR codes link, and the one start-up line on standard output (the log is on
// standard error): tests and scripts read it to learn the port when --listen uses port 0, and
// that it is listening.
void announce(const ServerSettings& settings, const std::string& host, int bound_port,
              const std::string& plain_host, int plain_bound, bool plain_serves) {
    if (const auto warning = public_url_warning(settings, host, bound_port); !warning.empty())
        spdlog::warn("{}", warning);
    else
        spdlog::info("ticket QR codes link to {}/s/...",
                     settings.public_url.empty() ? (settings.https ? "https://" : "http://") +
                                                       host + ":" + std::to_string(bound_port)
                                                 : settings.public_url);
    if (plain_bound > 0) {
        std::cout << "plain http on http://" << plain_host << ":" << plain_bound
                  << (plain_serves ? " (serves)" : " (redirects to https)") << "\n";
    }
    std::cout << "listening on " << (settings.https ? "https://" : "http://") << host << ":"
              << bound_port << std::endl;
}

// Serves on both listeners (the plain one on its own thread, when bound) and starts the backup
// schedule, until SIGINT or SIGTERM or the main listener ends by itself; then stops both.
// True when the main listener ended cleanly.
bool listen_until_stopped(httplib::Server& http, httplib::Server& plain, int plain_bound,
                          EventHub& hub, BackupService& backups) {
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
    return clean;
}

}  // namespace

// Long (about 100 lines) on purpose: it owns the stores, listeners and threads, whose order of
// construction and destruction matters, in one scope; each step is a named helper above.
int serve(const Options& options) {
    const auto [host, port] = split_listen(options.listen);
    if (port < 0) {
        std::cerr << "queue-server: --listen must be ADDR:PORT, got '" << options.listen << "'\n";
        return 2;
    }

    ServeInputs in = read_inputs(options);
    OfficeConfig& office = in.office;
    ServerSettings& settings = in.settings;

    // Before the database opens, and held until after it closes: a restore refuses to run
    // while a server holds it (backup.hpp).
    const ServerDatabaseLock database_lock(options.db);
    const BackupSettings backup_settings =
        options.config.empty() ? BackupSettings{} : load_backup_settings(options.config);
    QueueStore store(options.db, office);
    CatalogStore catalogs(store);
    const int seeded = catalogs.seed_if_empty(in.catalog_files, now_utc());
    const auto catalog = catalogs.current();
    validate_application_settings(in.application_settings, catalog->catalog, office,
                                  options.config.empty() ? "built-in settings" : options.config);
    settle_office(store, office, options.always_open);
    AuthStore auth(options.db);
    ApplicationStore applications(store, in.application_settings);
    Metrics metrics;
    EventHub hub(store.last_event_id());
    store.set_event_listener([&](const std::vector<Event>& events) {
        for (const auto& e : events)
            metrics.count_event(e);
        hub.publish(events);
    });
    log_office(options, office, settings, catalog->catalog.permits().size(), seeded, auth);

    const std::string plain_listen = plain_listen_of(options, settings);
    const auto [plain_host, plain_port] = split_listen(plain_listen);
    if (!plain_listen.empty() && plain_port < 0) {
        std::cerr << "queue-server: --http-listen (server.http_listen) must be ADDR:PORT or off, "
                     "got '"
                  << plain_listen << "'\n";
        return 2;
    }
    std::unique_ptr<httplib::Server> main_server = make_main_server(options, settings, host);
    if (!main_server)
        return 1;
    settings.http_listen = plain_listen;
    httplib::Server& http = *main_server;
    const std::size_t max_threads = static_cast<std::size_t>(settings.max_threads);
    tune(http, settings, max_threads);

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
    Api api({store, auth, catalogs, settings, metrics, hub, options.web, in.openapi, &applications,
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
    MinuteSweeps sweeps;
    sweeps.start(applications, complaints, retention, store);

    int bound_port = port;
    if (port == 0) {
        bound_port = http.bind_to_any_port(host);
    } else if (!http.bind_to_port(host, port)) {
        bound_port = -1;
    }
    if (bound_port <= 0) {
        spdlog::critical("cannot listen on {} (in use, or no permission)", options.listen);
        sweeps.stop();
        return 1;
    }
    int plain_bound = -1;
    if (!plain_listen.empty()) {
        plain_bound = bind_plain(plain, api, settings, plain_listen, plain_host, plain_port,
                                 bound_port, max_threads);
        if (plain_bound <= 0) {
            sweeps.stop();
            return 1;
        }
    }
    // httplib 0.11 listens with a backlog of 5: when a morning's kiosks, counters and displays
    // connect at once the kernel drops the rest and each waits a 1 s SYN retransmit. Listening
    // again on a bound socket only changes its backlog (the kernel caps it at somaxconn).
    if (listen_socket >= 0 && ::listen(listen_socket, SOMAXCONN) != 0) {
        spdlog::warn("could not widen the listen backlog; bursts of connections may wait");
    }
    announce(settings, host, bound_port, plain_host, plain_bound, plain_serves);
    const bool clean = listen_until_stopped(http, plain, plain_bound, hub, backups);
    sweeps.stop();
    spdlog::info("stopped; database closed");
    return clean ? 0 : 1;
}

}  // namespace queue_server
