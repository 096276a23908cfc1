#include "loket/wire_reader.hpp"

#include <limits>

#include "loket/event_names.hpp"

namespace loket::protocol {

using nlohmann::json;

std::string cut_utf8(std::string s, std::size_t max) {
    if (s.size() <= max)
        return s;
    std::size_t n = max;
    while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80)
        --n;
    s.resize(n);
    return s;
}

WireObject::WireObject(const json& j, std::string path) : j_(j), path_(std::move(path)) {
    if (!j_.is_object())
        throw WireError(path_, "is not an object");
}

const json* WireObject::find(const char* key) const {
    const auto it = j_.find(key);
    return it == j_.end() || it->is_null() ? nullptr : &*it;
}

std::string WireObject::where(const char* key) const {
    return path_.empty() ? key : path_ + "." + key;
}

std::string WireObject::str(const char* key) const {
    auto v = opt_str(key);
    if (!v)
        throw WireError(where(key), "is missing");
    return *v;
}

std::optional<std::string> WireObject::opt_str(const char* key) const {
    const json* v = find(key);
    if (v == nullptr)
        return std::nullopt;
    if (!v->is_string())
        throw WireError(where(key), "is not a string");
    return cut_utf8(v->get<std::string>(), kMaxText);
}

std::string WireObject::str_or(const char* key, std::string fallback) const {
    return opt_str(key).value_or(std::move(fallback));
}

std::int64_t WireObject::integer(const char* key, std::int64_t min, std::int64_t max) const {
    auto v = opt_int(key, min, max);
    if (!v)
        throw WireError(where(key), "is missing");
    return *v;
}

std::optional<std::int64_t> WireObject::opt_int(const char* key, std::int64_t min,
                                                std::int64_t max) const {
    const json* v = find(key);
    if (v == nullptr)
        return std::nullopt;
    std::int64_t value = 0;
    if (v->is_number_unsigned()) {
        const auto u = v->get<std::uint64_t>();
        if (u > std::uint64_t(std::numeric_limits<std::int64_t>::max()))
            throw WireError(where(key), "is out of range");
        value = std::int64_t(u);
    } else if (v->is_number_integer()) {
        value = v->get<std::int64_t>();
    } else {
        throw WireError(where(key), "is not an integer");
    }
    if (value < min || value > max)
        throw WireError(where(key), "is out of range (" + std::to_string(value) + ")");
    return value;
}

bool WireObject::boolean(const char* key) const {
    const json* v = find(key);
    if (v == nullptr || !v->is_boolean())
        throw WireError(where(key), "is not true or false");
    return v->get<bool>();
}

std::optional<double> WireObject::opt_number(const char* key, double min, double max) const {
    const json* v = find(key);
    if (v == nullptr)
        return std::nullopt;
    if (!v->is_number())
        throw WireError(where(key), "is not a number");
    const double value = v->get<double>();
    if (!(value >= min && value <= max))
        throw WireError(where(key), "is out of range");
    return value;
}

const json& WireObject::array(const char* key) const {
    static const json kEmpty = json::array();
    const json* v = find(key);
    if (v == nullptr)
        return kEmpty;
    if (!v->is_array())
        throw WireError(where(key), "is not an array");
    if (v->size() > kMaxItems)
        throw WireError(where(key), "has too many items");
    return *v;
}

std::vector<std::string> WireObject::strings(const char* key) const {
    std::vector<std::string> out;
    const json& a = array(key);
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (!a[i].is_string())
            throw WireError(where(key) + "[" + std::to_string(i) + "]", "is not a string");
        out.push_back(cut_utf8(a[i].get<std::string>(), kMaxText));
    }
    return out;
}

