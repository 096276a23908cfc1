// The screen itself, headless, against the real queue-server: both orientations with several
// counters (one paused, one serving) and a long running text, saved as PNG files for looking
// at them (LOKET_SCREENSHOT_DIR); nothing important cut off; frames only while something moves.
#include <gtest/gtest.h>

#include "display_app.hpp"
#include "display_test_support.hpp"
#include "loket/ui/app_shell.hpp"
#include "loket/ui/widgets.hpp"
#include "temp_dir.hpp"

namespace loket::display {
namespace {

using namespace loket::testing;
using namespace std::chrono_literals;

const std::filesystem::path kShots = LOKET_SCREENSHOT_DIR;

const std::vector<std::string> kLongText = {
    "Maklumat Pelayanan: dengan ini kami menyatakan sanggup menyelenggarakan pelayanan sesuai "
    "standar pelayanan yang telah ditetapkan, dan apabila tidak menepati janji ini kami siap "
    "menerima sanksi sesuai peraturan perundang-undangan yang berlaku.",
    "Seluruh layanan perizinan tidak dipungut biaya di luar ketentuan. Laporkan pungutan liar "
    "melalui kotak pengaduan atau SP4N-LAPOR!",
};

ui::ShellOptions shell_options(bool portrait) {
    ui::ShellOptions o;
    o.headless = true;
    o.width = portrait ? 1080 : 1920;
    o.height = portrait ? 1920 : 1080;
    o.theme = ui::Theme::Dark;
    return o;
}

// A busy floor: counters 1-5 open, 3 serving, 4 paused, calls at 1, 2 and 5, a recall.
void busy_floor(Floor& floor) {
    floor.issue("informasi", 14);
    floor.issue("customer_service", 6);
    floor.issue("pendaftaran", 4);
    floor.issue("pengambilan", 2);
    for (int c = 1; c <= 5; ++c)
        floor.open(c);
    floor.action(4, "pause", {{"reason", "Sholat Dzuhur"}});
    floor.call_next(3);
    floor.action(3, "start");
    floor.call_next(1);
    floor.clear(1);
    floor.call_next(1);
    floor.call_next(2);
    floor.clear(2);
    floor.call_next(2);
    floor.call_next(5);
    floor.clear(5);
    floor.call_next(5);
    floor.action(1, "recall");
}

// Texts cut with an ellipsis, except the running text (which scrolls).
std::vector<std::string> shortened_texts() {
    std::vector<std::string> cut;
    for (const auto& t : ui::recorded_texts()) {
        if (t.size() > 300)
            continue;
        if (t.find("\xE2\x80\xA6") != std::string::npos && t.find("ulang") == std::string::npos &&
            t.find("Menghubungkan") == std::string::npos)
            cut.push_back(t);
        if (t.size() >= 3 && t.compare(t.size() - 3, 3, "...") == 0)
            cut.push_back(t);
    }
    return cut;
}

void settle(ui::AppShell& shell) {
    for (int i = 0; i < 30; ++i) {
        const auto frames = shell.stats().frames;
        shell.run_for(150ms);
        if (frames > 0 && shell.stats().frames == frames)
            return;
    }
}

void run_until(ui::AppShell& shell, const std::function<bool()>& pred,
               std::chrono::milliseconds timeout = 15s) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!pred() && std::chrono::steady_clock::now() < deadline)
        shell.run_for(50ms);
}

