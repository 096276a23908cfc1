// What the queue store records and tells: status tokens and positions, wait estimates, one
// event per change in an append-only log, state surviving a reopening, the schema version,
// print outcomes, the waiting list, and settings saved at once without stranding tickets.
#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <set>

#include "loket/input_error.hpp"
#include "loket/queue_store.hpp"
#include "loket/wire_writer.hpp"
#include "queue_store_fixture.hpp"

using namespace loket;
using namespace std::chrono;
using namespace queue_store_test;

// Tokens lead with the issue time (so their index grows at its end) and carry 96 random bits.
TEST_F(QueueStoreTest, StatusTokensAreHexLeadWithTheIssueTimeAndNeverRepeat) {
    std::set<std::string> seen;
    std::string previous;
    for (int i = 0; i < 200; ++i) {
        const std::string token = issue("informasi").status_token;
        ASSERT_EQ(token.size(), 32u);
        EXPECT_EQ(token.find_first_not_of("0123456789abcdef"), std::string::npos) << token;
        const auto seconds = duration_cast<std::chrono::seconds>(clock.time_since_epoch()).count();
        EXPECT_EQ(std::stoul(token.substr(0, 8), nullptr, 16), static_cast<unsigned long>(seconds));
        EXPECT_GT(token.substr(0, 8),
                  previous.substr(0, std::min<std::size_t>(8, previous.size())));
        EXPECT_TRUE(seen.insert(token.substr(8)).second) << "random part repeated: " << token;
        previous = token;
    }
}

TEST_F(QueueStoreTest, StatusTokenShowsPositionAndCounter) {
    issue("informasi");
    const IssueResult mine = store->issue({"informasi", Priority::None, "iumk", ""}, tick());
    EXPECT_EQ(mine.people_ahead, 1);
    EXPECT_EQ(mine.ticket.permit_id, "iumk");
    EXPECT_EQ(mine.ticket.status_token.size(), 32u);
    EXPECT_NE(mine.ticket.status_token, issue("informasi").status_token);
    EXPECT_EQ(store->status_by_token(mine.ticket.status_token, tick()).people_ahead, 1);
    store->open_counter(1, kSiti, tick());
    store->call_next(1, kSiti, tick());
    EXPECT_EQ(store->status_by_token(mine.ticket.status_token, tick()).people_ahead, 0);
    store->no_show(1, kSiti, tick());
    store->call_next(1, kSiti, tick());
    const TicketPosition called = store->status_by_token(mine.ticket.status_token, tick());
    EXPECT_EQ(called.ticket.state, TicketState::Called);
    EXPECT_EQ(called.ticket.counter, 1);
    expect_queue_error([&] { store->status_by_token("deadbeef", tick()); }, "not_found");
}

TEST_F(QueueStoreTest, WaitEstimateUsesRecentServiceTimesAndOpenCounters) {
    for (int i = 0; i < 6; ++i)
        issue("informasi");
    auto summary = store->services(tick());
    EXPECT_EQ(summary[0].waiting, 6);
    EXPECT_FALSE(summary[0].estimate.minutes.has_value());  // no counter open
    store->open_counter(1, kSiti, tick());
    // Serve three applicants taking 2 minutes each from call to finish.
    for (int i = 0; i < 3; ++i) {
        store->call_next(1, kSiti, tick());
        store->start_serving(1, kSiti, tick());
        clock += minutes{2} - seconds{2};
        store->finish(1, kSiti, tick());
    }
    summary = store->services(tick());
    EXPECT_EQ(summary[0].waiting, 3);
    EXPECT_EQ(summary[0].open_counters, 1);
    EXPECT_EQ(summary[0].estimate.samples, 3);
    EXPECT_NEAR(summary[0].estimate.service_minutes, 2.0, 0.01);
    EXPECT_EQ(summary[0].people_ahead, 3);
    // The idle counter takes the first of the three; a newcomer waits 3 turns of 2 minutes.
    EXPECT_EQ(summary[0].estimate.minutes, 6);
    const CounterDayStats stats = store->counter_day_stats(1, tick());
    EXPECT_EQ(stats.served, 3);
    EXPECT_NEAR(*stats.average_service_minutes, 2.0, 0.01);
    store->open_counter(5, kSiti, tick());
    // Two idle counters: 2 turns of 2 minutes spread over 2 counters.
    EXPECT_EQ(store->services(tick())[0].estimate.minutes, 2);
    store->call_next(1, kSiti, tick());
    store->call_next(5, kSiti, tick());
    summary = store->services(tick());
    EXPECT_EQ(summary[0].people_ahead, 1);
    EXPECT_EQ(summary[0].estimate.minutes, 2);  // both busy: 2 turns x 2 min / 2 counters
    store->finish(1, kSiti, tick());
    store->finish(5, kSiti, tick());
    store->call_next(1, kSiti, tick());
    summary = store->services(tick());
    EXPECT_EQ(summary[0].people_ahead, 0);
    EXPECT_EQ(summary[0].estimate.minutes, 0);  // nobody ahead and counter 5 free
}

