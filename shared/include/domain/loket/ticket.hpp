#pragma once
// Tickets, counters and the pure queue rules (dispatch choice, wait estimate), with no
// storage: the store applies these rules inside its transactions.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "loket/pause_reason.hpp"
#include "loket/time.hpp"

namespace loket {

enum class TicketState { Waiting, Called, Serving, Done, NoShow, Cancelled };
std::string_view to_string(TicketState state);
std::optional<TicketState> parse_ticket_state(std::string_view text);

// Applicants served first by law and custom: lansia (elderly), penyandang disabilitas,
// ibu hamil (pregnant women).
enum class Priority { None, Lansia, Disabilitas, IbuHamil };
std::string_view to_string(Priority priority);  // "", "lansia", "disabilitas", "ibu_hamil"
std::optional<Priority> parse_priority(std::string_view text);

enum class PrintStatus { Pending, Printed, PrintedWithWarning, Failed, NotPrinted };
std::string_view to_string(PrintStatus status);
std::optional<PrintStatus> parse_print_status(std::string_view text);

// "A-001": prefix letter and at least three digits.
std::string format_ticket_number(char prefix, int sequence);
// Parses "A-001", "a001" or "A1" into prefix and sequence.
struct TicketNumber {
    char prefix = 0;
    int sequence = 0;
};
std::optional<TicketNumber> parse_ticket_number(std::string_view text);

struct Ticket {
    std::int64_t id = 0;
    std::string local_date;      // office-local issue date "YYYY-MM-DD"
    std::string number;          // "A-012", kept across transfers
    std::string origin_service;  // the service that numbered it
    std::string service;         // the service it waits for now
    Priority priority = Priority::None;
    std::string permit_id;  // empty when none chosen
    TicketState state = TicketState::Waiting;
    TimePoint issued_at{};
    // Queue position key: the original arrival, kept on transfer and reactivation.
    TimePoint arrival_at{};
    std::optional<TimePoint> called_at;
    std::optional<TimePoint> started_at;
    std::optional<TimePoint> finished_at;
    std::optional<int> counter;  // counter calling or serving it
    int call_count = 0;          // 1 at the first call, +1 per recall
    std::string status_token;    // unguessable, for the applicant's status page
    PrintStatus print_status = PrintStatus::Pending;
    std::string print_problem;  // why the print failed or warned
    std::string note;           // transfer note
};

enum class CounterState { Closed, Open, Paused };
std::string_view to_string(CounterState state);

struct CounterStatus {
    int number = 0;
    std::string name;
    std::vector<std::string> services;
    CounterState state = CounterState::Closed;
    std::optional<PauseCode> pause_code;  // while paused
    std::string pause_reason;             // paused: the free-text note, if any
    std::string staff;                    // who opened it
    std::optional<TimePoint> since;       // when the state last changed
    std::optional<Ticket> current;        // the ticket called or being served
};

// The staff member behind a counter action, as the account store knows them. Every counter
// event records it as its "staff" field.
struct StaffRef {
    StaffRef(std::string name, std::string role = "staff")
        : name(std::move(name)), role(std::move(role)) {}
    StaffRef(const char* name) : StaffRef(std::string(name)) {}
    std::string name;  // user name
    std::string role;  // "staff", "supervisor" or "admin"
};

// ---- Dispatch: which ticket "call next" takes ----

// The heads of one service's waiting line, as the store reads them.
struct ServiceHeads {
    std::string service;
    std::optional<Ticket> first_priority;  // earliest-arrival priority ticket waiting
    std::optional<Ticket> first_normal;    // earliest-arrival normal ticket waiting
    int priority_streak = 0;               // priority calls in a row for this service
    int priority_max_in_row = 3;
};

// Priority tickets go first but never more than priority_max_in_row in a row while a normal
// ticket of the same service waits; otherwise the earliest arrival across the counter's
// services. Returns the chosen ticket or nothing when every line is empty.
std::optional<Ticket> choose_next(const std::vector<ServiceHeads>& heads);

// ---- People ahead, as choose_next calls them ----

// One service's waiting line as the ratio rule sees it, from the kept counts (no rows read):
// the tickets waiting besides the one asked about, the service's priority streak and limit.
struct LineCounts {
    int priority_waiting = 0;  // priority tickets waiting, the one asked about excluded
    int normal_waiting = 0;    // normal tickets waiting, the one asked about excluded
    int priority_streak = 0;
    int priority_max_in_row = 3;
};

// How many of the tickets waiting now "call next" takes before a ticket of the line, by the
// ratio rule: `priority` is the ticket's class and `earlier_same_class` how many tickets of its
// own class arrived before it. A normal ticket waits for the normal ones before it and for
// every priority ticket the rule calls in between (up to priority_max_in_row per normal one,
// fewer at first when a streak is running, whenever they arrived); a priority ticket waits
// for the priority ones before it and for the normal ones the rule slips in between. Equal to
// stepping choose_next through the line (tests/core/ticket_rules_test.cpp); tickets that
// arrive later are not foreseen.
int people_ahead_by_rule(const LineCounts& line, bool priority, int earlier_same_class);

// ---- Wait estimate ----

struct WaitEstimate {
    // Expected minutes until called; empty when no open counter serves the service.
    std::optional<int> minutes;
    double service_minutes = 0;  // the per-applicant figure the estimate used
    int samples = 0;             // how many recorded services that figure came from
};

// The predicted wait (docs/metrics.md, "Predicted wait", where the replay that chose it is
// reported). The applicant is called when the (people_ahead + 1)th counter frees up: with an
// idle open counter for each one ahead that is now, otherwise one more turn than people ahead,
// each turn taking the per-applicant minutes spread over the open counters.
// recent_service_minutes: durations (call to finish) of recently served applicants of the
// service, newest first; their mean is the per-applicant figure, or default_minutes while
// fewer than min_samples are recorded.
WaitEstimate estimate_wait(int people_ahead, int open_counters, int idle_counters,
                           const std::vector<double>& recent_service_minutes, int default_minutes,
                           int min_samples = 3);

}  // namespace loket
