#pragma once
// What the queue store's files share (queue_store*.cpp): row readers, the statement cache, Tx
// (one operation's transaction and the queue's rules) and the write/read templates.
#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <unordered_map>

#include "loket/event_names.hpp"
#include "loket/queue_store.hpp"
#include "loket/sqlite_columns.hpp"
#include "loket/wire_writer.hpp"

namespace loket {

namespace queue_store_detail {

inline constexpr const char* kTicketColumns =
    "id, local_date, number, origin_service, service, priority, permit_id, state, issued_ms, "
    "arrival_ms, called_ms, started_ms, finished_ms, counter, call_count, status_token, "
    "print_status, print_problem, note";

Ticket read_ticket(SQLite::Statement& q);
Event read_event(SQLite::Statement& q, const std::string& source);
std::string status_token(TimePoint issued);
std::string today_of(const OfficeConfig& config, TimePoint now);
std::int64_t start_of_today_ms(const OfficeConfig& config, TimePoint now);

}  // namespace queue_store_detail

// Keeps prepared statements for the connection's lifetime: preparing costs more than running
// the small queries the queue makes.
// Every statement used in a transaction is reset when it ends: a stepped but unreset SELECT
// would keep the connection's WAL snapshot open, and the next write on a stale snapshot
// fails at once with SQLITE_BUSY instead of waiting.
struct QueueStore::Statements {
    explicit Statements(SQLite::Database& db) : db(db) {}
    SQLite::Statement& get(const std::string& sql) {
        auto it = cache.find(sql);
        if (it == cache.end()) {
            it = cache.emplace(sql, std::make_unique<SQLite::Statement>(db, sql)).first;
        } else {
            it->second->reset();
            it->second->clearBindings();
        }
        in_use.push_back(it->second.get());
        return *it->second;
    }
    void reset_used() {
        for (SQLite::Statement* statement : in_use)
            statement->tryReset();
        in_use.clear();
    }
    SQLite::Database& db;
    std::unordered_map<std::string, std::unique_ptr<SQLite::Statement>> cache;
    std::vector<SQLite::Statement*> in_use;
};

// The state of one operation: the connection, the config it runs under, the events it
// records. Everything the rules need is a method here so each operation reads as the rule.
struct QueueStore::Tx {
    SQLite::Database& db;
    Statements& statements;
    const OfficeConfig& config;
    TimePoint now;
    std::string today;
    std::vector<Event> events;
    // Runs once the transaction is committed, before its events are published.
    std::function<void()> after_commit = nullptr;

    SQLite::Statement& sql(const std::string& text) { return statements.get(text); }

    void record(std::string_view type, nlohmann::json payload);

    std::optional<Ticket> ticket_where(const std::string& where_sql, auto&&... args) {
        // Only fixed WHERE clauses from the queue_store*.cpp files reach here; values are bound.
        auto& q = sql(std::string("SELECT ") + queue_store_detail::kTicketColumns +
                      " FROM tickets WHERE " + where_sql);
        int index = 1;
        (q.bind(index++, args), ...);
        if (!q.executeStep())
            return std::nullopt;
        return queue_store_detail::read_ticket(q);
    }

    Ticket ticket_by_id(std::int64_t id) {
        auto t = ticket_where("id = ?", static_cast<std::int64_t>(id));
        if (!t)
            throw QueueError("not_found", "ticket " + std::to_string(id) + " not found");
        return *t;
    }

    Ticket ticket_today(std::string_view number);

    const CounterDef& counter_def(int number) {
        const CounterDef* c = config.find_counter(number);
        if (!c)
            throw QueueError("unknown_counter",
                             "counter " + std::to_string(number) + " does not exist");
        return *c;
    }

    CounterState counter_state(int number);

    // Who operates the counter: the staff member who opened it while it is open or paused;
    // nobody (empty) while it is closed.
    std::string holder(int number);

    // Refuses an action on a counter another staff member operates. Checked inside the write,
    // so a takeover and an action of the old holder cannot both pass.
    void require_holder(int counter, const StaffRef& by);

    std::optional<Ticket> active_ticket(int counter) {
        return ticket_where(
            "counter = ? AND state IN ('called', 'serving') ORDER BY id DESC LIMIT 1", counter);
    }

    Ticket require_active(int counter);

    // A counter may take a new ticket only when open and free.
    void require_ready_to_call(int counter);

    void require_state(const Ticket& t, std::initializer_list<TicketState> allowed,
                       std::string_view action);

    std::map<std::string, int> waiting_counts();

    nlohmann::json ticket_payload(const Ticket& t) {
        return protocol::ticket_event_payload(config, t, waiting_counts());
    }

    // A counter action's event: the ticket and the staff member who acted.
    nlohmann::json ticket_payload(const Ticket& t, const StaffRef& by) {
        return protocol::ticket_event_payload(config, t, waiting_counts(), &by);
    }

    void set_streak(const std::string& service, bool priority_call);

    int streak(const std::string& service) {
        auto& q = sql("SELECT streak FROM priority_streaks WHERE service = ?");
        q.bind(1, service);
        return q.executeStep() ? q.getColumn(0).getInt() : 0;
    }

    void end_visit(std::int64_t ticket_id, std::string_view outcome);

    // Ends the counter's active ticket `t` in `final_state` (also its visit's outcome).
    Ticket end_active(Ticket t, const StaffRef& by, const char* final_state,
                      std::string_view event_type, nlohmann::json extra = nlohmann::json::object());

