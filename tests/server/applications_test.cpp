// Application (berkas) tracking through the real queue-server binary: registration at the
// Pendaftaran counter (incomplete, then complete), the back-office steps with returns, pauses
// and the rejection path, pickup through a kiosk ticket, roles, idempotency, refused input,
// the event stream and the public status page.
#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <set>

#include "api_client.hpp"
#include "event_log.hpp"
#include "loket/time.hpp"
#include "temp_dir.hpp"

using namespace loket;
using namespace loket::testing;
using nlohmann::json;

namespace {

// Kaltim IKOT's clock starts when the technical recommendation is received (step 11); Dairi's
// SOP states no standard, so the office gives one.
const std::string kApplicationsConfig = kAlwaysOpenConfig + R"(
[applications]
office_code = "DPMPTSP"
[[applications.permits]]
id = "kaltim-ikot"
clock_start_step = 11
[[applications.permits]]
id = "dairi-iumk"
standard = { amount = 5, unit = "hari kerja" }
)";

const char* kRoman[] = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"};

class ApplicationsTest : public ::testing::Test {
  protected:
    TempDir dir;
    ServerProcess server{dir.path(), kApplicationsConfig};
    ApiClient kiosk{server.url(), kKioskKey};
    ApiClient display{server.url(), kDisplayKey};
    ApiClient anonymous{server.url()};
    ApiClient admin{server.url(), add_user_and_login(server, "admin", "admin")};

    // A staff account holding the duties.
    ApiClient staff(const std::string& name, const std::vector<std::string>& duties,
                    const std::string& role = "staff") {
        const std::string token = add_user_and_login(server, name, role);
        const Reply r = admin.raw("PATCH", "/users/" + name, json{{"duties", duties}}.dump());
        EXPECT_EQ(r.status, 200) << r.body.dump();
        EXPECT_EQ(r.body["duties"], json(duties));
        return ApiClient(server.url(), token);
    }

    // Every requirement that applies, present, except the positions in `missing`.
    json checklist(ApiClient& clerk, const std::string& permit, const std::string& type,
                   std::set<int> missing = {}) {
        const Reply form =
            clerk.get("/applications/form?permit_id=" + permit + "&applicant_type=" + type);
        EXPECT_EQ(form.status, 200) << form.body.dump();
        json list = json::array();
        for (const auto& r : form.body["requirements"]) {
            const int position = r["position"];
            list.push_back({{"position", position}, {"present", !missing.count(position)}});
        }
        return list;
    }

    json step(ApiClient& who, long id, int number, const std::string& action,
              const std::string& note = "", int expected_status = 200) {
        json body = {{"step", number}, {"action", action}};
        if (!note.empty())
            body["note"] = note;
        const Reply r = who.post("/applications/" + std::to_string(id) + "/steps", body);
        EXPECT_EQ(r.status, expected_status) << number << " " << action << ": " << r.body.dump();
        return r.body;
    }

    long last_event_id() { return anonymous.get("/health").body["last_event_id"].get<long>(); }
};

}  // namespace

