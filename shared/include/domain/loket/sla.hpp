#pragma once
// The service clock ("SLA"): how much of a permit's SOP time standard an application has
// used, when it runs out, and whether it is on time, at risk or overdue. Counted in the
// office's own time zone and calendar (hours per weekday, holidays and cuti bersama). The
// counting rules and the reasons for them are in docs/sla.md; in short:
//   - A file registered outside office hours counts as received at the next opening.
//   - "menit" / "jam": office minutes from that instant (opening hours of working days only).
//   - "hari kerja": the receiving day is not counted; each following working day counts as
//     one, a part of a day as its share of that day's office hours; due at the close of the
//     Nth working day after the receiving day.
//   - "hari": the receiving day is not counted; due at the end (local midnight) of the Nth
//     calendar day after it.
//   - A pause takes out what it covers in the unit's own measure (office time, a working
//     day's share, or calendar time), so the due instant moves by exactly that much.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "loket/catalog.hpp"  // ServiceTime (text, value, unit, basis)
#include "loket/office.hpp"   // OfficeConfig (zone, hours per weekday, holidays incl. cuti bersama)
#include "loket/time.hpp"

namespace loket {

enum class SlaUnit { Minutes, Hours, CalendarDays, WorkingDays };
std::string_view to_string(SlaUnit unit);                 // "menit", "jam", "hari", "hari kerja"
std::optional<SlaUnit> parse_sla_unit(std::string_view);  // the catalog's unit words, exactly

// The longest standard accepted, in days of its unit (minutes and hours: that many days of
// 24 hours): far beyond any SOP, and it keeps every walk over the calendar short.
inline constexpr int kSlaMaxDays = 3660;

struct SlaStandard {
    int amount = 0;  // > 0
    SlaUnit unit = SlaUnit::WorkingDays;
};
// The permit's standard as the catalog gives it; nullopt when the catalog has no value
// (basis "not_stated") or its value is not a whole positive number of one unit.
std::optional<SlaStandard> sla_standard(const catalog::ServiceTime& time);

// A stop of the clock (OSS status 41 stop / 42 restart). until empty: still stopped.
struct SlaPause {
    TimePoint from{};
    std::optional<TimePoint> until;
    std::string reason;
};

enum class SlaState { OnTime, AtRisk, Overdue };
std::string_view to_string(SlaState state);  // "on_time", "at_risk", "overdue"

struct SlaReading {
    bool paused = false;    // a pause is open at `now`
    TimePoint due{};        // when the standard runs out; with an open pause, as if the clock
                            // restarted at `now`
    double used_share = 0;  // elapsed counted time / standard (0 at start, 1 at due, >1 late)
    // Overdue when now >= due, also while paused: a pause opened after the standard ran out
    // does not undo the lateness, and one opened before it leaves due in the future. Otherwise
    // AtRisk when used_share >= at_risk_share, else OnTime.
    SlaState state = SlaState::OnTime;
};

// Reads the clock of an application started at `started` with its pauses (in time order,
// non-overlapping, all at or after `started`) at `now`, in the office's time zone and calendar.
// Only the last pause may be open (until empty). Pauses or their parts after `now` are not yet
// known at `now` and are left out, so a past `now` reads the clock as it stood then.
// at_risk_share is in (0, 1]; 1 means never at risk, only overdue.
// Throws InputError for pauses out of order, overlapping, ending before they start or starting
// before the start, an open pause followed by another, a standard outside 1..kSlaMaxDays days,
// a bad at_risk_share, or an office whose calendar never opens (no weekday has hours).
SlaReading read_sla(const OfficeConfig& office, const SlaStandard& standard, TimePoint started,
                    const std::vector<SlaPause>& pauses, TimePoint now, double at_risk_share);
// The due instant alone (same rules): the instant the counted time reaches the standard.
TimePoint sla_due(const OfficeConfig& office, const SlaStandard& standard, TimePoint started,
                  const std::vector<SlaPause>& pauses, TimePoint now);

// When the office takes delivery of a file registered at `started`: that instant when the
// office is open, else its next opening (docs/sla.md). Throws InputError when no weekday has
// service hours.
TimePoint sla_received(const OfficeConfig& office, TimePoint started);

// A working day: a weekday with service hours that is neither a holiday nor cuti bersama.
bool is_working_day(const OfficeConfig& office, std::chrono::year_month_day date);
// Working days after `from` up to and including `to` (0 when to <= from): "selesai dalam 3
// hari kerja" for a file received on `from` and finished on `to`.
int working_days_between(const OfficeConfig& office, std::chrono::year_month_day from,
                         std::chrono::year_month_day to);

// A completed file's two instants, for its working days.
struct FileTimes {
    TimePoint registered;
    TimePoint completed;
};
// Each file's working days from the day the office received it (sla_received) to its
// completion day (working_days_between), as the reports count them, the office's calendar read
// once for all of them. Throws as sla_received does.
std::vector<double> files_working_days(const OfficeConfig& office,
                                       const std::vector<FileTimes>& files);

// Whole minutes (rounded down) of the unit's measure between two instants, for per-step time
// records: office minutes for menit, jam and hari kerja; every minute for hari. 0 when
// to <= from. No receiving-day rule: a step is timed from its own start.
std::int64_t counted_minutes(const OfficeConfig& office, SlaUnit unit, TimePoint from,
                             TimePoint to);

}  // namespace loket
