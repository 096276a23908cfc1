// Every main screen drawn headless in both orientations from server-shaped data, saved as PNG
// in the build folder (screenshots/kiosk) for people to look at, and checked: touch targets
// large enough, nothing drawn off the screen, the expected words shown, the QR code readable.
// The screens themselves: render_scenarios.hpp.
#include <gtest/gtest.h>
#include <imgui.h>
#include <imgui_internal.h>  // the permit page's scroll area, to photograph it further down
#include <stb_image.h>
#include <zbar.h>

#include <set>

#include "kiosk_test_support.hpp"
#include "loket/ui/widgets.hpp"
#include "permit_info.hpp"
#include "render_scenarios.hpp"
#include "view.hpp"

namespace loket::kiosk {
namespace {

using namespace testing;
using namespace std::chrono_literals;
using namespace render_test;

// Every scenario, in the order of their numbers.
std::vector<Scenario> scenarios() {
    std::vector<Scenario> all = queue_screens();
    for (Scenario& s : service_screens())
        all.push_back(std::move(s));
    return all;
}

std::string decode_qr(const std::filesystem::path& png) {
    int w = 0, h = 0, n = 0;
    unsigned char* gray = stbi_load(png.c_str(), &w, &h, &n, 1);
    if (gray == nullptr)
        return "";
    zbar::zbar_image_scanner_t* scanner = zbar::zbar_image_scanner_create();
    zbar::zbar_image_scanner_set_config(scanner, zbar::ZBAR_NONE, zbar::ZBAR_CFG_ENABLE, 1);
    zbar::zbar_image_t* image = zbar::zbar_image_create();
    zbar::zbar_image_set_format(image, zbar_fourcc('Y', '8', '0', '0'));
    zbar::zbar_image_set_size(image, unsigned(w), unsigned(h));
    zbar::zbar_image_set_data(image, gray, std::size_t(w) * std::size_t(h), nullptr);
    zbar::zbar_scan_image(scanner, image);
    std::string found;
    for (const zbar::zbar_symbol_t* s = zbar::zbar_image_first_symbol(image); s != nullptr;
         s = zbar::zbar_symbol_next(s))
        if (zbar::zbar_symbol_get_type(s) == zbar::ZBAR_QRCODE)
            found = zbar::zbar_symbol_get_data(s);
    zbar::zbar_image_destroy(image);
    zbar::zbar_image_scanner_destroy(scanner);
    stbi_image_free(gray);
    return found;
}

// Labels of items inside scroll areas (list entries, checklist rows), which may be partly
// scrolled out of view; they are built at least 96 px high.
std::set<std::string> scrolled_labels(const Model& m) {
    std::set<std::string> out;
    for (const auto& r : m.results())
        out.insert(r.name);
    if (m.permit())
        for (const auto& r : m.permit()->requirements)
            out.insert(r.text);
    return out;
}

class KioskScreens : public ::testing::TestWithParam<bool> {};

TEST_P(KioskScreens, EveryScreenDrawsLegiblyAndFits) {
    const bool landscape = GetParam();
    const std::string orientation = landscape ? "landscape" : "portrait";
    const auto dir = screenshot_dir(orientation);
    const ui::ShellOptions options = headless_screen(landscape);
    ui::AppShell shell(options);
    ASSERT_FALSE(shell.fonts_fallback()) << "Noto Sans missing: install fonts-noto-core";
    const float W = float(options.width), H = float(options.height);

    for (const Scenario& sc : scenarios()) {
        SCOPED_TRACE(orientation + " " + sc.name);
        FakeClock clock;
        Model model(
            ModelOptions{60000ms, Language::Indonesian, "https://antrean.dpmptsp.example.go.id"},
            clock.clocks());
        sc.setup(model);
        model.take_effects();
        ViewState view;
        shell.set_frame([&](ui::AppShell& s) { draw_kiosk(s, model, view); });
        shell.render_frame();  // scroll areas learn their content size; the PNG is the second
        const auto png = dir / (sc.name + ".png");
        ASSERT_TRUE(shell.save_png(png));

        for (const auto& text : sc.expect)
            EXPECT_TRUE(ui::screen_contains_text(text)) << "missing: " << text;

        // Touch targets: at least 96 px high and 88 px wide (15 mm is ~60 px on a 21.5"
        // 1080p panel), inside the screen.
        const auto scrolled = scrolled_labels(model);
        int targets = 0;
        for (const auto& t : ui::tap_targets()) {
            ++targets;
            EXPECT_GE(t.min.x, 0.0f) << t.label;
            EXPECT_GE(t.min.y, 0.0f) << t.label;
            EXPECT_LE(t.max.x, W) << t.label;
            EXPECT_LE(t.max.y, H) << t.label;
            if (scrolled.count(t.label))
                continue;
            EXPECT_GE(t.max.y - t.min.y, ui::kMinTouchSize - 0.5f) << t.label;
            EXPECT_GE(t.max.x - t.min.x, 88.0f) << t.label;
        }
        if (sc.name != "01-connecting" && sc.name != "02-offline" && sc.name != "17-issuing" &&
            sc.name != "33-status-checking") {
            EXPECT_GT(targets, 1);
        }
        // The language toggle is on every screen.
        EXPECT_TRUE(ui::find_tap_target(model.lang() == Language::Indonesian ? "English"
                                                                             : "Bahasa Indonesia"));

        // Nothing the main window draws leaves the screen (scroll areas are their own windows).
        const ImDrawData* dd = ImGui::GetDrawData();
        ASSERT_NE(dd, nullptr);
        for (int i = 0; i < dd->CmdListsCount; ++i) {
            const ImDrawList* list = dd->CmdLists[i];
            if (list->_OwnerName == nullptr || std::string(list->_OwnerName) != "kiosk")
                continue;
            for (const ImDrawVert& v : list->VtxBuffer) {
                ASSERT_GE(v.pos.x, -1.0f);
                ASSERT_GE(v.pos.y, -1.0f);
                ASSERT_LE(v.pos.x, W + 1.0f);
                ASSERT_LE(v.pos.y, H + 1.0f) << "something is drawn below the screen";
            }
        }

        if (sc.name.find("ticket") != std::string::npos) {
            EXPECT_EQ(decode_qr(png), issued().status_url) << "QR unreadable in " << png;
        }
    }
}

// The permit page's scroll area (kiosk/view_permits.cpp begin_list "##content"), or nullptr.
ImGuiWindow* content_area() {
    for (ImGuiWindow* w : ImGui::GetCurrentContext()->Windows)
        if ((w->Flags & ImGuiWindowFlags_ChildWindow) != 0 && w->Active &&
            std::string_view(w->Name).find("##content") != std::string_view::npos)
            return w;
    return nullptr;
}

// Long procedures page by page, down to their last step: every step's input (the SOP's
// Kelengkapan, Kaltim's as a list one item a line) is drawn on some page, and the pages are
// saved for people to look at (Kaltim 17 steps, Dairi 25 on two outcome paths, Pelalawan A.10).
TEST_P(KioskScreens, PermitStepsPageByPage) {
    const bool landscape = GetParam();
    const std::string orientation = landscape ? "landscape" : "portrait";
    const auto dir = screenshot_dir(orientation);
    const ui::ShellOptions options = headless_screen(landscape);
    ui::AppShell shell(options);

    for (const std::string id :
         {"kaltim-ikot", "dairi-iumk", "pelalawan-sertifikat-produksi-ukmot"}) {
        SCOPED_TRACE(orientation + " " + id);
        FakeClock clock;
        Model model(
            ModelOptions{60000ms, Language::Indonesian, "https://antrean.dpmptsp.example.go.id"},
            clock.clocks());
        online(model);
        to_permit(model, id);
        model.select_section(Section::steps);
        model.take_effects();
        ViewState view;
        shell.set_frame([&](ui::AppShell& s) { draw_kiosk(s, model, view); });
        shell.render_frame();
        ImGuiWindow* area = content_area();
        ASSERT_NE(area, nullptr);
        const float page = area->InnerRect.GetHeight() * 0.8f;

        std::set<std::string> drawn;
        int pages = 0;
        for (float y = 0;; y += page) {
            ImGui::SetScrollY(area, std::min(y, area->ScrollMax.y));
            shell.render_frame();  // applies the scroll
            ++pages;
            const std::string number = (pages < 10 ? "0" : "") + std::to_string(pages);
            const auto png = dir / ("09p-" + id + "-" + number + ".png");
            ASSERT_TRUE(shell.save_png(png));
            for (const PermitStep& s : model.permit()->steps) {
                const std::string input = step_input_text(Language::Indonesian, s);
                if (!input.empty() && ui::screen_contains_text(input))
                    drawn.insert(input);
            }
            if (y >= area->ScrollMax.y || pages == 80)
                break;
        }
        EXPECT_LT(pages, 80) << "the procedure is longer than expected";
        for (const PermitStep& s : model.permit()->steps) {
            const std::string input = step_input_text(Language::Indonesian, s);
            EXPECT_TRUE(input.empty() || drawn.count(input)) << "step " << s.number;
        }
    }
}

INSTANTIATE_TEST_SUITE_P(Orientations, KioskScreens, ::testing::Values(false, true),
                         [](const auto& info) { return info.param ? "Landscape" : "Portrait"; });

}  // namespace
}  // namespace loket::kiosk
