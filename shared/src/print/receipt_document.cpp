// The application receipt as a ticket document (receipt_print.hpp): the blocks of the
// printable page, each Indonesian first with its English under it.
#include <stdexcept>

#include "document_builder.hpp"
#include "loket/receipt_print.hpp"
#include "messages.hpp"

namespace loket::print {
namespace {

// The registration number is what the applicant and the back office quote: as large as one
// line allows, never wrapped when it fits at normal size.
constexpr int kRegistrationNumberMaxSize = 3;

class ReceiptWriter {
  public:
    explicit ReceiptWriter(detail::DocumentBuilder& b) : b_(b) {}

    void label(messages::Bilingual text) { b_.text(messages::both(text) + ":", Align::left, true); }
    void value(const std::string& text) {
        if (!text.empty())
            b_.text(text, Align::left);
    }
    // Indonesian, then the English unless it says nothing more.
    void pair(const BilingualText& text, Align align = Align::left) {
        if (!text.id.empty())
            b_.text(text.id, align);
        if (!text.en.empty() && text.en != text.id)
            b_.text(text.en, align);
    }

  private:
    detail::DocumentBuilder& b_;
};

}  // namespace

TicketDocument build_receipt_document(const ReceiptLayout& layout, const PrintOptions& options) {
    TicketDocument doc = detail::empty_document(layout.paper, options);
    if (layout.registration_number.empty())
        throw std::invalid_argument("registration number is empty");
    if (layout.status_url.empty())
        throw std::invalid_argument("status URL is empty");
    const Transliterator tr(options.code_page);
    detail::DocumentBuilder b(doc, tr);
    ReceiptWriter w(b);

    if (!layout.office_name.empty())
        b.text(layout.office_name, Align::center, true);
    if (!layout.office_address.empty())
        b.text(layout.office_address, Align::center);
    b.rule();
    b.text(messages::kReceiptTitle.id, Align::center, true, 1, 2);
    b.text(messages::kReceiptTitle.en, Align::center);
    b.rule();

    b.text(messages::both(messages::kRegistrationNumber), Align::center);
    {
        const std::string number = tr.printable(layout.registration_number);
        const int size = b.fitting_size(number, kRegistrationNumberMaxSize);
        b.text(number, Align::center, true, size, size);
    }
    b.rule();

    w.label(messages::kReceiptPermit);
    w.value(layout.permit_name);
    w.label(messages::kReceiptApplicant);
    w.value(layout.applicant_name);
    if (!layout.applicant_type.id.empty()) {
        const bool same = layout.applicant_type.en.empty() ||
                          layout.applicant_type.en == layout.applicant_type.id;
        w.value(same ? layout.applicant_type.id
                     : layout.applicant_type.id + " / " + layout.applicant_type.en);
    }
    if (!layout.business_name.empty()) {
        w.label(messages::kReceiptBusiness);
        w.value(layout.business_name);
    }
    if (!layout.registered_at.empty()) {
        w.label(messages::kReceiptDate);
        w.value(layout.registered_at);
    }
    b.rule();

    w.label(messages::kReceiptPromise);
    w.pair(layout.promise);
    b.add(Feed{1});
    b.qr(layout.status_url, options.qr_error_correction, options.qr_module_size, "status URL");
    b.text(messages::both(messages::kReceiptCheck), Align::center, true);
    w.pair(layout.status_check);
    b.rule();

    w.label(messages::kReceiptPickup);
    w.pair(layout.pickup);
    b.rule();
    if (!layout.registered_by.empty())
        b.text(messages::both(messages::kReceiptClerk) + ": " + layout.registered_by, Align::left);
    b.text(messages::both(messages::kReceiptKeep), Align::center, true);
    b.add(Feed{options.feed_before_cut});
    b.add(CutPaper{options.cut});
    validate_document(doc);
    return doc;
}

PrintOutcome print_receipt(Transport& transport, const ReceiptLayout& layout,
                           const PrintOptions& options) {
    PrintOutcome out = print_document(transport, build_receipt_document(layout, options));
    detail::word_outcome(out, transport,
                         {messages::kReceiptPrinted, messages::kReceiptPrintedNearEnd,
                          messages::kReceiptNotSent, messages::kReceiptSendFailed});
    return out;
}

}  // namespace loket::print
