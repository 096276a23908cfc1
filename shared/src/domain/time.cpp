#include "loket/time.hpp"

#include <charconv>
#include <cstdio>

namespace loket {

using namespace std::chrono;

minutes utc_offset(TimeZone zone) {
    switch (zone) {
        case TimeZone::WIB:
            return hours{7};
        case TimeZone::WITA:
            return hours{8};
        case TimeZone::WIT:
            return hours{9};
    }
    return hours{7};
}

std::string_view zone_name(TimeZone zone) {
    switch (zone) {
        case TimeZone::WIB:
            return "WIB";
        case TimeZone::WITA:
            return "WITA";
        case TimeZone::WIT:
            return "WIT";
    }
    return "WIB";
}

std::optional<TimeZone> parse_zone(std::string_view name) {
    if (name == "WIB")
        return TimeZone::WIB;
    if (name == "WITA")
        return TimeZone::WITA;
    if (name == "WIT")
        return TimeZone::WIT;
    return std::nullopt;
}

LocalTime to_local(TimePoint t, TimeZone zone) {
    const auto local = t + utc_offset(zone);
    const auto day = floor<days>(local);
    const auto since_midnight = duration_cast<seconds>(local - day);
    LocalTime out;
    out.date = year_month_day{day};
    out.weekday = weekday{day};
    out.minute_of_day = static_cast<int>(since_midnight.count() / 60);
    out.second = static_cast<int>(since_midnight.count() % 60);
    return out;
}

TimePoint from_local(year_month_day date, MinuteOfDay minute, TimeZone zone) {
    return time_point_cast<milliseconds>(sys_days{date} + minutes{minute} - utc_offset(zone));
}

std::string format_date_iso(year_month_day date) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
    return buf;
}

namespace {
std::optional<int> parse_int(std::string_view text) {
    int value = 0;
    if (text.empty())
        return std::nullopt;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || ptr != text.data() + text.size())
        return std::nullopt;
    return value;
}
}  // namespace

std::optional<year_month_day> parse_date_iso(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-')
        return std::nullopt;
    const auto y = parse_int(text.substr(0, 4));
    const auto m = parse_int(text.substr(5, 2));
    const auto d = parse_int(text.substr(8, 2));
    if (!y || !m || !d)
        return std::nullopt;
    const year_month_day date{year{*y}, month{static_cast<unsigned>(*m)},
                              day{static_cast<unsigned>(*d)}};
    if (!date.ok())
        return std::nullopt;
    return date;
}

std::string format_hhmm(MinuteOfDay minute) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d:%02d", minute / 60, minute % 60);
    return buf;
}

std::string format_clock(int hour, int minute) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d.%02d", hour, minute);
    return buf;
}

std::string format_clock(int hour, int minute, int second) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "%02d.%02d.%02d", hour, minute, second);
    return buf;
}

std::string format_hours_range(std::string_view range) {
    const auto dash = range.find('-');
    if (dash == std::string_view::npos)
        return std::string(range);
    const auto from = parse_hhmm(range.substr(0, dash));
    const auto to = parse_hhmm(range.substr(dash + 1));
    if (!from || !to)
        return std::string(range);
    return format_clock(*from) + "\u2013" + format_clock(*to);
}

std::optional<MinuteOfDay> parse_hhmm(std::string_view text) {
    if (text.size() != 5 || (text[2] != ':' && text[2] != '.'))
        return std::nullopt;
    const auto h = parse_int(text.substr(0, 2));
    const auto m = parse_int(text.substr(3, 2));
    if (!h || !m || *h < 0 || *m < 0 || *m > 59)
        return std::nullopt;
    // 24:00 is allowed as the end of a day.
    if (*h > 24 || (*h == 24 && *m != 0))
        return std::nullopt;
    return *h * 60 + *m;
}

}  // namespace loket
