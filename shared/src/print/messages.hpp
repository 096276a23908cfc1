#pragma once
// Every user-facing string of the print module, Indonesian first with its English, in one
// place so translations stay together and complete.
#include <string_view>

namespace loket::print::messages {

struct Bilingual {
    std::string_view id;
    std::string_view en;
};

// Printer states (PrinterStatus::message_id / message_en).
inline constexpr Bilingual kStatusOk{"Printer siap", "Printer ready"};
inline constexpr Bilingual kStatusPaperNearEnd{
    "Kertas printer hampir habis, segera ganti gulungan",
    "Printer paper is running low, replace the roll soon"};
inline constexpr Bilingual kStatusPaperOut{"Kertas printer habis", "Printer is out of paper"};
inline constexpr Bilingual kStatusOffline{"Printer sedang offline", "Printer is offline"};
inline constexpr Bilingual kStatusCoverOpen{"Tutup printer terbuka", "Printer cover is open"};
inline constexpr Bilingual kStatusError{"Printer mengalami gangguan", "Printer has an error"};
inline constexpr Bilingual kStatusNoReply{"Printer tidak menjawab", "Printer does not respond"};
inline constexpr Bilingual kStatusNotTwoWay{"Status printer tidak dapat dibaca",
                                            "Printer status cannot be read"};
inline constexpr Bilingual kStatusInvalidReply{"Jawaban printer tidak dikenali",
                                               "Printer reply not recognised"};
inline constexpr Bilingual kStatusUnreachable{"Printer tidak dapat dihubungi",
                                              "Printer cannot be reached"};

// Print outcomes (PrintOutcome).
inline constexpr Bilingual kPrinted{"Tiket dicetak", "Ticket printed"};
inline constexpr Bilingual kPrintedNearEnd{"Tiket dicetak; kertas printer hampir habis",
                                           "Ticket printed; printer paper is running low"};
inline constexpr Bilingual kNotSent{"Tiket tidak dicetak", "Ticket not printed"};
inline constexpr Bilingual kSendFailed{"Gagal mengirim tiket ke printer",
                                       "Failed to send the ticket to the printer"};
inline constexpr Bilingual kNoPrinter{"Tidak ada printer yang dipasang",
                                      "No printer is configured"};

// Ticket labels. Short, because a 58 mm line holds 32 characters.
inline constexpr Bilingual kQueueNumber{"NOMOR ANTREAN", "QUEUE NUMBER"};
inline constexpr std::string_view kPeopleAhead = "Antrean di depan / Ahead:";
inline constexpr std::string_view kEstimatedWait = "Perkiraan / Wait:";
// Instead of the count and the estimate when nobody is ahead.
inline constexpr Bilingual kYouAreNext{"Anda berikutnya", "You are next"};
inline constexpr Bilingual kScanForStatus{"Pindai QR untuk cek status",
                                          "Scan the QR code to check status"};
inline constexpr std::string_view kDefaultClosing = "Mohon menunggu nomor Anda dipanggil";

}  // namespace loket::print::messages
