// The protocol's writer of the survey store's values (loket/survey_wire.hpp): the receipt a
// response gets (also the survey.responded payload), a follow-up entry and its event.
#include "loket/survey_wire.hpp"

#include <gtest/gtest.h>

#include "loket/read_file.hpp"

namespace loket::protocol {
namespace {

using nlohmann::json;

OfficeConfig survey_wire_office() {
    return parse_office_config(read_whole_file(LOKET_SOURCE_DIR "/tests/support/always-open.toml"),
                               "always-open.toml");
}

survey::StoredFollowUp stored_plan() {
    survey::StoredFollowUp f;
    f.id = 7;
    f.period = "2026-S2";
    f.plan = survey::read_follow_up({{"element", "waktu"},
                                     {"action", "Tambah loket"},
                                     {"owner", "Kepala Bidang"},
                                     {"deadline", "2027-03-31"},
                                     {"status", "berjalan"},
                                     {"percent_done", 40}});
    f.updated_at = from_millis(1'796'000'000'000);
    f.updated_by = "rina";
    return f;
}

TEST(SurveyWire, ReceiptNamesTheServiceAndNeverTheAnswers) {
    const OfficeConfig config = survey_wire_office();
    const ServiceDef& service = config.services.front();
    survey::Receipt r{survey::Channel::Kiosk, service.id, "", "2026-12-07", "2026-12", true};
    EXPECT_EQ(survey_receipt_json(config, r),
              (json{{"channel", "kiosk"},
                    {"service",
                     {{"id", service.id}, {"name", service.name}, {"name_en", service.name_en}}},
                    {"permit_id", nullptr},
                    {"local_date", "2026-12-07"},
                    {"period", "2026-12"}}));
    r.channel = survey::Channel::Counter;
    r.service = "lama";
    r.permit_id = "kaltim-ikot";
    const json out = survey_receipt_json(config, r);
    EXPECT_EQ(out["channel"], "counter");
    EXPECT_EQ(out["service"], (json{{"id", "lama"}, {"name", "lama"}, {"name_en", "lama"}}));
    EXPECT_EQ(out["permit_id"], "kaltim-ikot");
    EXPECT_EQ(to_string(survey::Channel::Visit), "visit");
}

TEST(SurveyWire, FollowUpEntryAndItsEvent) {
    const survey::StoredFollowUp f = stored_plan();
    json expected = survey::to_json(f.plan);
    expected["id"] = 7;
    expected["period"] = "2026-S2";
    expected["updated_at"] = 1'796'000'000'000;
    expected["updated_by"] = "rina";
    EXPECT_EQ(survey_follow_up_json(f), expected);
    EXPECT_EQ(survey_follow_up_list_json({f, f}), json::array({expected, expected}));
    EXPECT_EQ(survey_follow_up_list_json({}), json::array());
    EXPECT_EQ(survey_follow_up_changed_payload("removed", f, StaffRef("rina", "supervisor")),
              (json{{"change", "removed"},
                    {"period", "2026-S2"},
                    {"follow_up", expected},
                    {"staff", {{"name", "rina"}, {"role", "supervisor"}}}}));
}

}  // namespace
}  // namespace loket::protocol
