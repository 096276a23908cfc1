// The queue store issuing and calling tickets: numbering per service and per office day, opening
// hours, calling by arrival and priority ratio, transfers, recalls, no-shows, refused
// transitions and idempotent retries. Status tokens, events, reopening and settings:
// queue_store_records_test.cpp; kept waiting counts: queue_store_counts_test.cpp; who operates
// a counter: queue_store_staff_test.cpp.
#include "loket/queue_store.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "queue_store_fixture.hpp"

using namespace loket;
using namespace std::chrono;
using namespace queue_store_test;

TEST_F(QueueStoreTest, NumbersRunPerServiceFromOne) {
    EXPECT_EQ(issue("informasi").number, "A-001");
    EXPECT_EQ(issue("informasi").number, "A-002");
    EXPECT_EQ(issue("customer_service").number, "B-001");
    EXPECT_EQ(issue("pendaftaran").number, "C-001");
    EXPECT_EQ(issue("informasi").number, "A-003");
    EXPECT_EQ(issue("pengambilan").number, "D-001");
}

TEST_F(QueueStoreTest, NumberingRestartsAtOfficeLocalMidnight) {
    clock = at(18, 59);  // Monday, open until 19:00 WITA
    EXPECT_EQ(issue("informasi").number, "A-001");
    EXPECT_EQ(issue("informasi").local_date, "2026-11-23");
    clock = at(7, 59, year{2026} / 11 / 24);
    expect_queue_error([&] { issue("informasi"); }, "office_closed");
    clock = at(8, 0, year{2026} / 11 / 24);
    const Ticket tuesday = store->issue({"informasi", Priority::None, "", ""}, clock).ticket;
    EXPECT_EQ(tuesday.number, "A-001");
    EXPECT_EQ(tuesday.local_date, "2026-11-24");
}

TEST_F(QueueStoreTest, DayChangeFollowsTheConfiguredZone) {
    // An office open round the clock, to see the date flip exactly at local midnight.
    for (const TimeZone zone : {TimeZone::WIB, TimeZone::WITA}) {
        OfficeConfig config = test_config();
        config.zone = zone;
        for (auto& day : config.hours)
            day = {TimeRange{0, 24 * 60}};
        loket::testing::TempDir other;
        QueueStore s(other / "q.db", config);
        const TimePoint midnight = from_local(kMonday, 0, zone);
        const Ticket before =
            s.issue({"informasi", Priority::None, "", ""}, midnight - seconds{1}).ticket;
        const Ticket after = s.issue({"informasi", Priority::None, "", ""}, midnight).ticket;
        EXPECT_EQ(before.local_date, "2026-11-22") << zone_name(zone);
        EXPECT_EQ(before.number, "A-001");
        EXPECT_EQ(after.local_date, "2026-11-23") << zone_name(zone);
        EXPECT_EQ(after.number, "A-001");
    }
}

TEST_F(QueueStoreTest, RestartContinuesTheSequence) {
    issue("informasi");
    issue("informasi");
    open();  // a new process on the same file
    EXPECT_EQ(issue("informasi").number, "A-003");
    // Even when the latest ticket was cancelled, its number is never reused.
    store->cancel("A-003", "rina", "test", tick());
    open();
    EXPECT_EQ(issue("informasi").number, "A-004");
}

TEST_F(QueueStoreTest, RefusesTicketsOutsideHoursWithTheNextOpening) {
    clock = at(7, 30);
    try {
        issue("informasi");
        FAIL();
    } catch (const QueueError& e) {
        EXPECT_EQ(e.code(), "office_closed");
        EXPECT_NE(std::string(e.what()).find("before_hours"), std::string::npos);
        EXPECT_NE(std::string(e.what()).find("2026-11-23 08.00 WITA"), std::string::npos)
            << e.what();
    }
    clock = at(10, 0, year{2026} / 11 / 28);  // Saturday
    expect_queue_error([&] { issue("informasi"); }, "office_closed");
    EXPECT_TRUE(store->tickets_on("2026-11-23").empty());
}

TEST_F(QueueStoreTest, UnknownServiceIsRefused) {
    expect_queue_error([&] { issue("loket_sihir"); }, "unknown_service");
}

TEST_F(QueueStoreTest, CallNextNeedsAnOpenFreeCounter) {
    issue("informasi");
    issue("informasi");
    expect_queue_error([&] { store->call_next(1, kSiti, tick()); }, "counter_closed");
    store->open_counter(1, kSiti, tick());
    EXPECT_EQ(store->call_next(1, kSiti, tick())->number, "A-001");
    expect_queue_error([&] { store->call_next(1, kSiti, tick()); }, "counter_busy");
    expect_queue_error([&] { store->call_next(99, kSiti, tick()); }, "unknown_counter");
    store->no_show(1, kSiti, tick());
    store->pause_counter(1, kSiti, "Istirahat sholat", tick());
    expect_queue_error([&] { store->call_next(1, kSiti, tick()); }, "counter_paused");
    EXPECT_EQ(store->counter(1).pause_reason, "Istirahat sholat");
    store->resume_counter(1, kSiti, tick());
    EXPECT_EQ(store->call_next(1, kSiti, tick())->number, "A-002");
}

