#include "tls_identity.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <openssl/bio.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <set>

#include "loket/hex.hpp"
#include "loket/input_error.hpp"

namespace loket::server {

namespace {

struct Free {
    void operator()(X509* p) const { X509_free(p); }
    void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
    void operator()(EVP_PKEY_CTX* p) const { EVP_PKEY_CTX_free(p); }
    void operator()(BIO* p) const { BIO_free(p); }
    void operator()(GENERAL_NAMES* p) const { GENERAL_NAMES_free(p); }
    void operator()(X509_EXTENSION* p) const { X509_EXTENSION_free(p); }
};
template <class T>
using Owned = std::unique_ptr<T, Free>;

std::string openssl_reason() {
    const unsigned long code = ERR_get_error();
    ERR_clear_error();
    if (code == 0)
        return "unknown OpenSSL error";
    char text[256];
    ERR_error_string_n(code, text, sizeof text);
    return text;
}

std::string base64(const unsigned char* bytes, int size) {
    std::string out(static_cast<std::size_t>(4 * ((size + 2) / 3)) + 1, '\0');
    const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), bytes, size);
    out.resize(static_cast<std::size_t>(n));
    return out;
}

Owned<X509> read_certificate(const std::filesystem::path& path, const std::string& field) {
    Owned<BIO> bio(BIO_new_file(path.c_str(), "r"));
    if (!bio)
        throw InputError(path.string(), field, "cannot be read");
    Owned<X509> cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
    if (!cert) {
        throw InputError(path.string(), field,
                         "is not a PEM certificate (" + openssl_reason() + ")");
    }
    return cert;
}

Owned<EVP_PKEY> read_private_key(const std::filesystem::path& path, const std::string& field) {
    Owned<BIO> bio(BIO_new_file(path.c_str(), "r"));
    if (!bio)
        throw InputError(path.string(), field, "cannot be read");
    Owned<EVP_PKEY> key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
    if (!key) {
        throw InputError(path.string(), field,
                         "is not an unencrypted PEM private key (" + openssl_reason() + ")");
    }
    return key;
}

void add_extension(X509* cert, int nid, const char* value) {
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
    Owned<X509_EXTENSION> ext(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value));
    if (!ext || !X509_add_ext(cert, ext.get(), -1))
        throw std::runtime_error("certificate extension: " + openssl_reason());
}

// Writes text to a new file with the given mode, replacing an old one only once complete.
void write_private_file(const std::filesystem::path& path, const std::string& text, mode_t mode) {
    const std::filesystem::path temp = path.string() + ".tmp";
    ::unlink(temp.c_str());
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
    if (fd < 0)
        throw InputError(temp.string(), "", "cannot be created");
    ::fchmod(fd, mode);  // whatever the umask
    std::size_t done = 0;
    while (done < text.size()) {
        const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n <= 0) {
            ::close(fd);
            throw InputError(temp.string(), "", "cannot be written");
        }
        done += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0 || ::close(fd) != 0 || ::rename(temp.c_str(), path.c_str()) != 0)
        throw InputError(path.string(), "", "cannot be written");
}

std::string pem_of(const X509* cert) {
    Owned<BIO> bio(BIO_new(BIO_s_mem()));
    PEM_write_bio_X509(bio.get(), const_cast<X509*>(cert));
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<std::size_t>(size));
}

std::string pem_of(EVP_PKEY* key) {
    Owned<BIO> bio(BIO_new(BIO_s_mem()));
    PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr);
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<std::size_t>(size));
}

void create_self_signed(const std::filesystem::path& cert_path,
                        const std::filesystem::path& key_path,
                        const std::vector<std::string>& host_names,
                        const std::vector<std::string>& addresses) {
    Owned<EVP_PKEY> key(EVP_EC_gen("P-256"));
    if (!key)
        throw std::runtime_error("cannot make an EC P-256 key: " + openssl_reason());
    Owned<X509> cert(X509_new());
    X509_set_version(cert.get(), 2);  // v3
    // A random positive serial: browsers refuse two certificates with one issuer and serial.
    unsigned char serial[16];
    FILE* random = std::fopen("/dev/urandom", "rb");
    if (!random || std::fread(serial, 1, sizeof serial, random) != sizeof serial) {
        if (random)
            std::fclose(random);
        throw std::runtime_error("cannot read /dev/urandom");
    }
    std::fclose(random);
    serial[0] &= 0x7f;
    BIGNUM* bn = BN_bin2bn(serial, sizeof serial, nullptr);
    BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get()));
    BN_free(bn);
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -60 * 60);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), 10L * 365 * 24 * 60 * 60);
    X509_set_pubkey(cert.get(), key.get());
    X509_NAME* name = X509_get_subject_name(cert.get());
    const std::string common_name = host_names.empty() ? "loket" : host_names.front();
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char*>("Loket queue-server"), -1, -1,
                               0);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char*>(common_name.c_str()), -1, -1,
                               0);
    X509_set_issuer_name(cert.get(), name);

    std::string san;
    std::set<std::string> seen;
    for (const auto& host : host_names) {
        if (!host.empty() && seen.insert(host).second)
            san += (san.empty() ? "DNS:" : ",DNS:") + host;
    }
    for (const auto& address : addresses) {
        if (!address.empty() && seen.insert(address).second)
            san += (san.empty() ? "IP:" : ",IP:") + address;
    }
    add_extension(cert.get(), NID_basic_constraints, "critical,CA:FALSE");
    add_extension(cert.get(), NID_key_usage, "critical,digitalSignature");
    add_extension(cert.get(), NID_ext_key_usage, "serverAuth");
    add_extension(cert.get(), NID_subject_key_identifier, "hash");
    if (!san.empty())
        add_extension(cert.get(), NID_subject_alt_name, san.c_str());
    if (X509_sign(cert.get(), key.get(), EVP_sha256()) == 0)
        throw std::runtime_error("cannot sign the certificate: " + openssl_reason());

    write_private_file(key_path, pem_of(key.get()), 0600);
    write_private_file(cert_path, pem_of(cert.get()), 0644);
}

}  // namespace

