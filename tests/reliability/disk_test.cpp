// Disk trouble: a full filesystem and a read-only one give clear errors, change nothing, leave
// the database intact, and the server recovers when the disk does.
#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>
#include <sys/mount.h>

#include <fstream>

#include "api_client.hpp"
#include "temp_dir.hpp"

using namespace loket;
using namespace loket::testing;

namespace {

// A small tmpfs of its own (needs root, as CI has); skipped with the reason otherwise.
class SmallDisk {
  public:
    explicit SmallDisk(const std::filesystem::path& where) : path_(where) {
        std::filesystem::create_directories(path_);
        mounted_ = mount("tmpfs", path_.c_str(), "tmpfs", 0, "size=4m") == 0;
    }
    ~SmallDisk() {
        if (mounted_)
            umount2(path_.c_str(), MNT_DETACH);
    }
    bool mounted() const { return mounted_; }
    bool remount(bool read_only) {
        return mount("tmpfs", path_.c_str(), "tmpfs", MS_REMOUNT | (read_only ? MS_RDONLY : 0),
                     "size=4m") == 0;
    }
    // Fills the disk up, leaving nothing free.
    void fill() {
        std::ofstream filler(path_ / "filler", std::ios::binary);
        const std::string block(64 * 1024, 'x');
        while (filler.write(block.data(), static_cast<std::streamsize>(block.size()))) {
        }
    }
    void unfill() { std::filesystem::remove(path_ / "filler"); }

  private:
    std::filesystem::path path_;
    bool mounted_ = false;
};

int count_tickets(const std::filesystem::path& db) {
    SQLite::Database d(db.string(), SQLite::OPEN_READONLY);
    return d.execAndGet("SELECT COUNT(*) FROM tickets").getInt();
}

}  // namespace

TEST(DiskTrouble, FullDiskGivesAClearErrorAndRecovers) {
    TempDir dir;
    SmallDisk disk(dir / "disk");
    if (!disk.mounted())
        GTEST_SKIP() << "cannot mount a tmpfs here (needs root): " << strerror(errno);
    ServerProcess server(dir / "disk");
    ApiClient kiosk(server.url(), kKioskKey);
    ASSERT_EQ(kiosk.post("/tickets", {{"service", "informasi"}}).status, 201);
    disk.fill();
    int refused = 0;
    for (int i = 0; i < 50; ++i) {
        // Large permit-free requests until the WAL cannot grow any more.
        const Reply r = kiosk.post("/tickets", {{"service", "informasi"}});
        if (r.status == 503) {
            ++refused;
            EXPECT_EQ(r.code(), "storage_unavailable");
            EXPECT_NE(r.body["error"]["message"].get<std::string>().find("nothing was changed"),
                      std::string::npos);
        } else {
            EXPECT_EQ(r.status, 201) << r.body.dump();
        }
    }
    EXPECT_GT(refused, 0) << "the disk never filled up";
    EXPECT_EQ(ApiClient(server.url()).get("/health").status, 200);  // still serving reads
    disk.unfill();
    const Reply after = kiosk.post("/tickets", {{"service", "informasi"}});
    EXPECT_EQ(after.status, 201) << "did not recover when space returned: " << after.body.dump();
    const int acknowledged = 1 + (50 - refused) + 1;
    server.stop(SIGTERM);
    SQLite::Database d(server.db().string(), SQLite::OPEN_READONLY);
    EXPECT_EQ(d.execAndGet("PRAGMA integrity_check").getString(), "ok");
    EXPECT_EQ(count_tickets(server.db()), acknowledged);
    std::cout << "[ disk ] full: " << refused
              << " of 50 refused with 503, recovered after freeing space\n";
}

// Linux refuses to remount a filesystem read-only while a file on it is open for writing, so
// the read-only case is the database found read-only when the server starts (after a disk
// error remounted it, say): a clear error, nothing corrupted, and a normal start once writable.
TEST(DiskTrouble, ReadOnlyDatabaseIsAClearErrorAndRecovers) {
    TempDir dir;
    SmallDisk disk(dir / "disk");
    if (!disk.mounted())
        GTEST_SKIP() << "cannot mount a tmpfs here (needs root): " << strerror(errno);
    auto server = std::make_unique<ServerProcess>(dir / "disk");
    ASSERT_EQ(
        ApiClient(server->url(), kKioskKey).post("/tickets", {{"service", "informasi"}}).status,
        201);
    const auto db = server->db();
    server.reset();  // SIGTERM: a clean stop
    ASSERT_TRUE(disk.remount(true)) << strerror(errno);
    const auto [status, out] =
        run_queue_server_cli({"--db", db.string(), "--config",
                              (dir / "disk" / "office.toml").string(), "--listen", "127.0.0.1:0"},
                             "");
    EXPECT_EQ(status, 1);
    EXPECT_NE(out.find("cannot open database"), std::string::npos) << out;
    EXPECT_NE(out.find("read-only"), std::string::npos) << out;
    ASSERT_TRUE(disk.remount(false));
    EXPECT_EQ(count_tickets(db), 1);
    ServerProcess again(dir / "disk");
    const Reply after =
        ApiClient(again.url(), kKioskKey).post("/tickets", {{"service", "informasi"}});
    EXPECT_EQ(after.status, 201) << after.body.dump();
    EXPECT_EQ(after.body["ticket"]["number"], "A-002");
}

TEST(DiskTrouble, UnwritableDatabaseAtStartIsAClearError) {
    TempDir dir;
    SmallDisk disk(dir / "disk");
    if (!disk.mounted())
        GTEST_SKIP() << "cannot mount a tmpfs here (needs root)";
    ASSERT_TRUE(disk.remount(true));
    const auto [status, out] = run_queue_server_cli(
        {"--db", (dir / "disk" / "loket.db").string(), "--listen", "127.0.0.1:0"}, "");
    EXPECT_EQ(status, 1);
    EXPECT_NE(out.find("cannot open database"), std::string::npos) << out;
}