TEST_F(QueueStoreTest, EmptyLineCallsNobody) {
    store->open_counter(1, kSiti, tick());
    EXPECT_FALSE(store->call_next(1, kSiti, tick()).has_value());
    EXPECT_EQ(store->last_event_id(), 1);  // only counter.opened was recorded
}

TEST_F(QueueStoreTest, CounterPicksAcrossItsServicesByArrival) {
    issue("customer_service");  // B-001
    issue("informasi");
    issue("pendaftaran");       // C-001, not served by counter 5
    issue("customer_service");  // B-002
    store->open_counter(5, kSiti, tick());
    EXPECT_EQ(call_all(5), (std::vector<std::string>{"B-001", "A-001", "B-002"}));
}

TEST_F(QueueStoreTest, PriorityRatioLetsNormalTicketsThrough) {
    issue("informasi");  // A-001 normal
    issue("informasi");  // A-002 normal
    for (int i = 0; i < 5; ++i)
        issue("informasi", Priority::Lansia);  // A-003..A-007
    store->open_counter(1, kSiti, tick());
    // Three priority, then the oldest normal, then priority again, then the next normal.
    EXPECT_EQ(call_all(1), (std::vector<std::string>{"A-003", "A-004", "A-005", "A-001", "A-006",
                                                     "A-007", "A-002"}));
}

TEST_F(QueueStoreTest, PriorityRatioIsConfigurablePerService) {
    OfficeConfig config = test_config();
    config.services[0].priority_max_in_row = 1;
    open(config);
    issue("informasi");
    issue("informasi");
    issue("informasi", Priority::IbuHamil);
    issue("informasi", Priority::Disabilitas);
    store->open_counter(1, kSiti, tick());
    EXPECT_EQ(call_all(1), (std::vector<std::string>{"A-003", "A-001", "A-004", "A-002"}));
}

TEST_F(QueueStoreTest, PriorityStreakIsSharedByCountersOfTheService) {
    issue("customer_service");  // B-001 normal
    for (int i = 0; i < 4; ++i)
        issue("customer_service", Priority::Lansia);  // B-002..B-005
    store->open_counter(2, kSiti, tick());
    store->open_counter(5, kSiti, tick());
    std::vector<std::string> order;
    for (int i = 0; i < 2; ++i) {
        for (int counter : {2, 5}) {
            order.push_back(store->call_next(counter, kSiti, tick())->number);
            store->start_serving(counter, kSiti, tick());
            store->finish(counter, kSiti, tick());
        }
    }
    EXPECT_EQ(order, (std::vector<std::string>{"B-002", "B-003", "B-004", "B-001"}));
}

TEST_F(QueueStoreTest, TransferKeepsThePlaceByOriginalArrival) {
    const Ticket a1 = issue("informasi");  // A-001 arrives first
    clock += minutes{5};
    issue("pendaftaran");  // C-001 arrives after A-001
    issue("pendaftaran");  // C-002
    store->open_counter(1, kSiti, tick());
    store->call_next(1, kSiti, tick());
    store->start_serving(1, kSiti, tick());
    const Ticket moved = store->transfer("A-001", "rina", "pendaftaran", "berkas lengkap", tick());
    EXPECT_EQ(moved.number, "A-001");  // the applicant keeps the number on their paper
    EXPECT_EQ(moved.service, "pendaftaran");
    EXPECT_EQ(moved.state, TicketState::Waiting);
    EXPECT_EQ(moved.arrival_at, a1.arrival_at);
    EXPECT_EQ(moved.note, "berkas lengkap");
    EXPECT_FALSE(store->counter(1).current.has_value());  // the counter is free again
    issue("pendaftaran");                                 // C-003 issued after the transfer
    store->open_counter(3, kSiti, tick());
    EXPECT_EQ(call_all(3), (std::vector<std::string>{"A-001", "C-001", "C-002", "C-003"}));
    const auto events = store->events_after(0);
    const auto transferred = std::find_if(events.begin(), events.end(), [](const Event& e) {
        return e.type == "ticket.transferred";
    });
    ASSERT_NE(transferred, events.end());
    EXPECT_EQ(transferred->payload["from_service"], "informasi");
    EXPECT_EQ(transferred->payload["from_counter"], 1);
}

TEST_F(QueueStoreTest, TransferToTheSameOrUnknownServiceIsRefused) {
    issue("informasi");
    expect_queue_error([&] { store->transfer("A-001", "rina", "informasi", "", tick()); },
                       "invalid_request");
    expect_queue_error([&] { store->transfer("A-001", "rina", "nope", "", tick()); },
                       "unknown_service");
    expect_queue_error([&] { store->transfer("A-009", "rina", "pendaftaran", "", tick()); },
                       "not_found");
    expect_queue_error([&] { store->transfer("zzz", "rina", "pendaftaran", "", tick()); },
                       "invalid_number");
}

