// Backups: the [backup] settings, naming and pruning copies, making a checked copy flushed to
// disk, the history of the last attempts, and checking that a file can be restored.
#include "backup.hpp"

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

#include "backup_internal.hpp"
#include "loket/database.hpp"
#include "loket/input_error.hpp"
#include "loket/json_reader.hpp"
#include "loket/office.hpp"
#include "loket/queue_store.hpp"
#include "loket/read_file.hpp"

namespace loket::server {

namespace fs = std::filesystem;
using nlohmann::json;

namespace backup_detail {

// Pages copied per step of the backup API (4 MiB at SQLite's default page size), with a short
// pause between steps so a copy to a slow USB disk leaves the server's own disk work room.
constexpr int kPagesPerStep = 1024;
constexpr auto kPauseBetweenSteps = std::chrono::milliseconds(5);

std::string stamp(TimePoint at) {
    const auto seconds = std::chrono::floor<std::chrono::seconds>(at);
    const auto day = std::chrono::floor<std::chrono::days>(seconds);
    const std::chrono::year_month_day ymd{day};
    const std::chrono::hh_mm_ss hms{seconds - day};
    char text[32];
    std::snprintf(text, sizeof text, "%04d%02u%02u-%02lld%02lld%02lldZ",
                  static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()), static_cast<long long>(hms.hours().count()),
                  static_cast<long long>(hms.minutes().count()),
                  static_cast<long long>(hms.seconds().count()));
    return text;
}

void fsync_path(const fs::path& path, bool directory) {
    const int fd = ::open(path.c_str(), directory ? O_RDONLY | O_DIRECTORY : O_RDONLY);
    if (fd < 0)
        throw StorageError("cannot open " + path.string() + ": " + std::strerror(errno));
    const int rc = ::fsync(fd);
    const int err = errno;
    ::close(fd);
    // Some filesystems (vfat on older kernels) refuse fsync on a directory; the file's own
    // fsync is what matters there.
    if (rc != 0 && !(directory && (err == EINVAL || err == ENOTSUP)))
        throw StorageError("cannot flush " + path.string() + " to disk: " + std::strerror(err));
}

std::string integrity_of(SQLite::Database& db) {
    SQLite::Statement check(db, "PRAGMA integrity_check");
    std::string result;
    while (check.executeStep()) {
        if (!result.empty())
            result += "; ";
        result += check.getColumn(0).getString();
        if (result.size() > 500)
            break;
    }
    return result;
}

bool has_table(SQLite::Database& db, const char* name) {
    SQLite::Statement q(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?");
    q.bind(1, name);
    return q.executeStep();
}

int check_loket_schema(SQLite::Database& db, const fs::path& file) {
    const int version = db.execAndGet("PRAGMA user_version").getInt();
    if (version < 1 || !has_table(db, "tickets") || !has_table(db, "events"))
        throw StorageError(file.string() + " is not a Loket database (no Loket tables)");
    if (version > schema_version()) {
        throw StorageError(file.string() + " was written by a newer Loket (schema version " +
                           std::to_string(version) + ", this program knows up to " +
                           std::to_string(schema_version()) + "); upgrade Loket first");
    }
    return version;
}

void remove_quietly(const fs::path& path) {
    std::error_code ignored;
    fs::remove(path, ignored);
}

void copy_database(const fs::path& from, const fs::path& to, int source_flags) {
    SQLite::Database source(from.string(), source_flags, 10000);
    SQLite::Database dest(to.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE, 10000);
    SQLite::Transaction snapshot(source, SQLite::TransactionBehavior::DEFERRED);
    source.execAndGet("SELECT count(*) FROM sqlite_master");  // the read begins here
    {
        SQLite::Backup backup(dest, source);
        while (backup.executeStep(kPagesPerStep) != SQLITE_DONE)
            std::this_thread::sleep_for(kPauseBetweenSteps);
    }  // finished here
    snapshot.commit();
    dest.exec("PRAGMA journal_mode = DELETE");
}

}  // namespace backup_detail

using namespace backup_detail;

namespace {

const std::regex kBackupName(R"(loket-(\d{8})-(\d{6})Z(-\d+)?\.sqlite)");

// The instant a backup's name gives, or nullopt for another file.
std::optional<TimePoint> time_of_backup(const std::string& name) {
    std::smatch m;
    if (!std::regex_match(name, m, kBackupName))
        return std::nullopt;
    const std::string d = m[1], t = m[2];
    const std::chrono::year_month_day ymd{std::chrono::year{std::stoi(d.substr(0, 4))},
                                          std::chrono::month{unsigned(std::stoi(d.substr(4, 2)))},
                                          std::chrono::day{unsigned(std::stoi(d.substr(6, 2)))}};
    if (!ymd.ok())
        return std::nullopt;
    return TimePoint{std::chrono::sys_days{ymd}} + std::chrono::hours{std::stoi(t.substr(0, 2))} +
           std::chrono::minutes{std::stoi(t.substr(2, 2))} +
           std::chrono::seconds{std::stoi(t.substr(4, 2))};
}

}  // namespace

BackupSettings parse_backup_settings(std::string_view toml_text, const std::string& source) {
    const json doc = toml_to_json(toml_text, source);
    BackupSettings settings;
    const auto it = doc.find("backup");
    if (it == doc.end())
        return settings;
    JsonObjectReader backup(*it, source, "backup");
    backup.allow_only({"folder", "daily_at", "interval_minutes", "scheduled", "keep", "keep_days"});
    if (const auto folder = backup.string("folder")) {
        if (folder->empty() || folder->front() != '/') {
            throw backup.error("folder",
                               "must be an absolute path such as \"/media/cadangan/loket\" (leave "
                               "it out for the folder \"backups\" beside the database), got '" +
                                   *folder + "'");
        }
        if (folder->find('\0') != std::string::npos || folder->size() > 1000)
            throw backup.error("folder", "is not a usable path");
        settings.folder = *folder;
    }
    const auto daily_at = backup.string("daily_at");
    const auto interval = backup.integer("interval_minutes", 15, 7 * 24 * 60);
    if (daily_at && interval) {
        throw backup.error("interval_minutes",
                           "give either backup.daily_at or backup.interval_minutes, not both");
    }
    if (daily_at) {
        const auto minute = parse_hhmm(*daily_at);
        if (!minute)
            throw backup.error("daily_at",
                               "must be an office-local time HH:MM, got '" + *daily_at + "'");
        settings.daily_at = *minute;
    }
    if (interval) {
        settings.daily_at.reset();
        settings.interval_minutes = static_cast<int>(*interval);
    }
    if (const json* scheduled = backup.get("scheduled")) {
        if (!scheduled->is_boolean())
            throw backup.error("scheduled", "must be true or false");
        settings.scheduled = scheduled->get<bool>();
    }
    settings.keep = static_cast<int>(backup.integer("keep", 1, 1000).value_or(settings.keep));
    if (const auto days = backup.integer("keep_days", 1, 3650))
        settings.keep_days = static_cast<int>(*days);
    return settings;
}

BackupSettings load_backup_settings(const std::string& path) {
    return parse_backup_settings(read_whole_file(path), path);
}

fs::path backup_folder(const BackupSettings& settings, const fs::path& db) {
    if (!settings.folder.empty())
        return settings.folder;
    std::error_code ec;
    const fs::path absolute = fs::absolute(db, ec);
    const fs::path& path = ec ? db : absolute;
    return (path.has_parent_path() ? path.parent_path() : fs::path(".")) / "backups";
}

json to_json(const BackupRecord& r) {
    json pruned = json::array();
    for (const auto& p : r.pruned)
        pruned.push_back(p.filename().string());
    return json{{"ok", r.ok},
                {"started_at", to_millis(r.started)},
                {"finished_at", to_millis(r.finished)},
                {"file", r.file.string()},
                {"size_bytes", r.size_bytes},
                {"error", r.error},
                {"trigger", r.trigger},
                {"pruned", pruned}};
}

namespace {

std::optional<BackupRecord> record_from_json(const json& j) {
    if (!j.is_object())
        return std::nullopt;
    try {
        BackupRecord r;
        r.ok = j.at("ok").get<bool>();
        r.started = from_millis(j.at("started_at").get<std::int64_t>());
        r.finished = from_millis(j.at("finished_at").get<std::int64_t>());
        r.file = j.at("file").get<std::string>();
        r.size_bytes = j.at("size_bytes").get<std::uintmax_t>();
        r.error = j.at("error").get<std::string>();
        r.trigger = j.at("trigger").get<std::string>();
        for (const auto& p : j.value("pruned", json::array()))
            r.pruned.push_back(p.get<std::string>());
        return r;
    } catch (const json::exception&) {
        return std::nullopt;
    }
}

fs::path history_path(const fs::path& db) {
    return db.string() + ".last-backup.json";
}

}  // namespace

std::string backup_file_name(TimePoint at) {
    return "loket-" + stamp(at) + ".sqlite";
}

std::vector<fs::path> backups_to_prune(const fs::path& folder, const BackupSettings& retention,
                                       TimePoint now) {
    std::vector<std::pair<std::string, TimePoint>> copies;  // newest first after sorting
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(folder, ec)) {
        const std::string name = entry.path().filename().string();
        if (const auto at = time_of_backup(name); at && entry.is_regular_file(ec))
            copies.emplace_back(name, *at);
    }
    // Names sort by time; "-2" after the plain name of the same second.
    std::sort(copies.begin(), copies.end(), [](const auto& a, const auto& b) {
        return a.second != b.second
                   ? a.second > b.second
                   : (a.first.size() != b.first.size() ? a.first.size() > b.first.size()
                                                       : a.first > b.first);
    });
    std::vector<fs::path> doomed;
    for (std::size_t i = 1; i < copies.size(); ++i) {  // the newest always stays
        const bool beyond_count = i >= static_cast<std::size_t>(retention.keep);
        const bool too_old =
            retention.keep_days && now - copies[i].second > std::chrono::days(*retention.keep_days);
        if (beyond_count || too_old)
            doomed.push_back(folder / copies[i].first);
    }
    return doomed;
}

