#include "sound_card.hpp"

#include <SDL.h>

#include <stdexcept>

namespace loket::display {

SdlAudioSink::SdlAudioSink() {
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0)
        throw std::runtime_error(std::string("SDL audio: ") + SDL_GetError());
    SDL_AudioSpec want{}, have{};
    want.freq = voice::kSampleRate;
    want.format = AUDIO_S16SYS;
    want.channels = 1;
    want.samples = 1024;  // ~46 ms per buffer: low latency to the first sample
    device_ = SDL_OpenAudioDevice(nullptr, 0, &want, &have, 0);
    if (device_ == 0) {
        const std::string why = SDL_GetError();
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
        throw std::runtime_error("SDL audio: no output device: " + why);
    }
    const char* driver = SDL_GetCurrentAudioDriver();
    name_ = std::string("SDL audio (") + (driver ? driver : "?") + ")";
    SDL_PauseAudioDevice(device_, 0);
}

SdlAudioSink::~SdlAudioSink() {
    if (device_ != 0)
        SDL_CloseAudioDevice(device_);
    SDL_QuitSubSystem(SDL_INIT_AUDIO);
}

void SdlAudioSink::play(const Playback& p, const std::function<void()>& on_first_sample) {
    if (SDL_QueueAudio(device_, p.pcm.samples.data(),
                       Uint32(p.pcm.samples.size() * sizeof(std::int16_t))) != 0) {
        throw std::runtime_error(std::string("SDL_QueueAudio: ") + SDL_GetError());
    }
    on_first_sample();
    // Wait for the queue to drain, then a short pause before the next announcement.
    while (!interrupted_ && SDL_GetQueuedAudioSize(device_) > 0)
        SDL_Delay(20);
    for (int i = 0; i < 20 && !interrupted_; ++i)
        SDL_Delay(20);
    if (interrupted_)
        SDL_ClearQueuedAudio(device_);
}

std::string SdlAudioSink::describe() const {
    return name_;
}

}  // namespace loket::display
