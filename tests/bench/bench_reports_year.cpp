// The year of history for the reports benchmark (bench_reports.cpp): 300,000 tickets, 30,000
// applications, 20,000 survey responses.
//
// The first working days are run through the real QueueStore with a simulated clock
// (bench_reports_day.cpp), then every later working day is a copy of one of them: its
// tickets, visits and events with the times shifted to the new day and new ids and status
// tokens, in one transaction. Applications: files taken through to pickup by the
// ApplicationStore, copied with their steps under new numbers, dates and tokens. Survey
// responses and complaints are rows as their stores write them, with random answers.
//
// BENCH_DEBUG=1 prints the generation's phases (and the simulated days' refusals).
#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <random>
#include <set>

#include "bench_files.hpp"
#include "bench_reports.hpp"
#include "loket/application_store.hpp"

using namespace loket;
using namespace loket::bench;
using namespace loket::bench_reports;
using namespace std::chrono;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int kWorkingDays = 250;
constexpr int kTemplateDays = 3;
constexpr int kYearFiles = 30000;
constexpr int kFileTemplates = 40;
constexpr int kSurveyResponses = 20000;
constexpr int kComplaints = 400;

// ---------------------------------------------------------------------------------------------
// Copying rows: INSERT ... SELECT with some columns replaced, over the table's own column list
// (so a new column is copied as it is).

std::string copy_sql(SQLite::Database& db, const std::string& table,
                     const std::map<std::string, std::string>& replaced, const std::string& where,
                     const std::set<std::string>& skipped = {"id"}) {
    std::vector<std::string> columns;
    SQLite::Statement info(db, "PRAGMA table_info(" + table + ")");
    while (info.executeStep())
        columns.push_back(info.getColumn(1).getString());
    std::string into, select;
    for (const std::string& c : columns) {
        if (skipped.count(c) && !replaced.count(c))
            continue;
        const auto it = replaced.find(c);
        into += (into.empty() ? "" : ", ") + c;
        select += (select.empty() ? "" : ", ") + (it == replaced.end() ? c : it->second);
    }
    return "INSERT INTO " + table + " (" + into + ") SELECT " + select + " FROM " + table +
           " WHERE " + where;
}

struct TemplateDay {
    year_month_day date;
    std::int64_t first_ticket = 0, last_ticket = 0;
    std::int64_t first_event = 0, last_event = 0;
};

// The working days (Monday-Friday) before today, oldest first.
std::vector<year_month_day> working_days(TimePoint now, const TimeZone& zone) {
    std::vector<year_month_day> result;
    for (sys_days d = sys_days(to_local(now, zone).date) - days(1);
         static_cast<int>(result.size()) < kWorkingDays; d -= days(1)) {
        const unsigned w = weekday(d).iso_encoding();
        if (w <= 5)
            result.push_back(year_month_day(d));
    }
    std::reverse(result.begin(), result.end());
    return result;
}

// The first working days through the real store, with the ids of their tickets and events.
std::vector<TemplateDay> simulate_template_days(QueueStore& queue, Year& y, TimePoint now,
                                                std::mt19937& rng) {
    std::vector<TemplateDay> templates;
    for (int i = 0; i < kTemplateDays; ++i) {
        TemplateDay t;
        t.date = y.days[static_cast<std::size_t>(i)];
        t.first_event = queue.last_event_id() + 1;
        y.store_errors += simulate_day(queue, t.date, i, rng);
        t.last_event = queue.last_event_id();
        queue.run_read(now, [&](StoreTransaction& tx) {
            auto& q = tx.sql("SELECT MIN(id), MAX(id) FROM tickets WHERE local_date = ?");
            q.bind(1, format_date_iso(t.date));
            q.executeStep();
            t.first_ticket = q.getColumn(0).getInt64();
            t.last_ticket = q.getColumn(1).getInt64();
        });
        templates.push_back(t);
    }
    return templates;
}

