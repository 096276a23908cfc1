#pragma once
// Queue tickets: the layout data, a "ticket document" built from it once, and two back-ends
// that render that same document: ESC/POS bytes for the printer and a PNG preview. Because
// both read one document, the preview cannot drift from what the printer prints.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "loket/escpos.hpp"
#include "loket/printer.hpp"

namespace loket::print {

enum class PaperWidth { mm58 = 58, mm80 = 80 };

// What goes on a ticket. Plain data; all text is UTF-8 and is transliterated for the printer.
struct TicketLayout {
    std::string office_name;
    std::vector<std::string> header_lines;  // address, opening hours...
    std::string service_name;
    std::string ticket_number;  // e.g. "A-012"
    std::optional<std::string> permit_name;
    std::optional<std::string> priority_label;  // e.g. "PRIORITAS: Lansia"
    std::string issued_at;            // already formatted in the office time zone by the caller
    std::optional<int> people_ahead;  // 0: "Anda berikutnya" instead of a count
    std::optional<std::string> estimated_wait;  // e.g. "15 menit"; not printed when next
    std::string status_url;                     // QR payload; no QR when empty
    // nullopt: the standard "Mohon menunggu nomor Anda dipanggil"; "" prints no closing line.
    std::optional<std::string> closing_line;
    std::vector<std::string> footer_lines;
    PaperWidth paper = PaperWidth::mm58;
};

struct PrintOptions {
    CodePage code_page = CodePage::cp437();
    int columns = 0;  // characters per line in font A; 0: 32 for 58 mm, 48 for 80 mm
    QrErrorCorrection qr_error_correction = QrErrorCorrection::M;
    int qr_module_size = 0;   // dots; 0: 6 on 58 mm, 8 on 80 mm, smaller if it must fit
    bool barcode = false;     // also print the ticket number as CODE128
    int feed_before_cut = 3;  // lines fed after the last line, before the cut
    Cut cut = Cut::partial;
};

// ---- The ticket document ----------------------------------------------------------------------

// One printed line, already wrapped so it fits; text is UTF-8 holding only what the printer's
// code page shows (transliterated), one code point per column of its size.
struct TextLine {
    std::string text;
    Align align = Align::left;
    bool bold = false;
    int width = 1;  // character magnification 1..8
    int height = 1;
    bool operator==(const TextLine&) const = default;
};
struct QrBlock {
    std::string data;
    int module_size = 6;
    QrErrorCorrection ecc = QrErrorCorrection::M;
    bool operator==(const QrBlock&) const = default;
};
struct BarcodeBlock {
    Code128Set set = Code128Set::B;
    std::string data;  // without the {A/{B/{C prefix
    int height = 60;   // dots
    int module_width = 2;
    BarcodeText text = BarcodeText::below;
    bool operator==(const BarcodeBlock&) const = default;
};
struct Feed {
    int lines = 1;
    bool operator==(const Feed&) const = default;
};
struct CutPaper {
    Cut mode = Cut::partial;
    bool operator==(const CutPaper&) const = default;
};

using TicketElement = std::variant<TextLine, QrBlock, BarcodeBlock, Feed, CutPaper>;

// Blocks (QR, barcode) are always centred.
struct TicketDocument {
    PaperWidth paper = PaperWidth::mm58;
    int columns = 32;
    CodePage code_page = CodePage::cp437();
    std::vector<TicketElement> elements;
};

// Default characters per line for a paper width.
int default_columns(PaperWidth paper);
// Printable width in dots at 203 dpi: 384 for 58 mm, 576 for 80 mm.
int paper_dots(PaperWidth paper);

// The document for a ticket. Throws std::invalid_argument for an empty ticket number or
// options out of range (columns outside 16..64, QR data the printer cannot take).
TicketDocument build_ticket_document(const TicketLayout& layout, const PrintOptions& options = {});

// Checks what both back-ends rely on: columns 16..64, sizes 1..8, each line fitting its
// columns with only printable characters, QR and barcode data the printer takes. Throws
// std::invalid_argument naming the element.
void validate_document(const TicketDocument& document);

// ---- Back-ends --------------------------------------------------------------------------------

// ESC/POS bytes: initialise, code page, then each element; the document ends with its cut.
std::vector<std::uint8_t> encode_document(const TicketDocument& document);
std::vector<std::uint8_t> encode_ticket(const TicketLayout& layout,
                                        const PrintOptions& options = {});

struct PreviewOptions {
    std::filesystem::path regular_font = "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf";
    std::filesystem::path bold_font = "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf";
};

// 8-bit grayscale, 0 black .. 255 white; width is paper_dots() of the document's paper.
struct GrayImage {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> pixels;  // row-major, width * height
};

// Renders the document as the printer would at 203 dpi: font A cells of 12x24 dots scaled by
// each line's size, the QR from libqrencode at the same module size, CODE128 bars, feeds, and a
// dashed line where the paper is cut. Throws loket::InputError if a font cannot be read.
GrayImage render_document(const TicketDocument& document, const PreviewOptions& options = {});
std::vector<std::uint8_t> encode_png(const GrayImage& image);
std::vector<std::uint8_t> render_ticket_png(const TicketLayout& layout,
                                            const PrintOptions& options = {},
                                            const PreviewOptions& preview = {});
// Writes the PNG to a file; throws std::runtime_error if it cannot be written.
void render_ticket_png(const TicketLayout& layout, const std::filesystem::path& path,
                       const PrintOptions& options = {}, const PreviewOptions& preview = {});

// ---- Print flow -------------------------------------------------------------------------------

enum class PrintResult { printed, printed_with_warning, failed };

// What happened to one ticket. `sent` tells whether bytes went out: a failed print with
// sent == false left nothing half-printed. A failed print does not invalidate the ticket: the
// caller shows the number on screen instead (issue, print, confirm).
struct PrintOutcome {
    PrintResult result = PrintResult::failed;
    bool sent = false;
    PrinterStatus status;    // the status checked before sending (not_two_way if it cannot be)
    std::string message_id;  // for the applicant and staff
    std::string message_en;
    std::string detail;  // technical cause for the log
};

std::string_view to_string(PrintResult result);

// Checks the status first on a two-way link and does not send when the printer cannot print
// (paper out, cover open, offline, error, no reply, invalid reply, unreachable); then sends.
// Printer trouble is reported in the outcome, never thrown; only an invalid layout or document
// throws std::invalid_argument, before anything is sent.
PrintOutcome print_document(Transport& transport, const TicketDocument& document);
PrintOutcome print_ticket(Transport& transport, const TicketLayout& layout,
                          const PrintOptions& options = {});

}  // namespace loket::print
