// The application store at chosen instants: workflows of the five SOP permits, registration
// numbers, the SOP clock (at risk, overdue, pauses, a clock that starts at a later step), the
// due-date warnings, step times, the pinned catalog entry, and the one event log shared with
// the queue.
#include "loket/application_store.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "loket/input_error.hpp"
#include "temp_dir.hpp"

using namespace loket;
using namespace loket::testing;
using nlohmann::json;
using namespace std::chrono;

namespace {

// Office-local instant in WITA (the default office: Mon-Thu 08.00-19.00, Fri 08.00-11.00).
TimePoint wita(int y, unsigned m, unsigned d, int hour, int minute = 0) {
    return from_local(year{y} / m / d, hour * 60 + minute, TimeZone::WITA);
}

const catalog::Catalog& seed_catalog() {
    static const catalog::Catalog c =
        catalog::Catalog::load_dir(LOKET_SOURCE_DIR "/assets/catalog");
    return c;
}

std::vector<int> numbers(const std::vector<WorkflowStep>& steps) {
    std::vector<int> out;
    for (const auto& s : steps)
        out.push_back(s.number);
    return out;
}

ApplicationSettings settings_from(const std::string& toml) {
    return application_settings_from_json(toml_to_json(toml, "test.toml"), "test.toml");
}

RegistrationRequest complete_request(const catalog::Permit& permit,
                                     const std::string& type = "perorangan") {
    RegistrationRequest r;
    r.applicant_type = type;
    r.applicant_name = "Ani";
    r.business_name = type == "badan_usaha" ? "CV Ani" : "";
    for (std::size_t i = 0; i < permit.requirements.size(); ++i) {
        const auto& a = permit.requirements[i].applies_to;
        if (a == "semua" || a == type)
            r.checklist.push_back({static_cast<int>(i), true});
    }
    return r;
}

const Actor kClerk{StaffRef("rina"), {}, false};
const Actor kBoss{StaffRef("budi", "supervisor"), {}, true};

class ApplicationStoreTest : public ::testing::Test {
  protected:
    TempDir dir;
    QueueStore queue{dir / "loket.db", default_office_config()};
    ApplicationStore store{queue, settings_from(R"(
[applications]
[[applications.permits]]
id = "dairi-iumk"
standard = { amount = 5, unit = "hari kerja" }
[[applications.permits]]
id = "kaltim-ikot"
clock_start_step = 11
)")};
    std::vector<Event> events;

    void SetUp() override {
        queue.set_event_listener([this](const std::vector<Event>& batch) {
            events.insert(events.end(), batch.begin(), batch.end());
        });
    }

    Application register_at(const std::string& permit_id, TimePoint at) {
        const catalog::Permit& permit = *seed_catalog().find(permit_id);
        const auto result =
            store.register_application(permit, complete_request(permit), kClerk, at);
        EXPECT_TRUE(result.application);
        return *result.application;
    }

    Application act(const Application& app, StepAction action, TimePoint at,
                    const std::string& note = "") {
        const Application now = store.find(app.id, at);
        return store
            .act_on_step(app.id, now.current_step()->number, action, note, kBoss, "", "", at)
            .application;
    }
};

}  // namespace

TEST(ApplicationWorkflow, DefaultStepsAndDutiesOfTheFiveSopPermits) {
    const ApplicationSettings settings = default_application_settings();
    const auto kaltim = build_workflow(*seed_catalog().find("kaltim-ikot"), settings);
    // 1-6 happen at the front office (5 and 8 only sometimes); 16-17 are the hand-over.
    EXPECT_EQ(numbers(kaltim), (std::vector<int>{7, 9, 10, 11, 12, 13, 14, 15}));
    std::vector<std::string> duties;
    for (const auto& s : kaltim)
        duties.push_back(s.duty);
    EXPECT_EQ(duties, (std::vector<std::string>{"verifikator", "verifikator", "tim_teknis",
                                                "verifikator", "kepala_bidang", "kepala_bidang",
                                                "kepala_dinas", "verifikator"}));
    const auto dairi = build_workflow(*seed_catalog().find("dairi-iumk"), settings);
    // Common 4-8, then the approval path 16-25, then the rejection path 9-15.
    EXPECT_EQ(numbers(dairi), (std::vector<int>{4,  5,  6,  7,  8, 16, 17, 18, 19, 20, 21,
                                                22, 23, 24, 25, 9, 10, 11, 12, 13, 14, 15}));
    EXPECT_EQ(dairi[0].duty, "kepala_bidang");                  // "Backoffice/ Ka Seksi Pel I"
    EXPECT_EQ(dairi[1].standard->amount, 120);                  // step 5: "2 Jam"
    EXPECT_EQ(dairi[2].standard->unit, SlaUnit::CalendarDays);  // step 6: "1 Hari"
    EXPECT_EQ(numbers(build_workflow(*seed_catalog().find("pelalawan-sertifikat-produksi-ukmot"),
                                     settings)),
              (std::vector<int>{3, 4, 5, 6, 7}));
    EXPECT_EQ(numbers(build_workflow(*seed_catalog().find("pelalawan-iumk"), settings)),
              (std::vector<int>{4}));
    EXPECT_EQ(
        numbers(build_workflow(*seed_catalog().find("mempawah-sertifikat-standar"), settings)),
        (std::vector<int>{4, 5, 6, 7, 8}));

    // The office may name the steps and duties itself.
    const auto own = settings_from(R"(
[[applications.permits]]
id = "pelalawan-iumk"
steps = [3, 4]
step_duties = { 4 = "kepala_dinas" }
)");
    const auto iumk = build_workflow(*seed_catalog().find("pelalawan-iumk"), own);
    EXPECT_EQ(numbers(iumk), (std::vector<int>{3, 4}));
    EXPECT_EQ(iumk[0].duty, "verifikator");
    EXPECT_EQ(iumk[1].duty, "kepala_dinas");
}

TEST(ApplicationSettingsTest, BadSettingsNameTheField) {
    const auto field_of = [](const std::string& toml) {
        try {
            settings_from(toml);
        } catch (const InputError& e) {
            return e.field();
        }
        return std::string("(accepted)");
    };
    EXPECT_EQ(field_of("[applications]\nnumber_format = \"{seq}/{office_code}\""),
              "applications.number_format");  // no {year}: numbers would repeat
    EXPECT_EQ(field_of("[applications]\nnumber_format = \"{seq}/{tahun}\""),
              "applications.number_format");
    EXPECT_EQ(field_of("[applications]\nat_risk_share = 1.5"), "applications.at_risk_share");
    EXPECT_EQ(field_of("[applications]\ndefault_duty = \"satpam\""), "applications.default_duty");
    EXPECT_EQ(field_of("[[applications.actor_duties]]\nactor = \"x\"\nduty = \"satpam\""),
              "applications.actor_duties[0].duty");
    EXPECT_EQ(field_of("[[applications.permits]]\nid = \"a\"\nstandard = { amount = 3, unit = "
                       "\"minggu\" }"),
              "applications.permits[0].standard.unit");
    EXPECT_EQ(field_of("[applications]\ncolour = 1"), "applications.colour");
    // The office configuration accepts the section (the queue's reader leaves it alone).
    EXPECT_NO_THROW(parse_office_config("[applications]\noffice_code = \"DPMPTSP-KT\"", "x"));
}

TEST(ApplicationSettingsTest, SettingsAreCheckedAgainstTheCatalog) {
    const auto field_of = [](const std::string& toml) {
        try {
            validate_application_settings(settings_from(toml), seed_catalog(),
                                          default_office_config(), "office.toml");
        } catch (const InputError& e) {
            return e.field();
        }
        return std::string("(accepted)");
    };
    EXPECT_EQ(field_of("[[applications.permits]]\nid = \"tidak-ada\""),
              "applications.permits[0].id");
    EXPECT_EQ(field_of("[[applications.permits]]\nid = \"dairi-iumk\"\nsteps = [4, 99]"),
              "applications.permits[0].steps");
    EXPECT_EQ(field_of("[[applications.permits]]\nid = \"kaltim-ikot\"\nclock_start_step = 3"),
              "applications.permits[0].clock_start_step");
    EXPECT_EQ(field_of("[applications]\npickup_service = \"kasir\""),
              "applications.pickup_service");
    EXPECT_EQ(field_of("[[applications.permits]]\nid = \"kaltim-ikot\"\nclock_start_step = 11"),
              "(accepted)");
    // The example configuration is valid as shipped.
    EXPECT_NO_THROW(validate_application_settings(
        load_application_settings(LOKET_SOURCE_DIR "/assets/office.example.toml"), seed_catalog(),
        load_office_config(LOKET_SOURCE_DIR "/assets/office.example.toml"), "example"));
}

TEST(ApplicationSettingsTest, RegistrationNumberFormat) {
    ApplicationSettings s = default_application_settings();
    EXPECT_EQ(format_registration_number(s, 1, year{2026} / 12 / 5), "0001/DPMPTSP/XII/2026");
    EXPECT_EQ(format_registration_number(s, 12345, year{2027} / 4 / 1), "12345/DPMPTSP/IV/2027");
    s.number_format = "{office_code}-{year}{month}-{seq:6}";
    s.office_code = "PTSP.DRI";
    EXPECT_EQ(format_registration_number(s, 42, year{2026} / 3 / 9), "PTSP.DRI-202603-000042");
}

TEST_F(ApplicationStoreTest, NumbersAreUniquePerYearAndRestartInJanuary) {
    EXPECT_EQ(register_at("dairi-iumk", wita(2026, 12, 31, 10)).number, "0001/DPMPTSP/XII/2026");
    EXPECT_EQ(register_at("dairi-iumk", wita(2026, 12, 31, 23, 59)).number,
              "0002/DPMPTSP/XII/2026");
    // Office-local new year: 1 January 00.30 WITA is still 31 December in UTC.
    EXPECT_EQ(register_at("dairi-iumk", wita(2027, 1, 1, 0, 30)).number, "0001/DPMPTSP/I/2027");
}

TEST_F(ApplicationStoreTest, ClockIsOnTimeThenAtRiskThenOverdueAndWarnsOnce) {
    // Monday 23 November 2026 09.00: 5 hari kerja, the receiving day not counted (docs/sla.md),
    // due at the close of Monday 30 November.
    const Application app = register_at("dairi-iumk", wita(2026, 11, 23, 9));
    ASSERT_TRUE(app.due_at);
    EXPECT_EQ(*app.due_at, wita(2026, 11, 30, 19));
    // Warned one working day ahead: at the close of the fourth (Friday 11.00).
    EXPECT_EQ(*app.warn_at, wita(2026, 11, 27, 11));
    ASSERT_TRUE(app.at_risk_at);
    EXPECT_GT(*app.at_risk_at, wita(2026, 11, 26, 19));
    EXPECT_LE(*app.at_risk_at, wita(2026, 11, 27, 11));
    EXPECT_EQ(store.read_clock(app, wita(2026, 11, 25, 12)).state, "on_time");
    EXPECT_EQ(store.read_clock(app, *app.at_risk_at).state, "at_risk");
    EXPECT_EQ(store.read_clock(app, wita(2026, 11, 30, 19)).state, "overdue");

    BoardQuery late;
    late.clock_state = "overdue";
    EXPECT_EQ(store.board(late, wita(2026, 11, 30, 18, 59)).total, 0);
    EXPECT_EQ(store.board(late, wita(2026, 12, 1, 8)).total, 1);
    EXPECT_EQ(store.board({}, wita(2026, 12, 1, 8)).clocks.at("overdue"), 1);

    EXPECT_TRUE(store.warnings(wita(2026, 11, 27, 10, 59)).empty());
    EXPECT_EQ(store.warnings(wita(2026, 11, 27, 11)).size(), 1u);
    events.clear();
    EXPECT_EQ(store.record_due_warnings(wita(2026, 11, 27, 11)), 1);
    EXPECT_EQ(store.record_due_warnings(wita(2026, 11, 27, 12)), 0) << "once per file";
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].type, "application.due_soon");
    EXPECT_EQ(events[0].payload["risk"]["oss_status"], 57);
    EXPECT_NE(events[0].payload["risk"]["text"].get<std::string>().find("fiktif positif"),
              std::string::npos);
    EXPECT_NE(events[0].payload["risk"]["text"].get<std::string>().find("2026-11-30 pukul 19.00"),
              std::string::npos);
}

