// The office's own catalog over HTTP against the real queue-server binary: a new database
// takes the catalog files as version 1; an admin edits a permit (a new version, seen at once
// by GET /permits and announced by catalog.changed), with the field named when the document
// is wrong and nothing saved; a stale editor is refused; history, diff, restore, duplicate,
// retire; export and import; tickets keep the version they were issued under; and the
// office's edits survive a restart even though the files say otherwise.
#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include "api_client.hpp"
#include "event_log.hpp"
#include "generated_catalog.hpp"
#include "temp_dir.hpp"

using namespace loket;
using namespace loket::testing;
using nlohmann::json;

namespace {

class CatalogApiTest : public ::testing::Test {
  protected:
    TempDir dir;
    ServerProcess server{dir.path()};
    ApiClient admin{server.url(), add_user_and_login(server, "admin", "admin")};
    ApiClient supervisor{server.url(), add_user_and_login(server, "rina", "supervisor")};
    ApiClient kiosk{server.url(), kKioskKey};
    ApiClient anonymous{server.url()};

    json opened(const std::string& id) {
        const Reply r = admin.get("/catalog/permits/" + id);
        EXPECT_EQ(r.status, 200) << r.body.dump();
        return r.body;
    }
    Reply save(const std::string& id, const json& permit, int base, const std::string& note = "") {
        return admin.raw("PUT", "/catalog/permits/" + id,
                         json{{"permit", permit}, {"base_version", base}, {"note", note}}.dump());
    }
};

}  // namespace

TEST_F(CatalogApiTest, ANewInstallationStartsFromTheFilesAsVersionOne) {
    const Reply list = admin.get("/catalog/permits");
    ASSERT_EQ(list.status, 200);
    ASSERT_EQ(list.body["permits"].size(), 5u);
    for (const json& p : list.body["permits"]) {
        if (p["permit_id"] == "kaltim-ikot") {
            EXPECT_EQ(p["short_name"], "IKOT");  // the editor's list is searched by it
        }
        EXPECT_EQ(p["version"], 1);
        EXPECT_EQ(p["change"], "seeded");
        EXPECT_EQ(p["saved_by"], "instalasi");
        EXPECT_FALSE(p["retired"].get<bool>());
    }
    EXPECT_EQ(anonymous.get("/permits").body["permits"].size(), 5u);
    const json kaltim = opened("kaltim-ikot");
    EXPECT_EQ(kaltim["version"]["version"], 1);
    EXPECT_EQ(kaltim["permit"]["requirements"].size(), 19u);
    // The public permit is the preview plus its version (kiosks fetch again what changed).
    json published = anonymous.get("/permits/kaltim-ikot").body;
    EXPECT_EQ(published["version"], 1);
    published.erase("version");
    EXPECT_EQ(kaltim["preview"], published);
    EXPECT_EQ(anonymous.get("/permits").body["permits"][0]["version"], 1);

    // Only admins edit the catalog.
    EXPECT_EQ(supervisor.get("/catalog/permits").status, 403);
    EXPECT_EQ(kiosk.get("/catalog/export").status, 403);
    EXPECT_EQ(anonymous.get("/catalog/permits/kaltim-ikot").status, 401);
}

