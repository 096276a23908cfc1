// The shipped catalog against its SOPs beyond the steps: Kaltim's sections G to Q, requirements
// and who they apply to, legal basis and definitions, product, contact and cost, the actors,
// facts the SOPs leave unstated, the start services and the categories.
#include <gtest/gtest.h>

#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "catalog_data_fixture.hpp"
#include "loket/catalog.hpp"
#include "office_catalog.hpp"

namespace loket {
namespace {

using namespace catalog_data_test;

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

}  // namespace
}  // namespace loket
