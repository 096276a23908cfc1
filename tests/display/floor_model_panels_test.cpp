// The floor model's panels beside the calls: files ready for pickup (FloorModelReady), the
// survey publication (FloorModelPublication) and this month's open performance data
// (FloorModelOpenData), each read strictly and read again when events say so.
#include <gtest/gtest.h>

#include "floor_model.hpp"
#include "floor_model_fixture.hpp"
#include "loket/input_error.hpp"
#include "text.hpp"
#include "view.hpp"

namespace loket::display {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;
using namespace floor_test;

json application_event(std::int64_t id, const std::string& type, const std::string& number) {
    return {{"id", id},
            {"type", type},
            {"at", 1795401720000},
            {"payload",
             {{"application", {{"id", 3}, {"number", number}, {"state", "ready"}}},
              {"staff", nullptr},
              {"oss_status", nullptr}}}};
}

// Files ready for pickup, by registration number only, when the office shows them.
TEST(FloorModelReady, NumbersFromTheListThenFromEvents) {
    FloorModel model;
    model.apply_snapshot(snapshot(), at(t0));
    EXPECT_FALSE(model.view().ready_enabled);
    const auto before = model.view().version;
    model.apply_ready_applications(
        {{"enabled", true},
         {"numbers", {"0001/DPMPTSP/XII/2026", 7, "", "0002/DPMPTSP/XII/2026"}}});
    FloorView v = model.view();
    EXPECT_TRUE(v.ready_enabled);
    EXPECT_EQ(v.ready_numbers,
              (std::vector<std::string>{"0001/DPMPTSP/XII/2026", "0002/DPMPTSP/XII/2026"}));
    EXPECT_GT(v.version, before);

    auto applied =
        model.apply_event(application_event(11, "application.ready", "0003/DPMPTSP/XII/2026"));
    EXPECT_TRUE(applied.ready_changed);
    EXPECT_EQ(model.view().ready_numbers.size(), 3u);
    applied =
        model.apply_event(application_event(12, "application.picked_up", "0001/DPMPTSP/XII/2026"));
    EXPECT_TRUE(applied.ready_changed);
    EXPECT_EQ(model.view().ready_numbers,
              (std::vector<std::string>{"0002/DPMPTSP/XII/2026", "0003/DPMPTSP/XII/2026"}));
    // Other application events change nothing here.
    EXPECT_FALSE(model.apply_event(application_event(13, "application.step_done", "0004/X/2026"))
                     .ready_changed);

    // Off in the settings: nothing shown, and events add nothing.
    model.apply_ready_applications({{"enabled", false}, {"numbers", json::array()}});
    model.apply_event(application_event(14, "application.ready", "0005/DPMPTSP/XII/2026"));
    EXPECT_FALSE(model.view().ready_enabled);
    EXPECT_TRUE(model.view().ready_numbers.empty());
    EXPECT_THROW(model.apply_ready_applications(json::array()), InputError);
}

json publication(bool show, const json& ikm) {
    return {{"show_ikm", show},
            {"period",
             {{"key", "2026-S1"}, {"name", "Semester I 2026"}, {"name_en", "Semester I 2026"}}},
            {"ikm", ikm},
            {"grade", ikm.is_null() ? json(nullptr) : json("B")},
            {"grade_name", ikm.is_null() ? json(nullptr) : json("Baik")},
            {"grade_name_en", ikm.is_null() ? json(nullptr) : json("Good")},
            {"respondents", 120},
            {"maklumat", "Kami sanggup melayani sesuai standar."},
            {"maklumat_en", ""}};
}

json survey_event(std::int64_t id) {
    return {{"id", id},
            {"type", "survey.responded"},
            {"at", 1795401720000},
            {"payload", {{"service", "informasi"}, {"channel", "visit"}, {"period", "2026-12"}}}};
}

// A settings.changed event (its settings unreadable here: the model re-reads /display).
json settings_event(std::int64_t id) {
    return {{"id", id},
            {"type", "settings.changed"},
            {"at", kNow},
            {"payload", {{"settings", json::object()}}}};
}

// The survey publication (docs/skm.md): read from GET /survey/publication, read again at once
// after settings.changed and at most once a minute after survey.responded.
TEST(FloorModelPublication, ShownWhenPublishedAndReadAgainAtMostOnceAMinute) {
    FloorModel model;
    model.apply_snapshot(snapshot(), at(t0));
    EXPECT_FALSE(model.view().publication.has_value());
    EXPECT_FALSE(model.publication_due().has_value());

    model.apply_publication(publication(true, 83.45), at(t0));
    FloorView v = model.view();
    ASSERT_TRUE(v.publication.has_value());
    ASSERT_TRUE(v.publication->ikm.has_value());
    EXPECT_DOUBLE_EQ(*v.publication->ikm, 83.45);
    EXPECT_EQ(v.publication->grade_name, "Baik");
    EXPECT_EQ(v.publication->period_name, "Semester I 2026");
    EXPECT_TRUE(v.publication->shows_something());

    // A response 10 s after the read: read again a minute after the read, not sooner.
    model.apply_event(survey_event(11), at(t0 + 10s));
    ASSERT_TRUE(model.publication_due().has_value());
    EXPECT_EQ(*model.publication_due(), t0 + 60s);
    // More responses meanwhile do not move it.
    model.apply_event(survey_event(12), at(t0 + 30s));
    EXPECT_EQ(*model.publication_due(), t0 + 60s);
    // A settings change is read at once.
    model.apply_event(settings_event(13), at(t0 + 40s));
    EXPECT_EQ(*model.publication_due(), t0 + 40s);

    // Switched off: no index, the pledge stays; a reply with an index anyway is not shown.
    model.apply_publication(publication(false, 83.45), at(t0 + 41s));
    EXPECT_FALSE(model.publication_due().has_value());
    v = model.view();
    EXPECT_FALSE(v.publication->ikm.has_value());
    EXPECT_EQ(v.publication->maklumat, "Kami sanggup melayani sesuai standar.");
    // A response long after the last read is read at once.
    model.apply_event(survey_event(14), at(t0 + 200s));
    EXPECT_EQ(*model.publication_due(), t0 + 200s);

    // Not a publication: refused, what is shown stays.
    EXPECT_THROW(model.apply_publication(json::array()), InputError);
    EXPECT_THROW(model.apply_publication(publication(true, "83,45")), InputError);
    EXPECT_THROW(model.apply_publication(publication(true, 140.0)), InputError);
    EXPECT_EQ(model.view().publication->maklumat, "Kami sanggup melayani sesuai standar.");
}

json open_data(const json& applications, const json& complaint_share) {
    return {{"office", {{"name", "DPMPTSP"}}},
            {"month",
             {{"from", "2026-12-01"},
              {"to", "2026-12-04"},
              {"served", 412},
              {"mean_wait_minutes", 11.5},
              {"within_target_share", 0.874},
              {"services", json::array()},
              {"applications", applications},
              {"complaints", {{"answered", 3}, {"within_60_days_share", complaint_share}}}}},
            {"skm", json::object()}};
}

// This month's headline figures of the open performance data (GET /open-data), read strictly:
// a share outside 0..1 or a count that is not a whole number is refused and what is shown stays.
TEST(FloorModelOpenData, HeadlineFiguresAreReadAndBadRepliesRefused) {
    FloorModel model;
    EXPECT_FALSE(model.view().performance.has_value());
    model.apply_open_data(
        open_data({{"finished", 40}, {"within_standard_share", 0.926}}, json(1.0)));
    FloorView v = model.view();
    ASSERT_TRUE(v.performance.has_value());
    EXPECT_EQ(v.performance->served, 412);
    EXPECT_DOUBLE_EQ(*v.performance->within_target_share, 0.874);
    EXPECT_EQ(v.performance->applications_finished, 40);
    EXPECT_DOUBLE_EQ(*v.performance->applications_within_standard, 0.926);
    EXPECT_DOUBLE_EQ(*v.performance->complaints_within_60_days, 1.0);

    DisplayConfig config;
    config.running_text.show_hours = false;
    EXPECT_EQ(running_text(config, v, texts(Language::Indonesian)),
              "Kinerja bulan ini: 87% antrean dipanggil dalam waktu target, 93% berkas selesai "
              "sesuai standar waktu pelayanan, 100% pengaduan dijawab dalam 60 hari");
    EXPECT_EQ(running_text(config, v, texts(Language::English)),
              "This month: 87% of tickets called within the target wait, 93% of files finished "
              "within the service standard, 100% of complaints answered within 60 days");

    // An office that does not follow files, no complaint answered: those figures left out.
    model.apply_open_data(open_data(nullptr, nullptr));
    v = model.view();
    EXPECT_FALSE(v.performance->applications_within_standard.has_value());
    EXPECT_FALSE(v.performance->complaints_within_60_days.has_value());
    EXPECT_EQ(running_text(config, v, texts(Language::Indonesian)),
              "Kinerja bulan ini: 87% antrean dipanggil dalam waktu target");
    config.running_text.show_performance = false;
    EXPECT_EQ(running_text(config, v, texts(Language::Indonesian)), "");

    // Nothing counted yet: no item at all rather than "0%".
    json empty = open_data(nullptr, nullptr);
    empty["month"]["within_target_share"] = nullptr;
    model.apply_open_data(empty);
    config.running_text.show_performance = true;
    EXPECT_EQ(running_text(config, model.view(), texts(Language::Indonesian)), "");

    // Refused, naming the field; the figures shown stay.
    const auto field_of = [&](const json& reply) {
        try {
            model.apply_open_data(reply);
        } catch (const InputError& e) {
            return e.field();
        }
        return std::string("accepted");
    };
    EXPECT_EQ(field_of(json::array()), "month");
    json bad = open_data(nullptr, nullptr);
    bad["month"]["within_target_share"] = 1.5;
    EXPECT_EQ(field_of(bad), "month.within_target_share");
    bad = open_data(nullptr, nullptr);
    bad["month"]["served"] = "412";
    EXPECT_EQ(field_of(bad), "month.served");
    bad = open_data({{"finished", -1}, {"within_standard_share", 0.5}}, nullptr);
    EXPECT_EQ(field_of(bad), "month.applications.finished");
    bad = open_data(nullptr, nullptr);
    bad["month"]["complaints"]["within_60_days_share"] = "100%";
    EXPECT_EQ(field_of(bad), "month.complaints.within_60_days_share");
    EXPECT_FALSE(model.view().performance->within_target_share.has_value());
}

}  // namespace
}  // namespace loket::display
