// Printing an application's receipt on a counter's ESC/POS printer, through the real
// queue-server binary: a fake network printer at one counter, none at another, a printer that
// never answers; what the printer received is decoded back.
#include <gtest/gtest.h>

#include <chrono>
#include <future>

#include "api_client.hpp"
#include "escpos_decoder.hpp"
#include "event_log.hpp"
#include "fake_printer.hpp"
#include "temp_dir.hpp"

using namespace loket;
using namespace loket::testing;
using loket::print::testing::decode_escpos;
using loket::print::testing::FakePrinter;
using nlohmann::json;

namespace {

constexpr std::uint8_t kIdle = 0x12;  // every DLE EOT reply of a ready printer

// The test office with three more Pendaftaran counters: 6 with the given printer setting, 7
// without a printer, 8 with the second printer setting.
std::string config_with_printers(const std::string& printer6, const std::string& printer8,
                                 int paper_width_mm = 58) {
    std::string config = kAlwaysOpenConfig;
    const std::string counters =
        "[[counters]]\nnumber = 6\nservices = [\"pendaftaran\"]\nprinter = { transport = \"" +
        printer6 + "\", paper_width_mm = " + std::to_string(paper_width_mm) +
        " }\n"
        "[[counters]]\nnumber = 7\nservices = [\"pendaftaran\"]\n"
        "[[counters]]\nnumber = 8\nservices = [\"pendaftaran\"]\nprinter = { transport = \"" +
        printer8 + "\" }\n";
    config.insert(config.find("[[devices]]"), counters);
    return config + R"(
[applications]
office_code = "DPMPTSP"
[[applications.permits]]
id = "dairi-iumk"
standard = { amount = 5, unit = "hari kerja" }
)";
}

class ReceiptPrintTest : public ::testing::Test {
  protected:
    FakePrinter printer{FakePrinter::replies(kIdle, kIdle, kIdle, kIdle)};
    FakePrinter silent{FakePrinter::silent()};
    TempDir dir;
    ServerProcess server{dir.path(),
                         config_with_printers("tcp:127.0.0.1:" + std::to_string(printer.port()),
                                              "tcp:127.0.0.1:" + std::to_string(silent.port()))};
    ApiClient anonymous{server.url()};
    ApiClient display{server.url(), kDisplayKey};
    ApiClient admin{server.url(), add_user_and_login(server, "admin", "admin")};

    ApiClient login(const std::string& name, const std::string& role = "staff") {
        return ApiClient(server.url(), add_user_and_login(server, name, role));
    }

    // A complete registration of the Dairi IUMK permit; returns the reply's body.
    json register_file(ApiClient& clerk) {
        const Reply form =
            clerk.get("/applications/form?permit_id=dairi-iumk&applicant_type=perorangan");
        EXPECT_EQ(form.status, 200) << form.body.dump();
        json checklist = json::array();
        for (const auto& r : form.body["requirements"])
            checklist.push_back({{"position", r["position"]}, {"present", true}});
        const Reply r = clerk.post("/applications", {{"permit_id", "dairi-iumk"},
                                                     {"applicant_type", "perorangan"},
                                                     {"applicant_name", "Siti Rahma"},
                                                     {"phone", "0812 3456 7890"},
                                                     {"phone_consent", true},
                                                     {"checklist", checklist}});
        EXPECT_EQ(r.status, 201) << r.body.dump();
        return r.body;
    }
    std::string print_path(const json& registered) {
        return "/applications/" + std::to_string(registered["application"]["id"].get<long>()) +
               "/receipt/print";
    }
};

