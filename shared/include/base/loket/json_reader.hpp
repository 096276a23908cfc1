#pragma once
// Strict reading of JSON objects from outside (configuration files converted from TOML, the
// settings API): unknown keys refused, types checked, and every error an InputError naming
// the source and the dotted field path.
#include <algorithm>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "loket/input_error.hpp"

namespace loket {

// Reads one JSON object; the TOML files are converted to JSON first, so files and the settings
// API share this one reader.
class JsonObjectReader {
  public:
    JsonObjectReader(const nlohmann::json& object, std::string source, std::string path)
        : object_(object), source_(std::move(source)), path_(std::move(path)) {
        if (!object_.is_object())
            throw InputError(source_, path_, "must be a table/object");
    }

    void allow_only(const std::vector<std::string_view>& keys) const {
        for (const auto& [key, _] : object_.items()) {
            if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
                throw error(key, "unknown key");
            }
        }
    }

    const nlohmann::json* get(std::string_view key) const {
        const auto it = object_.find(std::string(key));
        return it == object_.end() || it->is_null() ? nullptr : &*it;
    }

    std::optional<std::string> string(std::string_view key, bool required = false) const {
        const nlohmann::json* node = get(key);
        if (!node) {
            if (required)
                throw error(key, "is required");
            return std::nullopt;
        }
        if (!node->is_string())
            throw error(key, "must be a string");
        return node->get<std::string>();
    }

    std::optional<std::int64_t> integer(std::string_view key, std::int64_t min, std::int64_t max,
                                        bool required = false) const {
        const nlohmann::json* node = get(key);
        if (!node) {
            if (required)
                throw error(key, "is required");
            return std::nullopt;
        }
        if (!node->is_number_integer())
            throw error(key, "must be an integer");
        const auto value = node->get<std::int64_t>();
        if (value < min || value > max) {
            throw error(key, "must be between " + std::to_string(min) + " and " +
                                 std::to_string(max) + ", got " + std::to_string(value));
        }
        return value;
    }

    const nlohmann::json* array(std::string_view key) const {
        const nlohmann::json* node = get(key);
        if (node && !node->is_array())
            throw error(key, "must be an array");
        return node;
    }

    InputError error(std::string_view key, const std::string& reason) const {
        return InputError(source_, field(key), reason);
    }
    std::string field(std::string_view key) const {
        return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
    }

  private:
    const nlohmann::json& object_;
    std::string source_;
    std::string path_;
};

inline std::string indexed(const std::string& path, std::size_t i) {
    return path + "[" + std::to_string(i) + "]";
}

}  // namespace loket
