#include <espeak-ng/espeak_ng.h>
#include <espeak-ng/speak_lib.h>

#include <mutex>

#include "loket/input_error.hpp"
#include "loket/speech.hpp"

namespace loket::voice {
namespace {

// espeak-ng keeps its voice, parameters and callback in globals and is not thread-safe:
// every call into it happens under this mutex.
std::mutex& espeak_mutex() {
    static std::mutex mutex;
    return mutex;
}

struct EspeakState {
    bool tried = false;
    std::string error;  // why initialisation failed, empty when it worked
    int sample_rate = 0;
};
EspeakState& state() {
    static EspeakState s;
    return s;
}

std::string status_text(espeak_ng_STATUS status) {
    char buffer[256] = {};
    espeak_ng_GetStatusCodeMessage(status, buffer, sizeof buffer);
    return buffer;
}

// Samples arrive in chunks; the buffer to fill travels as the synthesis's user_data.
int collect(short* wav, int count, espeak_EVENT* events) {
    if (wav == nullptr || count <= 0 || events == nullptr)
        return 0;  // end of synthesis, or an empty chunk
    auto* out = static_cast<std::vector<std::int16_t>*>(events->user_data);
    if (out != nullptr)
        out->insert(out->end(), wav, wav + count);
    return 0;  // 0 = continue
}

// Initialises espeak-ng once per process, in synchronous mode (no audio device: samples go
// to the callback). Throws SpeechError, every time, if that failed.
void ensure_initialised_locked(const std::string& data_path) {
    auto& s = state();
    if (!s.tried) {
        s.tried = true;
        espeak_ng_InitializePath(data_path.empty() ? nullptr : data_path.c_str());
        espeak_ng_ERROR_CONTEXT context = nullptr;
        // The espeak_ng_* form of espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, ...): the same
        // steps, but reporting failure instead of exiting the process.
        auto status = espeak_ng_Initialize(&context);
        espeak_ng_ClearErrorContext(&context);
        if (status == ENS_OK)
            status = espeak_ng_InitializeOutput(ENOUTPUT_MODE_SYNCHRONOUS, 0, nullptr);
        if (status != ENS_OK) {
            s.error = "espeak-ng failed to start (data path '" +
                      (data_path.empty() ? std::string("default") : data_path) +
                      "'): " + status_text(status);
        } else {
            espeak_SetSynthCallback(collect);
            s.sample_rate = espeak_ng_GetSampleRate();
        }
    }
    if (!s.error.empty())
        throw SpeechError(s.error);
}

void apply_settings_locked(const EspeakSettings& settings) {
    const auto status = espeak_ng_SetVoiceByName(settings.voice.c_str());
    if (status != ENS_OK)
        throw SpeechError("espeak-ng voice '" + settings.voice + "': " + status_text(status));
    espeak_ng_SetParameter(espeakRATE, settings.rate_wpm, 0);
    espeak_ng_SetParameter(espeakVOLUME, settings.volume, 0);
    espeak_ng_SetParameter(espeakPITCH, settings.pitch, 0);
}

void check_range(const char* field, int value, int low, int high) {
    if (value < low || value > high)
        throw InputError("voice settings", field,
                         std::to_string(value) + " is outside " + std::to_string(low) + ".." +
                             std::to_string(high));
}

}  // namespace

EspeakVoice::EspeakVoice(EspeakSettings settings) : settings_(std::move(settings)) {
    check_range("rate", settings_.rate_wpm, espeakRATE_MINIMUM, espeakRATE_MAXIMUM);
    check_range("volume", settings_.volume, 0, 200);
    check_range("pitch", settings_.pitch, 0, 100);
    if (settings_.voice.empty())
        throw InputError("voice settings", "voice", "is empty");
    std::lock_guard lock(espeak_mutex());
    ensure_initialised_locked(settings_.data_path);
    apply_settings_locked(settings_);  // fail now, not at the first call, on an unknown voice
}

Pcm EspeakVoice::synthesize(std::string_view text) const {
    const std::string input(text);  // espeak wants NUL-terminated text
    Pcm pcm;
    {
        std::lock_guard lock(espeak_mutex());
        ensure_initialised_locked(settings_.data_path);
        apply_settings_locked(settings_);
        pcm.sample_rate = state().sample_rate;
        const auto status = espeak_ng_Synthesize(input.c_str(), input.size() + 1, 0, POS_CHARACTER,
                                                 0, espeakCHARS_UTF8, nullptr, &pcm.samples);
        if (status != ENS_OK)
            throw SpeechError("espeak-ng synthesis failed: " + status_text(status));
    }
    return pcm.sample_rate == kSampleRate ? pcm : resample(pcm, kSampleRate);
}

}  // namespace loket::voice
