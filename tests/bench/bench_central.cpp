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
// At Pendaftaran a finished visit registers a file (70 %, completed 1 to 20 days later) or is
// found incomplete (10 %), so the applications' median working days is read at volume.
struct YearOfEvents {
    std::vector<nlohmann::json> events;  // {id, type, at_ms, payload}, ids from 1
    long applications = 0;
};

// The simulated offices keep their days in UTC.
std::string utc_date(std::int64_t ms) {
    char date[16];
    const std::time_t t = ms / 1000;
    std::tm tm{};
    gmtime_r(&t, &tm);
    std::strftime(date, sizeof date, "%Y-%m-%d", &tm);
    return date;
}

class YearBuilder {
  public:
    YearBuilder(int office_index, int tickets_per_day)
        : random_(static_cast<unsigned>(office_index * 7919 + 17)),
          // Its own stream, so the queue's events are those of the benchmark without files.
          files_random_(static_cast<unsigned>(office_index * 104729 + 3)),
          // Offices differ: a small one sees a third of the tickets of a large one.
          arrivals_(tickets_per_day * (0.5 + (office_index % 7) / 4.0)) {}

    void add_day(std::int64_t day_ms) {
        const std::int64_t opens = day_ms + 8 * 3600000LL;
        counters("open", opens);
        std::vector<Timed> day, rest = due_before(day_ms + 86400000LL);
        const int n = arrivals_(random_);
        for (int i = 0; i < n; ++i)
            visit(i, opens + static_cast<std::int64_t>(i) * 7 * 3600000LL / std::max(n, 1),
                  utc_date(day_ms), day, rest);
        // The issues first, so at equal times they stay before what follows them; ids stay
        // increasing, as in the office's log.
        std::move(rest.begin(), rest.end(), std::back_inserter(day));
        std::stable_sort(day.begin(), day.end(),
                         [](const Timed& a, const Timed& b) { return a.first < b.first; });
        for (auto& [at, event] : day) {
            const std::string type = event["type"];
            event.erase("type");
            add(type, at, std::move(event));
        }
        counters("closed", opens + 9 * 3600000LL);
    }

    YearOfEvents take() { return std::move(year_); }

  private:
    using Timed = std::pair<std::int64_t, nlohmann::json>;  // {at, {type, payload...}}

    void add(const std::string& type, std::int64_t at, nlohmann::json payload) {
        year_.events.push_back(
            {{"id", ++id_}, {"type", type}, {"at_ms", at}, {"payload", std::move(payload)}});
    }

    void counters(const std::string& state, std::int64_t at) {
        for (int counter = 1; counter <= 4; ++counter)
            add(state == "open" ? "counter.opened" : "counter.closed", at,
                {{"counter",
                  {{"number", counter},
                   {"name", "Loket " + std::to_string(counter)},
                   {"state", state},
                   {"staff", state == "open" ? "petugas" + std::to_string(counter) : ""},
                   {"since", at}}}});
    }

    // The files' events of earlier days that fall before `end`.
    std::vector<Timed> due_before(std::int64_t end) {
        std::vector<Timed> due;
        const auto later = std::stable_partition(pending_.begin(), pending_.end(),
                                                 [&](const Timed& e) { return e.first < end; });
        std::move(pending_.begin(), later, std::back_inserter(due));
        pending_.erase(pending_.begin(), later);
        return due;
    }

