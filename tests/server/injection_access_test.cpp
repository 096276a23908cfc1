// Injection and abuse against the real queue-server on loopback, at what a request's path and
// head can reach: static files never leave the web folder, CR/LF, NUL, duplicate and oversized
// headers and odd Host values are harmless, and no caller without a staff session (dead,
// altered or misplaced tokens, device keys) nor a lower role reaches staff data.
// The raw requests, the operations and the fixture: injection_fixture.hpp.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <vector>

#include "injection_fixture.hpp"

using namespace loket::testing;
using namespace injection_test;
using nlohmann::json;

// ---- Static files and the status page ---------------------------------------------------------

TEST_F(Injection, StaticFilesNeverLeaveTheWebFolder) {
    const std::vector<std::string> targets = {
        "/../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/%2E%2E/%2E%2E/%2E%2E/etc/passwd",
        "/..%2f..%2f..%2fetc%2fpasswd",
        "/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "/js/../../../etc/passwd",
        "/js/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/css/..%2f..%2f..%2f..%2fetc%2fpasswd",
        "/..%00/etc/passwd",
        "/index.html%00.js",
        "/%00",
        "//etc/passwd",
        "/./././../../etc/passwd",
        "/js/..%5c..%5c..%5cetc%5cpasswd",
        "/....//....//etc/passwd",
        "/%252e%252e/%252e%252e/etc/passwd",
        "/s/../../etc/passwd",
        "/s/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "/s/..%2F..%2F..%2Fetc%2Fpasswd",
        "/s/" + std::string(32, '.'),
        "/s/0123456789abcdef0123456789abcdef/../../../etc/passwd",
        "/api/v1/../../../etc/passwd",
        "/api/v1/permits/..%2f..%2f..%2fetc%2fpasswd",
        "/api/v1/tickets/status/..%2f..%2f..%2fetc%2fpasswd",
        "/api/v1/openapi.json/../../../../etc/passwd",
        "../../etc/passwd",
        "http://127.0.0.1/../../etc/passwd",
        "/proc/self/environ",
        "/%2e%2e/%2e%2e/proc/self/environ",
        "/../queue-server/api.cpp",
        "/../assets/office.example.toml",
    };
    for (const auto& target : targets) {
        for (const char* method : {"GET", "HEAD"}) {
            const RawReply r = send(request_bytes(method, target));
            expect_sound(r, std::string(method) + " " + target, std::string(method) == "HEAD");
            if (r.status == 200) {
                // Only files of assets/web can come back.
                EXPECT_EQ(r.body.find("PATH="), std::string::npos) << target;
                EXPECT_EQ(r.body.find("namespace loket"), std::string::npos) << target;
                EXPECT_EQ(r.body.find("[[services]]"), std::string::npos) << target;
            }
        }
    }
    // The legitimate pages still come.
    EXPECT_EQ(get("/").status, 200);
    EXPECT_EQ(get("/s/0123456789abcdef0123456789abcdef").status, 200);
    expect_alive();
}

// ---- Header injection --------------------------------------------------------------------------

