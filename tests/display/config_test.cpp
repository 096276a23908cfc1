// The display's settings file (strict TOML), the flags over it, the text tables and the
// small pieces of view logic that are not drawing: running text and the office clock.
#include <gtest/gtest.h>

#include <fstream>

#include "command_line.hpp"
#include "loket/input_error.hpp"
#include "temp_dir.hpp"
#include "text.hpp"
#include "view.hpp"

namespace loket::display {
namespace {

using testing::TempDir;

CommandLine parse(std::vector<std::string> args) {
    args.insert(args.begin(), "display");
    std::vector<const char*> argv;
    for (const auto& a : args)
        argv.push_back(a.c_str());
    return parse_command_line(int(argv.size()), argv.data());
}

std::string field_of(const std::string& toml) {
    try {
        parse_display_config(toml, "display.toml");
    } catch (const InputError& e) {
        return e.field();
    }
    return "(accepted)";
}

TEST(DisplayConfig, TheExampleFileLoadsWithEverySetting) {
    const DisplayConfig c = load_display_config(std::filesystem::path(LOKET_SOURCE_DIR) /
                                                "display/display.example.toml");
    EXPECT_EQ(c.server, "http://127.0.0.1:8080");
    EXPECT_EQ(c.device_key, "change-me");
    EXPECT_EQ(c.language, Language::Indonesian);
    EXPECT_FALSE(c.portrait);
    EXPECT_EQ(c.recent_calls, 6u);
    EXPECT_EQ(c.highlight, std::chrono::seconds(8));
    EXPECT_TRUE(c.zone.everything());
    EXPECT_TRUE(c.voice.enabled);
    EXPECT_EQ(c.voice.phrase, "Nomor antrean {letter}, {number}, silakan menuju loket {counter}");
    EXPECT_EQ(c.voice.number_reading, voice::NumberReading::Words);
    EXPECT_FALSE(c.voice.clips);
    EXPECT_EQ(c.voice.announce_recency, std::chrono::seconds(60));
    EXPECT_EQ(c.running_text.items.size(), 2u);
    EXPECT_EQ(c.running_text.fps, 30);
}

TEST(DisplayConfig, ZonesVoiceAndRunningTextFromTheFile) {
    const DisplayConfig c = parse_display_config(R"(
orientation = "portrait"
language = "en"
recent_calls = 4
[zone]
services = ["informasi", "pengambilan"]
counters = [1, 4]
[voice]
number_reading = "digits"
source = "clips:/srv/loket/clips"
volume = 70
phrase = "Antrean {letter} {number} ke {counter_name}"
[running_text]
items = ["Jam istirahat 12.00-13.00"]
show_hours = false
show_performance = false
fps = 0
)",
                                                 "display.toml");
    EXPECT_TRUE(c.portrait);
    EXPECT_EQ(c.language, Language::English);
    EXPECT_EQ(c.recent_calls, 4u);
    EXPECT_EQ(c.zone.services, (std::vector<std::string>{"informasi", "pengambilan"}));
    EXPECT_EQ(c.zone.counters, (std::vector<int>{1, 4}));
    EXPECT_EQ(c.voice.number_reading, voice::NumberReading::Digits);
    ASSERT_TRUE(c.voice.clips);
    EXPECT_EQ(*c.voice.clips, "/srv/loket/clips");
    EXPECT_EQ(c.voice.volume, 70);
    EXPECT_FALSE(c.running_text.show_hours);
    EXPECT_FALSE(c.running_text.show_performance);
    EXPECT_EQ(c.running_text.fps, 0);
}

TEST(DisplayConfig, MistakesAreRefusedNamingTheField) {
    EXPECT_EQ(field_of("sever = \"http://x\""), "sever");
    EXPECT_EQ(field_of("[voice]\nvolum = 3"), "voice.volum");
    EXPECT_EQ(field_of("[voice]\nvolume = 300"), "voice.volume");
    EXPECT_EQ(field_of("[voice]\nnumber_reading = \"roman\""), "voice.number_reading");
    EXPECT_EQ(field_of("[voice]\nsource = \"festival\""), "voice.source");
    EXPECT_EQ(field_of("[voice]\nphrase = \"Nomor {nomor}\""), "voice.phrase");
    EXPECT_EQ(field_of("[zone]\ncounters = [0]"), "zone.counters[0]");
    EXPECT_EQ(field_of("[zone]\nservices = [\"\"]"), "zone.services[0]");
    EXPECT_EQ(field_of("orientation = \"sideways\""), "orientation");
    EXPECT_EQ(field_of("language = \"jv\""), "language");
    EXPECT_EQ(field_of("recent_calls = \"6\""), "recent_calls");
    EXPECT_EQ(field_of("[running_text]\nshow_hours = 1"), "running_text.show_hours");
    EXPECT_EQ(field_of("[running_text]\nshow_performance = \"ya\""),
              "running_text.show_performance");
    EXPECT_THROW(parse_display_config("server = ", "display.toml"), InputError);
}

TEST(DisplayConfig, FlagsOverrideTheFile) {
    TempDir dir;
    std::ofstream(dir / "d.toml")
        << "server = \"http://10.0.0.2:8080\"\ndevice_key = \"from-file\"\n"
           "orientation = \"portrait\"\n[voice]\nvolume = 40\n";
    const CommandLine cl = parse({"--config",
                                  (dir / "d.toml").string(),
                                  "--device-key",
                                  "from-flag",
                                  "--services",
                                  "informasi,customer_service",
                                  "--counters",
                                  "1,2",
                                  "--number-reading",
                                  "digits",
                                  "--voice",
                                  "clips:/tmp/clips",
                                  "--running-text",
                                  "Satu, dua",
                                  "--running-text",
                                  "Tiga",
                                  "--recent-calls",
                                  "3",
                                  "--announce-recency",
                                  "20",
                                  "--audio-out",
                                  "out.wav",
                                  "--phrase",
                                  "{letter} {number}"});
    ASSERT_EQ(cl.exit_code, -1);
    const DisplayConfig& c = cl.config;
    EXPECT_EQ(c.server, "http://10.0.0.2:8080") << "kept from the file";
    EXPECT_EQ(c.device_key, "from-flag");
    EXPECT_TRUE(c.portrait);
    EXPECT_EQ(cl.shell.width, 1080);
    EXPECT_EQ(cl.shell.height, 1920);
    EXPECT_EQ(c.voice.volume, 40);
    EXPECT_EQ(c.zone.services, (std::vector<std::string>{"informasi", "customer_service"}));
    EXPECT_EQ(c.zone.counters, (std::vector<int>{1, 2}));
    EXPECT_EQ(c.voice.number_reading, voice::NumberReading::Digits);
    EXPECT_EQ(*c.voice.clips, "/tmp/clips");
    EXPECT_EQ(c.running_text.items, (std::vector<std::string>{"Satu, dua", "Tiga"}));
    EXPECT_EQ(c.recent_calls, 3u);
    EXPECT_EQ(c.voice.announce_recency, std::chrono::seconds(20));
    EXPECT_EQ(*c.audio_out, "out.wav");
    EXPECT_EQ(c.voice.phrase, "{letter} {number}");

    const CommandLine landscape =
        parse({"--config", (dir / "d.toml").string(), "--orientation", "landscape"});
    EXPECT_FALSE(landscape.config.portrait);
    EXPECT_EQ(landscape.shell.width, 1920);
    EXPECT_EQ(landscape.shell.height, 1080);
}

TEST(DisplayConfig, TheFlagsLoketRunPassesWork) {
    // ./loket run: display --server URL --device-key KEY [--headless --screenshot-interval 5]
    //              --screenshot DIR
    const CommandLine cl =
        parse({"--server", "http://127.0.0.1:8080/", "--device-key", "k", "--headless",
               "--screenshot-interval", "5", "--screenshot", "/tmp/screens"});
    ASSERT_EQ(cl.exit_code, -1);
    EXPECT_EQ(cl.config.server, "http://127.0.0.1:8080");
    EXPECT_TRUE(cl.shell.headless);
    EXPECT_EQ(cl.shell.screenshot_dir, "/tmp/screens");
    EXPECT_EQ(cl.shell.screenshot_interval_s, 5.0);
    EXPECT_EQ(cl.shell.width, 1920) << "landscape by default";
    EXPECT_EQ(cl.shell.theme, ui::Theme::Dark);
    EXPECT_EQ(cl.config.running_text.fps, 5) << "headless: the marquee barely animates";
    EXPECT_FALSE(cl.config.audio_out);
}

TEST(DisplayConfig, BadFlagsExitWithAnError) {
    EXPECT_GT(parse({"--volume", "101"}).exit_code, 0);
    EXPECT_GT(parse({"--number-reading", "roman"}).exit_code, 0);
    EXPECT_EQ(parse({"--voice", "festival"}).exit_code, 2);
    EXPECT_EQ(parse({"--server", "127.0.0.1:8080"}).exit_code, 2);
    EXPECT_EQ(parse({"--phrase", "{oops}"}).exit_code, 2);
    EXPECT_EQ(parse({"--help"}).exit_code, 0);
}

TEST(DisplayText, BothLanguagesHaveEveryLabel) {
    for (Language language : {Language::Indonesian, Language::English}) {
        const Texts& t = texts(language);
        for (const char* s :
             {t.queue_number,     t.go_to,        t.counter,           t.recall,
              t.no_calls,         t.recent_calls, t.no_recent_calls,   t.counters_title,
              t.no_open_counters, t.counter_idle, t.counter_paused,    t.waiting_title,
              t.people,           t.reconnecting, t.connecting,        t.connecting_detail,
              t.hours_today,      t.closed_today, t.office_closed_now, t.separator}) {
            ASSERT_NE(s, nullptr);
            EXPECT_GT(std::string(s).size(), 0u);
        }
    }
    EXPECT_STREQ(texts(Language::Indonesian).counter_paused, "Istirahat");
    EXPECT_STREQ(texts(Language::Indonesian).waiting_title, "Menunggu");
    EXPECT_EQ(format_long_date(texts(Language::Indonesian), 2026, 11, 22, 0),
              "Minggu, 22 November 2026");
    EXPECT_EQ(counter_label(texts(Language::Indonesian), "", 3), "Loket 3");
    EXPECT_EQ(counter_label(texts(Language::English), "", 3), "Counter 3");
    EXPECT_EQ(counter_label(texts(Language::English), "Loket Prioritas", 7), "Loket Prioritas");
    EXPECT_EQ(format_long_date(texts(Language::English), 2027, 1, 1, 5), "Friday, 1 January 2027");
}

TEST(DisplayView, RunningTextStartsWithTodaysHoursThenTheAnnouncements) {
    DisplayConfig c;
    c.running_text.items = {"Maklumat pelayanan", "Budayakan antre"};
    FloorView v;
    v.loaded = true;
    v.office.time_zone = "WITA";
    v.office.today_hours = {"08:00-12:00", "13:00-16:00"};
    const Texts& t = texts(Language::Indonesian);
    EXPECT_EQ(running_text(c, v, t),
              "Jam pelayanan hari ini: 08.00\xE2\x80\x93"
              "12.00, 13.00\xE2\x80\x93"
              "16.00 WITA" +
                  std::string(t.separator) + "Maklumat pelayanan" + t.separator +
                  "Budayakan antre");
    v.office.today_hours.clear();
    EXPECT_EQ(running_text(c, v, t).rfind("Hari ini tidak ada pelayanan", 0), 0u);
    c.running_text.show_hours = false;
    EXPECT_EQ(running_text(c, v, t).rfind("Maklumat", 0), 0u);
    c.running_text.items.clear();
    EXPECT_EQ(running_text(c, v, t), "");
}

TEST(DisplayView, ClockShowsOfficeTimeCorrectedByTheServerOffset) {
    FloorView v;
    v.office.utc_offset_minutes = 480;  // WITA
    // 2026-11-22 23:59:30 UTC = Monday 07:59:30 WITA.
    const std::int64_t utc = 1795391970000;
    OfficeClock c = office_clock(v, texts(Language::Indonesian), utc);
    EXPECT_EQ(c.time, "07.59.30");
    EXPECT_EQ(c.date, "Senin, 23 November 2026");
    v.server_skew_ms = 45'000;  // this machine is 45 s behind the server
    c = office_clock(v, texts(Language::Indonesian), utc);
    EXPECT_EQ(c.time, "08.00.15");
    v.office.utc_offset_minutes = 420;  // WIB
    EXPECT_EQ(office_clock(v, texts(Language::English), utc).date, "Monday, 23 November 2026");
}

}  // namespace
}  // namespace loket::display

