#include "loket/complaint_wire.hpp"

namespace loket::protocol {

using nlohmann::json;
using namespace complaint;

namespace {
json complaint_optional_json(const std::optional<std::string>& value) {
    return value ? json(*value) : json(nullptr);
}
}  // namespace

json complaint_label_json(const Label* label, std::string_view id) {
    if (!label)
        return {{"id", id}, {"name", id}, {"name_en", id}};
    return {{"id", label->id}, {"name", label->name}, {"name_en", label->name_en}};
}

json complaint_labels_json(std::span<const Label> labels) {
    json out = json::array();
    for (const Label& l : labels)
        out.push_back(complaint_label_json(&l, l.id));
    return out;
}

json complaint_receipt_json(const Receipt& r) {
    return {{"tracking_number", r.tracking_number},
            {"state", to_string(r.state)},
            {"received_on", r.received_on},
            {"due_on", r.due_on},
            {"status_path", "/pengaduan.html?lacak=" + r.tracking_number},
            {"replayed", r.replayed}};
}

json complaint_public_json(const PublicView& v) {
    json history = json::array();
    for (const HistoryEntry& h : v.history)
        history.push_back({{"state", to_string(h.state)}, {"on", h.on}});
    const Label state = state_label(v.state);
    return {{"tracking_number", v.tracking_number},
            {"category", complaint_label_json(find_category(v.category), v.category)},
            {"text", v.text},
            {"state", state.id},
            {"state_name", state.name},
            {"state_name_en", state.name_en},
            {"received_on", v.received_on},
            {"due_on", v.due_on},
            {"closed_on", complaint_optional_json(v.closed_on)},
            {"reply", complaint_optional_json(v.reply)},
            {"rejection_reason", complaint_optional_json(v.rejection_reason)},
            {"history", history}};
}

json complaint_summary_json(const Summary& s) {
    json assignee = nullptr;
    if (s.assignee)
        assignee = {{"username", *s.assignee}, {"name", *s.assignee}};
    json out = {{"id", s.id},
                {"tracking_number", s.tracking_number},
                {"category", complaint_label_json(find_category(s.category), s.category)},
                {"channel", s.channel},
                {"state", to_string(s.state)},
                {"received_on", s.received_on},
                {"due_on", s.due_on},
                {"closed_on", complaint_optional_json(s.closed_on)},
                {"days_left", s.days_left ? json(*s.days_left) : json(nullptr)},
                {"overdue", s.overdue},
                {"assignee", assignee},
                {"has_contact", s.has_contact}};
    if (s.excerpt)
        out["excerpt"] = *s.excerpt;
    return out;
}

json complaint_list_json(const std::vector<Summary>& summaries) {
    json out = json::array();
    for (const Summary& s : summaries)
        out.push_back(complaint_summary_json(s));
    return {{"complaints", out}};
}

json complaint_detail_json(const Detail& d) {
    json out = complaint_summary_json(d.summary);
    out["text"] = d.text;
    out["name"] = complaint_optional_json(d.name);
    out["contact"] = complaint_optional_json(d.contact);
    out["reply"] = complaint_optional_json(d.reply);
    out["rejection_reason"] = complaint_optional_json(d.rejection_reason);
    json notes = json::array();
    for (const Note& n : d.notes)
        notes.push_back({{"staff", {{"name", n.staff}}}, {"at", n.at_ms}, {"text", n.text}});
    out["notes"] = notes;
    json history = json::array();
    for (const HistoryEntry& h : d.history) {
        history.push_back({{"state", to_string(h.state)},
                           {"on", h.on},
                           {"staff", h.staff ? json{{"name", *h.staff}} : json(nullptr)}});
    }
    out["history"] = history;
    return out;
}

json complaint_month_json(const MonthSummary& m) {
    const auto share = m.on_time_share();
    return {{"period", m.period},
            {"received", m.received},
            {"closed", m.closed},
            {"on_time", m.on_time},
            {"on_time_share", share ? json(*share) : json(nullptr)},
            {"open", m.open},
            {"overdue_now", m.overdue_now}};
}

json complaint_access_json(const std::vector<AccessRecord>& records) {
    json out = json::array();
    for (const AccessRecord& a : records)
        out.push_back({{"user_name", a.user_name}, {"purpose", a.purpose}, {"at", a.at_ms}});
    return out;
}

json complaint_received_payload(const Summary& summary) {
    return {{"complaint", complaint_summary_json(summary)}};
}

json complaint_changed_payload(const Summary& summary, std::string_view change,
                               const std::string& staff) {
    return {{"complaint", complaint_summary_json(summary)},
            {"change", change},
            {"staff", {{"name", staff}}}};
}

json complaint_due_soon_payload(const Summary& summary, Reminder kind) {
    return {{"complaint", complaint_summary_json(summary)}, {"kind", to_string(kind)}};
}

}  // namespace loket::protocol
