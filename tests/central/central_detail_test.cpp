// Central's figures beyond the queue's totals, from the shipped events alone, against the
// office's own report (docs/metrics.md): the applications' median working days and incomplete
// visits, and one office's heatmap and stages left waiting at close. The office lived through a
// past week (run through the real stores on a simulated clock: central cannot be shown a
// working day from a test run within one), then runs as the real server, which reports it.
#include <gtest/gtest.h>

#include <chrono>
#include <pqxx/pqxx>

#include "api_client.hpp"
#include "central_fixture.hpp"
#include "loket/application_store.hpp"
#include "loket/catalog.hpp"
#include "loket/central_sync.hpp"
#include "loket/office.hpp"
#include "loket/province_dashboard.hpp"
#include "loket/queue_store.hpp"
#include "server_process.hpp"
#include "temp_dir.hpp"

namespace loket::central {
namespace {

using namespace std::chrono;
using loket::testing::ApiClient;
using loket::testing::Reply;
using loket::testing::ServerProcess;
using loket::testing::TempDir;

class CentralDetailTest : public testing::CentralFixture {};

// Monday to Friday with a lunch break (WITA) and a holiday on `holiday`: a file registered
// after hours is received at the next opening, and the holiday is no working day.
std::string office_config(const std::string& holiday) {
    return R"(
[server]
http_keep_alive_seconds = 1
[office]
name = "DPMPTSP Kabupaten Uji"
time_zone = "WITA"
[hours]
monday = ["08:00-12:00", "13:00-16:00"]
tuesday = ["08:00-12:00", "13:00-16:00"]
wednesday = ["08:00-12:00", "13:00-16:00"]
thursday = ["08:00-12:00", "13:00-16:00"]
friday = ["08:00-11:00"]
saturday = []
sunday = []
[[holidays]]
date = )" + holiday +
           R"(
name = "Libur uji"
[[counters]]
number = 1
services = ["informasi"]
[[counters]]
number = 3
services = ["pendaftaran"]
)";
}

RegistrationRequest checklist_of(const catalog::Permit& permit, bool complete) {
    RegistrationRequest r;
    r.applicant_type = "perorangan";
    r.applicant_name = "Ani";
    for (std::size_t i = 0; i < permit.requirements.size(); ++i) {
        const auto& a = permit.requirements[i].applies_to;
        if (a == "semua" || a == "perorangan")
            r.checklist.push_back({static_cast<int>(i), complete || !r.checklist.empty()});
    }
    return r;
}