namespace loket::display {
namespace {

// fit_lines without fonts: every character 10 px wide at size 0, 8 px at size 1.
TEST(FitLines, WrapsWholeWordsIntoAtMostTheLinesAllowed) {
    const auto width_of = [](std::size_t size, std::string_view s) {
        return float(s.size()) * (size == 0 ? 10.0f : 8.0f);
    };
    const std::string name =
        "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Provinsi Kalimantan Timur";
    // 81 characters: at size 0 (40 a line) it needs three lines of 400 px; at size 1 two.
    const auto fit = fit_lines(name, 400, 2, 2, width_of);
    ASSERT_TRUE(fit);
    EXPECT_EQ(fit->size, 1u);
    ASSERT_EQ(fit->lines.size(), 2u);
    EXPECT_EQ(fit->lines[0] + " " + fit->lines[1], name);
    for (const auto& l : fit->lines)
        EXPECT_LE(width_of(1, l), 400.0f) << l;
    // One line when it fits; nothing when a word alone is too wide or more lines are needed.
    EXPECT_EQ(fit_lines("Loket 2", 500, 2, 2, width_of)->lines,
              std::vector<std::string>{"Loket 2"});
    EXPECT_FALSE(fit_lines(name, 300, 2, 2, width_of));
    EXPECT_FALSE(fit_lines("Pengaduan", 60, 2, 2, width_of));
    EXPECT_FALSE(fit_lines("", 500, 2, 2, width_of));
}

}  // namespace
}  // namespace loket::display

namespace loket::display {
namespace {

// The server certificate's fingerprint, pinned (docs/https.md).
TEST(DisplayConfig, TheServerFingerprintIsChecked) {
    const std::string fp =
        "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:"
        "45:67:89";
    EXPECT_EQ(parse_display_config(
                  "server = \"https://10.0.0.2:8443\"\nserver_fingerprint = \"" + fp + "\"\n",
                  "display.toml")
                  .server_fingerprint,
              fp);
    EXPECT_EQ(field_of("server_fingerprint = \"AB:CD\""), "server_fingerprint");
    const CommandLine ok =
        parse({"--server", "https://10.0.0.2:8443", "--server-fingerprint", fp, "--headless"});
    EXPECT_EQ(ok.exit_code, -1);
    EXPECT_EQ(ok.config.server_fingerprint, fp);
    EXPECT_EQ(parse({"--server", "http://10.0.0.2:8080", "--server-fingerprint", fp}).exit_code, 2);
    EXPECT_EQ(parse({"--server-fingerprint", "xyz"}).exit_code, 2);
}

}  // namespace
}  // namespace loket::display
