// The start screen (clock, services, the voice entries) and the screens that only say something
// (connecting, offline, error, closed).
#include <algorithm>
#include <cmath>

#include "format.hpp"
#include "view_common.hpp"

namespace loket::kiosk::view {

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

}  // namespace loket::kiosk::view
