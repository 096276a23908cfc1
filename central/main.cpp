// loket-central: the province's side (docs/scale.md). Sets up the central PostgreSQL schema,
// registers offices and province accounts, and serves the province dashboard.
#include <httplib.h>
#include <signal.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <iostream>
#include <thread>

#include "dashboard_api.hpp"
#include "loket/central_store.hpp"
#include "loket/central_sync.hpp"
#include "loket/input_error.hpp"
#include "tls_identity.hpp"

namespace {

using namespace loket;
using namespace loket::central;

std::string read_password_line() {
    std::string password;
    std::getline(std::cin, password);
    return password;
}

bool is_loopback(const std::string& host) {
    return host == "127.0.0.1" || host == "localhost" || host == "::1" || host == "[::1]";
}

// How the dashboard is served: the province's own certificate and key, or a self-signed pair
// kept in `self_signed_dir` (made on first start, as the queue-server makes its own), or plain
// HTTP, which only a loopback address may take (a reverse proxy in front).
struct Transport {
    std::string certificate;
    std::string private_key;
    std::string self_signed_dir;
};

int serve(const std::string& db, const std::string& listen, const DashboardSite& site,
          Transport transport) {
    const auto colon = listen.rfind(':');
    if (colon == std::string::npos) {
        std::cerr << "loket-central: --listen must be ADDR:PORT, got '" << listen << "'\n";
        return 2;
    }
    const std::string host = listen.substr(0, colon);
    const int port = std::atoi(listen.c_str() + colon + 1);
    if (transport.certificate.empty() != transport.private_key.empty()) {
        std::cerr << "loket-central: --certificate and --private-key go together\n";
        return 2;
    }
    if (transport.certificate.empty() && !transport.self_signed_dir.empty()) {
        std::filesystem::create_directories(transport.self_signed_dir);
        const server::TlsIdentity identity = server::load_or_create_tls_identity(
            "", "", std::filesystem::path(transport.self_signed_dir) / "dashboard",
            server::local_host_names(), server::local_addresses());
        transport.certificate = identity.certificate_file.string();
        transport.private_key = identity.private_key_file.string();
        spdlog::info("{} self-signed certificate {}: SHA-256 fingerprint {}",
                     identity.created ? "made the" : "using the", transport.certificate,
                     identity.fingerprint);
    }
    const std::string& certificate = transport.certificate;
    const std::string& private_key = transport.private_key;
    if (certificate.empty() && !is_loopback(host)) {
        std::cerr << "loket-central: plain HTTP only on a loopback address (127.0.0.1, behind a "
                     "reverse proxy); on "
                  << host
                  << " give --certificate and --private-key, or --self-signed DIR "
                     "(docs/scale.md)\n";
        return 2;
    }
    ProvinceDashboard dashboard(db);
    std::unique_ptr<httplib::Server> server;
    if (!certificate.empty())
        server = std::make_unique<httplib::SSLServer>(certificate.c_str(), private_key.c_str());
    else
        server = std::make_unique<httplib::Server>();
    if (!server->is_valid()) {
        std::cerr << "loket-central: cannot use the certificate or key\n";
        return 2;
    }
    install_dashboard_api(*server, dashboard, site);
    const int bound =
        port == 0 ? server->bind_to_any_port(host) : (server->bind_to_port(host, port) ? port : -1);
    if (bound < 0) {
        spdlog::critical("cannot listen on {} (in use, or no permission)", listen);
        return 1;
    }
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    std::thread stopper([&] {
        int signal = 0;
        sigwait(&signals, &signal);
        spdlog::info("signal {}: stopping", signal);
        server->stop();
    });
    std::cout << "listening on " << (certificate.empty() ? "http" : "https") << "://" << host << ":"
              << bound << "\n"
              << std::flush;
    server->listen_after_bind();
    stopper.join();
    return 0;
}

}  // namespace

