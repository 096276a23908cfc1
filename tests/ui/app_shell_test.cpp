#include "loket/ui/app_shell.hpp"

#include <SDL.h>
#include <gtest/gtest.h>
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <thread>

#include "loket/ui/cli.hpp"
#include "loket/ui/widgets.hpp"
#include "temp_dir.hpp"
#include "ui_test_support.hpp"

namespace loket::ui {
namespace {

using namespace std::chrono_literals;
using testing::headless;
using testing::inspect_png;
using testing::settle;
using testing::TempDir;
using testing::write_file;

double cpu_seconds() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// Every font role, a button and centred text: what both apps are made of.
void sample_screen(int& presses) {
    begin_screen("sample");
    text("Small 32 px \xE2\x80\x93 \xE2\x80\x9Ckutipan\xE2\x80\x9D \xE2\x80\xA2 caf\xC3\xA9",
         FontRole::Small);
    text("Body 44 px: Izin Usaha Mikro Kecil", FontRole::Body);
    text("Body bold: Perizinan Berusaha", FontRole::Body, Weight::Bold);
    text("Title 72: Loket Pelayanan", FontRole::Title, Weight::Bold);
    text("Loket 2", FontRole::Huge, Weight::Bold);
    text("A-012", FontRole::Giant, Weight::Bold, palette().primary);
    if (big_button("Ambil Nomor Antrean", ImVec2(-1, 0)))
        ++presses;
    centered_text("Silakan pilih layanan yang Anda butuhkan. Nomor antrean akan dicetak.",
                  FontRole::Body, Weight::Regular, palette().text_muted);
    end_screen();
}

TEST(AppShell, RendersEveryFontRoleIntoAPngOfTheLogicalSize) {
    TempDir dir;
    AppShell shell(headless());
    EXPECT_FALSE(shell.fonts_fallback());
    for (auto role :
         {FontRole::Small, FontRole::Body, FontRole::Title, FontRole::Huge, FontRole::Giant}) {
        ASSERT_NE(shell.font(role, Weight::Bold), nullptr);
        ASSERT_NE(shell.font(role, Weight::Regular), nullptr);
    }
    int presses = 0;
    shell.set_frame([&](AppShell&) { sample_screen(presses); });
    ASSERT_TRUE(shell.save_png(dir / "frame.png"));
    const auto png = inspect_png(dir / "frame.png");
    ASSERT_TRUE(png.loaded);
    EXPECT_EQ(png.width, 1080);
    EXPECT_EQ(png.height, 1920);
    EXPECT_GT(png.distinct_colors, 10u);  // anti-aliased text in several colours
    testing::keep_png(dir / "frame.png", "portrait.png");
    EXPECT_FLOAT_EQ(shell.font(FontRole::Giant, Weight::Bold)->FontSize, 300.0f);
    EXPECT_FLOAT_EQ(shell.font(FontRole::Body)->FontSize, 44.0f);
    // GPUs take textures up to 8192 (often 16384) a side.
    const ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
    EXPECT_LE(atlas.TexWidth, 8192);
    EXPECT_LE(atlas.TexHeight, 8192);
    std::printf("font atlas %dx%d\n", atlas.TexWidth, atlas.TexHeight);
    EXPECT_EQ(presses, 0);
    // The helpers recorded the button and the texts.
    const auto button = find_tap_target("Ambil Nomor Antrean");
    ASSERT_TRUE(button.has_value());
    EXPECT_GE(button->max.y - button->min.y, kMinTouchSize);
    EXPECT_TRUE(screen_contains_text("Loket Pelayanan"));
}

TEST(AppShell, LandscapeDarkScreenshot) {
    TempDir dir;
    auto options = headless(1920, 1080);
    options.theme = Theme::Dark;
    AppShell shell(options);
    int presses = 0;
    shell.set_frame([&](AppShell&) { sample_screen(presses); });
    ASSERT_TRUE(shell.save_png(dir / "nested" / "frame.png"));
    const auto png = inspect_png(dir / "nested" / "frame.png");
    EXPECT_EQ(png.width, 1920);
    EXPECT_EQ(png.height, 1080);
    EXPECT_GT(png.distinct_colors, 10u);
    testing::keep_png(dir / "nested" / "frame.png", "landscape-dark.png");
}

TEST(AppShell, MissingFontsFallBackToTheBuiltInFont) {
    auto options = headless(400, 300);
    options.font_dir = "/nonexistent";
    AppShell shell(options);
    EXPECT_TRUE(shell.fonts_fallback());
    int presses = 0;
    shell.set_frame([&](AppShell&) { sample_screen(presses); });
    shell.render_frame();
    EXPECT_EQ(shell.stats().frames, 1u);
}

TEST(AppShell, OnlyOneShellAtATime) {
    AppShell shell(headless(200, 200));
    EXPECT_EQ(AppShell::current(), &shell);
    EXPECT_THROW(AppShell second(headless(200, 200)), ShellError);
    EXPECT_EQ(AppShell::current(), &shell);
}

// A button at a known place: (100,400) to (500,550).
struct FixedButton {
    int presses = 0;
    void operator()(AppShell&) {
        begin_screen("fixed");
        ImGui::SetCursorPos(ImVec2(100, 400));
        if (big_button("Ambil Nomor", ImVec2(400, 150)))
            ++presses;
        ImGui::SetCursorPos(ImVec2(100, 700));
        big_button("Lainnya", ImVec2(400, 150));
        end_screen();
    }
};

TEST(AppShell, ScriptedTapByCoordinatesPressesTheButton) {
    TempDir dir;
    auto options = headless();
    options.script = write_file(dir / "s", "tap 300 475\ntap 300 1500\ntap 300 775\nquit\n");
    AppShell shell(options);
    FixedButton ui;
    shell.set_frame([&](AppShell& s) { ui(s); });
    EXPECT_EQ(shell.run(), 0);
    EXPECT_EQ(ui.presses, 1);  // the tap outside and the one on "Lainnya" do not count
    EXPECT_TRUE(shell.script_finished());
    EXPECT_EQ(shell.script_error(), "");
}

TEST(AppShell, InputMapsThroughALetterboxedWindow) {
    // 1080x1920 shown in a 600x600 window: scaled to 337x600, 131 px bars left and right.
    TempDir dir;
    auto options = headless();
    options.window_width = 600;
    options.window_height = 600;
    options.script = write_file(dir / "s", "tap 300 475\nclick 300 475\ntap 300 380\nquit\n");
    AppShell shell(options);
    FixedButton ui;
    shell.set_frame([&](AppShell& s) { ui(s); });
    EXPECT_EQ(shell.run(), 0);
    EXPECT_EQ(ui.presses, 2);  // 380 is above the button
    ASSERT_TRUE(shell.save_png(dir / "p.png"));
    EXPECT_EQ(inspect_png(dir / "p.png").width, 1080);  // screenshots stay at logical size
}

TEST(AppShell, ScriptedMouseClickPressesTheButton) {
    TempDir dir;
    auto options = headless();
    options.script = write_file(dir / "s", "click 300 475\nclick 300 475\nquit\n");
    AppShell shell(options);
    FixedButton ui;
    shell.set_frame([&](AppShell& s) { ui(s); });
    EXPECT_EQ(shell.run(), 0);
    EXPECT_EQ(ui.presses, 2);
}

TEST(AppShell, ScriptedTapByLabel) {
    TempDir dir;
    auto options = headless();
    options.script = write_file(dir / "s", "tap_text \"Ambil Nomor\"\nexpect_text Lainnya\nquit\n");
    AppShell shell(options);
    FixedButton ui;
    shell.set_frame([&](AppShell& s) { ui(s); });
    EXPECT_EQ(shell.run(), 0);
    EXPECT_EQ(ui.presses, 1);
}

TEST(AppShell, ScriptFailureEndsTheRunWithTheLineNumber) {
    TempDir dir;
    auto options = headless();
    options.script =
        write_file(dir / "s", "tap_text \"Ambil Nomor\"\ntap_text \"Tidak Ada\"\nquit\n");
    AppShell shell(options);
    FixedButton ui;
    shell.set_frame([&](AppShell& s) {
        s.set_screen("start");
        ui(s);
    });
    EXPECT_EQ(shell.run(), 1);
    EXPECT_EQ(ui.presses, 1);
    EXPECT_EQ(
        shell.script_error(),
        (dir / "s").string() +
            ":2: nothing labelled \"Tidak Ada\" on screen 'start'; labels shown: \"Ambil Nomor\", "
            "\"Lainnya\"");
}

TEST(AppShell, ExpectTextAndExpectScreen) {
    TempDir dir;
    auto options = headless();
    options.script = write_file(
        dir / "s", "expect_screen start\nexpect_text \"Nomor\"\nexpect_text \"Kosong\"\nquit\n");
    AppShell shell(options);
    FixedButton ui;
    shell.set_frame([&](AppShell& s) {
        s.set_screen("start");
        ui(s);
    });
    EXPECT_EQ(shell.run(), 1);
    EXPECT_NE(shell.script_error().find(":3: expected text \"Kosong\" is not on screen 'start'"),
              std::string::npos)
        << shell.script_error();
}

TEST(AppShell, TouchSynthesizedMouseEventsAreIgnored) {
    AppShell shell(headless());
    FixedButton ui;
    shell.set_frame([&](AppShell& s) { ui(s); });
    settle(shell);
    // What SDL sends alongside a real finger: must not press a second time.
    for (Uint32 type : {Uint32(SDL_MOUSEBUTTONDOWN), Uint32(SDL_MOUSEBUTTONUP)}) {
        SDL_Event e{};
        e.type = type;
        e.button.which = SDL_TOUCH_MOUSEID;
        e.button.button = SDL_BUTTON_LEFT;
        e.button.x = 300;
        e.button.y = 475;
        SDL_PushEvent(&e);
    }
    shell.run_for(200ms);
    EXPECT_EQ(ui.presses, 0);
    shell.inject_tap(300, 475);
    shell.run_for(300ms);
    EXPECT_EQ(ui.presses, 1);
}

TEST(AppShell, TypeAndKeyReachImGuiTextInput) {
    TempDir dir;
    auto options = headless();
    options.script = write_file(
        dir / "s", "type \"halo dunia \xE2\x80\x93 ok\"\nkey Backspace\nkey Backspace\nquit\n");
    AppShell shell(options);
    char buffer[64] = "";
    bool focused = false;
    shell.set_frame([&](AppShell&) {
        begin_screen("input");
        if (!focused) {
            ImGui::SetKeyboardFocusHere();
            focused = true;
        }
        ImGui::InputText("##q", buffer, sizeof buffer);
        end_screen();
    });
    EXPECT_EQ(shell.run(), 0);
    EXPECT_STREQ(buffer, "halo dunia \xE2\x80\x93 ");
}

TEST(AppShell, IdleRendersNothingAndCostsNoCpu) {
    AppShell shell(headless());
    int presses = 0;
    shell.set_frame([&](AppShell&) { sample_screen(presses); });
    settle(shell);
    const auto settled = shell.stats().frames;
    EXPECT_GE(settled, 2u);
    EXPECT_LE(settled, 4u);  // first frame, the settled one, and maybe one more
    const double cpu_before = cpu_seconds();
    shell.run_for(1000ms);
    const double cpu = cpu_seconds() - cpu_before;
    EXPECT_EQ(shell.stats().frames, settled);
    EXPECT_LT(cpu, 0.05) << "idle loop used " << cpu << " s CPU in 1 s";
    std::printf("idle: 0 frames and %.1f ms CPU in 1 s\n", cpu * 1000);
}

TEST(AppShell, RequestRedrawAndPostFromAnotherThreadWakeTheLoopPromptly) {
    AppShell shell(headless(800, 600));
    std::atomic<int> value{0};
    int shown = -1;
    shell.set_frame([&](AppShell&) {
        begin_screen("counter");
        shown = value.load();
        text("Nomor " + std::to_string(shown), FontRole::Title);
        end_screen();
    });
    settle(shell);
    const auto before = shell.stats().frames;

    const auto ui_thread = std::this_thread::get_id();
    std::thread::id task_thread;
    AppShell::Clock::time_point woke{};
    std::atomic<AppShell::Clock::time_point> posted_at{};
    std::thread network([&] {
        std::this_thread::sleep_for(100ms);
        value = 7;
        shell.request_redraw();
        std::this_thread::sleep_for(100ms);
        posted_at = AppShell::Clock::now();
        shell.post([&] {
            task_thread = std::this_thread::get_id();
            woke = AppShell::Clock::now();
            value = 8;
        });
    });
    shell.run_for(600ms);
    network.join();
    EXPECT_EQ(shown, 8);
    EXPECT_EQ(task_thread, ui_thread);
    EXPECT_LT(woke - posted_at.load(), 50ms);  // woken at once, not at the next 100 ms slice
    EXPECT_GE(shell.stats().frames - before, 4u);
    EXPECT_LE(shell.stats().frames - before, 8u);
}

TEST(AppShell, AnimationRendersContinuouslyThenStops) {
    AppShell shell(headless(400, 300));
    AppShell::Clock::time_point start{}, end{};
    shell.set_frame([&](AppShell&) {
        // A bar sliding in over 0.3 s, still afterwards.
        const double t = start == end
                             ? 1.0
                             : std::clamp(double((AppShell::Clock::now() - start).count()) /
                                              double((end - start).count()),
                                          0.0, 1.0);
        begin_screen("anim");
        ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(0, 0), ImVec2(float(400 * t), 50),
                                                  palette().primary);
        end_screen();
    });
    settle(shell);
    const auto before = shell.stats().frames;
    start = AppShell::Clock::now();
    end = start + 300ms;
    shell.animate_until(end);
    shell.run_for(500ms);
    const auto animated = shell.stats().frames - before;
    EXPECT_GE(animated, 8u);   // ~60 fps for 0.3 s, slower under sanitizers
    EXPECT_LE(animated, 24u);  // at most 60 fps plus the final still frames
    const auto after = shell.stats().frames;
    shell.run_for(300ms);
    EXPECT_EQ(shell.stats().frames, after);
}

TEST(AppShell, ClockRendersOncePerSecond) {
    AppShell shell(headless(400, 300));
    shell.set_frame([&](AppShell& s) {
        s.set_clock_visible(true);
        begin_screen("clock");
        text("12:00", FontRole::Title);
        end_screen();
    });
    settle(shell);
    const auto before = shell.stats().frames;
    shell.run_for(2500ms);
    const auto ticks = shell.stats().frames - before;
    EXPECT_GE(ticks, 2u);
    EXPECT_LE(ticks, 3u);
}

TEST(AppShell, ScreenshotModeWritesEachDistinctScreenOnce) {
    TempDir dir;
    auto options = headless();
    options.screenshot_dir = dir / "shots";
    options.script = write_file(
        dir / "s", "tap_text Lanjut\nwait 100\ntap_text Kembali\nscreenshot named\nquit\n");
    AppShell shell(options);
    bool list = false;
    shell.set_frame([&](AppShell& s) {
        s.set_screen(list ? "permit list" : "start");
        begin_screen("screens");
        text(list ? "Daftar izin" : "Selamat datang", FontRole::Title, Weight::Bold);
        if (big_button(list ? "Kembali" : "Lanjut"))
            list = !list;
        end_screen();
    });
    EXPECT_EQ(shell.run(), 0);
    const auto shots = dir / "shots";
    EXPECT_TRUE(std::filesystem::exists(shots / "001-start.png"));
    EXPECT_TRUE(std::filesystem::exists(shots / "002-permit-list.png"));
    EXPECT_TRUE(std::filesystem::exists(shots / "003-start.png"));
    EXPECT_TRUE(std::filesystem::exists(shots / "named.png"));
    EXPECT_FALSE(std::filesystem::exists(shots / "004-start.png"));
    std::size_t files = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(shots))
        ++files;
    EXPECT_EQ(files, 4u);  // no leftover .tmp files either
    EXPECT_EQ(inspect_png(shots / "002-permit-list.png").height, 1920);
}

