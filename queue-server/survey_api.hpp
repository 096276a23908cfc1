#pragma once
// The survey report as the regulation's tables, written as CSV and as an XLSX workbook
// (GET /api/v1/survey/report.csv and .xlsx) by loket/table_file.hpp. The routes are in
// survey_api.cpp (Api::install_survey); the rules in loket_survey and docs/skm.md.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "loket/survey.hpp"
#include "loket/survey_store.hpp"
#include "loket/table_file.hpp"

namespace loket::server {

// The report's tables, Indonesian first with English beside: the title, the NRR of each
// element, the IKM with its converted value and grade, the sample, the weakest elements, the
// respondent profile, the suggestions and the follow-up plan.
report::TableDocument survey_report_document(const std::string& office,
                                             const survey::PeriodReport& report,
                                             const std::string& service_name,
                                             const std::string& permit_name,
                                             const std::vector<std::string>& suggestions,
                                             const std::vector<survey::StoredFollowUp>& follow_ups);

// The index the office publishes (the waiting room, the kiosk, the open performance data): the
// last complete semester, or the current one while the last has no responses (docs/skm.md).
struct PublishedIndex {
    survey::Period period;
    std::int64_t respondents = 0;
    std::optional<survey::IndexResult> index;  // none without responses
};
PublishedIndex published_index(QueueStore& store, const OfficeConfig& config, TimePoint now);

// The published index as the public replies carry it: its period, respondents, and the index
// and grade only where the office publishes them (null otherwise).
nlohmann::json published_index_json(const PublishedIndex& published, bool show_ikm);

}  // namespace loket::server
