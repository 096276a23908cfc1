#pragma once
// What the floor model tests share: tickets, counters, events and a snapshot shaped as the
// queue-server sends them (assets/openapi.json), with server and display clocks agreeing at kNow.
#include <chrono>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "floor_model.hpp"

namespace loket::display::floor_test {

using nlohmann::json;
using namespace std::chrono_literals;

inline constexpr std::int64_t kNow = 1'790'000'000'000;  // server and display clocks agree here

inline json ticket(const std::string& number, const std::string& service, const std::string& state,
                   int counter = 0, int call_count = 0) {
    return {{"number", number},
            {"service", service},
            {"state", state},
            {"counter", counter ? json(counter) : json(nullptr)},
            {"call_count", call_count}};
}

inline json service_ref(const std::string& id) {
    static const std::map<std::string, std::pair<std::string, std::string>> names = {
        {"informasi", {"Informasi", "A"}},
        {"customer_service", {"Customer Service", "B"}},
        {"pendaftaran", {"Pendaftaran", "C"}},
    };
    const auto& [name, prefix] = names.at(id);
    return {{"id", id}, {"name", name}, {"name_en", name}, {"prefix", prefix}};
}

inline json counter_json(int number, const std::vector<std::string>& services,
                         const std::string& state, const json& current = nullptr,
                         const std::string& reason = "") {
    return {{"number", number},       {"name", "Loket " + std::to_string(number)},
            {"services", services},   {"state", state},
            {"pause_reason", reason}, {"current", current}};
}

// An event object as the stream's data field carries it.
inline json call_event(std::int64_t id, const std::string& number, const std::string& service,
                       int counter, std::int64_t at = kNow, bool recall = false,
                       int call_count = 1) {
    return {{"id", id},
            {"type", recall ? "ticket.recalled" : "ticket.called"},
            {"at", at},
            {"payload",
             {{"ticket", ticket(number, service, "called", counter, call_count)},
              {"service", service_ref(service)},
              {"counter", {{"number", counter}, {"name", "Loket " + std::to_string(counter)}}},
              {"waiting", {{"informasi", 3}, {"customer_service", 1}, {"pendaftaran", 0}}}}}};
}

inline json ticket_event(std::int64_t id, const std::string& type, const std::string& number,
                         const std::string& service, const std::string& state, int counter) {
    return {{"id", id},
            {"type", type},
            {"at", kNow},
            {"payload",
             {{"ticket", ticket(number, service, state, counter, 1)},
              {"service", service_ref(service)},
              {"counter",
               counter ? json{{"number", counter}, {"name", "Loket " + std::to_string(counter)}}
                       : json(nullptr)},
              {"waiting", {{"informasi", 2}}}}}};
}

inline json counter_event(std::int64_t id, const std::string& type, const json& counter) {
    return {{"id", id},
            {"type", type},
            {"at", kNow},
            {"payload", {{"counter", counter}, {"waiting", {{"informasi", 4}}}}}};
}

// Three services, counters 1 and 2 open (2 serving A-001), 3 paused, 4 closed; one earlier call.
inline json snapshot(std::int64_t last_event_id = 10) {
    return {{"last_event_id", last_event_id},
            {"office",
             {{"name", "DPMPTSP Kabupaten Uji"},
              {"short_name", "DPMPTSP Uji"},
              {"time_zone", "WITA"},
              {"utc_offset_minutes", 480},
              {"open", true},
              {"today_hours", {"08:00-12:00", "13:00-16:00"}}}},
            {"now", kNow},
            {"counters",
             {counter_json(1, {"informasi"}, "open"),
              counter_json(2, {"informasi", "customer_service"}, "open",
                           ticket("A-001", "informasi", "serving", 2, 1)),
              counter_json(3, {"pendaftaran"}, "paused", nullptr, "Sholat"),
              counter_json(4, {"customer_service"}, "closed")}},
            {"services",
             {{{"id", "informasi"},
               {"name", "Informasi"},
               {"name_en", "Information"},
               {"prefix", "A"},
               {"waiting", 5},
               {"estimate_minutes", 12}},
              {{"id", "customer_service"},
               {"name", "Customer Service"},
               {"name_en", "Customer Service"},
               {"prefix", "B"},
               {"waiting", 2},
               {"estimate_minutes", 7}},
              {{"id", "pendaftaran"},
               {"name", "Pendaftaran"},
               {"name_en", "Registration"},
               {"prefix", "C"},
               {"waiting", 0},
               {"estimate_minutes", nullptr}}}},
            {"recent_calls", {call_event(9, "A-001", "informasi", 2, kNow - 600'000)}}};
}

inline Now at(SteadyClock::time_point steady, std::int64_t wall = kNow) {
    return Now{steady, wall};
}

inline const SteadyClock::time_point t0 = SteadyClock::time_point(100s);

}  // namespace loket::display::floor_test
