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
    const WaitEstimate e = estimate_wait(4, 2, {1.0, 2.0}, 10);
    EXPECT_EQ(e.samples, 0);
    EXPECT_DOUBLE_EQ(e.service_minutes, 10);
    EXPECT_EQ(e.minutes, 20);  // 4 people x 10 min / 2 counters
}

TEST(WaitEstimate, MedianOfRecentServicesIgnoresOneLongCase) {
    const WaitEstimate e = estimate_wait(3, 1, {4.0, 6.0, 5.0, 90.0, 5.0}, 10);
    EXPECT_EQ(e.samples, 5);
    EXPECT_DOUBLE_EQ(e.service_minutes, 5.0);
    EXPECT_EQ(e.minutes, 15);
    EXPECT_DOUBLE_EQ(estimate_wait(1, 1, {4.0, 6.0, 5.0, 7.0}, 10).service_minutes, 5.5);
}

TEST(WaitEstimate, UnknownWithoutOpenCounterAndZeroWhenNobodyAhead) {
    EXPECT_FALSE(estimate_wait(5, 0, {}, 10).minutes.has_value());
    EXPECT_EQ(estimate_wait(0, 3, {}, 10).minutes, 0);
    EXPECT_EQ(estimate_wait(1, 3, {}, 10).minutes, 4);  // rounds up: 3.33 -> 4
}
