// The voice side of the display without a server: the WAV sink keeps a valid file while it
// grows, the player speaks queued calls one after another with the configured phrase.
#include "audio.hpp"

#include <gtest/gtest.h>

#include "display_test_support.hpp"
#include "sound_card.hpp"
#include "temp_dir.hpp"

namespace loket::display {
namespace {

using namespace std::chrono_literals;
using loket::testing::read_announcements;
using loket::testing::TempDir;
using loket::testing::wait_until;

voice::AnnouncementRequest request(const std::string& id, const std::string& ticket, int counter) {
    voice::AnnouncementRequest r;
    r.event_id = id;
    r.at = std::chrono::system_clock::now();
    r.call = {ticket, counter, "Loket " + std::to_string(counter), "Informasi"};
    return r;
}

TEST(DisplayAudio, WavSinkAppendsAndTheFileIsValidAfterEveryAnnouncement) {
    TempDir dir;
    WavFileSink sink(dir / "out.wav", 100ms);
    voice::Pcm tone;
    for (int i = 0; i < 2205; ++i)
        tone.samples.push_back(std::int16_t(i % 50 < 25 ? 8000 : -8000));
    voice::Phrase phrase;
    phrase.display_text = "Nomor antrean A, satu";
    int first_samples = 0;
    for (int i = 0; i < 2; ++i) {
        const auto r = request(std::to_string(i + 1), "A-001", 1);
        sink.play({r, phrase, tone}, [&] { ++first_samples; });
        const voice::Pcm back = voice::read_wav(dir / "out.wav");
        EXPECT_EQ(back.samples.size(), std::size_t(i + 1) * (2205 + 2205));
    }
    EXPECT_EQ(first_samples, 2);
    const auto lines = read_announcements(WavFileSink::log_path(dir / "out.wav"));
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(lines[1].first_sample, 4410u);
    EXPECT_EQ(lines[1].samples, 2205u);
    EXPECT_EQ(lines[1].phrase, "Nomor antrean A, satu");
}

TEST(DisplayAudio, VolumeScalesSamples) {
    voice::Pcm pcm;
    pcm.samples = {10000, -10000, 0};
    apply_volume(pcm, 50);
    EXPECT_EQ(pcm.samples, (std::vector<std::int16_t>{5000, -5000, 0}));
    apply_volume(pcm, 0);
    EXPECT_EQ(pcm.samples, (std::vector<std::int16_t>{0, 0, 0}));
}

TEST(DisplayAudio, PlayerSpeaksQueuedCallsInOrderWithTheConfiguredReading) {
    TempDir dir;
    VoiceConfig config;
    config.number_reading = voice::NumberReading::Digits;
    config.phrase = "Nomor {letter} {number}, ke {counter_name}";
    voice::Announcer announcer(voice_settings(config));
    voice::AnnouncementQueue queue(60s);
    WavFileSink sink(dir / "out.wav");
    std::vector<std::string> timings;
    AnnouncementPlayer player(
        queue, announcer, sink, 80, true,
        [&](const AnnouncementPlayer::Timing& t) { timings.push_back(t.event_id); });
    player.start();
    queue.push(request("7", "B-123", 2));
    queue.push(request("8", "C-005", 3));
    EXPECT_FALSE(queue.push(request("7", "B-123", 2))) << "the same event is spoken once";
    ASSERT_TRUE(wait_until([&] { return player.played() == 2; }, 30s));
    player.stop();
    const auto lines = read_announcements(WavFileSink::log_path(dir / "out.wav"));
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(lines[0].phrase, "Nomor B satu, dua, tiga, ke Loket 2");
    EXPECT_EQ(lines[1].phrase, "Nomor C lima, ke Loket 3");
    EXPECT_EQ(timings, (std::vector<std::string>{"7", "8"}));
    EXPECT_EQ(player.failed(), 0u);
}

TEST(DisplayAudio, AnUnreadableCallIsSkippedAndTheNextStillSpoken) {
    voice::Announcer announcer;
    for (bool render : {true, false}) {
        voice::AnnouncementQueue queue(60s);
        NullSink sink;
        AnnouncementPlayer player(queue, announcer, sink, 100, render);
        player.start();
        queue.push(request("1", "???", 1));
        queue.push(request("2", "A-002", 1));
        ASSERT_TRUE(wait_until([&] { return player.played() == 1; }, 30s)) << render;
        EXPECT_EQ(player.failed(), 1u);
        player.stop();
    }
}

TEST(DisplayAudio, SdlSinkPlaysThroughTheAudioDeviceAndReturnsWhenDone) {
    // SDL's "disk" driver is a real audio device that writes what it plays to a file, in
    // real time: the same path as a sound card.
    TempDir dir;
    const auto raw = dir / "device.raw";
    setenv("SDL_AUDIODRIVER", "disk", 1);
    setenv("SDL_DISKAUDIOFILE", raw.c_str(), 1);
    voice::Pcm tone;
    for (int i = 0; i < voice::kSampleRate / 2; ++i)  // 0.5 s
        tone.samples.push_back(std::int16_t(i % 50 < 25 ? 6000 : -6000));
    voice::Phrase phrase;
    const auto r = request("1", "A-001", 1);
    std::chrono::steady_clock::time_point first{};
    const auto t0 = std::chrono::steady_clock::now();
    {
        SdlAudioSink sink;
        EXPECT_NE(sink.describe().find("disk"), std::string::npos) << sink.describe();
        sink.play({r, phrase, tone}, [&] { first = std::chrono::steady_clock::now(); });
    }
    const auto took = std::chrono::steady_clock::now() - t0;
    unsetenv("SDL_AUDIODRIVER");
    unsetenv("SDL_DISKAUDIOFILE");
    EXPECT_LT(first - t0, 200ms) << "queued at once";
    EXPECT_GE(took, 450ms) << "play() returns once the sound has been played";
    const std::string played = loket::testing::read_text(raw);
    ASSERT_GE(played.size(), tone.samples.size() * 2);
    // The device received our samples (mono 16-bit at 22.05 kHz, as opened).
    std::size_t loud = 0;
    for (std::size_t i = 0; i + 1 < played.size(); i += 2) {
        const auto s = std::int16_t(std::uint16_t(std::uint8_t(played[i])) |
                                    std::uint16_t(std::uint8_t(played[i + 1])) << 8);
        loud += std::abs(int(s)) > 5000;
    }
    EXPECT_GE(loud, tone.samples.size() * 9 / 10);
}

}  // namespace
}  // namespace loket::display
