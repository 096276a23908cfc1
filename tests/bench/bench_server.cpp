// Benchmark of the real queue-server on loopback: ticket issuing at 1, 16 and 64 keep-alive
// clients, a mixed office morning, event fan-out to 100 streams, server memory, and the same
// figures again on a database holding a year of history. The ceiling, raw SQLite single-row
// commits/s with the server's durability setting, is measured in the same run.
#include <SQLiteCpp/SQLiteCpp.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cinttypes>
#include <cstdio>
#include <fstream>
#include <map>
#include <mutex>
#include <thread>

#include "loket/http_client.hpp"
#include "loket/queue_store.hpp"
#include "loket/sse.hpp"
#include "server_process.hpp"
#include "temp_dir.hpp"

using namespace loket;
using namespace loket::testing;
using Clock = std::chrono::steady_clock;
using nlohmann::json;

namespace {

constexpr int kCounters = 40;
constexpr int kHistoryTickets = 300000;

double ms_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

struct Latencies {
    std::vector<double> ms;
    std::uint64_t errors = 0;
    void merge(const Latencies& other) {
        ms.insert(ms.end(), other.ms.begin(), other.ms.end());
        errors += other.errors;
    }
    double pct(double p) {
        if (ms.empty())
            return 0;
        std::sort(ms.begin(), ms.end());
        const auto i = static_cast<std::size_t>(p / 100.0 * static_cast<double>(ms.size() - 1));
        return ms[i];
    }
};

struct Row {
    std::string name;
    double rate = 0;
    double p50 = 0, p99 = 0, p999 = 0;
    std::uint64_t errors = 0;
};

Row row_of(const std::string& name, Latencies& l, double seconds) {
    return {name,    static_cast<double>(l.ms.size()) / seconds, l.pct(50), l.pct(99), l.pct(99.9),
            l.errors};
}

// The tests' round-the-clock office with room for 300 streams and 40 counters in all.
std::string bench_config() {
    std::string config = kAlwaysOpenConfig;
    config.replace(config.find("[server]"), 8,
                   "[server]\nmax_event_streams = 300\nmax_threads = 700");
    const char* services[] = {"informasi", "customer_service", "pendaftaran", "pengambilan"};
    for (int c = 6; c <= kCounters; ++c) {
        config += "[[counters]]\nnumber = " + std::to_string(c) + "\nservices = [\"" +
                  services[c % 4] + "\"]\n";
    }
    return config;
}

net::HttpClient client_for(const ServerProcess& server, const std::string& token) {
    net::HttpClientOptions options;
    options.base_url = server.url() + "/api/v1";
    options.bearer_token = token;
    options.retries = 0;
    return net::HttpClient(options);
}

std::string staff_token(ServerProcess& server) {
    run_queue_server_cli({"--db", server.db().string(), "user", "add", "bench", "--role", "staff",
                          "--password-stdin"},
                         "bench-password\n");
    net::HttpClient client = client_for(server, "");
    const auto r =
        client.post("/auth/login", {{"username", "bench"}, {"password", "bench-password"}});
    return r.ok() ? r.response->json()->value("token", "") : "";
}

long rss_kb(pid_t pid) {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmRSS:", 0) == 0)
            return std::stol(line.substr(6));
    }
    return 0;
}

// Raw SQLite single-row commits per second, WAL and synchronous=FULL like the server.
double sqlite_ceiling(const std::filesystem::path& dir) {
    SQLite::Database db((dir / "ceiling.db").string(),
                        SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec("PRAGMA journal_mode = WAL");
    db.exec("PRAGMA synchronous = FULL");
    db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)");
    SQLite::Statement insert(db, "INSERT INTO t (v) VALUES ('A-001')");
    const auto start = Clock::now();
    int commits = 0;
    while (ms_since(start) < 2000) {
        insert.reset();
        insert.exec();
        ++commits;
    }
    return commits / (ms_since(start) / 1000.0);
}