    // Records the start of service of the ticket and its open visit.
    void mark_started(std::int64_t ticket_id, TimePoint started);

    // Moves a waiting, called or serving ticket to another service's line, keeping its place
    // by original arrival. `by`: the counter staff who sent it on, if it came from a counter.
    Ticket transfer_ticket(Ticket t, std::string_view to_service, const std::string& note,
                           const StaffRef* by);

    // Issues a ticket (QueueStore::issue); extra is merged into the "ticket.issued" payload.
    IssueResult issue_ticket(const IssueRequest& request, const nlohmann::json& extra);
    // issue_ticket's steps, in the order it takes them.
    void check_issue_request(const IssueRequest& request);
    // The ticket an earlier request with the same idempotency key issued, if any.
    std::optional<IssueResult> replay_issue(const IssueRequest& request);
    const ServiceDef& issuing_service(const IssueRequest& request);
    void require_issuing_open();
    // The service's next number today.
    int next_sequence(const ServiceDef& service);
    // Inserts the waiting ticket; returns its id.
    std::int64_t insert_ticket(const IssueRequest& request, const ServiceDef& service,
                               int sequence);

    // The one atomic claim: the row changes only if it is still waiting.
    Ticket claim(const Ticket& t, int counter, const StaffRef& by);

    // The service's line by the kept counts (waiting_counts, priority_streaks): two small
    // reads instead of counting rows, as issuing needs it.
    LineCounts line_counts(const std::string& local_date, const std::string& service);

    // The line as the other tickets make it: the counts include the ticket asked about.
    static void leave_out(LineCounts& line, bool priority) {
        int& own = priority ? line.priority_waiting : line.normal_waiting;
        own = std::max(0, own - 1);
    }

    // Tickets "call next" takes before t, by the ratio rule (people_ahead_by_rule).
    int people_ahead(const Ticket& t);

    // A ticket just issued is last of its class in its line (its arrival is now): everyone of
    // its class waiting is before it, read from the kept counts, not counted.
    int people_ahead_of_newest(const Ticket& t);

    // People ahead of a normal ticket taken now (the kiosk's and the screens' figure).
    int people_ahead_of_next_normal(const std::string& service) {
        const LineCounts line = line_counts(today, service);
        return people_ahead_by_rule(line, false, line.normal_waiting);
    }

    struct OpenCounters {
        int open = 0;
        int idle = 0;  // open with no ticket called or being served
    };

    OpenCounters open_counters_for(const std::string& service);

    std::vector<double> recent_service_minutes(const std::string& service);

    WaitEstimate estimate(const std::string& service, int ahead) {
        const ServiceDef* def = config.find_service(service);
        const OpenCounters counters = open_counters_for(service);
        return estimate_wait(ahead, counters.open, counters.idle, recent_service_minutes(service),
                             def ? def->default_service_minutes : 5);
    }

    CounterStatus counter_status(int number);

    std::vector<CounterStatus> all_counters() {
        std::vector<CounterStatus> all;
        for (const auto& c : config.counters)
            all.push_back(counter_status(c.number));
        return all;
    }

    std::vector<ServiceSummary> service_summaries();

    std::vector<Event> recent_call_events(int limit);

    std::int64_t last_event_id() {
        auto& q = sql("SELECT COALESCE(MAX(id), 0) FROM events");
        q.executeStep();
        return q.getColumn(0).getInt64();
    }

    // Sets the counter's state and records the event naming `by`; make_holder: `by` becomes
    // the staff member who operates it.
    CounterStatus set_counter(int number, CounterState state, const PauseReason* reason,
                              const StaffRef& by, bool make_holder, std::string_view event_type);
};

// Statements used in a transaction are reset when it ends, before a rollback too; this
// guard lives inside the locked region because the statements are shared.
struct ResetStatementsOnExit {
    QueueStore::Statements& statements;
    ~ResetStatementsOnExit();
};

// One write waiting for its batch.
struct QueueStore::PendingWrite {
    PendingWrite(TimePoint now, std::function<void(Tx&)> run) : now(now), run(std::move(run)) {}
    TimePoint now;
    std::function<void(Tx&)> run;
    std::exception_ptr error;
    std::vector<Event> events;
    std::function<void()> after_commit;
    bool done = false;
    bool leads = false;  // this write's thread runs the next batch
    std::condition_variable wake;
};

template <typename Fn>
auto QueueStore::write(TimePoint now, Fn&& fn) {
    using Result = std::invoke_result_t<Fn, Tx&>;
    std::optional<Result> result;
    PendingWrite job(now, [&](Tx& tx) { result.emplace(fn(tx)); });
    submit(job);
    if (job.error)
        std::rethrow_exception(job.error);
    return std::move(*result);
}

template <typename Fn>
auto QueueStore::read(TimePoint now, Fn&& fn) const {
    const auto config = this->config();
    std::unique_lock lock(read_mutex_);
    try {
        SQLite::Transaction transaction(*read_db_, SQLite::TransactionBehavior::DEFERRED);
        ResetStatementsOnExit reset{*read_statements_};
        Tx tx{*read_db_,
              *read_statements_,
              *config,
              now,
              queue_store_detail::today_of(*config, now),
              {},
              {}};
        return fn(tx);
    } catch (const SQLite::Exception& e) {
        throw StorageError(std::string("queue database error: ") + e.what());
    }
}

}  // namespace loket
