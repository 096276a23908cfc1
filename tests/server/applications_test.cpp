// Application (berkas) tracking through the real queue-server binary: registration at the
// Pendaftaran counter (incomplete, then complete), the back-office steps with returns, pauses
// and the rejection path, pickup through a kiosk ticket, roles, idempotency, refused input,
// the event stream and the public status page.
#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <set>

#include "api_client.hpp"
#include "applications_fixture.hpp"
#include "event_log.hpp"
#include "loket/time.hpp"
#include "temp_dir.hpp"

using namespace loket;
using namespace loket::testing;
using nlohmann::json;
using namespace applications_test;

TEST_F(ApplicationsTest, WholeJourneyFromCounterToPickup) {
    Journey journey(*this);
    ASSERT_NO_FATAL_FAILURE(journey.serve_at_pendaftaran());
    ASSERT_NO_FATAL_FAILURE(journey.first_visit_incomplete());
    ASSERT_NO_FATAL_FAILURE(journey.second_visit_registers());
    ASSERT_NO_FATAL_FAILURE(journey.verification_with_a_return());
    ASSERT_NO_FATAL_FAILURE(journey.technical_steps_to_approval());
    ASSERT_NO_FATAL_FAILURE(journey.ready_and_picked_up());
    ASSERT_NO_FATAL_FAILURE(journey.expect_history_and_readers());
    ASSERT_NO_FATAL_FAILURE(journey.expect_export_without_personal_data());
    ASSERT_NO_FATAL_FAILURE(journey.expect_events_without_personal_data());
}

TEST_F(ApplicationsTest, DairiRejectionFollowsTheRejectionPath) {
    ApiClient front = staff("rina", {});
    ApiClient boss = staff("budi", {}, "supervisor");
    const Reply registered =
        front.post("/applications", {{"permit_id", "dairi-iumk"},
                                     {"applicant_type", "perorangan"},
                                     {"applicant_name", "Ucok Simbolon"},
                                     {"checklist", checklist(front, "dairi-iumk", "perorangan")}});
    ASSERT_EQ(registered.status, 201) << registered.body.dump();
    const json app = registered.body["application"];
    const long id = app["id"];
    EXPECT_EQ(app["clock"]["standard"]["amount"], 5);  // the office's standard
    EXPECT_EQ(app["clock"]["state"], "on_time");
    EXPECT_FALSE(registered.body["receipt"]["due"].is_null());
    ASSERT_EQ(app["step"]["number"], 4);
    for (int n = 4; n <= 7; ++n)
        step(boss, id, n, "done");
    // The recommendation is negative: the rejection letter path (steps 9-15).
    const json rejected = step(boss, id, 8, "rejected", "Lokasi tidak sesuai tata ruang");
    EXPECT_EQ(rejected["application"]["step"]["number"], 9);
    EXPECT_EQ(rejected["application"]["step"]["branch"], "ditolak");
    EXPECT_EQ(rejected["application"]["outcome"], "rejected");
    EXPECT_EQ(rejected["application"]["oss_status"], 90);
    EXPECT_EQ(step(boss, id, 9, "rejected", "lagi", 409)["error"]["code"], "invalid_state");
    json last;
    for (int n = 9; n <= 15; ++n)
        last = step(boss, id, n, "done");
    EXPECT_EQ(last["application"]["state"], "completed");
    EXPECT_EQ(last["application"]["outcome"], "rejected");
    EXPECT_EQ(last["application"]["oss_status"], 90);
    const Reply details = boss.get("/applications/" + std::to_string(id));
    for (const auto& s : details.body["steps"])
        EXPECT_LT(s["number"].get<int>(), 16) << "never on the approval path";
}

