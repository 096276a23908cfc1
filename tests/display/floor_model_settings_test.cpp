// The floor model's settings and what it refuses: a settings.changed event applied with calls
// and counter state kept, an unreadable one asking for the snapshot, malformed events that
// only advance the cursor, and a snapshot that is not one.
#include <gtest/gtest.h>

#include "floor_model.hpp"
#include "floor_model_fixture.hpp"
#include "loket/input_error.hpp"
#include "text.hpp"
#include "view.hpp"

namespace loket::display {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;
using namespace floor_test;

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
