#pragma once
// Printer connections (USB printer class device, raw TCP port 9100, file, none) and the
// ESC/POS real-time status (DLE EOT n). Every write and read has a deadline: a dead printer
// gives an error or a "no reply" status, never a hang.
#include <array>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>

namespace loket::print {

// A transport failed: could not open/connect, timed out writing, the peer went away.
// what() names the printer (Transport::describe()) and the cause.
class PrinterError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

struct Timeouts {
    std::chrono::milliseconds connect{3000};
    std::chrono::milliseconds write{5000};
    std::chrono::milliseconds read{1000};  // wait for one status reply
};

// One printer connection, used by one thread at a time (the kiosk's print worker).
class Transport {
  public:
    virtual ~Transport() = default;
    // For messages and logs, e.g. "tcp 192.168.1.50:9100".
    virtual std::string describe() const = 0;
    // Whether replies can be read back (status queries make sense).
    virtual bool two_way() const = 0;
    // Sends all bytes before the write timeout or throws PrinterError.
    virtual void write(std::span<const std::uint8_t> bytes) = 0;
    // Reads up to buffer.size() bytes, waiting at most the read timeout; 0 means nothing came.
    // Throws PrinterError when the link fails or is not readable.
    virtual std::size_t read(std::span<std::uint8_t> buffer) = 0;
    // Drops bytes already waiting (late replies to an earlier query) without blocking.
    virtual void discard_input() {}
};

// A printer device file such as /dev/usb/lp0 (USB printer class), opened read-write and
// non-blocking; waits with poll(). Opened lazily and reopened after a failure, so a printer
// plugged in later is picked up. Set two_way false for printers whose device does not answer.
class DeviceTransport : public Transport {
  public:
    explicit DeviceTransport(std::filesystem::path path, Timeouts timeouts = {},
                             bool two_way = true);
    ~DeviceTransport() override;
    DeviceTransport(const DeviceTransport&) = delete;
    DeviceTransport& operator=(const DeviceTransport&) = delete;

    std::string describe() const override;
    bool two_way() const override { return two_way_; }
    void write(std::span<const std::uint8_t> bytes) override;
    std::size_t read(std::span<std::uint8_t> buffer) override;
    void discard_input() override;

  private:
    int ensure_open();
    void close_fd();
    std::filesystem::path path_;
    Timeouts timeouts_;
    bool two_way_;
    int fd_ = -1;
};

// Raw TCP ("JetDirect", port 9100). Connects lazily with the connect timeout and reconnects
// after a failure.
class TcpTransport : public Transport {
  public:
    TcpTransport(std::string host, std::uint16_t port = 9100, Timeouts timeouts = {});
    ~TcpTransport() override;
    TcpTransport(const TcpTransport&) = delete;
    TcpTransport& operator=(const TcpTransport&) = delete;

    std::string describe() const override;
    bool two_way() const override { return true; }
    void write(std::span<const std::uint8_t> bytes) override;
    std::size_t read(std::span<std::uint8_t> buffer) override;
    void discard_input() override;
    // Closes the connection (the next write or read opens a new one).
    void disconnect();

  private:
    int ensure_connected();
    std::string host_;
    std::uint16_t port_;
    Timeouts timeouts_;
    int fd_ = -1;
};

// Appends the bytes to a file (tests, debugging, or a spooler watching a folder). One-way.
class FileTransport : public Transport {
  public:
    explicit FileTransport(std::filesystem::path path);
    std::string describe() const override;
    bool two_way() const override { return false; }
    void write(std::span<const std::uint8_t> bytes) override;
    std::size_t read(std::span<std::uint8_t> buffer) override;

