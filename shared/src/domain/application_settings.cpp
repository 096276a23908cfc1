#include "loket/application_settings.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "loket/input_error.hpp"
#include "loket/json_reader.hpp"
#include "loket/office.hpp"
#include "loket/read_file.hpp"

namespace loket {

namespace {

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

// Actors who work at the front office or are the applicant: their steps happen at the counter
// (before registration) or are the hand-over (pickup), not the back office's
// (docs/applications.md, "Workflow").
bool is_front_office_actor(std::string_view actor) {
    static const std::array<std::string_view, 10> kWords = {
        "pemohon",          "pelanggan", "front office", "penerima berkas", "informasi",
        "customer service", "help desk", "pendaftaran",  "pengambilan",     "perbantuan"};
    const std::string text = lower(actor);
    return std::any_of(kWords.begin(), kWords.end(),
                       [&](std::string_view w) { return text.find(w) != std::string::npos; });
}

bool has_back_office_actor(const catalog::ProcedureStep& step) {
    return std::any_of(step.actors.begin(), step.actors.end(),
                       [](const std::string& a) { return !is_front_office_actor(a); });
}

bool is_counter_step(const catalog::ProcedureStep& step) {
    return !step.actors.empty() && !has_back_office_actor(step);
}

std::string duty_of(const catalog::ProcedureStep& step, const ApplicationSettings& settings,
                    const PermitApplicationSettings* permit) {
    if (permit) {
        if (const auto it = permit->step_duties.find(step.number); it != permit->step_duties.end())
            return it->second;
    }
    for (const auto& actor : step.actors) {
        if (is_front_office_actor(actor))
            continue;
        const std::string text = lower(actor);
        for (const auto& rule : settings.actor_duties) {
            if (text.find(lower(rule.actor)) != std::string::npos)
                return rule.duty;
        }
    }
    return settings.default_duty;
}

// The default rule: on the common path, from the first step with a back-office actor (or, when
// none has one, after the last counter step); on every path, trailing counter steps are the
// hand-over and left out. Conditional steps happen through returns and are left out.
std::vector<const catalog::ProcedureStep*> default_steps(const catalog::Permit& permit) {
    std::vector<const catalog::ProcedureStep*> out;
    for (const std::string_view branch :
         {catalog::kBranchCommon, catalog::kBranchApproved, catalog::kBranchRejected}) {
        std::vector<const catalog::ProcedureStep*> path;
        for (const auto& step : permit.steps) {
            if (step.branch == branch && step.condition.empty())
                path.push_back(&step);
        }
        if (branch == catalog::kBranchCommon) {
            auto first = std::find_if(
                path.begin(), path.end(),
                [](const catalog::ProcedureStep* s) { return has_back_office_actor(*s); });
            if (first == path.end()) {
                auto last_counter = std::find_if(
                    path.rbegin(), path.rend(),
                    [](const catalog::ProcedureStep* s) { return is_counter_step(*s); });
                first = last_counter == path.rend() ? path.begin() : last_counter.base();
            }
            path.erase(path.begin(), first);
        }
        while (!path.empty() && is_counter_step(*path.back()))
            path.pop_back();
        out.insert(out.end(), path.begin(), path.end());
    }
    return out;
}

const nlohmann::json* section_of(const nlohmann::json& doc) {
    if (!doc.is_object())
        return nullptr;
    const auto it = doc.find("applications");
    return it == doc.end() ? nullptr : &*it;
}

std::optional<SlaStandard> read_standard(const JsonObjectReader& reader, std::string_view key,
                                         const std::string& source) {
    const nlohmann::json* node = reader.get(key);
    if (!node)
        return std::nullopt;
    JsonObjectReader standard(*node, source, reader.field(key));
    standard.allow_only({"amount", "unit"});
    SlaStandard out;
    out.amount = static_cast<int>(*standard.integer("amount", 1, 3660, true));
    const auto unit = parse_sla_unit(*standard.string("unit", true));
    if (!unit)
        throw standard.error("unit", "must be menit, jam, hari or hari kerja");
    out.unit = *unit;
    return out;
}

void check_number_format(const std::string& format, const std::string& source) {
    const std::string field = "applications.number_format";
    int seq = 0;
    bool year = false;
    for (std::size_t i = 0; i < format.size(); ++i) {
        const char c = format[i];
        if (c == '{') {
            const auto close = format.find('}', i);
            if (close == std::string::npos)
                throw InputError(source, field, "a '{' is not closed");
            const std::string token = format.substr(i + 1, close - i - 1);
            if (token == "seq" || (token.rfind("seq:", 0) == 0 && token.size() == 5 &&
                                   token[4] >= '1' && token[4] <= '9')) {
                ++seq;
            } else if (token == "year") {
                year = true;
            } else if (token != "office_code" && token != "month_roman" && token != "month") {
                throw InputError(source, field,
                                 "unknown token {" + token +
                                     "}; use {seq}, {seq:N}, {office_code}, {month_roman}, "
                                     "{month} or {year}");
            }
            i = close;
        } else if (!std::isalnum(static_cast<unsigned char>(c)) &&
                   std::string_view("/.-_ ").find(c) == std::string_view::npos) {
            throw InputError(
                source, field,
                std::string("'") + c + "' is not allowed; use letters, digits, / . - _");
        }
    }
    if (seq != 1 || !year)
        throw InputError(source, field, "must hold one {seq} (or {seq:N}) and {year}");
}

}  // namespace

const DutyDef* ApplicationSettings::find_duty(std::string_view id) const {
    for (const auto& d : duties) {
        if (d.id == id)
            return &d;
    }
    return nullptr;
}

const PermitApplicationSettings* ApplicationSettings::find_permit(std::string_view id) const {
    for (const auto& p : permits) {
        if (p.permit_id == id)
            return &p;
    }
    return nullptr;
}

ApplicationSettings default_application_settings() {
    ApplicationSettings s;
    s.phone_consent_text =
        "Nomor telepon Anda hanya kami pakai untuk mengabarkan perkembangan berkas ini dan kami "
        "hapus setelah berkas diambil. Anda boleh tidak memberikannya. / Your phone number is "
        "only used to tell you about this application and is deleted once it is collected. "
        "Giving it is optional.";
    s.duties = {
        {"verifikator", "Verifikator", "Pemeriksaan berkas", "File verification"},
        {"tim_teknis", "Tim Teknis", "Pemeriksaan teknis", "Technical review"},
        {"kepala_bidang", "Kepala Bidang", "Pemeriksaan pimpinan", "Review by the head of section"},
        {"kepala_dinas", "Kepala Dinas", "Penandatanganan", "Signing by the head of office"},
    };
    // The SOPs' wording for these roles, most specific first.
    s.actor_duties = {
        {"tim teknis", "tim_teknis"},       {"kepala dpmptsp", "kepala_dinas"},
        {"kepala dinas", "kepala_dinas"},   {"kadis", "kepala_dinas"},
        {"kepala bidang", "kepala_bidang"}, {"kabid", "kepala_bidang"},
        {"kepala seksi", "kepala_bidang"},  {"ka seksi", "kepala_bidang"},
    };
    return s;
}

namespace {

// The application number's format and the office code it may hold.
void read_numbering(const JsonObjectReader& top, const std::string& source,
                    ApplicationSettings& s) {
    if (auto v = top.string("number_format"))
        s.number_format = *v;
    check_number_format(s.number_format, source);
    if (auto v = top.string("office_code")) {
        if (v->empty() || v->size() > 32 ||
            v->find_first_not_of(
                "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.-_") !=
                std::string::npos) {
            throw top.error("office_code", "must be 1-32 letters, digits, '.', '-' or '_'");
        }
        s.office_code = *v;
    }
}

// When an application counts as at risk, the pickup, the display and the phone's consent text.
void read_follow_up(const JsonObjectReader& top, ApplicationSettings& s) {
    if (const nlohmann::json* share = top.get("at_risk_share")) {
        if (!share->is_number() || share->get<double>() <= 0 || share->get<double>() > 1)
            throw top.error("at_risk_share", "must be a number above 0 and at most 1");
        s.at_risk_share = share->get<double>();
    }
    if (auto v = top.integer("warning_lead_days", 0, 365))
        s.warning_lead_days = static_cast<int>(*v);
    if (auto v = top.string("pickup_service"))
        s.pickup_service = *v;
    if (const nlohmann::json* flag = top.get("display_ready_numbers")) {
        if (!flag->is_boolean())
            throw top.error("display_ready_numbers", "must be true or false");
        s.display_ready_numbers = flag->get<bool>();
    }
    if (auto v = top.string("phone_consent_text")) {
        if (v->empty() || v->size() > 2000)
            throw top.error("phone_consent_text", "must be 1-2000 characters");
        s.phone_consent_text = *v;
    }
}

// The office's own duties replace the built-in ones; the default duty must be one of them.
void read_duties(const JsonObjectReader& top, const std::string& source, ApplicationSettings& s) {
    if (const nlohmann::json* duties = top.array("duties")) {
        s.duties.clear();
        std::set<std::string> ids;
        for (std::size_t i = 0; i < duties->size(); ++i) {
            JsonObjectReader d((*duties)[i], source, indexed("applications.duties", i));
            d.allow_only({"id", "name", "stage", "stage_en"});
            DutyDef duty;
            duty.id = *d.string("id", true);
            if (duty.id.empty() || duty.id.size() > 32 ||
                duty.id.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") !=
                    std::string::npos) {
                throw d.error("id", "must be 1-32 characters of a-z, 0-9 and '_'");
            }
            if (!ids.insert(duty.id).second)
                throw d.error("id", "duplicate duty '" + duty.id + "'");
            duty.name = *d.string("name", true);
            duty.stage = d.string("stage").value_or(duty.name);
            duty.stage_en = d.string("stage_en").value_or(duty.stage);
            s.duties.push_back(std::move(duty));
        }
        if (s.duties.empty())
            throw top.error("duties", "must name at least one duty");
    }
    if (auto v = top.string("default_duty"))
        s.default_duty = *v;
    if (!s.find_duty(s.default_duty))
        throw top.error("default_duty", "'" + s.default_duty + "' is not one of the duties");
}

void read_actor_duties(const JsonObjectReader& top, const std::string& source,
                       ApplicationSettings& s) {
    if (const nlohmann::json* rules = top.array("actor_duties")) {
        s.actor_duties.clear();
        for (std::size_t i = 0; i < rules->size(); ++i) {
            JsonObjectReader r((*rules)[i], source, indexed("applications.actor_duties", i));
            r.allow_only({"actor", "duty"});
            ActorDutyRule rule{*r.string("actor", true), *r.string("duty", true)};
            if (rule.actor.empty())
                throw r.error("actor", "must not be empty");
            if (!s.find_duty(rule.duty))
                throw r.error("duty", "'" + rule.duty + "' is not one of the duties");
            s.actor_duties.push_back(std::move(rule));
        }
    } else {
        // The built-in rules name the built-in duties; keep only those still defined.
        std::erase_if(s.actor_duties,
                      [&](const ActorDutyRule& rule) { return !s.find_duty(rule.duty); });
    }
}

void read_permit_steps(const JsonObjectReader& p, PermitApplicationSettings& permit) {
    const nlohmann::json* steps = p.array("steps");
    if (!steps)
        return;
    for (std::size_t k = 0; k < steps->size(); ++k) {
        const auto& n = (*steps)[k];
        if (!n.is_number_integer() || n.get<int>() < 1 || n.get<int>() > 1000)
            throw p.error(indexed("steps", k), "must be a step number");
        permit.steps.push_back(n.get<int>());
    }
}

// A table key as a step number; 0 when it is not a whole positive number.
int step_number_of_key(const std::string& key) {
    try {
        std::size_t used = 0;
        const int number = std::stoi(key, &used);
        return used == key.size() ? number : 0;
    } catch (const std::exception&) {
        return 0;
    }
}

void read_step_duties(const JsonObjectReader& p, const ApplicationSettings& s,
                      PermitApplicationSettings& permit) {
    const nlohmann::json* duties = p.get("step_duties");
    if (!duties)
        return;
    if (!duties->is_object())
        throw p.error("step_duties", "must be a table of step number = duty");
    for (const auto& [key, value] : duties->items()) {
        const int number = step_number_of_key(key);
        if (number < 1)
            throw p.error("step_duties." + key, "the key must be a step number");
        if (!value.is_string() || !s.find_duty(value.get<std::string>()))
            throw p.error("step_duties." + key, "must name one of the duties");
        permit.step_duties[number] = value.get<std::string>();
    }
}

// One entry of [[applications.permits]]: a permit's own steps, duties, clock start, standard.
PermitApplicationSettings read_permit_settings(const nlohmann::json& node, std::size_t i,
                                               const std::string& source,
                                               const ApplicationSettings& s) {
    JsonObjectReader p(node, source, indexed("applications.permits", i));
    p.allow_only({"id", "steps", "step_duties", "clock_start_step", "standard"});
    PermitApplicationSettings permit;
    permit.permit_id = *p.string("id", true);
    if (s.find_permit(permit.permit_id))
        throw p.error("id", "duplicate permit '" + permit.permit_id + "'");
    read_permit_steps(p, permit);
    read_step_duties(p, s, permit);
    if (auto v = p.integer("clock_start_step", 1, 1000))
        permit.clock_start_step = static_cast<int>(*v);
    permit.standard = read_standard(p, "standard", source);
    return permit;
}

}  // namespace

ApplicationSettings application_settings_from_json(const nlohmann::json& office_doc,
                                                   const std::string& source) {
    ApplicationSettings s = default_application_settings();
    const nlohmann::json* section = section_of(office_doc);
    if (!section)
        return s;
    JsonObjectReader top(*section, source, "applications");
    top.allow_only({"number_format", "office_code", "at_risk_share", "warning_lead_days",
                    "pickup_service", "display_ready_numbers", "phone_consent_text", "duties",
                    "actor_duties", "default_duty", "permits"});
    read_numbering(top, source, s);
    read_follow_up(top, s);
    read_duties(top, source, s);
    read_actor_duties(top, source, s);
    if (const nlohmann::json* permits = top.array("permits")) {
        for (std::size_t i = 0; i < permits->size(); ++i)
            s.permits.push_back(read_permit_settings((*permits)[i], i, source, s));
    }
    return s;
}

ApplicationSettings load_application_settings(const std::filesystem::path& toml_path) {
    return application_settings_from_json(
        toml_to_json(read_whole_file(toml_path), toml_path.string()), toml_path.string());
}

void validate_application_settings(const ApplicationSettings& settings,
                                   const catalog::Catalog& catalog, const OfficeConfig& office,
                                   const std::string& source) {
    if (!office.find_service(settings.pickup_service)) {
        throw InputError(source, "applications.pickup_service",
                         "no service '" + settings.pickup_service + "' in the office settings");
    }
    for (std::size_t i = 0; i < settings.permits.size(); ++i) {
        const auto& own = settings.permits[i];
        const std::string path = indexed("applications.permits", i);
        const catalog::Permit* permit = catalog.find(own.permit_id);
        if (!permit)
            throw InputError(source, path + ".id",
                             "no permit '" + own.permit_id + "' in the catalog");
        std::vector<WorkflowStep> workflow;
        try {
            workflow = build_workflow(*permit, settings);
        } catch (const InputError& e) {
            throw InputError(source, path + ".steps", e.reason());
        }
        for (const auto& step_duty : own.step_duties) {
            // A named copy: clang before 16 cannot capture a structured binding in a lambda.
            const auto number = step_duty.first;
            if (std::none_of(workflow.begin(), workflow.end(),
                             [&](const WorkflowStep& s) { return s.number == number; })) {
                throw InputError(source, path + ".step_duties." + std::to_string(number),
                                 "step " + std::to_string(number) +
                                     " is not a back-office step of " + own.permit_id);
            }
        }
        if (own.clock_start_step &&
            std::none_of(workflow.begin(), workflow.end(), [&](const WorkflowStep& s) {
                return s.number == *own.clock_start_step;
            })) {
            throw InputError(source, path + ".clock_start_step",
                             "step " + std::to_string(*own.clock_start_step) +
                                 " is not a back-office step of " + own.permit_id);
        }
    }
}

nlohmann::json to_json(const ApplicationSettings& s) {
    nlohmann::json duties = nlohmann::json::array();
    for (const auto& d : s.duties) {
        duties.push_back(
            {{"id", d.id}, {"name", d.name}, {"stage", d.stage}, {"stage_en", d.stage_en}});
    }
    return {{"number_format", s.number_format},
            {"office_code", s.office_code},
            {"at_risk_share", s.at_risk_share},
            {"warning_lead_days", s.warning_lead_days},
            {"pickup_service", s.pickup_service},
            {"display_ready_numbers", s.display_ready_numbers},
            {"phone_consent_text", s.phone_consent_text},
            {"duties", duties},
            {"default_duty", s.default_duty}};
}

std::string format_registration_number(const ApplicationSettings& settings, int seq,
                                       std::chrono::year_month_day date) {
    static const std::array<const char*, 12> kRoman = {"I",   "II",   "III", "IV", "V",  "VI",
                                                       "VII", "VIII", "IX",  "X",  "XI", "XII"};
    const unsigned month = static_cast<unsigned>(date.month());
    const std::string& format = settings.number_format;
    std::string out;
    for (std::size_t i = 0; i < format.size(); ++i) {
        if (format[i] != '{') {
            out += format[i];
            continue;
        }
        const auto close = format.find('}', i);
        const std::string token = format.substr(i + 1, close - i - 1);
        i = close;
        if (token.rfind("seq", 0) == 0) {
            std::string digits = std::to_string(seq);
            const std::size_t width =
                token.size() == 5 ? static_cast<std::size_t>(token[4] - '0') : 0;
            if (digits.size() < width)
                digits.insert(0, width - digits.size(), '0');
            out += digits;
        } else if (token == "year") {
            out += std::to_string(static_cast<int>(date.year()));
        } else if (token == "month") {
            out += (month < 10 ? "0" : "") + std::to_string(month);
        } else if (token == "month_roman") {
            out += kRoman[month - 1];
        } else if (token == "office_code") {
            out += settings.office_code;
        }
    }
    return out;
}

std::optional<SlaStandard> step_standard(const catalog::TimeStandard& time) {
    if (time.working_days_max && *time.working_days_max > 0)
        return SlaStandard{*time.working_days_max, SlaUnit::WorkingDays};
    if (time.days_max && *time.days_max > 0)
        return SlaStandard{*time.days_max, SlaUnit::CalendarDays};
    if (time.minutes_max && *time.minutes_max > 0)
        return SlaStandard{*time.minutes_max, SlaUnit::Minutes};
    return std::nullopt;
}

std::vector<WorkflowStep> build_workflow(const catalog::Permit& permit,
                                         const ApplicationSettings& settings) {
    const PermitApplicationSettings* own = settings.find_permit(permit.id);
    std::vector<const catalog::ProcedureStep*> chosen;
    if (own && !own->steps.empty()) {
        for (std::size_t i = 0; i < own->steps.size(); ++i) {
            const auto it = std::find_if(
                permit.steps.begin(), permit.steps.end(),
                [&](const catalog::ProcedureStep& s) { return s.number == own->steps[i]; });
            if (it == permit.steps.end()) {
                throw InputError(
                    "application settings",
                    "applications.permits." + permit.id + ".steps[" + std::to_string(i) + "]",
                    "permit " + permit.id + " has no step " + std::to_string(own->steps[i]));
            }
            chosen.push_back(&*it);
        }
        // Common path first, then approval, then rejection, as default_steps orders them.
        std::stable_sort(chosen.begin(), chosen.end(),
                         [](const catalog::ProcedureStep* a, const catalog::ProcedureStep* b) {
                             const auto rank = [](const std::string& branch) {
                                 return branch == catalog::kBranchCommon     ? 0
                                        : branch == catalog::kBranchApproved ? 1
                                                                             : 2;
                             };
                             return rank(a->branch) < rank(b->branch);
                         });
    } else {
        chosen = default_steps(permit);
    }
    if (chosen.empty()) {
        throw InputError("application settings", "applications.permits",
                         "permit " + permit.id + " leaves no back-office step to follow");
    }
    std::vector<WorkflowStep> out;
    for (const catalog::ProcedureStep* step : chosen) {
        WorkflowStep w;
        w.number = step->number;
        w.branch = step->branch;
        w.activity = step->activity;
        w.actors = step->actors;
        w.duty = duty_of(*step, settings, own);
        w.time_text = step->time.text;
        w.standard = step_standard(step->time);
        out.push_back(std::move(w));
    }
    return out;
}

std::optional<SlaStandard> service_standard(const catalog::Permit& permit,
                                            const ApplicationSettings& settings) {
    if (const auto* own = settings.find_permit(permit.id); own && own->standard)
        return own->standard;
    return sla_standard(permit.service_time);
}

nlohmann::json to_json(const WorkflowStep& step) {
    return {{"number", step.number},
            {"branch", step.branch},
            {"activity", step.activity},
            {"actors", step.actors},
            {"duty", step.duty},
            {"time_text", step.time_text},
            {"standard", step.standard ? nlohmann::json{{"amount", step.standard->amount},
                                                        {"unit", to_string(step.standard->unit)}}
                                       : nlohmann::json(nullptr)}};
}

WorkflowStep workflow_step_from_json(const nlohmann::json& doc) {
    WorkflowStep step;
    step.number = doc.at("number").get<int>();
    step.branch = doc.at("branch").get<std::string>();
    step.activity = doc.at("activity").get<std::string>();
    step.actors = doc.at("actors").get<std::vector<std::string>>();
    step.duty = doc.at("duty").get<std::string>();
    step.time_text = doc.at("time_text").get<std::string>();
    if (const auto& s = doc.at("standard"); !s.is_null()) {
        step.standard =
            SlaStandard{s.at("amount").get<int>(),
                        parse_sla_unit(s.at("unit").get<std::string>()).value_or(SlaUnit::Minutes)};
    }
    return step;
}

}  // namespace loket