TEST_F(ApplicationStoreTest, APauseMovesTheDueByWhatItCovers) {
    const Application app = register_at("dairi-iumk", wita(2026, 11, 23, 9));
    // Waiting on the applicant all of Tuesday: one working day more.
    const auto paused = store
                            .pause(app.id, std::string(kPauseWaitingApplicant), "KTP asli", kBoss,
                                   "", "", wita(2026, 11, 24, 8))
                            .application;
    EXPECT_EQ(paused.state, "paused");
    EXPECT_EQ(paused.needed, "KTP asli");
    EXPECT_FALSE(paused.due_at) << "no fixed due while stopped";
    EXPECT_EQ(
        store.read_clock(store.find(app.id, wita(2026, 11, 24, 12)), wita(2026, 11, 24, 12)).state,
        "paused");
    const auto resumed =
        store.resume(app.id, "", kClerk, "", "", wita(2026, 11, 25, 8)).application;
    EXPECT_EQ(resumed.state, "in_process");
    EXPECT_TRUE(resumed.needed.empty());
    EXPECT_EQ(*resumed.due_at, wita(2026, 12, 1, 19));
    // The OSS codes of the two changes.
    const Application details = store.find(app.id, wita(2026, 11, 25, 8));
    ASSERT_EQ(details.oss_history.size(), 3u);
    EXPECT_EQ(details.oss_history[1].code, 41);
    EXPECT_EQ(details.oss_history[2].code, 42);
}

