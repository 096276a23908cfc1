#pragma once
// Scripted input for UI tests and demos (--script FILE), one command per line:
//
//   # comment; blank lines are ignored
//   tap 540 960              finger down+up at logical coordinates (SDL finger events)
//   click 540 960            the same with the mouse
//   tap_text "Ambil Nomor"   tap the centre of the item drawn with that label last frame
//   drag 540 1500 540 600    finger down, move in steps, up (scrolls lists)
//   type "usaha mikro"       text input (SDL_TEXTINPUT), as from a keyboard
//   key Return               a key press by SDL key name: Return, Escape, Backspace, A...
//   scan "0001/A/2026 ab12"  text then Return in the same frame, as a USB barcode scanner
//                            that types like a keyboard delivers a code
//   wait 500                 milliseconds of real time
//   screenshot 03-search     writes SCREENSHOT_DIR/03-search.png (current dir if none)
//   expect_text "Usaha"      fails unless some label or text on screen contains it
//   expect_screen search     fails unless the app's screen key is exactly that
//   quit                     ends the app with exit code 0
//
// Strings are double-quoted with \" and \\ escapes; a single word may go unquoted. Each
// command runs once the UI has settled after the previous one.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace loket::ui {

struct ScriptStep {
    enum class Op {
        Tap,
        Click,
        TapText,
        Drag,
        Type,
        Key,
        Scan,
        Wait,
        Screenshot,
        ExpectText,
        ExpectScreen,
        Quit
    };
    Op op = Op::Quit;
    int line = 0;
    float x = 0, y = 0, x2 = 0, y2 = 0;  // Tap, Click, Drag
    int ms = 0;                          // Wait
    std::string text;                    // TapText, Type, Scan, Key, Screenshot, Expect*
};

struct Script {
    std::string source;  // file name, for messages
    std::vector<ScriptStep> steps;
};

// Throws loket::InputError("source:line", "", reason) for the first bad line.
Script parse_script(std::string_view text, const std::string& source);
Script load_script(const std::filesystem::path& path);
// Checks coordinates against the logical size; throws InputError like parse_script.
void check_script_bounds(const Script& script, int width, int height);

}  // namespace loket::ui
