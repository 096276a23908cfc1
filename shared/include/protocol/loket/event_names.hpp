#pragma once
// Every event type the server records, named once: the store refuses any other, so a new type
// cannot reach the stream unnoticed, and the contract check (tests/contract/check_replies.py)
// requires a schema in assets/openapi.json and an example from the stream for each. Writers and
// readers name a type by its constant (protocol::event::ticket_called), never by a literal.
#include <algorithm>
#include <array>
#include <map>
#include <string>
#include <string_view>

namespace loket::protocol {

namespace event {
inline constexpr std::string_view ticket_issued = "ticket.issued";
inline constexpr std::string_view ticket_called = "ticket.called";
inline constexpr std::string_view ticket_recalled = "ticket.recalled";
inline constexpr std::string_view ticket_started = "ticket.started";
inline constexpr std::string_view ticket_finished = "ticket.finished";
inline constexpr std::string_view ticket_no_show = "ticket.no_show";
inline constexpr std::string_view ticket_transferred = "ticket.transferred";
inline constexpr std::string_view ticket_reactivated = "ticket.reactivated";
inline constexpr std::string_view ticket_cancelled = "ticket.cancelled";
inline constexpr std::string_view ticket_print_status = "ticket.print_status";
inline constexpr std::string_view counter_opened = "counter.opened";
inline constexpr std::string_view counter_closed = "counter.closed";
inline constexpr std::string_view counter_paused = "counter.paused";
inline constexpr std::string_view counter_resumed = "counter.resumed";
inline constexpr std::string_view counter_taken_over = "counter.taken_over";
inline constexpr std::string_view settings_changed = "settings.changed";
inline constexpr std::string_view application_incomplete = "application.incomplete";
inline constexpr std::string_view application_registered = "application.registered";
inline constexpr std::string_view application_step_done = "application.step_done";
inline constexpr std::string_view application_returned = "application.returned";
inline constexpr std::string_view application_rejected = "application.rejected";
inline constexpr std::string_view application_paused = "application.paused";
inline constexpr std::string_view application_resumed = "application.resumed";
inline constexpr std::string_view application_assigned = "application.assigned";
inline constexpr std::string_view application_ready = "application.ready";
inline constexpr std::string_view application_pickup_ticket = "application.pickup_ticket";
inline constexpr std::string_view application_picked_up = "application.picked_up";
inline constexpr std::string_view application_receipt_print = "application.receipt_print";
inline constexpr std::string_view application_due_soon = "application.due_soon";
inline constexpr std::string_view survey_responded = "survey.responded";
inline constexpr std::string_view survey_follow_up_changed = "survey.follow_up_changed";
inline constexpr std::string_view complaint_received = "complaint.received";
inline constexpr std::string_view complaint_changed = "complaint.changed";
inline constexpr std::string_view complaint_due_soon = "complaint.due_soon";
inline constexpr std::string_view catalog_changed = "catalog.changed";
}  // namespace event

inline constexpr auto kEventTypes = std::to_array<std::string_view>({
    event::ticket_issued,
    event::ticket_called,
    event::ticket_recalled,
    event::ticket_started,
    event::ticket_finished,
    event::ticket_no_show,
    event::ticket_transferred,
    event::ticket_reactivated,
    event::ticket_cancelled,
    event::ticket_print_status,
    event::counter_opened,
    event::counter_closed,
    event::counter_paused,
    event::counter_resumed,
    event::counter_taken_over,
    event::settings_changed,
    event::application_incomplete,
    event::application_registered,
    event::application_step_done,
    event::application_returned,
    event::application_rejected,
    event::application_paused,
    event::application_resumed,
    event::application_assigned,
    event::application_ready,
    event::application_pickup_ticket,
    event::application_picked_up,
    event::application_receipt_print,
    event::application_due_soon,
    event::survey_responded,
    event::survey_follow_up_changed,
    event::complaint_received,
    event::complaint_changed,
    event::complaint_due_soon,
    event::catalog_changed,
});

// "waiting" of ticket and counter events: service id -> tickets waiting after the change.
using WaitingCounts = std::map<std::string, int>;

constexpr bool is_event_type(std::string_view type) {
    return std::find(kEventTypes.begin(), kEventTypes.end(), type) != kEventTypes.end();
}

// The resource an event is about: the part of its type before the dot.
constexpr std::string_view event_resource(std::string_view type) {
    return type.substr(0, type.find('.'));
}

}  // namespace loket::protocol
