#pragma once
// The wire's shapes of a complaint (assets/openapi.json, docs/complaints.md): the receipt, the
// public view, the summary every list entry and complaint event carries, the staff's detail,
// the monthly summary, the reads of personal data, the categories and channels, and the
// payloads of the complaint.* events. The store returns the values (loket/complaint_views.hpp)
// and records its events with these; the queue-server writes its replies with them.
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "loket/complaint.hpp"
#include "loket/complaint_views.hpp"

namespace loket::protocol {

// {"id","name","name_en"}; a key no longer known is named by itself.
nlohmann::json complaint_label_json(const complaint::Label* label, std::string_view id);
nlohmann::json complaint_labels_json(std::span<const complaint::Label> labels);

// ComplaintReceipt, with "replayed" and the status page's path.
nlohmann::json complaint_receipt_json(const complaint::Receipt& receipt);
// ComplaintPublic: the history without who acted.
nlohmann::json complaint_public_json(const complaint::PublicView& view);
// ComplaintSummary; "excerpt" only when the summary has one.
nlohmann::json complaint_summary_json(const complaint::Summary& summary);
// {"complaints": [ComplaintSummary...]}, as GET /complaints sends it.
nlohmann::json complaint_list_json(const std::vector<complaint::Summary>& summaries);
// ComplaintDetail: the summary with text, name, contact, answer, notes and history.
nlohmann::json complaint_detail_json(const complaint::Detail& detail);
// GET /complaints/summary.
nlohmann::json complaint_month_json(const complaint::MonthSummary& month);
// [{"user_name","purpose","at"}...].
nlohmann::json complaint_access_json(const std::vector<complaint::AccessRecord>& records);

// complaint.received: {"complaint": summary}.
nlohmann::json complaint_received_payload(const complaint::Summary& summary);
// complaint.changed: the summary, what changed ("state", "assigned", "note") and who did it.
nlohmann::json complaint_changed_payload(const complaint::Summary& summary, std::string_view change,
                                         const std::string& staff);
// complaint.due_soon: the summary and the reminder's kind ("14_days", "7_days", "overdue").
nlohmann::json complaint_due_soon_payload(const complaint::Summary& summary,
                                          complaint::Reminder kind);

}  // namespace loket::protocol
