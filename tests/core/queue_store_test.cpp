#include "loket/queue_store.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>

#include "loket/input_error.hpp"
#include "loket/wire_writer.hpp"
#include "temp_dir.hpp"

using namespace loket;
using namespace std::chrono;

namespace {

constexpr auto kMonday = year{2026} / 11 / 23;
const StaffRef kSiti{"siti", "staff"};

OfficeConfig test_config() {
    OfficeConfig config = default_office_config();
    config.counters.push_back({5, "Loket 5", {"informasi", "customer_service"}});
    return config;
}

class QueueStoreTest : public ::testing::Test {
  protected:
    void SetUp() override { open(); }

    void open(OfficeConfig config = test_config()) {
        store.reset();
        store = std::make_unique<QueueStore>(dir / "queue.db", std::move(config));
    }

    // Monday 23 Nov 2026 in WITA, at h:m plus the running offset the test advances.
    TimePoint at(int hour, int minute, year_month_day date = kMonday) const {
        return from_local(date, hour * 60 + minute, TimeZone::WITA);
    }
    TimePoint tick() {
        clock += seconds{1};
        return clock;
    }

    Ticket issue(const std::string& service, Priority priority = Priority::None) {
        return store->issue(IssueRequest{service, priority, "", ""}, tick()).ticket;
    }

    std::vector<std::string> call_all(int counter) {
        std::vector<std::string> order;
        while (auto t = store->call_next(counter, kSiti, tick())) {
            order.push_back(t->number);
            store->start_serving(counter, kSiti, tick());
            store->finish(counter, kSiti, tick());
        }
        return order;
    }

    loket::testing::TempDir dir;
    std::unique_ptr<QueueStore> store;
    TimePoint clock = from_local(kMonday, 9 * 60, TimeZone::WITA);
};

void expect_queue_error(const std::function<void()>& fn, const std::string& code) {
    try {
        fn();
        FAIL() << "expected QueueError " << code;
    } catch (const QueueError& e) {
        EXPECT_EQ(e.code(), code) << e.what();
    }
}

}  // namespace

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

