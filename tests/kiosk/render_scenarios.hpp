#pragma once
// The kiosk screens the render tests draw: each scenario walks a Model with server-shaped
// replies to one screen and names the texts that must be on it. The scenarios are listed in
// render_scenarios_queue.cpp (start, permit information, numbers, connection trouble) and
// render_scenarios_services.cpp (status of a file, pickup, publication, survey, complaint).
#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "kiosk_test_support.hpp"

namespace loket::kiosk::render_test {

using namespace testing;

struct Scenario {
    std::string name;
    std::function<void(Model&)> setup;
    std::vector<std::string> expect;  // texts that must be on screen
};

inline void online(Model& m, bool open = true) {
    m.on_office(office(open));
    m.on_services(services());
}

inline void to_permit(Model& m, const std::string& id, std::size_t ticks = 0) {
    m.open_permit_info();
    m.set_query("usaha mikro");
    for (const auto& s : effects_of<SearchPermits>(m.take_effects()))
        m.on_permits(s.seq, permits(s.query));
    m.open_permit(id);
    m.on_permit(effects_of<FetchPermit>(m.take_effects())[0].seq, permit(id));
    for (std::size_t i = 0; i < ticks; ++i)
        m.toggle_requirement(i);
}

inline PrintReport report(PrintState state) {
    PrintReport r;
    r.ticket_id = 17;
    r.state = state;
    if (state == PrintState::failed) {
        r.message_id = "Kertas printer habis";
        r.message_en = "Printer is out of paper";
    }
    if (state == PrintState::no_printer)
        r = no_printer_report(17);
    return r;
}

// The scenarios of several groups, in order (each group's own function keeps it short).
inline std::vector<Scenario> joined(std::initializer_list<std::vector<Scenario>> groups) {
    std::vector<Scenario> all;
    for (const auto& group : groups)
        all.insert(all.end(), group.begin(), group.end());
    return all;
}

// Start, permit information, priority, the ticket and its printing, errors, connection trouble.
std::vector<Scenario> queue_screens();
// Status of a file, pickup ticket, survey publication, survey, complaint.
std::vector<Scenario> service_screens();

}  // namespace loket::kiosk::render_test
