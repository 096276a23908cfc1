#pragma once
// Backups of the queue database (docs/backups.md): an online copy with SQLite's backup API
// into a folder (a USB disk, say) under a dated name, written under a temporary name and
// renamed once verified, old copies pruned; the schedule the running server keeps; and a
// restore that checks the copy before it replaces the database and keeps the old one aside.
// Settings: the [backup] section of the office TOML file.
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "loket/time.hpp"

namespace loket::server {

struct BackupSettings {
    // Where copies go; empty: the folder "backups" beside the database.
    std::filesystem::path folder;
    // Scheduled copies: once a day at this office-local minute, or every interval_minutes.
    std::optional<MinuteOfDay> daily_at = 12 * 60;
    std::optional<int> interval_minutes;
    bool scheduled = true;
    // Retention: the newest `keep` copies stay; with keep_days, copies older than that many
    // days go even when among them. The newest copy is never deleted.
    int keep = 14;
    std::optional<int> keep_days;
};

// The [backup] section of an office TOML file; absent: the defaults. Throws InputError naming
// the file and the key (e.g. "backup.keep") for a bad value.
BackupSettings parse_backup_settings(std::string_view toml_text, const std::string& source);
BackupSettings load_backup_settings(const std::string& path);

// The folder copies of the database at `db` go to under these settings.
std::filesystem::path backup_folder(const BackupSettings& settings,
                                    const std::filesystem::path& db);

struct BackupRecord {
    bool ok = false;
    TimePoint started{};
    TimePoint finished{};
    std::filesystem::path file;  // the copy, when ok
    std::uintmax_t size_bytes = 0;
    std::string error;                          // why it failed, when not ok
    std::string trigger;                        // "schedule", "command", "admin <name>"
    std::vector<std::filesystem::path> pruned;  // old copies deleted after this one
};
nlohmann::json to_json(const BackupRecord& record);

// "loket-20261206-194100Z.sqlite" (UTC), with "-2", "-3"... when that name is taken.
std::string backup_file_name(TimePoint at);

// Copies the database at `db` into `folder` (created if missing): a consistent snapshot read
// in steps without holding writers up, checked with PRAGMA integrity_check, renamed to its
// final name only then; afterwards old copies are pruned. Never throws: a failure is a record
// with ok == false and the reason.
BackupRecord back_up(const std::filesystem::path& db, const std::filesystem::path& folder,
                     const BackupSettings& retention, const std::string& trigger);

// The copies in `folder` that retention deletes at `now` (only files named like
// backup_file_name's, newest kept).
std::vector<std::filesystem::path> backups_to_prune(const std::filesystem::path& folder,
                                                    const BackupSettings& retention, TimePoint now);

// The last attempt and the last good copy, kept beside the database ("<db>.last-backup.json")
// so the admin page shows them after a restart and whoever made them (server or command).
struct BackupHistory {
    std::optional<BackupRecord> last;
    std::optional<BackupRecord> last_ok;
};
BackupHistory read_backup_history(const std::filesystem::path& db);
void record_backup(const std::filesystem::path& db, const BackupRecord& record);

// What a database file holds, checked before it is restored: PRAGMA integrity_check, Loket's
// tables, a schema version this program knows. Throws StorageError saying what is wrong.
int check_restorable(const std::filesystem::path& file);

// Replaces the database at `db` with the copy `file` (see docs/backups.md): refused while a
// queue-server has the database open; the copy is checked and migrated first; the replaced
// database is kept as "<db>.before-restore-<time>". Throws StorageError. Returns the path the
// old database was kept at (empty when there was none).
std::filesystem::path restore_database(const std::filesystem::path& db,
                                       const std::filesystem::path& file, std::ostream& log);

// Held by a running server for its whole life: a shared flock(2) on the database file, which
// restore_database's exclusive one cannot get while any server holds it. Throws StorageError
// when a restore is under way.
class ServerDatabaseLock {
  public:
    explicit ServerDatabaseLock(const std::filesystem::path& db);
    ~ServerDatabaseLock();
    ServerDatabaseLock(const ServerDatabaseLock&) = delete;
    ServerDatabaseLock& operator=(const ServerDatabaseLock&) = delete;

  private:
    int fd_ = -1;
};

// The running server's backups: the schedule on its own thread, a copy on request (one at a
// time), and the status the admin page shows.
class BackupService {
  public:
    BackupService(std::filesystem::path db, BackupSettings settings, TimeZone zone);
    ~BackupService();
    BackupService(const BackupService&) = delete;
    BackupService& operator=(const BackupService&) = delete;

    void start_schedule();
    // Starts a copy on a thread of its own; false when one is already running.
    bool start_now(const std::string& trigger);
    // For GET /backups: settings, next scheduled time, whether one runs, the history.
    nlohmann::json status() const;

  private:
    // Called with mutex_ held.
    std::optional<TimePoint> next_run(TimePoint now) const;
    void run(const std::string& trigger);
    void schedule_loop();

    std::filesystem::path db_;
    BackupSettings settings_;
    TimeZone zone_;
    std::filesystem::path folder_;
    TimePoint started_;

    mutable std::mutex mutex_;
    std::condition_variable wake_;
    bool stop_ = false;
    bool running_ = false;
    std::optional<TimePoint> next_;
    bool last_failed_ = false;
    bool replan_ = false;
    std::thread schedule_thread_;
    std::thread manual_thread_;
};

}  // namespace loket::server
