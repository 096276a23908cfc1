// Loading and validating the permit catalog (assets/catalog/*.json). Every rejection is an
// InputError naming the file, the dotted field path and the reason, so whoever edits a catalog
// file can fix it without reading this code.
#include "loket/catalog.hpp"

#include <algorithm>
#include <array>
#include <fstream>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "catalog_reader.hpp"
#include "loket/input_error.hpp"
#include "loket/read_file.hpp"

namespace loket::catalog {

using namespace detail;

namespace {

json parse_text(const std::string& text, const std::string& source) {
    std::vector<std::set<std::string>> open_objects;
    std::string duplicate;
    const json::parser_callback_t check = [&](int, json::parse_event_t event, json& parsed) {
        switch (event) {
            case json::parse_event_t::object_start:
                open_objects.emplace_back();
                break;
            case json::parse_event_t::object_end:
                if (!open_objects.empty())
                    open_objects.pop_back();
                break;
            case json::parse_event_t::key:
                if (!open_objects.empty() && duplicate.empty() &&
                    !open_objects.back().insert(parsed.get<std::string>()).second) {
                    duplicate = parsed.get<std::string>();
                }
                break;
            default:
                break;
        }
        return true;
    };
    json doc;
    try {
        doc = json::parse(text, check);
    } catch (const json::exception& e) {  // parse_error, and out_of_range for 1e400
        std::string what = e.what();
        // Drop nlohmann's "[json.exception.parse_error.101] " prefix; keep line and column.
        if (const auto close = what.find("] ");
            what.rfind("[json.exception", 0) == 0 && close != std::string::npos) {
            what = what.substr(close + 2);
        }
        throw InputError(source, "", "invalid JSON: " + what, "invalid_json");
    }
    if (!duplicate.empty())
        throw InputError(source, duplicate, "duplicate key", "duplicate_key");
    return doc;
}

// Permits are grouped by this text on the kiosk: one spelling per category.
std::string parse_category(const Reader& r, const json& doc) {
    std::string category = r.required(doc, "", "category");
    if (category.size() > kMaxCategoryBytes) {
        r.fail("category",
               "must be at most " + std::to_string(kMaxCategoryBytes) + " bytes, got " +
                   std::to_string(category.size()),
               "category_too_long");
    }
    if (category.front() == ' ' || category.back() == ' ' ||
        category.find("  ") != std::string::npos) {
        r.fail("category",
               "must not start or end with a space or hold two in a row, got '" + category + "'",
               "category_spacing");
    }
    for (const char c : category) {
        if (static_cast<unsigned char>(c) < 0x20)
            r.fail("category", "must be one line of text without control characters",
                   "category_one_line");
    }
    return category;
}

// The procedure: at least one step; a path that ends in one outcome needs the other.
void parse_steps(const Reader& r, const json& doc, Permit& p) {
    const json* steps = r.array(doc, "", "steps");
    if (steps == nullptr)
        r.fail("steps", "required field is missing", "missing_field");
    if (steps->empty())
        r.fail("steps", "must list at least one step", "no_steps");
    for (size_t i = 0; i < steps->size(); ++i)
        p.steps.push_back(parse_step(r, (*steps)[i], i));

    // A path that ends in one outcome needs the other: one branch alone is just the common path
    // mislabelled.
    if (p.has_branch(kBranchRejected) && !p.has_branch(kBranchApproved)) {
        r.fail("steps", "has steps on the 'ditolak' path but none on the 'disetujui' path",
               "rejected_without_approved");
    }
}

}  // namespace

Permit Catalog::parse_permit(const json& doc, const std::string& source) {
    const Reader r(source);
    r.expect_object(doc, "");
    r.only_keys(doc, "", kPermitKeys);

    Permit p;
    p.id = r.required(doc, "", "id");
    if (!is_slug(p.id)) {
        r.fail("id", "must be a slug of a-z, 0-9 and single hyphens, got '" + p.id + "'",
               "invalid_id");
    }
    p.name = r.required(doc, "", "name");
    p.short_name = r.optional(doc, "", "short_name");
    p.office = r.required(doc, "", "office");
    p.region = r.optional(doc, "", "region");
    if (doc.contains("category"))
        p.category = parse_category(r, doc);
    p.source_file = r.optional(doc, "", "source_file");
    p.sop = parse_sop(r, doc);
    p.legal_basis = r.strings(doc, "", "legal_basis");
    p.executor_qualifications = r.strings(doc, "", "executor_qualifications");
    p.related_sops = r.strings(doc, "", "related_sops");
    p.equipment = r.strings(doc, "", "equipment");
    p.warnings = r.strings(doc, "", "warnings");
    p.record_keeping = r.strings(doc, "", "record_keeping");
    p.definitions = parse_definitions(r, doc);
    p.requirements = parse_requirements(r, doc);

    parse_steps(r, doc, p);

    p.service_time = parse_service_time(r, doc, p);
    p.cost = r.stated(doc, "cost");
    p.cost_source = r.optional(doc, "", "cost_source");
    p.cost_note = r.optional(doc, "", "cost_note");
    if (!p.cost && (!p.cost_source.empty() || !p.cost_note.empty()))
        r.fail("cost", "required when cost_source or cost_note is given", "cost_required");
    p.product = r.stated(doc, "product");
    p.product_source = r.optional(doc, "", "product_source");
    if (!p.product && !p.product_source.empty())
        r.fail("product", "required when product_source is given", "product_required");
    p.validity = r.stated(doc, "validity");
    p.complaint_channels = r.strings(doc, "", "complaint_channels");
    p.service_hours = r.strings(doc, "", "service_hours");
    p.service_hours_source = r.optional(doc, "", "service_hours_source");
    p.facilities = r.strings(doc, "", "facilities");
    p.contact = parse_contact(r, doc);
    p.start_service = r.required(doc, "", "start_service");
    if (!one_of(p.start_service, kServices)) {
        r.fail("start_service",
               "must be one of " + list(kServices) + ", got '" + p.start_service + "'",
               "invalid_choice");
    }
    p.start_service_reason = r.required(doc, "", "start_service_reason");
    p.keywords = r.strings(doc, "", "keywords");
    return p;
}

std::vector<json> Catalog::load_documents(const std::filesystem::path& dir) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
        throw InputError(dir.string(), "", "not a directory");

    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        if (entry.is_regular_file() && entry.path().extension() == ".json") {
            files.push_back(entry.path());
        }
    }
    if (ec)
        throw InputError(dir.string(), "", "cannot list: " + ec.message());
    if (files.empty())
        throw InputError(dir.string(), "", "no *.json catalog files");
    std::sort(files.begin(), files.end());

    std::vector<json> documents;
    std::map<std::string, std::string> defined_in;  // id -> file, to name both on a clash
    for (const auto& file : files) {
        const std::string source = file.string();
        json doc = parse_document(read_whole_file(file), source);
        const Permit permit = parse_permit(doc, source);
        const auto [it, fresh] = defined_in.emplace(permit.id, source);
        if (!fresh) {
            throw InputError(source, "id",
                             "duplicate id '" + permit.id + "', already defined in " + it->second,
                             "duplicate_permit_id");
        }
        documents.push_back(std::move(doc));
    }
    return documents;
}

