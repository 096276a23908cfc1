#include "loket/privacy_store.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <cctype>

namespace loket {

using nlohmann::json;

namespace {

constexpr std::int64_t kDayMs = 24LL * 60 * 60 * 1000;
// Tickets live one office day: their events fall within two days of the issue.
constexpr std::int64_t kTicketSpanMs = 2 * kDayMs;

std::int64_t ms(TimePoint t) {
    return static_cast<std::int64_t>(to_millis(t));
}

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

std::optional<std::int64_t> opt_int(const SQLite::Column& c) {
    return c.isNull() ? std::nullopt : std::optional<std::int64_t>(c.getInt64());
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
    a.ticket_id = opt_int(q.getColumn(5));
    a.pickup_ticket_id = opt_int(q.getColumn(6));
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

void log_privacy(StoreTransaction& tx, const std::string& user, const std::string& action,
                 const std::string& kind, std::int64_t id, const std::string& fields,
                 const json& detail) {
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

constexpr const char* kApplicationFields = "applicant_name,phone,received_by";
constexpr const char* kComplaintFields = "name,contact";

std::string digits_of(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (c >= '0' && c <= '9')
            out += c;
    }
    // +62 812... and 0812... are one number.
    if (out.rfind("62", 0) == 0)
        out = "0" + out.substr(2);
    return out;
}

json time_or_null(const SQLite::Column& c) {
    return c.isNull() ? json(nullptr) : json(c.getInt64());
}

json text_or_null(const SQLite::Column& c) {
    return c.isNull() ? json(nullptr) : json(c.getString());
}

// Who on the staff read the record's personal data, when and why: `select` reads user_name,
// purpose and at_ms of one record's access log, the record's id bound to its one parameter.
json access_reads(StoreTransaction& tx, const char* select, std::int64_t id) {
    json reads = json::array();
    auto& r = tx.sql(select);
    r.bind(1, id);
    while (r.executeStep()) {
        reads.push_back({{"user", r.getColumn(0).getString()},
                         {"purpose", r.getColumn(1).getString()},
                         {"at", r.getColumn(2).getInt64()}});
    }
    r.reset();
    return reads;
}

json application_export(StoreTransaction& tx, std::int64_t id) {
    auto& q = tx.sql(
        "SELECT number, permit_id, permit_name, applicant_type, by_proxy, applicant_name, "
        "business_name, phone, phone_consent_text, phone_consent_ms, registered_ms, registered_by, "
        "state, outcome, completed_ms, picked_up_ms, received_by, note, personal_erased_ms FROM "
        "applications WHERE id = ?");
    q.bind(1, id);
    if (!q.executeStep())
        throw QueueError("not_found", "no application " + std::to_string(id));
    json out = {
        {"kind", "application"},
        {"id", id},
        {"number", q.getColumn(0).getString()},
        {"permit", {{"id", q.getColumn(1).getString()}, {"name", q.getColumn(2).getString()}}},
        {"applicant_type", q.getColumn(3).getString()},
        {"by_proxy", q.getColumn(4).getInt() != 0},
        {"applicant_name", q.getColumn(5).getString()},
        {"business_name", q.getColumn(6).getString()},
        {"phone",
         q.getColumn(7).getString().empty() ? json(nullptr) : json(q.getColumn(7).getString())},
        {"phone_consent", q.getColumn(9).isNull() ? json(nullptr)
                                                  : json{{"text", q.getColumn(8).getString()},
                                                         {"at", q.getColumn(9).getInt64()}}},
        {"registered_at", q.getColumn(10).getInt64()},
        {"registered_by", q.getColumn(11).getString()},
        {"state", q.getColumn(12).getString()},
        {"outcome", text_or_null(q.getColumn(13))},
        {"completed_at", time_or_null(q.getColumn(14))},
        {"picked_up_at", time_or_null(q.getColumn(15))},
        {"received_by", text_or_null(q.getColumn(16))},
        {"note", q.getColumn(17).getString()},
        {"erased_at", time_or_null(q.getColumn(18))}};
    q.reset();
    out["reads"] = access_reads(tx,
                                "SELECT user_name, purpose, at_ms FROM personal_data_access WHERE "
                                "application_id = ? ORDER BY id",
                                id);
    return out;
}

json complaint_export(StoreTransaction& tx, std::int64_t id) {
    auto& q = tx.sql(
        "SELECT tracking_number, category, channel, text, name, contact, consent_version, "
        "consent_ms, state, received_on, closed_on, reply, personal_erased FROM complaints WHERE "
        "id = ?");
    q.bind(1, id);
    if (!q.executeStep())
        throw QueueError("not_found", "no complaint " + std::to_string(id));
    json out = {{"kind", "complaint"},
                {"id", id},
                {"tracking_number", q.getColumn(0).getString()},
                {"category", q.getColumn(1).getString()},
                {"channel", q.getColumn(2).getString()},
                {"text", q.getColumn(3).getString()},
                {"name", text_or_null(q.getColumn(4))},
                {"contact", text_or_null(q.getColumn(5))},
                {"consent", q.getColumn(6).isNull() ? json(nullptr)
                                                    : json{{"version", q.getColumn(6).getString()},
                                                           {"at", q.getColumn(7).getInt64()}}},
                {"state", q.getColumn(8).getString()},
                {"received_on", q.getColumn(9).getString()},
                {"closed_on", text_or_null(q.getColumn(10))},
                {"reply", text_or_null(q.getColumn(11))},
                {"erased", q.getColumn(12).getInt() != 0}};
    q.reset();
    out["reads"] = access_reads(tx,
                                "SELECT user_name, purpose, at_ms FROM "
                                "complaint_personal_data_access WHERE complaint_id = ? ORDER BY id",
                                id);
    return out;
}

}  // namespace

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

json PrivacyStore::search(const std::string& by, const std::string& value, const std::string& user,
                          TimePoint now) {
    json records = json::array();
    queue_.run_write(now, [&](StoreTransaction& tx) {
        records = json::array();
        std::string app_where, complaint_where, bound = value;
        if (by == "phone") {
            bound = digits_of(value);
            // The stored numbers as typed: compared by their digits ("+62" read as "0").
            const auto digits = [](const std::string& column) {
                const std::string d =
                    "replace(replace(replace(replace(replace(replace(" + column +
                    ", ' ', ''), '-', ''), '+', ''), '(', ''), ')', ''), '.', '')";
                return "(CASE WHEN substr(" + d + ", 1, 2) = '62' THEN '0' || substr(" + d +
                       ", 3) ELSE " + d + " END)";
            };
            app_where = "phone <> '' AND " + digits("phone") + " = ?1";
            complaint_where = "contact IS NOT NULL AND " + digits("contact") + " = ?1";
        } else if (by == "name") {
            bound = "%" + value + "%";
            app_where = "(applicant_name LIKE ?1 OR received_by LIKE ?1)";
            complaint_where = "name LIKE ?1";
        } else if (by == "application") {
            app_where = "number = ?1";
        } else {  // complaint
            std::string t;
            for (char c : value) {
                if (c != '-' && c != ' ')
                    t += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
            }
            bound = t.rfind("ADU", 0) == 0 ? t : "ADU" + t;
            complaint_where = "replace(tracking_number, '-', '') = ?1";
        }
        if (!app_where.empty()) {
            auto& q = tx.sql(
                "SELECT id, number, applicant_name, phone, COALESCE(received_by, ''), state, "
                "registered_ms, personal_erased_ms FROM applications WHERE " +
                app_where + " ORDER BY id DESC LIMIT 100");
            q.bind(1, bound);
            while (q.executeStep()) {
                records.push_back({{"kind", "application"},
                                   {"id", q.getColumn(0).getInt64()},
                                   {"number", q.getColumn(1).getString()},
                                   {"name", q.getColumn(2).getString()},
                                   {"phone", q.getColumn(3).getString().empty()
                                                 ? json(nullptr)
                                                 : json(q.getColumn(3).getString())},
                                   {"received_by", q.getColumn(4).getString().empty()
                                                       ? json(nullptr)
                                                       : json(q.getColumn(4).getString())},
                                   {"state", q.getColumn(5).getString()},
                                   {"at", q.getColumn(6).getInt64()},
                                   {"erased", !q.getColumn(7).isNull()}});
            }
            q.reset();
        }
        if (!complaint_where.empty()) {
            auto& q = tx.sql(
                "SELECT id, tracking_number, name, contact, state, received_ms, personal_erased "
                "FROM complaints WHERE " +
                complaint_where + " ORDER BY id DESC LIMIT 100");
            q.bind(1, bound);
            while (q.executeStep()) {
                const auto text_or_null = [](const SQLite::Column& c) {
                    return c.isNull() ? json(nullptr) : json(c.getString());
                };
                records.push_back({{"kind", "complaint"},
                                   {"id", q.getColumn(0).getInt64()},
                                   {"number", q.getColumn(1).getString()},
                                   {"name", text_or_null(q.getColumn(2))},
                                   {"phone", text_or_null(q.getColumn(3))},
                                   {"received_by", nullptr},
                                   {"state", q.getColumn(4).getString()},
                                   {"at", q.getColumn(5).getInt64()},
                                   {"erased", q.getColumn(6).getInt() != 0}});
            }
            q.reset();
        }
        if (records.size() > 100)
            records.erase(records.begin() + 100, records.end());
        for (const json& r : records) {
            const std::string kind = r["kind"].get<std::string>();
            log_privacy(tx, user, "search", kind, r["id"].get<std::int64_t>(),
                        kind == "application" ? kApplicationFields : kComplaintFields,
                        {{"by", by}});
        }
    });
    return records;
}

json PrivacyStore::export_records(const std::vector<PersonRecord>& records, const std::string& user,
                                  TimePoint now) {
    json out = json::array();
    queue_.run_write(now, [&](StoreTransaction& tx) {
        out = json::array();
        for (const PersonRecord& r : records) {
            const bool app = r.kind == "application";
            out.push_back(app ? application_export(tx, r.id) : complaint_export(tx, r.id));
            log_privacy(tx, user, "export", r.kind, r.id,
                        app ? kApplicationFields : kComplaintFields, json::object());
        }
    });
    return {{"exported_at", ms(now)}, {"exported_by", user}, {"records", out}};
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

json PrivacyStore::access_log(const AccessLogQuery& query, TimePoint now) const {
    json out;
    queue_.run_read(now, [&](StoreTransaction& tx) {
        // The two per-record logs of reads (migrations 5 and 8) and the privacy log, as one.
        const std::string rows =
            "SELECT p.at_ms AS at_ms, p.user_name AS user_name, 'read' AS action, p.purpose AS "
            "detail, 'application' AS kind, p.application_id AS record_id, CASE p.purpose WHEN "
            "'details' THEN 'applicant_name,phone,received_by' WHEN 'registration' THEN "
            "'applicant_name,phone' ELSE 'applicant_name' END AS fields, a.number AS number "
            "FROM personal_data_access p JOIN applications a ON a.id = p.application_id "
            "UNION ALL SELECT c.at_ms, c.user_name, 'read', c.purpose, 'complaint', "
            "c.complaint_id, 'name,contact', k.tracking_number FROM "
            "complaint_personal_data_access c JOIN complaints k ON k.id = c.complaint_id "
            "UNION ALL SELECT l.at_ms, l.user_name, l.action, l.detail, l.record_kind, "
            "l.record_id, l.fields, COALESCE(a.number, k.tracking_number) FROM privacy_log l "
            "LEFT JOIN applications a ON l.record_kind = 'application' AND a.id = l.record_id "
            "LEFT JOIN complaints k ON l.record_kind = 'complaint' AND k.id = l.record_id";
        const std::string where =
            " WHERE (?1 = '' OR user_name = ?1) AND (?2 = '' OR kind = ?2) AND (?3 = '' OR "
            "action = ?3) AND (?4 = '' OR number = ?4) AND at_ms >= ?5 AND at_ms < ?6";
        const auto bind = [&](SQLite::Statement& q) {
            q.bind(1, query.user);
            q.bind(2, query.kind);
            q.bind(3, query.action);
            q.bind(4, query.number);
            q.bind(5, query.from_ms);
            q.bind(6, query.to_ms);
        };
        auto& count = tx.sql("SELECT COUNT(*) FROM (" + rows + ")" + where);
        bind(count);
        count.executeStep();
        const std::int64_t total = count.getColumn(0).getInt64();
        count.reset();
        auto& q = tx.sql(
            "SELECT at_ms, user_name, action, detail, kind, record_id, fields, number "
            "FROM (" +
            rows + ")" + where + " ORDER BY at_ms DESC LIMIT ?7 OFFSET ?8");
        bind(q);
        q.bind(7, query.per_page);
        q.bind(8, static_cast<std::int64_t>(query.page - 1) * query.per_page);
        json entries = json::array();
        while (q.executeStep()) {
            const std::string fields = q.getColumn(6).getString();
            json list = json::array();
            for (std::size_t from = 0; from < fields.size();) {
                const auto comma = fields.find(',', from);
                list.push_back(fields.substr(
                    from, comma == std::string::npos ? std::string::npos : comma - from));
                if (comma == std::string::npos)
                    break;
                from = comma + 1;
            }
            entries.push_back(
                {{"at", q.getColumn(0).getInt64()},
                 {"user", q.getColumn(1).getString()},
                 {"action", q.getColumn(2).getString()},
                 {"detail", q.getColumn(3).getString()},
                 {"kind",
                  q.getColumn(4).isNull() ? json(nullptr) : json(q.getColumn(4).getString())},
                 {"record_id", time_or_null(q.getColumn(5))},
                 {"number",
                  q.getColumn(7).isNull() ? json(nullptr) : json(q.getColumn(7).getString())},
                 {"fields", list}});
        }
        q.reset();
        out = {{"entries", entries},
               {"total", total},
               {"page", query.page},
               {"per_page", query.per_page}};
    });
    return out;
}

}  // namespace loket
