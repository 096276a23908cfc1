#include "loket/province_dashboard.hpp"

#include <cmath>
#include <vector>

#include "dashboard_parts.hpp"
#include "loket/central_sync.hpp"
#include "loket/credentials.hpp"
#include "loket/input_error.hpp"
#include "loket/survey.hpp"

namespace loket::central {
namespace {

using dashboard::rounded;
using dashboard::share;
using nlohmann::json;

json epoch_ms(const pqxx::field& f) {
    if (f.is_null())
        return nullptr;
    return f.as<std::int64_t>();
}

// The survey index of a set of responses from their count and element score sums (as
// loket.survey_figures gives them), computed and graded as the office computes its own
// (docs/skm.md): nothing when there are no responses.
json survey_index(std::int64_t respondents, const std::vector<std::int64_t>& score_sums) {
    json out = {{"respondents", respondents},
                {"ikm", nullptr},
                {"grade", nullptr},
                {"grade_name", nullptr},
                {"grade_name_en", nullptr}};
    if (respondents == 0 || score_sums.size() != survey::kElementCount)
        return out;
    survey::IndexResult index;
    index.respondents = respondents;
    for (std::size_t i = 0; i < survey::kElementCount; ++i)
        index.elements[i] = {survey::kElements[i], score_sums[i], respondents};
    const survey::GradeInfo& grade = survey::grade_info(index.grade());
    out["ikm"] = index.converted_rounded().to_double();
    out["grade"] = grade.letter;
    out["grade_name"] = grade.quality.id;
    out["grade_name_en"] = grade.quality.en;
    return out;
}

}  // namespace

void add_province_user(const std::string& admin_connection, const std::string& name,
                       const std::string& role, const std::string& password) {
    if (name.size() < 2 || name.size() > 32 ||
        name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789._-") != std::string::npos)
        throw InputError("account", "name", "must be 2-32 characters of a-z, 0-9, '.', '_', '-'");
    if (role != "viewer" && role != "admin")
        throw InputError("account", "role", "must be viewer or admin");
    if (password.size() < 10 || password.size() > 128)
        throw InputError("account", "password", "must be 10 to 128 characters");
    const std::string hashed = hash_password(password);
    try {
        pqxx::connection c(admin_connection);
        pqxx::work w(c);
        w.exec_params0(
            "INSERT INTO loket.province_users (name, role, password_hash) VALUES ($1, $2, $3) "
            "ON CONFLICT (name) DO UPDATE SET role = EXCLUDED.role, "
            "password_hash = EXCLUDED.password_hash, disabled = false",
            name, role, hashed);
        w.exec_params0("DELETE FROM loket.province_sessions WHERE user_name = $1", name);
        w.commit();
    } catch (const std::exception& e) {
        throw SyncError("adding province account '" + name + "': " + e.what());
    }
}

ProvinceDashboard::ProvinceDashboard(std::string connection, int pool_size)
    : impl_(std::make_unique<Impl>()) {
    impl_->connection = std::move(connection);
    impl_->pool_size = std::max(1, pool_size);
}

ProvinceDashboard::~ProvinceDashboard() = default;

std::optional<std::string> ProvinceDashboard::login(const std::string& name,
                                                    const std::string& password,
                                                    std::chrono::hours lifetime) {
    const auto stored = impl_->with_connection([&](pqxx::connection& c) {
        pqxx::read_transaction w(c);
        const auto r = w.exec_params(
            "SELECT password_hash FROM loket.province_users WHERE name = $1 AND NOT disabled",
            name);
        return r.empty() ? std::optional<std::string>() : r[0][0].as<std::string>();
    });
    if (!password_matches(stored, password))
        return std::nullopt;
    const std::string token = new_session_token();
    impl_->with_connection([&](pqxx::connection& c) {
        pqxx::work w(c);
        w.exec0("DELETE FROM loket.province_sessions WHERE expires_at < now()");
        w.exec_params0(
            "INSERT INTO loket.province_sessions (token_hash, user_name, expires_at) "
            "VALUES ($1, $2, now() + make_interval(hours => $3))",
            token_hash(token), name, static_cast<int>(lifetime.count()));
        w.commit();
        return 0;
    });
    return token;
}

std::optional<ProvinceUser> ProvinceDashboard::user_of(const std::string& token) {
    if (token.empty())
        return std::nullopt;
    return impl_->with_connection([&](pqxx::connection& c) -> std::optional<ProvinceUser> {
        pqxx::read_transaction w(c);
        const auto r = w.exec_params(
            "SELECT u.name, u.role FROM loket.province_sessions s "
            "JOIN loket.province_users u ON u.name = s.user_name "
            "WHERE s.token_hash = $1 AND s.expires_at > now() AND NOT u.disabled",
            token_hash(token));
        if (r.empty())
            return std::nullopt;
        return ProvinceUser{r[0][0].as<std::string>(), r[0][1].as<std::string>()};
    });
}

void ProvinceDashboard::logout(const std::string& token) {
    impl_->with_connection([&](pqxx::connection& c) {
        pqxx::work w(c);
        w.exec_params0("DELETE FROM loket.province_sessions WHERE token_hash = $1",
                       token_hash(token));
        w.commit();
        return 0;
    });
}

json ProvinceDashboard::today() {
    return impl_->with_connection([&](pqxx::connection& c) {
        pqxx::read_transaction w(c);
        json offices = json::array();
        for (const auto& row :
             w.exec("SELECT office, name, local_date::text, waiting, longest_wait_minutes, "
                    "counters_open, counters_paused, issued, served, "
                    "(extract(epoch FROM last_event_at) * 1000)::bigint, "
                    "(extract(epoch FROM last_sync_at) * 1000)::bigint FROM loket.offices_today()"))
            offices.push_back({{"code", row[0].as<std::string>()},
                               {"name", row[1].as<std::string>()},
                               {"local_date", row[2].as<std::string>()},
                               {"waiting", row[3].as<std::int64_t>()},
                               {"longest_wait_minutes", rounded(row[4], 2)},
                               {"counters_open", row[5].as<std::int64_t>()},
                               {"counters_paused", row[6].as<std::int64_t>()},
                               {"issued", row[7].as<std::int64_t>()},
                               {"served", row[8].as<std::int64_t>()},
                               {"last_event_at", epoch_ms(row[9])},
                               {"last_sync_at", epoch_ms(row[10])}});
        return json{{"offices", std::move(offices)}};
    });
}

namespace {

// The figure queries' rows: each every office (or the one asked for), ordered by code.
struct FigureRows {
    pqxx::result queue, services, surveys;
    std::vector<dashboard::OfficeApplications> applications;
};

// Separate queries merged here: joined in one statement, PostgreSQL plans the queue figures'
// aggregation about twice as slowly (measured by bench_central).
FigureRows read_figure_rows(pqxx::transaction_base& w, const std::string& from,
                            const std::string& to, const std::optional<std::string>& only) {
    FigureRows rows;
    rows.queue = w.exec_params(
        "SELECT q.office, o.name, q.issued, q.called, q.served, q.no_show, q.transferred, "
        "q.within_target, q.wait_mean, q.wait_median, q.wait_p90, q.wait_max, "
        "q.service_mean, q.service_median, q.service_p90 "
        "FROM loket.queue_figures($1::date, $2::date, $3) q "
        "JOIN loket.offices o ON o.code = q.office ORDER BY q.office",
        from, to, only);
    rows.services = w.exec_params(
        "SELECT office, registered, finished, finished_within_standard, "
        "applications_overdue_now, complaints_received, complaints_closed, "
        "complaints_closed_in_time, complaints_overdue_now, survey_responses "
        "FROM loket.service_figures($1::date, $2::date, $3) ORDER BY office",
        from, to, only);
    rows.surveys = w.exec_params(
        "SELECT office, respondents, array_to_string(score_sums, ',') "
        "FROM loket.survey_figures($1::date, $2::date, $3) ORDER BY office",
        from, to, only);
    rows.applications = dashboard::read_applications(w, from, to, only);
    if (rows.services.size() != rows.queue.size() || rows.surveys.size() != rows.queue.size() ||
        rows.applications.size() != rows.queue.size())
        throw SyncError("the office lists of the figure queries differ");
    return rows;
}

// The applications' counts from a row of loket.service_figures.
void count_applications(const pqxx::row& a, dashboard::OfficeApplications& counted) {
    counted.registered = a[1].as<std::int64_t>();
    counted.finished = a[2].as<std::int64_t>();
    counted.finished_within_standard = a[3].as<std::int64_t>();
    counted.overdue_now = a[4].as<std::int64_t>();
}

json queue_json(const pqxx::row& r) {
    const auto served = r[4].as<std::int64_t>();
    const auto no_show = r[5].as<std::int64_t>();
    return {
        {"code", r[0].as<std::string>()},
        {"name", r[1].as<std::string>()},
        {"issued", r[2].as<std::int64_t>()},
        {"called", r[3].as<std::int64_t>()},
        {"served", served},
        {"no_show", no_show},
        {"no_show_rate", share(no_show, served + no_show)},
        {"transferred", r[6].as<std::int64_t>()},
        {"within_target", r[7].as<std::int64_t>()},
        {"within_target_share", share(r[7].as<std::int64_t>(), served)},
        {"wait",
         {{"mean", rounded(r[8], 2)},
          {"median", rounded(r[9], 2)},
          {"p90", rounded(r[10], 2)},
          {"max", rounded(r[11], 2)}}},
        {"service",
         {{"mean", rounded(r[12], 2)}, {"median", rounded(r[13], 2)}, {"p90", rounded(r[14], 2)}}}};
}

json complaints_json(const pqxx::row& a) {
    const auto closed = a[6].as<std::int64_t>();
    return {{"received", a[5].as<std::int64_t>()},
            {"closed", closed},
            {"closed_in_time", a[7].as<std::int64_t>()},
            {"closed_in_time_share", share(a[7].as<std::int64_t>(), closed)},
            {"overdue_now", a[8].as<std::int64_t>()}};
}

// Office `row` of the figure rows, its applications' counts filled in.
json office_figures(FigureRows& rows, pqxx::result::size_type row) {
    const pqxx::row q = rows.queue[row];
    const pqxx::row a = rows.services[row];
    const pqxx::row skm = rows.surveys[row];
    dashboard::OfficeApplications& files = rows.applications[row];
    const std::string code = q[0].as<std::string>();
    if (a[0].as<std::string>() != code || skm[0].as<std::string>() != code || files.office != code)
        throw SyncError("the office lists of the figure queries differ");
    count_applications(a, files);
    json office = queue_json(q);
    office["applications"] = dashboard::applications_json(files);
    office["complaints"] = complaints_json(a);
    office["survey_responses"] = a[9].as<std::int64_t>();
    office["skm"] = survey_index(skm[1].as<std::int64_t>(), dashboard::integers_of(skm[2]));
    return office;
}

// One office's days: issued, called, served, no-shows, mean wait, within target.
json office_day_rows(pqxx::transaction_base& w, const std::string& office, const std::string& from,
                     const std::string& to) {
    json days = json::array();
    for (const auto& r :
         w.exec_params("SELECT local_date::text, issued, called, served, no_show, wait_mean, "
                       "within_target FROM loket.office_days($1, $2::date, $3::date)",
                       office, from, to)) {
        const auto served = r[3].as<std::int64_t>();
        days.push_back({{"date", r[0].as<std::string>()},
                        {"issued", r[1].as<std::int64_t>()},
                        {"called", r[2].as<std::int64_t>()},
                        {"served", served},
                        {"no_show", r[4].as<std::int64_t>()},
                        {"wait_mean", rounded(r[5], 2)},
                        {"within_target_share", share(r[6].as<std::int64_t>(), served)}});
    }
    return days;
}

}  // namespace

json ProvinceDashboard::figures(const std::string& from, const std::string& to,
                                const std::string& office) {
    return impl_->with_connection([&](pqxx::connection& c) {
        pqxx::read_transaction w(c);
        const std::optional<std::string> only =
            office.empty() ? std::nullopt : std::optional<std::string>(office);
        FigureRows rows = read_figure_rows(w, from, to, only);
        // Every respondent of the range, of every office: the index over all of them.
        std::int64_t all_respondents = 0;
        std::vector<std::int64_t> all_sums(survey::kElementCount, 0);
        json offices = json::array();
        for (pqxx::result::size_type row = 0; row < rows.queue.size(); ++row) {
            offices.push_back(office_figures(rows, row));
            all_respondents += rows.surveys[row][1].as<std::int64_t>();
            const auto score_sums = dashboard::integers_of(rows.surveys[row][2]);
            for (std::size_t i = 0; i < all_sums.size() && i < score_sums.size(); ++i)
                all_sums[i] += score_sums[i];
        }
        return json{
            {"from", from},
            {"to", to},
            {"offices", std::move(offices)},
            {"applications", dashboard::applications_json(dashboard::all_of(rows.applications))},
            {"skm", survey_index(all_respondents, all_sums)}};
    });
}

std::optional<json> ProvinceDashboard::office_days(const std::string& office,
                                                   const std::string& from, const std::string& to) {
    return impl_->with_connection([&](pqxx::connection& c) -> std::optional<json> {
        pqxx::read_transaction w(c);
        const auto named =
            w.exec_params("SELECT name, profile::text FROM loket.offices WHERE code = $1", office);
        if (named.empty())
            return std::nullopt;
        auto files = dashboard::read_applications(w, from, to, office);
        const auto counts = w.exec_params(
            "SELECT office, registered, finished, finished_within_standard, "
            "applications_overdue_now FROM loket.service_figures($1::date, $2::date, $3)",
            from, to, office);
        if (files.size() != 1 || counts.size() != 1)
            throw SyncError("the office's figures were not found");
        count_applications(counts[0], files[0]);
        const auto config = dashboard::office_config_of(named[0][1]);
        return json{{"code", office},
                    {"name", named[0][0].as<std::string>()},
                    {"from", from},
                    {"to", to},
                    {"days", office_day_rows(w, office, from, to)},
                    {"applications", dashboard::applications_json(files[0])},
                    {"unserved_at_close", dashboard::unserved_at_close(w, office, from, to)},
                    {"heatmap", dashboard::office_heatmap(w, office, from, to, config)},
                    {"staff", dashboard::office_staff(w, office, from, to, config)}};
    });
}

report::TableDocument ProvinceDashboard::figures_table(const std::string& from,
                                                       const std::string& to, bool indonesian) {
    const json data = figures(from, to);
    report::TableDocument doc;
    doc.sheet_name = (indonesian ? "Kinerja " : "Figures ") + from.substr(0, 7);
    doc.header_row = true;
    doc.widths = {14, 40, 10, 10, 10, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 10, 10, 12, 12};
    doc.rows.push_back(indonesian
                           ? report::TableRow{report::text_cell("Kode"),
                                              report::text_cell("Kantor"),
                                              report::text_cell("Tiket"),
                                              report::text_cell("Dilayani"),
                                              report::text_cell("Tidak hadir"),
                                              report::text_cell("Tunggu rata-rata (menit)"),
                                              report::text_cell("Tunggu median (menit)"),
                                              report::text_cell("Tunggu p90 (menit)"),
                                              report::text_cell("Dalam target"),
                                              report::text_cell("Layanan rata-rata (menit)"),
                                              report::text_cell("Berkas terdaftar"),
                                              report::text_cell("Berkas selesai"),
                                              report::text_cell("Selesai tepat waktu"),
                                              report::text_cell("Pengaduan diterima"),
                                              report::text_cell("Pengaduan selesai"),
                                              report::text_cell("Respons SKM"),
                                              report::text_cell("IKM"),
                                              report::text_cell("Mutu"),
                                              report::text_cell("Median hari kerja berkas"),
                                              report::text_cell("Berkas belum lengkap")}
                           : report::TableRow{report::text_cell("Code"),
                                              report::text_cell("Office"),
                                              report::text_cell("Tickets"),
                                              report::text_cell("Served"),
                                              report::text_cell("No-shows"),
                                              report::text_cell("Mean wait (minutes)"),
                                              report::text_cell("Median wait (minutes)"),
                                              report::text_cell("p90 wait (minutes)"),
                                              report::text_cell("Within target"),
                                              report::text_cell("Mean service (minutes)"),
                                              report::text_cell("Files registered"),
                                              report::text_cell("Files finished"),
                                              report::text_cell("Finished on time"),
                                              report::text_cell("Complaints received"),
                                              report::text_cell("Complaints closed"),
                                              report::text_cell("SKM responses"),
                                              report::text_cell("IKM"),
                                              report::text_cell("Grade"),
                                              report::text_cell("Median working days per file"),
                                              report::text_cell("Incomplete visits")});
    const auto figure = [](const json& v, int places) {
        return report::figure_cell(
            v.is_null() ? std::nullopt : std::optional<double>(v.get<double>()), places);
    };
    for (const auto& o : data["offices"])
        doc.rows.push_back(
            {report::text_cell(o["code"]),
             report::text_cell(o["name"]),
             report::integer_cell(o["issued"]),
             report::integer_cell(o["served"]),
             report::integer_cell(o["no_show"]),
             figure(o["wait"]["mean"], 2),
             figure(o["wait"]["median"], 2),
             figure(o["wait"]["p90"], 2),
             figure(o["within_target_share"], 4),
             figure(o["service"]["mean"], 2),
             report::integer_cell(o["applications"]["registered"]),
             report::integer_cell(o["applications"]["finished"]),
             figure(o["applications"]["within_standard_share"], 4),
             report::integer_cell(o["complaints"]["received"]),
             report::integer_cell(o["complaints"]["closed"]),
             report::integer_cell(o["survey_responses"]),
             figure(o["skm"]["ikm"], 2),
             report::text_cell(o["skm"]["grade"].is_null() ? std::string()
                                                           : o["skm"]["grade"].get<std::string>()),
             figure(o["applications"]["median_working_days"], 1),
             report::integer_cell(o["applications"]["incomplete_visits"])});
    return doc;
}

}  // namespace loket::central
