#pragma once
// The one way a program reads a whole file it was pointed at: configuration, catalog, scripts,
// fonts, pages. Text or binary, byte for byte.
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "loket/input_error.hpp"

namespace loket {

// The file's bytes; InputError naming the file when it cannot be opened or read through.
inline std::string read_whole_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw InputError(path.string(), "", "cannot be read");
    std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (in.bad())
        throw InputError(path.string(), "", "cannot be read");
    return bytes;
}

}  // namespace loket
