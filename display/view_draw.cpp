// The floor screen's layout for each orientation and its text and shape helpers: fitting,
// setting in lines, rounded fills, painting around the panels.
#include "view_draw.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <numbers>

#include "loket/ui/app_shell.hpp"
#include "loket/ui/widgets.hpp"

namespace loket::display::floor_view {

Layout layout(int width, int height, bool with_ready) {
    Layout l;
    const auto W = float(width);
    if (height > width) {  // portrait 1080x1920
        // The header holds a two-line office name, the clock and a status row.
        l.header = {0, 0, W, 250};
        if (with_ready) {
            l.main = {kMargin, 266, W - 2 * kMargin, 560};
            l.recent = {kMargin, 842, W - 2 * kMargin, 270};
            l.ready = {kMargin, 1128, W - 2 * kMargin, 224};
        } else {
            l.main = {kMargin, 266, W - 2 * kMargin, 670};
            l.recent = {kMargin, 952, W - 2 * kMargin, 400};
        }
        l.counters = {kMargin, 1368, W - 2 * kMargin, 200};
        l.waiting = {kMargin, 1584, W - 2 * kMargin, 240};
        l.marquee = {0, float(height) - 86, W, 86};
    } else {  // landscape 1920x1080
        l.header = {0, 0, W, 130};
        l.main = {kMargin, 146, 1200, 580};
        if (with_ready) {
            l.recent = {kMargin + 1216, 146, W - 2 * kMargin - 1216, 330};
            l.ready = {kMargin + 1216, 492, W - 2 * kMargin - 1216, 234};
        } else {
            l.recent = {kMargin + 1216, 146, W - 2 * kMargin - 1216, 580};
        }
        l.counters = {kMargin, 742, 1200, 240};
        l.waiting = {kMargin + 1216, 742, W - 2 * kMargin - 1216, 240};
        l.marquee = {0, float(height) - 86, W, 86};
    }
    return l;
}

float text_width(ImFont* f, std::string_view s) {
    return f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, s.data(), s.data() + s.size()).x;
}

float cap_middle(ImFont* f) {
    if (const ImFontGlyph* g = f->FindGlyphNoFallback('H'))
        return (g->Y0 + g->Y1) * 0.5f;
    return f->FontSize * 0.5f;
}

std::string fit_width(ImFont* f, std::string s, float max_width) {
    if (text_width(f, s) <= max_width)
        return s;
    const std::string ellipsis = f->FindGlyphNoFallback(0x2026) ? "\xE2\x80\xA6" : "...";
    while (!s.empty()) {
        do {
            s.pop_back();
        } while (!s.empty() && (static_cast<unsigned char>(s.back()) & 0xC0) == 0x80);
        while (!s.empty() && s.back() == ' ')
            s.pop_back();
        if (text_width(f, s + ellipsis) <= max_width)
            return s + ellipsis;
    }
    return ellipsis;
}

ImFont* fitting_font(std::initializer_list<FontChoice> choices, std::string_view s, float width) {
    ImFont* f = nullptr;
    for (const auto& c : choices) {
        f = ui::font(c.role, c.weight);
        if (text_width(f, s) <= width)
            return f;
    }
    return f;
}

float draw_text(ImDrawList* dl, ImFont* f, std::string_view text, float x, float width,
                float center_y, ImU32 color, float align) {
    const std::string s = fit_width(f, std::string(text), width);
    const float w = text_width(f, s);
    const ImVec2 pos(std::round(x + (width - w) * align), std::round(center_y - cap_middle(f)));
    dl->AddText(f, f->FontSize, pos, color, s.data(), s.data() + s.size());
    ui::record_text(s);
    return w;
}

float cap_height(ImFont* f) {
    if (const ImFontGlyph* g = f->FindGlyphNoFallback('H'))
        return g->Y1 - g->Y0;
    return f->FontSize * 0.72f;
}

