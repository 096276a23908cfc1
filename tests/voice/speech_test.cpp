// Sound: espeak-ng's Indonesian voice, the chime, WAV in and out, recorded clip assembly and
// the announcer that ties them to the queue.
#include "loket/speech.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iostream>
#include <thread>

#include "loket/input_error.hpp"
#include "temp_dir.hpp"
#include "wav_fixture.hpp"

namespace loket::voice {
namespace {

using namespace std::chrono_literals;
using loket::testing::TempDir;
using testing::tone;
using testing::write_pcm16_wav;
using testing::zero_crossing_hz;

const char* const kDefaultSpeech = "Nomor antrean a, dua belas, silakan menuju loket dua";

TEST(Espeak, SpeaksTheDefaultPhrase) {
    const EspeakVoice voice;
    const auto start = std::chrono::steady_clock::now();
    const auto pcm = voice.synthesize(kDefaultSpeech);
    const auto took =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start);
    std::cout << "[ measure  ] espeak-ng 'id' default phrase: " << took.count() << " ms for "
              << pcm.seconds() << " s of audio\n";
    RecordProperty("synthesis_ms", static_cast<int>(took.count()));
    EXPECT_EQ(pcm.sample_rate, kSampleRate);
    EXPECT_GT(rms(pcm), 0.02) << "synthesised audio is (nearly) silent";
    EXPECT_GT(pcm.seconds(), 1.5);
    EXPECT_LT(pcm.seconds(), 10.0);
}

TEST(Espeak, LongerPhrasesGiveLongerAudio) {
    const EspeakVoice voice;
    const auto word = voice.synthesize("dua");
    const auto phrase = voice.synthesize(kDefaultSpeech);
    const auto longer =
        voice.synthesize(std::string(kDefaultSpeech) + ", layanan informasi, loket pendaftaran");
    EXPECT_GT(rms(word), 0.02);
    EXPECT_LT(word.seconds(), phrase.seconds());
    EXPECT_LT(phrase.seconds() + 1.0, longer.seconds());
}

TEST(Espeak, RateAndVolumeSettings) {
    const auto normal = EspeakVoice({.rate_wpm = 140}).synthesize(kDefaultSpeech);
    const auto fast = EspeakVoice({.rate_wpm = 300}).synthesize(kDefaultSpeech);
    const auto quiet = EspeakVoice({.volume = 30}).synthesize(kDefaultSpeech);
    EXPECT_LT(fast.seconds(), normal.seconds() * 0.75);
    EXPECT_LT(rms(quiet), rms(normal) * 0.6);
    EXPECT_THROW(EspeakVoice({.rate_wpm = 20}), InputError);
    EXPECT_THROW(EspeakVoice({.volume = 500}), InputError);
    EXPECT_THROW(EspeakVoice({.pitch = -1}), InputError);
    EXPECT_THROW(EspeakVoice({.voice = "no-such-voice-xx"}), SpeechError);
    // A failed voice change does not break the voices already made.
    EXPECT_GT(rms(EspeakVoice().synthesize("satu")), 0.02);
}

TEST(Espeak, SafeFromManyThreads) {
    const EspeakVoice slow({.rate_wpm = 120});
    const EspeakVoice fast({.rate_wpm = 250});
    // espeak-ng varies its output slightly from call to call (a few hundred samples), so
    // check that each call got its own voice's rate: slow and fast differ by more than 2x.
    const auto expect_slow = static_cast<double>(slow.synthesize(kDefaultSpeech).samples.size());
    const auto expect_fast = static_cast<double>(fast.synthesize(kDefaultSpeech).samples.size());
    ASSERT_GT(expect_slow, 2 * expect_fast);
    std::vector<std::thread> threads;
    std::atomic<int> wrong{0};
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
            for (int i = 0; i < 3; ++i) {
                const auto& voice = t % 2 ? fast : slow;
                const auto want = t % 2 ? expect_fast : expect_slow;
                const auto got =
                    static_cast<double>(voice.synthesize(kDefaultSpeech).samples.size());
                if (std::abs(got - want) > 0.05 * want)
                    ++wrong;
            }
        });
    for (auto& t : threads)
        t.join();
    EXPECT_EQ(wrong, 0);  // each call got its own voice's settings, whole
}

