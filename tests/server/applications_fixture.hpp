#pragma once
// What the application tests share: the office's permits with their clocks, a real
// queue-server with an admin, staff accounts holding duties, and the steps of the whole journey
// from the counter to pickup.
#include <gtest/gtest.h>

#include <chrono>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "api_client.hpp"
#include "event_log.hpp"
#include "loket/time.hpp"
#include "temp_dir.hpp"

namespace applications_test {

using namespace loket;
using namespace loket::testing;
using nlohmann::json;

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

    // The whole journey from the counter to pickup (WholeJourneyFromCounterToPickup), step by
    // step: the clerks with their duties, and what each step leaves for the next.
    struct Journey {
        explicit Journey(ApplicationsTest& test)
            : t(test),
              kiosk(test.kiosk),
              anonymous(test.anonymous),
              server(test.server),
              front(test.staff("rina", {})),  // Pendaftaran and Pengambilan counters
              verif(test.staff("vera", {"verifikator"})),
              teknis(test.staff("tono", {"tim_teknis"})),
              kabid(test.staff("bima", {"kepala_bidang"})),
              kadis(test.staff("dina", {"kepala_dinas"})) {}

        json checklist(ApiClient& clerk, const std::string& permit, const std::string& type,
                       std::set<int> missing = {}) {
            return t.checklist(clerk, permit, type, std::move(missing));
        }
        json step(ApiClient& who, long file, int number, const std::string& action,
                  const std::string& note = "", int expected_status = 200) {
            return t.step(who, file, number, action, note, expected_status);
        }
        long last_event_id() { return t.last_event_id(); }

        // The applicant is served at the Pendaftaran counter.
        void serve_at_pendaftaran() {
            // The applicant is served at the Pendaftaran counter.
            const json ticket = kiosk.post("/tickets", {{"service", "pendaftaran"}}).body["ticket"];
            ASSERT_EQ(front.post("/counters/3/open").status, 200);
            ASSERT_EQ(front.post("/counters/3/call-next").body["ticket"]["number"], "C-001");
            ticket_id = ticket["id"];
        }

        // First visit: a requirement missing.
        void first_visit_incomplete() {
            // First visit: a requirement missing. Nothing is registered; the list of what to bring.
            const Reply incomplete =
                front.post("/applications",
                           {{"permit_id", "kaltim-ikot"},
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
            visit_id = incomplete.body["visit"]["id"];
        }

        // Second visit: complete; its retry is the same file.
        void second_visit_registers() {
            // Second visit: complete, with the applicant's phone and consent.
            const json registration = {
                {"permit_id", "kaltim-ikot"},
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
            id = app["id"];
            local = to_local(now_utc(), TimeZone::WITA).date;
            number = std::string("0001/DPMPTSP/") +
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
            token = app["status_token"];
            const json receipt = registered.body["receipt"];
            EXPECT_EQ(receipt["number"], number);
            EXPECT_NE(receipt["status_url"].get<std::string>().find(token), std::string::npos);
            EXPECT_NE(
                receipt["promise"]["text"].get<std::string>().find("dihitung sejak langkah 11"),
                std::string::npos);

            // The retry of the same registration is the same file, not a second number.
            const Reply again = front.post("/applications", registration);
            EXPECT_EQ(again.status, 200) << again.body.dump();
            EXPECT_TRUE(again.body["replayed"].get<bool>());
            EXPECT_EQ(again.body["application"]["id"], id);
        }

        // Verification by duty, with a return at step 9 and the resume.
        void verification_with_a_return() {
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
            const Reply resumed = front.post("/applications/" + std::to_string(id) + "/resume",
                                             {{"note", "akta baru"}});
            ASSERT_EQ(resumed.status, 200) << resumed.body.dump();
            EXPECT_EQ(resumed.body["application"]["state"], "in_process");
            EXPECT_EQ(resumed.body["application"]["step"]["number"], 9);
            EXPECT_EQ(resumed.body["application"]["oss_status"], 42);
        }

        // The technical steps (a pause on the way), the heads' steps, approval.
        void technical_steps_to_approval() {
            step(verif, id, 9, "done");
            // The technical team waits on a site visit: paused with its reason.
            const Reply paused = teknis.post("/applications/" + std::to_string(id) + "/pause",
                                             {{"reason", "menunggu_rekomendasi_teknis"}});
            ASSERT_EQ(paused.status, 200) << paused.body.dump();
            EXPECT_EQ(paused.body["application"]["clock"]["state"], "paused");
            ASSERT_EQ(teknis.post("/applications/" + std::to_string(id) + "/resume").status, 200);
            step(teknis, id, 10, "done");
            const json at_11 =
                step(verif, id, 11, "done");  // the recommendation was received at 11
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
        }

        // Ready, a Pickup ticket from the kiosk, the hand-over.
        void ready_and_picked_up() {
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
        }

        // The file's history, the phone erased, who read it.
        void expect_history_and_readers() {
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
            boss_token = add_user_and_login(server, "budi", "supervisor");
            ApiClient boss(server.url(), boss_token);
            const Reply access = boss.get("/applications/" + std::to_string(id) + "/access-log");
            ASSERT_EQ(access.status, 200);
            std::set<std::string> purposes;
            for (const auto& a : access.body["access"])
                purposes.insert(a["purpose"]);
            EXPECT_EQ(purposes, (std::set<std::string>{"registration", "pickup_call", "details"}));
        }

        // The export of the day.
        void expect_export_without_personal_data() {
            // The export: the file with its OSS codes over time, without personal data.
            ApiClient boss(server.url(), boss_token);
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
        }

        // The stream's application events.
        void expect_events_without_personal_data() {
            // Every change went out on the stream with its payload, never with personal data.
            const auto events = all_events(server, last_event_id());
            std::vector<std::string> types;
            for (const auto& e : events) {
                if (e.type.rfind("application.", 0) == 0)
                    types.push_back(e.type);
                EXPECT_EQ(e.data.find("Siti Rahma"), std::string::npos) << e.type;
                // The phone as typed and as digits (a 4-digit piece of it can occur in any
                // timestamp).
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
                if (e.type == "ticket.issued" &&
                    json::parse(e.data)["payload"].contains("application")) {
                    EXPECT_EQ(json::parse(e.data)["payload"]["application"]["number"], number);
                }
            }
        }

        ApplicationsTest& t;
        ApiClient& kiosk;
        ApiClient& anonymous;
        ServerProcess& server;
        ApiClient front, verif, teknis, kabid, kadis;
        long ticket_id = 0, visit_id = 0, id = 0;
        std::chrono::year_month_day local;
        std::string number, token, boss_token;
    };
};

}  // namespace applications_test