TEST_F(ApplicationsTest, RolesAreEnforcedOnEveryRoute) {
    ApiClient front = staff("rina", {});
    const json body = {{"permit_id", "dairi-iumk"},
                       {"applicant_type", "perorangan"},
                       {"applicant_name", "Ucok"},
                       {"checklist", checklist(front, "dairi-iumk", "perorangan")}};
    EXPECT_EQ(anonymous.post("/applications", body).status, 401);
    EXPECT_EQ(kiosk.post("/applications", body).status, 403);
    EXPECT_EQ(display.get("/applications").status, 403);
    const Reply r = front.post("/applications", body);
    ASSERT_EQ(r.status, 201);
    const std::string id = std::to_string(r.body["application"]["id"].get<long>());
    EXPECT_EQ(front.get("/applications/warnings").status, 403);
    EXPECT_EQ(front.get("/applications/stats").status, 403);
    EXPECT_EQ(front.get("/applications/" + id + "/access-log").status, 403);
    EXPECT_EQ(anonymous.get("/applications/" + id).status, 401);
    EXPECT_EQ(kiosk.get("/applications/" + id).status, 403);
    EXPECT_EQ(display
                  .post("/applications/pickup-ticket",
                        {{"number", "0001/DPMPTSP/I/2026"}, {"token", std::string(32, 'a')}})
                  .status,
              403);
    // A staff member may take a file only for a duty they hold; a supervisor assigns anyone.
    ApiClient kabid = staff("bima", {"kepala_bidang"});
    EXPECT_EQ(front.post("/applications/" + id + "/assign", {{"assignee", "rina"}}).status, 403);
    const Reply took = kabid.post("/applications/" + id + "/assign", {{"assignee", "bima"}});
    EXPECT_EQ(took.status, 200) << took.body.dump();
    EXPECT_EQ(took.body["application"]["assignee"], "bima");
    EXPECT_EQ(front.get("/applications?assignee=bima").body["total"], 1);
    // Duties are the office's.
    const Reply bad = admin.raw("PATCH", "/users/rina", R"({"duties":["astronaut"]})");
    EXPECT_EQ(bad.status, 400);
    EXPECT_EQ(bad.field(), "duties");
}

TEST_F(ApplicationsTest, BadInputNamesTheFieldAndChangesNothing) {
    ApiClient front = staff("rina", {});
    const long before = last_event_id();
    json full = {{"permit_id", "kaltim-ikot"},
                 {"applicant_type", "badan_usaha"},
                 {"applicant_name", "Siti"},
                 {"business_name", "CV Jamu"},
                 {"checklist", checklist(front, "kaltim-ikot", "badan_usaha")}};
    const auto refused = [&](json body, const std::string& field) {
        const Reply r = front.post("/applications", body);
        EXPECT_EQ(r.status, 400) << field << ": " << r.body.dump();
        EXPECT_EQ(r.field(), field) << r.body.dump();
    };
    json b = full;
    b["checklist"].erase(b["checklist"].begin() + 2);  // an item that applies, left out
    refused(b, "checklist");
    b = full;
    b["checklist"][0]["position"] = 99;
    refused(b, "checklist[0].position");
    b = full;
    b.erase("business_name");
    refused(b, "business_name");
    b = full;
    b["applicant_type"] = "koperasi";
    refused(b, "applicant_type");
    b = full;
    b["phone"] = "0812345678";  // no consent
    refused(b, "phone_consent");
    b = full;
    b["phone"] = "call me";
    b["phone_consent"] = true;
    refused(b, "phone");
    b = full;
    b["ticket_id"] = 424242;
    refused(b, "ticket_id");
    b = full;
    b["permit_id"] = "tidak-ada";
    refused(b, "permit_id");
    b = full;
    b["colour"] = "red";
    refused(b, "colour");
    EXPECT_EQ(last_event_id(), before) << "a refused request records nothing";
    EXPECT_EQ(front.get("/applications").body["total"], 0);

    // A step request with a bad action, and a key reused for another request.
    const long id = front.post("/applications", full).body["application"]["id"];
    ApiClient verif = staff("vera", {"verifikator"});
    const Reply bad_action = verif.post("/applications/" + std::to_string(id) + "/steps",
                                        {{"step", 7}, {"action", "approve"}});
    EXPECT_EQ(bad_action.field(), "action");
    EXPECT_EQ(verif
                  .post("/applications/" + std::to_string(id) + "/steps",
                        {{"step", 7}, {"action", "returned"}})
                  .field(),
              "note");
    const Reply first = verif.post("/applications/" + std::to_string(id) + "/steps",
                                   {{"step", 7}, {"action", "done"}, {"idempotency_key", "k1"}});
    ASSERT_EQ(first.status, 200);
    const Reply replay = verif.post("/applications/" + std::to_string(id) + "/steps",
                                    {{"step", 7}, {"action", "done"}, {"idempotency_key", "k1"}});
    EXPECT_EQ(replay.status, 200);
    EXPECT_TRUE(replay.body["replayed"].get<bool>());
    EXPECT_EQ(replay.body["application"]["step"]["number"], 9) << "done once, not twice";
    const Reply conflict = verif.post("/applications/" + std::to_string(id) + "/steps",
                                      {{"step", 9}, {"action", "done"}, {"idempotency_key", "k1"}});
    EXPECT_EQ(conflict.status, 409);
    EXPECT_EQ(conflict.code(), "idempotency_conflict");
}

