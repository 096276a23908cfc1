// The applications' figures central reads beside its counts (docs/metrics.md "Applications"):
// incomplete visits and their rate, and the median working days from the day the office
// received a file to its completion, counted by the office's own calendar code (loket/sla.hpp)
// over the office's hours and holidays as it described them, so a changed calendar applies
// to past files, as on the office.
#include <algorithm>

#include "dashboard_parts.hpp"
#include "loket/report.hpp"
#include "loket/sla.hpp"

namespace loket::central::dashboard {

std::vector<std::int64_t> integers_of(const pqxx::field& comma_separated) {
    std::vector<std::int64_t> values;
    const std::string text = comma_separated.is_null() ? "" : comma_separated.as<std::string>();
    for (std::size_t at = 0; at < text.size();) {
        const std::size_t comma = std::min(text.find(',', at), text.size());
        values.push_back(std::stoll(text.substr(at, comma - at)));
        at = comma + 1;
    }
    return values;
}

std::optional<OfficeConfig> office_config_of(const pqxx::field& profile) {
    if (profile.is_null())
        return std::nullopt;
    const auto doc = nlohmann::json::parse(profile.as<std::string>(), nullptr, false);
    if (!doc.is_object() || doc.empty())
        return std::nullopt;  // the office has not described itself yet
    try {
        return office_config_from_json(doc, "office profile");
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

std::vector<OfficeApplications> read_applications(pqxx::transaction_base& w,
                                                  const std::string& from, const std::string& to,
                                                  const std::optional<std::string>& only) {
    std::vector<OfficeApplications> offices;
    for (const auto& r :
         w.exec_params("SELECT office, profile::text, incomplete_visits, "
                       "array_to_string(registered_ms, ','), array_to_string(completed_ms, ',') "
                       "FROM loket.application_figures($1::date, $2::date, $3) ORDER BY office",
                       from, to, only)) {
        OfficeApplications a;
        a.office = r[0].as<std::string>();
        a.incomplete_visits = r[2].as<std::int64_t>();
        const auto registered = integers_of(r[3]);
        const auto completed = integers_of(r[4]);
        if (const auto config = office_config_of(r[1]); config && !completed.empty()) {
            try {
                std::vector<FileTimes> files;
                for (std::size_t i = 0; i < registered.size() && i < completed.size(); ++i)
                    files.push_back({from_millis(registered[i]), from_millis(completed[i])});
                a.working_days = files_working_days(*config, files);
            } catch (const std::exception&) {
                a.working_days.clear();  // a calendar without hours: no median, as no clock
            }
        }
        offices.push_back(std::move(a));
    }
    return offices;
}

nlohmann::json applications_json(const OfficeApplications& a) {
    return {{"registered", a.registered},
            {"finished", a.finished},
            {"finished_within_standard", a.finished_within_standard},
            {"within_standard_share", share(a.finished_within_standard, a.finished)},
            {"median_working_days", rounded(report::percentile(a.working_days, 0.5), 1)},
            {"overdue_now", a.overdue_now},
            {"incomplete_visits", a.incomplete_visits},
            {"incomplete_rate", share(a.incomplete_visits, a.incomplete_visits + a.registered)}};
}

OfficeApplications all_of(const std::vector<OfficeApplications>& offices) {
    OfficeApplications all;
    for (const OfficeApplications& a : offices) {
        all.registered += a.registered;
        all.finished += a.finished;
        all.finished_within_standard += a.finished_within_standard;
        all.overdue_now += a.overdue_now;
        all.incomplete_visits += a.incomplete_visits;
        all.working_days.insert(all.working_days.end(), a.working_days.begin(),
                                a.working_days.end());
    }
    return all;
}

}  // namespace loket::central::dashboard
