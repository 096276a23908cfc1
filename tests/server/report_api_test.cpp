// Reports and open performance data over HTTP against the real queue-server binary: the
// summary's shape and figures, roles, refusals naming the parameter in both languages, CSV and
// XLSX exports read back, and open data free of personal data and staff names.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "api_client.hpp"
#include "temp_dir.hpp"

using namespace loket;
using namespace loket::testing;
using nlohmann::json;

namespace {

std::vector<std::string> lines_of(const std::string& csv) {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (std::size_t at = csv.find("\r\n"); at != std::string::npos; at = csv.find("\r\n", start)) {
        out.push_back(csv.substr(start, at - start));
        start = at + 2;
    }
    return out;
}

// Runs /usr/bin/python3 on a saved workbook: prints the text of its first worksheet's cells
// (shared or inline strings and numbers), one per line.
std::string workbook_text(const std::filesystem::path& file) {
    const std::string script =
        "import zipfile,sys,xml.etree.ElementTree as E\n"
        "z=zipfile.ZipFile(sys.argv[1]); n='{http://schemas.openxmlformats.org/spreadsheetml/"
        "2006/main}'\n"
        "s=[ ''.join(t.text or '' for t in si.iter(n+'t')) for si in "
        "E.fromstring(z.read('xl/sharedStrings.xml')).iter(n+'si')] if 'xl/sharedStrings.xml' in "
        "z.namelist() else []\n"
        "for c in E.fromstring(z.read('xl/worksheets/sheet1.xml')).iter(n+'c'):\n"
        "  v=c.find(n+'v'); i=c.find(n+'is')\n"
        "  if c.get('t')=='s': print(s[int(v.text)])\n"
        "  elif i is not None: print(''.join(t.text or '' for t in i.iter(n+'t')))\n"
        "  elif v is not None: print(v.text)\n";
    const auto script_file = file.parent_path() / "read_workbook.py";
    std::ofstream(script_file) << script;
    const std::string command =
        "/usr/bin/python3 '" + script_file.string() + "' '" + file.string() + "'";
    FILE* pipe = popen(command.c_str(), "r");
    std::string out;
    char buffer[4096];
    while (pipe && fgets(buffer, sizeof buffer, pipe))
        out += buffer;
    if (pipe) {
        EXPECT_EQ(pclose(pipe), 0) << out;
    }
    return out;
}

class ReportApiTest : public ::testing::Test {
  protected:
    TempDir dir;
    ServerProcess server{dir.path()};
    ApiClient kiosk{server.url(), kKioskKey};
    ApiClient anonymous{server.url()};
    std::string clerk_token = add_user_and_login(server, "siti", "staff");
    ApiClient clerk{server.url(), clerk_token};
    std::string supervisor_token = add_user_and_login(server, "rina", "supervisor");
    ApiClient supervisor{server.url(), supervisor_token};
    std::string today = anonymous.get("/office").body["local_date"].get<std::string>();

    // Two tickets at counter 1 by siti: one served, one no-show.
    void serve_two() {
        for (int i = 0; i < 2; ++i)
            ASSERT_EQ(kiosk.post("/tickets", {{"service", "informasi"}}).status, 201);
        ASSERT_EQ(clerk.post("/counters/1/open").status, 200);
        ASSERT_EQ(clerk.post("/counters/1/call-next").status, 200);
        ASSERT_EQ(clerk.post("/counters/1/start").status, 200);
        ASSERT_EQ(clerk.post("/counters/1/finish").status, 200);
        ASSERT_EQ(clerk.post("/counters/1/call-next").status, 200);
        ASSERT_EQ(clerk.post("/counters/1/no-show").status, 200);
    }
    std::string range() const { return "from=" + today + "&to=" + today; }
};

}  // namespace

