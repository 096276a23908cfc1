// The province dashboard's API on the real loket-central binary over a real central
// PostgreSQL holding a real office day: sign-in, every office's today, a range's figures
// with CSV and XLSX, one office's days, and clear errors for bad ranges.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include "api_client.hpp"
#include "central_fixture.hpp"
#include "loket/office.hpp"
#include "loket/province_dashboard.hpp"

extern char** environ;

namespace loket::central {
namespace {

using loket::testing::ApiClient;
using loket::testing::Reply;
using loket::testing::ServerProcess;
using loket::testing::TempDir;

// `loket-central serve` on a port of its choice; stopped with SIGTERM.
class DashboardProcess {
  public:
    DashboardProcess(const std::string& db, const std::filesystem::path& log) {
        std::vector<std::string> args = {
            LOKET_CENTRAL_BIN, "--db",        db,      "serve",
            "--listen",        "127.0.0.1:0", "--web", LOKET_SOURCE_DIR "/assets/central"};
        std::vector<char*> argv;
        for (auto& a : args)
            argv.push_back(a.data());
        argv.push_back(nullptr);
        int out[2];
        EXPECT_EQ(pipe(out), 0);
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, out[1], 1);
        posix_spawn_file_actions_addclose(&actions, out[0]);
        posix_spawn_file_actions_addopen(&actions, 2, log.c_str(), O_WRONLY | O_CREAT | O_APPEND,
                                         0644);
        EXPECT_EQ(posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ), 0);
        posix_spawn_file_actions_destroy(&actions);
        close(out[1]);
        std::string seen;
        char buf[256];
        ssize_t n = 0;
        while (seen.find('\n') == std::string::npos && (n = read(out[0], buf, sizeof buf)) > 0)
            seen.append(buf, static_cast<std::size_t>(n));
        close(out[0]);
        const auto at = seen.find("http://127.0.0.1:");
        EXPECT_NE(at, std::string::npos) << seen;
        if (at != std::string::npos)
            url_ = "http://127.0.0.1:" + std::to_string(std::stoi(seen.substr(at + 17)));
    }
    ~DashboardProcess() {
        ::kill(pid_, SIGTERM);
        int status = 0;
        waitpid(pid_, &status, 0);
    }
    const std::string& url() const { return url_; }

  private:
    pid_t pid_ = -1;
    std::string url_;
};

class DashboardTest : public testing::CentralFixture {
  protected:
    void SetUp() override {
        CentralFixture::SetUp();
        add_province_user(pg.admin_connection(), "ayu.prov", "viewer", "sandi-provinsi-1");
        testing::run_office_day(office);
        EventShipper(office.db(), office_connection("kab-mempawah"), 500,
                     to_json(parse_office_config(loket::testing::kAlwaysOpenConfig, "test")))
            .ship_available();
        EventShipper(office_db("singkawang.db", 30), office_connection("kota-singkawang"))
            .ship_available();
    }
    std::string signed_in_token() {
        const Reply r =
            ApiClient(dashboard.url())
                .post("/auth/login", {{"username", "ayu.prov"}, {"password", "sandi-provinsi-1"}});
        EXPECT_EQ(r.status, 200) << r.body.dump();
        return r.body.value("token", "");
    }
    std::string today() {
        return ApiClient(office.url()).get("/office").body["local_date"].get<std::string>();
    }

    TempDir office_dir;
    ServerProcess office{office_dir.path()};
    DashboardProcess dashboard{pg.admin_connection(), dir / "dashboard.log"};
};

TEST_F(DashboardTest, OnlySignedInProvinceStaffSeeAnything) {
    ApiClient anonymous(dashboard.url());
    const Reply refused = anonymous.get("/today");
    EXPECT_EQ(refused.status, 401);
    EXPECT_EQ(refused.code(), "not_signed_in");
    EXPECT_EQ(refused.body["error"]["message"], "Silakan masuk terlebih dahulu");

    const Reply wrong =
        anonymous.post("/auth/login", {{"username", "ayu.prov"}, {"password", "salah-sandi-99"}});
    EXPECT_EQ(wrong.status, 401);
    EXPECT_EQ(wrong.code(), "login_failed");
    EXPECT_EQ(anonymous.post("/auth/login", {{"username", "ayu.prov"}}).status, 400);
    EXPECT_EQ(anonymous.post("/auth/login", {{"username", "nobody"}, {"password", "x"}}).status,
              401);

    ApiClient viewer(dashboard.url(), signed_in_token());
    const Reply me = viewer.get("/me");
    EXPECT_EQ(me.status, 200);
    EXPECT_EQ(me.body["name"], "ayu.prov");
    EXPECT_EQ(me.body["role"], "viewer");
    EXPECT_EQ(viewer.post("/auth/logout").status, 204);
    EXPECT_EQ(viewer.get("/today").status, 401);
}

