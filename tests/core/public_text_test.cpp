// One spelling and one clock format wherever the public reads: the string literals of the
// kiosk, the display, the ticket printer, the voice and the shared UI say "antrean" (KBBI),
// never "antrian", and write times with dots ("22.50", PUEBI), never with a colon.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

struct Literal {
    std::string file;
    int line = 0;
    std::string text;
};

// The "..." literals of a C++ source, comments skipped (escapes kept as written).
std::vector<Literal> string_literals(const fs::path& path) {
    std::ifstream in(path);
    std::stringstream buf;
    buf << in.rdbuf();
    const std::string s = buf.str();
    std::vector<Literal> out;
    int line = 1;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (c == '\n') {
            ++line;
        } else if (c == '/' && i + 1 < s.size() && s[i + 1] == '/') {
            while (i < s.size() && s[i] != '\n')
                ++i;
            ++line;
        } else if (c == '/' && i + 1 < s.size() && s[i + 1] == '*') {
            for (i += 2; i + 1 < s.size() && !(s[i] == '*' && s[i + 1] == '/'); ++i)
                line += s[i] == '\n';
            ++i;
        } else if (c == '\'') {
            // A character literal ('"' must not open a string).
            for (++i; i < s.size() && s[i] != '\''; ++i)
                if (s[i] == '\\')
                    ++i;
        } else if (c == '"') {
            std::string text;
            for (++i; i < s.size() && s[i] != '"'; ++i) {
                if (s[i] == '\\' && i + 1 < s.size())
                    text += s[i++];
                text += s[i];
            }
            out.push_back({path.filename().string(), line, text});
        }
    }
    return out;
}

// Every .cpp/.hpp under the parts whose strings reach applicants.
std::vector<fs::path> public_sources() {
    const fs::path root = LOKET_SOURCE_DIR;
    std::vector<fs::path> files;
    for (const char* dir :
         {"kiosk", "display", "shared/src/print", "shared/src/voice", "shared/src/ui"}) {
        for (const auto& e : fs::recursive_directory_iterator(root / dir)) {
            const auto ext = e.path().extension();
            if (e.is_regular_file() && (ext == ".cpp" || ext == ".hpp"))
                files.push_back(e.path());
        }
    }
    // Refusal messages (office closed, next opening) come from the queue store.
    files.push_back(root / "shared/src/store/queue_store.cpp");
    return files;
}

TEST(PublicText, LiteralScannerFindsStringsOnly) {
    const fs::path file = fs::temp_directory_path() / "loket-public-text-probe.cpp";
    std::ofstream(file) << "// \"antrian\" in a comment\nauto a = \"Nomor \\\"x\\\"\";\n"
                           "char q = '\"'; auto b = \"22:50\"; /* \"c\" */\n";
    const auto found = string_literals(file);
    fs::remove(file);
    ASSERT_EQ(found.size(), 2u);
    EXPECT_EQ(found[0].text, "Nomor \\\"x\\\"");
    EXPECT_EQ(found[1].text, "22:50");
    EXPECT_EQ(found[1].line, 3);
}

TEST(PublicText, SpellsAntreanNeverAntrian) {
    const std::regex antrian("antrian", std::regex::icase);
    const auto files = public_sources();
    ASSERT_GT(files.size(), 20u);
    for (const auto& f : files)
        for (const auto& l : string_literals(f))
            EXPECT_FALSE(std::regex_search(l.text, antrian))
                << l.file << ":" << l.line << ": \"" << l.text << "\"";
}

TEST(PublicText, ClockTimesUseDotsNotColons) {
    // "22:50", "8:05", or a format that prints one ("%02d:%02d", "{:02}:{:02}", "%H:%M").
    const std::regex colon_clock(R"(\b\d{1,2}:\d{2}\b|%0?2?d:%|\}:\{|%H:%M)");
    for (const auto& f : public_sources())
        for (const auto& l : string_literals(f))
            EXPECT_FALSE(std::regex_search(l.text, colon_clock))
                << l.file << ":" << l.line << ": \"" << l.text << "\"";
}

}  // namespace
