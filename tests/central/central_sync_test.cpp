// The office's event log shipped to a real central PostgreSQL (started here in a temporary
// folder, TLS with a test CA): exactly once and in order through cut links, central restarts,
// SIGKILLed office servers and batches sent twice; each office only as itself.
#include "loket/central_sync.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <chrono>
#include <fstream>
#include <pqxx/pqxx>
#include <thread>

#include "api_client.hpp"
#include "central_fixture.hpp"
#include "loket/central_store.hpp"
#include "loket/database.hpp"
#include "loket/input_error.hpp"
#include "loket/office.hpp"
#include "loket/province_dashboard.hpp"
#include "loket/survey.hpp"
#include "postgres_process.hpp"
#include "ready_application.hpp"
#include "server_process.hpp"
#include "tcp_proxy.hpp"
#include "temp_dir.hpp"

namespace loket::central {
namespace {

using loket::testing::ApiClient;
using loket::testing::kKioskKey;
using loket::testing::PostgresProcess;
using loket::testing::Reply;
using loket::testing::ServerProcess;
using loket::testing::TcpProxy;
using loket::testing::TempDir;
using testing::LoggedEvent;
using testing::run_office_day;

class CentralSyncTest : public testing::CentralFixture {};

TEST_F(CentralSyncTest, ShipsTheWholeLogOnceInOrderWithoutFreeText) {
    const auto db = office_db("office.db", 1234);
    EventShipper shipper(db, office_connection("kab-mempawah"), 500);
    EXPECT_EQ(shipper.ship_available(), 1234);
    EXPECT_EQ(shipper.ship_available(), 0);  // nothing new: nothing sent again
    EXPECT_EQ(central_events("kab-mempawah"), local_events(db));
    EXPECT_EQ(shipper.central_last_id(), 1234);

    pqxx::connection c(pg.admin_connection());
    pqxx::read_transaction w(c);
    const auto payload = nlohmann::json::parse(
        w.exec1(
             "SELECT payload::text FROM loket.events WHERE office = 'kab-mempawah' AND id = 7")[0]
            .as<std::string>());
    EXPECT_EQ(payload["ticket"]["number"], "A-4");
    EXPECT_EQ(payload["counter"]["name"], "Loket 1");
    EXPECT_FALSE(payload["ticket"].contains("note")) << payload.dump();
    EXPECT_EQ(
        w.exec1("SELECT count(*) FROM loket.events WHERE payload::text LIKE '%Siti%'")[0].as<int>(),
        0);

    append_events(db, 10, 5000000);
    EXPECT_EQ(shipper.ship_available(), 10);
    EXPECT_EQ(central_events("kab-mempawah"), local_events(db));
}

TEST_F(CentralSyncTest, ABatchSentTwiceLandsOnceAndABatchOutOfOrderIsRefused) {
    pqxx::connection c(office_connection("kab-mempawah"));
    const nlohmann::json batch = {
        {{"id", 1}, {"type", "ticket.issued"}, {"at_ms", 1790000000000LL}, {"payload", {{"a", 1}}}},
        {{"id", 2},
         {"type", "ticket.called"},
         {"at_ms", 1790000001000LL},
         {"payload", {{"a", 2}}}}};
    for (int round = 0; round < 2; ++round) {
        pqxx::work w(c);
        EXPECT_EQ(w.exec_params1("SELECT loket.ingest($1::jsonb)", batch.dump())[0].as<int>(), 2);
        w.commit();
    }
    // Overlapping: 2 again and 3 new.
    {
        const nlohmann::json overlap = {batch[1],
                                        {{"id", 3},
                                         {"type", "ticket.started"},
                                         {"at_ms", 1790000002000LL},
                                         {"payload", {{"a", 3}}}}};
        pqxx::work w(c);
        EXPECT_EQ(w.exec_params1("SELECT loket.ingest($1::jsonb)", overlap.dump())[0].as<int>(), 3);
        w.commit();
    }
    const nlohmann::json empty = nlohmann::json::object();
    const nlohmann::json refused[] = {
        // Backwards.
        {{{"id", 5}, {"type", "ticket.issued"}, {"at_ms", 1790000005000LL}, {"payload", empty}},
         {{"id", 4}, {"type", "ticket.issued"}, {"at_ms", 1790000004000LL}, {"payload", empty}}},
        // No payload object; no id; not an array.
        {{{"id", 6}, {"type", "ticket.issued"}, {"at_ms", 1790000006000LL}, {"payload", nullptr}}},
        {{{"type", "ticket.issued"}, {"at_ms", 1790000006000LL}, {"payload", empty}}},
        {{"id", 6}}};
    for (const auto& batch_refused : refused) {
        pqxx::work w(c);
        EXPECT_THROW(w.exec_params("SELECT loket.ingest($1::jsonb)", batch_refused.dump()),
                     pqxx::sql_error)
            << batch_refused.dump();
    }
    const auto held = central_events("kab-mempawah");
    ASSERT_EQ(held.size(), 3u);
    EXPECT_EQ(held[0].id, 1);
    EXPECT_EQ(held[2].id, 3);
}

TEST_F(CentralSyncTest, TheLinkCutMidBatchLosesAndDuplicatesNothing) {
    const auto db = office_db("office.db", 3000);
    TcpProxy link(pg.port());
    EventShipper shipper(db, office_connection("kab-mempawah", link.port()), 1000);
    // One batch of 1,000 events is ~170 KB on the wire: cut well inside the first one.
    link.cut_after_client_bytes(60000);
    EXPECT_THROW(shipper.ship_available(), SyncError);
    EXPECT_TRUE(link.cut_happened());
    EXPECT_EQ(central_events("kab-mempawah").size(), 0u);  // the open batch rolled back

    // Cut again in the second batch, after the first committed.
    link.cut_after_client_bytes(250000);
    EXPECT_THROW(shipper.ship_available(), SyncError);
    const auto partly = central_events("kab-mempawah").size();
    EXPECT_EQ(partly % 1000, 0u) << "batches land whole or not at all";

    link.set_refusing(true);  // the link down for a while
    EXPECT_THROW(shipper.ship_available(), SyncError);
    link.set_refusing(false);
    EXPECT_EQ(shipper.ship_available(), static_cast<std::int64_t>(3000 - partly));
    EXPECT_EQ(central_events("kab-mempawah"), local_events(db));
}

TEST_F(CentralSyncTest, CatchesUpFromTheLocalLogAfterCentralRestarts) {
    const auto db = office_db("office.db", 100);
    EventShipper shipper(db, office_connection("kab-mempawah"), 40);
    EXPECT_EQ(shipper.ship_available(), 100);
    pg.stop("immediate");  // as after a crash of the central server
    append_events(db, 150, 200000);
    EXPECT_THROW(shipper.ship_available(), SyncError);
    EXPECT_THROW(shipper.ship_available(), SyncError);
    pg.start();
    EXPECT_EQ(shipper.ship_available(), 150);
    EXPECT_EQ(central_events("kab-mempawah"), local_events(db));
}

TEST_F(CentralSyncTest, EachOfficeShipsOnlyAsItselfOverVerifiedTls) {
    const auto a = office_db("a.db", 20);
    const auto b = office_db("b.db", 30, 777000);
    EventShipper(a, office_connection("kab-mempawah")).ship_available();
    EventShipper(b, office_connection("kota-singkawang")).ship_available();
    EXPECT_EQ(central_events("kab-mempawah"), local_events(a));
    EXPECT_EQ(central_events("kota-singkawang"), local_events(b));

    // The office role can neither read nor write the tables, only call its two functions.
    pqxx::connection c(office_connection("kab-mempawah"));
    for (const char* sql :
         {"SELECT count(*) FROM loket.events",
          "INSERT INTO loket.events (office, id, type, at, payload) "
          "VALUES ('kota-singkawang', 999, 'ticket.issued', now(), '{}')",
          "UPDATE loket.offices SET last_event_id = 0",
          "SELECT loket_schema_version.version FROM public.loket_schema_version"}) {
        pqxx::work w(c);
        EXPECT_THROW(w.exec(sql), pqxx::sql_error) << sql;
    }
    {
        pqxx::read_transaction w(c);
        EXPECT_EQ(w.exec1("SELECT id FROM loket.office_position()")[0].as<int>(), 20);
    }

    // A wrong password, plain TCP, and a server certificate from another CA are all refused.
    std::ofstream(dir / "wrong.password") << "bukan-sandi-yang-benar\n";
    SyncSettings wrong = settings_for("kab-mempawah", pg.port());
    wrong.password_file = (dir / "wrong.password").string();
    EXPECT_THROW(EventShipper(a, connection_string(wrong)).ship_available(), SyncError);
    EXPECT_THROW(pqxx::connection(office_connection("kab-mempawah") + " sslmode=disable"),
                 pqxx::broken_connection);
    PostgresProcess other;  // its own test CA
    SyncSettings foreign_ca = settings_for("kab-mempawah", pg.port());
    foreign_ca.ca_file = other.ca_file().string();
    EXPECT_THROW(EventShipper(a, connection_string(foreign_ca)).ship_available(), SyncError);
}

TEST_F(CentralSyncTest, ADatabaseRestoredFromAnOlderBackupIsRefusedNotMerged) {
    const auto now = office_db("now.db", 50);
    EventShipper(now, office_connection("kab-mempawah")).ship_available();
    const auto older = office_db("older.db", 30);
    EXPECT_THROW(EventShipper(older, office_connection("kab-mempawah")).ship_available(),
                 DivergedLogError);
    const auto other = office_db("other.db", 60, 123456);  // same ids, other events
    EXPECT_THROW(EventShipper(other, office_connection("kab-mempawah")).ship_available(),
                 DivergedLogError);
    EXPECT_EQ(central_events("kab-mempawah"), local_events(now));
}

// `queue-server sync` as its own process next to the serving one, which is SIGKILLed three
// times while tickets are issued; the shipper itself is SIGKILLed once. Central ends with
// every event of the office's log exactly once, in order.
TEST_F(CentralSyncTest, TheRealServerKilledDuringSyncMissesNothing) {
    TempDir office_dir;
    std::string config = loket::testing::kAlwaysOpenConfig;
    const SyncSettings s = settings_for("kab-mempawah", pg.port());
    config += "\n[central]\nhost = \"127.0.0.1\"\nport = " + std::to_string(pg.port()) +
              "\noffice = \"kab-mempawah\"\npassword_file = \"" + s.password_file +
              "\"\nca_file = \"" + s.ca_file + "\"\nbatch_size = 50\npoll_ms = 100\n";
    ServerProcess server(office_dir.path(), config);

    const auto start_sync = [&] {
        return loket::testing::start_sync_process(server, office_dir.path() / "sync.log");
    };
    const auto kill_and_wait = [](pid_t pid, int signal) {
        ::kill(pid, signal);
        int status = 0;
        waitpid(pid, &status, 0);
    };

    pid_t sync = start_sync();
    int issued = 0;
    for (int round = 0; round < 4; ++round) {
        ApiClient kiosk(server.url(), kKioskKey);
        for (int i = 0; i < 25; ++i)
            issued += kiosk.post("/tickets", {{"service", "informasi"}}).status == 201;
        if (round == 1) {
            kill_and_wait(sync, SIGKILL);
            sync = start_sync();
        }
        if (round < 3) {
            server.stop(SIGKILL);
            server.start();
        }
    }
    EXPECT_EQ(issued, 100);

    const auto local = local_events(server.db());
    ASSERT_GE(local.size(), 100u);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (central_events("kab-mempawah").size() < local.size() &&
           std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    kill_and_wait(sync, SIGTERM);
    EXPECT_EQ(central_events("kab-mempawah"), local);
}

TEST(CentralSettings, TheCentralSectionIsReadStrictly) {
    const std::string good = R"(
[central]
host = "pusat.kalbarprov.go.id"
office = "kab-mempawah"
password_file = "/etc/loket/central-password"
ca_file = "/etc/loket/central-ca.pem"
)";
    const SyncSettings s = parse_sync_settings(good, "office.toml");
    EXPECT_EQ(s.host, "pusat.kalbarprov.go.id");
    EXPECT_EQ(s.port, 5432);
    EXPECT_EQ(s.database, "loket");
    EXPECT_EQ(s.batch_size, 500);
    EXPECT_TRUE(has_central_section(good));
    EXPECT_FALSE(has_central_section("[server]\n"));

    const auto field_of = [](const std::string& toml) {
        try {
            parse_sync_settings(toml, "office.toml");
        } catch (const InputError& e) {
            return e.field();
        }
        return std::string("(accepted)");
    };
    EXPECT_EQ(field_of("[server]\n"), "central");
    EXPECT_EQ(field_of("[central]\noffice = \"a\"\npassword_file = \"p\"\n"), "central.host");
    EXPECT_EQ(
        field_of("[central]\nhost = \"h\"\noffice = \"Kab Mempawah\"\npassword_file = \"p\"\n"),
        "central.office");
    EXPECT_EQ(
        field_of("[central]\nhost = \"h\"\noffice = \"ab\"\npassword_file = \"p\"\nport = 0\n"),
        "central.port");
    EXPECT_EQ(field_of("[central]\nhost = \"h\"\noffice = \"ab\"\npassword_file = \"p\"\nsslmode = "
                       "\"disable\"\n"),
              "central.sslmode");
    EXPECT_EQ(field_of("[central]\nhost = \"h\"\noffice = \"ab\"\n"), "central.password_file");

    SyncSettings missing = s;
    missing.password_file = "/nonexistent/central-password";
    EXPECT_THROW(connection_string(missing), InputError);
}

TEST(CentralSettings, FreeTextNeverLeavesTheOffice) {
    const nlohmann::json payload = {
        {"application",
         {{"id", 12},
          {"business_name", "Warung Bu Siti"},
          {"needed", nlohmann::json::array({"KTP Siti"})},
          {"steps", {{{"step", 3}, {"note", "hubungi 0812"}}}}}},
        {"complaint", {{"excerpt", "Petugas bernama ..."}, {"category", "pelayanan"}}},
        {"reason", "Siti sakit"},
        {"counter", {{"name", "Loket 2"}}}};
    const nlohmann::json out = minimised_payload(payload);
    EXPECT_EQ(out.dump().find("Siti"), std::string::npos) << out.dump();
    EXPECT_EQ(out.dump().find("0812"), std::string::npos) << out.dump();
    EXPECT_EQ(out["application"]["id"], 12);
    EXPECT_EQ(out["application"]["steps"][0]["step"], 3);
    EXPECT_EQ(out["complaint"]["category"], "pelayanan");
    EXPECT_EQ(out["counter"]["name"], "Loket 2");
}

TEST(CentralSettings, APauseLeavesWithItsCodeWithoutItsText) {
    const auto counter = [](const nlohmann::json& fields) {
        nlohmann::json c = {{"number", 1}, {"state", "paused"}};
        c.update(fields);
        return minimised_payload({{"counter", c}})["counter"];
    };
    const nlohmann::json coded =
        counter({{"pause_reason_code", "lunch"}, {"pause_reason", "Bu Ani"}});
    EXPECT_EQ(coded,
              (nlohmann::json{{"number", 1}, {"state", "paused"}, {"pause_reason_code", "lunch"}}));
    // Recorded before the codes: the old label's code, or other; never the text.
    EXPECT_EQ(counter({{"pause_reason", "Sholat"}})["pause_reason_code"], "prayer");
    const nlohmann::json typed = counter({{"pause_reason", "Antar Bu Ani"}});
    EXPECT_EQ(typed["pause_reason_code"], "other");
    EXPECT_EQ(typed.dump().find("Ani"), std::string::npos);
    EXPECT_FALSE(
        minimised_payload({{"counter", {{"state", "open"}, {"pause_reason", ""}}}})["counter"]
            .contains("pause_reason_code"));
}

TEST(CentralSettings, OfficeCodes) {
    EXPECT_TRUE(is_office_code("kab-mempawah"));
    EXPECT_TRUE(is_office_code("kota2"));
    EXPECT_FALSE(is_office_code("Kab"));
    EXPECT_FALSE(is_office_code("1kab"));
    EXPECT_FALSE(is_office_code("k"));
    EXPECT_FALSE(is_office_code("kab mempawah"));
    EXPECT_FALSE(is_office_code("kab;drop"));
    EXPECT_EQ(office_role("kab-mempawah"), "office_kab-mempawah");
}

}  // namespace
}  // namespace loket::central

