#include "dashboard_api.hpp"

#include <spdlog/spdlog.h>

#include <chrono>

#include "loket/central_sync.hpp"
#include "loket/time.hpp"
#include "web_security.hpp"

namespace loket::central {
namespace {

using nlohmann::json;

constexpr int kLongestRangeDays = 366;

void send_error(httplib::Response& res, int status, const std::string& code,
                const std::string& message, const std::string& message_en,
                const std::string& field = "") {
    json error = {{"code", code}, {"message", message}, {"message_en", message_en}};
    if (!field.empty())
        error["field"] = field;
    res.status = status;
    res.set_content(json{{"error", error}}.dump(), "application/json; charset=utf-8");
}

std::string bearer_token(const httplib::Request& req) {
    const std::string header = req.get_header_value("Authorization");
    return header.rfind("Bearer ", 0) == 0 ? header.substr(7) : "";
}

struct Range {
    std::string from, to;
};

// from/to as office-local dates, both given, from <= to, at most a year apart; else the reply
// is the error and nullopt.
std::optional<Range> read_range(const httplib::Request& req, httplib::Response& res) {
    Range range{req.get_param_value("from"), req.get_param_value("to")};
    for (const auto& [field, text] : {std::pair{"from", range.from}, std::pair{"to", range.to}}) {
        if (!parse_date_iso(text)) {
            send_error(res, 400, "invalid_date",
                       std::string("'") + field + "' harus tanggal seperti 2026-12-01",
                       std::string("'") + field + "' must be a date like 2026-12-01", field);
            return std::nullopt;
        }
    }
    const auto from = std::chrono::sys_days(*parse_date_iso(range.from));
    const auto to = std::chrono::sys_days(*parse_date_iso(range.to));
    if (to < from) {
        send_error(res, 400, "range_order", "Tanggal akhir sebelum tanggal awal",
                   "The end date is before the start date", "to");
        return std::nullopt;
    }
    if ((to - from).count() >= kLongestRangeDays) {
        send_error(res, 400, "range_too_long", "Rentang paling lama 366 hari",
                   "A range covers at most 366 days", "to");
        return std::nullopt;
    }
    return range;
}

// Runs `handler` for a signed-in province account; 401 otherwise, 503 when central's
// database does not answer.
template <typename Handler>
httplib::Server::Handler signed_in(ProvinceDashboard& dashboard, Handler handler) {
    return [&dashboard, handler](const httplib::Request& req, httplib::Response& res) {
        try {
            const auto user = dashboard.user_of(bearer_token(req));
            if (!user) {
                send_error(res, 401, "not_signed_in", "Silakan masuk terlebih dahulu",
                           "Please sign in first");
                return;
            }
            handler(req, res, *user);
        } catch (const SyncError& e) {
            spdlog::error("dashboard: {}", e.what());
            send_error(res, 503, "database_unavailable",
                       "Basis data pusat tidak dapat dihubungi; coba lagi sebentar lagi",
                       "The central database cannot be reached; try again shortly");
        }
    };
}

// POST /api/v1/auth/login: a province account's sign-in, answered with its session token.
void log_in(ProvinceDashboard& dashboard, const httplib::Request& req, httplib::Response& res) {
    const json body = json::parse(req.body, nullptr, false);
    if (!body.is_object() || !body.contains("username") || !body["username"].is_string() ||
        !body.contains("password") || !body["password"].is_string()) {
        send_error(res, 400, "invalid_body", "Isi nama pengguna dan kata sandi",
                   "Give a user name and a password");
        return;
    }
    try {
        const std::string name = body["username"];
        const auto token = dashboard.login(name, body["password"]);
        if (!token) {
            spdlog::warn("dashboard: failed sign-in as '{}' from {}", name, req.remote_addr);
            send_error(res, 401, "login_failed", "Nama pengguna atau kata sandi salah",
                       "Wrong user name or password");
            return;
        }
        const auto user = dashboard.user_of(*token);
        spdlog::info("dashboard: '{}' signed in from {}", name, req.remote_addr);
        res.set_content(
            json{{"token", *token}, {"user", {{"name", user->name}, {"role", user->role}}}}.dump(),
            "application/json; charset=utf-8");
    } catch (const SyncError& e) {
        spdlog::error("dashboard: {}", e.what());
        send_error(res, 503, "database_unavailable",
                   "Basis data pusat tidak dapat dihubungi; coba lagi sebentar lagi",
                   "The central database cannot be reached; try again shortly");
    }
}

// GET /api/v1/figures.csv and .xlsx: the figures over a range as a table file, Indonesian
// unless lang=en.
void send_figures_file(ProvinceDashboard& dashboard, const httplib::Request& req,
                       httplib::Response& res, const std::string& format) {
    const auto range = read_range(req, res);
    if (!range)
        return;
    const bool indonesian = req.get_param_value("lang") != "en";
    const report::TableDocument table = dashboard.figures_table(range->from, range->to, indonesian);
    const std::string file = std::string(indonesian ? "kinerja-" : "figures-") + range->from + "-" +
                             range->to + "." + format;
    res.set_header("Content-Disposition", "attachment; filename=\"" + file + "\"");
    if (format == "csv")
        res.set_content(report::to_csv(table), "text/csv; charset=utf-8");
    else
        res.set_content(report::to_xlsx(table),
                        "application/vnd.openxmlformats-officedocument."
                        "spreadsheetml.sheet");
}

// GET /api/v1/offices/{id}/days: one office's days over a range.
void send_office_days(ProvinceDashboard& dashboard, const httplib::Request& req,
                      httplib::Response& res) {
    const auto range = read_range(req, res);
    if (!range)
        return;
    const auto days = dashboard.office_days(req.matches[1], range->from, range->to);
    if (!days) {
        send_error(res, 404, "unknown_office", "Kantor tidak dikenal", "No such office");
        return;
    }
    res.set_content(days->dump(), "application/json; charset=utf-8");
}

}  // namespace

void install_dashboard_api(httplib::Server& server, ProvinceDashboard& dashboard,
                           const DashboardSite& site) {
    server.set_default_headers(server::security_headers());

    server.Post("/api/v1/auth/login",
                [&dashboard](const httplib::Request& req, httplib::Response& res) {
                    log_in(dashboard, req, res);
                });
    server.Post("/api/v1/auth/logout",
                signed_in(dashboard, [&dashboard](const httplib::Request& req,
                                                  httplib::Response& res, const ProvinceUser&) {
                    dashboard.logout(bearer_token(req));
                    res.status = 204;
                }));
    server.Get("/api/v1/me",
               signed_in(dashboard, [](const httplib::Request&, httplib::Response& res,
                                       const ProvinceUser& user) {
                   res.set_content(json{{"name", user.name}, {"role", user.role}}.dump(),
                                   "application/json; charset=utf-8");
               }));
    server.Get("/api/v1/today",
               signed_in(dashboard, [&dashboard](const httplib::Request&, httplib::Response& res,
                                                 const ProvinceUser&) {
                   res.set_content(dashboard.today().dump(), "application/json; charset=utf-8");
               }));
    server.Get("/api/v1/figures",
               signed_in(dashboard, [&dashboard](const httplib::Request& req,
                                                 httplib::Response& res, const ProvinceUser&) {
                   const auto range = read_range(req, res);
                   if (!range)
                       return;
                   res.set_content(dashboard.figures(range->from, range->to).dump(),
                                   "application/json; charset=utf-8");
               }));
    for (const std::string format : {"csv", "xlsx"}) {
        server.Get(
            "/api/v1/figures." + format,
            signed_in(dashboard, [&dashboard, format](const httplib::Request& req,
                                                      httplib::Response& res, const ProvinceUser&) {
                send_figures_file(dashboard, req, res, format);
            }));
    }
    server.Get(R"(/api/v1/offices/([a-z][a-z0-9-]{1,39})/days)",
               signed_in(dashboard, [&dashboard](const httplib::Request& req,
                                                 httplib::Response& res, const ProvinceUser&) {
                   send_office_days(dashboard, req, res);
               }));
    server.Get(R"(/api/v1/.*)", [](const httplib::Request&, httplib::Response& res) {
        send_error(res, 404, "not_found", "Alamat tidak dikenal", "No such address");
    });

    server.set_mount_point("/", site.web_dir.string());
    if (!site.chart_js_dir.empty() && std::filesystem::is_directory(site.chart_js_dir))
        server.set_mount_point("/vendor/chart.js", site.chart_js_dir.string());
}

}  // namespace loket::central
