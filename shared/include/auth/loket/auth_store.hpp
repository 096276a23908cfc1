#pragma once
// Staff accounts and login sessions. Passwords are stored as Argon2id hashes (libsodium);
// session tokens are random, returned once at login and stored only as a hash.
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "loket/database.hpp"
#include "loket/time.hpp"

namespace SQLite {
class Database;
}

namespace loket {

// Ordered: a higher role may do everything a lower one may.
enum class Role { Staff = 1, Supervisor = 2, Admin = 3 };
std::string_view to_string(Role role);
std::optional<Role> parse_role(std::string_view text);

struct User {
    std::string name;
    Role role = Role::Staff;
    bool disabled = false;
    TimePoint created_at{};
    // Back-office duties held (application steps this account acts on), sorted; filled by
    // users() and find_user().
    std::vector<std::string> duties;
};

struct Session {
    std::string token;  // only set on the Session login returns
    User user;
    TimePoint expires_at{};
};

// Why an account change was refused; the message names the field.
class AccountError : public std::runtime_error {
  public:
    // code: stable and specific ("user_exists", "unknown_user"), for clients to translate.
    AccountError(std::string field, const std::string& message, std::string code = "invalid_field")
        : std::runtime_error(message), field_(std::move(field)), code_(std::move(code)) {}
    const std::string& field() const { return field_; }
    const std::string& code() const { return code_; }

  private:
    std::string field_;
    std::string code_;
};

class AuthStore {
  public:
    AuthStore(const std::filesystem::path& db_path, StoreOptions options = {});
    ~AuthStore();

    // Names: 2-32 characters of a-z, 0-9, '.', '_' or '-'. Passwords: 8-128 bytes.
    User add_user(const std::string& name, Role role, const std::string& password, TimePoint now);
    std::vector<User> users() const;
    std::optional<User> find_user(std::string_view name) const;
    bool has_users() const;
    // Disabling also ends the user's sessions.
    User set_disabled(const std::string& name, bool disabled);
    User set_role(const std::string& name, Role role);
    void set_password(const std::string& name, const std::string& password);
    // Replaces the account's duties. The caller checks them against the office's duty list.
    User set_duties(const std::string& name, const std::vector<std::string>& duties);

    // Nothing on a wrong name or password or a disabled account (no hint which).
    std::optional<Session> login(const std::string& name, const std::string& password,
                                 TimePoint now, std::chrono::minutes ttl);
    // The session of a token, if it exists, has not expired and its user is enabled.
    std::optional<Session> authenticate(std::string_view token, TimePoint now) const;
    void logout(std::string_view token);
    // Whether the user is logged in anywhere now (an unexpired session, account enabled).
    bool has_live_session(std::string_view name, TimePoint now) const;

  private:
    mutable std::mutex mutex_;
    std::unique_ptr<SQLite::Database> db_;
};

}  // namespace loket
