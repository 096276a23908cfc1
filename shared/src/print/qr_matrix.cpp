#include "qr_matrix.hpp"

#include <qrencode.h>

namespace loket::print::detail {

std::optional<QrMatrix> qr_matrix(std::string_view data, QrErrorCorrection ecc) {
    if (data.empty())
        return std::nullopt;
    const QRecLevel level = ecc == QrErrorCorrection::L   ? QR_ECLEVEL_L
                            : ecc == QrErrorCorrection::M ? QR_ECLEVEL_M
                            : ecc == QrErrorCorrection::Q ? QR_ECLEVEL_Q
                                                          : QR_ECLEVEL_H;
    // Byte mode, like the printer's store command (which takes the data as given).
    QRcode* code = QRcode_encodeData(static_cast<int>(data.size()),
                                     reinterpret_cast<const unsigned char*>(data.data()), 0, level);
    if (code == nullptr)
        return std::nullopt;
    QrMatrix m;
    m.width = code->width;
    m.dark.resize(static_cast<std::size_t>(code->width) * code->width);
    for (std::size_t i = 0; i < m.dark.size(); ++i)
        m.dark[i] = (code->data[i] & 1) != 0;
    QRcode_free(code);
    return m;
}

}  // namespace loket::print::detail
