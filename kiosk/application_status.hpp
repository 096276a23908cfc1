#pragma once
// "Cek status berkas" at the kiosk, the parts without a screen: the registration number as
// typed, the receipt's QR code as a USB scanner types it, and the flow's state (the Model's
// methods for it are in application_status.cpp). docs/kiosk-applications.md.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "api_types.hpp"

namespace loket::kiosk {

// What identifies a file: its registration number and, when it came from the receipt's QR
// code, the secret token (32 hex) that the pickup ticket needs.
struct ReceiptCode {
    std::string number;
    std::string token;  // empty: typed, not scanned
    bool operator==(const ReceiptCode&) const = default;
};

// The longest registration number the server accepts.
inline constexpr std::size_t kMaxRegistrationNumber = 64;

// The typed number as the server stores it: capitals, no spaces at the ends or around '/',
// '\' read as '/'.
std::string normalize_registration_number(std::string_view typed);

enum class NumberProblem { none, empty, too_long, bad_characters, no_digits };
// Whether a normalized number can be a registration number (the server's characters:
// letters, digits, / . - _ and space; every format holds the sequence and the year).
NumberProblem check_registration_number(std::string_view number);

// Reads what a scanner typed from the receipt's QR code: the status URL
// ".../berkas.html?nomor=0001%2FDPMPTSP%2FXII%2F2026&token=<32 hex>", or the number and the
// token separated by spaces. nullopt when it is neither.
std::optional<ReceiptCode> parse_receipt_code(std::string_view scanned);

// Tells a barcode scanner (a USB keyboard that types a whole code within milliseconds and ends
// it with Enter) from a person typing. Keys come in per frame, so the gaps measured are at
// least a frame; the kiosk has no other hardware keyboard, so the limit is generous.
class ScanDetector {
  public:
    using Clock = std::chrono::steady_clock;
    static constexpr std::chrono::milliseconds kMaxGap{250};
    static constexpr std::size_t kMinLength = 8;

    void on_text(std::string_view text, Clock::time_point at);
    // On Enter: the burst typed just before, when it was fast and long enough to be a scan.
    std::optional<std::string> on_enter(Clock::time_point at);

  private:
    std::string burst_;
    Clock::time_point last_{};
};

// Why a status check or a pickup ticket gave no answer to show.
enum class StatusProblem {
    none,
    empty,           // nothing typed
    bad_characters,  // characters no registration number holds
    too_long,
    no_digits,
    not_found,        // no file has this number
    qr_not_found,     // no file has this number and token (an old or damaged receipt)
    qr_unrecognized,  // the scanner read something that is not a receipt's QR code
    offline,          // the server cannot be reached
    server,           // the server failed or answered something unusable
    not_ready,        // the pickup ticket was refused: the file is not ready (any more)
};

struct StatusFlow {
    std::string typed;  // the number field on the entry screen
    ReceiptCode code;   // what was (or is being) looked up
    bool scanned = false;
    std::uint64_t seq = 0;
    std::optional<ApplicationPublic> result;
    StatusProblem problem = StatusProblem::none;
    std::string pickup_key;  // idempotency key of the pickup ticket being asked for
};

}  // namespace loket::kiosk
