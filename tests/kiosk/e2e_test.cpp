// The kiosk binary, headless and scripted, against the real queue-server binary on loopback:
// what an applicant does with a finger, and what the server holds afterwards.
#include <gtest/gtest.h>

#include "api_client.hpp"
#include "closed_port.hpp"
#include "kiosk_test_support.hpp"
#include "loket/survey.hpp"
#include "ready_application.hpp"
#include "temp_dir.hpp"

namespace loket::kiosk {
namespace {

using namespace std::chrono_literals;
using namespace loket::kiosk::testing;
using loket::testing::ApiClient;
using loket::testing::closed_port;
using loket::testing::kKioskKey;
using loket::testing::ServerProcess;
using loket::testing::TempDir;
using nlohmann::json;

std::string quoted(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\')
            out += '\\';
        out += c;
    }
    return out + "\"";
}

// Taps on the on-screen keyboard that type text.
std::string keyboard_taps(const std::string& text) {
    std::string script;
    for (char c : text)
        script += c == ' ' ? std::string("tap_text Spasi\n")
                           : "tap_text " + std::string(1, char(std::toupper(c))) + "\n";
    return script;
}

class KioskE2E : public ::testing::Test {
  protected:
    TempDir dir;
    std::filesystem::path shots = dir / "shots";

    void SetUp() override { std::filesystem::create_directories(shots); }

