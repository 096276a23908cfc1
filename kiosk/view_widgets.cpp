// The kiosk's drawing pieces every screen uses: wrapped lines, tiles, the header band, the offline
// banner and the schedule panel of closed screens.
#include <algorithm>
#include <cmath>

#include "format.hpp"
#include "view_common.hpp"

namespace loket::kiosk::view {

TileStyle primary_tile() {
    const auto& p = pal();
    return {p.primary, p.primary_active, p.on_primary, 0};
}

// Outlined: white with a blue border. Large filled areas are what costs the software renderer
// most (about 7 ns a pixel, blended), so only the main actions are filled.
TileStyle secondary_tile() {
    const auto& p = pal();
    return {p.background, p.secondary, p.on_secondary, p.primary};
}

TileStyle panel_tile() {
    const auto& p = pal();
    TileStyle s{p.background, p.secondary, p.text, p.border};
    s.align = Align::left;
    return s;
}

float line_height(FontRole role) {
    return std::round(ui::font(role)->FontSize * 1.22f);
}

std::vector<std::string_view> wrap(std::string_view text, FontRole role, Weight weight,
                                   float width) {
    std::vector<std::string_view> out;
    ImFont* f = ui::font(role, weight);
    const float scale = 1.0f;
    width = std::max(width, 1.0f);
    std::string_view rest = text;
    for (;;) {
        const auto nl = rest.find('\n');
        const std::string_view para = rest.substr(0, nl);
        const char* p = para.data();
        const char* end = para.data() + para.size();
        if (p == end)
            out.emplace_back();
        while (p < end) {
            const char* cut = f->CalcWordWrapPositionA(scale, p, end, width);
            if (cut <= p)
                cut = p + 1;
            // ImGui also breaks after punctuation inside a word ("SP4N-LAPOR!" | ", kanal",
            // "lapor.go." | "id"): break at the row's last space instead, when it has one.
            if (cut < end && *cut != ' ' && cut[-1] != ' ') {
                const char* space = cut;
                while (space > p && space[-1] != ' ')
                    --space;
                if (space > p)
                    cut = space;
            }
            // Never split a UTF-8 sequence.
            while (cut < end && (static_cast<unsigned char>(*cut) & 0xC0) == 0x80)
                ++cut;
            const char* shown_end = cut;
            while (shown_end > p && shown_end[-1] == ' ')
                --shown_end;
            out.emplace_back(p, std::size_t(shown_end - p));
            p = cut;
            while (p < end && (*p == ' ' || *p == '\n'))
                ++p;
        }
        if (nl == std::string_view::npos)
            break;
        rest.remove_prefix(nl + 1);
    }
    return out;
}

namespace {
constexpr float kLineGap = 10.0f;  // between Line entries
}

float lines_height(const std::vector<Line>& lines, float width) {
    float h = 0;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (lines[i].text.empty())
            continue;
        if (h > 0)
            h += kLineGap;
        h += float(wrap(lines[i].text, lines[i].role, lines[i].weight, width).size()) *
             line_height(lines[i].role);
    }
    return h;
}

float draw_lines(ImDrawList* dl, ImVec2 pos, float width, const std::vector<Line>& lines,
                 Align align, ImU32 default_color) {
    float y = pos.y;
    bool first = true;
    for (const Line& line : lines) {
        if (line.text.empty())
            continue;
        if (!first)
            y += kLineGap;
        first = false;
        ImFont* font = ui::font(line.role, line.weight);
        const float size = font->FontSize;
        const float lh = line_height(line.role);
        const ImU32 color = line.color != 0 ? line.color : default_color;
        for (const std::string_view row : wrap(line.text, line.role, line.weight, width)) {
            float x = pos.x;
            if (align == Align::center) {
                const float rw =
                    font->CalcTextSizeA(size, FLT_MAX, 0.0f, row.data(), row.data() + row.size()).x;
                x += std::max(0.0f, (width - rw) * 0.5f);
            }
            dl->AddText(font, size, ImVec2(std::round(x), std::round(y + (lh - size) * 0.5f)),
                        color, row.data(), row.data() + row.size());
            y += lh;
        }
        ui::record_text(line.text);
    }
    return y - pos.y;
}

