// The waiting-room display: `display --server URL --device-key KEY [--config FILE] ...`
// (see --help and display/display.example.toml).
#include <spdlog/spdlog.h>

#include <cstdio>

#include "command_line.hpp"
#include "display_app.hpp"
#include "loket/input_error.hpp"
#include "loket/ui/app_shell.hpp"

int main(int argc, char** argv) {
    using namespace loket::display;
    CommandLine cli = parse_command_line(argc, argv);
    if (cli.exit_code >= 0)
        return cli.exit_code;
    if (cli.config.device_key.empty())
        spdlog::warn("display: no device key (--device-key); the server will refuse the stream");
    try {
        loket::ui::AppShell shell(cli.shell);
        DisplayApp app(cli.config, &shell);
        app.start();
        const int code = shell.run();
        app.stop();
        return code;
    } catch (const loket::ui::ShellError& e) {
        std::fprintf(stderr, "display: %s\n", e.what());
        return 1;
    } catch (const loket::InputError& e) {
        std::fprintf(stderr, "display: %s\n", e.what());
        return 2;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "display: %s\n", e.what());
        return 1;
    }
}
