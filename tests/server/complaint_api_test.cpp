// Complaints over HTTP against the real queue-server binary: web, kiosk and staff intake,
// consent for personal data, idempotent retries, the per-address and per-kiosk limits, the
// public view by tracking number, staff triage by role (assign, notes, reply, rejection), the
// personal-data access log, the SP4N-LAPOR! CSV, the reminder before the 60 days run out (the
// server's sweep after a restart), and complaint events on the one stream without personal data.
#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include "api_client.hpp"
#include "event_log.hpp"
#include "temp_dir.hpp"

using namespace loket;
using namespace loket::testing;
using nlohmann::json;

namespace {

const std::string kText = "Antrean di loket pendaftaran sangat lama dan petugas tidak ada.";

class ComplaintApiTest : public ::testing::Test {
  protected:
    TempDir dir;
    ServerProcess server{dir.path()};
    ApiClient kiosk{server.url(), kKioskKey};
    ApiClient web{server.url()};
    std::string clerk_token = add_user_and_login(server, "siti", "staff");
    ApiClient clerk{server.url(), clerk_token};
    ApiClient supervisor{server.url(), add_user_and_login(server, "rina", "supervisor")};

    json submitted(ApiClient& client, const json& body) {
        const Reply r = client.post("/complaints", body);
        EXPECT_EQ(r.status, 201) << r.body.dump();
        return r.body;
    }
    std::int64_t id_of(const std::string& tracking) {
        const Reply list = supervisor.get("/complaints");
        for (const json& c : list.body["complaints"]) {
            if (c["tracking_number"] == tracking)
                return c["id"].get<std::int64_t>();
        }
        ADD_FAILURE() << "not listed: " << tracking;
        return 0;
    }
};

}  // namespace

TEST_F(ComplaintApiTest, CategoriesAndTheLaporChannelArePublic) {
    const Reply r = web.get("/complaints/categories");
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(r.body["categories"].size(), 8u);
    EXPECT_EQ(r.body["categories"][0]["id"], "pelayanan");
    EXPECT_EQ(r.body["lapor"]["sms"], "1708");
    EXPECT_NE(r.body["lapor"]["text"].get<std::string>().find("SP4N-LAPOR!"), std::string::npos);
}

TEST_F(ComplaintApiTest, AnonymousWebComplaintIsTrackedWithoutPersonalData) {
    const json receipt = submitted(web, {{"category", "waktu"}, {"text", kText}});
    const std::string tracking = receipt["tracking_number"];
    EXPECT_EQ(tracking.size(), 13u);
    EXPECT_EQ(tracking.substr(0, 4), "ADU-");
    EXPECT_EQ(receipt["state"], "diterima");
    EXPECT_EQ(receipt["status_path"], "/pengaduan.html?lacak=" + tracking);

    // Lower case and without dashes finds it too, as applicants type it.
    std::string typed = tracking.substr(4, 4) + tracking.substr(9, 4);
    for (auto& ch : typed)
        ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    const Reply track = web.get("/complaints/track/" + typed);
    ASSERT_EQ(track.status, 200) << track.body.dump();
    EXPECT_EQ(track.body["tracking_number"], tracking);
    EXPECT_EQ(track.body["text"], kText);
    EXPECT_EQ(track.body["state_name"], "Diterima");
    EXPECT_FALSE(track.body.contains("name"));
    EXPECT_FALSE(track.body.contains("contact"));
    EXPECT_FALSE(track.body.contains("notes"));

    EXPECT_EQ(web.get("/complaints/track/ADU-0000-0000").status, 404);
}

