// The report's figures on a hand-built day: every expected value is worked out here from the
// timestamps the test chose (docs/metrics.md), then compared with loket_report's.
#include "loket/report.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include "loket/table_file.hpp"
#include "temp_dir.hpp"

using namespace loket;
using namespace std::chrono;
using loket::testing::TempDir;

namespace {

// Monday 2 November 2026, in the default office's zone (WITA), open 08.00-19.00.
constexpr year_month_day kDay{year{2026}, November, day{2}};

TimePoint at(int hour, int minute, year_month_day date = kDay) {
    return from_local(date, hour * 60 + minute, default_office_config().zone);
}
std::int64_t ms(int hour, int minute, year_month_day date = kDay) {
    return to_millis(at(hour, minute, date));
}

OfficeConfig office() {
    OfficeConfig c = default_office_config();
    c.holidays.clear();
    for (ServiceDef& s : c.services)
        s.target_wait_minutes = s.id == "informasi" ? 12 : 30;
    return c;
}

class ReportTest : public ::testing::Test {
  protected:
    TempDir dir;
    QueueStore store{dir / "q.db", office()};
    const StaffRef ani{"ani"};
    const StaffRef budi{"budi"};

    Ticket issue(const std::string& service, int hour, int minute) {
        IssueRequest request;
        request.service = service;
        return store.issue(request, at(hour, minute)).ticket;
    }

    // The day: counter 1 (informasi) run by ani, counter 2 (customer_service) by budi.
    void build_day() {
        store.open_counter(1, ani, at(8, 0));
        store.open_counter(2, budi, at(8, 0));
        issue("informasi", 8, 5);
        issue("informasi", 8, 6);
        issue("informasi", 8, 7);
        issue("customer_service", 8, 10);    // B-001
        store.call_next(1, ani, at(8, 10));
        store.start_serving(1, ani, at(8, 11));
        store.call_next(2, budi, at(8, 12));  // B-001
        store.start_serving(2, budi, at(8, 13));
        store.finish(1, ani, at(8, 20));
        store.transfer_from_counter(2, budi, "informasi", "", at(8, 20));  // B-001 -> informasi
        store.call_next(1, ani, at(8, 21));
        store.recall(1, ani, at(8, 23));
        store.start_serving(1, ani, at(8, 24));
        store.finish(1, ani, at(8, 30));
        store.close_counter(2, budi, at(8, 30));
        store.call_next(1, ani, at(8, 31));  // A-003 (arrived before B-001)
        store.no_show(1, ani, at(8, 35));
        store.call_next(1, ani, at(8, 36));  // B-001 again
        store.start_serving(1, ani, at(8, 37));
        store.finish(1, ani, at(8, 45));
        store.pause_counter(1, ani, "istirahat", at(8, 45));
        issue("informasi", 8, 50);
        store.resume_counter(1, ani, at(9, 0));
        store.call_next(1, ani, at(9, 0));
        store.start_serving(1, ani, at(9, 1));
        issue("informasi", 9, 5);  // never called
        store.finish(1, ani, at(9, 10));
        store.close_counter(1, ani, at(9, 20));
    }

