#include "loket/wire_writer.hpp"

namespace loket::protocol {

using nlohmann::json;

namespace {
json optional_time(const std::optional<TimePoint>& t) {
    return t ? json(to_millis(*t)) : json(nullptr);
}
}  // namespace

json to_json(const Ticket& t) {
    return {
        {"id", t.id},
        {"local_date", t.local_date},
        {"number", t.number},
        {"origin_service", t.origin_service},
        {"service", t.service},
        {"priority", t.priority == Priority::None ? json(nullptr) : json(to_string(t.priority))},
        {"permit_id", t.permit_id.empty() ? json(nullptr) : json(t.permit_id)},
        {"state", to_string(t.state)},
        {"issued_at", to_millis(t.issued_at)},
        {"arrival_at", to_millis(t.arrival_at)},
        {"called_at", optional_time(t.called_at)},
        {"started_at", optional_time(t.started_at)},
        {"finished_at", optional_time(t.finished_at)},
        {"counter", t.counter ? json(*t.counter) : json(nullptr)},
        {"call_count", t.call_count},
        {"print_status", to_string(t.print_status)},
        {"print_problem", t.print_problem},
        {"note", t.note},
    };
}

json to_json(const CounterStatus& c) {
    return {
        {"number", c.number},
        {"name", c.name},
        {"services", c.services},
        {"state", to_string(c.state)},
        {"pause_reason_code", c.pause_code ? json(to_string(*c.pause_code)) : json(nullptr)},
        {"pause_reason", c.pause_reason},
        {"staff", c.staff},
        {"since", optional_time(c.since)},
        {"current", c.current ? to_json(*c.current) : json(nullptr)},
    };
}

json to_json(const StaffRef& staff) {
    return {{"name", staff.name}, {"role", staff.role}};
}

json to_json(const Event& e) {
    return {{"id", e.id}, {"type", e.type}, {"at", to_millis(e.at)}, {"payload", e.payload}};
}

json service_ref_json(const ServiceDef& s) {
    return {{"id", s.id},
            {"name", s.name},
            {"name_en", s.name_en},
            {"prefix", std::string(1, s.prefix)}};
}

json service_ref_json(const ServiceDef* s, std::string_view id) {
    if (!s)
        return {{"id", id}, {"name", id}, {"name_en", id}, {"prefix", ""}};
    return service_ref_json(*s);
}

json counter_ref_json(const CounterDef* c, int number) {
    return {{"number", number}, {"name", c ? c->name : "Loket " + std::to_string(number)}};
}

json ranges_json(const std::vector<TimeRange>& ranges) {
    json out = json::array();
    for (const auto& r : ranges)
        out.push_back(format_hhmm(r.from) + "-" + format_hhmm(r.to));
    return out;
}

json office_ref_json(const OfficeConfig& config, TimePoint now) {
    return {{"name", config.name},
            {"short_name", config.short_name},
            {"time_zone", zone_name(config.zone)},
            {"utc_offset_minutes", utc_offset(config.zone).count()},
            {"open", check_open(config, now).open},
            {"today_hours", ranges_json(hours_on(config, to_local(now, config.zone).date))}};
}

json estimate_json(const WaitEstimate& e) {
    return e.minutes ? json(*e.minutes) : json(nullptr);
}

json summaries_json(const OfficeConfig& config, const std::vector<ServiceSummary>& summaries) {
    json out = json::array();
    for (const auto& s : summaries) {
        const ServiceDef* def = config.find_service(s.id);
        json item = def ? service_ref_json(*def) : json{{"id", s.id}};
        item["waiting"] = s.waiting;
        item["open_counters"] = s.open_counters;
        item["people_ahead"] = s.people_ahead;
        item["estimate_minutes"] = estimate_json(s.estimate);
        item["service_minutes"] = s.estimate.service_minutes;
        out.push_back(std::move(item));
    }
    return out;
}

json ticket_event_payload(const OfficeConfig& config, const Ticket& t, const WaitingCounts& waiting,
                          const StaffRef* by) {
    json payload = {
        {"ticket", to_json(t)},
        {"service", service_ref_json(config.find_service(t.service), t.service)},
        {"counter",
         t.counter ? counter_ref_json(config.find_counter(*t.counter), *t.counter) : json(nullptr)},
        {"waiting", waiting},
    };
    if (by)
        payload["staff"] = to_json(*by);
    return payload;
}

void add_transfer_origin(json& payload, const std::string& from_service,
                         std::optional<int> from_counter) {
    payload["from_service"] = from_service;
    payload["from_counter"] = from_counter ? json(*from_counter) : json(nullptr);
}

void add_issue_estimate(json& payload, int people_ahead, const WaitEstimate& estimate) {
    payload["people_ahead"] = people_ahead;
    payload["estimate_minutes"] = estimate_json(estimate);
}

json finish_facts(bool implicit_start) {
    return {{"implicit_start", implicit_start}};
}

json counter_event_payload(const CounterStatus& counter, const StaffRef& by,
                           const WaitingCounts& waiting) {
    return {{"counter", to_json(counter)}, {"staff", to_json(by)}, {"waiting", waiting}};
}

json counter_taken_over_payload(const CounterStatus& counter, const StaffRef& by,
                                const std::string& previous_staff, bool forced,
                                const WaitingCounts& waiting) {
    json payload = counter_event_payload(counter, by, waiting);
    payload["previous_staff"] = {{"name", previous_staff}};
    payload["forced"] = forced;
    return payload;
}

json settings_changed_payload(const OfficeConfig& config, const std::string& saved_by) {
    return {{"settings", loket::to_json(config)}, {"saved_by", saved_by}};
}

}  // namespace loket::protocol
