#pragma once
// Performance reports over a range of office-local dates: waits, walks and service times per
// visit stage, staff productivity and idle time, a day-by-day trend, an hour x weekday heatmap,
// applications against their SOP standard, the SKM index and complaints answered on time.
// Every figure is defined in docs/metrics.md; this is the one place that computes them (the
// API's JSON, its CSV/XLSX exports and the open performance data all read it).
//
// Reads are by indexed time range and in pages of ticket ids, never a query per row; a day that
// can no longer change is reduced once to its figures' exact ingredients and kept in the
// database, so a year's report reads 366 rows (docs/metrics.md).
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "loket/application_store.hpp"
#include "loket/queue_store.hpp"
#include "loket/survey.hpp"

namespace loket::report {

// The longest range a report covers, in days (a leap year).
inline constexpr int kMaxRangeDays = 366;

struct Query {
    std::chrono::year_month_day from{};  // office-local, inclusive
    std::chrono::year_month_day to{};    // office-local, inclusive
    std::string service;                 // empty: every service
    std::optional<int> counter;
    std::string staff;  // empty: everyone
};

// One stay of a ticket in one line: from its issue (or its transfer, or its reactivation after
// a no-show) to the end of its visit at a counter, or to now / the day's end when never called.
struct Stage {
    std::int64_t ticket_id = 0;
    std::string local_date;  // the ticket's office-local day
    std::string number;      // "A-012"
    int index = 0;           // 0: the stage that began at issue
    std::string service;
    std::optional<int> counter;             // none when never called
    std::string staff;                      // who held the counter at the call; empty when unknown
    std::int64_t issued_ms = 0;             // the ticket's issue
    std::int64_t start_ms = 0;              // issue, transfer or reactivation
    std::optional<std::int64_t> called_ms;  // first call of the stage
    std::optional<std::int64_t> last_called_ms;  // last call or recall
    std::optional<std::int64_t> started_ms;
    std::optional<std::int64_t> ended_ms;
    // done, no_show, transferred, cancelled; "waiting" (not called yet, today), "unserved"
    // (never called on a day that has ended), "in_progress" (at a counter now).
    std::string outcome;
    bool last_of_ticket = false;

    std::optional<double> wait_minutes() const;            // start -> first call
    std::optional<double> wait_last_call_minutes() const;  // start -> last call
    std::optional<double> walk_minutes() const;            // last call -> start of service
    std::optional<double> service_minutes() const;         // start -> end, served stages only
};

// Reads the stages of a range in pages of tickets, with the counter holders and recalls of the
// range loaded once: what the report aggregates and what the visits export streams.
class StageReader {
  public:
    StageReader(QueueStore& store, const Query& query, TimePoint now);
    ~StageReader();
    StageReader(const StageReader&) = delete;
    StageReader& operator=(const StageReader&) = delete;
    // The next page of stages in ticket order (every stage, unfiltered); empty when done.
    std::vector<Stage> next_page();
    // Whether a stage passes the query's service, counter and staff filters.
    bool matches(const Stage& stage) const;

    struct State;  // what the range loaded (report.cpp)
    const State& state() const { return *state_; }

  private:
    std::unique_ptr<State> state_;
};

// Minutes: the count, the mean, the median and 90th percentile (nearest rank) and the maximum.
struct Durations {
    std::int64_t count = 0;
    std::optional<double> mean, median, p90, max;
    bool operator==(const Durations&) const = default;
};
Durations summarize(std::vector<double> minutes);
// The nearest-rank percentile: the value at rank ceil(p x n) of the sorted values (p in 0..1).
std::optional<double> percentile(std::vector<double> values, double p);

struct QueueFigures {
    std::int64_t issued = 0;  // stages that began at issue (tickets)
    std::int64_t served = 0;  // stages ended done
    std::int64_t no_show = 0;
    std::optional<double> no_show_rate;  // no_show / (served + no_show)
    std::int64_t unserved_at_close = 0;
    std::int64_t transferred = 0;  // stages ended by a transfer to another service
    Durations wait, wait_last_call, walk, service, in_office;
    std::int64_t within_target = 0;  // served stages whose wait <= the service's target
    std::optional<double> within_target_share;
    bool operator==(const QueueFigures&) const = default;
};

struct ServiceRow {
    std::string id, name, name_en;
    int target_wait_minutes = 0;
    QueueFigures figures;
    bool operator==(const ServiceRow&) const = default;
};
struct CounterRow {
    int number = 0;
    std::string name;
    QueueFigures figures;
    bool operator==(const CounterRow&) const = default;
};
struct PauseRow {
    PauseCode code = PauseCode::Other;  // pauses recorded as free text: their old labels' code
    std::int64_t count = 0;
    double minutes = 0;
    bool operator==(const PauseRow&) const = default;
};
struct StaffRow {
    std::string name;
    std::int64_t served = 0;
    std::optional<double> served_per_hour;  // per hour of open counter time
    std::optional<double> mean_service_minutes;
    double open_minutes = 0;
    double idle_minutes = 0;  // open, nobody at the counter, a ticket of its services waiting
    std::vector<PauseRow> pauses;
    bool operator==(const StaffRow&) const = default;
};
struct DayRow {
    std::string date;
    std::int64_t issued = 0, served = 0, no_show = 0;
    std::optional<double> mean_wait_minutes;
    std::optional<double> within_target_share;
    bool operator==(const DayRow&) const = default;
};
struct Heatmap {
    std::vector<int> weekdays;                        // ISO: 1 Monday .. 7 Sunday
    std::vector<int> hours;                           // local hours shown
    std::vector<std::vector<std::int64_t>> arrivals;  // [weekday][hour]: tickets issued
    std::vector<std::vector<std::optional<double>>> mean_wait_minutes;  // by stage start
    bool operator==(const Heatmap&) const = default;
};
struct ApplicationFigures {
    std::int64_t registered = 0;
    std::int64_t finished = 0;
    std::int64_t finished_within_standard = 0;
    std::optional<double> within_standard_share;
    std::optional<double> median_working_days;
    std::int64_t overdue_now = 0;
    std::int64_t incomplete_visits = 0;
    std::optional<double> incomplete_rate;
};
struct SkmFigures {
    std::int64_t responses = 0;
    std::optional<survey::IndexResult> index;  // none without responses
};
struct ComplaintFigures {
    std::int64_t received = 0;
    std::int64_t answered = 0;
    std::int64_t answered_within_60_days = 0;
    std::optional<double> within_60_days_share;
};

struct Report {
    Query query;
    QueueFigures totals;
    std::vector<ServiceRow> services;
    std::vector<CounterRow> counters;
    std::vector<StaffRow> staff;
    std::vector<DayRow> days;
    Heatmap heatmap;
    std::optional<ApplicationFigures> applications;  // none without the application store
    SkmFigures skm;
    ComplaintFigures complaints;
};

// Whether the figures of days that can no longer change are read from and kept in the
// database's report_days (docs/metrics.md), or every day is read from its tickets (tests
// compare the two).
enum class DayKeeping { Use, Bypass };

// The report of the query at `now`. applications: may be null (then no application figures).
// Days before today that nobody is still being served from are kept, so the next report over
// them reads one row per day.
Report compute(QueueStore& store, const ApplicationStore* applications, const Query& query,
               TimePoint now, DayKeeping keeping = DayKeeping::Use);

// Keeps the figures of every day of the last kMaxRangeDays before today that can no longer
// change and is not kept yet (the server runs it at start-up and once a day, so that the first
// long report of the day does not read a year of tickets). Returns how many days it kept.
int keep_past_days(QueueStore& store, TimePoint now);

}  // namespace loket::report
