#pragma once
// What the application store's files share (application_store*.cpp): row helpers, OSS codes,
// and Work, one operation on the applications inside a queue store transaction.
#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <initializer_list>
#include <string>
#include <vector>

#include "loket/application_store.hpp"
#include "loket/input_error.hpp"
#include "loket/sqlite_columns.hpp"

namespace loket {

namespace application_store_detail {

inline constexpr const char* kRequestSource = "request body";

inline constexpr const char* kAppColumns =
    "id, number, status_token, permit_id, permit_name, catalog_hash, applicant_type, by_proxy, "
    "applicant_name, business_name, phone, phone_consent_text, phone_consent_ms, ticket_id, "
    "registered_ms, registered_by, state, outcome, step_index, assignee, step_started_ms, "
    "clock_started_ms, standard_amount, standard_unit, due_ms, at_risk_ms, warn_ms, warned_ms, "
    "needed, oss_status, completed_ms, ready_ms, pickup_ticket_id, picked_up_ms, handed_over_by, "
    "received_by, note, updated_ms, workflow_id";

// OSS licence status codes this file's transitions map to (docs/applications.md).
inline constexpr int kOssComplete = 10;
inline constexpr int kOssIncomplete = 11;
inline constexpr int kOssClockStopped = 41;
inline constexpr int kOssClockRestarted = 42;
inline constexpr int kOssVerified = 45;
inline constexpr int kOssApproved = 50;
inline constexpr int kOssDeemedApproved = 57;
inline constexpr int kOssRejected = 90;

inline std::int64_t ms(TimePoint t) {
    return to_millis(t);
}

void bind_opt(SQLite::Statement& q, int index, const std::optional<TimePoint>& t);
void bind_opt(SQLite::Statement& q, int index, const std::optional<std::int64_t>& v);
nlohmann::json time_json(const std::optional<TimePoint>& t);

// A stable content hash of the pinned catalog entry (FNV-1a, 64 bits): equal hashes tell two
// files were registered under the same catalog text. Not a security measure.
std::string content_hash(const std::string& text);

Application read_application(SQLite::Statement& q);
PinnedWorkflow parse_workflow(const std::string& text, std::int64_t id);
void require_text(const std::string& value, const char* field, std::size_t max, bool required);

// The pauses that stopped the running clock: a pause before the clock started (waiting for the
// step it starts at) stopped nothing, and one running across the start counts from the start.
std::vector<SlaPause> clock_pauses(const Application& app);

std::string local_when(TimePoint t, const OfficeConfig& config);

}  // namespace application_store_detail

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
        auto& q = sql(std::string("SELECT ") + application_store_detail::kAppColumns +
                      " FROM applications WHERE " + where);
        int index = 1;
        (q.bind(index++, args), ...);
        if (!q.executeStep())
            return std::nullopt;
        Application app = application_store_detail::read_application(q);
        attach_workflow(app);
        return app;
    }

    // The file's pinned workflow, from the store's cache or read once.
    void attach_workflow(Application& app);

    // Stores content (a catalog snapshot or a workflow) once, by its hash; a file refers to it.
    // Equal hashes of different texts (FNV-1a collides, rarely) are refused, never confused.
    void check_same(const std::string& stored, const std::string& text, const std::string& hash);

    std::string pin_snapshot(const std::string& permit_id, const std::string& snapshot);

    std::int64_t pin_workflow(const std::string& workflow);

    Application load(std::int64_t id, bool details);

    void load_pauses(Application& app);

    void load_details(Application& app);

    // ---- Idempotency ----
    struct Replay {
        std::optional<std::int64_t> application_id;
        std::optional<std::int64_t> visit_id;
        std::optional<std::int64_t> ticket_id;
    };

    std::optional<Replay> replay(const std::string& key, const std::string& fingerprint);

    void remember(const std::string& key, const std::string& fingerprint, const Replay& made);

    // ---- Changes ----
    void set_oss(Application& app, int code, std::string_view event);

    // Opens the record of the file's stay at its current step.
    void open_step_record(const Application& app);

    // Closes the open step record: who, how, and the time against the step's own standard
    // (pauses during the stay taken out).
    void close_step_record(const Application& app, StepAction action, const std::string& by,
                           const std::string& note);

    // Moves the file to workflow step `index` (a new stay), starting the clock when this is
    // the step it starts at.
    void move_to_step(Application& app, int index);

    void complete(Application& app, const std::string& outcome);

    void set_state(Application& app, const std::string& state);

    void set_needed(Application& app, const std::string& needed);

    // The first instant at which the running clock has used `share` of the standard (to the
    // minute): the clock library gives readings, so the instant is searched for.
    TimePoint instant_of_share(const Application& app, const std::vector<SlaPause>& pauses,
                               double share, TimePoint due);

    // Recomputes the stored instants of a running clock (due, at risk, warning) after any
    // change; NULL while it is paused, not started or has no standard. A decided file keeps
    // its last due date, to tell whether it was decided in time.
    void refresh_clock(Application& app);

    void record(std::string_view type, const Application& app, const StaffRef* by,
                std::optional<int> oss, nlohmann::json extra = nlohmann::json::object());

    // What acting on a step does after the step record is closed (application_store_steps.cpp).
    void step_done(Application& app, int index, const std::string& branch, const Actor& by,
                   const nlohmann::json& extra);
    void step_returned(Application& app, const std::string& note, const Actor& by, TimePoint at,
                       const nlohmann::json& extra);
    void step_rejected(Application& app, const std::string& branch, const Actor& by,
                       const nlohmann::json& extra);

    void require_duty(const Application& app, const Actor& by);

    void require_state(const Application& app, std::initializer_list<std::string_view> allowed,
                       const std::string& action);
};

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

}  // namespace loket