// The waiting counts are kept by triggers (migration 4), not counted: after every kind of
// change they must equal a count of the rows, and the people ahead of a new ticket must equal
// its place in the call order.
TEST_F(QueueStoreTest, KeptWaitingCountsMatchTheTicketsAfterEveryKindOfChange) {
    SQLite::Database check((dir / "queue.db").string(), SQLite::OPEN_READONLY);
    const auto expect_counts_match = [&](const std::string& after) {
        const std::string today = format_date_iso(to_local(clock, TimeZone::WITA).date);
        for (const auto& summary : store->services(clock)) {
            SQLite::Statement q(check,
                                "SELECT COUNT(*) FROM tickets WHERE local_date = ? AND service = "
                                "? AND state = 'waiting'");
            q.bind(1, today);
            q.bind(2, summary.id);
            q.executeStep();
            EXPECT_EQ(summary.waiting, q.getColumn(0).getInt()) << summary.id << " after " << after;
        }
    };
    // The line in the order "call next" takes it: choose_next stepped over the waiting
    // tickets from the service's current streak (read from the file), `extra` joining it.
    const auto call_order = [&](const std::string& service, std::optional<Ticket> extra) {
        std::vector<Ticket> priority, normal, order;
        auto line = store->waiting({service}, clock);
        if (extra)
            line.push_back(*extra);
        for (const Ticket& t : line)
            (t.priority != Priority::None ? priority : normal).push_back(t);
        SQLite::Statement q(check, "SELECT streak FROM priority_streaks WHERE service = ?");
        q.bind(1, service);
        int streak = q.executeStep() ? q.getColumn(0).getInt() : 0;
        while (true) {
            ServiceHeads h{service, std::nullopt, std::nullopt, streak,
                           store->config()->find_service(service)->priority_max_in_row};
            if (!priority.empty())
                h.first_priority = priority.front();
            if (!normal.empty())
                h.first_normal = normal.front();
            const auto next = choose_next({h});
            if (!next)
                return order;
            order.push_back(*next);
            auto& from = next->priority != Priority::None ? priority : normal;
            from.erase(from.begin());
            streak = next->priority != Priority::None ? streak + 1 : 0;
        }
    };
    const auto place_in = [](const std::vector<Ticket>& order, std::int64_t id) {
        const auto it =
            std::find_if(order.begin(), order.end(), [&](const Ticket& t) { return t.id == id; });
        return it == order.end() ? -1 : int(it - order.begin());
    };
    const auto expect_ahead_is_place_in_line = [&](const IssueResult& issued) {
        const auto order = call_order(issued.ticket.service, std::nullopt);
        EXPECT_EQ(issued.people_ahead, place_in(order, issued.ticket.id)) << issued.ticket.number;
    };
    // Every waiting ticket's status, and each service's figure for a normal ticket taken now.
    const auto expect_positions_are_places_in_line = [&](const std::string& after) {
        for (const auto& summary : store->services(clock)) {
            Ticket newcomer;
            newcomer.id = 1 << 30;
            newcomer.service = summary.id;
            newcomer.arrival_at = clock + hours{1};
            const auto with_newcomer = call_order(summary.id, newcomer);
            EXPECT_EQ(summary.people_ahead, place_in(with_newcomer, newcomer.id))
                << summary.id << " after " << after;
            const auto order = call_order(summary.id, std::nullopt);
            for (const Ticket& t : order)
                EXPECT_EQ(store->status_by_token(t.status_token, clock).people_ahead,
                          place_in(order, t.id))
                    << t.number << " after " << after;
        }
    };
    const std::vector<std::string> services = {"informasi", "customer_service", "pendaftaran"};
    for (int c : {1, 2, 5})
        store->open_counter(c, kSiti, tick());
    std::mt19937 random(20261122);
    std::map<std::string, int> done;  // each kind of change must really have happened
    for (int step = 0; step < 400; ++step) {
        const int counter = std::vector<int>{1, 2, 5}[random() % 3];
        const auto active = store->counter(counter).current;
        std::string what;
        try {
            switch (random() % 8) {
                case 0:
                case 1: {
                    const auto priority = random() % 4 == 0 ? Priority::Lansia : Priority::None;
                    const auto issued = store->issue(
                        IssueRequest{services[random() % 3], priority, "", ""}, tick());
                    what = "issue " + issued.ticket.number;
                    expect_ahead_is_place_in_line(issued);
                    break;
                }
                case 2:
                    if (!active && store->call_next(counter, kSiti, tick()))
                        what = "call next";
                    break;
                case 3:
                    if (active) {
                        what = "start and finish";
                        if (active->state == TicketState::Called)
                            store->start_serving(counter, kSiti, tick());
                        store->finish(counter, kSiti, tick());
                    }
                    break;
                case 4:
                    if (active && active->state == TicketState::Called) {
                        what = "no-show then reactivate";
                        const Ticket gone = store->no_show(counter, kSiti, tick());
                        if (random() % 2)
                            store->reactivate(gone.number, "rina", tick());
                    }
                    break;
                case 5:
                    if (active) {
                        const std::string to = services[random() % 3];
                        what = "transfer";
                        if (to != active->service)
                            store->transfer(active->number, "rina", to, "", tick());
                    }
                    break;
                case 6: {
                    const auto line = store->waiting(services, clock);
                    if (!line.empty()) {
                        what = "cancel a waiting ticket";
                        store->cancel(line[random() % line.size()].number, "rina", "pulang",
                                      tick());
                    }
                    break;
                }
                case 7:
                    if (active && active->state == TicketState::Called) {
                        what = "recall";
                        store->recall(counter, kSiti, tick());
                    }
                    break;
            }
            if (!what.empty())
                ++done[what.substr(0, what.find(' '))];
        } catch (const QueueError& e) {
            what += std::string(" (refused: ") + e.what() + ")";
        }
        expect_counts_match(what);
        expect_positions_are_places_in_line(what);
        if (::testing::Test::HasFailure())
            return;
    }
    for (const char* kind : {"issue", "call", "start", "no-show", "transfer", "cancel", "recall"})
        EXPECT_GT(done[kind], 5) << kind;
}

