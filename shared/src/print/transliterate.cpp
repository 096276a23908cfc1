// UTF-8 to printer code page, and column-based text layout.
#include <iconv.h>
#include <locale.h>

#include <cerrno>
#include <stdexcept>
#include <unordered_map>

#include "loket/escpos.hpp"

namespace loket::print {
namespace {

constexpr char32_t kInvalid = 0xFFFFFFFF;

// Decodes one code point at text[i], advancing i. Rejects overlong forms, surrogates and values
// past U+10FFFF; an invalid sequence consumes exactly one byte.
char32_t next_code_point(std::string_view text, std::size_t& i) {
    const auto b0 = static_cast<unsigned char>(text[i]);
    if (b0 < 0x80) {
        ++i;
        return b0;
    }
    int len = 0;
    char32_t cp = 0, min = 0;
    if ((b0 & 0xE0) == 0xC0) {
        len = 2, cp = b0 & 0x1F, min = 0x80;
    } else if ((b0 & 0xF0) == 0xE0) {
        len = 3, cp = b0 & 0x0F, min = 0x800;
    } else if ((b0 & 0xF8) == 0xF0) {
        len = 4, cp = b0 & 0x07, min = 0x10000;
    } else {
        ++i;
        return kInvalid;
    }
    if (i + len > text.size()) {
        ++i;
        return kInvalid;
    }
    for (int k = 1; k < len; ++k) {
        const auto b = static_cast<unsigned char>(text[i + k]);
        if ((b & 0xC0) != 0x80) {
            ++i;
            return kInvalid;
        }
        cp = (cp << 6) | (b & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        ++i;
        return kInvalid;
    }
    i += len;
    return cp;
}

void append_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

// Marks that change nothing on a ticket when left out; iconv would turn each into '?'.
bool is_invisible(char32_t cp) {
    return (cp >= 0x0300 && cp <= 0x036F)        // combining diacritics
           || (cp >= 0x200B && cp <= 0x200F)     // zero-width space/joiners, direction marks
           || (cp >= 0x2060 && cp <= 0x2064)     // word joiner, invisible operators
           || (cp >= 0x20D0 && cp <= 0x20FF)     // combining marks for symbols
           || (cp >= 0xFE00 && cp <= 0xFE0F)     // variation selectors (emoji presentation)
           || cp == 0xFEFF                       // byte order mark
           || (cp >= 0x1F3FB && cp <= 0x1F3FF)   // emoji skin tones
           || (cp >= 0xE0000 && cp <= 0xE007F);  // tag characters (flag sequences)
}

bool is_control(char32_t cp) {
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

bool is_space_control(char32_t cp) {
    return cp == '\t' || cp == '\n' || cp == '\r' || cp == '\v' || cp == '\f';
}

// Splits UTF-8 into code points, each as its own substring (an invalid byte is one piece).
std::vector<std::string_view> code_points(std::string_view text) {
    std::vector<std::string_view> out;
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t start = i;
        next_code_point(text, i);
        out.push_back(text.substr(start, i - start));
    }
    return out;
}

std::string join(const std::vector<std::string_view>& pieces, std::size_t from, std::size_t to) {
    std::string out;
    for (std::size_t k = from; k < to; ++k)
        out += pieces[k];
    return out;
}

}  // namespace

struct Transliterator::Impl {
    CodePage code_page;
    iconv_t to_cp = reinterpret_cast<iconv_t>(-1);
    // glibc takes transliteration rules from the LC_CTYPE of the calling thread; the plain C
    // locale has few ("Ş" would become '?'), so conversions run under C.UTF-8.
    locale_t translit_locale = nullptr;
    std::string from_cp[256];                         // code page byte -> UTF-8
    std::unordered_map<char32_t, std::string> cache;  // code point -> code page bytes

    ~Impl() {
        if (to_cp != reinterpret_cast<iconv_t>(-1))
            iconv_close(to_cp);
        if (translit_locale != nullptr)
            freelocale(translit_locale);
    }

