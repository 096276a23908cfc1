// The kiosk model choosing what to take: a service tile, a permit found by search, its checklist
// (informasi until every requirement that applies is ticked, then customer service), the
// applicant kind asked first, and the permit's detail as the catalog states it (PermitInfo).
#include <gtest/gtest.h>

#include <algorithm>

#include "kiosk_test_support.hpp"
#include "model.hpp"
#include "model_fixture.hpp"

namespace loket::kiosk {
namespace {

using namespace std::chrono_literals;
using namespace testing;

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

}  // namespace
}  // namespace loket::kiosk
