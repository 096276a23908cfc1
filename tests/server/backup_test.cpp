// Backups and upgrades (docs/backups.md) against the real queue-server binary: the [backup]
// settings and their errors, retention, a copy from the admin page and from the command line
// while the server runs, a copy taken while kiosks issue tickets and restored elsewhere (every
// ticket acknowledged before the copy began is in it), restore's refusals, and a database
// written by the previous release (tests/fixtures) opened, migrated and served.
#include "backup.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <mutex>
#include <thread>

#include "api_client.hpp"
#include "loket/database.hpp"
#include "loket/input_error.hpp"
#include "loket/office.hpp"
#include "temp_dir.hpp"

using namespace loket;
using namespace loket::testing;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

std::string integrity(const fs::path& file) {
    SQLite::Database db(file.string(), SQLite::OPEN_READONLY);
    return db.execAndGet("PRAGMA integrity_check").getString();
}

std::string with_backup(const std::string& section) {
    return kAlwaysOpenConfig + "\n[backup]\n" + section + "\n";
}

// The status once no copy runs (a copy of a test database takes well under a second).
json settled_status(ApiClient& admin) {
    json status;
    for (int i = 0; i < 200; ++i) {
        const Reply r = admin.get("/backups");
        EXPECT_EQ(r.status, 200) << r.body.dump();
        status = r.body;
        if (!status.value("running", true))
            break;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return status;
}

std::string config_error(const std::string& section) {
    try {
        server::parse_backup_settings("[backup]\n" + section + "\n", "office.toml");
    } catch (const InputError& e) {
        return e.what();
    }
    return "";
}

// Kiosks issuing tickets, one thread a service, until stopped: each ticket the server
// acknowledged, with when.
class BackupTestKiosks {
  public:
    using Clock = std::chrono::steady_clock;
    struct Acked {
        std::string token, number;
        Clock::time_point at;
    };

    explicit BackupTestKiosks(const std::string& url) {
        for (const std::string service :
             {"informasi", "customer_service", "pendaftaran", "pengambilan"}) {
            kiosks_.emplace_back([this, url, service] {
                ApiClient kiosk(url, kKioskKey);
                while (!stop_) {
                    const Reply r = kiosk.post("/tickets", {{"service", service}});
                    const auto at = Clock::now();
                    if (r.status != 201) {
                        ++failures_;
                        continue;
                    }
                    std::lock_guard lock(mutex_);
                    acked_.push_back(
                        {r.body["ticket"]["status_token"], r.body["ticket"]["number"], at});
                }
            });
        }
    }
    ~BackupTestKiosks() { stop(); }

    // Stops issuing; the number of refused tickets.
    int stop() {
        stop_ = true;
        for (auto& k : kiosks_) {
            if (k.joinable())
                k.join();
        }
        return failures_;
    }
    // After stop().
    const std::vector<Acked>& acked() const { return acked_; }

  private:
    std::mutex mutex_;
    std::vector<Acked> acked_;
    std::atomic<bool> stop_{false};
    std::atomic<int> failures_{0};
    std::vector<std::thread> kiosks_;
};

// The acknowledged tickets found in the restored copy (`present`, each with its number), and
// those acknowledged before the copy began that are missing from it (`missing`).
void backup_find_acked(const fs::path& restored_db,
                       const std::vector<BackupTestKiosks::Acked>& acked,
                       BackupTestKiosks::Clock::time_point backup_started, std::size_t& present,
                       std::size_t& missing) {
    SQLite::Database db(restored_db.string(), SQLite::OPEN_READONLY);
    SQLite::Statement find(db, "SELECT number FROM tickets WHERE status_token = ?");
    for (const auto& a : acked) {
        find.reset();
        find.bind(1, a.token);
        const bool found = find.executeStep();
        if (found) {
            ++present;
            EXPECT_EQ(find.getColumn(0).getString(), a.number);
        } else if (a.at < backup_started) {
            ++missing;
            ADD_FAILURE() << "ticket " << a.number << " acknowledged before the copy is missing";
        }
    }
    EXPECT_EQ(db.execAndGet("PRAGMA user_version").getInt(), schema_version());
}

// The restored server starts and serves: an old ticket's status, and new tickets.
void backup_expect_restored_server_serves(ServerProcess& restored,
                                          const BackupTestKiosks::Acked& old_ticket) {
    ApiClient anonymous(restored.url());
    const Reply old = anonymous.get("/tickets/status/" + old_ticket.token);
    ASSERT_EQ(old.status, 200) << old.body.dump();
    EXPECT_EQ(old.body["number"], old_ticket.number);
    ApiClient kiosk(restored.url(), kKioskKey);
    const Reply fresh = kiosk.post("/tickets", {{"service", "informasi"}});
    EXPECT_EQ(fresh.status, 201) << fresh.body.dump();
}

}  // namespace

