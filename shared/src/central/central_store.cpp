#include "loket/central_store.hpp"

#include <array>
#include <pqxx/pqxx>

#include "loket/central_sync.hpp"
#include "loket/input_error.hpp"

namespace loket::central {
namespace {

// Each entry upgrades the schema by one version; never edit a shipped entry, append one.
constexpr auto kCentralMigrations = std::to_array<const char*>({
    // 1: offices, their events, and the one way in.
    R"sql(
CREATE SCHEMA loket;
CREATE TABLE loket.offices (
    code text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9-]{1,39}$'),
    name text NOT NULL,
    role_name text NOT NULL UNIQUE,
    -- The newest event held, and what it was: a shipper whose log says otherwise at that id
    -- (a database restored from an older backup) is refused rather than merged.
    last_event_id bigint NOT NULL DEFAULT 0,
    last_event_type text NOT NULL DEFAULT '',
    last_event_at_ms bigint NOT NULL DEFAULT 0,
    last_sync_at timestamptz
);
CREATE TABLE loket.events (
    office text NOT NULL REFERENCES loket.offices (code),
    id bigint NOT NULL,
    type text NOT NULL,
    at timestamptz NOT NULL,
    payload jsonb NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (office, id)
);
CREATE INDEX events_type_at ON loket.events (type, at);

-- Where this office's log stands at central: (last id, its type, its time in ms).
CREATE FUNCTION loket.office_position() RETURNS TABLE (id bigint, type text, at_ms bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = loket, pg_catalog AS $$
    SELECT last_event_id, last_event_type, last_event_at_ms FROM loket.offices
     WHERE role_name = session_user
$$;

-- A batch of the calling office's events, [{id, type, at_ms, payload}] in id order. Events
-- central holds already (id <= the last held) are skipped: a batch sent twice lands once.
CREATE FUNCTION loket.ingest(batch jsonb) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = loket, pg_catalog AS $$
DECLARE
    office_code text;
    held bigint;
    out_of_order bigint;
    newest record;
BEGIN
    SELECT code, last_event_id INTO office_code, held FROM loket.offices
     WHERE role_name = session_user FOR UPDATE;
    IF office_code IS NULL THEN
        RAISE EXCEPTION 'role % ships for no office', session_user USING ERRCODE = '42501';
    END IF;
    IF jsonb_typeof(batch) <> 'array' THEN
        RAISE EXCEPTION 'a batch is a JSON array' USING ERRCODE = '22023';
    END IF;
    SELECT count(*) INTO out_of_order FROM (
        SELECT (x.e ->> 'id')::bigint AS id, lag((x.e ->> 'id')::bigint) OVER (ORDER BY x.n) AS before
          FROM jsonb_array_elements(batch) WITH ORDINALITY AS x(e, n)
    ) ordered WHERE ordered.id IS NULL OR ordered.id <= ordered.before;
    IF EXISTS (SELECT 1 FROM jsonb_array_elements(batch) AS x(e)
                WHERE jsonb_typeof(x.e -> 'id') IS DISTINCT FROM 'number'
                   OR jsonb_typeof(x.e -> 'type') IS DISTINCT FROM 'string'
                   OR jsonb_typeof(x.e -> 'at_ms') IS DISTINCT FROM 'number'
                   OR jsonb_typeof(x.e -> 'payload') IS DISTINCT FROM 'object') THEN
        RAISE EXCEPTION 'every event of a batch has a numeric id and at_ms, a type and an '
                        'object payload' USING ERRCODE = '22023';
    END IF;
    IF out_of_order > 0 THEN
        RAISE EXCEPTION 'a batch holds ids in increasing order' USING ERRCODE = '22023';
    END IF;
    INSERT INTO loket.events (office, id, type, at, payload)
    SELECT office_code, e.id, e.type, to_timestamp(e.at_ms / 1000.0), e.payload
      FROM jsonb_to_recordset(batch) AS e(id bigint, type text, at_ms bigint, payload jsonb)
     WHERE e.id > held
     ORDER BY e.id;
    SELECT e.id, e.type, e.at_ms INTO newest
      FROM jsonb_to_recordset(batch) AS e(id bigint, type text, at_ms bigint)
     WHERE e.id > held ORDER BY e.id DESC LIMIT 1;
    IF newest.id IS NOT NULL THEN
        UPDATE loket.offices SET last_event_id = newest.id, last_event_type = newest.type,
                                 last_event_at_ms = newest.at_ms, last_sync_at = now()
         WHERE code = office_code;
        RETURN newest.id;
    END IF;
    UPDATE loket.offices SET last_sync_at = now() WHERE code = office_code;
    RETURN held;
END
$$;
REVOKE ALL ON FUNCTION loket.office_position() FROM PUBLIC;
REVOKE ALL ON FUNCTION loket.ingest(jsonb) FROM PUBLIC;
REVOKE ALL ON SCHEMA loket FROM PUBLIC;
)sql",
});

// Serialises installs and office changes of concurrent administrators.
constexpr long long kSchemaLock = 0x4c6f6b6574;  // "Loket"

SyncError database_error(const std::string& what, const std::exception& e) {
    return SyncError(what + ": " + e.what());
}

}  // namespace

