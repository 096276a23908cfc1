// The province's central PostgreSQL at scale (docs/scale.md), on a real PostgreSQL 15 started
// here:
//  1. the ceiling: raw COPY of events into a bare table, and plain batched INSERTs of them;
//  2. loading: OFFICES offices x a year of office days through loket.ingest (the sync path,
//     with folding), events/s against the ceiling;
//  3. one office's log shipped from its SQLite file by the EventShipper, events/s;
//  4. sync lag at a busy office's rate: the real queue-server issuing and calling tickets,
//     `queue-server sync` shipping; lag = arrival at central - the event's time, p50/p99;
//  5. the dashboard's queries over the loaded year, p50/p99 of 20 runs each.
//   bench_central [--offices N] [--days N] [--tickets-per-day N] [--hold-seconds N]
// --hold-seconds keeps the loaded PostgreSQL running that long at the end, for a look with psql
// (its socket folder and port are printed first).
#include <SQLiteCpp/SQLiteCpp.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <pqxx/pqxx>
#include <random>
#include <thread>

#include "api_client.hpp"
#include "loket/central_store.hpp"
#include "loket/central_sync.hpp"
#include "loket/database.hpp"
#include "loket/office.hpp"
#include "loket/province_dashboard.hpp"
#include "postgres_process.hpp"
#include "server_process.hpp"
#include "temp_dir.hpp"

namespace {

using namespace loket;
using namespace loket::central;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

double percentile(std::vector<double> values, double p) {
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const auto rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(values.size())));
    return values[std::max<std::size_t>(rank, 1) - 1];
}

int option(int argc, char** argv, const std::string& name, int fallback) {
    for (int i = 1; i + 1 < argc; ++i)
        if (argv[i] == name)
            return std::atoi(argv[i + 1]);
    return fallback;
}

// One office's year as the queue-server writes it: per working day counters open, tickets
// issued through the day, called after a wait, 8 % not there, the rest started and finished.
struct YearOfEvents {
    std::vector<nlohmann::json> events;  // {id, type, at_ms, payload}, ids from 1
};

YearOfEvents office_year(int office_index, int days, int tickets_per_day,
                         std::int64_t first_day_ms) {
    std::mt19937 random(static_cast<unsigned>(office_index * 7919 + 17));
    // Offices differ: a small one sees a third of the tickets of a large one.
    const double size = 0.5 + (office_index % 7) / 4.0;
    std::poisson_distribution<int> arrivals(tickets_per_day * size);
    std::exponential_distribution<double> wait_minutes(1.0 / 12.0);
    std::exponential_distribution<double> service_minutes(1.0 / 7.0);
    std::uniform_real_distribution<double> chance(0, 1);
    const char* services[] = {"informasi", "customer_service", "pendaftaran", "pengambilan"};
    YearOfEvents year;
    std::int64_t id = 0, ticket_id = 0;
    const auto add = [&](const char* type, std::int64_t at, nlohmann::json payload) {
        year.events.push_back(
            {{"id", ++id}, {"type", type}, {"at_ms", at}, {"payload", std::move(payload)}});
    };
    for (int day = 0; day < days; ++day) {
        const std::int64_t opens = first_day_ms + day * 86400000LL + 8 * 3600000LL;
        char date[16];
        const std::time_t t = (first_day_ms + day * 86400000LL) / 1000;
        std::tm tm{};
        gmtime_r(&t, &tm);
        std::strftime(date, sizeof date, "%Y-%m-%d", &tm);
        for (int counter = 1; counter <= 4; ++counter)
            add("counter.opened", opens,
                {{"counter",
                  {{"number", counter},
                   {"name", "Loket " + std::to_string(counter)},
                   {"state", "open"},
                   {"staff", "petugas" + std::to_string(counter)},
                   {"since", opens}}}});
        const int n = arrivals(random);
        std::vector<std::pair<std::int64_t, nlohmann::json>> later;  // events after issue, by time
        for (int i = 0; i < n; ++i) {
            const std::int64_t issued =
                opens + static_cast<std::int64_t>(i) * 7 * 3600000LL / std::max(n, 1);
            const int s = static_cast<int>(chance(random) * 4);
            nlohmann::json ticket = {
                {"id", ++ticket_id},
                {"local_date", date},
                {"number", std::string(1, "ABCD"[s]) + "-" + std::to_string(i + 1)},
                {"origin_service", services[s]},
                {"service", services[s]},
                {"state", "waiting"},
                {"issued_at", issued},
                {"counter", nullptr}};
            add("ticket.issued", issued, {{"ticket", ticket}});
            const std::int64_t called =
                issued + static_cast<std::int64_t>(wait_minutes(random) * 60000);
            ticket["state"] = "called";
            ticket["counter"] = s + 1;
            const nlohmann::json staff = {{"name", "petugas" + std::to_string(s + 1)},
                                          {"role", "staff"}};
            later.push_back(
                {called, {{"type", "ticket.called"}, {"ticket", ticket}, {"staff", staff}}});
            if (chance(random) < 0.08) {
                ticket["state"] = "no_show";
                later.push_back(
                    {called + 120000,
                     {{"type", "ticket.no_show"}, {"ticket", ticket}, {"staff", staff}}});
                continue;
            }
            ticket["state"] = "serving";
            later.push_back({called + 40000,
                             {{"type", "ticket.started"}, {"ticket", ticket}, {"staff", staff}}});
            ticket["state"] = "done";
            later.push_back(
                {called + 40000 + static_cast<std::int64_t>(service_minutes(random) * 60000),
                 {{"type", "ticket.finished"}, {"ticket", ticket}, {"staff", staff}}});
        }
        std::stable_sort(later.begin(), later.end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
        // The day's events in time order: issues are already in; merge the rest after them by
        // time (ids stay increasing, as the office's log is).
        std::vector<nlohmann::json> day_events;
        const std::size_t day_start = year.events.size() - static_cast<std::size_t>(n);
        std::vector<nlohmann::json> issues(year.events.begin() + static_cast<long>(day_start),
                                           year.events.end());
        year.events.resize(day_start);
        id -= n;
        std::size_t a = 0, b = 0;
        while (a < issues.size() || b < later.size()) {
            const bool take_issue =
                b >= later.size() ||
                (a < issues.size() && issues[a]["at_ms"].get<std::int64_t>() <= later[b].first);
            if (take_issue) {
                auto e = issues[a++];
                add(e["type"].get<std::string>().c_str(), e["at_ms"], e["payload"]);
            } else {
                auto payload = later[b].second;
                const std::string type = payload["type"];
                payload.erase("type");
                add(type.c_str(), later[b].first, std::move(payload));
                ++b;
            }
        }
        for (int counter = 1; counter <= 4; ++counter)
            add("counter.closed", opens + 9 * 3600000LL,
                {{"counter",
                  {{"number", counter},
                   {"name", "Loket " + std::to_string(counter)},
                   {"state", "closed"},
                   {"staff", ""},
                   {"since", opens + 9 * 3600000LL}}}});
    }
    return year;
}

std::string office_code(int i) {
    return "kab-" + std::to_string(i + 1);
}

void print_row(const std::string& what, const std::string& figure) {
    std::printf("  %-62s %s\n", what.c_str(), figure.c_str());
}

}  // namespace

