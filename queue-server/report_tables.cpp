// The performance report's tables as files (GET /api/v1/reports/{table}.csv and .xlsx, in
// report_api.cpp): each table's rows and headings, its file name, and the visits' rows.
#include "report_tables.hpp"

#include <cstdio>
#include <stdexcept>

namespace loket::server {

namespace {

// The exported tables, with their Indonesian names (the file names).
struct TableKind {
    const char* id;    // the route's {table}
    const char* name;  // "layanan": laporan-layanan-2026-11.csv
};
constexpr TableKind kTables[] = {{"services", "layanan"}, {"counters", "loket"},
                                 {"staff", "petugas"},    {"days", "harian"},
                                 {"hours", "jam"},        {"visits", "kunjungan"}};

const TableKind& table_kind(const std::string& id) {
    for (const TableKind& t : kTables) {
        if (id == t.id)
            return t;
    }
    throw std::logic_error("unknown report table " + id);  // the route's pattern prevents it
}

// "2026-11" for a whole month, "2026-11-05" for one day, else "2026-11-01_2026-11-15".
std::string period_label(const report::Query& q) {
    const std::string from = format_date_iso(q.from);
    const std::string to = format_date_iso(q.to);
    if (from == to)
        return from;
    const std::chrono::year_month_day_last last(q.from.year(),
                                                std::chrono::month_day_last(q.from.month()));
    if (q.from.day() == std::chrono::day(1) && q.to == std::chrono::year_month_day(last))
        return from.substr(0, 7);
    return from + "_" + to;
}

std::string attachment(const TableKind& kind, const report::Query& q, const char* extension) {
    return "attachment; filename=\"laporan-" + std::string(kind.name) + "-" + period_label(q) +
           "." + extension + "\"";
}

report::TableCell cell(std::optional<double> value, int places = 2) {
    return report::figure_cell(value, places);
}

const std::vector<std::string> kFigureHeadings = {
    "Diterbitkan / Issued",
    "Dilayani / Served",
    "Tidak hadir / No-show",
    "Rasio tidak hadir / No-show rate",
    "Tidak terlayani saat tutup / Unserved at closing",
    "Dialihkan / Transferred",
    "Tunggu rata-rata (menit) / Mean wait (min)",
    "Tunggu median / Median wait",
    "Tunggu P90 / P90 wait",
    "Tunggu maks / Max wait",
    "Tunggu s.d. panggilan terakhir rata-rata / Mean wait to last call",
    "Jalan ke loket rata-rata / Mean walk",
    "Layanan rata-rata / Mean service",
    "Di kantor rata-rata / Mean time in office",
    "Dalam target / Within target",
    "Porsi dalam target / Within target share"};

void append_figures(report::TableRow& row, const report::QueueFigures& f) {
    row.push_back(report::integer_cell(f.issued));
    row.push_back(report::integer_cell(f.served));
    row.push_back(report::integer_cell(f.no_show));
    row.push_back(cell(f.no_show_rate, 4));
    row.push_back(report::integer_cell(f.unserved_at_close));
    row.push_back(report::integer_cell(f.transferred));
    row.push_back(cell(f.wait.mean));
    row.push_back(cell(f.wait.median));
    row.push_back(cell(f.wait.p90));
    row.push_back(cell(f.wait.max));
    row.push_back(cell(f.wait_last_call.mean));
    row.push_back(cell(f.walk.mean));
    row.push_back(cell(f.service.mean));
    row.push_back(cell(f.in_office.mean));
    row.push_back(report::integer_cell(f.within_target));
    row.push_back(cell(f.within_target_share, 4));
}

report::TableRow headings(std::vector<std::string> first,
                          const std::vector<std::string>& more = {}) {
    report::TableRow row;
    first.insert(first.end(), more.begin(), more.end());
    for (std::string& h : first)
        row.push_back(report::text_cell(std::move(h)));
    return row;
}

// The staff table: each person's figures and their pauses, per reason in both languages.
void staff_table(const report::Report& r, report::TableDocument& doc) {
    auto& rows = doc.rows;
    doc.sheet_name = "Petugas";
    rows.push_back(headings(
        {"Petugas / Staff", "Dilayani / Served", "Dilayani per jam buka / Served per open hour",
         "Layanan rata-rata (menit) / Mean service (min)",
         "Loket buka (menit) / Counter open (min)",
         "Menganggur saat ada antrean (menit) / Idle while people waited", "Jeda (kali) / Pauses",
         "Jeda (menit) / Paused (min)", "Jeda per alasan / Pauses by reason"}));
    for (const report::StaffRow& s : r.staff) {
        std::int64_t count = 0;
        double paused = 0;
        std::string reasons;
        for (const report::PauseRow& p : s.pauses) {
            count += p.count;
            paused += p.minutes;
            reasons += (reasons.empty() ? "" : "; ") +
                       std::string(pause_label(p.code, Language::Indonesian)) + " / " +
                       std::string(pause_label(p.code, Language::English)) + ": " +
                       std::to_string(p.count) + "x " + report::figure_cell(p.minutes, 2).text +
                       " menit";
        }
        rows.push_back({report::text_cell(s.name), report::integer_cell(s.served),
                        cell(s.served_per_hour), cell(s.mean_service_minutes), cell(s.open_minutes),
                        cell(s.idle_minutes), report::integer_cell(count), cell(paused),
                        report::text_cell(reasons)});
    }
}

}  // namespace

std::string report_attachment(const std::string& table, const report::Query& q,
                              const char* extension) {
    return attachment(table_kind(table), q, extension);
}

report::TableDocument report_table_document(const std::string& table, const report::Report& r) {
    report::TableDocument doc;
    doc.header_row = true;
    doc.widths.assign(20, 16);
    auto& rows = doc.rows;
    if (table == "services") {
        doc.sheet_name = "Layanan";
        rows.push_back(headings({"ID", "Layanan", "Service", "Target tunggu (menit) / Target wait"},
                                kFigureHeadings));
        for (const report::ServiceRow& s : r.services) {
            report::TableRow row{report::text_cell(s.id), report::text_cell(s.name),
                                 report::text_cell(s.name_en),
                                 report::integer_cell(s.target_wait_minutes)};
            append_figures(row, s.figures);
            rows.push_back(std::move(row));
        }
        report::TableRow total{report::text_cell(""), report::text_cell("Semua layanan"),
                               report::text_cell("All services"), report::text_cell("")};
        append_figures(total, r.totals);
        rows.push_back(std::move(total));
    } else if (table == "counters") {
        doc.sheet_name = "Loket";
        rows.push_back(headings({"Nomor / Number", "Loket / Counter"}, kFigureHeadings));
        for (const report::CounterRow& c : r.counters) {
            report::TableRow row{report::integer_cell(c.number), report::text_cell(c.name)};
            append_figures(row, c.figures);
            rows.push_back(std::move(row));
        }
    } else if (table == "staff") {
        staff_table(r, doc);
    } else if (table == "days") {
        doc.sheet_name = "Harian";
        rows.push_back(
            headings({"Tanggal / Date", "Diterbitkan / Issued", "Dilayani / Served",
                      "Tidak hadir / No-show", "Tunggu rata-rata (menit) / Mean wait (min)",
                      "Porsi dalam target / Within target share"}));
        for (const report::DayRow& d : r.days) {
            rows.push_back({report::text_cell(d.date), report::integer_cell(d.issued),
                            report::integer_cell(d.served), report::integer_cell(d.no_show),
                            cell(d.mean_wait_minutes), cell(d.within_target_share, 4)});
        }
    } else if (table == "hours") {
        doc.sheet_name = "Jam";
        rows.push_back(
            headings({"Hari (1 = Senin) / Weekday (1 = Monday)", "Jam / Hour",
                      "Kedatangan / Arrivals", "Tunggu rata-rata (menit) / Mean wait (min)"}));
        const report::Heatmap& m = r.heatmap;
        for (std::size_t w = 0; w < m.weekdays.size(); ++w) {
            for (std::size_t h = 0; h < m.hours.size(); ++h) {
                rows.push_back(
                    {report::integer_cell(m.weekdays[w]), report::integer_cell(m.hours[h]),
                     report::integer_cell(m.arrivals[w][h]), cell(m.mean_wait_minutes[w][h])});
            }
        }
    }
    return doc;
}

// The visits export's first row.
report::TableRow visit_headings() {
    return headings({"Tanggal / Date", "Nomor / Ticket", "Tahap / Stage", "Layanan / Service",
                     "Loket / Counter", "Petugas / Staff", "Diterbitkan / Issued",
                     "Mulai antre / Queued", "Dipanggil / Called", "Panggilan terakhir / Last call",
                     "Mulai dilayani / Started", "Selesai / Ended", "Hasil / Outcome",
                     "Tunggu (menit) / Wait (min)",
                     "Tunggu s.d. panggilan terakhir / Wait to last call",
                     "Jalan (menit) / Walk (min)", "Layanan (menit) / Service (min)"});
}

// One stage of a ticket's visit, its times in the office's zone.
report::TableRow visit_row(const report::Stage& s, TimeZone zone) {
    const auto clock = [zone](std::optional<std::int64_t> ms) {
        if (!ms)
            return report::text_cell("");
        const LocalTime t = to_local(from_millis(*ms), zone);
        char text[32];
        std::snprintf(text, sizeof text, "%02d:%02d:%02d", t.minute_of_day / 60,
                      t.minute_of_day % 60, t.second);
        return report::text_cell(text);
    };
    return {report::text_cell(s.local_date),
            report::text_cell(s.number),
            report::integer_cell(s.index + 1),
            report::text_cell(s.service),
            s.counter ? report::integer_cell(*s.counter) : report::text_cell(""),
            report::text_cell(s.staff),
            clock(s.issued_ms),
            clock(s.start_ms),
            clock(s.called_ms),
            clock(s.last_called_ms),
            clock(s.started_ms),
            clock(s.ended_ms),
            report::text_cell(s.outcome),
            cell(s.wait_minutes()),
            cell(s.wait_last_call_minutes()),
            cell(s.walk_minutes()),
            cell(s.service_minutes())};
}

}  // namespace loket::server
