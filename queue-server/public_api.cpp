// The API's public reads: office, services, display snapshot, ticket status pages.
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

// How many times the per-account login limit one address may try in all: well above what an
// office's accounts sharing a PC (or a proxy) need, low enough to stop trying many names.
constexpr double kLoginAddressFactor = 6;

// ---------------------------------------------------------------------------------------------
// Public reads

void Api::install_public(httplib::Server& server) {
    // How browsers and devices reach this server (docs/https.md); the admin page warns while
    // plain HTTP serves pages.
    add(server, "GET", "/transport", Access::Public, &Api::describe_transport);
    add(server, "GET", "/health", Access::Public, [this](Call& c) {
        c.reply(200, {{"status", "ok"}, {"last_event_id", d_.hub.last_id()}});
    });
    add(server, "GET", "/openapi.json", Access::Public,
        [this](Call& c) { c.res.set_content(d_.openapi_json, "application/json"); });
    add(server, "GET", "/metrics", Access::Public, [this](Call& c) {
        c.res.set_content(d_.metrics.render(d_.store.services(c.now)), "text/plain; version=0.0.4");
    });
    add(server, "GET", "/office", Access::Public, &Api::describe_office);
    add(server, "GET", "/services", Access::Public, [this](Call& c) {
        c.reply(200, {{"services", summaries_json(*d_.store.config(), d_.store.services(c.now))}});
    });
    add(server, "GET", "/permits", Access::Public, &Api::search_permits);
    add(server, "GET", "/permits/{id}", Access::Public, &Api::read_permit);
    add(server, "GET", "/tickets/status/{token}", Access::Public, &Api::ticket_status);
    add(server, "POST", "/auth/login", Access::Public, &Api::log_in);
    add(server, "POST", "/auth/logout", Access::Staff, [this](Call& c) {
        d_.auth.logout(c.token);
        c.reply(200, {{"ok", true}});
    });
    add(server, "GET", "/auth/me", Access::Staff, &Api::current_user);
    add(server, "GET", "/display", Access::Reader, &Api::display_snapshot);
}

void Api::describe_transport(Call& c) {
    const auto& st = d_.settings;
    c.reply(200, {{"https", st.https},
                  {"plain_http", st.http_listen.empty()                              ? "off"
                                 : st.plain_http == ServerSettings::PlainHttp::Serve ? "serve"
                                                                                     : "redirect"},
                  {"fingerprint", st.tls_fingerprint}});
}

void Api::describe_office(Call& c) {
    const auto config_snapshot = d_.store.config();
    const OfficeConfig& config = *config_snapshot;
    const LocalTime local = to_local(c.now, config.zone);
    const OpenStatus open = check_open(config, c.now);
    json hours = json::object();
    for (std::size_t i = 0; i < kWeekdays.size(); ++i)
        hours[std::string(kWeekdays[i])] = ranges_json(config.hours[i]);
    json holidays = json::array();
    for (const auto& h : config.holidays)
        holidays.push_back({{"date", format_date_iso(h.date)},
                            {"name", h.name},
                            {"kind", holiday_kind_name(h.kind)}});
    c.reply(200,
            {
                {"name", config.name},
                {"short_name", config.short_name},
                {"address", config.address},
                {"time_zone", zone_name(config.zone)},
                {"utc_offset_minutes", utc_offset(config.zone).count()},
                {"now", to_millis(c.now)},
                {"local_date", format_date_iso(local.date)},
                {"local_time", format_hhmm(local.minute_of_day)},
                {"weekday", std::string(kWeekdays[local.weekday.c_encoding()])},
                {"open", open.open},
                {"closed_reason", open.reason},
                {"holiday", open.holiday_name},
                {"next_open", open.next_open ? json(to_millis(*open.next_open)) : json(nullptr)},
                {"today_hours", ranges_json(hours_on(config, local.date))},
                {"hours", hours},
                {"holidays", holidays},
            });
}

void Api::search_permits(Call& c) {
    const std::string query = c.req.get_param_value("q");
    if (query.size() > 200)
        throw ApiError(400, "invalid_field", "q is longer than 200 characters", "q");
    json list = json::array();
    for (const catalog::Permit* p : c.catalog().search(query)) {
        list.push_back({{"id", p->id},
                        {"name", p->name},
                        {"short_name", p->short_name},
                        {"category", p->category},
                        {"office", p->office},
                        {"start_service", p->start_service},
                        {"requirements", p->requirements.size()},
                        {"steps", p->steps.size()},
                        {"version", c.live_catalog->version_of(p->id)}});
    }
    c.reply(200, {{"permits", list}});
}

