// Kiosk search over the shipped catalog and over a small made-up one for ranking.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "generated_catalog.hpp"
#include "loket/catalog.hpp"
#include "office_catalog.hpp"

namespace loket {
namespace {

std::vector<std::string> ids(const std::vector<const catalog::Permit*>& hits) {
    std::vector<std::string> out;
    for (const catalog::Permit* p : hits)
        out.push_back(p->id);
    return out;
}

std::vector<std::string> search(const std::string& query) {
    return ids(testing::office_catalog().search(query));
}

bool contains(const std::vector<std::string>& v, const std::string& id) {
    return std::find(v.begin(), v.end(), id) != v.end();
}

TEST(CatalogSearch, UsahaMikroFindsBothIumkPermitsFirst) {
    const auto hits = search("usaha mikro");
    ASSERT_GE(hits.size(), 2u);
    const std::vector<std::string> first_two(hits.begin(), hits.begin() + 2);
    EXPECT_TRUE(contains(first_two, "pelalawan-iumk"));
    EXPECT_TRUE(contains(first_two, "dairi-iumk"));
}

TEST(CatalogSearch, CaseInsensitive) {
    // Both are abbreviation matches; A-Z by name: "... MIKRO DAN KECIL" before "... MIKRO KECIL".
    const std::vector<std::string> both = {"pelalawan-iumk", "dairi-iumk"};
    EXPECT_EQ(search("IUMK"), both);
    EXPECT_EQ(search("iumk"), both);
    EXPECT_EQ(search("IuMk"), both);
}

TEST(CatalogSearch, AccentInsensitive) {
    EXPECT_EQ(search("sértifikat stándar"),
              std::vector<std::string>{"mempawah-sertifikat-standar"});
    EXPECT_EQ(search("OBAT TRADISIÓNAL"), search("obat tradisional"));
    // Decomposed accent (e + combining acute) folds the same way.
    EXPECT_EQ(search("se\xCC\x81rtifikat standar"),
              std::vector<std::string>{"mempawah-sertifikat-standar"});
}

TEST(CatalogSearch, EveryWordMustMatch) {
    EXPECT_EQ(search("obat tradisional"),
              (std::vector<std::string>{"kaltim-ikot", "pelalawan-sertifikat-produksi-ukmot"}));
    EXPECT_EQ(search("obat mikro"),
              std::vector<std::string>{"pelalawan-sertifikat-produksi-ukmot"});
    EXPECT_TRUE(search("iumk paspor").empty());
}

TEST(CatalogSearch, WordPrefixes) {
    // A-Z within the rank: "SERTIFIKAT PRODUKSI ..." before "Sertifikat Standar".
    EXPECT_EQ(search("sertif"), (std::vector<std::string>{"pelalawan-sertifikat-produksi-ukmot",
                                                          "mempawah-sertifikat-standar"}));
    // A prefix has to start a word: "umk" is not found inside "iumk".
    EXPECT_FALSE(contains(search("umk"), "kaltim-ikot"));
}

TEST(CatalogSearch, KeywordsAbbreviationsProductAndRequirements) {
    EXPECT_EQ(search("SS"), std::vector<std::string>{"mempawah-sertifikat-standar"});
    EXPECT_EQ(search("IKOT"), std::vector<std::string>{"kaltim-ikot"});
    EXPECT_TRUE(contains(search("NIB"), "pelalawan-iumk"));
    EXPECT_TRUE(contains(search("OSS"), "dairi-iumk"));
    EXPECT_EQ(search("jamu"),
              (std::vector<std::string>{"kaltim-ikot", "pelalawan-sertifikat-produksi-ukmot"}));
    // Requirements: Kaltim's "Fotocopy Nomor Pokok Wajib Pajak (NPWP)", Pelalawan's
    // "NPWP Valid-KSWP".
    EXPECT_EQ(search("npwp"), (std::vector<std::string>{"kaltim-ikot", "pelalawan-iumk",
                                                        "pelalawan-sertifikat-produksi-ukmot"}));
    EXPECT_EQ(search("surat izin industri"), std::vector<std::string>{"kaltim-ikot"});
}

TEST(CatalogSearch, EmptyQueryReturnsAllInCatalogOrder) {
    std::vector<std::string> all;
    for (const catalog::Permit& p : testing::office_catalog().permits())
        all.push_back(p.id);
    ASSERT_EQ(all.size(), 5u);
    EXPECT_EQ(search(""), all);
    EXPECT_EQ(search("   "), all);
    EXPECT_EQ(search(" - / "), all);
}

TEST(CatalogSearch, NoMatch) {
    EXPECT_TRUE(search("paspor").empty());
}

TEST(CatalogSearch, PhraseInNameBeatsCatalogOrder) {
    // "usaha kecil" is a phrase only in the Pelalawan A.10 name, which sorts last.
    const auto hits = search("usaha kecil");
    ASSERT_FALSE(hits.empty());
    EXPECT_EQ(hits.front(), "pelalawan-sertifikat-produksi-ukmot");
}

catalog::Permit made_up(const std::string& id, const std::string& name,
                        std::vector<std::string> keywords, std::vector<std::string> requirements) {
    nlohmann::json doc = {
        {"id", id},
        {"name", name},
        {"office", "Dinas"},
        {"sop", {{"number", "1"}}},
        {"steps", {{{"number", 1}, {"activity", "A"}, {"actor_source", "unmarked"}}}},
        {"keywords", keywords},
        {"start_service", "informasi"},
        {"start_service_reason", "step 1"},
    };
    for (const auto& r : requirements)
        doc["requirements"].push_back({{"text", r}, {"source", "G"}});
    return catalog::Catalog::parse_permit(doc, id);
}

TEST(CatalogSearch, NameMatchesRankFirst) {
    catalog::Catalog c;
    c.add(made_up("by-requirement", "Izin Satu", {}, {"Surat reklame"}));
    c.add(made_up("by-keyword", "Izin Dua", {"reklame"}, {}));
    c.add(made_up("by-words", "Reklame dan Papan Izin", {}, {}));
    c.add(made_up("by-phrase", "Izin Reklame", {}, {}));
    // Name hits A-Z ("Izin Reklame" before "Reklame dan ..."), then keyword, then requirement.
    EXPECT_EQ(ids(c.search("reklame")),
              (std::vector<std::string>{"by-phrase", "by-words", "by-keyword", "by-requirement"}));
    EXPECT_EQ(ids(c.search("izin reklame")),
              (std::vector<std::string>{"by-phrase", "by-words", "by-keyword", "by-requirement"}));
}

TEST(CatalogSearch, WithinOneEdit) {
    EXPECT_TRUE(catalog::within_one_edit("izin", "izin"));
    EXPECT_TRUE(catalog::within_one_edit("izin", "izim"));   // substitution
    EXPECT_TRUE(catalog::within_one_edit("izin", "iziin"));  // insertion
    EXPECT_TRUE(catalog::within_one_edit("izin", "izn"));    // deletion
    EXPECT_TRUE(catalog::within_one_edit("izin", "izni"));   // neighbours swapped
    EXPECT_TRUE(catalog::within_one_edit("izin", "zizn") == false);
    EXPECT_FALSE(catalog::within_one_edit("izin", "izinan"));  // two inserted
    EXPECT_FALSE(catalog::within_one_edit("izin", "ixim"));    // two substituted
    EXPECT_FALSE(catalog::within_one_edit("abcd", "badc"));    // two swaps
    EXPECT_TRUE(catalog::within_one_edit("", "a"));
    EXPECT_FALSE(catalog::within_one_edit("", "ab"));
}

// One row: a query and the permits it must give, in order (the whole result).
struct QueryRow {
    const char* query;
    std::vector<std::string> expected;
};

TEST(CatalogSearch, SeedCatalogTable) {
    const std::vector<QueryRow> rows = {
        // Indonesian words and prefixes.
        // Kaltim last: "usaha" is only in its requirements ("berusaha" does not start with it).
        {"usaha",
         {"pelalawan-iumk", "dairi-iumk", "pelalawan-sertifikat-produksi-ukmot", "kaltim-ikot"}},
        {"kesehatan", {"kaltim-ikot", "pelalawan-sertifikat-produksi-ukmot"}},
        {"obat trad", {"kaltim-ikot", "pelalawan-sertifikat-produksi-ukmot"}},
        // Abbreviations, whole and prefix, any case.
        {"iumk", {"pelalawan-iumk", "dairi-iumk"}},
        {"IUM", {"pelalawan-iumk", "dairi-iumk"}},
        {"ikot", {"kaltim-ikot"}},
        {"Nib", {"pelalawan-iumk", "pelalawan-sertifikat-produksi-ukmot"}},
        // One typo, in words of four letters or more.
        {"sertifkat standar", {"mempawah-sertifikat-standar"}},
        {"tradisonal", {"kaltim-ikot", "pelalawan-sertifikat-produksi-ukmot"}},
        {"mikor", {"pelalawan-iumk", "dairi-iumk", "pelalawan-sertifikat-produksi-ukmot"}},
        // An abbreviation one letter off is another abbreviation, never a typo: IKOT is not UKOT.
        {"ukot", {"kaltim-ikot", "pelalawan-sertifikat-produksi-ukmot"}},
        {"ikut", {}},
        // Too short for a typo, and two typos: nothing.
        {"nbi", {}},
        {"sretifkat", {}},
    };
    for (const QueryRow& row : rows)
        EXPECT_EQ(search(row.query), row.expected) << "query: " << row.query;
}

const catalog::Catalog& generated() {
    static const catalog::Catalog c = [] {
        catalog::Catalog out;
        for (const auto& doc : loket::testing::generated_catalog(300))
            out.add(catalog::Catalog::parse_permit(doc, doc.at("id").get<std::string>()));
        return out;
    }();
    return c;
}

std::vector<std::string> names(const std::vector<const catalog::Permit*>& hits,
                               std::size_t max = 100) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < hits.size() && i < max; ++i)
        out.push_back(hits[i]->name);
    return out;
}

