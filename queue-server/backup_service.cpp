// BackupService: the server's backup schedule (daily at the configured time, a catch-up copy
// after start-up, a retry after a failure), copies on demand, and its status for the admin page.
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
#include "loket/database.hpp"
#include "loket/input_error.hpp"
#include "loket/json_reader.hpp"
#include "loket/office.hpp"
#include "loket/queue_store.hpp"
#include "loket/read_file.hpp"

namespace loket::server {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// A scheduled copy that failed (a USB disk unplugged, say) is tried again this much later.
constexpr auto kRetryAfterFailure = std::chrono::minutes(60);
// With no recent good copy, the first scheduled one runs this long after the server starts.
constexpr auto kCatchUpDelay = std::chrono::minutes(10);

}  // namespace

BackupService::BackupService(fs::path db, BackupSettings settings, TimeZone zone)
    : db_(std::move(db)),
      settings_(std::move(settings)),
      zone_(zone),
      folder_(backup_folder(settings_, db_)),
      started_(now_utc()) {}

BackupService::~BackupService() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    wake_.notify_all();
    if (schedule_thread_.joinable())
        schedule_thread_.join();
    if (manual_thread_.joinable())
        manual_thread_.join();
}

std::optional<TimePoint> BackupService::next_run(TimePoint now) const {
    if (!settings_.scheduled)
        return std::nullopt;
    const auto history = read_backup_history(db_);
    const std::optional<TimePoint> last_ok =
        history.last_ok ? std::optional(history.last_ok->started) : std::nullopt;
    if (settings_.interval_minutes) {
        const auto period = std::chrono::minutes(*settings_.interval_minutes);
        if (last_failed_)
            return now + std::min<std::chrono::minutes>(period, kRetryAfterFailure);
        const TimePoint from = last_ok && *last_ok > started_ - period ? *last_ok : started_;
        return std::max(from + period, now);
    }
    if (last_failed_)
        return now + kRetryAfterFailure;
    // Daily: the next time of day in the office's zone, or a catch-up copy soon after start
    // when the last good one is more than a day old (a server switched off at that hour).
    const LocalTime local = to_local(now, zone_);
    TimePoint at = from_local(local.date, *settings_.daily_at, zone_);
    if (at <= now)
        at = from_local(std::chrono::sys_days{local.date} + std::chrono::days{1},
                        *settings_.daily_at, zone_);
    if (!last_ok || now - *last_ok > std::chrono::hours(24) + std::chrono::minutes(30))
        at = std::min(at, std::max(now, started_ + kCatchUpDelay));
    return at;
}

void BackupService::run(const std::string& trigger) {
    const BackupRecord record = back_up(db_, folder_, settings_, trigger);
    record_backup(db_, record);
    if (record.ok) {
        spdlog::info(
            "backup ({}): {} ({} bytes, {} ms){}", trigger, record.file.string(), record.size_bytes,
            std::chrono::duration_cast<std::chrono::milliseconds>(record.finished - record.started)
                .count(),
            record.pruned.empty()
                ? ""
                : ", " + std::to_string(record.pruned.size()) + " old copies deleted");
    } else {
        spdlog::error("backup ({}) FAILED: {}", trigger, record.error);
    }
    std::lock_guard lock(mutex_);
    running_ = false;
    if (trigger == "schedule")
        last_failed_ = !record.ok;
    else
        replan_ = true;
    wake_.notify_all();
}

void BackupService::schedule_loop() {
    std::unique_lock lock(mutex_);
    while (!stop_) {
        next_ = next_run(now_utc());
        replan_ = false;
        if (!next_)
            return;
        const auto wait = std::chrono::system_clock::time_point(*next_);
        // Woken early by stop, or to plan again after a copy made on request.
        if (wake_.wait_until(lock, wait, [&] { return stop_ || replan_; }))
            continue;
        if (running_)
            continue;
        running_ = true;
        lock.unlock();
        run("schedule");
        lock.lock();
    }
}

void BackupService::start_schedule() {
    if (!settings_.scheduled) {
        spdlog::info("backups: not scheduled ([backup] scheduled = false); copies only on request");
        return;
    }
    spdlog::info(
        "backups: {} into {}, the newest {} kept{}",
        settings_.interval_minutes
            ? "every " + std::to_string(*settings_.interval_minutes) + " minutes"
            : "daily at " + format_hhmm(*settings_.daily_at) + " " + std::string(zone_name(zone_)),
        folder_.string(), settings_.keep,
        settings_.keep_days ? ", none older than " + std::to_string(*settings_.keep_days) + " days"
                            : "");
    if (settings_.folder.empty()) {
        spdlog::warn(
            "backups go to {} on the same disk as the database: set [backup] folder to a USB "
            "disk so a failed disk does not take the copies with it (docs/backups.md)",
            folder_.string());
    }
    schedule_thread_ = std::thread([this] { schedule_loop(); });
}

bool BackupService::start_now(const std::string& trigger) {
    std::lock_guard lock(mutex_);
    if (running_ || stop_)
        return false;
    running_ = true;
    if (manual_thread_.joinable())
        manual_thread_.join();  // the previous one has finished: running_ was false
    manual_thread_ = std::thread([this, trigger] { run(trigger); });
    return true;
}

json BackupService::status() const {
    const auto history = read_backup_history(db_);
    std::lock_guard lock(mutex_);
    return json{
        {"folder", folder_.string()},
        {"scheduled", settings_.scheduled},
        {"daily_at", settings_.daily_at && !settings_.interval_minutes
                         ? json(format_hhmm(*settings_.daily_at))
                         : json()},
        {"interval_minutes",
         settings_.interval_minutes ? json(*settings_.interval_minutes) : json()},
        {"keep", settings_.keep},
        {"keep_days", settings_.keep_days ? json(*settings_.keep_days) : json()},
        {"next_at", next_ && settings_.scheduled ? json(to_millis(*next_)) : json()},
        {"running", running_},
        {"last", history.last ? to_json(*history.last) : json()},
        {"last_ok", history.last_ok ? to_json(*history.last_ok) : json()},
    };
}

}  // namespace loket::server
