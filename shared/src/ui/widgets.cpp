#include "loket/ui/widgets.hpp"

#include <imgui_internal.h>  // ClearActiveID, LastItemData: drag-to-scroll and disabled items

#include <algorithm>
#include <cfloat>
#include <cmath>

#include "internal.hpp"

namespace loket::ui {
namespace {

struct Registry {
    std::vector<TapTarget> building, last;
    std::vector<std::string> texts_building, texts_last;
};

Registry& registry() {
    static Registry r;
    return r;
}

std::string_view visible_label(std::string_view label) {
    const auto hidden = label.find("##");
    return hidden == std::string_view::npos ? label : label.substr(0, hidden);
}

void record_target(std::string_view label, bool enabled) {
    if (!ImGui::IsItemVisible())
        return;
    // Only the part inside the window's clip rect can be tapped (scrolled lists).
    ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    const ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 cmin = dl->GetClipRectMin(), cmax = dl->GetClipRectMax();
    min = ImVec2(std::max(min.x, cmin.x), std::max(min.y, cmin.y));
    max = ImVec2(std::min(max.x, cmax.x), std::min(max.y, cmax.y));
    if (max.x <= min.x || max.y <= min.y)
        return;
    registry().building.push_back({std::string(visible_label(label)), min, max, enabled});
}

ImU32 text_color(ImU32 color) {
    return color != 0 ? color : palette().text;
}

struct FontScope {
    FontScope(FontRole role, Weight weight) { ImGui::PushFont(font(role, weight)); }
    ~FontScope() { ImGui::PopFont(); }
    FontScope(const FontScope&) = delete;
    FontScope& operator=(const FontScope&) = delete;
};

}  // namespace

namespace detail {

namespace {
ImU32 g_clear_color = 0;
}  // namespace

void set_clear_color(ImU32 color) {
    g_clear_color = color;
}
ImU32 clear_color() {
    return g_clear_color;
}

void registry_begin_frame() {
    registry().building.clear();
    registry().texts_building.clear();
}

void registry_end_frame() {
    auto& r = registry();
    std::swap(r.building, r.last);
    std::swap(r.texts_building, r.texts_last);
}

void registry_clear() {
    registry() = Registry{};
}

}  // namespace detail

ImFont* font(FontRole role, Weight weight) {
    const AppShell* shell = AppShell::current();
    ImFont* f = shell != nullptr ? shell->font(role, weight) : nullptr;
    return f != nullptr ? f : ImGui::GetFont();
}

void register_item(std::string_view label) {
    record_target(label, (GImGui->LastItemData.InFlags & ImGuiItemFlags_Disabled) == 0);
}

void record_text(std::string_view text) {
    if (!text.empty())
        registry().texts_building.emplace_back(text);
}

const std::vector<TapTarget>& tap_targets() {
    return registry().last;
}
const std::vector<std::string>& recorded_texts() {
    return registry().texts_last;
}

std::optional<TapTarget> find_tap_target(std::string_view label) {
    const auto& all = registry().last;
    for (auto it = all.rbegin(); it != all.rend(); ++it)
        if (it->label == label)
            return *it;
    return std::nullopt;
}

bool screen_contains_text(std::string_view needle) {
    const auto& r = registry();
    for (const auto& t : r.texts_last)
        if (t.find(needle) != std::string::npos)
            return true;
    for (const auto& t : r.last)
        if (t.label.find(needle) != std::string::npos)
            return true;
    return false;
}

void begin_screen(const char* id, std::optional<ImU32> background) {
    const ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    detail::set_clear_color(background.value_or(palette().background));
    ImGui::PushStyleColor(ImGuiCol_WindowBg, IM_COL32(0, 0, 0, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0.0f);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.0f);
    ImGui::Begin(id, nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus);
    ImGui::PopStyleVar(2);
    ImGui::PopStyleColor();
}

void end_screen() {
    ImGui::End();
}

bool big_button(std::string_view label, ImVec2 size, const ButtonStyle& style) {
    const Palette& p = palette();
    const std::string id(label);
    FontScope font_scope(style.font, style.weight);

    ImU32 base = p.primary, hovered = p.primary_hovered, active = p.primary_active,
          fg = p.on_primary;
    if (style.kind == ButtonKind::Secondary) {
        base = p.secondary, hovered = p.secondary_hovered, active = p.secondary_active;
        fg = p.on_secondary;
    } else if (style.kind == ButtonKind::Danger) {
        base = hovered = active = p.danger;
        fg = p.on_danger;
    }
    ImGui::PushStyleColor(ImGuiCol_Button, base);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, hovered);
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, active);
    ImGui::PushStyleColor(ImGuiCol_Text, fg);

    // ImGui's sizing rules, then the touch minimum; explicit widths are kept so layouts
    // like the keyboard's rows add up.
    const ImGuiStyle& st = ImGui::GetStyle();
    const ImVec2 text = ImGui::CalcTextSize(id.c_str(), nullptr, true);
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const auto resolve = [](float want, float fit, float room) {
        return want > 0 ? want : want < 0 ? std::max(1.0f, room + want) : fit;
    };
    ImVec2 sz(resolve(size.x, text.x + st.FramePadding.x * 2, avail.x),
              resolve(size.y, text.y + st.FramePadding.y * 2, avail.y));
    if (size.x == 0)
        sz.x = std::max(sz.x, kMinTouchSize);
    sz.y = std::max(sz.y, kMinTouchSize);

    // ImGui left-aligns a label that does not fit inside the padding: shrink the padding
    // so short labels on narrow keys stay centred.
    const ImVec2 pad(std::clamp((sz.x - text.x) * 0.5f, 2.0f, st.FramePadding.x),
                     std::clamp((sz.y - text.y) * 0.5f, 2.0f, st.FramePadding.y));
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, pad);
    if (!style.enabled)
        ImGui::BeginDisabled();
    const bool pressed = ImGui::Button(id.c_str(), sz);
    if (!style.enabled)
        ImGui::EndDisabled();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor(4);
    record_target(label, style.enabled);
    return pressed && style.enabled;
}