float text_at(ImVec2 pos, float width, std::string_view text, FontRole role, Weight weight,
              ImU32 color, Align align) {
    return draw_lines(ImGui::GetWindowDrawList(), pos, width,
                      {Line{std::string(text), role, weight, 0}}, align,
                      color != 0 ? color : pal().text);
}

void block_text(std::string_view text, FontRole role, Weight weight, ImU32 color, float width) {
    if (width <= 0)
        width = ImGui::GetContentRegionAvail().x;
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const std::vector<Line> lines = {Line{std::string(text), role, weight, 0}};
    const float h = lines_height(lines, width);
    if (ImGui::IsRectVisible(pos, ImVec2(pos.x + width, pos.y + h)))
        draw_lines(ImGui::GetWindowDrawList(), pos, width, lines, Align::left,
                   color != 0 ? color : pal().text);
    ImGui::Dummy(ImVec2(width, std::max(h, 1.0f)));
}

void fill_rounded(ImDrawList* dl, ImVec2 min, ImVec2 max, ImU32 color, float r) {
    // Whole pixels, so the rectangles and the corner fans meet without hairline gaps.
    min = ImVec2(std::round(min.x), std::round(min.y));
    max = ImVec2(std::round(max.x), std::round(max.y));
    r = std::round(std::min({r, (max.x - min.x) * 0.5f, (max.y - min.y) * 0.5f}));
    if (r < 1.0f) {
        dl->AddRectFilled(min, max, color);
        return;
    }
    // SDL's software renderer draws axis-aligned quads on a fast path, but a rounded rectangle
    // is one triangle fan over its whole area, textured and blended pixel by pixel: about 3x
    // the cost for large panels. So: plain rectangles for the body, small fans for the corners.
    dl->AddRectFilled(ImVec2(min.x + r, min.y), ImVec2(max.x - r, max.y), color);
    dl->AddRectFilled(ImVec2(min.x, min.y + r), ImVec2(min.x + r, max.y - r), color);
    dl->AddRectFilled(ImVec2(max.x - r, min.y + r), ImVec2(max.x, max.y - r), color);
    // Each corner fan reaches one pixel into the neighbouring rectangles, so its anti-aliased
    // inner edges fall on pixels already painted the same colour (no seams).
    constexpr float kPi = 3.14159265f;
    const ImVec2 centres[4] = {ImVec2(min.x + r, min.y + r), ImVec2(max.x - r, min.y + r),
                               ImVec2(max.x - r, max.y - r), ImVec2(min.x + r, max.y - r)};
    const ImVec2 mid((min.x + max.x) * 0.5f, (min.y + max.y) * 0.5f);
    for (int i = 0; i < 4; ++i) {
        const ImVec2 c = centres[i];
        const ImVec2 d(c.x < mid.x ? 1.0f : -1.0f, c.y < mid.y ? 1.0f : -1.0f);  // inward
        const float a0 = kPi + float(i) * kPi * 0.5f, a1 = a0 + kPi * 0.5f;
        const auto inward = [&](float a) {
            const ImVec2 p(c.x + r * std::cos(a), c.y + r * std::sin(a));
            return std::abs(std::cos(a)) > 0.5f ? ImVec2(p.x, p.y + d.y) : ImVec2(p.x + d.x, p.y);
        };
        dl->PathLineTo(ImVec2(c.x + d.x, c.y + d.y));
        dl->PathLineTo(inward(a0));
        dl->PathArcTo(c, r, a0, a1, 8);
        dl->PathLineTo(inward(a1));
        dl->PathFillConvex(color);
    }
}

void fill(ImVec2 min, ImVec2 max, ImU32 color, float rounding) {
    fill_rounded(ImGui::GetWindowDrawList(), min, max, color, rounding);
}

