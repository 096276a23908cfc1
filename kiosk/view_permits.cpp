// Permit information, the list: searching by name with the on-screen keyboard, and the screen
// that holds search and browsing (view_permits_browse.cpp).
#include <algorithm>
#include <cmath>

#include "format.hpp"
#include "permit_info.hpp"
#include "view_common.hpp"

namespace loket::kiosk::view {
namespace {

void append_utf8(std::string& s, unsigned c) {
    if (c < 0x80) {
        s += char(c);
    } else if (c < 0x800) {
        s += char(0xC0 | (c >> 6));
        s += char(0x80 | (c & 0x3F));
    } else {
        s += char(0xE0 | (c >> 12));
        s += char(0x80 | ((c >> 6) & 0x3F));
        s += char(0x80 | (c & 0x3F));
    }
}

// Text typed on a hardware keyboard (or by a script's `type`) and Backspace.
bool consume_typed(std::string& query, std::size_t max_length) {
    const ImGuiIO& io = ImGui::GetIO();
    bool changed = false;
    for (const ImWchar c : io.InputQueueCharacters) {
        if (c < 0x20 || c == 0x7F || query.size() >= max_length)
            continue;
        append_utf8(query, c);
        changed = true;
    }
    const int backspace = ImGui::GetKeyIndex(ImGuiKey_Backspace);
    if (backspace >= 0 && ImGui::IsKeyPressed(backspace) && !query.empty()) {
        std::size_t cut = query.size() - 1;
        while (cut > 0 && (static_cast<unsigned char>(query[cut]) & 0xC0) == 0x80)
            --cut;
        query.erase(cut);
        changed = true;
    }
    return changed;
}

constexpr std::size_t kMaxQuery = 40;

// The search text in a large outlined field with a caret at the end (the end stays in view
// when the text is longer than the field); the placeholder in muted colour when empty.
// Returns its height.
float search_field(std::string_view text, std::string_view placeholder, ImVec2 a, float w) {
    const auto& p = pal();
    ImFont* font = ui::font(FontRole::Title);
    const float size = font->FontSize, pad = 24;
    const float h = std::max(ui::kMinTouchSize, size + pad * 2);
    const ImVec2 b(a.x + w, a.y + h);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRect(a, b, p.border, 14.0f, 0, 3.0f);
    const bool empty = text.empty();
    const std::string_view shown = empty ? placeholder : text;
    const float tw =
        font->CalcTextSizeA(size, FLT_MAX, 0, shown.data(), shown.data() + shown.size()).x;
    const float room = w - pad * 2 - 8;
    const float x = a.x + pad + (empty ? 0 : std::min(0.0f, room - tw));
    const float y = a.y + (h - size) * 0.5f;
    dl->PushClipRect(ImVec2(a.x + pad, a.y), ImVec2(b.x - pad, b.y), true);
    dl->AddText(font, size, ImVec2(x, y), empty ? p.text_muted : p.text, shown.data(),
                shown.data() + shown.size());
    dl->PopClipRect();
    const float caret_x = empty ? a.x + pad : std::min(x + tw + 4, b.x - pad);
    dl->AddRectFilled(ImVec2(caret_x, y + 6), ImVec2(caret_x + 4, y + size - 6), p.primary);
    ui::record_text(shown);
    return h;
}

void results_list(Frame& f, ImVec2 pos, ImVec2 size) {
    const auto& p = pal();
    const Language lang = f.m.lang();
    float y = pos.y;
    // One status line above the list.
    switch (f.m.results_state()) {
        case Loading::loading:
            y += text_at(ImVec2(pos.x, y), size.x, f.t(T::loading), FontRole::Body, Weight::Regular,
                         p.text_muted);
            break;
        case Loading::failed: {
            y += text_at(ImVec2(pos.x, y), size.x, f.t(T::search_failed), FontRole::Body,
                         Weight::Bold, kDangerFg) +
                 12;
            if (tile("##retry-search", f.t(T::try_again), ImVec2(pos.x, y), ImVec2(size.x, 110),
                     {{std::string(f.t(T::try_again)), FontRole::Body, Weight::Bold}},
                     primary_tile()))
                f.act([&m = f.m] { m.retry_search(); });
            y += 110;
            break;
        }
        case Loading::idle:
            if (f.m.results().empty() && !f.m.query().empty())
                y += text_at(ImVec2(pos.x, y), size.x, f.t(T::no_results, {f.m.query()}),
                             FontRole::Body, Weight::Bold);
            else if (f.m.results().size() > kMaxSearchShown)
                // A long list on a touchscreen is found by typing, not by scrolling through it.
                y += text_at(ImVec2(pos.x, y), size.x,
                             f.t(T::search_shown_first, {std::to_string(kMaxSearchShown),
                                                         std::to_string(f.m.results().size())}),
                             FontRole::Body, Weight::Bold, p.text_muted);
            else
                y += text_at(ImVec2(pos.x, y), size.x,
                             f.t(T::result_count, {std::to_string(f.m.results().size())}),
                             FontRole::Body, Weight::Regular, p.text_muted);
            break;
    }
    y += 16;
    const float list_h = pos.y + size.y - y;
    if (list_h < ui::kMinTouchSize)
        return;
    begin_list(f, "##results", ImVec2(pos.x, y), ImVec2(size.x, list_h));
    int i = 0;
    const std::size_t total = f.m.results().size();
    const std::size_t shown = std::min(total, kMaxSearchShown);
    for (std::size_t k = 0; k < shown; ++k) {
        const PermitSummary& s = f.m.results()[k];
        std::string sub = s.short_name != s.name && !s.short_name.empty() ? s.short_name : "";
        if (!s.office.empty())
            sub += (sub.empty() ? "" : " \u00b7 ") + s.office;
        const std::vector<Line> lines = {{s.name, FontRole::Body, Weight::Bold},
                                         {sub, FontRole::Small, Weight::Regular, p.text_muted},
                                         {permit_counts_text(lang, s.requirements, s.steps),
                                          FontRole::Small, Weight::Regular, p.text_muted}};
        const std::string id = "##permit-" + std::to_string(i++);
        if (tile(id.c_str(), s.name, ImVec2(-1, 0), ImVec2(ImGui::GetContentRegionAvail().x, 0),
                 lines, panel_tile()))
            f.act([&m = f.m, pid = s.id] { m.open_permit(pid); });
    }
    ui::end_scroll_area();
}

}  // namespace

void begin_list(Frame& f, const char* id, ImVec2 pos, ImVec2 size) {
    ImGui::SetCursorScreenPos(pos);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_ScrollbarRounding, 0.0f);  // cheap square scrollbar
    ui::begin_scroll_area(id, size);
    ImGui::PopStyleVar(2);
    if (f.vs.reset_scroll)
        ImGui::SetScrollY(0);
}

