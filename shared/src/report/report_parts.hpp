#pragma once
// What the report's parts share: time spans (loket/spans.hpp), the range a stage reader loads
// (stages.cpp), and a day's figures as they are kept (kept_days.cpp) and combined into a report
// (report.cpp).
#include <SQLiteCpp/SQLiteCpp.h>

#include <functional>
#include <map>
#include <unordered_map>

#include "loket/event_names.hpp"
#include "loket/report.hpp"
#include "loket/spans.hpp"
#include "loket/sqlite_columns.hpp"

namespace loket::report {

inline constexpr double kMsPerMinute = 60000.0;
inline constexpr std::int64_t kPageIds = 2000;

std::optional<double> minutes_between(std::optional<std::int64_t> from,
                                      std::optional<std::int64_t> to);

inline std::int64_t local_midnight_ms(std::chrono::year_month_day date, TimeZone zone) {
    return to_millis(from_local(date, 0, zone));
}

inline std::chrono::year_month_day next_day(std::chrono::year_month_day d) {
    return std::chrono::year_month_day(std::chrono::sys_days(d) + std::chrono::days(1));
}

// The counter events that change who holds a counter and whether it is open.
inline constexpr const char* kCounterEventTypes =
    "('counter.opened', 'counter.paused', 'counter.resumed', 'counter.closed', "
    "'counter.taken_over')";

struct Segment {
    std::int64_t from = 0, to = 0;
    bool open = true;  // false: paused
    std::string staff;
    PauseCode pause = PauseCode::Other;  // paused: why
};

inline int iso_weekday(std::chrono::weekday w) {
    return static_cast<int>(w.iso_encoding());
}

struct StageReader::State {
    QueueStore& store;
    Query query;
    std::shared_ptr<const OfficeConfig> config;
    std::int64_t now_ms = 0;
    std::int64_t from_ms = 0, to_ms = 0;  // the range: [first midnight, midnight after `to`)
    std::string from_text, to_text, today;
    std::map<int, std::vector<Segment>> segments;  // per counter, in time order, unclipped
    std::unordered_map<std::int64_t, std::vector<std::int64_t>> recalls;        // by ticket
    std::unordered_map<std::int64_t, std::vector<std::int64_t>> reactivations;  // by ticket
    std::int64_t next_id = 0, last_id = -1;

    // stage_events: also the range's recalls and reactivations and its tickets' ids, which
    // reading stages needs; without them only who held the counters.
    State(QueueStore& s, const Query& q, TimePoint now, bool stage_events = true)
        : store(s), query(q) {
        config = store.config();
        now_ms = to_millis(now);
        from_ms = local_midnight_ms(q.from, config->zone);
        to_ms = local_midnight_ms(next_day(q.to), config->zone);
        from_text = format_date_iso(q.from);
        to_text = format_date_iso(q.to);
        today = format_date_iso(to_local(now, config->zone).date);
        store.run_read(now, [&](StoreTransaction& tx) {
            load_counters(tx);
            if (!stage_events)
                return;
            load_ticket_events(tx, protocol::event::ticket_recalled, recalls);
            load_ticket_events(tx, protocol::event::ticket_reactivated, reactivations);
            auto& ids =
                tx.sql("SELECT MIN(id), MAX(id) FROM tickets WHERE local_date BETWEEN ? AND ?");
            ids.bind(1, from_text);
            ids.bind(2, to_text);
            if (ids.executeStep() && !ids.getColumn(0).isNull()) {
                next_id = ids.getColumn(0).getInt64();
                last_id = ids.getColumn(1).getInt64();
            }
        });
    }

    std::int64_t end_ms() const { return std::min(to_ms, now_ms); }