    report::Query day_query() const {
        report::Query q;
        q.from = kDay;
        q.to = kDay;
        return q;
    }
    TimePoint next_morning() const { return at(10, 0, year_month_day(sys_days(kDay) + days(1))); }
};

// The hand-built day's waits by stage (a transfer starts a new one), from issue (or transfer) to
// first call, in minutes.
struct HandBuiltWaits {
    double a1 = 10 - 5;     // 08:05 -> 08:10
    double a2 = 21 - 6;     // 08:06 -> 08:21
    double a3 = 31 - 7;     // 08:07 -> 08:31
    double b1 = 12 - 10;    // 08:10 -> 08:12, at counter 2
    double b1_2 = 36 - 20;  // transferred 08:20 -> called 08:36
    double a4 = 60 - 50;    // 08:50 -> 09:00
    double sum() const { return a1 + a2 + a3 + b1 + b1_2 + a4; }
};

void expect_hand_built_totals(const report::Report& r) {
    const HandBuiltWaits w;
    const double sum = w.sum();
    const double w_a2 = w.a2;
    const report::QueueFigures& t = r.totals;
    EXPECT_EQ(t.issued, 6);
    EXPECT_EQ(t.served, 4);  // B-001 (second stage), A-004
    EXPECT_EQ(t.no_show, 1);
    EXPECT_DOUBLE_EQ(*t.no_show_rate, 1.0 / 5);
    EXPECT_EQ(t.unserved_at_close, 1);
    EXPECT_EQ(t.transferred, 1);
    EXPECT_EQ(t.wait.count, 6);
    EXPECT_DOUBLE_EQ(*t.wait.mean, sum / 6);
    EXPECT_DOUBLE_EQ(*t.wait.median, 10);  // sorted 2 5 10 15 16 24: rank 3
    EXPECT_DOUBLE_EQ(*t.wait.p90, 24);     // rank ceil(5.4) = 6
    EXPECT_DOUBLE_EQ(*t.wait.max, 24);
    // The recall of A-002 at 08:23 makes its last-call wait 17 minutes.
    EXPECT_DOUBLE_EQ(*t.wait_last_call.mean, (sum - w_a2 + (23 - 6)) / 6);
    EXPECT_DOUBLE_EQ(*t.wait_last_call.max, 24);
    // Walks from the last call to the start: 1 minute each (A-003 never started).
    EXPECT_EQ(t.walk.count, 5);
    EXPECT_DOUBLE_EQ(*t.walk.mean, 1);
    // Service of the served stages: 9, 6, 8, 9.
    EXPECT_EQ(t.service.count, 4);
    EXPECT_DOUBLE_EQ(*t.service.mean, (9.0 + 6 + 8 + 9) / 4);
    // In the office, issue to last finish: A-001 15, A-002 24, B-001 35, A-004 20.
    EXPECT_DOUBLE_EQ(*t.in_office.mean, (15.0 + 24 + 35 + 20) / 4);
    EXPECT_DOUBLE_EQ(*t.in_office.max, 35);
    // Served within informasi's 12-minute target: A-001 (5) and A-004 (10), not A-002 (15) nor
    // B-001's second stage (16).
    EXPECT_EQ(t.within_target, 2);
    EXPECT_DOUBLE_EQ(*t.within_target_share, 2.0 / 4);
}

void expect_hand_built_services(const report::Report& r, std::size_t services_in_office) {
    const double w_b1 = HandBuiltWaits{}.b1;
    ASSERT_EQ(r.services.size(), services_in_office);
    const auto service = [&](const std::string& id) {
        for (const auto& s : r.services) {
            if (s.id == id)
                return s;
        }
        ADD_FAILURE() << id;
        return report::ServiceRow{};
    };
    EXPECT_EQ(service("informasi").figures.issued, 5);
    EXPECT_EQ(service("informasi").figures.served, 4);
    EXPECT_EQ(service("informasi").target_wait_minutes, 12);
    EXPECT_EQ(service("customer_service").figures.issued, 1);
    EXPECT_EQ(service("customer_service").figures.transferred, 1);
    EXPECT_EQ(service("customer_service").figures.served, 0);
    EXPECT_DOUBLE_EQ(*service("customer_service").figures.wait.mean, w_b1);
}

// Staff: open time within service hours, idle while a ticket of their services waited.
void expect_hand_built_staff(const report::Report& r) {
    ASSERT_EQ(r.staff.size(), 2u);
    const report::StaffRow& ani_row = r.staff[0];
    EXPECT_EQ(ani_row.name, "ani");
    EXPECT_EQ(ani_row.served, 4);
    const double ani_open = 45 + 20;  // 08:00-08:45 and 09:00-09:20
    EXPECT_DOUBLE_EQ(ani_row.open_minutes, ani_open);
    EXPECT_DOUBLE_EQ(*ani_row.served_per_hour, 4 / (ani_open / 60));
    EXPECT_DOUBLE_EQ(*ani_row.mean_service_minutes, (9.0 + 6 + 8 + 9) / 4);
    // Counter 1 free while informasi tickets waited: 08:05-08:10, 08:20-08:21, 08:30-08:31,
    // 08:35-08:36 and, with A-005 waiting, 09:10-09:20. The pause (A-004 waiting) is not idle.
    EXPECT_DOUBLE_EQ(ani_row.idle_minutes, 5 + 1 + 1 + 1 + 10);
    ASSERT_EQ(ani_row.pauses.size(), 1u);
    EXPECT_EQ(ani_row.pauses[0].code, PauseCode::Break);  // "istirahat": the old label
    EXPECT_EQ(ani_row.pauses[0].count, 1);
    EXPECT_DOUBLE_EQ(ani_row.pauses[0].minutes, 15);
    const report::StaffRow& budi_row = r.staff[1];
    EXPECT_EQ(budi_row.name, "budi");
    EXPECT_EQ(budi_row.served, 0);
    EXPECT_DOUBLE_EQ(budi_row.open_minutes, 30);
    EXPECT_DOUBLE_EQ(budi_row.idle_minutes, 2);  // B-001 waited 08:10-08:12
    EXPECT_FALSE(budi_row.mean_service_minutes.has_value());
}

// The day and the heatmap (Monday = 1; arrivals by issue hour).
void expect_hand_built_day_and_heatmap(const report::Report& r) {
    const double sum = HandBuiltWaits{}.sum();
    ASSERT_EQ(r.days.size(), 1u);
    EXPECT_EQ(r.days[0].date, "2026-11-02");
    EXPECT_EQ(r.days[0].issued, 6);
    EXPECT_EQ(r.days[0].served, 4);
    EXPECT_EQ(r.days[0].no_show, 1);
    EXPECT_DOUBLE_EQ(*r.days[0].mean_wait_minutes, sum / 6);
    EXPECT_DOUBLE_EQ(*r.days[0].within_target_share, 0.5);
    const auto& hours = r.heatmap.hours;
    const auto eight = std::find(hours.begin(), hours.end(), 8) - hours.begin();
    const auto nine = std::find(hours.begin(), hours.end(), 9) - hours.begin();
    ASSERT_LT(nine, static_cast<long>(hours.size()));
    EXPECT_EQ(r.heatmap.weekdays.front(), 1);
    EXPECT_EQ(r.heatmap.arrivals[0][eight], 5);
    EXPECT_EQ(r.heatmap.arrivals[0][nine], 1);
    EXPECT_EQ(r.heatmap.arrivals[1][eight], 0);
    // Waits by the hour their stage began: all six began in the 08 hour.
    EXPECT_DOUBLE_EQ(*r.heatmap.mean_wait_minutes[0][eight], sum / 6);
    EXPECT_FALSE(r.heatmap.mean_wait_minutes[0][nine].has_value());
}

// Four files (two finished on the day, two registered on it) and an incomplete visit.
void add_hand_built_applications(SQLite::Database& db) {
    db.exec(
        "INSERT INTO catalog_snapshots (hash, permit_id, snapshot) VALUES ('h', 'p', '{}');"
        "INSERT INTO application_workflows (id, hash, workflow) VALUES (1, 'w', '{}');");
    const auto add = [&](int seq, std::int64_t registered, const char* state,
                         std::optional<std::int64_t> completed, std::int64_t due) {
        SQLite::Statement q(db,
                            "INSERT INTO applications (number, year, seq, status_token, "
                            "permit_id, permit_name, catalog_hash, workflow_id, "
                            "applicant_type, applicant_name, registered_ms, registered_by, "
                            "state, completed_ms, due_ms, updated_ms) VALUES (?, 2026, ?, ?, "
                            "'p', 'Izin', 'h', 1, 'perorangan', 'Siti', ?, 'ani', ?, ?, ?, ?)");
        q.bind(1, "000" + std::to_string(seq));
        q.bind(2, seq);
        q.bind(3, "token" + std::to_string(seq));
        q.bind(4, registered);
        q.bind(5, state);
        if (completed)
            q.bind(6, *completed);
        else
            q.bind(6);
        q.bind(7, due);
        q.bind(8, registered);
        q.exec();
    };
    const year_month_day monday_before{year{2026}, October, day{26}};
    const year_month_day thursday_before{year{2026}, October, day{29}};
    // Finished on the day: 5 working days (27-30 Oct, 2 Nov) within its standard, and 2
    // working days (30 Oct, 2 Nov) after it ran out.
    add(1, ms(9, 0, monday_before), "completed", ms(10, 0), ms(12, 0));
    add(2, ms(9, 0, thursday_before), "completed", ms(11, 0), ms(10, 0));
    // Registered on the day: one overdue by the next morning, one not.
    add(3, ms(9, 0), "in_process", std::nullopt, ms(12, 0));
    add(4, ms(9, 30), "in_process", std::nullopt,
        ms(12, 0, year_month_day{year{2026}, December, day{1}}));
    SQLite::Statement v(db,
                        "INSERT INTO incomplete_visits (permit_id, applicant_type, missing, "
                        "by_user, at_ms) VALUES ('p', 'perorangan', '[]', 'ani', ?)");
    v.bind(1, ms(10, 0));
    v.exec();
}

// Survey responses over two days, and complaints received on the day and before it.
void add_hand_built_survey_and_complaints(SQLite::Database& db) {
    // Two survey responses: all 4 and all 3.
    db.exec(
        "INSERT INTO survey_responses (channel, local_date, service, persyaratan, prosedur, "
        "waktu, biaya, produk, kompetensi, perilaku, pengaduan, sarana, age, sex, education, "
        "occupation) VALUES ('kiosk', '2026-11-02', 'informasi', 4,4,4,4,4,4,4,4,4, 30, 'L', "
        "'s1', 'swasta'), ('kiosk', '2026-11-02', 'pendaftaran', 3,3,3,3,3,3,3,3,3, 40, 'P', "
        "'sma', 'wirausaha'), ('kiosk', '2026-11-03', 'informasi', 1,1,1,1,1,1,1,1,1, 40, 'P', "
        "'sma', 'wirausaha')");
    // Complaints: received on the day (one answered on time, two open); one received in
    // August answered on the day, after its 60 days.
    db.exec(
        "INSERT INTO complaints (tracking_number, category, channel, text, anonymous, state, "
        "received_on, due_on, closed_on, received_ms) VALUES "
        "('ADU-1', 'lainnya', 'web', 't', 1, 'selesai', '2026-11-02', '2027-01-01', "
        "'2026-11-02', 0), "
        "('ADU-2', 'lainnya', 'web', 't', 1, 'diterima', '2026-11-02', '2027-01-01', NULL, 0), "
        "('ADU-3', 'lainnya', 'web', 't', 1, 'diproses', '2026-11-02', '2027-01-01', NULL, 0), "
        "('ADU-4', 'lainnya', 'web', 't', 1, 'ditolak', '2026-08-01', '2026-09-30', "
        "'2026-11-02', 0)");
}

}  // namespace

