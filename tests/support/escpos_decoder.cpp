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

// One stream decoded: the printer's state as the commands set it, and the items they print.
class EscPosDecoding {
  public:
    explicit EscPosDecoding(std::span<const std::uint8_t> bytes) : r_(bytes) {}

    Decoded run() {
        while (!r_.done()) {
            const std::size_t start = r_.pos();
            const std::uint8_t b = r_.next("byte");
            if (b >= 0x20 && b != 0x7F) {
                pending_ += static_cast<char>(b);
            } else if (b == 0x0A) {
                out_.items.push_back(DecodedLine{pending_, s_.align, s_.bold, s_.width, s_.height});
                pending_.clear();
            } else if (b == 0x1B) {
                esc(start);
            } else if (b == 0x1D) {
                gs(start);
            } else if (b == 0x10) {
                dle(start);
            } else {
                throw DecodeError("control byte " + hex(b) + at(start));
            }
        }
        if (!pending_.empty())
            throw DecodeError("text not ended by LF: '" + pending_ + "'");
        return out_;
    }

  private:
    static std::string at(std::size_t pos) { return " at offset " + std::to_string(pos); }

    // Commands that only act at the start of a line must not meet half a line.
    void require_line_start(const char* what, std::size_t pos) const {
        if (!pending_.empty()) {
            throw DecodeError(std::string(what) + " in the middle of a line" + at(pos));
        }
    }

    void flush() {
        if (!pending_.empty()) {
            out_.items.push_back(DecodedLine{pending_, s_.align, s_.bold, s_.width, s_.height});
            pending_.clear();
        }
    }

    void esc(std::size_t start) {
        const std::uint8_t c = r_.next("ESC command");
        switch (c) {
            case '@':
                pending_.clear();
                s_ = State{};
                out_.items.push_back(DecodedInit{});
                break;
            case 't':
                out_.items.push_back(DecodedCodePage{r_.next("ESC t")});
                break;
            case 'a': {
                require_line_start("ESC a", start);
                const int n = r_.next("ESC a");
                if (n > 2 && !(n >= '0' && n <= '2')) {
                    throw DecodeError("ESC a " + std::to_string(n) + at(start));
                }
                s_.align = n >= '0' ? n - '0' : n;
                break;
            }
            case 'E': {
                const int n = r_.next("ESC E");
                if (n > 1)
                    throw DecodeError("ESC E " + std::to_string(n) + at(start));
                s_.bold = n == 1;
                break;
            }
            case 'd':
                flush();
                out_.items.push_back(DecodedFeed{r_.next("ESC d")});
                break;
            default:
                throw DecodeError("unknown command ESC " + hex(c) + at(start));
        }
    }

    void gs(std::size_t start) {
        const std::uint8_t c = r_.next("GS command");
        switch (c) {
            case '!': {
                const int n = r_.next("GS !");
                if ((n & 0x88) != 0)
                    throw DecodeError("GS ! " + hex(n) + at(start));
                s_.width = ((n >> 4) & 7) + 1;
                s_.height = (n & 7) + 1;
                break;
            }
            case '(':
                qr(start);
                break;
            case 'k':
                barcode(start);
                break;
            case 'h':
                s_.bc_height = r_.next("GS h");
                break;
            case 'w': {
                const int n = r_.next("GS w");
                if (n < 2 || n > 6)
                    throw DecodeError("GS w " + std::to_string(n) + at(start));
                s_.bc_width = n;
                break;
            }
            case 'H': {
                const int n = r_.next("GS H");
                if (n > 3)
                    throw DecodeError("GS H " + std::to_string(n) + at(start));
                s_.bc_hri = n;
                break;
            }
            case 'V':
                cut(start);
                break;
            default:
                throw DecodeError("unknown command GS " + hex(c) + at(start));
        }
    }

