#include "floor_model.hpp"

#include <algorithm>

#include "loket/input_error.hpp"
#include "loket/office.hpp"

namespace loket::display {
namespace {

using nlohmann::json;

const char* kSnapshotSource = "display snapshot";

std::string str(const json& object, const char* key) {
    if (!object.is_object())
        return {};
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::int64_t integer(const json& object, const char* key, std::int64_t fallback = 0) {
    if (!object.is_object())
        return fallback;
    const auto it = object.find(key);
    return it != object.end() && it->is_number_integer() ? it->get<std::int64_t>() : fallback;
}

const json& member(const json& object, const char* key) {
    static const json null;
    if (!object.is_object())
        return null;
    const auto it = object.find(key);
    return it == object.end() ? null : *it;
}

CounterState parse_state(const std::string& s) {
    if (s == "open")
        return CounterState::Open;
    if (s == "paused")
        return CounterState::Paused;
    return CounterState::Closed;
}

std::optional<TicketInfo> parse_ticket(const json& t) {
    if (!t.is_object() || str(t, "number").empty())
        return std::nullopt;
    return TicketInfo{str(t, "number"), str(t, "service"), str(t, "state"),
                      int(integer(t, "call_count"))};
}

CounterInfo parse_counter(const json& c) {
    CounterInfo out;
    out.number = int(integer(c, "number"));
    out.name = str(c, "name");  // empty: the view labels it by number
    for (const auto& s : member(c, "services"))
        if (s.is_string())
            out.services.push_back(s.get<std::string>());
    out.state = parse_state(str(c, "state"));
    out.pause_reason = str(c, "pause_reason");
    out.current = parse_ticket(member(c, "current"));
    return out;
}

template <typename T>
bool contains(const std::vector<T>& v, const T& x) {
    return std::find(v.begin(), v.end(), x) != v.end();
}

// Checked before anything changes, so a bad reply leaves the model as it was.
void check_snapshot(const json& display) {
    if (!display.is_object())
        throw InputError(kSnapshotSource, "", "must be a JSON object");
    if (!member(display, "last_event_id").is_number_integer())
        throw InputError(kSnapshotSource, "last_event_id", "must be an integer");
    for (const char* key : {"counters", "services"})
        if (!member(display, key).is_array())
            throw InputError(kSnapshotSource, key, "must be an array");
    if (!member(display, "office").is_object())
        throw InputError(kSnapshotSource, "office", "must be an object");
}

}  // namespace

const char* to_string(CounterState state) {
    switch (state) {
        case CounterState::Open:
            return "open";
        case CounterState::Paused:
            return "paused";
        case CounterState::Closed:
            return "closed";
    }
    return "closed";
}

bool Zone::covers_call(const std::string& service, int counter) const {
    return (counters.empty() || contains(counters, counter)) &&
           (services.empty() || contains(services, service));
}

FloorModel::FloorModel() : FloorModel(Options{}) {}

FloorModel::FloorModel(Options options) : options_(std::move(options)) {}

void FloorModel::read_office(const json& display) {
    const json& office = member(display, "office");
    if (!office.is_object())
        throw InputError(kSnapshotSource, "office", "must be an object");
    office_.name = str(office, "name");
    office_.short_name = str(office, "short_name");
    office_.time_zone = str(office, "time_zone");
    office_.utc_offset_minutes = int(integer(office, "utc_offset_minutes"));
    const json& open = member(office, "open");
    office_.open = open.is_boolean() && open.get<bool>();
    office_.today_hours.clear();
    for (const auto& h : member(office, "today_hours"))
        if (h.is_string())
            office_.today_hours.push_back(h.get<std::string>());
}

void FloorModel::read_services(const json& display, bool keep_waiting) {
    const json& list = member(display, "services");
    if (!list.is_array())
        throw InputError(kSnapshotSource, "services", "must be an array");
    std::vector<ServiceInfo> services;
    for (const auto& s : list) {
        ServiceInfo info;
        info.id = str(s, "id");
        info.name = str(s, "name");
        info.name_en = str(s, "name_en");
        info.prefix = str(s, "prefix");
        info.waiting = int(integer(s, "waiting"));
        if (info.id.empty())
            continue;
        if (info.name.empty())
            info.name = info.id;
        if (const json& e = member(s, "estimate_minutes");
            e.is_number_integer() && e.get<int>() >= 0)
            info.estimate_minutes = e.get<int>();
        if (keep_waiting)
            if (const ServiceInfo* old = service(info.id))
                info.waiting = old->waiting;
        services.push_back(std::move(info));
    }
    services_ = std::move(services);
}

void FloorModel::read_counters(const json& display, bool keep_current) {
    const json& list = member(display, "counters");
    if (!list.is_array())
        throw InputError(kSnapshotSource, "counters", "must be an array");
    std::vector<CounterInfo> counters;
    for (const auto& c : list) {
        CounterInfo info = parse_counter(c);
        if (info.number <= 0)
            continue;
        if (keep_current) {
            // The event stream stays the source of state; the snapshot brings names.
            if (const CounterInfo* old = counter(info.number)) {
                info.state = old->state;
                info.pause_reason = old->pause_reason;
                info.current = old->current;
            }
        }
        counters.push_back(std::move(info));
    }
    std::sort(counters.begin(), counters.end(),
              [](const CounterInfo& a, const CounterInfo& b) { return a.number < b.number; });
    counters_ = std::move(counters);
}

void FloorModel::apply_snapshot(const json& display, Now now) {
    check_snapshot(display);
    read_office(display);
    const std::int64_t server_now = integer(display, "now", now.wall_ms);
    server_skew_ms_ = server_now - now.wall_ms;
    services_.clear();
    counters_.clear();
    read_services(display, false);
    read_counters(display, false);
    last_event_id_ = integer(display, "last_event_id");
    calls_.clear();
    call_log_.clear();
    // Newest first in the reply; applied oldest first so the newest ends on top.
    const json& recent = member(display, "recent_calls");
    if (recent.is_array()) {
        for (auto it = recent.rbegin(); it != recent.rend(); ++it) {
            const json& e = *it;
            const json& payload = member(e, "payload");
            const auto ticket = parse_ticket(member(payload, "ticket"));
            const json& c = member(payload, "counter");
            if (!ticket || !c.is_object())
                continue;
            CallRecord call;
            call.event_id = integer(e, "id");
            call.number = ticket->number;
            call.service_id = ticket->service;
            call.counter = int(integer(c, "number"));
            call.counter_name = str(c, "name");
            call.at_ms = integer(e, "at");
            call.recall = str(e, "type") == "ticket.recalled";
            call.call_count = std::max(1, ticket->call_count);
            const json& s = member(payload, "service");
            call.service_name = str(s, "name");
            call.service_name_en = str(s, "name_en");
            if (options_.zone.covers_call(call.service_id, call.counter))
                add_call(std::move(call));
        }
    }
    loaded_ = true;
    changed();
}

void FloorModel::apply_settings(const json& display) {
    check_snapshot(display);
    read_office(display);
    read_services(display, true);
    read_counters(display, true);
    changed();
}

void FloorModel::apply_office_settings(const json& settings, Now now) {
    for (const char* key : {"office", "services", "counters"})
        if (!member(settings, key).is_object() && !member(settings, key).is_array())
            throw InputError("settings.changed event", key, "is missing");
    const OfficeConfig config = office_config_from_json(settings, "settings.changed event");
    const TimePoint server_now = from_millis(now.wall_ms + server_skew_ms_);
    office_.name = config.name;
    office_.short_name = config.short_name;
    office_.time_zone = std::string(zone_name(config.zone));
    office_.utc_offset_minutes = int(utc_offset(config.zone).count());
    office_.open = check_open(config, server_now).open;
    office_.today_hours.clear();
    for (const auto& r : hours_on(config, to_local(server_now, config.zone).date))
        office_.today_hours.push_back(format_hhmm(r.from) + "-" + format_hhmm(r.to));
    std::vector<ServiceInfo> services;
    for (const auto& d : config.services) {
        const ServiceInfo* old = service(d.id);
        ServiceInfo info;
        info.id = d.id;
        info.name = d.name;
        info.name_en = d.name_en;
        info.prefix = std::string(1, d.prefix);
        if (old) {
            info.waiting = old->waiting;
            info.estimate_minutes = old->estimate_minutes;
        }
        services.push_back(std::move(info));
    }
    services_ = std::move(services);
    std::vector<CounterInfo> counters;
    for (const auto& d : config.counters) {
        CounterInfo info;
        if (const CounterInfo* old = counter(d.number))
            info = *old;  // state, pause reason and ticket come from the stream
        info.number = d.number;
        info.name = d.name;
        info.services = d.services;
        counters.push_back(std::move(info));
    }
    std::sort(counters.begin(), counters.end(),
              [](const CounterInfo& a, const CounterInfo& b) { return a.number < b.number; });
    counters_ = std::move(counters);
}

void FloorModel::set_connection(Connection connection) {
    if (connection_ == connection)
        return;
    connection_ = connection;
    changed();
}

CounterInfo* FloorModel::counter(int number) {
    for (auto& c : counters_)
        if (c.number == number)
            return &c;
    return nullptr;
}

const ServiceInfo* FloorModel::service(const std::string& id) const {
    for (const auto& s : services_)
        if (s.id == id)
            return &s;
    return nullptr;
}

void FloorModel::upsert_counter(CounterInfo info) {
    if (CounterInfo* c = counter(info.number)) {
        *c = std::move(info);
        return;
    }
    counters_.push_back(std::move(info));
    std::sort(counters_.begin(), counters_.end(),
              [](const CounterInfo& a, const CounterInfo& b) { return a.number < b.number; });
}

void FloorModel::read_waiting(const json& payload) {
    const json& waiting = member(payload, "waiting");
    if (!waiting.is_object())
        return;
    for (auto& s : services_) {
        const auto it = waiting.find(s.id);
        if (it != waiting.end() && it->is_number_integer())
            s.waiting = it->get<int>();
    }
}

void FloorModel::add_call(CallRecord call) {
    // One line per ticket: a recall or a second call of the same number moves it to the top.
    std::erase_if(calls_, [&](const CallRecord& c) { return c.number == call.number; });
    calls_.push_front(std::move(call));
    while (calls_.size() > options_.recent_calls + 1)
        calls_.pop_back();
}

FloorModel::Applied FloorModel::apply_event(const json& event, Now now) {
    Applied result;
    const std::int64_t id = integer(event, "id", -1);
    if (id >= 0 && id <= last_event_id_) {
        ++stats_.stale_ignored;
        return result;
    }
    if (id >= 0)
        last_event_id_ = id;
    result.applied = true;
    ++stats_.events_applied;
    const std::string type = str(event, "type");
    const json& payload = member(event, "payload");
    if (!payload.is_object()) {
        ++stats_.malformed;
        changed();
        return result;
    }
    read_waiting(payload);

    if (type.rfind("counter.", 0) == 0) {
        const json& c = member(payload, "counter");
        if (c.is_object() && integer(c, "number") > 0) {
            CounterInfo info = parse_counter(c);
            if (const CounterInfo* old = counter(info.number); old && info.name.empty())
                info.name = old->name;
            upsert_counter(std::move(info));
        } else {
            ++stats_.malformed;
        }
    } else if (type == "application.ready" || type == "application.picked_up") {
        // Applied at once from the event, then confirmed by re-reading the list.
        result.ready_changed = true;
        const std::string number = str(member(payload, "application"), "number");
        if (ready_enabled_ && !number.empty() && number.size() <= 64) {
            const auto it = std::find(ready_numbers_.begin(), ready_numbers_.end(), number);
            if (type == "application.ready" && it == ready_numbers_.end() &&
                ready_numbers_.size() < kMaxReadyNumbers)
                ready_numbers_.push_back(number);
            else if (type == "application.picked_up" && it != ready_numbers_.end())
                ready_numbers_.erase(it);
        }
    } else if (type == "survey.responded") {
        const SteadyClock::time_point earliest =
            publication_read_at_ ? *publication_read_at_ + kPublicationMinInterval : now.steady;
        const SteadyClock::time_point due = std::max(earliest, now.steady);
        if (!publication_due_ || due < *publication_due_)
            publication_due_ = due;
    } else if (type == "settings.changed") {
        publication_due_ = now.steady;  // show_ikm or the pledge may have changed
        // The payload carries the saved settings: applied from there, because the server may
        // still answer /display with the old ones for a moment after the event.
        try {
            apply_office_settings(member(payload, "settings"), now);
        } catch (const InputError&) {
            ++stats_.malformed;
            result.settings_changed = true;  // read them from /display instead
        }
    } else if (type.rfind("ticket.", 0) == 0) {
        const auto ticket = parse_ticket(member(payload, "ticket"));
        const json& c = member(payload, "counter");
        const int counter_number = int(c.is_object() ? integer(c, "number") : 0);
        if (!ticket) {
            ++stats_.malformed;
        } else if (type == "ticket.called" || type == "ticket.recalled") {
            ++stats_.calls;
            if (CounterInfo* counter_info = counter(counter_number)) {
                counter_info->current = ticket;
                counter_info->state = CounterState::Open;
            }
            CallRecord call;
            call.event_id = id;
            call.number = ticket->number;
            call.service_id = ticket->service;
            call.counter = counter_number;
            call.counter_name = str(c, "name");
            if (call.counter_name.empty())
                if (const CounterInfo* known = counter(counter_number))
                    call.counter_name = known->name;
            call.at_ms = integer(event, "at", now.wall_ms + server_skew_ms_);
            call.recall = type == "ticket.recalled";
            call.call_count = std::max(1, ticket->call_count);
            const json& s = member(payload, "service");
            call.service_name = str(s, "name");
            call.service_name_en = str(s, "name_en");
            if (call.service_name.empty())
                if (const ServiceInfo* info = service(call.service_id))
                    call.service_name = info->name;
            // Age by the server's clock, corrected for this machine's offset from it.
            const std::int64_t age_ms = now.wall_ms + server_skew_ms_ - call.at_ms;
            result.fresh =
                age_ms <=
                std::chrono::duration_cast<std::chrono::milliseconds>(options_.fresh).count();
            if (result.fresh) {
                call.highlight_until = now.steady + options_.highlight;
                call.pulse_until = now.steady + std::min(options_.pulse, options_.highlight);
            }
            if (options_.zone.covers_call(call.service_id, call.counter)) {
                result.call = call;
                call_log_.push_back(call);
                while (call_log_.size() > options_.call_log_size)
                    call_log_.pop_front();
                add_call(std::move(call));
            }
        } else if (type == "ticket.started") {
            if (CounterInfo* counter_info = counter(counter_number))
                counter_info->current = ticket;
        } else {
            // finished, no_show, cancelled, transferred (from_counter), reactivated...: the
            // ticket leaves whichever counter shows it.
            for (auto& counter_info : counters_)
                if (counter_info.current && counter_info.current->number == ticket->number)
                    counter_info.current.reset();
        }
    }
    changed();
    return result;
}

bool FloorModel::service_in_zone(const std::string& id) const {
    const Zone& z = options_.zone;
    if (!z.services.empty())
        return contains(z.services, id);
    if (!z.counters.empty()) {
        for (const auto& c : counters_)
            if (contains(z.counters, c.number) && contains(c.services, id))
                return true;
        return false;
    }
    return true;
}

bool FloorModel::counter_in_zone(const CounterInfo& c) const {
    const Zone& z = options_.zone;
    if (!z.counters.empty())
        return contains(z.counters, c.number);
    if (!z.services.empty()) {
        for (const auto& s : c.services)
            if (contains(z.services, s))
                return true;
        return false;
    }
    return true;
}

void FloorModel::apply_ready_applications(const json& reply) {
    if (!reply.is_object() || !member(reply, "enabled").is_boolean())
        throw InputError("/display/ready-applications", "enabled", "must be true or false");
    bool enabled = member(reply, "enabled").get<bool>();
    std::vector<std::string> numbers;
    for (const json& n : member(reply, "numbers")) {
        if (n.is_string() && !n.get<std::string>().empty() && n.get<std::string>().size() <= 64 &&
            numbers.size() < kMaxReadyNumbers)
            numbers.push_back(n.get<std::string>());
    }
    if (!enabled)
        numbers.clear();
    if (enabled != ready_enabled_ || numbers != ready_numbers_) {
        ready_enabled_ = enabled;
        ready_numbers_ = std::move(numbers);
        changed();
    }
}

void FloorModel::apply_publication(const json& reply, Now now) {
    const char* source = "/survey/publication";
    if (!reply.is_object() || !member(reply, "show_ikm").is_boolean())
        throw InputError(source, "show_ikm", "must be true or false");
    PublicationInfo p;
    p.show_ikm = member(reply, "show_ikm").get<bool>();
    const json& period = member(reply, "period");
    p.period_name = str(period, "name");
    p.period_name_en = str(period, "name_en");
    const json& ikm = member(reply, "ikm");
    if (!ikm.is_null() && !ikm.is_number())
        throw InputError(source, "ikm", "must be a number or null");
    if (p.show_ikm && ikm.is_number()) {
        const double value = ikm.get<double>();
        if (value < 25.0 || value > 100.0)
            throw InputError(source, "ikm", "must lie between 25 and 100");
        p.ikm = value;
        p.grade = str(reply, "grade");
        p.grade_name = str(reply, "grade_name");
        p.grade_name_en = str(reply, "grade_name_en");
    }
    p.respondents = integer(reply, "respondents");
    p.maklumat = str(reply, "maklumat");
    p.maklumat_en = str(reply, "maklumat_en");
    publication_read_at_ = now.steady;
    publication_due_.reset();
    if (!publication_ || !(*publication_ == p)) {
        publication_ = std::move(p);
        changed();
    }
}

void FloorModel::apply_open_data(const json& reply) {
    const char* source = "/open-data";
    if (!reply.is_object() || !member(reply, "month").is_object())
        throw InputError(source, "month", "must be an object");
    const json& month = member(reply, "month");
    const auto count = [&](const json& object, const char* key, const std::string& field) {
        const json& n = member(object, key);
        if (!n.is_number_integer() || n.get<std::int64_t>() < 0)
            throw InputError(source, field, "must be a whole number, 0 or more");
        return n.get<std::int64_t>();
    };
    const auto share = [&](const json& object, const char* key,
                           const std::string& field) -> std::optional<double> {
        const json& n = member(object, key);
        if (n.is_null())
            return std::nullopt;
        if (!n.is_number() || n.get<double>() < 0.0 || n.get<double>() > 1.0)
            throw InputError(source, field, "must be a number from 0 to 1, or null");
        return n.get<double>();
    };
    PerformanceInfo p;
    p.served = count(month, "served", "month.served");
    p.within_target_share = share(month, "within_target_share", "month.within_target_share");
    // Applications are null where the office does not follow files in Loket.
    if (const json& a = member(month, "applications"); !a.is_null()) {
        if (!a.is_object())
            throw InputError(source, "month.applications", "must be an object or null");
        p.applications_finished = count(a, "finished", "month.applications.finished");
        p.applications_within_standard =
            share(a, "within_standard_share", "month.applications.within_standard_share");
    }
    const json& complaints = member(month, "complaints");
    if (!complaints.is_object())
        throw InputError(source, "month.complaints", "must be an object");
    p.complaints_answered = count(complaints, "answered", "month.complaints.answered");
    p.complaints_within_60_days =
        share(complaints, "within_60_days_share", "month.complaints.within_60_days_share");
    if (!performance_ || !(*performance_ == p)) {
        performance_ = std::move(p);
        changed();
    }
}

FloorView FloorModel::view() const {
    FloorView v;
    v.publication = publication_;
    v.performance = performance_;
    v.ready_enabled = ready_enabled_;
    v.ready_numbers = ready_numbers_;
    v.loaded = loaded_;
    v.connection = connection_;
    v.office = office_;
    v.server_skew_ms = server_skew_ms_;
    v.last_event_id = last_event_id_;
    v.version = version_;
    for (const auto& c : counters_)
        if (c.state != CounterState::Closed && counter_in_zone(c))
            v.counters.push_back(c);
    for (const auto& s : services_) {
        if (!service_in_zone(s.id))
            continue;
        ServiceInfo info = s;
        info.counter_free = std::any_of(counters_.begin(), counters_.end(), [&](const auto& c) {
            return c.state == CounterState::Open && !c.current && contains(c.services, s.id);
        });
        v.services.push_back(std::move(info));
    }
    if (!calls_.empty()) {
        v.current = calls_.front();
        v.recent.assign(calls_.begin() + 1, calls_.end());
        if (v.recent.size() > options_.recent_calls)
            v.recent.resize(options_.recent_calls);
    }
    return v;
}

}  // namespace loket::display
