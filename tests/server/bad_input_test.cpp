// A table of bad requests per endpoint: each gets the right 4xx with a JSON error naming the
// problem, and the queue's state (its event log) is unchanged.
#include <gtest/gtest.h>

#include "api_client.hpp"
#include "temp_dir.hpp"

using namespace loket::testing;

namespace {
struct BadRequest {
    std::string who;  // "kiosk" or "staff"
    std::string method, path, body;
    int status;
    std::string code;
    std::string field;  // expected error field, empty to skip
    std::string content_type = "application/json";
};

// Each bad request, who sends it, and the refusal it must get: against the state the test
// sets up (two waiting tickets, counter 1 with A-001 called, counter 5 open and free).
std::vector<BadRequest> bad_requests() {
    const std::string big(70 * 1024, 'x');
    return {
        {"kiosk", "POST", "/tickets", "{not json", 400, "invalid_json", ""},
        {"kiosk", "POST", "/tickets", "[1,2]", 400, "invalid_json", ""},
        {"kiosk", "POST", "/tickets", "{}", 400, "missing_field", "service"},
        {"kiosk", "POST", "/tickets", R"({"service": 5})", 400, "invalid_field", "service"},
        {"kiosk", "POST", "/tickets", R"({"service": "loket_sihir"})", 400, "unknown_service",
         "service"},
        {"kiosk", "POST", "/tickets", R"({"service": "informasi", "priority": "vip"})", 400,
         "invalid_field", "priority"},
        {"kiosk", "POST", "/tickets", R"({"service": "informasi", "permit_id": "tidak-ada"})", 400,
         "unknown_permit", "permit_id"},
        {"kiosk", "POST", "/tickets", R"({"service": "informasi", "extra": 1})", 400,
         "unknown_field", "extra"},
        {"kiosk", "POST", "/tickets", R"({"service": "informasi", "idempotency_key": [1]})", 400,
         "invalid_field", "idempotency_key"},
        {"kiosk", "POST", "/tickets", "{\"service\": \"inf\xff\"}", 400, "invalid_json", ""},
        {"kiosk", "POST", "/tickets", "service=informasi", 415, "unsupported_media_type", "",
         "application/x-www-form-urlencoded"},
        {"kiosk", "POST", "/tickets", "{\"service\": \"" + big + "\"}", 413, "body_too_large", ""},
        {"kiosk", "POST", "/tickets/999/print", R"({"status": "printed"})", 404, "not_found", ""},
        {"kiosk", "POST", "/tickets/1/print", R"({"status": "melted"})", 400, "invalid_field",
         "status"},
        {"kiosk", "POST", "/tickets/1/print", R"({})", 400, "missing_field", "status"},
        {"staff", "POST", "/counters/9/open", "{}", 404, "unknown_counter", ""},
        {"staff", "POST", "/counters/abc/open", "{}", 404, "not_found", ""},
        {"staff", "POST", "/counters/1/open", R"({"x": 1})", 400, "unknown_field", "x"},
        {"staff", "POST", "/counters/1/call-next", "{}", 409, "counter_busy", ""},
        {"other", "POST", "/counters/1/recall", "{}", 409, "counter_taken_by_other", ""},
        {"other", "POST", "/counters/1/take-over", "{}", 409, "takeover_needs_supervisor", ""},
        {"staff", "POST", "/counters/2/finish", "{}", 409, "no_active_ticket", ""},
        {"staff", "POST", "/counters/2/call-next", "{}", 409, "counter_closed", ""},
        {"staff", "POST", "/counters/1/pause", "{}", 400, "missing_field", "reason_code"},
        {"staff", "POST", "/counters/1/pause", R"({"reason": 7})", 400, "invalid_field", "reason"},
        {"staff", "POST", "/counters/1/resume", "{}", 409, "invalid_state", ""},
        {"staff", "POST", "/counters/1/close", "{}", 409, "counter_busy", ""},
        {"staff", "POST", "/counters/5/call", R"({"number": "zz"})", 400, "invalid_number", ""},
        {"staff", "POST", "/counters/5/call", R"({"number": "A-099"})", 404, "not_found", ""},
        {"staff", "POST", "/counters/5/call", R"({"number": "A-001"})", 409, "invalid_state", ""},
        {"staff", "POST", "/counters/5/call", R"({})", 400, "missing_field", "number"},
        {"staff", "POST", "/counters/1/transfer", R"({"service": "nowhere"})", 400,
         "unknown_service", "service"},
        {"staff", "POST", "/counters/1/transfer", R"({"service": "informasi"})", 400,
         "invalid_request", ""},
        {"staff", "POST", "/counters/1/transfer", "{}", 400, "missing_field", "service"},
        {"staff", "GET", "/display?recent=-1", "", 400, "invalid_field", "recent"},
        {"staff", "GET", "/permits?q=" + std::string(300, 'a'), "", 400, "invalid_field", "q"},
        {"staff", "GET", "/tickets/status/00000000000000000000000000000000", "", 404, "not_found",
         ""},
        {"staff", "GET", "/tickets/status/../../etc/passwd", "", 404, "not_found", ""},
        {"staff", "GET", "/events", "", 400, "invalid_field", "Last-Event-ID"},  // header set below
        {"kiosk", "POST", "/auth/login", R"({"username": "siti"})", 400, "missing_field",
         "password"},
        {"kiosk", "DELETE", "/tickets", "", 404, "not_found", ""},
    };
}
}  // namespace

