// High-contrast palettes (text/background contrast >= 7:1, WCAG AAA) and a touch-sized
// ImGui style.
#include "loket/ui/widgets.hpp"

namespace loket::ui {
namespace {

constexpr ImU32 rgb(unsigned hex) {
    return IM_COL32((hex >> 16) & 0xFF, (hex >> 8) & 0xFF, hex & 0xFF, 0xFF);
}

constexpr Palette kLight{
    .background = rgb(0xFFFFFF),
    .text = rgb(0x111827),
    .text_muted = rgb(0x4B5563),
    .panel = rgb(0xEEF2F7),
    .border = rgb(0x1F2937),
    .primary = rgb(0x0B4F9C),
    .primary_hovered = rgb(0x0D5FBC),
    .primary_active = rgb(0x083A73),
    .on_primary = rgb(0xFFFFFF),
    .secondary = rgb(0xDCE3EC),
    .secondary_hovered = rgb(0xC9D3E0),
    .secondary_active = rgb(0xAEBBCC),
    .on_secondary = rgb(0x111827),
    .accent = rgb(0xF5B000),
    .danger = rgb(0xB3261E),
    .on_danger = rgb(0xFFFFFF),
    .success = rgb(0x1B7F3B),
};

constexpr Palette kDark{
    .background = rgb(0x0B1728),
    .text = rgb(0xFFFFFF),
    .text_muted = rgb(0xC5CED9),
    .panel = rgb(0x14263F),
    .border = rgb(0x5A6B82),
    .primary = rgb(0x1559B5),
    .primary_hovered = rgb(0x1E6FD9),
    .primary_active = rgb(0x0F4589),
    .on_primary = rgb(0xFFFFFF),
    .secondary = rgb(0x24395A),
    .secondary_hovered = rgb(0x2E4A73),
    .secondary_active = rgb(0x1B2C46),
    .on_secondary = rgb(0xFFFFFF),
    .accent = rgb(0xFFC83D),
    .danger = rgb(0xE5534B),
    .on_danger = rgb(0xFFFFFF),
    .success = rgb(0x3FB950),
};

ImVec4 f4(ImU32 c) {
    return ImGui::ColorConvertU32ToFloat4(c);
}

}  // namespace

const Palette& palette(Theme theme) {
    return theme == Theme::Dark ? kDark : kLight;
}

const Palette& palette() {
    const AppShell* shell = AppShell::current();
    return palette(shell != nullptr ? shell->theme() : Theme::Light);
}

void apply_style(Theme theme) {
    const Palette& p = palette(theme);
    ImGuiStyle& s = ImGui::GetStyle();
    s = ImGuiStyle();
    s.WindowPadding = ImVec2(40, 40);
    s.FramePadding = ImVec2(28, 20);
    s.ItemSpacing = ImVec2(24, 24);
    s.ItemInnerSpacing = ImVec2(16, 16);
    s.TouchExtraPadding = ImVec2(0, 0);  // neighbouring keys must not steal taps
    s.ScrollbarSize = 48;
    s.GrabMinSize = 64;
    s.WindowRounding = 0;
    s.ChildRounding = 16;
    s.FrameRounding = 14;
    s.PopupRounding = 16;
    s.ScrollbarRounding = 24;
    s.GrabRounding = 14;
    s.WindowBorderSize = 0;
    s.ChildBorderSize = 0;
    s.PopupBorderSize = 2;
    s.FrameBorderSize = 0;
    s.DisabledAlpha = 0.45f;
    s.AntiAliasedLines = s.AntiAliasedFill = true;

    ImVec4* c = s.Colors;
    c[ImGuiCol_Text] = f4(p.text);
    c[ImGuiCol_TextDisabled] = f4(p.text_muted);
    c[ImGuiCol_WindowBg] = f4(p.background);
    c[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_PopupBg] = f4(p.background);
    c[ImGuiCol_Border] = f4(p.border);
    c[ImGuiCol_BorderShadow] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_FrameBg] = f4(p.panel);
    c[ImGuiCol_FrameBgHovered] = f4(p.secondary_hovered);
    c[ImGuiCol_FrameBgActive] = f4(p.secondary_active);
    c[ImGuiCol_ScrollbarBg] = f4(p.panel);
    c[ImGuiCol_ScrollbarGrab] = f4(p.text_muted);
    c[ImGuiCol_ScrollbarGrabHovered] = f4(p.text);
    c[ImGuiCol_ScrollbarGrabActive] = f4(p.primary);
    c[ImGuiCol_CheckMark] = f4(p.primary);
    c[ImGuiCol_SliderGrab] = f4(p.primary);
    c[ImGuiCol_SliderGrabActive] = f4(p.primary_active);
    c[ImGuiCol_Button] = f4(p.primary);
    c[ImGuiCol_ButtonHovered] = f4(p.primary_hovered);
    c[ImGuiCol_ButtonActive] = f4(p.primary_active);
    c[ImGuiCol_Header] = f4(p.secondary);
    c[ImGuiCol_HeaderHovered] = f4(p.secondary_hovered);
    c[ImGuiCol_HeaderActive] = f4(p.secondary_active);
    c[ImGuiCol_Separator] = f4(p.border);
    c[ImGuiCol_TextSelectedBg] = f4(p.accent);
    c[ImGuiCol_ModalWindowDimBg] = ImVec4(0, 0, 0, 0.6f);
    c[ImGuiCol_NavHighlight] = f4(p.accent);
}

}  // namespace loket::ui
