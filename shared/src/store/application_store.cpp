#include "loket/application_store.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <cstdio>
#include <set>

#include "loket/input_error.hpp"
#include "loket/wire_writer.hpp"

namespace loket {

namespace {

constexpr const char* kRequestSource = "request body";

constexpr const char* kAppColumns =
    "id, number, status_token, permit_id, permit_name, catalog_hash, applicant_type, by_proxy, "
    "applicant_name, business_name, phone, phone_consent_text, phone_consent_ms, ticket_id, "
    "registered_ms, registered_by, state, outcome, step_index, assignee, step_started_ms, "
    "clock_started_ms, standard_amount, standard_unit, due_ms, at_risk_ms, warn_ms, warned_ms, "
    "needed, oss_status, completed_ms, ready_ms, pickup_ticket_id, picked_up_ms, handed_over_by, "
    "received_by, note, updated_ms, workflow_id";

// OSS licence status codes this file's transitions map to (docs/applications.md).
constexpr int kOssComplete = 10;
constexpr int kOssIncomplete = 11;
constexpr int kOssClockStopped = 41;
constexpr int kOssClockRestarted = 42;
constexpr int kOssVerified = 45;
constexpr int kOssApproved = 50;
constexpr int kOssDeemedApproved = 57;
constexpr int kOssRejected = 90;

std::int64_t ms(TimePoint t) {
    return to_millis(t);
}

std::optional<TimePoint> opt_time(const SQLite::Column& c) {
    if (c.isNull())
        return std::nullopt;
    return from_millis(c.getInt64());
}

std::optional<std::int64_t> opt_int64(const SQLite::Column& c) {
    if (c.isNull())
        return std::nullopt;
    return c.getInt64();
}

void bind_opt(SQLite::Statement& q, int index, const std::optional<TimePoint>& t) {
    if (t)
        q.bind(index, ms(*t));
    else
        q.bind(index);
}

void bind_opt(SQLite::Statement& q, int index, const std::optional<std::int64_t>& v) {
    if (v)
        q.bind(index, *v);
    else
        q.bind(index);
}

nlohmann::json time_json(const std::optional<TimePoint>& t) {
    return t ? nlohmann::json(ms(*t)) : nlohmann::json(nullptr);
}

// A stable content hash of the pinned catalog entry (FNV-1a, 64 bits): equal hashes tell two
// files were registered under the same catalog text. Not a security measure.
std::string content_hash(const std::string& text) {
    std::uint64_t h = 1469598103934665603ULL;
    for (const unsigned char c : text) {
        h ^= c;
        h *= 1099511628211ULL;
    }
    char out[17];
    std::snprintf(out, sizeof out, "%016llx", static_cast<unsigned long long>(h));
    return out;
}

Application read_application(SQLite::Statement& q) {
    Application a;
    int i = 0;
    a.id = q.getColumn(i++).getInt64();
    a.number = q.getColumn(i++).getString();
    a.status_token = q.getColumn(i++).getString();
    a.permit_id = q.getColumn(i++).getString();
    a.permit_name = q.getColumn(i++).getString();
    a.catalog_hash = q.getColumn(i++).getString();
    a.applicant_type = q.getColumn(i++).getString();
    a.by_proxy = q.getColumn(i++).getInt() != 0;
    a.applicant_name = q.getColumn(i++).getString();
    a.business_name = q.getColumn(i++).getString();
    a.phone = q.getColumn(i++).getString();
    a.phone_consent_text = q.getColumn(i++).getString();
    a.phone_consent_at = opt_time(q.getColumn(i++));
    a.ticket_id = opt_int64(q.getColumn(i++));
    a.registered_at = from_millis(q.getColumn(i++).getInt64());
    a.registered_by = q.getColumn(i++).getString();
    a.state = q.getColumn(i++).getString();
    a.outcome = q.getColumn(i++).getString();
    if (const auto v = opt_int64(q.getColumn(i++)))
        a.step_index = static_cast<int>(*v);
    a.assignee = q.getColumn(i++).getString();
    a.step_started_at = opt_time(q.getColumn(i++));
    a.clock_started_at = opt_time(q.getColumn(i++));
    const auto amount = opt_int64(q.getColumn(i++));
    const std::string unit = q.getColumn(i++).getString();
    if (amount) {
        if (const auto u = parse_sla_unit(unit))
            a.standard = SlaStandard{static_cast<int>(*amount), *u};
    }
    a.due_at = opt_time(q.getColumn(i++));
    a.at_risk_at = opt_time(q.getColumn(i++));
    a.warn_at = opt_time(q.getColumn(i++));
    a.warned_at = opt_time(q.getColumn(i++));
    a.needed = q.getColumn(i++).getString();
    if (const auto v = opt_int64(q.getColumn(i++)))
        a.oss_status = static_cast<int>(*v);
    a.completed_at = opt_time(q.getColumn(i++));
    a.ready_at = opt_time(q.getColumn(i++));
    a.pickup_ticket_id = opt_int64(q.getColumn(i++));
    a.picked_up_at = opt_time(q.getColumn(i++));
    a.handed_over_by = q.getColumn(i++).getString();
    a.received_by = q.getColumn(i++).getString();
    a.note = q.getColumn(i++).getString();
    a.updated_at = from_millis(q.getColumn(i++).getInt64());
    a.workflow_id = q.getColumn(i++).getInt64();
    return a;
}

PinnedWorkflow parse_workflow(const std::string& text, std::int64_t id) {
    const auto doc = nlohmann::json::parse(text, nullptr, false);
    if (doc.is_discarded() || !doc.is_object())
        throw StorageError("workflow " + std::to_string(id) + " is unreadable");
    PinnedWorkflow w;
    for (const auto& step : doc.at("steps"))
        w.steps.push_back(workflow_step_from_json(step));
    if (const auto it = doc.find("clock_start_step"); it != doc.end() && !it->is_null())
        w.clock_start_step = it->get<int>();
    return w;
}

bool applies(const Requirement& r, const RegistrationRequest& request) {
    if (r.applies_to == kAppliesToAll)
        return true;
    if (r.applies_to == kAppliesToProxy)
        return request.by_proxy;
    return r.applies_to == request.applicant_type;
}

void require_text(const std::string& value, const char* field, std::size_t max, bool required) {
    if (required && value.empty())
        throw InputError(kRequestSource, field, std::string(field) + " is required",
                         "missing_field");
    if (value.size() > max) {
        throw InputError(kRequestSource, field,
                         std::string(field) + " is longer than " + std::to_string(max));
    }
}

void validate_registration(const Permit& permit, const RegistrationRequest& r) {
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

// The pauses that stopped the running clock: a pause before the clock started (waiting for the
// step it starts at) stopped nothing, and one running across the start counts from the start.
std::vector<SlaPause> clock_pauses(const Application& app) {
    std::vector<SlaPause> out;
    if (!app.clock_started_at)
        return out;
    const TimePoint start = *app.clock_started_at;
    for (const auto& p : app.pauses) {
        if (p.until && *p.until <= start)
            continue;
        out.push_back({std::max(p.from, start), p.until, p.reason});
    }
    return out;
}

std::string local_when(TimePoint t, const OfficeConfig& config) {
    const LocalTime local = to_local(t, config.zone);
    return format_date_iso(local.date) + " pukul " + format_clock(local.minute_of_day) + " " +
           std::string(zone_name(config.zone));
}

}  // namespace

std::optional<StepAction> parse_step_action(std::string_view text) {
    if (text == "done")
        return StepAction::Done;
    if (text == "returned")
        return StepAction::Returned;
    if (text == "rejected")
        return StepAction::Rejected;
    return std::nullopt;
}

std::string_view to_string(StepAction action) {
    switch (action) {
        case StepAction::Done:
            return "done";
        case StepAction::Returned:
            return "returned";
        case StepAction::Rejected:
            return "rejected";
    }
    return "done";
}

const WorkflowStep* Application::current_step() const {
    if (!step_index || *step_index < 0 || *step_index >= static_cast<int>(workflow.size()))
        return nullptr;
    return &workflow[static_cast<std::size_t>(*step_index)];
}

std::optional<PauseRecord> Application::open_pause() const {
    if (!pauses.empty() && !pauses.back().until)
        return pauses.back();
    return std::nullopt;
}

// One operation on the applications inside a queue store transaction.
struct ApplicationStore::Work {
    StoreTransaction& tx;
    const ApplicationSettings& settings;
    const ApplicationStore& store;

    TimePoint now() const { return tx.now(); }
    const OfficeConfig& office() const { return tx.config(); }
    SQLite::Statement& sql(const std::string& text) { return tx.sql(text); }

    std::optional<Application> find_where(const std::string& where, auto&&... args) {
        // Only fixed WHERE clauses from this file reach here; values are always bound.
        auto& q = sql(std::string("SELECT ") + kAppColumns + " FROM applications WHERE " + where);
        int index = 1;
        (q.bind(index++, args), ...);
        if (!q.executeStep())
            return std::nullopt;
        Application app = read_application(q);
        attach_workflow(app);
        return app;
    }

