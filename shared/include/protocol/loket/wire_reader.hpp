#pragma once
// The one strict reader of what the queue-server sends (assets/openapi.json), for the apps: every
// field checked for its type and range, text cut to a drawable length at a UTF-8 boundary, lists
// bounded, and anything else a WireError naming the dotted field. Unknown fields are ignored, so
// a newer server may add some. The typed values below are the wire's shapes as the apps use them;
// the writer of the same shapes is loket/wire_writer.hpp.
#include <array>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "loket/event_names.hpp"
#include "loket/input_error.hpp"
#include "loket/office.hpp"
#include "loket/ticket.hpp"

namespace loket::protocol {

// Bounds that keep anything read drawable: longer text is cut, longer lists are refused.
inline constexpr std::size_t kMaxText = 4000;
inline constexpr std::size_t kMaxItems = 2000;
inline constexpr std::int64_t kMaxCount = 1000000;

// A reply or an event that is not what the API promises. what() names the field, e.g.
// "reply: field 'services[0].waiting': is out of range (-1)".
class WireError : public InputError {
  public:
    WireError(std::string field, std::string reason)
        : InputError("reply", std::move(field), std::move(reason), "bad_reply") {}
};

// `text` cut to at most `max` bytes without splitting a UTF-8 sequence.
std::string cut_utf8(std::string text, std::size_t max);

// One JSON object of a reply or an event, read field by field.
class WireObject {
  public:
    WireObject(const nlohmann::json& object, std::string path);

    const nlohmann::json* find(const char* key) const;  // nullptr when absent or null
    std::string where(const char* key) const;
    const std::string& path() const { return path_; }

    std::string str(const char* key) const;  // required
    std::optional<std::string> opt_str(const char* key) const;
    std::string str_or(const char* key, std::string fallback) const;
    std::int64_t integer(const char* key, std::int64_t min, std::int64_t max) const;
    std::optional<std::int64_t> opt_int(const char* key, std::int64_t min, std::int64_t max) const;
    bool boolean(const char* key) const;
    std::optional<double> opt_number(const char* key, double min, double max) const;
    // An array (empty when absent or null); longer than kMaxItems is refused.
    const nlohmann::json& array(const char* key) const;
    std::vector<std::string> strings(const char* key) const;
    // Session lists "HH:MM-HH:MM".
    std::vector<std::string> hours(const char* key) const;
    WireObject child(const char* key) const;  // required
    std::optional<WireObject> opt_child(const char* key) const;

  private:
    const nlohmann::json& j_;
    std::string path_;
};

// ---- The shapes ----

struct ServiceRef {  // "service" of tickets and events
    std::string id, name, name_en, prefix;
    bool operator==(const ServiceRef&) const = default;
};

struct CounterRef {  // "counter" of ticket events
    int number = 0;
    std::string name;
    bool operator==(const CounterRef&) const = default;
};

struct TicketRef {  // the fields of a ticket the apps show
    std::int64_t id = 0;
    std::string number;  // "A-012"
    std::string service;
    std::string state;  // "waiting", "called", "serving"...
    int call_count = 0;
    bool operator==(const TicketRef&) const = default;
};

struct CounterView {  // a counter's status (GET /display, counter.* events)
    int number = 0;
    std::string name;
    std::vector<std::string> services;
    CounterState state = CounterState::Closed;
    std::optional<PauseReason> pause;  // while paused with a reason
    std::optional<TicketRef> current;
    bool operator==(const CounterView&) const = default;
};

struct ServiceLine {  // a service's line (GET /services, GET /display)
    std::string id, name, name_en, prefix;
    int waiting = 0;
    int open_counters = 0;
    std::optional<int> estimate_minutes;
    bool operator==(const ServiceLine&) const = default;
};

struct OfficeRef {  // "office" of GET /display, POST /tickets...
    std::string name, short_name;
    std::string time_zone;  // "WITA"
    int utc_offset_minutes = 0;
    bool open = false;
    std::vector<std::string> today_hours;  // "08:00-19:00"
    bool operator==(const OfficeRef&) const = default;
};

struct Office : OfficeRef {  // GET /office
    std::string address;
    std::string closed_reason;  // holiday, closed_today, before_hours, between_sessions, ...
    std::string holiday;        // the holiday's name when closed_reason == "holiday"
    std::optional<std::int64_t> next_open_ms;
    std::array<std::vector<std::string>, 7> week_hours;  // index 0 = Sunday
    bool operator==(const Office&) const = default;
};

ServiceRef read_service_ref(const WireObject& o);
CounterRef read_counter_ref(const WireObject& o);
TicketRef read_ticket_ref(const WireObject& o);
CounterView read_counter_view(const WireObject& o);
ServiceLine read_service_line(const WireObject& o);
OfficeRef read_office_ref(const WireObject& o);
Office read_office(const WireObject& o);

// ---- Events ----

// {"id","type","at","payload"} as the stream and GET /events carry it.
struct EventEnvelope {
    std::int64_t id = 0;
    std::string type;  // one of kEventTypes (loket/event_names.hpp), or a newer server's
    std::int64_t at_ms = 0;
    nlohmann::json payload;  // an object
};
EventEnvelope read_envelope(const nlohmann::json& event);

struct TicketEvent {  // ticket.*
    TicketRef ticket;
    ServiceRef service;
    std::optional<CounterRef> counter;
};
struct CounterEvent {  // counter.*
    CounterView counter;
};
struct ApplicationEvent {  // application.*: the registration number, nothing personal
    std::string number;
};
struct SettingsEvent {  // settings.changed: the whole saved configuration
    OfficeConfig settings;
};
struct OtherEvent {};  // a type the apps do not read (survey.*, complaint.*, a newer one)

struct StreamEvent {
    std::int64_t id = 0;
    std::string type;
    std::int64_t at_ms = 0;
    std::optional<WaitingCounts> waiting;  // the counts after the change, when it carries them
    std::variant<OtherEvent, TicketEvent, CounterEvent, ApplicationEvent, SettingsEvent> body;
};
// Throws WireError (or InputError for unreadable settings) when the payload does not hold what
// its type promises.
StreamEvent read_event(const EventEnvelope& envelope);
inline StreamEvent read_event(const nlohmann::json& event) {
    return read_event(read_envelope(event));
}

// ---- GET /display ----

// What a waiting-room screen starts from; recent_calls newest first, each a ticket event.
struct DisplaySnapshot {
    std::optional<std::int64_t> now_ms;  // the server's clock
    std::int64_t last_event_id = 0;
    OfficeRef office;
    std::vector<ServiceLine> services;
    std::vector<CounterView> counters;
    std::vector<StreamEvent> recent_calls;
};
DisplaySnapshot read_display_snapshot(const nlohmann::json& display);

}  // namespace loket::protocol
