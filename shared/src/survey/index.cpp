// The index (IKM) of PermenPANRB 14/2017, computed exactly and rounded once (docs/skm.md):
// NRR = sum of an element's scores / its answers; weighted NRR = NRR x 0,111; IKM = the sum of
// the nine weighted NRRs; converted IKM = IKM x 25; the grade from the converted value.
#include <algorithm>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "loket/survey.hpp"

namespace loket::survey {

using nlohmann::json;

namespace {

constexpr int kMaxPlaces = 9;

std::int64_t power_of_ten(int places) {
    std::int64_t value = 1;
    for (int i = 0; i < places; ++i)
        value *= 10;
    return value;
}

constexpr Decimal scale(std::int64_t units) {
    return {units, kScalePlaces};
}
constexpr Decimal converted(std::int64_t units) {
    return {units, kConvertedPlaces};
}

// The regulation's table of perception values, intervals and grades. The converted column
// decides (docs/skm.md); each 1-4 bound x 25, rounded to 2 decimals, is its converted bound.
constexpr std::array<GradeInfo, 4> kGrades = {{
    {Grade::A,
     "A",
     {"Sangat Baik", "Very good"},
     scale(35324),
     scale(40000),
     converted(8831),
     converted(10000)},
    {Grade::B, "B", {"Baik", "Good"}, scale(30644), scale(35320), converted(7661), converted(8830)},
    {Grade::C,
     "C",
     {"Kurang Baik", "Less than good"},
     scale(26000),
     scale(30640),
     converted(6500),
     converted(7660)},
    {Grade::D,
     "D",
     {"Tidak Baik", "Not good"},
     scale(10000),
     scale(25996),
     converted(2500),
     converted(6499)},
}};

}  // namespace

double Decimal::to_double() const {
    return static_cast<double>(units) / static_cast<double>(power_of_ten(places));
}

std::string Decimal::to_string(char separator) const {
    const std::int64_t divisor = power_of_ten(places);
    std::string text = std::to_string(units / divisor);
    if (places > 0) {
        std::string fraction = std::to_string(units % divisor);
        text += separator;
        text += std::string(static_cast<std::size_t>(places) - fraction.size(), '0') + fraction;
    }
    return text;
}

Decimal round_half_up(Fraction value, int places) {
    if (value.denominator <= 0 || value.numerator < 0 || places < 0 || places > kMaxPlaces) {
        throw std::invalid_argument(
            "round_half_up: needs numerator >= 0, denominator > 0 and "
            "0-9 places");
    }
    // 128 bits: numerator x 10^9 x 2 does not fit 64 bits for large numerators.
    const __int128 scaled = static_cast<__int128>(value.numerator) * power_of_ten(places);
    const __int128 units = (2 * scaled + value.denominator) / (2 * value.denominator);
    return {static_cast<std::int64_t>(units), places};
}

std::span<const GradeInfo> grade_table() {
    return kGrades;
}

const GradeInfo& grade_info(Grade grade) {
    return kGrades[static_cast<std::size_t>(grade)];
}

Grade grade_of_converted(Decimal value) {
    if (value.places != kConvertedPlaces)
        throw std::invalid_argument("grade_of_converted: the value must have 2 decimals");
    for (const GradeInfo& info : kGrades) {
        if (value.units >= info.converted_from.units)
            return info.grade;
    }
    return Grade::D;
}

Grade grade_of(Fraction scale_value) {
    const Fraction value{scale_value.numerator * kConversionFactor, scale_value.denominator};
    return grade_of_converted(round_half_up(value, kConvertedPlaces));
}

Fraction IndexResult::ikm() const {
    std::int64_t total = 0;
    for (const ElementResult& element : elements)
        total += element.score_sum;
    // Every element has `respondents` answers, so the nine weighted NRRs share a denominator.
    return {total * kElementWeight.numerator, respondents * kElementWeight.denominator};
}

Fraction IndexResult::converted() const {
    const Fraction index = ikm();
    return {index.numerator * kConversionFactor, index.denominator};
}

std::optional<IndexResult> compute_index(std::span<const Response> responses) {
    if (responses.empty())
        return std::nullopt;
    IndexResult result;
    for (const Element element : kElements)
        result.elements[index_of(element)].element = element;
    for (std::size_t r = 0; r < responses.size(); ++r) {
        for (const Element element : kElements) {
            const int score = responses[r].score(element);
            if (score < kMinScore || score > kMaxScore) {
                const std::string got = std::to_string(score);
                throw SurveyInputError(
                    "survey responses",
                    "responses[" + std::to_string(r) + "].answers." + std::string(key_of(element)),
                    "must be from 1 to 4, got " + got, "harus dari 1 sampai 4, bukan " + got,
                    "out_of_range");
            }
            ElementResult& sum = result.elements[index_of(element)];
            sum.score_sum += score;
            sum.answers += 1;
        }
    }
    result.respondents = static_cast<std::int64_t>(responses.size());
    return result;
}

std::array<Element, 3> weakest_elements(const IndexResult& result) {
    std::array<Element, kElementCount> order = kElements;
    // Lower NRR first; stable, so equal NRRs keep the regulation's order.
    std::stable_sort(order.begin(), order.end(), [&](Element a, Element b) {
        const Fraction x = result.element(a).nrr();
        const Fraction y = result.element(b).nrr();
        return static_cast<__int128>(x.numerator) * y.denominator <
               static_cast<__int128>(y.numerator) * x.denominator;
    });
    return {order[0], order[1], order[2]};
}

json to_json(const IndexResult& result) {
    json elements = json::array();
    for (const ElementResult& element : result.elements) {
        const ElementInfo& info = element_info(element.element);
        elements.push_back({
            {"id", info.key},
            {"name", info.name.id},
            {"name_en", info.name.en},
            {"score_sum", element.score_sum},
            {"answers", element.answers},
            {"nrr", element.nrr_rounded().to_double()},
            {"weighted_nrr", element.weighted_nrr_rounded().to_double()},
            {"converted", element.converted_rounded().to_double()},
            {"grade", grade_info(element.grade()).letter},
        });
    }
    const GradeInfo& grade = grade_info(result.grade());
    return {
        {"respondents", result.respondents},
        {"weight",
         {{"numerator", kElementWeight.numerator}, {"denominator", kElementWeight.denominator}}},
        {"elements", std::move(elements)},
        {"ikm", result.ikm_rounded().to_double()},
        {"converted", result.converted_rounded().to_double()},
        {"grade", grade.letter},
        {"quality", grade.quality.id},
        {"quality_en", grade.quality.en},
    };
}

}  // namespace loket::survey
