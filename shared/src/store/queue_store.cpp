#include "loket/queue_store.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>
#include <sys/random.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <unordered_map>

#include "loket/database.hpp"
#include "loket/event_names.hpp"
#include "loket/input_error.hpp"
#include "loket/wire_writer.hpp"

namespace loket {

namespace {

constexpr const char* kTicketColumns =
    "id, local_date, number, origin_service, service, priority, permit_id, state, issued_ms, "
    "arrival_ms, called_ms, started_ms, finished_ms, counter, call_count, status_token, "
    "print_status, print_problem, note";

std::optional<TimePoint> optional_time(const SQLite::Column& column) {
    if (column.isNull())
        return std::nullopt;
    return from_millis(column.getInt64());
}

Ticket read_ticket(SQLite::Statement& q) {
    Ticket t;
    t.id = q.getColumn(0).getInt64();
    t.local_date = q.getColumn(1).getString();
    t.number = q.getColumn(2).getString();
    t.origin_service = q.getColumn(3).getString();
    t.service = q.getColumn(4).getString();
    t.priority = parse_priority(q.getColumn(5).getString()).value_or(Priority::None);
    t.permit_id = q.getColumn(6).getString();
    t.state = parse_ticket_state(q.getColumn(7).getString()).value_or(TicketState::Waiting);
    t.issued_at = from_millis(q.getColumn(8).getInt64());
    t.arrival_at = from_millis(q.getColumn(9).getInt64());
    t.called_at = optional_time(q.getColumn(10));
    t.started_at = optional_time(q.getColumn(11));
    t.finished_at = optional_time(q.getColumn(12));
    if (!q.getColumn(13).isNull())
        t.counter = q.getColumn(13).getInt();
    t.call_count = q.getColumn(14).getInt();
    t.status_token = q.getColumn(15).getString();
    t.print_status = parse_print_status(q.getColumn(16).getString()).value_or(PrintStatus::Pending);
    t.print_problem = q.getColumn(17).getString();
    t.note = q.getColumn(18).getString();
    return t;
}

Event read_event(SQLite::Statement& q, const std::string& source) {
    Event e;
    e.id = q.getColumn(0).getInt64();
    e.type = q.getColumn(1).getString();
    e.at = from_millis(q.getColumn(2).getInt64());
    e.payload = nlohmann::json::parse(q.getColumn(3).getString(), nullptr, false);
    if (e.payload.is_discarded()) {
        throw StorageError(source + ": event " + std::to_string(e.id) +
                           " has an unreadable payload");
    }
    return e;
}

// 32 hex characters: the issue time in seconds (8), then 96 random bits (24). The time
// first keeps the tokens' unique index growing at its end, so a batch of new tickets touches
// one index page instead of one random page each; the random part alone makes a token
// impossible to guess.
std::string status_token(TimePoint issued) {
    std::array<unsigned char, 12> bytes{};
    std::size_t filled = 0;
    while (filled < bytes.size()) {
        const ssize_t got = getrandom(bytes.data() + filled, bytes.size() - filled, 0);
        if (got < 0) {
            if (errno == EINTR)
                continue;
            throw StorageError("cannot read random bytes for a status token");
        }
        filled += static_cast<std::size_t>(got);
    }
    const auto seconds = static_cast<std::uint32_t>(
        std::chrono::duration_cast<std::chrono::seconds>(issued.time_since_epoch()).count());
    char token[33];
    std::snprintf(token, sizeof token, "%08x", seconds);
    static constexpr char kHex[] = "0123456789abcdef";
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        token[8 + 2 * i] = kHex[bytes[i] >> 4];
        token[9 + 2 * i] = kHex[bytes[i] & 15];
    }
    return std::string(token, 32);
}

std::string today_of(const OfficeConfig& config, TimePoint now) {
    return format_date_iso(to_local(now, config.zone).date);
}

std::int64_t start_of_today_ms(const OfficeConfig& config, TimePoint now) {
    return to_millis(from_local(to_local(now, config.zone).date, 0, config.zone));
}

}  // namespace

