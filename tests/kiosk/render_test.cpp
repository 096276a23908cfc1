// Every main screen drawn headless in both orientations from server-shaped data, saved as PNG
// in the build folder (screenshots/kiosk) for people to look at, and checked: touch targets
// large enough, nothing drawn off the screen, the expected words shown, the QR code readable.
#include <gtest/gtest.h>
#include <imgui.h>
#include <imgui_internal.h>  // the permit page's scroll area, to photograph it further down
#include <stb_image.h>
#include <zbar.h>

#include <set>

#include "kiosk_test_support.hpp"
#include "loket/ui/widgets.hpp"
#include "permit_info.hpp"
#include "view.hpp"

namespace loket::kiosk {
namespace {

using namespace testing;
using namespace std::chrono_literals;

struct Scenario {
    std::string name;
    std::function<void(Model&)> setup;
    std::vector<std::string> expect;  // texts that must be on screen
};

void online(Model& m, bool open = true) {
    m.on_office(office(open));
    m.on_services(services());
}

void to_permit(Model& m, const std::string& id, std::size_t ticks = 0) {
    m.open_permit_info();
    m.set_query("usaha mikro");
    for (const auto& s : effects_of<SearchPermits>(m.take_effects()))
        m.on_permits(s.seq, permits(s.query));
    m.open_permit(id);
    m.on_permit(effects_of<FetchPermit>(m.take_effects())[0].seq, permit(id));
    for (std::size_t i = 0; i < ticks; ++i)
        m.toggle_requirement(i);
}

void to_ticket(Model& m, std::optional<PrintReport> report, const std::string& priority = "") {
    m.choose_service("customer_service");
    m.choose_priority(priority.empty() ? Priority::None : Priority::Lansia);
    m.on_issued(effects_of<IssueTicket>(m.take_effects())[0].seq,
                issued("B-012", "customer_service", "kaltim-ikot", priority));
    if (report)
        m.on_printed(*report);
}

// The status of 0001/DPMPTSP/XII/2026, typed, with this reply.
void typed_status(Model& m, const Result<ApplicationPublic>& reply) {
    m.open_status_check();
    m.set_status_number("0001/DPMPTSP/XII/2026");
    m.submit_status_number();
    m.on_application(effects_of<LookupApplication>(m.take_effects())[0].seq, reply);
}

// A ready file, from the receipt's QR code as a scanner types it.
void scanned_status(Model& m) {
    m.on_keyboard_input(kReceiptUrl, false);
    m.on_keyboard_input("", true);
    m.on_application(effects_of<LookupApplication>(m.take_effects())[0].seq,
                     application("siap_diambil", true));
}

// The survey opened and its questionnaire loaded.
void to_survey(Model& m) {
    m.open_survey();
    m.on_questionnaire(effects_of<FetchQuestionnaire>(m.take_effects())[0].seq, questionnaire());
}
// Every element answered, age 34, up to `step` (age, sex, education, occupation, service).
void to_survey_step(Model& m, SurveyStep step) {
    to_survey(m);
    for (std::size_t i = 0; i < 9; ++i)
        m.answer_element(3);
    if (step == SurveyStep::age)
        return;
    m.set_survey_age("34");
    m.confirm_survey_age();
    if (step == SurveyStep::sex)
        return;
    m.choose_survey_option("P");
    if (step == SurveyStep::education)
        return;
    m.choose_survey_option("s1");
    if (step == SurveyStep::occupation)
        return;
    m.choose_survey_option("wirausaha");
}
// The complaint opened and its categories loaded, the category chosen.
void to_complaint_text(Model& m, const std::string& text) {
    m.open_complaint();
    m.on_complaint_setup(effects_of<FetchComplaintSetup>(m.take_effects())[0].seq,
                         complaint_setup());
    m.choose_complaint_category("waktu");
    m.set_complaint_text(text);
}
const char* kComplaintText =
    "Saya menunggu dua jam di loket pendaftaran, padahal nomor antrean saya sudah dipanggil. "
    "Petugas mengatakan berkas harus diulang dari awal tanpa penjelasan.";
void to_complaint_filed(Model& m, std::optional<PrintReport> printed) {
    to_complaint_text(m, kComplaintText);
    m.confirm_complaint_text();
    m.choose_anonymous();
    m.submit_complaint();
    m.on_complaint_filed(effects_of<FileComplaint>(m.take_effects())[0].seq, complaint_filed());
    if (printed)
        m.on_slip_printed(*printed);
}

PrintReport report(PrintState state) {
    PrintReport r;
    r.ticket_id = 17;
    r.state = state;
    if (state == PrintState::failed) {
        r.message_id = "Kertas printer habis";
        r.message_en = "Printer is out of paper";
    }
    if (state == PrintState::no_printer)
        r = no_printer_report(17);
    return r;
}

std::vector<Scenario> scenarios() {
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
        // Cek status berkas.
        {"30-status-entry",
         [](Model& m) {
             online(m);
             m.open_status_check();
             m.set_status_number("0001/DPMPTSP/XII/20");
         },
         {"Nomor pendaftaran (tertulis di tanda terima)", "0001/DPMPTSP/XII/20", "/ garis miring",
          "Cek Status", "Contoh: 0001/DPMPTSP/XII/2026", "pemindai"}},
        {"31-status-not-found",
         [](Model& m) {
             online(m);
             typed_status(
                 m, parse_application_public(error_reply(404, "not_found", "no application")));
         },
         {"Nomor pendaftaran 0001/DPMPTSP/XII/2026 tidak ditemukan."}},
        {"32-status-offline-en",
         [](Model& m) {
             online(m);
             m.toggle_language();
             typed_status(m, parse_application_public(no_reply()));
         },
         {"The kiosk cannot reach the server.", "Check Status", "/ slash"}},
        {"33-status-checking",
         [](Model& m) {
             online(m);
             m.open_status_check();
             m.set_status_number("0001/DPMPTSP/XII/2026");
             m.submit_status_number();
         },
         {"Mencari berkas", "0001/DPMPTSP/XII/2026"}},
        {"34-status-returned",
         [](Model& m) {
             online(m);
             typed_status(m, application("dikembalikan"));
         },
         {"0001/DPMPTSP/XII/2026", "Izin Usaha Industri Kecil (IKOT)",
          "Berkas dikembalikan: mohon lengkapi atau perbaiki",
          "Target selesai: Senin, 7 Desember 2026", "Yang perlu Anda lengkapi atau perbaiki:",
          "Fotokopi KTP tidak terbaca", "Cek Nomor Lain", "Selesai"}},
        {"35-status-in-process-en",
         [](Model& m) {
             online(m);
             m.toggle_language();
             typed_status(m, application("diproses"));
         },
         {"Being checked by the technical team", "Due by: Monday, 7 December 2026"}},
        {"36-status-ready-typed",
         [](Model& m) {
             online(m);
             typed_status(m, application("siap_diambil", true));
         },
         {"Berkas Anda siap diambil", "dekatkan kode QR pada tanda terima"}},
        {"37-status-ready-scanned",
         [](Model& m) {
             online(m);
             scanned_status(m);
         },
         {"Ambil Antrean Pengambilan", "Siap diambil di loket Pengambilan"}},
        {"38-status-ready-closed-en",
         [](Model& m) {
             online(m, false);
             m.toggle_language();
             scanned_status(m);
         },
         {"Take a Pickup Ticket", "Pickup tickets can be taken during service hours."}},
        {"39-pickup-ticket",
         [](Model& m) {
             online(m);
             scanned_status(m);
             m.take_pickup_ticket();
             m.on_pickup_ticket(effects_of<IssuePickupTicket>(m.take_effects())[0].seq,
                                parse_pickup_ticket(reply(201, pickup_json())));
         },
         {"D-004", "Pengambilan", "2 orang di depan Anda"}},
        // The applicants' voice: publication, survey, complaint.
        {"40-start-publication",
         [](Model& m) {
             online(m);
             m.on_publication(publication(true));
         },
         {"Indeks Kepuasan Masyarakat (IKM)", "IKM 83,45", "Mutu B (Baik)", "Maklumat Pelayanan",
          "Survei Kepuasan", "Pengaduan", "Cek Status Berkas", "Informasi Perizinan"}},
        {"41-start-publication-en",
         [](Model& m) {
             online(m);
             m.on_publication(publication(true));
             m.toggle_language();
         },
         {"IKM 83.45", "Grade B (Good)", "Service Pledge", "Satisfaction Survey", "Complaints"}},
        // Closed, the schedule takes the room: the index yields to the services.
        {"41-start-publication-closed",
         [](Model& m) {
             online(m, false);
             m.on_publication(publication(true, false));
         },
         {"TUTUP", "Survei Kepuasan", "Pengaduan"}},
        {"42-survey-element",
         [](Model& m) {
             online(m);
             to_survey(m);
         },
         {"Pertanyaan 1 dari 9", "Persyaratan", "Tidak sesuai", "Sangat sesuai", "tanpa nama"}},
        {"43-survey-element-last-en",
         [](Model& m) {
             online(m);
             to_survey(m);
             for (int i = 0; i < 8; ++i)
                 m.answer_element(4);
             m.toggle_language();
         },
         {"Question 9 of 9"}},
        {"44-survey-element-cost",
         [](Model& m) {
             online(m);
             to_survey(m);
             for (int i = 0; i < 3; ++i)
                 m.answer_element(2);
         },
         {"Pertanyaan 4 dari 9", "Gratis"}},
        {"45-survey-age-invalid",
         [](Model& m) {
             online(m);
             to_survey_step(m, SurveyStep::age);
             m.set_survey_age("12");
             m.confirm_survey_age();
         },
         {"Umur", "12 tahun", "Umur harus antara 15 dan 100 tahun.", "Lanjut \u203a"}},
        {"46-survey-sex",
         [](Model& m) {
             online(m);
             to_survey_step(m, SurveyStep::sex);
         },
         {"Jenis kelamin", "Laki-laki", "Perempuan"}},
        {"47-survey-education",
         [](Model& m) {
             online(m);
             to_survey_step(m, SurveyStep::education);
         },
         {"Pendidikan", "SD ke bawah", "S2 ke atas"}},
        {"48-survey-occupation-en",
         [](Model& m) {
             online(m);
             to_survey_step(m, SurveyStep::occupation);
             m.toggle_language();
         },
         {"Occupation", "Private sector employee", "Self-employed"}},
        {"49-survey-service",
         [](Model& m) {
             online(m);
             to_survey_step(m, SurveyStep::service);
         },
         {"Layanan apa yang Anda terima?", "Customer Service", "Pengambilan"}},
        {"50-survey-thanks",
         [](Model& m) {
             online(m);
             to_survey_step(m, SurveyStep::service);
             m.choose_survey_service("pendaftaran");
             m.on_survey_submitted(effects_of<SubmitSurvey>(m.take_effects())[0].seq,
                                   SurveySubmitted{"2026-11", false});
         },
         {"Terima kasih!", "Selesai"}},
        {"51-survey-problem-rate-limited",
         [](Model& m) {
             online(m);
             to_survey_step(m, SurveyStep::service);
             m.choose_survey_service("pendaftaran");
             const json limited = {
                 {"error",
                  {{"code", "rate_limited"}, {"message", "soon"}, {"retry_after_seconds", 40}}}};
             m.on_survey_submitted(effects_of<SubmitSurvey>(m.take_effects())[0].seq,
                                   parse_survey_submitted(reply(429, limited)));
         },
         {"Survei belum terkirim", "coba lagi dalam 1 menit", "Coba Lagi"}},
        {"52-complaint-category",
         [](Model& m) {
             online(m);
             m.open_complaint();
             m.on_complaint_setup(effects_of<FetchComplaintSetup>(m.take_effects())[0].seq,
                                  complaint_setup());
         },
         {"Tentang apa pengaduan Anda?", "Waktu penyelesaian", "Lainnya", "Langkah 1 dari 4"}},
        {"53-complaint-text",
         [](Model& m) {
             online(m);
             to_complaint_text(m, kComplaintText);
         },
         {"Tuliskan pengaduan Anda", "/ 2000 karakter", "Spasi", "Lanjut \u203a"}},
        {"54-complaint-text-too-short",
         [](Model& m) {
             online(m);
             to_complaint_text(m, "lama");
             m.confirm_complaint_text();
         },
         {"Tulis paling sedikit 10 karakter."}},
        {"55-complaint-consent",
         [](Model& m) {
             online(m);
             to_complaint_text(m, kComplaintText);
             m.confirm_complaint_text();
         },
         {"Kirim tanpa nama (anonim)", "Ya, cantumkan nama dan kontak saya", "90 hari"}},
        {"56-complaint-contact",
         [](Model& m) {
             online(m);
             to_complaint_text(m, kComplaintText);
             m.confirm_complaint_text();
             m.choose_consent();
             m.set_complaint_name("budi santoso");
             m.confirm_complaint_name();
             m.set_complaint_contact("budi@contoh.id");
         },
         {"Nomor HP atau e-mail (boleh dikosongkan)", "budi@contoh.id", "@"}},
        {"57-complaint-confirm",
         [](Model& m) {
             online(m);
             to_complaint_text(m, kComplaintText);
             m.confirm_complaint_text();
             m.choose_consent();
             m.set_complaint_name("budi santoso");
             m.confirm_complaint_name();
             m.set_complaint_contact("budi@contoh.id");
             m.confirm_complaint_contact();
         },
         {"Periksa pengaduan Anda", "Kategori: Waktu penyelesaian",
          "Pengirim: budi santoso \u00b7 budi@contoh.id", "Kirim Pengaduan"}},
        {"58-complaint-filed-printed",
         [](Model& m) {
             online(m);
             to_complaint_filed(m, report(PrintState::printed));
         },
         {"Pengaduan Anda diterima", "ADU-7K3M-9QX2", "Ditanggapi paling lambat",
          "pengaduan.html?lacak=ADU-7K3M-9QX2", "SP4N-LAPOR!", "bukti pengaduan"}},
        {"59-complaint-filed-print-failed-en",
         [](Model& m) {
             online(m);
             to_complaint_filed(m, report(PrintState::failed));
             m.toggle_language();
         },
         {"ADU-7K3M-9QX2", "Printer problem", "photograph the tracking number"}},
        {"60-complaint-problem-refused",
         [](Model& m) {
             online(m);
             to_complaint_text(m, kComplaintText);
             m.confirm_complaint_text();
             m.choose_anonymous();
             m.submit_complaint();
             const json bad = {{"error",
                                {{"code", "invalid_field"},
                                 {"message", "Field 'text': too long"},
                                 {"message_id", "Isian 'text': terlalu panjang"}}}};
             m.on_complaint_filed(effects_of<FileComplaint>(m.take_effects())[0].seq,
                                  parse_complaint_filed(reply(400, bad)));
         },
         {"Pengaduan belum terkirim", "Isian 'text': terlalu panjang"}},
    };
}

std::string decode_qr(const std::filesystem::path& png) {
    int w = 0, h = 0, n = 0;
    unsigned char* gray = stbi_load(png.c_str(), &w, &h, &n, 1);
    if (gray == nullptr)
        return "";
    zbar::zbar_image_scanner_t* scanner = zbar::zbar_image_scanner_create();
    zbar::zbar_image_scanner_set_config(scanner, zbar::ZBAR_NONE, zbar::ZBAR_CFG_ENABLE, 1);
    zbar::zbar_image_t* image = zbar::zbar_image_create();
    zbar::zbar_image_set_format(image, zbar_fourcc('Y', '8', '0', '0'));
    zbar::zbar_image_set_size(image, unsigned(w), unsigned(h));
    zbar::zbar_image_set_data(image, gray, std::size_t(w) * std::size_t(h), nullptr);
    zbar::zbar_scan_image(scanner, image);
    std::string found;
    for (const zbar::zbar_symbol_t* s = zbar::zbar_image_first_symbol(image); s != nullptr;
         s = zbar::zbar_symbol_next(s))
        if (zbar::zbar_symbol_get_type(s) == zbar::ZBAR_QRCODE)
            found = zbar::zbar_symbol_get_data(s);
    zbar::zbar_image_destroy(image);
    zbar::zbar_image_scanner_destroy(scanner);
    stbi_image_free(gray);
    return found;
}

// Labels of items inside scroll areas (list entries, checklist rows), which may be partly
// scrolled out of view; they are built at least 96 px high.
std::set<std::string> scrolled_labels(const Model& m) {
    std::set<std::string> out;
    for (const auto& r : m.results())
        out.insert(r.name);
    if (m.permit())
        for (const auto& r : m.permit()->requirements)
            out.insert(r.text);
    return out;
}

class KioskScreens : public ::testing::TestWithParam<bool> {};

TEST_P(KioskScreens, EveryScreenDrawsLegiblyAndFits) {
    const bool landscape = GetParam();
    const std::string orientation = landscape ? "landscape" : "portrait";
    const auto dir = screenshot_dir(orientation);
    const ui::ShellOptions options = headless_screen(landscape);
    ui::AppShell shell(options);
    ASSERT_FALSE(shell.fonts_fallback()) << "Noto Sans missing: install fonts-noto-core";
    const float W = float(options.width), H = float(options.height);

    for (const Scenario& sc : scenarios()) {
        SCOPED_TRACE(orientation + " " + sc.name);
        FakeClock clock;
        Model model(
            ModelOptions{60000ms, Language::Indonesian, "https://antrean.dpmptsp.example.go.id"},
            clock.clocks());
        sc.setup(model);
        model.take_effects();
        ViewState view;
        shell.set_frame([&](ui::AppShell& s) { draw_kiosk(s, model, view); });
        shell.render_frame();  // scroll areas learn their content size; the PNG is the second
        const auto png = dir / (sc.name + ".png");
        ASSERT_TRUE(shell.save_png(png));

        for (const auto& text : sc.expect)
            EXPECT_TRUE(ui::screen_contains_text(text)) << "missing: " << text;

        // Touch targets: at least 96 px high and 88 px wide (15 mm is ~60 px on a 21.5"
        // 1080p panel), inside the screen.
        const auto scrolled = scrolled_labels(model);
        int targets = 0;
        for (const auto& t : ui::tap_targets()) {
            ++targets;
            EXPECT_GE(t.min.x, 0.0f) << t.label;
            EXPECT_GE(t.min.y, 0.0f) << t.label;
            EXPECT_LE(t.max.x, W) << t.label;
            EXPECT_LE(t.max.y, H) << t.label;
            if (scrolled.count(t.label))
                continue;
            EXPECT_GE(t.max.y - t.min.y, ui::kMinTouchSize - 0.5f) << t.label;
            EXPECT_GE(t.max.x - t.min.x, 88.0f) << t.label;
        }
        if (sc.name != "01-connecting" && sc.name != "02-offline" && sc.name != "17-issuing" &&
            sc.name != "33-status-checking") {
            EXPECT_GT(targets, 1);
        }
        // The language toggle is on every screen.
        EXPECT_TRUE(ui::find_tap_target(model.lang() == Language::Indonesian ? "English"
                                                                             : "Bahasa Indonesia"));

        // Nothing the main window draws leaves the screen (scroll areas are their own windows).
        const ImDrawData* dd = ImGui::GetDrawData();
        ASSERT_NE(dd, nullptr);
        for (int i = 0; i < dd->CmdListsCount; ++i) {
            const ImDrawList* list = dd->CmdLists[i];
            if (list->_OwnerName == nullptr || std::string(list->_OwnerName) != "kiosk")
                continue;
            for (const ImDrawVert& v : list->VtxBuffer) {
                ASSERT_GE(v.pos.x, -1.0f);
                ASSERT_GE(v.pos.y, -1.0f);
                ASSERT_LE(v.pos.x, W + 1.0f);
                ASSERT_LE(v.pos.y, H + 1.0f) << "something is drawn below the screen";
            }
        }

        if (sc.name.find("ticket") != std::string::npos) {
            EXPECT_EQ(decode_qr(png), issued().status_url) << "QR unreadable in " << png;
        }
    }
}

// The permit page's scroll area (kiosk/view_permits.cpp begin_list "##content"), or nullptr.
ImGuiWindow* content_area() {
    for (ImGuiWindow* w : ImGui::GetCurrentContext()->Windows)
        if ((w->Flags & ImGuiWindowFlags_ChildWindow) != 0 && w->Active &&
            std::string_view(w->Name).find("##content") != std::string_view::npos)
            return w;
    return nullptr;
}

// Long procedures page by page, down to their last step: every step's input (the SOP's
// Kelengkapan, Kaltim's as a list one item a line) is drawn on some page, and the pages are
// saved for people to look at (Kaltim 17 steps, Dairi 25 on two outcome paths, Pelalawan A.10).
TEST_P(KioskScreens, PermitStepsPageByPage) {
    const bool landscape = GetParam();
    const std::string orientation = landscape ? "landscape" : "portrait";
    const auto dir = screenshot_dir(orientation);
    const ui::ShellOptions options = headless_screen(landscape);
    ui::AppShell shell(options);

    for (const std::string id :
         {"kaltim-ikot", "dairi-iumk", "pelalawan-sertifikat-produksi-ukmot"}) {
        SCOPED_TRACE(orientation + " " + id);
        FakeClock clock;
        Model model(
            ModelOptions{60000ms, Language::Indonesian, "https://antrean.dpmptsp.example.go.id"},
            clock.clocks());
        online(model);
        to_permit(model, id);
        model.select_section(Section::steps);
        model.take_effects();
        ViewState view;
        shell.set_frame([&](ui::AppShell& s) { draw_kiosk(s, model, view); });
        shell.render_frame();
        ImGuiWindow* area = content_area();
        ASSERT_NE(area, nullptr);
        const float page = area->InnerRect.GetHeight() * 0.8f;

        std::set<std::string> drawn;
        int pages = 0;
        for (float y = 0;; y += page) {
            ImGui::SetScrollY(area, std::min(y, area->ScrollMax.y));
            shell.render_frame();  // applies the scroll
            ++pages;
            const std::string number = (pages < 10 ? "0" : "") + std::to_string(pages);
            const auto png = dir / ("09p-" + id + "-" + number + ".png");
            ASSERT_TRUE(shell.save_png(png));
            for (const PermitStep& s : model.permit()->steps) {
                const std::string input = step_input_text(Language::Indonesian, s);
                if (!input.empty() && ui::screen_contains_text(input))
                    drawn.insert(input);
            }
            if (y >= area->ScrollMax.y || pages == 80)
                break;
        }
        EXPECT_LT(pages, 80) << "the procedure is longer than expected";
        for (const PermitStep& s : model.permit()->steps) {
            const std::string input = step_input_text(Language::Indonesian, s);
            EXPECT_TRUE(input.empty() || drawn.count(input)) << "step " << s.number;
        }
    }
}

INSTANTIATE_TEST_SUITE_P(Orientations, KioskScreens, ::testing::Values(false, true),
                         [](const auto& info) { return info.param ? "Landscape" : "Portrait"; });

}  // namespace
}  // namespace loket::kiosk
