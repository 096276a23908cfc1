// The service clock's readings, against the counting rules of docs/sla.md: pauses stop the clock
// in the unit's own measure (an open one holds it at now), the state on time, at risk or
// overdue, the first millisecond of a standard's use, bad input refused naming the field, and
// working days and counted minutes for step records.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "loket/input_error.hpp"
#include "loket/sla.hpp"
#include "sla_fixture.hpp"

using namespace loket;
using namespace std::chrono;
using namespace sla_test;

// Long on purpose: a table of pause cases (start, standard, pauses, due) read as one list.
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
