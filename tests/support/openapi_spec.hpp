#pragma once
// The API's contract, assets/openapi.json, as the tests read it.
#include <fstream>
#include <nlohmann/json.hpp>

namespace loket::testing {

inline nlohmann::json load_openapi_spec() {
    std::ifstream in(LOKET_SOURCE_DIR "/assets/openapi.json");
    return nlohmann::json::parse(in);
}

}  // namespace loket::testing
