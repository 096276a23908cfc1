// The model with its workers against the real queue-server on loopback: polling, recovery,
// retries with the same idempotency key, printing and reporting, the idle timer. The test
// thread plays the UI thread.
#include "runtime.hpp"

#include <gtest/gtest.h>

#include <deque>
#include <mutex>

#include "api_client.hpp"
#include "closed_port.hpp"
#include "kiosk_runtime_harness.hpp"
#include "kiosk_test_support.hpp"
#include "temp_dir.hpp"

namespace loket::kiosk {
namespace {

using namespace std::chrono_literals;
using loket::kiosk::testing::Harness;
using loket::kiosk::testing::Supervisor;
using loket::testing::ApiClient;
using loket::testing::kKioskKey;
using loket::testing::ServerProcess;
using loket::testing::TempDir;

TEST(KioskRuntime, ServerDownAtStartThenUpRecoversByItself) {
    TempDir dir;
    ServerProcess server(dir.path());
    const std::string url = server.url();
    server.stop(SIGKILL);  // a crash: no goodbye to anyone
    Harness h(url, "none");
    ASSERT_TRUE(h.until([&] { return h.model().screen() == Screen::offline; }));
    server.start();  // same port
    ASSERT_TRUE(h.until([&] { return h.model().screen() == Screen::start; }));
    EXPECT_TRUE(h.model().can_take_numbers());
    ASSERT_TRUE(h.until([&] { return h.model().services().size() == 4; }));
}

TEST(KioskRuntime, ServerGoingAwayMidIssueThenRetryMakesExactlyOneTicket) {
    TempDir dir;
    ServerProcess server(dir.path());
    loket::testing::TempDir out;
    Harness h(server.url(), "file:" + (out / "printer.bin").string());
    ASSERT_TRUE(h.until([&] { return h.model().screen() == Screen::start; }));
    h.tap([](Model& m) { m.choose_service("informasi"); });
    server.stop(SIGKILL);
    h.tap([](Model& m) { m.choose_priority(Priority::Lansia); });
    ASSERT_TRUE(h.until([&] { return h.model().screen() == Screen::error; }));
    EXPECT_EQ(h.model().error().kind, FailureKind::unreachable);
    const std::string key = h.model().idempotency_key();
    ASSERT_FALSE(key.empty());
    ASSERT_TRUE(h.until([&] { return !h.model().online(); }));  // the banner comes up

    server.start();
    ASSERT_TRUE(h.until([&] { return h.model().online(); }));
    h.tap([](Model& m) { m.retry(); });
    ASSERT_TRUE(h.until([&] { return h.model().screen() == Screen::ticket; }));
    EXPECT_EQ(h.model().ticket()->number, "A-001");

    // The same key again (a reply lost on the way back) gets the same ticket, not a new one.
    ServerClientOptions o;
    o.server_url = server.url();
    o.device_key = kKioskKey;
    ServerClient client(o);
    const auto again = client.issue({"informasi", Priority::Lansia, ""}, key);
    ASSERT_TRUE(again.ok());
    EXPECT_TRUE(again.value().replayed);
    EXPECT_EQ(again.value().number, "A-001");
    EXPECT_EQ(Supervisor(server).tickets().size(), 1u);
}

TEST(KioskRuntime, PrintOutcomesReachTheServer) {
    TempDir dir;
    ServerProcess server(dir.path());
    // A printer port nothing listens on.
    Harness h(server.url(), "tcp:127.0.0.1:" + std::to_string(loket::testing::closed_port()));
    ASSERT_TRUE(h.until([&] { return h.model().screen() == Screen::start; }));
    h.tap([](Model& m) { m.choose_service("pendaftaran"); });
    h.tap([](Model& m) { m.choose_priority(Priority::None); });
    ASSERT_TRUE(h.until([&] { return h.model().print_state() == PrintState::failed; }));
    EXPECT_EQ(h.model().screen_key(), "ticket-print-failed");
    EXPECT_FALSE(h.model().print_message().empty());
    Supervisor supervisor(server);
    nlohmann::json tickets;
    ASSERT_TRUE(h.until([&] {
        tickets = supervisor.tickets();
        return tickets.size() == 1 && tickets[0]["print_status"] == "failed";
    }));
    EXPECT_EQ(tickets[0]["number"], "C-001");
    EXPECT_FALSE(tickets[0]["print_problem"].get<std::string>().empty());
}

TEST(KioskRuntime, IdleTimerReturnsToStartWithoutATouch) {
    TempDir dir;
    ServerProcess server(dir.path());
    Harness h(server.url(), "none", 400ms);
    ASSERT_TRUE(h.until([&] { return h.model().screen() == Screen::start; }));
    h.tap([](Model& m) { m.open_permit_info(); });
    ASSERT_TRUE(h.until([&] { return !h.model().results().empty(); }));
    EXPECT_EQ(h.model().screen(), Screen::permits);
    ASSERT_TRUE(h.until([&] { return h.model().screen() == Screen::start; }, 3s));
    EXPECT_TRUE(h.model().results().empty());
}

}  // namespace
}  // namespace loket::kiosk
