#include "loket/office.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>

#include "loket/input_error.hpp"
#include "temp_dir.hpp"

using namespace loket;
using namespace std::chrono;

namespace {
TimePoint wita(year_month_day date, int hour, int minute) {
    return from_local(date, hour * 60 + minute, TimeZone::WITA);
}

// Expects parse_office_config to fail naming the field.
void expect_field_error(const std::string& toml, const std::string& field,
                        const std::string& reason_part) {
    try {
        parse_office_config(toml, "office.toml");
        FAIL() << "accepted bad config, expected error on " << field;
    } catch (const InputError& e) {
        EXPECT_EQ(e.source(), "office.toml");
        EXPECT_EQ(e.field(), field) << e.what();
        EXPECT_NE(std::string(e.reason()).find(reason_part), std::string::npos) << e.what();
    }
}
}  // namespace

TEST(OfficeConfig, DefaultsFollowTheKaltimSop) {
    const OfficeConfig config = default_office_config();
    EXPECT_EQ(config.zone, TimeZone::WITA);
    ASSERT_EQ(config.services.size(), 4u);
    EXPECT_EQ(config.services[0].id, "informasi");
    EXPECT_EQ(config.services[0].prefix, 'A');
    EXPECT_EQ(config.services[1].prefix, 'B');
    EXPECT_EQ(config.services[2].id, "pendaftaran");
    EXPECT_EQ(config.services[3].prefix, 'D');
    // Senin-Kamis 08.00-19.00, Jum'at 08.00-11.00, closed at the weekend.
    EXPECT_EQ(config.hours[Monday.c_encoding()].front().to, 19 * 60);
    EXPECT_EQ(config.hours[Thursday.c_encoding()].front().from, 8 * 60);
    EXPECT_EQ(config.hours[Friday.c_encoding()].front().to, 11 * 60);
    EXPECT_TRUE(config.hours[Saturday.c_encoding()].empty());
    EXPECT_TRUE(config.hours[Sunday.c_encoding()].empty());
    EXPECT_NO_THROW(validate_office_config(config, "defaults"));
}

TEST(OfficeConfig, OpenDuringHoursOnly) {
    const OfficeConfig config = default_office_config();
    const auto monday = year{2026} / 11 / 23;
    EXPECT_TRUE(check_open(config, wita(monday, 8, 0)).open);
    EXPECT_TRUE(check_open(config, wita(monday, 18, 59)).open);

    const OpenStatus early = check_open(config, wita(monday, 7, 59));
    EXPECT_FALSE(early.open);
    EXPECT_EQ(early.reason, "before_hours");
    EXPECT_EQ(*early.next_open, wita(monday, 8, 0));

    const OpenStatus late = check_open(config, wita(monday, 19, 0));
    EXPECT_EQ(late.reason, "after_hours");
    EXPECT_EQ(*late.next_open, wita(year{2026} / 11 / 24, 8, 0));

    const auto friday = year{2026} / 11 / 27;
    EXPECT_TRUE(check_open(config, wita(friday, 10, 59)).open);
    const OpenStatus friday_noon = check_open(config, wita(friday, 11, 0));
    EXPECT_EQ(friday_noon.reason, "after_hours");
    // The next opening after Friday is Monday.
    EXPECT_EQ(*friday_noon.next_open, wita(year{2026} / 11 / 30, 8, 0));

    EXPECT_EQ(check_open(config, wita(year{2026} / 11 / 28, 9, 0)).reason, "closed_today");
}