TEST(AppShell, ScreenshotIntervalRefreshesLatestPng) {
    TempDir dir;
    auto options = headless(640, 360);
    options.screenshot_dir = dir.path();
    options.screenshot_interval_s = 0.2;
    AppShell shell(options);
    shell.set_frame([&](AppShell&) {
        begin_screen("latest");
        text("Status", FontRole::Title);
        end_screen();
    });
    shell.run_for(100ms);
    ASSERT_TRUE(std::filesystem::exists(dir / "latest.png"));
    const auto first = std::filesystem::last_write_time(dir / "latest.png");
    shell.run_for(500ms);
    EXPECT_GT(std::filesystem::last_write_time(dir / "latest.png"), first);
    EXPECT_EQ(inspect_png(dir / "latest.png").width, 640);
}

TEST(AppShell, FrameTimeOfAFullPortraitScreen) {
    AppShell shell(headless());
    int presses = 0;
    std::string query = "usaha";
    shell.set_frame([&](AppShell&) {
        begin_screen("busy");
        text("Cari izin", FontRole::Title, Weight::Bold);
        text_box(query, "Ketik nama izin");
        for (int i = 0; i < 4; ++i)
            if (big_button("Izin Usaha Mikro " + std::to_string(i), ImVec2(-1, 0)))
                ++presses;
        onscreen_keyboard("kbd", query);
        end_screen();
    });
    shell.render_frame();  // builds the font atlas
    const FrameStats before = shell.stats();
    for (int i = 0; i < 10; ++i)
        shell.render_frame();
    const double avg = (shell.stats().total_ms - before.total_ms) / 10;
    std::printf("1080x1920 frame (software renderer): %.1f ms average over 10, first %.1f ms\n",
                avg, before.total_ms);
    RecordProperty("frame_ms", std::to_string(avg));
    EXPECT_GT(avg, 0.0);
}

