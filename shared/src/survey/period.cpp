// Report periods: a month, a quarter (triwulan), a semester or a year, keyed "2026-12",
// "2026-Q4", "2026-S2" and "2026".
#include <stdexcept>

#include "loket/survey.hpp"
#include "reading.hpp"

namespace loket::survey {

using namespace std::chrono;

namespace {

constexpr int kMinYear = 2000;
constexpr int kMaxYear = 9999;

constexpr std::array<std::string_view, 12> kMonthNamesId = {
    "Januari", "Februari", "Maret",     "April",   "Mei",      "Juni",
    "Juli",    "Agustus",  "September", "Oktober", "November", "Desember"};
constexpr std::array<std::string_view, 12> kMonthNamesEn = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};
constexpr std::array<std::string_view, 4> kRoman = {"I", "II", "III", "IV"};

// Months a period spans, 1-based and inclusive.
int first_month(PeriodKind kind, int number) {
    switch (kind) {
        case PeriodKind::Month:
            return number;
        case PeriodKind::Quarter:
            return 3 * number - 2;
        case PeriodKind::Semester:
            return 6 * number - 5;
        case PeriodKind::Year:
            break;
    }
    return 1;
}
int last_month(PeriodKind kind, int number) {
    switch (kind) {
        case PeriodKind::Month:
            return number;
        case PeriodKind::Quarter:
            return 3 * number;
        case PeriodKind::Semester:
            return 6 * number;
        case PeriodKind::Year:
            break;
    }
    return 12;
}

std::optional<int> digits(std::string_view text) {
    if (text.empty())
        return std::nullopt;
    int value = 0;
    for (const char c : text) {
        if (c < '0' || c > '9')
            return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return value;
}

}  // namespace

Period Period::month(std::chrono::year y, std::chrono::month m) {
    if (!m.ok())
        throw std::invalid_argument("Period::month: month must be 1-12");
    return {PeriodKind::Month, y, static_cast<int>(static_cast<unsigned>(m))};
}

Period Period::quarter(std::chrono::year y, int number) {
    if (number < 1 || number > 4)
        throw std::invalid_argument("Period::quarter: quarter must be 1-4");
    return {PeriodKind::Quarter, y, number};
}

Period Period::semester(std::chrono::year y, int number) {
    if (number < 1 || number > 2)
        throw std::invalid_argument("Period::semester: semester must be 1-2");
    return {PeriodKind::Semester, y, number};
}

Period Period::whole_year(std::chrono::year y) {
    return {PeriodKind::Year, y, 1};
}

Period Period::containing(year_month_day date, PeriodKind kind) {
    const int m = static_cast<int>(static_cast<unsigned>(date.month()));
    switch (kind) {
        case PeriodKind::Month:
            return month(date.year(), date.month());
        case PeriodKind::Quarter:
            return quarter(date.year(), (m + 2) / 3);
        case PeriodKind::Semester:
            return semester(date.year(), (m + 5) / 6);
        case PeriodKind::Year:
            break;
    }
    return whole_year(date.year());
}

year_month_day Period::first_day() const {
    return year_ / std::chrono::month{static_cast<unsigned>(first_month(kind_, number_))} / 1;
}

year_month_day Period::last_day() const {
    const year_month_day_last last{
        year_,
        month_day_last{std::chrono::month{static_cast<unsigned>(last_month(kind_, number_))}}};
    return year_month_day{last};
}

bool Period::contains(year_month_day date) const {
    return date.ok() && first_day() <= date && date <= last_day();
}

std::string Period::key() const {
    std::string text = std::to_string(static_cast<int>(year_));
    switch (kind_) {
        case PeriodKind::Month:
            return text + (number_ < 10 ? "-0" : "-") + std::to_string(number_);
        case PeriodKind::Quarter:
            return text + "-Q" + std::to_string(number_);
        case PeriodKind::Semester:
            return text + "-S" + std::to_string(number_);
        case PeriodKind::Year:
            break;
    }
    return text;
}

std::string Period::label_id() const {
    const std::string y = std::to_string(static_cast<int>(year_));
    const auto n = static_cast<std::size_t>(number_ - 1);
    switch (kind_) {
        case PeriodKind::Month:
            return std::string(kMonthNamesId[n]) + " " + y;
        case PeriodKind::Quarter:
            return "Triwulan " + std::string(kRoman[n]) + " " + y;
        case PeriodKind::Semester:
            return "Semester " + std::string(kRoman[n]) + " " + y;
        case PeriodKind::Year:
            break;
    }
    return "Tahun " + y;
}

std::string Period::label_en() const {
    const std::string y = std::to_string(static_cast<int>(year_));
    const auto n = static_cast<std::size_t>(number_ - 1);
    switch (kind_) {
        case PeriodKind::Month:
            return std::string(kMonthNamesEn[n]) + " " + y;
        case PeriodKind::Quarter:
            return "Q" + std::to_string(number_) + " " + y;
        case PeriodKind::Semester:
            return "H" + std::to_string(number_) + " " + y;
        case PeriodKind::Year:
            break;
    }
    return "Year " + y;
}

Period parse_period(std::string_view key, const std::string& source, const std::string& field) {
    const auto fail = [&]() -> Period {
        const std::string got = detail::echo(key);
        throw SurveyInputError(source, field,
                               "must be a period like 2026-12, 2026-Q4, 2026-S2 or 2026" +
                                   (got.empty() ? "" : ", got " + got),
                               "harus berupa periode seperti 2026-12, 2026-Q4, 2026-S2 atau 2026" +
                                   (got.empty() ? "" : ", bukan " + got));
    };
    if (key.size() < 4)
        return fail();
    const auto y = digits(key.substr(0, 4));
    if (!y || *y < kMinYear || *y > kMaxYear)
        return fail();
    const year the_year{*y};
    const std::string_view rest = key.substr(4);
    if (rest.empty())
        return Period::whole_year(the_year);
    if (rest.size() == 3 && rest[0] == '-') {
        const auto number = digits(rest.substr(2));
        if (rest[1] == 'Q' && number && *number >= 1 && *number <= 4)
            return Period::quarter(the_year, *number);
        if (rest[1] == 'S' && number && *number >= 1 && *number <= 2)
            return Period::semester(the_year, *number);
        const auto month_number = digits(rest.substr(1));
        if (month_number && *month_number >= 1 && *month_number <= 12)
            return Period::month(the_year,
                                 std::chrono::month{static_cast<unsigned>(*month_number)});
    }
    return fail();
}

}  // namespace loket::survey