TEST_F(ReportTest, PercentilesAreNearestRank) {
    EXPECT_EQ(report::percentile({}, 0.5), std::nullopt);
    EXPECT_EQ(*report::percentile({4, 1, 3, 2}, 0.5), 2);  // rank ceil(2) = 2
    EXPECT_EQ(*report::percentile({4, 1, 3, 2}, 0.9), 4);  // rank ceil(3.6) = 4
    EXPECT_EQ(*report::percentile({7}, 0.1), 7);
    const report::Durations d = report::summarize({2, 5, 10, 15, 16, 24});
    EXPECT_EQ(d.count, 6);
    EXPECT_DOUBLE_EQ(*d.mean, 12);
    EXPECT_DOUBLE_EQ(*d.median, 10);
    EXPECT_DOUBLE_EQ(*d.p90, 24);
    EXPECT_DOUBLE_EQ(*d.max, 24);
}

TEST_F(ReportTest, HandBuiltDayGivesTheFiguresWorkedOutFromItsTimestamps) {
    build_day();
    const report::Report r = report::compute(store, nullptr, day_query(), next_morning());
    expect_hand_built_totals(r);
    ASSERT_NO_FATAL_FAILURE(expect_hand_built_services(r, office().services.size()));
    ASSERT_NO_FATAL_FAILURE(expect_hand_built_staff(r));
    expect_hand_built_day_and_heatmap(r);
}

