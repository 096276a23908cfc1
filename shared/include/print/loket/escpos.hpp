#pragma once
// ESC/POS command encoding for thermal ticket printers (docs/escpos.md), plus the
// conversion of UTF-8 text into the printer's single-byte code page.
//
// Invalid arguments (sizes out of range, oversized QR data, bad CODE128 data) throw
// std::invalid_argument: they are programming or configuration errors, caught before any byte
// reaches the printer.
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace loket::print {

enum class Align : std::uint8_t { left = 0, center = 1, right = 2 };

// The value is the byte sent in GS ( k ... 31 45 n.
enum class QrErrorCorrection : std::uint8_t { L = 0x30, M = 0x31, Q = 0x32, H = 0x33 };

enum class Code128Set : std::uint8_t { A, B, C };

enum class Cut : std::uint8_t { full, partial };

// Where the human-readable text of a barcode goes (GS H n).
enum class BarcodeText : std::uint8_t { none = 0, above = 1, below = 2, both = 3 };

// A printer code page: the name glibc iconv knows it by and the ESC t table number the printer
// selects it with. Table numbers are printer specific; these presets are Epson's.
struct CodePage {
    std::string iconv_name;
    std::uint8_t escpos_table = 0;

    static CodePage cp437() { return {"CP437", 0}; }
    static CodePage cp850() { return {"CP850", 2}; }
    static CodePage cp858() { return {"CP858", 19}; }

    bool operator==(const CodePage&) const = default;
};

// Largest QR payload the printer accepts (numeric capacity of version 40).
inline constexpr std::size_t kQrMaxData = 7089;

// True for bytes a code page printer shows as a glyph: everything but C0 controls and DEL.
constexpr bool is_printable_byte(std::uint8_t b) {
    return b >= 0x20 && b != 0x7F;
}

// Converts UTF-8 into printable bytes of one code page, transliterating what the code page
// cannot show (glibc iconv //TRANSLIT, in the C.UTF-8 locale so the result does not depend on
// the process locale): "—" becomes "--", "Ş" becomes "S". What has no transliteration becomes
// one '?'; invisible marks (combining accents, zero-width joiners, variation selectors) are
// dropped; control characters become a space or vanish; each byte of invalid UTF-8 becomes
// '?'. The output never holds a control byte. Not thread safe: one instance per thread.
class Transliterator {
  public:
    // Throws std::invalid_argument when iconv does not know the code page.
    explicit Transliterator(CodePage code_page = CodePage::cp437());
    ~Transliterator();
    Transliterator(Transliterator&&) noexcept;
    Transliterator& operator=(Transliterator&&) noexcept;

    const CodePage& code_page() const;
    // UTF-8 -> code page bytes, one byte per printed column.
    std::string to_printer(std::string_view utf8) const;
    // Code page bytes -> UTF-8 (for previews); non-printable bytes become U+FFFD.
    std::string to_utf8(std::string_view printer_bytes) const;
    // What the printer will really show, as UTF-8: to_utf8(to_printer(text)).
    std::string printable(std::string_view utf8) const { return to_utf8(to_printer(utf8)); }

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// Number of UTF-8 code points in text (invalid bytes count one each).
std::size_t utf8_length(std::string_view text);

// Breaks text into lines of at most `columns` code points, at spaces where possible; words
// longer than a line are split. Works on UTF-8 (each code point is one printer column after
// transliteration). Never returns an empty list: empty text gives one empty line.
std::vector<std::string> wrap_text(std::string_view text, int columns);

// Pads text with spaces to exactly `columns` code points as left/center/right aligned;
// longer text is cut.
std::string pad_text(std::string_view text, int columns, Align align);

// "left ....... right" in exactly `columns` code points; if both do not fit, right is kept
// whole and left is cut (the value matters more than the label).
std::string spread_text(std::string_view left, std::string_view right, int columns);

// Builder of ESC/POS bytes. Each method appends one command and checks its arguments.
class EscPos {
  public:
    EscPos& initialise();                      // ESC @
    EscPos& code_page(std::uint8_t table);     // ESC t n
    EscPos& align(Align align);                // ESC a n
    EscPos& emphasis(bool on);                 // ESC E n
    EscPos& char_size(int width, int height);  // GS ! n, width and height 1..8

    // Raw code page bytes; throws if any is not printable (no smuggled control codes).
    EscPos& text(std::string_view printer_bytes);
    EscPos& line_feed();  // LF
    EscPos& line(std::string_view printer_bytes) { return text(printer_bytes).line_feed(); }
    // Transliterates UTF-8 text, wraps it at `columns` and prints each line.
    EscPos& wrapped_text(std::string_view utf8, const Transliterator& tr, int columns);

    EscPos& qr_model2();                             // GS ( k fn 65
    EscPos& qr_module_size(int dots);                // GS ( k fn 67, 1..16
    EscPos& qr_error_correction(QrErrorCorrection);  // GS ( k fn 69
    EscPos& qr_store(std::string_view data);         // GS ( k fn 80, 1..7089 bytes
    EscPos& qr_print();                              // GS ( k fn 81
    // All five QR commands in order.
    EscPos& qr(std::string_view data, int module_size, QrErrorCorrection ecc);

    EscPos& barcode_height(int dots);         // GS h n, 1..255
    EscPos& barcode_module_width(int dots);   // GS w n, 2..6
    EscPos& barcode_text(BarcodeText where);  // GS H n
    // GS k 73 n {A|{B|{C data. For set C, data is an even number of digits sent as one byte
    // per pair; for A and B a '{' is escaped as "{{". Throws on characters the set lacks.
    EscPos& code128(Code128Set set, std::string_view data);

    EscPos& feed(int lines);                   // ESC d n, 0..255
    EscPos& cut(Cut mode);                     // GS V 0 / 1
    EscPos& feed_and_cut(Cut mode, int dots);  // GS V 65/66 n: feed to the cutter + n, cut

    const std::vector<std::uint8_t>& bytes() const& { return bytes_; }
    std::vector<std::uint8_t> take() { return std::move(bytes_); }

  private:
    void put(std::initializer_list<std::uint8_t> bytes);
    std::vector<std::uint8_t> bytes_;
};

}  // namespace loket::print
