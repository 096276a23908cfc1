#pragma once
// Every event type the server records, in one list: the store refuses any other, so a new type
// cannot reach the stream unnoticed, and the contract check (tests/contract/check_replies.py)
// requires a schema in assets/openapi.json and an example from the stream for each.
#include <algorithm>
#include <array>
#include <string_view>

namespace loket {

inline constexpr auto kEventTypes = std::to_array<std::string_view>({
    "ticket.issued",
    "ticket.called",
    "ticket.recalled",
    "ticket.started",
    "ticket.finished",
    "ticket.no_show",
    "ticket.transferred",
    "ticket.reactivated",
    "ticket.cancelled",
    "ticket.print_status",
    "counter.opened",
    "counter.closed",
    "counter.paused",
    "counter.resumed",
    "counter.taken_over",
    "settings.changed",
    "application.incomplete",
    "application.registered",
    "application.step_done",
    "application.returned",
    "application.rejected",
    "application.paused",
    "application.resumed",
    "application.assigned",
    "application.ready",
    "application.pickup_ticket",
    "application.picked_up",
    "application.receipt_print",
    "application.due_soon",
    "survey.responded",
    "survey.follow_up_changed",
    "complaint.received",
    "complaint.changed",
    "complaint.due_soon",
    "catalog.changed",
});

constexpr bool is_event_type(std::string_view type) {
    return std::find(kEventTypes.begin(), kEventTypes.end(), type) != kEventTypes.end();
}

}  // namespace loket
