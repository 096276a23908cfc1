// The service clock: due instants, readings and their state, table by table, against the
// counting rules of docs/sla.md. Dates are chosen by weekday: 23 Nov 2026 is a Monday, 24 Dec
// 2026 a Thursday, 1 Jan 2027 a Friday.
#include "loket/sla.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "loket/input_error.hpp"

using namespace loket;
using namespace std::chrono;

namespace {

year_month_day date(int y, int m, int d) {
    return year{y} / m / d;
}

// An office-local wall-clock time.
struct Local {
    year_month_day day;
    int hour = 0;
    int minute = 0;
};

TimePoint at(const Local& local, TimeZone zone) {
    return from_local(local.day, local.hour * 60 + local.minute, zone);
}

std::string show(TimePoint t, TimeZone zone) {
    const LocalTime local = to_local(t, zone);
    const auto ms = to_millis(t) % 60'000;
    return format_date_iso(local.date) + " " + format_hhmm(local.minute_of_day) +
           (ms ? " +" + std::to_string(ms) + " ms" : std::string()) + " " +
           std::string(zone_name(zone));
}

// The Kaltim defaults (Mon-Thu 08.00-19.00, Fri 08.00-11.00) in the given zone, with the
// Christmas collective leave, Christmas and New Year.
OfficeConfig office(TimeZone zone = TimeZone::WITA) {
    OfficeConfig config = default_office_config();
    config.zone = zone;
    config.holidays = {
        {date(2026, 12, 24), "Cuti Bersama Hari Raya Natal", HolidayKind::CutiBersama},
        {date(2026, 12, 25), "Hari Raya Natal", HolidayKind::Libur},
        {date(2027, 1, 1), "Tahun Baru 2027 Masehi", HolidayKind::Libur},
    };
    return config;
}

SlaStandard menit(int n) {
    return {n, SlaUnit::Minutes};
}
SlaStandard jam(int n) {
    return {n, SlaUnit::Hours};
}
SlaStandard hari(int n) {
    return {n, SlaUnit::CalendarDays};
}
SlaStandard hari_kerja(int n) {
    return {n, SlaUnit::WorkingDays};
}

struct LocalPause {
    Local from;
    std::optional<Local> until;
};

std::vector<SlaPause> pauses_in(const std::vector<LocalPause>& local, TimeZone zone) {
    std::vector<SlaPause> pauses;
    for (const auto& p : local) {
        SlaPause pause{at(p.from, zone), std::nullopt, "menunggu rekomendasi teknis"};
        if (p.until)
            pause.until = at(*p.until, zone);
        pauses.push_back(pause);
    }
    return pauses;
}

const year_month_day kMon = date(2026, 11, 23);
const year_month_day kTue = date(2026, 11, 24);
const year_month_day kWed = date(2026, 11, 25);
const year_month_day kThu = date(2026, 11, 26);
const year_month_day kFri = date(2026, 11, 27);
const year_month_day kSat = date(2026, 11, 28);
const year_month_day kNextMon = date(2026, 11, 30);

struct DueCase {
    const char* name;
    Local start;
    SlaStandard standard;
    Local due;
};

void expect_due(const std::vector<DueCase>& cases, const OfficeConfig& config) {
    for (const auto& c : cases) {
        const TimePoint start = at(c.start, config.zone);
        const TimePoint due = sla_due(config, c.standard, start, {}, start);
        EXPECT_EQ(show(due, config.zone), show(at(c.due, config.zone), config.zone)) << c.name;
    }
}

}  // namespace

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

