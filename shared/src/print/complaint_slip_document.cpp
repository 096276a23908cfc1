// The complaint slip as a ticket document (complaint_slip_print.hpp): the tracking number
// large, the dates and category, where to follow the complaint. Indonesian first with its
// English under it; never the complainant's name or contact (the layout holds none).
#include <stdexcept>

#include "document_builder.hpp"
#include "loket/complaint_slip_print.hpp"
#include "messages.hpp"

namespace loket::print {
namespace {

// "ADU-7K3M-9QX2" is 13 characters: double size fits a 58 mm line (32 columns), and the
// number is what the complainant quotes and types later.
constexpr int kTrackingNumberMaxSize = 3;

}  // namespace

TicketDocument build_complaint_slip_document(const ComplaintSlipLayout& layout,
                                             const PrintOptions& options) {
    TicketDocument doc = detail::empty_document(layout.paper, options);
    if (layout.tracking_number.empty())
        throw std::invalid_argument("tracking number is empty");
    const Transliterator tr(options.code_page);
    detail::DocumentBuilder b(doc, tr);
    const auto pair = [&](const BilingualText& text, Align align) {
        if (!text.id.empty())
            b.text(text.id, align);
        if (!text.en.empty() && text.en != text.id)
            b.text(text.en, align);
    };

    if (!layout.office_name.empty())
        b.text(layout.office_name, Align::center, true);
    for (const auto& h : layout.header_lines)
        b.text(h, Align::center);
    b.rule();
    b.text(messages::kSlipTitle.id, Align::center, true, 1, 2);
    b.text(messages::kSlipTitle.en, Align::center);
    b.rule();

    b.text(messages::both(messages::kSlipTrackingNumber), Align::center);
    {
        const std::string number = tr.printable(layout.tracking_number);
        const int size = b.fitting_size(number, kTrackingNumberMaxSize);
        b.text(number, Align::center, true, size, size);
    }
    b.rule();

    if (!layout.received_on.empty()) {
        b.text(messages::both(messages::kSlipReceived) + ":", Align::left, true);
        b.text(layout.received_on, Align::left);
    }
    if (!layout.due_on.empty()) {
        b.text(messages::both(messages::kSlipDue) + ":", Align::left, true);
        b.text(layout.due_on, Align::left);
    }
    if (!layout.category.id.empty()) {
        b.text(messages::both(messages::kSlipCategory) + ":", Align::left, true);
        const bool same = layout.category.en.empty() || layout.category.en == layout.category.id;
        b.text(same ? layout.category.id : layout.category.id + " / " + layout.category.en,
               Align::left);
    }
    b.rule();

    if (!layout.track_url.empty()) {
        b.text(messages::kSlipFollow.id, Align::left, true);
        b.text(messages::kSlipFollow.en, Align::left);
        b.text(layout.track_url, Align::left);
        b.add(Feed{1});
        b.qr(layout.track_url, options.qr_error_correction, options.qr_module_size, "tracking URL");
    }
    if (!layout.lapor.id.empty() || !layout.lapor.en.empty()) {
        b.add(Feed{1});
        pair(layout.lapor, Align::left);
    }
    b.rule();
    b.text(messages::both(messages::kSlipKeep), Align::center, true);
    for (const auto& f : layout.footer_lines)
        b.text(f, Align::center);
    b.add(Feed{options.feed_before_cut});
    b.add(CutPaper{options.cut});
    validate_document(doc);
    return doc;
}

PrintOutcome print_complaint_slip(Transport& transport, const ComplaintSlipLayout& layout,
                                  const PrintOptions& options) {
    PrintOutcome out = print_document(transport, build_complaint_slip_document(layout, options));
    detail::word_outcome(out, transport,
                         {messages::kSlipPrinted, messages::kSlipPrintedNearEnd,
                          messages::kSlipNotSent, messages::kSlipSendFailed});
    return out;
}

}  // namespace loket::print