    void visit(int i, std::int64_t issued, const std::string& date, std::vector<Timed>& issues,
               std::vector<Timed>& day) {
        static const char* const services[] = {"informasi", "customer_service", "pendaftaran",
                                               "pengambilan"};
        const int s = static_cast<int>(chance_(random_) * 4);
        nlohmann::json ticket = {
            {"id", ++ticket_id_},
            {"local_date", date},
            {"number", std::string(1, "ABCD"[s]) + "-" + std::to_string(i + 1)},
            {"origin_service", services[s]},
            {"service", services[s]},
            {"state", "waiting"},
            {"issued_at", issued},
            {"counter", nullptr}};
        issues.push_back({issued, {{"type", "ticket.issued"}, {"ticket", ticket}}});
        const std::int64_t called = issued + static_cast<std::int64_t>(wait_(random_) * 60000);
        const nlohmann::json staff = {{"name", "petugas" + std::to_string(s + 1)},
                                      {"role", "staff"}};
        const auto staff_event = [&](const char* type, const char* state, std::int64_t at) {
            ticket["state"] = state;
            day.push_back({at, {{"type", type}, {"ticket", ticket}, {"staff", staff}}});
        };
        ticket["counter"] = s + 1;
        staff_event("ticket.called", "called", called);
        if (chance_(random_) < 0.08) {
            staff_event("ticket.no_show", "no_show", called + 120000);
            return;
        }
        staff_event("ticket.started", "serving", called + 40000);
        const std::int64_t finished =
            called + 40000 + static_cast<std::int64_t>(service_(random_) * 60000);
        staff_event("ticket.finished", "done", finished);
        if (services[s] == std::string("pendaftaran"))
            file_or_incomplete_visit(finished, day);
    }

    void file_or_incomplete_visit(std::int64_t at, std::vector<Timed>& day) {
        const nlohmann::json permit = {{"id", "pbg"}, {"name", "Persetujuan Bangunan Gedung"}};
        const double roll = chance_(files_random_);
        if (roll < 0.1) {
            day.push_back({at,
                           {{"type", "application.incomplete"},
                            {"visit", {{"id", ++visit_id_}, {"permit", permit}, {"at", at}}}}});
            return;
        }
        if (roll >= 0.8)
            return;
        ++year_.applications;
        nlohmann::json file = {
            {"id", ++file_id_},    {"number", "PBG-" + std::to_string(file_id_)},
            {"permit", permit},    {"state", "in_process"},
            {"outcome", nullptr},  {"clock", {{"state", "running"}, {"due", at + 14 * 86400000LL}}},
            {"registered_at", at}, {"completed_at", nullptr},
            {"ready_at", nullptr}, {"picked_up_at", nullptr}};
        day.push_back({at, {{"type", "application.registered"}, {"application", file}}});
        const std::int64_t ready =
            (at / 86400000LL + file_days_(files_random_)) * 86400000LL + 10 * 3600000LL;
        file["state"] = "ready";
        file["outcome"] = "approved";
        file["clock"]["state"] = "stopped";
        file["completed_at"] = ready;
        file["ready_at"] = ready;
        pending_.push_back({ready, {{"type", "application.ready"}, {"application", file}}});
    }

    std::mt19937 random_;
    std::mt19937 files_random_;
    std::poisson_distribution<int> arrivals_;
    std::exponential_distribution<double> wait_{1.0 / 12.0};
    std::exponential_distribution<double> service_{1.0 / 7.0};
    std::uniform_real_distribution<double> chance_{0, 1};
    std::uniform_int_distribution<int> file_days_{1, 20};
    std::vector<Timed> pending_;
    YearOfEvents year_;
    std::int64_t id_ = 0, ticket_id_ = 0, file_id_ = 0, visit_id_ = 0;
};

YearOfEvents office_year(int office_index, int days, int tickets_per_day,
                         std::int64_t first_day_ms) {
    YearBuilder builder(office_index, tickets_per_day);
    for (int day = 0; day < days; ++day)
        builder.add_day(first_day_ms + day * 86400000LL);
    return builder.take();
}

// What each simulated office says of itself to central (its calendar reads the files' working
// days): the default office's services on WIB, open Monday to Friday 08.00-16.00.
nlohmann::json office_description() {
    OfficeConfig config = default_office_config();
    config.zone = TimeZone::WIB;
    for (int day = 1; day <= 5; ++day)
        config.hours[static_cast<std::size_t>(day)] = {TimeRange{8 * 60, 16 * 60}};
    return to_json(config);
}