std::string make_status_token(TimePoint at) {
    return status_token(at);
}

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

    void record(std::string_view type, nlohmann::json payload) {
        if (!protocol::is_event_type(type))
            throw std::logic_error("event type not in loket/event_names.hpp: " + std::string(type));
        auto& q = sql("INSERT INTO events (type, at_ms, payload) VALUES (?, ?, ?)");
        q.bind(1, std::string(type));
        q.bind(2, static_cast<std::int64_t>(to_millis(now)));
        q.bind(3, payload.dump());
        q.exec();
        events.push_back(
            Event{db.getLastInsertRowid(), std::string(type), now, std::move(payload)});
    }

    std::optional<Ticket> ticket_where(const std::string& where_sql, auto&&... args) {
        // Only fixed WHERE clauses from this file reach here; values are always bound.
        auto& q = sql(std::string("SELECT ") + kTicketColumns + " FROM tickets WHERE " + where_sql);
        int index = 1;
        (q.bind(index++, args), ...);
        if (!q.executeStep())
            return std::nullopt;
        return read_ticket(q);
    }

    Ticket ticket_by_id(std::int64_t id) {
        auto t = ticket_where("id = ?", static_cast<std::int64_t>(id));
        if (!t)
            throw QueueError("not_found", "ticket " + std::to_string(id) + " not found");
        return *t;
    }

    Ticket ticket_today(std::string_view number) {
        const auto parsed = parse_ticket_number(number);
        if (!parsed) {
            throw QueueError("invalid_number",
                             "'" + std::string(number) + "' is not a ticket number like A-012");
        }
        const std::string canonical = format_ticket_number(parsed->prefix, parsed->sequence);
        auto t = ticket_where("local_date = ? AND number = ?", today, canonical);
        if (!t)
            throw QueueError("not_found", "ticket " + canonical + " was not issued today");
        return *t;
    }

    const CounterDef& counter_def(int number) {
        const CounterDef* c = config.find_counter(number);
        if (!c)
            throw QueueError("unknown_counter",
                             "counter " + std::to_string(number) + " does not exist");
        return *c;
    }

    CounterState counter_state(int number) {
        auto& q = sql("SELECT state FROM counters WHERE number = ?");
        q.bind(1, number);
        if (!q.executeStep())
            return CounterState::Closed;
        const std::string state = q.getColumn(0).getString();
        if (state == "open")
            return CounterState::Open;
        if (state == "paused")
            return CounterState::Paused;
        return CounterState::Closed;
    }

    // Who operates the counter: the staff member who opened it while it is open or paused;
    // nobody (empty) while it is closed.
    std::string holder(int number) {
        auto& q = sql("SELECT state, staff FROM counters WHERE number = ?");
        q.bind(1, number);
        if (!q.executeStep() || q.getColumn(0).getString() == "closed")
            return "";
        return q.getColumn(1).getString();
    }

    // Refuses an action on a counter another staff member operates. Checked inside the write,
    // so a takeover and an action of the old holder cannot both pass.
    void require_holder(int counter, const StaffRef& by) {
        const CounterDef& def = counter_def(counter);
        const std::string current = holder(counter);
        if (!current.empty() && current != by.name) {
            throw QueueError("counter_taken_by_other",
                             def.name + " is operated by " + current + "; take it over first",
                             {{"holder", {{"name", current}}}});
        }
    }

    std::optional<Ticket> active_ticket(int counter) {
        return ticket_where(
            "counter = ? AND state IN ('called', 'serving') ORDER BY id DESC LIMIT 1", counter);
    }

    Ticket require_active(int counter) {
        counter_def(counter);
        auto t = active_ticket(counter);
        if (!t) {
            throw QueueError("no_active_ticket",
                             "counter " + std::to_string(counter) + " has no called ticket");
        }
        return *t;
    }

    // A counter may take a new ticket only when open and free.
    void require_ready_to_call(int counter) {
        const CounterDef& def = counter_def(counter);
        switch (counter_state(counter)) {
            case CounterState::Closed:
                throw QueueError("counter_closed", def.name + " is closed; open it first");
            case CounterState::Paused:
                throw QueueError("counter_paused", def.name + " is paused; resume it first");
            case CounterState::Open:
                break;
        }
        if (auto active = active_ticket(counter)) {
            throw QueueError("counter_busy",
                             def.name + " is still " + std::string(to_string(active->state)) + " " +
                                 active->number + "; finish, mark no-show or transfer it first");
        }
    }

    void require_state(const Ticket& t, std::initializer_list<TicketState> allowed,
                       std::string_view action) {
        if (std::find(allowed.begin(), allowed.end(), t.state) != allowed.end())
            return;
        throw QueueError("invalid_state", "cannot " + std::string(action) + " " + t.number +
                                              ": it is " + std::string(to_string(t.state)));
    }

    std::map<std::string, int> waiting_counts() {
        std::map<std::string, int> counts;
        for (const auto& s : config.services)
            counts[s.id] = 0;
        auto& q =
            sql("SELECT service, SUM(waiting) FROM waiting_counts WHERE local_date = ? "
                "GROUP BY service");
        q.bind(1, today);
        while (q.executeStep())
            counts[q.getColumn(0).getString()] = q.getColumn(1).getInt();
        return counts;
    }

    nlohmann::json ticket_payload(const Ticket& t) {
        return protocol::ticket_event_payload(config, t, waiting_counts());
    }

    // A counter action's event: the ticket and the staff member who acted.
    nlohmann::json ticket_payload(const Ticket& t, const StaffRef& by) {
        return protocol::ticket_event_payload(config, t, waiting_counts(), &by);
    }

    void set_streak(const std::string& service, bool priority_call) {
        auto& q = sql(
            "INSERT INTO priority_streaks (service, streak) VALUES (?, ?) "
            "ON CONFLICT (service) DO UPDATE SET streak = CASE WHEN ? THEN streak + 1 ELSE 0 END");
        q.bind(1, service);
        q.bind(2, priority_call ? 1 : 0);
        q.bind(3, priority_call ? 1 : 0);
        q.exec();
    }

    int streak(const std::string& service) {
        auto& q = sql("SELECT streak FROM priority_streaks WHERE service = ?");
        q.bind(1, service);
        return q.executeStep() ? q.getColumn(0).getInt() : 0;
    }

    void end_visit(std::int64_t ticket_id, std::string_view outcome) {
        auto& q = sql(
            "UPDATE visits SET ended_ms = ?, outcome = ? WHERE ticket_id = ? AND ended_ms IS NULL");
        q.bind(1, static_cast<std::int64_t>(to_millis(now)));
        q.bind(2, std::string(outcome));
        q.bind(3, static_cast<std::int64_t>(ticket_id));
        q.exec();
    }

    // Ends the counter's active ticket `t` in `final_state` (also its visit's outcome).
    Ticket end_active(Ticket t, const StaffRef& by, const char* final_state,
                      std::string_view event_type,
                      nlohmann::json extra = nlohmann::json::object()) {
        auto& q = sql("UPDATE tickets SET state = ?, finished_ms = ? WHERE id = ?");
        q.bind(1, final_state);
        q.bind(2, static_cast<std::int64_t>(to_millis(now)));
        q.bind(3, static_cast<std::int64_t>(t.id));
        q.exec();
        end_visit(t.id, final_state);
        t = ticket_by_id(t.id);
        nlohmann::json payload = ticket_payload(t, by);
        payload.update(extra);
        record(event_type, std::move(payload));
        return t;
    }

    // Records the start of service of the ticket and its open visit.
    void mark_started(std::int64_t ticket_id, TimePoint started) {
        auto& q = sql("UPDATE tickets SET state = 'serving', started_ms = ? WHERE id = ?");
        q.bind(1, static_cast<std::int64_t>(to_millis(started)));
        q.bind(2, static_cast<std::int64_t>(ticket_id));
        q.exec();
        auto& v = sql("UPDATE visits SET started_ms = ? WHERE ticket_id = ? AND ended_ms IS NULL");
        v.bind(1, static_cast<std::int64_t>(to_millis(started)));
        v.bind(2, static_cast<std::int64_t>(ticket_id));
        v.exec();
    }

    // Moves a waiting, called or serving ticket to another service's line, keeping its place
    // by original arrival. `by`: the counter staff who sent it on, if it came from a counter.
    Ticket transfer_ticket(Ticket t, std::string_view to_service, const std::string& note,
                           const StaffRef* by) {
        require_state(t, {TicketState::Waiting, TicketState::Called, TicketState::Serving},
                      "transfer");
        const ServiceDef* target = config.find_service(to_service);
        if (!target) {
            throw QueueError("unknown_service",
                             "service '" + std::string(to_service) + "' does not exist");
        }
        if (target->id == t.service) {
            throw QueueError("invalid_request", t.number + " already waits for " + target->id);
        }
        if (note.size() > 500)
            throw QueueError("invalid_request", "note is longer than 500 characters");
        const std::string from_service = t.service;
        const std::optional<int> from_counter = t.counter;
        end_visit(t.id, "transferred");
        auto& q = sql(
            "UPDATE tickets SET state = 'waiting', service = ?, counter = NULL, called_ms = NULL, "
            "started_ms = NULL, call_count = 0, note = ? WHERE id = ?");
        q.bind(1, target->id);
        q.bind(2, note);
        q.bind(3, static_cast<std::int64_t>(t.id));
        q.exec();
        t = ticket_by_id(t.id);
        nlohmann::json payload = by ? ticket_payload(t, *by) : ticket_payload(t);
        protocol::add_transfer_origin(payload, from_service, from_counter);
        record(protocol::event::ticket_transferred, std::move(payload));
        return t;
    }

    // Issues a ticket (QueueStore::issue); extra is merged into the "ticket.issued" payload.
    IssueResult issue_ticket(const IssueRequest& request, const nlohmann::json& extra) {
        if (request.idempotency_key.size() > 128) {
            throw QueueError("invalid_request", "idempotency_key is longer than 128 characters");
        }
        if (request.permit_id.size() > 128) {
            throw QueueError("invalid_request", "permit_id is longer than 128 characters");
        }
        IssueResult result;
        if (!request.idempotency_key.empty()) {
            if (auto earlier = ticket_where("idempotency_key = ?", request.idempotency_key)) {
                if (earlier->origin_service != request.service ||
                    earlier->priority != request.priority ||
                    earlier->permit_id != request.permit_id) {
                    throw QueueError("idempotency_conflict",
                                     "idempotency_key was already used for a different ticket");
                }
                result.ticket = *earlier;
                result.replayed = true;
                result.people_ahead = people_ahead(*earlier);
                result.estimate = estimate(earlier->service, result.people_ahead);
                return result;
            }
        }
        const ServiceDef* service = config.find_service(request.service);
        if (!service) {
            throw QueueError("unknown_service", "service '" + request.service + "' does not exist");
        }
        const OpenStatus open = check_open(config, now);
        if (!open.open) {
            std::string message = "tickets are not issued now (" + open.reason + ")";
            if (open.next_open) {
                const LocalTime next = to_local(*open.next_open, config.zone);
                message += "; next opening " + format_date_iso(next.date) + " " +
                           format_clock(next.minute_of_day) + " " +
                           std::string(zone_name(config.zone));
            }
            throw QueueError("office_closed", message);
        }

        auto& seq =
            sql("INSERT INTO sequences (local_date, service, last) VALUES (?, ?, 1) "
                "ON CONFLICT (local_date, service) DO UPDATE SET last = last + 1 RETURNING last");
        seq.bind(1, today);
        seq.bind(2, service->id);
        seq.executeStep();
        const int sequence = seq.getColumn(0).getInt();
        seq.reset();

        auto& insert = sql(
            "INSERT INTO tickets (local_date, origin_service, seq, number, service, priority, "
            "is_priority, permit_id, state, issued_ms, arrival_ms, status_token, idempotency_key, "
            "permit_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'waiting', ?, ?, ?, ?, ?)");
        insert.bind(1, today);
        insert.bind(2, service->id);
        insert.bind(3, sequence);
        insert.bind(4, format_ticket_number(service->prefix, sequence));
        insert.bind(5, service->id);
        insert.bind(6, std::string(to_string(request.priority)));
        insert.bind(7, request.priority != Priority::None ? 1 : 0);
        insert.bind(8, request.permit_id);
        insert.bind(9, static_cast<std::int64_t>(to_millis(now)));
        insert.bind(10, static_cast<std::int64_t>(to_millis(now)));
        insert.bind(11, status_token(now));
        if (request.idempotency_key.empty()) {
            insert.bind(12);
        } else {
            insert.bind(12, request.idempotency_key);
        }
        if (request.permit_version > 0)
            insert.bind(13, request.permit_version);
        else
            insert.bind(13);
        insert.exec();

        result.ticket = ticket_by_id(db.getLastInsertRowid());
        result.people_ahead = people_ahead_of_newest(result.ticket);
        result.estimate = estimate(service->id, result.people_ahead);
        nlohmann::json payload = ticket_payload(result.ticket);
        protocol::add_issue_estimate(payload, result.people_ahead, result.estimate);
        payload.update(extra);
        record(protocol::event::ticket_issued, std::move(payload));
        return result;
    }

    // The one atomic claim: the row changes only if it is still waiting.
    Ticket claim(const Ticket& t, int counter, const StaffRef& by) {
        auto& q = sql(
            "UPDATE tickets SET state = 'called', counter = ?, called_ms = ?, started_ms = NULL, "
            "call_count = 1 WHERE id = ? AND state = 'waiting'");
        q.bind(1, counter);
        q.bind(2, static_cast<std::int64_t>(to_millis(now)));
        q.bind(3, static_cast<std::int64_t>(t.id));
        if (q.exec() != 1) {
            throw QueueError("conflict", t.number + " was taken by another counter");
        }
        auto& visit =
            sql("INSERT INTO visits (ticket_id, service, counter, called_ms) VALUES (?, ?, ?, ?)");
        visit.bind(1, static_cast<std::int64_t>(t.id));
        visit.bind(2, t.service);
        visit.bind(3, counter);
        visit.bind(4, static_cast<std::int64_t>(to_millis(now)));
        visit.exec();
        set_streak(t.service, t.priority != Priority::None);
        Ticket called = ticket_by_id(t.id);
        record(protocol::event::ticket_called, ticket_payload(called, by));
        return called;
    }

    // The service's line by the kept counts (waiting_counts, priority_streaks): two small
    // reads instead of counting rows, as issuing needs it.
    LineCounts line_counts(const std::string& local_date, const std::string& service) {
        LineCounts line;
        auto& q = sql(
            "SELECT is_priority, waiting FROM waiting_counts WHERE local_date = ? AND service = ?");
        q.bind(1, local_date);
        q.bind(2, service);
        while (q.executeStep())
            (q.getColumn(0).getInt() ? line.priority_waiting : line.normal_waiting) +=
                q.getColumn(1).getInt();
        line.priority_streak = streak(service);
        const ServiceDef* def = config.find_service(service);
        line.priority_max_in_row =
            def ? def->priority_max_in_row : ServiceDef{}.priority_max_in_row;
        return line;
    }

    // The line as the other tickets make it: the counts include the ticket asked about.
    static void leave_out(LineCounts& line, bool priority) {
        int& own = priority ? line.priority_waiting : line.normal_waiting;
        own = std::max(0, own - 1);
    }

    // Tickets "call next" takes before t, by the ratio rule (people_ahead_by_rule).
    int people_ahead(const Ticket& t) {
        if (t.state != TicketState::Waiting)
            return 0;
        const bool priority = t.priority != Priority::None;
        auto& q = sql(
            "SELECT COUNT(*) FROM tickets WHERE local_date = ? AND service = ? AND state = "
            "'waiting' AND is_priority = ? AND (arrival_ms < ? OR (arrival_ms = ? AND id < ?))");
        q.bind(1, t.local_date);
        q.bind(2, t.service);
        q.bind(3, priority ? 1 : 0);
        q.bind(4, static_cast<std::int64_t>(to_millis(t.arrival_at)));
        q.bind(5, static_cast<std::int64_t>(to_millis(t.arrival_at)));
        q.bind(6, static_cast<std::int64_t>(t.id));
        q.executeStep();
        const int earlier = q.getColumn(0).getInt();
        q.reset();
        LineCounts line = line_counts(t.local_date, t.service);
        leave_out(line, priority);
        return people_ahead_by_rule(line, priority, earlier);
    }

    // A ticket just issued is last of its class in its line (its arrival is now): everyone of
    // its class waiting is before it, read from the kept counts, not counted.
    int people_ahead_of_newest(const Ticket& t) {
        const bool priority = t.priority != Priority::None;
        LineCounts line = line_counts(t.local_date, t.service);
        leave_out(line, priority);
        return people_ahead_by_rule(line, priority,
                                    priority ? line.priority_waiting : line.normal_waiting);
    }

    // People ahead of a normal ticket taken now (the kiosk's and the screens' figure).
    int people_ahead_of_next_normal(const std::string& service) {
        const LineCounts line = line_counts(today, service);
        return people_ahead_by_rule(line, false, line.normal_waiting);
    }

    struct OpenCounters {
        int open = 0;
        int idle = 0;  // open with no ticket called or being served
    };

    OpenCounters open_counters_for(const std::string& service) {
        std::vector<int> serving;
        auto& q = sql("SELECT number FROM counters WHERE state = 'open'");
        while (q.executeStep()) {
            const CounterDef* c = config.find_counter(q.getColumn(0).getInt());
            if (c &&
                std::find(c->services.begin(), c->services.end(), service) != c->services.end())
                serving.push_back(c->number);
        }
        q.reset();
        OpenCounters counters;
        counters.open = static_cast<int>(serving.size());
        auto& busy =
            sql("SELECT EXISTS (SELECT 1 FROM tickets WHERE counter = ? AND state IN ('called', "
                "'serving'))");
        for (const int number : serving) {
            busy.bind(1, number);
            busy.executeStep();
            counters.idle += busy.getColumn(0).getInt() ? 0 : 1;
            busy.reset();
        }
        return counters;
    }

    std::vector<double> recent_service_minutes(const std::string& service) {
        std::vector<double> minutes;
        auto& q =
            sql("SELECT ended_ms - called_ms FROM visits WHERE service = ? AND outcome = 'done' "
                "ORDER BY ended_ms DESC LIMIT 20");
        q.bind(1, service);
        while (q.executeStep())
            minutes.push_back(q.getColumn(0).getInt64() / 60000.0);
        return minutes;
    }

    WaitEstimate estimate(const std::string& service, int ahead) {
        const ServiceDef* def = config.find_service(service);
        const OpenCounters counters = open_counters_for(service);
        return estimate_wait(ahead, counters.open, counters.idle, recent_service_minutes(service),
                             def ? def->default_service_minutes : 5);
    }

    CounterStatus counter_status(int number) {
        const CounterDef& def = counter_def(number);
        CounterStatus status;
        status.number = number;
        status.name = def.name;
        status.services = def.services;
        auto& q = sql("SELECT state, pause_reason, staff, since_ms FROM counters WHERE number = ?");
        q.bind(1, number);
        if (q.executeStep()) {
            const std::string state = q.getColumn(0).getString();
            status.state = state == "open"     ? CounterState::Open
                           : state == "paused" ? CounterState::Paused
                                               : CounterState::Closed;
            status.pause_reason = q.getColumn(1).getString();
            status.staff = q.getColumn(2).getString();
            status.since = optional_time(q.getColumn(3));
        }
        status.current = active_ticket(number);
        return status;
    }

    std::vector<CounterStatus> all_counters() {
        std::vector<CounterStatus> all;
        for (const auto& c : config.counters)
            all.push_back(counter_status(c.number));
        return all;
    }

    std::vector<ServiceSummary> service_summaries() {
        const auto counts = waiting_counts();
        std::vector<ServiceSummary> summaries;
        for (const auto& s : config.services) {
            ServiceSummary summary;
            summary.id = s.id;
            summary.waiting = counts.at(s.id);
            summary.open_counters = open_counters_for(s.id).open;
            summary.people_ahead = people_ahead_of_next_normal(s.id);
            summary.estimate = estimate(s.id, summary.people_ahead);
            summaries.push_back(std::move(summary));
        }
        return summaries;
    }

    std::vector<Event> recent_call_events(int limit) {
        std::vector<Event> found;
        auto& q =
            sql("SELECT id, type, at_ms, payload FROM events WHERE type IN ('ticket.called', "
                "'ticket.recalled') AND at_ms >= ? ORDER BY id DESC LIMIT ?");
        q.bind(1, static_cast<std::int64_t>(start_of_today_ms(config, now)));
        q.bind(2, std::clamp(limit, 0, 1000));
        while (q.executeStep())
            found.push_back(read_event(q, "event log"));
        return found;
    }

    std::int64_t last_event_id() {
        auto& q = sql("SELECT COALESCE(MAX(id), 0) FROM events");
        q.executeStep();
        return q.getColumn(0).getInt64();
    }

    // Sets the counter's state and records the event naming `by`; make_holder: `by` becomes
    // the staff member who operates it.
    CounterStatus set_counter(int number, CounterState state, const std::string& reason,
                              const StaffRef& by, bool make_holder, std::string_view event_type) {
        auto& q = sql(
            "INSERT INTO counters (number, state, pause_reason, staff, since_ms) VALUES (?, ?, ?, "
            "?, ?) ON CONFLICT (number) DO UPDATE SET state = excluded.state, pause_reason = "
            "excluded.pause_reason, staff = CASE WHEN ? THEN excluded.staff ELSE staff END, "
            "since_ms = excluded.since_ms");
        q.bind(1, number);
        q.bind(2, std::string(to_string(state)));
        q.bind(3, reason);
        q.bind(4, make_holder ? by.name : std::string());
        q.bind(5, static_cast<std::int64_t>(to_millis(now)));
        q.bind(6, make_holder ? 1 : 0);
        q.exec();
        CounterStatus status = counter_status(number);
        record(event_type, protocol::counter_event_payload(status, by, waiting_counts()));
        return status;
    }
};

