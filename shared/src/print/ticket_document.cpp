// Ticket document: built once from the layout, then encoded as ESC/POS (here) or rendered as a
// PNG (preview.cpp).
#include <stdexcept>
#include <type_traits>

#include "document_builder.hpp"
#include "loket/ticket_print.hpp"
#include "messages.hpp"

namespace loket::print {
namespace {

// The number is the one thing read from across the room: as large as the line allows.
constexpr int kNumberMaxSize58 = 4, kNumberMaxSize80 = 6;

using detail::DocumentBuilder;

std::string element_name(std::size_t index) {
    return "element " + std::to_string(index);
}

}  // namespace

int default_columns(PaperWidth paper) {
    return paper == PaperWidth::mm58 ? 32 : 48;
}

int paper_dots(PaperWidth paper) {
    return paper == PaperWidth::mm58 ? 384 : 576;
}

void validate_document(const TicketDocument& doc) {
    if (doc.columns < 16 || doc.columns > 64) {
        throw std::invalid_argument("columns must be 16..64, got " + std::to_string(doc.columns));
    }
    const Transliterator tr(doc.code_page);
    for (std::size_t i = 0; i < doc.elements.size(); ++i) {
        std::visit(
            [&](const auto& e) {
                using T = std::decay_t<decltype(e)>;
                if constexpr (std::is_same_v<T, TextLine>) {
                    if (e.width < 1 || e.width > 8 || e.height < 1 || e.height > 8) {
                        throw std::invalid_argument(element_name(i) + ": size must be 1..8");
                    }
                    const std::string bytes = tr.to_printer(e.text);
                    if (tr.to_utf8(bytes) != e.text) {
                        throw std::invalid_argument(element_name(i) +
                                                    ": text is not in printable form "
                                                    "(build it through Transliterator)");
                    }
                    if (static_cast<int>(bytes.size()) * e.width > doc.columns) {
                        throw std::invalid_argument(element_name(i) + ": line '" + e.text +
                                                    "' is wider than " +
                                                    std::to_string(doc.columns) + " columns");
                    }
                } else if constexpr (std::is_same_v<T, QrBlock>) {
                    if (e.module_size < 1 || e.module_size > 16) {
                        throw std::invalid_argument(element_name(i) + ": QR module size 1..16");
                    }
                    if (e.data.empty() || e.data.size() > kQrMaxData) {
                        throw std::invalid_argument(element_name(i) + ": QR data must be 1.." +
                                                    std::to_string(kQrMaxData) + " bytes");
                    }
                } else if constexpr (std::is_same_v<T, BarcodeBlock>) {
                    EscPos probe;  // the encoder's own checks, without duplicating them
                    probe.barcode_height(e.height).barcode_module_width(e.module_width);
                    probe.code128(e.set, e.data);
                } else if constexpr (std::is_same_v<T, Feed>) {
                    if (e.lines < 0 || e.lines > 255) {
                        throw std::invalid_argument(element_name(i) + ": feed must be 0..255");
                    }
                }
            },
            doc.elements[i]);
    }
}

TicketDocument build_ticket_document(const TicketLayout& layout, const PrintOptions& options) {
    TicketDocument doc = detail::empty_document(layout.paper, options);
    if (layout.ticket_number.empty())
        throw std::invalid_argument("ticket number is empty");
    const bool wide = layout.paper == PaperWidth::mm80;
    const Transliterator tr(options.code_page);
    DocumentBuilder b(doc, tr);

    if (!layout.office_name.empty())
        b.text(layout.office_name, Align::center, true);
    for (const auto& h : layout.header_lines)
        b.text(h, Align::center);
    b.rule();

    if (!layout.service_name.empty())
        b.text(layout.service_name, Align::center, true, 1, 2);
    b.text(std::string(messages::kQueueNumber.id) + " / " + std::string(messages::kQueueNumber.en),
           Align::center);
    {
        const std::string number = tr.printable(layout.ticket_number);
        const int size = b.fitting_size(number, wide ? kNumberMaxSize80 : kNumberMaxSize58);
        b.text(number, Align::center, true, size, size);
    }
    if (layout.permit_name && !layout.permit_name->empty()) {
        b.text(*layout.permit_name, Align::center);
    }
    if (layout.priority_label && !layout.priority_label->empty()) {
        b.text(*layout.priority_label, Align::center, true, 1, 2);
    }
    b.rule();

    if (!layout.issued_at.empty())
        b.text(layout.issued_at, Align::center);
    const bool next = layout.people_ahead && *layout.people_ahead <= 0;
    if (next) {
        // "0 ahead" and an estimate nobody can give yet say less than this.
        b.text(
            std::string(messages::kYouAreNext.id) + " / " + std::string(messages::kYouAreNext.en),
            Align::center, true);
    } else if (layout.people_ahead) {
        b.exact(
            spread_text(messages::kPeopleAhead, std::to_string(*layout.people_ahead), doc.columns),
            Align::left);
    }
    if (!next && layout.estimated_wait && !layout.estimated_wait->empty()) {
        const std::string wait = tr.printable(*layout.estimated_wait);
        const std::string label(messages::kEstimatedWait);
        if (utf8_length(label) + 1 + utf8_length(wait) <= static_cast<std::size_t>(doc.columns)) {
            b.exact(spread_text(label, wait, doc.columns), Align::left);
        } else {
            b.text(label + " " + wait, Align::left);  // too long for one line: let it wrap
        }
    }

    if (!layout.status_url.empty()) {
        b.add(Feed{1});
        b.qr(layout.status_url, options.qr_error_correction, options.qr_module_size, "status URL");
        b.text(messages::kScanForStatus.id, Align::center);
        b.text(messages::kScanForStatus.en, Align::center);
    }
    if (options.barcode) {
        b.add(Feed{1});
        b.add(BarcodeBlock{Code128Set::B, tr.to_printer(layout.ticket_number)});
    }

    const std::string closing =
        layout.closing_line ? *layout.closing_line : std::string(messages::kDefaultClosing);
    if (!closing.empty()) {
        b.add(Feed{1});
        b.text(closing, Align::center, true);
    }
    for (const auto& f : layout.footer_lines)
        b.text(f, Align::center);
    b.add(Feed{options.feed_before_cut});
    b.add(CutPaper{options.cut});
    validate_document(doc);
    return doc;
}

std::vector<std::uint8_t> encode_document(const TicketDocument& doc) {
    validate_document(doc);
    const Transliterator tr(doc.code_page);
    EscPos e;
    e.initialise().code_page(doc.code_page.escpos_table);
    // The state after ESC @; commands are only sent when a line needs a change.
    Align align = Align::left;
    bool bold = false;
    int width = 1, height = 1;
    const auto set_align = [&](Align a) {
        if (a != align)
            e.align(align = a);
    };
    for (const auto& element : doc.elements) {
        std::visit(
            [&](const auto& el) {
                using T = std::decay_t<decltype(el)>;
                if constexpr (std::is_same_v<T, TextLine>) {
                    set_align(el.align);
                    if (el.bold != bold)
                        e.emphasis(bold = el.bold);
                    if (el.width != width || el.height != height) {
                        e.char_size(width = el.width, height = el.height);
                    }
                    e.line(tr.to_printer(el.text));
                } else if constexpr (std::is_same_v<T, QrBlock>) {
                    set_align(Align::center);
                    e.qr(el.data, el.module_size, el.ecc);
                } else if constexpr (std::is_same_v<T, BarcodeBlock>) {
                    set_align(Align::center);
                    e.barcode_text(el.text)
                        .barcode_height(el.height)
                        .barcode_module_width(el.module_width)
                        .code128(el.set, el.data);
                } else if constexpr (std::is_same_v<T, Feed>) {
                    e.feed(el.lines);
                } else {
                    e.cut(el.mode);
                }
            },
            element);
    }
    return e.take();
}

std::vector<std::uint8_t> encode_ticket(const TicketLayout& layout, const PrintOptions& options) {
    return encode_document(build_ticket_document(layout, options));
}

// ---- Print flow -------------------------------------------------------------------------------

std::string_view to_string(PrintResult result) {
    switch (result) {
        case PrintResult::printed:
            return "printed";
        case PrintResult::printed_with_warning:
            return "printed_with_warning";
        case PrintResult::failed:
            return "failed";
    }
    return "unknown";
}

PrintOutcome print_document(Transport& transport, const TicketDocument& document) {
    const auto bytes = encode_document(document);  // a bad document throws before any I/O
    PrintOutcome out;
    const auto fail = [&](messages::Bilingual what, std::string_view why_id,
                          std::string_view why_en, std::string detail) {
        out.result = PrintResult::failed;
        out.message_id = std::string(what.id);
        out.message_en = std::string(what.en);
        if (!why_id.empty())
            out.message_id += ": " + std::string(why_id);
        if (!why_en.empty())
            out.message_en += ": " + std::string(why_en);
        out.detail = std::move(detail);
        return out;
    };
    if (dynamic_cast<NullTransport*>(&transport) != nullptr) {
        out.status = make_status(PrinterState::not_two_way, "no printer configured");
        return fail(messages::kNotSent, messages::kNoPrinter.id, messages::kNoPrinter.en,
                    "printer setting is 'none'");
    }
    out.status = query_status(transport);
    if (!can_print(out.status.state)) {
        return fail(messages::kNotSent, out.status.message_id, out.status.message_en,
                    std::string(to_string(out.status.state)) + ": " + out.status.detail);
    }
    try {
        transport.write(bytes);
    } catch (const PrinterError& e) {
        return fail(messages::kSendFailed, "", "", e.what());
    }
    out.sent = true;
    const bool warn = out.status.state == PrinterState::paper_near_end;
    out.result = warn ? PrintResult::printed_with_warning : PrintResult::printed;
    const auto text = warn ? messages::kPrintedNearEnd : messages::kPrinted;
    out.message_id = text.id;
    out.message_en = text.en;
    out.detail = transport.describe() + ": " + std::to_string(bytes.size()) + " bytes sent";
    return out;
}

PrintOutcome print_ticket(Transport& transport, const TicketLayout& layout,
                          const PrintOptions& options) {
    return print_document(transport, build_ticket_document(layout, options));
}

}  // namespace loket::print
