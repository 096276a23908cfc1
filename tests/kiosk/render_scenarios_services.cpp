// The render tests' screens beyond the queue (render_scenarios.hpp): checking a file's status
// typed or scanned, the pickup ticket, the survey's publication on the start screen, every
// step of the survey and of a complaint, and their problems.
#include <optional>
#include <string>
#include <vector>

#include "kiosk_test_support.hpp"
#include "render_scenarios.hpp"

namespace loket::kiosk::render_test {
namespace {

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

// Cek status berkas, and the pickup ticket.
std::vector<Scenario> service_status_screens() {
    return {
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
    };
}

// The applicants' voice: publication, the survey's elements.
std::vector<Scenario> service_publication_screens() {
    return {
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
    };
}

// The survey's respondent questions, its end and its refusal.
std::vector<Scenario> service_survey_profile_screens() {
    return {
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
    };
}

// A complaint written: category, text, consent, contact.
std::vector<Scenario> service_complaint_entry_screens() {
    return {
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
    };
}

// A complaint confirmed, filed and printed, or refused.
std::vector<Scenario> service_complaint_filed_screens() {
    return {
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

}  // namespace

std::vector<Scenario> service_screens() {
    return joined({service_status_screens(), service_publication_screens(),
                   service_survey_profile_screens(), service_complaint_entry_screens(),
                   service_complaint_filed_screens()});
}

}  // namespace loket::kiosk::render_test
