#pragma once
// A made-up catalog the size of a real DPMPTSP's (100-300 permit types) for tests and
// benchmarks only; never installed. Deterministic: the same n gives the same permits. Names
// follow what regional offices publish (sector, permit, abbreviation; new, renewal, change
// and duplicate as separate services), across thirteen sectors plus a few without one.
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace loket::testing {

struct GeneratedPermitType {
    const char* category;  // empty: none (the kiosk shows "Lainnya / Other")
    const char* name;
    const char* abbreviation;  // empty: none
};

// Long on purpose: one table of the permit types, one a line, read and edited as a list.
// clang-format off
inline const std::vector<GeneratedPermitType>& generated_permit_types() {
    static const std::vector<GeneratedPermitType> types = {
        {"Kesehatan", "Surat Izin Praktik Dokter", "SIP"},
        {"Kesehatan", "Surat Izin Praktik Dokter Gigi", "SIPDG"},
        {"Kesehatan", "Surat Izin Praktik Bidan", "SIPB"},
        {"Kesehatan", "Surat Izin Praktik Perawat", "SIPP"},
        {"Kesehatan", "Surat Izin Praktik Apoteker", "SIPA"},
        {"Kesehatan", "Izin Apotek", ""},
        {"Kesehatan", "Izin Toko Obat", ""},
        {"Kesehatan", "Izin Optik", ""},
        {"Kesehatan", "Izin Klinik Pratama", ""},
        {"Kesehatan", "Sertifikat Produksi Pangan Industri Rumah Tangga", "SPP-IRT"},
        {"Pekerjaan Umum dan Penataan Ruang", "Persetujuan Bangunan Gedung", "PBG"},
        {"Pekerjaan Umum dan Penataan Ruang", "Sertifikat Laik Fungsi", "SLF"},
        {"Pekerjaan Umum dan Penataan Ruang", "Kesesuaian Kegiatan Pemanfaatan Ruang", "KKPR"},
        {"Pekerjaan Umum dan Penataan Ruang", "Izin Pemanfaatan Ruang Milik Jalan", "IPRMJ"},
        {"Pekerjaan Umum dan Penataan Ruang", "Rekomendasi Teknis Drainase", ""},
        {"Pekerjaan Umum dan Penataan Ruang", "Izin Penggunaan Tanah", "IPT"},
        {"Pekerjaan Umum dan Penataan Ruang", "Izin Usaha Jasa Konstruksi", "IUJK"},
        {"Perdagangan", "Surat Izin Usaha Perdagangan", "SIUP"},
        {"Perdagangan", "Tanda Daftar Gudang", "TDG"},
        {"Perdagangan", "Surat Tanda Pendaftaran Waralaba", "STPW"},
        {"Perdagangan", "Izin Usaha Toko Swalayan", "IUTS"},
        {"Perdagangan", "Izin Usaha Pusat Perbelanjaan", "IUPP"},
        {"Perdagangan", "Tanda Daftar Perusahaan", "TDP"},
        {"Perdagangan", "Surat Izin Usaha Perdagangan Minuman Beralkohol", "SIUP-MB"},
        {"Perdagangan", "Izin Pasar Rakyat", ""},
        {"Perindustrian", "Izin Usaha Industri", "IUI"},
        {"Perindustrian", "Tanda Daftar Industri", "TDI"},
        {"Perindustrian", "Izin Perluasan Industri", "IPI"},
        {"Perindustrian", "Izin Usaha Kawasan Industri", "IUKI"},
        {"Perindustrian", "Surat Keterangan Industri Kecil", "SKIK"},
        {"Perindustrian", "Izin Industri Kecil Obat Tradisional", "IKOT"},
        {"Usaha Mikro dan Kecil", "Nomor Induk Berusaha", "NIB"},
        {"Usaha Mikro dan Kecil", "Izin Usaha Mikro dan Kecil", "IUMK"},
        {"Usaha Mikro dan Kecil", "Surat Keterangan Usaha", "SKU"},
        {"Usaha Mikro dan Kecil", "Izin Usaha Simpan Pinjam Koperasi", "KSP"},
        {"Usaha Mikro dan Kecil", "Pendaftaran Usaha Mikro Pangan", ""},
        {"Usaha Mikro dan Kecil", "Sertifikat Halal Usaha Mikro", ""},
        {"Lingkungan Hidup", "Persetujuan Lingkungan", "AMDAL"},
        {"Lingkungan Hidup", "Upaya Pengelolaan Lingkungan Hidup", "UKL-UPL"},
        {"Lingkungan Hidup", "Surat Pernyataan Pengelolaan Lingkungan", "SPPL"},
        {"Lingkungan Hidup", "Izin Pembuangan Air Limbah", "IPLC"},
        {"Lingkungan Hidup", "Izin Penyimpanan Sementara Limbah B3", "TPS-B3"},
        {"Lingkungan Hidup", "Izin Pengelolaan Sampah", ""},
        {"Pariwisata", "Tanda Daftar Usaha Pariwisata", "TDUP"},
        {"Pariwisata", "Izin Usaha Hotel", ""},
        {"Pariwisata", "Izin Usaha Restoran", ""},
        {"Pariwisata", "Izin Usaha Biro Perjalanan Wisata", "BPW"},
        {"Pariwisata", "Izin Usaha Karaoke", ""},
        {"Pariwisata", "Izin Usaha Salon Kecantikan", ""},
        {"Pariwisata", "Izin Usaha Pondok Wisata", ""},
        {"Perhubungan", "Izin Trayek Angkutan Umum", ""},
        {"Perhubungan", "Izin Usaha Angkutan", ""},
        {"Perhubungan", "Izin Operasi Angkutan Taksi", ""},
        {"Perhubungan", "Analisis Dampak Lalu Lintas", "ANDALALIN"},
        {"Perhubungan", "Izin Usaha Perparkiran", ""},
        {"Perhubungan", "Izin Bongkar Muat Barang", ""},
        {"Pendidikan", "Izin Pendirian Pendidikan Anak Usia Dini", "PAUD"},
        {"Pendidikan", "Izin Operasional Sekolah Dasar", "SD"},
        {"Pendidikan", "Izin Lembaga Kursus dan Pelatihan", "LKP"},
        {"Pendidikan", "Izin Taman Penitipan Anak", "TPA"},
        {"Pendidikan", "Izin Pendirian Sekolah Menengah Pertama", "SMP"},
        {"Pendidikan", "Izin Lembaga Bimbingan Belajar", ""},
        {"Ketenagakerjaan", "Izin Mempekerjakan Tenaga Kerja Asing", "IMTA"},
        {"Ketenagakerjaan", "Izin Lembaga Pelatihan Kerja", "LPK"},
        {"Ketenagakerjaan", "Wajib Lapor Ketenagakerjaan Perusahaan", "WLKP"},
        {"Ketenagakerjaan", "Pengesahan Peraturan Perusahaan", ""},
        {"Ketenagakerjaan", "Izin Lembaga Penempatan Tenaga Kerja Swasta", "LPTKS"},
        {"Ketenagakerjaan", "Pendaftaran Perjanjian Kerja Bersama", "PKB"},
        {"Pertanian dan Perikanan", "Izin Usaha Perkebunan", "IUP"},
        {"Pertanian dan Perikanan", "Surat Tanda Daftar Usaha Perkebunan", "STD-B"},
        {"Pertanian dan Perikanan", "Surat Izin Usaha Perikanan", "SIUP"},
        {"Pertanian dan Perikanan", "Izin Usaha Peternakan", ""},
        {"Pertanian dan Perikanan", "Surat Izin Penangkapan Ikan", "SIPI"},
        {"Pertanian dan Perikanan", "Izin Praktik Dokter Hewan", ""},
        {"Pertanian dan Perikanan", "Izin Usaha Obat Hewan", ""},
        {"Energi dan Sumber Daya Mineral", "Izin Pengambilan Air Tanah", "SIPA"},
        {"Energi dan Sumber Daya Mineral", "Izin Usaha Penyediaan Tenaga Listrik", "IUPTL"},
        {"Energi dan Sumber Daya Mineral", "Izin Usaha Jasa Penunjang Tenaga Listrik", "IUJPTL"},
        {"Energi dan Sumber Daya Mineral", "Izin Pertambangan Rakyat", "IPR"},
        {"Energi dan Sumber Daya Mineral", "Izin Usaha Pertambangan Batuan", "IUP"},
        {"Komunikasi dan Informatika", "Izin Penyelenggaraan Reklame", ""},
        {"Komunikasi dan Informatika", "Izin Reklame Insidentil", ""},
        {"Komunikasi dan Informatika", "Izin Menara Telekomunikasi", ""},
        {"Komunikasi dan Informatika", "Izin Penyelenggaraan Radio Komunitas", ""},
        {"", "Izin Keramaian", ""},
        {"", "Surat Keterangan Penelitian", "SKP"},
        {"", "Izin Penggunaan Gedung Olahraga", ""},
        {"", "Izin Pemakaman", ""},
    };
    return types;
}
// clang-format on

inline std::string generated_slug(const std::string& text) {
    std::string out;
    for (const char c : text) {
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            out += c;
        else if (c >= 'A' && c <= 'Z')
            out += char(c | 0x20);
        else if (!out.empty() && out.back() != '-')
            out += '-';
    }
    while (!out.empty() && out.back() == '-')
        out.pop_back();
    return out;
}

// n permits (the types, each as a new permit, then renewal, change, duplicate, until n).
inline std::vector<nlohmann::json> generated_catalog(std::size_t n = 300) {
    using nlohmann::json;
    static const char* const kVariants[] = {"Baru", "Perpanjangan", "Perubahan", "Duplikat"};
    const auto& types = generated_permit_types();
    std::vector<json> out;
    for (std::size_t v = 0; out.size() < n; ++v) {
        const std::string variant = kVariants[v % 4];
        const std::string round = v < 4 ? "" : " " + std::to_string(v / 4 + 1);
        for (std::size_t i = 0; i < types.size() && out.size() < n; ++i) {
            const GeneratedPermitType& t = types[i];
            const std::string abbr = t.abbreviation;
            const std::string name = std::string(t.name) + (abbr.empty() ? "" : " (" + abbr + ")") +
                                     " - " + variant + round;
            json doc = {
                {"id", generated_slug(std::to_string(i) + " " + t.name + " " + variant + round)},
                {"name", name},
                {"short_name", abbr.empty() ? name : abbr},
                {"office",
                 "DINAS PENANAMAN MODAL DAN PELAYANAN TERPADU SATU PINTU KABUPATEN "
                 "CONTOH"},
                {"region", "Kabupaten Contoh"},
                {"sop", {{"number", "SOP/" + std::to_string(i + 1) + "/" + std::to_string(v + 1)}}},
                {"requirements",
                 json::array({{{"text", "Surat permohonan bermeterai"}, {"source", "no. 1"}},
                              {{"text", "Fotokopi KTP pemohon"}, {"source", "no. 2"}},
                              {{"text", "Fotokopi NPWP"}, {"source", "no. 3"}},
                              {{"text", "Nomor Induk Berusaha (NIB)"}, {"source", "no. 4"}}})},
                {"steps", json::array({{{"number", 1},
                                        {"activity", "Menerima dan memeriksa berkas"},
                                        {"actors", {"Front Office"}},
                                        {"actor_source", "table"},
                                        {"time", "15 menit"}},
                                       {{"number", 2},
                                        {"activity", "Memproses dan menandatangani izin"},
                                        {"actors", {"Kepala Dinas"}},
                                        {"actor_source", "table"},
                                        {"time", "2 hari kerja"}}})},
                {"start_service", "informasi"},
                {"start_service_reason", "langkah 1"},
                {"keywords", abbr.empty() ? json::array() : json::array({abbr})},
            };
            if (*t.category != '\0')
                doc["category"] = t.category;
            out.push_back(std::move(doc));
        }
    }
    return out;
}

// Writes the generated permits as a catalog folder (one file each) for the queue-server's
// --catalog.
inline void write_generated_catalog(const std::filesystem::path& dir, std::size_t n = 300) {
    std::filesystem::create_directories(dir);
    for (const nlohmann::json& doc : generated_catalog(n))
        std::ofstream(dir / (doc.at("id").get<std::string>() + ".json")) << doc.dump(2);
}

}  // namespace loket::testing
