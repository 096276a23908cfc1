// The applicants' voice on screen: the start screen's survey and complaint entries and the
// published IKM, the survey (one element per screen, the profile, the service) and the
// complaint intake (category, text, consent, name, contact, confirmation, tracking number).
// Decisions are the model's (voice.cpp); this file only draws and forwards taps.
#include <algorithm>
#include <cmath>

#include "format.hpp"
#include "view_common.hpp"

namespace loket::kiosk::view {
namespace {

const ui::Palette& pal() {
    return ui::palette();
}

const std::string& pick(Language lang, const std::string& id, const std::string& en) {
    return lang == Language::English && !en.empty() ? en : id;
}

// The first `max_rows` rows of text wrapped at width; the last ends in "…" when cut.
std::string clip_rows(std::string_view text, FontRole role, Weight weight, float width,
                      std::size_t max_rows) {
    const auto rows = wrap(text, role, weight, width);
    std::string out;
    for (std::size_t i = 0; i < rows.size() && i < max_rows; ++i) {
        std::string row(rows[i]);
        if (i + 1 == max_rows && rows.size() > max_rows) {
            // Room for the ellipsis: drop the last word.
            const auto space = row.find_last_of(' ');
            row = (space == std::string::npos ? row : row.substr(0, space)) + "\u2026";
        }
        out += (out.empty() ? "" : "\n") + row;
    }
    return out;
}

// A filled panel of lines; returns its height (measure_only: nothing drawn).
float panel(ImVec2 pos, float width, const std::vector<Line>& lines, ImU32 bg, ImU32 fg,
            Align align = Align::left, bool measure_only = false) {
    const ImVec2 pad(36, 28);
    const float h = lines_height(lines, width - 2 * pad.x) + 2 * pad.y;
    if (!measure_only) {
        fill(pos, ImVec2(pos.x + width, pos.y + h), bg);
        draw_lines(ImGui::GetWindowDrawList(), ImVec2(pos.x + pad.x, pos.y + pad.y),
                   width - 2 * pad.x, lines, align, fg);
    }
    return h;
}

// The band under the header: where the applicant is ("Pertanyaan 3 dari 9") and a bar of
// `total` segments, `done` of them filled. Returns the height used.
float progress(Frame& f, float y, const std::string& label, std::size_t done, std::size_t total) {
    const auto& p = pal();
    const float x = kMargin, width = f.w - 2 * kMargin;
    float h = text_at(ImVec2(x, y), width, label, FontRole::Body, Weight::Bold, p.text_muted);
    h += 12;
    const float bar_h = 16;
    const float seg = (width - float(total - 1) * 8) / float(std::max<std::size_t>(total, 1));
    for (std::size_t i = 0; i < total; ++i) {
        const float sx = x + float(i) * (seg + 8);
        fill(ImVec2(sx, y + h), ImVec2(sx + seg, y + h + bar_h), i < done ? p.primary : p.border,
             6);
    }
    return h + bar_h + 28;
}

// A grid of choices, `columns` wide, filling pos..pos+size; the chosen one is filled.
struct Choice {
    std::string id;
    std::string label;
};
void choice_grid(Frame& f, const char* prefix, ImVec2 pos, ImVec2 size, int columns,
                 const std::vector<Choice>& choices, const std::string& chosen,
                 const std::function<void(Model&, const std::string&)>& on_tap,
                 float max_tile_h = 240) {
    if (choices.empty())
        return;
    const int rows = int((choices.size() + std::size_t(columns) - 1) / std::size_t(columns));
    const float tw = (size.x - kGap * float(columns - 1)) / float(columns);
    const float th =
        std::min(max_tile_h, (size.y - kGap * float(rows - 1)) / float(std::max(rows, 1)));
    std::vector<std::vector<Line>> texts;
    for (const Choice& c : choices)
        texts.push_back({{c.label, FontRole::Title, Weight::Bold}});
    TileStyle base = secondary_tile();
    fit_group(texts, tw - 2 * base.pad.x, th - 2 * base.pad.y);
    for (std::size_t i = 0; i < choices.size(); ++i) {
        const ImVec2 at(pos.x + float(int(i) % columns) * (tw + kGap),
                        pos.y + float(int(i) / columns) * (th + kGap));
        const TileStyle style = choices[i].id == chosen ? primary_tile() : secondary_tile();
        const std::string id = std::string("##") + prefix + "-" + choices[i].id;
        if (tile(id.c_str(), choices[i].label, at, ImVec2(tw, th), texts[i], style))
            f.act([&m = f.m, on_tap, cid = choices[i].id] { on_tap(m, cid); });
    }
}

// A big button across `width`; returns true when tapped.
bool wide_button(const char* id, std::string_view label, ImVec2 pos, float width, float height,
                 const TileStyle& style) {
    return tile(id, label, pos, ImVec2(width, height),
                {{std::string(label), FontRole::Title, Weight::Bold}}, style);
}

// The text typed so far in an outlined box: wrapped, the last lines in view, a caret at the
// end; the placeholder in muted colour while empty.
void text_area(std::string_view text, std::string_view placeholder, ImVec2 a, ImVec2 size,
               FontRole role = FontRole::Title) {
    const auto& p = pal();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 b(a.x + size.x, a.y + size.y);
    dl->AddRect(a, b, p.primary, 14.0f, 0, 4.0f);
    const ImVec2 pad(28, 20);
    const float inner = size.x - 2 * pad.x;
    const float lh = line_height(role);
    const std::size_t fits = std::max<std::size_t>(1, std::size_t((size.y - 2 * pad.y) / lh));
    ImFont* font = ui::font(role);
    if (text.empty()) {
        text_at(ImVec2(a.x + pad.x, a.y + pad.y), inner, placeholder, role, Weight::Regular,
                p.text_muted);
        dl->AddRectFilled(ImVec2(a.x + pad.x, a.y + pad.y + 6),
                          ImVec2(a.x + pad.x + 5, a.y + pad.y + lh - 6), p.primary);
        return;
    }
    const auto rows = wrap(text, role, Weight::Regular, inner - 12);
    const std::size_t first = rows.size() > fits ? rows.size() - fits : 0;
    float y = a.y + pad.y;
    float caret_x = a.x + pad.x;
    for (std::size_t i = first; i < rows.size(); ++i) {
        dl->AddText(font, font->FontSize, ImVec2(a.x + pad.x, y + (lh - font->FontSize) * 0.5f),
                    p.text, rows[i].data(), rows[i].data() + rows[i].size());
        caret_x = a.x + pad.x +
                  font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, rows[i].data(),
                                      rows[i].data() + rows[i].size())
                      .x;
        if (i + 1 < rows.size())
            y += lh;
    }
    if (!text.empty() && text.back() == ' ')
        caret_x += font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, " ").x;
    dl->AddRectFilled(ImVec2(caret_x + 4, y + 6), ImVec2(caret_x + 9, y + lh - 6), p.primary);
    ui::record_text(text);
}

