#pragma once
// An application (berkas) as values: who acts, what was registered, its steps, pauses and OSS
// statuses, an incomplete visit, the clock at an instant (docs/applications.md). The store keeps
// them (loket/application_store.hpp); the protocol writes them (loket/application_wire.hpp).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "loket/application_settings.hpp"
#include "loket/catalog.hpp"
#include "loket/sla.hpp"
#include "loket/ticket.hpp"
#include "loket/time.hpp"

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

}  // namespace loket
