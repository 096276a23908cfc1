// The real queue-server binary on 127.0.0.1 with a temporary database, driven over HTTP with
// libcurl as kiosks and staff browsers would.
#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <future>
#include <set>
#include <thread>

#include "api_client.hpp"
#include "loket/time.hpp"
#include "temp_dir.hpp"

using namespace loket;
using namespace loket::testing;
using nlohmann::json;

class ServerTest : public ::testing::Test {
  protected:
    TempDir dir;
    ServerProcess server{dir.path()};
    ApiClient kiosk{server.url(), kKioskKey};
    ApiClient display{server.url(), kDisplayKey};
    ApiClient anonymous{server.url()};

    json issue(const std::string& service, json extra = json::object()) {
        extra["service"] = service;
        const Reply r = kiosk.post("/tickets", extra);
        EXPECT_TRUE(r.status == 201 || r.status == 200) << r.status << " " << r.body.dump();
        return r.body;
    }
};

TEST_F(ServerTest, HealthOfficeServicesAndPermitsArePublic) {
    EXPECT_EQ(anonymous.get("/health").body["status"], "ok");
    const Reply office = anonymous.get("/office");
    EXPECT_EQ(office.body["name"], "DPMPTSP Kabupaten Uji");
    EXPECT_EQ(office.body["time_zone"], "WITA");
    EXPECT_TRUE(office.body["open"].get<bool>());
    const Reply services = anonymous.get("/services");
    ASSERT_EQ(services.body["services"].size(), 4u);
    EXPECT_EQ(services.body["services"][0]["id"], "informasi");
    const Reply search = anonymous.get("/permits?q=usaha%20mikro");
    ASSERT_EQ(search.status, 200);
    std::set<std::string> ids;
    for (const auto& p : search.body["permits"])
        ids.insert(p["id"]);
    EXPECT_TRUE(ids.count("pelalawan-iumk"));
    EXPECT_TRUE(ids.count("dairi-iumk"));
    const Reply permit = anonymous.get("/permits/kaltim-ikot");
    EXPECT_EQ(permit.body["steps"].size(), 17u);
    EXPECT_EQ(permit.body["requirements"].size(), 19u);  // SOP section G
    EXPECT_EQ(permit.body["requirements"][2]["applies_to"], "badan_usaha");
    EXPECT_EQ(permit.body["service_time"]["value"], 7);
    EXPECT_EQ(permit.body["service_time"]["unit"], "hari");
    const Reply dairi = anonymous.get("/permits/dairi-iumk");
    EXPECT_EQ(dairi.body["steps"][8]["branch"], "ditolak");
    EXPECT_EQ(dairi.body["step_totals"]["disetujui"]["minutes"], 690);
    EXPECT_EQ(anonymous.get("/permits/tidak-ada").status, 404);
}