namespace {

// Raw requests with CR/LF inside header values and other malformed heads, each named; `staff`
// and `admin` are valid tokens some of them try to smuggle.
std::vector<std::pair<std::string, std::string>> malformed_request_heads(const std::string& staff,
                                                                         const std::string& admin) {
    const std::string kiosk_auth = "Authorization: Bearer " + std::string(kKioskKey) + "\r\n";
    const std::string admin_auth = "Authorization: Bearer " + admin + "\r\n";
    const std::string json_len = "Content-Type: application/json\r\nContent-Length: 2\r\n";
    return {
        {"bare CR in a header value",
         "GET /api/v1/counters HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + staff +
             "\rX-Role: admin\r\nConnection: close\r\n\r\n"},
        {"bare LF splits a header",
         "GET /api/v1/users HTTP/1.1\r\nHost: x\r\nX-A: a\nAuthorization: Bearer " + admin +
             "\r\nConnection: close\r\n\r\n"},
        {"CRLF in the target",
         "GET /api/v1/health%0d%0aSet-Cookie:%20a=b HTTP/1.1\r\nHost: x\r\nConnection: "
         "close\r\n\r\n"},
        {"NUL in a header", std::string("GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-A: a") +
                                std::string(1, '\0') + "b\r\nConnection: close\r\n\r\n"},
        {"header without colon",
         "GET /api/v1/health HTTP/1.1\r\nHost: x\r\nno colon here\r\nConnection: close\r\n\r\n"},
        {"obsolete line folding",
         "GET /api/v1/counters HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer\r\n " + staff +
             "\r\nConnection: close\r\n\r\n"},
        {"huge header (100 KB)",
         "GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(100 * 1024, 'a') +
             "\r\nConnection: close\r\n\r\n"},
        {"huge Authorization (100 KB)",
         "GET /api/v1/counters HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
             std::string(100 * 1024, 'a') + "\r\nConnection: close\r\n\r\n"},
        {"2000 headers",
         [] {
             std::string s = "GET /api/v1/health HTTP/1.1\r\nHost: x\r\n";
             for (int i = 0; i < 2000; ++i)
                 s += "X-H" + std::to_string(i) + ": v\r\n";
             return s + "Connection: close\r\n\r\n";
         }()},
        {"negative Content-Length", "POST /api/v1/tickets HTTP/1.1\r\nHost: x\r\n" + kiosk_auth +
                                        "Content-Type: application/json\r\nContent-Length: "
                                        "-1\r\nConnection: close\r\n\r\n{}"},
        {"huge Content-Length", "POST /api/v1/tickets HTTP/1.1\r\nHost: x\r\n" + kiosk_auth +
                                    "Content-Type: application/json\r\nContent-Length: "
                                    "99999999999999999999999\r\nConnection: close\r\n\r\n{}"},
        {"two Content-Lengths", "POST /api/v1/tickets HTTP/1.1\r\nHost: x\r\n" + kiosk_auth +
                                    "Content-Type: application/json\r\nContent-Length: "
                                    "2\r\nContent-Length: 40\r\nConnection: close\r\n\r\n{}"},
        {"bad chunk size",
         "POST /api/v1/tickets HTTP/1.1\r\nHost: x\r\n" + kiosk_auth +
             "Content-Type: application/json\r\nTransfer-Encoding: "
             "chunked\r\nConnection: close\r\n\r\nffffffffffffffffff\r\n{}\r\n0\r\n\r\n"},
        {"Expect 100-continue on a refused request",
         "POST /api/v1/counters HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n" + json_len +
             "Connection: close\r\n\r\n{}"},
        {"HTTP/0.9 style", "GET /api/v1/health\r\n\r\n"},
        {"garbage method",
         "G\x01T /api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"},
        {"TRACE", "TRACE / HTTP/1.1\r\nHost: x\r\n" + admin_auth + "Connection: close\r\n\r\n"},
        {"CONNECT", "CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"},
    };
}

}  // namespace