// A database made before migration 4 gets its counts from the tickets already waiting.
TEST_F(QueueStoreTest, MigrationCountsTicketsAlreadyWaiting) {
    issue("informasi");
    issue("informasi");
    issue("pendaftaran", Priority::IbuHamil);
    store.reset();
    {
        SQLite::Database db((dir / "queue.db").string(), SQLite::OPEN_READWRITE);
        // Back to schema version 3: every table later migrations made goes (their triggers and
        // indexes with them).
        const std::set<std::string> version_3 = {
            "tickets", "sequences", "visits",   "counters", "priority_streaks",
            "events",  "users",     "sessions", "settings", "sqlite_sequence"};
        std::vector<std::string> later;
        SQLite::Statement tables(db, "SELECT name FROM sqlite_master WHERE type = 'table'");
        while (tables.executeStep()) {
            if (!version_3.count(tables.getColumn(0).getString()))
                later.push_back(tables.getColumn(0).getString());
        }
        tables.reset();
        std::vector<std::string> triggers;
        SQLite::Statement trigger_list(
            db,
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name NOT LIKE 'events_%'");
        while (trigger_list.executeStep())
            triggers.push_back(trigger_list.getColumn(0).getString());
        trigger_list.reset();
        for (const auto& trigger : triggers)
            db.exec("DROP TRIGGER " + trigger);
        db.exec("PRAGMA foreign_keys = OFF");
        for (const auto& table : later)
            db.exec("DROP TABLE " + table);
        // ...and the columns and indexes later migrations added to version 3's tables.
        db.exec("ALTER TABLE tickets DROP COLUMN permit_version");
        db.exec("DROP INDEX events_type_at");
        db.exec("DROP INDEX events_counter");
        db.exec("PRAGMA user_version = 3");
    }
    open();
    const auto summaries = store->services(clock);
    const auto waiting_in = [&](const std::string& id) {
        return std::find_if(summaries.begin(), summaries.end(),
                            [&](const ServiceSummary& s) { return s.id == id; })
            ->waiting;
    };
    EXPECT_EQ(waiting_in("informasi"), 2);
    EXPECT_EQ(waiting_in("pendaftaran"), 1);
    EXPECT_EQ(waiting_in("customer_service"), 0);
    EXPECT_EQ(issue("informasi").number, "A-003");
    EXPECT_EQ(store->services(clock)[0].waiting, 3);
}

// A second clerk chose "Loket 1 · Dibuka oleh siti" and recalled siti's applicant: a counter is
// operated by the staff member who opened it until someone takes it over.
TEST_F(QueueStoreTest, AnOpenCounterIsOperatedOnlyByWhoOpenedIt) {
    const StaffRef budi{"budi", "staff"};
    issue("informasi");
    issue("informasi");
    store->open_counter(1, kSiti, tick());
    store->call_next(1, kSiti, tick());
    const auto refused = [&](const std::function<void()>& fn) {
        try {
            fn();
            ADD_FAILURE() << "expected counter_taken_by_other";
        } catch (const QueueError& e) {
            EXPECT_EQ(e.code(), "counter_taken_by_other") << e.what();
            EXPECT_EQ(e.details()["holder"]["name"], "siti");
        }
    };
    const std::int64_t before = store->last_event_id();
    refused([&] { store->open_counter(1, budi, tick()); });
    refused([&] { store->recall(1, budi, tick()); });
    refused([&] { store->start_serving(1, budi, tick()); });
    refused([&] { store->finish(1, budi, tick()); });
    refused([&] { store->no_show(1, budi, tick()); });
    refused([&] { store->transfer_from_counter(1, budi, "pendaftaran", "", tick()); });
    refused([&] { store->call_next(1, budi, tick()); });
    refused([&] { store->call_number(1, budi, "A-002", tick()); });
    refused([&] { store->pause_counter(1, budi, "Istirahat", tick()); });
    refused([&] { store->resume_counter(1, budi, tick()); });
    refused([&] { store->close_counter(1, budi, tick()); });
    EXPECT_EQ(store->last_event_id(), before) << "a refused action changed something";
    EXPECT_EQ(store->counter(1).current->call_count, 1);
    EXPECT_EQ(store->counter_held_by("siti"), 1);
    EXPECT_FALSE(store->counter_held_by("budi").has_value());

    // A takeover judged against a holder who is no longer the holder does nothing.
    refused([&] { store->take_over(1, budi, "rina", false, tick()); });
    // The takeover keeps the state and the called ticket, and names both.
    const CounterStatus taken = store->take_over(1, budi, "siti", true, tick());
    EXPECT_EQ(taken.staff, "budi");
    EXPECT_EQ(taken.state, CounterState::Open);
    ASSERT_TRUE(taken.current.has_value());
    EXPECT_EQ(taken.current->number, "A-001");
    const Event event = store->events_after(before).back();
    EXPECT_EQ(event.type, "counter.taken_over");
    EXPECT_EQ(event.payload["staff"]["name"], "budi");
    EXPECT_EQ(event.payload["previous_staff"]["name"], "siti");
    EXPECT_TRUE(event.payload["forced"].get<bool>());
    EXPECT_EQ(event.payload["counter"]["staff"], "budi");
    EXPECT_EQ(store->counter_held_by("budi"), 1);
    EXPECT_FALSE(store->counter_held_by("siti").has_value());

    // Now siti is the other one; budi carries on with the same applicant.
    expect_queue_error([&] { store->recall(1, kSiti, tick()); }, "counter_taken_by_other");
    EXPECT_EQ(store->recall(1, budi, tick()).call_count, 2);
    store->finish(1, budi, tick());
    store->close_counter(1, budi, tick());
    // A closed counter is nobody's: anyone opens it, and there is nothing to take over.
    expect_queue_error([&] { store->take_over(1, kSiti, "budi", false, tick()); },
                       "counter_closed");
    EXPECT_EQ(store->open_counter(1, kSiti, tick()).staff, "siti");
}

TEST_F(QueueStoreTest, EveryCounterEventNamesTheStaffMemberWhoActed) {
    const StaffRef rina{"rina", "supervisor"};
    issue("informasi");
    issue("informasi");
    issue("informasi");
    const std::int64_t before = store->last_event_id();
    store->open_counter(1, kSiti, tick());
    store->call_next(1, kSiti, tick());
    store->recall(1, kSiti, tick());
    store->start_serving(1, kSiti, tick());
    store->finish(1, kSiti, tick());
    store->call_number(1, kSiti, "A-003", tick());
    store->no_show(1, kSiti, tick());
    store->take_over(1, rina, "siti", true, tick());
    store->call_next(1, rina, tick());
    store->transfer_from_counter(1, rina, "pendaftaran", "berkas lengkap", tick());
    store->pause_counter(1, rina, "Rapat", tick());
    store->resume_counter(1, rina, tick());
    store->close_counter(1, rina, tick());
    std::vector<std::string> types;
    for (const Event& e : store->events_after(before)) {
        types.push_back(e.type);
        const std::string expected = types.size() <= 7 ? "siti" : "rina";
        EXPECT_EQ(e.payload.value("/staff/name"_json_pointer, std::string()), expected) << e.type;
    }
    EXPECT_EQ(types, (std::vector<std::string>{
                         "counter.opened", "ticket.called", "ticket.recalled", "ticket.started",
                         "ticket.finished", "ticket.called", "ticket.no_show", "counter.taken_over",
                         "ticket.called", "ticket.transferred", "counter.paused", "counter.resumed",
                         "counter.closed"}));
    const Event transferred = store->events_after(before)[9];
    EXPECT_EQ(transferred.payload["staff"]["role"], "supervisor");
    EXPECT_EQ(transferred.payload["from_counter"], 1);
}

// A supervisor's actions by ticket number (move, cancel, reactivate) name who acted as well, so
// the activity list can show every staff member's hand in a ticket's day.
TEST_F(QueueStoreTest, ActionsByTicketNumberNameTheStaffMemberWhoActed) {
    const StaffRef rina{"rina", "supervisor"};
    issue("informasi");
    issue("informasi");
    store->open_counter(1, kSiti, tick());
    store->call_next(1, kSiti, tick());
    store->no_show(1, kSiti, tick());
    const std::int64_t before = store->last_event_id();
    store->reactivate("A-001", rina, tick());
    store->transfer("A-001", rina, "pendaftaran", "berkas lengkap", tick());
    store->cancel("A-002", rina, "pulang", tick());
    std::vector<std::string> types;
    for (const Event& e : store->events_after(before)) {
        types.push_back(e.type);
        EXPECT_EQ(e.payload.value("/staff/name"_json_pointer, std::string()), "rina") << e.type;
        EXPECT_EQ(e.payload.value("/staff/role"_json_pointer, std::string()), "supervisor")
            << e.type;
    }
    EXPECT_EQ(types, (std::vector<std::string>{"ticket.reactivated", "ticket.transferred",
                                               "ticket.cancelled"}));
}

// Clerks pressed Call, Start and Finish for every applicant. Finishing a called ticket now
// starts and finishes it in one write; the start is the call time, so service figures hold.
TEST_F(QueueStoreTest, FinishingACalledTicketStartsItAtTheCallTime) {
    issue("informasi");
    store->open_counter(1, kSiti, tick());
    const Ticket called = *store->call_next(1, kSiti, tick());
    const std::int64_t before = store->last_event_id();
    const TimePoint done_at = called.called_at.value() + minutes{4};
    const Ticket done = store->finish(1, kSiti, done_at);
    EXPECT_EQ(done.state, TicketState::Done);
    EXPECT_EQ(done.started_at, called.called_at);
    EXPECT_EQ(done.finished_at, done_at);
    const auto events = store->events_after(before);
    ASSERT_EQ(events.size(), 1u) << "one write, one event";
    EXPECT_EQ(events[0].type, "ticket.finished");
    EXPECT_TRUE(events[0].payload["implicit_start"].get<bool>());
    EXPECT_EQ(events[0].payload["ticket"]["started_at"], to_millis(*called.called_at));
    EXPECT_EQ(events[0].payload["ticket"]["called_at"], to_millis(*called.called_at));
    EXPECT_FALSE(store->counter(1).current.has_value());
    const CounterDayStats stats = store->counter_day_stats(1, done_at);
    EXPECT_EQ(stats.served, 1);
    EXPECT_NEAR(*stats.average_service_minutes, 4.0, 0.01);
    // Started explicitly, the event says so.
    issue("informasi");
    store->call_next(1, kSiti, tick());
    store->start_serving(1, kSiti, tick());
    EXPECT_EQ(store->events_after(store->last_event_id() - 1).size(), 1u);
    store->finish(1, kSiti, tick());
    EXPECT_FALSE(store->events_after(store->last_event_id() - 1)[0].payload["implicit_start"]);
}
