#pragma once
// The office's settings for application (berkas) tracking: the [applications] section of the
// office configuration (assets/office.example.toml, docs/applications.md). The registration
// number format, when a file is at risk and when supervisors are warned, the back-office
// duties and which SOP steps each duty acts on, and per-permit choices the SOP leaves to the
// office (the steps the back office follows, when the clock starts, a standard the SOP lacks).
#include <chrono>
#include <filesystem>
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "loket/catalog.hpp"
#include "loket/office.hpp"
#include "loket/sla.hpp"

namespace loket {

// A back-office duty (verifikator, tim_teknis...): staff accounts hold duties, and each step
// of a file's workflow belongs to one.
struct DutyDef {
    std::string id;        // "verifikator"
    std::string name;      // for staff: "Verifikator"
    std::string stage;     // what the applicant reads while a file is with this duty
    std::string stage_en;  // the same in English
};

// A step belongs to `duty` when one of its SOP actors contains `actor` (case-insensitive).
struct ActorDutyRule {
    std::string actor;
    std::string duty;
};

struct PermitApplicationSettings {
    std::string permit_id;
    // The SOP step numbers the back office follows, in order; empty: the default rule
    // (docs/applications.md, "Workflow").
    std::vector<int> steps;
    std::map<int, std::string> step_duties;  // step number -> duty, over the actor rules
    // The clock starts when the file reaches this step (e.g. Kaltim: on receiving the
    // technical recommendation); none: at registration.
    std::optional<int> clock_start_step;
    // The service standard when the SOP states none (or to replace the catalog's).
    std::optional<SlaStandard> standard;
};

struct ApplicationSettings {
    // Tokens: {seq} or {seq:N} (zero-padded to N digits), {office_code}, {month_roman},
    // {month} (two digits), {year}. Must hold one {seq...} and {year}: numbers restart yearly.
    std::string number_format = "{seq:4}/{office_code}/{month_roman}/{year}";
    std::string office_code = "DPMPTSP";
    // A running clock is "at risk" once this share of the standard is used.
    double at_risk_share = 0.75;
    // Supervisors are warned this many days (of the standard's day unit) before the due date;
    // for standards in minutes or hours, when the file becomes at risk.
    int warning_lead_days = 1;
    // The service whose tickets the kiosk issues for pickups.
    std::string pickup_service = "pengambilan";
    // Whether the waiting-room display may list ready files by registration number.
    bool display_ready_numbers = false;
    // Shown to the applicant before a phone number is written down, and recorded with it.
    std::string phone_consent_text;
    std::vector<DutyDef> duties;
    std::vector<ActorDutyRule> actor_duties;
    std::string default_duty = "verifikator";
    std::vector<PermitApplicationSettings> permits;

    const DutyDef* find_duty(std::string_view id) const;
    const PermitApplicationSettings* find_permit(std::string_view id) const;
};

// The built-in settings: the four duties (verifikator, tim_teknis, kepala_bidang,
// kepala_dinas), actor rules for the wording the SOPs use, Indonesian consent text.
ApplicationSettings default_application_settings();

// Reads the "applications" key of an office configuration document (TOML converted to JSON,
// loket/office.hpp toml_to_json) over the defaults; absent: the defaults. Throws InputError
// naming the source and the field.
ApplicationSettings application_settings_from_json(const nlohmann::json& office_doc,
                                                   const std::string& source);
ApplicationSettings load_application_settings(const std::filesystem::path& toml_path);
// Checks the settings against the catalog and the office at start-up: every permit named
// exists, its steps and clock start step are steps of its workflow, the pickup service
// exists. Throws InputError naming the source and the field.
void validate_application_settings(const ApplicationSettings& settings,
                                   const catalog::Catalog& catalog, const OfficeConfig& office,
                                   const std::string& source);
nlohmann::json to_json(const ApplicationSettings& settings);

// The registration number of the seq-th file of the local date's year.
std::string format_registration_number(const ApplicationSettings& settings, int seq,
                                       std::chrono::year_month_day date);

// ---- The workflow a registered file follows (pinned with it) ----

struct WorkflowStep {
    int number = 0;      // the SOP's step number
    std::string branch;  // "umum", "disetujui" or "ditolak"
    std::string activity;
    std::vector<std::string> actors;
    std::string duty;
    std::string time_text;                // the SOP's time standard as written
    std::optional<SlaStandard> standard;  // its duration, when it has one
};

// The step's own standard: its upper figure in one unit (minutes, working days, days).
std::optional<SlaStandard> step_standard(const catalog::TimeStandard& time);

// The back-office steps of the permit, common path first, then the approval path, then the
// rejection path, each with its duty. Throws InputError when the settings name a step the
// permit does not have or the result is empty.
std::vector<WorkflowStep> build_workflow(const catalog::Permit& permit,
                                         const ApplicationSettings& settings);

// The standard a file of the permit is held to: the settings' over the catalog's.
std::optional<SlaStandard> service_standard(const catalog::Permit& permit,
                                            const ApplicationSettings& settings);

nlohmann::json to_json(const WorkflowStep& step);
WorkflowStep workflow_step_from_json(const nlohmann::json& doc);

}  // namespace loket
