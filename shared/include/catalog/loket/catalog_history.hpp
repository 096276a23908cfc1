#pragma once
// The history of the catalog an office edits (loket_catalog_store), as plain values: a version
// of a permit, an entry of the editor's list, what changed between two versions and what an
// import did. No JSON of their own: the protocol writes them (loket/catalog_wire.hpp). Only a
// permit's document stays JSON, being the catalog's own file format (to_json.cpp).
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace loket::catalog {

// One version of a permit as the history lists it.
struct PermitVersion {
    std::string permit_id;
    int version = 0;
    std::string change;  // seeded, created, updated, duplicated, retired, restored, imported
    std::string note;
    std::string saved_by;
    std::int64_t saved_ms = 0;
    bool retired = false;
};

// Every permit ever stored, retired ones too, at its newest version, as the editor lists it.
struct PermitListing {
    PermitVersion latest;
    std::string name;
    std::string short_name;  // the abbreviation the editor's list is searched by too
    std::string category;
};

// One RFC 6902 operation from one document to another, with the value before it: none for
// "add", and `value` none for "remove".
struct DocumentChange {
    std::string op;
    std::string path;
    std::optional<nlohmann::json> value;
    std::optional<nlohmann::json> before;
};
std::vector<DocumentChange> document_changes(const nlohmann::json& before,
                                             const nlohmann::json& after);

struct ImportOutcome {
    int created = 0;
    int updated = 0;
    int unchanged = 0;
};

}  // namespace loket::catalog