QueueStore::QueueStore(const std::filesystem::path& db_path, OfficeConfig config,
                       StoreOptions options)
    : config_(std::make_shared<const OfficeConfig>(std::move(config))) {
    validate_office_config(*config_, "office configuration");
    db_ = open_database(db_path, options);
    // Reads get a connection of their own: in WAL mode they then never wait behind a
    // batch's fsync.
    read_db_ = open_database(db_path, options);
    try {
        sync_counters();
        statements_ = std::make_unique<Statements>(*db_);
        read_statements_ = std::make_unique<Statements>(*read_db_);
    } catch (const SQLite::Exception& e) {
        throw StorageError("cannot open queue database " + db_path.string() + ": " + e.what());
    }
}

QueueStore::~QueueStore() {
    // Statements must be finalized before their connections close.
    statements_.reset();
    read_statements_.reset();
}

std::shared_ptr<const OfficeConfig> QueueStore::config() const {
    std::lock_guard lock(config_mutex_);
    return config_;
}

void QueueStore::sync_counters() {
    const auto config = this->config();
    std::lock_guard lock(mutex_);
    SQLite::Transaction tx(*db_, SQLite::TransactionBehavior::IMMEDIATE);
    SQLite::Statement q(*db_, "INSERT OR IGNORE INTO counters (number) VALUES (?)");
    for (const auto& c : config->counters) {
        q.reset();
        q.bind(1, c.number);
        q.exec();
    }
    tx.commit();
}

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

