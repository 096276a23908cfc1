// The kiosk's words. Indonesian first (the default), English second; one entry per key.
#include "text.hpp"

#include <array>
#include <utility>

namespace loket::kiosk {
namespace {

struct Entry {
    T key;
    std::string_view text;
};

constexpr Entry kIndonesian[] = {
    {T::take_number_title, "Ambil Nomor Antrean"},
    {T::take_number_hint, "Sentuh layanan yang Anda tuju"},
    {T::waiting_none, "Tidak ada yang menunggu"},
    {T::waiting_one, "1 orang menunggu"},
    {T::waiting_many, "{0} orang menunggu"},
    {T::estimate_minutes, "Perkiraan \u00b1 {0} menit"},
    {T::estimate_soon, "Segera dilayani"},
    {T::estimate_unknown, "Perkiraan belum tersedia"},
    {T::permit_info, "Informasi Perizinan"},
    {T::permit_info_hint, "Persyaratan, alur, waktu dan biaya setiap izin"},
    {T::language_toggle, "English"},
    {T::status_open, "BUKA"},
    {T::status_closed, "TUTUP"},
    {T::hours_today, "Jam layanan hari ini: {0}"},
    {T::hours_today_none, "Hari ini tidak ada jam layanan"},
    {T::closed_holiday, "Hari libur: {0}"},
    {T::closed_today, "Hari ini tidak ada layanan"},
    {T::closed_before_hours, "Layanan belum dibuka"},
    {T::closed_between_sessions, "Layanan sedang istirahat"},
    {T::closed_after_hours, "Layanan hari ini sudah selesai"},
    {T::closed_generic, "Pengambilan nomor antrean sedang ditutup"},
    {T::next_open, "Buka kembali: {0}"},
    {T::next_open_unknown, "Jadwal buka berikutnya belum ditetapkan"},
    {T::closed_numbers_disabled,
     "Nomor antrean tidak dapat diambil saat ini. Informasi perizinan tetap dapat dibaca."},
    {T::schedule_title, "Jadwal layanan"},
    {T::schedule_closed, "Tutup"},
    {T::connecting, "Menghubungkan ke server antrean\u2026"},
    {T::offline_title, "Kios belum terhubung"},
    {T::offline_body,
     "Kios tidak dapat menghubungi server antrean. Kios akan mencoba lagi dengan sendirinya. "
     "Jika berlangsung lama, silakan hubungi petugas."},
    {T::offline_banner, "Tidak terhubung ke server antrean \u2013 mencoba lagi otomatis"},
    {T::connection_lost_banner, "Koneksi ke server terputus \u2013 mencoba lagi otomatis"},
    {T::numbers_wait_connection, "Menunggu koneksi ke server"},
    {T::numbers_wait_connection_hint,
     "Nomor antrean dapat diambil lagi setelah koneksi pulih. Informasi perizinan tetap dapat "
     "dibaca."},
    {T::permit_list_title, "Informasi Perizinan"},
    {T::search_placeholder, "Ketik nama izin, mis. usaha mikro"},
    {T::back, "\u2039 Kembali"},
    {T::loading, "Memuat\u2026"},
    {T::no_results, "Tidak ada izin yang cocok dengan \u201c{0}\u201d"},
    {T::search_failed, "Daftar izin tidak dapat dimuat. Silakan coba lagi."},
    {T::try_again, "Coba Lagi"},
    {T::result_count, "{0} izin"},
    {T::permit_counts, "{0} persyaratan \u00b7 {1} langkah"},
    {T::browse_categories, "Kategori"},
    {T::browse_az, "A\u2013Z"},
    {T::browse_search, "Cari"},
    {T::browse_categories_hint, "Pilih bidang izin yang Anda perlukan"},
    {T::browse_az_hint, "Pilih huruf awal nama izin, atau gulir dengan tombol di bawah"},
    {T::category_other, "Lainnya"},
    {T::all_categories, "\u2039 Semua Kategori"},
    {T::page_next, "Berikutnya \u203a"},
    {T::page_previous, "\u2039 Sebelumnya"},
    {T::page_of, "Halaman {0} dari {1}"},
    {T::search_shown_first, "{0} izin pertama dari {1}. Ketik lebih banyak untuk mempersempit."},
    {T::key_backspace, "Hapus"},
    {T::key_clear, "Kosongkan"},
    {T::key_space, "Spasi"},
    {T::section_requirements, "Persyaratan"},
    {T::section_steps, "Alur Pelayanan"},
    {T::section_time_cost, "Waktu & Biaya"},
    {T::section_legal, "Dasar Hukum"},
    {T::section_product, "Produk & Masa Berlaku"},
    {T::checklist_hint, "Sentuh setiap persyaratan yang dokumennya sudah Anda bawa."},
    {T::checklist_progress, "{0} dari {1} persyaratan siap"},
    {T::no_requirements,
     "SOP izin ini tidak mencantumkan daftar persyaratan. Silakan tanyakan di loket Informasi."},
    {T::not_in_sop, "Tidak tercantum dalam SOP"},
    {T::completion_time, "Waktu Penyelesaian"},
    {T::cost, "Biaya"},
    {T::product, "Produk"},
    {T::validity, "Masa Berlaku"},
    {T::step_actors, "Pelaksana: {0}"},
    {T::step_actors_none, "Pelaksana: tidak tercantum dalam SOP"},
    {T::step_time, "Waktu: {0}"},
    {T::step_time_none, "Waktu: tidak tercantum dalam SOP"},
    {T::take_number, "Ambil Nomor"},
    {T::take_number_closed, "Pengambilan nomor sedang ditutup"},
    {T::take_number_offline, "Kios tidak terhubung ke server antrean"},
    {T::sop_source, "Sumber: SOP {0}"},
    {T::sop_language_note, ""},
    {T::permit_loading, "Memuat informasi izin\u2026"},
    // Permit details from the catalog (permit_info.hpp).
    {T::applicant_question, "Mengajukan sebagai:"},
    {T::applicant_hint,
     "Sebagian persyaratan izin ini hanya berlaku untuk badan usaha. Pilih dulu, agar yang "
     "ditampilkan hanya persyaratan untuk Anda."},
    {T::applicant_perorangan, "Perorangan"},
    {T::applicant_badan_usaha, "Badan usaha"},
    {T::applicant_chosen, "Mengajukan sebagai: {0}"},
    {T::applicant_change, "Ubah"},
    {T::requirement_if_proxy, "Hanya jika pengurusan dikuasakan"},
    {T::requirements_one, "{0} persyaratan"},
    {T::requirements_many, "{0} persyaratan"},
    {T::steps_one, "{0} langkah"},
    {T::steps_many, "{0} langkah"},
    {T::checklist_progress_one, "{0} dari {1} persyaratan siap"},
    {T::procedure_note,
     "Berikut prosedur kerja dalam SOP. Sebagian besar langkah dikerjakan petugas; langkah pemohon "
     "disebut sebagai Pemohon."},
    {T::path_common, "Untuk setiap permohonan"},
    {T::path_approved, "Jika permohonan disetujui"},
    {T::path_rejected, "Jika permohonan ditolak"},
    {T::step_actors_from_table, "Pelaksana (menurut tanda di tabel SOP): {0}"},
    {T::step_actors_from_text, "Pelaksana (disebut dalam teks SOP): {0}"},
    {T::step_condition, "Hanya bila: {0}"},
    {T::step_note, "Keterangan: {0}"},
    {T::step_output, "Hasil: {0}"},
    {T::service_time, "Standar Waktu Pelayanan"},
    {T::service_time_value, "Angka baku: {0}"},
    {T::service_time_step_sum,
     "SOP tidak menyebut waktu penyelesaian. Jumlah waktu baku langkah-langkahnya: {0}."},
    {T::service_time_not_stated, "SOP tidak menyebut waktu penyelesaian."},
    {T::step_totals_title, "Jumlah waktu baku langkah"},
    {T::step_totals_one_path, "{0}"},
    {T::step_totals_approved, "Jika disetujui: {0}"},
    {T::step_totals_rejected, "Jika ditolak: {0}"},
    {T::step_totals_hint,
     "Jumlah waktu kerja langkah-langkah SOP, bukan janji waktu penyelesaian. Langkah yang hanya "
     "dilakukan bila perlu tidak dihitung."},
    {T::fact_source, "Sumber dalam SOP: {0}"},
    {T::section_office, "Kontak & Pengaduan"},
    {T::service_hours, "Jam Pelayanan"},
    {T::contact, "Alamat & Telepon Kantor"},
    {T::contact_phone, "Telp. {0}"},
    {T::contact_fax, "Faks {0}"},
    {T::complaints, "Pengaduan, Saran dan Masukan"},
    {T::facilities, "Fasilitas"},
    {T::definitions, "Istilah dalam SOP"},
    {T::unit_minute_one, "{0} menit"},
    {T::unit_minute_many, "{0} menit"},
    {T::unit_hour_one, "{0} jam"},
    {T::unit_hour_many, "{0} jam"},
    {T::unit_day_one, "{0} hari"},
    {T::unit_day_many, "{0} hari"},
    {T::unit_work_day_one, "{0} hari kerja"},
    {T::unit_work_day_many, "{0} hari kerja"},
    {T::priority_title, "Pilih Jenis Antrean"},
    {T::service_label, "Layanan"},
    {T::proposed_cs,
     "Persyaratan Anda lengkap ({0} dari {1}). Silakan ke Customer Service untuk pemeriksaan "
     "berkas."},
    {T::proposed_info,
     "Persyaratan belum lengkap ({0} dari {1}). Petugas Informasi akan menjelaskan persyaratan "
     "dan memberi formulir."},
    {T::proposed_info_no_list,
     "SOP izin ini tidak memuat daftar persyaratan. Petugas Informasi akan menjelaskannya."},
    {T::suggested, "disarankan"},
    {T::priority_none, "Umum"},
    {T::priority_none_hint, "Antrean biasa"},
    {T::priority_lansia, "Lansia"},
    {T::priority_disabilitas, "Penyandang Disabilitas"},
    {T::priority_ibu_hamil, "Ibu Hamil"},
    {T::priority_hint,
     "Antrean prioritas untuk lansia, penyandang disabilitas dan ibu hamil. Sentuh satu pilihan "
     "untuk mengambil nomor."},
    {T::issuing_title, "Mengambil nomor antrean\u2026"},
    {T::issuing_body, "Mohon tunggu sebentar."},
    {T::your_number, "Nomor Antrean Anda"},
    {T::people_ahead_none, "Anda berikutnya"},
    {T::people_ahead_one, "1 orang di depan Anda"},
    {T::people_ahead_many, "{0} orang di depan Anda"},
    {T::estimated_wait, "Perkiraan menunggu \u00b1 {0} menit"},
    {T::estimated_wait_soon, "Anda akan segera dipanggil"},
    {T::estimated_wait_unknown, "Perkiraan waktu tunggu belum tersedia"},
    {T::scan_for_status, "Pindai untuk melihat posisi antrean Anda di ponsel"},
    {T::printing, "Tiket sedang dicetak\u2026"},
    {T::printed, "Silakan ambil tiket Anda di bawah layar."},
    {T::printed_warning, "Tiket tercetak. {0}"},
    {T::print_failed, "Printer bermasalah \u2013 {0}"},
    {T::photo_hint, "Silakan foto layar ini sebagai tiket Anda dan tunjukkan kepada petugas."},
    {T::no_printer, "Kios ini tidak mencetak tiket."},
    {T::done, "Selesai"},
    {T::wait_for_call, "Mohon menunggu nomor Anda dipanggil."},
    {T::priority_badge, "Prioritas: {0}"},
    {T::permit_label, "Izin: {0}"},
    {T::print_minutes, "\u00b1 {0} menit"},
    {T::print_layout_failed, "tiket tidak dapat disusun untuk printer"},
    {T::error_title, "Maaf, ada gangguan"},
    {T::error_offline,
     "Server antrean tidak dapat dihubungi, jadi permintaan Anda belum diproses. Silakan coba "
     "lagi sebentar lagi atau hubungi petugas."},
    {T::error_server, "Server antrean sedang bermasalah. Silakan coba lagi atau hubungi petugas."},
    {T::error_bad_reply,
     "Jawaban server antrean tidak dapat dibaca oleh kios. Silakan coba lagi atau hubungi "
     "petugas."},
    {T::error_rate_limited,
     "Terlalu banyak nomor diambil dalam waktu singkat. Tunggu sebentar, lalu coba lagi."},
    {T::error_not_found, "Informasi izin ini tidak ditemukan."},
    {T::back_to_start, "Kembali ke Awal"},
    {T::closed_title, "Pengambilan Nomor Ditutup"},
    {T::at_time, "{0} pukul {1}"},
    {T::sunday, "Minggu"},
    {T::monday, "Senin"},
    {T::tuesday, "Selasa"},
    {T::wednesday, "Rabu"},
    {T::thursday, "Kamis"},
    {T::friday, "Jumat"},
    {T::saturday, "Sabtu"},
    {T::january, "Januari"},
    {T::february, "Februari"},
    {T::march, "Maret"},
    {T::april, "April"},
    {T::may, "Mei"},
    {T::june, "Juni"},
    {T::july, "Juli"},
    {T::august, "Agustus"},
    {T::september, "September"},
    {T::october, "Oktober"},
    {T::november, "November"},
    {T::december, "Desember"},
};

constexpr Entry kEnglish[] = {
    {T::take_number_title, "Take a Queue Number"},
    {T::take_number_hint, "Touch the service you need"},
    {T::waiting_none, "No one waiting"},
    {T::waiting_one, "1 person waiting"},
    {T::waiting_many, "{0} people waiting"},
    {T::estimate_minutes, "About {0} min wait"},
    {T::estimate_soon, "Served soon"},
    {T::estimate_unknown, "No estimate yet"},
    {T::permit_info, "Permit Information"},
    {T::permit_info_hint, "Requirements, steps, time and cost of each permit"},
    {T::language_toggle, "Bahasa Indonesia"},
    {T::status_open, "OPEN"},
    {T::status_closed, "CLOSED"},
    {T::hours_today, "Service hours today: {0}"},
    {T::hours_today_none, "No service hours today"},
    {T::closed_holiday, "Public holiday: {0}"},
    {T::closed_today, "No service today"},
    {T::closed_before_hours, "Service has not opened yet"},
    {T::closed_between_sessions, "Service is on a break"},
    {T::closed_after_hours, "Service has ended for today"},
    {T::closed_generic, "Queue numbers are not being issued now"},
    {T::next_open, "Opens again: {0}"},
    {T::next_open_unknown, "No next opening has been scheduled"},
    {T::closed_numbers_disabled,
     "Queue numbers cannot be taken now. Permit information is still available."},
    {T::schedule_title, "Service hours"},
    {T::schedule_closed, "Closed"},
    {T::connecting, "Connecting to the queue server\u2026"},
    {T::offline_title, "The kiosk is not connected"},
    {T::offline_body,
     "The kiosk cannot reach the queue server. It will keep trying by itself. If this lasts, "
     "please ask the staff."},
    {T::offline_banner, "Not connected to the queue server \u2013 retrying automatically"},
    {T::connection_lost_banner, "Connection to the server lost \u2013 retrying automatically"},
    {T::numbers_wait_connection, "Waiting for the server connection"},
    {T::numbers_wait_connection_hint,
     "Queue numbers can be taken again once the connection is back. Permit information is "
     "still available."},
    {T::permit_list_title, "Permit Information"},
    {T::search_placeholder, "Type a permit name, e.g. usaha mikro"},
    {T::back, "\u2039 Back"},
    {T::loading, "Loading\u2026"},
    {T::no_results, "No permit matches \u201c{0}\u201d"},
    {T::search_failed, "The permit list could not be loaded. Please try again."},
    {T::try_again, "Try Again"},
    {T::result_count, "{0} permits"},
    {T::permit_counts, "{0} requirements \u00b7 {1} steps"},
    {T::browse_categories, "Categories"},
    {T::browse_az, "A\u2013Z"},
    {T::browse_search, "Search"},
    {T::browse_categories_hint, "Choose the field of the permit you need"},
    {T::browse_az_hint,
     "Choose the first letter of the permit name, or page with the buttons below"},
    {T::category_other, "Other"},
    {T::all_categories, "\u2039 All Categories"},
    {T::page_next, "Next \u203a"},
    {T::page_previous, "\u2039 Previous"},
    {T::page_of, "Page {0} of {1}"},
    {T::search_shown_first, "The first {0} of {1} permits. Type more to narrow them down."},
    {T::key_backspace, "Delete"},
    {T::key_clear, "Clear"},
    {T::key_space, "Space"},
    {T::section_requirements, "Requirements"},
    {T::section_steps, "Service Steps"},
    {T::section_time_cost, "Time & Cost"},
    {T::section_legal, "Legal Basis"},
    {T::section_product, "Product & Validity"},
    {T::checklist_hint, "Touch each requirement whose document you have with you."},
    {T::checklist_progress, "{0} of {1} requirements ready"},
    {T::no_requirements,
     "This permit's SOP lists no requirements. Please ask at the Information counter."},
    {T::not_in_sop, "Not stated in the SOP"},
    {T::completion_time, "Completion Time"},
    {T::cost, "Cost"},
    {T::product, "Product"},
    {T::validity, "Validity"},
    {T::step_actors, "Done by: {0}"},
    {T::step_actors_none, "Done by: not stated in the SOP"},
    {T::step_time, "Time: {0}"},
    {T::step_time_none, "Time: not stated in the SOP"},
    {T::take_number, "Take a Number"},
    {T::take_number_closed, "Queue numbers are closed now"},
    {T::take_number_offline, "The kiosk is not connected to the queue server"},
    {T::sop_source, "Source: SOP {0}"},
    {T::sop_language_note, "Permit details are shown as written in the SOP (Indonesian)."},
    {T::permit_loading, "Loading the permit\u2026"},
    // Permit details from the catalog (permit_info.hpp).
    {T::applicant_question, "Applying as:"},
    {T::applicant_hint,
     "Some requirements of this permit apply only to a business. Choose first, so that only the "
     "requirements for you are shown."},
    {T::applicant_perorangan, "An individual"},
    {T::applicant_badan_usaha, "A business"},
    {T::applicant_chosen, "Applying as: {0}"},
    {T::applicant_change, "Change"},
    {T::requirement_if_proxy, "Only when someone applies on your behalf"},
    {T::requirements_one, "{0} requirement"},
    {T::requirements_many, "{0} requirements"},
    {T::steps_one, "{0} step"},
    {T::steps_many, "{0} steps"},
    {T::checklist_progress_one, "{0} of {1} requirement ready"},
    {T::procedure_note,
     "This is the SOP's working procedure. Most steps are done by staff; the applicant's steps "
     "name the Pemohon (applicant)."},
    {T::path_common, "For every application"},
    {T::path_approved, "If the application is approved"},
    {T::path_rejected, "If the application is rejected"},
    {T::step_actors_from_table, "Done by (as marked in the SOP's table): {0}"},
    {T::step_actors_from_text, "Done by (named in the SOP's text): {0}"},
    {T::step_condition, "Only when: {0}"},
    {T::step_note, "Note: {0}"},
    {T::step_output, "Result: {0}"},
    {T::service_time, "Service Time Standard"},
    {T::service_time_value, "As a figure: {0}"},
    {T::service_time_step_sum,
     "The SOP states no completion time. Its steps' standard times add up to {0}."},
    {T::service_time_not_stated, "The SOP states no completion time."},
    {T::step_totals_title, "Standard times of the steps, added up"},
    {T::step_totals_one_path, "{0}"},
    {T::step_totals_approved, "If approved: {0}"},
    {T::step_totals_rejected, "If rejected: {0}"},
    {T::step_totals_hint,
     "The working time of the SOP's steps, not a promised completion time. Steps done only when "
     "needed are not counted."},
    {T::fact_source, "Where in the SOP: {0}"},
    {T::section_office, "Contact & Complaints"},
    {T::service_hours, "Opening Hours"},
    {T::contact, "Office Address & Telephone"},
    {T::contact_phone, "Tel. {0}"},
    {T::contact_fax, "Fax {0}"},
    {T::complaints, "Complaints and Suggestions"},
    {T::facilities, "Facilities"},
    {T::definitions, "Terms Defined in the SOP"},
    {T::unit_minute_one, "1 minute"},
    {T::unit_minute_many, "{0} minutes"},
    {T::unit_hour_one, "1 hour"},
    {T::unit_hour_many, "{0} hours"},
    {T::unit_day_one, "1 calendar day"},
    {T::unit_day_many, "{0} calendar days"},
    {T::unit_work_day_one, "1 working day"},
    {T::unit_work_day_many, "{0} working days"},
    {T::priority_title, "Choose Your Queue"},
    {T::service_label, "Service"},
    {T::proposed_cs,
     "Your requirements are complete ({0} of {1}). Please go to Customer Service to have your "
     "documents checked."},
    {T::proposed_info,
     "Your requirements are not complete yet ({0} of {1}). The Information staff will explain "
     "them and give you the form."},
    {T::proposed_info_no_list,
     "This permit's SOP lists no requirements. The Information staff will explain them."},
    {T::suggested, "suggested"},
    {T::priority_none, "General"},
    {T::priority_none_hint, "Regular queue"},
    {T::priority_lansia, "Senior Citizen"},
    {T::priority_disabilitas, "Person with Disability"},
    {T::priority_ibu_hamil, "Pregnant Woman"},
    {T::priority_hint,
     "Priority queue for senior citizens, people with disabilities and pregnant women. Touch "
     "one option to take your number."},
    {T::issuing_title, "Taking your number\u2026"},
    {T::issuing_body, "Please wait a moment."},
    {T::your_number, "Your Queue Number"},
    {T::people_ahead_none, "You are next"},
    {T::people_ahead_one, "1 person ahead of you"},
    {T::people_ahead_many, "{0} people ahead of you"},
    {T::estimated_wait, "Estimated wait about {0} min"},
    {T::estimated_wait_soon, "You will be called soon"},
    {T::estimated_wait_unknown, "No wait estimate yet"},
    {T::scan_for_status, "Scan to follow your place in the queue on your phone"},
    {T::printing, "Printing your ticket\u2026"},
    {T::printed, "Please take your ticket below the screen."},
    {T::printed_warning, "Ticket printed. {0}"},
    {T::print_failed, "Printer problem \u2013 {0}"},
    {T::photo_hint, "Please take a photo of this screen as your ticket and show it to the staff."},
    {T::no_printer, "This kiosk does not print tickets."},
    {T::done, "Done"},
    {T::wait_for_call, "Please wait until your number is called."},
    {T::priority_badge, "Priority: {0}"},
    {T::permit_label, "Permit: {0}"},
    {T::print_minutes, "about {0} min"},
    {T::print_layout_failed, "the ticket could not be laid out for the printer"},
    {T::error_title, "Sorry, something went wrong"},
    {T::error_offline,
     "The queue server cannot be reached, so your request was not processed. Please try again "
     "in a moment or ask the staff."},
    {T::error_server, "The queue server has a problem. Please try again or ask the staff."},
    {T::error_bad_reply,
     "The kiosk could not read the queue server's answer. Please try again or ask the staff."},
    {T::error_rate_limited,
     "Too many numbers were taken in a short time. Wait a moment, then try "
     "again."},
    {T::error_not_found, "This permit's information was not found."},
    {T::back_to_start, "Back to Start"},
    {T::closed_title, "Queue Numbers Closed"},
    {T::at_time, "{0} at {1}"},
    {T::sunday, "Sunday"},
    {T::monday, "Monday"},
    {T::tuesday, "Tuesday"},
    {T::wednesday, "Wednesday"},
    {T::thursday, "Thursday"},
    {T::friday, "Friday"},
    {T::saturday, "Saturday"},
    {T::january, "January"},
    {T::february, "February"},
    {T::march, "March"},
    {T::april, "April"},
    {T::may, "May"},
    {T::june, "June"},
    {T::july, "July"},
    {T::august, "August"},
    {T::september, "September"},
    {T::october, "October"},
    {T::november, "November"},
    {T::december, "December"},
};

constexpr std::size_t kCount = std::size_t(T::count_);
using Table = std::array<std::string_view, kCount>;

struct Tables {
    Table id{}, en{};
    bool complete = true;
};

template <std::size_t N>
void fill(Table& table, const Entry (&entries)[N], bool& complete) {
    std::array<int, kCount> seen{};
    for (const Entry& e : entries) {
        table[std::size_t(e.key)] = e.text;
        ++seen[std::size_t(e.key)];
    }
    for (int n : seen)
        complete = complete && n == 1;
}

const Tables& tables() {
    static const Tables t = [] {
        Tables out;
        fill(out.id, kIndonesian, out.complete);
        fill(out.en, kEnglish, out.complete);
        return out;
    }();
    return t;
}

}  // namespace

std::string_view tr(Lang lang, T key) {
    const std::size_t i = std::size_t(key);
    if (i >= kCount)
        return {};
    return lang == Lang::en ? tables().en[i] : tables().id[i];
}

bool text_tables_complete() {
    return tables().complete;
}

std::string fmt(std::string_view pattern, std::initializer_list<std::string_view> args) {
    std::string out;
    out.reserve(pattern.size() + 16);
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] == '{' && i + 2 < pattern.size() && pattern[i + 2] == '}' &&
            pattern[i + 1] >= '0' && pattern[i + 1] <= '9') {
            const std::size_t n = std::size_t(pattern[i + 1] - '0');
            if (n < args.size())
                out += *(args.begin() + n);
            i += 2;
            continue;
        }
        out += pattern[i];
    }
    return out;
}

}  // namespace loket::kiosk
