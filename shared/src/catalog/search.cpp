// Kiosk search over the catalog. Applicants type on a touchscreen, in any case, sometimes with
// accents copied from elsewhere, often only the start of a word ("sertif"), sometimes with a
// slip of the finger ("sertifkat"), so matching is on folded word prefixes, with one typo
// allowed in longer words, and every query word has to match somewhere. Ranks: docs/catalog.md.
#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "loket/catalog.hpp"

namespace loket::catalog {
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

bool starts_with(std::string_view word, std::string_view prefix) {
    return word.size() >= prefix.size() && word.compare(0, prefix.size(), prefix) == 0;
}

bool has_prefix_word(const std::vector<std::string>& haystack, const std::string& word) {
    return std::any_of(haystack.begin(), haystack.end(),
                       [&](const std::string& w) { return starts_with(w, word); });
}

// Typos are only guessed for words this long: shorter ones ("nib", "pbg") are abbreviations,
// where one letter off is another abbreviation.
constexpr std::size_t kMinTypoWord = 4;

// The query word with one typo, against a whole word or against the start of one (the
// applicant is still typing): the start as long as the query, or one letter shorter or longer.
bool typo_word(const std::vector<std::string>& haystack, const std::string& q) {
    if (q.size() < kMinTypoWord)
        return false;
    for (const std::string& w : haystack) {
        if (within_one_edit(q, w))
            return true;
        for (std::size_t len = q.size() - 1; len <= q.size() + 1; ++len) {
            if (len >= kMinTypoWord && len < w.size() &&
                within_one_edit(q, std::string_view(w).substr(0, len)))
                return true;
        }
    }
    return false;
}

// The query words in order as consecutive words of the haystack (the last may be a prefix).
bool has_phrase(const std::vector<std::string>& haystack, const std::vector<std::string>& query) {
    if (query.size() < 2 || haystack.size() < query.size())
        return false;
    for (size_t i = 0; i + query.size() <= haystack.size(); ++i) {
        bool ok = true;
        for (size_t k = 0; k < query.size() && ok; ++k) {
            const std::string& w = haystack[i + k];
            ok = k + 1 == query.size() ? starts_with(w, query[k]) : w == query[k];
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

std::string joined(const std::vector<std::string>& ws) {
    std::string out;
    for (const std::string& w : ws)
        out += (out.empty() ? "" : " ") + w;
    return out;
}

// A keyword written as an abbreviation: capitals (and digits), no spaces, e.g. "IUMK", "NIB".
bool is_abbreviation(std::string_view keyword) {
    bool letters = false;
    for (const char c : keyword) {
        if (c >= 'A' && c <= 'Z')
            letters = true;
        else if (!(c >= '0' && c <= '9') && c != '-')
            return false;
    }
    return letters && keyword.size() >= 2;
}

// Lower is better; -1: no match.
int rank_of(const PermitSearchWords& w, const std::vector<std::string>& q,
            const std::string& whole) {
    if (std::find(w.wholes.begin(), w.wholes.end(), whole) != w.wholes.end())
        return 0;
    if (has_phrase(w.name_phrase, q) || has_phrase(w.short_phrase, q))
        return 1;
    bool in_name = true, in_keywords = true, anywhere = true, with_typo = true;
    for (const std::string& word : q) {
        const bool name = has_prefix_word(w.name, word);
        const bool keyword = name || has_prefix_word(w.keywords, word);
        const bool other = keyword || has_prefix_word(w.other, word);
        in_name = in_name && name;
        in_keywords = in_keywords && keyword;
        anywhere = anywhere && other;
        with_typo = with_typo && (other || typo_word(w.typo, word));
        if (!with_typo)
            return -1;
    }
    return in_name ? 2 : in_keywords ? 3 : anywhere ? 4 : 5;
}

}  // namespace

bool within_one_edit(std::string_view a, std::string_view b) {
    if (a.size() < b.size())
        std::swap(a, b);
    if (a.size() - b.size() > 1)
        return false;
    std::size_t i = 0;
    while (i < b.size() && a[i] == b[i])
        ++i;
    if (i == b.size())
        return true;  // equal, or one extra letter at the end of a
    if (a.size() != b.size())
        return a.substr(i + 1) == b.substr(i);  // one letter inserted into a
    if (a.substr(i + 1) == b.substr(i + 1))
        return true;  // one letter substituted
    return i + 1 < a.size() && a[i] == b[i + 1] && a[i + 1] == b[i] &&
           a.substr(i + 2) == b.substr(i + 2);  // two neighbours swapped
}

PermitSearchWords search_words(const Permit& p) {
    PermitSearchWords w;
    w.name_phrase = words(p.name);
    w.short_phrase = words(p.short_name);
    w.name = w.name_phrase;
    w.name.insert(w.name.end(), w.short_phrase.begin(), w.short_phrase.end());
    for (const std::string& k : p.keywords)
        append(w.keywords, k);
    append(w.keywords, p.category);
    if (p.product)
        append(w.other, *p.product);
    for (const Requirement& r : p.requirements)
        append(w.other, r.text);
    // Abbreviations: the short name (when not the name), capitals-only keywords, and what the
    // name has in brackets ("... (IKOT)").
    std::vector<std::string> abbreviations;
    if (p.short_name != p.name)
        abbreviations = w.short_phrase;
    for (const std::string& k : p.keywords)
        if (is_abbreviation(k))
            append(abbreviations, k);
    for (std::size_t open = p.name.find('('); open != std::string::npos;
         open = p.name.find('(', open + 1)) {
        const std::size_t close = p.name.find(')', open);
        append(abbreviations,
               std::string_view(p.name).substr(
                   open + 1, close == std::string::npos ? std::string::npos : close - open - 1));
    }
    for (const auto* list : {&w.name, &w.keywords}) {
        for (const std::string& word : *list) {
            if (word.size() >= kMinTypoWord &&
                std::find(abbreviations.begin(), abbreviations.end(), word) ==
                    abbreviations.end() &&
                std::find(w.typo.begin(), w.typo.end(), word) == w.typo.end())
                w.typo.push_back(word);
        }
    }
    w.sort_key = joined(w.name_phrase);
    w.wholes.push_back(w.sort_key);
    if (!w.short_phrase.empty())
        w.wholes.push_back(joined(w.short_phrase));
    for (const std::string& k : p.keywords)
        if (is_abbreviation(k))
            w.wholes.push_back(joined(words(k)));
    return w;
}

std::vector<const Permit*> Catalog::search(std::string_view query) const {
    const std::vector<std::string> q = words(query);
    std::vector<const Permit*> out;
    if (q.empty()) {
        for (const Permit& p : permits_)
            out.push_back(&p);
        return out;
    }
    const std::string whole = joined(q);
    struct Hit {
        int rank;
        std::size_t index;
    };
    std::vector<Hit> hits;
    for (std::size_t i = 0; i < permits_.size(); ++i) {
        const int rank = rank_of(words_[i], q, whole);
        if (rank >= 0)
            hits.push_back({rank, i});
    }
    std::sort(hits.begin(), hits.end(), [&](const Hit& a, const Hit& b) {
        if (a.rank != b.rank)
            return a.rank < b.rank;
        const std::string& ka = words_[a.index].sort_key;
        const std::string& kb = words_[b.index].sort_key;
        return ka != kb ? ka < kb : a.index < b.index;
    });
    for (const Hit& h : hits)
        out.push_back(&permits_[h.index]);
    return out;
}

}  // namespace loket::catalog
