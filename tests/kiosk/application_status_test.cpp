// Cek status berkas without a screen: registration numbers as typed, the receipt's QR code
// from a USB scanner, the status reply, and the model's flow to the Pengambilan ticket.
#include "application_status.hpp"

#include <gtest/gtest.h>

#include "kiosk_test_support.hpp"
#include "model.hpp"

namespace loket::kiosk {
namespace {

using namespace std::chrono_literals;
using namespace testing;

TEST(RegistrationNumber, TypedNumbersAreReadAsTheServerStoresThem) {
    EXPECT_EQ(normalize_registration_number(" 0001/dpmptsp/xii/2026 "), "0001/DPMPTSP/XII/2026");
    EXPECT_EQ(normalize_registration_number("0001 / DPMPTSP /XII/ 2026"), "0001/DPMPTSP/XII/2026");
    EXPECT_EQ(normalize_registration_number("0001\\DPMPTSP\\XII\\2026"), "0001/DPMPTSP/XII/2026");
    EXPECT_EQ(normalize_registration_number("12  2026"), "12 2026");
    EXPECT_EQ(check_registration_number("0001/DPMPTSP/XII/2026"), NumberProblem::none);
    EXPECT_EQ(check_registration_number(""), NumberProblem::empty);
    EXPECT_EQ(check_registration_number("DPMPTSP"), NumberProblem::no_digits);
    EXPECT_EQ(check_registration_number("0001/DPMPTSP?x=1"), NumberProblem::bad_characters);
    EXPECT_EQ(check_registration_number(std::string(65, '1')), NumberProblem::too_long);
}

TEST(ReceiptCode, TheStatusUrlOfTheReceiptsQrCode) {
    const auto code = parse_receipt_code(kReceiptUrl);
    ASSERT_TRUE(code);
    EXPECT_EQ(code->number, "0001/DPMPTSP/XII/2026");
    EXPECT_EQ(code->token, kReceiptToken);
    // Parameters in any order, an https address, a fragment.
    const auto other = parse_receipt_code(
        "https://loket.example.go.id/berkas.html?token=a1b2c3d4e5f60718293a4b5c6d7e8f90"
        "&nomor=0007%2FDPMPTSP%2FI%2F2027#top");
    ASSERT_TRUE(other);
    EXPECT_EQ(other->number, "0007/DPMPTSP/I/2027");
    // The number and token as two words.
    const auto words = parse_receipt_code("0001/DPMPTSP/XII/2026 a1b2c3d4e5f60718293a4b5c6d7e8f90");
    ASSERT_TRUE(words);
    EXPECT_EQ(*words, (ReceiptCode{"0001/DPMPTSP/XII/2026", kReceiptToken}));
}

TEST(ReceiptCode, AnythingElseIsNotAReceipt) {
    EXPECT_FALSE(parse_receipt_code(""));
    EXPECT_FALSE(parse_receipt_code("8991234567890"));  // a product barcode
    EXPECT_FALSE(parse_receipt_code("http://192.168.1.10:8080/s/0123456789abcdef0123456789abcdef"));
    EXPECT_FALSE(parse_receipt_code("http://x/berkas.html?nomor=0001%2FD&token=short"));
    EXPECT_FALSE(
        parse_receipt_code("http://x/berkas.html?nomor=0001%2&token="
                           "a1b2c3d4e5f60718293a4b5c6d7e8f90"));  // broken escape
    EXPECT_FALSE(
        parse_receipt_code("http://x/berkas.html?nomor=%3Cscript%3E&token="
                           "a1b2c3d4e5f60718293a4b5c6d7e8f90"));  // no number
    EXPECT_FALSE(parse_receipt_code("0001/DPMPTSP/XII/2026 A1B2C3D4E5F60718293A4B5C6D7E8F90"));
}

TEST(ScanDetector, AFastBurstEndingWithEnterIsAScanSlowTypingIsNot) {
    ScanDetector d;
    auto t = std::chrono::steady_clock::time_point{} + 1h;
    // A scanner: the whole code within a few frames.
    d.on_text("http://192.168.1.10:8080/berkas", t);
    d.on_text(".html?nomor=1", t + 16ms);
    const auto scan = d.on_enter(t + 30ms);
    ASSERT_TRUE(scan);
    EXPECT_EQ(*scan, "http://192.168.1.10:8080/berkas.html?nomor=1");
    // A person: a pause longer than a scanner ever makes starts a new burst.
    t += 10s;
    d.on_text("0001/DPMPTSP", t);
    d.on_text("/XII/2026", t + 2s);
    EXPECT_FALSE(d.on_enter(t + 3s));
    // Too short to be a code.
    d.on_text("12", t + 10s);
    EXPECT_FALSE(d.on_enter(t + 10s + 5ms));
    // Enter alone.
    EXPECT_FALSE(d.on_enter(t + 20s));
}

TEST(ApplicationReply, ThePublicStatusIsReadStrictly) {
    const auto a = parse_application_public(reply(200, application_json("dikembalikan")));
    ASSERT_TRUE(a.ok());
    EXPECT_EQ(a.value().number, "0001/DPMPTSP/XII/2026");
    EXPECT_EQ(a.value().permit_name, "Izin Usaha Industri Kecil (IKOT)");
    EXPECT_EQ(a.value().stage_code, "dikembalikan");
    EXPECT_EQ(a.value().needed, "Fotokopi KTP tidak terbaca; bawa fotokopi yang jelas");
    EXPECT_FALSE(a.value().ready);
    json bad = application_json();
    bad["ready"] = "yes";
    EXPECT_EQ(parse_application_public(reply(200, bad)).failure().kind, FailureKind::bad_reply);
    bad = application_json();
    bad.erase("stage");
    EXPECT_EQ(parse_application_public(reply(200, bad)).failure().kind, FailureKind::bad_reply);
    EXPECT_EQ(
        parse_application_public(error_reply(404, "not_found", "no application")).failure().kind,
        FailureKind::not_found);

    const auto p = parse_pickup_ticket(reply(201, pickup_json()));
    ASSERT_TRUE(p.ok()) << p.failure().message;
    EXPECT_EQ(p.value().ticket.number, "D-004");
    EXPECT_EQ(p.value().ticket.service_name_en, "Pickup");
    EXPECT_EQ(p.value().ticket.permit_name, "Izin Usaha Industri Kecil (IKOT)");
    EXPECT_TRUE(p.value().application.ready);
    json no_app = pickup_json();
    no_app.erase("application");
    EXPECT_EQ(parse_pickup_ticket(reply(201, no_app)).failure().kind, FailureKind::bad_reply);
}

class StatusFlowTest : public ::testing::Test {
  protected:
    FakeClock clock;
    int keys = 0;
    Model m{ModelOptions{}, clock.clocks(), [this] { return "key-" + std::to_string(++keys); }};

