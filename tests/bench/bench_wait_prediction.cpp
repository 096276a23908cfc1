// How good is the predicted wait (docs/metrics.md, "Predicted wait")? A replay of simulated
// office days against the real QueueStore on a temporary SQLite file, every action at a
// simulated time: arrivals per service as a Poisson process whose rate changes by the hour, a
// share of priority tickets, counters opening late, pausing for a break and a helper counter
// closing early, lognormal service times per service, walking to the counter, a pause of
// paperwork between applicants, a few no-shows. At every issue the prediction the store gave is
// kept; at the ticket's first call the actual wait. Printed per predictor: N, the mean absolute
// error and the 90th percentile absolute error in minutes, and the mean signed error (bias),
// for the store's predictor, the one it had before (people ahead by arrival only, median call
// -> finish) and the alternatives considered. Deterministic: one seed, same figures each run.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <deque>
#include <map>
#include <numeric>
#include <optional>
#include <queue>
#include <random>
#include <string>
#include <vector>

#include "loket/queue_store.hpp"
#include "temp_dir.hpp"

using namespace loket;
using namespace std::chrono;

namespace {

constexpr auto kFirstMonday = year{2026} / 11 / 23;
constexpr TimeZone kZone = TimeZone::WITA;
const StaffRef kStaff{"simulasi", "staff"};
constexpr double kNoShowShare = 0.04;
constexpr int kDays = 8;  // Monday to Thursday of two weeks
constexpr std::uint32_t kSeed = 20261123;
// The predictor the store uses, which its figure must equal (a check of this replay too).
constexpr const char* kStorePredictor = "turns, mean call-finish";

struct ServiceModel {
    const char* id;
    double median_minutes;  // of the service itself (start -> finish)
    double sigma;           // of its logarithm
    // Arrivals per hour from 08.00 to 15.00, one figure an hour: a morning peak, a lull at
    // midday, a smaller peak after it.
    std::array<double, 7> per_hour;
};

const std::array<ServiceModel, 3> kServices = {{
    {"informasi", 3.5, 0.5, {16, 26, 28, 20, 12, 18, 8}},
    {"customer_service", 7.5, 0.6, {10, 20, 22, 16, 10, 16, 6}},
    {"pendaftaran", 10.0, 0.55, {6, 12, 14, 10, 6, 10, 4}},
}};

struct CounterPlan {
    int number;
    std::vector<std::string> services;
    double open_from_min, open_to_min;    // opening time, minutes after midnight (uniform)
    std::optional<double> closes_at_min;  // a helper counter leaving early
};

const std::vector<CounterPlan> kCounters = {
    {1, {"informasi"}, 475, 485, {}},
    {2, {"informasi"}, 500, 540, {}},
    {3, {"customer_service"}, 475, 485, {}},
    {4, {"customer_service"}, 480, 500, {}},
    {5, {"customer_service"}, 510, 560, {}},
    {6, {"pendaftaran"}, 475, 490, {}},
    {7, {"pendaftaran"}, 520, 560, {}},
    {8, {"customer_service", "pendaftaran"}, 590, 620, 780},
};

// The office as one scenario runs it: how often applicants have priority, and how many priority
// calls in a row the ratio rule allows.
struct Scenario {
    const char* name;
    double priority_share;
    int priority_max_in_row;
};

const std::array<Scenario, 2> kScenarios = {{
    {"usual office: 12% priority, at most 3 in a row", 0.12, 3},
    {"many elderly: 35% priority, at most 2 in a row", 0.35, 2},
}};

OfficeConfig office(const Scenario& scenario) {
    OfficeConfig config = default_office_config();
    config.zone = kZone;
    for (auto& s : config.services)
        s.priority_max_in_row = scenario.priority_max_in_row;
    config.counters.clear();
    for (const auto& c : kCounters)
        config.counters.push_back({c.number, "Loket " + std::to_string(c.number), c.services});
    config.counters.push_back({9, "Loket 9", {"pengambilan"}});
    return config;
}

// One simulated applicant.
struct Applicant {
    int service = 0;
    bool priority = false;
    bool no_show = false;
    double walk_s = 0, service_s = 0;
    double issued_s = 0;
    std::optional<double> called_s;
    std::optional<int> store_minutes;  // the store's prediction at issue
    int store_ahead = 0;
    int ahead_by_arrival = 0;
    // The predictors computed here, by name; none when that predictor had no figure.
    std::map<std::string, std::optional<double>> predicted;
};

enum class Kind { Arrival, Free, Start, Finish, NoShow, PauseEnd, Open };

struct Event {
    double t = 0;
    long seq = 0;
    Kind kind = Kind::Arrival;
    int counter = 0;      // counters' events
    std::int64_t id = 0;  // the ticket, for Start/Finish/NoShow
    int service = 0;      // Arrival
    bool operator>(const Event& o) const { return t != o.t ? t > o.t : seq > o.seq; }
};

struct CounterSim {
    const CounterPlan* plan = nullptr;
    bool open = false, paused = false, busy = false, closed_for_day = false;
    std::optional<double> pause_at_s, pause_len_s, close_at_s;
    double open_since_s = 0;
    double ready_at_s = 0;  // paperwork of the last applicant done
    // Spans (begin, end) during which the counter was open and not paused, today.
    std::vector<std::pair<double, double>> open_spans;
};

double percentile(std::vector<double> v, double p) {
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    const double rank = p * double(v.size() - 1);
    const auto lo = std::size_t(std::floor(rank)), hi = std::size_t(std::ceil(rank));
    return v[lo] + (v[hi] - v[lo]) * (rank - double(lo));
}

double median(std::vector<double> v) {
    return percentile(std::move(v), 0.5);
}

class Replay {
  public:
    Replay(QueueStore& store, double priority_share)
        : store_(store), random_(kSeed), priority_share_(priority_share) {}

