// Many writers on one database file at once: numbering stays unique, no ticket is claimed
// twice, nothing is lost. Each worker uses its own connection (as separate processes would)
// in one test, and one shared store in the other.
#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <thread>

#include "loket/queue_store.hpp"
#include "temp_dir.hpp"

using namespace loket;
using namespace std::chrono;

namespace {

constexpr int kIssuers = 4;
constexpr int kTicketsPerIssuer = 150;
const std::vector<int> kCallingCounters = {1, 2, 3, 5};

OfficeConfig config() {
    OfficeConfig c = default_office_config();
    c.counters.push_back({5, "Loket 5", {"informasi", "customer_service"}});
    return c;
}

TimePoint monday_morning() {
    return from_local(year{2026} / 11 / 23, 9 * 60, TimeZone::WITA);
}

struct Outcome {
    std::mutex mutex;
    std::vector<std::string> issued;      // numbers acknowledged to issuers
    std::multiset<std::int64_t> claimed;  // ticket ids returned by call_next
};

void run_workers(const std::function<QueueStore&(int worker)>& store_for) {
    Outcome outcome;
    std::atomic<int> issuers_done{0};
    std::vector<std::thread> threads;
    const std::vector<std::string> services = {"informasi", "customer_service", "pendaftaran"};
    for (int i = 0; i < kIssuers; ++i) {
        threads.emplace_back([&, i] {
            QueueStore& store = store_for(i);
            for (int n = 0; n < kTicketsPerIssuer; ++n) {
                const auto& service = services[(i + n) % services.size()];
                const Priority priority = n % 7 == 0 ? Priority::Lansia : Priority::None;
                const auto result = store.issue({service, priority, "", ""}, monday_morning());
                std::lock_guard lock(outcome.mutex);
                outcome.issued.push_back(result.ticket.number);
            }
            ++issuers_done;
        });
    }
    for (std::size_t c = 0; c < kCallingCounters.size(); ++c) {
        threads.emplace_back([&, c] {
            QueueStore& store = store_for(kIssuers + static_cast<int>(c));
            const int counter = kCallingCounters[c];
            store.open_counter(counter, "staff", monday_morning());
            while (true) {
                const bool issuing_finished = issuers_done.load() == kIssuers;
                auto ticket = store.call_next(counter, "staff", monday_morning());
                if (!ticket) {
                    if (issuing_finished)
                        break;
                    std::this_thread::yield();
                    continue;
                }
                {
                    std::lock_guard lock(outcome.mutex);
                    outcome.claimed.insert(ticket->id);
                }
                store.start_serving(counter, "staff", monday_morning());
                store.finish(counter, "staff", monday_morning());
            }
        });
    }
    for (auto& t : threads)
        t.join();

    QueueStore& store = store_for(0);
    const auto tickets = store.tickets_on("2026-11-23");
    ASSERT_EQ(outcome.issued.size(), static_cast<std::size_t>(kIssuers * kTicketsPerIssuer));
    ASSERT_EQ(tickets.size(), outcome.issued.size()) << "a ticket was lost or invented";
    std::set<std::string> numbers(outcome.issued.begin(), outcome.issued.end());
    EXPECT_EQ(numbers.size(), outcome.issued.size()) << "a number was issued twice";
    for (const auto& t : tickets) {
        EXPECT_TRUE(numbers.count(t.number)) << t.number;
        EXPECT_EQ(t.state, TicketState::Done) << t.number;
        EXPECT_EQ(outcome.claimed.count(t.id), 1u) << t.number << " claimed other than once";
    }
    // Sequences are gapless per service: 1..n.
    std::map<std::string, std::set<int>> per_prefix;
    for (const auto& t : tickets)
        per_prefix[t.number.substr(0, 1)].insert(std::stoi(t.number.substr(2)));
    for (const auto& [prefix, seqs] : per_prefix) {
        EXPECT_EQ(*seqs.begin(), 1) << prefix;
        EXPECT_EQ(*seqs.rbegin(), static_cast<int>(seqs.size())) << prefix << " has a gap";
    }
    // The event log has no gap either.
    const auto events = store.events_after(0, 100000);
    for (std::size_t i = 0; i < events.size(); ++i) {
        ASSERT_EQ(events[i].id, static_cast<std::int64_t>(i + 1));
    }
}

}  // namespace

TEST(Concurrency, EightConnectionsOnOneFile) {
    loket::testing::TempDir dir;
    std::vector<std::unique_ptr<QueueStore>> stores;
    // Normal synchronous keeps this test about atomicity, not disk flush speed.
    for (int i = 0; i < kIssuers + static_cast<int>(kCallingCounters.size()); ++i) {
        stores.push_back(
            std::make_unique<QueueStore>(dir / "q.db", config(), StoreOptions{false, 30000}));
    }
    run_workers([&](int worker) -> QueueStore& { return *stores[worker]; });
}

TEST(Concurrency, EightThreadsOnOneStore) {
    loket::testing::TempDir dir;
    QueueStore store(dir / "q.db", config(), StoreOptions{false, 30000});
    run_workers([&](int) -> QueueStore& { return store; });
}