BackupRecord back_up(const fs::path& db, const fs::path& folder, const BackupSettings& retention,
                     const std::string& trigger) {
    BackupRecord record;
    record.trigger = trigger;
    record.started = now_utc();
    fs::path temp;
    try {
        if (!fs::exists(db))
            throw StorageError("the database " + db.string() + " does not exist");
        std::error_code ec;
        fs::create_directories(folder, ec);
        if (!fs::is_directory(folder)) {
            throw StorageError("the backup folder " + folder.string() + " cannot be created" +
                               (ec ? ": " + ec.message() : "") +
                               " (is the USB disk plugged in and mounted?)");
        }
        if (::access(folder.c_str(), W_OK) != 0) {
            throw StorageError("the backup folder " + folder.string() +
                               " is not writable: " + std::strerror(errno));
        }
        // The final name; "-2"... when a copy of the same second exists.
        std::string name = backup_file_name(record.started);
        for (int n = 2; fs::exists(folder / name); ++n)
            name = name.substr(0, name.find('Z') + 1) + "-" + std::to_string(n) + ".sqlite";
        const fs::path final_path = folder / name;
        // Dot-named and not matching the backup pattern: never mistaken for a copy, never
        // pruned as one, and a crash leaves it clearly unfinished.
        temp = folder / ("." + name + ".part-" + std::to_string(::getpid()));
        remove_quietly(temp);
        {
            SQLite::Database check_source(db.string(), SQLite::OPEN_READWRITE, 10000);
            check_loket_schema(check_source, db);
        }
        copy_database(db, temp, SQLite::OPEN_READWRITE);
        {
            SQLite::Database copy(temp.string(), SQLite::OPEN_READONLY);
            const std::string integrity = integrity_of(copy);
            if (integrity != "ok")
                throw StorageError("the copy failed PRAGMA integrity_check: " + integrity);
            check_loket_schema(copy, temp);
        }
        fsync_path(temp, false);
        fs::rename(temp, final_path);
        temp.clear();
        fsync_path(folder, true);
        record.file = final_path;
        record.size_bytes = fs::file_size(final_path);
        record.ok = true;
        for (const auto& old : backups_to_prune(folder, retention, record.started)) {
            if (fs::remove(old, ec))
                record.pruned.push_back(old);
            else if (ec)
                spdlog::warn("backup: cannot delete old copy {}: {}", old.string(), ec.message());
        }
    } catch (const std::exception& e) {
        record.ok = false;
        record.error = e.what();
        if (!temp.empty())
            remove_quietly(temp);
    }
    record.finished = now_utc();
    return record;
}

