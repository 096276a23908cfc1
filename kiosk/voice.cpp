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

}  // namespace loket::kiosk
