// The survey at the kiosk, the Model's part (voice.hpp): one element per screen, the profile and
// the service; sent only complete. docs/kiosk-survey-and-complaints.md.
#include <algorithm>

#include "loket/complaint.hpp"
#include "model.hpp"
#include "voice.hpp"

namespace loket::kiosk {

namespace {

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

}  // namespace loket::kiosk
