// The complaint intake on screen: category, text, consent, name, contact, confirmation and the
// tracking number. Decisions are the model's (voice.cpp); this file only draws and forwards taps.
#include <algorithm>
#include <cmath>

#include "format.hpp"
#include "view_voice.hpp"

namespace loket::kiosk::view {

using namespace voice_view;

namespace {

std::string category_name(const Frame& f, const std::string& id) {
    if (const auto& setup = f.m.complaint_setup())
        for (const ComplaintCategory& c : setup->categories)
            if (c.id == id)
                return pick(f.m.lang(), c.name, c.name_en);
    return id;
}

void complaint_category(Frame& f, float y) {
    const float x = kMargin, width = f.w - 2 * kMargin;
    y += progress(f, y, f.t(T::complaint_step, {"1", "4"}), 1, 4);
    y += text_at(ImVec2(x, y), width, f.t(T::complaint_category_question), FontRole::Title,
                 Weight::Bold) +
         32;
    std::vector<Choice> choices;
    for (const ComplaintCategory& c : f.m.complaint_setup()->categories)
        choices.push_back({c.id, pick(f.m.lang(), c.name, c.name_en)});
    choice_grid(f, "category", ImVec2(x, y), ImVec2(width, f.h - kMargin - y), f.portrait ? 2 : 4,
                choices, f.m.complaint().category,
                [](Model& m, const std::string& id) { m.choose_complaint_category(id); });
}

// A typing step: question, hint, the box, a line under it (count or problem), "Lanjut" and
// the keyboard. Portrait: all stacked, keyboard at the bottom; landscape: the keyboard on the
// right as on the permit search.
struct TypingStep {
    std::string step_label;
    std::size_t step = 0;
    std::string question, hint, text, placeholder, under;
    bool under_is_problem = false;
    std::size_t max_length = 0;
    std::string extra_keys;
    float box_h = 300;
    std::function<void(Model&, std::string)> apply;
    std::function<void(Model&)> next;
};

void typing_step(Frame& f, float y, const TypingStep& s) {
    const auto& p = pal();
    const float bottom = f.h - kMargin;
    const float kb_h = keyboard_height();
    const float width = f.w - 2 * kMargin;
    y += progress(f, y, s.step_label, s.step, 4);
    const float left_w = f.portrait ? width : f.w - 2 * kMargin - 48 - 1100;
    const float x = kMargin;
    y += text_at(ImVec2(x, y), left_w, s.question, FontRole::Title, Weight::Bold) + 8;
    if (!s.hint.empty())
        y += text_at(ImVec2(x, y), left_w, s.hint, FontRole::Body, Weight::Regular, p.text_muted) +
             20;
    const float next_h = 140;
    // The box takes what is left between the question and the line, button (and keyboard).
    const float below =
        line_height(FontRole::Body) + 16 + next_h + 24 + (f.portrait ? kb_h + 32 : 0);
    const float box_h = std::max(130.0f, std::min(s.box_h, bottom - below - y));
    text_area(s.text, s.placeholder, ImVec2(x, y), ImVec2(left_w, box_h),
              f.portrait ? FontRole::Title : FontRole::Body);
    y += box_h + 12;
    y += text_at(ImVec2(x, y), left_w, s.under, FontRole::Body,
                 s.under_is_problem ? Weight::Bold : Weight::Regular,
                 s.under_is_problem ? kDangerFg : p.text_muted, Align::left) +
         16;
    const float bw = std::min(left_w, 520.0f);
    if (wide_button("##next", f.t(T::next), ImVec2(x + left_w - bw, y), bw, next_h, primary_tile()))
        f.act([&m = f.m, next = s.next] { next(m); });
    if (f.portrait) {
        keyboard(f, ImVec2(kMargin, bottom - kb_h), width, s.text, s.max_length, s.extra_keys,
                 s.apply);
    } else {
        const float kx = kMargin + left_w + 48;
        keyboard(f, ImVec2(kx, bottom - kb_h), f.w - kMargin - kx, s.text, s.max_length,
                 s.extra_keys, s.apply);
    }
}

void complaint_text(Frame& f, float y) {
    const ComplaintFlow& c = f.m.complaint();
    TypingStep s;
    s.step_label = f.t(T::complaint_step, {"2", "4"}) + " \u00b7 " + category_name(f, c.category);
    s.step = 2;
    s.question = f.t(T::complaint_text_question);
    s.hint = f.t(T::complaint_text_hint);
    s.text = c.text;
    s.placeholder = f.t(T::complaint_text_placeholder);
    s.under_is_problem = c.text_too_short;
    s.under = c.text_too_short
                  ? f.t(T::complaint_text_too_short, {std::to_string(complaint_text_min())})
                  : f.t(T::complaint_text_count, {std::to_string(text_length(c.text)),
                                                  std::to_string(complaint_text_max())});
    s.max_length = complaint_text_max();
    s.extra_keys = ".,?";
    s.box_h = f.portrait ? 640 : 520;
    s.apply = [](Model& m, std::string t) { m.set_complaint_text(std::move(t)); };
    s.next = [](Model& m) { m.confirm_complaint_text(); };
    typing_step(f, y, s);
}

void complaint_personal(Frame& f, float y, bool name) {
    const ComplaintFlow& c = f.m.complaint();
    TypingStep s;
    s.step_label = f.t(T::complaint_step, {"3", "4"});
    s.step = 3;
    s.question = f.t(name ? T::complaint_name_question : T::complaint_contact_question);
    s.text = name ? c.name : c.contact;
    s.under = f.t(T::complaint_text_count,
                  {std::to_string(text_length(s.text)), std::to_string(complaint_personal_max())});
    s.max_length = complaint_personal_max();
    // An e-mail address needs '@' and '.'; a phone number only the digits row.
    s.extra_keys = name ? ".'" : "@._";
    s.box_h = 150;
    if (name) {
        s.apply = [](Model& m, std::string t) { m.set_complaint_name(std::move(t)); };
        s.next = [](Model& m) { m.confirm_complaint_name(); };
    } else {
        s.apply = [](Model& m, std::string t) { m.set_complaint_contact(std::move(t)); };
        s.next = [](Model& m) { m.confirm_complaint_contact(); };
    }
    typing_step(f, y, s);
}

void complaint_consent(Frame& f, float y) {
    const float x = kMargin, width = f.w - 2 * kMargin;
    y += progress(f, y, f.t(T::complaint_step, {"3", "4"}), 3, 4);
    y += text_at(ImVec2(x, y), width, f.t(T::complaint_consent_question), FontRole::Title,
                 Weight::Bold) +
         32;
    // Anonymous first and filled: it is the default, and it asks nothing more.
    const float tw = f.portrait ? width : (width - kGap) / 2;
    const float th = f.portrait ? 440 : 420;
    TileStyle anonymous = primary_tile();
    anonymous.align = Align::left;
    if (tile("##anonymous", f.t(T::complaint_anonymous), ImVec2(x, y), ImVec2(tw, th),
             {{std::string(f.t(T::complaint_anonymous)), FontRole::Title, Weight::Bold},
              {std::string(f.t(T::complaint_anonymous_hint)), FontRole::Body}},
             anonymous))
        f.act([&m = f.m] { m.choose_anonymous(); });
    TileStyle consent = secondary_tile();
    consent.align = Align::left;
    const ImVec2 at = f.portrait ? ImVec2(x, y + th + kGap) : ImVec2(x + tw + kGap, y);
    // The office's own retention of the name and contact (90 days until the server says).
    const std::string days =
        std::to_string(f.m.complaint_setup() ? f.m.complaint_setup()->contact_retention_days : 90);
    if (tile("##consent", f.t(T::complaint_consent), at, ImVec2(tw, th),
             {{std::string(f.t(T::complaint_consent)), FontRole::Title, Weight::Bold},
              {f.t(T::complaint_consent_hint, {days}), FontRole::Body}},
             consent))
        f.act([&m = f.m] { m.choose_consent(); });
}

void complaint_confirm(Frame& f, float y) {
    const auto& p = pal();
    const ComplaintFlow& c = f.m.complaint();
    const float x = kMargin, width = f.w - 2 * kMargin, bottom = f.h - kMargin;
    y += progress(f, y, f.t(T::complaint_step, {"4", "4"}), 4, 4);
    y += text_at(ImVec2(x, y), width, f.t(T::complaint_confirm_title), FontRole::Title,
                 Weight::Bold) +
         24;
    const ComplaintSubmission sent = complaint_submission(c);
    std::string sender;
    if (!sent.consent) {
        sender = f.t(T::complaint_sender_anonymous);
    } else {
        sender = sent.name;
        if (!sent.contact.empty())
            sender += (sender.empty() ? "" : " \u00b7 ") + sent.contact;
    }
    const float button_h = f.portrait ? 160 : 140;
    const float inner = width - 72;  // the panel's padding
    const std::vector<Line> head = {
        {std::string(f.t(T::complaint_category_label)) + ": " + category_name(f, c.category),
         FontRole::Body, Weight::Bold},
        {std::string(f.t(T::complaint_sender_label)) + ": " + sender, FontRole::Body, Weight::Bold},
        {std::string(f.t(T::complaint_text_label)) + ":", FontRole::Body, Weight::Regular,
         p.text_muted}};
    // The text as typed, cut with "…" to the rows left above the button.
    const float room = bottom - button_h - 32 - y - 2 * 28 - lines_height(head, inner) - 10;
    const std::size_t rows =
        std::max<std::size_t>(1, std::size_t(room / line_height(FontRole::Body)));
    std::vector<Line> lines = head;
    lines.push_back(
        {clip_rows(sent.text, FontRole::Body, Weight::Regular, inner, rows), FontRole::Body});
    y += panel(ImVec2(x, y), width, lines, p.panel, p.text) + 32;
    if (wide_button("##submit", f.t(T::complaint_submit), ImVec2(x, std::min(y, bottom - button_h)),
                    width, button_h, primary_tile()))
        f.act([&m = f.m] { m.submit_complaint(); });
}

// The tracking number as large as the width allows, in a bordered box (read, written down,
// typed), and what to keep it for; returns the y below.
float tracking_number_box(Frame& f, const ComplaintFiled& filed, float x, float y, float left_w) {
    const auto& p = pal();
    const Language lang = f.m.lang();
    ImFont* huge = ui::font(FontRole::Huge, Weight::Bold);
    const std::string& number = filed.tracking_number;
    const float natural = huge->CalcTextSizeA(huge->FontSize, FLT_MAX, 0, number.c_str()).x;
    const float size = std::min(huge->FontSize, huge->FontSize * (left_w - 80) / natural);
    const float box_h = size * 1.25f + line_height(FontRole::Body) + 60;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRect(ImVec2(x, y), ImVec2(x + left_w, y + box_h), p.primary, 18.0f, 0, 5.0f);
    text_at(ImVec2(x, y + 20), left_w, f.t(T::complaint_tracking_label), FontRole::Body,
            Weight::Bold, p.text_muted, Align::center);
    const float nw = huge->CalcTextSizeA(size, FLT_MAX, 0, number.c_str()).x;
    dl->AddText(huge, size,
                ImVec2(std::round(x + (left_w - nw) * 0.5f),
                       std::round(y + 30 + line_height(FontRole::Body))),
                p.text, number.c_str());
    ui::record_text(number);
    y += box_h + 24;
    std::vector<Line> info = {
        {std::string(f.t(T::complaint_keep_number)), FontRole::Body, Weight::Bold}};
    if (!filed.due_on.empty())
        info.push_back(
            {f.t(T::complaint_due, {format_iso_date(lang, filed.due_on)}), FontRole::Body});
    y += draw_lines(dl, ImVec2(x, y), left_w, info, Align::left, p.text) + 28;
    return y;
}

// Where to follow the complaint (the tracking page, LAPOR!), when there is somewhere; returns
// the y below.
float follow_panel(Frame& f, float rx, float ry, float rw) {
    const auto& p = pal();
    std::vector<Line> follow;
    const std::string url = f.m.complaint_tracking_url();
    if (!url.empty()) {
        follow.push_back({std::string(f.t(T::complaint_follow)), FontRole::Body, Weight::Bold});
        follow.push_back({url, FontRole::Body, Weight::Regular, p.primary});
    }
    if (const auto& setup = f.m.complaint_setup()) {
        const std::string& lapor = pick(f.m.lang(), setup->lapor_text, setup->lapor_text_en);
        if (!lapor.empty())
            follow.push_back({lapor, FontRole::Body});
    }
    if (!follow.empty())
        ry += panel(ImVec2(rx, ry), rw, follow, p.panel, p.text) + 24;
    return ry;
}

// How the slip's printing went; returns the y below.
float slip_panel(Frame& f, const ComplaintFlow& c, float rx, float ry, float rw) {
    const auto& p = pal();
    std::vector<Line> print;
    ImU32 bg = p.panel, fg = p.text;
    const std::string& msg = f.m.lang() == Language::English ? c.print_en : c.print_id;
    switch (c.print_state) {
        case PrintState::none:
        case PrintState::printing:
            print.push_back({std::string(f.t(T::slip_printing)), FontRole::Body, Weight::Bold});
            break;
        case PrintState::printed:
        case PrintState::printed_with_warning:
            bg = kOkBg, fg = kOkFg;
            print.push_back({std::string(f.t(T::slip_printed)), FontRole::Body, Weight::Bold});
            if (c.print_state == PrintState::printed_with_warning)
                print.push_back({msg, FontRole::Small});
            break;
        case PrintState::failed:
            bg = kDangerBg, fg = kDangerFg;
            print.push_back({f.t(T::slip_print_failed, {msg}), FontRole::Body, Weight::Bold});
            break;
        case PrintState::no_printer:
            bg = kWarnBg, fg = kWarnFg;
            print.push_back({std::string(f.t(T::slip_no_printer)), FontRole::Body, Weight::Bold});
            break;
    }
    ry += panel(ImVec2(rx, ry), rw, print, bg, fg, Align::center) + 32;
    return ry;
}

void complaint_filed(Frame& f, float y) {
    const ComplaintFlow& c = f.m.complaint();
    const ComplaintFiled& filed = *c.filed;
    const float x = kMargin, width = f.w - 2 * kMargin, bottom = f.h - kMargin;
    const float left_w = f.portrait ? width : (width - 48) * 0.55f;
    const float top = y;
    y += text_at(ImVec2(x, y), left_w, f.t(T::complaint_filed_title), FontRole::Title, Weight::Bold,
                 kOkFg) +
         24;
    y = tracking_number_box(f, filed, x, y, left_w);

    // Where to follow it, and the print.
    float ry = f.portrait ? y : top;  // landscape: the right column
    const float rx = f.portrait ? x : x + left_w + 48,
                rw = f.portrait ? width : width - left_w - 48;
    ry = follow_panel(f, rx, ry, rw);
    ry = slip_panel(f, c, rx, ry, rw);
    const float bh = 150;
    if (wide_button("##done", f.t(T::done), ImVec2(rx, std::max(ry, bottom - bh)), rw, bh,
                    primary_tile()))
        f.act([&m = f.m] { m.finish(); });
}

}  // namespace

void draw_complaint(Frame& f) {
    const ComplaintFlow& c = f.m.complaint();
    // No way back once filed: the header's back would only leave; "Selesai" says it.
    float y = header(f, f.t(T::complaint_title), c.step != ComplaintStep::filed);
    y += offline_banner(f, y) + 32;
    switch (c.step) {
        case ComplaintStep::loading:
            waiting(f, y, f.t(T::complaint_loading));
            return;
        case ComplaintStep::category:
            if (f.m.complaint_setup())
                complaint_category(f, y);
            return;
        case ComplaintStep::text:
            complaint_text(f, y);
            return;
        case ComplaintStep::consent:
            complaint_consent(f, y);
            return;
        case ComplaintStep::name:
            complaint_personal(f, y, true);
            return;
        case ComplaintStep::contact:
            complaint_personal(f, y, false);
            return;
        case ComplaintStep::confirm:
            complaint_confirm(f, y);
            return;
        case ComplaintStep::sending:
            waiting(f, y, f.t(T::complaint_sending));
            return;
        case ComplaintStep::filed:
            if (c.filed)
                complaint_filed(f, y);
            return;
        case ComplaintStep::problem:
            problem_screen(f, y,
                           f.t(c.failed_at == ComplaintStep::loading ? T::complaint_load_problem
                                                                     : T::complaint_send_problem),
                           c.problem, "", [](Model& m) { m.retry_complaint(); });
            return;
    }
}

}  // namespace loket::kiosk::view
