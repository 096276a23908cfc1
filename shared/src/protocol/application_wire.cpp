#include "loket/application_wire.hpp"

namespace loket::protocol {

using nlohmann::json;

namespace {
std::int64_t ms(TimePoint t) {
    return to_millis(t);
}
json time_json(const std::optional<TimePoint>& t) {
    return t ? json(to_millis(*t)) : json(nullptr);
}
}  // namespace

json application_summary_json(const Application& app, const ClockReading& clock,
                              const ApplicationSettings& settings, TimePoint now) {
    const WorkflowStep* step = app.current_step();
    json step_json = nullptr;
    if (step) {
        const DutyDef* duty = settings.find_duty(step->duty);
        step_json = {
            {"index", *app.step_index},     {"number", step->number},
            {"branch", step->branch},       {"activity", step->activity},
            {"duty", step->duty},           {"duty_name", duty ? duty->name : step->duty},
            {"time_text", step->time_text}, {"started_at", time_json(app.step_started_at)}};
    }
    const auto age = std::chrono::duration_cast<std::chrono::hours>(now - app.registered_at);
    return {
        {"id", app.id},
        {"number", app.number},
        {"permit", {{"id", app.permit_id}, {"name", app.permit_name}}},
        {"applicant_type", app.applicant_type},
        {"by_proxy", app.by_proxy},
        {"business_name", app.business_name},
        {"state", app.state},
        {"outcome", app.outcome.empty() ? json(nullptr) : json(app.outcome)},
        {"step", step_json},
        {"steps_total", app.workflow.size()},
        {"assignee", app.assignee.empty() ? json(nullptr) : json(app.assignee)},
        {"registered_at", ms(app.registered_at)},
        {"registered_by", app.registered_by},
        {"age_days", age.count() / 24},
        {"clock",
         {{"state", clock.state},
          {"due", time_json(clock.due)},
          {"used_share", clock.used_share ? json(*clock.used_share) : json(nullptr)},
          {"at_risk_at", time_json(app.at_risk_at)},
          {"started_at", time_json(app.clock_started_at)},
          {"start_step", app.clock_start_step ? json(*app.clock_start_step) : json(nullptr)},
          {"standard", app.standard ? json{{"amount", app.standard->amount},
                                           {"unit", to_string(app.standard->unit)}}
                                    : json(nullptr)}}},
        {"needed", app.needed},
        {"oss_status", app.oss_status ? json(*app.oss_status) : json(nullptr)},
        {"ticket_id", app.ticket_id ? json(*app.ticket_id) : json(nullptr)},
        {"pickup_ticket_id", app.pickup_ticket_id ? json(*app.pickup_ticket_id) : json(nullptr)},
        {"completed_at", time_json(app.completed_at)},
        {"ready_at", time_json(app.ready_at)},
        {"picked_up_at", time_json(app.picked_up_at)},
        {"updated_at", ms(app.updated_at)},
    };
}

json application_detail_json(const Application& app, const ClockReading& clock,
                             const ApplicationSettings& settings, TimePoint now) {
    json out = application_summary_json(app, clock, settings, now);
    out["status_token"] = app.status_token;
    out["catalog_hash"] = app.catalog_hash;
    out["note"] = app.note;
    out["applicant"] = {
        {"name", app.applicant_name},
        {"phone", app.phone.empty() ? json(nullptr) : json(app.phone)},
        {"phone_consent", app.phone_consent_at ? json{{"text", app.phone_consent_text},
                                                      {"at", ms(*app.phone_consent_at)}}
                                               : json(nullptr)}};
    out["handed_over_by"] = app.handed_over_by.empty() ? json(nullptr) : json(app.handed_over_by);
    out["received_by"] = app.received_by.empty() ? json(nullptr) : json(app.received_by);
    json requirements = json::array();
    for (const auto& r : app.requirements)
        requirements.push_back(
            {{"position", r.position}, {"text", r.text}, {"applies_to", r.applies_to}});
    out["requirements"] = requirements;
    json workflow = json::array();
    for (const auto& s : app.workflow)
        workflow.push_back(to_json(s));
    out["workflow"] = workflow;
    json steps = json::array();
    for (const auto& s : app.steps) {
        steps.push_back(
            {{"index", s.index},
             {"number", s.number},
             {"branch", s.branch},
             {"duty", s.duty},
             {"started_at", ms(s.started)},
             {"ended_at", time_json(s.ended)},
             {"action", s.action.empty() ? json(nullptr) : json(s.action)},
             {"by", s.by.empty() ? json(nullptr) : json(s.by)},
             {"note", s.note},
             {"elapsed_minutes", s.elapsed_minutes ? json(*s.elapsed_minutes) : json(nullptr)},
             {"standard_text", s.standard_text},
             {"used_share", s.used_share ? json(*s.used_share) : json(nullptr)}});
    }
    out["steps"] = steps;
    json pauses = json::array();
    for (const auto& p : app.pauses) {
        pauses.push_back(
            {{"reason", p.reason},
             {"note", p.note},
             {"from", ms(p.from)},
             {"until", time_json(p.until)},
             {"paused_by", p.paused_by},
             {"resumed_by", p.resumed_by.empty() ? json(nullptr) : json(p.resumed_by)}});
    }
    out["pauses"] = pauses;
    json oss = json::array();
    for (const auto& o : app.oss_history)
        oss.push_back({{"code", o.code}, {"at", ms(o.at)}, {"event", o.event}});
    out["oss_history"] = oss;
    return out;
}

json application_public_json(const Application& app, const ClockReading& clock,
                             const ApplicationSettings& settings) {
    std::string code = app.state, text, text_en;
    if (app.state == "in_process") {
        const WorkflowStep* step = app.current_step();
        const DutyDef* duty = step ? settings.find_duty(step->duty) : nullptr;
        code = "diproses";
        text = duty ? duty->stage : "Sedang diproses";
        text_en = duty ? duty->stage_en : "In process";
        if (app.outcome == "rejected") {
            text = "Permohonan ditolak; surat penolakan sedang disiapkan";
            text_en = "Application rejected; the rejection letter is being prepared";
        }
    } else if (app.state == "paused") {
        const auto pause = app.open_pause();
        const std::string reason = pause ? pause->reason : "";
        code = reason.empty() ? "ditunda" : reason;
        if (reason == kPauseReturned) {
            text = "Berkas dikembalikan: mohon lengkapi atau perbaiki";
            text_en = "File returned: please complete or correct it";
        } else if (reason == kPauseWaitingApplicant) {
            text = "Menunggu kelengkapan dari pemohon";
            text_en = "Waiting for the applicant";
        } else {
            text = "Menunggu rekomendasi teknis";
            text_en = "Waiting for the technical recommendation";
        }
    } else if (app.state == "completed") {
        code = app.outcome == "rejected" ? "ditolak" : "selesai";
        text = app.outcome == "rejected"
                   ? "Permohonan ditolak; surat penolakan segera dapat diambil"
                   : "Izin selesai diproses; segera dapat diambil";
        text_en = app.outcome == "rejected"
                      ? "Application rejected; the letter will soon be ready for pickup"
                      : "Permit issued; it will soon be ready for pickup";
    } else if (app.state == "ready") {
        code = "siap_diambil";
        text = "Siap diambil di loket Pengambilan; bawa tanda terima";
        text_en = "Ready for pickup at the Pickup counter; bring the receipt";
    } else if (app.state == "picked_up") {
        code = "sudah_diambil";
        text = "Sudah diambil";
        text_en = "Collected";
    }
    const bool show_due = clock.state != "stopped" && clock.due.has_value();
    return {{"number", app.number},
            {"permit", {{"id", app.permit_id}, {"name", app.permit_name}}},
            {"registered_at", ms(app.registered_at)},
            {"stage", {{"code", code}, {"text", text}, {"text_en", text_en}}},
            {"clock", clock.state},
            {"due", show_due ? json(ms(*clock.due)) : json(nullptr)},
            {"needed", app.needed.empty() ? json(nullptr) : json(app.needed)},
            {"ready", app.state == "ready"}};
}

json incomplete_visit_json(const IncompleteVisit& v) {
    json missing = json::array();
    for (const auto& m : v.missing)
        missing.push_back({{"position", m.position}, {"text", m.text}});
    return {{"id", v.id},
            {"permit", {{"id", v.permit_id}, {"name", v.permit_name}}},
            {"applicant_type", v.applicant_type},
            {"ticket_id", v.ticket_id ? json(*v.ticket_id) : json(nullptr)},
            {"missing", missing},
            {"note", v.note},
            {"by", v.by},
            {"at", ms(v.at)},
            {"application_id", v.application_id ? json(*v.application_id) : json(nullptr)}};
}

}  // namespace loket::protocol