TEST_F(ReportApiTest, SummaryCarriesEveryTableWithTheDayFigures) {
    serve_two();
    const Reply r = supervisor.get("/reports/summary?" + range());
    ASSERT_EQ(r.status, 200) << r.body.dump();
    const json& b = r.body;
    EXPECT_EQ(b["from"], today);
    EXPECT_EQ(b["to"], today);
    EXPECT_EQ(b["totals"]["issued"], 2);
    EXPECT_EQ(b["totals"]["served"], 1);
    EXPECT_EQ(b["totals"]["no_show"], 1);
    EXPECT_EQ(b["totals"]["no_show_rate"], 0.5);
    EXPECT_EQ(b["totals"]["wait"]["count"], 2);
    for (const char* key : {"wait", "wait_last_call", "walk", "service", "in_office"}) {
        for (const char* figure : {"mean", "median", "p90", "max"})
            EXPECT_TRUE(b["totals"][key].contains(figure)) << key << figure;
    }
    EXPECT_EQ(b["totals"]["within_target_share"], 1.0);  // served at once, target 30
    const json& services = b["services"];
    ASSERT_EQ(services.size(), 4u);
    EXPECT_EQ(services[0]["id"], "informasi");
    EXPECT_EQ(services[0]["name_en"], "Information");
    EXPECT_EQ(services[0]["target_wait_minutes"], 30);
    EXPECT_EQ(services[0]["issued"], 2);
    EXPECT_TRUE(services[1]["within_target_share"].is_null());  // nobody served
    EXPECT_EQ(b["counters"].size(), 5u);
    ASSERT_EQ(b["staff"].size(), 1u);
    EXPECT_EQ(b["staff"][0]["name"], "siti");
    EXPECT_EQ(b["staff"][0]["served"], 1);
    EXPECT_TRUE(b["staff"][0]["pauses"].is_array());
    ASSERT_EQ(b["days"].size(), 1u);
    EXPECT_EQ(b["days"][0]["issued"], 2);
    EXPECT_EQ(b["heatmap"]["weekdays"].size(), 7u);
    EXPECT_EQ(b["heatmap"]["hours"].size(), 24u);  // open round the clock
    EXPECT_EQ(b["heatmap"]["arrivals"].size(), 7u);
    EXPECT_EQ(b["applications"]["registered"], 0);
    EXPECT_TRUE(b["applications"]["within_standard_share"].is_null());
    EXPECT_EQ(b["skm"]["responses"], 0);
    EXPECT_TRUE(b["skm"]["grade"].is_null());
    EXPECT_EQ(b["complaints"]["received"], 0);

    const Reply filtered = supervisor.get("/reports/summary?" + range() + "&counter=2");
    ASSERT_EQ(filtered.status, 200);
    EXPECT_EQ(filtered.body["totals"]["issued"], 0);
    EXPECT_EQ(filtered.body["counters"].size(), 1u);
}

TEST_F(ReportApiTest, OnlySupervisorsAndAdminsReadReports) {
    for (const std::string& path :
         {"/reports/summary?" + range(), "/reports/services.csv?" + range(),
          "/reports/visits.xlsx?" + range()}) {
        SCOPED_TRACE(path);
        EXPECT_EQ(anonymous.get(path).status, 401);
        EXPECT_EQ(clerk.get(path).status, 403);
        EXPECT_EQ(kiosk.get(path).status, 403);
        EXPECT_EQ(raw_get(server, supervisor_token, path).status, 200);
    }
    const std::string admin = add_user_and_login(server, "kepala", "admin");
    EXPECT_EQ(ApiClient(server.url(), admin).get("/reports/summary?" + range()).status, 200);
}

TEST_F(ReportApiTest, BadParametersAreRefusedNamingThemInBothLanguages) {
    const auto refused = [&](const std::string& query, const std::string& field) {
        const Reply r = supervisor.get("/reports/summary?" + query);
        EXPECT_EQ(r.status, 400) << query;
        EXPECT_EQ(r.field(), field) << query << " " << r.body.dump();
        EXPECT_FALSE(r.body["error"].value("message_id", "").empty()) << query;
        return r;
    };
    refused("to=" + today, "from");
    refused("from=" + today, "to");
    refused("from=2026-13-01&to=2026-12-01", "from");
    refused("from=kemarin&to=2026-12-01", "from");
    refused("from=2026-12-02&to=2026-12-01", "to");
    EXPECT_EQ(refused("from=2025-01-01&to=2026-01-02", "to").code(), "range_too_long");
    EXPECT_EQ(supervisor.get("/reports/summary?from=2025-01-01&to=2026-01-01").status, 200);
    refused(range() + "&service=loket-gaib", "service");
    refused(range() + "&counter=99", "counter");
    refused(range() + "&counter=satu", "counter");
    EXPECT_EQ(raw_get(server, supervisor_token, "/reports/days.csv?from=x&to=y").status, 400);
}

TEST_F(ReportApiTest, CsvExportsReadBack) {
    serve_two();
    const net::HttpResponse services =
        raw_get(server, supervisor_token, "/reports/services.csv?" + range());
    ASSERT_EQ(services.status, 200);
    EXPECT_NE(services.header("Content-Type").value_or("").find("text/csv"), std::string::npos);
    EXPECT_NE(services.header("Content-Disposition")
                  .value_or("")
                  .find("laporan-layanan-" + today + ".csv"),
              std::string::npos);
    const auto rows = lines_of(services.body);
    ASSERT_EQ(rows.size(), 1 + 4 + 1u);  // headings, four services, all services
    EXPECT_EQ(rows[0].rfind("\xEF\xBB\xBFID,Layanan,Service,", 0), 0u) << rows[0];
    // informasi: target 30, issued 2, served 1, no-show 1, rate 0.5000.
    EXPECT_EQ(rows[1].rfind("informasi,Informasi,Information,30,2,1,1,0.5000,0,0,", 0), 0u)
        << rows[1];

    // The visits, streamed: one row per stage, no personal data.
    const net::HttpResponse visits =
        raw_get(server, supervisor_token, "/reports/visits.csv?" + range());
    ASSERT_EQ(visits.status, 200);
    EXPECT_NE(visits.header("Content-Disposition")
                  .value_or("")
                  .find("laporan-kunjungan-" + today + ".csv"),
              std::string::npos);
    const auto stages = lines_of(visits.body);
    ASSERT_EQ(stages.size(), 3u);
    EXPECT_NE(stages[1].find(",A-001,1,informasi,1,siti,"), std::string::npos) << stages[1];
    EXPECT_NE(stages[1].find(",done,"), std::string::npos);
    EXPECT_NE(stages[2].find(",no_show,"), std::string::npos);

    const net::HttpResponse days =
        raw_get(server, supervisor_token, "/reports/days.csv?" + range());
    ASSERT_EQ(days.status, 200);
    const auto day_rows = lines_of(days.body);
    ASSERT_EQ(day_rows.size(), 2u);
    EXPECT_EQ(day_rows[1].rfind(today + ",2,1,1,", 0), 0u) << day_rows[1];
    for (const char* table : {"counters", "staff", "hours"}) {
        const net::HttpResponse r =
            raw_get(server, supervisor_token, std::string("/reports/") + table + ".csv?" + range());
        EXPECT_EQ(r.status, 200) << table;
        EXPECT_GT(lines_of(r.body).size(), 1u) << table;
    }
}

