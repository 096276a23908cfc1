#include "loket/complaint_store.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>

#include "loket/event_names.hpp"

namespace loket {

namespace {

using nlohmann::json;
using namespace complaint;

constexpr std::int64_t kMinuteMs = 60'000;
constexpr std::int64_t kDayMs = 24 * 60 * kMinuteMs;

constexpr const char* kColumns =
    "id, tracking_number, category, channel, text, name, contact, anonymous, state, "
    "received_on, due_on, closed_on, reply, rejection_reason, assignee, reminded_14, reminded_7, "
    "reminded_overdue";

struct Row {
    std::int64_t id = 0;
    std::string tracking_number, category, channel, text;
    std::optional<std::string> name, contact;
    bool anonymous = true;
    State state = State::Diterima;
    std::string received_on, due_on;
    std::optional<std::string> closed_on, reply, rejection_reason, assignee;
    bool reminded[3] = {false, false, false};
};

std::optional<std::string> opt(SQLite::Statement& q, int i) {
    if (q.getColumn(i).isNull())
        return std::nullopt;
    return q.getColumn(i).getString();
}

Row read_row(SQLite::Statement& q) {
    Row r;
    r.id = q.getColumn(0).getInt64();
    r.tracking_number = q.getColumn(1).getString();
    r.category = q.getColumn(2).getString();
    r.channel = q.getColumn(3).getString();
    r.text = q.getColumn(4).getString();
    r.name = opt(q, 5);
    r.contact = opt(q, 6);
    r.anonymous = q.getColumn(7).getInt() != 0;
    const auto state = parse_state(q.getColumn(8).getString());
    if (!state)
        throw StorageError("complaints holds an unknown state");
    r.state = *state;
    r.received_on = q.getColumn(9).getString();
    r.due_on = q.getColumn(10).getString();
    r.closed_on = opt(q, 11);
    r.reply = opt(q, 12);
    r.rejection_reason = opt(q, 13);
    r.assignee = opt(q, 14);
    for (int k = 0; k < 3; ++k)
        r.reminded[k] = q.getColumn(15 + k).getInt() != 0;
    return r;
}

std::optional<Row> row_by_id(StoreTransaction& tx, std::int64_t id) {
    auto& q = tx.sql(std::string("SELECT ") + kColumns + " FROM complaints WHERE id = ?");
    q.bind(1, id);
    if (!q.executeStep())
        return std::nullopt;
    return read_row(q);
}

std::chrono::year_month_day today_of(StoreTransaction& tx) {
    return to_local(tx.now(), tx.config().zone).date;
}

std::chrono::year_month_day date_of(const std::string& iso) {
    const auto d = parse_date_iso(iso);
    if (!d)
        throw StorageError("complaints holds a malformed date '" + iso + "'");
    return *d;
}

json label_json(const Label* label, const std::string& id) {
    if (!label)
        return {{"id", id}, {"name", id}, {"name_en", id}};
    return {{"id", label->id}, {"name", label->name}, {"name_en", label->name_en}};
}

json opt_json(const std::optional<std::string>& value) {
    return value ? json(*value) : json(nullptr);
}

// The summary the list and the events show: no text (the excerpt is added for staff lists),
// no name, no contact.
json summary_json(const Row& r, std::chrono::year_month_day today) {
    const int left = days_left(date_of(r.due_on), today);
    const bool open = !is_final(r.state);
    json assignee = nullptr;
    if (r.assignee)
        assignee = {{"username", *r.assignee}, {"name", *r.assignee}};
    return {{"id", r.id},
            {"tracking_number", r.tracking_number},
            {"category", label_json(find_category(r.category), r.category)},
            {"channel", r.channel},
            {"state", to_string(r.state)},
            {"received_on", r.received_on},
            {"due_on", r.due_on},
            {"closed_on", opt_json(r.closed_on)},
            {"days_left", open ? json(left) : json(nullptr)},
            {"overdue", open && left < 0},
            {"assignee", assignee},
            {"has_contact", r.contact.has_value()}};
}

// The first 140 code points of the text.
std::string excerpt_of(const std::string& text) {
    std::size_t count = 0, i = 0;
    while (i < text.size() && count < 140) {
        const auto c = static_cast<unsigned char>(text[i]);
        i += c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : 4;
        ++count;
    }
    return text.substr(0, std::min(i, text.size()));
}

json history_json(StoreTransaction& tx, std::int64_t id, bool with_staff) {
    json out = json::array();
    auto& q = tx.sql(
        "SELECT state, on_date, staff FROM complaint_history WHERE complaint_id = ? ORDER BY id");
    q.bind(1, id);
    while (q.executeStep()) {
        json entry = {{"state", q.getColumn(0).getString()}, {"on", q.getColumn(1).getString()}};
        if (with_staff) {
            entry["staff"] = q.getColumn(2).isNull() ? json(nullptr)
                                                     : json{{"name", q.getColumn(2).getString()}};
        }
        out.push_back(entry);
    }
    return out;
}

json detail_json(StoreTransaction& tx, const Row& r) {
    json out = summary_json(r, today_of(tx));
    out["excerpt"] = excerpt_of(r.text);
    out["text"] = r.text;
    out["name"] = opt_json(r.name);
    out["contact"] = opt_json(r.contact);
    out["reply"] = opt_json(r.reply);
    out["rejection_reason"] = opt_json(r.rejection_reason);
    json notes = json::array();
    auto& q =
        tx.sql("SELECT staff, at_ms, text FROM complaint_notes WHERE complaint_id = ? ORDER BY id");
    q.bind(1, r.id);
    while (q.executeStep()) {
        notes.push_back({{"staff", {{"name", q.getColumn(0).getString()}}},
                         {"at", q.getColumn(1).getInt64()},
                         {"text", q.getColumn(2).getString()}});
    }
    out["notes"] = notes;
    out["history"] = history_json(tx, r.id, true);
    return out;
}

void add_history(StoreTransaction& tx, std::int64_t id, State state,
                 const std::optional<std::string>& staff) {
    auto& q = tx.sql(
        "INSERT INTO complaint_history (complaint_id, state, on_date, at_ms, staff) VALUES "
        "(?, ?, ?, ?, ?)");
    q.bind(1, id);
    q.bind(2, std::string(to_string(state)));
    q.bind(3, format_date_iso(today_of(tx)));
    q.bind(4, static_cast<std::int64_t>(to_millis(tx.now())));
    if (staff)
        q.bind(5, *staff);
    else
        q.bind(5);
    q.exec();
}

void record_changed(StoreTransaction& tx, const Row& r, const char* change,
                    const std::string& staff) {
    tx.record(protocol::event::complaint_changed, {{"complaint", summary_json(r, today_of(tx))},
                                                   {"change", change},
                                                   {"staff", {{"name", staff}}}});
}

// Counts the sender's complaints since `window_ms` ago; when `limit` are there, the seconds
// until the oldest of them leaves the window.
std::optional<std::int64_t> wait_for(StoreTransaction& tx, const char* column,
                                     const std::string& who, std::int64_t window_ms, int limit) {
    auto& q = tx.sql(std::string("SELECT received_ms FROM complaints WHERE ") + column +
                     " = ? AND received_ms > ? ORDER BY received_ms DESC LIMIT 1 OFFSET ?");
    const std::int64_t now = to_millis(tx.now());
    q.bind(1, who);
    q.bind(2, now - window_ms);
    q.bind(3, limit - 1);
    if (!q.executeStep())
        return std::nullopt;
    const std::int64_t free_at = q.getColumn(0).getInt64() + window_ms;
    return std::max<std::int64_t>(1, (free_at - now + 999) / 1000);
}

void check_limits(StoreTransaction& tx, const ComplaintSender& sender,
                  const ComplaintLimits& limits) {
    std::optional<std::int64_t> wait;
    const auto worst = [&](std::optional<std::int64_t> w) {
        if (w && (!wait || *w > *wait))
            wait = w;
    };
    if (sender.kind == ComplaintSender::Kind::Web) {
        worst(wait_for(tx, "source_address", sender.address, 10 * kMinuteMs,
                       limits.web_per_10_minutes));
        worst(wait_for(tx, "source_address", sender.address, kDayMs, limits.web_per_day));
    } else if (sender.kind == ComplaintSender::Kind::Kiosk) {
        worst(wait_for(tx, "source_device", sender.device, kMinuteMs, limits.kiosk_per_minute));
        worst(wait_for(tx, "source_device", sender.device, kDayMs, limits.kiosk_per_day));
    }
    if (wait) {
        throw QueueError("rate_limited", "too many complaints from this sender; try again later",
                         {{"retry_after_seconds", *wait}});
    }
}

std::string scope_of(const ComplaintSender& sender) {
    switch (sender.kind) {
        case ComplaintSender::Kind::Web:
            return "web:" + sender.address;
        case ComplaintSender::Kind::Kiosk:
            return "kiosk:" + sender.device;
        case ComplaintSender::Kind::Staff:
            return "staff:" + sender.staff;
    }
    return "";
}

json receipt_json(const Row& r, bool replayed) {
    return {{"tracking_number", r.tracking_number},
            {"state", to_string(r.state)},
            {"received_on", r.received_on},
            {"due_on", r.due_on},
            {"status_path", "/pengaduan.html?lacak=" + r.tracking_number},
            {"replayed", replayed}};
}

// The complaint a viewer may act on; refused for an unknown id or someone else's complaint.
Row visible_row(StoreTransaction& tx, std::int64_t id, const ComplaintViewer& viewer) {
    auto row = row_by_id(tx, id);
    if (!row)
        throw QueueError("not_found", "no complaint " + std::to_string(id));
    if (!viewer.supervisor && row->assignee != viewer.name) {
        throw QueueError("not_your_duty",
                         "complaint " + std::to_string(id) + " is assigned to someone else");
    }
    return *row;
}

}  // namespace

json ComplaintStore::submit(const Submission& s, const ComplaintSender& sender,
                            const std::string& idempotency_key, TimePoint now) {
    const std::string scoped_key =
        idempotency_key.empty() ? "" : scope_of(sender) + ":" + idempotency_key;
    json out;
    queue_.run_write(now, [&](StoreTransaction& tx) {
        if (!scoped_key.empty()) {
            auto& q = tx.sql("SELECT complaint_id FROM complaint_idempotency WHERE scoped_key = ?");
            q.bind(1, scoped_key);
            if (q.executeStep()) {
                const std::int64_t id = q.getColumn(0).getInt64();
                q.reset();
                out = receipt_json(*row_by_id(tx, id), true);
                return;
            }
        }
        check_limits(tx, sender, limits_);
        std::optional<std::int64_t> ticket_id;
        if (!s.ticket_token.empty()) {
            auto& q = tx.sql("SELECT id FROM tickets WHERE status_token = ?");
            q.bind(1, s.ticket_token);
            if (!q.executeStep()) {
                throw ComplaintInputError("request body", "ticket_token", "names no ticket",
                                          "tidak menunjuk tiket mana pun", "not_found");
            }
            ticket_id = q.getColumn(0).getInt64();
        }
        Row r;
        r.category = s.category;
        r.channel = sender.kind == ComplaintSender::Kind::Staff   ? s.channel
                    : sender.kind == ComplaintSender::Kind::Kiosk ? "kiosk"
                                                                  : "web";
        r.text = s.text;
        r.name = s.name;
        r.contact = s.contact;
        r.anonymous = !s.name.has_value();
        const auto today = today_of(tx);
        r.received_on = format_date_iso(today);
        r.due_on = format_date_iso(due_on(today));
        // A new number until it is free: 40 random bits make a clash rare, never impossible.
        for (;;) {
            r.tracking_number = make_tracking_number();
            auto& q = tx.sql("SELECT 1 FROM complaints WHERE tracking_number = ?");
            q.bind(1, r.tracking_number);
            if (!q.executeStep())
                break;
        }
        auto& q = tx.sql(
            "INSERT INTO complaints (tracking_number, category, channel, text, name, contact, "
            "anonymous, ticket_id, state, received_on, due_on, received_ms, source_address, "
            "source_device) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'diterima', ?, ?, ?, ?, ?)");
        q.bind(1, r.tracking_number);
        q.bind(2, r.category);
        q.bind(3, r.channel);
        q.bind(4, r.text);
        r.name ? q.bind(5, *r.name) : q.bind(5);
        r.contact ? q.bind(6, *r.contact) : q.bind(6);
        q.bind(7, r.anonymous ? 1 : 0);
        ticket_id ? q.bind(8, *ticket_id) : q.bind(8);
        q.bind(9, r.received_on);
        q.bind(10, r.due_on);
        q.bind(11, static_cast<std::int64_t>(to_millis(tx.now())));
        sender.kind == ComplaintSender::Kind::Web ? q.bind(12, sender.address) : q.bind(12);
        sender.kind == ComplaintSender::Kind::Kiosk ? q.bind(13, sender.device) : q.bind(13);
        q.exec();
        r.id = tx.last_insert_id();
        if (r.name || r.contact) {
            // The consent text the sender was shown, by version (docs/privacy.md, "Consent"):
            // version 1 says the office's retention of the contact, 90 days unless its privacy
            // settings say otherwise ("pengaduan-web-1@30d").
            const int retention_days = tx.config().privacy.complaint_contact_days;
            auto& consent =
                tx.sql("UPDATE complaints SET consent_version = ?, consent_ms = ? WHERE id = ?");
            consent.bind(
                1,
                "pengaduan-" +
                    std::string(sender.kind == ComplaintSender::Kind::Staff ? "staf" : r.channel) +
                    "-1" +
                    (retention_days == 90 ? "" : "@" + std::to_string(retention_days) + "d"));
            consent.bind(2, static_cast<std::int64_t>(to_millis(tx.now())));
            consent.bind(3, r.id);
            consent.exec();
        }
        add_history(tx, r.id, State::Diterima,
                    sender.kind == ComplaintSender::Kind::Staff
                        ? std::optional<std::string>(sender.staff)
                        : std::nullopt);
        if (!scoped_key.empty()) {
            auto& k = tx.sql(
                "INSERT INTO complaint_idempotency (scoped_key, complaint_id) VALUES (?, ?)");
            k.bind(1, scoped_key);
            k.bind(2, r.id);
            k.exec();
        }
        tx.record(protocol::event::complaint_received, {{"complaint", summary_json(r, today)}});
        out = receipt_json(r, false);
    });
    return out;
}

json ComplaintStore::track(const std::string& tracking_number, TimePoint now) const {
    const auto number = normalise_tracking_number(tracking_number);
    if (!number)
        throw QueueError("not_found", "no complaint has this tracking number");
    json out;
    queue_.run_read(now, [&](StoreTransaction& tx) {
        auto& q = tx.sql(std::string("SELECT ") + kColumns +
                         " FROM complaints WHERE tracking_number = ?");
        q.bind(1, *number);
        if (!q.executeStep())
            throw QueueError("not_found", "no complaint has this tracking number");
        const Row r = read_row(q);
        q.reset();
        const Label state = state_label(r.state);
        out = {{"tracking_number", r.tracking_number},
               {"category", label_json(find_category(r.category), r.category)},
               {"text", r.text},
               {"state", state.id},
               {"state_name", state.name},
               {"state_name_en", state.name_en},
               {"received_on", r.received_on},
               {"due_on", r.due_on},
               {"closed_on", opt_json(r.closed_on)},
               {"reply", opt_json(r.reply)},
               {"rejection_reason", opt_json(r.rejection_reason)},
               {"history", history_json(tx, r.id, false)}};
    });
    return out;
}

json ComplaintStore::list(const ComplaintFilter& filter, const ComplaintViewer& viewer,
                          TimePoint now) const {
    json out = json::array();
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
            json summary = summary_json(r, today);
            summary["excerpt"] = excerpt_of(r.text);
            out.push_back(summary);
        }
    });
    return {{"complaints", out}};
}