constexpr float kKeyHeight = 112.0f;
float keyboard_height() {
    return 5 * kKeyHeight + 4 * 10;
}

// The on-screen keyboard editing `text`; `apply` hands the edit to the model.
void keyboard(Frame& f, ImVec2 pos, float width, const std::string& text, std::size_t max_length,
              const std::string& extra_keys,
              const std::function<void(Model&, std::string)>& apply) {
    ui::KeyboardOptions keys;
    keys.max_length = max_length;
    keys.key_height = kKeyHeight;
    keys.backspace_label = std::string(f.t(T::key_backspace));
    keys.clear_label = std::string(f.t(T::key_clear));
    keys.space_label = std::string(f.t(T::key_space));
    keys.extra_keys = extra_keys;
    begin_region("##keyboard", pos, ImVec2(width, keyboard_height()));
    std::string edited = text;
    ImGui::PushStyleVar(ImGuiStyleVar_FrameRounding, 0.0f);  // square keys: cheap to draw
    const bool typed = ui::onscreen_keyboard("kbd", edited, keys);
    ImGui::PopStyleVar();
    if (typed)
        f.act([&m = f.m, apply, edited] { apply(m, edited); });
    ImGui::EndChild();
}

// A screen that only says one thing (loading, sending): a panel in the middle.
void waiting(Frame& f, float y, std::string_view text) {
    const auto& p = pal();
    panel(ImVec2(kMargin, std::max(y + 80, f.h * 0.3f)), f.w - 2 * kMargin,
          {{std::string(text), FontRole::Title, Weight::Bold}}, p.panel, p.text, Align::center);
}

