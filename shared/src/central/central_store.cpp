#include "loket/central_store.hpp"

#include <array>
#include <pqxx/pqxx>

#include "central_migrations.hpp"
#include "loket/central_sync.hpp"
#include "loket/input_error.hpp"

namespace loket::central {
namespace {

// Serialises installs and office changes of concurrent administrators.
constexpr long long kSchemaLock = 0x4c6f6b6574;  // "Loket"

SyncError database_error(const std::string& what, const std::exception& e) {
    return SyncError(what + ": " + e.what());
}

// Under the schema lock, creates the login role or alters the one there, setting its password
// when one is given (a province account's role may keep its own).
void create_or_alter_login(pqxx::work& w, const std::string& role, const std::string& password) {
    w.exec("SELECT pg_advisory_xact_lock(" + std::to_string(kSchemaLock) + ")");
    const bool exists = !w.exec_params("SELECT 1 FROM pg_roles WHERE rolname = $1", role).empty();
    std::string statement =
        std::string(exists ? "ALTER" : "CREATE") + " ROLE " + w.quote_name(role) + " LOGIN";
    if (!password.empty())
        statement += " PASSWORD " + w.quote(password);
    w.exec0(statement);
}

}  // namespace

int central_schema_version() {
    return static_cast<int>(central_migrations().size());
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
            w.exec0(central_migrations()[static_cast<std::size_t>(version)]);
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
        create_or_alter_login(w, role, password);
        w.exec0("GRANT USAGE ON SCHEMA loket TO " + w.quote_name(role));
        w.exec0(
            "GRANT EXECUTE ON FUNCTION loket.ingest(jsonb), loket.office_position(), "
            "loket.describe_office(jsonb), loket.keep_survey_days(jsonb) TO " +
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

void grant_dashboard_access(const std::string& admin_connection, const std::string& role,
                            const std::string& password) {
    const bool valid_name =
        role.size() >= 2 && role.size() <= 63 && role[0] >= 'a' && role[0] <= 'z' &&
        role.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_-") == std::string::npos;
    if (!valid_name)
        throw InputError("dashboard", "role",
                         "'" + role +
                             "' is not a role name (a-z, 0-9, '_', '-', 2-63, a letter "
                             "first)");
    if (!password.empty() && password.size() < 12)
        throw InputError("dashboard", "password", "must be at least 12 characters");
    if (role.rfind("office_", 0) == 0)
        throw InputError("dashboard", "role", "'office_' names are the offices' own roles");
    try {
        pqxx::connection c(admin_connection);
        pqxx::work w(c);
        create_or_alter_login(w, role, password);
        const std::string who = w.quote_name(role);
        w.exec0("GRANT USAGE ON SCHEMA loket TO " + who);
        w.exec0("GRANT SELECT ON ALL TABLES IN SCHEMA loket TO " + who);
        w.exec0("GRANT INSERT, DELETE ON loket.province_sessions TO " + who);
        w.commit();
    } catch (const std::exception& e) {
        throw database_error("granting the dashboard's access to role '" + role + "'", e);
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
