// The announcement queue (docs/calling-numbers.md): FIFO, one at a time, recalls spoken again,
// stale backlog dropped, duplicate events ignored, safe across threads.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "loket/announcement.hpp"

namespace loket::voice {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::system_clock;

struct FakeClock {
    std::shared_ptr<std::atomic<Clock::time_point>> now =
        std::make_shared<std::atomic<Clock::time_point>>(Clock::time_point{} + 1000h);
    AnnouncementQueue::Clock fn() const {
        return [now = now] { return now->load(); };
    }
    Clock::time_point get() const { return now->load(); }
    void advance(std::chrono::seconds s) { now->store(now->load() + s); }
};

AnnouncementRequest request(std::string id, Clock::time_point at, std::string ticket,
                            bool recall = false) {
    return AnnouncementRequest{std::move(id), at, CallInfo{std::move(ticket), 1, "", ""}, recall};
}

TEST(AnnouncementQueue, FifoAndNeverCutsOff) {
    FakeClock clock;
    AnnouncementQueue queue(60s, clock.fn());
    ASSERT_TRUE(queue.push(request("1", clock.get(), "A-001")));
    auto first = queue.next();
    ASSERT_TRUE(first);
    EXPECT_EQ(first->call.ticket, "A-001");
    EXPECT_TRUE(queue.speaking());
    // Calls made while A-001 is spoken wait their turn.
    ASSERT_TRUE(queue.push(request("2", clock.get(), "A-002")));
    ASSERT_TRUE(queue.push(request("3", clock.get(), "B-001")));
    EXPECT_FALSE(queue.next());
    EXPECT_EQ(queue.pending(), 2u);
    queue.finished();
    EXPECT_EQ(queue.next()->call.ticket, "A-002");
    queue.finished();
    EXPECT_EQ(queue.next()->call.ticket, "B-001");
    queue.finished();
    EXPECT_FALSE(queue.next());
    EXPECT_FALSE(queue.speaking());
    EXPECT_EQ(queue.stats().handed_out, 3u);
}

TEST(AnnouncementQueue, RecallIsAnnouncedAgain) {
    FakeClock clock;
    AnnouncementQueue queue(60s, clock.fn());
    ASSERT_TRUE(queue.push(request("10", clock.get(), "A-005")));
    ASSERT_TRUE(queue.next());
    queue.finished();
    clock.advance(20s);
    ASSERT_TRUE(queue.push(request("11", clock.get(), "A-005", true)));
    const auto again = queue.next();
    ASSERT_TRUE(again);
    EXPECT_EQ(again->call.ticket, "A-005");
    EXPECT_TRUE(again->recall);
}

TEST(AnnouncementQueue, DuplicateEventIdsIgnored) {
    FakeClock clock;
    AnnouncementQueue queue(60s, clock.fn());
    EXPECT_TRUE(queue.push(request("7", clock.get(), "A-001")));
    EXPECT_FALSE(queue.push(request("7", clock.get(), "A-001")));  // replayed after reconnect
    EXPECT_EQ(queue.pending(), 1u);
    ASSERT_TRUE(queue.next());
    queue.finished();
    EXPECT_FALSE(queue.push(request("7", clock.get(), "A-001")));  // even after it was spoken
    EXPECT_FALSE(queue.next());
    EXPECT_EQ(queue.stats().duplicates, 2u);
    EXPECT_EQ(queue.stats().queued, 1u);
}

TEST(AnnouncementQueue, RememberedIdsAreBounded) {
    FakeClock clock;
    AnnouncementQueue queue(60s, clock.fn(), 3);
    for (const char* id : {"a", "b", "c", "d"})
        ASSERT_TRUE(queue.push(request(id, clock.get(), "A-001")));
    EXPECT_TRUE(queue.push(request("a", clock.get(), "A-001")));  // forgotten: oldest of four
    EXPECT_FALSE(queue.push(request("d", clock.get(), "A-001")));
}

TEST(AnnouncementQueue, StaleBacklogDroppedWhenDequeued) {
    FakeClock clock;
    AnnouncementQueue queue(60s, clock.fn());
    const auto now = clock.get();
    // A reconnect replays what was missed: old calls are shown, not read aloud.
    ASSERT_TRUE(queue.push(request("1", now - 300s, "A-001")));
    ASSERT_TRUE(queue.push(request("2", now - 61s, "A-002")));
    ASSERT_TRUE(queue.push(request("3", now - 60s, "A-003")));  // exactly at the limit: kept
    ASSERT_TRUE(queue.push(request("4", now - 5s, "A-004")));
    EXPECT_EQ(queue.next()->call.ticket, "A-003");
    EXPECT_EQ(queue.stats().stale, 2u);
    // A-004 was fresh when queued but waited too long behind long announcements.
    clock.advance(56s);
    queue.finished();
    EXPECT_FALSE(queue.next());
    EXPECT_EQ(queue.stats().stale, 3u);
    EXPECT_EQ(queue.pending(), 0u);
}

TEST(AnnouncementQueue, RecencyIsConfigurable) {
    FakeClock clock;
    AnnouncementQueue queue(10s, clock.fn());
    EXPECT_EQ(queue.recency(), 10s);
    ASSERT_TRUE(queue.push(request("1", clock.get() - 11s, "A-001")));
    ASSERT_TRUE(queue.push(request("2", clock.get() - 9s, "A-002")));
    EXPECT_EQ(queue.next()->call.ticket, "A-002");
}

TEST(AnnouncementQueue, WaitNextWakesOnPushAndClose) {
    AnnouncementQueue queue;
    std::thread producer([&] {
        std::this_thread::sleep_for(50ms);
        queue.push(request("1", Clock::now(), "A-001"));
    });
    const auto got = queue.wait_next(5s);
    producer.join();
    ASSERT_TRUE(got);
    EXPECT_EQ(got->call.ticket, "A-001");

    // While one is being spoken, a waiter gets nothing until finished().
    queue.push(request("2", Clock::now(), "A-002"));
    EXPECT_FALSE(queue.wait_next(30ms));
    std::thread finisher([&] {
        std::this_thread::sleep_for(50ms);
        queue.finished();
    });
    const auto second = queue.wait_next(5s);
    finisher.join();
    ASSERT_TRUE(second);
    EXPECT_EQ(second->call.ticket, "A-002");
    queue.finished();

    std::thread closer([&] {
        std::this_thread::sleep_for(50ms);
        queue.close();
    });
    const auto start = std::chrono::steady_clock::now();
    EXPECT_FALSE(queue.wait_next(10s));
    EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
    closer.join();
}

TEST(AnnouncementQueue, ManyProducersOneSpeaker) {
    AnnouncementQueue queue;
    constexpr int kProducers = 4;
    constexpr int kEach = 250;
    std::vector<std::thread> producers;
    for (int p = 0; p < kProducers; ++p)
        producers.emplace_back([&, p] {
            for (int i = 0; i < kEach; ++i) {
                const auto id = std::to_string(p) + "-" + std::to_string(i);
                queue.push(request(id, Clock::now(), id));
                queue.push(request(id, Clock::now(), id));  // every event arrives twice
            }
        });
    std::vector<std::vector<int>> seen(kProducers);
    int total = 0;
    while (total < kProducers * kEach) {
        auto got = queue.wait_next(5s);
        ASSERT_TRUE(got) << "after " << total;
        const auto dash = got->event_id.find('-');
        seen[std::stoi(got->event_id.substr(0, dash))].push_back(
            std::stoi(got->event_id.substr(dash + 1)));
        ++total;
        queue.finished();
    }
    for (auto& t : producers)
        t.join();
    for (const auto& list : seen) {
        ASSERT_EQ(list.size(), static_cast<std::size_t>(kEach));
        for (int i = 0; i < kEach; ++i)
            EXPECT_EQ(list[i], i);  // each producer's calls in order
    }
    EXPECT_EQ(queue.stats().duplicates, static_cast<std::uint64_t>(kProducers * kEach));
}

}  // namespace
}  // namespace loket::voice