void screenshots(bool portrait, Language language = Language::Indonesian) {
    TempDir dir;
    ServerProcess server(dir.path());
    Floor floor(server);
    busy_floor(floor);
    std::filesystem::create_directories(kShots);
    const std::string name = std::string(portrait ? "portrait" : "landscape") +
                             (language == Language::English ? "-en" : "");

    ui::AppShell shell(shell_options(portrait));
    DisplayConfig config;
    config.server = server.url();
    config.device_key = kDisplayKey;
    config.language = language;
    config.portrait = portrait;
    config.voice.enabled = false;
    config.highlight = 2s;
    config.running_text.items = kLongText;
    config.running_text.fps = 30;
    DisplayApp app(config, &shell);
    app.start();
    run_until(shell, [&] {
        const auto v = app.floor().view();
        return v.loaded && v.connection == Connection::Connected;
    });
    shell.run_for(600ms);
    ASSERT_TRUE(shell.save_png(kShots / (name + ".png")));
    EXPECT_EQ(shell.screen(), "floor");
    const FloorView v = app.floor().view();
    ASSERT_TRUE(v.current);
    EXPECT_EQ(v.counters.size(), 5u);
    EXPECT_TRUE(ui::screen_contains_text(v.current->number));
    EXPECT_TRUE(ui::screen_contains_text("DPMPTSP Kabupaten Uji"));
    EXPECT_TRUE(ui::screen_contains_text(texts(language).counter_paused));
    EXPECT_TRUE(ui::screen_contains_text(texts(language).waiting_title));
    EXPECT_TRUE(ui::screen_contains_text(texts(language).recall));
    EXPECT_TRUE(ui::screen_contains_text("Maklumat"));
    for (const auto& c : v.recent)
        EXPECT_TRUE(ui::screen_contains_text(c.number)) << c.number;
    EXPECT_TRUE(shortened_texts().empty()) << "cut off: " << shortened_texts().front();
    EXPECT_TRUE(app.screen().marquee_scrolling());

    // A new call: highlighted for a moment.
    floor.clear(2);
    const std::string called = floor.call_next(2);
    run_until(shell, [&] { return app.floor().view().current->number == called; });
    shell.run_for(300ms);
    ASSERT_TRUE(app.floor().view().highlighted(SteadyClock::now()));
    ASSERT_TRUE(shell.save_png(kShots / (name + "-new-call.png")));
    EXPECT_TRUE(shortened_texts().empty()) << "cut off: " << shortened_texts().front();

    // Server gone: the same screen with the reconnecting indicator.
    server.stop(SIGKILL);
    run_until(shell, [&] { return app.floor().view().connection != Connection::Connected; });
    shell.run_for(200ms);
    ASSERT_TRUE(shell.save_png(kShots / (name + "-reconnecting.png")));
    EXPECT_TRUE(ui::screen_contains_text(texts(language).reconnecting));
    EXPECT_TRUE(ui::screen_contains_text(called)) << "the last known state stays";
    app.stop();
}

TEST(DisplayScreen, LandscapeWithSeveralCountersAndALongRunningText) {
    screenshots(false);
}

TEST(DisplayScreen, PortraitWithSeveralCountersAndALongRunningText) {
    screenshots(true);
}

TEST(DisplayScreen, LandscapeInEnglish) {
    screenshots(false, Language::English);
}

// The longest office names of the seed SOPs, as an office would configure them.
const std::vector<std::string> kLongOfficeNames = {
    "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Provinsi Kalimantan Timur",
    "Dinas Penanaman Modal, Koperasi, Usaha Kecil dan Menengah dan Pelayanan Terpadu Satu Pintu "
    "Kabupaten Mempawah",
    "Dinas Penanaman Modal, Pelayanan Terpadu Satu Pintu dan Ketenagakerjaan Kabupaten Dairi",
    "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Kabupaten Pelalawan",
};
const std::string kLongCounter = "Loket Pengaduan dan Konsultasi Perizinan";
const std::string kLongReason = "Rapat koordinasi dengan Kepala Dinas";

// A floor drawn from hand-made data (no server): long names everywhere, one paused counter.
FloorView long_names_floor(const std::string& office, const std::string& short_name = "") {
    FloorView v;
    v.loaded = true;
    v.connection = Connection::Connected;
    v.office.name = office;
    v.office.short_name = short_name;
    v.office.time_zone = "WITA";
    v.office.utc_offset_minutes = 480;
    v.office.open = true;
    v.office.today_hours = {"08:00-19:00"};
    for (int n = 1; n <= 5; ++n) {
        CounterInfo c;
        c.number = n;
        c.name = n == 2 ? kLongCounter : "Loket " + std::to_string(n);
        c.state = n == 4 ? CounterState::Paused : CounterState::Open;
        if (n == 4)
            c.pause_reason = kLongReason;
        if (n == 2)
            c.current = TicketInfo{"B-007", "customer_service", "called", 1};
        v.counters.push_back(c);
    }
    v.services = {{"informasi", "Informasi", "Information", "A", 3, 9, false},
                  {"customer_service", "Customer Service", "Customer Service", "B", 5, 23, false}};
    CallRecord call;
    call.number = "B-007";
    call.service_name = "Customer Service";
    call.counter = 2;
    call.counter_name = kLongCounter;
    v.current = call;
    call.number = "A-003";
    call.counter = 2;
    v.recent = {call};
    return v;
}

