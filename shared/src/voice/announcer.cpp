#include "loket/input_error.hpp"
#include "loket/speech.hpp"

namespace loket::voice {

Announcer::Announcer(VoiceSettings settings)
    : settings_(std::move(settings)),
      phrases_(settings_.phrase_template, settings_.number_reading) {
    if (settings_.clips)
        clips_.emplace(*settings_.clips);
    // With clips configured espeak-ng is only the fallback: a broken espeak-ng must not stop
    // an office whose recordings are complete.
    try {
        espeak_.emplace(settings_.espeak);
    } catch (const SpeechError& e) {
        if (!clips_)
            throw;
        espeak_error_ = e.what();
    }
    if (settings_.chime) {
        chime_ = chime(settings_.chime_settings);
        append(chime_, silence(settings_.gap_after_chime));
    }
}

RenderedAnnouncement Announcer::render(const CallInfo& call) const {
    RenderedAnnouncement out;
    out.phrase = phrases_.build(call);
    std::optional<Pcm> body;
    if (clips_) {
        try {
            body = clips_->assemble(out.phrase);
            out.source = VoiceSource::Clips;
        } catch (const MissingClipsError& e) {
            out.fallback_reason = e.what();
        } catch (const InputError& e) {
            out.fallback_reason = e.what();  // an unreadable or silent clip
        }
    }
    if (!body) {
        if (!espeak_)
            throw SpeechError(out.fallback_reason +
                              "; and espeak-ng is unavailable: " + espeak_error_);
        body = espeak_->synthesize(out.phrase.speech_text);
        out.source = VoiceSource::Espeak;
    }
    out.pcm = chime_;
    append(out.pcm, *body);
    return out;
}

std::optional<PlayableAnnouncement> next_audio(AnnouncementQueue& queue, const Announcer& announcer,
                                               std::chrono::milliseconds timeout) {
    auto request = queue.wait_next(timeout);
    if (!request)
        return std::nullopt;
    try {
        auto audio = announcer.render(request->call);
        return PlayableAnnouncement{std::move(*request), std::move(audio)};
    } catch (...) {
        queue.finished();  // nothing will play, so do not block the calls behind it
        throw;
    }
}

}  // namespace loket::voice
