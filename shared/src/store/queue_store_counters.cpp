// QueueStore's counter operations: open, close, pause, resume, take over, and the work on the
// counter's ticket (call, recall, start, finish, no-show, transfer).
#include <algorithm>

#include "queue_store_tx.hpp"

namespace loket {

CounterStatus QueueStore::open_counter(int counter, const StaffRef& by, TimePoint now) {
    return write(now, [&](Tx& tx) {
        tx.require_holder(counter, by);
        return tx.set_counter(counter, CounterState::Open, nullptr, by, true,
                              protocol::event::counter_opened);
    });
}

CounterStatus QueueStore::close_counter(int counter, const StaffRef& by, TimePoint now) {
    return write(now, [&](Tx& tx) {
        const CounterDef& def = tx.counter_def(counter);
        tx.require_holder(counter, by);
        if (auto active = tx.active_ticket(counter)) {
            throw QueueError("counter_busy", def.name + " still has " + active->number +
                                                 "; finish, mark no-show or transfer it first");
        }
        return tx.set_counter(counter, CounterState::Closed, nullptr, by, false,
                              protocol::event::counter_closed);
    });
}

CounterStatus QueueStore::pause_counter(int counter, const StaffRef& by, std::string_view reason,
                                        TimePoint now) {
    if (reason.empty())
        throw QueueError("invalid_request", "a pause needs a reason");
    return pause_counter(counter, by, legacy_pause_reason(reason), now);
}

CounterStatus QueueStore::pause_counter(int counter, const StaffRef& by, const PauseReason& reason,
                                        TimePoint now) {
    return write(now, [&](Tx& tx) {
        const CounterDef& def = tx.counter_def(counter);
        tx.require_holder(counter, by);
        if (tx.counter_state(counter) != CounterState::Open) {
            throw QueueError("invalid_state", def.name + " is not open");
        }
        if (auto active = tx.active_ticket(counter)) {
            throw QueueError("counter_busy", def.name + " still has " + active->number +
                                                 "; finish, mark no-show or transfer it first");
        }
        return tx.set_counter(counter, CounterState::Paused, &reason, by, false,
                              protocol::event::counter_paused);
    });
}

CounterStatus QueueStore::resume_counter(int counter, const StaffRef& by, TimePoint now) {
    return write(now, [&](Tx& tx) {
        const CounterDef& def = tx.counter_def(counter);
        tx.require_holder(counter, by);
        if (tx.counter_state(counter) != CounterState::Paused) {
            throw QueueError("invalid_state", def.name + " is not paused");
        }
        return tx.set_counter(counter, CounterState::Open, nullptr, by, false,
                              protocol::event::counter_resumed);
    });
}

CounterStatus QueueStore::take_over(int counter, const StaffRef& by,
                                    std::string_view expected_holder, bool forced, TimePoint now) {
    return write(now, [&](Tx& tx) {
        const CounterDef& def = tx.counter_def(counter);
        if (tx.counter_state(counter) == CounterState::Closed) {
            throw QueueError("counter_closed", def.name + " is closed; open it instead");
        }
        const std::string previous = tx.holder(counter);
        if (previous != expected_holder) {
            throw QueueError("counter_taken_by_other",
                             def.name + " changed hands meanwhile; it is now operated by " +
                                 (previous.empty() ? std::string("nobody") : previous),
                             {{"holder", {{"name", previous}}}});
        }
        if (previous == by.name)
            return tx.counter_status(counter);  // already theirs: nothing to record
        auto& q = tx.sql("UPDATE counters SET staff = ? WHERE number = ?");
        q.bind(1, by.name);
        q.bind(2, counter);
        q.exec();
        const CounterStatus status = tx.counter_status(counter);
        tx.record(protocol::event::counter_taken_over,
                  protocol::counter_taken_over_payload(status, by, previous, forced,
                                                       tx.waiting_counts()));
        return status;
    });
}

std::optional<int> QueueStore::counter_held_by(std::string_view staff) const {
    return read(now_utc(), [&](Tx& tx) -> std::optional<int> {
        if (staff.empty())
            return std::nullopt;
        auto& q = tx.sql(
            "SELECT number FROM counters WHERE staff = ? AND state IN ('open', 'paused') "
            "ORDER BY number");
        q.bind(1, std::string(staff));
        while (q.executeStep()) {
            const int number = q.getColumn(0).getInt();
            if (tx.config.find_counter(number))  // not one removed from the settings
                return number;
        }
        return std::nullopt;
    });
}

std::optional<Ticket> QueueStore::call_next(int counter, const StaffRef& by, TimePoint now) {
    return write(now, [&](Tx& tx) -> std::optional<Ticket> {
        tx.require_holder(counter, by);
        tx.require_ready_to_call(counter);
        std::vector<ServiceHeads> heads;
        for (const auto& service_id : tx.counter_def(counter).services) {
            const ServiceDef* service = tx.config.find_service(service_id);
            if (!service)
                continue;
            ServiceHeads h;
            h.service = service_id;
            h.priority_max_in_row = service->priority_max_in_row;
            h.priority_streak = tx.streak(service_id);
            const std::string head_sql =
                "local_date = ? AND service = ? AND state = 'waiting' AND is_priority = ? "
                "ORDER BY arrival_ms, id LIMIT 1";
            h.first_priority = tx.ticket_where(head_sql, tx.today, service_id, 1);
            h.first_normal = tx.ticket_where(head_sql, tx.today, service_id, 0);
            heads.push_back(std::move(h));
        }
        const auto chosen = choose_next(heads);
        if (!chosen)
            return std::nullopt;
        return tx.claim(*chosen, counter, by);
    });
}

Ticket QueueStore::call_number(int counter, const StaffRef& by, std::string_view number,
                               TimePoint now) {
    return write(now, [&](Tx& tx) {
        tx.require_holder(counter, by);
        tx.require_ready_to_call(counter);
        Ticket t = tx.ticket_today(number);
        tx.require_state(t, {TicketState::Waiting}, "call");
        const auto& services = tx.counter_def(counter).services;
        if (std::find(services.begin(), services.end(), t.service) == services.end()) {
            throw QueueError("wrong_service", t.number + " waits for " + t.service +
                                                  ", which this counter does not serve; "
                                                  "transfer it first");
        }
        return tx.claim(t, counter, by);
    });
}

Ticket QueueStore::recall(int counter, const StaffRef& by, TimePoint now) {
    return write(now, [&](Tx& tx) {
        tx.require_holder(counter, by);
        Ticket t = tx.require_active(counter);
        tx.require_state(t, {TicketState::Called}, "recall");
        auto& q = tx.sql("UPDATE tickets SET call_count = call_count + 1 WHERE id = ?");
        q.bind(1, static_cast<std::int64_t>(t.id));
        q.exec();
        t = tx.ticket_by_id(t.id);
        tx.record(protocol::event::ticket_recalled, tx.ticket_payload(t, by));
        return t;
    });
}

Ticket QueueStore::start_serving(int counter, const StaffRef& by, TimePoint now) {
    return write(now, [&](Tx& tx) {
        tx.require_holder(counter, by);
        Ticket t = tx.require_active(counter);
        tx.require_state(t, {TicketState::Called}, "start serving");
        tx.mark_started(t.id, now);
        t = tx.ticket_by_id(t.id);
        tx.record(protocol::event::ticket_started, tx.ticket_payload(t, by));
        return t;
    });
}

Ticket QueueStore::finish(int counter, const StaffRef& by, TimePoint now) {
    return write(now, [&](Tx& tx) {
        tx.require_holder(counter, by);
        Ticket t = tx.require_active(counter);
        tx.require_state(t, {TicketState::Called, TicketState::Serving}, "finish");
        const bool implicit_start = t.state == TicketState::Called;
        if (implicit_start) {
            // Served without pressing Start. The service began when the applicant reached the
            // counter, moments after the call, so the call time is the closest moment known;
            // the finish time would record a service of zero minutes and skew every service
            // figure. Waiting time (issued to called) and service time (started to finished)
            // both stay readable from the one "ticket.finished" event's ticket.
            tx.mark_started(t.id, t.called_at.value_or(now));
        }
        return tx.end_active(t, by, "done", protocol::event::ticket_finished,
                             protocol::finish_facts(implicit_start));
    });
}

Ticket QueueStore::no_show(int counter, const StaffRef& by, TimePoint now) {
    return write(now, [&](Tx& tx) {
        tx.require_holder(counter, by);
        Ticket t = tx.require_active(counter);
        tx.require_state(t, {TicketState::Called}, "mark as no-show");
        return tx.end_active(t, by, "no_show", protocol::event::ticket_no_show);
    });
}

Ticket QueueStore::transfer_from_counter(int counter, const StaffRef& by,
                                         std::string_view to_service, std::string note,
                                         TimePoint now) {
    return write(now, [&](Tx& tx) {
        tx.require_holder(counter, by);
        return tx.transfer_ticket(tx.require_active(counter), to_service, note, &by);
    });
}

}  // namespace loket