const SetText* set_text(const FloorScreen& screen, const std::string& what) {
    for (const auto& t : screen.set_texts())
        if (t.what == what)
            return &t;
    return nullptr;
}

std::string joined(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& l : lines)
        out += (out.empty() ? "" : " ") + l;
    return out;
}

// Long names wrap to at most two lines at a readable size instead of being cut or shrunk:
// every seed office name whole, the long counter name whole in the big call and on its card,
// and a paused counter shows that it is paused and why, inside its card.
TEST(DisplayScreen, LongestSeedNamesWrapReadablyInBothOrientations) {
    std::filesystem::create_directories(kShots);
    for (const bool portrait : {false, true}) {
        SCOPED_TRACE(portrait ? "portrait" : "landscape");
        ui::AppShell shell(shell_options(portrait));
        ASSERT_FALSE(shell.fonts_fallback());
        DisplayConfig config;
        config.portrait = portrait;
        config.running_text.items = {"Selamat datang"};
        FloorScreen screen(config);
        FloorView view;
        shell.set_frame([&](ui::AppShell& s) { screen.draw(s, view); });
        for (const auto& name : kLongOfficeNames) {
            SCOPED_TRACE(name);
            view = long_names_floor(name);
            shell.render_frame();
            if (name == kLongOfficeNames[0]) {
                ASSERT_TRUE(
                    shell.save_png(kShots / (std::string("long-names-") +
                                             (portrait ? "portrait" : "landscape") + ".png")));
            }
            const SetText* office = set_text(screen, "office");
            ASSERT_TRUE(office);
            EXPECT_TRUE(office->whole);
            EXPECT_FALSE(office->short_form);
            EXPECT_LE(office->lines.size(), 2u);
            EXPECT_GE(office->font_px, kMinReadablePx);
            EXPECT_EQ(joined(office->lines), name);
            const SetText* counter = set_text(screen, "counter");
            ASSERT_TRUE(counter);
            EXPECT_TRUE(counter->whole);
            EXPECT_FALSE(counter->short_form);
            EXPECT_LE(counter->lines.size(), 2u);
            EXPECT_GE(counter->font_px, kMinReadablePx);
            EXPECT_EQ(joined(counter->lines), kLongCounter);
            // A card is a fifth of the width: the whole name, or "Loket 2" when it cannot be.
            const SetText* card = set_text(screen, "card 2");
            ASSERT_TRUE(card);
            EXPECT_TRUE(card->whole);
            EXPECT_GE(card->font_px, kMinReadablePx);
            EXPECT_EQ(joined(card->lines), card->short_form ? "Loket 2" : kLongCounter);
            EXPECT_TRUE(ui::screen_contains_text(texts(Language::Indonesian).counter_paused));
            const SetText* reason = set_text(screen, "pause 4");
            ASSERT_TRUE(reason);
            EXPECT_LE(reason->lines.size(), 2u);
            EXPECT_GE(reason->font_px, kMinReadablePx);
            EXPECT_TRUE(ui::screen_contains_text(reason->lines.front()));
            // Only a reason longer than two lines of its card may end in an ellipsis.
            auto cut = shortened_texts();
            std::erase(cut, reason->lines.back());
            EXPECT_TRUE(cut.empty()) << "cut off: " << cut.front();
        }
        // A name too long for two lines even at the smallest size: the configured short form.
        view = long_names_floor(
            "PEMERINTAH KABUPATEN MEMPAWAH DINAS PENANAMAN MODAL, KOPERASI USAHA KECIL DAN "
            "MENENGAH DAN PELAYANAN TERPADU SATU PINTU (DPMKUKMPTSP) PROVINSI KALIMANTAN BARAT, "
            "UNIT PELAYANAN TERPADU SATU PINTU MAL PELAYANAN PUBLIK KABUPATEN MEMPAWAH",
            "DPMKUKMPTSP Kabupaten Mempawah");
        shell.render_frame();
        const SetText* office = set_text(screen, "office");
        ASSERT_TRUE(office);
        EXPECT_TRUE(office->short_form);
        EXPECT_EQ(joined(office->lines), "DPMKUKMPTSP Kabupaten Mempawah");
        EXPECT_GE(office->font_px, kMinReadablePx);
    }
}