void text(std::string_view s, FontRole role, Weight weight, ImU32 color) {
    FontScope font_scope(role, weight);
    ImGui::PushStyleColor(ImGuiCol_Text, text_color(color));
    ImGui::TextUnformatted(s.data(), s.data() + s.size());
    ImGui::PopStyleColor();
    record_text(s);
}

void wrapped_text(std::string_view s, FontRole role, Weight weight, ImU32 color, float wrap_width) {
    FontScope font_scope(role, weight);
    ImGui::PushStyleColor(ImGuiCol_Text, text_color(color));
    ImGui::PushTextWrapPos(wrap_width > 0 ? ImGui::GetCursorPosX() + wrap_width : 0.0f);
    ImGui::TextUnformatted(s.data(), s.data() + s.size());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    record_text(s);
}

void centered_text(std::string_view s, FontRole role, Weight weight, ImU32 color) {
    FontScope font_scope(role, weight);
    ImFont* f = ImGui::GetFont();
    const float size = ImGui::GetFontSize();
    const float avail = std::max(1.0f, ImGui::GetContentRegionAvail().x);
    const float left = ImGui::GetCursorPosX();
    ImGui::PushStyleColor(ImGuiCol_Text, text_color(color));
    // Each line is its own item: tight spacing inside the block, the usual after it.
    const float spacing = ImGui::GetStyle().ItemSpacing.y;
    const float line_gap = std::round(size * 0.15f);
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing,
                        ImVec2(ImGui::GetStyle().ItemSpacing.x, line_gap));
    // ImFont's word wrap does not stop at '\n': wrap each paragraph separately.
    std::string_view rest = s;
    while (true) {
        const auto nl = rest.find('\n');
        std::string_view para = rest.substr(0, nl);
        const char* p = para.data();
        const char* end = para.data() + para.size();
        if (p == end)
            ImGui::NewLine();
        while (p < end) {
            const char* cut = f->CalcWordWrapPositionA(size / f->FontSize, p, end, avail);
            if (cut <= p)
                cut = p + 1;  // a single glyph wider than the line
            const char* shown_end = cut;
            while (shown_end > p && shown_end[-1] == ' ')
                --shown_end;
            const float width = f->CalcTextSizeA(size, FLT_MAX, 0.0f, p, shown_end).x;
            ImGui::SetCursorPosX(left + std::max(0.0f, (avail - width) * 0.5f));
            ImGui::TextUnformatted(p, shown_end);
            p = cut;
            while (p < end && *p == ' ')
                ++p;
        }
        if (nl == std::string_view::npos)
            break;
        rest.remove_prefix(nl + 1);
    }
    ImGui::PopStyleVar();
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + spacing - line_gap);
    ImGui::PopStyleColor();
    record_text(s);
}

