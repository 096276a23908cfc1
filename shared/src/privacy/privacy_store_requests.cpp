// Requests about personal data: searching for a person's records, exporting them, and the log of
// who read or changed personal data.
#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <cctype>

#include "privacy_store_internal.hpp"

namespace loket {

using namespace privacy_detail;

namespace {

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

namespace {

// What a search looks for: the WHERE clauses of applications and complaints (empty: that kind
// is not searched) and the one value bound to both.
struct SearchWhere {
    std::string app, complaint, bound;
};

SearchWhere search_where(const std::string& by, const std::string& value) {
    SearchWhere w;
    w.bound = value;
    if (by == "phone") {
        w.bound = digits_of(value);
        // The stored numbers as typed: compared by their digits ("+62" read as "0").
        const auto digits = [](const std::string& column) {
            const std::string d = "replace(replace(replace(replace(replace(replace(" + column +
                                  ", ' ', ''), '-', ''), '+', ''), '(', ''), ')', ''), '.', '')";
            return "(CASE WHEN substr(" + d + ", 1, 2) = '62' THEN '0' || substr(" + d +
                   ", 3) ELSE " + d + " END)";
        };
        w.app = "phone <> '' AND " + digits("phone") + " = ?1";
        w.complaint = "contact IS NOT NULL AND " + digits("contact") + " = ?1";
    } else if (by == "name") {
        w.bound = "%" + value + "%";
        w.app = "(applicant_name LIKE ?1 OR received_by LIKE ?1)";
        w.complaint = "name LIKE ?1";
    } else if (by == "application") {
        w.app = "number = ?1";
    } else {  // complaint
        std::string t;
        for (char c : value) {
            if (c != '-' && c != ' ')
                t += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        }
        w.bound = t.rfind("ADU", 0) == 0 ? t : "ADU" + t;
        w.complaint = "replace(tracking_number, '-', '') = ?1";
    }
    return w;
}

void find_applications(StoreTransaction& tx, const std::string& where, const std::string& bound,
                       json& records) {
    auto& q = tx.sql(
        "SELECT id, number, applicant_name, phone, COALESCE(received_by, ''), state, "
        "registered_ms, personal_erased_ms FROM applications WHERE " +
        where + " ORDER BY id DESC LIMIT 100");
    q.bind(1, bound);
    while (q.executeStep()) {
        records.push_back(
            {{"kind", "application"},
             {"id", q.getColumn(0).getInt64()},
             {"number", q.getColumn(1).getString()},
             {"name", q.getColumn(2).getString()},
             {"phone", q.getColumn(3).getString().empty() ? json(nullptr)
                                                          : json(q.getColumn(3).getString())},
             {"received_by", q.getColumn(4).getString().empty() ? json(nullptr)
                                                                : json(q.getColumn(4).getString())},
             {"state", q.getColumn(5).getString()},
             {"at", q.getColumn(6).getInt64()},
             {"erased", !q.getColumn(7).isNull()}});
    }
    q.reset();
}

void find_complaints(StoreTransaction& tx, const std::string& where, const std::string& bound,
                     json& records) {
    auto& q = tx.sql(
        "SELECT id, tracking_number, name, contact, state, received_ms, personal_erased "
        "FROM complaints WHERE " +
        where + " ORDER BY id DESC LIMIT 100");
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

}  // namespace

json PrivacyStore::search(const std::string& by, const std::string& value, const std::string& user,
                          TimePoint now) {
    json records = json::array();
    queue_.run_write(now, [&](StoreTransaction& tx) {
        records = json::array();
        const SearchWhere w = search_where(by, value);
        if (!w.app.empty())
            find_applications(tx, w.app, w.bound, records);
        if (!w.complaint.empty())
            find_complaints(tx, w.complaint, w.bound, records);
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
