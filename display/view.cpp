#include "view.hpp"

#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <initializer_list>
#include <numbers>

#include "loket/time.hpp"
#include "loket/ui/app_shell.hpp"
#include "loket/ui/widgets.hpp"

namespace loket::display {
namespace {

using ui::FontRole;
using ui::Weight;

struct Rect {
    float x = 0, y = 0, w = 0, h = 0;
    float right() const { return x + w; }
    float bottom() const { return y + h; }
    ImVec2 min() const { return {x, y}; }
    ImVec2 max() const { return {x + w, y + h}; }
};

// Where everything goes, in logical pixels.
struct Layout {
    Rect header, main, recent, counters, waiting, marquee;
    Rect ready;  // files ready for pickup; empty (zero height) when not shown
};

constexpr float kMargin = 32;
constexpr float kRounding = 20;
// A list row at the body font: below this the list drops to the small font, which is not
// readable from the back of a waiting room.
constexpr float kBodyRowHeight = 52;
// A row of earlier calls with their numbers at the title font.
constexpr float kTitleRowHeight = 76;

// with_ready: the office shows files ready for pickup and there are some; they take the lower
// part of the earlier calls (landscape) or room from the big call and the earlier calls
// (portrait), so the calls stay where people look for them.
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

// Offset from the text position to the middle of a capital letter: texts are centred on
// what the eye sees, not on the line box (which for Noto is much taller than the capitals).
float cap_middle(ImFont* f) {
    if (const ImFontGlyph* g = f->FindGlyphNoFallback('H'))
        return (g->Y0 + g->Y1) * 0.5f;
    return f->FontSize * 0.5f;
}

// Shortens text to max_width with an ellipsis (the font's own when it has one).
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

struct FontChoice {
    FontRole role;
    Weight weight = Weight::Regular;
    FontChoice(FontRole r, Weight w = Weight::Regular) : role(r), weight(w) {}
};

// The first (largest) font in which the text fits the width; the last one otherwise.
ImFont* fitting_font(std::initializer_list<FontChoice> choices, std::string_view s, float width) {
    ImFont* f = nullptr;
    for (const auto& c : choices) {
        f = ui::font(c.role, c.weight);
        if (text_width(f, s) <= width)
            return f;
    }
    return f;
}

// Draws text in the box [x, x + width] with its capitals centred on center_y; align 0 left,
// 0.5 centre, 1 right. Shortened with an ellipsis when too wide. Returns the drawn width.
float draw_text(ImDrawList* dl, ImFont* f, std::string_view text, float x, float width,
                float center_y, ImU32 color, float align = 0.0f) {
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

// Sets text in the box [x, x + width], centred on center_y, in at most max_lines lines and no
// taller than max_height, at the first font of `choices` where it fits whole; else its short
// form the same way; else at the last font, its last line cut with an ellipsis.
SetText set_lines(ImDrawList* dl, std::initializer_list<FontChoice> choices, std::string what,
                  const std::string& text, const std::string& short_text, float x, float width,
                  float center_y, float max_height, std::size_t max_lines, ImU32 color,
                  float align = 0.5f) {
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

// A filled rounded rectangle as three plain rectangles and four small corner fans. ImGui's own
// rounded fill is one fan over the whole rectangle, and SDL's software renderer walks each
// triangle's bounding box: that made panels cost ~4x a square fill (70 ms a frame at 1080p).
// The rectangles are drawn last and overlap the corners by a pixel, covering the corners'
// anti-aliased straight edges.
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

// The counter cards in the strip: up to 6 (landscape) or 5 (portrait) per row.
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

struct Hole {
    Rect rect;
    float radius = 0;
};

// The screen is cleared in the panel colour (a plain memset for the renderer) and only what
// lies outside the panels is painted in the background colour: the gutters, band by band,
// and for each rounded panel the four bits of its corner squares outside the arc. A third
// of the pixels of filling every panel, which is what a frame costs on the software
// renderer.
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

// A rounded label with padding, e.g. the reconnecting indicator; returns its width.
float draw_pill(ImDrawList* dl, ImFont* f, std::string_view text, float x, float center_y,
                ImU32 background, ImU32 color, float align = 0.0f) {
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

// "83,45 (B, Baik)": the converted index with the office language's decimal separator.
std::string index_and_grade(const PublicationInfo& p, const Texts& t) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%.2f", p.ikm.value_or(0.0));
    std::string value = buffer;
    std::replace(value.begin(), value.end(), '.', t.decimal_separator);
    const bool english = t.decimal_separator == '.';
    return value + " (" + p.grade + ", " + (english ? p.grade_name_en : p.grade_name) + ")";
}

// What every panel of one frame draws with and on.
struct Frame {
    ui::AppShell& shell;
    const DisplayConfig& config;
    const FloorView& v;
    const Texts& t;
    const ui::Palette& p;
    const Layout& l;
    ImDrawList* dl;
    bool portrait;
    float W, H;
    SteadyClock::time_point now;
    std::int64_t wall_ms;
    ImFont* title;
    ImFont* title_bold;
    ImFont* body;
    ImFont* body_bold;
    ImFont* small;
    bool show_ready;
    // The names and pause reasons set this frame (FloorScreen::set_texts).
    std::vector<SetText>& set_texts;
};

// The header: the office's name, the connection and opening status, the clock and date.
void draw_header(const Frame& frame) {
    const FloorView& v = frame.v;
    const Texts& t = frame.t;
    const ui::Palette& p = frame.p;
    ImDrawList* dl = frame.dl;
    const bool portrait = frame.portrait;
    const float W = frame.W;
    const std::int64_t wall_ms = frame.wall_ms;
    ImFont* title_bold = frame.title_bold;
    ImFont* body = frame.body;
    ImFont* body_bold = frame.body_bold;
    std::vector<SetText>& set_texts = frame.set_texts;
    const OfficeClock clock = office_clock(v, t, wall_ms);
    // (The header, like every panel, is the cleared canvas.)
    const bool disconnected = v.connection != Connection::Connected;
    const std::string time_text = clock.time + " " + v.office.time_zone;
    const std::initializer_list<FontChoice> name_fonts = {{FontRole::Title, Weight::Bold},
                                                          {FontRole::Body, Weight::Bold},
                                                          {FontRole::Small, Weight::Bold}};
    if (portrait) {
        // Name (up to two lines), then date and time; a third row only for a status
        // (reconnecting, closed).
        const bool status = disconnected || !v.office.open;
        const float name_y = status ? 62 : 72, clock_y = status ? 156 : 176;
        set_texts.push_back(set_lines(dl, name_fonts, "office", v.office.name, v.office.short_name,
                                      kMargin, W - 2 * kMargin, name_y, 110, 2, p.text));
        const float tw = text_width(title_bold, time_text);
        draw_text(dl, title_bold, time_text, W - kMargin - tw, tw, clock_y, p.text);
        draw_text(dl, body, clock.date, kMargin, W - 3 * kMargin - tw, clock_y, p.text_muted);
        if (disconnected)
            draw_pill(dl, body_bold, t.reconnecting, W / 2, 218, p.danger, p.on_danger, 0.5f);
        else if (!v.office.open)
            draw_text(dl, body, t.office_closed_now, kMargin, W - 2 * kMargin, 218, p.text_muted,
                      0.5f);
    } else {
        // Outside service hours the status takes the date's place under the clock, so the
        // name keeps its two lines.
        const std::string under_clock =
            !disconnected && !v.office.open ? std::string(t.office_closed_now) : clock.date;
        const float clock_w =
            std::max(text_width(title_bold, time_text), text_width(body, under_clock));
        // The reconnecting indicator sits right after the name.
        const float pill_w =
            disconnected ? text_width(body_bold, t.reconnecting) + body_bold->FontSize + kMargin
                         : 0;
        const float name_w = W - 3 * kMargin - clock_w - pill_w;
        const SetText name = set_lines(dl, name_fonts, "office", v.office.name, v.office.short_name,
                                       kMargin, name_w, 65, 116, 2, p.text, 0.0f);
        const float drawn_w = name.widest;
        set_texts.push_back(name);
        draw_text(dl, title_bold, time_text, W - kMargin - clock_w, clock_w, 46, p.text, 1.0f);
        draw_text(dl, body, under_clock, W - kMargin - clock_w, clock_w, 104,
                  under_clock == clock.date ? p.text_muted : p.accent, 1.0f);
        if (disconnected)
            draw_pill(dl, body_bold, t.reconnecting, kMargin + std::min(drawn_w, name_w) + kMargin,
                      65, p.danger, p.on_danger);
    }
}

// The current call, large, highlighted and pulsing while new.
void draw_current_call(const Frame& frame) {
    ui::AppShell& shell = frame.shell;
    const FloorView& v = frame.v;
    const Texts& t = frame.t;
    const ui::Palette& p = frame.p;
    const Layout& l = frame.l;
    ImDrawList* dl = frame.dl;
    const bool portrait = frame.portrait;
    const SteadyClock::time_point now = frame.now;
    ImFont* title = frame.title;
    ImFont* title_bold = frame.title_bold;
    ImFont* body = frame.body;
    ImFont* body_bold = frame.body_bold;
    const DisplayConfig& config = frame.config;
    std::vector<SetText>& set_texts = frame.set_texts;
    const Rect& r = l.main;
    const bool highlighted = v.highlighted(now);
    const ImU32 background = highlighted ? p.accent : p.panel;
    const ImU32 fg = highlighted ? p.background : p.text;
    const ImU32 muted = highlighted ? p.background : p.text_muted;
    if (highlighted)
        fill_rounded(dl, r.min(), r.max(), background, kRounding);
    const float inner_x = r.x + kMargin, inner_w = r.w - 2 * kMargin;
    // Vertical positions as fractions of the panel, tuned for both orientations.
    const float label_y = r.y + r.h * (portrait ? 0.09f : 0.10f);
    const float number_y = r.y + r.h * (portrait ? 0.36f : 0.37f);
    const float go_to_y = r.y + r.h * (portrait ? 0.60f : 0.62f);
    const float counter_y = r.y + r.h * (portrait ? 0.735f : 0.755f);
    const float service_y = r.y + r.h * (portrait ? 0.90f : 0.92f);
    // On a recall the badge takes the top right; in portrait the label moves left of it.
    const bool badge = v.current && v.current->recall;
    draw_text(dl, title, t.queue_number, inner_x, inner_w, label_y, muted,
              badge && portrait ? 0.0f : 0.5f);
    if (!v.current) {
        draw_text(dl, title_bold, t.no_calls, inner_x, inner_w, r.y + r.h * 0.5f, p.text_muted,
                  0.5f);
    } else {
        const CallRecord& c = *v.current;
        if (v.pulsing(now)) {
            // A pulse of the border while the call is new: people look up. Then the
            // highlight stays still (no frames needed) until the clock's next second
            // after it ends.
            const double s = std::chrono::duration<double>(now.time_since_epoch()).count();
            const float pulse = 0.5f + 0.5f * float(std::sin(s * 2 * std::numbers::pi * 1.2));
            dl->AddRect({r.x + 6, r.y + 6}, {r.right() - 6, r.bottom() - 6},
                        with_alpha(p.background, 0.35f + 0.65f * pulse), kRounding, 0,
                        6 + 8 * pulse);
        }
        draw_text(dl,
                  fitting_font({{FontRole::Giant, Weight::Bold}, {FontRole::Huge, Weight::Bold}},
                               c.number, inner_w),
                  c.number, inner_x, inner_w, number_y, highlighted ? p.background : p.accent,
                  0.5f);
        draw_text(dl, body, t.go_to, inner_x, inner_w, go_to_y, muted, 0.5f);
        // A long counter name wraps; one too long for two lines becomes "Loket 3".
        set_texts.push_back(set_lines(dl,
                                      {{FontRole::Huge, Weight::Bold},
                                       {FontRole::Title, Weight::Bold},
                                       {FontRole::Body, Weight::Bold}},
                                      "counter", counter_label(t, c.counter_name, c.counter),
                                      counter_label(t, "", c.counter), inner_x, inner_w, counter_y,
                                      (service_y - go_to_y) - 56, 2, fg));
        const std::string& service =
            config.language == Language::English && !c.service_name_en.empty() ? c.service_name_en
                                                                               : c.service_name;
        draw_text(dl, fitting_font({{FontRole::Title}, {FontRole::Body}}, service, inner_w),
                  service, inner_x, inner_w, service_y, muted, 0.5f);
        if (badge)
            draw_pill(dl, body_bold, t.recall, r.right() - 24, label_y, p.danger, p.on_danger,
                      1.0f);
    }
    if (v.pulsing(now))
        shell.animate_until(v.current->pulse_until);
}

// The published satisfaction index at the foot of the earlier calls; the room left for them.
Rect draw_publication(const Frame& frame) {
    const FloorView& v = frame.v;
    const Texts& t = frame.t;
    const ui::Palette& p = frame.p;
    const Layout& l = frame.l;
    ImDrawList* dl = frame.dl;
    const bool portrait = frame.portrait;
    const DisplayConfig& config = frame.config;
    // It stays in place (the running text passes by): one row fewer of earlier calls, and only
    // where at least two rows remain, so the calls keep the room people look for.
    Rect recent = l.recent;
    const float index_h = portrait ? 84.0f : 128.0f;
    if (v.publication && v.publication->ikm &&
        (recent.h - index_h - 92) / kTitleRowHeight >= 2.0f) {
        const PublicationInfo& pub = *v.publication;
        recent.h -= index_h;
        const float x = recent.x + kMargin, w = recent.w - 2 * kMargin;
        const float top = recent.bottom();
        dl->AddLine({x, top}, {x + w, top}, with_alpha(p.border, 0.6f), 2);
        const bool english = config.language == Language::English;
        const std::string label = std::string(t.index_short) + " " +
                                  (english ? pub.period_name_en : pub.period_name) + " · " +
                                  std::to_string(pub.respondents) + " " + t.respondents;
        const std::string value = index_and_grade(pub, t);
        if (portrait) {
            // One row: the value on the right, the label in what is left of the width.
            const float cy = top + index_h / 2;
            ImFont* value_font = fitting_font(
                {{FontRole::Title, Weight::Bold}, {FontRole::Body, Weight::Bold}}, value, w * 0.5f);
            const float value_w = text_width(value_font, value);
            draw_text(dl, value_font, value, x + w - value_w, value_w, cy, p.accent);
            draw_text(dl,
                      fitting_font({{FontRole::Body}, {FontRole::Small}}, label, w - value_w - 24),
                      label, x, w - value_w - 24, cy, p.text_muted);
        } else {
            draw_text(dl, fitting_font({{FontRole::Body}, {FontRole::Small}}, label, w), label, x,
                      w, top + 36, p.text_muted);
            draw_text(
                dl,
                fitting_font({{FontRole::Title, Weight::Bold}, {FontRole::Body, Weight::Bold}},
                             value, w),
                value, x, w, top + 88, p.accent);
        }
    }
    return recent;
}

// The earlier calls: as many as fit with their numbers large.
void draw_recent_calls(const Frame& frame, const Rect& recent) {
    const FloorView& v = frame.v;
    const Texts& t = frame.t;
    const ui::Palette& p = frame.p;
    ImDrawList* dl = frame.dl;
    const bool portrait = frame.portrait;
    ImFont* title_bold = frame.title_bold;
    ImFont* body = frame.body;
    ImFont* body_bold = frame.body_bold;
    ImFont* small = frame.small;
    const DisplayConfig& config = frame.config;
    std::vector<SetText>& set_texts = frame.set_texts;
    const Rect& r = recent;
    draw_text(dl, body_bold, t.recent_calls, r.x + kMargin, r.w - 2 * kMargin, r.y + 40,
              p.text_muted);
    const std::size_t wanted = std::max<std::size_t>(config.recent_calls, 1);
    const int columns = portrait && wanted > 3 ? 2 : 1;
    const float top = r.y + 80;
    // Only as many as fit with their numbers large (the panel is shorter beside ready
    // files): fewer calls rather than smaller ones.
    const auto fitting_rows =
        std::max<std::size_t>(std::size_t((r.bottom() - 12 - top) / kTitleRowHeight), 1);
    const std::size_t n = std::min(wanted, fitting_rows * std::size_t(columns));
    const std::size_t rows = (n + std::size_t(columns) - 1) / std::size_t(columns);
    const float row_h = (r.bottom() - 12 - top) / float(rows);
    const float col_w = (r.w - 2 * kMargin - float(columns - 1) * kMargin) / float(columns);
    ImFont* number_font = row_h >= 76 ? title_bold : row_h >= 52 ? body_bold : small;
    if (v.recent.empty())
        draw_text(dl, body, t.no_recent_calls, r.x + kMargin, r.w - 2 * kMargin,
                  top + (r.bottom() - top) / 2 - 20, p.text_muted, 0.5f);
    for (std::size_t i = 0; i < v.recent.size() && i < n; ++i) {
        const CallRecord& c = v.recent[i];
        const std::size_t col = i / rows, row = i % rows;
        const float x = r.x + kMargin + float(col) * (col_w + kMargin);
        const float cy = top + row_h * (float(row) + 0.5f);
        if (row > 0)
            dl->AddLine({x, top + row_h * float(row)}, {x + col_w, top + row_h * float(row)},
                        with_alpha(p.border, 0.6f), 2);
        const float number_w = draw_text(dl, number_font, c.number, x, col_w * 0.5f, cy, p.text);
        const float name_x = x + std::max(number_w, col_w * 0.35f) + 24;
        // Two columns in portrait: names a size smaller, as the numbers.
        const std::string name = counter_label(t, c.counter_name, c.counter);
        const std::string what = "recent " + std::to_string(i);
        const float name_w = x + col_w - name_x;
        set_texts.push_back(
            portrait ? set_lines(dl, {{FontRole::Body}, {FontRole::Small}}, what, name,
                                 counter_label(t, "", c.counter), name_x, name_w, cy, row_h - 8, 1,
                                 p.text_muted, 1.0f)
                     : set_lines(dl, {{FontRole::Title}, {FontRole::Body}, {FontRole::Small}}, what,
                                 name, counter_label(t, "", c.counter), name_x, name_w, cy,
                                 row_h - 8, 1, p.text_muted, 1.0f));
    }
}

// Files ready for pickup: registration numbers only, never names.
void draw_ready_files(const Frame& frame) {
    const FloorView& v = frame.v;
    const Texts& t = frame.t;
    const ui::Palette& p = frame.p;
    const Layout& l = frame.l;
    ImDrawList* dl = frame.dl;
    const bool portrait = frame.portrait;
    ImFont* body_bold = frame.body_bold;
    const bool show_ready = frame.show_ready;
    if (show_ready) {
        const Rect& r = l.ready;
        draw_text(dl, body_bold, t.ready_title, r.x + kMargin, r.w - 2 * kMargin, r.y + 36,
                  p.text_muted);
        const std::size_t columns = portrait ? 2 : 1;
        const float top = r.y + 68;
        const auto rows =
            std::max<std::size_t>(std::size_t((r.bottom() - 8 - top) / kBodyRowHeight), 1);
        const std::size_t capacity = rows * columns;
        const std::size_t count = v.ready_numbers.size();
        // When they do not all fit, the last place says how many more there are.
        const std::size_t shown = count <= capacity ? count : capacity - 1;
        const float row_h = (r.bottom() - 8 - top) / float(rows);
        const float col_w = (r.w - 2 * kMargin - float(columns - 1) * kMargin) / float(columns);
        const auto place = [&](std::size_t i) {
            const std::size_t col = i / rows, row = i % rows;
            return ImVec2(r.x + kMargin + float(col) * (col_w + kMargin),
                          top + row_h * (float(row) + 0.5f));
        };
        for (std::size_t i = 0; i < shown; ++i) {
            const std::string& number = v.ready_numbers[i];
            const ImVec2 at = place(i);
            draw_text(
                dl,
                fitting_font({{FontRole::Body, Weight::Bold}, {FontRole::Small, Weight::Bold}},
                             number, col_w),
                number, at.x, col_w, at.y, p.accent);
        }
        if (shown < count) {
            const std::string more = "+" + std::to_string(count - shown) + " " + t.ready_more;
            const ImVec2 at = place(shown);
            draw_text(dl, fitting_font({{FontRole::Body}, {FontRole::Small}}, more, col_w), more,
                      at.x, col_w, at.y, p.text_muted);
        }
    }
}

// Each open counter's card: its name, and whom it serves or why it is paused.
void draw_counters(const Frame& frame, const std::vector<Rect>& cards) {
    const FloorView& v = frame.v;
    const Texts& t = frame.t;
    const ui::Palette& p = frame.p;
    const Layout& l = frame.l;
    ImDrawList* dl = frame.dl;
    ImFont* title = frame.title;
    ImFont* body = frame.body;
    ImFont* body_bold = frame.body_bold;
    std::vector<SetText>& set_texts = frame.set_texts;
    const Rect& r = l.counters;
    const std::size_t n = v.counters.size();
    if (n == 0) {
        draw_text(dl, body, t.no_open_counters, r.x, r.w, r.y + r.h / 2, p.text_muted, 0.5f);
    }
    for (std::size_t i = 0; i < n; ++i) {
        const CounterInfo& c = v.counters[i];
        const Rect& card = cards[i];
        const float ch = card.h;
        const bool paused = c.state == CounterState::Paused;
        const std::string name = counter_label(t, c.name, c.number);
        fill_rounded(dl, card.min(), card.max(), paused ? p.secondary_active : p.secondary,
                     kRounding * 0.75f);
        const float ix = card.x + 8, iw = card.w - 16;
        set_texts.push_back(
            set_lines(dl, {{FontRole::Body, Weight::Bold}, {FontRole::Small, Weight::Bold}},
                      "card " + std::to_string(c.number), name, counter_label(t, "", c.number), ix,
                      iw, card.y + ch * 0.22f, ch * 0.36f, 2, p.text_muted));
        const float value_y = card.y + card.h * (ch >= 160 ? 0.62f : 0.66f);
        if (paused && !c.pause_reason.empty()) {
            // Paused, and why, under the name: the reason wraps (two lines at most) and
            // never leaves the card.
            const float top = card.y + ch * 0.42f, bottom = card.bottom() - 10;
            const std::string what = "pause " + std::to_string(c.number);
            if (bottom - top >= 90) {
                ImFont* label =
                    bottom - top >= 110 ? body_bold : ui::font(FontRole::Small, Weight::Bold);
                const float label_y = top + cap_height(label) / 2 + 4;
                draw_text(dl, label, t.counter_paused, ix, iw, label_y, p.accent, 0.5f);
                const float reason_top = label_y + cap_height(label) / 2 + 14;
                set_texts.push_back(set_lines(dl, {{FontRole::Small}}, what, c.pause_reason, "", ix,
                                              iw, (reason_top + bottom) / 2, bottom - reason_top, 2,
                                              p.text));
            } else {
                // Two rows of small cards: one line each for the state and the reason.
                draw_text(dl, ui::font(FontRole::Small, Weight::Bold), t.counter_paused, ix, iw,
                          card.y + ch * 0.5f, p.accent, 0.5f);
                set_texts.push_back(set_lines(dl, {{FontRole::Small}}, what, c.pause_reason, "", ix,
                                              iw, card.y + ch * 0.8f, ch * 0.26f, 1, p.text));
            }
        } else if (paused) {
            draw_text(dl,
                      ch >= 160 ? fitting_font({{FontRole::Title, Weight::Bold},
                                                {FontRole::Body, Weight::Bold},
                                                {FontRole::Small, Weight::Bold}},
                                               t.counter_paused, iw)
                                : fitting_font({{FontRole::Body, Weight::Bold},
                                                {FontRole::Small, Weight::Bold}},
                                               t.counter_paused, iw),
                      t.counter_paused, ix, iw, value_y, p.accent, 0.5f);
        } else if (c.current) {
            const bool called = c.current->state == "called";
            ImFont* f = ch >= 200   ? fitting_font({{FontRole::Huge, Weight::Bold},
                                                    {FontRole::Title, Weight::Bold},
                                                    {FontRole::Body, Weight::Bold}},
                                                   c.current->number, iw)
                        : ch >= 120 ? fitting_font({{FontRole::Title, Weight::Bold},
                                                    {FontRole::Body, Weight::Bold}},
                                                   c.current->number, iw)
                                    : body_bold;
            draw_text(dl, f, c.current->number, ix, iw, value_y, called ? p.accent : p.text, 0.5f);
        } else {
            draw_text(dl, ch >= 160 ? title : body, t.counter_idle, ix, iw, value_y, p.text_muted,
                      0.5f);
        }
    }
}

// How many wait per service, with the predicted wait of a ticket taken now.
void draw_waiting(const Frame& frame) {
    const FloorView& v = frame.v;
    const Texts& t = frame.t;
    const ui::Palette& p = frame.p;
    const Layout& l = frame.l;
    ImDrawList* dl = frame.dl;
    const bool portrait = frame.portrait;
    ImFont* body_bold = frame.body_bold;
    ImFont* small = frame.small;
    const DisplayConfig& config = frame.config;
    const Rect& r = l.waiting;
    const auto service_label = [&](const ServiceInfo& s) {
        const std::string& name =
            config.language == Language::English && !s.name_en.empty() ? s.name_en : s.name;
        return s.prefix.empty() ? name : s.prefix + " \xC2\xB7 " + name;
    };
    draw_text(dl, body_bold, t.waiting_title, r.x + kMargin, r.w - 2 * kMargin, r.y + 36,
              p.text_muted);
    // A list: label on the left, count on the right; two columns in portrait.
    const std::size_t columns = portrait && v.services.size() > 1 ? 2 : 1;
    const std::size_t rows = (v.services.size() + columns - 1) / columns;
    const float top = r.y + 68;
    const float row_h = (r.bottom() - 8 - top) / float(std::max<std::size_t>(rows, 1));
    const float col_w = (r.w - 2 * kMargin - float(columns - 1) * kMargin) / float(columns);
    ImFont* count_font = row_h >= 40 ? body_bold : ui::font(FontRole::Small, Weight::Bold);
    // The predicted wait of a ticket taken now goes under the label when a row has room
    // for two lines of the body font (portrait), else between the label and the count.
    const float body_line = ui::font(FontRole::Body)->FontSize;
    const bool two_lines = row_h >= 1.6f * body_line;
    ImFont* wait_font = row_h >= 40 ? ui::font(FontRole::Body) : small;
    // Columns shared by every row: counts right, predicted waits before them, names left
    // (a name too long for its column alone goes a size smaller).
    std::vector<std::string> counts, waits;
    float count_col = 0, wait_col = 0;
    for (const ServiceInfo& s : v.services) {
        counts.push_back(std::to_string(s.waiting) + " " + t.people);
        waits.push_back(predicted_wait_text(t, s.waiting, s.counter_free, s.estimate_minutes));
        count_col = std::max(count_col, text_width(count_font, counts.back()));
        if (!two_lines)
            wait_col = std::max(wait_col, text_width(wait_font, waits.back()));
    }
    const float gap = 24;
    wait_col = std::min(wait_col, (col_w - count_col) * 0.5f);
    const float label_w = col_w - count_col - gap - (wait_col > 0 ? wait_col + gap : 0);
    for (std::size_t i = 0; i < v.services.size(); ++i) {
        const ServiceInfo& s = v.services[i];
        const std::size_t col = i / rows, row = i % rows;
        const float x = r.x + kMargin + float(col) * (col_w + kMargin);
        const float cy = top + row_h * (float(row) + 0.5f);
        const float line_cy = two_lines ? cy - row_h * 0.25f : cy;
        const float count_w = text_width(count_font, counts[i]);
        draw_text(dl, count_font, counts[i], x + col_w - count_w, count_w, line_cy, p.text);
        if (!waits[i].empty()) {
            if (two_lines) {
                draw_text(dl, wait_font, waits[i], x, col_w, cy + row_h * 0.25f, p.accent);
            } else {
                const float wait_w = std::min(text_width(wait_font, waits[i]), wait_col);
                draw_text(dl, wait_font, waits[i], x + col_w - count_col - gap - wait_w, wait_w,
                          line_cy, p.accent);
            }
        }
        const std::string label = service_label(s);
        draw_text(dl,
                  row_h >= 40 ? fitting_font({{FontRole::Body}, {FontRole::Small}}, label, label_w)
                              : small,
                  label, x, label_w, line_cy, p.text_muted);
    }
}

// The running text along the bottom; true when it is wider than the screen and scrolls.
bool draw_running_text(const Frame& frame, SteadyClock::time_point marquee_start) {
    ui::AppShell& shell = frame.shell;
    const FloorView& v = frame.v;
    const Texts& t = frame.t;
    const ui::Palette& p = frame.p;
    const Layout& l = frame.l;
    ImDrawList* dl = frame.dl;
    const SteadyClock::time_point now = frame.now;
    ImFont* title = frame.title;
    const DisplayConfig& config = frame.config;
    const Rect& r = l.marquee;
    dl->AddRectFilled(r.min(), r.max(), p.primary);
    const std::string text = running_text(config, v, t);
    const float tw = text_width(title, text);
    const float cy = r.y + r.h / 2;
    const bool scrolling = tw > r.w - 2 * kMargin;
    if (!scrolling) {
        draw_text(dl, title, text, r.x + kMargin, r.w - 2 * kMargin, cy, p.on_primary, 0.5f);
    } else {
        // Scrolls left and repeats seamlessly, starting with its beginning at the left.
        const int fps = config.running_text.fps.value_or(30);
        const double elapsed =
            fps > 0 ? std::chrono::duration<double>(now - marquee_start).count() : 0.0;
        const float period = tw + text_width(title, t.separator);
        const float shift =
            std::fmod(float(elapsed) * float(config.running_text.speed_px_per_s), period);
        dl->PushClipRect(r.min(), r.max(), true);
        const float y = std::round(cy - cap_middle(title));
        for (float x = r.x + kMargin - shift; x < r.right(); x += period) {
            dl->AddText(title, title->FontSize, {std::round(x), y}, p.on_primary, text.data(),
                        text.data() + text.size());
        }
        dl->PopClipRect();
        ui::record_text(text);
        if (fps > 0)
            shell.animate_until(now + std::chrono::milliseconds(2 * 1000 / fps + 50));
    }
    return scrolling;
}

}  // namespace

std::string running_text(const DisplayConfig& config, const FloorView& view, const Texts& t) {
    std::vector<std::string> items;
    if (config.running_text.show_hours && view.loaded) {
        if (view.office.today_hours.empty()) {
            items.push_back(t.closed_today);
        } else {
            std::string hours = std::string(t.hours_today) + ": ";
            for (std::size_t i = 0; i < view.office.today_hours.size(); ++i)
                hours += (i ? ", " : "") + format_hours_range(view.office.today_hours[i]);
            items.push_back(hours + " " + view.office.time_zone);
        }
    }
    // What the office publishes of its satisfaction survey (docs/skm.md, "Publication"): the
    // running text is read in passing and never crowds the calls.
    if (view.publication) {
        const PublicationInfo& p = *view.publication;
        const bool english = t.decimal_separator == '.';
        if (p.ikm) {
            items.push_back(std::string(t.satisfaction_index) + " " +
                            (english ? p.period_name_en : p.period_name) + ": " +
                            index_and_grade(p, t) + ", " + std::to_string(p.respondents) + " " +
                            t.respondents);
        }
        const std::string& pledge = english && !p.maklumat_en.empty() ? p.maklumat_en : p.maklumat;
        if (!pledge.empty()) {
            std::string one_line = pledge;
            for (char& c : one_line)
                if (c == '\n' || c == '\r' || c == '\t')
                    c = ' ';
            items.push_back(std::string(t.service_pledge) + ": " + one_line);
        }
    }
    // The open performance data's headline figures for this month; a share nothing counts
    // towards yet (no file finished, no complaint answered) is left out rather than shown as 0.
    if (config.running_text.show_performance && view.performance &&
        view.performance->shows_something()) {
        const PerformanceInfo& p = *view.performance;
        std::string figures;
        const auto add = [&](const std::optional<double>& share, const char* what) {
            if (!share)
                return;
            figures += (figures.empty() ? "" : ", ") +
                       std::to_string(int(std::lround(*share * 100.0))) + "% " + what;
        };
        add(p.within_target_share, t.called_within_target);
        add(p.applications_within_standard, t.files_within_standard);
        add(p.complaints_within_60_days, t.complaints_on_time);
        items.push_back(std::string(t.performance_month) + ": " + figures);
    }
    items.insert(items.end(), config.running_text.items.begin(), config.running_text.items.end());
    std::string out;
    for (const auto& item : items)
        out += (out.empty() ? "" : t.separator) + item;
    return out;
}

OfficeClock office_clock(const FloorView& view, const Texts& t, std::int64_t wall_ms) {
    using namespace std::chrono;
    const std::int64_t local_ms =
        wall_ms + view.server_skew_ms + std::int64_t(view.office.utc_offset_minutes) * 60000;
    const sys_time<milliseconds> local{milliseconds(local_ms)};
    const sys_days day = floor<days>(local);
    const year_month_day ymd{day};
    const hh_mm_ss hms{floor<seconds>(local - day)};
    return {format_clock(int(hms.hours().count()), int(hms.minutes().count()),
                         int(hms.seconds().count())),
            format_long_date(t, int(ymd.year()), unsigned(ymd.month()), unsigned(ymd.day()),
                             weekday(day).c_encoding())};
}

FloorScreen::FloorScreen(const DisplayConfig& config)
    : config_(config), texts_(texts(config.language)) {}

void FloorScreen::attach(ui::AppShell& shell) {
    shell.set_clock_visible(true);
    const int fps = config_.running_text.fps.value_or(30);
    shell.set_animation_interval(std::chrono::milliseconds(fps > 0 ? 1000 / fps : 33));
}

void FloorScreen::draw(ui::AppShell& shell, const FloorView& v, SteadyClock::time_point now) {
    const ui::Palette& p = ui::palette();
    const Texts& t = texts_;
    const bool show_ready = v.ready_enabled && !v.ready_numbers.empty();
    const Layout l = layout(shell.width(), shell.height(), show_ready);
    const bool portrait = shell.height() > shell.width();
    const auto W = float(shell.width());
    const auto H = float(shell.height());
    const std::int64_t wall_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                                     std::chrono::system_clock::now().time_since_epoch())
                                     .count();

    ui::begin_screen("floor", v.loaded ? p.panel : p.background);
    ImDrawList* dl = ImGui::GetBackgroundDrawList();
    ImFont* title = ui::font(FontRole::Title);
    ImFont* title_bold = ui::font(FontRole::Title, Weight::Bold);
    ImFont* body = ui::font(FontRole::Body);
    ImFont* body_bold = ui::font(FontRole::Body, Weight::Bold);
    ImFont* small = ui::font(FontRole::Small);

    if (!v.loaded) {
        shell.set_screen("connecting");
        draw_text(dl, title_bold, t.connecting, kMargin, W - 2 * kMargin, H / 2 - 60, p.text, 0.5f);
        draw_text(dl, body, std::string(t.connecting_detail) + ": " + config_.server, kMargin,
                  W - 2 * kMargin, H / 2 + 50, p.text_muted, 0.5f);
        scrolling_ = false;
        ui::end_screen();
        return;
    }
    shell.set_screen("floor");
    set_texts_.clear();
    const std::vector<Rect> cards = counter_cards(l.counters, v.counters.size(), portrait);
    {
        std::vector<Hole> holes = {{l.header, 0},
                                   {l.main, kRounding},
                                   {l.recent, kRounding},
                                   {l.waiting, kRounding},
                                   {l.marquee, 0}};
        if (show_ready)
            holes.push_back({l.ready, kRounding});
        if (cards.empty())
            holes.push_back({l.counters, kRounding});
        for (const auto& card : cards)
            holes.push_back({card, kRounding * 0.75f});
        paint_outside(dl, holes, W, H, p.background);
    }

    const Frame frame{shell,    config_,   v,     t,          p,         l,     dl,
                      portrait, W,         H,     now,        wall_ms,   title, title_bold,
                      body,     body_bold, small, show_ready, set_texts_};
    draw_header(frame);
    draw_current_call(frame);
    draw_recent_calls(frame, draw_publication(frame));
    draw_ready_files(frame);
    draw_counters(frame, cards);
    draw_waiting(frame);
    scrolling_ = draw_running_text(frame, marquee_start_);
    ui::end_screen();
}

}  // namespace loket::display
