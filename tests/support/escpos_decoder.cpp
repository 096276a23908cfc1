#include "escpos_decoder.hpp"

#include <cstdio>
#include <optional>

namespace loket::print::testing {
namespace {

std::string hex(std::uint8_t b) {
    char text[8];
    std::snprintf(text, sizeof text, "%02X", b);
    return text;
}

class Reader {
  public:
    explicit Reader(std::span<const std::uint8_t> bytes) : bytes_(bytes) {}
    bool done() const { return pos_ >= bytes_.size(); }
    std::size_t pos() const { return pos_; }
    std::uint8_t next(const char* what) {
        if (done())
            throw DecodeError(std::string("truncated ") + what + " at end of stream");
        return bytes_[pos_++];
    }
    std::string take(std::size_t n, const char* what) {
        if (bytes_.size() - pos_ < n)
            throw DecodeError(std::string("truncated ") + what);
        std::string out(reinterpret_cast<const char*>(bytes_.data() + pos_), n);
        pos_ += n;
        return out;
    }

  private:
    std::span<const std::uint8_t> bytes_;
    std::size_t pos_ = 0;
};

struct State {
    int align = 0;
    bool bold = false;
    int width = 1, height = 1;
    std::optional<std::string> qr_data;
    int qr_model = 0, qr_module = 3, qr_ecc = 0x30;
    int bc_height = 162, bc_width = 3, bc_hri = 0;
};

}  // namespace

std::vector<DecodedLine> Decoded::lines() const {
    std::vector<DecodedLine> out;
    for (const auto& i : items) {
        if (const auto* l = std::get_if<DecodedLine>(&i))
            out.push_back(*l);
    }
    return out;
}

std::vector<DecodedQr> Decoded::qrs() const {
    std::vector<DecodedQr> out;
    for (const auto& i : items) {
        if (const auto* q = std::get_if<DecodedQr>(&i))
            out.push_back(*q);
    }
    return out;
}

std::vector<DecodedBarcode> Decoded::barcodes() const {
    std::vector<DecodedBarcode> out;
    for (const auto& i : items) {
        if (const auto* b = std::get_if<DecodedBarcode>(&i))
            out.push_back(*b);
    }
    return out;
}

int Decoded::find_line(std::string_view needle) const {
    const auto all = lines();
    for (std::size_t i = 0; i < all.size(); ++i) {
        if (all[i].text.find(needle) != std::string::npos)
            return static_cast<int>(i);
    }
    return -1;
}

int Decoded::find_item(std::string_view needle) const {
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (const auto* l = std::get_if<DecodedLine>(&items[i])) {
            if (l->text.find(needle) != std::string::npos)
                return static_cast<int>(i);
        }
    }
    return -1;
}

int Decoded::find_qr() const {
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (std::holds_alternative<DecodedQr>(items[i]))
            return static_cast<int>(i);
    }
    return -1;
}

