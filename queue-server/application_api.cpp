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

std::string local_date_text(TimePoint t, const OfficeConfig& config) {
    const LocalTime local = to_local(t, config.zone);
    return format_date_iso(local.date) + " pukul " + format_clock(local.minute_of_day) + " " +
           std::string(zone_name(config.zone));
}

// A query parameter: empty when absent; refused when longer than max or not matching allowed.
std::string query_param(const httplib::Request& req, const char* name, std::size_t max,
                        std::string_view allowed = "") {
    const std::string value = req.get_param_value(name);
    if (value.size() > max ||
        (!allowed.empty() && value.find_first_not_of(allowed) != std::string::npos)) {
        throw ApiError(400, "invalid_field",
                       std::string(name) + " is not valid (at most " + std::to_string(max) +
                           " characters" + (allowed.empty() ? "" : " of " + std::string(allowed)) +
                           ")",
                       name);
    }
    return value;
}

int int_param(const httplib::Request& req, const char* name, int min, int max, int fallback) {
    const std::string value = req.get_param_value(name);
    if (value.empty())
        return fallback;
    if (value.size() > 9 || value.find_first_not_of("0123456789") != std::string::npos ||
        std::stoi(value) < min || std::stoi(value) > max) {
        throw ApiError(400, "invalid_field",
                       std::string(name) + " must be a number from " + std::to_string(min) +
                           " to " + std::to_string(max),
                       name);
    }
    return std::stoi(value);
}

// ISO 8601 with the office's offset, e.g. 2026-12-05T09:10+08:00 (spreadsheets read it).
std::string iso_local(TimePoint t, TimeZone zone) {
    const LocalTime local = to_local(t, zone);
    const auto offset = utc_offset(zone).count();
    char text[40];
    std::snprintf(text, sizeof text, "%sT%s%+03d:%02d", format_date_iso(local.date).c_str(),
                  format_hhmm(local.minute_of_day).c_str(), static_cast<int>(offset / 60),
                  static_cast<int>(offset % 60));
    return text;
}

// One CSV field (RFC 4180): quoted when it holds a comma, quote or line break.
std::string csv_field(const std::string& value) {
    if (value.find_first_of(",\"\r\n") == std::string::npos)
        return value;
    std::string out = "\"";
    for (const char ch : value)
        out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
    return out + "\"";
}

constexpr std::string_view kNumberChars =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/.-_ ";

}  // namespace

ApplicationStore& Api::applications() const {
    if (!d_.applications) {
        throw ApiError(503, "applications_unavailable",
                       "application tracking is not running on this server");
    }
    return *d_.applications;
}

void Api::add_pickup_application(Call& c, const Ticket& ticket, json& reply) {
    if (!d_.applications || ticket.service != d_.applications->settings()->pickup_service)
        return;
    if (const auto app = d_.applications->for_pickup_ticket(ticket.id, c.staff(), c.now))
        reply["application"] = d_.applications->detail_json(*app, c.now);
}