    // One code point through iconv; "" means it maps to nothing, "?" that it has no mapping.
    std::string convert(char32_t cp) {
        std::string in;
        append_utf8(in, cp);
        char out[64];
        char* inp = in.data();
        std::size_t inleft = in.size();
        char* outp = out;
        std::size_t outleft = sizeof out;
        iconv(to_cp, nullptr, nullptr, nullptr, nullptr);  // reset shift state
        const locale_t previous = translit_locale != nullptr ? uselocale(translit_locale) : nullptr;
        const std::size_t rc = iconv(to_cp, &inp, &inleft, &outp, &outleft);
        if (previous != nullptr)
            uselocale(previous);
        if (rc == static_cast<std::size_t>(-1) || inleft != 0)
            return "?";
        std::string result(out, outp);
        for (char c : result) {
            if (!is_printable_byte(static_cast<unsigned char>(c)))
                return "?";
        }
        return result;
    }
};

Transliterator::Transliterator(CodePage code_page) : impl_(std::make_unique<Impl>()) {
    impl_->code_page = std::move(code_page);
    const std::string target = impl_->code_page.iconv_name + "//TRANSLIT";
    impl_->to_cp = iconv_open(target.c_str(), "UTF-8");
    if (impl_->to_cp == reinterpret_cast<iconv_t>(-1)) {
        throw std::invalid_argument("code page '" + impl_->code_page.iconv_name +
                                    "' is not known to iconv");
    }
    impl_->translit_locale = newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(0));

    iconv_t back = iconv_open("UTF-8", impl_->code_page.iconv_name.c_str());
    if (back == reinterpret_cast<iconv_t>(-1)) {
        throw std::invalid_argument("code page '" + impl_->code_page.iconv_name +
                                    "' cannot be converted back to UTF-8");
    }
    for (int b = 0; b < 256; ++b) {
        std::string& slot = impl_->from_cp[b];
        if (!is_printable_byte(static_cast<std::uint8_t>(b))) {
            slot = "\xEF\xBF\xBD";
            continue;
        }
        char in = static_cast<char>(b);
        char out[8];
        char* inp = &in;
        std::size_t inleft = 1;
        char* outp = out;
        std::size_t outleft = sizeof out;
        iconv(back, nullptr, nullptr, nullptr, nullptr);
        if (iconv(back, &inp, &inleft, &outp, &outleft) == static_cast<std::size_t>(-1)) {
            slot = "\xEF\xBF\xBD";
        } else {
            slot.assign(out, outp);
        }
    }
    iconv_close(back);
}

Transliterator::~Transliterator() = default;
Transliterator::Transliterator(Transliterator&&) noexcept = default;
Transliterator& Transliterator::operator=(Transliterator&&) noexcept = default;

const CodePage& Transliterator::code_page() const {
    return impl_->code_page;
}

std::string Transliterator::to_printer(std::string_view utf8) const {
    std::string out;
    out.reserve(utf8.size());
    bool last_unknown = false;  // a run of unmappable characters (an emoji family) is one '?'
    for (std::size_t i = 0; i < utf8.size();) {
        const char32_t cp = next_code_point(utf8, i);
        std::string piece;
        if (cp == kInvalid) {
            piece = "?";
        } else if (is_control(cp)) {
            if (!is_space_control(cp))
                continue;
            piece = " ";
        } else if (is_invisible(cp)) {
            continue;
        } else if (cp >= 0x20 && cp < 0x7F) {
            piece = static_cast<char>(cp);  // ASCII is the same in every supported code page
        } else {
            auto it = impl_->cache.find(cp);
            if (it == impl_->cache.end())
                it = impl_->cache.emplace(cp, impl_->convert(cp)).first;
            piece = it->second;
            if (piece == "?") {
                if (last_unknown)
                    continue;
                last_unknown = true;
                out += piece;
                continue;
            }
        }
        last_unknown = false;
        out += piece;
    }
    return out;
}

std::string Transliterator::to_utf8(std::string_view printer_bytes) const {
    std::string out;
    out.reserve(printer_bytes.size());
    for (char c : printer_bytes)
        out += impl_->from_cp[static_cast<unsigned char>(c)];
    return out;
}

std::size_t utf8_length(std::string_view text) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < text.size(); ++n)
        next_code_point(text, i);
    return n;
}

