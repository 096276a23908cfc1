#include "qr.hpp"

#include <qrencode.h>

#include <string>

namespace loket::kiosk {

std::optional<QrMatrix> make_qr(std::string_view text) {
    if (text.empty() || text.size() > 1000)
        return std::nullopt;
    const std::string data(text);
    QRcode* code = QRcode_encodeString8bit(data.c_str(), 0, QR_ECLEVEL_M);
    if (code == nullptr)
        return std::nullopt;
    QrMatrix m;
    m.size = code->width;
    m.dark.resize(std::size_t(m.size) * std::size_t(m.size));
    for (std::size_t i = 0; i < m.dark.size(); ++i)
        m.dark[i] = code->data[i] & 1;
    QRcode_free(code);
    return m;
}

}  // namespace loket::kiosk
