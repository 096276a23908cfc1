// Personal data's end: scrubbing and anonymising applications and complaints when their time
// is up, and erasing on request. Searches, exports and the access log: privacy_store_requests.cpp.
#include "loket/privacy_store.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <cctype>

#include "loket/sqlite_columns.hpp"
#include "privacy_store_internal.hpp"

namespace loket {

using namespace privacy_detail;

namespace {

constexpr std::int64_t kDayMs = 24LL * 60 * 60 * 1000;
// Tickets live one office day: their events fall within two days of the issue.
constexpr std::int64_t kTicketSpanMs = 2 * kDayMs;

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

// Replaces every occurrence of each needle (ASCII case-insensitive; needles under 3 characters
// are skipped: they would hit ordinary words) with the marker. True when text changed.
bool scrub_text(std::string& text, const std::vector<std::string>& needles) {
    bool changed = false;
    for (const std::string& needle : needles) {
        if (needle.size() < 3)
            continue;
        const std::string n = lower(needle);
        for (;;) {
            const std::string l = lower(text);
            const auto at = l.find(n);
            if (at == std::string::npos)
                break;
            text.replace(at, n.size(), kErasedMarker);
            changed = true;
        }
    }
    return changed;
}

bool scrub_json(json& node, const std::vector<std::string>& needles) {
    bool changed = false;
    if (node.is_string()) {
        std::string text = node.get<std::string>();
        if (scrub_text(text, needles)) {
            node = text;
            changed = true;
        }
    } else if (node.is_structured()) {
        for (auto& child : node)
            changed = scrub_json(child, needles) || changed;
    }
    return changed;
}

// Rewrites the payloads of events of `type_prefix` (e.g. "application.") from `from_ms` on whose
// `id_path` is `id`: the event log keeps full payloads, so personal data there goes too.
int scrub_events(StoreTransaction& tx, const std::string& type_prefix, const std::string& id_path,
                 std::int64_t id, std::int64_t from_ms, std::int64_t to_ms,
                 const std::vector<std::string>& needles) {
    auto& q = tx.sql(
        "SELECT id, payload FROM events WHERE type >= ? AND type < ? AND at_ms >= ? AND at_ms < ? "
        "AND json_extract(payload, ?) = ?");
    std::string end = type_prefix;
    end.back() = static_cast<char>(end.back() + 1);  // "application." -> "application/"
    q.bind(1, type_prefix);
    q.bind(2, end);
    q.bind(3, from_ms);
    q.bind(4, to_ms);
    q.bind(5, id_path);
    q.bind(6, id);
    std::vector<std::pair<std::int64_t, std::string>> changed;
    while (q.executeStep()) {
        json payload = json::parse(q.getColumn(1).getString(), nullptr, false);
        if (!payload.is_discarded() && scrub_json(payload, needles))
            changed.emplace_back(q.getColumn(0).getInt64(), payload.dump());
    }
    q.reset();
    for (const auto& [event_id, payload] : changed) {
        auto& u = tx.sql("UPDATE events SET payload = ? WHERE id = ?");
        u.bind(1, payload);
        u.bind(2, event_id);
        u.exec();
    }
    return static_cast<int>(changed.size());
}

// Replaces the needles in a text column of rows matching `where` (one ? bound to id).
void scrub_column(StoreTransaction& tx, const std::string& table, const std::string& column,
                  const std::string& where, std::int64_t id,
                  const std::vector<std::string>& needles) {
    auto& q = tx.sql("SELECT rowid, " + column + " FROM " + table + " WHERE " + where + " AND " +
                     column + " IS NOT NULL");
    q.bind(1, id);
    std::vector<std::pair<std::int64_t, std::string>> changed;
    while (q.executeStep()) {
        std::string text = q.getColumn(1).getString();
        if (scrub_text(text, needles))
            changed.emplace_back(q.getColumn(0).getInt64(), text);
    }
    q.reset();
    for (const auto& [rowid, text] : changed) {
        auto& u = tx.sql("UPDATE " + table + " SET " + column + " = ? WHERE rowid = ?");
        u.bind(1, text);
        u.bind(2, rowid);
        u.exec();
    }
}

struct AppPersonal {
    std::int64_t id = 0;
    std::string name, phone, received_by;
    std::int64_t registered_ms = 0;
    std::optional<std::int64_t> ticket_id, pickup_ticket_id;
};

std::optional<AppPersonal> load_application(StoreTransaction& tx, std::int64_t id) {
    auto& q = tx.sql(
        "SELECT id, applicant_name, phone, COALESCE(received_by, ''), registered_ms, ticket_id, "
        "pickup_ticket_id FROM applications WHERE id = ?");
    q.bind(1, id);
    if (!q.executeStep())
        return std::nullopt;
    AppPersonal a;
    a.id = q.getColumn(0).getInt64();
    a.name = q.getColumn(1).getString();
    a.phone = q.getColumn(2).getString();
    a.received_by = q.getColumn(3).getString();
    a.registered_ms = q.getColumn(4).getInt64();
    a.ticket_id = nullable_int64(q.getColumn(5));
    a.pickup_ticket_id = nullable_int64(q.getColumn(6));
    q.reset();
    return a;
}

// The application's events and its tickets' events, scrubbed of the needles.
int scrub_application_events(StoreTransaction& tx, const AppPersonal& a,
                             const std::vector<std::string>& needles) {
    int n = scrub_events(tx, "application.", "$.application.id", a.id, a.registered_ms - kDayMs,
                         INT64_MAX, needles);
    for (const auto& ticket : {a.ticket_id, a.pickup_ticket_id}) {
        if (!ticket)
            continue;
        auto& q = tx.sql("SELECT issued_ms FROM tickets WHERE id = ?");
        q.bind(1, *ticket);
        if (!q.executeStep())
            continue;
        const std::int64_t issued = q.getColumn(0).getInt64();
        q.reset();
        scrub_column(tx, "tickets", "note", "id = ?", *ticket, needles);
        n += scrub_events(tx, "ticket.", "$.ticket.id", *ticket, issued, issued + kTicketSpanMs,
                          needles);
    }
    return n;
}

// Names, phone and receiver replaced; notes and events scrubbed of them.
void anonymise_application(StoreTransaction& tx, const AppPersonal& a, AnonymiseCounts& counts) {
    const std::vector<std::string> needles = {a.name, a.phone, a.received_by};
    for (const char* column : {"note", "needed"})
        scrub_column(tx, "applications", column, "id = ?", a.id, needles);
    scrub_column(tx, "application_steps", "note", "application_id = ?", a.id, needles);
    scrub_column(tx, "application_pauses", "note", "application_id = ?", a.id, needles);
    auto& u = tx.sql(
        "UPDATE applications SET applicant_name = ?, phone = '', received_by = CASE WHEN "
        "received_by IS NULL THEN NULL ELSE ? END, personal_erased_ms = ? WHERE id = ?");
    u.bind(1, kErasedMarker);
    u.bind(2, kErasedMarker);
    u.bind(3, ms(tx.now()));
    u.bind(4, a.id);
    u.exec();
    counts.events += scrub_application_events(tx, a, needles);
    ++counts.applications;
}

struct ComplaintPersonal {
    std::int64_t id = 0;
    std::string name, contact;
    std::int64_t received_ms = 0;
};

std::optional<ComplaintPersonal> load_complaint(StoreTransaction& tx, std::int64_t id) {
    auto& q = tx.sql(
        "SELECT id, COALESCE(name, ''), COALESCE(contact, ''), received_ms FROM complaints WHERE "
        "id = ?");
    q.bind(1, id);
    if (!q.executeStep())
        return std::nullopt;
    ComplaintPersonal c{q.getColumn(0).getInt64(), q.getColumn(1).getString(),
                        q.getColumn(2).getString(), q.getColumn(3).getInt64()};
    q.reset();
    return c;
}

void anonymise_complaint(StoreTransaction& tx, const ComplaintPersonal& c,
                         AnonymiseCounts& counts) {
    const std::vector<std::string> needles = {c.name, c.contact};
    for (const char* column : {"text", "reply", "rejection_reason"})
        scrub_column(tx, "complaints", column, "id = ?", c.id, needles);
    scrub_column(tx, "complaint_notes", "text", "complaint_id = ?", c.id, needles);
    auto& u = tx.sql(
        "UPDATE complaints SET name = NULL, contact = NULL, personal_erased = 1 WHERE id = ?");
    u.bind(1, c.id);
    u.exec();
    counts.events +=
        scrub_events(tx, "complaint.", "$.complaint.id", c.id, c.received_ms, INT64_MAX, needles);
    ++counts.complaints;
}
}  // namespace

void privacy_detail::log_privacy(StoreTransaction& tx, const std::string& user,
                                 const std::string& action, const std::string& kind,
                                 std::int64_t id, const std::string& fields, const json& detail) {
    auto& q = tx.sql(
        "INSERT INTO privacy_log (at_ms, user_name, action, record_kind, record_id, fields, "
        "detail) VALUES (?, ?, ?, ?, ?, ?, ?)");
    q.bind(1, ms(tx.now()));
    q.bind(2, user);
    q.bind(3, action);
    kind.empty() ? q.bind(4) : q.bind(4, kind);
    id > 0 ? q.bind(5, id) : q.bind(5);
    q.bind(6, fields);
    q.bind(7, detail.dump());
    q.exec();
}

json AnonymiseCounts::to_json() const {
    return {{"application_phones", application_phones},
            {"applications", applications},
            {"complaints", complaints},
            {"events", events}};
}

AnonymiseCounts PrivacyStore::anonymise_expired(TimePoint now) {
    AnonymiseCounts counts;
    queue_.run_write(now, [&](StoreTransaction& tx) {
        counts = {};
        const PrivacySettings& p = tx.config().privacy;
        const std::int64_t now_ms = ms(now);

        // Phones: kept to give news of the file; erased once it was completed this long ago.
        std::vector<std::int64_t> ids;
        auto& phones = tx.sql(
            "SELECT id FROM applications WHERE phone <> '' AND COALESCE(completed_ms, "
            "picked_up_ms) <= ?");
        phones.bind(1, now_ms - std::int64_t{p.application_phone_days} * kDayMs);
        while (phones.executeStep())
            ids.push_back(phones.getColumn(0).getInt64());
        phones.reset();
        for (const std::int64_t id : ids) {
            const auto a = load_application(tx, id);
            const std::vector<std::string> needles = {a->phone};
            scrub_column(tx, "applications", "note", "id = ?", id, needles);
            scrub_column(tx, "application_steps", "note", "application_id = ?", id, needles);
            auto& u = tx.sql("UPDATE applications SET phone = '' WHERE id = ?");
            u.bind(1, id);
            u.exec();
            counts.events += scrub_application_events(tx, *a, needles);
            ++counts.application_phones;
        }

        // Names: the applicant's and the receiver's, this long after pickup.
        ids.clear();
        auto& names = tx.sql(
            "SELECT id FROM applications WHERE personal_erased_ms IS NULL AND picked_up_ms <= ?");
        names.bind(1, now_ms - std::int64_t{p.application_name_days} * kDayMs);
        while (names.executeStep())
            ids.push_back(names.getColumn(0).getInt64());
        names.reset();
        for (const std::int64_t id : ids)
            anonymise_application(tx, *load_application(tx, id), counts);

        // Complaints: name and contact this long after closing.
        ids.clear();
        auto& closed = tx.sql(
            "SELECT id FROM complaints WHERE (name IS NOT NULL OR contact IS NOT NULL) AND "
            "closed_ms <= ?");
        closed.bind(1, now_ms - std::int64_t{p.complaint_contact_days} * kDayMs);
        while (closed.executeStep())
            ids.push_back(closed.getColumn(0).getInt64());
        closed.reset();
        for (const std::int64_t id : ids)
            anonymise_complaint(tx, *load_complaint(tx, id), counts);

        if (counts.total() > 0) {
            json detail = counts.to_json();
            detail["retention"] = {{"application_phone_days", p.application_phone_days},
                                   {"application_name_days", p.application_name_days},
                                   {"complaint_contact_days", p.complaint_contact_days}};
            log_privacy(tx, "system", "anonymise", "", 0, "", detail);
        }
    });
    return counts;
}

AnonymiseCounts PrivacyStore::erase_records(const std::vector<PersonRecord>& records,
                                            const std::string& user, const std::string& reason,
                                            TimePoint now) {
    AnonymiseCounts counts;
    queue_.run_write(now, [&](StoreTransaction& tx) {
        counts = {};
        for (const PersonRecord& r : records) {
            if (r.kind == "application") {
                const auto a = load_application(tx, r.id);
                if (!a)
                    throw QueueError("not_found", "no application " + std::to_string(r.id));
                anonymise_application(tx, *a, counts);
            } else {
                const auto c = load_complaint(tx, r.id);
                if (!c)
                    throw QueueError("not_found", "no complaint " + std::to_string(r.id));
                anonymise_complaint(tx, *c, counts);
            }
            log_privacy(tx, user, "erase", r.kind, r.id,
                        r.kind == "application" ? kApplicationFields : kComplaintFields,
                        {{"reason", reason}});
        }
    });
    return counts;
}

}  // namespace loket
