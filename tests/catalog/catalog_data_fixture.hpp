#pragma once
// What the catalog data tests share: the shipped catalog's permits, the SOP texts it was taken
// from (assets/catalog/sources) as plain text, and which seed file each permit comes from.
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <regex>
#include <stdexcept>
#include <string>
#include <vector>

#include "loket/catalog.hpp"
#include "office_catalog.hpp"

namespace loket::catalog_data_test {

inline const std::filesystem::path kCatalogDir = LOKET_SOURCE_DIR "/assets/catalog";
inline const std::filesystem::path kSeedsDir = LOKET_SEEDS_DIR;

inline const catalog::Permit& permit(const std::string& id) {
    const catalog::Permit* p = testing::office_catalog().find(id);
    if (p == nullptr)
        throw std::runtime_error("no permit " + id);
    return *p;
}

inline std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw std::runtime_error("cannot open " + path.string());
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The seed as plain text: HTML tags and markdown markup removed, &amp; decoded, every run of
// whitespace (tabs of the flattened tables, line breaks) one space.
inline std::string seed_plain(const std::string& file) {
    std::string s = read_file(kSeedsDir / file);
    s = std::regex_replace(s, std::regex("<[^>]*>"), " ");
    s = std::regex_replace(s, std::regex("&amp;"), "&");
    s = std::regex_replace(s, std::regex("\\*\\*|\\||#+ "), " ");
    s = std::regex_replace(s, std::regex("\\s+"), " ");
    return s;
}

inline std::string one_line(const std::string& s) {
    return std::regex_replace(s, std::regex("\\s+"), " ");
}

// True when text occurs in the seed, or is two long pieces that each occur there: a sentence
// the flattened table split across a page break is stored joined.
inline bool in_seed(const std::string& seed, const std::string& text) {
    constexpr size_t kMinPiece = 20;
    const std::string t = one_line(text);
    if (seed.find(t) != std::string::npos)
        return true;
    for (size_t cut = t.find(' '); cut != std::string::npos; cut = t.find(' ', cut + 1)) {
        if (cut < kMinPiece || t.size() - cut - 1 < kMinPiece)
            continue;
        if (seed.find(t.substr(0, cut)) != std::string::npos &&
            seed.find(t.substr(cut + 1)) != std::string::npos) {
            return true;
        }
    }
    return false;
}

inline std::vector<std::string> lines(const std::string& s) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start <= s.size()) {
        const size_t end = std::min(s.find('\n', start), s.size());
        if (end > start)
            out.push_back(s.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

inline const std::map<std::string, std::string> kSeedOf = {
    {"pelalawan-sertifikat-produksi-ukmot", "pelalawan-sertifikat-produksi-ukmot.txt"},
    {"pelalawan-iumk", "pelalawan-iumk.txt"},
    {"mempawah-sertifikat-standar", "mempawah-sertifikat-standar.txt"},
    {"kaltim-ikot", "kaltim-ikot.txt"},
    {"dairi-iumk", "dairi-iumk.txt"},
};

}  // namespace loket::catalog_data_test
