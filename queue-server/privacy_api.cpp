// Personal data under /api/v1/privacy (admins; docs/privacy.md): finding one person's records,
// exporting them as a JSON download, erasing them on request, running the retention's
// anonymisation now, and the log of staff reads of personal data. The rules are in
// loket_privacy (PrivacyStore).
#include <spdlog/spdlog.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "api_call.hpp"
#include "api_parts.hpp"
#include "loket/privacy_store.hpp"
#include "loket/survey.hpp"

namespace loket::server {

using nlohmann::json;
using survey::SurveyInputError;

namespace {

// "records": 1-50 of {kind: application|complaint, id}.
std::vector<PersonRecord> records_of(const json& body) {
    const auto it = body.find("records");
    if (it == body.end() || !it->is_array() || it->empty() || it->size() > 50) {
        throw SurveyInputError("request body", "records", "must be a list of 1-50 records",
                               "harus berupa daftar 1-50 catatan");
    }
    std::vector<PersonRecord> out;
    for (std::size_t i = 0; i < it->size(); ++i) {
        const json& r = (*it)[i];
        const std::string field = "records[" + std::to_string(i) + "]";
        if (!r.is_object() || !r.contains("kind") || !r["kind"].is_string() ||
            !(r["kind"] == "application" || r["kind"] == "complaint") || !r.contains("id") ||
            !r["id"].is_number_integer() || r["id"].get<std::int64_t>() < 1 || r.size() != 2) {
            throw SurveyInputError(
                "request body", field,
                "must be {kind: application or complaint, id: a positive integer}",
                "harus berupa {kind: application atau complaint, id: bilangan bulat "
                "positif}");
        }
        out.push_back({r["kind"].get<std::string>(), r["id"].get<std::int64_t>()});
    }
    return out;
}

std::string query_text(const httplib::Request& req, const char* name, std::size_t max) {
    const std::string value = req.get_param_value(name);
    if (value.size() > max) {
        throw SurveyInputError("query", name,
                               "is longer than " + std::to_string(max) + " characters",
                               "lebih dari " + std::to_string(max) + " karakter");
    }
    return value;
}

// A required text of at most `max` bytes.
std::string body_text(const json& body, const char* name, std::size_t max) {
    const auto it = body.find(name);
    if (it == body.end() || !it->is_string()) {
        throw SurveyInputError("request body", name, "is required, as text",
                               "wajib diisi, berupa teks", "required");
    }
    const std::string value = it->get<std::string>();
    if (value.size() > max) {
        throw SurveyInputError("request body", name,
                               "is longer than " + std::to_string(max) + " characters",
                               "lebih dari " + std::to_string(max) + " karakter");
    }
    return value;
}

int query_int(const httplib::Request& req, const char* name, int min, int max, int fallback) {
    const std::string value = req.get_param_value(name);
    if (value.empty())
        return fallback;
    const std::optional<int> number = bounded_int(value, min, max);
    if (!number) {
        throw SurveyInputError(
            "query", name,
            "must be a number from " + std::to_string(min) + " to " + std::to_string(max),
            "harus berupa angka " + std::to_string(min) + " sampai " + std::to_string(max));
    }
    return *number;
}

std::int64_t query_time(const httplib::Request& req, const char* name, std::int64_t fallback) {
    const std::string value = req.get_param_value(name);
    if (value.empty())
        return fallback;
    if (value.size() > 15 || value.find_first_not_of("0123456789") != std::string::npos) {
        throw SurveyInputError("query", name, "must be a time in milliseconds since 1970",
                               "harus berupa waktu dalam milidetik sejak 1970");
    }
    return std::stoll(value);
}

}  // namespace

void Api::install_privacy(httplib::Server& server) {
    // POST, not GET: a phone number or name in the URL would stay in proxies' logs.
    add(server, "POST", "/privacy/search", Access::Admin, [this](Call& c) {
        const json body = json_object_body(c.req);
        refuse_unknown_fields(body, {"by", "q"});
        const std::string by = body_text(body, "by", 16);
        if (by != "phone" && by != "name" && by != "application" && by != "complaint") {
            throw SurveyInputError("request body", "by",
                                   "must be phone, name, application or complaint",
                                   "harus phone, name, application atau complaint");
        }
        std::string value = body_text(body, "q", 100);
        while (!value.empty() && value.back() == ' ')
            value.pop_back();
        while (!value.empty() && value.front() == ' ')
            value.erase(value.begin());
        if (value.size() < 3) {
            throw SurveyInputError("request body", "q", "must be at least 3 characters",
                                   "minimal 3 karakter");
        }
        c.reply(200, {{"records", PrivacyStore(d_.store).search(by, value, c.who(), c.now)}});
    });
    add(server, "POST", "/privacy/export", Access::Admin, [this](Call& c) {
        const json body = json_object_body(c.req);
        refuse_unknown_fields(body, {"records"});
        const json out = PrivacyStore(d_.store).export_records(records_of(body), c.who(), c.now);
        spdlog::info("{} exported the personal data of {} records", c.who(), out["records"].size());
        c.res.set_header("Content-Disposition", "attachment; filename=\"data-pribadi.json\"");
        c.reply(200, out);
    });
    add(server, "POST", "/privacy/erase", Access::Admin, [this](Call& c) {
        const json body = json_object_body(c.req);
        refuse_unknown_fields(body, {"records", "reason"});
        const auto records = records_of(body);
        const auto reason = body.find("reason");
        if (reason == body.end() || !reason->is_string() || reason->get<std::string>().empty() ||
            reason->get<std::string>().size() > 500) {
            throw SurveyInputError("request body", "reason", "is required (1-500 characters)",
                                   "wajib diisi (1-500 karakter)");
        }
        const AnonymiseCounts counts = PrivacyStore(d_.store).erase_records(
            records, c.who(), reason->get<std::string>(), c.now);
        spdlog::info("{} erased the personal data of {} records", c.who(), records.size());
        c.reply(200, counts.to_json());
    });
    add(server, "POST", "/privacy/anonymise", Access::Admin, [this](Call& c) {
        if (!c.req.body.empty())
            refuse_unknown_fields(json_object_body(c.req), {});
        c.reply(200, PrivacyStore(d_.store).anonymise_expired(c.now).to_json());
    });
    add(server, "GET", "/privacy/access-log", Access::Admin, [this](Call& c) {
        AccessLogQuery q;
        q.user = query_text(c.req, "user", 64);
        q.kind = query_text(c.req, "kind", 16);
        if (!q.kind.empty() && q.kind != "application" && q.kind != "complaint") {
            throw SurveyInputError("query", "kind", "must be application or complaint",
                                   "harus application atau complaint");
        }
        q.action = query_text(c.req, "action", 16);
        if (!q.action.empty() && q.action != "read" && q.action != "search" &&
            q.action != "export" && q.action != "erase" && q.action != "anonymise") {
            throw SurveyInputError("query", "action",
                                   "must be read, search, export, erase or anonymise",
                                   "harus read, search, export, erase atau anonymise");
        }
        q.number = query_text(c.req, "number", 64);
        q.from_ms = query_time(c.req, "from", 0);
        q.to_ms = query_time(c.req, "to", INT64_MAX);
        q.page = query_int(c.req, "page", 1, 100000, 1);
        q.per_page = query_int(c.req, "per_page", 1, 200, 50);
        c.reply(200, PrivacyStore(d_.store).access_log(q, c.now));
    });
}

}  // namespace loket::server
