// The complaint intake at the kiosk, the Model's part (voice.hpp): category, text, consent, name,
// contact, confirmation; sent only from the confirmation. docs/kiosk-survey-and-complaints.md.
#include <algorithm>

#include "loket/complaint.hpp"
#include "loket/trim.hpp"
#include "model.hpp"
#include "voice.hpp"

namespace loket::kiosk {

std::size_t complaint_text_min() {
    return complaint::kTextMin;
}
std::size_t complaint_text_max() {
    return complaint::kTextMax;
}
std::size_t complaint_personal_max() {
    return complaint::kPersonalMax;
}

std::string cut_to_length(std::string text, std::size_t max) {
    std::size_t points = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80)
            continue;  // a continuation byte belongs to the code point before it
        if (points == max) {
            text.resize(i);
            break;
        }
        ++points;
    }
    return text;
}

ComplaintSubmission complaint_submission(const ComplaintFlow& f) {
    ComplaintSubmission c;
    c.category = f.category;
    c.text = trim_space(f.text);
    if (f.consent) {
        c.name = trim_space(f.name);
        c.contact = trim_space(f.contact);
        c.consent = !c.name.empty() || !c.contact.empty();
    }
    return c;
}

std::string tracking_url(std::string_view public_url, const ComplaintFiled& filed) {
    if (public_url.empty() || filed.status_path.empty())
        return {};
    std::string base(public_url);
    while (!base.empty() && base.back() == '/')
        base.pop_back();
    return base + filed.status_path;
}

// ---- Complaints ------------------------------------------------------------------------------

void Model::open_complaint() {
    touch();
    if (screen_ != Screen::start || !online_)
        return;
    complaint_ = {};
    screen_ = Screen::complaint;
    if (complaint_setup_) {
        complaint_.step = ComplaintStep::category;
        return;
    }
    fetch_complaint_setup();
}

void Model::fetch_complaint_setup() {
    complaint_.step = ComplaintStep::loading;
    complaint_.seq = ++seq_;
    emit(FetchComplaintSetup{complaint_.seq});
}

void Model::on_complaint_setup(std::uint64_t seq, const Result<ComplaintSetup>& reply) {
    if (screen_ != Screen::complaint || seq != complaint_.seq ||
        complaint_.step != ComplaintStep::loading)
        return;
    if (!reply.ok()) {
        complaint_.problem = problem_of(reply.failure());
        complaint_.failed_at = ComplaintStep::loading;
        complaint_.step = ComplaintStep::problem;
        return;
    }
    complaint_setup_ = reply.value();
    complaint_.step = ComplaintStep::category;
}

void Model::choose_complaint_category(const std::string& id) {
    touch();
    if (screen_ != Screen::complaint || complaint_.step != ComplaintStep::category ||
        !complaint_setup_)
        return;
    const auto& list = complaint_setup_->categories;
    if (std::none_of(list.begin(), list.end(),
                     [&](const ComplaintCategory& c) { return c.id == id; }))
        return;
    complaint_.category = id;
    complaint_.step = ComplaintStep::text;
}

void Model::set_complaint_text(std::string text) {
    touch();
    if (screen_ != Screen::complaint || complaint_.step != ComplaintStep::text)
        return;
    complaint_.text = cut_to_length(std::move(text), complaint_text_max());
    complaint_.text_too_short = false;
}

void Model::confirm_complaint_text() {
    touch();
    if (screen_ != Screen::complaint || complaint_.step != ComplaintStep::text)
        return;
    if (text_length(trim_space(complaint_.text)) < complaint_text_min()) {
        complaint_.text_too_short = true;
        return;
    }
    complaint_.step = ComplaintStep::consent;
}

void Model::choose_anonymous() {
    touch();
    if (screen_ != Screen::complaint || complaint_.step != ComplaintStep::consent)
        return;
    complaint_.consent = false;
    complaint_.name.clear();  // what was typed before changing one's mind is not kept
    complaint_.contact.clear();
    complaint_.step = ComplaintStep::confirm;
}

void Model::choose_consent() {
    touch();
    if (screen_ != Screen::complaint || complaint_.step != ComplaintStep::consent)
        return;
    complaint_.consent = true;
    complaint_.step = ComplaintStep::name;
}

void Model::set_complaint_name(std::string name) {
    touch();
    if (screen_ != Screen::complaint || complaint_.step != ComplaintStep::name)
        return;
    complaint_.name = cut_to_length(std::move(name), complaint_personal_max());
}

void Model::set_complaint_contact(std::string contact) {
    touch();
    if (screen_ != Screen::complaint || complaint_.step != ComplaintStep::contact)
        return;
    complaint_.contact = cut_to_length(std::move(contact), complaint_personal_max());
}

void Model::confirm_complaint_name() {
    touch();
    if (screen_ == Screen::complaint && complaint_.step == ComplaintStep::name)
        complaint_.step = ComplaintStep::contact;
}

