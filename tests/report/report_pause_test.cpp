// Pauses per reason (docs/metrics.md "Staff"): one row per code, whichever language the console
// that recorded them spoke, and events from before the codes read by their old labels.
#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include "loket/report.hpp"
#include "temp_dir.hpp"

using namespace loket;
using namespace std::chrono;

namespace {

constexpr year_month_day kPauseDay{year{2026}, November, day{3}};  // a Tuesday

TimePoint pause_day_at(int hour, int minute) {
    return from_local(kPauseDay, hour * 60 + minute, default_office_config().zone);
}

// Rewrites the last counter.paused event as a console before the codes recorded it: the label
// it sent as the reason, no code.
void record_as_before_codes(QueueStore& store, const std::string& label) {
    store.run_write(pause_day_at(23, 0), [&](StoreTransaction& tx) {
        auto& q = tx.sql(
            "UPDATE events SET payload = json_remove(json_set(payload, '$.counter.pause_reason', "
            "?), '$.counter.pause_reason_code') WHERE id = (SELECT MAX(id) FROM events WHERE "
            "type = 'counter.paused')");
        q.bind(1, label);
        q.exec();
    });
}

}  // namespace

TEST(ReportPauses, AreGroupedByCodeAcrossBothLanguagesOldLabels) {
    loket::testing::TempDir dir;
    OfficeConfig config = default_office_config();
    config.holidays.clear();
    QueueStore store(dir / "q.db", config);
    const StaffRef ani{"ani"};
    store.open_counter(1, ani, pause_day_at(8, 0));
    // {from, to, the old console's text ("" for a pause sent with a code), the code}
    struct Pause {
        int from_h, from_m, to_h, to_m;
        std::string legacy;
        PauseReason reason;
    };
    const std::vector<Pause> pauses = {
        {8, 30, 8, 40, "Istirahat", {}},
        {9, 0, 9, 15, "Break", {}},
        {10, 0, 10, 20, "", {PauseCode::Prayer, "Dzuhur"}},
        {11, 0, 11, 10, " sholat ", {}},
        {12, 0, 12, 30, "Dinas ke kantor camat", {}},
        {13, 0, 13, 5, "", {PauseCode::Other, ""}},
        {13, 30, 13, 40, "RAPAT/KOORDINASI", {}},
    };
    for (const Pause& p : pauses) {
        if (p.legacy.empty()) {
            store.pause_counter(1, ani, p.reason, pause_day_at(p.from_h, p.from_m));
        } else {
            store.pause_counter(1, ani, PauseReason{PauseCode::Lunch, "?"},
                                pause_day_at(p.from_h, p.from_m));
            record_as_before_codes(store, p.legacy);
        }
        store.resume_counter(1, ani, pause_day_at(p.to_h, p.to_m));
    }
    store.close_counter(1, ani, pause_day_at(14, 0));

    report::Query query;
    query.from = query.to = kPauseDay;
    const report::Report r = report::compute(store, nullptr, query, pause_day_at(23, 0));
    ASSERT_EQ(r.staff.size(), 1u);
    const std::vector<report::PauseRow> expected = {
        {PauseCode::Break, 2, 10 + 15},
        {PauseCode::Prayer, 2, 20 + 10},
        {PauseCode::Meeting, 1, 10},
        {PauseCode::Other, 2, 30 + 5},
    };
    EXPECT_EQ(r.staff[0].pauses, expected);
}