TEST(Chime, TingThenTong) {
    const ChimeSettings settings;
    const auto pcm = chime(settings);
    EXPECT_EQ(pcm.samples.size(), static_cast<std::size_t>((450 + 1000) * kSampleRate / 1000));
    const auto peak = *std::max_element(pcm.samples.begin(), pcm.samples.end(),
                                        [](auto a, auto b) { return std::abs(a) < std::abs(b); });
    EXPECT_NEAR(std::abs(peak) / 32767.0, settings.level, 0.01);
    const auto at = [](double s) { return static_cast<std::size_t>(s * kSampleRate); };
    EXPECT_NEAR(zero_crossing_hz(pcm.samples, at(0.01), at(0.40), kSampleRate), settings.first_hz,
                10);
    EXPECT_NEAR(zero_crossing_hz(pcm.samples, at(0.60), at(0.90), kSampleRate), settings.second_hz,
                25);
    // Decays: the last 100 ms are far quieter than the start of the second tone.
    const Pcm tail{{pcm.samples.end() - at(0.1), pcm.samples.end()}, kSampleRate};
    const Pcm strike{{pcm.samples.begin() + at(0.45), pcm.samples.begin() + at(0.55)}, kSampleRate};
    EXPECT_LT(rms(tail), rms(strike) / 50);
}

TEST(Wav, ChimeAndPhraseWrittenAndReadBack) {
    TempDir dir;
    const Announcer announcer;
    const auto rendered = announcer.render(CallInfo{"A-012", 2, "", ""});
    EXPECT_EQ(rendered.source, VoiceSource::Espeak);
    const auto ding = chime();
    ASSERT_GT(rendered.pcm.samples.size(), ding.samples.size());
    EXPECT_TRUE(std::equal(ding.samples.begin(), ding.samples.end(), rendered.pcm.samples.begin()));
    std::cout << "[ measure  ] chime + default phrase: " << rendered.pcm.seconds() << " s\n";

    const auto path = dir / "call.wav";
    write_wav(path, rendered.pcm);
    const auto back = read_wav(path);
    EXPECT_EQ(back.sample_rate, kSampleRate);
    EXPECT_EQ(back.samples, rendered.pcm.samples);
    EXPECT_EQ(std::filesystem::file_size(path), 44 + 2 * rendered.pcm.samples.size());
    EXPECT_THROW(write_wav(dir / "no-such-dir" / "x.wav", rendered.pcm), SpeechError);
}

TEST(Wav, OtherRatesAndStereoAreConverted) {
    TempDir dir;
    write_pcm16_wav(dir / "stereo44.wav", 44100, 2, tone(440, 44100, 22050, 0.5, 2));
    const auto stereo = read_wav(dir / "stereo44.wav");
    EXPECT_EQ(stereo.sample_rate, kSampleRate);
    EXPECT_NEAR(static_cast<double>(stereo.samples.size()), 11025, 4);
    EXPECT_NEAR(zero_crossing_hz(stereo.samples, 100, 11000, kSampleRate), 440, 3);
    EXPECT_NEAR(rms(stereo), 0.5 / std::sqrt(2.0), 0.01);

    write_pcm16_wav(dir / "mono16k.wav", 16000, 1, tone(300, 16000, 8000));
    const auto mono = read_wav(dir / "mono16k.wav");
    EXPECT_NEAR(static_cast<double>(mono.samples.size()), 11025, 4);
    EXPECT_NEAR(zero_crossing_hz(mono.samples, 100, 11000, kSampleRate), 300, 3);
}

