// queue-server's subcommands (user, anonymise, backup, sync) and the settings the command line
// gives, which serving shares.
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

}  // namespace queue_server
