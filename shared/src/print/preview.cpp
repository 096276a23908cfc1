// PNG preview of a ticket document, drawn the way a 203 dpi printer lays it out: font A is a
// fixed 12x24-dot cell (so columns line up exactly as on paper), magnified per line.
// stb_truetype and stb_image_write come compiled in Debian's libstb.so: headers only here.
#include <stb_image_write.h>
#include <stb_truetype.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <fstream>
#include <iterator>
#include <stdexcept>

#include "loket/input_error.hpp"
#include "loket/read_file.hpp"
#include "loket/ticket_print.hpp"
#include "qr_matrix.hpp"

namespace loket::print {
namespace {

constexpr int kCellHeight = 24;  // font A: 12x24 dots
constexpr int kLineGap = 6;      // default line spacing of about 30 dots
constexpr int kLineAdvance = kCellHeight + kLineGap;
constexpr float kEmPixels = 20.0f;  // Noto Sans em at which capitals match font A's height
constexpr float kBaseline = 19.0f;  // from the top of the cell
constexpr int kTopMargin = 12, kBottomMargin = 24;

struct Font {
    std::vector<unsigned char> data;
    stbtt_fontinfo info{};
};

Font load_font(const std::filesystem::path& path) {
    Font font;
    try {
        const std::string bytes = read_whole_file(path);
        font.data.assign(bytes.begin(), bytes.end());
    } catch (const InputError&) {
    }
    if (font.data.empty()) {
        throw InputError(path.string(), "", "cannot read font (install fonts-noto-core)");
    }
    const int offset = stbtt_GetFontOffsetForIndex(font.data.data(), 0);
    if (offset < 0 || stbtt_InitFont(&font.info, font.data.data(), offset) == 0) {
        throw InputError(path.string(), "", "not a TrueType font");
    }
    return font;
}

// A white canvas that grows downwards as elements are drawn.
class Canvas {
  public:
    explicit Canvas(int width) : width_(width) {}
    int width() const { return width_; }
    int height() const { return height_; }
    void grow_to(int height) {
        if (height <= height_)
            return;
        pixels_.resize(static_cast<std::size_t>(width_) * height, 255);
        height_ = height;
    }
    // Darkens a pixel by `ink` (0..255), so overlapping glyph edges stay dark.
    void ink(int x, int y, int ink) {
        if (x < 0 || x >= width_ || y < 0)
            return;
        grow_to(y + 1);
        auto& p = pixels_[static_cast<std::size_t>(y) * width_ + x];
        p = static_cast<std::uint8_t>(std::min<int>(p, 255 - ink));
    }
    void fill(int x0, int y0, int w, int h) {
        for (int y = y0; y < y0 + h; ++y) {
            for (int x = x0; x < x0 + w; ++x)
                ink(x, y, 255);
        }
    }
    GrayImage take() { return {width_, height_, std::move(pixels_)}; }

