// The figures of days that can no longer change, kept in report_days (docs/metrics.md, "Days
// kept for the reports").
#include <set>

#include "report_parts.hpp"

namespace loket::report {

namespace {

constexpr int kDayFormat = 1;  // the layout of report_days.data written below

// The day's stages read from the tickets. settled: whether the day can no longer change
// (before today, and nobody of it left at a counter: every operation on a ticket is of today's).
Day read_day(QueueStore& store, std::chrono::year_month_day date, TimePoint now, bool& settled) {
    Query q;
    q.from = q.to = date;
    StageReader reader(store, q, now);
    const StageReader::State& st = reader.state();
    const TimeZone zone = st.config->zone;
    Day day;
    day.date = st.from_text;
    settled = day.date < st.today;
    const std::int64_t end = st.end_ms();  // the day's end, or now
    std::map<GroupKey, Group> groups;
    for (auto page = reader.next_page(); !page.empty(); page = reader.next_page()) {
        for (const Stage& s : page) {
            if (s.outcome == "in_progress" || s.outcome == "waiting")
                settled = false;
            const std::int64_t waited_until = s.called_ms ? *s.called_ms : s.ended_ms.value_or(end);
            day.waiting[s.service].emplace_back(s.start_ms, waited_until);
            if (s.counter && s.called_ms)
                day.busy[*s.counter].emplace_back(*s.called_ms, s.ended_ms.value_or(end));
            GroupKey key{s.service, s.counter, s.staff};
            Group& g = groups[key];
            g.key = std::move(key);
            g.add(s, zone);
        }
    }
    for (auto& entry : groups)
        day.groups.push_back(std::move(entry.second));
    for (auto& entry : day.waiting)
        entry.second = merged(std::move(entry.second));
    for (auto& entry : day.busy)
        entry.second = merged(std::move(entry.second));
    return day;
}

// report_days.data: little-endian 64-bit integers, texts and lists prefixed by their length.
class DayWriter {
  public:
    void number(std::int64_t v) {
        for (int i = 0; i < 8; ++i)
            out_.push_back(static_cast<char>((static_cast<std::uint64_t>(v) >> (8 * i)) & 0xff));
    }
    void text(const std::string& t) {
        number(static_cast<std::int64_t>(t.size()));
        out_ += t;
    }
    void numbers(const std::vector<std::int64_t>& values) {
        number(static_cast<std::int64_t>(values.size()));
        for (const std::int64_t v : values)
            number(v);
    }
    void spans(const Spans& spans) {
        number(static_cast<std::int64_t>(spans.size()));
        for (const Span& s : spans) {
            number(s.first);
            number(s.second);
        }
    }
    std::string take() { return std::move(out_); }

  private:
    std::string out_;
};

struct BadDayData : std::runtime_error {
    BadDayData() : std::runtime_error("report_days: data shorter than its counts say") {}
};

class DayReader {
  public:
    DayReader(const char* data, std::size_t size) : at_(data), end_(data + size) {}
    std::int64_t number() {
        if (end_ - at_ < 8)
            throw BadDayData();
        std::uint64_t v = 0;
        for (int i = 0; i < 8; ++i)
            v |= static_cast<std::uint64_t>(static_cast<unsigned char>(at_[i])) << (8 * i);
        at_ += 8;
        return static_cast<std::int64_t>(v);
    }
    // A count of items of at least `item_bytes` each that the rest of the data can hold.
    std::size_t count(std::size_t item_bytes) {
        const std::int64_t n = number();
        if (n < 0 ||
            static_cast<std::size_t>(n) > static_cast<std::size_t>(end_ - at_) / item_bytes)
            throw BadDayData();
        return static_cast<std::size_t>(n);
    }
    std::string text() {
        const std::size_t n = count(1);
        std::string t(at_, n);
        at_ += n;
        return t;
    }
    std::vector<std::int64_t> numbers() {
        std::vector<std::int64_t> values(count(8));
        for (std::int64_t& v : values)
            v = number();
        return values;
    }
    Spans spans() {
        Spans out(count(16));
        for (Span& s : out) {
            s.first = number();
            s.second = number();
        }
        return out;
    }
    bool done() const { return at_ == end_; }