TEST(BadInput, EachBadRequestGetsTheRight4xxAndChangesNothing) {
    TempDir dir;
    ServerProcess server(dir.path());
    const std::string staff_token = add_user_and_login(server, "siti", "staff");
    ApiClient kiosk(server.url(), kKioskKey);
    ApiClient staff(server.url(), staff_token);
    ApiClient other(server.url(), add_user_and_login(server, "dewi", "staff"));
    // Some state to protect: a waiting ticket, an open counter with a called ticket.
    kiosk.post("/tickets", {{"service", "informasi"}});
    kiosk.post("/tickets", {{"service", "informasi"}});
    staff.post("/counters/1/open");
    staff.post("/counters/1/call-next");
    staff.post("/counters/5/open");  // open and free
    const std::vector<BadRequest> table = bad_requests();

    const auto events_before = ApiClient(server.url()).get("/health").body["last_event_id"];
    for (const auto& bad : table) {
        ApiClient& client = bad.who == "kiosk" ? kiosk : bad.who == "other" ? other : staff;
        std::vector<std::pair<std::string, std::string>> headers;
        if (bad.path == "/events")
            headers.push_back({"Last-Event-ID", "12abc"});
        const Reply r = client.raw(bad.method, bad.path, bad.body, bad.content_type, headers);
        const std::string what =
            bad.method + " " + bad.path.substr(0, 60) + " " + bad.body.substr(0, 60);
        EXPECT_EQ(r.status, bad.status) << what << " -> " << r.body.dump().substr(0, 300);
        EXPECT_EQ(r.code(), bad.code) << what;
        if (!bad.field.empty()) {
            EXPECT_EQ(r.field(), bad.field) << what;
        }
        EXPECT_FALSE(r.body["error"]["message"].get<std::string>().empty()) << what;
    }
    EXPECT_EQ(ApiClient(server.url()).get("/health").body["last_event_id"], events_before)
        << "a refused request changed the state";
    EXPECT_EQ(ApiClient(server.url()).get("/services").body["services"][0]["waiting"], 1);
    EXPECT_EQ(staff.get("/counters/1").body["current"]["number"], "A-001");
}

TEST(BadInput, AStuckKioskIsRateLimited) {
    TempDir dir;
    std::string config = kAlwaysOpenConfig;
    config.replace(config.find("tickets_per_minute = 1000000"), 28, "tickets_per_minute = 30");
    ServerProcess server(dir.path(), config);
    ApiClient kiosk(server.url(), kKioskKey);
    int issued = 0, limited = 0;
    for (int i = 0; i < 40; ++i) {
        const Reply r = kiosk.post("/tickets", {{"service", "informasi"}});
        if (r.status == 201)
            ++issued;
        if (r.status == 429) {
            ++limited;
            EXPECT_EQ(r.code(), "rate_limited");
        }
    }
    EXPECT_LE(issued, 6);  // the burst
    EXPECT_EQ(issued + limited, 40);
}
