// Personal data over HTTP and the command line against the real queue-server binary
// (docs/privacy.md): the retention's anonymisation at hand-set instants just before and just
// after each limit (tables and event payloads), consent refused and recorded, an admin's search,
// export and erasure of one person's records, the access log of staff reads, the retention
// settings' ranges, and the running server's daily job.
#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <thread>

#include "api_client.hpp"
#include "loket/office.hpp"
#include "privacy_job.hpp"
#include "temp_dir.hpp"

using namespace loket;
using namespace loket::testing;
using nlohmann::json;

namespace {

constexpr std::int64_t kMinuteMs = 60 * 1000;
constexpr std::int64_t kDayMs = 24 * 60 * kMinuteMs;

class PrivacyApiTest : public ::testing::Test {
  protected:
    TempDir dir;
    ServerProcess server{dir.path()};
    ApiClient admin{server.url(), add_user_and_login(server, "ani", "admin")};
    ApiClient clerk{server.url(), add_user_and_login(server, "siti", "staff")};
    ApiClient web{server.url()};
    ApiClient kiosk{server.url(), kKioskKey};

    // A complete file registered with a phone (with consent), done and marked ready.
    std::int64_t ready_application(const std::string& name, const std::string& phone) {
        const Reply form =
            admin.get("/applications/form?permit_id=pelalawan-iumk&applicant_type=perorangan");
        EXPECT_EQ(form.status, 200) << form.body.dump();
        json checklist = json::array();
        for (const auto& r : form.body["requirements"])
            checklist.push_back({{"position", r["position"]}, {"present", true}});
        const Reply registered = admin.post("/applications", {{"permit_id", "pelalawan-iumk"},
                                                              {"applicant_type", "perorangan"},
                                                              {"applicant_name", name},
                                                              {"phone", phone},
                                                              {"phone_consent", true},
                                                              {"checklist", checklist}});
        EXPECT_EQ(registered.status, 201) << registered.body.dump();
        json app = registered.body["application"];
        const std::int64_t id = app["id"];
        const std::string path = "/applications/" + std::to_string(id);
        for (int guard = 0; app["state"] == "in_process" && guard < 60; ++guard) {
            const Reply done =
                admin.post(path + "/steps", {{"step", app["step"]["number"]}, {"action", "done"}});
            EXPECT_EQ(done.status, 200) << done.body.dump();
            app = done.body["application"];
        }
        EXPECT_EQ(admin.post(path + "/ready").status, 200);
        return id;
    }
    void pick_up(std::int64_t id, const std::string& receiver) {
        const Reply r = admin.post("/applications/" + std::to_string(id) + "/pickup",
                                   {{"received_by", receiver}});
        EXPECT_EQ(r.status, 200) << r.body.dump();
    }
    std::int64_t complaint(const std::string& name, const std::string& contact) {
        const Reply r = web.post("/complaints", {{"category", "waktu"},
                                                 {"text", "Antrean di loket pendaftaran lama."},
                                                 {"name", name},
                                                 {"contact", contact},
                                                 {"consent", true}});
        EXPECT_EQ(r.status, 201) << r.body.dump();
        SQLite::Database db(server.db().string());
        SQLite::Statement q(db, "SELECT id FROM complaints WHERE tracking_number = ?");
        q.bind(1, r.body["tracking_number"].get<std::string>());
        EXPECT_TRUE(q.executeStep());
        return q.getColumn(0).getInt64();
    }