float panel(ImVec2 pos, float width, const std::vector<Line>& lines, ImU32 bg, ImU32 fg,
            Align align, bool measure_only) {
    const ImVec2 pad(36, 28);
    const float h = lines_height(lines, width - 2 * pad.x) + 2 * pad.y;
    if (!measure_only) {
        fill(pos, ImVec2(pos.x + width, pos.y + h), bg);
        draw_lines(ImGui::GetWindowDrawList(), ImVec2(pos.x + pad.x, pos.y + pad.y),
                   width - 2 * pad.x, lines, align, fg);
    }
    return h;
}

void fit_group(std::vector<std::vector<Line>>& tiles, float inner_w, float inner_h) {
    const auto fits = [&] {
        for (const auto& t : tiles)
            if (lines_height(t, inner_w) > inner_h)
                return false;
        return true;
    };
    if (fits())
        return;
    for (auto& t : tiles)
        for (auto& l : t)
            if (l.role == FontRole::Title)
                l.role = FontRole::Body;
    if (fits())
        return;
    for (auto& t : tiles)
        for (auto& l : t)
            l.role = FontRole::Small;
}

float tile_height(const std::vector<Line>& lines, float width, const TileStyle& style) {
    return std::max(ui::kMinTouchSize,
                    lines_height(lines, width - 2 * style.pad.x) + 2 * style.pad.y);
}

bool tile(const char* id, std::string_view tap_label, ImVec2 pos, ImVec2 size,
          const std::vector<Line>& lines, const TileStyle& style) {
    if (pos.x >= 0)
        ImGui::SetCursorScreenPos(pos);
    pos = ImGui::GetCursorScreenPos();
    if (size.x <= 0)
        size.x = ImGui::GetContentRegionAvail().x;
    if (size.y <= 0)
        size.y = tile_height(lines, size.x, style);
    size.y = std::max(size.y, ui::kMinTouchSize);
    if (!style.enabled)
        ImGui::BeginDisabled();
    const bool pressed = ImGui::InvisibleButton(id, size);
    const bool active = ImGui::IsItemActive();
    if (!style.enabled)
        ImGui::EndDisabled();
    ui::register_item(tap_label);

    if (!ImGui::IsItemVisible())
        return pressed && style.enabled;  // scrolled out of view: nothing to draw
    const auto& p = pal();
    ImU32 bg = active ? style.bg_active : style.bg;
    ImU32 fg = style.fg;
    ImU32 border = style.border;
    if (!style.enabled) {
        bg = p.background;
        fg = p.text_muted;
        border = p.secondary_active;
    }
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 max(pos.x + size.x, pos.y + size.y);
    if (bg != p.background)  // white on white is free to skip
        fill_rounded(dl, pos, max, bg, style.rounding);
    if (border != 0)
        dl->AddRect(pos, max, border, style.rounding, 0, 4.0f);
    const float inner = size.x - 2 * style.pad.x;
    std::vector<Line> shown = lines;
    if (!style.enabled)
        for (auto& l : shown)
            l.color = 0;
    // Long names (a service renamed in the settings, English words) step down a font size
    // rather than spill out of the tile.
    float text_h = lines_height(shown, inner);
    for (int step = 0; step < 2 && text_h > size.y - 2 * style.pad.y; ++step) {
        for (auto& l : shown)
            l.role = l.role == FontRole::Title ? FontRole::Body : FontRole::Small;
        text_h = lines_height(shown, inner);
    }
    draw_lines(dl,
               ImVec2(pos.x + style.pad.x, pos.y + std::max(style.pad.y, (size.y - text_h) * 0.5f)),
               inner, shown, style.align, fg);
    return pressed && style.enabled;
}

void begin_region(const char* id, ImVec2 pos, ImVec2 size) {
    ImGui::SetCursorScreenPos(pos);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::BeginChild(id, size, false,
                      ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse |
                          ImGuiWindowFlags_NoBackground);
    ImGui::PopStyleVar();
}

