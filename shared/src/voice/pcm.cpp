#include <samplerate.h>
#include <sndfile.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <numbers>

#include "loket/input_error.hpp"
#include "loket/speech.hpp"

namespace loket::voice {
namespace {

// The inverse of libsndfile's int16 -> float normalisation (divide by 32768), so 16-bit
// files read back exactly.
std::int16_t to_int16(float sample) {
    const long scaled = std::lrint(static_cast<double>(sample) * 32768.0);
    return static_cast<std::int16_t>(std::clamp(scaled, -32768L, 32767L));
}

struct SndfileCloser {
    void operator()(SNDFILE* file) const { sf_close(file); }
};
using SndfilePtr = std::unique_ptr<SNDFILE, SndfileCloser>;

// Sensible bounds for recorded speech; outside them the file is most likely not audio.
constexpr int kMinInputRate = 8000;
constexpr int kMaxInputRate = 192000;

std::vector<float> resample_float(const std::vector<float>& in, int from_rate, int to_rate) {
    if (from_rate == to_rate || in.empty())
        return in;
    const double ratio = static_cast<double>(to_rate) / from_rate;
    std::vector<float> out(static_cast<std::size_t>(std::ceil(in.size() * ratio)) + 16);
    SRC_DATA data{};
    data.data_in = in.data();
    data.input_frames = static_cast<long>(in.size());
    data.data_out = out.data();
    data.output_frames = static_cast<long>(out.size());
    data.src_ratio = ratio;
    if (const int err = src_simple(&data, SRC_SINC_MEDIUM_QUALITY, 1); err != 0)
        throw SpeechError(std::string("resampling failed: ") + src_strerror(err));
    out.resize(static_cast<std::size_t>(data.output_frames_gen));
    return out;
}

}  // namespace

double rms(const Pcm& pcm) {
    if (pcm.samples.empty())
        return 0;
    double sum = 0;
    for (auto s : pcm.samples)
        sum += static_cast<double>(s) * s;
    return std::sqrt(sum / static_cast<double>(pcm.samples.size())) / 32768.0;
}

Pcm silence(std::chrono::milliseconds duration, int sample_rate) {
    Pcm pcm;
    pcm.sample_rate = sample_rate;
    pcm.samples.assign(static_cast<std::size_t>(duration.count()) * sample_rate / 1000, 0);
    return pcm;
}

void append(Pcm& pcm, const Pcm& tail) {
    if (pcm.sample_rate != tail.sample_rate)
        throw std::invalid_argument("append: sample rates differ (" +
                                    std::to_string(pcm.sample_rate) + " and " +
                                    std::to_string(tail.sample_rate) + ")");
    pcm.samples.insert(pcm.samples.end(), tail.samples.begin(), tail.samples.end());
}

Pcm resample(const Pcm& pcm, int sample_rate) {
    if (pcm.sample_rate == sample_rate)
        return pcm;
    std::vector<float> in(pcm.samples.size());
    std::transform(pcm.samples.begin(), pcm.samples.end(), in.begin(),
                   [](std::int16_t s) { return s / 32768.0f; });
    Pcm out;
    out.sample_rate = sample_rate;
    for (float s : resample_float(in, pcm.sample_rate, sample_rate))
        out.samples.push_back(to_int16(s));
    return out;
}

Pcm read_wav(const std::filesystem::path& path) {
    const auto source = path.string();
    SF_INFO info{};
    SndfilePtr file(sf_open(source.c_str(), SFM_READ, &info));
    if (!file)
        throw InputError(source, "", std::string("cannot read as audio: ") + sf_strerror(nullptr));
    if ((info.format & SF_FORMAT_TYPEMASK) != SF_FORMAT_WAV &&
        (info.format & SF_FORMAT_TYPEMASK) != SF_FORMAT_WAVEX)
        throw InputError(source, "", "is not a WAV file");
    if (info.channels != 1 && info.channels != 2)
        throw InputError(source, "channels",
                         std::to_string(info.channels) + " channels; use mono or stereo");
    if (info.samplerate < kMinInputRate || info.samplerate > kMaxInputRate)
        throw InputError(source, "sample rate",
                         std::to_string(info.samplerate) + " Hz is outside " +
                             std::to_string(kMinInputRate) + ".." + std::to_string(kMaxInputRate));
    // Floats in -1..1 whatever the stored encoding (libsndfile normalises by default).
    std::vector<float> frames(static_cast<std::size_t>(info.frames) * info.channels);
    const auto got = sf_readf_float(file.get(), frames.data(), info.frames);
    if (got != info.frames)
        throw InputError(source, "",
                         "truncated: read " + std::to_string(got) + " of " +
                             std::to_string(info.frames) + " frames");
    std::vector<float> mono(static_cast<std::size_t>(info.frames));
    for (std::size_t i = 0; i < mono.size(); ++i)
        mono[i] = info.channels == 1 ? frames[i] : (frames[2 * i] + frames[2 * i + 1]) / 2;
    Pcm pcm;
    for (float s : resample_float(mono, info.samplerate, kSampleRate))
        pcm.samples.push_back(to_int16(s));
    return pcm;
}

void write_wav(const std::filesystem::path& path, const Pcm& pcm) {
    SF_INFO info{};
    info.samplerate = pcm.sample_rate;
    info.channels = 1;
    info.format = SF_FORMAT_WAV | SF_FORMAT_PCM_16;
    SndfilePtr file(sf_open(path.string().c_str(), SFM_WRITE, &info));
    if (!file)
        throw SpeechError("cannot write " + path.string() + ": " + sf_strerror(nullptr));
    const auto frames = static_cast<sf_count_t>(pcm.samples.size());
    if (sf_writef_short(file.get(), pcm.samples.data(), frames) != frames)
        throw SpeechError("cannot write " + path.string() + ": " + sf_strerror(file.get()));
    if (sf_close(file.release()) != 0)
        throw SpeechError("cannot finish " + path.string());
}

Pcm chime(const ChimeSettings& settings) {
    const auto samples_of = [](std::chrono::milliseconds ms) {
        return static_cast<std::size_t>(ms.count()) * kSampleRate / 1000;
    };
    const auto ring = samples_of(settings.ring);
    const auto offset = samples_of(settings.second_after);
    std::vector<float> mix(offset + ring, 0.0f);
    // Decay to about -50 dB over the ring; a 5 ms attack avoids a click at the start.
    const double decay = std::log(316.0) / static_cast<double>(std::max<std::size_t>(ring, 1));
    const double attack = 0.005 * kSampleRate;
    const auto strike = [&](double hz, std::size_t start) {
        for (std::size_t i = 0; i < ring; ++i) {
            const double t = static_cast<double>(i) / kSampleRate;
            const double envelope = std::min(1.0, i / attack) * std::exp(-decay * i);
            // A quiet octave partial makes it sound struck rather than like a test tone.
            const double wave = std::sin(2 * std::numbers::pi * hz * t) +
                                0.25 * std::sin(4 * std::numbers::pi * hz * t);
            mix[start + i] += static_cast<float>(envelope * wave / 1.25);
        }
    };
    strike(settings.first_hz, 0);
    strike(settings.second_hz, offset);
    // The second tone rings over the first's tail; scale so the sum peaks at `level`.
    float peak = 0;
    for (float s : mix)
        peak = std::max(peak, std::abs(s));
    Pcm pcm;
    pcm.samples.reserve(mix.size());
    for (float s : mix)
        pcm.samples.push_back(
            to_int16(peak > 0 ? s / peak * static_cast<float>(settings.level) : 0));
    return pcm;
}

}  // namespace loket::voice