Decoded decode_escpos(std::span<const std::uint8_t> bytes) {
    Decoded out;
    Reader r(bytes);
    State s;
    std::string pending;  // text waiting for LF
    auto at = [&](std::size_t pos) { return " at offset " + std::to_string(pos); };
    // Commands that only act at the start of a line must not meet half a line.
    auto require_line_start = [&](const char* what, std::size_t pos) {
        if (!pending.empty()) {
            throw DecodeError(std::string(what) + " in the middle of a line" + at(pos));
        }
    };
    auto flush = [&] {
        if (!pending.empty()) {
            out.items.push_back(DecodedLine{pending, s.align, s.bold, s.width, s.height});
            pending.clear();
        }
    };

    while (!r.done()) {
        const std::size_t start = r.pos();
        const std::uint8_t b = r.next("byte");
        if (b >= 0x20 && b != 0x7F) {
            pending += static_cast<char>(b);
            continue;
        }
        if (b == 0x0A) {
            out.items.push_back(DecodedLine{pending, s.align, s.bold, s.width, s.height});
            pending.clear();
            continue;
        }
        if (b == 0x1B) {
            const std::uint8_t c = r.next("ESC command");
            switch (c) {
                case '@':
                    pending.clear();
                    s = State{};
                    out.items.push_back(DecodedInit{});
                    break;
                case 't':
                    out.items.push_back(DecodedCodePage{r.next("ESC t")});
                    break;
                case 'a': {
                    require_line_start("ESC a", start);
                    const int n = r.next("ESC a");
                    if (n > 2 && !(n >= '0' && n <= '2')) {
                        throw DecodeError("ESC a " + std::to_string(n) + at(start));
                    }
                    s.align = n >= '0' ? n - '0' : n;
                    break;
                }
                case 'E': {
                    const int n = r.next("ESC E");
                    if (n > 1)
                        throw DecodeError("ESC E " + std::to_string(n) + at(start));
                    s.bold = n == 1;
                    break;
                }
                case 'd':
                    flush();
                    out.items.push_back(DecodedFeed{r.next("ESC d")});
                    break;
                default:
                    throw DecodeError("unknown command ESC " + hex(c) + at(start));
            }
            continue;
        }
        if (b == 0x1D) {
            const std::uint8_t c = r.next("GS command");
            switch (c) {
                case '!': {
                    const int n = r.next("GS !");
                    if ((n & 0x88) != 0)
                        throw DecodeError("GS ! " + hex(n) + at(start));
                    s.width = ((n >> 4) & 7) + 1;
                    s.height = (n & 7) + 1;
                    break;
                }
                case '(': {
                    if (r.next("GS (") != 'k')
                        throw DecodeError("unknown GS ( command" + at(start));
                    const int pl = r.next("GS ( k pL"), ph = r.next("GS ( k pH");
                    const std::size_t len = static_cast<std::size_t>(pl | (ph << 8));
                    if (len < 3)
                        throw DecodeError("GS ( k length < 3" + at(start));
                    const std::string body = r.take(len, "GS ( k body");
                    if (body[0] != 0x31)
                        throw DecodeError("GS ( k cn is not QR" + at(start));
                    const auto fn = static_cast<unsigned char>(body[1]);
                    const auto arg = static_cast<unsigned char>(body[2]);
                    if (fn == 0x41) {
                        if (len != 4 || (arg != 0x31 && arg != 0x32) || body[3] != 0) {
                            throw DecodeError("bad QR model command" + at(start));
                        }
                        s.qr_model = arg - 0x30;
                    } else if (fn == 0x43) {
                        if (len != 3 || arg < 1 || arg > 16) {
                            throw DecodeError("bad QR module size" + at(start));
                        }
                        s.qr_module = arg;
                    } else if (fn == 0x45) {
                        if (len != 3 || arg < 0x30 || arg > 0x33) {
                            throw DecodeError("bad QR error correction" + at(start));
                        }
                        s.qr_ecc = arg;
                    } else if (fn == 0x50) {
                        if (arg != 0x30 || len == 3) {
                            throw DecodeError("bad QR store command" + at(start));
                        }
                        s.qr_data = body.substr(3);
                    } else if (fn == 0x51) {
                        require_line_start("QR print", start);
                        if (len != 3 || arg != 0x30)
                            throw DecodeError("bad QR print" + at(start));
                        if (!s.qr_data)
                            throw DecodeError("QR print with nothing stored" + at(start));
                        out.items.push_back(
                            DecodedQr{*s.qr_data, s.qr_model, s.qr_module, s.qr_ecc, s.align});
                    } else {
                        throw DecodeError("unknown QR function " + hex(fn) + at(start));
                    }
                    break;
                }
                case 'k': {
                    require_line_start("barcode", start);
                    const int m = r.next("GS k m");
                    if (m != 73)
                        throw DecodeError("barcode type " + std::to_string(m) + at(start));
                    const int n = r.next("GS k n");
                    const std::string payload = r.take(static_cast<std::size_t>(n), "CODE128");
                    if (payload.size() < 2 || payload[0] != '{' ||
                        (payload[1] != 'A' && payload[1] != 'B' && payload[1] != 'C')) {
                        throw DecodeError("CODE128 without {A/{B/{C" + at(start));
                    }
                    DecodedBarcode bc{payload,    "",       payload[1], s.bc_height,
                                      s.bc_width, s.bc_hri, s.align};
                    for (std::size_t i = 2; i < payload.size(); ++i) {
                        const auto ch = static_cast<unsigned char>(payload[i]);
                        if (bc.set == 'C') {
                            if (ch > 99)
                                throw DecodeError("CODE128 C value > 99" + at(start));
                            bc.data += static_cast<char>('0' + ch / 10);
                            bc.data += static_cast<char>('0' + ch % 10);
                        } else if (ch == '{') {
                            if (i + 1 >= payload.size() || payload[i + 1] != '{') {
                                throw DecodeError("CODE128 code switch not supported" + at(start));
                            }
                            bc.data += '{';
                            ++i;
                        } else {
                            bc.data += static_cast<char>(ch);
                        }
                    }
                    out.items.push_back(bc);
                    break;
                }
                case 'h':
                    s.bc_height = r.next("GS h");
                    break;
                case 'w': {
                    const int n = r.next("GS w");
                    if (n < 2 || n > 6)
                        throw DecodeError("GS w " + std::to_string(n) + at(start));
                    s.bc_width = n;
                    break;
                }
                case 'H': {
                    const int n = r.next("GS H");
                    if (n > 3)
                        throw DecodeError("GS H " + std::to_string(n) + at(start));
                    s.bc_hri = n;
                    break;
                }
                case 'V': {
                    flush();
                    const int m = r.next("GS V");
                    if (m == 0 || m == 1 || m == '0' || m == '1') {
                        out.items.push_back(DecodedCut{m == 1 || m == '1', false, 0});
                    } else if (m == 65 || m == 66) {
                        out.items.push_back(DecodedCut{m == 66, true, r.next("GS V n")});
                    } else {
                        throw DecodeError("GS V " + std::to_string(m) + at(start));
                    }
                    break;
                }
                default:
                    throw DecodeError("unknown command GS " + hex(c) + at(start));
            }
            continue;
        }
        if (b == 0x10) {
            if (r.next("DLE") != 0x04)
                throw DecodeError("unknown DLE command" + at(start));
            const int n = r.next("DLE EOT n");
            if (n < 1 || n > 4)
                throw DecodeError("DLE EOT " + std::to_string(n) + at(start));
            out.items.push_back(DecodedStatusQuery{n});
            continue;
        }
        throw DecodeError("control byte " + hex(b) + at(start));
    }
    if (!pending.empty())
        throw DecodeError("text not ended by LF: '" + pending + "'");
    return out;
}

}  // namespace loket::print::testing
