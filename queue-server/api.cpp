#include "api.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <fstream>
#include <regex>
#include <set>

#include "api_call.hpp"
#include "loket/input_error.hpp"
#include "loket/qr_svg.hpp"
#include "loket/read_file.hpp"
#include "loket/receipt_print.hpp"
#include "loket/survey.hpp"
#include "web_security.hpp"

namespace loket::server {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

// How many times the per-account login limit one address may try in all: well above what an
// office's accounts sharing a PC (or a proxy) need, low enough to stop trying many names.
constexpr double kLoginAddressFactor = 6;

// ---------------------------------------------------------------------------------------------
// Errors

namespace {

// A request the API refuses before it reaches the queue rules.
struct ApiError : std::runtime_error {
    ApiError(int status, std::string code, const std::string& message, std::string field = "")
        : std::runtime_error(message),
          status(status),
          code(std::move(code)),
          field(std::move(field)) {}
    int status;
    std::string code;
    std::string field;
};

int status_of_queue_error(const std::string& code) {
    if (code == "not_found" || code == "unknown_counter")
        return 404;
    if (code == "not_your_duty")
        return 403;
    if (code == "invalid_request" || code == "invalid_number" || code == "unknown_service") {
        return 400;
    }
    if (code == "rate_limited")
        return 429;
    return 409;  // the request is well formed but the queue's state does not allow it
}

void send_error(httplib::Response& res, int status, const std::string& code,
                const std::string& message, const std::string& field = "",
                const json& details = json::object()) {
    json error = {{"code", code}, {"message", message}};
    if (!field.empty())
        error["field"] = field;
    if (details.is_object())
        error.update(details);  // e.g. "holder" of a counter taken by another staff member
    res.status = status;
    // Messages quote client input (a URL-decoded path, a field name cut to 64 bytes) that may
    // not be valid UTF-8; a strict dump() would throw, and from httplib's error handler that
    // exception ends the process. Invalid bytes become U+FFFD instead.
    res.set_content(json{{"error", error}}.dump(-1, ' ', false, json::error_handler_t::replace),
                    "application/json");
}

// A client that gives up on a request (the server did not answer in time) tells the user the
// action failed; "Loket-Deadline: <Unix ms>" lets the server refuse the request when it only
// reaches it later (a stalled process, a full backlog), so a stale click never acts behind the
// user's back. Checked just before the handler acts.
void check_deadline(const httplib::Request& req) {
    const std::string text = req.get_header_value("Loket-Deadline");
    if (text.empty())
        return;
    if (text.size() > 15 || text.find_first_not_of("0123456789") != std::string::npos) {
        throw ApiError(400, "invalid_header", "Loket-Deadline must be a time in Unix milliseconds",
                       "Loket-Deadline");
    }
    if (to_millis(now_utc()) > std::stoll(text)) {
        throw ApiError(412, "request_expired",
                       "the request reached the server after its deadline; nothing was changed");
    }
}

// ---------------------------------------------------------------------------------------------
// Request bodies: strict, every field named in errors, unknown fields refused.

class Body {
  public:
    explicit Body(const httplib::Request& req) {
        if (req.body.empty()) {
            doc_ = json::object();
            return;
        }
        const auto type = req.get_header_value("Content-Type");
        if (!type.empty() && type.find("application/json") == std::string::npos) {
            throw ApiError(415, "unsupported_media_type", "the body must be application/json");
        }
        doc_ = json::parse(req.body, nullptr, false);
        if (doc_.is_discarded()) {
            throw ApiError(400, "invalid_json", "the body is not valid JSON (or not valid UTF-8)");
        }
        if (!doc_.is_object())
            throw ApiError(400, "invalid_json", "the body must be a JSON object");
    }

    void only(std::initializer_list<const char*> allowed) const {
        for (const auto& item : doc_.items()) {
            const std::string& key = item.key();  // not a structured binding: clang 14
            if (std::find_if(allowed.begin(), allowed.end(),
                             [&](const char* a) { return key == a; }) == allowed.end()) {
                throw ApiError(400, "unknown_field", "unknown field '" + key.substr(0, 64) + "'",
                               key.substr(0, 64));
            }
        }
    }

    std::optional<std::string> optional_string(const char* name, std::size_t max_length) const {
        const auto it = doc_.find(name);
        if (it == doc_.end() || it->is_null())
            return std::nullopt;
        if (!it->is_string())
            throw ApiError(400, "invalid_field", std::string(name) + " must be a string", name);
        const auto& value = it->get_ref<const std::string&>();
        if (value.size() > max_length) {
            throw ApiError(400, "invalid_field",
                           std::string(name) + " is longer than " + std::to_string(max_length),
                           name);
        }
        return value;
    }

    std::string string(const char* name, std::size_t max_length) const {
        auto value = optional_string(name, max_length);
        if (!value || value->empty())
            throw ApiError(400, "missing_field", std::string(name) + " is required", name);
        return *value;
    }

    std::optional<bool> optional_bool(const char* name) const {
        const auto it = doc_.find(name);
        if (it == doc_.end() || it->is_null())
            return std::nullopt;
        if (!it->is_boolean())
            throw ApiError(400, "invalid_field", std::string(name) + " must be true or false",
                           name);
        return it->get<bool>();
    }

    std::optional<std::int64_t> optional_integer(const char* name, std::int64_t min,
                                                 std::int64_t max) const {
        const auto it = doc_.find(name);
        if (it == doc_.end() || it->is_null())
            return std::nullopt;
        if (!it->is_number_integer() || it->get<std::int64_t>() < min ||
            it->get<std::int64_t>() > max) {
            throw ApiError(400, "invalid_field",
                           std::string(name) + " must be a whole number from " +
                               std::to_string(min) + " to " + std::to_string(max),
                           name);
        }
        return it->get<std::int64_t>();
    }

    // A field's raw value; nullptr when absent or null.
    const json* get(const char* name) const {
        const auto it = doc_.find(name);
        return it == doc_.end() || it->is_null() ? nullptr : &*it;
    }

    const json& doc() const { return doc_; }

