#pragma once
// What the province dashboard's files share (province_dashboard.cpp, dashboard_applications.cpp,
// dashboard_office.cpp, dashboard_staff.cpp): the pool of connections, the rounding of the office's
// report API, and the steps that read the figures the first versions did not fold.
#include <cmath>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "loket/central_sync.hpp"
#include "loket/office.hpp"
#include "loket/province_dashboard.hpp"

namespace loket::central {

struct ProvinceDashboard::Impl {
    std::string connection;
    int pool_size;
    std::mutex mutex;
    std::condition_variable returned;
    std::vector<std::unique_ptr<pqxx::connection>> idle;
    int open = 0;

    // Runs `work` on a pooled connection; a connection that failed is dropped, not reused.
    template <typename Work>
    auto with_connection(Work&& work) {
        std::unique_ptr<pqxx::connection> c;
        {
            std::unique_lock lock(mutex);
            returned.wait(lock, [&] { return !idle.empty() || open < pool_size; });
            if (!idle.empty()) {
                c = std::move(idle.back());
                idle.pop_back();
            } else {
                ++open;
            }
        }
        try {
            if (!c)
                c = std::make_unique<pqxx::connection>(connection);
            auto result = work(*c);
            std::lock_guard lock(mutex);
            idle.push_back(std::move(c));
            returned.notify_one();
            return result;
        } catch (const std::exception& e) {
            {
                std::lock_guard lock(mutex);
                --open;
            }
            returned.notify_one();
            throw SyncError(std::string("central database: ") + e.what());
        }
    }
};

namespace dashboard {

// As the office's report API rounds: minutes to 2 decimals, shares to 4; null stays null.
inline nlohmann::json rounded(std::optional<double> value, int places) {
    if (!value)
        return nullptr;
    const double scale = std::pow(10.0, places);
    return std::round(*value * scale) / scale;
}
inline nlohmann::json rounded(const pqxx::field& f, int places) {
    return rounded(f.is_null() ? std::nullopt : std::optional<double>(f.as<double>()), places);
}
inline nlohmann::json share(std::int64_t part, std::int64_t whole) {
    if (whole == 0)
        return nullptr;
    return std::round(static_cast<double>(part) / static_cast<double>(whole) * 10000.0) / 10000.0;
}

// "1,2,3" (array_to_string) as integers; "" as none.
std::vector<std::int64_t> integers_of(const pqxx::field& comma_separated);

// The office's settings as it described them (its profile: hours, holidays, services), read as
// the office reads its own; nullopt when they cannot be read.
std::optional<OfficeConfig> office_config_of(const pqxx::field& profile);

// One office's applications over a range (docs/metrics.md "Applications"): the counts of
// loket.service_figures and loket.application_figures, and the working days of each file
// completed in the range, counted with the office's calendar as its report counts them.
struct OfficeApplications {
    std::string office;
    std::int64_t registered = 0, finished = 0, finished_within_standard = 0, overdue_now = 0;
    std::int64_t incomplete_visits = 0;
    std::vector<double> working_days;
};
// Every office's (or only `only`'s), ordered by code.
std::vector<OfficeApplications> read_applications(pqxx::transaction_base& w,
                                                  const std::string& from, const std::string& to,
                                                  const std::optional<std::string>& only);
// {registered, finished, finished_within_standard, within_standard_share,
// median_working_days, overdue_now, incomplete_visits, incomplete_rate}, as the office's
// report API gives them.
nlohmann::json applications_json(const OfficeApplications& a);
// The same over several offices: counts summed, the median over every file.
OfficeApplications all_of(const std::vector<OfficeApplications>& offices);

// One office's heatmap ({weekdays, hours, arrivals, mean_wait_minutes}, as the office's report
// API gives it) and its stages left waiting at close, over office-local days from..to.
nlohmann::json office_heatmap(pqxx::transaction_base& w, const std::string& office,
                              const std::string& from, const std::string& to,
                              const std::optional<OfficeConfig>& config);
std::int64_t unserved_at_close(pqxx::transaction_base& w, const std::string& office,
                               const std::string& from, const std::string& to);

// One office's staff over office-local days from..to, as the office's report counts them
// ([{name, served, served_per_hour, mean_service_minutes, open_minutes, idle_minutes,
// pause_count, pause_minutes, pauses: [{reason_code, count, minutes}]}], by name): pauses per
// reason as the office's report gives them, by code. Empty while the office has not described
// its counters and hours.
nlohmann::json office_staff(pqxx::transaction_base& w, const std::string& office,
                            const std::string& from, const std::string& to,
                            const std::optional<OfficeConfig>& config);

}  // namespace dashboard
}  // namespace loket::central