    void run_day(year_month_day date) {
        date_ = date;
        counters_.clear();
        calls_.clear();
        for (const auto& plan : kCounters) {
            CounterSim c;
            c.plan = &plan;
            counters_[plan.number] = c;
            std::uniform_real_distribution<double> open(plan.open_from_min, plan.open_to_min);
            push({open(random_) * 60, 0, Kind::Open, plan.number});
            if (plan.closes_at_min)
                counters_[plan.number].close_at_s = *plan.closes_at_min * 60;
            // A break for prayer and lunch (ishoma) between 11.30 and 13.00, 20 to 45 min.
            std::uniform_real_distribution<double> pause_at(690, 780), pause_len(20, 45);
            counters_[plan.number].pause_at_s = pause_at(random_) * 60;
            counters_[plan.number].pause_len_s = pause_len(random_) * 60;
        }
        for (int s = 0; s < int(kServices.size()); ++s)
            schedule_arrivals(s);
        while (!events_.empty()) {
            const Event e = events_.top();
            events_.pop();
            handle(e);
        }
        for (auto& [number, c] : counters_) {
            if (c.open && !c.paused)
                c.open_spans.push_back({c.open_since_s, last_t_});
            if (c.open || c.paused)
                store_.close_counter(number, kStaff, at(last_t_ + 60));
        }
        for (auto& [id, a] : tickets_)
            all_.push_back(std::move(a));
        tickets_.clear();
        waiting_.clear();  // tomorrow's numbers start again; nobody waits overnight here
    }

    // Every applicant of the days run so far, called or not.
    const std::vector<Applicant>& applicants() const { return all_; }

  private:
    TimePoint at(double seconds) const {
        return from_local(date_, 0, kZone) + milliseconds(std::llround(seconds * 1000));
    }

    void push(Event e) {
        e.seq = seq_++;
        events_.push(e);
    }

    void schedule_arrivals(int s) {
        const ServiceModel& model = kServices[std::size_t(s)];
        double t = 8 * 3600;
        while (true) {
            const int hour = int(t / 3600) - 8;
            if (hour >= int(model.per_hour.size()))
                break;
            std::exponential_distribution<double> gap(model.per_hour[std::size_t(hour)] / 3600);
            t += gap(random_);
            if (t >= 15 * 3600)
                break;
            push({t, 0, Kind::Arrival, 0, 0, s});
        }
    }

    bool serves(const CounterSim& c, int service) const {
        const auto& list = c.plan->services;
        return std::find(list.begin(), list.end(), kServices[std::size_t(service)].id) !=
               list.end();
    }

    int open_counters(int service) const {
        int n = 0;
        for (const auto& [number, c] : counters_)
            n += c.open && !c.paused && serves(c, service);
        return n;
    }

