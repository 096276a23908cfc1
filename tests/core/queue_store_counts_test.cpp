// The queue store's waiting counts, kept by triggers (migration 4): equal to a count of the rows
// after every kind of change, and counted from the tickets already waiting when an older
// database is migrated.
#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <map>
#include <random>
#include <set>

#include "loket/queue_store.hpp"
#include "queue_store_fixture.hpp"

using namespace loket;
using namespace std::chrono;
using namespace queue_store_test;

namespace {

// The kept waiting count of every service equals a count of its waiting rows.
void expect_kept_counts_match(QueueStore& store, SQLite::Database& check, TimePoint clock,
                              const std::string& after) {
    const std::string today = format_date_iso(to_local(clock, TimeZone::WITA).date);
    for (const auto& summary : store.services(clock)) {
        SQLite::Statement q(check,
                            "SELECT COUNT(*) FROM tickets WHERE local_date = ? AND service = "
                            "? AND state = 'waiting'");
        q.bind(1, today);
        q.bind(2, summary.id);
        q.executeStep();
        EXPECT_EQ(summary.waiting, q.getColumn(0).getInt()) << summary.id << " after " << after;
    }
}

// The line in the order "call next" takes it: choose_next stepped over the waiting
// tickets from the service's current streak (read from the file), `extra` joining it.
std::vector<Ticket> kept_counts_call_order(QueueStore& store, SQLite::Database& check,
                                           TimePoint clock, const std::string& service,
                                           std::optional<Ticket> extra) {
    std::vector<Ticket> priority, normal, order;
    auto line = store.waiting({service}, clock);
    if (extra)
        line.push_back(*extra);
    for (const Ticket& t : line)
        (t.priority != Priority::None ? priority : normal).push_back(t);
    SQLite::Statement q(check, "SELECT streak FROM priority_streaks WHERE service = ?");
    q.bind(1, service);
    int streak = q.executeStep() ? q.getColumn(0).getInt() : 0;
    while (true) {
        ServiceHeads h{service, std::nullopt, std::nullopt, streak,
                       store.config()->find_service(service)->priority_max_in_row};
        if (!priority.empty())
            h.first_priority = priority.front();
        if (!normal.empty())
            h.first_normal = normal.front();
        const auto next = choose_next({h});
        if (!next)
            return order;
        order.push_back(*next);
        auto& from = next->priority != Priority::None ? priority : normal;
        from.erase(from.begin());
        streak = next->priority != Priority::None ? streak + 1 : 0;
    }
}

int kept_counts_place_in(const std::vector<Ticket>& order, std::int64_t id) {
    const auto it =
        std::find_if(order.begin(), order.end(), [&](const Ticket& t) { return t.id == id; });
    return it == order.end() ? -1 : int(it - order.begin());
}

// Every waiting ticket's status, and each service's figure for a normal ticket taken now.
void expect_positions_are_places_in_line(QueueStore& store, SQLite::Database& check,
                                         TimePoint clock, const std::string& after) {
    for (const auto& summary : store.services(clock)) {
        Ticket newcomer;
        newcomer.id = 1 << 30;
        newcomer.service = summary.id;
        newcomer.arrival_at = clock + hours{1};
        const auto with_newcomer =
            kept_counts_call_order(store, check, clock, summary.id, newcomer);
        EXPECT_EQ(summary.people_ahead, kept_counts_place_in(with_newcomer, newcomer.id))
            << summary.id << " after " << after;
        const auto order = kept_counts_call_order(store, check, clock, summary.id, std::nullopt);
        for (const Ticket& t : order)
            EXPECT_EQ(store.status_by_token(t.status_token, clock).people_ahead,
                      kept_counts_place_in(order, t.id))
                << t.number << " after " << after;
    }
}

// One change of a random kind at `counter` (`active`: its ticket), named in `what` (left
// empty when that kind could not happen now), as far as it got before a refusal.
void kept_counts_random_change(QueueStore& store, int counter, const std::optional<Ticket>& active,
                               std::mt19937& random, TimePoint clock,
                               const std::function<TimePoint()>& tick, std::string& what,
                               const std::function<void(const IssueResult&)>& on_issued) {
    const std::vector<std::string> services = {"informasi", "customer_service", "pendaftaran"};
    switch (random() % 8) {
        case 0:
        case 1: {
            const auto priority = random() % 4 == 0 ? Priority::Lansia : Priority::None;
            const auto issued =
                store.issue(IssueRequest{services[random() % 3], priority, "", ""}, tick());
            what = "issue " + issued.ticket.number;
            on_issued(issued);
            break;
        }
        case 2:
            if (!active && store.call_next(counter, kSiti, tick()))
                what = "call next";
            break;
        case 3:
            if (active) {
                what = "start and finish";
                if (active->state == TicketState::Called)
                    store.start_serving(counter, kSiti, tick());
                store.finish(counter, kSiti, tick());
            }
            break;
        case 4:
            if (active && active->state == TicketState::Called) {
                what = "no-show then reactivate";
                const Ticket gone = store.no_show(counter, kSiti, tick());
                if (random() % 2)
                    store.reactivate(gone.number, "rina", tick());
            }
            break;
        case 5:
            if (active) {
                const std::string to = services[random() % 3];
                what = "transfer";
                if (to != active->service)
                    store.transfer(active->number, "rina", to, "", tick());
            }
            break;
        case 6: {
            const auto line = store.waiting(services, clock);
            if (!line.empty()) {
                what = "cancel a waiting ticket";
                store.cancel(line[random() % line.size()].number, "rina", "pulang", tick());
            }
            break;
        }
        case 7:
            if (active && active->state == TicketState::Called) {
                what = "recall";
                store.recall(counter, kSiti, tick());
            }
            break;
    }
}

}  // namespace

