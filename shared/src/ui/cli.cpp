#include "loket/ui/cli.hpp"

#include <algorithm>
#include <cstdio>

namespace loket::ui {

void add_shell_options(CLI::App& app, ShellOptions& options) {
    app.add_flag("--headless", options.headless,
                 "No display: SDL's dummy video driver and a software renderer");
    auto* dir = app.add_option("--screenshot", options.screenshot_dir,
                               "Write every distinct screen as DIR/NNN-screen.png");
    app.add_option("--screenshot-interval", options.screenshot_interval_s,
                   "Also rewrite DIR/latest.png every S seconds")
        ->check(CLI::NonNegativeNumber)
        ->needs(dir);
    app.add_option("--script", options.script, "Play scripted input from FILE")
        ->check(CLI::ExistingFile);
    app.add_option_function<std::string>(
           "--window",
           [&options](const std::string& size) {
               int w = 0, h = 0;
               char extra = 0;
               if (std::sscanf(size.c_str(), "%dx%d%c", &w, &h, &extra) != 2 || w <= 0 || h <= 0)
                   throw CLI::ValidationError("--window", "expected WIDTHxHEIGHT, e.g. 540x960");
               options.fullscreen = false;
               options.window_width = w;
               options.window_height = h;
           },
           "Run in a window of WxH pixels instead of fullscreen (development)")
        ->type_name("WxH");
    app.add_option_function<std::string>(
           "--orientation",
           [&options](const std::string& o) {
               const int longer = std::max(options.width, options.height);
               const int shorter = std::min(options.width, options.height);
               const bool portrait = o == "portrait";
               options.width = portrait ? shorter : longer;
               options.height = portrait ? longer : shorter;
           },
           "Logical screen orientation")
        ->check(CLI::IsMember({"portrait", "landscape"}));
}

}  // namespace loket::ui