TEST(Sla, PausesStopTheClockInTheUnitsOwnMeasure) {
    struct PauseCase {
        const char* name;
        Local start;
        SlaStandard standard;
        std::vector<LocalPause> pauses;
        Local due;
    };
    const std::vector<PauseCase> cases = {
        {"menit: an hour's pause, an hour later",
         {kMon, 10, 0},
         menit(165),
         {{{kMon, 11, 0}, Local{kMon, 12, 0}}},
         {kMon, 13, 45}},
        {"menit: two pauses",
         {kMon, 10, 0},
         menit(165),
         {{{kMon, 10, 30}, Local{kMon, 11, 0}}, {{kMon, 12, 0}, Local{kMon, 12, 15}}},
         {kMon, 13, 30}},
        {"menit: a pause outside office hours changes nothing",
         {kMon, 18, 0},
         menit(165),
         {{{kMon, 20, 0}, Local{kTue, 7, 0}}},
         {kTue, 9, 45}},
        {"menit: over the weekend, only office time lost",
         {kFri, 10, 0},
         menit(120),
         {{{kFri, 10, 30}, Local{kNextMon, 9, 0}}},
         {kNextMon, 10, 30}},
        {"menit: a pause of no length",
         {kMon, 10, 0},
         menit(30),
         {{{kMon, 10, 10}, Local{kMon, 10, 10}}},
         {kMon, 10, 30}},
        {"hari kerja: a whole working day paused is one day more",
         {kMon, 10, 0},
         hari_kerja(2),
         {{{kTue, 8, 0}, Local{kWed, 8, 0}}},
         {kThu, 19, 0}},
        {"hari kerja: half a Thursday lost takes half a Friday",
         {kWed, 10, 0},
         hari_kerja(1),
         {{{kThu, 8, 0}, Local{kThu, 13, 30}}},
         {kFri, 9, 30}},
        {"hari kerja: a pause on the receiving day changes nothing",
         {kMon, 10, 0},
         hari_kerja(1),
         {{{kMon, 11, 0}, Local{kMon, 15, 0}}},
         {kTue, 19, 0}},
        {"hari kerja: a pause over the weekend changes nothing",
         {kThu, 10, 0},
         hari_kerja(2),
         {{{kFri, 11, 0}, Local{kNextMon, 8, 0}}},
         {kNextMon, 19, 0}},
        {"hari kerja: a pause spanning cuti bersama and Christmas",
         {date(2026, 12, 22), 10, 0},
         hari_kerja(3),
         {{{date(2026, 12, 23), 13, 30}, Local{date(2026, 12, 28), 13, 30}}},
         {date(2026, 12, 30), 19, 0}},
        {"hari: a pause moves the due by its length",
         {kMon, 10, 0},
         hari(7),
         {{{kWed, 14, 0}, Local{kFri, 9, 0}}},
         {date(2026, 12, 2), 19, 0}},
        {"hari: a pause over New Year's Day and the weekend",
         {date(2026, 12, 31), 10, 0},
         hari(2),
         {{{date(2027, 1, 1), 0, 0}, Local{date(2027, 1, 4), 0, 0}}},
         {date(2027, 1, 6), 0, 0}},
        {"hari: a pause on the receiving day changes nothing",
         {kMon, 10, 0},
         hari(1),
         {{{kMon, 12, 0}, Local{kMon, 23, 0}}},
         {kWed, 0, 0}},
        {"jam: a pause beginning before the opening",
         {kMon, 6, 0},
         jam(2),
         {{{kMon, 7, 0}, Local{kMon, 9, 0}}},
         {kMon, 11, 0}},
    };
    const OfficeConfig config = office();
    for (const auto& c : cases) {
        const TimePoint start = at(c.start, config.zone);
        const auto pauses = pauses_in(c.pauses, config.zone);
        const TimePoint now = at({date(2027, 6, 1), 0, 0}, config.zone);  // long after
        EXPECT_EQ(show(sla_due(config, c.standard, start, pauses, now), config.zone),
                  show(at(c.due, config.zone), config.zone))
            << c.name;
    }
}