std::string office_code(int i) {
    return "kab-" + std::to_string(i + 1);
}

void print_row(const std::string& what, const std::string& figure) {
    std::printf("  %-62s %s\n", what.c_str(), figure.c_str());
}

std::string per_second(double rate, double copy_rate) {
    return std::to_string(static_cast<long>(rate)) + " events/s (" +
           std::to_string(static_cast<int>(100.0 * rate / copy_rate)) + " % of raw COPY)";
}

// The events [from, from + 2,000) as one batch, the shape loket.ingest and the ceiling read.
std::string batch_of(const YearOfEvents& year, std::size_t from) {
    nlohmann::json batch = nlohmann::json::array();
    for (std::size_t j = from; j < std::min(from + 2000, year.events.size()); ++j)
        batch.push_back(year.events[j]);
    return batch.dump();
}

struct Bench {
    int offices = 50;
    int days = 250;
    int tickets_per_day = 120;
    std::int64_t now_ms = 0;
    std::int64_t first_day_ms = 0;
    loket::testing::PostgresProcess pg;
    loket::testing::TempDir dir;
    std::string admin;

    // The settings of an office's shipper, its password in a file as `queue-server sync` has it.
    SyncSettings office_link(const std::string& code, const std::string& password) {
        std::ofstream(dir / ("pw-" + code)) << password << "\n";
        SyncSettings s;
        s.host = "127.0.0.1";
        s.port = pg.port();
        s.office = code;
        s.password_file = (dir / ("pw-" + code)).string();
        s.ca_file = pg.ca_file().string();
        return s;
    }
};

// 1. The ceiling, on one office's year: raw COPY, and batched INSERTs from JSON; returns COPY's.
double measure_ceiling(Bench& bench, const YearOfEvents& sample) {
    pqxx::connection c(bench.admin);
    {
        pqxx::work w(c);
        w.exec0(
            "CREATE TABLE ceiling (office text, id bigint, type text, at_ms bigint, payload "
            "jsonb)");
        w.commit();
    }
    double copy_rate = 0, insert_rate = 0;
    {
        pqxx::work w(c);
        const auto start = Clock::now();
        pqxx::stream_to copy(w, "ceiling",
                             std::vector<std::string>{"office", "id", "type", "at_ms", "payload"});
        for (const auto& e : sample.events)
            copy << std::make_tuple(std::string("ceiling"), e["id"].get<std::int64_t>(),
                                    e["type"].get<std::string>(), e["at_ms"].get<std::int64_t>(),
                                    e["payload"].dump());
        copy.complete();
        w.commit();
        copy_rate = static_cast<double>(sample.events.size()) / seconds_since(start);
    }
    {
        pqxx::work w(c);
        w.exec0("TRUNCATE ceiling");
        w.commit();
    }
    const auto start = Clock::now();
    for (std::size_t i = 0; i < sample.events.size(); i += 2000) {
        pqxx::work b(c);
        b.exec_params0(
            "INSERT INTO ceiling SELECT 'ceiling', e.id, e.type, e.at_ms, e.payload FROM "
            "jsonb_to_recordset($1::jsonb) AS e(id bigint, type text, at_ms bigint, payload jsonb)",
            batch_of(sample, i));
        b.commit();
    }
    insert_rate = static_cast<double>(sample.events.size()) / seconds_since(start);
    std::printf("\nceiling (one office's year, %zu events, same run)\n", sample.events.size());
    print_row("raw COPY into a bare table",
              std::to_string(static_cast<long>(copy_rate)) + " events/s");
    print_row("batched INSERT of 2,000 from JSON, no index",
              std::to_string(static_cast<long>(insert_rate)) + " events/s");
    return copy_rate;
}

