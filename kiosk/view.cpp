// Shared drawing helpers, the start screen and the screens that only say something
// (connecting, offline, error, closed), and the frame entry point.
#include "view.hpp"

#include <algorithm>
#include <cmath>

#include "format.hpp"
#include "view_common.hpp"

namespace loket::kiosk {
namespace view {

namespace {

const ui::Palette& pal() {
    return ui::palette();
}

}  // namespace

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

// ---- Start ----------------------------------------------------------------------------------

namespace {

// The clock, date, open/closed pill and today's hours; returns the height used.
float clock_block(Frame& f, ImVec2 pos, float width) {
    const auto& p = pal();
    const Language lang = f.m.lang();
    const auto& office = f.m.office();
    const int offset = office ? office->utc_offset_minutes : 0;
    const LocalClock c = local_clock(f.m.wall_now(), offset);
    const std::string time = format_time(c.hour, c.minute);
    ImFont* huge = ui::font(FontRole::Huge, Weight::Bold);
    const float tw = huge->CalcTextSizeA(huge->FontSize, FLT_MAX, 0, time.c_str()).x;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddText(huge, huge->FontSize, pos, p.text, time.c_str());
    ui::record_text(time);
    float y = pos.y + huge->FontSize * 1.02f;
    if (office && !office->time_zone.empty()) {
        ImFont* title = ui::font(FontRole::Title, Weight::Bold);
        dl->AddText(
            title, title->FontSize,
            ImVec2(pos.x + tw + 20, pos.y + huge->FontSize * 0.78f - title->FontSize * 0.78f),
            p.text_muted, office->time_zone.c_str());
    }
    const std::string date = format_date(lang, c);
    const FontRole date_role = wrap(date, FontRole::Title, Weight::Regular, width).size() == 1
                                   ? FontRole::Title
                                   : FontRole::Body;
    y += text_at(ImVec2(pos.x, y), width, date, date_role, Weight::Regular) + 20;

    if (office) {
        const bool open = office->open;
        const std::string pill(f.t(open ? T::status_open : T::status_closed));
        ImFont* bold = ui::font(FontRole::Body, Weight::Bold);
        const float pw = bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, pill.c_str()).x + 48;
        const float ph = 72;
        fill(ImVec2(pos.x, y), ImVec2(pos.x + pw, y + ph), open ? p.success : p.danger, 36);
        dl->AddText(bold, bold->FontSize, ImVec2(pos.x + 24, y + (ph - bold->FontSize) * 0.5f),
                    p.on_primary, pill.c_str());
        ui::record_text(pill);
        const float hx = pos.x + pw + 24;
        const std::string hours = hours_today_text(lang, *office);
        const float hh = lines_height({{hours, FontRole::Body}}, width - (hx - pos.x));
        text_at(ImVec2(hx, y + std::max(0.0f, (ph - hh) * 0.5f)), width - (hx - pos.x), hours,
                FontRole::Body, Weight::Regular);
        y += std::max(ph, hh);
    }
    return y - pos.y;
}

void service_tiles(Frame& f, ImVec2 pos, float width, float height, bool compact) {
    const auto& services = f.m.services();
    const Language lang = f.m.lang();
    if (services.empty()) {
        text_at(pos, width, f.t(T::loading), FontRole::Body, Weight::Regular, pal().text_muted);
        return;
    }
    const int columns = 2;
    const int rows = int((services.size() + 1) / 2);
    const float tw = (width - kGap * float(columns - 1)) / float(columns);
    const float th = (height - kGap * float(rows - 1)) / float(rows);
    const bool enabled = f.m.can_take_numbers();
    std::vector<std::vector<Line>> texts;
    for (const ServiceInfo& s : services) {
        std::vector<Line> lines = {{service_name(lang, s), FontRole::Title, Weight::Bold}};
        if (!f.m.online()) {
            // The last counts may be stale; say why the tile waits instead.
            lines.push_back({std::string(f.t(T::numbers_wait_connection)), FontRole::Body});
        } else {
            lines.push_back({waiting_text(lang, s.waiting), FontRole::Body});
            if (!compact)
                lines.push_back({estimate_text(lang, s.estimate_minutes), FontRole::Body});
        }
        texts.push_back(std::move(lines));
    }
    TileStyle base = primary_tile();
    base.pad.y = 14;
    fit_group(texts, tw - 2 * base.pad.x, th - 2 * base.pad.y);
    for (std::size_t i = 0; i < services.size(); ++i) {
        const ServiceInfo& s = services[i];
        const ImVec2 at(pos.x + float(i % 2) * (tw + kGap), pos.y + float(i / 2) * (th + kGap));
        TileStyle style = base;
        style.enabled = enabled;
        const std::string id = "##service-" + s.id;
        if (tile(id.c_str(), service_name(lang, s), at, ImVec2(tw, th), texts[i], style))
            f.act([&m = f.m, sid = s.id] { m.choose_service(sid); });
    }
}

void status_check_tile(Frame& f, ImVec2 pos, ImVec2 size) {
    TileStyle s = secondary_tile();
    s.border = pal().primary;
    if (tile("##status-check", f.t(T::status_check), pos, size,
             {{std::string(f.t(T::status_check)), entry_title_role(size), Weight::Bold},
              {std::string(f.t(T::status_check_hint)), FontRole::Body}},
             s))
        f.act([&m = f.m] { m.open_status_check(); });
}

void permit_info_tile(Frame& f, ImVec2 pos, ImVec2 size) {
    TileStyle s = secondary_tile();
    s.border = pal().primary;
    if (tile("##permit-info", f.t(T::permit_info), pos, size,
             {{std::string(f.t(T::permit_info)), entry_title_role(size), Weight::Bold},
              {std::string(f.t(T::permit_info_hint)), FontRole::Body}},
             s))
        f.act([&m = f.m] { m.open_permit_info(); });
}

}  // namespace

void draw_start(Frame& f) {
    const auto& p = pal();
    const auto& office = f.m.office();
    float y = header(f, office ? office->name : "", false, true);
    y += offline_banner(f, y);
    const bool closed = office && !office->open;
    float bottom = f.h - kMargin;
    const T hint = f.m.online() ? T::take_number_hint : T::numbers_wait_connection_hint;

    // The published index (when on) sits under the services, if the services keep at least
    // this much room; on a full screen (closed, with the schedule) it yields to them.
    const float services_min = float((f.m.services().size() + 1) / 2) * (100 + kGap);

    if (f.portrait) {
        const float x = kMargin, width = f.w - 2 * kMargin;
        y += 36;
        y += clock_block(f, ImVec2(x, y), width) + 40;
        if (closed) {
            y += closed_panel(f, ImVec2(x, y), width, false) + 32;
        } else {
            y += text_at(ImVec2(x, y), width, f.t(T::take_number_title), FontRole::Title,
                         Weight::Bold);
            y += text_at(ImVec2(x, y), width, f.t(hint), FontRole::Body, Weight::Regular,
                         p.text_muted) +
                 24;
        }
        // Four entries in two rows at the bottom.
        const float info_h = 190;
        const float grid_y = bottom - 2 * info_h - kGap;
        float services_bottom = grid_y - 40;
        const float pub_h = publication_panel(f, ImVec2(x, 0), width, 3, true);
        if (pub_h > 0 && grid_y - kGap - pub_h - 32 - y >= services_min) {
            publication_panel(f, ImVec2(x, grid_y - kGap - pub_h), width, 3, false);
            services_bottom = grid_y - kGap - pub_h - 32;
        }
        const float room = services_bottom - y;
        service_tiles(f, ImVec2(x, y), width, closed ? std::min(room, 420.0f) : room,
                      closed || room < services_min * 1.6f);
        const float half = (width - kGap) / 2;
        permit_info_tile(f, ImVec2(x, grid_y), ImVec2(half, info_h));
        status_check_tile(f, ImVec2(x + half + kGap, grid_y), ImVec2(half, info_h));
        survey_tile(f, ImVec2(x, grid_y + info_h + kGap), ImVec2(half, info_h));
        complaint_tile(f, ImVec2(x + half + kGap, grid_y + info_h + kGap), ImVec2(half, info_h));
        return;
    }

    // Landscape: clock and the four other entries (two by two) on the left; services, and the
    // published index under them, on the right.
    const float left_w = 760;
    const float rx = kMargin + left_w + 48, rw = f.w - kMargin - rx;
    const float top = y + 36;
    clock_block(f, ImVec2(kMargin, top), left_w);
    const float info_h = 220, half = (left_w - kGap) / 2;
    const float grid_y = bottom - 2 * info_h - kGap;
    permit_info_tile(f, ImVec2(kMargin, grid_y), ImVec2(half, info_h));
    status_check_tile(f, ImVec2(kMargin + half + kGap, grid_y), ImVec2(half, info_h));
    survey_tile(f, ImVec2(kMargin, grid_y + info_h + kGap), ImVec2(half, info_h));
    complaint_tile(f, ImVec2(kMargin + half + kGap, grid_y + info_h + kGap), ImVec2(half, info_h));
    float ry = top;
    if (closed) {
        ry += closed_panel(f, ImVec2(rx, ry), rw, false) + 28;
    } else {
        ry += text_at(ImVec2(rx, ry), rw, f.t(T::take_number_title), FontRole::Title, Weight::Bold);
        ry +=
            text_at(ImVec2(rx, ry), rw, f.t(hint), FontRole::Body, Weight::Regular, p.text_muted) +
            16;
    }
    const float pub_h = publication_panel(f, ImVec2(rx, 0), rw, 3, true);
    if (pub_h > 0 && bottom - pub_h - kGap - ry >= services_min) {
        publication_panel(f, ImVec2(rx, bottom - pub_h), rw, 3, false);
        bottom -= pub_h + kGap;
    }
    service_tiles(f, ImVec2(rx, ry), rw, bottom - ry, closed || bottom - ry < services_min * 1.6f);
}

// ---- Screens that say one thing -------------------------------------------------------------

namespace {

// A centred message panel; returns its bottom.
float message_panel(Frame& f, float y, const std::vector<Line>& lines, ImU32 bg, ImU32 fg) {
    const float width = f.w - 2 * kMargin;
    const ImVec2 pad(48, 44);
    const float h = lines_height(lines, width - 2 * pad.x) + 2 * pad.y;
    fill(ImVec2(kMargin, y), ImVec2(kMargin + width, y + h), bg);
    draw_lines(ImGui::GetWindowDrawList(), ImVec2(kMargin + pad.x, y + pad.y), width - 2 * pad.x,
               lines, Align::center, fg);
    return y + h;
}

}  // namespace

void draw_connecting(Frame& f) {
    const float y = header(f, "", false, true);
    const auto& p = pal();
    message_panel(f, std::max(y + 80, f.h * 0.35f),
                  {{std::string(f.t(T::connecting)), FontRole::Title, Weight::Bold}}, p.panel,
                  p.text);
}

void draw_offline(Frame& f) {
    const auto& office = f.m.office();
    const float y = header(f, office ? office->name : "", false, true);
    message_panel(f, std::max(y + 80, f.h * (f.portrait ? 0.3f : 0.25f)),
                  {{std::string(f.t(T::offline_title)), FontRole::Title, Weight::Bold},
                   {std::string(f.t(T::offline_body)), FontRole::Body}},
                  kDangerBg, kDangerFg);
}

void draw_error(Frame& f) {
    float y = header(f, f.t(T::error_title), true);
    y += offline_banner(f, y);
    T message = T::error_server;
    switch (f.m.error().kind) {
        case FailureKind::unreachable:
            message = T::error_offline;
            break;
        case FailureKind::bad_reply:
            message = T::error_bad_reply;
            break;
        case FailureKind::rate_limited:
            message = T::error_rate_limited;
            break;
        case FailureKind::not_found:
            message = T::error_not_found;
            break;
        case FailureKind::http_error:
        case FailureKind::office_closed:
            break;
    }
    y = message_panel(f, y + 60,
                      {{std::string(f.t(T::error_title)), FontRole::Title, Weight::Bold},
                       {std::string(f.t(message)), FontRole::Body}},
                      kWarnBg, kWarnFg) +
        48;
    const float width = f.portrait ? f.w - 2 * kMargin : (f.w - 2 * kMargin - kGap) / 2;
    const float bh = 150;
    float x = kMargin;
    if (f.m.error().retry != ErrorInfo::Retry::none) {
        if (tile("##retry", f.t(T::try_again), ImVec2(x, y), ImVec2(width, bh),
                 {{std::string(f.t(T::try_again)), FontRole::Title, Weight::Bold}}, primary_tile()))
            f.act([&m = f.m] { m.retry(); });
        if (f.portrait)
            y += bh + kGap;
        else
            x += width + kGap;
    }
    if (tile("##home", f.t(T::back_to_start), ImVec2(x, y), ImVec2(width, bh),
             {{std::string(f.t(T::back_to_start)), FontRole::Title, Weight::Bold}},
             secondary_tile()))
        f.act([&m = f.m] { m.go_home(); });
}

void draw_closed(Frame& f) {
    float y = header(f, f.t(T::closed_title), true);
    y += offline_banner(f, y) + 48;
    const float width = f.w - 2 * kMargin;
    y += closed_panel(f, ImVec2(kMargin, y), width, false) + 48;
    const float bw = f.portrait ? width : (width - kGap) / 2;
    const float bh = 220;
    permit_info_tile(f, ImVec2(kMargin, y), ImVec2(bw, bh));
    const ImVec2 home_at =
        f.portrait ? ImVec2(kMargin, y + bh + kGap) : ImVec2(kMargin + bw + kGap, y);
    if (tile("##home", f.t(T::back_to_start), home_at, ImVec2(bw, bh),
             {{std::string(f.t(T::back_to_start)), FontRole::Title, Weight::Bold}},
             secondary_tile()))
        f.act([&m = f.m] { m.go_home(); });
}

}  // namespace view

