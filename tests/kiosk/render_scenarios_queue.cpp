// The render tests' screens from start to ticket (render_scenarios.hpp): the start screen
// open and closed, every section of a permit's information, priority, issuing and printing the
// ticket, errors and a lost connection.
#include <optional>
#include <string>
#include <vector>

#include "kiosk_test_support.hpp"
#include "render_scenarios.hpp"

namespace loket::kiosk::render_test {
namespace {

void to_ticket(Model& m, std::optional<PrintReport> report, const std::string& priority = "") {
    m.choose_service("customer_service");
    m.choose_priority(priority.empty() ? Priority::None : Priority::Lansia);
    m.on_issued(effects_of<IssueTicket>(m.take_effects())[0].seq,
                issued("B-012", "customer_service", "kaltim-ikot", priority));
    if (report)
        m.on_printed(*report);
}

// Connecting, the start screen open and closed, the permit search.
std::vector<Scenario> queue_start_screens() {
    return {
        {"01-connecting", [](Model&) {}, {"Menghubungkan"}},
        {"02-offline",
         [](Model& m) { m.on_office(parse_office(no_reply())); },
         {"Kios belum terhubung"}},
        {"03-start",
         [](Model& m) { online(m); },
         {"Ambil Nomor Antrean", "Informasi Perizinan", "Cek Status Berkas", "7 orang menunggu",
          "BUKA", "Jam layanan hari ini: 08.00"}},
        {"04-start-en",
         [](Model& m) {
             online(m);
             m.toggle_language();
         },
         {"Take a Queue Number", "Registration", "Bahasa Indonesia", "About 70 min wait"}},
        {"05-start-closed",
         [](Model& m) { online(m, false); },
         {"TUTUP", "Layanan hari ini sudah selesai", "Buka kembali: Selasa, 24 November 2026",
          "Senin \u2013 Minggu: Tutup", "Informasi Perizinan"}},
        {"06-permits",
         [](Model& m) {
             online(m);
             m.open_permit_info();
             m.set_query("usaha mikro");
             for (const auto& s : effects_of<SearchPermits>(m.take_effects()))
                 m.on_permits(s.seq, permits(s.query));
         },
         {"usaha mikro", "IZIN USAHA MIKRO DAN KECIL (IUMK)", "Spasi"}},
    };
}

// A permit's requirements and steps, by applicant.
std::vector<Scenario> queue_permit_requirement_screens() {
    return {
        {"07-permit-requirements",
         [](Model& m) {
             online(m);
             to_permit(m, "pelalawan-iumk", 2);
         },
         {"IZIN USAHA MIKRO DAN KECIL (IUMK)", "e-mail aktif", "2 dari 5 persyaratan siap",
          "Ambil Nomor"}},
        {"08-permit-ikot-requirements",
         [](Model& m) {
             online(m);
             to_permit(m, "kaltim-ikot");
             m.choose_applicant(Applicant::badan_usaha);
             for (std::size_t i = 0; i < 19; ++i)
                 m.toggle_requirement(i);
         },
         {"19 dari 19 persyaratan siap", "Mengajukan sebagai: Badan usaha"}},
        {"08a-permit-ikot-applicant-question",
         [](Model& m) {
             online(m);
             to_permit(m, "kaltim-ikot");
         },
         {"Mengajukan sebagai:", "Perorangan", "Badan usaha"}},
        {"08b-permit-ikot-perorangan",
         [](Model& m) {
             online(m);
             to_permit(m, "kaltim-ikot");
             m.choose_applicant(Applicant::perorangan);
             m.toggle_requirement(0);
         },
         {"1 dari 16 persyaratan siap", "Mengajukan sebagai: Perorangan", "Surat Permohonan"}},
        {"09-permit-steps",
         [](Model& m) {
             online(m);
             to_permit(m, "kaltim-ikot");
             m.select_section(Section::steps);
         },
         {"Pelaksana (disebut dalam teks SOP): ", "Waktu: ", "prosedur kerja dalam SOP",
          "Kelengkapan (menurut SOP):\n- Checklist Persyaratan perizinan\n- Form Permohonan "
          "perizinan"}},
        {"09a-permit-steps-paths",
         [](Model& m) {
             online(m);
             to_permit(m, "dairi-iumk");
             m.select_section(Section::steps);
         },
         {"Untuk setiap permohonan", "Pelaksana (menurut tanda di tabel SOP): ",
          "Kelengkapan (menurut SOP): Berkas Permohonan"}},
        {"09b-permit-steps-pelalawan",
         [](Model& m) {
             online(m);
             to_permit(m, "pelalawan-sertifikat-produksi-ukmot");
             m.select_section(Section::steps);
         },
         {"Kelengkapan (menurut SOP): Berkas lengkap permohonan beserta persyaratan pendaftaran "
          "(e-mail aktif, NIK, Akta, NPWP Valid-KSWP)"}},
    };
}

// A permit's time and cost, legal basis, product, office; in English and offline.
std::vector<Scenario> queue_permit_detail_screens() {
    return {
        {"10-permit-time-cost",
         [](Model& m) {
             online(m);
             to_permit(m, "kaltim-ikot");
             m.select_section(Section::time_cost);
         },
         {"Standar Waktu Pelayanan", "Angka baku: 7 hari", "gratis"}},
        {"10a-permit-time-cost-paths",
         [](Model& m) {
             online(m);
             to_permit(m, "dairi-iumk");
             m.select_section(Section::time_cost);
         },
         {"SOP tidak menyebut waktu penyelesaian.", "Jika disetujui: 4 hari + 11 jam 30 menit",
          "Jika ditolak: 4 hari + 14 jam", "Surat Rekomendasi dan SKRD"}},
        {"11-permit-time-cost-unstated",
         [](Model& m) {
             online(m);
             to_permit(m, "pelalawan-iumk");
             m.select_section(Section::time_cost);
         },
         {"Jumlah waktu baku langkah-langkahnya: 165 menit", "Tidak tercantum dalam SOP"}},
        {"12-permit-legal",
         [](Model& m) {
             online(m);
             to_permit(m, "kaltim-ikot");
             m.select_section(Section::legal);
         },
         {"1. Undang-undang No. 25 Tahun 2009"}},
        {"13-permit-product",
         [](Model& m) {
             online(m);
             to_permit(m, "kaltim-ikot");
             m.select_section(Section::product);
         },
         {"Masa Berlaku", "Surat Izin Industri Kecil", "Usaha Mikro Obat Tradisional (UMOT)"}},
        {"13a-permit-office",
         [](Model& m) {
             online(m);
             to_permit(m, "kaltim-ikot");
             m.select_section(Section::office);
         },
         {"Jam Pelayanan", "Senin-Kamis 08.00-19.00 WITA", "kotak saran", "disabilitas"}},
        {"13b-permit-office-contact",
         [](Model& m) {
             online(m);
             to_permit(m, "pelalawan-iumk");
             m.select_section(Section::office);
         },
         {"Komplek Perkantoran Bhakti Praja", "Telp. 0761-95991"}},
        {"13c-permit-en-steps",
         [](Model& m) {
             online(m);
             to_permit(m, "pelalawan-sertifikat-produksi-ukmot");
             m.toggle_language();
             m.select_section(Section::time_cost);
         },
         {"5 working days + 2 hours 45 minutes", "The SOP states no completion time."}},
        {"14-permit-en-offline",
         [](Model& m) {
             online(m);
             to_permit(m, "kaltim-ikot", 3);
             m.toggle_language();
             m.on_office(parse_office(no_reply()));
         },
         {"Requirements", "Connection to the server lost", "shown as written in the SOP"}},
    };
}

// Priority, issuing, printing the ticket, an error.
std::vector<Scenario> queue_ticket_screens() {
    return {
        {"15-priority-from-permit",
         [](Model& m) {
             online(m);
             to_permit(m, "pelalawan-iumk", 5);
             m.take_number_for_permit();
         },
         {"Persyaratan Anda lengkap (5 dari 5)", "disarankan", "Umum", "Lansia",
          "Penyandang Disabilitas", "Ibu Hamil"}},
        {"16-priority",
         [](Model& m) {
             online(m);
             m.choose_service("pengambilan");
         },
         {"Pengambilan", "Umum"}},
        {"17-issuing",
         [](Model& m) {
             online(m);
             m.choose_service("informasi");
             m.choose_priority(Priority::None);
         },
         {"Mengambil nomor antrean"}},
        {"18-ticket-printing",
         [](Model& m) {
             online(m);
             to_ticket(m, std::nullopt);
         },
         {"B-012", "7 orang di depan Anda", "Perkiraan menunggu \u00b1 70 menit",
          "Tiket sedang dicetak"}},
        {"19-ticket-printed",
         [](Model& m) {
             online(m);
             to_ticket(m, report(PrintState::printed), "lansia");
         },
         {"Prioritas: Lansia", "Silakan ambil tiket Anda"}},
        {"20-ticket-print-failed",
         [](Model& m) {
             online(m);
             to_ticket(m, report(PrintState::failed));
         },
         {"Printer bermasalah \u2013 Kertas printer habis", "foto layar ini"}},
        {"21-ticket-no-printer-en",
         [](Model& m) {
             online(m);
             to_ticket(m, report(PrintState::no_printer));
             m.toggle_language();
         },
         {"This kiosk does not print tickets.", "Your Queue Number"}},
        {"22-error",
         [](Model& m) {
             online(m);
             m.choose_service("informasi");
             m.choose_priority(Priority::None);
             m.on_issued(effects_of<IssueTicket>(m.take_effects())[0].seq,
                         parse_issued(no_reply()));
         },
         {"Maaf, ada gangguan", "Coba Lagi", "Kembali ke Awal"}},
    };
}

// A lost connection, the next visitor, the office closing.
std::vector<Scenario> queue_trouble_screens() {
    return {
        {"24-connection-lost",
         [](Model& m) {
             online(m);
             m.on_catalog(permits(), permit_details());
             m.on_office(parse_office(no_reply()));
         },
         {"Koneksi ke server terputus", "Menunggu koneksi ke server", "Informasi Perizinan",
          "Nomor antrean dapat diambil lagi setelah koneksi pulih"}},
        {"25-permits-connection-lost",
         [](Model& m) {
             online(m);
             m.on_catalog(permits(), permit_details());
             m.on_office(parse_office(no_reply()));
             m.open_permit_info();
             m.set_query("usaha mikro");
         },
         {"Koneksi ke server terputus", "IZIN USAHA MIKRO DAN KECIL (IUMK)"}},
        {"26-ticket-next",
         [](Model& m) {
             online(m);
             m.choose_service("informasi");
             m.choose_priority(Priority::None);
             json next = issued_json("A-001", "informasi", "");
             next["people_ahead"] = 0;
             next["estimate_minutes"] = nullptr;
             m.on_issued(effects_of<IssueTicket>(m.take_effects())[0].seq,
                         parse_issued(reply(201, next)));
         },
         {"A-001", "Anda berikutnya"}},
        {"23-closed",
         [](Model& m) {
             online(m);
             m.choose_service("informasi");
             m.choose_priority(Priority::None);
             m.on_issued(effects_of<IssueTicket>(m.take_effects())[0].seq,
                         parse_issued(error_reply(409, "office_closed", "closed")));
             m.on_office(office(false));
         },
         {"Pengambilan Nomor Ditutup", "Jadwal layanan"}},
    };
}

}  // namespace

std::vector<Scenario> queue_screens() {
    return joined({queue_start_screens(), queue_permit_requirement_screens(),
                   queue_permit_detail_screens(), queue_ticket_screens(), queue_trouble_screens()});
}

}  // namespace loket::kiosk::render_test