SetText set_lines(ImDrawList* dl, std::initializer_list<FontChoice> choices, std::string what,
                  const std::string& text, const std::string& short_text, float x, float width,
                  float center_y, float max_height, std::size_t max_lines, ImU32 color,
                  float align) {
    SetText out;
    out.what = std::move(what);
    out.text = text;
    std::vector<ImFont*> fonts;
    for (const auto& c : choices)
        fonts.push_back(ui::font(c.role, c.weight));
    const auto step_of = [](ImFont* f) { return std::round(f->FontSize * 1.18f); };
    const auto draw = [&](ImFont* f, const std::vector<std::string>& lines) {
        const float step = step_of(f);
        const float first = center_y - float(lines.size() - 1) * step / 2;
        for (std::size_t i = 0; i < lines.size(); ++i)
            draw_text(dl, f, lines[i], x, width, first + float(i) * step, color, align);
        out.lines = lines;
        out.font_px = f->FontSize;
        for (const auto& l : lines)
            out.widest = std::max(out.widest, std::min(width, text_width(f, l)));
    };
    const auto lines_allowed = [&](ImFont* f) {
        std::size_t n = max_lines;
        while (n > 0 && float(n - 1) * step_of(f) + cap_height(f) > max_height)
            --n;
        return n;
    };
    const auto try_text = [&](const std::string& s) {
        for (ImFont* f : fonts) {
            const std::size_t n = lines_allowed(f);
            if (n == 0)
                continue;
            const auto fit = fit_lines(
                s, width, n, 1, [&](std::size_t, std::string_view l) { return text_width(f, l); });
            if (fit) {
                draw(f, fit->lines);
                out.whole = true;
                return true;
            }
        }
        return false;
    };
    if (try_text(text))
        return out;
    if (!short_text.empty() && short_text != text && try_text(short_text)) {
        out.short_form = true;
        return out;
    }
    ImFont* f = fonts.back();
    const std::size_t n = std::max<std::size_t>(1, lines_allowed(f));
    std::vector<std::string> lines;
    if (const auto all = fit_lines(text, width, 1000, 1, [&](std::size_t, std::string_view l) {
            return text_width(f, l);
        })) {
        lines = all->lines;
    }
    if (lines.empty()) {  // a single word wider than the box
        lines = {fit_width(f, text, width)};
    } else if (lines.size() > n) {
        std::string rest;
        for (std::size_t i = n - 1; i < lines.size(); ++i)
            rest += (rest.empty() ? "" : " ") + lines[i];
        lines.resize(n - 1);
        lines.push_back(fit_width(f, rest, width));
    }
    draw(f, lines);
    return out;
}

void fill_rounded(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 color, float r) {
    r = std::min({r, (b.x - a.x) / 2, (b.y - a.y) / 2});
    if (r < 1) {
        dl->AddRectFilled(a, b, color);
        return;
    }
    const float pi = std::numbers::pi_v<float>;
    const ImVec2 centers[4] = {
        {a.x + r, a.y + r}, {b.x - r, a.y + r}, {b.x - r, b.y - r}, {a.x + r, b.y - r}};
    for (int i = 0; i < 4; ++i) {
        const float from = pi + float(i) * pi / 2;  // top-left, top-right, bottom-right, ...
        dl->PathLineTo(centers[i]);
        dl->PathArcTo(centers[i], r, from, from + pi / 2, 8);
        dl->PathFillConvex(color);
    }
    // Over the corners' straight anti-aliased edges, so no seam shows.
    dl->AddRectFilled({a.x + r - 1, a.y}, {b.x - r + 1, b.y}, color);
    dl->AddRectFilled({a.x, a.y + r - 1}, {a.x + r + 1, b.y - r + 1}, color);
    dl->AddRectFilled({b.x - r - 1, a.y + r - 1}, {b.x, b.y - r + 1}, color);
}