  public:
    // One column of the row with `id`, as text ("<no row>", "<null>"); also for the helpers below.
    static std::string text(SQLite::Database& db, const std::string& sql, std::int64_t id) {
        SQLite::Statement q(db, sql);
        q.bind(1, id);
        if (!q.executeStep())
            return "<no row>";
        return q.getColumn(0).isNull() ? "<null>" : q.getColumn(0).getString();
    }
};

// The records the retention test ages: each kind just inside and just past its limit.
struct RetentionRecords {
    std::int64_t phone_kept = 0, phone_gone = 0, name_kept = 0, name_gone = 0;
    std::int64_t complaint_kept = 0, complaint_gone = 0;
};

// Each record's time set a minute inside or past its limit before `now`, and events naming
// the people at `noted_at`.
void place_records_at_their_limits(const std::filesystem::path& db_path, const RetentionRecords& r,
                                   std::int64_t now, std::int64_t noted_at) {
    SQLite::Database db(db_path.string(), SQLite::OPEN_READWRITE);
    const auto set = [&](const std::string& sql, std::int64_t value, std::int64_t id) {
        SQLite::Statement q(db, sql);
        q.bind(1, value);
        q.bind(2, id);
        q.exec();
    };
    const std::string completed = "UPDATE applications SET completed_ms = ? WHERE id = ?";
    set(completed, now - 30 * kDayMs + kMinuteMs, r.phone_kept);
    set(completed, now - 30 * kDayMs - kMinuteMs, r.phone_gone);
    const std::string picked = "UPDATE applications SET picked_up_ms = ? WHERE id = ?";
    set(picked, now - 365 * kDayMs + kMinuteMs, r.name_kept);
    set(picked, now - 365 * kDayMs - kMinuteMs, r.name_gone);
    const std::string closed = "UPDATE complaints SET closed_ms = ? WHERE id = ?";
    set(closed, now - 90 * kDayMs + kMinuteMs, r.complaint_kept);
    set(closed, now - 90 * kDayMs - kMinuteMs, r.complaint_gone);
    // Payloads naming the people, as a staff note on an event might: the log keeps them.
    for (const auto& [id, words] : std::vector<std::pair<std::int64_t, std::string>>{
             {r.name_kept, "Citra Lestari"},
             {r.name_gone, "diambil Fajar Nugroho untuk Dedi Kurniawan"},
             {r.phone_gone, "hubungi 0812 3333 4444"}}) {
        SQLite::Statement q(
            db, "INSERT INTO events (type, at_ms, payload) VALUES ('application.assigned', ?, ?)");
        q.bind(1, noted_at);
        q.bind(2, json{{"application", {{"id", id}}}, {"note", words}}.dump());
        q.exec();
    }
}

// The records past their limits lost their personal data; the others and the statistics kept.
void expect_records_anonymised(SQLite::Database& db, const RetentionRecords& r) {
    const std::string phone = "SELECT phone FROM applications WHERE id = ?";
    const std::string name = "SELECT applicant_name FROM applications WHERE id = ?";
    EXPECT_EQ(PrivacyApiTest::text(db, phone, r.phone_kept), "0812 1111 2222");
    EXPECT_EQ(PrivacyApiTest::text(db, phone, r.phone_gone), "");
    EXPECT_EQ(PrivacyApiTest::text(db, name, r.phone_gone),
              "Bambang Hartono");  // the name stays until pickup
    EXPECT_EQ(PrivacyApiTest::text(db, name, r.name_kept), "Citra Lestari");
    EXPECT_EQ(
        PrivacyApiTest::text(db, "SELECT received_by FROM applications WHERE id = ?", r.name_kept),
        "Eka Putri");
    EXPECT_EQ(PrivacyApiTest::text(db, name, r.name_gone), "[dihapus]");
    EXPECT_EQ(
        PrivacyApiTest::text(db, "SELECT received_by FROM applications WHERE id = ?", r.name_gone),
        "[dihapus]");
    const std::string contact = "SELECT contact FROM complaints WHERE id = ?";
    EXPECT_EQ(PrivacyApiTest::text(db, contact, r.complaint_kept), "gita@contoh.id");
    EXPECT_EQ(PrivacyApiTest::text(db, contact, r.complaint_gone), "<null>");
    EXPECT_EQ(
        PrivacyApiTest::text(db, "SELECT name FROM complaints WHERE id = ?", r.complaint_gone),
        "<null>");
    // Statistics keep the records: the state and times stay.
    EXPECT_EQ(PrivacyApiTest::text(db, "SELECT state FROM applications WHERE id = ?", r.name_gone),
              "picked_up");
    EXPECT_EQ(
        PrivacyApiTest::text(db, "SELECT state FROM complaints WHERE id = ?", r.complaint_gone),
        "selesai");
}

// The event payloads: rewritten for the records past the limit, type and time untouched.
void expect_event_notes_anonymised(SQLite::Database& db, const std::filesystem::path& db_path,
                                   std::int64_t noted_at) {
    SQLite::Statement events(
        db,
        "SELECT payload FROM events WHERE type = 'application.assigned' AND at_ms = ? ORDER BY id");
    events.bind(1, noted_at);
    std::vector<std::string> notes;
    while (events.executeStep())
        notes.push_back(json::parse(events.getColumn(0).getString())["note"].get<std::string>());
    EXPECT_EQ(notes, (std::vector<std::string>{"Citra Lestari", "diambil [dihapus] untuk [dihapus]",
                                               "hubungi [dihapus]"}));
    SQLite::Statement all(db,
                          "SELECT COUNT(*) FROM events WHERE payload LIKE '%Dedi Kurniawan%' "
                          "OR payload LIKE '%Hadi Susanto%' OR payload LIKE '%0812 3333 4444%'");
    ASSERT_TRUE(all.executeStep());
    EXPECT_EQ(all.getColumn(0).getInt(), 0);
    // The event log stays append-only otherwise.
    {
        SQLite::Database rw(db_path.string(), SQLite::OPEN_READWRITE);
        EXPECT_THROW(rw.exec("UPDATE events SET type = 'x' WHERE id = 1"), SQLite::Exception);
        EXPECT_THROW(rw.exec("UPDATE events SET at_ms = 0 WHERE id = 1"), SQLite::Exception);
        EXPECT_THROW(rw.exec("DELETE FROM events WHERE id = 1"), SQLite::Exception);
    }
}

}  // namespace

