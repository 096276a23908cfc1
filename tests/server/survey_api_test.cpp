// The satisfaction survey over HTTP against the real queue-server binary: a visit answers once
// it is finished and only once, retries are idempotent, kiosks are rate limited, the counter's
// tablet gets the survey of the ticket just finished there, and the receipt answers once for
// its file after the hand-over. Reports, follow-up plans, refusals and events:
// survey_api_report_test.cpp; the publication: survey_api_publication_test.cpp.
#include <gtest/gtest.h>

#include "api_client.hpp"
#include "ready_application.hpp"
#include "survey_api_fixture.hpp"

using namespace loket;
using namespace loket::testing;
using namespace survey_api_test;
using nlohmann::json;

TEST_F(SurveyApiTest, QuestionsArePublicAndFollowTheRegulation) {
    const Reply q = anonymous.get("/survey/questions");
    ASSERT_EQ(q.status, 200);
    ASSERT_EQ(q.body["elements"].size(), 9u);
    EXPECT_EQ(q.body["elements"][2]["id"], "waktu");
    EXPECT_EQ(q.body["elements"][2]["answers"].size(), 4u);
    EXPECT_EQ(q.body["regulation"], "PermenPANRB 14/2017");
}

TEST_F(SurveyApiTest, AVisitAnswersOnlyOnceFinishedAndOnlyOnce) {
    const Reply issued =
        kiosk.post("/tickets", {{"service", "pendaftaran"}, {"permit_id", "pelalawan-iumk"}});
    const std::string token = issued.body["ticket"]["status_token"];
    const Reply before = anonymous.get("/survey/visits/" + token);
    ASSERT_EQ(before.status, 200);
    EXPECT_EQ(before.body["state"], "not_yet");
    EXPECT_EQ(before.body["service"]["id"], "pendaftaran");
    EXPECT_EQ(before.body["permit"]["id"], "pelalawan-iumk");

    json body = response({4, 3, 3, 4, 3, 4, 4, 2, 3});
    body["token"] = token;
    const Reply closed = anonymous.post("/survey/responses", body);
    EXPECT_EQ(closed.status, 409);
    EXPECT_EQ(closed.code(), "survey_not_open");

    clerk.post("/counters/3/open");
    clerk.post("/counters/3/call-next");
    const Reply serving = anonymous.get("/survey/visits/" + token);
    EXPECT_EQ(serving.body["state"], "not_yet");  // called is not finished
    clerk.post("/counters/3/finish");
    EXPECT_EQ(anonymous.get("/survey/visits/" + token).body["state"], "open");

    // The service comes from the ticket: a typed one is refused.
    json typed = body;
    typed["service"] = "informasi";
    const Reply refused = anonymous.post("/survey/responses", typed);
    EXPECT_EQ(refused.status, 400);
    EXPECT_EQ(refused.field(), "service");

    const Reply first = anonymous.raw("POST", "/survey/responses", body.dump(), "application/json",
                                      {{"Idempotency-Key", "isi-1"}});
    ASSERT_EQ(first.status, 201) << first.body.dump();
    EXPECT_FALSE(first.body["replayed"].get<bool>());
    EXPECT_EQ(first.body["response"]["service"]["id"], "pendaftaran");
    EXPECT_EQ(first.body["response"]["permit_id"], "pelalawan-iumk");
    EXPECT_EQ(first.body["response"]["channel"], "visit");
    EXPECT_EQ(first.body["response"]["period"], this_month());
    EXPECT_FALSE(first.body.dump().find("answers") != std::string::npos);

    // The phone lost the reply and sends again with the same key: the first result.
    const Reply retry = anonymous.raw("POST", "/survey/responses", body.dump(), "application/json",
                                      {{"Idempotency-Key", "isi-1"}});
    EXPECT_EQ(retry.status, 200);
    EXPECT_TRUE(retry.body["replayed"].get<bool>());
    EXPECT_EQ(retry.body["response"]["local_date"], first.body["response"]["local_date"]);

    // A second response for the same visit is refused, with another key or none.
    const Reply second = anonymous.raw("POST", "/survey/responses", body.dump(), "application/json",
                                       {{"Idempotency-Key", "isi-2"}});
    EXPECT_EQ(second.status, 409);
    EXPECT_EQ(second.code(), "survey_already_answered");
    EXPECT_EQ(anonymous.post("/survey/responses", body).status, 409);
    EXPECT_EQ(anonymous.get("/survey/visits/" + token).body["state"], "answered");
    EXPECT_EQ(report()["respondents"], 1);

    // A ticket that was not served has nothing to rate.
    const std::string skipped =
        kiosk.post("/tickets", {{"service", "informasi"}}).body["ticket"]["status_token"];
    clerk.post("/counters/1/open");
    clerk.post("/counters/1/call-next");
    clerk.post("/counters/1/no-show");
    EXPECT_EQ(anonymous.get("/survey/visits/" + skipped).body["state"], "closed");
    EXPECT_EQ(anonymous.get("/survey/visits/" + std::string(32, 'a')).status, 404);
}

