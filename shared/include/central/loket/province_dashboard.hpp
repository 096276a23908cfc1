#pragma once
// What the province's dashboard reads from the central PostgreSQL (docs/scale.md): every
// office's today, each office's figures over a range and per day, and the province staff's
// own accounts and sessions. Replies are the dashboard API's JSON.
#include <chrono>
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "loket/table_file.hpp"

namespace loket::central {

struct ProvinceUser {
    std::string name;
    std::string role;  // "viewer" or "admin"
};

// Adds or updates (role, password, enabled again) a province account. Throws InputError for a
// bad name, role or password, SyncError for the database.
void add_province_user(const std::string& admin_connection, const std::string& name,
                       const std::string& role, const std::string& password);

class ProvinceDashboard {
  public:
    // `connection`: libpq connection string of a role that reads schema loket; `pool_size`
    // connections are opened as requests need them.
    explicit ProvinceDashboard(std::string connection, int pool_size = 8);
    ~ProvinceDashboard();
    ProvinceDashboard(const ProvinceDashboard&) = delete;
    ProvinceDashboard& operator=(const ProvinceDashboard&) = delete;

    // A session token, or nullopt for a wrong name or password or a disabled account.
    std::optional<std::string> login(const std::string& name, const std::string& password,
                                     std::chrono::hours lifetime = std::chrono::hours(12));
    std::optional<ProvinceUser> user_of(const std::string& token);
    void logout(const std::string& token);

    // {"offices": [{code, name, local_date, waiting, longest_wait_minutes, counters_open,
    // counters_paused, issued, served, last_event_at, last_sync_at}]}
    nlohmann::json today();
    // Office-local days from..to (YYYY-MM-DD): per office the queue figures (docs/metrics.md),
    // applications (with their median working days and incomplete visits), complaints, survey
    // responses and the survey index (IKM); over every office the applications and the index of
    // every respondent of the range. `office` empty: every office.
    nlohmann::json figures(const std::string& from, const std::string& to,
                           const std::string& office = "");
    // One office's days, its applications, its heatmap (weekday x hour) and its stages left
    // waiting at close, as the office's report gives them; nullopt when no such office.
    std::optional<nlohmann::json> office_days(const std::string& office, const std::string& from,
                                              const std::string& to);
    // The figures as a table for CSV and XLSX; `indonesian` chooses the column headings.
    report::TableDocument figures_table(const std::string& from, const std::string& to,
                                        bool indonesian);

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace loket::central
