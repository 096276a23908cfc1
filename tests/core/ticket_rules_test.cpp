#include <gtest/gtest.h>

#include "loket/ticket.hpp"

using namespace loket;

namespace {
Ticket ticket(std::int64_t id, int arrival, Priority priority = Priority::None) {
    Ticket t;
    t.id = id;
    t.number = "T-" + std::to_string(id);
    t.arrival_at = from_millis(arrival);
    t.priority = priority;
    return t;
}
}  // namespace

TEST(TicketNumber, FormatsWithThreeDigitsAndParsesLeniently) {
    EXPECT_EQ(format_ticket_number('A', 1), "A-001");
    EXPECT_EQ(format_ticket_number('C', 42), "C-042");
    EXPECT_EQ(format_ticket_number('B', 1234), "B-1234");
    const auto parsed = parse_ticket_number("a012");
    ASSERT_TRUE(parsed.has_value());
    EXPECT_EQ(parsed->prefix, 'A');
    EXPECT_EQ(parsed->sequence, 12);
    EXPECT_EQ(parse_ticket_number("B-7")->sequence, 7);
    EXPECT_FALSE(parse_ticket_number("A-").has_value());
    EXPECT_FALSE(parse_ticket_number("1-012").has_value());
    EXPECT_FALSE(parse_ticket_number("A-0").has_value());
    EXPECT_FALSE(parse_ticket_number("A-12x").has_value());
    EXPECT_FALSE(parse_ticket_number("A-99999999999").has_value());
    EXPECT_FALSE(parse_ticket_number("").has_value());
}

TEST(Dispatch, EarliestArrivalWinsAcrossServices) {
    ServiceHeads a{"informasi", std::nullopt, ticket(1, 300), 0, 3};
    ServiceHeads b{"customer_service", std::nullopt, ticket(2, 100), 0, 3};
    EXPECT_EQ(choose_next({a, b})->id, 2);
    EXPECT_FALSE(choose_next({}).has_value());
    EXPECT_FALSE(choose_next({ServiceHeads{"x", std::nullopt, std::nullopt, 0, 3}}).has_value());
}

TEST(Dispatch, PriorityFirstButNotMoreThanNInARow) {
    ServiceHeads h{"informasi", ticket(5, 500, Priority::Lansia), ticket(1, 100), 0, 3};
    EXPECT_EQ(choose_next({h})->id, 5);  // priority goes first
    h.priority_streak = 2;
    EXPECT_EQ(choose_next({h})->id, 5);
    h.priority_streak = 3;  // three in a row while a normal ticket waits: normal's turn
    EXPECT_EQ(choose_next({h})->id, 1);
    h.first_normal.reset();  // nobody normal waiting: the ratio does not hold priority back
    EXPECT_EQ(choose_next({h})->id, 5);
}

TEST(Dispatch, PriorityOfAnotherServiceStillGoesFirst) {
    ServiceHeads a{"informasi", ticket(5, 500, Priority::IbuHamil), ticket(1, 100), 3, 3};
    ServiceHeads b{"customer_service", ticket(6, 600, Priority::Disabilitas), std::nullopt, 0, 3};
    EXPECT_EQ(choose_next({a, b})->id, 6);
}

TEST(Dispatch, TiesBreakByIssueOrder) {
    ServiceHeads a{"a", std::nullopt, ticket(9, 100), 0, 3};
    ServiceHeads b{"b", std::nullopt, ticket(4, 100), 0, 3};
    EXPECT_EQ(choose_next({a, b})->id, 4);
}

TEST(WaitEstimate, UsesDefaultUntilEnoughSamples) {
    const WaitEstimate e = estimate_wait(4, 2, 0, {1.0, 2.0}, 10);
    EXPECT_EQ(e.samples, 0);
    EXPECT_DOUBLE_EQ(e.service_minutes, 10);
    EXPECT_EQ(e.minutes, 25);  // 4 ahead + its own turn, x 10 min / 2 counters
}

TEST(WaitEstimate, MeanOfRecentServices) {
    const WaitEstimate e = estimate_wait(2, 1, 0, {4.0, 6.0, 5.0, 9.0, 6.0}, 10);
    EXPECT_EQ(e.samples, 5);
    EXPECT_DOUBLE_EQ(e.service_minutes, 6.0);
    EXPECT_EQ(e.minutes, 18);  // 3 turns x 6 min
}

