#pragma once
// The floor as values: one recorded event, each service's line as a newcomer would join it, and
// the snapshot a waiting-room screen or a supervisor starts from. The store fills them; the
// protocol library writes them (loket/wire_writer.hpp).
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "loket/ticket.hpp"
#include "loket/time.hpp"

namespace loket {

// One entry of the event log: what changed, as the stream and the central sync carry it.
struct Event {
    std::int64_t id = 0;  // monotonic, never reused; the SSE id
    std::string type;     // one of protocol::kEventTypes ("ticket.issued", ...)
    TimePoint at{};
    nlohmann::json payload;  // written by the protocol library's writers
};

struct ServiceSummary {
    std::string id;
    int waiting = 0;
    int open_counters = 0;
    // For a normal ticket taken now: the tickets called before it by the ratio rule
    // (people_ahead_by_rule), and its estimate.
    int people_ahead = 0;
    WaitEstimate estimate;
};

// What a waiting-room screen or a supervisor starts from, read in one transaction so that
// replaying events after last_event_id gives exactly the changes since.
struct FloorSnapshot {
    std::int64_t last_event_id = 0;
    std::vector<CounterStatus> counters;
    std::vector<ServiceSummary> services;
    std::vector<Event> recent_calls;  // newest first
};

}  // namespace loket
