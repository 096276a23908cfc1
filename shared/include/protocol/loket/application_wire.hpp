#pragma once
// The wire's shapes of an application (assets/openapi.json): the summary every application event
// and the board carry, the staff's detail, the applicant's public view (no names, no phone) and an
// incomplete visit. `clock` is the file's clock at `now` as the store reads it.
#include <nlohmann/json.hpp>

#include "loket/application.hpp"
#include "loket/application_settings.hpp"

namespace loket::protocol {

nlohmann::json application_summary_json(const Application& app, const ClockReading& clock,
                                        const ApplicationSettings& settings, TimePoint now);
nlohmann::json application_detail_json(const Application& app, const ClockReading& clock,
                                       const ApplicationSettings& settings, TimePoint now);
nlohmann::json application_public_json(const Application& app, const ClockReading& clock,
                                       const ApplicationSettings& settings);
nlohmann::json incomplete_visit_json(const IncompleteVisit& visit);

}  // namespace loket::protocol
