// The shipped catalog (assets/catalog) against the SOP texts it was taken from, which the
// repository keeps beside it (assets/catalog/sources). The expected values are the SOPs' own.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "loket/catalog.hpp"
#include "office_catalog.hpp"

namespace loket {
namespace {

const std::filesystem::path kCatalogDir = LOKET_SOURCE_DIR "/assets/catalog";
const std::filesystem::path kSeedsDir = LOKET_SEEDS_DIR;

const catalog::Permit& permit(const std::string& id) {
    const catalog::Permit* p = testing::office_catalog().find(id);
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
    {"pelalawan-sertifikat-produksi-ukmot", "pelalawan-sertifikat-produksi-ukmot.txt"},
    {"pelalawan-iumk", "pelalawan-iumk.txt"},
    {"mempawah-sertifikat-standar", "mempawah-sertifikat-standar.txt"},
    {"kaltim-ikot", "kaltim-ikot.txt"},
    {"dairi-iumk", "dairi-iumk.txt"},
};

TEST(CatalogData, AllFiveSopsLoad) {
    ASSERT_EQ(testing::office_catalog().permits().size(), 5u);
    for (const auto& [id, seed] : kSeedOf) {
        SCOPED_TRACE(id);
        const catalog::Permit& p = permit(id);
        // source_file names the SOP text inside the repository, relative to the catalog.
        EXPECT_EQ(p.source_file, "sources/" + seed);
        EXPECT_TRUE(std::filesystem::is_regular_file(kCatalogDir / p.source_file));
        EXPECT_FALSE(p.start_service_reason.empty());
    }
}

// The tests read the SOP texts from inside the repository, so a clone on its own passes.
TEST(CatalogData, SourcesLiveInTheRepository) {
    const auto seeds = std::filesystem::weakly_canonical(kSeedsDir);
    const auto repo = std::filesystem::weakly_canonical(LOKET_SOURCE_DIR);
    EXPECT_EQ(seeds, std::filesystem::weakly_canonical(kCatalogDir / "sources"));
    EXPECT_EQ(seeds.string().rfind(repo.string(), 0), 0u) << seeds;
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
        const catalog::Permit& p = permit(id);
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
    const catalog::ProcedureStep& a10_4 = permit("pelalawan-sertifikat-produksi-ukmot").steps[3];
    EXPECT_EQ(a10_4.time.text, "3 hari kerja");
    EXPECT_EQ(a10_4.time.working_days_min, 3);
    EXPECT_EQ(a10_4.time.working_days_max, 3);
    EXPECT_FALSE(a10_4.time.days_min.has_value());  // working days are not calendar days
    EXPECT_FALSE(a10_4.time.minutes_min.has_value());

    const catalog::ProcedureStep& a10_2 = permit("pelalawan-sertifikat-produksi-ukmot").steps[1];
    EXPECT_EQ(a10_2.time.text, "120 menit");
    EXPECT_EQ(a10_2.time.minutes_max, 120);

    const catalog::ProcedureStep& kaltim_12 = permit("kaltim-ikot").steps[11];
    EXPECT_EQ(kaltim_12.time.text, "Hari H - H+3 10 - 30 menit");
    EXPECT_EQ(kaltim_12.time.minutes_min, 10);
    EXPECT_EQ(kaltim_12.time.minutes_max, 30);
    EXPECT_EQ(kaltim_12.time.day_offset_from, 0);
    EXPECT_EQ(kaltim_12.time.day_offset_to, 3);

    const catalog::ProcedureStep& kaltim_2 = permit("kaltim-ikot").steps[1];
    EXPECT_EQ(kaltim_2.time.text, "Sesuai kebutuhan & keperluan pemohon");
    EXPECT_FALSE(kaltim_2.time.has_duration());
    EXPECT_FALSE(kaltim_2.time.day_offset_from.has_value());

    const catalog::ProcedureStep& kaltim_10 = permit("kaltim-ikot").steps[9];
    EXPECT_EQ(kaltim_10.time.text, "Hari ke H (sesuai dengan jenis izin / non izin yang diminta)");
    EXPECT_FALSE(kaltim_10.time.has_duration());
    EXPECT_EQ(kaltim_10.time.day_offset_to, 0);

    const catalog::ProcedureStep& kaltim_14 = permit("kaltim-ikot").steps[13];
    EXPECT_EQ(kaltim_14.time.text, "Hari H - H+5 (sesuai dengan jenis permohonan)");
    EXPECT_EQ(kaltim_14.time.day_offset_to, 5);
    EXPECT_FALSE(kaltim_14.time.has_duration());

    const catalog::ProcedureStep& dairi_2 = permit("dairi-iumk").steps[1];
    EXPECT_EQ(dairi_2.time.text, "2 Jam");
    EXPECT_EQ(dairi_2.time.minutes_min, 120);
    EXPECT_EQ(dairi_2.time.minutes_max, 120);

    const catalog::ProcedureStep& dairi_7 = permit("dairi-iumk").steps[6];
    EXPECT_EQ(dairi_7.time.text, "2 Hari");
    EXPECT_EQ(dairi_7.time.days_max, 2);
    EXPECT_FALSE(dairi_7.time.working_days_max.has_value());

    // Kaltim step 1's time column holds the opening hours, not a duration.
    const catalog::ProcedureStep& kaltim_1 = permit("kaltim-ikot").steps[0];
    EXPECT_EQ(kaltim_1.time.text,
              "Jam Pelayanan Senin-Kamis 08.00-19.00 WITA Jum'at 08.00- 11.00 WITA");
    EXPECT_FALSE(kaltim_1.time.has_duration());

    EXPECT_EQ(permit("mempawah-sertifikat-standar").steps[3].time.text, "35 Menit");
    EXPECT_EQ(permit("mempawah-sertifikat-standar").steps[3].time.minutes_max, 35);
}

// Step sums count the common path and one outcome path, leave conditional steps out, and keep
// menit, hari and hari kerja apart.
TEST(CatalogData, StepTotals) {
    const catalog::Permit& a10 = permit("pelalawan-sertifikat-produksi-ukmot");
    EXPECT_EQ(a10.total_step_minutes(), 165);     // 15 + 120 + 15 + 15
    EXPECT_EQ(a10.total_step_working_days(), 5);  // 1 + 3 + 1 hari kerja
    EXPECT_EQ(a10.total_step_days(), 0);
    EXPECT_EQ(permit("pelalawan-iumk").total_step_minutes(), 165);
    EXPECT_EQ(permit("pelalawan-iumk").total_step_days(), 0);
    // Mempawah step 2 happens "(Jika diperlukan)": 155 - 20.
    EXPECT_EQ(permit("mempawah-sertifikat-standar").total_step_minutes(), 135);
    // Kaltim: help desk step 5 and correction step 8 are conditional: 220 - 30 - 15.
    EXPECT_EQ(permit("kaltim-ikot").total_step_minutes(), 175);
    EXPECT_EQ(permit("kaltim-ikot").step_totals(catalog::kBranchApproved).steps,
              (std::vector<int>{6, 7, 9, 11, 12, 13, 15}));

    // Dairi: common 1-8, then either rejection 9-15 or approval 16-25; never both (the two
    // together would be 1185 minutes).
    const catalog::Permit& dairi = permit("dairi-iumk");
    const catalog::StepTotals approved = dairi.step_totals(catalog::kBranchApproved);
    const catalog::StepTotals rejected = dairi.step_totals(catalog::kBranchRejected);
    EXPECT_EQ(approved.minutes, 345 + 345);
    EXPECT_EQ(approved.days, 4);
    EXPECT_EQ(rejected.minutes, 345 + 495);
    EXPECT_EQ(rejected.days, 4);
    EXPECT_EQ(approved.steps.size(), 8u + 10u);
    EXPECT_EQ(rejected.steps.size(), 8u + 7u);
    EXPECT_EQ(dairi.total_step_minutes(), 690);
}

TEST(CatalogData, DairiBranchesAsTheSopReads) {
    const catalog::Permit& p = permit("dairi-iumk");
    for (const catalog::ProcedureStep& s : p.steps) {
        SCOPED_TRACE(s.number);
        const std::string expected = s.number <= 8    ? std::string(catalog::kBranchCommon)
                                     : s.number <= 15 ? std::string(catalog::kBranchRejected)
                                                      : std::string(catalog::kBranchApproved);
        EXPECT_EQ(s.branch, expected);
        // The rejection path is the one that works on "Surat Penolakan".
        if (s.branch == catalog::kBranchRejected) {
            EXPECT_NE((s.activity + s.input).find("Surat Penolakan"), std::string::npos);
        }
    }
    EXPECT_EQ(p.steps[15].activity, "Rekomendasi Diterima");
    // Pelalawan A.10: step 7 issues the effective certificate only after approval (step 6
    // notifies "Persetujuan/Penolakan").
    const catalog::Permit& a10 = permit("pelalawan-sertifikat-produksi-ukmot");
    EXPECT_EQ(a10.steps[6].branch, catalog::kBranchApproved);
    EXPECT_EQ(a10.steps[5].branch, catalog::kBranchCommon);
    EXPECT_FALSE(a10.has_branch(catalog::kBranchRejected));
}

TEST(CatalogData, ServiceTimeAsTheSopGivesIt) {
    const catalog::ServiceTime& kaltim = permit("kaltim-ikot").service_time;
    EXPECT_EQ(kaltim.basis, "stated");
    EXPECT_EQ(kaltim.text,
              "Jangka waktu penyelesaian / diterbitkannya Izin Industri Kecil Obat Tradisional "
              "(IKOT) ini adalah selambat-lambatnya 7 (tujuh) hari sejak diterimanya rekomendasi "
              "teknis dari Dinas Kesehatan.");
    EXPECT_EQ(kaltim.source, "I. JANGKA WAKTU PENYELESAIAN");
    EXPECT_EQ(kaltim.value, 7);
    EXPECT_EQ(kaltim.unit, "hari");  // calendar days, as section I writes it
    EXPECT_NE(kaltim.note.find("rekomendasi teknis"), std::string::npos);

    const catalog::ServiceTime& iumk = permit("pelalawan-iumk").service_time;
    EXPECT_EQ(iumk.basis, "step_sum");
    EXPECT_TRUE(iumk.text.empty());
    EXPECT_EQ(iumk.value, 165);
    EXPECT_EQ(iumk.unit, "menit");
    const catalog::ServiceTime& mempawah = permit("mempawah-sertifikat-standar").service_time;
    EXPECT_EQ(mempawah.basis, "step_sum");
    EXPECT_EQ(mempawah.value, 135);
    // Mixed units give no single honest figure.
    for (const char* id : {"pelalawan-sertifikat-produksi-ukmot", "dairi-iumk"}) {
        SCOPED_TRACE(id);
        const catalog::ServiceTime& t = permit(id).service_time;
        EXPECT_EQ(t.basis, "not_stated");
        EXPECT_FALSE(t.value.has_value());
        EXPECT_TRUE(t.text.empty());
        EXPECT_FALSE(t.note.empty());
    }
}

TEST(CatalogData, ConditionalStepsQuoteTheSop) {
    const catalog::Permit& kaltim = permit("kaltim-ikot");
    EXPECT_EQ(kaltim.steps[4].condition,
              "Fungsi help desk bersifat tambahan dan melakukan pelayanan jika dibutuhkan");
    EXPECT_NE(kaltim.steps[7].condition.find("Jika belum lengkap dan benar"), std::string::npos);
    for (const catalog::ProcedureStep& s : kaltim.steps) {
        if (s.number != 5 && s.number != 8) {
            EXPECT_TRUE(s.condition.empty()) << s.number;
        }
    }
    EXPECT_EQ(permit("mempawah-sertifikat-standar").steps[1].condition,
              "Memberikan Informasi dan pendampingan (Jika diperlukan).");
}

TEST(CatalogData, KaltimSectionsGToQ) {
    const catalog::Permit& p = permit("kaltim-ikot");
    // G lists 19 requirements; the text extraction broke items 3 and 5 across two lines each.
    ASSERT_EQ(p.requirements.size(), 19u);
    EXPECT_EQ(p.requirements.front().text, "Surat Permohonan");
    EXPECT_EQ(p.requirements.front().source, "G. PERSYARATAN PELAYANAN no. 1");
    EXPECT_EQ(p.requirements[2].text,
              "Susunan Direksi/Pengurus dan Komisaris/Badan Pengawas dalam hal permohonan bukan "
              "perseorangan");
    EXPECT_EQ(p.requirements[3].text,
              "Fotocopy bukti KTP/Identitas pemohon dan/atau Direksi/Pengurus dan "
              "Komisaris/Badan Pengawas");
    EXPECT_EQ(p.requirements[17].text, "Rekomendasi dari Kepala Balai setempat; dan");
    EXPECT_EQ(p.requirements.back().text, "Rekomendasi dari Kepala Dinas Kesehatan Kab/Kota");
    EXPECT_EQ(p.requirements.back().source, "G. PERSYARATAN PELAYANAN no. 19");

    EXPECT_EQ(p.cost, "Biaya penerbitan perizinan ini tidak ada / tanpa tarif / gratis.");
    EXPECT_EQ(p.product, "Surat Izin Industri Kecil Obat Tradisional (IKOT)");
    EXPECT_EQ(p.product_source, "K. PRODUK PELAYANAN");
    EXPECT_EQ(p.validity,
              "Masa berlaku Izin Industri Kecil Obat Tradisional (IKOT) adalah selama perusahaan "
              "menjalankan kegiatan usahanya atau sampai berakhir operasional.");
    EXPECT_EQ(p.service_hours, (std::vector<std::string>{"Senin-Kamis 08.00-19.00 WITA",
                                                         "Jum'at 08.00- 11.00 WITA"}));
    EXPECT_EQ(p.service_hours_source, "Lampiran 1, langkah 1, kolom Waktu");
    ASSERT_EQ(p.complaint_channels.size(), 3u);
    EXPECT_EQ(p.complaint_channels[1],
              "Melalui media SMS, Telp atau pengaduan / keluhan langsung kepada Petugas terkait.");
    EXPECT_EQ(p.start_service, "informasi");
    EXPECT_EQ(p.sop.number, "SOP-LP2N-KES-03");
    EXPECT_EQ(p.sop.revision, "03");
    EXPECT_EQ(p.facilities, std::vector<std::string>{"Fasilitas khusus untuk disabilitas, ruang "
                                                     "khusus untuk pemberian ASI, Safety Toilet."});
}

// Applicability comes only from the SOP's own condition "dalam hal permohonan bukan
// perseorangan": those three items are for a business; the rest for every applicant.
TEST(CatalogData, KaltimRequirementApplicability) {
    const catalog::Permit& p = permit("kaltim-ikot");
    std::vector<size_t> business;
    for (size_t i = 0; i < p.requirements.size(); ++i) {
        const catalog::Requirement& r = p.requirements[i];
        const bool conditioned =
            r.text.find("dalam hal permohonan bukan perseorangan") != std::string::npos;
        EXPECT_EQ(r.applies_to, conditioned ? catalog::kAppliesToBusiness : catalog::kAppliesToAll)
            << r.text;
        if (r.applies_to == catalog::kAppliesToBusiness)
            business.push_back(i + 1);
    }
    EXPECT_EQ(business, (std::vector<size_t>{3, 7, 8}));
    // No other permit's SOP conditions a requirement.
    for (const catalog::Permit& other : testing::office_catalog().permits()) {
        if (other.id == "kaltim-ikot")
            continue;
        for (const catalog::Requirement& r : other.requirements)
            EXPECT_EQ(r.applies_to, catalog::kAppliesToAll) << other.id << ": " << r.text;
    }
}

// Kaltim A keeps the SOP's numbering: item 12 holds two regulations.
TEST(CatalogData, KaltimLegalBasisKeepsTheSopNumbering) {
    const catalog::Permit& p = permit("kaltim-ikot");
    ASSERT_EQ(p.legal_basis.size(), 17u);
    EXPECT_EQ(p.legal_basis[11],
              "PP RI No. 72 Tahun 1998 Tentang Pengamanan Sediaan Farmasi dan Alat Kesehatan\n"
              "Permenkes RI No. 386/Menkes/SK/IV/1994 tentang Pedoman Periklanan Obat Bebas, Obat "
              "Tradisional Alat Kesehatan");
    EXPECT_EQ(p.legal_basis[12].rfind("Permenkes RI No. 006 tahun 2012", 0), 0u);
    EXPECT_EQ(p.legal_basis[16].rfind("Undang-undang dan peraturan terkait lainnya", 0), 0u);
}

TEST(CatalogData, KaltimDefinitionsTellUkotFromUmot) {
    const catalog::Permit& p = permit("kaltim-ikot");
    ASSERT_EQ(p.definitions.size(), 6u);
    EXPECT_EQ(p.definitions[3].term, "Usaha Kecil Obat Tradisional (UKOT)");
    EXPECT_EQ(p.definitions[3].text,
              "usaha yang dapat membuat semua bentuk obat tradisional kecuali tablet dan "
              "effervescent");
    EXPECT_EQ(p.definitions[4].term, "Usaha Mikro Obat Tradisional (UMOT)");
    EXPECT_EQ(p.definitions[4].text,
              "usaha yang hanya dapat membuat OT dalam bentuk param, tapel, pilis, cairan luar "
              "dan rajangan");
}

TEST(CatalogData, ProductContactAndCost) {
    const catalog::Permit& a10 = permit("pelalawan-sertifikat-produksi-ukmot");
    EXPECT_EQ(a10.product,
              "Sertifikat Produksi Usaha Kecil dan Mikro Obat Tradisional Berlaku Efektif");
    EXPECT_EQ(a10.product, a10.steps.back().output);
    const catalog::Permit& iumk = permit("pelalawan-iumk");
    EXPECT_EQ(iumk.product, "Nomor Induk Berusaha (NIB), Izin Usaha Mikro Kecil (IUMK)");
    EXPECT_EQ(iumk.product, iumk.steps.back().output);
    EXPECT_EQ(permit("mempawah-sertifikat-standar").product, "Dokumen Perizinan");
    EXPECT_EQ(permit("dairi-iumk").product, "Surat Izin Bernomor");
    EXPECT_EQ(permit("dairi-iumk").steps[23].output, "Surat Izin Bernomor");
    for (const catalog::Permit* p : {&a10, &iumk}) {
        EXPECT_EQ(p->contact.address, "Komplek Perkantoran Bhakti Praja - Pangkalan Kerinci");
        EXPECT_EQ(p->contact.phone, "0761-95991");
        EXPECT_EQ(p->contact.fax, "0761-95992");
    }
    // Dairi step 16 names an SKRD (retribution notice): cost is not simply "not stated".
    const catalog::Permit& dairi = permit("dairi-iumk");
    EXPECT_EQ(dairi.cost, "Surat Rekomendasi dan SKRD");
    EXPECT_EQ(dairi.cost, dairi.steps[15].input);
    EXPECT_NE(dairi.cost_note.find("retribusi"), std::string::npos);
}

// Flowchart markers are not actors; actors named in the text say so.
TEST(CatalogData, ActorsFromTheText) {
    const catalog::Permit& a10 = permit("pelalawan-sertifikat-produksi-ukmot");
    for (const size_t i : {size_t{0}, size_t{6}}) {
        EXPECT_TRUE(a10.steps[i].actors.empty());
        EXPECT_EQ(a10.steps[i].actor_source, "unmarked");
        EXPECT_NE(a10.steps[i].actor_note.find("terminator"), std::string::npos);
    }
    const catalog::Permit& kaltim = permit("kaltim-ikot");
    const std::map<int, std::string> named = {
        {1, "PEMOHON/ PELANGGAN"},
        {2, "PETUGAS LAYANAN INFORMASI"},
        {3, "PEMOHON/ PELANGGAN"},
        {4, "PETUGAS CUSTOMER SERVICE (CS) + HELP DESK"},
        {6, "PETUGAS LAYANAN LOKET PENDAFTARAN"},
        {7, "PETUGAS PEMROSESAN (VERIFIKASI)"},
        {8, "PETUGAS CUSTOMER SERVICE (CS) + HELP DESK"},
        {15, "PETUGAS TATA USAHA"},
        {16, "PETUGAS LAYANAN LOKET PENGAMBILAN"},
        {17, "PEMOHON/ PELANGGAN"},
    };
    for (const auto& [number, actor] : named) {
        SCOPED_TRACE(number);
        const catalog::ProcedureStep& s = kaltim.steps[size_t(number) - 1];
        EXPECT_EQ(s.actors, std::vector<std::string>{actor});
        EXPECT_EQ(s.actor_source, "text");
        EXPECT_FALSE(s.actor_note.empty());
    }
    // Dairi: the one Backoffice mark of the signing step is presented as the SOP's marking.
    const catalog::ProcedureStep& sign = permit("dairi-iumk").steps[19];
    EXPECT_EQ(sign.activity, "Penandatanganan Persetujuan Pemenuhan Komitmen Izin");
    EXPECT_EQ(sign.actor_source, "table");
    EXPECT_NE(sign.actor_note.find("as the SOP marks it"), std::string::npos);
}

TEST(CatalogData, UnstatedFactsStayEmpty) {
    for (const char* id : {"pelalawan-sertifikat-produksi-ukmot", "pelalawan-iumk",
                           "mempawah-sertifikat-standar", "dairi-iumk"}) {
        SCOPED_TRACE(id);
        const catalog::Permit& p = permit(id);
        EXPECT_TRUE(p.service_time.text.empty());
        EXPECT_FALSE(p.validity.has_value());
        EXPECT_TRUE(p.service_hours.empty());
        EXPECT_TRUE(p.complaint_channels.empty());
        EXPECT_TRUE(p.definitions.empty());
    }
    for (const char* id :
         {"pelalawan-sertifikat-produksi-ukmot", "pelalawan-iumk", "mempawah-sertifikat-standar"}) {
        EXPECT_FALSE(permit(id).cost.has_value()) << id;
    }
    EXPECT_TRUE(permit("kaltim-ikot").contact.empty());
    EXPECT_TRUE(permit("mempawah-sertifikat-standar").contact.empty());
    EXPECT_TRUE(permit("dairi-iumk").contact.empty());
}

TEST(CatalogData, RequirementsTakenFromTheProcedureColumns) {
    const catalog::Permit& a10 = permit("pelalawan-sertifikat-produksi-ukmot");
    ASSERT_GE(a10.requirements.size(), 4u);
    EXPECT_EQ(a10.requirements[0].text, "e-mail aktif");
    EXPECT_EQ(a10.requirements[3].text, "NPWP Valid-KSWP");
    EXPECT_NE(a10.requirements[0].source.find("Prosedur no. 1"), std::string::npos);
    EXPECT_EQ(permit("dairi-iumk").requirements.at(0).text, "Berkas Permohonan");
    // Mempawah's Kelengkapan column lists equipment, not documents.
    EXPECT_TRUE(permit("mempawah-sertifikat-standar").requirements.empty());
}

TEST(CatalogData, ActorsFromTheTableMarks) {
    const catalog::ProcedureStep& dairi_2 = permit("dairi-iumk").steps[1];
    EXPECT_EQ(dairi_2.actor_source, "table");
    EXPECT_EQ(dairi_2.actors,
              (std::vector<std::string>{"Pemohon", "Penerima Berkas/ Front Office"}));
    EXPECT_EQ(
        permit("dairi-iumk").steps[13].actors,
        (std::vector<std::string>{"Penerima Berkas/ Front Office", "Backoffice/ Ka Seksi Pel I"}));
    const catalog::Permit& a10 = permit("pelalawan-sertifikat-produksi-ukmot");
    EXPECT_EQ(a10.steps[1].actor_source, "unmarked");
    EXPECT_TRUE(a10.steps[1].actors.empty());
    const catalog::Permit& kaltim = permit("kaltim-ikot");
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

// The category is the sector the SOP itself names (docs/catalog.md): its words are in the SOP.
TEST(CatalogData, CategoriesComeFromTheSops) {
    const std::map<std::string, std::string> expected = {
        {"kaltim-ikot", "Kesehatan"},
        {"pelalawan-sertifikat-produksi-ukmot", "Kesehatan"},
        {"pelalawan-iumk", "Usaha Mikro dan Kecil"},
        {"dairi-iumk", "Usaha Mikro dan Kecil"},
        {"mempawah-sertifikat-standar", "Perizinan Berusaha Berbasis Risiko"},
    };
    const auto lower = [](std::string s) {
        for (char& c : s)
            c = char(std::tolower(static_cast<unsigned char>(c)));
        return s;
    };
    for (const auto& [id, category] : expected) {
        SCOPED_TRACE(id);
        EXPECT_EQ(permit(id).category, category);
        const std::string seed = lower(seed_plain(kSeedOf.at(id)));
        std::istringstream words(lower(category));
        for (std::string w; words >> w;) {
            if (w != "dan") {
                EXPECT_NE(seed.find(w), std::string::npos) << w;
            }
        }
    }
}

// Faithfulness: every piece of SOP text in the catalog occurs in its seed file (after removing
// markup), so nothing was retyped, corrected or invented. Steps are checked line by line.
TEST(CatalogData, EveryTextComesFromItsSeed) {
    for (const auto& [id, seed_file] : kSeedOf) {
        SCOPED_TRACE(id);
        const catalog::Permit& p = permit(id);
        const std::string seed = seed_plain(seed_file);
        auto check = [&](const std::string& what, const std::string& text) {
            if (text.empty())
                return;
            EXPECT_TRUE(in_seed(seed, text)) << what << ": \"" << text << "\"";
        };
        for (const catalog::ProcedureStep& s : p.steps) {
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
        for (const catalog::ProcedureStep& s : p.steps)
            check("step condition", s.condition);
        for (const auto& d : p.definitions) {
            check("definition term", d.term);
            check("definition", d.text);
        }
        check("service_time.text", p.service_time.text);
        check("contact.address", p.contact.address);
        check("contact.phone", p.contact.phone);
        check("contact.fax", p.contact.fax);
        check("name", p.name);
        check("office", p.office);
        check("sop.number", p.sop.number);
        check("sop.title", p.sop.title);
        check("sop.created", p.sop.created);
        check("sop.effective", p.sop.effective);
        for (const auto* list : {&p.legal_basis, &p.executor_qualifications, &p.related_sops,
                                 &p.equipment, &p.warnings, &p.record_keeping,
                                 &p.complaint_channels, &p.service_hours, &p.facilities}) {
            for (const auto& item : *list) {
                for (const auto& l : lines(item))  // Kaltim A no. 12: two regulations
                    check("list item", l);
            }
        }
        for (const auto* fact : {&p.cost, &p.product, &p.validity}) {
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
    EXPECT_EQ(j.at("requirements").size(), 19u);
    EXPECT_EQ(j.at("requirements").at(2).at("applies_to"), "badan_usaha");
    EXPECT_EQ(j.at("total_step_minutes"), 175);
    EXPECT_EQ(j.at("cost"), "Biaya penerbitan perizinan ini tidak ada / tanpa tarif / gratis.");
    EXPECT_EQ(j.at("service_time").at("value"), 7);
    EXPECT_EQ(j.at("service_time").at("unit"), "hari");
    EXPECT_EQ(j.at("service_time").at("basis"), "stated");
    EXPECT_EQ(j.at("completion_time"), j.at("service_time").at("text"));
    EXPECT_TRUE(j.at("step_totals").at("ditolak").is_null());

    const nlohmann::json a10 = to_json(permit("pelalawan-sertifikat-produksi-ukmot"));
    EXPECT_EQ(a10.at("steps").at(3).at("time").at("working_days_max"), 3);
    EXPECT_TRUE(a10.at("steps").at(3).at("time").at("days_max").is_null());
    EXPECT_EQ(a10.at("total_step_working_days"), 5);
    EXPECT_TRUE(a10.at("service_time").at("value").is_null());

    const nlohmann::json dairi = to_json(permit("dairi-iumk"));
    EXPECT_EQ(dairi.at("cost"), "Surat Rekomendasi dan SKRD");
    EXPECT_TRUE(dairi.at("validity").is_null());
    EXPECT_TRUE(dairi.at("completion_time").is_null());
    EXPECT_EQ(dairi.at("steps").size(), 25u);
    EXPECT_EQ(dairi.at("steps").at(8).at("branch"), "ditolak");
    EXPECT_EQ(dairi.at("step_totals").at("disetujui").at("minutes"), 690);
    EXPECT_EQ(dairi.at("step_totals").at("ditolak").at("minutes"), 840);
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