TEST(OfficeConfig, HolidaysCloseTheOffice) {
    const OfficeConfig config = parse_office_config(R"toml(
[[holidays]]
date = 2026-12-24
name = "Cuti Bersama Natal"
[[holidays]]
date = "2026-12-25"
name = "Hari Raya Natal"
)toml",
                                                    "office.toml");
    const OpenStatus status = check_open(config, wita(year{2026} / 12 / 24, 10, 0));
    EXPECT_FALSE(status.open);
    EXPECT_EQ(status.reason, "holiday");
    EXPECT_EQ(status.holiday_name, "Cuti Bersama Natal");
    // Thursday 24th and Friday 25th are holidays: next opening is Monday the 28th.
    EXPECT_EQ(*status.next_open, wita(year{2026} / 12 / 28, 8, 0));
    EXPECT_TRUE(hours_on(config, year{2026} / 12 / 25).empty());
}

TEST(OfficeConfig, CutiBersamaIsAHolidayKind) {
    const OfficeConfig config = parse_office_config(R"toml(
[[holidays]]
date = 2026-12-24
name = "Cuti Bersama Hari Raya Natal"
kind = "cuti_bersama"
[[holidays]]
date = 2026-12-25
name = "Hari Raya Natal"
kind = "libur"
[[holidays]]
date = 2027-01-01
name = "Tahun Baru 2027 Masehi"
)toml",
                                                    "office.toml");
    ASSERT_EQ(config.holidays.size(), 3u);
    EXPECT_EQ(config.holidays[0].kind, HolidayKind::CutiBersama);
    EXPECT_EQ(config.holidays[1].kind, HolidayKind::Libur);
    EXPECT_EQ(config.holidays[2].kind, HolidayKind::Libur);  // kind left out: a national holiday
    // Collective leave closes the office like a national holiday.
    const OpenStatus status = check_open(config, wita(year{2026} / 12 / 24, 9, 0));
    EXPECT_FALSE(status.open);
    EXPECT_EQ(status.reason, "holiday");
    EXPECT_EQ(status.holiday_name, "Cuti Bersama Hari Raya Natal");

    // The settings API writes the kind and reads it back.
    const nlohmann::json doc = to_json(config);
    EXPECT_EQ(doc["holidays"][0]["kind"], "cuti_bersama");
    EXPECT_EQ(doc["holidays"][1]["kind"], "libur");
    const OfficeConfig again = office_config_from_json(doc, "request body");
    ASSERT_EQ(again.holidays.size(), 3u);
    EXPECT_EQ(again.holidays[0].kind, HolidayKind::CutiBersama);
    EXPECT_EQ(again.holidays[2].kind, HolidayKind::Libur);

    EXPECT_EQ(holiday_kind_name(HolidayKind::CutiBersama), "cuti_bersama");
    EXPECT_EQ(parse_holiday_kind("libur"), HolidayKind::Libur);
    EXPECT_EQ(parse_holiday_kind("Cuti Bersama"), std::nullopt);
}

TEST(OfficeConfig, BadHolidayKindNamesTheField) {
    expect_field_error("[[holidays]]\ndate = 2026-12-24\nname = \"x\"\nkind = \"cuti\"\n",
                       "holidays[0].kind", "\"libur\" or \"cuti_bersama\"");
    expect_field_error("[[holidays]]\ndate = 2026-12-24\nname = \"x\"\nkind = 1\n",
                       "holidays[0].kind", "must be a string");
    const nlohmann::json doc = {
        {"holidays", {{{"date", "2026-12-24"}, {"name", "x"}, {"kind", "libur_nasional"}}}}};
    try {
        office_config_from_json(doc, "request body");
        FAIL() << "accepted an unknown holiday kind";
    } catch (const InputError& e) {
        EXPECT_EQ(e.field(), "holidays[0].kind");
    }
}

