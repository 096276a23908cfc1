// Malformed catalog files: each is rejected with an InputError naming the file and the field.
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "loket/catalog.hpp"
#include "loket/input_error.hpp"

namespace loket {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// A fresh directory per test, removed afterwards.
class TempDir {
  public:
    TempDir() {
        static std::atomic<int> counter{0};
        path_ = fs::temp_directory_path() / ("loket-catalog-test-" + std::to_string(getpid()) +
                                             "-" + std::to_string(counter++));
        fs::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    const fs::path& path() const { return path_; }
    fs::path write(const std::string& name, const std::string& text) const {
        const fs::path file = path_ / name;
        std::ofstream(file, std::ios::binary) << text;
        return file;
    }

  private:
    fs::path path_;
};

json minimal_permit(const std::string& id = "contoh-izin") {
    return json{
        {"id", id},
        {"name", "Izin Contoh"},
        {"office", "DPMPTSP Contoh"},
        {"sop", {{"number", "A.1."}}},
        {"steps", json::array({{{"number", 1},
                                {"activity", "Menyampaikan Permohonan"},
                                {"actors", {"Pemohon"}},
                                {"actor_source", "table"},
                                {"time", "15 Menit"}},
                               {{"number", 2},
                                {"activity", "Menerima berkas"},
                                {"actors", json::array()},
                                {"actor_source", "unmarked"},
                                {"time", "2 Jam"}}})},
        {"requirements", json::array({{{"text", "KTP"}, {"source", "Kegiatan no. 1"}}})},
        {"start_service", "pendaftaran"},
        {"start_service_reason", "Kegiatan no. 1"},
    };
}

TEST(CatalogValidation, CategoryIsOptionalAndKeptAsWritten) {
    EXPECT_EQ(catalog::Catalog::parse_permit(minimal_permit(), "a").category, "");
    json doc = minimal_permit();
    doc["category"] = "Usaha Mikro dan Kecil";
    const catalog::Permit p = catalog::Catalog::parse_permit(doc, "b");
    EXPECT_EQ(p.category, "Usaha Mikro dan Kecil");
    EXPECT_EQ(to_json(p)["category"], "Usaha Mikro dan Kecil");
}

TEST(CatalogValidation, MinimalPermitLoads) {
    TempDir dir;
    dir.write("contoh.json", minimal_permit().dump());
    const catalog::Catalog c = catalog::Catalog::load_dir(dir.path());
    ASSERT_EQ(c.permits().size(), 1u);
    const catalog::Permit& p = c.permits()[0];
    EXPECT_EQ(p.id, "contoh-izin");
    EXPECT_EQ(p.steps[1].time.minutes_max, 120);
    EXPECT_FALSE(p.cost.has_value());
    EXPECT_EQ(p.total_step_minutes(), 135);
}

struct BadInput {
    std::string name;
    std::function<std::string()> text;  // file content
    std::string field;                  // expected InputError::field()
    std::string reason_has;             // expected part of InputError::reason()
    std::string code = {};              // expected InputError::code(), where the case names one
};

void PrintTo(const BadInput& b, std::ostream* os) {
    *os << b.name;
}

std::function<std::string()> edited(std::function<void(json&)> edit) {
    return [edit] {
        json doc = minimal_permit();
        edit(doc);
        return doc.dump(2);
    };
}

class CatalogBadInput : public ::testing::TestWithParam<BadInput> {};

TEST_P(CatalogBadInput, IsRejectedNamingFileAndField) {
    const BadInput& bad = GetParam();
    TempDir dir;
    const fs::path file = dir.write("izin.json", bad.text());
    try {
        catalog::Catalog::load_dir(dir.path());
        FAIL() << "accepted";
    } catch (const InputError& e) {
        EXPECT_EQ(e.source(), file.string());
        EXPECT_EQ(e.field(), bad.field);
        EXPECT_NE(e.reason().find(bad.reason_has), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find(file.string()), std::string::npos);
        // The catalog editor translates the code: each refusal names its own problem.
        EXPECT_NE(e.code(), "invalid_field") << e.what();
        if (!bad.code.empty()) {
            EXPECT_EQ(e.code(), bad.code) << e.what();
        }
    }
}

// Long on purpose: the table of bad inputs, one case a row (name, edit, field, reason, code).
INSTANTIATE_TEST_SUITE_P(
    Table, CatalogBadInput,
    ::testing::Values(
        BadInput{"InvalidJsonSyntax", [] { return std::string("{\n  \"id\": \"x\",,\n}"); }, "",
                 "invalid JSON"},
        BadInput{"InvalidJsonSaysWhere", [] { return std::string("{\n  \"id\": \"x\",,\n}"); }, "",
                 "line 2"},
        BadInput{"EmptyFile", [] { return std::string(); }, "", "invalid JSON"},
        BadInput{"NotAnObject", [] { return std::string("[1, 2]"); }, "", "expected an object"},
        BadInput{"MissingName", edited([](json& d) { d.erase("name"); }), "name", "missing"},
        BadInput{"EmptyName", edited([](json& d) { d["name"] = ""; }), "name", "empty"},
        BadInput{"NameOfWrongType", edited([](json& d) { d["name"] = 5; }), "name",
                 "expected a string, got number"},
        BadInput{"MissingOffice", edited([](json& d) { d.erase("office"); }), "office", "missing"},
        BadInput{"EmptyCategory", edited([](json& d) { d["category"] = ""; }), "category", "empty"},
        BadInput{"CategoryOfWrongType", edited([](json& d) { d["category"] = json::array(); }),
                 "category", "expected a string, got array"},
        BadInput{"CategoryWithTrailingSpace", edited([](json& d) { d["category"] = "Kesehatan "; }),
                 "category", "space"},
        BadInput{"CategoryOnTwoLines", edited([](json& d) { d["category"] = "Kesehatan\nObat"; }),
                 "category", "one line"},
        BadInput{"CategoryTooLong", edited([](json& d) { d["category"] = std::string(61, 'K'); }),
                 "category", "at most 60"},
        BadInput{"IdNotASlug", edited([](json& d) { d["id"] = "Pelalawan IUMK"; }), "id", "slug"},
        BadInput{"MissingSopNumber", edited([](json& d) { d["sop"].erase("number"); }),
                 "sop.number", "missing"},
        BadInput{"SopOfWrongType", edited([](json& d) { d["sop"] = "A.1."; }), "sop",
                 "expected an object"},
        BadInput{"UnknownTopLevelKey", edited([](json& d) { d["biaya"] = "gratis"; }), "biaya",
                 "unknown field"},
        BadInput{"UnknownStepKey", edited([](json& d) { d["steps"][0]["waktu"] = "1 Jam"; }),
                 "steps[0].waktu", "unknown field"},
        BadInput{"UnknownSopKey", edited([](json& d) { d["sop"]["nomor"] = "1"; }), "sop.nomor",
                 "unknown field"},
        BadInput{"StepsMissing", edited([](json& d) { d.erase("steps"); }), "steps", "missing"},
        BadInput{"StepsEmpty", edited([](json& d) { d["steps"] = json::array(); }), "steps",
                 "at least one"},
        BadInput{"StepsNotAnArray", edited([](json& d) { d["steps"] = json::object(); }), "steps",
                 "expected an array"},
        BadInput{"StepNumberSkipped", edited([](json& d) { d["steps"][1]["number"] = 3; }),
                 "steps[1].number", "expected step 2"},
        BadInput{"StepNumbersOutOfOrder", edited([](json& d) {
                     d["steps"][0]["number"] = 2;
                     d["steps"][1]["number"] = 1;
                 }),
                 "steps[0].number", "expected step 1"},
        BadInput{"StepNumberAsString", edited([](json& d) { d["steps"][0]["number"] = "1"; }),
                 "steps[0].number", "expected an integer"},
        BadInput{"StepNumberFractional", edited([](json& d) { d["steps"][0]["number"] = 1.5; }),
                 "steps[0].number", "expected an integer"},
        BadInput{"StepWithoutActivity", edited([](json& d) { d["steps"][1].erase("activity"); }),
                 "steps[1].activity", "missing"},
        BadInput{"StepTimeOfWrongType", edited([](json& d) { d["steps"][1]["time"] = 15; }),
                 "steps[1].time", "expected a string"},
        BadInput{"ActorsNotAList", edited([](json& d) { d["steps"][0]["actors"] = "Pemohon"; }),
                 "steps[0].actors", "expected an array"},
        BadInput{"ActorOfWrongType", edited([](json& d) { d["steps"][0]["actors"][0] = 1; }),
                 "steps[0].actors[0]", "expected a string"},
        BadInput{"BadActorSource", edited([](json& d) { d["steps"][0]["actor_source"] = "guess"; }),
                 "steps[0].actor_source", "must be one of"},
        BadInput{"UnmarkedWithActors",
                 edited([](json& d) { d["steps"][0]["actor_source"] = "unmarked"; }),
                 "steps[0].actors", "unmarked"},
        BadInput{"BadStartService", edited([](json& d) { d["start_service"] = "loket-1"; }),
                 "start_service", "must be one of informasi, customer_service"},
        BadInput{"MissingStartService", edited([](json& d) { d.erase("start_service"); }),
                 "start_service", "missing"},
        BadInput{"RequirementWithoutSource",
                 edited([](json& d) { d["requirements"][0].erase("source"); }),
                 "requirements[0].source", "missing"},
        BadInput{"RequirementAsString", edited([](json& d) { d["requirements"][0] = "KTP"; }),
                 "requirements[0]", "expected an object"},
        BadInput{"ListItemOfWrongType", edited([](json& d) {
                     d["legal_basis"] = json::array({"UU 23/2014", 7});
                 }),
                 "legal_basis[1]", "expected a string"},
        BadInput{"EmptyStatedFact", edited([](json& d) { d["cost"] = ""; }), "cost",
                 "leave the field out"},
        BadInput{"StatedFactOfWrongType", edited([](json& d) { d["validity"] = true; }), "validity",
                 "expected a string"},
        BadInput{"BadAppliesTo",
                 edited([](json& d) { d["requirements"][0]["applies_to"] = "pribadi"; }),
                 "requirements[0].applies_to", "must be one of semua, perorangan, badan_usaha"},
        BadInput{"EmptyAppliesTo", edited([](json& d) { d["requirements"][0]["applies_to"] = ""; }),
                 "requirements[0].applies_to", "empty"},
        BadInput{"BadBranch", edited([](json& d) { d["steps"][1]["branch"] = "approved"; }),
                 "steps[1].branch", "must be one of umum, disetujui, ditolak"},
        BadInput{"RejectedPathWithoutApproved",
                 edited([](json& d) { d["steps"][1]["branch"] = "ditolak"; }), "steps",
                 "'disetujui'"},
        BadInput{"EmptyCondition", edited([](json& d) { d["steps"][1]["condition"] = ""; }),
                 "steps[1].condition", "empty"},
        BadInput{"ServiceTimeWithoutBasis", edited([](json& d) {
                     d["service_time"] = {{"text", "7 hari"}};
                 }),
                 "service_time.basis", "missing"},
        BadInput{"ServiceTimeBadBasis", edited([](json& d) {
                     d["service_time"] = {{"basis", "guessed"}};
                 }),
                 "service_time.basis", "must be one of stated, step_sum, not_stated"},
        BadInput{"ServiceTimeBadUnit", edited([](json& d) {
                     d["service_time"] = {{"text", "7 hari"},
                                          {"source", "I"},
                                          {"basis", "stated"},
                                          {"value", 7},
                                          {"unit", "minggu"}};
                 }),
                 "service_time.unit", "must be one of menit, jam, hari, hari kerja"},
        BadInput{"ServiceTimeValueWithoutUnit", edited([](json& d) {
                     d["service_time"] = {
                         {"text", "7 hari"}, {"source", "I"}, {"basis", "stated"}, {"value", 7}};
                 }),
                 "service_time.unit", "required when value is given"},
        BadInput{"ServiceTimeValueNotInText", edited([](json& d) {
                     d["service_time"] = {{"text", "7 hari kerja"},
                                          {"source", "I"},
                                          {"basis", "stated"},
                                          {"value", 7},
                                          {"unit", "hari"}};
                 }),
                 "service_time.value", "does not state 7 hari"},
        BadInput{"ServiceTimeStatedWithoutText", edited([](json& d) {
                     d["service_time"] = {{"basis", "stated"}, {"source", "I"}};
                 }),
                 "service_time.text", "required when basis is 'stated'"},
        BadInput{"ServiceTimeStepSumWrong", edited([](json& d) {
                     d["service_time"] = {{"basis", "step_sum"}, {"value", 100}, {"unit", "menit"}};
                 }),
                 "service_time.value", "the steps add up to 135 menit"},
        BadInput{"ServiceTimeStepSumMixedUnits", edited([](json& d) {
                     d["steps"][1]["time"] = "1 hari kerja";
                     d["service_time"] = {{"basis", "step_sum"}, {"value", 15}, {"unit", "menit"}};
                 }),
                 "service_time.basis", "mix units"},
        BadInput{"ServiceTimeNotStatedWithText", edited([](json& d) {
                     d["service_time"] = {{"basis", "not_stated"}, {"text", "7 hari"}};
                 }),
                 "service_time.text", "must be empty unless basis is 'stated'"},
        BadInput{"ServiceTimeValueTooLarge", edited([](json& d) {
                     d["service_time"] = {{"basis", "step_sum"}, {"value", 1e9}, {"unit", "menit"}};
                 }),
                 "service_time.value", "expected an integer"},
        BadInput{"ServiceTimeAndCompletionTime", edited([](json& d) {
                     d["completion_time"] = "7 hari";
                     d["service_time"] = {{"basis", "not_stated"}};
                 }),
                 "completion_time", "once"},
        BadInput{"ContactEmpty", edited([](json& d) {
                     d["contact"] = {{"source", "sampul"}};
                 }),
                 "contact", "address, phone or fax"},
        BadInput{"ContactWithoutSource", edited([](json& d) {
                     d["contact"] = {{"phone", "0761-95991"}};
                 }),
                 "contact.source", "missing"},
        BadInput{"ContactUnknownKey", edited([](json& d) {
                     d["contact"] = {{"telp", "0761"}, {"source", "sampul"}};
                 }),
                 "contact.telp", "unknown field"},
        BadInput{"DefinitionWithoutText", edited([](json& d) {
                     d["definitions"] = {{{"term", "UKOT"}}};
                 }),
                 "definitions[0].text", "missing"},
        BadInput{"CostNoteWithoutCost", edited([](json& d) { d["cost_note"] = "retribusi"; }),
                 "cost", "required when cost_source or cost_note"},
        BadInput{"StepTimeNegative", edited([](json& d) { d["steps"][1]["time"] = "-5 menit"; }),
                 "steps[1].time", "must not be negative", "invalid_time_value"},
        BadInput{"StepTimeZero", edited([](json& d) { d["steps"][1]["time"] = "0 Jam"; }),
                 "steps[1].time", "between 1 and", "invalid_time_value"},
        BadInput{"StepTimeRangeEndZero",
                 edited([](json& d) { d["steps"][1]["time"] = "10 - 0 menit"; }), "steps[1].time",
                 "between 1 and", "invalid_time_value"},
        BadInput{"StepTimeUnknownUnit", edited([](json& d) { d["steps"][1]["time"] = "2 minggu"; }),
                 "steps[1].time", "got 'minggu'", "invalid_time_unit"},
        BadInput{"StepTimeRangeUnknownUnit",
                 edited([](json& d) { d["steps"][1]["time"] = "10 - 30 detik"; }), "steps[1].time",
                 "got 'detik'", "invalid_time_unit"},
        BadInput{"EmptyNameCode", edited([](json& d) { d["name"] = ""; }), "name", "empty",
                 "empty_field"},
        BadInput{"MissingNameCode", edited([](json& d) { d.erase("name"); }), "name", "missing",
                 "missing_field"},
        BadInput{
            "ServiceTimeNegative", edited([](json& d) {
                d["service_time"] = {{"basis", "step_sum"}, {"value", -135}, {"unit", "menit"}};
            }),
            "service_time.value", "between 1 and", "time_value_range"},
        BadInput{"BadBranchCode", edited([](json& d) { d["steps"][1]["branch"] = "approved"; }),
                 "steps[1].branch", "must be one of", "invalid_choice"},
        BadInput{"DuplicateKey",
                 [] { return std::string(R"({"id": "a", "name": "A", "name": "B"})"); }, "name",
                 "duplicate key"}),
    [](const ::testing::TestParamInfo<BadInput>& info) { return info.param.name; });

// The SOPs' own wording of a step time loads as written: only a bare figure is held to the
// four units.
TEST(CatalogValidation, StepTimesAsTheSopsWriteThemLoad) {
    for (const char* text : {"15 Menit", "2 Jam", "1 hari kerja", "10 - 30 menit", "7 (tujuh) hari",
                             "Hari H - H+3 10 - 30 menit",
                             "Hari ke H (sesuai dengan jenis izin / non izin yang diminta)",
                             "Sesuai kebutuhan & keperluan pemohon",
                             "Jam Pelayanan Senin-Kamis 08.00-19.00 WITA Jum'at 08.00- 11.00 WITA",
                             "08.00 - 16.00", ""}) {
        json doc = minimal_permit();
        doc["steps"][1]["time"] = text;
        EXPECT_NO_THROW(catalog::Catalog::parse_permit(doc, "t")) << text;
    }
}

TEST(CatalogValidation, NewFieldsLoad) {
    json doc = minimal_permit();
    doc["requirements"].push_back(
        {{"text", "Akta"}, {"source", "G no. 2"}, {"applies_to", "badan_usaha"}});
    doc["steps"][1]["branch"] = "disetujui";
    doc["steps"].push_back({{"number", 3},
                            {"activity", "Surat Penolakan"},
                            {"actor_source", "unmarked"},
                            {"time", "1 Jam"},
                            {"branch", "ditolak"}});
    doc["steps"].push_back({{"number", 4},
                            {"activity", "Help desk"},
                            {"actor_source", "unmarked"},
                            {"time", "30 menit"},
                            {"condition", "jika dibutuhkan"}});
    doc["service_time"] = {{"text", "selambat-lambatnya 7 (tujuh) hari"},
                           {"source", "I"},
                           {"basis", "stated"},
                           {"value", 7},
                           {"unit", "hari"}};
    doc["contact"] = {{"phone", "0761-95991"}, {"source", "sampul"}};
    const catalog::Permit p = catalog::Catalog::parse_permit(doc, "test");
    EXPECT_EQ(p.requirements[0].applies_to, "semua");  // absent: every applicant
    EXPECT_EQ(p.requirements[1].applies_to, "badan_usaha");
    EXPECT_EQ(p.steps[0].branch, "umum");
    EXPECT_EQ(p.service_time.value, 7);
    EXPECT_EQ(p.contact.phone, "0761-95991");
    // Common 15 + approved 120; the conditional step counts on neither path.
    EXPECT_EQ(p.step_totals(catalog::kBranchApproved).minutes, 135);
    EXPECT_EQ(p.step_totals(catalog::kBranchRejected).minutes, 75);
}

// Older files wrote the SOP's statement as completion_time; they still load.
TEST(CatalogValidation, OlderCompletionTimeStillLoads) {
    json doc = minimal_permit();
    doc["completion_time"] = "selambat-lambatnya 7 (tujuh) hari";
    const catalog::Permit p = catalog::Catalog::parse_permit(doc, "test");
    EXPECT_EQ(p.service_time.basis, "stated");
    EXPECT_EQ(p.service_time.text, "selambat-lambatnya 7 (tujuh) hari");
    EXPECT_FALSE(p.service_time.value.has_value());
    EXPECT_EQ(catalog::Catalog::parse_permit(minimal_permit(), "test").service_time.basis,
              "not_stated");
}

TEST(CatalogValidation, NullStatedFactMeansNotStated) {
    json doc = minimal_permit();
    doc["cost"] = nullptr;
    EXPECT_FALSE(catalog::Catalog::parse_permit(doc, "test").cost.has_value());
}

TEST(CatalogValidation, DuplicateIdNamesBothFiles) {
    TempDir dir;
    const fs::path first = dir.write("a.json", minimal_permit("sama").dump());
    const fs::path second = dir.write("b.json", minimal_permit("sama").dump());
    try {
        catalog::Catalog::load_dir(dir.path());
        FAIL() << "accepted";
    } catch (const InputError& e) {
        EXPECT_EQ(e.source(), second.string());
        EXPECT_EQ(e.field(), "id");
        EXPECT_NE(e.reason().find("duplicate id 'sama'"), std::string::npos);
        EXPECT_NE(e.reason().find(first.string()), std::string::npos);
    }
}

TEST(CatalogValidation, AddRejectsDuplicateIds) {
    catalog::Catalog c;
    c.add(catalog::Catalog::parse_permit(minimal_permit("satu"), "test"));
    try {
        c.add(catalog::Catalog::parse_permit(minimal_permit("satu"), "test"));
        FAIL() << "accepted";
    } catch (const InputError& e) {
        EXPECT_EQ(e.field(), "id");
    }
    EXPECT_EQ(c.permits().size(), 1u);
}

TEST(CatalogValidation, ParsePermitNamesTheGivenSource) {
    json doc = minimal_permit();
    doc["steps"][1]["number"] = 7;
    try {
        catalog::Catalog::parse_permit(doc, "request body");
        FAIL() << "accepted";
    } catch (const InputError& e) {
        EXPECT_EQ(e.source(), "request body");
        EXPECT_EQ(e.field(), "steps[1].number");
    }
}

TEST(CatalogValidation, EmptyOrMissingDirectoryIsAnError) {
    TempDir dir;
    dir.write("README.md", "not a catalog file");
    try {
        catalog::Catalog::load_dir(dir.path());
        FAIL() << "accepted";
    } catch (const InputError& e) {
        EXPECT_EQ(e.source(), dir.path().string());
        EXPECT_NE(e.reason().find("no *.json"), std::string::npos);
    }
    EXPECT_THROW(catalog::Catalog::load_dir(dir.path() / "missing"), InputError);
}

TEST(CatalogValidation, FilesLoadInNameOrderAndOthersAreIgnored) {
    TempDir dir;
    dir.write("b.json", minimal_permit("kedua").dump());
    dir.write("a.json", minimal_permit("pertama").dump());
    dir.write("notes.txt", "ignored");
    // The SOP texts kept beside the catalog, even one that looks like a catalog file.
    fs::create_directories(dir.path() / "sources");
    dir.write("sources/kaltim-ikot.txt", "STANDAR OPERASIONAL PROSEDUR");
    dir.write("sources/not-a-permit.json", "{}");
    const catalog::Catalog c = catalog::Catalog::load_dir(dir.path());
    ASSERT_EQ(c.permits().size(), 2u);
    EXPECT_EQ(c.permits()[0].id, "pertama");
    EXPECT_EQ(c.permits()[1].id, "kedua");
    EXPECT_NE(c.find("kedua"), nullptr);
    EXPECT_EQ(c.find("ketiga"), nullptr);
}

}  // namespace
}  // namespace loket
