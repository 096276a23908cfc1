#pragma once
// A QR code as an SVG image, for pages printed from the browser (the application receipt):
// the same libqrencode symbol the ticket printer gets, drawn as one path of unit squares.
#include <optional>
#include <string>
#include <string_view>

#include "loket/escpos.hpp"

namespace loket::print {

// nullopt when the data is empty or does not fit a QR symbol at this error correction level.
// The image has a quiet zone of four modules (ISO/IEC 18004) and scales to any size.
std::optional<std::string> qr_svg(std::string_view data,
                                  QrErrorCorrection ecc = QrErrorCorrection::M);

}  // namespace loket::print