// The week of `monday`: tickets served, not shown, transferred from a counter, left waiting at
// close (one on Monday, one on Tuesday), a counter paused; files registered (one after hours)
// and completed across the holiday, and two incomplete visits.
void live_the_week(const std::filesystem::path& db, const std::string& config_text,
                   sys_days monday) {
    const OfficeConfig config = parse_office_config(config_text, "test");
    QueueStore queue(db, config);
    const auto at = [&](int day, int hour, int minute) {
        return from_local(year_month_day(monday + days(day)), hour * 60 + minute, config.zone);
    };
    const StaffRef siti("siti"), dewi("dewi");
    IssueRequest informasi, pendaftaran;
    informasi.service = "informasi";
    pendaftaran.service = "pendaftaran";
    for (int i = 0; i < 4; ++i)
        queue.issue(informasi, at(0, 8, 5 + i));
    queue.issue(pendaftaran, at(0, 9, 40));
    queue.open_counter(1, siti, at(0, 8, 10));
    queue.call_next(1, siti, at(0, 8, 12));
    queue.start_serving(1, siti, at(0, 8, 14));
    queue.finish(1, siti, at(0, 8, 20));
    queue.call_next(1, siti, at(0, 8, 21));
    queue.no_show(1, siti, at(0, 8, 25));
    queue.call_next(1, siti, at(0, 9, 30));
    queue.start_serving(1, siti, at(0, 9, 32));
    queue.transfer_from_counter(1, siti, "pendaftaran", "", at(0, 9, 35));
    queue.pause_counter(1, siti, "istirahat", at(0, 11, 0));
    queue.resume_counter(1, siti, at(0, 13, 5));
    queue.call_next(1, siti, at(0, 13, 10));
    queue.finish(1, siti, at(0, 13, 30));
    queue.close_counter(1, siti, at(0, 15, 50));
    queue.open_counter(3, dewi, at(0, 10, 0));
    queue.call_next(3, dewi, at(0, 10, 2));
    queue.start_serving(3, dewi, at(0, 10, 5));
    queue.finish(3, dewi, at(0, 10, 20));
    // Pauses with a code and a note, and one recorded as a console before the codes did (its
    // label "Makan siang" as text, no code), which the office and central both count as lunch.
    queue.pause_counter(3, dewi, PauseReason{PauseCode::Prayer, "Dzuhur"}, at(0, 11, 50));
    queue.resume_counter(3, dewi, at(0, 12, 10));
    queue.pause_counter(3, dewi, PauseReason{PauseCode::Other, "Antar berkas"}, at(0, 13, 0));
    queue.run_write(at(0, 13, 0), [](StoreTransaction& tx) {
        tx.sql(
              "UPDATE events SET payload = json_remove(json_set(payload, "
              "'$.counter.pause_reason', 'Makan siang'), '$.counter.pause_reason_code') WHERE id "
              "= (SELECT MAX(id) FROM events)")
            .exec();
    });
    queue.resume_counter(3, dewi, at(0, 13, 30));
    queue.close_counter(3, dewi, at(0, 15, 0));  // one of its two tickets left waiting
    queue.issue(informasi, at(1, 13, 30));
    queue.issue(informasi, at(1, 14, 0));
    queue.open_counter(1, siti, at(1, 14, 5));
    queue.call_next(1, siti, at(1, 14, 10));
    queue.finish(1, siti, at(1, 14, 25));
    queue.close_counter(1, siti, at(1, 15, 0));  // the ticket of 14.00 left waiting

    const catalog::Catalog catalog = catalog::Catalog::load_dir(LOKET_SOURCE_DIR "/assets/catalog");
    ApplicationStore files(queue,
                           application_settings_from_json(toml_to_json(config_text, "test"), "t"));
    const catalog::Permit& permit = *catalog.find("pelalawan-iumk");
    const Actor clerk{StaffRef("rina"), {}, false};
    const Actor boss{StaffRef("budi", "supervisor"), {}, true};
    const auto file = [&](TimePoint registered, TimePoint completed) {
        const auto app =
            *files.register_application(permit, checklist_of(permit, true), clerk, registered)
                 .application;
        files.act_on_step(app.id, app.current_step()->number, StepAction::Done, "", boss, "", "",
                          completed);
    };
    file(at(0, 17, 0), at(4, 10, 0));  // received Tuesday: Thursday, Friday (2)
    file(at(1, 9, 0), at(3, 9, 0));    // Wednesday is the holiday: Thursday (1)
    file(at(0, 9, 0), at(0, 15, 0));   // the same day (0)
    EXPECT_TRUE(
        files.register_application(permit, checklist_of(permit, false), clerk, at(0, 9, 30)).visit);
    EXPECT_TRUE(
        files.register_application(permit, checklist_of(permit, false), clerk, at(3, 10, 0)).visit);
}

// Each person's figures at central against the office's report's, their pauses per reason too
// (central has only the codes: the notes stay at the office).
void expect_staff_as_reported(const nlohmann::json& staff, const nlohmann::json& reported) {
    ASSERT_EQ(staff.size(), reported.size()) << staff.dump();
    ASSERT_EQ(staff.size(), 2u) << reported.dump();
    for (std::size_t i = 0; i < staff.size(); ++i) {
        const nlohmann::json& own = reported[i];
        const nlohmann::json& person = staff[i];
        EXPECT_EQ(person["name"], own["name"]);
        for (const char* figure :
             {"served", "served_per_hour", "mean_service_minutes", "open_minutes", "idle_minutes"})
            EXPECT_EQ(person[figure], own[figure]) << figure << " of " << own.dump();
        std::int64_t pauses = 0;
        double pause_minutes = 0;
        for (const auto& p : own["pauses"]) {
            pauses += p["count"].get<std::int64_t>();
            pause_minutes += p["minutes"].get<double>();
        }
        EXPECT_EQ(person["pause_count"], pauses);
        EXPECT_NEAR(person["pause_minutes"].get<double>(), pause_minutes, 0.011);
        EXPECT_EQ(person["pauses"], own["pauses"]) << own["name"];
    }
}

