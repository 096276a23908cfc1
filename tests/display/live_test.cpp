// The display in-process (display_lib: LiveFloor with its SSE client, the announcement queue
// and the WAV sink) against the real queue-server on loopback, through a proxy that can cut
// the display's connection.
#include <gtest/gtest.h>

#include <set>

#include "display_app.hpp"
#include "display_test_support.hpp"
#include "ready_application.hpp"
#include "temp_dir.hpp"
#include "view.hpp"

namespace loket::display {
namespace {

using namespace loket::testing;
using namespace std::chrono_literals;

struct Expected {
    std::string number;
    int counter;
};

DisplayConfig config_for(const std::string& url, const std::filesystem::path& wav) {
    DisplayConfig c;
    c.server = url;
    c.device_key = kDisplayKey;
    c.audio_out = wav;
    c.reconnect_max_ms = 400;  // the test waits for reconnects; an installation backs off more
    return c;
}

bool connected(DisplayApp& app) {
    const FloorView v = app.floor().view();
    return v.loaded && v.connection == Connection::Connected;
}

void expect_calls(const std::vector<CallRecord>& log, const std::vector<Expected>& expected) {
    ASSERT_EQ(log.size(), expected.size());
    std::set<std::int64_t> ids;
    for (std::size_t i = 0; i < log.size(); ++i) {
        EXPECT_EQ(log[i].number, expected[i].number) << "call " << i;
        EXPECT_EQ(log[i].counter, expected[i].counter) << "call " << i;
        EXPECT_TRUE(ids.insert(log[i].event_id).second) << "shown twice: " << log[i].number;
        if (i > 0) {
            EXPECT_GT(log[i].event_id, log[i - 1].event_id) << "out of order";
        }
    }
}

void expect_announced(const std::filesystem::path& wav, const std::vector<Expected>& expected,
                      std::size_t from = 0) {
    ASSERT_TRUE(wait_until([&] {
        return read_announcements(WavFileSink::log_path(wav)).size() >= from + expected.size();
    })) << read_text(WavFileSink::log_path(wav));
    std::this_thread::sleep_for(200ms);  // nothing more may come
    const auto lines = read_announcements(WavFileSink::log_path(wav));
    ASSERT_EQ(lines.size(), from + expected.size()) << read_text(WavFileSink::log_path(wav));
    for (std::size_t i = 0; i < expected.size(); ++i) {
        EXPECT_EQ(lines[from + i].ticket, expected[i].number);
        EXPECT_EQ(lines[from + i].counter, expected[i].counter);
    }
}

TEST(DisplayLive, CallsAppearInOrderAndAreEachAnnouncedOnce) {
    TempDir dir;
    ServerProcess server(dir.path());
    Floor floor(server);
    floor.issue("informasi", 4);
    floor.issue("customer_service", 2);
    for (int c : {1, 2, 5})
        floor.open(c);

    DisplayApp app(config_for(server.url(), dir / "calls.wav"), nullptr);
    app.start();
    ASSERT_TRUE(wait_until([&] { return connected(app); }));
    EXPECT_EQ(app.floor().view().counters.size(), 3u);

    std::vector<Expected> expected;
    expected.push_back({floor.call_next(1), 1});
    expected.push_back({floor.call_next(2), 2});
    expected.push_back({floor.call_next(5), 5});
    floor.clear(1);
    expected.push_back({floor.call_next(1), 1});
    EXPECT_EQ(expected[0].number, "A-001");
    EXPECT_EQ(expected[1].number, "B-001");

    ASSERT_TRUE(wait_until([&] { return app.floor().call_log().size() >= 4; }));
    expect_calls(app.floor().call_log(), expected);
    const FloorView v = app.floor().view();
    EXPECT_EQ(v.current->number, expected[3].number);
    ASSERT_EQ(v.recent.size(), 3u);
    EXPECT_EQ(v.recent[0].number, expected[2].number);
    EXPECT_EQ(v.recent[2].number, expected[0].number);
    EXPECT_TRUE(v.highlighted(SteadyClock::now()));
    EXPECT_EQ(v.counters[0].current->number, expected[3].number);
    expect_announced(dir / "calls.wav", expected);
    const auto first = read_announcements(WavFileSink::log_path(dir / "calls.wav"))[0];
    EXPECT_EQ(first.phrase, "Nomor antrean A, satu, silakan menuju loket satu");
}

TEST(DisplayLive, ServerKilledAndConnectionCutMidSequenceEveryCallShownOnceInOrder) {
    TempDir dir;
    ServerProcess server(dir.path());
    TcpProxy proxy(server.port());
    Floor floor(server);
    floor.issue("informasi", 6);
    floor.issue("customer_service", 3);
    for (int c : {1, 2})
        floor.open(c);

    DisplayApp app(config_for(proxy.url(), dir / "calls.wav"), nullptr);
    app.start();
    ASSERT_TRUE(wait_until([&] { return connected(app); }));

    std::vector<Expected> expected;
    expected.push_back({floor.call_next(1), 1});
    expected.push_back({floor.call_next(2), 2});
    ASSERT_TRUE(wait_until([&] { return app.floor().call_log().size() == 2; }));

    // The connection is cut and the server dies without a goodbye.
    proxy.cut();
    EXPECT_EQ(server.stop(SIGKILL), -SIGKILL);
    server.start();
    // Calls right after the restart, before the display can reconnect.
    floor.clear(1);
    expected.push_back({floor.call_next(1), 1});
    floor.clear(2);
    expected.push_back({floor.call_next(2), 2});
    ASSERT_TRUE(wait_until([&] { return app.floor().view().connection != Connection::Connected; }));
    {
        // Meanwhile the last known state stays on screen, marked as reconnecting.
        const FloorView v = app.floor().view();
        EXPECT_TRUE(v.loaded);
        EXPECT_EQ(v.connection, Connection::Reconnecting);
        EXPECT_EQ(v.current->number, expected[1].number);
        EXPECT_EQ(v.counters.size(), 2u);
        EXPECT_EQ(app.floor().call_log().size(), 2u);
    }
    proxy.restore();
    ASSERT_TRUE(wait_until([&] { return app.floor().call_log().size() >= 4; }));
    ASSERT_TRUE(wait_until([&] { return connected(app); }));
    floor.clear(1);
    expected.push_back({floor.call_next(1), 1});
    ASSERT_TRUE(wait_until([&] { return app.floor().call_log().size() >= 5; }));
    std::this_thread::sleep_for(300ms);  // nothing more may arrive
    expect_calls(app.floor().call_log(), expected);
    EXPECT_GE(app.floor().stream_status().connections, 2u);
    EXPECT_EQ(app.floor().view().current->number, expected[4].number);
    // The calls were recent: all five are read aloud, once each, in order.
    expect_announced(dir / "calls.wav", expected);
    EXPECT_EQ(app.queue().stats().duplicates, 0u);
}

TEST(DisplayLive, BacklogAfterReconnectIsShownButOnlyRecentCallsAreAnnounced) {
    TempDir dir;
    ServerProcess server(dir.path());
    TcpProxy proxy(server.port());
    Floor floor(server);
    floor.issue("informasi", 5);
    floor.open(1);

    DisplayConfig config = config_for(proxy.url(), dir / "calls.wav");
    config.voice.announce_recency = 1s;
    DisplayApp app(config, nullptr);
    app.start();
    ASSERT_TRUE(wait_until([&] { return connected(app); }));
    const std::string before = floor.call_next(1);
    expect_announced(dir / "calls.wav", {{before, 1}});

    proxy.cut();
    std::vector<Expected> missed;
    floor.clear(1);
    missed.push_back({floor.call_next(1), 1});
    floor.clear(1);
    missed.push_back({floor.call_next(1), 1});
    std::this_thread::sleep_for(1500ms);  // older than the recency by the time they arrive
    proxy.restore();
    ASSERT_TRUE(wait_until([&] { return app.floor().call_log().size() >= 3; }));
    const auto log = app.floor().call_log();
    EXPECT_EQ(log[1].number, missed[0].number);
    EXPECT_EQ(log[2].number, missed[1].number);
    EXPECT_EQ(app.floor().view().current->number, missed[1].number) << "shown";
    EXPECT_FALSE(app.floor().view().highlighted(SteadyClock::now()));

    floor.clear(1);
    const std::string fresh = floor.call_next(1);
    // Only the call before the cut and the fresh one are heard.
    expect_announced(dir / "calls.wav", {{before, 1}, {fresh, 1}});
}

TEST(DisplayLive, ARecallIsAnnouncedAgainAndAPausedCounterShowsPaused) {
    TempDir dir;
    ServerProcess server(dir.path());
    Floor floor(server);
    floor.issue("informasi", 2);
    floor.issue("pendaftaran", 1);
    floor.open(1);
    floor.open(3);

    DisplayApp app(config_for(server.url(), dir / "calls.wav"), nullptr);
    app.start();
    ASSERT_TRUE(wait_until([&] { return connected(app); }));
    const std::string a = floor.call_next(1);
    floor.action(1, "recall");
    floor.action(3, "pause", {{"reason", "Sholat Dzuhur"}});
    ASSERT_TRUE(wait_until([&] {
        const auto v = app.floor().view();
        return v.counters.size() == 2 && v.counters[1].state == CounterState::Paused;
    }));
    const FloorView v = app.floor().view();
    EXPECT_EQ(v.counters[1].pause_reason, "Sholat Dzuhur");
    EXPECT_TRUE(v.current->recall);
    EXPECT_EQ(v.current->call_count, 2);
    EXPECT_TRUE(v.recent.empty()) << "a recall does not add a second line for the ticket";
    expect_announced(dir / "calls.wav", {{a, 1}, {a, 1}});
    EXPECT_TRUE(read_announcements(WavFileSink::log_path(dir / "calls.wav"))[1].recall);
}

TEST(DisplayLive, AZoneScreenShowsAndAnnouncesOnlyItsCalls) {
    TempDir dir;
    ServerProcess server(dir.path());
    Floor floor(server);
    floor.issue("informasi", 2);
    floor.issue("customer_service", 2);
    floor.open(1);
    floor.open(2);

    DisplayConfig config = config_for(server.url(), dir / "calls.wav");
    config.zone.counters = {2};
    DisplayApp app(config, nullptr);
    app.start();
    ASSERT_TRUE(wait_until([&] { return connected(app); }));
    floor.call_next(1);
    const std::string b = floor.call_next(2);
    ASSERT_TRUE(wait_until([&] {
        return app.floor().view().last_event_id > 0 && app.floor().call_log().size() == 1;
    }));
    std::this_thread::sleep_for(200ms);
    ASSERT_EQ(app.floor().call_log().size(), 1u);
    EXPECT_EQ(app.floor().view().current->number, b);
    ASSERT_EQ(app.floor().view().counters.size(), 1u);
    EXPECT_EQ(app.floor().view().services.size(), 1u);
    expect_announced(dir / "calls.wav", {{b, 2}});
}

TEST(DisplayLive, StartsBeforeTheServerAndCatchesUpWhenItComes) {
    TempDir dir;
    ServerProcess server(dir.path());
    TcpProxy proxy(server.port());
    Floor floor(server);
    floor.issue("informasi", 2);
    floor.open(1);
    const std::string earlier = floor.call_next(1);
    proxy.cut();
    DisplayApp app(config_for(proxy.url(), dir / "calls.wav"), nullptr);
    app.start();
    std::this_thread::sleep_for(600ms);
    EXPECT_FALSE(app.floor().view().loaded);
    proxy.restore();
    ASSERT_TRUE(wait_until([&] { return connected(app); }));
    EXPECT_EQ(app.floor().view().current->number, earlier) << "from the snapshot";
    EXPECT_FALSE(app.floor().view().highlighted(SteadyClock::now()));
    floor.clear(1);
    const std::string next = floor.call_next(1);
    expect_announced(dir / "calls.wav", {{next, 1}});
}

TEST(DisplayLive, SettingsSavedFromTheConsoleRenameWithoutLosingCalls) {
    TempDir dir;
    ServerProcess server(dir.path());
    Floor floor(server);
    floor.issue("informasi", 2);
    floor.open(1);
    DisplayApp app(config_for(server.url(), dir / "calls.wav"), nullptr);
    app.start();
    ASSERT_TRUE(wait_until([&] { return connected(app); }));
    const std::string called = floor.call_next(1);
    ASSERT_TRUE(wait_until([&] { return app.floor().call_log().size() == 1; }));

    ApiClient admin(server.url(), add_user_and_login(server, "admin", "admin"));
    nlohmann::json settings = admin.get("/settings").body;
    settings["office"]["name"] = "Mal Pelayanan Publik Kota Uji";
    settings["counters"][0]["name"] = "Loket Informasi";
    settings["counters"].push_back(
        {{"number", 7}, {"name", "Loket 7 (Prioritas)"}, {"services", {"informasi"}}});
    ASSERT_EQ(admin.raw("PUT", "/settings", settings.dump()).status, 200);
    ASSERT_TRUE(wait_until(
        [&] { return app.floor().view().office.name == "Mal Pelayanan Publik Kota Uji"; }));
    FloorView v = app.floor().view();
    ASSERT_EQ(v.counters.size(), 1u);
    EXPECT_EQ(v.counters[0].name, "Loket Informasi");
    EXPECT_EQ(v.counters[0].current->number, called) << "the counter keeps its ticket";
    EXPECT_EQ(v.current->number, called) << "the call stays on screen";
    floor.open(7);
    const std::string next = floor.call_next(7);
    ASSERT_TRUE(wait_until([&] { return app.floor().call_log().size() == 2; }));
    v = app.floor().view();
    EXPECT_EQ(v.current->counter_name, "Loket 7 (Prioritas)");
    ASSERT_EQ(v.counters.size(), 2u);
    expect_announced(dir / "calls.wav", {{called, 1}, {next, 7}});
}

TEST(DisplayLive, AServerWithANewDatabaseIsNoticedAndFollowed) {
    TempDir dir;
    ServerProcess server(dir.path());
    {
        Floor floor(server);
        floor.issue("informasi", 4);
        floor.open(1);
        floor.call_next(1);
        floor.clear(1);
        floor.call_next(1);
    }
    DisplayApp app(config_for(server.url(), dir / "calls.wav"), nullptr);
    app.start();
    ASSERT_TRUE(wait_until([&] { return connected(app); }));
    const std::int64_t old_cursor = app.floor().view().last_event_id;
    ASSERT_GT(old_cursor, 5);

    // The operator replaces the database: event ids start again from 1.
    server.stop(SIGTERM);
    for (const char* suffix : {"", "-wal", "-shm"})
        std::filesystem::remove(server.db().string() + suffix);
    server.start();
    Floor fresh(server);
    fresh.issue("customer_service", 1);
    fresh.open(2);
    const std::string called = fresh.call_next(2);
    ASSERT_EQ(called, "B-001");
    ASSERT_TRUE(wait_until([&] {
        const auto v = app.floor().view();
        return v.current && v.current->number == "B-001" && v.connection == Connection::Connected;
    })) << "the display follows the new log instead of waiting for ids above "
        << old_cursor;
    EXPECT_LT(app.floor().view().last_event_id, old_cursor);
    EXPECT_GE(app.floor().snapshots_loaded(), 2u);
    // And it keeps following it.
    fresh.issue("customer_service", 1);
    fresh.clear(2);
    const std::string next = fresh.call_next(2);
    ASSERT_TRUE(wait_until([&] { return app.floor().view().current->number == next; }));
}

// Files ready for pickup, when the office shows them: a file made ready appears by its
// registration number (never the applicant's name) and leaves once handed over.
TEST(DisplayLive, ReadyFilesAppearByNumberOnlyAndLeaveWhenHandedOver) {
    TempDir dir;
    ServerProcess server(dir.path(), std::string(kAlwaysOpenConfig) +
                                         "\n[applications]\ndisplay_ready_numbers = true\n");
    DisplayApp app(config_for(server.url(), dir / "calls.wav"), nullptr);
    app.start();
    ASSERT_TRUE(wait_until([&] { return connected(app); }));
    EXPECT_TRUE(wait_until([&] { return app.floor().view().ready_enabled; }));
    EXPECT_TRUE(app.floor().view().ready_numbers.empty());

    ApiClient boss(server.url(), add_user_and_login(server, "budi", "supervisor"));
    const ReadyApplication file = make_ready_application(boss);
    ASSERT_FALSE(file.number.empty());
    const std::string number = file.number;
    const std::string id = std::to_string(file.id);

    ASSERT_TRUE(wait_until([&] { return app.floor().view().ready_numbers.size() == 1; }));
    EXPECT_EQ(app.floor().view().ready_numbers.front(), number);

    const Reply handed =
        boss.post("/applications/" + id + "/pickup", {{"received_by", "Siti Rahma"}});
    ASSERT_EQ(handed.status, 200) << handed.body.dump();
    EXPECT_TRUE(wait_until([&] { return app.floor().view().ready_numbers.empty(); }));
    app.stop();
}

// The open performance data's headline figures reach the running text from GET /open-data:
// one ticket served at once this month is 100 % within its target wait.
TEST(DisplayLive, ThisMonthsPerformanceFiguresComeFromTheOpenData) {
    TempDir dir;
    ServerProcess server(dir.path());
    Floor floor(server);
    floor.issue("informasi");
    floor.open(1);
    ASSERT_EQ(floor.call_next(1), "A-001");
    floor.action(1, "start");
    floor.action(1, "finish");

    DisplayApp app(config_for(server.url(), dir / "calls.wav"), nullptr);
    app.start();
    ASSERT_TRUE(wait_until([&] { return app.floor().view().performance.has_value(); }));
    const PerformanceInfo p = *app.floor().view().performance;
    EXPECT_EQ(p.served, 1);
    ASSERT_TRUE(p.within_target_share.has_value());
    EXPECT_DOUBLE_EQ(*p.within_target_share, 1.0);
    EXPECT_FALSE(p.complaints_within_60_days.has_value()) << "no complaint answered yet";
    const std::string text =
        running_text(DisplayConfig{}, app.floor().view(), texts(Language::Indonesian));
    EXPECT_NE(text.find("Kinerja bulan ini: 100% antrean dipanggil dalam waktu target"),
              std::string::npos)
        << text;
    app.stop();
}

}  // namespace
}  // namespace loket::display
