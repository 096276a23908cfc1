#pragma once
// JSON-over-HTTP client for the queue server (kiosk, display, tests, benchmarks), over libcurl.
// Network failures and bad replies are values, never exceptions or crashes.
#include <cstddef>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace loket::net {

struct HttpResponse {
    int status = 0;
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;  // as received, in order

    // The body as JSON; nullopt when it is empty or not valid JSON.
    std::optional<nlohmann::json> json() const;
    // First header of that name (case-insensitive); nullopt when absent.
    std::optional<std::string> header(std::string_view name) const;
};

struct HttpResult {
    std::optional<HttpResponse> response;  // set when the server answered, whatever the status
    // When no response: a short stable text ("connection refused", "timeout", "reply too
    // large", "empty reply", ...) and curl's own message for logs.
    std::string error;
    std::string detail;
    int attempts = 0;

    // The server answered with a 2xx status.
    bool ok() const { return response && response->status >= 200 && response->status < 300; }
    int status() const { return response ? response->status : 0; }
};

struct HttpClientOptions {
    std::string base_url;      // "http://127.0.0.1:8080"; request paths are appended
    std::string bearer_token;  // sent as "Authorization: Bearer ..." when not empty
    // The server certificate's SHA-256 fingerprint (loket/tls_pin.hpp): when set, base_url
    // must be https:// and only a server presenting exactly that certificate is talked to.
    std::string server_fingerprint;
    long connect_timeout_ms = 3000;
    long timeout_ms = 10000;  // whole request, per attempt
    std::size_t max_body_bytes = 4 * 1024 * 1024;
    std::size_t max_header_bytes = 256 * 1024;
    // Extra attempts after a transport error or a 502/503/504, for GET, PUT and POSTs that
    // carry an idempotency key; never after a 4xx or a reply that is too large.
    int retries = 2;
    long backoff_initial_ms = 100;  // doubles per retry, with jitter, up to the max
    long backoff_max_ms = 2000;
};

// One libcurl easy handle per client, so consecutive requests reuse the keep-alive connection.
// Not thread-safe: use one client per thread (clients on different threads are fine).
// Retries sleep on the calling thread. A moved-from client may only be destroyed or assigned.
class HttpClient {
  public:
    explicit HttpClient(HttpClientOptions options);
    ~HttpClient();
    HttpClient(HttpClient&&) noexcept;
    HttpClient& operator=(HttpClient&&) noexcept;

    HttpResult get(std::string_view path);
    // The key goes out as "Idempotency-Key" and makes the POST safe to retry.
    HttpResult post(std::string_view path, const nlohmann::json& body,
                    std::string_view idempotency_key = {});
    HttpResult put(std::string_view path, const nlohmann::json& body);
    // Any method with a body sent exactly as given (PATCH, DELETE, tests of bad input);
    // retried like get() and put() only for GET and PUT.
    HttpResult request(std::string_view method, std::string_view path, std::string_view body,
                       std::string_view content_type = "application/json",
                       const std::vector<std::pair<std::string, std::string>>& headers = {});

    void set_bearer_token(std::string token);
    const HttpClientOptions& options() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace loket::net
