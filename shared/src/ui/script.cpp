#include "loket/ui/script.hpp"

#include <SDL.h>

#include <cctype>
#include <charconv>
#include <fstream>
#include <optional>
#include <sstream>

#include "loket/input_error.hpp"
#include "loket/read_file.hpp"

namespace loket::ui {
namespace {

// Splits one line into tokens: bare words or double-quoted strings with \" and \\.
class Tokenizer {
  public:
    explicit Tokenizer(std::string_view line) : s_(line) {}

    // Next token, or nullopt at the end. Sets error_ on an unterminated string.
    std::optional<std::string> next() {
        while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_])))
            ++pos_;
        if (pos_ >= s_.size() || s_[pos_] == '#')
            return std::nullopt;
        std::string out;
        if (s_[pos_] == '"') {
            ++pos_;
            while (pos_ < s_.size() && s_[pos_] != '"') {
                if (s_[pos_] == '\\' && pos_ + 1 < s_.size())
                    ++pos_;
                out += s_[pos_++];
            }
            if (pos_ >= s_.size()) {
                error_ = "unterminated string (missing closing \")";
                return std::nullopt;
            }
            ++pos_;  // closing quote
            return out;
        }
        while (pos_ < s_.size() && !std::isspace(static_cast<unsigned char>(s_[pos_])))
            out += s_[pos_++];
        return out;
    }
    const std::string& error() const { return error_; }

  private:
    std::string_view s_;
    std::size_t pos_ = 0;
    std::string error_;
};

struct Command {
    std::string_view name;
    ScriptStep::Op op;
    int numbers;  // numeric arguments
    bool text;    // one string argument
    std::string_view usage;
};

constexpr Command kCommands[] = {
    {"tap", ScriptStep::Op::Tap, 2, false, "tap X Y"},
    {"click", ScriptStep::Op::Click, 2, false, "click X Y"},
    {"tap_text", ScriptStep::Op::TapText, 0, true, "tap_text \"Label\""},
    {"drag", ScriptStep::Op::Drag, 4, false, "drag X1 Y1 X2 Y2"},
    {"type", ScriptStep::Op::Type, 0, true, "type \"text\""},
    {"key", ScriptStep::Op::Key, 0, true, "key NAME"},
    {"scan", ScriptStep::Op::Scan, 0, true, "scan \"text\""},
    {"wait", ScriptStep::Op::Wait, 1, false, "wait MS"},
    {"screenshot", ScriptStep::Op::Screenshot, 0, true, "screenshot NAME"},
    {"expect_text", ScriptStep::Op::ExpectText, 0, true, "expect_text \"text\""},
    {"expect_screen", ScriptStep::Op::ExpectScreen, 0, true, "expect_screen KEY"},
    {"quit", ScriptStep::Op::Quit, 0, false, "quit"},
};

std::string command_list() {
    std::string out;
    for (const auto& c : kCommands)
        out += (out.empty() ? "" : ", ") + std::string(c.name);
    return out;
}

std::optional<float> parse_number(const std::string& token) {
    float value = 0;
    const auto* end = token.data() + token.size();
    const auto [ptr, ec] = std::from_chars(token.data(), end, value);
    if (ec != std::errc() || ptr != end)
        return std::nullopt;
    return value;
}

bool valid_file_name(const std::string& name) {
    if (name.empty() || name == "." || name == "..")
        return false;
    for (char c : name)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.')
            return false;
    return true;
}

// Rejects a line of the script, naming the file and line.
struct LineFault {
    const std::string& source;
    int line_no;

    [[noreturn]] void operator()(const std::string& reason) const {
        throw InputError(source + ":" + std::to_string(line_no), "", reason);
    }
};

std::vector<std::string> tokens_of(std::string_view line, const LineFault& fail) {
    Tokenizer tok(line);
    std::vector<std::string> tokens;
    while (auto t = tok.next())
        tokens.push_back(std::move(*t));
    if (!tok.error().empty())
        fail(tok.error());
    return tokens;
}

