// Permit information, one permit: its SOP sections in tabs, the requirements as a checklist, and
// taking a number for it.
#include <algorithm>
#include <cmath>

#include "format.hpp"
#include "permit_info.hpp"
#include "view_common.hpp"

namespace loket::kiosk::view {
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

// The requirements as a checklist, after the applicant kind when the list depends on it.
void requirements_section(Frame& f, const PermitDetail& permit, float width) {
    const auto& p = pal();
    if (permit.requirements.empty()) {
        block_text(f.t(T::no_requirements), FontRole::Body, Weight::Bold, p.text_muted, width);
        return;
    }
    if (f.m.needs_applicant()) {
        applicant_question(f, width);
        return;
    }
    if (f.m.applicant() != Applicant::unknown)
        applicant_chosen(f, width);
    block_text(f.t(T::checklist_hint), FontRole::Body, Weight::Regular, p.text_muted, width);
    for (const std::size_t i : f.m.shown_requirements()) {
        const std::string id = "##req-" + std::to_string(i);
        const bool ticked = i < f.m.ticked().size() && f.m.ticked()[i];
        PermitRequirement shown = permit.requirements[i];
        if (requirement_fit(shown, f.m.applicant()) == RequirementFit::if_proxy)
            shown.source = std::string(f.t(T::requirement_if_proxy));
        if (check_row(id.c_str(), shown.text, shown, ticked, width))
            f.act([&m = f.m, i] { m.toggle_requirement(i); });
    }
}

void steps_section(Frame& f, const PermitDetail& permit, float width) {
    const auto& p = pal();
    const Language lang = f.m.lang();
    if (permit.steps.empty()) {
        block_text(f.t(T::not_in_sop), FontRole::Body, Weight::Bold, p.text_muted, width);
        return;
    }
    // The SOP's procedure is written for staff: say so, then the common path and each
    // outcome path under its own heading.
    block_text(f.t(T::procedure_note), FontRole::Small, Weight::Regular, p.text_muted, width);
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
}

void product_section(Frame& f, const PermitDetail& permit, float width) {
    const auto& p = pal();
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
}

void office_section(Frame& f, const PermitDetail& permit, float width) {
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
}

void section_content(Frame& f, const PermitDetail& permit, float width) {
    const auto& p = pal();
    // In English, say first that what follows is the SOP's own (Indonesian) wording.
    if (!f.t(T::sop_language_note).empty())
        block_text(f.t(T::sop_language_note), FontRole::Small, Weight::Bold, p.text_muted, width);
    switch (f.m.section()) {
        case Section::requirements:
            requirements_section(f, permit, width);
            break;
        case Section::steps:
            steps_section(f, permit, width);
            break;
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
        case Section::product:
            product_section(f, permit, width);
            break;
        case Section::office:
            office_section(f, permit, width);
            break;
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

// The permit's name (the title font when it fits: two lines in portrait, one in landscape) and
// where it is served; returns the y below them.
float permit_title(Frame& f, const PermitDetail& permit, float x, float y, float width) {
    const auto& p = pal();
    const FontRole name_role =
        wrap(permit.name, FontRole::Title, Weight::Bold, width).size() <= (f.portrait ? 2u : 1u)
            ? FontRole::Title
            : FontRole::Body;
    y += text_at(ImVec2(x, y), width, permit.name, name_role, Weight::Bold);
    std::string where = permit.office;
    if (!permit.region.empty() && permit.office.find(permit.region) == std::string::npos)
        where += (where.empty() ? "" : ", ") + permit.region;
    y += text_at(ImVec2(x, y), width, where, FontRole::Small, Weight::Regular, p.text_muted) + 20;
    return y;
}

// What the bottom bar (portrait) or the sidebar (landscape) shows under the tabs.
struct TakeBar {
    bool can_take = false;
    std::string progress;  // the checklist progress; empty when there is none to show
    ImU32 progress_color = 0;
};

// "Ambil Nomor", with why it is off when it is (closed, or no server), or the progress.
void take_tile(Frame& f, const TakeBar& bar, ImVec2 pos, ImVec2 size, bool with_progress) {
    TileStyle s = primary_tile();
    s.enabled = bar.can_take;
    std::vector<Line> lines = {{std::string(f.t(T::take_number)), FontRole::Title, Weight::Bold}};
    if (!bar.can_take)
        lines.push_back(
            {std::string(f.t(f.m.online() ? T::take_number_closed : T::take_number_offline)),
             FontRole::Small});
    else if (with_progress && !bar.progress.empty())
        lines.push_back({bar.progress, FontRole::Small});
    if (tile("##take-number", f.t(T::take_number), pos, size, lines, s))
        f.act([&m = f.m] { m.take_number_for_permit(); });
}

// Portrait: tabs in two rows (3 + 3) above the section, "Ambil Nomor" and the progress in a
// bottom bar.
void permit_portrait(Frame& f, const PermitDetail& permit, const TakeBar& bar, float x, float y,
                     float width, float bottom) {
    const float bar_h = 150;
    const float bar_y = bottom - bar_h;
    const float take_w = 520;
    take_tile(f, bar, ImVec2(x + width - take_w, bar_y), ImVec2(take_w, bar_h), false);
    const float pw = width - take_w - kGap;
    const float ph = lines_height({{bar.progress, FontRole::Body, Weight::Bold}}, pw);
    text_at(ImVec2(x, bar_y + (bar_h - ph) * 0.5f), pw, bar.progress, FontRole::Body, Weight::Bold,
            bar.progress_color);
    const float tab_h = 132, gap = 16;
    const float w3 = (width - 2 * gap) / 3;
    for (int i = 0; i < 6; ++i)
        tab(f, kTabs[i], ImVec2(x + float(i % 3) * (w3 + gap), y + float(i / 3) * (tab_h + gap)),
            ImVec2(w3, tab_h));
    y += 2 * tab_h + gap + 28;
    begin_list(f, "##content", ImVec2(x, y), ImVec2(width, bar_y - 28 - y));
    section_content(f, permit, ImGui::GetContentRegionAvail().x);
    ui::end_scroll_area();
}

// Landscape: tabs and "Ambil Nomor" (with the checklist progress) in a sidebar; the section on
// the right.
void permit_landscape(Frame& f, const PermitDetail& permit, const TakeBar& bar, float x, float y,
                      float bottom) {
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
    take_tile(f, bar, ImVec2(x, take_y),
              ImVec2(side_w, std::max(ui::kMinTouchSize, bottom - take_y)), true);
    const float cx = x + side_w + 40;
    begin_list(f, "##content", ImVec2(cx, y), ImVec2(f.w - kMargin - cx, bottom - y));
    section_content(f, permit, ImGui::GetContentRegionAvail().x);
    ui::end_scroll_area();
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
    y = permit_title(f, *permit, x, y, width);

    // Bottom bar: checklist progress and "Ambil Nomor".
    const float bottom = f.h - kMargin;
    TakeBar bar;
    bar.can_take = f.m.can_take_numbers();
    const std::size_t required = f.m.counted_requirements().size();
    bar.progress = required == 0 || f.m.needs_applicant()
                       ? std::string()
                       : checklist_progress_text(f.m.lang(), f.m.ticked_count(), int(required));
    bar.progress_color = f.m.all_ticked() ? p.success : p.text;
    if (f.portrait)
        permit_portrait(f, *permit, bar, x, y, width, bottom);
    else
        permit_landscape(f, *permit, bar, x, y, bottom);
}

}  // namespace loket::kiosk::view