// Application templates: files taken through to pickup by the store on the first day.
std::vector<std::int64_t> make_file_templates(ApplicationStore& store, year_month_day first_day,
                                              const TimeZone& zone, std::mt19937& rng) {
    const catalog::Catalog catalog = catalog::Catalog::load_dir(LOKET_SOURCE_DIR "/assets/catalog");
    const Actor boss{StaffRef("bench", "supervisor"), {}, true};
    std::vector<std::int64_t> file_templates;
    for (int t = 0; t < kFileTemplates; ++t) {
        const catalog::Permit& permit =
            catalog.permits()[static_cast<std::size_t>(t) % catalog.permits().size()];
        const TimePoint when = from_local(first_day, 9 * 60, zone) + minutes(t);
        file_templates.push_back(take_to_pickup(store, permit, rng, boss, when, t % 7 == 3));
    }
    return file_templates;
}

// Tickets, visits and events of every later day: a copy of template day (i % 3), shifted by
// whole days so times of day stay as the store wrote them.
void copy_days(SQLite::Database& raw, const std::vector<year_month_day>& year_days,
               const std::vector<TemplateDay>& templates, const TimeZone& zone) {
    SQLite::Statement tickets(raw, copy_sql(raw, "tickets",
                                            {{"id", "id + ?1"},
                                             {"local_date", "?2"},
                                             {"issued_ms", "issued_ms + ?3"},
                                             {"arrival_ms", "arrival_ms + ?3"},
                                             {"called_ms", "called_ms + ?3"},
                                             {"started_ms", "started_ms + ?3"},
                                             {"finished_ms", "finished_ms + ?3"},
                                             {"status_token", "status_token || '-' || ?2"},
                                             {"idempotency_key", "NULL"}},
                                            "id BETWEEN ?4 AND ?5 ORDER BY id"));
    SQLite::Statement visits(raw, copy_sql(raw, "visits",
                                           {{"ticket_id", "ticket_id + ?1"},
                                            {"called_ms", "called_ms + ?3"},
                                            {"started_ms", "started_ms + ?3"},
                                            {"ended_ms", "ended_ms + ?3"}},
                                           "ticket_id BETWEEN ?4 AND ?5 AND ?2 = ?2 ORDER BY id"));
    // Events: the ticket's id in the payload follows the copy (recalls and reactivations are
    // matched to tickets by it); other payload times are left as written.
    SQLite::Statement events(
        raw,
        "INSERT INTO events (type, at_ms, payload) SELECT type, at_ms + ?3, CASE WHEN "
        "json_extract(payload, '$.ticket.id') IS NULL THEN payload ELSE json_set(payload, "
        "'$.ticket.id', json_extract(payload, '$.ticket.id') + ?1, '$.ticket.local_date', "
        "?2) END FROM events WHERE id BETWEEN ?4 AND ?5 ORDER BY id");
    std::int64_t next_ticket = templates.back().last_ticket + 1;
    for (std::size_t d = kTemplateDays; d < year_days.size(); ++d) {
        const TemplateDay& t = templates[d % templates.size()];
        const std::int64_t offset = next_ticket - t.first_ticket;
        const std::int64_t shift =
            to_millis(from_local(year_days[d], 0, zone)) - to_millis(from_local(t.date, 0, zone));
        const std::string date = format_date_iso(year_days[d]);
        for (SQLite::Statement* s : {&tickets, &visits, &events}) {
            s->reset();
            s->bind(1, offset);
            s->bind(2, date);
            s->bind(3, shift);
            s->bind(4, s == &events ? t.first_event : t.first_ticket);
            s->bind(5, s == &events ? t.last_event : t.last_ticket);
            s->exec();
        }
        next_ticket += t.last_ticket - t.first_ticket + 1;
    }
}

std::map<std::int64_t, std::int64_t> registered_times(SQLite::Database& raw) {
    std::map<std::int64_t, std::int64_t> registered;
    SQLite::Statement q(raw, "SELECT id, registered_ms FROM applications");
    while (q.executeStep())
        registered[q.getColumn(0).getInt64()] = q.getColumn(1).getInt64();
    return registered;
}

