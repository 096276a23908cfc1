#include "curl_support.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cerrno>
#include <mutex>
#include <stdexcept>

#include "loket/tls_pin.hpp"

namespace loket::net {

void ensure_curl_initialized() {
    static std::once_flag once;
    std::call_once(once, [] {
        // Never cleaned up: other threads may still hold handles at exit.
        if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
            throw std::runtime_error("curl_global_init failed");
    });
}

long backoff_delay_ms(long initial_ms, long max_ms, int attempt, std::mt19937& rng) {
    max_ms = std::max(max_ms, 1L);
    long delay = std::clamp(initial_ms, 1L, max_ms);
    for (int i = 0; i < attempt && delay < max_ms; ++i)
        delay = std::min(delay * 2, max_ms);
    return std::uniform_int_distribution<long>(delay / 2, delay)(rng);
}

TransportError describe_transport_error(CURLcode code, CURL* easy) {
    switch (code) {
        case CURLE_FILESIZE_EXCEEDED:
            return {"reply too large", false};
        case CURLE_COULDNT_CONNECT: {
            long os_errno = 0;
            curl_easy_getinfo(easy, CURLINFO_OS_ERRNO, &os_errno);
            return {os_errno == ECONNREFUSED ? "connection refused" : "could not connect"};
        }
        case CURLE_OPERATION_TIMEDOUT:
            return {"timeout"};
        case CURLE_COULDNT_RESOLVE_HOST:
            return {"could not resolve host"};
        case CURLE_GOT_NOTHING:
            return {"empty reply"};
        case CURLE_PARTIAL_FILE:
            return {"reply truncated"};
        case CURLE_SEND_ERROR:
            return {"send failed"};
        case CURLE_RECV_ERROR:  // includes broken chunked encoding
            return {"receive failed"};
        case CURLE_WEIRD_SERVER_REPLY:
            return {"invalid reply"};
        case CURLE_URL_MALFORMAT:
            return {"invalid URL", false};
        case CURLE_UNSUPPORTED_PROTOCOL: {
            // Either the URL's scheme, or a reply that is not HTTP/1.x at all.
            char* ip = nullptr;
            curl_easy_getinfo(easy, CURLINFO_PRIMARY_IP, &ip);
            return {ip && *ip ? "invalid reply" : "unsupported protocol", false};
        }
        case CURLE_OUT_OF_MEMORY:
            // curl 7.88 reports a header line over its 100 KB limit this way; real memory
            // exhaustion is the rarer cause here.
            return {"reply headers too large", false};
        default:
            return {curl_easy_strerror(code)};
    }
}

TransportError describe_transport_error(CURLcode code, CURL* easy, const CertificatePin& pin) {
    if (pin.mismatch)
        return {fingerprint_mismatch_message(pin.expected, pin.received), false};
    return describe_transport_error(code, easy);
}

}  // namespace loket::net
