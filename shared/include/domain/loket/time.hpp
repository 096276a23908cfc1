#pragma once
// Office-local time. Indonesia has three zones with fixed offsets and no daylight saving,
// so a zone is an offset; ticket numbering keys on the office-local date.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace loket {

using TimePoint = std::chrono::sys_time<std::chrono::milliseconds>;

inline TimePoint now_utc() {
    return std::chrono::time_point_cast<std::chrono::milliseconds>(
        std::chrono::system_clock::now());
}
inline std::int64_t to_millis(TimePoint t) {
    return t.time_since_epoch().count();
}
inline TimePoint from_millis(std::int64_t ms) {
    return TimePoint{std::chrono::milliseconds{ms}};
}

enum class TimeZone { WIB, WITA, WIT };

std::chrono::minutes utc_offset(TimeZone zone);
std::string_view zone_name(TimeZone zone);  // "WIB", "WITA", "WIT"
std::optional<TimeZone> parse_zone(std::string_view name);

// Minutes since local midnight, 0..1439.
using MinuteOfDay = int;

struct LocalTime {
    std::chrono::year_month_day date;
    std::chrono::weekday weekday;
    MinuteOfDay minute_of_day = 0;
    int second = 0;
};

LocalTime to_local(TimePoint t, TimeZone zone);
// The UTC instant of a local date and minute of day in the zone.
TimePoint from_local(std::chrono::year_month_day date, MinuteOfDay minute, TimeZone zone);

std::string format_date_iso(std::chrono::year_month_day date);  // "2026-11-22"
std::optional<std::chrono::year_month_day> parse_date_iso(std::string_view text);
// The machine form used in configuration files and the API.
std::string format_hhmm(MinuteOfDay minute);                   // "08:00"
std::optional<MinuteOfDay> parse_hhmm(std::string_view text);  // "08:00" or "08.00"

// The one clock format people read, on every screen, ticket and message: hours, minutes and
// seconds separated by dots as PUEBI writes them ("pukul 22.50", "22.50.07"), in both languages.
std::string format_clock(int hour, int minute);
std::string format_clock(int hour, int minute, int second);
inline std::string format_clock(MinuteOfDay minute) {
    return format_clock(minute / 60, minute % 60);
}
// An API hours range "08:00-19:00" as people read it: "08.00–19.00" (en dash). Text that
// is not such a range comes back unchanged.
std::string format_hours_range(std::string_view range);

}  // namespace loket
