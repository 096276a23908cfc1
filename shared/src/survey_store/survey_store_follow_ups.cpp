// The follow-up plan of a period (rencana tindak lanjut): listing, adding, updating and
// removing its entries, each change recorded as an event.
#include <SQLiteCpp/SQLiteCpp.h>

#include "loket/event_names.hpp"
#include "loket/survey_store.hpp"
#include "loket/survey_wire.hpp"
#include "survey_store_internal.hpp"

namespace loket {

using namespace survey_store_detail;
using survey::StoredFollowUp;

namespace {

StoredFollowUp read_follow_up_row(SQLite::Statement& q) {
    StoredFollowUp f;
    f.id = q.getColumn(0).getInt64();
    f.period = q.getColumn(1).getString();
    const auto element = survey::parse_element(q.getColumn(2).getString());
    if (!element)
        throw StorageError("survey_follow_ups holds an unknown element");
    f.plan.element = *element;
    f.plan.action = q.getColumn(3).getString();
    f.plan.owner = q.getColumn(4).getString();
    f.plan.deadline = parse_date_iso(q.getColumn(5).getString()).value_or(f.plan.deadline);
    f.plan.status = option_index<survey::FollowUpStatus>(survey::follow_up_status_options(),
                                                         q.getColumn(6).getString());
    f.plan.percent_done = q.getColumn(7).getInt();
    f.updated_at = from_millis(q.getColumn(8).getInt64());
    f.updated_by = q.getColumn(9).getString();
    return f;
}

constexpr const char* kFollowUpColumns =
    "id, period, element, action, owner, deadline, status, percent_done, updated_ms, updated_by";

StoredFollowUp follow_up_by_id(StoreTransaction& tx, std::int64_t id) {
    auto& q =
        tx.sql(std::string("SELECT ") + kFollowUpColumns + " FROM survey_follow_ups WHERE id = ?");
    q.bind(1, id);
    if (!q.executeStep())
        throw QueueError("not_found", "no follow-up " + std::to_string(id));
    return read_follow_up_row(q);
}

void record_follow_up(StoreTransaction& tx, const char* change, const StoredFollowUp& f,
                      const StaffRef& by) {
    tx.record(protocol::event::survey_follow_up_changed,
              protocol::survey_follow_up_changed_payload(change, f, by));
}

}  // namespace

std::vector<StoredFollowUp> SurveyStore::follow_ups(const survey::Period& period) const {
    std::vector<StoredFollowUp> out;
    queue_.run_read(now_utc(), [&](StoreTransaction& tx) {
        auto& q = tx.sql(std::string("SELECT ") + kFollowUpColumns +
                         " FROM survey_follow_ups WHERE period = ? ORDER BY id");
        q.bind(1, period.key());
        while (q.executeStep())
            out.push_back(read_follow_up_row(q));
    });
    return out;
}

StoredFollowUp SurveyStore::add_follow_up(const survey::Period& period,
                                          const survey::FollowUp& plan, const StaffRef& by,
                                          TimePoint now) {
    survey::validate(plan);
    StoredFollowUp stored;
    queue_.run_write(now, [&](StoreTransaction& tx) {
        auto& q = tx.sql(
            "INSERT INTO survey_follow_ups (period, element, action, owner, deadline, status, "
            "percent_done, updated_ms, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        q.bind(1, period.key());
        q.bind(2, std::string(survey::key_of(plan.element)));
        q.bind(3, plan.action);
        q.bind(4, plan.owner);
        q.bind(5, format_date_iso(plan.deadline));
        q.bind(6, std::string(survey::option_of(plan.status).key));
        q.bind(7, plan.percent_done);
        q.bind(8, static_cast<std::int64_t>(to_millis(tx.now())));
        q.bind(9, by.name);
        q.exec();
        stored = follow_up_by_id(tx, tx.last_insert_id());
        record_follow_up(tx, "added", stored, by);
    });
    return stored;
}

StoredFollowUp SurveyStore::update_follow_up(std::int64_t id, const survey::FollowUp& plan,
                                             const StaffRef& by, TimePoint now) {
    survey::validate(plan);
    StoredFollowUp stored;
    queue_.run_write(now, [&](StoreTransaction& tx) {
        follow_up_by_id(tx, id);
        auto& q = tx.sql(
            "UPDATE survey_follow_ups SET element = ?, action = ?, owner = ?, deadline = ?, "
            "status = ?, percent_done = ?, updated_ms = ?, updated_by = ? WHERE id = ?");
        q.bind(1, std::string(survey::key_of(plan.element)));
        q.bind(2, plan.action);
        q.bind(3, plan.owner);
        q.bind(4, format_date_iso(plan.deadline));
        q.bind(5, std::string(survey::option_of(plan.status).key));
        q.bind(6, plan.percent_done);
        q.bind(7, static_cast<std::int64_t>(to_millis(tx.now())));
        q.bind(8, by.name);
        q.bind(9, id);
        q.exec();
        stored = follow_up_by_id(tx, id);
        record_follow_up(tx, "updated", stored, by);
    });
    return stored;
}

void SurveyStore::remove_follow_up(std::int64_t id, const StaffRef& by, TimePoint now) {
    queue_.run_write(now, [&](StoreTransaction& tx) {
        const StoredFollowUp stored = follow_up_by_id(tx, id);
        auto& q = tx.sql("DELETE FROM survey_follow_ups WHERE id = ?");
        q.bind(1, id);
        q.exec();
        record_follow_up(tx, "removed", stored, by);
    });
}

}  // namespace loket