TEST(BackupSettings, DefaultsAndEveryKey) {
    const auto defaults = server::parse_backup_settings("", "office.toml");
    EXPECT_TRUE(defaults.folder.empty());
    EXPECT_EQ(defaults.daily_at, 12 * 60);
    EXPECT_TRUE(defaults.scheduled);
    EXPECT_EQ(defaults.keep, 14);
    EXPECT_EQ(server::backup_folder(defaults, "/srv/loket/loket.db"), "/srv/loket/backups");

    const auto daily = server::parse_backup_settings(
        "[backup]\nfolder = \"/media/cadangan/loket\"\ndaily_at = \"16:45\"\nkeep = 30\n"
        "keep_days = 60\n",
        "office.toml");
    EXPECT_EQ(daily.folder, "/media/cadangan/loket");
    EXPECT_EQ(daily.daily_at, 16 * 60 + 45);
    EXPECT_EQ(daily.keep, 30);
    EXPECT_EQ(daily.keep_days, 60);
    const auto hourly = server::parse_backup_settings(
        "[backup]\ninterval_minutes = 60\nscheduled = false\n", "office.toml");
    EXPECT_FALSE(hourly.daily_at);
    EXPECT_EQ(hourly.interval_minutes, 60);
    EXPECT_FALSE(hourly.scheduled);
    // The office file with a [backup] section is still a valid office file.
    EXPECT_NO_THROW(parse_office_config(with_backup("keep = 3"), "office.toml"));
}

TEST(BackupSettings, ErrorsNameTheKey) {
    EXPECT_NE(config_error("keep = 0").find("'backup.keep'"), std::string::npos);
    EXPECT_NE(config_error("keep_days = -1").find("'backup.keep_days'"), std::string::npos);
    EXPECT_NE(config_error("daily_at = \"25:00\"").find("'backup.daily_at'"), std::string::npos);
    EXPECT_NE(config_error("interval_minutes = 5").find("'backup.interval_minutes'"),
              std::string::npos);
    EXPECT_NE(config_error("daily_at = \"12:00\"\ninterval_minutes = 60").find("not both"),
              std::string::npos);
    EXPECT_NE(config_error("folder = \"cadangan\"").find("absolute path"), std::string::npos);
    EXPECT_NE(config_error("scheduled = \"ya\"").find("'backup.scheduled'"), std::string::npos);
    EXPECT_NE(config_error("keeep = 3").find("'backup.keeep': unknown key"), std::string::npos);
}

TEST(BackupRetention, KeepsTheNewestAndDeletesOnlyCopies) {
    TempDir dir;
    const auto at = [](int day, int hour) {
        return TimePoint{std::chrono::sys_days{std::chrono::year{2026} / 12 / day}} +
               std::chrono::hours{hour};
    };
    std::vector<std::string> names;
    for (int day = 1; day <= 6; ++day) {
        names.push_back(server::backup_file_name(at(day, 5)));
        std::ofstream(dir / names.back()) << "x";
    }
    EXPECT_EQ(names[0], "loket-20261201-050000Z.sqlite");
    std::ofstream(dir / "loket-20261206-050000Z-2.sqlite") << "x";  // same second, later
    std::ofstream(dir / "catatan.txt") << "not a copy";
    std::ofstream(dir / ".loket-20261207-050000Z.sqlite.part-1") << "unfinished";

    server::BackupSettings keep3;
    keep3.keep = 3;
    auto doomed = server::backups_to_prune(dir.path(), keep3, at(7, 0));
    std::sort(doomed.begin(), doomed.end());
    ASSERT_EQ(doomed.size(), 4u);  // 7 copies, 3 kept
    EXPECT_EQ(doomed[0].filename(), names[0]);
    EXPECT_EQ(doomed[3].filename(), names[3]);

    server::BackupSettings two_days;
    two_days.keep = 100;
    two_days.keep_days = 2;
    EXPECT_EQ(server::backups_to_prune(dir.path(), two_days, at(7, 0)).size(), 4u);  // 1st-4th
    // Long after the last copy, the newest still stays.
    EXPECT_EQ(server::backups_to_prune(dir.path(), two_days, at(30, 0)).size(), 6u);
}