TEST_F(ReportApiTest, XlsxExportsReadBack) {
    serve_two();
    const net::HttpResponse visits =
        raw_get(server, supervisor_token, "/reports/visits.xlsx?" + range());
    ASSERT_EQ(visits.status, 200);
    EXPECT_EQ(visits.body.substr(0, 4), std::string("PK\x03\x04", 4));
    EXPECT_NE(visits.header("Content-Disposition")
                  .value_or("")
                  .find("laporan-kunjungan-" + today + ".xlsx"),
              std::string::npos);
    std::ofstream(dir / "visits.xlsx", std::ios::binary) << visits.body;
    const std::string cells = workbook_text(dir / "visits.xlsx");
    EXPECT_NE(cells.find("\nA-001\n"), std::string::npos) << cells;
    EXPECT_NE(cells.find("\nA-002\n"), std::string::npos);
    EXPECT_NE(cells.find("\nno_show\n"), std::string::npos);
    EXPECT_NE(cells.find("Tunggu (menit) / Wait (min)"), std::string::npos);

    const net::HttpResponse staff =
        raw_get(server, supervisor_token, "/reports/staff.xlsx?" + range());
    ASSERT_EQ(staff.status, 200);
    std::ofstream(dir / "staff.xlsx", std::ios::binary) << staff.body;
    const std::string staff_cells = workbook_text(dir / "staff.xlsx");
    EXPECT_NE(staff_cells.find("Petugas / Staff\n"), std::string::npos) << staff_cells;
    EXPECT_NE(staff_cells.find("\nsiti\n1\n"), std::string::npos) << staff_cells;
}

TEST_F(ReportApiTest, OpenDataIsPublicCacheableAndFreeOfPersonalData) {
    serve_two();
    ASSERT_EQ(kiosk.post("/tickets", {{"service", "informasi"}}).status, 201);  // waiting now
    const Reply complaint = anonymous.post(
        "/complaints", {{"category", "biaya"},
                        {"text", "Antrean di loket pendaftaran sangat lama dan petugas tidak ada."},
                        {"name", "Budi Santoso"},
                        {"contact", "0812 3456 7890"},
                        {"consent", true}});
    ASSERT_EQ(complaint.status, 201) << complaint.body.dump();

    const net::HttpResponse raw = raw_get(server, "", "/open-data");
    ASSERT_EQ(raw.status, 200);
    EXPECT_EQ(raw.header("Cache-Control").value_or(""), "public, max-age=60");
    for (const char* personal : {"siti", "rina", "Budi", "Santoso", "0812", "3456", "Antrean"})
        EXPECT_EQ(raw.body.find(personal), std::string::npos) << personal;

    const json b = json::parse(raw.body);
    EXPECT_EQ(b["office"]["name"], "DPMPTSP Kabupaten Uji");
    EXPECT_TRUE(b["generated_at"].is_number());
    EXPECT_EQ(b["today"]["date"], today);
    const json& informasi = b["today"]["services"][0];
    EXPECT_EQ(informasi["id"], "informasi");
    EXPECT_EQ(informasi["waiting"], 1);
    EXPECT_TRUE(informasi["predicted_wait_minutes"].is_number());  // counter 1 is open
    EXPECT_EQ(b["month"]["to"], today);
    EXPECT_EQ(b["month"]["services"][0]["served"], 1);
    EXPECT_EQ(b["month"]["services"][0]["target_wait_minutes"], 30);
    EXPECT_TRUE(b["month"]["applications"].contains("within_standard_share"));
    EXPECT_TRUE(b["month"]["complaints"].contains("within_60_days_share"));
    EXPECT_TRUE(b["skm"].contains("grade"));
    EXPECT_FALSE(b.contains("staff"));
}