TEST_F(Injection, HeaderInjectionIsHarmless) {
    const std::int64_t before = last_event_id();
    const std::string kiosk_auth = "Authorization: Bearer " + std::string(kKioskKey) + "\r\n";
    const auto raw = malformed_request_heads(staff_, admin_);
    for (const auto& [what, bytes] : raw) {
        // A declared body over the limit is skipped by httplib until the 10 s read timeout
        // before the 413 goes out (one connection's thread, like any slow client).
        const bool slow = what == "negative Content-Length" || what == "huge Content-Length";
        const RawReply r = exchange(port(), bytes, slow ? 15000 : 8000);
        if (slow) {
            EXPECT_EQ(r.status, 413) << what;
        }
        if (r.status != 0)  // httplib may close on a malformed head without answering
            expect_sound(r, what);
        EXPECT_FALSE(r.timed_out) << what;
        // Nothing reflected into the reply's head, no staff data for a smuggled token.
        EXPECT_EQ(r.header("Set-Cookie"), "") << what;
        EXPECT_EQ(r.header("X-Role"), "") << what;
        // A bare CR does not end the header: the token with "\rX-Role: admin" glued to it is
        // no token. (A bare LF line is skipped by httplib; the next header is read as usual.)
        if (what == "bare CR in a header value" || what == "obsolete line folding") {
            EXPECT_EQ(r.status, 401) << what << ": " << r.body.substr(0, 200);
        }
        expect_alive();
    }
    EXPECT_EQ(last_event_id(), before) << "a malformed request changed the state";

    // Duplicate Authorization headers: no combination gives more than a valid header does.
    const auto two_auth = [&](const std::string& first, const std::string& second,
                              const std::string& target) {
        return send("GET " + target + " HTTP/1.1\r\nHost: x\r\nAuthorization: " + first +
                    "\r\nAuthorization: " + second + "\r\nConnection: close\r\n\r\n");
    };
    for (const auto& target : {"/api/v1/counters", "/api/v1/users", "/api/v1/settings"}) {
        for (const auto& [first, second] : std::vector<std::pair<std::string, std::string>>{
                 {"Bearer nonsense", "Bearer nonsense2"},
                 {"Bearer " + std::string(kKioskKey), "Bearer " + std::string(kDisplayKey)},
                 {"Bearer " + std::string(kDisplayKey), "Bearer nonsense"},
                 {"Basic YWRtaW46YWRtaW4=", "Bearer nonsense"},
             }) {
            const RawReply r = two_auth(first, second, target);
            expect_sound(r, std::string(target) + " " + first + " / " + second);
            EXPECT_TRUE(r.status == 401 || r.status == 403) << target << " " << first;
        }
    }

    // Host header: the status URL on a ticket is built from it; nothing odd gets through.
    const std::regex clean_status_url(R"(^(http://[A-Za-z0-9.:\[\]-]+)?/s/[0-9a-f]{32}$)");
    for (const std::string& host :
         {std::string("evil.example/\"><script>alert(1)</script>"), std::string("a b"),
          std::string("x@evil.example"), std::string("evil.example\rX-Injected: 1"),
          std::string(300, 'h'), std::string("[::1]:8080"), std::string("%0d%0aX: y"),
          std::string("javascript:alert(1)//"), std::string("")}) {
        const std::string body = R"({"service":"informasi"})";
        const RawReply r = send(
            "POST /api/v1/tickets HTTP/1.1\r\nHost: " + host + "\r\n" + kiosk_auth +
            "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
            "\r\nConnection: close\r\n\r\n" + body);
        expect_sound(r, "Host: " + host.substr(0, 60));
        if (r.status == 201) {
            const std::string url = r.json_body().value("status_url", "");
            EXPECT_TRUE(std::regex_match(url, clean_status_url)) << host << " -> " << url;
            EXPECT_EQ(url.find("evil"), std::string::npos) << url;
            EXPECT_EQ(url.find("script"), std::string::npos) << url;
        }
    }
    // Two Host headers: the status URL does not mix them.
    const std::string body = R"({"service":"informasi"})";
    const RawReply twice =
        send("POST /api/v1/tickets HTTP/1.1\r\nHost: 10.0.0.1:8080\r\nHost: evil.example\r\n" +
             kiosk_auth + "Content-Type: application/json\r\nContent-Length: " +
             std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
    expect_sound(twice, "two Host headers");
    if (twice.status == 201) {
        EXPECT_TRUE(std::regex_match(twice.json_body().value("status_url", ""), clean_status_url));
    }
    expect_alive();
}

// ---- Nobody without a staff session reaches staff data ------------------------------------------

TEST_F(Injection, NobodyWithoutAStaffTokenReachesStaffData) {
    // A logged-out token and a disabled user's token are dead too.
    ApiClient bystander(server_->url(), add_user_and_login(*server_, "dewi", "admin"));
    const std::string logged_out = [&] {
        const std::string token = add_user_and_login(*server_, "eko", "admin");
        ApiClient(server_->url(), token).post("/auth/logout");
        return token;
    }();
    const std::string disabled = add_user_and_login(*server_, "fajar", "admin");
    ASSERT_EQ(ApiClient(server_->url(), admin_)
                  .raw("PATCH", "/users/fajar", R"({"disabled": true})")
                  .status,
              200);

    const std::vector<std::pair<std::string, Headers>> callers = {
        {"anonymous", {}},
        {"kiosk", bearer(kKioskKey)},
        {"display", bearer(kDisplayKey)},
        {"garbage token",
         bearer("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")},
        {"SQL token", bearer("' OR 1=1 --")},
        {"empty bearer", {{"Authorization", "Bearer "}}},
        {"lower-case scheme with admin token", {{"Authorization", "bearer " + admin_}}},
        {"admin token with a character added", bearer(admin_ + "0")},
        {"admin token truncated", bearer(admin_.substr(0, admin_.size() - 1))},
        {"admin token upper-cased", bearer([&] {
             std::string t = admin_;
             for (auto& c : t)
                 c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
             return t;
         }())},
        {"basic auth", {{"Authorization", "Basic YWRtaW46cmFoYXNpYS1hZG1pbg=="}}},
        {"token in a cookie", {{"Cookie", "token=" + admin_}}},
        {"token in X-Auth", {{"X-Auth-Token", admin_}}},
        {"logged-out token", bearer(logged_out)},
        {"disabled user's token", bearer(disabled)},
    };
    const std::map<std::string, int> rank = {{"staff", 1}, {"supervisor", 2}, {"admin", 3}};
    const std::vector<std::pair<std::string, std::string>> sessions = {{"staff", staff_},
                                                                       {"supervisor", supervisor_}};
    std::size_t checked = 0;
    for (const auto& op : operations()) {
        if (!rank.count(op.access))
            continue;
        if (op.path == "/auth/logout")
            continue;  // checked with the dead tokens above; a live one would end the session
        const std::string target = "/api/v1" + fill_path(op.path, kValidParams) +
                                   (op.query.empty() ? "" : "?" + op.query.front() + "=1");
        const std::string body = op.has_body ? base_body(op).dump() : "";
        for (const auto& [who, headers] : callers) {
            const RawReply r = send(request_bytes(op.method, target, headers, body));
            const std::string what = who + " " + op.method + " " + target;
            expect_sound(r, what);
            EXPECT_TRUE(r.status == 401 || r.status == 403) << what << " -> " << r.status;
            const json j = r.json_body();
            EXPECT_TRUE(j.is_object() && j.size() == 1 && j.contains("error"))
                << what << ": " << r.body.substr(0, 200);
            ++checked;
        }
        // Lower roles are refused with 403.
        for (const auto& [role, token] : sessions) {
            if (rank.at(role) >= rank.at(op.access))
                continue;
            const RawReply r = send(request_bytes(op.method, target, bearer(token), body));
            expect_sound(r, role + " " + op.method + " " + target);
            EXPECT_EQ(r.status, 403) << role << " " << op.method << " " << target;
            ++checked;
        }
    }
    EXPECT_GT(checked, 300u);
    // The event stream and the display snapshot need at least a device key.
    for (const auto& target : {"/api/v1/display", "/api/v1/events"}) {
        EXPECT_EQ(get(target).status, 401) << target;
    }
    // Still one live admin session, untouched by all of this.
    EXPECT_EQ(bystander.get("/auth/me").status, 200);
    expect_alive();
}
