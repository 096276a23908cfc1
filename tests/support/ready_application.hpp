#pragma once
// A file taken from registration to "siap diambil" through the real API, for the clients'
// tests (kiosk pickup, display ready list): a supervisor may act on every back-office step.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "api_client.hpp"

namespace loket::testing {

struct ReadyApplication {
    long id = 0;
    std::string number;      // "0001/DPMPTSP/XII/2026"
    std::string token;       // the receipt's secret
    std::string status_url;  // what the receipt's QR code holds
};

// Registers a complete file for `permit` (applicant perorangan), does every step, marks it
// ready. Fails the calling test (and returns what it has) when the server refuses a step.
inline ReadyApplication make_ready_application(ApiClient& supervisor,
                                               const std::string& permit = "pelalawan-iumk",
                                               const std::string& applicant = "Siti Rahma") {
    ReadyApplication out;
    const Reply form =
        supervisor.get("/applications/form?permit_id=" + permit + "&applicant_type=perorangan");
    EXPECT_EQ(form.status, 200) << form.body.dump();
    nlohmann::json checklist = nlohmann::json::array();
    for (const auto& r : form.body["requirements"])
        checklist.push_back({{"position", r["position"]}, {"present", true}});
    const Reply registered = supervisor.post("/applications", {{"permit_id", permit},
                                                               {"applicant_type", "perorangan"},
                                                               {"applicant_name", applicant},
                                                               {"checklist", checklist}});
    EXPECT_EQ(registered.status, 201) << registered.body.dump();
    if (registered.status != 201)
        return out;
    nlohmann::json application = registered.body["application"];
    out.id = application["id"];
    out.number = application["number"];
    out.token = application["status_token"];
    out.status_url = registered.body["receipt"]["status_url"];
    const std::string path = "/applications/" + std::to_string(out.id);
    for (int guard = 0; application["state"] == "in_process" && guard < 60; ++guard) {
        const Reply done = supervisor.post(
            path + "/steps", {{"step", application["step"]["number"]}, {"action", "done"}});
        EXPECT_EQ(done.status, 200) << done.body.dump();
        if (done.status != 200)
            return out;
        application = done.body["application"];
    }
    EXPECT_EQ(application["state"], "completed") << application.dump();
    const Reply ready = supervisor.post(path + "/ready");
    EXPECT_EQ(ready.status, 200) << ready.body.dump();
    return out;
}

}  // namespace loket::testing