// `clients` keep-alive clients, each sending its next request as soon as the last one is
// answered, for `seconds`; request(client, c, n) returns whether the reply was the expected one.
template <typename Request>
Row closed_loop(const std::string& name, ServerProcess& server, int clients, double seconds,
                Request request) {
    std::vector<Latencies> per(clients);
    std::vector<std::thread> threads;
    std::atomic<bool> stop{false};
    for (int c = 0; c < clients; ++c) {
        threads.emplace_back([&, c] {
            net::HttpClient client = client_for(server, kKioskKey);
            for (int n = 0; !stop; ++n) {
                const auto start = Clock::now();
                if (request(client, c, n)) {
                    per[c].ms.push_back(ms_since(start));
                } else {
                    ++per[c].errors;
                }
            }
        });
    }
    const auto start = Clock::now();
    std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
    stop = true;
    for (auto& t : threads)
        t.join();
    Latencies all;
    for (auto& l : per)
        all.merge(l);
    return row_of(name, all, ms_since(start) / 1000.0);
}

Row issue_load(ServerProcess& server, int clients, double seconds) {
    const char* services[] = {"informasi", "customer_service", "pendaftaran", "pengambilan"};
    return closed_loop(
        "issue, " + std::to_string(clients) + " clients", server, clients, seconds,
        [&](net::HttpClient& client, int c, int n) {
            const std::string key =
                "c" + std::to_string(c) + "-" + std::to_string(n) + "-" + std::to_string(clients);
            return client.post("/tickets", {{"service", services[(c + n) % 4]}}, key).status() ==
                   201;
        });
}

// The floor under every figure: the same clients asking for /health, which touches no
// database. No request to this server on this machine can be faster.
Row http_floor(ServerProcess& server, int clients, double seconds) {
    return closed_loop(
        "floor: GET /health, " + std::to_string(clients) + " clients", server, clients, seconds,
        [](net::HttpClient& client, int, int) { return client.get("/health").status() == 200; });
}

// Kiosks issuing, 40 counters calling and finishing, 50 displays streaming events.
std::vector<Row> office_morning(ServerProcess& server, const std::string& token, double seconds) {
    std::atomic<bool> stop{false};
    std::atomic<std::uint64_t> streamed{0};
    std::vector<std::unique_ptr<net::SseClient>> displays;
    for (int d = 0; d < 50; ++d) {
        net::SseClientOptions options;
        options.url = server.url() + "/api/v1/events";
        options.bearer_token = kDisplayKey;
        displays.push_back(
            std::make_unique<net::SseClient>(options, [&](const net::SseEvent&) { ++streamed; }));
        displays.back()->start();
    }
    std::mutex mutex;
    std::map<std::string, Latencies> by_op;
    std::vector<std::thread> threads;
    const char* services[] = {"informasi", "customer_service", "pendaftaran", "pengambilan"};
    for (int k = 0; k < 8; ++k) {
        threads.emplace_back([&, k] {
            net::HttpClient client = client_for(server, kKioskKey);
            Latencies mine;
            for (int n = 0; !stop; ++n) {
                const auto start = Clock::now();
                const auto r = client.post("/tickets", {{"service", services[(k + n) % 4]}});
                r.status() == 201 ? mine.ms.push_back(ms_since(start)) : void(++mine.errors);
            }
            std::lock_guard lock(mutex);
            by_op["issue"].merge(mine);
        });
    }
    for (int c = 1; c <= kCounters; ++c) {
        threads.emplace_back([&, c] {
            net::HttpClient client = client_for(server, token);
            const std::string base = "/counters/" + std::to_string(c);
            client.post(base + "/open", json::object());
            std::map<std::string, Latencies> mine;
            const auto timed = [&](const std::string& op, const std::string& path) {
                const auto start = Clock::now();
                const auto r = client.post(path, json::object());
                r.ok() ? mine[op].ms.push_back(ms_since(start)) : void(++mine[op].errors);
                return r;
            };
            while (!stop) {
                const auto r = timed("call-next", base + "/call-next");
                if (!r.ok() || r.response->json().value_or(json())["ticket"].is_null()) {
                    std::this_thread::sleep_for(std::chrono::milliseconds(5));
                    continue;
                }
                timed("start", base + "/start");
                timed("finish", base + "/finish");
            }
            std::lock_guard lock(mutex);
            for (auto& [op, l] : mine)
                by_op[op].merge(l);
        });
    }
    const auto start = Clock::now();
    std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
    stop = true;
    for (auto& t : threads)
        t.join();
    const double elapsed = ms_since(start) / 1000.0;
    displays.clear();
    std::vector<Row> rows;
    for (const char* op : {"issue", "call-next", "start", "finish"}) {
        rows.push_back(row_of(std::string("morning: ") + op, by_op[op], elapsed));
    }
    rows.push_back(
        {"morning: events streamed", static_cast<double>(streamed) / elapsed, 0, 0, 0, 0});
    return rows;
}

