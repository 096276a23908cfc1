// Backups for the admin page (admins): GET /backups, the settings, the last attempt and the
// last good copy; POST /backups starts a copy now and answers at once (202), the page then
// reads GET /backups until it is done. How copies are made: backup.hpp, docs/backups.md.
#include <spdlog/spdlog.h>

#include "api_call.hpp"

namespace loket::server {

using nlohmann::json;

void Api::install_backups(httplib::Server& server) {
    const auto refuse = [](Call& c, int status, const std::string& code,
                           const std::string& message) {
        c.reply(status, {{"error", {{"code", code}, {"message", message}}}});
    };
    add(server, "GET", "/backups", Access::Admin, [this, refuse](Call& c) {
        if (!d_.backups)
            return refuse(c, 503, "backups_unavailable", "this server makes no backups");
        c.reply(200, d_.backups->status());
    });
    add(server, "POST", "/backups", Access::Admin, [this, refuse](Call& c) {
        if (!d_.backups)
            return refuse(c, 503, "backups_unavailable", "this server makes no backups");
        if (!c.req.body.empty() && c.req.body != "{}")
            return refuse(c, 400, "unknown_field", "this request takes no body (or {})");
        if (!d_.backups->start_now("admin " + c.who()))
            return refuse(c, 409, "backup_running", "a backup is being made right now");
        spdlog::info("{} started a backup", c.who());
        c.reply(202, d_.backups->status());
    });
}

}  // namespace loket::server
