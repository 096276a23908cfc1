// The wire's one writer and one reader together: what the server writes (loket/wire_writer.hpp)
// the apps read back (loket/wire_reader.hpp) to the same values, and what does not fit is refused
// naming the field.
#include <gtest/gtest.h>

#include <algorithm>

#include "loket/event_names.hpp"
#include "loket/office.hpp"
#include "loket/read_file.hpp"
#include "loket/wire_reader.hpp"
#include "loket/wire_writer.hpp"

namespace loket::protocol {
namespace {

using nlohmann::json;

OfficeConfig wire_test_office() {
    return parse_office_config(read_whole_file(LOKET_SOURCE_DIR "/tests/support/always-open.toml"),
                               "always-open.toml");
}

Ticket called_ticket(const OfficeConfig& config) {
    Ticket t;
    t.id = 41;
    t.local_date = "2026-12-07";
    t.number = "A-012";
    t.origin_service = config.services.front().id;
    t.service = config.services.front().id;
    t.state = TicketState::Called;
    t.counter = config.counters.front().number;
    t.call_count = 2;
    t.issued_at = from_millis(1'796'000'000'000);
    t.arrival_at = t.issued_at;
    t.called_at = from_millis(1'796'000'060'000);
    return t;
}

std::string field_of(const json& event) {
    try {
        read_event(event);
    } catch (const InputError& e) {
        return e.field();
    }
    return "(read)";
}

TEST(Wire, ATicketEventWrittenByTheServerReadsBackToTheSameValues) {
    const OfficeConfig config = wire_test_office();
    const Ticket t = called_ticket(config);
    const StaffRef staff("siti", "staff");
    const Event written{7, std::string(event::ticket_called), *t.called_at,
                        ticket_event_payload(config, t, {{t.service, 3}}, &staff)};
    const StreamEvent read = read_event(to_json(written));
    EXPECT_EQ(read.id, 7);
    EXPECT_EQ(read.type, "ticket.called");
    EXPECT_EQ(read.at_ms, to_millis(*t.called_at));
    ASSERT_TRUE(read.waiting.has_value());
    EXPECT_EQ(read.waiting->at(t.service), 3);
    const auto* body = std::get_if<TicketEvent>(&read.body);
    ASSERT_NE(body, nullptr);
    EXPECT_EQ(body->ticket.number, "A-012");
    EXPECT_EQ(body->ticket.id, 41);
    EXPECT_EQ(body->ticket.state, "called");
    EXPECT_EQ(body->ticket.call_count, 2);
    EXPECT_EQ(body->service.id, config.services.front().id);
    EXPECT_EQ(body->service.name, config.services.front().name);
    EXPECT_EQ(body->service.prefix, std::string(1, config.services.front().prefix));
    ASSERT_TRUE(body->counter.has_value());
    EXPECT_EQ(body->counter->number, config.counters.front().number);
    EXPECT_EQ(body->counter->name, config.counters.front().name);
}

TEST(Wire, ACounterEventAndTheOfficeReferenceReadBack) {
    const OfficeConfig config = wire_test_office();
    CounterStatus counter;
    counter.number = 3;
    counter.name = "Loket 3";
    counter.services = {config.services.front().id};
    counter.state = CounterState::Paused;
    counter.pause_code = PauseCode::Prayer;
    counter.pause_reason = "Dzuhur";
    counter.current = called_ticket(config);
    const Event written{8, std::string(event::counter_paused), from_millis(1'796'000'000'000),
                        counter_event_payload(counter, StaffRef("budi"), {})};
    const StreamEvent read = read_event(to_json(written));
    const auto* body = std::get_if<CounterEvent>(&read.body);
    ASSERT_NE(body, nullptr);
    EXPECT_EQ(body->counter.number, 3);
    EXPECT_EQ(body->counter.state, CounterState::Paused);
    EXPECT_EQ(body->counter.pause, (PauseReason{PauseCode::Prayer, "Dzuhur"}));
    EXPECT_EQ(body->counter.services, counter.services);
    ASSERT_TRUE(body->counter.current.has_value());
    EXPECT_EQ(body->counter.current->number, "A-012");

    const TimePoint now = from_millis(1'796'000'000'000);
    const OfficeRef office = read_office_ref(WireObject(office_ref_json(config, now), "office"));
    EXPECT_EQ(office.name, config.name);
    EXPECT_EQ(office.time_zone, zone_name(config.zone));
    EXPECT_EQ(office.utc_offset_minutes, utc_offset(config.zone).count());
    EXPECT_EQ(office.open, check_open(config, now).open);
}

TEST(Wire, SettingsAndApplicationEventsAreTypedAndOthersPassUnread) {
    const OfficeConfig config = wire_test_office();
    const StreamEvent settings = read_event(json{{"id", 9},
                                                 {"type", event::settings_changed},
                                                 {"at", 1},
                                                 {"payload", {{"settings", to_json(config)}}}});
    const auto* s = std::get_if<SettingsEvent>(&settings.body);
    ASSERT_NE(s, nullptr);
    EXPECT_EQ(s->settings.name, config.name);
    const StreamEvent ready =
        read_event(json{{"id", 10},
                        {"type", event::application_ready},
                        {"at", 1},
                        {"payload", {{"application", {{"number", "REG/2026/0001"}}}}}});
    EXPECT_EQ(std::get<ApplicationEvent>(ready.body).number, "REG/2026/0001");
    const StreamEvent survey = read_event(json{
        {"id", 11}, {"type", event::survey_responded}, {"at", 1}, {"payload", json::object()}});
    EXPECT_TRUE(std::holds_alternative<OtherEvent>(survey.body));
}

TEST(Wire, WhatDoesNotFitIsRefusedNamingTheField) {
    const json good = {{"id", 5},
                       {"type", "ticket.called"},
                       {"at", 1},
                       {"payload",
                        {{"ticket", {{"number", "A-001"}}},
                         {"service", {{"id", "informasi"}}},
                         {"waiting", {{"informasi", 1}}}}}};
    EXPECT_EQ(field_of(good), "(read)");
    json bad = good;
    bad.erase("id");
    EXPECT_EQ(field_of(bad), "event.id");
    bad = good;
    bad["payload"] = 7;
    EXPECT_EQ(field_of(bad), "event.payload");
    bad = good;
    bad["payload"].erase("ticket");
    EXPECT_EQ(field_of(bad), "payload.ticket");
    bad = good;
    bad["payload"]["waiting"]["informasi"] = "3";
    EXPECT_EQ(field_of(bad), "payload.waiting.informasi");
    bad = good;
    bad["payload"]["ticket"]["number"] = std::string(40, 'A');
    EXPECT_EQ(field_of(bad), "payload.ticket.number");
    bad = good;
    bad["type"] = "counter.opened";
    EXPECT_EQ(field_of(bad), "payload.counter");
}

TEST(Wire, EveryEventNameIsListedOnceUnderItsResource) {
    for (const auto type : kEventTypes) {
        EXPECT_TRUE(is_event_type(type));
        EXPECT_EQ(std::count(kEventTypes.begin(), kEventTypes.end(), type), 1) << type;
        const auto resource = event_resource(type);
        EXPECT_TRUE(resource == "ticket" || resource == "counter" || resource == "application" ||
                    resource == "survey" || resource == "complaint" || resource == "settings" ||
                    resource == "catalog")
            << type;
    }
    EXPECT_FALSE(is_event_type("ticket.unknown"));
}

}  // namespace
}  // namespace loket::protocol
