#pragma once
// What the service clock tests share: office-local wall-clock times and pauses, the Kaltim
// office hours with the year-end holidays in any zone, standards in the catalog's words, the
// weekdays of one week in November 2026, and a table check of due instants.
#include <gtest/gtest.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "loket/sla.hpp"

namespace sla_test {

using namespace loket;
using namespace std::chrono;

inline year_month_day date(int y, int m, int d) {
    return year{y} / m / d;
}

// An office-local wall-clock time.
struct Local {
    year_month_day day;
    int hour = 0;
    int minute = 0;
};

inline TimePoint at(const Local& local, TimeZone zone) {
    return from_local(local.day, local.hour * 60 + local.minute, zone);
}

inline std::string show(TimePoint t, TimeZone zone) {
    const LocalTime local = to_local(t, zone);
    const auto ms = to_millis(t) % 60'000;
    return format_date_iso(local.date) + " " + format_hhmm(local.minute_of_day) +
           (ms ? " +" + std::to_string(ms) + " ms" : std::string()) + " " +
           std::string(zone_name(zone));
}

// The Kaltim defaults (Mon-Thu 08.00-19.00, Fri 08.00-11.00) in the given zone, with the
// Christmas collective leave, Christmas and New Year.
inline OfficeConfig office(TimeZone zone = TimeZone::WITA) {
    OfficeConfig config = default_office_config();
    config.zone = zone;
    config.holidays = {
        {date(2026, 12, 24), "Cuti Bersama Hari Raya Natal", HolidayKind::CutiBersama},
        {date(2026, 12, 25), "Hari Raya Natal", HolidayKind::Libur},
        {date(2027, 1, 1), "Tahun Baru 2027 Masehi", HolidayKind::Libur},
    };
    return config;
}

inline SlaStandard menit(int n) {
    return {n, SlaUnit::Minutes};
}
inline SlaStandard jam(int n) {
    return {n, SlaUnit::Hours};
}
inline SlaStandard hari(int n) {
    return {n, SlaUnit::CalendarDays};
}
inline SlaStandard hari_kerja(int n) {
    return {n, SlaUnit::WorkingDays};
}

struct LocalPause {
    Local from;
    std::optional<Local> until;
};

inline std::vector<SlaPause> pauses_in(const std::vector<LocalPause>& local, TimeZone zone) {
    std::vector<SlaPause> pauses;
    for (const auto& p : local) {
        SlaPause pause{at(p.from, zone), std::nullopt, "menunggu rekomendasi teknis"};
        if (p.until)
            pause.until = at(*p.until, zone);
        pauses.push_back(pause);
    }
    return pauses;
}

inline const year_month_day kMon = date(2026, 11, 23);
inline const year_month_day kTue = date(2026, 11, 24);
inline const year_month_day kWed = date(2026, 11, 25);
inline const year_month_day kThu = date(2026, 11, 26);
inline const year_month_day kFri = date(2026, 11, 27);
inline const year_month_day kSat = date(2026, 11, 28);
inline const year_month_day kNextMon = date(2026, 11, 30);

struct DueCase {
    const char* name;
    Local start;
    SlaStandard standard;
    Local due;
};

inline void expect_due(const std::vector<DueCase>& cases, const OfficeConfig& config) {
    for (const auto& c : cases) {
        const TimePoint start = at(c.start, config.zone);
        const TimePoint due = sla_due(config, c.standard, start, {}, start);
        EXPECT_EQ(show(due, config.zone), show(at(c.due, config.zone), config.zone)) << c.name;
    }
}

}  // namespace sla_test
