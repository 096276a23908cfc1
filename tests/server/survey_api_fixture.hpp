#pragma once
// What the survey API tests share: answers and a respondent's profile as the kiosk sends them,
// and a real queue-server with a kiosk, a clerk and a supervisor, a visit served to its end,
// and this month's report.
#include <gtest/gtest.h>

#include <array>
#include <nlohmann/json.hpp>
#include <string>

#include "api_client.hpp"
#include "temp_dir.hpp"

namespace survey_api_test {

using namespace loket::testing;
using nlohmann::json;

inline json answers(std::array<int, 9> s) {
    return {{"persyaratan", s[0]}, {"prosedur", s[1]},  {"waktu", s[2]},
            {"biaya", s[3]},       {"produk", s[4]},    {"kompetensi", s[5]},
            {"perilaku", s[6]},    {"pengaduan", s[7]}, {"sarana", s[8]}};
}

inline json response(std::array<int, 9> scores, int age = 34, const std::string& sex = "P",
                     const std::string& education = "s1",
                     const std::string& occupation = "wirausaha") {
    return {{"answers", answers(scores)},
            {"profile",
             {{"age", age}, {"sex", sex}, {"education", education}, {"occupation", occupation}}}};
}

class SurveyApiTest : public ::testing::Test {
  protected:
    TempDir dir;
    ServerProcess server{dir.path()};
    ApiClient kiosk{server.url(), kKioskKey};
    ApiClient anonymous{server.url()};
    ApiClient clerk{server.url(), add_user_and_login(server, "siti", "staff")};
    std::string supervisor_token = add_user_and_login(server, "rina", "supervisor");
    ApiClient supervisor{server.url(), supervisor_token};

    // Issues a ticket for the service and serves it to the end at the counter; its token.
    std::string finished_visit(const std::string& service = "informasi", int counter = 1,
                               const std::string& permit = "") {
        json body = {{"service", service}};
        if (!permit.empty())
            body["permit_id"] = permit;
        const Reply issued = kiosk.post("/tickets", body);
        EXPECT_EQ(issued.status, 201) << issued.body.dump();
        const std::string base = "/counters/" + std::to_string(counter);
        clerk.post(base + "/open");
        EXPECT_EQ(clerk.post(base + "/call-next").status, 200);
        EXPECT_EQ(clerk.post(base + "/finish").status, 200);
        return issued.body["ticket"]["status_token"];
    }

    std::string this_month() {
        return anonymous.get("/office").body["local_date"].get<std::string>().substr(0, 7);
    }

    json report(const std::string& query = "") {
        const Reply r = supervisor.get("/survey/report?period=" + this_month() + query);
        EXPECT_EQ(r.status, 200) << r.body.dump();
        return r.body;
    }
};

}  // namespace survey_api_test
