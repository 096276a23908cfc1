#include "format.hpp"

#include <algorithm>
#include <cstdio>

#include "loket/time.hpp"

namespace loket::kiosk {
namespace {

using namespace std::chrono;

constexpr T kWeekdays[7] = {T::sunday,   T::monday, T::tuesday, T::wednesday,
                            T::thursday, T::friday, T::saturday};
constexpr T kMonths[12] = {T::january,   T::february, T::march,    T::april,
                           T::may,       T::june,     T::july,     T::august,
                           T::september, T::october,  T::november, T::december};

}  // namespace

LocalClock local_clock(system_clock::time_point now, int utc_offset_minutes) {
    const auto local = time_point_cast<seconds>(now) + minutes(utc_offset_minutes);
    const auto day = floor<days>(local);
    const auto since_midnight = duration_cast<minutes>(local - day).count();
    LocalClock c;
    c.date = year_month_day(day);
    c.weekday = weekday(day);
    c.hour = int(since_midnight / 60);
    c.minute = int(since_midnight % 60);
    return c;
}

LocalClock local_clock_ms(std::int64_t unix_ms, int utc_offset_minutes) {
    return local_clock(
        system_clock::time_point(duration_cast<system_clock::duration>(milliseconds(unix_ms))),
        utc_offset_minutes);
}

std::string_view weekday_name(Language lang, weekday day) {
    return tr(lang, kWeekdays[day.c_encoding() % 7]);
}

std::string format_time(int hour, int minute) {
    return loket::format_clock(hour, minute);
}

std::string format_date(Language lang, const LocalClock& clock) {
    const unsigned m = unsigned(clock.date.month());
    const std::string_view month = m >= 1 && m <= 12 ? tr(lang, kMonths[m - 1]) : "";
    return std::string(weekday_name(lang, clock.weekday)) + ", " +
           std::to_string(unsigned(clock.date.day())) + " " + std::string(month) + " " +
           std::to_string(int(clock.date.year()));
}

std::string format_iso_date(Language lang, std::string_view iso) {
    const auto date = loket::parse_date_iso(iso);
    if (!date)
        return std::string(iso);
    LocalClock c;
    c.date = *date;
    c.weekday = weekday(sys_days(*date));
    return format_date(lang, c);
}

std::string format_ikm(Language lang, double ikm) {
    char text[32];
    std::snprintf(text, sizeof text, "%.2f", ikm);
    std::string out(text);
    if (lang == Language::Indonesian)
        std::replace(out.begin(), out.end(), '.', ',');
    return out;
}

std::string format_date_time(Language lang, const LocalClock& clock, const std::string& zone) {
    std::string time = format_time(clock.hour, clock.minute);
    if (!zone.empty())
        time += " " + zone;
    return tr(lang, T::at_time, {format_date(lang, clock), time});
}

std::string format_ranges(const std::vector<std::string>& ranges) {
    std::string out;
    for (const auto& r : ranges)
        out += (out.empty() ? "" : ", ") + loket::format_hours_range(r);
    return out;
}

std::vector<std::string> schedule_lines(Language lang,
                                        const std::array<std::vector<std::string>, 7>& week) {
    std::vector<std::string> lines;
    // Monday first, as Indonesian office notices list it.
    constexpr int kOrder[7] = {1, 2, 3, 4, 5, 6, 0};
    int i = 0;
    while (i < 7) {
        int j = i;
        while (j + 1 < 7 && week[std::size_t(kOrder[j + 1])] == week[std::size_t(kOrder[i])])
            ++j;
        std::string days(tr(lang, kWeekdays[kOrder[i]]));
        if (j > i)
            days += " \u2013 " + std::string(tr(lang, kWeekdays[kOrder[j]]));
        const auto& hours = week[std::size_t(kOrder[i])];
        lines.push_back(
            days + ": " +
            (hours.empty() ? std::string(tr(lang, T::schedule_closed)) : format_ranges(hours)));
        i = j + 1;
    }
    return lines;
}

std::string closed_reason_text(Language lang, const Office& office) {
    const std::string& r = office.closed_reason;
    if (r == "holiday")
        return tr(lang, T::closed_holiday, {office.holiday});
    if (r == "closed_today")
        return std::string(tr(lang, T::closed_today));
    if (r == "before_hours")
        return std::string(tr(lang, T::closed_before_hours));
    if (r == "between_sessions")
        return std::string(tr(lang, T::closed_between_sessions));
    if (r == "after_hours")
        return std::string(tr(lang, T::closed_after_hours));
    return std::string(tr(lang, T::closed_generic));
}

std::string next_open_text(Language lang, const Office& office) {
    if (!office.next_open_ms)
        return std::string(tr(lang, T::next_open_unknown));
    return tr(
        lang, T::next_open,
        {format_date_time(lang, local_clock_ms(*office.next_open_ms, office.utc_offset_minutes),
                          office.time_zone)});
}

std::string hours_today_text(Language lang, const Office& office) {
    if (office.today_hours.empty())
        return std::string(tr(lang, T::hours_today_none));
    std::string hours = format_ranges(office.today_hours);
    if (!office.time_zone.empty())
        hours += " " + office.time_zone;
    return tr(lang, T::hours_today, {hours});
}

std::string waiting_text(Language lang, int waiting) {
    if (waiting <= 0)
        return std::string(tr(lang, T::waiting_none));
    if (waiting == 1)
        return std::string(tr(lang, T::waiting_one));
    return tr(lang, T::waiting_many, {std::to_string(waiting)});
}

std::string estimate_text(Language lang, const std::optional<int>& minutes) {
    if (!minutes)
        return std::string(tr(lang, T::estimate_unknown));
    if (*minutes <= 0)
        return std::string(tr(lang, T::estimate_soon));
    return tr(lang, T::estimate_minutes, {std::to_string(*minutes)});
}

std::string people_ahead_text(Language lang, int people) {
    if (people <= 0)
        return std::string(tr(lang, T::people_ahead_none));
    if (people == 1)
        return std::string(tr(lang, T::people_ahead_one));
    return tr(lang, T::people_ahead_many, {std::to_string(people)});
}

std::string ticket_wait_text(Language lang, int people_ahead, const std::optional<int>& minutes) {
    // Next in line: "Anda berikutnya" says it; "no estimate yet" would only confuse.
    if (people_ahead <= 0)
        return "";
    return estimated_wait_text(lang, minutes);
}

std::string estimated_wait_text(Language lang, const std::optional<int>& minutes) {
    if (!minutes)
        return std::string(tr(lang, T::estimated_wait_unknown));
    if (*minutes <= 0)
        return std::string(tr(lang, T::estimated_wait_soon));
    return tr(lang, T::estimated_wait, {std::to_string(*minutes)});
}

std::string_view priority_name(Language lang, Priority priority) {
    switch (priority) {
        case Priority::Lansia:
            return tr(lang, T::priority_lansia);
        case Priority::Disabilitas:
            return tr(lang, T::priority_disabilitas);
        case Priority::IbuHamil:
            return tr(lang, T::priority_ibu_hamil);
        case Priority::None:
            break;
    }
    return tr(lang, T::priority_none);
}

const std::string& service_name(Language lang, const ServiceInfo& service) {
    return lang == Language::English && !service.name_en.empty() ? service.name_en : service.name;
}

}  // namespace loket::kiosk
