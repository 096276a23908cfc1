#include "loket/tls_pin.hpp"

#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <cctype>
#include <mutex>

#include "curl_support.hpp"
#include "loket/hex.hpp"

namespace loket::net {

std::optional<std::string> normalize_fingerprint(std::string_view text) {
    std::string hex;
    for (const char ch : text) {
        if (ch == ':' || ch == ' ')
            continue;
        if (!std::isxdigit(static_cast<unsigned char>(ch)))
            return std::nullopt;
        hex += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    }
    if (hex.size() != 64)
        return std::nullopt;
    std::string out;
    for (std::size_t i = 0; i < hex.size(); i += 2) {
        if (i > 0)
            out += ':';
        out += hex.substr(i, 2);
    }
    return out;
}

std::string fingerprint_mismatch_message(std::string_view expected, std::string_view received) {
    const std::string want(expected), got(received.empty() ? "-" : received);
    return std::string(kFingerprintMismatch) + ": diharapkan " + want + ", diterima " + got +
           " (periksa server_fingerprint di konfigurasi; `queue-server fingerprint` di server "
           "mencetak yang benar) / server certificate fingerprint mismatch: expected " +
           want + ", received " + got +
           " (check server_fingerprint in the configuration; `queue-server fingerprint` on the "
           "server prints the right one)";
}

namespace {

int pin_index() {
    static const int index = SSL_CTX_get_ex_new_index(0, nullptr, nullptr, nullptr, nullptr);
    return index;
}

std::string sha256_fingerprint(X509* cert) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    if (!cert || X509_digest(cert, EVP_sha256(), digest, &size) != 1)
        return "";
    return hex_with_colons(digest, size);
}

// OpenSSL's verdict on the chain does not matter (the certificate is usually self-signed): the
// server's own certificate (depth 0) passes exactly when its fingerprint is the pinned one.
int verify_pinned(int, X509_STORE_CTX* store) {
    auto* ssl =
        static_cast<SSL*>(X509_STORE_CTX_get_ex_data(store, SSL_get_ex_data_X509_STORE_CTX_idx()));
    auto* pin =
        ssl ? static_cast<CertificatePin*>(SSL_CTX_get_ex_data(SSL_get_SSL_CTX(ssl), pin_index()))
            : nullptr;
    if (!pin)
        return 0;
    if (X509_STORE_CTX_get_error_depth(store) != 0)
        return 1;
    pin->received = sha256_fingerprint(X509_STORE_CTX_get_current_cert(store));
    if (pin->received != pin->expected) {
        pin->mismatch = true;
        return 0;
    }
    X509_STORE_CTX_set_error(store, X509_V_OK);
    return 1;
}

CURLcode on_ssl_ctx(CURL*, void* ssl_ctx, void* user) {
    auto* ctx = static_cast<SSL_CTX*>(ssl_ctx);
    if (SSL_CTX_set_ex_data(ctx, pin_index(), user) != 1)
        return CURLE_SSL_CERTPROBLEM;
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, verify_pinned);
    return CURLE_OK;
}

}  // namespace

std::optional<TransportError> apply_certificate_pin(CURL* easy, const std::string& url,
                                                    CertificatePin& pin) {
    pin.received.clear();
    pin.mismatch = false;
    if (pin.expected.empty())
        return std::nullopt;  // https verifies against the system's CAs as usual
    if (url.rfind("https://", 0) != 0) {
        return TransportError{
            "server_fingerprint hanya untuk alamat https:// / server_fingerprint needs an "
            "https:// server address, got " +
                url.substr(0, url.find('/', url.find("://") + 3)),
            false};
    }
    // The pin replaces the CA check and the host-name check: the certificate is self-signed
    // and a kiosk may reach the server by any of its addresses.
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, 0L);
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, 0L);
    curl_easy_setopt(easy, CURLOPT_SSL_CTX_FUNCTION, on_ssl_ctx);
    if (curl_easy_setopt(easy, CURLOPT_SSL_CTX_DATA, &pin) != CURLE_OK) {
        return TransportError{
            "libcurl ini tidak mendukung pemeriksaan sertifikat / this libcurl cannot check the "
            "certificate (needs the OpenSSL flavour, libcurl4-openssl-dev)",
            false};
    }
    return std::nullopt;
}

}  // namespace loket::net
