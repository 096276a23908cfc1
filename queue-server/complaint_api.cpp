// Complaints (pengaduan) under /api/v1/complaints: the categories and channels, submission from
// the web, a kiosk or a staff member recording one, the public tracking view, and the staff
// pages (list, detail, transitions, assignment, notes, the SP4N-LAPOR! export, the monthly
// summary). The rules are in loket_complaint and docs/complaints.md; the store returns values
// and the protocol writes them (loket/complaint_wire.hpp).
#include <nlohmann/json.hpp>

#include "api_call.hpp"
#include "api_parts.hpp"
#include "loket/complaint_store.hpp"
#include "loket/complaint_wire.hpp"

namespace loket::server {

using nlohmann::json;
using namespace complaint;

namespace {

ComplaintInputError query_refusal(const std::string& field, const std::string& en,
                                  const std::string& id) {
    return ComplaintInputError("query", field, en, id, "invalid_field");
}

ComplaintViewer viewer_of(const std::optional<Session>& session) {
    return {session->user.name, session->user.role >= Role::Supervisor};
}

std::int64_t complaint_id(const std::string& text) {
    return std::stoll(text);  // the route's pattern allows 1-12 digits only
}

std::string date_param(const httplib::Request& req, const char* name) {
    const std::string value = req.get_param_value(name);
    if (!parse_date_iso(value)) {
        throw query_refusal(name, "must be a date YYYY-MM-DD", "harus berupa tanggal TTTT-BB-HH");
    }
    return value;
}

}  // namespace

void Api::install_complaints(httplib::Server& server) {
    add(server, "GET", "/complaints/categories", Access::Public, &Api::list_complaint_categories);
    add(server, "POST", "/complaints", Access::Public, &Api::submit_complaint);
    add(server, "GET", "/complaints/track/{tracking_number}", Access::Public, [this](Call& c) {
        c.reply(200,
                protocol::complaint_public_json(ComplaintStore(d_.store).track(c.param(1), c.now)));
    });
    add(server, "GET", "/complaints", Access::Staff, &Api::list_complaints);
    add(server, "GET", "/complaints/export.csv", Access::Supervisor, &Api::export_complaints);
    add(server, "GET", "/complaints/summary", Access::Supervisor, &Api::summarise_complaints);
    add(server, "GET", "/complaints/{complaint_id}", Access::Staff, [this](Call& c) {
        c.reply(200, protocol::complaint_detail_json(ComplaintStore(d_.store).detail(
                         complaint_id(c.param(1)), viewer_of(c.session), c.now)));
    });
    add(server, "POST", "/complaints/{complaint_id}/transition", Access::Staff, [this](Call& c) {
        const TransitionRequest request = read_transition(json_object_body(c.req));
        c.reply(200, protocol::complaint_detail_json(ComplaintStore(d_.store).transition(
                         complaint_id(c.param(1)), request, viewer_of(c.session), c.now)));
    });
    add(server, "POST", "/complaints/{complaint_id}/assign", Access::Supervisor, [this](Call& c) {
        const std::string username = read_assignee(json_object_body(c.req));
        c.reply(200, protocol::complaint_detail_json(ComplaintStore(d_.store).assign(
                         complaint_id(c.param(1)), username, viewer_of(c.session), c.now)));
    });
    add(server, "POST", "/complaints/{complaint_id}/notes", Access::Staff, [this](Call& c) {
        const std::string text = read_note(json_object_body(c.req));
        c.reply(200, protocol::complaint_detail_json(ComplaintStore(d_.store).add_note(
                         complaint_id(c.param(1)), text, viewer_of(c.session), c.now)));
    });
}

void Api::list_complaint_categories(Call& c) {
    // How long a complainant's name and contact are kept after closing, as the consent
    // texts of the web form and the kiosk say it (docs/privacy.md).
    const int retention_days = d_.store.config()->privacy.complaint_contact_days;
    c.reply(200, {{"categories", protocol::complaint_labels_json(categories())},
                  {"channels_staff", protocol::complaint_labels_json(staff_channels())},
                  {"contact_retention_days", retention_days},
                  {"lapor",
                   {{"url", "https://www.lapor.go.id"},
                    {"sms", "1708"},
                    {"text",
                     "Pengaduan juga dapat disampaikan melalui SP4N-LAPOR!, kanal pengaduan "
                     "pelayanan publik nasional: www.lapor.go.id atau SMS ke 1708."},
                    {"text_en",
                     "You can also file a complaint through SP4N-LAPOR!, the national public "
                     "service complaints channel: www.lapor.go.id or SMS to 1708."}}}});
}

void Api::submit_complaint(Call& c) {
    const json body = json_object_body(c.req);
    const std::string key = c.req.get_header_value("Idempotency-Key");
    if (key.size() > 100) {
        throw ComplaintInputError("request header", "Idempotency-Key",
                                  "is longer than 100 characters", "lebih dari 100 karakter",
                                  "too_long");
    }
    ComplaintSender sender;
    if (c.session) {
        sender.kind = ComplaintSender::Kind::Staff;
        sender.staff = c.session->user.name;
    } else if (c.device && c.device->role == DeviceRole::Kiosk) {
        sender.kind = ComplaintSender::Kind::Kiosk;
        sender.device = c.device->name;
    } else {
        sender.address = c.req.remote_addr;
    }
    const Submission submission =
        read_submission(body, sender.kind == ComplaintSender::Kind::Staff);
    complaint::Receipt receipt;
    try {
        receipt = ComplaintStore(d_.store).submit(submission, sender, key, c.now);
    } catch (const QueueError& e) {
        if (e.code() == "rate_limited") {
            const json& retry = e.details()["retry_after_seconds"];
            c.res.set_header("Retry-After",
                             retry.is_number() ? std::to_string(retry.get<std::int64_t>()) : "600");
        }
        throw;
    }
    c.reply(receipt.replayed ? 200 : 201, protocol::complaint_receipt_json(receipt));
}

void Api::list_complaints(Call& c) {
    ComplaintFilter filter;
    if (c.req.has_param("state") && !c.req.get_param_value("state").empty()) {
        filter.state = parse_state(c.req.get_param_value("state"));
        if (!filter.state) {
            throw query_refusal("state", "is not a complaint state", "bukan status pengaduan");
        }
    }
    if (c.req.has_param("category") && !c.req.get_param_value("category").empty()) {
        filter.category = c.req.get_param_value("category");
        if (!find_category(filter.category))
            throw query_refusal("category", "is not a known category",
                                "bukan kategori yang dikenal");
    }
    for (const char* flag : {"overdue", "assigned"}) {
        if (!c.req.has_param(flag))
            continue;
        const std::string value = c.req.get_param_value(flag);
        const std::string expected = std::string(flag) == "overdue" ? "true" : "me";
        if (value != expected && !value.empty()) {
            throw query_refusal(flag, "must be '" + expected + "'", "harus '" + expected + "'");
        }
        (std::string(flag) == "overdue" ? filter.overdue_only : filter.assigned_to_me) =
            value == expected;
    }
    c.reply(200, protocol::complaint_list_json(
                     ComplaintStore(d_.store).list(filter, viewer_of(c.session), c.now)));
}

void Api::export_complaints(Call& c) {
    const std::string from = date_param(c.req, "from");
    const std::string to = date_param(c.req, "to");
    if (to < from) {
        throw query_refusal("to", "must not be before 'from'",
                            "tidak boleh sebelum tanggal 'from'");
    }
    c.res.status = 200;
    c.res.set_header("Content-Disposition",
                     "attachment; filename=\"pengaduan-" + from + "-" + to + ".csv\"");
    c.res.set_content(ComplaintStore(d_.store).export_csv(from, to, c.now),
                      "text/csv; charset=utf-8");
}

void Api::summarise_complaints(Call& c) {
    const std::string period = c.req.get_param_value("period");
    if (period.size() != 7 || !parse_date_iso(period + "-01")) {
        throw query_refusal("period", "must be a month YYYY-MM", "harus berupa bulan TTTT-BB");
    }
    c.reply(200, protocol::complaint_month_json(ComplaintStore(d_.store).summary(period, c.now)));
}

}  // namespace loket::server
