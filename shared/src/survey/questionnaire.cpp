// The questionnaire of PermenPANRB 14/2017 (docs/skm.md): the nine elements with the
// regulation's questions and each element's own answers, the respondent profile, and the
// strict reader of one response.
#include <nlohmann/json.hpp>

#include "loket/survey.hpp"
#include "loket/survey_views.hpp"
#include "reading.hpp"

namespace loket::survey {

using nlohmann::json;

namespace {

// The elements in the regulation's order (Element's order); answers from score 1 to 4.
constexpr std::array<ElementInfo, kElementCount> kElementInfo = {{
    {Element::Persyaratan,
     "persyaratan",
     {"Persyaratan", "Requirements"},
     {"Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis "
      "pelayanannya?",
      "How well do the service requirements fit the kind of service?"},
     {{{"Tidak sesuai", "Not suitable"},
       {"Kurang sesuai", "Less suitable"},
       {"Sesuai", "Suitable"},
       {"Sangat sesuai", "Very suitable"}}}},
    {Element::Prosedur,
     "prosedur",
     {"Sistem, Mekanisme, dan Prosedur", "System, mechanism and procedure"},
     {"Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?",
      "How easy is the service procedure at this office?"},
     {{{"Tidak mudah", "Not easy"},
       {"Kurang mudah", "Less easy"},
       {"Mudah", "Easy"},
       {"Sangat mudah", "Very easy"}}}},
    {Element::Waktu,
     "waktu",
     {"Waktu Penyelesaian", "Completion time"},
     {"Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?",
      "How fast was the service given?"},
     {{{"Tidak cepat", "Not fast"},
       {"Kurang cepat", "Less fast"},
       {"Cepat", "Fast"},
       {"Sangat cepat", "Very fast"}}}},
    {Element::Biaya,
     "biaya",
     {"Biaya/Tarif", "Cost/fee"},
     {"Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?",
      "How fair is the cost or fee of the service?"},
     {{{"Sangat mahal", "Very expensive"},
       {"Cukup mahal", "Fairly expensive"},
       {"Murah", "Cheap"},
       {"Gratis", "Free"}}}},
    {Element::Produk,
     "produk",
     {"Produk Spesifikasi Jenis Pelayanan", "Service product specification"},
     {"Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum "
      "dalam standar pelayanan dengan hasil yang diberikan?",
      "How well does what you received match the product stated in the service standard?"},
     {{{"Tidak sesuai", "Not suitable"},
       {"Kurang sesuai", "Less suitable"},
       {"Sesuai", "Suitable"},
       {"Sangat sesuai", "Very suitable"}}}},
    {Element::Kompetensi,
     "kompetensi",
     {"Kompetensi Pelaksana", "Staff competence"},
     {"Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?",
      "How competent were the staff who served you?"},
     {{{"Tidak kompeten", "Not competent"},
       {"Kurang kompeten", "Less competent"},
       {"Kompeten", "Competent"},
       {"Sangat kompeten", "Very competent"}}}},
    {Element::Perilaku,
     "perilaku",
     {"Perilaku Pelaksana", "Staff conduct"},
     {"Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait kesopanan "
      "dan keramahan?",
      "How polite and friendly were the staff who served you?"},
     {{{"Tidak sopan dan ramah", "Not polite and friendly"},
       {"Kurang sopan dan ramah", "Less polite and friendly"},
       {"Sopan dan ramah", "Polite and friendly"},
       {"Sangat sopan dan ramah", "Very polite and friendly"}}}},
    {Element::Pengaduan,
     "pengaduan",
     {"Penanganan Pengaduan, Saran dan Masukan",
      "Handling of complaints, suggestions and feedback"},
     {"Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?",
      "How are complaints from service users handled?"},
     {{{"Tidak ada", "There is none"},
       {"Ada tetapi tidak berfungsi", "There is one, but it does not work"},
       {"Berfungsi kurang maksimal", "It works, but not fully"},
       {"Dikelola dengan baik", "It is well managed"}}}},
    {Element::Sarana,
     "sarana",
     {"Sarana dan Prasarana", "Facilities"},
     {"Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?",
      "How good are the facilities?"},
     {{{"Buruk", "Poor"}, {"Cukup", "Fair"}, {"Baik", "Good"}, {"Sangat baik", "Very good"}}}},
}};

constexpr std::array<Option, 2> kSexOptions = {{
    {"L", {"Laki-laki", "Male"}},
    {"P", {"Perempuan", "Female"}},
}};

constexpr std::array<Option, 6> kEducationOptions = {{
    {"sd_ke_bawah", {"SD ke bawah", "Primary school or less"}},
    {"smp", {"SMP", "Junior high school"}},
    {"sma", {"SMA", "Senior high school"}},
    {"d1_d3_d4", {"D1-D3-D4", "Diploma (D1-D4)"}},
    {"s1", {"S1", "Bachelor's degree"}},
    {"s2_ke_atas", {"S2 ke atas", "Master's degree or higher"}},
}};

constexpr std::array<Option, 6> kOccupationOptions = {{
    {"pns", {"PNS", "Civil servant"}},
    {"tni", {"TNI", "Armed forces"}},
    {"polri", {"POLRI", "Police"}},
    {"swasta", {"Swasta", "Private sector employee"}},
    {"wirausaha", {"Wirausaha", "Self-employed"}},
    {"lainnya", {"Lainnya", "Other"}},
}};

void add_text(json& node, std::string_view name, Text text) {
    node[std::string(name)] = text.id;
    node[std::string(name) + "_en"] = text.en;
}

json options_json(Text label, std::span<const Option> options) {
    json node = json::object();
    add_text(node, "label", label);
    json list = json::array();
    for (const auto& option : options) {
        json item = {{"id", option.key}};
        add_text(item, "label", option.label);
        list.push_back(std::move(item));
    }
    node["options"] = std::move(list);
    return node;
}

}  // namespace

const ElementInfo& element_info(Element element) {
    return kElementInfo[index_of(element)];
}

std::string_view key_of(Element element) {
    return element_info(element).key;
}

std::optional<Element> parse_element(std::string_view key) {
    for (const auto& info : kElementInfo) {
        if (info.key == key)
            return info.element;
    }
    return std::nullopt;
}

std::span<const Option> sex_options() {
    return kSexOptions;
}
std::span<const Option> education_options() {
    return kEducationOptions;
}
std::span<const Option> occupation_options() {
    return kOccupationOptions;
}
const Option& option_of(Sex sex) {
    return kSexOptions[static_cast<std::size_t>(sex)];
}
const Option& option_of(Education education) {
    return kEducationOptions[static_cast<std::size_t>(education)];
}
const Option& option_of(Occupation occupation) {
    return kOccupationOptions[static_cast<std::size_t>(occupation)];
}

json questionnaire_json() {
    json elements = json::array();
    for (std::size_t i = 0; i < kElementInfo.size(); ++i) {
        const ElementInfo& info = kElementInfo[i];
        json element = {{"id", info.key}, {"number", i + 1}};
        add_text(element, "name", info.name);
        add_text(element, "question", info.question);
        json answers = json::array();
        for (int score = kMinScore; score <= kMaxScore; ++score) {
            json answer = {{"score", score}};
            add_text(answer, "label", info.answers[static_cast<std::size_t>(score - 1)]);
            answers.push_back(std::move(answer));
        }
        element["answers"] = std::move(answers);
        elements.push_back(std::move(element));
    }

    json age = {{"min", kMinAge}, {"max", kMaxAge}};
    add_text(age, "label", {"Umur", "Age"});
    add_text(age, "unit", {"tahun", "years"});
    json saran = {{"required", false}, {"max_chars", kSaranMaxChars}};
    add_text(saran, "label", {"Saran dan masukan", "Suggestions and feedback"});

    return {
        {"regulation", "PermenPANRB 14/2017"},
        {"elements", std::move(elements)},
        {"profile",
         {{"age", std::move(age)},
          {"sex", options_json({"Jenis kelamin", "Sex"}, kSexOptions)},
          {"education", options_json({"Pendidikan", "Education"}, kEducationOptions)},
          {"occupation", options_json({"Pekerjaan", "Occupation"}, kOccupationOptions)}}},
        {"saran", std::move(saran)},
    };
}

namespace {

// The nine answers, the profile and the suggestion: what every response holds.
void read_answers_of(const detail::Reader& top, const json& body, Response& response) {
    const detail::Reader answers = top.object("answers");
    for (const auto& [key, _] : body.at("answers").items()) {
        if (!parse_element(key))
            answers.fail(key, "is not one of the nine elements",
                         "bukan salah satu dari sembilan unsur", "unknown_key");
    }
    for (const auto& info : kElementInfo) {
        if (!answers.get(info.key)) {
            answers.fail(info.key, "is required: a response answers all nine elements",
                         "wajib diisi: tanggapan menjawab kesembilan unsur", "required");
        }
        response.scores[index_of(info.element)] =
            static_cast<int>(answers.integer(info.key, kMinScore, kMaxScore));
    }

    const detail::Reader profile = top.object("profile");
    profile.allow_only({"age", "sex", "education", "occupation"});
    response.profile.age = static_cast<int>(profile.integer("age", kMinAge, kMaxAge));
    response.profile.sex = static_cast<Sex>(profile.choice("sex", kSexOptions));
    response.profile.education =
        static_cast<Education>(profile.choice("education", kEducationOptions));
    response.profile.occupation =
        static_cast<Occupation>(profile.choice("occupation", kOccupationOptions));

    response.saran = top.text("saran", kSaranMaxChars, true, false);
}

}  // namespace

Response read_response(const json& body, std::chrono::year_month_day date,
                       const std::string& source) {
    const detail::Reader top(body, source, "");
    top.allow_only({"service", "permit_id", "answers", "profile", "saran"});

    Response response;
    response.date = date;
    response.service = top.string("service");
    if (!detail::is_service_id(response.service)) {
        top.fail("service", "must be a service id of lower-case letters, digits and '_'",
                 "harus berupa kode layanan dari huruf kecil, angka dan '_'");
    }
    response.permit_id = top.optional_string("permit_id").value_or("");
    if (!response.permit_id.empty() && !detail::is_permit_id(response.permit_id)) {
        top.fail("permit_id", "must be a permit id of a-z, 0-9 and single hyphens",
                 "harus berupa kode izin dari a-z, 0-9 dan tanda hubung tunggal");
    }
    read_answers_of(top, body, response);
    return response;
}

Response read_visit_response(const json& body, std::chrono::year_month_day date,
                             const std::string& source) {
    const detail::Reader top(body, source, "");
    for (const char* typed : {"service", "permit_id"}) {
        if (body.contains(typed)) {
            throw SurveyInputError(
                source, typed, "comes from the ticket and is not sent with a visit's response",
                "diambil dari tiket, tidak dikirim bersama tanggapan kunjungan", "unknown_key");
        }
    }
    top.allow_only({"answers", "profile", "saran"});
    Response response;
    response.date = date;
    read_answers_of(top, body, response);
    return response;
}

std::string_view to_string(Channel channel) {
    switch (channel) {
        case Channel::Visit:
            return "visit";
        case Channel::Counter:
            return "counter";
        case Channel::Kiosk:
            return "kiosk";
    }
    return "visit";
}

}  // namespace loket::survey
