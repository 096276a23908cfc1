// The service clock: due instants, readings and their state, table by table, against the
// counting rules of docs/sla.md. Dates are chosen by weekday: 23 Nov 2026 is a Monday, 24 Dec
// 2026 a Thursday, 1 Jan 2027 a Friday.
// This file: standards from the catalog's words and service times, the seed permits' standards,
// and due instants per unit, across weekends, holidays and zones. Pauses, readings, bad input
// and step records: sla_reading_test.cpp; the shared helpers: sla_fixture.hpp.
#include "loket/sla.hpp"

#include <gtest/gtest.h>

#include <optional>

#include "sla_fixture.hpp"

using namespace loket;
using namespace std::chrono;
using namespace sla_test;

TEST(Sla, UnitsAreTheCatalogWords) {
    for (const SlaUnit unit :
         {SlaUnit::Minutes, SlaUnit::Hours, SlaUnit::CalendarDays, SlaUnit::WorkingDays}) {
        EXPECT_EQ(parse_sla_unit(to_string(unit)), unit);
    }
    EXPECT_EQ(to_string(SlaUnit::WorkingDays), "hari kerja");
    EXPECT_EQ(to_string(SlaUnit::CalendarDays), "hari");
    EXPECT_EQ(parse_sla_unit("Menit"), std::nullopt);
    EXPECT_EQ(parse_sla_unit("hari_kerja"), std::nullopt);
    EXPECT_EQ(to_string(SlaState::OnTime), "on_time");
    EXPECT_EQ(to_string(SlaState::AtRisk), "at_risk");
    EXPECT_EQ(to_string(SlaState::Overdue), "overdue");
}

TEST(Sla, StandardFromTheCatalogsServiceTime) {
    const auto standard = [](std::optional<int> value, std::string unit, std::string basis) {
        catalog::ServiceTime time;
        time.value = value;
        time.unit = std::move(unit);
        time.basis = std::move(basis);
        return sla_standard(time);
    };
    const auto three_days = standard(3, "hari kerja", "stated");
    ASSERT_TRUE(three_days);
    EXPECT_EQ(three_days->amount, 3);
    EXPECT_EQ(three_days->unit, SlaUnit::WorkingDays);
    EXPECT_EQ(standard(2, "jam", "step_sum")->unit, SlaUnit::Hours);
    EXPECT_EQ(standard(std::nullopt, "", "not_stated"), std::nullopt);
    EXPECT_EQ(standard(5, "menit", "not_stated"), std::nullopt);
    EXPECT_EQ(standard(0, "menit", "step_sum"), std::nullopt);
    EXPECT_EQ(standard(-1, "hari", "stated"), std::nullopt);
    EXPECT_EQ(standard(5, "minggu", "stated"), std::nullopt);
}

