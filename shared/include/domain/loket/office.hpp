#pragma once
// Office configuration: identity, time zone, service hours, holidays, services (counter
// types) and counters. Built-in defaults mean nothing is needed to start; a TOML file
// (commented example in assets/office.example.toml) overrides them.
#include <array>
#include <filesystem>
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "loket/time.hpp"

namespace loket {

struct ServiceDef {
    std::string id;       // stable id used in the API and tickets: "informasi"
    std::string name;     // Indonesian name shown to applicants: "Informasi"
    std::string name_en;  // English name: "Information"
    char prefix = 'A';    // ticket letter
    // At most this many priority tickets are called in a row while normal tickets wait.
    int priority_max_in_row = 3;
    // Service minutes assumed for the wait estimate until enough real ones are recorded.
    int default_service_minutes = 5;
    // The wait the office aims to call within (docs/metrics.md, "within target").
    int target_wait_minutes = 30;
};

// An ESC/POS printer at a counter, for the application receipt (docs/applications.md).
struct CounterPrinter {
    // A printer setting as the kiosk takes it, limited to real printers: "tcp:HOST[:PORT]"
    // (raw port 9100), or "usb:", "device:" or "device-oneway:" with a path under /dev/.
    std::string transport;
    int paper_width_mm = 80;  // 58 or 80
    bool operator==(const CounterPrinter&) const = default;
};

struct CounterDef {
    int number = 0;                     // what the voice says: "loket dua"
    std::string name;                   // "Loket 2"
    std::vector<std::string> services;  // service ids, in the counter's preference order
    std::optional<CounterPrinter> printer = std::nullopt;  // none: the receipt prints on A5/A4 only
};

struct TimeRange {
    MinuteOfDay from = 0;
    MinuteOfDay to = 0;  // exclusive
};

// A day the office is closed by decree: a national holiday (libur nasional) or a collective
// leave day (cuti bersama). Both close the office and neither is a working day; the kind says
// which decree made it, as the government's holiday list does.
enum class HolidayKind { Libur, CutiBersama };
std::string_view holiday_kind_name(HolidayKind kind);  // "libur", "cuti_bersama"
std::optional<HolidayKind> parse_holiday_kind(std::string_view text);

struct Holiday {
    std::chrono::year_month_day date;
    std::string name;
    HolidayKind kind = HolidayKind::Libur;
};

// What the office publishes of its satisfaction survey on the waiting-room screen and the
// kiosk (docs/skm.md, "Publication"): the index of the last semester and its service pledge.
struct PublicationSettings {
    bool show_ikm = false;
    std::string maklumat;     // Maklumat Pelayanan, at most kMaklumatMaxChars; may be empty
    std::string maklumat_en;  // optional English text
    static constexpr std::size_t kMaklumatMaxChars = 1000;
    bool operator==(const PublicationSettings&) const = default;
};

// How long personal data is kept (docs/privacy.md): the daily anonymisation replaces it once
// the period after the record closed has passed. Days; ranges checked on reading.
struct PrivacySettings {
    int application_phone_days = 30;  // after the file is completed (1-365)
    int application_name_days = 365;  // after the file is picked up (30-3650)
    int complaint_contact_days = 90;  // after the complaint is closed (1-730)
    bool operator==(const PrivacySettings&) const = default;
};

struct OfficeConfig {
    std::string name;
    // Optional shorter name for the waiting-room screen when the full one cannot be shown
    // whole in two lines; empty: the full name is always used.
    std::string short_name;
    std::string address;
    TimeZone zone = TimeZone::WIB;
    // Service hours per weekday, index = std::chrono::weekday::c_encoding() (0 = Sunday).
    std::array<std::vector<TimeRange>, 7> hours;
    std::vector<Holiday> holidays;
    std::vector<ServiceDef> services;
    std::vector<CounterDef> counters;
    PublicationSettings publication;
    PrivacySettings privacy;

    const ServiceDef* find_service(std::string_view id) const;
    const ServiceDef* find_service_by_prefix(char prefix) const;
    const CounterDef* find_counter(int number) const;
};

// Defaults taken from the Kaltim IKOT SOP (DPMPTSP Prov. Kalimantan Timur, docs/front-office.md):
// Mon-Thu 08.00-19.00 and Fri 08.00-11.00 WITA, the four front-office services A-D and one
// counter for each.
OfficeConfig default_office_config();

// Loads a TOML file over the defaults (sections present in the file replace the defaults'
// sections). Throws InputError naming the file, field and reason.
OfficeConfig load_office_config(const std::filesystem::path& path);
OfficeConfig parse_office_config(std::string_view toml_text, const std::string& source);
// The same settings as JSON (the admin settings API), over the defaults; other_sections are
// top-level keys accepted and left to other readers.
OfficeConfig office_config_from_json(const nlohmann::json& doc, const std::string& source,
                                     const std::vector<std::string_view>& other_sections = {});
nlohmann::json to_json(const OfficeConfig& config);
// Parses TOML text into JSON (so one JSON reader validates both); InputError on bad TOML.
nlohmann::json toml_to_json(std::string_view toml_text, const std::string& source);
// Checks cross-field rules (unique ids/prefixes/numbers, counters name known services...).
void validate_office_config(const OfficeConfig& config, const std::string& source);

// Whether tickets can be issued at an instant, and why not.
struct OpenStatus {
    bool open = false;
    // Machine-readable reason when closed: "holiday", "closed_today", "before_hours",
    // "between_sessions", "after_hours".
    std::string reason;
    std::string holiday_name;            // set when reason == "holiday"
    std::optional<TimeRange> current;    // the session in progress when open
    std::optional<TimePoint> next_open;  // the next opening within 14 days, if any
};

OpenStatus check_open(const OfficeConfig& config, TimePoint now);
// Today's sessions (empty on a holiday or a closed weekday).
std::vector<TimeRange> hours_on(const OfficeConfig& config, std::chrono::year_month_day date);
const Holiday* holiday_on(const OfficeConfig& config, std::chrono::year_month_day date);

}  // namespace loket
