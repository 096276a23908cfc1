// Permit information, browsing: the mode tabs, categories, A-Z and the pages of permits.
#include <algorithm>
#include <cmath>

#include "view_common.hpp"

namespace loket::kiosk::view {
namespace {

constexpr float kTabH = 110;
constexpr float kNavH = 130;
constexpr float kPermitRowH = 170;
constexpr float kCategoryRowH = 170;
constexpr float kLetterSize = 100;

std::string category_label(Frame& f, const std::string& name) {
    return name.empty() ? std::string(f.t(T::category_other)) : name;
}

}  // namespace

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

namespace {

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

}  // namespace

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

}  // namespace loket::kiosk::view
