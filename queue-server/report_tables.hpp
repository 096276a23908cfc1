#pragma once
// The performance report's tables as files: the routes are in report_api.cpp
// (Api::install_reports), the figures in loket_report (docs/metrics.md).
#include <string>

#include "loket/report.hpp"
#include "loket/table_file.hpp"
#include "loket/time.hpp"

namespace loket::server {

// The Content-Disposition of a table's file, e.g. laporan-layanan-2026-11.csv; `table` is the
// route's {table}.
std::string report_attachment(const std::string& table, const report::Query& q,
                              const char* extension);

// One of the report's tables (services, counters, staff, days, hours) with its headings.
report::TableDocument report_table_document(const std::string& table, const report::Report& r);

// The visits table, streamed a page at a time: its headings and one row a stage.
report::TableRow visit_headings();
report::TableRow visit_row(const report::Stage& s, TimeZone zone);

}  // namespace loket::server
