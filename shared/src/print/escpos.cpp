#include "loket/escpos.hpp"

#include <initializer_list>
#include <stdexcept>
#include <string>

namespace loket::print {
namespace {

constexpr std::uint8_t ESC = 0x1B, GS = 0x1D, LF = 0x0A;

void check_range(const char* what, int value, int lo, int hi) {
    if (value < lo || value > hi) {
        throw std::invalid_argument(std::string(what) + " must be " + std::to_string(lo) + ".." +
                                    std::to_string(hi) + ", got " + std::to_string(value));
    }
}

std::string hex_byte(unsigned char c) {
    static const char* digits = "0123456789ABCDEF";
    return std::string("0x") + digits[c >> 4] + digits[c & 0xF];
}

void check_qr_data(std::string_view data) {
    if (data.empty())
        throw std::invalid_argument("QR data is empty");
    if (data.size() > kQrMaxData) {
        throw std::invalid_argument("QR data is " + std::to_string(data.size()) +
                                    " bytes, the printer takes at most " +
                                    std::to_string(kQrMaxData));
    }
}

}  // namespace

void EscPos::put(std::initializer_list<std::uint8_t> bytes) {
    bytes_.insert(bytes_.end(), bytes.begin(), bytes.end());
}

EscPos& EscPos::initialise() {
    put({ESC, '@'});
    return *this;
}

EscPos& EscPos::code_page(std::uint8_t table) {
    put({ESC, 't', table});
    return *this;
}

EscPos& EscPos::align(Align align) {
    put({ESC, 'a', static_cast<std::uint8_t>(align)});
    return *this;
}

EscPos& EscPos::emphasis(bool on) {
    put({ESC, 'E', static_cast<std::uint8_t>(on ? 1 : 0)});
    return *this;
}

EscPos& EscPos::char_size(int width, int height) {
    check_range("character width", width, 1, 8);
    check_range("character height", height, 1, 8);
    put({GS, '!', static_cast<std::uint8_t>(((width - 1) << 4) | (height - 1))});
    return *this;
}

EscPos& EscPos::text(std::string_view printer_bytes) {
    for (std::size_t i = 0; i < printer_bytes.size(); ++i) {
        const auto b = static_cast<unsigned char>(printer_bytes[i]);
        if (!is_printable_byte(b)) {
            throw std::invalid_argument("text holds control byte " + hex_byte(b) + " at offset " +
                                        std::to_string(i));
        }
    }
    bytes_.insert(bytes_.end(), printer_bytes.begin(), printer_bytes.end());
    return *this;
}

EscPos& EscPos::line_feed() {
    put({LF});
    return *this;
}

EscPos& EscPos::wrapped_text(std::string_view utf8, const Transliterator& tr, int columns) {
    // Paragraphs first: transliteration turns '\n' into a space.
    std::size_t start = 0;
    while (true) {
        const std::size_t nl = utf8.find('\n', start);
        const auto paragraph = utf8.substr(start, nl == std::string_view::npos ? nl : nl - start);
        for (const auto& l : wrap_text(tr.printable(paragraph), columns))
            line(tr.to_printer(l));
        if (nl == std::string_view::npos)
            break;
        start = nl + 1;
    }
    return *this;
}

EscPos& EscPos::qr_model2() {
    put({GS, '(', 'k', 0x04, 0x00, 0x31, 0x41, 0x32, 0x00});
    return *this;
}

EscPos& EscPos::qr_module_size(int dots) {
    check_range("QR module size", dots, 1, 16);
    put({GS, '(', 'k', 0x03, 0x00, 0x31, 0x43, static_cast<std::uint8_t>(dots)});
    return *this;
}

EscPos& EscPos::qr_error_correction(QrErrorCorrection ecc) {
    const auto n = static_cast<std::uint8_t>(ecc);
    if (n < 0x30 || n > 0x33)
        throw std::invalid_argument("unknown QR error correction level");
    put({GS, '(', 'k', 0x03, 0x00, 0x31, 0x45, n});
    return *this;
}

EscPos& EscPos::qr_store(std::string_view data) {
    check_qr_data(data);
    // The length counts the three bytes cn fn m that follow pL pH.
    const std::size_t len = data.size() + 3;
    put({GS, '(', 'k', static_cast<std::uint8_t>(len & 0xFF), static_cast<std::uint8_t>(len >> 8),
         0x31, 0x50, 0x30});
    bytes_.insert(bytes_.end(), data.begin(), data.end());
    return *this;
}

EscPos& EscPos::qr_print() {
    put({GS, '(', 'k', 0x03, 0x00, 0x31, 0x51, 0x30});
    return *this;
}

EscPos& EscPos::qr(std::string_view data, int module_size, QrErrorCorrection ecc) {
    // Validate everything before appending anything, so a failure leaves no half command.
    check_range("QR module size", module_size, 1, 16);
    check_qr_data(data);
    return qr_model2()
        .qr_module_size(module_size)
        .qr_error_correction(ecc)
        .qr_store(data)
        .qr_print();
}

EscPos& EscPos::barcode_height(int dots) {
    check_range("barcode height", dots, 1, 255);
    put({GS, 'h', static_cast<std::uint8_t>(dots)});
    return *this;
}

EscPos& EscPos::barcode_module_width(int dots) {
    check_range("barcode module width", dots, 2, 6);
    put({GS, 'w', static_cast<std::uint8_t>(dots)});
    return *this;
}

EscPos& EscPos::barcode_text(BarcodeText where) {
    put({GS, 'H', static_cast<std::uint8_t>(where)});
    return *this;
}

EscPos& EscPos::code128(Code128Set set, std::string_view data) {
    if (data.empty())
        throw std::invalid_argument("CODE128 data is empty");
    std::string payload = "{";
    switch (set) {
        case Code128Set::A:
            payload += 'A';
            for (char ch : data) {
                const auto c = static_cast<unsigned char>(ch);
                if (c > 0x5F) {
                    throw std::invalid_argument("CODE128 set A cannot encode " + hex_byte(c));
                }
                payload += ch;
            }
            break;
        case Code128Set::B:
            payload += 'B';
            for (char ch : data) {
                const auto c = static_cast<unsigned char>(ch);
                if (c < 0x20 || c > 0x7E) {
                    throw std::invalid_argument("CODE128 set B cannot encode " + hex_byte(c));
                }
                payload += ch;
                if (ch == '{')
                    payload += '{';  // '{' starts a code-set switch; "{{" is '{'
            }
            break;
        case Code128Set::C:
            payload += 'C';
            if (data.size() % 2 != 0) {
                throw std::invalid_argument("CODE128 set C needs an even number of digits");
            }
            for (std::size_t i = 0; i < data.size(); i += 2) {
                const char hi = data[i], lo = data[i + 1];
                if (hi < '0' || hi > '9' || lo < '0' || lo > '9') {
                    throw std::invalid_argument("CODE128 set C takes digits only");
                }
                payload += static_cast<char>((hi - '0') * 10 + (lo - '0'));
            }
            break;
    }
    if (payload.size() > 255) {
        throw std::invalid_argument("CODE128 data is too long: " + std::to_string(payload.size()) +
                                    " bytes, at most 255");
    }
    put({GS, 'k', 73, static_cast<std::uint8_t>(payload.size())});
    bytes_.insert(bytes_.end(), payload.begin(), payload.end());
    return *this;
}

EscPos& EscPos::feed(int lines) {
    check_range("feed lines", lines, 0, 255);
    put({ESC, 'd', static_cast<std::uint8_t>(lines)});
    return *this;
}

EscPos& EscPos::cut(Cut mode) {
    put({GS, 'V', static_cast<std::uint8_t>(mode == Cut::full ? 0 : 1)});
    return *this;
}

EscPos& EscPos::feed_and_cut(Cut mode, int dots) {
    check_range("feed before cut", dots, 0, 255);
    put({GS, 'V', static_cast<std::uint8_t>(mode == Cut::full ? 65 : 66),
         static_cast<std::uint8_t>(dots)});
    return *this;
}

}  // namespace loket::print
