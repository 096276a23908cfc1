// The shipped catalog (assets/catalog) against the SOP texts it was taken from, which the
// repository keeps beside it (assets/catalog/sources). The expected values are the SOPs' own.
// This file: the five SOPs load, and their procedures: step counts, time standards, totals,
// branches, service time and conditional steps. What each permit states beyond its steps:
// catalog_data_sections_test.cpp; every text from its seed and the API form:
// catalog_data_sources_test.cpp.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <regex>
#include <string>
#include <vector>

#include "catalog_data_fixture.hpp"
#include "loket/catalog.hpp"
#include "office_catalog.hpp"

namespace loket {
namespace {

using namespace catalog_data_test;

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

}  // namespace
}  // namespace loket
