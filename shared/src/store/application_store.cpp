#include "loket/application_store.hpp"

#include <cstdio>

#include "application_store_internal.hpp"

namespace loket {

namespace application_store_detail {

void bind_opt(SQLite::Statement& q, int index, const std::optional<TimePoint>& t) {
    if (t)
        q.bind(index, ms(*t));
    else
        q.bind(index);
}

void bind_opt(SQLite::Statement& q, int index, const std::optional<std::int64_t>& v) {
    if (v)
        q.bind(index, *v);
    else
        q.bind(index);
}

nlohmann::json time_json(const std::optional<TimePoint>& t) {
    return t ? nlohmann::json(ms(*t)) : nlohmann::json(nullptr);
}

std::string content_hash(const std::string& text) {
    std::uint64_t h = 1469598103934665603ULL;
    for (const unsigned char c : text) {
        h ^= c;
        h *= 1099511628211ULL;
    }
    char out[17];
    std::snprintf(out, sizeof out, "%016llx", static_cast<unsigned long long>(h));
    return out;
}

Application read_application(SQLite::Statement& q) {
    Application a;
    int i = 0;
    a.id = q.getColumn(i++).getInt64();
    a.number = q.getColumn(i++).getString();
    a.status_token = q.getColumn(i++).getString();
    a.permit_id = q.getColumn(i++).getString();
    a.permit_name = q.getColumn(i++).getString();
    a.catalog_hash = q.getColumn(i++).getString();
    a.applicant_type = q.getColumn(i++).getString();
    a.by_proxy = q.getColumn(i++).getInt() != 0;
    a.applicant_name = q.getColumn(i++).getString();
    a.business_name = q.getColumn(i++).getString();
    a.phone = q.getColumn(i++).getString();
    a.phone_consent_text = q.getColumn(i++).getString();
    a.phone_consent_at = nullable_time(q.getColumn(i++));
    a.ticket_id = nullable_int64(q.getColumn(i++));
    a.registered_at = from_millis(q.getColumn(i++).getInt64());
    a.registered_by = q.getColumn(i++).getString();
    a.state = q.getColumn(i++).getString();
    a.outcome = q.getColumn(i++).getString();
    if (const auto v = nullable_int64(q.getColumn(i++)))
        a.step_index = static_cast<int>(*v);
    a.assignee = q.getColumn(i++).getString();
    a.step_started_at = nullable_time(q.getColumn(i++));
    a.clock_started_at = nullable_time(q.getColumn(i++));
    const auto amount = nullable_int64(q.getColumn(i++));
    const std::string unit = q.getColumn(i++).getString();
    if (amount) {
        if (const auto u = parse_sla_unit(unit))
            a.standard = SlaStandard{static_cast<int>(*amount), *u};
    }
    a.due_at = nullable_time(q.getColumn(i++));
    a.at_risk_at = nullable_time(q.getColumn(i++));
    a.warn_at = nullable_time(q.getColumn(i++));
    a.warned_at = nullable_time(q.getColumn(i++));
    a.needed = q.getColumn(i++).getString();
    if (const auto v = nullable_int64(q.getColumn(i++)))
        a.oss_status = static_cast<int>(*v);
    a.completed_at = nullable_time(q.getColumn(i++));
    a.ready_at = nullable_time(q.getColumn(i++));
    a.pickup_ticket_id = nullable_int64(q.getColumn(i++));
    a.picked_up_at = nullable_time(q.getColumn(i++));
    a.handed_over_by = q.getColumn(i++).getString();
    a.received_by = q.getColumn(i++).getString();
    a.note = q.getColumn(i++).getString();
    a.updated_at = from_millis(q.getColumn(i++).getInt64());
    a.workflow_id = q.getColumn(i++).getInt64();
    return a;
}

PinnedWorkflow parse_workflow(const std::string& text, std::int64_t id) {
    const auto doc = nlohmann::json::parse(text, nullptr, false);
    if (doc.is_discarded() || !doc.is_object())
        throw StorageError("workflow " + std::to_string(id) + " is unreadable");
    PinnedWorkflow w;
    for (const auto& step : doc.at("steps"))
        w.steps.push_back(workflow_step_from_json(step));
    if (const auto it = doc.find("clock_start_step"); it != doc.end() && !it->is_null())
        w.clock_start_step = it->get<int>();
    return w;
}

void require_text(const std::string& value, const char* field, std::size_t max, bool required) {
    if (required && value.empty())
        throw InputError(kRequestSource, field, std::string(field) + " is required",
                         "missing_field");
    if (value.size() > max) {
        throw InputError(kRequestSource, field,
                         std::string(field) + " is longer than " + std::to_string(max));
    }
}

std::vector<SlaPause> clock_pauses(const Application& app) {
    std::vector<SlaPause> out;
    if (!app.clock_started_at)
        return out;
    const TimePoint start = *app.clock_started_at;
    for (const auto& p : app.pauses) {
        if (p.until && *p.until <= start)
            continue;
        out.push_back({std::max(p.from, start), p.until, p.reason});
    }
    return out;
}

std::string local_when(TimePoint t, const OfficeConfig& config) {
    const LocalTime local = to_local(t, config.zone);
    return format_date_iso(local.date) + " pukul " + format_clock(local.minute_of_day) + " " +
           std::string(zone_name(config.zone));
}

}  // namespace application_store_detail

std::optional<StepAction> parse_step_action(std::string_view text) {
    if (text == "done")
        return StepAction::Done;
    if (text == "returned")
        return StepAction::Returned;
    if (text == "rejected")
        return StepAction::Rejected;
    return std::nullopt;
}

std::string_view to_string(StepAction action) {
    switch (action) {
        case StepAction::Done:
            return "done";
        case StepAction::Returned:
            return "returned";
        case StepAction::Rejected:
            return "rejected";
    }
    return "done";
}

// ---------------------------------------------------------------------------------------------

ApplicationStore::ApplicationStore(QueueStore& queue, ApplicationSettings settings)
    : queue_(queue), settings_(std::make_shared<const ApplicationSettings>(std::move(settings))) {}

std::shared_ptr<const ApplicationSettings> ApplicationStore::settings() const {
    std::lock_guard lock(settings_mutex_);
    return settings_;
}

void ApplicationStore::set_settings(ApplicationSettings settings) {
    std::lock_guard lock(settings_mutex_);
    settings_ = std::make_shared<const ApplicationSettings>(std::move(settings));
}

}  // namespace loket
