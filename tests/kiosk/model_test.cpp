// The kiosk's screens as a state machine, without rendering: taps and server replies in,
// screens and requests out. This file: connecting, losing and regaining the server, and the
// kiosk's copy of the permits through edits, retirements and outages. Choosing a service or a
// permit: model_permits_test.cpp; the session (idle resets, retries, errors, printing, going
// back, language): model_session_test.cpp; the fixture: model_fixture.hpp.
#include "model.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "kiosk_test_support.hpp"
#include "model_fixture.hpp"

namespace loket::kiosk {
namespace {

using namespace std::chrono_literals;
using namespace testing;

TEST_F(ModelTest, ConnectingUntilTheServerAnswersThenStart) {
    EXPECT_EQ(m.screen(), Screen::connecting);
    EXPECT_EQ(m.screen_key(), "connecting");
    EXPECT_FALSE(m.can_take_numbers());
    online();
    EXPECT_EQ(m.screen(), Screen::start);
    EXPECT_EQ(m.screen_key(), "start");
    EXPECT_TRUE(m.can_take_numbers());
    ASSERT_EQ(m.services().size(), 4u);
    EXPECT_EQ(m.services()[1].waiting, 7);
}

// Once connected, the kiosk loads every permit's information; when the connection is lost it
// says so (not "not connected yet"), browsing permits keeps working from what it has, and
// only taking a number waits.
TEST_F(ModelTest, LostConnectionKeepsPermitInformationAndOnlyNumbersWait) {
    m.on_office(office());
    m.on_services(services());
    ASSERT_EQ(effects_of<LoadCatalog>(m.take_effects()).size(), 1u);
    m.on_catalog(permits(), permit_details());
    ASSERT_EQ(m.cached_permits().size(), permits().size());
    EXPECT_FALSE(m.connection_lost());

    m.on_office(parse_office(no_reply()));
    EXPECT_EQ(m.screen(), Screen::offline);
    EXPECT_TRUE(m.connection_lost());
    EXPECT_FALSE(m.can_take_numbers());
    EXPECT_EQ(m.services().size(), 4u) << "the start screen keeps what it knew";
    m.choose_service("informasi");
    EXPECT_EQ(m.screen(), Screen::offline) << "ticket buttons wait for the server";

    // Browsing works offline, answered at once from the cache with the server's ranking.
    m.open_permit_info();
    EXPECT_TRUE(effects_of<SearchPermits>(m.take_effects()).empty());
    EXPECT_EQ(m.results_state(), Loading::idle);
    EXPECT_EQ(m.results().size(), permits().size());
    m.set_query("usaha mikro");
    EXPECT_TRUE(m.take_effects().empty());
    EXPECT_EQ(m.results(), permits("usaha mikro"));
    m.open_permit("kaltim-ikot");
    EXPECT_TRUE(m.take_effects().empty());
    ASSERT_TRUE(m.permit());
    EXPECT_EQ(*m.permit(), permit("kaltim-ikot"));
    EXPECT_EQ(m.permit_state(), Loading::idle);
    m.back();
    m.back();
    EXPECT_EQ(m.screen(), Screen::offline);

    // Back online: start again, and the catalog is not fetched twice.
    m.on_office(office());
    EXPECT_EQ(m.screen(), Screen::start);
    EXPECT_TRUE(effects_of<LoadCatalog>(m.take_effects()).empty());
}

// An edit on the server (its catalog.changed event) makes the kiosk read the list again and
// fetch only the permits whose version moved; the permit being read shows the new text at
// once, its ticks kept because its requirements did not change; events during a load make
// one more load, not one per event.
TEST_F(ModelTest, AnEditedPermitIsFetchedAgainAndShownWhileItIsOpen) {
    m.on_office(office());
    m.on_services(services());
    ASSERT_EQ(effects_of<LoadCatalog>(m.take_effects()).size(), 1u);
    m.on_catalog(permits(), permit_details());
    open_permit("kaltim-ikot");
    m.take_effects();
    m.toggle_requirement(0);

    m.on_catalog_changed();
    const auto loads = effects_of<LoadCatalog>(m.take_effects());
    ASSERT_EQ(loads.size(), 1u);
    EXPECT_EQ(loads[0].kept.size(), permits().size()) << "every permit held, at its version";
    EXPECT_EQ(loads[0].kept.at("kaltim-ikot"), 0);
    m.on_catalog_changed();
    m.on_catalog_changed();
    EXPECT_TRUE(effects_of<LoadCatalog>(m.take_effects()).empty()) << "one load at a time";

    std::vector<PermitSummary> list = permits();
    PermitDetail edited = permit("kaltim-ikot");
    edited.name = "Izin Usaha Kecil Obat Tradisional (diubah)";
    edited.version = 2;
    for (PermitSummary& s : list) {
        if (s.id == "kaltim-ikot") {
            s.name = edited.name;
            s.version = 2;
        }
    }
    m.on_catalog(list, {edited});
    ASSERT_TRUE(m.permit());
    EXPECT_EQ(m.permit()->name, edited.name);
    EXPECT_EQ(m.permit()->version, 2);
    ASSERT_FALSE(m.ticked().empty());
    EXPECT_TRUE(m.ticked()[0]) << "same requirements: the applicant's ticks stay";
    const auto held = std::find_if(m.cached_permits().begin(), m.cached_permits().end(),
                                   [](const PermitDetail& d) { return d.id == "kaltim-ikot"; });
    ASSERT_NE(held, m.cached_permits().end());
    EXPECT_EQ(held->name, edited.name);
    EXPECT_EQ(m.cached_permits().size(), permits().size()) << "the others are kept, not lost";

    // The events that came during the load: one more load, which knows the new version.
    const auto again = effects_of<LoadCatalog>(m.take_effects());
    ASSERT_EQ(again.size(), 1u);
    EXPECT_EQ(again[0].kept.at("kaltim-ikot"), 2);

    // A change of the requirements clears the ticks: they stood for other lines.
    PermitDetail fewer = edited;
    fewer.requirements.pop_back();
    fewer.version = 3;
    for (PermitSummary& s : list)
        if (s.id == "kaltim-ikot")
            s.version = 3;
    m.on_catalog(list, {fewer});
    EXPECT_EQ(m.permit()->requirements.size(), fewer.requirements.size());
    EXPECT_EQ(std::count(m.ticked().begin(), m.ticked().end(), true), 0);
    EXPECT_EQ(m.ticked().size(), fewer.requirements.size());
}

// A retired permit leaves the kiosk's list and copy at the next load.
TEST_F(ModelTest, ARetiredPermitLeavesTheKiosksCopy) {
    online();
    m.on_catalog(permits(), permit_details());
    m.on_catalog_changed();
    ASSERT_EQ(effects_of<LoadCatalog>(m.take_effects()).size(), 1u);
    std::vector<PermitSummary> list = permits();
    std::erase_if(list, [](const PermitSummary& s) { return s.id == "kaltim-ikot"; });
    m.on_catalog(list, {});
    EXPECT_EQ(m.cached_permits().size(), list.size());
    EXPECT_EQ(m.all_permits().size(), list.size());
    for (const auto& s : m.all_permits())
        EXPECT_NE(s.id, "kaltim-ikot");
}

// A request that finds the server gone before the poll has noticed: answered from the cache.
TEST_F(ModelTest, PermitRequestsThatFindTheServerGoneFallBackToTheCache) {
    online();
    m.on_catalog(permits(), permit_details());
    m.open_permit_info();
    const auto search = effects_of<SearchPermits>(m.take_effects());
    ASSERT_EQ(search.size(), 1u);
    m.on_permits(search[0].seq, parse_permits(no_reply()));
    EXPECT_EQ(m.results_state(), Loading::idle);
    EXPECT_EQ(m.results().size(), permits().size());
    m.open_permit("pelalawan-iumk");
    const auto fetch = effects_of<FetchPermit>(m.take_effects());
    ASSERT_EQ(fetch.size(), 1u);
    m.on_permit(fetch[0].seq, parse_permit(no_reply()));
    EXPECT_EQ(m.screen(), Screen::permit);
    ASSERT_TRUE(m.permit());
    EXPECT_EQ(m.permit()->id, "pelalawan-iumk");
}

// Never connected since start: nothing is known, and the screen says so.
TEST_F(ModelTest, NeverConnectedIsNotALostConnection) {
    m.on_office(parse_office(no_reply()));
    EXPECT_EQ(m.screen(), Screen::offline);
    EXPECT_FALSE(m.connection_lost());
    EXPECT_TRUE(m.cached_permits().empty());
}

TEST_F(ModelTest, ServerDownAtStartShowsOfflineAndRecoversByItself) {
    m.on_office(parse_office(no_reply()));
    EXPECT_EQ(m.screen(), Screen::offline);
    EXPECT_FALSE(m.online());
    m.on_office(parse_office(no_reply()));  // still down: still offline, nothing else
    EXPECT_EQ(m.screen(), Screen::offline);
    m.on_office(office());
    EXPECT_EQ(m.screen(), Screen::start);
    EXPECT_TRUE(m.online());
}

TEST_F(ModelTest, ServerGoingAwayMidSessionKeepsTheApplicantsPlace) {
    online();
    open_permit("pelalawan-iumk");
    m.toggle_requirement(0);
    m.on_office(parse_office(no_reply()));
    EXPECT_EQ(m.screen(), Screen::permit);  // the permit stays readable, with a banner
    EXPECT_FALSE(m.online());
    EXPECT_FALSE(m.can_take_numbers());
    m.take_number_for_permit();  // disabled while offline
    EXPECT_EQ(m.screen(), Screen::permit);
    EXPECT_EQ(m.ticked_count(), 1);
    m.on_office(office());
    EXPECT_TRUE(m.can_take_numbers());
    m.back();
    m.back();
    EXPECT_EQ(m.screen(), Screen::start);
    // Gone again while on the start screen: the offline screen.
    m.on_office(parse_office(no_reply()));
    EXPECT_EQ(m.screen(), Screen::offline);
}

}  // namespace
}  // namespace loket::kiosk