TEST_F(ReportTest, FiltersKeepTheStagesOfOneServiceCounterOrStaffMember) {
    build_day();
    report::Query q = day_query();
    q.staff = "budi";
    report::Report r = report::compute(store, nullptr, q, next_morning());
    EXPECT_EQ(r.totals.issued, 1);  // B-001's first stage
    EXPECT_EQ(r.totals.transferred, 1);
    EXPECT_EQ(r.totals.served, 0);
    ASSERT_EQ(r.staff.size(), 1u);
    EXPECT_EQ(r.staff[0].name, "budi");

    q = day_query();
    q.counter = 1;
    r = report::compute(store, nullptr, q, next_morning());
    EXPECT_EQ(r.totals.served, 4);
    EXPECT_EQ(r.totals.issued, 4);             // A-001..A-004 began there; B-001 began at counter 2
    EXPECT_EQ(r.totals.unserved_at_close, 0);  // never at a counter
    ASSERT_EQ(r.counters.size(), 1u);
    EXPECT_EQ(r.counters[0].number, 1);
    ASSERT_EQ(r.staff.size(), 1u);
    EXPECT_EQ(r.staff[0].name, "ani");

    q = day_query();
    q.service = "customer_service";
    r = report::compute(store, nullptr, q, next_morning());
    EXPECT_EQ(r.totals.issued, 1);
    EXPECT_EQ(r.totals.wait.count, 1);
    ASSERT_EQ(r.services.size(), 1u);
    EXPECT_EQ(r.services[0].id, "customer_service");

    // Another day has nothing.
    q = day_query();
    q.from = q.to = year_month_day(sys_days(kDay) - days(1));
    r = report::compute(store, nullptr, q, next_morning());
    EXPECT_EQ(r.totals.issued, 0);
    EXPECT_FALSE(r.totals.wait.mean.has_value());
    EXPECT_FALSE(r.totals.within_target_share.has_value());
}

