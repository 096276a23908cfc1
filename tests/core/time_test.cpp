#include "loket/time.hpp"

#include <gtest/gtest.h>

using namespace loket;
using namespace std::chrono;

TEST(Time, OffsetsOfTheThreeZones) {
    EXPECT_EQ(utc_offset(TimeZone::WIB), hours{7});
    EXPECT_EQ(utc_offset(TimeZone::WITA), hours{8});
    EXPECT_EQ(utc_offset(TimeZone::WIT), hours{9});
    EXPECT_EQ(parse_zone("WITA"), TimeZone::WITA);
    EXPECT_FALSE(parse_zone("wita").has_value());
    EXPECT_FALSE(parse_zone("UTC").has_value());
}

TEST(Time, LocalDateChangesAtLocalMidnight) {
    // 2026-11-23 15:59:59 UTC is 23:59:59 WITA; one second later it is the 24th in WITA
    // but still the 23rd (23:00) in WIB.
    const TimePoint wita_last_second =
        from_local(year{2026} / 11 / 24, 0, TimeZone::WITA) - seconds{1};
    EXPECT_EQ(to_local(wita_last_second, TimeZone::WITA).date, year{2026} / 11 / 23);
    EXPECT_EQ(to_local(wita_last_second + seconds{1}, TimeZone::WITA).date, year{2026} / 11 / 24);
    EXPECT_EQ(to_local(wita_last_second + seconds{1}, TimeZone::WIB).date, year{2026} / 11 / 23);
    EXPECT_EQ(to_local(wita_last_second + seconds{1}, TimeZone::WIB).minute_of_day, 23 * 60);
}

TEST(Time, WeekdayIsLocal) {
    // Monday 00:30 WIT is still Sunday in UTC.
    const TimePoint t = from_local(year{2026} / 11 / 23, 30, TimeZone::WIT);
    EXPECT_EQ(to_local(t, TimeZone::WIT).weekday, Monday);
    EXPECT_EQ(weekday{floor<days>(t)}, Sunday);
}

TEST(Time, ParsesAndFormatsDatesAndClockTimes) {
    EXPECT_EQ(format_date_iso(year{2026} / 1 / 5), "2026-01-05");
    EXPECT_EQ(parse_date_iso("2026-02-28"), year{2026} / 2 / 28);
    EXPECT_FALSE(parse_date_iso("2026-02-30").has_value());
    EXPECT_FALSE(parse_date_iso("2026-2-3").has_value());
    EXPECT_EQ(parse_hhmm("08:00"), 480);
    EXPECT_EQ(parse_hhmm("19.00"), 1140);
    EXPECT_EQ(parse_hhmm("24:00"), 1440);
    EXPECT_FALSE(parse_hhmm("24:30").has_value());
    EXPECT_FALSE(parse_hhmm("8:00").has_value());
    EXPECT_FALSE(parse_hhmm("08:60").has_value());
    EXPECT_EQ(format_hhmm(545), "09:05");
}

// What people read: dots, never colons ("pukul 22.50"), in both languages.
TEST(Time, FormatsClockTimesForPeopleWithDots) {
    EXPECT_EQ(format_clock(22, 50), "22.50");
    EXPECT_EQ(format_clock(8, 5), "08.05");
    EXPECT_EQ(format_clock(1370), "22.50");
    EXPECT_EQ(format_clock(22, 50, 7), "22.50.07");
    EXPECT_EQ(format_hours_range("08:00-19:00"), "08.00\u201319.00");
    EXPECT_EQ(format_hours_range("13.00-16.30"), "13.00\u201316.30");
    EXPECT_EQ(format_hours_range("sepanjang hari"), "sepanjang hari");
}