// Group commit: writes that arrive while a batch commits wait and go together in the next
// transaction, so many concurrent requests share one fsync. Each write runs in its own
// SAVEPOINT: a refused write rolls back alone and the others still commit. Each waiting write
// has its own wake-up, and leadership passes to the oldest waiting write, so a batch wakes only
// its own writers (not every thread) and the next batch starts while this one is published.
void QueueStore::submit(PendingWrite& job) {
    std::unique_lock lock(queue_mutex_);
    pending_.push_back(&job);
    if (!leader_active_) {
        leader_active_ = true;
        job.leads = true;
    }
    job.wake.wait(lock, [&] { return job.done || job.leads; });
    if (job.done)
        return;
    // The leader's own write is at the front: leadership only ever passes to the oldest write.
    std::vector<PendingWrite*> batch;
    while (!pending_.empty() && batch.size() < kMaxBatch) {
        batch.push_back(pending_.front());
        pending_.pop_front();
    }
    lock.unlock();
    EventListener listener;
    std::vector<Event> events = run_batch(batch, listener);
    // Taken before the next leader is named, so listeners see batches in commit order.
    std::unique_lock publishing(publish_mutex_);
    lock.lock();
    if (pending_.empty()) {
        leader_active_ = false;
    } else {
        pending_.front()->leads = true;
        pending_.front()->wake.notify_one();
    }
    lock.unlock();
    if (listener && !events.empty()) {
        try {
            listener(events);
        } catch (...) {
            // The batch is committed and will be acknowledged; a listener that fails loses only
            // this notification, and streams catch up from the event log.
        }
    }
    publishing.unlock();
    lock.lock();
    for (PendingWrite* written : batch) {
        written->done = true;
        if (written != &job)
            written->wake.notify_one();
    }
}