TEST(Sla, SeedPermitsStandardsAsTheCatalogGivesThem) {
    const catalog::Catalog catalog = catalog::Catalog::load_dir(LOKET_SOURCE_DIR "/assets/catalog");
    struct SeedCase {
        const char* permit;
        std::optional<SlaStandard> standard;
        TimeZone zone;
        Local start;
        Local due;
    };
    // Each office with the default hours in its own zone: Kalimantan Timur WITA; Riau,
    // Kalimantan Barat and Sumatera Utara WIB.
    const std::vector<SeedCase> cases = {
        // 7 hari from Monday: the 7th calendar day after it is next Monday, due at its end.
        {"kaltim-ikot", hari(7), TimeZone::WITA, {kMon, 10, 0}, {date(2026, 12, 1), 0, 0}},
        // 165 menit (step sum) from 10.00: the same morning.
        {"pelalawan-iumk", menit(165), TimeZone::WIB, {kMon, 10, 0}, {kMon, 12, 45}},
        // 135 menit from Friday 10.00: 60 on Friday (closes 11.00), 75 on Monday.
        {"mempawah-sertifikat-standar",
         menit(135),
         TimeZone::WIB,
         {kFri, 10, 0},
         {kNextMon, 9, 15}},
        {"pelalawan-sertifikat-produksi-ukmot", std::nullopt, TimeZone::WIB, {}, {}},
        {"dairi-iumk", std::nullopt, TimeZone::WIB, {}, {}},
    };
    EXPECT_EQ(catalog.permits().size(), cases.size());
    for (const auto& c : cases) {
        const catalog::Permit* permit = catalog.find(c.permit);
        ASSERT_NE(permit, nullptr) << c.permit;
        const auto standard = sla_standard(permit->service_time);
        ASSERT_EQ(standard.has_value(), c.standard.has_value()) << c.permit;
        if (!standard)
            continue;
        EXPECT_EQ(standard->amount, c.standard->amount) << c.permit;
        EXPECT_EQ(standard->unit, c.standard->unit) << c.permit;
        const OfficeConfig config = office(c.zone);
        const TimePoint start = at(c.start, c.zone);
        EXPECT_EQ(show(sla_due(config, *standard, start, {}, start), c.zone),
                  show(at(c.due, c.zone), c.zone))
            << c.permit;
    }
}

TEST(Sla, MinutesAndHoursCountOfficeHoursOnly) {
    expect_due(
        {
            {"within the morning", {kMon, 10, 0}, menit(165), {kMon, 12, 45}},
            {"across the close", {kMon, 18, 0}, menit(165), {kTue, 9, 45}},
            {"Friday short hours, then the weekend", {kFri, 10, 0}, menit(165), {kNextMon, 9, 45}},
            {"before opening: from the opening", {kMon, 6, 30}, menit(30), {kMon, 8, 30}},
            {"after closing: from the next opening", {kMon, 20, 0}, menit(30), {kTue, 8, 30}},
            {"on a Saturday: from Monday's opening", {kSat, 10, 0}, menit(30), {kNextMon, 8, 30}},
            {"used up exactly at the close: due at the close",
             {kMon, 18, 0},
             menit(60),
             {kMon, 19, 0}},
            {"jam: Thursday 4, Friday 3, Monday 1", {kThu, 15, 0}, jam(8), {kNextMon, 9, 0}},
            {"at the opening minute itself", {kTue, 8, 0}, jam(11), {kTue, 19, 0}},
        },
        office());
}

TEST(Sla, WorkingDaysSkipTheReceivingDayWeekendsHolidaysAndCutiBersama) {
    expect_due(
        {
            {"1 hari kerja: the next working day's close",
             {kMon, 10, 0},
             hari_kerja(1),
             {kTue, 19, 0}},
            {"over the weekend", {kThu, 10, 0}, hari_kerja(3), {date(2026, 12, 1), 19, 0}},
            {"ending on a Friday: its short close", {kTue, 10, 0}, hari_kerja(3), {kFri, 11, 0}},
            {"received at the opening: that day still not counted",
             {kMon, 8, 0},
             hari_kerja(1),
             {kTue, 19, 0}},
            {"after hours: received the next working day",
             {kMon, 20, 0},
             hari_kerja(1),
             {kWed, 19, 0}},
            {"at the closing minute: after hours", {kMon, 19, 0}, hari_kerja(1), {kWed, 19, 0}},
            {"on a Saturday: received Monday",
             {kSat, 10, 0},
             hari_kerja(1),
             {date(2026, 12, 1), 19, 0}},
            {"cuti bersama and Christmas skipped",
             {date(2026, 12, 23), 10, 0},
             hari_kerja(2),
             {date(2026, 12, 29), 19, 0}},
            {"registered on cuti bersama: received Monday",
             {date(2026, 12, 24), 9, 0},
             hari_kerja(1),
             {date(2026, 12, 29), 19, 0}},
            {"over the year end, 1 January a holiday",
             {date(2026, 12, 31), 10, 0},
             hari_kerja(1),
             {date(2027, 1, 4), 19, 0}},
            {"10 hari kerja", {kMon, 10, 0}, hari_kerja(10), {date(2026, 12, 7), 19, 0}},
        },
        office());
}

