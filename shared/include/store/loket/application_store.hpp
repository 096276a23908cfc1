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

#include "loket/application_settings.hpp"
#include "loket/catalog.hpp"
#include "loket/queue_store.hpp"
#include "loket/sla.hpp"

namespace loket {

inline constexpr std::string_view kApplicantIndividual = "perorangan";
inline constexpr std::string_view kApplicantBusiness = "badan_usaha";

// Why the clock stopped (OSS 41). Returned files wait for the applicant's corrections.
inline constexpr std::string_view kPauseReturned = "dikembalikan";
inline constexpr std::string_view kPauseWaitingApplicant = "menunggu_pemohon";
inline constexpr std::string_view kPauseWaitingRecommendation = "menunggu_rekomendasi_teknis";

// Who acts: the account, its duties, and whether it may act on any step (supervisor, admin).
struct Actor {
    StaffRef staff;
    std::vector<std::string> duties;
    bool any_step = false;
};

struct RequirementCheck {
    int position = 0;  // index in the permit's requirements
    bool present = false;
};

struct RegistrationRequest {
    std::string applicant_type;  // "perorangan" or "badan_usaha"
    bool by_proxy = false;       // made through a proxy: "(jika dikuasakan)" items apply
    std::string applicant_name;
    std::string business_name;
    std::string phone;           // optional; needs phone_consent
    bool phone_consent = false;  // the consent text was shown and accepted
    // Every requirement that applies, once: present or missing.
    std::vector<RequirementCheck> checklist;
    std::optional<std::int64_t> ticket_id;            // the ticket being served, if any
    std::optional<std::int64_t> incomplete_visit_id;  // an earlier incomplete visit of this file
    std::string note;
    std::string idempotency_key;  // scoped by the caller; a retry does nothing again
    std::string fingerprint;      // of the request: a key reused for another request is refused
};

struct IncompleteVisit {
    std::int64_t id = 0;
    std::string permit_id;
    std::string permit_name;
    std::string applicant_type;
    std::optional<std::int64_t> ticket_id;
    struct Missing {
        int position = 0;
        std::string text;
    };
    std::vector<Missing> missing;
    std::string note;
    std::string by;
    TimePoint at{};
    std::optional<std::int64_t> application_id;
};

struct RequirementRecord {
    int position = 0;
    std::string text;
    std::string applies_to;
};

struct StepRecord {
    std::int64_t id = 0;
    int index = 0;
    int number = 0;
    std::string branch;
    std::string duty;
    TimePoint started{};
    std::optional<TimePoint> ended;
    std::string action;  // "done", "returned", "rejected"; empty while open
    std::string by;
    std::string note;
    std::optional<std::int64_t> elapsed_minutes;
    std::string standard_text;
    std::optional<double> used_share;  // of the step's own standard
};

struct PauseRecord {
    std::int64_t id = 0;
    std::string reason;
    std::string note;
    TimePoint from{};
    std::optional<TimePoint> until;
    std::string paused_by;
    std::string resumed_by;
};

struct OssStatusRecord {
    int code = 0;
    TimePoint at{};
    std::string event;
};

// The workflow a file follows, pinned at registration and shared by files registered under the
// same catalog entry and settings.
struct PinnedWorkflow {
    std::vector<WorkflowStep> steps;
    std::optional<int> clock_start_step;
};

struct Application {
    std::int64_t id = 0;
    std::string number;
    std::string status_token;
    std::string permit_id;
    std::string permit_name;
    std::string catalog_hash;
    std::string applicant_type;
    bool by_proxy = false;
    std::string applicant_name;
    std::string business_name;
    std::string phone;
    std::string phone_consent_text;
    std::optional<TimePoint> phone_consent_at;
    std::optional<std::int64_t> ticket_id;
    TimePoint registered_at{};
    std::string registered_by;
    std::string state;    // in_process, paused, completed, ready, picked_up
    std::string outcome;  // approved, rejected; empty while undecided
    std::optional<int> step_index;
    std::string assignee;
    std::optional<TimePoint> step_started_at;
    std::optional<TimePoint> clock_started_at;
    std::optional<SlaStandard> standard;
    std::optional<TimePoint> due_at;  // while the clock runs
    std::optional<TimePoint> at_risk_at;
    std::optional<TimePoint> warn_at;
    std::optional<TimePoint> warned_at;
    std::string needed;  // what the applicant must bring or correct
    std::optional<int> oss_status;
    std::optional<TimePoint> completed_at;
    std::optional<TimePoint> ready_at;
    std::optional<std::int64_t> pickup_ticket_id;
    std::optional<TimePoint> picked_up_at;
    std::string handed_over_by;
    std::string received_by;
    std::string note;
    TimePoint updated_at{};
    std::int64_t workflow_id = 0;
    std::vector<WorkflowStep> workflow;
    std::optional<int> clock_start_step;
    // Loaded with the details only:
    std::vector<RequirementRecord> requirements;
    std::vector<StepRecord> steps;
    std::vector<PauseRecord> pauses;
    std::vector<OssStatusRecord> oss_history;

    const WorkflowStep* current_step() const;
    std::optional<PauseRecord> open_pause() const;  // needs the details
};

// The clock at an instant: "on_time", "at_risk", "overdue", "paused", "not_started" (waiting
// for its start step), "no_standard" (neither SOP nor office gives one), "stopped" (decided).
struct ClockReading {
    std::string state;
    std::optional<TimePoint> due;
    std::optional<double> used_share;
};

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
    RegistrationResult register_application(const Permit& permit,
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

    // JSON views. Events and the board carry no personal data; details add it; the public view
    // carries only what the receipt's holder may read.
    nlohmann::json summary_json(const Application& app, TimePoint now) const;
    nlohmann::json detail_json(const Application& app, TimePoint now) const;
    nlohmann::json public_json(const Application& app, TimePoint now) const;
    nlohmann::json visit_json(const IncompleteVisit& visit) const;

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
