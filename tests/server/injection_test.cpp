// Injection and abuse against the real queue-server on loopback:
// every endpoint of assets/openapi.json gets SQL metacharacters, very long strings, invalid
// UTF-8, negative and huge numbers, path traversal and header injection, as anonymous, kiosk,
// display and staff callers. Nothing may break (no 5xx, the server keeps answering), nothing
// may leak (no file contents, no staff data without a staff session), errors are JSON with a
// code and a message, and a refused request changes nothing.
//
// Requests go over raw sockets (127.0.0.1 only, bounded timeouts) so that what libcurl would
// normalise or refuse (dot segments, bare CR/LF in headers, duplicate headers) reaches the
// server as written.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "api_client.hpp"
#include "openapi_spec.hpp"
#include "temp_dir.hpp"

using namespace loket::testing;
using nlohmann::json;

namespace {

// ---- A raw HTTP/1.1 exchange over loopback --------------------------------------------------

struct RawReply {
    int status = 0;    // 0: the server closed or timed out without a status line
    std::string head;  // status line and headers as received
    std::string body;  // de-chunked
    bool timed_out = false;

    json json_body() const { return json::parse(body, nullptr, false); }
    bool is_json_error() const {
        const json j = json_body();
        return j.is_object() && j.contains("error") && j["error"].is_object() &&
               j["error"].value("code", json()).is_string() &&
               j["error"].value("message", json()).is_string() &&
               !j["error"]["message"].get<std::string>().empty();
    }
    std::string code() const {
        const json j = json_body();
        return is_json_error() ? j["error"]["code"].get<std::string>() : "";
    }
    std::string header(const std::string& name) const {
        std::string lower_head = head;
        for (auto& c : lower_head)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        std::string key = "\r\n" + name + ":";
        for (auto& c : key)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        const auto at = lower_head.find(key);
        if (at == std::string::npos)
            return "";
        const auto end = head.find("\r\n", at + key.size());
        std::string value = head.substr(at + key.size(), end - at - key.size());
        while (!value.empty() && value.front() == ' ')
            value.erase(0, 1);
        return value;
    }
};

// Decodes a chunked body; false while incomplete.
bool dechunk(std::string_view in, std::string& out) {
    out.clear();
    while (true) {
        const auto line = in.find("\r\n");
        if (line == std::string_view::npos)
            return false;
        const std::size_t n = std::strtoul(std::string(in.substr(0, line)).c_str(), nullptr, 16);
        if (n == 0)
            return in.find("\r\n", line + 2) != std::string_view::npos;
        if (in.size() < line + 2 + n + 2)
            return false;
        out.append(in.substr(line + 2, n));
        in.remove_prefix(line + 2 + n + 2);
    }
}

// Sends bytes as they are and reads one reply (an event stream is returned after its head).
RawReply exchange(int port, const std::string& bytes, int timeout_ms = 8000) {
    RawReply reply;
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return reply;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        ::close(fd);
        return reply;
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    const auto left_ms = [&] {
        return static_cast<int>(
            std::max<std::int64_t>(0, std::chrono::duration_cast<std::chrono::milliseconds>(
                                          deadline - std::chrono::steady_clock::now())
                                          .count()));
    };
    // Send while reading, so a server that answers early (413) and closes is not a deadlock.
    std::size_t sent = 0;
    std::string in;
    bool peer_closed = false;
    while (left_ms() > 0) {
        pollfd p{fd, static_cast<short>(POLLIN | (sent < bytes.size() ? POLLOUT : 0)), 0};
        if (::poll(&p, 1, std::min(left_ms(), 200)) < 0)
            break;
        if ((p.revents & POLLOUT) && sent < bytes.size()) {
            const ssize_t n =
                ::send(fd, bytes.data() + sent, std::min<std::size_t>(bytes.size() - sent, 65536),
                       MSG_NOSIGNAL);
            if (n > 0)
                sent += static_cast<std::size_t>(n);
            else
                sent = bytes.size();  // the server stopped reading; look for its answer
        }
        if (p.revents & (POLLIN | POLLHUP | POLLERR)) {
            char buf[65536];
            const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
            if (n <= 0) {
                peer_closed = true;
            } else {
                in.append(buf, static_cast<std::size_t>(n));
            }
        }
        // Complete?
        const auto head_end = in.find("\r\n\r\n");
        if (head_end != std::string::npos) {
            reply.head = in.substr(0, head_end);
            const std::string rest = in.substr(head_end + 4);
            if (reply.head.rfind("HTTP/1.1 100", 0) == 0) {
                in = rest;  // interim reply: read on
                continue;
            }
            const std::string length = reply.header("Content-Length");
            const std::string encoding = reply.header("Transfer-Encoding");
            if (!length.empty() && rest.size() >= std::stoul(length)) {
                reply.body = rest.substr(0, std::stoul(length));
                break;
            }
            if (encoding == "chunked" &&
                (reply.header("Content-Type").rfind("text/event-stream", 0) == 0 ||
                 dechunk(rest, reply.body))) {
                break;
            }
            if (length.empty() && encoding.empty() && peer_closed) {
                reply.body = rest;
                break;
            }
        }
        if (peer_closed)
            break;
    }
    reply.timed_out = left_ms() == 0;
    ::close(fd);
    if (reply.head.rfind("HTTP/1.1 ", 0) == 0 && reply.head.size() >= 12)
        reply.status = std::atoi(reply.head.substr(9, 3).c_str());
    return reply;
}

using Headers = std::vector<std::pair<std::string, std::string>>;

std::string request_bytes(const std::string& method, const std::string& target,
                          const Headers& headers = {}, const std::string& body = "",
                          bool json_body = true) {
    std::string out = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    for (const auto& [name, value] : headers)
        out += name + ": " + value + "\r\n";
    if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH") {
        if (json_body)
            out += "Content-Type: application/json\r\n";
        out += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    }
    return out + "Connection: close\r\n\r\n" + body;
}

