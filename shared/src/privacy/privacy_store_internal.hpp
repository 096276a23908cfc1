#pragma once
// What the privacy store's files share (privacy_store.cpp, privacy_store_requests.cpp): the
// personal fields each kind of record holds, and the privacy log.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "loket/privacy_store.hpp"

namespace loket::privacy_detail {

using nlohmann::json;

inline constexpr const char* kApplicationFields = "applicant_name,phone,received_by";
inline constexpr const char* kComplaintFields = "name,contact";

inline std::int64_t ms(TimePoint t) {
    return static_cast<std::int64_t>(to_millis(t));
}

void log_privacy(StoreTransaction& tx, const std::string& user, const std::string& action,
                 const std::string& kind, std::int64_t id, const std::string& fields,
                 const json& detail);

}  // namespace loket::privacy_detail