// The command the line's first token names, with the right number of arguments after it.
const Command& command_of(const std::vector<std::string>& tokens, const LineFault& fail) {
    const Command* cmd = nullptr;
    for (const auto& c : kCommands)
        if (c.name == tokens[0])
            cmd = &c;
    if (cmd == nullptr)
        fail("unknown command '" + tokens[0] + "' (known: " + command_list() + ")");
    const std::size_t want = 1 + std::size_t(cmd->numbers) + (cmd->text ? 1 : 0);
    if (tokens.size() != want)
        fail("'" + tokens[0] + "' takes " + std::to_string(want - 1) + " argument(s), got " +
             std::to_string(tokens.size() - 1) + "; usage: " + std::string(cmd->usage));
    return *cmd;
}

ScriptStep step_of(const Command& cmd, const std::vector<std::string>& tokens,
                   const LineFault& fail) {
    ScriptStep step;
    step.op = cmd.op;
    step.line = fail.line_no;
    float numbers[4] = {0, 0, 0, 0};
    for (int i = 0; i < cmd.numbers; ++i) {
        const auto value = parse_number(tokens[std::size_t(i) + 1]);
        if (!value || *value < 0)
            fail("'" + tokens[std::size_t(i) + 1] +
                 "' is not a non-negative number; usage: " + std::string(cmd.usage));
        numbers[i] = *value;
    }
    step.x = numbers[0];
    step.y = numbers[1];
    step.x2 = numbers[2];
    step.y2 = numbers[3];
    if (cmd.text)
        step.text = tokens.back();
    return step;
}

// What each command needs of its arguments beyond their count and kind; a wait's milliseconds
// (its one number, in x) are set here.
void check_step(ScriptStep& step, const std::string& command, const LineFault& fail) {
    switch (step.op) {
        case ScriptStep::Op::Wait:
            if (step.x > 600000 || step.x != float(int(step.x)))
                fail("wait takes whole milliseconds up to 600000");
            step.ms = int(step.x);
            break;
        case ScriptStep::Op::Key:
            if (SDL_GetScancodeFromName(step.text.c_str()) == SDL_SCANCODE_UNKNOWN)
                fail("unknown key name '" + step.text +
                     "' (SDL names: Return, Escape, Backspace, Tab, Space, A, 1...)");
            break;
        case ScriptStep::Op::Screenshot:
            if (!valid_file_name(step.text))
                fail("screenshot name '" + step.text +
                     "' must be letters, digits, '-', '_' or '.'");
            break;
        case ScriptStep::Op::TapText:
        case ScriptStep::Op::Type:
        case ScriptStep::Op::Scan:
        case ScriptStep::Op::ExpectText:
        case ScriptStep::Op::ExpectScreen:
            if (step.text.empty())
                fail("'" + command + "' needs a non-empty string");
            break;
        default:
            break;
    }
}

}  // namespace

Script parse_script(std::string_view text, const std::string& source) {
    Script script{source, {}};
    int line_no = 0;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos)
            end = text.size();
        std::string_view line = text.substr(start, end - start);
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        start = end + 1;
        ++line_no;

        const LineFault fail{source, line_no};
        const std::vector<std::string> tokens = tokens_of(line, fail);
        if (tokens.empty())
            continue;
        ScriptStep step = step_of(command_of(tokens, fail), tokens, fail);
        check_step(step, tokens[0], fail);
        script.steps.push_back(std::move(step));
    }
    return script;
}

Script load_script(const std::filesystem::path& path) {
    return parse_script(read_whole_file(path), path.string());
}

void check_script_bounds(const Script& script, int width, int height) {
    for (const auto& step : script.steps) {
        const bool has_points = step.op == ScriptStep::Op::Tap ||
                                step.op == ScriptStep::Op::Click || step.op == ScriptStep::Op::Drag;
        if (!has_points)
            continue;
        const bool inside = step.x < float(width) && step.y < float(height) &&
                            (step.op != ScriptStep::Op::Drag ||
                             (step.x2 < float(width) && step.y2 < float(height)));
        if (!inside)
            throw InputError(script.source + ":" + std::to_string(step.line), "",
                             "coordinates outside the " + std::to_string(width) + "x" +
                                 std::to_string(height) + " screen");
    }
}

}  // namespace loket::ui
