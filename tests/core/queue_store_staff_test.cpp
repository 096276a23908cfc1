// Who acts at the queue store: an open counter is operated only by who opened it (until taken
// over), every counter event and every action by ticket number names the staff member, and
// finishing a called ticket starts it at the call time.
#include <gtest/gtest.h>

#include <functional>

#include "loket/queue_store.hpp"
#include "queue_store_fixture.hpp"

using namespace loket;
using namespace std::chrono;
using namespace queue_store_test;

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
