// Waiting-room display benchmark against the real queue-server on loopback:
//   - time from a staff "call" request to the frame that shows it (p50/p99, target <= 100 ms)
//   - time from the request to the first audio sample handed to the sink (target <= 500 ms)
//   - CPU and memory of the real `display` binary while idle (clock only, and with a
//     scrolling running text)
// The display runs headless: SDL's dummy video driver and the software renderer, so frame
// times are those of a CPU without a GPU. Usage: bench_display [calls] [idle_seconds]
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <spdlog/spdlog.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>

#include "api_client.hpp"
#include "display_app.hpp"
#include "loket/ui/app_shell.hpp"
#include "temp_dir.hpp"

extern char** environ;

using namespace loket;
using namespace loket::display;
using namespace loket::testing;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

double load_average() {
    double load = 0;
    std::ifstream("/proc/loadavg") >> load;
    return load;
}

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

// Records when the first sample is handed over, without playing in real time, so each call is
// measured with the voice idle (a real device would queue calls behind the one speaking).
class TimingSink : public AudioSink {
  public:
    void play(const Playback&, const std::function<void()>& on_first_sample) override {
        on_first_sample();
    }
    std::string describe() const override { return "timing sink"; }
};

struct Sample {
    bool quiet = false;
    Clock::time_point requested{};
    Clock::time_point frame_built{};
    double frame_render_ms = -1;
    Clock::time_point rendered{};
    Clock::time_point first_sample{};
    bool framed = false, sounded = false;
};

struct ProcStat {
    double cpu_s = 0;
    double rss_mb = 0, hwm_mb = 0;
};

ProcStat proc_stat(pid_t pid) {
    ProcStat s;
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
    const auto close = text.rfind(')');
    if (close != std::string::npos) {
        std::istringstream rest(text.substr(close + 2));
        std::string field;
        unsigned long long utime = 0, stime = 0;
        for (int i = 3; i <= 15 && rest >> field; ++i) {
            if (i == 14)
                utime = std::stoull(field);
            if (i == 15)
                stime = std::stoull(field);
        }
        s.cpu_s = double(utime + stime) / double(sysconf(_SC_CLK_TCK));
    }
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmRSS:", 0) == 0)
            s.rss_mb = std::stod(line.substr(6)) / 1024.0;
        if (line.rfind("VmHWM:", 0) == 0)
            s.hwm_mb = std::stod(line.substr(6)) / 1024.0;
    }
    return s;
}

struct IdleResult {
    double cpu_percent = 0, rss_mb = 0, hwm_mb = 0;
};

