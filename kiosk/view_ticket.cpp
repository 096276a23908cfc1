// Taking a number: the priority choice, waiting for the server, and the confirmation with the
// number, the QR code of the status page and what happened at the printer.
#include <algorithm>
#include <cmath>

#include "format.hpp"
#include "view_common.hpp"

namespace loket::kiosk::view {
namespace {

std::string service_label(const Frame& f, const std::string& id) {
    if (const ServiceInfo* s = f.m.find_service(id))
        return service_name(f.m.lang(), *s);
    return id;
}

// The QR code with its quiet zone, modules snapped to whole pixels so it scans from a photo.
void draw_qr(const QrMatrix& qr, ImVec2 pos, float size) {
    const int modules = qr.size + 8;
    const float px = std::floor(size / float(modules));
    const float side = px * float(modules);
    pos = ImVec2(std::round(pos.x + (size - side) * 0.5f), std::round(pos.y));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(pos, ImVec2(pos.x + side, pos.y + side), IM_COL32_WHITE);
    dl->AddRect(pos, ImVec2(pos.x + side, pos.y + side), pal().secondary_active, 0, 0, 2.0f);
    for (int y = 0; y < qr.size; ++y) {
        int x = 0;
        while (x < qr.size) {
            if (!qr.at(x, y)) {
                ++x;
                continue;
            }
            int run = x;
            while (run < qr.size && qr.at(run, y))
                ++run;
            const float x0 = pos.x + float(x + 4) * px, y0 = pos.y + float(y + 4) * px;
            dl->AddRectFilled(ImVec2(x0, y0), ImVec2(x0 + float(run - x) * px, y0 + px),
                              IM_COL32_BLACK);
            x = run;
        }
    }
}

}  // namespace

namespace {

// A panel of lines across the column at y; returns the y below it.
float priority_panel(const std::vector<Line>& lines, float x, float y, float width) {
    const auto& p = pal();
    const ImVec2 pad(32, 24);
    const float h = lines_height(lines, width - 2 * pad.x) + 2 * pad.y;
    fill(ImVec2(x, y), ImVec2(x + width, y + h), p.panel, 16);
    draw_lines(ImGui::GetWindowDrawList(), ImVec2(x + pad.x, y + pad.y), width - 2 * pad.x, lines,
               Align::left, p.text);
    y += h + 24;
    return y;
}

// From a permit: why this counter, then the two counters an applicant with a permit may start
// at. Returns the y below them.
float permit_services(Frame& f, float x, float y, float width) {
    const auto& p = pal();
    const Language lang = f.m.lang();
    const IssueRequest& pending = f.m.pending();
    const auto& permit = f.m.permit();
    // Only the requirements that apply to this applicant count (perorangan / badan usaha).
    const int total = permit ? int(f.m.counted_requirements().size()) : 0;
    const std::string proposed = f.m.proposed_service();
    std::string reason;
    if (total == 0)
        reason = f.t(T::proposed_info_no_list);
    else
        reason = f.t(proposed == "customer_service" ? T::proposed_cs : T::proposed_info,
                     {std::to_string(f.m.ticked_count()), std::to_string(total)});
    std::vector<Line> lines;
    if (permit)
        lines.push_back({tr(lang, T::permit_label, {permit->name}), FontRole::Body, Weight::Bold});
    lines.push_back({reason, FontRole::Body});
    y = priority_panel(lines, x, y, width);
    const std::string options[2] = {"informasi", "customer_service"};
    const float w2 = (width - kGap) / 2, h2 = 190;
    std::vector<std::vector<Line>> texts;
    for (const auto& o : options) {
        std::vector<Line> l = {{service_label(f, o), FontRole::Title, Weight::Bold}};
        if (o == proposed)
            l.push_back({"(" + std::string(f.t(T::suggested)) + ")", FontRole::Body});
        texts.push_back(std::move(l));
    }
    const TileStyle base = primary_tile();
    fit_group(texts, w2 - 2 * base.pad.x, h2 - 2 * base.pad.y);
    for (int i = 0; i < 2; ++i) {
        const bool selected = pending.service == options[i];
        TileStyle s = selected ? primary_tile() : secondary_tile();
        if (!selected)
            s.border = p.primary;
        const std::string id = "##svc-" + options[i];
        if (tile(id.c_str(), service_label(f, options[i]), ImVec2(x + float(i) * (w2 + kGap), y),
                 ImVec2(w2, h2), texts[std::size_t(i)], s))
            f.act([&m = f.m, sid = options[i]] { m.select_service(sid); });
    }
    y += h2 + 32;
    return y;
}

// The four choices from cy down to bottom; each one tap issues the number.
void priority_choices(Frame& f, float cx, float cy, float cw, float bottom, bool enabled) {
    const auto& p = pal();
    const float general_h = 220;
    const float each_h =
        std::clamp((bottom - cy - general_h - 3 * kGap) / 3, ui::kMinTouchSize, 190.0f);
    const std::pair<Priority, T> choices[4] = {{Priority::None, T::priority_none},
                                               {Priority::Lansia, T::priority_lansia},
                                               {Priority::Disabilitas, T::priority_disabilitas},
                                               {Priority::IbuHamil, T::priority_ibu_hamil}};
    std::vector<std::vector<Line>> texts;
    for (int i = 1; i < 4; ++i)
        texts.push_back({{std::string(f.t(choices[i].second)), FontRole::Title, Weight::Bold}});
    TileStyle prio = secondary_tile();
    prio.border = p.primary;
    prio.enabled = enabled;
    fit_group(texts, cw - 2 * prio.pad.x, each_h - 2 * prio.pad.y);
    TileStyle general = primary_tile();
    general.enabled = enabled;
    if (tile("##prio-none", f.t(T::priority_none), ImVec2(cx, cy), ImVec2(cw, general_h),
             {{std::string(f.t(T::priority_none)), FontRole::Title, Weight::Bold},
              {std::string(f.t(T::priority_none_hint)), FontRole::Body}},
             general))
        f.act([&m = f.m] { m.choose_priority(Priority::None); });
    cy += general_h + kGap;
    for (int i = 1; i < 4; ++i) {
        const std::string id = "##prio-" + std::to_string(i);
        const std::string label(f.t(choices[i].second));
        if (tile(id.c_str(), label, ImVec2(cx, cy), ImVec2(cw, each_h), texts[std::size_t(i - 1)],
                 prio))
            f.act([&m = f.m, pr = choices[i].first] { m.choose_priority(pr); });
        cy += each_h + kGap;
    }
}

}  // namespace

void draw_priority(Frame& f) {
    const auto& p = pal();
    float y = header(f, f.t(T::priority_title), true);
    y += offline_banner(f, y) + 32;
    const float top = y;
    const IssueRequest& pending = f.m.pending();
    const bool enabled = f.m.can_take_numbers();
    const float bottom = f.h - kMargin;
    // Portrait: one column. Landscape: the service on the left, the four choices on the right.
    const float x = kMargin;
    const float width = f.portrait ? f.w - 2 * kMargin : 820;
    const float cx = f.portrait ? kMargin : kMargin + width + 48;
    const float cw = f.portrait ? width : f.w - kMargin - cx;

    if (f.m.from_permit()) {
        y = permit_services(f, x, y, width);
    } else {
        y = priority_panel(
            {{std::string(f.t(T::service_label)), FontRole::Body, Weight::Regular, p.text_muted},
             {service_label(f, pending.service), FontRole::Title, Weight::Bold}},
            x, y, width);
        y += 8;
    }
    y += text_at(ImVec2(x, y), width, f.t(T::priority_hint), FontRole::Body, Weight::Regular) + 28;
    priority_choices(f, cx, f.portrait ? y : top, cw, bottom, enabled);
}

void draw_issuing(Frame& f) {
    const auto& p = pal();
    const auto& office = f.m.office();
    const float y = header(f, office ? office->name : "", false, true);
    const float width = f.w - 2 * kMargin;
    const std::vector<Line> lines = {
        {std::string(f.t(T::issuing_title)), FontRole::Title, Weight::Bold},
        {std::string(f.t(T::issuing_body)), FontRole::Body}};
    const float top = std::max(y + 80, f.h * 0.35f);
    const float h = lines_height(lines, width - 96) + 88;
    fill(ImVec2(kMargin, top), ImVec2(kMargin + width, top + h), p.panel);
    draw_lines(ImGui::GetWindowDrawList(), ImVec2(kMargin + 48, top + 44), width - 96, lines,
               Align::center, p.text);
}

namespace {

// The ticket itself: number, service, priority, permit, people ahead, estimate. Returns its
// height.
float ticket_block(Frame& f, const IssuedTicket& t, ImVec2 pos, float width) {
    const auto& p = pal();
    const Language lang = f.m.lang();
    float by = pos.y;
    by += text_at(ImVec2(pos.x, by), width, f.t(T::your_number), FontRole::Title, Weight::Regular,
                  p.text, Align::center);
    ImFont* giant = ui::font(FontRole::Giant, Weight::Bold);
    const float nw = giant->CalcTextSizeA(giant->FontSize, FLT_MAX, 0, t.number.c_str()).x;
    ImGui::GetWindowDrawList()->AddText(giant, giant->FontSize,
                                        ImVec2(std::round(pos.x + (width - nw) * 0.5f), by),
                                        p.primary, t.number.c_str());
    ui::record_text(t.number);
    by += giant->FontSize * 1.02f;
    const std::string service = lang == Language::English && !t.service_name_en.empty()
                                    ? t.service_name_en
                                    : t.service_name;
    by += text_at(ImVec2(pos.x, by), width, service, FontRole::Title, Weight::Bold, p.text,
                  Align::center) +
          12;
    if (t.priority != Priority::None) {
        const std::string badge = tr(lang, T::priority_badge, {priority_name(lang, t.priority)});
        ImFont* bold = ui::font(FontRole::Body, Weight::Bold);
        const float bw = bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, badge.c_str()).x + 56;
        const float bx = pos.x + (width - bw) * 0.5f;
        fill(ImVec2(bx, by), ImVec2(bx + bw, by + 70), p.accent, 35);
        ImGui::GetWindowDrawList()->AddText(bold, bold->FontSize,
                                            ImVec2(bx + 28, by + (70 - bold->FontSize) * 0.5f),
                                            p.text, badge.c_str());
        ui::record_text(badge);
        by += 70 + 16;
    }
    if (t.permit_name && !t.permit_name->empty())
        by += text_at(ImVec2(pos.x, by), width, tr(lang, T::permit_label, {*t.permit_name}),
                      FontRole::Body, Weight::Regular, p.text_muted, Align::center) +
              12;
    by += text_at(ImVec2(pos.x, by), width, people_ahead_text(lang, t.people_ahead),
                  FontRole::Title, Weight::Bold, p.text, Align::center);
    if (const std::string wait = ticket_wait_text(lang, t.people_ahead, t.estimate_minutes);
        !wait.empty())
        by += text_at(ImVec2(pos.x, by), width, wait, FontRole::Body, Weight::Regular, p.text,
                      Align::center);
    return by - pos.y;
}

// The status link's QR code and its caption; returns their height (0 without a code).
float qr_block(Frame& f, ImVec2 pos, float width, float size) {
    const auto& p = pal();
    if (!f.vs.qr)
        return 0.0f;
    draw_qr(*f.vs.qr, ImVec2(pos.x + (width - size) * 0.5f, pos.y), size);
    return size + 12 +
           text_at(ImVec2(pos.x, pos.y + size + 12), width, f.t(T::scan_for_status),
                   FontRole::Small, Weight::Regular, p.text_muted, Align::center);
}

// How printing the ticket went, and to wait for the call; returns its height (measure: nothing
// drawn).
float print_block(Frame& f, ImVec2 pos, float width, bool measure) {
    const auto& p = pal();
    std::vector<Line> lines;
    ImU32 bg = p.panel, fg = p.text;
    const std::string& msg = f.m.print_message();
    switch (f.m.print_state()) {
        case PrintState::none:
        case PrintState::printing:
            lines.push_back({std::string(f.t(T::printing)), FontRole::Body, Weight::Bold});
            break;
        case PrintState::printed:
            bg = kOkBg, fg = kOkFg;
            lines.push_back({std::string(f.t(T::printed)), FontRole::Body, Weight::Bold});
            break;
        case PrintState::printed_with_warning:
            bg = kOkBg, fg = kOkFg;
            lines.push_back({std::string(f.t(T::printed)), FontRole::Body, Weight::Bold});
            lines.push_back({msg, FontRole::Small});
            break;
        case PrintState::failed:
            bg = kDangerBg, fg = kDangerFg;
            lines.push_back({f.t(T::print_failed, {msg}), FontRole::Body, Weight::Bold});
            lines.push_back({std::string(f.t(T::photo_hint)), FontRole::Body});
            break;
        case PrintState::no_printer:
            bg = kWarnBg, fg = kWarnFg;
            lines.push_back({std::string(f.t(T::no_printer)), FontRole::Body, Weight::Bold});
            lines.push_back({std::string(f.t(T::photo_hint)), FontRole::Body});
            break;
    }
    lines.push_back({std::string(f.t(T::wait_for_call)), FontRole::Small});
    const ImVec2 pad(32, 22);
    const float h = lines_height(lines, width - 2 * pad.x) + 2 * pad.y;
    if (!measure) {
        fill(pos, ImVec2(pos.x + width, pos.y + h), bg, 16);
        draw_lines(ImGui::GetWindowDrawList(), ImVec2(pos.x + pad.x, pos.y + pad.y),
                   width - 2 * pad.x, lines, Align::center, fg);
    }
    return h;
}

void done_tile(Frame& f, ImVec2 pos, ImVec2 size) {
    if (tile("##done", f.t(T::done), pos, size,
             {{std::string(f.t(T::done)), FontRole::Title, Weight::Bold}}, primary_tile()))
        f.act([&m = f.m] { m.finish(); });
}

}  // namespace