    void handle(const Event& e) {
        last_t_ = std::max(last_t_, e.t);
        switch (e.kind) {
            case Kind::Arrival:
                arrive(e.service, e.t);
                break;
            case Kind::Open: {
                CounterSim& c = counters_[e.counter];
                store_.open_counter(e.counter, kStaff, at(e.t));
                c.open = true;
                c.open_since_s = e.t;
                push({e.t, 0, Kind::Free, e.counter});
                break;
            }
            case Kind::Free:
                free(e.counter, e.t);
                break;
            case Kind::Start:
                store_.start_serving(e.counter, kStaff, at(e.t));
                push({e.t + tickets_[e.id].service_s, 0, Kind::Finish, e.counter, e.id});
                break;
            case Kind::Finish: {
                store_.finish(e.counter, kStaff, at(e.t));
                Applicant& a = tickets_[e.id];
                call_to_finish_[a.service].push_front((e.t - *a.called_s) / 60);
                counter_cycle_[a.service].push_front((e.t + paperwork() - *a.called_s) / 60);
                end_service(e.counter, e.t);
                break;
            }
            case Kind::NoShow: {
                store_.no_show(e.counter, kStaff, at(e.t));
                Applicant& a = tickets_[e.id];
                counter_cycle_[a.service].push_front((e.t + paperwork() - *a.called_s) / 60);
                end_service(e.counter, e.t);
                break;
            }
            case Kind::PauseEnd: {
                CounterSim& c = counters_[e.counter];
                store_.resume_counter(e.counter, kStaff, at(e.t));
                c.paused = false;
                c.open_since_s = e.t;
                push({e.t, 0, Kind::Free, e.counter});
                break;
            }
        }
    }

    // The clerk's paperwork between one applicant and the next call: 10 to 50 s.
    double paperwork() {
        std::uniform_real_distribution<double> d(10, 50);
        last_paperwork_ = d(random_);
        return last_paperwork_;
    }

    void end_service(int counter, double t) {
        counters_[counter].busy = false;
        counters_[counter].ready_at_s = t + last_paperwork_;
        push({t + last_paperwork_, 0, Kind::Free, counter});
    }

    // An open counter without a ticket: break or leave when due, else call the next one.
    void free(int number, double t) {
        CounterSim& c = counters_[number];
        if (!c.open || c.paused || c.busy || c.closed_for_day || t < c.ready_at_s)
            return;
        if (c.close_at_s && t >= *c.close_at_s) {
            c.open_spans.push_back({c.open_since_s, t});
            store_.close_counter(number, kStaff, at(t));
            c.open = false;
            c.closed_for_day = true;
            return;
        }
        if (c.pause_at_s && t >= *c.pause_at_s) {
            c.open_spans.push_back({c.open_since_s, t});
            store_.pause_counter(number, kStaff, "istirahat", at(t));
            c.paused = true;
            push({t + *c.pause_len_s, 0, Kind::PauseEnd, number});
            c.pause_at_s.reset();
            return;
        }
        const auto ticket = store_.call_next(number, kStaff, at(t));
        if (!ticket) {
            // Idle: the next arrival for its services wakes it; a due break or leave is
            // looked at then too, or at its time.
            const double wake = std::min(c.pause_at_s.value_or(1e9), c.close_at_s.value_or(1e9));
            if (wake < 1e9 && wake > t)
                push({wake, 0, Kind::Free, number});
            return;
        }
        c.busy = true;
        Applicant& a = tickets_[ticket->id];
        a.called_s = t;
        waiting_[a.service][a.priority] -= 1;
        calls_[a.service].push_back(t);
        if (a.no_show) {
            push({t + 120, 0, Kind::NoShow, number, ticket->id});
        } else {
            push({t + a.walk_s, 0, Kind::Start, number, ticket->id});
        }
    }

    void arrive(int s, double t) {
        const ServiceModel& model = kServices[std::size_t(s)];
        Applicant a;
        a.service = s;
        a.issued_s = t;
        std::bernoulli_distribution priority(priority_share_), no_show(kNoShowShare);
        std::uniform_real_distribution<double> walk(20, 90);
        std::lognormal_distribution<double> service(std::log(model.median_minutes * 60),
                                                    model.sigma);
        a.priority = priority(random_);
        a.no_show = no_show(random_);
        a.walk_s = walk(random_);
        a.service_s = service(random_);
        const IssueResult issued = store_.issue(
            IssueRequest{model.id, a.priority ? Priority::Lansia : Priority::None, "", ""}, at(t));
        a.store_minutes = issued.estimate.minutes;
        a.store_ahead = issued.people_ahead;
        predict(a, issued.people_ahead, t);
        waiting_[s][a.priority] += 1;
        tickets_[issued.ticket.id] = a;
        // Idle counters of the service call at once (a few seconds to press the button).
        for (auto& [number, c] : counters_)
            if (c.open && !c.paused && !c.busy && t >= c.ready_at_s && serves(c, s))
                push({t + 5, 0, Kind::Free, number});
    }