json ComplaintStore::detail(std::int64_t id, const ComplaintViewer& viewer, TimePoint now) {
    json out;
    queue_.run_write(now, [&](StoreTransaction& tx) {
        const Row r = visible_row(tx, id, viewer);
        out = detail_json(tx, r);
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

json ComplaintStore::transition(std::int64_t id, const TransitionRequest& request,
                                const ComplaintViewer& viewer, TimePoint now) {
    json out;
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
        out = detail_json(tx, r);
    });
    return out;
}

json ComplaintStore::assign(std::int64_t id, const std::string& username,
                            const ComplaintViewer& viewer, TimePoint now) {
    json out;
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
        out = detail_json(tx, r);
    });
    return out;
}

json ComplaintStore::add_note(std::int64_t id, const std::string& text,
                              const ComplaintViewer& viewer, TimePoint now) {
    json out;
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
        out = detail_json(tx, r);
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

json ComplaintStore::summary(const std::string& month, TimePoint now) const {
    json out;
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
        out = {{"period", month},
               {"received", received},
               {"closed", closed},
               {"on_time", on_time},
               {"on_time_share",
                closed ? json(static_cast<double>(on_time) / static_cast<double>(closed))
                       : json(nullptr)},
               {"open", open},
               {"overdue_now", overdue}};
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
                      {{"complaint", summary_json(r, today)}, {"kind", to_string(*kind)}});
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

json ComplaintStore::personal_data_access(std::int64_t id) const {
    json out = json::array();
    queue_.run_read(now_utc(), [&](StoreTransaction& tx) {
        auto& q = tx.sql(
            "SELECT user_name, purpose, at_ms FROM complaint_personal_data_access WHERE "
            "complaint_id = ? ORDER BY id");
        q.bind(1, id);
        while (q.executeStep()) {
            out.push_back({{"user_name", q.getColumn(0).getString()},
                           {"purpose", q.getColumn(1).getString()},
                           {"at", q.getColumn(2).getInt64()}});
        }
    });
    return out;
}

}  // namespace loket
