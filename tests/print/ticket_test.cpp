// Ticket layout -> document -> ESC/POS bytes, checked by decoding the bytes back.
#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>

#include "escpos_decoder.hpp"
#include "loket/ticket_print.hpp"
#include "sample_ticket.hpp"

namespace loket::print {
namespace {

using testing::decode_escpos;
using testing::DecodedLine;
using testing::sample_layout;

// Position in decoded.items of the first line containing needle (or of the first QR).
int item_index(const testing::Decoded& d, std::string_view needle) {
    return d.find_item(needle);
}
int qr_index(const testing::Decoded& d) {
    return d.find_qr();
}

TEST(TicketEncode, Sample58mmContentAndOrder) {
    const auto layout = sample_layout(PaperWidth::mm58);
    const auto d = decode_escpos(encode_ticket(layout));
    ASSERT_GE(d.items.size(), 3u);
    EXPECT_TRUE(std::holds_alternative<testing::DecodedInit>(d.items[0]));
    ASSERT_TRUE(std::holds_alternative<testing::DecodedCodePage>(d.items[1]));
    EXPECT_EQ(std::get<testing::DecodedCodePage>(d.items[1]).table, 0);

    const int office = item_index(d, "DPMPTSP Provinsi");
    const int header = item_index(d, "Jl. Basuki Rahmat");
    const int service = item_index(d, "Layanan Informasi");
    const int number = item_index(d, "A-012");
    const int permit = item_index(d, "Izin Industri Kecil");
    const int priority = item_index(d, "PRIORITAS: Lansia");
    const int date = item_index(d, "17 Mei 2024");
    const int ahead = item_index(d, "Antrean di depan");
    const int wait = item_index(d, "15 menit");
    const int qr = qr_index(d);
    const int closing = item_index(d, "Mohon menunggu");
    const int footer = item_index(d, "survei kepuasan");
    const std::vector<int> order = {office, header, service, number, permit,  priority,
                                    date,   ahead,  wait,    qr,     closing, footer};
    for (int i : order)
        EXPECT_GE(i, 0);
    EXPECT_TRUE(std::is_sorted(order.begin(), order.end()));

    // The number is the biggest thing on the ticket and centred.
    const auto& num = std::get<DecodedLine>(d.items[static_cast<std::size_t>(number)]);
    EXPECT_EQ(num.text, "A-012");
    EXPECT_EQ(num.width, 4);
    EXPECT_EQ(num.height, 4);
    EXPECT_TRUE(num.bold);
    EXPECT_EQ(num.align, 1);
    for (const auto& l : d.lines()) {
        EXPECT_LE(l.width * l.height, num.width * num.height) << l.text;
        EXPECT_LE(static_cast<int>(l.text.size()) * l.width, 32) << "too wide: " << l.text;
    }
    // The office header is centred and bold.
    const auto& head = std::get<DecodedLine>(d.items[static_cast<std::size_t>(office)]);
    EXPECT_EQ(head.align, 1);
    EXPECT_TRUE(head.bold);

    ASSERT_EQ(d.qrs().size(), 1u);
    EXPECT_EQ(d.qrs()[0].data, layout.status_url);
    EXPECT_EQ(d.qrs()[0].model, 2);
    EXPECT_EQ(d.qrs()[0].align, 1);
    EXPECT_EQ(d.qrs()[0].ecc, 0x31);

    // People ahead is padded to the full width with the count at the right edge.
    const auto& ahead_line = std::get<DecodedLine>(d.items[static_cast<std::size_t>(ahead)]);
    EXPECT_EQ(ahead_line.text.size(), 32u);
    EXPECT_EQ(ahead_line.text.back(), '3');

    // Feed, then the cut is the very last thing.
    ASSERT_TRUE(std::holds_alternative<testing::DecodedCut>(d.items.back()));
    EXPECT_TRUE(std::get<testing::DecodedCut>(d.items.back()).partial);
    ASSERT_TRUE(std::holds_alternative<testing::DecodedFeed>(d.items[d.items.size() - 2]));
    EXPECT_EQ(std::get<testing::DecodedFeed>(d.items[d.items.size() - 2]).lines, 3);
}

TEST(TicketEncode, TextIsTransliteratedForTheCodePage) {
    const auto d = decode_escpos(encode_ticket(sample_layout()));
    EXPECT_GE(d.find_line("Jum'at, 17 Mei 2024"), 0);      // curly apostrophe
    EXPECT_GE(d.find_line("Senin-Kamis 08.00-19.00"), 0);  // en dashes
    EXPECT_GE(d.find_line("Terima kasih -- layanan"), 0);  // em dash
    EXPECT_GE(d.find_line("Perkiraan / Wait:"), 0);
    EXPECT_EQ(d.lines()[static_cast<std::size_t>(d.find_line("Perkiraan"))].text.substr(22),
              "\xF1 15 menit");  // ± is CP437 0xF1, value right-aligned
}

TEST(TicketEncode, Sample80mmUsesBiggerNumberAndWiderLines) {
    const auto d = decode_escpos(encode_ticket(sample_layout(PaperWidth::mm80)));
    const auto lines = d.lines();
    const auto num = lines[static_cast<std::size_t>(d.find_line("A-012"))];
    EXPECT_GE(num.width, 4);
    EXPECT_EQ(num.width, 6);
    EXPECT_EQ(num.height, 6);
    bool wider_than_58 = false;
    for (const auto& l : lines) {
        EXPECT_LE(static_cast<int>(l.text.size()) * l.width, 48) << l.text;
        wider_than_58 = wider_than_58 || l.text.size() > 32;
    }
    EXPECT_TRUE(wider_than_58) << "48 columns are used";
    EXPECT_EQ(d.qrs()[0].module_size, 8);

    PrintOptions options;
    options.columns = 42;
    const auto d42 = decode_escpos(encode_ticket(sample_layout(PaperWidth::mm80), options));
    for (const auto& l : d42.lines())
        EXPECT_LE(static_cast<int>(l.text.size()) * l.width, 42);
    EXPECT_EQ(d42.lines()[static_cast<std::size_t>(d42.find_line("A-012"))].width, 6);
}

TEST(TicketEncode, LongTicketNumberShrinksToFit) {
    auto layout = sample_layout();
    layout.ticket_number = "INFO-0123";  // 9 characters: 3x on 32 columns
    auto d = decode_escpos(encode_ticket(layout));
    EXPECT_EQ(d.lines()[static_cast<std::size_t>(d.find_line("INFO-0123"))].width, 3);
    layout.ticket_number = "LOKET-INFORMASI-001";  // 19: only 1x fits
    d = decode_escpos(encode_ticket(layout));
    EXPECT_EQ(d.lines()[static_cast<std::size_t>(d.find_line("LOKET-INFORMASI-001"))].width, 1);
}

// Nobody ahead: the ticket says the applicant is next, not "0 ahead" and "no estimate yet".
TEST(TicketEncode, NobodyAheadSaysYouAreNext) {
    TicketLayout t;
    t.office_name = "DPMPTSP Provinsi Kalimantan Timur";
    t.service_name = "Informasi";
    t.ticket_number = "A-001";
    t.people_ahead = 0;
    t.estimated_wait = "Perkiraan waktu tunggu belum tersedia";
    for (const PaperWidth paper : {PaperWidth::mm58, PaperWidth::mm80}) {
        t.paper = paper;
        const auto d = decode_escpos(encode_ticket(t));
        const int next = d.find_line("Anda berikutnya / You are next");
        ASSERT_GE(next, 0);
        EXPECT_TRUE(std::get<DecodedLine>(d.items[static_cast<std::size_t>(next)]).bold);
        EXPECT_LT(d.find_line("Antrean di depan"), 0);
        EXPECT_LT(d.find_line("Perkiraan"), 0);
        EXPECT_LT(d.find_line("belum tersedia"), 0);
    }
    t.people_ahead = 3;
    t.estimated_wait = "\u00b1 15 menit";
    const auto d = decode_escpos(encode_ticket(t));
    EXPECT_LT(d.find_line("Anda berikutnya"), 0);
    EXPECT_GE(d.find_line("Antrean di depan / Ahead:"), 0);
}

TEST(TicketEncode, OptionalPartsAreLeftOut) {
    TicketLayout t;
    t.office_name = "DPMPTSPK Kabupaten Dairi";
    t.service_name = "Pendaftaran";
    t.ticket_number = "B-001";
    t.issued_at = "17-05-2024 08.00 WIB";
    const auto d = decode_escpos(encode_ticket(t));
    EXPECT_LT(d.find_line("PRIORITAS"), 0);
    EXPECT_LT(d.find_line("Antrean di depan"), 0);
    EXPECT_LT(d.find_line("Perkiraan"), 0);
    EXPECT_TRUE(d.qrs().empty());
    EXPECT_GE(d.find_line("Mohon menunggu nomor Anda"), 0) << "default closing line";
    t.closing_line = "";
    EXPECT_LT(decode_escpos(encode_ticket(t)).find_line("Mohon"), 0);
    t.closing_line = "Silakan duduk";
    EXPECT_GE(decode_escpos(encode_ticket(t)).find_line("Silakan duduk"), 0);
}

TEST(TicketEncode, OptionsBarcodeCodePageCut) {
    PrintOptions options;
    options.barcode = true;
    options.code_page = CodePage::cp858();
    options.cut = Cut::full;
    options.feed_before_cut = 5;
    options.qr_error_correction = QrErrorCorrection::H;
    const auto d = decode_escpos(encode_ticket(sample_layout(), options));
    EXPECT_EQ(std::get<testing::DecodedCodePage>(d.items[1]).table, 19);
    ASSERT_EQ(d.barcodes().size(), 1u);
    EXPECT_EQ(d.barcodes()[0].data, "A-012");
    EXPECT_EQ(d.barcodes()[0].set, 'B');
    EXPECT_EQ(d.qrs()[0].ecc, 0x33);
    EXPECT_FALSE(std::get<testing::DecodedCut>(d.items.back()).partial);
    EXPECT_EQ(std::get<testing::DecodedFeed>(d.items[d.items.size() - 2]).lines, 5);
}

TEST(TicketEncode, LongUrlGetsSmallerModules) {
    auto layout = sample_layout();
    layout.status_url = "https://antrean.example.go.id/status?t=" + std::string(400, 'x');
    const auto d = decode_escpos(encode_ticket(layout));
    ASSERT_EQ(d.qrs().size(), 1u);
    EXPECT_LT(d.qrs()[0].module_size, 6);
    EXPECT_EQ(d.qrs()[0].data, layout.status_url);
}

TEST(TicketEncode, InvalidOptionsAreRejected) {
    PrintOptions options;
    options.columns = 10;
    EXPECT_THROW(encode_ticket(sample_layout(), options), std::invalid_argument);
    options = {};
    options.qr_module_size = 17;
    EXPECT_THROW(encode_ticket(sample_layout(), options), std::invalid_argument);
    options = {};
    options.feed_before_cut = 300;
    EXPECT_THROW(encode_ticket(sample_layout(), options), std::invalid_argument);
    auto layout = sample_layout();
    layout.status_url = std::string(7090, 'x');
    EXPECT_THROW(encode_ticket(layout), std::invalid_argument);
    options = {};
    options.barcode = true;
    layout = sample_layout();
    layout.ticket_number = "A-\u00E9";  // not CODE128 B
    EXPECT_THROW(encode_ticket(layout, options), std::invalid_argument);
    layout.ticket_number = "";
    EXPECT_THROW(encode_ticket(layout), std::invalid_argument);
}

TEST(TicketDocument, BuiltOnceWithWrappedPrintableLines) {
    const auto doc = build_ticket_document(sample_layout());
    EXPECT_EQ(doc.columns, 32);
    EXPECT_EQ(doc.paper, PaperWidth::mm58);
    const Transliterator tr;
    for (const auto& e : doc.elements) {
        if (const auto* l = std::get_if<TextLine>(&e)) {
            EXPECT_LE(utf8_length(l->text) * l->width, 32u) << l->text;
            EXPECT_EQ(tr.printable(l->text), l->text) << "already in printable form";
        }
    }
    EXPECT_TRUE(std::holds_alternative<CutPaper>(doc.elements.back()));
    EXPECT_NO_THROW(validate_document(doc));
}

TEST(TicketDocument, ValidateRejectsWhatThePrinterWouldMangle) {
    TicketDocument doc;
    doc.elements.push_back(TextLine{std::string(33, 'x')});
    EXPECT_THROW(validate_document(doc), std::invalid_argument);
    doc.elements = {TextLine{std::string(9, 'x'), Align::left, false, 4, 4}};
    EXPECT_THROW(validate_document(doc), std::invalid_argument);  // 36 columns
    doc.elements = {TextLine{"x", Align::left, false, 9, 1}};
    EXPECT_THROW(validate_document(doc), std::invalid_argument);
    doc.elements = {TextLine{"emoji \U0001F600"}};  // not transliterated
    EXPECT_THROW(validate_document(doc), std::invalid_argument);
    doc.elements = {TextLine{"tab\there"}};
    EXPECT_THROW(validate_document(doc), std::invalid_argument);
    doc.elements = {QrBlock{"", 4}};
    EXPECT_THROW(validate_document(doc), std::invalid_argument);
    doc.elements = {BarcodeBlock{Code128Set::C, "123"}};
    EXPECT_THROW(validate_document(doc), std::invalid_argument);
    doc.elements = {Feed{-1}};
    EXPECT_THROW(validate_document(doc), std::invalid_argument);
    doc.columns = 100;
    doc.elements.clear();
    EXPECT_THROW(validate_document(doc), std::invalid_argument);
    EXPECT_THROW(encode_document(doc), std::invalid_argument);
}

TEST(TicketDocument, EncoderSendsStyleOnlyWhenItChanges) {
    TicketDocument doc;
    doc.elements = {TextLine{"a", Align::center, true, 2, 2},
                    TextLine{"b", Align::center, true, 2, 2}, TextLine{"c"}};
    const auto bytes = encode_document(doc);
    const std::vector<std::uint8_t> expected = {
        0x1B, 0x40, 0x1B, 0x74, 0x00,                          // init, CP437
        0x1B, 0x61, 0x01, 0x1B, 0x45, 0x01, 0x1D, 0x21, 0x11,  // centre, bold, 2x2
        'a',  0x0A, 'b',  0x0A,                                // same style: no commands
        0x1B, 0x61, 0x00, 0x1B, 0x45, 0x00, 0x1D, 0x21, 0x00,  // back to left, normal, 1x1
        'c',  0x0A};
    EXPECT_EQ(bytes, expected);
}

}  // namespace
}  // namespace loket::print
