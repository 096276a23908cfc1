// The shipped catalog's faithfulness to its SOPs: every piece of SOP text occurs in its seed
// file, and the API form carries the normalised time and keeps the file's field names.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "catalog_data_fixture.hpp"
#include "loket/catalog.hpp"
#include "office_catalog.hpp"

namespace loket {
namespace {

using namespace catalog_data_test;

// Faithfulness: every piece of SOP text in the catalog occurs in its seed file (after removing
// markup), so nothing was retyped, corrected or invented. Steps are checked line by line.
TEST(CatalogData, EveryTextComesFromItsSeed) {
    for (const auto& [id, seed_file] : kSeedOf) {
        SCOPED_TRACE(id);
        const catalog::Permit& p = permit(id);
        const std::string seed = seed_plain(seed_file);
        auto check = [&](const std::string& what, const std::string& text) {
            if (text.empty())
                return;
            EXPECT_TRUE(in_seed(seed, text)) << what << ": \"" << text << "\"";
        };
        for (const catalog::ProcedureStep& s : p.steps) {
            const std::string at = "step " + std::to_string(s.number);
            // The time text must occur exactly, never pieced together.
            if (!s.time.text.empty()) {
                EXPECT_NE(seed.find(one_line(s.time.text)), std::string::npos)
                    << at << " time: \"" << s.time.text << "\"";
            }
            for (const auto& l : lines(s.activity))
                check(at + " activity", l);
            for (const auto& l : lines(s.input))
                check(at + " input", l);
            for (const auto& l : lines(s.output))
                check(at + " output", l);
            for (const auto& l : lines(s.note))
                check(at + " note", l);
            for (const auto& a : s.actors)
                check(at + " actor", a);
        }
        for (const auto& r : p.requirements)
            check("requirement", r.text);
        for (const catalog::ProcedureStep& s : p.steps)
            check("step condition", s.condition);
        for (const auto& d : p.definitions) {
            check("definition term", d.term);
            check("definition", d.text);
        }
        check("service_time.text", p.service_time.text);
        check("contact.address", p.contact.address);
        check("contact.phone", p.contact.phone);
        check("contact.fax", p.contact.fax);
        check("name", p.name);
        check("office", p.office);
        check("sop.number", p.sop.number);
        check("sop.title", p.sop.title);
        check("sop.created", p.sop.created);
        check("sop.effective", p.sop.effective);
        for (const auto* list : {&p.legal_basis, &p.executor_qualifications, &p.related_sops,
                                 &p.equipment, &p.warnings, &p.record_keeping,
                                 &p.complaint_channels, &p.service_hours, &p.facilities}) {
            for (const auto& item : *list) {
                for (const auto& l : lines(item))  // Kaltim A no. 12: two regulations
                    check("list item", l);
            }
        }
        for (const auto* fact : {&p.cost, &p.product, &p.validity}) {
            if (*fact)
                check("stated fact", **fact);
        }
    }
}

TEST(CatalogData, ApiJsonCarriesTheNormalisedTime) {
    const nlohmann::json j = to_json(permit("kaltim-ikot"));
    const nlohmann::json& time = j.at("steps").at(11).at("time");
    EXPECT_EQ(time.at("text"), "Hari H - H+3 10 - 30 menit");
    EXPECT_EQ(time.at("minutes_min"), 10);
    EXPECT_EQ(time.at("minutes_max"), 30);
    EXPECT_EQ(time.at("day_offset_from"), 0);
    EXPECT_EQ(time.at("day_offset_to"), 3);
    EXPECT_TRUE(time.at("days_min").is_null());
    EXPECT_EQ(j.at("requirements").size(), 19u);
    EXPECT_EQ(j.at("requirements").at(2).at("applies_to"), "badan_usaha");
    EXPECT_EQ(j.at("total_step_minutes"), 175);
    EXPECT_EQ(j.at("cost"), "Biaya penerbitan perizinan ini tidak ada / tanpa tarif / gratis.");
    EXPECT_EQ(j.at("service_time").at("value"), 7);
    EXPECT_EQ(j.at("service_time").at("unit"), "hari");
    EXPECT_EQ(j.at("service_time").at("basis"), "stated");
    EXPECT_EQ(j.at("completion_time"), j.at("service_time").at("text"));
    EXPECT_TRUE(j.at("step_totals").at("ditolak").is_null());

    const nlohmann::json a10 = to_json(permit("pelalawan-sertifikat-produksi-ukmot"));
    EXPECT_EQ(a10.at("steps").at(3).at("time").at("working_days_max"), 3);
    EXPECT_TRUE(a10.at("steps").at(3).at("time").at("days_max").is_null());
    EXPECT_EQ(a10.at("total_step_working_days"), 5);
    EXPECT_TRUE(a10.at("service_time").at("value").is_null());

    const nlohmann::json dairi = to_json(permit("dairi-iumk"));
    EXPECT_EQ(dairi.at("cost"), "Surat Rekomendasi dan SKRD");
    EXPECT_TRUE(dairi.at("validity").is_null());
    EXPECT_TRUE(dairi.at("completion_time").is_null());
    EXPECT_EQ(dairi.at("steps").size(), 25u);
    EXPECT_EQ(dairi.at("steps").at(8).at("branch"), "ditolak");
    EXPECT_EQ(dairi.at("step_totals").at("disetujui").at("minutes"), 690);
    EXPECT_EQ(dairi.at("step_totals").at("ditolak").at("minutes"), 840);
    EXPECT_EQ(dairi.at("steps").at(1).at("time").at("minutes_max"), 120);
}

// The API form keeps every field name the catalog file uses, so clients and editors share one
// vocabulary.
TEST(CatalogData, ApiJsonUsesTheFileFieldNames) {
    const std::string file = read_file(kCatalogDir / "kaltim-ikot.json");
    const nlohmann::json source = nlohmann::json::parse(file);
    const nlohmann::json api = to_json(permit("kaltim-ikot"));
    for (const auto& [key, value] : source.items()) {
        EXPECT_TRUE(api.contains(key)) << key;
    }
    for (const auto& [key, value] : source.at("steps").at(0).items()) {
        EXPECT_TRUE(api.at("steps").at(0).contains(key)) << key;
    }
}

}  // namespace
}  // namespace loket