// Applications: copies of the templates spread over the working days, with their steps; the
// number of steps copied.
std::int64_t copy_applications(SQLite::Database& raw, const std::vector<year_month_day>& year_days,
                               const std::vector<std::int64_t>& file_templates,
                               const ApplicationSettings& settings, const TimeZone& zone,
                               std::mt19937& rng) {
    std::map<int, int> last = registration_sequences(raw);
    SQLite::Statement copy(raw, copy_sql(raw, "applications",
                                         {{"number", "?1"},
                                          {"year", "?10"},
                                          {"seq", "?2"},
                                          {"status_token", "?3"},
                                          {"registered_ms", "?4"},
                                          {"due_ms", "?5"},
                                          {"clock_started_ms", "?4"},
                                          {"completed_ms", "?6"},
                                          {"ready_ms", "?7"},
                                          {"picked_up_ms", "?8"},
                                          {"updated_ms", "?8"},
                                          {"phone", "''"},
                                          {"ticket_id", "NULL"},
                                          {"pickup_ticket_id", "NULL"}},
                                         "id = ?9"));
    SQLite::Statement steps(raw, copy_sql(raw, "application_steps",
                                          {{"application_id", "?1"},
                                           {"started_ms", "?2 + (started_ms - ?3)"},
                                           {"ended_ms", "?2 + (ended_ms - ?3)"}},
                                          "application_id = ?4 ORDER BY id"));
    std::map<std::int64_t, std::int64_t> template_registered = registered_times(raw);
    std::int64_t steps_copied = 0;
    const int copies = kYearFiles - static_cast<int>(file_templates.size());
    for (int i = 0; i < copies; ++i) {
        const year_month_day day = year_days[static_cast<std::size_t>(i) * year_days.size() /
                                             static_cast<std::size_t>(copies)];
        const TimePoint at = from_local(day, 8 * 60 + static_cast<int>(rng() % 420), zone);
        const auto ms = to_millis(at);
        const int year = static_cast<int>(day.year());
        const int seq = ++last[year];
        const std::int64_t from = file_templates[static_cast<std::size_t>(i) % kFileTemplates];
        copy.reset();
        copy.bind(1, format_registration_number(settings, seq, day));
        copy.bind(2, seq);
        copy.bind(3, make_status_token(at) + std::to_string(i));
        copy.bind(4, ms);
        copy.bind(5, ms + std::int64_t{7} * 86400000);
        // Most finished within their standard, some after it.
        const std::int64_t took = std::int64_t{86400000} * (i % 9 == 0 ? 9 : 1 + i % 5);
        copy.bind(6, ms + took);
        copy.bind(7, ms + took + 3600000);
        copy.bind(8, ms + took + 86400000);
        copy.bind(9, from);
        copy.bind(10, year);
        copy.exec();
        steps.reset();
        steps.bind(1, raw.getLastInsertRowid());
        steps.bind(2, ms);
        steps.bind(3, template_registered[from]);
        steps.bind(4, from);
        steps_copied += steps.exec();
    }
    save_registration_sequences(raw, last);
    return steps_copied;
}

// Survey responses: as the kiosk's and the visit page's answers are stored.
void add_survey_responses(SQLite::Database& raw, const std::vector<year_month_day>& year_days,
                          std::mt19937& rng) {
    SQLite::Statement response(
        raw,
        "INSERT INTO survey_responses (channel, local_date, service, persyaratan, prosedur, "
        "waktu, biaya, produk, kompetensi, perilaku, pengaduan, sarana, age, sex, education, "
        "occupation, saran) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 's1', 'swasta', "
        "'')");
    for (int i = 0; i < kSurveyResponses; ++i) {
        response.reset();
        response.bind(1, i % 3 == 0 ? "kiosk" : "visit");
        response.bind(2,
                      format_date_iso(year_days[static_cast<std::size_t>(i) % year_days.size()]));
        response.bind(3, kMix[static_cast<std::size_t>(i) % kMix.size()].id);
        for (int e = 0; e < 9; ++e)
            response.bind(4 + e, static_cast<int>(rng() % 10 < 7 ? 3 + rng() % 2 : 1 + rng() % 2));
        response.bind(13, static_cast<int>(18 + rng() % 50));
        response.bind(14, rng() % 2 ? "L" : "P");
        response.exec();
    }
}

