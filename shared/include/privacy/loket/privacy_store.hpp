#pragma once
// Personal data kept in the queue's database (docs/privacy.md): the daily anonymisation of what
// is past its retention period ([privacy] in the office settings), an admin's export and erasure
// of one person's records on request, and the one log of staff reads of personal data. Every
// write goes through the queue store's transactions (QueueStore::run_write).
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "loket/queue_store.hpp"

namespace loket {

// What replaces a name once anonymised (the column may not be empty).
inline constexpr const char* kErasedMarker = "[dihapus]";

struct AnonymiseCounts {
    int application_phones = 0;  // phones erased (names kept)
    int applications = 0;        // names, phone and receiver erased
    int complaints = 0;          // name and contact erased
    int events = 0;              // event payloads rewritten
    int total() const { return application_phones + applications + complaints + events; }
    nlohmann::json to_json() const;
};

// One record holding a person's data.
struct PersonRecord {
    std::string kind;  // "application" or "complaint"
    std::int64_t id = 0;
};

struct AccessLogQuery {
    std::string user;    // exact account name; empty: all
    std::string kind;    // "application", "complaint"; empty: all
    std::string action;  // "read", "search", "export", "erase", "anonymise"; empty: all
    std::string number;  // the record's registration or tracking number; empty: all
    std::int64_t from_ms = 0;
    std::int64_t to_ms = INT64_MAX;  // exclusive
    int page = 1;
    int per_page = 50;
};

class PrivacyStore {
  public:
    explicit PrivacyStore(QueueStore& queue) : queue_(queue) {}

    // Anonymises what is past the retention periods in force at `now`: in the tables and in the
    // payloads of the events that name the record. Logged as 'anonymise' by 'system' when
    // anything changed.
    AnonymiseCounts anonymise_expired(TimePoint now);

    // Records of one person, by "phone", "name" (at least 3 characters, part of the name),
    // "application" (registration number) or "complaint" (tracking number). Each record
    // returned is logged as read by `user` (action 'search'). At most 100.
    nlohmann::json search(const std::string& by, const std::string& value, const std::string& user,
                          TimePoint now);
    // Everything kept about the records, with who read them; logged as 'export'.
    // QueueError "not_found" for an unknown record.
    nlohmann::json export_records(const std::vector<PersonRecord>& records, const std::string& user,
                                  TimePoint now);
    // Anonymises the records in place (statistics keep counting them); logged as 'erase' with
    // the reason. QueueError "not_found" for an unknown record.
    AnonymiseCounts erase_records(const std::vector<PersonRecord>& records, const std::string& user,
                                  const std::string& reason, TimePoint now);

    // Reads, searches, exports, erasures and anonymisations, newest first, with the total.
    nlohmann::json access_log(const AccessLogQuery& query, TimePoint now) const;

  private:
    QueueStore& queue_;
};

}  // namespace loket
