// Benchmark of a catalog the size of a real DPMPTSP's: 300 generated permits imported into the
// real queue-server (tests/support/generated_catalog.hpp) beside the five SOP permits.
//   - GET /permits (the whole list, and searches by word, abbreviation and with one typo),
//     p50/p99, against GET /health measured in the same run (the HTTP floor); target p99 < 20 ms
//   - the kiosk at 1080x1920 on the software renderer, searching with the on-screen keyboard:
//     keystroke -> next frame (the letter shown) p99 <= 16 ms, and keystroke -> results drawn
//   - an admin's edit -> every one of 10 running kiosks holds the new version; target <= 1 s
// Prints a table; not a test. Usage: bench_catalog [requests] [edits]
#include <algorithm>
#include <cstdio>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "api_client.hpp"
#include "generated_catalog.hpp"
#include "loket/ui/app_shell.hpp"
#include "model.hpp"
#include "runtime.hpp"
#include "server_process.hpp"
#include "temp_dir.hpp"
#include "view.hpp"

using namespace loket;
using namespace loket::kiosk;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using nlohmann::json;

namespace {

double ms_between(Clock::time_point a, Clock::time_point b) {
    return std::chrono::duration<double, std::milli>(b - a).count();
}

double percentile(std::vector<double> v, double p) {
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    const auto i =
        std::size_t(std::min<double>(double(v.size() - 1), p / 100.0 * double(v.size())));
    return v[i];
}

struct Row {
    std::string what;
    std::string value;
    std::string target;
    bool ok;
};

std::string spread(const std::vector<double>& ms) {
    char buf[128];
    std::snprintf(buf, sizeof buf, "p50 %.2f  p99 %.2f  max %.2f ms (%zu)", percentile(ms, 50),
                  percentile(ms, 99), ms.empty() ? 0 : *std::max_element(ms.begin(), ms.end()),
                  ms.size());
    return buf;
}

// Latencies of `requests` GETs cycling through `paths`; failed answers are counted.
std::vector<double> timed_gets(loket::testing::ApiClient& client,
                               const std::vector<std::string>& paths, int requests, int& failures) {
    std::vector<double> ms;
    for (int i = 0; i < requests; ++i) {
        const auto t = Clock::now();
        const auto r = client.get(paths[std::size_t(i) % paths.size()]);
        ms.push_back(ms_between(t, Clock::now()));
        if (r.status != 200)
            ++failures;
    }
    return ms;
}

// Tasks the kiosks' workers post for their models, run on the benchmark's thread (each
// model is touched by that thread only, as the kiosk's UI thread does).
class TaskQueue {
  public:
    void post(std::function<void()> task) {
        std::lock_guard lock(mu_);
        tasks_.push_back(std::move(task));
    }
    void run_pending() {
        std::deque<std::function<void()>> now;
        {
            std::lock_guard lock(mu_);
            now.swap(tasks_);
        }
        for (auto& t : now)
            t();
    }

