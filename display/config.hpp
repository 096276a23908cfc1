#pragma once
// The display's settings: a strict TOML file (--config FILE, unknown keys refused), which
// command-line flags override (command_line.hpp). See display/display.example.toml.
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "floor_model.hpp"
#include "loket/announcement.hpp"
#include "text.hpp"

namespace loket::display {

struct VoiceConfig {
    bool enabled = true;
    std::string phrase{voice::default_phrase_template()};
    voice::NumberReading number_reading = voice::NumberReading::Words;
    std::optional<std::filesystem::path> clips;  // recorded words; espeak-ng when empty
    int volume = 100;                            // 0..100
    bool chime = true;
    std::chrono::seconds announce_recency{60};  // older calls (a backlog) are not read aloud
    int espeak_rate_wpm = 140;
};

struct RunningTextConfig {
    std::vector<std::string> items;  // announcements, shown one after another
    bool show_hours = true;          // today's service hours as the first item
    // This month's headline figures of the open performance data (GET /open-data).
    bool show_performance = true;
    int speed_px_per_s = 140;
    // Frames per second while the text scrolls; 0 keeps it still (no animation at all).
    // Unset: 30 on a screen, 5 headless (nobody watches; screenshots still move).
    std::optional<int> fps;
};

struct DisplayConfig {
    std::string server = "http://127.0.0.1:8080";
    std::string device_key;
    // The queue-server certificate's SHA-256 fingerprint, pinned (docs/https.md).
    std::string server_fingerprint;
    Language language = Language::Indonesian;
    bool portrait = false;
    Zone zone;
    std::size_t recent_calls = 6;
    std::chrono::milliseconds highlight{8000};
    VoiceConfig voice;
    RunningTextConfig running_text;
    // Write the announcements into this WAV file (appended, header kept valid) instead of
    // playing them; a line per announcement goes to FILE.log.
    std::optional<std::filesystem::path> audio_out;
    // Rewritten (atomically) with what the screen shows after every change; for tests.
    std::optional<std::filesystem::path> state_out;
    long reconnect_max_ms = 5000;
};

// Reads a display TOML file over the defaults. Throws InputError naming file, key, reason.
DisplayConfig load_display_config(const std::filesystem::path& path);
DisplayConfig parse_display_config(const std::string& toml_text, const std::string& source,
                                   DisplayConfig base = {});
// "words" or "digits"; InputError on `field` otherwise.
voice::NumberReading parse_number_reading(const std::string& text, const std::string& source,
                                          const std::string& field);
// Throws InputError on `field` when the call phrase has an unknown placeholder.
void check_call_phrase(const std::string& phrase, const std::string& source,
                       const std::string& field);
// "espeak" or "clips:DIR"; InputError otherwise.
std::optional<std::filesystem::path> parse_voice_source(const std::string& text,
                                                        const std::string& source,
                                                        const std::string& field);

}  // namespace loket::display
