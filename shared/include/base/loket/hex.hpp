#pragma once
// Bytes as people read a certificate's fingerprint: upper-case hex pairs joined by ':'
// ("AB:CD:..."), as browsers show it, `queue-server fingerprint` prints it and kiosks pin it.
#include <cstddef>
#include <string>

namespace loket {

inline std::string hex_with_colons(const unsigned char* bytes, std::size_t size) {
    static constexpr char kDigits[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(size * 3);
    for (std::size_t i = 0; i < size; ++i) {
        if (i > 0)
            out += ':';
        out += kDigits[bytes[i] >> 4];
        out += kDigits[bytes[i] & 15];
    }
    return out;
}

}  // namespace loket
