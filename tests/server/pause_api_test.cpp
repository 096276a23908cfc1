// Pausing a counter over HTTP: the reason's code with an optional note, the body of a console
// opened before the codes (its labels read as codes), and refusals naming the field in both
// languages; the counter's reply, the snapshot and the event carry the code.
#include <gtest/gtest.h>

#include "api_client.hpp"
#include "temp_dir.hpp"

using namespace loket::testing;
using nlohmann::json;

namespace {

// Pauses counter 1 with `body`, checks the reply's reason and resumes it.
void pause_and_expect(ApiClient& clerk, const json& body, const std::string& code,
                      const std::string& note) {
    const Reply paused = clerk.post("/counters/1/pause", body);
    ASSERT_EQ(paused.status, 200) << paused.body.dump();
    EXPECT_EQ(paused.body["state"], "paused");
    EXPECT_EQ(paused.body["pause_reason_code"], code) << body.dump();
    EXPECT_EQ(paused.body["pause_reason"], note) << body.dump();
    ASSERT_EQ(clerk.post("/counters/1/resume").status, 200);
}

}  // namespace

TEST(PauseApi, TakesACodeOrAnOldConsolesLabelAndRefusesABadCodeByName) {
    TempDir dir;
    ServerProcess server(dir.path());
    ApiClient clerk(server.url(), add_user_and_login(server, "siti", "staff"));
    ApiClient display(server.url(), kDisplayKey);
    ASSERT_EQ(clerk.post("/counters/1/open").status, 200);
    EXPECT_TRUE(clerk.get("/counters/1").body["pause_reason_code"].is_null());

    pause_and_expect(clerk, {{"reason_code", "prayer"}, {"note", "Dzuhur"}}, "prayer", "Dzuhur");
    pause_and_expect(clerk, {{"reason_code", "other"}}, "other", "");
    // A console opened before the codes sends the label in its clerk's language, or typed text.
    pause_and_expect(clerk, {{"reason", "Sholat"}}, "prayer", "");
    pause_and_expect(clerk, {{"reason", "Makan siang"}}, "lunch", "");
    pause_and_expect(clerk, {{"reason", "Break"}}, "break", "");
    pause_and_expect(clerk, {{"reason", "Ke bank sebentar"}}, "other", "Ke bank sebentar");

    const auto refused = [&](const json& body, const std::string& code, const std::string& field) {
        const Reply r = clerk.post("/counters/1/pause", body);
        EXPECT_EQ(r.status, 400) << body.dump();
        EXPECT_EQ(r.code(), code) << r.body.dump();
        EXPECT_EQ(r.field(), field) << r.body.dump();
        EXPECT_FALSE(r.body["error"].value("message_id", "").empty()) << r.body.dump();
    };
    refused({{"reason_code", "sholat"}}, "invalid_field", "reason_code");
    refused({{"reason_code", 3}}, "invalid_field", "reason_code");
    refused(json::object(), "missing_field", "reason_code");
    refused({{"note", "tanpa kode"}}, "missing_field", "reason_code");
    refused({{"reason_code", "break"}, {"reason", "Istirahat"}}, "invalid_field", "reason");
    refused({{"reason_code", "break"}, {"note", std::string(201, 'x')}}, "invalid_field", "note");
    refused({{"reason_code", "break"}, {"alasan", "x"}}, "unknown_field", "alasan");
    EXPECT_EQ(clerk.get("/counters/1").body["state"], "open");  // nothing refused paused it

    // The snapshot carries the code beside the note (the events by tests/contract).
    ASSERT_EQ(
        clerk.post("/counters/1/pause", {{"reason_code", "meeting"}, {"note", "Apel"}}).status,
        200);
    const Reply snap = display.get("/display");
    ASSERT_EQ(snap.status, 200) << snap.body.dump();
    EXPECT_EQ(snap.body["counters"][0]["pause_reason_code"], "meeting");
    EXPECT_EQ(snap.body["counters"][0]["pause_reason"], "Apel");
}