TEST(OfficeConfig, SessionsWithALunchBreak) {
    const OfficeConfig config = parse_office_config(R"toml(
[office]
name = "Mal Pelayanan Publik Kabupaten Dairi"
time_zone = "WIB"
[hours]
monday = ["08:00-12:00", "13:00-16:00"]
)toml",
                                                    "office.toml");
    EXPECT_EQ(config.zone, TimeZone::WIB);
    const auto monday = year{2026} / 11 / 23;
    const auto wib = [&](int h, int m) { return from_local(monday, h * 60 + m, TimeZone::WIB); };
    EXPECT_TRUE(check_open(config, wib(11, 59)).open);
    const OpenStatus lunch = check_open(config, wib(12, 30));
    EXPECT_EQ(lunch.reason, "between_sessions");
    EXPECT_EQ(*lunch.next_open, wib(13, 0));
    // Weekdays left out of [hours] are closed.
    EXPECT_TRUE(config.hours[Tuesday.c_encoding()].empty());
}

TEST(OfficeConfig, TheCommentedExampleLoads) {
    const OfficeConfig config = load_office_config(LOKET_SOURCE_DIR "/assets/office.example.toml");
    EXPECT_FALSE(config.name.empty());
    EXPECT_EQ(config.services.size(), 4u);
    EXPECT_FALSE(config.counters.empty());
    // It shows both kinds of closed day.
    const auto cuti =
        std::count_if(config.holidays.begin(), config.holidays.end(),
                      [](const Holiday& h) { return h.kind == HolidayKind::CutiBersama; });
    EXPECT_GE(cuti, 1);
    EXPECT_LT(cuti, static_cast<long>(config.holidays.size()));
}

TEST(OfficeConfig, BadInputNamesTheField) {
    expect_field_error("[office]\ntime_zone = \"UTC\"\n", "office.time_zone", "WIB, WITA or WIT");
    expect_field_error("[office]\nnama = \"x\"\n", "office.nama", "unknown key");
    expect_field_error("[hours]\nmonday = [\"08:00-07:00\"]\n", "hours.monday[0]", "ends before");
    expect_field_error("[hours]\nmonday = [\"8 to 4\"]\n", "hours.monday[0]", "not a range");
    expect_field_error("[hours]\nmonday = [\"08:00-12:00\", \"11:00-16:00\"]\n", "hours.monday[1]",
                       "overlaps");
    expect_field_error("[[holidays]]\ndate = 2026-13-01\nname = \"x\"\n", "", "invalid TOML");
    expect_field_error("[[holidays]]\ndate = \"besok\"\nname = \"x\"\n", "holidays[0].date",
                       "date");
    expect_field_error(R"toml(
[[services]]
id = "informasi"
name = "Informasi"
prefix = "AB"
)toml",
                       "services[0].prefix", "one capital letter");
    expect_field_error(R"toml(
[[services]]
id = "a"
name = "A"
prefix = "A"
[[services]]
id = "b"
name = "B"
prefix = "A"
)toml",
                       "services[1].prefix", "duplicate");
    expect_field_error(R"toml(
[[counters]]
number = 1
services = ["loket_sihir"]
)toml",
                       "counters[0].services[0]", "unknown service");
    expect_field_error(R"toml(
[[services]]
id = "a"
name = "A"
prefix = "A"
priority_max_in_row = 0
)toml",
                       "services[0].priority_max_in_row", "between 1 and 100");
    expect_field_error("[[counters]]\nnumber = \"satu\"\nservices = [\"informasi\"]\n",
                       "counters[0].number", "integer");
}

TEST(OfficeConfig, UnreadableFileIsAnError) {
    loket::testing::TempDir dir;
    EXPECT_THROW(load_office_config(dir / "missing.toml"), InputError);
    std::ofstream(dir / "broken.toml") << "[office\nname = 1\n";
    try {
        load_office_config(dir / "broken.toml");
        FAIL();
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("broken.toml"), std::string::npos);
        EXPECT_NE(std::string(e.what()).find("line 1"), std::string::npos) << e.what();
    }
}