void Api::read_permit(Call& c) {
    const catalog::Permit* p = c.catalog().find(c.param(1));
    if (!p)
        throw ApiError(404, "not_found", "no permit with id '" + c.param(1) + "'");
    // The version lets a kiosk that keeps a copy fetch again only what changed.
    json reply = to_json(*p);
    reply["version"] = c.live_catalog->version_of(p->id);
    c.reply(200, reply);
}

void Api::ticket_status(Call& c) {
    const TicketPosition pos = d_.store.status_by_token(c.param(1), c.now);
    const auto config_snapshot = d_.store.config();
    const OfficeConfig& config = *config_snapshot;
    const ServiceDef* service = config.find_service(pos.ticket.service);
    const CounterDef* counter =
        pos.ticket.counter ? config.find_counter(*pos.ticket.counter) : nullptr;
    const catalog::Permit* permit =
        pos.ticket.permit_id.empty() ? nullptr : c.catalog().find(pos.ticket.permit_id);
    c.reply(
        200,
        {
            {"number", pos.ticket.number},
            {"local_date", pos.ticket.local_date},
            {"state", to_string(pos.ticket.state)},
            {"service", service ? service_ref_json(*service) : json(nullptr)},
            {"people_ahead", pos.people_ahead},
            {"estimate_minutes", pos.ticket.state == TicketState::Waiting
                                     ? estimate_json(pos.estimate)
                                     : json(nullptr)},
            {"counter",
             counter ? json{{"number", counter->number}, {"name", counter->name}} : json(nullptr)},
            {"call_count", pos.ticket.call_count},
            {"issued_at", to_millis(pos.ticket.issued_at)},
            {"permit", permit ? json{{"id", permit->id}, {"name", permit->name}} : json(nullptr)},
            {"office", office_ref_json(config, c.now)},
        });
}

void Api::log_in(Call& c) {
    Body body(c.req);
    body.only({"username", "password"});
    const std::string username = body.string("username", 64);
    const std::string password = body.string("password", 256);
    // Per account and address, so one clerk's typos lock only that account on that PC,
    // not the office's other accounts on it. The account's limit is checked first: its
    // refused retries do not use up the address's allowance.
    std::string account = username;
    std::transform(account.begin(), account.end(), account.begin(),
                   [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    const double per_account = d_.settings.login_attempts_per_minute;
    const double per_address = per_account * kLoginAddressFactor;
    if (!login_limiter_.allow(c.req.remote_addr + " " + account, per_account, per_account) ||
        !login_address_limiter_.allow(c.req.remote_addr, per_address, per_address)) {
        throw ApiError(429, "rate_limited", "too many login attempts; wait a minute");
    }
    const auto session = d_.auth.login(username, password, c.now, d_.settings.session_ttl);
    if (!session) {
        spdlog::warn("failed login for '{}' from {}", username.substr(0, 32), c.req.remote_addr);
        throw ApiError(401, "invalid_credentials", "wrong user name or password");
    }
    spdlog::info("{} logged in from {}", session->user.name, c.req.remote_addr);
    c.reply(200,
            {{"token", session->token},
             {"expires_at", to_millis(session->expires_at)},
             {"user", {{"name", session->user.name}, {"role", to_string(session->user.role)}}}});
}

void Api::current_user(Call& c) {
    // The counter this user still operates, so a console opened after a new login (another
    // PC, a restarted browser) can go straight back to it.
    const auto held = d_.store.counter_held_by(c.session->user.name);
    const auto user = d_.auth.find_user(c.session->user.name);
    c.reply(200, {{"name", c.session->user.name},
                  {"role", to_string(c.session->user.role)},
                  {"duties", user ? user->duties : std::vector<std::string>{}},
                  {"expires_at", to_millis(c.session->expires_at)},
                  {"counter", held ? json(*held) : json(nullptr)}});
}

void Api::display_snapshot(Call& c) {
    int recent = 6;
    if (c.req.has_param("recent")) {
        // Up to three digits, more than 100 read as 100.
        const std::optional<int> value = bounded_int(c.req.get_param_value("recent"), 0, 999);
        if (!value)
            throw ApiError(400, "invalid_field", "recent must be a number from 0 to 100", "recent");
        recent = std::min(100, *value);
    }
    const auto config_snapshot = d_.store.config();
    const OfficeConfig& config = *config_snapshot;
    const FloorSnapshot snap = d_.store.snapshot(recent, c.now);
    json counters = json::array();
    for (const auto& counter : snap.counters)
        counters.push_back(to_json(counter));
    json calls = json::array();
    for (const auto& e : snap.recent_calls)
        calls.push_back(to_json(e));
    c.reply(200, {{"last_event_id", snap.last_event_id},
                  {"office", office_ref_json(config, c.now)},
                  {"now", to_millis(c.now)},
                  {"counters", counters},
                  {"services", summaries_json(config, snap.services)},
                  {"recent_calls", calls}});
}

}  // namespace loket::server
