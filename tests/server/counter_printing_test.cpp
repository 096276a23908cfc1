// The counter printers' workers in-process: one print at a time per printer, a receipt that
// cannot get its turn in time is refused as busy (nothing printed late), a dead printer holds
// up only its own counter, and an idempotency key prints once.
#include "counter_printing.hpp"

#include <gtest/gtest.h>

#include <chrono>

#include "escpos_decoder.hpp"
#include "fake_printer.hpp"
#include "loket/queue_store.hpp"

using namespace loket;
using loket::print::testing::decode_escpos;
using loket::print::testing::FakePrinter;

namespace {

constexpr std::uint8_t kIdle = 0x12;
using std::chrono::milliseconds;

print::ReceiptLayout layout(const std::string& number) {
    print::ReceiptLayout r;
    r.office_name = "DPMPTSP Kabupaten Uji";
    r.registration_number = number;
    r.permit_name = "Izin Usaha Mikro Kecil";
    r.status_url = "http://127.0.0.1/berkas.html?nomor=" + number;
    r.paper = print::PaperWidth::mm58;
    return r;
}

server::CounterPrintTimeouts quick() {
    server::CounterPrintTimeouts t;
    t.transport = {milliseconds(500), milliseconds(1000), milliseconds(400)};
    t.start_within = milliseconds(150);
    return t;
}

std::string tcp(const FakePrinter& p) {
    return "tcp:127.0.0.1:" + std::to_string(p.port());
}

TEST(CounterPrinters, ASecondReceiptBehindASilentPrinterIsRefusedAsBusy) {
    FakePrinter silent(FakePrinter::silent());
    server::CounterPrinters printers(quick());
    const auto first = printers.submit("", "", tcp(silent), layout("0001/X/2026"), {});
    const auto second = printers.submit("", "", tcp(silent), layout("0002/X/2026"), {});
    const auto one = printers.wait(first);
    EXPECT_EQ(one.result, print::PrintResult::failed);
    EXPECT_EQ(one.status.state, print::PrinterState::no_reply);
    const auto two = printers.wait(second);
    EXPECT_EQ(two.result, print::PrintResult::failed);
    EXPECT_FALSE(two.sent);
    EXPECT_NE(two.message_id.find("sedang mencetak"), std::string::npos) << two.message_id;
    EXPECT_NE(two.message_en.find("busy"), std::string::npos) << two.message_en;
    // Only the first one's status query reached the printer.
    EXPECT_TRUE(decode_escpos(silent.received()).lines().empty());
}

TEST(CounterPrinters, ADeadPrinterHoldsUpOnlyItsOwnCounter) {
    FakePrinter silent(FakePrinter::silent());
    FakePrinter ready(FakePrinter::replies(kIdle, kIdle, kIdle, kIdle));
    server::CounterPrintTimeouts slow = quick();
    slow.transport.read = milliseconds(2000);  // the silent printer keeps its worker 2 s
    server::CounterPrinters printers(slow);
    const auto stuck = printers.submit("", "", tcp(silent), layout("0001/X/2026"), {});
    const auto started = std::chrono::steady_clock::now();
    const auto printed =
        printers.wait(printers.submit("", "", tcp(ready), layout("0002/X/2026"), {}));
    EXPECT_EQ(printed.result, print::PrintResult::printed) << printed.detail;
    EXPECT_LT(std::chrono::steady_clock::now() - started, milliseconds(1500));
    EXPECT_EQ(printers.wait(stuck).result, print::PrintResult::failed);
    const auto decoded = decode_escpos(ready.received());
    ASSERT_EQ(decoded.qrs().size(), 1u);
    EXPECT_EQ(decoded.qrs()[0].data, "http://127.0.0.1/berkas.html?nomor=0002/X/2026");
}

TEST(CounterPrinters, AKeyPrintsOnceAndIsNotReusedForAnotherRequest) {
    FakePrinter ready(FakePrinter::replies(kIdle, kIdle, kIdle, kIdle));
    server::CounterPrinters printers(quick());
    const auto first =
        printers.submit("rina:k1", "receipt 1 counter 6", tcp(ready), layout("0001/X/2026"), {});
    EXPECT_FALSE(first.replayed);
    EXPECT_EQ(printers.wait(first).result, print::PrintResult::printed);
    // The job is written when it is reported printed; the fake reads it on its own thread, so
    // its byte count settles a moment later.
    auto size = ready.received().size();
    while (ready.wait_for_bytes(size + 1, std::chrono::milliseconds(200)))
        size = ready.received().size();
    const auto again =
        printers.submit("rina:k1", "receipt 1 counter 6", tcp(ready), layout("0001/X/2026"), {});
    EXPECT_TRUE(again.replayed);
    EXPECT_EQ(printers.wait(again).result, print::PrintResult::printed);
    // The replay sends the printer nothing.
    EXPECT_FALSE(ready.wait_for_bytes(size + 1, std::chrono::milliseconds(300)));
    EXPECT_EQ(ready.received().size(), size);
    EXPECT_THROW(
        printers.submit("rina:k1", "receipt 2 counter 6", tcp(ready), layout("0002/X/2026"), {}),
        QueueError);
    // An invalid layout is refused before anything is queued.
    EXPECT_THROW(printers.submit("", "", tcp(ready), layout(""), {}), std::invalid_argument);
}

}  // namespace
