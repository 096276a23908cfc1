#pragma once
// The permit catalog an office maintains, kept in the queue's database: every save is a new
// version of one permit (who, when, what kind of change), nothing is ever overwritten, and the
// catalog in force is each permit's newest version unless that version retired it. A new
// installation stores the catalog files (assets/catalog) as the first versions. Rules and the
// document format: docs/catalog-editing.md.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "loket/catalog.hpp"
#include "loket/catalog_history.hpp"
#include "loket/queue_store.hpp"

namespace loket {

// The catalog in force, with the version each permit is at. Immutable: a save makes a new one,
// and a reader keeps the one it took for as long as it holds it.
struct LiveCatalog {
    catalog::Catalog catalog;
    std::map<std::string, int, std::less<>> versions;  // permit id -> its version in force
    int version_of(std::string_view permit_id) const;  // 0 when not in force
};

// The store returns the history as loket/catalog_history.hpp's values; the protocol writes
// them (loket/catalog_wire.hpp).
class CatalogStore {
  public:
    explicit CatalogStore(QueueStore& queue);

    // On a database without a catalog: stores `documents` (the catalog files) as version 1 of
    // each permit, saved by "instalasi". Returns how many were stored (0 when the database
    // already had a catalog: the office's own edits are never replaced by the files).
    int seed_if_empty(const std::vector<nlohmann::json>& documents, TimePoint now);

    // The catalog in force (never null once constructed).
    std::shared_ptr<const LiveCatalog> current() const;

    // Every permit ever stored, retired ones too, at its newest version, by name.
    std::vector<catalog::PermitListing> list() const;

    // A permit's document at `version` (newest when absent). QueueError "not_found".
    nlohmann::json document(const std::string& permit_id, std::optional<int> version) const;
    std::vector<catalog::PermitVersion> versions(const std::string& permit_id) const;
    // What changed from version `from` to `to`: RFC 6902 operations with the value before.
    std::vector<catalog::DocumentChange> diff(const std::string& permit_id, int from, int to) const;

    // Saves a new permit (QueueError "permit_exists" when the id is taken, retired or not).
    catalog::PermitVersion create(const nlohmann::json& document, const std::string& note,
                                  const StaffRef& by, TimePoint now);
    // Saves a new version of an existing permit. `base_version` is the version the editor
    // started from: another save since is QueueError "version_conflict" (details: current).
    // The document's id must be the permit's. InputError names a bad field.
    catalog::PermitVersion update(const std::string& permit_id, const nlohmann::json& document,
                                  int base_version, const std::string& note, const StaffRef& by,
                                  TimePoint now);
    // A copy under a new id and name, as a new permit.
    catalog::PermitVersion duplicate(const std::string& permit_id, const std::string& new_id,
                                     const std::string& new_name, const StaffRef& by,
                                     TimePoint now);
    // Takes a permit out of the catalog in force (a version that retires it) or brings back
    // the document of an earlier version as the newest.
    catalog::PermitVersion retire(const std::string& permit_id, const std::string& note,
                                  const StaffRef& by, TimePoint now);
    catalog::PermitVersion restore(const std::string& permit_id, int version, const StaffRef& by,
                                   TimePoint now);

    // The documents of the catalog in force, in its order: what an export holds
    // (protocol::catalog_export_json writes the file).
    std::vector<nlohmann::json> export_catalog() const;
    // The documents of an export, all checked before (protocol::read_catalog_export): new ids
    // are created, changed ones updated, equal ones left, in one write.
    catalog::ImportOutcome import_catalog(const std::vector<nlohmann::json>& documents,
                                          const StaffRef& by, TimePoint now);

  private:
    using Touched = std::set<std::string, std::less<>>;  // permits a write stored versions of
    void reload();
    // Runs `change` in one write transaction and puts the catalog it leaves in force before
    // the commit publishes its catalog.changed events: a kiosk that reads the catalog as soon
    // as the event arrives gets the new one. `change` names the permits it stored.
    void write(TimePoint now, const std::function<void(StoreTransaction&, Touched&)>& change);
    QueueStore& queue_;
    std::mutex reload_mutex_;   // one reload at a time, so a later one never loses to an older
    mutable std::mutex mutex_;  // guards current_
    std::shared_ptr<const LiveCatalog> current_;
};

}  // namespace loket