// 2. Every office describes itself and sends its year through loket.ingest, as its shipper
// does (two loaders, as two cores allow).
void load_offices(Bench& bench, const YearOfEvents& sample, double copy_rate) {
    for (int i = 0; i < bench.offices; ++i)
        add_office(bench.admin, office_code(i), "DPMPTSP Kabupaten " + std::to_string(i + 1),
                   "sandi-kantor-" + std::to_string(i) + "-x");
    const std::string description = office_description().dump();
    std::atomic<long> loaded{0}, files{0};
    const auto load_start = Clock::now();
    std::vector<std::thread> loaders;
    for (int worker = 0; worker < 2; ++worker) {
        loaders.emplace_back([&, worker] {
            for (int i = worker; i < bench.offices; i += 2) {
                const YearOfEvents year =
                    i == 0 ? sample
                           : office_year(i, bench.days, bench.tickets_per_day, bench.first_day_ms);
                pqxx::connection c(connection_string(
                    bench.office_link(office_code(i), "sandi-kantor-" + std::to_string(i) + "-x")));
                {
                    pqxx::work w(c);
                    w.exec_params("SELECT loket.describe_office($1::jsonb)", description);
                    w.commit();
                }
                for (std::size_t at = 0; at < year.events.size(); at += 2000) {
                    pqxx::work w(c);
                    w.exec_params("SELECT loket.ingest($1::jsonb)", batch_of(year, at));
                    w.commit();
                }
                loaded += static_cast<long>(year.events.size());
                files += year.applications;
            }
        });
    }
    for (auto& t : loaders)
        t.join();
    const double load_seconds = seconds_since(load_start);
    pqxx::connection c(bench.admin);
    pqxx::nontransaction(c).exec0("VACUUM ANALYZE");
    std::printf("\nloading every office's year through loket.ingest (batches of 2,000, folding)\n");
    print_row("events loaded", std::to_string(loaded.load()) + " in " +
                                   std::to_string(static_cast<int>(load_seconds)) + " s");
    print_row("throughput", per_second(static_cast<double>(loaded) / load_seconds, copy_rate));
    pqxx::read_transaction w(c);
    print_row("central database size",
              w.exec1("SELECT pg_size_pretty(pg_database_size('loket'))")[0].as<std::string>());
    print_row("visits (stages) folded",
              w.exec1("SELECT count(*) FROM loket.visits")[0].as<std::string>());
    print_row("applications (files) folded",
              w.exec1("SELECT count(*) FROM loket.applications")[0].as<std::string>() + " of " +
                  std::to_string(files.load()) + " registered");
}

// 3. One office's log from its SQLite file by the EventShipper.
void ship_one_office(Bench& bench, const YearOfEvents& sample, double copy_rate) {
    const auto db_path = bench.dir / "shipper.db";
    open_database(db_path, {});
    {
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
    }
    add_office(bench.admin, "kota-shipper", "Kota Shipper", "sandi-shipper-123");
    EventShipper shipper(
        db_path, connection_string(bench.office_link("kota-shipper", "sandi-shipper-123")), 2000);
    const auto start = Clock::now();
    const auto shipped = shipper.ship_available();
    const double rate = static_cast<double>(shipped) / seconds_since(start);
    std::printf(
        "\nshipping one office's year from its SQLite file (EventShipper, batches of 2,000)\n");
    print_row("throughput", per_second(rate, copy_rate));
}

