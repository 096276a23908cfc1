#pragma once
// The complaint slip (bukti pengaduan) the kiosk prints after a complaint is filed: the
// tracking number large, the date received, the category, and where to follow the complaint
// (the public tracking page, as text and QR code, and the SP4N-LAPOR! channel). No personal
// data: the complainant's name and contact are never on it. Built as a TicketDocument, so it
// prints and previews through the ticket's back-ends (docs/kiosk-survey-and-complaints.md).
#include <string>
#include <vector>

#include "loket/printer.hpp"
#include "loket/receipt_print.hpp"  // BilingualText
#include "loket/ticket_print.hpp"

namespace loket::print {

struct ComplaintSlipLayout {
    std::string office_name;
    std::vector<std::string> header_lines;
    std::string tracking_number;  // "ADU-7K3M-9QX2"; required
    std::string received_on;      // formatted by the caller ("Senin, 23 November 2026")
    std::string due_on;           // formatted; empty: no line
    BilingualText category;       // "Waktu pelayanan" / "Service time"
    std::string track_url;        // the public tracking page; empty: no address and no QR
    BilingualText lapor;          // the SP4N-LAPOR! channel, as the server words it
    std::vector<std::string> footer_lines;
    PaperWidth paper = PaperWidth::mm58;
};

// Throws std::invalid_argument for an empty tracking number, options out of range or a
// tracking URL no QR code holds.
TicketDocument build_complaint_slip_document(const ComplaintSlipLayout& layout,
                                             const PrintOptions& options = {});

// Prints through print_document (status first on a two-way link) and words the outcome for
// the slip. Printer trouble is in the outcome, never thrown; an invalid layout throws
// std::invalid_argument before anything is sent.
PrintOutcome print_complaint_slip(Transport& transport, const ComplaintSlipLayout& layout,
                                  const PrintOptions& options = {});

}  // namespace loket::print
