// Kiosk benchmark, headless on SDL's dummy driver and the software renderer, the
// kiosk's real model, workers and view against the real queue-server on loopback:
//   - time from start (before SDL is opened) to the first frame, and to the start screen with
//     the server's data (target <= 1 s)
//   - frame time at 1080x1920 on each main screen, p50/p99/max (target p99 <= 16 ms)
//   - CPU while idle on the start screen (target ~0: frames only on input or data change)
//   - resident memory, current and peak (target <= 80 MB)
// Prints a table; not a test. Usage: bench_kiosk [frames_per_screen] [idle_seconds]
#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

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

// CPU time of the calling thread: what a frame costs without the machine's other load.
double thread_cpu_ms() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

double cpu_seconds() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// VmRSS / VmHWM from /proc/self/status, in MB.
double proc_status_mb(const std::string& key) {
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind(key + ":", 0) == 0)
            return std::stod(line.substr(key.size() + 1)) / 1024.0;
    return 0;
}

struct Row {
    std::string what;
    std::string value;
    std::string target;
    bool ok;
};

std::string fmt(double v, const char* unit) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.1f %s", v, unit);
    return buf;
}

// The kiosk as it runs: the shell (headless, 1080x1920), the model, the workers, the view.
struct Kiosk {
    explicit Kiosk(const loket::testing::ServerProcess& server)
        : shell(shell_options()), runtime(model, runtime_options(server), [this](Runtime::Task t) {
              shell.post(std::move(t));
          }) {
        shell.set_frame([this](ui::AppShell& s) {
            draw_kiosk(s, model, view);
            runtime.dispatch();
            auto wake = model.next_deadline();
            if (const auto clock = next_clock_tick(model); clock && (!wake || *clock < *wake))
                wake = clock;
            runtime.wake_at(wake);
        });
    }

    static ui::ShellOptions shell_options() {
        ui::ShellOptions options;
        options.headless = true;
        options.width = 1080;
        options.height = 1920;
        return options;
    }
    static RuntimeOptions runtime_options(const loket::testing::ServerProcess& server) {
        RuntimeOptions options;
        options.server.server_url = server.url();
        options.server.device_key = loket::testing::kKioskKey;
        return options;
    }

    // Runs the shell until `pred` holds or the timeout; whether it holds.
    template <typename Pred>
    bool until(Pred pred, std::chrono::milliseconds timeout = 10s) {
        const auto deadline = Clock::now() + timeout;
        while (!pred() && Clock::now() < deadline)
            shell.run_for(5ms);
        return pred();
    }

    ui::AppShell shell;
    Model model;
    Runtime runtime;
    ViewState view;
};

// Start: the first frame, then the start screen with the server's data (since `t0`, before the
// kiosk was made).
void measure_start(Kiosk& kiosk, Clock::time_point t0, std::vector<Row>& rows) {
    kiosk.runtime.start();
    kiosk.shell.render_frame();
    const auto t_first = Clock::now();
    kiosk.until([&] {
        return kiosk.model.screen() == Screen::start && kiosk.model.services().size() == 4;
    });
    kiosk.shell.run_for(50ms);
    const auto t_start = Clock::now();
    const double first_ms = ms_between(t0, t_first), start_ms = ms_between(t0, t_start);
    rows.push_back({"time to first frame", fmt(first_ms, "ms"), "<= 1000 ms", first_ms <= 1000});
    rows.push_back({"time to start screen with server data", fmt(start_ms, "ms"), "<= 1000 ms",
                    start_ms <= 1000});
}

// Idle on the start screen: nothing changes, so (almost) nothing is drawn.
void measure_idle(Kiosk& kiosk, int idle_seconds, std::vector<Row>& rows) {
    const auto frames_before = kiosk.shell.stats().frames;
    const double cpu0 = cpu_seconds();
    const auto w0 = Clock::now();
    kiosk.shell.run_for(std::chrono::seconds(idle_seconds));
    const double idle_cpu =
        (cpu_seconds() - cpu0) / std::chrono::duration<double>(Clock::now() - w0).count();
    const auto idle_frames = kiosk.shell.stats().frames - frames_before;
    rows.push_back({"CPU idle on the start screen (" + std::to_string(idle_seconds) + " s)",
                    fmt(idle_cpu * 100, "%"), "~0 %", idle_cpu < 0.02});
    rows.push_back({"frames drawn while idle", std::to_string(idle_frames),
                    "clock minute ticks only",
                    idle_frames <= std::uint64_t(idle_seconds / 60 + 1) * 4});
}

// The floor: a frame that draws nothing but clears the 1080x1920 canvas.
void measure_empty_frame(Kiosk& kiosk, int frames, std::vector<Row>& rows) {
    kiosk.shell.set_frame([](ui::AppShell&) {});
    std::vector<double> cpu;
    for (int i = 0; i < frames; ++i) {
        const double c0 = thread_cpu_ms();
        kiosk.shell.render_frame();
        cpu.push_back(thread_cpu_ms() - c0);
    }
    char value[96];
    std::snprintf(value, sizeof value, "cpu p50 %.1f  p99 %.1f", percentile(cpu, 50),
                  percentile(cpu, 99));
    rows.push_back({"frame ms: empty (clear only, for reference)", value, "", true});
    kiosk.shell.set_frame([&kiosk](ui::AppShell& s) {
        draw_kiosk(s, kiosk.model, kiosk.view);
        kiosk.runtime.dispatch();
    });
}