std::string percent_encode(std::string_view s) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (const unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

Headers bearer(const std::string& token) {
    return token.empty() ? Headers{} : Headers{{"Authorization", "Bearer " + token}};
}

// ---- The API as documented ------------------------------------------------------------------

struct Operation {
    std::string method;  // upper case
    std::string path;    // "/counters/{number}/pause"
    std::string access;  // public, kiosk, reader, staff, supervisor, admin
    std::vector<std::string> query;
    std::vector<std::string> body_fields;
    bool has_body = false;
};

const json& resolve(const json& spec, const json& node) {
    if (node.is_object() && node.contains("$ref")) {
        const std::string ref = node["$ref"].get<std::string>();  // "#/components/schemas/X"
        return spec.at(json::json_pointer(ref.substr(1)));
    }
    return node;
}

std::vector<Operation> operations() {
    const json spec = loket::testing::load_openapi_spec();
    std::vector<Operation> out;
    for (const auto& [path, methods] : spec["paths"].items()) {
        for (const auto& [method, op] : methods.items()) {
            Operation o;
            for (const char c : method)
                o.method += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
            o.path = path;
            o.access = op.value("x-access", "public");
            const json parameters = op.value("parameters", json::array());
            for (const auto& p : parameters) {
                if (p.value("in", "") == "query")
                    o.query.push_back(p["name"].get<std::string>());
            }
            if (op.contains("requestBody")) {
                o.has_body = true;
                const json& schema =
                    resolve(spec, op["requestBody"]["content"]["application/json"]["schema"]);
                const json properties = schema.value("properties", json::object());
                for (const auto& [field, _] : properties.items())
                    o.body_fields.push_back(field);
            }
            out.push_back(std::move(o));
        }
    }
    return out;
}

// A valid value for each path parameter (so body and query values reach the handler).
const std::map<std::string, std::string> kValidParams = {{"{number}", "1"},
                                                         {"{id}", "kaltim-ikot"},
                                                         {"{token}", std::string(32, '0')},
                                                         {"{ticket}", "A-001"},
                                                         {"{ticket_id}", "1"},
                                                         {"{name}", "siti"},
                                                         {"{application_id}", "1"},
                                                         {"{follow_up_id}", "1"},
                                                         {"{complaint_id}", "1"},
                                                         {"{tracking_number}", "ADU-0000-0000"},
                                                         {"{version}", "1"},
                                                         {"{table}", "services"}};

std::string fill_path(std::string path, const std::map<std::string, std::string>& values) {
    for (const auto& [placeholder, value] : values) {
        for (auto at = path.find(placeholder); at != std::string::npos;
             at = path.find(placeholder, at + value.size())) {
            path.replace(at, placeholder.size(), value);
        }
    }
    return path;
}

std::vector<std::string> placeholders(const std::string& path) {
    std::vector<std::string> out;
    for (const auto& [placeholder, _] : kValidParams) {
        if (path.find(placeholder) != std::string::npos)
            out.push_back(placeholder);
    }
    return out;
}

// A body the handler would accept, so that one hostile field at a time is what it judges.
json base_body(const Operation& op) {
    const std::string key = op.method + " " + op.path;
    if (key == "POST /auth/login")
        return {{"username", "siti"}, {"password", "salah-sandi"}};
    if (key == "POST /tickets")
        return {{"service", "informasi"}};
    if (key == "POST /tickets/{ticket_id}/print")
        return {{"status", "printed"}};
    if (key == "POST /tickets/{ticket}/cancel" || key == "POST /counters/{number}/pause")
        return {{"reason", "istirahat"}};
    if (key == "POST /tickets/{ticket}/transfer" || key == "POST /counters/{number}/transfer")
        return {{"service", "customer_service"}};
    if (key == "POST /counters/{number}/call")
        return {{"number", "A-001"}};
    if (key == "POST /users")
        return {{"name", "budi"}, {"role", "staff"}, {"password", "rahasia-budi"}};
    if (key == "POST /applications") {
        return {{"permit_id", "dairi-iumk"},
                {"applicant_type", "perorangan"},
                {"applicant_name", "Ucok"},
                {"checklist", json::array({{{"position", 0}, {"present", true}}})}};
    }
    if (key == "POST /applications/{application_id}/steps")
        return {{"step", 4}, {"action", "done"}};
    if (key == "POST /applications/{application_id}/pause")
        return {{"reason", "menunggu_pemohon"}};
    if (key == "POST /applications/{application_id}/pickup")
        return {{"received_by", "Ucok"}};
    if (key == "POST /applications/pickup-ticket")
        return {{"number", "0001/DPMPTSP/I/2026"}, {"token", std::string(32, '0')}};
    return json::object();
}

// ---- Hostile values --------------------------------------------------------------------------

const std::string kInvalidUtf8 = "\xff\xfe\xc0\xaf\xed\xa0\x80";

std::vector<std::string> hostile_strings() {
    return {
        "' OR 1=1 --",
        "\"; DROP TABLE tickets; --",
        "1; DELETE FROM tickets WHERE 1=1",
        "A-001' UNION SELECT password_hash FROM users --",
        "%' OR '1'='1",
        "../../etc/passwd",
        "..%2f..%2fetc%2fpasswd",
        "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "..%00",
        std::string("a\0b", 3),
        kInvalidUtf8,
        "<script>alert(1)</script>",
        "${jndi:ldap://127.0.0.1/x}",
        "\r\nX-Injected: 1",
        "-1",
        "9223372036854775808",
        "-9223372036854775809",
        "1e309",
        "NaN",
        "Infinity",
        "0x10",
        "",
        " ",
        std::string(300, 'a'),
        std::string(60 * 1024, 'x'),  // within the 64 KB body limit, over every field limit
    };
}

// JSON texts for a field's value (not only strings); invalid UTF-8 raw inside a string too.
std::vector<std::string> hostile_json_values() {
    std::vector<std::string> out;
    for (const auto& s : hostile_strings()) {
        out.push_back(json(s.find('\xff') != std::string::npos ? "x" : s)
                          .dump(-1, ' ', false, json::error_handler_t::replace));
    }
    out.push_back("\"" + kInvalidUtf8 + "\"");  // raw invalid UTF-8 in the JSON text
    out.push_back("\"\\ud800\"");               // lone surrogate
    for (const char* v : {"-1", "0", "9223372036854775808", "-9223372036854775809",
                          "18446744073709551616", "1e309", "-1e309", "0.5", "-0", "true", "null",
                          "[]", "{}", "[\"informasi\"]", "{\"$gt\": \"\"}"}) {
        out.push_back(v);
    }
    return out;
}

// Path parameter values, already in request-target form.
std::vector<std::string> hostile_path_values() {
    std::vector<std::string> out;
    for (const auto& s : hostile_strings()) {
        if (s.size() < 1000)
            out.push_back(percent_encode(s));
    }
    for (const char* raw : {"../../etc/passwd", "..", ".", "%2e%2e", "..%2f..%2f..%2fetc%2fpasswd",
                            "..%00", "%00", "-1", "9223372036854775808", "99999999999999999999",
                            "1e309", "NaN", "+1", "1.0", "0x1", "%20", "A-001%0d%0aX:1"}) {
        out.push_back(raw);
    }
    out.push_back(std::string(100 * 1024, '9'));
    return out;
}

// ---- Fixture: a server with a little state to protect ----------------------------------------

class Injection : public ::testing::Test {
  protected:
    void SetUp() override {
        server_ = std::make_unique<ServerProcess>(dir_.path());
        admin_ = add_user_and_login(*server_, "admin", "admin");
        supervisor_ = add_user_and_login(*server_, "susi", "supervisor");
        staff_ = add_user_and_login(*server_, "siti", "staff");
        ApiClient kiosk(server_->url(), kKioskKey);
        ApiClient staff(server_->url(), staff_);
        ASSERT_EQ(kiosk.post("/tickets", {{"service", "informasi"}}).status, 201);
        ASSERT_EQ(kiosk.post("/tickets", {{"service", "customer_service"}}).status, 201);
        ASSERT_EQ(staff.post("/counters/1/open").status, 200);
    }

    int port() const { return server_->port(); }
    RawReply send(const std::string& bytes) { return exchange(port(), bytes); }
    RawReply get(const std::string& target, const std::string& token = "") {
        return send(request_bytes("GET", target, bearer(token)));
    }
    std::int64_t last_event_id() {
        const RawReply r = get("/api/v1/health");
        EXPECT_EQ(r.status, 200) << "the server stopped answering /health";
        const json j = r.json_body();
        return j.is_object() ? j.value("last_event_id", std::int64_t{-1}) : -1;
    }
    std::size_t tickets_today() {
        const json j = get("/api/v1/tickets", admin_).json_body();
        return j.is_object() && j.contains("tickets") ? j["tickets"].size() : 0;
    }
    void expect_alive() {
        const RawReply r = get("/api/v1/health");
        ASSERT_EQ(r.status, 200) << "the server died; log:\n" << server_->log_text();
    }

    // The checks every reply gets.
    void expect_sound(const RawReply& r, const std::string& what, bool head_only = false) {
        SCOPED_TRACE(what.substr(0, 300));
        EXPECT_FALSE(r.timed_out) << "no complete reply in time";
        ASSERT_NE(r.status, 0) << "no reply (server crashed or dropped the connection)";
        EXPECT_LT(r.status, 500) << r.body.substr(0, 300);
        EXPECT_EQ(r.head.find("root:x:0:0"), std::string::npos);
        EXPECT_EQ(r.body.find("root:x:0:0"), std::string::npos) << "file contents leaked";
        EXPECT_EQ(r.body.find("$argon2"), std::string::npos) << "a password hash leaked";
        if (r.status >= 400 && !head_only) {
            EXPECT_TRUE(r.is_json_error()) << r.status << " " << r.body.substr(0, 300);
        }
    }

    TempDir dir_;
    std::unique_ptr<ServerProcess> server_;
    std::string admin_, supervisor_, staff_;
};

}  // namespace

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

