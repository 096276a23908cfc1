// Files (applications) for the benchmarks' years of history (bench_applications.cpp,
// bench_reports_year.cpp): a registration as the form makes it, a file taken through to pickup
// by the store (the template its copies are made of), and the registration number sequences
// read before and saved after the copies made with SQL.
#pragma once

#include <SQLiteCpp/SQLiteCpp.h>

#include <chrono>
#include <cstdint>
#include <map>
#include <random>
#include <string>

#include "loket/application_store.hpp"

namespace loket::bench {

// The office's [applications] table: two permits whose SOPs state no standard get five working
// days (more permits may follow in the configuration).
inline const std::string kPermitStandardsToml = R"(
[applications]
[[applications.permits]]
id = "dairi-iumk"
standard = { amount = 5, unit = "hari kerja" }
[[applications.permits]]
id = "pelalawan-sertifikat-produksi-ukmot"
standard = { amount = 5, unit = "hari kerja" }
)";

inline RegistrationRequest request_for(const catalog::Permit& permit, std::mt19937& rng) {
    RegistrationRequest r;
    r.applicant_type = rng() % 3 == 0 ? "badan_usaha" : "perorangan";
    r.applicant_name = "Pemohon " + std::to_string(rng() % 100000);
    r.business_name =
        r.applicant_type == "badan_usaha" ? "CV Usaha " + std::to_string(rng() % 1000) : "";
    for (std::size_t i = 0; i < permit.requirements.size(); ++i) {
        const auto& a = permit.requirements[i].applies_to;
        if (a == "semua" || a == r.applicant_type)
            r.checklist.push_back({static_cast<int>(i), true});
    }
    return r;
}

// A file registered at `at`, every step done half an hour apart (the first refused when
// `reject`), ready an hour later and picked up an hour after that; its id.
inline std::int64_t take_to_pickup(ApplicationStore& store, const catalog::Permit& permit,
                                   std::mt19937& rng, const Actor& boss, TimePoint at,
                                   bool reject) {
    auto app = *store.register_application(permit, request_for(permit, rng), boss, at).application;
    while (app.state == "in_process") {
        at += std::chrono::minutes(30);
        const auto action = reject && app.outcome.empty() ? StepAction::Rejected : StepAction::Done;
        app = store
                  .act_on_step(app.id, app.current_step()->number, action, "catatan", boss, "", "",
                               at)
                  .application;
    }
    store.mark_ready(app.id, boss, "", "", at + std::chrono::hours(1));
    store.hand_over(app.id, "Penerima", "", boss, "", "", at + std::chrono::hours(2));
    return app.id;
}

// Numbers restart every office-local year: the last one of each year so far.
inline std::map<int, int> registration_sequences(SQLite::Database& raw) {
    std::map<int, int> last;
    SQLite::Statement q(raw, "SELECT year, last FROM registration_sequences");
    while (q.executeStep())
        last[q.getColumn(0).getInt()] = q.getColumn(1).getInt();
    return last;
}

inline void save_registration_sequences(SQLite::Database& raw, const std::map<int, int>& last) {
    SQLite::Statement save(raw,
                           "INSERT INTO registration_sequences (year, last) VALUES (?, ?) ON "
                           "CONFLICT (year) DO UPDATE SET last = excluded.last");
    for (const auto& [year, seq] : last) {
        save.reset();
        save.bind(1, year);
        save.bind(2, seq);
        save.exec();
    }
}

}  // namespace loket::bench