int central_schema_version() {
    return static_cast<int>(kCentralMigrations.size());
}

void install_central_schema(const std::string& admin_connection) {
    try {
        pqxx::connection c(admin_connection);
        pqxx::work w(c);
        w.exec("SELECT pg_advisory_xact_lock(" + std::to_string(kSchemaLock) + ")");
        w.exec0("CREATE TABLE IF NOT EXISTS public.loket_schema_version (version int NOT NULL)");
        auto r = w.exec("SELECT version FROM public.loket_schema_version");
        int version = r.empty() ? 0 : r[0][0].as<int>();
        if (version > central_schema_version())
            throw SyncError("the central schema is version " + std::to_string(version) +
                            ", newer than this program's " +
                            std::to_string(central_schema_version()));
        for (; version < central_schema_version(); ++version)
            w.exec0(kCentralMigrations[static_cast<std::size_t>(version)]);
        w.exec0("DELETE FROM public.loket_schema_version");
        w.exec0("INSERT INTO public.loket_schema_version VALUES (" + std::to_string(version) + ")");
        w.commit();
    } catch (const SyncError&) {
        throw;
    } catch (const std::exception& e) {
        throw database_error("installing the central schema", e);
    }
}

void add_office(const std::string& admin_connection, const std::string& code,
                const std::string& name, const std::string& password) {
    if (!is_office_code(code))
        throw InputError(
            "office", "code",
            "'" + code + "' is not an office code (a-z, 0-9, '-', 2-40, a letter first)");
    if (name.empty())
        throw InputError("office", "name", "must not be empty");
    if (password.size() < 12)
        throw InputError("office", "password", "must be at least 12 characters");
    const std::string role = office_role(code);
    try {
        pqxx::connection c(admin_connection);
        pqxx::work w(c);
        w.exec("SELECT pg_advisory_xact_lock(" + std::to_string(kSchemaLock) + ")");
        const bool exists =
            !w.exec_params("SELECT 1 FROM pg_roles WHERE rolname = $1", role).empty();
        w.exec0(std::string(exists ? "ALTER" : "CREATE") + " ROLE " + w.quote_name(role) +
                " LOGIN PASSWORD " + w.quote(password));
        w.exec0("GRANT USAGE ON SCHEMA loket TO " + w.quote_name(role));
        w.exec0("GRANT EXECUTE ON FUNCTION loket.ingest(jsonb), loket.office_position() TO " +
                w.quote_name(role));
        w.exec_params0(
            "INSERT INTO loket.offices (code, name, role_name) VALUES ($1, $2, $3) "
            "ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name",
            code, name, role);
        w.commit();
    } catch (const std::exception& e) {
        throw database_error("registering office '" + code + "'", e);
    }
}

std::vector<OfficeSyncState> office_sync_states(const std::string& connection) {
    try {
        pqxx::connection c(connection);
        pqxx::read_transaction w(c);
        std::vector<OfficeSyncState> states;
        for (const auto& row :
             w.exec("SELECT o.code, o.name, o.last_event_id, "
                    "(SELECT count(*) FROM loket.events e WHERE e.office = o.code) "
                    "FROM loket.offices o ORDER BY o.code"))
            states.push_back({row[0].as<std::string>(), row[1].as<std::string>(),
                              row[2].as<std::int64_t>(), row[3].as<std::int64_t>()});
        return states;
    } catch (const std::exception& e) {
        throw database_error("reading the offices' sync state", e);
    }
}

}  // namespace loket::central
