#pragma once
// What the injection tests share: the raw requests, the operations of assets/openapi.json with
// valid parameters and bodies, the hostile values, and a real queue-server with a little state
// to protect.
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
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "api_client.hpp"
#include "openapi_spec.hpp"
#include "temp_dir.hpp"

namespace injection_test {

using namespace loket::testing;
using nlohmann::json;

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
inline bool dechunk(std::string_view in, std::string& out) {
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
inline RawReply exchange(int port, const std::string& bytes, int timeout_ms = 8000) {
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

inline std::string request_bytes(const std::string& method, const std::string& target,
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

inline std::string percent_encode(std::string_view s) {
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

inline Headers bearer(const std::string& token) {
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

inline const json& resolve(const json& spec, const json& node) {
    if (node.is_object() && node.contains("$ref")) {
        const std::string ref = node["$ref"].get<std::string>();  // "#/components/schemas/X"
        return spec.at(json::json_pointer(ref.substr(1)));
    }
    return node;
}

inline std::vector<Operation> operations() {
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
inline const std::map<std::string, std::string> kValidParams = {
    {"{number}", "1"},
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

inline std::string fill_path(std::string path, const std::map<std::string, std::string>& values) {
    for (const auto& [placeholder, value] : values) {
        for (auto at = path.find(placeholder); at != std::string::npos;
             at = path.find(placeholder, at + value.size())) {
            path.replace(at, placeholder.size(), value);
        }
    }
    return path;
}

inline std::vector<std::string> placeholders(const std::string& path) {
    std::vector<std::string> out;
    for (const auto& [placeholder, _] : kValidParams) {
        if (path.find(placeholder) != std::string::npos)
            out.push_back(placeholder);
    }
    return out;
}

// A body the handler would accept, so that one hostile field at a time is what it judges.
inline json base_body(const Operation& op) {
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

inline const std::string kInvalidUtf8 = "\xff\xfe\xc0\xaf\xed\xa0\x80";

inline std::vector<std::string> hostile_strings() {
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
inline std::vector<std::string> hostile_json_values() {
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
inline std::vector<std::string> hostile_path_values() {
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

}  // namespace injection_test
