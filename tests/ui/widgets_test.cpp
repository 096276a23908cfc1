#include "loket/ui/widgets.hpp"

#include <gtest/gtest.h>

#include "temp_dir.hpp"
#include "ui_test_support.hpp"

namespace loket::ui {
namespace {

using testing::headless;
using testing::TempDir;
using testing::write_file;

std::string taps_for(std::string_view text) {
    std::string script;
    for (char c : text) {
        if (c == ' ')
            script += "tap_text Spasi\n";
        else
            script += std::string("tap_text \"") +
                      char(std::toupper(static_cast<unsigned char>(c))) + "\"\n";
    }
    return script;
}

struct SearchScreen {
    std::string query;
    int changes = 0;
    void operator()(AppShell& shell) {
        shell.set_screen("search");
        begin_screen("search");
        text("Cari izin", FontRole::Title, Weight::Bold);
        text_box(query, "Ketik nama izin");
        ImGui::SetCursorPosY(float(shell.height()) - 5 * 112 - 4 * 10 - 40);
        if (onscreen_keyboard("kbd", query))
            ++changes;
        end_screen();
    }
};

TEST(OnscreenKeyboard, TypesUsahaMikroByTaps) {
    TempDir dir;
    auto options = headless();
    options.script = write_file(dir / "s", taps_for("usaha mikro") +
                                               "expect_text \"usaha mikro\"\n"
                                               "screenshot keyboard\nquit\n");
    options.screenshot_dir = dir.path();
    AppShell shell(options);
    SearchScreen ui;
    shell.set_frame([&](AppShell& s) { ui(s); });
    EXPECT_EQ(shell.run(), 0) << shell.script_error();
    EXPECT_EQ(ui.query, "usaha mikro");
    EXPECT_EQ(ui.changes, 11);
    testing::keep_png(dir / "keyboard.png", "keyboard.png");
}

TEST(OnscreenKeyboard, BackspaceClearAndLimits) {
    TempDir dir;
    auto options = headless();
    options.script = write_file(dir / "s",
                                "tap_text Spasi\n"  // a leading space is not typed
                                "tap_text A\ntap_text 1\ntap_text -\ntap_text Hapus\n"
                                "expect_text a1\n"
                                "tap_text Spasi\ntap_text Spasi\n"  // nor a double space
                                "tap_text Kosongkan\n"
                                "tap_text Q\ntap_text W\ntap_text E\ntap_text R\nquit\n");
    AppShell shell(options);
    std::string query;
    shell.set_frame([&](AppShell& s) {
        begin_screen("kbd");
        text_box(query, "Ketik");
        KeyboardOptions o;
        o.max_length = 3;
        onscreen_keyboard("kbd", query, o);
        (void)s;
        end_screen();
    });
    EXPECT_EQ(shell.run(), 0) << shell.script_error();
    EXPECT_EQ(query, "qwe");
}

// The complaint's contact: an e-mail address needs '@' and '.', which sit after the space bar
// when asked for; the space bar gives up their room and the row still fills ten columns.
TEST(OnscreenKeyboard, ExtraKeysTypeAnEmailAddress) {
    TempDir dir;
    auto options = headless();
    options.script = write_file(dir / "s",
                                "tap_text B\ntap_text U\ntap_text D\ntap_text I\n"
                                "tap_text \"@\"\ntap_text X\ntap_text \".\"\ntap_text I\n"
                                "tap_text D\nexpect_text \"budi@x.id\"\n"
                                "screenshot keyboard-email\nquit\n");
    options.screenshot_dir = dir.path();
    AppShell shell(options);
    std::string typed;
    shell.set_frame([&](AppShell&) {
        begin_screen("kbd");
        text_box(typed, "E-mail");
        KeyboardOptions o;
        o.extra_keys = "@.";
        onscreen_keyboard("kbd", typed, o);
        end_screen();
    });
    EXPECT_EQ(shell.run(), 0) << shell.script_error();
    EXPECT_EQ(typed, "budi@x.id");
    const auto space = find_tap_target("Spasi");
    const auto at = find_tap_target("@");
    const auto dot = find_tap_target(".");
    ASSERT_TRUE(space && at && dot);
    EXPECT_GE(at->max.x - at->min.x, 88.0f);
    EXPECT_LT(space->max.x, at->min.x);
    EXPECT_LT(at->max.x, dot->min.x);
    EXPECT_NEAR(dot->max.x, 1080.0f - 40.0f, 1.0f);  // the row still ends at the padding
    testing::keep_png(dir / "keyboard-email.png", "keyboard-email.png");
}

TEST(OnscreenKeyboard, KeysAreLargeTouchTargets) {
    AppShell shell(headless());
    std::string query;
    shell.set_frame([&](AppShell&) {
        begin_screen("kbd");
        onscreen_keyboard("kbd", query);
        end_screen();
    });
    shell.render_frame();
    int keys = 0;
    for (const auto& t : tap_targets()) {
        ++keys;
        EXPECT_GE(t.max.y - t.min.y, kMinTouchSize) << t.label;
        EXPECT_GE(t.max.x - t.min.x, 88.0f) << t.label;  // 15 mm is ~60 px
        EXPECT_LE(t.max.x, 1080.0f - 40.0f + 0.5f) << t.label << " leaves the screen padding";
    }
    EXPECT_EQ(keys, 10 + 10 + 10 + 7 + 3);
}

TEST(ScrollArea, DraggingScrollsWithoutTapping) {
    TempDir dir;
    auto options = headless();
    options.script = write_file(dir / "s", "drag 540 1200 540 500\nquit\n");
    AppShell shell(options);
    int presses = 0;
    float scroll = 0;
    shell.set_frame([&](AppShell&) {
        begin_screen("list");
        begin_scroll_area("permits", ImVec2(0, 1200));
        for (int i = 0; i < 30; ++i)
            if (big_button("Izin nomor " + std::to_string(i), ImVec2(-1, 120)))
                ++presses;
        scroll = ImGui::GetScrollY();
        end_scroll_area();
        end_screen();
    });
    EXPECT_EQ(shell.run(), 0);
    EXPECT_EQ(presses, 0);
    EXPECT_NEAR(scroll, 700.0f, 30.0f);
    // Items scrolled out of view cannot be tapped by label; ones scrolled in can.
    EXPECT_FALSE(find_tap_target("Izin nomor 0").has_value());
    EXPECT_TRUE(find_tap_target("Izin nomor 10").has_value());
}

TEST(Widgets, CenteredTextWrapsAndCentresEachLine) {
    AppShell shell(headless(600, 400));
    ImVec2 first_line_min, last_line_max;
    float avail = 0;
    shell.set_frame([&](AppShell&) {
        begin_screen("c");
        avail = ImGui::GetContentRegionAvail().x;
        centered_text("Nomor antrean Anda akan dipanggil sebentar lagi", FontRole::Body);
        last_line_max = ImGui::GetItemRectMax();
        end_screen();
    });
    shell.render_frame();
    (void)first_line_min;
    EXPECT_GT(avail, 0);
    EXPECT_LE(last_line_max.x, 600.0f - 40.0f + 0.5f);
    EXPECT_TRUE(screen_contains_text("dipanggil"));
}

TEST(Widgets, DisabledButtonIsRecordedButNeverPresses) {
    TempDir dir;
    auto options = headless(600, 400);
    options.script = write_file(dir / "s", "tap_text Cetak\nquit\n");
    AppShell shell(options);
    int presses = 0;
    shell.set_frame([&](AppShell&) {
        begin_screen("d");
        ButtonStyle style;
        style.enabled = false;
        if (big_button("Cetak", ImVec2(0, 0), style))
            ++presses;
        end_screen();
    });
    EXPECT_EQ(shell.run(), 0);
    EXPECT_EQ(presses, 0);
    ASSERT_TRUE(find_tap_target("Cetak").has_value());
    EXPECT_FALSE(find_tap_target("Cetak")->enabled);
}

}  // namespace
}  // namespace loket::ui
