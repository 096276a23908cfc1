// Reading files: by id, number or receipt, the board with its filters and counts, the export and
// who read personal data.
#include "application_store_internal.hpp"

namespace loket {

using namespace application_store_detail;

Application ApplicationStore::read_personal(std::int64_t id, const StaffRef& by,
                                            const std::string& purpose, TimePoint now) {
    const auto settings = this->settings();
    std::optional<Application> app;
    queue_.run_write(now, [&](StoreTransaction& tx) {
        Work w{tx, *settings, *this};
        app = w.load(id, true);
        auto& q = tx.sql(
            "INSERT INTO personal_data_access (application_id, user_name, purpose, at_ms) VALUES "
            "(?, ?, ?, ?)");
        q.bind(1, id);
        q.bind(2, by.name);
        q.bind(3, purpose);
        q.bind(4, ms(now));
        q.exec();
    });
    return std::move(*app);
}

Application ApplicationStore::find(std::int64_t id, TimePoint now) const {
    const auto settings = this->settings();
    std::optional<Application> app;
    queue_.run_read(now, [&](StoreTransaction& tx) {
        Work w{tx, *settings, *this};
        app = w.load(id, true);
    });
    return std::move(*app);
}

Application ApplicationStore::find_by_number(std::string_view number, TimePoint now) const {
    const auto settings = this->settings();
    std::optional<Application> app;
    queue_.run_read(now, [&](StoreTransaction& tx) {
        Work w{tx, *settings, *this};
        auto found = w.find_where("number = ?", std::string(number));
        if (!found)
            throw QueueError("not_found", "no application " + std::string(number));
        w.load_pauses(*found);
        app = std::move(found);
    });
    return std::move(*app);
}

Application ApplicationStore::find_public(std::string_view number, std::string_view token,
                                          TimePoint now) const {
    const auto settings = this->settings();
    std::optional<Application> app;
    queue_.run_read(now, [&](StoreTransaction& tx) {
        Work w{tx, *settings, *this};
        auto found = w.find_where("number = ? AND status_token = ?", std::string(number),
                                  std::string(token));
        if (!found)
            throw QueueError("not_found", "no application has this number and token");
        w.load_pauses(*found);
        app = std::move(found);
    });
    return std::move(*app);
}

namespace {

// The board's WHERE clause from the query: fixed fragments only; every value is bound.
struct BoardFilter {
    std::string where;
    std::vector<std::string> values;
    std::vector<std::int64_t> numbers;
    std::vector<char> kinds;  // 's' string, 'n' number, in bind order

    void add(const std::string& fragment) { where += " AND " + fragment; }
    void add_text(const std::string& fragment, const std::string& value) {
        add(fragment);
        values.push_back(value);
        kinds.push_back('s');
    }
    void add_number(std::int64_t value) {
        numbers.push_back(value);
        kinds.push_back('n');
    }