TEST(Sla, CalendarDaysEndAtMidnightOfTheNthDay) {
    expect_due(
        {
            {"7 hari from Monday", {kMon, 10, 0}, hari(7), {date(2026, 12, 1), 0, 0}},
            {"1 hari: the end of the next day", {kMon, 18, 59}, hari(1), {kWed, 0, 0}},
            {"the weekend counts", {kFri, 10, 0}, hari(2), {kNextMon, 0, 0}},
            {"after hours on Friday: received Monday",
             {kFri, 11, 0},
             hari(2),
             {date(2026, 12, 3), 0, 0}},
            {"over the year end: holidays count as days",
             {date(2026, 12, 31), 10, 0},
             hari(2),
             {date(2027, 1, 3), 0, 0}},
            {"registered on New Year's Day: received 4 January",
             {date(2027, 1, 1), 10, 0},
             hari(1),
             {date(2027, 1, 6), 0, 0}},
        },
        office());
}

TEST(Sla, MidnightIsTheOfficesNotUtc) {
    // 06.00 WIT on Tuesday is 21.00 UTC on Monday: the receiving day is Tuesday.
    const OfficeConfig wit = office(TimeZone::WIT);
    expect_due({{"early Tuesday in WIT", {kTue, 6, 0}, hari_kerja(1), {kWed, 19, 0}},
                {"one minute before midnight", {kMon, 23, 59}, hari_kerja(1), {kWed, 19, 0}},
                {"midnight itself", {kTue, 0, 0}, hari_kerja(1), {kWed, 19, 0}}},
               wit);
    // A session running to 24.00 ends at midnight and the next day's opens the count again.
    OfficeConfig late = office(TimeZone::WIB);
    late.hours[Monday.c_encoding()] = {TimeRange{16 * 60, 24 * 60}};
    late.hours[Tuesday.c_encoding()] = {TimeRange{16 * 60, 24 * 60}};
    expect_due({{"up to 24.00", {kMon, 23, 0}, menit(60), {kTue, 0, 0}},
                {"past 24.00", {kMon, 23, 0}, menit(120), {kTue, 17, 0}}},
               late);
}

TEST(Sla, EachZoneGivesTheSameLocalScheduleAtItsOwnInstant) {
    struct ZoneCase {
        const char* name;
        Local start;
        SlaStandard standard;
        Local due;
    };
    const std::vector<ZoneCase> cases = {
        {"menit", {kFri, 10, 0}, menit(165), {kNextMon, 9, 45}},
        {"jam", {kThu, 15, 0}, jam(8), {kNextMon, 9, 0}},
        {"hari kerja", {date(2026, 12, 23), 10, 0}, hari_kerja(2), {date(2026, 12, 29), 19, 0}},
        {"hari", {kMon, 10, 0}, hari(7), {date(2026, 12, 1), 0, 0}},
    };
    for (const auto& c : cases) {
        TimePoint due_by_zone[3];
        const TimeZone zones[3] = {TimeZone::WIB, TimeZone::WITA, TimeZone::WIT};
        for (int z = 0; z < 3; ++z) {
            const OfficeConfig config = office(zones[z]);
            const TimePoint start = at(c.start, zones[z]);
            due_by_zone[z] = sla_due(config, c.standard, start, {}, start);
            EXPECT_EQ(show(due_by_zone[z], zones[z]), show(at(c.due, zones[z]), zones[z]))
                << c.name;
        }
        EXPECT_EQ(due_by_zone[0] - due_by_zone[1], hours{1}) << c.name;  // WIB is UTC+7, WITA +8
        EXPECT_EQ(due_by_zone[1] - due_by_zone[2], hours{1}) << c.name;  // WIT +9
    }
}