    // The file's pinned workflow, from the store's cache or read once.
    void attach_workflow(Application& app) {
        std::shared_ptr<const PinnedWorkflow> pinned;
        {
            std::lock_guard lock(store.workflows_mutex_);
            if (const auto it = store.workflows_.find(app.workflow_id);
                it != store.workflows_.end())
                pinned = it->second;
        }
        if (!pinned) {
            auto& q = sql("SELECT workflow FROM application_workflows WHERE id = ?");
            q.bind(1, app.workflow_id);
            if (!q.executeStep())
                throw StorageError("application " + app.number + " has no workflow");
            pinned = std::make_shared<const PinnedWorkflow>(
                parse_workflow(q.getColumn(0).getString(), app.workflow_id));
            std::lock_guard lock(store.workflows_mutex_);
            store.workflows_.emplace(app.workflow_id, pinned);
        }
        app.workflow = pinned->steps;
        app.clock_start_step = pinned->clock_start_step;
    }

    // Stores content (a catalog snapshot or a workflow) once, by its hash; a file refers to it.
    // Equal hashes of different texts (FNV-1a collides, rarely) are refused, never confused.
    void check_same(const std::string& stored, const std::string& text, const std::string& hash) {
        if (stored != text)
            throw StorageError("two different texts share the content hash " + hash);
    }

    std::string pin_snapshot(const std::string& permit_id, const std::string& snapshot) {
        const std::string hash = content_hash(snapshot);
        auto& find = sql("SELECT snapshot FROM catalog_snapshots WHERE hash = ?");
        find.bind(1, hash);
        if (find.executeStep()) {
            check_same(find.getColumn(0).getString(), snapshot, hash);
            return hash;
        }
        auto& q = sql("INSERT INTO catalog_snapshots (hash, permit_id, snapshot) VALUES (?, ?, ?)");
        q.bind(1, hash);
        q.bind(2, permit_id);
        q.bind(3, snapshot);
        q.exec();
        return hash;
    }

    std::int64_t pin_workflow(const std::string& workflow) {
        const std::string hash = content_hash(workflow);
        auto& find = sql("SELECT id, workflow FROM application_workflows WHERE hash = ?");
        find.bind(1, hash);
        if (find.executeStep()) {
            check_same(find.getColumn(1).getString(), workflow, hash);
            return find.getColumn(0).getInt64();
        }
        auto& q = sql("INSERT INTO application_workflows (hash, workflow) VALUES (?, ?)");
        q.bind(1, hash);
        q.bind(2, workflow);
        q.exec();
        return tx.last_insert_id();
    }

    Application load(std::int64_t id, bool details) {
        auto app = find_where("id = ?", id);
        if (!app)
            throw QueueError("not_found", "application " + std::to_string(id) + " not found");
        load_pauses(*app);
        if (details)
            load_details(*app);
        return *app;
    }

    void load_pauses(Application& app) {
        app.pauses.clear();
        auto& q = sql(
            "SELECT id, reason, note, from_ms, until_ms, paused_by, COALESCE(resumed_by, '') FROM "
            "application_pauses WHERE application_id = ? ORDER BY id");
        q.bind(1, app.id);
        while (q.executeStep()) {
            PauseRecord p;
            p.id = q.getColumn(0).getInt64();
            p.reason = q.getColumn(1).getString();
            p.note = q.getColumn(2).getString();
            p.from = from_millis(q.getColumn(3).getInt64());
            p.until = opt_time(q.getColumn(4));
            p.paused_by = q.getColumn(5).getString();
            p.resumed_by = q.getColumn(6).getString();
            app.pauses.push_back(std::move(p));
        }
    }

    void load_details(Application& app) {
        app.requirements.clear();
        auto& r =
            sql("SELECT position, text, applies_to FROM application_requirements WHERE "
                "application_id = ? ORDER BY position");
        r.bind(1, app.id);
        while (r.executeStep()) {
            app.requirements.push_back(
                {r.getColumn(0).getInt(), r.getColumn(1).getString(), r.getColumn(2).getString()});
        }
        app.steps.clear();
        auto& s = sql(
            "SELECT id, step_index, step_number, branch, duty, started_ms, ended_ms, "
            "COALESCE(action, ''), COALESCE(by_user, ''), note, elapsed_minutes, standard_text, "
            "used_share FROM application_steps WHERE application_id = ? ORDER BY id");
        s.bind(1, app.id);
        while (s.executeStep()) {
            StepRecord step;
            step.id = s.getColumn(0).getInt64();
            step.index = s.getColumn(1).getInt();
            step.number = s.getColumn(2).getInt();
            step.branch = s.getColumn(3).getString();
            step.duty = s.getColumn(4).getString();
            step.started = from_millis(s.getColumn(5).getInt64());
            step.ended = opt_time(s.getColumn(6));
            step.action = s.getColumn(7).getString();
            step.by = s.getColumn(8).getString();
            step.note = s.getColumn(9).getString();
            step.elapsed_minutes = opt_int64(s.getColumn(10));
            step.standard_text = s.getColumn(11).getString();
            if (!s.getColumn(12).isNull())
                step.used_share = s.getColumn(12).getDouble();
            app.steps.push_back(std::move(step));
        }
        app.oss_history.clear();
        auto& o =
            sql("SELECT code, at_ms, event FROM application_oss_statuses WHERE application_id = ? "
                "ORDER BY id");
        o.bind(1, app.id);
        while (o.executeStep()) {
            app.oss_history.push_back({o.getColumn(0).getInt(),
                                       from_millis(o.getColumn(1).getInt64()),
                                       o.getColumn(2).getString()});
        }
    }

    // ---- Idempotency ----
    struct Replay {
        std::optional<std::int64_t> application_id;
        std::optional<std::int64_t> visit_id;
        std::optional<std::int64_t> ticket_id;
    };

    std::optional<Replay> replay(const std::string& key, const std::string& fingerprint) {
        if (key.empty())
            return std::nullopt;
        auto& q =
            sql("SELECT fingerprint, application_id, visit_id, ticket_id FROM application_requests "
                "WHERE key = ?");
        q.bind(1, key);
        if (!q.executeStep())
            return std::nullopt;
        if (q.getColumn(0).getString() != fingerprint) {
            throw QueueError("idempotency_conflict",
                             "the idempotency key was already used for a different request");
        }
        return Replay{opt_int64(q.getColumn(1)), opt_int64(q.getColumn(2)),
                      opt_int64(q.getColumn(3))};
    }

    void remember(const std::string& key, const std::string& fingerprint, const Replay& made) {
        if (key.empty())
            return;
        if (key.size() > 300)
            throw InputError(kRequestSource, "idempotency_key", "the idempotency key is too long");
        auto& q =
            sql("INSERT INTO application_requests (key, fingerprint, application_id, visit_id, "
                "ticket_id, at_ms) VALUES (?, ?, ?, ?, ?, ?)");
        q.bind(1, key);
        q.bind(2, fingerprint);
        bind_opt(q, 3, made.application_id);
        bind_opt(q, 4, made.visit_id);
        bind_opt(q, 5, made.ticket_id);
        q.bind(6, ms(now()));
        q.exec();
    }

    // ---- Changes ----
    void set_oss(Application& app, int code, const std::string& event) {
        app.oss_status = code;
        auto& q =
            sql("INSERT INTO application_oss_statuses (application_id, code, at_ms, event) VALUES "
                "(?, ?, ?, ?)");
        q.bind(1, app.id);
        q.bind(2, code);
        q.bind(3, ms(now()));
        q.bind(4, event);
        q.exec();
        auto& u = sql("UPDATE applications SET oss_status = ? WHERE id = ?");
        u.bind(1, code);
        u.bind(2, app.id);
        u.exec();
    }

    // Opens the record of the file's stay at its current step.
    void open_step_record(const Application& app) {
        const WorkflowStep* step = app.current_step();
        auto& q = sql(
            "INSERT INTO application_steps (application_id, step_index, step_number, branch, duty, "
            "started_ms, standard_text) VALUES (?, ?, ?, ?, ?, ?, ?)");
        q.bind(1, app.id);
        q.bind(2, *app.step_index);
        q.bind(3, step->number);
        q.bind(4, step->branch);
        q.bind(5, step->duty);
        q.bind(6, ms(now()));
        q.bind(7, step->time_text);
        q.exec();
    }

