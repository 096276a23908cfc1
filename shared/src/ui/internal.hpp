#pragma once
// Pieces of loket_ui shared between its source files; not part of the public API.
#include <imgui.h>

#include <array>
#include <filesystem>
#include <string>
#include <vector>

#include "loket/ui/app_shell.hpp"

namespace loket::ui::detail {

// Double-buffered registry of tap targets and texts: helpers add to the frame being built,
// scripts read the last completed one.
void registry_begin_frame();
void registry_end_frame();
void registry_clear();

// The colour the canvas is cleared with this frame: begin_screen() hands its background
// here instead of drawing a full-screen quad, which the software renderer would blend
// pixel by pixel. Reset to the palette background at the start of each frame.
void set_clear_color(ImU32 color);
ImU32 clear_color();

struct LoadedFonts {
    // [role][weight]; a role loaded in one weight only has the same font in both slots.
    std::array<std::array<ImFont*, 2>, 5> fonts{};
    bool fallback = false;
    // TTF bytes kept alive for the atlas (ImGui does not own them).
    std::vector<std::vector<unsigned char>> data;
};
// Adds the fonts to ImGui's atlas (ImGui must have a context). Prints a clear message and
// falls back to ImGui's built-in font when Noto Sans is missing.
LoadedFonts load_fonts(const FontSizes& sizes, const std::filesystem::path& dir);

// Writes 8-bit RGB pixels as PNG via a temporary file and rename, so readers (a web page
// refreshing latest.png) never see half a file. Returns an error message, empty on success.
std::string write_png_rgb(const std::filesystem::path& path, int width, int height,
                          const unsigned char* rgb);

}  // namespace loket::ui::detail