TEST(CatalogSearch, GeneratedCatalogLoadsWith300PermitsInThirteenCategoriesAndOthers) {
    ASSERT_EQ(generated().permits().size(), 300u);
    std::set<std::string> categories;
    for (const catalog::Permit& p : generated().permits())
        categories.insert(p.category);
    EXPECT_EQ(categories.size(), 14u);  // thirteen sectors and "" (Lainnya)
    EXPECT_TRUE(categories.count(""));
}

TEST(CatalogSearch, GeneratedCatalogTable) {
    // The first results of each query (the whole result when it has fewer).
    const std::vector<std::pair<const char*, std::vector<std::string>>> rows = {
        // An abbreviation: its permits first (the whole abbreviation), A-Z.
        {"PBG",
         {"Persetujuan Bangunan Gedung (PBG) - Baru",
          "Persetujuan Bangunan Gedung (PBG) - Duplikat",
          "Persetujuan Bangunan Gedung (PBG) - Perpanjangan",
          "Persetujuan Bangunan Gedung (PBG) - Perubahan"}},
        {"siup",
         {"Surat Izin Usaha Perdagangan (SIUP) - Baru",
          "Surat Izin Usaha Perdagangan (SIUP) - Duplikat",
          "Surat Izin Usaha Perdagangan (SIUP) - Perpanjangan",
          "Surat Izin Usaha Perdagangan (SIUP) - Perubahan",
          "Surat Izin Usaha Perikanan (SIUP) - Baru",
          "Surat Izin Usaha Perikanan (SIUP) - Perpanjangan",
          "Surat Izin Usaha Perikanan (SIUP) - Perubahan",
          // then a prefix: SIUP-MB
          "Surat Izin Usaha Perdagangan Minuman Beralkohol (SIUP-MB) - Baru"}},
        {"iumk",
         {"Izin Usaha Mikro dan Kecil (IUMK) - Baru",
          "Izin Usaha Mikro dan Kecil (IUMK) - Duplikat",
          "Izin Usaha Mikro dan Kecil (IUMK) - Perpanjangan",
          "Izin Usaha Mikro dan Kecil (IUMK) - Perubahan"}},
        // Words and a typo: "bangunan" exact, "gedumg" one letter off.
        {"bangunan gedumg",
         {"Persetujuan Bangunan Gedung (PBG) - Baru",
          "Persetujuan Bangunan Gedung (PBG) - Duplikat",
          "Persetujuan Bangunan Gedung (PBG) - Perpanjangan",
          "Persetujuan Bangunan Gedung (PBG) - Perubahan"}},
        {"apotke",
         {"Izin Apotek - Baru", "Izin Apotek - Duplikat", "Izin Apotek - Perpanjangan",
          "Izin Apotek - Perubahan"}},
    };
    for (const auto& [query, expected] : rows)
        EXPECT_EQ(names(generated().search(query), expected.size()), expected)
            << "query: " << query;
    // "NIB" is the abbreviation of one type and a requirement of every permit: the type first.
    const auto nib = names(generated().search("NIB"));
    ASSERT_GE(nib.size(), 5u);
    EXPECT_EQ(nib[0], "Nomor Induk Berusaha (NIB) - Baru");
    EXPECT_EQ(nib[3], "Nomor Induk Berusaha (NIB) - Perubahan");
    EXPECT_EQ(nib[4].find("Nomor Induk"), std::string::npos);
}