    // Who held each counter and whether it was open or paused, from the counter events of the
    // range and the last one before it (the state the range starts in).
    void load_counters(StoreTransaction& tx) {
        const std::string columns =
            "SELECT type, at_ms, json_extract(payload, '$.counter.number'), "
            "json_extract(payload, '$.counter.state'), json_extract(payload, '$.counter.staff'), "
            "json_extract(payload, '$.counter.pause_reason'), "
            "json_extract(payload, '$.counter.pause_reason_code') FROM events WHERE type IN " +
            std::string(kCounterEventTypes);
        struct Open {
            std::string state;
            std::string staff;
            PauseCode pause = PauseCode::Other;
            std::int64_t since = 0;
        };
        // Events written before the codes carry the console's label as text.
        const auto pause_of = [](SQLite::Statement& row) {
            return recorded_pause_reason(row.getColumn(6).getString(), row.getColumn(5).getString())
                .code;
        };
        std::map<int, Open> current;
        auto& before = tx.sql(columns +
                              " AND json_extract(payload, '$.counter.number') = ? AND at_ms < ? "
                              "ORDER BY at_ms DESC, id DESC LIMIT 1");
        for (const CounterDef& c : config->counters) {
            before.bind(1, c.number);
            before.bind(2, from_ms);
            if (before.executeStep()) {
                current[c.number] = {before.getColumn(3).getString(),
                                     before.getColumn(4).getString(), pause_of(before), from_ms};
            }
            before.reset();
        }
        const auto close = [&](int number, std::int64_t at) {
            const auto it = current.find(number);
            if (it == current.end())
                return;
            const Open& o = it->second;
            if ((o.state == "open" || o.state == "paused") && at > o.since)
                segments[number].push_back({o.since, at, o.state == "open", o.staff, o.pause});
        };
        auto& q = tx.sql(columns + " AND at_ms >= ? AND at_ms < ? ORDER BY at_ms, id");
        q.bind(1, from_ms);
        q.bind(2, end_ms());
        while (q.executeStep()) {
            const int number = q.getColumn(2).getInt();
            const std::int64_t at = q.getColumn(1).getInt64();
            close(number, at);
            current[number] = {q.getColumn(3).getString(), q.getColumn(4).getString(), pause_of(q),
                               at};
        }
        for (const auto& entry : current)
            close(entry.first, end_ms());
    }

    void load_ticket_events(StoreTransaction& tx, std::string_view type,
                            std::unordered_map<std::int64_t, std::vector<std::int64_t>>& out) {
        auto& q = tx.sql(
            "SELECT json_extract(payload, '$.ticket.id'), at_ms FROM events WHERE type = ? AND "
            "at_ms >= ? AND at_ms < ? ORDER BY at_ms, id");
        q.bind(1, std::string(type));
        q.bind(2, from_ms);
        q.bind(3, to_ms);
        while (q.executeStep())
            out[q.getColumn(0).getInt64()].push_back(q.getColumn(1).getInt64());
    }

    std::string holder_at(int counter, std::int64_t at) const {
        const auto it = segments.find(counter);
        if (it == segments.end())
            return "";
        // The segments are in time order and do not overlap: the last one beginning at or
        // before `at` is the only one that can hold it (a year has thousands per counter).
        const auto after =
            std::upper_bound(it->second.begin(), it->second.end(), at,
                             [](std::int64_t t, const Segment& s) { return t < s.from; });
        if (after != it->second.begin() && at < std::prev(after)->to)
            return std::prev(after)->staff;
        // A call in the same millisecond as the opening, or after the range's last event.
        return it->second.empty() || at < it->second.front().from ? "" : it->second.back().staff;
    }

    // The latest event of `events` (ascending) in (after, until].
    static std::optional<std::int64_t> last_between(const std::vector<std::int64_t>* events,
                                                    std::int64_t after, std::int64_t until) {
        std::optional<std::int64_t> found;
        if (!events)
            return found;
        for (const std::int64_t at : *events) {
            if (at > after && at <= until)
                found = at;
        }
        return found;
    }

    struct VisitRow {
        std::string service;
        int counter = 0;
        std::int64_t called = 0;
        std::optional<std::int64_t> started, ended;
        std::string outcome;  // empty while open
    };
    struct TicketRow {
        std::int64_t id = 0;
        std::string local_date, number, service, state;
        std::int64_t issued = 0;
        std::optional<std::int64_t> finished;
        std::vector<VisitRow> visits;
    };

