// The floor screen's panels, one function each: header, current call, publication, earlier
// calls, ready files, counters, waiting, running text.
#include <algorithm>
#include <cmath>

#include "loket/time.hpp"
#include "loket/ui/app_shell.hpp"
#include "loket/ui/widgets.hpp"
#include "view_draw.hpp"

namespace loket::display::floor_view {

void Frame::draw_header() const {
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

void Frame::draw_current_call() const {
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

Rect Frame::draw_publication() const {
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

void Frame::draw_recent_calls(const Rect& recent) const {
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

void Frame::draw_ready_files() const {
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

void Frame::draw_counters(const std::vector<Rect>& cards) const {
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

void Frame::draw_waiting() const {
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

bool Frame::draw_running_text(SteadyClock::time_point marquee_start) const {
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

}  // namespace loket::display::floor_view
