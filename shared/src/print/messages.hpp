#pragma once
// Every user-facing string of the print module, Indonesian first with its English, in one
// place so translations stay together and complete.
#include <string>
#include <string_view>

namespace loket::print::messages {

struct Bilingual {
    std::string_view id;
    std::string_view en;
};

// One line holding both languages, for labels printed once ("Nomor / Number").
inline std::string both(Bilingual text) {
    return std::string(text.id) + " / " + std::string(text.en);
}

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

// The application receipt (receipt_document.cpp).
inline constexpr Bilingual kReceiptTitle{"TANDA TERIMA BERKAS", "Application receipt"};
inline constexpr Bilingual kRegistrationNumber{"Nomor pendaftaran", "Registration number"};
inline constexpr Bilingual kReceiptPermit{"Izin", "Permit"};
inline constexpr Bilingual kReceiptApplicant{"Pemohon", "Applicant"};
inline constexpr Bilingual kReceiptBusiness{"Badan usaha", "Business"};
inline constexpr Bilingual kReceiptDate{"Tanggal pendaftaran", "Registered on"};
inline constexpr Bilingual kReceiptPromise{"Janji layanan", "Service promise"};
inline constexpr Bilingual kReceiptCheck{"Cek status berkas", "Check the status"};
inline constexpr Bilingual kReceiptPickup{"Pengambilan", "Pickup"};
inline constexpr Bilingual kReceiptClerk{"Petugas", "Clerk"};
inline constexpr Bilingual kReceiptKeep{"Simpan tanda terima ini.", "Keep this receipt."};
inline constexpr Bilingual kReceiptPrinted{"Tanda terima dicetak", "Receipt printed"};
inline constexpr Bilingual kReceiptPrintedNearEnd{
    "Tanda terima dicetak; kertas printer hampir habis",
    "Receipt printed; printer paper is running low"};
inline constexpr Bilingual kReceiptNotSent{"Tanda terima tidak dicetak", "Receipt not printed"};
inline constexpr Bilingual kReceiptSendFailed{"Gagal mengirim tanda terima ke printer",
                                              "Failed to send the receipt to the printer"};

// The complaint slip (complaint_slip_document.cpp).
inline constexpr Bilingual kSlipTitle{"BUKTI PENGADUAN", "Complaint receipt"};
inline constexpr Bilingual kSlipTrackingNumber{"Nomor pelacakan", "Tracking number"};
inline constexpr Bilingual kSlipReceived{"Diterima", "Received"};
inline constexpr Bilingual kSlipDue{"Ditanggapi paling lambat", "Answered by"};
inline constexpr Bilingual kSlipCategory{"Kategori", "Category"};
inline constexpr Bilingual kSlipFollow{"Ikuti tindak lanjutnya dengan nomor ini di:",
                                       "Follow it up with this number at:"};
inline constexpr Bilingual kSlipKeep{"Simpan bukti ini.", "Keep this slip."};
inline constexpr Bilingual kSlipPrinted{"Bukti pengaduan dicetak", "Complaint slip printed"};
inline constexpr Bilingual kSlipPrintedNearEnd{
    "Bukti pengaduan dicetak; kertas printer hampir habis",
    "Complaint slip printed; printer paper is running low"};
inline constexpr Bilingual kSlipNotSent{"Bukti pengaduan tidak dicetak",
                                        "Complaint slip not printed"};
inline constexpr Bilingual kSlipSendFailed{"Gagal mengirim bukti pengaduan ke printer",
                                           "Failed to send the complaint slip to the printer"};

}  // namespace loket::print::messages