TEST(ShellCli, FlagsFillTheOptions) {
    CLI::App app;
    ShellOptions options;
    add_shell_options(app, options);
    TempDir dir;
    const auto script = write_file(dir / "s", "quit\n").string();
    std::vector<std::string> args = {
        "--window", "540x960", "--orientation", "landscape",  "--headless",
        "--script", script,    "--screenshot",  "/tmp/shots", "--screenshot-interval",
        "2"};
    std::reverse(args.begin(), args.end());  // CLI11 takes them last-first
    app.parse(args);
    EXPECT_TRUE(options.headless);
    EXPECT_FALSE(options.fullscreen);
    EXPECT_EQ(options.window_width, 540);
    EXPECT_EQ(options.width, 1920);
    EXPECT_EQ(options.height, 1080);
    EXPECT_EQ(options.script, script);
    EXPECT_EQ(options.screenshot_dir, "/tmp/shots");
    EXPECT_DOUBLE_EQ(options.screenshot_interval_s, 2.0);

    CLI::App bad;
    ShellOptions unused;
    add_shell_options(bad, unused);
    std::vector<std::string> wrong = {"6x"};
    wrong.push_back("--window");
    EXPECT_THROW(bad.parse(wrong), CLI::ValidationError);
}

}  // namespace
}  // namespace loket::ui
