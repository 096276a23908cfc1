#include "config.hpp"

#include <cstdio>
#include <fstream>
#include <sstream>

#include "loket/json_reader.hpp"
#include "loket/office.hpp"
#include "loket/read_file.hpp"
#include "loket/tls_pin.hpp"

namespace loket::display {
namespace {

using nlohmann::json;

bool boolean(const JsonObjectReader& r, std::string_view key, bool fallback) {
    const json* node = r.get(key);
    if (!node)
        return fallback;
    if (!node->is_boolean())
        throw r.error(key, "must be true or false");
    return node->get<bool>();
}

std::vector<std::string> strings(const JsonObjectReader& r, std::string_view key,
                                 std::size_t max_length) {
    std::vector<std::string> out;
    const json* list = r.array(key);
    if (!list)
        return out;
    for (std::size_t i = 0; i < list->size(); ++i) {
        const json& item = (*list)[i];
        if (!item.is_string() || item.get<std::string>().empty() ||
            item.get<std::string>().size() > max_length) {
            throw InputError(
                r.error(key, "").source(), indexed(r.field(key), i),
                "must be a non-empty string of at most " + std::to_string(max_length) + " bytes");
        }
        out.push_back(item.get<std::string>());
    }
    return out;
}

bool parse_orientation(const std::string& text, const std::string& source,
                       const std::string& field) {
    if (text == "portrait")
        return true;
    if (text == "landscape")
        return false;
    throw InputError(source, field, "must be \"portrait\" or \"landscape\", got \"" + text + "\"");
}

}  // namespace

voice::NumberReading parse_number_reading(const std::string& text, const std::string& source,
                                          const std::string& field) {
    if (text == "words")
        return voice::NumberReading::Words;
    if (text == "digits")
        return voice::NumberReading::Digits;
    throw InputError(source, field, "must be \"words\" or \"digits\", got \"" + text + "\"");
}

void check_call_phrase(const std::string& phrase, const std::string& source,
                       const std::string& field) {
    voice::PhraseBuilder check(phrase, voice::NumberReading::Words, source, field);
}

std::optional<std::filesystem::path> parse_voice_source(const std::string& text,
                                                        const std::string& source,
                                                        const std::string& field) {
    if (text == "espeak")
        return std::nullopt;
    if (text.rfind("clips:", 0) == 0 && text.size() > 6)
        return std::filesystem::path(text.substr(6));
    throw InputError(source, field, "must be \"espeak\" or \"clips:DIR\", got \"" + text + "\"");
}

namespace {

// Where the server is and how this display proves itself and checks the server.
void read_connection(const JsonObjectReader& root, DisplayConfig& c) {
    if (auto v = root.string("server"))
        c.server = *v;
    if (auto v = root.string("device_key"))
        c.device_key = *v;
    if (auto v = root.string("server_fingerprint")) {
        if (!net::normalize_fingerprint(*v)) {
            throw root.error("server_fingerprint",
                             "must be the certificate's SHA-256 fingerprint, 64 hex digits "
                             "(`queue-server fingerprint` prints it)");
        }
        c.server_fingerprint = *v;
    }
}

// [zone]: the services and counters this display shows.
void read_zone(const json& zone, const std::string& source, DisplayConfig& c) {
    JsonObjectReader z(zone, source, "zone");
    z.allow_only({"services", "counters"});
    c.zone.services = strings(z, "services", 64);
    c.zone.counters.clear();
    if (const json* list = z.array("counters")) {
        for (std::size_t i = 0; i < list->size(); ++i) {
            const json& n = (*list)[i];
            if (!n.is_number_integer() || n.get<int>() < 1 || n.get<int>() > 999)
                throw InputError(source, indexed("zone.counters", i),
                                 "must be a counter number from 1 to 999");
            c.zone.counters.push_back(n.get<int>());
        }
    }
}

void read_voice(const json& voice, const std::string& source, DisplayConfig& c) {
    JsonObjectReader v(voice, source, "voice");
    v.allow_only({"enabled", "phrase", "number_reading", "source", "volume", "chime",
                  "announce_recency_seconds", "rate_wpm"});
    c.voice.enabled = boolean(v, "enabled", c.voice.enabled);
    if (auto p = v.string("phrase")) {
        check_call_phrase(*p, source, "voice.phrase");
        c.voice.phrase = *p;
    }
    if (auto r = v.string("number_reading"))
        c.voice.number_reading = parse_number_reading(*r, source, "voice.number_reading");
    if (auto s = v.string("source"))
        c.voice.clips = parse_voice_source(*s, source, "voice.source");
    if (auto n = v.integer("volume", 0, 100))
        c.voice.volume = int(*n);
    c.voice.chime = boolean(v, "chime", c.voice.chime);
    if (auto n = v.integer("announce_recency_seconds", 0, 86400))
        c.voice.announce_recency = std::chrono::seconds(*n);
    if (auto n = v.integer("rate_wpm", 80, 450))
        c.voice.espeak_rate_wpm = int(*n);
}

void read_running_text(const json& text, const std::string& source, DisplayConfig& c) {
    JsonObjectReader t(text, source, "running_text");
    t.allow_only({"items", "show_hours", "show_performance", "speed", "fps"});
    if (t.get("items"))
        c.running_text.items = strings(t, "items", 2000);
    c.running_text.show_hours = boolean(t, "show_hours", c.running_text.show_hours);
    c.running_text.show_performance =
        boolean(t, "show_performance", c.running_text.show_performance);
    if (auto n = t.integer("speed", 10, 2000))
        c.running_text.speed_px_per_s = int(*n);
    if (auto n = t.integer("fps", 0, 60))
        c.running_text.fps = int(*n);
}

}  // namespace

DisplayConfig parse_display_config(const std::string& toml_text, const std::string& source,
                                   DisplayConfig c) {
    const json doc = toml_to_json(toml_text, source);
    JsonObjectReader root(doc, source, "");
    root.allow_only({"server", "server_fingerprint", "device_key", "language", "orientation",
                     "recent_calls", "highlight_seconds", "zone", "voice", "running_text"});
    read_connection(root, c);
    if (auto v = root.string("language")) {
        const auto language = parse_language(*v);
        if (!language)
            throw root.error("language", "must be \"id\" or \"en\", got \"" + *v + "\"");
        c.language = *language;
    }
    if (auto v = root.string("orientation"))
        c.portrait = parse_orientation(*v, source, "orientation");
    if (auto v = root.integer("recent_calls", 0, 20))
        c.recent_calls = std::size_t(*v);
    if (auto v = root.integer("highlight_seconds", 0, 120))
        c.highlight = std::chrono::seconds(*v);
    if (const json* zone = root.get("zone"))
        read_zone(*zone, source, c);
    if (const json* voice = root.get("voice"))
        read_voice(*voice, source, c);
    if (const json* text = root.get("running_text"))
        read_running_text(*text, source, c);
    return c;
}

DisplayConfig load_display_config(const std::filesystem::path& path) {
    return parse_display_config(read_whole_file(path), path.string());
}

}  // namespace loket::display
