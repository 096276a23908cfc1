#pragma once
// The queue's state in SQLite (WAL). Every change runs in one IMMEDIATE transaction together
// with its append-only event record, so a change and its event are committed together or not
// at all, and two counters (threads or processes) can never claim the same ticket.
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "loket/database.hpp"
#include "loket/floor.hpp"
#include "loket/office.hpp"
#include "loket/ticket.hpp"
#include "loket/time.hpp"

namespace SQLite {
class Database;
class Statement;
}  // namespace SQLite

namespace loket {

// A request the queue rules refuse (unknown ticket, wrong state, office closed...). The code
// is stable for clients to translate; the message is for people reading logs.
class QueueError : public std::runtime_error {
  public:
    QueueError(std::string code, const std::string& message,
               nlohmann::json details = nlohmann::json::object())
        : std::runtime_error(message), code_(std::move(code)), details_(std::move(details)) {}
    const std::string& code() const { return code_; }
    // Facts a client needs to act on the refusal (e.g. "holder" of a counter), as an object.
    const nlohmann::json& details() const { return details_; }

  private:
    std::string code_;
    nlohmann::json details_;
};

// 32 hex characters: the time in seconds, then 96 random bits (impossible to guess). The
// secret in a ticket's status link, and in an application's.
std::string make_status_token(TimePoint at);

// The database itself failed (disk full, read-only file, corruption). Nothing was changed.
class StorageError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

struct IssueRequest {
    std::string service;
    Priority priority = Priority::None;
    std::string permit_id;
    std::string idempotency_key;  // a retry with the same key returns the same ticket
    int permit_version = 0;       // the catalog version of the permit, kept with the ticket
};

struct IssueResult {
    Ticket ticket;
    bool replayed = false;  // true when the idempotency key matched an earlier ticket
    int people_ahead = 0;
    WaitEstimate estimate;
};

struct TicketPosition {
    Ticket ticket;
    int people_ahead = 0;  // meaningful while waiting; by the ratio rule
    WaitEstimate estimate;
};

struct CounterDayStats {
    int served = 0;
    int no_shows = 0;
    std::optional<double> average_service_minutes;
};

// A transaction of the queue store lent to another store kept in the same database file (the
// application and survey stores): its rows and the events it records commit together, in the same
// group commit as ticket writes, and its events take their ids from the one event log, so the event
// stream stays one monotonic sequence.
class StoreTransaction {
  public:
    virtual ~StoreTransaction() = default;
    // A statement prepared once per connection, reset and unbound; reset again at the end.
    virtual SQLite::Statement& sql(const std::string& text) = 0;
    virtual std::int64_t last_insert_id() = 0;
    // Appends an event, published after the commit. Throws std::logic_error when reading.
    virtual void record(std::string_view type, nlohmann::json payload) = 0;
    virtual TimePoint now() const = 0;
    virtual const OfficeConfig& config() const = 0;
    // Issues a ticket in this transaction with the rules of QueueStore::issue, `extra` merged
    // into its "ticket.issued" payload (e.g. what the ticket is for).
    virtual IssueResult issue_ticket(const IssueRequest& request, const nlohmann::json& extra) = 0;
    virtual std::optional<Ticket> find_ticket_by_id(std::int64_t id) = 0;
};

class QueueStore {
  public:
    using EventListener = std::function<void(const std::vector<Event>&)>;

    QueueStore(const std::filesystem::path& db_path, OfficeConfig config,
               StoreOptions options = {});
    ~QueueStore();
    QueueStore(const QueueStore&) = delete;
    QueueStore& operator=(const QueueStore&) = delete;

    // Called after each commit with the events it recorded, in id order, outside the lock.
    void set_event_listener(EventListener listener);
    // Replaces the office configuration for this run (not saved).
    void set_config(OfficeConfig config);
    // The configuration in force: a snapshot that stays valid while settings change.
    std::shared_ptr<const OfficeConfig> config() const;
    // Saves settings changed by an admin: validated against today's tickets (a service with
    // waiting tickets stays; a letter used today by another service is not reused), stored,
    // applied at once, and announced as a "settings.changed" event.
    OfficeConfig save_config(OfficeConfig config, const std::string& saved_by, TimePoint now);
    // Settings an admin saved earlier, if any (they take precedence over the file's).
    std::optional<OfficeConfig> saved_config() const;

    // ---- Applicants ----
    IssueResult issue(const IssueRequest& request, TimePoint now);
    TicketPosition status_by_token(std::string_view token, TimePoint now) const;
    // Records the outcome of printing the ticket (issue, print, confirm).
    Ticket set_print_status(std::int64_t ticket_id, PrintStatus status, std::string problem,
                            TimePoint now);