TEST_F(ReceiptPrintTest, PrintsTheReceiptOnTheClerksCounterPrinter) {
    ApiClient clerk = login("rina");
    ASSERT_EQ(clerk.post("/counters/6/open").status, 200);
    // The console learns that its counter has a printer, and its paper, not its address.
    const Reply counter = clerk.get("/counters/6");
    EXPECT_EQ(counter.body["printer"], json({{"paper_width_mm", 58}}));
    EXPECT_TRUE(clerk.get("/counters/7").body["printer"].is_null());

    const json registered = register_file(clerk);
    const json receipt = registered["receipt"];
    const Reply printed = clerk.post(print_path(registered), {{"idempotency_key", "k1"}});
    ASSERT_EQ(printed.status, 200) << printed.body.dump();
    EXPECT_EQ(printed.body["result"], "printed");
    EXPECT_EQ(printed.body["sent"], true);
    EXPECT_EQ(printed.body["message"], "Tanda terima dicetak");
    EXPECT_EQ(printed.body["message_en"], "Receipt printed");
    EXPECT_EQ(printed.body["counter"]["number"], 6);
    EXPECT_EQ(printed.body["replayed"], false);

    // What the printer got: the status queries, then the receipt, cut at the end.
    const auto bytes = printer.received();
    const auto decoded = decode_escpos(bytes);
    ASSERT_EQ(decoded.qrs().size(), 1u);
    EXPECT_EQ(decoded.qrs()[0].data, receipt["status_url"].get<std::string>());
    EXPECT_TRUE(std::holds_alternative<print::testing::DecodedCut>(decoded.items.back()));
    std::string text;
    for (const auto& l : decoded.lines()) {
        EXPECT_LE(static_cast<int>(l.text.size()) * l.width, 32) << l.text;
        text += l.text + " ";
    }
    EXPECT_NE(text.find(receipt["number"].get<std::string>()), std::string::npos) << text;
    EXPECT_NE(text.find("Berkas Anda selesai paling lambat"), std::string::npos) << text;
    EXPECT_NE(text.find("DPMPTSP Kabupaten Uji"), std::string::npos) << text;
    EXPECT_NE(text.find("Siti Rahma"), std::string::npos) << text;
    // Never the phone number.
    EXPECT_EQ(text.find("3456"), std::string::npos) << text;

    // A retry with the same key prints nothing again and answers the same outcome.
    const Reply again = clerk.post(print_path(registered), {{"idempotency_key", "k1"}});
    ASSERT_EQ(again.status, 200) << again.body.dump();
    EXPECT_EQ(again.body["result"], "printed");
    EXPECT_EQ(again.body["replayed"], true);
    EXPECT_EQ(printer.received().size(), bytes.size());

    // The outcome is on the file's events, without the applicant's name; the read is logged.
    const Reply access =
        admin.get("/applications/" + std::to_string(registered["application"]["id"].get<long>()) +
                  "/access-log");
    EXPECT_NE(access.body.dump().find("receipt_print"), std::string::npos) << access.body.dump();
}

TEST_F(ReceiptPrintTest, RecordsTheOutcomeAsAnEvent) {
    ApiClient clerk = login("rina");
    ASSERT_EQ(clerk.post("/counters/6/open").status, 200);
    const json registered = register_file(clerk);
    ASSERT_EQ(clerk.post(print_path(registered)).body["result"], "printed");
    const long last = anonymous.get("/health").body["last_event_id"].get<long>();
    const auto seen = all_events(server, last);
    bool found = false;
    for (const auto& e : seen) {
        if (e.type != "application.receipt_print")
            continue;
        found = true;
        const json payload = json::parse(e.data)["payload"];
        EXPECT_EQ(payload["counter"]["number"], 6);
        EXPECT_EQ(payload["print"]["result"], "printed");
        EXPECT_EQ(payload["staff"]["name"], "rina");
        EXPECT_EQ(e.data.find("Siti Rahma"), std::string::npos);
    }
    EXPECT_TRUE(found);
}

TEST_F(ReceiptPrintTest, RefusesWithoutACounterPrinterOrACounter) {
    ApiClient clerk = login("rina");
    const json registered = register_file(clerk);
    // No counter open and none named.
    const Reply none = clerk.post(print_path(registered));
    EXPECT_EQ(none.status, 409) << none.body.dump();
    EXPECT_EQ(none.code(), "no_counter");
    EXPECT_FALSE(none.body["error"]["message_id"].get<std::string>().empty());

    // A counter without a printer: a clear refusal in both languages, nothing printed.
    ASSERT_EQ(clerk.post("/counters/7/open").status, 200);
    const Reply refused = clerk.post(print_path(registered));
    EXPECT_EQ(refused.status, 409) << refused.body.dump();
    EXPECT_EQ(refused.code(), "no_counter_printer");
    EXPECT_NE(refused.body["error"]["message"].get<std::string>().find("no receipt printer"),
              std::string::npos);
    EXPECT_NE(refused.body["error"]["message_id"].get<std::string>().find(
                  "tidak memiliki printer tanda terima"),
              std::string::npos);
    EXPECT_TRUE(printer.received().empty());

    // A clerk prints only at their own counter; a supervisor at any.
    const Reply other = clerk.post(print_path(registered), {{"counter", 6}});
    EXPECT_EQ(other.status, 403) << other.body.dump();
    EXPECT_EQ(other.code(), "not_your_counter");
    ApiClient supervisor = login("sari", "supervisor");
    const Reply by_supervisor = supervisor.post(print_path(registered), {{"counter", 6}});
    EXPECT_EQ(by_supervisor.status, 200) << by_supervisor.body.dump();
    EXPECT_EQ(by_supervisor.body["result"], "printed");
    // Unknown counters and files, and a body that is not what the route takes.
    EXPECT_EQ(supervisor.post(print_path(registered), {{"counter", 99}}).status, 404);
    EXPECT_EQ(supervisor.post("/applications/999/receipt/print", {{"counter", 6}}).status, 404);
    EXPECT_EQ(supervisor.post(print_path(registered), {{"counter", "6"}}).status, 400);
    EXPECT_EQ(supervisor.post(print_path(registered), {{"copies", 2}}).status, 400);
    // Not for devices or anonymous callers.
    EXPECT_EQ(display.post(print_path(registered), {{"counter", 6}}).status, 403);
    EXPECT_EQ(anonymous.post(print_path(registered), {{"counter", 6}}).status, 401);
}