TEST_F(CatalogApiTest, AnEditIsANewVersionSeenAtOnceAndAnnounced) {
    json permit = opened("pelalawan-iumk")["permit"];
    const std::string old_name = permit["name"];
    permit["name"] = old_name + " (Perbaikan)";
    permit["keywords"].push_back("usaha mikro kecil");
    const Reply saved = save("pelalawan-iumk", permit, 1, "nama disesuaikan");
    ASSERT_EQ(saved.status, 200) << saved.body.dump();
    EXPECT_EQ(saved.body["version"]["version"], 2);
    EXPECT_EQ(saved.body["version"]["change"], "updated");
    EXPECT_EQ(saved.body["version"]["saved_by"], "admin");
    EXPECT_EQ(anonymous.get("/permits/pelalawan-iumk").body["name"], old_name + " (Perbaikan)");

    // Kiosks learn it from the one event stream.
    const auto events = events_until(
        server,
        [](const std::vector<net::SseEvent>& seen) {
            return !seen.empty() && seen.back().type == "catalog.changed";
        },
        std::chrono::seconds(10));
    ASSERT_TRUE(events.has_value());
    const json payload = json::parse(events->back().data)["payload"];
    EXPECT_EQ(payload["permit_id"], "pelalawan-iumk");
    EXPECT_EQ(payload["version"], 2);
    EXPECT_EQ(payload["change"], "updated");
    EXPECT_EQ(payload["staff"]["name"], "admin");

    // Someone who opened version 1 before this save is refused, not silently overwritten.
    const Reply stale = save("pelalawan-iumk", opened("pelalawan-iumk")["permit"], 1);
    EXPECT_EQ(stale.status, 409);
    EXPECT_EQ(stale.code(), "version_conflict");
    EXPECT_EQ(stale.body["error"]["current"]["version"], 2);

    // History and diff.
    const Reply versions = admin.get("/catalog/permits/pelalawan-iumk/versions");
    ASSERT_EQ(versions.body["versions"].size(), 2u);
    EXPECT_EQ(versions.body["versions"][0]["note"], "nama disesuaikan");
    const Reply diff = admin.get("/catalog/permits/pelalawan-iumk/diff?from=1&to=2");
    ASSERT_EQ(diff.status, 200) << diff.body.dump();
    bool name_changed = false;
    for (const json& op : diff.body["changes"]) {
        if (op["path"] == "/name") {
            name_changed = true;
            EXPECT_EQ(op["op"], "replace");
            EXPECT_EQ(op["before"], old_name);
            EXPECT_EQ(op["value"], old_name + " (Perbaikan)");
        }
    }
    EXPECT_TRUE(name_changed) << diff.body.dump();
    EXPECT_EQ(admin.get("/catalog/permits/pelalawan-iumk/diff?from=1&to=x").field(), "to");
    EXPECT_EQ(admin.get("/catalog/permits/pelalawan-iumk/versions/9").status, 404);

    // Restore version 1: a third version with the first one's document.
    const Reply restored = admin.post("/catalog/permits/pelalawan-iumk/restore", {{"version", 1}});
    ASSERT_EQ(restored.status, 200) << restored.body.dump();
    EXPECT_EQ(restored.body["version"]["version"], 3);
    EXPECT_EQ(restored.body["version"]["change"], "restored");
    EXPECT_EQ(anonymous.get("/permits/pelalawan-iumk").body["name"], old_name);
}

TEST_F(CatalogApiTest, ABadDocumentIsRefusedNamingTheFieldAndNothingIsSaved) {
    const json good = opened("dairi-iumk")["permit"];
    struct Case {
        std::string what;
        json permit;
        std::string field;
    };
    std::vector<Case> cases;
    json no_name = good;
    no_name.erase("name");
    cases.push_back({"no name", no_name, "name"});
    json unknown = good;
    unknown["biaya"] = "gratis";
    cases.push_back({"unknown field", unknown, "biaya"});
    json bad_step = good;
    bad_step["steps"][2]["number"] = 9;
    cases.push_back({"steps out of order", bad_step, "steps[2].number"});
    json renamed = good;
    renamed["id"] = "dairi-lain";
    cases.push_back({"id changed", renamed, "id"});
    for (const Case& c : cases) {
        const Reply r = save("dairi-iumk", c.permit, 1);
        EXPECT_EQ(r.status, 400) << c.what << ": " << r.body.dump();
        EXPECT_EQ(r.field(), c.field) << c.what << ": " << r.body.dump();
    }
    // A document with a key twice (pasted by hand) is refused, not read with one of them lost.
    const std::string doubled =
        "{\"permit\": {\"id\": \"dairi-iumk\", \"id\": \"x\"}, "
        "\"base_version\": 1}";
    const Reply twice = admin.raw("PUT", "/catalog/permits/dairi-iumk", doubled);
    EXPECT_EQ(twice.status, 400);
    EXPECT_EQ(admin.raw("PUT", "/catalog/permits/dairi-iumk", "{\"permit\": ").status, 400);
    EXPECT_EQ(save("dairi-iumk", good, 0).field(), "base_version");
    EXPECT_EQ(admin.get("/catalog/permits/dairi-iumk/versions").body["versions"].size(), 1u);

    // Each refusal names its problem with a code the editor translates (docs/catalog-editing.md).
    json bad_unit = good;
    bad_unit["steps"][2]["time"] = "2 minggu";
    const Reply unit = save("dairi-iumk", bad_unit, 1);
    EXPECT_EQ(unit.field(), "steps[2].time");
    EXPECT_EQ(unit.code(), "invalid_time_unit");
    json empty_name = good;
    empty_name["name"] = "";
    EXPECT_EQ(save("dairi-iumk", empty_name, 1).code(), "empty_field");
    EXPECT_EQ(admin.get("/catalog/permits/dairi-iumk/versions").body["versions"].size(), 1u);

    // The preview checks without saving.
    const Reply preview = admin.post("/catalog/preview", {{"permit", bad_step}});
    EXPECT_EQ(preview.status, 400);
    EXPECT_EQ(preview.field(), "steps[2].number");
    const Reply shown = admin.post("/catalog/preview", {{"permit", good}});
    ASSERT_EQ(shown.status, 200);
    EXPECT_EQ(shown.body["preview"]["id"], "dairi-iumk");
}

