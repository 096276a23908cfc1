// The applicants' voice: the satisfaction survey (questionnaire, publication, responses) and
// complaints (categories, filing).
#include <string>

#include "server_client.hpp"
#include "server_client_internal.hpp"

namespace loket::kiosk {

using namespace server_client_detail;

namespace {

// Lists the screens show one item of per button: a few, never hundreds.
constexpr std::size_t kMaxChoices = 24;

SurveyChoiceList read_choices(const WireObject& o, const char* key) {
    const WireObject list = o.child(key);
    SurveyChoiceList out;
    out.label = list.str("label");
    out.label_en = list.str_or("label_en", out.label);
    const json& options = list.array("options");
    if (options.empty() || options.size() > kMaxChoices)
        throw WireError(list.where("options"),
                        "must hold 1 to " + std::to_string(kMaxChoices) + " choices");
    for (std::size_t i = 0; i < options.size(); ++i) {
        const WireObject c(options[i], list.where("options") + "[" + std::to_string(i) + "]");
        SurveyChoice choice{c.str("id"), c.str("label"), ""};
        choice.label_en = c.str_or("label_en", choice.label);
        if (choice.id.empty() || choice.id.size() > 64)
            throw WireError(c.where("id"), "is not a choice id");
        out.options.push_back(std::move(choice));
    }
    return out;
}

}  // namespace

Result<Questionnaire> parse_questionnaire(const net::HttpResult& reply) {
    return parse_reply<Questionnaire>(reply, [](const WireObject& o) {
        Questionnaire q;
        const json& elements = o.array("elements");
        if (elements.empty() || elements.size() > kMaxChoices)
            throw WireError("elements",
                            "must hold 1 to " + std::to_string(kMaxChoices) + " elements");
        for (std::size_t i = 0; i < elements.size(); ++i) {
            const WireObject e(elements[i], "elements[" + std::to_string(i) + "]");
            SurveyElement element;
            element.id = e.str("id");
            if (element.id.empty() || element.id.size() > 64)
                throw WireError(e.where("id"), "is not an element id");
            for (const SurveyElement& seen : q.elements)
                if (seen.id == element.id)
                    throw WireError(e.where("id"), "repeats '" + element.id + "'");
            element.name = e.str("name");
            element.name_en = e.str_or("name_en", element.name);
            element.question = e.str("question");
            element.question_en = e.str_or("question_en", element.question);
            const json& answers = e.array("answers");
            // The regulation's scale: four answers, scored 1 to 4 in order.
            if (answers.size() != 4)
                throw WireError(e.where("answers"), "must hold four answers");
            for (std::size_t a = 0; a < answers.size(); ++a) {
                const WireObject ans(answers[a],
                                     e.where("answers") + "[" + std::to_string(a) + "]");
                SurveyAnswer answer;
                answer.score = int(ans.integer("score", 1, 4));
                if (answer.score != int(a) + 1)
                    throw WireError(ans.where("score"), "is out of order");
                answer.label = ans.str("label");
                answer.label_en = ans.str_or("label_en", answer.label);
                element.answers.push_back(std::move(answer));
            }
            q.elements.push_back(std::move(element));
        }
        const WireObject profile = o.child("profile");
        const WireObject age = profile.child("age");
        q.age_min = int(age.integer("min", 0, 150));
        q.age_max = int(age.integer("max", 0, 150));
        if (q.age_min > q.age_max)
            throw WireError("profile.age.min", "is above profile.age.max");
        q.age_label = age.str("label");
        q.age_label_en = age.str_or("label_en", q.age_label);
        q.age_unit = age.str_or("unit", "");
        q.age_unit_en = age.str_or("unit_en", q.age_unit);
        q.sex = read_choices(profile, "sex");
        q.education = read_choices(profile, "education");
        q.occupation = read_choices(profile, "occupation");
        return q;
    });
}

Result<SurveySubmitted> parse_survey_submitted(const net::HttpResult& reply) {
    return parse_reply<SurveySubmitted>(reply, [](const WireObject& o) {
        SurveySubmitted s;
        s.period = o.child("response").str_or("period", "");
        if (const json* r = o.find("replayed"); r != nullptr && r->is_boolean())
            s.replayed = r->get<bool>();
        return s;
    });
}

Result<Publication> parse_publication(const net::HttpResult& reply) {
    return parse_reply<Publication>(reply, [](const WireObject& o) {
        Publication p;
        p.show_ikm = o.boolean("show_ikm");
        if (const json* ikm = o.find("ikm")) {
            if (!ikm->is_number())
                throw WireError("ikm", "is not a number");
            const double v = ikm->get<double>();
            if (!(v >= 25.0 && v <= 100.0))  // the converted scale; also refuses NaN
                throw WireError("ikm", "is outside 25-100");
            p.ikm = v;
        }
        p.grade = o.str_or("grade", "");
        if (p.grade.size() > 1 || (p.grade.size() == 1 && (p.grade[0] < 'A' || p.grade[0] > 'D')))
            throw WireError("grade", "is not A, B, C or D");
        if (p.ikm.has_value() != !p.grade.empty())
            throw WireError("ikm", "and grade must come together");
        p.grade_name = o.str_or("grade_name", "");
        p.grade_name_en = o.str_or("grade_name_en", p.grade_name);
        if (const auto period = o.opt_child("period")) {
            p.period_name = period->str_or("name", "");
            p.period_name_en = period->str_or("name_en", p.period_name);
        }
        p.respondents = int(o.opt_int("respondents", 0, kMaxCount).value_or(0));
        p.maklumat = o.str_or("maklumat", "");
        p.maklumat_en = o.str_or("maklumat_en", "");
        return p;
    });
}

Result<ComplaintSetup> parse_complaint_setup(const net::HttpResult& reply) {
    return parse_reply<ComplaintSetup>(reply, [](const WireObject& o) {
        ComplaintSetup s;
        const json& list = o.array("categories");
        if (list.empty() || list.size() > kMaxChoices)
            throw WireError("categories",
                            "must hold 1 to " + std::to_string(kMaxChoices) + " entries");
        for (std::size_t i = 0; i < list.size(); ++i) {
            const WireObject c(list[i], "categories[" + std::to_string(i) + "]");
            ComplaintCategory category{c.str("id"), c.str("name"), ""};
            category.name_en = c.str_or("name_en", category.name);
            if (category.id.empty() || category.id.size() > 64)
                throw WireError(c.where("id"), "is not a category id");
            s.categories.push_back(std::move(category));
        }
        s.contact_retention_days =
            int(o.opt_int("contact_retention_days", 1, 730).value_or(s.contact_retention_days));
        if (const auto lapor = o.opt_child("lapor")) {
            s.lapor_text = lapor->str_or("text", "");
            s.lapor_text_en = lapor->str_or("text_en", s.lapor_text);
        }
        return s;
    });
}

Result<ComplaintFiled> parse_complaint_filed(const net::HttpResult& reply) {
    return parse_reply<ComplaintFiled>(reply, [](const WireObject& o) {
        ComplaintFiled f;
        f.tracking_number = o.str("tracking_number");
        // "ADU-XXXX-XXXX": printed and shown large, so nothing else is taken for it.
        const bool shaped =
            f.tracking_number.size() == 13 && f.tracking_number.compare(0, 4, "ADU-") == 0 &&
            f.tracking_number[8] == '-' &&
            f.tracking_number.find_first_not_of("ADU-0123456789ABCDEFGHJKMNPQRSTVWXYZ") ==
                std::string::npos;
        if (!shaped)
            throw WireError("tracking_number", "is not ADU-XXXX-XXXX");
        f.received_on = o.str_or("received_on", "");
        f.due_on = o.str_or("due_on", "");
        f.status_path = o.str_or("status_path", "");
        if (f.status_path.size() > 200 || (!f.status_path.empty() && f.status_path[0] != '/'))
            throw WireError("status_path", "is not a path");
        if (const json* r = o.find("replayed"); r != nullptr && r->is_boolean())
            f.replayed = r->get<bool>();
        return f;
    });
}

Result<Questionnaire> ServerClient::questionnaire() {
    return parse_questionnaire(http_->get("/survey/questions"));
}

Result<Publication> ServerClient::publication() {
    return parse_publication(http_->get("/survey/publication"));
}

Result<ComplaintSetup> ServerClient::complaint_setup() {
    return parse_complaint_setup(http_->get("/complaints/categories"));
}

Result<SurveySubmitted> ServerClient::submit_survey(const SurveySubmission& s,
                                                    std::string_view idempotency_key) {
    nlohmann::json answers = nlohmann::json::object();
    for (const auto& [element, score] : s.answers)
        answers[element] = score;
    nlohmann::json body = {{"service", s.service},
                           {"answers", answers},
                           {"profile",
                            {{"age", s.age},
                             {"sex", s.sex},
                             {"education", s.education},
                             {"occupation", s.occupation}}}};
    if (!s.permit_id.empty())
        body["permit_id"] = s.permit_id;
    return parse_survey_submitted(http_->post("/survey/responses", body, idempotency_key));
}

Result<ComplaintFiled> ServerClient::file_complaint(const ComplaintSubmission& c,
                                                    std::string_view idempotency_key) {
    nlohmann::json body = {{"category", c.category}, {"text", c.text}};
    if (c.consent) {
        body["consent"] = true;
        if (!c.name.empty())
            body["name"] = c.name;
        if (!c.contact.empty())
            body["contact"] = c.contact;
    }
    return parse_complaint_filed(http_->post("/complaints", body, idempotency_key));
}

}  // namespace loket::kiosk