void draw_ticket(Frame& f) {
    const auto& ticket = f.m.ticket();
    const auto& office = f.m.office();
    float y = header(f, office ? office->name : (ticket ? ticket->office_name : ""), false, true);
    if (!ticket)
        return;
    const IssuedTicket& t = *ticket;
    if (f.vs.qr_text != t.status_url) {
        f.vs.qr_text = t.status_url;
        f.vs.qr = make_qr(t.status_url);
    }

    const float bottom = f.h - kMargin;
    if (f.portrait) {
        const float x = kMargin, width = f.w - 2 * kMargin;
        y += 28;
        y += ticket_block(f, t, ImVec2(x, y), width) + 24;
        const float done_h = 130;
        const float print_h = print_block(f, ImVec2(x, 0), width, true);
        const float done_y = bottom - done_h;
        const float print_y = done_y - 24 - print_h;
        const float caption = 2 * line_height(FontRole::Small) + 12;
        const float qr_size = std::clamp(print_y - 24 - y - caption, 200.0f, 460.0f);
        qr_block(f, ImVec2(x, y), width, qr_size);
        print_block(f, ImVec2(x, print_y), width, false);
        done_tile(f, ImVec2(x + (width - 600) * 0.5f, done_y), ImVec2(600, done_h));
        return;
    }
    const float half = (f.w - 2 * kMargin - 48) / 2;
    const float lx = kMargin, rx = kMargin + half + 48;
    ticket_block(f, t, ImVec2(lx, y + 28), half);
    const float done_h = 130;
    const float done_y = bottom - done_h;
    const float print_h = print_block(f, ImVec2(rx, 0), half, true);
    const float print_y = done_y - 24 - print_h;
    const float caption = 2 * line_height(FontRole::Small) + 12;
    const float qr_size = std::clamp(print_y - 24 - (y + 28) - caption, 200.0f, 400.0f);
    qr_block(f, ImVec2(rx, y + 28), half, qr_size);
    print_block(f, ImVec2(rx, print_y), half, false);
    done_tile(f, ImVec2(rx, done_y), ImVec2(half, done_h));
}

}  // namespace loket::kiosk::view