TEST(Sla, AnOpenPauseHoldsTheClockAtNow) {
    const OfficeConfig config = office();
    const TimePoint start = at({kMon, 10, 0}, config.zone);
    const auto open_from_11 = pauses_in({{{kMon, 11, 0}, std::nullopt}}, config.zone);

    // Still stopped on Tuesday at 10.00: 60 of 165 minutes used, the rest from now.
    SlaReading reading =
        read_sla(config, menit(165), start, open_from_11, at({kTue, 10, 0}, config.zone), 0.8);
    EXPECT_TRUE(reading.paused);
    EXPECT_EQ(show(reading.due, config.zone), show(at({kTue, 11, 45}, config.zone), config.zone));
    EXPECT_DOUBLE_EQ(reading.used_share, 60.0 / 165.0);
    EXPECT_EQ(reading.state, SlaState::OnTime);
    // A day later the due has moved a day with it, the share has not moved.
    reading =
        read_sla(config, menit(165), start, open_from_11, at({kWed, 10, 0}, config.zone), 0.8);
    EXPECT_EQ(show(reading.due, config.zone), show(at({kWed, 11, 45}, config.zone), config.zone));
    EXPECT_DOUBLE_EQ(reading.used_share, 60.0 / 165.0);
    // Outside office hours "now" restarts nothing until the next opening.
    reading =
        read_sla(config, menit(165), start, open_from_11, at({kTue, 20, 0}, config.zone), 0.8);
    EXPECT_EQ(show(reading.due, config.zone), show(at({kWed, 9, 45}, config.zone), config.zone));

    // Working days: paused from Tuesday 13.30 and read on Friday 09.30: half of Tuesday used,
    // and from Friday 09.30 half of Friday's three hours and one day more remain.
    const auto open_from_tue = pauses_in({{{kTue, 13, 30}, std::nullopt}}, config.zone);
    reading =
        read_sla(config, hari_kerja(2), start, open_from_tue, at({kFri, 9, 30}, config.zone), 0.8);
    EXPECT_TRUE(reading.paused);
    EXPECT_DOUBLE_EQ(reading.used_share, 0.25);
    EXPECT_EQ(show(reading.due, config.zone),
              show(at({kNextMon, 19, 0}, config.zone), config.zone));

    // Stopped only after the standard ran out: still overdue, due where it was.
    const auto open_from_14 = pauses_in({{{kMon, 14, 0}, std::nullopt}}, config.zone);
    reading =
        read_sla(config, menit(165), start, open_from_14, at({kTue, 10, 0}, config.zone), 0.8);
    EXPECT_TRUE(reading.paused);
    EXPECT_EQ(reading.state, SlaState::Overdue);
    EXPECT_EQ(show(reading.due, config.zone), show(at({kMon, 12, 45}, config.zone), config.zone));
    EXPECT_DOUBLE_EQ(reading.used_share, 240.0 / 165.0);

    // Pauses after `now` are not known yet; a closed pause around `now` is open at `now`.
    const auto later = pauses_in({{{kMon, 11, 0}, Local{kMon, 12, 0}}}, config.zone);
    reading = read_sla(config, menit(165), start, later, at({kMon, 10, 30}, config.zone), 0.8);
    EXPECT_FALSE(reading.paused);
    EXPECT_EQ(show(reading.due, config.zone), show(at({kMon, 12, 45}, config.zone), config.zone));
    reading = read_sla(config, menit(165), start, later, at({kMon, 11, 30}, config.zone), 0.8);
    EXPECT_TRUE(reading.paused);
    EXPECT_EQ(show(reading.due, config.zone), show(at({kMon, 13, 15}, config.zone), config.zone));
}

TEST(Sla, StateOnTimeAtRiskOverdue) {
    const OfficeConfig config = office();
    const TimePoint start = at({kMon, 10, 0}, config.zone);  // 100 menit: due 11.40
    struct ReadingCase {
        const char* name;
        Local now;
        double at_risk_share;
        double used_share;
        SlaState state;
    };
    const std::vector<ReadingCase> cases = {
        {"before the start", {kMon, 9, 0}, 0.8, 0.0, SlaState::OnTime},
        {"at the start", {kMon, 10, 0}, 0.8, 0.0, SlaState::OnTime},
        {"just below the threshold", {kMon, 11, 19}, 0.8, 0.79, SlaState::OnTime},
        {"at the threshold", {kMon, 11, 20}, 0.8, 0.80, SlaState::AtRisk},
        {"a minute before due", {kMon, 11, 39}, 0.8, 0.99, SlaState::AtRisk},
        {"at due", {kMon, 11, 40}, 0.8, 1.0, SlaState::Overdue},
        {"late", {kMon, 13, 0}, 0.8, 1.8, SlaState::Overdue},
        {"threshold 1: never at risk", {kMon, 11, 39}, 1.0, 0.99, SlaState::OnTime},
        {"threshold 1: overdue at due", {kMon, 11, 40}, 1.0, 1.0, SlaState::Overdue},
    };
    for (const auto& c : cases) {
        const SlaReading reading =
            read_sla(config, menit(100), start, {}, at(c.now, config.zone), c.at_risk_share);
        EXPECT_FALSE(reading.paused) << c.name;
        EXPECT_NEAR(reading.used_share, c.used_share, 1e-12) << c.name;
        EXPECT_EQ(reading.state, c.state) << c.name;
        EXPECT_EQ(show(reading.due, config.zone),
                  show(at({kMon, 11, 40}, config.zone), config.zone))
            << c.name;
    }
    // Working days: half of the two days used at Wednesday 13.30, overdue at Wednesday's close,
    // and the share stands still overnight.
    const auto reading_at = [&](Local now, double threshold) {
        return read_sla(config, hari_kerja(2), start, {}, at(now, config.zone), threshold);
    };
    EXPECT_DOUBLE_EQ(reading_at({kTue, 19, 0}, 0.5).used_share, 0.5);
    EXPECT_EQ(reading_at({kTue, 18, 59}, 0.5).state, SlaState::OnTime);
    EXPECT_EQ(reading_at({kTue, 19, 0}, 0.5).state, SlaState::AtRisk);
    EXPECT_EQ(reading_at({kWed, 7, 0}, 0.5).state, SlaState::AtRisk);
    EXPECT_DOUBLE_EQ(reading_at({kWed, 13, 30}, 0.8).used_share, 0.75);
    EXPECT_EQ(reading_at({kWed, 13, 30}, 0.8).state, SlaState::OnTime);
    EXPECT_EQ(reading_at({kWed, 18, 59}, 0.8).state, SlaState::AtRisk);
    EXPECT_EQ(reading_at({kWed, 19, 0}, 0.8).state, SlaState::Overdue);
    EXPECT_DOUBLE_EQ(reading_at({kThu, 7, 0}, 0.8).used_share, 1.0);
    EXPECT_EQ(reading_at({kThu, 7, 0}, 0.8).state, SlaState::Overdue);
    EXPECT_DOUBLE_EQ(reading_at({kThu, 13, 30}, 0.8).used_share, 1.25);
}

