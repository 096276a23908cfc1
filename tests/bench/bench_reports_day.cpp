// One office day of the reports benchmark's year (bench_reports_year.cpp) through the real
// QueueStore on a simulated clock: ten counters opened, paused for a break and closed by their
// staff; 1,200 tickets issued, called, recalled, served, transferred, not shown.
//
// BENCH_DEBUG=1 prints the store's first refusals.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>

#include "bench_reports.hpp"
#include "loket/queue_store.hpp"

using namespace loket;
using namespace loket::bench_reports;
using namespace std::chrono;

namespace {

constexpr int kTicketsPerDay = 1200;  // 250 x 1200 = 300,000

const std::array<const char*, 12> kStaffNames = {"ani",  "budi", "citra", "dewi", "eko",  "fajar",
                                                 "gita", "hadi", "intan", "joko", "kiki", "lina"};

// ---------------------------------------------------------------------------------------------
// One office day through the real store, every action at a simulated time (10-second steps).

struct CounterSim {
    int number = 0;
    StaffRef staff{"x"};
    enum { Closed, Idle, Called, Serving, Paused, Done } state = Closed;
    std::int64_t next = 0;  // seconds after midnight of the next action
    std::string service;    // of the ticket at the counter
    bool recalled = false, paused_today = false;
};

class SimulatedDay {
  public:
    SimulatedDay(QueueStore& store, year_month_day date, int day_index, std::mt19937& rng)
        : store_(store), date_(date), zone_(store.config()->zone), rng_(rng) {
        arrive();
        staff_counters(day_index);
    }

    // The day from 07.00 to 18.00; the store's refusals counted.
    int run() {
        for (std::int64_t t = 7 * 3600; t < 18 * 3600; t += 10) {
            issue_arrivals(t);
            for (CounterSim& c : counters_) {
                if (c.next <= t)
                    act(c, t);
            }
        }
        close_for_the_night();
        return errors_;
    }

  private:
    TimePoint at(std::int64_t second) const {
        return from_local(date_, 0, zone_) + seconds(second);
    }

    double uniform() { return u_(rng_); }

    // Arrivals 08.00-15.00, busier in the morning.
    void arrive() {
        for (int i = 0; i < kTicketsPerDay; ++i) {
            const double x = std::pow(uniform(), 1.3);
            const std::int64_t s = 8 * 3600 + static_cast<std::int64_t>(x * 7 * 3600);
            double pick = uniform();
            std::string service = kMix.back().id;
            for (const auto& m : kMix) {
                if (pick < m.share) {
                    service = m.id;
                    break;
                }
                pick -= m.share;
            }
            arrivals_.emplace_back(s, service);
        }
        std::sort(arrivals_.begin(), arrivals_.end());
    }

    void staff_counters(int day_index) {
        for (const CounterDef& c : store_.config()->counters) {
            CounterSim s;
            s.number = c.number;
            s.staff = StaffRef(
                kStaffNames[static_cast<std::size_t>(c.number + day_index) % kStaffNames.size()]);
            s.next = 7 * 3600 + 50 * 60 + static_cast<std::int64_t>(uniform() * 20 * 60);
            counters_.push_back(s);
        }
    }

    std::int64_t service_seconds(const std::string& service) {
        double mean = 2;
        for (const auto& m : kMix)
            mean = m.id == service ? m.mean_service_minutes : mean;
        return static_cast<std::int64_t>(-std::log(1 - uniform()) * mean * 60) + 20;
    }

    template <typename Action>
    bool attempt(Action&& fn) {
        try {
            fn();
            return true;
        } catch (const QueueError& e) {
            if (std::getenv("BENCH_DEBUG") && errors_ < 20)
                std::fprintf(stderr, "refused: %s %s\n", e.code().c_str(), e.what());
            ++errors_;
            return false;
        }
    }

    void issue_arrivals(std::int64_t t) {
        while (next_arrival_ < arrivals_.size() && arrivals_[next_arrival_].first <= t) {
            IssueRequest r;
            r.service = arrivals_[next_arrival_].second;
            if (uniform() < 0.05)
                r.priority = Priority::Lansia;
            attempt([&] { store_.issue(r, at(t)); });
            ++next_arrival_;
        }
    }