TEST_F(ApplicationStoreTest, TheClockStartsAtItsStepAndEarlierPausesStopNothing) {
    // Kaltim: 7 hari from receiving the technical recommendation (step 11).
    Application app = register_at("kaltim-ikot", wita(2026, 11, 23, 9));
    EXPECT_FALSE(app.clock_started_at);
    EXPECT_EQ(store.read_clock(app, wita(2026, 11, 23, 10)).state, "not_started");
    app = act(app, StepAction::Done, wita(2026, 11, 23, 10));  // 7
    app = act(app, StepAction::Done, wita(2026, 11, 23, 11));  // 9
    store.pause(app.id, std::string(kPauseWaitingRecommendation), "", kBoss, "", "",
                wita(2026, 11, 23, 12));
    store.resume(app.id, "", kBoss, "", "", wita(2026, 11, 26, 9));
    app = act(app, StepAction::Done, wita(2026, 11, 26, 10));  // 10: the recommendation comes
    ASSERT_TRUE(app.clock_started_at);
    EXPECT_EQ(*app.clock_started_at, wita(2026, 11, 26, 10));
    // Received Thursday 26; seven calendar days after it end at midnight of Thursday 3 December.
    EXPECT_EQ(*app.due_at, wita(2026, 12, 4, 0));
}

