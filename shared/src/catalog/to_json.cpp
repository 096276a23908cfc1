// The catalog as the API serves it: the same field names as the catalog files, with each time
// standard expanded into its original text and normalised parts. Anything the SOP does not
// state is null, so clients can say so instead of guessing.
#include <nlohmann/json.hpp>

#include "loket/catalog.hpp"

namespace loket::catalog {
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
                {"working_days_min", or_null(time.working_days_min)},
                {"working_days_max", or_null(time.working_days_max)},
                {"day_offset_from", or_null(time.day_offset_from)},
                {"day_offset_to", or_null(time.day_offset_to)}};
}

json to_json(const StepTotals& t) {
    return json{{"minutes", t.minutes},
                {"days", t.days},
                {"working_days", t.working_days},
                {"steps", t.steps}};
}

// Long on purpose: the permit document written field by field, as the catalog reader reads it.
json to_json(const Permit& p) {
    json requirements = json::array();
    for (const Requirement& r : p.requirements) {
        requirements.push_back(
            {{"text", r.text}, {"source", r.source}, {"applies_to", r.applies_to}});
    }
    json definitions = json::array();
    for (const Definition& d : p.definitions)
        definitions.push_back({{"term", d.term}, {"text", d.text}});
    const ServiceTime& st = p.service_time;
    const json service_time = {{"text", st.text.empty() ? json(nullptr) : json(st.text)},
                               {"source", st.source},
                               {"value", or_null(st.value)},
                               {"unit", st.unit.empty() ? json(nullptr) : json(st.unit)},
                               {"basis", st.basis},
                               {"note", st.note}};
    // Totals per outcome path; a permit without outcome branches has one path, "disetujui".
    json step_totals = {
        {std::string(kBranchApproved), to_json(p.step_totals(kBranchApproved))},
        {std::string(kBranchRejected),
         p.has_branch(kBranchRejected) ? to_json(p.step_totals(kBranchRejected)) : json(nullptr)}};
    const json contact = p.contact.empty() ? json(nullptr)
                                           : json{{"address", p.contact.address},
                                                  {"phone", p.contact.phone},
                                                  {"fax", p.contact.fax},
                                                  {"source", p.contact.source}};
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
                         {"note", s.note},
                         {"branch", s.branch},
                         {"condition", s.condition}});
    }
    return json{{"id", p.id},
                {"name", p.name},
                {"short_name", p.short_name},
                {"office", p.office},
                {"region", p.region},
                {"category", p.category},
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
                {"definitions", definitions},
                {"requirements", requirements},
                {"steps", steps},
                {"service_time", service_time},
                // The older field: the SOP's statement only (null when it states none).
                {"completion_time", st.text.empty() ? json(nullptr) : json(st.text)},
                {"cost", or_null(p.cost)},
                {"cost_source", p.cost_source},
                {"cost_note", p.cost_note},
                {"product", or_null(p.product)},
                {"product_source", p.product_source},
                {"validity", or_null(p.validity)},
                {"complaint_channels", p.complaint_channels},
                {"service_hours", p.service_hours},
                {"service_hours_source", p.service_hours_source},
                {"facilities", p.facilities},
                {"contact", contact},
                {"start_service", p.start_service},
                {"start_service_reason", p.start_service_reason},
                {"keywords", p.keywords},
                {"step_totals", step_totals},
                // The approved path's totals (older fields; see step_totals).
                {"total_step_minutes", p.total_step_minutes()},
                {"total_step_days", p.total_step_days()},
                {"total_step_working_days", p.total_step_working_days()}};
}

}  // namespace loket::catalog
