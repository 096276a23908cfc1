// Noto Sans from Debian's fonts-noto-core, rasterised once per role into ImGui's atlas.
#include <cstdio>
#include <fstream>
#include <iterator>

#include "internal.hpp"
#include "loket/read_file.hpp"

namespace loket::ui::detail {
namespace {

// ImGui keeps pointers to the ranges until the atlas is built: static storage.
// Latin, Latin-1 and General Punctuation (en/em dash, curly quotes, bullet, ellipsis), euro.
const ImWchar kTextRanges[] = {0x0020, 0x007E, 0x00A0, 0x00FF, 0x2000, 0x206F, 0x20AC, 0x20AC, 0};
// Huge text (counter names, "Loket 2"): ASCII plus dashes and bullet keeps the atlas small.
const ImWchar kHugeRanges[] = {0x0020, 0x007E, 0x00B7, 0x00B7, 0x2013, 0x2014, 0x2022, 0x2022, 0};
// Giant text is for ticket numbers only ("A-012"): digits, capitals and punctuation.
const ImWchar kGiantRanges[] = {0x0020, 0x005A, 0x2013, 0x2013, 0};

// Empty when the font is missing: the caller says which package to install.
std::vector<unsigned char> read_font(const std::filesystem::path& path) {
    try {
        const std::string bytes = read_whole_file(path);
        return {bytes.begin(), bytes.end()};
    } catch (const InputError&) {
        return {};
    }
}

struct RoleSpec {
    FontRole role;
    float size;
    const ImWchar* ranges;
    bool regular;  // large roles are loaded in bold only: they are for numbers and names
};

}  // namespace

LoadedFonts load_fonts(const FontSizes& sizes, const std::filesystem::path& dir) {
    LoadedFonts out;
    ImGuiIO& io = ImGui::GetIO();
    const RoleSpec specs[] = {
        {FontRole::Small, sizes.small, kTextRanges, true},
        {FontRole::Body, sizes.body, kTextRanges, true},
        {FontRole::Title, sizes.title, kTextRanges, true},
        {FontRole::Huge, sizes.huge, kHugeRanges, true},
        {FontRole::Giant, sizes.giant, kGiantRanges, false},
    };

    const auto regular_path = dir / "NotoSans-Regular.ttf";
    const auto bold_path = dir / "NotoSans-Bold.ttf";
    out.data.push_back(read_font(regular_path));
    out.data.push_back(read_font(bold_path));
    if (out.data[0].empty() || out.data[1].empty()) {
        std::fprintf(stderr,
                     "loket-ui: cannot read %s or %s; install the Debian package "
                     "fonts-noto-core. Using ImGui's built-in bitmap font instead (ASCII only, "
                     "blurry at large sizes).\n",
                     regular_path.c_str(), bold_path.c_str());
        out.fallback = true;
        for (const auto& spec : specs) {
            ImFontConfig cfg;
            cfg.SizePixels = spec.size;
            ImFont* f = io.Fonts->AddFontDefault(&cfg);
            out.fonts[std::size_t(spec.role)] = {f, f};
        }
        io.FontDefault = out.fonts[std::size_t(FontRole::Body)][0];
        return out;
    }

    // The atlas would be tens of MB with ImGui's default 3x horizontal oversampling; large
    // glyphs gain nothing from it, and pixel snapping keeps small text crisp.
    io.Fonts->Flags |= ImFontAtlasFlags_NoPowerOfTwoHeight;
    for (const auto& spec : specs) {
        for (int w = 0; w < 2; ++w) {
            if (w == 0 && !spec.regular)
                continue;
            ImFontConfig cfg;
            cfg.FontDataOwnedByAtlas = false;
            cfg.OversampleH = spec.size >= 100 ? 1 : 2;
            cfg.OversampleV = 1;
            cfg.PixelSnapH = true;
            auto& bytes = out.data[std::size_t(w)];
            std::snprintf(cfg.Name, sizeof cfg.Name, "Noto Sans %s %.0fpx",
                          w == 0 ? "Regular" : "Bold", double(spec.size));
            ImFont* f = io.Fonts->AddFontFromMemoryTTF(bytes.data(), int(bytes.size()), spec.size,
                                                       &cfg, spec.ranges);
            out.fonts[std::size_t(spec.role)][std::size_t(w)] = f;
        }
        auto& pair = out.fonts[std::size_t(spec.role)];
        if (pair[0] == nullptr)
            pair[0] = pair[1];
    }
    // Body regular is the default for plain ImGui calls.
    io.FontDefault = out.fonts[std::size_t(FontRole::Body)][0];
    return out;
}

}  // namespace loket::ui::detail