TEST(Backup, FromTheAdminPageAndTheCommandLineWhileTheServerRuns) {
    TempDir dir;
    const fs::path usb = dir / "usb";
    ServerProcess server(
        dir.path(), with_backup("folder = \"" + usb.string() + "\"\nscheduled = false\nkeep = 2"));
    ApiClient admin(server.url(), add_user_and_login(server, "admin", "admin"));
    ApiClient staff(server.url(), add_user_and_login(server, "siti", "staff"));
    ApiClient kiosk(server.url(), kKioskKey);
    ASSERT_EQ(kiosk.post("/tickets", {{"service", "informasi"}}).status, 201);

    const Reply before = admin.get("/backups");
    ASSERT_EQ(before.status, 200) << before.body.dump();
    EXPECT_EQ(before.body["folder"], usb.string());
    EXPECT_TRUE(before.body["last"].is_null());
    EXPECT_TRUE(before.body["next_at"].is_null());
    EXPECT_EQ(staff.get("/backups").status, 403);
    EXPECT_EQ(staff.post("/backups").status, 403);
    EXPECT_EQ(kiosk.post("/backups").status, 403);

    const Reply started = admin.post("/backups");
    ASSERT_EQ(started.status, 202) << started.body.dump();
    const json status = settled_status(admin);
    ASSERT_TRUE(status["last"]["ok"].get<bool>()) << status.dump();
    EXPECT_EQ(status["last"]["trigger"], "admin admin");
    const fs::path copy = status["last"]["file"].get<std::string>();
    EXPECT_EQ(copy.parent_path(), usb);
    EXPECT_EQ(fs::file_size(copy), status["last"]["size_bytes"].get<std::uintmax_t>());
    EXPECT_EQ(integrity(copy), "ok");
    EXPECT_EQ(status["last_ok"], status["last"]);
    {
        SQLite::Database db(copy.string(), SQLite::OPEN_READONLY);
        EXPECT_EQ(db.execAndGet("SELECT count(*) FROM tickets").getInt(), 1);
        EXPECT_EQ(db.execAndGet("PRAGMA journal_mode").getString(), "delete");
    }
    EXPECT_FALSE(fs::exists(copy.string() + "-wal"));

    // The command line opens the database itself beside the running server; the settings'
    // retention (keep = 2) applies.
    for (int i = 0; i < 2; ++i) {
        const auto [code, output] = run_queue_server_cli(
            {"--db", server.db().string(), "--config", server.config_path().string(), "backup"},
            "");
        ASSERT_EQ(code, 0) << output;
        EXPECT_NE(output.find(usb.string() + "/loket-"), std::string::npos) << output;
    }
    int copies = 0;
    for (const auto& entry : fs::directory_iterator(usb)) {
        EXPECT_EQ(entry.path().filename().string().rfind("loket-", 0), 0u) << entry.path();
        ++copies;
    }
    EXPECT_EQ(copies, 2);
    EXPECT_FALSE(fs::exists(copy));  // the oldest of three

    // A failure (the "USB disk" is a file here) is shown with its reason; the last good copy
    // stays.
    std::ofstream(dir / "not-a-disk") << "x";
    const auto [code, output] = run_queue_server_cli(
        {"--db", server.db().string(), "backup", "--to", (dir / "not-a-disk" / "x").string()}, "");
    EXPECT_EQ(code, 1) << output;
    EXPECT_NE(output.find("cannot be created"), std::string::npos) << output;
    const json failed = settled_status(admin);
    EXPECT_FALSE(failed["last"]["ok"].get<bool>());
    EXPECT_NE(failed["last"]["error"].get<std::string>().find("not-a-disk"), std::string::npos);
    EXPECT_TRUE(failed["last_ok"]["ok"].get<bool>());
    EXPECT_EQ(failed["last_ok"]["trigger"], "command");
}