TEST_F(PrivacyApiTest, RetentionAnonymisesJustPastEachLimitInTablesAndEvents) {
    RetentionRecords r;
    // Phones: two files completed, not collected; names: two files collected.
    r.phone_kept = ready_application("Ratna Sari Dewi", "0812 1111 2222");
    r.phone_gone = ready_application("Bambang Hartono", "0812 3333 4444");
    r.name_kept = ready_application("Citra Lestari", "0813 5555 6666");
    r.name_gone = ready_application("Dedi Kurniawan", "0813 7777 8888");
    pick_up(r.name_kept, "Eka Putri");
    pick_up(r.name_gone, "Fajar Nugroho");
    r.complaint_kept = complaint("Gita Ayu", "gita@contoh.id");
    r.complaint_gone = complaint("Hadi Susanto", "0857 1212 3434");
    for (const std::int64_t id : {r.complaint_kept, r.complaint_gone}) {
        const std::string path = "/complaints/" + std::to_string(id) + "/transition";
        ASSERT_EQ(admin.post(path, {{"to", "diverifikasi"}}).status, 200);
        ASSERT_EQ(admin.post(path, {{"to", "diproses"}}).status, 200);
        const Reply closed =
            admin.post(path, {{"to", "selesai"}, {"reply", "Sudah kami tambah petugasnya."}});
        ASSERT_EQ(closed.status, 200) << closed.body.dump();
    }
    server.stop(SIGTERM);

    // The instant the job runs at, and each record just inside or just past its limit.
    const TimeZone zone = load_office_config(server.config_path()).zone;
    const std::int64_t now =
        to_millis(server::parse_command_line_instant("2027-06-01T10:00", zone));
    const std::int64_t noted_at = to_millis(now_utc());  // during the files' life
    place_records_at_their_limits(server.db(), r, now, noted_at);

    auto [status, out] = run_queue_server_cli(
        {"--db", server.db().string(), "--config", server.config_path().string(), "anonymise",
         "--now", "2027-06-01T10:00"},
        "");
    ASSERT_EQ(status, 0) << out;
    EXPECT_NE(out.find("anonymised 1 phones, 1 applications, 1 complaints, 2 event payloads"),
              std::string::npos)
        << out;

    SQLite::Database db(server.db().string());
    expect_records_anonymised(db, r);

    ASSERT_NO_FATAL_FAILURE(expect_event_notes_anonymised(db, server.db(), noted_at));

    // Logged by the system, and a second run finds nothing more.
    SQLite::Statement logged(db, "SELECT user_name, action FROM privacy_log");
    ASSERT_TRUE(logged.executeStep());
    EXPECT_EQ(logged.getColumn(0).getString(), "system");
    EXPECT_EQ(logged.getColumn(1).getString(), "anonymise");
    std::tie(status, out) = run_queue_server_cli(
        {"--db", server.db().string(), "--config", server.config_path().string(), "anonymise",
         "--now", "2027-06-01T10:00"},
        "");
    EXPECT_NE(out.find("anonymised 0 phones, 0 applications, 0 complaints, 0 event payloads"),
              std::string::npos)
        << out;
    std::tie(status, out) = run_queue_server_cli(
        {"--db", server.db().string(), "anonymise", "--now", "2027-13-01"}, "");
    EXPECT_EQ(status, 2);
    EXPECT_NE(out.find("--now"), std::string::npos) << out;
}

