// Admins: the office settings and staff accounts (with the per-address login limit).
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <regex>
#include <set>

#include "api.hpp"
#include "api_call.hpp"
#include "api_parts.hpp"
#include "loket/input_error.hpp"
#include "loket/qr_svg.hpp"
#include "loket/read_file.hpp"
#include "loket/receipt_print.hpp"
#include "loket/survey.hpp"
#include "web_security.hpp"

namespace loket::server {

using nlohmann::json;

// ---------------------------------------------------------------------------------------------
// Admins: staff accounts

void Api::install_settings(httplib::Server& server) {
    add(server, "GET", "/settings", Access::Admin,
        [this](Call& c) { c.reply(200, to_json(*d_.store.config())); });
    add(server, "PUT", "/settings", Access::Admin, [this](Call& c) {
        const json doc = json::parse(c.req.body, nullptr, false);
        if (doc.is_discarded() || !doc.is_object()) {
            throw ApiError(400, "invalid_json", "the body must be a JSON object of settings");
        }
        const OfficeConfig saved =
            d_.store.save_config(office_config_from_json(doc, "settings"), c.who(), c.now);
        spdlog::info("{} saved the office settings", c.who());
        c.reply(200, to_json(saved));
    });
}

namespace {

// "duties" of a user body: an array of the office's duty ids; nullopt when absent.
std::optional<std::vector<std::string>> duties_of(const Body& body,
                                                  const ApplicationStore* applications) {
    const json* node = body.get("duties");
    if (!node)
        return std::nullopt;
    if (!node->is_array() || node->size() > 20)
        throw ApiError(400, "invalid_field", "duties must be a list of duty ids", "duties");
    const auto settings =
        applications ? applications->settings()
                     : std::make_shared<const ApplicationSettings>(default_application_settings());
    std::vector<std::string> duties;
    for (const auto& item : *node) {
        if (!item.is_string() || !settings->find_duty(item.get<std::string>())) {
            std::string known;
            for (const auto& d : settings->duties)
                known += (known.empty() ? "" : ", ") + d.id;
            throw ApiError(400, "unknown_duty", "duties must be among: " + known, "duties");
        }
        duties.push_back(item.get<std::string>());
    }
    return duties;
}

}  // namespace

void Api::install_users(httplib::Server& server) {
    const auto user_json = [](const User& u) {
        return json{{"name", u.name},
                    {"role", to_string(u.role)},
                    {"disabled", u.disabled},
                    {"duties", u.duties},
                    {"created_at", to_millis(u.created_at)}};
    };
    add(server, "GET", "/users", Access::Admin, [this, user_json](Call& c) {
        json list = json::array();
        for (const auto& u : d_.auth.users())
            list.push_back(user_json(u));
        c.reply(200, {{"users", list}});
    });
    add(server, "POST", "/users", Access::Admin, [this, user_json](Call& c) {
        Body body(c.req);
        body.only({"name", "role", "password", "duties"});
        const auto role = parse_role(body.string("role", 16));
        if (!role)
            throw ApiError(400, "invalid_field", "role must be staff, supervisor or admin", "role");
        const auto duties = duties_of(body, d_.applications);
        User u =
            d_.auth.add_user(body.string("name", 32), *role, body.string("password", 128), c.now);
        if (duties)
            u = d_.auth.set_duties(u.name, *duties);
        spdlog::info("{} added user {} ({})", c.who(), u.name, to_string(u.role));
        c.reply(201, user_json(u));
    });
    add(server, "PATCH", "/users/{name}", Access::Admin, [this, user_json](Call& c) {
        Body body(c.req);
        body.only({"role", "disabled", "password", "duties"});
        const std::string name = c.param(1);
        if (!d_.auth.find_user(name))
            throw ApiError(404, "not_found", "no user '" + name + "'");
        const auto duties = duties_of(body, d_.applications);
        if (const auto role_text = body.optional_string("role", 16)) {
            const auto role = parse_role(*role_text);
            if (!role)
                throw ApiError(400, "invalid_field", "role must be staff, supervisor or admin",
                               "role");
            if (name == c.session->user.name && *role != Role::Admin) {
                throw ApiError(409, "invalid_state", "an admin cannot lower their own role",
                               "role");
            }
            d_.auth.set_role(name, *role);
        }
        if (const auto disabled = body.optional_bool("disabled")) {
            if (name == c.session->user.name && *disabled) {
                throw ApiError(409, "invalid_state", "an admin cannot disable their own account",
                               "disabled");
            }
            d_.auth.set_disabled(name, *disabled);
        }
        if (const auto password = body.optional_string("password", 128))
            d_.auth.set_password(name, *password);
        if (duties)
            d_.auth.set_duties(name, *duties);
        c.reply(200, user_json(*d_.auth.find_user(name)));
    });
}

}  // namespace loket::server
