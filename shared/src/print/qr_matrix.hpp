#pragma once
// QR modules from libqrencode, shared by the document builder (to size the symbol) and the
// PNG preview (to draw it).
#include <optional>
#include <string_view>
#include <vector>

#include "loket/escpos.hpp"

namespace loket::print::detail {

struct QrMatrix {
    int width = 0;           // modules per side
    std::vector<bool> dark;  // width * width, row-major
    bool at(int x, int y) const { return dark[static_cast<std::size_t>(y * width + x)]; }
};

// nullopt when the data does not fit a QR symbol at this error correction level.
std::optional<QrMatrix> qr_matrix(std::string_view data, QrErrorCorrection ecc);

}  // namespace loket::print::detail
