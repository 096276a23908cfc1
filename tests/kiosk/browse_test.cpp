// Browsing the permit list by category and A-Z, page by page: the model's grouping and paging
// over the five SOP permits and over a generated 300-permit catalog, and the screens drawn
// headless in both orientations (PNG files in screenshots/kiosk/<orientation>/browse-*.png).
#include <gtest/gtest.h>
#include <imgui.h>

#include <algorithm>
#include <cctype>
#include <numeric>

#include "kiosk_test_support.hpp"
#include "loket/ui/widgets.hpp"
#include "view.hpp"

namespace loket::kiosk {
namespace {

using namespace testing;

std::string lower(std::string s) {
    for (char& c : s)
        c = char(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

std::vector<std::string> names(const std::vector<const PermitSummary*>& list) {
    std::vector<std::string> out;
    for (const PermitSummary* p : list)
        out.push_back(p->name);
    return out;
}

class BrowseTest : public ::testing::Test {
  protected:
    FakeClock clock;
    Model m{ModelOptions{}, clock.clocks()};

    void load(const catalog::Catalog& c) {
        m.on_office(office());
        m.on_services(services());
        m.on_catalog(summaries_of(c), details_of(c));
        m.take_effects();
    }
};

TEST_F(BrowseTest, SeedCatalogOpensOnTheSearchAndGroupsItsFivePermits) {
    load(catalog());
    m.open_permit_info();
    EXPECT_EQ(m.browse(), Browse::search) << "five permits fit on the search screen";
    m.show_categories();
    EXPECT_EQ(m.browse(), Browse::categories);
    // The server's list names no category: the permits' own information does.
    EXPECT_EQ(m.categories(), (std::vector<CategoryEntry>{{"Kesehatan", 2},
                                                          {"Perizinan Berusaha Berbasis Risiko", 1},
                                                          {"Usaha Mikro dan Kecil", 2}}));
    EXPECT_EQ(m.page_count(), 1);
    m.open_category("Kesehatan");
    EXPECT_EQ(m.browse(), Browse::category);
    EXPECT_EQ(
        names(m.page_permits()),
        (std::vector<std::string>{"Izin Industri Kecil Obat Tradisional (IKOT)",
                                  "SERTIFIKAT PRODUKSI USAHA KECIL DAN MIKRO OBAT TRADISIONAL"}));
    // Back: first to the categories, then off the list.
    m.back();
    EXPECT_EQ(m.browse(), Browse::categories);
    EXPECT_EQ(m.screen(), Screen::permits);
    m.back();
    EXPECT_EQ(m.screen(), Screen::start);
}

TEST_F(BrowseTest, SeedCatalogAToZ) {
    load(catalog());
    m.open_permit_info();
    m.show_az();
    EXPECT_EQ(m.letters(), (std::vector<std::string>{"I", "S"}));
    // Case-blind A-Z.
    EXPECT_EQ(names(m.browsed()), (std::vector<std::string>{
                                      "Izin Industri Kecil Obat Tradisional (IKOT)",
                                      "IZIN USAHA MIKRO DAN KECIL (IUMK)", "IZIN USAHA MIKRO KECIL",
                                      "SERTIFIKAT PRODUKSI USAHA KECIL DAN MIKRO OBAT TRADISIONAL",
                                      "Sertifikat Standar (SS)"}));
}

TEST_F(BrowseTest, ThreeHundredPermitsOpenOnTheCategories) {
    load(generated_catalog());
    m.open_permit_info();
    EXPECT_EQ(m.browse(), Browse::categories);
    const auto cats = m.categories();
    ASSERT_EQ(cats.size(), 14u);
    EXPECT_EQ(cats.front().name, "Energi dan Sumber Daya Mineral");
    EXPECT_EQ(cats.back().name, "") << "Lainnya / Other last";
    EXPECT_EQ(std::accumulate(cats.begin(), cats.end(), 0,
                              [](int n, const CategoryEntry& c) { return n + c.permits; }),
              300);
    m.set_page_sizes(6, 8);
    EXPECT_EQ(m.page_count(), 2);
    EXPECT_EQ(m.page_categories().size(), 8u);
    m.next_page();
    EXPECT_EQ(m.page_categories().size(), 6u);
    m.next_page();  // no page after the last
    EXPECT_EQ(m.category_page(), 1);

    m.open_category("Kesehatan");
    const auto all = m.browsed();
    ASSERT_EQ(all.size(), 40u);  // ten types, new + renewal + change + duplicate
    for (const PermitSummary* p : all)
        EXPECT_EQ(p->category, "Kesehatan");
    EXPECT_EQ(m.page_count(), 7);
    EXPECT_EQ(m.page_permits().size(), 6u);
    for (int i = 0; i < 10; ++i)
        m.next_page();
    EXPECT_EQ(m.page(), 6);
    EXPECT_EQ(m.page_permits().size(), 4u);
    m.previous_page();
    EXPECT_EQ(m.page(), 5);
    for (int i = 0; i < 10; ++i)
        m.previous_page();
    EXPECT_EQ(m.page(), 0);

    // The categories keep their page when the applicant comes back to them.
    m.back();
    EXPECT_EQ(m.browse(), Browse::categories);
    EXPECT_EQ(m.category_page(), 1);
}

TEST_F(BrowseTest, ThreeHundredPermitsAToZWithLetters) {
    load(generated_catalog());
    m.open_permit_info();
    m.set_page_sizes(6, 8);
    m.show_az();
    const auto all = names(m.browsed());
    ASSERT_EQ(all.size(), 300u);
    EXPECT_TRUE(std::is_sorted(all.begin(), all.end(),
                               [](const auto& a, const auto& b) { return lower(a) < lower(b); }));
    const auto letters = m.letters();
    EXPECT_TRUE(std::is_sorted(letters.begin(), letters.end()));
    EXPECT_EQ(letters.front(), "A");
    EXPECT_EQ(m.page_count(), 50);
    m.jump_to_letter("S");
    const auto page = m.page_permits();
    ASSERT_FALSE(page.empty());
    // The page holds the first "S" permit.
    const auto first_s =
        std::find_if(all.begin(), all.end(), [](const std::string& n) { return n[0] == 'S'; });
    // The letter's first permit heads the page; the page number counts the pages before it.
    EXPECT_EQ(page.front()->name, *first_s);
    EXPECT_EQ(m.page(), (int(first_s - all.begin()) + 5) / 6);
    m.previous_page();
    EXPECT_EQ(m.page_permits().back()->name, *(first_s - 1));

    // Another page size (another orientation) keeps the first row shown first.
    const std::string first_shown = m.page_permits().front()->name;
    m.set_page_sizes(4, 8);
    EXPECT_EQ(m.page_permits().front()->name, first_shown);
    EXPECT_EQ(m.page_permits().size(), 4u);
}

TEST_F(BrowseTest, TypingSwitchesToTheSearchAndAnIdleResetForgetsTheBrowsing) {
    load(generated_catalog());
    m.open_permit_info();
    m.take_effects();
    m.open_category("Perdagangan");
    m.next_page();
    m.set_query("siup");
    EXPECT_EQ(m.browse(), Browse::search);
    EXPECT_EQ(effects_of<SearchPermits>(m.take_effects()).size(), 1u);
    m.go_home();
    EXPECT_EQ(m.browse(), Browse::search);
    EXPECT_EQ(m.page(), 0);
    m.open_permit_info();
    EXPECT_EQ(m.browse(), Browse::categories);
    EXPECT_EQ(m.category(), "");
}

TEST_F(BrowseTest, OfflineSearchOverThreeHundredPermitsUsesTheCatalogRanking) {
    load(generated_catalog());
    m.on_office(parse_office(no_reply()));
    m.open_permit_info();
    m.set_query("siup");
    EXPECT_TRUE(m.take_effects().empty());
    ASSERT_GE(m.results().size(), 7u);
    EXPECT_EQ(m.results()[0].name, "Surat Izin Usaha Perdagangan (SIUP) - Baru");
    EXPECT_EQ(m.results()[0].category, "Perdagangan");
    m.set_query("apotke");
    ASSERT_FALSE(m.results().empty());
    EXPECT_EQ(m.results()[0].name, "Izin Apotek - Baru");
}

// ---- Screens ------------------------------------------------------------------------------

struct Shot {
    std::string name;
    const catalog::Catalog* catalog;
    std::function<void(Model&)> go;  // after a first frame has set the page sizes
    std::vector<std::string> expect;
    std::function<void(Model&)> then = {};  // after the next frames (the list's page sizes)
};

std::vector<Shot> shots() {
    const catalog::Catalog* seed = &catalog();
    const catalog::Catalog* big = &generated_catalog();
    return {
        {"browse-seed-categories",
         seed,
         [](Model& m) { m.show_categories(); },
         {"Kategori", "Kesehatan", "Usaha Mikro dan Kecil", "Perizinan Berusaha Berbasis Risiko",
          "2 izin"}},
        {"browse-seed-category",
         seed,
         [](Model& m) { m.open_category("Kesehatan"); },
         {"Semua Kategori", "Izin Industri Kecil Obat Tradisional (IKOT)"}},
        {"browse-seed-az",
         seed,
         [](Model& m) { m.show_az(); },
         {"Izin Industri Kecil Obat Tradisional (IKOT)", "I", "S"}},
        {"browse-300-categories",
         big,
         [](Model&) {},
         {"Kesehatan", "Energi dan Sumber Daya Mineral"}},
        {"browse-300-category-page-2",
         big,
         [](Model& m) { m.open_category("Perdagangan"); },
         {"Perdagangan", "Halaman 2 dari", "Berikutnya", "Sebelumnya"},
         [](Model& m) { m.next_page(); }},
        {"browse-300-az-s",
         big,
         [](Model& m) { m.jump_to_letter("S"); },
         {"Sertifikat Halal Usaha Mikro - Baru"}},
        {"browse-300-lainnya",
         big,
         [](Model& m) { m.open_category(""); },
         {"Lainnya", "Izin Keramaian - Baru"}},
        {"browse-300-search-all",
         big,
         [](Model& m) { m.show_search(); },
         {"20 izin pertama dari 300", "Spasi"}},
        {"browse-300-search-siup",
         big,
         [](Model& m) {
             m.on_office(parse_office(no_reply()));  // answered from the kiosk's copy
             m.set_query("siup");
         },
         {"Surat Izin Usaha Perdagangan (SIUP) - Baru"}},
        {"browse-300-category-en",
         big,
         [](Model& m) {
             m.toggle_language();
             m.open_category("Pendidikan");
         },
         {"All Categories", "Next", "Previous", "Page 1 of"}},
    };
}

// The server's answer to each search the model asked for, from the same catalog.
void answer_searches(Model& m, const catalog::Catalog& c) {
    for (const auto& s : effects_of<SearchPermits>(m.take_effects())) {
        catalog::Catalog found;
        for (const catalog::Permit* p : c.search(s.query))
            found.add(*p);
        m.on_permits(s.seq, summaries_of(found));
    }
}

class BrowseScreens : public ::testing::TestWithParam<bool> {};

TEST_P(BrowseScreens, DrawLegiblyAndFit) {
    const bool landscape = GetParam();
    const std::string orientation = landscape ? "landscape" : "portrait";
    const auto dir = screenshot_dir(orientation);
    const ui::ShellOptions options = headless_screen(landscape);
    ui::AppShell shell(options);
    ASSERT_FALSE(shell.fonts_fallback()) << "Noto Sans missing: install fonts-noto-core";
    const float W = float(options.width), H = float(options.height);
    for (const Shot& sc : shots()) {
        SCOPED_TRACE(orientation + " " + sc.name);
        FakeClock clock;
        Model model(ModelOptions{}, clock.clocks());
        model.on_office(office());
        model.on_services(services());
        model.on_catalog(summaries_of(*sc.catalog), details_of(*sc.catalog));
        model.open_permit_info();
        answer_searches(model, *sc.catalog);
        ViewState view;
        shell.set_frame([&](ui::AppShell& s) { draw_kiosk(s, model, view); });
        shell.render_frame();  // the view sets the page sizes for this orientation
        sc.go(model);
        answer_searches(model, *sc.catalog);
        shell.render_frame();
        shell.render_frame();
        if (sc.then) {
            sc.then(model);
            answer_searches(model, *sc.catalog);
            shell.render_frame();
            shell.render_frame();
        }
        ASSERT_TRUE(shell.save_png(dir / (sc.name + ".png")));
        for (const auto& text : sc.expect)
            EXPECT_TRUE(ui::screen_contains_text(text)) << "missing: " << text;
        int targets = 0;
        for (const auto& t : ui::tap_targets()) {
            ++targets;
            EXPECT_GE(t.min.x, 0.0f) << t.label;
            EXPECT_GE(t.min.y, 0.0f) << t.label;
            EXPECT_LE(t.max.x, W) << t.label;
            EXPECT_LE(t.max.y, H) << t.label;
            if (model.browse() == Browse::search && t.label.find("Izin") != std::string::npos)
                continue;  // search results scroll
            EXPECT_GE(t.max.y - t.min.y, ui::kMinTouchSize - 0.5f) << t.label;
            EXPECT_GE(t.max.x - t.min.x, 88.0f) << t.label;
        }
        EXPECT_GT(targets, 4);
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
    }
}

INSTANTIATE_TEST_SUITE_P(Orientations, BrowseScreens, ::testing::Values(false, true),
                         [](const auto& info) { return info.param ? "Landscape" : "Portrait"; });

}  // namespace
}  // namespace loket::kiosk