struct FanOut {
    Row row;
    long rss_kb = 0;
};

// Time from a call's acknowledgement to its arrival at each of 100 streaming clients.
FanOut fan_out(ServerProcess& server, const std::string& token, int calls) {
    std::mutex mutex;
    std::map<std::string, Clock::time_point> acked;               // ticket number -> ack time
    std::vector<std::pair<std::string, Clock::time_point>> seen;  // (number, arrival)
    std::vector<std::unique_ptr<net::SseClient>> streams;
    for (int s = 0; s < 100; ++s) {
        net::SseClientOptions options;
        options.url = server.url() + "/api/v1/events";
        options.bearer_token = kDisplayKey;
        streams.push_back(std::make_unique<net::SseClient>(options, [&](const net::SseEvent& e) {
            if (e.type != "ticket.called")
                return;
            const auto now = Clock::now();
            const auto doc = json::parse(e.data, nullptr, false);
            if (doc.is_discarded())
                return;
            std::lock_guard lock(mutex);
            seen.emplace_back(doc["payload"]["ticket"]["number"].get<std::string>(), now);
        }));
        streams.back()->start();
    }
    for (int wait = 0; wait < 100; ++wait) {
        int connected = 0;
        for (auto& s : streams)
            connected += s->status().state == net::SseState::connected;
        if (connected == 100)
            break;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    const long rss = rss_kb(server.pid());
    net::HttpClient kiosk = client_for(server, kKioskKey);
    net::HttpClient counter = client_for(server, token);
    counter.post("/counters/1/open", json::object());
    for (int i = 0; i < calls; ++i)
        kiosk.post("/tickets", {{"service", "customer_service"}});
    for (int i = 0; i < calls; ++i) {
        const auto r = counter.post("/counters/1/call-next", json::object());
        const auto now = Clock::now();
        if (!r.ok())
            continue;
        const auto ticket = r.response->json().value_or(json())["ticket"];
        if (ticket.is_object()) {
            std::lock_guard lock(mutex);
            acked[ticket["number"].get<std::string>()] = now;
        }
        counter.post("/counters/1/start", json::object());
        counter.post("/counters/1/finish", json::object());
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    streams.clear();
    Latencies delays;
    std::lock_guard lock(mutex);
    for (const auto& [number, arrival] : seen) {
        const auto it = acked.find(number);
        if (it == acked.end())
            continue;
        // An event may reach a stream before the HTTP reply reaches the caller: that is 0.
        delays.ms.push_back(
            std::max(0.0, std::chrono::duration<double, std::milli>(arrival - it->second).count()));
    }
    const std::size_t expected = acked.size() * 100;
    delays.errors = expected > delays.ms.size() ? expected - delays.ms.size() : 0;
    Row row{"fan-out to 100 streams", 0,
            delays.pct(50),           delays.pct(99),
            delays.pct(99.9),         delays.errors};
    row.rate = static_cast<double>(delays.ms.size());
    return {row, rss};
}

// The rows of one history ticket: the ticket, its visit, and its four events of the real shape.
class HistoryWriter {
  public:
    explicit HistoryWriter(SQLite::Database& db)
        : db_(db),
          ticket_(db,
                  "INSERT INTO tickets (local_date, origin_service, seq, number, service, state, "
                  "issued_ms, arrival_ms, called_ms, started_ms, finished_ms, counter, call_count, "
                  "status_token, print_status) VALUES (?, ?, ?, ?, ?, 'done', ?, ?, ?, ?, ?, ?, 1, "
                  "?, 'printed')"),
          visit_(db,
                 "INSERT INTO visits (ticket_id, service, counter, called_ms, "
                 "started_ms, ended_ms, outcome) "
                 "VALUES (?, ?, ?, ?, ?, ?, 'done')"),
          event_(db, "INSERT INTO events (type, at_ms, payload) VALUES (?, ?, ?)") {}

    // Ticket `i` of the year, on its day counted from a year before `today`.
    void add(int i, std::chrono::sys_days today) {
        const int per_day = kHistoryTickets / 250;
        const int day = i / per_day, s = i % 4, seq = (i % per_day) / 4 + 1;
        const auto date =
            std::chrono::year_month_day{today - std::chrono::days(365 - day * 365 / 250)};
        const std::int64_t issued =
            to_millis(from_local(date, 8 * 60 + (i % per_day) / 3, TimeZone::WITA));
        const std::string number = format_ticket_number(kPrefixes[s], seq);
        char token[40];
        std::snprintf(token, sizeof token, "%032x", i);
        ticket_.reset();
        ticket_.bind(1, format_date_iso(date));
        ticket_.bind(2, kServices[s]);
        ticket_.bind(3, seq);
        ticket_.bind(4, number);
        ticket_.bind(5, kServices[s]);
        ticket_.bind(6, issued);
        ticket_.bind(7, issued);
        ticket_.bind(8, issued + 600000);
        ticket_.bind(9, issued + 660000);
        ticket_.bind(10, issued + 1200000);
        ticket_.bind(11, s + 1);
        ticket_.bind(12, std::string(token));
        ticket_.exec();
        const std::int64_t id = db_.getLastInsertRowid();
        add_visit(id, s, issued);
        add_events(id, s, issued, number, format_date_iso(date));
    }

  private:
    static constexpr const char* kServices[] = {"informasi", "customer_service", "pendaftaran",
                                                "pengambilan"};
    static constexpr char kPrefixes[] = {'A', 'B', 'C', 'D'};

    void add_visit(std::int64_t id, int s, std::int64_t issued) {
        visit_.reset();
        visit_.bind(1, id);
        visit_.bind(2, kServices[s]);
        visit_.bind(3, s + 1);
        visit_.bind(4, issued + 600000);
        visit_.bind(5, issued + 660000);
        visit_.bind(6, issued + 1200000);
        visit_.exec();
    }

    void add_events(std::int64_t id, int s, std::int64_t issued, const std::string& number,
                    const std::string& date) {
        const json payload = {
            {"ticket",
             {{"id", id},
              {"number", number},
              {"service", kServices[s]},
              {"state", "done"},
              {"local_date", date},
              {"counter", s + 1},
              {"call_count", 1}}},
            {"service", {{"id", kServices[s]}, {"name", kServices[s]}}},
            {"counter", {{"number", s + 1}, {"name", "Loket " + std::to_string(s + 1)}}},
            {"waiting",
             {{"informasi", 3}, {"customer_service", 4}, {"pendaftaran", 2}, {"pengambilan", 1}}}};
        const std::string text = payload.dump();
        for (const char* type :
             {"ticket.issued", "ticket.called", "ticket.started", "ticket.finished"}) {
            event_.reset();
            event_.bind(1, type);
            event_.bind(2, issued);
            event_.bind(3, text);
            event_.exec();
        }
    }

    SQLite::Database& db_;
    SQLite::Statement ticket_, visit_, event_;
};

// A year of history: 300,000 tickets over 250 working days, each with its visit and four
// events of the real shape. Made once and kept next to the benchmark.
std::filesystem::path history_database(const std::filesystem::path& cache) {
    if (std::filesystem::exists(cache))
        return cache;
    std::printf("making a year of history (%d tickets) in %s ...\n", kHistoryTickets,
                cache.c_str());
    std::fflush(stdout);
    const auto tmp = cache.string() + ".tmp";
    std::filesystem::remove(tmp);
    { QueueStore create(tmp, default_office_config()); }
    SQLite::Database db(tmp, SQLite::OPEN_READWRITE);
    db.exec("PRAGMA synchronous = OFF");
    SQLite::Transaction tx(db);
    HistoryWriter writer(db);
    const auto today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
    for (int i = 0; i < kHistoryTickets; ++i)
        writer.add(i, today);
    tx.commit();
    db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    std::filesystem::rename(tmp, cache);
    std::filesystem::remove(tmp + "-wal");
    std::filesystem::remove(tmp + "-shm");
    return cache;
}

struct RunFigures {
    std::vector<Row> rows;
    long rss_100_streams_kb = 0;
};

RunFigures run_all(const std::filesystem::path& dir, const std::filesystem::path* history) {
    std::filesystem::create_directories(dir);
    if (history) {
        std::filesystem::copy_file(*history, dir / "loket.db");
        // Written out now: otherwise the kernel writes the copy's 600 MB back during the run,
        // and every commit's fsync waits behind it.
        const int fd = ::open((dir / "loket.db").c_str(), O_RDONLY);
        if (fd >= 0) {
            ::fsync(fd);
            ::close(fd);
        }
    }
    ServerProcess server(dir, bench_config());
    const std::string token = staff_token(server);
    RunFigures figures;
    figures.rows.push_back(http_floor(server, 64, 2.0));
    for (int clients : {1, 16, 64})
        figures.rows.push_back(issue_load(server, clients, 3.0));
    for (auto& row : office_morning(server, token, 4.0))
        figures.rows.push_back(row);
    FanOut fan = fan_out(server, token, 100);
    figures.rows.push_back(fan.row);
    figures.rss_100_streams_kb = fan.rss_kb;
    return figures;
}

}  // namespace

int main(int argc, char** argv) {
    const std::filesystem::path cache =
        argc > 1 ? std::filesystem::path(argv[1])
                 : std::filesystem::path(LOKET_QUEUE_SERVER_BIN).parent_path().parent_path() /
                       "tests" / "bench" / "history-300k.db";
    TempDir dir;
    const double ceiling = sqlite_ceiling(dir.path());
    const auto history = history_database(cache);
    const RunFigures empty = run_all(dir / "empty", nullptr);
    const RunFigures year = run_all(dir / "year", &history);

    std::printf(
        "\nLoket queue-server benchmark: real binary on 127.0.0.1, %u cores, SQLite WAL "
        "synchronous=FULL\n",
        std::thread::hardware_concurrency());
    std::printf("ceiling: raw SQLite single-row commits/s (same durability): %.0f\n\n", ceiling);
    std::printf("%-34s | %10s %8s %8s %8s %6s | %10s %8s %8s %8s %6s | %6s\n", "", "empty DB", "",
                "", "", "", "year (300k)", "", "", "", "", "");
    std::printf("%-34s | %10s %8s %8s %8s %6s | %10s %8s %8s %8s %6s | %6s\n", "operation", "per s",
                "p50 ms", "p99 ms", "p99.9", "errors", "per s", "p50 ms", "p99 ms", "p99.9",
                "errors", "p99 x");
    for (std::size_t i = 0; i < empty.rows.size(); ++i) {
        const Row& a = empty.rows[i];
        const Row& b = year.rows[i];
        const double growth = a.p99 > 0 ? b.p99 / a.p99 : 0;
        std::printf("%-34s | %10.0f %8.2f %8.2f %8.2f %6" PRIu64
                    " | %10.0f %8.2f %8.2f %8.2f %6" PRIu64 " | %6.2f\n",
                    a.name.c_str(), a.rate, a.p50, a.p99, a.p999, a.errors, b.rate, b.p50, b.p99,
                    b.p999, b.errors, growth);
    }
    const auto named = [](const RunFigures& figures, const std::string& name) -> const Row& {
        return *std::find_if(figures.rows.begin(), figures.rows.end(),
                             [&](const Row& r) { return r.name == name; });
    };
    const Row& issue64 = named(empty, "issue, 64 clients");
    const Row& issue64_year = named(year, "issue, 64 clients");
    const Row& floor64 = named(empty, "floor: GET /health, 64 clients");
    const Row& fan = empty.rows.back();
    std::printf(
        "(fan-out 'per s' column = deliveries measured; 'errors' = deliveries missing)\n\n");
    std::printf("server RSS with 100 streams open: %.1f MB (empty), %.1f MB (year)\n\n",
                empty.rss_100_streams_kb / 1024.0, year.rss_100_streams_kb / 1024.0);
    const auto verdict = [](bool ok) { return ok ? "met" : "NOT MET"; };
    std::printf("targets:\n");
    std::printf("  issuing at 64 clients >= raw commit ceiling: %.0f/s vs %.0f/s = %.2fx  %s\n",
                issue64.rate, ceiling, issue64.rate / ceiling, verdict(issue64.rate >= ceiling));
    std::printf("  issuing p99 at 64 clients < 10 ms: %.2f ms  %s\n", issue64.p99,
                verdict(issue64.p99 < 10));
    // With 64 clients always waiting, the mean latency is 64 / rate (Little's law): a p99
    // under 10 ms needs more than 6,400 answers/s from this machine's two cores, which also
    // run the 64 clients. The /health floor shows how close the HTTP layer alone comes.
    std::printf("  (HTTP floor at 64 clients: %.0f/s, p99 %.2f ms; issuing reaches %.0f%% of it)\n",
                floor64.rate, floor64.p99, 100.0 * issue64.rate / floor64.rate);
    std::printf("  fan-out p99 < 20 ms at 100 clients: %.2f ms  %s\n", fan.p99,
                verdict(fan.p99 < 20));
    double worst = 0;
    for (std::size_t i = 0; i < empty.rows.size(); ++i) {
        if (empty.rows[i].name.rfind("floor: ", 0) == 0)
            continue;  // the floor touches no data: a reference, not a figure of the server
        if (empty.rows[i].p99 > 0.05)
            worst = std::max(worst, year.rows[i].p99 / empty.rows[i].p99);
        // Throughput is a target for the closed-loop rows; the morning's rates follow the
        // tickets there are to call.
        const bool closed_loop_row =
            empty.rows[i].name.rfind("issue, ", 0) == 0 || empty.rows[i].name.rfind("GET ", 0) == 0;
        if (year.rows[i].rate > 0 && empty.rows[i].rate > 0 && closed_loop_row) {
            worst = std::max(worst, empty.rows[i].rate / year.rows[i].rate);
        }
    }
    std::printf("  no figure worse than 1.5x with a year of history: worst %.2fx  %s\n", worst,
                verdict(worst <= 1.5));
    std::printf("  server memory < 50 MB with 100 streams: %.1f MB  %s\n",
                empty.rss_100_streams_kb / 1024.0, verdict(empty.rss_100_streams_kb < 50 * 1024));
    std::printf("  (year-of-history issuing at 64 clients: %.0f/s, p99 %.2f ms)\n",
                issue64_year.rate, issue64_year.p99);
    return 0;
}
