#include "loket/auth_store.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include "temp_dir.hpp"

using namespace loket;
using namespace std::chrono;

class AuthStoreTest : public ::testing::Test {
  protected:
    loket::testing::TempDir dir;
    AuthStore auth{dir / "loket.db"};
    TimePoint now = from_millis(1'790'000'000'000);
};

TEST_F(AuthStoreTest, LoginGivesAnExpiringTokenAndLogoutRevokesIt) {
    EXPECT_FALSE(auth.has_users());
    auth.add_user("siti", Role::Staff, "rahasia-123", now);
    EXPECT_TRUE(auth.has_users());
    const auto session = auth.login("siti", "rahasia-123", now, minutes{60});
    ASSERT_TRUE(session.has_value());
    EXPECT_EQ(session->token.size(), 64u);
    EXPECT_EQ(session->user.role, Role::Staff);
    EXPECT_TRUE(auth.authenticate(session->token, now + minutes{59}).has_value());
    EXPECT_FALSE(auth.authenticate(session->token, now + minutes{60}).has_value());  // expired
    auth.logout(session->token);
    EXPECT_FALSE(auth.authenticate(session->token, now).has_value());  // revoked
}

TEST_F(AuthStoreTest, WrongPasswordUnknownUserAndDisabledAccountAreRefusedAlike) {
    auth.add_user("budi", Role::Supervisor, "rahasia-123", now);
    EXPECT_FALSE(auth.login("budi", "salah-sandi", now, minutes{60}).has_value());
    EXPECT_FALSE(auth.login("nobody", "rahasia-123", now, minutes{60}).has_value());
    const auto session = auth.login("budi", "rahasia-123", now, minutes{60});
    ASSERT_TRUE(session);
    auth.set_disabled("budi", true);
    EXPECT_FALSE(auth.authenticate(session->token, now).has_value());
    EXPECT_FALSE(auth.login("budi", "rahasia-123", now, minutes{60}).has_value());
    auth.set_disabled("budi", false);
    EXPECT_TRUE(auth.login("budi", "rahasia-123", now, minutes{60}).has_value());
}

TEST_F(AuthStoreTest, PasswordsAreStoredAsArgon2idHashes) {
    auth.add_user("admin", Role::Admin, "kata-sandi-kuat", now);
    SQLite::Database db((dir / "loket.db").string());
    const std::string stored = db.execAndGet("SELECT password_hash FROM users").getString();
    EXPECT_EQ(stored.rfind("$argon2id$", 0), 0u) << stored;
    EXPECT_EQ(stored.find("kata-sandi-kuat"), std::string::npos);
    const auto session = auth.login("admin", "kata-sandi-kuat", now, minutes{5});
    const std::string token_hash = db.execAndGet("SELECT token_hash FROM sessions").getString();
    EXPECT_NE(token_hash, session->token);  // only a hash of the token is kept
}

TEST_F(AuthStoreTest, ValidatesNamesAndPasswords) {
    EXPECT_THROW(auth.add_user("A", Role::Staff, "rahasia-123", now), AccountError);
    EXPECT_THROW(auth.add_user("siti nur", Role::Staff, "rahasia-123", now), AccountError);
    EXPECT_THROW(auth.add_user("siti'--", Role::Staff, "rahasia-123", now), AccountError);
    try {
        auth.add_user("siti", Role::Staff, "pendek", now);
        FAIL();
    } catch (const AccountError& e) {
        EXPECT_EQ(e.field(), "password");
    }
    auth.add_user("siti", Role::Staff, "rahasia-123", now);
    EXPECT_THROW(auth.add_user("siti", Role::Admin, "rahasia-456", now), AccountError);
    EXPECT_THROW(auth.set_disabled("nobody", true), AccountError);
    EXPECT_FALSE(auth.authenticate("short", now).has_value());
    EXPECT_FALSE(auth.authenticate(std::string(64, 'a'), now).has_value());
}

TEST_F(AuthStoreTest, NewPasswordEndsOldSessions) {
    auth.add_user("siti", Role::Staff, "rahasia-123", now);
    const auto session = auth.login("siti", "rahasia-123", now, minutes{60});
    auth.set_password("siti", "rahasia-baru-456");
    EXPECT_FALSE(auth.authenticate(session->token, now).has_value());
    EXPECT_FALSE(auth.login("siti", "rahasia-123", now, minutes{60}).has_value());
    EXPECT_TRUE(auth.login("siti", "rahasia-baru-456", now, minutes{60}).has_value());
    EXPECT_EQ(auth.set_role("siti", Role::Supervisor).role, Role::Supervisor);
}
