// The satisfaction survey (SKM) under /api/v1/survey and /api/v1/counters/{number}/survey:
// the questionnaire, whether a visit may answer, responses (from the visit's phone, the
// counter's tablet or a kiosk), the report as JSON, CSV and XLSX, and the follow-up plan.
// Staff roles never get an individual response: only supervisors and admins read the report,
// and it holds aggregates (docs/skm.md).
#include "survey_api.hpp"

#include <spdlog/spdlog.h>

#include "api_call.hpp"
#include "api_parts.hpp"
#include "loket/survey_store.hpp"
#include "loket/survey_wire.hpp"
#include "loket/wire_writer.hpp"

namespace loket::server {

using nlohmann::json;

namespace {

// Kiosk responses without a ticket: one a minute at most per kiosk (an applicant needs longer
// for nine questions and the profile, so faster means someone is tapping for fun), and a day's
// cap far above one kiosk's honest use (docs/skm.md).
constexpr KioskSurveyLimits kKioskLimits{60, 200};

// An optional string field of at most max_length bytes, removed from doc once read.
std::string take_string(json& doc, const char* name, std::size_t max_length) {
    const auto it = doc.find(name);
    if (it == doc.end() || it->is_null()) {
        if (it != doc.end())
            doc.erase(it);
        return "";
    }
    if (!it->is_string() || it->get_ref<const std::string&>().size() > max_length) {
        throw request_refusal(
            name, "must be a string of at most " + std::to_string(max_length) + " characters",
            "harus berupa teks paling panjang " + std::to_string(max_length) + " karakter",
            "invalid_field");
    }
    std::string value = it->get<std::string>();
    doc.erase(it);
    return value;
}

bool is_status_token(const std::string& text) {
    return text.size() == 32 && text.find_first_not_of("0123456789abcdef") == std::string::npos;
}

json permit_ref(const catalog::Catalog& catalog, const std::string& id) {
    const catalog::Permit* p = id.empty() ? nullptr : catalog.find(id);
    return p ? json{{"id", p->id}, {"name", p->name}} : json(nullptr);
}

// ?period= (required), ?service= (optional, an office service) and ?permit= (optional, a
// catalog permit).
struct ReportQuery {
    survey::Period period;
    std::string service;
    std::string permit;
};

ReportQuery report_query(const httplib::Request& req, const OfficeConfig& config,
                         const catalog::Catalog& catalog) {
    const std::string key = req.get_param_value("period");
    if (key.empty()) {
        throw request_refusal("period", "is required, e.g. 2026-12, 2026-Q4, 2026-S2 or 2026",
                              "wajib diisi, misalnya 2026-12, 2026-Q4, 2026-S2 atau 2026",
                              "required");
    }
    const survey::Period period = survey::parse_period(key.substr(0, 16), "request", "period");
    std::string service = req.get_param_value("service");
    if (!service.empty() && !config.find_service(service)) {
        throw request_refusal("service", "is not a service of this office",
                              "bukan layanan di kantor ini", "unknown_value");
    }
    std::string permit = req.get_param_value("permit");
    if (!permit.empty() && !catalog.find(permit)) {
        throw request_refusal("permit", "is not a permit of the catalog",
                              "bukan izin dalam katalog", "unknown_value");
    }
    return {period, std::move(service), std::move(permit)};
}

// The index's table: each element's NRR, then the IKM, its grade and the weakest elements.
void append_index_rows(std::vector<report::TableRow>& rows, const survey::PeriodReport& report) {
    rows.push_back({report::text_cell("No"), report::text_cell("Unsur"),
                    report::text_cell("Element"), report::text_cell("Jumlah nilai / Score sum"),
                    report::text_cell("Jumlah jawaban / Answers"), report::text_cell("NRR"),
                    report::text_cell("NRR tertimbang / Weighted NRR"),
                    report::text_cell("Konversi / Converted"), report::text_cell("Mutu / Grade")});
    if (report.index) {
        for (std::size_t i = 0; i < survey::kElementCount; ++i) {
            const survey::ElementResult& e = report.index->elements[i];
            const survey::ElementInfo& info = survey::element_info(e.element);
            rows.push_back({report::integer_cell(static_cast<std::int64_t>(i + 1)),
                            report::text_cell(std::string(info.name.id)),
                            report::text_cell(std::string(info.name.en)),
                            report::integer_cell(e.score_sum), report::integer_cell(e.answers),
                            report::figure_cell(e.nrr_rounded()),
                            report::figure_cell(e.weighted_nrr_rounded()),
                            report::figure_cell(e.converted_rounded()),
                            report::text_cell(std::string(survey::grade_info(e.grade()).letter))});
        }
        const survey::GradeInfo& grade = survey::grade_info(report.index->grade());
        rows.push_back({});
        rows.push_back({report::text_cell("Bobot unsur / Element weight"),
                        report::figure_cell(survey::round_half_up(survey::kElementWeight, 4))});
        rows.push_back(
            {report::text_cell("IKM"), report::figure_cell(report.index->ikm_rounded())});
        rows.push_back({report::text_cell("IKM konversi / Converted IKM"),
                        report::figure_cell(report.index->converted_rounded())});
        rows.push_back({report::text_cell("Mutu pelayanan / Service quality"),
                        report::text_cell(std::string(grade.letter)),
                        report::text_cell(std::string(grade.quality.id)),
                        report::text_cell(std::string(grade.quality.en))});
        report::TableRow weakest{report::text_cell("Unsur terendah / Weakest elements")};
        for (const survey::Element e : report.weakest)
            weakest.push_back(report::text_cell(std::string(survey::element_info(e).name.id)));
        rows.push_back(std::move(weakest));
    } else {
        rows.push_back({report::text_cell(
            "Belum ada tanggapan: IKM tidak dihitung / No responses: no index")});
    }
    rows.push_back({});
}

// The sample reached against the one required, and who the respondents were.
void append_sample_and_profile_rows(std::vector<report::TableRow>& rows,
                                    const survey::PeriodReport& report) {
    if (report.sample) {
        rows.push_back({report::text_cell("Sampel (Krejcie-Morgan) / Sample")});
        rows.push_back(
            {report::text_cell("Populasi: dilayani dalam periode / Population: people served"),
             report::integer_cell(report.sample->population)});
        rows.push_back({report::text_cell("Sampel minimum / Required sample"),
                        report::integer_cell(report.sample->required)});
        rows.push_back({report::text_cell("Responden / Respondents"),
                        report::integer_cell(report.sample->responses)});
        rows.push_back({report::text_cell("Tercapai / Reached"),
                        report::text_cell(report.sample->reached() ? "Ya / Yes" : "Tidak / No")});
        rows.push_back({});
    }

    const survey::ProfileBreakdown& p = report.profile;
    rows.push_back({report::text_cell("Profil responden / Respondent profile"),
                    report::text_cell("Jumlah / Count")});
    const auto add_options = [&](const char* label, std::span<const survey::Option> options,
                                 const auto& counts) {
        for (std::size_t i = 0; i < options.size(); ++i) {
            rows.push_back(
                {report::text_cell(std::string(label) + ": " + std::string(options[i].label.id) +
                                   " / " + std::string(options[i].label.en)),
                 report::integer_cell(counts[i])});
        }
    };
    add_options("Jenis kelamin / Sex", survey::sex_options(), p.sex);
    add_options("Pendidikan / Education", survey::education_options(), p.education);
    add_options("Pekerjaan / Occupation", survey::occupation_options(), p.occupation);
    const auto bands = survey::age_bands();
    for (std::size_t i = 0; i < bands.size(); ++i) {
        rows.push_back({report::text_cell("Umur / Age: " + std::string(bands[i].label.id)),
                        report::integer_cell(p.age[i])});
    }
    for (const auto& [service, count] : p.services)
        rows.push_back(
            {report::text_cell("Layanan / Service: " + service), report::integer_cell(count)});
    rows.push_back({});
}

std::string attachment_name(const ReportQuery& q, const char* extension) {
    return "ikm-" + q.period.key() + (q.service.empty() ? "" : "-" + q.service) +
           (q.permit.empty() ? "" : "-" + q.permit) + "." + extension;
}

// The report's tables and the file name they are sent under.
std::pair<report::TableDocument, std::string> report_document(QueueStore& store,
                                                              const httplib::Request& req,
                                                              const catalog::Catalog& catalog,
                                                              const char* extension) {
    const auto config = store.config();
    const ReportQuery q = report_query(req, *config, catalog);
    SurveyStore surveys(store);
    const auto responses = surveys.responses(q.period, q.service, q.permit);
    const survey::PeriodReport report = survey::period_report(
        responses, q.period, q.service, surveys.people_served(q.period, q.service, q.permit));
    const ServiceDef* service = config->find_service(q.service);
    const catalog::Permit* permit = q.permit.empty() ? nullptr : catalog.find(q.permit);
    return std::make_pair(
        survey_report_document(
            config->name, report, service ? service->name + " / " + service->name_en : "",
            permit ? permit->name : "", surveys.suggestions(q.period, q.service, q.permit),
            surveys.follow_ups(q.period)),
        "attachment; filename=\"" + attachment_name(q, extension) + "\"");
}

std::int64_t follow_up_id(const std::string& param) {
    return std::stoll(param);  // the route's pattern allows 1 to 12 digits
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// The report document

report::TableDocument survey_report_document(
    const std::string& office, const survey::PeriodReport& report, const std::string& service_name,
    const std::string& permit_name, const std::vector<std::string>& suggestions,
    const std::vector<survey::StoredFollowUp>& follow_ups) {
    report::TableDocument doc;
    doc.sheet_name = "IKM " + report.period.key();
    auto& rows = doc.rows;
    rows.push_back(
        {report::text_cell("Indeks Kepuasan Masyarakat (IKM) / Community Satisfaction Index")});
    rows.push_back({report::text_cell("Unit pelayanan / Service unit"), report::text_cell(office)});
    rows.push_back(
        {report::text_cell("Periode / Period"), report::text_cell(report.period.label_id()),
         report::text_cell(report.period.label_en()), report::text_cell(report.period.key())});
    rows.push_back(
        {report::text_cell("Layanan / Service"),
         report::text_cell(service_name.empty() ? "Semua layanan / All services" : service_name)});
    if (!permit_name.empty())
        rows.push_back({report::text_cell("Izin / Permit"), report::text_cell(permit_name)});
    rows.push_back({report::text_cell("Dasar / Basis"), report::text_cell("PermenPANRB 14/2017")});
    rows.push_back({report::text_cell("Jumlah responden / Respondents"),
                    report::integer_cell(report.respondents)});
    rows.push_back({});

    append_index_rows(rows, report);
    append_sample_and_profile_rows(rows, report);

    rows.push_back({report::text_cell("Saran dan masukan / Suggestions"),
                    report::integer_cell(report.profile.with_saran)});
    for (const std::string& s : suggestions)
        rows.push_back({report::text_cell(s)});
    rows.push_back({});

    rows.push_back({report::text_cell("Rencana tindak lanjut / Follow-up plan")});
    rows.push_back({report::text_cell("Unsur / Element"), report::text_cell("Kegiatan / Action"),
                    report::text_cell("Penanggung jawab / Owner"),
                    report::text_cell("Batas waktu / Deadline"), report::text_cell("Status"),
                    report::text_cell("Realisasi (%) / Done (%)")});
    for (const survey::StoredFollowUp& f : follow_ups) {
        rows.push_back(
            {report::text_cell(std::string(survey::element_info(f.plan.element).name.id)),
             report::text_cell(f.plan.action), report::text_cell(f.plan.owner),
             report::text_cell(format_date_iso(f.plan.deadline)),
             report::text_cell(std::string(survey::option_of(f.plan.status).label.id)),
             report::integer_cell(f.plan.percent_done)});
    }
    return doc;
}

PublishedIndex published_index(QueueStore& store, const OfficeConfig& config, TimePoint now) {
    const survey::Period current =
        survey::Period::containing(to_local(now, config.zone).date, survey::PeriodKind::Semester);
    const survey::Period last =
        current.number() == 2 ? survey::Period::semester(current.year(), 1)
                              : survey::Period::semester(current.year() - std::chrono::years{1}, 2);
    SurveyStore surveys(store);
    PublishedIndex out{last, 0, std::nullopt};
    auto responses = surveys.responses(last);
    if (responses.empty()) {
        out.period = current;
        responses = surveys.responses(current);
    }
    out.respondents = static_cast<std::int64_t>(responses.size());
    out.index = survey::compute_index(responses);
    return out;
}

json published_index_json(const PublishedIndex& published, bool show_ikm) {
    json out = {{"period",
                 {{"key", published.period.key()},
                  {"name", published.period.label_id()},
                  {"name_en", published.period.label_en()}}},
                {"respondents", published.respondents},
                {"ikm", nullptr},
                {"grade", nullptr},
                {"grade_name", nullptr},
                {"grade_name_en", nullptr}};
    if (show_ikm && published.index) {
        const survey::GradeInfo& grade = survey::grade_info(published.index->grade());
        out["ikm"] = published.index->converted_rounded().to_double();
        out["grade"] = grade.letter;
        out["grade_name"] = grade.quality.id;
        out["grade_name_en"] = grade.quality.en;
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// Routes

// The survey store for visits: a file without tickets is counted under the pickup service.
SurveyStore Api::visit_surveys() const {
    return SurveyStore(
        d_.store, d_.applications ? d_.applications->settings()->pickup_service : std::string());
}

void Api::install_survey(httplib::Server& server) {
    add(server, "GET", "/survey/questions", Access::Public,
        [](Call& c) { c.reply(200, survey::questionnaire_json()); });
    add(server, "GET", "/survey/visits/{token}", Access::Public, &Api::survey_visit);
    add(server, "POST", "/survey/responses", Access::Public, &Api::submit_survey_response);

    // The counter's tablet: the survey of the ticket just finished there. Never an answer.
    add(server, "GET", "/counters/{number}/survey", Access::Reader, &Api::counter_survey);

    // What the waiting room and the kiosk show: the index of the last complete semester (the
    // current one while the last has no responses) and the office's service pledge.
    add(server, "GET", "/survey/publication", Access::Public, &Api::survey_publication);

    add(server, "GET", "/survey/report", Access::Supervisor, &Api::survey_report);
    add(server, "GET", "/survey/report.csv", Access::Supervisor, &Api::survey_report_csv);
    add(server, "GET", "/survey/report.xlsx", Access::Supervisor, &Api::survey_report_xlsx);

    // The follow-up plan (rencana tindak lanjut) of a period.
    add(server, "GET", "/survey/follow-ups", Access::Supervisor, &Api::list_follow_ups);
    add(server, "POST", "/survey/follow-ups", Access::Supervisor, &Api::add_follow_up);
    add(server, "PUT", "/survey/follow-ups/{follow_up_id}", Access::Supervisor, [this](Call& c) {
        const survey::FollowUp plan = survey::read_follow_up(json_object_body(c.req));
        c.reply(200, protocol::survey_follow_up_json(SurveyStore(d_.store).update_follow_up(
                         follow_up_id(c.param(1)), plan, c.staff(), c.now)));
    });
    add(server, "DELETE", "/survey/follow-ups/{follow_up_id}", Access::Supervisor, [this](Call& c) {
        SurveyStore(d_.store).remove_follow_up(follow_up_id(c.param(1)), c.staff(), c.now);
        c.reply(200, {{"ok", true}});
    });
}

void Api::survey_visit(Call& c) {
    const SurveyVisit visit = visit_surveys().visit(c.param(1), c.now);
    const auto config = d_.store.config();
    const json visited = {{"number", visit.number}, {"local_date", visit.local_date}};
    const bool is_file = visit.kind == SurveyVisitKind::Application;
    c.reply(200, {{"state", to_string(visit.state)},
                  {"ticket", is_file ? json(nullptr) : visited},
                  {"application", is_file ? visited : json(nullptr)},
                  {"service", visit.service.empty()
                                  ? json(nullptr)
                                  : protocol::survey_service_json(*config, visit.service)},
                  {"permit", permit_ref(c.catalog(), visit.permit_id)},
                  {"office", protocol::office_ref_json(*config, c.now)}});
}

void Api::submit_survey_response(Call& c) {
    json body = json_object_body(c.req);
    const std::string token = take_string(body, "token", 64);
    std::string key = take_string(body, "idempotency_key", 100);
    if (key.empty())
        key = c.req.get_header_value("Idempotency-Key");
    if (key.size() > 100) {
        throw request_refusal("idempotency_key", "is longer than 100 characters",
                              "lebih dari 100 karakter", "too_long");
    }
    SurveyStore surveys = visit_surveys();
    const auto config = d_.store.config();
    // Read strictly here, the store gets the typed response; it dates it by its own clock.
    const auto today = to_local(c.now, config->zone).date;
    survey::Receipt receipt;
    if (!token.empty()) {
        if (!is_status_token(token)) {
            throw request_refusal(
                "token", "must be the 32-character code of the ticket's or receipt's QR link",
                "harus kode 32 karakter dari tautan QR tiket atau tanda terima", "invalid_field");
        }
        // A staff session here is the counter's tablet, logged in as that counter's clerk.
        const survey::Channel channel =
            c.session ? survey::Channel::Counter : survey::Channel::Visit;
        receipt = surveys.submit_for_visit(token, survey::read_visit_response(body, today), channel,
                                           key, c.now);
    } else {
        if (!c.device || c.device->role != DeviceRole::Kiosk) {
            throw request_refusal(
                "token", "is required: the survey is answered for a finished visit",
                "wajib diisi: survei diisi untuk kunjungan yang sudah selesai", "required");
        }
        const json* service = body.contains("service") ? &body["service"] : nullptr;
        if (service && service->is_string() && !config->find_service(service->get<std::string>()))
            throw request_refusal("service", "is not a service of this office",
                                  "bukan layanan di kantor ini", "unknown_value");
        if (body.contains("permit_id") && body["permit_id"].is_string() &&
            !body["permit_id"].get<std::string>().empty() &&
            !c.catalog().find(body["permit_id"].get<std::string>())) {
            throw request_refusal("permit_id", "is not a permit of the catalog",
                                  "bukan izin dalam katalog", "unknown_value");
        }
        const survey::Response response = survey::read_response(body, today);
        try {
            receipt = surveys.submit_from_kiosk(c.device->name, response, key, kKioskLimits, c.now);
        } catch (const QueueError& e) {
            if (e.code() == "rate_limited") {
                const json& retry = e.details()["retry_after_seconds"];
                c.res.set_header("Retry-After",
                                 retry.is_number() ? std::to_string(retry.get<int>()) : "3600");
            }
            throw;
        }
    }
    c.reply(receipt.replayed ? 200 : 201,
            {{"response", protocol::survey_receipt_json(*config, receipt)},
             {"replayed", receipt.replayed}});
}

void Api::counter_survey(Call& c) {
    const CounterSurvey found = SurveyStore(d_.store).counter_survey(c.counter(), c.now);
    const auto config = d_.store.config();
    const CounterDef* counter = config->find_counter(found.counter);
    json reply = {{"counter", {{"number", found.counter}, {"name", counter ? counter->name : ""}}},
                  {"offer_minutes", SurveyStore::kCounterSurveyMinutes}};
    if (!found.ticket) {
        reply["state"] = "none";
        reply["ticket"] = nullptr;
        reply["service"] = nullptr;
        reply["survey_token"] = nullptr;
    } else {
        reply["state"] = to_string(found.state);
        reply["ticket"] = {{"number", found.ticket->number}};
        reply["service"] = protocol::survey_service_json(*config, found.ticket->service);
        reply["survey_token"] = found.state == VisitSurveyState::Open
                                    ? json(found.ticket->status_token)
                                    : json(nullptr);
    }
    c.reply(200, reply);
}

void Api::survey_publication(Call& c) {
    const auto config = d_.store.config();
    const PublicationSettings& settings = config->publication;
    json out = published_index_json(published_index(d_.store, *config, c.now), settings.show_ikm);
    out["show_ikm"] = settings.show_ikm;
    out["maklumat"] = settings.maklumat;
    out["maklumat_en"] = settings.maklumat_en;
    c.reply(200, out);
}

void Api::survey_report(Call& c) {
    const auto config = d_.store.config();
    const ReportQuery q = report_query(c.req, *config, c.catalog());
    SurveyStore surveys(d_.store);
    const auto responses = surveys.responses(q.period, q.service, q.permit);
    const std::int64_t population = surveys.people_served(q.period, q.service, q.permit);
    const survey::PeriodReport report =
        survey::period_report(responses, q.period, q.service, population);
    json out = survey::to_json(report);
    out["service"] =
        q.service.empty() ? json(nullptr) : protocol::survey_service_json(*config, q.service);
    out["permit"] = permit_ref(c.catalog(), q.permit);
    out["population"] = population;
    out["suggestions"] = surveys.suggestions(q.period, q.service, q.permit);
    out["follow_ups"] = protocol::survey_follow_up_list_json(surveys.follow_ups(q.period));
    out["office"] = protocol::office_ref_json(*config, c.now);
    c.reply(200, out);
}

void Api::survey_report_csv(Call& c) {
    const auto [doc, disposition] = report_document(d_.store, c.req, c.catalog(), "csv");
    c.res.set_header("Content-Disposition", disposition);
    c.res.set_content(report::to_csv(doc), "text/csv; charset=utf-8");
}

void Api::survey_report_xlsx(Call& c) {
    const auto [doc, disposition] = report_document(d_.store, c.req, c.catalog(), "xlsx");
    c.res.set_header("Content-Disposition", disposition);
    c.res.set_content(report::to_xlsx(doc),
                      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
}

void Api::list_follow_ups(Call& c) {
    const ReportQuery q = report_query(c.req, *d_.store.config(), c.catalog());
    c.reply(200, {{"period", q.period.key()},
                  {"follow_ups", protocol::survey_follow_up_list_json(
                                     SurveyStore(d_.store).follow_ups(q.period))}});
}

void Api::add_follow_up(Call& c) {
    json body = json_object_body(c.req);
    const std::string key = take_string(body, "period", 16);
    if (key.empty()) {
        throw request_refusal("period", "is required, e.g. 2026-S2",
                              "wajib diisi, misalnya 2026-S2", "required");
    }
    const survey::Period period = survey::parse_period(key, "follow-up", "period");
    const survey::FollowUp plan = survey::read_follow_up(body);
    const survey::StoredFollowUp stored =
        SurveyStore(d_.store).add_follow_up(period, plan, c.staff(), c.now);
    spdlog::info("{} added a survey follow-up for {}", c.who(), period.key());
    c.reply(201, protocol::survey_follow_up_json(stored));
}

}  // namespace loket::server