std::optional<std::chrono::steady_clock::time_point> next_clock_tick(const Model& model) {
    const bool start_shown = model.screen() == Screen::start ||
                             (model.screen() == Screen::offline && model.connection_lost());
    if (!start_shown)
        return std::nullopt;
    using namespace std::chrono;
    const auto now = model.wall_now();
    const auto into_minute = duration_cast<milliseconds>(now.time_since_epoch()) % minutes(1);
    return steady_clock::now() + (minutes(1) - into_minute) + milliseconds(20);
}

void draw_kiosk(ui::AppShell& shell, Model& model, ViewState& state) {
    view::Frame f{shell,
                  model,
                  state,
                  float(shell.width()),
                  float(shell.height()),
                  shell.height() >= shell.width(),
                  {}};
    const ImGuiIO& io = ImGui::GetIO();
    if (io.MouseDown[0] || io.InputQueueCharacters.Size > 0)
        model.note_activity();
    // Keys of a hardware keyboard (the receipt scanner), before drawing: a scan may change
    // the screen, and the frame then draws the new one whole.
    std::string typed;
    for (const ImWchar c : io.InputQueueCharacters)
        if (c >= 0x20 && c < 0x7F)  // a receipt's QR code is ASCII
            typed += char(c);
    const bool enter = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false) ||
                       ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter), false);
    if (!typed.empty() || enter)
        model.on_keyboard_input(typed, enter);
    shell.set_screen(model.screen_key());

    // Scroll areas start at the top on a new screen, permit or section.
    std::string scroll_key = model.screen_key();
    if (model.screen() == Screen::permit && model.permit())
        scroll_key += "/" + model.permit()->id + "/" + std::to_string(int(model.section()));
    if (scroll_key != state.scroll_key) {
        state.scroll_key = scroll_key;
        state.reset_scroll = true;
    }

    ui::begin_screen("kiosk");
    // Bands (header, banners) run edge to edge; the window would clip them at its padding.
    ImGui::GetWindowDrawList()->PushClipRectFullScreen();
    switch (model.screen()) {
        case Screen::connecting:
            view::draw_connecting(f);
            break;
        case Screen::offline:
            // After a lost connection the start screen stays, with what the kiosk knows;
            // only taking a number waits.
            if (model.connection_lost())
                view::draw_start(f);
            else
                view::draw_offline(f);
            break;
        case Screen::start:
            view::draw_start(f);
            break;
        case Screen::permits:
            view::draw_permits(f);
            break;
        case Screen::permit:
            view::draw_permit(f);
            break;
        case Screen::priority:
            view::draw_priority(f);
            break;
        case Screen::issuing:
            view::draw_issuing(f);
            break;
        case Screen::ticket:
            view::draw_ticket(f);
            break;
        case Screen::error:
            view::draw_error(f);
            break;
        case Screen::closed:
            view::draw_closed(f);
            break;
        case Screen::status_entry:
            view::draw_status_entry(f);
            break;
        case Screen::status_checking:
            view::draw_status_checking(f);
            break;
        case Screen::status_result:
            view::draw_status_result(f);
            break;
        case Screen::survey:
            view::draw_survey(f);
            break;
        case Screen::complaint:
            view::draw_complaint(f);
            break;
    }
    ImGui::GetWindowDrawList()->PopClipRect();
    ui::end_screen();
    state.reset_scroll = false;
    for (auto& action : f.actions)
        action();
}

}  // namespace loket::kiosk