// The real binary, idle on a connected floor, measured over `seconds` after it settled.
IdleResult idle_binary(const ServerProcess& server, const std::filesystem::path& dir,
                       std::vector<std::string> extra, int seconds) {
    std::vector<std::string> args = {LOKET_DISPLAY_BIN, "--server",  server.url(),
                                     "--device-key",    kDisplayKey, "--headless"};
    args.insert(args.end(), extra.begin(), extra.end());
    std::vector<char*> argv;
    for (auto& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    const std::string log = (dir / "display.log").string();
    posix_spawn_file_actions_addopen(&actions, 2, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    pid_t pid = -1;
    if (posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ) != 0)
        throw std::runtime_error("cannot start the display");
    posix_spawn_file_actions_destroy(&actions);
    std::this_thread::sleep_for(3s);  // fonts, snapshot, first frames
    const ProcStat a = proc_stat(pid);
    std::this_thread::sleep_for(std::chrono::seconds(seconds));
    const ProcStat b = proc_stat(pid);
    kill(pid, SIGTERM);
    int status = 0;
    waitpid(pid, &status, 0);
    return {100.0 * (b.cpu_s - a.cpu_s) / seconds, b.rss_mb, b.hwm_mb};
}

// What the in-process display showed and said of each call, filled by the display's hooks and
// by the thread making the calls.
struct CallLog {
    std::mutex mu;
    std::map<std::string, Sample> samples;  // by ticket number
    std::map<std::string, std::string> number_of_event;
    std::string pending_render;  // ticket whose frame's render time is not known yet
    std::map<std::string, AnnouncementPlayer::Timing> played;  // by event id
};

DisplayApp::Hooks timing_hooks(CallLog& log, ui::AppShell& shell) {
    DisplayApp::Hooks hooks;
    hooks.sink = std::make_unique<TimingSink>();
    hooks.on_frame = [&log, &shell](const FloorView& v) {
        const auto now = Clock::now();
        std::lock_guard lock(log.mu);
        if (!log.pending_render.empty()) {
            log.samples[log.pending_render].frame_render_ms = shell.stats().last_ms;
            log.pending_render.clear();
        }
        if (v.current) {
            auto it = log.samples.find(v.current->number);
            if (it != log.samples.end() && !it->second.framed &&
                it->second.requested != Clock::time_point{}) {
                it->second.framed = true;
                it->second.frame_built = now;
                log.pending_render = v.current->number;
            }
        }
    };
    hooks.on_played = [&log](const AnnouncementPlayer::Timing& t) {
        std::lock_guard lock(log.mu);
        log.played[t.event_id] = t;
    };
    return hooks;
}

// The event id of the call, to match the announcement.
void note_call_event(CallLog& log, DisplayApp& app, const std::string& number) {
    for (int wait = 0; wait < 200; ++wait) {
        bool seen = false;
        for (const auto& c : app.floor().call_log()) {
            if (c.number == number) {
                std::lock_guard lock(log.mu);
                log.number_of_event[std::to_string(c.event_id)] = number;
                seen = true;
            }
        }
        if (seen)
            break;
        std::this_thread::sleep_for(2ms);
    }
}

// Wait for the sound so each call meets an idle voice, and for the frame.
void wait_shown_and_heard(CallLog& log, const std::string& number) {
    for (int wait = 0; wait < 500; ++wait) {
        {
            std::lock_guard lock(log.mu);
            bool sounded = false;
            for (const auto& [event, n] : log.number_of_event)
                sounded |= n == number && log.played.count(event) > 0;
            if (sounded && log.samples[number].framed)
                break;
        }
        std::this_thread::sleep_for(5ms);
    }
}

// The staff's calls once the display is connected: busy ones first, then quiet ones.
void make_calls(CallLog& log, DisplayApp& app, ApiClient& staff, int calls, int busy_calls) {
    while (!app.floor().view().loaded || app.floor().view().connection != Connection::Connected)
        std::this_thread::sleep_for(20ms);
    std::this_thread::sleep_for(500ms);
    for (int i = 0; i < calls; ++i) {
        char number[16];
        std::snprintf(number, sizeof number, "A-%03d", i + 1);
        const bool quiet = i >= busy_calls;
        const auto requested = Clock::now();
        {
            std::lock_guard lock(log.mu);
            log.samples[number].requested = requested;
            log.samples[number].quiet = quiet;
        }
        const Reply r = staff.post("/counters/1/call-next");
        const std::string called = r.body.value("/ticket/number"_json_pointer, std::string());
        if (called != number)
            std::fprintf(stderr, "unexpected call %s (wanted %s)\n", called.c_str(), number);
        note_call_event(log, app, number);
        wait_shown_and_heard(log, number);
        staff.post("/counters/1/no-show");
        if (quiet)
            std::this_thread::sleep_until(requested + 2s);  // the pulse (1.5 s) is over
        else
            std::this_thread::sleep_for(50ms);
    }
    std::this_thread::sleep_for(300ms);
}

// Latency: in-process display, headless landscape 1920x1080.
void measure_calls(CallLog& log, const ServerProcess& server, ApiClient& staff, int calls,
                   int busy_calls) {
    ui::ShellOptions options;
    options.headless = true;
    options.width = 1920;
    options.height = 1080;
    options.theme = ui::Theme::Dark;
    ui::AppShell shell(options);
    DisplayConfig config;
    config.server = server.url();
    config.device_key = kDisplayKey;
    config.running_text.fps = 30;
    DisplayApp app(config, &shell, timing_hooks(log, shell));
    app.start();
    std::thread driver([&] {
        make_calls(log, app, staff, calls, busy_calls);
        shell.quit();
    });
    shell.run();
    driver.join();
    app.stop();
    for (const auto& [event, number] : log.number_of_event) {
        const auto t = log.played.find(event);
        if (t == log.played.end())
            continue;
        Sample& s = log.samples[number];
        s.sounded = true;
        s.rendered = t->second.rendered;
        s.first_sample = t->second.first_sample;
    }
}

struct Phase {
    std::vector<double> to_frame_built, to_frame, render_ms, to_sound, synth;
    int missing_frame = 0, missing_sound = 0;
};

void split_phases(const CallLog& log, Phase& busy, Phase& quiet) {
    for (const auto& [number, s] : log.samples) {
        Phase& ph = s.quiet ? quiet : busy;
        if (!s.framed) {
            ++ph.missing_frame;
        } else {
            ph.to_frame_built.push_back(ms_between(s.requested, s.frame_built));
            const double r = std::max(0.0, s.frame_render_ms);
            ph.render_ms.push_back(r);
            ph.to_frame.push_back(ms_between(s.requested, s.frame_built) + r);
        }
        if (!s.sounded) {
            ++ph.missing_sound;
        } else {
            ph.to_sound.push_back(ms_between(s.requested, s.first_sample));
            ph.synth.push_back(ms_between(s.requested, s.rendered));
        }
    }
}

struct IdleRuns {
    IdleResult quiet, loket_run, marquee, marquee_headless_default;
};

// Idle CPU and memory of the real binary.
IdleRuns measure_idle(const ServerProcess& server, const std::filesystem::path& idle_dir,
                      int idle_seconds) {
    const std::string maklumat =
        "Maklumat pelayanan: kami sanggup menyelenggarakan pelayanan sesuai standar yang telah "
        "ditetapkan dan siap menerima sanksi apabila tidak menepati janji ini. Budayakan antre.";
    IdleRuns runs;
    runs.quiet =
        idle_binary(server, idle_dir, {"--running-text", "Selamat datang", "--mute"}, idle_seconds);
    runs.loket_run = idle_binary(server, idle_dir,
                                 {"--running-text", "Selamat datang", "--screenshot-interval", "5",
                                  "--screenshot", idle_dir.string()},
                                 idle_seconds);
    runs.marquee =
        idle_binary(server, idle_dir, {"--running-text", maklumat, "--marquee-fps", "30", "--mute"},
                    idle_seconds);
    runs.marquee_headless_default =
        idle_binary(server, idle_dir, {"--running-text", maklumat, "--mute"}, idle_seconds);
    return runs;
}

// The latency tables, quiet then busy; whether their targets are met.
bool print_latency(const Phase& quiet, const Phase& busy) {
    std::printf("%-44s %9s %9s %9s %9s %9s\n", "latency (ms)", "p50", "p90", "p99", "max",
                "target");
    const auto row = [](const char* name, const std::vector<double>& v, const char* target) {
        std::printf("%-44s %9.1f %9.1f %9.1f %9.1f %9s\n", name, percentile(v, 50),
                    percentile(v, 90), percentile(v, 99),
                    v.empty() ? 0.0 : *std::max_element(v.begin(), v.end()), target);
    };
    bool ok = true;
    for (const auto* ph : {&quiet, &busy}) {
        std::printf("%s\n", ph == &quiet
                                ? "quiet screen: calls 2 s apart (as at an office)"
                                : "busy screen: each call while the last one's highlight pulses");
        row("  staff call -> frame shown", ph->to_frame, "<= 100");
        row("    of which: call -> frame built", ph->to_frame_built, "");
        row("    of which: frame render (software)", ph->render_ms, "");
        row("  staff call -> first audio sample", ph->to_sound, "<= 500");
        row("    of which: call -> speech rendered", ph->synth, "");
        std::printf("  calls: %zu, never framed: %d, never sounded: %d\n\n",
                    ph->to_frame.size() + std::size_t(ph->missing_frame), ph->missing_frame,
                    ph->missing_sound);
        ok = ok && ph->missing_frame == 0 && ph->missing_sound == 0 &&
             percentile(ph->to_frame, 99) <= 100 && percentile(ph->to_sound, 99) <= 500;
    }
    return ok;
}

void print_idle(const IdleRuns& idle, int idle_seconds) {
    std::printf("%-44s %9s %9s %9s\n", "idle (real display binary)", "CPU %", "RSS MB", "peak MB");
    std::printf("%-44s %9.1f %9.1f %9.1f\n", "clock only (1 frame/s)", idle.quiet.cpu_percent,
                idle.quiet.rss_mb, idle.quiet.hwm_mb);
    std::printf("%-44s %9.1f %9.1f %9.1f\n", "as ./loket run: + PNG every 5 s, voice on",
                idle.loket_run.cpu_percent, idle.loket_run.rss_mb, idle.loket_run.hwm_mb);
    std::printf("%-44s %9.1f %9.1f %9.1f\n", "scrolling running text, 30 fps",
                idle.marquee.cpu_percent, idle.marquee.rss_mb, idle.marquee.hwm_mb);
    std::printf("%-44s %9.1f %9.1f %9.1f\n", "scrolling running text, headless default 5 fps",
                idle.marquee_headless_default.cpu_percent, idle.marquee_headless_default.rss_mb,
                idle.marquee_headless_default.hwm_mb);
    std::printf("(CPU %% of one core over %d s; software rendering, a GPU renderer costs less)\n",
                idle_seconds);
}

}  // namespace

