// The kiosk's configuration file (strict) and the flags over it.
#include "config.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "app.hpp"
#include "loket/input_error.hpp"
#include "temp_dir.hpp"

namespace loket::kiosk {
namespace {

const char* kFull = R"toml(
[server]
url = "http://192.168.1.10:8080"
device_key = "abc123"
poll_seconds = 3
timeout_ms = 4000
[printer]
transport = "tcp:192.168.1.50:9100"
paper_width_mm = 80
header_lines = ["Jl. Basuki Rahmat No. 55", "Samarinda"]
footer_lines = ["Terima kasih"]
office_name = "DPMPTSP Kaltim"
[screen]
orientation = "landscape"
idle_timeout_seconds = 90
language = "en"
)toml";

TEST(KioskConfig, ReadsEveryField) {
    const KioskConfig c = parse_kiosk_config(kFull, "kiosk.toml");
    EXPECT_EQ(c.server_url, "http://192.168.1.10:8080");
    EXPECT_EQ(c.device_key, "abc123");
    EXPECT_EQ(c.poll_seconds, 3);
    EXPECT_EQ(c.timeout_ms, 4000);
    EXPECT_EQ(c.printer, "tcp:192.168.1.50:9100");
    EXPECT_EQ(c.paper_width_mm, 80);
    EXPECT_EQ(c.header_lines.size(), 2u);
    EXPECT_EQ(c.footer_lines, std::vector<std::string>{"Terima kasih"});
    EXPECT_EQ(c.office_name, "DPMPTSP Kaltim");
    EXPECT_EQ(c.orientation, "landscape");
    EXPECT_EQ(c.idle_timeout_seconds, 90);
    EXPECT_EQ(c.language, Language::English);
    // Nothing is required: defaults.
    const KioskConfig d = parse_kiosk_config("", "empty.toml");
    EXPECT_EQ(d.printer, "none");
    EXPECT_EQ(d.idle_timeout_seconds, 60);
    EXPECT_EQ(d.orientation, "portrait");
    EXPECT_EQ(d.language, Language::Indonesian);
}

TEST(KioskConfig, ErrorsNameTheFileAndField) {
    const std::vector<std::tuple<std::string, std::string, std::string>> bad = {
        {"[server]\nurl = 5\n", "server.url", "string"},
        {"[server]\nadress = \"x\"\n", "server.adress", "unknown"},
        {"[screen]\norientation = \"sideways\"\n", "screen.orientation", "portrait"},
        {"[screen]\nidle_timeout_seconds = 1\n", "screen.idle_timeout_seconds", "between"},
        {"[screen]\nlanguage = \"jv\"\n", "screen.language", "id or en"},
        {"[printer]\npaper_width_mm = 70\n", "printer.paper_width_mm", "58 or 80"},
        {"[printer]\ntransport = \"lpt1\"\n", "printer.transport", "expected"},
        {"[printer]\nheader_lines = [\"a\", 2]\n", "printer.header_lines[1]", "string"},
        {"[server]\nurl = \"ftp://x\"\n", "server.url", "http"},
        {"[kiosk]\n", "kiosk", "unknown"},
        {"[server\n", "", ""},
    };
    for (const auto& [text, field, reason] : bad) {
        try {
            parse_kiosk_config(text, "kiosk.toml");
            ADD_FAILURE() << "accepted: " << text;
        } catch (const InputError& e) {
            EXPECT_EQ(e.source(), "kiosk.toml") << text;
            if (!field.empty()) {
                EXPECT_EQ(e.field(), field) << e.what();
            }
            EXPECT_NE(std::string(e.what()).find(reason), std::string::npos) << e.what();
        }
    }
}

TEST(KioskStartup, FlagsOverrideTheFile) {
    loket::testing::TempDir dir;
    const auto file = dir / "kiosk.toml";
    std::ofstream(file) << kFull;
    const Startup s = parse_startup({"--config", file.string(), "--server", "http://10.0.0.2:8080",
                                     "--device-key", "flag-key", "--printer", "none",
                                     "--idle-timeout", "30", "--orientation", "portrait",
                                     "--headless", "--screenshot", dir.path().string()});
    EXPECT_EQ(s.config.server_url, "http://10.0.0.2:8080");
    EXPECT_EQ(s.config.device_key, "flag-key");
    EXPECT_EQ(s.config.printer, "none");
    EXPECT_EQ(s.config.idle_timeout_seconds, 30);
    EXPECT_EQ(s.config.orientation, "portrait");
    EXPECT_EQ(s.config.paper_width_mm, 80);  // from the file: no flag for it
    EXPECT_EQ(s.shell.width, 1080);
    EXPECT_EQ(s.shell.height, 1920);
    EXPECT_TRUE(s.shell.headless);
    EXPECT_EQ(s.shell.screenshot_dir, dir.path());

    // Without the flag the file's orientation is used.
    const Startup l = parse_startup({"--config", file.string()});
    EXPECT_EQ(l.shell.width, 1920);
    EXPECT_EQ(l.shell.height, 1080);
    // What `./loket run` passes.
    const Startup run =
        parse_startup({"--server", "http://127.0.0.1:8080", "--device-key", "k", "--headless",
                       "--screenshot-interval", "5", "--screenshot", dir.path().string()});
    EXPECT_EQ(run.shell.screenshot_interval_s, 5);
    EXPECT_EQ(run.config.printer, "none");
    EXPECT_EQ(run.shell.width, 1080);

    EXPECT_THROW(parse_startup({"--printer", "lpt1"}), InputError);
    for (const auto& bad : std::vector<std::vector<std::string>>{
             {"--idle-timeout", "2"}, {"--orientation", "diagonal"}, {"--bogus"}}) {
        std::ostringstream out, err;
        try {
            parse_startup(bad, out, err);
            ADD_FAILURE() << bad[0] << " accepted";
        } catch (const CommandLineExit& e) {
            EXPECT_NE(e.code, 0);
            EXPECT_FALSE(err.str().empty());
        }
    }
    std::ostringstream out, err;
    try {
        parse_startup({"--help"}, out, err);
        ADD_FAILURE() << "--help ran the kiosk";
    } catch (const CommandLineExit& e) {
        EXPECT_EQ(e.code, 0);
        EXPECT_NE(out.str().find("--device-key"), std::string::npos) << out.str();
    }
}

TEST(KioskConfig, TheExampleFileIsValid) {
    const KioskConfig c = load_kiosk_config(LOKET_SOURCE_DIR "/kiosk/kiosk.example.toml");
    EXPECT_EQ(c.printer, "usb:/dev/usb/lp0");
    EXPECT_EQ(c.idle_timeout_seconds, 60);
}

}  // namespace
}  // namespace loket::kiosk

