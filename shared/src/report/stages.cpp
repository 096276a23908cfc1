// Stages (docs/metrics.md, "Visit stages"): the range's tickets read in pages of ids with
// their visits, the counter holders, recalls and reactivations of the range loaded once.
#include <algorithm>

#include "report_parts.hpp"

namespace loket::report {

Spans merged(Spans spans) {
    // Often already in order (a range's days one after the other): no sort then.
    if (!std::is_sorted(spans.begin(), spans.end()))
        std::sort(spans.begin(), spans.end());
    Spans out;
    for (const Span& s : spans) {
        if (s.second <= s.first)
            continue;
        if (!out.empty() && s.first <= out.back().second)
            out.back().second = std::max(out.back().second, s.second);
        else
            out.push_back(s);
    }
    return out;
}

Spans intersect(const Spans& a, const Spans& b) {
    Spans out;
    std::size_t i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        const std::int64_t from = std::max(a[i].first, b[j].first);
        const std::int64_t to = std::min(a[i].second, b[j].second);
        if (from < to)
            out.emplace_back(from, to);
        (a[i].second < b[j].second) ? ++i : ++j;
    }
    return out;
}

Spans subtract(const Spans& a, const Spans& b) {
    Spans out;
    std::size_t j = 0;
    for (Span s : a) {
        while (j < b.size() && b[j].second <= s.first)
            ++j;
        std::size_t k = j;
        while (k < b.size() && b[k].first < s.second) {
            if (b[k].first > s.first)
                out.emplace_back(s.first, b[k].first);
            s.first = std::max(s.first, b[k].second);
            ++k;
        }
        if (s.first < s.second)
            out.push_back(s);
    }
    return out;
}

double minutes_of(const Spans& spans) {
    std::int64_t total = 0;
    for (const Span& s : spans)
        total += s.second - s.first;
    return static_cast<double>(total) / kMsPerMinute;
}

std::optional<double> minutes_between(std::optional<std::int64_t> from,
                                      std::optional<std::int64_t> to) {
    if (!from || !to)
        return std::nullopt;
    return static_cast<double>(*to - *from) / kMsPerMinute;
}

// ---------------------------------------------------------------------------------------------
// Stages

std::optional<double> Stage::wait_minutes() const {
    return minutes_between(start_ms, called_ms);
}
std::optional<double> Stage::wait_last_call_minutes() const {
    return minutes_between(start_ms, last_called_ms);
}
std::optional<double> Stage::walk_minutes() const {
    return minutes_between(last_called_ms, started_ms);
}
std::optional<double> Stage::service_minutes() const {
    if (outcome != "done")
        return std::nullopt;
    return minutes_between(started_ms, ended_ms);
}

StageReader::StageReader(QueueStore& store, const Query& query, TimePoint now)
    : state_(std::make_unique<State>(store, query, now)) {}
StageReader::~StageReader() = default;

std::vector<Stage> StageReader::next_page() {
    return state_->next_page();
}

bool StageReader::matches(const Stage& s) const {
    const Query& q = state_->query;
    return (q.service.empty() || s.service == q.service) &&
           (!q.counter || s.counter == q.counter) && (q.staff.empty() || s.staff == q.staff);
}

}  // namespace loket::report
