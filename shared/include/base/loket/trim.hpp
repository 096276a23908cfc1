#pragma once
// Text without the spaces, tabs and line breaks around it, as typed text is kept (a complaint,
// a registration number read back to the kiosk).
#include <string>
#include <string_view>

namespace loket {

inline std::string trim_space(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos)
        return {};
    const auto last = text.find_last_not_of(" \t\r\n");
    return std::string(text.substr(first, last - first + 1));
}

}  // namespace loket
