#pragma once
// The survey as its store gives it back, as plain values: where a response came from, the
// receipt a client gets (never the answers), and a stored entry of the follow-up plan. No
// JSON: the protocol writes them (loket/survey_wire.hpp, assets/openapi.json).
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "loket/survey.hpp"

namespace loket::survey {

// Where a response came from.
enum class Channel {
    Visit,    // the applicant's phone, from the ticket's (or the receipt's) status page
    Counter,  // the counter's tablet, for the ticket just finished there
    Kiosk,    // a kiosk, without a ticket
};
std::string_view to_string(Channel channel);

// What a stored response answers a client: never its answers, never the visit.
struct Receipt {
    Channel channel = Channel::Visit;
    std::string service;
    std::string permit_id;
    std::string local_date;  // YYYY-MM-DD, office-local
    std::string period;      // the month, "2026-12"
    bool replayed = false;   // a retry with the same idempotency key
};

// An entry of a period's follow-up plan as stored: the plan, its id and its last change.
struct StoredFollowUp {
    std::int64_t id = 0;
    std::string period;  // the period key
    FollowUp plan;
    std::chrono::sys_time<std::chrono::milliseconds> updated_at{};
    std::string updated_by;
};

}  // namespace loket::survey
