// The report's figures (docs/metrics.md). One pass over the range's stages, read in pages of
// ticket ids; counter holders, recalls and reactivations of the range are loaded once before.
#include "loket/report.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>

#include "loket/sla.hpp"

namespace loket::report {

namespace {

using Span = std::pair<std::int64_t, std::int64_t>;  // [from, to) in Unix ms
using Spans = std::vector<Span>;

constexpr double kMsPerMinute = 60000.0;
constexpr std::int64_t kPageIds = 2000;

// Sorted, non-overlapping, without empty spans.
Spans merged(Spans spans) {
    std::sort(spans.begin(), spans.end());
    Spans out;
    for (const Span& s : spans) {
        if (s.second <= s.first)
            continue;
        if (!out.empty() && s.first <= out.back().second)
            out.back().second = std::max(out.back().second, s.second);
        else
            out.push_back(s);
    }
    return out;
}

// Both merged.
Spans intersect(const Spans& a, const Spans& b) {
    Spans out;
    std::size_t i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        const std::int64_t from = std::max(a[i].first, b[j].first);
        const std::int64_t to = std::min(a[i].second, b[j].second);
        if (from < to)
            out.emplace_back(from, to);
        (a[i].second < b[j].second) ? ++i : ++j;
    }
    return out;
}

// a minus b, both merged.
Spans subtract(const Spans& a, const Spans& b) {
    Spans out;
    std::size_t j = 0;
    for (Span s : a) {
        while (j < b.size() && b[j].second <= s.first)
            ++j;
        std::size_t k = j;
        while (k < b.size() && b[k].first < s.second) {
            if (b[k].first > s.first)
                out.emplace_back(s.first, b[k].first);
            s.first = std::max(s.first, b[k].second);
            ++k;
        }
        if (s.first < s.second)
            out.push_back(s);
    }
    return out;
}

double minutes_of(const Spans& spans) {
    std::int64_t total = 0;
    for (const Span& s : spans)
        total += s.second - s.first;
    return static_cast<double>(total) / kMsPerMinute;
}

std::optional<double> minutes_between(std::optional<std::int64_t> from,
                                      std::optional<std::int64_t> to) {
    if (!from || !to)
        return std::nullopt;
    return static_cast<double>(*to - *from) / kMsPerMinute;
}

std::optional<std::int64_t> opt_int(const SQLite::Column& c) {
    return c.isNull() ? std::nullopt : std::optional<std::int64_t>(c.getInt64());
}

std::int64_t local_midnight_ms(std::chrono::year_month_day date, TimeZone zone) {
    return to_millis(from_local(date, 0, zone));
}

std::chrono::year_month_day next_day(std::chrono::year_month_day d) {
    return std::chrono::year_month_day(std::chrono::sys_days(d) + std::chrono::days(1));
}

// The counter events that change who holds a counter and whether it is open.
constexpr const char* kCounterEventTypes =
    "('counter.opened', 'counter.paused', 'counter.resumed', 'counter.closed', "
    "'counter.taken_over')";

struct Segment {
    std::int64_t from = 0, to = 0;
    bool open = true;  // false: paused
    std::string staff;
    std::string reason;  // paused: why
};

}  // namespace

// ---------------------------------------------------------------------------------------------
// Stages