  private:
    int width_;
    int height_ = 0;
    std::vector<std::uint8_t> pixels_;
};

// Decodes UTF-8 produced by Transliterator (always valid) into code points.
std::vector<char32_t> decode(std::string_view text) {
    std::vector<char32_t> out;
    for (std::size_t i = 0; i < text.size();) {
        const auto b = static_cast<unsigned char>(text[i]);
        const int len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
        char32_t cp = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
        for (int k = 1; k < len && i + k < text.size(); ++k) {
            cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
        }
        out.push_back(cp);
        i += len;
    }
    return out;
}

// Draws one glyph centred in its cell; squeezed horizontally when wider than the cell, as the
// printer's fixed-width font never lets a character spill into the next column.
void draw_glyph(Canvas& canvas, const Font& font, char32_t cp, float cell_x, int top, float cell_w,
                int mag_w, int mag_h) {
    if (cp == ' ')
        return;
    const int cp_int = static_cast<int>(cp);
    const float sy = stbtt_ScaleForMappingEmToPixels(&font.info, kEmPixels) * mag_h;
    int advance = 0, lsb = 0;
    stbtt_GetCodepointHMetrics(&font.info, cp_int, &advance, &lsb);
    float sx = stbtt_ScaleForMappingEmToPixels(&font.info, kEmPixels) * mag_w;
    if (advance > 0)
        sx = std::min(sx, cell_w * 0.92f / advance);
    const float origin_x = cell_x + (cell_w - advance * sx) / 2.0f;
    const float baseline = top + kBaseline * mag_h;
    const float shift_x = origin_x - std::floor(origin_x);
    int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    stbtt_GetCodepointBitmapBoxSubpixel(&font.info, cp_int, sx, sy, shift_x, 0, &x0, &y0, &x1, &y1);
    const int w = x1 - x0, h = y1 - y0;
    if (w <= 0 || h <= 0)
        return;
    std::vector<unsigned char> bitmap(static_cast<std::size_t>(w) * h);
    stbtt_MakeCodepointBitmapSubpixel(&font.info, bitmap.data(), w, h, w, sx, sy, shift_x, 0,
                                      cp_int);
    const int left = static_cast<int>(std::floor(origin_x)) + x0;
    const int up = static_cast<int>(std::lround(baseline)) + y0;
    for (int y = 0; y < h; ++y) {
        for (int x = 0; x < w; ++x) {
            canvas.ink(left + x, up + y, bitmap[static_cast<std::size_t>(y) * w + x]);
        }
    }
}

// Draws a line of text at `top` and returns the height it takes.
int draw_text(Canvas& canvas, const Font& font, const TextLine& line, int top, float cell_w) {
    const auto cps = decode(line.text);
    const float char_w = cell_w * line.width;
    const float total = char_w * static_cast<float>(cps.size());
    const float x0 = line.align == Align::left     ? 0.0f
                     : line.align == Align::center ? (canvas.width() - total) / 2.0f
                                                   : canvas.width() - total;
    for (std::size_t i = 0; i < cps.size(); ++i) {
        draw_glyph(canvas, font, cps[i], x0 + char_w * static_cast<float>(i), top, char_w,
                   line.width, line.height);
    }
    const int height = kCellHeight * line.height + kLineGap;
    canvas.grow_to(top + height);
    return height;
}

int draw_qr(Canvas& canvas, const QrBlock& qr, int top) {
    const auto matrix = detail::qr_matrix(qr.data, qr.ecc);
    if (!matrix)
        throw std::invalid_argument("QR data does not fit in a QR code");
    const int m = qr.module_size;
    const int quiet = 4 * m;  // white margin above and below, as a scanner needs
    const int side = matrix->width * m;
    const int left = (canvas.width() - side) / 2;
    for (int y = 0; y < matrix->width; ++y) {
        for (int x = 0; x < matrix->width; ++x) {
            if (matrix->at(x, y))
                canvas.fill(left + x * m, top + quiet + y * m, m, m);
        }
    }
    canvas.grow_to(top + side + 2 * quiet);
    return side + 2 * quiet;
}

// CODE128 bar/space widths of each symbol value 0..105 (start codes 103-105) and stop.
constexpr std::array<const char*, 106> kCode128Patterns = {
    "212222", "222122", "222221", "121223", "121322", "131222", "122213", "122312", "132212",
    "221213", "221312", "231212", "112232", "122132", "122231", "113222", "123122", "123221",
    "223211", "221132", "221231", "213212", "223112", "312131", "311222", "321122", "321221",
    "312212", "322112", "322211", "212123", "212321", "232121", "111323", "131123", "131321",
    "112313", "132113", "132311", "211313", "231113", "231311", "112133", "112331", "132131",
    "113123", "113321", "133121", "313121", "211331", "231131", "213113", "213311", "213131",
    "311123", "311321", "331121", "312113", "312311", "332111", "314111", "221411", "431111",
    "111224", "111422", "121124", "121421", "141122", "141221", "112214", "112412", "122114",
    "122411", "142112", "142211", "241211", "221114", "413111", "241112", "134111", "111242",
    "121142", "121241", "114212", "124112", "124211", "411212", "421112", "421211", "212141",
    "214121", "412121", "111143", "111341", "131141", "114113", "114311", "411113", "411311",
    "113141", "114131", "311141", "411131", "211412", "211214", "211232"};
constexpr const char* kCode128Stop = "2331112";

std::vector<int> code128_values(Code128Set set, std::string_view data) {
    std::vector<int> values;
    switch (set) {
        case Code128Set::A:
            values.push_back(103);
            for (unsigned char c : data)
                values.push_back(c < 0x20 ? c + 64 : c - 32);
            break;
        case Code128Set::B:
            values.push_back(104);
            for (unsigned char c : data)
                values.push_back(c - 32);
            break;
        case Code128Set::C:
            values.push_back(105);
            for (std::size_t i = 0; i + 1 < data.size(); i += 2) {
                values.push_back((data[i] - '0') * 10 + (data[i + 1] - '0'));
            }
            break;
    }
    int check = values[0];
    for (std::size_t i = 1; i < values.size(); ++i)
        check += values[i] * static_cast<int>(i);
    values.push_back(check % 103);
    return values;
}

int draw_barcode(Canvas& canvas, const Font& font, const BarcodeBlock& bc, int top, float cell_w) {
    std::string widths;
    for (int v : code128_values(bc.set, bc.data))
        widths += kCode128Patterns[v];
    widths += kCode128Stop;
    int modules = 0;
    for (char w : widths)
        modules += w - '0';
    const int mw = bc.module_width;
    int x = (canvas.width() - modules * mw) / 2;
    int y = top;
    const TextLine hri{bc.data, Align::center};
    if (bc.text == BarcodeText::above || bc.text == BarcodeText::both) {
        y += draw_text(canvas, font, hri, y, cell_w);
    }
    bool bar = true;
    for (char w : widths) {
        const int span = (w - '0') * mw;
        if (bar)
            canvas.fill(x, y, span, bc.height);
        x += span;
        bar = !bar;
    }
    y += bc.height;
    canvas.grow_to(y);
    if (bc.text == BarcodeText::below || bc.text == BarcodeText::both) {
        y += 4;
        y += draw_text(canvas, font, hri, y, cell_w);
    }
    return y - top;
}

void draw_cut_line(Canvas& canvas, int y) {
    for (int x = 0; x < canvas.width(); x += 12)
        canvas.fill(x, y, 6, 1);
}

}  // namespace

GrayImage render_document(const TicketDocument& document, const PreviewOptions& options) {
    validate_document(document);
    const Font regular = load_font(options.regular_font);
    const Font bold = load_font(options.bold_font);
    Canvas canvas(paper_dots(document.paper));
    const float cell_w = static_cast<float>(canvas.width()) / static_cast<float>(document.columns);
    int y = kTopMargin;
    canvas.grow_to(y);
    for (const auto& element : document.elements) {
        std::visit(
            [&](const auto& el) {
                using T = std::decay_t<decltype(el)>;
                if constexpr (std::is_same_v<T, TextLine>) {
                    y += draw_text(canvas, el.bold ? bold : regular, el, y, cell_w);
                } else if constexpr (std::is_same_v<T, QrBlock>) {
                    y += draw_qr(canvas, el, y);
                } else if constexpr (std::is_same_v<T, BarcodeBlock>) {
                    y += draw_barcode(canvas, regular, el, y, cell_w);
                } else if constexpr (std::is_same_v<T, Feed>) {
                    y += el.lines * kLineAdvance;
                    canvas.grow_to(y);
                } else {
                    y += kBottomMargin;
                    canvas.grow_to(y + 1);
                    draw_cut_line(canvas, y);
                    y += 1;
                }
            },
            element);
    }
    canvas.grow_to(y);
    return canvas.take();
}

std::vector<std::uint8_t> encode_png(const GrayImage& image) {
    if (image.width <= 0 || image.height <= 0 ||
        image.pixels.size() != static_cast<std::size_t>(image.width) * image.height) {
        throw std::invalid_argument("image is empty or its pixel count does not match its size");
    }
    std::vector<std::uint8_t> out;
    const auto append = [](void* context, void* data, int size) {
        auto* bytes = static_cast<std::uint8_t*>(data);
        static_cast<std::vector<std::uint8_t>*>(context)->insert(
            static_cast<std::vector<std::uint8_t>*>(context)->end(), bytes, bytes + size);
    };
    if (stbi_write_png_to_func(append, &out, image.width, image.height, 1, image.pixels.data(),
                               image.width) == 0) {
        throw std::runtime_error("PNG encoding failed");
    }
    return out;
}

std::vector<std::uint8_t> render_ticket_png(const TicketLayout& layout, const PrintOptions& options,
                                            const PreviewOptions& preview) {
    return encode_png(render_document(build_ticket_document(layout, options), preview));
}

void render_ticket_png(const TicketLayout& layout, const std::filesystem::path& path,
                       const PrintOptions& options, const PreviewOptions& preview) {
    const auto png = render_ticket_png(layout, options, preview);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(png.data()), static_cast<std::streamsize>(png.size()));
    out.close();
    if (!out)
        throw std::runtime_error("cannot write PNG to " + path.string());
}

}  // namespace loket::print