TEST_F(PrivacyApiTest, PersonalDataNeedsConsentWhichIsRecorded) {
    const Reply refused = web.post(
        "/complaints",
        {{"category", "waktu"}, {"text", "Antrean di loket pendaftaran lama."}, {"name", "Budi"}});
    ASSERT_EQ(refused.status, 400) << refused.body.dump();
    EXPECT_EQ(refused.code(), "consent_required");
    EXPECT_EQ(refused.field(), "consent");
    EXPECT_NE(refused.body["error"]["message_id"].get<std::string>().find("persetujuan"),
              std::string::npos);
    EXPECT_NE(refused.body["error"]["message"].get<std::string>().find("consent"),
              std::string::npos);

    const std::int64_t from_web = complaint("Budi", "0812");
    const Reply from_kiosk = kiosk.post("/complaints", {{"category", "waktu"},
                                                        {"text", "Layar kios mati sejak pagi."},
                                                        {"name", "Wati"},
                                                        {"consent", true}});
    ASSERT_EQ(from_kiosk.status, 201) << from_kiosk.body.dump();
    const Reply anonymous = web.post(
        "/complaints", {{"category", "waktu"}, {"text", "Antrean di loket pendaftaran lama."}});
    ASSERT_EQ(anonymous.status, 201);
    SQLite::Database db(server.db().string());
    SQLite::Statement q(db, "SELECT consent_version, consent_ms FROM complaints ORDER BY id");
    std::vector<std::string> versions;
    while (q.executeStep())
        versions.push_back(q.getColumn(0).isNull() ? "<null>" : q.getColumn(0).getString());
    EXPECT_EQ(versions,
              (std::vector<std::string>{"pengaduan-web-1", "pengaduan-kiosk-1", "<null>"}));
    EXPECT_GT(from_web, 0);

    // A phone on a registration without consent is refused; with it, the text is kept.
    const Reply no_consent = admin.post("/applications", {{"permit_id", "pelalawan-iumk"},
                                                          {"applicant_type", "perorangan"},
                                                          {"applicant_name", "Sari"},
                                                          {"phone", "0812 0000 1111"},
                                                          {"checklist", json::array()}});
    ASSERT_EQ(no_consent.status, 400) << no_consent.body.dump();
    EXPECT_EQ(no_consent.code(), "consent_required");
    const std::int64_t id = ready_application("Sari", "0812 0000 1111");
    const Reply detail = admin.get("/applications/" + std::to_string(id));
    EXPECT_FALSE(detail.body["applicant"]["phone_consent"]["text"].get<std::string>().empty());
}