TEST_F(ReportTest, StagesCarryTheStaffAtTheCallAndTheRecall) {
    build_day();
    report::StageReader reader(store, day_query(), next_morning());
    std::vector<report::Stage> stages;
    for (auto page = reader.next_page(); !page.empty(); page = reader.next_page())
        stages.insert(stages.end(), page.begin(), page.end());
    ASSERT_EQ(stages.size(), 7u);
    const auto find = [&](const std::string& number, int index) {
        for (const auto& s : stages) {
            if (s.number == number && s.index == index)
                return s;
        }
        ADD_FAILURE() << number;
        return report::Stage{};
    };
    const report::Stage a2 = find("A-002", 0);
    EXPECT_EQ(a2.staff, "ani");
    EXPECT_EQ(*a2.last_called_ms, ms(8, 23));
    const report::Stage b1 = find("B-001", 1);
    EXPECT_EQ(b1.start_ms, ms(8, 20));
    EXPECT_EQ(b1.service, "informasi");
    EXPECT_TRUE(b1.last_of_ticket);
    EXPECT_EQ(find("B-001", 0).staff, "budi");
    EXPECT_EQ(find("A-005", 0).outcome, "unserved");
    // Still today: waiting, not unserved.
    report::StageReader today(store, day_query(), at(9, 30));
    bool waiting = false;
    for (auto page = today.next_page(); !page.empty(); page = today.next_page()) {
        for (const auto& s : page)
            waiting = waiting || (s.number == "A-005" && s.outcome == "waiting");
    }
    EXPECT_TRUE(waiting);
}

// Everything the queue figures say, compared whole (the survey, complaint and application
// figures are not kept per day).
void expect_same_queue_figures(const report::Report& a, const report::Report& b) {
    EXPECT_EQ(a.totals, b.totals);
    EXPECT_EQ(a.services, b.services);
    EXPECT_EQ(a.counters, b.counters);
    EXPECT_EQ(a.staff, b.staff);
    EXPECT_EQ(a.days, b.days);
    EXPECT_EQ(a.heatmap, b.heatmap);
}

std::int64_t kept_days(const std::filesystem::path& db) {
    SQLite::Database d(db.string());
    return d.execAndGet("SELECT COUNT(*) FROM report_days").getInt64();
}