  private:
    json doc_;
};

std::string header_safe_host(const httplib::Request& req) {
    const std::string host = req.get_header_value("Host");
    if (host.empty() || host.size() > 255 ||
        host.find_first_not_of(
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]") !=
            std::string::npos) {
        return "";
    }
    return host;
}

const std::array<std::string_view, 7> kWeekdays = {"sunday",   "monday", "tuesday", "wednesday",
                                                   "thursday", "friday", "saturday"};

json ranges_json(const std::vector<TimeRange>& ranges) {
    json out = json::array();
    for (const auto& r : ranges)
        out.push_back(format_hhmm(r.from) + "-" + format_hhmm(r.to));
    return out;
}

json service_json(const ServiceDef& s) {
    return {{"id", s.id},
            {"name", s.name},
            {"name_en", s.name_en},
            {"prefix", std::string(1, s.prefix)}};
}

json estimate_json(const WaitEstimate& e) {
    return e.minutes ? json(*e.minutes) : json(nullptr);
}

json summaries_json(const OfficeConfig& config, const std::vector<ServiceSummary>& summaries) {
    json out = json::array();
    for (const auto& s : summaries) {
        const ServiceDef* def = config.find_service(s.id);
        json item = def ? service_json(*def) : json{{"id", s.id}};
        item["waiting"] = s.waiting;
        item["open_counters"] = s.open_counters;
        item["people_ahead"] = s.people_ahead;
        item["estimate_minutes"] = estimate_json(s.estimate);
        item["service_minutes"] = s.estimate.service_minutes;
        out.push_back(std::move(item));
    }
    return out;
}

json event_json(const Event& e) {
    return {{"id", e.id}, {"type", e.type}, {"at", to_millis(e.at)}, {"payload", e.payload}};
}

// OpenAPI-style placeholders and what each may match; anything else is a 404 from the router.
std::string path_regex(const std::string& path) {
    static const std::map<std::string, std::string> kParams = {
        {"{number}", "([0-9]{1,4})"},                                // counter number
        {"{follow_up_id}", "([0-9]{1,12})"},                         // survey follow-up id
        {"{id}", "([a-z0-9][a-z0-9-]{0,63})"},                       // permit id
        {"{token}", "([0-9a-f]{32})"},                               // ticket status token
        {"{ticket}", "([A-Za-z]-?[0-9]{1,6})"},                      // ticket number of today
        {"{ticket_id}", "([0-9]{1,12})"},                            // ticket id
        {"{name}", "([a-z0-9._-]{1,32})"},                           // user name
        {"{application_id}", "([0-9]{1,12})"},                       // application id
        {"{complaint_id}", "([0-9]{1,12})"},                         // complaint id
        {"{tracking_number}", "([A-Za-z0-9 -]{1,20})"},              // complaint tracking number
        {"{version}", "([1-9][0-9]{0,5})"},                          // a permit's catalog version
        {"{table}", "(services|counters|staff|days|hours|visits)"},  // a report table
    };
    std::string out = path;
    for (const auto& [placeholder, regex] : kParams) {
        for (auto pos = out.find(placeholder); pos != std::string::npos;
             pos = out.find(placeholder)) {
            out.replace(pos, placeholder.size(), regex);
        }
    }
    return out;
}

}  // namespace

bool RateLimiter::allow(const std::string& key, double per_minute, double burst,
                        std::chrono::steady_clock::time_point now) {
    std::lock_guard lock(mutex_);
    if (buckets_.size() > 10000)
        buckets_.clear();  // bounded memory against key floods
    auto [it, fresh] = buckets_.try_emplace(key, Bucket{burst, now});
    Bucket& b = it->second;
    if (!fresh) {
        const double elapsed_min = std::chrono::duration<double>(now - b.last).count() / 60.0;
        b.tokens = std::min(burst, b.tokens + elapsed_min * per_minute);
        b.last = now;
    }
    if (b.tokens < 1.0)
        return false;
    b.tokens -= 1.0;
    return true;
}

Api::Api(ApiDeps deps)
    : d_(std::move(deps)), counter_printers_(std::make_unique<CounterPrinters>()) {}

Api::~Api() = default;

void Api::add(httplib::Server& server, const std::string& method, const std::string& path,
              Access access, Handler handler) {
    routes_.push_back(method + " /api/v1" + path);
    const std::string route = "/api/v1" + path;
    auto wrapped = [this, access, handler, route, method](const httplib::Request& req,
                                                          httplib::Response& res) {
        const auto started = Clock::now();
        Call call{req, res, nullptr, std::nullopt, {}, now_utc(), d_.catalog.current()};
        try {
            const std::size_t body_limit = route == "/api/v1/catalog/import"
                                               ? d_.settings.max_import_bytes
                                               : d_.settings.max_body_bytes;
            if (req.body.size() > body_limit) {
                throw ApiError(413, "body_too_large",
                               "the request body is larger than " +
                                   std::to_string(body_limit / 1024) + " KiB");
            }
            // Who is asking: a device key from the configuration or a staff session token.
            const std::string auth = req.get_header_value("Authorization");
            if (auth.rfind("Bearer ", 0) == 0) {
                call.token = auth.substr(7);
                call.device = d_.settings.find_device(call.token);
                if (!call.device)
                    call.session = d_.auth.authenticate(call.token, call.now);
            }
            const bool known = call.device || call.session;
            const auto role = call.session ? call.session->user.role : Role::Staff;
            bool allowed = true;
            switch (access) {
                case Access::Public:
                    break;
                case Access::Kiosk:
                    allowed =
                        call.session || (call.device && call.device->role == DeviceRole::Kiosk);
                    break;
                case Access::Reader:
                    allowed = known;
                    break;
                case Access::Staff:
                    allowed = call.session.has_value();
                    break;
                case Access::Supervisor:
                    allowed = call.session && role >= Role::Supervisor;
                    break;
                case Access::Admin:
                    allowed = call.session && role >= Role::Admin;
                    break;
            }
            if (!allowed) {
                if (!known) {
                    throw ApiError(401, "unauthorized",
                                   call.token.empty() ? "this needs a login or a device key"
                                                      : "the token is unknown, expired or revoked");
                }
                throw ApiError(403, "forbidden", "this account or device may not do this");
            }
            check_deadline(req);
            handler(call);
        } catch (const ApiError& e) {
            send_error(res, e.status, e.code, e.what(), e.field);
            if (e.status == 429)
                res.set_header("Retry-After", "5");
        } catch (const QueueError& e) {
            send_error(res, status_of_queue_error(e.code()), e.code(), e.what(), "", e.details());
        } catch (const AccountError& e) {
            send_error(res, 400, e.code(), e.what(), e.field());
        } catch (const survey::SurveyInputError& e) {
            // The survey's refusals carry their Indonesian text, which its pages show as is.
            send_error(res, 400, e.code(), e.what(), e.field(),
                       {{"message_id", e.message_indonesian()}});
        } catch (const InputError& e) {
            send_error(res, 400, e.code(), e.what(), e.field());
        } catch (const StorageError& e) {
            spdlog::error("storage: {}", e.what());
            send_error(res, 503, "storage_unavailable",
                       "the database cannot be written right now; nothing was changed");
        } catch (const std::exception& e) {
            spdlog::error("{} {}: {}", method, route, e.what());
            send_error(res, 500, "internal", "internal error");
        }
        const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
        d_.metrics.observe_request(method, route, res.status, seconds);
    };
    const std::string pattern = path_regex(route);
    if (method == "GET") {
        server.Get(pattern, wrapped);
    } else if (method == "POST") {
        server.Post(pattern, wrapped);
    } else if (method == "PUT") {
        server.Put(pattern, wrapped);
    } else if (method == "PATCH") {
        server.Patch(pattern, wrapped);
    } else if (method == "DELETE") {
        server.Delete(pattern, wrapped);
    }
}

void Api::install(httplib::Server& server) {
    server.set_default_headers(security_headers());  // web_security.hpp
    install_survey(server);                          // survey_api.cpp
    install_complaints(server);                      // complaint_api.cpp
    install_reports(server);                         // report_api.cpp
    install_catalog(server);                         // catalog_api.cpp
    install_privacy(server);                         // privacy_api.cpp
    install_backups(server);                         // backup_api.cpp
    install_public(server);
    install_tickets(server);
    install_counters(server);
    install_supervisor(server);
    install_users(server);
    install_settings(server);
    install_events(server);
    install_applications(server);

    // Errors httplib produces itself (no route, body too large) get the same JSON shape.
    server.set_error_handler(httplib::Server::HandlerWithResponse(
        [](const httplib::Request& req,
           httplib::Response& res) -> httplib::Server::HandlerResponse {
            if (!res.body.empty())
                return httplib::Server::HandlerResponse::Unhandled;
            if (res.status == 404) {
                send_error(res, 404, "not_found",
                           "no such resource: " + req.method + " " + req.path.substr(0, 200));
            } else if (res.status == 413) {
                send_error(res, 413, "body_too_large",
                           "the body is larger than the server accepts");
            } else if (res.status == 405) {
                send_error(res, 405, "method_not_allowed", "method not allowed");
            } else {
                send_error(res, res.status, "http_error",
                           "HTTP error " + std::to_string(res.status));
            }
            return httplib::Server::HandlerResponse::Handled;
        }));
    server.set_exception_handler(
        [](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
            send_error(res, 500, "internal", "internal error");
        });
    if (!d_.web_dir.empty() && std::filesystem::is_directory(d_.web_dir)) {
        server.set_mount_point("/", d_.web_dir.string());
        if (!d_.chart_js_dir.empty() && std::filesystem::is_directory(d_.chart_js_dir))
            server.set_mount_point("/vendor/chart.js", d_.chart_js_dir.string());
        // The status page a ticket's QR code points to: /s/{token} serves status.html.
        const auto status_page = d_.web_dir / "status.html";
        server.Get(
            R"(/s/([0-9a-f]{32}))", [status_page](const httplib::Request&, httplib::Response& res) {
                try {
                    res.set_content(read_whole_file(status_page), "text/html; charset=utf-8");
                } catch (const InputError&) {
                    send_error(res, 404, "not_found", "status page missing");
                }
            });
    }
}

// ---------------------------------------------------------------------------------------------
// Public reads

void Api::install_public(httplib::Server& server) {
    // How browsers and devices reach this server (docs/https.md); the admin page warns while
    // plain HTTP serves pages.
    add(server, "GET", "/transport", Access::Public, [this](Call& c) {
        const auto& st = d_.settings;
        c.reply(200,
                {{"https", st.https},
                 {"plain_http", st.http_listen.empty()                              ? "off"
                                : st.plain_http == ServerSettings::PlainHttp::Serve ? "serve"
                                                                                    : "redirect"},
                 {"fingerprint", st.tls_fingerprint}});
    });
    add(server, "GET", "/health", Access::Public, [this](Call& c) {
        c.reply(200, {{"status", "ok"}, {"last_event_id", d_.hub.last_id()}});
    });

    add(server, "GET", "/openapi.json", Access::Public,
        [this](Call& c) { c.res.set_content(d_.openapi_json, "application/json"); });

    add(server, "GET", "/metrics", Access::Public, [this](Call& c) {
        c.res.set_content(d_.metrics.render(d_.store.services(c.now)), "text/plain; version=0.0.4");
    });

    add(server, "GET", "/office", Access::Public, [this](Call& c) {
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
        c.reply(200, {
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
                         {"next_open",
                          open.next_open ? json(to_millis(*open.next_open)) : json(nullptr)},
                         {"today_hours", ranges_json(hours_on(config, local.date))},
                         {"hours", hours},
                         {"holidays", holidays},
                     });
    });

    add(server, "GET", "/services", Access::Public, [this](Call& c) {
        c.reply(200, {{"services", summaries_json(*d_.store.config(), d_.store.services(c.now))}});
    });

    add(server, "GET", "/permits", Access::Public, [](Call& c) {
        const std::string query = c.req.get_param_value("q");
        if (query.size() > 200)
            throw ApiError(400, "invalid_field", "q is longer than 200 characters", "q");
        json list = json::array();
        for (const Permit* p : c.catalog().search(query)) {
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
    });

    add(server, "GET", "/permits/{id}", Access::Public, [](Call& c) {
        const Permit* p = c.catalog().find(c.param(1));
        if (!p)
            throw ApiError(404, "not_found", "no permit with id '" + c.param(1) + "'");
        // The version lets a kiosk that keeps a copy fetch again only what changed.
        json reply = to_json(*p);
        reply["version"] = c.live_catalog->version_of(p->id);
        c.reply(200, reply);
    });

    add(server, "GET", "/tickets/status/{token}", Access::Public, [this](Call& c) {
        const TicketPosition pos = d_.store.status_by_token(c.param(1), c.now);
        const auto config_snapshot = d_.store.config();
        const OfficeConfig& config = *config_snapshot;
        const ServiceDef* service = config.find_service(pos.ticket.service);
        const CounterDef* counter =
            pos.ticket.counter ? config.find_counter(*pos.ticket.counter) : nullptr;
        const Permit* permit =
            pos.ticket.permit_id.empty() ? nullptr : c.catalog().find(pos.ticket.permit_id);
        c.reply(200,
                {
                    {"number", pos.ticket.number},
                    {"local_date", pos.ticket.local_date},
                    {"state", to_string(pos.ticket.state)},
                    {"service", service ? service_json(*service) : json(nullptr)},
                    {"people_ahead", pos.people_ahead},
                    {"estimate_minutes", pos.ticket.state == TicketState::Waiting
                                             ? estimate_json(pos.estimate)
                                             : json(nullptr)},
                    {"counter", counter ? json{{"number", counter->number}, {"name", counter->name}}
                                        : json(nullptr)},
                    {"call_count", pos.ticket.call_count},
                    {"issued_at", to_millis(pos.ticket.issued_at)},
                    {"permit",
                     permit ? json{{"id", permit->id}, {"name", permit->name}} : json(nullptr)},
                    {"office", office_ref_json(config, c.now)},
                });
    });

    add(server, "POST", "/auth/login", Access::Public, [this](Call& c) {
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
            spdlog::warn("failed login for '{}' from {}", username.substr(0, 32),
                         c.req.remote_addr);
            throw ApiError(401, "invalid_credentials", "wrong user name or password");
        }
        spdlog::info("{} logged in from {}", session->user.name, c.req.remote_addr);
        c.reply(200, {{"token", session->token},
                      {"expires_at", to_millis(session->expires_at)},
                      {"user",
                       {{"name", session->user.name}, {"role", to_string(session->user.role)}}}});
    });

    add(server, "POST", "/auth/logout", Access::Staff, [this](Call& c) {
        d_.auth.logout(c.token);
        c.reply(200, {{"ok", true}});
    });

    add(server, "GET", "/auth/me", Access::Staff, [this](Call& c) {
        // The counter this user still operates, so a console opened after a new login (another
        // PC, a restarted browser) can go straight back to it.
        const auto held = d_.store.counter_held_by(c.session->user.name);
        const auto user = d_.auth.find_user(c.session->user.name);
        c.reply(200, {{"name", c.session->user.name},
                      {"role", to_string(c.session->user.role)},
                      {"duties", user ? user->duties : std::vector<std::string>{}},
                      {"expires_at", to_millis(c.session->expires_at)},
                      {"counter", held ? json(*held) : json(nullptr)}});
    });

    add(server, "GET", "/display", Access::Reader, [this](Call& c) {
        int recent = 6;
        if (c.req.has_param("recent")) {
            const std::string value = c.req.get_param_value("recent");
            if (value.empty() || value.size() > 3 ||
                value.find_first_not_of("0123456789") != std::string::npos) {
                throw ApiError(400, "invalid_field", "recent must be a number from 0 to 100",
                               "recent");
            }
            recent = std::min(100, std::stoi(value));
        }
        const auto config_snapshot = d_.store.config();
        const OfficeConfig& config = *config_snapshot;
        const FloorSnapshot snap = d_.store.snapshot(recent, c.now);
        json counters = json::array();
        for (const auto& counter : snap.counters)
            counters.push_back(to_json(counter));
        json calls = json::array();
        for (const auto& e : snap.recent_calls)
            calls.push_back(event_json(e));
        c.reply(200, {{"last_event_id", snap.last_event_id},
                      {"office", office_ref_json(config, c.now)},
                      {"now", to_millis(c.now)},
                      {"counters", counters},
                      {"services", summaries_json(config, snap.services)},
                      {"recent_calls", calls}});
    });
}

// ---------------------------------------------------------------------------------------------
// Tickets from kiosks

void Api::install_tickets(httplib::Server& server) {
    add(server, "POST", "/tickets", Access::Kiosk, [this](Call& c) {
        if (c.device && !ticket_limiter_.allow(c.device->name, c.device->tickets_per_minute,
                                               std::max(5.0, c.device->tickets_per_minute / 6.0))) {
            throw ApiError(
                429, "rate_limited",
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
        // The key may come in the body or as the standard Idempotency-Key header.
        std::string key = body.optional_string("idempotency_key", 100).value_or("");
        if (key.empty())
            key = c.req.get_header_value("Idempotency-Key");
        if (key.size() > 100) {
            throw ApiError(400, "invalid_field", "idempotency key is longer than 100",
                           "idempotency_key");
        }
        // Scoped by the caller so two kiosks can never collide on a key.
        if (!key.empty())
            request.idempotency_key = c.who() + ":" + key;
        if (!d_.store.config()->find_service(request.service)) {
            throw ApiError(400, "unknown_service",
                           "service '" + request.service + "' does not exist", "service");
        }
        const IssueResult result = d_.store.issue(request, c.now);
        std::string base = d_.settings.public_url;
        if (base.empty()) {
            const std::string host = header_safe_host(c.req);
            base = host.empty() ? "" : (c.req.ssl ? "https://" : "http://") + host;
        }
        json ticket = to_json(result.ticket);
        ticket["status_token"] = result.ticket.status_token;
        const auto config_snapshot = d_.store.config();
        const OfficeConfig& config = *config_snapshot;
        const Permit* permit =
            request.permit_id.empty() ? nullptr : c.catalog().find(request.permit_id);
        c.reply(
            result.replayed ? 200 : 201,
            {{"ticket", ticket},
             {"replayed", result.replayed},
             {"people_ahead", result.people_ahead},
             {"estimate_minutes", estimate_json(result.estimate)},
             {"status_url", base + "/s/" + result.ticket.status_token},
             {"service", service_json(*config.find_service(result.ticket.origin_service))},
             {"permit", permit ? json{{"id", permit->id}, {"name", permit->name}} : json(nullptr)},
             {"office", office_ref_json(config, c.now)}});
    });

    add(server, "POST", "/tickets/{ticket_id}/print", Access::Kiosk, [this](Call& c) {
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
            spdlog::warn("printer at {}: ticket {} {} ({})", c.who(), t.number, status_text,
                         problem);
        }
        c.reply(200, {{"ticket", to_json(t)}});
    });
}

// ---------------------------------------------------------------------------------------------
// Counter staff

void Api::install_counters(httplib::Server& server) {
    // A counter with its receipt printer's paper width (the printer's address stays on the
    // server), so the console offers printing the receipt there.
    const auto counter_json = [this](const CounterStatus& counter) {
        json out = to_json(counter);
        const auto config = d_.store.config();
        const CounterDef* def = config->find_counter(counter.number);
        out["printer"] = def && def->printer
                             ? json{{"paper_width_mm", def->printer->paper_width_mm}}
                             : json(nullptr);
        return out;
    };
    add(server, "GET", "/counters", Access::Staff, [this, counter_json](Call& c) {
        json list = json::array();
        for (const auto& counter : d_.store.counters())
            list.push_back(counter_json(counter));
        c.reply(200, {{"counters", list}});
    });
    add(server, "GET", "/counters/{number}", Access::Staff, [this, counter_json](Call& c) {
        const int n = c.counter();
        if (!d_.store.config()->find_counter(n))
            throw QueueError("unknown_counter", "counter " + std::to_string(n) + " does not exist");
        c.reply(200, counter_json(d_.store.counter(n)));
    });
    add(server, "GET", "/counters/{number}/waiting", Access::Staff, [this](Call& c) {
        const auto config_snapshot = d_.store.config();
        const OfficeConfig& config = *config_snapshot;
        const CounterDef* def = config.find_counter(c.counter());
        if (!def)
            throw QueueError("unknown_counter", "counter " + c.param(1) + " does not exist");
        json list = json::array();
        for (const auto& t : d_.store.waiting(def->services, c.now)) {
            json item = to_json(t);
            const Permit* permit = t.permit_id.empty() ? nullptr : c.catalog().find(t.permit_id);
            item["permit_name"] = permit ? json(permit->name) : json(nullptr);
            item["waited_minutes"] =
                std::chrono::duration_cast<std::chrono::minutes>(c.now - t.issued_at).count();
            list.push_back(std::move(item));
        }
        c.reply(200, {{"tickets", list}});
    });
    add(server, "GET", "/counters/{number}/stats", Access::Staff, [this](Call& c) {
        if (!d_.store.config()->find_counter(c.counter()))
            throw QueueError("unknown_counter", "counter " + c.param(1) + " does not exist");
        const CounterDayStats stats = d_.store.counter_day_stats(c.counter(), c.now);
        c.reply(200, {{"served", stats.served},
                      {"no_shows", stats.no_shows},
                      {"average_service_minutes", stats.average_service_minutes
                                                      ? json(*stats.average_service_minutes)
                                                      : json(nullptr)}});
    });

    add(server, "POST", "/counters/{number}/open", Access::Staff, [this](Call& c) {
        Body(c.req).only({});
        c.reply(200, to_json(d_.store.open_counter(c.counter(), c.staff(), c.now)));
    });
    add(server, "POST", "/counters/{number}/close", Access::Staff, [this](Call& c) {
        Body(c.req).only({});
        c.reply(200, to_json(d_.store.close_counter(c.counter(), c.staff(), c.now)));
    });
    add(server, "POST", "/counters/{number}/pause", Access::Staff, [this](Call& c) {
        Body body(c.req);
        body.only({"reason"});
        c.reply(200, to_json(d_.store.pause_counter(c.counter(), c.staff(),
                                                    body.string("reason", 200), c.now)));
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
    add(server, "POST", "/counters/{number}/take-over", Access::Staff, [this](Call& c) {
        Body(c.req).only({});
        const CounterStatus counter = d_.store.counter(c.counter());
        if (counter.state == CounterState::Closed)
            throw QueueError("counter_closed", counter.name + " is closed; open it instead");
        const bool holder_logged_in = !counter.staff.empty() &&
                                      counter.staff != c.session->user.name &&
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
    });
    add(server, "POST", "/counters/{number}/call-next", Access::Staff, [this](Call& c) {
        Body(c.req).only({});
        const auto ticket = d_.store.call_next(c.counter(), c.staff(), c.now);
        json reply = {{"ticket", ticket ? to_json(*ticket) : json(nullptr)}};
        if (ticket)
            add_pickup_application(c, *ticket, reply);
        c.reply(200, reply);
    });
    add(server, "POST", "/counters/{number}/call", Access::Staff, [this](Call& c) {
        Body body(c.req);
        body.only({"number"});
        const Ticket ticket =
            d_.store.call_number(c.counter(), c.staff(), body.string("number", 16), c.now);
        json reply = {{"ticket", to_json(ticket)}};
        add_pickup_application(c, ticket, reply);
        c.reply(200, reply);
    });
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
    add(server, "POST", "/counters/{number}/transfer", Access::Staff, [this](Call& c) {
        Body body(c.req);
        body.only({"service", "note"});
        const std::string service = body.string("service", 64);
        const std::string note = body.optional_string("note", 500).value_or("");
        if (!d_.store.config()->find_service(service)) {
            throw ApiError(400, "unknown_service", "service '" + service + "' does not exist",
                           "service");
        }
        c.reply(200, {{"ticket", to_json(d_.store.transfer_from_counter(c.counter(), c.staff(),
                                                                        service, note, c.now))}});
    });
}

// ---------------------------------------------------------------------------------------------
// Supervisors: any ticket of today by number

void Api::install_supervisor(httplib::Server& server) {
    add(server, "GET", "/tickets", Access::Supervisor, [this](Call& c) {
        std::string date = c.req.get_param_value("date");
        if (date.empty())
            date = format_date_iso(to_local(c.now, d_.store.config()->zone).date);
        if (!parse_date_iso(date))
            throw ApiError(400, "invalid_field", "date must look like 2026-11-23", "date");
        json list = json::array();
        for (const auto& t : d_.store.tickets_on(date))
            list.push_back(to_json(t));
        c.reply(200, {{"date", date}, {"tickets", list}});
    });
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
    add(server, "POST", "/tickets/{ticket}/transfer", Access::Supervisor, [this](Call& c) {
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
    });
}

// ---------------------------------------------------------------------------------------------
// Admins: staff accounts

void Api::install_settings(httplib::Server& server) {
    add(server, "GET", "/settings", Access::Admin,
        [this](Call& c) { c.reply(200, to_json(*d_.store.config())); });
    add(server, "PUT", "/settings", Access::Admin, [this](Call& c) {
        const json doc = json::parse(c.req.body, nullptr, false);
        if (doc.is_discarded() || !doc.is_object()) {
            throw ApiError(400, "invalid_json", "the body must be a JSON object of settings");
        }
        const OfficeConfig saved =
            d_.store.save_config(office_config_from_json(doc, "settings"), c.who(), c.now);
        spdlog::info("{} saved the office settings", c.who());
        c.reply(200, to_json(saved));
    });
}

namespace {

// "duties" of a user body: an array of the office's duty ids; nullopt when absent.
std::optional<std::vector<std::string>> duties_of(const Body& body,
                                                  const ApplicationStore* applications) {
    const json* node = body.get("duties");
    if (!node)
        return std::nullopt;
    if (!node->is_array() || node->size() > 20)
        throw ApiError(400, "invalid_field", "duties must be a list of duty ids", "duties");
    const auto settings =
        applications ? applications->settings()
                     : std::make_shared<const ApplicationSettings>(default_application_settings());
    std::vector<std::string> duties;
    for (const auto& item : *node) {
        if (!item.is_string() || !settings->find_duty(item.get<std::string>())) {
            std::string known;
            for (const auto& d : settings->duties)
                known += (known.empty() ? "" : ", ") + d.id;
            throw ApiError(400, "unknown_duty", "duties must be among: " + known, "duties");
        }
        duties.push_back(item.get<std::string>());
    }
    return duties;
}

}  // namespace

void Api::install_users(httplib::Server& server) {
    const auto user_json = [](const User& u) {
        return json{{"name", u.name},
                    {"role", to_string(u.role)},
                    {"disabled", u.disabled},
                    {"duties", u.duties},
                    {"created_at", to_millis(u.created_at)}};
    };
    add(server, "GET", "/users", Access::Admin, [this, user_json](Call& c) {
        json list = json::array();
        for (const auto& u : d_.auth.users())
            list.push_back(user_json(u));
        c.reply(200, {{"users", list}});
    });
    add(server, "POST", "/users", Access::Admin, [this, user_json](Call& c) {
        Body body(c.req);
        body.only({"name", "role", "password", "duties"});
        const auto role = parse_role(body.string("role", 16));
        if (!role)
            throw ApiError(400, "invalid_field", "role must be staff, supervisor or admin", "role");
        const auto duties = duties_of(body, d_.applications);
        User u =
            d_.auth.add_user(body.string("name", 32), *role, body.string("password", 128), c.now);
        if (duties)
            u = d_.auth.set_duties(u.name, *duties);
        spdlog::info("{} added user {} ({})", c.who(), u.name, to_string(u.role));
        c.reply(201, user_json(u));
    });
    add(server, "PATCH", "/users/{name}", Access::Admin, [this, user_json](Call& c) {
        Body body(c.req);
        body.only({"role", "disabled", "password", "duties"});
        const std::string name = c.param(1);
        if (!d_.auth.find_user(name))
            throw ApiError(404, "not_found", "no user '" + name + "'");
        const auto duties = duties_of(body, d_.applications);
        if (const auto role_text = body.optional_string("role", 16)) {
            const auto role = parse_role(*role_text);
            if (!role)
                throw ApiError(400, "invalid_field", "role must be staff, supervisor or admin",
                               "role");
            if (name == c.session->user.name && *role != Role::Admin) {
                throw ApiError(409, "invalid_state", "an admin cannot lower their own role",
                               "role");
            }
            d_.auth.set_role(name, *role);
        }
        if (const auto disabled = body.optional_bool("disabled")) {
            if (name == c.session->user.name && *disabled) {
                throw ApiError(409, "invalid_state", "an admin cannot disable their own account",
                               "disabled");
            }
            d_.auth.set_disabled(name, *disabled);
        }
        if (const auto password = body.optional_string("password", 128))
            d_.auth.set_password(name, *password);
        if (duties)
            d_.auth.set_duties(name, *duties);
        c.reply(200, user_json(*d_.auth.find_user(name)));
    });
}

// ---------------------------------------------------------------------------------------------
// The event stream (Server-Sent Events) with replay from Last-Event-ID

void Api::install_events(httplib::Server& server) {
    add(server, "GET", "/events", Access::Reader, [this](Call& c) {
        std::string from = c.req.get_header_value("Last-Event-ID");
        if (from.empty())
            from = c.req.get_param_value("last_event_id");
        std::int64_t last = d_.hub.last_id();
        if (!from.empty()) {
            if (from.size() > 18 || from.find_first_not_of("0123456789") != std::string::npos) {
                throw ApiError(400, "invalid_field", "Last-Event-ID must be an event id",
                               "Last-Event-ID");
            }
            last = std::stoll(from);
        }
        if (d_.metrics.streams() >= d_.settings.max_event_streams) {
            c.res.set_header("Retry-After", "5");
            throw ApiError(503, "too_many_streams", "too many open event streams; retry shortly");
        }
        d_.metrics.stream_opened();
        const auto keepalive = std::chrono::seconds(d_.settings.keepalive_seconds);
        c.res.set_header("Cache-Control", "no-cache");
        c.res.set_header("X-Accel-Buffering", "no");
        // Clients treat a stream silent for a few keep-alive intervals as lost.
        c.res.set_header("Loket-Keep-Alive", std::to_string(d_.settings.keepalive_seconds));
        auto position = std::make_shared<std::int64_t>(last);
        c.res.set_chunked_content_provider(
            "text/event-stream",
            [this, position, keepalive](std::size_t offset, httplib::DataSink& sink) {
                if (!sink.is_writable())
                    return false;
                if (offset == 0) {
                    // At once, so a client knows it is connected before the first event.
                    static const std::string hello = ": connected\n\n";
                    return sink.write(hello.data(), hello.size());
                }
                std::vector<std::shared_ptr<const StreamFrame>> frames;
                switch (d_.hub.wait_after(*position, keepalive, 500, frames)) {
                    case EventHub::Wait::Closed:
                        sink.done();
                        return true;
                    case EventHub::Wait::Timeout: {
                        static const std::string comment = ": keep-alive\n\n";
                        return sink.write(comment.data(), comment.size());
                    }
                    case EventHub::Wait::NeedsStore:
                        for (const auto& e : d_.store.events_after(*position, 500)) {
                            frames.push_back(std::make_shared<const StreamFrame>(render_frame(e)));
                        }
                        break;
                    case EventHub::Wait::Events:
                        break;
                }
                std::string text;
                for (const auto& f : frames) {
                    text += f->text;
                    *position = f->id;
                }
                return text.empty() || sink.write(text.data(), text.size());
            },
            [this](bool) { d_.metrics.stream_closed(); });
    });
}

// ---------------------------------------------------------------------------------------------
// Applications (berkas) after the Pendaftaran counter (docs/applications.md)

namespace {

// What identifies a request for its idempotency key: the route and the body without the key,
// so a key reused for another request is refused rather than answered with the wrong thing.
std::string fingerprint_of(const httplib::Request& req, const Body& body) {
    json doc = body.doc();
    doc.erase("idempotency_key");
    return req.method + " " + req.path + " " +
           doc.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string url_encode(std::string_view text) {
    static const char* kHex = "0123456789ABCDEF";
    std::string out;
    for (const unsigned char ch : text) {
        if (std::isalnum(ch) || ch == '-' || ch == '_' || ch == '.' || ch == '~') {
            out += static_cast<char>(ch);
        } else {
            out += '%';
            out += kHex[ch >> 4];
            out += kHex[ch & 15];
        }
    }
    return out;
}

std::string local_date_text(TimePoint t, const OfficeConfig& config) {
    const LocalTime local = to_local(t, config.zone);
    return format_date_iso(local.date) + " pukul " + format_clock(local.minute_of_day) + " " +
           std::string(zone_name(config.zone));
}

// A query parameter: empty when absent; refused when longer than max or not matching allowed.
std::string query_param(const httplib::Request& req, const char* name, std::size_t max,
                        std::string_view allowed = "") {
    const std::string value = req.get_param_value(name);
    if (value.size() > max ||
        (!allowed.empty() && value.find_first_not_of(allowed) != std::string::npos)) {
        throw ApiError(400, "invalid_field",
                       std::string(name) + " is not valid (at most " + std::to_string(max) +
                           " characters" + (allowed.empty() ? "" : " of " + std::string(allowed)) +
                           ")",
                       name);
    }
    return value;
}

int int_param(const httplib::Request& req, const char* name, int min, int max, int fallback) {
    const std::string value = req.get_param_value(name);
    if (value.empty())
        return fallback;
    if (value.size() > 9 || value.find_first_not_of("0123456789") != std::string::npos ||
        std::stoi(value) < min || std::stoi(value) > max) {
        throw ApiError(400, "invalid_field",
                       std::string(name) + " must be a number from " + std::to_string(min) +
                           " to " + std::to_string(max),
                       name);
    }
    return std::stoi(value);
}

// ISO 8601 with the office's offset, e.g. 2026-12-05T09:10+08:00 (spreadsheets read it).
std::string iso_local(TimePoint t, TimeZone zone) {
    const LocalTime local = to_local(t, zone);
    const auto offset = utc_offset(zone).count();
    char text[40];
    std::snprintf(text, sizeof text, "%sT%s%+03d:%02d", format_date_iso(local.date).c_str(),
                  format_hhmm(local.minute_of_day).c_str(), static_cast<int>(offset / 60),
                  static_cast<int>(offset % 60));
    return text;
}

// One CSV field (RFC 4180): quoted when it holds a comma, quote or line break.
std::string csv_field(const std::string& value) {
    if (value.find_first_of(",\"\r\n") == std::string::npos)
        return value;
    std::string out = "\"";
    for (const char ch : value)
        out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
    return out + "\"";
}

constexpr std::string_view kNumberChars =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/.-_ ";

}  // namespace

ApplicationStore& Api::applications() const {
    if (!d_.applications) {
        throw ApiError(503, "applications_unavailable",
                       "application tracking is not running on this server");
    }
    return *d_.applications;
}

void Api::add_pickup_application(Call& c, const Ticket& ticket, json& reply) {
    if (!d_.applications || ticket.service != d_.applications->settings()->pickup_service)
        return;
    if (const auto app = d_.applications->for_pickup_ticket(ticket.id, c.staff(), c.now))
        reply["application"] = d_.applications->detail_json(*app, c.now);
}

void Api::install_applications(httplib::Server& server) {
    // Who acts on a file: the account's duties; supervisors and admins act on any step.
    const auto actor_of = [this](const Call& c) {
        const auto user = d_.auth.find_user(c.session->user.name);
        return Actor{c.staff(), user ? user->duties : std::vector<std::string>{},
                     c.session->user.role >= Role::Supervisor};
    };
    const auto key_of = [](const Call& c, const Body& body) {
        std::string key = body.optional_string("idempotency_key", 100).value_or("");
        if (key.empty())
            key = c.req.get_header_value("Idempotency-Key");
        if (key.size() > 100) {
            throw ApiError(400, "invalid_field", "idempotency key is longer than 100",
                           "idempotency_key");
        }
        return key.empty() ? key : c.who() + ":" + key;
    };
    const auto id_of = [](const Call& c) { return std::stoll(c.param(1)); };
    const auto public_base = [this](const Call& c) {
        std::string base = d_.settings.public_url;
        if (base.empty()) {
            const std::string host = header_safe_host(c.req);
            base = host.empty() ? "" : (c.req.ssl ? "https://" : "http://") + host;
        }
        return base;
    };
    const auto receipt_of = [this, public_base](const Call& c, const Application& app) {
        const auto config_snapshot = d_.store.config();
        const OfficeConfig& config = *config_snapshot;
        const ClockReading clock = applications().read_clock(app, c.now);
        const std::string standard = app.standard ? std::to_string(app.standard->amount) + " " +
                                                        std::string(to_string(app.standard->unit))
                                                  : "";
        json promise;
        if (clock.due) {
            promise = {{"text", "Berkas Anda selesai paling lambat " +
                                    local_date_text(*clock.due, config) + " (standar layanan " +
                                    standard + ")."},
                       {"text_en", "Your application will be completed by " +
                                       local_date_text(*clock.due, config) + " (service standard " +
                                       standard + ")."}};
        } else if (app.standard && app.clock_start_step) {
            promise = {{"text", "Standar layanan " + standard + ", dihitung sejak langkah " +
                                    std::to_string(*app.clock_start_step) +
                                    " SOP; tanggal selesai dapat dicek di halaman status."},
                       {"text_en", "Service standard " + standard + ", counted from step " +
                                       std::to_string(*app.clock_start_step) +
                                       " of the SOP; check the status page for the date."}};
        } else {
            promise = {{"text", "SOP izin ini tidak menyebut waktu penyelesaian."},
                       {"text_en", "The SOP of this permit states no completion time."}};
        }
        const std::string url = public_base(c) + "/berkas.html?nomor=" + url_encode(app.number) +
                                "&token=" + app.status_token;
        return json{
            {"number", app.number},
            {"permit", {{"id", app.permit_id}, {"name", app.permit_name}}},
            {"applicant_name", app.applicant_name},
            {"business_name", app.business_name},
            {"registered_at", to_millis(app.registered_at)},
            {"registered_at_text", local_date_text(app.registered_at, config)},
            {"due", clock.due ? json(to_millis(*clock.due)) : json(nullptr)},
            {"promise", promise},
            {"status_url", url},
            {"status_check",
             {{"text",
               "Cek status: pindai kode QR ini dengan ponsel, atau di kiosk pilih \"Cek status "
               "berkas\" dan masukkan nomor pendaftaran."},
              {"text_en",
               "Check the status: scan this QR code with a phone, or choose \"Cek status berkas\" "
               "at the kiosk and enter the registration number."}}},
            {"pickup",
             {{"text",
               "Bila berkas siap diambil, pindai kode QR ini di kiosk untuk mengambil nomor "
               "antrean Pengambilan. Bawa tanda terima ini."},
              {"text_en",
               "When the application is ready, scan this QR code at the kiosk for a Pickup queue "
               "number. Bring this receipt."}}},
            {"office", office_ref_json(config, c.now)},
        };
    };

    // The receipt's QR code, drawn by the server so the printed page needs no script library:
    // it encodes this server's public address followed by a path of this server, never another
    // site's address.
    add(server, "GET", "/qr.svg", Access::Public, [public_base](Call& c) {
        const std::string path =
            query_param(c.req, "path", 300,
                        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/?&=%.-_~");
        if (path.empty())
            throw ApiError(400, "missing_field", "path is required", "path");
        if (path[0] != '/' || (path.size() > 1 && path[1] == '/'))
            throw ApiError(400, "invalid_field", "path must start with one '/'", "path");
        const auto svg = print::qr_svg(public_base(c) + path);
        if (!svg)
            throw ApiError(400, "invalid_field", "path does not fit a QR code", "path");
        c.res.set_header("Cache-Control", "private, max-age=86400");
        c.res.set_content(*svg, "image/svg+xml");
    });

    add(server, "GET", "/applications/form", Access::Staff, [this](Call& c) {
        const std::string permit_id = query_param(c.req, "permit_id", 64);
        const Permit* permit = c.catalog().find(permit_id);
        if (!permit)
            throw ApiError(400, "unknown_permit", "no permit with id '" + permit_id + "'",
                           "permit_id");
        const std::string type = query_param(c.req, "applicant_type", 16);
        if (!type.empty() && type != kApplicantIndividual && type != kApplicantBusiness) {
            throw ApiError(400, "invalid_field", "applicant_type must be perorangan or badan_usaha",
                           "applicant_type");
        }
        const bool by_proxy = c.req.get_param_value("by_proxy") == "true";
        const auto settings = applications().settings();
        json requirements = json::array();
        for (std::size_t i = 0; i < permit->requirements.size(); ++i) {
            const Requirement& r = permit->requirements[i];
            const bool applies =
                r.applies_to == kAppliesToAll ||
                (r.applies_to == kAppliesToProxy ? by_proxy : r.applies_to == type);
            if (!type.empty() && !applies)
                continue;
            requirements.push_back({{"position", i},
                                    {"text", r.text},
                                    {"source", r.source},
                                    {"applies_to", r.applies_to}});
        }
        json workflow = json::array();
        std::string workflow_error;
        try {
            for (const auto& step : build_workflow(*permit, *settings))
                workflow.push_back(to_json(step));
        } catch (const InputError& e) {
            workflow_error = e.what();
        }
        const auto standard = service_standard(*permit, *settings);
        const auto* own = settings->find_permit(permit->id);
        c.reply(
            200,
            {{"permit", {{"id", permit->id}, {"name", permit->name}}},
             {"requirements", requirements},
             {"phone_consent_text", settings->phone_consent_text},
             {"standard",
              standard ? json{{"amount", standard->amount}, {"unit", to_string(standard->unit)}}
                       : json(nullptr)},
             {"service_time",
              {{"text", permit->service_time.text},
               {"note", permit->service_time.note},
               {"basis", permit->service_time.basis}}},
             {"clock_start_step",
              own && own->clock_start_step ? json(*own->clock_start_step) : json(nullptr)},
             {"workflow", workflow},
             {"workflow_error", workflow_error.empty() ? json(nullptr) : json(workflow_error)}});
    });

    add(server, "POST", "/applications", Access::Staff,
        [this, actor_of, key_of, receipt_of](Call& c) {
            Body body(c.req);
            body.only({"permit_id", "applicant_type", "by_proxy", "applicant_name", "business_name",
                       "phone", "phone_consent", "checklist", "ticket_id", "incomplete_visit_id",
                       "note", "idempotency_key"});
            const std::string permit_id = body.string("permit_id", 64);
            const Permit* permit = c.catalog().find(permit_id);
            if (!permit) {
                throw ApiError(400, "unknown_permit", "no permit with id '" + permit_id + "'",
                               "permit_id");
            }
            RegistrationRequest request;
            request.applicant_type = body.string("applicant_type", 16);
            request.by_proxy = body.optional_bool("by_proxy").value_or(false);
            request.applicant_name = body.optional_string("applicant_name", 200).value_or("");
            request.business_name = body.optional_string("business_name", 200).value_or("");
            request.phone = body.optional_string("phone", 32).value_or("");
            request.phone_consent = body.optional_bool("phone_consent").value_or(false);
            request.note = body.optional_string("note", 1000).value_or("");
            request.ticket_id = body.optional_integer("ticket_id", 1, 999999999999);
            request.incomplete_visit_id =
                body.optional_integer("incomplete_visit_id", 1, 999999999999);
            const json* checklist = body.get("checklist");
            if (!checklist || !checklist->is_array() || checklist->size() > 200) {
                throw ApiError(400, checklist ? "invalid_field" : "missing_field",
                               "checklist must be a list of {position, present}", "checklist");
            }
            for (std::size_t i = 0; i < checklist->size(); ++i) {
                const json& item = (*checklist)[i];
                const std::string field = "checklist[" + std::to_string(i) + "]";
                if (!item.is_object() || !item.contains("position") || !item.contains("present") ||
                    item.size() != 2 || !item["position"].is_number_integer() ||
                    !item["present"].is_boolean()) {
                    throw ApiError(
                        400, "invalid_field",
                        field + " must be {\"position\": number, \"present\": true|false}", field);
                }
                const auto position = item["position"].get<std::int64_t>();
                if (position < 0 || position > 1000) {
                    throw ApiError(400, "invalid_field", field + ".position is out of range",
                                   field + ".position");
                }
                request.checklist.push_back(
                    {static_cast<int>(position), item["present"].get<bool>()});
            }
            request.idempotency_key = key_of(c, body);
            request.fingerprint = fingerprint_of(c.req, body);
            const RegistrationResult result =
                applications().register_application(*permit, request, actor_of(c), c.now);
            const int status = result.replayed ? 200 : 201;
            if (result.application) {
                spdlog::info("{} registered {} ({})", c.who(), result.application->number,
                             permit->id);
                const Application app = applications().read_personal(
                    result.application->id, c.staff(), "registration", c.now);
                c.reply(status, {{"result", "registered"},
                                 {"replayed", result.replayed},
                                 {"application", applications().detail_json(app, c.now)},
                                 {"receipt", receipt_of(c, app)},
                                 {"visit", nullptr},
                                 {"to_bring", nullptr}});
                return;
            }
            const IncompleteVisit& visit = *result.visit;
            json items = json::array();
            for (const auto& m : visit.missing)
                items.push_back(m.text);
            c.reply(status, {{"result", "incomplete"},
                             {"replayed", result.replayed},
                             {"application", nullptr},
                             {"receipt", nullptr},
                             {"visit", applications().visit_json(visit)},
                             {"to_bring",
                              {{"title", "Berkas belum lengkap"},
                               {"title_en", "Your file is not complete"},
                               {"text",
                                "Mohon lengkapi persyaratan berikut, lalu kembali ke loket "
                                "Pendaftaran:"},
                               {"text_en",
                                "Please bring the following, then come back to the "
                                "Registration counter:"},
                               {"items", items},
                               {"permit", visit.permit_name}}}});
        });

    // The receipt again, on the ESC/POS printer of the clerk's counter (docs/applications.md,
    // "Counter printers"). The print runs on that printer's own worker; this thread waits for
    // its outcome no longer than the printer's timeouts, and the outcome goes on the file's
    // events. Printer trouble is an outcome (200, "failed"), not an error.
    add(server, "POST", "/applications/{application_id}/receipt/print", Access::Staff,
        [this, id_of, key_of, receipt_of](Call& c) {
            Body body(c.req);
            body.only({"counter", "idempotency_key"});
            const auto asked = body.optional_integer("counter", 1, 999);
            const auto held = d_.store.counter_held_by(c.session->user.name);
            if (!asked && !held) {
                throw QueueError(
                    "no_counter", "this account has no counter open; open one, or name the counter",
                    {{"message_id", "Anda belum membuka loket; buka loket Anda dahulu."}});
            }
            const int counter = asked ? static_cast<int>(*asked) : *held;
            if (asked && held != counter && c.session->user.role < Role::Supervisor) {
                throw ApiError(403, "not_your_counter",
                               "staff print only on the counter they operate", "counter");
            }
            const auto config_snapshot = d_.store.config();
            const OfficeConfig& config = *config_snapshot;
            const CounterDef* def = config.find_counter(counter);
            if (!def) {
                throw QueueError("unknown_counter",
                                 "counter " + std::to_string(counter) + " does not exist");
            }
            if (!def->printer) {
                throw QueueError(
                    "no_counter_printer",
                    def->name + " has no receipt printer; print the receipt page instead",
                    {{"message_id", def->name + " tidak memiliki printer tanda terima; cetak "
                                                "halaman tanda terima di printer biasa."}});
            }
            const std::string key = key_of(c, body);
            const Application app =
                applications().read_personal(id_of(c), c.staff(), "receipt_print", c.now);
            const json receipt = receipt_of(c, app);
            print::ReceiptLayout layout;
            layout.office_name = config.name;
            layout.office_address = config.address;
            layout.registration_number = app.number;
            layout.permit_name = app.permit_name;
            layout.applicant_type = app.applicant_type == kApplicantBusiness
                                        ? print::BilingualText{"Badan usaha", "Business entity"}
                                        : print::BilingualText{"Perorangan", "Individual"};
            layout.applicant_name = app.applicant_name;
            layout.business_name = app.business_name;
            layout.registered_at = receipt["registered_at_text"].get<std::string>();
            const auto pair = [](const json& node) {
                return print::BilingualText{node["text"].get<std::string>(),
                                            node["text_en"].get<std::string>()};
            };
            layout.promise = pair(receipt["promise"]);
            layout.status_check = pair(receipt["status_check"]);
            layout.pickup = pair(receipt["pickup"]);
            layout.status_url = receipt["status_url"].get<std::string>();
            layout.registered_by = app.registered_by;
            layout.paper = def->printer->paper_width_mm == 58 ? print::PaperWidth::mm58
                                                              : print::PaperWidth::mm80;
            const std::string fingerprint =
                "receipt " + std::to_string(app.id) + " counter " + std::to_string(counter);
            const auto submitted = counter_printers_->submit(
                key, fingerprint, def->printer->transport, std::move(layout), {});
            const print::PrintOutcome outcome = counter_printers_->wait(submitted);
            const json result = {
                {"result", std::string(print::to_string(outcome.result))},
                {"sent", outcome.sent},
                {"message", outcome.message_id},
                {"message_en", outcome.message_en},
                {"printer_state", std::string(print::to_string(outcome.status.state))}};
            if (!submitted.replayed) {
                if (outcome.result == print::PrintResult::failed) {
                    spdlog::warn("{}: receipt {} not printed at {}: {}", c.who(), app.number,
                                 def->name, outcome.detail);
                } else {
                    spdlog::info("{} printed receipt {} at {}", c.who(), app.number, def->name);
                }
                try {
                    applications().record_receipt_print(app.id, counter, result, c.staff(), c.now);
                } catch (const std::exception& e) {
                    // The paper is out (or not) whatever the database says: the clerk is told
                    // what the printer did, so a printed receipt is not printed again.
                    spdlog::error("receipt print of {} not recorded: {}", app.number, e.what());
                }
            }
            json reply = result;
            reply["counter"] = {{"number", counter}, {"name", def->name}};
            reply["application"] = {{"id", app.id}, {"number", app.number}};
            reply["replayed"] = submitted.replayed;
            c.reply(200, reply);
        });

    add(server, "GET", "/applications", Access::Staff, [this](Call& c) {
        const auto settings = applications().settings();
        BoardQuery query;
        query.number = query_param(c.req, "number", 64, kNumberChars);
        query.permit_id = query_param(c.req, "permit", 64, "abcdefghijklmnopqrstuvwxyz0123456789-");
        if (!c.req.get_param_value("step").empty())
            query.step_number = int_param(c.req, "step", 1, 1000, 0);
        query.duty = query_param(c.req, "duty", 32);
        if (!query.duty.empty() && !settings->find_duty(query.duty))
            throw ApiError(400, "unknown_duty", "no duty '" + query.duty + "'", "duty");
        query.assignee =
            query_param(c.req, "assignee", 32, "abcdefghijklmnopqrstuvwxyz0123456789._-");
        query.state = query_param(c.req, "state", 16);
        if (!query.state.empty() && query.state != "in_process" && query.state != "paused" &&
            query.state != "completed" && query.state != "ready") {
            throw ApiError(400, "invalid_field",
                           "state must be in_process, paused, completed or ready", "state");
        }
        query.clock_state = query_param(c.req, "clock", 16);
        static const std::set<std::string> kClocks = {
            "", "on_time", "at_risk", "overdue", "paused", "not_started", "no_standard"};
        if (!kClocks.count(query.clock_state)) {
            throw ApiError(400, "invalid_field",
                           "clock must be on_time, at_risk, overdue, paused, not_started or "
                           "no_standard",
                           "clock");
        }
        query.limit = int_param(c.req, "limit", 1, 500, 50);
        query.offset = int_param(c.req, "offset", 0, 1000000, 0);
        const Board board = applications().board(query, c.now);
        json rows = json::array();
        for (const auto& app : board.rows)
            rows.push_back(applications().summary_json(app, c.now));
        json groups = json::array();
        for (const auto& g : board.groups) {
            groups.push_back({{"permit_id", g.permit_id},
                              {"state", g.state},
                              {"step_number", g.step_number ? json(*g.step_number) : json(nullptr)},
                              {"duty", g.duty.empty() ? json(nullptr) : json(g.duty)},
                              {"count", g.count}});
        }
        c.reply(200, {{"now", to_millis(c.now)},
                      {"total", board.total},
                      {"limit", query.limit},
                      {"offset", query.offset},
                      {"applications", rows},
                      {"groups", groups},
                      {"clocks", board.clocks},
                      {"duties", to_json(*settings)["duties"]}});
    });

    add(server, "GET", "/applications/warnings", Access::Supervisor, [this](Call& c) {
        const auto config_snapshot = d_.store.config();
        json list = json::array();
        for (const auto& app : applications().warnings(c.now)) {
            json item = applications().summary_json(app, c.now);
            const std::string due =
                app.due_at ? local_date_text(*app.due_at, *config_snapshot) : "";
            item["risk"] = {
                {"oss_status", 57},
                {"text", "Bila belum diputuskan sampai " + due +
                             ", izin dapat dianggap disetujui secara otomatis (fiktif positif, "
                             "status OSS 57)."},
                {"text_en", "If not decided by " + due +
                                ", the permit may be deemed approved automatically (fiktif "
                                "positif, OSS status 57)."}};
            list.push_back(std::move(item));
        }
        c.reply(200, {{"now", to_millis(c.now)}, {"warnings", list}});
    });

    add(server, "GET", "/applications/stats", Access::Supervisor, [this](Call& c) {
        const auto config_snapshot = d_.store.config();
        const auto day = [&](const char* name, TimePoint fallback) {
            const std::string text = c.req.get_param_value(name);
            if (text.empty())
                return fallback;
            const auto date = parse_date_iso(text);
            if (!date)
                throw ApiError(400, "invalid_field",
                               std::string(name) + " must look like 2026-11-23", name);
            return from_local(*date, 0, config_snapshot->zone);
        };
        const auto today = to_local(c.now, config_snapshot->zone).date;
        const TimePoint from = day(
            "from", from_local(today.year() / std::chrono::January / 1, 0, config_snapshot->zone));
        // "to" names the last day counted.
        const TimePoint to =
            day("to", from_local(today, 0, config_snapshot->zone)) + std::chrono::days(1);
        if (to <= from)
            throw ApiError(400, "invalid_field", "to must not be before from", "to");
        const ApplicationCounts counts = applications().counts(from, to, c.now);
        const int seen = counts.registered + counts.incomplete_visits;
        c.reply(200, {{"from", to_millis(from)},
                      {"to", to_millis(to)},
                      {"registered", counts.registered},
                      {"incomplete_visits", counts.incomplete_visits},
                      {"incomplete_rate",
                       seen ? json(double(counts.incomplete_visits) / seen) : json(nullptr)},
                      {"completed", counts.completed},
                      {"completed_on_time", counts.completed_on_time},
                      {"picked_up", counts.picked_up},
                      {"open_overdue", counts.open_overdue}});
    });

    // The files registered in a period with their OSS status codes over time, for the office's
    // reports and a later connection to OSS. No personal data.
    add(server, "GET", "/applications/export", Access::Supervisor, [this](Call& c) {
        const auto config_snapshot = d_.store.config();
        const TimeZone zone = config_snapshot->zone;
        const auto day = [&](const char* name) {
            const std::string text = c.req.get_param_value(name);
            const auto date = parse_date_iso(text);
            if (!date) {
                throw ApiError(400, text.empty() ? "missing_field" : "invalid_field",
                               std::string(name) + " must look like 2026-11-23", name);
            }
            return from_local(*date, 0, zone);
        };
        const TimePoint from = day("from");
        const TimePoint to = day("to") + std::chrono::days(1);  // "to" is the last day
        if (to <= from || to - from > std::chrono::days(400))
            throw ApiError(400, "invalid_field", "to must be from 0 to 400 days after from", "to");
        const auto when = [&](const std::optional<TimePoint>& t) {
            return t ? iso_local(*t, zone) : std::string();
        };
        std::string csv =
            "\xEF\xBB\xBFnumber,permit_id,permit_name,applicant_type,business_name,"
            "registered_at,state,outcome,oss_status,oss_history,due,completed_at,on_time,"
            "ready_at,picked_up_at\r\n";
        for (const auto& app : applications().registered_between(from, to)) {
            std::string history;
            for (const auto& o : app.oss_history)
                history += (history.empty() ? "" : ";") + std::to_string(o.code) + " " +
                           iso_local(o.at, zone);
            const bool decided = app.completed_at.has_value();
            const std::string on_time =
                decided && app.due_at ? (*app.completed_at <= *app.due_at ? "ya" : "tidak") : "";
            const std::vector<std::string> fields = {
                app.number,
                app.permit_id,
                app.permit_name,
                app.applicant_type,
                app.business_name,
                iso_local(app.registered_at, zone),
                app.state,
                app.outcome,
                app.oss_status ? std::to_string(*app.oss_status) : "",
                history,
                when(app.due_at),
                when(app.completed_at),
                on_time,
                when(app.ready_at),
                when(app.picked_up_at)};
            for (std::size_t i = 0; i < fields.size(); ++i)
                csv += (i ? "," : "") + csv_field(fields[i]);
            csv += "\r\n";
        }
        c.res.set_header("Content-Disposition", "attachment; filename=\"berkas.csv\"");
        c.res.set_content(csv, "text/csv; charset=utf-8");
    });

    add(server, "GET", "/applications/lookup", Access::Kiosk, [this](Call& c) {
        const std::string number = query_param(c.req, "number", 64, kNumberChars);
        if (number.empty())
            throw ApiError(400, "missing_field", "number is required", "number");
        const Application app = applications().find_by_number(number, c.now);
        c.reply(200, applications().public_json(app, c.now));
    });

    add(server, "GET", "/public/applications/status", Access::Public, [this](Call& c) {
        const std::string number = query_param(c.req, "number", 64, kNumberChars);
        const std::string token = query_param(c.req, "token", 32, "0123456789abcdef");
        if (number.empty())
            throw ApiError(400, "missing_field", "number is required", "number");
        if (token.size() != 32)
            throw ApiError(400, "invalid_field", "token must be 32 hex characters", "token");
        const Application app = applications().find_public(number, token, c.now);
        json out = applications().public_json(app, c.now);
        out["office"] = office_ref_json(*d_.store.config(), c.now);
        c.reply(200, out);
    });

    add(server, "POST", "/applications/pickup-ticket", Access::Kiosk,
        [this, key_of, public_base](Call& c) {
            Body body(c.req);
            body.only({"number", "token", "idempotency_key"});
            const std::string number = body.string("number", 64);
            const std::string token = body.string("token", 32);
            if (token.size() != 32 ||
                token.find_first_not_of("0123456789abcdef") != std::string::npos)
                throw ApiError(400, "invalid_field", "token must be 32 hex characters", "token");
            const PickupTicketResult result =
                applications().issue_pickup_ticket(number, token, key_of(c, body), c.now);
            const auto config_snapshot = d_.store.config();
            const ServiceDef* service = config_snapshot->find_service(result.issued.ticket.service);
            json ticket = to_json(result.issued.ticket);
            ticket["status_token"] = result.issued.ticket.status_token;
            c.reply(result.issued.replayed ? 200 : 201,
                    {{"ticket", ticket},
                     {"replayed", result.issued.replayed},
                     {"people_ahead", result.issued.people_ahead},
                     {"estimate_minutes", estimate_json(result.issued.estimate)},
                     {"status_url", public_base(c) + "/s/" + result.issued.ticket.status_token},
                     {"service", service ? service_json(*service) : json(nullptr)},
                     {"application", applications().public_json(result.application, c.now)}});
        });

    add(server, "GET", "/applications/{application_id}", Access::Staff, [this, id_of](Call& c) {
        const Application app = applications().read_personal(id_of(c), c.staff(), "details", c.now);
        c.reply(200, applications().detail_json(app, c.now));
    });

    add(server, "GET", "/applications/{application_id}/access-log", Access::Supervisor,
        [this, id_of](Call& c) {
            applications().find(id_of(c), c.now);  // 404 for an unknown file
            json list = json::array();
            for (const auto& a : applications().personal_data_access(id_of(c)))
                list.push_back({{"user", a.user}, {"purpose", a.purpose}, {"at", to_millis(a.at)}});
            c.reply(200, {{"access", list}});
        });

    add(server, "POST", "/applications/{application_id}/steps", Access::Staff,
        [this, actor_of, key_of, id_of](Call& c) {
            Body body(c.req);
            body.only({"step", "action", "note", "idempotency_key"});
            const auto step = body.optional_integer("step", 1, 1000);
            if (!step)
                throw ApiError(400, "missing_field", "step (the step acted on) is required",
                               "step");
            const auto action = parse_step_action(body.string("action", 16));
            if (!action) {
                throw ApiError(400, "invalid_field", "action must be done, returned or rejected",
                               "action");
            }
            const std::string note = body.optional_string("note", 1000).value_or("");
            const ApplicationResult result = applications().act_on_step(
                id_of(c), static_cast<int>(*step), *action, note, actor_of(c), key_of(c, body),
                fingerprint_of(c.req, body), c.now);
            c.reply(200, {{"application", applications().summary_json(result.application, c.now)},
                          {"replayed", result.replayed}});
        });

    add(server, "POST", "/applications/{application_id}/pause", Access::Staff,
        [this, actor_of, key_of, id_of](Call& c) {
            Body body(c.req);
            body.only({"reason", "note", "idempotency_key"});
            const ApplicationResult result =
                applications().pause(id_of(c), body.string("reason", 40),
                                     body.optional_string("note", 1000).value_or(""), actor_of(c),
                                     key_of(c, body), fingerprint_of(c.req, body), c.now);
            c.reply(200, {{"application", applications().summary_json(result.application, c.now)},
                          {"replayed", result.replayed}});
        });

    add(server, "POST", "/applications/{application_id}/resume", Access::Staff,
        [this, actor_of, key_of, id_of](Call& c) {
            Body body(c.req);
            body.only({"note", "idempotency_key"});
            const ApplicationResult result = applications().resume(
                id_of(c), body.optional_string("note", 1000).value_or(""), actor_of(c),
                key_of(c, body), fingerprint_of(c.req, body), c.now);
            c.reply(200, {{"application", applications().summary_json(result.application, c.now)},
                          {"replayed", result.replayed}});
        });

    add(server, "POST", "/applications/{application_id}/assign", Access::Staff,
        [this, actor_of, id_of](Call& c) {
            Body body(c.req);
            body.only({"assignee"});
            const std::string assignee = body.optional_string("assignee", 32).value_or("");
            std::vector<std::string> duties;
            if (!assignee.empty()) {
                const auto user = d_.auth.find_user(assignee);
                if (!user || user->disabled)
                    throw ApiError(400, "unknown_user", "no active user '" + assignee + "'",
                                   "assignee");
                duties = user->duties;
            }
            const ApplicationResult result =
                applications().assign(id_of(c), assignee, duties, actor_of(c), c.now);
            c.reply(200, {{"application", applications().summary_json(result.application, c.now)}});
        });

    add(server, "POST", "/applications/{application_id}/ready", Access::Staff,
        [this, actor_of, key_of, id_of](Call& c) {
            Body body(c.req);
            body.only({"idempotency_key"});
            const ApplicationResult result = applications().mark_ready(
                id_of(c), actor_of(c), key_of(c, body), fingerprint_of(c.req, body), c.now);
            c.reply(200, {{"application", applications().summary_json(result.application, c.now)},
                          {"replayed", result.replayed}});
        });

    add(server, "POST", "/applications/{application_id}/pickup", Access::Staff,
        [this, actor_of, key_of, id_of](Call& c) {
            Body body(c.req);
            body.only({"received_by", "note", "idempotency_key"});
            const ApplicationResult result = applications().hand_over(
                id_of(c), body.string("received_by", 200),
                body.optional_string("note", 1000).value_or(""), actor_of(c), key_of(c, body),
                fingerprint_of(c.req, body), c.now);
            c.reply(200, {{"application", applications().summary_json(result.application, c.now)},
                          {"replayed", result.replayed}});
        });

    add(server, "GET", "/display/ready-applications", Access::Reader, [this](Call& c) {
        const bool enabled = applications().settings()->display_ready_numbers;
        c.reply(200,
                {{"enabled", enabled},
                 {"numbers", enabled ? json(applications().ready_numbers(c.now)) : json::array()}});
    });
}

}  // namespace loket::server
