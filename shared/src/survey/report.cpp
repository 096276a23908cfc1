// What a period's report is made of: the responses in the period, the index with its weakest
// elements, who answered (profile breakdown) and whether the sample was large enough.
#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "loket/survey.hpp"

namespace loket::survey {

using nlohmann::json;

namespace {

constexpr std::array<AgeBand, 6> kAgeBands = {{
    {kMinAge, 24, "15-24", {"15-24 tahun", "15-24 years"}},
    {25, 34, "25-34", {"25-34 tahun", "25-34 years"}},
    {35, 44, "35-44", {"35-44 tahun", "35-44 years"}},
    {45, 54, "45-54", {"45-54 tahun", "45-54 years"}},
    {55, 64, "55-64", {"55-64 tahun", "55-64 years"}},
    {65, kMaxAge, "65+", {"65 tahun ke atas", "65 years and over"}},
}};
static_assert(kAgeBands.front().from == kMinAge && kAgeBands.back().to == kMaxAge);

json counts_json(std::span<const Option> options, std::span<const std::int64_t> counts) {
    json list = json::array();
    for (std::size_t i = 0; i < options.size(); ++i) {
        list.push_back({{"id", options[i].key},
                        {"label", options[i].label.id},
                        {"label_en", options[i].label.en},
                        {"count", counts[i]}});
    }
    return list;
}

json profile_json(const ProfileBreakdown& profile) {
    json age = json::array();
    for (std::size_t i = 0; i < kAgeBands.size(); ++i) {
        age.push_back({{"id", kAgeBands[i].key},
                       {"label", kAgeBands[i].label.id},
                       {"label_en", kAgeBands[i].label.en},
                       {"count", profile.age[i]}});
    }
    json services = json::array();
    for (const auto& [id, count] : profile.services)
        services.push_back({{"id", id}, {"count", count}});
    return {
        {"respondents", profile.respondents},
        {"age", std::move(age)},
        {"sex", counts_json(sex_options(), profile.sex)},
        {"education", counts_json(education_options(), profile.education)},
        {"occupation", counts_json(occupation_options(), profile.occupation)},
        {"services", std::move(services)},
        {"with_saran", profile.with_saran},
    };
}

}  // namespace

std::span<const AgeBand> age_bands() {
    return kAgeBands;
}

ProfileBreakdown profile_breakdown(std::span<const Response> responses) {
    ProfileBreakdown breakdown;
    breakdown.age.assign(kAgeBands.size(), 0);
    std::map<std::string, std::int64_t> services;
    for (const Response& response : responses) {
        const Profile& profile = response.profile;
        ++breakdown.respondents;
        ++breakdown.sex[static_cast<std::size_t>(profile.sex)];
        ++breakdown.education[static_cast<std::size_t>(profile.education)];
        ++breakdown.occupation[static_cast<std::size_t>(profile.occupation)];
        // An age outside the bands (not from the reader) counts in the nearest band.
        const auto band = std::find_if(kAgeBands.begin(), kAgeBands.end(),
                                       [&](const AgeBand& b) { return profile.age <= b.to; });
        ++breakdown
              .age[band == kAgeBands.end() ? kAgeBands.size() - 1
                                           : static_cast<std::size_t>(band - kAgeBands.begin())];
        ++services[response.service];
        if (!response.saran.empty())
            ++breakdown.with_saran;
    }
    breakdown.services.assign(services.begin(), services.end());
    return breakdown;
}

std::vector<Response> responses_in(std::span<const Response> responses, const Period& period,
                                   std::string_view service) {
    std::vector<Response> selected;
    for (const Response& response : responses) {
        if (period.contains(response.date) && (service.empty() || response.service == service))
            selected.push_back(response);
    }
    return selected;
}

PeriodReport period_report(std::span<const Response> responses, const Period& period,
                           std::string_view service, std::optional<std::int64_t> population) {
    const std::vector<Response> selected = responses_in(responses, period, service);
    PeriodReport report{period,
                        std::string(service),
                        static_cast<std::int64_t>(selected.size()),
                        compute_index(selected),
                        {},
                        profile_breakdown(selected),
                        std::nullopt};
    if (report.index) {
        const auto weakest = weakest_elements(*report.index);
        report.weakest.assign(weakest.begin(), weakest.end());
    }
    if (population)
        report.sample = check_sample(*population, report.respondents);
    return report;
}

json to_json(const PeriodReport& report) {
    json weakest = json::array();
    for (const Element element : report.weakest)
        weakest.push_back(key_of(element));
    json sample = nullptr;
    if (report.sample) {
        sample = {{"population", report.sample->population},
                  {"required", report.sample->required},
                  {"responses", report.sample->responses},
                  {"reached", report.sample->reached()}};
    }
    return {
        {"period", report.period.key()},
        {"period_label", report.period.label_id()},
        {"period_label_en", report.period.label_en()},
        {"service", report.service.empty() ? json(nullptr) : json(report.service)},
        {"respondents", report.respondents},
        {"index", report.index ? to_json(*report.index) : json(nullptr)},
        {"weakest", std::move(weakest)},
        {"profile", profile_json(report.profile)},
        {"sample", std::move(sample)},
    };
}

}  // namespace loket::survey
