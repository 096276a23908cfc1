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
    std::map<PauseCode, PauseRow> pauses;
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
    std::vector<FileTimes> files;
    store.run_read(now, [&](StoreTransaction& tx) {
        auto& q = tx.sql(
            "SELECT registered_ms, completed_ms FROM applications WHERE completed_ms >= ? AND "
            "completed_ms < ?");
        q.bind(1, from_ms);
        q.bind(2, to_ms);
        while (q.executeStep())
            files.push_back(
                {from_millis(q.getColumn(0).getInt64()), from_millis(q.getColumn(1).getInt64())});
    });
    a.median_working_days = percentile(files_working_days(config, files), 0.5);
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

// ---------------------------------------------------------------------------------------------
// Combining the range's days into the report

int target_wait_of(const OfficeConfig& config, const std::string& service) {
    const ServiceDef* def = config.find_service(service);
    return def ? def->target_wait_minutes : ServiceDef{}.target_wait_minutes;
}

bool query_matches(const Query& query, const GroupKey& k) {
    return (query.service.empty() || k.service == query.service) &&
           (!query.counter || k.counter == query.counter) &&
           (query.staff.empty() || k.staff == query.staff);
}

// What the range's days add up to, before it becomes the report's rows.
struct RangeSums {
    Accumulator totals;
    std::map<std::string, Accumulator> by_service;
    std::map<int, Accumulator> by_counter;
    std::map<std::string, StaffAccumulator> by_staff;
    std::map<std::string, DayAccumulator> by_day;
    std::map<CellKey, Cell> cells;
    std::set<int> hours_seen;
    std::map<std::string, Spans> waiting_by_service;  // every stage, unfiltered: for idle time
    std::map<int, Spans> busy_by_counter;
};

// One group of the query's stages into every figure it counts in.
void fold_group(RangeSums& sums, DayAccumulator& d, const Group& g, std::int64_t within) {
    sums.totals.add(g, within);
    sums.by_service[g.key.service].add(g, within);
    if (g.key.counter)
        sums.by_counter[*g.key.counter].add(g, within);
    if (!g.key.staff.empty() && g.served > 0) {
        StaffAccumulator& a = sums.by_staff[g.key.staff];
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
        sums.hours_seen.insert(key.second);
        Cell& c = sums.cells[key];
        c.arrivals += cell.arrivals;
        c.waits += cell.waits;
        c.wait_ms += cell.wait_ms;
    }
}

void fold_day(RangeSums& sums, const Day& day, const Query& query, const OfficeConfig& config) {
    for (const auto& [service, spans] : day.waiting)
        append(sums.waiting_by_service[service], spans);
    for (const auto& [counter, spans] : day.busy)
        append(sums.busy_by_counter[counter], spans);
    DayAccumulator& d = sums.by_day[day.date];
    for (const Group& g : day.groups) {
        if (!query_matches(query, g.key))
            continue;
        fold_group(sums, d, g, within_target(g, target_wait_of(config, g.key.service)));
    }
}

void add_service_and_counter_rows(const OfficeConfig& config, const Query& query, RangeSums& sums,
                                  Report& report) {
    for (const ServiceDef& def : config.services) {
        if (!query.service.empty() && def.id != query.service)
            continue;
        report.services.push_back({def.id, def.name, def.name_en, def.target_wait_minutes,
                                   sums.by_service[def.id].figures()});
    }
    for (const CounterDef& def : config.counters) {
        if (query.counter && def.number != *query.counter)
            continue;
        report.counters.push_back({def.number, def.name, sums.by_counter[def.number].figures()});
    }
}

// Counter time, within service hours: open and paused spans per staff member.
void add_counter_time(const StageReader::State& st, const Query& query,
                      std::map<std::string, StaffAccumulator>& by_staff) {
    const Spans hours = office_hours(*st.config, query);
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
                PauseRow& p = a.pauses[seg.pause];
                p.code = seg.pause;
                ++p.count;
                p.minutes += minutes_of(within);
            }
        }
    }
}