    void act(CounterSim& c, std::int64_t t) {
        switch (c.state) {
            case CounterSim::Closed:
                attempt([&] { store_.open_counter(c.number, c.staff, at(t)); });
                c.state = CounterSim::Idle;
                break;
            case CounterSim::Idle:
                act_idle(c, t);
                break;
            case CounterSim::Called:
                act_called(c, t);
                break;
            case CounterSim::Serving:
                act_serving(c, t);
                break;
            case CounterSim::Paused:
                attempt([&] { store_.resume_counter(c.number, c.staff, at(t)); });
                c.state = CounterSim::Idle;
                break;
            case CounterSim::Done:
                c.next = 24 * 3600;
                break;
        }
    }

    // A break after noon, else the next ticket, else (the day's arrivals over) closing.
    void act_idle(CounterSim& c, std::int64_t t) {
        if (!c.paused_today && t >= 12 * 3600) {
            c.paused_today = true;
            attempt([&] { store_.pause_counter(c.number, c.staff, "istirahat", at(t)); });
            c.state = CounterSim::Paused;
            c.next = t + 30 * 60 + static_cast<std::int64_t>(uniform() * 15 * 60);
            return;
        }
        std::optional<Ticket> called;
        attempt([&] { called = store_.call_next(c.number, c.staff, at(t)); });
        if (called) {
            c.state = CounterSim::Called;
            c.service = called->service;
            c.recalled = false;
            c.next = t + 20 + static_cast<std::int64_t>(uniform() * 60);
        } else if (t > 15 * 3600 && next_arrival_ == arrivals_.size()) {
            attempt([&] { store_.close_counter(c.number, c.staff, at(t)); });
            c.state = CounterSim::Done;
        }
    }

    void act_called(CounterSim& c, std::int64_t t) {
        if (!c.recalled && uniform() < 0.06) {
            c.recalled = true;
            attempt([&] { store_.recall(c.number, c.staff, at(t)); });
            c.next = t + 30;
        } else if (uniform() < 0.04) {
            attempt([&] { store_.no_show(c.number, c.staff, at(t)); });
            c.state = CounterSim::Idle;
        } else {
            attempt([&] { store_.start_serving(c.number, c.staff, at(t)); });
            c.state = CounterSim::Serving;
            c.next = t + service_seconds(c.service);
        }
    }

    void act_serving(CounterSim& c, std::int64_t t) {
        if (c.service == "customer_service" && uniform() < 0.05) {
            attempt(
                [&] { store_.transfer_from_counter(c.number, c.staff, "informasi", "", at(t)); });
        } else {
            attempt([&] { store_.finish(c.number, c.staff, at(t)); });
        }
        c.state = CounterSim::Idle;
        c.next = t + 10;
    }

    // Whoever is still open at 18.00 closes, leaving the last waiting tickets unserved.
    void close_for_the_night() {
        for (CounterSim& c : counters_) {
            if (c.state == CounterSim::Serving)
                attempt([&] { store_.finish(c.number, c.staff, at(18 * 3600)); });
            if (c.state != CounterSim::Done && c.state != CounterSim::Closed)
                attempt([&] { store_.close_counter(c.number, c.staff, at(18 * 3600 + 10)); });
        }
    }

    QueueStore& store_;
    year_month_day date_;
    TimeZone zone_;
    std::mt19937& rng_;
    std::uniform_real_distribution<double> u_{0, 1};
    std::vector<std::pair<std::int64_t, std::string>> arrivals_;
    std::size_t next_arrival_ = 0;
    std::vector<CounterSim> counters_;
    int errors_ = 0;
};

}  // namespace

namespace loket::bench_reports {

int simulate_day(QueueStore& store, year_month_day date, int day_index, std::mt19937& rng) {
    return SimulatedDay(store, date, day_index, rng).run();
}

}  // namespace loket::bench_reports
