#include "loket/credentials.hpp"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <stdexcept>

namespace loket {
namespace {

void ensure_sodium() {
    static const int ready = sodium_init();
    if (ready < 0)
        throw std::runtime_error("libsodium could not be initialised");
}

std::string to_hex(const unsigned char* bytes, std::size_t size) {
    std::string hex(size * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), bytes, size);
    hex.resize(size * 2);
    return hex;
}

// Longer passwords are refused when set; a check never hashes more than this.
constexpr std::size_t kLongestPassword = 128;

}  // namespace

std::string hash_password(const std::string& password) {
    ensure_sodium();
    char hashed[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(hashed, password.data(), password.size(),
                          crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
        throw std::runtime_error("out of memory while hashing a password");
    }
    return hashed;
}

bool password_matches(const std::optional<std::string>& stored_hash, std::string_view password) {
    ensure_sodium();
    if (!stored_hash || password.size() > kLongestPassword) {
        static const std::string dummy = hash_password("not-a-real-password");
        const int ignored = crypto_pwhash_str_verify(dummy.c_str(), password.data(),
                                                     std::min(password.size(), kLongestPassword));
        (void)ignored;
        return false;
    }
    return crypto_pwhash_str_verify(stored_hash->c_str(), password.data(), password.size()) == 0;
}

std::string new_session_token() {
    ensure_sodium();
    std::array<unsigned char, 32> raw{};
    randombytes_buf(raw.data(), raw.size());
    return to_hex(raw.data(), raw.size());
}

std::string token_hash(std::string_view token) {
    ensure_sodium();
    std::array<unsigned char, crypto_generichash_BYTES> digest{};
    crypto_generichash(digest.data(), digest.size(),
                       reinterpret_cast<const unsigned char*>(token.data()), token.size(), nullptr,
                       0);
    return to_hex(digest.data(), digest.size());
}

}  // namespace loket
