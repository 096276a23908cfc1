// Managing staff without a browser, and what the server says at first start.
#include <gtest/gtest.h>

#include "api_client.hpp"
#include "temp_dir.hpp"

using namespace loket::testing;

TEST(ServerCli, AddListDisableUsers) {
    TempDir dir;
    const std::string db = (dir / "loket.db").string();
    auto [status, out] = run_queue_server_cli(
        {"--db", db, "user", "add", "siti", "--role", "supervisor", "--password-stdin"},
        "rahasia-123\n");
    EXPECT_EQ(status, 0) << out;
    std::tie(status, out) = run_queue_server_cli({"--db", db, "user", "list"}, "");
    EXPECT_EQ(out, "siti\tsupervisor\n");
    std::tie(status, out) = run_queue_server_cli({"--db", db, "user", "disable", "siti"}, "");
    EXPECT_EQ(status, 0);
    std::tie(status, out) = run_queue_server_cli({"--db", db, "user", "list"}, "");
    EXPECT_EQ(out, "siti\tsupervisor\tdisabled\n");
    // Bad input: short password, bad role, no --password-stdin, bad name.
    std::tie(status, out) = run_queue_server_cli(
        {"--db", db, "user", "add", "rudi", "--role", "staff", "--password-stdin"}, "pendek\n");
    EXPECT_EQ(status, 2);
    EXPECT_NE(out.find("at least 8"), std::string::npos) << out;
    std::tie(status, out) = run_queue_server_cli(
        {"--db", db, "user", "add", "rudi", "--role", "raja", "--password-stdin"}, "rahasia-123\n");
    EXPECT_EQ(status, 2);
    std::tie(status, out) = run_queue_server_cli(
        {"--db", db, "user", "add", "rudi", "--role", "staff"}, "rahasia-123\n");
    EXPECT_EQ(status, 2);
    EXPECT_NE(out.find("--password-stdin"), std::string::npos);
    std::tie(status, out) = run_queue_server_cli(
        {"--db", db, "user", "add", "Rudi Hartono", "--password-stdin"}, "rahasia-123\n");
    EXPECT_EQ(status, 2);
}

TEST(ServerCli, FirstStartExplainsHowToCreateTheFirstAdmin) {
    TempDir dir;
    ServerProcess server(dir.path());
    const std::string log = server.log_text();
    EXPECT_NE(log.find("no staff accounts yet"), std::string::npos) << log;
    EXPECT_NE(log.find("user add admin --role admin --password-stdin"), std::string::npos);
}

TEST(ServerCli, BadConfigurationIsReportedByFileAndField) {
    TempDir dir;
    std::ofstream(dir / "bad.toml") << "[office]\ntime_zone = \"CET\"\n";
    auto [status, out] =
        run_queue_server_cli({"--db", (dir / "x.db").string(), "--config",
                              (dir / "bad.toml").string(), "--listen", "127.0.0.1:0"},
                             "");
    EXPECT_EQ(status, 2);
    EXPECT_NE(out.find("bad.toml: field 'office.time_zone'"), std::string::npos) << out;
    std::ofstream(dir / "bad2.toml")
        << "[[devices]]\nname = \"k\"\nrole = \"kiosk\"\nkey = \"short\"\n";
    std::tie(status, out) =
        run_queue_server_cli({"--db", (dir / "x.db").string(), "--config",
                              (dir / "bad2.toml").string(), "--listen", "127.0.0.1:0"},
                             "");
    EXPECT_EQ(status, 2);
    EXPECT_NE(out.find("devices[0].key"), std::string::npos) << out;
}

// httplib's default socket options set SO_REUSEPORT, with which a second server would share the
// port and take half the kiosks' requests into another database. It must refuse instead.
TEST(ServerCli, ASecondServerOnTheSamePortRefusesToStart) {
    TempDir dir;
    ServerProcess first(dir.path());
    auto [status, out] = run_queue_server_cli(
        {"--db", (dir / "second.db").string(), "--config", first.config_path().string(), "--listen",
         "127.0.0.1:" + std::to_string(first.port())},
        "");
    EXPECT_EQ(status, 1);
    EXPECT_NE(out.find("cannot listen on 127.0.0.1:" + std::to_string(first.port())),
              std::string::npos)
        << out;
}

// A morning's kiosks, counters and displays connect at once: the listen queue must hold them
// (httplib's compiled-in backlog is 5, after which the kernel drops connections for 1 s).
TEST(ServerCli, TheListenQueueHoldsABurstOfConnections) {
    TempDir dir;
    ServerProcess server(dir.path());
    // For a listening socket, ss reports the backlog in the Send-Q column.
    const std::string command =
        "ss -Hltn 'sport = :" + std::to_string(server.port()) + "' | awk '{print $3}'";
    FILE* pipe = popen(command.c_str(), "r");
    ASSERT_NE(pipe, nullptr);
    char line[64] = {};
    const bool read = std::fgets(line, sizeof line, pipe) != nullptr;
    pclose(pipe);
    ASSERT_TRUE(read) << "ss printed nothing for port " << server.port();
    EXPECT_GE(std::atoi(line), 128) << "listen backlog";
}
