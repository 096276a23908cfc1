// Pause reasons (loket/pause_reason.hpp): the codes on the wire, their labels, and the console's
// old free-text labels read as codes.
#include "loket/pause_reason.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include "loket/queue_store.hpp"
#include "temp_dir.hpp"

using namespace loket;

TEST(PauseReason, CodesReadBackFromTheirWireNames) {
    for (const PauseCode code : kPauseCodes)
        EXPECT_EQ(parse_pause_code(to_string(code)), code);
    EXPECT_EQ(to_string(PauseCode::Prayer), "prayer");
    EXPECT_EQ(parse_pause_code("Prayer"), std::nullopt);  // wire names are exact
    EXPECT_EQ(parse_pause_code(""), std::nullopt);
    EXPECT_EQ(parse_pause_code("sholat"), std::nullopt);
}

TEST(PauseReason, LabelsAreIndonesianFirstAndKbbi) {
    EXPECT_EQ(pause_label(PauseCode::Prayer, Language::Indonesian), "Salat");
    EXPECT_EQ(pause_label(PauseCode::Prayer, Language::English), "Prayer");
    EXPECT_EQ(pause_label(PauseCode::Meeting, Language::Indonesian), "Rapat/koordinasi");
    EXPECT_EQ(pause_label(PauseCode::Other, Language::English), "Other");
}

TEST(PauseReason, OldLabelsOfBothLanguagesMapToTheirCode) {
    const std::vector<std::pair<std::string, PauseCode>> labels = {
        {"Istirahat", PauseCode::Break}, {"break", PauseCode::Break},
        {"Sholat", PauseCode::Prayer},   {"SALAT", PauseCode::Prayer},
        {" Prayer ", PauseCode::Prayer}, {"Makan siang", PauseCode::Lunch},
        {"lunch", PauseCode::Lunch},     {"Rapat/koordinasi", PauseCode::Meeting},
        {"rapat", PauseCode::Meeting},   {"Koordinasi", PauseCode::Meeting},
        {"Meeting", PauseCode::Meeting}, {"Lainnya", PauseCode::Other},
    };
    for (const auto& [label, code] : labels)
        EXPECT_EQ(legacy_pause_reason(label), (PauseReason{code, ""})) << label;
}

TEST(PauseReason, AnyOtherTextIsOtherWithTheTextAsNote) {
    EXPECT_EQ(legacy_pause_reason("Istirahat sholat"),
              (PauseReason{PauseCode::Other, "Istirahat sholat"}));
    EXPECT_EQ(legacy_pause_reason("Dinas luar"), (PauseReason{PauseCode::Other, "Dinas luar"}));
    EXPECT_EQ(legacy_pause_reason(""), (PauseReason{PauseCode::Other, ""}));
}

TEST(PauseReason, ARecordedPauseKeepsItsCodeOrReadsItsText) {
    EXPECT_EQ(recorded_pause_reason("prayer", "Dzuhur"),
              (PauseReason{PauseCode::Prayer, "Dzuhur"}));
    EXPECT_EQ(recorded_pause_reason("", "Makan siang"), (PauseReason{PauseCode::Lunch, ""}));
    EXPECT_EQ(recorded_pause_reason("", "Ke bank"), (PauseReason{PauseCode::Other, "Ke bank"}));
}

TEST(PauseReason, TextShowsTheLabelOrAnOtherPausesNote) {
    EXPECT_EQ(pause_text({PauseCode::Prayer, "Dzuhur"}, Language::Indonesian), "Salat");
    EXPECT_EQ(pause_text({PauseCode::Break, ""}, Language::English), "Break");
    EXPECT_EQ(pause_text({PauseCode::Other, "Ke bank"}, Language::English), "Ke bank");
    EXPECT_EQ(pause_text({PauseCode::Other, ""}, Language::Indonesian), "Lainnya");
}

TEST(PauseReason, ACounterPausedBeforeTheCodesIsReadByItsText) {
    loket::testing::TempDir dir;
    QueueStore store(dir / "q.db", default_office_config());
    const TimePoint now =
        from_local(std::chrono::year_month_day{std::chrono::year{2026}, std::chrono::November,
                                               std::chrono::day{3}},
                   9 * 60, default_office_config().zone);
    store.open_counter(1, "siti", now);
    store.pause_counter(1, "siti", PauseReason{PauseCode::Lunch, "Warung"}, now);
    EXPECT_EQ(store.counter(1).pause_code, PauseCode::Lunch);
    EXPECT_EQ(store.counter(1).pause_reason, "Warung");
    // As migration 13 leaves a counter paused before it: its text, no code.
    store.run_write(now, [](StoreTransaction& tx) {
        tx.sql("UPDATE counters SET pause_reason = 'Sholat', pause_reason_code = ''").exec();
    });
    EXPECT_EQ(store.counter(1).pause_code, PauseCode::Prayer);
    EXPECT_EQ(store.counter(1).pause_reason, "");
    store.resume_counter(1, "siti", now);
    EXPECT_EQ(store.counter(1).pause_code, std::nullopt);
}
