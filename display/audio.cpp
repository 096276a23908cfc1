#include "audio.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <stdexcept>

#include "text.hpp"

namespace loket::display {
namespace {

void put_u32(char* at, std::uint32_t v) {
    for (int i = 0; i < 4; ++i)
        at[i] = char((v >> (8 * i)) & 0xFF);
}
void put_u16(char* at, std::uint16_t v) {
    at[0] = char(v & 0xFF);
    at[1] = char(v >> 8);
}

// 16-bit mono PCM WAV header for `samples` samples.
std::array<char, 44> wav_header(std::uint64_t samples, int rate) {
    std::array<char, 44> h{};
    const auto data_bytes = std::uint32_t(std::min<std::uint64_t>(samples * 2, 0xFFFFFFF0u - 36));
    std::memcpy(h.data(), "RIFF", 4);
    put_u32(h.data() + 4, 36 + data_bytes);
    std::memcpy(h.data() + 8, "WAVEfmt ", 8);
    put_u32(h.data() + 16, 16);
    put_u16(h.data() + 20, 1);  // PCM
    put_u16(h.data() + 22, 1);  // mono
    put_u32(h.data() + 24, std::uint32_t(rate));
    put_u32(h.data() + 28, std::uint32_t(rate * 2));
    put_u16(h.data() + 32, 2);
    put_u16(h.data() + 34, 16);
    std::memcpy(h.data() + 36, "data", 4);
    put_u32(h.data() + 40, data_bytes);
    return h;
}

std::string one_line(std::string text) {
    std::replace(text.begin(), text.end(), '\t', ' ');
    std::replace(text.begin(), text.end(), '\n', ' ');
    return text;
}

}  // namespace

void apply_volume(voice::Pcm& pcm, int volume) {
    volume = std::clamp(volume, 0, 100);
    if (volume == 100)
        return;
    for (auto& s : pcm.samples)
        s = std::int16_t(int(s) * volume / 100);
}

voice::VoiceSettings voice_settings(const VoiceConfig& config) {
    voice::VoiceSettings s;
    s.phrase_template = config.phrase;
    s.number_reading = config.number_reading;
    s.chime = config.chime;
    if (config.clips) {
        voice::ClipSettings clips;
        clips.folder = *config.clips;
        s.clips = clips;
    }
    s.espeak.rate_wpm = config.espeak_rate_wpm;
    return s;
}

voice::CallInfo call_info(const CallRecord& call) {
    // The phrase is Indonesian whatever the screen's language.
    return voice::CallInfo{
        call.number, call.counter,
        counter_label(texts(Language::Indonesian), call.counter_name, call.counter),
        call.service_name};
}

// ---- WAV file ----

std::filesystem::path WavFileSink::log_path(const std::filesystem::path& wav) {
    return std::filesystem::path(wav.string() + ".log");
}

WavFileSink::WavFileSink(std::filesystem::path path, std::chrono::milliseconds gap)
    : path_(std::move(path)), gap_(gap) {
    if (path_.has_parent_path())
        std::filesystem::create_directories(path_.parent_path());
    file_.open(path_, std::ios::binary | std::ios::in | std::ios::out | std::ios::trunc);
    log_.open(log_path(path_), std::ios::trunc);
    if (!file_ || !log_)
        throw std::runtime_error("cannot create " + path_.string());
    write_header();
}

void WavFileSink::write_header() {
    const auto header = wav_header(samples_, voice::kSampleRate);
    file_.seekp(0);
    file_.write(header.data(), std::streamsize(header.size()));
    file_.seekp(0, std::ios::end);
    file_.flush();
}

void WavFileSink::play(const Playback& p, const std::function<void()>& on_first_sample) {
    const std::uint64_t first = samples_;
    file_.seekp(0, std::ios::end);
    // Little-endian host (x86-64, ARM): the samples are written as they are.
    file_.write(reinterpret_cast<const char*>(p.pcm.samples.data()),
                std::streamsize(p.pcm.samples.size() * sizeof(std::int16_t)));
    const voice::Pcm gap = voice::silence(gap_);
    file_.write(reinterpret_cast<const char*>(gap.samples.data()),
                std::streamsize(gap.samples.size() * sizeof(std::int16_t)));
    samples_ += p.pcm.samples.size() + gap.samples.size();
    write_header();
    if (!file_)
        throw std::runtime_error("cannot write " + path_.string());
    on_first_sample();
    log_ << p.request.event_id << '\t' << p.request.call.ticket << '\t' << p.request.call.counter
         << '\t' << (p.request.recall ? 1 : 0) << '\t' << first << '\t' << p.pcm.samples.size()
         << '\t' << one_line(p.phrase.display_text) << '\n';
    log_.flush();
}

std::string WavFileSink::describe() const {
    return "WAV file " + path_.string();
}

// ---- The player ----

AnnouncementPlayer::AnnouncementPlayer(voice::AnnouncementQueue& queue,
                                       const voice::Announcer& announcer, AudioSink& sink,
                                       int volume, bool render, TimingFn on_played)
    : queue_(queue),
      announcer_(announcer),
      sink_(sink),
      volume_(volume),
      render_(render),
      on_played_(std::move(on_played)) {}

AnnouncementPlayer::~AnnouncementPlayer() {
    stop();
}

void AnnouncementPlayer::start() {
    if (thread_.joinable())
        return;
    stopping_ = false;
    thread_ = std::thread([this] { loop(); });
}

void AnnouncementPlayer::stop() {
    stopping_ = true;
    sink_.interrupt();
    if (thread_.joinable())
        thread_.join();
}

void AnnouncementPlayer::loop() {
    using namespace std::chrono;
    while (!stopping_) {
        std::optional<voice::PlayableAnnouncement> item;
        try {
            if (render_) {
                item = voice::next_audio(queue_, announcer_, milliseconds(200));
            } else if (auto request = queue_.wait_next(milliseconds(200))) {
                voice::RenderedAnnouncement audio;
                try {
                    audio.phrase = announcer_.phrases().build(request->call);
                } catch (...) {
                    queue_.finished();  // as next_audio does: never block the calls behind
                    throw;
                }
                item = voice::PlayableAnnouncement{std::move(*request), std::move(audio)};
            }
        } catch (const std::exception& e) {
            ++failed_;
            spdlog::error("display: cannot render the announcement: {}", e.what());
            continue;
        }
        if (!item)
            continue;
        Timing timing;
        timing.event_id = item->request.event_id;
        timing.rendered = steady_clock::now();
        timing.rendered_speech = render_;
        if (!item->audio.fallback_reason.empty())
            spdlog::warn("display: recorded clips not used: {}", item->audio.fallback_reason);
        apply_volume(item->audio.pcm, volume_);
        timing.seconds = item->audio.pcm.seconds();
        try {
            sink_.play({item->request, item->audio.phrase, item->audio.pcm},
                       [&] { timing.first_sample = steady_clock::now(); });
            ++played_;
            spdlog::info("display: announced \"{}\" ({:.1f} s, {})",
                         item->audio.phrase.display_text, timing.seconds, sink_.describe());
        } catch (const std::exception& e) {
            ++failed_;
            spdlog::error("display: cannot play the announcement: {}", e.what());
        }
        queue_.finished();
        if (on_played_)
            on_played_(timing);
    }
}

}  // namespace loket::display
