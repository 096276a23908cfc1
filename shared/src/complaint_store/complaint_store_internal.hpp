#pragma once
// What the complaint store's files share (complaint_store.cpp, complaint_store_staff.cpp): the
// row as stored, reading it, the values it gives back (loket/complaint_views.hpp) and its
// history.
#include <SQLiteCpp/SQLiteCpp.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "loket/complaint_store.hpp"
#include "loket/complaint_views.hpp"
#include "loket/sqlite_columns.hpp"

namespace loket::complaint_store_detail {

using namespace complaint;

inline constexpr std::int64_t kMinuteMs = 60'000;
inline constexpr std::int64_t kDayMs = 24 * 60 * kMinuteMs;

inline constexpr const char* kColumns =
    "id, tracking_number, category, channel, text, name, contact, anonymous, state, "
    "received_on, due_on, closed_on, reply, rejection_reason, assignee, reminded_14, reminded_7, "
    "reminded_overdue";

struct Row {
    std::int64_t id = 0;
    std::string tracking_number, category, channel, text;
    std::optional<std::string> name, contact;
    bool anonymous = true;
    State state = State::Diterima;
    std::string received_on, due_on;
    std::optional<std::string> closed_on, reply, rejection_reason, assignee;
    bool reminded[3] = {false, false, false};
};

Row read_row(SQLite::Statement& q);

std::optional<Row> row_by_id(StoreTransaction& tx, std::int64_t id);

std::chrono::year_month_day today_of(StoreTransaction& tx);

std::chrono::year_month_day date_of(const std::string& iso);

// The summary the list and the events show: no text (the excerpt is added for staff lists),
// no name, no contact.
Summary summary_of(const Row& r, std::chrono::year_month_day today);

// The first 140 code points of the text.
std::string excerpt_of(const std::string& text);

std::vector<HistoryEntry> history_of(StoreTransaction& tx, std::int64_t id);

// The summary with its excerpt, the text, name and contact, the notes and the history.
Detail detail_of(StoreTransaction& tx, const Row& r);

void add_history(StoreTransaction& tx, std::int64_t id, State state,
                 const std::optional<std::string>& staff);

void record_changed(StoreTransaction& tx, const Row& r, const char* change,
                    const std::string& staff);

// Counts the sender's complaints since `window_ms` ago; when `limit` are there, the seconds
// until the oldest of them leaves the window.
std::optional<std::int64_t> wait_for(StoreTransaction& tx, const char* column,
                                     const std::string& who, std::int64_t window_ms, int limit);

void check_limits(StoreTransaction& tx, const ComplaintSender& sender,
                  const ComplaintLimits& limits);

std::string scope_of(const ComplaintSender& sender);

Receipt receipt_of(const Row& r, bool replayed);

// The complaint a viewer may act on; refused for an unknown id or someone else's complaint.
Row visible_row(StoreTransaction& tx, std::int64_t id, const ComplaintViewer& viewer);

}  // namespace loket::complaint_store_detail