// A failed load or send: what went wrong, then "Coba Lagi" and "Kembali ke Awal".
void problem_screen(Frame& f, float y, std::string_view title, const VoiceProblem& problem,
                    std::string_view note, const std::function<void(Model&)>& retry) {
    const float width = f.w - 2 * kMargin;
    std::vector<Line> lines = {{std::string(title), FontRole::Title, Weight::Bold},
                               {problem_text(f.m.lang(), problem), FontRole::Body}};
    if (!note.empty())
        lines.push_back({std::string(note), FontRole::Body});
    y += 60;
    y += panel(ImVec2(kMargin, y), width, lines, kWarnBg, kWarnFg, Align::center) + 48;
    const float bw = f.portrait ? width : (width - kGap) / 2, bh = 150;
    if (wide_button("##retry", f.t(T::try_again), ImVec2(kMargin, y), bw, bh, primary_tile()))
        f.act([&m = f.m, retry] { retry(m); });
    const ImVec2 home =
        f.portrait ? ImVec2(kMargin, y + bh + kGap) : ImVec2(kMargin + bw + kGap, y);
    if (wide_button("##home", f.t(T::back_to_start), home, bw, bh, secondary_tile()))
        f.act([&m = f.m] { m.go_home(); });
}

}  // namespace

// ---- Start screen --------------------------------------------------------------------------

void survey_tile(Frame& f, ImVec2 pos, ImVec2 size) {
    TileStyle s = secondary_tile();
    s.enabled = f.m.online();
    if (tile("##survey", f.t(T::survey_tile), pos, size,
             {{std::string(f.t(T::survey_tile)), entry_title_role(size), Weight::Bold},
              {std::string(f.t(T::survey_tile_hint)), FontRole::Body}},
             s))
        f.act([&m = f.m] { m.open_survey(); });
}

void complaint_tile(Frame& f, ImVec2 pos, ImVec2 size) {
    TileStyle s = secondary_tile();
    s.enabled = f.m.online();
    if (tile("##complaint", f.t(T::complaint_tile), pos, size,
             {{std::string(f.t(T::complaint_tile)), entry_title_role(size), Weight::Bold},
              {std::string(f.t(T::complaint_tile_hint)), FontRole::Body}},
             s))
        f.act([&m = f.m] { m.open_complaint(); });
}

float publication_panel(Frame& f, ImVec2 pos, float width, int maklumat_lines, bool measure_only) {
    if (!f.m.publication_shown())
        return 0;
    const auto& p = pal();
    const Language lang = f.m.lang();
    const Publication& pub = *f.m.publication();
    // Two columns: the index on the left, the pledge on the right (a start screen has room
    // for a few lines only; the pledge is cut with "…" beyond them).
    const ImVec2 pad(32, 22);
    const float inner = width - 2 * pad.x, col_gap = 36;
    const std::string& maklumat = pick(lang, pub.maklumat, pub.maklumat_en);
    const float left_w = maklumat.empty() ? inner : std::round(inner * 0.4f);
    const float right_w = inner - left_w - col_gap;
    const std::string& period = pick(lang, pub.period_name, pub.period_name_en);
    std::vector<Line> left = {
        {std::string(f.t(T::publication_title)), FontRole::Small, Weight::Bold, p.text}};
    if (pub.ikm) {
        left.push_back({f.t(T::publication_ikm, {format_ikm(lang, *pub.ikm)}), FontRole::Title,
                        Weight::Bold, p.primary});
        left.push_back(
            {f.t(T::publication_grade, {pub.grade, pick(lang, pub.grade_name, pub.grade_name_en)}),
             FontRole::Body, Weight::Bold, p.primary});
        left.push_back({f.t(T::publication_period, {period, std::to_string(pub.respondents)}),
                        FontRole::Small, Weight::Regular, p.text_muted});
    } else {
        left.push_back({f.t(T::publication_no_index, {period}), FontRole::Body});
    }
    std::vector<Line> right;
    if (!maklumat.empty()) {
        right.push_back({std::string(f.t(T::maklumat_title)), FontRole::Small, Weight::Bold});
        right.push_back({clip_rows(maklumat, FontRole::Body, Weight::Regular, right_w,
                                   std::size_t(std::max(1, maklumat_lines))),
                         FontRole::Body});
    }
    const float h =
        std::max(lines_height(left, left_w), right.empty() ? 0.0f : lines_height(right, right_w)) +
        2 * pad.y;
    if (!measure_only) {
        ImDrawList* dl = ImGui::GetWindowDrawList();
        fill(pos, ImVec2(pos.x + width, pos.y + h), p.panel, 16);
        draw_lines(dl, ImVec2(pos.x + pad.x, pos.y + pad.y), left_w, left, Align::left, p.text);
        if (!right.empty()) {
            const float rx = pos.x + pad.x + left_w + col_gap;
            dl->AddRectFilled(ImVec2(rx - col_gap * 0.5f - 1, pos.y + pad.y),
                              ImVec2(rx - col_gap * 0.5f + 1, pos.y + h - pad.y), p.border);
            draw_lines(dl, ImVec2(rx, pos.y + pad.y), right_w, right, Align::left, p.text);
        }
    }
    return h;
}

