#pragma once
// The queue-server's own settings: device keys for kiosks and displays, session length,
// limits. Read from the [server] and [[devices]] sections of the office TOML file.
#include <chrono>
#include <string>
#include <string_view>
#include <vector>

namespace loket::server {

enum class DeviceRole { Kiosk, Display };
std::string_view to_string(DeviceRole role);

struct DeviceKey {
    std::string name;  // "kiosk-lobby"
    DeviceRole role = DeviceRole::Kiosk;
    std::string key;  // the bearer token the device sends
    // Tickets this device may issue per minute (a stuck touchscreen must not flood the queue).
    int tickets_per_minute = 30;
};

struct ServerSettings {
    std::vector<DeviceKey> devices;
    std::chrono::minutes session_ttl{12 * 60};
    // Address printed in ticket QR codes for the status page, e.g. "http://192.168.1.10:8080".
    // Empty: derived from the Host header of the kiosk's request.
    std::string public_url;
    std::size_t max_body_bytes = 64 * 1024;
    // The one larger body: a whole catalog imported at once (an office's own export of a few
    // hundred permits is about a megabyte), admins only.
    std::size_t max_import_bytes = 8 * 1024 * 1024;
    int max_event_streams = 200;
    int max_threads = 512;
    int keepalive_seconds = 15;  // SSE comment interval, below common proxy idle timeouts
    // How long an idle HTTP connection is kept open. cpp-httplib's stop() waits for idle
    // connections to time out, so this also bounds how long a clean shutdown takes.
    int http_keep_alive_seconds = 5;
    int login_attempts_per_minute = 10;
    // HTTPS (docs/https.md). Off only for development and tests (--https off).
    bool https = true;
    // The office's own certificate (PEM, chain allowed) and key; empty: a self-signed pair
    // made next to the database on first start.
    std::string certificate_file;
    std::string private_key_file;
    // The plain-HTTP listener beside HTTPS, "ADDR:PORT"; empty: the default (docs/https.md).
    std::string http_listen;
    // What that listener does: redirect browsers to HTTPS (301), or serve as well, for old TV
    // browsers that cannot do HTTPS (the admin page warns while it is on).
    enum class PlainHttp { Redirect, Serve };
    PlainHttp plain_http = PlainHttp::Redirect;
    // Set at start: the certificate's SHA-256 fingerprint ("" without HTTPS), and http_listen
    // becomes the plain listener's address ("" when there is none).
    std::string tls_fingerprint;

    const DeviceKey* find_device(std::string_view key) const;
};

ServerSettings parse_server_settings(std::string_view toml_text, const std::string& source);
ServerSettings load_server_settings(const std::string& path);

// A public_url as given in the configuration or on the command line: http:// or https://, a
// host, no spaces; trailing slashes removed. Throws InputError(source, field, ...) otherwise.
std::string checked_public_url(std::string url, const std::string& source,
                               const std::string& field);

// True for names and addresses only this machine can reach (127.0.0.0/8, ::1, localhost), as
// a URL ("http://127.0.0.1:8080") or a bare host ("127.0.0.1", "[::1]").
bool is_loopback(std::string_view url_or_host);

// What to tell the operator at start-up about the links in ticket QR codes: empty when they
// will open on the office's phones, else a warning saying why not and how to fix it.
std::string public_url_warning(const ServerSettings& settings, std::string_view listen_host,
                               int port);

}  // namespace loket::server
