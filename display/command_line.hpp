#pragma once
// The display's command line: the settings file, every setting's flag over it, and the app
// shell's flags (window, headless, screenshots). The UI side of the display: it knows the shell.
#include "config.hpp"
#include "loket/ui/app_shell.hpp"

namespace loket::display {

struct CommandLine {
    DisplayConfig config;
    ui::ShellOptions shell;
    int exit_code = -1;  // >= 0: exit now with it (--help, or an error already printed)
};

// Parses argv (CLI11): --config first, then every flag over it, plus the shell's flags.
// Errors are printed to stderr and reported through exit_code.
CommandLine parse_command_line(int argc, const char* const* argv);

}  // namespace loket::display
