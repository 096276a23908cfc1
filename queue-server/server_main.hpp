#pragma once
// What queue-server's own files share (main.cpp, serve.cpp, server_commands.cpp): the command
// line's options, the settings they give, and the commands.
#include <string>
#include <utility>

#include "server_config.hpp"
#include "tls_identity.hpp"

namespace queue_server {

// The build tree's assets/ when it is there, else the folder the Debian packages install them
// in (cmake/Packaging.cmake): an installed server runs without the source tree.
std::string assets_dir();

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
std::pair<std::string, int> split_listen(const std::string& listen);

// The server settings of the file (or the built-in ones), with the command line's overrides
// and certificate paths relative to the file's folder made absolute.
loket::server::ServerSettings effective_settings(const Options& options);

// The office's certificate or the database's self-signed one (made now when missing).
loket::server::TlsIdentity tls_identity(const Options& options,
                                        const loket::server::ServerSettings& settings,
                                        const std::string& listen_host);

// The subcommands (server_commands.cpp).
int run_user_command(const Options& options, const std::string& action, const std::string& name,
                     const std::string& role_text, bool password_stdin);
// `queue-server anonymise`: the daily retention job once, at --now if given (docs/privacy.md).
int run_anonymise_command(const Options& options, const std::string& now_text);
// queue-server backup [--to DIR]: a copy now, beside a running server or without one.
int run_backup_command(const Options& options, const std::string& to);
// queue-server sync: ships the event log to the province's central PostgreSQL until SIGTERM
// or SIGINT, beside the serving process (its own service; docs/scale.md).
int run_sync_command(const Options& options);

// Serves until SIGINT or SIGTERM (serve.cpp); the process's exit code.
int serve(const Options& options);

}  // namespace queue_server