TEST_F(ServerTest, IssueCallRecallTransferFinishAcrossTwoCounters) {
    const std::string staff = add_user_and_login(server, "siti", "staff");
    ApiClient counter(server.url(), staff);

    const json issued = issue("customer_service", {{"permit_id", "kaltim-ikot"}});
    EXPECT_EQ(issued["ticket"]["number"], "B-001");
    EXPECT_EQ(issued["people_ahead"], 0);
    EXPECT_EQ(issued["permit"]["name"], "Izin Industri Kecil Obat Tradisional (IKOT)");
    const std::string token = issued["ticket"]["status_token"];
    EXPECT_EQ(issued["status_url"], server.url() + "/s/" + token);
    issue("customer_service");  // B-002 behind

    EXPECT_EQ(counter.post("/counters/2/open").status, 200);
    const Reply called = counter.post("/counters/2/call-next");
    ASSERT_EQ(called.status, 200) << called.body.dump();
    EXPECT_EQ(called.body["ticket"]["number"], "B-001");
    EXPECT_EQ(anonymous.get("/tickets/status/" + token).body["counter"]["number"], 2);

    const Reply recalled = counter.post("/counters/2/recall");
    EXPECT_EQ(recalled.body["ticket"]["call_count"], 2);
    EXPECT_EQ(counter.post("/counters/2/start").body["ticket"]["state"], "serving");

    // CS found the file complete: on to Pendaftaran, ahead of anyone issued later.
    issue("pendaftaran");  // C-001, issued after B-001 arrived
    const Reply moved = counter.post("/counters/2/transfer",
                                     {{"service", "pendaftaran"}, {"note", "berkas lengkap"}});
    ASSERT_EQ(moved.status, 200) << moved.body.dump();
    EXPECT_EQ(moved.body["ticket"]["service"], "pendaftaran");
    EXPECT_EQ(moved.body["ticket"]["state"], "waiting");
    EXPECT_TRUE(counter.get("/counters/2").body["current"].is_null());

    EXPECT_EQ(counter.post("/counters/3/open").status, 200);
    EXPECT_EQ(counter.post("/counters/3/call-next").body["ticket"]["number"], "B-001");
    EXPECT_EQ(counter.post("/counters/3/start").status, 200);
    const Reply done = counter.post("/counters/3/finish");
    EXPECT_EQ(done.body["ticket"]["state"], "done");
    EXPECT_EQ(anonymous.get("/tickets/status/" + token).body["state"], "done");
    EXPECT_EQ(counter.get("/counters/3/stats").body["served"], 1);

    // No-show and reactivation (by a supervisor).
    EXPECT_EQ(counter.post("/counters/2/call-next").body["ticket"]["number"], "B-002");
    EXPECT_EQ(counter.post("/counters/2/no-show").body["ticket"]["state"], "no_show");
    const std::string boss = add_user_and_login(server, "budi", "supervisor");
    ApiClient supervisor(server.url(), boss);
    EXPECT_EQ(supervisor.post("/tickets/B-002/reactivate").body["ticket"]["state"], "waiting");
    const Reply waiting = counter.get("/counters/2/waiting");
    ASSERT_EQ(waiting.body["tickets"].size(), 1u);
    EXPECT_EQ(waiting.body["tickets"][0]["number"], "B-002");
}

// "office" names this office with one shape wherever a reply carries it (OfficeRef).
TEST_F(ServerTest, TheOfficeHasOneShapeInEveryReplyThatNamesIt) {
    const json issued = issue("informasi");
    const json status =
        anonymous.get("/tickets/status/" + issued["ticket"]["status_token"].get<std::string>())
            .body;
    const json floor = display.get("/display").body;
    for (const json& office : {issued["office"], status["office"], floor["office"]}) {
        EXPECT_EQ(office["name"], "DPMPTSP Kabupaten Uji");
        EXPECT_EQ(office["time_zone"], "WITA");
        EXPECT_EQ(office["utc_offset_minutes"], 480);
        EXPECT_TRUE(office["open"].get<bool>());
        EXPECT_EQ(office["today_hours"], json::array({"00:00-24:00"}));
    }
    EXPECT_EQ(issued["office"], status["office"]);
    EXPECT_EQ(status["office"], floor["office"]);
}

TEST_F(ServerTest, PauseResumeCallByNumberAndASupervisorsTransfer) {
    ApiClient clerk(server.url(), add_user_and_login(server, "siti", "staff"));
    ApiClient boss(server.url(), add_user_and_login(server, "budi", "supervisor"));
    issue("informasi");
    issue("informasi");
    ASSERT_EQ(clerk.post("/counters/1/open").status, 200);
    EXPECT_EQ(clerk.post("/counters/1/pause", {{"reason", "Istirahat"}}).body["state"], "paused");
    const Reply resumed = clerk.post("/counters/1/resume");
    ASSERT_EQ(resumed.status, 200) << resumed.body.dump();
    EXPECT_EQ(resumed.body["state"], "open");
    // The second in line, called by its number ahead of the first.
    const Reply called = clerk.post("/counters/1/call", {{"number", "A-002"}});
    ASSERT_EQ(called.status, 200) << called.body.dump();
    EXPECT_EQ(called.body["ticket"]["number"], "A-002");
    EXPECT_EQ(called.body["ticket"]["state"], "called");
    // The first, still waiting, sent to customer service by a supervisor.
    const Reply moved = boss.post("/tickets/A-001/transfer", {{"service", "customer_service"}});
    ASSERT_EQ(moved.status, 200) << moved.body.dump();
    EXPECT_EQ(moved.body["ticket"]["service"], "customer_service");
    EXPECT_EQ(moved.body["ticket"]["state"], "waiting");
}

