#include "loket/ui/script.hpp"

#include <gtest/gtest.h>

#include "loket/input_error.hpp"
#include "temp_dir.hpp"
#include "ui_test_support.hpp"

namespace loket::ui {
namespace {

using Op = ScriptStep::Op;

std::string parse_error(std::string_view text) {
    try {
        parse_script(text, "t.script");
    } catch (const InputError& e) {
        return e.what();
    }
    return "no error";
}

TEST(Script, ParsesEveryCommand) {
    const Script s = parse_script(
        "# kiosk smoke test\n"
        "\n"
        "tap 540 960\n"
        "click 10.5 20\n"
        "tap_text \"Ambil \\\"Nomor\\\"\"\n"
        "drag 540 1500 540 600\n"
        "type \"usaha mikro\"\r\n"
        "key Return   # trailing comment\n"
        "wait 250\n"
        "screenshot 03-search\n"
        "expect_text Usaha\n"
        "expect_screen search\n"
        "quit\n"
        "scan \"0001/DPMPTSP/XII/2026 ab12\"\n",
        "t.script");
    ASSERT_EQ(s.steps.size(), 12u);
    EXPECT_EQ(s.steps[0].op, Op::Tap);
    EXPECT_EQ(s.steps[0].line, 3);
    EXPECT_FLOAT_EQ(s.steps[0].x, 540);
    EXPECT_FLOAT_EQ(s.steps[1].x, 10.5f);
    EXPECT_EQ(s.steps[2].text, "Ambil \"Nomor\"");
    EXPECT_FLOAT_EQ(s.steps[3].y2, 600);
    EXPECT_EQ(s.steps[4].text, "usaha mikro");
    EXPECT_EQ(s.steps[5].text, "Return");
    EXPECT_EQ(s.steps[6].ms, 250);
    EXPECT_EQ(s.steps[7].text, "03-search");
    EXPECT_EQ(s.steps[8].op, Op::ExpectText);
    EXPECT_EQ(s.steps[9].op, Op::ExpectScreen);
    EXPECT_EQ(s.steps[10].op, Op::Quit);
    EXPECT_EQ(s.steps[10].line, 13);
    EXPECT_EQ(s.steps[11].op, Op::Scan);
    EXPECT_EQ(s.steps[11].text, "0001/DPMPTSP/XII/2026 ab12");
}

TEST(Script, BadLinesNameTheLineAndTheProblem) {
    EXPECT_EQ(parse_error("tap 1 2\n\ntapp 3 4\n"),
              "t.script:3: unknown command 'tapp' (known: tap, click, tap_text, drag, type, key, "
              "scan, wait, screenshot, expect_text, expect_screen, quit)");
    EXPECT_EQ(parse_error("tap 10\n"),
              "t.script:1: 'tap' takes 2 argument(s), got 1; usage: tap X Y");
    EXPECT_EQ(parse_error("quit now\n"),
              "t.script:1: 'quit' takes 0 argument(s), got 1; usage: quit");
    EXPECT_EQ(parse_error("tap x 5\n"),
              "t.script:1: 'x' is not a non-negative number; usage: tap X Y");
    EXPECT_EQ(parse_error("tap -1 5\n"),
              "t.script:1: '-1' is not a non-negative number; usage: tap X Y");
    EXPECT_EQ(parse_error("type \"unterminated\n"),
              "t.script:1: unterminated string (missing closing \")");
    EXPECT_EQ(parse_error("wait 1.5\n"), "t.script:1: wait takes whole milliseconds up to 600000");
    EXPECT_NE(parse_error("key NoSuchKey\n").find("t.script:1: unknown key name 'NoSuchKey'"),
              std::string::npos);
    EXPECT_NE(parse_error("screenshot ../evil\n").find("t.script:1: screenshot name"),
              std::string::npos);
    EXPECT_EQ(parse_error("tap_text \"\"\n"), "t.script:1: 'tap_text' needs a non-empty string");
}

TEST(Script, CoordinatesOutsideTheScreenAreRejected) {
    const Script s = parse_script("tap 10 10\ndrag 0 0 1080 5\n", "t.script");
    EXPECT_NO_THROW(check_script_bounds(s, 1081, 1920));
    try {
        check_script_bounds(s, 1080, 1920);
        FAIL() << "expected InputError";
    } catch (const InputError& e) {
        EXPECT_STREQ(e.what(), "t.script:2: coordinates outside the 1080x1920 screen");
    }
}

TEST(Script, ShellRefusesABadScriptBeforeOpeningAWindow) {
    testing::TempDir dir;
    auto options = testing::headless();
    options.script = testing::write_file(dir / "bad.script", "tap 1 1\nwait\n");
    try {
        AppShell shell(options);
        FAIL() << "expected InputError";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("bad.script:2: 'wait' takes 1 argument(s)"),
                  std::string::npos)
            << e.what();
    }
    options.script = dir / "missing.script";
    EXPECT_THROW(AppShell shell(options), InputError);
    EXPECT_EQ(AppShell::current(), nullptr);
}

}  // namespace
}  // namespace loket::ui
