#pragma once
// One request as the API's handlers see it: who is asking, its parameters, and the reply.
// Shared by the parts of the API, each resource in its own *_api.cpp file.
#include <httplib.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "api.hpp"

namespace loket::server {

struct Api::Call {
    const httplib::Request& req;
    httplib::Response& res;
    const DeviceKey* device = nullptr;
    std::optional<Session> session;
    std::string token;
    TimePoint now = now_utc();
    // The catalog in force when the request came: one catalog for the whole request, while an
    // editor may save a new one.
    std::shared_ptr<const LiveCatalog> live_catalog;
    const catalog::Catalog& catalog() const { return live_catalog->catalog; }

    std::string param(std::size_t i) const { return req.matches[i]; }
    int counter() const { return std::stoi(param(1)); }
    // The logged-in staff member, for counter actions and their events.
    StaffRef staff() const {
        return StaffRef(session->user.name, std::string(to_string(session->user.role)));
    }
    std::string who() const {
        if (session)
            return session->user.name;
        if (device)
            return device->name;
        return "";
    }
    void reply(int status, const nlohmann::json& body) {
        res.status = status;
        res.set_content(body.dump(), "application/json");
    }
};

}  // namespace loket::server
