#include "loket/central_sync.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <pqxx/pqxx>
#include <thread>

#include "loket/event_names.hpp"
#include "loket/json_reader.hpp"
#include "loket/office.hpp"
#include "loket/pause_reason.hpp"
#include "loket/survey.hpp"

// Under LeakSanitizer: libpqxx 6.4 (Debian 12) leaves the PGresult of a broken connection
// (central restarted under it) unfreed, about 2 KB per outage. Reported for the library's
// frames only; a leak in Loket's own code is still one. Unused outside sanitizer builds.
extern "C" const char* __lsan_default_suppressions() {
    return "leak:libpqxx-6.4.so\n";
}

namespace loket::central {

bool has_central_section(std::string_view toml_text) {
    return toml_to_json(toml_text, "configuration").contains("central");
}

SyncSettings parse_sync_settings(std::string_view toml_text, const std::string& source) {
    const nlohmann::json doc = toml_to_json(toml_text, source);
    const auto it = doc.find("central");
    if (it == doc.end())
        throw InputError(source, "central", "is required to ship events to a central server");
    JsonObjectReader central(*it, source, "central");
    central.allow_only({"host", "port", "database", "office", "password_file", "ca_file",
                        "batch_size", "poll_ms"});
    SyncSettings settings;
    settings.host = *central.string("host", true);
    if (settings.host.empty() || settings.host.find_first_of(" \t'\\") != std::string::npos)
        throw InputError(source, "central.host", "must be a host name or address");
    settings.port = static_cast<int>(central.integer("port", 1, 65535).value_or(settings.port));
    settings.database = central.string("database").value_or(settings.database);
    if (settings.database.empty() || settings.database.find_first_of(" \t'\\") != std::string::npos)
        throw InputError(source, "central.database", "must be a database name");
    settings.office = *central.string("office", true);
    if (!is_office_code(settings.office))
        throw InputError(source, "central.office",
                         "'" + settings.office +
                             "' is not an office code (a-z, 0-9, '-', 2-40, a letter first)");
    settings.password_file = *central.string("password_file", true);
    settings.ca_file = central.string("ca_file").value_or("");
    settings.batch_size =
        static_cast<int>(central.integer("batch_size", 1, 10000).value_or(settings.batch_size));
    settings.poll = std::chrono::milliseconds(
        central.integer("poll_ms", 50, 60000).value_or(settings.poll.count()));
    return settings;
}

std::string connection_string(const SyncSettings& settings) {
    std::ifstream in(settings.password_file);
    std::string password;
    if (!in || !std::getline(in, password) || password.empty())
        throw InputError(settings.password_file, "central.password_file",
                         "cannot read the office's central password from it");
    // libpq's key = 'value' form: quotes and backslashes escaped.
    const auto quoted = [](const std::string& value) {
        std::string out = "'";
        for (char c : value) {
            if (c == '\'' || c == '\\')
                out += '\\';
            out += c;
        }
        return out + "'";
    };
    std::string text = "host=" + quoted(settings.host) + " port=" + std::to_string(settings.port) +
                       " dbname=" + quoted(settings.database) +
                       " user=" + quoted(office_role(settings.office)) +
                       " password=" + quoted(password) +
                       " sslmode=verify-full connect_timeout=10 application_name='loket-sync'";
    text += settings.ca_file.empty() ? " sslrootcert=system"
                                     : " sslrootcert=" + quoted(settings.ca_file);
    return text;
}

bool is_office_code(std::string_view code) {
    if (code.size() < 2 || code.size() > 40 || code[0] < 'a' || code[0] > 'z')
        return false;
    return std::all_of(code.begin(), code.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    });
}

std::string office_role(std::string_view office_code) {
    return "office_" + std::string(office_code);
}

nlohmann::json minimised_payload(const nlohmann::json& payload) {
    // Free text typed by staff or applicants, wherever it sits in a payload.
    static constexpr auto kFreeText = std::to_array<std::string_view>(
        {"note", "needed", "reason", "pause_reason", "excerpt", "business_name", "text", "text_en",
         "reply", "rejection_reason"});
    if (payload.is_array()) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& item : payload)
            out.push_back(minimised_payload(item));
        return out;
    }
    if (!payload.is_object())
        return payload;
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [key, value] : payload.items())
        if (std::find(kFreeText.begin(), kFreeText.end(), key) == kFreeText.end())
            out[key] = minimised_payload(value);
    const auto reason = payload.find("pause_reason");
    const auto code = payload.find("pause_reason_code");
    if (payload.value("state", "") == "paused" && reason != payload.end() && reason->is_string() &&
        (code == payload.end() || code->is_null())) {
        const PauseReason legacy = legacy_pause_reason(reason->get_ref<const std::string&>());
        out["pause_reason_code"] = std::string(to_string(legacy.code));
    }
    return out;
}