// Files ready for pickup share the screen with the calls: their numbers at a readable size,
// "+k berkas lainnya" when not all fit, the earlier calls still there, nothing cut off.
TEST(DisplayScreen, ReadyFilesShowTheirNumbersBesideTheCalls) {
    std::filesystem::create_directories(kShots);
    for (const bool portrait : {false, true}) {
        SCOPED_TRACE(portrait ? "portrait" : "landscape");
        ui::AppShell shell(shell_options(portrait));
        DisplayConfig config;
        config.portrait = portrait;
        config.running_text.items = {"Selamat datang"};
        FloorScreen screen(config);
        FloorView view = long_names_floor("DPMPTSP Kabupaten Uji");
        view.ready_enabled = true;
        view.ready_numbers = {"0001/DPMPTSP/XII/2026", "0002/DPMPTSP/XII/2026"};
        shell.set_frame([&](ui::AppShell& s) { screen.draw(s, view); });
        // This floor's pause reason is longer than its card's two lines, on purpose.
        const auto cut_off = [&] {
            auto cut = shortened_texts();
            if (const SetText* reason = set_text(screen, "pause 4"))
                std::erase(cut, reason->lines.back());
            return cut;
        };
        shell.render_frame();
        ASSERT_TRUE(shell.save_png(kShots / (std::string("ready-files-") +
                                             (portrait ? "portrait" : "landscape") + ".png")));
        EXPECT_TRUE(ui::screen_contains_text(texts(Language::Indonesian).ready_title));
        for (const auto& number : view.ready_numbers)
            EXPECT_TRUE(ui::screen_contains_text(number)) << number;
        ASSERT_FALSE(view.recent.empty());
        EXPECT_TRUE(ui::screen_contains_text(view.recent.front().number));
        EXPECT_TRUE(cut_off().empty()) << "cut off: " << cut_off().front();

        // More than fit: the first ones and how many more.
        view.ready_numbers.clear();
        for (int i = 1; i <= 12; ++i) {
            char number[32];
            std::snprintf(number, sizeof number, "%04d/DPMPTSP/XII/2026", i);
            view.ready_numbers.push_back(number);
        }
        shell.render_frame();
        ASSERT_TRUE(shell.save_png(kShots / (std::string("ready-files-many-") +
                                             (portrait ? "portrait" : "landscape") + ".png")));
        EXPECT_TRUE(ui::screen_contains_text("0001/DPMPTSP/XII/2026"));
        EXPECT_FALSE(ui::screen_contains_text("0012/DPMPTSP/XII/2026"));
        EXPECT_TRUE(ui::screen_contains_text("berkas lainnya"));
        EXPECT_TRUE(cut_off().empty()) << "cut off: " << cut_off().front();

        // Off in the settings: no panel, whatever the list holds.
        view.ready_enabled = false;
        shell.render_frame();
        EXPECT_FALSE(ui::screen_contains_text(texts(Language::Indonesian).ready_title));
        EXPECT_FALSE(ui::screen_contains_text("0001/DPMPTSP/XII/2026"));
    }
}

// Semester I 2026's index (83.45, B) over 120 respondents, and a two-line pledge.
PublicationInfo semester_publication() {
    PublicationInfo p;
    p.show_ikm = true;
    p.period_name = "Semester I 2026";
    p.period_name_en = "Semester I 2026";
    p.ikm = 83.45;
    p.grade = "B";
    p.grade_name = "Baik";
    p.grade_name_en = "Good";
    p.respondents = 120;
    p.maklumat = "Kami sanggup menyelenggarakan pelayanan sesuai standar.\nSiap menerima sanksi.";
    return p;
}

// Landscape and portrait: the calls keep their rows, the index is shown beside them.
void expect_publication_beside_the_calls(DisplayConfig config, const FloorView& view) {
    for (const bool portrait : {false, true}) {
        SCOPED_TRACE(portrait ? "portrait" : "landscape");
        config.portrait = portrait;
        ui::AppShell shell(shell_options(portrait));
        FloorScreen screen(config);
        shell.set_frame([&](ui::AppShell& s) { screen.draw(s, view); });
        shell.render_frame();
        ASSERT_TRUE(shell.save_png(kShots / (std::string("survey-publication-") +
                                             (portrait ? "portrait" : "landscape") + ".png")));
        ASSERT_FALSE(view.recent.empty());
        EXPECT_TRUE(ui::screen_contains_text(view.recent.front().number));
        // The index stays beside the calls while the running text passes (its label is the
        // panel's own; the value is in the running text too).
        EXPECT_TRUE(ui::screen_contains_text("IKM Semester I 2026 · 120 responden"));
    }
}

