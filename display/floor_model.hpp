#pragma once
// What the waiting-room screen knows about the floor, built from the queue-server's
// /display snapshot and then its event stream (assets/openapi.json): the current call and
// its highlight, the calls before it, the counters with what they serve, people waiting per
// service, the office. Plain data and rules; no network, no threads, no rendering.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "loket/office.hpp"
#include "loket/ticket.hpp"
#include "loket/wire_reader.hpp"

namespace loket::display {

using SteadyClock = std::chrono::steady_clock;

// Which services and counters one screen covers (large offices have one screen per zone).
// Empty lists cover everything.
struct Zone {
    std::vector<std::string> services;  // service ids ("informasi")
    std::vector<int> counters;          // counter numbers

    bool everything() const { return services.empty() && counters.empty(); }
    // A call is shown here when its counter and its service are both covered.
    bool covers_call(const std::string& service, int counter) const;
};

struct TicketInfo {
    std::string number;   // "A-012"
    std::string service;  // service id
    std::string state;    // "called", "serving"
    int call_count = 0;
};

struct CounterInfo {
    int number = 0;
    std::string name;  // "Loket 1"; empty when the server sent none (shown by number)
    std::vector<std::string> services;
    CounterState state = CounterState::Closed;
    std::string pause_reason;           // as shown: the reason's Indonesian label, or its note
    std::optional<TicketInfo> current;  // called or being served
};

struct ServiceInfo {
    std::string id, name, name_en, prefix;
    int waiting = 0;
    // The server's predicted wait of a ticket taken now (GET /display's services, re-read
    // with the snapshot's refresh); none when no counter of the service is open.
    std::optional<int> estimate_minutes;
    // An open counter of the service has nobody called (set by view()): with nobody waiting,
    // a newcomer is served at once.
    bool counter_free = false;
};

// One call or recall as shown and announced.
struct CallRecord {
    std::int64_t event_id = 0;
    std::string number;  // "A-012"
    std::string service_id, service_name, service_name_en;
    int counter = 0;
    std::string counter_name;
    std::int64_t at_ms = 0;  // server time of the call (Unix ms)
    bool recall = false;
    int call_count = 1;
    // Until when the screen highlights it; never for calls that were old when they arrived
    // (the snapshot's, a backlog after a long disconnect).
    SteadyClock::time_point highlight_until{};
    // The first moment of the highlight pulses (an animation, so frames render continuously);
    // after it the highlight stays still until highlight_until.
    SteadyClock::time_point pulse_until{};
};

struct OfficeInfo {
    std::string name;
    std::string short_name;  // optional; shown when the name does not fit
    std::string time_zone;   // "WITA"
    int utc_offset_minutes = 0;
    bool open = false;
    std::vector<std::string> today_hours;  // "08:00-19:00"
};

// What the office publishes of its satisfaction survey (GET /survey/publication,
// docs/skm.md "Publication"): the index of the last semester when shown, and the pledge.
struct PublicationInfo {
    bool show_ikm = false;
    std::string period_name, period_name_en;  // "Semester II 2026"
    std::optional<double> ikm;                // converted, 25-100; none when hidden or empty
    std::string grade, grade_name, grade_name_en;
    std::int64_t respondents = 0;
    std::string maklumat, maklumat_en;
    bool operator==(const PublicationInfo&) const = default;
    // Whether the screen has anything of it to show.
    bool shows_something() const { return ikm.has_value() || !maklumat.empty(); }
};

// The headline figures of the open performance data (GET /open-data, docs/metrics.md) for this
// month so far: each share from 0 to 1, none while nothing counts towards it.
struct PerformanceInfo {
    std::int64_t served = 0;
    std::optional<double> within_target_share;  // tickets called within their target
    std::int64_t applications_finished = 0;
    std::optional<double> applications_within_standard;  // files finished within the SOP time
    std::int64_t complaints_answered = 0;
    std::optional<double> complaints_within_60_days;  // answered within the 60-day limit
    bool operator==(const PerformanceInfo&) const = default;
    bool shows_something() const {
        return within_target_share || applications_within_standard || complaints_within_60_days;
    }
};

enum class Connection { Connecting, Connected, Reconnecting };

// Everything the view draws, already filtered to the zone. Cheap to copy each frame.
struct FloorView {
    bool loaded = false;  // a snapshot arrived
    Connection connection = Connection::Connecting;
    OfficeInfo office;
    std::int64_t server_skew_ms = 0;    // server clock minus this machine's, at the snapshot
    std::vector<CounterInfo> counters;  // open and paused counters of the zone, by number
    std::vector<ServiceInfo> services;  // the zone's services, in the server's order
    std::optional<CallRecord> current;  // the newest call of the zone
    std::vector<CallRecord> recent;     // the calls before it, newest first, one per ticket
    std::int64_t last_event_id = 0;
    std::uint64_t version = 0;  // changes whenever anything shown changes
    // Registration numbers of files ready for pickup (GET /display/ready-applications), shown
    // only when the office's display_ready_numbers is on. No names: numbers only.
    bool ready_enabled = false;
    std::vector<std::string> ready_numbers;
    // None until GET /survey/publication answered.
    std::optional<PublicationInfo> publication;
    // None until GET /open-data answered.
    std::optional<PerformanceInfo> performance;

    bool highlighted(SteadyClock::time_point now) const {
        return current && now < current->highlight_until;
    }
    bool pulsing(SteadyClock::time_point now) const {
        return current && now < current->pulse_until;
    }
};

struct Now {
    SteadyClock::time_point steady = SteadyClock::now();
    std::int64_t wall_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                               std::chrono::system_clock::now().time_since_epoch())
                               .count();
};