struct Screenful {
    std::string name;
    std::function<bool()> go;  // gets there; false if it could not
};

// The main screens in the order a visitor meets them.
std::vector<Screenful> main_screens(Kiosk& kiosk) {
    Model& model = kiosk.model;
    Runtime& runtime = kiosk.runtime;
    return {
        {"start", [&] { return model.screen() == Screen::start; }},
        {"permit list + keyboard",
         [&] {
             model.open_permit_info();
             model.set_query("usaha mikro");
             runtime.dispatch();
             return kiosk.until([&] { return !model.results().empty(); });
         }},
        {"permit requirements (21)",
         [&] {
             model.open_permit("kaltim-ikot");
             runtime.dispatch();
             if (!kiosk.until([&] { return model.permit().has_value(); }))
                 return false;
             for (std::size_t i = 0; i < 10; ++i)
                 model.toggle_requirement(i);
             return true;
         }},
        {"permit steps timeline (17)",
         [&] {
             model.select_section(Section::steps);
             return true;
         }},
        {"confirmation with QR",
         [&] {
             for (std::size_t i = 0; i < model.ticked().size(); ++i)
                 if (!model.ticked()[i])
                     model.toggle_requirement(i);
             model.take_number_for_permit();
             model.choose_priority(Priority::None);
             runtime.dispatch();
             return kiosk.until([&] { return model.screen() == Screen::ticket; });
         }},
    };
}

// Frame time on each main screen, and over all of them.
void measure_screens(Kiosk& kiosk, int frames, std::vector<Row>& rows) {
    std::vector<double> all, all_cpu;
    for (const auto& s : main_screens(kiosk)) {
        if (!s.go()) {
            rows.push_back({"frame " + s.name, "could not reach the screen", "", false});
            continue;
        }
        kiosk.shell.render_frame();
        std::vector<double> times, cpu;
        for (int i = 0; i < frames; ++i) {
            const double c0 = thread_cpu_ms();
            kiosk.shell.render_frame();
            cpu.push_back(thread_cpu_ms() - c0);
            times.push_back(kiosk.shell.stats().last_ms);
        }
        all.insert(all.end(), times.begin(), times.end());
        all_cpu.insert(all_cpu.end(), cpu.begin(), cpu.end());
        const double p99 = percentile(times, 99);
        char value[128];
        std::snprintf(value, sizeof value, "p50 %.1f  p99 %.1f  max %.1f (cpu p50 %.1f p99 %.1f)",
                      percentile(times, 50), p99, *std::max_element(times.begin(), times.end()),
                      percentile(cpu, 50), percentile(cpu, 99));
        rows.push_back({"frame ms: " + s.name, value, "p99 <= 16 ms", p99 <= 16});
    }
    const double p99_all = percentile(all, 99);
    char all_value[128];
    std::snprintf(all_value, sizeof all_value, "p50 %.1f  p99 %.1f (cpu p50 %.1f p99 %.1f), %zu",
                  percentile(all, 50), p99_all, percentile(all_cpu, 50), percentile(all_cpu, 99),
                  all.size());
    rows.push_back({"frame ms: all screens (frames)", all_value, "p99 <= 16 ms", p99_all <= 16});
}

// The machine's load during the run, and the kiosk's memory.
void machine_rows(std::vector<Row>& rows) {
    const double load = [] {
        double l = 0;
        std::ifstream("/proc/loadavg") >> l;
        return l;
    }();
    char load_text[64];
    std::snprintf(load_text, sizeof load_text, "%.2f on %u cores", load,
                  std::thread::hardware_concurrency());
    rows.push_back({"machine load average (1 min) during the run", load_text, "", true});

    const double rss = proc_status_mb("VmRSS"), peak = proc_status_mb("VmHWM");
    rows.push_back({"resident memory (now / peak)", fmt(rss, "MB") + " / " + fmt(peak, "MB"),
                    "<= 80 MB", peak <= 80});
}

}  // namespace

int main(int argc, char** argv) {
    const int frames = argc > 1 ? std::max(10, std::atoi(argv[1])) : 200;
    const int idle_seconds = argc > 2 ? std::max(2, std::atoi(argv[2])) : 10;

    loket::testing::TempDir dir;
    loket::testing::ServerProcess server(dir.path());
    std::vector<Row> rows;

    const auto t0 = Clock::now();
    Kiosk kiosk(server);
    measure_start(kiosk, t0, rows);
    measure_idle(kiosk, idle_seconds, rows);
    measure_empty_frame(kiosk, frames, rows);
    measure_screens(kiosk, frames, rows);
    machine_rows(rows);
    kiosk.runtime.stop();

    std::printf("\nKiosk benchmark (headless, software renderer, real queue-server on loopback)\n");
    std::printf("%-46s %-58s %-24s %s\n", "measure", "value", "target", "");
    std::printf("%s\n", std::string(136, '-').c_str());
    for (const auto& r : rows)
        std::printf("%-46s %-58s %-24s %s\n", r.what.c_str(), r.value.c_str(), r.target.c_str(),
                    r.target.empty() ? "" : (r.ok ? "ok" : "MISSED"));
    return 0;
}
