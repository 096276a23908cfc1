// Clients survive the server: a waiting-room display and a kiosk, each with its own
// workers, run side by side against the real queue-server binary while it is killed with
// SIGKILL and restarted, again and again, with applicants taking numbers and counters calling
// throughout. Afterwards nothing is missed: every call is on the display once and in order and
// read aloud once; every number the kiosk handed out exists once on the server; and the kiosk's
// waiting counts match the server's.
#include <gtest/gtest.h>

#include <set>

#include "display_app.hpp"
#include "display_test_support.hpp"
#include "kiosk_runtime_harness.hpp"
#include "temp_dir.hpp"

namespace {

using namespace loket::testing;
using namespace std::chrono_literals;
using loket::kiosk::Model;
using loket::kiosk::Priority;
using loket::kiosk::Screen;
using loket::kiosk::testing::Harness;
using loket::kiosk::testing::Supervisor;

constexpr int kRestarts = 6;

loket::display::DisplayConfig display_config(const std::string& url,
                                             const std::filesystem::path& wav) {
    loket::display::DisplayConfig c;
    c.server = url;
    c.device_key = kDisplayKey;
    c.audio_out = wav;
    c.reconnect_max_ms = 400;  // the test waits for reconnects; an installation backs off more
    return c;
}

// The applicant taps "Coba lagi" while the kiosk shows its error and the server is back, until
// the ticket is shown (30 s at most).
bool retry_until_ticket(Harness& kiosk) {
    return kiosk.until(
        [&] {
            if (kiosk.model().screen() == Screen::error && kiosk.model().online())
                kiosk.tap([](Model& m) { m.retry(); });
            return kiosk.model().screen() == Screen::ticket;
        },
        30s);
}

// One applicant at the kiosk: Informasi, no priority, the confirmation, "Selesai". If the server
// is down the kiosk shows its error; the applicant taps "Coba lagi" until it works, which must
// give one ticket (same idempotency key), never two.
std::string take_number(Harness& kiosk) {
    EXPECT_TRUE(kiosk.until([&] { return kiosk.model().screen() == Screen::start; }, 30s));
    EXPECT_TRUE(kiosk.until([&] { return kiosk.model().can_take_numbers(); }, 30s));
    kiosk.tap([](Model& m) { m.choose_service("informasi"); });
    kiosk.tap([](Model& m) { m.choose_priority(Priority::None); });
    const bool issued = retry_until_ticket(kiosk);
    EXPECT_TRUE(issued) << "kiosk stuck on " << kiosk.model().screen_key();
    if (!issued)
        return "";
    const std::string number = kiosk.model().ticket()->number;
    kiosk.tap([](Model& m) { m.finish(); });
    return number;
}

// The display caught up with every call: each once, in order, and read aloud once each (its
// announcements in `wav`'s log).
void expect_every_call_shown_and_read_once(loket::display::DisplayApp& display,
                                           const std::filesystem::path& wav,
                                           const std::vector<std::pair<std::string, int>>& called) {
    ASSERT_TRUE(
        wait_until([&] { return display.floor().call_log().size() >= called.size(); }, 30s));
    std::this_thread::sleep_for(300ms);  // nothing more may arrive
    const auto log = display.floor().call_log();
    ASSERT_EQ(log.size(), called.size());
    std::set<std::int64_t> event_ids;
    for (std::size_t i = 0; i < log.size(); ++i) {
        EXPECT_EQ(log[i].number, called[i].first) << "call " << i;
        EXPECT_EQ(log[i].counter, called[i].second) << "call " << i;
        EXPECT_TRUE(event_ids.insert(log[i].event_id).second) << "shown twice: " << log[i].number;
    }
    // One stream at the start and a new one after each restart.
    EXPECT_TRUE(wait_until([&] {
        return display.floor().stream_status().connections >= std::uint64_t(kRestarts + 1);
    })) << display.floor().stream_status().connections
        << " connections";
    ASSERT_TRUE(wait_until(
        [&] {
            return read_announcements(loket::display::WavFileSink::log_path(wav)).size() >=
                   called.size();
        },
        60s));
    std::this_thread::sleep_for(300ms);
    const auto spoken = read_announcements(loket::display::WavFileSink::log_path(wav));
    ASSERT_EQ(spoken.size(), called.size());
    for (std::size_t i = 0; i < spoken.size(); ++i)
        EXPECT_EQ(spoken[i].ticket, called[i].first) << "announcement " << i;
    EXPECT_EQ(display.queue().stats().duplicates, 0u);
}

// Every number the kiosk handed out is on the server once; the server has no others.
void expect_handed_out_once_on_server(ServerProcess& server,
                                      const std::vector<std::string>& handed_out) {
    const nlohmann::json tickets = Supervisor(server).tickets();
    std::multiset<std::string> on_server;
    for (const auto& t : tickets)
        on_server.insert(t["number"].get<std::string>());
    EXPECT_EQ(on_server.size(), handed_out.size());
    for (const std::string& number : handed_out)
        EXPECT_EQ(on_server.count(number), 1u) << number;
}

// The kiosk's start screen caught up: its waiting count is the server's.
void expect_kiosk_waiting_count(Harness& kiosk, int waiting_on_server) {
    ASSERT_TRUE(kiosk.until([&] { return kiosk.model().screen() == Screen::start; }));
    EXPECT_TRUE(kiosk.until([&] {
        for (const auto& s : kiosk.model().services())
            if (s.id == "informasi")
                return s.waiting == waiting_on_server;
        return false;
    })) << "server has "
        << waiting_on_server << " waiting";
}

TEST(ClientsSurviveTheServer, DisplayAndKioskKeepRunningAcrossRepeatedKillsAndMissNothing) {
    TempDir dir;
    ServerProcess server(dir.path());
    Floor floor(server);
    floor.open(1);  // Informasi
    floor.open(5);  // Informasi and Customer Service

    loket::display::DisplayApp display(display_config(server.url(), dir / "calls.wav"), nullptr);
    display.start();
    Harness kiosk(server.url(), "file:" + (dir / "printer.bin").string());

    std::vector<std::string> handed_out;  // numbers the kiosk showed to applicants
    std::vector<std::pair<std::string, int>> called;
    const auto call = [&](int counter) {
        floor.clear(counter);
        const std::string number = floor.call_next(counter);
        ASSERT_FALSE(number.empty());
        called.emplace_back(number, counter);
    };

    for (int round = 0; round < kRestarts; ++round) {
        // Normal work: two applicants, two calls.
        handed_out.push_back(take_number(kiosk));
        handed_out.push_back(take_number(kiosk));
        call(round % 2 ? 5 : 1);
        ASSERT_TRUE(wait_until([&] { return display.floor().call_log().size() == called.size(); }))
            << "round " << round;

        // The server dies without a goodbye, mid-morning.
        ASSERT_EQ(server.stop(SIGKILL), -SIGKILL);
        // An applicant taps while it is down: the kiosk explains and waits.
        kiosk.tap([](Model& m) { m.choose_service("informasi"); });
        kiosk.tap([](Model& m) { m.choose_priority(Priority::None); });
        ASSERT_TRUE(kiosk.until([&] { return kiosk.model().screen() == Screen::error; }))
            << kiosk.model().screen_key();
        ASSERT_TRUE(kiosk.until([&] { return !kiosk.model().online(); }));

        server.start();
        // A call right after the restart, before the display has reconnected.
        call(round % 2 ? 1 : 5);
        // The waiting applicant retries and gets exactly one number.
        ASSERT_TRUE(retry_until_ticket(kiosk)) << kiosk.model().screen_key();
        handed_out.push_back(kiosk.model().ticket()->number);
        kiosk.tap([](Model& m) { m.finish(); });
    }

    ASSERT_NO_FATAL_FAILURE(
        expect_every_call_shown_and_read_once(display, dir / "calls.wav", called));
    expect_handed_out_once_on_server(server, handed_out);
    expect_kiosk_waiting_count(kiosk, static_cast<int>(handed_out.size() - called.size()));
}

}  // namespace
