// Permit information: the searchable list and one permit's SOP sections.
#include <algorithm>
#include <cmath>

#include "format.hpp"
#include "permit_info.hpp"
#include "view_common.hpp"

namespace loket::kiosk::view {
namespace {

const ui::Palette& pal() {
    return ui::palette();
}

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

// A child window of exactly this size at pos, no padding; pair with ImGui::EndChild().
void begin_list(Frame& f, const char* id, ImVec2 pos, ImVec2 size) {
    ImGui::SetCursorScreenPos(pos);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_ScrollbarRounding, 0.0f);  // cheap square scrollbar
    ui::begin_scroll_area(id, size);
    ImGui::PopStyleVar(2);
    if (f.vs.reset_scroll)
        ImGui::SetScrollY(0);
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

// ---- Browsing: mode tabs, categories, A-Z, pages ---------------------------------------------

constexpr float kTabH = 110;
constexpr float kNavH = 130;
constexpr float kPermitRowH = 170;
constexpr float kCategoryRowH = 170;
constexpr float kLetterSize = 100;

std::string category_label(Frame& f, const std::string& name) {
    return name.empty() ? std::string(f.t(T::category_other)) : name;
}

// The three ways into the list, side by side; returns their height.
float browse_tabs(Frame& f, ImVec2 pos, float width) {
    struct Def {
        Browse browse;
        T label;
        void (Model::*tap)();
    };
    static constexpr Def kDefs[] = {
        {Browse::categories, T::browse_categories, &Model::show_categories},
        {Browse::az, T::browse_az, &Model::show_az},
        {Browse::search, T::browse_search, &Model::show_search}};
    const float w = (width - 2 * kGap) / 3;
    for (int i = 0; i < 3; ++i) {
        const Def& d = kDefs[i];
        const Browse now = f.m.browse() == Browse::category ? Browse::categories : f.m.browse();
        TileStyle st = now == d.browse ? primary_tile() : secondary_tile();
        st.pad = ImVec2(16, 10);
        const std::string id = "##browse-" + std::to_string(i);
        if (tile(id.c_str(), f.t(d.label), ImVec2(pos.x + float(i) * (w + kGap), pos.y),
                 ImVec2(w, kTabH), {{std::string(f.t(d.label)), FontRole::Title, Weight::Bold}},
                 st))
            f.act([&m = f.m, tap = d.tap] { (m.*tap)(); });
    }
    return kTabH;
}

// "‹ Sebelumnya", "Halaman 2 dari 9", "Berikutnya ›" along the bottom.
void page_bar(Frame& f, ImVec2 pos, float width) {
    const float bw = std::min(400.0f, width * 0.36f);
    const int current = f.m.browse() == Browse::categories ? f.m.category_page() : f.m.page();
    const int count = f.m.page_count();
    TileStyle prev = secondary_tile();
    prev.enabled = current > 0;
    TileStyle next = primary_tile();
    next.enabled = current + 1 < count;
    if (tile("##page-previous", f.t(T::page_previous), pos, ImVec2(bw, kNavH),
             {{std::string(f.t(T::page_previous)), FontRole::Body, Weight::Bold}}, prev))
        f.act([&m = f.m] { m.previous_page(); });
    if (tile("##page-next", f.t(T::page_next), ImVec2(pos.x + width - bw, pos.y), ImVec2(bw, kNavH),
             {{std::string(f.t(T::page_next)), FontRole::Body, Weight::Bold}}, next))
        f.act([&m = f.m] { m.next_page(); });
    const std::string of = f.t(T::page_of, {std::to_string(current + 1), std::to_string(count)});
    const float mid_w = width - 2 * bw - 2 * kGap;
    const float th = line_height(FontRole::Body);
    text_at(ImVec2(pos.x + bw + kGap, pos.y + (kNavH - th) * 0.5f), mid_w, of, FontRole::Body,
            Weight::Bold, 0, Align::center);
}

int fitting(float room, float row, float gap) {
    return std::max(1, int((room + gap) / (row + gap)));
}

void category_grid(Frame& f, ImVec2 pos, ImVec2 size) {
    const auto& p = pal();
    const float hint_h = text_at(pos, size.x, f.t(T::browse_categories_hint), FontRole::Body,
                                 Weight::Regular, p.text_muted) +
                         16;
    const int cols = f.portrait ? 2 : 4;
    const int rows = fitting(size.y - hint_h, kCategoryRowH, kGap);
    const int per_page = cols * rows;
    const int per_page_permits = f.m.permits_per_page();
    if (per_page != f.m.categories_per_page())
        f.act([&m = f.m, per_page_permits, per_page] {
            m.set_page_sizes(per_page_permits, per_page);
        });
    const float w = (size.x - float(cols - 1) * kGap) / float(cols);
    const float h = std::min(200.0f, (size.y - hint_h - float(rows - 1) * kGap) / float(rows));
    int i = 0;
    for (const CategoryEntry& c : f.m.page_categories()) {
        const std::string label = category_label(f, c.name);
        const std::vector<Line> lines = {{label, FontRole::Body, Weight::Bold},
                                         {f.t(T::result_count, {std::to_string(c.permits)}),
                                          FontRole::Small, Weight::Regular, p.text_muted}};
        TileStyle st = panel_tile();
        st.align = Align::left;
        st.pad = ImVec2(24, 14);  // room for a two-line name in the body font
        const std::string id = "##category-" + std::to_string(i);
        const ImVec2 at(pos.x + float(i % cols) * (w + kGap),
                        pos.y + hint_h + float(i / cols) * (h + kGap));
        if (tile(id.c_str(), label, at, ImVec2(w, h), lines, st))
            f.act([&m = f.m, name = c.name] { m.open_category(name); });
        ++i;
    }
}

// One page of permits; in A-Z the initial letter stands big beside the first permit of each
// letter on the page.
void permit_page(Frame& f, ImVec2 pos, ImVec2 size, bool letters) {
    const auto& p = pal();
    const int cols = f.portrait ? 1 : 2;
    const int rows = fitting(size.y, kPermitRowH, 16);
    const int per_page = cols * rows;
    const int per_page_categories = f.m.categories_per_page();
    if (per_page != f.m.permits_per_page())
        f.act([&m = f.m, per_page, per_page_categories] {
            m.set_page_sizes(per_page, per_page_categories);
        });
    const float col_w = (size.x - float(cols - 1) * kGap) / float(cols);
    const float h = std::min(220.0f, (size.y - float(rows - 1) * 16) / float(rows));
    const float letter_w = letters ? kLetterSize : 0;
    std::string last_letter;
    int i = 0;
    for (const PermitSummary* s : f.m.page_permits()) {
        const ImVec2 at(pos.x + float(i % cols) * (col_w + kGap),
                        pos.y + float(i / cols) * (h + 16));
        if (letters) {
            const std::string letter = Model::letter_of(s->name);
            if (letter != last_letter)
                text_at(ImVec2(at.x, at.y + (h - line_height(FontRole::Title)) * 0.5f), letter_w,
                        letter, FontRole::Title, Weight::Bold, p.primary, Align::center);
            last_letter = letter;
        }
        std::string sub = s->short_name != s->name && !s->short_name.empty() ? s->short_name : "";
        if (f.m.browse() == Browse::az)
            sub += (sub.empty() ? "" : " \u00b7 ") + category_label(f, s->category);
        std::vector<Line> lines = {{s->name, FontRole::Body, Weight::Bold}};
        if (!sub.empty())
            lines.push_back({sub, FontRole::Small, Weight::Regular, p.text_muted});
        TileStyle st = panel_tile();
        st.align = Align::left;
        const std::string id = "##permit-" + std::to_string(i);
        if (tile(id.c_str(), s->name, ImVec2(at.x + letter_w, at.y), ImVec2(col_w - letter_w, h),
                 lines, st))
            f.act([&m = f.m, pid = s->id] { m.open_permit(pid); });
        ++i;
    }
}

// The letters that start a permit name; one tap goes to the page of the first of them.
float letter_index(Frame& f, ImVec2 pos, float width) {
    const std::vector<std::string> letters = f.m.letters();
    const int cols = std::max(1, int((width + 12) / (kLetterSize + 12)));
    const float w = (width - float(cols - 1) * 12) / float(cols);
    const std::vector<const PermitSummary*> page = f.m.page_permits();
    const std::string current = page.empty() ? std::string() : Model::letter_of(page.front()->name);
    for (std::size_t i = 0; i < letters.size(); ++i) {
        TileStyle st = letters[i] == current ? primary_tile() : secondary_tile();
        st.pad = ImVec2(4, 4);
        const std::string id = "##letter-" + letters[i];
        if (tile(id.c_str(), letters[i],
                 ImVec2(pos.x + float(int(i) % cols) * (w + 12),
                        pos.y + float(int(i) / cols) * (kLetterSize + 12)),
                 ImVec2(w, kLetterSize), {{letters[i], FontRole::Title, Weight::Bold}}, st))
            f.act([&m = f.m, l = letters[i]] { m.jump_to_letter(l); });
    }
    const int rows = (int(letters.size()) + cols - 1) / cols;
    return float(rows) * (kLetterSize + 12);
}

void draw_browse(Frame& f, float x, float y, float width, float bottom) {
    const auto& p = pal();
    const float nav_y = bottom - kNavH;
    const float room_bottom = nav_y - kGap;
    switch (f.m.browse()) {
        case Browse::categories:
            category_grid(f, ImVec2(x, y), ImVec2(width, room_bottom - y));
            break;
        case Browse::category: {
            const float bw = 460;
            if (tile("##all-categories", f.t(T::all_categories), ImVec2(x, y), ImVec2(bw, 100),
                     {{std::string(f.t(T::all_categories)), FontRole::Body, Weight::Bold}},
                     secondary_tile()))
                f.act([&m = f.m] { m.show_categories(); });
            const std::string title = category_label(f, f.m.category());
            const float th =
                lines_height({{title, FontRole::Title, Weight::Bold}}, width - bw - kGap);
            text_at(ImVec2(x + bw + kGap, y + std::max(0.0f, (100 - th) * 0.5f)), width - bw - kGap,
                    title, th > 100 ? FontRole::Body : FontRole::Title, Weight::Bold, p.primary);
            y += 100 + kGap;
            permit_page(f, ImVec2(x, y), ImVec2(width, room_bottom - y), false);
            break;
        }
        case Browse::az:
            y += text_at(ImVec2(x, y), width, f.t(T::browse_az_hint), FontRole::Body,
                         Weight::Regular, p.text_muted) +
                 16;
            y += letter_index(f, ImVec2(x, y), width) + 12;
            permit_page(f, ImVec2(x, y), ImVec2(width, room_bottom - y), true);
            break;
        case Browse::search:
            return;
    }
    if (f.m.page_count() > 1)  // one page needs no buttons to page with
        page_bar(f, ImVec2(x, nav_y), width);
}

}  // namespace

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

// ---- One permit -----------------------------------------------------------------------------

namespace {

bool check_row(const char* id, std::string_view label, const PermitRequirement& r, bool ticked,
               float width) {
    const auto& p = pal();
    const float pad = 24, box = 64;
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const float text_x = pos.x + pad + box + 28;
    const float text_w = pos.x + width - pad - text_x;
    // Where in the SOP the requirement is written, when that is a short reference ("G.
    // Persyaratan Pelayanan no. 5"); long quotes would bury the checklist.
    const std::string source = r.source.size() <= 80 ? r.source : std::string();
    const std::vector<Line> lines = {{r.text, FontRole::Body, Weight::Regular},
                                     {source, FontRole::Small, Weight::Regular, p.text_muted}};
    const float text_h = lines_height(lines, text_w);
    const float h = std::max(120.0f, text_h + 2 * pad);
    const bool pressed = ImGui::InvisibleButton(id, ImVec2(width, h));
    ui::register_item(label);
    if (!ImGui::IsItemVisible())
        return pressed;
    // Outlined rows (a filled row per requirement costs the software renderer dearly); a
    // ticked row has a green frame and a green box with a white tick.
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 max(pos.x + width, pos.y + h);
    if (ImGui::IsItemActive())
        fill_rounded(dl, pos, max, p.secondary, 16.0f);
    dl->AddRect(pos, max, ticked ? p.success : p.secondary_active, 16.0f, 0, ticked ? 6.0f : 3.0f);
    const ImVec2 b0(pos.x + pad, pos.y + (h - box) * 0.5f), b1(b0.x + box, b0.y + box);
    if (ticked)
        fill_rounded(dl, b0, b1, p.success, 10.0f);
    dl->AddRect(b0, b1, ticked ? p.success : p.border, 10.0f, 0, 4.0f);
    if (ticked) {
        const ImVec2 pts[3] = {ImVec2(b0.x + 14, b0.y + 34), ImVec2(b0.x + 27, b0.y + 48),
                               ImVec2(b0.x + 51, b0.y + 17)};
        dl->AddPolyline(pts, 3, p.on_primary, ImDrawFlags_None, 8.0f);
    }
    draw_lines(dl, ImVec2(text_x, pos.y + (h - text_h) * 0.5f), text_w, lines, Align::left, p.text);
    return pressed;
}

void step_row(const PermitStep& s, Language lang, float width, bool last) {
    const auto& p = pal();
    const float gutter = 116, r = 38;
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    std::vector<Line> lines = {{s.activity, FontRole::Body, Weight::Regular}};
    if (!s.condition.empty())
        lines.push_back(
            {tr(lang, T::step_condition, {s.condition}), FontRole::Small, Weight::Bold, kWarnFg});
    lines.push_back({step_actor_text(lang, s), FontRole::Small, Weight::Bold, p.text_muted});
    lines.push_back({s.time_text.empty() ? std::string(tr(lang, T::step_time_none))
                                         : tr(lang, T::step_time, {s.time_text}),
                     FontRole::Small, Weight::Bold, p.primary});
    if (const std::string input = step_input_text(lang, s); !input.empty())
        lines.push_back({input, FontRole::Small, Weight::Regular, p.text_muted});
    if (!s.output.empty())
        lines.push_back(
            {tr(lang, T::step_output, {s.output}), FontRole::Small, Weight::Regular, p.text_muted});
    if (!s.note.empty())
        lines.push_back(
            {tr(lang, T::step_note, {s.note}), FontRole::Small, Weight::Regular, p.text_muted});
    const float text_w = width - gutter;
    const float h = std::max(2 * r + 16, lines_height(lines, text_w) + 40);
    if (!ImGui::IsRectVisible(pos, ImVec2(pos.x + width, pos.y + h + 24))) {
        ImGui::Dummy(ImVec2(width, h));
        return;
    }
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 c(pos.x + r + 6, pos.y + r + 4);
    if (!last)
        dl->AddRectFilled(ImVec2(c.x - 3, c.y), ImVec2(c.x + 3, pos.y + h + 24),
                          p.secondary_active);
    dl->AddCircleFilled(c, r, p.primary, 40);
    const std::string number = std::to_string(s.number);
    ImFont* bold = ui::font(FontRole::Body, Weight::Bold);
    const ImVec2 ns = bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, number.c_str());
    dl->AddText(bold, bold->FontSize, ImVec2(c.x - ns.x * 0.5f, c.y - ns.y * 0.5f), p.on_primary,
                number.c_str());
    draw_lines(dl, ImVec2(pos.x + gutter, pos.y + 4), text_w, lines, Align::left, p.text);
    ImGui::Dummy(ImVec2(width, h));
}

// A labelled panel of lines.
void panel(Frame& f, T label, std::vector<Line> body, float width) {
    const auto& p = pal();
    body.insert(body.begin(),
                Line{std::string(f.t(label)), FontRole::Body, Weight::Bold, p.primary});
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const ImVec2 pad(32, 28);
    const float h = lines_height(body, width - 2 * pad.x) + 2 * pad.y;
    fill(pos, ImVec2(pos.x + width, pos.y + h), p.panel, 16.0f);
    draw_lines(ImGui::GetWindowDrawList(), ImVec2(pos.x + pad.x, pos.y + pad.y), width - 2 * pad.x,
               body, Align::left, p.text);
    ImGui::Dummy(ImVec2(width, h + 8));
}

// A labelled fact from the SOP, or an honest "not stated"; with where in the SOP it is written
// and what it means, when the catalog says.
void fact(Frame& f, T label, const std::optional<std::string>& value, float width,
          const std::string& note = {}, const std::string& source = {}) {
    const auto& p = pal();
    const bool stated = value && !value->empty();
    std::vector<Line> body = {{stated ? *value : std::string(f.t(T::not_in_sop)), FontRole::Body,
                               stated ? Weight::Regular : Weight::Bold,
                               stated ? p.text : p.text_muted}};
    if (stated && !note.empty())
        body.push_back({note, FontRole::Small, Weight::Regular, p.text});
    if (stated && !source.empty())
        body.push_back(
            {f.t(T::fact_source, {source}), FontRole::Small, Weight::Regular, p.text_muted});
    panel(f, label, std::move(body), width);
}

// A list of the SOP's items under a label; "not stated" when empty.
void list_panel(Frame& f, T label, const std::vector<std::string>& items, float width) {
    const auto& p = pal();
    std::vector<Line> body;
    for (const auto& item : items)
        body.push_back({"\u2022 " + item, FontRole::Body, Weight::Regular, p.text});
    if (body.empty())
        body.push_back(
            {std::string(f.t(T::not_in_sop)), FontRole::Body, Weight::Bold, p.text_muted});
    panel(f, label, std::move(body), width);
}

// The service time standard: the SOP's words, then the figure and how it was reached.
void service_time_panel(Frame& f, const PermitDetail& permit, float width) {
    const auto& p = pal();
    const Language lang = f.m.lang();
    const PermitServiceTime& st = permit.service_time;
    const std::string value = service_time_value_text(lang, st);
    std::vector<Line> body;
    if (!st.text.empty()) {
        body.push_back({st.text, FontRole::Body, Weight::Regular, p.text});
        if (!value.empty())
            body.push_back(
                {f.t(T::service_time_value, {value}), FontRole::Body, Weight::Bold, p.text});
    } else if (st.basis == "step_sum" && !value.empty()) {
        body.push_back(
            {f.t(T::service_time_step_sum, {value}), FontRole::Body, Weight::Regular, p.text});
    } else {
        body.push_back({std::string(f.t(T::service_time_not_stated)), FontRole::Body, Weight::Bold,
                        p.text_muted});
    }
    if (!st.note.empty())
        body.push_back({st.note, FontRole::Small, Weight::Regular, p.text});
    panel(f, T::service_time, std::move(body), width);

    // What the steps add up to, one path at a time, when that is more than the figure above.
    if (st.basis == "step_sum" || !permit.approved_totals)
        return;
    std::vector<Line> totals;
    const std::string approved = duration_text(lang, *permit.approved_totals);
    const std::string rejected =
        permit.rejected_totals ? duration_text(lang, *permit.rejected_totals) : std::string();
    if (approved.empty() && rejected.empty())
        return;
    if (rejected.empty()) {
        totals.push_back({f.t(T::step_totals_one_path, {approved}), FontRole::Body, Weight::Bold});
    } else {
        totals.push_back({f.t(T::step_totals_approved, {approved}), FontRole::Body, Weight::Bold});
        totals.push_back({f.t(T::step_totals_rejected, {rejected}), FontRole::Body, Weight::Bold});
    }
    totals.push_back(
        {std::string(f.t(T::step_totals_hint)), FontRole::Small, Weight::Regular, p.text_muted});
    panel(f, T::step_totals_title, std::move(totals), width);
}

// "Mengajukan sebagai: Perorangan / Badan usaha", asked before the checklist.
void applicant_question(Frame& f, float width) {
    const auto& p = pal();
    block_text(f.t(T::applicant_question), FontRole::Title, Weight::Bold, 0, width);
    block_text(f.t(T::applicant_hint), FontRole::Body, Weight::Regular, p.text_muted, width);
    ImGui::Dummy(ImVec2(width, 16));
    const float gap = 24, w = (width - gap) / 2, h = 160;
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const struct {
        Applicant a;
        T label;
    } choices[] = {{Applicant::perorangan, T::applicant_perorangan},
                   {Applicant::badan_usaha, T::applicant_badan_usaha}};
    for (int i = 0; i < 2; ++i) {
        const std::string id = "##applicant-" + std::to_string(i);
        if (tile(id.c_str(), f.t(choices[i].label), ImVec2(pos.x + float(i) * (w + gap), pos.y),
                 ImVec2(w, h),
                 {{std::string(f.t(choices[i].label)), FontRole::Title, Weight::Bold}},
                 primary_tile()))
            f.act([&m = f.m, a = choices[i].a] { m.choose_applicant(a); });
    }
    ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + h));
    ImGui::Dummy(ImVec2(width, 16));
}