std::vector<Event> QueueStore::run_batch(const std::vector<PendingWrite*>& batch,
                                         EventListener& listener) {
    std::unique_lock db_lock(mutex_);
    const auto config = this->config();
    try {
        SQLite::Transaction transaction(*db_, SQLite::TransactionBehavior::IMMEDIATE);
        ResetStatementsOnExit reset{*statements_};
        SQLite::Statement& savepoint = statements_->get("SAVEPOINT queue_write");
        SQLite::Statement& release = statements_->get("RELEASE queue_write");
        SQLite::Statement& rollback = statements_->get("ROLLBACK TO queue_write");
        const auto undo = [&] {
            statements_->reset_used();
            rollback.exec();
            rollback.reset();
            release.exec();
            release.reset();
        };
        for (PendingWrite* job : batch) {
            savepoint.exec();
            savepoint.reset();
            Tx tx{*db_, *statements_, *config, job->now, today_of(*config, job->now), {}, {}};
            try {
                job->run(tx);
                statements_->reset_used();
                release.exec();
                release.reset();
                job->events = std::move(tx.events);
                job->after_commit = std::move(tx.after_commit);
            } catch (const SQLite::Exception& e) {
                undo();
                job->error = std::make_exception_ptr(
                    StorageError(std::string("queue database error: ") + e.what()));
            } catch (...) {
                undo();
                job->error = std::current_exception();
            }
        }
        transaction.commit();
    } catch (const SQLite::Exception& e) {
        // Nothing of the batch was committed: no write of it is acknowledged.
        for (PendingWrite* job : batch) {
            job->events.clear();
            if (!job->error) {
                job->error = std::make_exception_ptr(
                    StorageError(std::string("queue database error: ") + e.what()));
            }
        }
        return {};
    }
    for (PendingWrite* job : batch) {
        if (job->after_commit)
            job->after_commit();
    }
    std::vector<Event> events;
    for (PendingWrite* job : batch) {
        events.insert(events.end(), std::make_move_iterator(job->events.begin()),
                      std::make_move_iterator(job->events.end()));
    }
    listener = listener_;
    return events;
}

template <typename Fn>
auto QueueStore::read(TimePoint now, Fn&& fn) const {
    const auto config = this->config();
    std::unique_lock lock(read_mutex_);
    try {
        SQLite::Transaction transaction(*read_db_, SQLite::TransactionBehavior::DEFERRED);
        ResetStatementsOnExit reset{*read_statements_};
        Tx tx{*read_db_, *read_statements_, *config, now, today_of(*config, now), {}, {}};
        return fn(tx);
    } catch (const SQLite::Exception& e) {
        throw StorageError(std::string("queue database error: ") + e.what());
    }
}

ResetStatementsOnExit::~ResetStatementsOnExit() {
    statements.reset_used();
}

void QueueStore::set_event_listener(EventListener listener) {
    std::lock_guard lock(mutex_);
    listener_ = std::move(listener);
}

void QueueStore::set_config(OfficeConfig config) {
    validate_office_config(config, "office configuration");
    {
        std::lock_guard lock(config_mutex_);
        config_ = std::make_shared<const OfficeConfig>(std::move(config));
    }
    sync_counters();
}

