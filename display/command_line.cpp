#include "command_line.hpp"

#include <CLI/CLI.hpp>
#include <cstdio>

#include "loket/input_error.hpp"
#include "loket/tls_pin.hpp"
#include "loket/ui/cli.hpp"

namespace loket::display {

// Long on purpose: one list of the display's options as CLI11 declares them, read top to bottom.
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
            if (!net::normalize_fingerprint(fingerprint)) {
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
            check_call_phrase(phrase, "command line", "--phrase");
            c.voice.phrase = phrase;
        }
        if (given("--number-reading"))
            c.voice.number_reading =
                parse_number_reading(reading, "command line", "--number-reading");
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