namespace loket::kiosk {
namespace {

// The server certificate's fingerprint, pinned (docs/https.md): from the file or the flag, in
// any spelling; refused when it is not 64 hex digits or the address is not https://.
TEST(KioskStartup, TheServerFingerprintIsCheckedAtStart) {
    const std::string fp =
        "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:"
        "45:67:89";
    loket::testing::TempDir dir;
    const auto file = dir / "kiosk.toml";
    std::ofstream(file) << "[server]\nurl = \"https://10.0.0.2:8443\"\nfingerprint = \"" << fp
                        << "\"\n";
    EXPECT_EQ(parse_startup({"--config", file.string()}).config.server_fingerprint, fp);
    const Startup flag = parse_startup({"--server", "https://10.0.0.2:8443", "--server-fingerprint",
                                        "abcdef0123456789"
                                        "abcdef0123456789"
                                        "abcdef0123456789"
                                        "abcdef0123456789"});
    EXPECT_FALSE(flag.config.server_fingerprint.empty());
    try {
        parse_startup({"--server", "https://10.0.0.2:8443", "--server-fingerprint", "AB:CD"});
        ADD_FAILURE() << "a short fingerprint was accepted";
    } catch (const InputError& e) {
        EXPECT_EQ(e.field(), "server.fingerprint");
        EXPECT_NE(std::string(e.what()).find("64 hex digits"), std::string::npos) << e.what();
    }
    try {
        parse_startup({"--server", "http://10.0.0.2:8080", "--server-fingerprint", fp});
        ADD_FAILURE() << "a fingerprint with http:// was accepted";
    } catch (const InputError& e) {
        EXPECT_EQ(e.field(), "server.url");
        EXPECT_NE(std::string(e.what()).find("https://"), std::string::npos) << e.what();
    }
}

}  // namespace
}  // namespace loket::kiosk
