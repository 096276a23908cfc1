// The SOP clock's reading and the due-soon reminders.
#include "application_store_internal.hpp"
#include "loket/event_names.hpp"

namespace loket {

using namespace application_store_detail;

ClockReading ApplicationStore::read_clock(const Application& app, TimePoint now) const {
    ClockReading r;
    if (!app.standard) {
        r.state = app.state == "paused" ? "paused" : "no_standard";
        return r;
    }
    if (!app.clock_started_at) {
        r.state = app.state == "paused"       ? "paused"
                  : app.state == "in_process" ? "not_started"
                                              : "stopped";
        return r;
    }
    if (app.state == "completed" || app.state == "ready" || app.state == "picked_up") {
        r.state = "stopped";
        r.due = app.due_at;
        return r;
    }
    if (app.state == "paused") {
        r.state = "paused";
        const std::vector<SlaPause> pauses = clock_pauses(app);
        try {
            const auto config = queue_.config();
            const SlaReading reading = read_sla(*config, *app.standard, *app.clock_started_at,
                                                pauses, now, settings()->at_risk_share);
            r.due = reading.due;
            r.used_share = reading.used_share;
        } catch (const InputError&) {
            // Unreadable clock (no office hours at all): the state alone.
        }
        return r;
    }
    r.due = app.due_at;
    if (app.due_at && now >= *app.due_at)
        r.state = "overdue";
    else if (app.at_risk_at && now >= *app.at_risk_at)
        r.state = "at_risk";
    else
        r.state = "on_time";
    return r;
}

std::vector<Application> ApplicationStore::warnings(TimePoint now, int limit) const {
    const auto settings = this->settings();
    std::vector<Application> out;
    queue_.run_read(now, [&](StoreTransaction& tx) {
        Work w{tx, *settings, *this};
        auto& q = tx.sql(std::string("SELECT ") + kAppColumns +
                         " FROM applications WHERE state = 'in_process' AND warn_ms <= ? "
                         "ORDER BY due_ms, id LIMIT ?");
        q.bind(1, ms(now));
        q.bind(2, limit);
        while (q.executeStep())
            out.push_back(read_application(q));
        for (auto& app : out)
            w.attach_workflow(app);
    });
    return out;
}

int ApplicationStore::record_due_warnings(TimePoint now) {
    const auto settings = this->settings();
    int recorded = 0;
    queue_.run_write(now, [&](StoreTransaction& tx) {
        Work w{tx, *settings, *this};
        std::vector<std::int64_t> ids;
        auto& q = tx.sql(
            "SELECT id FROM applications WHERE warned_ms IS NULL AND warn_ms <= ? AND state = "
            "'in_process' ORDER BY warn_ms LIMIT 500");
        q.bind(1, ms(now));
        while (q.executeStep())
            ids.push_back(q.getColumn(0).getInt64());
        q.reset();
        for (const auto id : ids) {
            Application app = w.load(id, false);
            app.warned_at = now;
            auto& u = tx.sql("UPDATE applications SET warned_ms = ? WHERE id = ?");
            u.bind(1, ms(now));
            u.bind(2, id);
            u.exec();
            const std::string due = app.due_at ? local_when(*app.due_at, tx.config()) : "";
            w.record(protocol::event::application_due_soon, app, nullptr, std::nullopt,
                     {{"risk",
                       {{"oss_status", kOssDeemedApproved},
                        {"text", "Bila belum diputuskan sampai " + due +
                                     ", izin dapat dianggap disetujui secara otomatis "
                                     "(fiktif positif, status OSS 57)."},
                        {"text_en", "If not decided by " + due +
                                        ", the permit may be deemed approved automatically "
                                        "(fiktif positif, OSS status 57)."}}}});
            ++recorded;
        }
    });
    return recorded;
}

}  // namespace loket