nlohmann::json office_profile(const nlohmann::json& office_settings) {
    if (!office_settings.is_object())
        return nlohmann::json::object();
    nlohmann::json profile = nlohmann::json::object();
    for (const char* key : {"office", "hours", "holidays", "services"})
        if (office_settings.contains(key))
            profile[key] = office_settings[key];
    if (office_settings.contains("counters") && office_settings["counters"].is_array()) {
        profile["counters"] = nlohmann::json::array();
        for (const auto& counter : office_settings["counters"]) {
            nlohmann::json plain = counter;
            if (plain.is_object())
                plain.erase("printer");
            profile["counters"].push_back(std::move(plain));
        }
    }
    return profile;
}

struct EventShipper::Impl {
    std::filesystem::path office_db;
    std::string connection_text;
    int batch_size;
    nlohmann::json file_settings;
    nlohmann::json profile_sent;  // null: none on this connection yet
    std::unique_ptr<SQLite::Database> local;
    std::unique_ptr<pqxx::connection> central;

    SQLite::Database& office_log() {
        if (!local) {
            local = std::make_unique<SQLite::Database>(office_db.string(), SQLite::OPEN_READONLY);
            local->setBusyTimeout(10000);
        }
        return *local;
    }
    pqxx::connection& link() {
        if (!central) {
            central = std::make_unique<pqxx::connection>(connection_text);
            profile_sent = nullptr;
        }
        return *central;
    }

    // Settings an admin saved in the database win over the configuration file's.
    nlohmann::json current_settings() {
        SQLite::Statement q(office_log(), "SELECT value FROM settings WHERE key = 'office'");
        if (q.executeStep()) {
            auto saved = nlohmann::json::parse(q.getColumn(0).getString(), nullptr, false);
            if (!saved.is_discarded())
                return saved;
        }
        return file_settings;
    }
    void describe_office() {
        nlohmann::json profile = office_profile(current_settings());
        pqxx::connection& c = link();
        if (profile == profile_sent)
            return;
        pqxx::work w(c);
        w.exec_params("SELECT loket.describe_office($1::jsonb)", profile.dump());
        w.commit();
        profile_sent = std::move(profile);
    }

    struct Position {
        std::int64_t id = 0;
        std::string type;
        std::int64_t at_ms = 0;
    };
    Position position() {
        pqxx::read_transaction w(link());
        const auto r = w.exec("SELECT id, type, at_ms FROM loket.office_position()");
        if (r.empty())
            throw SyncError("central knows no office for this role");
        return {r[0][0].as<std::int64_t>(), r[0][1].as<std::string>(), r[0][2].as<std::int64_t>()};
    }

    // Central's newest event must be the office's event of that id, or the logs diverged.
    void check_same_past(const Position& held) {
        if (held.id == 0)
            return;
        SQLite::Statement q(office_log(), "SELECT type, at_ms FROM events WHERE id = ?");
        q.bind(1, static_cast<std::int64_t>(held.id));
        if (!q.executeStep())
            throw DivergedLogError(
                "central holds this office's events up to id " + std::to_string(held.id) +
                ", which this database does not have (restored from an older backup?): "
                "shipping stopped, nothing overwritten (docs/scale.md)");
        if (q.getColumn(0).getString() != held.type || q.getColumn(1).getInt64() != held.at_ms)
            throw DivergedLogError("event " + std::to_string(held.id) +
                                   " differs between this database and central: shipping "
                                   "stopped, nothing overwritten (docs/scale.md)");
    }

    // The survey days of the responses in `batch` after event `after`, as
    // loket.keep_survey_days takes them: each day's respondents and score sums per service
    // (every response of the day, not only the batch's). Null when the batch has none.
    nlohmann::json survey_days_of(const nlohmann::json& batch, std::int64_t after) {
        std::vector<std::string> days;
        for (const auto& e : batch)
            if (e["id"].get<std::int64_t>() > after &&
                e["type"] == protocol::event::survey_responded &&
                e["payload"].contains("local_date") && e["payload"]["local_date"].is_string())
                days.push_back(e["payload"]["local_date"].get<std::string>());
        std::sort(days.begin(), days.end());
        days.erase(std::unique(days.begin(), days.end()), days.end());
        if (days.empty())
            return nullptr;
        std::string sums;
        for (const survey::Element element : survey::kElements)
            sums += ", SUM(" + std::string(survey::key_of(element)) + ")";
        SQLite::Statement q(office_log(), "SELECT local_date, service, COUNT(*)" + sums +
                                              " FROM survey_responses WHERE local_date = ? "
                                              "GROUP BY service ORDER BY service");
        nlohmann::json rows = nlohmann::json::array();
        for (const std::string& day : days) {
            q.bind(1, day);
            while (q.executeStep()) {
                nlohmann::json score_sums = nlohmann::json::array();
                for (int i = 0; i < static_cast<int>(survey::kElementCount); ++i)
                    score_sums.push_back(q.getColumn(3 + i).getInt64());
                rows.push_back({{"local_date", q.getColumn(0).getString()},
                                {"service", q.getColumn(1).getString()},
                                {"respondents", q.getColumn(2).getInt64()},
                                {"score_sums", std::move(score_sums)}});
            }
            q.reset();
        }
        return {{"days", days}, {"rows", std::move(rows)}};
    }