float header(Frame& f, std::string_view title, bool back_button, bool big) {
    const auto& p = pal();
    const float button_h = 104;
    // Language toggle on the right, always: one tap switches.
    const std::string lang_label(f.t(T::language_toggle));
    ImFont* bold = ui::font(FontRole::Body, Weight::Bold);
    const float lang_w = std::max(
        260.0f, bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, lang_label.c_str()).x + 64);
    float x = kMargin;
    const float back_w = 260;
    if (back_button)
        x += back_w + kGap;
    const float title_w = f.w - kMargin - lang_w - kGap - x;

    FontRole role = FontRole::Title;
    auto rows = wrap(title, role, Weight::Bold, title_w);
    if (rows.size() > (big ? 2u : 1u)) {
        role = FontRole::Body;
        rows = wrap(title, role, Weight::Bold, title_w);
    }
    const float text_h = float(std::max<std::size_t>(rows.size(), 1)) * line_height(role);
    const float h = std::max(150.0f, text_h + 48);
    fill(ImVec2(0, 0), ImVec2(f.w, h), p.primary, 0);
    const float by = (h - button_h) * 0.5f;
    // Light buttons on the blue band (small: filling them costs little).
    const TileStyle on_band{p.secondary, p.secondary_active, p.on_secondary, 0};
    if (back_button) {
        const TileStyle& s = on_band;
        if (tile("##back", f.t(T::back), ImVec2(kMargin, by), ImVec2(back_w, button_h),
                 {{std::string(f.t(T::back)), FontRole::Body, Weight::Bold}}, s))
            f.act([&m = f.m] { m.back(); });
    }
    text_at(ImVec2(x, (h - text_h) * 0.5f), title_w, title, role, Weight::Bold, p.on_primary);
    if (tile("##lang", lang_label, ImVec2(f.w - kMargin - lang_w, by), ImVec2(lang_w, button_h),
             {{lang_label, FontRole::Body, Weight::Bold}}, on_band))
        f.act([&m = f.m] { m.toggle_language(); });
    return h;
}

float offline_banner(Frame& f, float y) {
    if (f.m.online())
        return 0;
    const auto& p = pal();
    const float h = 84;
    fill(ImVec2(0, y), ImVec2(f.w, y + h), p.danger, 0);
    const float th = line_height(FontRole::Body);
    text_at(ImVec2(kMargin, y + (h - th) * 0.5f), f.w - 2 * kMargin,
            f.t(f.m.connection_lost() ? T::connection_lost_banner : T::offline_banner),
            FontRole::Body, Weight::Bold, p.on_danger, Align::center);
    return h;
}

float closed_panel(Frame& f, ImVec2 pos, float width, bool measure_only) {
    const Language lang = f.m.lang();
    std::vector<Line> lines;
    if (const auto& office = f.m.office()) {
        lines.push_back({closed_reason_text(lang, *office), FontRole::Title, Weight::Bold});
        lines.push_back({next_open_text(lang, *office), FontRole::Body, Weight::Bold});
        lines.push_back({std::string(f.t(T::closed_numbers_disabled)), FontRole::Body});
        lines.push_back({std::string(f.t(T::schedule_title)), FontRole::Body, Weight::Bold});
        std::string schedule;
        for (const auto& l : schedule_lines(lang, office->week_hours))
            schedule += (schedule.empty() ? "" : "\n") + l;
        lines.push_back({schedule, FontRole::Body});
    } else {
        lines.push_back({std::string(f.t(T::closed_generic)), FontRole::Title, Weight::Bold});
    }
    const ImVec2 pad(36, 28);
    const float h = lines_height(lines, width - 2 * pad.x) + 2 * pad.y;
    if (!measure_only) {
        fill(pos, ImVec2(pos.x + width, pos.y + h), kDangerBg);
        ImGui::GetWindowDrawList()->AddRect(pos, ImVec2(pos.x + width, pos.y + h), kDangerFg, 18.0f,
                                            0, 3.0f);
        draw_lines(ImGui::GetWindowDrawList(), ImVec2(pos.x + pad.x, pos.y + pad.y),
                   width - 2 * pad.x, lines, Align::left, kDangerFg);
    }
    return h;
}

}  // namespace loket::kiosk::view