TEST_F(ApplicationsTest, WholeJourneyFromCounterToPickup) {
    ApiClient front = staff("rina", {});  // Pendaftaran and Pengambilan counters
    ApiClient verif = staff("vera", {"verifikator"});
    ApiClient teknis = staff("tono", {"tim_teknis"});
    ApiClient kabid = staff("bima", {"kepala_bidang"});
    ApiClient kadis = staff("dina", {"kepala_dinas"});

    // The applicant is served at the Pendaftaran counter.
    const json ticket = kiosk.post("/tickets", {{"service", "pendaftaran"}}).body["ticket"];
    ASSERT_EQ(front.post("/counters/3/open").status, 200);
    ASSERT_EQ(front.post("/counters/3/call-next").body["ticket"]["number"], "C-001");
    const long ticket_id = ticket["id"];

    // First visit: a requirement missing. Nothing is registered; the list of what to bring.
    const Reply incomplete = front.post(
        "/applications", {{"permit_id", "kaltim-ikot"},
                          {"applicant_type", "badan_usaha"},
                          {"applicant_name", "Siti Rahma"},
                          {"business_name", "CV Jamu Sehat"},
                          {"checklist", checklist(front, "kaltim-ikot", "badan_usaha", {4})},
                          {"ticket_id", ticket_id}});
    ASSERT_EQ(incomplete.status, 201) << incomplete.body.dump();
    EXPECT_EQ(incomplete.body["result"], "incomplete");
    EXPECT_TRUE(incomplete.body["application"].is_null());
    ASSERT_EQ(incomplete.body["to_bring"]["items"].size(), 1u);
    EXPECT_EQ(incomplete.body["visit"]["missing"][0]["position"], 4);
    const long visit_id = incomplete.body["visit"]["id"];

    // Second visit: complete, with the applicant's phone and consent.
    const json registration = {{"permit_id", "kaltim-ikot"},
                               {"applicant_type", "badan_usaha"},
                               {"applicant_name", "Siti Rahma"},
                               {"business_name", "CV Jamu Sehat"},
                               {"phone", "0812 3456 7890"},
                               {"phone_consent", true},
                               {"checklist", checklist(front, "kaltim-ikot", "badan_usaha")},
                               {"ticket_id", ticket_id},
                               {"incomplete_visit_id", visit_id},
                               {"idempotency_key", "reg-1"}};
    const Reply registered = front.post("/applications", registration);
    ASSERT_EQ(registered.status, 201) << registered.body.dump();
    const json app = registered.body["application"];
    const long id = app["id"];
    const auto local = to_local(now_utc(), TimeZone::WITA).date;
    const std::string number = std::string("0001/DPMPTSP/") +
                               kRoman[static_cast<unsigned>(local.month()) - 1] + "/" +
                               std::to_string(static_cast<int>(local.year()));
    EXPECT_EQ(app["number"], number);
    EXPECT_EQ(app["state"], "in_process");
    EXPECT_EQ(app["oss_status"], 10);
    EXPECT_EQ(app["step"]["number"], 7);  // the first back-office step (verification)
    EXPECT_EQ(app["step"]["duty"], "verifikator");
    EXPECT_EQ(app["clock"]["state"], "not_started");  // counted from the recommendation
    EXPECT_EQ(app["applicant"]["name"], "Siti Rahma");
    EXPECT_FALSE(app["applicant"]["phone_consent"]["text"].get<std::string>().empty());
    EXPECT_EQ(app["requirements"].size(), 19u);
    const std::string token = app["status_token"];
    const json receipt = registered.body["receipt"];
    EXPECT_EQ(receipt["number"], number);
    EXPECT_NE(receipt["status_url"].get<std::string>().find(token), std::string::npos);
    EXPECT_NE(receipt["promise"]["text"].get<std::string>().find("dihitung sejak langkah 11"),
              std::string::npos);

    // The retry of the same registration is the same file, not a second number.
    const Reply again = front.post("/applications", registration);
    EXPECT_EQ(again.status, 200) << again.body.dump();
    EXPECT_TRUE(again.body["replayed"].get<bool>());
    EXPECT_EQ(again.body["application"]["id"], id);

    // Steps belong to duties: the front office may not verify.
    const Reply not_theirs = front.post("/applications/" + std::to_string(id) + "/steps",
                                        {{"step", 7}, {"action", "done"}});
    EXPECT_EQ(not_theirs.status, 403);
    EXPECT_EQ(not_theirs.code(), "not_your_duty");

    EXPECT_EQ(step(verif, id, 7, "done")["application"]["oss_status"], 45);
    // A stale click on the step already done changes nothing.
    EXPECT_EQ(step(verif, id, 7, "done", "", 409)["error"]["code"], "step_changed");

    // Returned at step 9: the clock stops, the applicant reads what to correct.
    const json returned = step(verif, id, 9, "returned", "Fotokopi akta tidak terbaca");
    EXPECT_EQ(returned["application"]["state"], "paused");
    EXPECT_EQ(returned["application"]["oss_status"], 41);
    const Reply status =
        anonymous.get("/public/applications/status?number=" + number + "&token=" + token);
    ASSERT_EQ(status.status, 200) << status.body.dump();
    EXPECT_EQ(status.body["stage"]["code"], "dikembalikan");
    EXPECT_EQ(status.body["needed"], "Fotokopi akta tidak terbaca");
    // The applicant brings the corrected copy to the front office.
    const Reply resumed =
        front.post("/applications/" + std::to_string(id) + "/resume", {{"note", "akta baru"}});
    ASSERT_EQ(resumed.status, 200) << resumed.body.dump();
    EXPECT_EQ(resumed.body["application"]["state"], "in_process");
    EXPECT_EQ(resumed.body["application"]["step"]["number"], 9);
    EXPECT_EQ(resumed.body["application"]["oss_status"], 42);

    step(verif, id, 9, "done");
    // The technical team waits on a site visit: paused with its reason.
    const Reply paused = teknis.post("/applications/" + std::to_string(id) + "/pause",
                                     {{"reason", "menunggu_rekomendasi_teknis"}});
    ASSERT_EQ(paused.status, 200) << paused.body.dump();
    EXPECT_EQ(paused.body["application"]["clock"]["state"], "paused");
    ASSERT_EQ(teknis.post("/applications/" + std::to_string(id) + "/resume").status, 200);
    step(teknis, id, 10, "done");
    const json at_11 = step(verif, id, 11, "done");  // the recommendation was received at 11
    EXPECT_FALSE(at_11["application"]["clock"]["due"].is_null());
    EXPECT_EQ(at_11["application"]["step"]["number"], 12);
    EXPECT_EQ(at_11["application"]["step"]["duty"], "kepala_bidang");
    step(kabid, id, 12, "done");
    step(kabid, id, 13, "done");
    step(kadis, id, 14, "done");
    const json done = step(verif, id, 15, "done");
    EXPECT_EQ(done["application"]["state"], "completed");
    EXPECT_EQ(done["application"]["outcome"], "approved");
    EXPECT_EQ(done["application"]["oss_status"], 50);

    // Ready, then the kiosk issues a Pickup ticket linked to the file.
    ASSERT_EQ(front.post("/applications/" + std::to_string(id) + "/ready").status, 200);
    EXPECT_EQ(kiosk
                  .post("/applications/pickup-ticket",
                        {{"number", number}, {"token", std::string(32, 'a')}})
                  .status,
              404);
    const Reply pickup =
        kiosk.post("/applications/pickup-ticket", {{"number", number}, {"token", token}});
    ASSERT_EQ(pickup.status, 201) << pickup.body.dump();
    EXPECT_EQ(pickup.body["ticket"]["number"], "D-001");
    EXPECT_EQ(pickup.body["application"]["stage"]["code"], "siap_diambil");
    const Reply pickup_again =
        kiosk.post("/applications/pickup-ticket", {{"number", number}, {"token", token}});
    EXPECT_EQ(pickup_again.status, 200);
    EXPECT_EQ(pickup_again.body["ticket"]["id"], pickup.body["ticket"]["id"]);

    // The Pickup counter's call shows the file, with the name to check at the hand-over.
    ASSERT_EQ(front.post("/counters/4/open").status, 200);
    const Reply call = front.post("/counters/4/call-next");
    ASSERT_EQ(call.status, 200) << call.body.dump();
    EXPECT_EQ(call.body["application"]["number"], number);
    EXPECT_EQ(call.body["application"]["applicant"]["name"], "Siti Rahma");
    const Reply handed = front.post("/applications/" + std::to_string(id) + "/pickup",
                                    {{"received_by", "Siti Rahma (KTP)"}});
    ASSERT_EQ(handed.status, 200) << handed.body.dump();
    EXPECT_EQ(handed.body["application"]["state"], "picked_up");

    // The details: the history, the phone erased once collected, and who read the file.
    const Reply details = verif.get("/applications/" + std::to_string(id));
    ASSERT_EQ(details.status, 200);
    EXPECT_TRUE(details.body["applicant"]["phone"].is_null());
    EXPECT_EQ(details.body["received_by"], "Siti Rahma (KTP)");
    EXPECT_EQ(details.body["pauses"].size(), 2u);
    std::vector<int> codes;
    for (const auto& o : details.body["oss_history"])
        codes.push_back(o["code"]);
    EXPECT_EQ(codes, (std::vector<int>{10, 45, 41, 42, 41, 42, 50}));
    int returned_steps = 0;
    for (const auto& s : details.body["steps"])
        returned_steps += s["action"] == "returned";
    EXPECT_EQ(returned_steps, 1);
    const std::string boss_token = add_user_and_login(server, "budi", "supervisor");
    ApiClient boss(server.url(), boss_token);
    const Reply access = boss.get("/applications/" + std::to_string(id) + "/access-log");
    ASSERT_EQ(access.status, 200);
    std::set<std::string> purposes;
    for (const auto& a : access.body["access"])
        purposes.insert(a["purpose"]);
    EXPECT_EQ(purposes, (std::set<std::string>{"registration", "pickup_call", "details"}));

    // The export: the file with its OSS codes over time, without personal data.
    const std::string today = format_date_iso(local);
    ApiClient raw(server.url(), boss_token);
    const auto csv = raw.get_whole("/applications/export?from=" + today + "&to=" + today);
    ASSERT_TRUE(csv.response);
    EXPECT_EQ(csv.response->status, 200);
    EXPECT_NE(csv.response->body.find(number + ",kaltim-ikot,"), std::string::npos);
    EXPECT_NE(csv.response->body.find(",picked_up,approved,50,10 "), std::string::npos);
    EXPECT_EQ(csv.response->body.find("Siti Rahma"), std::string::npos);
    EXPECT_EQ(boss.get("/applications/export?from=" + today).field(), "to");
    EXPECT_EQ(verif.get("/applications/export?from=" + today + "&to=" + today).status, 403);

    // Every change went out on the stream with its payload, never with personal data.
    const auto events = all_events(server, last_event_id());
    std::vector<std::string> types;
    for (const auto& e : events) {
        if (e.type.rfind("application.", 0) == 0)
            types.push_back(e.type);
        EXPECT_EQ(e.data.find("Siti Rahma"), std::string::npos) << e.type;
        // The phone as typed and as digits (a 4-digit piece of it can occur in any timestamp).
        EXPECT_EQ(e.data.find("3456 7890"), std::string::npos) << e.type;
        EXPECT_EQ(e.data.find("081234567890"), std::string::npos) << e.type;
        EXPECT_EQ(e.data.find(token), std::string::npos) << e.type;
    }
    const std::vector<std::string> expected = {
        "application.incomplete",    "application.registered", "application.step_done",
        "application.returned",      "application.resumed",    "application.step_done",
        "application.paused",        "application.resumed",    "application.step_done",
        "application.step_done",     "application.step_done",  "application.step_done",
        "application.step_done",     "application.step_done",  "application.ready",
        "application.pickup_ticket", "application.picked_up"};
    EXPECT_EQ(types, expected);
    for (const auto& e : events) {
        if (e.type == "application.registered") {
            const json payload = json::parse(e.data)["payload"];
            EXPECT_EQ(payload["application"]["number"], number);
            EXPECT_EQ(payload["oss_status"], 10);
            EXPECT_EQ(payload["staff"]["name"], "rina");
        }
        if (e.type == "ticket.issued" && json::parse(e.data)["payload"].contains("application")) {
            EXPECT_EQ(json::parse(e.data)["payload"]["application"]["number"], number);
        }
    }
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
