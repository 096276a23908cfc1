#pragma once
// The display's voice: calls go into loket::voice::AnnouncementQueue; one player thread takes
// them one at a time, renders chime + phrase (espeak-ng or recorded clips) and hands the
// samples to a sink, which returns only when they have been played, so a new call never cuts
// off the one being spoken. Sinks: a WAV file (tests, and for listening without speakers), or
// nothing; the sound card's (SDL audio) is the UI side's, sound_card.hpp.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "config.hpp"
#include "floor_model.hpp"
#include "loket/speech.hpp"

namespace loket::display {

struct Playback {
    const voice::AnnouncementRequest& request;
    const voice::Phrase& phrase;
    const voice::Pcm& pcm;
};

class AudioSink {
  public:
    virtual ~AudioSink() = default;
    // Plays the samples; returns once they have been played (or at once for sinks that do
    // not play in real time). on_first_sample is called when the first sample leaves.
    virtual void play(const Playback& playback, const std::function<void()>& on_first_sample) = 0;
    // Makes a play() in progress return soon (shutdown).
    virtual void interrupt() {}
    virtual std::string describe() const = 0;
};

// Appends every announcement to one 16-bit mono WAV file, followed by `gap` of silence; the
// header is rewritten after each append so the file is always valid. FILE.log gets one
// tab-separated line per announcement: event id, ticket, counter, recall (0/1), first sample,
// sample count, phrase.
class WavFileSink : public AudioSink {
  public:
    // Throws std::runtime_error when the file cannot be created.
    explicit WavFileSink(std::filesystem::path path,
                         std::chrono::milliseconds gap = std::chrono::milliseconds(500));
    void play(const Playback& playback, const std::function<void()>& on_first_sample) override;
    std::string describe() const override;
    static std::filesystem::path log_path(const std::filesystem::path& wav);

  private:
    void write_header();
    std::filesystem::path path_;
    std::chrono::milliseconds gap_;
    std::fstream file_;
    std::ofstream log_;
    std::uint64_t samples_ = 0;
};

// Discards the sound (a headless display with no --audio-out): announcements still go
// through the queue and the log.
class NullSink : public AudioSink {
  public:
    void play(const Playback&, const std::function<void()>& on_first_sample) override {
        on_first_sample();
    }
    std::string describe() const override { return "no audio output"; }
};

// Scales samples by volume 0..100.
void apply_volume(voice::Pcm& pcm, int volume);

voice::VoiceSettings voice_settings(const VoiceConfig& config);
voice::CallInfo call_info(const CallRecord& call);

// Runs the voice loop on its own thread.
class AnnouncementPlayer {
  public:
    struct Timing {
        std::string event_id;
        std::chrono::steady_clock::time_point rendered;      // speech ready
        std::chrono::steady_clock::time_point first_sample;  // handed to the sink
        double seconds = 0;                                  // length of the audio
        bool rendered_speech = true;  // false: the sink discards audio, nothing was rendered
    };
    using TimingFn = std::function<void(const Timing&)>;

    // When render is false (NullSink), phrases are built but no speech is synthesised.
    AnnouncementPlayer(voice::AnnouncementQueue& queue, const voice::Announcer& announcer,
                       AudioSink& sink, int volume, bool render = true, TimingFn on_played = {});
    ~AnnouncementPlayer();  // stops
    void start();
    void stop();
    std::uint64_t played() const { return played_; }
    std::uint64_t failed() const { return failed_; }

  private:
    void loop();
    voice::AnnouncementQueue& queue_;
    const voice::Announcer& announcer_;
    AudioSink& sink_;
    int volume_;
    bool render_;
    TimingFn on_played_;
    std::atomic<bool> stopping_{false};
    std::atomic<std::uint64_t> played_{0}, failed_{0};
    std::thread thread_;
};

}  // namespace loket::display
