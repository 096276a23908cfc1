// The catalog as the API serves it: the same field names as the catalog files, with each time
// standard expanded into its original text and normalised parts. Anything the SOP does not
// state is null, so clients can say so instead of guessing.
#include <nlohmann/json.hpp>

#include "loket/catalog.hpp"

namespace loket {
namespace {

using nlohmann::json;

template <typename T>
json or_null(const std::optional<T>& value) {
    return value ? json(*value) : json(nullptr);
}

}  // namespace

json to_json(const TimeStandard& time) {
    return json{{"text", time.text},
                {"minutes_min", or_null(time.minutes_min)},
                {"minutes_max", or_null(time.minutes_max)},
                {"days_min", or_null(time.days_min)},
                {"days_max", or_null(time.days_max)},
                {"day_offset_from", or_null(time.day_offset_from)},
                {"day_offset_to", or_null(time.day_offset_to)}};
}

json to_json(const Permit& p) {
    json requirements = json::array();
    for (const Requirement& r : p.requirements) {
        requirements.push_back({{"text", r.text}, {"source", r.source}});
    }
    json steps = json::array();
    for (const ProcedureStep& s : p.steps) {
        steps.push_back({{"number", s.number},
                         {"activity", s.activity},
                         {"actors", s.actors},
                         {"actor_source", s.actor_source},
                         {"actor_note", s.actor_note},
                         {"input", s.input},
                         {"time", to_json(s.time)},
                         {"output", s.output},
                         {"note", s.note}});
    }
    return json{{"id", p.id},
                {"name", p.name},
                {"short_name", p.short_name},
                {"office", p.office},
                {"region", p.region},
                {"source_file", p.source_file},
                {"sop",
                 {{"number", p.sop.number},
                  {"title", p.sop.title},
                  {"revision", p.sop.revision},
                  {"created", p.sop.created},
                  {"revised", p.sop.revised},
                  {"effective", p.sop.effective},
                  {"approved_by", p.sop.approved_by}}},
                {"legal_basis", p.legal_basis},
                {"executor_qualifications", p.executor_qualifications},
                {"related_sops", p.related_sops},
                {"equipment", p.equipment},
                {"warnings", p.warnings},
                {"record_keeping", p.record_keeping},
                {"requirements", requirements},
                {"steps", steps},
                {"completion_time", or_null(p.completion_time)},
                {"cost", or_null(p.cost)},
                {"product", or_null(p.product)},
                {"validity", or_null(p.validity)},
                {"complaint_channels", p.complaint_channels},
                {"service_hours", p.service_hours},
                {"start_service", p.start_service},
                {"start_service_reason", p.start_service_reason},
                {"keywords", p.keywords},
                {"total_step_minutes", p.total_step_minutes()},
                {"total_step_days", p.total_step_days()}};
}

}  // namespace loket