// Long on purpose: the subcommands and their options as CLI11 declares them, read top to bottom.
int main(int argc, char** argv) {
    spdlog::set_pattern("%Y-%m-%d %H:%M:%S.%e %^%-5l%$ %v");
    CLI::App app{"Loket central: the province's PostgreSQL and dashboard over every office"};
    std::string db = "dbname=loket";
    app.add_option("--db", db, "libpq connection string of the central database")
        ->capture_default_str();
    app.require_subcommand(1);

    auto* init = app.add_subcommand("init", "create or upgrade the central schema");
    std::string dashboard_role;
    bool dashboard_password = false;
    init->add_option("--dashboard-role", dashboard_role,
                     "and let this role (made when missing) read it for the dashboard");
    init->add_flag("--password-stdin", dashboard_password,
                   "set the dashboard role's password from stdin (for TCP; the local socket "
                   "needs none)");

    auto* office = app.add_subcommand("office", "offices that ship their events here");
    office->require_subcommand(1);
    std::string code, name;
    auto* office_add = office->add_subcommand(
        "add", "register an office, or change its name and password (password on stdin)");
    office_add->add_option("code", code, "the office's code, e.g. kab-mempawah")->required();
    office_add->add_option("--name", name, "the office's name")->required();
    office->add_subcommand("list", "offices and how far their events have arrived");

    auto* user = app.add_subcommand("user", "province staff accounts for the dashboard");
    user->require_subcommand(1);
    std::string user_name, role = "viewer";
    auto* user_add = user->add_subcommand("add", "add or reset an account (password on stdin)");
    user_add->add_option("name", user_name)->required();
    user_add->add_option("--role", role, "viewer or admin")->capture_default_str();

    auto* serve_command = app.add_subcommand("serve", "serve the province dashboard");
    std::string listen = "127.0.0.1:8443", certificate, private_key;
    DashboardSite site{"/usr/share/loket/central", "/usr/share/javascript/chart.js"};
    serve_command->add_option("--listen", listen, "ADDR:PORT (port 0: any free port)")
        ->capture_default_str();
    serve_command->add_option("--web", site.web_dir, "folder of the dashboard page")
        ->capture_default_str();
    serve_command->add_option("--chart-js", site.chart_js_dir, "folder of Chart.js")
        ->capture_default_str();
    serve_command->add_option("--certificate", certificate, "HTTPS certificate (PEM)");
    serve_command->add_option("--private-key", private_key, "its private key (PEM)");
    std::string self_signed_dir;
    serve_command->add_option("--self-signed", self_signed_dir,
                              "without --certificate: a self-signed pair kept in this folder, "
                              "made on first start");

    CLI11_PARSE(app, argc, argv);
    try {
        if (app.got_subcommand("init")) {
            install_central_schema(db);
            std::cout << "central schema at version " << central_schema_version() << "\n";
            if (!dashboard_role.empty()) {
                grant_dashboard_access(db, dashboard_role,
                                       dashboard_password ? read_password_line() : "");
                std::cout << "the dashboard may connect as role " << dashboard_role << "\n";
            }
            return 0;
        }
        if (office_add->parsed()) {
            add_office(db, code, name, read_password_line());
            std::cout << "office " << code << " may ship as role " << office_role(code) << "\n";
            return 0;
        }
        if (office->got_subcommand("list")) {
            for (const auto& s : office_sync_states(db))
                std::cout << s.code << "\t" << s.name << "\tlast event " << s.last_event_id << "\t"
                          << s.events << " events\n";
            return 0;
        }
        if (user_add->parsed()) {
            add_province_user(db, user_name, role, read_password_line());
            std::cout << "account " << user_name << " (" << role << ")\n";
            return 0;
        }
        return serve(db, listen, site, {certificate, private_key, self_signed_dir});
    } catch (const InputError& e) {
        std::cerr << "loket-central: " << e.what() << "\n";
        return 2;
    } catch (const SyncError& e) {
        std::cerr << "loket-central: " << e.what() << "\n";
        return 1;
    } catch (const std::filesystem::filesystem_error& e) {
        std::cerr << "loket-central: " << e.what() << "\n";
        return 1;
    }
}
