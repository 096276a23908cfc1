#pragma once
// The display's sound card, on the UI side with the rest of SDL, so display_lib (model, stream,
// voice pipeline) builds and is tested without SDL.
#include <atomic>
#include <cstdint>
#include <string>

#include "audio.hpp"

namespace loket::display {

// SDL audio: one device opened for 22.05 kHz mono 16-bit, samples queued with
// SDL_QueueAudio; play() waits until the queue has drained. Throws std::runtime_error when
// no device opens.
class SdlAudioSink : public AudioSink {
  public:
    SdlAudioSink();
    ~SdlAudioSink() override;
    void play(const Playback& playback, const std::function<void()>& on_first_sample) override;
    void interrupt() override { interrupted_ = true; }
    std::string describe() const override;

  private:
    std::uint32_t device_ = 0;
    std::string name_;
    std::atomic<bool> interrupted_{false};
};

}  // namespace loket::display