    // Binds the values from 1; returns the next free index.
    int bind_all(SQLite::Statement& q) const {
        std::size_t s = 0, n = 0;
        int index = 1;
        for (const char kind : kinds) {
            if (kind == 's')
                q.bind(index++, values[s++]);
            else
                q.bind(index++, numbers[n++]);
        }
        return index;
    }
};

BoardFilter board_filter(const BoardQuery& query, std::int64_t now_ms) {
    BoardFilter f;
    if (query.state.empty())
        f.add("state IN ('in_process', 'paused', 'completed', 'ready')");
    else
        f.add_text("state = ?", query.state);
    if (!query.number.empty())
        f.add_text("number = ?", query.number);
    if (!query.permit_id.empty())
        f.add_text("permit_id = ?", query.permit_id);
    if (query.step_number) {
        f.add("step_number = ?");
        f.add_number(*query.step_number);
    }
    if (!query.duty.empty())
        f.add_text("duty = ?", query.duty);
    if (!query.assignee.empty())
        f.add_text("assignee = ?", query.assignee);
    if (query.clock_state == "on_time") {
        f.add("state = 'in_process' AND at_risk_ms > ?");
        f.add_number(now_ms);
    } else if (query.clock_state == "at_risk") {
        f.add("state = 'in_process' AND at_risk_ms <= ? AND due_ms > ?");
        f.add_number(now_ms);
        f.add_number(now_ms);
    } else if (query.clock_state == "overdue") {
        f.add("state = 'in_process' AND due_ms <= ?");
        f.add_number(now_ms);
    } else if (query.clock_state == "paused") {
        f.add("state = 'paused'");
    } else if (query.clock_state == "not_started") {
        f.add(
            "state = 'in_process' AND standard_amount IS NOT NULL AND clock_started_ms IS "
            "NULL");
    } else if (query.clock_state == "no_standard") {
        f.add("state = 'in_process' AND standard_amount IS NULL");
    }
    return f;
}

// How many open files there are by permit, state, step and duty.
std::vector<BoardGroup> board_groups(StoreTransaction& tx) {
    std::vector<BoardGroup> out;
    auto& groups = tx.sql(
        "SELECT permit_id, state, step_number, COALESCE(duty, ''), COUNT(*) FROM applications "
        "WHERE state IN ('in_process', 'paused', 'completed', 'ready') GROUP BY permit_id, "
        "state, step_number, duty ORDER BY permit_id, state, step_number");
    while (groups.executeStep()) {
        BoardGroup g;
        g.permit_id = groups.getColumn(0).getString();
        g.state = groups.getColumn(1).getString();
        if (!groups.getColumn(2).isNull())
            g.step_number = groups.getColumn(2).getInt();
        g.duty = groups.getColumn(3).getString();
        g.count = groups.getColumn(4).getInt();
        out.push_back(std::move(g));
    }
    return out;
}

// How many files are in each clock state now.
void count_clocks(StoreTransaction& tx, std::int64_t now_ms, Board& board) {
    auto& clocks = tx.sql(
        "SELECT COALESCE(SUM(state = 'in_process' AND at_risk_ms > ?1), 0), "
        "COALESCE(SUM(state = 'in_process' AND at_risk_ms <= ?1 AND due_ms > ?1), 0), "
        "COALESCE(SUM(state = 'in_process' AND due_ms <= ?1), 0), "
        "COALESCE(SUM(state = 'paused'), 0), "
        "COALESCE(SUM(state = 'in_process' AND standard_amount IS NOT NULL AND "
        "clock_started_ms IS NULL), 0), "
        "COALESCE(SUM(state = 'in_process' AND standard_amount IS NULL), 0) "
        "FROM applications WHERE state IN ('in_process', 'paused')");
    clocks.bind(1, now_ms);
    clocks.executeStep();
    const char* names[] = {"on_time", "at_risk", "overdue", "paused", "not_started", "no_standard"};
    for (int k = 0; k < 6; ++k)
        board.clocks[names[k]] = clocks.getColumn(k).getInt();
}

}  // namespace

Board ApplicationStore::board(const BoardQuery& query, TimePoint now) const {
    const auto settings = this->settings();
    Board board;
    queue_.run_read(now, [&](StoreTransaction& tx) {
        Work w{tx, *settings, *this};
        const std::int64_t now_ms = ms(now);
        const BoardFilter filter = board_filter(query, now_ms);
        auto& count = tx.sql("SELECT COUNT(*) FROM applications WHERE 1" + filter.where);
        filter.bind_all(count);
        count.executeStep();
        board.total = count.getColumn(0).getInt();
        auto& rows = tx.sql(std::string("SELECT ") + kAppColumns + " FROM applications WHERE 1" +
                            filter.where + " ORDER BY due_ms IS NULL, due_ms, id LIMIT ? OFFSET ?");
        const int next = filter.bind_all(rows);
        rows.bind(next, std::clamp(query.limit, 1, 500));
        rows.bind(next + 1, std::max(0, query.offset));
        while (rows.executeStep())
            board.rows.push_back(read_application(rows));
        for (auto& app : board.rows) {
            w.attach_workflow(app);
            if (app.state == "paused")
                w.load_pauses(app);  // the due date as if it restarted now
        }
        board.groups = board_groups(tx);
        count_clocks(tx, now_ms, board);
    });
    return board;
}

std::vector<std::string> ApplicationStore::ready_numbers(TimePoint now) const {
    std::vector<std::string> out;
    queue_.run_read(now, [&](StoreTransaction& tx) {
        auto& q =
            tx.sql("SELECT number FROM applications WHERE state = 'ready' ORDER BY ready_ms, id");
        while (q.executeStep())
            out.push_back(q.getColumn(0).getString());
    });
    return out;
}

std::vector<Application> ApplicationStore::registered_between(TimePoint from, TimePoint to) const {
    const auto settings = this->settings();
    std::vector<Application> out;
    queue_.run_read(to, [&](StoreTransaction& tx) {
        Work w{tx, *settings, *this};
        auto& q = tx.sql(std::string("SELECT ") + kAppColumns +
                         " FROM applications WHERE registered_ms >= ? AND registered_ms < ? "
                         "ORDER BY registered_ms, id");
        q.bind(1, ms(from));
        q.bind(2, ms(to));
        std::map<std::int64_t, std::size_t> index;
        while (q.executeStep()) {
            index[q.getColumn(0).getInt64()] = out.size();
            out.push_back(read_application(q));
        }
        for (auto& app : out)
            w.attach_workflow(app);
        auto& oss = tx.sql(
            "SELECT s.application_id, s.code, s.at_ms, s.event FROM application_oss_statuses s "
            "JOIN applications a ON a.id = s.application_id WHERE a.registered_ms >= ? AND "
            "a.registered_ms < ? ORDER BY s.id");
        oss.bind(1, ms(from));
        oss.bind(2, ms(to));
        while (oss.executeStep()) {
            const auto it = index.find(oss.getColumn(0).getInt64());
            if (it == index.end())
                continue;
            out[it->second].oss_history.push_back({oss.getColumn(1).getInt(),
                                                   from_millis(oss.getColumn(2).getInt64()),
                                                   oss.getColumn(3).getString()});
        }
    });
    return out;
}

ApplicationCounts ApplicationStore::counts(TimePoint from, TimePoint to, TimePoint now) const {
    ApplicationCounts c;
    queue_.run_read(now, [&](StoreTransaction& tx) {
        auto& q = tx.sql(
            "SELECT COALESCE(SUM(registered_ms >= ?1 AND registered_ms < ?2), 0), "
            "COALESCE(SUM(completed_ms >= ?1 AND completed_ms < ?2), 0), "
            "COALESCE(SUM(completed_ms >= ?1 AND completed_ms < ?2 AND (due_ms IS NULL OR "
            "completed_ms <= due_ms)), 0), "
            "COALESCE(SUM(picked_up_ms >= ?1 AND picked_up_ms < ?2), 0), "
            "COALESCE(SUM(state = 'in_process' AND due_ms <= ?3), 0) FROM applications");
        q.bind(1, ms(from));
        q.bind(2, ms(to));
        q.bind(3, ms(now));
        q.executeStep();
        c.registered = q.getColumn(0).getInt();
        c.completed = q.getColumn(1).getInt();
        c.completed_on_time = q.getColumn(2).getInt();
        c.picked_up = q.getColumn(3).getInt();
        c.open_overdue = q.getColumn(4).getInt();
        q.reset();
        auto& v = tx.sql("SELECT COUNT(*) FROM incomplete_visits WHERE at_ms >= ? AND at_ms < ?");
        v.bind(1, ms(from));
        v.bind(2, ms(to));
        v.executeStep();
        c.incomplete_visits = v.getColumn(0).getInt();
    });
    return c;
}

std::vector<ApplicationStore::AccessRecord> ApplicationStore::personal_data_access(
    std::int64_t id) const {
    std::vector<AccessRecord> out;
    queue_.run_read(now_utc(), [&](StoreTransaction& tx) {
        auto& q = tx.sql(
            "SELECT user_name, purpose, at_ms FROM personal_data_access WHERE application_id = ? "
            "ORDER BY id");
        q.bind(1, id);
        while (q.executeStep()) {
            out.push_back({q.getColumn(0).getString(), q.getColumn(1).getString(),
                           from_millis(q.getColumn(2).getInt64())});
        }
    });
    return out;
}

}  // namespace loket