TEST_F(ComplaintApiTest, NameAndContactOnlyWithConsentAndEveryReadingIsLogged) {
    const Reply refused = web.post("/complaints", {{"category", "biaya"},
                                                   {"text", kText},
                                                   {"name", "Budi Santoso"},
                                                   {"contact", "0812 3456 7890"}});
    EXPECT_EQ(refused.status, 400);
    EXPECT_EQ(refused.code(), "consent_required");
    EXPECT_EQ(refused.field(), "consent");
    EXPECT_FALSE(refused.body["error"]["message_id"].get<std::string>().empty());
    EXPECT_TRUE(supervisor.get("/complaints").body["complaints"].empty())
        << "nothing stored when refused";

    const json receipt = submitted(web, {{"category", "biaya"},
                                         {"text", kText},
                                         {"name", "Budi Santoso"},
                                         {"contact", "0812 3456 7890"},
                                         {"consent", true}});
    const std::int64_t id = id_of(receipt["tracking_number"]);
    const Reply listed = supervisor.get("/complaints");
    EXPECT_TRUE(listed.body["complaints"][0]["has_contact"].get<bool>());
    EXPECT_FALSE(listed.body["complaints"][0].contains("contact")) << "lists carry no contact";

    const Reply detail = supervisor.get("/complaints/" + std::to_string(id));
    ASSERT_EQ(detail.status, 200);
    EXPECT_EQ(detail.body["name"], "Budi Santoso");
    EXPECT_EQ(detail.body["contact"], "0812 3456 7890");

    SQLite::Database db(server.db().string(), SQLite::OPEN_READONLY);
    SQLite::Statement log(db,
                          "SELECT user_name, purpose FROM complaint_personal_data_access "
                          "WHERE complaint_id = ?");
    log.bind(1, id);
    ASSERT_TRUE(log.executeStep());
    EXPECT_EQ(log.getColumn(0).getString(), "rina");
    EXPECT_EQ(log.getColumn(1).getString(), "complaint_detail");
}

TEST_F(ComplaintApiTest, BadInputIsNamedAndTextIsStoredAsGiven) {
    struct Case {
        json body;
        std::string field;
    };
    const std::vector<Case> cases = {
        {{{"text", kText}}, "category"},
        {{{"category", "suap"}, {"text", kText}}, "category"},
        {{{"category", "waktu"}, {"text", "pendek"}}, "text"},
        {{{"category", "waktu"}, {"text", std::string(2001, 'a')}}, "text"},
        {{{"category", "waktu"}, {"text", kText}, {"channel", "telepon"}}, "channel"},
        {{{"category", "waktu"}, {"text", kText}, {"extra", 1}}, "extra"},
    };
    for (const Case& c : cases) {
        const Reply r = web.post("/complaints", c.body);
        EXPECT_EQ(r.status, 400) << c.body.dump();
        EXPECT_EQ(r.field(), c.field) << r.body.dump();
    }
    const Reply not_json = web.raw("POST", "/complaints", "{not json", "application/json");
    EXPECT_EQ(not_json.status, 400);
    EXPECT_TRUE(supervisor.get("/complaints").body["complaints"].empty());

    const std::string markup = "<script>alert('x')</script> & \"kutip\" tidak dieksekusi";
    const json receipt = submitted(web, {{"category", "lainnya"}, {"text", markup}});
    EXPECT_EQ(
        web.get("/complaints/track/" + receipt["tracking_number"].get<std::string>()).body["text"],
        markup);
}

TEST_F(ComplaintApiTest, RetriesAreIdempotentAndSendersAreLimited) {
    const json body = {{"category", "sarana"}, {"text", kText}};
    const std::vector<std::pair<std::string, std::string>> key = {{"Idempotency-Key", "k-1"}};
    const Reply first = web.raw("POST", "/complaints", body.dump(), "application/json", key);
    ASSERT_EQ(first.status, 201);
    const Reply again = web.raw("POST", "/complaints", body.dump(), "application/json", key);
    EXPECT_EQ(again.status, 200);
    EXPECT_TRUE(again.body["replayed"].get<bool>());
    EXPECT_EQ(again.body["tracking_number"], first.body["tracking_number"]);

    // A web address: 3 in 10 minutes (the replay is not a new one).
    submitted(web, body);
    submitted(web, body);
    const Reply fourth = web.post("/complaints", body);
    EXPECT_EQ(fourth.status, 429);
    EXPECT_EQ(fourth.code(), "rate_limited");
    EXPECT_GT(fourth.body["error"]["retry_after_seconds"].get<int>(), 0);

    // A kiosk: once a minute, counted apart from the address; staff are not limited.
    const json from_kiosk = submitted(kiosk, body);
    EXPECT_EQ(kiosk.post("/complaints", body).status, 429);
    for (int i = 0; i < 3; ++i)
        submitted(clerk, {{"category", "sarana"}, {"text", kText}, {"channel", "kotak_saran"}});
    const Reply listed = supervisor.get("/complaints");
    int kiosk_count = 0, box_count = 0;
    for (const json& c : listed.body["complaints"]) {
        kiosk_count += c["channel"] == "kiosk";
        box_count += c["channel"] == "kotak_saran";
    }
    EXPECT_EQ(kiosk_count, 1);
    EXPECT_EQ(box_count, 3);
    EXPECT_EQ(listed.body["complaints"].size(), 7u);
}

