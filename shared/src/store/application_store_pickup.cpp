// Pickup: the ticket that calls the applicant back, the hand-over and its receipt.
#include "application_store_internal.hpp"
#include "loket/event_names.hpp"
#include "loket/wire_writer.hpp"

namespace loket {

using namespace application_store_detail;

PickupTicketResult ApplicationStore::issue_pickup_ticket(std::string_view number,
                                                         std::string_view token,
                                                         const std::string& idempotency_key,
                                                         TimePoint now) {
    const auto settings = this->settings();
    std::optional<PickupTicketResult> result;
    queue_.run_write(now, [&](StoreTransaction& tx) {
        Work w{tx, *settings, *this};
        auto found = w.find_where("number = ? AND status_token = ?", std::string(number),
                                  std::string(token));
        if (!found)
            throw QueueError("not_found", "no application has this number and token");
        Application app = *found;
        w.load_pauses(app);
        w.require_state(app, {"ready"}, "issue a pickup ticket for");
        if (app.pickup_ticket_id) {
            // One pickup ticket at a time: one still open today is given again.
            const auto earlier = tx.find_ticket_by_id(*app.pickup_ticket_id);
            const std::string today = format_date_iso(to_local(now, tx.config().zone).date);
            if (earlier && earlier->local_date == today &&
                (earlier->state == TicketState::Waiting || earlier->state == TicketState::Called ||
                 earlier->state == TicketState::Serving)) {
                IssueResult again;
                again.ticket = *earlier;
                again.replayed = true;
                result = PickupTicketResult{std::move(app), again};
                return;
            }
        }
        IssueRequest request;
        request.service = settings->pickup_service;
        request.permit_id = app.permit_id;
        request.idempotency_key = idempotency_key;
        IssueResult issued =
            tx.issue_ticket(request, {{"application", {{"id", app.id}, {"number", app.number}}}});
        if (!issued.replayed) {
            app.pickup_ticket_id = issued.ticket.id;
            auto& q =
                tx.sql("UPDATE applications SET pickup_ticket_id = ?, updated_ms = ? WHERE id = ?");
            q.bind(1, issued.ticket.id);
            q.bind(2, ms(now));
            q.bind(3, app.id);
            q.exec();
            w.record(protocol::event::application_pickup_ticket, app, nullptr, std::nullopt,
                     {{"ticket", protocol::to_json(issued.ticket)}});
        }
        result = PickupTicketResult{std::move(app), std::move(issued)};
    });
    return std::move(*result);
}

ApplicationResult ApplicationStore::hand_over(std::int64_t id, const std::string& received_by,
                                              const std::string& note, const Actor& by,
                                              const std::string& idempotency_key,
                                              const std::string& fingerprint, TimePoint now) {
    require_text(received_by, "received_by", 200, true);
    require_text(note, "note", 1000, false);
    return change(
        id, idempotency_key, fingerprint, now,
        [&](Work& w, StoreTransaction& tx, Application& app) {
            w.require_state(app, {"ready"}, "hand over");
            // The phone number was kept only to give news of the file (its consent text says so):
            // erased once the file is collected.
            auto& q = tx.sql(
                "UPDATE applications SET state = 'picked_up', picked_up_ms = ?, handed_over_by = "
                "?, "
                "received_by = ?, phone = '', note = CASE WHEN ? = '' THEN note ELSE ? END, "
                "updated_ms = ? WHERE id = ?");
            q.bind(1, ms(now));
            q.bind(2, by.staff.name);
            q.bind(3, received_by);
            q.bind(4, note);
            q.bind(5, note);
            q.bind(6, ms(now));
            q.bind(7, app.id);
            q.exec();
            app = w.load(id, false);
            w.record(protocol::event::application_picked_up, app, &by.staff, std::nullopt);
        });
}

ApplicationResult ApplicationStore::record_receipt_print(std::int64_t id, int counter,
                                                         const nlohmann::json& print,
                                                         const StaffRef& by, TimePoint now) {
    return change(id, "", "", now, [&](Work& w, StoreTransaction& tx, Application& app) {
        const CounterDef* def = tx.config().find_counter(counter);
        w.record(
            protocol::event::application_receipt_print, app, &by, std::nullopt,
            {{"counter", {{"number", counter}, {"name", def ? def->name : ""}}}, {"print", print}});
    });
}

std::optional<Application> ApplicationStore::for_pickup_ticket(std::int64_t ticket_id,
                                                               const StaffRef& by, TimePoint now) {
    std::optional<std::int64_t> id;
    queue_.run_read(now, [&](StoreTransaction& tx) {
        auto& q = tx.sql("SELECT id FROM applications WHERE pickup_ticket_id = ?");
        q.bind(1, ticket_id);
        if (q.executeStep())
            id = q.getColumn(0).getInt64();
    });
    if (!id)
        return std::nullopt;
    return read_personal(*id, by, "pickup_call", now);
}

}  // namespace loket
