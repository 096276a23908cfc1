#pragma once
// The retention's anonymisation (docs/privacy.md): once a day in the running server, and once
// from the command line (`queue-server anonymise`).
#include <optional>
#include <string>

#include "loket/privacy_store.hpp"

namespace loket::server {

// Runs the anonymisation when the office-local date differs from the last run's (the first
// call always runs). Called from the server's minute sweep.
class DailyAnonymisation {
  public:
    explicit DailyAnonymisation(QueueStore& store) : store_(store) {}
    // The counts when it ran, nullopt when it had already run today.
    std::optional<AnonymiseCounts> run_if_due(TimePoint now);

  private:
    QueueStore& store_;
    std::string last_date_;
};

// An instant given on the command line: "YYYY-MM-DD" (office-local midnight) or
// "YYYY-MM-DDTHH:MM" (office-local); empty: now. InputError naming --now otherwise.
TimePoint parse_command_line_instant(const std::string& text, TimeZone zone);

}  // namespace loket::server