void draw_permits(Frame& f) {
    float y = header(f, f.t(T::permit_list_title), true);
    y += offline_banner(f, y);
    y += 24;
    y += browse_tabs(f, ImVec2(kMargin, y), f.w - 2 * kMargin);
    if (f.m.browse() != Browse::search) {
        draw_browse(f, kMargin, y + 24, f.w - 2 * kMargin, f.h - kMargin);
        return;
    }
    std::string typed = f.m.query();
    if (consume_typed(typed, kMaxQuery))
        f.act([&m = f.m, typed] { m.set_query(typed); });

    ui::KeyboardOptions keys;
    keys.max_length = kMaxQuery;
    keys.backspace_label = std::string(f.t(T::key_backspace));
    keys.clear_label = std::string(f.t(T::key_clear));
    keys.space_label = std::string(f.t(T::key_space));
    const float kb_h = 5 * keys.key_height + 4 * 10;

    const auto search_box = [&](ImVec2 pos, float width) {
        return search_field(f.m.query(), f.t(T::search_placeholder), pos, width);
    };
    const auto keyboard = [&](ImVec2 pos, float width) {
        begin_region("##keyboard", pos, ImVec2(width, kb_h));
        std::string edited = f.m.query();
        // Square keys: forty rounded buttons cost the software renderer ~15 ms a frame.
        ImGui::PushStyleVar(ImGuiStyleVar_FrameRounding, 0.0f);
        const bool typed = ui::onscreen_keyboard("kbd", edited, keys);
        ImGui::PopStyleVar();
        if (typed)
            f.act([&m = f.m, edited] { m.set_query(edited); });
        ImGui::EndChild();
    };

    const float bottom = f.h - kMargin;
    if (f.portrait) {
        const float x = kMargin, width = f.w - 2 * kMargin;
        y += 32;
        y += search_box(ImVec2(x, y), width) + 24;
        const float kb_y = bottom - kb_h;
        results_list(f, ImVec2(x, y), ImVec2(width, kb_y - 32 - y));
        keyboard(ImVec2(x, kb_y), width);
        return;
    }
    const float kb_w = 1100;
    const float left_w = f.w - 2 * kMargin - 48 - kb_w;
    const float rx = kMargin + left_w + 48;
    y += 32;
    results_list(f, ImVec2(kMargin, y), ImVec2(left_w, bottom - y));
    search_box(ImVec2(rx, y), kb_w);
    keyboard(ImVec2(rx, bottom - kb_h), kb_w);
}

}  // namespace loket::kiosk::view
