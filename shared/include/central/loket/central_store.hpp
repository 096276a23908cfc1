#pragma once
// The province's central PostgreSQL (docs/scale.md): the schema, the offices that may ship to
// it, and the one way events get in (loket.ingest, a function each office's role may call for
// its own office only).
#include <cstdint>
#include <string>
#include <vector>

namespace loket::central {

// The schema version this program writes.
int central_schema_version();

// Creates or upgrades the schema `loket` through `admin_connection` (a libpq connection string
// of a role that may create schemas and roles). Idempotent. Throws SyncError.
void install_central_schema(const std::string& admin_connection);

// Registers an office: its row and a LOGIN role office_role(code) with the password, allowed
// only to ship its own events. Again for an existing office: new name and password. Throws
// InputError for a bad code or an empty password, SyncError for the database.
void add_office(const std::string& admin_connection, const std::string& code,
                const std::string& name, const std::string& password);

// The role the dashboard (loket-central serve) connects as: LOGIN, reading the schema and
// keeping province sign-in sessions, nothing else (no office's shipping functions). Created when
// missing; `password` empty: none set (peer authentication on the server's own socket, as the
// Debian package runs it). Run again after each schema upgrade: new tables are granted too.
// Throws InputError for a bad role name or a short password, SyncError for the database.
void grant_dashboard_access(const std::string& admin_connection, const std::string& role,
                            const std::string& password = {});

struct OfficeSyncState {
    std::string code;
    std::string name;
    std::int64_t last_event_id = 0;
    std::int64_t events = 0;
};
std::vector<OfficeSyncState> office_sync_states(const std::string& connection);

}  // namespace loket::central
