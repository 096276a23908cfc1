#include "loket/http_client.hpp"

#include <curl/curl.h>
#include <strings.h>

#include <chrono>
#include <random>
#include <stdexcept>
#include <thread>

#include "curl_support.hpp"
#include "loket/tls_pin.hpp"

namespace loket::net {

std::optional<nlohmann::json> HttpResponse::json() const {
    auto parsed = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
    if (parsed.is_discarded())
        return std::nullopt;
    return parsed;
}

std::optional<std::string> HttpResponse::header(std::string_view name) const {
    for (const auto& [key, value] : headers)
        if (key.size() == name.size() && ::strncasecmp(key.data(), name.data(), name.size()) == 0)
            return value;
    return std::nullopt;
}

namespace {

// What one attempt saw, filled in by curl's callbacks.
struct Exchange {
    const HttpClientOptions* options = nullptr;
    std::string body;
    std::size_t header_bytes = 0;
    bool body_too_large = false;
    bool headers_too_large = false;
};

size_t on_body(char* data, size_t size, size_t count, void* user) {
    auto& exchange = *static_cast<Exchange*>(user);
    const size_t n = size * count;
    if (exchange.body.size() + n > exchange.options->max_body_bytes) {
        exchange.body_too_large = true;
        return 0;  // aborts the transfer with CURLE_WRITE_ERROR
    }
    exchange.body.append(data, n);
    return n;
}

// Only counts: curl keeps the headers itself (curl_easy_nextheader), but without a bound.
size_t on_header(char*, size_t size, size_t count, void* user) {
    auto& exchange = *static_cast<Exchange*>(user);
    const size_t n = size * count;
    exchange.header_bytes += n;
    if (exchange.header_bytes > exchange.options->max_header_bytes) {
        exchange.headers_too_large = true;
        return 0;
    }
    return n;
}

TransportError describe(CURLcode code, CURL* easy, const Exchange& exchange) {
    if (exchange.body_too_large)
        return {"reply too large", false};
    if (exchange.headers_too_large)
        return {"reply headers too large", false};
    return describe_transport_error(code, easy);
}

bool has_line_break(std::string_view value) {
    return value.find_first_of(std::string_view("\r\n\0", 3)) != std::string_view::npos;
}

struct Headers {
    curl_slist* list = nullptr;
    ~Headers() { curl_slist_free_all(list); }
    void add(const std::string& line) {
        if (curl_slist* grown = curl_slist_append(list, line.c_str()))
            list = grown;
    }
};

}  // namespace

struct HttpClient::Impl {
    HttpClientOptions options;
    CURL* easy = nullptr;
    std::mt19937 rng{std::random_device{}()};
    char error_buffer[CURL_ERROR_SIZE] = {};
    CertificatePin pin;

    explicit Impl(HttpClientOptions o) : options(std::move(o)) {
        ensure_curl_initialized();
        easy = curl_easy_init();
        if (!easy)
            throw std::runtime_error("curl_easy_init failed");
    }
    ~Impl() { curl_easy_cleanup(easy); }

    std::string url_for(std::string_view path) const {
        std::string url = options.base_url;
        if (path.empty())
            return url;
        const bool base_slash = !url.empty() && url.back() == '/';
        const bool path_slash = path.front() == '/';
        if (base_slash && path_slash)
            path.remove_prefix(1);
        else if (!base_slash && !path_slash)
            url += '/';
        url += path;
        return url;
    }

    struct Attempt {
        HttpResult result;
        bool retryable = false;
    };

    std::optional<TransportError> pin_certificate(const std::string& url) {
        pin.expected.clear();
        if (!options.server_fingerprint.empty()) {
            const auto normal = normalize_fingerprint(options.server_fingerprint);
            if (!normal) {
                return TransportError{
                    "server_fingerprint bukan sidik jari SHA-256 (64 digit heksadesimal) / "
                    "server_fingerprint is not a SHA-256 fingerprint (64 hex digits)",
                    false};
            }
            pin.expected = *normal;
        }
        return apply_certificate_pin(easy, url, pin);
    }