TEST_F(ApplicationsTest, BoardFiltersAndPublicStatusWithoutPersonalData) {
    ApiClient front = staff("rina", {});
    ApiClient boss = staff("budi", {}, "supervisor");
    std::vector<long> ids;
    for (int i = 0; i < 3; ++i) {
        const Reply r = front.post("/applications",
                                   {{"permit_id", "dairi-iumk"},
                                    {"applicant_type", "perorangan"},
                                    {"applicant_name", "Pemohon " + std::to_string(i)},
                                    {"phone", "0812000000" + std::to_string(i)},
                                    {"phone_consent", true},
                                    {"checklist", checklist(front, "dairi-iumk", "perorangan")}});
        ASSERT_EQ(r.status, 201);
        ids.push_back(r.body["application"]["id"]);
    }
    front.post("/applications", {{"permit_id", "kaltim-ikot"},
                                 {"applicant_type", "perorangan"},
                                 {"applicant_name", "Ani"},
                                 {"checklist", checklist(front, "kaltim-ikot", "perorangan")}});
    step(boss, ids[0], 4, "done");
    const Reply board = front.get("/applications");
    ASSERT_EQ(board.status, 200) << board.body.dump();
    EXPECT_EQ(board.body["total"], 4);
    EXPECT_EQ(board.body["applications"][0]["clock"]["state"], "on_time");
    EXPECT_EQ(board.body["clocks"]["on_time"], 3);
    EXPECT_EQ(board.body["clocks"]["not_started"], 1);
    EXPECT_EQ(board.body.dump().find("Pemohon"), std::string::npos) << "no names on the board";
    EXPECT_EQ(front.get("/applications?permit=dairi-iumk").body["total"], 3);
    EXPECT_EQ(front.get("/applications?permit=dairi-iumk&step=5").body["total"], 1);
    EXPECT_EQ(front.get("/applications?duty=verifikator").body["total"], 1);  // Kaltim step 7
    EXPECT_EQ(front.get("/applications?clock=not_started").body["total"], 1);
    EXPECT_EQ(front.get("/applications?limit=2").body["applications"].size(), 2u);
    EXPECT_EQ(front.get("/applications?clock=sideways").field(), "clock");
    EXPECT_EQ(front.get("/applications?step=x").field(), "step");

    const json details = front.get("/applications/" + std::to_string(ids[1])).body;
    const std::string number = details["number"];
    const std::string token = details["status_token"];
    const Reply status =
        anonymous.get("/public/applications/status?number=" + number + "&token=" + token);
    ASSERT_EQ(status.status, 200) << status.body.dump();
    EXPECT_EQ(status.body["permit"]["id"], "dairi-iumk");
    EXPECT_FALSE(status.body["due"].is_null());
    EXPECT_EQ(status.body.dump().find("Pemohon"), std::string::npos);
    EXPECT_EQ(status.body.dump().find("0812"), std::string::npos);
    EXPECT_FALSE(status.body.contains("status_token"));
    EXPECT_EQ(
        anonymous
            .get("/public/applications/status?number=" + number + "&token=" + std::string(32, '0'))
            .status,
        404);
    // The kiosk looks a file up by its number alone: the same public view.
    const Reply lookup = kiosk.get("/applications/lookup?number=" + number);
    EXPECT_EQ(lookup.status, 200);
    EXPECT_EQ(lookup.body["stage"]["code"], "diproses");
    EXPECT_EQ(lookup.body.dump().find("Pemohon"), std::string::npos);

    const Reply stats = boss.get("/applications/stats");
    ASSERT_EQ(stats.status, 200) << stats.body.dump();
    EXPECT_EQ(stats.body["registered"], 4);
    EXPECT_EQ(display.get("/display/ready-applications").body["enabled"], false);
}

