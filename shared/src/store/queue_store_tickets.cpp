// QueueStore's ticket operations outside a counter: issue, status, print status, reactivate,
// transfer and cancel by number.
#include "queue_store_tx.hpp"

namespace loket {

IssueResult QueueStore::issue(const IssueRequest& request, TimePoint now) {
    return write(now, [&](Tx& tx) { return tx.issue_ticket(request, nlohmann::json::object()); });
}

TicketPosition QueueStore::status_by_token(std::string_view token, TimePoint now) const {
    return read(now, [&](Tx& tx) {
        auto t = tx.ticket_where("status_token = ?", std::string(token));
        if (!t)
            throw QueueError("not_found", "no ticket has this status token");
        TicketPosition position;
        position.ticket = *t;
        position.people_ahead = tx.people_ahead(*t);
        position.estimate = tx.estimate(t->service, position.people_ahead);
        return position;
    });
}

Ticket QueueStore::set_print_status(std::int64_t ticket_id, PrintStatus status, std::string problem,
                                    TimePoint now) {
    return write(now, [&](Tx& tx) {
        tx.ticket_by_id(ticket_id);
        auto& q = tx.sql("UPDATE tickets SET print_status = ?, print_problem = ? WHERE id = ?");
        q.bind(1, std::string(to_string(status)));
        q.bind(2, problem);
        q.bind(3, static_cast<std::int64_t>(ticket_id));
        q.exec();
        Ticket t = tx.ticket_by_id(ticket_id);
        tx.record(protocol::event::ticket_print_status, tx.ticket_payload(t));
        return t;
    });
}

Ticket QueueStore::reactivate(std::string_view number, const StaffRef& by, TimePoint now) {
    return write(now, [&](Tx& tx) {
        // ticket_today only finds today's tickets: a no-show is reactivated the same day only.
        Ticket t = tx.ticket_today(number);
        tx.require_state(t, {TicketState::NoShow}, "reactivate");
        auto& q = tx.sql(
            "UPDATE tickets SET state = 'waiting', counter = NULL, called_ms = NULL, "
            "started_ms = NULL, finished_ms = NULL, call_count = 0 WHERE id = ?");
        q.bind(1, static_cast<std::int64_t>(t.id));
        q.exec();
        t = tx.ticket_by_id(t.id);
        tx.record(protocol::event::ticket_reactivated, tx.ticket_payload(t, by));
        return t;
    });
}

Ticket QueueStore::transfer(std::string_view number, const StaffRef& by,
                            std::string_view to_service, std::string note, TimePoint now) {
    return write(now, [&](Tx& tx) {
        return tx.transfer_ticket(tx.ticket_today(number), to_service, note, &by);
    });
}

Ticket QueueStore::cancel(std::string_view number, const StaffRef& by, std::string reason,
                          TimePoint now) {
    return write(now, [&](Tx& tx) {
        Ticket t = tx.ticket_today(number);
        tx.require_state(
            t,
            {TicketState::Waiting, TicketState::Called, TicketState::Serving, TicketState::NoShow},
            "cancel");
        if (reason.size() > 500)
            throw QueueError("invalid_request", "reason is longer than 500 characters");
        tx.end_visit(t.id, "cancelled");
        auto& q = tx.sql(
            "UPDATE tickets SET state = 'cancelled', finished_ms = ?, note = ? WHERE id = ?");
        q.bind(1, static_cast<std::int64_t>(to_millis(now)));
        q.bind(2, reason);
        q.bind(3, static_cast<std::int64_t>(t.id));
        q.exec();
        t = tx.ticket_by_id(t.id);
        tx.record(protocol::event::ticket_cancelled, tx.ticket_payload(t, by));
        return t;
    });
}

}  // namespace loket