TEST(Backup, TakenWhileTicketsAreIssuedRestoresEveryAcknowledgedTicket) {
    TempDir dir;
    const fs::path usb = dir / "usb";
    ServerProcess server(dir.path(),
                         with_backup("folder = \"" + usb.string() + "\"\nscheduled = false"));
    ApiClient admin(server.url(), add_user_and_login(server, "admin", "admin"));

    using Clock = BackupTestKiosks::Clock;
    BackupTestKiosks kiosks(server.url());
    std::this_thread::sleep_for(std::chrono::milliseconds(700));
    const auto backup_started = Clock::now();
    const Reply started = admin.post("/backups");
    ASSERT_EQ(started.status, 202) << started.body.dump();
    const json status = settled_status(admin);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));  // issuing goes on after it
    EXPECT_EQ(kiosks.stop(), 0);
    const auto& acked = kiosks.acked();
    ASSERT_TRUE(status["last"]["ok"].get<bool>()) << status.dump();
    const fs::path copy = status["last"]["file"].get<std::string>();

    std::size_t before = 0;
    for (const auto& a : acked)
        before += a.at < backup_started;
    ASSERT_GT(before, 20u) << "too few tickets before the copy to show anything";
    ASSERT_GT(acked.size(), before) << "no tickets after the copy began";

    // Restored into a new place, while the original server still runs.
    TempDir elsewhere;
    const fs::path restored_db = elsewhere / "loket.db";
    const auto [code, output] =
        run_queue_server_cli({"--db", restored_db.string(), "restore", copy.string()}, "");
    ASSERT_EQ(code, 0) << output;
    EXPECT_EQ(integrity(restored_db), "ok");
    std::size_t present = 0, missing = 0;
    backup_find_acked(restored_db, acked, backup_started, present, missing);
    EXPECT_EQ(missing, 0u);
    EXPECT_GE(present, before);
    std::cout << acked.size() << " tickets issued, " << before
              << " acknowledged before the copy began, " << present << " in the copy, "
              << status["last"]["size_bytes"] << " bytes in "
              << status["last"]["finished_at"].get<std::int64_t>() -
                     status["last"]["started_at"].get<std::int64_t>()
              << " ms\n";

    ServerProcess restored(elsewhere.path());
    ASSERT_NO_FATAL_FAILURE(backup_expect_restored_server_serves(restored, acked.front()));
    ApiClient kiosk(restored.url(), kKioskKey);

    // Restore refuses while a server holds the database, and keeps it as it was.
    const auto [busy_code, busy_output] =
        run_queue_server_cli({"--db", restored_db.string(), "restore", copy.string()}, "");
    EXPECT_EQ(busy_code, 1);
    EXPECT_NE(busy_output.find("queue-server is running"), std::string::npos) << busy_output;
    EXPECT_EQ(kiosk.post("/tickets", {{"service", "informasi"}}).status, 201);

    // Stopped, it restores again and keeps the replaced database aside.
    restored.stop(SIGTERM);
    const auto [again_code, again_output] =
        run_queue_server_cli({"--db", restored_db.string(), "restore", copy.string()}, "");
    ASSERT_EQ(again_code, 0) << again_output;
    int aside = 0;
    for (const auto& entry : fs::directory_iterator(elsewhere.path())) {
        if (entry.path().filename().string().rfind("loket.db.before-restore-", 0) == 0) {
            ++aside;
            SQLite::Database db(entry.path().string(), SQLite::OPEN_READONLY);
            EXPECT_EQ(db.execAndGet("SELECT count(*) FROM tickets").getInt(),
                      static_cast<int>(present) + 2);  // the two issued after restoring
        }
    }
    EXPECT_EQ(aside, 1);
}

