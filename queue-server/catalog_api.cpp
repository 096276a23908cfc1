// The catalog editor under /api/v1/catalog (admins): the permits with their versions, a
// preview as the kiosk shows a permit, create, edit (against the version the editor opened),
// duplicate, retire, restore, history and diff, and export and import in the catalog file
// format. Each save is a new version and a "catalog.changed" event, on which kiosks reload.
// Rules: loket_catalog_store and docs/catalog-editing.md (also the error codes it answers).
#include <nlohmann/json.hpp>

#include "api_call.hpp"
#include "api_parts.hpp"
#include "loket/catalog_wire.hpp"
#include "loket/input_error.hpp"

namespace loket::server {

using nlohmann::json;

namespace {

// The body as JSON, refusing duplicate keys like the catalog files (a permit edited by hand
// and pasted back must not lose a field silently).
json body_of(const httplib::Request& req, std::size_t max_bytes) {
    if (req.body.size() > max_bytes) {
        throw InputError("request body", "",
                         "is larger than " + std::to_string(max_bytes / 1024) + " KiB",
                         "body_too_large");
    }
    json doc = catalog::Catalog::parse_document(req.body, "request body");
    if (!doc.is_object())
        throw InputError("request body", "", "must be a JSON object", "wrong_type");
    return doc;
}

std::string text_field(const json& body, const char* name, std::size_t max_bytes, bool required) {
    const auto it = body.find(name);
    if (it == body.end() || it->is_null()) {
        if (required)
            throw InputError("request body", name, "required field is missing", "missing_field");
        return "";
    }
    if (!it->is_string())
        throw InputError("request body", name, "must be a string", "wrong_type");
    const std::string value = *it;
    if (value.size() > max_bytes) {
        throw InputError("request body", name,
                         "must be at most " + std::to_string(max_bytes) + " bytes", "too_long");
    }
    return value;
}

int int_field(const json& body, const char* name) {
    const auto it = body.find(name);
    if (it == body.end())
        throw InputError("request body", name, "required field is missing", "missing_field");
    if (!it->is_number_integer() || it->get<std::int64_t>() < 1 ||
        it->get<std::int64_t>() > 1'000'000) {
        throw InputError("request body", name, "must be a whole number from 1", "invalid_version");
    }
    return it->get<int>();
}

const json& permit_field(const json& body) {
    const auto it = body.find("permit");
    if (it == body.end())
        throw InputError("request body", "permit", "required field is missing", "missing_field");
    return *it;
}

int version_param(const httplib::Request& req, const char* name) {
    const std::string text = req.get_param_value(name);
    if (text.empty() || text.size() > 6 ||
        text.find_first_not_of("0123456789") != std::string::npos || text == "0") {
        throw InputError("query", name, "must be a version number", "invalid_version");
    }
    return std::stoi(text);
}

}  // namespace

void Api::install_catalog(httplib::Server& server) {
    add(server, "GET", "/catalog/permits", Access::Admin, &Api::list_catalog_permits);

    // A permit as the editor opens it: its document, the version it is at, and the preview.
    add(server, "GET", "/catalog/permits/{id}", Access::Admin, &Api::open_catalog_permit);

    // Checks a document without saving it and shows it as GET /permits/{id} would.
    add(server, "POST", "/catalog/preview", Access::Admin, [](Call& c) {
        const json body = body_of(c.req, 1024 * 1024);
        refuse_unknown_fields(body, {"permit"});
        c.reply(200, {{"preview",
                       to_json(catalog::Catalog::parse_permit(permit_field(body), "permit"))}});
    });

    add(server, "POST", "/catalog/permits", Access::Admin, &Api::create_permit);
    add(server, "PUT", "/catalog/permits/{id}", Access::Admin, &Api::update_permit);
    add(server, "POST", "/catalog/permits/{id}/duplicate", Access::Admin, &Api::duplicate_permit);
    add(server, "POST", "/catalog/permits/{id}/retire", Access::Admin, &Api::retire_permit);
    add(server, "POST", "/catalog/permits/{id}/restore", Access::Admin, &Api::restore_permit);
    add(server, "GET", "/catalog/permits/{id}/versions", Access::Admin, &Api::list_permit_versions);
    add(server, "GET", "/catalog/permits/{id}/versions/{version}", Access::Admin, [this](Call& c) {
        c.reply(200, {{"permit", d_.catalog.document(c.param(1), std::stoi(c.param(2)))}});
    });
    add(server, "GET", "/catalog/permits/{id}/diff", Access::Admin, &Api::diff_permit_versions);
    add(server, "GET", "/catalog/export", Access::Admin, [this](Call& c) {
        c.res.set_header("Content-Disposition", "attachment; filename=\"katalog-izin.json\"");
        c.reply(200, protocol::catalog_export_json(d_.catalog.export_catalog()));
    });
    add(server, "POST", "/catalog/import", Access::Admin, &Api::import_catalog);
}

void Api::retire_permit(Call& c) {
    const json body = body_of(c.req, 4096);
    refuse_unknown_fields(body, {"note"});
    c.reply(200, protocol::permit_saved_json(d_.catalog.retire(
                     c.param(1), text_field(body, "note", 500, false), c.staff(), c.now)));
}

void Api::restore_permit(Call& c) {
    const json body = body_of(c.req, 4096);
    refuse_unknown_fields(body, {"version"});
    c.reply(200, protocol::permit_saved_json(
                     d_.catalog.restore(c.param(1), int_field(body, "version"), c.staff(), c.now)));
}

void Api::list_catalog_permits(Call& c) {
    c.reply(200, protocol::permit_listing_json(d_.catalog.list()));
}

void Api::open_catalog_permit(Call& c) {
    const json doc = d_.catalog.document(c.param(1), std::nullopt);
    c.reply(200,
            {{"permit", doc},
             {"version", protocol::permit_version_json(d_.catalog.versions(c.param(1)).front())},
             {"preview", to_json(catalog::Catalog::parse_permit(doc, "catalog"))}});
}

void Api::create_permit(Call& c) {
    const json body = body_of(c.req, 1024 * 1024);
    refuse_unknown_fields(body, {"permit", "note"});
    c.reply(201, protocol::permit_saved_json(d_.catalog.create(
                     permit_field(body), text_field(body, "note", 500, false), c.staff(), c.now)));
}

void Api::update_permit(Call& c) {
    const json body = body_of(c.req, 1024 * 1024);
    refuse_unknown_fields(body, {"permit", "base_version", "note"});
    const int base = int_field(body, "base_version");
    c.reply(200, protocol::permit_saved_json(d_.catalog.update(c.param(1), permit_field(body), base,
                                                               text_field(body, "note", 500, false),
                                                               c.staff(), c.now)));
}

void Api::duplicate_permit(Call& c) {
    const json body = body_of(c.req, 4096);
    refuse_unknown_fields(body, {"new_id", "name"});
    c.reply(201, protocol::permit_saved_json(
                     d_.catalog.duplicate(c.param(1), text_field(body, "new_id", 64, true),
                                          text_field(body, "name", 300, true), c.staff(), c.now)));
}

void Api::list_permit_versions(Call& c) {
    c.reply(200, protocol::permit_versions_json(d_.catalog.versions(c.param(1))));
}

void Api::diff_permit_versions(Call& c) {
    const int from = version_param(c.req, "from");
    const int to = version_param(c.req, "to");
    c.reply(200, protocol::permit_diff_json(from, to, d_.catalog.diff(c.param(1), from, to)));
}

void Api::import_catalog(Call& c) {
    // A whole catalog in one request, all or nothing: bounded by [server] max_import_bytes
    // (8 MiB unless the office changes it), not by the smaller limit of other requests.
    const json body = body_of(c.req, d_.settings.max_import_bytes);
    const std::vector<json> documents = protocol::read_catalog_export(body);
    c.reply(200,
            protocol::import_outcome_json(d_.catalog.import_catalog(documents, c.staff(), c.now)));
}

}  // namespace loket::server
