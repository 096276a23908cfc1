#pragma once
// The community satisfaction survey (Survei Kepuasan Masyarakat, SKM) as PermenPANRB 14/2017
// sets it out: the questionnaire, the strict reader of one response, the index (IKM) and its
// grade, the sample size, period reports and follow-up plans. No UI and no storage: the kiosk,
// the web survey, the counter and the reports build on this. The rules and the choices made
// where the regulation leaves room are in docs/skm.md.
#include <array>
#include <chrono>
#include <compare>
#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "loket/input_error.hpp"

namespace loket::survey {

// What people read, Indonesian first, English second.
struct Text {
    std::string_view id;
    std::string_view en;
};

// Bad survey input. what() and reason() are English as for every InputError (logs, API
// "message"); the Indonesian reason is kept beside it for the survey screens to show as is.
class SurveyInputError : public InputError {
  public:
    SurveyInputError(std::string source, std::string field, std::string reason_en,
                     std::string reason_id, std::string code = "invalid_field")
        : InputError(std::move(source), std::move(field), std::move(reason_en), std::move(code)),
          reason_id_(std::move(reason_id)) {}

    const std::string& reason_indonesian() const { return reason_id_; }
    // "Isian 'answers.waktu': wajib diisi", or the bare reason when no one field is at fault.
    std::string message_indonesian() const {
        return field().empty() ? reason_id_ : "Isian '" + field() + "': " + reason_id_;
    }

  private:
    std::string reason_id_;
};

// ---------------------------------------------------------------------------------------------
// The questionnaire

// The nine elements (unsur) in the regulation's order; each has a stable key for JSON.
enum class Element {
    Persyaratan,  // "persyaratan": requirements
    Prosedur,     // "prosedur": system, mechanism and procedure
    Waktu,        // "waktu": completion time
    Biaya,        // "biaya": cost / fee
    Produk,       // "produk": the service product as the service standard specifies it
    Kompetensi,   // "kompetensi": staff competence
    Perilaku,     // "perilaku": staff conduct
    Pengaduan,    // "pengaduan": handling of complaints, suggestions and feedback
    Sarana,       // "sarana": facilities
};
inline constexpr std::size_t kElementCount = 9;
inline constexpr std::array<Element, kElementCount> kElements = {
    Element::Persyaratan, Element::Prosedur, Element::Waktu,     Element::Biaya, Element::Produk,
    Element::Kompetensi,  Element::Perilaku, Element::Pengaduan, Element::Sarana};
inline constexpr std::size_t index_of(Element element) {
    return static_cast<std::size_t>(element);
}

inline constexpr int kMinScore = 1;
inline constexpr int kMaxScore = 4;

struct ElementInfo {
    Element element;
    std::string_view key;         // "persyaratan"
    Text name;                    // "Persyaratan" / "Requirements"
    Text question;                // the regulation's question
    std::array<Text, 4> answers;  // the element's own answers, answers[score - 1]
};
const ElementInfo& element_info(Element element);
std::string_view key_of(Element element);
std::optional<Element> parse_element(std::string_view key);

// The respondent profile, as on the regulation's form.
enum class Sex { L, P };
enum class Education { SdKeBawah, Smp, Sma, Diploma, S1, S2KeAtas };
enum class Occupation { Pns, Tni, Polri, Swasta, Wirausaha, Lainnya };

// One choice of a profile list: its key in JSON and what people read.
struct Option {
    std::string_view key;
    Text label;
};
std::span<const Option> sex_options();         // "L", "P"
std::span<const Option> education_options();   // "sd_ke_bawah" ... "s2_ke_atas"
std::span<const Option> occupation_options();  // "pns" ... "lainnya"
const Option& option_of(Sex sex);
const Option& option_of(Education education);
const Option& option_of(Occupation occupation);

// Age (umur) in whole years, as the form asks it; the bounds are ours (docs/skm.md).
inline constexpr int kMinAge = 15;
inline constexpr int kMaxAge = 100;
// The optional suggestion (saran dan masukan), in characters (Unicode code points).
inline constexpr std::size_t kSaranMaxChars = 1000;

struct Profile {
    int age = 0;
    Sex sex = Sex::L;
    Education education = Education::SdKeBawah;
    Occupation occupation = Occupation::Lainnya;
};

// One complete response: all nine elements answered, a full profile.
struct Response {
    std::string service;                      // the office's service id ("pendaftaran")
    std::string permit_id;                    // the catalog permit it was about; empty when none
    std::chrono::year_month_day date{};       // office-local date it was received
    std::array<int, kElementCount> scores{};  // by index_of(element), each 1..4
    Profile profile;
    std::string saran;  // empty when none

