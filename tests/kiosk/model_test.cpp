// The kiosk's screens as a state machine, without rendering: taps and server replies in,
// screens and requests out.
#include "model.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "kiosk_test_support.hpp"

namespace loket::kiosk {
namespace {

using namespace std::chrono_literals;
using namespace testing;

class ModelTest : public ::testing::Test {
  protected:
    FakeClock clock;
    int keys = 0;
    Model m{ModelOptions{}, clock.clocks(), [this] { return "key-" + std::to_string(++keys); }};

    void online(bool open = true) {
        m.on_office(office(open));
        m.on_services(services());
        m.take_effects();
    }
    // Walks to the permit page of `id` with the server's replies.
    void open_permit(const std::string& id) {
        m.open_permit_info();
        m.set_query("usaha mikro");
        for (const auto& s : effects_of<SearchPermits>(m.take_effects()))
            m.on_permits(s.seq, permits(s.query));
        m.open_permit(id);
        const auto fetch = effects_of<FetchPermit>(m.take_effects());
        ASSERT_EQ(fetch.size(), 1u);
        EXPECT_EQ(fetch[0].id, id);
        m.on_permit(fetch[0].seq, permit(id));
    }
    IssueTicket issue_effect() {
        const auto issues = effects_of<IssueTicket>(m.take_effects());
        EXPECT_EQ(issues.size(), 1u);
        return issues.empty() ? IssueTicket{} : issues[0];
    }
};

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

TEST_F(ModelTest, ServiceTileThenOneTapIssuesTheNumber) {
    online();
    m.choose_service("informasi");
    EXPECT_EQ(m.screen(), Screen::priority);
    EXPECT_FALSE(m.from_permit());
    EXPECT_TRUE(m.take_effects().empty());  // nothing issued before the explicit choice
    m.choose_priority(Priority::Lansia);
    EXPECT_EQ(m.screen(), Screen::issuing);
    const IssueTicket issue = issue_effect();
    EXPECT_EQ(issue.request, (IssueRequest{"informasi", Priority::Lansia, ""}));
    EXPECT_EQ(issue.idempotency_key, "key-1");
    m.choose_priority(Priority::None);  // a second tap while issuing does nothing
    EXPECT_TRUE(m.take_effects().empty());

    m.on_issued(issue.seq, issued("A-005", "informasi", "", "lansia"));
    EXPECT_EQ(m.screen(), Screen::ticket);
    EXPECT_EQ(m.screen_key(), "ticket");
    EXPECT_EQ(m.ticket()->number, "A-005");
    EXPECT_EQ(m.ticket()->priority, Priority::Lansia);
    EXPECT_EQ(m.print_state(), PrintState::printing);
    const auto effects = m.take_effects();
    ASSERT_EQ(effects_of<PrintTicket>(effects).size(), 1u);
    EXPECT_EQ(effects_of<PrintTicket>(effects)[0].ticket.number, "A-005");
    EXPECT_EQ(effects_of<RefreshNow>(effects).size(), 1u);  // waiting counts changed
}

TEST_F(ModelTest, SearchSendsTheQueryAndIgnoresOlderReplies) {
    online();
    m.open_permit_info();
    EXPECT_EQ(m.screen(), Screen::permits);
    auto first = effects_of<SearchPermits>(m.take_effects());
    ASSERT_EQ(first.size(), 1u);
    EXPECT_EQ(first[0].query, "");  // the whole catalog to start with
    m.set_query("usaha");
    m.set_query("usaha mikro");
    const auto searches = effects_of<SearchPermits>(m.take_effects());
    ASSERT_EQ(searches.size(), 2u);
    EXPECT_EQ(m.results_state(), Loading::loading);
    // The newest reply counts; a late reply to the older query does not overwrite it.
    m.on_permits(searches[1].seq, permits("usaha mikro"));
    m.on_permits(searches[0].seq, permits("zzz-nothing"));
    EXPECT_EQ(m.results_state(), Loading::idle);
    ASSERT_FALSE(m.results().empty());
    bool iumk = false;
    for (const auto& r : m.results())
        iumk = iumk || r.id == "pelalawan-iumk";
    EXPECT_TRUE(iumk);
    // A failed search is shown in the list, with a retry.
    m.set_query("usaha mikro kecil");
    m.on_permits(effects_of<SearchPermits>(m.take_effects())[0].seq,
                 parse_permits(no_reply("timeout")));
    EXPECT_EQ(m.results_state(), Loading::failed);
    EXPECT_EQ(m.screen(), Screen::permits);
    m.retry_search();
    EXPECT_EQ(effects_of<SearchPermits>(m.take_effects())[0].query, "usaha mikro kecil");
}

TEST_F(ModelTest, ChecklistProposesInformasiUntilEveryRequirementIsTickedThenCustomerService) {
    online();
    open_permit("pelalawan-iumk");
    ASSERT_TRUE(m.permit());
    EXPECT_EQ(m.permit()->requirements.size(), 5u);
    EXPECT_EQ(m.ticked().size(), 5u);
    EXPECT_EQ(m.proposed_service(), "informasi");
    for (std::size_t i = 0; i < 4; ++i)
        m.toggle_requirement(i);
    EXPECT_EQ(m.ticked_count(), 4);
    EXPECT_EQ(m.proposed_service(), "informasi");
    m.toggle_requirement(4);
    EXPECT_TRUE(m.all_ticked());
    EXPECT_EQ(m.proposed_service(), "customer_service");
    m.toggle_requirement(2);  // untick: back to Informasi
    EXPECT_EQ(m.proposed_service(), "informasi");
    m.toggle_requirement(2);
    m.toggle_requirement(99);  // out of range: ignored
    EXPECT_EQ(m.ticked_count(), 5);

    m.take_number_for_permit();
    EXPECT_EQ(m.screen(), Screen::priority);
    EXPECT_TRUE(m.from_permit());
    EXPECT_EQ(m.pending(), (IssueRequest{"customer_service", Priority::None, "pelalawan-iumk"}));
    m.choose_priority(Priority::None);
    const IssueTicket issue = issue_effect();
    EXPECT_EQ(issue.request.service, "customer_service");
    EXPECT_EQ(issue.request.permit_id, "pelalawan-iumk");
    EXPECT_EQ(issue.request.priority, Priority::None);
}

TEST_F(ModelTest, NotAllTickedTakesAnInformasiNumberForThePermitAndTheApplicantMayChange) {
    online();
    open_permit("kaltim-ikot");
    EXPECT_EQ(m.ticked().size(), 19u);  // SOP section G
    m.choose_applicant(Applicant::badan_usaha);
    m.toggle_requirement(0);
    m.take_number_for_permit();
    EXPECT_EQ(m.pending(), (IssueRequest{"informasi", Priority::None, "kaltim-ikot"}));
    m.select_service("customer_service");  // the applicant's own choice wins
    m.choose_priority(Priority::IbuHamil);
    EXPECT_EQ(issue_effect().request,
              (IssueRequest{"customer_service", Priority::IbuHamil, "kaltim-ikot"}));
}

// Kaltim G no. 3, 7 and 8 apply "dalam hal permohonan bukan perseorangan": the kiosk asks
// first, and an individual reaches "complete" with the 16 that apply to them.
TEST_F(ModelTest, ApplicantKindIsAskedFirstAndOnlyWhatAppliesCounts) {
    online();
    open_permit("kaltim-ikot");
    EXPECT_TRUE(m.needs_applicant());
    EXPECT_EQ(m.applicant(), Applicant::unknown);
    EXPECT_FALSE(m.all_ticked());

    m.choose_applicant(Applicant::perorangan);
    EXPECT_FALSE(m.needs_applicant());
    const std::vector<std::size_t> shown = m.shown_requirements();
    EXPECT_EQ(shown.size(), 16u);
    for (const std::size_t business : {2u, 6u, 7u})
        EXPECT_EQ(std::count(shown.begin(), shown.end(), business), 0) << business;
    for (const std::size_t i : shown)
        m.toggle_requirement(i);
    EXPECT_EQ(m.ticked_count(), 16);
    EXPECT_TRUE(m.all_ticked());
    EXPECT_EQ(m.proposed_service(), "customer_service");

    // A business needs all 19; the ticks made so far carry over.
    m.change_applicant();
    EXPECT_TRUE(m.needs_applicant());
    EXPECT_FALSE(m.all_ticked());
    m.choose_applicant(Applicant::badan_usaha);
    EXPECT_EQ(m.shown_requirements().size(), 19u);
    EXPECT_EQ(m.counted_requirements().size(), 19u);
    EXPECT_EQ(m.ticked_count(), 16);
    EXPECT_FALSE(m.all_ticked());
    for (const std::size_t i : {2u, 6u, 7u})
        m.toggle_requirement(i);
    EXPECT_TRUE(m.all_ticked());

    // Switching back to an individual drops the ticks of business-only items.
    m.change_applicant();
    m.choose_applicant(Applicant::perorangan);
    EXPECT_FALSE(m.ticked()[2]);
    EXPECT_TRUE(m.all_ticked());

    // The next applicant (another permit, or after an idle reset) is asked again.
    open_permit("kaltim-ikot");
    EXPECT_TRUE(m.needs_applicant());
    m.choose_applicant(Applicant::perorangan);
    clock.advance(2min);
    m.tick();
    EXPECT_EQ(m.applicant(), Applicant::unknown);
}

TEST_F(ModelTest, PermitsWithoutConditionsAskNothing) {
    online();
    open_permit("pelalawan-iumk");
    EXPECT_FALSE(m.needs_applicant());
    EXPECT_EQ(m.shown_requirements().size(), 5u);
    EXPECT_EQ(m.counted_requirements().size(), 5u);
}

TEST_F(ModelTest, PermitDetailCarriesPathsTimeStandardAndOfficeFacts) {
    online();
    open_permit("dairi-iumk");
    const PermitDetail& dairi = *m.permit();
    const StepPaths paths = step_paths(dairi);
    EXPECT_EQ(paths.common.size(), 8u);
    EXPECT_EQ(paths.rejected.size(), 7u);
    EXPECT_EQ(paths.approved.size(), 10u);
    EXPECT_EQ(paths.rejected.front()->number, 9);
    EXPECT_EQ(paths.approved.front()->number, 16);
    ASSERT_TRUE(dairi.approved_totals && dairi.rejected_totals);
    EXPECT_EQ(duration_text(Language::Indonesian, *dairi.approved_totals),
              "4 hari + 11 jam 30 menit");
    EXPECT_EQ(duration_text(Language::English, *dairi.rejected_totals),
              "4 calendar days + 14 hours");
    EXPECT_EQ(dairi.service_time.basis, "not_stated");
    EXPECT_EQ(dairi.cost, "Surat Rekomendasi dan SKRD");
    EXPECT_FALSE(dairi.cost_note.empty());
    EXPECT_EQ(dairi.product, "Surat Izin Bernomor");

    open_permit("kaltim-ikot");
    const PermitDetail& kaltim = *m.permit();
    EXPECT_EQ(kaltim.service_time.basis, "stated");
    EXPECT_EQ(service_time_value_text(Language::Indonesian, kaltim.service_time), "7 hari");
    EXPECT_EQ(service_time_value_text(Language::English, kaltim.service_time), "7 calendar days");
    EXPECT_EQ(kaltim.steps[4].condition,
              "Fungsi help desk bersifat tambahan dan melakukan pelayanan jika dibutuhkan");
    EXPECT_NE(kaltim.steps[1].note.find("via email"), std::string::npos);
    EXPECT_EQ(step_actor_text(Language::Indonesian, kaltim.steps[1]),
              "Pelaksana (disebut dalam teks SOP): PETUGAS LAYANAN INFORMASI");
    // The SOP's Kelengkapan: a list starts under its label, one item a line; none, no line.
    EXPECT_EQ(step_input_text(Language::Indonesian, kaltim.steps[1]),
              "Kelengkapan (menurut SOP):\n- Checklist Persyaratan perizinan\n- Form Permohonan "
              "perizinan");
    EXPECT_EQ(step_input_text(Language::English, kaltim.steps[0]), "");
    EXPECT_EQ(kaltim.service_hours.size(), 2u);
    EXPECT_EQ(kaltim.complaint_channels.size(), 3u);
    EXPECT_EQ(kaltim.facilities.size(), 1u);
    EXPECT_EQ(kaltim.definitions.size(), 6u);
    EXPECT_EQ(kaltim.legal_basis.size(), 17u);

    open_permit("pelalawan-sertifikat-produksi-ukmot");
    const PermitDetail& a10 = *m.permit();
    EXPECT_EQ(step_input_text(Language::English, a10.steps[0]),
              "Inputs (per the SOP): Berkas lengkap permohonan beserta persyaratan pendaftaran "
              "(e-mail aktif, NIK, Akta, NPWP Valid-KSWP)");
    EXPECT_EQ(a10.contact_phone, "0761-95991");
    EXPECT_EQ(a10.contact_address, "Komplek Perkantoran Bhakti Praja - Pangkalan Kerinci");
    // hari kerja is its own unit, never folded into calendar days.
    ASSERT_TRUE(a10.approved_totals);
    EXPECT_EQ(duration_text(Language::Indonesian, *a10.approved_totals),
              "5 hari kerja + 2 jam 45 menit");
    EXPECT_FALSE(a10.rejected_totals);
}

TEST(PermitInfo, StepInputEndingInANewlineIsOneLine) {
    PermitStep step;
    step.input = "Komputer, Internet\n";
    EXPECT_EQ(step_input_text(Language::Indonesian, step),
              "Kelengkapan (menurut SOP): Komputer, Internet");
    step.input = "\n ";
    EXPECT_EQ(step_input_text(Language::Indonesian, step), "");
}

TEST(PermitInfo, EnglishSingularAndPlural) {
    EXPECT_EQ(permit_counts_text(Language::English, 1, 1), "1 requirement \u00b7 1 step");
    EXPECT_EQ(permit_counts_text(Language::English, 19, 17), "19 requirements \u00b7 17 steps");
    EXPECT_EQ(permit_counts_text(Language::Indonesian, 1, 17), "1 persyaratan \u00b7 17 langkah");
    EXPECT_EQ(checklist_progress_text(Language::English, 0, 1), "0 of 1 requirement ready");
    EXPECT_EQ(checklist_progress_text(Language::English, 2, 5), "2 of 5 requirements ready");
    EXPECT_EQ(duration_text(Language::English, {61, 1, 1}),
              "1 calendar day + 1 working day + 1 hour 1 minute");
    EXPECT_EQ(duration_text(Language::English, {0, 0, 0}), "");
}

TEST(PermitInfo, RequirementFitByApplicant) {
    PermitRequirement r;
    EXPECT_EQ(requirement_fit(r, Applicant::unknown), RequirementFit::required);
    r.applies_to = "badan_usaha";
    EXPECT_EQ(requirement_fit(r, Applicant::unknown), RequirementFit::not_applicable);
    EXPECT_EQ(requirement_fit(r, Applicant::perorangan), RequirementFit::not_applicable);
    EXPECT_EQ(requirement_fit(r, Applicant::badan_usaha), RequirementFit::required);
    r.applies_to = "perorangan";
    EXPECT_EQ(requirement_fit(r, Applicant::perorangan), RequirementFit::required);
    EXPECT_EQ(requirement_fit(r, Applicant::badan_usaha), RequirementFit::not_applicable);
    r.applies_to = "dikuasakan";  // shown to everyone, counted for no one
    EXPECT_EQ(requirement_fit(r, Applicant::perorangan), RequirementFit::if_proxy);
    PermitDetail p;
    p.requirements = {{"KTP", "", "semua"}, {"Surat Kuasa", "", "dikuasakan"}};
    EXPECT_FALSE(requirements_depend_on_applicant(p));
    EXPECT_EQ(shown_requirements(p, Applicant::unknown).size(), 2u);
    EXPECT_EQ(counted_requirements(p, Applicant::unknown).size(), 1u);
}

TEST_F(ModelTest, PermitWhoseSopListsNoRequirementsGoesToInformasi) {
    online();
    open_permit("mempawah-sertifikat-standar");
    EXPECT_TRUE(m.permit()->requirements.empty());
    EXPECT_FALSE(m.all_ticked());
    EXPECT_EQ(m.proposed_service(), "informasi");
}

TEST_F(ModelTest, UnstatedSopFieldsStayEmptyRatherThanInvented) {
    online();
    open_permit("pelalawan-iumk");
    EXPECT_FALSE(m.permit()->cost);
    EXPECT_FALSE(m.permit()->completion_time);
    EXPECT_TRUE(m.permit()->service_time.text.empty());
    EXPECT_FALSE(m.permit()->validity);
    open_permit("kaltim-ikot");
    ASSERT_TRUE(m.permit()->cost);
    EXPECT_NE(m.permit()->cost->find("gratis"), std::string::npos);
    EXPECT_EQ(m.permit()->steps.size(), 17u);
    EXPECT_FALSE(m.permit()->steps[0].time_text.empty());
}

TEST_F(ModelTest, IdleTimeoutReturnsToStartAndForgetsTheApplicant) {
    online();
    m.toggle_language();
    open_permit("pelalawan-iumk");
    m.toggle_requirement(1);
    m.select_section(Section::steps);
    m.take_effects();
    ASSERT_TRUE(m.next_deadline());
    EXPECT_EQ(*m.next_deadline(), clock.steady + 60s);

    clock.advance(30s);
    m.note_activity();  // a touch keeps the session alive
    clock.advance(59s);
    m.tick();
    EXPECT_EQ(m.screen(), Screen::permit);
    clock.advance(1s);
    m.tick();
    EXPECT_EQ(m.screen(), Screen::start);
    EXPECT_EQ(m.lang(), Language::Indonesian);
    EXPECT_TRUE(m.query().empty());
    EXPECT_FALSE(m.permit());
    EXPECT_TRUE(m.ticked().empty());
    EXPECT_EQ(m.section(), Section::requirements);
    EXPECT_EQ(effects_of<RefreshNow>(m.take_effects()).size(), 1u);
    EXPECT_FALSE(m.next_deadline());  // nothing left to forget
    clock.advance(10min);
    m.tick();
    EXPECT_TRUE(m.take_effects().empty());
}

TEST_F(ModelTest, IdleTimeoutAlsoClearsTheConfirmationAndTheLanguage) {
    online();
    m.choose_service("pengambilan");
    m.choose_priority(Priority::None);
    m.on_issued(issue_effect().seq, issued("D-001", "pengambilan", ""));
    EXPECT_EQ(m.screen(), Screen::ticket);
    clock.advance(60s);
    m.tick();
    EXPECT_EQ(m.screen(), Screen::start);
    EXPECT_FALSE(m.ticket());

    m.toggle_language();  // only the language changed: still forgotten after the timeout
    EXPECT_TRUE(m.has_session());
    clock.advance(60s);
    m.tick();
    EXPECT_EQ(m.lang(), Language::Indonesian);
}

TEST_F(ModelTest, RetryAfterAFailedIssueReusesTheIdempotencyKey) {
    online();
    m.choose_service("informasi");
    m.choose_priority(Priority::None);
    const IssueTicket first = issue_effect();
    EXPECT_EQ(first.idempotency_key, "key-1");
    m.on_issued(first.seq, parse_issued(no_reply("timeout")));
    EXPECT_EQ(m.screen(), Screen::error);
    EXPECT_EQ(m.error().kind, FailureKind::unreachable);
    EXPECT_EQ(m.error().retry, ErrorInfo::Retry::issue);

    m.retry();
    const IssueTicket second = issue_effect();
    EXPECT_EQ(second.idempotency_key, "key-1");  // the same key: never two tickets
    EXPECT_EQ(second.request, first.request);
    EXPECT_NE(second.seq, first.seq);
    // The first attempt's late reply is not mistaken for the second's.
    m.on_issued(first.seq, issued("A-001", "informasi", ""));
    EXPECT_EQ(m.screen(), Screen::issuing);
    m.on_issued(second.seq, parse_issued(error_reply(503, "storage_unavailable", "busy")));
    EXPECT_EQ(m.screen(), Screen::error);
    EXPECT_EQ(m.error().kind, FailureKind::http_error);

    // Back to the choice and the same tap again: still the same key.
    m.back();
    EXPECT_EQ(m.screen(), Screen::priority);
    m.choose_priority(Priority::None);
    const IssueTicket again = issue_effect();
    EXPECT_EQ(again.idempotency_key, "key-1");
    // A different choice is a different request: a new key.
    m.on_issued(again.seq, parse_issued(no_reply()));
    m.back();
    m.choose_priority(Priority::Lansia);
    const IssueTicket third = issue_effect();
    EXPECT_EQ(third.idempotency_key, "key-2");
    m.on_issued(third.seq, issued("A-001", "informasi", "", "lansia"));
    EXPECT_EQ(m.screen(), Screen::ticket);
    // The next applicant's tap gets a fresh key.
    m.finish();
    m.choose_service("informasi");
    m.choose_priority(Priority::Lansia);
    EXPECT_EQ(issue_effect().idempotency_key, "key-3");
}

TEST_F(ModelTest, ATicketArrivingAfterAnIdleResetIsReportedNotShown) {
    online();
    m.choose_service("informasi");
    m.choose_priority(Priority::None);
    const IssueTicket issue = issue_effect();
    clock.advance(61s);
    m.tick();
    EXPECT_EQ(m.screen(), Screen::start);
    m.take_effects();
    m.on_issued(issue.seq, issued("A-009", "informasi", ""));
    EXPECT_EQ(m.screen(), Screen::start);
    EXPECT_FALSE(m.ticket());
    const auto reports = effects_of<ReportPrint>(m.take_effects());
    ASSERT_EQ(reports.size(), 1u);
    EXPECT_EQ(reports[0].status, "not_printed");
    EXPECT_EQ(reports[0].ticket_id, 17);
}

TEST_F(ModelTest, MalformedRepliesGiveTheErrorScreenNeverACrash) {
    const std::vector<net::HttpResult> garbage = {
        reply(201, std::string("")),
        reply(201, std::string("<html>proxy error</html>")),
        reply(201, std::string("{\"ticket\":")),
        reply(201, std::string("[1,2,3]")),
        reply(201, std::string("null")),
        reply(201, json{{"ticket", "B-001"}}),
        reply(201, json{{"ticket", {{"id", "seventeen"}, {"number", "B-001"}}}}),
        reply(201, json{{"ticket", {{"id", 17}, {"number", 12}}}}),
        reply(201, json{{"ticket", {{"id", 17}, {"number", ""}}},
                        {"people_ahead", 0},
                        {"service", {{"name", "x"}}}}),
        reply(201, json{{"ticket", {{"id", 17}, {"number", "B-001"}}},
                        {"people_ahead", -4},
                        {"service", {{"name", "x"}}}}),
        reply(201, json{{"ticket", {{"id", 17}, {"number", "B-001"}}},
                        {"people_ahead", 1.5},
                        {"service", {{"name", "x"}}}}),
        reply(201, json{{"ticket", {{"id", 17}, {"number", "B-001"}}}, {"people_ahead", 0}}),
        reply(201, json{{"ticket", {{"id", 17}, {"number", "B-001"}, {"priority", "vip"}}},
                        {"people_ahead", 0},
                        {"service", {{"name", "x"}}}}),
        reply(200, std::string("\xff\xfe garbage \x00", 12)),
        reply(418, std::string("teapot")),
        reply(500, json{{"error", {{"code", 5}, {"message", nullptr}}}}),
    };
    for (std::size_t i = 0; i < garbage.size(); ++i) {
        SCOPED_TRACE("reply " + std::to_string(i) + ": " + garbage[i].response->body);
        Model model{ModelOptions{}, clock.clocks()};
        model.on_office(office());
        model.on_services(services());
        model.choose_service("customer_service");
        model.choose_priority(Priority::None);
        const auto issue = effects_of<IssueTicket>(model.take_effects());
        ASSERT_EQ(issue.size(), 1u);
        const Result<IssuedTicket> parsed = parse_issued(garbage[i]);
        ASSERT_FALSE(parsed.ok());
        model.on_issued(issue[0].seq, parsed);
        EXPECT_EQ(model.screen(), Screen::error);
        EXPECT_EQ(model.error().retry, ErrorInfo::Retry::issue);
        EXPECT_FALSE(model.ticket());
    }

    // A permit page that cannot be read: the error screen, back to the list.
    online();
    m.open_permit_info();
    m.open_permit("pelalawan-iumk");
    const auto fetch = effects_of<FetchPermit>(m.take_effects());
    m.on_permit(fetch[0].seq, parse_permit(reply(200, json{{"id", "pelalawan-iumk"},
                                                           {"name", "IUMK"},
                                                           {"requirements", {{{"text", 42}}}}})));
    EXPECT_EQ(m.screen(), Screen::error);
    EXPECT_EQ(m.error().kind, FailureKind::bad_reply);
    EXPECT_EQ(m.error().retry, ErrorInfo::Retry::permit);
    m.retry();
    EXPECT_EQ(m.screen(), Screen::permit);
    EXPECT_EQ(effects_of<FetchPermit>(m.take_effects())[0].id, "pelalawan-iumk");

    // Office replies that cannot be read count as an unreachable server.
    m.back();
    m.back();
    m.on_office(parse_office(
        reply(200, json{{"name", "x"}, {"open", "yes"}, {"utc_offset_minutes", 480}})));
    EXPECT_EQ(m.screen(), Screen::offline);
    m.on_office(office());
    EXPECT_EQ(m.screen(), Screen::start);
}

TEST_F(ModelTest, ClosedHoursDisableNumbersButPermitInformationWorks) {
    online(false);
    EXPECT_EQ(m.screen(), Screen::start);
    EXPECT_EQ(m.screen_key(), "start-closed");
    EXPECT_FALSE(m.can_take_numbers());
    m.choose_service("informasi");
    EXPECT_EQ(m.screen(), Screen::start);
    EXPECT_TRUE(m.take_effects().empty());

    open_permit("kaltim-ikot");
    EXPECT_EQ(m.screen(), Screen::permit);
    EXPECT_EQ(m.permit()->steps.size(), 17u);
    m.choose_applicant(Applicant::badan_usaha);
    for (std::size_t i = 0; i < 19; ++i)
        m.toggle_requirement(i);
    EXPECT_EQ(m.proposed_service(), "customer_service");  // the checklist still works
    m.take_number_for_permit();
    EXPECT_EQ(m.screen(), Screen::permit);
    EXPECT_TRUE(effects_of<IssueTicket>(m.take_effects()).empty());
}

TEST_F(ModelTest, OfficeClosingBetweenPollAndTapShowsTheClosedScreen) {
    online(true);
    m.choose_service("pendaftaran");
    m.choose_priority(Priority::None);
    const IssueTicket issue = issue_effect();
    m.on_issued(issue.seq, parse_issued(error_reply(409, "office_closed",
                                                    "tickets are not issued now (after_hours)")));
    EXPECT_EQ(m.screen(), Screen::closed);
    EXPECT_EQ(effects_of<RefreshNow>(m.take_effects()).size(), 1u);
    m.on_office(office(false));
    EXPECT_EQ(m.screen(), Screen::closed);
    m.back();
    EXPECT_EQ(m.screen_key(), "start-closed");
}

TEST_F(ModelTest, RateLimitAndMissingPermitAreExplained) {
    online();
    m.choose_service("informasi");
    m.choose_priority(Priority::None);
    m.on_issued(issue_effect().seq, parse_issued(error_reply(429, "rate_limited", "slow down")));
    EXPECT_EQ(m.error().kind, FailureKind::rate_limited);
    m.go_home();
    m.open_permit_info();
    m.open_permit("tidak-ada");
    m.on_permit(effects_of<FetchPermit>(m.take_effects())[0].seq,
                parse_permit(error_reply(404, "not_found", "no permit")));
    EXPECT_EQ(m.error().kind, FailureKind::not_found);
    m.back();
    EXPECT_EQ(m.screen(), Screen::permits);
}

TEST_F(ModelTest, EveryPrintOutcomeIsReportedAndShown) {
    online();
    m.choose_service("informasi");
    m.choose_priority(Priority::None);
    m.on_issued(issue_effect().seq, issued("A-001", "informasi", ""));
    m.take_effects();

    PrintReport failed;
    failed.ticket_id = 17;
    failed.state = PrintState::failed;
    failed.message_id = "Kertas printer habis";
    failed.message_en = "Printer is out of paper";
    failed.server_status = "failed";
    failed.problem = "Printer is out of paper";
    m.on_printed(failed);
    EXPECT_EQ(m.screen_key(), "ticket-print-failed");
    EXPECT_EQ(m.print_message(), "Kertas printer habis");
    m.toggle_language();
    EXPECT_EQ(m.print_message(), "Printer is out of paper");
    auto reports = effects_of<ReportPrint>(m.take_effects());
    ASSERT_EQ(reports.size(), 1u);
    EXPECT_EQ(reports[0], (ReportPrint{17, "failed", "Printer is out of paper"}));

    // An outcome for another ticket is still reported, and changes nothing on screen.
    PrintReport other = no_printer_report(99);
    m.on_printed(other);
    EXPECT_EQ(m.screen_key(), "ticket-print-failed");
    reports = effects_of<ReportPrint>(m.take_effects());
    ASSERT_EQ(reports.size(), 1u);
    EXPECT_EQ(reports[0].ticket_id, 99);
    EXPECT_EQ(reports[0].status, "not_printed");
}

TEST_F(ModelTest, BackGoesOneScreenUpAndHomeForgets) {
    online();
    open_permit("pelalawan-iumk");
    m.take_number_for_permit();
    EXPECT_EQ(m.screen(), Screen::priority);
    m.back();
    EXPECT_EQ(m.screen(), Screen::permit);
    m.back();
    EXPECT_EQ(m.screen(), Screen::permits);
    EXPECT_EQ(m.query(), "usaha mikro");  // the search is still there
    m.back();
    EXPECT_EQ(m.screen(), Screen::start);
    m.choose_service("informasi");
    m.back();
    EXPECT_EQ(m.screen(), Screen::start);
}

TEST_F(ModelTest, LanguageToggleIsOneTapAndChangesTheWords) {
    online();
    EXPECT_EQ(m.text(T::permit_info), "Informasi Perizinan");
    m.toggle_language();
    EXPECT_EQ(m.lang(), Language::English);
    EXPECT_EQ(m.text(T::permit_info), "Permit Information");
    m.toggle_language();
    EXPECT_EQ(m.lang(), Language::Indonesian);
}

TEST(ModelKeys, RandomKeysAreLongAndDistinct) {
    const std::string a = random_key(), b = random_key();
    EXPECT_EQ(a.size(), 32u);
    EXPECT_NE(a, b);
}

}  // namespace
}  // namespace loket::kiosk
