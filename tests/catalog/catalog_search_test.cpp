// Kiosk search over the shipped catalog and over a small made-up one for ranking.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "loket/catalog.hpp"

namespace loket {
namespace {

const Catalog& catalog() {
    static const Catalog c = Catalog::load_dir(LOKET_SOURCE_DIR "/assets/catalog");
    return c;
}

std::vector<std::string> ids(const std::vector<const Permit*>& hits) {
    std::vector<std::string> out;
    for (const Permit* p : hits)
        out.push_back(p->id);
    return out;
}

std::vector<std::string> search(const std::string& query) {
    return ids(catalog().search(query));
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
    const std::vector<std::string> both = {"dairi-iumk", "pelalawan-iumk"};
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
    EXPECT_EQ(search("sertif"), (std::vector<std::string>{"mempawah-sertifikat-standar",
                                                          "pelalawan-sertifikat-produksi-ukmot"}));
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
    for (const Permit& p : catalog().permits())
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

Permit made_up(const std::string& id, const std::string& name, std::vector<std::string> keywords,
               std::vector<std::string> requirements) {
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
    return Catalog::parse_permit(doc, id);
}

TEST(CatalogSearch, NameMatchesRankFirst) {
    Catalog c;
    c.add(made_up("by-requirement", "Izin Satu", {}, {"Surat reklame"}));
    c.add(made_up("by-keyword", "Izin Dua", {"reklame"}, {}));
    c.add(made_up("by-words", "Reklame dan Papan Izin", {}, {}));
    c.add(made_up("by-phrase", "Izin Reklame", {}, {}));
    EXPECT_EQ(ids(c.search("reklame")),
              (std::vector<std::string>{"by-words", "by-phrase", "by-keyword", "by-requirement"}));
    EXPECT_EQ(ids(c.search("izin reklame")),
              (std::vector<std::string>{"by-phrase", "by-words", "by-keyword", "by-requirement"}));
}

}  // namespace
}  // namespace loket
