// Byte-exact checks of every ESC/POS command against docs/escpos.md.
#include "loket/escpos.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "escpos_decoder.hpp"

namespace loket::print {
namespace {

using Bytes = std::vector<std::uint8_t>;

Bytes str(std::string_view s) {
    return Bytes(s.begin(), s.end());
}

Bytes cat(Bytes a, const Bytes& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

TEST(EscPos, BasicCommands) {
    EXPECT_EQ(EscPos().initialise().bytes(), (Bytes{0x1B, 0x40}));
    EXPECT_EQ(EscPos().code_page(0).bytes(), (Bytes{0x1B, 0x74, 0x00}));
    EXPECT_EQ(EscPos().code_page(19).bytes(), (Bytes{0x1B, 0x74, 0x13}));
    EXPECT_EQ(EscPos().align(Align::left).bytes(), (Bytes{0x1B, 0x61, 0x00}));
    EXPECT_EQ(EscPos().align(Align::center).bytes(), (Bytes{0x1B, 0x61, 0x01}));
    EXPECT_EQ(EscPos().align(Align::right).bytes(), (Bytes{0x1B, 0x61, 0x02}));
    EXPECT_EQ(EscPos().emphasis(true).bytes(), (Bytes{0x1B, 0x45, 0x01}));
    EXPECT_EQ(EscPos().emphasis(false).bytes(), (Bytes{0x1B, 0x45, 0x00}));
    EXPECT_EQ(EscPos().feed(3).bytes(), (Bytes{0x1B, 0x64, 0x03}));
    EXPECT_EQ(EscPos().feed(255).bytes(), (Bytes{0x1B, 0x64, 0xFF}));
    EXPECT_EQ(EscPos().cut(Cut::full).bytes(), (Bytes{0x1D, 0x56, 0x00}));
    EXPECT_EQ(EscPos().cut(Cut::partial).bytes(), (Bytes{0x1D, 0x56, 0x01}));
    EXPECT_EQ(EscPos().feed_and_cut(Cut::full, 5).bytes(), (Bytes{0x1D, 0x56, 0x41, 0x05}));
    EXPECT_EQ(EscPos().feed_and_cut(Cut::partial, 0).bytes(), (Bytes{0x1D, 0x56, 0x42, 0x00}));
    EXPECT_EQ(EscPos().line("AB").bytes(), (Bytes{'A', 'B', 0x0A}));
}

TEST(EscPos, CharacterSizeByteForEveryCombination) {
    for (int w = 1; w <= 8; ++w) {
        for (int h = 1; h <= 8; ++h) {
            const auto n = static_cast<std::uint8_t>(((w - 1) << 4) | (h - 1));
            EXPECT_EQ(EscPos().char_size(w, h).bytes(), (Bytes{0x1D, 0x21, n})) << w << "x" << h;
        }
    }
    EXPECT_EQ(EscPos().char_size(1, 1).bytes()[2], 0x00);
    EXPECT_EQ(EscPos().char_size(2, 2).bytes()[2], 0x11);
    EXPECT_EQ(EscPos().char_size(4, 4).bytes()[2], 0x33);
    EXPECT_EQ(EscPos().char_size(8, 8).bytes()[2], 0x77);
    EXPECT_EQ(EscPos().char_size(2, 1).bytes()[2], 0x10);
    EXPECT_EQ(EscPos().char_size(1, 2).bytes()[2], 0x01);
}

TEST(EscPos, CharacterSizeOutOfRangeIsRejected) {
    EscPos e;
    EXPECT_THROW(e.char_size(0, 1), std::invalid_argument);
    EXPECT_THROW(e.char_size(1, 0), std::invalid_argument);
    EXPECT_THROW(e.char_size(9, 1), std::invalid_argument);
    EXPECT_THROW(e.char_size(1, 9), std::invalid_argument);
    EXPECT_THROW(e.char_size(-1, -1), std::invalid_argument);
    EXPECT_TRUE(e.bytes().empty()) << "a rejected command must leave no bytes";
}

TEST(EscPos, QrCommands) {
    EXPECT_EQ(EscPos().qr_model2().bytes(),
              (Bytes{0x1D, 0x28, 0x6B, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00}));
    EXPECT_EQ(EscPos().qr_module_size(1).bytes(),
              (Bytes{0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x43, 0x01}));
    EXPECT_EQ(EscPos().qr_module_size(16).bytes(),
              (Bytes{0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x43, 0x10}));
    const std::pair<QrErrorCorrection, std::uint8_t> levels[] = {{QrErrorCorrection::L, 0x30},
                                                                 {QrErrorCorrection::M, 0x31},
                                                                 {QrErrorCorrection::Q, 0x32},
                                                                 {QrErrorCorrection::H, 0x33}};
    for (const auto& [level, byte] : levels) {
        EXPECT_EQ(EscPos().qr_error_correction(level).bytes(),
                  (Bytes{0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x45, byte}));
    }
    EXPECT_EQ(EscPos().qr_print().bytes(), (Bytes{0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x51, 0x30}));
    EXPECT_EQ(EscPos().qr_store("AB").bytes(),
              (Bytes{0x1D, 0x28, 0x6B, 0x05, 0x00, 0x31, 0x50, 0x30, 'A', 'B'}));
}

TEST(EscPos, QrStoreLengthIsLittleEndianLenPlusThree) {
    // {data length, pL, pH}
    const std::tuple<std::size_t, std::uint8_t, std::uint8_t> cases[] = {
        {1, 0x04, 0x00},   {252, 0xFF, 0x00}, {253, 0x00, 0x01},  {255, 0x02, 0x01},
        {256, 0x03, 0x01}, {300, 0x2F, 0x01}, {7089, 0xB4, 0x1B},
    };
    for (const auto& [len, pl, ph] : cases) {
        const std::string data(len, 'x');
        const auto bytes = EscPos().qr_store(data).bytes();
        ASSERT_EQ(bytes.size(), 8 + len);
        EXPECT_EQ(bytes[3], pl) << "len " << len;
        EXPECT_EQ(bytes[4], ph) << "len " << len;
        EXPECT_EQ(bytes[3] | (bytes[4] << 8), static_cast<int>(len + 3));
        EXPECT_EQ((Bytes{bytes[5], bytes[6], bytes[7]}), (Bytes{0x31, 0x50, 0x30}));
        EXPECT_EQ(std::string(bytes.begin() + 8, bytes.end()), data);
    }
}

TEST(EscPos, QrFullSequence) {
    const auto bytes = EscPos().qr("https://x.id/t/1", 6, QrErrorCorrection::Q).take();
    Bytes expected = {0x1D, 0x28, 0x6B, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00,  // model 2
                      0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x43, 0x06,        // module 6
                      0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x45, 0x32,        // ECC Q
                      0x1D, 0x28, 0x6B, 0x13, 0x00, 0x31, 0x50, 0x30};       // store 16+3
    expected = cat(expected, str("https://x.id/t/1"));
    expected = cat(expected, {0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x51, 0x30});
    EXPECT_EQ(bytes, expected);
}

TEST(EscPos, QrInvalidArgumentsAreRejected) {
    EscPos e;
    EXPECT_THROW(e.qr_module_size(0), std::invalid_argument);
    EXPECT_THROW(e.qr_module_size(17), std::invalid_argument);
    EXPECT_THROW(e.qr_store(""), std::invalid_argument);
    EXPECT_THROW(e.qr_store(std::string(7090, '1')), std::invalid_argument);
    EXPECT_THROW(e.qr_error_correction(static_cast<QrErrorCorrection>(0x34)),
                 std::invalid_argument);
    EXPECT_THROW(e.qr(std::string(8000, 'a'), 4, QrErrorCorrection::L), std::invalid_argument);
    EXPECT_THROW(e.qr("ok", 0, QrErrorCorrection::L), std::invalid_argument);
    EXPECT_TRUE(e.bytes().empty());
    EXPECT_NO_THROW(e.qr_store(std::string(7089, '1')));
}

TEST(EscPos, Code128) {
    EXPECT_EQ(EscPos().code128(Code128Set::B, "A-012").bytes(),
              (Bytes{0x1D, 0x6B, 0x49, 0x07, '{', 'B', 'A', '-', '0', '1', '2'}));
    EXPECT_EQ(EscPos().code128(Code128Set::A, "AB\x01").bytes(),
              (Bytes{0x1D, 0x6B, 0x49, 0x05, '{', 'A', 'A', 'B', 0x01}));
    // Set C packs two digits per byte.
    EXPECT_EQ(EscPos().code128(Code128Set::C, "012399").bytes(),
              (Bytes{0x1D, 0x6B, 0x49, 0x05, '{', 'C', 1, 23, 99}));
    // A literal '{' in set B is doubled so the printer does not read a code-set switch.
    EXPECT_EQ(EscPos().code128(Code128Set::B, "a{b").bytes(),
              (Bytes{0x1D, 0x6B, 0x49, 0x06, '{', 'B', 'a', '{', '{', 'b'}));
    EXPECT_EQ(EscPos().barcode_height(80).bytes(), (Bytes{0x1D, 0x68, 80}));
    EXPECT_EQ(EscPos().barcode_module_width(2).bytes(), (Bytes{0x1D, 0x77, 2}));
    EXPECT_EQ(EscPos().barcode_text(BarcodeText::below).bytes(), (Bytes{0x1D, 0x48, 2}));
}

TEST(EscPos, Code128InvalidDataIsRejected) {
    EscPos e;
    EXPECT_THROW(e.code128(Code128Set::B, ""), std::invalid_argument);
    EXPECT_THROW(e.code128(Code128Set::A, "abc"), std::invalid_argument);  // lower case
    EXPECT_THROW(e.code128(Code128Set::B, "tab\there"), std::invalid_argument);
    EXPECT_THROW(e.code128(Code128Set::B, "caf\xC3\xA9"), std::invalid_argument);
    EXPECT_THROW(e.code128(Code128Set::C, "123"), std::invalid_argument);  // odd
    EXPECT_THROW(e.code128(Code128Set::C, "12a4"), std::invalid_argument);
    EXPECT_THROW(e.code128(Code128Set::B, std::string(254, 'x')), std::invalid_argument);
    EXPECT_NO_THROW(EscPos().code128(Code128Set::B, std::string(253, 'x')));
    EXPECT_THROW(e.barcode_height(0), std::invalid_argument);
    EXPECT_THROW(e.barcode_module_width(1), std::invalid_argument);
    EXPECT_THROW(e.barcode_module_width(7), std::invalid_argument);
    EXPECT_TRUE(e.bytes().empty());
}

TEST(EscPos, FeedAndCutRangesAreChecked) {
    EscPos e;
    EXPECT_THROW(e.feed(-1), std::invalid_argument);
    EXPECT_THROW(e.feed(256), std::invalid_argument);
    EXPECT_THROW(e.feed_and_cut(Cut::full, 256), std::invalid_argument);
    EXPECT_TRUE(e.bytes().empty());
}

TEST(EscPos, TextRefusesControlBytes) {
    EscPos e;
    EXPECT_THROW(e.text("a\x1B@"), std::invalid_argument);
    EXPECT_THROW(e.text("line\n"), std::invalid_argument);
    EXPECT_THROW(e.text(std::string_view("a\0b", 3)), std::invalid_argument);
    EXPECT_THROW(e.text("\x7F"), std::invalid_argument);
    EXPECT_TRUE(e.bytes().empty());
    EXPECT_NO_THROW(e.text("\x82\xFF"));  // high CP437 bytes are glyphs
}

TEST(EscPos, WrappedTextTransliteratesAndWraps) {
    const Transliterator tr;
    const auto bytes =
        EscPos().wrapped_text("Dinas Penanaman Modal — Pelayanan Terpadu", tr, 16).take();
    const auto decoded = testing::decode_escpos(bytes);
    const auto lines = decoded.lines();
    ASSERT_EQ(lines.size(), 4u);
    EXPECT_EQ(lines[0].text, "Dinas Penanaman");
    EXPECT_EQ(lines[1].text, "Modal --");  // the dash became two columns before wrapping
    EXPECT_EQ(lines[2].text, "Pelayanan");
    EXPECT_EQ(lines[3].text, "Terpadu");
    const auto all = EscPos().wrapped_text("a\nb", tr, 16).take();
    EXPECT_EQ(testing::decode_escpos(all).lines().size(), 2u);
}

TEST(EscPosDecoder, RoundTripsEveryCommand) {
    EscPos e;
    e.initialise()
        .code_page(2)
        .align(Align::center)
        .emphasis(true)
        .char_size(3, 2)
        .line("HI")
        .qr("data", 5, QrErrorCorrection::H)
        .barcode_text(BarcodeText::below)
        .barcode_height(50)
        .barcode_module_width(3)
        .code128(Code128Set::C, "2024")
        .feed(2)
        .feed_and_cut(Cut::partial, 10);
    const auto d = testing::decode_escpos(e.bytes());
    const auto lines = d.lines();
    ASSERT_EQ(lines.size(), 1u);
    EXPECT_EQ(lines[0].text, "HI");
    EXPECT_EQ(lines[0].align, 1);
    EXPECT_TRUE(lines[0].bold);
    EXPECT_EQ(lines[0].width, 3);
    EXPECT_EQ(lines[0].height, 2);
    ASSERT_EQ(d.qrs().size(), 1u);
    EXPECT_EQ(d.qrs()[0].data, "data");
    EXPECT_EQ(d.qrs()[0].model, 2);
    EXPECT_EQ(d.qrs()[0].module_size, 5);
    EXPECT_EQ(d.qrs()[0].ecc, 0x33);
    ASSERT_EQ(d.barcodes().size(), 1u);
    EXPECT_EQ(d.barcodes()[0].data, "2024");
    EXPECT_EQ(d.barcodes()[0].set, 'C');
    EXPECT_EQ(d.barcodes()[0].height, 50);
    ASSERT_TRUE(std::holds_alternative<testing::DecodedCut>(d.items.back()));
    EXPECT_TRUE(std::get<testing::DecodedCut>(d.items.back()).partial);
}

TEST(EscPosDecoder, RejectsUnknownAndMisplacedSequences) {
    using testing::decode_escpos;
    using testing::DecodeError;
    EXPECT_THROW(decode_escpos(Bytes{0x1B, 0x21, 0x00}), DecodeError);  // ESC ! unknown here
    EXPECT_THROW(decode_escpos(Bytes{0x1D, 0x42, 0x01}), DecodeError);  // GS B
    EXPECT_THROW(decode_escpos(Bytes{0x07}), DecodeError);              // BEL
    EXPECT_THROW(decode_escpos(Bytes{0x1B}), DecodeError);              // truncated
    EXPECT_THROW(decode_escpos(Bytes{'a', 0x1B, 0x61, 0x01, 0x0A}), DecodeError);  // mid-line
    EXPECT_THROW(decode_escpos(Bytes{'a', 'b'}), DecodeError);                     // no LF
    EXPECT_THROW(decode_escpos(Bytes{0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x51, 0x30}),
                 DecodeError);  // QR print with nothing stored
    EXPECT_THROW(decode_escpos(Bytes{0x1D, 0x28, 0x6B, 0x09, 0x00, 0x31, 0x50, 0x30, 'a'}),
                 DecodeError);  // length says more than there is
}

}  // namespace
}  // namespace loket::print
