#pragma once
// Every word the waiting-room display shows, one table per language. The view takes all its
// labels from here; nothing user-facing is spelled anywhere else.
#include <array>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "loket/language.hpp"

namespace loket::display {

struct Texts {
    const char* queue_number;             // over the big number: "Nomor Antrean"
    const char* go_to;                    // before the counter of the big call: "Silakan menuju"
    const char* counter;                  // "Loket"
    const char* recall;                   // badge on a recall: "Panggilan ulang"
    const char* no_calls;                 // big panel before the first call of the day
    const char* recent_calls;             // heading of the list of earlier calls
    const char* no_recent_calls;          // that list when empty
    const char* counters_title;           // heading of the counters strip
    const char* no_open_counters;         // no counter open in this zone
    const char* counter_idle;             // an open counter with nobody called: "Siap"
    const char* counter_paused;           // "Istirahat"
    const char* waiting_title;            // heading of waiting per service: "Menunggu"
    const char* people;                   // "orang"
    const char* nobody_waiting;           // a service nobody waits for: "Tidak ada antrean"
    const char* served_at_once;           // after it, a counter free: "langsung dilayani"
    const char* about;                    // before the predicted minutes: "\u00b1"
    const char* minutes;                  // after them: "menit"
    const char* ready_title;              // heading of files ready for pickup
    const char* ready_more;               // after "+3" when not all ready files fit
    const char* reconnecting;             // indicator while the event stream is down
    const char* connecting;               // before the first snapshot arrived
    const char* connecting_detail;        // under it: the server address follows
    const char* hours_today;              // running text: "Jam pelayanan hari ini"
    const char* closed_today;             // running text: no service hours today
    const char* office_closed_now;        // header badge outside service hours: "Tutup"
    const char* separator;                // between running-text items
    const char* satisfaction_index;       // running text: "Indeks Kepuasan Masyarakat (IKM)"
    const char* respondents;              // after the count: "responden"
    const char* index_short;              // the index beside the calls: "IKM"
    const char* service_pledge;           // running text: "Maklumat Pelayanan"
    const char* performance_month;        // running text, open data: "Kinerja bulan ini"
    const char* called_within_target;     // after "87%": "antrean dipanggil dalam waktu target"
    const char* files_within_standard;    // after "92%": berkas within the SOP time standard
    const char* complaints_on_time;       // after "100%": complaints answered within 60 days
    char decimal_separator;               // ',' in Indonesian: "83,45"
    std::array<const char*, 7> weekdays;  // Sunday first (std::chrono::weekday's c_encoding)
    std::array<const char*, 12> months;   // January first
};

const Texts& texts(Language language);

// The predicted wait of a ticket taken now, beside a service's waiting count: "± 12 menit";
// with nobody waiting "Tidak ada antrean", and "— langsung dilayani" when a counter of the
// service is free; empty when there is no estimate (no counter of the service open).
std::string predicted_wait_text(const Texts& t, int waiting, bool counter_free,
                                const std::optional<int>& minutes);

// A counter's name, or "Loket 3" / "Counter 3" when it has none.
std::string counter_label(const Texts& t, const std::string& name, int number);

// "Senin, 22 November 2026" / "Monday, 22 November 2026".
std::string format_long_date(const Texts& t, int year, unsigned month, unsigned day,
                             unsigned weekday);

// Long names (an office's full name, a counter named after its service) are wrapped rather than
// cut: the text in at most max_lines lines no wider than width, at the first of `sizes` text
// sizes (largest first) where that works. width_of(size, text) measures a line. Words are
// never split. Nothing when no size works; the caller then uses a short form.
struct FittedLines {
    std::size_t size = 0;  // index of the size used
    std::vector<std::string> lines;
};
std::optional<FittedLines> fit_lines(
    std::string_view text, float width, std::size_t max_lines, std::size_t sizes,
    const std::function<float(std::size_t size, std::string_view line)>& width_of);

}  // namespace loket::display