    void SetUp() override {
        m.on_office(office(true));
        m.on_services(services());
        m.take_effects();
    }
    LookupApplication lookup() {
        const auto l = effects_of<LookupApplication>(m.take_effects());
        EXPECT_EQ(l.size(), 1u);
        return l.empty() ? LookupApplication{} : l[0];
    }
    // A scanner typing the receipt's QR code, a few frames apart, then Enter.
    void scan(std::string_view code) {
        m.on_keyboard_input(code.substr(0, 20), false);
        clock.advance(16ms);
        m.on_keyboard_input(code.substr(20), false);
        clock.advance(16ms);
        m.on_keyboard_input("", true);
    }
};

TEST_F(StatusFlowTest, TypedNumberShowsTheStage) {
    m.open_status_check();
    EXPECT_EQ(m.screen(), Screen::status_entry);
    EXPECT_EQ(m.screen_key(), "status-entry");
    m.set_status_number("0001/dpmptsp/xii/2026");
    EXPECT_EQ(m.status().typed, "0001/DPMPTSP/XII/2026");
    m.submit_status_number();
    EXPECT_EQ(m.screen(), Screen::status_checking);
    const auto l = lookup();
    EXPECT_EQ(l.code, (ReceiptCode{"0001/DPMPTSP/XII/2026", ""}));
    m.on_application(l.seq, application("dikembalikan"));
    EXPECT_EQ(m.screen(), Screen::status_result);
    EXPECT_EQ(m.screen_key(), "status-result");
    EXPECT_EQ(m.status().result->needed, "Fotokopi KTP tidak terbaca; bawa fotokopi yang jelas");
    // Another number: back to the field, the number kept to correct it.
    m.back();
    EXPECT_EQ(m.screen(), Screen::status_entry);
    EXPECT_EQ(m.status().typed, "0001/DPMPTSP/XII/2026");
    m.back();
    EXPECT_EQ(m.screen(), Screen::start);
}

TEST_F(StatusFlowTest, BadInputIsNamedBeforeAskingTheServer) {
    m.open_status_check();
    m.submit_status_number();
    EXPECT_EQ(m.status().problem, StatusProblem::empty);
    EXPECT_EQ(m.screen_key(), "status-problem");
    m.set_status_number("DPMPTSP");
    EXPECT_EQ(m.status().problem, StatusProblem::none);  // typing clears the message
    m.submit_status_number();
    EXPECT_EQ(m.status().problem, StatusProblem::no_digits);
    m.set_status_number("0001#2026");
    m.submit_status_number();
    EXPECT_EQ(m.status().problem, StatusProblem::bad_characters);
    EXPECT_TRUE(effects_of<LookupApplication>(m.take_effects()).empty());
}

TEST_F(StatusFlowTest, NotFoundOfflineAndServerErrorsStayOnTheEntryScreen) {
    m.open_status_check();
    m.set_status_number("0099/DPMPTSP/XII/2026");
    m.submit_status_number();
    m.on_application(lookup().seq,
                     parse_application_public(error_reply(404, "not_found", "no application")));
    EXPECT_EQ(m.screen(), Screen::status_entry);
    EXPECT_EQ(m.status().problem, StatusProblem::not_found);
    EXPECT_EQ(m.status().code.number, "0099/DPMPTSP/XII/2026");
    m.submit_status_number();
    m.on_application(lookup().seq, parse_application_public(no_reply()));
    EXPECT_EQ(m.status().problem, StatusProblem::offline);
    m.submit_status_number();
    m.on_application(lookup().seq,
                     parse_application_public(error_reply(400, "invalid_field", "number")));
    EXPECT_EQ(m.status().problem, StatusProblem::bad_characters);
    m.submit_status_number();
    m.on_application(lookup().seq, parse_application_public(reply(200, json{{"x", 1}})));
    EXPECT_EQ(m.status().problem, StatusProblem::server);
    // A late reply to an older check changes nothing.
    m.submit_status_number();
    const auto current = lookup();
    m.on_application(current.seq - 1, application());
    EXPECT_EQ(m.screen(), Screen::status_checking);
}

TEST_F(StatusFlowTest, AScanFromAnyScreenGoesStraightToTheFileThenThePickupTicket) {
    m.open_permit_info();
    m.take_effects();
    scan(kReceiptUrl);
    EXPECT_EQ(m.screen(), Screen::status_checking);
    const auto l = lookup();
    EXPECT_EQ(l.code, (ReceiptCode{"0001/DPMPTSP/XII/2026", kReceiptToken}));
    m.on_application(l.seq, application("siap_diambil", true));
    EXPECT_EQ(m.screen_key(), "status-ready");
    m.take_pickup_ticket();
    EXPECT_EQ(m.screen(), Screen::issuing);
    auto issue = effects_of<IssuePickupTicket>(m.take_effects());
    ASSERT_EQ(issue.size(), 1u);
    EXPECT_EQ(issue[0].code.token, kReceiptToken);
    EXPECT_EQ(issue[0].idempotency_key, "key-1");
    // Unreachable: the error screen, and "try again" sends the same key.
    m.on_pickup_ticket(issue[0].seq, parse_pickup_ticket(no_reply()));
    EXPECT_EQ(m.screen(), Screen::error);
    m.retry();
    issue = effects_of<IssuePickupTicket>(m.take_effects());
    ASSERT_EQ(issue.size(), 1u);
    EXPECT_EQ(issue[0].idempotency_key, "key-1");
    m.on_pickup_ticket(issue[0].seq, parse_pickup_ticket(reply(201, pickup_json())));
    EXPECT_EQ(m.screen(), Screen::ticket);
    EXPECT_EQ(m.ticket()->number, "D-004");
    const auto effects = m.take_effects();
    const auto prints = effects_of<PrintTicket>(effects);
    ASSERT_EQ(prints.size(), 1u);  // printed like every other ticket
    EXPECT_EQ(prints[0].ticket.service_name, "Pengambilan");
    EXPECT_EQ(effects_of<RefreshNow>(effects).size(), 1u);
}

TEST_F(StatusFlowTest, ATypedNumberCannotTakeThePickupTicket) {
    m.open_status_check();
    m.set_status_number("0001/DPMPTSP/XII/2026");
    m.submit_status_number();
    m.on_application(lookup().seq, application("siap_diambil", true));
    EXPECT_EQ(m.screen_key(), "status-ready-scan");
    m.take_pickup_ticket();
    EXPECT_EQ(m.screen(), Screen::status_result);
    EXPECT_TRUE(effects_of<IssuePickupTicket>(m.take_effects()).empty());
    // Scanning the receipt on the result screen looks the file up again, with its token.
    scan(kReceiptUrl);
    m.on_application(lookup().seq, application("siap_diambil", true));
    EXPECT_EQ(m.screen_key(), "status-ready");
}

TEST_F(StatusFlowTest, RefusalsOfThePickupTicketAreNamed) {
    scan(kReceiptUrl);
    m.on_application(lookup().seq, application("siap_diambil", true));
    m.take_pickup_ticket();
    auto issue = effects_of<IssuePickupTicket>(m.take_effects());
    m.on_pickup_ticket(issue[0].seq,
                       parse_pickup_ticket(error_reply(409, "invalid_state", "not ready")));
    EXPECT_EQ(m.screen(), Screen::status_result);
    EXPECT_EQ(m.status().problem, StatusProblem::not_ready);
    EXPECT_FALSE(m.status().result->ready);
    // Closed office: the closed screen, as for any ticket.
    scan(kReceiptUrl);
    m.on_application(lookup().seq, application("siap_diambil", true));
    m.take_pickup_ticket();
    issue = effects_of<IssuePickupTicket>(m.take_effects());
    EXPECT_EQ(issue[0].idempotency_key, "key-2");  // a new request after a refusal
    m.on_pickup_ticket(issue[0].seq,
                       parse_pickup_ticket(error_reply(409, "office_closed", "closed")));
    EXPECT_EQ(m.screen(), Screen::closed);
}

TEST_F(StatusFlowTest, ScannerNoiseAndSlowTyping) {
    m.open_status_check();
    scan("8991234567890123456789");  // not a receipt
    EXPECT_EQ(m.screen(), Screen::status_entry);
    EXPECT_EQ(m.status().problem, StatusProblem::qr_unrecognized);
    EXPECT_EQ(m.status().typed, "");
    // Typed slowly on a keyboard, then Enter: a normal check of the field.
    for (const char c : std::string("0001/DPMPTSP/XII/2026")) {
        m.on_keyboard_input(std::string(1, c), false);
        clock.advance(400ms);
    }
    m.on_keyboard_input("", true);
    EXPECT_EQ(m.screen(), Screen::status_checking);
    EXPECT_EQ(lookup().code, (ReceiptCode{"0001/DPMPTSP/XII/2026", ""}));
    // Noise elsewhere does nothing.
    m.go_home();
    m.take_effects();
    scan("8991234567890123456789");
    EXPECT_EQ(m.screen(), Screen::start);
}

TEST_F(StatusFlowTest, IdleResetForgetsTheFile) {
    scan(kReceiptUrl);
    m.on_application(lookup().seq, application("siap_diambil", true));
    clock.advance(61s);
    m.tick();
    EXPECT_EQ(m.screen(), Screen::start);
    EXPECT_EQ(m.status().code.number, "");
    EXPECT_FALSE(m.status().result);
}

}  // namespace
}  // namespace loket::kiosk