TEST_F(SurveyApiTest, KioskResponsesWithoutTicketAreRateLimitedPerKiosk) {
    json body = response({3, 3, 3, 3, 3, 3, 3, 3, 3});
    body["service"] = "informasi";
    const Reply first = kiosk.raw("POST", "/survey/responses", body.dump(), "application/json",
                                  {{"Idempotency-Key", "kiosk-1"}});
    ASSERT_EQ(first.status, 201) << first.body.dump();
    EXPECT_EQ(first.body["response"]["channel"], "kiosk");

    // Within a minute the same kiosk is refused; its retry of the first is not.
    const Reply again = kiosk.raw("POST", "/survey/responses", body.dump(), "application/json",
                                  {{"Idempotency-Key", "kiosk-2"}});
    EXPECT_EQ(again.status, 429);
    EXPECT_EQ(again.code(), "rate_limited");
    EXPECT_GT(again.body["error"]["retry_after_seconds"].get<int>(), 50);
    const Reply retry = kiosk.raw("POST", "/survey/responses", body.dump(), "application/json",
                                  {{"Idempotency-Key", "kiosk-1"}});
    EXPECT_EQ(retry.status, 200);
    EXPECT_TRUE(retry.body["replayed"].get<bool>());

    // Without a ticket only a kiosk may answer; the token is what others lack.
    const Reply phone = anonymous.post("/survey/responses", body);
    EXPECT_EQ(phone.status, 400);
    EXPECT_EQ(phone.field(), "token");
    EXPECT_NE(phone.body["error"]["message_id"].get<std::string>().find("wajib diisi"),
              std::string::npos);
    EXPECT_EQ(clerk.post("/survey/responses", body).field(), "token");
    json unknown = body;
    unknown["service"] = "tidak-ada";
    EXPECT_EQ(kiosk.post("/survey/responses", unknown).field(), "service");
    EXPECT_EQ(report()["respondents"], 1);
}

TEST_F(SurveyApiTest, CounterTabletShowsTheSurveyOfTheTicketJustFinishedThere) {
    clerk.post("/counters/1/open");
    EXPECT_EQ(clerk.get("/counters/1/survey").body["state"], "none");
    kiosk.post("/tickets", {{"service", "informasi"}});
    kiosk.post("/tickets", {{"service", "informasi"}});
    clerk.post("/counters/1/call-next");
    EXPECT_EQ(clerk.get("/counters/1/survey").body["state"], "none");  // not finished yet
    clerk.post("/counters/1/finish");

    const Reply offered = clerk.get("/counters/1/survey");
    ASSERT_EQ(offered.status, 200);
    EXPECT_EQ(offered.body["state"], "open");
    EXPECT_EQ(offered.body["ticket"]["number"], "A-001");
    EXPECT_EQ(offered.body["service"]["id"], "informasi");
    const std::string token = offered.body["survey_token"];
    ASSERT_EQ(token.size(), 32u);
    // A display (device key) may read it too; the public may not.
    EXPECT_EQ(ApiClient(server.url(), kDisplayKey).get("/counters/1/survey").status, 200);
    EXPECT_EQ(anonymous.get("/counters/1/survey").status, 401);

    json body = response({4, 4, 4, 4, 4, 4, 4, 4, 4});
    body["token"] = token;
    const Reply answered = clerk.post("/survey/responses", body);
    ASSERT_EQ(answered.status, 201) << answered.body.dump();
    EXPECT_EQ(answered.body["response"]["channel"], "counter");
    const Reply after = clerk.get("/counters/1/survey");
    EXPECT_EQ(after.body["state"], "answered");
    EXPECT_TRUE(after.body["survey_token"].is_null());
    // Nothing the clerk can reach shows an answer.
    EXPECT_EQ(after.body.dump().find("persyaratan"), std::string::npos);
    EXPECT_EQ(clerk.get("/survey/report?period=" + this_month()).status, 403);

    // The next call: the previous applicant has left, the tablet offers nothing.
    clerk.post("/counters/1/call-next");
    EXPECT_EQ(clerk.get("/counters/1/survey").body["state"], "none");
    EXPECT_EQ(clerk.get("/counters/99/survey").status, 404);
}

