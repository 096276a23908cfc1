#pragma once
// A complaint as the store gives it back, as plain values: the receipt of a submission, the
// public view by tracking number, the summary (list entries and events), the staff's detail
// with its notes and history, the monthly summary and the reads of personal data. No JSON: the
// protocol writes them (loket/complaint_wire.hpp, assets/openapi.json).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "loket/complaint.hpp"

namespace loket::complaint {

// What a sender gets back: the number to track it by and its clock. `replayed` is true for a
// retry with an idempotency key seen before (the same complaint, not a new one).
struct Receipt {
    std::string tracking_number;
    State state = State::Diterima;
    std::string received_on, due_on;  // YYYY-MM-DD, office-local
    bool replayed = false;
};

// One state a complaint reached, on an office-local date; `staff` is who moved it (none for a
// submission from the web or a kiosk). The public view does not show who.
struct HistoryEntry {
    State state = State::Diterima;
    std::string on;
    std::optional<std::string> staff;
};

// The public view by tracking number: the text and the office's answer, no name, no contact,
// no staff.
struct PublicView {
    std::string tracking_number;
    std::string category;  // key; find_category names it
    std::string text;
    State state = State::Diterima;
    std::string received_on, due_on;
    std::optional<std::string> closed_on, reply, rejection_reason;
    std::vector<HistoryEntry> history;
};

// The summary the staff's list and every complaint event carry: no text, no name, no contact.
// The list and the detail add the excerpt; events do not.
struct Summary {
    std::int64_t id = 0;
    std::string tracking_number;
    std::string category;  // key; find_category names it
    std::string channel;   // key
    State state = State::Diterima;
    std::string received_on, due_on;
    std::optional<std::string> closed_on;
    std::optional<int> days_left;  // open ones only; negative when overdue
    bool overdue = false;
    std::optional<std::string> assignee;  // account name
    bool has_contact = false;
    std::optional<std::string> excerpt;  // the first 140 code points of the text
};

// A staff note; `at_ms` is Unix milliseconds.
struct Note {
    std::string staff;
    std::int64_t at_ms = 0;
    std::string text;
};

// The staff's detail: the summary with its excerpt, the text, name and contact, the answer,
// the notes and the history with who acted.
struct Detail {
    Summary summary;
    std::string text;
    std::optional<std::string> name, contact, reply, rejection_reason;
    std::vector<Note> notes;
    std::vector<HistoryEntry> history;
};

// Received, closed and closed on time in a month ("2026-12"), and open and overdue now.
struct MonthSummary {
    std::string period;
    std::int64_t received = 0, closed = 0, on_time = 0, open = 0, overdue_now = 0;
    // on_time / closed; none when nothing closed.
    std::optional<double> on_time_share() const {
        if (closed == 0)
            return std::nullopt;
        return static_cast<double>(on_time) / static_cast<double>(closed);
    }
};

// One read of a complaint's name and contact: who, why, when (Unix milliseconds).
struct AccessRecord {
    std::string user_name, purpose;
    std::int64_t at_ms = 0;
};

}  // namespace loket::complaint
