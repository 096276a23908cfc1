#pragma once
// What the central tests share: a real PostgreSQL with the central schema and two offices,
// office databases with made-up events, and a short real office day at the real server.
#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <pqxx/pqxx>
#include <thread>

#include "api_client.hpp"
#include "loket/central_store.hpp"
#include "loket/central_sync.hpp"
#include "loket/database.hpp"
#include "postgres_process.hpp"
#include "server_process.hpp"
#include "temp_dir.hpp"

namespace loket::central::testing {

using loket::testing::ApiClient;
using loket::testing::kKioskKey;
using loket::testing::PostgresProcess;
using loket::testing::ServerProcess;
using loket::testing::TempDir;

struct LoggedEvent {
    std::int64_t id;
    std::string type;
    std::int64_t at_ms;
    bool operator==(const LoggedEvent&) const = default;
};

// A central server with the schema and two offices, and their settings files.
class CentralFixture : public ::testing::Test {
  protected:
    void SetUp() override {
        install_central_schema(pg.admin_connection());
        add_office(pg.admin_connection(), "kab-mempawah", "DPMPTSP Kabupaten Mempawah",
                   "sandi-mempawah-123");
        add_office(pg.admin_connection(), "kota-singkawang", "DPMPTSP Kota Singkawang",
                   "sandi-singkawang-456");
        std::ofstream(dir / "mempawah.password") << "sandi-mempawah-123\n";
        std::ofstream(dir / "singkawang.password") << "sandi-singkawang-456\n";
    }

    SyncSettings settings_for(const std::string& office, int port) const {
        SyncSettings s;
        s.host = "127.0.0.1";
        s.port = port;
        s.office = office;
        s.password_file =
            (dir / (office == "kab-mempawah" ? "mempawah.password" : "singkawang.password"))
                .string();
        s.ca_file = pg.ca_file().string();
        return s;
    }
    std::string office_connection(const std::string& office, int port = 0) const {
        return connection_string(settings_for(office, port ? port : pg.port()));
    }

    // An office database with `count` events whose payloads carry staff's free text.
    std::filesystem::path office_db(const std::string& name, int count, int first_at_ms = 0) {
        const auto path = dir / name;
        auto db = open_database(path, {});
        append_events(path, count, first_at_ms);
        return path;
    }
    static void append_events(const std::filesystem::path& path, int count, int first_at_ms = 0) {
        SQLite::Database db(path.string(), SQLite::OPEN_READWRITE);
        SQLite::Transaction tx(db);
        SQLite::Statement q(db, "INSERT INTO events (type, at_ms, payload) VALUES (?, ?, ?)");
        for (int i = 0; i < count; ++i) {
            // Tickets of three events each: issued, called, finished.
            const std::int64_t at = 1790000000000LL + first_at_ms + i * 1000LL;
            const int ticket = first_at_ms + i / 3 + 1;
            const char* type = i % 3 == 0   ? "ticket.issued"
                               : i % 3 == 1 ? "ticket.called"
                                            : "ticket.finished";
            const nlohmann::json payload = {
                {"ticket",
                 {{"id", ticket},
                  {"number", "A-" + std::to_string(ticket % 999 + 1)},
                  {"service", "informasi"},
                  {"origin_service", "informasi"},
                  {"local_date", "2026-09-21"},
                  {"state", i % 3 == 0   ? "waiting"
                            : i % 3 == 1 ? "called"
                                         : "done"},
                  {"issued_at", at - (i % 3) * 1000LL},
                  {"counter", i % 3 == 0 ? nlohmann::json(nullptr) : nlohmann::json(1)},
                  {"note", "Ibu Siti Aminah, 0812-3456-7890, minta dipanggil dulu"}}},
                {"counter", {{"number", 1}, {"name", "Loket 1"}}},
                {"staff", {{"name", "siti"}, {"role", "staff"}}}};
            q.bind(1, type);
            q.bind(2, at);
            q.bind(3, payload.dump());
            q.exec();
            q.reset();
        }
        tx.commit();
    }