// 4. Sync lag at a busy office's rate, beside the loaded central: the real queue-server and
// `queue-server sync`; lag = arrival at central - the event's time.
void measure_sync_lag(Bench& bench) {
    loket::testing::TempDir office_dir;
    add_office(bench.admin, "kota-sibuk", "Kota Sibuk", "sandi-sibuk-1234");
    const SyncSettings link = bench.office_link("kota-sibuk", "sandi-sibuk-1234");
    std::string config = loket::testing::kAlwaysOpenConfig;
    config += "\n[central]\nhost = \"127.0.0.1\"\nport = " + std::to_string(link.port) +
              "\noffice = \"kota-sibuk\"\npassword_file = \"" + link.password_file +
              "\"\nca_file = \"" + link.ca_file + "\"\n";
    loket::testing::ServerProcess server(office_dir.path(), config);
    const pid_t sync = loket::testing::start_sync_process(server, office_dir.path() / "sync.log");

    // A busy Mal Pelayanan Publik: 1,500 tickets a day, five events a ticket: here 10 events/s
    // for 30 s, far above a day's average.
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
    pqxx::connection c(bench.admin);
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

void time_query(const std::string& what, const std::function<void()>& query) {
    std::vector<double> ms;
    for (int i = 0; i < 20; ++i) {
        const auto start = Clock::now();
        query();
        ms.push_back(seconds_since(start) * 1000);
    }
    print_row(what, std::to_string(static_cast<int>(percentile(ms, 0.5))) + " / " +
                        std::to_string(static_cast<int>(percentile(ms, 0.99))) + " ms");
}

// 5. The dashboard's queries over the loaded year, p50/p99 of 20 runs each.
void time_dashboard(Bench& bench) {
    ProvinceDashboard dashboard(bench.admin, 2);
    const std::string today = utc_date(bench.now_ms);
    // A whole month of data whatever today's date: the 30 days up to today.
    const std::string month_start = utc_date(bench.now_ms - 29 * 86400000LL);
    const std::string year_start = utc_date(bench.first_day_ms + 86400000LL);
    {
        pqxx::connection c(bench.admin);
        pqxx::read_transaction w(c);
        std::printf(
            "\ndashboard queries over the loaded year, p50 / p99 of 20 (target p99 < 500 ms); "
            "%s files completed in the 30 days, each one's working days counted when read\n",
            w.exec_params1("SELECT count(*) FROM loket.applications WHERE completed_at >= "
                           "$1::date AND completed_at < $2::date + 1",
                           month_start, today)[0]
                .c_str());
    }
    const nlohmann::json month = dashboard.figures(month_start, today)["applications"];
    print_row("the month's files: median working days, every office",
              month["median_working_days"].dump() + " (" + month["finished"].dump() +
                  " finished, " + month["incomplete_visits"].dump() + " incomplete visits)");
    time_query("every office's today", [&] { dashboard.today(); });
    time_query("a month's figures (30 days), every office",
               [&] { dashboard.figures(month_start, today); });
    time_query("one office's month (30 days), day by day",
               [&] { dashboard.office_days("kab-1", month_start, today); });
    time_query("a year's figures, every office (export)",
               [&] { dashboard.figures(year_start, today); });
}

}  // namespace

int main(int argc, char** argv) {
    Bench bench;
    bench.offices = option(argc, argv, "--offices", 50);
    bench.days = option(argc, argv, "--days", 250);
    bench.tickets_per_day = option(argc, argv, "--tickets-per-day", 120);
    bench.admin = bench.pg.admin_connection();
    install_central_schema(bench.admin);
    std::printf(
        "central PostgreSQL 15 on 127.0.0.1:%d (socket in %s); %d offices x %d days x ~%d "
        "tickets/day\n",
        bench.pg.port(), bench.pg.folder().c_str(), bench.offices, bench.days,
        bench.tickets_per_day);
    bench.now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
    bench.first_day_ms = (bench.now_ms / 86400000LL - bench.days) * 86400000LL;

    const YearOfEvents sample =
        office_year(0, bench.days, bench.tickets_per_day, bench.first_day_ms);
    const double copy_rate = measure_ceiling(bench, sample);
    load_offices(bench, sample, copy_rate);
    ship_one_office(bench, sample, copy_rate);
    measure_sync_lag(bench);
    time_dashboard(bench);
    std::fflush(stdout);
    std::this_thread::sleep_for(std::chrono::seconds(option(argc, argv, "--hold-seconds", 0)));
    return 0;
}
