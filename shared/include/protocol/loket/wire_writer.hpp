#pragma once
// The one writer of every shape the queue's wire shares (assets/openapi.json): tickets, counters,
// services, the office reference, estimates, staff, the event envelope and the payloads of the
// queue's events. The store records its events' payloads with these, the queue-server writes its
// replies with them, so a shape cannot drift between a reply and an event.
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "loket/event_names.hpp"
#include "loket/floor.hpp"
#include "loket/office.hpp"
#include "loket/ticket.hpp"

namespace loket::protocol {

nlohmann::json to_json(const Ticket& ticket);
nlohmann::json to_json(const CounterStatus& counter);
nlohmann::json to_json(const StaffRef& staff);
// {"id","type","at","payload"}: one event as the stream, /events and the central sync carry it.
nlohmann::json to_json(const Event& event);

// A service as tickets and events name it: id, name, name_en, prefix. A service no longer in the
// settings (an old ticket) is named by its id.
nlohmann::json service_ref_json(const ServiceDef* service, std::string_view id);
nlohmann::json service_ref_json(const ServiceDef& service);
// {"number","name"}; a counter no longer in the settings is "Loket N".
nlohmann::json counter_ref_json(const CounterDef* counter, int number);
// The office as every reply that names it carries it ("office" in GET /display, POST /tickets,
// GET /tickets/status/{token}...; OfficeRef in assets/openapi.json): name, short_name,
// time_zone, utc_offset_minutes, open (now) and today_hours ("08:00-12:00").
nlohmann::json office_ref_json(const OfficeConfig& config, TimePoint now);
// Sessions as "HH:MM-HH:MM" strings.
nlohmann::json ranges_json(const std::vector<TimeRange>& ranges);
// Minutes, or null when no open counter serves the service.
nlohmann::json estimate_json(const WaitEstimate& estimate);
// Each service's line as GET /services and GET /display give it.
nlohmann::json summaries_json(const OfficeConfig& config,
                              const std::vector<ServiceSummary>& summaries);

// The payload of every ticket.* event: the ticket, its service and counter references, the
// waiting counts after the change, and the staff member who acted (none for the kiosk's).
nlohmann::json ticket_event_payload(const OfficeConfig& config, const Ticket& ticket,
                                    const WaitingCounts& waiting, const StaffRef* by = nullptr);
// What some ticket events add to the payload: where a transferred ticket came from (the counter
// is null when it was moved from a line), the people ahead and estimate of an issued one, and
// whether a finished one was started implicitly (served without pressing Start).
void add_transfer_origin(nlohmann::json& payload, const std::string& from_service,
                         std::optional<int> from_counter);
void add_issue_estimate(nlohmann::json& payload, int people_ahead, const WaitEstimate& estimate);
nlohmann::json finish_facts(bool implicit_start);
// The payload of every counter.* event: the counter's status, who acted, the waiting counts.
nlohmann::json counter_event_payload(const CounterStatus& counter, const StaffRef& by,
                                     const WaitingCounts& waiting);

// counter.taken_over: as a counter event, with the staff member it was taken from and whether
// they were still logged in (forced).
nlohmann::json counter_taken_over_payload(const CounterStatus& counter, const StaffRef& by,
                                          const std::string& previous_staff, bool forced,
                                          const WaitingCounts& waiting);
// settings.changed: the whole saved configuration (to_json(OfficeConfig), which
// office_config_from_json reads back) and who saved it.
nlohmann::json settings_changed_payload(const OfficeConfig& config, const std::string& saved_by);

}  // namespace loket::protocol
