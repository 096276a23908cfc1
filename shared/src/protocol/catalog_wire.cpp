#include "loket/catalog_wire.hpp"

#include <map>
#include <string>

#include "loket/catalog.hpp"
#include "loket/input_error.hpp"
#include "loket/wire_writer.hpp"

namespace loket::protocol {

using nlohmann::json;

namespace {

constexpr const char* kCatalogExportFormat = "loket-catalog/1";

}  // namespace

json permit_version_json(const catalog::PermitVersion& v) {
    return {{"permit_id", v.permit_id}, {"version", v.version},   {"change", v.change},
            {"note", v.note},           {"saved_by", v.saved_by}, {"saved_at", v.saved_ms},
            {"retired", v.retired}};
}

json permit_saved_json(const catalog::PermitVersion& version) {
    return {{"version", permit_version_json(version)}};
}

json permit_listing_json(const std::vector<catalog::PermitListing>& permits) {
    json list = json::array();
    for (const catalog::PermitListing& l : permits) {
        json item = permit_version_json(l.latest);
        item["name"] = l.name;
        item["short_name"] = l.short_name;
        item["category"] = l.category;
        list.push_back(std::move(item));
    }
    return {{"permits", std::move(list)}};
}

json permit_versions_json(const std::vector<catalog::PermitVersion>& versions) {
    json list = json::array();
    for (const catalog::PermitVersion& v : versions)
        list.push_back(permit_version_json(v));
    return {{"versions", std::move(list)}};
}

json permit_diff_json(int from, int to, const std::vector<catalog::DocumentChange>& changes) {
    json list = json::array();
    for (const catalog::DocumentChange& c : changes) {
        json op = {{"op", c.op}, {"path", c.path}, {"before", c.before.value_or(nullptr)}};
        if (c.value)
            op["value"] = *c.value;
        list.push_back(std::move(op));
    }
    return {{"from", from}, {"to", to}, {"changes", std::move(list)}};
}

json import_outcome_json(const catalog::ImportOutcome& outcome) {
    return {{"created", outcome.created},
            {"updated", outcome.updated},
            {"unchanged", outcome.unchanged}};
}

json catalog_changed_payload(const catalog::PermitVersion& v, const StaffRef& by) {
    return {{"permit_id", v.permit_id},
            {"version", v.version},
            {"change", v.change},
            {"retired", v.retired},
            {"staff", to_json(by)}};
}

json catalog_export_json(const std::vector<json>& documents) {
    return {{"format", kCatalogExportFormat}, {"permits", documents}};
}

std::vector<json> read_catalog_export(const json& exported) {
    if (!exported.is_object())
        throw InputError("request body", "", "must be a catalog export (a JSON object)",
                         "wrong_type");
    const auto format = exported.find("format");
    if (format == exported.end() || !format->is_string() || *format != kCatalogExportFormat)
        throw InputError("request body", "format",
                         std::string("must be '") + kCatalogExportFormat + "'", "invalid_format");
    const auto list = exported.find("permits");
    if (list == exported.end() || !list->is_array() || list->empty())
        throw InputError("request body", "permits", "must list at least one permit", "no_permits");
    std::map<std::string, std::size_t> seen;
    for (std::size_t i = 0; i < list->size(); ++i) {
        const std::string at = "permits[" + std::to_string(i) + "]";
        catalog::Permit p;
        try {
            p = catalog::Catalog::parse_permit((*list)[i], "request body");
        } catch (const InputError& e) {
            throw InputError(e.source(), e.field().empty() ? at : at + "." + e.field(), e.reason(),
                             e.code());
        }
        if (!seen.emplace(p.id, i).second)
            throw InputError("request body", at + ".id", "duplicate id '" + p.id + "'",
                             "duplicate_permit_id");
    }
    return list->get<std::vector<json>>();
}

}  // namespace loket::protocol