std::filesystem::path self_signed_certificate_path(const std::filesystem::path& db) {
    return db.string() + ".https-cert.pem";
}

std::filesystem::path self_signed_key_path(const std::filesystem::path& db) {
    return db.string() + ".https-key.pem";
}

TlsIdentity load_or_create_tls_identity(const std::string& certificate_file,
                                        const std::string& private_key_file,
                                        const std::filesystem::path& db,
                                        const std::vector<std::string>& host_names,
                                        const std::vector<std::string>& addresses) {
    TlsIdentity identity;
    std::string cert_field = "server.certificate", key_field = "server.private_key";
    if (certificate_file.empty() != private_key_file.empty()) {
        throw InputError(
            "office configuration", certificate_file.empty() ? cert_field : key_field,
            "must be given together with " + (certificate_file.empty() ? key_field : cert_field));
    }
    if (!certificate_file.empty()) {
        identity.certificate_file = certificate_file;
        identity.private_key_file = private_key_file;
    } else {
        identity.certificate_file = self_signed_certificate_path(db);
        identity.private_key_file = self_signed_key_path(db);
        cert_field = key_field = "";
        const bool have_cert = std::filesystem::exists(identity.certificate_file);
        const bool have_key = std::filesystem::exists(identity.private_key_file);
        if (have_cert != have_key) {
            throw InputError(
                (have_cert ? identity.private_key_file : identity.certificate_file).string(), "",
                "is missing while " +
                    (have_cert ? identity.certificate_file : identity.private_key_file).string() +
                    " exists: restore it, or delete both to make a new "
                    "certificate (kiosks and displays then need the new "
                    "fingerprint)");
        }
        if (!have_cert) {
            create_self_signed(identity.certificate_file, identity.private_key_file, host_names,
                               addresses);
            identity.created = true;
        }
    }
    const Owned<X509> cert = read_certificate(identity.certificate_file, cert_field);
    const Owned<EVP_PKEY> key = read_private_key(identity.private_key_file, key_field);
    if (X509_check_private_key(cert.get(), key.get()) != 1) {
        ERR_clear_error();
        throw InputError(identity.private_key_file.string(), key_field,
                         "is not the key of the certificate " + identity.certificate_file.string());
    }
    if (X509_cmp_current_time(X509_get0_notAfter(cert.get())) <= 0) {
        throw InputError(identity.certificate_file.string(), cert_field,
                         "has expired: renew it (docs/https.md)");
    }
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    X509_digest(cert.get(), EVP_sha256(), digest, &size);
    identity.fingerprint = hex_with_colons(digest, size);
    X509_pubkey_digest(cert.get(), EVP_sha256(), digest, &size);
    identity.public_key_sha256 = base64(digest, static_cast<int>(size));
    return identity;
}

std::vector<std::string> local_host_names() {
    std::vector<std::string> names;
    char host[256] = {};
    if (::gethostname(host, sizeof host - 1) == 0 && host[0] != '\0')
        names.emplace_back(host);
    names.emplace_back("localhost");
    return names;
}

std::vector<std::string> local_addresses() {
    std::vector<std::string> out = {"127.0.0.1", "::1"};
    ifaddrs* list = nullptr;
    if (::getifaddrs(&list) != 0)
        return out;
    for (const ifaddrs* a = list; a; a = a->ifa_next) {
        if (!a->ifa_addr || !(a->ifa_flags & IFF_UP))
            continue;
        char text[INET6_ADDRSTRLEN] = {};
        if (a->ifa_addr->sa_family == AF_INET) {
            const auto* in = reinterpret_cast<const sockaddr_in*>(a->ifa_addr);
            ::inet_ntop(AF_INET, &in->sin_addr, text, sizeof text);
        } else if (a->ifa_addr->sa_family == AF_INET6) {
            const auto* in = reinterpret_cast<const sockaddr_in6*>(a->ifa_addr);
            if (IN6_IS_ADDR_LINKLOCAL(&in->sin6_addr))
                continue;
            ::inet_ntop(AF_INET6, &in->sin6_addr, text, sizeof text);
        } else {
            continue;
        }
        if (text[0] != '\0' && std::find(out.begin(), out.end(), text) == out.end())
            out.emplace_back(text);
    }
    ::freeifaddrs(list);
    return out;
}

}  // namespace loket::server