// Later frames of the running text: the index, then the pledge, pass by (140 px/s).
void save_publication_running_text_frames(DisplayConfig config, const FloorView& view) {
    config.portrait = false;
    ui::AppShell shell(shell_options(false));
    FloorScreen screen(config);
    for (const int seconds : {8, 20}) {
        shell.set_frame([&](ui::AppShell& s) {
            screen.draw(s, view, SteadyClock::now() + std::chrono::seconds(seconds));
        });
        shell.render_frame();
        ASSERT_TRUE(shell.save_png(
            kShots / ("survey-publication-running-text-" + std::to_string(seconds) + "s.png")));
    }
}

// Files ready for pickup share the panel: the calls keep their rows, the index passes in the
// running text only.
void expect_publication_makes_room_for_ready_files(DisplayConfig config, FloorView view) {
    view.ready_enabled = true;
    view.ready_numbers = {"0001/DPMPTSP/XII/2026", "0002/DPMPTSP/XII/2026"};
    config.portrait = false;
    ui::AppShell shell(shell_options(false));
    FloorScreen screen(config);
    shell.set_frame([&](ui::AppShell& s) { screen.draw(s, view); });
    shell.render_frame();
    ASSERT_TRUE(shell.save_png(kShots / "survey-publication-with-ready-landscape.png"));
    EXPECT_TRUE(ui::screen_contains_text(view.recent.front().number));
    EXPECT_TRUE(ui::screen_contains_text("0002/DPMPTSP/XII/2026"));
    // (The value alone is also in the running text; the label is the panel's own.)
    EXPECT_FALSE(ui::screen_contains_text("IKM Semester I 2026 · 120 responden"));
}

// The survey publication rides in the running text: the index with its grade and the pledge,
// Indonesian with a decimal comma, read in passing without taking room from the calls.
TEST(DisplayScreen, SurveyIndexAndServicePledgeInTheRunningText) {
    std::filesystem::create_directories(kShots);
    DisplayConfig config;
    config.running_text.items = {"Selamat datang"};
    FloorView view = long_names_floor("DPMPTSP Kabupaten Uji");
    view.publication = semester_publication();
    const std::string id = running_text(config, view, texts(Language::Indonesian));
    EXPECT_NE(id.find("Indeks Kepuasan Masyarakat (IKM) Semester I 2026: 83,45 (B, Baik), 120 "
                      "responden"),
              std::string::npos)
        << id;
    EXPECT_NE(id.find("Maklumat Pelayanan: Kami sanggup menyelenggarakan pelayanan sesuai "
                      "standar. Siap menerima sanksi."),
              std::string::npos)
        << id;
    const std::string en = running_text(config, view, texts(Language::English));
    EXPECT_NE(en.find("83.45 (B, Good)"), std::string::npos) << en;
    EXPECT_NE(en.find("Service pledge: Kami sanggup"), std::string::npos) << en;

    ASSERT_NO_FATAL_FAILURE(expect_publication_beside_the_calls(config, view));
    ASSERT_NO_FATAL_FAILURE(save_publication_running_text_frames(config, view));
    ASSERT_NO_FATAL_FAILURE(expect_publication_makes_room_for_ready_files(config, view));

    // Hidden index, empty pledge: nothing of the survey.
    view.publication->ikm.reset();
    view.publication->maklumat.clear();
    EXPECT_EQ(running_text(config, view, texts(Language::Indonesian)).find("IKM"),
              std::string::npos);
}

// This month's open performance figures lead the running text when the hours are off: read at
// the left edge as the text starts.
TEST(DisplayScreen, ThisMonthsPerformanceInTheRunningText) {
    std::filesystem::create_directories(kShots);
    DisplayConfig config;
    config.running_text.show_hours = false;
    config.running_text.items = {"Budayakan antre"};
    FloorView view = long_names_floor("DPMPTSP Kabupaten Uji");
    PerformanceInfo performance;
    performance.served = 412;
    performance.within_target_share = 0.874;
    performance.applications_within_standard = 0.926;
    performance.complaints_within_60_days = 1.0;
    view.performance = performance;
    for (const bool portrait : {false, true}) {
        SCOPED_TRACE(portrait ? "portrait" : "landscape");
        config.portrait = portrait;
        ui::AppShell shell(shell_options(portrait));
        FloorScreen screen(config);
        shell.set_frame([&](ui::AppShell& s) { screen.draw(s, view); });
        shell.render_frame();
        ASSERT_TRUE(shell.save_png(kShots / (std::string("performance-running-text-") +
                                             (portrait ? "portrait" : "landscape") + ".png")));
        EXPECT_TRUE(ui::screen_contains_text(
            "Kinerja bulan ini: 87% antrean dipanggil dalam waktu target, 93% berkas selesai "
            "sesuai standar waktu pelayanan, 100% pengaduan dijawab dalam 60 hari"));
        EXPECT_TRUE(ui::screen_contains_text(view.recent.front().number));
    }
}

