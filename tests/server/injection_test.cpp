// Injection and abuse against the real queue-server on loopback:
// every endpoint of assets/openapi.json gets SQL metacharacters, very long strings, invalid
// UTF-8, negative and huge numbers, path traversal and header injection, as anonymous, kiosk,
// display and staff callers. Nothing may break (no 5xx, the server keeps answering), nothing
// may leak (no file contents, no staff data without a staff session), errors are JSON with a
// code and a message, and a refused request changes nothing.
//
// This file: the regressions found by fuzz_http_api, the table of hostile values at every
// documented endpoint, and SQL text refused or stored literally. Static files, header
// injection and staff data: injection_access_test.cpp. The raw requests, the operations and
// the fixture: injection_fixture.hpp.
#include <gtest/gtest.h>

#include <functional>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "injection_fixture.hpp"

using namespace loket::testing;
using namespace injection_test;
using nlohmann::json;

// ---- Regressions found by fuzz_http_api ------------------------------------------------------

// GET /%FF killed the server: the 404 message quoted the decoded path, json::dump() threw on
// the invalid UTF-8 inside httplib's error handler, outside any try, and std::terminate ended
// the process. One anonymous request took the whole office down.
TEST_F(Injection, InvalidUtf8InThePathIsA404NotACrash) {
    for (const char* target : {"/%FF", "/api/v1/%FF%FE", "/%C0%AF", "/api/v1/permits/%ED%A0%80"}) {
        const RawReply r = get(target);
        expect_sound(r, target);
        EXPECT_EQ(r.status, 404) << target;
        EXPECT_EQ(r.code(), "not_found") << target;
        expect_alive();
    }
}

// The same throw from a refused body: an unknown field's name is cut to 64 bytes for the
// message, which can split a UTF-8 character.
TEST_F(Injection, AnUnknownFieldCutInsideACharacterIsA400) {
    const std::string key = std::string(63, 'a') + "\xc3\xa9";  // 'é' straddles byte 64
    const RawReply r = send(
        request_bytes("POST", "/api/v1/counters/1/open", bearer(staff_), "{\"" + key + "\": 1}"));
    expect_sound(r, "unknown field");
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.code(), "unknown_field");
    expect_alive();
}

// ---- The table ------------------------------------------------------------------------------

namespace {

// A request of the table: sent as the admin, counted, a refusal checked to change nothing.
using HostileRun = std::function<RawReply(const Operation&, const std::string& target,
                                          const std::string& body, const std::string& what)>;

void send_hostile_path_values(const Operation& op, const HostileRun& run) {
    // 1. Each path parameter in turn takes each hostile value.
    for (const auto& placeholder : placeholders(op.path)) {
        for (const auto& value : hostile_path_values()) {
            auto values = kValidParams;
            values[placeholder] = value;
            const std::string target = "/api/v1" + fill_path(op.path, values);
            const std::string body = op.has_body ? base_body(op).dump() : "";
            const RawReply r = run(op, target, body, op.method + " " + target.substr(0, 120));
            // ({name} values such as "-1" are valid user names: the table adds them.)
            if (op.method != "GET" && placeholder != "{name}") {
                EXPECT_GE(r.status, 400) << target.substr(0, 120);
            }
        }
    }
}

void send_hostile_queries(const Operation& op, const std::string& target, const HostileRun& run) {
    // 2. Each query parameter.
    for (const auto& name : op.query) {
        if (name == "Last-Event-ID")
            continue;  // a header; below
        for (const auto& value : hostile_strings()) {
            if (value.size() > 1000)
                continue;
            run(op, target + "?" + name + "=" + percent_encode(value), "",
                op.method + " " + target + "?" + name + "=" + value.substr(0, 40));
        }
    }
}

void send_hostile_body_fields(const Operation& op, const std::string& target,
                              const HostileRun& run) {
    // 3. Each body field, on an otherwise acceptable body.
    for (const auto& field : op.body_fields) {
        for (const auto& value : hostile_json_values()) {
            std::string body = base_body(op).dump();
            body = body.size() > 2
                       ? body.substr(0, body.size() - 1) + ",\"" + field + "\":" + value + "}"
                       : "{\"" + field + "\":" + value + "}";
            // base_body may hold the field already: the later duplicate wins in nlohmann.
            const RawReply r =
                run(op, target, body,
                    op.method + " " + target + " " + field + "=" + value.substr(0, 40));
            (void)r;
        }
    }
}

void send_bodies_it_does_not_read(const Operation& op, const std::string& target,
                                  const HostileRun& run) {
    // 4. Whole bodies that are not what the endpoint reads.
    if (op.has_body) {
        for (const std::string& body :
             {std::string("[1,2]"), std::string("\"' OR 1=1 --\""), std::string("null"),
              std::string("{\"a\":") + std::string(2000, '[') + "1" + std::string(2000, ']') + "}",
              "{\"x\":\"" + kInvalidUtf8 + "\"}", std::string("{\"service\":\"informasi\""),
              std::string(65 * 1024, ' ') + "{}"}) {
            const RawReply r = run(op, target, body, op.method + " " + target + " body");
            EXPECT_GE(r.status, 400);
        }
        // A 1 MB body is over the limit: 413, and nothing read from it. The catalog import
        // takes a whole catalog ([server] max_import_bytes, 8 MiB): it reads the megabyte
        // and refuses what it says (400); 9 MB is over its own limit.
        const bool import = op.path == "/catalog/import";
        const RawReply big =
            run(op, target, "{\"service\":\"" + std::string(1024 * 1024, 'x') + "\"}",
                op.method + " " + target + " 1 MB");
        EXPECT_EQ(big.status, import ? 400 : 413) << op.method << " " << target;
        if (import) {
            const RawReply huge =
                run(op, target, "{\"service\":\"" + std::string(9 * 1024 * 1024, 'x') + "\"}",
                    op.method + " " + target + " 9 MB");
            EXPECT_EQ(huge.status, 413);
        }
    }
}

}  // namespace

