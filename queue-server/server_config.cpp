#include "server_config.hpp"

#include <sodium.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "loket/input_error.hpp"
#include "loket/json_reader.hpp"
#include "loket/office.hpp"

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

ServerSettings parse_server_settings(std::string_view toml_text, const std::string& source) {
    const nlohmann::json doc = toml_to_json(toml_text, source);
    ServerSettings settings;
    if (const auto it = doc.find("server"); it != doc.end()) {
        JsonObjectReader server(*it, source, "server");
        server.allow_only({"session_hours", "public_url", "max_body_bytes", "max_event_streams",
                           "max_threads", "keepalive_seconds", "http_keep_alive_seconds",
                           "login_attempts_per_minute"});
        settings.session_ttl =
            std::chrono::minutes{server.integer("session_hours", 1, 24 * 30).value_or(12) * 60};
        settings.public_url = server.string("public_url").value_or("");
        if (!settings.public_url.empty() && settings.public_url.rfind("http://", 0) != 0 &&
            settings.public_url.rfind("https://", 0) != 0) {
            throw server.error("public_url", "must start with http:// or https://");
        }
        while (!settings.public_url.empty() && settings.public_url.back() == '/') {
            settings.public_url.pop_back();
        }
        settings.max_body_bytes = static_cast<std::size_t>(
            server.integer("max_body_bytes", 1024, 16 * 1024 * 1024).value_or(64 * 1024));
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

ServerSettings load_server_settings(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw InputError(path, "", "cannot be read");
    std::ostringstream text;
    text << in.rdbuf();
    return parse_server_settings(text.str(), path);
}

}  // namespace loket::server
