// The kiosk model over one applicant's session: idle timeouts that forget the applicant, retried
// issues with the same idempotency key, late and malformed replies, closed hours, rate limits,
// print outcomes, Back and Home, the language toggle, and the random keys (ModelKeys).
#include <gtest/gtest.h>

#include <algorithm>

#include "kiosk_test_support.hpp"
#include "model.hpp"
#include "model_fixture.hpp"

namespace loket::kiosk {
namespace {

using namespace std::chrono_literals;
using namespace testing;

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
