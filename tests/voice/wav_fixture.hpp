#pragma once
// Tiny WAV files written by hand (not through the library under test) and simple signal
// measurements for the voice tests.
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <numbers>
#include <string>
#include <vector>

namespace loket::voice::testing {

inline void put_u32(std::ofstream& out, std::uint32_t v) {
    for (int i = 0; i < 4; ++i)
        out.put(static_cast<char>((v >> (8 * i)) & 0xFF));
}
inline void put_u16(std::ofstream& out, std::uint16_t v) {
    out.put(static_cast<char>(v & 0xFF));
    out.put(static_cast<char>(v >> 8));
}

// Interleaved 16-bit PCM as a canonical 44-byte-header WAV.
inline void write_pcm16_wav(const std::filesystem::path& path, int rate, int channels,
                            const std::vector<std::int16_t>& interleaved) {
    std::ofstream out(path, std::ios::binary);
    const auto data_bytes = static_cast<std::uint32_t>(interleaved.size() * 2);
    out.write("RIFF", 4);
    put_u32(out, 36 + data_bytes);
    out.write("WAVEfmt ", 8);
    put_u32(out, 16);
    put_u16(out, 1);  // PCM
    put_u16(out, static_cast<std::uint16_t>(channels));
    put_u32(out, static_cast<std::uint32_t>(rate));
    put_u32(out, static_cast<std::uint32_t>(rate * channels * 2));
    put_u16(out, static_cast<std::uint16_t>(channels * 2));
    put_u16(out, 16);
    out.write("data", 4);
    put_u32(out, data_bytes);
    for (auto s : interleaved)
        put_u16(out, static_cast<std::uint16_t>(s));
}

inline std::vector<std::int16_t> tone(double hz, int rate, std::size_t frames, double level = 0.5,
                                      int channels = 1) {
    std::vector<std::int16_t> out;
    for (std::size_t i = 0; i < frames; ++i) {
        const auto s = static_cast<std::int16_t>(
            std::lrint(level * 32767 * std::sin(2 * std::numbers::pi * hz * i / rate)));
        for (int c = 0; c < channels; ++c)
            out.push_back(s);
    }
    return out;
}

// Estimated frequency from the rate of sign changes.
inline double zero_crossing_hz(const std::vector<std::int16_t>& samples, std::size_t begin,
                               std::size_t end, int rate) {
    int crossings = 0;
    for (std::size_t i = begin + 1; i < end; ++i)
        if ((samples[i - 1] < 0) != (samples[i] < 0))
            ++crossings;
    return crossings / 2.0 / (static_cast<double>(end - begin) / rate);
}

}  // namespace loket::voice::testing