TEST(Sla, DueIsTheFirstMillisecondTheStandardIsUsed) {
    // Uneven day lengths (427, 181, 419 minutes and a lunch break) and pauses of odd lengths:
    // whatever the shares add up to, the reading just before due is not overdue and at due is.
    OfficeConfig config = office(TimeZone::WIT);
    config.hours[Monday.c_encoding()] = {TimeRange{7 * 60, 14 * 60 + 7}};
    config.hours[Wednesday.c_encoding()] = {TimeRange{8 * 60, 11 * 60 + 1}};
    config.hours[Thursday.c_encoding()] = {TimeRange{7 * 60 + 30, 12 * 60},
                                           TimeRange{13 * 60, 15 * 60 + 59}};
    for (int i = 0; i < 120; ++i) {
        const TimePoint start = at({kMon, 0, 0}, config.zone) + minutes{97 * i} + milliseconds{i};
        const std::vector<SlaPause> pauses = {
            {start + minutes{13 * i + 1}, start + minutes{13 * i + 1} + hours{i % 50} + seconds{7},
             "permintaan data"}};
        for (const SlaStandard standard :
             {hari_kerja(1 + i % 4), menit(1 + 37 * i), hari(1 + i % 3)}) {
            const TimePoint due = sla_due(config, standard, start, pauses, start + days{3650});
            const SlaReading before =
                read_sla(config, standard, start, pauses, due - milliseconds{1}, 1.0);
            const SlaReading after = read_sla(config, standard, start, pauses, due, 1.0);
            EXPECT_NE(before.state, SlaState::Overdue) << i << " " << to_string(standard.unit);
            EXPECT_LT(before.used_share, 1.0) << i << " " << to_string(standard.unit);
            EXPECT_EQ(after.state, SlaState::Overdue) << i << " " << to_string(standard.unit);
            EXPECT_GE(after.used_share, 1.0) << i << " " << to_string(standard.unit);
            EXPECT_EQ(after.due, due) << i;
        }
    }
}

