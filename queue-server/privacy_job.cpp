#include "privacy_job.hpp"

#include <spdlog/spdlog.h>

#include "loket/input_error.hpp"

namespace loket::server {

std::optional<AnonymiseCounts> DailyAnonymisation::run_if_due(TimePoint now) {
    const std::string today = format_date_iso(to_local(now, store_.config()->zone).date);
    if (today == last_date_)
        return std::nullopt;
    const AnonymiseCounts counts = PrivacyStore(store_).anonymise_expired(now);
    last_date_ = today;
    if (counts.total() > 0) {
        spdlog::info(
            "retention: anonymised {} phones, {} applications, {} complaints, {} event payloads",
            counts.application_phones, counts.applications, counts.complaints, counts.events);
    }
    return counts;
}

TimePoint parse_command_line_instant(const std::string& text, TimeZone zone) {
    if (text.empty())
        return now_utc();
    const auto date = parse_date_iso(text.substr(0, 10));
    std::optional<MinuteOfDay> minute = 0;
    if (text.size() > 10)
        minute = text[10] == 'T' ? parse_hhmm(text.substr(11)) : std::nullopt;
    if (!date || !minute)
        throw InputError("command line", "--now", "must be YYYY-MM-DD or YYYY-MM-DDTHH:MM");
    return from_local(*date, *minute, zone);
}

}  // namespace loket::server
