#pragma once
// The queue-server's HTTPS identity: the office's own certificate and key, or a self-signed
// certificate made on first start and kept next to the database (docs/https.md).
#include <filesystem>
#include <string>
#include <vector>

namespace loket::server {

struct TlsIdentity {
    std::filesystem::path certificate_file;  // PEM, the leaf first (a chain may follow)
    std::filesystem::path private_key_file;  // PEM
    // SHA-256 of the leaf certificate's DER, "AB:CD:...": what kiosks and displays pin and
    // what browsers show as the certificate's SHA-256 fingerprint.
    std::string fingerprint;
    // SHA-256 of the leaf's public key (SubjectPublicKeyInfo), base64: the value curl's
    // --pinnedpubkey sha256// and Chromium's --ignore-certificate-errors-spki-list take.
    std::string public_key_sha256;
    bool created = false;  // made just now by this start
};

// Where the self-signed pair of a database lives: "<db>.https-cert.pem", "<db>.https-key.pem".
std::filesystem::path self_signed_certificate_path(const std::filesystem::path& db);
std::filesystem::path self_signed_key_path(const std::filesystem::path& db);

// The office's own pair when both paths are given (checked: readable, the key matches the
// certificate); else the database's self-signed pair, made when missing: EC P-256, valid
// 10 years, with subject alternative names for host_names and addresses. The key file is
// written with mode 0600. Throws InputError with a clear reason on any problem.
TlsIdentity load_or_create_tls_identity(const std::string& certificate_file,
                                        const std::string& private_key_file,
                                        const std::filesystem::path& db,
                                        const std::vector<std::string>& host_names,
                                        const std::vector<std::string>& addresses);

// This machine's host name (gethostname) and "localhost".
std::vector<std::string> local_host_names();
// 127.0.0.1, ::1 and every address of an interface that is up (getifaddrs), IPv4 and IPv6
// except link-local IPv6.
std::vector<std::string> local_addresses();

}  // namespace loket::server