// The receipt's QR code opens the survey of the whole permit service: once the file has been
// handed over (its time and its product can then be judged), once per file, counted under the
// pickup service when the file came and left without a ticket.
TEST_F(SurveyApiTest, TheReceiptAnswersOnceForItsFileAfterTheHandOver) {
    const ReadyApplication file = make_ready_application(supervisor);
    ASSERT_FALSE(file.token.empty());
    const Reply ready = anonymous.get("/survey/visits/" + file.token);
    ASSERT_EQ(ready.status, 200) << ready.body.dump();
    EXPECT_EQ(ready.body["state"], "not_yet");
    EXPECT_TRUE(ready.body["ticket"].is_null());
    EXPECT_EQ(ready.body["application"]["number"], file.number);
    EXPECT_EQ(ready.body["permit"]["id"], "pelalawan-iumk");
    EXPECT_EQ(ready.body["service"]["id"], "pengambilan");
    EXPECT_EQ(ready.body.dump().find("Siti"), std::string::npos);  // no personal data

    const json body = [&] {
        json b = response({4, 4, 3, 4, 3, 4, 4, 3, 4});
        b["token"] = file.token;
        return b;
    }();
    const Reply early = anonymous.post("/survey/responses", body);
    EXPECT_EQ(early.status, 409);
    EXPECT_EQ(early.code(), "survey_not_open");
    EXPECT_EQ(report()["respondents"], 0);

    const Reply handed = supervisor.post("/applications/" + std::to_string(file.id) + "/pickup",
                                         {{"received_by", "Siti Rahma (KTP)"}});
    ASSERT_EQ(handed.status, 200) << handed.body.dump();
    EXPECT_EQ(anonymous.get("/survey/visits/" + file.token).body["state"], "open");

    const Reply first = anonymous.raw("POST", "/survey/responses", body.dump(), "application/json",
                                      {{"Idempotency-Key", "berkas-1"}});
    ASSERT_EQ(first.status, 201) << first.body.dump();
    EXPECT_EQ(first.body["response"]["service"]["id"], "pengambilan");
    EXPECT_EQ(first.body["response"]["permit_id"], "pelalawan-iumk");
    EXPECT_EQ(first.body["response"]["channel"], "visit");
    const Reply retry = anonymous.raw("POST", "/survey/responses", body.dump(), "application/json",
                                      {{"Idempotency-Key", "berkas-1"}});
    EXPECT_EQ(retry.status, 200);
    EXPECT_TRUE(retry.body["replayed"].get<bool>());
    const Reply second = anonymous.post("/survey/responses", body);
    EXPECT_EQ(second.status, 409);
    EXPECT_EQ(second.code(), "survey_already_answered");
    EXPECT_EQ(anonymous.get("/survey/visits/" + file.token).body["state"], "answered");
    EXPECT_EQ(report()["respondents"], 1);
    EXPECT_EQ(report("&service=pengambilan")["respondents"], 1);
}