TEST_F(ComplaintApiTest, TriageByRoleAndThePublicReadsTheReply) {
    const std::string done =
        submitted(web, {{"category", "pelayanan"}, {"text", kText}})["tracking_number"];
    const std::string junk = submitted(
        web, {{"category", "lainnya"}, {"text", "iklan pinjaman online"}})["tracking_number"];
    const std::string done_id = std::to_string(id_of(done));
    const std::string junk_id = std::to_string(id_of(junk));

    // A clerk sees only what is assigned to them.
    EXPECT_TRUE(clerk.get("/complaints").body["complaints"].empty());
    EXPECT_EQ(clerk.get("/complaints/" + done_id).status, 403);
    EXPECT_EQ(clerk.post("/complaints/" + done_id + "/assign", {{"username", "siti"}}).status, 403);
    EXPECT_EQ(clerk.get("/complaints/export.csv?from=2026-01-01&to=2026-12-31").status, 403);

    const Reply assigned =
        supervisor.post("/complaints/" + done_id + "/assign", {{"username", "siti"}});
    ASSERT_EQ(assigned.status, 200) << assigned.body.dump();
    EXPECT_EQ(assigned.body["assignee"]["username"], "siti");
    EXPECT_EQ(
        supervisor.post("/complaints/" + done_id + "/assign", {{"username", "nobody"}}).field(),
        "username");
    ASSERT_EQ(clerk.get("/complaints").body["complaints"].size(), 1u);

    // The assignee works it through; a skipped step is refused.
    const std::string base = "/complaints/" + done_id;
    const Reply skipped = clerk.post(base + "/transition", {{"to", "diproses"}});
    EXPECT_EQ(skipped.status, 409);
    EXPECT_EQ(skipped.code(), "invalid_transition");
    EXPECT_EQ(clerk.post(base + "/transition", {{"to", "diverifikasi"}}).status, 200);
    EXPECT_EQ(clerk.post(base + "/notes", {{"text", "Cek CCTV loket 3 jam 10.00"}}).status, 200);
    EXPECT_EQ(clerk.post(base + "/transition", {{"to", "diproses"}}).status, 200);
    EXPECT_EQ(clerk.post(base + "/transition", {{"to", "selesai"}}).field(), "reply");
    const std::string reply = "Petugas loket 3 sudah ditegur; loket kini dijaga bergantian.";
    const Reply closed = clerk.post(base + "/transition", {{"to", "selesai"}, {"reply", reply}});
    ASSERT_EQ(closed.status, 200) << closed.body.dump();
    EXPECT_EQ(closed.body["state"], "selesai");
    EXPECT_EQ(closed.body["notes"].size(), 1u);
    EXPECT_EQ(clerk.post(base + "/transition", {{"to", "ditolak"}, {"reason", reply}}).status, 409)
        << "final";

    const Reply seen = web.get("/complaints/track/" + done);
    EXPECT_EQ(seen.body["state"], "selesai");
    EXPECT_EQ(seen.body["reply"], reply);
    EXPECT_EQ(seen.body["history"].size(), 4u);
    EXPECT_FALSE(seen.body["history"][1].contains("staff"));
    EXPECT_EQ(seen.body.dump().find("CCTV"), std::string::npos) << "notes stay inside";

    // A supervisor rejects with a reason.
    EXPECT_EQ(
        supervisor.post("/complaints/" + junk_id + "/transition", {{"to", "ditolak"}}).field(),
        "reason");
    const std::string reason = "Bukan pengaduan pelayanan: isinya iklan.";
    EXPECT_EQ(
        supervisor
            .post("/complaints/" + junk_id + "/transition", {{"to", "ditolak"}, {"reason", reason}})
            .status,
        200);
    EXPECT_EQ(web.get("/complaints/track/" + junk).body["rejection_reason"], reason);

    const std::string month = web.get("/office").body["local_date"].get<std::string>().substr(0, 7);
    const Reply summary = supervisor.get("/complaints/summary?period=" + month);
    ASSERT_EQ(summary.status, 200);
    EXPECT_EQ(summary.body["received"], 2);
    EXPECT_EQ(summary.body["closed"], 2);
    EXPECT_EQ(summary.body["on_time"], 2);
    EXPECT_EQ(supervisor.get("/complaints/summary?period=2026-13").field(), "period");
}

