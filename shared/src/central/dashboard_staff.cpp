// One office's staff at central (docs/metrics.md "Staff"), from its shipped counter events and
// its stages, counted as the office's report counts them: who held each counter and whether it
// was open or paused (the state the range starts in, then its events), the time within the
// office's service hours, the stages each person called, and idle time (open, nobody at the
// counter, someone waiting for one of its services), and pauses per reason: their code
// (loket.pause_code, central migration 9), as their free text stays at the office
// (docs/privacy.md "Central").
#include <algorithm>
#include <map>

#include "dashboard_parts.hpp"
#include "loket/pause_reason.hpp"
#include "loket/spans.hpp"

namespace loket::central::dashboard {
namespace {

using report::Spans;

constexpr double kMinute = 60000.0;
constexpr const char* kCounterEvents =
    "('counter.opened', 'counter.paused', 'counter.resumed', 'counter.closed', "
    "'counter.taken_over')";

struct Held {
    std::int64_t from = 0, to = 0;
    bool open = false;
    std::string staff;
    std::string pause;  // paused: the reason's code
};

struct Range {
    std::int64_t from_ms = 0, to_ms = 0, end_ms = 0;  // [first midnight, next), min(next, now)
};

// Each counter's segments, in time order, as the office's report reads its counter events.
std::map<int, std::vector<Held>> held_counters(pqxx::transaction_base& w, const std::string& office,
                                               const OfficeConfig& config, const Range& range) {
    struct State {
        std::string state, staff, pause;
        std::int64_t since = 0;
    };
    std::map<int, State> current;
    std::map<int, std::vector<Held>> held;
    const std::string columns =
        "SELECT (payload -> 'counter' ->> 'number')::int, "
        "round(extract(epoch FROM at) * 1000)::bigint, coalesce(payload -> 'counter' ->> "
        "'state', ''), coalesce(payload -> 'counter' ->> 'staff', ''), "
        "coalesce(loket.pause_code(payload -> 'counter'), '') FROM loket.events "
        "WHERE office = $1 AND type IN " +
        std::string(kCounterEvents) +
        " AND jsonb_typeof(payload -> 'counter' -> 'number') = "
        "'number' ";
    const std::string number = "(payload -> 'counter' ->> 'number')::int";
    for (const auto& r : w.exec_params("SELECT DISTINCT ON (" + number + ") " + columns.substr(7) +
                                           "AND at < to_timestamp($2::bigint / 1000.0) ORDER BY " +
                                           number + ", at DESC, id DESC",
                                       office, range.from_ms)) {
        if (config.find_counter(r[0].as<int>()))
            current[r[0].as<int>()] = {r[2].as<std::string>(), r[3].as<std::string>(),
                                       r[4].as<std::string>(), range.from_ms};
    }
    const auto close = [&](int number, std::int64_t at) {
        const auto it = current.find(number);
        if (it == current.end())
            return;
        const State& s = it->second;
        if ((s.state == "open" || s.state == "paused") && at > s.since)
            held[number].push_back({s.since, at, s.state == "open", s.staff, s.pause});
    };
    for (const auto& r :
         w.exec_params(columns + "AND at >= to_timestamp($2::bigint / 1000.0) AND at < "
                                 "to_timestamp($3::bigint / 1000.0) ORDER BY at, id",
                       office, range.from_ms, range.end_ms)) {
        const int number = r[0].as<int>();
        const std::int64_t at = r[1].as<std::int64_t>();
        close(number, at);
        current[number] = {r[2].as<std::string>(), r[3].as<std::string>(), r[4].as<std::string>(),
                           at};
    }
    for (const auto& entry : current)
        close(entry.first, range.end_ms);
    return held;
}

// Who held the counter at `at`, as the office's report answers it.
std::string holder_at(const std::map<int, std::vector<Held>>& held, int counter, std::int64_t at) {
    const auto it = held.find(counter);
    if (it == held.end())
        return "";
    const auto after = std::upper_bound(it->second.begin(), it->second.end(), at,
                                        [](std::int64_t t, const Held& h) { return t < h.from; });
    if (after != it->second.begin() && at < std::prev(after)->to)
        return std::prev(after)->staff;
    return it->second.empty() || at < it->second.front().from ? "" : it->second.back().staff;
}

struct Stages {
    std::map<std::string, Spans> waiting;  // per service: someone waited (stage start to call)
    std::map<int, Spans> busy;             // per counter: someone at it (call to end)
    std::map<std::string, std::vector<std::int64_t>> service_ms;  // done, per holder at call
};

// The visits and the last stays nobody called of the tickets of from..to; a day's open ends
// are its end (or now).
Stages read_stages(pqxx::transaction_base& w, const std::string& office, const std::string& from,
                   const std::string& to, const std::map<int, std::vector<Held>>& held,
                   const OfficeConfig& config, std::int64_t now_ms) {
    Stages out;
    const auto day_end = [&](const std::string& date) {
        const auto day = std::chrono::sys_days(*parse_date_iso(date)) + std::chrono::days(1);
        return std::min(now_ms,
                        to_millis(from_local(std::chrono::year_month_day(day), 0, config.zone)));
    };
    const std::string ms = "round(extract(epoch FROM %) * 1000)::bigint";
    const auto at = [&](const std::string& column) {
        std::string text = ms;
        return text.replace(text.find('%'), 1, column);
    };
    for (const auto& r :
         w.exec_params("SELECT v.local_date::text, v.service, v.counter, " + at("v.stage_start") +
                           ", " + at("v.called_at") + ", " +
                           at("coalesce(v.started_at, v.ended_at)") + ", " + at("v.ended_at") +
                           ", coalesce(v.outcome, '') FROM loket.visits v "
                           "WHERE v.office = $1 AND v.local_date BETWEEN $2::date AND $3::date",
                       office, from, to)) {
        const std::int64_t called = r[4].as<std::int64_t>();
        const std::int64_t end =
            r[6].is_null() ? day_end(r[0].as<std::string>()) : r[6].as<std::int64_t>();
        out.waiting[r[1].as<std::string>()].emplace_back(r[3].as<std::int64_t>(), called);
        if (r[2].is_null())
            continue;
        out.busy[r[2].as<int>()].emplace_back(called, end);
        const std::string staff = holder_at(held, r[2].as<int>(), called);
        if (r[7].as<std::string>() == "done" && !staff.empty())
            out.service_ms[staff].push_back(end - r[5].as<std::int64_t>());
    }
    // A last stay in a line: still waiting, or cancelled there (no call since it began).
    for (const auto& r : w.exec_params(
             "SELECT t.local_date::text, t.service, " + at("t.line_since") + ", t.state, (SELECT " +
                 at("e.at") +
                 " FROM loket.events e WHERE e.office = t.office AND e.ticket_id = t.id "
                 "AND e.type = 'ticket.cancelled' ORDER BY e.id DESC LIMIT 1) FROM loket.tickets t "
                 "WHERE t.office = $1 AND t.local_date BETWEEN $2::date AND $3::date "
                 "AND t.state IN ('waiting', 'cancelled') AND NOT EXISTS (SELECT 1 FROM "
                 "loket.visits v WHERE v.office = t.office AND v.ticket_id = t.id "
                 "AND v.called_at >= t.line_since)",
             office, from, to)) {
        const bool waiting = r[3].as<std::string>() == "waiting";
        const std::int64_t end =
            !waiting && !r[4].is_null() ? r[4].as<std::int64_t>() : day_end(r[0].as<std::string>());
        out.waiting[r[1].as<std::string>()].emplace_back(r[2].as<std::int64_t>(), end);
    }
    for (auto& entry : out.waiting)
        entry.second = report::merged(std::move(entry.second));
    for (auto& entry : out.busy)
        entry.second = report::merged(std::move(entry.second));
    return out;
}

// The office's service hours of every day of the range, as instants.
Spans service_hours(const OfficeConfig& config, std::chrono::year_month_day from,
                    std::chrono::year_month_day to) {
    Spans out;
    for (auto d = std::chrono::sys_days(from); d <= std::chrono::sys_days(to);
         d += std::chrono::days(1)) {
        const std::chrono::year_month_day date(d);
        for (const TimeRange& r : hours_on(config, date))
            out.emplace_back(to_millis(from_local(date, r.from, config.zone)),
                             to_millis(from_local(date, r.to, config.zone)));
    }
    return report::merged(std::move(out));
}

struct PauseSum {
    std::int64_t count = 0;
    double minutes = 0;
};

struct Person {
    std::map<int, Spans> open;  // per counter held, within service hours
    std::map<PauseCode, PauseSum> pauses;
};

std::map<std::string, Person> people_of(const std::map<int, std::vector<Held>>& held,
                                        const Spans& hours, const Stages& stages) {
    std::map<std::string, Person> people;
    for (const auto& [number, segments] : held) {
        for (const Held& h : segments) {
            if (h.staff.empty())
                continue;
            const Spans within = report::intersect({{h.from, h.to}}, hours);
            Person& p = people[h.staff];
            if (h.open) {
                auto& spans = p.open[number];
                spans.insert(spans.end(), within.begin(), within.end());
            } else {
                PauseSum& sum = p.pauses[parse_pause_code(h.pause).value_or(PauseCode::Other)];
                ++sum.count;
                sum.minutes += report::minutes_of(within);
            }
        }
    }
    for (const auto& entry : stages.service_ms)
        people[entry.first];
    return people;
}

// When someone waited for one of the counter's services.
Spans waiting_at(const OfficeConfig& config, const Stages& stages, int counter) {
    Spans waiting;
    if (const CounterDef* def = config.find_counter(counter)) {
        for (const std::string& service : def->services) {
            const auto it = stages.waiting.find(service);
            if (it != stages.waiting.end())
                waiting.insert(waiting.end(), it->second.begin(), it->second.end());
        }
    }
    return report::merged(std::move(waiting));
}

nlohmann::json person_json(const std::string& name, Person& p, const Stages& stages,
                           const OfficeConfig& config) {
    double open_minutes = 0, idle_minutes = 0;
    for (auto& [number, open] : p.open) {
        open = report::merged(std::move(open));
        open_minutes += report::minutes_of(open);
        const auto busy = stages.busy.find(number);
        idle_minutes += report::minutes_of(
            report::subtract(report::intersect(open, waiting_at(config, stages, number)),
                             busy == stages.busy.end() ? Spans{} : busy->second));
    }
    const auto served = stages.service_ms.find(name);
    const std::int64_t count =
        served == stages.service_ms.end() ? 0 : static_cast<std::int64_t>(served->second.size());
    std::optional<double> mean_service;
    if (count > 0) {
        std::int64_t total = 0;
        for (const std::int64_t ms : served->second)
            total += ms;
        mean_service = static_cast<double>(total) / kMinute / static_cast<double>(count);
    }
    std::int64_t pause_count = 0;
    double pause_minutes = 0;
    nlohmann::json pauses = nlohmann::json::array();
    for (const auto& [code, sum] : p.pauses) {
        pause_count += sum.count;
        pause_minutes += sum.minutes;
        pauses.push_back({{"reason_code", to_string(code)},
                          {"count", sum.count},
                          {"minutes", rounded(sum.minutes, 2)}});
    }
    return {{"name", name},
            {"served", count},
            {"served_per_hour",
             rounded(open_minutes > 0
                         ? std::optional<double>(static_cast<double>(count) / (open_minutes / 60.0))
                         : std::nullopt,
                     2)},
            {"mean_service_minutes", rounded(mean_service, 2)},
            {"open_minutes", rounded(open_minutes, 2)},
            {"idle_minutes", rounded(idle_minutes, 2)},
            {"pause_count", pause_count},
            {"pause_minutes", rounded(pause_minutes, 2)},
            {"pauses", std::move(pauses)}};
}

}  // namespace

nlohmann::json office_staff(pqxx::transaction_base& w, const std::string& office,
                            const std::string& from, const std::string& to,
                            const std::optional<OfficeConfig>& config) {
    nlohmann::json staff = nlohmann::json::array();
    const auto first = parse_date_iso(from), last = parse_date_iso(to);
    if (!config || !first || !last)
        return staff;  // without the office's counters and hours there is nothing to count
    Range range;
    range.from_ms = to_millis(from_local(*first, 0, config->zone));
    range.to_ms = to_millis(
        from_local(std::chrono::year_month_day(std::chrono::sys_days(*last) + std::chrono::days(1)),
                   0, config->zone));
    range.end_ms = std::min(range.to_ms, to_millis(now_utc()));
    const auto held = held_counters(w, office, *config, range);
    const Stages stages = read_stages(w, office, from, to, held, *config, to_millis(now_utc()));
    auto people = people_of(held, service_hours(*config, *first, *last), stages);
    for (auto& [name, person] : people)
        staff.push_back(person_json(name, person, stages, *config));
    return staff;
}

}  // namespace loket::central::dashboard
