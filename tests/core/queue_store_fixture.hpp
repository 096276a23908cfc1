#pragma once
// What the queue store tests share: a store in a temporary folder on a Monday in WITA, a clock
// the test advances a second per step, and the checks for a refused action.
#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "loket/queue_store.hpp"
#include "temp_dir.hpp"

namespace queue_store_test {

using namespace loket;
using namespace std::chrono;

inline constexpr auto kMonday = year{2026} / 11 / 23;
inline const StaffRef kSiti{"siti", "staff"};

inline OfficeConfig test_config() {
    OfficeConfig config = default_office_config();
    config.counters.push_back({5, "Loket 5", {"informasi", "customer_service"}});
    return config;
}

class QueueStoreTest : public ::testing::Test {
  protected:
    void SetUp() override { open(); }

    void open(OfficeConfig config = test_config()) {
        store.reset();
        store = std::make_unique<QueueStore>(dir / "queue.db", std::move(config));
    }

    // Monday 23 Nov 2026 in WITA, at h:m plus the running offset the test advances.
    TimePoint at(int hour, int minute, year_month_day date = kMonday) const {
        return from_local(date, hour * 60 + minute, TimeZone::WITA);
    }
    TimePoint tick() {
        clock += seconds{1};
        return clock;
    }

    Ticket issue(const std::string& service, Priority priority = Priority::None) {
        return store->issue(IssueRequest{service, priority, "", ""}, tick()).ticket;
    }

    std::vector<std::string> call_all(int counter) {
        std::vector<std::string> order;
        while (auto t = store->call_next(counter, kSiti, tick())) {
            order.push_back(t->number);
            store->start_serving(counter, kSiti, tick());
            store->finish(counter, kSiti, tick());
        }
        return order;
    }

    loket::testing::TempDir dir;
    std::unique_ptr<QueueStore> store;
    TimePoint clock = from_local(kMonday, 9 * 60, TimeZone::WITA);
};

inline void expect_queue_error(const std::function<void()>& fn, const std::string& code) {
    try {
        fn();
        FAIL() << "expected QueueError " << code;
    } catch (const QueueError& e) {
        EXPECT_EQ(e.code(), code) << e.what();
    }
}

}  // namespace queue_store_test
