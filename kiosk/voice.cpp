// The applicants' voice at the kiosk: the SKM survey and the complaint intake, the Model's part
// (voice.hpp). Nothing is sent before the applicant has finished: a survey goes out only
// complete, a complaint only from its confirmation. docs/kiosk-survey-and-complaints.md.
#include "voice.hpp"

#include <algorithm>

#include "loket/complaint.hpp"
#include "model.hpp"

namespace loket::kiosk {

// ---- Shared ----------------------------------------------------------------------------------

VoiceProblem problem_of(const Failure& f) {
    VoiceProblem p;
    switch (f.kind) {
        case FailureKind::unreachable:
            p.kind = VoiceProblem::Kind::offline;
            break;
        case FailureKind::rate_limited:
            p.kind = VoiceProblem::Kind::rate_limited;
            p.retry_after_seconds = f.retry_after_seconds;
            break;
        case FailureKind::http_error:
            // A refusal the server words in Indonesian: shown as it is.
            p.kind = f.status == 400 && !f.message_id.empty() ? VoiceProblem::Kind::refused
                                                              : VoiceProblem::Kind::server;
            break;
        case FailureKind::bad_reply:
        case FailureKind::office_closed:
        case FailureKind::not_found:
            p.kind = VoiceProblem::Kind::server;
            break;
    }
    if (p.kind == VoiceProblem::Kind::refused) {
        p.message_id = f.message_id;
        p.message_en = f.message.empty() ? f.message_id : f.message;
    }
    return p;
}

std::string problem_text(Language lang, const VoiceProblem& p) {
    switch (p.kind) {
        case VoiceProblem::Kind::none:
            return {};
        case VoiceProblem::Kind::offline:
            return std::string(tr(lang, T::voice_offline));
        case VoiceProblem::Kind::refused:
            return tr(lang, T::voice_refused,
                      {lang == Language::English ? p.message_en : p.message_id});
        case VoiceProblem::Kind::rate_limited:
            if (!p.retry_after_seconds)
                return std::string(tr(lang, T::voice_rate_limited_today));
            // Whole minutes, rounded up: "1 menit" rather than "37 detik" on a kiosk.
            return tr(lang, T::voice_rate_limited,
                      {std::to_string(std::max(1, (*p.retry_after_seconds + 59) / 60))});
        case VoiceProblem::Kind::server:
            break;
    }
    return std::string(tr(lang, T::voice_server));
}

std::size_t text_length(std::string_view text) {
    // Invalid UTF-8 cannot come from the keyboards; counted by bytes if it ever does.
    return complaint::code_points(text).value_or(text.size());
}

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

namespace {

std::string trimmed(std::string_view s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string_view::npos)
        return {};
    const auto e = s.find_last_not_of(" \t\r\n");
    return std::string(s.substr(b, e - b + 1));
}

bool has_choice(const SurveyChoiceList& list, const std::string& id) {
    return std::any_of(list.options.begin(), list.options.end(),
                       [&](const SurveyChoice& c) { return c.id == id; });
}

std::optional<int> age_of(const std::string& digits) {
    if (digits.empty() || digits.size() > kMaxAgeDigits ||
        digits.find_first_not_of("0123456789") != std::string::npos)
        return std::nullopt;
    return std::stoi(digits);
}

}  // namespace

std::optional<SurveySubmission> complete_response(const Questionnaire& q, const SurveyFlow& f) {
    if (f.scores.size() != q.elements.size() || q.elements.empty())
        return std::nullopt;
    SurveySubmission s;
    for (std::size_t i = 0; i < q.elements.size(); ++i) {
        if (f.scores[i] < 1 || f.scores[i] > 4)
            return std::nullopt;
        s.answers.emplace_back(q.elements[i].id, f.scores[i]);
    }
    const auto age = age_of(f.age);
    if (!age || *age < q.age_min || *age > q.age_max)
        return std::nullopt;
    if (!has_choice(q.sex, f.sex) || !has_choice(q.education, f.education) ||
        !has_choice(q.occupation, f.occupation) || f.service.empty())
        return std::nullopt;
    s.age = *age;
    s.sex = f.sex;
    s.education = f.education;
    s.occupation = f.occupation;
    s.service = f.service;
    return s;
}