    int score(Element element) const { return scores[index_of(element)]; }
};

// The questionnaire for clients (GET /api/v1/survey/questions): elements with questions and
// answers, the profile lists, the age bounds and the saran cap.
nlohmann::json questionnaire_json();

// Reads one response sent by a client:
//   {"service": "pendaftaran", "permit_id": "...", "answers": {"persyaratan": 4, ...},
//    "profile": {"age": 34, "sex": "P", "education": "s1", "occupation": "wirausaha"},
//    "saran": "..."}
// permit_id and saran are optional; everything else is required, unknown keys are refused.
// A partial response is not a response: it throws SurveyInputError naming the field. Whether
// the service and permit exist is the caller's to check (this library knows neither list).
// date is the office-local date of receipt, from the caller's clock, never from the client.
Response read_response(const nlohmann::json& body, std::chrono::year_month_day date,
                       const std::string& source = "survey response");
// Reads the response of a visit (a ticket's or a file's status token): the answers, the
// profile and the saran. The service and permit are the visit's, so naming either is refused;
// the store sets them.
Response read_visit_response(const nlohmann::json& body, std::chrono::year_month_day date,
                             const std::string& source = "survey response");

// ---------------------------------------------------------------------------------------------
// The index (IKM)

// An exact non-negative rational. The index is computed exactly and rounded once, for display.
struct Fraction {
    std::int64_t numerator = 0;
    std::int64_t denominator = 1;
    double to_double() const {
        return static_cast<double>(numerator) / static_cast<double>(denominator);
    }
};

// A rounded decimal: `units` of 10^-places ({35324, 4} is 3.5324).
struct Decimal {
    std::int64_t units = 0;
    int places = 0;
    double to_double() const;
    // "3.5324" for JSON and files; pass ',' for Indonesian text ("3,5324").
    std::string to_string(char separator = '.') const;
    bool operator==(const Decimal&) const = default;
};

// The one rounding of the library: half up (every value is >= 0) to `places` decimals.
Decimal round_half_up(Fraction value, int places);

// Figures on the 1-4 scale (NRR, weighted NRR, IKM) are shown with 4 decimals and figures on
// the 25-100 scale with 2, the precision of the regulation's two interval columns.
inline constexpr int kScalePlaces = 4;
inline constexpr int kConvertedPlaces = 2;
// Every element weighs the same. The regulation defines the weight as 1/9 and computes with its
// printed value 0,111; Loket computes with 0,111 too, exactly, so its figures match the
// regulation's example and the offices' spreadsheets (docs/skm.md).
inline constexpr Fraction kElementWeight{111, 1000};
inline constexpr std::int64_t kConversionFactor = 25;

enum class Grade { A, B, C, D };
struct GradeInfo {
    Grade grade;
    std::string_view letter;               // "A"
    Text quality;                          // mutu pelayanan: "Sangat Baik" / "Very good"
    Decimal scale_from, scale_to;          // the 1-4 column, as printed
    Decimal converted_from, converted_to;  // the 25-100 column, which decides
};
std::span<const GradeInfo> grade_table();  // A, B, C, D
const GradeInfo& grade_info(Grade grade);
// The grade of a converted value rounded to kConvertedPlaces (throws std::invalid_argument on
// other precisions): A from 88.31, B from 76.61, C from 65.00, D below.
Grade grade_of_converted(Decimal converted);
// The grade of an exact value on the 1-4 scale: its converted value, rounded, decides.
Grade grade_of(Fraction scale_value);

struct ElementResult {
    Element element = Element::Persyaratan;
    std::int64_t score_sum = 0;
    std::int64_t answers = 0;

    Fraction nrr() const { return {score_sum, answers}; }  // nilai rata-rata
    Fraction weighted_nrr() const {
        return {score_sum * kElementWeight.numerator, answers * kElementWeight.denominator};
    }
    Fraction converted() const { return {score_sum * kConversionFactor, answers}; }
    Decimal nrr_rounded() const { return round_half_up(nrr(), kScalePlaces); }
    Decimal weighted_nrr_rounded() const { return round_half_up(weighted_nrr(), kScalePlaces); }
    Decimal converted_rounded() const { return round_half_up(converted(), kConvertedPlaces); }
    Grade grade() const { return grade_of(nrr()); }
};

// The index over a set of complete responses: every element has `respondents` answers.
struct IndexResult {
    std::int64_t respondents = 0;
    std::array<ElementResult, kElementCount> elements{};