OfficeConfig QueueStore::save_config(OfficeConfig config, const std::string& saved_by,
                                     TimePoint now) {
    validate_office_config(config, "settings");
    OfficeConfig saved = write(now, [&](Tx& tx) {
        for (std::size_t i = 0; i < tx.config.services.size(); ++i) {
            const ServiceDef& old = tx.config.services[i];
            if (config.find_service(old.id))
                continue;
            auto& q = tx.sql(
                "SELECT COUNT(*) FROM tickets WHERE local_date = ? AND service = ? AND state IN "
                "('waiting', 'called', 'serving')");
            q.bind(1, tx.today);
            q.bind(2, old.id);
            q.executeStep();
            if (const int open = q.getColumn(0).getInt(); open > 0) {
                throw InputError("settings", "services",
                                 "service '" + old.id + "' cannot be removed while " +
                                     std::to_string(open) + " of its tickets are open today");
            }
        }
        for (std::size_t i = 0; i < config.services.size(); ++i) {
            const ServiceDef& s = config.services[i];
            auto& q = tx.sql(
                "SELECT origin_service FROM tickets WHERE local_date = ? AND number LIKE ? AND "
                "origin_service <> ? LIMIT 1");
            q.bind(1, tx.today);
            q.bind(2, std::string(1, s.prefix) + "-%");
            q.bind(3, s.id);
            if (q.executeStep()) {
                throw InputError("settings", "services[" + std::to_string(i) + "].prefix",
                                 std::string("letter ") + s.prefix + " was used today by '" +
                                     q.getColumn(0).getString() + "'; change it tomorrow");
            }
        }
        auto& store = tx.sql(
            "INSERT INTO settings (key, value, saved_ms, saved_by) VALUES ('office', ?, ?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value, saved_ms = "
            "excluded.saved_ms, saved_by = excluded.saved_by");
        store.bind(1, to_json(config).dump());
        store.bind(2, static_cast<std::int64_t>(to_millis(now)));
        store.bind(3, saved_by);
        store.exec();
        auto& counter = tx.sql("INSERT OR IGNORE INTO counters (number) VALUES (?)");
        for (const auto& c : config.counters) {
            counter.reset();
            counter.bind(1, c.number);
            counter.exec();
        }
        tx.record(protocol::event::settings_changed,
                  protocol::settings_changed_payload(config, saved_by));
        // In force before "settings.changed" goes out, so a screen that reloads on the event
        // reads the new settings.
        tx.after_commit = [this, config] {
            std::lock_guard lock(config_mutex_);
            config_ = std::make_shared<const OfficeConfig>(config);
        };
        return config;
    });
    return saved;
}

std::optional<OfficeConfig> QueueStore::saved_config() const {
    return read(now_utc(), [&](Tx& tx) -> std::optional<OfficeConfig> {
        auto& q = tx.sql("SELECT value FROM settings WHERE key = 'office'");
        if (!q.executeStep())
            return std::nullopt;
        const auto doc = nlohmann::json::parse(q.getColumn(0).getString(), nullptr, false);
        if (doc.is_discarded())
            throw StorageError("saved settings are unreadable");
        return office_config_from_json(doc, "saved settings");
    });
}

IssueResult QueueStore::issue(const IssueRequest& request, TimePoint now) {
    return write(now, [&](Tx& tx) { return tx.issue_ticket(request, nlohmann::json::object()); });
}

TicketPosition QueueStore::status_by_token(std::string_view token, TimePoint now) const {
    return read(now, [&](Tx& tx) {
        auto t = tx.ticket_where("status_token = ?", std::string(token));
        if (!t)
            throw QueueError("not_found", "no ticket has this status token");
        TicketPosition position;
        position.ticket = *t;
        position.people_ahead = tx.people_ahead(*t);
        position.estimate = tx.estimate(t->service, position.people_ahead);
        return position;
    });
}

Ticket QueueStore::set_print_status(std::int64_t ticket_id, PrintStatus status, std::string problem,
                                    TimePoint now) {
    return write(now, [&](Tx& tx) {
        tx.ticket_by_id(ticket_id);
        auto& q = tx.sql("UPDATE tickets SET print_status = ?, print_problem = ? WHERE id = ?");
        q.bind(1, std::string(to_string(status)));
        q.bind(2, problem);
        q.bind(3, static_cast<std::int64_t>(ticket_id));
        q.exec();
        Ticket t = tx.ticket_by_id(ticket_id);
        tx.record(protocol::event::ticket_print_status, tx.ticket_payload(t));
        return t;
    });
}

CounterStatus QueueStore::open_counter(int counter, const StaffRef& by, TimePoint now) {
    return write(now, [&](Tx& tx) {
        tx.require_holder(counter, by);
        return tx.set_counter(counter, CounterState::Open, "", by, true,
                              protocol::event::counter_opened);
    });
}

CounterStatus QueueStore::close_counter(int counter, const StaffRef& by, TimePoint now) {
    return write(now, [&](Tx& tx) {
        const CounterDef& def = tx.counter_def(counter);
        tx.require_holder(counter, by);
        if (auto active = tx.active_ticket(counter)) {
            throw QueueError("counter_busy", def.name + " still has " + active->number +
                                                 "; finish, mark no-show or transfer it first");
        }
        return tx.set_counter(counter, CounterState::Closed, "", by, false,
                              protocol::event::counter_closed);
    });
}

CounterStatus QueueStore::pause_counter(int counter, const StaffRef& by, std::string reason,
                                        TimePoint now) {
    return write(now, [&](Tx& tx) {
        const CounterDef& def = tx.counter_def(counter);
        if (reason.empty())
            throw QueueError("invalid_request", "a pause needs a reason");
        tx.require_holder(counter, by);
        if (tx.counter_state(counter) != CounterState::Open) {
            throw QueueError("invalid_state", def.name + " is not open");
        }
        if (auto active = tx.active_ticket(counter)) {
            throw QueueError("counter_busy", def.name + " still has " + active->number +
                                                 "; finish, mark no-show or transfer it first");
        }
        return tx.set_counter(counter, CounterState::Paused, reason, by, false,
                              protocol::event::counter_paused);
    });
}

CounterStatus QueueStore::resume_counter(int counter, const StaffRef& by, TimePoint now) {
    return write(now, [&](Tx& tx) {
        const CounterDef& def = tx.counter_def(counter);
        tx.require_holder(counter, by);
        if (tx.counter_state(counter) != CounterState::Paused) {
            throw QueueError("invalid_state", def.name + " is not paused");
        }
        return tx.set_counter(counter, CounterState::Open, "", by, false,
                              protocol::event::counter_resumed);
    });
}

CounterStatus QueueStore::take_over(int counter, const StaffRef& by,
                                    std::string_view expected_holder, bool forced, TimePoint now) {
    return write(now, [&](Tx& tx) {
        const CounterDef& def = tx.counter_def(counter);
        if (tx.counter_state(counter) == CounterState::Closed) {
            throw QueueError("counter_closed", def.name + " is closed; open it instead");
        }
        const std::string previous = tx.holder(counter);
        if (previous != expected_holder) {
            throw QueueError("counter_taken_by_other",
                             def.name + " changed hands meanwhile; it is now operated by " +
                                 (previous.empty() ? std::string("nobody") : previous),
                             {{"holder", {{"name", previous}}}});
        }
        if (previous == by.name)
            return tx.counter_status(counter);  // already theirs: nothing to record
        auto& q = tx.sql("UPDATE counters SET staff = ? WHERE number = ?");
        q.bind(1, by.name);
        q.bind(2, counter);
        q.exec();
        const CounterStatus status = tx.counter_status(counter);
        tx.record(protocol::event::counter_taken_over,
                  protocol::counter_taken_over_payload(status, by, previous, forced,
                                                       tx.waiting_counts()));
        return status;
    });
}