class FloorModel {
  public:
    struct Options {
        Zone zone;
        std::size_t recent_calls = 6;  // how many earlier calls the list shows
        std::chrono::milliseconds highlight{8000};
        std::chrono::milliseconds pulse{1500};  // within the highlight
        // A call older than this when it arrives is shown but neither highlighted nor
        // announced (the announcement queue applies the same rule).
        std::chrono::seconds fresh{60};
        std::size_t call_log_size = 1000;
    };
    struct Stats {
        std::uint64_t events_applied = 0;
        std::uint64_t stale_ignored = 0;  // id not newer than the last applied: a duplicate
        std::uint64_t malformed = 0;      // unreadable payload (skipped, cursor advanced)
        std::uint64_t calls = 0;          // call and recall events applied (all zones)
    };
    struct Applied {
        bool applied = false;  // false: duplicate or older than the state
        // Settings changed but the event did not carry them readably: re-read /display.
        bool settings_changed = false;
        // A call or recall of this zone, to announce; `fresh` says it is recent enough.
        std::optional<CallRecord> call;
        bool fresh = false;
        // A file became ready or was picked up: re-read /display/ready-applications.
        bool ready_changed = false;
    };
    // survey.responded re-reads the publication at most this often (a busy office answers
    // many; the figure of a semester moves slowly).
    static constexpr std::chrono::seconds kPublicationMinInterval{60};
    // The most ready numbers kept (the view shows what fits).
    static constexpr std::size_t kMaxReadyNumbers = 200;

    FloorModel();
    explicit FloorModel(Options options);

    // Replaces everything with a GET /display reply. Its recent calls are shown but not
    // highlighted. Throws InputError when the reply is not a display snapshot.
    void apply_snapshot(const nlohmann::json& display, Now now = {});
    // After settings.changed: names, services and counter assignments from a fresh
    // snapshot; the calls, the event cursor and the highlight stay.
    void apply_settings(const nlohmann::json& display);
    // One event of the stream. Events whose id is not newer than the last applied one are
    // ignored (a replay after reconnecting).
    Applied apply_event(const protocol::StreamEvent& event, Now now = {});
    // One event object {"id","type","at","payload"} as the stream's data carries it, read with
    // the protocol's reader; one it cannot read still moves the cursor on (counted malformed).
    Applied apply_event(const nlohmann::json& event, Now now = {});
    void set_connection(Connection connection);
    // A GET /display/ready-applications reply {"enabled", "numbers"}; read leniently (what is
    // not a short string is skipped). Throws InputError when it is not such an object.
    void apply_ready_applications(const nlohmann::json& reply);

    // A GET /survey/publication reply; throws InputError when it is not one.
    void apply_publication(const nlohmann::json& reply, Now now = {});
    // When GET /survey/publication should be read again: at once after settings.changed, and
    // after survey.responded no sooner than kPublicationMinInterval after the last read;
    // none when nothing asked for it.
    std::optional<SteadyClock::time_point> publication_due() const { return publication_due_; }
    // The read failed: try again at `when` (the figure shown, if any, stays).
    void retry_publication_at(SteadyClock::time_point when) { publication_due_ = when; }
    // A GET /open-data reply: its month's headline figures; throws InputError when it is not
    // one (a share outside 0..1, a count that is not a whole number).
    void apply_open_data(const nlohmann::json& reply);
    FloorView view() const;
    std::int64_t last_event_id() const { return last_event_id_; }
    bool loaded() const { return loaded_; }
    const Stats& stats() const { return stats_; }
    const Options& options() const { return options_; }
    // Every call and recall of the zone applied since the snapshot, oldest first (bounded).
    const std::deque<CallRecord>& call_log() const { return call_log_; }

  private:
    void apply_office_settings(const OfficeConfig& settings, Now now);
    void apply_ticket_event(const protocol::StreamEvent& event, const protocol::TicketEvent& t,
                            Now now, Applied& result);
    void apply_ready_change(const std::string& type, const std::string& number);
    CallRecord call_record(const protocol::StreamEvent& event,
                           const protocol::TicketEvent& t) const;
    void read_office(const protocol::OfficeRef& office);
    // keep_waiting: the counts stay (events keep them); the names and the estimates are new.
    void read_services(const std::vector<protocol::ServiceLine>& lines, bool keep_waiting);
    void read_counters(const std::vector<protocol::CounterView>& counters, bool keep_current);
    void read_waiting(const protocol::WaitingCounts& waiting);
    void upsert_counter(CounterInfo counter);
    CounterInfo* counter(int number);
    const ServiceInfo* service(const std::string& id) const;
    void add_call(CallRecord call);
    bool counter_in_zone(const CounterInfo& c) const;
    bool service_in_zone(const std::string& id) const;
    void changed() { ++version_; }

    Options options_;
    bool loaded_ = false;
    Connection connection_ = Connection::Connecting;
    OfficeInfo office_;
    std::int64_t server_skew_ms_ = 0;
    std::vector<CounterInfo> counters_;  // all, by number
    std::vector<ServiceInfo> services_;  // all, server order
    std::deque<CallRecord> calls_;       // zone's calls, newest first, one per ticket number
    std::deque<CallRecord> call_log_;
    std::int64_t last_event_id_ = 0;
    std::uint64_t version_ = 0;
    Stats stats_;
    bool ready_enabled_ = false;
    std::vector<std::string> ready_numbers_;
    std::optional<PublicationInfo> publication_;
    std::optional<PerformanceInfo> performance_;
    std::optional<SteadyClock::time_point> publication_read_at_;
    std::optional<SteadyClock::time_point> publication_due_;
};

}  // namespace loket::display
