// The floor model alone: snapshot + events as the queue-server sends them (assets/openapi.json),
// duplicates and replays ignored, paused counters, zones, the recent list, highlight timing.
#include "floor_model.hpp"

#include <gtest/gtest.h>

#include "loket/input_error.hpp"
#include "text.hpp"
#include "view.hpp"

namespace loket::display {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

constexpr std::int64_t kNow = 1'790'000'000'000;  // server and display clocks agree here

json ticket(const std::string& number, const std::string& service, const std::string& state,
            int counter = 0, int call_count = 0) {
    return {{"number", number},
            {"service", service},
            {"state", state},
            {"counter", counter ? json(counter) : json(nullptr)},
            {"call_count", call_count}};
}

json service_ref(const std::string& id) {
    static const std::map<std::string, std::pair<std::string, std::string>> names = {
        {"informasi", {"Informasi", "A"}},
        {"customer_service", {"Customer Service", "B"}},
        {"pendaftaran", {"Pendaftaran", "C"}},
    };
    const auto& [name, prefix] = names.at(id);
    return {{"id", id}, {"name", name}, {"name_en", name}, {"prefix", prefix}};
}

json counter_json(int number, const std::vector<std::string>& services, const std::string& state,
                  const json& current = nullptr, const std::string& reason = "") {
    return {{"number", number},       {"name", "Loket " + std::to_string(number)},
            {"services", services},   {"state", state},
            {"pause_reason", reason}, {"current", current}};
}

// An event object as the stream's data field carries it.
json call_event(std::int64_t id, const std::string& number, const std::string& service, int counter,
                std::int64_t at = kNow, bool recall = false, int call_count = 1) {
    return {{"id", id},
            {"type", recall ? "ticket.recalled" : "ticket.called"},
            {"at", at},
            {"payload",
             {{"ticket", ticket(number, service, "called", counter, call_count)},
              {"service", service_ref(service)},
              {"counter", {{"number", counter}, {"name", "Loket " + std::to_string(counter)}}},
              {"waiting", {{"informasi", 3}, {"customer_service", 1}, {"pendaftaran", 0}}}}}};
}

json ticket_event(std::int64_t id, const std::string& type, const std::string& number,
                  const std::string& service, const std::string& state, int counter) {
    return {{"id", id},
            {"type", type},
            {"at", kNow},
            {"payload",
             {{"ticket", ticket(number, service, state, counter, 1)},
              {"service", service_ref(service)},
              {"counter",
               counter ? json{{"number", counter}, {"name", "Loket " + std::to_string(counter)}}
                       : json(nullptr)},
              {"waiting", {{"informasi", 2}}}}}};
}

json counter_event(std::int64_t id, const std::string& type, const json& counter) {
    return {{"id", id},
            {"type", type},
            {"at", kNow},
            {"payload", {{"counter", counter}, {"waiting", {{"informasi", 4}}}}}};
}

// Three services, counters 1 and 2 open (2 serving A-001), 3 paused, 4 closed; one earlier call.
json snapshot(std::int64_t last_event_id = 10) {
    return {{"last_event_id", last_event_id},
            {"office",
             {{"name", "DPMPTSP Kabupaten Uji"},
              {"short_name", "DPMPTSP Uji"},
              {"time_zone", "WITA"},
              {"utc_offset_minutes", 480},
              {"open", true},
              {"today_hours", {"08:00-12:00", "13:00-16:00"}}}},
            {"now", kNow},
            {"counters",
             {counter_json(1, {"informasi"}, "open"),
              counter_json(2, {"informasi", "customer_service"}, "open",
                           ticket("A-001", "informasi", "serving", 2, 1)),
              counter_json(3, {"pendaftaran"}, "paused", nullptr, "Sholat"),
              counter_json(4, {"customer_service"}, "closed")}},
            {"services",
             {{{"id", "informasi"},
               {"name", "Informasi"},
               {"name_en", "Information"},
               {"prefix", "A"},
               {"waiting", 5},
               {"estimate_minutes", 12}},
              {{"id", "customer_service"},
               {"name", "Customer Service"},
               {"name_en", "Customer Service"},
               {"prefix", "B"},
               {"waiting", 2},
               {"estimate_minutes", 7}},
              {{"id", "pendaftaran"},
               {"name", "Pendaftaran"},
               {"name_en", "Registration"},
               {"prefix", "C"},
               {"waiting", 0},
               {"estimate_minutes", nullptr}}}},
            {"recent_calls", {call_event(9, "A-001", "informasi", 2, kNow - 600'000)}}};
}

Now at(SteadyClock::time_point steady, std::int64_t wall = kNow) {
    return Now{steady, wall};
}

const SteadyClock::time_point t0 = SteadyClock::time_point(100s);

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
    EXPECT_EQ(v.counters[2].pause_reason, "Sholat");
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
    EXPECT_EQ(v.counters[0].pause_reason, "Rapat");
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

TEST(FloorModel, SettingsChangedAppliesTheSavedSettingsAndKeepsCallsAndCounterState) {
    FloorModel model;
    model.apply_snapshot(snapshot(), at(t0));
    model.apply_event(call_event(11, "A-002", "informasi", 1), at(t0));
    // As the queue-server sends it: the whole saved configuration (to_json(OfficeConfig)).
    const json settings = {
        {"office", {{"name", "Mal Pelayanan Publik"}, {"address", ""}, {"time_zone", "WIT"}}},
        {"hours",
         {{"monday", {"00:00-24:00"}},
          {"tuesday", {"00:00-24:00"}},
          {"wednesday", {"00:00-24:00"}},
          {"thursday", {"00:00-24:00"}},
          {"friday", {"00:00-24:00"}},
          {"saturday", {"00:00-24:00"}},
          {"sunday", {"00:00-24:00"}}}},
        {"holidays", json::array()},
        {"services",
         {{{"id", "informasi"},
           {"name", "Informasi Perizinan"},
           {"name_en", "Information"},
           {"prefix", "A"},
           {"priority_max_in_row", 3},
           {"default_service_minutes", 5}}}},
        {"counters",
         {{{"number", 1}, {"name", "Loket Informasi"}, {"services", {"informasi"}}},
          {{"number", 7}, {"name", "Loket 7 (Prioritas)"}, {"services", {"informasi"}}}}}};
    const auto s = model.apply_event({{"id", 12},
                                      {"type", "settings.changed"},
                                      {"at", kNow},
                                      {"payload", {{"settings", settings}, {"saved_by", "admin"}}}},
                                     at(t0));
    EXPECT_TRUE(s.applied);
    EXPECT_FALSE(s.settings_changed) << "nothing to re-read";
    const FloorView v = model.view();
    EXPECT_EQ(v.office.name, "Mal Pelayanan Publik");
    EXPECT_EQ(v.office.time_zone, "WIT");
    EXPECT_EQ(v.office.utc_offset_minutes, 540);
    EXPECT_TRUE(v.office.open);
    EXPECT_EQ(v.office.today_hours, (std::vector<std::string>{"00:00-24:00"}));
    ASSERT_EQ(v.services.size(), 1u);
    EXPECT_EQ(v.services[0].name, "Informasi Perizinan");
    EXPECT_EQ(v.services[0].waiting, 3) << "waiting counts stay";
    ASSERT_EQ(v.counters.size(), 1u) << "counter 7 is new, so closed until opened";
    EXPECT_EQ(v.counters[0].name, "Loket Informasi");
    EXPECT_EQ(v.counters[0].current->number, "A-002");
    EXPECT_EQ(v.current->number, "A-002");
    EXPECT_EQ(v.last_event_id, 12);
}

TEST(FloorModel, UnreadableSettingsEventAsksForTheSnapshotWhichKeepsCallsAndCursor) {
    FloorModel model;
    model.apply_snapshot(snapshot(), at(t0));
    model.apply_event(call_event(11, "A-002", "informasi", 1), at(t0));
    const auto s = model.apply_event({{"id", 12},
                                      {"type", "settings.changed"},
                                      {"at", kNow},
                                      {"payload", {{"settings", json::object()}}}},
                                     at(t0));
    EXPECT_TRUE(s.settings_changed);
    json renamed = snapshot(12);
    renamed["office"]["name"] = "Mal Pelayanan Publik";
    renamed["counters"][0]["name"] = "Loket Informasi";
    renamed["counters"][0]["state"] = "closed";  // stale in the snapshot; the stream decides
    model.apply_settings(renamed);
    const FloorView v = model.view();
    EXPECT_EQ(v.office.name, "Mal Pelayanan Publik");
    EXPECT_EQ(v.counters[0].name, "Loket Informasi");
    EXPECT_EQ(v.counters[0].state, CounterState::Open);
    EXPECT_EQ(v.counters[0].current->number, "A-002");
    EXPECT_EQ(v.current->number, "A-002");
    EXPECT_EQ(v.last_event_id, 12);
}

TEST(FloorModel, MalformedEventsAdvanceTheCursorWithoutCrashing) {
    FloorModel model;
    model.apply_snapshot(snapshot(), at(t0));
    EXPECT_TRUE(
        model.apply_event({{"id", 11}, {"type", "ticket.called"}, {"payload", 7}}, at(t0)).applied);
    EXPECT_FALSE(
        model
            .apply_event({{"id", 12}, {"type", "ticket.called"}, {"payload", {{"ticket", "x"}}}},
                         at(t0))
            .call);
    EXPECT_TRUE(
        model
            .apply_event(
                {{"id", 13}, {"type", "something.new"}, {"at", kNow}, {"payload", json::object()}},
                at(t0))
            .applied);
    EXPECT_EQ(model.last_event_id(), 13);
    EXPECT_EQ(model.stats().malformed, 2u);
    EXPECT_EQ(model.view().current->number, "A-001");
}

TEST(FloorModel, ASnapshotThatIsNotOneIsRefused) {
    FloorModel model;
    EXPECT_THROW(model.apply_snapshot(json::array()), InputError);
    EXPECT_THROW(model.apply_snapshot({{"office", json::object()}}), InputError);
    json no_counters = snapshot();
    no_counters.erase("counters");
    EXPECT_THROW(model.apply_snapshot(no_counters), InputError);
    EXPECT_FALSE(model.loaded());
}

}  // namespace
}  // namespace loket::display

namespace loket::display {
namespace {

json application_event(std::int64_t id, const std::string& type, const std::string& number) {
    return {{"id", id},
            {"type", type},
            {"at", 1795401720000},
            {"payload",
             {{"application", {{"id", 3}, {"number", number}, {"state", "ready"}}},
              {"staff", nullptr},
              {"oss_status", nullptr}}}};
}

// Files ready for pickup, by registration number only, when the office shows them.
TEST(FloorModelReady, NumbersFromTheListThenFromEvents) {
    FloorModel model;
    model.apply_snapshot(snapshot(), at(t0));
    EXPECT_FALSE(model.view().ready_enabled);
    const auto before = model.view().version;
    model.apply_ready_applications(
        {{"enabled", true},
         {"numbers", {"0001/DPMPTSP/XII/2026", 7, "", "0002/DPMPTSP/XII/2026"}}});
    FloorView v = model.view();
    EXPECT_TRUE(v.ready_enabled);
    EXPECT_EQ(v.ready_numbers,
              (std::vector<std::string>{"0001/DPMPTSP/XII/2026", "0002/DPMPTSP/XII/2026"}));
    EXPECT_GT(v.version, before);

    auto applied =
        model.apply_event(application_event(11, "application.ready", "0003/DPMPTSP/XII/2026"));
    EXPECT_TRUE(applied.ready_changed);
    EXPECT_EQ(model.view().ready_numbers.size(), 3u);
    applied =
        model.apply_event(application_event(12, "application.picked_up", "0001/DPMPTSP/XII/2026"));
    EXPECT_TRUE(applied.ready_changed);
    EXPECT_EQ(model.view().ready_numbers,
              (std::vector<std::string>{"0002/DPMPTSP/XII/2026", "0003/DPMPTSP/XII/2026"}));
    // Other application events change nothing here.
    EXPECT_FALSE(model.apply_event(application_event(13, "application.step_done", "0004/X/2026"))
                     .ready_changed);

    // Off in the settings: nothing shown, and events add nothing.
    model.apply_ready_applications({{"enabled", false}, {"numbers", json::array()}});
    model.apply_event(application_event(14, "application.ready", "0005/DPMPTSP/XII/2026"));
    EXPECT_FALSE(model.view().ready_enabled);
    EXPECT_TRUE(model.view().ready_numbers.empty());
    EXPECT_THROW(model.apply_ready_applications(json::array()), InputError);
}

json publication(bool show, const json& ikm) {
    return {{"show_ikm", show},
            {"period",
             {{"key", "2026-S1"}, {"name", "Semester I 2026"}, {"name_en", "Semester I 2026"}}},
            {"ikm", ikm},
            {"grade", ikm.is_null() ? json(nullptr) : json("B")},
            {"grade_name", ikm.is_null() ? json(nullptr) : json("Baik")},
            {"grade_name_en", ikm.is_null() ? json(nullptr) : json("Good")},
            {"respondents", 120},
            {"maklumat", "Kami sanggup melayani sesuai standar."},
            {"maklumat_en", ""}};
}

json survey_event(std::int64_t id) {
    return {{"id", id},
            {"type", "survey.responded"},
            {"at", 1795401720000},
            {"payload", {{"service", "informasi"}, {"channel", "visit"}, {"period", "2026-12"}}}};
}

// A settings.changed event (its settings unreadable here: the model re-reads /display).
json settings_event(std::int64_t id) {
    return {{"id", id},
            {"type", "settings.changed"},
            {"at", kNow},
            {"payload", {{"settings", json::object()}}}};
}

// The survey publication (docs/skm.md): read from GET /survey/publication, read again at once
// after settings.changed and at most once a minute after survey.responded.
TEST(FloorModelPublication, ShownWhenPublishedAndReadAgainAtMostOnceAMinute) {
    FloorModel model;
    model.apply_snapshot(snapshot(), at(t0));
    EXPECT_FALSE(model.view().publication.has_value());
    EXPECT_FALSE(model.publication_due().has_value());

    model.apply_publication(publication(true, 83.45), at(t0));
    FloorView v = model.view();
    ASSERT_TRUE(v.publication.has_value());
    ASSERT_TRUE(v.publication->ikm.has_value());
    EXPECT_DOUBLE_EQ(*v.publication->ikm, 83.45);
    EXPECT_EQ(v.publication->grade_name, "Baik");
    EXPECT_EQ(v.publication->period_name, "Semester I 2026");
    EXPECT_TRUE(v.publication->shows_something());

    // A response 10 s after the read: read again a minute after the read, not sooner.
    model.apply_event(survey_event(11), at(t0 + 10s));
    ASSERT_TRUE(model.publication_due().has_value());
    EXPECT_EQ(*model.publication_due(), t0 + 60s);
    // More responses meanwhile do not move it.
    model.apply_event(survey_event(12), at(t0 + 30s));
    EXPECT_EQ(*model.publication_due(), t0 + 60s);
    // A settings change is read at once.
    model.apply_event(settings_event(13), at(t0 + 40s));
    EXPECT_EQ(*model.publication_due(), t0 + 40s);

    // Switched off: no index, the pledge stays; a reply with an index anyway is not shown.
    model.apply_publication(publication(false, 83.45), at(t0 + 41s));
    EXPECT_FALSE(model.publication_due().has_value());
    v = model.view();
    EXPECT_FALSE(v.publication->ikm.has_value());
    EXPECT_EQ(v.publication->maklumat, "Kami sanggup melayani sesuai standar.");
    // A response long after the last read is read at once.
    model.apply_event(survey_event(14), at(t0 + 200s));
    EXPECT_EQ(*model.publication_due(), t0 + 200s);

    // Not a publication: refused, what is shown stays.
    EXPECT_THROW(model.apply_publication(json::array()), InputError);
    EXPECT_THROW(model.apply_publication(publication(true, "83,45")), InputError);
    EXPECT_THROW(model.apply_publication(publication(true, 140.0)), InputError);
    EXPECT_EQ(model.view().publication->maklumat, "Kami sanggup melayani sesuai standar.");
}

json open_data(const json& applications, const json& complaint_share) {
    return {{"office", {{"name", "DPMPTSP"}}},
            {"month",
             {{"from", "2026-12-01"},
              {"to", "2026-12-04"},
              {"served", 412},
              {"mean_wait_minutes", 11.5},
              {"within_target_share", 0.874},
              {"services", json::array()},
              {"applications", applications},
              {"complaints", {{"answered", 3}, {"within_60_days_share", complaint_share}}}}},
            {"skm", json::object()}};
}

// This month's headline figures of the open performance data (GET /open-data), read strictly:
// a share outside 0..1 or a count that is not a whole number is refused and what is shown stays.
TEST(FloorModelOpenData, HeadlineFiguresAreReadAndBadRepliesRefused) {
    FloorModel model;
    EXPECT_FALSE(model.view().performance.has_value());
    model.apply_open_data(
        open_data({{"finished", 40}, {"within_standard_share", 0.926}}, json(1.0)));
    FloorView v = model.view();
    ASSERT_TRUE(v.performance.has_value());
    EXPECT_EQ(v.performance->served, 412);
    EXPECT_DOUBLE_EQ(*v.performance->within_target_share, 0.874);
    EXPECT_EQ(v.performance->applications_finished, 40);
    EXPECT_DOUBLE_EQ(*v.performance->applications_within_standard, 0.926);
    EXPECT_DOUBLE_EQ(*v.performance->complaints_within_60_days, 1.0);

    DisplayConfig config;
    config.running_text.show_hours = false;
    EXPECT_EQ(running_text(config, v, texts(Language::Indonesian)),
              "Kinerja bulan ini: 87% antrean dipanggil dalam waktu target, 93% berkas selesai "
              "sesuai standar waktu pelayanan, 100% pengaduan dijawab dalam 60 hari");
    EXPECT_EQ(running_text(config, v, texts(Language::English)),
              "This month: 87% of tickets called within the target wait, 93% of files finished "
              "within the service standard, 100% of complaints answered within 60 days");

    // An office that does not follow files, no complaint answered: those figures left out.
    model.apply_open_data(open_data(nullptr, nullptr));
    v = model.view();
    EXPECT_FALSE(v.performance->applications_within_standard.has_value());
    EXPECT_FALSE(v.performance->complaints_within_60_days.has_value());
    EXPECT_EQ(running_text(config, v, texts(Language::Indonesian)),
              "Kinerja bulan ini: 87% antrean dipanggil dalam waktu target");
    config.running_text.show_performance = false;
    EXPECT_EQ(running_text(config, v, texts(Language::Indonesian)), "");

    // Nothing counted yet: no item at all rather than "0%".
    json empty = open_data(nullptr, nullptr);
    empty["month"]["within_target_share"] = nullptr;
    model.apply_open_data(empty);
    config.running_text.show_performance = true;
    EXPECT_EQ(running_text(config, model.view(), texts(Language::Indonesian)), "");

    // Refused, naming the field; the figures shown stay.
    const auto field_of = [&](const json& reply) {
        try {
            model.apply_open_data(reply);
        } catch (const InputError& e) {
            return e.field();
        }
        return std::string("accepted");
    };
    EXPECT_EQ(field_of(json::array()), "month");
    json bad = open_data(nullptr, nullptr);
    bad["month"]["within_target_share"] = 1.5;
    EXPECT_EQ(field_of(bad), "month.within_target_share");
    bad = open_data(nullptr, nullptr);
    bad["month"]["served"] = "412";
    EXPECT_EQ(field_of(bad), "month.served");
    bad = open_data({{"finished", -1}, {"within_standard_share", 0.5}}, nullptr);
    EXPECT_EQ(field_of(bad), "month.applications.finished");
    bad = open_data(nullptr, nullptr);
    bad["month"]["complaints"]["within_60_days_share"] = "100%";
    EXPECT_EQ(field_of(bad), "month.complaints.within_60_days_share");
    EXPECT_FALSE(model.view().performance->within_target_share.has_value());
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