std::vector<Rect> counter_cards(const Rect& strip, std::size_t n, bool portrait) {
    std::vector<Rect> cards;
    if (n == 0)
        return cards;
    const std::size_t max_columns = portrait ? 5 : 6;
    const std::size_t rows = (n + max_columns - 1) / max_columns;
    const std::size_t columns = (n + rows - 1) / rows;
    const float gap = 16;
    const float cw = (strip.w - gap * float(columns - 1)) / float(columns);
    const float ch = (strip.h - gap * float(rows - 1)) / float(rows);
    for (std::size_t i = 0; i < n; ++i)
        cards.push_back({strip.x + float(i % columns) * (cw + gap),
                         strip.y + float(i / columns) * (ch + gap), cw, ch});
    return cards;
}

void paint_outside(ImDrawList* dl, const std::vector<Hole>& holes, float width, float height,
                   ImU32 color) {
    std::vector<float> ys = {0, height};
    for (const auto& h : holes) {
        ys.push_back(std::clamp(h.rect.y, 0.0f, height));
        ys.push_back(std::clamp(h.rect.bottom(), 0.0f, height));
    }
    std::sort(ys.begin(), ys.end());
    ys.erase(std::unique(ys.begin(), ys.end()), ys.end());
    for (std::size_t b = 0; b + 1 < ys.size(); ++b) {
        const float y0 = ys[b], y1 = ys[b + 1];
        std::vector<std::pair<float, float>> covered;
        for (const auto& h : holes)
            if (h.rect.y <= y0 && h.rect.bottom() >= y1)
                covered.emplace_back(h.rect.x, h.rect.right());
        std::sort(covered.begin(), covered.end());
        float x = 0;
        for (const auto& [from, to] : covered) {
            if (from > x)
                dl->AddRectFilled({x, y0}, {from, y1}, color);
            x = std::max(x, to);
        }
        if (x < width)
            dl->AddRectFilled({x, y0}, {width, y1}, color);
    }
    // Outside each rounded corner: a fan from the square's outer corner (a pixel further
    // out, over the gutter, so its anti-aliased straight edges fall on the same colour).
    const float pi = std::numbers::pi_v<float>;
    for (const auto& h : holes) {
        const float r = std::min({h.radius, h.rect.w / 2, h.rect.h / 2});
        if (r < 1)
            continue;
        const Rect& q = h.rect;
        const ImVec2 outer[4] = {{q.x - 1, q.y - 1},
                                 {q.right() + 1, q.y - 1},
                                 {q.right() + 1, q.bottom() + 1},
                                 {q.x - 1, q.bottom() + 1}};
        const ImVec2 centers[4] = {{q.x + r, q.y + r},
                                   {q.right() - r, q.y + r},
                                   {q.right() - r, q.bottom() - r},
                                   {q.x + r, q.bottom() - r}};
        for (int i = 0; i < 4; ++i) {
            const float from = pi + float(i) * pi / 2;
            dl->PathLineTo(outer[i]);
            dl->PathArcTo(centers[i], r, from, from + pi / 2, 8);
            dl->PathFillConvex(color);
        }
    }
}

float draw_pill(ImDrawList* dl, ImFont* f, std::string_view text, float x, float center_y,
                ImU32 background, ImU32 color, float align) {
    const float pad = f->FontSize * 0.5f;
    const float w = text_width(f, text) + 2 * pad;
    const float h = f->FontSize * 1.25f;
    const float left = x - w * align;
    fill_rounded(dl, {left, center_y - h / 2}, {left + w, center_y + h / 2}, background, h / 2);
    draw_text(dl, f, text, left + pad, w - 2 * pad, center_y, color);
    return w;
}

ImU32 with_alpha(ImU32 color, float alpha) {
    const auto a = static_cast<ImU32>(std::clamp(alpha, 0.0f, 1.0f) * 255.0f);
    return (color & ~IM_COL32_A_MASK) | (a << IM_COL32_A_SHIFT);
}

std::string index_and_grade(const PublicationInfo& p, const Texts& t) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%.2f", p.ikm.value_or(0.0));
    std::string value = buffer;
    std::replace(value.begin(), value.end(), '.', t.decimal_separator);
    const bool english = t.decimal_separator == '.';
    return value + " (" + p.grade + ", " + (english ? p.grade_name_en : p.grade_name) + ")";
}

}  // namespace loket::display::floor_view
