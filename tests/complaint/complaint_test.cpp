#include "loket/complaint.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

namespace loket::complaint {
namespace {

using nlohmann::json;
using namespace std::chrono;

std::string refused_field(const json& body, bool staff = false) {
    try {
        read_submission(body, staff);
    } catch (const ComplaintInputError& e) {
        return e.field() + "/" + e.code();
    }
    return "accepted";
}

json valid() {
    return {{"category", "biaya"}, {"text", "Petugas meminta uang tambahan di loket."}};
}

TEST(ComplaintReader, AcceptsAnonymousAndTrimsText) {
    json body = valid();
    body["text"] = "  Petugas meminta uang tambahan.\n  ";
    const Submission s = read_submission(body, false);
    EXPECT_EQ(s.category, "biaya");
    EXPECT_EQ(s.text, "Petugas meminta uang tambahan.");
    EXPECT_FALSE(s.name);
    EXPECT_FALSE(s.contact);
}

TEST(ComplaintReader, RefusalsNameEachField) {
    json b = valid();
    b.erase("category");
    EXPECT_EQ(refused_field(b), "category/missing_field");
    b = valid();
    b["category"] = "korupsi";
    EXPECT_EQ(refused_field(b), "category/invalid_field");
    b = valid();
    b["text"] = "pendek";
    EXPECT_EQ(refused_field(b), "text/too_short");
    b["text"] = std::string(2001, 'a');
    EXPECT_EQ(refused_field(b), "text/too_long");
    b["text"] = std::string("Teks dengan \x07 bel di dalamnya");
    EXPECT_EQ(refused_field(b), "text/invalid_field");
    b["text"] = std::string("Teks bukan UTF-8 \xC3\x28 sama sekali");
    EXPECT_EQ(refused_field(b), "text/invalid_field");
    b["text"] = 42;
    EXPECT_EQ(refused_field(b), "text/invalid_field");
    b = valid();
    b["extra"] = 1;
    EXPECT_EQ(refused_field(b), "extra/unknown_key");
    b = valid();
    b["consent"] = "ya";
    EXPECT_EQ(refused_field(b), "consent/invalid_field");
    b = valid();
    b["consent"] = true;
    b["name"] = "Budi\nSantoso";
    EXPECT_EQ(refused_field(b), "name/invalid_field");
    b["name"] = std::string(101, 'b');
    EXPECT_EQ(refused_field(b), "name/too_long");
    b = valid();
    b["ticket_token"] = "abc";
    EXPECT_EQ(refused_field(b), "ticket_token/invalid_field");
    b = valid();
    b["channel"] = "telepon";
    EXPECT_EQ(refused_field(b), "channel/unknown_key");
    EXPECT_EQ(refused_field(valid(), true), "channel/missing_field");
    b["channel"] = "web";
    EXPECT_EQ(refused_field(b, true), "channel/invalid_field");
    EXPECT_EQ(refused_field(json::array()), "/invalid_json");
}

TEST(ComplaintReader, TextCountsCodePointsNotBytes) {
    json b = valid();
    std::string text;
    for (int i = 0; i < 2000; ++i)
        text += "é";  // 2 bytes each
    b["text"] = text;
    EXPECT_EQ(read_submission(b, false).text.size(), 4000u);
    b["text"] = "ééééééééé";  // 9 code points
    EXPECT_EQ(refused_field(b), "text/too_short");
}

TEST(ComplaintReader, PersonalDataNeedsConsent) {
    json b = valid();
    b["name"] = "Budi";
    EXPECT_EQ(refused_field(b), "consent/consent_required");
    b.erase("name");
    b["contact"] = "081234567890";
    b["consent"] = false;
    EXPECT_EQ(refused_field(b), "consent/consent_required");
    b["consent"] = true;
    b["name"] = "Budi";
    const Submission s = read_submission(b, false);
    EXPECT_EQ(*s.name, "Budi");
    EXPECT_EQ(*s.contact, "081234567890");
}

TEST(ComplaintReader, StaffNamesTheChannel) {
    json b = valid();
    b["channel"] = "kotak_saran";
    EXPECT_EQ(read_submission(b, true).channel, "kotak_saran");
}

TEST(ComplaintStates, EveryTransition) {
    const std::set<std::pair<State, State>> allowed = {
        {State::Diterima, State::Diverifikasi}, {State::Diverifikasi, State::Diproses},
        {State::Diproses, State::Selesai},      {State::Diterima, State::Ditolak},
        {State::Diverifikasi, State::Ditolak},  {State::Diproses, State::Ditolak},
    };
    const State all[] = {State::Diterima, State::Diverifikasi, State::Diproses, State::Selesai,
                         State::Ditolak};
    for (const State from : all) {
        for (const State to : all) {
            EXPECT_EQ(transition_allowed(from, to), allowed.count({from, to}) == 1)
                << to_string(from) << " -> " << to_string(to);
        }
    }
}

TEST(ComplaintStates, TransitionReader) {
    EXPECT_EQ(read_transition({{"to", "diproses"}}).to, State::Diproses);
    const auto refused = [](const json& body) {
        try {
            read_transition(body);
        } catch (const ComplaintInputError& e) {
            return e.field() + "/" + e.code();
        }
        return std::string("accepted");
    };
    EXPECT_EQ(refused({{"to", "selesai"}}), "reply/missing_field");
    EXPECT_EQ(refused({{"to", "selesai"}, {"reply", "singkat"}}), "reply/too_short");
    EXPECT_EQ(refused({{"to", "ditolak"}}), "reason/missing_field");
    EXPECT_EQ(refused({{"to", "diterima"}}), "to/invalid_field");
    EXPECT_EQ(refused({{"to", "diproses"}, {"reply", "Sudah kami tindak lanjuti."}}),
              "reply/unknown_key");
    EXPECT_EQ(read_transition({{"to", "ditolak"}, {"reason", "Bukan wewenang kantor ini."}}).reason,
              "Bukan wewenang kantor ini.");
}

TEST(TrackingNumber, FormatAndNormalisation) {
    std::set<std::string> seen;
    for (int i = 0; i < 200; ++i) {
        const std::string n = make_tracking_number();
        ASSERT_EQ(n.size(), 13u);
        EXPECT_EQ(n.substr(0, 4), "ADU-");
        EXPECT_EQ(n[8], '-');
        for (const char c : n.substr(4)) {
            if (c != '-') {
                EXPECT_NE(kTrackingAlphabet.find(c), std::string_view::npos) << n;
            }
        }
        EXPECT_EQ(normalise_tracking_number(n), n);
        seen.insert(n);
    }
    EXPECT_EQ(seen.size(), 200u);
    EXPECT_EQ(normalise_tracking_number("adu7k3m9qx2"), "ADU-7K3M-9QX2");
    EXPECT_EQ(normalise_tracking_number(" adu-7k3m-9qx2 "), "ADU-7K3M-9QX2");
    // Without the printed prefix, and the look-alike letters read as the digits.
    EXPECT_EQ(normalise_tracking_number("7k3m 9qx2"), "ADU-7K3M-9QX2");
    EXPECT_EQ(normalise_tracking_number("ADU-7K3M-OQXI"), "ADU-7K3M-0QX1");
    EXPECT_EQ(normalise_tracking_number("ADU-7K3M-9QXL"), "ADU-7K3M-9QX1");
    EXPECT_FALSE(normalise_tracking_number("ADU-7K3M-9QXU"));  // U is not in the alphabet
    EXPECT_FALSE(normalise_tracking_number("ADU-7K3M-9QX"));
    EXPECT_FALSE(normalise_tracking_number("XYZ-7K3M-9QX2"));
}

TEST(ComplaintClock, SixtyCalendarDaysAcrossMonthAndYearEnd) {
    EXPECT_EQ(due_on(2026y / December / 5), 2027y / February / 3);
    EXPECT_EQ(due_on(2026y / December / 31), 2027y / March / 1);
    EXPECT_EQ(due_on(2028y / January / 1), 2028y / March / 1);  // leap year: 29 Feb counts
    EXPECT_EQ(days_left(2027y / February / 3, 2027y / February / 1), 2);
    EXPECT_EQ(days_left(2027y / February / 3, 2027y / February / 5), -2);
    EXPECT_TRUE(answered_on_time(2027y / February / 3, 2027y / February / 3));
    EXPECT_FALSE(answered_on_time(2027y / February / 3, 2027y / February / 4));
}

TEST(ComplaintClock, ReminderKinds) {
    const year_month_day due = 2027y / February / 3;
    const auto on = [&](int days_before) {
        return year_month_day(sys_days(due) - days(days_before));
    };
    EXPECT_FALSE(reminder_due(due, on(15)));
    EXPECT_EQ(reminder_due(due, on(14)), Reminder::Days14);
    EXPECT_EQ(reminder_due(due, on(8)), Reminder::Days14);
    EXPECT_EQ(reminder_due(due, on(7)), Reminder::Days7);
    EXPECT_EQ(reminder_due(due, on(0)), Reminder::Days7);
    EXPECT_EQ(reminder_due(due, on(-1)), Reminder::Overdue);
    EXPECT_EQ(to_string(Reminder::Days14), "14_days");
    EXPECT_EQ(to_string(Reminder::Days7), "7_days");
    EXPECT_EQ(to_string(Reminder::Overdue), "overdue");
}

TEST(LaporCsv, BomQuotingAndFormulaGuard) {
    EXPECT_EQ(csv_cell("biasa"), "biasa");
    EXPECT_EQ(csv_cell("a,b"), "\"a,b\"");
    EXPECT_EQ(csv_cell("kata \"kutip\""), "\"kata \"\"kutip\"\"\"");
    EXPECT_EQ(csv_cell("baris\nkedua"), "\"baris\nkedua\"");
    EXPECT_EQ(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
    EXPECT_EQ(csv_cell("+62812"), "'+62812");
    EXPECT_EQ(csv_cell("-1"), "'-1");
    EXPECT_EQ(csv_cell("@SUM"), "'@SUM");

    const ExportRow row{
        "ADU-7K3M-9QX2",  "2026-12-05", "biaya",        "=1+1 petugas meminta \"uang\",\nlagi",
        "kiosk",          true,         State::Selesai, "2026-12-20",
        "Sudah ditindak."};
    const std::string csv = lapor_csv(std::span(&row, 1), "DPMPTSP Kota Contoh");
    ASSERT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");
    EXPECT_NE(csv.find("Nomor Pelacakan,Tanggal Diterima,Judul,Isi Laporan,Kategori,Saluran,"
                       "Lokasi Kejadian,Instansi Tujuan,Anonim,Status,Tanggal Selesai,Tindak "
                       "Lanjut\r\n"),
              std::string::npos);
    EXPECT_NE(csv.find("\"'=1+1 petugas meminta \"\"uang\"\",\nlagi\""), std::string::npos);
    EXPECT_NE(csv.find(",Ya,Selesai,2026-12-20,"), std::string::npos);
    EXPECT_NE(csv.find("Biaya atau pungutan: =1+1 petugas"), std::string::npos);
}

}  // namespace
}  // namespace loket::complaint