std::vector<std::string> wrap_text(std::string_view text, int columns) {
    if (columns < 1)
        throw std::invalid_argument("wrap_text needs at least one column");
    const auto width = static_cast<std::size_t>(columns);
    std::vector<std::string> lines;
    std::size_t para_start = 0;
    while (true) {
        const std::size_t nl = text.find('\n', para_start);
        const auto pieces = code_points(text.substr(
            para_start, nl == std::string_view::npos ? std::string_view::npos : nl - para_start));
        std::vector<std::string_view> current;  // the line being filled, as code points
        auto flush = [&] {
            while (!current.empty() && current.back() == " ")
                current.pop_back();
            lines.push_back(join(current, 0, current.size()));
            current.clear();
        };
        std::size_t k = 0;
        bool produced = false;
        while (k < pieces.size()) {
            if (pieces[k] == " ") {
                ++k;
                continue;
            }
            std::size_t end = k;
            while (end < pieces.size() && pieces[end] != " ")
                ++end;
            std::size_t word = end - k;
            const std::size_t needed = current.empty() ? word : current.size() + 1 + word;
            if (needed <= width) {
                if (!current.empty())
                    current.push_back(" ");
                current.insert(current.end(), pieces.begin() + k, pieces.begin() + end);
            } else if (word <= width) {
                flush();
                produced = true;
                current.assign(pieces.begin() + k, pieces.begin() + end);
            } else {
                // A word longer than a whole line: fill the current line, then split.
                if (!current.empty()) {
                    if (current.size() + 1 < width) {
                        current.push_back(" ");
                    } else {
                        flush();
                        produced = true;
                    }
                }
                while (word > 0) {
                    const std::size_t room = width - current.size();
                    const std::size_t take = std::min(room, word);
                    current.insert(current.end(), pieces.begin() + k, pieces.begin() + k + take);
                    k += take;
                    word -= take;
                    if (current.size() == width && word > 0) {
                        flush();
                        produced = true;
                    }
                }
            }
            k = end;
        }
        if (!current.empty() || !produced)
            flush();
        if (nl == std::string_view::npos)
            break;
        para_start = nl + 1;
    }
    return lines;
}

std::string pad_text(std::string_view text, int columns, Align align) {
    if (columns < 0)
        throw std::invalid_argument("pad_text needs a column count >= 0");
    const auto pieces = code_points(text);
    const auto width = static_cast<std::size_t>(columns);
    if (pieces.size() >= width)
        return join(pieces, 0, width);
    const std::size_t gap = width - pieces.size();
    const std::size_t before = align == Align::left ? 0 : align == Align::right ? gap : gap / 2;
    return std::string(before, ' ') + std::string(text) + std::string(gap - before, ' ');
}

std::string spread_text(std::string_view left, std::string_view right, int columns) {
    if (columns < 0)
        throw std::invalid_argument("spread_text needs a column count >= 0");
    const auto width = static_cast<std::size_t>(columns);
    const auto l = code_points(left), r = code_points(right);
    if (r.size() >= width)
        return join(r, 0, width);
    // Keep one space between label and value when the label has to be cut.
    const std::size_t room = r.size() + 1 < width ? width - r.size() - 1 : 0;
    std::string out = join(l, 0, std::min(l.size(), room));
    out += std::string(width - utf8_length(out) - r.size(), ' ');
    out += right;
    return out;
}

}  // namespace loket::print
