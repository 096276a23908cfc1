#pragma once
// The wire's shapes of the satisfaction survey (assets/openapi.json, docs/skm.md): a service as
// the survey names it, a response's receipt (also the survey.responded payload: the service and
// the period, never the answers), a follow-up plan's entry and the
// survey.follow_up_changed payload. The survey store returns the values
// (loket/survey_views.hpp) and records its events with these; the queue-server writes its
// replies with them.
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "loket/office.hpp"
#include "loket/survey_views.hpp"
#include "loket/ticket.hpp"

namespace loket::protocol {

// {"id","name","name_en"}; a service no longer in the settings is named by its id.
nlohmann::json survey_service_json(const OfficeConfig& config, const std::string& id);
// {"channel","service","permit_id","local_date","period"}; permit_id null when none.
nlohmann::json survey_receipt_json(const OfficeConfig& config, const survey::Receipt& receipt);
// The plan (survey::to_json) with "id", "period", "updated_at" and "updated_by".
nlohmann::json survey_follow_up_json(const survey::StoredFollowUp& follow_up);
// [entry...], as GET /survey/follow-ups and the report list them.
nlohmann::json survey_follow_up_list_json(const std::vector<survey::StoredFollowUp>& follow_ups);
// survey.follow_up_changed: what changed ("added", "updated", "removed"), the entry and who.
nlohmann::json survey_follow_up_changed_payload(std::string_view change,
                                                const survey::StoredFollowUp& follow_up,
                                                const StaffRef& by);

}  // namespace loket::protocol
