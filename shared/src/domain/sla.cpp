#include "loket/sla.hpp"

#include <algorithm>
#include <array>
#include <set>

#include "loket/input_error.hpp"

namespace loket {

using namespace std::chrono;

namespace {

constexpr std::int64_t kMsPerMinute = 60'000;
constexpr std::int64_t kMsPerDay = 86'400'000;
const std::string kSource = "SLA clock";

// Counted time in the unit's own measure. A working day is worth the same number of ticks
// whatever its hours (docs/sla.md), so the tick is 1 / lcm of the weekdays' office
// milliseconds: exact for every share of every day. That lcm is at most 60,000 * 1440^7, and a
// standard at most kSlaMaxDays of it, which needs more than 64 bits but fits in 128.
__extension__ using Ticks = __int128;

// What the clock counts, and how fast, in one stretch of time.
struct Segment {
    TimePoint from;
    TimePoint to;
    Ticks rate;  // ticks per millisecond
};

enum class Measure {
    OfficeTime,       // menit, jam: every office millisecond counts one
    WorkingDayShare,  // hari kerja: a working day counts one, a part of it its share
    CalendarTime,     // hari: every millisecond counts one
};

Measure measure_of(SlaUnit unit) {
    switch (unit) {
        case SlaUnit::Minutes:
        case SlaUnit::Hours:
            return Measure::OfficeTime;
        case SlaUnit::WorkingDays:
            return Measure::WorkingDayShare;
        case SlaUnit::CalendarDays:
            return Measure::CalendarTime;
    }
    return Measure::OfficeTime;
}

std::int64_t millis_between(TimePoint from, TimePoint to) {
    return (to - from).count();
}

// The office calendar with its holidays indexed, for walks over many days.
class OfficeCalendar {
  public:
    explicit OfficeCalendar(const OfficeConfig& office) : office_(office) {
        for (const auto& holiday : office.holidays)
            holidays_.insert(sys_days{holiday.date});
        for (std::size_t day = 0; day < office.hours.size(); ++day) {
            for (const auto& range : office.hours[day]) {
                if (range.to > range.from)
                    weekday_ms_[day] += (range.to - range.from) * kMsPerMinute;
            }
        }
    }

    bool opens_some_weekday() const {
        return std::any_of(weekday_ms_.begin(), weekday_ms_.end(),
                           [](std::int64_t ms) { return ms > 0; });
    }
    bool is_working_day(sys_days day) const { return office_ms(day) > 0; }
    // Office milliseconds of the day: 0 on holidays and closed weekdays.
    std::int64_t office_ms(sys_days day) const {
        return holidays_.count(day) ? 0 : weekday_ms_[weekday{day}.c_encoding()];
    }
    const std::vector<TimeRange>& sessions(sys_days day) const {
        static const std::vector<TimeRange> none;
        return holidays_.count(day) ? none : office_.hours[weekday{day}.c_encoding()];
    }
    // Ticks in one working day: the lcm of every weekday's office milliseconds.
    Ticks working_day_ticks() const {
        Ticks lcm = 1;
        for (const std::int64_t ms : weekday_ms_) {
            if (ms > 0)
                lcm = lcm / gcd(lcm, Ticks{ms}) * ms;
        }
        return lcm;
    }

    TimePoint at(sys_days day, MinuteOfDay minute) const {
        return from_local(year_month_day{day}, minute, office_.zone);
    }
    sys_days local_day(TimePoint t) const { return sys_days{to_local(t, office_.zone).date}; }

  private:
    static Ticks gcd(Ticks a, Ticks b) {
        while (b != 0) {
            const Ticks r = a % b;
            a = b;
            b = r;
        }
        return a;
    }