// Complaints: received over the year, most answered within their 60 days.
void add_complaints(SQLite::Database& raw, const std::vector<year_month_day>& year_days,
                    const TimeZone& zone) {
    SQLite::Statement complaint(
        raw,
        "INSERT INTO complaints (tracking_number, category, channel, text, anonymous, state, "
        "received_on, due_on, closed_on, received_ms) VALUES (?, 'lainnya', 'web', 'keluhan', 1, "
        "?, ?, ?, ?, ?)");
    for (int i = 0; i < kComplaints; ++i) {
        const year_month_day day =
            year_days[static_cast<std::size_t>(i) * year_days.size() / kComplaints];
        const bool open = i % 10 == 0;
        complaint.reset();
        complaint.bind(1, "ADU-BENCH-" + std::to_string(i));
        complaint.bind(2, open ? "diproses" : "selesai");
        complaint.bind(3, format_date_iso(day));
        complaint.bind(4, format_date_iso(year_month_day(sys_days(day) + days(60))));
        if (open)
            complaint.bind(5);
        else
            complaint.bind(5, format_date_iso(year_month_day(sys_days(day) + days(i % 70))));
        complaint.bind(6, to_millis(from_local(day, 10 * 60, zone)));
        complaint.exec();
    }
}

void count_rows(SQLite::Database& raw, Year& y) {
    const auto count = [&](const char* table) {
        return raw.execAndGet(std::string("SELECT COUNT(*) FROM ") + table).getInt64();
    };
    y.tickets = count("tickets");
    y.visits = count("visits");
    y.events = count("events");
    y.applications = count("applications");
    y.responses = count("survey_responses");
}

// With BENCH_DEBUG: when each phase of the generation ended.
class Phases {
  public:
    void ended(const char* what) const {
        if (std::getenv("BENCH_DEBUG"))
            std::fprintf(stderr, "  %s at %.1f s\n", what,
                         duration<double>(Clock::now() - start_).count());
    }

  private:
    Clock::time_point start_ = Clock::now();
};

}  // namespace

namespace loket::bench_reports {

Year make_year(const std::filesystem::path& db, TimePoint now) {
    Year y;
    OfficeConfig office = parse_office_config(kConfig, "bench");
    const TimeZone zone = office.zone;
    y.days = working_days(now, zone);

    StoreOptions fast;
    fast.synchronous_full = false;  // building the fixture only; the server runs with FULL
    QueueStore queue(db, office, fast);
    std::mt19937 rng(17);
    const std::vector<TemplateDay> templates = simulate_template_days(queue, y, now, rng);
    const Phases phases;
    phases.ended("simulated days");
    const ApplicationSettings settings =
        application_settings_from_json(toml_to_json(kConfig, "bench"), "bench");
    ApplicationStore store(queue, settings);
    const std::vector<std::int64_t> file_templates =
        make_file_templates(store, y.days[0], zone, rng);

    SQLite::Database raw(db.string(), SQLite::OPEN_READWRITE);
    raw.exec("PRAGMA synchronous = OFF");
    raw.exec("PRAGMA cache_size = -262144");  // 256 MB: the events' indexes grow by a million rows
    SQLite::Transaction tx(raw, SQLite::TransactionBehavior::IMMEDIATE);
    copy_days(raw, y.days, templates, zone);
    phases.ended("copied days");
    y.steps = copy_applications(raw, y.days, file_templates, settings, zone, rng);
    phases.ended("applications");
    add_survey_responses(raw, y.days, rng);
    add_complaints(raw, y.days, zone);
    tx.commit();
    phases.ended("commit");
    raw.exec("ANALYZE");
    phases.ended("analyze");
    count_rows(raw, y);
    return y;
}

}  // namespace loket::bench_reports
