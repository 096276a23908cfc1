// Complaints in: rows and the values they give back, submitting (limits, consent, idempotency) and
// tracking by number. The staff side: complaint_store_staff.cpp.
#include "loket/complaint_store.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>

#include "complaint_store_internal.hpp"
#include "loket/complaint_wire.hpp"
#include "loket/event_names.hpp"

namespace loket {

namespace complaint_store_detail {

Row read_row(SQLite::Statement& q) {
    Row r;
    r.id = q.getColumn(0).getInt64();
    r.tracking_number = q.getColumn(1).getString();
    r.category = q.getColumn(2).getString();
    r.channel = q.getColumn(3).getString();
    r.text = q.getColumn(4).getString();
    r.name = nullable_text(q.getColumn(5));
    r.contact = nullable_text(q.getColumn(6));
    r.anonymous = q.getColumn(7).getInt() != 0;
    const auto state = parse_state(q.getColumn(8).getString());
    if (!state)
        throw StorageError("complaints holds an unknown state");
    r.state = *state;
    r.received_on = q.getColumn(9).getString();
    r.due_on = q.getColumn(10).getString();
    r.closed_on = nullable_text(q.getColumn(11));
    r.reply = nullable_text(q.getColumn(12));
    r.rejection_reason = nullable_text(q.getColumn(13));
    r.assignee = nullable_text(q.getColumn(14));
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

Summary summary_of(const Row& r, std::chrono::year_month_day today) {
    const int left = days_left(date_of(r.due_on), today);
    const bool open = !is_final(r.state);
    Summary s;
    s.id = r.id;
    s.tracking_number = r.tracking_number;
    s.category = r.category;
    s.channel = r.channel;
    s.state = r.state;
    s.received_on = r.received_on;
    s.due_on = r.due_on;
    s.closed_on = r.closed_on;
    if (open)
        s.days_left = left;
    s.overdue = open && left < 0;
    s.assignee = r.assignee;
    s.has_contact = r.contact.has_value();
    return s;
}

std::string excerpt_of(const std::string& text) {
    std::size_t count = 0, i = 0;
    while (i < text.size() && count < 140) {
        const auto c = static_cast<unsigned char>(text[i]);
        i += c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : 4;
        ++count;
    }
    return text.substr(0, std::min(i, text.size()));
}

std::vector<HistoryEntry> history_of(StoreTransaction& tx, std::int64_t id) {
    std::vector<HistoryEntry> out;
    auto& q = tx.sql(
        "SELECT state, on_date, staff FROM complaint_history WHERE complaint_id = ? ORDER BY id");
    q.bind(1, id);
    while (q.executeStep()) {
        const auto state = parse_state(q.getColumn(0).getString());
        if (!state)
            throw StorageError("complaint_history holds an unknown state");
        out.push_back({*state, q.getColumn(1).getString(), nullable_text(q.getColumn(2))});
    }
    return out;
}

Detail detail_of(StoreTransaction& tx, const Row& r) {
    Detail d;
    d.summary = summary_of(r, today_of(tx));
    d.summary.excerpt = excerpt_of(r.text);
    d.text = r.text;
    d.name = r.name;
    d.contact = r.contact;
    d.reply = r.reply;
    d.rejection_reason = r.rejection_reason;
    auto& q =
        tx.sql("SELECT staff, at_ms, text FROM complaint_notes WHERE complaint_id = ? ORDER BY id");
    q.bind(1, r.id);
    while (q.executeStep()) {
        d.notes.push_back(
            {q.getColumn(0).getString(), q.getColumn(1).getInt64(), q.getColumn(2).getString()});
    }
    q.reset();
    d.history = history_of(tx, r.id);
    return d;
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
    tx.record(protocol::event::complaint_changed,
              protocol::complaint_changed_payload(summary_of(r, today_of(tx)), change, staff));
}

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

Receipt receipt_of(const Row& r, bool replayed) {
    return {r.tracking_number, r.state, r.received_on, r.due_on, replayed};
}

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

}  // namespace complaint_store_detail

using namespace complaint_store_detail;

namespace {

// The receipt of a retried submission, when its key was seen before.
std::optional<Receipt> replayed_receipt(StoreTransaction& tx, const std::string& scoped_key) {
    if (scoped_key.empty())
        return std::nullopt;
    auto& q = tx.sql("SELECT complaint_id FROM complaint_idempotency WHERE scoped_key = ?");
    q.bind(1, scoped_key);
    if (!q.executeStep())
        return std::nullopt;
    const std::int64_t id = q.getColumn(0).getInt64();
    q.reset();
    return receipt_of(*row_by_id(tx, id), true);
}

// The ticket the complaint names by its status token, if any.
std::optional<std::int64_t> ticket_of(StoreTransaction& tx, const std::string& ticket_token) {
    std::optional<std::int64_t> ticket_id;
    if (!ticket_token.empty()) {
        auto& q = tx.sql("SELECT id FROM tickets WHERE status_token = ?");
        q.bind(1, ticket_token);
        if (!q.executeStep()) {
            throw ComplaintInputError("request body", "ticket_token", "names no ticket",
                                      "tidak menunjuk tiket mana pun", "not_found");
        }
        ticket_id = q.getColumn(0).getInt64();
    }
    return ticket_id;
}

// The new complaint's row: received today, due by the rule, with a free tracking number.
Row new_row(StoreTransaction& tx, const Submission& s, const ComplaintSender& sender,
            std::chrono::year_month_day today) {
    Row r;
    r.category = s.category;
    r.channel = sender.kind == ComplaintSender::Kind::Staff   ? s.channel
                : sender.kind == ComplaintSender::Kind::Kiosk ? "kiosk"
                                                              : "web";
    r.text = s.text;
    r.name = s.name;
    r.contact = s.contact;
    r.anonymous = !s.name.has_value();
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
    return r;
}

std::int64_t insert_complaint(StoreTransaction& tx, const Row& r,
                              const std::optional<std::int64_t>& ticket_id,
                              const ComplaintSender& sender) {
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
    return tx.last_insert_id();
}

// The consent text the sender was shown, by version (docs/privacy.md, "Consent"): version 1
// says the office's retention of the contact, 90 days unless its privacy settings say
// otherwise ("pengaduan-web-1@30d").
void record_consent(StoreTransaction& tx, const Row& r, const ComplaintSender& sender) {
    const int retention_days = tx.config().privacy.complaint_contact_days;
    auto& consent =
        tx.sql("UPDATE complaints SET consent_version = ?, consent_ms = ? WHERE id = ?");
    consent.bind(
        1, "pengaduan-" +
               std::string(sender.kind == ComplaintSender::Kind::Staff ? "staf" : r.channel) +
               "-1" + (retention_days == 90 ? "" : "@" + std::to_string(retention_days) + "d"));
    consent.bind(2, static_cast<std::int64_t>(to_millis(tx.now())));
    consent.bind(3, r.id);
    consent.exec();
}

}  // namespace

Receipt ComplaintStore::submit(const Submission& s, const ComplaintSender& sender,
                               const std::string& idempotency_key, TimePoint now) {
    const std::string scoped_key =
        idempotency_key.empty() ? "" : scope_of(sender) + ":" + idempotency_key;
    Receipt out;
    queue_.run_write(now, [&](StoreTransaction& tx) {
        if (auto receipt = replayed_receipt(tx, scoped_key)) {
            out = std::move(*receipt);
            return;
        }
        check_limits(tx, sender, limits_);
        const std::optional<std::int64_t> ticket_id = ticket_of(tx, s.ticket_token);
        const auto today = today_of(tx);
        Row r = new_row(tx, s, sender, today);
        r.id = insert_complaint(tx, r, ticket_id, sender);
        if (r.name || r.contact)
            record_consent(tx, r, sender);
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
        tx.record(protocol::event::complaint_received,
                  protocol::complaint_received_payload(summary_of(r, today)));
        out = receipt_of(r, false);
    });
    return out;
}

PublicView ComplaintStore::track(const std::string& tracking_number, TimePoint now) const {
    const auto number = normalise_tracking_number(tracking_number);
    if (!number)
        throw QueueError("not_found", "no complaint has this tracking number");
    PublicView out;
    queue_.run_read(now, [&](StoreTransaction& tx) {
        auto& q = tx.sql(std::string("SELECT ") + kColumns +
                         " FROM complaints WHERE tracking_number = ?");
        q.bind(1, *number);
        if (!q.executeStep())
            throw QueueError("not_found", "no complaint has this tracking number");
        const Row r = read_row(q);
        q.reset();
        out = {r.tracking_number,
               r.category,
               r.text,
               r.state,
               r.received_on,
               r.due_on,
               r.closed_on,
               r.reply,
               r.rejection_reason,
               history_of(tx, r.id)};
    });
    return out;
}

}  // namespace loket