TEST(WaitEstimate, IdleCountersTakeTheFirstTurns) {
    EXPECT_FALSE(estimate_wait(5, 0, 0, {}, 10).minutes.has_value());  // no counter open
    EXPECT_EQ(estimate_wait(0, 3, 1, {}, 10).minutes, 0);   // nobody ahead, a counter free
    EXPECT_EQ(estimate_wait(1, 3, 2, {}, 10).minutes, 0);   // a free counter for each
    EXPECT_EQ(estimate_wait(0, 3, 0, {}, 10).minutes, 4);   // all busy: one turn, 3.33 -> 4
    EXPECT_EQ(estimate_wait(4, 3, 2, {}, 10).minutes, 10);  // 3 turns x 10 / 3
}

namespace {
// Steps choose_next through one line, keeping the streak as the store does (a priority call
// adds one, a normal call resets it), and counts the calls before `target`.
int simulated_ahead(std::vector<Ticket> priority, std::vector<Ticket> normal, int streak,
                    int max_in_row, std::int64_t target) {
    int calls = 0;
    while (true) {
        ServiceHeads h{"s", std::nullopt, std::nullopt, streak, max_in_row};
        if (!priority.empty())
            h.first_priority = priority.front();
        if (!normal.empty())
            h.first_normal = normal.front();
        const auto chosen = choose_next({h});
        if (!chosen || chosen->id == target)
            return calls;
        auto& line = chosen->priority != Priority::None ? priority : normal;
        line.erase(line.begin());
        streak = chosen->priority != Priority::None ? streak + 1 : 0;
        ++calls;
    }
}
}  // namespace

TEST(PeopleAhead, NormalTicketWaitsForPriorityRunsBetweenNormalOnes) {
    // 5 priority and 2 normal before it, nothing run yet, 3 in a row: PPP N PP N -> 7.
    EXPECT_EQ(people_ahead_by_rule({5, 2, 0, 3}, false, 2), 7);
    // A run of 2 already made: P N PPP N P -> 7 as well, but only 1 priority before the first.
    EXPECT_EQ(people_ahead_by_rule({5, 2, 2, 3}, false, 0), 1);
    EXPECT_EQ(people_ahead_by_rule({5, 2, 3, 3}, false, 0), 0);  // the normal ones' turn
    EXPECT_EQ(people_ahead_by_rule({0, 0, 0, 3}, false, 0), 0);
    EXPECT_EQ(people_ahead_by_rule({4, 6, 0, 0}, false, 6), 6);  // limit 0: priority never first
}

TEST(PeopleAhead, PriorityTicketWaitsForNormalOnesSlippedIn) {
    EXPECT_EQ(people_ahead_by_rule({6, 4, 0, 3}, true, 2), 2);  // PP then it
    EXPECT_EQ(people_ahead_by_rule({6, 4, 0, 3}, true, 3), 4);  // PPP N then it
    EXPECT_EQ(people_ahead_by_rule({6, 4, 0, 3}, true, 6), 8);  // PPP N PPP N then it
    EXPECT_EQ(people_ahead_by_rule({6, 0, 0, 3}, true, 6), 6);  // no normal one to let in
    EXPECT_EQ(people_ahead_by_rule({1, 4, 3, 3}, true, 0), 1);  // streak full: one normal first
    EXPECT_EQ(people_ahead_by_rule({2, 4, 0, 0}, true, 1), 5);  // limit 0: every normal first
}

TEST(PeopleAhead, EqualsSteppingTheRuleOverManyLines) {
    std::uint32_t seed = 12345;
    const auto next = [&seed](int below) {
        seed = seed * 1664525u + 1013904223u;
        return static_cast<int>((seed >> 8) % static_cast<std::uint32_t>(below));
    };
    for (int round = 0; round < 20000; ++round) {
        const int p = next(12), n = next(12), m = next(5), streak = next(7);
        // Arrivals interleaved at random; ids in arrival order.
        std::vector<Ticket> priority, normal;
        for (int i = 0, left_p = p, left_n = n; left_p + left_n > 0; ++i) {
            const bool is_p = left_n == 0 || (left_p > 0 && next(2) == 0);
            (is_p ? priority : normal)
                .push_back(ticket(i + 1, 1000 + i, is_p ? Priority::Lansia : Priority::None));
            --(is_p ? left_p : left_n);
        }
        const bool target_priority = p > 0 && (n == 0 || next(2) == 0);
        const auto& own = target_priority ? priority : normal;
        if (own.empty())
            continue;
        const int index = next(static_cast<int>(own.size()));
        const LineCounts counts{p - (target_priority ? 1 : 0), n - (target_priority ? 0 : 1),
                                streak, m};
        ASSERT_EQ(people_ahead_by_rule(counts, target_priority, index),
                  simulated_ahead(priority, normal, streak, m, own[index].id))
            << "P=" << p << " N=" << n << " streak=" << streak << " max=" << m
            << " priority=" << target_priority << " index=" << index;
    }
}
