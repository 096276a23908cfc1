#include "loket/ticket.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace loket {

namespace {
template <typename Enum, std::size_t N>
std::optional<Enum> parse_from(std::string_view text,
                               const std::array<std::pair<Enum, std::string_view>, N>& names) {
    for (const auto& [value, name] : names) {
        if (name == text)
            return value;
    }
    return std::nullopt;
}

template <typename Enum, std::size_t N>
std::string_view name_of(Enum value,
                         const std::array<std::pair<Enum, std::string_view>, N>& names) {
    for (const auto& [v, name] : names) {
        if (v == value)
            return name;
    }
    return "";
}

constexpr std::array<std::pair<TicketState, std::string_view>, 6> kStateNames = {{
    {TicketState::Waiting, "waiting"},
    {TicketState::Called, "called"},
    {TicketState::Serving, "serving"},
    {TicketState::Done, "done"},
    {TicketState::NoShow, "no_show"},
    {TicketState::Cancelled, "cancelled"},
}};

constexpr std::array<std::pair<Priority, std::string_view>, 4> kPriorityNames = {{
    {Priority::None, ""},
    {Priority::Lansia, "lansia"},
    {Priority::Disabilitas, "disabilitas"},
    {Priority::IbuHamil, "ibu_hamil"},
}};

constexpr std::array<std::pair<PrintStatus, std::string_view>, 5> kPrintNames = {{
    {PrintStatus::Pending, "pending"},
    {PrintStatus::Printed, "printed"},
    {PrintStatus::PrintedWithWarning, "printed_with_warning"},
    {PrintStatus::Failed, "failed"},
    {PrintStatus::NotPrinted, "not_printed"},
}};

constexpr std::array<std::pair<CounterState, std::string_view>, 3> kCounterNames = {{
    {CounterState::Closed, "closed"},
    {CounterState::Open, "open"},
    {CounterState::Paused, "paused"},
}};

bool arrives_before(const Ticket& a, const Ticket& b) {
    if (a.arrival_at != b.arrival_at)
        return a.arrival_at < b.arrival_at;
    return a.id < b.id;
}
}  // namespace

std::string_view to_string(TicketState state) {
    return name_of(state, kStateNames);
}
std::optional<TicketState> parse_ticket_state(std::string_view text) {
    return parse_from(text, kStateNames);
}
std::string_view to_string(Priority priority) {
    return name_of(priority, kPriorityNames);
}
std::optional<Priority> parse_priority(std::string_view text) {
    return parse_from(text, kPriorityNames);
}
std::string_view to_string(PrintStatus status) {
    return name_of(status, kPrintNames);
}
std::optional<PrintStatus> parse_print_status(std::string_view text) {
    return parse_from(text, kPrintNames);
}
std::string_view to_string(CounterState state) {
    return name_of(state, kCounterNames);
}

std::string format_ticket_number(char prefix, int sequence) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "%c-%03d", prefix, sequence);
    return buf;
}

std::optional<TicketNumber> parse_ticket_number(std::string_view text) {
    if (text.size() < 2 || text.size() > 12)
        return std::nullopt;
    const char letter = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
    if (letter < 'A' || letter > 'Z')
        return std::nullopt;
    std::string_view digits = text.substr(1);
    if (!digits.empty() && digits.front() == '-')
        digits.remove_prefix(1);
    if (digits.empty() || digits.size() > 6)
        return std::nullopt;
    int value = 0;
    const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (ec != std::errc{} || ptr != digits.data() + digits.size() || value <= 0) {
        return std::nullopt;
    }
    return TicketNumber{letter, value};
}

std::optional<Ticket> choose_next(const std::vector<ServiceHeads>& heads) {
    const Ticket* best_priority = nullptr;
    const Ticket* best_normal = nullptr;
    for (const auto& h : heads) {
        const bool may_take_priority =
            h.first_priority && (h.priority_streak < h.priority_max_in_row || !h.first_normal);
        if (may_take_priority) {
            if (!best_priority || arrives_before(*h.first_priority, *best_priority)) {
                best_priority = &*h.first_priority;
            }
        } else if (h.first_normal) {
            if (!best_normal || arrives_before(*h.first_normal, *best_normal)) {
                best_normal = &*h.first_normal;
            }
        }
    }
    if (best_priority)
        return *best_priority;
    if (best_normal)
        return *best_normal;
    return std::nullopt;
}

int people_ahead_by_rule(const LineCounts& line, bool priority, int earlier_same_class) {
    const int p_waiting = std::max(0, line.priority_waiting);
    const int n_waiting = std::max(0, line.normal_waiting);
    const int m = std::max(0, line.priority_max_in_row);
    // Priority calls still allowed before the rule must take a normal ticket.
    const int first_run = std::max(0, m - std::max(0, line.priority_streak));
    if (!priority) {
        const int normals = std::clamp(earlier_same_class, 0, n_waiting);
        // Before each of the normal ones ahead, and before this one, a run of priority calls:
        // the rest of the current run, then up to m after each normal call.
        const long long runs = first_run + static_cast<long long>(normals) * m;
        return normals + static_cast<int>(std::min<long long>(p_waiting, runs));
    }
    const int priorities = std::clamp(earlier_same_class, 0, p_waiting);
    if (n_waiting == 0)
        return priorities;
    if (m == 0)  // priority only when no normal ticket waits
        return priorities + n_waiting;
    if (priorities < first_run)
        return priorities;
    // The current run ends after first_run priority calls, then one normal call per m more.
    return priorities + std::min(n_waiting, 1 + (priorities - first_run) / m);
}

WaitEstimate estimate_wait(int people_ahead, int open_counters, int idle_counters,
                           const std::vector<double>& recent_service_minutes, int default_minutes,
                           int min_samples) {
    WaitEstimate estimate;
    estimate.service_minutes = default_minutes;
    if (static_cast<int>(recent_service_minutes.size()) >= std::max(1, min_samples)) {
        // The mean, not the median: a line moves at the counters' total time, and service times
        // lean right (the median of lognormal ones falls short of it). The replay measured it.
        double sum = 0;
        for (const double m : recent_service_minutes)
            sum += m;
        estimate.service_minutes = sum / static_cast<double>(recent_service_minutes.size());
        estimate.samples = static_cast<int>(recent_service_minutes.size());
    }
    if (open_counters <= 0)
        return estimate;
    const int turns = std::max(0, std::max(0, people_ahead) + 1 - std::max(0, idle_counters));
    const double minutes = turns * estimate.service_minutes / static_cast<double>(open_counters);
    estimate.minutes = static_cast<int>(std::ceil(minutes));
    return estimate;
}

}  // namespace loket
