// The permit catalog: the list (with each permit's version) and one permit's page.
#include <optional>
#include <string>

#include "server_client.hpp"
#include "server_client_internal.hpp"

namespace loket::kiosk {

using namespace server_client_detail;

namespace {

constexpr std::int64_t kMaxStepTotal = 1000000000;  // the catalog caps its sums there

PermitStep read_permit_step(const WireObject& s, std::size_t i) {
    PermitStep step;
    step.number = int(s.opt_int("number", 0, kMaxCount).value_or(std::int64_t(i + 1)));
    step.activity = s.str("activity");
    step.actors = s.strings("actors");
    step.actor_source = s.str_or("actor_source", "");
    step.input = s.str_or("input", "");
    if (const auto t = s.opt_child("time"))
        step.time_text = t->str_or("text", "");
    step.output = s.str_or("output", "");
    step.note = s.str_or("note", "");
    step.branch = s.str_or("branch", "umum");
    step.condition = s.str_or("condition", "");
    return step;
}

// Fields a server before the catalog's applicability and paths lacks stay empty; its stated
// completion time stands in for the service time.
void read_service_time(const WireObject& o, PermitDetail& p) {
    if (const auto st = o.opt_child("service_time")) {
        p.service_time.text = st->opt_str("text").value_or("");
        if (const auto v = st->opt_int("value", 1, kMaxCount))
            p.service_time.value = int(*v);
        p.service_time.unit = st->opt_str("unit").value_or("");
        p.service_time.basis = st->str_or("basis", "");
        p.service_time.note = st->str_or("note", "");
    } else if (p.completion_time) {
        p.service_time.text = *p.completion_time;
        p.service_time.basis = "stated";
    }
}

std::optional<PermitStepTotals> read_step_totals(const WireObject& totals, const char* key) {
    const auto t = totals.opt_child(key);
    if (!t)
        return std::nullopt;
    return PermitStepTotals{int(t->opt_int("minutes", 0, kMaxStepTotal).value_or(0)),
                            int(t->opt_int("days", 0, kMaxStepTotal).value_or(0)),
                            int(t->opt_int("working_days", 0, kMaxStepTotal).value_or(0))};
}

// The permit's page, read in the order of its fields.
PermitDetail read_permit_detail(const WireObject& o) {
    PermitDetail p;
    p.id = o.str("id");
    p.name = o.str("name");
    p.short_name = o.str_or("short_name", "");
    p.office = o.str_or("office", "");
    p.region = o.str_or("region", "");
    p.category = o.str_or("category", "");
    p.version = int(o.opt_int("version", 0, kMaxCount).value_or(0));
    if (const auto sop = o.opt_child("sop"))
        p.sop_number = sop->str_or("number", "");
    const json& reqs = o.array("requirements");
    for (std::size_t i = 0; i < reqs.size(); ++i) {
        const WireObject r(reqs[i], "requirements[" + std::to_string(i) + "]");
        p.requirements.push_back(
            {r.str("text"), r.str_or("source", ""), r.str_or("applies_to", "semua")});
    }
    const json& steps = o.array("steps");
    for (std::size_t i = 0; i < steps.size(); ++i)
        p.steps.push_back(
            read_permit_step(WireObject(steps[i], "steps[" + std::to_string(i) + "]"), i));
    p.completion_time = o.opt_str("completion_time");
    read_service_time(o, p);
    if (const auto totals = o.opt_child("step_totals")) {
        p.approved_totals = read_step_totals(*totals, "disetujui");
        p.rejected_totals = read_step_totals(*totals, "ditolak");
    }
    p.cost_note = o.str_or("cost_note", "");
    p.cost_source = o.str_or("cost_source", "");
    p.product_source = o.str_or("product_source", "");
    if (const auto c = o.opt_child("contact")) {
        p.contact_address = c->str_or("address", "");
        p.contact_phone = c->str_or("phone", "");
        p.contact_fax = c->str_or("fax", "");
    }
    p.complaint_channels = o.strings("complaint_channels");
    p.facilities = o.strings("facilities");
    const json& defs = o.array("definitions");
    for (std::size_t i = 0; i < defs.size(); ++i) {
        const WireObject d(defs[i], "definitions[" + std::to_string(i) + "]");
        p.definitions.push_back({d.str("term"), d.str("text")});
    }
    p.cost = o.opt_str("cost");
    p.product = o.opt_str("product");
    p.validity = o.opt_str("validity");
    p.legal_basis = o.strings("legal_basis");
    p.service_hours = o.strings("service_hours");
    p.keywords = o.strings("keywords");
    return p;
}

}  // namespace

Result<std::vector<PermitSummary>> parse_permits(const net::HttpResult& reply) {
    return parse_reply<std::vector<PermitSummary>>(reply, [](const WireObject& o) {
        if (o.find("permits") == nullptr)
            throw WireError("permits", "is missing");
        const json& list = o.array("permits");
        std::vector<PermitSummary> out;
        for (std::size_t i = 0; i < list.size(); ++i) {
            const WireObject p(list[i], "permits[" + std::to_string(i) + "]");
            PermitSummary s;
            s.id = p.str("id");
            s.name = p.str("name");
            s.short_name = p.str_or("short_name", "");
            s.category = p.str_or("category", "");
            s.office = p.str_or("office", "");
            s.requirements = int(p.opt_int("requirements", 0, kMaxCount).value_or(0));
            s.steps = int(p.opt_int("steps", 0, kMaxCount).value_or(0));
            s.version = int(p.opt_int("version", 0, kMaxCount).value_or(0));
            out.push_back(std::move(s));
        }
        return out;
    });
}

Result<PermitDetail> parse_permit(const net::HttpResult& reply) {
    return parse_reply<PermitDetail>(reply, read_permit_detail);
}

Result<std::vector<PermitSummary>> ServerClient::permits(std::string_view query) {
    return parse_permits(http_->get("/permits?q=" + url_encode(query.substr(0, 200))));
}

Result<PermitDetail> ServerClient::permit(std::string_view id) {
    // Only what the API's path pattern accepts; anything else cannot name a permit.
    const bool valid =
        !id.empty() && id.size() <= 64 &&
        id.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") == std::string_view::npos;
    if (!valid)
        return Failure{FailureKind::not_found, 0, "not_found", "not a permit id", "", {}};
    return parse_permit(http_->get("/permits/" + std::string(id)));
}

}  // namespace loket::kiosk