    std::vector<std::string> args(const std::string& url, const std::string& script,
                                  const std::string& printer,
                                  const std::string& orientation = "portrait") {
        const auto file = dir / "script.txt";
        std::ofstream(file) << script;
        return {"--headless",
                "--server",
                url,
                "--device-key",
                kKioskKey,
                "--script",
                file.string(),
                "--screenshot",
                shots.string(),
                "--printer",
                printer,
                "--poll-interval",
                "1",
                "--orientation",
                orientation};
    }
    // Copies this run's screenshots where people look at them.
    void keep_screenshots(const std::string& name) {
        std::filesystem::remove_all(screenshot_dir() / ("e2e-" + name));  // no stale files
        const auto to = screenshot_dir("e2e-" + name);
        for (const auto& e : std::filesystem::directory_iterator(shots))
            std::filesystem::copy_file(e.path(), to / e.path().filename(),
                                       std::filesystem::copy_options::overwrite_existing);
    }
    json tickets(ServerProcess& server) {
        const std::string token =
            loket::testing::add_user_and_login(server, "penyelia", "supervisor");
        return ApiClient(server.url(), token).get("/tickets").body["tickets"];
    }
};

class KioskE2EOrientation : public KioskE2E, public ::testing::WithParamInterface<std::string> {};

TEST_P(KioskE2EOrientation, PermitInformationToATicketForTheProposedCounter) {
    const std::string orientation = GetParam();
    const bool portrait = orientation == "portrait";
    ServerProcess server(dir.path());
    const auto printer_file = dir / "printer.bin";
    const auto& iumk = *testing::catalog().find("pelalawan-iumk");
    ASSERT_EQ(iumk.requirements.size(), 5u);

    std::string script =
        "wait 700\n"
        "expect_screen start\n"
        "screenshot 01-start\n"
        "tap_text \"Informasi Perizinan\"\n"
        "wait 500\n"
        "expect_screen permits\n" +
        // Portrait types on the on-screen keyboard; landscape as a hardware keyboard would
        // (each tap costs a few frames, and one run of keyboard taps shows it works).
        (portrait ? keyboard_taps("usaha mikro") : std::string("type \"usaha mikro\"\n")) +
        "wait 1000\n"
        "expect_text \"usaha mikro\"\n"
        "screenshot 02-search\n"
        "tap_text " +
        quoted(iumk.name) +
        "\n"
        "wait 1000\n"
        "expect_screen permit\n"
        "expect_text \"0 dari 5 persyaratan siap\"\n";
    for (std::size_t i = 0; i < 4; ++i)
        script += "tap_text " + quoted(iumk.requirements[i].text) + "\n";
    // The last requirement is further down the list: scroll it up with a finger.
    script += portrait ? "drag 540 1500 540 800\n" : "drag 1200 950 1200 350\n";
    script +=
        "wait 200\n"
        "tap_text " +
        quoted(iumk.requirements[4].text) +
        "\n"
        "expect_text \"5 dari 5 persyaratan siap\"\n"
        "screenshot 03-permit-ticked\n"
        "tap_text \"Ambil Nomor\"\n"
        "expect_screen priority\n"
        "expect_text \"Persyaratan Anda lengkap\"\n"
        "screenshot 04-priority\n"
        "tap_text Umum\n"
        "wait 2000\n"
        "expect_screen ticket-printed\n"
        "expect_text B-001\n"
        "screenshot 05-confirmation\n"
        "quit\n";

    KioskProcess kiosk(args(server.url(), script, "file:" + printer_file.string(), orientation),
                       dir / "kiosk.log");
    ASSERT_TRUE(kiosk.started());
    const ProcessResult r = kiosk.wait(60s);
    keep_screenshots(orientation);
    ASSERT_FALSE(r.timed_out) << r.output;
    ASSERT_EQ(r.exit_code, 0) << r.output;

    // The confirmation screenshot, and the screens the app photographed by itself.
    EXPECT_TRUE(std::filesystem::exists(shots / "05-confirmation.png"));
    EXPECT_TRUE(testing::wait_for_file(shots, "-ticket-printed.png", 1s));
    // The server holds one waiting ticket for the proposed counter, with the permit.
    const json list = tickets(server);
    ASSERT_EQ(list.size(), 1u) << list.dump();
    EXPECT_EQ(list[0]["number"], "B-001");
    EXPECT_EQ(list[0]["service"], "customer_service");
    EXPECT_EQ(list[0]["permit_id"], "pelalawan-iumk");
    EXPECT_EQ(list[0]["state"], "waiting");
    EXPECT_EQ(list[0]["priority"], nullptr);
    EXPECT_EQ(list[0]["print_status"], "printed");
    // The printer got the ticket.
    const std::string bytes = testing::read_text(printer_file);
    EXPECT_GT(bytes.size(), 100u);
    EXPECT_NE(bytes.find("B-001"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Kiosk, KioskE2EOrientation, ::testing::Values("portrait", "landscape"));

// Cek status berkas, then the pickup: the number typed shows the file's stage but cannot take
// the ticket (anyone can read a number off a desk); the receipt's QR code from the USB scanner
// can, and the server links the Pengambilan ticket to the file.
TEST_F(KioskE2E, StatusByNumberThenTheReceiptScanTakesThePickupTicket) {
    ServerProcess server(dir.path());
    ApiClient boss(server.url(),
                   loket::testing::add_user_and_login(server, "kepala", "supervisor"));
    const auto file = loket::testing::make_ready_application(boss);
    ASSERT_FALSE(file.number.empty());
    const auto printer_file = dir / "printer.bin";
    const std::string script =
        "wait 700\n"
        "expect_screen start\n"
        "tap_text \"Cek Status Berkas\"\n"
        "wait 300\n"
        "expect_screen status-entry\n"
        "type " +
        quoted(file.number) +
        "\n"
        "tap_text \"Cek Status\"\n"
        "wait 1500\n"
        "expect_screen status-ready-scan\n"
        "expect_text \"Berkas Anda siap diambil\"\n"
        "expect_text " +
        quoted(file.number) +
        "\n"
        "screenshot 01-status-typed\n"
        "scan " +
        quoted(file.status_url) +
        "\n"
        "wait 1500\n"
        "expect_screen status-ready\n"
        "screenshot 02-status-scanned\n"
        "tap_text \"Ambil Antrean Pengambilan\"\n"
        "wait 2000\n"
        "expect_screen ticket-printed\n"
        "expect_text D-001\n"
        "screenshot 03-pickup-ticket\n"
        "quit\n";
    KioskProcess kiosk(args(server.url(), script, "file:" + printer_file.string()),
                       dir / "kiosk.log");
    ASSERT_TRUE(kiosk.started());
    const ProcessResult r = kiosk.wait(60s);
    keep_screenshots("pickup");
    ASSERT_FALSE(r.timed_out) << r.output;
    ASSERT_EQ(r.exit_code, 0) << r.output;

    // One Pengambilan ticket, printed, and the file knows it.
    const json list = tickets(server);
    ASSERT_EQ(list.size(), 1u) << list.dump();
    EXPECT_EQ(list[0]["number"], "D-001");
    EXPECT_EQ(list[0]["service"], "pengambilan");
    EXPECT_EQ(list[0]["print_status"], "printed");
    const loket::testing::Reply app = boss.get("/applications/" + std::to_string(file.id));
    ASSERT_EQ(app.status, 200) << app.body.dump();
    const json& detail = app.body.contains("application") ? app.body["application"] : app.body;
    EXPECT_EQ(detail["pickup_ticket_id"], list[0]["id"]) << app.body.dump();
    EXPECT_NE(testing::read_text(printer_file).find("D-001"), std::string::npos);
}

// The office edits a permit while an applicant reads it at the kiosk: the new requirement
// shows on the open page within seconds, without a restart (the catalog.changed event).
TEST_F(KioskE2E, ACatalogEditReachesTheOpenPermitPageOfARunningKiosk) {
    ServerProcess server(dir.path());
    ApiClient admin(server.url(), loket::testing::add_user_and_login(server, "admin", "admin"));
    const auto& iumk = *testing::catalog().find("pelalawan-iumk");
    ASSERT_EQ(iumk.requirements.size(), 5u);
    const std::string script =
        "wait 700\n"
        "expect_screen start\n"
        "tap_text \"Informasi Perizinan\"\n"
        "wait 500\n"
        "type \"usaha mikro\"\n"
        "wait 1000\n"
        "tap_text " +
        quoted(iumk.name) +
        "\n"
        "wait 1000\n"
        "expect_screen permit\n"
        "expect_text \"0 dari 5 persyaratan siap\"\n"
        "screenshot 01-before-edit\n"
        "wait 4000\n"
        "expect_screen permit\n"
        "expect_text \"0 dari 6 persyaratan siap\"\n"
        "expect_text \"Surat keterangan domisili usaha\"\n"
        "screenshot 02-after-edit\n"
        "quit\n";
    KioskProcess kiosk(args(server.url(), script, "none"), dir / "kiosk.log");
    ASSERT_TRUE(kiosk.started());
    ASSERT_TRUE(testing::wait_for_file(shots, "01-before-edit", 30s)) << kiosk.wait(1s).output;

    const loket::testing::Reply opened = admin.get("/catalog/permits/pelalawan-iumk");
    ASSERT_EQ(opened.status, 200) << opened.body.dump();
    json permit = opened.body["permit"];
    permit["requirements"].push_back(
        {{"text", "Surat keterangan domisili usaha"}, {"source", "Perubahan oleh kantor"}});
    const loket::testing::Reply saved =
        admin.raw("PUT", "/catalog/permits/pelalawan-iumk",
                  json{{"permit", permit},
                       {"base_version", opened.body["version"]["version"]},
                       {"note", "persyaratan baru"}}
                      .dump());
    ASSERT_EQ(saved.status, 200) << saved.body.dump();

    const ProcessResult r = kiosk.wait(60s);
    keep_screenshots("catalog-live");
    ASSERT_FALSE(r.timed_out) << r.output;
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_TRUE(std::filesystem::exists(shots / "02-after-edit.png"));
}

TEST_F(KioskE2E, FailingPrinterShowsTheTicketOnScreenAndTellsTheServer) {
    ServerProcess server(dir.path());
    const std::string script =
        "wait 700\n"
        "tap_text Pengambilan\n"
        "expect_screen priority\n"
        "tap_text Lansia\n"
        "wait 2000\n"
        "expect_screen ticket-print-failed\n"
        "expect_text D-001\n"
        "expect_text \"foto layar ini\"\n"
        "screenshot printer-failed\n"
        "quit\n";
    KioskProcess kiosk(args(server.url(), script, "tcp:127.0.0.1:" + std::to_string(closed_port())),
                       dir / "kiosk.log");
    const ProcessResult r = kiosk.wait(60s);
    keep_screenshots("printer-failed");
    ASSERT_EQ(r.exit_code, 0) << r.output;
    const json list = tickets(server);
    ASSERT_EQ(list.size(), 1u);
    EXPECT_EQ(list[0]["number"], "D-001");
    EXPECT_EQ(list[0]["priority"], "lansia");
    EXPECT_EQ(list[0]["print_status"], "failed");
    EXPECT_FALSE(list[0]["print_problem"].get<std::string>().empty());
}

TEST_F(KioskE2E, ServerDownAtStartShowsOfflineThenRecovers) {
    ServerProcess server(dir.path());
    const std::string url = server.url();
    server.stop(SIGKILL);  // a crash: no goodbye to anyone
    const std::string script =
        "wait 6000\n"
        "expect_screen start\n"
        "screenshot recovered\n"
        "quit\n";
    KioskProcess kiosk(args(url, script, "none"), dir / "kiosk.log");
    // Once the kiosk has shown the offline screen, the server comes back on the same port.
    ASSERT_TRUE(testing::wait_for_file(shots, "-offline.png", 20s));
    server.start();
    const ProcessResult r = kiosk.wait(60s);
    keep_screenshots("server-down-at-start");
    ASSERT_FALSE(r.timed_out) << r.output;
    EXPECT_EQ(r.exit_code, 0) << r.output;
    // It said so, then came back by itself.
    EXPECT_NE(r.output.find("reaching the queue server failed"), std::string::npos);
    EXPECT_NE(r.output.find("answers again"), std::string::npos);
}

// The server dies after the kiosk has been connected: the kiosk says the connection was lost
// (not "not connected yet"), the permit information it loaded stays browsable, and only the
// ticket buttons wait.
TEST_F(KioskE2E, ServerGoingAwayMidSessionKeepsPermitInformation) {
    ServerProcess server(dir.path());
    const auto& dairi = *testing::catalog().find("dairi-iumk");
    const std::string script =
        "wait 700\n"
        "tap_text \"Informasi Perizinan\"\n"
        "wait 500\n"
        "expect_screen permits\n"
        "screenshot gone-01-permits\n"
        "wait 3000\n"
        "tap_text " +
        quoted(dairi.name) +
        "\n"
        "wait 2500\n"
        "expect_screen permit\n"
        "expect_text " +
        quoted(dairi.name) +
        "\n"
        "expect_text \"Koneksi ke server terputus\"\n"
        "screenshot gone-02-permit-offline\n"
        "tap_text \"\u2039 Kembali\"\n"
        "wait 500\n"
        "expect_screen permits\n"
        "tap_text \"\u2039 Kembali\"\n"
        "wait 500\n"
        "expect_screen offline\n"
        "expect_text \"Koneksi ke server terputus\"\n"
        "expect_text \"Menunggu koneksi ke server\"\n"
        "expect_text \"Informasi Perizinan\"\n"
        "screenshot gone-03-connection-lost\n"
        "tap_text \"Informasi\"\n"
        "wait 300\n"
        "expect_screen offline\n"
        "tap_text \"Informasi Perizinan\"\n"
        "wait 500\n"
        "expect_screen permits\n"
        "expect_text " +
        quoted(dairi.name) +
        "\n"
        "screenshot gone-04-permits-offline\n"
        "quit\n";
    KioskProcess kiosk(args(server.url(), script, "none"), dir / "kiosk.log");
    ASSERT_TRUE(testing::wait_for_file(shots, "gone-01-permits.png", 30s));
    server.stop(SIGKILL);
    const ProcessResult r = kiosk.wait(60s);
    keep_screenshots("server-gone");
    ASSERT_FALSE(r.timed_out) << r.output;
    EXPECT_EQ(r.exit_code, 0) << r.output;
}

TEST_F(KioskE2E, ClosedHoursDisableNumbersButPermitInformationWorks) {
    // The test office with no service hours on any day.
    std::string config = loket::testing::kAlwaysOpenConfig;
    const auto from = config.find("[hours]");
    const auto to = config.find("[[counters]]");
    config.replace(from, to - from, "[hours]\n");
    ServerProcess server(dir.path(), config);
    const auto& iumk = *testing::catalog().find("pelalawan-iumk");
    const std::string script =
        "wait 700\n"
        "expect_screen start-closed\n"
        "expect_text TUTUP\n"
        "expect_text \"Jadwal layanan\"\n"
        "tap_text Informasi\n"  // disabled: nothing happens
        "expect_screen start-closed\n"
        "tap_text \"Informasi Perizinan\"\n"
        "wait 500\n"
        "tap_text " +
        quoted(iumk.name) +
        "\n"
        "wait 700\n"
        "expect_screen permit\n"
        "tap_text \"Alur Pelayanan\"\n"
        "expect_text \"Pelaksana: \"\n"
        "tap_text \"Ambil Nomor\"\n"  // disabled too
        "expect_screen permit\n"
        "expect_text \"Pengambilan nomor sedang ditutup\"\n"
        "screenshot closed-permit\n"
        "quit\n";
    KioskProcess kiosk(args(server.url(), script, "none"), dir / "kiosk.log");
    const ProcessResult r = kiosk.wait(60s);
    keep_screenshots("closed");
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_TRUE(testing::wait_for_file(shots, "-start-closed.png", 1s));
    EXPECT_EQ(tickets(server).size(), 0u);
}

// The survey from the start screen, answered with a finger as an applicant would: the server's
// nine elements one per screen, the age on the keypad, the profile and the service; the
// server counts one anonymous kiosk response in this month's report.
TEST_F(KioskE2E, AnAnonymousSurveyFromTheStartScreenIsCounted) {
    ServerProcess server(dir.path());
    const json q = survey::questionnaire_json();
    std::string script =
        "wait 700\n"
        "expect_screen start\n"
        "tap_text \"Survei Kepuasan\"\n"
        "wait 800\n"
        "expect_screen survey-element\n"
        "expect_text \"Pertanyaan 1 dari 9\"\n"
        "screenshot 01-survey-first\n";
    int score_sum = 0;
    for (std::size_t i = 0; i < q["elements"].size(); ++i) {
        const int score = i % 3 == 0 ? 3 : 4;  // mixed answers
        score_sum += score;
        const json& element = q["elements"][i];
        script += "expect_text " + quoted("Pertanyaan " + std::to_string(i + 1) + " dari 9") +
                  "\n" + "tap_text " +
                  quoted(element["answers"][std::size_t(score - 1)]["label"].get<std::string>()) +
                  "\n";
    }
    script +=
        "expect_screen survey-age\n"
        "tap_text 3\n"
        "tap_text 4\n"
        "expect_text \"34 tahun\"\n"
        "screenshot 02-survey-age\n"
        "tap_text \"Lanjut \u203a\"\n"
        "expect_screen survey-sex\n"
        "tap_text Perempuan\n"
        "expect_screen survey-education\n"
        "tap_text S1\n"
        "expect_screen survey-occupation\n"
        "tap_text Wirausaha\n"
        "expect_screen survey-service\n"
        "screenshot 03-survey-service\n"
        "tap_text Pendaftaran\n"
        "wait 1500\n"
        "expect_screen survey-thanks\n"
        "screenshot 04-survey-thanks\n"
        "tap_text Selesai\n"
        "wait 300\n"
        "expect_screen start\n"
        "quit\n";
    KioskProcess kiosk(args(server.url(), script, "none"), dir / "kiosk.log");
    ASSERT_TRUE(kiosk.started());
    const ProcessResult r = kiosk.wait(90s);
    keep_screenshots("survey");
    ASSERT_FALSE(r.timed_out) << r.output;
    ASSERT_EQ(r.exit_code, 0) << r.output;

    // One response in this month's report, with the answers the screens were tapped with.
    ApiClient boss(server.url(),
                   loket::testing::add_user_and_login(server, "kepala", "supervisor"));
    const std::string month =
        boss.get("/office").body["local_date"].get<std::string>().substr(0, 7);
    const loket::testing::Reply report = boss.get("/survey/report?period=" + month);
    ASSERT_EQ(report.status, 200) << report.body.dump();
    EXPECT_EQ(report.body["respondents"], 1) << report.body.dump();
    ASSERT_TRUE(report.body["index"].is_object()) << report.body.dump();
    std::int64_t sum = 0;
    for (const json& e : report.body["index"]["elements"])
        sum += e["score_sum"].get<std::int64_t>();
    EXPECT_EQ(sum, score_sum) << report.body["index"].dump();
    const loket::testing::Reply registration =
        boss.get("/survey/report?period=" + month + "&service=pendaftaran");
    EXPECT_EQ(registration.body["respondents"], 1) << registration.body.dump();
}

// A complaint with consent: category, text typed, name and e-mail after the consent choice
// (the e-mail on the on-screen keyboard's '@' and '.'), confirmed and filed. The slip comes
// out of the printer with the tracking number and without the name or contact, and the
// number finds the complaint on the public tracking route.
TEST_F(KioskE2E, AComplaintWithConsentIsFiledPrintedAndTrackable) {
    ServerProcess server(dir.path());
    const auto printer_file = dir / "printer.bin";
    const std::string text = "Antrean pendaftaran lama sekali, dua jam menunggu";
    const std::string script =
        "wait 700\n"
        "expect_screen start\n"
        "tap_text Pengaduan\n"
        "wait 800\n"
        "expect_screen complaint-category\n"
        "screenshot 01-complaint-category\n"
        "tap_text \"Waktu penyelesaian\"\n"
        "expect_screen complaint-text\n"
        "type " +
        quoted(text) +
        "\n"
        "wait 200\n"
        "expect_text \"49 / 2000 karakter\"\n"
        "screenshot 02-complaint-text\n"
        "tap_text \"Lanjut \u203a\"\n"
        "expect_screen complaint-consent\n"
        "tap_text \"Ya, cantumkan nama dan kontak saya\"\n"
        "expect_screen complaint-name\n"
        "type \"Budi Santoso\"\n"
        "wait 200\n"
        "tap_text \"Lanjut \u203a\"\n"
        "expect_screen complaint-contact\n" +
        keyboard_taps("budi@contoh.id") +
        "expect_text \"budi@contoh.id\"\n"
        "screenshot 03-complaint-contact\n"
        "tap_text \"Lanjut \u203a\"\n"
        "expect_screen complaint-confirm\n"
        "expect_text \"Budi Santoso\"\n"
        "screenshot 04-complaint-confirm\n"
        "tap_text \"Kirim Pengaduan\"\n"
        "wait 2000\n"
        "expect_screen complaint-filed-printed\n"
        "expect_text ADU-\n"
        "screenshot 05-complaint-filed\n"
        "quit\n";
    KioskProcess kiosk(args(server.url(), script, "file:" + printer_file.string()),
                       dir / "kiosk.log");
    ASSERT_TRUE(kiosk.started());
    const ProcessResult r = kiosk.wait(90s);
    keep_screenshots("complaint");
    ASSERT_FALSE(r.timed_out) << r.output;
    ASSERT_EQ(r.exit_code, 0) << r.output;

    ApiClient boss(server.url(),
                   loket::testing::add_user_and_login(server, "kepala", "supervisor"));
    const json list = boss.get("/complaints").body["complaints"];
    ASSERT_EQ(list.size(), 1u) << list.dump();
    const std::string number = list[0]["tracking_number"];
    EXPECT_EQ(list[0]["channel"], "kiosk");
    EXPECT_EQ(list[0]["category"]["id"], "waktu");
    EXPECT_TRUE(list[0]["has_contact"].get<bool>());
    const json detail = boss.get("/complaints/" + std::to_string(list[0]["id"].get<int>())).body;
    EXPECT_EQ(detail["name"], "Budi Santoso") << detail.dump();
    EXPECT_EQ(detail["contact"], "budi@contoh.id");
    EXPECT_EQ(detail["text"], text);

    // The slip: the number, where to follow it, and no personal data.
    const std::string bytes = testing::read_text(printer_file);
    EXPECT_NE(bytes.find(number), std::string::npos) << "slip lacks " << number;
    EXPECT_NE(bytes.find("pengaduan.html?lacak=" + number), std::string::npos);
    EXPECT_NE(bytes.find("SP4N-LAPOR!"), std::string::npos);
    EXPECT_EQ(bytes.find("Budi"), std::string::npos);
    EXPECT_EQ(bytes.find("budi@"), std::string::npos);
    EXPECT_EQ(bytes.find("Santoso"), std::string::npos);

    // Trackable by its number, by anyone, without the name.
    const loket::testing::Reply track = ApiClient(server.url()).get("/complaints/track/" + number);
    ASSERT_EQ(track.status, 200) << track.body.dump();
    EXPECT_EQ(track.body["state"], "diterima");
    EXPECT_EQ(track.body["text"], text);
    EXPECT_FALSE(track.body.contains("name"));
}

TEST_F(KioskE2E, BadConfigurationIsExplainedAndRefused) {
    const auto file = dir / "kiosk.toml";
    std::ofstream(file) << "[screen]\norientation = \"miring\"\n";
    KioskProcess kiosk({"--headless", "--config", file.string()}, dir / "kiosk.log");
    const ProcessResult r = kiosk.wait(30s);
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.output.find("screen.orientation"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace loket::kiosk
