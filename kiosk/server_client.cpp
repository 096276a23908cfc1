// The queue's requests (office, services, tickets, print outcomes), the failure a reply stands
// for, and the client itself. Permits, applications and the applicants' voice have their own
// files (server_client_*.cpp).
#include "server_client.hpp"

#include <cstdio>
#include <limits>
#include <stdexcept>

#include "server_client_internal.hpp"

namespace loket::kiosk {

using namespace server_client_detail;

namespace {

Priority priority_from(const std::optional<std::string>& s) {
    if (!s || s->empty())
        return Priority::None;
    if (*s == "lansia")
        return Priority::Lansia;
    if (*s == "disabilitas")
        return Priority::Disabilitas;
    if (*s == "ibu_hamil")
        return Priority::IbuHamil;
    throw WireError("ticket.priority", "is not a known priority");
}

}  // namespace

Failure failure_of(const net::HttpResult& reply) {
    if (!reply.response)
        return Failure{FailureKind::unreachable,
                       0,
                       "",
                       reply.error.empty() ? "no reply" : reply.error,
                       "",
                       {}};
    const int status = reply.status();
    Failure f{FailureKind::http_error, status, "", "HTTP " + std::to_string(status), "", {}};
    if (const auto doc = reply.response->json();
        doc && doc->is_object() && doc->contains("error") && (*doc)["error"].is_object()) {
        const json& e = (*doc)["error"];
        if (e.contains("code") && e["code"].is_string())
            f.code = cut_utf8(e["code"].get<std::string>(), 64);
        if (e.contains("message") && e["message"].is_string())
            f.message = cut_utf8(e["message"].get<std::string>(), 500);
        if (e.contains("message_id") && e["message_id"].is_string())
            f.message_id = cut_utf8(e["message_id"].get<std::string>(), 500);
        if (e.contains("retry_after_seconds") && e["retry_after_seconds"].is_number_integer()) {
            const auto s = e["retry_after_seconds"].get<std::int64_t>();
            if (s >= 0 && s <= 7 * 24 * 3600)
                f.retry_after_seconds = int(s);
        }
    }
    if (status == 409 && f.code == "office_closed")
        f.kind = FailureKind::office_closed;
    else if (status == 429)
        f.kind = FailureKind::rate_limited;
    else if (status == 404)
        f.kind = FailureKind::not_found;
    else if (status >= 200 && status < 300)
        f.kind = FailureKind::bad_reply;
    return f;
}

Result<Office> parse_office(const net::HttpResult& reply) {
    return parse_reply<Office>(reply, [](const WireObject& o) { return protocol::read_office(o); });
}

Result<std::vector<ServiceInfo>> parse_services(const net::HttpResult& reply) {
    return parse_reply<std::vector<ServiceInfo>>(reply, [](const WireObject& o) {
        if (o.find("services") == nullptr)
            throw WireError("services", "is missing");
        const json& list = o.array("services");
        std::vector<ServiceInfo> out;
        for (std::size_t i = 0; i < list.size(); ++i)
            out.push_back(protocol::read_service_line(
                WireObject(list[i], "services[" + std::to_string(i) + "]")));
        return out;
    });
}

Result<IssuedTicket> parse_issued(const net::HttpResult& reply) {
    return parse_reply<IssuedTicket>(reply, [](const WireObject& o) {
        IssuedTicket t;
        const WireObject ticket = o.child("ticket");
        t.id = ticket.integer("id", 1, std::numeric_limits<std::int64_t>::max());
        t.number = ticket.str("number");
        if (t.number.empty() || t.number.size() > 16)
            throw WireError("ticket.number", "is not a ticket number");
        t.status_token = ticket.str_or("status_token", "");
        t.service_id = ticket.str_or("origin_service", ticket.str_or("service", ""));
        t.permit_id = ticket.opt_str("permit_id");
        t.priority = priority_from(ticket.opt_str("priority"));
        t.issued_at_ms = ticket.opt_int("issued_at", 0, std::int64_t(1) << 50).value_or(0);
        t.people_ahead = int(o.integer("people_ahead", 0, kMaxCount));
        if (const auto e = o.opt_int("estimate_minutes", 0, kMaxCount))
            t.estimate_minutes = int(*e);
        t.status_url = o.str_or("status_url", "");
        if (t.status_url.size() > 500)
            throw WireError("status_url", "is too long for a QR code");
        const WireObject service = o.child("service");
        t.service_name = service.str("name");
        t.service_name_en = service.str_or("name_en", t.service_name);
        if (t.service_id.empty())
            t.service_id = service.str_or("id", "");
        if (const auto permit = o.opt_child("permit"))
            t.permit_name = permit->opt_str("name");
        if (const auto office = o.opt_child("office")) {
            t.office_name = office->str_or("name", "");
            t.time_zone = office->str_or("time_zone", "");
            t.utc_offset_minutes =
                int(office->opt_int("utc_offset_minutes", -12 * 60, 14 * 60).value_or(0));
        }
        if (const json* r = o.find("replayed"); r != nullptr && r->is_boolean())
            t.replayed = r->get<bool>();
        return t;
    });
}

Result<bool> parse_print_report(const net::HttpResult& reply) {
    if (!reply.ok())
        return failure_of(reply);
    return true;
}

std::string api_base_url(std::string_view server_url) {
    std::string url(server_url);
    while (!url.empty() && url.back() == '/')
        url.pop_back();
    constexpr std::string_view kApi = "/api/v1";
    if (url.size() < kApi.size() || url.compare(url.size() - kApi.size(), kApi.size(), kApi) != 0)
        url += kApi;
    return url;
}

std::string url_encode(std::string_view text) {
    std::string out;
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if ((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') ||
            u == '-' || u == '_' || u == '.' || u == '~') {
            out += c;
        } else {
            char buf[4];
            std::snprintf(buf, sizeof buf, "%%%02X", u);
            out += buf;
        }
    }
    return out;
}

ServerClient::ServerClient(const ServerClientOptions& o) {
    net::HttpClientOptions h;
    h.base_url = api_base_url(o.server_url);
    h.bearer_token = o.device_key;
    h.server_fingerprint = o.server_fingerprint;
    h.connect_timeout_ms = o.connect_timeout_ms;
    h.timeout_ms = o.timeout_ms;
    h.retries = o.retries;
    h.backoff_initial_ms = o.backoff_initial_ms;
    h.backoff_max_ms = o.backoff_max_ms;
    h.max_body_bytes = 2 * 1024 * 1024;
    http_ = std::make_unique<net::HttpClient>(std::move(h));
}

ServerClient::~ServerClient() = default;
ServerClient::ServerClient(ServerClient&&) noexcept = default;
ServerClient& ServerClient::operator=(ServerClient&&) noexcept = default;

Result<Office> ServerClient::office() {
    return parse_office(http_->get("/office"));
}

Result<std::vector<ServiceInfo>> ServerClient::services() {
    return parse_services(http_->get("/services"));
}

Result<IssuedTicket> ServerClient::issue(const IssueRequest& request,
                                         std::string_view idempotency_key) {
    nlohmann::json body = {{"service", request.service}};
    if (request.priority != Priority::None)
        body["priority"] = std::string(loket::to_string(request.priority));
    if (!request.permit_id.empty())
        body["permit_id"] = request.permit_id;
    return parse_issued(http_->post("/tickets", body, idempotency_key));
}

Result<bool> ServerClient::report_print(std::int64_t ticket_id, std::string_view status,
                                        std::string_view problem) {
    nlohmann::json body = {{"status", std::string(status)}};
    if (!problem.empty())
        body["problem"] = cut_utf8(std::string(problem), 200);
    // Setting a print status is idempotent by nature; the key lets the client retry it.
    const std::string key = "print-" + std::to_string(ticket_id) + "-" + std::string(status);
    return parse_print_report(
        http_->post("/tickets/" + std::to_string(ticket_id) + "/print", body, key));
}

}  // namespace loket::kiosk
