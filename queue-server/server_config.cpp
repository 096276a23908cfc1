#include "server_config.hpp"

#include <sodium.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>
#include <toml++/toml.h>

#include "loket/input_error.hpp"

namespace loket::server {

std::string_view to_string(DeviceRole role) {
    return role == DeviceRole::Kiosk ? "kiosk" : "display";
}

const DeviceKey* ServerSettings::find_device(std::string_view key) const {
    for (const auto& d : devices) {
        // Constant-time comparison: a key must not leak through response timing.
        if (d.key.size() == key.size() && sodium_memcmp(d.key.data(), key.data(), key.size()) == 0) {
            return &d;
        }
    }
    return nullptr;
}

namespace {

template <typename T>
T get_or(const toml::table& table, std::string_view key, T fallback, const std::string& source,
         const std::string& field) {
    const toml::node* node = table.get(key);
    if (!node) return fallback;
    if constexpr (std::is_same_v<T, std::string>) {
        if (!node->is_string()) throw InputError(source, field, "must be a string");
        return node->as_string()->get();
    } else {
        if (!node->is_integer()) throw InputError(source, field, "must be an integer");
        return static_cast<T>(node->as_integer()->get());
    }
}

void reject_unknown(const toml::table& table, std::initializer_list<std::string_view> known,
                    const std::string& source, const std::string& prefix) {
    for (const auto& [key, _] : table) {
        if (std::find(known.begin(), known.end(), std::string_view(key.str())) == known.end()) {
            throw InputError(source, prefix + std::string(key.str()), "unknown key");
        }
    }
}

void require_range(long long value, long long min, long long max, const std::string& source,
                   const std::string& field) {
    if (value < min || value > max) {
        throw InputError(source, field,
                         "must be between " + std::to_string(min) + " and " + std::to_string(max));
    }
}

}  // namespace

ServerSettings parse_server_settings(std::string_view toml_text, const std::string& source) {
    toml::table root;
    try {
        root = toml::parse(toml_text, source);
    } catch (const toml::parse_error& e) {
        std::ostringstream where;
        where << "line " << e.source().begin.line << ", column " << e.source().begin.column;
        throw InputError(source, "", "invalid TOML at " + where.str() + ": " +
                                         std::string(e.description()));
    }
    ServerSettings settings;
    if (const toml::node* node = root.get("server")) {
        if (!node->is_table()) throw InputError(source, "server", "must be a table");
        const auto& t = *node->as_table();
        reject_unknown(t,
                       {"session_hours", "public_url", "max_body_bytes", "max_event_streams",
                        "max_threads", "keepalive_seconds", "login_attempts_per_minute"},
                       source, "server.");
        const int hours = get_or<int>(t, "session_hours", 12, source, "server.session_hours");
        require_range(hours, 1, 24 * 30, source, "server.session_hours");
        settings.session_ttl = std::chrono::minutes{hours * 60};
        settings.public_url = get_or<std::string>(t, "public_url", "", source, "server.public_url");
        if (!settings.public_url.empty() && settings.public_url.rfind("http://", 0) != 0 &&
            settings.public_url.rfind("https://", 0) != 0) {
            throw InputError(source, "server.public_url", "must start with http:// or https://");
        }
        while (!settings.public_url.empty() && settings.public_url.back() == '/') {
            settings.public_url.pop_back();
        }
        const auto body = get_or<long long>(t, "max_body_bytes", 64 * 1024, source, "server.max_body_bytes");
        require_range(body, 1024, 16 * 1024 * 1024, source, "server.max_body_bytes");
        settings.max_body_bytes = static_cast<std::size_t>(body);
        settings.max_event_streams = get_or<int>(t, "max_event_streams", 200, source, "server.max_event_streams");
        require_range(settings.max_event_streams, 1, 10000, source, "server.max_event_streams");
        settings.max_threads = get_or<int>(t, "max_threads", 512, source, "server.max_threads");
        require_range(settings.max_threads, 8, 10000, source, "server.max_threads");
        if (settings.max_event_streams + 8 > settings.max_threads) {
            throw InputError(source, "server.max_event_streams",
                             "must leave at least 8 of server.max_threads for requests");
        }
        settings.keepalive_seconds = get_or<int>(t, "keepalive_seconds", 15, source, "server.keepalive_seconds");
        require_range(settings.keepalive_seconds, 1, 300, source, "server.keepalive_seconds");
        settings.login_attempts_per_minute =
            get_or<int>(t, "login_attempts_per_minute", 10, source, "server.login_attempts_per_minute");
        require_range(settings.login_attempts_per_minute, 1, 10000, source, "server.login_attempts_per_minute");
    }
    if (const toml::node* node = root.get("devices")) {
        if (!node->is_array_of_tables()) {
            throw InputError(source, "devices", "must be an array of tables ([[devices]])");
        }
        std::set<std::string> names, keys;
        const auto& items = *node->as_array();
        for (std::size_t i = 0; i < items.size(); ++i) {
            const std::string path = "devices[" + std::to_string(i) + "].";
            const auto& t = *items.get(i)->as_table();
            reject_unknown(t, {"name", "role", "key", "tickets_per_minute"}, source, path);
            DeviceKey device;
            device.name = get_or<std::string>(t, "name", "", source, path + "name");
            if (device.name.empty()) throw InputError(source, path + "name", "is required");
            const std::string role = get_or<std::string>(t, "role", "", source, path + "role");
            if (role == "kiosk") {
                device.role = DeviceRole::Kiosk;
            } else if (role == "display") {
                device.role = DeviceRole::Display;
            } else {
                throw InputError(source, path + "role", "must be \"kiosk\" or \"display\"");
            }
            device.key = get_or<std::string>(t, "key", "", source, path + "key");
            if (device.key.size() < 16) {
                throw InputError(source, path + "key", "must be at least 16 characters");
            }
            device.tickets_per_minute =
                get_or<int>(t, "tickets_per_minute", 30, source, path + "tickets_per_minute");
            require_range(device.tickets_per_minute, 1, 1000000, source, path + "tickets_per_minute");
            if (!names.insert(device.name).second) {
                throw InputError(source, path + "name", "duplicate device name '" + device.name + "'");
            }
            if (!keys.insert(device.key).second) {
                throw InputError(source, path + "key", "the same key is given to two devices");
            }
            settings.devices.push_back(std::move(device));
        }
    }
    return settings;
}

ServerSettings load_server_settings(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path, "", "cannot be read");
    std::ostringstream text;
    text << in.rdbuf();
    return parse_server_settings(text.str(), path);
}

}  // namespace loket::server
