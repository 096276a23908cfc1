#pragma once
// The wire's shapes of the catalog an office edits (assets/openapi.json,
// docs/catalog-editing.md): a permit's version, the editor's list, the history, a diff, a save,
// an import's outcome, the catalog.changed payload, and the export envelope with its reader.
// The catalog store returns the values (loket/catalog_history.hpp) and records its events with
// these; the queue-server writes its replies with them. A permit's document is the catalog's
// own JSON and passes through as it is.
#include <nlohmann/json.hpp>
#include <vector>

#include "loket/catalog_history.hpp"
#include "loket/ticket.hpp"

namespace loket::protocol {

// {"permit_id","version","change","note","saved_by","saved_at","retired"}.
nlohmann::json permit_version_json(const catalog::PermitVersion& version);
// {"version": PermitVersion}: what a save answers.
nlohmann::json permit_saved_json(const catalog::PermitVersion& version);
// {"permits": [PermitVersion with "name", "short_name", "category"...]}.
nlohmann::json permit_listing_json(const std::vector<catalog::PermitListing>& permits);
// {"versions": [PermitVersion...]}, newest first as given.
nlohmann::json permit_versions_json(const std::vector<catalog::PermitVersion>& versions);
// {"from","to","changes": [{"op","path","value"?,"before"}...]}.
nlohmann::json permit_diff_json(int from, int to,
                                const std::vector<catalog::DocumentChange>& changes);
// {"created","updated","unchanged"}.
nlohmann::json import_outcome_json(const catalog::ImportOutcome& outcome);
// catalog.changed: the version saved, without its note, and who saved it.
nlohmann::json catalog_changed_payload(const catalog::PermitVersion& version, const StaffRef& by);

// The catalog file format of an export: {"format": "loket-catalog/1", "permits": [document...]}.
nlohmann::json catalog_export_json(const std::vector<nlohmann::json>& documents);
// The permits' documents of an export, every one checked (InputError naming "format",
// "permits" or "permits[i].field") and no id twice.
std::vector<nlohmann::json> read_catalog_export(const nlohmann::json& exported);

}  // namespace loket::protocol
