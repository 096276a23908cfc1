// QueueStore's reads: tickets, waiting lines, counters, services, the day's figures and the
// event log.
#include <algorithm>

#include "queue_store_tx.hpp"

namespace loket {

using namespace queue_store_detail;

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
