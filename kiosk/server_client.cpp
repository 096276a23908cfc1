#include "server_client.hpp"

#include <cstdio>
#include <limits>
#include <stdexcept>

namespace loket::kiosk {
namespace {

using nlohmann::json;

using protocol::cut_utf8;
using protocol::kMaxCount;
using protocol::kMaxItems;
using protocol::kMaxText;
using protocol::WireError;
using protocol::WireObject;
constexpr std::int64_t kMaxStepTotal = 1000000000;  // the catalog caps its sums there

// Runs a parser over a 2xx JSON reply; everything else becomes a Failure.
template <class T, class F>
Result<T> parse_reply(const HttpResult& reply, F&& parse) {
    if (!reply.ok())
        return failure_of(reply);
    const auto doc = reply.response->json();
    if (!doc)
        return Failure{FailureKind::bad_reply, reply.status(), "", "the reply is not JSON", "", {}};
    try {
        return parse(WireObject(*doc, ""));
    } catch (const WireError& e) {
        return Failure{FailureKind::bad_reply, reply.status(), "", e.what(), "", {}};
    } catch (const std::exception& e) {  // nlohmann surprises: still a value, never a crash
        return Failure{FailureKind::bad_reply, reply.status(), "", e.what(), "", {}};
    }
}

Priority priority_from(const std::optional<std::string>& s) {
    if (!s || s->empty())
        return Priority::None;
    if (*s == "lansia")
        return Priority::Lansia;
    if (*s == "disabilitas")
        return Priority::Disabilitas;
    if (*s == "ibu_hamil")
        return Priority::IbuHamil;
    throw WireError("ticket.priority", "is not a known priority");
}

}  // namespace

Failure failure_of(const HttpResult& reply) {
    if (!reply.response)
        return Failure{FailureKind::unreachable,
                       0,
                       "",
                       reply.error.empty() ? "no reply" : reply.error,
                       "",
                       {}};
    const int status = reply.status();
    Failure f{FailureKind::http_error, status, "", "HTTP " + std::to_string(status), "", {}};
    if (const auto doc = reply.response->json();
        doc && doc->is_object() && doc->contains("error") && (*doc)["error"].is_object()) {
        const json& e = (*doc)["error"];
        if (e.contains("code") && e["code"].is_string())
            f.code = cut_utf8(e["code"].get<std::string>(), 64);
        if (e.contains("message") && e["message"].is_string())
            f.message = cut_utf8(e["message"].get<std::string>(), 500);
        if (e.contains("message_id") && e["message_id"].is_string())
            f.message_id = cut_utf8(e["message_id"].get<std::string>(), 500);
        if (e.contains("retry_after_seconds") && e["retry_after_seconds"].is_number_integer()) {
            const auto s = e["retry_after_seconds"].get<std::int64_t>();
            if (s >= 0 && s <= 7 * 24 * 3600)
                f.retry_after_seconds = int(s);
        }
    }
    if (status == 409 && f.code == "office_closed")
        f.kind = FailureKind::office_closed;
    else if (status == 429)
        f.kind = FailureKind::rate_limited;
    else if (status == 404)
        f.kind = FailureKind::not_found;
    else if (status >= 200 && status < 300)
        f.kind = FailureKind::bad_reply;
    return f;
}

Result<Office> parse_office(const HttpResult& reply) {
    return parse_reply<Office>(reply, [](const WireObject& o) { return protocol::read_office(o); });
}

Result<std::vector<ServiceInfo>> parse_services(const HttpResult& reply) {
    return parse_reply<std::vector<ServiceInfo>>(reply, [](const WireObject& o) {
        if (o.find("services") == nullptr)
            throw WireError("services", "is missing");
        const json& list = o.array("services");
        std::vector<ServiceInfo> out;
        for (std::size_t i = 0; i < list.size(); ++i)
            out.push_back(protocol::read_service_line(
                WireObject(list[i], "services[" + std::to_string(i) + "]")));
        return out;
    });
}

Result<std::vector<PermitSummary>> parse_permits(const HttpResult& reply) {
    return parse_reply<std::vector<PermitSummary>>(reply, [](const WireObject& o) {
        if (o.find("permits") == nullptr)
            throw WireError("permits", "is missing");
        const json& list = o.array("permits");
        std::vector<PermitSummary> out;
        for (std::size_t i = 0; i < list.size(); ++i) {
            const WireObject p(list[i], "permits[" + std::to_string(i) + "]");
            PermitSummary s;
            s.id = p.str("id");
            s.name = p.str("name");
            s.short_name = p.str_or("short_name", "");
            s.category = p.str_or("category", "");
            s.office = p.str_or("office", "");
            s.requirements = int(p.opt_int("requirements", 0, kMaxCount).value_or(0));
            s.steps = int(p.opt_int("steps", 0, kMaxCount).value_or(0));
            s.version = int(p.opt_int("version", 0, kMaxCount).value_or(0));
            out.push_back(std::move(s));
        }
        return out;
    });
}

namespace {

PermitStep read_permit_step(const WireObject& s, std::size_t i) {
    PermitStep step;
    step.number = int(s.opt_int("number", 0, kMaxCount).value_or(std::int64_t(i + 1)));
    step.activity = s.str("activity");
    step.actors = s.strings("actors");
    step.actor_source = s.str_or("actor_source", "");
    step.input = s.str_or("input", "");
    if (const auto t = s.opt_child("time"))
        step.time_text = t->str_or("text", "");
    step.output = s.str_or("output", "");
    step.note = s.str_or("note", "");
    step.branch = s.str_or("branch", "umum");
    step.condition = s.str_or("condition", "");
    return step;
}

// Fields a server before the catalog's applicability and paths lacks stay empty; its stated
// completion time stands in for the service time.
void read_service_time(const WireObject& o, PermitDetail& p) {
    if (const auto st = o.opt_child("service_time")) {
        p.service_time.text = st->opt_str("text").value_or("");
        if (const auto v = st->opt_int("value", 1, kMaxCount))
            p.service_time.value = int(*v);
        p.service_time.unit = st->opt_str("unit").value_or("");
        p.service_time.basis = st->str_or("basis", "");
        p.service_time.note = st->str_or("note", "");
    } else if (p.completion_time) {
        p.service_time.text = *p.completion_time;
        p.service_time.basis = "stated";
    }
}

std::optional<PermitStepTotals> read_step_totals(const WireObject& totals, const char* key) {
    const auto t = totals.opt_child(key);
    if (!t)
        return std::nullopt;
    return PermitStepTotals{int(t->opt_int("minutes", 0, kMaxStepTotal).value_or(0)),
                            int(t->opt_int("days", 0, kMaxStepTotal).value_or(0)),
                            int(t->opt_int("working_days", 0, kMaxStepTotal).value_or(0))};
}

// The permit's page, read in the order of its fields.
PermitDetail read_permit_detail(const WireObject& o) {
    PermitDetail p;
    p.id = o.str("id");
    p.name = o.str("name");
    p.short_name = o.str_or("short_name", "");
    p.office = o.str_or("office", "");
    p.region = o.str_or("region", "");
    p.category = o.str_or("category", "");
    p.version = int(o.opt_int("version", 0, kMaxCount).value_or(0));
    if (const auto sop = o.opt_child("sop"))
        p.sop_number = sop->str_or("number", "");
    const json& reqs = o.array("requirements");
    for (std::size_t i = 0; i < reqs.size(); ++i) {
        const WireObject r(reqs[i], "requirements[" + std::to_string(i) + "]");
        p.requirements.push_back(
            {r.str("text"), r.str_or("source", ""), r.str_or("applies_to", "semua")});
    }
    const json& steps = o.array("steps");
    for (std::size_t i = 0; i < steps.size(); ++i)
        p.steps.push_back(
            read_permit_step(WireObject(steps[i], "steps[" + std::to_string(i) + "]"), i));
    p.completion_time = o.opt_str("completion_time");
    read_service_time(o, p);
    if (const auto totals = o.opt_child("step_totals")) {
        p.approved_totals = read_step_totals(*totals, "disetujui");
        p.rejected_totals = read_step_totals(*totals, "ditolak");
    }
    p.cost_note = o.str_or("cost_note", "");
    p.cost_source = o.str_or("cost_source", "");
    p.product_source = o.str_or("product_source", "");
    if (const auto c = o.opt_child("contact")) {
        p.contact_address = c->str_or("address", "");
        p.contact_phone = c->str_or("phone", "");
        p.contact_fax = c->str_or("fax", "");
    }
    p.complaint_channels = o.strings("complaint_channels");
    p.facilities = o.strings("facilities");
    const json& defs = o.array("definitions");
    for (std::size_t i = 0; i < defs.size(); ++i) {
        const WireObject d(defs[i], "definitions[" + std::to_string(i) + "]");
        p.definitions.push_back({d.str("term"), d.str("text")});
    }
    p.cost = o.opt_str("cost");
    p.product = o.opt_str("product");
    p.validity = o.opt_str("validity");
    p.legal_basis = o.strings("legal_basis");
    p.service_hours = o.strings("service_hours");
    p.keywords = o.strings("keywords");
    return p;
}

}  // namespace

Result<PermitDetail> parse_permit(const HttpResult& reply) {
    return parse_reply<PermitDetail>(reply, read_permit_detail);
}

Result<IssuedTicket> parse_issued(const HttpResult& reply) {
    return parse_reply<IssuedTicket>(reply, [](const WireObject& o) {
        IssuedTicket t;
        const WireObject ticket = o.child("ticket");
        t.id = ticket.integer("id", 1, std::numeric_limits<std::int64_t>::max());
        t.number = ticket.str("number");
        if (t.number.empty() || t.number.size() > 16)
            throw WireError("ticket.number", "is not a ticket number");
        t.status_token = ticket.str_or("status_token", "");
        t.service_id = ticket.str_or("origin_service", ticket.str_or("service", ""));
        t.permit_id = ticket.opt_str("permit_id");
        t.priority = priority_from(ticket.opt_str("priority"));
        t.issued_at_ms = ticket.opt_int("issued_at", 0, std::int64_t(1) << 50).value_or(0);
        t.people_ahead = int(o.integer("people_ahead", 0, kMaxCount));
        if (const auto e = o.opt_int("estimate_minutes", 0, kMaxCount))
            t.estimate_minutes = int(*e);
        t.status_url = o.str_or("status_url", "");
        if (t.status_url.size() > 500)
            throw WireError("status_url", "is too long for a QR code");
        const WireObject service = o.child("service");
        t.service_name = service.str("name");
        t.service_name_en = service.str_or("name_en", t.service_name);
        if (t.service_id.empty())
            t.service_id = service.str_or("id", "");
        if (const auto permit = o.opt_child("permit"))
            t.permit_name = permit->opt_str("name");
        if (const auto office = o.opt_child("office")) {
            t.office_name = office->str_or("name", "");
            t.time_zone = office->str_or("time_zone", "");
            t.utc_offset_minutes =
                int(office->opt_int("utc_offset_minutes", -12 * 60, 14 * 60).value_or(0));
        }
        if (const json* r = o.find("replayed"); r != nullptr && r->is_boolean())
            t.replayed = r->get<bool>();
        return t;
    });
}

Result<bool> parse_print_report(const HttpResult& reply) {
    if (!reply.ok())
        return failure_of(reply);
    return true;
}

std::string api_base_url(std::string_view server_url) {
    std::string url(server_url);
    while (!url.empty() && url.back() == '/')
        url.pop_back();
    constexpr std::string_view kApi = "/api/v1";
    if (url.size() < kApi.size() || url.compare(url.size() - kApi.size(), kApi.size(), kApi) != 0)
        url += kApi;
    return url;
}

std::string url_encode(std::string_view text) {
    std::string out;
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if ((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') ||
            u == '-' || u == '_' || u == '.' || u == '~') {
            out += c;
        } else {
            char buf[4];
            std::snprintf(buf, sizeof buf, "%%%02X", u);
            out += buf;
        }
    }
    return out;
}

ServerClient::ServerClient(const ServerClientOptions& o) {
    HttpClientOptions h;
    h.base_url = api_base_url(o.server_url);
    h.bearer_token = o.device_key;
    h.server_fingerprint = o.server_fingerprint;
    h.connect_timeout_ms = o.connect_timeout_ms;
    h.timeout_ms = o.timeout_ms;
    h.retries = o.retries;
    h.backoff_initial_ms = o.backoff_initial_ms;
    h.backoff_max_ms = o.backoff_max_ms;
    h.max_body_bytes = 2 * 1024 * 1024;
    http_ = std::make_unique<HttpClient>(std::move(h));
}

ServerClient::~ServerClient() = default;
ServerClient::ServerClient(ServerClient&&) noexcept = default;
ServerClient& ServerClient::operator=(ServerClient&&) noexcept = default;

Result<Office> ServerClient::office() {
    return parse_office(http_->get("/office"));
}

Result<std::vector<ServiceInfo>> ServerClient::services() {
    return parse_services(http_->get("/services"));
}

Result<std::vector<PermitSummary>> ServerClient::permits(std::string_view query) {
    return parse_permits(http_->get("/permits?q=" + url_encode(query.substr(0, 200))));
}

Result<PermitDetail> ServerClient::permit(std::string_view id) {
    // Only what the API's path pattern accepts; anything else cannot name a permit.
    const bool valid =
        !id.empty() && id.size() <= 64 &&
        id.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") == std::string_view::npos;
    if (!valid)
        return Failure{FailureKind::not_found, 0, "not_found", "not a permit id", "", {}};
    return parse_permit(http_->get("/permits/" + std::string(id)));
}

Result<IssuedTicket> ServerClient::issue(const IssueRequest& request,
                                         std::string_view idempotency_key) {
    nlohmann::json body = {{"service", request.service}};
    if (request.priority != Priority::None)
        body["priority"] = std::string(loket::to_string(request.priority));
    if (!request.permit_id.empty())
        body["permit_id"] = request.permit_id;
    return parse_issued(http_->post("/tickets", body, idempotency_key));
}

Result<bool> ServerClient::report_print(std::int64_t ticket_id, std::string_view status,
                                        std::string_view problem) {
    nlohmann::json body = {{"status", std::string(status)}};
    if (!problem.empty())
        body["problem"] = cut_utf8(std::string(problem), 200);
    // Setting a print status is idempotent by nature; the key lets the client retry it.
    const std::string key = "print-" + std::to_string(ticket_id) + "-" + std::string(status);
    return parse_print_report(
        http_->post("/tickets/" + std::to_string(ticket_id) + "/print", body, key));
}

}  // namespace loket::kiosk