    Attempt attempt(const char* method, const std::string& url, const std::string* body,
                    std::string_view idempotency_key, std::string_view content_type,
                    const std::vector<std::pair<std::string, std::string>>& extra_headers) {
        // Reset clears the previous request's options but keeps the live connection.
        curl_easy_reset(easy);
        Exchange exchange;
        exchange.options = &options;
        error_buffer[0] = '\0';

        Headers headers;
        headers.add("Accept: application/json");
        headers.add("Expect:");  // no 100-continue round trip for larger bodies
        if (!options.bearer_token.empty())
            headers.add("Authorization: Bearer " + options.bearer_token);
        if (body)
            headers.add("Content-Type: " + std::string(content_type));
        if (!idempotency_key.empty())
            headers.add("Idempotency-Key: " + std::string(idempotency_key));
        for (const auto& [name, value] : extra_headers)
            headers.add(name + ": " + value);

        curl_easy_setopt(easy, CURLOPT_URL, url.c_str());
        curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
        curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);  // timeouts must not raise signals
        if (auto refused = pin_certificate(url)) {
            Attempt out;
            out.result.error = refused->text;
            out.result.detail = refused->text;
            out.retryable = false;
            return out;
        }
        // The queue server is on the office LAN: a desktop-wide proxy variable must not
        // reroute it.
        curl_easy_setopt(easy, CURLOPT_PROXY, "");
        curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, options.connect_timeout_ms);
        curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, options.timeout_ms);
        curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, error_buffer);
        curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers.list);
        curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, on_body);
        curl_easy_setopt(easy, CURLOPT_WRITEDATA, &exchange);
        curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, on_header);
        curl_easy_setopt(easy, CURLOPT_HEADERDATA, &exchange);
        // Rejects a too-large Content-Length before reading; on_body covers chunked replies.
        curl_easy_setopt(easy, CURLOPT_MAXFILESIZE_LARGE,
                         static_cast<curl_off_t>(options.max_body_bytes));
        if (body) {
            curl_easy_setopt(easy, CURLOPT_POSTFIELDS, body->data());
            curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE,
                             static_cast<curl_off_t>(body->size()));
            if (std::string_view(method) != "POST")
                curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, method);
        } else {
            curl_easy_setopt(easy, CURLOPT_HTTPGET, 1L);
            if (std::string_view(method) != "GET")
                curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, method);
        }

        const CURLcode code = curl_easy_perform(easy);
        Attempt out;
        if (code != CURLE_OK) {
            TransportError error = pin.mismatch ? describe_transport_error(code, easy, pin)
                                                : describe(code, easy, exchange);
            out.result.error = std::move(error.text);
            out.result.detail = error_buffer[0] ? error_buffer : curl_easy_strerror(code);
            out.retryable = error.retryable;
            return out;
        }
        HttpResponse response;
        long status = 0;
        curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
        response.status = static_cast<int>(status);
        response.body = std::move(exchange.body);
        // Headers of the last response only (-1), so an interim 100 reply is left out.
        for (curl_header* h = nullptr;
             (h = curl_easy_nextheader(easy, CURLH_HEADER, -1, h)) != nullptr;)
            response.headers.emplace_back(h->name, h->value);
        out.result.response = std::move(response);
        out.retryable = status == 502 || status == 503 || status == 504;
        return out;
    }

    HttpResult request(const char* method, std::string_view path, const nlohmann::json* json,
                       std::string_view idempotency_key) {
        std::optional<std::string> body;
        if (json)  // replace, not throw, should a string hold invalid UTF-8
            body = json->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        return send(method, path, body, idempotency_key, "application/json", {});
    }

    HttpResult send(const char* method, std::string_view path,
                    const std::optional<std::string>& body, std::string_view idempotency_key,
                    std::string_view content_type,
                    const std::vector<std::pair<std::string, std::string>>& extra_headers) {
        // A CR or LF would let a value inject header lines.
        bool unsafe = has_line_break(options.bearer_token) || has_line_break(idempotency_key) ||
                      has_line_break(content_type);
        for (const auto& [name, value] : extra_headers)
            unsafe = unsafe || has_line_break(name) || has_line_break(value);
        if (unsafe) {
            HttpResult refused;
            refused.error = "invalid header value";
            return refused;
        }
        const std::string url = url_for(path);
        const std::string_view m(method);
        const bool may_retry = m == "GET" || m == "PUT" || !idempotency_key.empty();
        for (int n = 0;; ++n) {
            Attempt a = attempt(method, url, body ? &*body : nullptr, idempotency_key, content_type,
                                extra_headers);
            a.result.attempts = n + 1;
            if (!may_retry || !a.retryable || n >= options.retries)
                return std::move(a.result);
            std::this_thread::sleep_for(std::chrono::milliseconds(
                backoff_delay_ms(options.backoff_initial_ms, options.backoff_max_ms, n, rng)));
        }
    }
};

HttpClient::HttpClient(HttpClientOptions options)
    : impl_(std::make_unique<Impl>(std::move(options))) {}
HttpClient::~HttpClient() = default;
HttpClient::HttpClient(HttpClient&&) noexcept = default;
HttpClient& HttpClient::operator=(HttpClient&&) noexcept = default;

HttpResult HttpClient::get(std::string_view path) {
    return impl_->request("GET", path, nullptr, {});
}

HttpResult HttpClient::post(std::string_view path, const nlohmann::json& body,
                            std::string_view idempotency_key) {
    return impl_->request("POST", path, &body, idempotency_key);
}

HttpResult HttpClient::put(std::string_view path, const nlohmann::json& body) {
    return impl_->request("PUT", path, &body, {});
}

HttpResult HttpClient::request(std::string_view method, std::string_view path,
                               std::string_view body, std::string_view content_type,
                               const std::vector<std::pair<std::string, std::string>>& headers) {
    const std::string verb(method);
    std::optional<std::string> payload;
    if (!body.empty() || (verb != "GET" && verb != "DELETE"))
        payload = std::string(body);
    return impl_->send(verb.c_str(), path, payload, {}, content_type, headers);
}

void HttpClient::set_bearer_token(std::string token) {
    impl_->options.bearer_token = std::move(token);
}

const HttpClientOptions& HttpClient::options() const {
    return impl_->options;
}

}  // namespace loket::net