    // Each predictor's minutes for the applicant just issued, from what the office knew then.
    void predict(Applicant& a, int ahead_by_rule, double t) {
        const int open = open_counters(a.service);
        const int default_minutes = a.service == 0 ? 5 : 10;
        const auto recent = [](const std::deque<double>& d) {
            return std::vector<double>(d.begin(), d.begin() + std::min<std::size_t>(20, d.size()));
        };
        const std::vector<double> finish = recent(call_to_finish_[a.service]);
        const std::vector<double> cycle = recent(counter_cycle_[a.service]);
        // Before: everyone of at least its priority who arrived earlier (the ticket is the
        // newest), the median call -> finish.
        const int ahead_by_arrival =
            waiting_[a.service][true] + (a.priority ? 0 : waiting_[a.service][false]);
        a.ahead_by_arrival = ahead_by_arrival;
        const auto minutes = [&](int ahead, double per_applicant) -> std::optional<double> {
            if (open == 0)
                return std::nullopt;
            return std::ceil(ahead * per_applicant / open);
        };
        const auto figure = [&](const std::vector<double>& v, bool use_mean) {
            if (v.size() < 3)
                return double(default_minutes);
            return use_mean ? std::accumulate(v.begin(), v.end(), 0.0) / double(v.size())
                            : median(v);
        };
        a.predicted["before: by arrival, median call-finish"] =
            minutes(ahead_by_arrival, figure(finish, false));
        a.predicted["by rule, median call-finish"] = minutes(ahead_by_rule, figure(finish, false));
        a.predicted["by rule, mean call-finish"] = minutes(ahead_by_rule, figure(finish, true));
        a.predicted["by rule, mean counter time"] = minutes(ahead_by_rule, figure(cycle, true));
        a.predicted["by rule, median counter time"] = minutes(ahead_by_rule, figure(cycle, false));
        // The applicant is called when the (ahead + 1)th counter frees up: none to wait for
        // while a counter sits idle for each one ahead, else one more turn than people ahead.
        int idle = 0;
        for (const auto& [number, c] : counters_)
            idle += c.open && !c.paused && !c.busy && serves(c, a.service);
        const int turns = std::max(0, ahead_by_rule + 1 - idle);
        a.predicted["turns, median call-finish"] = minutes(turns, figure(finish, false));
        a.predicted["turns, mean call-finish"] = minutes(turns, figure(finish, true));
        a.predicted["turns, mean counter time"] = minutes(turns, figure(cycle, true));
        {
            std::vector<double> v = finish;
            std::sort(v.begin(), v.end());
            if (v.size() >= 10)
                v = std::vector<double>(v.begin() + 1, v.end() - 1);
            a.predicted["turns, trimmed mean call-finish"] = minutes(turns, figure(v, true));
        }
        // Observed calls per open counter over the last 30 minutes: open-counter minutes of the
        // window divided by the calls made in it is the minutes one counter takes a call.
        const double window = 30 * 60;
        int calls = 0;
        for (const double c : calls_[a.service])
            calls += c >= t - window;
        double open_minutes = 0;
        for (const auto& [number, c] : counters_) {
            if (!serves(c, a.service))
                continue;
            auto spans = c.open_spans;
            if (c.open && !c.paused)
                spans.push_back({c.open_since_s, t});
            for (const auto& [b, e] : spans)
                open_minutes += std::max(0.0, std::min(e, t) - std::max(b, t - window)) / 60;
        }
        a.predicted["by rule, observed call rate (30 min)"] =
            calls >= 3 ? minutes(ahead_by_rule, open_minutes / calls)
                       : minutes(ahead_by_rule, figure(finish, false));
    }

