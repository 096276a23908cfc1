// What the real queue-server says and does at start-up: the address ticket QR codes link to
// (public_url, --public-url, and the warning when phones could not open them), the one
// "listening" line, and --always-open for demos outside office hours.
#include <gtest/gtest.h>

#include "api_client.hpp"
#include "server_config.hpp"
#include "temp_dir.hpp"

using namespace loket;
using namespace loket::server;
using namespace loket::testing;

namespace {

// The test configuration with `line` added to its [server] section.
std::string config_with_server_line(const std::string& line) {
    std::string config = kAlwaysOpenConfig;
    const auto at = config.find("[server]\n");
    config.insert(at + 9, line + "\n");
    return config;
}

// The test configuration closed every day: an empty [hours] table.
std::string closed_config() {
    std::string config = kAlwaysOpenConfig;
    const auto start = config.find("[hours]");
    config.replace(start, config.find("[[counters]]") - start, "[hours]\n");
    return config;
}

std::size_t count_of(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
        ++n;
    return n;
}

}  // namespace

TEST(ServerStartUp, TicketStatusUrlUsesTheConfiguredPublicUrl) {
    TempDir dir;
    ServerProcess server(dir.path(),
                         config_with_server_line("public_url = \"http://192.0.2.10:8080/\""));
    ApiClient kiosk(server.url(), kKioskKey);
    const Reply r = kiosk.post("/tickets", {{"service", "informasi"}});
    ASSERT_EQ(r.status, 201) << r.body.dump();
    const std::string token = r.body["ticket"]["status_token"];
    // Not the address the kiosk used (127.0.0.1): the one phones on the office network reach.
    EXPECT_EQ(r.body["status_url"], "http://192.0.2.10:8080/s/" + token);
    const std::string log = server.log_text();
    EXPECT_EQ(log.find("will not open on applicants' phones"), std::string::npos) << log;
    EXPECT_NE(log.find("ticket QR codes link to http://192.0.2.10:8080/s/"), std::string::npos)
        << log;
}

TEST(ServerStartUp, PublicUrlFlagOverridesTheConfiguration) {
    TempDir dir;
    ServerProcess server(dir.path(),
                         config_with_server_line("public_url = \"http://192.0.2.10:8080\""),
                         {"--public-url", "https://antrean.dpmptsp.example.go.id/"});
    ApiClient kiosk(server.url(), kKioskKey);
    const Reply r = kiosk.post("/tickets", {{"service", "informasi"}});
    ASSERT_EQ(r.status, 201) << r.body.dump();
    EXPECT_EQ(r.body["status_url"], "https://antrean.dpmptsp.example.go.id/s/" +
                                        r.body["ticket"]["status_token"].get<std::string>());
}

TEST(ServerStartUp, WarnsWhenNoPublicUrlAndOnlyLoopbackIsKnown) {
    TempDir dir;
    ServerProcess server(dir.path());  // listens on 127.0.0.1, no public_url
    const std::string log = server.log_text();
    EXPECT_NE(log.find("warning public_url"), std::string::npos) << log;
    EXPECT_NE(log.find("public_url is not set and the server listens on 127.0.0.1 only"),
              std::string::npos)
        << log;
    EXPECT_NE(log.find("will not open on applicants' phones"), std::string::npos) << log;
    EXPECT_NE(log.find("--public-url"), std::string::npos) << log;
    // Links still work on this machine: they follow the kiosk's request.
    ApiClient kiosk(server.url(), kKioskKey);
    const Reply r = kiosk.post("/tickets", {{"service", "informasi"}});
    ASSERT_EQ(r.status, 201) << r.body.dump();
    EXPECT_EQ(r.body["status_url"],
              server.url() + "/s/" + r.body["ticket"]["status_token"].get<std::string>());
}

TEST(ServerStartUp, WarnsWhenThePublicUrlIsLoopback) {
    TempDir dir;
    ServerProcess server(dir.path(), kAlwaysOpenConfig, {"--public-url", "http://localhost:8080"});
    const std::string log = server.log_text();
    EXPECT_NE(log.find("public_url \"http://localhost:8080\" names this machine only"),
              std::string::npos)
        << log;
}

