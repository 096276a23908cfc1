// The floor model alone: snapshot + events as the queue-server sends them (assets/openapi.json),
// duplicates and replays ignored, paused counters, zones, the recent list, highlight timing,
// the predicted wait per service. Settings and bad input: floor_model_settings_test.cpp; the
// ready numbers, survey publication and open data: floor_model_panels_test.cpp.
#include "floor_model.hpp"

#include <gtest/gtest.h>

#include "floor_model_fixture.hpp"
#include "loket/input_error.hpp"
#include "text.hpp"
#include "view.hpp"

namespace loket::display {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;
using namespace floor_test;

TEST(FloorModel, SnapshotGivesOfficeCountersServicesAndTheLastCallWithoutHighlight) {
    FloorModel model;
    model.apply_snapshot(snapshot(), at(t0));
    const FloorView v = model.view();
    ASSERT_TRUE(v.loaded);
    EXPECT_EQ(v.office.name, "DPMPTSP Kabupaten Uji");
    EXPECT_EQ(v.office.short_name, "DPMPTSP Uji");
    EXPECT_EQ(v.office.time_zone, "WITA");
    EXPECT_EQ(v.office.utc_offset_minutes, 480);
    EXPECT_EQ(v.office.today_hours.size(), 2u);
    EXPECT_EQ(v.last_event_id, 10);
    // Open and paused counters show; the closed one does not.
    ASSERT_EQ(v.counters.size(), 3u);
    EXPECT_EQ(v.counters[1].current->number, "A-001");
    EXPECT_EQ(v.counters[1].current->state, "serving");
    EXPECT_EQ(v.counters[2].state, CounterState::Paused);
    EXPECT_EQ(v.counters[2].pause_reason, "Salat");  // a server before the codes: its label
    ASSERT_EQ(v.services.size(), 3u);
    EXPECT_EQ(v.services[0].waiting, 5);
    ASSERT_TRUE(v.current);
    EXPECT_EQ(v.current->number, "A-001");
    EXPECT_EQ(v.current->counter_name, "Loket 2");
    EXPECT_EQ(v.current->service_name, "Informasi");
    EXPECT_FALSE(v.highlighted(t0)) << "a call from before the display started is not new";
    EXPECT_TRUE(v.recent.empty());
}

TEST(FloorModel, EventsApplyInOrderAndEachCallBecomesCurrentHighlighted) {
    FloorModel model;
    model.apply_snapshot(snapshot(), at(t0));
    const auto a = model.apply_event(call_event(11, "A-002", "informasi", 1), at(t0));
    ASSERT_TRUE(a.applied);
    ASSERT_TRUE(a.call);
    EXPECT_TRUE(a.fresh);
    EXPECT_EQ(a.call->number, "A-002");
    EXPECT_EQ(a.call->counter, 1);
    FloorView v = model.view();
    EXPECT_EQ(v.current->number, "A-002");
    EXPECT_TRUE(v.highlighted(t0 + 1s));
    EXPECT_EQ(v.counters[0].current->number, "A-002");
    EXPECT_EQ(v.counters[0].current->state, "called");
    EXPECT_EQ(v.services[0].waiting, 3) << "waiting counts come with every ticket event";
    ASSERT_EQ(v.recent.size(), 1u);
    EXPECT_EQ(v.recent[0].number, "A-001");
    EXPECT_EQ(v.last_event_id, 11);

    // Started, then finished: the counter's number follows, then clears.
    model.apply_event(ticket_event(12, "ticket.started", "A-002", "informasi", "serving", 1),
                      at(t0));
    EXPECT_EQ(model.view().counters[0].current->state, "serving");
    model.apply_event(ticket_event(13, "ticket.finished", "A-002", "informasi", "done", 1), at(t0));
    EXPECT_FALSE(model.view().counters[0].current);
    EXPECT_EQ(model.view().current->number, "A-002") << "the last call stays on the big panel";
    EXPECT_EQ(model.stats().events_applied, 3u);
}

TEST(FloorModel, DuplicatesAndOlderEventsAreIgnored) {
    FloorModel model;
    model.apply_snapshot(snapshot(10), at(t0));
    // At or before the snapshot: already in it.
    EXPECT_FALSE(model.apply_event(call_event(10, "A-009", "informasi", 1), at(t0)).applied);
    EXPECT_FALSE(model.apply_event(call_event(3, "A-009", "informasi", 1), at(t0)).applied);
    EXPECT_TRUE(model.apply_event(call_event(11, "A-002", "informasi", 1), at(t0)).applied);
    EXPECT_TRUE(model.apply_event(call_event(12, "B-001", "customer_service", 2), at(t0)).applied);
    // A replay after reconnecting repeats 11 and 12, and an out-of-order 11 arrives late.
    const auto again = model.apply_event(call_event(12, "B-001", "customer_service", 2), at(t0));
    EXPECT_FALSE(again.applied);
    EXPECT_FALSE(again.call) << "a duplicate is never announced again";
    EXPECT_FALSE(model.apply_event(call_event(11, "A-002", "informasi", 1), at(t0)).applied);
    const FloorView v = model.view();
    EXPECT_EQ(v.current->number, "B-001");
    ASSERT_EQ(v.recent.size(), 2u);
    EXPECT_EQ(v.recent[0].number, "A-002");
    EXPECT_EQ(v.recent[1].number, "A-001");
    EXPECT_EQ(model.stats().stale_ignored, 4u);
    ASSERT_EQ(model.call_log().size(), 2u);
    EXPECT_EQ(model.call_log()[0].event_id, 11);
    EXPECT_EQ(model.call_log()[1].event_id, 12);
}

TEST(FloorModel, PausedCountersShowPausedClosedOnesDisappear) {
    FloorModel model;
    model.apply_snapshot(snapshot(), at(t0));
    model.apply_event(counter_event(11, "counter.paused",
                                    counter_json(1, {"informasi"}, "paused", nullptr, "Rapat")),
                      at(t0));
    FloorView v = model.view();
    EXPECT_EQ(v.counters[0].state, CounterState::Paused);
    EXPECT_EQ(v.counters[0].pause_reason, "Rapat/koordinasi");
    EXPECT_EQ(v.services[0].waiting, 4);
    model.apply_event(counter_event(12, "counter.resumed", counter_json(1, {"informasi"}, "open")),
                      at(t0));
    EXPECT_EQ(model.view().counters[0].state, CounterState::Open);
    model.apply_event(counter_event(13, "counter.closed", counter_json(2, {"informasi"}, "closed")),
                      at(t0));
    v = model.view();
    ASSERT_EQ(v.counters.size(), 2u);
    EXPECT_EQ(v.counters[0].number, 1);
    EXPECT_EQ(v.counters[1].number, 3);
    model.apply_event(
        counter_event(14, "counter.opened", counter_json(4, {"customer_service"}, "open")), at(t0));
    v = model.view();
    ASSERT_EQ(v.counters.size(), 3u);
    EXPECT_EQ(v.counters[2].number, 4);
    EXPECT_FALSE(v.counters[2].current);
}

TEST(FloorModel, ZoneFiltersCallsCountersAndServices) {
    FloorModel::Options by_service;
    by_service.zone.services = {"customer_service"};
    FloorModel model(by_service);
    model.apply_snapshot(snapshot(), at(t0));
    FloorView v = model.view();
    EXPECT_FALSE(v.current) << "the snapshot's call was for informasi";
    ASSERT_EQ(v.services.size(), 1u);
    EXPECT_EQ(v.services[0].id, "customer_service");
    ASSERT_EQ(v.counters.size(), 1u) << "counter 2 serves customer_service; 4 is closed";
    EXPECT_EQ(v.counters[0].number, 2);
    EXPECT_FALSE(model.apply_event(call_event(11, "A-002", "informasi", 1), at(t0)).call)
        << "not announced here";
    const auto b = model.apply_event(call_event(12, "B-001", "customer_service", 2), at(t0));
    ASSERT_TRUE(b.call);
    v = model.view();
    EXPECT_EQ(v.current->number, "B-001");
    EXPECT_TRUE(v.recent.empty());

    FloorModel::Options by_counter;
    by_counter.zone.counters = {1, 3};
    FloorModel second(by_counter);
    second.apply_snapshot(snapshot(), at(t0));
    v = second.view();
    ASSERT_EQ(v.counters.size(), 2u);
    EXPECT_EQ(v.counters[0].number, 1);
    EXPECT_EQ(v.counters[1].number, 3);
    ASSERT_EQ(v.services.size(), 2u) << "the services of counters 1 and 3";
    EXPECT_EQ(v.services[0].id, "informasi");
    EXPECT_EQ(v.services[1].id, "pendaftaran");
    EXPECT_FALSE(second.apply_event(call_event(11, "A-002", "informasi", 2), at(t0)).call);
    EXPECT_TRUE(second.apply_event(call_event(12, "A-003", "informasi", 1), at(t0)).call);

    Zone both{{"informasi"}, {2}};
    EXPECT_TRUE(both.covers_call("informasi", 2));
    EXPECT_FALSE(both.covers_call("informasi", 1));
    EXPECT_FALSE(both.covers_call("customer_service", 2));
    EXPECT_TRUE(Zone{}.covers_call("anything", 9));
}

TEST(FloorModel, RecentListKeepsTheConfiguredNumberNewestFirstOneLinePerTicket) {
    FloorModel::Options options;
    options.recent_calls = 6;
    FloorModel model(options);
    model.apply_snapshot(snapshot(), at(t0));
    for (int i = 2; i <= 12; ++i) {
        char number[16];
        std::snprintf(number, sizeof number, "A-%03d", i);
        model.apply_event(call_event(10 + i, number, "informasi", 1 + i % 2), at(t0));
    }
    FloorView v = model.view();
    EXPECT_EQ(v.current->number, "A-012");
    ASSERT_EQ(v.recent.size(), 6u);
    EXPECT_EQ(v.recent[0].number, "A-011");
    EXPECT_EQ(v.recent[5].number, "A-006");
    // A recall of A-009 brings it back to the top, counted, without a second line for it.
    const auto r =
        model.apply_event(call_event(30, "A-009", "informasi", 2, kNow, true, 2), at(t0));
    ASSERT_TRUE(r.call);
    EXPECT_TRUE(r.call->recall);
    v = model.view();
    EXPECT_EQ(v.current->number, "A-009");
    EXPECT_TRUE(v.current->recall);
    EXPECT_EQ(v.current->call_count, 2);
    ASSERT_EQ(v.recent.size(), 6u);
    for (const auto& c : v.recent)
        EXPECT_NE(c.number, "A-009");
    EXPECT_EQ(v.recent[0].number, "A-012");

    FloorModel::Options none;
    none.recent_calls = 0;
    FloorModel zero(none);
    zero.apply_snapshot(snapshot(), at(t0));
    zero.apply_event(call_event(11, "A-002", "informasi", 1), at(t0));
    EXPECT_EQ(zero.view().current->number, "A-002");
    EXPECT_TRUE(zero.view().recent.empty());
}

TEST(FloorModel, HighlightLastsTheConfiguredTimeAndARecallHighlightsAgain) {
    FloorModel::Options options;
    options.highlight = 8000ms;
    FloorModel model(options);
    model.apply_snapshot(snapshot(), at(t0));
    model.apply_event(call_event(11, "A-002", "informasi", 1), at(t0));
    EXPECT_TRUE(model.view().highlighted(t0));
    EXPECT_TRUE(model.view().highlighted(t0 + 7900ms));
    EXPECT_FALSE(model.view().highlighted(t0 + 8100ms));
    // It pulses (animates) only at first, then stays still.
    EXPECT_TRUE(model.view().pulsing(t0 + 1400ms));
    EXPECT_FALSE(model.view().pulsing(t0 + 1600ms));
    model.apply_event(call_event(12, "A-002", "informasi", 1, kNow + 20'000, true, 2),
                      at(t0 + 20s, kNow + 20'000));
    EXPECT_TRUE(model.view().highlighted(t0 + 27s));
    EXPECT_FALSE(model.view().highlighted(t0 + 29s));
}

TEST(FloorModel, OldCallsFromABacklogAreShownButNeitherHighlightedNorFresh) {
    FloorModel::Options options;
    options.fresh = 60s;
    FloorModel model(options);
    model.apply_snapshot(snapshot(), at(t0));
    // Replayed after a long disconnect: made 5 minutes ago.
    const auto old =
        model.apply_event(call_event(11, "A-002", "informasi", 1, kNow - 300'000), at(t0));
    ASSERT_TRUE(old.call);
    EXPECT_FALSE(old.fresh);
    EXPECT_EQ(model.view().current->number, "A-002");
    EXPECT_FALSE(model.view().highlighted(t0));
    const auto recent =
        model.apply_event(call_event(12, "A-003", "informasi", 1, kNow - 30'000), at(t0));
    EXPECT_TRUE(recent.fresh);
    EXPECT_TRUE(model.view().highlighted(t0));
}

TEST(FloorModel, ServerClockOffsetIsTakenIntoAccountForFreshness) {
    FloorModel::Options options;
    options.fresh = 60s;
    FloorModel model(options);
    json snap = snapshot();
    snap["now"] = kNow + 120'000;  // the server runs two minutes ahead of this machine
    model.apply_snapshot(snap, at(t0, kNow));
    EXPECT_EQ(model.view().server_skew_ms, 120'000);
    const auto call =
        model.apply_event(call_event(11, "A-002", "informasi", 1, kNow + 110'000), at(t0, kNow));
    EXPECT_TRUE(call.fresh) << "10 s old by the server's clock";
}

TEST(FloorModel, TransferNoShowAndCancelClearTheCounter) {
    FloorModel model;
    model.apply_snapshot(snapshot(), at(t0));
    model.apply_event(call_event(11, "A-002", "informasi", 1), at(t0));
    json transferred =
        ticket_event(12, "ticket.transferred", "A-002", "customer_service", "waiting", 0);
    transferred["payload"]["from_counter"] = 1;
    model.apply_event(transferred, at(t0));
    EXPECT_FALSE(model.view().counters[0].current);
    model.apply_event(ticket_event(13, "ticket.no_show", "A-001", "informasi", "no_show", 2),
                      at(t0));
    EXPECT_FALSE(model.view().counters[1].current);
    model.apply_event(call_event(14, "A-003", "informasi", 1), at(t0));
    model.apply_event(ticket_event(15, "ticket.cancelled", "A-003", "informasi", "cancelled", 1),
                      at(t0));
    EXPECT_FALSE(model.view().counters[0].current);
}

// The predicted wait per service comes from the snapshot's summaries (re-read with every
// refresh) and is shown beside the waiting count; with nobody waiting the screen says so.
TEST(FloorModel, PredictedWaitPerServiceFromTheSnapshot) {
    FloorModel model;
    model.apply_snapshot(snapshot(), at(t0));
    FloorView v = model.view();
    ASSERT_EQ(v.services.size(), 3u);
    EXPECT_EQ(v.services[0].estimate_minutes, 12);
    EXPECT_TRUE(v.services[0].counter_free);  // counter 1 is open with nobody called
    EXPECT_EQ(v.services[1].estimate_minutes, 7);
    EXPECT_FALSE(v.services[1].counter_free);  // counter 2 serves A-001, 4 is closed
    EXPECT_FALSE(v.services[2].estimate_minutes.has_value());
    EXPECT_FALSE(v.services[2].counter_free);  // counter 3 is paused
    const Texts& id = texts(Language::Indonesian);
    const Texts& en = texts(Language::English);
    EXPECT_EQ(predicted_wait_text(id, 5, true, 12), "\u00b1 12 menit");
    EXPECT_EQ(predicted_wait_text(en, 5, true, 12), "\u00b1 12 min");
    EXPECT_EQ(predicted_wait_text(id, 0, true, 0), "Tidak ada antrean \u2014 langsung dilayani");
    EXPECT_EQ(predicted_wait_text(en, 0, true, 0), "Nobody ahead \u2014 served next");
    EXPECT_EQ(predicted_wait_text(id, 0, false, 3), "Tidak ada antrean");
    EXPECT_EQ(predicted_wait_text(id, 4, false, std::nullopt), "");  // no counter open

    // A refresh brings new estimates; the counts stay those the events keep.
    json fresh = snapshot(12);
    fresh["services"][0]["estimate_minutes"] = 20;
    fresh["services"][0]["waiting"] = 99;
    model.apply_settings(fresh);
    v = model.view();
    EXPECT_EQ(v.services[0].estimate_minutes, 20);
    EXPECT_EQ(v.services[0].waiting, 5);
}

}  // namespace
}  // namespace loket::display
