// UTF-8 -> code page conversion and the column helpers.
#include <gtest/gtest.h>
#include <iconv.h>

#include <array>
#include <random>
#include <stdexcept>

#include "loket/escpos.hpp"

namespace loket::print {
namespace {

// The bytes a code page defines as printable, asked of iconv directly (independent of the
// module): those that convert to a character that is not a control.
std::array<bool, 256> printable_bytes(const char* code_page) {
    std::array<bool, 256> ok{};
    iconv_t cd = iconv_open("UTF-32LE", code_page);
    for (int b = 0; b < 256; ++b) {
        char in = static_cast<char>(b);
        char32_t out = 0;
        char* inp = &in;
        auto* outp = reinterpret_cast<char*>(&out);
        std::size_t inleft = 1, outleft = sizeof out;
        iconv(cd, nullptr, nullptr, nullptr, nullptr);
        const bool converted =
            iconv(cd, &inp, &inleft, &outp, &outleft) != static_cast<std::size_t>(-1);
        ok[static_cast<std::size_t>(b)] = converted && out >= 0x20 && !(out >= 0x7F && out <= 0x9F);
    }
    iconv_close(cd);
    return ok;
}

void expect_printable(std::string_view bytes, std::string_view input,
                      const char* code_page = "CP437") {
    const auto ok = printable_bytes(code_page);
    for (char c : bytes) {
        const auto b = static_cast<unsigned char>(c);
        EXPECT_TRUE(ok[b]) << code_page << " byte " << static_cast<int>(b) << " from '" << input
                           << "'";
        EXPECT_TRUE(is_printable_byte(b));
    }
}

TEST(Transliterate, IndonesianAndLatinText) {
    const Transliterator tr;  // CP437
    const std::pair<std::string_view, std::string_view> cases[] = {
        {"Jum'at", "Jum'at"},
        {"Jum\u2019at", "Jum'at"},         // right single quote
        {"caf\u00E9", "caf\x82"},          // é exists in CP437
        {"na\u00EFve", "na\x8Bve"},        // ï exists in CP437
        {"\u201Cizin\u201D", "\"izin\""},  // curly double quotes
        {"\u2018x\u2019", "'x'"},
        {"08.00\u201319.00", "08.00-19.00"},   // en dash
        {"Izin \u2014 IUMK", "Izin -- IUMK"},  // em dash
        {"tunggu\u2026", "tunggu..."},
        {"\u015Eahin a\u011Fa", "Sahin aga"},  // needs C.UTF-8 rules, not plain C
        {"e\u0301", "e"},                      // combining accent dropped
        {"Rp\u00A010.000",
         "Rp\xFF"
         "10.000"},  // no-break space is CP437 0xFF
    };
    for (const auto& [in, expected] : cases) {
        const std::string out = tr.to_printer(in);
        EXPECT_EQ(out, expected) << in;
        expect_printable(out, in);
    }
}

TEST(Transliterate, EmojiBecomeOneQuestionMark) {
    const Transliterator tr;
    EXPECT_EQ(tr.to_printer("Halo \U0001F600!"), "Halo ?!");
    // A family emoji is three pictographs joined by ZWJ: one '?', not five.
    EXPECT_EQ(tr.to_printer("\U0001F468\u200D\U0001F469\u200D\U0001F467"), "?");
    // Skin tone modifiers and the emoji presentation selector vanish.
    EXPECT_EQ(tr.to_printer("ok\U0001F44D\U0001F3FD\uFE0F"), "ok?");
    // A real question mark stays, and separate unknowns stay separate.
    EXPECT_EQ(tr.to_printer("? \U0001F600 \U0001F600"), "? ? ?");
    // Smiley has a glibc transliteration.
    EXPECT_EQ(tr.to_printer("\u263A"), ":)");
    EXPECT_EQ(tr.to_printer("\u5C71\u7530"), "?");  // CJK name: nothing printable
}

TEST(Transliterate, InvalidUtf8NeverCrashesAndGivesQuestionMarks) {
    const Transliterator tr;
    EXPECT_EQ(tr.to_printer("ab\xC3"), "ab?");             // truncated sequence
    EXPECT_EQ(tr.to_printer("\xFF\xFE"), "??");            // never valid
    EXPECT_EQ(tr.to_printer("\xC0\xAF"), "??");            // overlong '/'
    EXPECT_EQ(tr.to_printer("\xED\xA0\x80"), "???");       // UTF-16 surrogate
    EXPECT_EQ(tr.to_printer("\xF4\x90\x80\x80"), "????");  // past U+10FFFF
    EXPECT_EQ(tr.to_printer("\x80x"), "?x");               // lone continuation byte
}

TEST(Transliterate, ControlCharactersNeverReachThePrinter) {
    const Transliterator tr;
    EXPECT_EQ(tr.to_printer("a\tb\nc\r\x1B@d\x07\x7F\u0085e"), "a b c @de");
    EXPECT_EQ(tr.to_printer(std::string_view("x\0y", 3)), "xy");
}

TEST(Transliterate, RandomBytesGivePrintableOutput) {
    const Transliterator tr;
    std::mt19937 rng(20240517);
    std::uniform_int_distribution<int> byte(0, 255), length(0, 40);
    for (int i = 0; i < 3000; ++i) {
        std::string in(static_cast<std::size_t>(length(rng)), '\0');
        for (char& c : in)
            c = static_cast<char>(byte(rng));
        const std::string out = tr.to_printer(in);
        expect_printable(out, "random");
        EXPECT_EQ(tr.to_utf8(out).find("\uFFFD"), std::string::npos);
    }
}

TEST(Transliterate, OtherCodePages) {
    const Transliterator cp858(CodePage::cp858());
    EXPECT_EQ(cp858.code_page().escpos_table, 19);
    EXPECT_EQ(cp858.to_printer("\u20AC 5"), "\xD5 5");  // CP858 has the euro sign
    EXPECT_EQ(Transliterator().to_printer("\u20AC 5"), "EUR 5");
    const Transliterator cp850(CodePage::cp850());
    EXPECT_EQ(cp850.to_printer("\u00C9"), "\x90");  // É
    expect_printable(cp850.to_printer("\u2014\U0001F600\xFF caf\u00E9"), "cp850", "CP850");
    expect_printable(cp858.to_printer("\u2014\U0001F600\xFF \u20AC"), "cp858", "CP858");
    EXPECT_THROW(Transliterator(CodePage{"NO-SUCH-CODEPAGE", 0}), std::invalid_argument);
}

TEST(Transliterate, BackToUtf8ForPreview) {
    const Transliterator tr;
    EXPECT_EQ(tr.to_utf8("caf\x82"), "caf\u00E9");
    EXPECT_EQ(tr.printable("Izin \u2014 caf\u00E9 \U0001F600"), "Izin -- caf\u00E9 ?");
    EXPECT_EQ(tr.to_utf8("\x1B"), "\uFFFD");
    // Every printable byte survives the round trip, so documents can hold UTF-8.
    for (int b = 0x20; b <= 0xFF; ++b) {
        if (b == 0x7F)
            continue;
        const std::string byte(1, static_cast<char>(b));
        EXPECT_EQ(tr.to_printer(tr.to_utf8(byte)), byte) << b;
    }
}

TEST(TextLayout, Utf8Length) {
    EXPECT_EQ(utf8_length(""), 0u);
    EXPECT_EQ(utf8_length("caf\u00E9"), 4u);
    EXPECT_EQ(utf8_length("\xFF\xFE"), 2u);
}

TEST(TextLayout, WrapAtSpacesAndSplitLongWords) {
    using V = std::vector<std::string>;
    EXPECT_EQ(wrap_text("", 10), V{""});
    EXPECT_EQ(wrap_text("Mohon menunggu nomor Anda dipanggil", 32),
              (V{"Mohon menunggu nomor Anda", "dipanggil"}));
    EXPECT_EQ(wrap_text("exactly ten", 11), V{"exactly ten"});
    EXPECT_EQ(wrap_text("abcdefghij", 4), (V{"abcd", "efgh", "ij"}));
    EXPECT_EQ(wrap_text("ab abcdefgh", 5), (V{"ab ab", "cdefg", "h"}));
    EXPECT_EQ(wrap_text("  many   spaces  ", 20), V{"many spaces"});
    EXPECT_EQ(wrap_text("one\ntwo", 20), (V{"one", "two"}));
    EXPECT_EQ(wrap_text("caf\u00E9 caf\u00E9", 4), (V{"caf\u00E9", "caf\u00E9"}));
    EXPECT_THROW(wrap_text("x", 0), std::invalid_argument);
    for (const auto& line :
         wrap_text("Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", 7)) {
        EXPECT_LE(utf8_length(line), 7u) << line;
    }
}

TEST(TextLayout, PadAndSpread) {
    EXPECT_EQ(pad_text("ab", 6, Align::left), "ab    ");
    EXPECT_EQ(pad_text("ab", 6, Align::right), "    ab");
    EXPECT_EQ(pad_text("ab", 6, Align::center), "  ab  ");
    EXPECT_EQ(pad_text("abcdefgh", 4, Align::center), "abcd");
    EXPECT_EQ(pad_text("\u00E9", 3, Align::right), "  \u00E9");
    EXPECT_EQ(spread_text("Antrean:", "12", 14), "Antrean:    12");
    EXPECT_EQ(spread_text("Antrean di depan", "12", 10), "Antrean 12");  // label cut
    EXPECT_EQ(spread_text("x", "123456", 4), "1234");
    EXPECT_EQ(utf8_length(spread_text("Perkiraan:", "15 menit", 32)), 32u);
}

}  // namespace
}  // namespace loket::print