namespace loket::central {
namespace {

// A short office day at the real server: served, not served, recalled, transferred from a
// counter, reactivated, finished without Start. Central's figures for the day, from the
// shipped events alone, must be the office's own report's (docs/metrics.md).
TEST_F(CentralSyncTest, CentralFiguresAreTheOfficeReportsOwn) {
    TempDir office_dir;
    ServerProcess server(office_dir.path());
    run_office_day(server);
    ApiClient supervisor(server.url(),
                         loket::testing::add_user_and_login(server, "rina", "supervisor"));
    const std::string today =
        ApiClient(server.url()).get("/office").body["local_date"].get<std::string>();
    const Reply report = supervisor.get("/reports/summary?from=" + today + "&to=" + today);
    ASSERT_EQ(report.status, 200);
    const nlohmann::json& totals = report.body["totals"];

    // Batches of three events: a visit's call and its end arrive in different batches, and the
    // day central keeps is rewritten by each.
    EventShipper shipper(server.db(), office_connection("kab-mempawah"), 3,
                         to_json(parse_office_config(loket::testing::kAlwaysOpenConfig, "test")));
    EXPECT_GT(shipper.ship_available(), 0);
    const auto [kept_days_agree, kept_rows] = kept_days_agree_with_visits();
    EXPECT_TRUE(kept_days_agree);
    EXPECT_GE(kept_rows, 2);  // informasi, and the service the transfer went to
    pqxx::connection c(pg.admin_connection());
    pqxx::read_transaction w(c);
    const auto row = w.exec_params1(
        "SELECT issued, called, served, no_show, transferred, within_target, wait_mean, "
        "wait_median, wait_p90, wait_max, service_mean, service_median, service_p90 "
        "FROM loket.queue_figures($1::date, $1::date, 'kab-mempawah')",
        today);
    EXPECT_EQ(row[0].as<int>(), totals["issued"].get<int>());
    EXPECT_EQ(row[1].as<int>(), totals["wait"]["count"].get<int>());
    EXPECT_EQ(row[2].as<int>(), totals["served"].get<int>());
    EXPECT_EQ(row[3].as<int>(), totals["no_show"].get<int>());
    EXPECT_EQ(row[4].as<int>(), totals["transferred"].get<int>());
    EXPECT_EQ(row[5].as<int>(), totals["within_target"].get<int>());
    const auto near = [](const pqxx::field& central_value, const nlohmann::json& office_value,
                         const char* what) {
        EXPECT_NEAR(central_value.as<double>(), office_value.get<double>(), 0.006) << what;
    };
    near(row[6], totals["wait"]["mean"], "wait mean");
    near(row[7], totals["wait"]["median"], "wait median");
    near(row[8], totals["wait"]["p90"], "wait p90");
    near(row[9], totals["wait"]["max"], "wait max");
    near(row[10], totals["service"]["mean"], "service mean");
    near(row[11], totals["service"]["median"], "service median");
    near(row[12], totals["service"]["p90"], "service p90");
    EXPECT_EQ(totals["served"].get<int>(), 4);
    EXPECT_EQ(totals["transferred"].get<int>(), 1);

    // A target changed later applies to the days already kept, as on the office.
    const auto within_target_with_targets_of = [&](int minutes) {
        pqxx::connection own(pg.admin_connection());
        pqxx::work change(own);
        change.exec_params0(
            "UPDATE loket.offices SET profile = jsonb_set(profile, '{services}', (SELECT "
            "jsonb_agg(s || jsonb_build_object('target_wait_minutes', $1::int)) FROM "
            "jsonb_array_elements(profile -> 'services') s)) WHERE code = 'kab-mempawah'",
            minutes);
        const int within = change
                               .exec_params1(
                                   "SELECT within_target FROM loket.queue_figures($1::date, "
                                   "$1::date, 'kab-mempawah')",
                                   today)[0]
                               .as<int>();
        return within;  // rolled back
    };
    EXPECT_EQ(within_target_with_targets_of(0), 0);
    EXPECT_EQ(within_target_with_targets_of(600), 4);

    // Now: A-002 reactivated and two more wait; counters 5 and 3 open, 1 closed.
    const auto now = w.exec1(
        "SELECT waiting, counters_open, issued, served, longest_wait_minutes, name "
        "FROM loket.offices_today() WHERE office = 'kab-mempawah'");
    const Reply waiting = supervisor.get("/tickets?state=waiting");
    EXPECT_EQ(now[0].as<int>(), 3) << waiting.body.dump();
    EXPECT_EQ(now[1].as<int>(), 2);
    EXPECT_EQ(now[2].as<int>(), 7);
    EXPECT_EQ(now[3].as<int>(), 4);
    EXPECT_GT(now[4].as<double>(), 0.0);
    EXPECT_EQ(now[5].as<std::string>(), "DPMPTSP Kabupaten Mempawah");
}

// Applications and complaints at central, folded from the shipped events alone, are the
// office's own report's: files registered, finished, finished within their standard, overdue;
// complaints received, answered, answered within 60 days.
TEST_F(CentralSyncTest, CentralApplicationAndComplaintFiguresAreTheOfficeReportsOwn) {
    TempDir office_dir;
    ServerProcess server(office_dir.path());
    ApiClient supervisor(server.url(),
                         loket::testing::add_user_and_login(server, "rina", "supervisor"));
    ApiClient web(server.url());
    loket::testing::make_ready_application(supervisor, "pelalawan-iumk", "Siti Rahma");
    loket::testing::make_ready_application(supervisor, "pelalawan-iumk", "Budi Santoso");
    std::vector<std::int64_t> complaints;
    for (const char* category : {"waktu", "pelayanan", "biaya"}) {
        const Reply r =
            web.post("/complaints",
                     {{"category", category},
                      {"text", "Antrean di loket pendaftaran sangat lama dan petugas tidak ada."}});
        ASSERT_EQ(r.status, 201) << r.body.dump();
    }
    const Reply listed = supervisor.get("/complaints");
    for (const auto& c : listed.body["complaints"])
        complaints.push_back(c["id"].get<std::int64_t>());
    ASSERT_EQ(complaints.size(), 3u) << listed.body.dump();
    const std::string first = "/complaints/" + std::to_string(complaints[0]) + "/transition";
    EXPECT_EQ(supervisor.post(first, {{"to", "diverifikasi"}}).status, 200);
    EXPECT_EQ(supervisor.post(first, {{"to", "diproses"}}).status, 200);
    EXPECT_EQ(
        supervisor.post(first, {{"to", "selesai"}, {"reply", "Loket pendaftaran kini dibuka dua."}})
            .status,
        200);
    const std::string second = "/complaints/" + std::to_string(complaints[1]) + "/transition";
    EXPECT_EQ(supervisor.post(second, {{"to", "ditolak"}, {"reason", "Bukan pengaduan pelayanan."}})
                  .status,
              200);

    const std::string today = web.get("/office").body["local_date"].get<std::string>();
    const Reply report = supervisor.get("/reports/summary?from=" + today + "&to=" + today);
    ASSERT_EQ(report.status, 200) << report.body.dump();
    const nlohmann::json& files = report.body["applications"];
    const nlohmann::json& complaint = report.body["complaints"];
    ASSERT_TRUE(files.is_object()) << report.body.dump();
    EXPECT_EQ(files["registered"], 2);
    EXPECT_EQ(files["finished"], 2);
    EXPECT_EQ(complaint["received"], 3);
    EXPECT_EQ(complaint["answered"], 2);

    EventShipper shipper(server.db(), office_connection("kab-mempawah"), 7,
                         to_json(parse_office_config(loket::testing::kAlwaysOpenConfig, "test")));
    EXPECT_GT(shipper.ship_available(), 0);
    pqxx::connection c(pg.admin_connection());
    pqxx::read_transaction w(c);
    const auto row = w.exec_params1(
        "SELECT registered, finished, finished_within_standard, applications_overdue_now, "
        "complaints_received, complaints_closed, complaints_closed_in_time, "
        "complaints_overdue_now FROM loket.service_figures($1::date, $1::date, 'kab-mempawah')",
        today);
    EXPECT_EQ(row[0].as<int>(), files["registered"].get<int>());
    EXPECT_EQ(row[1].as<int>(), files["finished"].get<int>());
    EXPECT_EQ(row[2].as<int>(), files["finished_within_standard"].get<int>());
    EXPECT_EQ(row[3].as<int>(), files["overdue_now"].get<int>());
    EXPECT_EQ(row[4].as<int>(), complaint["received"].get<int>());
    EXPECT_EQ(row[5].as<int>(), complaint["answered"].get<int>());
    EXPECT_EQ(row[6].as<int>(), complaint["answered_within_60_days"].get<int>());
    EXPECT_EQ(row[7].as<int>(), 0);  // the open one is due in 60 days
}

// A visitor at counter 1 served and answering the survey with `scores`, age 41, a suggestion.
void answer_survey_at_counter_1(ApiClient& kiosk, ApiClient& clerk, ApiClient& anonymous,
                                const std::array<int, 9>& scores) {
    const Reply issued = kiosk.post("/tickets", {{"service", "informasi"}});
    EXPECT_EQ(issued.status, 201);
    EXPECT_EQ(clerk.post("/counters/1/call-next").status, 200);
    EXPECT_EQ(clerk.post("/counters/1/finish").status, 200);
    nlohmann::json answers = nlohmann::json::object();
    for (std::size_t i = 0; i < scores.size(); ++i)
        answers[std::string(survey::key_of(survey::kElements[i]))] = scores[i];
    const Reply r = anonymous.post(
        "/survey/responses",
        {{"token", issued.body["ticket"]["status_token"]},
         {"answers", answers},
         {"profile", {{"age", 41}, {"sex", "P"}, {"education", "s1"}, {"occupation", "pns"}}},
         {"saran", "Ruang tunggu lebih sejuk"}});
    EXPECT_EQ(r.status, 201) << r.body.dump();
}

// loket.keep_survey_days(body) as an office: the SQLSTATE it was refused with, or "accepted".
std::string keep_survey_days_as(pqxx::connection& as_office, const std::string& body) {
    try {
        pqxx::work bad(as_office);
        bad.exec_params("SELECT loket.keep_survey_days($1::jsonb)", body);
        bad.commit();
    } catch (const pqxx::sql_error& e) {
        return std::string(e.sqlstate());
    }
    return std::string("accepted");
}

// The survey's index at central, from the day sums the office sends with its events, is the
// office's own (its report for the month); a day's later responses replace its sums.
TEST_F(CentralSyncTest, CentralSurveyIndexIsTheOfficesOwn) {
    TempDir office_dir;
    ServerProcess server(office_dir.path());
    ApiClient kiosk(server.url(), kKioskKey);
    ApiClient anonymous(server.url());
    ApiClient clerk(server.url(), loket::testing::add_user_and_login(server, "siti", "staff"));
    ApiClient supervisor(server.url(),
                         loket::testing::add_user_and_login(server, "rina", "supervisor"));
    EXPECT_EQ(clerk.post("/counters/1/open").status, 200);
    const auto answer = [&](const std::array<int, 9>& scores) {
        answer_survey_at_counter_1(kiosk, clerk, anonymous, scores);
    };
    EventShipper shipper(server.db(), office_connection("kab-mempawah"), 2,
                         to_json(parse_office_config(loket::testing::kAlwaysOpenConfig, "test")));
    ProvinceDashboard dashboard(pg.admin_connection(), 1);
    const std::string today = anonymous.get("/office").body["local_date"].get<std::string>();

    answer({4, 4, 4, 4, 4, 4, 4, 4, 4});
    answer({3, 3, 2, 4, 3, 3, 4, 2, 3});
    EXPECT_GT(shipper.ship_available(), 0);
    EXPECT_EQ(dashboard.figures(today, today, "kab-mempawah")["offices"][0]["skm"]["respondents"],
              2);
    answer({4, 3, 2, 4, 3, 4, 4, 1, 3});
    EXPECT_GT(shipper.ship_available(), 0);

    const Reply office = supervisor.get("/survey/report?period=" + today.substr(0, 7));
    ASSERT_EQ(office.status, 200) << office.body.dump();
    EXPECT_EQ(office.body["respondents"], 3);
    const nlohmann::json figures = dashboard.figures(today, today);
    const nlohmann::json& mempawah = figures["offices"][0];
    ASSERT_EQ(mempawah["code"], "kab-mempawah");
    EXPECT_EQ(mempawah["skm"]["respondents"], 3);
    EXPECT_EQ(mempawah["skm"]["ikm"], office.body["index"]["converted"]);  // 84.18
    EXPECT_EQ(mempawah["skm"]["grade"], office.body["index"]["grade"]);    // B
    EXPECT_EQ(mempawah["skm"]["grade_name"], "Baik");
    EXPECT_EQ(mempawah["survey_responses"], 3);
    // The other office has no responses: no index, not zero; all respondents are Mempawah's.
    EXPECT_TRUE(figures["offices"][1]["skm"]["ikm"].is_null());
    EXPECT_EQ(figures["skm"]["ikm"], office.body["index"]["converted"]);

    // Only the sums left the office: no suggestion, no profile.
    pqxx::connection c(pg.admin_connection());
    pqxx::read_transaction w(c);
    EXPECT_EQ(w.exec1("SELECT count(*) FROM loket.events WHERE payload::text LIKE '%sejuk%' OR "
                      "payload::text LIKE '%pns%'")[0]
                  .as<int>(),
              0);
    EXPECT_EQ(w.exec1("SELECT array_to_string(score_sums, ',') FROM loket.survey_days")[0]
                  .as<std::string>(),
              "11,10,8,12,10,11,12,7,10");

    // An office cannot write another's survey days or send malformed ones.
    pqxx::connection as_office(office_connection("kab-mempawah"));
    const auto refused = [&](const std::string& body) {
        return keep_survey_days_as(as_office, body);
    };
    EXPECT_EQ(refused(R"({"days": ["2026-12-01"], "rows": [{"local_date": "2026-12-01",
        "service": "informasi", "respondents": 1, "score_sums": [5,1,1,1,1,1,1,1,1]}]})"),
              "22023");
    EXPECT_EQ(refused(R"({"days": ["2026-12-01"], "rows": [{"local_date": "2026-12-02",
        "service": "informasi", "respondents": 1, "score_sums": [1,1,1,1,1,1,1,1,1]}]})"),
              "22023");
    EXPECT_EQ(refused(R"({"rows": []})"), "22023");
}

}  // namespace
}  // namespace loket::central
