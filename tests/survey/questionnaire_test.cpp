// The questionnaire as data: the regulation's nine elements, questions and answers, the
// profile lists, and the JSON clients get.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "loket/survey.hpp"

using namespace loket::survey;
using nlohmann::json;

TEST(SurveyQuestionnaire, NineElementsInTheRegulationsOrder) {
    const std::array<std::string_view, 9> keys = {"persyaratan", "prosedur",  "waktu",
                                                  "biaya",       "produk",    "kompetensi",
                                                  "perilaku",    "pengaduan", "sarana"};
    ASSERT_EQ(kElements.size(), keys.size());
    for (std::size_t i = 0; i < keys.size(); ++i) {
        EXPECT_EQ(index_of(kElements[i]), i);
        EXPECT_EQ(key_of(kElements[i]), keys[i]);
        EXPECT_EQ(parse_element(keys[i]), kElements[i]);
        EXPECT_EQ(element_info(kElements[i]).element, kElements[i]);
    }
    EXPECT_FALSE(parse_element("Persyaratan").has_value());
    EXPECT_FALSE(parse_element("").has_value());
    EXPECT_EQ(element_info(Element::Prosedur).name.id, "Sistem, Mekanisme, dan Prosedur");
    EXPECT_EQ(element_info(Element::Pengaduan).name.id, "Penanganan Pengaduan, Saran dan Masukan");
}

TEST(SurveyQuestionnaire, EachElementHasItsOwnFourAnswers) {
    const auto answers = [](Element e) {
        std::array<std::string_view, 4> ids;
        for (std::size_t i = 0; i < 4; ++i)
            ids[i] = element_info(e).answers[i].id;
        return ids;
    };
    using A = std::array<std::string_view, 4>;
    EXPECT_EQ(answers(Element::Persyaratan),
              (A{"Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"}));
    EXPECT_EQ(answers(Element::Prosedur),
              (A{"Tidak mudah", "Kurang mudah", "Mudah", "Sangat mudah"}));
    EXPECT_EQ(answers(Element::Waktu), (A{"Tidak cepat", "Kurang cepat", "Cepat", "Sangat cepat"}));
    EXPECT_EQ(answers(Element::Biaya), (A{"Sangat mahal", "Cukup mahal", "Murah", "Gratis"}));
    EXPECT_EQ(answers(Element::Produk),
              (A{"Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"}));
    EXPECT_EQ(answers(Element::Kompetensi),
              (A{"Tidak kompeten", "Kurang kompeten", "Kompeten", "Sangat kompeten"}));
    EXPECT_EQ(answers(Element::Perilaku), (A{"Tidak sopan dan ramah", "Kurang sopan dan ramah",
                                             "Sopan dan ramah", "Sangat sopan dan ramah"}));
    EXPECT_EQ(answers(Element::Pengaduan),
              (A{"Tidak ada", "Ada tetapi tidak berfungsi", "Berfungsi kurang maksimal",
                 "Dikelola dengan baik"}));
    EXPECT_EQ(answers(Element::Sarana), (A{"Buruk", "Cukup", "Baik", "Sangat baik"}));

    for (const Element e : kElements) {
        const ElementInfo& info = element_info(e);
        EXPECT_TRUE(info.question.id.starts_with("Bagaimana ")) << info.key;
        EXPECT_TRUE(info.question.id.ends_with("?")) << info.key;
        EXPECT_TRUE(info.question.en.ends_with("?")) << info.key;
        for (const Text& answer : info.answers) {
            EXPECT_FALSE(answer.id.empty()) << info.key;
            EXPECT_FALSE(answer.en.empty()) << info.key;
        }
    }
}

TEST(SurveyQuestionnaire, ProfileListsFollowTheForm) {
    std::vector<std::string_view> education;
    for (const Option& o : education_options())
        education.push_back(o.label.id);
    EXPECT_EQ(education, (std::vector<std::string_view>{"SD ke bawah", "SMP", "SMA", "D1-D3-D4",
                                                        "S1", "S2 ke atas"}));
    std::vector<std::string_view> occupation;
    for (const Option& o : occupation_options())
        occupation.push_back(o.label.id);
    EXPECT_EQ(occupation, (std::vector<std::string_view>{"PNS", "TNI", "POLRI", "Swasta",
                                                         "Wirausaha", "Lainnya"}));
    EXPECT_EQ(option_of(Sex::L).key, "L");
    EXPECT_EQ(option_of(Sex::P).label.id, "Perempuan");
    EXPECT_EQ(option_of(Education::S2KeAtas).key, "s2_ke_atas");
    EXPECT_EQ(option_of(Occupation::Lainnya).key, "lainnya");
}

TEST(SurveyQuestionnaire, JsonForClients) {
    const json q = questionnaire_json();
    EXPECT_NO_THROW(q.dump());  // valid UTF-8 throughout
    ASSERT_EQ(q["elements"].size(), 9u);
    std::set<std::string> ids;
    for (std::size_t i = 0; i < 9; ++i) {
        const json& element = q["elements"][i];
        ids.insert(element["id"].get<std::string>());
        EXPECT_EQ(element["number"], i + 1);
        EXPECT_EQ(element["id"], key_of(kElements[i]));
        EXPECT_TRUE(element["question"].is_string());
        EXPECT_TRUE(element["question_en"].is_string());
        ASSERT_EQ(element["answers"].size(), 4u);
        for (int score = 1; score <= 4; ++score) {
            const json& answer = element["answers"][score - 1];
            EXPECT_EQ(answer["score"], score);
            EXPECT_EQ(answer["label"], element_info(kElements[i]).answers[score - 1].id);
            EXPECT_TRUE(answer["label_en"].is_string());
        }
    }
    EXPECT_EQ(ids.size(), 9u);
    EXPECT_EQ(q["elements"][3]["answers"][3]["label"], "Gratis");

    const json& profile = q["profile"];
    EXPECT_EQ(profile["age"]["min"], kMinAge);
    EXPECT_EQ(profile["age"]["max"], kMaxAge);
    EXPECT_EQ(profile["age"]["label"], "Umur");
    EXPECT_EQ(profile["sex"]["options"].size(), 2u);
    EXPECT_EQ(profile["sex"]["options"][0]["id"], "L");
    EXPECT_EQ(profile["sex"]["options"][0]["label"], "Laki-laki");
    EXPECT_EQ(profile["education"]["options"].size(), 6u);
    EXPECT_EQ(profile["education"]["options"][3]["id"], "d1_d3_d4");
    EXPECT_EQ(profile["occupation"]["options"].size(), 6u);
    EXPECT_EQ(profile["occupation"]["options"][2]["label"], "POLRI");
    EXPECT_EQ(q["saran"]["max_chars"], kSaranMaxChars);
    EXPECT_EQ(q["saran"]["required"], false);
}
