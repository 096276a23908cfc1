// The strict reader of one response: a complete response is read; anything partial, out of
// range or unknown is refused with the field named, in Indonesian and English.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "loket/survey.hpp"

using namespace loket::survey;
using namespace std::chrono;
using nlohmann::json;

namespace {

const year_month_day kToday = year{2026} / December / 3;

json complete() {
    return {
        {"service", "pendaftaran"},
        {"permit_id", "pelalawan-iumk"},
        {"answers",
         {{"persyaratan", 4},
          {"prosedur", 3},
          {"waktu", 2},
          {"biaya", 4},
          {"produk", 3},
          {"kompetensi", 4},
          {"perilaku", 4},
          {"pengaduan", 1},
          {"sarana", 3}}},
        {"profile", {{"age", 41}, {"sex", "L"}, {"education", "d1_d3_d4"}, {"occupation", "pns"}}},
        {"saran", "  Antrean lebih cepat, mohon tambah kursi.  "},
    };
}

// Reading `body` fails on `field` with `code`; the Indonesian message is there too.
void expect_response_refused(const json& body, const std::string& field, const std::string& code) {
    try {
        read_response(body, kToday);
        FAIL() << "accepted " << body.dump() << ", expected an error on " << field;
    } catch (const SurveyInputError& e) {
        EXPECT_EQ(e.source(), "survey response");
        EXPECT_EQ(e.field(), field) << e.what();
        EXPECT_EQ(e.code(), code) << e.what();
        EXPECT_FALSE(e.reason().empty());
        EXPECT_FALSE(e.reason_indonesian().empty());
        EXPECT_NE(e.message_indonesian().find(field), std::string::npos);
        EXPECT_NE(std::string(e.what()).find(field), std::string::npos);
        // Both messages must be sendable as JSON text.
        EXPECT_NO_THROW(json(e.message_indonesian()).dump());
        EXPECT_NO_THROW(json(e.what()).dump());
    }
}

}  // namespace

TEST(SurveyResponseReader, ReadsACompleteResponse) {
    const Response r = read_response(complete(), kToday);
    EXPECT_EQ(r.service, "pendaftaran");
    EXPECT_EQ(r.permit_id, "pelalawan-iumk");
    EXPECT_EQ(r.date, kToday);
    EXPECT_EQ(r.score(Element::Persyaratan), 4);
    EXPECT_EQ(r.score(Element::Waktu), 2);
    EXPECT_EQ(r.score(Element::Pengaduan), 1);
    EXPECT_EQ(r.score(Element::Sarana), 3);
    EXPECT_EQ(r.profile.age, 41);
    EXPECT_EQ(r.profile.sex, Sex::L);
    EXPECT_EQ(r.profile.education, Education::Diploma);
    EXPECT_EQ(r.profile.occupation, Occupation::Pns);
    EXPECT_EQ(r.saran, "Antrean lebih cepat, mohon tambah kursi.");  // trimmed
}

TEST(SurveyResponseReader, PermitAndSaranAreOptional) {
    json body = complete();
    body.erase("permit_id");
    body.erase("saran");
    Response r = read_response(body, kToday);
    EXPECT_TRUE(r.permit_id.empty());
    EXPECT_TRUE(r.saran.empty());

    body["permit_id"] = nullptr;
    body["saran"] = " \n\t ";
    r = read_response(body, kToday);
    EXPECT_TRUE(r.permit_id.empty());
    EXPECT_TRUE(r.saran.empty());

    body["permit_id"] = "";
    EXPECT_TRUE(read_response(body, kToday).permit_id.empty());
}

TEST(SurveyResponseReader, MissingElementIsNotAResponse) {
    json body = complete();
    body["answers"].erase("waktu");
    expect_response_refused(body, "answers.waktu", "required");
    try {
        read_response(body, kToday);
    } catch (const SurveyInputError& e) {
        EXPECT_EQ(e.message_indonesian(),
                  "Isian 'answers.waktu': wajib diisi: tanggapan menjawab kesembilan unsur");
        EXPECT_NE(std::string(e.what()).find("all nine elements"), std::string::npos);
    }

    body = complete();
    body["answers"]["sarana"] = nullptr;
    expect_response_refused(body, "answers.sarana", "required");

    body = complete();
    body["answers"] = json::object();
    expect_response_refused(body, "answers.persyaratan", "required");

    body = complete();
    body.erase("answers");
    expect_response_refused(body, "answers", "required");
}

TEST(SurveyResponseReader, ScoreMustBeAWholeNumberFromOneToFour) {
    json body = complete();
    body["answers"]["biaya"] = 0;
    expect_response_refused(body, "answers.biaya", "out_of_range");
    body["answers"]["biaya"] = 5;
    expect_response_refused(body, "answers.biaya", "out_of_range");
    body["answers"]["biaya"] = -1;
    expect_response_refused(body, "answers.biaya", "out_of_range");
    body["answers"]["biaya"] = 18446744073709551615ull;
    expect_response_refused(body, "answers.biaya", "out_of_range");
    body["answers"]["biaya"] = 3.0;
    expect_response_refused(body, "answers.biaya", "invalid_field");
    body["answers"]["biaya"] = "3";
    expect_response_refused(body, "answers.biaya", "invalid_field");
    body["answers"]["biaya"] = true;
    expect_response_refused(body, "answers.biaya", "invalid_field");
    try {
        body["answers"]["biaya"] = 5;
        read_response(body, kToday);
    } catch (const SurveyInputError& e) {
        EXPECT_EQ(e.reason(), "must be from 1 to 4, got 5");
        EXPECT_EQ(e.reason_indonesian(), "harus dari 1 sampai 4, bukan 5");
    }
}

