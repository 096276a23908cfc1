// Fuzz target: what a ticket printer sends back, and the printer setting string.
//
// Printer replies: each input byte is a reply to DLE EOT n. The target decodes bytes with
// decode_printer_flags / decode_offline_cause / decode_error_cause / decode_paper_sensor
// (InputError for a byte that breaks the fixed bits, nothing else), combines any four replies
// (some missing) with combine_status, and runs query_status over a fake two-way transport whose
// replies, silences and link failures come from the input. Properties: a state that can_print
// never carries a cover-open / paper-out / error flag; messages are never empty; invalid bytes
// give invalid_reply; query_status never throws.
// Printer setting: the input (after the replies) also goes to make_transport, which reads the
// kiosk's "printer" setting ("tcp:HOST:PORT", "usb:PATH", ...); transports connect lazily, so
// nothing is opened here. Only InputError may escape.
#include <string>
#include <vector>

#include "fuzz_support.hpp"
#include "loket/input_error.hpp"
#include "loket/printer.hpp"

using namespace loket;
using namespace loket::print;

namespace {

// A two-way printer that answers from a script: a byte, silence, or a broken link.
class ScriptedTransport : public Transport {
  public:
    explicit ScriptedTransport(std::string_view script) : script_(script) {}
    std::string describe() const override { return "scripted"; }
    bool two_way() const override { return true; }
    void write(std::span<const std::uint8_t> bytes) override {
        if (bytes.size() != 3 || bytes[0] != 0x10 || bytes[1] != 0x04 || bytes[2] < 1 ||
            bytes[2] > 4) {
            fuzz::finding("query_status sent something other than DLE EOT 1..4");
        }
        ++queries_;
    }
    std::size_t read(std::span<std::uint8_t> buffer) override {
        if (at_ >= script_.size() || buffer.empty())
            return 0;
        const auto c = static_cast<std::uint8_t>(script_[at_++]);
        if (c == 0xFF)
            throw PrinterError("scripted: link lost");
        if (c == 0xFE)
            return 0;  // silence
        buffer[0] = c;
        return 1;
    }
    int queries_ = 0;

  private:
    std::string_view script_;
    std::size_t at_ = 0;
};

void check_status(const PrinterStatus& s) {
    if (s.message_id.empty() || s.message_en.empty())
        fuzz::finding("a printer status without a message");
    if (to_string(s.state).empty() || to_string(s.state) == "unknown")
        fuzz::finding("a printer state without a name");
    if (can_print(s.state) && (s.cover_open || s.paper_out || s.error))
        fuzz::finding("printing allowed while the printer reports a fault");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    // Every byte through every decoder.
    for (std::size_t i = 0; i < size && i < 64; ++i) {
        const std::uint8_t b = data[i];
        int thrown = 0;
        try {
            (void)decode_printer_flags(b);
        } catch (const InputError&) {
            ++thrown;
        }
        try {
            (void)decode_offline_cause(b);
        } catch (const InputError&) {
            ++thrown;
        }
        try {
            (void)decode_error_cause(b);
        } catch (const InputError&) {
            ++thrown;
        }
        try {
            (void)decode_paper_sensor(b);
        } catch (const InputError&) {
            ++thrown;
        }
        if (thrown != (is_valid_status_byte(b) ? 0 : 4))
            fuzz::finding("decoders disagree with is_valid_status_byte");
    }

    // Four replies at a time, 0xFE meaning "no reply".
    for (std::size_t i = 0; i + 4 <= size && i < 64; i += 4) {
        StatusReplies replies;
        const auto slot = [&](std::size_t k) -> std::optional<std::uint8_t> {
            return data[i + k] == 0xFE ? std::nullopt : std::optional<std::uint8_t>(data[i + k]);
        };
        replies.printer = slot(0);
        replies.offline_cause = slot(1);
        replies.error_cause = slot(2);
        replies.paper = slot(3);
        const PrinterStatus s = combine_status(replies);
        check_status(s);
        const bool all =
            replies.printer && replies.offline_cause && replies.error_cause && replies.paper;
        const bool valid = all && is_valid_status_byte(*replies.printer) &&
                           is_valid_status_byte(*replies.offline_cause) &&
                           is_valid_status_byte(*replies.error_cause) &&
                           is_valid_status_byte(*replies.paper);
        if (!all && s.state != PrinterState::no_reply)
            fuzz::finding("a missing reply is not no_reply");
        if (all && !valid && s.state != PrinterState::invalid_reply)
            fuzz::finding("an invalid reply byte is not invalid_reply");
    }

    // The whole input as a printer's replies to query_status.
    const std::string_view script(reinterpret_cast<const char*>(data), size);
    ScriptedTransport transport(script);
    const PrinterStatus s = query_status(transport);
    check_status(s);
    if (transport.queries_ > 4)
        fuzz::finding("query_status asked more than four times");

    // The printer setting string.
    try {
        auto t = make_transport(script, Timeouts{});
        if (!t || t->describe().empty())
            fuzz::finding("make_transport gave an unusable transport");
    } catch (const InputError&) {
    }
    return 0;
}