TEST(ServerStartUp, BadPublicUrlIsRefusedWithItsSource) {
    TempDir dir;
    std::ofstream(dir / "office.toml") << config_with_server_line("public_url = \"ftp://x\"");
    auto [status, out] =
        run_queue_server_cli({"--db", (dir / "x.db").string(), "--config",
                              (dir / "office.toml").string(), "--listen", "127.0.0.1:0"},
                             "");
    EXPECT_EQ(status, 2);
    EXPECT_NE(out.find("field 'server.public_url': must start with http:// or https://"),
              std::string::npos)
        << out;
    std::tie(status, out) = run_queue_server_cli(
        {"--db", (dir / "x.db").string(), "--listen", "127.0.0.1:0", "--public-url", "http://"},
        "");
    EXPECT_EQ(status, 2);
    EXPECT_NE(out.find("--public-url: has no host name or address"), std::string::npos) << out;
    std::tie(status, out) =
        run_queue_server_cli({"--db", (dir / "x.db").string(), "--listen", "127.0.0.1:0",
                              "--public-url", "http://kantor uji/"},
                             "");
    EXPECT_EQ(status, 2);
    EXPECT_NE(out.find("must not contain spaces"), std::string::npos) << out;
}

TEST(ServerStartUp, LoopbackRecognisesUrlsAndHosts) {
    for (const char* yes : {"127.0.0.1", "http://127.0.0.1:8080", "http://127.1.2.3/x", "localhost",
                            "http://LOCALHOST:80", "https://kiosk.localhost", "::1", "[::1]",
                            "http://[::1]:8080/", "::ffff:127.0.0.1"}) {
        EXPECT_TRUE(is_loopback(yes)) << yes;
    }
    for (const char* no :
         {"0.0.0.0", "192.168.1.10", "http://192.168.1.10:8080", "https://antrean.example.go.id",
          "http://[fd00::2]:8080", "http://localhost.example.id", "http://10.127.0.1"}) {
        EXPECT_FALSE(is_loopback(no)) << no;
    }
}

TEST(ServerStartUp, WarningDependsOnWhereTheServerListens) {
    ServerSettings settings;
    EXPECT_NE(public_url_warning(settings, "0.0.0.0", 8080).find("a kiosk using 127.0.0.1"),
              std::string::npos);
    EXPECT_NE(public_url_warning(settings, "localhost", 8080).find("--listen 0.0.0.0:8080"),
              std::string::npos);
    // Kiosks can only reach a server listening on one LAN address by that address.
    EXPECT_EQ(public_url_warning(settings, "192.168.1.10", 8080), "");
    settings.public_url = "http://192.168.1.10:8080";
    EXPECT_EQ(public_url_warning(settings, "0.0.0.0", 8080), "");
    EXPECT_EQ(public_url_warning(settings, "127.0.0.1", 8080), "");
}

// The listening line goes to standard output once (tests and scripts read it); the log on
// standard error does not repeat it, so a terminal shows it once.
TEST(ServerStartUp, ListeningIsSaidOnce) {
    TempDir dir;
    ServerProcess server(dir.path());
    // Stopped first, so the log is complete (the stdout line may come before log lines).
    EXPECT_EQ(server.stop(SIGTERM), 0);
    const std::string log = server.log_text();
    EXPECT_NE(log.find("stopped; database closed"), std::string::npos) << log;
    EXPECT_EQ(count_of(log, "listening on"), 0u) << log;
}

TEST(ServerStartUp, AlwaysOpenTakesTicketsOutsideOfficeHours) {
    TempDir dir;
    {
        ServerProcess closed(dir.path(), closed_config());
        ApiClient kiosk(closed.url(), kKioskKey);
        EXPECT_EQ(kiosk.post("/tickets", {{"service", "informasi"}}).code(), "office_closed");
    }
    ServerProcess demo(dir.path(), closed_config(), {"--always-open"});
    ApiClient kiosk(demo.url(), kKioskKey);
    EXPECT_TRUE(kiosk.get("/office").body["open"].get<bool>());
    const Reply r = kiosk.post("/tickets", {{"service", "informasi"}});
    EXPECT_EQ(r.status, 201) << r.body.dump();
    EXPECT_NE(demo.log_text().find("--always-open: tickets are taken round the clock"),
              std::string::npos);
}
