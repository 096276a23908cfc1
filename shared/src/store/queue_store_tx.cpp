// The queue's rules as Tx's members (queue_store_tx.hpp) and the row readers they share.
#include "queue_store_tx.hpp"

#include <sys/random.h>

#include <array>
#include <cerrno>
#include <cstdio>

namespace loket {

namespace queue_store_detail {

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
    t.called_at = nullable_time(q.getColumn(10));
    t.started_at = nullable_time(q.getColumn(11));
    t.finished_at = nullable_time(q.getColumn(12));
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

}  // namespace queue_store_detail

using namespace queue_store_detail;

std::string make_status_token(TimePoint at) {
    return status_token(at);
}

void QueueStore::Tx::record(std::string_view type, nlohmann::json payload) {
    if (!protocol::is_event_type(type))
        throw std::logic_error("event type not in loket/event_names.hpp: " + std::string(type));
    auto& q = sql("INSERT INTO events (type, at_ms, payload) VALUES (?, ?, ?)");
    q.bind(1, std::string(type));
    q.bind(2, static_cast<std::int64_t>(to_millis(now)));
    q.bind(3, payload.dump());
    q.exec();
    events.push_back(Event{db.getLastInsertRowid(), std::string(type), now, std::move(payload)});
}

Ticket QueueStore::Tx::ticket_today(std::string_view number) {
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

CounterState QueueStore::Tx::counter_state(int number) {
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
std::string QueueStore::Tx::holder(int number) {
    auto& q = sql("SELECT state, staff FROM counters WHERE number = ?");
    q.bind(1, number);
    if (!q.executeStep() || q.getColumn(0).getString() == "closed")
        return "";
    return q.getColumn(1).getString();
}

// Refuses an action on a counter another staff member operates. Checked inside the write,
// so a takeover and an action of the old holder cannot both pass.
void QueueStore::Tx::require_holder(int counter, const StaffRef& by) {
    const CounterDef& def = counter_def(counter);
    const std::string current = holder(counter);
    if (!current.empty() && current != by.name) {
        throw QueueError("counter_taken_by_other",
                         def.name + " is operated by " + current + "; take it over first",
                         {{"holder", {{"name", current}}}});
    }
}

Ticket QueueStore::Tx::require_active(int counter) {
    counter_def(counter);
    auto t = active_ticket(counter);
    if (!t) {
        throw QueueError("no_active_ticket",
                         "counter " + std::to_string(counter) + " has no called ticket");
    }
    return *t;
}

// A counter may take a new ticket only when open and free.
void QueueStore::Tx::require_ready_to_call(int counter) {
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

void QueueStore::Tx::require_state(const Ticket& t, std::initializer_list<TicketState> allowed,
                                   std::string_view action) {
    if (std::find(allowed.begin(), allowed.end(), t.state) != allowed.end())
        return;
    throw QueueError("invalid_state", "cannot " + std::string(action) + " " + t.number +
                                          ": it is " + std::string(to_string(t.state)));
}

std::map<std::string, int> QueueStore::Tx::waiting_counts() {
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

void QueueStore::Tx::set_streak(const std::string& service, bool priority_call) {
    auto& q =
        sql("INSERT INTO priority_streaks (service, streak) VALUES (?, ?) "
            "ON CONFLICT (service) DO UPDATE SET streak = CASE WHEN ? THEN streak + 1 ELSE 0 END");
    q.bind(1, service);
    q.bind(2, priority_call ? 1 : 0);
    q.bind(3, priority_call ? 1 : 0);
    q.exec();
}

void QueueStore::Tx::end_visit(std::int64_t ticket_id, std::string_view outcome) {
    auto& q =
        sql("UPDATE visits SET ended_ms = ?, outcome = ? WHERE ticket_id = ? AND ended_ms IS NULL");
    q.bind(1, static_cast<std::int64_t>(to_millis(now)));
    q.bind(2, std::string(outcome));
    q.bind(3, static_cast<std::int64_t>(ticket_id));
    q.exec();
}

// Ends the counter's active ticket `t` in `final_state` (also its visit's outcome).
Ticket QueueStore::Tx::end_active(Ticket t, const StaffRef& by, const char* final_state,
                                  std::string_view event_type, nlohmann::json extra) {
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
void QueueStore::Tx::mark_started(std::int64_t ticket_id, TimePoint started) {
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
Ticket QueueStore::Tx::transfer_ticket(Ticket t, std::string_view to_service,
                                       const std::string& note, const StaffRef* by) {
    require_state(t, {TicketState::Waiting, TicketState::Called, TicketState::Serving}, "transfer");
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
    auto& q =
        sql("UPDATE tickets SET state = 'waiting', service = ?, counter = NULL, called_ms = NULL, "
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

// Issues a ticket (QueueStore::issue); extra is merged into the "ticket.issued" payload. A
// replay is answered before the opening hours are checked: a retry after closing gets its ticket.
IssueResult QueueStore::Tx::issue_ticket(const IssueRequest& request, const nlohmann::json& extra) {
    check_issue_request(request);
    if (auto replayed = replay_issue(request))
        return *replayed;
    const ServiceDef& service = issuing_service(request);
    require_issuing_open();
    const int sequence = next_sequence(service);
    IssueResult result;
    result.ticket = ticket_by_id(insert_ticket(request, service, sequence));
    result.people_ahead = people_ahead_of_newest(result.ticket);
    result.estimate = estimate(service.id, result.people_ahead);
    nlohmann::json payload = ticket_payload(result.ticket);
    protocol::add_issue_estimate(payload, result.people_ahead, result.estimate);
    payload.update(extra);
    record(protocol::event::ticket_issued, std::move(payload));
    return result;
}

void QueueStore::Tx::check_issue_request(const IssueRequest& request) {
    if (request.idempotency_key.size() > 128) {
        throw QueueError("invalid_request", "idempotency_key is longer than 128 characters");
    }
    if (request.permit_id.size() > 128) {
        throw QueueError("invalid_request", "permit_id is longer than 128 characters");
    }
}

std::optional<IssueResult> QueueStore::Tx::replay_issue(const IssueRequest& request) {
    if (request.idempotency_key.empty())
        return std::nullopt;
    auto earlier = ticket_where("idempotency_key = ?", request.idempotency_key);
    if (!earlier)
        return std::nullopt;
    if (earlier->origin_service != request.service || earlier->priority != request.priority ||
        earlier->permit_id != request.permit_id) {
        throw QueueError("idempotency_conflict",
                         "idempotency_key was already used for a different ticket");
    }
    IssueResult result;
    result.ticket = *earlier;
    result.replayed = true;
    result.people_ahead = people_ahead(*earlier);
    result.estimate = estimate(earlier->service, result.people_ahead);
    return result;
}

const ServiceDef& QueueStore::Tx::issuing_service(const IssueRequest& request) {
    const ServiceDef* service = config.find_service(request.service);
    if (!service) {
        throw QueueError("unknown_service", "service '" + request.service + "' does not exist");
    }
    return *service;
}

void QueueStore::Tx::require_issuing_open() {
    const OpenStatus open = check_open(config, now);
    if (open.open)
        return;
    std::string message = "tickets are not issued now (" + open.reason + ")";
    if (open.next_open) {
        const LocalTime next = to_local(*open.next_open, config.zone);
        message += "; next opening " + format_date_iso(next.date) + " " +
                   format_clock(next.minute_of_day) + " " + std::string(zone_name(config.zone));
    }
    throw QueueError("office_closed", message);
}

int QueueStore::Tx::next_sequence(const ServiceDef& service) {
    auto& seq =
        sql("INSERT INTO sequences (local_date, service, last) VALUES (?, ?, 1) "
            "ON CONFLICT (local_date, service) DO UPDATE SET last = last + 1 RETURNING last");
    seq.bind(1, today);
    seq.bind(2, service.id);
    seq.executeStep();
    const int sequence = seq.getColumn(0).getInt();
    seq.reset();
    return sequence;
}

std::int64_t QueueStore::Tx::insert_ticket(const IssueRequest& request, const ServiceDef& service,
                                           int sequence) {
    auto& insert =
        sql("INSERT INTO tickets (local_date, origin_service, seq, number, service, priority, "
            "is_priority, permit_id, state, issued_ms, arrival_ms, status_token, idempotency_key, "
            "permit_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'waiting', ?, ?, ?, ?, ?)");
    insert.bind(1, today);
    insert.bind(2, service.id);
    insert.bind(3, sequence);
    insert.bind(4, format_ticket_number(service.prefix, sequence));
    insert.bind(5, service.id);
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
    return db.getLastInsertRowid();
}

// The one atomic claim: the row changes only if it is still waiting.
Ticket QueueStore::Tx::claim(const Ticket& t, int counter, const StaffRef& by) {
    auto& q =
        sql("UPDATE tickets SET state = 'called', counter = ?, called_ms = ?, started_ms = NULL, "
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
LineCounts QueueStore::Tx::line_counts(const std::string& local_date, const std::string& service) {
    LineCounts line;
    auto& q =
        sql("SELECT is_priority, waiting FROM waiting_counts WHERE local_date = ? AND service = ?");
    q.bind(1, local_date);
    q.bind(2, service);
    while (q.executeStep())
        (q.getColumn(0).getInt() ? line.priority_waiting : line.normal_waiting) +=
            q.getColumn(1).getInt();
    line.priority_streak = streak(service);
    const ServiceDef* def = config.find_service(service);
    line.priority_max_in_row = def ? def->priority_max_in_row : ServiceDef{}.priority_max_in_row;
    return line;
}

// Tickets "call next" takes before t, by the ratio rule (people_ahead_by_rule).
int QueueStore::Tx::people_ahead(const Ticket& t) {
    if (t.state != TicketState::Waiting)
        return 0;
    const bool priority = t.priority != Priority::None;
    auto& q =
        sql("SELECT COUNT(*) FROM tickets WHERE local_date = ? AND service = ? AND state = "
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
int QueueStore::Tx::people_ahead_of_newest(const Ticket& t) {
    const bool priority = t.priority != Priority::None;
    LineCounts line = line_counts(t.local_date, t.service);
    leave_out(line, priority);
    return people_ahead_by_rule(line, priority,
                                priority ? line.priority_waiting : line.normal_waiting);
}

QueueStore::Tx::OpenCounters QueueStore::Tx::open_counters_for(const std::string& service) {
    std::vector<int> serving;
    auto& q = sql("SELECT number FROM counters WHERE state = 'open'");
    while (q.executeStep()) {
        const CounterDef* c = config.find_counter(q.getColumn(0).getInt());
        if (c && std::find(c->services.begin(), c->services.end(), service) != c->services.end())
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

std::vector<double> QueueStore::Tx::recent_service_minutes(const std::string& service) {
    std::vector<double> minutes;
    auto& q =
        sql("SELECT ended_ms - called_ms FROM visits WHERE service = ? AND outcome = 'done' "
            "ORDER BY ended_ms DESC LIMIT 20");
    q.bind(1, service);
    while (q.executeStep())
        minutes.push_back(q.getColumn(0).getInt64() / 60000.0);
    return minutes;
}

CounterStatus QueueStore::Tx::counter_status(int number) {
    const CounterDef& def = counter_def(number);
    CounterStatus status;
    status.number = number;
    status.name = def.name;
    status.services = def.services;
    auto& q =
        sql("SELECT state, pause_reason, staff, since_ms, pause_reason_code FROM counters WHERE "
            "number = ?");
    q.bind(1, number);
    if (q.executeStep()) {
        const std::string state = q.getColumn(0).getString();
        status.state = state == "open"     ? CounterState::Open
                       : state == "paused" ? CounterState::Paused
                                           : CounterState::Closed;
        status.staff = q.getColumn(2).getString();
        status.since = nullable_time(q.getColumn(3));
        if (status.state == CounterState::Paused) {
            // Paused before migration 13: no code, the reason as the console typed it.
            const PauseReason reason =
                recorded_pause_reason(q.getColumn(4).getString(), q.getColumn(1).getString());
            status.pause_code = reason.code;
            status.pause_reason = reason.note;
        }
    }
    status.current = active_ticket(number);
    return status;
}

std::vector<ServiceSummary> QueueStore::Tx::service_summaries() {
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

std::vector<Event> QueueStore::Tx::recent_call_events(int limit) {
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

// Sets the counter's state and records the event naming `by`; make_holder: `by` becomes
// the staff member who operates it.
CounterStatus QueueStore::Tx::set_counter(int number, CounterState state, const PauseReason* reason,
                                          const StaffRef& by, bool make_holder,
                                          std::string_view event_type) {
    auto& q = sql(
        "INSERT INTO counters (number, state, pause_reason, pause_reason_code, staff, since_ms) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (number) DO UPDATE SET state = excluded.state, "
        "pause_reason = excluded.pause_reason, pause_reason_code = excluded.pause_reason_code, "
        "staff = CASE WHEN ? THEN excluded.staff ELSE staff END, since_ms = excluded.since_ms");
    q.bind(1, number);
    q.bind(2, std::string(to_string(state)));
    q.bind(3, reason ? reason->note : std::string());
    q.bind(4, reason ? std::string(to_string(reason->code)) : std::string());
    q.bind(5, make_holder ? by.name : std::string());
    q.bind(6, static_cast<std::int64_t>(to_millis(now)));
    q.bind(7, make_holder ? 1 : 0);
    q.exec();
    CounterStatus status = counter_status(number);
    record(event_type, protocol::counter_event_payload(status, by, waiting_counts()));
    return status;
}

}  // namespace loket
