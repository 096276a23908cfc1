// The survey on screen: one element per screen, the profile (age, choices), the service, thanks.
// Decisions are the model's (voice.cpp); this file only draws and forwards taps.
#include <algorithm>
#include <cmath>

#include "format.hpp"
#include "view_voice.hpp"

namespace loket::kiosk::view {

using namespace voice_view;

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

}  // namespace loket::kiosk::view
