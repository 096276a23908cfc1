// Restoring a backup: under an exclusive lock on the database file, which a running server's
// shared lock (ServerDatabaseLock) refuses; the copy is checked before it replaces the database.
#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/SQLiteCpp.h>
#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <sqlite3.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <regex>
#include <sstream>

#include "backup.hpp"
#include "backup_internal.hpp"
#include "loket/database.hpp"
#include "loket/input_error.hpp"
#include "loket/json_reader.hpp"
#include "loket/office.hpp"
#include "loket/queue_store.hpp"
#include "loket/read_file.hpp"

namespace loket::server {

namespace fs = std::filesystem;

using namespace backup_detail;

namespace {

// An exclusive flock on the database file: taken by a restore, refused while a server holds
// its shared one.
class ExclusiveDatabaseLock {
  public:
    explicit ExclusiveDatabaseLock(const fs::path& db) {
        fd_ = ::open(db.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        if (fd_ < 0)
            throw StorageError("cannot open " + db.string() + ": " + std::strerror(errno));
        if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
            ::close(fd_);
            throw StorageError("a queue-server is running on " + db.string() +
                               "; stop it first (e.g. systemctl stop loket-server), then restore");
        }
    }
    ~ExclusiveDatabaseLock() { ::close(fd_); }
    ExclusiveDatabaseLock(const ExclusiveDatabaseLock&) = delete;
    ExclusiveDatabaseLock& operator=(const ExclusiveDatabaseLock&) = delete;

  private:
    int fd_ = -1;
};

}  // namespace

fs::path restore_database(const fs::path& db, const fs::path& file, std::ostream& log) {
    std::error_code ec;
    if (fs::exists(db) && fs::equivalent(db, file, ec))
        throw StorageError(file.string() + " is the database itself");
    const int version = check_restorable(file);
    log << "checked " << file.string() << ": integrity ok, Loket schema version " << version
        << "\n";
    const bool had_database = fs::exists(db) && fs::file_size(db) > 0;
    ExclusiveDatabaseLock lock(db);
    const fs::path folder = db.has_parent_path() ? db.parent_path() : fs::path(".");
    const fs::path temp = db.string() + ".restoring";
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        remove_quietly(temp.string() + suffix);
    try {
        // The copy that will become the database, beside it (same filesystem: renamed in
        // place), checked again and brought to this program's schema before anything is
        // replaced.
        copy_database(file, temp, SQLite::OPEN_READONLY);
        if (const int copied = check_restorable(temp); copied != version)
            throw StorageError("the copy of " + file.string() + " differs from the file");
        open_database(temp, StoreOptions{});
        log << "migrated the copy to schema version " << schema_version() << "\n";
        fsync_path(temp, false);
    } catch (const SQLite::Exception& e) {
        for (const char* suffix : {"", "-wal", "-shm", "-journal"})
            remove_quietly(temp.string() + suffix);
        throw StorageError("cannot copy " + file.string() + ": " + e.what());
    } catch (...) {
        for (const char* suffix : {"", "-wal", "-shm", "-journal"})
            remove_quietly(temp.string() + suffix);
        throw;
    }

    fs::path aside;
    if (had_database) {
        // Fold the write-ahead log into the file, so the file alone is the whole database and
        // no -wal of the old one is left to be read with the new one.
        {
            SQLite::Database current(db.string(), SQLite::OPEN_READWRITE, 10000);
            current.exec("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        if (fs::exists(db.string() + "-wal") && fs::file_size(db.string() + "-wal") > 0)
            throw StorageError("the write-ahead log " + db.string() +
                               "-wal could not be folded in; nothing was replaced");
        aside = db.string() + ".before-restore-" + stamp(now_utc());
        fs::rename(db, aside);
        log << "kept the replaced database as " << aside.string() << "\n";
    }
    remove_quietly(db.string() + "-wal");
    remove_quietly(db.string() + "-shm");
    fs::rename(temp, db);
    fsync_path(folder, true);
    log << "restored " << file.string() << " as " << db.string() << "\n";
    return aside;
}

ServerDatabaseLock::ServerDatabaseLock(const fs::path& db) {
    fd_ = ::open(db.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0)
        return;  // opening the database itself reports why, with its own words
    if (::flock(fd_, LOCK_SH | LOCK_NB) != 0) {
        ::close(fd_);
        fd_ = -1;
        throw StorageError("a restore of " + db.string() +
                           " is under way (queue-server restore); start the server after it");
    }
}

ServerDatabaseLock::~ServerDatabaseLock() {
    if (fd_ >= 0)
        ::close(fd_);
}

}  // namespace loket::server