BackupHistory read_backup_history(const fs::path& db) {
    BackupHistory history;
    std::ifstream in(history_path(db), std::ios::binary);
    if (!in)
        return history;
    const json doc = json::parse(in, nullptr, false);
    if (doc.is_discarded() || !doc.is_object())
        return history;
    history.last = record_from_json(doc.value("last", json()));
    history.last_ok = record_from_json(doc.value("last_ok", json()));
    return history;
}

void record_backup(const fs::path& db, const BackupRecord& record) {
    BackupHistory history = read_backup_history(db);
    history.last = record;
    if (record.ok)
        history.last_ok = record;
    json doc = {{"last", to_json(*history.last)},
                {"last_ok", history.last_ok ? to_json(*history.last_ok) : json()}};
    const fs::path path = history_path(db);
    const fs::path temp = path.string() + ".tmp";
    {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        out << doc.dump(2) << "\n";
        if (!out) {
            spdlog::warn("backup: cannot write {}", temp.string());
            return;
        }
    }
    std::error_code ec;
    fs::rename(temp, path, ec);
    if (ec)
        spdlog::warn("backup: cannot write {}: {}", path.string(), ec.message());
}

int check_restorable(const fs::path& file) {
    if (!fs::is_regular_file(file))
        throw StorageError(file.string() + " is not a file");
    try {
        SQLite::Database db(file.string(), SQLite::OPEN_READONLY);
        const std::string integrity = integrity_of(db);
        if (integrity != "ok")
            throw StorageError(file.string() + " failed PRAGMA integrity_check: " + integrity);
        return check_loket_schema(db, file);
    } catch (const SQLite::Exception& e) {
        throw StorageError(file.string() + " cannot be read as a database: " + e.what());
    }
}

}  // namespace loket::server
