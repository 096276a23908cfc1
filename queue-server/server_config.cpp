#include "server_config.hpp"

#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <set>
#include <sstream>

#include "loket/input_error.hpp"
#include "loket/json_reader.hpp"
#include "loket/office.hpp"
#include "loket/read_file.hpp"

namespace loket::server {

std::string_view to_string(DeviceRole role) {
    return role == DeviceRole::Kiosk ? "kiosk" : "display";
}

const DeviceKey* ServerSettings::find_device(std::string_view key) const {
    for (const auto& d : devices) {
        // Constant-time comparison: a key must not leak through response timing.
        if (d.key.size() == key.size() &&
            sodium_memcmp(d.key.data(), key.data(), key.size()) == 0) {
            return &d;
        }
    }
    return nullptr;
}

// Long on purpose: the [server] table read key by key, in the order of its allow-list.
ServerSettings parse_server_settings(std::string_view toml_text, const std::string& source) {
    const nlohmann::json doc = toml_to_json(toml_text, source);
    ServerSettings settings;
    if (const auto it = doc.find("server"); it != doc.end()) {
        JsonObjectReader server(*it, source, "server");
        server.allow_only({"session_hours", "public_url", "max_body_bytes", "max_import_bytes",
                           "max_event_streams", "max_threads", "keepalive_seconds",
                           "http_keep_alive_seconds", "login_attempts_per_minute", "https",
                           "certificate", "private_key", "http_listen", "plain_http"});
        settings.session_ttl =
            std::chrono::minutes{server.integer("session_hours", 1, 24 * 30).value_or(12) * 60};
        if (auto url = server.string("public_url"); url && !url->empty())
            settings.public_url = checked_public_url(*url, source, "server.public_url");
        settings.max_body_bytes = static_cast<std::size_t>(
            server.integer("max_body_bytes", 1024, 16 * 1024 * 1024).value_or(64 * 1024));
        settings.max_import_bytes =
            static_cast<std::size_t>(server.integer("max_import_bytes", 64 * 1024, 64 * 1024 * 1024)
                                         .value_or(8 * 1024 * 1024));
        settings.max_event_streams =
            static_cast<int>(server.integer("max_event_streams", 1, 10000).value_or(200));
        settings.max_threads =
            static_cast<int>(server.integer("max_threads", 8, 10000).value_or(512));
        if (settings.max_event_streams + 8 > settings.max_threads) {
            throw server.error("max_event_streams",
                               "must leave at least 8 of server.max_threads for requests");
        }
        settings.keepalive_seconds =
            static_cast<int>(server.integer("keepalive_seconds", 1, 300).value_or(15));
        settings.http_keep_alive_seconds =
            static_cast<int>(server.integer("http_keep_alive_seconds", 1, 300).value_or(5));
        settings.login_attempts_per_minute =
            static_cast<int>(server.integer("login_attempts_per_minute", 1, 10000).value_or(10));
        if (const auto* https = server.get("https")) {
            if (!https->is_boolean())
                throw server.error("https", "must be true or false");
            settings.https = https->get<bool>();
        }
        settings.certificate_file = server.string("certificate").value_or("");
        settings.private_key_file = server.string("private_key").value_or("");
        if (settings.certificate_file.empty() != settings.private_key_file.empty()) {
            throw server.error(
                settings.certificate_file.empty() ? "certificate" : "private_key",
                "must be given together with server." +
                    std::string(settings.certificate_file.empty() ? "private_key" : "certificate"));
        }
        settings.http_listen = server.string("http_listen").value_or("");
        if (const auto mode = server.string("plain_http")) {
            if (*mode == "redirect")
                settings.plain_http = ServerSettings::PlainHttp::Redirect;
            else if (*mode == "serve")
                settings.plain_http = ServerSettings::PlainHttp::Serve;
            else
                throw server.error("plain_http", "must be \"redirect\" or \"serve\"");
        }
    }
    if (const auto it = doc.find("devices"); it != doc.end()) {
        if (!it->is_array())
            throw InputError(source, "devices", "must be an array of tables ([[devices]])");
        std::set<std::string> names, keys;
        for (std::size_t i = 0; i < it->size(); ++i) {
            JsonObjectReader device((*it)[i], source, indexed("devices", i));
            device.allow_only({"name", "role", "key", "tickets_per_minute"});
            DeviceKey d;
            d.name = device.string("name", true).value();
            const std::string role = device.string("role", true).value();
            if (role == "kiosk") {
                d.role = DeviceRole::Kiosk;
            } else if (role == "display") {
                d.role = DeviceRole::Display;
            } else {
                throw device.error("role", "must be \"kiosk\" or \"display\"");
            }
            d.key = device.string("key", true).value();
            if (d.key.size() < 16)
                throw device.error("key", "must be at least 16 characters");
            d.tickets_per_minute =
                static_cast<int>(device.integer("tickets_per_minute", 1, 1000000).value_or(30));
            if (!names.insert(d.name).second) {
                throw device.error("name", "duplicate device name '" + d.name + "'");
            }
            if (!keys.insert(d.key).second)
                throw device.error("key", "the same key is given to two devices");
            settings.devices.push_back(std::move(d));
        }
    }
    return settings;
}

std::string checked_public_url(std::string url, const std::string& source,
                               const std::string& field) {
    const auto scheme_end = url.find("://");
    const std::string scheme = scheme_end == std::string::npos ? "" : url.substr(0, scheme_end);
    if (scheme != "http" && scheme != "https")
        throw InputError(source, field, "must start with http:// or https://, got '" + url + "'");
    // It becomes a QR code on every ticket: keep it short and printable.
    if (url.size() > 200)
        throw InputError(source, field, "is longer than 200 characters");
    for (const unsigned char ch : url) {
        if (ch <= ' ' || ch >= 0x7f)
            throw InputError(source, field, "must not contain spaces or non-ASCII characters");
    }
    while (!url.empty() && url.back() == '/')
        url.pop_back();
    const auto host_start = scheme_end + 3;
    if (url.size() <= host_start || url[host_start] == ':')
        throw InputError(source, field, "has no host name or address, got '" + url + "'");
    return url;
}

bool is_loopback(std::string_view text) {
    if (const auto scheme_end = text.find("://"); scheme_end != std::string_view::npos)
        text.remove_prefix(scheme_end + 3);
    text = text.substr(0, text.find_first_of("/?#"));
    std::string_view host = text;
    if (!host.empty() && host.front() == '[') {
        host = host.substr(1, host.find(']') - 1);
    } else if (host.find(':') == host.rfind(':')) {  // "name:port"; more colons: bare IPv6
        host = host.substr(0, host.find(':'));
    }
    std::string lower(host);
    for (auto& ch : lower)
        ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    const auto ends_with = [&lower](std::string_view tail) {
        return lower.size() >= tail.size() &&
               lower.compare(lower.size() - tail.size(), tail.size(), tail) == 0;
    };
    return lower == "localhost" || ends_with(".localhost") || lower.rfind("127.", 0) == 0 ||
           lower == "::1" || lower.rfind("::ffff:127.", 0) == 0;
}

std::string public_url_warning(const ServerSettings& settings, std::string_view listen_host,
                               int port) {
    const std::string fix = "[server] public_url = \"" +
                            std::string(settings.https ? "https" : "http") +
                            "://SERVER-LAN-ADDRESS:" + std::to_string(port) +
                            "\" in the office configuration (or start with --public-url) to the "
                            "address phones on the office network reach this server by.";
    if (!settings.public_url.empty()) {
        if (!is_loopback(settings.public_url))
            return "";
        return "public_url \"" + settings.public_url +
               "\" names this machine only: the QR codes on tickets will not open on applicants' "
               "phones. Set " +
               fix;
    }
    if (is_loopback(listen_host)) {
        return "public_url is not set and the server listens on " + std::string(listen_host) +
               " only: the QR codes on tickets will point to this machine and will not open on "
               "applicants' phones. Listen on the office network (--listen 0.0.0.0:" +
               std::to_string(port) + ") and set " + fix;
    }
    const bool every_address = listen_host.empty() || listen_host == "0.0.0.0" ||
                               listen_host == "::" || listen_host == "[::]" || listen_host == "*";
    if (!every_address)
        return "";  // kiosks reach the server by the one address it listens on
    return "public_url is not set: the QR codes on tickets name the address each kiosk reaches "
           "this server by, so a kiosk using 127.0.0.1 or localhost prints links that will not "
           "open on applicants' phones. Set " +
           fix;
}

ServerSettings load_server_settings(const std::string& path) {
    return parse_server_settings(read_whole_file(path), path);
}

}  // namespace loket::server
