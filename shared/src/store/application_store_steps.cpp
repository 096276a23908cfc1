// The back-office workflow: acting on a step (done, returned, rejected), pausing and resuming the
// clock, assigning a file and marking it ready.
#include "application_store_internal.hpp"
#include "loket/event_names.hpp"

namespace loket {

using namespace application_store_detail;

namespace {

// The first step of branch `b` in the file's workflow.
std::optional<int> first_of(const Application& app, std::string_view b) {
    for (std::size_t k = 0; k < app.workflow.size(); ++k) {
        if (app.workflow[k].branch == b)
            return static_cast<int>(k);
    }
    return std::nullopt;
}

// The step after `index` when it is on the same branch.
std::optional<int> next_on_branch(const Application& app, int index, const std::string& branch) {
    const auto next = static_cast<std::size_t>(index + 1);
    if (next < app.workflow.size() && app.workflow[next].branch == branch)
        return static_cast<int>(next);
    return std::nullopt;
}

}  // namespace

void ApplicationStore::Work::step_done(Application& app, int index, const std::string& branch,
                                       const Actor& by, const nlohmann::json& extra) {
    std::optional<int> oss;
    if (index == 0) {
        oss = kOssVerified;
        set_oss(app, kOssVerified, protocol::event::application_step_done);
    }
    if (auto next = next_on_branch(app, index, branch)) {
        move_to_step(app, *next);
    } else if (branch == catalog::kBranchCommon && first_of(app, catalog::kBranchApproved)) {
        move_to_step(app, *first_of(app, catalog::kBranchApproved));
    } else {
        const bool rejected = branch == catalog::kBranchRejected;
        complete(app, rejected ? "rejected" : "approved");
        if (!rejected) {
            oss = kOssApproved;
            set_oss(app, kOssApproved, protocol::event::application_step_done);
        }
    }
    refresh_clock(app);
    record(protocol::event::application_step_done, app, &by.staff, oss, extra);
}

void ApplicationStore::Work::step_returned(Application& app, const std::string& note,
                                           const Actor& by, TimePoint at,
                                           const nlohmann::json& extra) {
    auto& q = tx.sql(
        "INSERT INTO application_pauses (application_id, reason, note, from_ms, "
        "paused_by) VALUES (?, ?, ?, ?, ?)");
    q.bind(1, app.id);
    q.bind(2, std::string(kPauseReturned));
    q.bind(3, note);
    q.bind(4, ms(at));
    q.bind(5, by.staff.name);
    q.exec();
    load_pauses(app);
    set_state(app, "paused");
    set_needed(app, note);
    set_oss(app, kOssClockStopped, protocol::event::application_returned);
    refresh_clock(app);
    record(protocol::event::application_returned, app, &by.staff, kOssClockStopped, extra);
}

void ApplicationStore::Work::step_rejected(Application& app, const std::string& branch,
                                           const Actor& by, const nlohmann::json& extra) {
    if (branch == catalog::kBranchRejected) {
        throw QueueError("invalid_state", app.number + " is already on the rejection path");
    }
    app.outcome = "rejected";
    auto& q = tx.sql("UPDATE applications SET outcome = 'rejected' WHERE id = ?");
    q.bind(1, app.id);
    q.exec();
    if (auto first = first_of(app, catalog::kBranchRejected))
        move_to_step(app, *first);
    else
        complete(app, "rejected");
    set_oss(app, kOssRejected, protocol::event::application_rejected);
    refresh_clock(app);
    record(protocol::event::application_rejected, app, &by.staff, kOssRejected, extra);
}

ApplicationResult ApplicationStore::act_on_step(std::int64_t id, int expected_step,
                                                StepAction action, const std::string& note,
                                                const Actor& by, const std::string& idempotency_key,
                                                const std::string& fingerprint, TimePoint now) {
    require_text(note, "note", 1000, action != StepAction::Done);
    return change(
        id, idempotency_key, fingerprint, now, [&](Work& w, StoreTransaction&, Application& app) {
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
            w.close_step_record(app, action, by.staff.name, note);
            nlohmann::json extra = {{"step",
                                     {{"number", expected_step},
                                      {"branch", branch},
                                      {"action", to_string(action)},
                                      {"note", note}}}};
            switch (action) {
                case StepAction::Done:
                    w.step_done(app, index, branch, by, extra);
                    break;
                case StepAction::Returned:
                    w.step_returned(app, note, by, now, extra);
                    break;
                case StepAction::Rejected:
                    w.step_rejected(app, branch, by, extra);
                    break;
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
            w.set_oss(app, kOssClockStopped, protocol::event::application_paused);
            w.refresh_clock(app);
            w.record(protocol::event::application_paused, app, &by.staff, kOssClockStopped,
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
            w.set_oss(app, kOssClockRestarted, protocol::event::application_resumed);
            w.refresh_clock(app);
            w.record(protocol::event::application_resumed, app, &by.staff, kOssClockRestarted,
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
        w.record(protocol::event::application_assigned, app, &by.staff, std::nullopt);
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
                      w.record(protocol::event::application_ready, app, &by.staff, std::nullopt);
                  });
}

}  // namespace loket
