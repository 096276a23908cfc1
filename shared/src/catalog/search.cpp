// Kiosk search over the catalog. Applicants type on a touchscreen, in any case, sometimes with
// accents copied from elsewhere, often only the start of a word ("sertif"), so matching is on
// folded word prefixes and every query word has to match somewhere.
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "loket/catalog.hpp"

namespace loket {
namespace {

// ASCII letters for U+00C0..U+00FF; ' ' where the character is a sign (multiplication and
// division signs), so it separates words.
constexpr char kLatin1[] =
    "aaaaaaaceeeeiiiidnooooo ouuuuyts"
    "aaaaaaaceeeeiiiidnooooo ouuuuyty";
static_assert(sizeof(kLatin1) - 1 == 64);
// ASCII letters for U+0100..U+017F (Latin Extended-A).
constexpr char kLatinExtA[] =
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkklllllllllln"
    "nnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";
static_assert(sizeof(kLatinExtA) - 1 == 128);

// Lower-cases and strips accents; punctuation and symbols become spaces. Other non-ASCII
// letters are kept as they are.
std::string fold(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                out += static_cast<char>(c);
            } else if (c >= 'A' && c <= 'Z') {
                out += static_cast<char>(c | 0x20);
            } else {
                out += ' ';
            }
            ++i;
            continue;
        }
        size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        if (i + len > s.size())
            len = s.size() - i;
        unsigned cp = 0;
        if (len == 2)
            cp = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3Fu);
        if (len == 3) {
            cp = ((c & 0x0Fu) << 12) | ((static_cast<unsigned char>(s[i + 1]) & 0x3Fu) << 6) |
                 (static_cast<unsigned char>(s[i + 2]) & 0x3Fu);
        }
        if (cp >= 0xC0 && cp <= 0xFF) {
            out += kLatin1[cp - 0xC0];
        } else if (cp >= 0x100 && cp <= 0x17F) {
            out += kLatinExtA[cp - 0x100];
        } else if (cp >= 0x300 && cp <= 0x36F) {
            // combining accent of a decomposed letter: drop it
        } else if ((cp >= 0x80 && cp < 0xC0) || (cp >= 0x2000 && cp <= 0x206F)) {
            out += ' ';  // Latin-1 signs and general punctuation (quotes, dashes)
        } else {
            out.append(s.substr(i, len));
        }
        i += len;
    }
    return out;
}

std::vector<std::string> words(std::string_view s) {
    std::vector<std::string> out;
    const std::string folded = fold(s);
    size_t i = 0;
    while (i < folded.size()) {
        while (i < folded.size() && folded[i] == ' ')
            ++i;
        size_t j = i;
        while (j < folded.size() && folded[j] != ' ')
            ++j;
        if (j > i)
            out.push_back(folded.substr(i, j - i));
        i = j;
    }
    return out;
}

bool has_prefix_word(const std::vector<std::string>& haystack, const std::string& word) {
    return std::any_of(haystack.begin(), haystack.end(),
                       [&](const std::string& w) { return w.rfind(word, 0) == 0; });
}

bool all_match(const std::vector<std::string>& haystack, const std::vector<std::string>& query) {
    return std::all_of(query.begin(), query.end(),
                       [&](const std::string& q) { return has_prefix_word(haystack, q); });
}

// The query words in order as consecutive words of the haystack (the last may be a prefix).
bool has_phrase(const std::vector<std::string>& haystack, const std::vector<std::string>& query) {
    if (query.size() < 2 || haystack.size() < query.size())
        return false;
    for (size_t i = 0; i + query.size() <= haystack.size(); ++i) {
        bool ok = true;
        for (size_t k = 0; k < query.size() && ok; ++k) {
            const std::string& w = haystack[i + k];
            ok = k + 1 == query.size() ? w.rfind(query[k], 0) == 0 : w == query[k];
        }
        if (ok)
            return true;
    }
    return false;
}

void append(std::vector<std::string>& to, std::string_view text) {
    std::vector<std::string> more = words(text);
    to.insert(to.end(), more.begin(), more.end());
}

}  // namespace

std::vector<const Permit*> Catalog::search(std::string_view query) const {
    const std::vector<std::string> q = words(query);
    std::vector<const Permit*> out;
    if (q.empty()) {
        for (const Permit& p : permits_)
            out.push_back(&p);
        return out;
    }
    // Rank 0: the query as a phrase in the name; 1: every word in the name; 2: every word in
    // name and keywords; 3: anywhere searched. Ties keep catalog order.
    std::vector<std::pair<int, const Permit*>> hits;
    for (const Permit& p : permits_) {
        std::vector<std::string> name;
        append(name, p.name);
        append(name, p.short_name);
        std::vector<std::string> with_keywords = name;
        for (const std::string& k : p.keywords)
            append(with_keywords, k);
        std::vector<std::string> everything = with_keywords;
        if (p.product)
            append(everything, *p.product);
        for (const Requirement& r : p.requirements)
            append(everything, r.text);

        int rank = -1;
        if (has_phrase(words(p.name), q) || has_phrase(words(p.short_name), q)) {
            rank = 0;
        } else if (all_match(name, q)) {
            rank = 1;
        } else if (all_match(with_keywords, q)) {
            rank = 2;
        } else if (all_match(everything, q)) {
            rank = 3;
        }
        if (rank >= 0)
            hits.emplace_back(rank, &p);
    }
    std::stable_sort(hits.begin(), hits.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& h : hits)
        out.push_back(h.second);
    return out;
}

}  // namespace loket