  private:
    const char* at_;
    const char* end_;
};

std::string encode_day(const Day& day) {
    DayWriter w;
    w.number(static_cast<std::int64_t>(day.groups.size()));
    for (const Group& g : day.groups) {
        w.text(g.key.service);
        w.number(g.key.counter ? *g.key.counter : -1);
        w.text(g.key.staff);
        for (const std::int64_t n : {g.issued, g.served, g.no_show, g.unserved, g.transferred})
            w.number(n);
        for (const auto* v :
             {&g.wait_served, &g.wait_other, &g.wait_last, &g.walk, &g.service, &g.in_office})
            w.numbers(*v);
        w.number(static_cast<std::int64_t>(g.cells.size()));
        for (const auto& [key, cell] : g.cells) {
            for (const std::int64_t n : {std::int64_t{key.first}, std::int64_t{key.second},
                                         cell.arrivals, cell.waits, cell.wait_ms})
                w.number(n);
        }
    }
    w.number(static_cast<std::int64_t>(day.waiting.size()));
    for (const auto& [service, spans] : day.waiting) {
        w.text(service);
        w.spans(spans);
    }
    w.number(static_cast<std::int64_t>(day.busy.size()));
    for (const auto& [counter, spans] : day.busy) {
        w.number(counter);
        w.spans(spans);
    }
    return w.take();
}

Day decode_day(std::string date, const char* data, std::size_t size) {
    DayReader r(data, size);
    Day day;
    day.date = std::move(date);
    day.groups.resize(r.count(16));
    for (Group& g : day.groups) {
        g.key.service = r.text();
        const std::int64_t counter = r.number();
        if (counter >= 0)
            g.key.counter = static_cast<int>(counter);
        g.key.staff = r.text();
        for (std::int64_t* n : {&g.issued, &g.served, &g.no_show, &g.unserved, &g.transferred})
            *n = r.number();
        for (auto* v :
             {&g.wait_served, &g.wait_other, &g.wait_last, &g.walk, &g.service, &g.in_office})
            *v = r.numbers();
        for (std::size_t n = r.count(40); n > 0; --n) {
            const int weekday = static_cast<int>(r.number());
            const int hour = static_cast<int>(r.number());
            Cell& c = g.cells[{weekday, hour}];
            c.arrivals = r.number();
            c.waits = r.number();
            c.wait_ms = r.number();
        }
    }
    for (std::size_t n = r.count(16); n > 0; --n) {
        std::string service = r.text();
        day.waiting[std::move(service)] = r.spans();
    }
    for (std::size_t n = r.count(16); n > 0; --n) {
        const int counter = static_cast<int>(r.number());
        day.busy[counter] = r.spans();
    }
    if (!r.done())
        throw BadDayData();
    return day;
}

// Writes the days' figures (date, data) in one transaction.
void keep(QueueStore& store, const std::vector<std::pair<std::string, std::string>>& days,
          TimePoint now) {
    store.run_write(now, [&](StoreTransaction& tx) {
        auto& q = tx.sql(
            "INSERT INTO report_days (local_date, format, computed_ms, data) VALUES (?, ?, ?, "
            "?) ON CONFLICT (local_date) DO UPDATE SET format = excluded.format, "
            "computed_ms = excluded.computed_ms, data = excluded.data");
        for (const auto& [date, data] : days) {
            q.bind(1, date);
            q.bind(2, kDayFormat);
            q.bind(3, to_millis(now));
            q.bind(4, data.data(), static_cast<int>(data.size()));
            q.exec();
            q.reset();
        }
    });
}

}  // namespace

// Calls `fold` with each day of [from, to] that has begun (to is clipped to today), oldest
// first: kept days read from report_days, the others from the tickets, and those of them that
// can no longer change kept for next time. One day in memory at a time. keep_days false: every
// day read from the tickets, nothing kept (tests compare the two). Returns the days newly kept.
int for_each_day(QueueStore& store, std::chrono::year_month_day from,
                 std::chrono::year_month_day to, TimePoint now, bool keep_days,
                 const std::function<void(const Day&)>& fold) {
    const OfficeConfig& config = *store.config();
    const std::chrono::year_month_day today = to_local(now, config.zone).date;
    if (std::chrono::sys_days(to) > std::chrono::sys_days(today))
        to = today;
    const std::string from_text = format_date_iso(from);
    const std::string to_text = format_date_iso(to);
    std::set<std::string> kept;
    if (keep_days) {
        store.run_read(now, [&](StoreTransaction& tx) {
            auto& q = tx.sql(
                "SELECT local_date FROM report_days WHERE local_date BETWEEN ? AND ? AND "
                "format = ?");
            q.bind(1, from_text);
            q.bind(2, to_text);
            q.bind(3, kDayFormat);
            while (q.executeStep())
                kept.insert(q.getColumn(0).getString());
        });
    }
    std::vector<std::pair<std::string, std::string>> to_keep;  // date, data
    for (auto d = std::chrono::sys_days(from); d <= std::chrono::sys_days(to);
         d += std::chrono::days(1)) {
        const std::string date = format_date_iso(std::chrono::year_month_day(d));
        std::optional<Day> day;
        if (kept.count(date)) {
            store.run_read(now, [&](StoreTransaction& tx) {
                auto& q =
                    tx.sql("SELECT data FROM report_days WHERE local_date = ? AND format = ?");
                q.bind(1, date);
                q.bind(2, kDayFormat);
                if (!q.executeStep())
                    return;
                const SQLite::Column data = q.getColumn(0);
                try {
                    day = decode_day(date, static_cast<const char*>(data.getBlob()),
                                     static_cast<std::size_t>(data.getBytes()));
                } catch (const BadDayData&) {
                    // Read from the tickets below, and kept again.
                }
            });
        }
        if (!day) {
            bool settled = false;
            day = read_day(store, std::chrono::year_month_day(d), now, settled);
            if (settled && keep_days)
                to_keep.emplace_back(date, encode_day(*day));
        }
        fold(*day);
    }
    if (!to_keep.empty()) {
        // Keeping is only a saving of time: the report is already folded, and a database that
        // cannot be written now (a full disk) must not cost the reader the report.
        try {
            keep(store, to_keep, now);
        } catch (const std::exception&) {
            return 0;
        }
    }
    return static_cast<int>(to_keep.size());
}

int keep_past_days(QueueStore& store, TimePoint now) {
    const std::chrono::sys_days today(to_local(now, store.config()->zone).date);
    int kept = 0;
    // A month at a time: what is held in memory stays a month's durations.
    for (auto from = today - std::chrono::days(kMaxRangeDays); from < today;
         from += std::chrono::days(31)) {
        const auto to = std::min(from + std::chrono::days(30), today - std::chrono::days(1));
        kept += for_each_day(store, std::chrono::year_month_day(from),
                             std::chrono::year_month_day(to), now, true, [](const Day&) {});
    }
    return kept;
}

}  // namespace loket::report