TEST(SurveyResponseReader, UnknownKeysAreRefused) {
    json body = complete();
    body["answers"]["antrean"] = 4;
    expect_response_refused(body, "answers.antrean", "unknown_key");

    body = complete();
    body["rating"] = 5;
    expect_response_refused(body, "rating", "unknown_key");

    body = complete();
    body["profile"]["name"] = "Budi";
    expect_response_refused(body, "profile.name", "unknown_key");
}

TEST(SurveyResponseReader, ProfileValuesComeFromTheLists) {
    json body = complete();
    body["profile"]["education"] = "s3";
    expect_response_refused(body, "profile.education", "unknown_value");
    try {
        read_response(body, kToday);
    } catch (const SurveyInputError& e) {
        EXPECT_NE(e.reason().find("sd_ke_bawah, smp, sma, d1_d3_d4, s1, s2_ke_atas"),
                  std::string::npos);
        EXPECT_NE(e.reason().find("got 's3'"), std::string::npos);
        EXPECT_NE(e.reason_indonesian().find("harus salah satu dari"), std::string::npos);
    }

    body = complete();
    body["profile"]["occupation"] = "PNS";  // keys are lower case
    expect_response_refused(body, "profile.occupation", "unknown_value");

    body = complete();
    body["profile"]["sex"] = "X";
    expect_response_refused(body, "profile.sex", "unknown_value");

    body = complete();
    body["profile"]["age"] = kMinAge - 1;
    expect_response_refused(body, "profile.age", "out_of_range");
    body["profile"]["age"] = kMaxAge + 1;
    expect_response_refused(body, "profile.age", "out_of_range");
    body["profile"]["age"] = "41";
    expect_response_refused(body, "profile.age", "invalid_field");

    body = complete();
    body["profile"].erase("sex");
    expect_response_refused(body, "profile.sex", "required");

    body = complete();
    body.erase("profile");
    expect_response_refused(body, "profile", "required");

    body = complete();
    body["profile"] = "L, 41";
    expect_response_refused(body, "profile", "invalid_field");
}

TEST(SurveyResponseReader, EveryProfileChoiceIsRead) {
    json body = complete();
    for (std::size_t i = 0; i < education_options().size(); ++i) {
        body["profile"]["education"] = education_options()[i].key;
        EXPECT_EQ(read_response(body, kToday).profile.education, static_cast<Education>(i));
    }
    for (std::size_t i = 0; i < occupation_options().size(); ++i) {
        body["profile"]["occupation"] = occupation_options()[i].key;
        EXPECT_EQ(read_response(body, kToday).profile.occupation, static_cast<Occupation>(i));
    }
    body["profile"]["sex"] = "P";
    body["profile"]["age"] = kMinAge;
    const Response r = read_response(body, kToday);
    EXPECT_EQ(r.profile.sex, Sex::P);
    EXPECT_EQ(r.profile.age, kMinAge);
}

TEST(SurveyResponseReader, SaranIsCappedInCharacters) {
    json body = complete();
    body["saran"] = std::string(kSaranMaxChars, 'a');
    EXPECT_EQ(read_response(body, kToday).saran.size(), kSaranMaxChars);

    body["saran"] = std::string(kSaranMaxChars + 1, 'a');
    expect_response_refused(body, "saran", "too_long");

    // Characters, not bytes: 1000 two-byte letters fit.
    std::string accented;
    for (std::size_t i = 0; i < kSaranMaxChars; ++i)
        accented += "\xC3\xA9";  // é
    body["saran"] = accented;
    EXPECT_EQ(read_response(body, kToday).saran, accented);

    // Surrounding white space does not count.
    body["saran"] = "   " + std::string(kSaranMaxChars, 'b') + "\n\n";
    EXPECT_EQ(read_response(body, kToday).saran.size(), kSaranMaxChars);
}

TEST(SurveyResponseReader, SaranMustBeCleanText) {
    json body = complete();
    body["saran"] = "baris satu\r\nbaris dua";
    EXPECT_EQ(read_response(body, kToday).saran, "baris satu\nbaris dua");

    body["saran"] = std::string("ada\x01kendali");
    expect_response_refused(body, "saran", "invalid_field");

    body["saran"] = std::string("bukan \xC3 utf-8");
    expect_response_refused(body, "saran", "invalid_field");

    body["saran"] = 42;
    expect_response_refused(body, "saran", "invalid_field");
}

TEST(SurveyResponseReader, ServiceAndPermitIdsAreChecked) {
    json body = complete();
    body.erase("service");
    expect_response_refused(body, "service", "required");
    body["service"] = "Pendaftaran Izin";
    expect_response_refused(body, "service", "invalid_field");
    body["service"] = "";
    expect_response_refused(body, "service", "invalid_field");
    body["service"] = std::string(65, 'a');
    expect_response_refused(body, "service", "invalid_field");

    body = complete();
    body["permit_id"] = "pelalawan--iumk";
    expect_response_refused(body, "permit_id", "invalid_field");
    body["permit_id"] = "-iumk";
    expect_response_refused(body, "permit_id", "invalid_field");
    body["permit_id"] = 7;
    expect_response_refused(body, "permit_id", "invalid_field");
}

TEST(SurveyResponseReader, BodyMustBeAnObject) {
    expect_response_refused(json::array(), "", "invalid_field");
    expect_response_refused(json("survey"), "", "invalid_field");
    try {
        read_response(json::array(), kToday);
    } catch (const SurveyInputError& e) {
        EXPECT_EQ(e.message_indonesian(), "harus berupa objek JSON");
    }
}
