// Registration at the Pendaftaran counter: the checklist's validation, the incomplete visit, and a
// complete file's number, pinned texts and first step.
#include <set>

#include "application_store_internal.hpp"
#include "loket/application_wire.hpp"
#include "loket/event_names.hpp"
#include "loket/wire_writer.hpp"

namespace loket {

using namespace application_store_detail;

namespace {

bool applies(const catalog::Requirement& r, const RegistrationRequest& request) {
    if (r.applies_to == catalog::kAppliesToAll)
        return true;
    if (r.applies_to == catalog::kAppliesToProxy)
        return request.by_proxy;
    return r.applies_to == request.applicant_type;
}

void validate_registration(const catalog::Permit& permit, const RegistrationRequest& r) {
    if (r.applicant_type != kApplicantIndividual && r.applicant_type != kApplicantBusiness) {
        throw InputError(kRequestSource, "applicant_type",
                         "applicant_type must be perorangan or badan_usaha");
    }
    // An incomplete file is recorded without the applicant's name: it is not needed for the
    // list of what to bring, and not kept is safest.
    const bool complete = std::all_of(r.checklist.begin(), r.checklist.end(),
                                      [](const RequirementCheck& c) { return c.present; });
    require_text(r.applicant_name, "applicant_name", 200, complete);
    require_text(r.business_name, "business_name", 200,
                 complete && r.applicant_type == kApplicantBusiness);
    require_text(r.note, "note", 1000, false);
    if (!r.phone.empty()) {
        const bool digits_ok = r.phone.size() >= 8 && r.phone.size() <= 20 &&
                               r.phone.find_first_not_of("+0123456789 -") == std::string::npos &&
                               std::count_if(r.phone.begin(), r.phone.end(),
                                             [](char c) { return c >= '0' && c <= '9'; }) >= 8;
        if (!digits_ok) {
            throw InputError(kRequestSource, "phone",
                             "phone must be 8-20 characters of digits, '+', '-' or spaces");
        }
        if (!r.phone_consent) {
            throw InputError(kRequestSource, "phone_consent",
                             "a phone number is recorded only with the applicant's consent",
                             "consent_required");
        }
    }
    std::set<int> seen;
    for (std::size_t i = 0; i < r.checklist.size(); ++i) {
        const auto& check = r.checklist[i];
        const std::string field = "checklist[" + std::to_string(i) + "].position";
        if (check.position < 0 || check.position >= static_cast<int>(permit.requirements.size())) {
            throw InputError(
                kRequestSource, field,
                "permit " + permit.id + " has no requirement " + std::to_string(check.position));
        }
        if (!seen.insert(check.position).second) {
            throw InputError(kRequestSource, field,
                             "requirement " + std::to_string(check.position) + " is listed twice");
        }
        if (!applies(permit.requirements[static_cast<std::size_t>(check.position)], r)) {
            throw InputError(kRequestSource, field,
                             "requirement " + std::to_string(check.position) +
                                 " does not apply to this applicant");
        }
    }
    for (std::size_t p = 0; p < permit.requirements.size(); ++p) {
        if (applies(permit.requirements[p], r) && !seen.count(static_cast<int>(p))) {
            throw InputError(kRequestSource, "checklist",
                             "requirement " + std::to_string(p) + " (" +
                                 permit.requirements[p].text.substr(0, 80) +
                                 ") applies and must be checked present or missing",
                             "checklist_incomplete");
        }
    }
}

// What a registration needs from the catalog and the settings, read before the transaction: a
// settings problem refuses the request with nothing written.
struct RegistrationPlan {
    bool complete = true;
    std::vector<WorkflowStep> workflow;
    std::optional<int> clock_start_step;
    std::optional<SlaStandard> standard;
    std::string snapshot;
};

RegistrationPlan plan_registration(const catalog::Permit& permit,
                                   const RegistrationRequest& request,
                                   const ApplicationSettings& settings) {
    RegistrationPlan plan;
    for (const auto& check : request.checklist)
        plan.complete = plan.complete && check.present;
    if (plan.complete) {
        try {
            plan.workflow = build_workflow(permit, settings);
        } catch (const InputError& e) {
            throw QueueError("invalid_settings", e.what());
        }
    }
    const auto* own = settings.find_permit(permit.id);
    plan.clock_start_step = own ? own->clock_start_step : std::nullopt;
    const auto& clock_start_step = plan.clock_start_step;
    if (clock_start_step &&
        std::none_of(plan.workflow.begin(), plan.workflow.end(),
                     [&](const WorkflowStep& s) { return s.number == *clock_start_step; }) &&
        plan.complete) {
        throw QueueError("invalid_settings", "applications.permits: clock_start_step " +
                                                 std::to_string(*clock_start_step) +
                                                 " is not a back-office step of " + permit.id);
    }
    plan.standard = service_standard(permit, settings);
    plan.snapshot = to_json(permit).dump();
    return plan;
}

// The incomplete visit a retried request was first answered with.
IncompleteVisit read_incomplete_visit(StoreTransaction& tx, std::int64_t visit_id,
                                      const catalog::Permit& permit) {
    auto& q = tx.sql(
        "SELECT id, permit_id, applicant_type, ticket_id, missing, note, by_user, "
        "at_ms, application_id FROM incomplete_visits WHERE id = ?");
    q.bind(1, visit_id);
    q.executeStep();
    IncompleteVisit v;
    v.id = q.getColumn(0).getInt64();
    v.permit_id = q.getColumn(1).getString();
    v.permit_name = permit.name;
    v.applicant_type = q.getColumn(2).getString();
    v.ticket_id = nullable_int64(q.getColumn(3));
    for (const auto& m : nlohmann::json::parse(q.getColumn(4).getString()))
        v.missing.push_back({m.at("position").get<int>(), m.at("text").get<std::string>()});
    v.note = q.getColumn(5).getString();
    v.by = q.getColumn(6).getString();
    v.at = from_millis(q.getColumn(7).getInt64());
    v.application_id = nullable_int64(q.getColumn(8));
    return v;
}

// The ticket and the earlier incomplete visit the request names must exist (the visit open and
// of this permit).
void check_registration_links(StoreTransaction& tx, const catalog::Permit& permit,
                              const RegistrationRequest& request) {
    if (request.ticket_id && !tx.find_ticket_by_id(*request.ticket_id)) {
        throw InputError(kRequestSource, "ticket_id",
                         "no ticket " + std::to_string(*request.ticket_id), "unknown_ticket");
    }
    if (request.incomplete_visit_id) {
        auto& q = tx.sql("SELECT permit_id, application_id FROM incomplete_visits WHERE id = ?");
        q.bind(1, *request.incomplete_visit_id);
        if (!q.executeStep() || q.getColumn(0).getString() != permit.id ||
            !q.getColumn(1).isNull()) {
            throw InputError(kRequestSource, "incomplete_visit_id",
                             "no open incomplete visit " +
                                 std::to_string(*request.incomplete_visit_id) + " for " + permit.id,
                             "unknown_visit");
        }
    }
}

// Records a visit whose checklist had missing items: what is missing, not who came.
IncompleteVisit insert_incomplete_visit(StoreTransaction& tx, const catalog::Permit& permit,
                                        const RegistrationRequest& request, const Actor& by,
                                        TimePoint now) {
    IncompleteVisit v;
    v.permit_id = permit.id;
    v.permit_name = permit.name;
    v.applicant_type = request.applicant_type;
    v.ticket_id = request.ticket_id;
    nlohmann::json missing = nlohmann::json::array();
    for (const auto& check : request.checklist) {
        if (check.present)
            continue;
        const auto& text = permit.requirements[static_cast<std::size_t>(check.position)].text;
        v.missing.push_back({check.position, text});
        missing.push_back({{"position", check.position}, {"text", text}});
    }
    std::sort(v.missing.begin(), v.missing.end(),
              [](const auto& a, const auto& b) { return a.position < b.position; });
    v.note = request.note;
    v.by = by.staff.name;
    v.at = now;
    auto& q = tx.sql(
        "INSERT INTO incomplete_visits (permit_id, applicant_type, ticket_id, missing, "
        "note, by_user, at_ms) VALUES (?, ?, ?, ?, ?, ?, ?)");
    q.bind(1, permit.id);
    q.bind(2, request.applicant_type);
    bind_opt(q, 3, request.ticket_id);
    q.bind(4, missing.dump());
    q.bind(5, request.note);
    q.bind(6, by.staff.name);
    q.bind(7, ms(now));
    q.exec();
    v.id = tx.last_insert_id();
    return v;
}

// The file's registration number: the next of the office's local year.
struct RegistrationNumber {
    int year = 0;
    int sequence = 0;
    std::string text;
};

RegistrationNumber next_registration_number(StoreTransaction& tx,
                                            const ApplicationSettings& settings, TimePoint now) {
    const auto local = to_local(now, tx.config().zone).date;
    const int year = static_cast<int>(local.year());
    auto& seq = tx.sql(
        "INSERT INTO registration_sequences (year, last) VALUES (?, 1) ON CONFLICT (year) DO "
        "UPDATE SET last = last + 1 RETURNING last");
    seq.bind(1, year);
    seq.executeStep();
    const int sequence = seq.getColumn(0).getInt();
    seq.reset();
    return {year, sequence, format_registration_number(settings, sequence, local)};
}

nlohmann::json workflow_json(const RegistrationPlan& plan) {
    nlohmann::json workflow_doc = {
        {"steps", nlohmann::json::array()},
        {"clock_start_step",
         plan.clock_start_step ? nlohmann::json(*plan.clock_start_step) : nlohmann::json(nullptr)}};
    for (const auto& step : plan.workflow)
        workflow_doc["steps"].push_back(to_json(step));
    return workflow_doc;
}

// Where a new file's row comes from besides the request.
struct NewApplication {
    const RegistrationNumber& number;
    const std::string& catalog_hash;
    std::int64_t workflow_id = 0;
    const std::optional<SlaStandard>& standard;
    const std::string& phone_consent_text;
};

std::int64_t insert_application(StoreTransaction& tx, const NewApplication& made,
                                const catalog::Permit& permit, const RegistrationRequest& request,
                                const Actor& by, TimePoint now) {
    auto& insert = tx.sql(
        "INSERT INTO applications (number, year, seq, status_token, permit_id, permit_name, "
        "catalog_hash, workflow_id, applicant_type, by_proxy, applicant_name, "
        "business_name, phone, phone_consent_text, phone_consent_ms, ticket_id, "
        "registered_ms, registered_by, state, standard_amount, standard_unit, note, "
        "updated_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
        "'in_process', ?, ?, ?, ?)");
    int i = 1;
    insert.bind(i++, made.number.text);
    insert.bind(i++, made.number.year);
    insert.bind(i++, made.number.sequence);
    insert.bind(i++, make_status_token(now));
    insert.bind(i++, permit.id);
    insert.bind(i++, permit.name);
    insert.bind(i++, made.catalog_hash);
    insert.bind(i++, made.workflow_id);
    insert.bind(i++, request.applicant_type);
    insert.bind(i++, request.by_proxy ? 1 : 0);
    insert.bind(i++, request.applicant_name);
    insert.bind(i++, request.business_name);
    insert.bind(i++, request.phone);
    if (request.phone.empty()) {
        insert.bind(i++);
        insert.bind(i++);
    } else {
        insert.bind(i++, made.phone_consent_text);
        insert.bind(i++, ms(now));
    }
    bind_opt(insert, i++, request.ticket_id);
    insert.bind(i++, ms(now));
    insert.bind(i++, by.staff.name);
    if (made.standard) {
        insert.bind(i++, made.standard->amount);
        insert.bind(i++, std::string(to_string(made.standard->unit)));
    } else {
        insert.bind(i++);
        insert.bind(i++);
    }
    insert.bind(i++, request.note);
    insert.bind(i++, ms(now));
    insert.exec();
    return tx.last_insert_id();
}

// The requirements as checked at registration, and the earlier incomplete visit linked to the
// file it became.
void insert_requirements(StoreTransaction& tx, std::int64_t id, const catalog::Permit& permit,
                         const RegistrationRequest& request) {
    auto& req = tx.sql(
        "INSERT INTO application_requirements (application_id, position, text, applies_to) "
        "VALUES (?, ?, ?, ?)");
    for (const auto& check : request.checklist) {
        const auto& r = permit.requirements[static_cast<std::size_t>(check.position)];
        req.reset();
        req.clearBindings();
        req.bind(1, id);
        req.bind(2, check.position);
        req.bind(3, r.text);
        req.bind(4, r.applies_to);
        req.exec();
    }
    if (request.incomplete_visit_id) {
        auto& link = tx.sql("UPDATE incomplete_visits SET application_id = ? WHERE id = ?");
        link.bind(1, id);
        link.bind(2, *request.incomplete_visit_id);
        link.exec();
    }
}

}  // namespace

RegistrationResult ApplicationStore::register_application(const catalog::Permit& permit,
                                                          const RegistrationRequest& request,
                                                          const Actor& by, TimePoint now) {
    validate_registration(permit, request);
    const auto settings = this->settings();
    const RegistrationPlan plan = plan_registration(permit, request, *settings);

    RegistrationResult result;
    queue_.run_write(now, [&](StoreTransaction& tx) {
        Work w{tx, *settings, *this};
        if (auto earlier = w.replay(request.idempotency_key, request.fingerprint)) {
            result.replayed = true;
            if (earlier->application_id)
                result.application = w.load(*earlier->application_id, false);
            else if (earlier->visit_id)
                result.visit = read_incomplete_visit(tx, *earlier->visit_id, permit);
            return;
        }
        check_registration_links(tx, permit, request);
        if (!plan.complete) {
            IncompleteVisit v = insert_incomplete_visit(tx, permit, request, by, now);
            w.remember(request.idempotency_key, request.fingerprint,
                       {std::nullopt, v.id, std::nullopt});
            tx.record(protocol::event::application_incomplete,
                      {{"visit", protocol::incomplete_visit_json(v)},
                       {"staff", protocol::to_json(by.staff)},
                       {"oss_status", kOssIncomplete}});
            result.visit = std::move(v);
            return;
        }
        const RegistrationNumber number = next_registration_number(tx, *settings, now);
        const std::string catalog_hash = w.pin_snapshot(permit.id, plan.snapshot);
        const std::int64_t workflow_id = w.pin_workflow(workflow_json(plan).dump());
        const std::int64_t id = insert_application(
            tx, {number, catalog_hash, workflow_id, plan.standard, settings->phone_consent_text},
            permit, request, by, now);
        insert_requirements(tx, id, permit, request);
        Application app = w.load(id, false);
        if (!app.clock_start_step)
            app.clock_started_at = now;  // at registration
        w.move_to_step(app, 0);
        w.set_oss(app, kOssComplete, protocol::event::application_registered);
        w.refresh_clock(app);
        w.remember(request.idempotency_key, request.fingerprint, {id, std::nullopt, std::nullopt});
        w.record(protocol::event::application_registered, app, &by.staff, kOssComplete,
                 {{"incomplete_visit_id", request.incomplete_visit_id
                                              ? nlohmann::json(*request.incomplete_visit_id)
                                              : nlohmann::json(nullptr)}});
        result.application = std::move(app);
    });
    return result;
}
}  // namespace loket