std::optional<int> QueueStore::counter_held_by(std::string_view staff) const {
    return read(now_utc(), [&](Tx& tx) -> std::optional<int> {
        if (staff.empty())
            return std::nullopt;
        auto& q = tx.sql(
            "SELECT number FROM counters WHERE staff = ? AND state IN ('open', 'paused') "
            "ORDER BY number");
        q.bind(1, std::string(staff));
        while (q.executeStep()) {
            const int number = q.getColumn(0).getInt();
            if (tx.config.find_counter(number))  // not one removed from the settings
                return number;
        }
        return std::nullopt;
    });
}

std::optional<Ticket> QueueStore::call_next(int counter, const StaffRef& by, TimePoint now) {
    return write(now, [&](Tx& tx) -> std::optional<Ticket> {
        tx.require_holder(counter, by);
        tx.require_ready_to_call(counter);
        std::vector<ServiceHeads> heads;
        for (const auto& service_id : tx.counter_def(counter).services) {
            const ServiceDef* service = tx.config.find_service(service_id);
            if (!service)
                continue;
            ServiceHeads h;
            h.service = service_id;
            h.priority_max_in_row = service->priority_max_in_row;
            h.priority_streak = tx.streak(service_id);
            const std::string head_sql =
                "local_date = ? AND service = ? AND state = 'waiting' AND is_priority = ? "
                "ORDER BY arrival_ms, id LIMIT 1";
            h.first_priority = tx.ticket_where(head_sql, tx.today, service_id, 1);
            h.first_normal = tx.ticket_where(head_sql, tx.today, service_id, 0);
            heads.push_back(std::move(h));
        }
        const auto chosen = choose_next(heads);
        if (!chosen)
            return std::nullopt;
        return tx.claim(*chosen, counter, by);
    });
}

Ticket QueueStore::call_number(int counter, const StaffRef& by, std::string_view number,
                               TimePoint now) {
    return write(now, [&](Tx& tx) {
        tx.require_holder(counter, by);
        tx.require_ready_to_call(counter);
        Ticket t = tx.ticket_today(number);
        tx.require_state(t, {TicketState::Waiting}, "call");
        const auto& services = tx.counter_def(counter).services;
        if (std::find(services.begin(), services.end(), t.service) == services.end()) {
            throw QueueError("wrong_service", t.number + " waits for " + t.service +
                                                  ", which this counter does not serve; "
                                                  "transfer it first");
        }
        return tx.claim(t, counter, by);
    });
}

Ticket QueueStore::recall(int counter, const StaffRef& by, TimePoint now) {
    return write(now, [&](Tx& tx) {
        tx.require_holder(counter, by);
        Ticket t = tx.require_active(counter);
        tx.require_state(t, {TicketState::Called}, "recall");
        auto& q = tx.sql("UPDATE tickets SET call_count = call_count + 1 WHERE id = ?");
        q.bind(1, static_cast<std::int64_t>(t.id));
        q.exec();
        t = tx.ticket_by_id(t.id);
        tx.record(protocol::event::ticket_recalled, tx.ticket_payload(t, by));
        return t;
    });
}

Ticket QueueStore::start_serving(int counter, const StaffRef& by, TimePoint now) {
    return write(now, [&](Tx& tx) {
        tx.require_holder(counter, by);
        Ticket t = tx.require_active(counter);
        tx.require_state(t, {TicketState::Called}, "start serving");
        tx.mark_started(t.id, now);
        t = tx.ticket_by_id(t.id);
        tx.record(protocol::event::ticket_started, tx.ticket_payload(t, by));
        return t;
    });
}

Ticket QueueStore::finish(int counter, const StaffRef& by, TimePoint now) {
    return write(now, [&](Tx& tx) {
        tx.require_holder(counter, by);
        Ticket t = tx.require_active(counter);
        tx.require_state(t, {TicketState::Called, TicketState::Serving}, "finish");
        const bool implicit_start = t.state == TicketState::Called;
        if (implicit_start) {
            // Served without pressing Start. The service began when the applicant reached the
            // counter, moments after the call, so the call time is the closest moment known;
            // the finish time would record a service of zero minutes and skew every service
            // figure. Waiting time (issued to called) and service time (started to finished)
            // both stay readable from the one "ticket.finished" event's ticket.
            tx.mark_started(t.id, t.called_at.value_or(now));
        }
        return tx.end_active(t, by, "done", protocol::event::ticket_finished,
                             protocol::finish_facts(implicit_start));
    });
}

Ticket QueueStore::no_show(int counter, const StaffRef& by, TimePoint now) {
    return write(now, [&](Tx& tx) {
        tx.require_holder(counter, by);
        Ticket t = tx.require_active(counter);
        tx.require_state(t, {TicketState::Called}, "mark as no-show");
        return tx.end_active(t, by, "no_show", protocol::event::ticket_no_show);
    });
}

Ticket QueueStore::transfer_from_counter(int counter, const StaffRef& by,
                                         std::string_view to_service, std::string note,
                                         TimePoint now) {
    return write(now, [&](Tx& tx) {
        tx.require_holder(counter, by);
        return tx.transfer_ticket(tx.require_active(counter), to_service, note, &by);
    });
}

Ticket QueueStore::reactivate(std::string_view number, const StaffRef& by, TimePoint now) {
    return write(now, [&](Tx& tx) {
        // ticket_today only finds today's tickets: a no-show is reactivated the same day only.
        Ticket t = tx.ticket_today(number);
        tx.require_state(t, {TicketState::NoShow}, "reactivate");
        auto& q = tx.sql(
            "UPDATE tickets SET state = 'waiting', counter = NULL, called_ms = NULL, "
            "started_ms = NULL, finished_ms = NULL, call_count = 0 WHERE id = ?");
        q.bind(1, static_cast<std::int64_t>(t.id));
        q.exec();
        t = tx.ticket_by_id(t.id);
        tx.record(protocol::event::ticket_reactivated, tx.ticket_payload(t, by));
        return t;
    });
}

Ticket QueueStore::transfer(std::string_view number, const StaffRef& by,
                            std::string_view to_service, std::string note, TimePoint now) {
    return write(now, [&](Tx& tx) {
        return tx.transfer_ticket(tx.ticket_today(number), to_service, note, &by);
    });
}