    const OfficeConfig& office_;
    std::set<sys_days> holidays_;
    std::array<std::int64_t, 7> weekday_ms_{};
};

void require_office_hours(const OfficeCalendar& calendar) {
    if (!calendar.opens_some_weekday()) {
        throw InputError(kSource, "office.hours",
                         "no weekday has service hours, so the office never receives a file and "
                         "its clock never runs",
                         "no_hours");
    }
}

// Calls visit(segment) for each stretch the measure counts from `from` on, in time order, until
// visit returns false or the walk has passed last_day. Without last_day only visit ends it, so
// the calendar must open on some weekday (the clock then always reaches its instant).
template <typename Visit>
void walk(const OfficeCalendar& calendar, Measure measure, TimePoint from, Visit visit,
          std::optional<sys_days> last_day = std::nullopt) {
    const Ticks day_ticks =
        measure == Measure::WorkingDayShare ? calendar.working_day_ticks() : Ticks{1};
    for (sys_days day = calendar.local_day(from); !last_day || day <= *last_day; day += days{1}) {
        if (measure == Measure::CalendarTime) {
            const TimePoint end = calendar.at(day + days{1}, 0);
            if (end > from && !visit(Segment{std::max(from, calendar.at(day, 0)), end, 1}))
                return;
            continue;
        }
        const std::int64_t office_ms = calendar.office_ms(day);
        if (office_ms == 0)
            continue;
        const Ticks rate = measure == Measure::WorkingDayShare ? day_ticks / office_ms : 1;
        for (const auto& range : calendar.sessions(day)) {
            const TimePoint end = calendar.at(day, range.to);
            if (range.to <= range.from || end <= from)
                continue;
            if (!visit(Segment{std::max(from, calendar.at(day, range.from)), end, rate}))
                return;
        }
    }
}

struct Interval {
    TimePoint from;
    TimePoint to;
};

std::string pause_field(std::size_t i) {
    return "pauses[" + std::to_string(i) + "]";
}

// Checks the pauses and returns them as they stand at `now`: each a closed interval, an open
// one closed at `now`, the ones not begun by `now` left out.
std::vector<Interval> pauses_known_at(const std::vector<SlaPause>& pauses, TimePoint started,
                                      TimePoint now) {
    std::vector<Interval> known;
    for (std::size_t i = 0; i < pauses.size(); ++i) {
        const SlaPause& pause = pauses[i];
        const std::string field = pause_field(i);
        if (pause.from < started) {
            throw InputError(kSource, field + ".from", "is before the clock's start",
                             "pause_before_start");
        }
        if (pause.until && *pause.until < pause.from) {
            throw InputError(kSource, field + ".until", "is before the pause's start",
                             "time_order");
        }
        if (i > 0) {
            const SlaPause& previous = pauses[i - 1];
            if (!previous.until) {
                throw InputError(kSource, pause_field(i - 1) + ".until",
                                 "is empty (still paused) but another pause follows", "time_order");
            }
            if (pause.from < *previous.until) {
                throw InputError(kSource, field + ".from",
                                 "overlaps or precedes the previous pause", "time_order");
            }
        }
        if (pause.from < now)
            known.push_back(Interval{pause.from, std::min(pause.until.value_or(now), now)});
    }
    return known;
}

// Calls count(from, to, rate) for the parts of the segment no pause covers. `next` is the
// first pause that may still matter; pauses end in time order, so it only moves forward.
template <typename Count>
bool unpaused_parts(const Segment& segment, const std::vector<Interval>& pauses, std::size_t& next,
                    Count count) {
    TimePoint at = segment.from;
    while (next < pauses.size() && pauses[next].to <= at)
        ++next;
    for (std::size_t i = next; i < pauses.size() && pauses[i].from < segment.to; ++i) {
        if (pauses[i].from > at && !count(at, pauses[i].from, segment.rate))
            return false;
        at = std::max(at, pauses[i].to);
        if (at >= segment.to)
            return true;
    }
    return at >= segment.to || count(at, segment.to, segment.rate);
}

Ticks standard_ticks(const OfficeCalendar& calendar, const SlaStandard& standard) {
    const Ticks amount = standard.amount;
    switch (standard.unit) {
        case SlaUnit::Minutes:
            return amount * kMsPerMinute;
        case SlaUnit::Hours:
            return amount * 60 * kMsPerMinute;
        case SlaUnit::CalendarDays:
            return amount * kMsPerDay;
        case SlaUnit::WorkingDays:
            return amount * calendar.working_day_ticks();
    }
    return amount;
}

void validate_standard(const SlaStandard& standard) {
    int limit = kSlaMaxDays;
    if (standard.unit == SlaUnit::Hours)
        limit = kSlaMaxDays * 24;
    if (standard.unit == SlaUnit::Minutes)
        limit = kSlaMaxDays * 24 * 60;
    if (standard.amount <= 0 || standard.amount > limit) {
        throw InputError(kSource, "standard.amount",
                         "must be between 1 and " + std::to_string(limit) + " " +
                             std::string(to_string(standard.unit)) + ", got " +
                             std::to_string(standard.amount),
                         "invalid_standard");
    }
}

TimePoint received_at(const OfficeCalendar& calendar, TimePoint started) {
    require_office_hours(calendar);
    TimePoint received = started;
    walk(calendar, Measure::OfficeTime, started, [&](const Segment& segment) {
        received = segment.from;  // `started` itself when it falls inside office hours
        return false;
    });
    return received;
}

// When the clock starts counting: the receiving instant for menit and jam; for hari and hari
// kerja the end of the receiving day, which is not counted.
TimePoint clock_start(const OfficeCalendar& calendar, SlaUnit unit, TimePoint received) {
    if (measure_of(unit) == Measure::OfficeTime)
        return received;
    return calendar.at(calendar.local_day(received) + days{1}, 0);
}

struct Clock {
    TimePoint due{};
    Ticks counted_at_now = 0;
    Ticks standard = 0;
};

Clock run_clock(const OfficeConfig& office, const SlaStandard& standard, TimePoint started,
                const std::vector<SlaPause>& pauses, TimePoint now) {
    validate_standard(standard);
    const std::vector<Interval> known = pauses_known_at(pauses, started, now);
    const OfficeCalendar calendar(office);
    const TimePoint start = clock_start(calendar, standard.unit, received_at(calendar, started));

    Clock clock;
    clock.standard = standard_ticks(calendar, standard);
    Ticks counted = 0;
    bool due_found = false;
    std::size_t next_pause = 0;
    walk(calendar, measure_of(standard.unit), start, [&](const Segment& segment) {
        return unpaused_parts(
            segment, known, next_pause, [&](TimePoint from, TimePoint to, Ticks rate) {
                if (from < now) {
                    clock.counted_at_now += rate * millis_between(from, std::min(to, now));
                }
                if (!due_found) {
                    const Ticks here = rate * millis_between(from, to);
                    if (counted + here >= clock.standard) {
                        // The first millisecond at which the standard is used.
                        const Ticks left = clock.standard - counted;
                        clock.due = from + milliseconds{
                                               static_cast<std::int64_t>((left + rate - 1) / rate)};
                        due_found = true;
                    }
                    counted += here;
                }
                return !due_found || to < now;
            });
    });
    return clock;
}

}  // namespace

std::string_view to_string(SlaUnit unit) {
    switch (unit) {
        case SlaUnit::Minutes:
            return "menit";
        case SlaUnit::Hours:
            return "jam";
        case SlaUnit::CalendarDays:
            return "hari";
        case SlaUnit::WorkingDays:
            return "hari kerja";
    }
    return "hari kerja";
}

std::optional<SlaUnit> parse_sla_unit(std::string_view text) {
    for (const SlaUnit unit :
         {SlaUnit::Minutes, SlaUnit::Hours, SlaUnit::CalendarDays, SlaUnit::WorkingDays}) {
        if (text == to_string(unit))
            return unit;
    }
    return std::nullopt;
}

std::optional<SlaStandard> sla_standard(const catalog::ServiceTime& time) {
    if (time.basis == "not_stated" || !time.value || *time.value <= 0)
        return std::nullopt;
    const auto unit = parse_sla_unit(time.unit);
    if (!unit)
        return std::nullopt;
    return SlaStandard{*time.value, *unit};
}

std::string_view to_string(SlaState state) {
    switch (state) {
        case SlaState::OnTime:
            return "on_time";
        case SlaState::AtRisk:
            return "at_risk";
        case SlaState::Overdue:
            return "overdue";
    }
    return "on_time";
}

SlaReading read_sla(const OfficeConfig& office, const SlaStandard& standard, TimePoint started,
                    const std::vector<SlaPause>& pauses, TimePoint now, double at_risk_share) {
    if (!(at_risk_share > 0 && at_risk_share <= 1)) {
        throw InputError(kSource, "at_risk_share",
                         "must be more than 0 and at most 1, got " + std::to_string(at_risk_share),
                         "invalid_share");
    }
    const Clock clock = run_clock(office, standard, started, pauses, now);
    SlaReading reading;
    for (const auto& pause : pauses) {
        if (pause.from <= now && (!pause.until || now < *pause.until))
            reading.paused = true;
    }
    reading.due = clock.due;
    reading.used_share =
        static_cast<double>(clock.counted_at_now) / static_cast<double>(clock.standard);
    if (now >= clock.due)
        reading.state = SlaState::Overdue;
    else if (reading.used_share >= at_risk_share)
        reading.state = SlaState::AtRisk;
    return reading;
}

TimePoint sla_due(const OfficeConfig& office, const SlaStandard& standard, TimePoint started,
                  const std::vector<SlaPause>& pauses, TimePoint now) {
    return run_clock(office, standard, started, pauses, now).due;
}

TimePoint sla_received(const OfficeConfig& office, TimePoint started) {
    return received_at(OfficeCalendar(office), started);
}

bool is_working_day(const OfficeConfig& office, year_month_day date) {
    return !hours_on(office, date).empty();
}

namespace {

int count_working_days(const OfficeCalendar& calendar, sys_days from, sys_days to) {
    int count = 0;
    for (sys_days day = from + days{1}; day <= to; day += days{1})
        count += calendar.is_working_day(day) ? 1 : 0;
    return count;
}

}  // namespace

int working_days_between(const OfficeConfig& office, year_month_day from, year_month_day to) {
    if (!from.ok())
        throw InputError(kSource, "from", "is not a valid date", "invalid_date");
    if (!to.ok())
        throw InputError(kSource, "to", "is not a valid date", "invalid_date");
    return count_working_days(OfficeCalendar(office), sys_days{from}, sys_days{to});
}

std::vector<double> files_working_days(const OfficeConfig& office,
                                       const std::vector<FileTimes>& files) {
    const OfficeCalendar calendar(office);
    std::vector<double> out;
    out.reserve(files.size());
    for (const FileTimes& file : files) {
        out.push_back(count_working_days(calendar,
                                         calendar.local_day(received_at(calendar, file.registered)),
                                         calendar.local_day(file.completed)));
    }
    return out;
}

std::int64_t counted_minutes(const OfficeConfig& office, SlaUnit unit, TimePoint from,
                             TimePoint to) {
    if (to <= from)
        return 0;
    const OfficeCalendar calendar(office);
    const Measure measure =
        measure_of(unit) == Measure::CalendarTime ? Measure::CalendarTime : Measure::OfficeTime;
    std::int64_t counted_ms = 0;
    walk(
        calendar, measure, from,
        [&](const Segment& segment) {
            if (segment.from >= to)
                return false;
            counted_ms += millis_between(segment.from, std::min(segment.to, to));
            return segment.to < to;
        },
        calendar.local_day(to));
    return counted_ms / kMsPerMinute;
}

}  // namespace loket
