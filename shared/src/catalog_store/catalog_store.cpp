#include "loket/catalog_store.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "loket/catalog_wire.hpp"
#include "loket/event_names.hpp"
#include "loket/input_error.hpp"

namespace loket {

using catalog::PermitVersion;
using nlohmann::json;

namespace {

constexpr const char* kColumns =
    "permit_id, version, change, note, saved_by, saved_ms, retired, document";

PermitVersion read_version(SQLite::Statement& q) {
    PermitVersion v;
    v.permit_id = q.getColumn(0).getString();
    v.version = q.getColumn(1).getInt();
    v.change = q.getColumn(2).getString();
    v.note = q.getColumn(3).getString();
    v.saved_by = q.getColumn(4).getString();
    v.saved_ms = q.getColumn(5).getInt64();
    v.retired = q.getColumn(6).getInt() != 0;
    return v;
}

// The newest version of a permit, with its document; nullopt when the id was never stored.
std::optional<std::pair<PermitVersion, json>> newest(StoreTransaction& tx,
                                                     const std::string& permit_id) {
    auto& q = tx.sql(std::string("SELECT ") + kColumns +
                     " FROM catalog_versions WHERE permit_id = ? ORDER BY version DESC LIMIT 1");
    q.bind(1, permit_id);
    if (!q.executeStep())
        return std::nullopt;
    auto out = std::make_pair(read_version(q), json::parse(q.getColumn(7).getString()));
    q.reset();
    return out;
}

std::pair<PermitVersion, json> existing(StoreTransaction& tx, const std::string& permit_id) {
    auto found = newest(tx, permit_id);
    if (!found)
        throw QueueError("not_found", "no permit with id '" + permit_id + "'");
    return std::move(*found);
}

PermitVersion store_version(StoreTransaction& tx, const std::string& permit_id, int version,
                            const json& document, const std::string& change,
                            const std::string& note, bool retired, const StaffRef& by,
                            bool announce = true) {
    if (note.size() > 500)
        throw InputError("request body", "note", "must be at most 500 bytes", "too_long");
    PermitVersion v;
    v.permit_id = permit_id;
    v.version = version;
    v.change = change;
    v.note = note;
    v.saved_by = by.name;
    v.saved_ms = to_millis(tx.now());
    v.retired = retired;
    auto& q = tx.sql(
        "INSERT INTO catalog_versions (permit_id, version, change, note, saved_by, saved_ms, "
        "retired, document) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    q.bind(1, permit_id);
    q.bind(2, version);
    q.bind(3, change);
    q.bind(4, note);
    q.bind(5, by.name);
    q.bind(6, v.saved_ms);
    q.bind(7, retired ? 1 : 0);
    q.bind(8, document.dump());
    q.exec();
    if (!announce)
        return v;
    tx.record(protocol::event::catalog_changed, protocol::catalog_changed_payload(v, by));
    return v;
}

// The catalog in force as `tx` sees it: each permit's newest version unless retired, in the
// order permits were first stored (the files' order for a new installation), so the kiosk's
// list keeps its order across edits. Permits not in `touched` are copied from `before` (already
// parsed); the others, or all when there is no `before`, are parsed from their documents.
std::shared_ptr<LiveCatalog> catalog_in(StoreTransaction& tx, const LiveCatalog* before,
                                        const std::set<std::string, std::less<>>& touched) {
    auto live = std::make_shared<LiveCatalog>();
    auto& q = tx.sql(
        "SELECT v.permit_id, v.version, v.retired, v.document FROM catalog_versions v "
        "JOIN (SELECT permit_id, MAX(version) AS version, MIN(id) AS first "
        "      FROM catalog_versions GROUP BY permit_id) n "
        "  ON v.permit_id = n.permit_id AND v.version = n.version "
        "ORDER BY n.first");
    while (q.executeStep()) {
        if (q.getColumn(2).getInt() != 0)
            continue;
        const std::string id = q.getColumn(0).getString();
        const catalog::Permit* kept =
            before && !touched.contains(id) ? before->catalog.find(id) : nullptr;
        if (kept) {
            live->catalog.add(*kept);
        } else {
            live->catalog.add(catalog::Catalog::parse_permit(
                json::parse(q.getColumn(3).getString()), "catalog " + id));
        }
        live->versions[id] = q.getColumn(1).getInt();
    }
    q.reset();
    return live;
}

}  // namespace

int LiveCatalog::version_of(std::string_view permit_id) const {
    const auto it = versions.find(permit_id);
    return it == versions.end() ? 0 : it->second;
}

CatalogStore::CatalogStore(QueueStore& queue) : queue_(queue) {
    reload();
}

std::shared_ptr<const LiveCatalog> CatalogStore::current() const {
    std::lock_guard lock(mutex_);
    return current_;
}

void CatalogStore::reload() {
    std::lock_guard reloading(reload_mutex_);
    std::shared_ptr<const LiveCatalog> live;
    queue_.run_read(now_utc(), [&](StoreTransaction& tx) { live = catalog_in(tx, nullptr, {}); });
    std::lock_guard lock(mutex_);
    current_ = std::move(live);
}

void CatalogStore::write(TimePoint now,
                         const std::function<void(StoreTransaction&, Touched&)>& change) {
    std::lock_guard reloading(reload_mutex_);
    bool swapped = false;
    try {
        queue_.run_write(now, [&](StoreTransaction& tx) {
            Touched touched;
            change(tx, touched);
            if (touched.empty())
                return;
            auto live = catalog_in(tx, current().get(), touched);
            std::lock_guard lock(mutex_);
            current_ = std::move(live);
            swapped = true;
        });
    } catch (...) {
        // Swapped but not committed (the batch failed after this write): back to what the
        // database holds. A refused write never swapped.
        if (swapped) {
            std::shared_ptr<const LiveCatalog> live;
            queue_.run_read(now_utc(),
                            [&](StoreTransaction& tx) { live = catalog_in(tx, nullptr, {}); });
            std::lock_guard lock(mutex_);
            current_ = std::move(live);
        }
        throw;
    }
}

int CatalogStore::seed_if_empty(const std::vector<json>& documents, TimePoint now) {
    int stored = 0;
    queue_.run_write(now, [&](StoreTransaction& tx) {
        auto& any = tx.sql("SELECT 1 FROM catalog_versions LIMIT 1");
        if (any.executeStep())
            return;
        any.reset();
        for (const json& doc : documents) {
            const catalog::Permit p = catalog::Catalog::parse_permit(doc, "catalog");
            // No event: nothing is connected to a database being set up, and the stream of a
            // new installation starts with its first ticket.
            store_version(tx, p.id, 1, doc, "seeded", "", false, StaffRef("instalasi", "system"),
                          false);
            ++stored;
        }
    });
    if (stored > 0)
        reload();
    return stored;
}

std::vector<catalog::PermitListing> CatalogStore::list() const {
    std::vector<catalog::PermitListing> out;
    queue_.run_read(now_utc(), [&](StoreTransaction& tx) {
        auto& q = tx.sql(std::string("SELECT ") + kColumns +
                         " FROM catalog_versions v WHERE version = (SELECT MAX(version) FROM "
                         "catalog_versions WHERE permit_id = v.permit_id)");
        while (q.executeStep()) {
            catalog::PermitListing l;
            l.latest = read_version(q);
            const json doc = json::parse(q.getColumn(7).getString());
            l.name = doc.value("name", "");
            l.short_name = doc.value("short_name", "");
            l.category = doc.value("category", "");
            out.push_back(std::move(l));
        }
    });
    // A-Z whatever the case: SOPs write some names in capitals.
    const auto folded = [](std::string s) {
        for (char& c : s)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return s;
    };
    std::sort(out.begin(), out.end(),
              [&](const catalog::PermitListing& a, const catalog::PermitListing& b) {
                  return std::make_pair(folded(a.name), a.latest.permit_id) <
                         std::make_pair(folded(b.name), b.latest.permit_id);
              });
    return out;
}

json CatalogStore::document(const std::string& permit_id, std::optional<int> version) const {
    json out;
    queue_.run_read(now_utc(), [&](StoreTransaction& tx) {
        if (!version) {
            out = existing(tx, permit_id).second;
            return;
        }
        auto& q =
            tx.sql("SELECT document FROM catalog_versions WHERE permit_id = ? AND version = ?");
        q.bind(1, permit_id);
        q.bind(2, *version);
        if (!q.executeStep()) {
            throw QueueError("not_found", "permit '" + permit_id + "' has no version " +
                                              std::to_string(*version));
        }
        out = json::parse(q.getColumn(0).getString());
    });
    return out;
}

std::vector<PermitVersion> CatalogStore::versions(const std::string& permit_id) const {
    std::vector<PermitVersion> out;
    queue_.run_read(now_utc(), [&](StoreTransaction& tx) {
        auto& q = tx.sql(std::string("SELECT ") + kColumns +
                         " FROM catalog_versions WHERE permit_id = ? ORDER BY version DESC");
        q.bind(1, permit_id);
        while (q.executeStep())
            out.push_back(read_version(q));
    });
    if (out.empty())
        throw QueueError("not_found", "no permit with id '" + permit_id + "'");
    return out;
}

std::vector<catalog::DocumentChange> CatalogStore::diff(const std::string& permit_id, int from,
                                                        int to) const {
    return catalog::document_changes(document(permit_id, from), document(permit_id, to));
}

PermitVersion CatalogStore::create(const json& document, const std::string& note,
                                   const StaffRef& by, TimePoint now) {
    const catalog::Permit p = catalog::Catalog::parse_permit(document, "request body");
    PermitVersion out;
    write(now, [&](StoreTransaction& tx, Touched& touched) {
        if (newest(tx, p.id)) {
            throw QueueError("permit_exists", "a permit with id '" + p.id + "' exists already",
                             {{"field", "id"}});
        }
        out = store_version(tx, p.id, 1, document, "created", note, false, by);
        touched.insert(p.id);
    });
    return out;
}

PermitVersion CatalogStore::update(const std::string& permit_id, const json& document,
                                   int base_version, const std::string& note, const StaffRef& by,
                                   TimePoint now) {
    const catalog::Permit p = catalog::Catalog::parse_permit(document, "request body");
    if (p.id != permit_id) {
        throw InputError("request body", "id",
                         "must stay '" + permit_id + "'; duplicate the permit to give a new id",
                         "id_changed");
    }
    PermitVersion out;
    write(now, [&](StoreTransaction& tx, Touched& touched) {
        const auto [latest, doc] = existing(tx, permit_id);
        if (latest.version != base_version) {
            throw QueueError("version_conflict",
                             "the permit was saved by " + latest.saved_by + " since version " +
                                 std::to_string(base_version) + " was opened",
                             {{"current", protocol::permit_version_json(latest)}});
        }
        out = store_version(tx, permit_id, latest.version + 1, document, "updated", note,
                            latest.retired, by);
        touched.insert(permit_id);
    });
    return out;
}

PermitVersion CatalogStore::duplicate(const std::string& permit_id, const std::string& new_id,
                                      const std::string& new_name, const StaffRef& by,
                                      TimePoint now) {
    PermitVersion out;
    write(now, [&](StoreTransaction& tx, Touched& touched) {
        json doc = existing(tx, permit_id).second;
        doc["id"] = new_id;
        doc["name"] = new_name;
        doc.erase("short_name");  // an abbreviation names one permit
        const catalog::Permit p = catalog::Catalog::parse_permit(doc, "request body");
        if (newest(tx, p.id)) {
            throw QueueError("permit_exists", "a permit with id '" + p.id + "' exists already",
                             {{"field", "new_id"}});
        }
        out = store_version(tx, p.id, 1, doc, "duplicated", "salinan dari " + permit_id, false, by);
        touched.insert(p.id);
    });
    return out;
}

PermitVersion CatalogStore::retire(const std::string& permit_id, const std::string& note,
                                   const StaffRef& by, TimePoint now) {
    PermitVersion out;
    write(now, [&](StoreTransaction& tx, Touched& touched) {
        const auto [latest, doc] = existing(tx, permit_id);
        if (latest.retired)
            throw QueueError("already_retired", "permit '" + permit_id + "' is retired already");
        out = store_version(tx, permit_id, latest.version + 1, doc, "retired", note, true, by);
        touched.insert(permit_id);
    });
    return out;
}

PermitVersion CatalogStore::restore(const std::string& permit_id, int version, const StaffRef& by,
                                    TimePoint now) {
    const json doc = document(permit_id, version);
    catalog::Catalog::parse_permit(doc, "catalog " + permit_id);
    PermitVersion out;
    write(now, [&](StoreTransaction& tx, Touched& touched) {
        const PermitVersion latest = existing(tx, permit_id).first;
        out = store_version(tx, permit_id, latest.version + 1, doc, "restored",
                            "versi " + std::to_string(version), false, by);
        touched.insert(permit_id);
    });
    return out;
}

std::vector<json> CatalogStore::export_catalog() const {
    std::vector<json> permits;
    queue_.run_read(now_utc(), [&](StoreTransaction& tx) {
        auto& q = tx.sql(
            "SELECT v.document FROM catalog_versions v "
            "JOIN (SELECT permit_id, MAX(version) AS version, MIN(id) AS first "
            "      FROM catalog_versions GROUP BY permit_id) n "
            "  ON v.permit_id = n.permit_id AND v.version = n.version "
            "WHERE v.retired = 0 ORDER BY n.first");
        while (q.executeStep())
            permits.push_back(json::parse(q.getColumn(0).getString()));
    });
    return permits;
}

catalog::ImportOutcome CatalogStore::import_catalog(const std::vector<json>& documents,
                                                    const StaffRef& by, TimePoint now) {
    catalog::ImportOutcome outcome;
    write(now, [&](StoreTransaction& tx, Touched& touched) {
        outcome = {};
        for (const json& doc : documents) {
            const std::string id = doc.at("id").get<std::string>();
            const auto found = newest(tx, id);
            if (!found) {
                store_version(tx, id, 1, doc, "imported", "", false, by);
                ++outcome.created;
            } else if (found->second == doc && !found->first.retired) {
                ++outcome.unchanged;
                continue;
            } else {
                store_version(tx, id, found->first.version + 1, doc, "imported", "", false, by);
                ++outcome.updated;
            }
            touched.insert(id);
        }
    });
    return outcome;
}

}  // namespace loket
