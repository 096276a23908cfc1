#pragma once
// Time spans as the report counts counter time (docs/metrics.md "Staff"): open, paused, idle.
// Shared with central, which counts the same figures from the shipped events.
#include <cstdint>
#include <utility>
#include <vector>

namespace loket::report {

using Span = std::pair<std::int64_t, std::int64_t>;  // [from, to) in Unix ms
using Spans = std::vector<Span>;

// Sorted, non-overlapping, without empty spans.
Spans merged(Spans spans);

// Both merged.
Spans intersect(const Spans& a, const Spans& b);

// a minus b, both merged.
Spans subtract(const Spans& a, const Spans& b);

double minutes_of(const Spans& spans);

}  // namespace loket::report