TEST_F(QueueStoreTest, RecallCountsAndIsAnnouncedAgain) {
    issue("informasi");
    store->open_counter(1, kSiti, tick());
    EXPECT_EQ(store->call_next(1, kSiti, tick())->call_count, 1);
    EXPECT_EQ(store->recall(1, kSiti, tick()).call_count, 2);
    EXPECT_EQ(store->recall(1, kSiti, tick()).call_count, 3);
    const auto calls = store->recent_calls(10, tick());
    ASSERT_EQ(calls.size(), 3u);
    EXPECT_EQ(calls[0].type, "ticket.recalled");
    EXPECT_EQ(calls[0].payload["ticket"]["call_count"], 3);
    EXPECT_EQ(calls[2].type, "ticket.called");
    store->start_serving(1, kSiti, tick());
    expect_queue_error([&] { store->recall(1, kSiti, tick()); }, "invalid_state");
}

TEST_F(QueueStoreTest, NoShowCanBeReactivatedTheSameDayOnly) {
    issue("informasi");
    issue("informasi");
    store->open_counter(1, kSiti, tick());
    store->call_next(1, kSiti, tick());
    EXPECT_EQ(store->no_show(1, kSiti, tick()).state, TicketState::NoShow);
    const Ticket back = store->reactivate("A-001", "rina", tick());
    EXPECT_EQ(back.state, TicketState::Waiting);
    EXPECT_EQ(back.call_count, 0);
    // Reactivated, it keeps its original place ahead of A-002.
    EXPECT_EQ(store->call_next(1, kSiti, tick())->number, "A-001");
    store->no_show(1, kSiti, tick());
    expect_queue_error([&] { store->reactivate("A-002", "rina", tick()); }, "invalid_state");
    clock = at(9, 0, year{2026} / 11 / 24);  // the next day
    expect_queue_error([&] { store->reactivate("A-001", "rina", tick()); }, "not_found");
}

TEST_F(QueueStoreTest, CallSpecificNumberOutOfOrder) {
    issue("informasi");
    issue("informasi");
    issue("pendaftaran");  // C-001
    store->open_counter(1, kSiti, tick());
    EXPECT_EQ(store->call_number(1, kSiti, "a2", tick()).number, "A-002");
    store->start_serving(1, kSiti, tick());
    store->finish(1, kSiti, tick());
    expect_queue_error([&] { store->call_number(1, kSiti, "C-001", tick()); }, "wrong_service");
    expect_queue_error([&] { store->call_number(1, kSiti, "A-002", tick()); }, "invalid_state");
    expect_queue_error([&] { store->call_number(1, kSiti, "A-077", tick()); }, "not_found");
    EXPECT_EQ(store->call_next(1, kSiti, tick())->number, "A-001");
}

TEST_F(QueueStoreTest, WrongTransitionsAreRefusedAndChangeNothing) {
    issue("informasi");
    store->open_counter(1, kSiti, tick());
    const auto events_before = store->last_event_id();
    expect_queue_error([&] { store->finish(1, kSiti, tick()); }, "no_active_ticket");
    expect_queue_error([&] { store->start_serving(1, kSiti, tick()); }, "no_active_ticket");
    store->call_next(1, kSiti, tick());
    expect_queue_error([&] { store->close_counter(1, kSiti, tick()); }, "counter_busy");
    expect_queue_error([&] { store->pause_counter(1, kSiti, "makan", tick()); }, "counter_busy");
    expect_queue_error([&] { store->pause_counter(2, kSiti, "", tick()); }, "invalid_request");
    expect_queue_error([&] { store->resume_counter(1, kSiti, tick()); }, "invalid_state");
    EXPECT_EQ(store->last_event_id(), events_before + 1);  // only the call was recorded
    EXPECT_EQ(store->find_ticket("A-001", tick())->state, TicketState::Called);
}

TEST_F(QueueStoreTest, IdempotentRetryReturnsTheSameTicket) {
    const IssueResult first =
        store->issue({"informasi", Priority::None, "", "kiosk-1:abc"}, tick());
    const IssueResult again =
        store->issue({"informasi", Priority::None, "", "kiosk-1:abc"}, tick());
    EXPECT_FALSE(first.replayed);
    EXPECT_TRUE(again.replayed);
    EXPECT_EQ(again.ticket.id, first.ticket.id);
    EXPECT_EQ(again.ticket.status_token, first.ticket.status_token);
    EXPECT_EQ(store->tickets_on("2026-11-23").size(), 1u);
    expect_queue_error(
        [&] {
            store->issue({"pendaftaran", Priority::None, "", "kiosk-1:abc"}, tick());
        },
        "idempotency_conflict");
    // A retry after closing time still gets its ticket back.
    clock = at(20, 0);
    EXPECT_TRUE(store->issue({"informasi", Priority::None, "", "kiosk-1:abc"}, tick()).replayed);
}
