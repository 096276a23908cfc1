// The protocol's writer of the catalog history's values (loket/catalog_wire.hpp): the keys the
// catalog editor's replies and the catalog.changed event carry, and the export's reader.
#include "loket/catalog_wire.hpp"

#include <gtest/gtest.h>

#include "loket/catalog.hpp"
#include "loket/input_error.hpp"

namespace loket::protocol {
namespace {

using nlohmann::json;

catalog::PermitVersion saved_version() {
    return {"kaltim-ikot", 3, "updated", "biaya diperbarui", "rina", 1'796'000'000'000, false};
}

TEST(CatalogWire, VersionListingAndHistory) {
    const json version = permit_version_json(saved_version());
    EXPECT_EQ(version, (json{{"permit_id", "kaltim-ikot"},
                             {"version", 3},
                             {"change", "updated"},
                             {"note", "biaya diperbarui"},
                             {"saved_by", "rina"},
                             {"saved_at", 1'796'000'000'000},
                             {"retired", false}}));
    EXPECT_EQ(permit_saved_json(saved_version()), (json{{"version", version}}));
    EXPECT_EQ(permit_versions_json({saved_version()}), (json{{"versions", {version}}}));

    const json listed =
        permit_listing_json({{saved_version(), "Izin Operasional", "IKOT", "kesehatan"}});
    ASSERT_EQ(listed["permits"].size(), 1u);
    json expected = version;
    expected["name"] = "Izin Operasional";
    expected["short_name"] = "IKOT";
    expected["category"] = "kesehatan";
    EXPECT_EQ(listed["permits"][0], expected);
    EXPECT_EQ(permit_listing_json({}), (json{{"permits", json::array()}}));
}

TEST(CatalogWire, DiffWritesTheValueBeforeAndLeavesNoValueOnARemoval) {
    const json before = {{"name", "Lama"}, {"fee", 0}};
    const json after = {{"name", "Baru"}, {"days", 3}};
    const json out = permit_diff_json(1, 2, catalog::document_changes(before, after));
    EXPECT_EQ(out["from"], 1);
    EXPECT_EQ(out["to"], 2);
    json expected = json::array();
    for (json op : json::diff(before, after)) {
        const json::json_pointer at(op["path"].get<std::string>());
        op["before"] = op["op"] != "add" ? before.at(at) : json(nullptr);
        expected.push_back(op);
    }
    EXPECT_EQ(out["changes"], expected);
    EXPECT_EQ(out["changes"].size(), 3u);  // replace name, remove fee, add days
}

TEST(CatalogWire, ImportOutcomeAndChangedPayload) {
    EXPECT_EQ(import_outcome_json({2, 1, 5}),
              (json{{"created", 2}, {"updated", 1}, {"unchanged", 5}}));
    catalog::PermitVersion retired = saved_version();
    retired.change = "retired";
    retired.retired = true;
    EXPECT_EQ(catalog_changed_payload(retired, StaffRef("rina", "admin")),
              (json{{"permit_id", "kaltim-ikot"},
                    {"version", 3},
                    {"change", "retired"},
                    {"retired", true},
                    {"staff", {{"name", "rina"}, {"role", "admin"}}}}));
}

TEST(CatalogWire, ExportReadBackAndRefusedNamingTheField) {
    const std::vector<json> documents =
        catalog::Catalog::load_documents(LOKET_SOURCE_DIR "/assets/catalog");
    ASSERT_GE(documents.size(), 2u);
    const json exported = catalog_export_json(documents);
    EXPECT_EQ(exported["format"], "loket-catalog/1");
    EXPECT_EQ(exported["permits"].size(), documents.size());
    EXPECT_EQ(read_catalog_export(exported), documents);

    const auto refusal_of = [](const json& body) {
        try {
            read_catalog_export(body);
        } catch (const InputError& e) {
            return e.code() + " " + e.field();
        }
        return std::string("read");
    };
    EXPECT_EQ(refusal_of(json::array()), "wrong_type ");
    EXPECT_EQ(refusal_of({{"format", "loket-catalog/2"}}), "invalid_format format");
    EXPECT_EQ(refusal_of(catalog_export_json({})), "no_permits permits");
    const std::string bad = refusal_of(catalog_export_json({documents[1], json{{"id", 7}}}));
    EXPECT_NE(bad.find(" permits[1]"), std::string::npos) << bad;
    EXPECT_EQ(refusal_of(catalog_export_json({documents[0], documents[1], documents[0]})),
              "duplicate_permit_id permits[2].id");
}

}  // namespace
}  // namespace loket::protocol