namespace {
bool valid_hours_text(const std::string& s) {  // "HH:MM-HH:MM"
    if (s.size() != 11 || s[2] != ':' || s[5] != '-' || s[8] != ':')
        return false;
    for (std::size_t i : {0u, 1u, 3u, 4u, 6u, 7u, 9u, 10u})
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

CounterState counter_state(const WireObject& o) {
    const std::string state = o.str("state");
    for (const CounterState s : {CounterState::Closed, CounterState::Open, CounterState::Paused})
        if (state == to_string(s))
            return s;
    throw WireError(o.where("state"), "is not open, paused or closed");
}

// A paused counter's reason: its code, or from a server before the codes its free text read as
// the console's old labels (none without either).
std::optional<PauseReason> read_pause_reason(const WireObject& o, CounterState state) {
    if (state != CounterState::Paused)
        return std::nullopt;
    const std::string note = o.str_or("pause_reason", "");
    const auto code = o.opt_str("pause_reason_code");
    if (!code)
        return note.empty() ? std::nullopt : std::optional(legacy_pause_reason(note));
    const auto parsed = parse_pause_code(*code);
    if (!parsed)
        throw WireError(o.where("pause_reason_code"), "is not a pause reason code");
    return PauseReason{*parsed, note};
}

constexpr std::int64_t kMaxId = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kMaxMillis = std::int64_t(1) << 50;
}  // namespace

std::vector<std::string> WireObject::hours(const char* key) const {
    auto list = strings(key);
    for (const auto& h : list)
        if (!valid_hours_text(h))
            throw WireError(where(key), "holds '" + cut_utf8(h, 40) + "', not HH:MM-HH:MM");
    return list;
}

WireObject WireObject::child(const char* key) const {
    const json* v = find(key);
    if (v == nullptr)
        throw WireError(where(key), "is missing");
    return WireObject(*v, where(key));
}

std::optional<WireObject> WireObject::opt_child(const char* key) const {
    const json* v = find(key);
    if (v == nullptr)
        return std::nullopt;
    return WireObject(*v, where(key));
}

ServiceRef read_service_ref(const WireObject& o) {
    ServiceRef s;
    s.id = o.str("id");
    s.name = o.str_or("name", s.id);
    s.name_en = o.str_or("name_en", s.name);
    s.prefix = o.str_or("prefix", "");
    return s;
}

CounterRef read_counter_ref(const WireObject& o) {
    return {int(o.integer("number", 1, kMaxCount)), o.str_or("name", "")};
}

TicketRef read_ticket_ref(const WireObject& o) {
    TicketRef t;
    t.id = o.opt_int("id", 0, kMaxId).value_or(0);
    t.number = o.str("number");
    if (t.number.empty() || t.number.size() > 16)
        throw WireError(o.where("number"), "is not a ticket number");
    t.service = o.str_or("service", "");
    t.state = o.str_or("state", "");
    t.call_count = int(o.opt_int("call_count", 0, kMaxCount).value_or(0));
    return t;
}

CounterView read_counter_view(const WireObject& o) {
    CounterView c;
    c.number = int(o.integer("number", 1, kMaxCount));
    c.name = o.str_or("name", "");  // empty: shown by number
    c.services = o.strings("services");
    c.state = counter_state(o);
    c.pause = read_pause_reason(o, c.state);
    if (const auto current = o.opt_child("current"))
        c.current = read_ticket_ref(*current);
    return c;
}

ServiceLine read_service_line(const WireObject& o) {
    ServiceLine s;
    const ServiceRef ref = read_service_ref(o);
    s.id = ref.id;
    s.name = ref.name;
    s.name_en = ref.name_en;
    s.prefix = ref.prefix;
    s.waiting = int(o.integer("waiting", 0, kMaxCount));
    s.open_counters = int(o.opt_int("open_counters", 0, kMaxCount).value_or(0));
    if (const auto e = o.opt_int("estimate_minutes", 0, kMaxCount))
        s.estimate_minutes = int(*e);
    return s;
}

OfficeRef read_office_ref(const WireObject& o) {
    OfficeRef office;
    office.name = o.str("name");
    office.short_name = o.str_or("short_name", "");
    office.time_zone = o.str_or("time_zone", "");
    office.utc_offset_minutes = int(o.integer("utc_offset_minutes", -12 * 60, 14 * 60));
    office.open = o.boolean("open");
    office.today_hours = o.hours("today_hours");
    return office;
}

Office read_office(const WireObject& o) {
    Office office;
    static_cast<OfficeRef&>(office) = read_office_ref(o);
    office.address = o.str_or("address", "");
    office.closed_reason = o.str_or("closed_reason", "");
    office.holiday = o.str_or("holiday", "");
    office.next_open_ms = o.opt_int("next_open", 0, kMaxMillis);
    if (const auto hours = o.opt_child("hours")) {
        static const char* kDays[7] = {"sunday",   "monday", "tuesday", "wednesday",
                                       "thursday", "friday", "saturday"};
        for (int d = 0; d < 7; ++d)
            office.week_hours[std::size_t(d)] = hours->hours(kDays[d]);
    }
    return office;
}

EventEnvelope read_envelope(const json& event) {
    const WireObject o(event, "event");
    EventEnvelope e;
    e.id = o.integer("id", 0, kMaxId);
    e.type = o.str("type");
    e.at_ms = o.integer("at", 0, kMaxMillis);
    const json* payload = o.find("payload");
    if (payload == nullptr || !payload->is_object())
        throw WireError(o.where("payload"), "is not an object");
    e.payload = *payload;
    return e;
}

StreamEvent read_event(const EventEnvelope& e) {
    StreamEvent out;
    out.id = e.id;
    out.type = e.type;
    out.at_ms = e.at_ms;
    const WireObject payload(e.payload, "payload");
    if (const json* waiting = payload.find("waiting")) {
        if (!waiting->is_object())
            throw WireError(payload.where("waiting"), "is not an object");
        WaitingCounts counts;
        for (const auto& item : waiting->items()) {
            const std::string& service = item.key();  // not a structured binding: clang 14
            if (!item.value().is_number_integer() || item.value().get<std::int64_t>() < 0 ||
                item.value().get<std::int64_t>() > kMaxCount)
                throw WireError(payload.where("waiting") + "." + cut_utf8(service, 64),
                                "is not a count");
            counts[service] = item.value().get<int>();
        }
        out.waiting = std::move(counts);
    }
    const std::string_view resource = event_resource(e.type);
    if (resource == "ticket") {
        TicketEvent t;
        t.ticket = read_ticket_ref(payload.child("ticket"));
        t.service = read_service_ref(payload.child("service"));
        if (const auto counter = payload.opt_child("counter"))
            t.counter = read_counter_ref(*counter);
        out.body = std::move(t);
    } else if (resource == "counter") {
        out.body = CounterEvent{read_counter_view(payload.child("counter"))};
    } else if (e.type == event::application_ready || e.type == event::application_picked_up) {
        const std::string number = payload.child("application").str("number");
        if (number.empty() || number.size() > 64)
            throw WireError("payload.application.number", "is not a registration number");
        out.body = ApplicationEvent{number};
    } else if (e.type == event::settings_changed) {
        const json* settings = payload.find("settings");
        if (settings == nullptr || !settings->is_object())
            throw WireError(payload.where("settings"), "is not an object");
        for (const char* key : {"office", "services", "counters"})
            if (!settings->contains(key))
                throw WireError(payload.where("settings") + "." + key, "is missing");
        out.body = SettingsEvent{office_config_from_json(*settings, "settings.changed event")};
    }
    return out;
}

DisplaySnapshot read_display_snapshot(const json& display) {
    const WireObject o(display, "");
    DisplaySnapshot snapshot;
    snapshot.now_ms = o.opt_int("now", 0, kMaxMillis);
    snapshot.last_event_id = o.integer("last_event_id", 0, kMaxId);
    snapshot.office = read_office_ref(o.child("office"));
    for (const char* key : {"services", "counters"})
        if (o.find(key) == nullptr)
            throw WireError(key, "is missing");
    const json& services = o.array("services");
    for (std::size_t i = 0; i < services.size(); ++i)
        snapshot.services.push_back(
            read_service_line(WireObject(services[i], "services[" + std::to_string(i) + "]")));
    const json& counters = o.array("counters");
    for (std::size_t i = 0; i < counters.size(); ++i)
        snapshot.counters.push_back(
            read_counter_view(WireObject(counters[i], "counters[" + std::to_string(i) + "]")));
    for (const json& call : o.array("recent_calls")) {
        StreamEvent e = read_event(call);
        if (!std::holds_alternative<TicketEvent>(e.body))
            throw WireError("recent_calls", "holds a " + e.type + " event, not a call");
        snapshot.recent_calls.push_back(std::move(e));
    }
    return snapshot;
}

}  // namespace loket::protocol
