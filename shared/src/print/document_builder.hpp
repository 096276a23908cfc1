#pragma once
// The building blocks shared by the documents printed on ESC/POS paper (the queue ticket, the
// application receipt): wrapped and transliterated text lines, rules, and a QR block sized to
// the paper.
#include <algorithm>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

#include "loket/ticket_print.hpp"
#include "messages.hpp"
#include "qr_matrix.hpp"

namespace loket::print::detail {

// An empty document for the paper: the options' columns (0: the paper's), code page; throws
// std::invalid_argument for columns outside 16..64.
inline TicketDocument empty_document(PaperWidth paper, const PrintOptions& options) {
    TicketDocument doc;
    doc.paper = paper;
    doc.columns = options.columns != 0 ? options.columns : default_columns(paper);
    doc.code_page = options.code_page;
    if (doc.columns < 16 || doc.columns > 64) {
        throw std::invalid_argument("columns must be 16..64, got " + std::to_string(doc.columns));
    }
    return doc;
}

class DocumentBuilder {
  public:
    DocumentBuilder(TicketDocument& doc, const Transliterator& tr) : doc_(doc), tr_(tr) {}

    // Adds UTF-8 text as wrapped lines of the given style.
    void text(std::string_view utf8, Align align, bool bold = false, int width = 1,
              int height = 1) {
        const int per_line = std::max(1, doc_.columns / width);
        for (auto& l : wrap_text(tr_.printable(utf8), per_line)) {
            doc_.elements.push_back(TextLine{std::move(l), align, bold, width, height});
        }
    }
    // Adds one line laid out by the caller (already printable and at most `columns` wide);
    // wrapping would collapse its padding.
    void exact(std::string line, Align align) {
        doc_.elements.push_back(TextLine{std::move(line), align});
    }
    void rule() { doc_.elements.push_back(TextLine{std::string(doc_.columns, '-')}); }
    void add(TicketElement e) { doc_.elements.push_back(std::move(e)); }

    // A QR code of `data` as large as `module` (0: the paper's default) allows, shrunk until
    // the symbol and its 4-module quiet zone on each side fit the paper. `what` names the
    // data in errors ("status URL").
    void qr(const std::string& data, QrErrorCorrection ecc, int module, std::string_view what) {
        if (data.size() > kQrMaxData) {
            throw std::invalid_argument(std::string(what) + " is longer than a QR code can hold");
        }
        const auto matrix = qr_matrix(data, ecc);
        if (!matrix)
            throw std::invalid_argument(std::string(what) + " does not fit in a QR code");
        const bool wide = doc_.paper == PaperWidth::mm80;
        if (module == 0)
            module = wide ? kDefaultQrModule80 : kDefaultQrModule58;
        if (module < 1 || module > 16) {
            throw std::invalid_argument("QR module size must be 1..16");
        }
        while (module > 1 && (matrix->width + 8) * module > paper_dots(doc_.paper))
            --module;
        doc_.elements.push_back(QrBlock{data, module, ecc});
    }

    // The largest magnification up to `max_size` at which `printable` fits one line.
    int fitting_size(std::string_view printable, int max_size) const {
        const int length = std::max<int>(1, static_cast<int>(utf8_length(printable)));
        int size = max_size;
        while (size > 1 && length * size > doc_.columns)
            --size;
        return size;
    }

  private:
    static constexpr int kDefaultQrModule58 = 6, kDefaultQrModule80 = 8;
    TicketDocument& doc_;
    const Transliterator& tr_;
};

// How a document other than the ticket names itself in print outcomes.
struct OutcomeWords {
    messages::Bilingual printed, printed_near_end, not_sent, send_failed;
};

// Rewords print_document's ticket-worded outcome for another document (the receipt, the
// complaint slip): what happened, then why.
inline void word_outcome(PrintOutcome& out, const Transport& transport, const OutcomeWords& w) {
    const auto word = [&](messages::Bilingual what, std::string_view why_id,
                          std::string_view why_en) {
        out.message_id = std::string(what.id) + (why_id.empty() ? "" : ": " + std::string(why_id));
        out.message_en = std::string(what.en) + (why_en.empty() ? "" : ": " + std::string(why_en));
    };
    switch (out.result) {
        case PrintResult::printed:
            word(w.printed, "", "");
            break;
        case PrintResult::printed_with_warning:
            word(w.printed_near_end, "", "");
            break;
        case PrintResult::failed:
            if (dynamic_cast<const NullTransport*>(&transport) != nullptr) {
                word(w.not_sent, messages::kNoPrinter.id, messages::kNoPrinter.en);
            } else if (can_print(out.status.state)) {
                word(w.send_failed, "", "");  // the status allowed it; sending failed
            } else {
                word(w.not_sent, out.status.message_id, out.status.message_en);
            }
            break;
    }
}

}  // namespace loket::print::detail
