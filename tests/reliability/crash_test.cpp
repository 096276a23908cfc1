// Crash safety: under continuous issuing and calling, the server is killed with SIGKILL at
// random moments and restarted, again and again. Every acknowledged ticket must still be there
// with its number, no number repeats, no ticket is claimed by two counters, and the event log
// has no gap.
#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <thread>

#include "api_client.hpp"
#include "temp_dir.hpp"

using namespace loket;
using namespace loket::testing;
using nlohmann::json;

namespace {

constexpr int kKills = 20;

struct Acknowledged {
    std::mutex mutex;
    std::map<std::int64_t, std::string> tickets;       // id -> number, from 201 replies
    std::map<std::int64_t, std::set<int>> claimed_by;  // ticket id -> counters told "yours"
};

// Issues tickets as fast as the server answers; records only acknowledged ones.
void kiosk_loop(const std::string& url, std::atomic<bool>& stop, Acknowledged& ack, int kiosk) {
    int n = 0;
    while (!stop) {
        ApiClient client(url, kKioskKey);
        const std::string key = "k" + std::to_string(kiosk) + "-" + std::to_string(n++);
        const Reply r = client.post(
            "/tickets",
            {{"service", kiosk % 2 ? "informasi" : "customer_service"}, {"idempotency_key", key}});
        if (r.status == 201 || r.status == 200) {
            std::lock_guard lock(ack.mutex);
            ack.tickets[r.body["ticket"]["id"].get<std::int64_t>()] = r.body["ticket"]["number"];
        } else if (r.status == 0) {
            std::this_thread::sleep_for(std::chrono::milliseconds(20));  // server down
        }
    }
}

// Calls, starts and finishes; after a crash it picks up whatever the counter still holds.
void counter_loop(const std::string& url, const std::string& token, std::atomic<bool>& stop,
                  Acknowledged& ack, int counter) {
    const std::string base = "/counters/" + std::to_string(counter);
    while (!stop) {
        ApiClient client(url, token);
        client.post(base + "/open");
        Reply r = client.post(base + "/call-next");
        if (r.status == 0) {
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
            continue;
        }
        if (r.status == 200 && r.body["ticket"].is_object()) {
            std::lock_guard lock(ack.mutex);
            ack.claimed_by[r.body["ticket"]["id"].get<std::int64_t>()].insert(counter);
        }
        // Whatever is active now (just called, or left over from before a crash) is served.
        const Reply current = client.get(base);
        if (current.status != 200 || current.body["current"].is_null())
            continue;
        if (current.body["current"]["state"] == "called")
            client.post(base + "/start");
        client.post(base + "/finish");
    }
}

}  // namespace

TEST(CrashSafety, SigkillAtRandomMomentsLosesNoAcknowledgedTicket) {
    TempDir dir;
    ServerProcess server(dir.path());
    const std::string token = add_user_and_login(server, "siti", "staff");
    Acknowledged ack;
    std::mt19937 rng(12345);
    for (int kill = 0; kill < kKills; ++kill) {
        std::atomic<bool> stop{false};
        std::vector<std::thread> workers;
        for (int k = 0; k < 3; ++k)
            workers.emplace_back(kiosk_loop, server.url(), std::ref(stop), std::ref(ack), k);
        for (int c : {1, 2, 5})
            workers.emplace_back(counter_loop, server.url(), token, std::ref(stop), std::ref(ack),
                                 c);
        std::this_thread::sleep_for(
            std::chrono::milliseconds(std::uniform_int_distribution<int>(150, 500)(rng)));
        EXPECT_EQ(server.stop(SIGKILL), -SIGKILL);
        std::this_thread::sleep_for(std::chrono::milliseconds(30));
        server.start();
        stop = true;
        for (auto& w : workers)
            w.join();
    }
    server.stop(SIGTERM);

    SQLite::Database db(server.db().string(), SQLite::OPEN_READONLY);
    EXPECT_EQ(db.execAndGet("PRAGMA integrity_check").getString(), "ok");
    std::map<std::int64_t, std::string> stored;
    SQLite::Statement tickets(db, "SELECT id, number FROM tickets");
    while (tickets.executeStep())
        stored[tickets.getColumn(0).getInt64()] = tickets.getColumn(1).getString();
    ASSERT_GT(ack.tickets.size(), 50u) << "the load was too light to mean anything";
    for (const auto& [id, number] : ack.tickets) {
        ASSERT_TRUE(stored.count(id)) << "acknowledged ticket " << number << " was lost";
        EXPECT_EQ(stored[id], number) << "acknowledged ticket changed its number";
    }
    std::set<std::string> numbers;
    for (const auto& [id, number] : stored)
        EXPECT_TRUE(numbers.insert(number).second) << number << " issued twice";
    for (const auto& [id, counters] : ack.claimed_by) {
        EXPECT_EQ(counters.size(), 1u) << "ticket " << stored[id] << " claimed by several counters";
    }
    // Each stay at a counter is one visit: no ticket was ever open at two counters at once.
    EXPECT_EQ(db.execAndGet("SELECT COUNT(*) FROM (SELECT ticket_id FROM visits GROUP BY ticket_id "
                            "HAVING COUNT(*) > 1)")
                  .getInt(),
              0);
    const auto max_id = db.execAndGet("SELECT MAX(id) FROM events").getInt64();
    const auto count = db.execAndGet("SELECT COUNT(*) FROM events").getInt64();
    EXPECT_EQ(max_id, count) << "the event log has a gap";
    std::cout << "[ crash ] " << kKills << " SIGKILLs, " << ack.tickets.size()
              << " acknowledged tickets, " << stored.size() << " stored, " << ack.claimed_by.size()
              << " acknowledged calls, " << count << " events\n";
}