TEST_F(ApplicationStoreTest, EachStepIsTimedAgainstItsOwnStandard) {
    Application app = register_at("dairi-iumk", wita(2026, 11, 23, 9));
    app = act(app, StepAction::Done, wita(2026, 11, 23, 10));  // 4 -> 5 ("2 Jam")
    app = act(app, StepAction::Done, wita(2026, 11, 23, 11));  // 5 took one hour
    const Application details = store.find(app.id, wita(2026, 11, 23, 11));
    ASSERT_GE(details.steps.size(), 2u);
    EXPECT_EQ(details.steps[1].number, 5);
    EXPECT_EQ(details.steps[1].action, "done");
    EXPECT_EQ(details.steps[1].by, "budi");
    EXPECT_EQ(*details.steps[1].elapsed_minutes, 60);
    ASSERT_TRUE(details.steps[1].used_share);
    EXPECT_DOUBLE_EQ(*details.steps[1].used_share, 0.5);
    EXPECT_EQ(details.steps[1].standard_text, "2 Jam");
}

TEST_F(ApplicationStoreTest, TheCatalogEntryIsPinnedAtRegistration) {
    catalog::Permit permit = *seed_catalog().find("dairi-iumk");
    const auto first =
        store.register_application(permit, complete_request(permit), kClerk, wita(2026, 11, 23, 9));
    // The catalog is edited later: the registered file keeps its steps.
    permit.steps[4].activity = "Verifikasi (diubah)";
    const auto second = store.register_application(permit, complete_request(permit), kClerk,
                                                   wita(2026, 11, 23, 10));
    const Application a = store.find(first.application->id, wita(2026, 11, 23, 11));
    const Application b = store.find(second.application->id, wita(2026, 11, 23, 11));
    EXPECT_EQ(a.workflow[1].activity, "Verifikasi Berkas dan proses permohonan izin");
    EXPECT_EQ(b.workflow[1].activity, "Verifikasi (diubah)");
    EXPECT_NE(a.catalog_hash, b.catalog_hash);
}

TEST_F(ApplicationStoreTest, ApplicationEventsShareTheQueueEventLog) {
    IssueRequest ticket;
    ticket.service = "pendaftaran";
    const TimePoint open = wita(2026, 11, 23, 9);
    queue.issue(ticket, open);
    const Application app = register_at("dairi-iumk", open + minutes(5));
    queue.issue(ticket, open + minutes(6));
    act(app, StepAction::Rejected, open + minutes(7), "tidak sesuai");
    std::vector<std::string> types;
    for (std::size_t i = 0; i < events.size(); ++i) {
        types.push_back(events[i].type);
        if (i > 0) {
            EXPECT_EQ(events[i].id, events[i - 1].id + 1) << "one gapless sequence";
        }
    }
    EXPECT_EQ(types, (std::vector<std::string>{"ticket.issued", "application.registered",
                                               "ticket.issued", "application.rejected"}));
    EXPECT_EQ(queue.events_after(0).size(), 4u);
    EXPECT_EQ(events[3].payload["application"]["step"]["number"], 9);  // the rejection path
}

TEST_F(ApplicationStoreTest, ARefusedWriteLeavesNothing) {
    const catalog::Permit& permit = *seed_catalog().find("dairi-iumk");
    RegistrationRequest request = complete_request(permit);
    request.ticket_id = 999;  // no such ticket
    EXPECT_THROW(store.register_application(permit, request, kClerk, wita(2026, 11, 23, 9)),
                 InputError);
    EXPECT_TRUE(events.empty());
    EXPECT_EQ(store.board({}, wita(2026, 11, 23, 9)).total, 0);
    // The number sequence did not advance either.
    EXPECT_EQ(register_at("dairi-iumk", wita(2026, 11, 23, 9)).number, "0001/DPMPTSP/XI/2026");
}