// ---- Survey ----------------------------------------------------------------------------------

namespace {

void survey_element(Frame& f, float y, const Questionnaire& q) {
    const Language lang = f.m.lang();
    const SurveyFlow& s = f.m.survey();
    const SurveyElement& e = q.elements[s.element];
    const float x = kMargin, width = f.w - 2 * kMargin, bottom = f.h - kMargin;
    y += progress(f, y,
                  f.t(T::survey_progress,
                      {std::to_string(s.element + 1), std::to_string(q.elements.size())}) +
                      " \u00b7 " + pick(lang, e.name, e.name_en),
                  s.element + 1, q.elements.size());
    y += text_at(ImVec2(x, y), width, pick(lang, e.question, e.question_en), FontRole::Title,
                 Weight::Bold) +
         36;
    const float note_h = line_height(FontRole::Body);
    const float room = bottom - note_h - 24 - y;
    const int chosen = s.scores[s.element];
    std::vector<std::vector<Line>> texts;
    for (const SurveyAnswer& a : e.answers)
        texts.push_back({{pick(lang, a.label, a.label_en), FontRole::Title, Weight::Bold}});
    // Portrait: the four answers stacked, worst first as on the form; landscape: in a row.
    const int columns = f.portrait ? 1 : 4;
    const float tw = (width - kGap * float(columns - 1)) / float(columns);
    const int rows = 4 / columns;
    const float th =
        std::min(f.portrait ? 210.0f : 320.0f, (room - kGap * float(rows - 1)) / float(rows));
    fit_group(texts, tw - 56, th - 40);
    for (std::size_t i = 0; i < e.answers.size(); ++i) {
        const SurveyAnswer& a = e.answers[i];
        const ImVec2 at(x + float(int(i) % columns) * (tw + kGap),
                        y + float(int(i) / columns) * (th + kGap));
        const std::string id = "##answer-" + std::to_string(a.score);
        if (tile(id.c_str(), pick(lang, a.label, a.label_en), at, ImVec2(tw, th), texts[i],
                 a.score == chosen ? primary_tile() : secondary_tile()))
            f.act([&m = f.m, score = a.score] { m.answer_element(score); });
    }
    text_at(ImVec2(x, bottom - note_h), width, f.t(T::survey_anonymous_note), FontRole::Body,
            Weight::Regular, pal().text_muted, Align::center);
}

void survey_age(Frame& f, float y, const Questionnaire& q) {
    const auto& p = pal();
    const Language lang = f.m.lang();
    const SurveyFlow& s = f.m.survey();
    const float x = kMargin, width = f.w - 2 * kMargin;
    const std::string lo = std::to_string(q.age_min), hi = std::to_string(q.age_max);
    const std::string& unit = pick(lang, q.age_unit, q.age_unit_en);
    y += progress(f, y, f.t(T::survey_profile_progress, {"1", "5"}), 1, 5);
    // Landscape: the question and the field on the left, the keypad on the right.
    const float left_w = f.portrait ? width : 820;
    float ly = y;
    ly += text_at(ImVec2(x, ly), left_w, pick(lang, q.age_label, q.age_label_en), FontRole::Title,
                  Weight::Bold) +
          8;
    ly += text_at(ImVec2(x, ly), left_w, f.t(T::survey_age_hint, {lo, hi, unit}), FontRole::Body,
                  Weight::Regular, p.text_muted) +
          24;
    const float field_w = std::min(left_w, 520.0f), field_h = 150;
    text_area(s.age.empty() ? "" : s.age + " " + unit, "", ImVec2(x, ly), ImVec2(field_w, field_h),
              FontRole::Title);
    ly += field_h + 20;
    if (s.age_invalid)
        ly += panel(ImVec2(x, ly), left_w,
                    {{f.t(T::survey_age_invalid, {lo, hi, unit}), FontRole::Body, Weight::Bold}},
                    kDangerBg, kDangerFg) +
              20;

    // 1 2 3 / 4 5 6 / 7 8 9 / Hapus 0 Lanjut, large.
    const float kx = f.portrait ? x : x + left_w + 80;
    const float kw_all = f.portrait ? width : f.w - kMargin - kx;
    const float key_w = (kw_all - 2 * kGap) / 3;
    const float bottom = f.h - kMargin;
    const float key_h = f.portrait ? 170 : std::min(185.0f, (bottom - y - 3 * kGap) / 4);
    const float ky = f.portrait ? bottom - 4 * key_h - 3 * kGap : y;
    TileStyle key = secondary_tile();
    key.rounding = 0;
    static constexpr const char* kDigits[] = {"1", "2", "3", "4", "5", "6", "7", "8", "9"};
    for (int i = 0; i < 9; ++i) {
        const ImVec2 at(kx + float(i % 3) * (key_w + kGap), ky + float(i / 3) * (key_h + kGap));
        const std::string id = std::string("##digit-") + kDigits[i];
        if (tile(id.c_str(), kDigits[i], at, ImVec2(key_w, key_h),
                 {{kDigits[i], FontRole::Title, Weight::Bold}}, key))
            f.act([&m = f.m, next = s.age + kDigits[i]] { m.set_survey_age(next); });
    }
    const float row4 = ky + 3 * (key_h + kGap);
    const std::string del(f.t(T::key_backspace));
    if (tile("##digit-delete", del, ImVec2(kx, row4), ImVec2(key_w, key_h),
             {{del, FontRole::Body, Weight::Bold}}, key))
        f.act([&m = f.m, next = s.age.substr(0, s.age.empty() ? 0 : s.age.size() - 1)] {
            m.set_survey_age(next);
        });
    if (tile("##digit-0", "0", ImVec2(kx + key_w + kGap, row4), ImVec2(key_w, key_h),
             {{"0", FontRole::Title, Weight::Bold}}, key))
        f.act([&m = f.m, next = s.age + "0"] { m.set_survey_age(next); });
    TileStyle next = primary_tile();
    next.rounding = 0;
    next.enabled = !s.age.empty();
    const std::string next_label(f.t(T::next));
    if (tile("##age-next", next_label, ImVec2(kx + 2 * (key_w + kGap), row4), ImVec2(key_w, key_h),
             {{next_label, FontRole::Title, Weight::Bold}}, next))
        f.act([&m = f.m] { m.confirm_survey_age(); });
}

void survey_choices(Frame& f, float y, const SurveyChoiceList& list, int step,
                    const std::string& chosen) {
    const Language lang = f.m.lang();
    const float x = kMargin, width = f.w - 2 * kMargin;
    y += progress(f, y, f.t(T::survey_profile_progress, {std::to_string(step), "5"}),
                  std::size_t(step), 5);
    y += text_at(ImVec2(x, y), width, pick(lang, list.label, list.label_en), FontRole::Title,
                 Weight::Bold) +
         8;
    y += text_at(ImVec2(x, y), width, f.t(T::survey_choose_hint), FontRole::Body, Weight::Regular,
                 pal().text_muted) +
         32;
    std::vector<Choice> choices;
    for (const SurveyChoice& c : list.options)
        choices.push_back({c.id, pick(lang, c.label, c.label_en)});
    const int columns = f.portrait ? 2 : (choices.size() <= 2 ? 2 : 3);
    choice_grid(f, "choice", ImVec2(x, y), ImVec2(width, f.h - kMargin - y), columns, choices,
                chosen, [](Model& m, const std::string& id) { m.choose_survey_option(id); });
}

void survey_service(Frame& f, float y) {
    const Language lang = f.m.lang();
    const float x = kMargin, width = f.w - 2 * kMargin;
    y += progress(f, y, f.t(T::survey_profile_progress, {"5", "5"}), 5, 5);
    y += text_at(ImVec2(x, y), width, f.t(T::survey_service_question), FontRole::Title,
                 Weight::Bold) +
         8;
    y += text_at(ImVec2(x, y), width, f.t(T::survey_service_hint), FontRole::Body, Weight::Regular,
                 pal().text_muted) +
         32;
    std::vector<Choice> choices;
    for (const ServiceInfo& s : f.m.services())
        choices.push_back({s.id, service_name(lang, s)});
    if (choices.empty()) {
        text_at(ImVec2(x, y), width, f.t(T::loading), FontRole::Body, Weight::Regular);
        return;
    }
    choice_grid(f, "service", ImVec2(x, y), ImVec2(width, f.h - kMargin - y), 2, choices,
                f.m.survey().service,
                [](Model& m, const std::string& id) { m.choose_survey_service(id); });
}

void survey_thanks(Frame& f, float y) {
    const float width = f.w - 2 * kMargin;
    y = std::max(y + 80, f.h * (f.portrait ? 0.25f : 0.2f));
    y += panel(ImVec2(kMargin, y), width,
               {{std::string(f.t(T::survey_thanks_title)), FontRole::Huge, Weight::Bold},
                {std::string(f.t(T::survey_thanks_body)), FontRole::Title}},
               kOkBg, kOkFg, Align::center) +
         60;
    if (wide_button("##done", f.t(T::done), ImVec2(kMargin, y), width, 160, primary_tile()))
        f.act([&m = f.m] { m.finish(); });
}

}  // namespace