TEST_F(ServerTest, IdempotentRetryGetsTheSameTicket) {
    const json first = issue("informasi", {{"idempotency_key", "tap-7f3a"}});
    const Reply again =
        kiosk.post("/tickets", {{"service", "informasi"}, {"idempotency_key", "tap-7f3a"}});
    EXPECT_EQ(again.status, 200);
    EXPECT_TRUE(again.body["replayed"].get<bool>());
    EXPECT_EQ(again.body["ticket"]["id"], first["ticket"]["id"]);
    EXPECT_EQ(again.body["ticket"]["status_token"], first["ticket"]["status_token"]);
    // The standard header works too, and a different key is a different ticket.
    const Reply by_header = kiosk.raw("POST", "/tickets", R"({"service":"informasi"})",
                                      "application/json", {{"Idempotency-Key", "tap-7f3a"}});
    EXPECT_EQ(by_header.body["ticket"]["id"], first["ticket"]["id"]);
    EXPECT_EQ(issue("informasi", {{"idempotency_key", "tap-8000"}})["ticket"]["number"], "A-002");
}

TEST_F(ServerTest, TwoCountersCallingAtOnceNeverGetTheSameTicket) {
    constexpr int kTickets = 60;
    for (int i = 0; i < kTickets; ++i)
        issue("informasi");
    const std::string staff = add_user_and_login(server, "siti", "staff");
    std::vector<std::vector<std::string>> taken(2);
    std::vector<std::thread> counters;
    const int numbers[2] = {1, 5};  // both serve informasi
    for (int c = 0; c < 2; ++c) {
        counters.emplace_back([&, c] {
            ApiClient client(server.url(), staff);
            const std::string base = "/counters/" + std::to_string(numbers[c]);
            EXPECT_EQ(client.post(base + "/open").status, 200);
            while (true) {
                const Reply r = client.post(base + "/call-next");
                ASSERT_EQ(r.status, 200) << r.body.dump();
                if (r.body["ticket"].is_null())
                    break;
                taken[c].push_back(r.body["ticket"]["number"]);
                ASSERT_EQ(client.post(base + "/start").status, 200);
                ASSERT_EQ(client.post(base + "/finish").status, 200);
            }
        });
    }
    for (auto& t : counters)
        t.join();
    std::set<std::string> all(taken[0].begin(), taken[0].end());
    for (const auto& n : taken[1])
        EXPECT_TRUE(all.insert(n).second) << n << " called by both counters";
    EXPECT_EQ(all.size(), static_cast<std::size_t>(kTickets));
    EXPECT_FALSE(taken[0].empty());
    EXPECT_FALSE(taken[1].empty());
}

TEST_F(ServerTest, DoubleClickOnCallNextCallsOneTicket) {
    issue("informasi");
    issue("informasi");
    const std::string staff = add_user_and_login(server, "siti", "staff");
    ApiClient counter(server.url(), staff);
    counter.post("/counters/1/open");
    EXPECT_EQ(counter.post("/counters/1/call-next").status, 200);
    const Reply second = counter.post("/counters/1/call-next");
    EXPECT_EQ(second.status, 409);
    EXPECT_EQ(second.code(), "counter_busy");
    EXPECT_EQ(anonymous.get("/services").body["services"][0]["waiting"], 1);
}

