// Work's building blocks: loading a file, pinning its catalog text and workflow, idempotency,
// and the recorded changes (OSS status, step records, state, clock) the operations combine.
#include "application_store_internal.hpp"
#include "loket/application_wire.hpp"
#include "loket/wire_writer.hpp"

namespace loket {

using namespace application_store_detail;

void ApplicationStore::Work::attach_workflow(Application& app) {
    std::shared_ptr<const PinnedWorkflow> pinned;
    {
        std::lock_guard lock(store.workflows_mutex_);
        if (const auto it = store.workflows_.find(app.workflow_id); it != store.workflows_.end())
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

void ApplicationStore::Work::check_same(const std::string& stored, const std::string& text,
                                        const std::string& hash) {
    if (stored != text)
        throw StorageError("two different texts share the content hash " + hash);
}

std::string ApplicationStore::Work::pin_snapshot(const std::string& permit_id,
                                                 const std::string& snapshot) {
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

std::int64_t ApplicationStore::Work::pin_workflow(const std::string& workflow) {
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

Application ApplicationStore::Work::load(std::int64_t id, bool details) {
    auto app = find_where("id = ?", id);
    if (!app)
        throw QueueError("not_found", "application " + std::to_string(id) + " not found");
    load_pauses(*app);
    if (details)
        load_details(*app);
    return *app;
}

void ApplicationStore::Work::load_pauses(Application& app) {
    app.pauses.clear();
    auto& q =
        sql("SELECT id, reason, note, from_ms, until_ms, paused_by, COALESCE(resumed_by, '') FROM "
            "application_pauses WHERE application_id = ? ORDER BY id");
    q.bind(1, app.id);
    while (q.executeStep()) {
        PauseRecord p;
        p.id = q.getColumn(0).getInt64();
        p.reason = q.getColumn(1).getString();
        p.note = q.getColumn(2).getString();
        p.from = from_millis(q.getColumn(3).getInt64());
        p.until = nullable_time(q.getColumn(4));
        p.paused_by = q.getColumn(5).getString();
        p.resumed_by = q.getColumn(6).getString();
        app.pauses.push_back(std::move(p));
    }
}

void ApplicationStore::Work::load_details(Application& app) {
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
    auto& s =
        sql("SELECT id, step_index, step_number, branch, duty, started_ms, ended_ms, "
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
        step.ended = nullable_time(s.getColumn(6));
        step.action = s.getColumn(7).getString();
        step.by = s.getColumn(8).getString();
        step.note = s.getColumn(9).getString();
        step.elapsed_minutes = nullable_int64(s.getColumn(10));
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
        app.oss_history.push_back({o.getColumn(0).getInt(), from_millis(o.getColumn(1).getInt64()),
                                   o.getColumn(2).getString()});
    }
}

std::optional<ApplicationStore::Work::Replay> ApplicationStore::Work::replay(
    const std::string& key, const std::string& fingerprint) {
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
    return Replay{nullable_int64(q.getColumn(1)), nullable_int64(q.getColumn(2)),
                  nullable_int64(q.getColumn(3))};
}

void ApplicationStore::Work::remember(const std::string& key, const std::string& fingerprint,
                                      const Replay& made) {
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

void ApplicationStore::Work::set_oss(Application& app, int code, std::string_view event) {
    app.oss_status = code;
    auto& q =
        sql("INSERT INTO application_oss_statuses (application_id, code, at_ms, event) VALUES "
            "(?, ?, ?, ?)");
    q.bind(1, app.id);
    q.bind(2, code);
    q.bind(3, ms(now()));
    q.bind(4, std::string(event));
    q.exec();
    auto& u = sql("UPDATE applications SET oss_status = ? WHERE id = ?");
    u.bind(1, code);
    u.bind(2, app.id);
    u.exec();
}

void ApplicationStore::Work::open_step_record(const Application& app) {
    const WorkflowStep* step = app.current_step();
    auto& q =
        sql("INSERT INTO application_steps (application_id, step_index, step_number, branch, duty, "
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

void ApplicationStore::Work::close_step_record(const Application& app, StepAction action,
                                               const std::string& by, const std::string& note) {
    auto& open =
        sql("SELECT id, started_ms FROM application_steps WHERE application_id = ? AND ended_ms IS "
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

void ApplicationStore::Work::move_to_step(Application& app, int index) {
    app.step_index = index;
    app.assignee.clear();
    app.step_started_at = now();
    const WorkflowStep* step = app.current_step();
    if (!app.clock_started_at && app.clock_start_step && *app.clock_start_step == step->number)
        app.clock_started_at = now();
    auto& q =
        sql("UPDATE applications SET step_index = ?, step_number = ?, duty = ?, assignee = NULL, "
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

void ApplicationStore::Work::complete(Application& app, const std::string& outcome) {
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

void ApplicationStore::Work::set_state(Application& app, const std::string& state) {
    app.state = state;
    auto& q = sql("UPDATE applications SET state = ?, updated_ms = ? WHERE id = ?");
    q.bind(1, state);
    q.bind(2, ms(now()));
    q.bind(3, app.id);
    q.exec();
}

void ApplicationStore::Work::set_needed(Application& app, const std::string& needed) {
    app.needed = needed;
    auto& q = sql("UPDATE applications SET needed = ? WHERE id = ?");
    q.bind(1, needed);
    q.bind(2, app.id);
    q.exec();
}

TimePoint ApplicationStore::Work::instant_of_share(const Application& app,
                                                   const std::vector<SlaPause>& pauses,
                                                   double share, TimePoint due) {
    TimePoint lo = *app.clock_started_at;
    TimePoint hi = due;
    while (hi - lo > std::chrono::minutes(1)) {
        const TimePoint mid = lo + (hi - lo) / 2;
        if (read_sla(office(), *app.standard, *app.clock_started_at, pauses, mid, 1.0).used_share >=
            share) {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    return hi;
}

void ApplicationStore::Work::refresh_clock(Application& app) {
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

void ApplicationStore::Work::record(std::string_view type, const Application& app,
                                    const StaffRef* by, std::optional<int> oss,
                                    nlohmann::json extra) {
    nlohmann::json payload = {
        {"application", protocol::application_summary_json(app, store.read_clock(app, now()),
                                                           *store.settings(), now())},
        {"staff", by ? protocol::to_json(*by) : nlohmann::json(nullptr)},
        {"oss_status", oss ? nlohmann::json(*oss) : nlohmann::json(nullptr)},
    };
    payload.update(extra);
    tx.record(type, std::move(payload));
}

void ApplicationStore::Work::require_duty(const Application& app, const Actor& by) {
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

void ApplicationStore::Work::require_state(const Application& app,
                                           std::initializer_list<std::string_view> allowed,
                                           const std::string& action) {
    if (std::find(allowed.begin(), allowed.end(), app.state) != allowed.end())
        return;
    throw QueueError("invalid_state",
                     "cannot " + action + " " + app.number + ": it is " + app.state,
                     {{"state", app.state}});
}

}  // namespace loket
