// The report's figures (docs/metrics.md): each day of the range (kept_days.cpp) folded into
// the totals, the rows per service, counter, staff member and day, and the heatmap; the
// applications', survey's and complaints' figures read by range.
#include "loket/report.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "loket/sla.hpp"
#include "report_parts.hpp"

namespace loket::report {

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

namespace {

// Values in some unit, `per_minute` of which make a minute, each divided once selected. The
// report's durations are integers (ms): selecting among them needs no converted copy of
// millions of values.
template <typename T>
Durations summarize_in_minutes(std::vector<T> values, double per_minute) {
    Durations d;
    d.count = static_cast<std::int64_t>(values.size());
    if (values.empty())
        return d;
    T sum = 0;
    for (const T v : values)
        sum += v;
    d.mean = static_cast<double>(sum) / per_minute / static_cast<double>(values.size());
    // Two selections instead of a sort: a year's report summarizes a few hundred thousand
    // values per figure, and sorting them was a tenth of its time.
    const auto index = [&](double p) {
        const auto rank =
            static_cast<std::size_t>(std::ceil(p * static_cast<double>(values.size())));
        return static_cast<std::ptrdiff_t>(std::max<std::size_t>(rank, 1) - 1);
    };
    const auto median = values.begin() + index(0.5);
    std::nth_element(values.begin(), median, values.end());
    d.median = static_cast<double>(*median) / per_minute;
    // Everything after the median is >= it: the 90th percentile is selected among those alone.
    const auto p90 = values.begin() + index(0.9);
    if (p90 > median)
        std::nth_element(median + 1, p90, values.end());
    d.p90 = static_cast<double>(*p90) / per_minute;
    d.max = static_cast<double>(*std::max_element(p90, values.end())) / per_minute;
    return d;
}

Durations summarize_ms(std::vector<std::int64_t> ms) {
    return summarize_in_minutes(std::move(ms), kMsPerMinute);
}

}  // namespace

Durations summarize(std::vector<double> minutes) {
    return summarize_in_minutes(std::move(minutes), 1.0);
}

namespace {

std::optional<double> share(std::int64_t part, std::int64_t whole) {
    if (whole <= 0)
        return std::nullopt;
    return static_cast<double>(part) / static_cast<double>(whole);
}

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

template <typename T>
void append(std::vector<T>& to, const std::vector<T>& from) {
    to.insert(to.end(), from.begin(), from.end());
}

// Served stages of the group that waited no longer than the target.
std::int64_t within_target(const Group& g, int target_minutes) {
    return std::count_if(g.wait_served.begin(), g.wait_served.end(), [&](std::int64_t ms) {
        return static_cast<double>(ms) / kMsPerMinute <= target_minutes;
    });
}

struct Accumulator {
    std::int64_t issued = 0, served = 0, no_show = 0, unserved = 0, transferred = 0;
    std::int64_t within = 0;
    std::vector<std::int64_t> wait, wait_last, walk, service, in_office;

    void add(const Group& g, std::int64_t within_count) {
        issued += g.issued;
        served += g.served;
        no_show += g.no_show;
        unserved += g.unserved;
        transferred += g.transferred;
        within += within_count;
        append(wait, g.wait_served);
        append(wait, g.wait_other);
        append(wait_last, g.wait_last);
        append(walk, g.walk);
        append(service, g.service);
        append(in_office, g.in_office);
    }

