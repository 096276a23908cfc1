#include "loket/qr_svg.hpp"

#include "qr_matrix.hpp"

namespace loket::print {

std::optional<std::string> qr_svg(std::string_view data, QrErrorCorrection ecc) {
    const auto matrix = detail::qr_matrix(data, ecc);
    if (!matrix)
        return std::nullopt;
    constexpr int kQuiet = 4;
    const std::string side = std::to_string(matrix->width + 2 * kQuiet);
    std::string svg =
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + side + " " + side +
        "\" shape-rendering=\"crispEdges\">" +
        "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path fill=\"#000\" d=\"";
    for (int y = 0; y < matrix->width; ++y) {
        for (int x = 0; x < matrix->width; ++x) {
            if (matrix->at(x, y))
                svg += "M" + std::to_string(x + kQuiet) + " " + std::to_string(y + kQuiet) +
                       "h1v1h-1z";
        }
    }
    svg += "\"/></svg>";
    return svg;
}

}  // namespace loket::print