TEST(Backup, RestoreRefusesWhatIsNotALoketDatabase) {
    TempDir dir;
    const fs::path db = dir / "loket.db";
    {
        SQLite::Database keep(db.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        keep.exec("CREATE TABLE tickets (id INTEGER); PRAGMA user_version = 1");
    }
    std::ofstream(dir / "garbage.sqlite") << std::string(8192, 'x');
    {
        SQLite::Database other((dir / "other.sqlite").string(),
                               SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        other.exec("CREATE TABLE notes (text TEXT)");
    }
    {
        SQLite::Database newer((dir / "newer.sqlite").string(),
                               SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        newer.exec(
            "CREATE TABLE tickets (id INTEGER); CREATE TABLE events (id INTEGER);"
            "PRAGMA user_version = 9999");
    }
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"garbage.sqlite", "cannot be read as a database"},
        {"other.sqlite", "not a Loket database"},
        {"newer.sqlite", "newer Loket"},
        {"missing.sqlite", "is not a file"}};
    for (const auto& [file, reason] : cases) {
        const auto [code, output] =
            run_queue_server_cli({"--db", db.string(), "restore", (dir / file).string()}, "");
        EXPECT_EQ(code, 1) << file;
        EXPECT_NE(output.find(reason), std::string::npos) << file << ": " << output;
    }
    SQLite::Database kept(db.string(), SQLite::OPEN_READONLY);
    EXPECT_EQ(kept.execAndGet("PRAGMA user_version").getInt(), 1);  // untouched
}

// A database the previous release wrote (tests/fixtures/README.md): opened by this server,
// migrated to this program's schema, whatever its number, and its data served.
TEST(Upgrade, PreviousReleaseDatabaseOpensMigratesAndServes) {
    TempDir dir;
    const fs::path fixture = LOKET_SOURCE_DIR "/tests/fixtures/loket-05a15d5.sqlite";
    ASSERT_TRUE(fs::exists(fixture));
    fs::copy_file(fixture, dir / "loket.db");  // never opened in place

    struct Before {
        int version = 0;
        std::vector<std::pair<std::string, std::string>> tickets;  // token, number
        std::string application, complaint;
        int survey_responses = 0;
        std::string survey_period;
    } before;
    {
        SQLite::Database db((dir / "loket.db").string(), SQLite::OPEN_READONLY);
        before.version = db.execAndGet("PRAGMA user_version").getInt();
        SQLite::Statement tickets(db, "SELECT status_token, number FROM tickets ORDER BY id");
        while (tickets.executeStep())
            before.tickets.emplace_back(tickets.getColumn(0).getString(),
                                        tickets.getColumn(1).getString());
        before.application = db.execAndGet("SELECT number FROM applications").getString();
        before.complaint = db.execAndGet("SELECT tracking_number FROM complaints").getString();
        before.survey_responses = db.execAndGet("SELECT count(*) FROM survey_responses").getInt();
        before.survey_period =
            db.execAndGet("SELECT substr(local_date, 1, 7) FROM survey_responses").getString();
    }
    EXPECT_GE(before.version, 1);
    EXPECT_LE(before.version, schema_version());
    ASSERT_EQ(before.tickets.size(), 4u);
    ASSERT_EQ(before.survey_responses, 1);

    ServerProcess server(dir.path());
    {
        SQLite::Database db((dir / "loket.db").string(), SQLite::OPEN_READONLY);
        EXPECT_EQ(db.execAndGet("PRAGMA user_version").getInt(), schema_version());
        EXPECT_EQ(db.execAndGet("PRAGMA integrity_check").getString(), "ok");
    }
    ApiClient anonymous(server.url());
    for (const auto& [token, number] : before.tickets) {
        const Reply status = anonymous.get("/tickets/status/" + token);
        EXPECT_EQ(status.status, 200) << status.body.dump();
        EXPECT_EQ(status.body["number"], number);
    }
    // The release's admin account still logs in.
    const Reply login =
        anonymous.post("/auth/login", {{"username", "admin"}, {"password", "rahasia-admin"}});
    ASSERT_EQ(login.status, 200) << login.body.dump();
    ApiClient admin(server.url(), login.body["token"].get<std::string>());
    const Reply applications = admin.get("/applications");
    ASSERT_EQ(applications.status, 200) << applications.body.dump();
    EXPECT_NE(applications.body.dump().find(before.application), std::string::npos);
    EXPECT_EQ(anonymous.get("/complaints/track/" + before.complaint).status, 200);
    const Reply survey = admin.get("/survey/report?period=" + before.survey_period);
    ASSERT_EQ(survey.status, 200) << survey.body.dump();
    EXPECT_EQ(survey.body["respondents"], 1);
    // It keeps working: a ticket today, and a backup of the upgraded database.
    ApiClient kiosk(server.url(), kKioskKey);
    EXPECT_EQ(kiosk.post("/tickets", {{"service", "informasi"}}).status, 201);
    const auto [code, output] = run_queue_server_cli(
        {"--db", server.db().string(), "backup", "--to", (dir / "usb").string()}, "");
    EXPECT_EQ(code, 0) << output;
}
