#pragma once
// Passwords and session tokens, for every place that keeps accounts (the office's staff, the
// province's central dashboard): Argon2id hashes (libsodium's crypto_pwhash_str format),
// random tokens given to the browser, and only their hashes stored.
#include <optional>
#include <string>
#include <string_view>

namespace loket {

std::string hash_password(const std::string& password);
// True when `password` matches `stored_hash`. Without a hash (an unknown account) it spends
// the time of a real check, so timing does not reveal which names exist.
bool password_matches(const std::optional<std::string>& stored_hash, std::string_view password);
// 32 random bytes in hex, for a session.
std::string new_session_token();
// What is stored of a session token (BLAKE2b, hex).
std::string token_hash(std::string_view token);

}  // namespace loket
