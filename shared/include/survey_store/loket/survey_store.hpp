#pragma once
// The satisfaction survey (SKM) kept in the queue's database: anonymous responses, which visits
// have answered, and the follow-up plan per period. Every write goes through the queue store's
// transactions (QueueStore::run_write), so a response and its "survey.responded" event commit
// together and take their id from the one event log. What is stored and what is not (no ticket
// id and no time of day on a visit's response) is in docs/skm.md.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "loket/queue_store.hpp"
#include "loket/survey.hpp"
#include "loket/survey_views.hpp"

namespace loket {

// Whether the visit of a ticket (its status token) may answer the survey. An application's
// receipt carries a token too: its survey opens once the file has been handed over.
enum class VisitSurveyState {
    NotYet,    // still waiting or being served (a file: not handed over yet)
    Open,      // finished (done; a file: picked up) and not answered yet
    Answered,  // answered once already
    Closed,    // not served (no-show, cancelled): nothing to rate
};
std::string_view to_string(VisitSurveyState state);

// What a status token names: a ticket, or an application through its receipt.
enum class SurveyVisitKind { Ticket, Application };

struct SurveyVisit {
    SurveyVisitKind kind = SurveyVisitKind::Ticket;
    std::string number;      // the ticket's number, or the file's registration number
    std::string local_date;  // the ticket's day, or the file's registration day
    std::string service;     // the service the response is counted under
    std::string permit_id;
    VisitSurveyState state = VisitSurveyState::NotYet;
};

// The survey a counter's tablet shows: the ticket last finished at that counter, while its
// applicant may still be there (docs/skm.md).
struct CounterSurvey {
    int counter = 0;
    std::optional<Ticket> ticket;  // none: nothing to answer now
    VisitSurveyState state = VisitSurveyState::NotYet;
};

// Limits on kiosk responses without a ticket, per kiosk.
struct KioskSurveyLimits {
    int min_seconds_between = 60;
    int per_day = 200;
};

// Receipts and follow-up entries are loket/survey_views.hpp's values; the protocol writes them
// and this store's events (loket/survey_wire.hpp).
class SurveyStore {
  public:
    // How long after a finish the counter's tablet still offers that visit's survey.
    static constexpr int kCounterSurveyMinutes = 15;

    // `application_service`: the service a file's response is counted under when the file
    // came in without a ticket (registration) and left without one (pickup); docs/skm.md.
    explicit SurveyStore(QueueStore& queue, std::string application_service = {})
        : queue_(queue), application_service_(std::move(application_service)) {}

    // The ticket (or the application, from its receipt) behind a status token and whether it
    // may answer. Throws QueueError "not_found" for an unknown token.
    SurveyVisit visit(const std::string& token, TimePoint now) const;

    // Stores the response of the visit `token`, as survey::read_visit_response read it: its
    // service and permit come from the ticket or the application, its date from `now`.
    // Refused with QueueError "survey_not_open" before the visit is finished or when it was
    // not served, "survey_already_answered" for a second response (a retry with the same
    // non-empty idempotency key gets the first receipt, replayed). Nothing is stored when
    // refused.
    survey::Receipt submit_for_visit(const std::string& token, const survey::Response& answers,
                                     survey::Channel channel, const std::string& idempotency_key,
                                     TimePoint now);

    // Stores a kiosk response without a ticket, as survey::read_response read it (it names the
    // service); its date is `now`'s. The kiosk is limited per `limits` (QueueError
    // "rate_limited", details "retry_after_seconds"); a retry with the same key gets the first
    // receipt. The caller checks that the service and permit exist.
    survey::Receipt submit_from_kiosk(const std::string& device, const survey::Response& response,
                                      const std::string& idempotency_key,
                                      const KioskSurveyLimits& limits, TimePoint now);

    // The survey for the counter's tablet. Throws QueueError "unknown_counter".
    CounterSurvey counter_survey(int counter, TimePoint now) const;

    // The responses of a period (every service, or one; every permit, or one), for reports.
    std::vector<survey::Response> responses(const survey::Period& period,
                                            const std::string& service = {},
                                            const std::string& permit = {}) const;
    // People served in the period: tickets finished (done) whose day lies in it, of the service
    // and the permit when given.
    std::int64_t people_served(const survey::Period& period, const std::string& service = {},
                               const std::string& permit = {}) const;
    // Suggestions of a period, sorted, so their order says nothing about who or when.
    std::vector<std::string> suggestions(const survey::Period& period,
                                         const std::string& service = {},
                                         const std::string& permit = {}) const;

    // ---- Follow-up plan ----
    std::vector<survey::StoredFollowUp> follow_ups(const survey::Period& period) const;
    survey::StoredFollowUp add_follow_up(const survey::Period& period, const survey::FollowUp& plan,
                                         const StaffRef& by, TimePoint now);
    // Throws QueueError "not_found" for an unknown id.
    survey::StoredFollowUp update_follow_up(std::int64_t id, const survey::FollowUp& plan,
                                            const StaffRef& by, TimePoint now);
    void remove_follow_up(std::int64_t id, const StaffRef& by, TimePoint now);

  private:
    QueueStore& queue_;
    std::string application_service_;
};

}  // namespace loket
