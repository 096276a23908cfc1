#include "config.hpp"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "loket/json_reader.hpp"
#include "loket/office.hpp"
#include "loket/read_file.hpp"
#include "loket/tls_pin.hpp"
#include "loket/ui/cli.hpp"

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

voice::NumberReading parse_reading(const std::string& text, const std::string& source,
                                   const std::string& field) {
    if (text == "words")
        return voice::NumberReading::Words;
    if (text == "digits")
        return voice::NumberReading::Digits;
    throw InputError(source, field, "must be \"words\" or \"digits\", got \"" + text + "\"");
}

bool parse_orientation(const std::string& text, const std::string& source,
                       const std::string& field) {
    if (text == "portrait")
        return true;
    if (text == "landscape")
        return false;
    throw InputError(source, field, "must be \"portrait\" or \"landscape\", got \"" + text + "\"");
}

void check_phrase(const std::string& phrase, const std::string& source, const std::string& field) {
    voice::PhraseBuilder check(phrase, voice::NumberReading::Words, source, field);
}

}  // namespace

std::optional<std::filesystem::path> parse_voice_source(const std::string& text,
                                                        const std::string& source,
                                                        const std::string& field) {
    if (text == "espeak")
        return std::nullopt;
    if (text.rfind("clips:", 0) == 0 && text.size() > 6)
        return std::filesystem::path(text.substr(6));
    throw InputError(source, field, "must be \"espeak\" or \"clips:DIR\", got \"" + text + "\"");
}