TEST_F(ServerTest, ARequestPastItsDeadlineIsRefusedAndChangesNothing) {
    issue("informasi");
    ApiClient counter(server.url(), add_user_and_login(server, "siti", "staff"));
    counter.post("/counters/1/open");
    // A console gave up on this request (the server stalled); it reaches the server later.
    const std::string past = std::to_string(to_millis(now_utc()) - 1000);
    const Reply late = counter.raw("POST", "/counters/1/call-next", "{}", "application/json",
                                   {{"Loket-Deadline", past}});
    EXPECT_EQ(late.status, 412);
    EXPECT_EQ(late.code(), "request_expired");
    EXPECT_EQ(anonymous.get("/services").body["services"][0]["waiting"], 1);
    EXPECT_EQ(counter
                  .raw("POST", "/counters/1/call-next", "{}", "application/json",
                       {{"Loket-Deadline", "soon"}})
                  .code(),
              "invalid_header");
    const std::string future = std::to_string(to_millis(now_utc()) + 60000);
    const Reply in_time = counter.raw("POST", "/counters/1/call-next", "{}", "application/json",
                                      {{"Loket-Deadline", future}});
    EXPECT_EQ(in_time.status, 200) << in_time.body.dump();
    EXPECT_EQ(anonymous.get("/services").body["services"][0]["waiting"], 0);
}

TEST_F(ServerTest, DisplaySnapshotShowsCountersCallsAndWaiting) {
    const std::string staff = add_user_and_login(server, "siti", "staff");
    ApiClient counter(server.url(), staff);
    issue("informasi");
    issue("informasi");
    counter.post("/counters/1/open");
    counter.post("/counters/1/call-next");
    counter.post("/counters/2/open");
    counter.post("/counters/2/pause", {{"reason", "Istirahat"}});
    const Reply snap = display.get("/display");
    ASSERT_EQ(snap.status, 200) << snap.body.dump();
    EXPECT_GT(snap.body["last_event_id"].get<int>(), 0);
    EXPECT_EQ(snap.body["counters"][0]["current"]["number"], "A-001");
    EXPECT_EQ(snap.body["counters"][1]["state"], "paused");
    EXPECT_EQ(snap.body["counters"][1]["pause_reason_code"], "break");  // the old label
    EXPECT_EQ(snap.body["counters"][1]["pause_reason"], "");
    ASSERT_EQ(snap.body["recent_calls"].size(), 1u);
    EXPECT_EQ(snap.body["recent_calls"][0]["payload"]["ticket"]["number"], "A-001");
    EXPECT_EQ(snap.body["services"][0]["waiting"], 1);
}

TEST_F(ServerTest, PrintFailureIsRecordedAndTheTicketStaysValid) {
    const json issued = issue("informasi");
    const std::string id = std::to_string(issued["ticket"]["id"].get<int>());
    const Reply r =
        kiosk.post("/tickets/" + id + "/print", {{"status", "failed"}, {"problem", "paper_out"}});
    ASSERT_EQ(r.status, 200) << r.body.dump();
    EXPECT_EQ(r.body["ticket"]["print_status"], "failed");
    EXPECT_EQ(r.body["ticket"]["state"], "waiting");
    EXPECT_EQ(anonymous.get("/services").body["services"][0]["waiting"], 1);
}

TEST_F(ServerTest, MetricsCountTicketsAndRequests) {
    issue("informasi");
    issue("pengambilan");
    ApiClient raw(server.url());
    const auto metrics = raw.get_whole("/metrics");
    ASSERT_TRUE(metrics.ok());
    const std::string text = metrics.response->body;
    EXPECT_NE(text.find("loket_tickets_issued_total{service=\"informasi\"} 1"), std::string::npos)
        << text;
    EXPECT_NE(text.find("loket_waiting{service=\"pengambilan\"} 1"), std::string::npos);
    EXPECT_NE(text.find("loket_http_request_duration_seconds_bucket{route=\"/api/v1/tickets\""),
              std::string::npos);
}

