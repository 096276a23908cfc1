// The catalog's permit sections: SOP, requirements, definitions, contact, service time and
// procedure steps, each checked field by field.
#include "catalog_reader.hpp"

namespace loket::catalog::detail {

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

namespace {

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

// The figure of service_time (value and unit): both or neither, in range and in a known unit.
void read_time_figure(const Reader& r, const json& obj, const std::string& path, ServiceTime& st) {
    st.unit = r.optional(obj, path, "unit");
    if (const auto v = obj.find("value"); v != obj.end() && !v->is_null()) {
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
}

// basis "stated": the SOP's own words and where, and a figure only when the text states it.
void check_stated_time(const Reader& r, const std::string& path, const ServiceTime& st) {
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
}

// basis "step_sum": the figure is what the approved path's steps add up to, in one unit.
void check_step_sum(const Reader& r, const std::string& path, const ServiceTime& st,
                    const std::optional<std::pair<long long, std::string>>& total) {
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
}

}  // namespace

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
    read_time_figure(r, *it, path, st);
    if (st.basis == "stated") {
        check_stated_time(r, path, st);
        return st;
    }
    if (!st.text.empty()) {
        r.fail(path + ".text",
               "must be empty unless basis is 'stated' (the SOP states no service time)",
               "text_not_stated");
    }
    const auto total = single_unit_total(p.step_totals(kBranchApproved));
    if (st.basis == "step_sum") {
        check_step_sum(r, path, st, total);
    } else if (st.value) {
        r.fail(path + ".value", "must be left out when basis is 'not_stated'", "value_not_allowed");
    }
    return st;
}

namespace {

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

}  // namespace

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

}  // namespace loket::catalog::detail
