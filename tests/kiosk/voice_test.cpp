// The applicants' voice at the kiosk without a screen: the survey and complaint flows of the
// model, the replies they read, what they send and what they never send.
#include <gtest/gtest.h>

#include "format.hpp"
#include "kiosk_test_support.hpp"
#include "printing.hpp"

namespace loket::kiosk {
namespace {

using namespace testing;
using namespace std::chrono_literals;

struct VoiceTest : ::testing::Test {
    FakeClock clock;
    int keys = 0;
    Model m{ModelOptions{60000ms, Language::Indonesian, "https://antrean.example.go.id/"},
            clock.clocks(), [this] { return "key-" + std::to_string(++keys); }};

    void SetUp() override {
        m.on_office(office());
        m.on_services(services());
        m.take_effects();
    }
    void open_survey() {
        m.open_survey();
        const auto fetch = effects_of<FetchQuestionnaire>(m.take_effects());
        ASSERT_EQ(fetch.size(), 1u);
        m.on_questionnaire(fetch[0].seq, questionnaire());
    }
    // Answers every element (score 4, 3, 2, 1, 4, ...) and the profile, up to the service.
    void answer_all() {
        for (std::size_t i = 0; i < m.questionnaire()->elements.size(); ++i)
            m.answer_element(4 - int(i % 4));
        m.set_survey_age("34");
        m.confirm_survey_age();
        m.choose_survey_option("P");
        m.choose_survey_option("s1");
        m.choose_survey_option("wirausaha");
    }
    void open_complaint() {
        m.open_complaint();
        const auto fetch = effects_of<FetchComplaintSetup>(m.take_effects());
        ASSERT_EQ(fetch.size(), 1u);
        m.on_complaint_setup(fetch[0].seq, complaint_setup());
    }
};

// ---- Replies ---------------------------------------------------------------------------------

TEST(VoiceReplies, TheServersQuestionnaireIsReadWhole) {
    const Questionnaire q = questionnaire();
    ASSERT_EQ(q.elements.size(), 9u);  // PermenPANRB 14/2017: nine elements
    EXPECT_EQ(q.elements[0].id, "persyaratan");
    EXPECT_EQ(q.elements[3].id, "biaya");
    ASSERT_EQ(q.elements[3].answers.size(), 4u);
    // Each element has its own four answers: cost runs from "sangat mahal" to "gratis".
    EXPECT_EQ(q.elements[3].answers[0].score, 1);
    EXPECT_NE(q.elements[3].answers[0].label.find("mahal"), std::string::npos);
    EXPECT_NE(q.elements[3].answers[3].label.find("ratis"), std::string::npos);
    EXPECT_EQ(q.age_min, survey::kMinAge);
    EXPECT_EQ(q.age_max, survey::kMaxAge);
    EXPECT_EQ(q.sex.options.size(), 2u);
    EXPECT_EQ(q.education.options.size(), 6u);
    EXPECT_EQ(q.occupation.options.size(), 6u);
}

TEST(VoiceReplies, AQuestionnaireTheScreensCannotShowIsRefused) {
    json three = questionnaire_json();
    three["elements"][2]["answers"].erase(3);
    EXPECT_EQ(parse_questionnaire(reply(200, three)).failure().kind, FailureKind::bad_reply);
    json shuffled = questionnaire_json();
    std::swap(shuffled["elements"][0]["answers"][0], shuffled["elements"][0]["answers"][1]);
    EXPECT_EQ(parse_questionnaire(reply(200, shuffled)).failure().kind, FailureKind::bad_reply);
    json no_sex = questionnaire_json();
    no_sex["profile"]["sex"]["options"] = json::array();
    EXPECT_EQ(parse_questionnaire(reply(200, no_sex)).failure().kind, FailureKind::bad_reply);
}

TEST(VoiceReplies, RefusalsKeepTheServersIndonesianAndTheWait) {
    json body = {{"error",
                  {{"code", "invalid_field"},
                   {"message", "Field 'profile.age': must be 15 to 100"},
                   {"field", "profile.age"},
                   {"message_id", "Isian 'profile.age': harus 15 sampai 100"}}}};
    const Failure bad = parse_survey_submitted(reply(400, body)).failure();
    EXPECT_EQ(bad.message_id, "Isian 'profile.age': harus 15 sampai 100");
    const VoiceProblem refused = problem_of(bad);
    EXPECT_EQ(refused.kind, VoiceProblem::Kind::refused);
    EXPECT_NE(problem_text(Language::Indonesian, refused).find("Isian 'profile.age'"),
              std::string::npos);
    EXPECT_NE(problem_text(Language::English, refused).find("Field 'profile.age'"),
              std::string::npos);

    json limited = {
        {"error",
         {{"code", "rate_limited"}, {"message", "too soon"}, {"retry_after_seconds", 42}}}};
    const VoiceProblem soon = problem_of(parse_survey_submitted(reply(429, limited)).failure());
    EXPECT_EQ(soon.kind, VoiceProblem::Kind::rate_limited);
    EXPECT_EQ(soon.retry_after_seconds, 42);
    EXPECT_EQ(problem_text(Language::Indonesian, soon),
              "Kios ini baru saja mengirim. Silakan coba lagi dalam 1 menit.");
    limited["error"]["retry_after_seconds"] = nullptr;  // not today any more
    const VoiceProblem today = problem_of(parse_survey_submitted(reply(429, limited)).failure());
    EXPECT_EQ(problem_text(Language::Indonesian, today),
              std::string(tr(Language::Indonesian, T::voice_rate_limited_today)));
    EXPECT_EQ(problem_of(parse_survey_submitted(no_reply()).failure()).kind,
              VoiceProblem::Kind::offline);
}

TEST(VoiceReplies, PublicationAndComplaintReplies) {
    const Publication on = publication(true);
    EXPECT_TRUE(on.show_ikm);
    ASSERT_TRUE(on.ikm);
    EXPECT_DOUBLE_EQ(*on.ikm, 83.45);
    EXPECT_EQ(on.grade, "B");
    const Publication off = publication(false);
    EXPECT_FALSE(off.ikm);
    json grade_alone = publication_json(true);
    grade_alone["ikm"] = nullptr;
    EXPECT_EQ(parse_publication(reply(200, grade_alone)).failure().kind, FailureKind::bad_reply);

    const ComplaintSetup setup = complaint_setup();
    EXPECT_EQ(setup.categories.size(), complaint::categories().size());
    EXPECT_NE(setup.lapor_text.find("SP4N-LAPOR!"), std::string::npos);
    EXPECT_EQ(complaint_filed().tracking_number, "ADU-7K3M-9QX2");
    EXPECT_EQ(parse_complaint_filed(reply(201, complaint_filed_json("<b>x</b>"))).failure().kind,
              FailureKind::bad_reply);
}

// ---- Publication on the start screen ---------------------------------------------------------

TEST_F(VoiceTest, PublicationIsShownOnlyWhileItIsOn) {
    EXPECT_FALSE(m.publication_shown());
    m.on_publication(publication(true));
    EXPECT_TRUE(m.publication_shown());
    m.on_publication(parse_publication(no_reply()));  // unreachable: the last one stays
    EXPECT_TRUE(m.publication_shown());
    m.on_publication(publication(false));
    EXPECT_FALSE(m.publication_shown());
    EXPECT_EQ(format_ikm(Language::Indonesian, 83.45), "83,45");
    EXPECT_EQ(format_ikm(Language::English, 83.45), "83.45");
}

// ---- Survey ----------------------------------------------------------------------------------

TEST_F(VoiceTest, ACompleteSurveyIsSentOnceAsTheKiosk) {
    open_survey();
    ASSERT_EQ(m.screen(), Screen::survey);
    EXPECT_EQ(m.screen_key(), "survey-element");
    answer_all();
    EXPECT_EQ(m.screen_key(), "survey-service");
    EXPECT_TRUE(m.take_effects().empty());  // nothing sent before the last step
    m.choose_survey_service("pendaftaran");
    const auto sent = effects_of<SubmitSurvey>(m.take_effects());
    ASSERT_EQ(sent.size(), 1u);
    const SurveySubmission& r = sent[0].response;
    ASSERT_EQ(r.answers.size(), 9u);
    EXPECT_EQ(r.answers[0], (std::pair<std::string, int>{"persyaratan", 4}));
    EXPECT_EQ(r.answers[1], (std::pair<std::string, int>{"prosedur", 3}));
    EXPECT_EQ(r.answers[8], (std::pair<std::string, int>{"sarana", 4}));
    EXPECT_EQ(r.age, 34);
    EXPECT_EQ(r.sex, "P");
    EXPECT_EQ(r.education, "s1");
    EXPECT_EQ(r.occupation, "wirausaha");
    EXPECT_EQ(r.service, "pendaftaran");
    EXPECT_EQ(sent[0].idempotency_key, "key-1");
    EXPECT_EQ(m.screen_key(), "survey-sending");
    m.on_survey_submitted(sent[0].seq, SurveySubmitted{"2026-11", false});
    EXPECT_EQ(m.screen_key(), "survey-thanks");
    m.finish();
    EXPECT_EQ(m.screen(), Screen::start);
    EXPECT_EQ(m.survey().step, SurveyStep::loading);  // nothing of it kept
}

TEST_F(VoiceTest, TheQuestionnaireIsFetchedOnceAndAnswersCanBeChanged) {
    open_survey();
    m.answer_element(2);
    m.answer_element(3);
    EXPECT_EQ(m.survey().element, 2u);
    m.back();  // to the second question, its answer kept to be changed
    EXPECT_EQ(m.survey().element, 1u);
    EXPECT_EQ(m.survey().scores[1], 3);
    m.answer_element(1);
    EXPECT_EQ(m.survey().scores[1], 1);
    m.answer_element(0);  // not a score
    m.answer_element(5);
    EXPECT_EQ(m.survey().element, 2u);
    m.go_home();
    m.take_effects();
    m.open_survey();  // kept from the first time: straight to the first question
    EXPECT_TRUE(effects_of<FetchQuestionnaire>(m.take_effects()).empty());
    EXPECT_EQ(m.screen_key(), "survey-element");
    EXPECT_EQ(m.survey().scores[0], 0);  // the earlier answers are gone
}

TEST_F(VoiceTest, AgeIsTypedOnTheKeypadWithinTheServersBounds) {
    open_survey();
    for (std::size_t i = 0; i < 9; ++i)
        m.answer_element(3);
    EXPECT_EQ(m.screen_key(), "survey-age");
    m.set_survey_age("012a");  // digits only, no leading zero
    EXPECT_EQ(m.survey().age, "12");
    m.confirm_survey_age();
    EXPECT_EQ(m.screen_key(), "survey-age-invalid");  // under 15
    m.set_survey_age("1000");
    EXPECT_EQ(m.survey().age, "100");
    m.confirm_survey_age();
    EXPECT_EQ(m.screen_key(), "survey-sex");
    m.choose_survey_option("X");  // not a choice the server offers
    EXPECT_EQ(m.screen_key(), "survey-sex");
}

TEST_F(VoiceTest, AnAbandonedSurveyIsNeverSent) {
    open_survey();
    for (std::size_t i = 0; i < 9; ++i)
        m.answer_element(4);
    m.set_survey_age("40");
    m.confirm_survey_age();
    m.choose_survey_option("L");
    clock.advance(61s);  // the applicant walked away
    m.tick();
    EXPECT_EQ(m.screen(), Screen::start);
    EXPECT_TRUE(effects_of<SubmitSurvey>(m.take_effects()).empty());
    // Back from the first question leaves too, sending nothing.
    m.open_survey();
    m.back();
    EXPECT_EQ(m.screen(), Screen::start);
    EXPECT_TRUE(effects_of<SubmitSurvey>(m.take_effects()).empty());
    // A response with an element unanswered is not one.
    Questionnaire q = questionnaire();
    SurveyFlow partial;
    partial.scores.assign(9, 4);
    partial.scores[4] = 0;
    partial.age = "40";
    partial.sex = "L";
    partial.education = "sma";
    partial.occupation = "swasta";
    partial.service = "informasi";
    EXPECT_FALSE(complete_response(q, partial));
    partial.scores[4] = 2;
    EXPECT_TRUE(complete_response(q, partial));
}

TEST_F(VoiceTest, ARefusedSurveyIsShownAndARetryKeepsItsKey) {
    open_survey();
    answer_all();
    m.choose_survey_service("informasi");
    const auto first = effects_of<SubmitSurvey>(m.take_effects());
    ASSERT_EQ(first.size(), 1u);
    m.on_survey_submitted(first[0].seq,
                          parse_survey_submitted(error_reply(500, "internal", "internal error")));
    EXPECT_EQ(m.screen_key(), "survey-problem");
    EXPECT_EQ(m.survey().problem.kind, VoiceProblem::Kind::server);
    m.retry_survey();
    const auto again = effects_of<SubmitSurvey>(m.take_effects());
    ASSERT_EQ(again.size(), 1u);
    EXPECT_EQ(again[0].idempotency_key, first[0].idempotency_key);  // never a second response
    json limited = {
        {"error", {{"code", "rate_limited"}, {"message", "soon"}, {"retry_after_seconds", 30}}}};
    m.on_survey_submitted(again[0].seq, parse_survey_submitted(reply(429, limited)));
    EXPECT_EQ(m.survey().problem.kind, VoiceProblem::Kind::rate_limited);
    m.back();  // to the service, answers kept
    EXPECT_EQ(m.screen_key(), "survey-service");
    EXPECT_EQ(m.survey().scores[0], 4);
    // A late reply to an older request changes nothing.
    m.on_survey_submitted(first[0].seq, SurveySubmitted{});
    EXPECT_EQ(m.screen_key(), "survey-service");
}

TEST_F(VoiceTest, TheSurveyNeedsTheServer) {
    m.on_office(parse_office(no_reply()));
    m.open_survey();
    m.open_complaint();
    EXPECT_NE(m.screen(), Screen::survey);
    EXPECT_NE(m.screen(), Screen::complaint);
    m.on_office(office());
    m.open_survey();
    const auto fetch = effects_of<FetchQuestionnaire>(m.take_effects());
    ASSERT_EQ(fetch.size(), 1u);
    m.on_questionnaire(fetch[0].seq, parse_questionnaire(no_reply()));
    EXPECT_EQ(m.screen_key(), "survey-problem");
    m.retry_survey();
    EXPECT_EQ(effects_of<FetchQuestionnaire>(m.take_effects()).size(), 1u);
}

// ---- Complaints ------------------------------------------------------------------------------

TEST_F(VoiceTest, AnAnonymousComplaintIsFiledAndItsSlipHoldsNoPersonalData) {
    open_complaint();
    EXPECT_EQ(m.screen_key(), "complaint-category");
    m.choose_complaint_category("waktu");
    EXPECT_EQ(m.screen_key(), "complaint-text");
    m.set_complaint_text("lama  ");
    m.confirm_complaint_text();
    EXPECT_TRUE(m.complaint().text_too_short);  // fewer than 10 characters after trimming
    EXPECT_EQ(m.screen_key(), "complaint-text");
    m.set_complaint_text("antrean lama sekali, dua jam menunggu ");
    m.confirm_complaint_text();
    EXPECT_EQ(m.screen_key(), "complaint-consent");
    m.choose_anonymous();
    EXPECT_EQ(m.screen_key(), "complaint-confirm");
    EXPECT_TRUE(m.take_effects().empty());  // nothing sent before "Kirim"
    m.submit_complaint();
    const auto sent = effects_of<FileComplaint>(m.take_effects());
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_EQ(sent[0].complaint.category, "waktu");
    EXPECT_EQ(sent[0].complaint.text, "antrean lama sekali, dua jam menunggu");
    EXPECT_FALSE(sent[0].complaint.consent);
    EXPECT_TRUE(sent[0].complaint.name.empty());
    EXPECT_FALSE(sent[0].idempotency_key.empty());
    m.on_complaint_filed(sent[0].seq, complaint_filed());
    EXPECT_EQ(m.screen_key(), "complaint-filed");
    const auto prints = effects_of<PrintComplaintSlip>(m.take_effects());
    ASSERT_EQ(prints.size(), 1u);
    const ComplaintSlip& slip = prints[0].slip;
    EXPECT_EQ(slip.tracking_number, "ADU-7K3M-9QX2");
    EXPECT_EQ(slip.category, "Waktu penyelesaian");
    EXPECT_EQ(slip.track_url, "https://antrean.example.go.id/pengaduan.html?lacak=ADU-7K3M-9QX2");
    EXPECT_NE(slip.lapor_text.find("SP4N-LAPOR!"), std::string::npos);
    PrintReport failed;
    failed.state = PrintState::failed;
    failed.message_id = "Kertas printer habis";
    m.on_slip_printed(failed);
    EXPECT_EQ(m.screen_key(), "complaint-filed-print-failed");
    EXPECT_EQ(m.complaint().filed->tracking_number, "ADU-7K3M-9QX2");  // still on screen
}

TEST_F(VoiceTest, NameAndContactGoOnlyWithConsentAndNeverOnTheSlip) {
    open_complaint();
    m.choose_complaint_category("pelayanan");
    m.set_complaint_text("petugas tidak ramah di loket dua");
    m.confirm_complaint_text();
    m.choose_consent();
    EXPECT_EQ(m.screen_key(), "complaint-name");
    m.on_keyboard_input("Budi Santoso", false);  // a hardware keyboard types too
    m.confirm_complaint_name();
    m.set_complaint_contact("budi@contoh.id");
    m.confirm_complaint_contact();
    EXPECT_EQ(m.screen_key(), "complaint-confirm");
    m.submit_complaint();
    const auto sent = effects_of<FileComplaint>(m.take_effects());
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_TRUE(sent[0].complaint.consent);
    EXPECT_EQ(sent[0].complaint.name, "Budi Santoso");
    EXPECT_EQ(sent[0].complaint.contact, "budi@contoh.id");
    m.on_complaint_filed(sent[0].seq, complaint_filed());
    const auto prints = effects_of<PrintComplaintSlip>(m.take_effects());
    ASSERT_EQ(prints.size(), 1u);
    // The slip and its printed form hold neither.
    TicketPrintSettings settings;
    const auto doc =
        print::build_complaint_slip_document(complaint_slip_layout(prints[0].slip, settings));
    const auto bytes = print::encode_document(doc);
    const std::string printed(bytes.begin(), bytes.end());
    EXPECT_NE(printed.find("ADU-7K3M-9QX2"), std::string::npos);
    EXPECT_EQ(printed.find("Budi"), std::string::npos);
    EXPECT_EQ(printed.find("budi@"), std::string::npos);
    EXPECT_TRUE(m.complaint().name.empty());  // not kept on the kiosk once filed
}

TEST_F(VoiceTest, ChangingOnesMindToAnonymousDropsWhatWasTyped) {
    open_complaint();
    m.choose_complaint_category("biaya");
    m.set_complaint_text("diminta uang tambahan oleh calo");
    m.confirm_complaint_text();
    m.choose_consent();
    m.set_complaint_name("Siti");
    m.back();  // to the consent question
    EXPECT_EQ(m.screen_key(), "complaint-consent");
    m.choose_anonymous();
    m.submit_complaint();
    const auto sent = effects_of<FileComplaint>(m.take_effects());
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_FALSE(sent[0].complaint.consent);
    EXPECT_TRUE(sent[0].complaint.name.empty());
    // Consent with nothing typed is anonymous as well.
    ComplaintFlow empty;
    empty.consent = true;
    EXPECT_FALSE(complaint_submission(empty).consent);
}

TEST_F(VoiceTest, TheTextKeepsToTheServersCap) {
    open_complaint();
    m.choose_complaint_category("lainnya");
    m.set_complaint_text(std::string(2100, 'a'));
    EXPECT_EQ(text_length(m.complaint().text), complaint::kTextMax);
    EXPECT_EQ(cut_to_length("\xC3\xA9t\xC3\xA9", 2), "\xC3\xA9t");  // "été": whole characters
    m.set_complaint_name("x");                                      // not the name step: ignored
    EXPECT_TRUE(m.complaint().name.empty());
}

TEST_F(VoiceTest, ARefusedComplaintCanBeSentAgainWithTheSameKey) {
    open_complaint();
    m.choose_complaint_category("sarana");
    m.set_complaint_text("toilet rusak sejak seminggu");
    m.confirm_complaint_text();
    m.choose_anonymous();
    m.submit_complaint();
    const auto first = effects_of<FileComplaint>(m.take_effects());
    ASSERT_EQ(first.size(), 1u);
    m.on_complaint_filed(first[0].seq, parse_complaint_filed(no_reply()));
    EXPECT_EQ(m.screen_key(), "complaint-problem");
    m.retry_complaint();
    const auto again = effects_of<FileComplaint>(m.take_effects());
    ASSERT_EQ(again.size(), 1u);
    EXPECT_EQ(again[0].idempotency_key, first[0].idempotency_key);
    json bad = {{"error",
                 {{"code", "invalid_field"},
                  {"message", "Field 'text': too long"},
                  {"message_id", "Isian 'text': terlalu panjang"}}}};
    m.on_complaint_filed(again[0].seq, parse_complaint_filed(reply(400, bad)));
    EXPECT_EQ(m.complaint().problem.kind, VoiceProblem::Kind::refused);
    m.back();  // to the confirmation, to change it
    EXPECT_EQ(m.screen_key(), "complaint-confirm");
    clock.advance(61s);
    m.tick();
    EXPECT_EQ(m.screen(), Screen::start);
    EXPECT_TRUE(m.complaint().text.empty());
}

}  // namespace
}  // namespace loket::kiosk