TEST_F(ServerTest, StatusPageIsServedForTheQrCode) {
    const json issued = issue("informasi");
    net::HttpClient raw(test_client_options(server.url()));
    const auto page = raw.get("/s/" + issued["ticket"]["status_token"].get<std::string>());
    ASSERT_TRUE(page.ok());
    // Its script is a file of its own (no inline script under the CSP, docs/https.md).
    EXPECT_NE(page.response->body.find("/js/ticket-status.js"), std::string::npos);
    const auto script = raw.get("/js/ticket-status.js");
    ASSERT_TRUE(script.ok());
    EXPECT_NE(script.response->body.find("/api/v1/tickets/status/"), std::string::npos);
    // The printed page's QR code, drawn by the server.
    const auto qr = anonymous.get_whole("/qr.svg?path=/s/" +
                                        issued["ticket"]["status_token"].get<std::string>());
    ASSERT_TRUE(qr.ok()) << qr.status();
    EXPECT_EQ(qr.response->header("Content-Type").value_or(""), "image/svg+xml");
    EXPECT_NE(qr.response->body.find("<svg"), std::string::npos);
}

TEST_F(ServerTest, SigtermShutsDownCleanly) {
    issue("informasi");
    EXPECT_EQ(server.stop(SIGTERM), 0);
    EXPECT_NE(server.log_text().find("stopped; database closed"), std::string::npos);
    server.start();
    EXPECT_EQ(issue("informasi")["ticket"]["number"], "A-002");
}

TEST(ServerClosed, RefusesTicketsWithTheReasonButStillShowsPermits) {
    TempDir dir;
    // The same office closed every day: an empty [hours] table.
    std::string config = kAlwaysOpenConfig;
    const auto start = config.find("[hours]");
    config.replace(start, config.find("[[counters]]") - start, "[hours]\n");
    ServerProcess server(dir.path(), config);
    ApiClient kiosk(server.url(), kKioskKey);
    const Reply r = kiosk.post("/tickets", {{"service", "informasi"}});
    EXPECT_EQ(r.status, 409);
    EXPECT_EQ(r.code(), "office_closed");
    EXPECT_NE(r.body["error"]["message"].get<std::string>().find("closed_today"),
              std::string::npos);
    const Reply office = kiosk.get("/office");
    EXPECT_FALSE(office.body["open"].get<bool>());
    EXPECT_EQ(office.body["closed_reason"], "closed_today");
    EXPECT_EQ(kiosk.get("/permits").body["permits"].size(), 5u);
}

TEST_F(ServerTest, AdminSettingsTakeEffectWithoutRestart) {
    ApiClient admin(server.url(), add_user_and_login(server, "admin", "admin"));
    json settings = admin.get("/settings").body;
    ASSERT_EQ(settings["services"].size(), 4u);
    settings["office"]["name"] = "Mal Pelayanan Publik Kota Uji";
    settings["counters"].push_back(
        {{"number", 7}, {"name", "Loket 7 (Prioritas)"}, {"services", {"informasi"}}});
    const Reply saved = admin.raw("PUT", "/settings", settings.dump());
    ASSERT_EQ(saved.status, 200) << saved.body.dump();
    EXPECT_EQ(anonymous.get("/office").body["name"], "Mal Pelayanan Publik Kota Uji");
    ApiClient staff(server.url(), add_user_and_login(server, "siti", "staff"));
    EXPECT_EQ(staff.post("/counters/7/open").status, 200);

    json bad = settings;
    bad["services"][1]["prefix"] = "A";
    const Reply refused = admin.raw("PUT", "/settings", bad.dump());
    EXPECT_EQ(refused.status, 400);
    EXPECT_EQ(refused.field(), "services[1].prefix");
    EXPECT_EQ(refused.code(), "duplicate_prefix");
    bad = settings;
    bad["hours"]["monday"] = {"8-5"};
    const Reply bad_time = admin.raw("PUT", "/settings", bad.dump());
    EXPECT_EQ(bad_time.status, 400);
    EXPECT_EQ(bad_time.code(), "invalid_time");
    EXPECT_EQ(bad_time.field(), "hours.monday[0]");
    bad["hours"]["monday"] = {"16:00-08:00"};
    EXPECT_EQ(admin.raw("PUT", "/settings", bad.dump()).code(), "time_order");
    bad = settings;
    bad["office"]["time_zone"] = "GMT";
    EXPECT_EQ(admin.raw("PUT", "/settings", bad.dump()).field(), "office.time_zone");
    EXPECT_EQ(admin.raw("PUT", "/settings", "[]").status, 400);
    // Still in force after a restart.
    server.restart();
    EXPECT_EQ(ApiClient(server.url()).get("/office").body["name"], "Mal Pelayanan Publik Kota Uji");
}

