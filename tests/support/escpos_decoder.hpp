#pragma once
// A strict ESC/POS reader for tests: turns the bytes the encoder produced back into printed
// lines (with the style in force), QR codes, barcodes, feeds and cuts. Anything it does not
// know, or a command used where a printer would misread it, throws DecodeError, so a test
// passing through it proves the stream holds only what we meant to send.
#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

namespace loket::print::testing {

struct DecodeError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct DecodedLine {
    std::string text;  // raw code page bytes
    int align = 0;     // 0 left, 1 centre, 2 right
    bool bold = false;
    int width = 1;
    int height = 1;
};
struct DecodedQr {
    std::string data;
    int model = 0;
    int module_size = 3;  // printer default
    int ecc = 0x30;       // printer default L
    int align = 0;
};
struct DecodedBarcode {
    std::string payload;  // as sent, with the {A/{B/{C prefix
    std::string data;     // decoded: set C pairs as digits, "{{" as '{'
    char set = 0;
    int height = 162;
    int module_width = 3;
    int hri = 0;
    int align = 0;
};
struct DecodedFeed {
    int lines = 0;
};
struct DecodedCut {
    bool partial = false;
    bool feeds = false;  // GS V 65/66 n
    int feed = 0;
};
struct DecodedInit {};
struct DecodedCodePage {
    int table = 0;
};
struct DecodedStatusQuery {
    int n = 0;
};

using DecodedItem = std::variant<DecodedLine, DecodedQr, DecodedBarcode, DecodedFeed, DecodedCut,
                                 DecodedInit, DecodedCodePage, DecodedStatusQuery>;

struct Decoded {
    std::vector<DecodedItem> items;

    std::vector<DecodedLine> lines() const;
    std::vector<DecodedQr> qrs() const;
    std::vector<DecodedBarcode> barcodes() const;
    // Index of the first line whose text contains `needle`, or -1.
    int find_line(std::string_view needle) const;
    // Index in items of the first line whose text contains `needle`, or -1.
    int find_item(std::string_view needle) const;
    // Index in items of the first QR code, or -1.
    int find_qr() const;
};

Decoded decode_escpos(std::span<const std::uint8_t> bytes);

// Every printed line's text, each followed by a space: for finding words across line breaks.
inline std::string joined_text(const Decoded& d) {
    std::string all;
    for (const auto& l : d.lines())
        all += l.text + " ";
    return all;
}

}  // namespace loket::print::testing
