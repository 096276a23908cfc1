// On-screen keyboard for touch kiosks: rows of ten equal columns filling the width.
#include <cctype>
#include <string>

#include "loket/ui/widgets.hpp"

namespace loket::ui {

bool onscreen_keyboard(const char* id, std::string& text, const KeyboardOptions& o) {
    constexpr float kGap = 10.0f;
    constexpr int kColumns = 10;
    ImGui::PushID(id);
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(kGap, kGap));
    const float unit = (ImGui::GetContentRegionAvail().x - kGap * (kColumns - 1)) / kColumns;
    bool changed = false;

    // A key spanning `columns` columns; `same_line` keeps the row going.
    const auto key = [&](const std::string& label, const char* key_id, int columns, FontRole role,
                         ButtonKind kind, bool same_line) {
        const float w = unit * float(columns) + kGap * float(columns - 1);
        const bool pressed = big_button(label + "##key-" + key_id, ImVec2(w, o.key_height),
                                        {kind, role, Weight::Bold, true});
        if (same_line)
            ImGui::SameLine();
        return pressed;
    };
    const auto append = [&](char c) {
        if (text.size() < o.max_length) {
            text += c;
            changed = true;
        }
    };
    const auto row = [&](const char* keys) {
        for (const char* k = keys; *k != '\0'; ++k) {
            const char shown[2] = {char(std::toupper(static_cast<unsigned char>(*k))), '\0'};
            const char key_id[2] = {*k, '\0'};
            if (key(shown, key_id, 1, FontRole::Title, ButtonKind::Secondary, k[1] != '\0'))
                append(o.uppercase_output ? shown[0] : *k);
        }
    };

    if (o.digits)
        row("1234567890");
    row("qwertyuiop");
    row("asdfghjkl-");
    row("zxcvbnm");
    ImGui::SameLine();
    if (key(o.backspace_label, "backspace", 3, FontRole::Body, ButtonKind::Primary, false) &&
        !text.empty()) {
        // Drop the whole last UTF-8 sequence, not just its last byte.
        std::size_t cut = text.size() - 1;
        while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
            --cut;
        text.erase(cut);
        changed = true;
    }
    if (key(o.clear_label, "clear", 3, FontRole::Body, ButtonKind::Danger, true) && !text.empty()) {
        text.clear();
        changed = true;
    }
    // The space bar keeps at least four columns; each extra key takes one of its seven.
    const std::string extra = o.extra_keys.substr(0, 3);
    const int space_columns = 7 - int(extra.size());
    if (key(o.space_label, "space", space_columns, FontRole::Body, ButtonKind::Secondary,
            !extra.empty()) &&
        !text.empty() && text.back() != ' ')
        append(' ');
    for (std::size_t i = 0; i < extra.size(); ++i) {
        const char shown[2] = {extra[i], '\0'};
        // Ids by position: "@" and "." are not safe to rely on in an ImGui id's "##" suffix.
        const std::string key_id = "extra" + std::to_string(i);
        if (key(shown, key_id.c_str(), 1, FontRole::Title, ButtonKind::Secondary,
                i + 1 < extra.size()))
            append(extra[i]);
    }

    ImGui::PopStyleVar();
    ImGui::PopID();
    return changed;
}

}  // namespace loket::ui
