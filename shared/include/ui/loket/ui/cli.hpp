#pragma once
// The shell's command-line flags, shared by the kiosk and the display:
//   --headless  --screenshot DIR  --screenshot-interval S  --script FILE
//   --window WxH (windowed, for development)  --orientation portrait|landscape
#include <CLI/CLI.hpp>

#include "loket/ui/app_shell.hpp"

namespace loket::ui {

// Adds the flags to app, writing into options when parsed. --orientation swaps the logical
// width and height so the longer side matches.
void add_shell_options(CLI::App& app, ShellOptions& options);

}  // namespace loket::ui
