// PNG output through stb_image_write, which Debian's libstb.so ships compiled.
#include <stb_image_write.h>

#include <system_error>

#include "internal.hpp"

namespace loket::ui::detail {

std::string write_png_rgb(const std::filesystem::path& path, int width, int height,
                          const unsigned char* rgb) {
    std::error_code ec;
    if (path.has_parent_path())
        std::filesystem::create_directories(path.parent_path(), ec);
    if (ec)
        return "cannot create " + path.parent_path().string() + ": " + ec.message();
    auto tmp = path;
    tmp += ".tmp";
    if (stbi_write_png(tmp.c_str(), width, height, 3, rgb, width * 3) == 0) {
        std::filesystem::remove(tmp, ec);
        return "cannot write " + tmp.string();
    }
    std::filesystem::rename(tmp, path, ec);
    if (ec)
        return "cannot rename " + tmp.string() + " to " + path.string() + ": " + ec.message();
    return {};
}

}  // namespace loket::ui::detail
