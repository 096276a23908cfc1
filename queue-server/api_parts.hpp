#pragma once
// What the API's parts (api.cpp and the *_api.cpp files that include this) share: the refusal
// a handler throws before the queue rules are reached, the strict reader of request bodies, the
// JSON error reply; the shapes replies share with events are the protocol's (wire_writer.hpp).
#include <httplib.h>

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "loket/office.hpp"
#include "loket/queue_store.hpp"
#include "loket/survey.hpp"
#include "loket/wire_writer.hpp"

namespace loket::server {

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

// The JSON error reply: {"error": {code, message, field?, ...details}}.
void send_error(httplib::Response& res, int status, const std::string& code,
                const std::string& message, const std::string& field = "",
                const nlohmann::json& details = nlohmann::json::object());

// Request bodies: strict, every field named in errors, unknown fields refused.
class Body {
  public:
    explicit Body(const httplib::Request& req) {
        if (req.body.empty()) {
            doc_ = nlohmann::json::object();
            return;
        }
        const auto type = req.get_header_value("Content-Type");
        if (!type.empty() && type.find("application/json") == std::string::npos) {
            throw ApiError(415, "unsupported_media_type", "the body must be application/json");
        }
        doc_ = nlohmann::json::parse(req.body, nullptr, false);
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
    const nlohmann::json* get(const char* name) const {
        const auto it = doc_.find(name);
        return it == doc_.end() || it->is_null() ? nullptr : &*it;
    }

    const nlohmann::json& doc() const { return doc_; }

  private:
    nlohmann::json doc_;
};

// The idempotency key of a write, from the body's "idempotency_key" or the Idempotency-Key
// header, scoped by the caller ("who:key") so that two devices never collide; "" without one.
std::string scoped_idempotency_key(const httplib::Request& req, const Body& body,
                                   const std::string& who);

// The request's Host header when it is a plain host name or address (for links), else "".
std::string header_safe_host(const httplib::Request& req);

// A whole number written in decimal digits alone, from min to max; nullopt otherwise.
std::optional<int> bounded_int(std::string_view text, int min, int max);

// A query parameter: empty when absent; refused when longer than max or not matching allowed.
std::string query_param(const httplib::Request& req, const char* name, std::size_t max,
                        std::string_view allowed = "");

// The bilingual routes (survey, complaints, privacy, reports) refuse with the reason in English
// and Indonesian, answered as "message" and "message_id".
// A refusal of the request's query or path: source "request".
survey::SurveyInputError request_refusal(const std::string& field, const std::string& reason_en,
                                         const std::string& reason_id,
                                         const std::string& code = "invalid_field");
// The body as a JSON object; refused naming why, before anything is read from it.
nlohmann::json json_object_body(const httplib::Request& req);
// Refuses the first key of body that allowed does not name (the name cut to 64 bytes).
void refuse_unknown_fields(const nlohmann::json& body, std::initializer_list<const char*> allowed);

// A time as the office reads it on a receipt or a warning: "2026-12-05 pukul 09.10 WITA".
std::string local_date_text(TimePoint t, const OfficeConfig& config);

inline constexpr std::array<std::string_view, 7> kWeekdays = {
    "sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"};

// Every shape the replies share with the events comes from the protocol's one writer.
using protocol::counter_ref_json;
using protocol::estimate_json;
using protocol::office_ref_json;
using protocol::ranges_json;
using protocol::service_ref_json;
using protocol::summaries_json;
using protocol::to_json;

}  // namespace loket::server
