// Responses coming in: a visit's survey through its ticket's or file's status token, the
// kiosk's own survey (rate-limited per kiosk) and the survey the counter's tablet offers.
#include "loket/survey_store.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <array>

#include "loket/event_names.hpp"
#include "loket/survey_wire.hpp"

namespace loket {

namespace {

using survey::Element;
using survey::kElements;

constexpr const char* kVisitTicketColumns =
    "id, local_date, number, service, permit_id, state, finished_ms, counter, status_token";

// The fields of a ticket the survey needs; the rest stay default.
Ticket read_visit_ticket(SQLite::Statement& q) {
    Ticket t;
    t.id = q.getColumn(0).getInt64();
    t.local_date = q.getColumn(1).getString();
    t.number = q.getColumn(2).getString();
    t.service = q.getColumn(3).getString();
    t.origin_service = t.service;
    t.permit_id = q.getColumn(4).getString();
    t.state = parse_ticket_state(q.getColumn(5).getString()).value_or(TicketState::Waiting);
    if (!q.getColumn(6).isNull())
        t.finished_at = from_millis(q.getColumn(6).getInt64());
    if (!q.getColumn(7).isNull())
        t.counter = q.getColumn(7).getInt();
    t.status_token = q.getColumn(8).getString();
    return t;
}

VisitSurveyState state_of(const Ticket& t, bool answered) {
    if (answered)
        return VisitSurveyState::Answered;
    switch (t.state) {
        case TicketState::Done:
            return VisitSurveyState::Open;
        case TicketState::NoShow:
        case TicketState::Cancelled:
            return VisitSurveyState::Closed;
        default:
            return VisitSurveyState::NotYet;
    }
}

bool answered(StoreTransaction& tx, std::int64_t ticket_id) {
    auto& q = tx.sql("SELECT 1 FROM survey_visits WHERE ticket_id = ?");
    q.bind(1, ticket_id);
    return q.executeStep();
}

std::optional<Ticket> ticket_by_token(StoreTransaction& tx, const std::string& token) {
    auto& q = tx.sql(std::string("SELECT ") + kVisitTicketColumns +
                     " FROM tickets WHERE status_token = ?");
    q.bind(1, token);
    if (!q.executeStep())
        return std::nullopt;
    return read_visit_ticket(q);
}

std::string today_of(StoreTransaction& tx) {
    return format_date_iso(to_local(tx.now(), tx.config().zone).date);
}

// Inserts a complete response (read_response checked it) and records its event.
void insert_response(StoreTransaction& tx, const survey::Response& r, survey::Channel channel,
                     const std::string& device, const std::string& scoped_key) {
    auto& q = tx.sql(
        "INSERT INTO survey_responses (channel, local_date, service, permit_id, persyaratan, "
        "prosedur, waktu, biaya, produk, kompetensi, perilaku, pengaduan, sarana, age, sex, "
        "education, occupation, saran, device, received_ms, idempotency_key) VALUES "
        "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    int i = 1;
    q.bind(i++, std::string(to_string(channel)));
    q.bind(i++, format_date_iso(r.date));
    q.bind(i++, r.service);
    q.bind(i++, r.permit_id);
    for (const Element element : kElements)
        q.bind(i++, r.score(element));
    q.bind(i++, r.profile.age);
    q.bind(i++, std::string(survey::option_of(r.profile.sex).key));
    q.bind(i++, std::string(survey::option_of(r.profile.education).key));
    q.bind(i++, std::string(survey::option_of(r.profile.occupation).key));
    q.bind(i++, r.saran);
    if (channel == survey::Channel::Kiosk) {
        q.bind(i++, device);
        q.bind(i++, static_cast<std::int64_t>(to_millis(tx.now())));
    } else {
        q.bind(i++);
        q.bind(i++);
    }
    if (scoped_key.empty())
        q.bind(i++);
    else
        q.bind(i++, scoped_key);
    q.exec();
}

survey::Receipt receipt_of(const survey::Response& r, survey::Channel channel) {
    return {channel,
            r.service,
            r.permit_id,
            format_date_iso(r.date),
            survey::Period::containing(r.date, survey::PeriodKind::Month).key(),
            false};
}

// The event names the service and the period, never the answers: the clerk's console follows
// the same stream, and one response's scores next to the finish of the ticket at that
// counter would tell the clerk what the applicant answered (docs/skm.md).
void record_responded(StoreTransaction& tx, const survey::Receipt& receipt) {
    tx.record(protocol::event::survey_responded,
              protocol::survey_receipt_json(tx.config(), receipt));
}

std::chrono::year_month_day today_date(StoreTransaction& tx) {
    return to_local(tx.now(), tx.config().zone).date;
}

}  // namespace

std::string_view to_string(VisitSurveyState state) {
    switch (state) {
        case VisitSurveyState::NotYet:
            return "not_yet";
        case VisitSurveyState::Open:
            return "open";
        case VisitSurveyState::Answered:
            return "answered";
        case VisitSurveyState::Closed:
            return "closed";
    }
    return "not_yet";
}

namespace {

// A visit as the survey sees it: a ticket, or an application through its receipt's token.
struct VisitRow {
    SurveyVisit visit;
    std::int64_t id = 0;  // the ticket's or the application's
};

bool application_answered(StoreTransaction& tx, std::int64_t application_id) {
    auto& q = tx.sql("SELECT 1 FROM survey_applications WHERE application_id = ?");
    q.bind(1, application_id);
    const bool found = q.executeStep();
    q.reset();
    return found;
}

// The file's survey is about the whole service, its time and its product: it opens once the
// file has been handed over (docs/skm.md).
VisitSurveyState application_state(const std::string& state, bool answered) {
    if (answered)
        return VisitSurveyState::Answered;
    return state == "picked_up" ? VisitSurveyState::Open : VisitSurveyState::NotYet;
}

std::optional<VisitRow> find_visit(StoreTransaction& tx, const std::string& token,
                                   const std::string& application_service) {
    if (const auto ticket = ticket_by_token(tx, token)) {
        VisitRow row;
        row.id = ticket->id;
        row.visit = {SurveyVisitKind::Ticket, ticket->number,
                     ticket->local_date,      ticket->service,
                     ticket->permit_id,       state_of(*ticket, answered(tx, ticket->id))};
        return row;
    }
    // Counted under the service where the file was handed in; failing that, where it was
    // picked up; failing both (it came and left without a ticket), the office's setting.
    auto& q = tx.sql(
        "SELECT a.id, a.number, a.permit_id, a.state, a.registered_ms, "
        "COALESCE(registration.service, pickup.service) FROM applications a "
        "LEFT JOIN tickets registration ON registration.id = a.ticket_id "
        "LEFT JOIN tickets pickup ON pickup.id = a.pickup_ticket_id WHERE a.status_token = ?");
    q.bind(1, token);
    if (!q.executeStep()) {
        q.reset();
        return std::nullopt;
    }
    VisitRow row;
    row.id = q.getColumn(0).getInt64();
    row.visit.kind = SurveyVisitKind::Application;
    row.visit.number = q.getColumn(1).getString();
    row.visit.permit_id = q.getColumn(2).getString();
    const std::string state = q.getColumn(3).getString();
    row.visit.local_date =
        format_date_iso(to_local(from_millis(q.getColumn(4).getInt64()), tx.config().zone).date);
    row.visit.service = q.getColumn(5).isNull() ? application_service : q.getColumn(5).getString();
    q.reset();
    row.visit.state = application_state(state, application_answered(tx, row.id));
    return row;
}

}  // namespace

SurveyVisit SurveyStore::visit(const std::string& token, TimePoint now) const {
    SurveyVisit visit;
    queue_.run_read(now, [&](StoreTransaction& tx) {
        const auto found = find_visit(tx, token, application_service_);
        if (!found)
            throw QueueError("not_found", "no ticket or file has this status token");
        visit = found->visit;
    });
    return visit;
}

survey::Receipt SurveyStore::submit_for_visit(const std::string& token,
                                              const survey::Response& answers,
                                              survey::Channel channel,
                                              const std::string& idempotency_key, TimePoint now) {
    survey::Receipt receipt;
    queue_.run_write(now, [&](StoreTransaction& tx) {
        const auto found = find_visit(tx, token, application_service_);
        if (!found)
            throw QueueError("not_found", "no ticket or file has this status token");
        const SurveyVisit& visit = found->visit;
        const bool is_file = visit.kind == SurveyVisitKind::Application;
        const std::string what = (is_file ? "file " : "ticket ") + visit.number;
        auto& earlier = tx.sql(is_file ? "SELECT local_date, idempotency_key FROM "
                                         "survey_applications WHERE application_id = ?"
                                       : "SELECT local_date, idempotency_key FROM survey_visits "
                                         "WHERE ticket_id = ?");
        earlier.bind(1, found->id);
        if (earlier.executeStep()) {
            const std::string date = earlier.getColumn(0).getString();
            const std::string first_key = earlier.getColumn(1).getString();
            earlier.reset();
            if (!idempotency_key.empty() && first_key == idempotency_key) {
                receipt = {channel, visit.service,     visit.permit_id,
                           date,    date.substr(0, 7), true};  // the month key: "2026-12"
                return;
            }
            throw QueueError("survey_already_answered", what + " has already answered the survey");
        }
        earlier.reset();
        if (visit.state != VisitSurveyState::Open) {
            throw QueueError("survey_not_open",
                             visit.state == VisitSurveyState::Closed ? what + " was not served"
                             : is_file ? "the survey opens once " + what + " has been handed over"
                                       : "the survey opens once " + what + " has been served",
                             {{"state", to_string(visit.state)}});
        }
        if (visit.service.empty() || !tx.config().find_service(visit.service)) {
            throw QueueError("survey_not_open",
                             what +
                                 " is counted under no service of this office; set the "
                                 "applications' pickup service",
                             {{"state", to_string(visit.state)}});
        }
        survey::Response response = answers;
        response.service = visit.service;
        response.permit_id = visit.permit_id;
        response.date = today_date(tx);
        insert_response(tx, response, channel, "", "");
        auto& mark = tx.sql(is_file ? "INSERT INTO survey_applications (application_id, "
                                      "local_date, idempotency_key) VALUES (?, ?, ?)"
                                    : "INSERT INTO survey_visits (ticket_id, local_date, "
                                      "idempotency_key) VALUES (?, ?, ?)");
        mark.bind(1, found->id);
        mark.bind(2, format_date_iso(response.date));
        mark.bind(3, idempotency_key);
        mark.exec();
        receipt = receipt_of(response, channel);
        record_responded(tx, receipt);
    });
    return receipt;
}

survey::Receipt SurveyStore::submit_from_kiosk(const std::string& device,
                                               const survey::Response& read,
                                               const std::string& idempotency_key,
                                               const KioskSurveyLimits& limits, TimePoint now) {
    const std::string scoped_key = idempotency_key.empty() ? "" : device + ":" + idempotency_key;
    survey::Receipt receipt;
    queue_.run_write(now, [&](StoreTransaction& tx) {
        if (!scoped_key.empty()) {
            auto& q = tx.sql(
                "SELECT local_date, service, permit_id FROM survey_responses "
                "WHERE idempotency_key = ?");
            q.bind(1, scoped_key);
            if (q.executeStep()) {
                const std::string date = q.getColumn(0).getString();
                receipt = {survey::Channel::Kiosk,     q.getColumn(1).getString(),
                           q.getColumn(2).getString(), date,
                           date.substr(0, 7),          true};
                return;
            }
        }
        survey::Response response = read;
        response.date = today_date(tx);
        const std::int64_t now_ms = to_millis(tx.now());
        auto& last = tx.sql(
            "SELECT MAX(received_ms) FROM survey_responses WHERE device = ? AND channel = 'kiosk'");
        last.bind(1, device);
        if (last.executeStep() && !last.getColumn(0).isNull()) {
            const std::int64_t wait_ms =
                last.getColumn(0).getInt64() + limits.min_seconds_between * 1000LL - now_ms;
            if (wait_ms > 0) {
                throw QueueError("rate_limited",
                                 "this kiosk took a survey response less than " +
                                     std::to_string(limits.min_seconds_between) + " s ago",
                                 {{"retry_after_seconds", (wait_ms + 999) / 1000}});
            }
        }
        auto& today = tx.sql(
            "SELECT COUNT(*) FROM survey_responses WHERE device = ? AND channel = 'kiosk' AND "
            "local_date = ?");
        today.bind(1, device);
        today.bind(2, today_of(tx));
        today.executeStep();
        if (today.getColumn(0).getInt() >= limits.per_day) {
            throw QueueError("rate_limited",
                             "this kiosk has taken its " + std::to_string(limits.per_day) +
                                 " survey responses for today",
                             {{"retry_after_seconds", nullptr}});
        }
        insert_response(tx, response, survey::Channel::Kiosk, device, scoped_key);
        receipt = receipt_of(response, survey::Channel::Kiosk);
        record_responded(tx, receipt);
    });
    return receipt;
}

CounterSurvey SurveyStore::counter_survey(int counter, TimePoint now) const {
    CounterSurvey result;
    result.counter = counter;
    queue_.run_read(now, [&](StoreTransaction& tx) {
        if (!tx.config().find_counter(counter)) {
            throw QueueError("unknown_counter",
                             "counter " + std::to_string(counter) + " does not exist");
        }
        // The counter's latest ticket; a newer call means the applicant has left.
        auto& q = tx.sql(std::string("SELECT ") + kVisitTicketColumns +
                         " FROM tickets WHERE counter = ? AND local_date = ? AND called_ms IS NOT "
                         "NULL ORDER BY called_ms DESC, id DESC LIMIT 1");
        q.bind(1, counter);
        q.bind(2, today_of(tx));
        if (!q.executeStep())
            return;
        const Ticket t = read_visit_ticket(q);
        if (t.state != TicketState::Done || !t.finished_at ||
            tx.now() - *t.finished_at > std::chrono::minutes(kCounterSurveyMinutes)) {
            return;
        }
        result.ticket = t;
        result.state = state_of(t, answered(tx, t.id));
    });
    return result;
}

}  // namespace loket