std::optional<double> Stage::wait_minutes() const {
    return minutes_between(start_ms, called_ms);
}
std::optional<double> Stage::wait_last_call_minutes() const {
    return minutes_between(start_ms, last_called_ms);
}
std::optional<double> Stage::walk_minutes() const {
    return minutes_between(last_called_ms, started_ms);
}
std::optional<double> Stage::service_minutes() const {
    if (outcome != "done")
        return std::nullopt;
    return minutes_between(started_ms, ended_ms);
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

    State(QueueStore& s, const Query& q, TimePoint now) : store(s), query(q) {
        config = store.config();
        now_ms = to_millis(now);
        from_ms = local_midnight_ms(q.from, config->zone);
        to_ms = local_midnight_ms(next_day(q.to), config->zone);
        from_text = format_date_iso(q.from);
        to_text = format_date_iso(q.to);
        today = format_date_iso(to_local(now, config->zone).date);
        store.run_read(now, [&](StoreTransaction& tx) {
            load_counters(tx);
            load_ticket_events(tx, "ticket.recalled", recalls);
            load_ticket_events(tx, "ticket.reactivated", reactivations);
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
            "json_extract(payload, '$.counter.pause_reason') FROM events WHERE type IN " +
            std::string(kCounterEventTypes);
        struct Open {
            std::string state;
            std::string staff, reason;
            std::int64_t since = 0;
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
                                     before.getColumn(4).getString(),
                                     before.getColumn(5).getString(), from_ms};
            }
            before.reset();
        }
        const auto close = [&](int number, std::int64_t at) {
            const auto it = current.find(number);
            if (it == current.end())
                return;
            const Open& o = it->second;
            if ((o.state == "open" || o.state == "paused") && at > o.since)
                segments[number].push_back({o.since, at, o.state == "open", o.staff, o.reason});
        };
        auto& q = tx.sql(columns + " AND at_ms >= ? AND at_ms < ? ORDER BY at_ms, id");
        q.bind(1, from_ms);
        q.bind(2, end_ms());
        while (q.executeStep()) {
            const int number = q.getColumn(2).getInt();
            const std::int64_t at = q.getColumn(1).getInt64();
            close(number, at);
            current[number] = {q.getColumn(3).getString(), q.getColumn(4).getString(),
                               q.getColumn(5).getString(), at};
        }
        for (const auto& entry : current)
            close(entry.first, end_ms());
    }

    void load_ticket_events(StoreTransaction& tx, const char* type,
                            std::unordered_map<std::int64_t, std::vector<std::int64_t>>& out) {
        auto& q = tx.sql(
            "SELECT json_extract(payload, '$.ticket.id'), at_ms FROM events WHERE type = ? AND "
            "at_ms >= ? AND at_ms < ? ORDER BY at_ms, id");
        q.bind(1, type);
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
                        t.finished = opt_int(q.getColumn(6));
                        tickets.push_back(std::move(t));
                    }
                    if (!q.getColumn(7).isNull()) {
                        tickets.back().visits.push_back(
                            {q.getColumn(7).getString(), q.getColumn(8).getInt(),
                             q.getColumn(9).getInt64(), opt_int(q.getColumn(10)),
                             opt_int(q.getColumn(11)),
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

StageReader::StageReader(QueueStore& store, const Query& query, TimePoint now)
    : state_(std::make_unique<State>(store, query, now)) {}
StageReader::~StageReader() = default;

std::vector<Stage> StageReader::next_page() {
    return state_->next_page();
}

bool StageReader::matches(const Stage& s) const {
    const Query& q = state_->query;
    return (q.service.empty() || s.service == q.service) &&
           (!q.counter || s.counter == q.counter) && (q.staff.empty() || s.staff == q.staff);
}

// ---------------------------------------------------------------------------------------------
// Figures

std::optional<double> percentile(std::vector<double> values, double p) {
    if (values.empty())
        return std::nullopt;
    const auto rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(values.size())));
    const auto at =
        values.begin() + static_cast<std::ptrdiff_t>(std::max<std::size_t>(rank, 1) - 1);
    std::nth_element(values.begin(), at, values.end());
    return *at;
}

Durations summarize(std::vector<double> minutes) {
    Durations d;
    d.count = static_cast<std::int64_t>(minutes.size());
    if (minutes.empty())
        return d;
    double sum = 0;
    for (const double m : minutes)
        sum += m;
    d.mean = sum / static_cast<double>(minutes.size());
    // Two selections instead of a sort: a year's report summarizes a few hundred thousand
    // values per figure, and sorting them was a tenth of its time.
    const auto index = [&](double p) {
        const auto rank =
            static_cast<std::size_t>(std::ceil(p * static_cast<double>(minutes.size())));
        return static_cast<std::ptrdiff_t>(std::max<std::size_t>(rank, 1) - 1);
    };
    const auto median = minutes.begin() + index(0.5);
    std::nth_element(minutes.begin(), median, minutes.end());
    d.median = *median;
    // Everything after the median is >= it: the 90th percentile is selected among those alone.
    const auto p90 = minutes.begin() + index(0.9);
    if (p90 > median)
        std::nth_element(median + 1, p90, minutes.end());
    d.p90 = *p90;
    d.max = *std::max_element(p90, minutes.end());
    return d;
}

namespace {

std::optional<double> share(std::int64_t part, std::int64_t whole) {
    if (whole <= 0)
        return std::nullopt;
    return static_cast<double>(part) / static_cast<double>(whole);
}

struct Accumulator {
    std::int64_t issued = 0, served = 0, no_show = 0, unserved = 0, transferred = 0;
    std::int64_t within = 0;
    std::vector<double> wait, wait_last, walk, service, in_office;

    void add(const Stage& s, int target_minutes) {
        if (s.index == 0)
            ++issued;
        if (s.outcome == "done")
            ++served;
        else if (s.outcome == "no_show")
            ++no_show;
        else if (s.outcome == "unserved")
            ++unserved;
        else if (s.outcome == "transferred")
            ++transferred;
        const auto w = s.wait_minutes();
        if (w)
            wait.push_back(*w);
        if (const auto l = s.wait_last_call_minutes())
            wait_last.push_back(*l);
        if (const auto k = s.walk_minutes())
            walk.push_back(*k);
        if (const auto m = s.service_minutes()) {
            service.push_back(*m);
        }
        if (s.outcome == "done" && w && *w <= target_minutes)
            ++within;
        if (s.outcome == "done" && s.last_of_ticket && s.ended_ms)
            in_office.push_back(static_cast<double>(*s.ended_ms - s.issued_ms) / kMsPerMinute);
    }

    QueueFigures figures() {
        QueueFigures f;
        f.issued = issued;
        f.served = served;
        f.no_show = no_show;
        f.no_show_rate = share(no_show, served + no_show);
        f.unserved_at_close = unserved;
        f.transferred = transferred;
        f.wait = summarize(std::move(wait));
        f.wait_last_call = summarize(std::move(wait_last));
        f.walk = summarize(std::move(walk));
        f.service = summarize(std::move(service));
        f.in_office = summarize(std::move(in_office));
        f.within_target = within;
        f.within_target_share = share(within, served);
        return f;
    }
};

struct DayAccumulator {
    std::int64_t issued = 0, served = 0, no_show = 0, within = 0, waits = 0;
    double wait_sum = 0;
};

struct StaffAccumulator {
    std::int64_t served = 0;
    std::vector<double> service;
    std::map<int, Spans> open_by_counter;
    std::map<std::string, PauseRow> pauses;
};

// Service hours of every day of the range, as instants.
Spans office_hours(const OfficeConfig& config, const Query& q) {
    Spans out;
    for (auto d = std::chrono::sys_days(q.from); d <= std::chrono::sys_days(q.to);
         d += std::chrono::days(1)) {
        const std::chrono::year_month_day date(d);
        for (const TimeRange& r : hours_on(config, date)) {
            out.emplace_back(to_millis(from_local(date, r.from, config.zone)),
                             to_millis(from_local(date, r.to, config.zone)));
        }
    }
    return merged(std::move(out));
}

int iso_weekday(std::chrono::weekday w) {
    return static_cast<int>(w.iso_encoding());
}

void add_application_figures(QueueStore& store, const ApplicationStore& applications,
                             const OfficeConfig& config, std::int64_t from_ms, std::int64_t to_ms,
                             TimePoint now, Report& report) {
    const ApplicationCounts counts =
        applications.counts(from_millis(from_ms), from_millis(to_ms), now);
    ApplicationFigures a;
    a.registered = counts.registered;
    a.finished = counts.completed;
    a.finished_within_standard = counts.completed_on_time;
    a.within_standard_share = share(counts.completed_on_time, counts.completed);
    a.overdue_now = counts.open_overdue;
    a.incomplete_visits = counts.incomplete_visits;
    a.incomplete_rate =
        share(counts.incomplete_visits, counts.incomplete_visits + counts.registered);
    std::vector<double> days;
    store.run_read(now, [&](StoreTransaction& tx) {
        auto& q = tx.sql(
            "SELECT registered_ms, completed_ms FROM applications WHERE completed_ms >= ? AND "
            "completed_ms < ?");
        q.bind(1, from_ms);
        q.bind(2, to_ms);
        while (q.executeStep()) {
            const TimePoint received = sla_received(config, from_millis(q.getColumn(0).getInt64()));
            const TimePoint completed = from_millis(q.getColumn(1).getInt64());
            days.push_back(working_days_between(config, to_local(received, config.zone).date,
                                                to_local(completed, config.zone).date));
        }
    });
    a.median_working_days = percentile(std::move(days), 0.5);
    report.applications = a;
}

void add_survey_and_complaints(QueueStore& store, const Query& query, TimePoint now,
                               Report& report) {
    const std::string from = format_date_iso(query.from);
    const std::string to = format_date_iso(query.to);
    store.run_read(now, [&](StoreTransaction& tx) {
        // The survey's own arithmetic over the sums of the range (docs/skm.md).
        auto& s = tx.sql(
            "SELECT COUNT(*), TOTAL(persyaratan), TOTAL(prosedur), TOTAL(waktu), TOTAL(biaya), "
            "TOTAL(produk), TOTAL(kompetensi), TOTAL(perilaku), TOTAL(pengaduan), TOTAL(sarana) "
            "FROM survey_responses WHERE local_date BETWEEN ? AND ? AND (? = '' OR service = ?)");
        s.bind(1, from);
        s.bind(2, to);
        s.bind(3, query.service);
        s.bind(4, query.service);
        s.executeStep();
        report.skm.responses = s.getColumn(0).getInt64();
        if (report.skm.responses > 0) {
            survey::IndexResult index;
            index.respondents = report.skm.responses;
            for (std::size_t e = 0; e < survey::kElementCount; ++e) {
                index.elements[e] = {
                    survey::kElements[e],
                    static_cast<std::int64_t>(s.getColumn(static_cast<int>(1 + e)).getDouble()),
                    report.skm.responses};
            }
            report.skm.index = index;
        }
        s.reset();
        // As the complaints' monthly summary counts them: closed (selesai or ditolak) in the
        // range, on time when closed on or before the due date.
        auto& c = tx.sql(
            "SELECT (SELECT COUNT(*) FROM complaints WHERE received_on BETWEEN ?1 AND ?2), "
            "(SELECT COUNT(*) FROM complaints WHERE closed_on BETWEEN ?1 AND ?2), "
            "(SELECT COUNT(*) FROM complaints WHERE closed_on BETWEEN ?1 AND ?2 AND "
            "closed_on <= due_on)");
        c.bind(1, from);
        c.bind(2, to);
        c.executeStep();
        report.complaints.received = c.getColumn(0).getInt64();
        report.complaints.answered = c.getColumn(1).getInt64();
        report.complaints.answered_within_60_days = c.getColumn(2).getInt64();
        report.complaints.within_60_days_share =
            share(report.complaints.answered_within_60_days, report.complaints.answered);
        c.reset();
    });
}

}  // namespace

Report compute(QueueStore& store, const ApplicationStore* applications, const Query& query,
               TimePoint now) {
    Report report;
    report.query = query;
    StageReader reader(store, query, now);
    const StageReader::State& st = reader.state();
    const OfficeConfig& config = *st.config;
    const auto target_of = [&](const std::string& service) {
        const ServiceDef* def = config.find_service(service);
        return def ? def->target_wait_minutes : ServiceDef{}.target_wait_minutes;
    };

    Accumulator totals;
    std::map<std::string, Accumulator> by_service;
    std::map<int, Accumulator> by_counter;
    std::map<std::string, StaffAccumulator> by_staff;
    std::map<std::string, DayAccumulator> by_day;
    std::map<std::pair<int, int>, std::pair<std::int64_t, std::pair<double, std::int64_t>>> cells;
    std::set<int> hours_seen;
    std::map<std::string, Spans> waiting_by_service;  // every stage, unfiltered: for idle time
    std::map<int, Spans> busy_by_counter;
    const std::int64_t end = st.end_ms();
    std::string day_text;
    std::int64_t day_end = 0;

    for (auto page = reader.next_page(); !page.empty(); page = reader.next_page()) {
        for (const Stage& s : page) {
            if (s.local_date != day_text) {
                day_text = s.local_date;
                const auto date = parse_date_iso(day_text);
                day_end = date ? local_midnight_ms(next_day(*date), config.zone) : end;
            }
            const std::int64_t waited_until =
                s.called_ms ? *s.called_ms : s.ended_ms.value_or(std::min(day_end, end));
            waiting_by_service[s.service].emplace_back(s.start_ms, waited_until);
            if (s.counter && s.called_ms)
                busy_by_counter[*s.counter].emplace_back(*s.called_ms, s.ended_ms.value_or(end));
            if (!reader.matches(s))
                continue;
            const int target = target_of(s.service);
            totals.add(s, target);
            by_service[s.service].add(s, target);
            if (s.counter)
                by_counter[*s.counter].add(s, target);
            if (!s.staff.empty() && s.outcome == "done") {
                StaffAccumulator& a = by_staff[s.staff];
                ++a.served;
                if (const auto m = s.service_minutes())
                    a.service.push_back(*m);
            }
            DayAccumulator& d = by_day[s.local_date];
            const auto wait = s.wait_minutes();
            d.issued += s.index == 0;
            d.served += s.outcome == "done";
            d.no_show += s.outcome == "no_show";
            if (wait) {
                ++d.waits;
                d.wait_sum += *wait;
            }
            d.within += s.outcome == "done" && wait && *wait <= target;
            if (s.index == 0) {
                const LocalTime at = to_local(from_millis(s.issued_ms), config.zone);
                const int hour = at.minute_of_day / 60;
                hours_seen.insert(hour);
                ++cells[{iso_weekday(at.weekday), hour}].first;
            }
            if (wait) {
                const LocalTime at = to_local(from_millis(s.start_ms), config.zone);
                const int hour = at.minute_of_day / 60;
                hours_seen.insert(hour);
                auto& cell = cells[{iso_weekday(at.weekday), hour}].second;
                cell.first += *wait;
                ++cell.second;
            }
        }
    }

    report.totals = totals.figures();
    for (const ServiceDef& def : config.services) {
        if (!query.service.empty() && def.id != query.service)
            continue;
        report.services.push_back(
            {def.id, def.name, def.name_en, def.target_wait_minutes, by_service[def.id].figures()});
    }
    for (const CounterDef& def : config.counters) {
        if (query.counter && def.number != *query.counter)
            continue;
        report.counters.push_back({def.number, def.name, by_counter[def.number].figures()});
    }

    // Counter time, within service hours: open and paused spans per staff member.
    const Spans hours = office_hours(config, query);
    for (const auto& [number, segments] : st.segments) {
        if (query.counter && number != *query.counter)
            continue;
        for (const Segment& seg : segments) {
            if (seg.staff.empty() || (!query.staff.empty() && seg.staff != query.staff))
                continue;
            const Spans within = intersect({{seg.from, seg.to}}, hours);
            StaffAccumulator& a = by_staff[seg.staff];
            if (seg.open) {
                auto& spans = a.open_by_counter[number];
                spans.insert(spans.end(), within.begin(), within.end());
            } else {
                PauseRow& p = a.pauses[seg.reason];
                p.reason = seg.reason;
                ++p.count;
                p.minutes += minutes_of(within);
            }
        }
    }
    for (auto& entry : waiting_by_service)
        entry.second = merged(std::move(entry.second));
    for (auto& [name, a] : by_staff) {
        if (!query.staff.empty() && name != query.staff)
            continue;
        StaffRow row;
        row.name = name;
        row.served = a.served;
        if (!a.service.empty())
            row.mean_service_minutes = summarize(a.service).mean;
        for (auto& [number, open] : a.open_by_counter) {
            open = merged(std::move(open));
            row.open_minutes += minutes_of(open);
            const CounterDef* def = config.find_counter(number);
            Spans waiting;
            if (def) {
                for (const std::string& service : def->services) {
                    const auto it = waiting_by_service.find(service);
                    if (it != waiting_by_service.end())
                        waiting.insert(waiting.end(), it->second.begin(), it->second.end());
                }
            }
            const Spans busy = merged(busy_by_counter[number]);
            row.idle_minutes += minutes_of(subtract(intersect(open, merged(waiting)), busy));
        }
        if (row.open_minutes > 0)
            row.served_per_hour = static_cast<double>(row.served) / (row.open_minutes / 60.0);
        for (auto& entry : a.pauses)
            row.pauses.push_back(entry.second);
        report.staff.push_back(std::move(row));
    }

    for (auto d = std::chrono::sys_days(query.from); d <= std::chrono::sys_days(query.to);
         d += std::chrono::days(1)) {
        const std::string date = format_date_iso(std::chrono::year_month_day(d));
        if (date > st.today)
            break;
        const DayAccumulator& a = by_day[date];
        DayRow row;
        row.date = date;
        row.issued = a.issued;
        row.served = a.served;
        row.no_show = a.no_show;
        if (a.waits > 0)
            row.mean_wait_minutes = a.wait_sum / static_cast<double>(a.waits);
        row.within_target_share = share(a.within, a.served);
        report.days.push_back(std::move(row));
    }

    // The heatmap's hours: the office's service hours, and any hour something happened.
    for (const auto& day : config.hours) {
        for (const TimeRange& r : day) {
            for (int h = r.from / 60; h * 60 < r.to; ++h)
                hours_seen.insert(h);
        }
    }
    Heatmap& map = report.heatmap;
    for (int w = 1; w <= 7; ++w)
        map.weekdays.push_back(w);
    if (!hours_seen.empty()) {
        for (int h = *hours_seen.begin(); h <= *hours_seen.rbegin(); ++h)
            map.hours.push_back(h);
    }
    for (const int w : map.weekdays) {
        std::vector<std::int64_t> arrivals;
        std::vector<std::optional<double>> waits;
        for (const int h : map.hours) {
            const auto it = cells.find({w, h});
            arrivals.push_back(it == cells.end() ? 0 : it->second.first);
            const bool any = it != cells.end() && it->second.second.second > 0;
            waits.push_back(
                any ? std::optional<double>(it->second.second.first /
                                            static_cast<double>(it->second.second.second))
                    : std::nullopt);
        }
        map.arrivals.push_back(std::move(arrivals));
        map.mean_wait_minutes.push_back(std::move(waits));
    }

    if (applications)
        add_application_figures(store, *applications, config, st.from_ms, st.to_ms, now, report);
    add_survey_and_complaints(store, query, now, report);
    return report;
}

}  // namespace loket::report
