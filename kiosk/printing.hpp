#pragma once
// The kiosk's printing layer over loket_print: the ticket layout from an issued ticket, one
// print attempt through the configured transport, and what to tell the applicant and the
// server afterwards. Printer trouble is a value (PrintReport), never an exception.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "api_types.hpp"
#include "loket/complaint_slip_print.hpp"
#include "loket/ticket_print.hpp"

namespace loket::kiosk {

enum class PrintState {
    none,                  // nothing to print yet
    printing,              // sent to the print worker
    printed,               // came out
    printed_with_warning,  // came out; e.g. the paper is nearly finished
    failed,                // did not come out: show the ticket on screen to photograph
    no_printer,            // this kiosk has no printer configured
};

struct PrintReport {
    std::int64_t ticket_id = 0;
    PrintState state = PrintState::failed;
    std::string message_id;  // for the applicant, Indonesian
    std::string message_en;
    // For POST /tickets/{id}/print: printed | printed_with_warning | failed | not_printed.
    std::string server_status = "failed";
    std::string problem;  // for staff, sent with the status (empty when printed)
};

struct TicketPrintSettings {
    std::string office_name;  // empty: the name the server sent with the ticket
    std::vector<std::string> header_lines;
    std::vector<std::string> footer_lines;
    print::PaperWidth paper = print::PaperWidth::mm58;
};

// What goes on paper (always Indonesian, as the service desks read it).
print::TicketLayout ticket_layout(const IssuedTicket& ticket, const TicketPrintSettings& settings);
// "23-11-2026 10.42 WITA" in the office's zone.
std::string format_issued_at(const IssuedTicket& ticket);

// What the kiosk prints after filing a complaint: where to follow it, never who sent it.
struct ComplaintSlip {
    std::string tracking_number;
    std::string received_on;  // "2026-11-23", as the server sends it
    std::string due_on;
    std::string category, category_en;
    std::string track_url;  // the public tracking page; empty: none known
    std::string lapor_text, lapor_text_en;
    std::string office_name;  // the server's, used when the settings name none
    bool operator==(const ComplaintSlip&) const = default;
};
print::ComplaintSlipLayout complaint_slip_layout(const ComplaintSlip& slip,
                                                 const TicketPrintSettings& settings);

PrintReport report_from(std::int64_t ticket_id, const print::PrintOutcome& outcome);
PrintReport no_printer_report(std::int64_t ticket_id);

// One printer, used by the print worker thread only.
class TicketPrinter {
  public:
    // spec as make_transport takes it; throws loket::InputError for a bad spec.
    TicketPrinter(const std::string& spec, TicketPrintSettings settings,
                  print::Timeouts timeouts = {});
    ~TicketPrinter();
    TicketPrinter(const TicketPrinter&) = delete;
    TicketPrinter& operator=(const TicketPrinter&) = delete;

    bool configured() const { return configured_; }
    PrintReport print(const IssuedTicket& ticket);
    // The complaint slip; the report's ticket_id is 0 (the server keeps no print status for it).
    PrintReport print(const ComplaintSlip& slip);

  private:
    std::unique_ptr<print::Transport> transport_;
    TicketPrintSettings settings_;
    bool configured_ = false;
};

}  // namespace loket::kiosk