TEST_F(ApplicationsTest, AnAcknowledgedRegistrationSurvivesSigkill) {
    ApiClient front = staff("rina", {});
    const Reply r =
        front.post("/applications", {{"permit_id", "dairi-iumk"},
                                     {"applicant_type", "perorangan"},
                                     {"applicant_name", "Ucok"},
                                     {"checklist", checklist(front, "dairi-iumk", "perorangan")}});
    ASSERT_EQ(r.status, 201);
    const long id = r.body["application"]["id"];
    ApiClient boss = staff("budi", {}, "supervisor");
    step(boss, id, 4, "done");
    server.stop(SIGKILL);
    server.start();
    const Reply after = boss.get("/applications/" + std::to_string(id));
    ASSERT_EQ(after.status, 200) << after.body.dump();
    EXPECT_EQ(after.body["step"]["number"], 5);
    EXPECT_EQ(after.body["number"], r.body["application"]["number"]);
    // The next file takes the next number: the sequence survived too.
    const Reply next =
        front.post("/applications", {{"permit_id", "dairi-iumk"},
                                     {"applicant_type", "perorangan"},
                                     {"applicant_name", "Butet"},
                                     {"checklist", checklist(front, "dairi-iumk", "perorangan")}});
    EXPECT_EQ(next.body["application"]["number"].get<std::string>().substr(0, 5), "0002/");
}

// The minute sweep of the running server: a file whose warning time has come is announced to
// supervisors once, as application.due_soon with the fiktif-positif risk, and carries no
// applicant's name.
TEST_F(ApplicationsTest, TheMinuteSweepWarnsSupervisorsBeforeTheDeadline) {
    ApiClient front = staff("rina", {});
    const Reply r =
        front.post("/applications", {{"permit_id", "dairi-iumk"},
                                     {"applicant_type", "perorangan"},
                                     {"applicant_name", "Ucok Sitanggang"},
                                     {"checklist", checklist(front, "dairi-iumk", "perorangan")}});
    ASSERT_EQ(r.status, 201) << r.body.dump();
    const long id = r.body["application"]["id"];

    // Its warning time moved into the past while the server was down; the restarted server's
    // first sweep finds it.
    server.stop(SIGTERM);
    {
        SQLite::Database db(server.db().string(), SQLite::OPEN_READWRITE);
        db.exec("UPDATE applications SET warn_ms = 0, warned_ms = NULL WHERE id = " +
                std::to_string(id));
    }
    server.start();
    const auto events = events_until(
        server,
        [](const std::vector<net::SseEvent>& seen) {
            return !seen.empty() && seen.back().type == "application.due_soon";
        },
        std::chrono::seconds(15));
    ASSERT_TRUE(events.has_value()) << "no application.due_soon on the stream";
    const std::string& data = events->back().data;
    EXPECT_EQ(data.find("Ucok"), std::string::npos) << data;
    const json payload = json::parse(data)["payload"];
    EXPECT_EQ(payload["application"]["id"], id) << data;
    EXPECT_EQ(payload["risk"]["oss_status"], 57);
    EXPECT_NE(payload["risk"]["text"].get<std::string>().find("fiktif positif"), std::string::npos);
    ApiClient boss = staff("budi", {}, "supervisor");
    const Reply warnings = boss.get("/applications/warnings");
    ASSERT_EQ(warnings.status, 200);
    ASSERT_EQ(warnings.body["warnings"].size(), 1u) << warnings.body.dump();
}