TEST_F(QueueStoreTest, EveryChangeIsOneEventWithFullPayload) {
    std::vector<Event> heard;
    store->set_event_listener([&](const std::vector<Event>& events) {
        heard.insert(heard.end(), events.begin(), events.end());
    });
    issue("informasi");
    store->open_counter(1, kSiti, tick());
    store->call_next(1, kSiti, tick());
    store->start_serving(1, kSiti, tick());
    store->finish(1, kSiti, tick());
    const auto log = store->events_after(0);
    ASSERT_EQ(log.size(), 5u);
    ASSERT_EQ(heard.size(), 5u);
    const std::vector<std::string> types = {"ticket.issued", "counter.opened", "ticket.called",
                                            "ticket.started", "ticket.finished"};
    for (std::size_t i = 0; i < log.size(); ++i) {
        EXPECT_EQ(log[i].type, types[i]);
        EXPECT_EQ(log[i].id, static_cast<std::int64_t>(i + 1));
        EXPECT_EQ(heard[i].id, log[i].id);
        EXPECT_EQ(heard[i].payload, log[i].payload);
    }
    const auto& called = log[2].payload;
    EXPECT_EQ(called["ticket"]["number"], "A-001");
    EXPECT_EQ(called["ticket"]["state"], "called");
    EXPECT_EQ(called["counter"]["number"], 1);
    EXPECT_EQ(called["counter"]["name"], "Loket 1");
    EXPECT_EQ(called["service"]["name"], "Informasi");
    EXPECT_EQ(called["waiting"]["informasi"], 0);
    EXPECT_EQ(store->events_after(3).size(), 2u);
}

TEST_F(QueueStoreTest, EventLogIsAppendOnly) {
    issue("informasi");
    SQLite::Database db((dir / "queue.db").string(), SQLite::OPEN_READWRITE);
    EXPECT_THROW(db.exec("UPDATE events SET type = 'x'"), SQLite::Exception);
    EXPECT_THROW(db.exec("DELETE FROM events"), SQLite::Exception);
}

TEST_F(QueueStoreTest, StateAndEventLogSurviveReopening) {
    issue("informasi");
    issue("informasi", Priority::Lansia);
    store->open_counter(1, kSiti, tick());
    store->call_next(1, kSiti, tick());
    store->start_serving(1, kSiti, tick());
    const auto tickets_before = store->tickets_on("2026-11-23");
    const auto events_before = store->events_after(0);
    open();
    const auto tickets_after = store->tickets_on("2026-11-23");
    ASSERT_EQ(tickets_after.size(), tickets_before.size());
    for (std::size_t i = 0; i < tickets_after.size(); ++i) {
        EXPECT_EQ(protocol::to_json(tickets_after[i]), protocol::to_json(tickets_before[i]));
    }
    const auto events_after = store->events_after(0);
    ASSERT_EQ(events_after.size(), events_before.size());
    for (std::size_t i = 0; i < events_after.size(); ++i) {
        EXPECT_EQ(events_after[i].id, events_before[i].id);
        EXPECT_EQ(events_after[i].payload, events_before[i].payload);
    }
    EXPECT_EQ(store->counter(1).state, CounterState::Open);
    EXPECT_EQ(store->counter(1).current->number, "A-002");
    store->finish(1, kSiti, tick());  // work continues where it stopped
    EXPECT_EQ(store->last_event_id(), events_before.back().id + 1);
}

