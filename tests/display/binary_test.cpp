// The real `display` binary, headless, with --audio-out and --state-out, against the real
// queue-server: two quick calls are both shown and both announced in order, the audio is not
// silent and grows with the phrase; a killed server and a cut connection lose no call.
#include <gtest/gtest.h>

#include <cmath>

#include "audio.hpp"
#include "display_test_support.hpp"
#include "loket/speech.hpp"
#include "temp_dir.hpp"

namespace loket::display {
namespace {

using namespace loket::testing;
using namespace std::chrono_literals;
using nlohmann::json;

struct DisplayRun {
    std::filesystem::path wav, state, screens, log;
};

DisplayRun paths(const TempDir& dir) {
    return {dir / "out.wav", dir / "state.json", dir / "screens", dir / "display.log"};
}

std::vector<std::string> display_args(const std::string& url, const DisplayRun& run) {
    std::filesystem::create_directories(run.screens);
    return {"--server",           url,
            "--device-key",       kDisplayKey,
            "--headless",         "--screenshot",
            run.screens.string(), "--audio-out",
            run.wav.string(),     "--state-out",
            run.state.string()};
}

bool connected(const DisplayRun& run) {
    const json s = read_state(run.state);
    return s.is_object() && s.value("loaded", false) && s.value("connection", "") == "connected";
}

std::vector<std::string> shown_numbers(const DisplayRun& run) {
    std::vector<std::string> out;
    const json s = read_state(run.state);
    if (s.is_object())
        for (const auto& c : s["calls"])
            out.push_back(c["number"]);
    return out;
}

double segment_rms(const voice::Pcm& pcm, std::size_t first, std::size_t count) {
    voice::Pcm part;
    part.samples.assign(pcm.samples.begin() + std::ptrdiff_t(first),
                        pcm.samples.begin() + std::ptrdiff_t(first + count));
    return voice::rms(part);
}

TEST(DisplayBinary, TwoCallsWithinASecondAreBothShownAndAnnouncedInOrder) {
    TempDir dir;
    ServerProcess server(dir.path());
    Floor floor(server);
    floor.issue("informasi", 77);
    floor.open(1);
    floor.open(5);
    const DisplayRun run = paths(dir);
    DisplayProcess display(display_args(server.url(), run), run.log);
    ASSERT_TRUE(wait_until([&] { return connected(run); }, 30s)) << read_text(run.log);

    const auto t0 = std::chrono::steady_clock::now();
    EXPECT_EQ(floor.call(1, "A-001"), "A-001");
    EXPECT_EQ(floor.call(5, "A-077"), "A-077");
    EXPECT_LT(std::chrono::steady_clock::now() - t0, 1s);

    ASSERT_TRUE(wait_until([&] { return shown_numbers(run).size() >= 2; })) << read_text(run.log);
    EXPECT_EQ(shown_numbers(run), (std::vector<std::string>{"A-001", "A-077"}));
    const json state = read_state(run.state);
    EXPECT_EQ(state["current"]["number"], "A-077");
    EXPECT_EQ(state["recent"][0]["number"], "A-001");

    const auto log = WavFileSink::log_path(run.wav);
    ASSERT_TRUE(wait_until([&] { return read_announcements(log).size() >= 2; }, 30s))
        << read_text(run.log);
    const auto lines = read_announcements(log);
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(lines[0].ticket, "A-001");
    EXPECT_EQ(lines[0].phrase, "Nomor antrean A, satu, silakan menuju loket satu");
    EXPECT_EQ(lines[1].ticket, "A-077");
    EXPECT_EQ(lines[1].phrase, "Nomor antrean A, tujuh puluh tujuh, silakan menuju loket lima");
    EXPECT_LT(std::stol(lines[0].event_id), std::stol(lines[1].event_id));
    EXPECT_GT(lines[1].first_sample, lines[0].first_sample + lines[0].samples)
        << "the second follows the first, never over it";

    const voice::Pcm pcm = voice::read_wav(run.wav);
    ASSERT_GE(pcm.samples.size(), lines[1].first_sample + lines[1].samples);
    for (const auto& line : lines) {
        const double level = segment_rms(pcm, line.first_sample, line.samples);
        EXPECT_GT(level, 0.03) << line.ticket << " is not silent";
        // Speech after the chime (the chime is 1.45 s, then a 250 ms gap).
        const std::size_t speech_start = std::size_t(1.7 * voice::kSampleRate);
        EXPECT_GT(segment_rms(pcm, line.first_sample + speech_start, line.samples - speech_start),
                  0.01)
            << line.ticket << " has speech after the chime";
    }
    const double first_s = double(lines[0].samples) / voice::kSampleRate;
    const double second_s = double(lines[1].samples) / voice::kSampleRate;
    std::printf("announcement lengths: A-001 %.2f s, A-077 %.2f s\n", first_s, second_s);
    EXPECT_GT(second_s, first_s + 0.3)
        << "\"tujuh puluh tujuh ... lima\" is longer than \"satu ... satu\"";
    // Between the two, the sink's gap is silent.
    EXPECT_LT(segment_rms(pcm, lines[0].first_sample + lines[0].samples,
                          lines[1].first_sample - lines[0].first_sample - lines[0].samples),
              0.001);

    // A screenshot of the floor was written, and SIGTERM ends it cleanly.
    // (PNG encoding is slow under the sanitizers: wait for it.)
    EXPECT_TRUE(wait_until([&] {
        for (const auto& f : std::filesystem::directory_iterator(run.screens))
            if (f.path().filename().string().find("floor") != std::string::npos)
                return true;
        return false;
    }));
    EXPECT_EQ(display.stop(), 0) << read_text(run.log);
}

TEST(DisplayBinary, ServerKilledAndRestartedWithTheConnectionCutLosesAndRepeatsNoCall) {
    TempDir dir;
    ServerProcess server(dir.path());
    TcpProxy proxy(server.port());
    Floor floor(server);
    floor.issue("informasi", 5);
    floor.issue("customer_service", 3);
    floor.open(1);
    floor.open(2);
    const DisplayRun run = paths(dir);
    DisplayProcess display(display_args(proxy.url(), run), run.log);
    ASSERT_TRUE(wait_until([&] { return connected(run); }, 30s)) << read_text(run.log);

    std::vector<std::string> expected;
    expected.push_back(floor.call_next(1));
    expected.push_back(floor.call_next(2));
    ASSERT_TRUE(wait_until([&] { return shown_numbers(run).size() == 2; }));

    proxy.cut();
    server.stop(SIGKILL);
    server.start();
    floor.clear(1);
    expected.push_back(floor.call_next(1));
    floor.clear(2);
    expected.push_back(floor.call_next(2));
    ASSERT_TRUE(wait_until([&] {
        return read_state(run.state).value("connection", "") == "reconnecting";
    })) << "the screen shows it is reconnecting";
    EXPECT_EQ(shown_numbers(run).size(), 2u) << "the last state stays meanwhile";
    proxy.restore();
    ASSERT_TRUE(wait_until([&] { return shown_numbers(run).size() >= 4 && connected(run); }))
        << read_text(run.log);
    floor.clear(1);
    expected.push_back(floor.call_next(1));
    ASSERT_TRUE(wait_until([&] { return shown_numbers(run).size() >= 5; }));
    std::this_thread::sleep_for(300ms);
    EXPECT_EQ(shown_numbers(run), expected);

    const auto log = WavFileSink::log_path(run.wav);
    ASSERT_TRUE(wait_until([&] { return read_announcements(log).size() >= 5; }, 30s));
    std::this_thread::sleep_for(200ms);
    const auto lines = read_announcements(log);
    ASSERT_EQ(lines.size(), 5u);
    for (std::size_t i = 0; i < lines.size(); ++i)
        EXPECT_EQ(lines[i].ticket, expected[i]);
    EXPECT_EQ(display.stop(), 0);
}

}  // namespace
}  // namespace loket::display