    QueueStore& store_;
    std::mt19937 random_;
    double priority_share_ = 0;
    std::priority_queue<Event, std::vector<Event>, std::greater<>> events_;
    long seq_ = 0;
    year_month_day date_{};
    double last_t_ = 0, last_paperwork_ = 0;
    std::map<int, CounterSim> counters_;
    std::map<std::int64_t, Applicant> tickets_;
    std::map<int, std::map<bool, int>> waiting_;  // service -> priority -> waiting now
    std::map<int, std::deque<double>> call_to_finish_, counter_cycle_;  // newest first
    std::map<int, std::vector<double>> calls_;                          // call times, today
    std::vector<Applicant> all_;
};

struct Figures {
    std::size_t n = 0;
    double mae = 0, p90 = 0, bias = 0;
};

Figures figures(const std::vector<std::pair<double, double>>& predicted_actual) {
    Figures f;
    std::vector<double> errors;
    for (const auto& [p, a] : predicted_actual) {
        errors.push_back(std::abs(p - a));
        f.bias += p - a;
    }
    f.n = errors.size();
    if (f.n == 0)
        return f;
    f.mae = std::accumulate(errors.begin(), errors.end(), 0.0) / double(f.n);
    f.p90 = percentile(errors, 0.9);
    f.bias /= double(f.n);
    return f;
}

// Runs the scenario's days and prints its tables; false when the store's figure is not the
// predictor it is said to be.
bool run(const Scenario& scenario) {
    loket::testing::TempDir dir;
    StoreOptions options;
    options.synchronous_full = false;  // a replay, not a power-cut test
    QueueStore store(dir / "queue.db", office(scenario), options);
    Replay replay(store, scenario.priority_share);
    int days = 0;
    for (int d = 0; days < kDays; ++d) {
        const year_month_day date{sys_days{kFirstMonday} + std::chrono::days{d}};
        const unsigned wd = weekday{sys_days{date}}.c_encoding();
        if (wd == 0 || wd >= 5)  // Friday's short day and the weekend
            continue;
        replay.run_day(date);
        ++days;
    }
    std::map<std::string, std::vector<std::pair<double, double>>> by_predictor, priority_only;
    std::size_t issued = 0, called = 0, no_estimate = 0, store_mismatch = 0, rule_differs = 0;
    for (const Applicant& a : replay.applicants()) {
        ++issued;
        if (!a.called_s)
            continue;
        ++called;
        const double actual = (*a.called_s - a.issued_s) / 60;
        if (!a.store_minutes) {
            ++no_estimate;
            continue;
        }
        for (const auto& [name, p] : a.predicted) {
            if (!p)
                continue;
            by_predictor[name].push_back({*p, actual});
            if (a.priority)
                priority_only[name].push_back({*p, actual});
        }
        rule_differs += a.store_ahead != a.ahead_by_arrival;
        if (a.predicted.at(kStorePredictor) != std::optional<double>(*a.store_minutes))
            ++store_mismatch;
    }
    std::printf("\n== %s: %d office days ==\n", scenario.name, days);
    std::printf(
        "tickets issued %zu, called %zu; issued while no counter of the service was open "
        "(no estimate) %zu; people ahead by the rule differ from by arrival for %zu\n",
        issued, called, no_estimate, rule_differs);
    const auto table = [](const char* title, const auto& rows) {
        std::printf("%-44s %6s %9s %9s %9s\n", title, "N", "MAE min", "p90 min", "bias min");
        for (const auto& [name, pairs] : rows) {
            const Figures f = figures(pairs);
            std::printf("%s %-42s %6zu %9.2f %9.2f %+9.2f\n", name == kStorePredictor ? "*" : " ",
                        name.c_str(), f.n, f.mae, f.p90, f.bias);
        }
    };
    table("all tickets", by_predictor);
    table("priority tickets", priority_only);
    if (store_mismatch > 0) {
        std::printf("FAIL: the store's prediction differs from \"%s\" for %zu tickets\n",
                    kStorePredictor, store_mismatch);
        return false;
    }
    return true;
}

}  // namespace

int main() {
    const auto started = steady_clock::now();
    std::printf(
        "Predicted wait against the actual wait (issue -> first call), replayed on the "
        "real QueueStore; seed %u\n",
        kSeed);
    std::printf(
        "* = the store's predictor (what kiosks, tickets, the status page and the display "
        "show); \"before\" = the one it replaced\n");
    bool ok = true;
    for (const Scenario& scenario : kScenarios)
        ok = run(scenario) && ok;
    std::printf("\n%.1f s\n", duration<double>(steady_clock::now() - started).count());
    return ok ? 0 : 1;
}
