#pragma once
// Internal to loket_net: what the HTTP and SSE clients share.
#include <curl/curl.h>

#include <optional>
#include <random>
#include <string>

namespace loket::net {

// curl_global_init exactly once per process, before the first handle; thread-safe.
void ensure_curl_initialized();

// Exponential backoff with jitter: initial * 2^attempt capped at max, then a uniform pick in
// [half, full] so clients that failed together do not come back together.
long backoff_delay_ms(long initial_ms, long max_ms, int attempt, std::mt19937& rng);

// A transfer's failure as a short stable text ("connection refused", "timeout", ...) for
// callers to show and test against; curl's error buffer has the details.
struct TransportError {
    std::string text;
    bool retryable = true;  // false when trying again cannot help (bad URL, not HTTP)
};
TransportError describe_transport_error(CURLcode code, CURL* easy);

// The pinned certificate of one transfer (loket/tls_pin.hpp); must outlive the transfer.
struct CertificatePin {
    std::string expected;  // normalised "AB:CD:..."; empty: no pinning
    std::string received;  // the fingerprint the server presented
    bool mismatch = false;
};
// Sets the handle up for the pin (after curl_easy_reset); an error when it cannot be used.
std::optional<TransportError> apply_certificate_pin(CURL* easy, const std::string& url,
                                                    CertificatePin& pin);
// The error of a failed transfer: the mismatch message when the pin refused the server.
TransportError describe_transport_error(CURLcode code, CURL* easy, const CertificatePin& pin);

}  // namespace loket::net