// When someone waited for one of a counter's services: the same for everyone who held it, so
// worked out once per counter.
class CounterWaiting {
  public:
    CounterWaiting(const OfficeConfig& config, const std::map<std::string, Spans>& by_service)
        : config_(config), by_service_(by_service) {}

    const Spans& at(int number) {
        const auto known = at_counter_.find(number);
        if (known != at_counter_.end())
            return known->second;
        Spans waiting;
        if (const CounterDef* def = config_.find_counter(number)) {
            for (const std::string& service : def->services) {
                const auto it = by_service_.find(service);
                if (it != by_service_.end())
                    append(waiting, it->second);
            }
        }
        return at_counter_[number] = merged(std::move(waiting));
    }

  private:
    const OfficeConfig& config_;
    const std::map<std::string, Spans>& by_service_;
    std::map<int, Spans> at_counter_;
};

StaffRow staff_row(const std::string& name, StaffAccumulator& a, CounterWaiting& waiting,
                   std::map<int, Spans>& busy_by_counter) {
    StaffRow row;
    row.name = name;
    row.served = a.served;
    if (!a.service.empty())
        row.mean_service_minutes = summarize_ms(std::move(a.service)).mean;
    for (auto& [number, open] : a.open_by_counter) {
        open = merged(std::move(open));
        row.open_minutes += minutes_of(open);
        row.idle_minutes +=
            minutes_of(subtract(intersect(open, waiting.at(number)), busy_by_counter[number]));
    }
    if (row.open_minutes > 0)
        row.served_per_hour = static_cast<double>(row.served) / (row.open_minutes / 60.0);
    for (auto& entry : a.pauses)
        row.pauses.push_back(entry.second);
    return row;
}

void add_staff_rows(const OfficeConfig& config, const Query& query, RangeSums& sums,
                    Report& report) {
    for (auto& entry : sums.waiting_by_service)
        entry.second = merged(std::move(entry.second));
    for (auto& entry : sums.busy_by_counter)
        entry.second = merged(std::move(entry.second));
    CounterWaiting waiting(config, sums.waiting_by_service);
    for (auto& [name, a] : sums.by_staff) {
        if (!query.staff.empty() && name != query.staff)
            continue;
        report.staff.push_back(staff_row(name, a, waiting, sums.busy_by_counter));
    }
}

// Every day of the range up to today, those without tickets too.
void add_day_rows(const Query& query, const std::string& today, RangeSums& sums, Report& report) {
    for (auto d = std::chrono::sys_days(query.from); d <= std::chrono::sys_days(query.to);
         d += std::chrono::days(1)) {
        const std::string date = format_date_iso(std::chrono::year_month_day(d));
        if (date > today)
            break;
        const DayAccumulator& a = sums.by_day[date];
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
}

Heatmap heatmap_of(const OfficeConfig& config, std::set<int> hours_seen,
                   const std::map<CellKey, Cell>& cells) {
    // The heatmap's hours: the office's service hours, and any hour something happened.
    for (const auto& day : config.hours) {
        for (const TimeRange& r : day) {
            for (int h = r.from / 60; h * 60 < r.to; ++h)
                hours_seen.insert(h);
        }
    }
    Heatmap map;
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
    return map;
}

}  // namespace

Report compute(QueueStore& store, const ApplicationStore* applications, const Query& query,
               TimePoint now, DayKeeping keeping) {
    Report report;
    report.query = query;
    // Who held each counter over the whole range, and whether it was open or paused.
    const StageReader::State st(store, query, now, false);
    const OfficeConfig& config = *st.config;

    RangeSums sums;
    for_each_day(store, query.from, query.to, now, keeping == DayKeeping::Use,
                 [&](const Day& day) { fold_day(sums, day, query, config); });

    report.totals = sums.totals.figures();
    add_service_and_counter_rows(config, query, sums, report);
    add_counter_time(st, query, sums.by_staff);
    add_staff_rows(config, query, sums, report);
    add_day_rows(query, st.today, sums, report);
    report.heatmap = heatmap_of(config, sums.hours_seen, sums.cells);

    if (applications)
        add_application_figures(store, *applications, config, st.from_ms, st.to_ms, now, report);
    add_survey_and_complaints(store, query, now, report);
    return report;
}

}  // namespace loket::report
