#pragma once
// Complaints (pengaduan) kept in the queue's database. Every write goes through the queue
// store's transactions (QueueStore::run_write), so a complaint and its events commit together
// and take their ids from the one event log. It returns values (loket/complaint_views.hpp);
// the protocol writes them as the API sends them (loket/complaint_wire.hpp, docs/complaints.md)
// and writes the payloads of the events recorded here, which never carry the text, the name or
// the contact.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "loket/complaint.hpp"
#include "loket/complaint_views.hpp"
#include "loket/queue_store.hpp"

namespace loket {

// Who sends a complaint: decides the channel, the rate limit and the idempotency scope.
struct ComplaintSender {
    enum class Kind { Web, Kiosk, Staff } kind = Kind::Web;
    std::string address;  // web: the client's IP address
    std::string device;   // kiosk: the device's name
    std::string staff;    // staff: the account
};

// Abuse limits, from stored rows (so a restart keeps them); staff are not limited.
struct ComplaintLimits {
    int web_per_10_minutes = 3;
    int web_per_day = 10;
    int kiosk_per_minute = 1;
    int kiosk_per_day = 30;
};

// Who reads or changes a complaint. Supervisors and admins see all; others those assigned.
struct ComplaintViewer {
    std::string name;
    bool supervisor = false;
};

struct ComplaintFilter {
    std::optional<complaint::State> state;
    std::string category;
    bool overdue_only = false;
    bool assigned_to_me = false;
};

class ComplaintStore {
  public:
    explicit ComplaintStore(QueueStore& queue, ComplaintLimits limits = {})
        : queue_(queue), limits_(limits) {}

    // Stores a complaint read by complaint::read_submission; its receipt, replayed for a retry
    // with the same idempotency key. Refused with QueueError "rate_limited" (details
    // retry_after_seconds) or an input error naming ticket_token.
    complaint::Receipt submit(const complaint::Submission& submission,
                              const ComplaintSender& sender, const std::string& idempotency_key,
                              TimePoint now);

    // The public view by tracking number (any spelling normalise_tracking_number accepts);
    // QueueError "not_found".
    complaint::PublicView track(const std::string& tracking_number, TimePoint now) const;

    // Summaries with their excerpts, by due date.
    std::vector<complaint::Summary> list(const ComplaintFilter& filter,
                                         const ComplaintViewer& viewer, TimePoint now) const;
    // The detail with name and contact; each call is written to the access log. QueueError
    // "not_found" for an unknown id, "forbidden" when the viewer may not see it.
    complaint::Detail detail(std::int64_t id, const ComplaintViewer& viewer, TimePoint now);
    // QueueError "invalid_transition" (details from, to) when the state does not allow it.
    // Transitions, assignments and notes return the detail after the change.
    complaint::Detail transition(std::int64_t id, const complaint::TransitionRequest& request,
                                 const ComplaintViewer& viewer, TimePoint now);
    // QueueError "unknown_user" when no enabled account has that name.
    complaint::Detail assign(std::int64_t id, const std::string& username,
                             const ComplaintViewer& viewer, TimePoint now);
    complaint::Detail add_note(std::int64_t id, const std::string& text,
                               const ComplaintViewer& viewer, TimePoint now);

    // The SP4N-LAPOR! forwarding file for complaints received between the dates (inclusive).
    std::string export_csv(const std::string& from, const std::string& to, TimePoint now) const;
    // Received, closed, on time and open in a month "2026-12".
    complaint::MonthSummary summary(const std::string& month, TimePoint now) const;

    // The minute sweep: "complaint.due_soon" once per kind, senders' addresses cleared after a
    // day (name and contact go in the daily anonymisation, loket/privacy_store.hpp). Returns
    // reminders recorded.
    int sweep(TimePoint now);

    // Name and contact reads of a complaint (tests, audits).
    std::vector<complaint::AccessRecord> personal_data_access(std::int64_t id) const;

  private:
    QueueStore& queue_;
    ComplaintLimits limits_;
};

}  // namespace loket
