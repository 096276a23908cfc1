// Reading the responses back for the index and the reports: the responses of a period, the
// people served in it, the suggestions.
#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>

#include "loket/survey_store.hpp"
#include "survey_store_internal.hpp"

namespace loket {

using namespace survey_store_detail;

namespace {

std::pair<std::string, std::string> date_range(const survey::Period& period) {
    return {format_date_iso(period.first_day()), format_date_iso(period.last_day())};
}

// Both readers filter alike: "local_date BETWEEN ? AND ? AND (? = '' OR service = ?) AND
// (? = '' OR permit_id = ?)", an empty service or permit meaning every one.
void bind_days_and_filters(SQLite::Statement& q, const std::string& first, const std::string& last,
                           const std::string& service, const std::string& permit) {
    q.bind(1, first);
    q.bind(2, last);
    q.bind(3, service);
    q.bind(4, service);
    q.bind(5, permit);
    q.bind(6, permit);
}

}  // namespace

std::vector<survey::Response> SurveyStore::responses(const survey::Period& period,
                                                     const std::string& service,
                                                     const std::string& permit) const {
    std::vector<survey::Response> out;
    // Named, not a structured binding: clang before 16 cannot capture one in a lambda.
    const auto range = date_range(period);
    const auto& first = range.first;
    const auto& last = range.second;
    queue_.run_read(now_utc(), [&](StoreTransaction& tx) {
        auto& q = tx.sql(
            "SELECT local_date, service, permit_id, persyaratan, prosedur, waktu, biaya, produk, "
            "kompetensi, perilaku, pengaduan, sarana, age, sex, education, occupation, saran "
            "FROM survey_responses WHERE local_date BETWEEN ? AND ? AND (? = '' OR service = ?) "
            "AND (? = '' OR permit_id = ?) ORDER BY id");
        bind_days_and_filters(q, first, last, service, permit);
        while (q.executeStep()) {
            survey::Response r;
            const auto date = parse_date_iso(q.getColumn(0).getString());
            if (!date)
                throw StorageError("survey_responses holds an unreadable date");
            r.date = *date;
            r.service = q.getColumn(1).getString();
            r.permit_id = q.getColumn(2).getString();
            for (std::size_t e = 0; e < survey::kElementCount; ++e)
                r.scores[e] = q.getColumn(static_cast<int>(3 + e)).getInt();
            r.profile.age = q.getColumn(12).getInt();
            r.profile.sex =
                option_index<survey::Sex>(survey::sex_options(), q.getColumn(13).getString());
            r.profile.education = option_index<survey::Education>(survey::education_options(),
                                                                  q.getColumn(14).getString());
            r.profile.occupation = option_index<survey::Occupation>(survey::occupation_options(),
                                                                    q.getColumn(15).getString());
            r.saran = q.getColumn(16).getString();
            out.push_back(std::move(r));
        }
    });
    return out;
}

std::int64_t SurveyStore::people_served(const survey::Period& period, const std::string& service,
                                        const std::string& permit) const {
    std::int64_t served = 0;
    // Named, not a structured binding: clang before 16 cannot capture one in a lambda.
    const auto range = date_range(period);
    const auto& first = range.first;
    const auto& last = range.second;
    queue_.run_read(now_utc(), [&](StoreTransaction& tx) {
        auto& q = tx.sql(
            "SELECT COUNT(*) FROM tickets WHERE state = 'done' AND local_date BETWEEN ? AND ? AND "
            "(? = '' OR service = ?) AND (? = '' OR permit_id = ?)");
        bind_days_and_filters(q, first, last, service, permit);
        q.executeStep();
        served = q.getColumn(0).getInt64();
    });
    return served;
}

std::vector<std::string> SurveyStore::suggestions(const survey::Period& period,
                                                  const std::string& service,
                                                  const std::string& permit) const {
    std::vector<std::string> out;
    for (survey::Response& r : responses(period, service, permit)) {
        if (!r.saran.empty())
            out.push_back(std::move(r.saran));
    }
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace loket