    // ---- Counters ----
    // An open or paused counter is operated by the staff member who opened it: every action
    // below by anyone else is refused with "counter_taken_by_other" (details: "holder"), until
    // they take it over. A closed counter may be opened by anyone.
    CounterStatus open_counter(int counter, const StaffRef& by, TimePoint now);
    CounterStatus close_counter(int counter, const StaffRef& by, TimePoint now);
    CounterStatus pause_counter(int counter, const StaffRef& by, const PauseReason& reason,
                                TimePoint now);
    // A free-text reason, read as the console's old labels (legacy_pause_reason).
    CounterStatus pause_counter(int counter, const StaffRef& by, std::string_view reason,
                                TimePoint now);
    CounterStatus resume_counter(int counter, const StaffRef& by, TimePoint now);
    // Makes `by` the counter's operator, keeping its state and current ticket. expected_holder
    // is the holder the caller judged the takeover against: when the counter changed hands in
    // between, nothing happens ("counter_taken_by_other"). forced: the holder was still logged
    // in (recorded in the "counter.taken_over" event).
    CounterStatus take_over(int counter, const StaffRef& by, std::string_view expected_holder,
                            bool forced, TimePoint now);
    // The open or paused counter the user operates, if any (the lowest number if several).
    std::optional<int> counter_held_by(std::string_view staff) const;

    // Takes the next ticket for the counter; nothing when every line it serves is empty.
    std::optional<Ticket> call_next(int counter, const StaffRef& by, TimePoint now);
    // Calls a waiting ticket of today out of order ("A-012").
    Ticket call_number(int counter, const StaffRef& by, std::string_view number, TimePoint now);
    Ticket recall(int counter, const StaffRef& by, TimePoint now);
    Ticket start_serving(int counter, const StaffRef& by, TimePoint now);
    // Ends the service of the counter's ticket. A ticket still "called" is started and finished
    // in one write (the clerk served without pressing Start).
    Ticket finish(int counter, const StaffRef& by, TimePoint now);
    Ticket no_show(int counter, const StaffRef& by, TimePoint now);
    // Moves the counter's called or serving ticket to another service's line (as transfer()).
    Ticket transfer_from_counter(int counter, const StaffRef& by, std::string_view to_service,
                                 std::string note, TimePoint now);

    // ---- By ticket number (today's) ----
    // Each records who acted (`by`) in its event, as the counter actions do.
    Ticket reactivate(std::string_view number, const StaffRef& by, TimePoint now);
    // Moves a waiting, called or serving ticket to another service's line; it keeps its place
    // ahead of tickets issued after its original arrival.
    Ticket transfer(std::string_view number, const StaffRef& by, std::string_view to_service,
                    std::string note, TimePoint now);
    Ticket cancel(std::string_view number, const StaffRef& by, std::string reason, TimePoint now);

    // ---- Reads ----
    std::optional<Ticket> find_ticket(std::string_view number, TimePoint now) const;
    // Today's waiting tickets of the services, in the order "call next" would take them
    // (ignoring the priority ratio).
    std::vector<Ticket> waiting(const std::vector<std::string>& services, TimePoint now) const;
    std::vector<CounterStatus> counters() const;
    CounterStatus counter(int number) const;
    std::vector<ServiceSummary> services(TimePoint now) const;
    CounterDayStats counter_day_stats(int counter, TimePoint now) const;
    // The latest calls and recalls of today, newest first.
    std::vector<Event> recent_calls(int limit, TimePoint now) const;

    FloorSnapshot snapshot(int recent_calls, TimePoint now) const;

    std::vector<Event> events_after(std::int64_t after_id, int limit = 1000) const;
    std::int64_t last_event_id() const;

    // Runs fn in a write transaction shared with the queue's own writes (group commit); what fn
    // records is published after the commit. An exception from fn rolls back fn's changes
    // alone and is rethrown.
    void run_write(TimePoint now, const std::function<void(StoreTransaction&)>& fn);
    // Runs fn in a read transaction: one consistent snapshot.
    void run_read(TimePoint now, const std::function<void(StoreTransaction&)>& fn) const;

    // All tickets of a day (reports, tests).
    std::vector<Ticket> tickets_on(std::string_view local_date) const;

    struct Statements;  // prepared statements kept for the connection's lifetime
    struct Tx;          // an open transaction plus the events it records

  private:
    struct PendingWrite;
    // Runs fn(Tx&) in an IMMEDIATE transaction (shared with concurrent writes: group commit)
    // and publishes its events after the commit.
    template <typename Fn>
    auto write(TimePoint now, Fn&& fn);
    void submit(PendingWrite& job);
    // Runs and commits one batch; returns its events and the listener to tell.
    std::vector<Event> run_batch(const std::vector<PendingWrite*>& batch, EventListener& listener);
    // Runs fn(Tx&) in a read transaction (one consistent snapshot).
    template <typename Fn>
    auto read(TimePoint now, Fn&& fn) const;

    void sync_counters();

    mutable std::mutex mutex_;  // the write connection and its statements

    // Group commit queue: one leader at a time runs a batch of pending writes.
    static constexpr std::size_t kMaxBatch = 128;
    std::mutex queue_mutex_;
    std::deque<PendingWrite*> pending_;
    bool leader_active_ = false;
    std::mutex publish_mutex_;  // held while a batch's events go to the listener
    std::unique_ptr<SQLite::Database> db_;
    std::unique_ptr<Statements> statements_;
    // The read connection and its statements.
    mutable std::mutex read_mutex_;
    std::unique_ptr<SQLite::Database> read_db_;
    std::unique_ptr<Statements> read_statements_;
    // Replaced whole when settings change; each operation keeps the snapshot it started with.
    mutable std::mutex config_mutex_;
    std::shared_ptr<const OfficeConfig> config_;
    EventListener listener_;
};

}  // namespace loket
