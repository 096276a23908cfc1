// Applications (berkas) after the Pendaftaran counter (docs/applications.md): registration,
// receipts, lists and exports, the back-office steps, pickup.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <regex>
#include <set>

#include "api.hpp"
#include "api_call.hpp"
#include "api_parts.hpp"
#include "loket/application_wire.hpp"
#include "loket/input_error.hpp"
#include "loket/qr_svg.hpp"
#include "loket/read_file.hpp"
#include "loket/receipt_print.hpp"
#include "loket/survey.hpp"
#include "web_security.hpp"

namespace loket::server {

using nlohmann::json;

// ---------------------------------------------------------------------------------------------
// Applications (berkas) after the Pendaftaran counter (docs/applications.md)

namespace {

// What identifies a request for its idempotency key: the route and the body without the key,
// so a key reused for another request is refused rather than answered with the wrong thing.
std::string fingerprint_of(const httplib::Request& req, const Body& body) {
    json doc = body.doc();
    doc.erase("idempotency_key");
    return req.method + " " + req.path + " " +
           doc.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string url_encode(std::string_view text) {
    static const char* kHex = "0123456789ABCDEF";
    std::string out;
    for (const unsigned char ch : text) {
        if (std::isalnum(ch) || ch == '-' || ch == '_' || ch == '.' || ch == '~') {
            out += static_cast<char>(ch);
        } else {
            out += '%';
            out += kHex[ch >> 4];
            out += kHex[ch & 15];
        }
    }
    return out;
}

// The registration's checklist: which of the permit's requirements the applicant brought.
void read_checklist(const Body& body, RegistrationRequest& request) {
    const json* checklist = body.get("checklist");
    if (!checklist || !checklist->is_array() || checklist->size() > 200) {
        throw ApiError(400, checklist ? "invalid_field" : "missing_field",
                       "checklist must be a list of {position, present}", "checklist");
    }
    for (std::size_t i = 0; i < checklist->size(); ++i) {
        const json& item = (*checklist)[i];
        const std::string field = "checklist[" + std::to_string(i) + "]";
        if (!item.is_object() || !item.contains("position") || !item.contains("present") ||
            item.size() != 2 || !item["position"].is_number_integer() ||
            !item["present"].is_boolean()) {
            throw ApiError(400, "invalid_field",
                           field + " must be {\"position\": number, \"present\": true|false}",
                           field);
        }
        const auto position = item["position"].get<std::int64_t>();
        if (position < 0 || position > 1000) {
            throw ApiError(400, "invalid_field", field + ".position is out of range",
                           field + ".position");
        }
        request.checklist.push_back({static_cast<int>(position), item["present"].get<bool>()});
    }
}

// The receipt's fields on the paper of a counter's printer.
print::ReceiptLayout receipt_layout(const OfficeConfig& config, const Application& app,
                                    const json& receipt, const CounterDef& counter) {
    print::ReceiptLayout layout;
    layout.office_name = config.name;
    layout.office_address = config.address;
    layout.registration_number = app.number;
    layout.permit_name = app.permit_name;
    layout.applicant_type = app.applicant_type == kApplicantBusiness
                                ? print::BilingualText{"Badan usaha", "Business entity"}
                                : print::BilingualText{"Perorangan", "Individual"};
    layout.applicant_name = app.applicant_name;
    layout.business_name = app.business_name;
    layout.registered_at = receipt["registered_at_text"].get<std::string>();
    const auto pair = [](const json& node) {
        return print::BilingualText{node["text"].get<std::string>(),
                                    node["text_en"].get<std::string>()};
    };
    layout.promise = pair(receipt["promise"]);
    layout.status_check = pair(receipt["status_check"]);
    layout.pickup = pair(receipt["pickup"]);
    layout.status_url = receipt["status_url"].get<std::string>();
    layout.registered_by = app.registered_by;
    layout.paper =
        counter.printer->paper_width_mm == 58 ? print::PaperWidth::mm58 : print::PaperWidth::mm80;
    return layout;
}

}  // namespace

ApplicationStore& Api::applications() const {
    if (!d_.applications) {
        throw ApiError(503, "applications_unavailable",
                       "application tracking is not running on this server");
    }
    return *d_.applications;
}

json Api::application_summary(const Application& app, TimePoint now) const {
    const ApplicationStore& store = applications();
    return protocol::application_summary_json(app, store.read_clock(app, now), *store.settings(),
                                              now);
}

json Api::application_detail(const Application& app, TimePoint now) const {
    const ApplicationStore& store = applications();
    return protocol::application_detail_json(app, store.read_clock(app, now), *store.settings(),
                                             now);
}

json Api::application_public(const Application& app, TimePoint now) const {
    const ApplicationStore& store = applications();
    return protocol::application_public_json(app, store.read_clock(app, now), *store.settings());
}

void Api::add_pickup_application(Call& c, const Ticket& ticket, json& reply) {
    if (!d_.applications || ticket.service != d_.applications->settings()->pickup_service)
        return;
    if (const auto app = d_.applications->for_pickup_ticket(ticket.id, c.staff(), c.now))
        reply["application"] = application_detail(*app, c.now);
}

// Who acts on a file: the account's duties; supervisors and admins act on any step.
Actor Api::actor_of(const Call& c) const {
    const auto user = d_.auth.find_user(c.session->user.name);
    return Actor{c.staff(), user ? user->duties : std::vector<std::string>{},
                 c.session->user.role >= Role::Supervisor};
}

std::string Api::key_of(const Call& c, const Body& body) {
    return scoped_idempotency_key(c.req, body, c.who());
}

std::int64_t Api::id_of(const Call& c) {
    return std::stoll(c.param(1));
}
std::string Api::public_base(const Call& c) const {
    std::string base = d_.settings.public_url;
    if (base.empty()) {
        const std::string host = header_safe_host(c.req);
        base = host.empty() ? "" : (c.req.ssl ? "https://" : "http://") + host;
    }
    return base;
}

json Api::receipt_of(const Call& c, const Application& app) const {
    const auto config_snapshot = d_.store.config();
    const OfficeConfig& config = *config_snapshot;
    const ClockReading clock = applications().read_clock(app, c.now);
    const std::string standard = app.standard ? std::to_string(app.standard->amount) + " " +
                                                    std::string(to_string(app.standard->unit))
                                              : "";
    json promise;
    if (clock.due) {
        promise = {
            {"text", "Berkas Anda selesai paling lambat " + local_date_text(*clock.due, config) +
                         " (standar layanan " + standard + ")."},
            {"text_en", "Your application will be completed by " +
                            local_date_text(*clock.due, config) + " (service standard " + standard +
                            ")."}};
    } else if (app.standard && app.clock_start_step) {
        promise = {{"text", "Standar layanan " + standard + ", dihitung sejak langkah " +
                                std::to_string(*app.clock_start_step) +
                                " SOP; tanggal selesai dapat dicek di halaman status."},
                   {"text_en", "Service standard " + standard + ", counted from step " +
                                   std::to_string(*app.clock_start_step) +
                                   " of the SOP; check the status page for the date."}};
    } else {
        promise = {{"text", "SOP izin ini tidak menyebut waktu penyelesaian."},
                   {"text_en", "The SOP of this permit states no completion time."}};
    }
    const std::string url = public_base(c) + "/berkas.html?nomor=" + url_encode(app.number) +
                            "&token=" + app.status_token;
    return json{
        {"number", app.number},
        {"permit", {{"id", app.permit_id}, {"name", app.permit_name}}},
        {"applicant_name", app.applicant_name},
        {"business_name", app.business_name},
        {"registered_at", to_millis(app.registered_at)},
        {"registered_at_text", local_date_text(app.registered_at, config)},
        {"due", clock.due ? json(to_millis(*clock.due)) : json(nullptr)},
        {"promise", promise},
        {"status_url", url},
        {"status_check",
         {{"text",
           "Cek status: pindai kode QR ini dengan ponsel, atau di kiosk pilih \"Cek status "
           "berkas\" dan masukkan nomor pendaftaran."},
          {"text_en",
           "Check the status: scan this QR code with a phone, or choose \"Cek status berkas\" "
           "at the kiosk and enter the registration number."}}},
        {"pickup",
         {{"text",
           "Bila berkas siap diambil, pindai kode QR ini di kiosk untuk mengambil nomor "
           "antrean Pengambilan. Bawa tanda terima ini."},
          {"text_en",
           "When the application is ready, scan this QR code at the kiosk for a Pickup queue "
           "number. Bring this receipt."}}},
        {"office", office_ref_json(config, c.now)},
    };
}

void Api::install_applications(httplib::Server& server) {
    // The receipt's QR code, drawn by the server so the printed page needs no script library:
    // it encodes this server's public address followed by a path of this server, never another
    // site's address.
    add(server, "GET", "/qr.svg", Access::Public, &Api::qr_code_svg);

    add(server, "GET", "/applications/form", Access::Staff, &Api::application_form);
    add(server, "POST", "/applications", Access::Staff, &Api::register_application);

    // The receipt again, on the ESC/POS printer of the clerk's counter (docs/applications.md,
    // "Counter printers"). The print runs on that printer's own worker; this thread waits for
    // its outcome no longer than the printer's timeouts, and the outcome goes on the file's
    // events. Printer trouble is an outcome (200, "failed"), not an error.
    add(server, "POST", "/applications/{application_id}/receipt/print", Access::Staff,
        &Api::print_receipt);

    add(server, "GET", "/applications", Access::Staff, &Api::list_board);
    add(server, "GET", "/applications/warnings", Access::Supervisor, &Api::list_deadline_warnings);
    add(server, "GET", "/applications/stats", Access::Supervisor, &Api::application_stats);

    // The files registered in a period with their OSS status codes over time, for the office's
    // reports and a later connection to OSS. No personal data.
    add(server, "GET", "/applications/export", Access::Supervisor, &Api::export_applications);

    add(server, "GET", "/applications/lookup", Access::Kiosk, &Api::look_up_application);
    add(server, "GET", "/public/applications/status", Access::Public,
        &Api::public_application_status);
    add(server, "POST", "/applications/pickup-ticket", Access::Kiosk, &Api::issue_pickup_ticket);
    add(server, "GET", "/applications/{application_id}", Access::Staff, &Api::application_detail);
    add(server, "GET", "/applications/{application_id}/access-log", Access::Supervisor,
        &Api::application_access_log);
    add(server, "POST", "/applications/{application_id}/steps", Access::Staff, &Api::act_on_step);
    add(server, "POST", "/applications/{application_id}/pause", Access::Staff,
        &Api::pause_application);
    add(server, "POST", "/applications/{application_id}/resume", Access::Staff,
        &Api::resume_application);
    add(server, "POST", "/applications/{application_id}/assign", Access::Staff,
        &Api::assign_application);
    add(server, "POST", "/applications/{application_id}/ready", Access::Staff,
        &Api::mark_application_ready);
    add(server, "POST", "/applications/{application_id}/pickup", Access::Staff,
        &Api::hand_over_application);
    add(server, "GET", "/display/ready-applications", Access::Reader, &Api::list_ready_numbers);
}

void Api::qr_code_svg(Call& c) {
    const std::string path =
        query_param(c.req, "path", 300,
                    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/?&=%.-_~");
    if (path.empty())
        throw ApiError(400, "missing_field", "path is required", "path");
    if (path[0] != '/' || (path.size() > 1 && path[1] == '/'))
        throw ApiError(400, "invalid_field", "path must start with one '/'", "path");
    const auto svg = print::qr_svg(public_base(c) + path);
    if (!svg)
        throw ApiError(400, "invalid_field", "path does not fit a QR code", "path");
    c.res.set_header("Cache-Control", "private, max-age=86400");
    c.res.set_content(*svg, "image/svg+xml");
}

void Api::application_form(Call& c) {
    const std::string permit_id = query_param(c.req, "permit_id", 64);
    const catalog::Permit* permit = c.catalog().find(permit_id);
    if (!permit)
        throw ApiError(400, "unknown_permit", "no permit with id '" + permit_id + "'", "permit_id");
    const std::string type = query_param(c.req, "applicant_type", 16);
    if (!type.empty() && type != kApplicantIndividual && type != kApplicantBusiness) {
        throw ApiError(400, "invalid_field", "applicant_type must be perorangan or badan_usaha",
                       "applicant_type");
    }
    const bool by_proxy = c.req.get_param_value("by_proxy") == "true";
    const auto settings = applications().settings();
    json requirements = json::array();
    for (std::size_t i = 0; i < permit->requirements.size(); ++i) {
        const catalog::Requirement& r = permit->requirements[i];
        const bool applies =
            r.applies_to == catalog::kAppliesToAll ||
            (r.applies_to == catalog::kAppliesToProxy ? by_proxy : r.applies_to == type);
        if (!type.empty() && !applies)
            continue;
        requirements.push_back({{"position", i},
                                {"text", r.text},
                                {"source", r.source},
                                {"applies_to", r.applies_to}});
    }
    json workflow = json::array();
    std::string workflow_error;
    try {
        for (const auto& step : build_workflow(*permit, *settings))
            workflow.push_back(to_json(step));
    } catch (const InputError& e) {
        workflow_error = e.what();
    }
    const auto standard = service_standard(*permit, *settings);
    const auto* own = settings->find_permit(permit->id);
    c.reply(200,
            {{"permit", {{"id", permit->id}, {"name", permit->name}}},
             {"requirements", requirements},
             {"phone_consent_text", settings->phone_consent_text},
             {"standard",
              standard ? json{{"amount", standard->amount}, {"unit", to_string(standard->unit)}}
                       : json(nullptr)},
             {"service_time",
              {{"text", permit->service_time.text},
               {"note", permit->service_time.note},
               {"basis", permit->service_time.basis}}},
             {"clock_start_step",
              own && own->clock_start_step ? json(*own->clock_start_step) : json(nullptr)},
             {"workflow", workflow},
             {"workflow_error", workflow_error.empty() ? json(nullptr) : json(workflow_error)}});
}

void Api::register_application(Call& c) {
    Body body(c.req);
    body.only({"permit_id", "applicant_type", "by_proxy", "applicant_name", "business_name",
               "phone", "phone_consent", "checklist", "ticket_id", "incomplete_visit_id", "note",
               "idempotency_key"});
    const std::string permit_id = body.string("permit_id", 64);
    const catalog::Permit* permit = c.catalog().find(permit_id);
    if (!permit) {
        throw ApiError(400, "unknown_permit", "no permit with id '" + permit_id + "'", "permit_id");
    }
    RegistrationRequest request;
    request.applicant_type = body.string("applicant_type", 16);
    request.by_proxy = body.optional_bool("by_proxy").value_or(false);
    request.applicant_name = body.optional_string("applicant_name", 200).value_or("");
    request.business_name = body.optional_string("business_name", 200).value_or("");
    request.phone = body.optional_string("phone", 32).value_or("");
    request.phone_consent = body.optional_bool("phone_consent").value_or(false);
    request.note = body.optional_string("note", 1000).value_or("");
    request.ticket_id = body.optional_integer("ticket_id", 1, 999999999999);
    request.incomplete_visit_id = body.optional_integer("incomplete_visit_id", 1, 999999999999);
    read_checklist(body, request);
    request.idempotency_key = key_of(c, body);
    request.fingerprint = fingerprint_of(c.req, body);
    const RegistrationResult result =
        applications().register_application(*permit, request, actor_of(c), c.now);
    const int status = result.replayed ? 200 : 201;
    if (result.application) {
        spdlog::info("{} registered {} ({})", c.who(), result.application->number, permit->id);
        const Application app =
            applications().read_personal(result.application->id, c.staff(), "registration", c.now);
        c.reply(status, {{"result", "registered"},
                         {"replayed", result.replayed},
                         {"application", application_detail(app, c.now)},
                         {"receipt", receipt_of(c, app)},
                         {"visit", nullptr},
                         {"to_bring", nullptr}});
        return;
    }
    const IncompleteVisit& visit = *result.visit;
    json items = json::array();
    for (const auto& m : visit.missing)
        items.push_back(m.text);
    c.reply(status, {{"result", "incomplete"},
                     {"replayed", result.replayed},
                     {"application", nullptr},
                     {"receipt", nullptr},
                     {"visit", protocol::incomplete_visit_json(visit)},
                     {"to_bring",
                      {{"title", "Berkas belum lengkap"},
                       {"title_en", "Your file is not complete"},
                       {"text",
                        "Mohon lengkapi persyaratan berikut, lalu kembali ke loket "
                        "Pendaftaran:"},
                       {"text_en",
                        "Please bring the following, then come back to the "
                        "Registration counter:"},
                       {"items", items},
                       {"permit", visit.permit_name}}}});
}

void Api::print_receipt(Call& c) {
    Body body(c.req);
    body.only({"counter", "idempotency_key"});
    const auto asked = body.optional_integer("counter", 1, 999);
    const auto held = d_.store.counter_held_by(c.session->user.name);
    if (!asked && !held) {
        throw QueueError("no_counter",
                         "this account has no counter open; open one, or name the counter",
                         {{"message_id", "Anda belum membuka loket; buka loket Anda dahulu."}});
    }
    const int counter = asked ? static_cast<int>(*asked) : *held;
    if (asked && held != counter && c.session->user.role < Role::Supervisor) {
        throw ApiError(403, "not_your_counter", "staff print only on the counter they operate",
                       "counter");
    }
    const auto config_snapshot = d_.store.config();
    const OfficeConfig& config = *config_snapshot;
    const CounterDef* def = config.find_counter(counter);
    if (!def) {
        throw QueueError("unknown_counter",
                         "counter " + std::to_string(counter) + " does not exist");
    }
    if (!def->printer) {
        throw QueueError("no_counter_printer",
                         def->name + " has no receipt printer; print the receipt page instead",
                         {{"message_id", def->name + " tidak memiliki printer tanda terima; cetak "
                                                     "halaman tanda terima di printer biasa."}});
    }
    const std::string key = key_of(c, body);
    const Application app =
        applications().read_personal(id_of(c), c.staff(), "receipt_print", c.now);
    const json receipt = receipt_of(c, app);
    const std::string fingerprint =
        "receipt " + std::to_string(app.id) + " counter " + std::to_string(counter);
    const auto submitted = counter_printers_->submit(
        key, fingerprint, def->printer->transport, receipt_layout(config, app, receipt, *def), {});
    const print::PrintOutcome outcome = counter_printers_->wait(submitted);
    const json result = {{"result", std::string(print::to_string(outcome.result))},
                         {"sent", outcome.sent},
                         {"message", outcome.message_id},
                         {"message_en", outcome.message_en},
                         {"printer_state", std::string(print::to_string(outcome.status.state))}};
    if (!submitted.replayed) {
        if (outcome.result == print::PrintResult::failed) {
            spdlog::warn("{}: receipt {} not printed at {}: {}", c.who(), app.number, def->name,
                         outcome.detail);
        } else {
            spdlog::info("{} printed receipt {} at {}", c.who(), app.number, def->name);
        }
        try {
            applications().record_receipt_print(app.id, counter, result, c.staff(), c.now);
        } catch (const std::exception& e) {
            // The paper is out (or not) whatever the database says: the clerk is told
            // what the printer did, so a printed receipt is not printed again.
            spdlog::error("receipt print of {} not recorded: {}", app.number, e.what());
        }
    }
    json reply = result;
    reply["counter"] = {{"number", counter}, {"name", def->name}};
    reply["application"] = {{"id", app.id}, {"number", app.number}};
    reply["replayed"] = submitted.replayed;
    c.reply(200, reply);
}

void Api::issue_pickup_ticket(Call& c) {
    Body body(c.req);
    body.only({"number", "token", "idempotency_key"});
    const std::string number = body.string("number", 64);
    const std::string token = body.string("token", 32);
    if (token.size() != 32 || token.find_first_not_of("0123456789abcdef") != std::string::npos)
        throw ApiError(400, "invalid_field", "token must be 32 hex characters", "token");
    const PickupTicketResult result =
        applications().issue_pickup_ticket(number, token, key_of(c, body), c.now);
    const auto config_snapshot = d_.store.config();
    const ServiceDef* service = config_snapshot->find_service(result.issued.ticket.service);
    json ticket = to_json(result.issued.ticket);
    ticket["status_token"] = result.issued.ticket.status_token;
    c.reply(result.issued.replayed ? 200 : 201,
            {{"ticket", ticket},
             {"replayed", result.issued.replayed},
             {"people_ahead", result.issued.people_ahead},
             {"estimate_minutes", estimate_json(result.issued.estimate)},
             {"status_url", public_base(c) + "/s/" + result.issued.ticket.status_token},
             {"service", service ? service_ref_json(*service) : json(nullptr)},
             {"application", application_public(result.application, c.now)}});
}

void Api::application_detail(Call& c) {
    const Application app = applications().read_personal(id_of(c), c.staff(), "details", c.now);
    c.reply(200, application_detail(app, c.now));
}

void Api::application_access_log(Call& c) {
    applications().find(id_of(c), c.now);  // 404 for an unknown file
    json list = json::array();
    for (const auto& a : applications().personal_data_access(id_of(c)))
        list.push_back({{"user", a.user}, {"purpose", a.purpose}, {"at", to_millis(a.at)}});
    c.reply(200, {{"access", list}});
}

void Api::act_on_step(Call& c) {
    Body body(c.req);
    body.only({"step", "action", "note", "idempotency_key"});
    const auto step = body.optional_integer("step", 1, 1000);
    if (!step)
        throw ApiError(400, "missing_field", "step (the step acted on) is required", "step");
    const auto action = parse_step_action(body.string("action", 16));
    if (!action) {
        throw ApiError(400, "invalid_field", "action must be done, returned or rejected", "action");
    }
    const std::string note = body.optional_string("note", 1000).value_or("");
    const ApplicationResult result =
        applications().act_on_step(id_of(c), static_cast<int>(*step), *action, note, actor_of(c),
                                   key_of(c, body), fingerprint_of(c.req, body), c.now);
    c.reply(200, {{"application", application_summary(result.application, c.now)},
                  {"replayed", result.replayed}});
}

void Api::pause_application(Call& c) {
    Body body(c.req);
    body.only({"reason", "note", "idempotency_key"});
    const ApplicationResult result = applications().pause(
        id_of(c), body.string("reason", 40), body.optional_string("note", 1000).value_or(""),
        actor_of(c), key_of(c, body), fingerprint_of(c.req, body), c.now);
    c.reply(200, {{"application", application_summary(result.application, c.now)},
                  {"replayed", result.replayed}});
}

void Api::resume_application(Call& c) {
    Body body(c.req);
    body.only({"note", "idempotency_key"});
    const ApplicationResult result =
        applications().resume(id_of(c), body.optional_string("note", 1000).value_or(""),
                              actor_of(c), key_of(c, body), fingerprint_of(c.req, body), c.now);
    c.reply(200, {{"application", application_summary(result.application, c.now)},
                  {"replayed", result.replayed}});
}

void Api::assign_application(Call& c) {
    Body body(c.req);
    body.only({"assignee"});
    const std::string assignee = body.optional_string("assignee", 32).value_or("");
    std::vector<std::string> duties;
    if (!assignee.empty()) {
        const auto user = d_.auth.find_user(assignee);
        if (!user || user->disabled)
            throw ApiError(400, "unknown_user", "no active user '" + assignee + "'", "assignee");
        duties = user->duties;
    }
    const ApplicationResult result =
        applications().assign(id_of(c), assignee, duties, actor_of(c), c.now);
    c.reply(200, {{"application", application_summary(result.application, c.now)}});
}

void Api::mark_application_ready(Call& c) {
    Body body(c.req);
    body.only({"idempotency_key"});
    const ApplicationResult result = applications().mark_ready(
        id_of(c), actor_of(c), key_of(c, body), fingerprint_of(c.req, body), c.now);
    c.reply(200, {{"application", application_summary(result.application, c.now)},
                  {"replayed", result.replayed}});
}

void Api::hand_over_application(Call& c) {
    Body body(c.req);
    body.only({"received_by", "note", "idempotency_key"});
    const ApplicationResult result = applications().hand_over(
        id_of(c), body.string("received_by", 200), body.optional_string("note", 1000).value_or(""),
        actor_of(c), key_of(c, body), fingerprint_of(c.req, body), c.now);
    c.reply(200, {{"application", application_summary(result.application, c.now)},
                  {"replayed", result.replayed}});
}

}  // namespace loket::server
