// The API's core: every route added with its access rule, the errors' JSON, the deadline
// header and the Server-Sent Events stream. The resources are in public_api.cpp,
// counter_api.cpp, user_api.cpp, application_api.cpp and the other *_api.cpp files.
#include "api.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <fstream>
#include <regex>
#include <set>

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
using Clock = std::chrono::steady_clock;

// ---------------------------------------------------------------------------------------------
// Errors

void send_error(httplib::Response& res, int status, const std::string& code,
                const std::string& message, const std::string& field, const json& details) {
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

std::string scoped_idempotency_key(const httplib::Request& req, const Body& body,
                                   const std::string& who) {
    std::string key = body.optional_string("idempotency_key", 100).value_or("");
    if (key.empty())
        key = req.get_header_value("Idempotency-Key");
    if (key.size() > 100) {
        throw ApiError(400, "invalid_field", "idempotency key is longer than 100",
                       "idempotency_key");
    }
    return key.empty() ? key : who + ":" + key;
}

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

std::optional<int> bounded_int(std::string_view text, int min, int max) {
    if (text.empty() || text.size() > 9 || text.find_first_not_of("0123456789") != text.npos)
        return std::nullopt;
    const int value = std::stoi(std::string(text));
    if (value < min || value > max)
        return std::nullopt;
    return value;
}

std::string query_param(const httplib::Request& req, const char* name, std::size_t max,
                        std::string_view allowed) {
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

survey::SurveyInputError request_refusal(const std::string& field, const std::string& reason_en,
                                         const std::string& reason_id, const std::string& code) {
    return survey::SurveyInputError("request", field, reason_en, reason_id, code);
}

nlohmann::json json_object_body(const httplib::Request& req) {
    nlohmann::json doc = nlohmann::json::parse(req.body, nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) {
        throw survey::SurveyInputError("request body", "", "the body must be a JSON object (UTF-8)",
                                       "isi permintaan harus berupa objek JSON (UTF-8)",
                                       "invalid_json");
    }
    return doc;
}

void refuse_unknown_fields(const nlohmann::json& body, std::initializer_list<const char*> allowed) {
    for (const auto& item : body.items()) {
        const std::string& key = item.key();
        if (std::find_if(allowed.begin(), allowed.end(), [&](const char* a) { return key == a; }) ==
            allowed.end()) {
            throw survey::SurveyInputError("request body", key.substr(0, 64), "unknown field",
                                           "isian tidak dikenal", "unknown_field");
        }
    }
}

std::string local_date_text(TimePoint t, const OfficeConfig& config) {
    const LocalTime local = to_local(t, config.zone);
    return format_date_iso(local.date) + " pukul " + format_clock(local.minute_of_day) + " " +
           std::string(zone_name(config.zone));
}

namespace {

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

void Api::authorize(Call& call, Access access) const {
    // Who is asking: a device key from the configuration or a staff session token.
    const std::string auth = call.req.get_header_value("Authorization");
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
            allowed = call.session || (call.device && call.device->role == DeviceRole::Kiosk);
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
}

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
            authorize(call, access);
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

}  // namespace loket::server