  private:
    std::mutex mu_;
    std::deque<std::function<void()>> tasks_;
};

int version_held(const Model& m, const std::string& id) {
    for (const PermitDetail& d : m.cached_permits())
        if (d.id == id)
            return d.version;
    return -1;
}

using loket::testing::ApiClient;

// The 300 generated permits imported in one request; nothing when the import failed.
std::optional<json> import_catalog(ApiClient& admin, ApiClient& anonymous, std::vector<Row>& rows) {
    json permits = json::array();
    for (const json& doc : loket::testing::generated_catalog(300))
        permits.push_back(doc);
    const auto t_import = Clock::now();
    const auto imported =
        admin.post("/catalog/import", {{"format", "loket-catalog/1"}, {"permits", permits}});
    const double import_ms = ms_between(t_import, Clock::now());
    if (imported.status != 200) {
        std::fprintf(stderr, "import failed: %d %s\n", imported.status,
                     imported.body.dump().c_str());
        return std::nullopt;
    }
    const std::size_t listed = anonymous.get("/permits").body["permits"].size();
    rows.push_back(
        {"catalog: permits listed after the import", std::to_string(listed), "305", listed == 305});
    rows.push_back(
        {"import of 300 permits in one request", std::to_string(int(import_ms)) + " ms", "", true});
    return permits;
}

// The public catalog over HTTP, against the floor of the same server.
void measure_public_catalog(ApiClient& anonymous, const json& permits, int requests,
                            std::vector<Row>& rows) {
    int failures = 0;
    const auto floor = timed_gets(anonymous, {"/health"}, requests, failures);
    rows.push_back({"floor: GET /health", spread(floor), "", true});
    const auto list = timed_gets(anonymous, {"/permits"}, requests, failures);
    rows.push_back(
        {"GET /permits (305 permits)", spread(list), "p99 < 20 ms", percentile(list, 99) < 20});
    const std::vector<std::string> searches = {
        "/permits?q=iumk",         "/permits?q=NIB",           "/permits?q=pbg",
        "/permits?q=siup",         "/permits?q=izin%20apotek", "/permits?q=bangunan%20gedung",
        "/permits?q=reklame",      "/permits?q=prkatik",  // one typo: praktik
        "/permits?q=perdagagan",                          // one typo: perdagangan
        "/permits?q=usaha%20mikro"};
    const auto search = timed_gets(anonymous, searches, requests, failures);
    rows.push_back({"GET /permits?q= (words, abbreviations, typos)", spread(search), "p99 < 20 ms",
                    percentile(search, 99) < 20});
    const auto detail = timed_gets(
        anonymous, {"/permits/kaltim-ikot", "/permits/" + permits[150]["id"].get<std::string>()},
        requests, failures);
    rows.push_back(
        {"GET /permits/{id}", spread(detail), "p99 < 20 ms", percentile(detail, 99) < 20});
    rows.push_back({"failed requests", std::to_string(failures), "0", failures == 0});
}

// The kiosk searching the large catalog on its on-screen keyboard.
void measure_kiosk_search(const loket::testing::ServerProcess& server, std::vector<Row>& rows) {
    ui::ShellOptions shell_options;
    shell_options.headless = true;
    shell_options.width = 1080;
    shell_options.height = 1920;
    ui::AppShell shell(shell_options);
    Model model;
    RuntimeOptions options;
    options.server.server_url = server.url();
    options.server.device_key = loket::testing::kKioskKey;
    Runtime runtime(model, options, [&shell](Runtime::Task t) { shell.post(std::move(t)); });
    ViewState view;
    shell.set_frame([&](ui::AppShell& s) {
        draw_kiosk(s, model, view);
        runtime.dispatch();
    });
    runtime.start();
    const auto until = [&](auto pred, std::chrono::milliseconds timeout = 20s) {
        const auto deadline = Clock::now() + timeout;
        while (!pred() && Clock::now() < deadline)
            shell.run_for(2ms);
        return pred();
    };
    const bool loaded = until(
        [&] { return model.screen() == Screen::start && model.cached_permits().size() == 305; });
    rows.push_back(
        {"kiosk: the whole catalog held", loaded ? "305 permits" : "not loaded", "305", loaded});
    model.open_permit_info();
    runtime.dispatch();
    shell.render_frame();
    std::vector<double> echo, results;
    const std::vector<std::string> words = {"usaha mikro",    "iumk", "bangunan gedung",
                                            "prkatik dokter", "siup", "reklame"};
    for (int round = 0; round < 5; ++round) {
        for (const std::string& word : words) {
            model.set_query("");
            runtime.dispatch();
            until([&] { return model.results_state() == Loading::idle; });
            for (std::size_t n = 1; n <= word.size(); ++n) {
                const auto t = Clock::now();
                model.set_query(word.substr(0, n));
                runtime.dispatch();
                shell.render_frame();
                echo.push_back(ms_between(t, Clock::now()));
                until([&] { return model.results_state() == Loading::idle; }, 5s);
                shell.render_frame();
                results.push_back(ms_between(t, Clock::now()));
            }
        }
    }
    rows.push_back({"kiosk 1080x1920: keystroke -> frame", spread(echo), "p99 <= 16 ms",
                    percentile(echo, 99) <= 16});
    rows.push_back({"kiosk: keystroke -> results drawn", spread(results), "p99 <= 100 ms",
                    percentile(results, 99) <= 100});
    runtime.stop();
}

// Running kiosks without windows: their models and runtimes, their tasks run on this thread.
class KioskFleet {
  public:
    KioskFleet(const std::string& server_url, int kiosks) {
        for (int k = 0; k < kiosks; ++k) {
            models.push_back(std::make_unique<Model>());
            RuntimeOptions options;
            options.server.server_url = server_url;
            options.server.device_key = loket::testing::kKioskKey;
            runtimes_.push_back(std::make_unique<Runtime>(
                *models.back(), options, [this](Runtime::Task t) { ui.post(std::move(t)); }));
            runtimes_.back()->start();
        }
    }
    ~KioskFleet() {
        for (auto& r : runtimes_)
            r->stop();
    }

