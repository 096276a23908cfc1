// What the reports benchmark's files share: the office it runs (ten counters, files with a
// standard, its visitors' services) and the year of history it builds (bench_reports_year.cpp,
// its first days simulated in bench_reports_day.cpp) for the queries bench_reports.cpp measures.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "bench_files.hpp"
#include "loket/queue_store.hpp"
#include "loket/time.hpp"
#include "server_process.hpp"

namespace loket::bench_reports {

// Ten counters: the test configuration's five and five more, as an office serving 1,200
// visitors a day has.
inline const std::string kConfig = testing::kAlwaysOpenConfig + R"(
[[counters]]
number = 6
services = ["informasi", "customer_service"]
[[counters]]
number = 7
services = ["pendaftaran"]
[[counters]]
number = 8
services = ["customer_service"]
[[counters]]
number = 9
services = ["informasi"]
[[counters]]
number = 10
services = ["pengambilan", "informasi"]
)" + bench::kPermitStandardsToml;

// The visitors' services: each one's share of the day's tickets and its mean service time.
struct ServiceMix {
    const char* id;
    double share;
    double mean_service_minutes;
};
inline const std::array<ServiceMix, 4> kMix = {{{"informasi", 0.35, 1.6},
                                                {"customer_service", 0.30, 2.2},
                                                {"pendaftaran", 0.20, 2.0},
                                                {"pengambilan", 0.15, 1.5}}};

// One office day through the real store (Monday-Friday's day `day_index` of the year): the
// number of actions the store refused.
int simulate_day(QueueStore& store, std::chrono::year_month_day date, int day_index,
                 std::mt19937& rng);

struct Year {
    std::vector<std::chrono::year_month_day> days;  // the working days, oldest first
    std::int64_t tickets = 0, visits = 0, events = 0, applications = 0, steps = 0, responses = 0;
    int store_errors = 0;
};

// The year of history in the SQLite file `db`: its working days end yesterday (before `now`).
Year make_year(const std::filesystem::path& db, TimePoint now);

}  // namespace loket::bench_reports