    const ElementResult& element(Element e) const { return elements[index_of(e)]; }
    // IKM on the 1-4 scale: the sum of the nine weighted NRRs.
    Fraction ikm() const;
    Fraction converted() const;  // IKM x 25, on the 25-100 scale
    Decimal ikm_rounded() const { return round_half_up(ikm(), kScalePlaces); }
    Decimal converted_rounded() const { return round_half_up(converted(), kConvertedPlaces); }
    Grade grade() const { return grade_of(ikm()); }
};

// No index for no responses (an empty period has none; it is not zero). A score outside 1..4
// throws SurveyInputError naming responses[i].answers.<element>.
std::optional<IndexResult> compute_index(std::span<const Response> responses);
nlohmann::json to_json(const IndexResult& result);

// The three elements with the lowest NRR, lowest first; ties go in the regulation's order.
std::array<Element, 3> weakest_elements(const IndexResult& result);

// ---------------------------------------------------------------------------------------------
// Sample size: the Krejcie and Morgan (1970) table the regulation points to

struct SampleRow {
    std::int64_t population = 0;
    std::int64_t sample = 0;
};
std::span<const SampleRow> krejcie_morgan_table();
// The sample a population (people served in the period) needs: the table's value at the
// listed population, else at the next listed population above it; never more than the
// population itself, and 384 beyond the table's last row. Throws std::invalid_argument when
// population < 0.
std::int64_t required_sample(std::int64_t population);

struct SampleCheck {
    std::int64_t population = 0;
    std::int64_t required = 0;
    std::int64_t responses = 0;
    bool reached() const { return responses >= required; }
};
SampleCheck check_sample(std::int64_t population, std::int64_t responses);

// ---------------------------------------------------------------------------------------------
// Periods: "2026-12" (month), "2026-Q4" (quarter), "2026-S2" (semester), "2026" (year)

enum class PeriodKind { Month, Quarter, Semester, Year };

class Period {
  public:
    static Period month(std::chrono::year year, std::chrono::month month);
    static Period quarter(std::chrono::year year, int quarter);    // 1..4
    static Period semester(std::chrono::year year, int semester);  // 1..2
    static Period whole_year(std::chrono::year year);
    // The period of `kind` that holds `date`.
    static Period containing(std::chrono::year_month_day date, PeriodKind kind);

    PeriodKind kind() const { return kind_; }
    std::chrono::year year() const { return year_; }
    int number() const { return number_; }  // month 1..12, quarter 1..4, semester 1..2, year 1
    std::chrono::year_month_day first_day() const;
    std::chrono::year_month_day last_day() const;
    bool contains(std::chrono::year_month_day date) const;
    std::string key() const;       // "2026-Q4"
    std::string label_id() const;  // "Triwulan IV 2026"
    std::string label_en() const;  // "Q4 2026"

    bool operator==(const Period&) const = default;

  private:
    Period(PeriodKind kind, std::chrono::year year, int number)
        : kind_(kind), year_(year), number_(number) {}
    PeriodKind kind_;
    std::chrono::year year_;
    int number_;
};

// Years 2000-9999. Throws SurveyInputError on `field` for anything else.
Period parse_period(std::string_view key, const std::string& source = "period",
                    const std::string& field = "period");

// ---------------------------------------------------------------------------------------------
// Reports

// Age bands for the profile breakdown (the form asks a number; the bands are ours).
struct AgeBand {
    int from;
    int to;  // inclusive
    std::string_view key;
    Text label;
};
std::span<const AgeBand> age_bands();

// How many respondents fall in each category of the profile.
struct ProfileBreakdown {
    std::int64_t respondents = 0;
    std::array<std::int64_t, 2> sex{};         // by sex_options()
    std::array<std::int64_t, 6> education{};   // by education_options()
    std::array<std::int64_t, 6> occupation{};  // by occupation_options()
    std::vector<std::int64_t> age;             // by age_bands()
    // Respondents per service id, by id.
    std::vector<std::pair<std::string, std::int64_t>> services;
    std::int64_t with_saran = 0;
};
ProfileBreakdown profile_breakdown(std::span<const Response> responses);

// The responses received in `period`, of one service when `service` is not empty.
std::vector<Response> responses_in(std::span<const Response> responses, const Period& period,
                                   std::string_view service = {});

struct PeriodReport {
    Period period;
    std::string service;  // empty: every service
    std::int64_t respondents = 0;
    std::optional<IndexResult> index;  // none when nobody answered
    std::vector<Element> weakest;      // the three weakest elements; empty without an index
    ProfileBreakdown profile;
    std::optional<SampleCheck> sample;  // when the population served was given
};
// population: people served in the period (for the sample check), when known.
PeriodReport period_report(std::span<const Response> responses, const Period& period,
                           std::string_view service = {},
                           std::optional<std::int64_t> population = std::nullopt);
nlohmann::json to_json(const PeriodReport& report);

// ---------------------------------------------------------------------------------------------
// Follow-up plan (rencana tindak lanjut)

enum class FollowUpStatus { Planned, InProgress, Done };
std::span<const Option> follow_up_status_options();  // "direncanakan", "berjalan", "selesai"
const Option& option_of(FollowUpStatus status);

inline constexpr std::size_t kActionMaxChars = 500;
inline constexpr std::size_t kOwnerMaxChars = 100;

// One action taken on a survey result. Planned is 0 % done, Done is 100 %, in progress is in
// between or just started (0-99).
struct FollowUp {
    Element element = Element::Persyaratan;
    std::string action;  // what will be done
    std::string owner;   // who answers for it (penanggung jawab)
    std::chrono::year_month_day deadline{};
    FollowUpStatus status = FollowUpStatus::Planned;
    int percent_done = 0;
};
// Throws SurveyInputError naming the field of the first problem.
void validate(const FollowUp& plan, const std::string& source = "follow-up");
// {"element", "action", "owner", "deadline": "2026-12-31", "status", "percent_done"}
FollowUp read_follow_up(const nlohmann::json& body, const std::string& source = "follow-up");
nlohmann::json to_json(const FollowUp& plan);

}  // namespace loket::survey
