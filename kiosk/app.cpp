#include "app.hpp"

#include <CLI/CLI.hpp>
#include <cstdio>

#include "loket/input_error.hpp"
#include "loket/ui/cli.hpp"
#include "model.hpp"
#include "runtime.hpp"
#include "view.hpp"

namespace loket::kiosk {

Startup parse_startup(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    Startup s;
    s.shell.title = "Loket Kiosk";
    s.shell.width = 1080;
    s.shell.height = 1920;
    s.shell.theme = ui::Theme::Light;

    CLI::App app("Loket kiosk: permit information and queue tickets", "kiosk");
    std::string config_file, server, device_key, printer, language, fingerprint;
    int idle_timeout = 0, poll_interval = 0;
    app.add_option("--config", config_file, "Kiosk configuration file (TOML)")
        ->check(CLI::ExistingFile);
    app.add_option("--server", server, "Queue server address, e.g. http://192.168.1.10:8080");
    app.add_option("--device-key", device_key, "This kiosk's device key");
    app.add_option("--server-fingerprint", fingerprint,
                   "SHA-256 fingerprint of the server's HTTPS certificate (pinned)");
    app.add_option("--printer", printer,
                   "Ticket printer: none, file:PATH, tcp:HOST[:PORT], usb:PATH, device:PATH");
    app.add_option("--idle-timeout", idle_timeout,
                   "Seconds without a touch before returning to the start screen")
        ->check(CLI::Range(5, 3600));
    app.add_option("--language", language, "Language after an idle reset")
        ->check(CLI::IsMember({"id", "en"}));
    app.add_option("--poll-interval", poll_interval,
                   "Seconds between refreshes of office hours and waiting counts")
        ->check(CLI::Range(1, 3600));
    ui::add_shell_options(app, s.shell);

    std::vector<std::string> reversed(args.rbegin(), args.rend());
    try {
        app.parse(reversed);  // CLI11 takes the arguments in reverse order
    } catch (const CLI::ParseError& e) {
        throw CommandLineExit{app.exit(e, out, err)};
    }

    if (!config_file.empty())
        s.config = load_kiosk_config(config_file);
    if (!server.empty())
        s.config.server_url = server;
    if (!device_key.empty())
        s.config.device_key = device_key;
    if (!fingerprint.empty())
        s.config.server_fingerprint = fingerprint;
    if (!printer.empty())
        s.config.printer = printer;
    if (idle_timeout > 0)
        s.config.idle_timeout_seconds = idle_timeout;
    if (poll_interval > 0)
        s.config.poll_seconds = poll_interval;
    if (!language.empty())
        s.config.language = *parse_language(language);
    if (app.count("--orientation") > 0) {
        s.config.orientation = s.shell.width > s.shell.height ? "landscape" : "portrait";
    } else {
        const bool landscape = s.config.orientation == "landscape";
        s.shell.width = landscape ? 1920 : 1080;
        s.shell.height = landscape ? 1080 : 1920;
    }
    // A fullscreen touch kiosk shows no mouse pointer; a development window keeps it.
    s.shell.hide_cursor = s.shell.fullscreen && !s.shell.headless;
    validate_kiosk_config(s.config, "command line");
    return s;
}

int run_kiosk(const Startup& startup) {
    const KioskConfig& c = startup.config;
    ui::AppShell shell(startup.shell);

    ModelOptions model_options;
    model_options.idle_timeout = std::chrono::seconds(c.idle_timeout_seconds);
    model_options.language = c.language;
    model_options.public_url = c.public_url.empty() ? c.server_url : c.public_url;
    Model model(model_options);

    RuntimeOptions options;
    options.server.server_url = c.server_url;
    options.server.device_key = c.device_key;
    options.server.server_fingerprint = c.server_fingerprint;
    options.server.timeout_ms = c.timeout_ms;
    options.server.connect_timeout_ms = std::min<long>(c.timeout_ms, 3000);
    options.poll_interval = std::chrono::seconds(c.poll_seconds);
    options.offline_retry =
        std::min<std::chrono::milliseconds>(options.poll_interval, std::chrono::seconds(2));
    options.printer = c.printer;
    options.print.office_name = c.office_name;
    options.print.header_lines = c.header_lines;
    options.print.footer_lines = c.footer_lines;
    options.print.paper =
        c.paper_width_mm == 80 ? print::PaperWidth::mm80 : print::PaperWidth::mm58;
    Runtime runtime(model, options, [&shell](Runtime::Task task) { shell.post(std::move(task)); });

    ViewState view;
    shell.set_frame([&](ui::AppShell& s) {
        draw_kiosk(s, model, view);
        runtime.dispatch();
        auto wake = model.next_deadline();
        if (const auto clock = next_clock_tick(model); clock && (!wake || *clock < *wake))
            wake = clock;
        runtime.wake_at(wake);
    });
    std::fprintf(stderr, "kiosk: server %s, printer %s, %dx%d%s\n", c.server_url.c_str(),
                 c.printer.c_str(), startup.shell.width, startup.shell.height,
                 startup.shell.headless ? " (headless)" : "");
    runtime.start();
    const int code = shell.run();
    runtime.stop();
    return code;
}

int kiosk_main(int argc, char** argv) {
    std::vector<std::string> args;
    for (int i = 1; i < argc; ++i)
        args.emplace_back(argv[i]);
    Startup startup;
    try {
        startup = parse_startup(args);
    } catch (const CommandLineExit& e) {
        return e.code;
    } catch (const InputError& e) {
        std::fprintf(stderr, "kiosk: %s\n", e.what());
        return 2;
    }
    try {
        return run_kiosk(startup);
    } catch (const ui::ShellError& e) {
        std::fprintf(stderr, "kiosk: cannot open the screen: %s\n", e.what());
        return 1;
    } catch (const InputError& e) {
        std::fprintf(stderr, "kiosk: %s\n", e.what());
        return 2;
    }
}

}  // namespace loket::kiosk