// ---- Applications (berkas): status and pickup ticket ----------------------------------------

namespace loket::kiosk {
namespace {

ApplicationPublic read_application_public(const WireObject& o) {
    ApplicationPublic a;
    a.number = o.str("number");
    if (a.number.empty() || a.number.size() > 64)
        throw WireError(o.where("number"), "is not a registration number");
    const WireObject permit = o.child("permit");
    a.permit_id = permit.str_or("id", "");
    a.permit_name = permit.str("name");
    a.registered_at_ms = o.opt_int("registered_at", 0, std::int64_t(1) << 50).value_or(0);
    const WireObject stage = o.child("stage");
    a.stage_code = stage.str("code");
    a.stage_text = stage.str("text");
    a.stage_text_en = stage.str_or("text_en", a.stage_text);
    a.due_ms = o.opt_int("due", 0, std::int64_t(1) << 50);
    a.needed = o.str_or("needed", "");
    a.ready = o.boolean("ready");
    return a;
}

}  // namespace

Result<ApplicationPublic> parse_application_public(const HttpResult& reply) {
    return parse_reply<ApplicationPublic>(reply, read_application_public);
}

Result<PickupIssued> parse_pickup_ticket(const HttpResult& reply) {
    const Result<IssuedTicket> ticket = parse_issued(reply);
    if (!ticket.ok())
        return ticket.failure();
    return parse_reply<PickupIssued>(reply, [&ticket](const WireObject& o) {
        PickupIssued out{ticket.value(), read_application_public(o.child("application"))};
        if (!out.ticket.permit_name || out.ticket.permit_name->empty())
            out.ticket.permit_name = out.application.permit_name;
        if (!out.ticket.permit_id && !out.application.permit_id.empty())
            out.ticket.permit_id = out.application.permit_id;
        return out;
    });
}

Result<ApplicationPublic> ServerClient::application_status(std::string_view number,
                                                           std::string_view token) {
    if (token.empty())
        return parse_application_public(
            http_->get("/applications/lookup?number=" + url_encode(number.substr(0, 64))));
    return parse_application_public(
        http_->get("/public/applications/status?number=" + url_encode(number.substr(0, 64)) +
                   "&token=" + url_encode(token.substr(0, 32))));
}

Result<PickupIssued> ServerClient::pickup_ticket(std::string_view number, std::string_view token,
                                                 std::string_view idempotency_key) {
    const nlohmann::json body = {{"number", std::string(number.substr(0, 64))},
                                 {"token", std::string(token.substr(0, 32))}};
    return parse_pickup_ticket(http_->post("/applications/pickup-ticket", body, idempotency_key));
}

}  // namespace loket::kiosk

// ---- The applicants' voice: survey and complaints -------------------------------------------

namespace loket::kiosk {
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

Result<Questionnaire> parse_questionnaire(const HttpResult& reply) {
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

Result<SurveySubmitted> parse_survey_submitted(const HttpResult& reply) {
    return parse_reply<SurveySubmitted>(reply, [](const WireObject& o) {
        SurveySubmitted s;
        s.period = o.child("response").str_or("period", "");
        if (const json* r = o.find("replayed"); r != nullptr && r->is_boolean())
            s.replayed = r->get<bool>();
        return s;
    });
}

Result<Publication> parse_publication(const HttpResult& reply) {
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

Result<ComplaintSetup> parse_complaint_setup(const HttpResult& reply) {
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

Result<ComplaintFiled> parse_complaint_filed(const HttpResult& reply) {
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