TEST(Wav, BadFilesAreRejectedClearly) {
    TempDir dir;
    std::ofstream(dir / "text.wav") << "this is not audio";
    try {
        read_wav(dir / "text.wav");
        FAIL();
    } catch (const InputError& e) {
        EXPECT_EQ(e.source(), (dir / "text.wav").string());
    }
    write_pcm16_wav(dir / "quad.wav", 22050, 4, tone(440, 22050, 100, 0.5, 4));
    try {
        read_wav(dir / "quad.wav");
        FAIL();
    } catch (const InputError& e) {
        EXPECT_EQ(e.field(), "channels");
        EXPECT_NE(e.reason().find("4 channels"), std::string::npos);
    }
    write_pcm16_wav(dir / "slow.wav", 4000, 1, tone(440, 4000, 100));
    EXPECT_THROW(read_wav(dir / "slow.wav"), InputError);
    EXPECT_THROW(read_wav(dir / "absent.wav"), InputError);
}

// Every word of "Nomor antrean A, dua belas, silakan menuju loket dua" as a distinct tone.
const std::vector<std::pair<std::string, double>> kDefaultWords = {
    {"nomor", 300}, {"antrean", 350}, {"a", 400},      {"dua", 450},
    {"belas", 500}, {"silakan", 550}, {"menuju", 600}, {"loket", 650}};

std::size_t write_clip_folder(const std::filesystem::path& dir) {
    std::size_t total = 0;  // samples of the default phrase's words, "dua" twice
    for (const auto& [word, hz] : kDefaultWords) {
        const std::size_t frames = 2205 + static_cast<std::size_t>(hz);  // ~0.1 s, all different
        write_pcm16_wav(dir / (word + ".wav"), kSampleRate, 1, tone(hz, kSampleRate, frames));
        total += frames * (word == "dua" ? 2 : 1);
    }
    return total;
}

// Gaps in the default phrase: pauses after "a," and "belas,", word gaps elsewhere.
std::size_t default_gaps(const ClipSettings& s) {
    return 2 * (s.pause_gap.count() * kSampleRate / 1000) +
           6 * (s.word_gap.count() * kSampleRate / 1000);
}

TEST(Clips, AssembledWithGaps) {
    TempDir dir;
    const auto words = write_clip_folder(dir.path());
    const ClipVoice clips({.folder = dir.path()});
    const auto phrase = PhraseBuilder().build(CallInfo{"A-012", 2, "", ""});
    EXPECT_TRUE(clips.missing(phrase).empty());
    const auto pcm = clips.assemble(phrase);
    // The tones start at a zero crossing; trimming may take a sample or two off each end.
    EXPECT_NEAR(static_cast<double>(pcm.samples.size()),
                static_cast<double>(words + default_gaps(clips.settings())), 2 * 9);
    // First word is "nomor" (300 Hz), then a gap of silence.
    EXPECT_NEAR(zero_crossing_hz(pcm.samples, 0, 2000, kSampleRate), 300, 15);
}

TEST(Clips, LooseSilenceTrimmedAndOtherRatesAccepted) {
    TempDir dir;
    write_clip_folder(dir.path());
    // "nomor" recorded at 44.1 kHz with half a second of silence either side.
    std::vector<std::int16_t> padded(22050, 0);
    const auto body = tone(300, 44100, 8820);
    padded.insert(padded.end(), body.begin(), body.end());
    padded.insert(padded.end(), 22050, 0);
    write_pcm16_wav(dir / "nomor.wav", 44100, 1, padded);
    const ClipVoice clips({.folder = dir.path()});
    const auto nomor = clips.assemble(PhraseBuilder("nomor").build(CallInfo{}));
    EXPECT_NEAR(static_cast<double>(nomor.samples.size()), 4410, 40);  // 0.2 s of tone only
}

