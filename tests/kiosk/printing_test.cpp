// The printing layer: the ticket's layout from an issued ticket, and what a working, a
// failing and a missing printer report.
#include "printing.hpp"

#include <gtest/gtest.h>

#include "closed_port.hpp"
#include "kiosk_test_support.hpp"
#include "temp_dir.hpp"

namespace loket::kiosk {
namespace {

using namespace testing;
using loket::testing::closed_port;

TEST(TicketLayout, CarriesTheTicketInIndonesian) {
    TicketPrintSettings s;
    s.header_lines = {"Jl. Basuki Rahmat No. 55"};
    s.footer_lines = {"Terima kasih"};
    const IssuedTicket t = issued("B-012", "customer_service", "kaltim-ikot", "lansia");
    const print::TicketLayout l = ticket_layout(t, s);
    EXPECT_EQ(l.office_name, "DPMPTSP Provinsi Kalimantan Timur");
    EXPECT_EQ(l.ticket_number, "B-012");
    EXPECT_EQ(l.service_name, "Customer Service");
    EXPECT_EQ(l.permit_name, "Izin Industri Kecil Obat Tradisional (IKOT)");
    EXPECT_EQ(l.priority_label, "Prioritas: Lansia");
    EXPECT_EQ(l.people_ahead, 7);
    EXPECT_EQ(l.estimated_wait, "\u00b1 70 menit");
    EXPECT_EQ(l.issued_at, "23-11-2026 10.42 WITA");
    EXPECT_EQ(l.status_url, t.status_url);
    EXPECT_EQ(l.header_lines, s.header_lines);
    s.office_name = "Kantor Lain";
    EXPECT_EQ(ticket_layout(t, s).office_name, "Kantor Lain");
}

TEST(TicketPrinter, FileTransportWritesEscPosBytes) {
    loket::testing::TempDir dir;
    const auto out = dir / "printer.bin";
    TicketPrinter printer("file:" + out.string(), {});
    const PrintReport r = printer.print(issued());
    EXPECT_EQ(r.state, PrintState::printed);
    EXPECT_EQ(r.server_status, "printed");
    const std::string bytes = read_text(out);
    ASSERT_GT(bytes.size(), 100u);
    EXPECT_EQ(bytes.substr(0, 2), "\x1b\x40");  // ESC @ initialise
    EXPECT_NE(bytes.find("B-001"), std::string::npos);
    EXPECT_NE(bytes.find(issued().status_url), std::string::npos);  // in the QR block
}

TEST(TicketPrinter, UnreachablePrinterFailsWithAMessageAndNothingThrown) {
    print::Timeouts fast;
    fast.connect = std::chrono::milliseconds(500);
    fast.read = std::chrono::milliseconds(300);
    TicketPrinter printer("tcp:127.0.0.1:" + std::to_string(closed_port()), {}, fast);
    const PrintReport r = printer.print(issued());
    EXPECT_EQ(r.state, PrintState::failed);
    EXPECT_EQ(r.server_status, "failed");
    EXPECT_FALSE(r.message_id.empty());
    EXPECT_FALSE(r.message_en.empty());
    EXPECT_FALSE(r.problem.empty());
}

TEST(TicketPrinter, NoPrinterIsNotPrinted) {
    TicketPrinter printer("none", {});
    EXPECT_FALSE(printer.configured());
    const PrintReport r = printer.print(issued());
    EXPECT_EQ(r.state, PrintState::no_printer);
    EXPECT_EQ(r.server_status, "not_printed");
    EXPECT_EQ(r.message_id, "Kios ini tidak mencetak tiket.");
}

TEST(TicketPrinter, ALayoutThePrinterCannotTakeIsAFailureNotAnException) {
    loket::testing::TempDir dir;
    TicketPrinter printer("file:" + (dir / "p.bin").string(), {});
    IssuedTicket t = issued();
    t.status_url = std::string(3000, 'x');  // too long for a QR code
    const PrintReport r = printer.print(t);
    EXPECT_EQ(r.state, PrintState::failed);
    EXPECT_NE(r.problem.find("QR"), std::string::npos) << r.problem;
}

}  // namespace
}  // namespace loket::kiosk
