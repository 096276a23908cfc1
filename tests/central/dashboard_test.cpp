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
#include "loket/central_store.hpp"
#include "loket/input_error.hpp"
#include "loket/office.hpp"
#include "loket/province_dashboard.hpp"
#include "tls_identity.hpp"

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
    DashboardProcess(const std::string& db, const std::filesystem::path& log,
                     const std::vector<std::string>& serve_options = {"--listen", "127.0.0.1:0"}) {
        std::vector<std::string> args = {
            LOKET_CENTRAL_BIN, "--db", db, "serve", "--web", LOKET_SOURCE_DIR "/assets/central"};
        args.insert(args.end(), serve_options.begin(), serve_options.end());
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
        // Up to the end of the "listening on" line (log lines may come first).
        const auto heard = [&] {
            const auto at = seen.find("listening on ");
            return at != std::string::npos && seen.find('\n', at) != std::string::npos;
        };
        while (!heard() && (n = read(out[0], buf, sizeof buf)) > 0)
            seen.append(buf, static_cast<std::size_t>(n));
        close(out[0]);
        // "listening on http://127.0.0.1:PORT" (or https, or 0.0.0.0: reached on loopback).
        const std::string said = "listening on ";
        const auto at = seen.find(said);
        EXPECT_NE(at, std::string::npos) << seen;
        if (at != std::string::npos) {
            url_ = seen.substr(at + said.size(), seen.find('\n', at) - at - said.size());
            if (const auto any = url_.find("0.0.0.0"); any != std::string::npos)
                url_.replace(any, 7, "127.0.0.1");
        }
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

    const net::HttpResult csv = ApiClient(dashboard.url(), "").get_whole("/figures.csv");
    EXPECT_EQ(csv.status(), 401);
    loket::net::HttpClient client(
        loket::testing::test_client_options(dashboard.url() + "/api/v1", signed_in_token()));
    const net::HttpResult table = client.get("/figures.csv?from=" + day + "&to=" + day);
    ASSERT_EQ(table.status(), 200);
    EXPECT_EQ(table.response->body.rfind("\xEF\xBB\xBF"
                                         "Kode,Kantor,Tiket,Dilayani",
                                         0),
              0u)
        << table.response->body;
    EXPECT_NE(table.response->body.find("kab-mempawah,DPMPTSP Kabupaten Mempawah,7,4,1,"),
              std::string::npos)
        << table.response->body;
    const net::HttpResult english =
        client.get("/figures.csv?from=" + day + "&to=" + day + "&lang=en");
    EXPECT_NE(english.response->body.find("Code,Office,Tickets,Served"), std::string::npos);
    const net::HttpResult workbook = client.get("/figures.xlsx?from=" + day + "&to=" + day);
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

// The role `loket-central init --dashboard-role` makes reads every figure and keeps sign-in
// sessions, and can neither ship events nor write the folded tables.
TEST_F(DashboardTest, TheDashboardsOwnRoleReadsTheFiguresAndWritesNoData) {
    grant_dashboard_access(pg.admin_connection(), "loket-central", "sandi-dasbor-12345");
    const std::string as_dashboard = "host=127.0.0.1 port=" + std::to_string(pg.port()) +
                                     " dbname=loket user=loket-central "
                                     "password=sandi-dasbor-12345 sslmode=verify-full "
                                     "sslrootcert=" +
                                     pg.ca_file().string();
    ProvinceDashboard as_role(as_dashboard, 1);
    const auto token = as_role.login("ayu.prov", "sandi-provinsi-1");
    ASSERT_TRUE(token.has_value());
    EXPECT_TRUE(as_role.user_of(*token).has_value());
    EXPECT_EQ(as_role.today()["offices"].size(), 2u);
    const std::string day = today();
    EXPECT_EQ(as_role.figures(day, day)["offices"][0]["served"], 4);
    EXPECT_TRUE(as_role.office_days("kab-mempawah", day, day).has_value());
    as_role.logout(*token);
    EXPECT_FALSE(as_role.user_of(*token).has_value());

    pqxx::connection c(as_dashboard);
    const auto refused = [&](const std::string& statement) {
        try {
            pqxx::work w(c);
            w.exec0(statement);
            w.commit();
        } catch (const pqxx::insufficient_privilege&) {  // 42501; libpqxx 6.4 keeps no SQLSTATE
            return std::string("insufficient_privilege");
        } catch (const pqxx::sql_error& e) {
            return std::string(e.sqlstate());
        }
        return std::string("done");
    };
    EXPECT_EQ(refused("SELECT loket.ingest('[]'::jsonb)"), "insufficient_privilege");
    EXPECT_EQ(refused("SELECT loket.keep_days('kab-mempawah', ARRAY[current_date])"),
              "insufficient_privilege");
    EXPECT_EQ(refused("DELETE FROM loket.tickets"), "insufficient_privilege");
    EXPECT_EQ(refused("UPDATE loket.province_users SET role = 'admin'"), "insufficient_privilege");
    // Run again (after an upgrade): idempotent.
    EXPECT_NO_THROW(grant_dashboard_access(pg.admin_connection(), "loket-central"));
    EXPECT_THROW(grant_dashboard_access(pg.admin_connection(), "office_kab-mempawah"), InputError);
    EXPECT_THROW(grant_dashboard_access(pg.admin_connection(), "Loket Central"), InputError);
}

// `loket-central serve` on any address speaks HTTPS: the province's own pair, or a self-signed
// one it makes on first start and keeps; plain HTTP is only for a loopback address (a reverse
// proxy in front).
class DashboardTransportTest : public testing::CentralFixture {};

TEST_F(DashboardTransportTest, PlainHttpOnlyOnLoopbackAndASelfSignedPairOtherwise) {
    const std::string command = std::string(LOKET_CENTRAL_BIN) + " --db '" + pg.admin_connection() +
                                "' serve --listen 0.0.0.0:0 2>&1";
    FILE* pipe = popen(command.c_str(), "r");
    ASSERT_NE(pipe, nullptr);
    std::string said;
    char buf[256];
    while (std::fgets(buf, sizeof buf, pipe))
        said += buf;
    EXPECT_EQ(WEXITSTATUS(pclose(pipe)), 2) << said;
    EXPECT_NE(said.find("plain HTTP only on a loopback address"), std::string::npos) << said;

    const std::filesystem::path keep = dir / "central-tls";
    DashboardProcess dashboard(pg.admin_connection(), dir / "tls.log",
                               {"--listen", "0.0.0.0:0", "--self-signed", keep.string()});
    ASSERT_EQ(dashboard.url().rfind("https://127.0.0.1:", 0), 0u) << dashboard.url();
    const server::TlsIdentity identity =
        server::load_or_create_tls_identity("", "", keep / "dashboard", {}, {});
    EXPECT_FALSE(identity.created);  // made by loket-central, found here
    EXPECT_EQ(std::filesystem::status(identity.private_key_file).permissions() &
                  (std::filesystem::perms::group_all | std::filesystem::perms::others_all),
              std::filesystem::perms::none);

    net::HttpClientOptions options =
        loket::testing::test_client_options(dashboard.url() + "/api/v1");
    options.server_fingerprint = identity.fingerprint;
    const net::HttpResult pinned = net::HttpClient(options).get("/today");
    EXPECT_EQ(pinned.status(), 401) << pinned.error;  // HTTPS answered; sign-in still asked
    options.server_fingerprint = std::string(95, 'A');
    for (std::size_t i = 2; i < options.server_fingerprint.size(); i += 3)
        options.server_fingerprint[i] = ':';
    EXPECT_EQ(net::HttpClient(options).get("/today").status(), 0);  // another certificate: refused
}

}  // namespace
}  // namespace loket::central