// The chosen applicant kind and a button to change it.
void applicant_chosen(Frame& f, float width) {
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const float button_w = 240, h = ui::kMinTouchSize;
    const T kind = f.m.applicant() == Applicant::badan_usaha ? T::applicant_badan_usaha
                                                             : T::applicant_perorangan;
    text_at(ImVec2(pos.x, pos.y + (h - line_height(FontRole::Body)) * 0.5f), width - button_w - 24,
            f.t(T::applicant_chosen, {f.t(kind)}), FontRole::Body, Weight::Bold);
    if (tile("##applicant-change", f.t(T::applicant_change),
             ImVec2(pos.x + width - button_w, pos.y), ImVec2(button_w, h),
             {{std::string(f.t(T::applicant_change)), FontRole::Body, Weight::Bold}},
             secondary_tile()))
        f.act([&m = f.m] { m.change_applicant(); });
    ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + h));
    ImGui::Dummy(ImVec2(width, 16));
}

void section_content(Frame& f, const PermitDetail& permit, float width) {
    const auto& p = pal();
    const Language lang = f.m.lang();
    // In English, say first that what follows is the SOP's own (Indonesian) wording.
    if (!f.t(T::sop_language_note).empty())
        block_text(f.t(T::sop_language_note), FontRole::Small, Weight::Bold, p.text_muted, width);
    switch (f.m.section()) {
        case Section::requirements: {
            if (permit.requirements.empty()) {
                block_text(f.t(T::no_requirements), FontRole::Body, Weight::Bold, p.text_muted,
                           width);
                break;
            }
            if (f.m.needs_applicant()) {
                applicant_question(f, width);
                break;
            }
            if (f.m.applicant() != Applicant::unknown)
                applicant_chosen(f, width);
            block_text(f.t(T::checklist_hint), FontRole::Body, Weight::Regular, p.text_muted,
                       width);
            for (const std::size_t i : f.m.shown_requirements()) {
                const std::string id = "##req-" + std::to_string(i);
                const bool ticked = i < f.m.ticked().size() && f.m.ticked()[i];
                PermitRequirement shown = permit.requirements[i];
                if (requirement_fit(shown, f.m.applicant()) == RequirementFit::if_proxy)
                    shown.source = std::string(f.t(T::requirement_if_proxy));
                if (check_row(id.c_str(), shown.text, shown, ticked, width))
                    f.act([&m = f.m, i] { m.toggle_requirement(i); });
            }
            break;
        }
        case Section::steps: {
            if (permit.steps.empty()) {
                block_text(f.t(T::not_in_sop), FontRole::Body, Weight::Bold, p.text_muted, width);
                break;
            }
            // The SOP's procedure is written for staff: say so, then the common path and each
            // outcome path under its own heading.
            block_text(f.t(T::procedure_note), FontRole::Small, Weight::Regular, p.text_muted,
                       width);
            ImGui::Dummy(ImVec2(width, 8));
            const StepPaths paths = step_paths(permit);
            const bool branched = !paths.approved.empty() || !paths.rejected.empty();
            const auto path = [&](T heading, const std::vector<const PermitStep*>& steps) {
                if (steps.empty())
                    return;
                if (branched) {
                    block_text(f.t(heading), FontRole::Body, Weight::Bold, p.primary, width);
                    ImGui::Dummy(ImVec2(width, 8));
                }
                for (std::size_t i = 0; i < steps.size(); ++i)
                    step_row(*steps[i], lang, width, i + 1 == steps.size());
                ImGui::Dummy(ImVec2(width, 16));
            };
            path(T::path_common, paths.common);
            path(T::path_approved, paths.approved);
            path(T::path_rejected, paths.rejected);
            break;
        }
        case Section::time_cost:
            service_time_panel(f, permit, width);
            fact(f, T::cost, permit.cost, width, permit.cost_note, permit.cost_source);
            break;
        case Section::legal:
            if (permit.legal_basis.empty())
                block_text(f.t(T::not_in_sop), FontRole::Body, Weight::Bold, p.text_muted, width);
            // The SOP's own numbering: one entry may hold more than one regulation (one a line).
            for (std::size_t i = 0; i < permit.legal_basis.size(); ++i)
                block_text(std::to_string(i + 1) + ". " + permit.legal_basis[i], FontRole::Body,
                           Weight::Regular, 0, width);
            break;
        case Section::product: {
            fact(f, T::product, permit.product, width, {}, permit.product_source);
            fact(f, T::validity, permit.validity, width);
            if (!permit.definitions.empty()) {
                std::vector<Line> body;
                for (const PermitDefinition& d : permit.definitions) {
                    body.push_back({d.term, FontRole::Body, Weight::Bold, p.text});
                    body.push_back({d.text, FontRole::Body, Weight::Regular, p.text});
                }
                panel(f, T::definitions, std::move(body), width);
            }
            break;
        }
        case Section::office: {
            list_panel(f, T::service_hours, permit.service_hours, width);
            std::vector<std::string> contact;
            if (!permit.contact_address.empty())
                contact.push_back(permit.contact_address);
            if (!permit.contact_phone.empty())
                contact.push_back(f.t(T::contact_phone, {permit.contact_phone}));
            if (!permit.contact_fax.empty())
                contact.push_back(f.t(T::contact_fax, {permit.contact_fax}));
            list_panel(f, T::contact, contact, width);
            list_panel(f, T::complaints, permit.complaint_channels, width);
            if (!permit.facilities.empty())
                list_panel(f, T::facilities, permit.facilities, width);
            break;
        }
    }
    ImGui::Dummy(ImVec2(width, 8));
    if (!permit.sop_number.empty())
        block_text(f.t(T::sop_source, {permit.sop_number}), FontRole::Small, Weight::Regular,
                   p.text_muted, width);
}

