// Complaints for staff: the list, details, state changes, assignment and notes, the CSV export,
// the monthly summary, the reminder sweep and who read personal data.
#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>

#include "complaint_store_internal.hpp"
#include "loket/complaint_wire.hpp"
#include "loket/event_names.hpp"

namespace loket {

using namespace complaint_store_detail;

std::vector<Summary> ComplaintStore::list(const ComplaintFilter& filter,
                                          const ComplaintViewer& viewer, TimePoint now) const {
    std::vector<Summary> out;
    queue_.run_read(now, [&](StoreTransaction& tx) {
        const auto today = today_of(tx);
        std::string where = " WHERE 1";
        if (filter.state)
            where += " AND state = ?1";
        if (!filter.category.empty())
            where += " AND category = ?2";
        if (filter.assigned_to_me || !viewer.supervisor)
            where += " AND assignee = ?3";
        if (filter.overdue_only)
            where += " AND state NOT IN ('selesai', 'ditolak') AND due_on < ?4";
        auto& q = tx.sql(std::string("SELECT ") + kColumns + " FROM complaints" + where +
                         " ORDER BY due_on, id");
        if (filter.state)
            q.bind(1, std::string(to_string(*filter.state)));
        if (!filter.category.empty())
            q.bind(2, filter.category);
        if (filter.assigned_to_me || !viewer.supervisor)
            q.bind(3, viewer.name);
        if (filter.overdue_only)
            q.bind(4, format_date_iso(today));
        while (q.executeStep()) {
            const Row r = read_row(q);
            Summary summary = summary_of(r, today);
            summary.excerpt = excerpt_of(r.text);
            out.push_back(std::move(summary));
        }
    });
    return out;
}

Detail ComplaintStore::detail(std::int64_t id, const ComplaintViewer& viewer, TimePoint now) {
    Detail out;
    queue_.run_write(now, [&](StoreTransaction& tx) {
        const Row r = visible_row(tx, id, viewer);
        out = detail_of(tx, r);
        if (r.name || r.contact) {
            auto& q = tx.sql(
                "INSERT INTO complaint_personal_data_access (complaint_id, user_name, purpose, "
                "at_ms) VALUES (?, ?, 'complaint_detail', ?)");
            q.bind(1, id);
            q.bind(2, viewer.name);
            q.bind(3, static_cast<std::int64_t>(to_millis(tx.now())));
            q.exec();
        }
    });
    return out;
}

Detail ComplaintStore::transition(std::int64_t id, const TransitionRequest& request,
                                  const ComplaintViewer& viewer, TimePoint now) {
    Detail out;
    queue_.run_write(now, [&](StoreTransaction& tx) {
        Row r = visible_row(tx, id, viewer);
        if (!transition_allowed(r.state, request.to)) {
            throw QueueError("invalid_transition",
                             "a complaint cannot go from " + std::string(to_string(r.state)) +
                                 " to " + std::string(to_string(request.to)),
                             {{"from", to_string(r.state)}, {"to", to_string(request.to)}});
        }
        r.state = request.to;
        const std::string today = format_date_iso(today_of(tx));
        if (is_final(r.state)) {
            r.closed_on = today;
            if (r.state == State::Selesai)
                r.reply = request.reply;
            else
                r.rejection_reason = request.reason;
        }
        auto& q = tx.sql(
            "UPDATE complaints SET state = ?, closed_on = ?, closed_ms = ?, reply = ?, "
            "rejection_reason = ? WHERE id = ?");
        q.bind(1, std::string(to_string(r.state)));
        r.closed_on ? q.bind(2, *r.closed_on) : q.bind(2);
        r.closed_on ? q.bind(3, static_cast<std::int64_t>(to_millis(tx.now()))) : q.bind(3);
        r.reply ? q.bind(4, *r.reply) : q.bind(4);
        r.rejection_reason ? q.bind(5, *r.rejection_reason) : q.bind(5);
        q.bind(6, id);
        q.exec();
        add_history(tx, id, r.state, viewer.name);
        record_changed(tx, r, "state", viewer.name);
        out = detail_of(tx, r);
    });
    return out;
}

Detail ComplaintStore::assign(std::int64_t id, const std::string& username,
                              const ComplaintViewer& viewer, TimePoint now) {
    Detail out;
    queue_.run_write(now, [&](StoreTransaction& tx) {
        Row r = visible_row(tx, id, viewer);
        auto& u = tx.sql("SELECT 1 FROM users WHERE name = ? AND disabled = 0");
        u.bind(1, username);
        if (!u.executeStep()) {
            throw ComplaintInputError("request body", "username", "names no enabled account",
                                      "bukan akun yang aktif", "unknown_user");
        }
        u.reset();
        auto& q = tx.sql("UPDATE complaints SET assignee = ? WHERE id = ?");
        q.bind(1, username);
        q.bind(2, id);
        q.exec();
        r.assignee = username;
        record_changed(tx, r, "assigned", viewer.name);
        out = detail_of(tx, r);
    });
    return out;
}

Detail ComplaintStore::add_note(std::int64_t id, const std::string& text,
                                const ComplaintViewer& viewer, TimePoint now) {
    Detail out;
    queue_.run_write(now, [&](StoreTransaction& tx) {
        const Row r = visible_row(tx, id, viewer);
        auto& q = tx.sql(
            "INSERT INTO complaint_notes (complaint_id, staff, at_ms, text) VALUES (?, ?, ?, ?)");
        q.bind(1, id);
        q.bind(2, viewer.name);
        q.bind(3, static_cast<std::int64_t>(to_millis(tx.now())));
        q.bind(4, text);
        q.exec();
        record_changed(tx, r, "note", viewer.name);
        out = detail_of(tx, r);
    });
    return out;
}

std::string ComplaintStore::export_csv(const std::string& from, const std::string& to,
                                       TimePoint now) const {
    std::vector<ExportRow> rows;
    std::string office;
    queue_.run_read(now, [&](StoreTransaction& tx) {
        office = tx.config().name;
        auto& q = tx.sql(std::string("SELECT ") + kColumns +
                         " FROM complaints WHERE received_on BETWEEN ? AND ? ORDER BY id");
        q.bind(1, from);
        q.bind(2, to);
        while (q.executeStep()) {
            const Row r = read_row(q);
            rows.push_back({r.tracking_number, r.received_on, r.category, r.text, r.channel,
                            r.anonymous, r.state, r.closed_on.value_or(""),
                            r.reply ? *r.reply : r.rejection_reason.value_or("")});
        }
    });
    return lapor_csv(rows, office);
}

MonthSummary ComplaintStore::summary(const std::string& month, TimePoint now) const {
    MonthSummary out;
    queue_.run_read(now, [&](StoreTransaction& tx) {
        const std::string today = format_date_iso(today_of(tx));
        const std::string like = month + "-%";
        const auto count = [&](const std::string& sql, bool with_month, bool with_today) {
            auto& q = tx.sql(sql);
            int i = 1;
            if (with_month)
                q.bind(i++, like);
            if (with_today)
                q.bind(i++, today);
            q.executeStep();
            const std::int64_t n = q.getColumn(0).getInt64();
            q.reset();
            return n;
        };
        const auto received =
            count("SELECT COUNT(*) FROM complaints WHERE received_on LIKE ?", true, false);
        const auto closed =
            count("SELECT COUNT(*) FROM complaints WHERE closed_on LIKE ?", true, false);
        const auto on_time =
            count("SELECT COUNT(*) FROM complaints WHERE closed_on LIKE ? AND closed_on <= due_on",
                  true, false);
        const auto open =
            count("SELECT COUNT(*) FROM complaints WHERE state NOT IN ('selesai', 'ditolak')",
                  false, false);
        const auto overdue = count(
            "SELECT COUNT(*) FROM complaints WHERE state NOT IN ('selesai', 'ditolak') AND "
            "due_on < ?",
            false, true);
        out = {month, received, closed, on_time, open, overdue};
    });
    return out;
}

int ComplaintStore::sweep(TimePoint now) {
    int recorded = 0;
    queue_.run_write(now, [&](StoreTransaction& tx) {
        const auto today = today_of(tx);
        std::vector<Row> open;
        {
            auto& q = tx.sql(std::string("SELECT ") + kColumns +
                             " FROM complaints WHERE state NOT IN ('selesai', 'ditolak') AND "
                             "NOT reminded_overdue");
            while (q.executeStep())
                open.push_back(read_row(q));
        }
        for (const Row& r : open) {
            const auto kind = reminder_due(date_of(r.due_on), today);
            if (!kind)
                continue;
            const int k = static_cast<int>(*kind);
            if (r.reminded[k])
                continue;
            // A kind reached late (the server was off) also marks the less urgent ones sent.
            auto& u = tx.sql(
                "UPDATE complaints SET reminded_14 = 1, reminded_7 = ?, reminded_overdue = ? "
                "WHERE id = ?");
            u.bind(1, k >= 1 ? 1 : 0);
            u.bind(2, k >= 2 ? 1 : 0);
            u.bind(3, r.id);
            u.exec();
            tx.record(protocol::event::complaint_due_soon,
                      protocol::complaint_due_soon_payload(summary_of(r, today), *kind));
            ++recorded;
        }
        const std::int64_t now_ms = to_millis(tx.now());
        // Name and contact past their retention go in the daily anonymisation (PrivacyStore),
        // which also clears them from the text, the notes and the events.
        auto& forget = tx.sql(
            "UPDATE complaints SET source_address = NULL, source_device = NULL WHERE "
            "received_ms <= ? AND (source_address IS NOT NULL OR source_device IS NOT NULL)");
        forget.bind(1, now_ms - kDayMs);
        forget.exec();
    });
    return recorded;
}

std::vector<AccessRecord> ComplaintStore::personal_data_access(std::int64_t id) const {
    std::vector<AccessRecord> out;
    queue_.run_read(now_utc(), [&](StoreTransaction& tx) {
        auto& q = tx.sql(
            "SELECT user_name, purpose, at_ms FROM complaint_personal_data_access WHERE "
            "complaint_id = ? ORDER BY id");
        q.bind(1, id);
        while (q.executeStep()) {
            out.push_back({q.getColumn(0).getString(), q.getColumn(1).getString(),
                           q.getColumn(2).getInt64()});
        }
    });
    return out;
}

}  // namespace loket