    // GS ( k: the QR code's model, module size, error correction, data, print.
    void qr(std::size_t start) {
        if (r_.next("GS (") != 'k')
            throw DecodeError("unknown GS ( command" + at(start));
        const int pl = r_.next("GS ( k pL"), ph = r_.next("GS ( k pH");
        const std::size_t len = static_cast<std::size_t>(pl | (ph << 8));
        if (len < 3)
            throw DecodeError("GS ( k length < 3" + at(start));
        const std::string body = r_.take(len, "GS ( k body");
        if (body[0] != 0x31)
            throw DecodeError("GS ( k cn is not QR" + at(start));
        const auto fn = static_cast<unsigned char>(body[1]);
        const auto arg = static_cast<unsigned char>(body[2]);
        if (fn == 0x41) {
            if (len != 4 || (arg != 0x31 && arg != 0x32) || body[3] != 0) {
                throw DecodeError("bad QR model command" + at(start));
            }
            s_.qr_model = arg - 0x30;
        } else if (fn == 0x43) {
            if (len != 3 || arg < 1 || arg > 16) {
                throw DecodeError("bad QR module size" + at(start));
            }
            s_.qr_module = arg;
        } else if (fn == 0x45) {
            if (len != 3 || arg < 0x30 || arg > 0x33) {
                throw DecodeError("bad QR error correction" + at(start));
            }
            s_.qr_ecc = arg;
        } else if (fn == 0x50) {
            if (arg != 0x30 || len == 3) {
                throw DecodeError("bad QR store command" + at(start));
            }
            s_.qr_data = body.substr(3);
        } else if (fn == 0x51) {
            require_line_start("QR print", start);
            if (len != 3 || arg != 0x30)
                throw DecodeError("bad QR print" + at(start));
            if (!s_.qr_data)
                throw DecodeError("QR print with nothing stored" + at(start));
            out_.items.push_back(
                DecodedQr{*s_.qr_data, s_.qr_model, s_.qr_module, s_.qr_ecc, s_.align});
        } else {
            throw DecodeError("unknown QR function " + hex(fn) + at(start));
        }
    }

    // GS k: a CODE128 barcode, its data decoded from code set A, B or C.
    void barcode(std::size_t start) {
        require_line_start("barcode", start);
        const int m = r_.next("GS k m");
        if (m != 73)
            throw DecodeError("barcode type " + std::to_string(m) + at(start));
        const int n = r_.next("GS k n");
        const std::string payload = r_.take(static_cast<std::size_t>(n), "CODE128");
        if (payload.size() < 2 || payload[0] != '{' ||
            (payload[1] != 'A' && payload[1] != 'B' && payload[1] != 'C')) {
            throw DecodeError("CODE128 without {A/{B/{C" + at(start));
        }
        DecodedBarcode bc{payload, "", payload[1], s_.bc_height, s_.bc_width, s_.bc_hri, s_.align};
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
        out_.items.push_back(bc);
    }

    void cut(std::size_t start) {
        flush();
        const int m = r_.next("GS V");
        if (m == 0 || m == 1 || m == '0' || m == '1') {
            out_.items.push_back(DecodedCut{m == 1 || m == '1', false, 0});
        } else if (m == 65 || m == 66) {
            out_.items.push_back(DecodedCut{m == 66, true, r_.next("GS V n")});
        } else {
            throw DecodeError("GS V " + std::to_string(m) + at(start));
        }
    }

    // DLE EOT n: a status query.
    void dle(std::size_t start) {
        if (r_.next("DLE") != 0x04)
            throw DecodeError("unknown DLE command" + at(start));
        const int n = r_.next("DLE EOT n");
        if (n < 1 || n > 4)
            throw DecodeError("DLE EOT " + std::to_string(n) + at(start));
        out_.items.push_back(DecodedStatusQuery{n});
    }

    Reader r_;
    State s_;
    std::string pending_;  // text waiting for LF
    Decoded out_;
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
    return EscPosDecoding(bytes).run();
}

}  // namespace loket::print::testing
