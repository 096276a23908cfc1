// The permit page's decisions, kept out of the view (see permit_info.hpp).
#include "permit_info.hpp"

#include <algorithm>

namespace loket::kiosk {

bool requirements_depend_on_applicant(const PermitDetail& permit) {
    return std::any_of(permit.requirements.begin(), permit.requirements.end(),
                       [](const PermitRequirement& r) {
                           return r.applies_to == "perorangan" || r.applies_to == "badan_usaha";
                       });
}

RequirementFit requirement_fit(const PermitRequirement& requirement, Applicant applicant) {
    const std::string& a = requirement.applies_to;
    if (a == "perorangan")
        return applicant == Applicant::perorangan ? RequirementFit::required
                                                  : RequirementFit::not_applicable;
    if (a == "badan_usaha")
        return applicant == Applicant::badan_usaha ? RequirementFit::required
                                                   : RequirementFit::not_applicable;
    if (a == "dikuasakan")
        return RequirementFit::if_proxy;
    // "semua", and any value a newer server may add: shown to everyone rather than hidden.
    return RequirementFit::required;
}

std::vector<std::size_t> shown_requirements(const PermitDetail& permit, Applicant applicant) {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < permit.requirements.size(); ++i) {
        if (requirement_fit(permit.requirements[i], applicant) != RequirementFit::not_applicable)
            out.push_back(i);
    }
    return out;
}

std::vector<std::size_t> counted_requirements(const PermitDetail& permit, Applicant applicant) {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < permit.requirements.size(); ++i) {
        if (requirement_fit(permit.requirements[i], applicant) == RequirementFit::required)
            out.push_back(i);
    }
    return out;
}

StepPaths step_paths(const PermitDetail& permit) {
    StepPaths paths;
    for (const PermitStep& s : permit.steps) {
        if (s.branch == "disetujui")
            paths.approved.push_back(&s);
        else if (s.branch == "ditolak")
            paths.rejected.push_back(&s);
        else
            paths.common.push_back(&s);
    }
    return paths;
}

namespace {

std::string count(Language lang, int n, T one, T many) {
    return tr(lang, n == 1 ? one : many, {std::to_string(n)});
}

}  // namespace

std::string duration_text(Language lang, const PermitStepTotals& t) {
    std::vector<std::string> parts;
    if (t.days > 0)
        parts.push_back(count(lang, t.days, T::unit_day_one, T::unit_day_many));
    if (t.working_days > 0)
        parts.push_back(count(lang, t.working_days, T::unit_work_day_one, T::unit_work_day_many));
    if (t.minutes > 0) {
        std::string clock;
        const int hours = t.minutes / 60, minutes = t.minutes % 60;
        if (hours > 0)
            clock = count(lang, hours, T::unit_hour_one, T::unit_hour_many);
        if (minutes > 0)
            clock += (clock.empty() ? "" : " ") +
                     count(lang, minutes, T::unit_minute_one, T::unit_minute_many);
        parts.push_back(clock);
    }
    std::string out;
    for (const auto& p : parts)
        out += (out.empty() ? "" : " + ") + p;
    return out;
}

std::string service_time_value_text(Language lang, const PermitServiceTime& time) {
    if (!time.value)
        return {};
    const int n = *time.value;
    if (time.unit == "menit")
        return count(lang, n, T::unit_minute_one, T::unit_minute_many);
    if (time.unit == "jam")
        return count(lang, n, T::unit_hour_one, T::unit_hour_many);
    if (time.unit == "hari kerja")
        return count(lang, n, T::unit_work_day_one, T::unit_work_day_many);
    if (time.unit == "hari")
        return count(lang, n, T::unit_day_one, T::unit_day_many);
    return std::to_string(n) + " " + time.unit;  // a unit a newer server may add, as sent
}

std::string step_actor_text(Language lang, const PermitStep& step) {
    if (step.actors.empty())
        return std::string(tr(lang, T::step_actors_none));
    std::string actors;
    for (const auto& a : step.actors)
        actors += (actors.empty() ? "" : ", ") + a;
    if (step.actor_source == "text")
        return tr(lang, T::step_actors_from_text, {actors});
    if (step.actor_source == "table")
        return tr(lang, T::step_actors_from_table, {actors});
    return tr(lang, T::step_actors, {actors});
}

std::string step_input_text(Language lang, const PermitStep& step) {
    std::string_view input = step.input;
    while (!input.empty() && (input.back() == '\n' || input.back() == ' '))
        input.remove_suffix(1);
    if (input.empty())
        return {};
    return tr(lang, input.find('\n') == std::string_view::npos ? T::step_input : T::step_input_list,
              {input});
}

std::string permit_counts_text(Language lang, int requirements, int steps) {
    return count(lang, requirements, T::requirements_one, T::requirements_many) + " \u00b7 " +
           count(lang, steps, T::steps_one, T::steps_many);
}

std::string checklist_progress_text(Language lang, int ready, int total) {
    return tr(lang, total == 1 ? T::checklist_progress_one : T::checklist_progress,
              {std::to_string(ready), std::to_string(total)});
}

}  // namespace loket::kiosk