    void stages_of(const TicketRow& t, std::vector<Stage>& out) const {
        const auto find = [](const auto& map, std::int64_t id) {
            const auto it = map.find(id);
            return it == map.end() ? nullptr : &it->second;
        };
        const auto* recalled = find(recalls, t.id);
        const auto* reactivated = find(reactivations, t.id);
        const std::size_t first = out.size();
        std::int64_t start = t.issued;
        for (std::size_t k = 0; k < t.visits.size(); ++k) {
            const VisitRow& v = t.visits[k];
            if (k > 0) {
                const VisitRow& prev = t.visits[k - 1];
                start = prev.ended.value_or(v.called);
                if (prev.outcome == "no_show")
                    start = last_between(reactivated, start - 1, v.called).value_or(start);
            }
            Stage s;
            s.ticket_id = t.id;
            s.local_date = t.local_date;
            s.number = t.number;
            s.index = static_cast<int>(k);
            s.service = v.service;
            s.counter = v.counter;
            s.staff = holder_at(v.counter, v.called);
            s.issued_ms = t.issued;
            s.start_ms = start;
            s.called_ms = v.called;
            s.last_called_ms =
                last_between(recalled, v.called, v.ended.value_or(now_ms)).value_or(v.called);
            s.started_ms = v.started;
            s.ended_ms = v.ended;
            s.outcome = v.outcome.empty() ? "in_progress" : v.outcome;
            out.push_back(std::move(s));
        }
        // A last stay in a line that no counter called: still waiting, or cancelled there.
        const VisitRow* last = t.visits.empty() ? nullptr : &t.visits.back();
        std::optional<std::int64_t> trailing_start;
        if (!last) {
            trailing_start = t.issued;
        } else if (last->outcome == "transferred") {
            trailing_start = last->ended;
        } else if (last->outcome == "no_show" && last->ended) {
            trailing_start = last_between(reactivated, *last->ended - 1, now_ms);
        }
        const bool waiting = t.state == "waiting";
        if (trailing_start && (waiting || t.state == "cancelled")) {
            Stage s;
            s.ticket_id = t.id;
            s.local_date = t.local_date;
            s.number = t.number;
            s.index = static_cast<int>(t.visits.size());
            s.service = t.service;
            s.issued_ms = t.issued;
            s.start_ms = *trailing_start;
            if (waiting) {
                s.outcome = t.local_date < today ? "unserved" : "waiting";
            } else {
                s.outcome = "cancelled";
                s.ended_ms = t.finished;
            }
            out.push_back(std::move(s));
        }
        if (out.size() > first)
            out.back().last_of_ticket = true;
    }

