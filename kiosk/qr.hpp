#pragma once
// QR code modules for the status page address, from libqrencode (drawn by the view).
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace loket::kiosk {

struct QrMatrix {
    int size = 0;                    // modules per side, without the quiet zone
    std::vector<std::uint8_t> dark;  // size * size, row-major, 1 = dark
    bool at(int x, int y) const {
        return dark[std::size_t(y) * std::size_t(size) + std::size_t(x)] != 0;
    }
};

// Error correction M, byte mode; nullopt when the text is empty or does not fit.
std::optional<QrMatrix> make_qr(std::string_view text);

}  // namespace loket::kiosk
