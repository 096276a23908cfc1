#pragma once
// The application receipt (tanda terima berkas) on a counter's ESC/POS printer: the same facts
// as the printable page (assets/web/tanda-terima.html), Indonesian first with English under
// it, fitted to the paper's columns and transliterated like the queue ticket, with the status
// page's address as a QR code. Built as a TicketDocument, so it prints and previews through
// the ticket's back-ends.
#include <string>

#include "loket/printer.hpp"
#include "loket/ticket_print.hpp"

namespace loket::print {

struct BilingualText {
    std::string id;  // Indonesian, printed first
    std::string en;  // English; not printed when empty or equal to id
};

// What goes on the receipt. Plain data; all text is UTF-8 and is transliterated for the
// printer. It holds what the printable page shows and nothing more: the applicant's phone
// number is never printed.
struct ReceiptLayout {
    std::string office_name;
    std::string office_address;
    std::string registration_number;  // "0003/DPMPTSP/XII/2026"
    std::string permit_name;
    BilingualText applicant_type;  // "Perorangan" / "Individual"
    std::string applicant_name;    // empty: no line
    std::string business_name;     // empty: no line
    std::string registered_at;     // formatted in the office time zone by the caller
    BilingualText promise;         // the due date or the service standard, as sentences
    BilingualText status_check;    // how to check the status
    std::string status_url;        // QR payload; required
    BilingualText pickup;          // what to do when the file is ready
    std::string registered_by;     // the clerk's account name; empty: no line
    PaperWidth paper = PaperWidth::mm80;
};

// The document for a receipt. Throws std::invalid_argument for an empty registration number
// or status URL, options out of range (columns outside 16..64), or a status URL no QR code
// holds.
TicketDocument build_receipt_document(const ReceiptLayout& layout,
                                      const PrintOptions& options = {});

// Prints the receipt through print_document (status first on a two-way link, nothing sent to
// a printer that cannot print) and words the outcome for the receipt rather than a ticket.
// Printer trouble is in the outcome, never thrown; an invalid layout throws
// std::invalid_argument before anything is sent.
PrintOutcome print_receipt(Transport& transport, const ReceiptLayout& layout,
                           const PrintOptions& options = {});

}  // namespace loket::print