TEST_F(Injection, EveryEndpointSurvivesHostileValuesAndARefusalChangesNothing) {
    const auto ops = operations();
    ASSERT_GT(ops.size(), 30u);
    std::size_t requests = 0, refused = 0, issued = 0;
    const std::size_t tickets_before = tickets_today();
    const HostileRun run = [&](const Operation& op, const std::string& target,
                               const std::string& body, const std::string& what) {
        const std::int64_t before = last_event_id();
        const RawReply r = send(request_bytes(op.method, target, bearer(admin_), body));
        ++requests;
        expect_sound(r, what);
        if (op.method == "POST" && op.path == "/tickets" && r.status == 201)
            ++issued;
        if (r.status >= 400) {
            ++refused;
            EXPECT_EQ(last_event_id(), before) << "a refused request changed the state: " << what;
        }
        return r;
    };

    for (const auto& op : ops) {
        if (op.path == "/auth/logout")
            continue;  // would end the admin session the table runs with
        SCOPED_TRACE(op.method + " " + op.path);
        send_hostile_path_values(op, run);
        const std::string target = "/api/v1" + fill_path(op.path, kValidParams);
        send_hostile_queries(op, target, run);
        send_hostile_body_fields(op, target, run);
        send_bodies_it_does_not_read(op, target, run);
    }
    // 5. Very long request targets.
    for (const std::string& target : {"/api/v1/permits?q=" + std::string(100 * 1024, 'a'),
                                      "/api/v1/" + std::string(100 * 1024, 'a'),
                                      "/api/v1/tickets/status/" + std::string(100 * 1024, '0')}) {
        const RawReply r = send(request_bytes("GET", target, bearer(admin_)));
        if (r.status != 0)  // httplib may also just close on an oversized request line
            expect_sound(r, "long target");
        expect_alive();
    }
    // 6. Last-Event-ID, a header that becomes a number.
    for (const auto& value : hostile_strings()) {
        if (value.find_first_of("\r\n") != std::string::npos || value.size() > 1000 ||
            value.find('\0') != std::string::npos) {
            continue;
        }
        const RawReply r = send(request_bytes(
            "GET", "/api/v1/events",
            {{"Authorization", "Bearer " + std::string(kDisplayKey)}, {"Last-Event-ID", value}}));
        expect_sound(r, "Last-Event-ID: " + value.substr(0, 40));
        if (value.find_first_not_of(' ') != std::string::npos) {  // blank: no header at all
            EXPECT_EQ(r.status, 400) << value.substr(0, 40);
        }
    }
    expect_alive();
    // The tickets table holds exactly the tickets whose issue was acknowledged.
    EXPECT_EQ(tickets_today(), tickets_before + issued);
    EXPECT_GT(requests, 1500u);
    EXPECT_GT(refused, requests / 2);
    std::cout << "[          ] " << requests << " hostile requests, " << refused << " refused\n";
}

