// One office's hours at central (docs/metrics.md "Per day and per hour"): arrivals and mean
// waits by ISO weekday and office-local hour, over the hours the office's report shows, and the
// stages left waiting when their day ended.
#include <map>
#include <set>

#include "dashboard_parts.hpp"

namespace loket::central::dashboard {

nlohmann::json office_heatmap(pqxx::transaction_base& w, const std::string& office,
                              const std::string& from, const std::string& to,
                              const std::optional<OfficeConfig>& config) {
    struct Cell {
        std::int64_t arrivals = 0, waits = 0;
        double wait_sum = 0;
    };
    std::map<std::pair<int, int>, Cell> cells;
    std::set<int> hours_seen;
    for (const auto& r : w.exec_params("SELECT weekday, hour, arrivals, waits, wait_sum "
                                       "FROM loket.office_hours($1, $2::date, $3::date)",
                                       office, from, to)) {
        const int hour = r[1].as<int>();
        cells[{r[0].as<int>(), hour}] = {r[2].as<std::int64_t>(), r[3].as<std::int64_t>(),
                                         r[4].as<double>()};
        hours_seen.insert(hour);
    }
    // As the office's report: its service hours, and any hour something happened.
    if (config) {
        for (const auto& day : config->hours)
            for (const TimeRange& range : day)
                for (int h = range.from / 60; h * 60 < range.to; ++h)
                    hours_seen.insert(h);
    }
    nlohmann::json weekdays = nlohmann::json::array(), hours = nlohmann::json::array();
    nlohmann::json arrivals = nlohmann::json::array(), waits = nlohmann::json::array();
    for (int day = 1; day <= 7; ++day)
        weekdays.push_back(day);
    if (!hours_seen.empty())
        for (int h = *hours_seen.begin(); h <= *hours_seen.rbegin(); ++h)
            hours.push_back(h);
    for (int day = 1; day <= 7; ++day) {
        nlohmann::json arrived = nlohmann::json::array(), waited = nlohmann::json::array();
        for (const int h : hours) {
            const auto it = cells.find({day, h});
            const bool any = it != cells.end() && it->second.waits > 0;
            arrived.push_back(it == cells.end() ? 0 : it->second.arrivals);
            waited.push_back(
                any ? rounded(it->second.wait_sum / static_cast<double>(it->second.waits), 2)
                    : nlohmann::json(nullptr));
        }
        arrivals.push_back(std::move(arrived));
        waits.push_back(std::move(waited));
    }
    return {{"weekdays", std::move(weekdays)},
            {"hours", std::move(hours)},
            {"arrivals", std::move(arrivals)},
            {"mean_wait_minutes", std::move(waits)}};
}

std::int64_t unserved_at_close(pqxx::transaction_base& w, const std::string& office,
                               const std::string& from, const std::string& to) {
    return w
        .exec_params1("SELECT loket.unserved_at_close($1, $2::date, $3::date)", office, from, to)[0]
        .as<std::int64_t>();
}

}  // namespace loket::central::dashboard
