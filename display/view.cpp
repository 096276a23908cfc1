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
#include "view_draw.hpp"

namespace loket::display {

using namespace floor_view;

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
    frame.draw_header();
    frame.draw_current_call();
    frame.draw_recent_calls(frame.draw_publication());
    frame.draw_ready_files();
    frame.draw_counters(cards);
    frame.draw_waiting();
    scrolling_ = frame.draw_running_text(marquee_start_);
    ui::end_screen();
}

}  // namespace loket::display
