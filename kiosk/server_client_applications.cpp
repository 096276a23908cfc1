// Applications (berkas): a file's public status and the pickup ticket of a ready one.
#include <string>

#include "server_client.hpp"
#include "server_client_internal.hpp"

namespace loket::kiosk {

using namespace server_client_detail;

namespace {

ApplicationPublic read_application_public(const WireObject& o) {
    ApplicationPublic a;
    a.number = o.str("number");
    if (a.number.empty() || a.number.size() > 64)
        throw WireError(o.where("number"), "is not a registration number");
    const WireObject permit = o.child("permit");
    a.permit_id = permit.str_or("id", "");
    a.permit_name = permit.str("name");
    a.registered_at_ms = o.opt_int("registered_at", 0, std::int64_t(1) << 50).value_or(0);
    const WireObject stage = o.child("stage");
    a.stage_code = stage.str("code");
    a.stage_text = stage.str("text");
    a.stage_text_en = stage.str_or("text_en", a.stage_text);
    a.due_ms = o.opt_int("due", 0, std::int64_t(1) << 50);
    a.needed = o.str_or("needed", "");
    a.ready = o.boolean("ready");
    return a;
}

}  // namespace

Result<ApplicationPublic> parse_application_public(const net::HttpResult& reply) {
    return parse_reply<ApplicationPublic>(reply, read_application_public);
}

Result<PickupIssued> parse_pickup_ticket(const net::HttpResult& reply) {
    const Result<IssuedTicket> ticket = parse_issued(reply);
    if (!ticket.ok())
        return ticket.failure();
    return parse_reply<PickupIssued>(reply, [&ticket](const WireObject& o) {
        PickupIssued out{ticket.value(), read_application_public(o.child("application"))};
        if (!out.ticket.permit_name || out.ticket.permit_name->empty())
            out.ticket.permit_name = out.application.permit_name;
        if (!out.ticket.permit_id && !out.application.permit_id.empty())
            out.ticket.permit_id = out.application.permit_id;
        return out;
    });
}

Result<ApplicationPublic> ServerClient::application_status(std::string_view number,
                                                           std::string_view token) {
    if (token.empty())
        return parse_application_public(
            http_->get("/applications/lookup?number=" + url_encode(number.substr(0, 64))));
    return parse_application_public(
        http_->get("/public/applications/status?number=" + url_encode(number.substr(0, 64)) +
                   "&token=" + url_encode(token.substr(0, 32))));
}

Result<PickupIssued> ServerClient::pickup_ticket(std::string_view number, std::string_view token,
                                                 std::string_view idempotency_key) {
    const nlohmann::json body = {{"number", std::string(number.substr(0, 64))},
                                 {"token", std::string(token.substr(0, 32))}};
    return parse_pickup_ticket(http_->post("/applications/pickup-ticket", body, idempotency_key));
}

}  // namespace loket::kiosk
