// Applications (berkas) as the back office and the public see them (docs/applications.md): the
// board with its filters, the deadline warnings, the counts, the export, the status look-ups.
// The routes are installed with the file's lifecycle in application_api.cpp.
#include <chrono>
#include <cstdio>
#include <set>

#include "api.hpp"
#include "api_call.hpp"
#include "api_parts.hpp"
#include "loket/application_wire.hpp"

namespace loket::server {

using nlohmann::json;

namespace {

int int_param(const httplib::Request& req, const char* name, int min, int max, int fallback) {
    const std::string value = req.get_param_value(name);
    if (value.empty())
        return fallback;
    const std::optional<int> number = bounded_int(value, min, max);
    if (!number) {
        throw ApiError(400, "invalid_field",
                       std::string(name) + " must be a number from " + std::to_string(min) +
                           " to " + std::to_string(max),
                       name);
    }
    return *number;
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

void Api::list_board(Call& c) {
    const auto settings = applications().settings();
    BoardQuery query;
    query.number = query_param(c.req, "number", 64, kNumberChars);
    query.permit_id = query_param(c.req, "permit", 64, "abcdefghijklmnopqrstuvwxyz0123456789-");
    if (!c.req.get_param_value("step").empty())
        query.step_number = int_param(c.req, "step", 1, 1000, 0);
    query.duty = query_param(c.req, "duty", 32);
    if (!query.duty.empty() && !settings->find_duty(query.duty))
        throw ApiError(400, "unknown_duty", "no duty '" + query.duty + "'", "duty");
    query.assignee = query_param(c.req, "assignee", 32, "abcdefghijklmnopqrstuvwxyz0123456789._-");
    query.state = query_param(c.req, "state", 16);
    if (!query.state.empty() && query.state != "in_process" && query.state != "paused" &&
        query.state != "completed" && query.state != "ready") {
        throw ApiError(400, "invalid_field", "state must be in_process, paused, completed or ready",
                       "state");
    }
    query.clock_state = query_param(c.req, "clock", 16);
    static const std::set<std::string> kClocks = {"",       "on_time",     "at_risk",    "overdue",
                                                  "paused", "not_started", "no_standard"};
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
        rows.push_back(application_summary(app, c.now));
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
}

void Api::list_deadline_warnings(Call& c) {
    const auto config_snapshot = d_.store.config();
    json list = json::array();
    for (const auto& app : applications().warnings(c.now)) {
        json item = application_summary(app, c.now);
        const std::string due = app.due_at ? local_date_text(*app.due_at, *config_snapshot) : "";
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
}

void Api::application_stats(Call& c) {
    const auto config_snapshot = d_.store.config();
    const auto day = [&](const char* name, TimePoint fallback) {
        const std::string text = c.req.get_param_value(name);
        if (text.empty())
            return fallback;
        const auto date = parse_date_iso(text);
        if (!date)
            throw ApiError(400, "invalid_field", std::string(name) + " must look like 2026-11-23",
                           name);
        return from_local(*date, 0, config_snapshot->zone);
    };
    const auto today = to_local(c.now, config_snapshot->zone).date;
    const TimePoint from =
        day("from", from_local(today.year() / std::chrono::January / 1, 0, config_snapshot->zone));
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
}

void Api::export_applications(Call& c) {
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
            history +=
                (history.empty() ? "" : ";") + std::to_string(o.code) + " " + iso_local(o.at, zone);
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
}

void Api::look_up_application(Call& c) {
    const std::string number = query_param(c.req, "number", 64, kNumberChars);
    if (number.empty())
        throw ApiError(400, "missing_field", "number is required", "number");
    const Application app = applications().find_by_number(number, c.now);
    c.reply(200, application_public(app, c.now));
}

void Api::public_application_status(Call& c) {
    const std::string number = query_param(c.req, "number", 64, kNumberChars);
    const std::string token = query_param(c.req, "token", 32, "0123456789abcdef");
    if (number.empty())
        throw ApiError(400, "missing_field", "number is required", "number");
    if (token.size() != 32)
        throw ApiError(400, "invalid_field", "token must be 32 hex characters", "token");
    const Application app = applications().find_public(number, token, c.now);
    json out = application_public(app, c.now);
    out["office"] = office_ref_json(*d_.store.config(), c.now);
    c.reply(200, out);
}

void Api::list_ready_numbers(Call& c) {
    const bool enabled = applications().settings()->display_ready_numbers;
    c.reply(200,
            {{"enabled", enabled},
             {"numbers", enabled ? json(applications().ready_numbers(c.now)) : json::array()}});
}

}  // namespace loket::server
