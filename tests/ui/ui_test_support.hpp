#pragma once
// Helpers for the headless UI tests: options, script files and PNG inspection.
#include <stb_image.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "loket/ui/app_shell.hpp"

namespace loket::testing {

inline ui::ShellOptions headless(int width = 1080, int height = 1920) {
    ui::ShellOptions o;
    o.headless = true;
    o.width = width;
    o.height = height;
    return o;
}

// Runs the loop until a 150 ms stretch renders nothing (the first frame builds the font
// atlas, slow under sanitizers).
inline void settle(ui::AppShell& shell) {
    for (int i = 0; i < 100; ++i) {
        const auto frames = shell.stats().frames;
        shell.run_for(std::chrono::milliseconds(150));
        if (frames > 0 && shell.stats().frames == frames)
            return;
    }
}

inline std::filesystem::path write_file(const std::filesystem::path& path,
                                        const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
    return path;
}

struct Png {
    int width = 0, height = 0;
    std::size_t distinct_colors = 0;
    bool loaded = false;
};

inline Png inspect_png(const std::filesystem::path& path) {
    Png png;
    int channels = 0;
    unsigned char* data = stbi_load(path.c_str(), &png.width, &png.height, &channels, 3);
    if (data == nullptr)
        return png;
    png.loaded = true;
    std::set<unsigned> colors;
    const std::size_t n = std::size_t(png.width) * std::size_t(png.height);
    for (std::size_t i = 0; i < n && colors.size() < 1000; ++i)
        colors.insert(unsigned(data[i * 3]) << 16 | unsigned(data[i * 3 + 1]) << 8 |
                      data[i * 3 + 2]);
    png.distinct_colors = colors.size();
    stbi_image_free(data);
    return png;
}

// LOKET_UI_TEST_PNG_DIR keeps a copy of a test's PNG for looking at it.
inline void keep_png(const std::filesystem::path& png, const std::string& name) {
    if (const char* dir = std::getenv("LOKET_UI_TEST_PNG_DIR")) {
        std::filesystem::create_directories(dir);
        std::filesystem::copy_file(png, std::filesystem::path(dir) / name,
                                   std::filesystem::copy_options::overwrite_existing);
    }
}

}  // namespace loket::testing