TEST_F(ComplaintApiTest, LaporExportHasItsColumnsAndNoContact) {
    submitted(web, {{"category", "biaya"},
                    {"text", kText},
                    {"name", "Budi"},
                    {"contact", "budi@contoh.id"},
                    {"consent", true}});
    const std::string today = web.get("/office").body["local_date"];
    const Reply bad = supervisor.get("/complaints/export.csv?from=" + today + "&to=2000-01-01");
    EXPECT_EQ(bad.field(), "to");

    // A raw GET: the body is CSV, not JSON.
    const std::string token = add_user_and_login(server, "kepala", "supervisor");
    ApiClient raw(server.url(), token);
    const net::HttpResult csv =
        raw.get_whole("/complaints/export.csv?from=" + today + "&to=" + today);
    ASSERT_TRUE(csv.response.has_value()) << csv.error;
    EXPECT_EQ(csv.response->status, 200);
    const std::string& text = csv.response->body;
    EXPECT_EQ(text.substr(0, 3), "\xEF\xBB\xBF") << "BOM for spreadsheet programs";
    EXPECT_NE(text.find("Nomor Pelacakan"), std::string::npos);
    EXPECT_NE(text.find("Isi Laporan"), std::string::npos);
    EXPECT_NE(text.find("Tindak Lanjut"), std::string::npos);
    EXPECT_NE(text.find("Antrean di loket"), std::string::npos);
    EXPECT_EQ(text.find("budi@contoh.id"), std::string::npos);
}

TEST_F(ComplaintApiTest, EventsCarryNoTextAndTheSweepWarnsBeforeTheDeadline) {
    const std::string tracking = submitted(web, {{"category", "waktu"},
                                                 {"text", kText},
                                                 {"name", "Budi"},
                                                 {"contact", "0812"},
                                                 {"consent", true}})["tracking_number"];
    const std::string id = std::to_string(id_of(tracking));
    supervisor.post("/complaints/" + id + "/transition", {{"to", "diverifikasi"}});

    // Ten days left: the restarted server's first sweep sends the 14-day reminder once.
    server.stop(SIGTERM);
    {
        SQLite::Database db(server.db().string(), SQLite::OPEN_READWRITE);
        db.exec("UPDATE complaints SET due_on = date(due_on, '-50 days')");
    }
    server.start();

    const auto events = events_until(
        server,
        [](const std::vector<net::SseEvent>& seen) {
            return !seen.empty() && seen.back().type == "complaint.due_soon";
        },
        std::chrono::seconds(15));
    ASSERT_TRUE(events.has_value());
    std::vector<std::string> types;
    for (const net::SseEvent& e : *events) {
        if (e.type.rfind("complaint.", 0) != 0)
            continue;
        types.push_back(e.type);
        EXPECT_EQ(e.data.find("Antrean di loket"), std::string::npos) << e.type;
        EXPECT_EQ(e.data.find("Budi"), std::string::npos) << e.type;
        EXPECT_EQ(e.data.find("0812"), std::string::npos) << e.type;
    }
    EXPECT_EQ(types, (std::vector<std::string>{"complaint.received", "complaint.changed",
                                               "complaint.due_soon"}));
    const json due = json::parse(events->back().data)["payload"];
    EXPECT_EQ(due["kind"], "14_days");
    EXPECT_EQ(due["complaint"]["tracking_number"], tracking);
    EXPECT_EQ(due["complaint"]["days_left"], 10);
}