TEST_F(QueueStoreTest, SchemaVersionIsRecorded) {
    store.reset();
    SQLite::Database db((dir / "queue.db").string(), SQLite::OPEN_READWRITE);
    EXPECT_EQ(db.execAndGet("PRAGMA user_version").getInt(), schema_version());
    EXPECT_EQ(db.execAndGet("PRAGMA journal_mode").getString(), "wal");
    db.exec("PRAGMA user_version = 99");
    EXPECT_THROW(QueueStore(dir / "queue.db", test_config()), StorageError);
}

TEST_F(QueueStoreTest, PrintOutcomeIsRecordedAndStreamed) {
    const Ticket t = issue("informasi");
    EXPECT_EQ(t.print_status, PrintStatus::Pending);
    const Ticket failed = store->set_print_status(t.id, PrintStatus::Failed, "paper_out", tick());
    EXPECT_EQ(failed.print_status, PrintStatus::Failed);
    EXPECT_EQ(failed.print_problem, "paper_out");
    EXPECT_EQ(failed.state, TicketState::Waiting);  // the ticket stays valid
    EXPECT_EQ(store->events_after(0).back().type, "ticket.print_status");
    expect_queue_error([&] { store->set_print_status(999, PrintStatus::Printed, "", tick()); },
                       "not_found");
}

TEST_F(QueueStoreTest, WaitingListIsInCallOrder) {
    issue("informasi");
    issue("customer_service");             // B-001
    issue("informasi", Priority::Lansia);
    const auto list = store->waiting({"informasi", "customer_service"}, tick());
    ASSERT_EQ(list.size(), 3u);
    EXPECT_EQ(list[0].number, "A-002");
    EXPECT_EQ(list[1].number, "A-001");
    EXPECT_EQ(list[2].number, "B-001");
}

TEST_F(QueueStoreTest, SavedSettingsApplyAtOnceAndSurviveRestart) {
    EXPECT_FALSE(store->saved_config().has_value());
    OfficeConfig changed = test_config();
    changed.name = "Mal Pelayanan Publik Samarinda";
    changed.services[0].priority_max_in_row = 1;
    changed.counters.push_back({6, "Loket 6", {"pengambilan"}});
    // A screen reloading on "settings.changed" must already read the new settings.
    std::string name_when_announced;
    store->set_event_listener([&](const std::vector<Event>& events) {
        for (const Event& e : events) {
            if (e.type == "settings.changed")
                name_when_announced = store->config()->name;
        }
    });
    store->save_config(changed, "admin", tick());
    EXPECT_EQ(name_when_announced, "Mal Pelayanan Publik Samarinda");
    EXPECT_EQ(store->config()->name, "Mal Pelayanan Publik Samarinda");
    EXPECT_EQ(store->counters().size(), 6u);
    store->open_counter(6, kSiti, tick());  // the new counter works without a restart
    EXPECT_EQ(store->events_after(0).front().type, "settings.changed");
    open();  // restart with the file's (default) settings
    const auto saved = store->saved_config();
    ASSERT_TRUE(saved.has_value());
    EXPECT_EQ(saved->name, "Mal Pelayanan Publik Samarinda");
    EXPECT_EQ(saved->services[0].priority_max_in_row, 1);
    EXPECT_EQ(to_json(*saved), to_json(changed));
}

TEST_F(QueueStoreTest, SettingsCannotStrandTodaysTickets) {
    issue("pengambilan");  // D-001 waiting
    OfficeConfig without = test_config();
    without.services.pop_back();  // drop pengambilan
    without.counters.erase(without.counters.begin() + 3);
    try {
        store->save_config(without, "admin", tick());
        FAIL();
    } catch (const InputError& e) {
        EXPECT_EQ(e.field(), "services");
        EXPECT_NE(std::string(e.what()).find("pengambilan"), std::string::npos);
    }
    OfficeConfig swapped = test_config();
    swapped.services[0].prefix = 'D';  // informasi taking the letter pengambilan used today
    swapped.services[3].prefix = 'E';
    try {
        store->save_config(swapped, "admin", tick());
        FAIL();
    } catch (const InputError& e) {
        EXPECT_EQ(e.field(), "services[0].prefix");
    }
    EXPECT_FALSE(store->saved_config().has_value());
    EXPECT_EQ(store->config()->services[3].prefix, 'D');
}