void draw_survey(Frame& f) {
    float y = header(f, f.t(T::survey_title), true);
    y += offline_banner(f, y) + 32;
    const SurveyFlow& s = f.m.survey();
    const auto& q = f.m.questionnaire();
    switch (s.step) {
        case SurveyStep::loading:
            waiting(f, y, f.t(T::survey_loading));
            return;
        case SurveyStep::element:
            if (q && s.element < q->elements.size())
                survey_element(f, y, *q);
            return;
        case SurveyStep::age:
            if (q)
                survey_age(f, y, *q);
            return;
        case SurveyStep::sex:
            if (q)
                survey_choices(f, y, q->sex, 2, s.sex);
            return;
        case SurveyStep::education:
            if (q)
                survey_choices(f, y, q->education, 3, s.education);
            return;
        case SurveyStep::occupation:
            if (q)
                survey_choices(f, y, q->occupation, 4, s.occupation);
            return;
        case SurveyStep::service:
            survey_service(f, y);
            return;
        case SurveyStep::sending:
            waiting(f, y, f.t(T::survey_sending));
            return;
        case SurveyStep::thanks:
            survey_thanks(f, y);
            return;
        case SurveyStep::problem:
            problem_screen(f, y,
                           f.t(s.failed_at == SurveyStep::loading ? T::survey_load_problem
                                                                  : T::survey_send_problem),
                           s.problem,
                           s.failed_at == SurveyStep::loading ? "" : f.t(T::survey_not_kept),
                           [](Model& m) { m.retry_survey(); });
            return;
    }
}