  private:
    std::filesystem::path path_;
};

// No printer configured: every write fails, so nobody is told a ticket came out.
class NullTransport : public Transport {
  public:
    std::string describe() const override { return "none"; }
    bool two_way() const override { return false; }
    void write(std::span<const std::uint8_t> bytes) override;
    std::size_t read(std::span<std::uint8_t> buffer) override;
};

// Builds a transport from a configuration value: "none", "file:PATH", "tcp:HOST[:PORT]"
// (default port 9100), "usb:PATH" or "device:PATH" (two-way), "device-oneway:PATH".
// Throws loket::InputError (source "printer setting") for anything else.
std::unique_ptr<Transport> make_transport(std::string_view spec, Timeouts timeouts = {});

// ---- Real-time status (DLE EOT n) -----------------------------------------------------------

enum class StatusQuery : std::uint8_t {
    printer = 1,
    offline_cause = 2,
    error_cause = 3,
    paper = 4
};

constexpr std::array<std::uint8_t, 3> status_query_bytes(StatusQuery n) {
    return {0x10, 0x04, static_cast<std::uint8_t>(n)};
}

// Every reply has bits 1 and 4 set and bits 0 and 7 clear; the decoders below throw
// loket::InputError (source "printer reply") for a byte that does not.
bool is_valid_status_byte(std::uint8_t b);

struct PrinterFlags {               // DLE EOT 1
    bool offline = false;           // bit 3
    bool waiting_recovery = false;  // bit 5: waiting for online recovery
    bool feed_button = false;       // bit 6: paper feed button pressed
};
struct OfflineCause {             // DLE EOT 2
    bool cover_open = false;      // bit 2
    bool feed_button = false;     // bit 3: feeding by the feed button
    bool paper_end_stop = false;  // bit 5: printing stopped by paper end
    bool error = false;           // bit 6
};
struct ErrorCause {                 // DLE EOT 3
    bool mechanical = false;        // bit 2: mechanical / recoverable error
    bool cutter = false;            // bit 3: autocutter error
    bool unrecoverable = false;     // bit 5
    bool auto_recoverable = false;  // bit 6: e.g. head overheated
    bool any() const { return mechanical || cutter || unrecoverable || auto_recoverable; }
};
struct PaperSensor {        // DLE EOT 4
    bool near_end = false;  // bits 2-3
    bool out = false;       // bits 5-6
};

PrinterFlags decode_printer_flags(std::uint8_t reply);
OfflineCause decode_offline_cause(std::uint8_t reply);
ErrorCause decode_error_cause(std::uint8_t reply);
PaperSensor decode_paper_sensor(std::uint8_t reply);

enum class PrinterState {
    ok,
    paper_near_end,  // prints, but the roll should be changed soon
    paper_out,
    offline,
    cover_open,
    error,
    no_reply,       // a status query timed out
    not_two_way,    // the transport cannot read status (file, none, one-way device)
    invalid_reply,  // a reply byte broke the fixed bits: wrong device or line noise
    unreachable,    // the transport failed (cannot open/connect, connection lost)
};

std::string_view to_string(PrinterState state);

// True when a ticket can be sent in this state (ok, paper near end, or status unknowable
// because the link is one-way).
bool can_print(PrinterState state);

struct PrinterStatus {
    PrinterState state = PrinterState::no_reply;
    std::string message_id;  // for staff and applicants, Indonesian
    std::string message_en;
    std::string detail;  // technical detail for logs (raw bytes, transport error)
    // Decoded flags; meaningful only when the replies were read and valid.
    bool online = false;
    bool cover_open = false;
    bool paper_near_end = false;
    bool paper_out = false;
    bool error = false;
};

// The four raw replies; nullopt where the printer did not answer.
struct StatusReplies {
    std::optional<std::uint8_t> printer, offline_cause, error_cause, paper;
};

// One status from the four replies. Precedence: no reply, invalid reply, cover open, paper out,
// error, offline, paper near end, ok (a cause wins over the plain "offline" it causes).
PrinterStatus combine_status(const StatusReplies& replies);
// A status of the given state with its standard messages and an optional detail.
PrinterStatus make_status(PrinterState state, std::string detail = {});

// Sends DLE EOT 1..4 one at a time and waits for each reply with the transport's read timeout;
// stops at the first silence. Never throws for printer trouble: a failing transport gives
// `unreachable`, a one-way transport `not_two_way`.
PrinterStatus query_status(Transport& transport);

}  // namespace loket::print