void Model::confirm_complaint_contact() {
    touch();
    if (screen_ == Screen::complaint && complaint_.step == ComplaintStep::contact)
        complaint_.step = ComplaintStep::confirm;
}

void Model::type_into_complaint(std::string_view typed) {
    std::string clean;
    for (const char c : typed)
        if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7F)
            clean += c;
    switch (complaint_.step) {
        case ComplaintStep::text:
            set_complaint_text(complaint_.text + clean);
            return;
        case ComplaintStep::name:
            set_complaint_name(complaint_.name + clean);
            return;
        case ComplaintStep::contact:
            set_complaint_contact(complaint_.contact + clean);
            return;
        default:
            return;
    }
}

void Model::submit_complaint() {
    touch();
    if (screen_ != Screen::complaint || complaint_.step != ComplaintStep::confirm)
        return;
    send_complaint();
}

void Model::send_complaint() {
    const ComplaintSubmission c = complaint_submission(complaint_);
    if (c.category.empty() || text_length(c.text) < complaint_text_min())
        return;
    if (complaint_.key.empty() || !(complaint_.last_sent == c))
        complaint_.key = make_key_();  // kept for a retry of the same complaint
    complaint_.last_sent = c;
    complaint_.seq = ++seq_;
    complaint_.step = ComplaintStep::sending;
    emit(FileComplaint{complaint_.seq, c, complaint_.key});
}

void Model::on_complaint_filed(std::uint64_t seq, const Result<ComplaintFiled>& reply) {
    if (screen_ != Screen::complaint || seq != complaint_.seq ||
        complaint_.step != ComplaintStep::sending)
        return;
    if (!reply.ok()) {
        complaint_.problem = problem_of(reply.failure());
        complaint_.failed_at = ComplaintStep::sending;
        complaint_.step = ComplaintStep::problem;
        return;
    }
    complaint_.filed = reply.value();
    complaint_.key.clear();
    // Personal data has done its job: it is on the server, not on this kiosk.
    complaint_.name.clear();
    complaint_.contact.clear();
    complaint_.step = ComplaintStep::filed;
    complaint_.print_state = PrintState::printing;
    touch();  // the full timeout to note the number

    ComplaintSlip slip;
    slip.tracking_number = complaint_.filed->tracking_number;
    slip.received_on = complaint_.filed->received_on;
    slip.due_on = complaint_.filed->due_on;
    if (complaint_setup_) {
        for (const ComplaintCategory& c : complaint_setup_->categories) {
            if (c.id == complaint_.category) {
                slip.category = c.name;
                slip.category_en = c.name_en;
            }
        }
        slip.lapor_text = complaint_setup_->lapor_text;
        slip.lapor_text_en = complaint_setup_->lapor_text_en;
    }
    slip.track_url = complaint_tracking_url();
    if (office_)
        slip.office_name = office_->name;
    emit(PrintComplaintSlip{std::move(slip)});
}

std::string Model::complaint_tracking_url() const {
    return complaint_.filed ? tracking_url(options_.public_url, *complaint_.filed) : std::string();
}

void Model::on_slip_printed(const PrintReport& report) {
    if (screen_ != Screen::complaint || complaint_.step != ComplaintStep::filed)
        return;  // the applicant has gone; the number was on screen
    complaint_.print_state = report.state;
    complaint_.print_id = report.message_id;
    complaint_.print_en = report.message_en;
    if (report.state == PrintState::failed || report.state == PrintState::no_printer)
        touch();  // time to write the number down or photograph it
}

void Model::retry_complaint() {
    touch();
    if (screen_ != Screen::complaint || complaint_.step != ComplaintStep::problem)
        return;
    complaint_.problem = {};
    if (complaint_.failed_at == ComplaintStep::loading)
        fetch_complaint_setup();
    else
        send_complaint();  // the same key: never a second complaint
}

void Model::complaint_back() {
    switch (complaint_.step) {
        case ComplaintStep::text:
            complaint_.step = ComplaintStep::category;
            complaint_.text_too_short = false;
            return;
        case ComplaintStep::consent:
            complaint_.step = ComplaintStep::text;
            return;
        case ComplaintStep::name:
            complaint_.step = ComplaintStep::consent;
            return;
        case ComplaintStep::contact:
            complaint_.step = ComplaintStep::name;
            return;
        case ComplaintStep::confirm:
            complaint_.step = complaint_.consent ? ComplaintStep::contact : ComplaintStep::consent;
            return;
        case ComplaintStep::problem:
            if (complaint_.failed_at == ComplaintStep::sending) {
                complaint_.step = ComplaintStep::confirm;  // to change it or send it again
                complaint_.problem = {};
                return;
            }
            break;
        case ComplaintStep::sending:
            return;
        case ComplaintStep::loading:
        case ComplaintStep::category:
        case ComplaintStep::filed:
            break;
    }
    screen_ = home_screen();
    complaint_ = {};
}

}  // namespace loket::kiosk
