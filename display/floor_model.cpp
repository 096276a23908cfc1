#include "floor_model.hpp"

#include <algorithm>
#include <limits>

#include "loket/input_error.hpp"
#include "loket/office.hpp"
#include "loket/wire_reader.hpp"

namespace loket::display {
namespace {

using nlohmann::json;

TicketInfo ticket_info(const protocol::TicketRef& t) {
    return TicketInfo{t.number, t.service, t.state, t.call_count};
}

CounterInfo counter_info(const protocol::CounterView& c) {
    CounterInfo out;
    out.number = c.number;
    out.name = c.name;  // empty: the view labels it by number
    out.services = c.services;
    out.state = c.state;  // the domain's CounterState, as the protocol reads it
    // The waiting room reads Indonesian: the label of the code, or an `other` pause's note.
    if (c.pause)
        out.pause_reason = pause_text(*c.pause, Language::Indonesian);
    if (c.current)
        out.current = ticket_info(*c.current);
    return out;
}

template <typename T>
bool contains(const std::vector<T>& v, const T& x) {
    return std::find(v.begin(), v.end(), x) != v.end();
}

}  // namespace

bool Zone::covers_call(const std::string& service, int counter) const {
    return (counters.empty() || contains(counters, counter)) &&
           (services.empty() || contains(services, service));
}

FloorModel::FloorModel() : FloorModel(Options{}) {}

FloorModel::FloorModel(Options options) : options_(std::move(options)) {}

void FloorModel::read_office(const protocol::OfficeRef& office) {
    office_.name = office.name;
    office_.short_name = office.short_name;
    office_.time_zone = office.time_zone;
    office_.utc_offset_minutes = office.utc_offset_minutes;
    office_.open = office.open;
    office_.today_hours = office.today_hours;
}

void FloorModel::read_services(const std::vector<protocol::ServiceLine>& lines, bool keep_waiting) {
    std::vector<ServiceInfo> services;
    for (const auto& s : lines) {
        ServiceInfo info;
        info.id = s.id;
        info.name = s.name.empty() ? s.id : s.name;
        info.name_en = s.name_en;
        info.prefix = s.prefix;
        info.waiting = s.waiting;
        info.estimate_minutes = s.estimate_minutes;
        if (keep_waiting)
            if (const ServiceInfo* old = service(info.id))
                info.waiting = old->waiting;
        services.push_back(std::move(info));
    }
    services_ = std::move(services);
}

void FloorModel::read_counters(const std::vector<protocol::CounterView>& views, bool keep_current) {
    std::vector<CounterInfo> counters;
    for (const auto& c : views) {
        CounterInfo info = counter_info(c);
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

CallRecord FloorModel::call_record(const protocol::StreamEvent& e,
                                   const protocol::TicketEvent& t) const {
    CallRecord call;
    call.event_id = e.id;
    call.number = t.ticket.number;
    call.service_id = t.ticket.service.empty() ? t.service.id : t.ticket.service;
    call.counter = t.counter ? t.counter->number : 0;
    call.counter_name = t.counter ? t.counter->name : std::string();
    if (call.counter_name.empty())
        for (const auto& known : counters_)
            if (known.number == call.counter)
                call.counter_name = known.name;
    call.at_ms = e.at_ms;
    call.recall = e.type == protocol::event::ticket_recalled;
    call.call_count = std::max(1, t.ticket.call_count);
    call.service_name = t.service.name;
    call.service_name_en = t.service.name_en;
    if (call.service_name.empty())
        if (const ServiceInfo* info = service(call.service_id))
            call.service_name = info->name;
    return call;
}

void FloorModel::apply_snapshot(const json& display, Now now) {
    // Read whole before anything changes, so a bad reply leaves the model as it was.
    const protocol::DisplaySnapshot snapshot = protocol::read_display_snapshot(display);
    read_office(snapshot.office);
    server_skew_ms_ = snapshot.now_ms.value_or(now.wall_ms) - now.wall_ms;
    services_.clear();
    counters_.clear();
    read_services(snapshot.services, false);
    read_counters(snapshot.counters, false);
    last_event_id_ = snapshot.last_event_id;
    calls_.clear();
    call_log_.clear();
    // Newest first in the reply; applied oldest first so the newest ends on top.
    for (auto it = snapshot.recent_calls.rbegin(); it != snapshot.recent_calls.rend(); ++it) {
        const auto& t = std::get<protocol::TicketEvent>(it->body);
        if (!t.counter)
            continue;
        CallRecord call = call_record(*it, t);
        if (options_.zone.covers_call(call.service_id, call.counter))
            add_call(std::move(call));
    }
    loaded_ = true;
    changed();
}

void FloorModel::apply_settings(const json& display) {
    const protocol::DisplaySnapshot snapshot = protocol::read_display_snapshot(display);
    read_office(snapshot.office);
    read_services(snapshot.services, true);
    read_counters(snapshot.counters, true);
    changed();
}

void FloorModel::apply_office_settings(const OfficeConfig& config, Now now) {
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

void FloorModel::read_waiting(const protocol::WaitingCounts& waiting) {
    for (auto& s : services_)
        if (const auto it = waiting.find(s.id); it != waiting.end())
            s.waiting = it->second;
}

void FloorModel::add_call(CallRecord call) {
    // One line per ticket: a recall or a second call of the same number moves it to the top.
    std::erase_if(calls_, [&](const CallRecord& c) { return c.number == call.number; });
    calls_.push_front(std::move(call));
    while (calls_.size() > options_.recent_calls + 1)
        calls_.pop_back();
}

FloorModel::Applied FloorModel::apply_event(const json& event, Now now) {
    // The id first, so that an event whose payload is unreadable still moves the cursor on.
    std::int64_t id_value = -1;
    if (event.is_object())
        if (const auto it = event.find("id"); it != event.end() && it->is_number_integer())
            id_value = it->get<std::int64_t>();
    if (id_value >= 0 && id_value <= last_event_id_) {
        ++stats_.stale_ignored;
        return {};
    }
    try {
        return apply_event(protocol::read_event(event), now);
    } catch (const InputError&) {
        Applied result;
        result.applied = true;
        ++stats_.events_applied;
        ++stats_.malformed;
        if (id_value >= 0)
            last_event_id_ = id_value;
        if (event.is_object() && event.value("type", json()) == protocol::event::settings_changed) {
            publication_due_ = now.steady;
            result.settings_changed = true;  // read them from /display instead
        }
        changed();
        return result;
    }
}

FloorModel::Applied FloorModel::apply_event(const protocol::StreamEvent& event, Now now) {
    Applied result;
    if (event.id <= last_event_id_) {
        ++stats_.stale_ignored;
        return result;
    }
    last_event_id_ = event.id;
    result.applied = true;
    ++stats_.events_applied;
    if (event.waiting)
        read_waiting(*event.waiting);
    if (const auto* t = std::get_if<protocol::TicketEvent>(&event.body)) {
        apply_ticket_event(event, *t, now, result);
    } else if (const auto* c = std::get_if<protocol::CounterEvent>(&event.body)) {
        CounterInfo info = counter_info(c->counter);
        if (const CounterInfo* old = counter(info.number); old && info.name.empty())
            info.name = old->name;
        upsert_counter(std::move(info));
    } else if (const auto* a = std::get_if<protocol::ApplicationEvent>(&event.body)) {
        apply_ready_change(event.type, a->number);
        result.ready_changed = true;  // applied at once, then confirmed by re-reading the list
    } else if (const auto* s = std::get_if<protocol::SettingsEvent>(&event.body)) {
        publication_due_ = now.steady;  // show_ikm or the pledge may have changed
        // Applied from the event, because the server may still answer /display with the old
        // settings for a moment after it.
        apply_office_settings(s->settings, now);
    } else if (event.type == protocol::event::survey_responded) {
        const SteadyClock::time_point earliest =
            publication_read_at_ ? *publication_read_at_ + kPublicationMinInterval : now.steady;
        const SteadyClock::time_point due = std::max(earliest, now.steady);
        if (!publication_due_ || due < *publication_due_)
            publication_due_ = due;
    }
    changed();
    return result;
}

void FloorModel::apply_ready_change(const std::string& type, const std::string& number) {
    if (!ready_enabled_)
        return;
    const auto it = std::find(ready_numbers_.begin(), ready_numbers_.end(), number);
    if (type == protocol::event::application_ready && it == ready_numbers_.end() &&
        ready_numbers_.size() < kMaxReadyNumbers)
        ready_numbers_.push_back(number);
    else if (type == protocol::event::application_picked_up && it != ready_numbers_.end())
        ready_numbers_.erase(it);
}

void FloorModel::apply_ticket_event(const protocol::StreamEvent& event,
                                    const protocol::TicketEvent& t, Now now, Applied& result) {
    const TicketInfo ticket = ticket_info(t.ticket);
    const int counter_number = t.counter ? t.counter->number : 0;
    if (event.type == protocol::event::ticket_called ||
        event.type == protocol::event::ticket_recalled) {
        ++stats_.calls;
        if (CounterInfo* counter_info = counter(counter_number)) {
            counter_info->current = ticket;
            counter_info->state = CounterState::Open;
        }
        CallRecord call = call_record(event, t);
        // Age by the server's clock, corrected for this machine's offset from it.
        const std::int64_t age_ms = now.wall_ms + server_skew_ms_ - call.at_ms;
        result.fresh =
            age_ms <= std::chrono::duration_cast<std::chrono::milliseconds>(options_.fresh).count();
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
    } else if (event.type == protocol::event::ticket_started) {
        if (CounterInfo* counter_info = counter(counter_number))
            counter_info->current = ticket;
    } else {
        // finished, no_show, cancelled, transferred (from_counter), reactivated...: the ticket
        // leaves whichever counter shows it.
        for (auto& counter_info : counters_)
            if (counter_info.current && counter_info.current->number == ticket.number)
                counter_info.current.reset();
    }
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
    if (!reply.is_object())
        throw protocol::WireError("enabled", "must be true or false");
    const protocol::WireObject o(reply, "");
    const bool enabled = o.boolean("enabled");
    std::vector<std::string> numbers;
    // Numbers only, each short; anything else in the list is skipped rather than shown.
    for (const json& n : o.array("numbers")) {
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
    if (!reply.is_object())
        throw protocol::WireError("show_ikm", "must be true or false");
    const protocol::WireObject o(reply, "");
    PublicationInfo p;
    p.show_ikm = o.boolean("show_ikm");
    if (const auto period = o.opt_child("period")) {
        p.period_name = period->str_or("name", "");
        p.period_name_en = period->str_or("name_en", "");
    }
    const auto ikm = o.opt_number("ikm", 25.0, 100.0);
    if (p.show_ikm && ikm) {
        p.ikm = *ikm;
        p.grade = o.str_or("grade", "");
        p.grade_name = o.str_or("grade_name", "");
        p.grade_name_en = o.str_or("grade_name_en", "");
    }
    p.respondents =
        o.opt_int("respondents", 0, std::numeric_limits<std::int64_t>::max()).value_or(0);
    p.maklumat = o.str_or("maklumat", "");
    p.maklumat_en = o.str_or("maklumat_en", "");
    publication_read_at_ = now.steady;
    publication_due_.reset();
    if (!publication_ || !(*publication_ == p)) {
        publication_ = std::move(p);
        changed();
    }
}

namespace {
std::int64_t count_of(const protocol::WireObject& o, const char* key) {
    return o.integer(key, 0, std::numeric_limits<std::int64_t>::max());
}
}  // namespace

void FloorModel::apply_open_data(const json& reply) {
    if (!reply.is_object())
        throw protocol::WireError("month", "must be an object");
    const protocol::WireObject month = protocol::WireObject(reply, "").child("month");
    PerformanceInfo p;
    p.served = count_of(month, "served");
    p.within_target_share = month.opt_number("within_target_share", 0.0, 1.0);
    // Applications are null where the office does not follow files in Loket.
    if (const auto a = month.opt_child("applications")) {
        p.applications_finished = count_of(*a, "finished");
        p.applications_within_standard = a->opt_number("within_standard_share", 0.0, 1.0);
    }
    const protocol::WireObject complaints = month.child("complaints");
    p.complaints_answered = count_of(complaints, "answered");
    p.complaints_within_60_days = complaints.opt_number("within_60_days_share", 0.0, 1.0);
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