struct TabDef {
    Section section;
    T label;
};
constexpr TabDef kTabs[] = {
    {Section::requirements, T::section_requirements}, {Section::steps, T::section_steps},
    {Section::time_cost, T::section_time_cost},       {Section::legal, T::section_legal},
    {Section::product, T::section_product},           {Section::office, T::section_office}};

void tab(Frame& f, const TabDef& def, ImVec2 pos, ImVec2 size) {
    const bool selected = f.m.section() == def.section;
    TileStyle s = selected ? primary_tile() : secondary_tile();
    s.pad = ImVec2(16, 10);
    const std::string id = "##tab-" + std::to_string(int(def.section));
    if (tile(id.c_str(), f.t(def.label), pos, size,
             {{std::string(f.t(def.label)), FontRole::Body, Weight::Bold}}, s))
        f.act([&m = f.m, sec = def.section] { m.select_section(sec); });
}

}  // namespace

void draw_permit(Frame& f) {
    const auto& p = pal();
    float y = header(f, f.t(T::permit_list_title), true);
    y += offline_banner(f, y);
    const auto& permit = f.m.permit();
    const float x = kMargin, width = f.w - 2 * kMargin;
    if (!permit) {
        text_at(ImVec2(x, y + 60), width, f.t(T::permit_loading), FontRole::Title, Weight::Bold,
                p.text_muted, Align::center);
        return;
    }
    y += 24;
    // The name: the title font when it fits (two lines in portrait, one in landscape).
    const FontRole name_role =
        wrap(permit->name, FontRole::Title, Weight::Bold, width).size() <= (f.portrait ? 2u : 1u)
            ? FontRole::Title
            : FontRole::Body;
    y += text_at(ImVec2(x, y), width, permit->name, name_role, Weight::Bold);
    std::string where = permit->office;
    if (!permit->region.empty() && permit->office.find(permit->region) == std::string::npos)
        where += (where.empty() ? "" : ", ") + permit->region;
    y += text_at(ImVec2(x, y), width, where, FontRole::Small, Weight::Regular, p.text_muted) + 20;

    // Bottom bar: checklist progress and "Ambil Nomor".
    const float bottom = f.h - kMargin;
    const bool can_take = f.m.can_take_numbers();
    const std::size_t required = f.m.counted_requirements().size();
    const std::string progress =
        required == 0 || f.m.needs_applicant()
            ? std::string()
            : checklist_progress_text(f.m.lang(), f.m.ticked_count(), int(required));
    const ImU32 progress_color = f.m.all_ticked() ? p.success : p.text;
    // "Ambil Nomor", with why it is off when it is (closed, or no server), or the progress.
    const auto take_tile = [&](ImVec2 pos, ImVec2 size, bool with_progress) {
        TileStyle s = primary_tile();
        s.enabled = can_take;
        std::vector<Line> lines = {
            {std::string(f.t(T::take_number)), FontRole::Title, Weight::Bold}};
        if (!can_take)
            lines.push_back(
                {std::string(f.t(f.m.online() ? T::take_number_closed : T::take_number_offline)),
                 FontRole::Small});
        else if (with_progress && !progress.empty())
            lines.push_back({progress, FontRole::Small});
        if (tile("##take-number", f.t(T::take_number), pos, size, lines, s))
            f.act([&m = f.m] { m.take_number_for_permit(); });
    };

    if (f.portrait) {
        const float bar_h = 150;
        const float bar_y = bottom - bar_h;
        const float take_w = 520;
        take_tile(ImVec2(x + width - take_w, bar_y), ImVec2(take_w, bar_h), false);
        const float pw = width - take_w - kGap;
        const float ph = lines_height({{progress, FontRole::Body, Weight::Bold}}, pw);
        text_at(ImVec2(x, bar_y + (bar_h - ph) * 0.5f), pw, progress, FontRole::Body, Weight::Bold,
                progress_color);
        // Tabs in two rows (3 + 3).
        const float tab_h = 132, gap = 16;
        const float w3 = (width - 2 * gap) / 3;
        for (int i = 0; i < 6; ++i)
            tab(f, kTabs[i],
                ImVec2(x + float(i % 3) * (w3 + gap), y + float(i / 3) * (tab_h + gap)),
                ImVec2(w3, tab_h));
        y += 2 * tab_h + gap + 28;
        begin_list(f, "##content", ImVec2(x, y), ImVec2(width, bar_y - 28 - y));
        section_content(f, *permit, ImGui::GetContentRegionAvail().x);
        ui::end_scroll_area();
        return;
    }

    // Landscape: tabs and "Ambil Nomor" (with the checklist progress) in a sidebar; the
    // section on the right.
    const float side_w = 560;
    const float gap = 8;
    const float tab_h =
        std::clamp((bottom - y - 2 * gap - 20 - 180) / 3.0f, ui::kMinTouchSize, 132.0f);
    // Six tabs in two columns, so "Ambil Nomor" keeps its room under them.
    const float tab_w = (side_w - gap) / 2;
    for (int i = 0; i < 6; ++i)
        tab(f, kTabs[i], ImVec2(x + float(i % 2) * (tab_w + gap), y + float(i / 2) * (tab_h + gap)),
            ImVec2(tab_w, tab_h));
    const float take_y = y + 3 * tab_h + 2 * gap + 20;
    take_tile(ImVec2(x, take_y), ImVec2(side_w, std::max(ui::kMinTouchSize, bottom - take_y)),
              true);
    const float cx = x + side_w + 40;
    begin_list(f, "##content", ImVec2(cx, y), ImVec2(f.w - kMargin - cx, bottom - y));
    section_content(f, *permit, ImGui::GetContentRegionAvail().x);
    ui::end_scroll_area();
}

}  // namespace loket::kiosk::view
