// The kiosk's words and the formatting of clocks, dates, hours and counts.
#include "text.hpp"

#include <gtest/gtest.h>

#include <cctype>

#include "format.hpp"
#include "kiosk_test_support.hpp"

namespace loket::kiosk {
namespace {

using namespace std::chrono;

TEST(Texts, BothLanguagesHaveEveryKey) {
    EXPECT_TRUE(text_tables_complete());
    for (int i = 0; i < int(T::count_); ++i) {
        const T key = T(i);
        if (key == T::sop_language_note)
            continue;  // Indonesian needs no note that the SOP is in Indonesian
        EXPECT_FALSE(tr(Language::Indonesian, key).empty()) << i;
        EXPECT_FALSE(tr(Language::English, key).empty()) << i;
    }
    EXPECT_EQ(tr(Language::Indonesian, T::permit_info), "Informasi Perizinan");
    EXPECT_EQ(tr(Language::English, T::language_toggle), "Bahasa Indonesia");
    EXPECT_EQ(tr(Language::Indonesian, T::not_in_sop), "Tidak tercantum dalam SOP");
}

TEST(Texts, Placeholders) {
    EXPECT_EQ(fmt("{0} dari {1}", {"3", "5"}), "3 dari 5");
    EXPECT_EQ(fmt("{1}{0}{9}", {"a", "b"}), "ba");
    EXPECT_EQ(fmt("{x} {", {"a"}), "{x} {");
    EXPECT_EQ(tr(Language::English, T::waiting_many, {"12"}), "12 people waiting");
}

// Every string the kiosk shows: "antrean" (KBBI), never "antrian"; no colon clock times.
TEST(Texts, SpellAntreanAndWriteNoColonTimes) {
    for (const Language lang : {Language::Indonesian, Language::English}) {
        for (std::size_t k = 0; k < std::size_t(T::count_); ++k) {
            std::string text(tr(lang, T(k)));
            for (char& c : text)
                c = char(std::tolower(static_cast<unsigned char>(c)));
            EXPECT_EQ(text.find("antrian"), std::string::npos) << text;
            for (std::size_t i = 1; i + 2 < text.size(); ++i)
                EXPECT_FALSE(std::isdigit(static_cast<unsigned char>(text[i - 1])) &&
                             text[i] == ':' &&
                             std::isdigit(static_cast<unsigned char>(text[i + 1])))
                    << text;
        }
    }
}

TEST(Formatting, OfficeLocalClockAndDate) {
    // 1795401720000 ms = 2026-11-23 02:42 UTC = Monday 10:42 WITA (UTC+8).
    const auto t = system_clock::time_point(milliseconds(1795401720000));
    const LocalClock wita = local_clock(t, 480);
    EXPECT_EQ(wita.hour, 10);
    EXPECT_EQ(wita.minute, 42);
    EXPECT_EQ(format_time(wita.hour, wita.minute), "10.42");
    EXPECT_EQ(format_time(9, 5), "09.05");  // one format in both languages
    EXPECT_EQ(format_date(Language::Indonesian, wita), "Senin, 23 November 2026");
    EXPECT_EQ(format_date(Language::English, wita), "Monday, 23 November 2026");
    // Near midnight the office's date is not UTC's: 2026-11-18 15:00 UTC is 00:00 WIT.
    const LocalClock wit = local_clock(system_clock::time_point(milliseconds(1795014000000)), 540);
    EXPECT_EQ(unsigned(wit.date.day()), 19u);
    EXPECT_EQ(wit.hour, 0);
    EXPECT_EQ(format_date_time(Language::Indonesian, wit, "WIT"),
              "Kamis, 19 November 2026 pukul 00.00 WIT");
}

TEST(Formatting, HoursScheduleAndClosedReasons) {
    const Office open = testing::office(true);
    EXPECT_EQ(hours_today_text(Language::Indonesian, open),
              "Jam layanan hari ini: 08.00\u201319.00 WITA");
    EXPECT_EQ(format_ranges({"08:00-12:00", "13:00-16:00"}), "08.00\u201312.00, 13.00\u201316.00");
    EXPECT_EQ(hours_today_text(Language::English, open),
              "Service hours today: 08.00\u201319.00 WITA");
    const auto lines = schedule_lines(Language::Indonesian, open.week_hours);
    ASSERT_EQ(lines.size(), 3u);
    EXPECT_EQ(lines[0], "Senin \u2013 Kamis: 08.00\u201319.00");
    EXPECT_EQ(lines[1], "Jumat: 08.00\u201311.00");
    EXPECT_EQ(lines[2], "Sabtu \u2013 Minggu: Tutup");

    Office closed = testing::office(false);
    EXPECT_EQ(closed_reason_text(Language::Indonesian, closed), "Layanan hari ini sudah selesai");
    EXPECT_NE(next_open_text(Language::Indonesian, closed).find("Buka kembali: "),
              std::string::npos);
    closed.closed_reason = "holiday";
    closed.holiday = "Hari Raya Natal";
    EXPECT_EQ(closed_reason_text(Language::Indonesian, closed), "Hari libur: Hari Raya Natal");
    closed.next_open_ms.reset();
    EXPECT_EQ(next_open_text(Language::English, closed), "No next opening has been scheduled");
    closed.week_hours = {};
    EXPECT_EQ(schedule_lines(Language::English, closed.week_hours),
              std::vector<std::string>{"Monday \u2013 Sunday: Closed"});
}

TEST(Formatting, WaitingAndEstimates) {
    EXPECT_EQ(waiting_text(Language::Indonesian, 0), "Tidak ada yang menunggu");
    EXPECT_EQ(waiting_text(Language::Indonesian, 1), "1 orang menunggu");
    EXPECT_EQ(waiting_text(Language::Indonesian, 12), "12 orang menunggu");
    EXPECT_EQ(estimate_text(Language::Indonesian, 25), "Perkiraan \u00b1 25 menit");
    EXPECT_EQ(estimate_text(Language::Indonesian, 0), "Segera dilayani");
    EXPECT_EQ(estimate_text(Language::English, std::nullopt), "No estimate yet");
    EXPECT_EQ(people_ahead_text(Language::English, 3), "3 people ahead of you");
    // Nobody ahead: "you are next", and no "estimate not available yet" under it.
    EXPECT_EQ(people_ahead_text(Language::Indonesian, 0), "Anda berikutnya");
    EXPECT_EQ(people_ahead_text(Language::English, 0), "You are next");
    EXPECT_EQ(ticket_wait_text(Language::Indonesian, 0, std::nullopt), "");
    EXPECT_EQ(ticket_wait_text(Language::Indonesian, 0, 0), "");
    EXPECT_EQ(ticket_wait_text(Language::Indonesian, 2, std::nullopt),
              "Perkiraan waktu tunggu belum tersedia");
    EXPECT_EQ(ticket_wait_text(Language::Indonesian, 2, 10), "Perkiraan menunggu \u00b1 10 menit");
    EXPECT_EQ(priority_name(Language::Indonesian, Priority::Disabilitas), "Penyandang Disabilitas");
}

}  // namespace
}  // namespace loket::kiosk
