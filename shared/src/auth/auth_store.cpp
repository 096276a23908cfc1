#include "loket/auth_store.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <array>
#include <stdexcept>

#include "loket/credentials.hpp"
#include "loket/queue_store.hpp"

namespace loket {

namespace {

void validate_name(const std::string& name) {
    if (name.size() < 2 || name.size() > 32 ||
        name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789._-") != std::string::npos) {
        throw AccountError("name", "name must be 2-32 characters of a-z, 0-9, '.', '_' or '-'",
                           "invalid_name");
    }
}

void validate_password(const std::string& password) {
    if (password.size() < 8)
        throw AccountError("password", "password must be at least 8 characters",
                           "password_too_short");
    if (password.size() > 128)
        throw AccountError("password", "password must be at most 128 bytes", "password_too_long");
}

User read_user(SQLite::Statement& q) {
    User u;
    u.name = q.getColumn(0).getString();
    u.role = parse_role(q.getColumn(1).getString()).value_or(Role::Staff);
    u.disabled = q.getColumn(2).getInt() != 0;
    u.created_at = from_millis(q.getColumn(3).getInt64());
    return u;
}

constexpr const char* kUserColumns = "name, role, disabled, created_ms";

void read_duties(SQLite::Database& db, User& user) {
    SQLite::Statement q(db, "SELECT duty FROM user_duties WHERE user_name = ? ORDER BY duty");
    q.bind(1, user.name);
    user.duties.clear();
    while (q.executeStep())
        user.duties.push_back(q.getColumn(0).getString());
}

}  // namespace

std::string_view to_string(Role role) {
    switch (role) {
        case Role::Staff:
            return "staff";
        case Role::Supervisor:
            return "supervisor";
        case Role::Admin:
            return "admin";
    }
    return "staff";
}

std::optional<Role> parse_role(std::string_view text) {
    if (text == "staff")
        return Role::Staff;
    if (text == "supervisor")
        return Role::Supervisor;
    if (text == "admin")
        return Role::Admin;
    return std::nullopt;
}

AuthStore::AuthStore(const std::filesystem::path& db_path, StoreOptions options)
    : db_(open_database(db_path, options)) {}

AuthStore::~AuthStore() = default;

User AuthStore::add_user(const std::string& name, Role role, const std::string& password,
                         TimePoint now) {
    validate_name(name);
    validate_password(password);
    const std::string hashed = hash_password(password);  // slow on purpose: outside the lock
    std::lock_guard lock(mutex_);
    SQLite::Statement exists(*db_, "SELECT 1 FROM users WHERE name = ?");
    exists.bind(1, name);
    if (exists.executeStep())
        throw AccountError("name", "user '" + name + "' already exists", "user_exists");
    SQLite::Statement q(
        *db_, "INSERT INTO users (name, role, password_hash, created_ms) VALUES (?, ?, ?, ?)");
    q.bind(1, name);
    q.bind(2, std::string(to_string(role)));
    q.bind(3, hashed);
    q.bind(4, static_cast<std::int64_t>(to_millis(now)));
    q.exec();
    return User{name, role, false, now, {}};
}

std::vector<User> AuthStore::users() const {
    std::lock_guard lock(mutex_);
    SQLite::Statement q(*db_, std::string("SELECT ") + kUserColumns + " FROM users ORDER BY name");
    std::vector<User> all;
    while (q.executeStep())
        all.push_back(read_user(q));
    for (auto& u : all)
        read_duties(*db_, u);
    return all;
}

std::optional<User> AuthStore::find_user(std::string_view name) const {
    std::lock_guard lock(mutex_);
    SQLite::Statement q(*db_, std::string("SELECT ") + kUserColumns + " FROM users WHERE name = ?");
    q.bind(1, std::string(name));
    if (!q.executeStep())
        return std::nullopt;
    User user = read_user(q);
    read_duties(*db_, user);
    return user;
}

bool AuthStore::has_users() const {
    std::lock_guard lock(mutex_);
    return db_->execAndGet("SELECT EXISTS (SELECT 1 FROM users)").getInt() != 0;
}

User AuthStore::set_disabled(const std::string& name, bool disabled) {
    {
        std::lock_guard lock(mutex_);
        SQLite::Transaction tx(*db_, SQLite::TransactionBehavior::IMMEDIATE);
        SQLite::Statement q(*db_, "UPDATE users SET disabled = ? WHERE name = ?");
        q.bind(1, disabled ? 1 : 0);
        q.bind(2, name);
        if (q.exec() != 1)
            throw AccountError("name", "user '" + name + "' does not exist", "unknown_user");
        if (disabled) {
            SQLite::Statement end(*db_, "DELETE FROM sessions WHERE user_name = ?");
            end.bind(1, name);
            end.exec();
        }
        tx.commit();
    }
    return *find_user(name);
}

User AuthStore::set_role(const std::string& name, Role role) {
    {
        std::lock_guard lock(mutex_);
        SQLite::Statement q(*db_, "UPDATE users SET role = ? WHERE name = ?");
        q.bind(1, std::string(to_string(role)));
        q.bind(2, name);
        if (q.exec() != 1)
            throw AccountError("name", "user '" + name + "' does not exist", "unknown_user");
    }
    return *find_user(name);
}

void AuthStore::set_password(const std::string& name, const std::string& password) {
    validate_password(password);
    const std::string hashed = hash_password(password);
    std::lock_guard lock(mutex_);
    SQLite::Transaction tx(*db_, SQLite::TransactionBehavior::IMMEDIATE);
    SQLite::Statement q(*db_, "UPDATE users SET password_hash = ? WHERE name = ?");
    q.bind(1, hashed);
    q.bind(2, name);
    if (q.exec() != 1)
        throw AccountError("name", "user '" + name + "' does not exist", "unknown_user");
    // A new password ends the sessions made with the old one.
    SQLite::Statement end(*db_, "DELETE FROM sessions WHERE user_name = ?");
    end.bind(1, name);
    end.exec();
    tx.commit();
}

User AuthStore::set_duties(const std::string& name, const std::vector<std::string>& duties) {
    {
        std::lock_guard lock(mutex_);
        SQLite::Transaction tx(*db_, SQLite::TransactionBehavior::IMMEDIATE);
        SQLite::Statement exists(*db_, "SELECT 1 FROM users WHERE name = ?");
        exists.bind(1, name);
        if (!exists.executeStep())
            throw AccountError("name", "user '" + name + "' does not exist", "unknown_user");
        SQLite::Statement clear(*db_, "DELETE FROM user_duties WHERE user_name = ?");
        clear.bind(1, name);
        clear.exec();
        SQLite::Statement add(*db_,
                              "INSERT OR IGNORE INTO user_duties (user_name, duty) VALUES (?, ?)");
        for (const auto& duty : duties) {
            add.reset();
            add.bind(1, name);
            add.bind(2, duty);
            add.exec();
        }
        tx.commit();
    }
    return *find_user(name);
}

std::optional<Session> AuthStore::login(const std::string& name, const std::string& password,
                                        TimePoint now, std::chrono::minutes ttl) {
    std::optional<User> user;
    std::string stored_hash;
    {
        std::lock_guard lock(mutex_);
        SQLite::Statement q(*db_, std::string("SELECT ") + kUserColumns +
                                      ", password_hash FROM users WHERE name = ?");
        q.bind(1, name);
        if (q.executeStep()) {
            user = read_user(q);
            stored_hash = q.getColumn(4).getString();
        }
    }
    // Checked for unknown names too: the time taken does not reveal which names exist.
    const bool matches =
        password_matches(user ? std::optional<std::string>(stored_hash) : std::nullopt, password);
    if (!user || !matches)
        return std::nullopt;
    if (user->disabled)
        return std::nullopt;

    Session session;
    session.token = new_session_token();
    session.user = *user;
    session.expires_at = now + ttl;
    std::lock_guard lock(mutex_);
    SQLite::Transaction tx(*db_, SQLite::TransactionBehavior::IMMEDIATE);
    // Expired sessions are cleared here rather than by a background job.
    SQLite::Statement purge(*db_, "DELETE FROM sessions WHERE expires_ms <= ?");
    purge.bind(1, static_cast<std::int64_t>(to_millis(now)));
    purge.exec();
    SQLite::Statement q(*db_,
                        "INSERT INTO sessions (token_hash, user_name, created_ms, expires_ms) "
                        "VALUES (?, ?, ?, ?)");
    q.bind(1, token_hash(session.token));
    q.bind(2, user->name);
    q.bind(3, static_cast<std::int64_t>(to_millis(now)));
    q.bind(4, static_cast<std::int64_t>(to_millis(session.expires_at)));
    q.exec();
    tx.commit();
    return session;
}

std::optional<Session> AuthStore::authenticate(std::string_view token, TimePoint now) const {
    if (token.size() != 64)
        return std::nullopt;
    std::lock_guard lock(mutex_);
    SQLite::Statement q(*db_,
                        "SELECT u.name, u.role, u.disabled, u.created_ms, s.expires_ms FROM "
                        "sessions s JOIN users u ON u.name = s.user_name WHERE s.token_hash = ?");
    q.bind(1, token_hash(token));
    if (!q.executeStep())
        return std::nullopt;
    Session session;
    session.user = read_user(q);
    session.expires_at = from_millis(q.getColumn(4).getInt64());
    if (session.user.disabled || session.expires_at <= now)
        return std::nullopt;
    return session;
}

bool AuthStore::has_live_session(std::string_view name, TimePoint now) const {
    std::lock_guard lock(mutex_);
    SQLite::Statement q(*db_,
                        "SELECT 1 FROM sessions s JOIN users u ON u.name = s.user_name WHERE "
                        "s.user_name = ? AND s.expires_ms > ? AND u.disabled = 0 LIMIT 1");
    q.bind(1, std::string(name));
    q.bind(2, static_cast<std::int64_t>(to_millis(now)));
    return q.executeStep();
}

void AuthStore::logout(std::string_view token) {
    std::lock_guard lock(mutex_);
    SQLite::Statement q(*db_, "DELETE FROM sessions WHERE token_hash = ?");
    q.bind(1, token_hash(token));
    q.exec();
}

}  // namespace loket
