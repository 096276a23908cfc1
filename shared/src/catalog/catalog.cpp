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

#include "loket/input_error.hpp"
#include "loket/read_file.hpp"

namespace loket {
namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 4> kServices = {"informasi", "customer_service",
                                                       "pendaftaran", "pengambilan"};
constexpr std::array<std::string_view, 3> kActorSources = {"table", "text", "unmarked"};
constexpr std::array<std::string_view, 4> kAppliesTo = {kAppliesToAll, kAppliesToIndividual,
                                                        kAppliesToBusiness, kAppliesToProxy};
constexpr std::array<std::string_view, 3> kBranches = {kBranchCommon, kBranchApproved,
                                                       kBranchRejected};
constexpr std::array<std::string_view, 3> kTimeBases = {"stated", "step_sum", "not_stated"};
constexpr std::array<std::string_view, 4> kTimeUnits = {"menit", "jam", "hari", "hari kerja"};
// A category is a heading on a kiosk tile: a few words.
constexpr std::size_t kMaxCategoryBytes = 60;
// Larger figures are not a permit's service time; also keeps arithmetic far from overflow.
constexpr long long kMaxTimeValue = 100000;

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

bool is_slug(const std::string& s) {
    if (s.empty() || s.front() == '-' || s.back() == '-')
        return false;
    for (size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
        if (!ok || (c == '-' && i > 0 && s[i - 1] == '-'))
            return false;
    }
    return true;
}

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
constexpr std::array<std::string_view, 33> kPermitKeys = {
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
constexpr std::array<std::string_view, 7> kSopKeys = {
    "number", "title", "revision", "created", "revised", "effective", "approved_by"};
constexpr std::array<std::string_view, 3> kRequirementKeys = {"text", "source", "applies_to"};
constexpr std::array<std::string_view, 11> kStepKeys = {
    "number", "activity", "actors", "actor_source", "actor_note", "input",
    "time",   "output",   "note",   "branch",       "condition"};
constexpr std::array<std::string_view, 6> kServiceTimeKeys = {"text", "source", "value",
                                                              "unit", "basis",  "note"};
constexpr std::array<std::string_view, 4> kContactKeys = {"address", "phone", "fax", "source"};
constexpr std::array<std::string_view, 2> kDefinitionKeys = {"term", "text"};

SopDocument parse_sop(const Reader& r, const json& doc) {
    const auto it = doc.find("sop");
    if (it == doc.end())
        r.fail("sop", "required field is missing", "missing_field");
    r.expect_object(*it, "sop");
    r.only_keys(*it, "sop", kSopKeys);
    SopDocument sop;
    sop.number = r.required(*it, "sop", "number");
    sop.title = r.optional(*it, "sop", "title");
    sop.revision = r.optional(*it, "sop", "revision");
    sop.created = r.optional(*it, "sop", "created");
    sop.revised = r.optional(*it, "sop", "revised");
    sop.effective = r.optional(*it, "sop", "effective");
    sop.approved_by = r.optional(*it, "sop", "approved_by");
    return sop;
}

std::vector<Requirement> parse_requirements(const Reader& r, const json& doc) {
    std::vector<Requirement> out;
    const json* items = r.array(doc, "", "requirements");
    if (items == nullptr)
        return out;
    for (size_t i = 0; i < items->size(); ++i) {
        const std::string path = Reader::index("requirements", i);
        const json& item = (*items)[i];
        r.expect_object(item, path);
        r.only_keys(item, path, kRequirementKeys);
        Requirement req;
        req.text = r.required(item, path, "text");
        req.source = r.required(item, path, "source");
        if (item.contains("applies_to")) {
            req.applies_to = r.required(item, path, "applies_to");
            if (!one_of(req.applies_to, kAppliesTo)) {
                r.fail(Reader::join(path, "applies_to"),
                       "must be one of " + list(kAppliesTo) + ", got '" + req.applies_to + "'",
                       "invalid_choice");
            }
        }
        out.push_back(std::move(req));
    }
    return out;
}

std::vector<Definition> parse_definitions(const Reader& r, const json& doc) {
    std::vector<Definition> out;
    const json* items = r.array(doc, "", "definitions");
    if (items == nullptr)
        return out;
    for (size_t i = 0; i < items->size(); ++i) {
        const std::string path = Reader::index("definitions", i);
        const json& item = (*items)[i];
        r.expect_object(item, path);
        r.only_keys(item, path, kDefinitionKeys);
        out.push_back({r.required(item, path, "term"), r.required(item, path, "text")});
    }
    return out;
}

Contact parse_contact(const Reader& r, const json& doc) {
    Contact c;
    const auto it = doc.find("contact");
    if (it == doc.end() || it->is_null())
        return c;
    r.expect_object(*it, "contact");
    r.only_keys(*it, "contact", kContactKeys);
    c.address = r.optional(*it, "contact", "address");
    c.phone = r.optional(*it, "contact", "phone");
    c.fax = r.optional(*it, "contact", "fax");
    c.source = r.optional(*it, "contact", "source");
    if (c.empty())
        r.fail("contact", "must name an address, phone or fax; leave it out when the SOP has none",
               "contact_empty");
    if (c.source.empty())
        r.fail("contact.source", "required field is missing", "missing_field");
    return c;
}

// The totals of the approved path, when they are all in one unit: the only case in which a
// step sum gives one honest figure.
std::optional<std::pair<long long, std::string>> single_unit_total(const StepTotals& t) {
    const int units = (t.minutes > 0) + (t.days > 0) + (t.working_days > 0);
    if (units != 1)
        return std::nullopt;
    if (t.minutes > 0)
        return std::pair<long long, std::string>{t.minutes, "menit"};
    if (t.days > 0)
        return std::pair<long long, std::string>{t.days, "hari"};
    return std::pair<long long, std::string>{t.working_days, "hari kerja"};
}

ServiceTime parse_service_time(const Reader& r, const json& doc, const Permit& p) {
    ServiceTime st;
    const auto it = doc.find("service_time");
    const auto legacy = doc.find("completion_time");
    const bool has_legacy = legacy != doc.end() && !legacy->is_null();
    if (it == doc.end() || it->is_null()) {
        // Older files: completion_time held the SOP's statement, nothing else.
        if (const auto text = r.stated(doc, "completion_time")) {
            st.text = *text;
            st.basis = "stated";
        } else {
            st.basis = "not_stated";
        }
        return st;
    }
    if (has_legacy)
        r.fail("completion_time", "give the time once, in service_time.text", "service_time_twice");
    const std::string path = "service_time";
    r.expect_object(*it, path);
    r.only_keys(*it, path, kServiceTimeKeys);
    st.basis = r.required(*it, path, "basis");
    if (!one_of(st.basis, kTimeBases)) {
        r.fail(path + ".basis", "must be one of " + list(kTimeBases) + ", got '" + st.basis + "'",
               "invalid_choice");
    }
    st.text = r.optional(*it, path, "text");
    st.source = r.optional(*it, path, "source");
    st.note = r.optional(*it, path, "note");
    st.unit = r.optional(*it, path, "unit");
    if (const auto v = it->find("value"); v != it->end() && !v->is_null()) {
        if (!v->is_number_integer())
            r.fail(path + ".value", std::string("expected an integer, got ") + v->type_name(),
                   "wrong_type");
        const long long n = v->get<long long>();
        if (n < 1 || n > kMaxTimeValue) {
            r.fail(path + ".value",
                   "must be between 1 and " + std::to_string(kMaxTimeValue) + ", got " +
                       std::to_string(n),
                   "time_value_range");
        }
        st.value = static_cast<int>(n);
    }
    if (st.value && st.unit.empty())
        r.fail(path + ".unit", "required when value is given", "unit_required");
    if (!st.value && !st.unit.empty())
        r.fail(path + ".value", "required when unit is given", "value_required");
    if (!st.unit.empty() && !one_of(st.unit, kTimeUnits)) {
        r.fail(path + ".unit", "must be one of " + list(kTimeUnits) + ", got '" + st.unit + "'",
               "invalid_time_unit");
    }
    if (st.basis == "stated") {
        if (st.text.empty())
            r.fail(path + ".text", "required when basis is 'stated': the SOP's own words",
                   "required_when_stated");
        if (st.source.empty())
            r.fail(path + ".source", "required when basis is 'stated'", "required_when_stated");
        // The figure must be the one the text states, in the text's unit.
        if (st.value) {
            const TimeStandard t = parse_time_standard(st.text);
            const bool match = (st.unit == "hari" && t.days_max == st.value) ||
                               (st.unit == "hari kerja" && t.working_days_max == st.value) ||
                               (st.unit == "menit" && t.minutes_max == st.value) ||
                               (st.unit == "jam" && t.minutes_max == *st.value * 60);
            if (!match) {
                r.fail(path + ".value",
                       "the text does not state " + std::to_string(*st.value) + " " + st.unit,
                       "value_not_in_text");
            }
        }
        return st;
    }
    if (!st.text.empty()) {
        r.fail(path + ".text",
               "must be empty unless basis is 'stated' (the SOP states no service time)",
               "text_not_stated");
    }
    const auto total = single_unit_total(p.step_totals(kBranchApproved));
    if (st.basis == "step_sum") {
        if (!st.value)
            r.fail(path + ".value", "required when basis is 'step_sum'", "value_required");
        if (!total) {
            r.fail(path + ".basis",
                   "'step_sum' needs the steps' times in one unit; they mix units, use "
                   "'not_stated'",
                   "step_sum_mixed_units");
        }
        const long long expected = st.unit == "jam" ? total->first / 60 : total->first;
        const std::string expected_unit = st.unit == "jam" ? "menit" : st.unit;
        if (expected_unit != total->second || expected != *st.value ||
            (st.unit == "jam" && total->first % 60 != 0)) {
            r.fail(path + ".value",
                   "the steps add up to " + std::to_string(total->first) + " " + total->second +
                       ", not " + std::to_string(*st.value) + " " + st.unit,
                   "step_sum_mismatch");
        }
    } else if (st.value) {
        r.fail(path + ".value", "must be left out when basis is 'not_stated'", "value_not_allowed");
    }
    return st;
}

// A step time written as a figure ("30 menit", "10 - 30 menit", "3 hari kerja") must be at
// least 1 and in one of the four units: "1 minggu" would silently count as no time at all in
// every total, and "-5 menit" is a typing mistake. Texts that start with words ("Hari H - H+3
// 10 - 30 menit", "Sesuai kebutuhan & keperluan pemohon") are the SOP's wording, kept as is.
void check_step_time(const Reader& r, const std::string& text, const std::string& field) {
    const auto is_space = [](char c) { return c == ' ' || c == '\t'; };
    const auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
    std::size_t i = 0;
    while (i < text.size() && is_space(text[i]))
        ++i;
    if (i < text.size() && text[i] == '-') {
        std::size_t j = i + 1;
        while (j < text.size() && is_space(text[j]))
            ++j;
        if (j < text.size() && is_digit(text[j]))
            r.fail(field, "a time must not be negative, got '" + text + "'", "invalid_time_value");
        return;
    }
    // The figure, and a second one of a range.
    for (int figure = 0; figure < 2; ++figure) {
        if (i >= text.size() || !is_digit(text[i]))
            return;
        long long value = 0;
        while (i < text.size() && is_digit(text[i])) {
            value = std::min(value * 10 + (text[i] - '0'), kMaxTimeValue + 1);
            ++i;
        }
        if (i < text.size() && (text[i] == '.' || text[i] == ':' || text[i] == ','))
            return;  // a clock time or a decimal: not a count of units
        if (value < 1 || value > kMaxTimeValue) {
            r.fail(field,
                   "a time must be between 1 and " + std::to_string(kMaxTimeValue) + ", got '" +
                       text + "'",
                   "invalid_time_value");
        }
        while (i < text.size() && is_space(text[i]))
            ++i;
        if (figure == 0 && i < text.size() && text[i] == '-') {
            ++i;
            while (i < text.size() && is_space(text[i]))
                ++i;
            continue;
        }
        break;
    }
    std::string word;
    while (i < text.size() &&
           ((text[i] >= 'a' && text[i] <= 'z') || (text[i] >= 'A' && text[i] <= 'Z'))) {
        word += static_cast<char>(text[i] | 0x20);  // ASCII lower case
        ++i;
    }
    if (!word.empty() && word != "menit" && word != "jam" && word != "hari") {
        r.fail(field,
               "a time's unit must be menit, jam, hari or hari kerja, got '" + word + "' in '" +
                   text + "'",
               "invalid_time_unit");
    }
}

ProcedureStep parse_step(const Reader& r, const json& item, size_t i) {
    const std::string path = Reader::index("steps", i);
    r.expect_object(item, path);
    r.only_keys(item, path, kStepKeys);
    ProcedureStep step;

    const auto number = item.find("number");
    if (number == item.end())
        r.fail(Reader::join(path, "number"), "required field is missing", "missing_field");
    if (!number->is_number_integer()) {
        r.fail(Reader::join(path, "number"),
               std::string("expected an integer, got ") + number->type_name(), "wrong_type");
    }
    const long long expected = static_cast<long long>(i) + 1;
    if (number->get<long long>() != expected) {
        r.fail(Reader::join(path, "number"),
               "expected step " + std::to_string(expected) +
                   " (steps are numbered 1..n in order), got " +
                   std::to_string(number->get<long long>()),
               "step_number");
    }
    step.number = static_cast<int>(expected);
    step.activity = r.required(item, path, "activity");
    step.actors = r.strings(item, path, "actors");
    step.actor_source = r.required(item, path, "actor_source");
    if (!one_of(step.actor_source, kActorSources)) {
        r.fail(Reader::join(path, "actor_source"),
               "must be one of " + list(kActorSources) + ", got '" + step.actor_source + "'",
               "invalid_choice");
    }
    if ((step.actor_source == "unmarked") != step.actors.empty()) {
        r.fail(Reader::join(path, "actors"),
               "must be empty exactly when actor_source is 'unmarked'", "actors_mismatch");
    }
    step.actor_note = r.optional(item, path, "actor_note");
    step.input = r.optional(item, path, "input");
    const std::string time = r.optional(item, path, "time");
    check_step_time(r, time, Reader::join(path, "time"));
    step.time = parse_time_standard(time);
    step.output = r.optional(item, path, "output");
    step.note = r.optional(item, path, "note");
    if (item.contains("branch")) {
        step.branch = r.required(item, path, "branch");
        if (!one_of(step.branch, kBranches)) {
            r.fail(Reader::join(path, "branch"),
                   "must be one of " + list(kBranches) + ", got '" + step.branch + "'",
                   "invalid_choice");
        }
    }
    if (item.contains("condition"))
        step.condition = r.required(item, path, "condition");
    return step;
}

// Parses text into JSON, rejecting duplicate object keys (nlohmann keeps the last one silently,
// which would hide an editing mistake).
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
    if (doc.contains("category")) {
        // Permits are grouped by this text on the kiosk: one spelling per category.
        p.category = r.required(doc, "", "category");
        if (p.category.size() > kMaxCategoryBytes) {
            r.fail("category",
                   "must be at most " + std::to_string(kMaxCategoryBytes) + " bytes, got " +
                       std::to_string(p.category.size()),
                   "category_too_long");
        }
        if (p.category.front() == ' ' || p.category.back() == ' ' ||
            p.category.find("  ") != std::string::npos) {
            r.fail(
                "category",
                "must not start or end with a space or hold two in a row, got '" + p.category + "'",
                "category_spacing");
        }
        for (const char c : p.category) {
            if (static_cast<unsigned char>(c) < 0x20)
                r.fail("category", "must be one line of text without control characters",
                       "category_one_line");
        }
    }
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

}  // namespace loket