// The waiting counts are kept by triggers (migration 4), not counted: after every kind of
// change they must equal a count of the rows, and the people ahead of a new ticket must equal
// its place in the call order.
TEST_F(QueueStoreTest, KeptWaitingCountsMatchTheTicketsAfterEveryKindOfChange) {
    SQLite::Database check((dir / "queue.db").string(), SQLite::OPEN_READONLY);
    const auto expect_counts_match = [&](const std::string& after) {
        expect_kept_counts_match(*store, check, clock, after);
    };
    const auto expect_ahead_is_place_in_line = [&](const IssueResult& issued) {
        const auto order =
            kept_counts_call_order(*store, check, clock, issued.ticket.service, std::nullopt);
        EXPECT_EQ(issued.people_ahead, kept_counts_place_in(order, issued.ticket.id))
            << issued.ticket.number;
    };
    const auto tick_fn = [this] { return tick(); };
    for (int c : {1, 2, 5})
        store->open_counter(c, kSiti, tick());
    std::mt19937 random(20261122);
    std::map<std::string, int> done;  // each kind of change must really have happened
    for (int step = 0; step < 400; ++step) {
        const int counter = std::vector<int>{1, 2, 5}[random() % 3];
        const auto active = store->counter(counter).current;
        std::string what;
        try {
            kept_counts_random_change(*store, counter, active, random, clock, tick_fn, what,
                                      expect_ahead_is_place_in_line);
            if (!what.empty())
                ++done[what.substr(0, what.find(' '))];
        } catch (const QueueError& e) {
            what += std::string(" (refused: ") + e.what() + ")";
        }
        expect_counts_match(what);
        expect_positions_are_places_in_line(*store, check, clock, what);
        if (::testing::Test::HasFailure())
            return;
    }
    for (const char* kind : {"issue", "call", "start", "no-show", "transfer", "cancel", "recall"})
        EXPECT_GT(done[kind], 5) << kind;
}

// A database made before migration 4 gets its counts from the tickets already waiting.
TEST_F(QueueStoreTest, MigrationCountsTicketsAlreadyWaiting) {
    issue("informasi");
    issue("informasi");
    issue("pendaftaran", Priority::IbuHamil);
    store.reset();
    {
        SQLite::Database db((dir / "queue.db").string(), SQLite::OPEN_READWRITE);
        // Back to schema version 3: every table later migrations made goes (their triggers and
        // indexes with them).
        const std::set<std::string> version_3 = {
            "tickets", "sequences", "visits",   "counters", "priority_streaks",
            "events",  "users",     "sessions", "settings", "sqlite_sequence"};
        std::vector<std::string> later;
        SQLite::Statement tables(db, "SELECT name FROM sqlite_master WHERE type = 'table'");
        while (tables.executeStep()) {
            if (!version_3.count(tables.getColumn(0).getString()))
                later.push_back(tables.getColumn(0).getString());
        }
        tables.reset();
        std::vector<std::string> triggers;
        SQLite::Statement trigger_list(
            db,
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name NOT LIKE 'events_%'");
        while (trigger_list.executeStep())
            triggers.push_back(trigger_list.getColumn(0).getString());
        trigger_list.reset();
        for (const auto& trigger : triggers)
            db.exec("DROP TRIGGER " + trigger);
        db.exec("PRAGMA foreign_keys = OFF");
        for (const auto& table : later)
            db.exec("DROP TABLE " + table);
        // ...and the columns and indexes later migrations added to version 3's tables.
        db.exec("ALTER TABLE tickets DROP COLUMN permit_version");
        db.exec("ALTER TABLE counters DROP COLUMN pause_reason_code");
        db.exec("DROP INDEX events_type_at");
        db.exec("DROP INDEX events_counter");
        db.exec("PRAGMA user_version = 3");
    }
    open();
    const auto summaries = store->services(clock);
    const auto waiting_in = [&](const std::string& id) {
        return std::find_if(summaries.begin(), summaries.end(),
                            [&](const ServiceSummary& s) { return s.id == id; })
            ->waiting;
    };
    EXPECT_EQ(waiting_in("informasi"), 2);
    EXPECT_EQ(waiting_in("pendaftaran"), 1);
    EXPECT_EQ(waiting_in("customer_service"), 0);
    EXPECT_EQ(issue("informasi").number, "A-003");
    EXPECT_EQ(store->services(clock)[0].waiting, 3);
}
