#pragma once
// Turning server data into the words on screen: office-local clock and dates, service hours,
// the weekly schedule, why the office is closed, waiting counts and estimates. Pure functions
// over text.hpp, so they are tested without rendering.
#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "api_types.hpp"
#include "text.hpp"

namespace loket::kiosk {

struct LocalClock {
    std::chrono::year_month_day date;
    std::chrono::weekday weekday;
    int hour = 0;
    int minute = 0;
};

// Wall time in the office's zone (a fixed offset: Indonesia has no daylight saving).
LocalClock local_clock(std::chrono::system_clock::time_point now, int utc_offset_minutes);
LocalClock local_clock_ms(std::int64_t unix_ms, int utc_offset_minutes);

std::string_view weekday_name(Language lang, std::chrono::weekday day);
// "10.42" in both languages (loket::format_clock).
std::string format_time(int hour, int minute);
// "Senin, 23 November 2026" / "Monday, 23 November 2026".
std::string format_date(Language lang, const LocalClock& clock);
// "Senin, 24 November 2026 pukul 08.00 WITA".
std::string format_date_time(Language lang, const LocalClock& clock, const std::string& zone);
// "08:00-19:00" ranges as "08.00–19.00, 13.00–16.00".
std::string format_ranges(const std::vector<std::string>& ranges);
// The week from Monday, consecutive days with the same hours grouped:
// "Senin – Kamis: 08.00–19.00", "Jumat: 08.00–11.00", "Sabtu – Minggu: Tutup".
std::vector<std::string> schedule_lines(Language lang,
                                        const std::array<std::vector<std::string>, 7>& week);
// Why tickets are refused now ("Hari libur: Natal"), from the office's closed_reason.
std::string closed_reason_text(Language lang, const Office& office);
// "Buka kembali: Senin, ... pukul 08.00 WITA" or that none is scheduled.
std::string next_open_text(Language lang, const Office& office);
std::string hours_today_text(Language lang, const Office& office);

std::string waiting_text(Language lang, int waiting);
std::string estimate_text(Language lang, const std::optional<int>& minutes);
std::string people_ahead_text(Language lang, int people);
std::string estimated_wait_text(Language lang, const std::optional<int>& minutes);
// The ticket's wait line: the estimate, or nothing when the applicant is next.
std::string ticket_wait_text(Language lang, int people_ahead, const std::optional<int>& minutes);
std::string_view priority_name(Language lang, Priority priority);
// A server date "2026-11-23" as "Senin, 23 November 2026"; text that is no such date as is.
std::string format_iso_date(Language lang, std::string_view iso);
// The converted IKM with the two decimals the server rounds to: "83,45" / "83.45".
std::string format_ikm(Language lang, double ikm);
const std::string& service_name(Language lang, const ServiceInfo& service);

}  // namespace loket::kiosk