TEST_F(CentralDetailTest, ApplicationsHoursAndUnservedAreTheOfficeReportsOwn) {
    const auto today = sys_days(to_local(now_utc(), TimeZone::WITA).date);
    const sys_days monday = today - days(weekday(today).iso_encoding() - 1) - weeks(2);
    const std::string from = format_date_iso(year_month_day(monday));
    const std::string to = format_date_iso(year_month_day(monday + days(4)));
    const std::string config = office_config(format_date_iso(year_month_day(monday + days(2))));
    TempDir office_dir;
    live_the_week(office_dir / "loket.db", config, monday);
    ServerProcess server(office_dir.path(), config);
    ApiClient supervisor(server.url(),
                         loket::testing::add_user_and_login(server, "lina", "supervisor"));
    const Reply report = supervisor.get("/reports/summary?from=" + from + "&to=" + to);
    ASSERT_EQ(report.status, 200) << report.body.dump();
    const nlohmann::json& files = report.body["applications"];
    EXPECT_EQ(files["finished"], 3) << files.dump();
    EXPECT_EQ(files["median_working_days"], 1.0);
    EXPECT_EQ(files["incomplete_visits"], 2);
    EXPECT_EQ(files["incomplete_rate"], 0.4);
    EXPECT_EQ(report.body["totals"]["unserved_at_close"], 2);

    EventShipper shipper(server.db(), office_connection("kab-mempawah"), 5,
                         to_json(parse_office_config(config, "test")));
    EXPECT_GT(shipper.ship_available(), 0);
    ProvinceDashboard dashboard(pg.admin_connection(), 1);
    const nlohmann::json figures = dashboard.figures(from, to);
    ASSERT_EQ(figures["offices"][0]["code"], "kab-mempawah");
    EXPECT_EQ(figures["offices"][0]["applications"], files);
    // Over every office: the other has no files, so the same median, visits and rate.
    EXPECT_EQ(figures["applications"]["median_working_days"], 1.0);
    EXPECT_EQ(figures["applications"]["incomplete_rate"], 0.4);
    EXPECT_TRUE(figures["offices"][1]["applications"]["median_working_days"].is_null());
    // Service times, with two stages finished without Start (their service began at the call).
    for (const char* figure : {"mean", "median", "p90"})
        EXPECT_EQ(figures["offices"][0]["service"][figure],
                  report.body["totals"]["service"][figure])
            << figure;

    const auto office = dashboard.office_days("kab-mempawah", from, to);
    ASSERT_TRUE(office);
    EXPECT_EQ((*office)["applications"], files);
    EXPECT_EQ((*office)["unserved_at_close"], report.body["totals"]["unserved_at_close"]);
    EXPECT_EQ((*office)["heatmap"], report.body["heatmap"]);
    EXPECT_EQ((*office)["heatmap"]["hours"].front(), 8);
    EXPECT_EQ((*office)["heatmap"]["arrivals"][0][0], 4);  // Monday 08.00

    // Each person's counter time, served, idle time and pauses per reason, as the office's
    // report gives them.
    const nlohmann::json& staff = (*office)["staff"];
    ASSERT_NO_FATAL_FAILURE(expect_staff_as_reported(staff, report.body["staff"]));
    EXPECT_EQ(staff[1]["name"], "siti");
    EXPECT_EQ(staff[1]["served"], 3);
    EXPECT_EQ(staff[1]["pause_minutes"], 65.0);  // 11.00-13.05 within 11.00-12.00, 13.00-16.00
    EXPECT_GT(staff[1]["idle_minutes"].get<double>(), 0.0);
    // Dewi: Salat 11.50-12.10 (10 minutes within hours), the old "Makan siang" 13.00-13.30.
    EXPECT_EQ(staff[0]["pauses"],
              nlohmann::json::parse(R"([{"reason_code": "prayer", "count": 1, "minutes": 10.0},
                                        {"reason_code": "lunch", "count": 1, "minutes": 30.0}])"));
    EXPECT_EQ(staff[1]["pauses"][0]["reason_code"], "break");  // "istirahat", the old label

    // A day that was a working day becomes a holiday: central counts with the calendar the
    // office describes now, as the office's report does.
    pqxx::connection c(pg.admin_connection());
    pqxx::work change(c);
    change.exec_params0(
        "UPDATE loket.offices SET profile = jsonb_set(profile, '{holidays}', "
        "profile -> 'holidays' || jsonb_build_array(jsonb_build_object('date', $1::text, "
        "'name', 'Libur baru', 'kind', 'libur'))) WHERE code = 'kab-mempawah'",
        format_date_iso(year_month_day(monday + days(3))));
    // A pause shipped before the codes arrived without its text: 'other'.
    EXPECT_EQ(
        change.exec1("SELECT loket.pause_code('{\"state\": \"paused\"}')")[0].as<std::string>(),
        "other");
    EXPECT_TRUE(change.exec("SELECT loket.pause_code('{\"state\": \"open\"}')")[0][0].is_null());
    change.commit();
    // Thursday off: 1 (Friday), 0 (Thursday no working day), 0.
    EXPECT_EQ(dashboard.figures(
                  from, to, "kab-mempawah")["offices"][0]["applications"]["median_working_days"],
              0.0);
}

}  // namespace
}  // namespace loket::central