void Api::install_applications(httplib::Server& server) {
    // Who acts on a file: the account's duties; supervisors and admins act on any step.
    const auto actor_of = [this](const Call& c) {
        const auto user = d_.auth.find_user(c.session->user.name);
        return Actor{c.staff(), user ? user->duties : std::vector<std::string>{},
                     c.session->user.role >= Role::Supervisor};
    };
    const auto key_of = [](const Call& c, const Body& body) {
        return scoped_idempotency_key(c.req, body, c.who());
    };
    const auto id_of = [](const Call& c) { return std::stoll(c.param(1)); };
    const auto public_base = [this](const Call& c) {
        std::string base = d_.settings.public_url;
        if (base.empty()) {
            const std::string host = header_safe_host(c.req);
            base = host.empty() ? "" : (c.req.ssl ? "https://" : "http://") + host;
        }
        return base;
    };
    const auto receipt_of = [this, public_base](const Call& c, const Application& app) {
        const auto config_snapshot = d_.store.config();
        const OfficeConfig& config = *config_snapshot;
        const ClockReading clock = applications().read_clock(app, c.now);
        const std::string standard = app.standard ? std::to_string(app.standard->amount) + " " +
                                                        std::string(to_string(app.standard->unit))
                                                  : "";
        json promise;
        if (clock.due) {
            promise = {{"text", "Berkas Anda selesai paling lambat " +
                                    local_date_text(*clock.due, config) + " (standar layanan " +
                                    standard + ")."},
                       {"text_en", "Your application will be completed by " +
                                       local_date_text(*clock.due, config) + " (service standard " +
                                       standard + ")."}};
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
    };

    // The receipt's QR code, drawn by the server so the printed page needs no script library:
    // it encodes this server's public address followed by a path of this server, never another
    // site's address.
    add(server, "GET", "/qr.svg", Access::Public, [public_base](Call& c) {
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
    });

    add(server, "GET", "/applications/form", Access::Staff, [this](Call& c) {
        const std::string permit_id = query_param(c.req, "permit_id", 64);
        const Permit* permit = c.catalog().find(permit_id);
        if (!permit)
            throw ApiError(400, "unknown_permit", "no permit with id '" + permit_id + "'",
                           "permit_id");
        const std::string type = query_param(c.req, "applicant_type", 16);
        if (!type.empty() && type != kApplicantIndividual && type != kApplicantBusiness) {
            throw ApiError(400, "invalid_field", "applicant_type must be perorangan or badan_usaha",
                           "applicant_type");
        }
        const bool by_proxy = c.req.get_param_value("by_proxy") == "true";
        const auto settings = applications().settings();
        json requirements = json::array();
        for (std::size_t i = 0; i < permit->requirements.size(); ++i) {
            const Requirement& r = permit->requirements[i];
            const bool applies =
                r.applies_to == kAppliesToAll ||
                (r.applies_to == kAppliesToProxy ? by_proxy : r.applies_to == type);
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
        c.reply(
            200,
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
    });

    add(server, "POST", "/applications", Access::Staff,
        [this, actor_of, key_of, receipt_of](Call& c) {
            Body body(c.req);
            body.only({"permit_id", "applicant_type", "by_proxy", "applicant_name", "business_name",
                       "phone", "phone_consent", "checklist", "ticket_id", "incomplete_visit_id",
                       "note", "idempotency_key"});
            const std::string permit_id = body.string("permit_id", 64);
            const Permit* permit = c.catalog().find(permit_id);
            if (!permit) {
                throw ApiError(400, "unknown_permit", "no permit with id '" + permit_id + "'",
                               "permit_id");
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
            request.incomplete_visit_id =
                body.optional_integer("incomplete_visit_id", 1, 999999999999);
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
                    throw ApiError(
                        400, "invalid_field",
                        field + " must be {\"position\": number, \"present\": true|false}", field);
                }
                const auto position = item["position"].get<std::int64_t>();
                if (position < 0 || position > 1000) {
                    throw ApiError(400, "invalid_field", field + ".position is out of range",
                                   field + ".position");
                }
                request.checklist.push_back(
                    {static_cast<int>(position), item["present"].get<bool>()});
            }
            request.idempotency_key = key_of(c, body);
            request.fingerprint = fingerprint_of(c.req, body);
            const RegistrationResult result =
                applications().register_application(*permit, request, actor_of(c), c.now);
            const int status = result.replayed ? 200 : 201;
            if (result.application) {
                spdlog::info("{} registered {} ({})", c.who(), result.application->number,
                             permit->id);
                const Application app = applications().read_personal(
                    result.application->id, c.staff(), "registration", c.now);
                c.reply(status, {{"result", "registered"},
                                 {"replayed", result.replayed},
                                 {"application", applications().detail_json(app, c.now)},
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
                             {"visit", applications().visit_json(visit)},
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
        });

    // The receipt again, on the ESC/POS printer of the clerk's counter (docs/applications.md,
    // "Counter printers"). The print runs on that printer's own worker; this thread waits for
    // its outcome no longer than the printer's timeouts, and the outcome goes on the file's
    // events. Printer trouble is an outcome (200, "failed"), not an error.
    add(server, "POST", "/applications/{application_id}/receipt/print", Access::Staff,
        [this, id_of, key_of, receipt_of](Call& c) {
            Body body(c.req);
            body.only({"counter", "idempotency_key"});
            const auto asked = body.optional_integer("counter", 1, 999);
            const auto held = d_.store.counter_held_by(c.session->user.name);
            if (!asked && !held) {
                throw QueueError(
                    "no_counter", "this account has no counter open; open one, or name the counter",
                    {{"message_id", "Anda belum membuka loket; buka loket Anda dahulu."}});
            }
            const int counter = asked ? static_cast<int>(*asked) : *held;
            if (asked && held != counter && c.session->user.role < Role::Supervisor) {
                throw ApiError(403, "not_your_counter",
                               "staff print only on the counter they operate", "counter");
            }
            const auto config_snapshot = d_.store.config();
            const OfficeConfig& config = *config_snapshot;
            const CounterDef* def = config.find_counter(counter);
            if (!def) {
                throw QueueError("unknown_counter",
                                 "counter " + std::to_string(counter) + " does not exist");
            }
            if (!def->printer) {
                throw QueueError(
                    "no_counter_printer",
                    def->name + " has no receipt printer; print the receipt page instead",
                    {{"message_id", def->name + " tidak memiliki printer tanda terima; cetak "
                                                "halaman tanda terima di printer biasa."}});
            }
            const std::string key = key_of(c, body);
            const Application app =
                applications().read_personal(id_of(c), c.staff(), "receipt_print", c.now);
            const json receipt = receipt_of(c, app);
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
            layout.paper = def->printer->paper_width_mm == 58 ? print::PaperWidth::mm58
                                                              : print::PaperWidth::mm80;
            const std::string fingerprint =
                "receipt " + std::to_string(app.id) + " counter " + std::to_string(counter);
            const auto submitted = counter_printers_->submit(
                key, fingerprint, def->printer->transport, std::move(layout), {});
            const print::PrintOutcome outcome = counter_printers_->wait(submitted);
            const json result = {
                {"result", std::string(print::to_string(outcome.result))},
                {"sent", outcome.sent},
                {"message", outcome.message_id},
                {"message_en", outcome.message_en},
                {"printer_state", std::string(print::to_string(outcome.status.state))}};
            if (!submitted.replayed) {
                if (outcome.result == print::PrintResult::failed) {
                    spdlog::warn("{}: receipt {} not printed at {}: {}", c.who(), app.number,
                                 def->name, outcome.detail);
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
        });

    add(server, "GET", "/applications", Access::Staff, [this](Call& c) {
        const auto settings = applications().settings();
        BoardQuery query;
        query.number = query_param(c.req, "number", 64, kNumberChars);
        query.permit_id = query_param(c.req, "permit", 64, "abcdefghijklmnopqrstuvwxyz0123456789-");
        if (!c.req.get_param_value("step").empty())
            query.step_number = int_param(c.req, "step", 1, 1000, 0);
        query.duty = query_param(c.req, "duty", 32);
        if (!query.duty.empty() && !settings->find_duty(query.duty))
            throw ApiError(400, "unknown_duty", "no duty '" + query.duty + "'", "duty");
        query.assignee =
            query_param(c.req, "assignee", 32, "abcdefghijklmnopqrstuvwxyz0123456789._-");
        query.state = query_param(c.req, "state", 16);
        if (!query.state.empty() && query.state != "in_process" && query.state != "paused" &&
            query.state != "completed" && query.state != "ready") {
            throw ApiError(400, "invalid_field",
                           "state must be in_process, paused, completed or ready", "state");
        }
        query.clock_state = query_param(c.req, "clock", 16);
        static const std::set<std::string> kClocks = {
            "", "on_time", "at_risk", "overdue", "paused", "not_started", "no_standard"};
        if (!kClocks.count(query.clock_state)) {
            throw ApiError(400, "invalid_field",
                           "clock must be on_time, at_risk, overdue, paused, not_started or "
                           "no_standard",
                           "clock");
        }
        query.limit = int_param(c.req, "limit", 1, 500, 50);
        query.offset = int_param(c.req, "offset", 0, 1000000, 0);
        const Board board = applications().board(query, c.now);
        json rows = json::array();
        for (const auto& app : board.rows)
            rows.push_back(applications().summary_json(app, c.now));
        json groups = json::array();
        for (const auto& g : board.groups) {
            groups.push_back({{"permit_id", g.permit_id},
                              {"state", g.state},
                              {"step_number", g.step_number ? json(*g.step_number) : json(nullptr)},
                              {"duty", g.duty.empty() ? json(nullptr) : json(g.duty)},
                              {"count", g.count}});
        }
        c.reply(200, {{"now", to_millis(c.now)},
                      {"total", board.total},
                      {"limit", query.limit},
                      {"offset", query.offset},
                      {"applications", rows},
                      {"groups", groups},
                      {"clocks", board.clocks},
                      {"duties", to_json(*settings)["duties"]}});
    });

    add(server, "GET", "/applications/warnings", Access::Supervisor, [this](Call& c) {
        const auto config_snapshot = d_.store.config();
        json list = json::array();
        for (const auto& app : applications().warnings(c.now)) {
            json item = applications().summary_json(app, c.now);
            const std::string due =
                app.due_at ? local_date_text(*app.due_at, *config_snapshot) : "";
            item["risk"] = {
                {"oss_status", 57},
                {"text", "Bila belum diputuskan sampai " + due +
                             ", izin dapat dianggap disetujui secara otomatis (fiktif positif, "
                             "status OSS 57)."},
                {"text_en", "If not decided by " + due +
                                ", the permit may be deemed approved automatically (fiktif "
                                "positif, OSS status 57)."}};
            list.push_back(std::move(item));
        }
        c.reply(200, {{"now", to_millis(c.now)}, {"warnings", list}});
    });

    add(server, "GET", "/applications/stats", Access::Supervisor, [this](Call& c) {
        const auto config_snapshot = d_.store.config();
        const auto day = [&](const char* name, TimePoint fallback) {
            const std::string text = c.req.get_param_value(name);
            if (text.empty())
                return fallback;
            const auto date = parse_date_iso(text);
            if (!date)
                throw ApiError(400, "invalid_field",
                               std::string(name) + " must look like 2026-11-23", name);
            return from_local(*date, 0, config_snapshot->zone);
        };
        const auto today = to_local(c.now, config_snapshot->zone).date;
        const TimePoint from = day(
            "from", from_local(today.year() / std::chrono::January / 1, 0, config_snapshot->zone));
        // "to" names the last day counted.
        const TimePoint to =
            day("to", from_local(today, 0, config_snapshot->zone)) + std::chrono::days(1);
        if (to <= from)
            throw ApiError(400, "invalid_field", "to must not be before from", "to");
        const ApplicationCounts counts = applications().counts(from, to, c.now);
        const int seen = counts.registered + counts.incomplete_visits;
        c.reply(200, {{"from", to_millis(from)},
                      {"to", to_millis(to)},
                      {"registered", counts.registered},
                      {"incomplete_visits", counts.incomplete_visits},
                      {"incomplete_rate",
                       seen ? json(double(counts.incomplete_visits) / seen) : json(nullptr)},
                      {"completed", counts.completed},
                      {"completed_on_time", counts.completed_on_time},
                      {"picked_up", counts.picked_up},
                      {"open_overdue", counts.open_overdue}});
    });

    // The files registered in a period with their OSS status codes over time, for the office's
    // reports and a later connection to OSS. No personal data.
    add(server, "GET", "/applications/export", Access::Supervisor, [this](Call& c) {
        const auto config_snapshot = d_.store.config();
        const TimeZone zone = config_snapshot->zone;
        const auto day = [&](const char* name) {
            const std::string text = c.req.get_param_value(name);
            const auto date = parse_date_iso(text);
            if (!date) {
                throw ApiError(400, text.empty() ? "missing_field" : "invalid_field",
                               std::string(name) + " must look like 2026-11-23", name);
            }
            return from_local(*date, 0, zone);
        };
        const TimePoint from = day("from");
        const TimePoint to = day("to") + std::chrono::days(1);  // "to" is the last day
        if (to <= from || to - from > std::chrono::days(400))
            throw ApiError(400, "invalid_field", "to must be from 0 to 400 days after from", "to");
        const auto when = [&](const std::optional<TimePoint>& t) {
            return t ? iso_local(*t, zone) : std::string();
        };
        std::string csv =
            "\xEF\xBB\xBFnumber,permit_id,permit_name,applicant_type,business_name,"
            "registered_at,state,outcome,oss_status,oss_history,due,completed_at,on_time,"
            "ready_at,picked_up_at\r\n";
        for (const auto& app : applications().registered_between(from, to)) {
            std::string history;
            for (const auto& o : app.oss_history)
                history += (history.empty() ? "" : ";") + std::to_string(o.code) + " " +
                           iso_local(o.at, zone);
            const bool decided = app.completed_at.has_value();
            const std::string on_time =
                decided && app.due_at ? (*app.completed_at <= *app.due_at ? "ya" : "tidak") : "";
            const std::vector<std::string> fields = {
                app.number,
                app.permit_id,
                app.permit_name,
                app.applicant_type,
                app.business_name,
                iso_local(app.registered_at, zone),
                app.state,
                app.outcome,
                app.oss_status ? std::to_string(*app.oss_status) : "",
                history,
                when(app.due_at),
                when(app.completed_at),
                on_time,
                when(app.ready_at),
                when(app.picked_up_at)};
            for (std::size_t i = 0; i < fields.size(); ++i)
                csv += (i ? "," : "") + csv_field(fields[i]);
            csv += "\r\n";
        }
        c.res.set_header("Content-Disposition", "attachment; filename=\"berkas.csv\"");
        c.res.set_content(csv, "text/csv; charset=utf-8");
    });

    add(server, "GET", "/applications/lookup", Access::Kiosk, [this](Call& c) {
        const std::string number = query_param(c.req, "number", 64, kNumberChars);
        if (number.empty())
            throw ApiError(400, "missing_field", "number is required", "number");
        const Application app = applications().find_by_number(number, c.now);
        c.reply(200, applications().public_json(app, c.now));
    });

    add(server, "GET", "/public/applications/status", Access::Public, [this](Call& c) {
        const std::string number = query_param(c.req, "number", 64, kNumberChars);
        const std::string token = query_param(c.req, "token", 32, "0123456789abcdef");
        if (number.empty())
            throw ApiError(400, "missing_field", "number is required", "number");
        if (token.size() != 32)
            throw ApiError(400, "invalid_field", "token must be 32 hex characters", "token");
        const Application app = applications().find_public(number, token, c.now);
        json out = applications().public_json(app, c.now);
        out["office"] = office_ref_json(*d_.store.config(), c.now);
        c.reply(200, out);
    });

    add(server, "POST", "/applications/pickup-ticket", Access::Kiosk,
        [this, key_of, public_base](Call& c) {
            Body body(c.req);
            body.only({"number", "token", "idempotency_key"});
            const std::string number = body.string("number", 64);
            const std::string token = body.string("token", 32);
            if (token.size() != 32 ||
                token.find_first_not_of("0123456789abcdef") != std::string::npos)
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
                     {"application", applications().public_json(result.application, c.now)}});
        });

    add(server, "GET", "/applications/{application_id}", Access::Staff, [this, id_of](Call& c) {
        const Application app = applications().read_personal(id_of(c), c.staff(), "details", c.now);
        c.reply(200, applications().detail_json(app, c.now));
    });

    add(server, "GET", "/applications/{application_id}/access-log", Access::Supervisor,
        [this, id_of](Call& c) {
            applications().find(id_of(c), c.now);  // 404 for an unknown file
            json list = json::array();
            for (const auto& a : applications().personal_data_access(id_of(c)))
                list.push_back({{"user", a.user}, {"purpose", a.purpose}, {"at", to_millis(a.at)}});
            c.reply(200, {{"access", list}});
        });

    add(server, "POST", "/applications/{application_id}/steps", Access::Staff,
        [this, actor_of, key_of, id_of](Call& c) {
            Body body(c.req);
            body.only({"step", "action", "note", "idempotency_key"});
            const auto step = body.optional_integer("step", 1, 1000);
            if (!step)
                throw ApiError(400, "missing_field", "step (the step acted on) is required",
                               "step");
            const auto action = parse_step_action(body.string("action", 16));
            if (!action) {
                throw ApiError(400, "invalid_field", "action must be done, returned or rejected",
                               "action");
            }
            const std::string note = body.optional_string("note", 1000).value_or("");
            const ApplicationResult result = applications().act_on_step(
                id_of(c), static_cast<int>(*step), *action, note, actor_of(c), key_of(c, body),
                fingerprint_of(c.req, body), c.now);
            c.reply(200, {{"application", applications().summary_json(result.application, c.now)},
                          {"replayed", result.replayed}});
        });

    add(server, "POST", "/applications/{application_id}/pause", Access::Staff,
        [this, actor_of, key_of, id_of](Call& c) {
            Body body(c.req);
            body.only({"reason", "note", "idempotency_key"});
            const ApplicationResult result =
                applications().pause(id_of(c), body.string("reason", 40),
                                     body.optional_string("note", 1000).value_or(""), actor_of(c),
                                     key_of(c, body), fingerprint_of(c.req, body), c.now);
            c.reply(200, {{"application", applications().summary_json(result.application, c.now)},
                          {"replayed", result.replayed}});
        });

    add(server, "POST", "/applications/{application_id}/resume", Access::Staff,
        [this, actor_of, key_of, id_of](Call& c) {
            Body body(c.req);
            body.only({"note", "idempotency_key"});
            const ApplicationResult result = applications().resume(
                id_of(c), body.optional_string("note", 1000).value_or(""), actor_of(c),
                key_of(c, body), fingerprint_of(c.req, body), c.now);
            c.reply(200, {{"application", applications().summary_json(result.application, c.now)},
                          {"replayed", result.replayed}});
        });

    add(server, "POST", "/applications/{application_id}/assign", Access::Staff,
        [this, actor_of, id_of](Call& c) {
            Body body(c.req);
            body.only({"assignee"});
            const std::string assignee = body.optional_string("assignee", 32).value_or("");
            std::vector<std::string> duties;
            if (!assignee.empty()) {
                const auto user = d_.auth.find_user(assignee);
                if (!user || user->disabled)
                    throw ApiError(400, "unknown_user", "no active user '" + assignee + "'",
                                   "assignee");
                duties = user->duties;
            }
            const ApplicationResult result =
                applications().assign(id_of(c), assignee, duties, actor_of(c), c.now);
            c.reply(200, {{"application", applications().summary_json(result.application, c.now)}});
        });

    add(server, "POST", "/applications/{application_id}/ready", Access::Staff,
        [this, actor_of, key_of, id_of](Call& c) {
            Body body(c.req);
            body.only({"idempotency_key"});
            const ApplicationResult result = applications().mark_ready(
                id_of(c), actor_of(c), key_of(c, body), fingerprint_of(c.req, body), c.now);
            c.reply(200, {{"application", applications().summary_json(result.application, c.now)},
                          {"replayed", result.replayed}});
        });

    add(server, "POST", "/applications/{application_id}/pickup", Access::Staff,
        [this, actor_of, key_of, id_of](Call& c) {
            Body body(c.req);
            body.only({"received_by", "note", "idempotency_key"});
            const ApplicationResult result = applications().hand_over(
                id_of(c), body.string("received_by", 200),
                body.optional_string("note", 1000).value_or(""), actor_of(c), key_of(c, body),
                fingerprint_of(c.req, body), c.now);
            c.reply(200, {{"application", applications().summary_json(result.application, c.now)},
                          {"replayed", result.replayed}});
        });

    add(server, "GET", "/display/ready-applications", Access::Reader, [this](Call& c) {
        const bool enabled = applications().settings()->display_ready_numbers;
        c.reply(200,
                {{"enabled", enabled},
                 {"numbers", enabled ? json(applications().ready_numbers(c.now)) : json::array()}});
    });
}

}  // namespace loket::server