// Paused counters read as paused, with their reason, on every card size (two rows of cards
// too), never as closed.
TEST(DisplayScreen, PausedCounterShowsItsReasonOnSmallCards) {
    for (const bool portrait : {false, true}) {
        SCOPED_TRACE(portrait ? "portrait" : "landscape");
        ui::AppShell shell(shell_options(portrait));
        DisplayConfig config;
        config.portrait = portrait;
        FloorScreen screen(config);
        FloorView view = long_names_floor("DPMPTSP Kabupaten Uji");
        for (int n = 6; n <= 10; ++n) {  // two rows of cards
            CounterInfo c;
            c.number = n;
            c.name = "Loket " + std::to_string(n);
            c.state = CounterState::Open;
            view.counters.push_back(c);
        }
        view.counters[3].pause_reason = "Sholat";
        shell.set_frame([&](ui::AppShell& s) { screen.draw(s, view); });
        shell.render_frame();
        ASSERT_TRUE(shell.save_png(kShots / (std::string("paused-small-cards-") +
                                             (portrait ? "portrait" : "landscape") + ".png")));
        EXPECT_TRUE(ui::screen_contains_text(texts(Language::Indonesian).counter_paused));
        EXPECT_TRUE(ui::screen_contains_text("Sholat"));
        const SetText* reason = set_text(screen, "pause 4");
        ASSERT_TRUE(reason);
        EXPECT_TRUE(reason->whole);
        EXPECT_FALSE(ui::screen_contains_text("belum"));
    }
}

TEST(DisplayScreen, ConnectingScreenBeforeTheFirstSnapshot) {
    std::filesystem::create_directories(kShots);
    ui::AppShell shell(shell_options(false));
    DisplayConfig config;
    config.server = "http://127.0.0.1:9";  // nothing listens there
    config.voice.enabled = false;
    DisplayApp app(config, &shell);
    app.start();
    settle(shell);
    ASSERT_TRUE(shell.save_png(kShots / "connecting.png"));
    EXPECT_EQ(shell.screen(), "connecting");
    EXPECT_TRUE(ui::screen_contains_text("Menghubungkan"));
}

TEST(DisplayScreen, RendersContinuouslyOnlyWhileTextScrollsAndAtTheFrameCap) {
    TempDir dir;
    ServerProcess server(dir.path());
    Floor floor(server);
    floor.issue("informasi", 1);
    floor.open(1);
    const auto frames_in = [](ui::AppShell& shell, std::chrono::milliseconds d) {
        const auto before = shell.stats().frames;
        shell.run_for(d);
        return shell.stats().frames - before;
    };
    for (bool long_text : {true, false}) {
        ui::AppShell shell(shell_options(false));
        DisplayConfig config;
        config.server = server.url();
        config.device_key = kDisplayKey;
        config.voice.enabled = false;
        config.running_text.fps = 30;
        config.running_text.items =
            long_text ? kLongText : std::vector<std::string>{"Selamat datang"};
        DisplayApp app(config, &shell);
        app.start();
        run_until(shell, [&] { return app.floor().view().connection == Connection::Connected; });
        shell.run_for(1000ms);
        const auto frames = frames_in(shell, 3000ms);
        std::printf("%s running text: %llu frames in 3 s (average frame %.1f ms)\n",
                    long_text ? "long" : "short", static_cast<unsigned long long>(frames),
                    shell.stats().average_ms());
        if (long_text) {
            EXPECT_TRUE(app.screen().marquee_scrolling());
            // (A frame takes ~100 ms under the sanitizers on a busy machine, ~15 ms in release.)
            EXPECT_GE(frames, 8u) << "the text scrolls";
            EXPECT_LE(frames, 99u) << "capped near 30 fps";
        } else {
            EXPECT_FALSE(app.screen().marquee_scrolling());
            EXPECT_LE(frames, 7u) << "only the clock's second ticks";
        }
        app.stop();
    }
}

}  // namespace
}  // namespace loket::display