    std::vector<Stage> next_page() {
        std::vector<Stage> out;
        while (out.empty() && next_id <= last_id) {
            const std::int64_t lo = next_id;
            const std::int64_t hi = std::min(last_id, lo + kPageIds - 1);
            next_id = hi + 1;
            std::vector<TicketRow> tickets;
            store.run_read(from_millis(now_ms), [&](StoreTransaction& tx) {
                auto& q = tx.sql(
                    "SELECT t.id, t.local_date, t.number, t.service, t.state, t.issued_ms, "
                    "t.finished_ms, v.service, v.counter, v.called_ms, v.started_ms, v.ended_ms, "
                    "v.outcome FROM tickets t LEFT JOIN visits v ON v.ticket_id = t.id "
                    "WHERE t.id BETWEEN ? AND ? AND t.local_date BETWEEN ? AND ? "
                    "ORDER BY t.id, v.id");
                q.bind(1, lo);
                q.bind(2, hi);
                q.bind(3, from_text);
                q.bind(4, to_text);
                while (q.executeStep()) {
                    const std::int64_t id = q.getColumn(0).getInt64();
                    if (tickets.empty() || tickets.back().id != id) {
                        TicketRow t;
                        t.id = id;
                        t.local_date = q.getColumn(1).getString();
                        t.number = q.getColumn(2).getString();
                        t.service = q.getColumn(3).getString();
                        t.state = q.getColumn(4).getString();
                        t.issued = q.getColumn(5).getInt64();
                        t.finished = nullable_int64(q.getColumn(6));
                        tickets.push_back(std::move(t));
                    }
                    if (!q.getColumn(7).isNull()) {
                        tickets.back().visits.push_back(
                            {q.getColumn(7).getString(), q.getColumn(8).getInt(),
                             q.getColumn(9).getInt64(), nullable_int64(q.getColumn(10)),
                             nullable_int64(q.getColumn(11)),
                             q.getColumn(12).isNull() ? "" : q.getColumn(12).getString()});
                    }
                }
            });
            for (const TicketRow& t : tickets)
                stages_of(t, out);
        }
        return out;
    }
};

// ---------------------------------------------------------------------------------------------
// Days: a day's stages reduced to what the figures need, per group of stages that every filter
// either takes whole or leaves (service, counter, staff member), with durations kept exact (in
// ms) so that medians and percentiles of any range come out as if read from the tickets. A day
// that can no longer change is kept in report_days (migration 12) and read from there: a year's
// report then reads 366 rows instead of every ticket and event of the year.

struct Cell {
    std::int64_t arrivals = 0;  // tickets issued in the hour
    std::int64_t waits = 0;     // stages that began in the hour and were called
    std::int64_t wait_ms = 0;   // their waits
};
using CellKey = std::pair<int, int>;  // ISO weekday, local hour

struct GroupKey {
    std::string service;
    std::optional<int> counter;
    std::string staff;
    auto operator<=>(const GroupKey&) const = default;
};

struct Group {
    GroupKey key;
    std::int64_t issued = 0, served = 0, no_show = 0, unserved = 0, transferred = 0;
    // Milliseconds. The waits of served stages apart: they are compared with the service's
    // target wait when read, so a changed target applies to kept days too.
    std::vector<std::int64_t> wait_served, wait_other, wait_last, walk, service, in_office;
    std::map<CellKey, Cell> cells;

    void add(const Stage& s, TimeZone zone) {
        issued += s.index == 0;
        if (s.outcome == "done")
            ++served;
        else if (s.outcome == "no_show")
            ++no_show;
        else if (s.outcome == "unserved")
            ++unserved;
        else if (s.outcome == "transferred")
            ++transferred;
        if (s.called_ms)
            (s.outcome == "done" ? wait_served : wait_other).push_back(*s.called_ms - s.start_ms);
        if (s.last_called_ms)
            wait_last.push_back(*s.last_called_ms - s.start_ms);
        if (s.last_called_ms && s.started_ms)
            walk.push_back(*s.started_ms - *s.last_called_ms);
        if (s.outcome == "done" && s.started_ms && s.ended_ms)
            service.push_back(*s.ended_ms - *s.started_ms);
        if (s.outcome == "done" && s.last_of_ticket && s.ended_ms)
            in_office.push_back(*s.ended_ms - s.issued_ms);
        const auto cell_at = [&](std::int64_t ms) -> Cell& {
            const LocalTime at = to_local(from_millis(ms), zone);
            return cells[{iso_weekday(at.weekday), at.minute_of_day / 60}];
        };
        if (s.index == 0)
            ++cell_at(s.issued_ms).arrivals;
        if (s.called_ms) {
            Cell& c = cell_at(s.start_ms);
            ++c.waits;
            c.wait_ms += *s.called_ms - s.start_ms;
        }
    }
};

struct Day {
    std::string date;
    std::vector<Group> groups;
    // Every stage, whatever the filters, for idle time: when each service had someone waiting
    // and when each counter had someone at it. Merged.
    std::map<std::string, Spans> waiting;
    std::map<int, Spans> busy;
};

// The range's days, see kept_days.cpp.
int for_each_day(QueueStore& store, std::chrono::year_month_day from,
                 std::chrono::year_month_day to, TimePoint now, bool keep_days,
                 const std::function<void(const Day&)>& fold);

}  // namespace loket::report