void begin_panel(const char* id, ImVec2 size, ImU32 color, float rounding, ImVec2 padding) {
    ImGui::PushStyleColor(ImGuiCol_ChildBg, color);
    ImGui::PushStyleVar(ImGuiStyleVar_ChildRounding, rounding);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, padding);
    ImGui::BeginChild(id, size, false,
                      ImGuiWindowFlags_AlwaysUseWindowPadding | ImGuiWindowFlags_NoScrollbar);
    ImGui::PopStyleVar(2);
    ImGui::PopStyleColor();
}

void end_panel() {
    ImGui::EndChild();
}

void begin_scroll_area(const char* id, ImVec2 size) {
    ImGui::BeginChild(id, size, false, ImGuiWindowFlags_None);
}

void end_scroll_area() {
    // A finger that moves more than the slop scrolls the list instead of tapping: the
    // scroll follows the finger from where it went down, and the item under it is let go.
    constexpr float kSlop = 24.0f;
    const ImGuiIO& io = ImGui::GetIO();
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    ImGuiStorage* storage = ImGui::GetStateStorage();
    const ImGuiID armed_id = ImGui::GetID("##drag-armed");
    const ImGuiID dragging_id = ImGui::GetID("##dragging");
    const ImGuiID start_id = ImGui::GetID("##drag-start-scroll");

    if (ImGui::IsMouseClicked(0)) {
        const bool inside = window->InnerRect.Contains(io.MouseClickedPos[0]) &&
                            ImGui::IsWindowHovered(ImGuiHoveredFlags_ChildWindows |
                                                   ImGuiHoveredFlags_AllowWhenBlockedByActiveItem);
        storage->SetBool(armed_id, inside);
        storage->SetBool(dragging_id, false);
        storage->SetFloat(start_id, ImGui::GetScrollY());
    }
    if (!io.MouseDown[0]) {
        storage->SetBool(armed_id, false);
        storage->SetBool(dragging_id, false);
    }
    if (storage->GetBool(armed_id)) {
        const float dy = io.MousePos.y - io.MouseClickedPos[0].y;
        if (!storage->GetBool(dragging_id) && std::abs(dy) > kSlop)
            storage->SetBool(dragging_id, true);
        if (storage->GetBool(dragging_id)) {
            ImGui::SetScrollY(
                std::clamp(storage->GetFloat(start_id) - dy, 0.0f, ImGui::GetScrollMaxY()));
            ImGui::ClearActiveID();
        }
    }
    ImGui::EndChild();
}

void text_box(std::string_view s, std::string_view placeholder, float width) {
    const Palette& p = palette();
    FontScope font_scope(FontRole::Title, Weight::Regular);
    const float pad = 24.0f;
    const float w = width > 0 ? width : std::max(1.0f, ImGui::GetContentRegionAvail().x);
    const float h = std::max(kMinTouchSize, ImGui::GetFontSize() + pad * 2);
    const ImVec2 a = ImGui::GetCursorScreenPos(), b(a.x + w, a.y + h);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(a, b, p.background, 14.0f);
    dl->AddRect(a, b, p.border, 14.0f, 0, 3.0f);

    const bool empty = s.empty();
    const std::string_view shown = empty ? placeholder : s;
    const ImVec2 size = ImGui::CalcTextSize(shown.data(), shown.data() + shown.size());
    const float room = w - pad * 2 - 8;
    // Long text: keep its end (where the user types) in view.
    const float x = a.x + pad + (empty ? 0 : std::min(0.0f, room - size.x));
    const float y = a.y + (h - ImGui::GetFontSize()) * 0.5f;
    dl->PushClipRect(ImVec2(a.x + pad, a.y), ImVec2(b.x - pad, b.y), true);
    dl->AddText(ImVec2(x, y), empty ? p.text_muted : p.text, shown.data(),
                shown.data() + shown.size());
    dl->PopClipRect();
    const float caret_x = empty ? a.x + pad : std::min(x + size.x + 4, b.x - pad);
    dl->AddRectFilled(ImVec2(caret_x, y + 6), ImVec2(caret_x + 4, y + ImGui::GetFontSize() - 6),
                      p.primary);
    ImGui::Dummy(ImVec2(w, h));
    record_text(shown);
}

}  // namespace loket::ui