    // Runs the kiosks' tasks until `pred` holds for every model, or the timeout.
    template <typename Pred>
    bool all(Pred pred, std::chrono::milliseconds timeout) {
        const auto deadline = Clock::now() + timeout;
        for (;;) {
            ui.run_pending();
            bool done = true;
            for (const auto& m : models)
                done = done && pred(*m);
            if (done || Clock::now() >= deadline)
                return done;
            std::this_thread::sleep_for(1ms);
        }
    }

    TaskQueue ui;
    std::vector<std::unique_ptr<Model>> models;

  private:
    std::vector<std::unique_ptr<Runtime>> runtimes_;
};

// `edits` saves of permit `id`: for each, the time until each kiosk held the new version (5 s at
// most); the kiosks that did not within them are counted in `missed`.
std::vector<double> edit_reach_times(ApiClient& admin, KioskFleet& fleet, const std::string& id,
                                     int edits, int& missed) {
    std::vector<double> reach;
    for (int e = 0; e < edits; ++e) {
        const auto opened = admin.get("/catalog/permits/" + id);
        json permit = opened.body["permit"];
        permit["keywords"].push_back("uji-" + std::to_string(e));
        const int base = opened.body["version"]["version"];
        const auto t = Clock::now();
        const auto saved = admin.raw(
            "PUT", "/catalog/permits/" + id,
            json{{"permit", permit}, {"base_version", base}, {"note", "benchmark"}}.dump());
        if (saved.status != 200) {
            ++missed;
            continue;
        }
        const int version = base + 1;
        std::vector<bool> seen(fleet.models.size(), false);
        const auto deadline = t + 5s;
        std::size_t count = 0;
        while (count < fleet.models.size() && Clock::now() < deadline) {
            fleet.ui.run_pending();
            for (std::size_t k = 0; k < fleet.models.size(); ++k) {
                if (!seen[k] && version_held(*fleet.models[k], id) == version) {
                    seen[k] = true;
                    ++count;
                    reach.push_back(ms_between(t, Clock::now()));
                }
            }
            std::this_thread::sleep_for(1ms);
        }
        missed += int(fleet.models.size() - count);
    }
    return reach;
}

// An edit reaching every running kiosk.
void measure_edits(const loket::testing::ServerProcess& server, ApiClient& admin,
                   const json& permits, int edits, std::vector<Row>& rows) {
    constexpr int kKiosks = 10;
    KioskFleet fleet(server.url(), kKiosks);
    const std::string id = permits[42]["id"];
    const bool ready =
        fleet.all([&](const Model& m) { return m.cached_permits().size() == 305; }, 60s);
    rows.push_back({"kiosks holding the catalog", ready ? std::to_string(kKiosks) : "not all",
                    std::to_string(kKiosks), ready});
    std::this_thread::sleep_for(1s);  // the event streams connected and settled
    fleet.all([](const Model&) { return false; }, 200ms);
    int missed = 0;
    const std::vector<double> reach = edit_reach_times(admin, fleet, id, edits, missed);
    rows.push_back({"edit -> held by each of " + std::to_string(kKiosks) + " kiosks", spread(reach),
                    "max <= 1000 ms",
                    !reach.empty() && *std::max_element(reach.begin(), reach.end()) <= 1000});
    rows.push_back({"kiosks that missed an edit (5 s)", std::to_string(missed), "0", missed == 0});
}

}  // namespace

int main(int argc, char** argv) {
    const int requests = argc > 1 ? std::max(50, std::atoi(argv[1])) : 500;
    const int edits = argc > 2 ? std::max(3, std::atoi(argv[2])) : 20;

    loket::testing::TempDir dir;
    loket::testing::ServerProcess server(dir.path());
    ApiClient admin(server.url(), loket::testing::add_user_and_login(server, "admin", "admin"));
    ApiClient anonymous(server.url());
    std::vector<Row> rows;
    const std::optional<json> permits = import_catalog(admin, anonymous, rows);
    if (!permits)
        return 1;
    measure_public_catalog(anonymous, *permits, requests, rows);
    measure_kiosk_search(server, rows);
    measure_edits(server, admin, *permits, edits, rows);

    std::printf("\nCatalog benchmark (300 generated permits + the 5 SOPs, real queue-server)\n");
    std::printf("%-48s %-50s %-16s %s\n", "measure", "value", "target", "");
    std::printf("%s\n", std::string(124, '-').c_str());
    for (const auto& r : rows)
        std::printf("%-48s %-50s %-16s %s\n", r.what.c_str(), r.value.c_str(), r.target.c_str(),
                    r.target.empty() ? "" : (r.ok ? "ok" : "MISSED"));
    return 0;
}