DisplayConfig parse_display_config(const std::string& toml_text, const std::string& source,
                                   DisplayConfig c) {
    const json doc = toml_to_json(toml_text, source);
    JsonObjectReader root(doc, source, "");
    root.allow_only({"server", "server_fingerprint", "device_key", "language", "orientation",
                     "recent_calls", "highlight_seconds", "zone", "voice", "running_text"});
    if (auto v = root.string("server"))
        c.server = *v;
    if (auto v = root.string("device_key"))
        c.device_key = *v;
    if (auto v = root.string("server_fingerprint")) {
        if (!normalize_fingerprint(*v)) {
            throw root.error("server_fingerprint",
                             "must be the certificate's SHA-256 fingerprint, 64 hex digits "
                             "(`queue-server fingerprint` prints it)");
        }
        c.server_fingerprint = *v;
    }
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

    if (const json* zone = root.get("zone")) {
        JsonObjectReader z(*zone, source, "zone");
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
    if (const json* voice = root.get("voice")) {
        JsonObjectReader v(*voice, source, "voice");
        v.allow_only({"enabled", "phrase", "number_reading", "source", "volume", "chime",
                      "announce_recency_seconds", "rate_wpm"});
        c.voice.enabled = boolean(v, "enabled", c.voice.enabled);
        if (auto p = v.string("phrase")) {
            check_phrase(*p, source, "voice.phrase");
            c.voice.phrase = *p;
        }
        if (auto r = v.string("number_reading"))
            c.voice.number_reading = parse_reading(*r, source, "voice.number_reading");
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
    if (const json* text = root.get("running_text")) {
        JsonObjectReader t(*text, source, "running_text");
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
    return c;
}

DisplayConfig load_display_config(const std::filesystem::path& path) {
    return parse_display_config(read_whole_file(path), path.string());
}

CommandLine parse_command_line(int argc, const char* const* argv) {
    CommandLine out;
    CLI::App app{"Loket waiting-room display: live calls from the queue-server, read aloud"};
    out.shell.title = "Loket Display";
    out.shell.width = 1920;
    out.shell.height = 1080;
    out.shell.theme = ui::Theme::Dark;
    out.shell.hide_cursor = true;
    ui::add_shell_options(app, out.shell);

    std::filesystem::path config_file;
    std::string server, device_key, fingerprint, phrase, reading, voice, language, audio_out,
        state_out;
    std::vector<std::string> services, running_text;
    std::vector<int> counters;
    int volume = 100, recent = 6, recency = 60, fps = 30;
    app.add_option("--config", config_file, "Display settings (TOML)")->check(CLI::ExistingFile);
    app.add_option("--server", server, "queue-server address, e.g. http://10.0.0.2:8080");
    app.add_option("--device-key", device_key, "This display's device key (office.toml)");
    app.add_option("--server-fingerprint", fingerprint,
                   "SHA-256 fingerprint of the server's HTTPS certificate (pinned)");
    app.add_option("--services", services, "Only these services (ids), e.g. informasi,pengambilan")
        ->delimiter(',');
    app.add_option("--counters", counters, "Only these counters, e.g. 1,2,3")
        ->delimiter(',')
        ->check(CLI::Range(1, 999));
    app.add_option("--phrase", phrase,
                   "Call phrase; {letter} {number} {counter} {counter_name} {service}");
    app.add_option("--number-reading", reading, "Read numbers as words or digit by digit")
        ->check(CLI::IsMember({"words", "digits"}));
    app.add_option("--voice", voice, "espeak, or clips:DIR with one WAV per word");
    app.add_option("--volume", volume, "Announcement volume 0-100")->check(CLI::Range(0, 100));
    bool mute = false;
    app.add_flag("--mute", mute, "Do not read calls aloud");
    app.add_option("--running-text", running_text,
                   "A running-text announcement (repeat the flag for several)");
    app.add_option("--recent-calls", recent, "How many earlier calls to list")
        ->check(CLI::Range(0, 20));
    app.add_option("--announce-recency", recency,
                   "Seconds after which a call (a backlog after reconnecting) is not read aloud")
        ->check(CLI::Range(0, 86400));
    app.add_option("--audio-out", audio_out,
                   "Append announcements to this WAV file instead of playing them");
    app.add_option("--state-out", state_out, "Keep what the screen shows in this JSON file");
    app.add_option("--language", language, "Screen language")->check(CLI::IsMember({"id", "en"}));
    app.add_option("--marquee-fps", fps, "Running text frame rate; 0 keeps it still")
        ->check(CLI::Range(0, 60));

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        out.exit_code = app.exit(e);
        return out;
    }
    try {
        DisplayConfig& c = out.config;
        if (!config_file.empty())
            c = load_display_config(config_file);
        const auto given = [&](const char* flag) { return app.count(flag) > 0; };
        if (given("--server"))
            c.server = server;
        if (given("--device-key"))
            c.device_key = device_key;
        if (given("--server-fingerprint")) {
            if (!normalize_fingerprint(fingerprint)) {
                throw InputError("command line", "--server-fingerprint",
                                 "must be the certificate's SHA-256 fingerprint, 64 hex digits");
            }
            c.server_fingerprint = fingerprint;
        }
        if (given("--services"))
            c.zone.services = services;
        if (given("--counters"))
            c.zone.counters = counters;
        if (given("--phrase")) {
            check_phrase(phrase, "command line", "--phrase");
            c.voice.phrase = phrase;
        }
        if (given("--number-reading"))
            c.voice.number_reading = parse_reading(reading, "command line", "--number-reading");
        if (given("--voice"))
            c.voice.clips = parse_voice_source(voice, "command line", "--voice");
        if (given("--volume"))
            c.voice.volume = volume;
        if (given("--mute"))
            c.voice.enabled = false;
        if (given("--running-text"))
            c.running_text.items = running_text;
        if (given("--recent-calls"))
            c.recent_calls = std::size_t(recent);
        if (given("--announce-recency"))
            c.voice.announce_recency = std::chrono::seconds(recency);
        if (given("--audio-out"))
            c.audio_out = audio_out;
        if (given("--state-out"))
            c.state_out = state_out;
        if (given("--language"))
            c.language = *parse_language(language);
        if (given("--marquee-fps"))
            c.running_text.fps = fps;
        if (given("--orientation"))
            c.portrait = out.shell.height > out.shell.width;
        out.shell.width = c.portrait ? 1080 : 1920;
        out.shell.height = c.portrait ? 1920 : 1080;
        if (!c.running_text.fps)
            c.running_text.fps = out.shell.headless ? 5 : 30;
        if (c.server.rfind("http://", 0) != 0 && c.server.rfind("https://", 0) != 0)
            throw InputError("command line", "--server", "must start with http:// or https://");
        if (!c.server_fingerprint.empty() && c.server.rfind("https://", 0) != 0) {
            throw InputError("command line", "--server",
                             "must start with https:// when a server fingerprint is set");
        }
        while (c.server.size() > 8 && c.server.back() == '/')
            c.server.pop_back();
    } catch (const InputError& e) {
        std::fprintf(stderr, "display: %s\n", e.what());
        out.exit_code = 2;
    }
    return out;
}

}  // namespace loket::display
