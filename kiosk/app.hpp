#pragma once
// The kiosk program: command line over the configuration file, then the shell, the model, the
// workers and the view wired together.
//
//   kiosk [--config FILE] [--server URL] [--device-key KEY] [--printer SPEC]
//         [--orientation portrait|landscape] [--idle-timeout S] [--language id|en]
//         [--poll-interval S] [--headless] [--screenshot DIR] [--screenshot-interval S]
//         [--script FILE] [--window WxH]
#include <iostream>
#include <string>
#include <vector>

#include "config.hpp"
#include "loket/ui/app_shell.hpp"

namespace loket::kiosk {

struct Startup {
    KioskConfig config;
    ui::ShellOptions shell;
};

// The command line asked to stop before running: --help (code 0) or a bad flag (its message
// already written to err).
struct CommandLineExit {
    int code = 0;
};

// Flags override the file given with --config. Throws CommandLineExit (after writing help or
// the flag error to out/err) and loket::InputError for a bad configuration file or value.
Startup parse_startup(const std::vector<std::string>& args, std::ostream& out = std::cout,
                      std::ostream& err = std::cerr);

// Runs until the window closes, SIGINT/SIGTERM or the script's quit; returns the exit code.
int run_kiosk(const Startup& startup);

// main(): parses, reports errors in plain words, runs.
int kiosk_main(int argc, char** argv);

}  // namespace loket::kiosk
