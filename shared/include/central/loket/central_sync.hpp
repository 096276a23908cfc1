#pragma once
// Each office's event log shipped to the province's central PostgreSQL (docs/scale.md): the
// office keeps working on its own SQLite when the link drops; the shipper catches up from the
// local log. Exactly once and in order: central keeps, per office, the last event id it holds
// and takes only what follows it, in one transaction per batch.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <string_view>

namespace loket::central {

// Where and how an office reaches the central server: [central] in the office TOML file.
struct SyncSettings {
    std::string host;
    int port = 5432;
    std::string database = "loket";
    // The office's code at central ("kab-mempawah"); its PostgreSQL role is office_role(code).
    std::string office;
    // The role's password, alone in a file readable by the service only.
    std::string password_file;
    // The CA that signed the central server's certificate: TLS with the host name checked
    // (sslmode=verify-full). Without it the system's trusted CAs are used.
    std::string ca_file;
    int batch_size = 500;
    // How often the local log is looked at when all was shipped: the sync lag's floor.
    std::chrono::milliseconds poll{250};
};

// The [central] section of the office TOML; throws InputError naming the field (the section
// itself when it is absent).
SyncSettings parse_sync_settings(std::string_view toml_text, const std::string& source);
bool has_central_section(std::string_view toml_text);

// libpq connection string for the settings: TLS required and verified, the password read from
// its file now. Throws InputError when the file is missing or empty.
std::string connection_string(const SyncSettings& settings);

// Office codes: lower-case letters, digits and '-', 2 to 40 characters, a letter first.
bool is_office_code(std::string_view code);
std::string office_role(std::string_view office_code);

// What leaves the office: the payload without staff's and applicants' free text (notes,
// reasons, what is still needed, complaint excerpts, business names), which may name a person
// and which the province's figures do not use (docs/privacy.md, "Central"). A paused counter
// recorded before the pause codes gets the code of its text (recorded_pause_reason) before the
// text goes, so central counts its pauses per reason as the office does.
nlohmann::json minimised_payload(const nlohmann::json& payload);

// What central is told of the office, from its settings as the admin API writes them
// (loket/office.hpp to_json): name, time zone, hours, services with their target waits,
// counters without their printers.
nlohmann::json office_profile(const nlohmann::json& office_settings);

// The link or central refused or failed; nothing of the batch was kept there.
class SyncError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// The office's log and central disagree about the past (a database restored from a backup
// older than what central holds): shipping stops until an operator decides.
class DivergedLogError : public SyncError {
  public:
    using SyncError::SyncError;
};

class EventShipper {
  public:
    // `office_settings`: the office's settings from its configuration file (to_json of its
    // OfficeConfig), used until the database holds settings saved by an admin.
    EventShipper(std::filesystem::path office_db, std::string central_connection,
                 int batch_size = 500, nlohmann::json office_settings = nullptr);
    ~EventShipper();
    EventShipper(const EventShipper&) = delete;
    EventShipper& operator=(const EventShipper&) = delete;

    // Ships every event central does not hold yet, a batch per transaction, after the
    // office's profile when central has not had this one yet. A batch with survey responses
    // carries, in its transaction, those days' respondents and score sums per service (the
    // index's inputs; the answers stay in the office). Returns how many
    // central newly holds. Throws SyncError (the connection is dropped and made again on the
    // next call) or DivergedLogError.
    std::int64_t ship_available();
    // The last event id central holds for this office (asks central).
    std::int64_t central_last_id();

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// Ships until `stop` is set: waits settings.poll when all is shipped; after a failure waits
// 1 s, doubling to 30 s, and tries again. `report` hears each failure and each recovery.
void run_sync(const SyncSettings& settings, const std::filesystem::path& office_db,
              const nlohmann::json& office_settings, const std::atomic<bool>& stop,
              const std::function<void(const std::string&)>& report);

}  // namespace loket::central
