#include "loket/survey_wire.hpp"

#include "loket/time.hpp"
#include "loket/wire_writer.hpp"

namespace loket::protocol {

using nlohmann::json;

json survey_service_json(const OfficeConfig& config, const std::string& id) {
    const ServiceDef* s = config.find_service(id);
    return {{"id", id}, {"name", s ? s->name : id}, {"name_en", s ? s->name_en : id}};
}

json survey_receipt_json(const OfficeConfig& config, const survey::Receipt& r) {
    return {{"channel", to_string(r.channel)},
            {"service", survey_service_json(config, r.service)},
            {"permit_id", r.permit_id.empty() ? json(nullptr) : json(r.permit_id)},
            {"local_date", r.local_date},
            {"period", r.period}};
}

json survey_follow_up_json(const survey::StoredFollowUp& follow_up) {
    json out = survey::to_json(follow_up.plan);
    out["id"] = follow_up.id;
    out["period"] = follow_up.period;
    out["updated_at"] = to_millis(follow_up.updated_at);
    out["updated_by"] = follow_up.updated_by;
    return out;
}

json survey_follow_up_list_json(const std::vector<survey::StoredFollowUp>& follow_ups) {
    json list = json::array();
    for (const survey::StoredFollowUp& f : follow_ups)
        list.push_back(survey_follow_up_json(f));
    return list;
}

json survey_follow_up_changed_payload(std::string_view change,
                                      const survey::StoredFollowUp& follow_up, const StaffRef& by) {
    return {{"change", change},
            {"period", follow_up.period},
            {"follow_up", survey_follow_up_json(follow_up)},
            {"staff", to_json(by)}};
}

}  // namespace loket::protocol
