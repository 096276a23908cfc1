#pragma once
// Turning phrases into sound: 16-bit mono PCM at one fixed rate, from espeak-ng's Indonesian
// voice or from the office's recorded word clips, with a generated "ting-tong" chime first.
// No audio device here: the display plays the samples through SDL itself.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "loket/announcement.hpp"

namespace loket::voice {

// espeak-ng's native rate; clips at other rates are resampled to it.
inline constexpr int kSampleRate = 22050;

struct Pcm {
    std::vector<std::int16_t> samples;  // mono
    int sample_rate = kSampleRate;

    double seconds() const { return static_cast<double>(samples.size()) / sample_rate; }
};

// Root mean square level, 0 (silence) .. 1 (full-scale square wave).
double rms(const Pcm& pcm);
Pcm silence(std::chrono::milliseconds duration, int sample_rate = kSampleRate);
// Appends `tail` to `pcm`; both must have the same rate (std::invalid_argument otherwise).
void append(Pcm& pcm, const Pcm& tail);
// Converts to another rate with libsamplerate.
Pcm resample(const Pcm& pcm, int sample_rate);

// Reads a WAV file (PCM 8/16/24/32-bit or float; mono or stereo, stereo is mixed down) and
// converts it to kSampleRate. Throws InputError(path, ...) saying what is wrong with it.
Pcm read_wav(const std::filesystem::path& path);
// Writes 16-bit mono PCM WAV. Throws SpeechError when the file cannot be written.
void write_wav(const std::filesystem::path& path, const Pcm& pcm);

// Synthesis or assembly failed for a reason other than bad input (espeak-ng missing its
// data, a file not writable).
class SpeechError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// ---- Chime ----

struct ChimeSettings {
    double first_hz = 659.25;   // "ting": E5
    double second_hz = 523.25;  // "tong": C5, a major third below
    std::chrono::milliseconds second_after{450};
    std::chrono::milliseconds ring{1000};  // each tone's length; it decays to about -50 dB
    double level = 0.45;                   // peak, fraction of full scale
};
// Two struck sine tones with an exponential decay, generated (no asset file).
Pcm chime(const ChimeSettings& settings = {});

// ---- espeak-ng ----

struct EspeakSettings {
    std::string voice = "id";  // espeak-ng's Indonesian voice
    int rate_wpm = 140;        // 80..450; a bit slower than espeak's 175 for a noisy hall
    int volume = 100;          // 0..200
    int pitch = 50;            // 0..100
    // espeak-ng-data's parent folder; empty for the library's built-in default. The first
    // EspeakVoice created in the process initialises espeak-ng and its path wins.
    std::string data_path{};
};

// espeak-ng in synchronous mode, collecting samples through its callback. espeak-ng is not
// thread-safe and keeps global state, so every call into it holds one process-wide mutex and
// re-applies this object's voice and parameters.
class EspeakVoice {
  public:
    // Throws InputError("voice settings", ...) for out-of-range settings and SpeechError when
    // espeak-ng cannot start or does not know the voice.
    explicit EspeakVoice(EspeakSettings settings = {});
    // Throws SpeechError when synthesis fails.
    Pcm synthesize(std::string_view text) const;
    const EspeakSettings& settings() const { return settings_; }

  private:
    EspeakSettings settings_;
};

// ---- Recorded clips ----

// One recorded word is missing from the clip folder; what() lists them all.
class MissingClipsError : public std::runtime_error {
  public:
    MissingClipsError(std::filesystem::path folder, std::vector<std::string> words);
    const std::vector<std::string>& words() const { return words_; }

  private:
    std::vector<std::string> words_;
};

struct ClipSettings {
    std::filesystem::path folder;  // one WAV per word: folder/<word>.wav (docs/voice-clips.md)
    std::chrono::milliseconds word_gap{60};    // between words
    std::chrono::milliseconds pause_gap{300};  // where the text has a comma or full stop
    // Leading and trailing samples quieter than this are trimmed from each clip so recordings
    // with loose silence still join tightly (about -54 dBFS).
    std::int16_t trim_below = 64;
};

// Assembles phrases from the office's recordings. Clips are read on first use and cached;
// a clip file changed on disk is read again.
class ClipVoice {
  public:
    // Throws InputError(folder, ...) when the folder does not exist.
    explicit ClipVoice(ClipSettings settings);
    // The phrase's words with no clip, in order of first appearance.
    std::vector<std::string> missing(const Phrase& phrase) const;
    // Throws MissingClipsError listing every missing word, InputError for an unreadable clip.
    Pcm assemble(const Phrase& phrase) const;
    const ClipSettings& settings() const { return settings_; }
    std::filesystem::path clip_path(std::string_view word) const;

  private:
    struct Cached {
        std::filesystem::file_time_type modified;
        Pcm pcm;
    };
    const Pcm& clip_locked(const std::string& word) const;

    ClipSettings settings_;
    mutable std::mutex mutex_;
    mutable std::map<std::string, Cached> cache_;
};

// ---- The whole announcement ----

struct VoiceSettings {
    std::string phrase_template{default_phrase_template()};
    NumberReading number_reading = NumberReading::Words;
    bool chime = true;
    ChimeSettings chime_settings;
    std::chrono::milliseconds gap_after_chime{250};
    // Recorded clips are preferred when set; missing words fall back to espeak-ng.
    std::optional<ClipSettings> clips;
    EspeakSettings espeak;
};

enum class VoiceSource { Clips, Espeak };

struct RenderedAnnouncement {
    Phrase phrase;
    Pcm pcm;  // chime, gap, phrase
    VoiceSource source = VoiceSource::Espeak;
    // Why recorded clips were not used although configured (for the log); empty otherwise.
    std::string fallback_reason;
};

// Phrase builder + chime + clips or espeak-ng. Thread-safe.
class Announcer {
  public:
    // Throws InputError for a bad template or settings, SpeechError when espeak-ng fails.
    explicit Announcer(VoiceSettings settings = {});
    RenderedAnnouncement render(const CallInfo& call) const;
    const PhraseBuilder& phrases() const { return phrases_; }

  private:
    VoiceSettings settings_;
    PhraseBuilder phrases_;
    std::optional<ClipVoice> clips_;
    std::optional<EspeakVoice> espeak_;
    std::string espeak_error_;  // why espeak_ is empty
    Pcm chime_;                 // with the gap after it; empty when the chime is off
};

// The display's voice loop, one step: waits up to `timeout` for the next fresh request and
// renders it. Play the PCM, then call queue.finished(); until then nothing else is handed out.
// A request that fails to render is finished at once and the error rethrown.
struct PlayableAnnouncement {
    AnnouncementRequest request;
    RenderedAnnouncement audio;
};
std::optional<PlayableAnnouncement> next_audio(AnnouncementQueue& queue, const Announcer& announcer,
                                               std::chrono::milliseconds timeout);

}  // namespace loket::voice