TEST_F(ReceiptPrintTest, SilentPrinterFailsInTimeAndTheServerKeepsAnswering) {
    ApiClient clerk = login("rina");
    ASSERT_EQ(clerk.post("/counters/8/open").status, 200);
    const json registered = register_file(clerk);
    const auto start = std::chrono::steady_clock::now();
    auto pending = std::async(std::launch::async, [&] {
        ApiClient own(server.url(), add_user_and_login(server, "sari", "supervisor"));
        return own.post(print_path(registered), {{"counter", 8}});
    });
    // While the print waits for the printer, other requests are answered at once.
    for (int i = 0; i < 5; ++i) {
        const auto asked = std::chrono::steady_clock::now();
        EXPECT_EQ(anonymous.get("/health").status, 200);
        EXPECT_LT(std::chrono::steady_clock::now() - asked, std::chrono::milliseconds(500));
    }
    const Reply failed = pending.get();
    const auto took = std::chrono::steady_clock::now() - start;
    ASSERT_EQ(failed.status, 200) << failed.body.dump() << failed.error;
    EXPECT_EQ(failed.body["result"], "failed");
    EXPECT_EQ(failed.body["sent"], false);
    EXPECT_EQ(failed.body["printer_state"], "no_reply");
    EXPECT_EQ(failed.body["message"], "Tanda terima tidak dicetak: Printer tidak menjawab");
    EXPECT_EQ(failed.body["message_en"], "Receipt not printed: Printer does not respond");
    // Well within the print timeouts (about 11 s in all); the status query waits 0.7 s.
    EXPECT_LT(took, std::chrono::seconds(5));
    // Only the status query reached the silent printer: nothing half printed.
    const auto decoded = decode_escpos(silent.received());
    EXPECT_TRUE(decoded.lines().empty());
    EXPECT_TRUE(decoded.qrs().empty());
    EXPECT_EQ(anonymous.get("/health").status, 200);
}

TEST_F(ReceiptPrintTest, PrinterSettingIsValidatedNamingTheField) {
    auto settings = admin.get("/settings").body;
    ASSERT_EQ(settings["counters"][5]["number"], 6);
    EXPECT_EQ(settings["counters"][5]["printer"]["paper_width_mm"], 58);
    // Saving the settings keeps the printer.
    const Reply saved = admin.raw("PUT", "/settings", settings.dump());
    ASSERT_EQ(saved.status, 200) << saved.body.dump();
    EXPECT_EQ(saved.body["counters"][5]["printer"], settings["counters"][5]["printer"]);

    const auto refused = [&](const json& printer) {
        json changed = settings;
        changed["counters"][5]["printer"] = printer;
        return admin.raw("PUT", "/settings", changed.dump());
    };
    for (const json& bad : {json{{"transport", "file:/tmp/x"}}, json{{"transport", "usb:/home/x"}},
                            json{{"transport", "tcp:printer:99999"}}, json{{"transport", "lp0"}}}) {
        const Reply r = refused(bad);
        EXPECT_EQ(r.status, 400) << bad.dump();
        EXPECT_EQ(r.field(), "counters[5].printer.transport") << r.body.dump();
    }
    const Reply width = refused({{"transport", "tcp:10.0.0.5"}, {"paper_width_mm", 70}});
    EXPECT_EQ(width.status, 400);
    EXPECT_EQ(width.field(), "counters[5].printer.paper_width_mm") << width.body.dump();
    const Reply unknown = refused({{"transport", "tcp:10.0.0.5"}, {"cut", true}});
    EXPECT_EQ(unknown.status, 400);
    EXPECT_EQ(unknown.field(), "counters[5].printer.cut") << unknown.body.dump();
    const Reply missing = refused({{"paper_width_mm", 80}});
    EXPECT_EQ(missing.status, 400);
    EXPECT_EQ(missing.field(), "counters[5].printer.transport") << missing.body.dump();
}

}  // namespace
