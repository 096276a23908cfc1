#pragma once
// What the survey store's readers of stored rows share (survey_store_results.cpp,
// survey_store_follow_ups.cpp).
#include <span>
#include <string>

#include "loket/survey_store.hpp"

namespace loket::survey_store_detail {

// The enum value of a stored option key (sex, education, occupation, follow-up status).
template <typename Enum>
Enum option_index(std::span<const survey::Option> options, const std::string& key) {
    for (std::size_t i = 0; i < options.size(); ++i) {
        if (options[i].key == key)
            return static_cast<Enum>(i);
    }
    throw StorageError("survey_responses holds an unknown profile value '" + key + "'");
}

}  // namespace loket::survey_store_detail