int main(int argc, char** argv) {
    // Busy: each call right after the previous one was shown and heard, while the screen is
    // still animating its highlight. Quiet: calls further apart than the highlight's pulse,
    // as at a real office.
    const int busy_calls = argc > 1 ? std::clamp(std::atoi(argv[1]), 10, 400) : 150;
    const int quiet_calls = argc > 2 ? std::clamp(std::atoi(argv[2]), 5, 400) : 40;
    const int idle_seconds = argc > 3 ? std::max(2, std::atoi(argv[3])) : 10;
    const int calls = busy_calls + quiet_calls;
    spdlog::set_level(spdlog::level::warn);

    TempDir dir;
    ServerProcess server(dir.path());
    ApiClient kiosk(server.url(), kKioskKey);
    ApiClient staff(server.url(), add_user_and_login(server, "bench", "staff"));
    for (int i = 0; i < calls; ++i)
        kiosk.post("/tickets", {{"service", "informasi"}});
    staff.post("/counters/1/open");

    CallLog log;
    measure_calls(log, server, staff, calls, busy_calls);
    Phase busy, quiet;
    split_phases(log, busy, quiet);

    const std::filesystem::path idle_dir = dir / "idle";
    std::filesystem::create_directories(idle_dir);
    const IdleRuns idle = measure_idle(server, idle_dir, idle_seconds);

    std::printf(
        "\nLoket display benchmark: landscape 1920x1080, headless (SDL dummy video, software\n"
        "renderer), in-process display and the real queue-server on loopback, load average "
        "%.1f\n\n",
        load_average());
    const bool ok = print_latency(quiet, busy);
    print_idle(idle, idle_seconds);
    std::printf("\ntargets %s\n", ok ? "met" : "NOT met");
    return 0;
}
