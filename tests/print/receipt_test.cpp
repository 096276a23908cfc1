// The application receipt: layout -> document -> ESC/POS bytes, checked by decoding the bytes
// back, on both paper widths; and its printing through a transport.
#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>

#include "escpos_decoder.hpp"
#include "fake_printer.hpp"
#include "loket/receipt_print.hpp"

namespace loket::print {
namespace {

using testing::decode_escpos;
using testing::DecodedLine;

ReceiptLayout sample_receipt(PaperWidth paper) {
    ReceiptLayout r;
    r.office_name = "DPMPTSP Kabupaten Dairi";
    r.office_address = "Jl. Sisingamangaraja No. 1, Sidikalang";
    r.registration_number = "0003/DPMPTSP/XII/2026";
    r.permit_name = "Izin Usaha Mikro Kecil (IUMK) — Perseorangan";
    r.applicant_type = {"Perorangan", "Individual"};
    r.applicant_name = "Siti Rahmawati Nasution";
    r.registered_at = "2026-12-03 pukul 09.15 WIB";
    r.promise = {
        "Berkas Anda selesai paling lambat 2026-12-10 pukul 16.00 WIB (standar layanan 5 "
        "hari kerja).",
        "Your application will be completed by 2026-12-10 pukul 16.00 WIB (service "
        "standard 5 hari kerja)."};
    r.status_check = {
        "Cek status: pindai kode QR ini dengan ponsel, atau di kiosk pilih \"Cek "
        "status berkas\" dan masukkan nomor pendaftaran.",
        "Check the status: scan this QR code with a phone, or choose \"Cek status "
        "berkas\" at the kiosk and enter the registration number."};
    r.status_url =
        "http://192.168.1.10:8080/berkas.html?nomor=0003%2FDPMPTSP%2FXII%2F2026&token="
        "0123456789abcdef0123456789abcdef";
    r.pickup = {
        "Bila berkas siap diambil, pindai kode QR ini di kiosk untuk mengambil nomor "
        "antrean Pengambilan. Bawa tanda terima ini.",
        "When the application is ready, scan this QR code at the kiosk for a Pickup "
        "queue number. Bring this receipt."};
    r.registered_by = "rina";
    r.paper = paper;
    return r;
}

class ReceiptOnPaper : public ::testing::TestWithParam<PaperWidth> {};

TEST_P(ReceiptOnPaper, DecodedBytesHoldTheReceipt) {
    const PaperWidth paper = GetParam();
    const int columns = paper == PaperWidth::mm58 ? 32 : 48;
    const ReceiptLayout layout = sample_receipt(paper);
    const auto d = decode_escpos(encode_document(build_receipt_document(layout)));

    // The registration number on one line, bold, centred, as large as fits.
    const int number = d.find_item("0003/DPMPTSP/XII/2026");
    ASSERT_GE(number, 0);
    const auto& num = std::get<DecodedLine>(d.items[static_cast<std::size_t>(number)]);
    EXPECT_EQ(num.text, "0003/DPMPTSP/XII/2026");
    EXPECT_TRUE(num.bold);
    EXPECT_EQ(num.align, 1);
    EXPECT_EQ(num.width, paper == PaperWidth::mm58 ? 1 : 2);

    // Every line fits the paper's columns at its size.
    for (const auto& l : d.lines()) {
        EXPECT_LE(static_cast<int>(l.text.size()) * l.width, columns) << "too wide: " << l.text;
    }
    const std::string text = joined_text(d);
    // Transliterated: the em dash of the permit's name is two hyphens on the printer.
    EXPECT_NE(text.find("(IUMK) -- Perseorangan"), std::string::npos) << text;
    EXPECT_NE(text.find("Siti Rahmawati Nasution"), std::string::npos);
    EXPECT_NE(text.find("Perorangan / Individual"), std::string::npos);
    EXPECT_NE(text.find("2026-12-03 pukul 09.15 WIB"), std::string::npos);
    EXPECT_NE(text.find("Petugas / Clerk: rina"), std::string::npos);

    // Indonesian first, then English, block by block.
    const int title = d.find_item("TANDA TERIMA BERKAS");
    const int title_en = d.find_item("Application receipt");
    const int promise = d.find_item("Berkas Anda selesai");
    const int promise_en = d.find_item("Your application will");
    const int pickup = d.find_item("Bila berkas siap");
    const int pickup_en = d.find_item("When the application");
    for (const int i : {title, title_en, promise, promise_en, pickup, pickup_en})
        EXPECT_GE(i, 0);
    EXPECT_LT(title, title_en);
    EXPECT_LT(promise, promise_en);
    EXPECT_LT(pickup, pickup_en);
    EXPECT_LT(title, number);
    EXPECT_LT(number, promise);
    // The due date promise survives wrapping whole.
    EXPECT_NE(text.find("paling lambat 2026-12-10 pukul 16.00 WIB"), std::string::npos) << text;

    // One QR code: the status page, after the promise and before how to check the status.
    ASSERT_EQ(d.qrs().size(), 1u);
    EXPECT_EQ(d.qrs()[0].data, layout.status_url);
    const int qr = d.find_qr();
    EXPECT_LT(promise_en, qr);
    EXPECT_LT(qr, d.find_item("Cek status: pindai"));

    // The paper is cut at the end, after everything printed.
    ASSERT_FALSE(d.items.empty());
    EXPECT_TRUE(std::holds_alternative<testing::DecodedCut>(d.items.back()));
}

INSTANTIATE_TEST_SUITE_P(BothWidths, ReceiptOnPaper,
                         ::testing::Values(PaperWidth::mm58, PaperWidth::mm80),
                         [](const auto& info) {
                             return info.param == PaperWidth::mm58 ? std::string("mm58")
                                                                   : std::string("mm80");
                         });

TEST(ReceiptDocument, OptionalLinesAreLeftOutAndBusinessIsShown) {
    ReceiptLayout layout = sample_receipt(PaperWidth::mm80);
    layout.registered_by.clear();
    layout.business_name = "CV Maju Bersama";
    layout.applicant_type = {"Badan usaha", "Business entity"};
    const auto d = decode_escpos(encode_document(build_receipt_document(layout)));
    const std::string text = joined_text(d);
    EXPECT_EQ(text.find("Petugas"), std::string::npos);
    EXPECT_NE(text.find("Badan usaha / Business:"), std::string::npos);
    EXPECT_NE(text.find("CV Maju Bersama"), std::string::npos);
}

TEST(ReceiptDocument, RefusesWhatCannotBePrinted) {
    ReceiptLayout no_number = sample_receipt(PaperWidth::mm58);
    no_number.registration_number.clear();
    EXPECT_THROW(build_receipt_document(no_number), std::invalid_argument);
    ReceiptLayout no_url = sample_receipt(PaperWidth::mm58);
    no_url.status_url.clear();
    EXPECT_THROW(build_receipt_document(no_url), std::invalid_argument);
    ReceiptLayout huge_url = sample_receipt(PaperWidth::mm58);
    huge_url.status_url = std::string(8000, 'a');
    EXPECT_THROW(build_receipt_document(huge_url), std::invalid_argument);
    PrintOptions narrow;
    narrow.columns = 8;
    EXPECT_THROW(build_receipt_document(sample_receipt(PaperWidth::mm58), narrow),
                 std::invalid_argument);
}

TEST(ReceiptPrint, PrintsOnAReadyPrinterAndSaysSoForTheReceipt) {
    // 0x12 / 0x12 / 0x12 / 0x12: online, no cause, no error, paper present.
    testing::FakePrinter printer(testing::FakePrinter::replies(0x12, 0x12, 0x12, 0x12));
    TcpTransport transport("127.0.0.1", printer.port());
    const ReceiptLayout layout = sample_receipt(PaperWidth::mm58);
    const PrintOutcome out = print_receipt(transport, layout);
    EXPECT_EQ(out.result, PrintResult::printed) << out.detail;
    EXPECT_TRUE(out.sent);
    EXPECT_EQ(out.message_id, "Tanda terima dicetak");
    EXPECT_EQ(out.message_en, "Receipt printed");
    const auto expected = encode_document(build_receipt_document(layout));
    ASSERT_TRUE(printer.wait_for_bytes(expected.size(), std::chrono::seconds(5)));
    const auto d = decode_escpos(printer.received());
    ASSERT_EQ(d.qrs().size(), 1u);
    EXPECT_EQ(d.qrs()[0].data, layout.status_url);
}

TEST(ReceiptPrint, SilentPrinterIsNotSentAnythingAndTheReasonIsGiven) {
    testing::FakePrinter printer(testing::FakePrinter::silent());
    Timeouts quick;
    quick.read = std::chrono::milliseconds(200);
    TcpTransport transport("127.0.0.1", printer.port(), quick);
    const PrintOutcome out = print_receipt(transport, sample_receipt(PaperWidth::mm80));
    EXPECT_EQ(out.result, PrintResult::failed);
    EXPECT_FALSE(out.sent);
    EXPECT_EQ(out.message_id, "Tanda terima tidak dicetak: Printer tidak menjawab");
    EXPECT_EQ(out.message_en, "Receipt not printed: Printer does not respond");
}

}  // namespace
}  // namespace loket::print
