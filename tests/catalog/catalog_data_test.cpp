// The shipped catalog (assets/catalog) against the seed SOPs it was taken from.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <vector>

#include "loket/catalog.hpp"

namespace loket {
namespace {

const std::filesystem::path kCatalogDir = LOKET_SOURCE_DIR "/assets/catalog";
const std::filesystem::path kSeedsDir = LOKET_SEEDS_DIR;

const Catalog& catalog() {
    static const Catalog c = Catalog::load_dir(kCatalogDir);
    return c;
}

const Permit& permit(const std::string& id) {
    const Permit* p = catalog().find(id);
    if (p == nullptr)
        throw std::runtime_error("no permit " + id);
    return *p;
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw std::runtime_error("cannot open " + path.string());
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The seed as plain text: HTML tags and markdown markup removed, &amp; decoded, every run of
// whitespace (tabs of the flattened tables, line breaks) one space.
std::string seed_plain(const std::string& file) {
    std::string s = read_file(kSeedsDir / file);
    s = std::regex_replace(s, std::regex("<[^>]*>"), " ");
    s = std::regex_replace(s, std::regex("&amp;"), "&");
    s = std::regex_replace(s, std::regex("\\*\\*|\\||#+ "), " ");
    s = std::regex_replace(s, std::regex("\\s+"), " ");
    return s;
}

std::string one_line(const std::string& s) {
    return std::regex_replace(s, std::regex("\\s+"), " ");
}

// True when text occurs in the seed, or is two long pieces that each occur there: a sentence
// the flattened table split across a page break is stored joined.
bool in_seed(const std::string& seed, const std::string& text) {
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

std::vector<std::string> lines(const std::string& s) {
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

const std::map<std::string, std::string> kSeedOf = {
    {"pelalawan-sertifikat-produksi-ukmot", "000_3cf48abed8a10743.txt"},
    {"pelalawan-iumk", "001_746104250d7f47ff.txt"},
    {"mempawah-sertifikat-standar", "002_8159accac600cd51.txt"},
    {"kaltim-ikot", "003_7fff1b62e0278594.txt"},
    {"dairi-iumk", "004_c24d3ea5b69edf93.txt"},
};

TEST(CatalogData, AllFiveSopsLoad) {
    ASSERT_EQ(catalog().permits().size(), 5u);
    for (const auto& [id, seed] : kSeedOf) {
        SCOPED_TRACE(id);
        const Permit& p = permit(id);
        EXPECT_EQ(p.source_file, seed);
        EXPECT_FALSE(p.start_service_reason.empty());
    }
}

TEST(CatalogData, StepCountsMatchTheSeeds) {
    const std::map<std::string, size_t> expected = {
        {"pelalawan-sertifikat-produksi-ukmot", 7},
        {"pelalawan-iumk", 4},
        {"mempawah-sertifikat-standar", 8},
        {"kaltim-ikot", 17},
        {"dairi-iumk", 25},
    };
    for (const auto& [id, count] : expected) {
        SCOPED_TRACE(id);
        const Permit& p = permit(id);
        ASSERT_EQ(p.steps.size(), count);
        for (size_t i = 0; i < count; ++i)
            EXPECT_EQ(p.steps[i].number, static_cast<int>(i) + 1);
    }
}

// Counts the numbered procedure rows in the seed files themselves, independently of the JSON:
// tab tables start a row with "<n>\t<activity>", the Kaltim table with "<p><n>. ".
TEST(CatalogData, StepCountsRecountedFromTheSeedFiles) {
    for (const auto& [id, seed] : kSeedOf) {
        SCOPED_TRACE(id);
        const std::string text = read_file(kSeedsDir / seed);
        const std::regex row = id == "kaltim-ikot" ? std::regex("^<p>([0-9]+)\\. ")
                                                   : std::regex("^([0-9]+)\t[^0-9\t]");
        int expected_next = 1;
        for (const std::string& line : lines(text)) {
            std::smatch m;
            if (std::regex_search(line, m, row) && std::stoi(m[1]) == expected_next) {
                ++expected_next;
            }
        }
        EXPECT_EQ(permit(id).steps.size(), static_cast<size_t>(expected_next - 1));
    }
}

TEST(CatalogData, TimeStandardsOfSpecificSteps) {
    const ProcedureStep& a10_4 = permit("pelalawan-sertifikat-produksi-ukmot").steps[3];
    EXPECT_EQ(a10_4.time.text, "3 hari kerja");
    EXPECT_EQ(a10_4.time.days_min, 3);
    EXPECT_EQ(a10_4.time.days_max, 3);
    EXPECT_FALSE(a10_4.time.minutes_min.has_value());

    const ProcedureStep& a10_2 = permit("pelalawan-sertifikat-produksi-ukmot").steps[1];
    EXPECT_EQ(a10_2.time.text, "120 menit");
    EXPECT_EQ(a10_2.time.minutes_max, 120);

    const ProcedureStep& kaltim_12 = permit("kaltim-ikot").steps[11];
    EXPECT_EQ(kaltim_12.time.text, "Hari H - H+3 10 - 30 menit");
    EXPECT_EQ(kaltim_12.time.minutes_min, 10);
    EXPECT_EQ(kaltim_12.time.minutes_max, 30);
    EXPECT_EQ(kaltim_12.time.day_offset_from, 0);
    EXPECT_EQ(kaltim_12.time.day_offset_to, 3);

    const ProcedureStep& kaltim_2 = permit("kaltim-ikot").steps[1];
    EXPECT_EQ(kaltim_2.time.text, "Sesuai kebutuhan & keperluan pemohon");
    EXPECT_FALSE(kaltim_2.time.has_duration());
    EXPECT_FALSE(kaltim_2.time.day_offset_from.has_value());

    const ProcedureStep& kaltim_10 = permit("kaltim-ikot").steps[9];
    EXPECT_EQ(kaltim_10.time.text, "Hari ke H (sesuai dengan jenis izin / non izin yang diminta)");
    EXPECT_FALSE(kaltim_10.time.has_duration());
    EXPECT_EQ(kaltim_10.time.day_offset_to, 0);

    const ProcedureStep& kaltim_14 = permit("kaltim-ikot").steps[13];
    EXPECT_EQ(kaltim_14.time.text, "Hari H - H+5 (sesuai dengan jenis permohonan)");
    EXPECT_EQ(kaltim_14.time.day_offset_to, 5);
    EXPECT_FALSE(kaltim_14.time.has_duration());

    const ProcedureStep& dairi_2 = permit("dairi-iumk").steps[1];
    EXPECT_EQ(dairi_2.time.text, "2 Jam");
    EXPECT_EQ(dairi_2.time.minutes_min, 120);
    EXPECT_EQ(dairi_2.time.minutes_max, 120);

    const ProcedureStep& dairi_7 = permit("dairi-iumk").steps[6];
    EXPECT_EQ(dairi_7.time.text, "2 Hari");
    EXPECT_EQ(dairi_7.time.days_max, 2);

    EXPECT_EQ(permit("mempawah-sertifikat-standar").steps[3].time.text, "35 Menit");
    EXPECT_EQ(permit("mempawah-sertifikat-standar").steps[3].time.minutes_max, 35);
}

TEST(CatalogData, StepTotals) {
    EXPECT_EQ(permit("pelalawan-sertifikat-produksi-ukmot").total_step_minutes(), 165);
    EXPECT_EQ(permit("pelalawan-sertifikat-produksi-ukmot").total_step_days(), 5);
    EXPECT_EQ(permit("pelalawan-iumk").total_step_minutes(), 165);
    EXPECT_EQ(permit("pelalawan-iumk").total_step_days(), 0);
    EXPECT_EQ(permit("mempawah-sertifikat-standar").total_step_minutes(), 155);
    EXPECT_EQ(permit("kaltim-ikot").total_step_minutes(), 220);
    EXPECT_EQ(permit("dairi-iumk").total_step_minutes(), 1185);
    EXPECT_EQ(permit("dairi-iumk").total_step_days(), 4);
}

TEST(CatalogData, KaltimSectionsGToQ) {
    const Permit& p = permit("kaltim-ikot");
    ASSERT_EQ(p.requirements.size(), 21u);
    EXPECT_EQ(p.requirements.front().text, "Surat Permohonan");
    EXPECT_EQ(p.requirements.front().source, "G. PERSYARATAN PELAYANAN no. 1");
    EXPECT_EQ(p.requirements[19].text, "Rekomendasi dari Kepala Balai setempat; dan");
    EXPECT_EQ(p.requirements.back().text, "Rekomendasi dari Kepala Dinas Kesehatan Kab/Kota");
    EXPECT_EQ(p.requirements.back().source, "G. PERSYARATAN PELAYANAN no. 21");

    EXPECT_EQ(p.completion_time,
              "Jangka waktu penyelesaian / diterbitkannya Izin Industri Kecil Obat Tradisional "
              "(IKOT) ini adalah selambat-lambatnya 7 (tujuh) hari sejak diterimanya rekomendasi "
              "teknis dari Dinas Kesehatan.");
    EXPECT_EQ(p.cost, "Biaya penerbitan perizinan ini tidak ada / tanpa tarif / gratis.");
    EXPECT_EQ(p.product, "Surat Izin Industri Kecil Obat Tradisional (IKOT)");
    EXPECT_EQ(p.validity,
              "Masa berlaku Izin Industri Kecil Obat Tradisional (IKOT) adalah selama perusahaan "
              "menjalankan kegiatan usahanya atau sampai berakhir operasional.");
    EXPECT_EQ(p.service_hours, (std::vector<std::string>{"Senin-Kamis 08.00-19.00 WITA",
                                                         "Jum'at 08.00- 11.00 WITA"}));
    ASSERT_EQ(p.complaint_channels.size(), 3u);
    EXPECT_EQ(p.complaint_channels[1],
              "Melalui media SMS, Telp atau pengaduan / keluhan langsung kepada Petugas terkait.");
    EXPECT_EQ(p.start_service, "informasi");
    EXPECT_EQ(p.sop.number, "SOP-LP2N-KES-03");
    EXPECT_EQ(p.sop.revision, "03");
}

TEST(CatalogData, UnstatedFactsStayEmpty) {
    for (const char* id : {"pelalawan-sertifikat-produksi-ukmot", "pelalawan-iumk",
                           "mempawah-sertifikat-standar", "dairi-iumk"}) {
        SCOPED_TRACE(id);
        const Permit& p = permit(id);
        EXPECT_FALSE(p.completion_time.has_value());
        EXPECT_FALSE(p.cost.has_value());
        EXPECT_FALSE(p.product.has_value());
        EXPECT_FALSE(p.validity.has_value());
        EXPECT_TRUE(p.service_hours.empty());
        EXPECT_TRUE(p.complaint_channels.empty());
    }
}

TEST(CatalogData, RequirementsTakenFromTheProcedureColumns) {
    const Permit& a10 = permit("pelalawan-sertifikat-produksi-ukmot");
    ASSERT_GE(a10.requirements.size(), 4u);
    EXPECT_EQ(a10.requirements[0].text, "e-mail aktif");
    EXPECT_EQ(a10.requirements[3].text, "NPWP Valid-KSWP");
    EXPECT_NE(a10.requirements[0].source.find("Prosedur no. 1"), std::string::npos);
    EXPECT_EQ(permit("dairi-iumk").requirements.at(0).text, "Berkas Permohonan");
    // Mempawah's Kelengkapan column lists equipment, not documents.
    EXPECT_TRUE(permit("mempawah-sertifikat-standar").requirements.empty());
}

TEST(CatalogData, ActorsFromTheTableMarks) {
    const ProcedureStep& dairi_2 = permit("dairi-iumk").steps[1];
    EXPECT_EQ(dairi_2.actor_source, "table");
    EXPECT_EQ(dairi_2.actors,
              (std::vector<std::string>{"Pemohon", "Penerima Berkas/ Front Office"}));
    EXPECT_EQ(
        permit("dairi-iumk").steps[13].actors,
        (std::vector<std::string>{"Penerima Berkas/ Front Office", "Backoffice/ Ka Seksi Pel I"}));
    const Permit& a10 = permit("pelalawan-sertifikat-produksi-ukmot");
    EXPECT_EQ(a10.steps[0].actors, std::vector<std::string>{"Pemohon"});  // MULAI
    EXPECT_EQ(a10.steps[6].actors, std::vector<std::string>{"Pemohon"});  // SELESAI
    EXPECT_EQ(a10.steps[1].actor_source, "unmarked");
    EXPECT_TRUE(a10.steps[1].actors.empty());
    const Permit& kaltim = permit("kaltim-ikot");
    EXPECT_EQ(kaltim.steps[8].actors, std::vector<std::string>{"PETUGAS PENGHUBUNG"});
    EXPECT_EQ(kaltim.steps[11].actors, std::vector<std::string>{"KEPALA SEKSI LAYANAN"});
    EXPECT_EQ(kaltim.steps[4].actor_source, "text");  // "Help Desk menerima ..."
}

TEST(CatalogData, StartServices) {
    EXPECT_EQ(permit("kaltim-ikot").start_service, "informasi");
    EXPECT_EQ(permit("mempawah-sertifikat-standar").start_service, "informasi");
    EXPECT_EQ(permit("pelalawan-iumk").start_service, "pendaftaran");
    EXPECT_EQ(permit("pelalawan-sertifikat-produksi-ukmot").start_service, "pendaftaran");
    EXPECT_EQ(permit("dairi-iumk").start_service, "pendaftaran");
}

// Faithfulness: every piece of SOP text in the catalog occurs in its seed file (after removing
// markup), so nothing was retyped, corrected or invented. Steps are checked line by line.
TEST(CatalogData, EveryTextComesFromItsSeed) {
    for (const auto& [id, seed_file] : kSeedOf) {
        SCOPED_TRACE(id);
        const Permit& p = permit(id);
        const std::string seed = seed_plain(seed_file);
        auto check = [&](const std::string& what, const std::string& text) {
            if (text.empty())
                return;
            EXPECT_TRUE(in_seed(seed, text)) << what << ": \"" << text << "\"";
        };
        for (const ProcedureStep& s : p.steps) {
            const std::string at = "step " + std::to_string(s.number);
            // The time text must occur exactly, never pieced together.
            if (!s.time.text.empty()) {
                EXPECT_NE(seed.find(one_line(s.time.text)), std::string::npos)
                    << at << " time: \"" << s.time.text << "\"";
            }
            for (const auto& l : lines(s.activity))
                check(at + " activity", l);
            for (const auto& l : lines(s.input))
                check(at + " input", l);
            for (const auto& l : lines(s.output))
                check(at + " output", l);
            for (const auto& l : lines(s.note))
                check(at + " note", l);
            for (const auto& a : s.actors)
                check(at + " actor", a);
        }
        for (const auto& r : p.requirements)
            check("requirement", r.text);
        check("name", p.name);
        check("office", p.office);
        check("sop.number", p.sop.number);
        check("sop.title", p.sop.title);
        check("sop.created", p.sop.created);
        check("sop.effective", p.sop.effective);
        for (const auto* list :
             {&p.legal_basis, &p.executor_qualifications, &p.related_sops, &p.equipment,
              &p.warnings, &p.record_keeping, &p.complaint_channels, &p.service_hours}) {
            for (const auto& item : *list)
                check("list item", item);
        }
        for (const auto* fact : {&p.completion_time, &p.cost, &p.product, &p.validity}) {
            if (*fact)
                check("stated fact", **fact);
        }
    }
}

TEST(CatalogData, ApiJsonCarriesTheNormalisedTime) {
    const nlohmann::json j = to_json(permit("kaltim-ikot"));
    const nlohmann::json& time = j.at("steps").at(11).at("time");
    EXPECT_EQ(time.at("text"), "Hari H - H+3 10 - 30 menit");
    EXPECT_EQ(time.at("minutes_min"), 10);
    EXPECT_EQ(time.at("minutes_max"), 30);
    EXPECT_EQ(time.at("day_offset_from"), 0);
    EXPECT_EQ(time.at("day_offset_to"), 3);
    EXPECT_TRUE(time.at("days_min").is_null());
    EXPECT_EQ(j.at("requirements").size(), 21u);
    EXPECT_EQ(j.at("total_step_minutes"), 220);
    EXPECT_EQ(j.at("cost"), "Biaya penerbitan perizinan ini tidak ada / tanpa tarif / gratis.");

    const nlohmann::json dairi = to_json(permit("dairi-iumk"));
    EXPECT_TRUE(dairi.at("cost").is_null());
    EXPECT_TRUE(dairi.at("validity").is_null());
    EXPECT_EQ(dairi.at("steps").size(), 25u);
    EXPECT_EQ(dairi.at("steps").at(1).at("time").at("minutes_max"), 120);
}

// The API form keeps every field name the catalog file uses, so clients and editors share one
// vocabulary.
TEST(CatalogData, ApiJsonUsesTheFileFieldNames) {
    const std::string file = read_file(kCatalogDir / "kaltim-ikot.json");
    const nlohmann::json source = nlohmann::json::parse(file);
    const nlohmann::json api = to_json(permit("kaltim-ikot"));
    for (const auto& [key, value] : source.items()) {
        EXPECT_TRUE(api.contains(key)) << key;
    }
    for (const auto& [key, value] : source.at("steps").at(0).items()) {
        EXPECT_TRUE(api.at("steps").at(0).contains(key)) << key;
    }
}

}  // namespace
}  // namespace loket
