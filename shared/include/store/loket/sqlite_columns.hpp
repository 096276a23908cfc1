// A nullable SQLite column read as an optional value: the one reader every store uses.
#pragma once

#include <SQLiteCpp/Column.h>

#include <cstdint>
#include <optional>
#include <string>

#include "loket/time.hpp"

namespace loket {

inline std::optional<std::int64_t> nullable_int64(const SQLite::Column& column) {
    if (column.isNull())
        return std::nullopt;
    return column.getInt64();
}

inline std::optional<std::string> nullable_text(const SQLite::Column& column) {
    if (column.isNull())
        return std::nullopt;
    return column.getString();
}

// An instant stored as milliseconds since the epoch.
inline std::optional<TimePoint> nullable_time(const SQLite::Column& column) {
    if (column.isNull())
        return std::nullopt;
    return from_millis(column.getInt64());
}

}  // namespace loket
