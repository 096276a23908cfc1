// The applicants' voice on screen: the pieces the survey (view_survey.cpp) and complaint
// (view_complaint.cpp) screens share, and the start screen's survey and complaint entries and the
// published IKM. Decisions are the model's (voice.cpp); this file only draws and forwards taps.
#include "view_voice.hpp"

#include <algorithm>
#include <cmath>

#include "format.hpp"

namespace loket::kiosk::view {

namespace voice_view {

const std::string& pick(Language lang, const std::string& id, const std::string& en) {
    return lang == Language::English && !en.empty() ? en : id;
}

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

void choice_grid(Frame& f, const char* prefix, ImVec2 pos, ImVec2 size, int columns,
                 const std::vector<Choice>& choices, const std::string& chosen,
                 const std::function<void(Model&, const std::string&)>& on_tap, float max_tile_h) {
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

bool wide_button(const char* id, std::string_view label, ImVec2 pos, float width, float height,
                 const TileStyle& style) {
    return tile(id, label, pos, ImVec2(width, height),
                {{std::string(label), FontRole::Title, Weight::Bold}}, style);
}

void text_area(std::string_view text, std::string_view placeholder, ImVec2 a, ImVec2 size,
               FontRole role) {
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

float keyboard_height() {
    return 5 * kKeyHeight + 4 * 10;
}

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

void waiting(Frame& f, float y, std::string_view text) {
    const auto& p = pal();
    panel(ImVec2(kMargin, std::max(y + 80, f.h * 0.3f)), f.w - 2 * kMargin,
          {{std::string(text), FontRole::Title, Weight::Bold}}, p.panel, p.text, Align::center);
}

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

}  // namespace voice_view

using namespace voice_view;

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

}  // namespace loket::kiosk::view