ComplaintSubmission complaint_submission(const ComplaintFlow& f) {
    ComplaintSubmission c;
    c.category = f.category;
    c.text = trimmed(f.text);
    if (f.consent) {
        c.name = trimmed(f.name);
        c.contact = trimmed(f.contact);
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

// ---- The Model's part: screens ---------------------------------------------------------------

std::string Model::voice_screen_key() const {
    if (screen_ == Screen::survey) {
        switch (survey_.step) {
            case SurveyStep::loading:
                return "survey-loading";
            case SurveyStep::element:
                return "survey-element";
            case SurveyStep::age:
                return survey_.age_invalid ? "survey-age-invalid" : "survey-age";
            case SurveyStep::sex:
                return "survey-sex";
            case SurveyStep::education:
                return "survey-education";
            case SurveyStep::occupation:
                return "survey-occupation";
            case SurveyStep::service:
                return "survey-service";
            case SurveyStep::sending:
                return "survey-sending";
            case SurveyStep::thanks:
                return "survey-thanks";
            case SurveyStep::problem:
                return "survey-problem";
        }
        return "survey";
    }
    switch (complaint_.step) {
        case ComplaintStep::loading:
            return "complaint-loading";
        case ComplaintStep::category:
            return "complaint-category";
        case ComplaintStep::text:
            return "complaint-text";
        case ComplaintStep::consent:
            return "complaint-consent";
        case ComplaintStep::name:
            return "complaint-name";
        case ComplaintStep::contact:
            return "complaint-contact";
        case ComplaintStep::confirm:
            return "complaint-confirm";
        case ComplaintStep::sending:
            return "complaint-sending";
        case ComplaintStep::filed:
            switch (complaint_.print_state) {
                case PrintState::printed:
                case PrintState::printed_with_warning:
                    return "complaint-filed-printed";
                case PrintState::failed:
                    return "complaint-filed-print-failed";
                case PrintState::no_printer:
                    return "complaint-filed-no-printer";
                case PrintState::none:
                case PrintState::printing:
                    break;
            }
            return "complaint-filed";
        case ComplaintStep::problem:
            return "complaint-problem";
    }
    return "complaint";
}

// ---- Publication -----------------------------------------------------------------------------

void Model::on_publication(const Result<Publication>& reply) {
    if (reply.ok())
        publication_ = reply.value();
    else if (reply.failure().kind == FailureKind::not_found ||
             reply.failure().kind == FailureKind::bad_reply)
        publication_.reset();  // a server without it, or nothing the kiosk can show
    // Unreachable: the last figures stay (the office poll decides online/offline).
}

// ---- Survey ----------------------------------------------------------------------------------

void Model::open_survey() {
    touch();
    if (screen_ != Screen::start || !online_)
        return;
    survey_ = {};
    screen_ = Screen::survey;
    if (questionnaire_) {
        survey_.scores.assign(questionnaire_->elements.size(), 0);
        survey_.step = SurveyStep::element;
        return;
    }
    fetch_questionnaire();
}

void Model::fetch_questionnaire() {
    survey_.step = SurveyStep::loading;
    survey_.seq = ++seq_;
    emit(FetchQuestionnaire{survey_.seq});
}

void Model::on_questionnaire(std::uint64_t seq, const Result<Questionnaire>& reply) {
    if (screen_ != Screen::survey || seq != survey_.seq || survey_.step != SurveyStep::loading)
        return;
    if (!reply.ok()) {
        survey_.problem = problem_of(reply.failure());
        survey_.failed_at = SurveyStep::loading;
        survey_.step = SurveyStep::problem;
        return;
    }
    questionnaire_ = reply.value();
    survey_.scores.assign(questionnaire_->elements.size(), 0);
    survey_.element = 0;
    survey_.step = SurveyStep::element;
}

void Model::answer_element(int score) {
    touch();
    if (screen_ != Screen::survey || survey_.step != SurveyStep::element || !questionnaire_ ||
        score < 1 || score > 4 || survey_.element >= survey_.scores.size())
        return;
    survey_.scores[survey_.element] = score;
    if (survey_.element + 1 < survey_.scores.size())
        ++survey_.element;
    else
        survey_.step = SurveyStep::age;
}

void Model::set_survey_age(std::string digits) {
    touch();
    if (screen_ != Screen::survey || survey_.step != SurveyStep::age)
        return;
    std::erase_if(digits, [](char c) { return c < '0' || c > '9'; });
    // A leading zero says nothing about an age; it only hides the digits that do.
    while (!digits.empty() && digits.front() == '0')
        digits.erase(digits.begin());
    if (digits.size() > kMaxAgeDigits)
        digits.resize(kMaxAgeDigits);
    survey_.age = std::move(digits);
    survey_.age_invalid = false;
}

void Model::confirm_survey_age() {
    touch();
    if (screen_ != Screen::survey || survey_.step != SurveyStep::age || !questionnaire_)
        return;
    const auto age = age_of(survey_.age);
    if (!age || *age < questionnaire_->age_min || *age > questionnaire_->age_max) {
        survey_.age_invalid = true;
        return;
    }
    survey_.step = SurveyStep::sex;
}

void Model::choose_survey_option(const std::string& id) {
    touch();
    if (screen_ != Screen::survey || !questionnaire_)
        return;
    switch (survey_.step) {
        case SurveyStep::sex:
            if (has_choice(questionnaire_->sex, id)) {
                survey_.sex = id;
                survey_.step = SurveyStep::education;
            }
            return;
        case SurveyStep::education:
            if (has_choice(questionnaire_->education, id)) {
                survey_.education = id;
                survey_.step = SurveyStep::occupation;
            }
            return;
        case SurveyStep::occupation:
            if (has_choice(questionnaire_->occupation, id)) {
                survey_.occupation = id;
                survey_.step = SurveyStep::service;
            }
            return;
        default:
            return;
    }
}

void Model::choose_survey_service(const std::string& service_id) {
    touch();
    if (screen_ != Screen::survey || survey_.step != SurveyStep::service ||
        find_service(service_id) == nullptr)
        return;
    survey_.service = service_id;
    send_survey();
}

void Model::send_survey() {
    if (!questionnaire_)
        return;
    const auto response = complete_response(*questionnaire_, survey_);
    if (!response)
        return;  // never a partial response
    // The same response tapped again after a failure keeps its key: the first attempt may
    // have been stored with its reply lost, and the server then answers with that one.
    if (survey_.key.empty() || !(survey_.last_sent == *response))
        survey_.key = make_key_();
    survey_.last_sent = *response;
    survey_.seq = ++seq_;
    survey_.step = SurveyStep::sending;
    emit(SubmitSurvey{survey_.seq, *response, survey_.key});
}

void Model::on_survey_submitted(std::uint64_t seq, const Result<SurveySubmitted>& reply) {
    if (screen_ != Screen::survey || seq != survey_.seq || survey_.step != SurveyStep::sending)
        return;
    if (reply.ok()) {
        survey_.step = SurveyStep::thanks;
        survey_.key.clear();
        touch();  // time to read the thanks
        return;
    }
    survey_.problem = problem_of(reply.failure());
    survey_.failed_at = SurveyStep::sending;
    survey_.step = SurveyStep::problem;
}

void Model::retry_survey() {
    touch();
    if (screen_ != Screen::survey || survey_.step != SurveyStep::problem)
        return;
    survey_.problem = {};
    if (survey_.failed_at == SurveyStep::loading)
        fetch_questionnaire();
    else
        send_survey();  // the same key: never a second response
}

void Model::survey_back() {
    switch (survey_.step) {
        case SurveyStep::element:
            if (survey_.element > 0) {
                --survey_.element;
                return;
            }
            break;  // the first question: back to start, nothing sent
        case SurveyStep::age:
            survey_.element = survey_.scores.empty() ? 0 : survey_.scores.size() - 1;
            survey_.step = SurveyStep::element;
            survey_.age_invalid = false;
            return;
        case SurveyStep::sex:
            survey_.step = SurveyStep::age;
            return;
        case SurveyStep::education:
            survey_.step = SurveyStep::sex;
            return;
        case SurveyStep::occupation:
            survey_.step = SurveyStep::education;
            return;
        case SurveyStep::service:
            survey_.step = SurveyStep::occupation;
            return;
        case SurveyStep::problem:
            if (survey_.failed_at == SurveyStep::sending) {
                survey_.step = SurveyStep::service;  // the answers stay, to send again
                survey_.problem = {};
                return;
            }
            break;
        case SurveyStep::sending:
            return;  // on its way: wait for the answer
        case SurveyStep::loading:
        case SurveyStep::thanks:
            break;
    }
    screen_ = home_screen();  // abandoned: nothing was sent, nothing is kept
    survey_ = {};
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
    if (text_length(trimmed(complaint_.text)) < complaint_text_min()) {
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