TEST_F(DashboardTest, EveryOfficesTodayAndARangesFiguresWithExports) {
    ApiClient viewer(dashboard.url(), signed_in_token());
    const Reply now = viewer.get("/today");
    ASSERT_EQ(now.status, 200) << now.body.dump();
    ASSERT_EQ(now.body["offices"].size(), 2u);
    const auto& mempawah = now.body["offices"][0];
    EXPECT_EQ(mempawah["code"], "kab-mempawah");
    EXPECT_EQ(mempawah["waiting"], 3);
    EXPECT_EQ(mempawah["counters_open"], 2);
    EXPECT_EQ(mempawah["issued"], 7);
    EXPECT_EQ(mempawah["served"], 4);
    EXPECT_TRUE(mempawah["last_event_at"].is_number());

    const std::string day = today();
    const Reply figures = viewer.get("/figures?from=" + day + "&to=" + day);
    ASSERT_EQ(figures.status, 200) << figures.body.dump();
    const auto& f = figures.body["offices"][0];
    EXPECT_EQ(f["name"], "DPMPTSP Kabupaten Mempawah");
    EXPECT_EQ(f["issued"], 7);
    EXPECT_EQ(f["served"], 4);
    EXPECT_EQ(f["no_show"], 1);
    EXPECT_EQ(f["no_show_rate"], 0.2);
    EXPECT_TRUE(f["wait"]["p90"].is_number());
    EXPECT_EQ(f["applications"]["registered"], 0);
    EXPECT_TRUE(f["applications"]["within_standard_share"].is_null());

    const Reply days = viewer.get("/offices/kab-mempawah/days?from=" + day + "&to=" + day);
    ASSERT_EQ(days.status, 200);
    ASSERT_EQ(days.body["days"].size(), 1u);
    EXPECT_EQ(days.body["days"][0]["served"], 4);
    EXPECT_EQ(viewer.get("/offices/kab-nowhere/days?from=" + day + "&to=" + day).status, 404);

    const HttpResult csv = ApiClient(dashboard.url(), "").get_whole("/figures.csv");
    EXPECT_EQ(csv.status(), 401);
    loket::HttpClient client(
        loket::testing::test_client_options(dashboard.url() + "/api/v1", signed_in_token()));
    const HttpResult table = client.get("/figures.csv?from=" + day + "&to=" + day);
    ASSERT_EQ(table.status(), 200);
    EXPECT_EQ(table.response->body.rfind("\xEF\xBB\xBF"
                                         "Kode,Kantor,Tiket,Dilayani",
                                         0),
              0u)
        << table.response->body;
    EXPECT_NE(table.response->body.find("kab-mempawah,DPMPTSP Kabupaten Mempawah,7,4,1,"),
              std::string::npos)
        << table.response->body;
    const HttpResult english = client.get("/figures.csv?from=" + day + "&to=" + day + "&lang=en");
    EXPECT_NE(english.response->body.find("Code,Office,Tickets,Served"), std::string::npos);
    const HttpResult workbook = client.get("/figures.xlsx?from=" + day + "&to=" + day);
    ASSERT_EQ(workbook.status(), 200);
    EXPECT_EQ(workbook.response->body.substr(0, 2), "PK");
}

TEST_F(DashboardTest, ABadRangeIsRefusedNamingTheField) {
    ApiClient viewer(dashboard.url(), signed_in_token());
    const auto refused = [&](const std::string& query) {
        const Reply r = viewer.get("/figures?" + query);
        EXPECT_EQ(r.status, 400) << query;
        return r.code() + ":" + r.field();
    };
    EXPECT_EQ(refused("from=2026-13-01&to=2026-12-31"), "invalid_date:from");
    EXPECT_EQ(refused("from=2026-12-01"), "invalid_date:to");
    EXPECT_EQ(refused("from=2026-12-10&to=2026-12-01"), "range_order:to");
    EXPECT_EQ(refused("from=2025-01-01&to=2026-12-31"), "range_too_long:to");
    const Reply r = viewer.get("/figures?from=2026-12-10&to=2026-12-01");
    EXPECT_EQ(r.body["error"]["message"], "Tanggal akhir sebelum tanggal awal");
    EXPECT_EQ(r.body["error"]["message_en"], "The end date is before the start date");
    EXPECT_EQ(viewer.get("/no-such-thing").status, 404);
}

TEST_F(DashboardTest, TheDashboardSaysSoWhenCentralsDatabaseIsDown) {
    ApiClient viewer(dashboard.url(), signed_in_token());
    pg.stop("immediate");
    const Reply down = viewer.get("/today");
    EXPECT_EQ(down.status, 503);
    EXPECT_EQ(down.code(), "database_unavailable");
    pg.start();
    Reply back;
    for (int i = 0; i < 50 && back.status != 200; ++i) {
        back = viewer.get("/today");
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    EXPECT_EQ(back.status, 200);
}

}  // namespace
}  // namespace loket::central