TEST(OfficeConfig, CounterPrinterIsOptionalAndChecked) {
    const OfficeConfig config = parse_office_config(R"toml(
[[counters]]
number = 1
services = ["pendaftaran"]
printer = { transport = "tcp:192.168.1.60:9100", paper_width_mm = 58 }
[[counters]]
number = 2
services = ["pendaftaran"]
printer = { transport = "usb:/dev/usb/lp0" }
[[counters]]
number = 3
services = ["informasi"]
)toml",
                                                    "office.toml");
    ASSERT_EQ(config.counters.size(), 3u);
    EXPECT_EQ(config.counters[0].printer, (CounterPrinter{"tcp:192.168.1.60:9100", 58}));
    EXPECT_EQ(config.counters[1].printer, (CounterPrinter{"usb:/dev/usb/lp0", 80}));
    EXPECT_FALSE(config.counters[2].printer);
    // The JSON view (the settings API) reads back the same printers.
    EXPECT_EQ(office_config_from_json(to_json(config), "settings").counters[0].printer,
              config.counters[0].printer);
    EXPECT_FALSE(to_json(config)["counters"][2].contains("printer"));

    const auto counter = [](const std::string& printer) {
        return "[[counters]]\nnumber = 1\nservices = [\"pendaftaran\"]\nprinter = " + printer +
               "\n";
    };
    expect_field_error(counter("{ transport = \"file:/var/lib/loket/loket.db\" }"),
                       "counters[0].printer.transport", "tcp:HOST");
    expect_field_error(counter("{ transport = \"device:/home/siti/lp\" }"),
                       "counters[0].printer.transport", "under /dev/");
    expect_field_error(counter("{ transport = \"tcp:10.0.0.9:0\" }"),
                       "counters[0].printer.transport", "port");
    expect_field_error(counter("{ transport = \"tcp:\" }"), "counters[0].printer.transport",
                       "nothing after");
    expect_field_error(counter("{ paper_width_mm = 80 }"), "counters[0].printer.transport",
                       "required");
    expect_field_error(counter("{ transport = \"tcp:10.0.0.9\", paper_width_mm = 72 }"),
                       "counters[0].printer.paper_width_mm", "58 or 80");
    expect_field_error(counter("{ transport = \"tcp:10.0.0.9\", copies = 2 }"),
                       "counters[0].printer.copies", "unknown key");
    expect_field_error(counter("\"tcp:10.0.0.9\""), "counters[0].printer", "table");
}

// What the screens publish of the satisfaction survey (docs/skm.md, "Publication"): off and
// empty by default, a multi-line pledge kept as written, mistakes refused naming the field.
TEST(OfficeConfig, PublicationFromTheFile) {
    EXPECT_FALSE(default_office_config().publication.show_ikm);
    EXPECT_TRUE(default_office_config().publication.maklumat.empty());
    const OfficeConfig config = parse_office_config(R"toml(
[publication]
show_ikm = true
maklumat = """
Dengan ini kami menyatakan sanggup menyelenggarakan pelayanan sesuai standar pelayanan.
Apabila tidak menepati janji ini, kami siap menerima sanksi."""
)toml",
                                                    "office.toml");
    EXPECT_TRUE(config.publication.show_ikm);
    EXPECT_EQ(config.publication.maklumat,
              "Dengan ini kami menyatakan sanggup menyelenggarakan pelayanan sesuai standar "
              "pelayanan.\nApabila tidak menepati janji ini, kami siap menerima sanksi.");
    EXPECT_TRUE(config.publication.maklumat_en.empty());
    EXPECT_EQ(to_json(config)["publication"]["show_ikm"], true);

    expect_field_error("[publication]\nshow_ikm = \"ya\"\n", "publication.show_ikm",
                       "true or false");
    expect_field_error("[publication]\ntampilkan = true\n", "publication.tampilkan", "unknown key");
    expect_field_error("[publication]\nmaklumat_en = \"" + std::string(1001, 'a') + "\"\n",
                       "publication.maklumat_en", "at most 1000");
    expect_field_error("[publication]\nmaklumat = \"a\\u0007b\"\n", "publication.maklumat",
                       "control characters");
}
