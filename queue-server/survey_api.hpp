#pragma once
// The survey report as the regulation's tables, written as CSV and as an XLSX workbook
// (GET /api/v1/survey/report.csv and .xlsx). The routes are in survey_api.cpp
// (Api::install_survey); the rules in loket_survey and docs/skm.md.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "loket/survey.hpp"
#include "loket/survey_store.hpp"

namespace loket::server {

// One cell: text, a whole number, or a rounded figure.
struct ReportCell {
    std::string text;
    std::optional<std::int64_t> integer;
    std::optional<survey::Decimal> figure;
};
using ReportRow = std::vector<ReportCell>;

struct SurveyReportDocument {
    std::string sheet_name;  // "IKM 2026-12"
    std::vector<ReportRow> rows;
};

// The report's tables, Indonesian first with English beside: the title, the NRR of each
// element, the IKM with its converted value and grade, the sample, the weakest elements, the
// respondent profile, the suggestions and the follow-up plan.
SurveyReportDocument survey_report_document(const std::string& office,
                                            const survey::PeriodReport& report,
                                            const std::string& service_name,
                                            const std::string& permit_name,
                                            const std::vector<std::string>& suggestions,
                                            const std::vector<StoredFollowUp>& follow_ups);

// RFC 4180: comma-separated, CRLF, fields with a comma, quote or line break quoted; figures
// with a decimal point. UTF-8 with a byte-order mark so spreadsheet programs read it as UTF-8.
std::string to_csv(const SurveyReportDocument& document);
// One worksheet; figures as numbers with their decimals. Throws std::runtime_error when the
// workbook cannot be written.
std::string to_xlsx(const SurveyReportDocument& document);

}  // namespace loket::server
