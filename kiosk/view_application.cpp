// Cek status berkas: the number entry with its keypad, the wait, and the file's status with
// the Pengambilan ticket when it is ready. Decisions are the model's (application_status.cpp).
#include <algorithm>
#include <cmath>

#include "format.hpp"
#include "view_common.hpp"

namespace loket::kiosk::view {
namespace {

// The typed number, large, in an outlined field with a caret; the end stays in view.
float number_field(std::string_view text, ImVec2 a, float w) {
    const auto& p = pal();
    ImFont* font = ui::font(FontRole::Title, Weight::Bold);
    const float size = font->FontSize, pad = 36;
    const float h = size + pad * 2;
    const ImVec2 b(a.x + w, a.y + h);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRect(a, b, p.primary, 14.0f, 0, 4.0f);
    const float tw =
        font->CalcTextSizeA(size, FLT_MAX, 0, text.data(), text.data() + text.size()).x;
    const float room = w - pad * 2 - 12;
    const float x = a.x + pad + std::min(0.0f, room - tw);
    const float y = a.y + (h - size) * 0.5f;
    dl->PushClipRect(ImVec2(a.x + pad, a.y), ImVec2(b.x - pad, b.y), true);
    dl->AddText(font, size, ImVec2(x, y), p.text, text.data(), text.data() + text.size());
    dl->PopClipRect();
    const float caret_x = std::min(x + tw + 6, b.x - pad);
    dl->AddRectFilled(ImVec2(caret_x, y + 8), ImVec2(caret_x + 5, y + size - 8), p.primary);
    ui::record_text(text);
    return h;
}

constexpr float kKeyH = 108;
constexpr float kKeyGap = 10;
constexpr int kKeyRows = 5;

float keypad_height() {
    return kKeyRows * kKeyH + (kKeyRows - 1) * kKeyGap;
}

// Digits first (numbers are mostly digits), capitals for the office code and the Roman month,
// and a wide slash key: the separators are what people unused to keyboards look for longest.
void keypad(Frame& f, ImVec2 pos, float width) {
    static constexpr std::string_view kRows[] = {"1234567890", "QWERTYUIOP", "ASDFGHJKL",
                                                 "ZXCVBNM"};
    const float kw = (width - 9 * kKeyGap) / 10;
    TileStyle key = secondary_tile();
    key.rounding = 0;  // square keys: cheap on the software renderer
    key.pad = ImVec2(4, 4);
    const std::string typed = f.m.status().typed;
    float y = pos.y;
    for (const std::string_view row : kRows) {
        const float row_w = float(row.size()) * kw + float(row.size() - 1) * kKeyGap;
        float x = pos.x + (width - row_w) * 0.5f;
        for (const char c : row) {
            const std::string label(1, c);
            const std::string id = "##key-" + label;
            if (tile(id.c_str(), label, ImVec2(x, y), ImVec2(kw, kKeyH),
                     {{label, FontRole::Title, Weight::Bold}}, key))
                f.act([&m = f.m, next = typed + c] { m.set_status_number(next); });
            x += kw + kKeyGap;
        }
        y += kKeyH + kKeyGap;
    }
    // Bottom row: slash (wide, filled), delete, clear.
    const float slash_w = kw * 4 + kKeyGap * 3;
    const float rest_w = (width - slash_w - 2 * kKeyGap) / 2;
    TileStyle slash = primary_tile();
    slash.rounding = 0;
    slash.pad = key.pad;
    const std::string slash_label(f.t(T::status_key_slash));
    if (tile("##key-slash", slash_label, ImVec2(pos.x, y), ImVec2(slash_w, kKeyH),
             {{slash_label, FontRole::Title, Weight::Bold}}, slash))
        f.act([&m = f.m, next = typed + '/'] { m.set_status_number(next); });
    const std::string del(f.t(T::key_backspace)), clear(f.t(T::key_clear));
    if (tile("##key-delete", del, ImVec2(pos.x + slash_w + kKeyGap, y), ImVec2(rest_w, kKeyH),
             {{del, FontRole::Body, Weight::Bold}}, key))
        f.act([&m = f.m, next = typed.substr(0, typed.empty() ? 0 : typed.size() - 1)] {
            m.set_status_number(next);
        });
    if (tile("##key-clear", clear, ImVec2(pos.x + slash_w + rest_w + 2 * kKeyGap, y),
             ImVec2(rest_w, kKeyH), {{clear, FontRole::Body, Weight::Bold}}, key))
        f.act([&m = f.m] { m.set_status_number(""); });
}

std::string problem_text(const Frame& f) {
    const StatusFlow& s = f.m.status();
    switch (s.problem) {
        case StatusProblem::none:
            return {};
        case StatusProblem::empty:
            return std::string(f.t(T::status_problem_empty));
        case StatusProblem::bad_characters:
            return std::string(f.t(T::status_problem_bad_characters));
        case StatusProblem::too_long:
            return std::string(f.t(T::status_problem_too_long));
        case StatusProblem::no_digits:
            return std::string(f.t(T::status_problem_no_digits));
        case StatusProblem::not_found:
            return f.t(T::status_problem_not_found, {s.code.number});
        case StatusProblem::qr_not_found:
            return std::string(f.t(T::status_problem_qr_not_found));
        case StatusProblem::qr_unrecognized:
            return std::string(f.t(T::status_problem_qr_unrecognized));
        case StatusProblem::offline:
            return std::string(f.t(T::status_problem_offline));
        case StatusProblem::server:
            return std::string(f.t(T::status_problem_server));
        case StatusProblem::not_ready:
            return std::string(f.t(T::status_problem_not_ready));
    }
    return {};
}

// Label, field, example, problem, scan hint and the check button, top-down; returns the bottom.
float entry_column(Frame& f, ImVec2 pos, float width, float button_h, bool scan_hint) {
    const auto& p = pal();
    float y = pos.y;
    y += text_at(ImVec2(pos.x, y), width, f.t(T::status_number_label), FontRole::Body,
                 Weight::Bold) +
         12;
    y += number_field(f.m.status().typed, ImVec2(pos.x, y), width) + 10;
    y += text_at(ImVec2(pos.x, y), width, f.t(T::status_number_example), FontRole::Body,
                 Weight::Regular, p.text_muted) +
         24;
    if (const std::string problem = problem_text(f); !problem.empty())
        y += panel(ImVec2(pos.x, y), width, {{problem, FontRole::Body, Weight::Bold}}, kDangerBg,
                   kDangerFg) +
             24;
    if (tile("##check", f.t(T::status_check_button), ImVec2(pos.x, y), ImVec2(width, button_h),
             {{std::string(f.t(T::status_check_button)), FontRole::Title, Weight::Bold}},
             primary_tile()))
        f.act([&m = f.m] { m.submit_status_number(); });
    y += button_h + 24;
    if (scan_hint)
        y += panel(ImVec2(pos.x, y), width,
                   {{std::string(f.t(T::status_scan_hint)), FontRole::Body}}, p.panel, p.text);
    return y;
}

ImU32 stage_bg(const std::string& code) {
    if (code == "siap_diambil" || code == "selesai" || code == "sudah_diambil")
        return kOkBg;
    if (code == "dikembalikan" || code == "menunggu_pemohon" || code == "ditolak")
        return kWarnBg;
    return pal().panel;
}

ImU32 stage_fg(const std::string& code) {
    if (code == "siap_diambil" || code == "selesai" || code == "sudah_diambil")
        return kOkFg;
    if (code == "dikembalikan" || code == "menunggu_pemohon" || code == "ditolak")
        return kWarnFg;
    return pal().text;
}

// The file: number and permit, stage and due date, what is needed; returns the bottom.
float status_panels(Frame& f, const ApplicationPublic& a, ImVec2 pos, float width) {
    const auto& p = pal();
    const Language lang = f.m.lang();
    float y = pos.y;
    y +=
        panel(ImVec2(pos.x, y), width,
              {{std::string(f.t(T::status_number)), FontRole::Small, Weight::Regular, p.text_muted},
               {a.number, FontRole::Title, Weight::Bold},
               {std::string(f.t(T::status_permit)), FontRole::Small, Weight::Regular, p.text_muted},
               {a.permit_name, FontRole::Body, Weight::Bold}},
              p.panel, p.text) +
        20;
    std::vector<Line> stage = {
        {std::string(f.t(T::status_stage)), FontRole::Small, Weight::Regular},
        {lang == Language::English ? a.stage_text_en : a.stage_text, FontRole::Title,
         Weight::Bold}};
    if (a.due_ms) {
        const int offset = f.m.office() ? f.m.office()->utc_offset_minutes : 0;
        stage.push_back({f.t(T::status_due, {format_date(lang, local_clock_ms(*a.due_ms, offset))}),
                         FontRole::Body, Weight::Bold});
    }
    y += panel(ImVec2(pos.x, y), width, stage, stage_bg(a.stage_code), stage_fg(a.stage_code)) + 20;
    if (!a.needed.empty())
        y += panel(ImVec2(pos.x, y), width,
                   {{std::string(f.t(T::status_needed)), FontRole::Body, Weight::Bold},
                    {a.needed, FontRole::Body}},
                   kWarnBg, kWarnFg) +
             20;
    if (const std::string problem = problem_text(f); !problem.empty())
        y += panel(ImVec2(pos.x, y), width, {{problem, FontRole::Body, Weight::Bold}}, kDangerBg,
                   kDangerFg) +
             20;
    return y;
}

// When the file is ready: the pickup button, or why it cannot be taken here; returns the bottom.
float pickup_block(Frame& f, ImVec2 pos, float width) {
    const StatusFlow& s = f.m.status();
    float y = pos.y;
    if (!s.result || !s.result->ready)
        return y;
    if (s.code.token.empty()) {
        return y + panel(ImVec2(pos.x, y), width,
                         {{std::string(f.t(T::status_ready_title)), FontRole::Title, Weight::Bold},
                          {std::string(f.t(T::status_pickup_needs_scan)), FontRole::Body}},
                         kOkBg, kOkFg);
    }
    TileStyle style = primary_tile();
    style.enabled = f.m.can_take_numbers();
    const float bh = 280;
    if (tile("##pickup", f.t(T::status_take_pickup), ImVec2(pos.x, y), ImVec2(width, bh),
             {{std::string(f.t(T::status_take_pickup)), FontRole::Title, Weight::Bold},
              {std::string(
                   f.t(style.enabled ? T::status_take_pickup_hint : T::status_pickup_closed)),
               FontRole::Body}},
             style))
        f.act([&m = f.m] { m.take_pickup_ticket(); });
    return y + bh;
}

void result_buttons(Frame& f, ImVec2 pos, float width) {
    const float bw = (width - kGap) / 2, bh = 130;
    if (tile("##another", f.t(T::status_check_another), pos, ImVec2(bw, bh),
             {{std::string(f.t(T::status_check_another)), FontRole::Title, Weight::Bold}},
             secondary_tile()))
        f.act([&m = f.m] { m.back(); });
    if (tile("##done", f.t(T::done), ImVec2(pos.x + bw + kGap, pos.y), ImVec2(bw, bh),
             {{std::string(f.t(T::done)), FontRole::Title, Weight::Bold}}, secondary_tile()))
        f.act([&m = f.m] { m.go_home(); });
}

}  // namespace

void draw_status_entry(Frame& f) {
    float y = header(f, f.t(T::status_title), true);
    y += offline_banner(f, y) + 32;
    const float bottom = f.h - kMargin;
    if (f.portrait) {
        const float x = kMargin, width = f.w - 2 * kMargin;
        entry_column(f, ImVec2(x, y), width, 140, true);
        keypad(f, ImVec2(x, bottom - keypad_height()), width);
        return;
    }
    const float kb_w = 1000, left_w = f.w - 2 * kMargin - 48 - kb_w;
    entry_column(f, ImVec2(kMargin, y), left_w, 130, false);
    // The scan hint above the keypad, so a problem message never pushes it off the screen.
    const auto& p = pal();
    panel(ImVec2(f.w - kMargin - kb_w, y), kb_w,
          {{std::string(f.t(T::status_scan_hint)), FontRole::Body}}, p.panel, p.text);
    keypad(f, ImVec2(f.w - kMargin - kb_w, bottom - keypad_height()), kb_w);
}

void draw_status_checking(Frame& f) {
    const float y = header(f, f.t(T::status_title), false);
    const auto& p = pal();
    panel(ImVec2(kMargin, std::max(y + 80, f.h * 0.35f)), f.w - 2 * kMargin,
          {{std::string(f.t(T::status_checking)), FontRole::Title, Weight::Bold},
           {f.m.status().code.number, FontRole::Body}},
          p.panel, p.text, Align::center);
}

void draw_status_result(Frame& f) {
    float y = header(f, f.t(T::status_title), true);
    y += offline_banner(f, y) + 32;
    const auto& result = f.m.status().result;
    if (!result)
        return;
    const float bottom = f.h - kMargin;
    if (f.portrait) {
        const float x = kMargin, width = f.w - 2 * kMargin;
        y = status_panels(f, *result, ImVec2(x, y), width);
        pickup_block(f, ImVec2(x, y + 12), width);
        result_buttons(f, ImVec2(x, bottom - 130), width);
        return;
    }
    const float left_w = 1040, rx = kMargin + left_w + 48, rw = f.w - kMargin - rx;
    status_panels(f, *result, ImVec2(kMargin, y), left_w);
    pickup_block(f, ImVec2(rx, y), rw);
    result_buttons(f, ImVec2(rx, bottom - 130), rw);
}

}  // namespace loket::kiosk::view