Catalog Catalog::load_dir(const std::filesystem::path& dir) {
    Catalog catalog;
    for (const json& doc : load_documents(dir))
        catalog.add(parse_permit(doc, doc.value("id", std::string())));
    return catalog;
}

json Catalog::parse_document(const std::string& text, const std::string& source) {
    return parse_text(text, source);
}

void Catalog::add(Permit permit) {
    if (find(permit.id) != nullptr) {
        throw InputError("catalog", "id", "duplicate id '" + permit.id + "'",
                         "duplicate_permit_id");
    }
    words_.push_back(search_words(permit));
    permits_.push_back(std::move(permit));
}

const Permit* Catalog::find(std::string_view id) const {
    for (const Permit& p : permits_) {
        if (p.id == id)
            return &p;
    }
    return nullptr;
}

bool Permit::has_branch(std::string_view branch) const {
    return std::any_of(steps.begin(), steps.end(),
                       [&](const ProcedureStep& s) { return s.branch == branch; });
}

StepTotals Permit::step_totals(std::string_view outcome) const {
    long long minutes = 0, days = 0, working_days = 0;
    StepTotals out;
    for (const ProcedureStep& s : steps) {
        if ((s.branch != kBranchCommon && s.branch != outcome) || !s.condition.empty())
            continue;
        if (!s.time.has_duration())
            continue;
        minutes += s.time.minutes_max.value_or(0);
        days += s.time.days_max.value_or(0);
        working_days += s.time.working_days_max.value_or(0);
        out.steps.push_back(s.number);
    }
    constexpr long long kCap = 1000000000;
    out.minutes = static_cast<int>(std::min(minutes, kCap));
    out.days = static_cast<int>(std::min(days, kCap));
    out.working_days = static_cast<int>(std::min(working_days, kCap));
    return out;
}

int Permit::total_step_minutes() const {
    return step_totals(kBranchApproved).minutes;
}

int Permit::total_step_days() const {
    return step_totals(kBranchApproved).days;
}

int Permit::total_step_working_days() const {
    return step_totals(kBranchApproved).working_days;
}

}  // namespace loket::catalog
