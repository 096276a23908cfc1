#pragma once
// What the catalog's files share (catalog.cpp, catalog_sections.cpp): the allowed values and
// keys, the Reader that names each rejected field, and the parsers of a permit's sections.
#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "loket/catalog.hpp"
#include "loket/input_error.hpp"

namespace loket::catalog::detail {

using nlohmann::json;

inline constexpr std::array<std::string_view, 4> kServices = {"informasi", "customer_service",
                                                              "pendaftaran", "pengambilan"};
inline constexpr std::array<std::string_view, 3> kActorSources = {"table", "text", "unmarked"};
inline constexpr std::array<std::string_view, 4> kAppliesTo = {kAppliesToAll, kAppliesToIndividual,
                                                               kAppliesToBusiness, kAppliesToProxy};
inline constexpr std::array<std::string_view, 3> kBranches = {kBranchCommon, kBranchApproved,
                                                              kBranchRejected};
inline constexpr std::array<std::string_view, 3> kTimeBases = {"stated", "step_sum", "not_stated"};
inline constexpr std::array<std::string_view, 4> kTimeUnits = {"menit", "jam", "hari",
                                                               "hari kerja"};
// A category is a heading on a kiosk tile: a few words.
inline constexpr std::size_t kMaxCategoryBytes = 60;
// Larger figures are not a permit's service time; also keeps arithmetic far from overflow.
inline constexpr long long kMaxTimeValue = 100000;

template <size_t N>
bool one_of(const std::string& value, const std::array<std::string_view, N>& allowed) {
    return std::find(allowed.begin(), allowed.end(), value) != allowed.end();
}

template <size_t N>
std::string list(const std::array<std::string_view, N>& allowed) {
    std::string out;
    for (const auto& a : allowed)
        out += (out.empty() ? "" : ", ") + std::string(a);
    return out;
}

bool is_slug(const std::string& s);

// Reads one JSON document for one source, tracking nothing but the source name: field paths
// are passed along explicitly so each message can name the exact field.
class Reader {
  public:
    explicit Reader(const std::string& source) : source_(source) {}

    // code names the problem for clients that translate it (docs/catalog-editing.md lists
    // them); reason is the English text for logs and catalog files.
    [[noreturn]] void fail(const std::string& field, const std::string& reason,
                           const std::string& code) const {
        throw InputError(source_, field, reason, code);
    }

    static std::string join(const std::string& path, std::string_view key) {
        return path.empty() ? std::string(key) : path + "." + std::string(key);
    }
    static std::string index(const std::string& path, size_t i) {
        return path + "[" + std::to_string(i) + "]";
    }

    void expect_object(const json& value, const std::string& path) const {
        if (!value.is_object())
            fail(path, std::string("expected an object, got ") + value.type_name(), "wrong_type");
    }

    // Rejects keys the model does not know: a misspelt key would otherwise be silently lost.
    template <size_t N>
    void only_keys(const json& obj, const std::string& path,
                   const std::array<std::string_view, N>& allowed) const {
        for (const auto& [key, value] : obj.items()) {
            if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
                fail(join(path, key), "unknown field", "unknown_field");
            }
        }
    }

    std::string text(const json& value, const std::string& path, bool allow_empty) const {
        if (!value.is_string())
            fail(path, std::string("expected a string, got ") + value.type_name(), "wrong_type");
        std::string s = value.get<std::string>();
        if (!allow_empty && s.empty())
            fail(path, "must not be empty", "empty_field");
        return s;
    }

    std::string required(const json& obj, const std::string& path, std::string_view key) const {
        const auto it = obj.find(key);
        if (it == obj.end() || it->is_null())
            fail(join(path, key), "required field is missing", "missing_field");
        return text(*it, join(path, key), false);
    }

    // Absent means empty; present must be a string.
    std::string optional(const json& obj, const std::string& path, std::string_view key) const {
        const auto it = obj.find(key);
        if (it == obj.end())
            return {};
        return text(*it, join(path, key), true);
    }

    // Statements the SOP may not make (cost, validity...): absent or null when it makes none,
    // never an empty string, so "not stated" has exactly one spelling.
    std::optional<std::string> stated(const json& obj, std::string_view key) const {
        const auto it = obj.find(key);
        if (it == obj.end() || it->is_null())
            return std::nullopt;
        const std::string path(key);
        if (it->is_string() && it->get_ref<const std::string&>().empty()) {
            fail(path, "must not be empty; leave the field out when the SOP states nothing",
                 "empty_statement");
        }
        return text(*it, path, false);
    }

    const json* array(const json& obj, const std::string& path, std::string_view key) const {
        const auto it = obj.find(key);
        if (it == obj.end())
            return nullptr;
        if (!it->is_array()) {
            fail(join(path, key), std::string("expected an array, got ") + it->type_name(),
                 "wrong_type");
        }
        return &*it;
    }

    std::vector<std::string> strings(const json& obj, const std::string& path,
                                     std::string_view key) const {
        std::vector<std::string> out;
        const json* items = array(obj, path, key);
        if (items == nullptr)
            return out;
        for (size_t i = 0; i < items->size(); ++i) {
            out.push_back(text((*items)[i], index(join(path, key), i), false));
        }
        return out;
    }

  private:
    const std::string& source_;
};

// Every key a catalog file may use, in the order of struct Permit. "completion_time" is the
// older spelling of service_time.text, still read so older catalog files load.
inline constexpr std::array<std::string_view, 33> kPermitKeys = {
    "id",
    "name",
    "short_name",
    "office",
    "region",
    "category",
    "source_file",
    "sop",
    "legal_basis",
    "executor_qualifications",
    "related_sops",
    "equipment",
    "warnings",
    "record_keeping",
    "definitions",
    "requirements",
    "steps",
    "service_time",
    "completion_time",
    "cost",
    "cost_source",
    "cost_note",
    "product",
    "product_source",
    "validity",
    "complaint_channels",
    "service_hours",
    "service_hours_source",
    "facilities",
    "contact",
    "start_service",
    "start_service_reason",
    "keywords",
};
inline constexpr std::array<std::string_view, 7> kSopKeys = {
    "number", "title", "revision", "created", "revised", "effective", "approved_by"};
inline constexpr std::array<std::string_view, 3> kRequirementKeys = {"text", "source",
                                                                     "applies_to"};
inline constexpr std::array<std::string_view, 11> kStepKeys = {
    "number", "activity", "actors", "actor_source", "actor_note", "input",
    "time",   "output",   "note",   "branch",       "condition"};
inline constexpr std::array<std::string_view, 6> kServiceTimeKeys = {"text", "source", "value",
                                                                     "unit", "basis",  "note"};
inline constexpr std::array<std::string_view, 4> kContactKeys = {"address", "phone", "fax",
                                                                 "source"};
inline constexpr std::array<std::string_view, 2> kDefinitionKeys = {"term", "text"};

// The parsers of a permit's sections (catalog_sections.cpp).
SopDocument parse_sop(const Reader& r, const json& doc);

std::vector<Requirement> parse_requirements(const Reader& r, const json& doc);

std::vector<Definition> parse_definitions(const Reader& r, const json& doc);

Contact parse_contact(const Reader& r, const json& doc);

ServiceTime parse_service_time(const Reader& r, const json& doc, const Permit& p);

ProcedureStep parse_step(const Reader& r, const json& item, size_t i);

}  // namespace loket::catalog::detail