TEST_F(PrivacyApiTest, AdminFindsExportsAndErasesOnePerson) {
    const std::int64_t app = ready_application("Yohanes Pratama", "0812-7777-1234");
    const std::int64_t other = ready_application("Zainal Arifin", "0812 9999 0000");
    const std::int64_t adu = complaint("Yohanes Pratama", "+62 812 7777 1234");

    const Reply by_phone = admin.post("/privacy/search", {{"by", "phone"}, {"q", "081277771234"}});
    ASSERT_EQ(by_phone.status, 200) << by_phone.body.dump();
    ASSERT_EQ(by_phone.body["records"].size(), 2u) << by_phone.body.dump();
    const Reply by_name = admin.post("/privacy/search", {{"by", "name"}, {"q", "yohanes"}});
    ASSERT_EQ(by_name.body["records"].size(), 2u);
    const std::string number = by_name.body["records"][0]["number"];
    const Reply by_number = admin.post("/privacy/search", {{"by", "application"}, {"q", number}});
    ASSERT_EQ(by_number.body["records"].size(), 1u) << by_number.body.dump();
    EXPECT_EQ(by_number.body["records"][0]["id"], app);
    EXPECT_EQ(admin.post("/privacy/search", {{"by", "name"}, {"q", "yo"}}).status, 400);
    EXPECT_EQ(admin.post("/privacy/search", {{"by", "email"}, {"q", "yohanes"}}).code(),
              "invalid_field");
    EXPECT_EQ(clerk.post("/privacy/search", {{"by", "name"}, {"q", "yohanes"}}).status, 403);
    EXPECT_EQ(admin.post("/privacy/search", {{"by", "name"}}).code(), "required");
    EXPECT_EQ(admin.post("/privacy/search", {{"by", "name"}, {"q", "yohanes"}, {"x", 1}}).status,
              400);
    // A name or phone is never asked for in a URL, where proxies would log it.
    EXPECT_EQ(admin.get("/privacy/search?by=name&q=yohanes").status, 404);

    const json records =
        json::array({{{"kind", "application"}, {"id", app}}, {{"kind", "complaint"}, {"id", adu}}});
    const Reply exported = admin.post("/privacy/export", {{"records", records}});
    ASSERT_EQ(exported.status, 200) << exported.body.dump();
    ASSERT_EQ(exported.body["records"].size(), 2u);
    EXPECT_EQ(exported.body["records"][0]["applicant_name"], "Yohanes Pratama");
    EXPECT_EQ(exported.body["records"][0]["phone"], "0812-7777-1234");
    EXPECT_EQ(exported.body["records"][1]["contact"], "+62 812 7777 1234");
    EXPECT_EQ(exported.body["records"][1]["consent"]["version"], "pengaduan-web-1");
    EXPECT_EQ(admin.post("/privacy/export", {{"records", json::array()}}).field(), "records");
    EXPECT_EQ(admin
                  .post("/privacy/export",
                        {{"records", json::array({{{"kind", "application"}, {"id", 999}}})}})
                  .status,
              404);

    const Reply no_reason = admin.post("/privacy/erase", {{"records", records}});
    EXPECT_EQ(no_reason.field(), "reason");
    EXPECT_FALSE(no_reason.body["error"]["message_id"].get<std::string>().empty());
    const Reply erased = admin.post(
        "/privacy/erase", {{"records", records}, {"reason", "Permintaan pemohon, surat 12/2026"}});
    ASSERT_EQ(erased.status, 200) << erased.body.dump();
    EXPECT_EQ(erased.body["applications"], 1);
    EXPECT_EQ(erased.body["complaints"], 1);

    const Reply detail = admin.get("/applications/" + std::to_string(app));
    EXPECT_EQ(detail.body["applicant"]["name"], "[dihapus]");
    EXPECT_TRUE(detail.body["applicant"]["phone"].is_null());
    EXPECT_EQ(detail.body["state"], "ready");  // in place: the file and its figures stay
    const Reply adu_detail = admin.get("/complaints/" + std::to_string(adu));
    EXPECT_TRUE(adu_detail.body["name"].is_null());
    EXPECT_TRUE(adu_detail.body["contact"].is_null());
    EXPECT_EQ(admin.get("/applications/" + std::to_string(other)).body["applicant"]["name"],
              "Zainal Arifin");
    EXPECT_EQ(
        admin.post("/privacy/search", {{"by", "name"}, {"q", "yohanes"}}).body["records"].size(),
        0u);

    const Reply log = admin.get("/privacy/access-log?user=ani&action=erase");
    ASSERT_EQ(log.status, 200) << log.body.dump();
    ASSERT_EQ(log.body["total"], 2);
    EXPECT_EQ(log.body["entries"][0]["user"], "ani");
    EXPECT_NE(log.body["entries"][0]["detail"].get<std::string>().find("surat 12/2026"),
              std::string::npos);
    EXPECT_EQ(admin.get("/privacy/access-log?action=export").body["total"], 2);
}