Ticket QueueStore::cancel(std::string_view number, const StaffRef& by, std::string reason,
                          TimePoint now) {
    return write(now, [&](Tx& tx) {
        Ticket t = tx.ticket_today(number);
        tx.require_state(
            t,
            {TicketState::Waiting, TicketState::Called, TicketState::Serving, TicketState::NoShow},
            "cancel");
        if (reason.size() > 500)
            throw QueueError("invalid_request", "reason is longer than 500 characters");
        tx.end_visit(t.id, "cancelled");
        auto& q = tx.sql(
            "UPDATE tickets SET state = 'cancelled', finished_ms = ?, note = ? WHERE id = ?");
        q.bind(1, static_cast<std::int64_t>(to_millis(now)));
        q.bind(2, reason);
        q.bind(3, static_cast<std::int64_t>(t.id));
        q.exec();
        t = tx.ticket_by_id(t.id);
        tx.record(protocol::event::ticket_cancelled, tx.ticket_payload(t, by));
        return t;
    });
}

std::optional<Ticket> QueueStore::find_ticket(std::string_view number, TimePoint now) const {
    return read(now, [&](Tx& tx) -> std::optional<Ticket> {
        try {
            return tx.ticket_today(number);
        } catch (const QueueError&) {
            return std::nullopt;
        }
    });
}

std::vector<Ticket> QueueStore::waiting(const std::vector<std::string>& services,
                                        TimePoint now) const {
    return read(now, [&](Tx& tx) {
        std::vector<Ticket> tickets;
        for (const auto& service : services) {
            auto& q = tx.sql(std::string("SELECT ") + kTicketColumns +
                             " FROM tickets WHERE local_date = ? AND service = ? AND state = "
                             "'waiting' ORDER BY is_priority DESC, arrival_ms, id");
            q.bind(1, tx.today);
            q.bind(2, service);
            while (q.executeStep())
                tickets.push_back(read_ticket(q));
        }
        if (services.size() > 1) {
            std::stable_sort(tickets.begin(), tickets.end(), [](const Ticket& a, const Ticket& b) {
                const bool pa = a.priority != Priority::None, pb = b.priority != Priority::None;
                if (pa != pb)
                    return pa;
                if (a.arrival_at != b.arrival_at)
                    return a.arrival_at < b.arrival_at;
                return a.id < b.id;
            });
        }
        return tickets;
    });
}

std::vector<CounterStatus> QueueStore::counters() const {
    return read(now_utc(), [&](Tx& tx) { return tx.all_counters(); });
}

CounterStatus QueueStore::counter(int number) const {
    return read(now_utc(), [&](Tx& tx) { return tx.counter_status(number); });
}

std::vector<ServiceSummary> QueueStore::services(TimePoint now) const {
    return read(now, [&](Tx& tx) { return tx.service_summaries(); });
}

CounterDayStats QueueStore::counter_day_stats(int counter, TimePoint now) const {
    return read(now, [&](Tx& tx) {
        CounterDayStats stats;
        auto& q = tx.sql(
            "SELECT SUM(outcome = 'done'), SUM(outcome = 'no_show'), "
            "AVG(CASE WHEN outcome = 'done' THEN ended_ms - called_ms END) "
            "FROM visits WHERE counter = ? AND called_ms >= ?");
        q.bind(1, counter);
        q.bind(2, static_cast<std::int64_t>(start_of_today_ms(tx.config, now)));
        if (q.executeStep()) {
            stats.served = q.getColumn(0).isNull() ? 0 : q.getColumn(0).getInt();
            stats.no_shows = q.getColumn(1).isNull() ? 0 : q.getColumn(1).getInt();
            if (!q.getColumn(2).isNull())
                stats.average_service_minutes = q.getColumn(2).getDouble() / 60000.0;
        }
        return stats;
    });
}

std::vector<Event> QueueStore::recent_calls(int limit, TimePoint now) const {
    return read(now, [&](Tx& tx) { return tx.recent_call_events(limit); });
}

FloorSnapshot QueueStore::snapshot(int recent_calls, TimePoint now) const {
    return read(now, [&](Tx& tx) {
        FloorSnapshot snap;
        snap.last_event_id = tx.last_event_id();
        snap.counters = tx.all_counters();
        snap.services = tx.service_summaries();
        snap.recent_calls = tx.recent_call_events(recent_calls);
        return snap;
    });
}

std::vector<Event> QueueStore::events_after(std::int64_t after_id, int limit) const {
    return read(now_utc(), [&](Tx& tx) {
        std::vector<Event> events;
        auto& q =
            tx.sql("SELECT id, type, at_ms, payload FROM events WHERE id > ? ORDER BY id LIMIT ?");
        q.bind(1, static_cast<std::int64_t>(after_id));
        q.bind(2, std::clamp(limit, 1, 100000));
        while (q.executeStep())
            events.push_back(read_event(q, "event log"));
        return events;
    });
}

std::int64_t QueueStore::last_event_id() const {
    return read(now_utc(), [&](Tx& tx) { return tx.last_event_id(); });
}

// The Tx of a write or read lent to another store through the StoreTransaction interface.
class LentTransaction final : public StoreTransaction {
  public:
    LentTransaction(QueueStore::Tx& tx, bool writable) : tx_(tx), writable_(writable) {}
    SQLite::Statement& sql(const std::string& text) override { return tx_.sql(text); }
    std::int64_t last_insert_id() override { return tx_.db.getLastInsertRowid(); }
    void record(std::string_view type, nlohmann::json payload) override {
        if (!writable_)
            throw std::logic_error("an event cannot be recorded in a read transaction");
        tx_.record(std::move(type), std::move(payload));
    }
    TimePoint now() const override { return tx_.now; }
    const OfficeConfig& config() const override { return tx_.config; }
    IssueResult issue_ticket(const IssueRequest& request, const nlohmann::json& extra) override {
        if (!writable_)
            throw std::logic_error("a ticket cannot be issued in a read transaction");
        return tx_.issue_ticket(request, extra);
    }
    std::optional<Ticket> find_ticket_by_id(std::int64_t id) override {
        return tx_.ticket_where("id = ?", id);
    }

  private:
    QueueStore::Tx& tx_;
    bool writable_;
};

void QueueStore::run_write(TimePoint now, const std::function<void(StoreTransaction&)>& fn) {
    write(now, [&](Tx& tx) {
        LentTransaction lent(tx, true);
        fn(lent);
        return true;
    });
}

void QueueStore::run_read(TimePoint now, const std::function<void(StoreTransaction&)>& fn) const {
    read(now, [&](Tx& tx) {
        LentTransaction lent(tx, false);
        fn(lent);
        return true;
    });
}

std::vector<Ticket> QueueStore::tickets_on(std::string_view local_date) const {
    return read(now_utc(), [&](Tx& tx) {
        std::vector<Ticket> tickets;
        auto& q = tx.sql(std::string("SELECT ") + kTicketColumns +
                         " FROM tickets WHERE local_date = ? ORDER BY id");
        q.bind(1, std::string(local_date));
        while (q.executeStep())
            tickets.push_back(read_ticket(q));
        return tickets;
    });
}

}  // namespace loket
