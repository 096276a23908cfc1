#pragma once
// The applicants' voice at the kiosk, the parts without a screen: the SKM survey (one element
// per screen, the respondent profile, the service received) and the complaint intake
// (category, text, consent, name and contact, confirm, tracking number and slip). The flows'
// state lives here; the Model's methods for them are in voice.cpp.
// docs/kiosk-survey-and-complaints.md.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "api_types.hpp"
#include "printing.hpp"
#include "text.hpp"

namespace loket::kiosk {

// Why a survey or complaint request gave no answer to show.
struct VoiceProblem {
    enum class Kind {
        none,
        offline,       // the server cannot be reached
        refused,       // 400: the server named what was wrong (message_id)
        rate_limited,  // 429: this kiosk sent one too recently, or too many today
        server,        // anything else: a failure or a reply the kiosk cannot use
    };
    Kind kind = Kind::none;
    std::string message_id, message_en;  // the server's words for a refusal
    std::optional<int> retry_after_seconds;
    bool operator==(const VoiceProblem&) const = default;
};
VoiceProblem problem_of(const Failure& failure);
// What the applicant reads: the server's own words for a refusal (Indonesian, or its English
// when the kiosk shows English), else the kiosk's.
std::string problem_text(Language lang, const VoiceProblem& problem);

// ---- The survey ------------------------------------------------------------------------------

enum class SurveyStep {
    loading,  // fetching the questionnaire
    element,  // one element's question and its four answers
    age,
    sex,
    education,
    occupation,
    service,  // the service received; choosing it sends the response
    sending,
    thanks,
    problem,  // loading or sending failed
};

// The age as typed on the keypad: digits only, at most three.
inline constexpr std::size_t kMaxAgeDigits = 3;

struct SurveyFlow {
    SurveyStep step = SurveyStep::loading;
    std::size_t element = 0;                 // the element shown, an index into the questionnaire's
    std::vector<int> scores;                 // by element; 0: not answered yet
    std::string age;                         // digits typed
    bool age_invalid = false;                // "Lanjut" was tapped with an age outside the bounds
    std::string sex, education, occupation;  // choice ids; empty: not chosen
    std::string service;
    std::uint64_t seq = 0;
    std::string key;             // idempotency key of the response being sent
    SurveySubmission last_sent;  // what key was made for
    SurveyStep failed_at = SurveyStep::loading;
    VoiceProblem problem;
};

// The response when every element is answered and the profile and service are complete and
// within the questionnaire's bounds; nullopt otherwise (partial answers are never sent).
std::optional<SurveySubmission> complete_response(const Questionnaire& q, const SurveyFlow& f);

// ---- Complaints ------------------------------------------------------------------------------

enum class ComplaintStep {
    loading,  // fetching the categories
    category,
    text,     // typed on the on-screen keyboard
    consent,  // anonymous (the default) or with name and contact
    name,
    contact,
    confirm,
    sending,
    filed,    // the tracking number, the slip printing
    problem,  // loading or sending failed
};

struct ComplaintFlow {
    ComplaintStep step = ComplaintStep::loading;
    std::string category;
    std::string text;
    bool text_too_short = false;  // "Lanjut" was tapped before the minimum
    bool consent = false;         // chosen explicitly; anonymous until then
    std::string name, contact;
    std::uint64_t seq = 0;
    std::string key;
    ComplaintSubmission last_sent;
    ComplaintStep failed_at = ComplaintStep::loading;
    VoiceProblem problem;
    std::optional<ComplaintFiled> filed;
    PrintState print_state = PrintState::none;
    std::string print_id, print_en;
};

// Unicode code points, as the server counts the text's length.
std::size_t text_length(std::string_view text);
// The complaint's text limits (the server's: docs/complaints.md).
std::size_t complaint_text_min();
std::size_t complaint_text_max();
std::size_t complaint_personal_max();
// Text kept to at most `max` code points, cut at a character boundary.
std::string cut_to_length(std::string text, std::size_t max);

// The complaint to send: name and contact only with consent, and consent only when one of
// them was given.
ComplaintSubmission complaint_submission(const ComplaintFlow& flow);

// The public tracking page of a filed complaint: public_url + the server's status_path.
std::string tracking_url(std::string_view public_url, const ComplaintFiled& filed);

}  // namespace loket::kiosk
