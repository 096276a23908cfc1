#pragma once
// A test-side client of the real queue-server: JSON calls that return status and body, and
// accounts created through the CLI as an operator would.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "loket/http_client.hpp"
#include "reply_recorder.hpp"
#include "server_process.hpp"

namespace loket::testing {

struct Reply {
    int status = 0;
    nlohmann::json body;
    std::string error;  // transport error, if no reply
    std::string code() const { return body.value("/error/code"_json_pointer, std::string()); }
    std::string field() const { return body.value("/error/field"_json_pointer, std::string()); }
};

// Client options for tests: no retries, so every request is seen exactly once.
inline net::HttpClientOptions test_client_options(const std::string& base_url,
                                                  const std::string& token = "",
                                                  long timeout_ms = 10000) {
    net::HttpClientOptions options;
    options.base_url = base_url;
    options.bearer_token = token;
    options.timeout_ms = timeout_ms;
    options.retries = 0;
    return options;
}

class ApiClient {
  public:
    ApiClient(const std::string& base_url, const std::string& token = "")
        : client_(test_client_options(base_url + "/api/v1", token)) {}

    void set_token(const std::string& token) { client_.set_bearer_token(token); }

    Reply get(const std::string& path) { return wrap("GET", path, client_.get(path)); }
    Reply post(const std::string& path, const nlohmann::json& body = nlohmann::json::object()) {
        return wrap("POST", path, client_.post(path, body));
    }
    Reply raw(const std::string& method, const std::string& path, const std::string& body,
              const std::string& content_type = "application/json",
              const std::vector<std::pair<std::string, std::string>>& headers = {}) {
        return wrap(method, path, client_.request(method, path, body, content_type, headers));
    }
    // A GET whose reply is kept whole, for bodies that are not JSON (CSV, XLSX, metrics).
    net::HttpResult get_whole(const std::string& path) {
        net::HttpResult result = client_.get(path);
        record_reply("GET", "/api/v1" + path, result);
        return result;
    }

  private:
    static Reply wrap(const std::string& method, const std::string& path,
                      const net::HttpResult& result) {
        record_reply(method, "/api/v1" + path, result);
        Reply reply;
        if (!result.response) {
            reply.error = result.error;
            return reply;
        }
        reply.status = result.response->status;
        reply.body = result.response->json().value_or(nlohmann::json());
        return reply;
    }
    net::HttpClient client_;
};

// The whole reply to a GET, whatever its type (CSV, XLSX, HTML), with the token as bearer.
inline net::HttpResponse raw_get(const ServerProcess& server, const std::string& token,
                                 const std::string& path) {
    ApiClient client(server.url(), token);
    const net::HttpResult result = client.get_whole(path);
    EXPECT_TRUE(result.response.has_value()) << result.error;
    return result.response.value_or(net::HttpResponse{});
}

// Adds an account with the CLI (as an operator would) and logs it in; returns the token.
inline std::string add_user_and_login(ServerProcess& server, const std::string& name,
                                      const std::string& role) {
    const auto [status, output] = run_queue_server_cli(
        {"--db", server.db().string(), "user", "add", name, "--role", role, "--password-stdin"},
        "rahasia-" + name + "\n");
    EXPECT_EQ(status, 0) << output;
    ApiClient client(server.url());
    const Reply login =
        client.post("/auth/login", {{"username", name}, {"password", "rahasia-" + name}});
    EXPECT_EQ(login.status, 200) << login.body.dump();
    return login.body.value("token", "");
}

}  // namespace loket::testing