    QueueFigures figures() {
        QueueFigures f;
        f.issued = issued;
        f.served = served;
        f.no_show = no_show;
        f.no_show_rate = share(no_show, served + no_show);
        f.unserved_at_close = unserved;
        f.transferred = transferred;
        f.wait = summarize_ms(std::move(wait));
        f.wait_last_call = summarize_ms(std::move(wait_last));
        f.walk = summarize_ms(std::move(walk));
        f.service = summarize_ms(std::move(service));
        f.in_office = summarize_ms(std::move(in_office));
        f.within_target = within;
        f.within_target_share = share(within, served);
        return f;
    }
};

struct DayAccumulator {
    std::int64_t issued = 0, served = 0, no_show = 0, within = 0, waits = 0;
    std::int64_t wait_ms = 0;
};

struct StaffAccumulator {
    std::int64_t served = 0;
    std::vector<std::int64_t> service;
    std::map<int, Spans> open_by_counter;
    std::map<std::string, PauseRow> pauses;
};

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
               TimePoint now, DayKeeping keeping) {
    Report report;
    report.query = query;
    // Who held each counter over the whole range, and whether it was open or paused.
    const StageReader::State st(store, query, now, false);
    const OfficeConfig& config = *st.config;
    const auto target_of = [&](const std::string& service) {
        const ServiceDef* def = config.find_service(service);
        return def ? def->target_wait_minutes : ServiceDef{}.target_wait_minutes;
    };
    const auto matches = [&](const GroupKey& k) {
        return (query.service.empty() || k.service == query.service) &&
               (!query.counter || k.counter == query.counter) &&
               (query.staff.empty() || k.staff == query.staff);
    };

    Accumulator totals;
    std::map<std::string, Accumulator> by_service;
    std::map<int, Accumulator> by_counter;
    std::map<std::string, StaffAccumulator> by_staff;
    std::map<std::string, DayAccumulator> by_day;
    std::map<CellKey, Cell> cells;
    std::set<int> hours_seen;
    std::map<std::string, Spans> waiting_by_service;  // every stage, unfiltered: for idle time
    std::map<int, Spans> busy_by_counter;

    for_each_day(store, query.from, query.to, now, keeping == DayKeeping::Use, [&](const Day& day) {
        for (const auto& [service, spans] : day.waiting)
            append(waiting_by_service[service], spans);
        for (const auto& [counter, spans] : day.busy)
            append(busy_by_counter[counter], spans);
        DayAccumulator& d = by_day[day.date];
        for (const Group& g : day.groups) {
            if (!matches(g.key))
                continue;
            const std::int64_t within = within_target(g, target_of(g.key.service));
            totals.add(g, within);
            by_service[g.key.service].add(g, within);
            if (g.key.counter)
                by_counter[*g.key.counter].add(g, within);
            if (!g.key.staff.empty() && g.served > 0) {
                StaffAccumulator& a = by_staff[g.key.staff];
                a.served += g.served;
                append(a.service, g.service);
            }
            d.issued += g.issued;
            d.served += g.served;
            d.no_show += g.no_show;
            d.within += within;
            for (const auto* waits : {&g.wait_served, &g.wait_other}) {
                d.waits += static_cast<std::int64_t>(waits->size());
                for (const std::int64_t ms : *waits)
                    d.wait_ms += ms;
            }
            for (const auto& [key, cell] : g.cells) {
                hours_seen.insert(key.second);
                Cell& c = cells[key];
                c.arrivals += cell.arrivals;
                c.waits += cell.waits;
                c.wait_ms += cell.wait_ms;
            }
        }
    });

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
    for (auto& entry : busy_by_counter)
        entry.second = merged(std::move(entry.second));
    // When someone waited for one of the counter's services: the same for everyone who held it.
    std::map<int, Spans> waiting_at_counter;
    const auto waiting_for = [&](int number) -> const Spans& {
        const auto known = waiting_at_counter.find(number);
        if (known != waiting_at_counter.end())
            return known->second;
        Spans waiting;
        if (const CounterDef* def = config.find_counter(number)) {
            for (const std::string& service : def->services) {
                const auto it = waiting_by_service.find(service);
                if (it != waiting_by_service.end())
                    append(waiting, it->second);
            }
        }
        return waiting_at_counter[number] = merged(std::move(waiting));
    };
    for (auto& [name, a] : by_staff) {
        if (!query.staff.empty() && name != query.staff)
            continue;
        StaffRow row;
        row.name = name;
        row.served = a.served;
        if (!a.service.empty())
            row.mean_service_minutes = summarize_ms(std::move(a.service)).mean;
        for (auto& [number, open] : a.open_by_counter) {
            open = merged(std::move(open));
            row.open_minutes += minutes_of(open);
            row.idle_minutes +=
                minutes_of(subtract(intersect(open, waiting_for(number)), busy_by_counter[number]));
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
            row.mean_wait_minutes =
                static_cast<double>(a.wait_ms) / kMsPerMinute / static_cast<double>(a.waits);
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
            arrivals.push_back(it == cells.end() ? 0 : it->second.arrivals);
            const bool any = it != cells.end() && it->second.waits > 0;
            waits.push_back(
                any ? std::optional<double>(static_cast<double>(it->second.wait_ms) / kMsPerMinute /
                                            static_cast<double>(it->second.waits))
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