TEST(ServerShutdown, SigtermRightAfterStartStillStops) {
    // A signal between the "listening" line and the start of the accept loop once left the
    // server running for ever.
    TempDir dir;
    for (int i = 0; i < 10; ++i) {
        ServerProcess server(dir.path());
        auto stopped = std::async(std::launch::async, [&] { return server.stop(SIGTERM); });
        ASSERT_EQ(stopped.wait_for(std::chrono::seconds(10)), std::future_status::ready)
            << "queue-server ignored SIGTERM sent right after it started";
        EXPECT_EQ(stopped.get(), 0);
    }
}

// The event log as the server wrote it: (type, payload) in id order, after `after`.
std::vector<std::pair<std::string, json>> logged_events(const ServerProcess& server,
                                                        std::int64_t after = 0) {
    SQLite::Database db(server.db().string(), SQLite::OPEN_READONLY);
    SQLite::Statement q(db, "SELECT type, payload FROM events WHERE id > ? ORDER BY id");
    q.bind(1, static_cast<std::int64_t>(after));
    std::vector<std::pair<std::string, json>> out;
    while (q.executeStep())
        out.emplace_back(q.getColumn(0).getString(), json::parse(q.getColumn(1).getString()));
    return out;
}

// With two staff accounts, the second clerk chose the first clerk's open counter and drove it.
// Now the server refuses, names the holder, and only an explicit takeover moves the counter.
TEST_F(ServerTest, ASecondClerkIsRefusedAndTakesOverOnlyExplicitly) {
    ApiClient siti(server.url(), add_user_and_login(server, "siti", "staff"));
    ApiClient dewi(server.url(), add_user_and_login(server, "dewi", "staff"));
    ApiClient rina(server.url(), add_user_and_login(server, "rina", "supervisor"));
    issue("informasi");
    issue("informasi");
    ASSERT_EQ(siti.post("/counters/1/open").status, 200);
    ASSERT_EQ(siti.post("/counters/1/call-next").body["ticket"]["number"], "A-001");
    EXPECT_EQ(dewi.get("/auth/me").body["counter"], nullptr);
    EXPECT_EQ(siti.get("/auth/me").body["counter"], 1);

    const std::int64_t before = anonymous.get("/health").body["last_event_id"];
    for (const auto& [path, body] : std::vector<std::pair<std::string, json>>{
             {"open", json::object()},
             {"recall", json::object()},
             {"start", json::object()},
             {"finish", json::object()},
             {"no-show", json::object()},
             {"transfer", {{"service", "pendaftaran"}}},
             {"call-next", json::object()},
             {"call", {{"number", "A-002"}}},
             {"pause", {{"reason", "Istirahat"}}},
             {"resume", json::object()},
             {"close", json::object()},
         }) {
        const Reply r = dewi.post("/counters/1/" + path, body);
        EXPECT_EQ(r.status, 409) << path << ": " << r.body.dump();
        EXPECT_EQ(r.code(), "counter_taken_by_other") << path;
        EXPECT_EQ(r.body["error"]["holder"]["name"], "siti") << path;
    }
    EXPECT_EQ(anonymous.get("/health").body["last_event_id"], before) << "a refusal changed state";
    EXPECT_EQ(siti.post("/counters/1/recall").body["ticket"]["call_count"], 2);

    // siti is still logged in: a fellow clerk may not take over; a supervisor may (forced).
    const Reply asked = dewi.post("/counters/1/take-over");
    EXPECT_EQ(asked.status, 409) << asked.body.dump();
    EXPECT_EQ(asked.code(), "takeover_needs_supervisor");
    EXPECT_EQ(asked.body["error"]["holder"]["name"], "siti");
    const Reply forced = rina.post("/counters/1/take-over");
    ASSERT_EQ(forced.status, 200) << forced.body.dump();
    EXPECT_EQ(forced.body["staff"], "rina");
    EXPECT_EQ(forced.body["current"]["number"], "A-001");
    EXPECT_EQ(siti.post("/counters/1/recall").code(), "counter_taken_by_other");
    EXPECT_EQ(siti.get("/auth/me").body["counter"], nullptr);

    // Once the holder has logged out, a clerk may take over (the console asked to confirm).
    rina.post("/auth/logout");
    const Reply taken = dewi.post("/counters/1/take-over");
    ASSERT_EQ(taken.status, 200) << taken.body.dump();
    EXPECT_EQ(taken.body["staff"], "dewi");
    EXPECT_EQ(dewi.post("/counters/1/finish").body["ticket"]["state"], "done");
    EXPECT_EQ(dewi.get("/auth/me").body["counter"], 1);
    // Taking over a closed counter is refused: open it instead.
    EXPECT_EQ(dewi.post("/counters/1/close").status, 200);
    EXPECT_EQ(siti.post("/counters/1/take-over").code(), "counter_closed");
    EXPECT_EQ(siti.post("/counters/1/open").status, 200);

    // Every counter event names who acted; the takeovers name both.
    std::vector<std::string> seen;
    for (const auto& [type, payload] : logged_events(server, before)) {
        seen.push_back(type + " " + payload.value("/staff/name"_json_pointer, std::string("?")));
        if (type == "counter.taken_over") {
            EXPECT_TRUE(payload["previous_staff"]["name"] == "siti" ||
                        payload["previous_staff"]["name"] == "rina");
        }
    }
    EXPECT_EQ(seen, (std::vector<std::string>{"ticket.recalled siti", "counter.taken_over rina",
                                              "counter.taken_over dewi", "ticket.finished dewi",
                                              "counter.closed dewi", "counter.opened siti"}));
    const auto events = logged_events(server, before);
    EXPECT_TRUE(events[1].second["forced"].get<bool>());
    EXPECT_FALSE(events[2].second["forced"].get<bool>());
}

// Clerks pressed Call, Start and Finish for every applicant: Finish now works on a called
// ticket, starting it at the call time in the same write.
TEST_F(ServerTest, FinishingACalledTicketNeedsNoStart) {
    ApiClient siti(server.url(), add_user_and_login(server, "siti", "staff"));
    issue("informasi");
    ASSERT_EQ(siti.post("/counters/1/open").status, 200);
    const Reply called = siti.post("/counters/1/call-next");
    ASSERT_EQ(called.body["ticket"]["state"], "called");
    const std::int64_t before = anonymous.get("/health").body["last_event_id"];
    const Reply done = siti.post("/counters/1/finish");
    ASSERT_EQ(done.status, 200) << done.body.dump();
    EXPECT_EQ(done.body["ticket"]["state"], "done");
    EXPECT_EQ(done.body["ticket"]["started_at"], called.body["ticket"]["called_at"]);
    const auto events = logged_events(server, before);
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].first, "ticket.finished");
    EXPECT_TRUE(events[0].second["implicit_start"].get<bool>());
    EXPECT_EQ(siti.get("/counters/1/stats").body["served"], 1);
}