TEST_F(ReportTest, KeptDaysGiveTheFiguresTheTicketsGive) {
    build_day();
    // The next day: a busier counter 1, a transfer, and a ticket cancelled while waiting.
    const year_month_day day2(sys_days(kDay) + days(1));
    const year_month_day day3(sys_days(kDay) + days(2));
    const year_month_day today(sys_days(kDay) + days(3));
    store.open_counter(1, budi, at(8, 0, day2));
    for (int i = 0; i < 6; ++i) {
        IssueRequest r;
        r.service = i % 2 ? "informasi" : "customer_service";
        store.issue(r, at(8, 1 + i, day2));
    }
    store.call_next(1, budi, at(8, 10, day2));
    store.start_serving(1, budi, at(8, 12, day2));
    store.finish(1, budi, at(8, 25, day2));
    store.call_next(1, budi, at(8, 26, day2));
    store.no_show(1, budi, at(8, 30, day2));
    store.close_counter(1, budi, at(11, 0, day2));
    // The day after: someone still at counter 2 when the day ended, so it may still change.
    store.open_counter(2, ani, at(8, 0, day3));
    IssueRequest cs;
    cs.service = "customer_service";
    store.issue(cs, at(8, 5, day3));
    store.call_next(2, ani, at(8, 30, day3));
    store.start_serving(2, ani, at(8, 31, day3));
    // Today: one waiting.
    store.issue(cs, at(9, 0, today));
    const TimePoint now = at(10, 0, today);

    report::Query q;
    q.from = year_month_day(sys_days(kDay) - days(1));
    q.to = today;
    std::vector<report::Query> queries{q};
    for (const char* staff : {"ani", "budi"}) {
        queries.push_back(q);
        queries.back().staff = staff;
    }
    queries.push_back(q);
    queries.back().counter = 1;
    queries.push_back(q);
    queries.back().service = "informasi";
    queries.push_back(q);
    queries.back().from = queries.back().to = kDay;

    for (const report::Query& query : queries) {
        const report::Report read =
            report::compute(store, nullptr, query, now, report::DayKeeping::Bypass);
        const report::Report first = report::compute(store, nullptr, query, now);
        const report::Report kept = report::compute(store, nullptr, query, now);
        expect_same_queue_figures(read, first);
        expect_same_queue_figures(read, kept);
    }
    EXPECT_EQ(report::compute(store, nullptr, q, now).totals.issued, 6 + 6 + 1 + 1);
    // The day before, the hand-built day and the next one are kept; the day someone was left
    // at a counter and today are read from the tickets each time.
    EXPECT_EQ(kept_days(dir / "q.db"), 3);
}

TEST_F(ReportTest, KeptDaysAreMeasuredAgainstTheTargetsOfToday) {
    build_day();
    const report::Report before = report::compute(store, nullptr, day_query(), next_morning());
    EXPECT_EQ(before.totals.within_target, 2);  // informasi's 12 minutes
    EXPECT_EQ(kept_days(dir / "q.db"), 1);
    OfficeConfig changed = office();
    for (ServiceDef& s : changed.services)
        s.target_wait_minutes = 15;
    store.set_config(changed);
    const report::Report after = report::compute(store, nullptr, day_query(), next_morning());
    // Served waits 5, 15, 16 and 10 minutes: three within 15.
    EXPECT_EQ(after.totals.within_target, 3);
    expect_same_queue_figures(after, report::compute(store, nullptr, day_query(), next_morning(),
                                                     report::DayKeeping::Bypass));
}

TEST_F(ReportTest, AKeptDayThatCannotBeReadIsReadFromTheTicketsAndKeptAgain) {
    build_day();
    const report::Report first = report::compute(store, nullptr, day_query(), next_morning());
    for (const char* damage : {"X'0102'", "X'ffffffffffffffff'", "zeroblob(64)"}) {
        {
            SQLite::Database db((dir / "q.db").string(), SQLite::OPEN_READWRITE);
            db.exec(std::string("UPDATE report_days SET data = ") + damage);
        }
        expect_same_queue_figures(first,
                                  report::compute(store, nullptr, day_query(), next_morning()));
        SQLite::Database db((dir / "q.db").string());
        EXPECT_GT(db.execAndGet("SELECT length(data) FROM report_days").getInt(), 64) << damage;
    }
}

TEST_F(ReportTest, AReportIsMadeWhenItsDaysCannotBeKept) {
    build_day();
    {
        // As a full disk would: every write to report_days fails.
        SQLite::Database db((dir / "q.db").string(), SQLite::OPEN_READWRITE);
        db.exec(
            "CREATE TRIGGER report_days_full BEFORE INSERT ON report_days "
            "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END");
    }
    const report::Report r = report::compute(store, nullptr, day_query(), next_morning());
    EXPECT_EQ(r.totals.issued, 6);
    expect_same_queue_figures(r, report::compute(store, nullptr, day_query(), next_morning(),
                                                 report::DayKeeping::Bypass));
    EXPECT_EQ(kept_days(dir / "q.db"), 0);
    EXPECT_EQ(report::keep_past_days(store, next_morning()), 0);
}

