// The protocol's writer of a complaint's values (loket/complaint_wire.hpp): the keys the API
// and the complaint.* events carry, with their nulls and absent keys.
#include "loket/complaint_wire.hpp"

#include <gtest/gtest.h>

namespace loket::protocol {
namespace {

using nlohmann::json;
using namespace complaint;

Summary open_summary() {
    Summary s;
    s.id = 7;
    s.tracking_number = "ADU-7K3M-9QX2";
    s.category = "biaya";
    s.channel = "web";
    s.state = State::Diproses;
    s.received_on = "2026-10-01";
    s.due_on = "2026-11-30";
    s.days_left = -3;
    s.overdue = true;
    s.assignee = "rina";
    s.has_contact = true;
    return s;
}

TEST(ComplaintWire, SummaryOfAnOpenComplaint) {
    const json out = complaint_summary_json(open_summary());
    EXPECT_EQ(out["id"], 7);
    EXPECT_EQ(out["tracking_number"], "ADU-7K3M-9QX2");
    EXPECT_EQ(out["category"]["id"], "biaya");
    EXPECT_EQ(out["category"]["name"], find_category("biaya")->name);
    EXPECT_EQ(out["category"]["name_en"], find_category("biaya")->name_en);
    EXPECT_EQ(out["channel"], "web");
    EXPECT_EQ(out["state"], "diproses");
    EXPECT_EQ(out["received_on"], "2026-10-01");
    EXPECT_EQ(out["due_on"], "2026-11-30");
    EXPECT_TRUE(out["closed_on"].is_null());
    EXPECT_EQ(out["days_left"], -3);
    EXPECT_EQ(out["overdue"], true);
    EXPECT_EQ(out["assignee"], (json{{"username", "rina"}, {"name", "rina"}}));
    EXPECT_EQ(out["has_contact"], true);
    EXPECT_FALSE(out.contains("excerpt"));
    EXPECT_EQ(out.size(), 12u);
}

TEST(ComplaintWire, SummaryOfAClosedComplaintWithAnUnknownCategory) {
    Summary s = open_summary();
    s.category = "lama";
    s.state = State::Selesai;
    s.closed_on = "2026-10-05";
    s.days_left.reset();
    s.overdue = false;
    s.assignee.reset();
    s.excerpt = "Petugas meminta uang";
    const json out = complaint_summary_json(s);
    EXPECT_EQ(out["category"], (json{{"id", "lama"}, {"name", "lama"}, {"name_en", "lama"}}));
    EXPECT_EQ(out["closed_on"], "2026-10-05");
    EXPECT_TRUE(out["days_left"].is_null());
    EXPECT_TRUE(out["assignee"].is_null());
    EXPECT_EQ(out["excerpt"], "Petugas meminta uang");
    EXPECT_EQ(complaint_list_json({s, s})["complaints"].size(), 2u);
}

TEST(ComplaintWire, DetailShowsWhoActedAndThePublicViewDoesNot) {
    Detail d;
    d.summary = open_summary();
    d.summary.excerpt = "Petugas";
    d.text = "Petugas meminta uang tambahan.";
    d.name = "Ani";
    d.notes = {{"rina", 1'796'000'000'000, "Cek jadwal"}};
    d.history = {{State::Diterima, "2026-10-01", std::nullopt},
                 {State::Diverifikasi, "2026-10-02", "rina"}};
    const json out = complaint_detail_json(d);
    EXPECT_EQ(out["excerpt"], "Petugas");
    EXPECT_EQ(out["text"], d.text);
    EXPECT_EQ(out["name"], "Ani");
    EXPECT_TRUE(out["contact"].is_null());
    EXPECT_TRUE(out["reply"].is_null());
    EXPECT_TRUE(out["rejection_reason"].is_null());
    EXPECT_EQ(
        out["notes"],
        (json::array(
            {{{"staff", {{"name", "rina"}}}, {"at", 1'796'000'000'000}, {"text", "Cek jadwal"}}})));
    EXPECT_EQ(out["history"][0],
              (json{{"state", "diterima"}, {"on", "2026-10-01"}, {"staff", nullptr}}));
    EXPECT_EQ(out["history"][1]["staff"], (json{{"name", "rina"}}));

    PublicView v;
    v.tracking_number = "ADU-7K3M-9QX2";
    v.category = "biaya";
    v.text = d.text;
    v.state = State::Diverifikasi;
    v.reply = "Sudah ditindaklanjuti.";
    v.history = d.history;
    const json pub = complaint_public_json(v);
    EXPECT_EQ(pub["state"], "diverifikasi");
    EXPECT_EQ(pub["state_name"], state_label(State::Diverifikasi).name);
    EXPECT_EQ(pub["state_name_en"], state_label(State::Diverifikasi).name_en);
    EXPECT_EQ(pub["reply"], "Sudah ditindaklanjuti.");
    EXPECT_TRUE(pub["closed_on"].is_null());
    EXPECT_EQ(pub["history"][1], (json{{"state", "diverifikasi"}, {"on", "2026-10-02"}}));
    EXPECT_EQ(pub.size(), 12u);
}

TEST(ComplaintWire, ReceiptMonthAndAccess) {
    const json receipt = complaint_receipt_json(
        {"ADU-7K3M-9QX2", State::Diterima, "2026-10-01", "2026-11-30", true});
    EXPECT_EQ(receipt["status_path"], "/pengaduan.html?lacak=ADU-7K3M-9QX2");
    EXPECT_EQ(receipt["replayed"], true);
    EXPECT_EQ(receipt["state"], "diterima");

    MonthSummary m{"2026-12", 5, 0, 0, 4, 1};
    EXPECT_TRUE(complaint_month_json(m)["on_time_share"].is_null());
    m.closed = 4;
    m.on_time = 3;
    const json month = complaint_month_json(m);
    EXPECT_DOUBLE_EQ(month["on_time_share"].get<double>(), 0.75);
    EXPECT_EQ(month["overdue_now"], 1);
    EXPECT_EQ(month["period"], "2026-12");

    EXPECT_EQ(
        complaint_access_json({{"rina", "complaint_detail", 42}}),
        (json::array({{{"user_name", "rina"}, {"purpose", "complaint_detail"}, {"at", 42}}})));
}

TEST(ComplaintWire, EventPayloadsCarryTheSummary) {
    const Summary s = open_summary();
    EXPECT_EQ(complaint_received_payload(s), (json{{"complaint", complaint_summary_json(s)}}));
    EXPECT_EQ(complaint_changed_payload(s, "note", "rina"),
              (json{{"complaint", complaint_summary_json(s)},
                    {"change", "note"},
                    {"staff", {{"name", "rina"}}}}));
    EXPECT_EQ(complaint_due_soon_payload(s, Reminder::Days7),
              (json{{"complaint", complaint_summary_json(s)}, {"kind", "7_days"}}));
}

}  // namespace
}  // namespace loket::protocol