// ---- Complaint -------------------------------------------------------------------------------

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

void complaint_filed(Frame& f, float y) {
    const auto& p = pal();
    const Language lang = f.m.lang();
    const ComplaintFlow& c = f.m.complaint();
    const ComplaintFiled& filed = *c.filed;
    const float x = kMargin, width = f.w - 2 * kMargin, bottom = f.h - kMargin;
    const float left_w = f.portrait ? width : (width - 48) * 0.55f;
    const float top = y;
    y += text_at(ImVec2(x, y), left_w, f.t(T::complaint_filed_title), FontRole::Title, Weight::Bold,
                 kOkFg) +
         24;

    // The number: as large as the width allows, in a bordered box (read, written down, typed).
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

    // Where to follow it, and the print.
    float ry = f.portrait ? y : top;  // landscape: the right column
    const float rx = f.portrait ? x : x + left_w + 48,
                rw = f.portrait ? width : width - left_w - 48;
    std::vector<Line> follow;
    const std::string url = f.m.complaint_tracking_url();
    if (!url.empty()) {
        follow.push_back({std::string(f.t(T::complaint_follow)), FontRole::Body, Weight::Bold});
        follow.push_back({url, FontRole::Body, Weight::Regular, p.primary});
    }
    if (const auto& setup = f.m.complaint_setup()) {
        const std::string& lapor = pick(lang, setup->lapor_text, setup->lapor_text_en);
        if (!lapor.empty())
            follow.push_back({lapor, FontRole::Body});
    }
    if (!follow.empty())
        ry += panel(ImVec2(rx, ry), rw, follow, p.panel, p.text) + 24;

    std::vector<Line> print;
    ImU32 bg = p.panel, fg = p.text;
    const std::string& msg = lang == Language::English ? c.print_en : c.print_id;
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