// ---- SQL text that is accepted is stored literally ------------------------------------------

TEST_F(Injection, SqlTextIsRefusedOrStoredLiterally) {
    const std::vector<std::string> payloads = {"' OR 1=1 --", "\"; DROP TABLE tickets; --",
                                               "Robert'); DROP TABLE users;--"};
    ApiClient admin(server_->url(), admin_);
    ApiClient kiosk(server_->url(), kKioskKey);
    const std::size_t tickets_before = tickets_today();
    ASSERT_EQ(tickets_before, 2u);

    // Settings: free-text names take the payloads and give them back unchanged.
    json settings = admin.get("/settings").body;
    ASSERT_TRUE(settings.is_object());
    settings["office"]["name"] = payloads[0];
    settings["office"]["address"] = payloads[1];
    for (auto& s : settings["services"]) {
        if (s["id"] == "pengambilan")
            s["name"] = payloads[2];
    }
    const Reply saved = admin.raw("PUT", "/settings", settings.dump());
    ASSERT_EQ(saved.status, 200) << saved.body.dump();
    const json office = ApiClient(server_->url()).get("/office").body;
    EXPECT_EQ(office["name"], payloads[0]);
    EXPECT_EQ(office["address"], payloads[1]);
    bool found = false;
    const json services = ApiClient(server_->url()).get("/services").body["services"];
    for (const auto& s : services) {
        if (s["id"] == "pengambilan") {
            EXPECT_EQ(s["name"], payloads[2]);
            found = true;
        }
    }
    EXPECT_TRUE(found);
    // Identifiers with SQL metacharacters are refused, not interpreted.
    settings["services"][0]["id"] = payloads[0];
    EXPECT_EQ(admin.raw("PUT", "/settings", settings.dump()).status, 400);
    for (const auto& p : payloads) {
        EXPECT_EQ(
            admin.post("/users", {{"name", p}, {"role", "staff"}, {"password", "12345678"}}).status,
            400);
        EXPECT_EQ(kiosk.post("/tickets", {{"service", p}}).status, 400);
        EXPECT_EQ(kiosk.post("/tickets", {{"service", "informasi"}, {"permit_id", p}}).status, 400);
        EXPECT_EQ(ApiClient(server_->url())
                      .post("/auth/login", {{"username", p}, {"password", p + p}})
                      .status,
                  401);
    }
    // Free text on tickets and counters: stored and read back literally.
    ApiClient staff(server_->url(), staff_);
    const Reply keyed =
        kiosk.post("/tickets", {{"service", "informasi"}, {"idempotency_key", payloads[1]}});
    ASSERT_EQ(keyed.status, 201);
    const Reply replay =
        kiosk.post("/tickets", {{"service", "informasi"}, {"idempotency_key", payloads[1]}});
    EXPECT_EQ(replay.status, 200);
    EXPECT_EQ(replay.body["ticket"]["number"], keyed.body["ticket"]["number"]);
    const Reply paused = staff.post("/counters/1/pause", {{"reason", payloads[2]}});
    ASSERT_EQ(paused.status, 200) << paused.body.dump();
    EXPECT_EQ(
        staff.get("/counters/1").body.dump().find(json(payloads[2]).dump()) != std::string::npos,
        true)
        << staff.get("/counters/1").body.dump();
    const Reply cancelled = ApiClient(server_->url(), supervisor_)
                                .post("/tickets/B-001/cancel", {{"reason", payloads[0]}});
    EXPECT_EQ(cancelled.status, 200) << cancelled.body.dump();

    // Every table still there and counted right: 2 + 1 new ticket, users intact.
    EXPECT_EQ(tickets_today(), tickets_before + 1);
    EXPECT_EQ(admin.get("/users").body["users"].size(), 3u);
    EXPECT_EQ(kiosk.post("/tickets", {{"service", "informasi"}}).status, 201);
}
