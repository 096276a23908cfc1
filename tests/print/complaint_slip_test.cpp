// The complaint slip: layout -> document -> ESC/POS bytes, decoded back on both paper widths;
// and its printing through a transport, worded for the slip.
#include <gtest/gtest.h>

#include "escpos_decoder.hpp"
#include "fake_printer.hpp"
#include "loket/complaint_slip_print.hpp"

namespace loket::print {
namespace {

using testing::decode_escpos;
using testing::DecodedLine;

ComplaintSlipLayout sample_slip(PaperWidth paper) {
    ComplaintSlipLayout s;
    s.office_name = "DPMPTSP Kabupaten Dairi";
    s.tracking_number = "ADU-7K3M-9QX2";
    s.received_on = "Senin, 23 November 2026";
    s.due_on = "Jumat, 22 Januari 2027";
    s.category = {"Waktu penyelesaian", "Processing time"};
    s.track_url = "https://antrean.dairikab.go.id/pengaduan.html?lacak=ADU-7K3M-9QX2";
    s.lapor = {
        "Pengaduan juga dapat disampaikan melalui SP4N-LAPOR!: www.lapor.go.id atau SMS "
        "ke 1708.",
        "You can also file a complaint through SP4N-LAPOR!: www.lapor.go.id or SMS to "
        "1708."};
    s.paper = paper;
    return s;
}

class SlipOnPaper : public ::testing::TestWithParam<PaperWidth> {};

TEST_P(SlipOnPaper, DecodedBytesHoldTheSlip) {
    const PaperWidth paper = GetParam();
    const int columns = paper == PaperWidth::mm58 ? 32 : 48;
    const ComplaintSlipLayout layout = sample_slip(paper);
    const auto d = decode_escpos(encode_document(build_complaint_slip_document(layout)));

    // The number on one line, bold, centred, larger than the text.
    const int number = d.find_item("ADU-7K3M-9QX2");
    ASSERT_GE(number, 0);
    const auto& num = std::get<DecodedLine>(d.items[static_cast<std::size_t>(number)]);
    EXPECT_EQ(num.text, "ADU-7K3M-9QX2");
    EXPECT_TRUE(num.bold);
    EXPECT_EQ(num.align, 1);
    EXPECT_GE(num.width, 2);
    for (const auto& l : d.lines())
        EXPECT_LE(static_cast<int>(l.text.size()) * l.width, columns) << "too wide: " << l.text;

    const std::string text = joined_text(d);
    EXPECT_NE(text.find("BUKTI PENGADUAN"), std::string::npos);
    EXPECT_NE(text.find("Senin, 23 November 2026"), std::string::npos);
    EXPECT_NE(text.find("Jumat, 22 Januari 2027"), std::string::npos);
    EXPECT_NE(text.find("Waktu penyelesaian / Processing time"), std::string::npos) << text;
    EXPECT_NE(text.find("SP4N-LAPOR!"), std::string::npos);
    // The tracking page as a QR code, and its address in words.
    ASSERT_EQ(d.qrs().size(), 1u);
    EXPECT_EQ(d.qrs()[0].data, layout.track_url);
    EXPECT_NE(d.find_item("Ikuti tindak lanjutnya"), -1);
    ASSERT_FALSE(d.items.empty());
    EXPECT_TRUE(std::holds_alternative<testing::DecodedCut>(d.items.back()));
}

INSTANTIATE_TEST_SUITE_P(BothWidths, SlipOnPaper,
                         ::testing::Values(PaperWidth::mm58, PaperWidth::mm80),
                         [](const auto& info) {
                             return info.param == PaperWidth::mm58 ? std::string("mm58")
                                                                   : std::string("mm80");
                         });

TEST(ComplaintSlipDocument, WithoutATrackingPageThereIsNoQrAndNoNumberNoSlip) {
    ComplaintSlipLayout layout = sample_slip(PaperWidth::mm58);
    layout.track_url.clear();
    const auto d = decode_escpos(encode_document(build_complaint_slip_document(layout)));
    EXPECT_TRUE(d.qrs().empty());
    EXPECT_EQ(joined_text(d).find("Ikuti tindak lanjutnya"), std::string::npos);
    layout.tracking_number.clear();
    EXPECT_THROW(build_complaint_slip_document(layout), std::invalid_argument);
}

TEST(ComplaintSlipPrint, PrintsOnAReadyPrinterAndSaysSoForTheSlip) {
    testing::FakePrinter printer(testing::FakePrinter::replies(0x12, 0x12, 0x12, 0x12));
    TcpTransport transport("127.0.0.1", printer.port());
    const ComplaintSlipLayout layout = sample_slip(PaperWidth::mm80);
    const PrintOutcome out = print_complaint_slip(transport, layout);
    EXPECT_EQ(out.result, PrintResult::printed) << out.detail;
    EXPECT_EQ(out.message_id, "Bukti pengaduan dicetak");
    const auto expected = encode_document(build_complaint_slip_document(layout));
    ASSERT_TRUE(printer.wait_for_bytes(expected.size(), std::chrono::seconds(5)));
    EXPECT_NE(decode_escpos(printer.received()).find_item("ADU-7K3M-9QX2"), -1);
}

TEST(ComplaintSlipPrint, SilentPrinterIsNotSentAnything) {
    testing::FakePrinter printer(testing::FakePrinter::silent());
    Timeouts quick;
    quick.read = std::chrono::milliseconds(200);
    TcpTransport transport("127.0.0.1", printer.port(), quick);
    const PrintOutcome out = print_complaint_slip(transport, sample_slip(PaperWidth::mm58));
    EXPECT_EQ(out.result, PrintResult::failed);
    EXPECT_FALSE(out.sent);
    EXPECT_EQ(out.message_id, "Bukti pengaduan tidak dicetak: Printer tidak menjawab");
}

}  // namespace
}  // namespace loket::print