    // The next batch after `after`, as the JSON array loket.ingest takes.
    std::pair<nlohmann::json, std::size_t> batch_after(std::int64_t after) {
        SQLite::Statement q(office_log(),
                            "SELECT id, type, at_ms, payload FROM events "
                            "WHERE id > ? ORDER BY id LIMIT ?");
        q.bind(1, static_cast<std::int64_t>(after));
        q.bind(2, batch_size);
        nlohmann::json batch = nlohmann::json::array();
        while (q.executeStep()) {
            const auto text = q.getColumn(3).getString();
            auto payload = nlohmann::json::parse(text, nullptr, false);
            if (payload.is_discarded())
                payload = nlohmann::json::object();  // unreadable locally: the fact, not the text
            batch.push_back({{"id", q.getColumn(0).getInt64()},
                             {"type", q.getColumn(1).getString()},
                             {"at_ms", q.getColumn(2).getInt64()},
                             {"payload", minimised_payload(payload)}});
        }
        const std::size_t n = batch.size();
        return {std::move(batch), n};
    }
};

EventShipper::EventShipper(std::filesystem::path office_db, std::string central_connection,
                           int batch_size, nlohmann::json office_settings)
    : impl_(std::make_unique<Impl>()) {
    impl_->office_db = std::move(office_db);
    impl_->connection_text = std::move(central_connection);
    impl_->batch_size = std::clamp(batch_size, 1, 10000);
    impl_->file_settings = std::move(office_settings);
}

EventShipper::~EventShipper() = default;

std::int64_t EventShipper::central_last_id() {
    try {
        return impl_->position().id;
    } catch (const SyncError&) {
        throw;
    } catch (const std::exception& e) {
        impl_->central.reset();
        throw SyncError(std::string("central: ") + e.what());
    }
}

std::int64_t EventShipper::ship_available() {
    std::int64_t shipped = 0;
    try {
        const Impl::Position held = impl_->position();
        impl_->check_same_past(held);
        impl_->describe_office();
        std::int64_t last = held.id;
        for (;;) {
            auto [batch, size] = impl_->batch_after(last);
            if (size == 0)
                break;
            pqxx::work w(impl_->link());
            const auto r = w.exec_params1("SELECT loket.ingest($1::jsonb)", batch.dump());
            const nlohmann::json survey_days = impl_->survey_days_of(batch, last);
            if (!survey_days.is_null())
                w.exec_params("SELECT loket.keep_survey_days($1::jsonb)", survey_days.dump());
            w.commit();
            const std::int64_t now_held = r[0].as<std::int64_t>();
            shipped += std::count_if(batch.begin(), batch.end(), [&](const nlohmann::json& e) {
                const std::int64_t id = e["id"].get<std::int64_t>();
                return id > last && id <= now_held;
            });
            last = now_held;
            if (size < static_cast<std::size_t>(impl_->batch_size))
                break;
        }
        return shipped;
    } catch (const SyncError&) {
        throw;
    } catch (const SQLite::Exception& e) {
        impl_->local.reset();
        throw SyncError(std::string("the office database: ") + e.what());
    } catch (const std::exception& e) {
        // The link broke or central refused: whatever batch was open is rolled back there (or
        // committed, if only the answer was lost); the next call asks central where it stands.
        impl_->central.reset();
        throw SyncError(std::string("central: ") + e.what());
    }
}

void run_sync(const SyncSettings& settings, const std::filesystem::path& office_db,
              const nlohmann::json& office_settings, const std::atomic<bool>& stop,
              const std::function<void(const std::string&)>& report) {
    EventShipper shipper(office_db, connection_string(settings), settings.batch_size,
                         office_settings);
    auto backoff = std::chrono::milliseconds(0);
    bool failing = false;
    const auto wait = [&](std::chrono::milliseconds total) {
        const auto until = std::chrono::steady_clock::now() + total;
        while (!stop && std::chrono::steady_clock::now() < until)
            std::this_thread::sleep_for(
                std::min<std::chrono::milliseconds>(std::chrono::milliseconds(50), total));
    };
    while (!stop) {
        try {
            shipper.ship_available();
            if (failing)
                report("shipping to central again");
            failing = false;
            backoff = std::chrono::milliseconds(0);
            wait(settings.poll);
        } catch (const SyncError& e) {
            failing = true;
            backoff = std::clamp(backoff * 2, std::chrono::milliseconds(1000),
                                 std::chrono::milliseconds(30000));
            report(std::string(e.what()) + "; trying again in " +
                   std::to_string(backoff.count() / 1000) + " s");
            wait(backoff);
        }
    }
}

}  // namespace loket::central
