// The PNG preview: decoded back with stb_image, its QR and barcode read with zbar. Sample
// previews are saved to $LOKET_SCREENSHOT_DIR (default /tmp/loket-screenshots) for people to
// look at.
#include <gtest/gtest.h>
#include <stb_image.h>
#include <zbar.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "loket/input_error.hpp"
#include "loket/ticket_print.hpp"
#include "sample_ticket.hpp"

namespace loket::print {
namespace {

using namespace ::zbar;  // zbar.h declares its C API inside namespace zbar for C++

struct Decoded {
    int width = 0, height = 0;
    std::vector<std::uint8_t> gray;
};

Decoded decode_png(const std::vector<std::uint8_t>& png) {
    Decoded out;
    int channels = 0;
    stbi_uc* pixels = stbi_load_from_memory(png.data(), static_cast<int>(png.size()), &out.width,
                                            &out.height, &channels, 1);
    if (pixels == nullptr)
        return out;
    out.gray.assign(pixels, pixels + static_cast<std::size_t>(out.width) * out.height);
    stbi_image_free(pixels);
    return out;
}

struct Symbol {
    zbar_symbol_type_t type;
    std::string data;
};

std::vector<Symbol> scan(const Decoded& image) {
    zbar_image_scanner_t* scanner = zbar_image_scanner_create();
    zbar_image_scanner_set_config(scanner, ZBAR_NONE, ZBAR_CFG_ENABLE, 1);
    zbar_image_t* zimage = zbar_image_create();
    zbar_image_set_format(zimage, zbar_fourcc('Y', '8', '0', '0'));
    zbar_image_set_size(zimage, static_cast<unsigned>(image.width),
                        static_cast<unsigned>(image.height));
    zbar_image_set_data(zimage, image.gray.data(), image.gray.size(), nullptr);
    zbar_scan_image(scanner, zimage);
    std::vector<Symbol> found;
    for (const zbar_symbol_t* s = zbar_image_first_symbol(zimage); s != nullptr;
         s = zbar_symbol_next(s)) {
        found.push_back({zbar_symbol_get_type(s),
                         std::string(zbar_symbol_get_data(s), zbar_symbol_get_data_length(s))});
    }
    zbar_image_destroy(zimage);
    zbar_image_scanner_destroy(scanner);
    return found;
}

std::filesystem::path screenshot_dir() {
    const char* env = std::getenv("LOKET_SCREENSHOT_DIR");
    std::filesystem::path dir = env != nullptr && *env != '\0' ? env : "/tmp/loket-screenshots";
    std::filesystem::create_directories(dir);
    return dir;
}

bool row_is_white(const Decoded& img, int y) {
    for (int x = 0; x < img.width; ++x) {
        if (img.gray[static_cast<std::size_t>(y) * img.width + x] < 250)
            return false;
    }
    return true;
}

// Height of the tallest run of rows that hold ink inside the band [y0, y1).
int rows_with_ink(const Decoded& img, int y0, int y1) {
    int count = 0;
    for (int y = y0; y < y1; ++y)
        count += row_is_white(img, y) ? 0 : 1;
    return count;
}

TEST(TicketPreview, Png58mmHasPaperWidthAndAReadableQr) {
    const auto layout = testing::sample_layout(PaperWidth::mm58);
    const auto png = render_ticket_png(layout);
    ASSERT_GT(png.size(), 8u);
    EXPECT_EQ(std::vector<std::uint8_t>(png.begin(), png.begin() + 4),
              (std::vector<std::uint8_t>{0x89, 'P', 'N', 'G'}));
    const auto img = decode_png(png);
    EXPECT_EQ(img.width, 384);
    EXPECT_GT(img.height, 600);
    EXPECT_TRUE(row_is_white(img, 0));
    const auto symbols = scan(img);
    ASSERT_EQ(symbols.size(), 1u);
    EXPECT_EQ(symbols[0].type, ZBAR_QRCODE);
    EXPECT_EQ(symbols[0].data, layout.status_url);
    render_ticket_png(layout, screenshot_dir() / "ticket-58mm.png");
}

TEST(TicketPreview, Png80mmWithBarcode) {
    const auto layout = testing::sample_layout(PaperWidth::mm80);
    PrintOptions options;
    options.barcode = true;
    const auto img = decode_png(render_ticket_png(layout, options));
    EXPECT_EQ(img.width, 576);
    bool qr = false, barcode = false;
    for (const auto& s : scan(img)) {
        if (s.type == ZBAR_QRCODE)
            qr = s.data == layout.status_url;
        if (s.type == ZBAR_CODE128)
            barcode = s.data == "A-012";
    }
    EXPECT_TRUE(qr);
    EXPECT_TRUE(barcode) << "CODE128 bars drawn by the preview decode to the ticket number";
    render_ticket_png(layout, screenshot_dir() / "ticket-80mm.png", options);
}

TEST(TicketPreview, Code128SetsADecode) {
    // Set A and C bars, checked with zbar through a small document.
    for (const auto& [set, data] : {std::pair{Code128Set::A, std::string("LOKET-7")},
                                    std::pair{Code128Set::C, std::string("20240517")}}) {
        TicketDocument doc;
        doc.elements = {Feed{1}, BarcodeBlock{set, data, 60, 2, BarcodeText::none}, Feed{1}};
        const auto img = decode_png(encode_png(render_document(doc)));
        const auto symbols = scan(img);
        ASSERT_EQ(symbols.size(), 1u) << data;
        EXPECT_EQ(symbols[0].type, ZBAR_CODE128);
        EXPECT_EQ(symbols[0].data, data);
    }
}

TEST(TicketPreview, SameLinesAsThePrinter) {
    // Every text line of the document takes its printer height: one more header line adds
    // exactly one 30-dot line; a 4x4 number takes four times a normal line's cell.
    auto layout = testing::sample_layout();
    const auto base = render_document(build_ticket_document(layout));
    layout.header_lines.emplace_back("Telp. (0541) 000000");
    const auto more = render_document(build_ticket_document(layout));
    EXPECT_EQ(more.height - base.height, 30);

    TicketDocument doc;
    doc.elements = {TextLine{"A-012", Align::center, true, 4, 4}};
    const auto big = render_document(doc);
    EXPECT_EQ(big.height, 12 + 4 * 24 + 6);  // top margin + cell + gap
    const Decoded img{big.width, big.height, big.pixels};
    EXPECT_GT(rows_with_ink(img, 0, img.height), 50) << "digits are about 60 dots tall";
    // Centred: the ink's left and right margins are about equal.
    int left = img.width, right = 0;
    for (int y = 0; y < img.height; ++y) {
        for (int x = 0; x < img.width; ++x) {
            if (img.gray[static_cast<std::size_t>(y) * img.width + x] < 128) {
                left = std::min(left, x);
                right = std::max(right, x);
            }
        }
    }
    EXPECT_NEAR(left, img.width - 1 - right, 24);
    EXPECT_GT(right - left, 200) << "five 48-dot cells";
}

TEST(TicketPreview, MissingFontIsReported) {
    PreviewOptions preview;
    preview.regular_font = "/nonexistent/font.ttf";
    EXPECT_THROW(render_ticket_png(testing::sample_layout(), {}, preview), InputError);
}

TEST(TicketPreview, UnwritablePathIsReported) {
    EXPECT_THROW(render_ticket_png(testing::sample_layout(), "/nonexistent-dir/x.png"),
                 std::runtime_error);
}

}  // namespace
}  // namespace loket::print
