// Performance reports under /api/v1/reports (supervisors and admins): the summary as JSON and
// each of its tables as CSV and XLSX (their rows in report_tables.cpp); and the open performance
// data at /api/v1/open-data (public: no personal data, no staff names). Every figure comes from
// loket_report and is defined in docs/metrics.md.
#include <httplib.h>
#include <spdlog/spdlog.h>

#include <cmath>
#include <fstream>

#include "api_call.hpp"
#include "api_parts.hpp"
#include "loket/report.hpp"
#include "loket/table_file.hpp"
#include "report_tables.hpp"
#include "survey_api.hpp"

namespace loket::server {

using nlohmann::json;

namespace {

std::chrono::year_month_day date_param(const httplib::Request& req, const char* name) {
    const std::string text = req.get_param_value(name);
    if (text.empty()) {
        throw request_refusal(name, "is required, a date like 2026-11-01",
                              "wajib diisi, tanggal seperti 2026-11-01", "required");
    }
    const auto date = parse_date_iso(text.substr(0, 16));
    if (!date || text.size() != 10) {
        throw request_refusal(name, "must be a date like 2026-11-01",
                              "harus tanggal seperti 2026-11-01", "invalid_field");
    }
    return *date;
}

// ?from=&to= (office-local dates, inclusive) and the optional filters ?service=, ?counter=,
// ?staff=; refused naming the parameter, in Indonesian and English.
report::Query report_query(const httplib::Request& req, const OfficeConfig& config) {
    report::Query q;
    q.from = date_param(req, "from");
    q.to = date_param(req, "to");
    const auto days = (std::chrono::sys_days(q.to) - std::chrono::sys_days(q.from)).count() + 1;
    if (days < 1) {
        throw request_refusal("to", "must not be before from",
                              "tidak boleh sebelum tanggal awal (from)", "invalid_field");
    }
    if (days > report::kMaxRangeDays) {
        throw request_refusal(
            "to", "the range may cover at most " + std::to_string(report::kMaxRangeDays) + " days",
            "rentang paling panjang " + std::to_string(report::kMaxRangeDays) + " hari",
            "range_too_long");
    }
    q.service = req.get_param_value("service");
    if (!q.service.empty() && !config.find_service(q.service)) {
        throw request_refusal("service", "is not a service of this office",
                              "bukan layanan di kantor ini", "unknown_value");
    }
    const std::string counter = req.get_param_value("counter");
    if (!counter.empty()) {
        const bool digits =
            counter.size() <= 4 && counter.find_first_not_of("0123456789") == std::string::npos;
        if (!digits || !config.find_counter(std::stoi(counter))) {
            throw request_refusal("counter", "is not a counter of this office",
                                  "bukan loket di kantor ini", "unknown_value");
        }
        q.counter = std::stoi(counter);
    }
    q.staff = req.get_param_value("staff");
    if (q.staff.size() > 64) {
        throw request_refusal("staff", "must be a user name of at most 64 characters",
                              "harus nama pengguna paling panjang 64 karakter", "invalid_field");
    }
    return q;
}

// Minutes with two decimals, shares with four: what people read, without float noise.
json rounded(std::optional<double> value, int places) {
    if (!value || !std::isfinite(*value))
        return nullptr;
    const double scale = std::pow(10.0, places);
    return std::round(*value * scale) / scale;
}
json minutes(std::optional<double> value) {
    return rounded(value, 2);
}
json fraction(std::optional<double> value) {
    return rounded(value, 4);
}

json durations_json(const report::Durations& d) {
    return {{"count", d.count},
            {"mean", minutes(d.mean)},
            {"median", minutes(d.median)},
            {"p90", minutes(d.p90)},
            {"max", minutes(d.max)}};
}

json figures_json(const report::QueueFigures& f) {
    return {{"issued", f.issued},
            {"served", f.served},
            {"no_show", f.no_show},
            {"no_show_rate", fraction(f.no_show_rate)},
            {"unserved_at_close", f.unserved_at_close},
            {"transferred", f.transferred},
            {"wait", durations_json(f.wait)},
            {"wait_last_call", durations_json(f.wait_last_call)},
            {"walk", durations_json(f.walk)},
            {"service", durations_json(f.service)},
            {"in_office", durations_json(f.in_office)},
            {"within_target", f.within_target},
            {"within_target_share", fraction(f.within_target_share)}};
}

json skm_json(const report::SkmFigures& s) {
    json out = {{"responses", s.responses}, {"ikm", nullptr},        {"ikm_converted", nullptr},
                {"grade", nullptr},         {"grade_name", nullptr}, {"grade_name_en", nullptr}};
    if (s.index) {
        const survey::GradeInfo& grade = survey::grade_info(s.index->grade());
        out["ikm"] = s.index->ikm_rounded().to_double();
        out["ikm_converted"] = s.index->converted_rounded().to_double();
        out["grade"] = grade.letter;
        out["grade_name"] = grade.quality.id;
        out["grade_name_en"] = grade.quality.en;
    }
    return out;
}

// Each staff member's output and pauses.
json staff_json(const report::Report& r) {
    json staff = json::array();
    for (const report::StaffRow& s : r.staff) {
        json pauses = json::array();
        for (const report::PauseRow& p : s.pauses) {
            pauses.push_back({{"reason_code", to_string(p.code)},
                              {"count", p.count},
                              {"minutes", minutes(p.minutes)}});
        }
        staff.push_back({{"name", s.name},
                         {"served", s.served},
                         {"served_per_hour", rounded(s.served_per_hour, 2)},
                         {"mean_service_minutes", minutes(s.mean_service_minutes)},
                         {"open_minutes", minutes(s.open_minutes)},
                         {"idle_minutes", minutes(s.idle_minutes)},
                         {"pauses", std::move(pauses)}});
    }
    return staff;
}

// Arrivals and mean waits by weekday and hour.
json heatmap_json(const report::Report& r) {
    json waits = json::array();
    for (const auto& row : r.heatmap.mean_wait_minutes) {
        json line = json::array();
        for (const auto& cell : row)
            line.push_back(minutes(cell));
        waits.push_back(std::move(line));
    }
    return {{"weekdays", r.heatmap.weekdays},
            {"hours", r.heatmap.hours},
            {"arrivals", r.heatmap.arrivals},
            {"mean_wait_minutes", std::move(waits)}};
}

json report_json(const report::Report& r) {
    json out = {{"from", format_date_iso(r.query.from)},
                {"to", format_date_iso(r.query.to)},
                {"filters",
                 {{"service", r.query.service.empty() ? json(nullptr) : json(r.query.service)},
                  {"counter", r.query.counter ? json(*r.query.counter) : json(nullptr)},
                  {"staff", r.query.staff.empty() ? json(nullptr) : json(r.query.staff)}}},
                {"totals", figures_json(r.totals)}};
    json services = json::array();
    for (const report::ServiceRow& s : r.services) {
        json item = figures_json(s.figures);
        item["id"] = s.id;
        item["name"] = s.name;
        item["name_en"] = s.name_en;
        item["target_wait_minutes"] = s.target_wait_minutes;
        services.push_back(std::move(item));
    }
    out["services"] = std::move(services);
    json counters = json::array();
    for (const report::CounterRow& c : r.counters) {
        json item = figures_json(c.figures);
        item["number"] = c.number;
        item["name"] = c.name;
        counters.push_back(std::move(item));
    }
    out["counters"] = std::move(counters);
    out["staff"] = staff_json(r);
    json days = json::array();
    for (const report::DayRow& d : r.days) {
        days.push_back({{"date", d.date},
                        {"issued", d.issued},
                        {"served", d.served},
                        {"no_show", d.no_show},
                        {"mean_wait_minutes", minutes(d.mean_wait_minutes)},
                        {"within_target_share", fraction(d.within_target_share)}});
    }
    out["days"] = std::move(days);
    out["heatmap"] = heatmap_json(r);
    if (r.applications) {
        const report::ApplicationFigures& a = *r.applications;
        out["applications"] = {{"registered", a.registered},
                               {"finished", a.finished},
                               {"finished_within_standard", a.finished_within_standard},
                               {"within_standard_share", fraction(a.within_standard_share)},
                               {"median_working_days", rounded(a.median_working_days, 1)},
                               {"overdue_now", a.overdue_now},
                               {"incomplete_visits", a.incomplete_visits},
                               {"incomplete_rate", fraction(a.incomplete_rate)}};
    } else {
        out["applications"] = nullptr;
    }
    out["skm"] = skm_json(r.skm);
    out["complaints"] = {{"received", r.complaints.received},
                         {"answered", r.complaints.answered},
                         {"answered_within_60_days", r.complaints.answered_within_60_days},
                         {"within_60_days_share", fraction(r.complaints.within_60_days_share)}};
    return out;
}

// The open data's satisfaction index: the period and respondents always, the figures only
// where the office publishes them.
json open_skm_json(QueueStore& store, const OfficeConfig& config, TimePoint now) {
    // Only what the office chose to publish (the same rule as GET /survey/publication).
    return published_index_json(published_index(store, config, now), config.publication.show_ikm);
}

}  // namespace

void Api::install_reports(httplib::Server& server) {
    add(server, "GET", "/reports/summary", Access::Supervisor, [this](Call& c) {
        const report::Query q = report_query(c.req, *d_.store.config());
        c.reply(200, report_json(report::compute(d_.store, d_.applications, q, c.now)));
    });
    add(server, "GET", "/reports/{table}.csv", Access::Supervisor, &Api::export_report_csv);
    add(server, "GET", "/reports/{table}.xlsx", Access::Supervisor, &Api::export_report_xlsx);

    // The open performance data: what anyone may read, cached for a minute. No names: not of
    // applicants, not of staff.
    add(server, "GET", "/open-data", Access::Public, &Api::open_data);
}

void Api::export_report_csv(Call& c) {
    const std::string table = c.param(1);
    const auto config = d_.store.config();
    const report::Query q = report_query(c.req, *config);
    c.res.set_header("Content-Disposition", report_attachment(table, q, "csv"));
    if (table != "visits") {
        const report::Report r = report::compute(d_.store, d_.applications, q, c.now);
        c.res.set_content(report::to_csv(report_table_document(table, r)),
                          "text/csv; charset=utf-8");
        return;
    }
    // A page of tickets at a time, each sent as one chunk: a month never sits in memory.
    auto reader = std::make_shared<report::StageReader>(d_.store, q, c.now);
    auto started = std::make_shared<bool>(false);
    const TimeZone zone = config->zone;
    c.res.set_chunked_content_provider(
        "text/csv; charset=utf-8", [reader, started, zone](std::size_t, httplib::DataSink& sink) {
            try {
                std::string chunk;
                if (!*started) {
                    *started = true;
                    chunk = report::csv_start();
                    report::append_csv_row(chunk, visit_headings());
                }
                const auto page = reader->next_page();
                for (const report::Stage& s : page) {
                    if (reader->matches(s))
                        report::append_csv_row(chunk, visit_row(s, zone));
                }
                if (!chunk.empty() && !sink.write(chunk.data(), chunk.size()))
                    return false;
                if (page.empty())
                    sink.done();
                return true;
            } catch (const std::exception& e) {
                spdlog::error("visits export: {}", e.what());
                return false;  // the client sees a cut transfer, never a half file as whole
            }
        });
}

void Api::export_report_xlsx(Call& c) {
    const std::string table = c.param(1);
    const auto config = d_.store.config();
    const report::Query q = report_query(c.req, *config);
    const char* type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    c.res.set_header("Content-Disposition", report_attachment(table, q, "xlsx"));
    if (table != "visits") {
        const report::Report r = report::compute(d_.store, d_.applications, q, c.now);
        c.res.set_content(report::to_xlsx(report_table_document(table, r)), type);
        return;
    }
    // Written row by row in constant-memory mode to a temporary file, then streamed out
    // from it; the file goes when the transfer ends.
    auto file = std::make_shared<report::TempFile>("loket-visits-", ".xlsx");
    {
        report::TableXlsxWriter writer(file->path(), "Kunjungan", true);
        writer.set_widths(std::vector<double>(17, 14));
        writer.add_row(visit_headings(), true);
        report::StageReader reader(d_.store, q, c.now);
        for (auto page = reader.next_page(); !page.empty(); page = reader.next_page()) {
            for (const report::Stage& s : page) {
                if (reader.matches(s))
                    writer.add_row(visit_row(s, config->zone));
            }
        }
        writer.close();
    }
    const auto size = static_cast<std::size_t>(std::filesystem::file_size(file->path()));
    auto in = std::make_shared<std::ifstream>(file->path(), std::ios::binary);
    c.res.set_content_provider(
        size, type, [file, in](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
            std::vector<char> buffer(std::min<std::size_t>(length, 64 * 1024));
            in->seekg(static_cast<std::streamoff>(offset));
            in->read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
            const auto got = static_cast<std::size_t>(in->gcount());
            return got > 0 && sink.write(buffer.data(), got);
        });
}

void Api::open_data(Call& c) {
    const auto config = d_.store.config();
    const auto today = to_local(c.now, config->zone).date;
    json waiting = json::array();
    for (const ServiceSummary& s : d_.store.services(c.now)) {
        const ServiceDef* def = config->find_service(s.id);
        waiting.push_back({{"id", s.id},
                           {"name", def ? def->name : s.id},
                           {"name_en", def ? def->name_en : s.id},
                           {"waiting", s.waiting},
                           {"open_counters", s.open_counters},
                           {"predicted_wait_minutes",
                            s.estimate.minutes ? json(*s.estimate.minutes) : json(nullptr)}});
    }
    report::Query month;
    month.from = today.year() / today.month() / std::chrono::day(1);
    month.to = today;
    const report::Report r = report::compute(d_.store, d_.applications, month, c.now);
    json services = json::array();
    for (const report::ServiceRow& s : r.services) {
        services.push_back({{"id", s.id},
                            {"name", s.name},
                            {"name_en", s.name_en},
                            {"target_wait_minutes", s.target_wait_minutes},
                            {"served", s.figures.served},
                            {"mean_wait_minutes", minutes(s.figures.wait.mean)},
                            {"within_target_share", fraction(s.figures.within_target_share)}});
    }
    const json skm = open_skm_json(d_.store, *config, c.now);
    json applications = nullptr;
    if (r.applications) {
        applications = {{"finished", r.applications->finished},
                        {"within_standard_share", fraction(r.applications->within_standard_share)}};
    }
    c.res.set_header("Cache-Control", "public, max-age=60");
    c.reply(200, {{"office",
                   {{"name", config->name},
                    {"short_name", config->short_name},
                    {"time_zone", zone_name(config->zone)}}},
                  {"generated_at", to_millis(c.now)},
                  {"today", {{"date", format_date_iso(today)}, {"services", waiting}}},
                  {"month",
                   {{"from", format_date_iso(month.from)},
                    {"to", format_date_iso(month.to)},
                    {"served", r.totals.served},
                    {"mean_wait_minutes", minutes(r.totals.wait.mean)},
                    {"within_target_share", fraction(r.totals.within_target_share)},
                    {"services", services},
                    {"applications", applications},
                    {"complaints",
                     {{"answered", r.complaints.answered},
                      {"within_60_days_share", fraction(r.complaints.within_60_days_share)}}}}},
                  {"skm", skm}});
}

}  // namespace loket::server
