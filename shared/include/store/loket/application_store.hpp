#pragma once
// Applications (berkas) after the Pendaftaran counter: registration with the checklist, the
// SOP clock and its pauses, the back-office steps, pickup (docs/applications.md). Kept in the
// queue's database and written through the queue store's transactions, so every change
// commits together with its event, in the one event log the event stream serves.
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "loket/application.hpp"
#include "loket/application_settings.hpp"
#include "loket/catalog.hpp"
#include "loket/queue_store.hpp"
#include "loket/sla.hpp"

namespace loket {

struct RegistrationResult {
    std::optional<Application> application;  // complete: registered
    std::optional<IncompleteVisit> visit;    // incomplete: nothing registered
    bool replayed = false;
};

struct ApplicationResult {
    Application application;
    bool replayed = false;
};

struct PickupTicketResult {
    Application application;
    IssueResult issued;  // replayed: the file's pickup ticket of today already waited
};

enum class StepAction { Done, Returned, Rejected };
std::optional<StepAction> parse_step_action(std::string_view text);
std::string_view to_string(StepAction action);

struct BoardQuery {
    std::string number;  // one registration number
    std::string permit_id;
    std::optional<int> step_number;
    std::string duty;
    std::string assignee;
    std::string state;        // in_process, paused, completed, ready; empty: all four
    std::string clock_state;  // on_time, at_risk, overdue, paused, not_started, no_standard
    int limit = 50;
    int offset = 0;
};

struct BoardGroup {
    std::string permit_id;
    std::string state;
    std::optional<int> step_number;
    std::string duty;
    int count = 0;
};

struct Board {
    int total = 0;  // matching the query, before limit/offset
    std::vector<Application> rows;
    std::vector<BoardGroup> groups;     // every open file by permit, state, step (no filter)
    std::map<std::string, int> clocks;  // open files by clock state (no filter)
};

struct ApplicationCounts {
    int registered = 0;
    int incomplete_visits = 0;
    int completed = 0;
    int completed_on_time = 0;
    int picked_up = 0;
    int open_overdue = 0;
};

class ApplicationStore {
  public:
    ApplicationStore(QueueStore& queue, ApplicationSettings settings);

    std::shared_ptr<const ApplicationSettings> settings() const;
    void set_settings(ApplicationSettings settings);

    // Registers a complete file (a number, the clock), or records an incomplete visit when
    // the checklist has a missing item. InputError names the request field at fault.
    RegistrationResult register_application(const catalog::Permit& permit,
                                            const RegistrationRequest& request, const Actor& by,
                                            TimePoint now);

    // Ends the current step: done moves on (common path, then approval), returned stops the
    // clock and records what the applicant must correct, rejected moves to the rejection path
    // (or ends the file rejected). expected_step: the step number the caller acted on.
    ApplicationResult act_on_step(std::int64_t id, int expected_step, StepAction action,
                                  const std::string& note, const Actor& by,
                                  const std::string& idempotency_key,
                                  const std::string& fingerprint, TimePoint now);
    ApplicationResult pause(std::int64_t id, const std::string& reason, const std::string& note,
                            const Actor& by, const std::string& idempotency_key,
                            const std::string& fingerprint, TimePoint now);
    ApplicationResult resume(std::int64_t id, const std::string& note, const Actor& by,
                             const std::string& idempotency_key, const std::string& fingerprint,
                             TimePoint now);
    // Sets (or clears, empty) who works on the current step.
    ApplicationResult assign(std::int64_t id, const std::string& assignee,
                             const std::vector<std::string>& assignee_duties, const Actor& by,
                             TimePoint now);
    ApplicationResult mark_ready(std::int64_t id, const Actor& by,
                                 const std::string& idempotency_key, const std::string& fingerprint,
                                 TimePoint now);
    // The kiosk: a pickup ticket for a ready file, by its number and secret token.
    PickupTicketResult issue_pickup_ticket(std::string_view number, std::string_view token,
                                           const std::string& idempotency_key, TimePoint now);
    ApplicationResult hand_over(std::int64_t id, const std::string& received_by,
                                const std::string& note, const Actor& by,
                                const std::string& idempotency_key, const std::string& fingerprint,
                                TimePoint now);

    // Records how printing the file's receipt at a counter went ("application.receipt_print",
    // with "counter" {number, name} and `print` as "print": result, messages, printer state);
    // changes nothing else.
    ApplicationResult record_receipt_print(std::int64_t id, int counter,
                                           const nlohmann::json& print, const StaffRef& by,
                                           TimePoint now);

    // The full file with personal data; the read is logged (who, when, why).
    Application read_personal(std::int64_t id, const StaffRef& by, const std::string& purpose,
                              TimePoint now);
    // The file linked to a pickup ticket, if any (personal data, logged as read_personal).
    std::optional<Application> for_pickup_ticket(std::int64_t ticket_id, const StaffRef& by,
                                                 TimePoint now);
    // Without personal data being logged: the caller must not show it (public views, tests).
    Application find(std::int64_t id, TimePoint now) const;
    Application find_by_number(std::string_view number, TimePoint now) const;
    // The public status: number and token must both match.
    Application find_public(std::string_view number, std::string_view token, TimePoint now) const;

    Board board(const BoardQuery& query, TimePoint now) const;
    // Running clocks warned about (due within the lead time, or overdue), earliest due first;
    // at most `limit`.
    std::vector<Application> warnings(TimePoint now, int limit = 200) const;
    // Records "application.due_soon" once for each file whose warning time has come.
    int record_due_warnings(TimePoint now);
    std::vector<std::string> ready_numbers(TimePoint now) const;
    // Files registered in [from, to), oldest first, with their OSS status history: the export.
    std::vector<Application> registered_between(TimePoint from, TimePoint to) const;
    ApplicationCounts counts(TimePoint from, TimePoint to, TimePoint now) const;
    // Who read an application's personal data: (user, purpose, at).
    struct AccessRecord {
        std::string user;
        std::string purpose;
        TimePoint at{};
    };
    std::vector<AccessRecord> personal_data_access(std::int64_t id) const;

    ClockReading read_clock(const Application& app, TimePoint now) const;

  private:
    struct Work;
    template <typename Fn>
    ApplicationResult change(std::int64_t id, const std::string& idempotency_key,
                             const std::string& fingerprint, TimePoint now, Fn&& fn);
    QueueStore& queue_;
    // Pinned workflows never change: parsed once and kept, by id.
    mutable std::mutex workflows_mutex_;
    mutable std::map<std::int64_t, std::shared_ptr<const PinnedWorkflow>> workflows_;
    mutable std::mutex settings_mutex_;
    std::shared_ptr<const ApplicationSettings> settings_;
};

}  // namespace loket