int main(int argc, char** argv) {
    const int offices = option(argc, argv, "--offices", 50);
    const int days = option(argc, argv, "--days", 250);
    const int tickets_per_day = option(argc, argv, "--tickets-per-day", 120);
    loket::testing::PostgresProcess pg;
    loket::testing::TempDir dir;
    const std::string admin = pg.admin_connection();
    install_central_schema(admin);
    std::printf(
        "central PostgreSQL 15 on 127.0.0.1:%d (socket in %s); %d offices x %d days x ~%d "
        "tickets/day\n",
        pg.port(), pg.folder().c_str(), offices, days, tickets_per_day);

    const auto now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count();
    const std::int64_t first_day_ms = (now_ms / 86400000LL - days) * 86400000LL;

    // 1. The ceiling, on one office's year.
    const YearOfEvents sample = office_year(0, days, tickets_per_day, first_day_ms);
    double copy_rate = 0, insert_rate = 0;
    {
        pqxx::connection c(admin);
        {
            pqxx::work w(c);
            w.exec0(
                "CREATE TABLE ceiling (office text, id bigint, type text, at_ms bigint, "
                "payload jsonb)");
            w.commit();
        }
        {
            pqxx::work w(c);
            const auto start = Clock::now();
            pqxx::stream_to copy(
                w, "ceiling", std::vector<std::string>{"office", "id", "type", "at_ms", "payload"});
            for (const auto& e : sample.events) {
                copy << std::make_tuple(std::string("ceiling"), e["id"].get<std::int64_t>(),
                                        e["type"].get<std::string>(),
                                        e["at_ms"].get<std::int64_t>(), e["payload"].dump());
            }
            copy.complete();
            w.commit();
            copy_rate = static_cast<double>(sample.events.size()) / seconds_since(start);
        }
        {
            pqxx::work w(c);
            w.exec0("TRUNCATE ceiling");
            w.commit();
            const auto start = Clock::now();
            for (std::size_t i = 0; i < sample.events.size(); i += 2000) {
                nlohmann::json batch = nlohmann::json::array();
                for (std::size_t j = i; j < std::min(i + 2000, sample.events.size()); ++j)
                    batch.push_back(sample.events[j]);
                pqxx::work b(c);
                b.exec_params0(
                    "INSERT INTO ceiling SELECT 'ceiling', e.id, e.type, e.at_ms, "
                    "e.payload FROM jsonb_to_recordset($1::jsonb) AS e(id bigint, type text, at_ms "
                    "bigint, "
                    "payload jsonb)",
                    batch.dump());
                b.commit();
            }
            insert_rate = static_cast<double>(sample.events.size()) / seconds_since(start);
        }
    }
    std::printf("\nceiling (one office's year, %zu events, same run)\n", sample.events.size());
    print_row("raw COPY into a bare table",
              std::to_string(static_cast<long>(copy_rate)) + " events/s");
    print_row("batched INSERT of 2,000 from JSON, no index",
              std::to_string(static_cast<long>(insert_rate)) + " events/s");

    // 2. Every office's year through loket.ingest (two loaders, as two cores allow).
    for (int i = 0; i < offices; ++i)
        add_office(admin, office_code(i), "DPMPTSP Kabupaten " + std::to_string(i + 1),
                   "sandi-kantor-" + std::to_string(i) + "-x");
    std::atomic<long> loaded{0};
    const auto load_start = Clock::now();
    std::vector<std::thread> loaders;
    for (int worker = 0; worker < 2; ++worker) {
        loaders.emplace_back([&, worker] {
            for (int i = worker; i < offices; i += 2) {
                const YearOfEvents year =
                    i == 0 ? sample : office_year(i, days, tickets_per_day, first_day_ms);
                std::ofstream(dir / ("pw" + std::to_string(i))) << "sandi-kantor-" << i << "-x\n";
                SyncSettings s;
                s.host = "127.0.0.1";
                s.port = pg.port();
                s.office = office_code(i);
                s.password_file = (dir / ("pw" + std::to_string(i))).string();
                s.ca_file = pg.ca_file().string();
                pqxx::connection c(connection_string(s));
                for (std::size_t at = 0; at < year.events.size(); at += 2000) {
                    nlohmann::json batch = nlohmann::json::array();
                    for (std::size_t j = at; j < std::min(at + 2000, year.events.size()); ++j)
                        batch.push_back(year.events[j]);
                    pqxx::work w(c);
                    w.exec_params("SELECT loket.ingest($1::jsonb)", batch.dump());
                    w.commit();
                }
                loaded += static_cast<long>(year.events.size());
            }
        });
    }
    for (auto& t : loaders)
        t.join();
    const double load_seconds = seconds_since(load_start);
    {
        pqxx::connection c(admin);
        pqxx::nontransaction(c).exec0("VACUUM ANALYZE");
    }
    std::printf("\nloading every office's year through loket.ingest (batches of 2,000, folding)\n");
    print_row("events loaded", std::to_string(loaded.load()) + " in " +
                                   std::to_string(static_cast<int>(load_seconds)) + " s");
    print_row("throughput",
              std::to_string(static_cast<long>(loaded / load_seconds)) + " events/s (" +
                  std::to_string(static_cast<int>(100.0 * loaded / load_seconds / copy_rate)) +
                  " % of raw COPY)");
    {
        pqxx::connection c(admin);
        pqxx::read_transaction w(c);
        print_row("central database size",
                  w.exec1("SELECT pg_size_pretty(pg_database_size('loket'))")[0].as<std::string>());
        print_row("visits (stages) folded",
                  w.exec1("SELECT count(*) FROM loket.visits")[0].as<std::string>());
    }

    // 3. One office's log from its SQLite file by the EventShipper.
    {
        const auto db_path = dir / "shipper.db";
        open_database(db_path, {});
        SQLite::Database db(db_path.string(), SQLite::OPEN_READWRITE);
        SQLite::Transaction tx(db);
        SQLite::Statement q(db,
                            "INSERT INTO events (id, type, at_ms, payload) VALUES (?, ?, ?, ?)");
        for (const auto& e : sample.events) {
            q.bind(1, e["id"].get<std::int64_t>());
            q.bind(2, e["type"].get<std::string>());
            q.bind(3, e["at_ms"].get<std::int64_t>());
            q.bind(4, e["payload"].dump());
            q.exec();
            q.reset();
        }
        tx.commit();
        add_office(admin, "kota-shipper", "Kota Shipper", "sandi-shipper-123");
        std::ofstream(dir / "pw-shipper") << "sandi-shipper-123\n";
        SyncSettings s;
        s.host = "127.0.0.1";
        s.port = pg.port();
        s.office = "kota-shipper";
        s.password_file = (dir / "pw-shipper").string();
        s.ca_file = pg.ca_file().string();
        EventShipper shipper(db_path, connection_string(s), 2000);
        const auto start = Clock::now();
        const auto shipped = shipper.ship_available();
        const double rate = static_cast<double>(shipped) / seconds_since(start);
        std::printf(
            "\nshipping one office's year from its SQLite file (EventShipper, batches of 2,000)\n");
        print_row("throughput", std::to_string(static_cast<long>(rate)) + " events/s (" +
                                    std::to_string(static_cast<int>(100.0 * rate / copy_rate)) +
                                    " % of raw COPY)");
    }

    // 4. Sync lag at a busy office's rate, beside the loaded central.
    {
        loket::testing::TempDir office_dir;
        add_office(admin, "kota-sibuk", "Kota Sibuk", "sandi-sibuk-1234");
        std::ofstream(dir / "pw-sibuk") << "sandi-sibuk-1234\n";
        std::string config = loket::testing::kAlwaysOpenConfig;
        config += "\n[central]\nhost = \"127.0.0.1\"\nport = " + std::to_string(pg.port()) +
                  "\noffice = \"kota-sibuk\"\npassword_file = \"" + (dir / "pw-sibuk").string() +
                  "\"\nca_file = \"" + pg.ca_file().string() + "\"\n";
        loket::testing::ServerProcess server(office_dir.path(), config);
        const pid_t sync =
            loket::testing::start_sync_process(server, office_dir.path() / "sync.log");

        // A busy Mal Pelayanan Publik: 1,500 tickets a day, at its peak 3 an hour per... five
        // events a ticket: here 10 events/s for 30 s, far above a day's average.
        loket::testing::ApiClient kiosk(server.url(), loket::testing::kKioskKey);
        const auto run_start = Clock::now();
        int issued = 0;
        while (seconds_since(run_start) < 30) {
            const auto tick = Clock::now();
            for (int i = 0; i < 10; ++i)
                issued += kiosk.post("/tickets", {{"service", "informasi"}}).status == 201;
            std::this_thread::sleep_until(tick + std::chrono::seconds(1));
        }
        std::this_thread::sleep_for(std::chrono::seconds(2));
        ::kill(sync, SIGTERM);
        int status = 0;
        waitpid(sync, &status, 0);
        pqxx::connection c(admin);
        pqxx::read_transaction w(c);
        std::vector<double> lag;
        for (const auto& row : w.exec("SELECT extract(epoch FROM received_at - at)::float8 FROM "
                                      "loket.events WHERE office = 'kota-sibuk'"))
            lag.push_back(row[0].as<double>());
        std::printf(
            "\nsync lag at a busy office (10 events/s for 30 s, real queue-server and queue-server "
            "sync, poll 250 ms)\n");
        print_row("events shipped",
                  std::to_string(lag.size()) + " of " + std::to_string(issued) + " issued");
        print_row("lag p50 / p99 / max",
                  std::to_string(static_cast<int>(percentile(lag, 0.5) * 1000)) + " / " +
                      std::to_string(static_cast<int>(percentile(lag, 0.99) * 1000)) + " / " +
                      std::to_string(static_cast<int>(percentile(lag, 1.0) * 1000)) +
                      " ms (target p99 < 2000)");
    }

    // 5. The dashboard's queries over the loaded year.
    {
        ProvinceDashboard dashboard(admin, 2);
        char today[16], month_start[16], year_start[16];
        const std::time_t t = now_ms / 1000;
        std::tm tm{};
        gmtime_r(&t, &tm);
        std::strftime(today, sizeof today, "%Y-%m-%d", &tm);
        // A whole month of data whatever today's date: the 30 days up to today.
        const std::time_t m = t - 29 * 86400;
        gmtime_r(&m, &tm);
        std::strftime(month_start, sizeof month_start, "%Y-%m-%d", &tm);
        const std::time_t y = (first_day_ms + 86400000LL) / 1000;
        gmtime_r(&y, &tm);
        std::strftime(year_start, sizeof year_start, "%Y-%m-%d", &tm);
        const auto time_it = [&](const std::string& what, const std::function<void()>& query) {
            std::vector<double> ms;
            for (int i = 0; i < 20; ++i) {
                const auto start = Clock::now();
                query();
                ms.push_back(seconds_since(start) * 1000);
            }
            print_row(what, std::to_string(static_cast<int>(percentile(ms, 0.5))) + " / " +
                                std::to_string(static_cast<int>(percentile(ms, 0.99))) + " ms");
        };
        std::printf(
            "\ndashboard queries over the loaded year, p50 / p99 of 20 (target p99 < 500 ms)\n");
        time_it("every office's today", [&] { dashboard.today(); });
        time_it("a month's figures (30 days), every office",
                [&] { dashboard.figures(month_start, today); });
        time_it("one office's month (30 days), day by day",
                [&] { dashboard.office_days("kab-1", month_start, today); });
        time_it("a year's figures, every office (export)",
                [&] { dashboard.figures(year_start, today); });
    }
    std::fflush(stdout);
    std::this_thread::sleep_for(std::chrono::seconds(option(argc, argv, "--hold-seconds", 0)));
    return 0;
}
