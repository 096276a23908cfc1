#include "text.hpp"

#include <algorithm>

namespace loket::display {
namespace {

// UTF-8 escapes: \xE2\x80\xA6 is the ellipsis, \xE2\x80\xA2 the bullet.
constexpr Texts kIndonesian{
    .queue_number = "Nomor Antrean",
    .go_to = "Silakan menuju",
    .counter = "Loket",
    .recall = "Panggilan ulang",
    .no_calls = "Belum ada panggilan",
    .recent_calls = "Panggilan Terakhir",
    .no_recent_calls = "Belum ada panggilan sebelumnya",
    .counters_title = "Loket Pelayanan",
    .no_open_counters = "Belum ada loket yang buka",
    .counter_idle = "Siap",
    .counter_paused = "Istirahat",
    .waiting_title = "Menunggu",
    .people = "orang",
    .nobody_waiting = "Tidak ada antrean",
    .served_at_once = "langsung dilayani",
    .about = "\xC2\xB1",
    .minutes = "menit",
    .ready_title = "Berkas Siap Diambil",
    .ready_more = "berkas lainnya",
    .reconnecting = "Menyambungkan ulang\xE2\x80\xA6",
    .connecting = "Menghubungkan ke server antrean\xE2\x80\xA6",
    .connecting_detail = "Server",
    .hours_today = "Jam pelayanan hari ini",
    .closed_today = "Hari ini tidak ada pelayanan",
    .office_closed_now = "Di luar jam pelayanan",
    .separator = "   \xE2\x80\xA2   ",
    .satisfaction_index = "Indeks Kepuasan Masyarakat (IKM)",
    .respondents = "responden",
    .index_short = "IKM",
    .service_pledge = "Maklumat Pelayanan",
    .performance_month = "Kinerja bulan ini",
    .called_within_target = "antrean dipanggil dalam waktu target",
    .files_within_standard = "berkas selesai sesuai standar waktu pelayanan",
    .complaints_on_time = "pengaduan dijawab dalam 60 hari",
    .decimal_separator = ',',
    .weekdays = {"Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"},
    .months = {"Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
               "September", "Oktober", "November", "Desember"},
};

constexpr Texts kEnglish{
    .queue_number = "Queue Number",
    .go_to = "Please go to",
    .counter = "Counter",
    .recall = "Called again",
    .no_calls = "No calls yet",
    .recent_calls = "Recent Calls",
    .no_recent_calls = "No earlier calls",
    .counters_title = "Counters",
    .no_open_counters = "No counter is open yet",
    .counter_idle = "Ready",
    .counter_paused = "On break",
    .waiting_title = "Waiting",
    .people = "people",
    .nobody_waiting = "Nobody ahead",
    .served_at_once = "served next",
    .about = "\xC2\xB1",
    .minutes = "min",
    .ready_title = "Files Ready for Pickup",
    .ready_more = "more files",
    .reconnecting = "Reconnecting\xE2\x80\xA6",
    .connecting = "Connecting to the queue server\xE2\x80\xA6",
    .connecting_detail = "Server",
    .hours_today = "Service hours today",
    .closed_today = "No service today",
    .office_closed_now = "Outside service hours",
    .separator = "   \xE2\x80\xA2   ",
    .satisfaction_index = "Community satisfaction index (IKM)",
    .respondents = "respondents",
    .index_short = "Satisfaction index (IKM)",
    .service_pledge = "Service pledge",
    .performance_month = "This month",
    .called_within_target = "of tickets called within the target wait",
    .files_within_standard = "of files finished within the service standard",
    .complaints_on_time = "of complaints answered within 60 days",
    .decimal_separator = '.',
    .weekdays = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"},
    .months = {"January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December"},
};

}  // namespace

const Texts& texts(Language language) {
    return language == Language::English ? kEnglish : kIndonesian;
}

std::string predicted_wait_text(const Texts& t, int waiting, bool counter_free,
                                const std::optional<int>& minutes) {
    if (waiting <= 0) {
        return counter_free ? std::string(t.nobody_waiting) + " \xE2\x80\x94 " + t.served_at_once
                            : std::string(t.nobody_waiting);
    }
    if (!minutes)
        return "";
    return std::string(t.about) + " " + std::to_string(std::max(1, *minutes)) + " " + t.minutes;
}

std::string counter_label(const Texts& t, const std::string& name, int number) {
    return name.empty() ? std::string(t.counter) + " " + std::to_string(number) : name;
}

namespace {

std::optional<std::vector<std::string>> wrap_words(
    std::string_view text, float width, std::size_t max_lines,
    const std::function<float(std::string_view)>& w) {
    std::vector<std::string> lines;
    std::string line;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && text[i] == ' ')
            ++i;
        std::size_t j = i;
        while (j < text.size() && text[j] != ' ')
            ++j;
        if (j == i)
            break;
        const std::string word(text.substr(i, j - i));
        i = j;
        if (!line.empty() && w(line + " " + word) <= width) {
            line += " " + word;
            continue;
        }
        if (!line.empty())
            lines.push_back(std::move(line));
        if (w(word) > width || lines.size() >= max_lines)
            return std::nullopt;
        line = word;
    }
    if (!line.empty())
        lines.push_back(std::move(line));
    if (lines.empty() || lines.size() > max_lines)
        return std::nullopt;
    return lines;
}

}  // namespace

std::optional<FittedLines> fit_lines(
    std::string_view text, float width, std::size_t max_lines, std::size_t sizes,
    const std::function<float(std::size_t size, std::string_view line)>& width_of) {
    for (std::size_t size = 0; size < sizes; ++size) {
        // Greedy: each line takes as many words as fit.
        auto lines = wrap_words(text, width, max_lines,
                                [&](std::string_view s) { return width_of(size, s); });
        if (lines)
            return FittedLines{size, std::move(*lines)};
    }
    return std::nullopt;
}

std::string format_long_date(const Texts& t, int year, unsigned month, unsigned day,
                             unsigned weekday) {
    std::string out = t.weekdays.at(weekday % 7);
    out += ", " + std::to_string(day) + " ";
    out += t.months.at((month + 11) % 12);
    out += " " + std::to_string(year);
    return out;
}

}  // namespace loket::display