TEST(CatalogSearch, TypoMatchesRankBelowExactAndPrefixMatches) {
    // "hotel" is a word of one type; "hote" (prefix) and "hotle" (typo) find the same ones, but a
    // typo never outranks a real match: "karaoke" beats "karaoek" names.
    EXPECT_EQ(names(generated().search("hote")), names(generated().search("hotel")));
    EXPECT_EQ(names(generated().search("hotle")), names(generated().search("hotel")));
    catalog::Catalog c;
    c.add(made_up("typo", "Izin Tambak", {}, {}));
    c.add(made_up("exact", "Izin Tambang", {}, {}));
    // "tamban" starts "Tambang" and is one letter off "Tambak".
    EXPECT_EQ(ids(c.search("tamban")), (std::vector<std::string>{"exact", "typo"}));
    EXPECT_EQ(ids(c.search("tambak")), (std::vector<std::string>{"typo", "exact"}));
}

TEST(CatalogSearch, EveryGeneratedNameFindsItsPermitFirstRank) {
    for (const catalog::Permit& p : generated().permits()) {
        const auto hits = generated().search(p.name);
        ASSERT_FALSE(hits.empty()) << p.name;
        EXPECT_EQ(hits.front()->id, p.id) << p.name;
    }
}

}  // namespace
}  // namespace loket