TEST_F(CatalogApiTest, DuplicateRetireAndTicketsKeepTheirVersion) {
    const Reply copy = admin.post("/catalog/permits/mempawah-sertifikat-standar/duplicate",
                                  {{"new_id", "mempawah-sertifikat-standar-2027"},
                                   {"name", "Sertifikat Standar (SOP 2027)"}});
    ASSERT_EQ(copy.status, 201) << copy.body.dump();
    EXPECT_EQ(copy.body["version"]["change"], "duplicated");
    EXPECT_EQ(anonymous.get("/permits").body["permits"].size(), 6u);
    EXPECT_EQ(admin
                  .post("/catalog/permits/dairi-iumk/duplicate",
                        {{"new_id", "kaltim-ikot"}, {"name", "Salinan"}})
                  .code(),
              "permit_exists");
    EXPECT_EQ(admin
                  .post("/catalog/permits/dairi-iumk/duplicate",
                        {{"new_id", "Bukan Slug"}, {"name", "Salinan"}})
                  .field(),
              "id");

    // A ticket issued now keeps version 1 of the permit, whatever comes later.
    const Reply ticket =
        kiosk.post("/tickets", {{"service", "pendaftaran"}, {"permit_id", "dairi-iumk"}});
    ASSERT_EQ(ticket.status, 201) << ticket.body.dump();
    json permit = opened("dairi-iumk")["permit"];
    permit["keywords"].push_back("izin usaha");
    ASSERT_EQ(save("dairi-iumk", permit, 1).status, 200);

    const Reply retired =
        admin.post("/catalog/permits/mempawah-sertifikat-standar/retire", {{"note", "diganti"}});
    ASSERT_EQ(retired.status, 200) << retired.body.dump();
    EXPECT_TRUE(retired.body["version"]["retired"].get<bool>());
    EXPECT_EQ(anonymous.get("/permits/mempawah-sertifikat-standar").status, 404);
    EXPECT_EQ(kiosk
                  .post("/tickets",
                        {{"service", "pendaftaran"}, {"permit_id", "mempawah-sertifikat-standar"}})
                  .code(),
              "unknown_permit");
    EXPECT_EQ(admin.post("/catalog/permits/mempawah-sertifikat-standar/retire").code(),
              "already_retired");
    bool listed = false;
    const Reply all = admin.get("/catalog/permits");
    for (const json& p : all.body["permits"]) {
        if (p["permit_id"] == "mempawah-sertifikat-standar") {
            listed = true;
            EXPECT_TRUE(p["retired"].get<bool>());
        }
    }
    EXPECT_TRUE(listed) << "the editor still lists a retired permit";

    SQLite::Database db(server.db().string(), SQLite::OPEN_READONLY);
    EXPECT_EQ(
        db.execAndGet("SELECT permit_version FROM tickets WHERE permit_id = 'dairi-iumk'").getInt(),
        1);
}