TEST_F(PrivacyApiTest, StaffReadsOfPersonalDataAreLoggedForAdmins) {
    const std::int64_t app = ready_application("Intan Permata", "0811 2020 3030");
    const std::int64_t adu = complaint("Joko Widodo", "joko@contoh.id");
    ASSERT_EQ(clerk.get("/applications/" + std::to_string(app)).status, 200);
    ASSERT_EQ(
        admin.post("/complaints/" + std::to_string(adu) + "/assign", {{"username", "siti"}}).status,
        200);
    ASSERT_EQ(clerk.get("/complaints/" + std::to_string(adu)).status, 200);

    const Reply log = admin.get("/privacy/access-log?user=siti");
    ASSERT_EQ(log.status, 200) << log.body.dump();
    ASSERT_EQ(log.body["total"], 2) << log.body.dump();
    const json& newest = log.body["entries"][0];
    EXPECT_EQ(newest["kind"], "complaint");
    EXPECT_EQ(newest["action"], "read");
    EXPECT_EQ(newest["record_id"], adu);
    EXPECT_EQ(newest["fields"], json::array({"name", "contact"}));
    EXPECT_TRUE(newest["at"].is_number());
    const json& older = log.body["entries"][1];
    EXPECT_EQ(older["kind"], "application");
    EXPECT_EQ(older["detail"], "details");
    EXPECT_EQ(older["fields"], json::array({"applicant_name", "phone", "received_by"}));

    // Filters and pages.
    const Reply complaints_only = admin.get("/privacy/access-log?user=siti&kind=complaint");
    EXPECT_EQ(complaints_only.body["total"], 1);
    const Reply page2 = admin.get("/privacy/access-log?user=siti&per_page=1&page=2");
    ASSERT_EQ(page2.body["entries"].size(), 1u);
    EXPECT_EQ(page2.body["entries"][0]["kind"], "application");
    EXPECT_EQ(admin
                  .get("/privacy/access-log?user=siti&from=" +
                       std::to_string(to_millis(now_utc()) + 60000))
                  .body["total"],
              0);
    const Reply bad = admin.get("/privacy/access-log?per_page=500");
    EXPECT_EQ(bad.status, 400);
    EXPECT_EQ(bad.field(), "per_page");
    EXPECT_NE(bad.body["error"]["message_id"].get<std::string>().find("angka"), std::string::npos);
    EXPECT_EQ(clerk.get("/privacy/access-log").status, 403);
}

TEST_F(PrivacyApiTest, RetentionSettingsAreCheckedAndTheRunningServerAppliesThem) {
    Reply settings = admin.get("/settings");
    ASSERT_EQ(settings.status, 200);
    EXPECT_EQ(settings.body["privacy"]["application_phone_days"], 30);
    EXPECT_EQ(settings.body["privacy"]["complaint_contact_days"], 90);
    json doc = settings.body;
    doc["privacy"]["application_phone_days"] = 0;
    const Reply refused = admin.raw("PUT", "/settings", doc.dump(), "application/json");
    EXPECT_EQ(refused.status, 400);
    EXPECT_EQ(refused.field(), "privacy.application_phone_days");
    // What the complaint forms tell a complainant who consents follows the setting.
    EXPECT_EQ(ApiClient(server.url()).get("/complaints/categories").body["contact_retention_days"],
              90);
    doc["privacy"]["application_phone_days"] = 7;
    doc["privacy"]["complaint_contact_days"] = 30;
    ASSERT_EQ(admin.raw("PUT", "/settings", doc.dump(), "application/json").status, 200);
    EXPECT_EQ(admin.get("/settings").body["privacy"]["application_phone_days"], 7);
    EXPECT_EQ(ApiClient(server.url()).get("/complaints/categories").body["contact_retention_days"],
              30);
    // A complaint filed with consent now records the text it was shown: 30 days.
    const Reply filed = ApiClient(server.url())
                            .post("/complaints", {{"category", "biaya"},
                                                  {"text", "Antrean di loket pendaftaran lama."},
                                                  {"name", "Dewi Lestari"},
                                                  {"contact", "0813 1111 2222"},
                                                  {"consent", true}});
    ASSERT_EQ(filed.status, 201) << filed.body.dump();
    {
        SQLite::Database db(server.db().string(), SQLite::OPEN_READONLY);
        EXPECT_EQ(db.execAndGet("SELECT consent_version FROM complaints ORDER BY id DESC LIMIT 1")
                      .getString(),
                  "pengaduan-web-1@30d");
    }

    // A file completed 8 days ago: past the 7 days saved, so the server's first daily run
    // (at start-up) erases its phone.
    const std::int64_t id = ready_application("Kartika Sari", "0812 4545 6767");
    server.stop(SIGTERM);
    {
        SQLite::Database db(server.db().string(), SQLite::OPEN_READWRITE);
        SQLite::Statement q(db, "UPDATE applications SET completed_ms = ? WHERE id = ?");
        q.bind(1, to_millis(now_utc()) - 8 * kDayMs);
        q.bind(2, id);
        q.exec();
    }
    server.start();
    std::string phone = "?";
    for (int i = 0; i < 100 && phone != ""; ++i) {
        SQLite::Database db(server.db().string());
        phone = text(db, "SELECT phone FROM applications WHERE id = ?", id);
        if (phone != "")
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    EXPECT_EQ(phone, "");
    const Reply run = admin.post("/privacy/anonymise");
    ASSERT_EQ(run.status, 200) << run.body.dump();
    EXPECT_EQ(run.body["application_phones"], 0);
}