TEST(Sla, BadInputIsRejectedNamingTheField) {
    const OfficeConfig config = office();
    const TimePoint start = at({kMon, 10, 0}, config.zone);
    const TimePoint now = at({kWed, 10, 0}, config.zone);
    const auto expect_error = [&](const std::vector<LocalPause>& local, SlaStandard standard,
                                  double share, const std::string& field,
                                  const OfficeConfig& office_config) {
        try {
            read_sla(office_config, standard, start, pauses_in(local, config.zone), now, share);
            FAIL() << "accepted, expected an error on " << field;
        } catch (const InputError& e) {
            EXPECT_EQ(e.field(), field) << e.what();
            EXPECT_FALSE(e.reason().empty());
        }
    };
    expect_error({{{kMon, 9, 0}, Local{kMon, 11, 0}}}, menit(60), 0.8, "pauses[0].from", config);
    expect_error({{{kMon, 12, 0}, Local{kMon, 11, 0}}}, menit(60), 0.8, "pauses[0].until", config);
    expect_error({{{kMon, 11, 0}, Local{kMon, 13, 0}}, {{kMon, 12, 0}, Local{kMon, 14, 0}}},
                 menit(60), 0.8, "pauses[1].from", config);
    expect_error({{{kMon, 13, 0}, Local{kMon, 14, 0}}, {{kMon, 11, 0}, Local{kMon, 12, 0}}},
                 menit(60), 0.8, "pauses[1].from", config);
    expect_error({{{kMon, 11, 0}, std::nullopt}, {{kMon, 12, 0}, Local{kMon, 13, 0}}}, menit(60),
                 0.8, "pauses[0].until", config);
    expect_error({}, menit(0), 0.8, "standard.amount", config);
    expect_error({}, hari_kerja(-2), 0.8, "standard.amount", config);
    expect_error({}, hari(kSlaMaxDays + 1), 0.8, "standard.amount", config);
    expect_error({}, menit(60), 0.0, "at_risk_share", config);
    expect_error({}, menit(60), 1.5, "at_risk_share", config);
    expect_error({}, menit(60), std::numeric_limits<double>::quiet_NaN(), "at_risk_share", config);
    OfficeConfig never_open = config;
    for (auto& day : never_open.hours)
        day.clear();
    expect_error({}, hari(1), 0.8, "office.hours", never_open);
    EXPECT_THROW(sla_due(config, menit(60), start,
                         pauses_in({{{kMon, 9, 0}, std::nullopt}}, config.zone), now),
                 InputError);
    // Pauses back to back are fine.
    EXPECT_NO_THROW(
        read_sla(config, menit(60), start,
                 pauses_in({{{kMon, 11, 0}, Local{kMon, 12, 0}}, {{kMon, 12, 0}, std::nullopt}},
                           config.zone),
                 now, 0.8));
}

TEST(Sla, WorkingDaysAndCountedMinutesForStepRecords) {
    const OfficeConfig config = office();
    EXPECT_TRUE(is_working_day(config, date(2026, 12, 23)));
    EXPECT_FALSE(is_working_day(config, date(2026, 12, 24)));  // cuti bersama
    EXPECT_FALSE(is_working_day(config, date(2026, 12, 25)));  // libur
    EXPECT_FALSE(is_working_day(config, kSat));
    EXPECT_TRUE(is_working_day(config, kFri));  // short hours are still a working day

    EXPECT_EQ(working_days_between(config, date(2026, 12, 23), date(2026, 12, 29)), 2);
    EXPECT_EQ(working_days_between(config, date(2026, 12, 31), date(2027, 1, 4)), 1);
    EXPECT_EQ(working_days_between(config, kMon, kMon), 0);
    EXPECT_EQ(working_days_between(config, kFri, kMon), 0);
    EXPECT_THROW(working_days_between(config, year{2026} / 2 / 30, kMon), InputError);

    const TimePoint friday = at({kFri, 10, 0}, config.zone);
    const TimePoint monday = at({kNextMon, 9, 0}, config.zone);
    EXPECT_EQ(counted_minutes(config, SlaUnit::Minutes, friday, monday), 120);
    EXPECT_EQ(counted_minutes(config, SlaUnit::Hours, friday, monday), 120);
    EXPECT_EQ(counted_minutes(config, SlaUnit::WorkingDays, friday, monday), 120);
    EXPECT_EQ(counted_minutes(config, SlaUnit::CalendarDays, friday, monday), 71 * 60);
    EXPECT_EQ(counted_minutes(config, SlaUnit::Minutes, monday, friday), 0);
    EXPECT_EQ(counted_minutes(config, SlaUnit::Minutes, friday, friday + seconds{59}), 0);
    OfficeConfig never_open = config;
    for (auto& day : never_open.hours)
        day.clear();
    EXPECT_EQ(counted_minutes(never_open, SlaUnit::Minutes, friday, monday), 0);

    EXPECT_EQ(sla_received(config, at({kMon, 10, 0}, config.zone)), at({kMon, 10, 0}, config.zone));
    EXPECT_EQ(sla_received(config, at({kFri, 11, 0}, config.zone)),
              at({kNextMon, 8, 0}, config.zone));
    EXPECT_EQ(sla_received(config, at({date(2026, 12, 23), 19, 30}, config.zone)),
              at({date(2026, 12, 28), 8, 0}, config.zone));
}