TEST_F(Injection, EveryEndpointSurvivesHostileValuesAndARefusalChangesNothing) {
    const auto ops = operations();
    ASSERT_GT(ops.size(), 30u);
    std::size_t requests = 0, refused = 0, issued = 0;
    const std::size_t tickets_before = tickets_today();
    const auto run = [&](const Operation& op, const std::string& target, const std::string& body,
                         const std::string& what) {
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
        const std::string target = "/api/v1" + fill_path(op.path, kValidParams);
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
        // 4. Whole bodies that are not what the endpoint reads.
        if (op.has_body) {
            for (const std::string& body :
                 {std::string("[1,2]"), std::string("\"' OR 1=1 --\""), std::string("null"),
                  std::string("{\"a\":") + std::string(2000, '[') + "1" + std::string(2000, ']') +
                      "}",
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

TEST_F(Injection, HeaderInjectionIsHarmless) {
    const std::int64_t before = last_event_id();
    const std::string kiosk_auth = "Authorization: Bearer " + std::string(kKioskKey) + "\r\n";
    const std::string admin_auth = "Authorization: Bearer " + admin_ + "\r\n";
    const std::string json_len = "Content-Type: application/json\r\nContent-Length: 2\r\n";
    // Raw requests with CR/LF inside header values and other malformed heads.
    const std::vector<std::pair<std::string, std::string>> raw = {
        {"bare CR in a header value",
         "GET /api/v1/counters HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + staff_ +
             "\rX-Role: admin\r\nConnection: close\r\n\r\n"},
        {"bare LF splits a header",
         "GET /api/v1/users HTTP/1.1\r\nHost: x\r\nX-A: a\nAuthorization: Bearer " + admin_ +
             "\r\nConnection: close\r\n\r\n"},
        {"CRLF in the target",
         "GET /api/v1/health%0d%0aSet-Cookie:%20a=b HTTP/1.1\r\nHost: x\r\nConnection: "
         "close\r\n\r\n"},
        {"NUL in a header", std::string("GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-A: a") +
                                std::string(1, '\0') + "b\r\nConnection: close\r\n\r\n"},
        {"header without colon",
         "GET /api/v1/health HTTP/1.1\r\nHost: x\r\nno colon here\r\nConnection: close\r\n\r\n"},
        {"obsolete line folding",
         "GET /api/v1/counters HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer\r\n " + staff_ +
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
