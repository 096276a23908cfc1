// Tickets from kiosks, counter staff's actions, and supervisors' actions on any ticket of today.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <regex>
#include <set>

#include "api.hpp"
#include "api_call.hpp"
#include "api_parts.hpp"
#include "loket/input_error.hpp"
#include "loket/qr_svg.hpp"
#include "loket/read_file.hpp"
#include "loket/receipt_print.hpp"
#include "loket/survey.hpp"
#include "web_security.hpp"

namespace loket::server {

using nlohmann::json;

// ---------------------------------------------------------------------------------------------
// Tickets from kiosks

void Api::install_tickets(httplib::Server& server) {
    add(server, "POST", "/tickets", Access::Kiosk, &Api::issue_ticket);
    add(server, "POST", "/tickets/{ticket_id}/print", Access::Kiosk, &Api::record_print_status);
}

void Api::issue_ticket(Call& c) {
    if (c.device && !ticket_limiter_.allow(c.device->name, c.device->tickets_per_minute,
                                           std::max(5.0, c.device->tickets_per_minute / 6.0))) {
        throw ApiError(429, "rate_limited",
                       "this kiosk is issuing tickets faster than allowed; is the screen stuck?");
    }
    Body body(c.req);
    body.only({"service", "priority", "permit_id", "idempotency_key"});
    IssueRequest request;
    request.service = body.string("service", 64);
    if (const auto priority = body.optional_string("priority", 32);
        priority && !priority->empty()) {
        const auto parsed = parse_priority(*priority);
        if (!parsed) {
            throw ApiError(400, "invalid_field",
                           "priority must be lansia, disabilitas or ibu_hamil", "priority");
        }
        request.priority = *parsed;
    }
    if (const auto permit = body.optional_string("permit_id", 64); permit && !permit->empty()) {
        if (!c.catalog().find(*permit)) {
            throw ApiError(400, "unknown_permit", "no permit with id '" + *permit + "'",
                           "permit_id");
        }
        request.permit_id = *permit;
        request.permit_version = c.live_catalog->version_of(*permit);
    }
    request.idempotency_key = scoped_idempotency_key(c.req, body, c.who());
    if (!d_.store.config()->find_service(request.service)) {
        throw ApiError(400, "unknown_service", "service '" + request.service + "' does not exist",
                       "service");
    }
    const IssueResult result = d_.store.issue(request, c.now);
    const std::string base = public_base(c);
    json ticket = to_json(result.ticket);
    ticket["status_token"] = result.ticket.status_token;
    const auto config_snapshot = d_.store.config();
    const OfficeConfig& config = *config_snapshot;
    const catalog::Permit* permit =
        request.permit_id.empty() ? nullptr : c.catalog().find(request.permit_id);
    c.reply(result.replayed ? 200 : 201,
            {{"ticket", ticket},
             {"replayed", result.replayed},
             {"people_ahead", result.people_ahead},
             {"estimate_minutes", estimate_json(result.estimate)},
             {"status_url", base + "/s/" + result.ticket.status_token},
             {"service", service_ref_json(*config.find_service(result.ticket.origin_service))},
             {"permit", permit ? json{{"id", permit->id}, {"name", permit->name}} : json(nullptr)},
             {"office", office_ref_json(config, c.now)}});
}

void Api::record_print_status(Call& c) {
    Body body(c.req);
    body.only({"status", "problem"});
    const std::string status_text = body.string("status", 32);
    const auto status = parse_print_status(status_text);
    if (!status || *status == PrintStatus::Pending) {
        throw ApiError(400, "invalid_field",
                       "status must be printed, printed_with_warning, failed or not_printed",
                       "status");
    }
    const std::string problem = body.optional_string("problem", 200).value_or("");
    const Ticket t = d_.store.set_print_status(std::stoll(c.param(1)), *status, problem, c.now);
    if (*status != PrintStatus::Printed) {
        spdlog::warn("printer at {}: ticket {} {} ({})", c.who(), t.number, status_text, problem);
    }
    c.reply(200, {{"ticket", to_json(t)}});
}

// ---------------------------------------------------------------------------------------------
// Counter staff

// A counter with its receipt printer's paper width (the printer's address stays on the
// server), so the console offers printing the receipt there.
json Api::counter_json(const CounterStatus& counter) const {
    json out = to_json(counter);
    const auto config = d_.store.config();
    const CounterDef* def = config->find_counter(counter.number);
    out["printer"] = def && def->printer ? json{{"paper_width_mm", def->printer->paper_width_mm}}
                                         : json(nullptr);
    return out;
}

namespace {

survey::SurveyInputError pause_body_refusal(const char* field, const std::string& reason_en,
                                            const std::string& reason_id, const char* code) {
    return survey::SurveyInputError("request body", field, reason_en, reason_id, code);
}

// {"reason_code": "prayer", "note": "..."} (loket/pause_reason.hpp), or the body of a console
// opened before the codes, {"reason": "Sholat"}, read as its old labels.
PauseReason pause_reason_from_body(const Body& body) {
    refuse_unknown_fields(body.doc(), {"reason_code", "note", "reason"});
    const auto text = [&](const char* name) -> std::optional<std::string> {
        const nlohmann::json* v = body.get(name);
        if (v == nullptr)
            return std::nullopt;
        if (!v->is_string() || v->get_ref<const std::string&>().size() > 200) {
            throw pause_body_refusal(name, "must be text of at most 200 bytes",
                                     "harus berupa teks paling panjang 200 byte", "invalid_field");
        }
        return v->get<std::string>();
    };
    const auto code = text("reason_code");
    const auto note = text("note");
    const auto old_reason = text("reason");
    if (!code && old_reason && !old_reason->empty() && !note)
        return legacy_pause_reason(*old_reason);
    const std::string codes = "break, prayer, lunch, meeting, other";
    if (!code) {
        throw pause_body_refusal("reason_code", "is required, one of " + codes,
                                 "wajib diisi, salah satu dari " + codes, "missing_field");
    }
    if (old_reason) {
        throw pause_body_refusal("reason", "goes with no reason_code: send reason_code and note",
                                 "tidak dipakai bersama reason_code: kirim reason_code dan note",
                                 "invalid_field");
    }
    const auto parsed = parse_pause_code(*code);
    if (!parsed) {
        throw pause_body_refusal("reason_code", "must be one of " + codes,
                                 "harus salah satu dari " + codes, "invalid_field");
    }
    return {*parsed, note.value_or("")};
}

}  // namespace

void Api::install_counters(httplib::Server& server) {
    add(server, "GET", "/counters", Access::Staff, &Api::list_counters);
    add(server, "GET", "/counters/{number}", Access::Staff, &Api::read_counter);
    add(server, "GET", "/counters/{number}/waiting", Access::Staff, &Api::list_waiting);
    add(server, "GET", "/counters/{number}/stats", Access::Staff, &Api::counter_stats);
    add(server, "POST", "/counters/{number}/open", Access::Staff, [this](Call& c) {
        Body(c.req).only({});
        c.reply(200, to_json(d_.store.open_counter(c.counter(), c.staff(), c.now)));
    });
    add(server, "POST", "/counters/{number}/close", Access::Staff, [this](Call& c) {
        Body(c.req).only({});
        c.reply(200, to_json(d_.store.close_counter(c.counter(), c.staff(), c.now)));
    });
    add(server, "POST", "/counters/{number}/pause", Access::Staff, [this](Call& c) {
        c.reply(200, to_json(d_.store.pause_counter(c.counter(), c.staff(),
                                                    pause_reason_from_body(Body(c.req)), c.now)));
    });
    add(server, "POST", "/counters/{number}/resume", Access::Staff, [this](Call& c) {
        Body(c.req).only({});
        c.reply(200, to_json(d_.store.resume_counter(c.counter(), c.staff(), c.now)));
    });
    // Taking over a counter another staff member opened. A staff member may take over only
    // from a holder who is no longer logged in (logged out, session expired, account
    // disabled): the counter was left behind. While the holder is still logged in only a
    // supervisor or admin may, and that takeover is recorded as forced (a clerk's PC died, a
    // clerk went home without closing). The console asks for confirmation first.
    add(server, "POST", "/counters/{number}/take-over", Access::Staff, &Api::take_over_counter);
    add(server, "POST", "/counters/{number}/call-next", Access::Staff, &Api::call_next);
    add(server, "POST", "/counters/{number}/call", Access::Staff, &Api::call_number);
    using Action = Ticket (QueueStore::*)(int, const StaffRef&, TimePoint);
    const std::vector<std::pair<std::string, Action>> simple = {
        {"recall", &QueueStore::recall},
        {"start", &QueueStore::start_serving},
        {"finish", &QueueStore::finish},
        {"no-show", &QueueStore::no_show},
    };
    for (const auto& entry : simple) {
        const auto& action = entry.first;
        const auto method = entry.second;  // captured below: clang 14 cannot capture bindings
        add(server, "POST", "/counters/{number}/" + action, Access::Staff, [this, method](Call& c) {
            Body(c.req).only({});
            c.reply(200, {{"ticket", to_json((d_.store.*method)(c.counter(), c.staff(), c.now))}});
        });
    }
    add(server, "POST", "/counters/{number}/transfer", Access::Staff, &Api::transfer_from_counter);
}

void Api::list_counters(Call& c) {
    json list = json::array();
    for (const auto& counter : d_.store.counters())
        list.push_back(counter_json(counter));
    c.reply(200, {{"counters", list}});
}

void Api::read_counter(Call& c) {
    const int n = c.counter();
    if (!d_.store.config()->find_counter(n))
        throw QueueError("unknown_counter", "counter " + std::to_string(n) + " does not exist");
    c.reply(200, counter_json(d_.store.counter(n)));
}

void Api::list_waiting(Call& c) {
    const auto config_snapshot = d_.store.config();
    const OfficeConfig& config = *config_snapshot;
    const CounterDef* def = config.find_counter(c.counter());
    if (!def)
        throw QueueError("unknown_counter", "counter " + c.param(1) + " does not exist");
    json list = json::array();
    for (const auto& t : d_.store.waiting(def->services, c.now)) {
        json item = to_json(t);
        const catalog::Permit* permit =
            t.permit_id.empty() ? nullptr : c.catalog().find(t.permit_id);
        item["permit_name"] = permit ? json(permit->name) : json(nullptr);
        item["waited_minutes"] =
            std::chrono::duration_cast<std::chrono::minutes>(c.now - t.issued_at).count();
        list.push_back(std::move(item));
    }
    c.reply(200, {{"tickets", list}});
}

void Api::counter_stats(Call& c) {
    if (!d_.store.config()->find_counter(c.counter()))
        throw QueueError("unknown_counter", "counter " + c.param(1) + " does not exist");
    const CounterDayStats stats = d_.store.counter_day_stats(c.counter(), c.now);
    c.reply(200, {{"served", stats.served},
                  {"no_shows", stats.no_shows},
                  {"average_service_minutes", stats.average_service_minutes
                                                  ? json(*stats.average_service_minutes)
                                                  : json(nullptr)}});
}

void Api::take_over_counter(Call& c) {
    Body(c.req).only({});
    const CounterStatus counter = d_.store.counter(c.counter());
    if (counter.state == CounterState::Closed)
        throw QueueError("counter_closed", counter.name + " is closed; open it instead");
    const bool holder_logged_in = !counter.staff.empty() && counter.staff != c.session->user.name &&
                                  d_.auth.has_live_session(counter.staff, c.now);
    if (holder_logged_in && c.session->user.role < Role::Supervisor) {
        throw QueueError("takeover_needs_supervisor",
                         counter.name + " is operated by " + counter.staff +
                             ", who is still logged in; ask them to close it or log out, "
                             "or ask a supervisor to take it over",
                         {{"holder", {{"name", counter.staff}}}});
    }
    const CounterStatus taken =
        d_.store.take_over(c.counter(), c.staff(), counter.staff, holder_logged_in, c.now);
    if (counter.staff != taken.staff) {
        spdlog::info("{} took over {} from {}{}", c.who(), counter.name, counter.staff,
                     holder_logged_in ? " (forced)" : "");
    }
    c.reply(200, to_json(taken));
}

void Api::call_next(Call& c) {
    Body(c.req).only({});
    const auto ticket = d_.store.call_next(c.counter(), c.staff(), c.now);
    json reply = {{"ticket", ticket ? to_json(*ticket) : json(nullptr)}};
    if (ticket)
        add_pickup_application(c, *ticket, reply);
    c.reply(200, reply);
}

void Api::call_number(Call& c) {
    Body body(c.req);
    body.only({"number"});
    const Ticket ticket =
        d_.store.call_number(c.counter(), c.staff(), body.string("number", 16), c.now);
    json reply = {{"ticket", to_json(ticket)}};
    add_pickup_application(c, ticket, reply);
    c.reply(200, reply);
}

void Api::transfer_from_counter(Call& c) {
    Body body(c.req);
    body.only({"service", "note"});
    const std::string service = body.string("service", 64);
    const std::string note = body.optional_string("note", 500).value_or("");
    if (!d_.store.config()->find_service(service)) {
        throw ApiError(400, "unknown_service", "service '" + service + "' does not exist",
                       "service");
    }
    c.reply(200, {{"ticket", to_json(d_.store.transfer_from_counter(c.counter(), c.staff(), service,
                                                                    note, c.now))}});
}

// ---------------------------------------------------------------------------------------------
// Supervisors: any ticket of today by number

void Api::install_supervisor(httplib::Server& server) {
    add(server, "GET", "/tickets", Access::Supervisor, &Api::list_tickets);
    add(server, "POST", "/tickets/{ticket}/reactivate", Access::Supervisor, [this](Call& c) {
        Body(c.req).only({});
        c.reply(200, {{"ticket", to_json(d_.store.reactivate(c.param(1), c.staff(), c.now))}});
    });
    add(server, "POST", "/tickets/{ticket}/cancel", Access::Supervisor, [this](Call& c) {
        Body body(c.req);
        body.only({"reason"});
        c.reply(200, {{"ticket", to_json(d_.store.cancel(c.param(1), c.staff(),
                                                         body.string("reason", 500), c.now))}});
    });
    add(server, "POST", "/tickets/{ticket}/transfer", Access::Supervisor, &Api::transfer_ticket);
}

void Api::list_tickets(Call& c) {
    std::string date = c.req.get_param_value("date");
    if (date.empty())
        date = format_date_iso(to_local(c.now, d_.store.config()->zone).date);
    if (!parse_date_iso(date))
        throw ApiError(400, "invalid_field", "date must look like 2026-11-23", "date");
    json list = json::array();
    for (const auto& t : d_.store.tickets_on(date))
        list.push_back(to_json(t));
    c.reply(200, {{"date", date}, {"tickets", list}});
}

void Api::transfer_ticket(Call& c) {
    Body body(c.req);
    body.only({"service", "note"});
    const std::string service = body.string("service", 64);
    if (!d_.store.config()->find_service(service)) {
        throw ApiError(400, "unknown_service", "service '" + service + "' does not exist",
                       "service");
    }
    c.reply(200, {{"ticket", to_json(d_.store.transfer(
                                 c.param(1), c.staff(), service,
                                 body.optional_string("note", 500).value_or(""), c.now))}});
}

}  // namespace loket::server