TEST_F(CatalogApiTest, ExportImportAndTheOfficesEditsOutliveARestart) {
    const Reply exported = admin.get("/catalog/export");
    ASSERT_EQ(exported.status, 200);
    EXPECT_EQ(exported.body["format"], "loket-catalog/1");
    ASSERT_EQ(exported.body["permits"].size(), 5u);

    // Import two permits (the body limit is 64 KiB by default): one changed, one new.
    json changed = exported.body["permits"][4];
    ASSERT_EQ(changed["id"], "pelalawan-sertifikat-produksi-ukmot");
    changed["keywords"].push_back("PIRT");
    json fresh = exported.body["permits"][3];
    fresh["id"] = "pelalawan-iumk-kecamatan";
    fresh["name"] = "Izin Usaha Mikro Kecil (Kecamatan)";
    fresh.erase("short_name");
    json unchanged = exported.body["permits"][2];
    const json batch = {{"format", "loket-catalog/1"}, {"permits", {changed, fresh, unchanged}}};

    json broken = batch;
    broken["permits"][1]["steps"] = json::array();
    const Reply refused = admin.post("/catalog/import", broken);
    EXPECT_EQ(refused.status, 400);
    EXPECT_EQ(refused.field(), "permits[1].steps");
    EXPECT_EQ(anonymous.get("/permits").body["permits"].size(), 5u) << "nothing imported";

    const Reply imported = admin.post("/catalog/import", batch);
    ASSERT_EQ(imported.status, 200) << imported.body.dump();
    EXPECT_EQ(imported.body["created"], 1);
    EXPECT_EQ(imported.body["updated"], 1);
    EXPECT_EQ(imported.body["unchanged"], 1);
    EXPECT_EQ(anonymous.get("/permits").body["permits"].size(), 6u);

    server.restart();
    EXPECT_EQ(anonymous.get("/permits").body["permits"].size(), 6u)
        << "the database's catalog, not the files'";
    const Reply kept = anonymous.get("/permits/pelalawan-sertifikat-produksi-ukmot");
    EXPECT_EQ(kept.body["keywords"].back(), "PIRT");
}

// An office's whole catalog comes back in one request, all or nothing, although it is far
// larger than the 64 KiB other requests may carry; those stay refused with the same code.
TEST_F(CatalogApiTest, AWholeCatalogOfThreeHundredPermitsIsImportedAtOnce) {
    json permits = json::array();
    for (const json& doc : generated_catalog(300))
        permits.push_back(doc);
    const json batch = {{"format", "loket-catalog/1"}, {"permits", permits}};
    ASSERT_GT(batch.dump().size(), 128u * 1024) << "the point is a body over the usual limit";
    const Reply imported = admin.post("/catalog/import", batch);
    ASSERT_EQ(imported.status, 200) << imported.body.dump();
    EXPECT_EQ(imported.body["created"], 300);
    EXPECT_EQ(anonymous.get("/permits").body["permits"].size(), 305u);

    const Reply exported = admin.get("/catalog/export");
    ASSERT_EQ(exported.body["permits"].size(), 305u);
    const Reply again = admin.post("/catalog/import", exported.body);
    ASSERT_EQ(again.status, 200) << again.body.dump();
    EXPECT_EQ(again.body["unchanged"], 305) << "an export imports back unchanged";

    json large_note = {
        {"permit", permits[0]}, {"base_version", 1}, {"note", std::string(70 * 1024, 'x')}};
    const Reply refused = admin.raw(
        "PUT", "/catalog/permits/" + permits[0]["id"].get<std::string>(), large_note.dump());
    EXPECT_EQ(refused.status, 413);
    EXPECT_EQ(refused.code(), "body_too_large") << refused.body.dump();
}

// A permit the office writes from nothing: version 1, "created", on the kiosk at once; the
// same id again is refused and changes nothing.
TEST_F(CatalogApiTest, ANewPermitIsCreatedAsVersionOne) {
    json permit = opened("pelalawan-iumk")["permit"];
    permit["id"] = "izin-reklame";
    permit["name"] = "Izin Penyelenggaraan Reklame";
    permit.erase("short_name");
    const Reply created = admin.post("/catalog/permits", {{"permit", permit}, {"note", "baru"}});
    ASSERT_EQ(created.status, 201) << created.body.dump();
    EXPECT_EQ(created.body["version"]["version"], 1);
    EXPECT_EQ(created.body["version"]["change"], "created");
    EXPECT_EQ(created.body["version"]["saved_by"], "admin");
    const Reply shown = anonymous.get("/permits/izin-reklame");
    ASSERT_EQ(shown.status, 200);
    EXPECT_EQ(shown.body["name"], "Izin Penyelenggaraan Reklame");
    EXPECT_EQ(shown.body["version"], 1);

    const Reply again = admin.post("/catalog/permits", {{"permit", permit}});
    EXPECT_EQ(again.status, 409);
    EXPECT_EQ(again.code(), "permit_exists");
    EXPECT_EQ(admin.get("/catalog/permits/izin-reklame/versions").body["versions"].size(), 1u);
}