    static std::vector<LoggedEvent> local_events(const std::filesystem::path& db) {
        SQLite::Database d(db.string(), SQLite::OPEN_READONLY);
        SQLite::Statement q(d, "SELECT id, type, at_ms FROM events ORDER BY id");
        std::vector<LoggedEvent> events;
        while (q.executeStep())
            events.push_back(
                {q.getColumn(0).getInt64(), q.getColumn(1).getString(), q.getColumn(2).getInt64()});
        return events;
    }
    std::vector<LoggedEvent> central_events(const std::string& office) const {
        pqxx::connection c(pg.admin_connection());
        pqxx::read_transaction w(c);
        std::vector<LoggedEvent> events;
        for (const auto& row : w.exec_params(
                 "SELECT id, type, (extract(epoch FROM at) * 1000)::bigint FROM loket.events "
                 "WHERE office = $1 ORDER BY received_at, id",
                 office))
            events.push_back(
                {row[0].as<std::int64_t>(), row[1].as<std::string>(), row[2].as<std::int64_t>()});
        return events;
    }

    // Whether the days central keeps, rewritten batch by batch, are what its visits give when
    // kept again from scratch (and how many it keeps).
    std::pair<bool, int> kept_days_agree_with_visits() const {
        pqxx::connection c(pg.admin_connection());
        pqxx::work w(c);
        w.exec0("CREATE TEMP TABLE kept_by_batches AS SELECT * FROM loket.kept_days");
        w.exec0(
            "DO $$ BEGIN PERFORM loket.keep_days(o.code, ARRAY(SELECT DISTINCT t.local_date "
            "FROM loket.tickets t WHERE t.office = o.code)) FROM loket.offices o; END $$");
        const int differing =
            w.exec1(
                 "SELECT count(*) FROM ((TABLE kept_by_batches EXCEPT TABLE loket.kept_days) "
                 "UNION ALL (TABLE loket.kept_days EXCEPT TABLE kept_by_batches)) d")[0]
                .as<int>();
        const int kept = w.exec1("SELECT count(*) FROM kept_by_batches")[0].as<int>();
        return {differing == 0, kept};  // rolled back: nothing changed
    }

    PostgresProcess pg;
    TempDir dir;
};

// A short office day at the real server: served, not served, recalled, transferred from a
// counter, reactivated, finished without Start; counters 3 and 5 left open, three waiting.
inline void run_office_day(ServerProcess& server) {
    ApiClient kiosk(server.url(), kKioskKey);
    ApiClient clerk(server.url(), loket::testing::add_user_and_login(server, "siti", "staff"));
    ApiClient supervisor(server.url(),
                         loket::testing::add_user_and_login(server, "dewi", "supervisor"));
    const auto pause = [] { std::this_thread::sleep_for(std::chrono::milliseconds(120)); };
    for (int i = 0; i < 5; ++i)
        EXPECT_EQ(kiosk.post("/tickets", {{"service", "informasi"}}).status, 201);
    EXPECT_EQ(kiosk.post("/tickets", {{"service", "customer_service"}}).status, 201);
    EXPECT_EQ(kiosk.post("/tickets", {{"service", "pendaftaran"}}).status, 201);
    pause();
    EXPECT_EQ(clerk.post("/counters/1/open").status, 200);
    for (const char* step :
         {"call-next", "start", "finish", "call-next", "no-show", "call-next", "recall", "start"}) {
        pause();
        EXPECT_EQ(clerk.post(std::string("/counters/1/") + step).status, 200) << step;
    }
    EXPECT_EQ(clerk.post("/counters/1/transfer", {{"service", "pendaftaran"}}).status, 200);
    EXPECT_EQ(supervisor.post("/tickets/A-002/reactivate").status, 200);
    EXPECT_EQ(clerk.post("/counters/1/close").status, 200);
    EXPECT_EQ(clerk.post("/counters/5/open").status, 200);
    for (const char* step : {"call-next", "finish", "call-next", "start", "finish"}) {
        pause();
        EXPECT_EQ(clerk.post(std::string("/counters/5/") + step).status, 200) << step;
    }
    EXPECT_EQ(clerk.post("/counters/3/open").status, 200);
    for (const char* step : {"call-next", "start", "finish"}) {
        pause();
        EXPECT_EQ(clerk.post(std::string("/counters/3/") + step).status, 200) << step;
    }
}

}  // namespace loket::central::testing