    // Closes the open step record: who, how, and the time against the step's own standard
    // (pauses during the stay taken out).
    void close_step_record(const Application& app, StepAction action, const std::string& by,
                           const std::string& note) {
        auto& open = sql(
            "SELECT id, started_ms FROM application_steps WHERE application_id = ? AND ended_ms IS "
            "NULL ORDER BY id DESC LIMIT 1");
        open.bind(1, app.id);
        if (!open.executeStep())
            return;
        const std::int64_t record = open.getColumn(0).getInt64();
        const TimePoint started = from_millis(open.getColumn(1).getInt64());
        open.reset();
        std::optional<double> share;
        const WorkflowStep* step = app.current_step();
        if (step && step->standard) {
            std::vector<SlaPause> during;
            for (const auto& p : app.pauses) {
                if (p.until && *p.until <= started)
                    continue;
                during.push_back({std::max(p.from, started), p.until, p.reason});
            }
            try {
                share = read_sla(office(), *step->standard, started, during, now(), 1.0).used_share;
            } catch (const InputError&) {
                share.reset();  // an office calendar that never opens: no figure
            }
        }
        auto& q =
            sql("UPDATE application_steps SET ended_ms = ?, action = ?, by_user = ?, note = ?, "
                "elapsed_minutes = ?, used_share = ? WHERE id = ?");
        q.bind(1, ms(now()));
        q.bind(2, std::string(to_string(action)));
        q.bind(3, by);
        q.bind(4, note);
        q.bind(5, static_cast<std::int64_t>(
                      std::chrono::duration_cast<std::chrono::minutes>(now() - started).count()));
        if (share)
            q.bind(6, *share);
        else
            q.bind(6);
        q.bind(7, record);
        q.exec();
    }

    // Moves the file to workflow step `index` (a new stay), starting the clock when this is
    // the step it starts at.
    void move_to_step(Application& app, int index) {
        app.step_index = index;
        app.assignee.clear();
        app.step_started_at = now();
        const WorkflowStep* step = app.current_step();
        if (!app.clock_started_at && app.clock_start_step && *app.clock_start_step == step->number)
            app.clock_started_at = now();
        auto& q = sql(
            "UPDATE applications SET step_index = ?, step_number = ?, duty = ?, assignee = NULL, "
            "step_started_ms = ?, clock_started_ms = ? WHERE id = ?");
        q.bind(1, index);
        q.bind(2, step->number);
        q.bind(3, step->duty);
        q.bind(4, ms(now()));
        bind_opt(q, 5, app.clock_started_at);
        q.bind(6, app.id);
        q.exec();
        open_step_record(app);
    }

    void complete(Application& app, const std::string& outcome) {
        app.state = "completed";
        app.outcome = outcome;
        app.step_index.reset();
        app.completed_at = now();
        auto& q =
            sql("UPDATE applications SET state = 'completed', outcome = ?, step_index = NULL, "
                "step_number = NULL, duty = NULL, assignee = NULL, step_started_ms = NULL, "
                "completed_ms = ? WHERE id = ?");
        q.bind(1, outcome);
        q.bind(2, ms(now()));
        q.bind(3, app.id);
        q.exec();
    }

    void set_state(Application& app, const std::string& state) {
        app.state = state;
        auto& q = sql("UPDATE applications SET state = ?, updated_ms = ? WHERE id = ?");
        q.bind(1, state);
        q.bind(2, ms(now()));
        q.bind(3, app.id);
        q.exec();
    }

    void set_needed(Application& app, const std::string& needed) {
        app.needed = needed;
        auto& q = sql("UPDATE applications SET needed = ? WHERE id = ?");
        q.bind(1, needed);
        q.bind(2, app.id);
        q.exec();
    }