TEST(Clips, MissingWordsListed) {
    TempDir dir;
    write_clip_folder(dir.path());
    std::filesystem::remove(dir / "belas.wav");
    std::filesystem::remove(dir / "loket.wav");
    const ClipVoice clips({.folder = dir.path()});
    const auto phrase = PhraseBuilder().build(CallInfo{"A-012", 2, "", ""});
    EXPECT_EQ(clips.missing(phrase), (std::vector<std::string>{"belas", "loket"}));
    try {
        clips.assemble(phrase);
        FAIL();
    } catch (const MissingClipsError& e) {
        EXPECT_EQ(e.words(), (std::vector<std::string>{"belas", "loket"}));
        const std::string what = e.what();
        EXPECT_NE(what.find(dir.path().string()), std::string::npos) << what;
        EXPECT_NE(what.find("belas.wav, loket.wav"), std::string::npos) << what;
    }
    EXPECT_THROW(ClipVoice({.folder = dir / "absent"}), InputError);
}

TEST(Clips, ChangedClipIsReadAgain) {
    TempDir dir;
    write_clip_folder(dir.path());
    const ClipVoice clips({.folder = dir.path()});
    const auto phrase = PhraseBuilder("dua").build(CallInfo{});
    // The tone starts at a zero sample, which trimming removes.
    EXPECT_NEAR(static_cast<double>(clips.assemble(phrase).samples.size()), 2205 + 450, 2);
    write_pcm16_wav(dir / "dua.wav", kSampleRate, 1, tone(450, kSampleRate, 1000));
    std::filesystem::last_write_time(dir / "dua.wav",
                                     std::filesystem::last_write_time(dir / "dua.wav") + 2s);
    EXPECT_NEAR(static_cast<double>(clips.assemble(phrase).samples.size()), 1000, 2);
}

TEST(Announcer, PrefersClipsAndFallsBackToEspeak) {
    TempDir dir;
    write_clip_folder(dir.path());
    VoiceSettings settings;
    settings.clips = ClipSettings{.folder = dir.path()};
    const Announcer announcer(settings);

    const auto recorded = announcer.render(CallInfo{"A-012", 2, "", ""});
    EXPECT_EQ(recorded.source, VoiceSource::Clips);
    EXPECT_TRUE(recorded.fallback_reason.empty());
    EXPECT_EQ(recorded.phrase.display_text, "Nomor antrean A, dua belas, silakan menuju loket dua");

    const auto fallback = announcer.render(CallInfo{"B-012", 2, "", ""});  // no "be.wav"
    EXPECT_EQ(fallback.source, VoiceSource::Espeak);
    EXPECT_NE(fallback.fallback_reason.find("be.wav"), std::string::npos)
        << fallback.fallback_reason;
    EXPECT_GT(rms(fallback.pcm), 0.02);

    settings.chime = false;
    const auto plain = Announcer(settings).render(CallInfo{"A-012", 2, "", ""});
    EXPECT_EQ(recorded.pcm.samples.size(),
              plain.pcm.samples.size() + chime().samples.size() + 250 * kSampleRate / 1000);
}

TEST(Announcer, NextAudioFromTheQueue) {
    AnnouncementQueue queue;
    const Announcer announcer;
    queue.push({"e1", std::chrono::system_clock::now(), CallInfo{"C-101", 3, "", ""}, false});
    queue.push({"e2", std::chrono::system_clock::now(), CallInfo{"bad ticket", 3, "", ""}, false});
    queue.push({"e3", std::chrono::system_clock::now(), CallInfo{"C-102", 4, "", ""}, false});
    auto first = next_audio(queue, announcer, 1s);
    ASSERT_TRUE(first);
    EXPECT_EQ(first->audio.phrase.display_text,
              "Nomor antrean C, seratus satu, silakan menuju loket tiga");
    EXPECT_GT(first->audio.pcm.seconds(), 2.0);
    EXPECT_FALSE(next_audio(queue, announcer, 10ms));  // still speaking
    queue.finished();
    EXPECT_THROW(next_audio(queue, announcer, 1s), InputError);  // bad ticket, finished for us
    auto third = next_audio(queue, announcer, 1s);
    ASSERT_TRUE(third);
    EXPECT_EQ(third->request.event_id, "e3");
}

}  // namespace
}  // namespace loket::voice