TEST_F(ReportTest, PastDaysAreKeptOnceForTheLongestRange) {
    build_day();
    EXPECT_EQ(report::keep_past_days(store, next_morning()), report::kMaxRangeDays);
    EXPECT_EQ(kept_days(dir / "q.db"), report::kMaxRangeDays);
    EXPECT_EQ(report::keep_past_days(store, next_morning()), 0);
    report::Query year;
    year.from = year_month_day(sys_days(kDay) - days(report::kMaxRangeDays - 1));
    year.to = kDay;
    expect_same_queue_figures(
        report::compute(store, nullptr, year, next_morning()),
        report::compute(store, nullptr, year, next_morning(), report::DayKeeping::Bypass));
}

TEST_F(ReportTest, ApplicationsSurveyAndComplaintsFromHandBuiltRows) {
    {
        SQLite::Database db((dir / "q.db").string(), SQLite::OPEN_READWRITE);
        add_hand_built_applications(db);
        add_hand_built_survey_and_complaints(db);
    }
    ApplicationStore applications(store, default_application_settings());
    const report::Report r = report::compute(store, &applications, day_query(), next_morning());
    ASSERT_TRUE(r.applications.has_value());
    const report::ApplicationFigures& a = *r.applications;
    EXPECT_EQ(a.registered, 2);
    EXPECT_EQ(a.finished, 2);
    EXPECT_EQ(a.finished_within_standard, 1);
    EXPECT_DOUBLE_EQ(*a.within_standard_share, 0.5);
    EXPECT_DOUBLE_EQ(*a.median_working_days, 2);  // sorted 2, 5: rank ceil(1) = 1
    EXPECT_EQ(a.overdue_now, 1);
    EXPECT_EQ(a.incomplete_visits, 1);
    EXPECT_DOUBLE_EQ(*a.incomplete_rate, 1.0 / (1 + 2));

    // NRR 3.5 for every element: IKM = 9 x 3.5 x 0.111 = 3.4965, converted 87.41, grade B.
    EXPECT_EQ(r.skm.responses, 2);
    ASSERT_TRUE(r.skm.index.has_value());
    EXPECT_EQ(r.skm.index->ikm_rounded().to_string(), "3.4965");
    EXPECT_EQ(r.skm.index->grade(), survey::Grade::B);

    EXPECT_EQ(r.complaints.received, 3);
    EXPECT_EQ(r.complaints.answered, 2);
    EXPECT_EQ(r.complaints.answered_within_60_days, 1);
    EXPECT_DOUBLE_EQ(*r.complaints.within_60_days_share, 0.5);

    report::Query informasi = day_query();
    informasi.service = "informasi";
    EXPECT_EQ(report::compute(store, nullptr, informasi, next_morning()).skm.responses, 1);
}

TEST(TableFile, CsvQuotesAndXlsxWritesRowByRow) {
    report::TableDocument doc;
    doc.header_row = true;
    doc.rows = {
        {report::text_cell("Nama"), report::text_cell("Nilai")},
        {report::text_cell("a, \"b\""), report::figure_cell(std::optional<double>(1.006), 2)},
        {report::text_cell("c"), report::integer_cell(7)}};
    EXPECT_EQ(report::to_csv(doc), "\xEF\xBB\xBFNama,Nilai\r\n\"a, \"\"b\"\"\",1.01\r\nc,7\r\n");
    EXPECT_EQ(report::figure_cell(std::nullopt, 2).text, "");
    const std::string xlsx = report::to_xlsx(doc);
    EXPECT_EQ(xlsx.substr(0, 4), std::string("PK\x03\x04", 4));
    TempDir dir;
    report::TableXlsxWriter writer(dir / "big.xlsx", "Kunjungan", true);
    for (int i = 0; i < 1000; ++i)
        writer.add_row({report::integer_cell(i), report::text_cell("baris")});
    writer.close();
    EXPECT_GT(std::filesystem::file_size(dir / "big.xlsx"), 1000u);
}