    // The first instant at which the running clock has used `share` of the standard (to the
    // minute): the clock library gives readings, so the instant is searched for.
    TimePoint instant_of_share(const Application& app, const std::vector<SlaPause>& pauses,
                               double share, TimePoint due) {
        TimePoint lo = *app.clock_started_at;
        TimePoint hi = due;
        while (hi - lo > std::chrono::minutes(1)) {
            const TimePoint mid = lo + (hi - lo) / 2;
            if (read_sla(office(), *app.standard, *app.clock_started_at, pauses, mid, 1.0)
                    .used_share >= share) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }

    // Recomputes the stored instants of a running clock (due, at risk, warning) after any
    // change; NULL while it is paused, not started or has no standard. A decided file keeps
    // its last due date, to tell whether it was decided in time.
    void refresh_clock(Application& app) {
        if (app.state == "completed" || app.state == "ready" || app.state == "picked_up")
            return;
        std::optional<TimePoint> due, at_risk, warn;
        if (app.state == "in_process" && app.standard && app.clock_started_at) {
            const std::vector<SlaPause> pauses = clock_pauses(app);
            try {
                due = sla_due(office(), *app.standard, *app.clock_started_at, pauses, now());
                at_risk = instant_of_share(app, pauses, settings.at_risk_share, *due);
                const int lead = settings.warning_lead_days;
                const bool days = app.standard->unit == SlaUnit::WorkingDays ||
                                  app.standard->unit == SlaUnit::CalendarDays;
                if (!days) {
                    warn = at_risk;
                } else if (app.standard->amount > lead) {
                    warn = sla_due(office(), {app.standard->amount - lead, app.standard->unit},
                                   *app.clock_started_at, pauses, now());
                } else {
                    warn = app.clock_started_at;
                }
            } catch (const InputError& e) {
                throw QueueError("clock_unavailable",
                                 std::string("the service clock cannot be read: ") + e.what());
            }
        }
        const bool rewarn = warn && app.warned_at && *warn > *app.warned_at;
        app.due_at = due;
        app.at_risk_at = at_risk;
        app.warn_at = warn;
        if (rewarn)
            app.warned_at.reset();
        auto& q =
            sql("UPDATE applications SET due_ms = ?, at_risk_ms = ?, warn_ms = ?, warned_ms = ?, "
                "updated_ms = ? WHERE id = ?");
        bind_opt(q, 1, due);
        bind_opt(q, 2, at_risk);
        bind_opt(q, 3, warn);
        bind_opt(q, 4, app.warned_at);
        q.bind(5, ms(now()));
        q.bind(6, app.id);
        q.exec();
    }

    void record(const std::string& type, const Application& app, const StaffRef* by,
                std::optional<int> oss, nlohmann::json extra = nlohmann::json::object()) {
        nlohmann::json payload = {
            {"application", store.summary_json(app, now())},
            {"staff", by ? protocol::to_json(*by) : nlohmann::json(nullptr)},
            {"oss_status", oss ? nlohmann::json(*oss) : nlohmann::json(nullptr)},
        };
        payload.update(extra);
        tx.record(type, std::move(payload));
    }

    void require_duty(const Application& app, const Actor& by) {
        const WorkflowStep* step = app.current_step();
        if (by.any_step || !step)
            return;
        if (std::find(by.duties.begin(), by.duties.end(), step->duty) == by.duties.end()) {
            const DutyDef* duty = settings.find_duty(step->duty);
            throw QueueError("not_your_duty",
                             app.number + " is at step " + std::to_string(step->number) +
                                 ", which belongs to " + (duty ? duty->name : step->duty) +
                                 "; this account does not hold that duty",
                             {{"duty", step->duty}});
        }
    }

    void require_state(const Application& app, std::initializer_list<std::string_view> allowed,
                       const std::string& action) {
        if (std::find(allowed.begin(), allowed.end(), app.state) != allowed.end())
            return;
        throw QueueError("invalid_state",
                         "cannot " + action + " " + app.number + ": it is " + app.state,
                         {{"state", app.state}});
    }
};

// ---------------------------------------------------------------------------------------------

ApplicationStore::ApplicationStore(QueueStore& queue, ApplicationSettings settings)
    : queue_(queue), settings_(std::make_shared<const ApplicationSettings>(std::move(settings))) {}

std::shared_ptr<const ApplicationSettings> ApplicationStore::settings() const {
    std::lock_guard lock(settings_mutex_);
    return settings_;
}

void ApplicationStore::set_settings(ApplicationSettings settings) {
    std::lock_guard lock(settings_mutex_);
    settings_ = std::make_shared<const ApplicationSettings>(std::move(settings));
}

RegistrationResult ApplicationStore::register_application(const Permit& permit,
                                                          const RegistrationRequest& request,
                                                          const Actor& by, TimePoint now) {
    validate_registration(permit, request);
    const auto settings = this->settings();
    bool complete = true;
    for (const auto& check : request.checklist)
        complete = complete && check.present;
    // The workflow is read before the transaction: a settings problem refuses the request
    // with nothing written.
    std::vector<WorkflowStep> workflow;
    if (complete) {
        try {
            workflow = build_workflow(permit, *settings);
        } catch (const InputError& e) {
            throw QueueError("invalid_settings", e.what());
        }
    }
    const auto* own = settings->find_permit(permit.id);
    std::optional<int> clock_start_step = own ? own->clock_start_step : std::nullopt;
    if (clock_start_step &&
        std::none_of(workflow.begin(), workflow.end(),
                     [&](const WorkflowStep& s) { return s.number == *clock_start_step; }) &&
        complete) {
        throw QueueError("invalid_settings", "applications.permits: clock_start_step " +
                                                 std::to_string(*clock_start_step) +
                                                 " is not a back-office step of " + permit.id);
    }
    const std::optional<SlaStandard> standard = service_standard(permit, *settings);
    const std::string snapshot = to_json(permit).dump();

    RegistrationResult result;
    queue_.run_write(now, [&](StoreTransaction& tx) {
        Work w{tx, *settings, *this};
        if (auto earlier = w.replay(request.idempotency_key, request.fingerprint)) {
            result.replayed = true;
            if (earlier->application_id) {
                result.application = w.load(*earlier->application_id, false);
            } else if (earlier->visit_id) {
                auto& q = tx.sql(
                    "SELECT id, permit_id, applicant_type, ticket_id, missing, note, by_user, "
                    "at_ms, application_id FROM incomplete_visits WHERE id = ?");
                q.bind(1, *earlier->visit_id);
                q.executeStep();
                IncompleteVisit v;
                v.id = q.getColumn(0).getInt64();
                v.permit_id = q.getColumn(1).getString();
                v.permit_name = permit.name;
                v.applicant_type = q.getColumn(2).getString();
                v.ticket_id = opt_int64(q.getColumn(3));
                for (const auto& m : nlohmann::json::parse(q.getColumn(4).getString()))
                    v.missing.push_back(
                        {m.at("position").get<int>(), m.at("text").get<std::string>()});
                v.note = q.getColumn(5).getString();
                v.by = q.getColumn(6).getString();
                v.at = from_millis(q.getColumn(7).getInt64());
                v.application_id = opt_int64(q.getColumn(8));
                result.visit = v;
            }
            return;
        }
        if (request.ticket_id && !tx.find_ticket_by_id(*request.ticket_id)) {
            throw InputError(kRequestSource, "ticket_id",
                             "no ticket " + std::to_string(*request.ticket_id), "unknown_ticket");
        }
        if (request.incomplete_visit_id) {
            auto& q =
                tx.sql("SELECT permit_id, application_id FROM incomplete_visits WHERE id = ?");
            q.bind(1, *request.incomplete_visit_id);
            if (!q.executeStep() || q.getColumn(0).getString() != permit.id ||
                !q.getColumn(1).isNull()) {
                throw InputError(kRequestSource, "incomplete_visit_id",
                                 "no open incomplete visit " +
                                     std::to_string(*request.incomplete_visit_id) + " for " +
                                     permit.id,
                                 "unknown_visit");
            }
        }
        if (!complete) {
            IncompleteVisit v;
            v.permit_id = permit.id;
            v.permit_name = permit.name;
            v.applicant_type = request.applicant_type;
            v.ticket_id = request.ticket_id;
            nlohmann::json missing = nlohmann::json::array();
            for (const auto& check : request.checklist) {
                if (check.present)
                    continue;
                const auto& text =
                    permit.requirements[static_cast<std::size_t>(check.position)].text;
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
            w.remember(request.idempotency_key, request.fingerprint,
                       {std::nullopt, v.id, std::nullopt});
            tx.record("application.incomplete", {{"visit", visit_json(v)},
                                                 {"staff", protocol::to_json(by.staff)},
                                                 {"oss_status", kOssIncomplete}});
            result.visit = std::move(v);
            return;
        }
        const auto local = to_local(now, tx.config().zone).date;
        const int year = static_cast<int>(local.year());
        auto& seq = tx.sql(
            "INSERT INTO registration_sequences (year, last) VALUES (?, 1) ON CONFLICT (year) DO "
            "UPDATE SET last = last + 1 RETURNING last");
        seq.bind(1, year);
        seq.executeStep();
        const int sequence = seq.getColumn(0).getInt();
        seq.reset();
        const std::string number = format_registration_number(*settings, sequence, local);
        nlohmann::json workflow_doc = {
            {"steps", nlohmann::json::array()},
            {"clock_start_step",
             clock_start_step ? nlohmann::json(*clock_start_step) : nlohmann::json(nullptr)}};
        for (const auto& step : workflow)
            workflow_doc["steps"].push_back(to_json(step));
        const std::string catalog_hash = w.pin_snapshot(permit.id, snapshot);
        const std::int64_t workflow_id = w.pin_workflow(workflow_doc.dump());
        auto& insert = tx.sql(
            "INSERT INTO applications (number, year, seq, status_token, permit_id, permit_name, "
            "catalog_hash, workflow_id, applicant_type, by_proxy, applicant_name, "
            "business_name, phone, phone_consent_text, phone_consent_ms, ticket_id, "
            "registered_ms, registered_by, state, standard_amount, standard_unit, note, "
            "updated_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
            "'in_process', ?, ?, ?, ?)");
        int i = 1;
        insert.bind(i++, number);
        insert.bind(i++, year);
        insert.bind(i++, sequence);
        insert.bind(i++, make_status_token(now));
        insert.bind(i++, permit.id);
        insert.bind(i++, permit.name);
        insert.bind(i++, catalog_hash);
        insert.bind(i++, workflow_id);
        insert.bind(i++, request.applicant_type);
        insert.bind(i++, request.by_proxy ? 1 : 0);
        insert.bind(i++, request.applicant_name);
        insert.bind(i++, request.business_name);
        insert.bind(i++, request.phone);
        if (request.phone.empty()) {
            insert.bind(i++);
            insert.bind(i++);
        } else {
            insert.bind(i++, settings->phone_consent_text);
            insert.bind(i++, ms(now));
        }
        bind_opt(insert, i++, request.ticket_id);
        insert.bind(i++, ms(now));
        insert.bind(i++, by.staff.name);
        if (standard) {
            insert.bind(i++, standard->amount);
            insert.bind(i++, std::string(to_string(standard->unit)));
        } else {
            insert.bind(i++);
            insert.bind(i++);
        }
        insert.bind(i++, request.note);
        insert.bind(i++, ms(now));
        insert.exec();
        const std::int64_t id = tx.last_insert_id();
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
        Application app = w.load(id, false);
        if (!app.clock_start_step)
            app.clock_started_at = now;  // at registration
        w.move_to_step(app, 0);
        w.set_oss(app, kOssComplete, "application.registered");
        w.refresh_clock(app);
        w.remember(request.idempotency_key, request.fingerprint, {id, std::nullopt, std::nullopt});
        w.record("application.registered", app, &by.staff, kOssComplete,
                 {{"incomplete_visit_id", request.incomplete_visit_id
                                              ? nlohmann::json(*request.incomplete_visit_id)
                                              : nlohmann::json(nullptr)}});
        result.application = std::move(app);
    });
    return result;
}

// The common frame of a change to one file: its settings, the write transaction, a retried
// idempotency key answered with the file as it is now, and the key remembered with the change.
template <typename Fn>
ApplicationResult ApplicationStore::change(std::int64_t id, const std::string& idempotency_key,
                                           const std::string& fingerprint, TimePoint now, Fn&& fn) {
    const auto settings = this->settings();
    ApplicationResult result;
    queue_.run_write(now, [&](StoreTransaction& tx) {
        Work w{tx, *settings, *this};
        if (auto earlier = w.replay(idempotency_key, fingerprint)) {
            result = {w.load(*earlier->application_id, false), true};
            return;
        }
        Application app = w.load(id, false);
        fn(w, tx, app);
        w.remember(idempotency_key, fingerprint, {app.id, std::nullopt, std::nullopt});
        result.application = std::move(app);
    });
    return result;
}

ApplicationResult ApplicationStore::act_on_step(std::int64_t id, int expected_step,
                                                StepAction action, const std::string& note,
                                                const Actor& by, const std::string& idempotency_key,
                                                const std::string& fingerprint, TimePoint now) {
    require_text(note, "note", 1000, action != StepAction::Done);
    return change(
        id, idempotency_key, fingerprint, now,
        [&](Work& w, StoreTransaction& tx, Application& app) {
            if (app.state == "paused") {
                throw QueueError(
                    "application_paused",
                    app.number + " is paused (" + app.pauses.back().reason + "); resume it first");
            }
            w.require_state(app, {"in_process"}, "act on a step of");
            const WorkflowStep* step = app.current_step();
            if (step->number != expected_step) {
                throw QueueError("step_changed",
                                 app.number + " is now at step " + std::to_string(step->number) +
                                     ", not " + std::to_string(expected_step),
                                 {{"current_step", step->number}});
            }
            w.require_duty(app, by);
            const int index = *app.step_index;
            const std::string branch = step->branch;
            const auto first_of = [&](std::string_view b) -> std::optional<int> {
                for (std::size_t k = 0; k < app.workflow.size(); ++k) {
                    if (app.workflow[k].branch == b)
                        return static_cast<int>(k);
                }
                return std::nullopt;
            };
            const auto next_on_branch = [&]() -> std::optional<int> {
                const auto next = static_cast<std::size_t>(index + 1);
                if (next < app.workflow.size() && app.workflow[next].branch == branch)
                    return static_cast<int>(next);
                return std::nullopt;
            };
            w.close_step_record(app, action, by.staff.name, note);
            nlohmann::json extra = {{"step",
                                     {{"number", expected_step},
                                      {"branch", branch},
                                      {"action", to_string(action)},
                                      {"note", note}}}};
            switch (action) {
                case StepAction::Done: {
                    std::optional<int> oss;
                    if (index == 0) {
                        oss = kOssVerified;
                        w.set_oss(app, kOssVerified, "application.step_done");
                    }
                    if (auto next = next_on_branch()) {
                        w.move_to_step(app, *next);
                    } else if (branch == kBranchCommon && first_of(kBranchApproved)) {
                        w.move_to_step(app, *first_of(kBranchApproved));
                    } else {
                        const bool rejected = branch == kBranchRejected;
                        w.complete(app, rejected ? "rejected" : "approved");
                        if (!rejected) {
                            oss = kOssApproved;
                            w.set_oss(app, kOssApproved, "application.step_done");
                        }
                    }
                    w.refresh_clock(app);
                    w.record("application.step_done", app, &by.staff, oss, extra);
                    break;
                }
                case StepAction::Returned: {
                    auto& q = tx.sql(
                        "INSERT INTO application_pauses (application_id, reason, note, from_ms, "
                        "paused_by) VALUES (?, ?, ?, ?, ?)");
                    q.bind(1, app.id);
                    q.bind(2, std::string(kPauseReturned));
                    q.bind(3, note);
                    q.bind(4, ms(now));
                    q.bind(5, by.staff.name);
                    q.exec();
                    w.load_pauses(app);
                    w.set_state(app, "paused");
                    w.set_needed(app, note);
                    w.set_oss(app, kOssClockStopped, "application.returned");
                    w.refresh_clock(app);
                    w.record("application.returned", app, &by.staff, kOssClockStopped, extra);
                    break;
                }
                case StepAction::Rejected: {
                    if (branch == kBranchRejected) {
                        throw QueueError("invalid_state",
                                         app.number + " is already on the rejection path");
                    }
                    app.outcome = "rejected";
                    auto& q = tx.sql("UPDATE applications SET outcome = 'rejected' WHERE id = ?");
                    q.bind(1, app.id);
                    q.exec();
                    if (auto first = first_of(kBranchRejected))
                        w.move_to_step(app, *first);
                    else
                        w.complete(app, "rejected");
                    w.set_oss(app, kOssRejected, "application.rejected");
                    w.refresh_clock(app);
                    w.record("application.rejected", app, &by.staff, kOssRejected, extra);
                    break;
                }
            }
        });
}

ApplicationResult ApplicationStore::pause(std::int64_t id, const std::string& reason,
                                          const std::string& note, const Actor& by,
                                          const std::string& idempotency_key,
                                          const std::string& fingerprint, TimePoint now) {
    if (reason != kPauseWaitingApplicant && reason != kPauseWaitingRecommendation &&
        reason != kPauseReturned) {
        throw InputError(kRequestSource, "reason",
                         "reason must be dikembalikan, menunggu_pemohon or "
                         "menunggu_rekomendasi_teknis");
    }
    require_text(note, "note", 1000, reason == kPauseReturned);
    return change(
        id, idempotency_key, fingerprint, now,
        [&](Work& w, StoreTransaction& tx, Application& app) {
            w.require_state(app, {"in_process"}, "pause");
            w.require_duty(app, by);
            auto& q = tx.sql(
                "INSERT INTO application_pauses (application_id, reason, note, from_ms, paused_by) "
                "VALUES (?, ?, ?, ?, ?)");
            q.bind(1, app.id);
            q.bind(2, reason);
            q.bind(3, note);
            q.bind(4, ms(now));
            q.bind(5, by.staff.name);
            q.exec();
            w.load_pauses(app);
            w.set_state(app, "paused");
            if (reason == kPauseReturned || reason == kPauseWaitingApplicant)
                w.set_needed(app, note);
            w.set_oss(app, kOssClockStopped, "application.paused");
            w.refresh_clock(app);
            w.record("application.paused", app, &by.staff, kOssClockStopped,
                     {{"pause", {{"reason", reason}, {"note", note}}}});
        });
}

ApplicationResult ApplicationStore::resume(std::int64_t id, const std::string& note,
                                           const Actor& by, const std::string& idempotency_key,
                                           const std::string& fingerprint, TimePoint now) {
    require_text(note, "note", 1000, false);
    return change(
        id, idempotency_key, fingerprint, now,
        [&](Work& w, StoreTransaction& tx, Application& app) {
            w.require_state(app, {"paused"}, "resume");
            const auto pause = app.open_pause();
            if (!pause)
                throw StorageError("application " + app.number +
                                   " is paused without an open pause");
            auto& q =
                tx.sql("UPDATE application_pauses SET until_ms = ?, resumed_by = ? WHERE id = ?");
            q.bind(1, ms(now));
            q.bind(2, by.staff.name);
            q.bind(3, pause->id);
            q.exec();
            w.load_pauses(app);
            w.set_state(app, "in_process");
            w.set_needed(app, "");
            // A returned file comes back to the step that returned it: a new stay there.
            if (pause->reason == kPauseReturned)
                w.move_to_step(app, *app.step_index);
            w.set_oss(app, kOssClockRestarted, "application.resumed");
            w.refresh_clock(app);
            w.record("application.resumed", app, &by.staff, kOssClockRestarted,
                     {{"pause", {{"reason", pause->reason}, {"note", note}}}});
        });
}

ApplicationResult ApplicationStore::assign(std::int64_t id, const std::string& assignee,
                                           const std::vector<std::string>& assignee_duties,
                                           const Actor& by, TimePoint now) {
    const auto settings = this->settings();
    ApplicationResult result;
    queue_.run_write(now, [&](StoreTransaction& tx) {
        Work w{tx, *settings, *this};
        Application app = w.load(id, false);
        w.require_state(app, {"in_process", "paused"}, "assign");
        const WorkflowStep* step = app.current_step();
        if (!by.any_step) {
            // Staff take a file for themselves (or let go of their own).
            const bool own =
                assignee == by.staff.name || (assignee.empty() && app.assignee == by.staff.name);
            if (!own) {
                throw QueueError("not_your_duty",
                                 "only a supervisor assigns a file to someone else",
                                 {{"duty", step->duty}});
            }
            w.require_duty(app, by);
        }
        if (!assignee.empty() && std::find(assignee_duties.begin(), assignee_duties.end(),
                                           step->duty) == assignee_duties.end()) {
            throw InputError(kRequestSource, "assignee",
                             assignee + " does not hold the duty " + step->duty + " of step " +
                                 std::to_string(step->number));
        }
        app.assignee = assignee;
        auto& q = tx.sql("UPDATE applications SET assignee = ?, updated_ms = ? WHERE id = ?");
        if (assignee.empty())
            q.bind(1);
        else
            q.bind(1, assignee);
        q.bind(2, ms(now));
        q.bind(3, app.id);
        q.exec();
        w.record("application.assigned", app, &by.staff, std::nullopt);
        result.application = std::move(app);
    });
    return result;
}

ApplicationResult ApplicationStore::mark_ready(std::int64_t id, const Actor& by,
                                               const std::string& idempotency_key,
                                               const std::string& fingerprint, TimePoint now) {
    return change(id, idempotency_key, fingerprint, now,
                  [&](Work& w, StoreTransaction& tx, Application& app) {
                      w.require_state(app, {"completed"}, "mark ready");
                      w.set_state(app, "ready");
                      app.ready_at = now;
                      auto& q = tx.sql("UPDATE applications SET ready_ms = ? WHERE id = ?");
                      q.bind(1, ms(now));
                      q.bind(2, app.id);
                      q.exec();
                      w.record("application.ready", app, &by.staff, std::nullopt);
                  });
}

PickupTicketResult ApplicationStore::issue_pickup_ticket(std::string_view number,
                                                         std::string_view token,
                                                         const std::string& idempotency_key,
                                                         TimePoint now) {
    const auto settings = this->settings();
    std::optional<PickupTicketResult> result;
    queue_.run_write(now, [&](StoreTransaction& tx) {
        Work w{tx, *settings, *this};
        auto found = w.find_where("number = ? AND status_token = ?", std::string(number),
                                  std::string(token));
        if (!found)
            throw QueueError("not_found", "no application has this number and token");
        Application app = *found;
        w.load_pauses(app);
        w.require_state(app, {"ready"}, "issue a pickup ticket for");
        if (app.pickup_ticket_id) {
            // One pickup ticket at a time: one still open today is given again.
            const auto earlier = tx.find_ticket_by_id(*app.pickup_ticket_id);
            const std::string today = format_date_iso(to_local(now, tx.config().zone).date);
            if (earlier && earlier->local_date == today &&
                (earlier->state == TicketState::Waiting || earlier->state == TicketState::Called ||
                 earlier->state == TicketState::Serving)) {
                IssueResult again;
                again.ticket = *earlier;
                again.replayed = true;
                result = PickupTicketResult{std::move(app), again};
                return;
            }
        }
        IssueRequest request;
        request.service = settings->pickup_service;
        request.permit_id = app.permit_id;
        request.idempotency_key = idempotency_key;
        IssueResult issued =
            tx.issue_ticket(request, {{"application", {{"id", app.id}, {"number", app.number}}}});
        if (!issued.replayed) {
            app.pickup_ticket_id = issued.ticket.id;
            auto& q =
                tx.sql("UPDATE applications SET pickup_ticket_id = ?, updated_ms = ? WHERE id = ?");
            q.bind(1, issued.ticket.id);
            q.bind(2, ms(now));
            q.bind(3, app.id);
            q.exec();
            w.record("application.pickup_ticket", app, nullptr, std::nullopt,
                     {{"ticket", protocol::to_json(issued.ticket)}});
        }
        result = PickupTicketResult{std::move(app), std::move(issued)};
    });
    return std::move(*result);
}

ApplicationResult ApplicationStore::hand_over(std::int64_t id, const std::string& received_by,
                                              const std::string& note, const Actor& by,
                                              const std::string& idempotency_key,
                                              const std::string& fingerprint, TimePoint now) {
    require_text(received_by, "received_by", 200, true);
    require_text(note, "note", 1000, false);
    return change(
        id, idempotency_key, fingerprint, now,
        [&](Work& w, StoreTransaction& tx, Application& app) {
            w.require_state(app, {"ready"}, "hand over");
            // The phone number was kept only to give news of the file (its consent text says so):
            // erased once the file is collected.
            auto& q = tx.sql(
                "UPDATE applications SET state = 'picked_up', picked_up_ms = ?, handed_over_by = "
                "?, "
                "received_by = ?, phone = '', note = CASE WHEN ? = '' THEN note ELSE ? END, "
                "updated_ms = ? WHERE id = ?");
            q.bind(1, ms(now));
            q.bind(2, by.staff.name);
            q.bind(3, received_by);
            q.bind(4, note);
            q.bind(5, note);
            q.bind(6, ms(now));
            q.bind(7, app.id);
            q.exec();
            app = w.load(id, false);
            w.record("application.picked_up", app, &by.staff, std::nullopt);
        });
}

ApplicationResult ApplicationStore::record_receipt_print(std::int64_t id, int counter,
                                                         const nlohmann::json& print,
                                                         const StaffRef& by, TimePoint now) {
    return change(id, "", "", now, [&](Work& w, StoreTransaction& tx, Application& app) {
        const CounterDef* def = tx.config().find_counter(counter);
        w.record(
            "application.receipt_print", app, &by, std::nullopt,
            {{"counter", {{"number", counter}, {"name", def ? def->name : ""}}}, {"print", print}});
    });
}

Application ApplicationStore::read_personal(std::int64_t id, const StaffRef& by,
                                            const std::string& purpose, TimePoint now) {
    const auto settings = this->settings();
    std::optional<Application> app;
    queue_.run_write(now, [&](StoreTransaction& tx) {
        Work w{tx, *settings, *this};
        app = w.load(id, true);
        auto& q = tx.sql(
            "INSERT INTO personal_data_access (application_id, user_name, purpose, at_ms) VALUES "
            "(?, ?, ?, ?)");
        q.bind(1, id);
        q.bind(2, by.name);
        q.bind(3, purpose);
        q.bind(4, ms(now));
        q.exec();
    });
    return std::move(*app);
}

std::optional<Application> ApplicationStore::for_pickup_ticket(std::int64_t ticket_id,
                                                               const StaffRef& by, TimePoint now) {
    std::optional<std::int64_t> id;
    queue_.run_read(now, [&](StoreTransaction& tx) {
        auto& q = tx.sql("SELECT id FROM applications WHERE pickup_ticket_id = ?");
        q.bind(1, ticket_id);
        if (q.executeStep())
            id = q.getColumn(0).getInt64();
    });
    if (!id)
        return std::nullopt;
    return read_personal(*id, by, "pickup_call", now);
}

Application ApplicationStore::find(std::int64_t id, TimePoint now) const {
    const auto settings = this->settings();
    std::optional<Application> app;
    queue_.run_read(now, [&](StoreTransaction& tx) {
        Work w{tx, *settings, *this};
        app = w.load(id, true);
    });
    return std::move(*app);
}

Application ApplicationStore::find_by_number(std::string_view number, TimePoint now) const {
    const auto settings = this->settings();
    std::optional<Application> app;
    queue_.run_read(now, [&](StoreTransaction& tx) {
        Work w{tx, *settings, *this};
        auto found = w.find_where("number = ?", std::string(number));
        if (!found)
            throw QueueError("not_found", "no application " + std::string(number));
        w.load_pauses(*found);
        app = std::move(found);
    });
    return std::move(*app);
}

Application ApplicationStore::find_public(std::string_view number, std::string_view token,
                                          TimePoint now) const {
    const auto settings = this->settings();
    std::optional<Application> app;
    queue_.run_read(now, [&](StoreTransaction& tx) {
        Work w{tx, *settings, *this};
        auto found = w.find_where("number = ? AND status_token = ?", std::string(number),
                                  std::string(token));
        if (!found)
            throw QueueError("not_found", "no application has this number and token");
        w.load_pauses(*found);
        app = std::move(found);
    });
    return std::move(*app);
}

Board ApplicationStore::board(const BoardQuery& query, TimePoint now) const {
    const auto settings = this->settings();
    Board board;
    queue_.run_read(now, [&](StoreTransaction& tx) {
        Work w{tx, *settings, *this};
        // Fixed fragments only; every value is bound.
        std::string where;
        std::vector<std::string> values;
        std::vector<std::int64_t> numbers;
        std::vector<char> kinds;  // 's' string, 'n' number, in bind order
        const auto add = [&](const std::string& fragment) { where += " AND " + fragment; };
        if (query.state.empty()) {
            add("state IN ('in_process', 'paused', 'completed', 'ready')");
        } else {
            add("state = ?");
            values.push_back(query.state);
            kinds.push_back('s');
        }
        if (!query.number.empty()) {
            add("number = ?");
            values.push_back(query.number);
            kinds.push_back('s');
        }
        if (!query.permit_id.empty()) {
            add("permit_id = ?");
            values.push_back(query.permit_id);
            kinds.push_back('s');
        }
        if (query.step_number) {
            add("step_number = ?");
            numbers.push_back(*query.step_number);
            kinds.push_back('n');
        }
        if (!query.duty.empty()) {
            add("duty = ?");
            values.push_back(query.duty);
            kinds.push_back('s');
        }
        if (!query.assignee.empty()) {
            add("assignee = ?");
            values.push_back(query.assignee);
            kinds.push_back('s');
        }
        const std::int64_t now_ms = ms(now);
        if (query.clock_state == "on_time") {
            add("state = 'in_process' AND at_risk_ms > ?");
            numbers.push_back(now_ms);
            kinds.push_back('n');
        } else if (query.clock_state == "at_risk") {
            add("state = 'in_process' AND at_risk_ms <= ? AND due_ms > ?");
            numbers.push_back(now_ms);
            numbers.push_back(now_ms);
            kinds.push_back('n');
            kinds.push_back('n');
        } else if (query.clock_state == "overdue") {
            add("state = 'in_process' AND due_ms <= ?");
            numbers.push_back(now_ms);
            kinds.push_back('n');
        } else if (query.clock_state == "paused") {
            add("state = 'paused'");
        } else if (query.clock_state == "not_started") {
            add("state = 'in_process' AND standard_amount IS NOT NULL AND clock_started_ms IS "
                "NULL");
        } else if (query.clock_state == "no_standard") {
            add("state = 'in_process' AND standard_amount IS NULL");
        }
        const auto bind_all = [&](SQLite::Statement& q) {
            std::size_t s = 0, n = 0;
            int index = 1;
            for (const char kind : kinds) {
                if (kind == 's')
                    q.bind(index++, values[s++]);
                else
                    q.bind(index++, numbers[n++]);
            }
            return index;
        };
        auto& count = tx.sql("SELECT COUNT(*) FROM applications WHERE 1" + where);
        bind_all(count);
        count.executeStep();
        board.total = count.getColumn(0).getInt();
        auto& rows = tx.sql(std::string("SELECT ") + kAppColumns + " FROM applications WHERE 1" +
                            where + " ORDER BY due_ms IS NULL, due_ms, id LIMIT ? OFFSET ?");
        const int next = bind_all(rows);
        rows.bind(next, std::clamp(query.limit, 1, 500));
        rows.bind(next + 1, std::max(0, query.offset));
        while (rows.executeStep())
            board.rows.push_back(read_application(rows));
        for (auto& app : board.rows) {
            w.attach_workflow(app);
            if (app.state == "paused")
                w.load_pauses(app);  // the due date as if it restarted now
        }
        auto& groups = tx.sql(
            "SELECT permit_id, state, step_number, COALESCE(duty, ''), COUNT(*) FROM applications "
            "WHERE state IN ('in_process', 'paused', 'completed', 'ready') GROUP BY permit_id, "
            "state, step_number, duty ORDER BY permit_id, state, step_number");
        while (groups.executeStep()) {
            BoardGroup g;
            g.permit_id = groups.getColumn(0).getString();
            g.state = groups.getColumn(1).getString();
            if (!groups.getColumn(2).isNull())
                g.step_number = groups.getColumn(2).getInt();
            g.duty = groups.getColumn(3).getString();
            g.count = groups.getColumn(4).getInt();
            board.groups.push_back(std::move(g));
        }
        auto& clocks = tx.sql(
            "SELECT COALESCE(SUM(state = 'in_process' AND at_risk_ms > ?1), 0), "
            "COALESCE(SUM(state = 'in_process' AND at_risk_ms <= ?1 AND due_ms > ?1), 0), "
            "COALESCE(SUM(state = 'in_process' AND due_ms <= ?1), 0), "
            "COALESCE(SUM(state = 'paused'), 0), "
            "COALESCE(SUM(state = 'in_process' AND standard_amount IS NOT NULL AND "
            "clock_started_ms IS NULL), 0), "
            "COALESCE(SUM(state = 'in_process' AND standard_amount IS NULL), 0) "
            "FROM applications WHERE state IN ('in_process', 'paused')");
        clocks.bind(1, now_ms);
        clocks.executeStep();
        const char* names[] = {"on_time", "at_risk",     "overdue",
                               "paused",  "not_started", "no_standard"};
        for (int k = 0; k < 6; ++k)
            board.clocks[names[k]] = clocks.getColumn(k).getInt();
    });
    return board;
}

std::vector<Application> ApplicationStore::warnings(TimePoint now, int limit) const {
    const auto settings = this->settings();
    std::vector<Application> out;
    queue_.run_read(now, [&](StoreTransaction& tx) {
        Work w{tx, *settings, *this};
        auto& q = tx.sql(std::string("SELECT ") + kAppColumns +
                         " FROM applications WHERE state = 'in_process' AND warn_ms <= ? "
                         "ORDER BY due_ms, id LIMIT ?");
        q.bind(1, ms(now));
        q.bind(2, limit);
        while (q.executeStep())
            out.push_back(read_application(q));
        for (auto& app : out)
            w.attach_workflow(app);
    });
    return out;
}

int ApplicationStore::record_due_warnings(TimePoint now) {
    const auto settings = this->settings();
    int recorded = 0;
    queue_.run_write(now, [&](StoreTransaction& tx) {
        Work w{tx, *settings, *this};
        std::vector<std::int64_t> ids;
        auto& q = tx.sql(
            "SELECT id FROM applications WHERE warned_ms IS NULL AND warn_ms <= ? AND state = "
            "'in_process' ORDER BY warn_ms LIMIT 500");
        q.bind(1, ms(now));
        while (q.executeStep())
            ids.push_back(q.getColumn(0).getInt64());
        q.reset();
        for (const auto id : ids) {
            Application app = w.load(id, false);
            app.warned_at = now;
            auto& u = tx.sql("UPDATE applications SET warned_ms = ? WHERE id = ?");
            u.bind(1, ms(now));
            u.bind(2, id);
            u.exec();
            const std::string due = app.due_at ? local_when(*app.due_at, tx.config()) : "";
            w.record("application.due_soon", app, nullptr, std::nullopt,
                     {{"risk",
                       {{"oss_status", kOssDeemedApproved},
                        {"text", "Bila belum diputuskan sampai " + due +
                                     ", izin dapat dianggap disetujui secara otomatis "
                                     "(fiktif positif, status OSS 57)."},
                        {"text_en", "If not decided by " + due +
                                        ", the permit may be deemed approved automatically "
                                        "(fiktif positif, OSS status 57)."}}}});
            ++recorded;
        }
    });
    return recorded;
}

std::vector<std::string> ApplicationStore::ready_numbers(TimePoint now) const {
    std::vector<std::string> out;
    queue_.run_read(now, [&](StoreTransaction& tx) {
        auto& q =
            tx.sql("SELECT number FROM applications WHERE state = 'ready' ORDER BY ready_ms, id");
        while (q.executeStep())
            out.push_back(q.getColumn(0).getString());
    });
    return out;
}

std::vector<Application> ApplicationStore::registered_between(TimePoint from, TimePoint to) const {
    const auto settings = this->settings();
    std::vector<Application> out;
    queue_.run_read(to, [&](StoreTransaction& tx) {
        Work w{tx, *settings, *this};
        auto& q = tx.sql(std::string("SELECT ") + kAppColumns +
                         " FROM applications WHERE registered_ms >= ? AND registered_ms < ? "
                         "ORDER BY registered_ms, id");
        q.bind(1, ms(from));
        q.bind(2, ms(to));
        std::map<std::int64_t, std::size_t> index;
        while (q.executeStep()) {
            index[q.getColumn(0).getInt64()] = out.size();
            out.push_back(read_application(q));
        }
        for (auto& app : out)
            w.attach_workflow(app);
        auto& oss = tx.sql(
            "SELECT s.application_id, s.code, s.at_ms, s.event FROM application_oss_statuses s "
            "JOIN applications a ON a.id = s.application_id WHERE a.registered_ms >= ? AND "
            "a.registered_ms < ? ORDER BY s.id");
        oss.bind(1, ms(from));
        oss.bind(2, ms(to));
        while (oss.executeStep()) {
            const auto it = index.find(oss.getColumn(0).getInt64());
            if (it == index.end())
                continue;
            out[it->second].oss_history.push_back({oss.getColumn(1).getInt(),
                                                   from_millis(oss.getColumn(2).getInt64()),
                                                   oss.getColumn(3).getString()});
        }
    });
    return out;
}

ApplicationCounts ApplicationStore::counts(TimePoint from, TimePoint to, TimePoint now) const {
    ApplicationCounts c;
    queue_.run_read(now, [&](StoreTransaction& tx) {
        auto& q = tx.sql(
            "SELECT COALESCE(SUM(registered_ms >= ?1 AND registered_ms < ?2), 0), "
            "COALESCE(SUM(completed_ms >= ?1 AND completed_ms < ?2), 0), "
            "COALESCE(SUM(completed_ms >= ?1 AND completed_ms < ?2 AND (due_ms IS NULL OR "
            "completed_ms <= due_ms)), 0), "
            "COALESCE(SUM(picked_up_ms >= ?1 AND picked_up_ms < ?2), 0), "
            "COALESCE(SUM(state = 'in_process' AND due_ms <= ?3), 0) FROM applications");
        q.bind(1, ms(from));
        q.bind(2, ms(to));
        q.bind(3, ms(now));
        q.executeStep();
        c.registered = q.getColumn(0).getInt();
        c.completed = q.getColumn(1).getInt();
        c.completed_on_time = q.getColumn(2).getInt();
        c.picked_up = q.getColumn(3).getInt();
        c.open_overdue = q.getColumn(4).getInt();
        q.reset();
        auto& v = tx.sql("SELECT COUNT(*) FROM incomplete_visits WHERE at_ms >= ? AND at_ms < ?");
        v.bind(1, ms(from));
        v.bind(2, ms(to));
        v.executeStep();
        c.incomplete_visits = v.getColumn(0).getInt();
    });
    return c;
}

std::vector<ApplicationStore::AccessRecord> ApplicationStore::personal_data_access(
    std::int64_t id) const {
    std::vector<AccessRecord> out;
    queue_.run_read(now_utc(), [&](StoreTransaction& tx) {
        auto& q = tx.sql(
            "SELECT user_name, purpose, at_ms FROM personal_data_access WHERE application_id = ? "
            "ORDER BY id");
        q.bind(1, id);
        while (q.executeStep()) {
            out.push_back({q.getColumn(0).getString(), q.getColumn(1).getString(),
                           from_millis(q.getColumn(2).getInt64())});
        }
    });
    return out;
}

ClockReading ApplicationStore::read_clock(const Application& app, TimePoint now) const {
    ClockReading r;
    if (!app.standard) {
        r.state = app.state == "paused" ? "paused" : "no_standard";
        return r;
    }
    if (!app.clock_started_at) {
        r.state = app.state == "paused"       ? "paused"
                  : app.state == "in_process" ? "not_started"
                                              : "stopped";
        return r;
    }
    if (app.state == "completed" || app.state == "ready" || app.state == "picked_up") {
        r.state = "stopped";
        r.due = app.due_at;
        return r;
    }
    if (app.state == "paused") {
        r.state = "paused";
        const std::vector<SlaPause> pauses = clock_pauses(app);
        try {
            const auto config = queue_.config();
            const SlaReading reading = read_sla(*config, *app.standard, *app.clock_started_at,
                                                pauses, now, settings()->at_risk_share);
            r.due = reading.due;
            r.used_share = reading.used_share;
        } catch (const InputError&) {
            // Unreadable clock (no office hours at all): the state alone.
        }
        return r;
    }
    r.due = app.due_at;
    if (app.due_at && now >= *app.due_at)
        r.state = "overdue";
    else if (app.at_risk_at && now >= *app.at_risk_at)
        r.state = "at_risk";
    else
        r.state = "on_time";
    return r;
}

nlohmann::json ApplicationStore::summary_json(const Application& app, TimePoint now) const {
    const auto settings = this->settings();
    const ClockReading clock = read_clock(app, now);
    const WorkflowStep* step = app.current_step();
    nlohmann::json step_json = nullptr;
    if (step) {
        const DutyDef* duty = settings->find_duty(step->duty);
        step_json = {
            {"index", *app.step_index},     {"number", step->number},
            {"branch", step->branch},       {"activity", step->activity},
            {"duty", step->duty},           {"duty_name", duty ? duty->name : step->duty},
            {"time_text", step->time_text}, {"started_at", time_json(app.step_started_at)}};
    }
    const auto age = std::chrono::duration_cast<std::chrono::hours>(now - app.registered_at);
    return {
        {"id", app.id},
        {"number", app.number},
        {"permit", {{"id", app.permit_id}, {"name", app.permit_name}}},
        {"applicant_type", app.applicant_type},
        {"by_proxy", app.by_proxy},
        {"business_name", app.business_name},
        {"state", app.state},
        {"outcome", app.outcome.empty() ? nlohmann::json(nullptr) : nlohmann::json(app.outcome)},
        {"step", step_json},
        {"steps_total", app.workflow.size()},
        {"assignee", app.assignee.empty() ? nlohmann::json(nullptr) : nlohmann::json(app.assignee)},
        {"registered_at", ms(app.registered_at)},
        {"registered_by", app.registered_by},
        {"age_days", age.count() / 24},
        {"clock",
         {{"state", clock.state},
          {"due", time_json(clock.due)},
          {"used_share",
           clock.used_share ? nlohmann::json(*clock.used_share) : nlohmann::json(nullptr)},
          {"at_risk_at", time_json(app.at_risk_at)},
          {"started_at", time_json(app.clock_started_at)},
          {"start_step",
           app.clock_start_step ? nlohmann::json(*app.clock_start_step) : nlohmann::json(nullptr)},
          {"standard", app.standard ? nlohmann::json{{"amount", app.standard->amount},
                                                     {"unit", to_string(app.standard->unit)}}
                                    : nlohmann::json(nullptr)}}},
        {"needed", app.needed},
        {"oss_status", app.oss_status ? nlohmann::json(*app.oss_status) : nlohmann::json(nullptr)},
        {"ticket_id", app.ticket_id ? nlohmann::json(*app.ticket_id) : nlohmann::json(nullptr)},
        {"pickup_ticket_id",
         app.pickup_ticket_id ? nlohmann::json(*app.pickup_ticket_id) : nlohmann::json(nullptr)},
        {"completed_at", time_json(app.completed_at)},
        {"ready_at", time_json(app.ready_at)},
        {"picked_up_at", time_json(app.picked_up_at)},
        {"updated_at", ms(app.updated_at)},
    };
}

nlohmann::json ApplicationStore::detail_json(const Application& app, TimePoint now) const {
    nlohmann::json out = summary_json(app, now);
    out["status_token"] = app.status_token;
    out["catalog_hash"] = app.catalog_hash;
    out["note"] = app.note;
    out["applicant"] = {
        {"name", app.applicant_name},
        {"phone", app.phone.empty() ? nlohmann::json(nullptr) : nlohmann::json(app.phone)},
        {"phone_consent", app.phone_consent_at ? nlohmann::json{{"text", app.phone_consent_text},
                                                                {"at", ms(*app.phone_consent_at)}}
                                               : nlohmann::json(nullptr)}};
    out["handed_over_by"] =
        app.handed_over_by.empty() ? nlohmann::json(nullptr) : nlohmann::json(app.handed_over_by);
    out["received_by"] =
        app.received_by.empty() ? nlohmann::json(nullptr) : nlohmann::json(app.received_by);
    nlohmann::json requirements = nlohmann::json::array();
    for (const auto& r : app.requirements)
        requirements.push_back(
            {{"position", r.position}, {"text", r.text}, {"applies_to", r.applies_to}});
    out["requirements"] = requirements;
    nlohmann::json workflow = nlohmann::json::array();
    for (const auto& s : app.workflow)
        workflow.push_back(to_json(s));
    out["workflow"] = workflow;
    nlohmann::json steps = nlohmann::json::array();
    for (const auto& s : app.steps) {
        steps.push_back(
            {{"index", s.index},
             {"number", s.number},
             {"branch", s.branch},
             {"duty", s.duty},
             {"started_at", ms(s.started)},
             {"ended_at", time_json(s.ended)},
             {"action", s.action.empty() ? nlohmann::json(nullptr) : nlohmann::json(s.action)},
             {"by", s.by.empty() ? nlohmann::json(nullptr) : nlohmann::json(s.by)},
             {"note", s.note},
             {"elapsed_minutes",
              s.elapsed_minutes ? nlohmann::json(*s.elapsed_minutes) : nlohmann::json(nullptr)},
             {"standard_text", s.standard_text},
             {"used_share",
              s.used_share ? nlohmann::json(*s.used_share) : nlohmann::json(nullptr)}});
    }
    out["steps"] = steps;
    nlohmann::json pauses = nlohmann::json::array();
    for (const auto& p : app.pauses) {
        pauses.push_back({{"reason", p.reason},
                          {"note", p.note},
                          {"from", ms(p.from)},
                          {"until", time_json(p.until)},
                          {"paused_by", p.paused_by},
                          {"resumed_by", p.resumed_by.empty() ? nlohmann::json(nullptr)
                                                              : nlohmann::json(p.resumed_by)}});
    }
    out["pauses"] = pauses;
    nlohmann::json oss = nlohmann::json::array();
    for (const auto& o : app.oss_history)
        oss.push_back({{"code", o.code}, {"at", ms(o.at)}, {"event", o.event}});
    out["oss_history"] = oss;
    return out;
}

nlohmann::json ApplicationStore::public_json(const Application& app, TimePoint now) const {
    const auto settings = this->settings();
    const ClockReading clock = read_clock(app, now);
    std::string code = app.state, text, text_en;
    if (app.state == "in_process") {
        const WorkflowStep* step = app.current_step();
        const DutyDef* duty = step ? settings->find_duty(step->duty) : nullptr;
        code = "diproses";
        text = duty ? duty->stage : "Sedang diproses";
        text_en = duty ? duty->stage_en : "In process";
        if (app.outcome == "rejected") {
            text = "Permohonan ditolak; surat penolakan sedang disiapkan";
            text_en = "Application rejected; the rejection letter is being prepared";
        }
    } else if (app.state == "paused") {
        const auto pause = app.open_pause();
        const std::string reason = pause ? pause->reason : "";
        code = reason.empty() ? "ditunda" : reason;
        if (reason == kPauseReturned) {
            text = "Berkas dikembalikan: mohon lengkapi atau perbaiki";
            text_en = "File returned: please complete or correct it";
        } else if (reason == kPauseWaitingApplicant) {
            text = "Menunggu kelengkapan dari pemohon";
            text_en = "Waiting for the applicant";
        } else {
            text = "Menunggu rekomendasi teknis";
            text_en = "Waiting for the technical recommendation";
        }
    } else if (app.state == "completed") {
        code = app.outcome == "rejected" ? "ditolak" : "selesai";
        text = app.outcome == "rejected"
                   ? "Permohonan ditolak; surat penolakan segera dapat diambil"
                   : "Izin selesai diproses; segera dapat diambil";
        text_en = app.outcome == "rejected"
                      ? "Application rejected; the letter will soon be ready for pickup"
                      : "Permit issued; it will soon be ready for pickup";
    } else if (app.state == "ready") {
        code = "siap_diambil";
        text = "Siap diambil di loket Pengambilan; bawa tanda terima";
        text_en = "Ready for pickup at the Pickup counter; bring the receipt";
    } else if (app.state == "picked_up") {
        code = "sudah_diambil";
        text = "Sudah diambil";
        text_en = "Collected";
    }
    const bool show_due = clock.state != "stopped" && clock.due.has_value();
    return {{"number", app.number},
            {"permit", {{"id", app.permit_id}, {"name", app.permit_name}}},
            {"registered_at", ms(app.registered_at)},
            {"stage", {{"code", code}, {"text", text}, {"text_en", text_en}}},
            {"clock", clock.state},
            {"due", show_due ? nlohmann::json(ms(*clock.due)) : nlohmann::json(nullptr)},
            {"needed", app.needed.empty() ? nlohmann::json(nullptr) : nlohmann::json(app.needed)},
            {"ready", app.state == "ready"}};
}

nlohmann::json ApplicationStore::visit_json(const IncompleteVisit& v) const {
    nlohmann::json missing = nlohmann::json::array();
    for (const auto& m : v.missing)
        missing.push_back({{"position", m.position}, {"text", m.text}});
    return {{"id", v.id},
            {"permit", {{"id", v.permit_id}, {"name", v.permit_name}}},
            {"applicant_type", v.applicant_type},
            {"ticket_id", v.ticket_id ? nlohmann::json(*v.ticket_id) : nlohmann::json(nullptr)},
            {"missing", missing},
            {"note", v.note},
            {"by", v.by},
            {"at", ms(v.at)},
            {"application_id",
             v.application_id ? nlohmann::json(*v.application_id) : nlohmann::json(nullptr)}};
}

}  // namespace loket
