#pragma once
// Responses made in code for the survey tests.
#include <array>
#include <chrono>
#include <string>

#include "loket/survey.hpp"

namespace survey_test {

using namespace std::chrono;
using loket::survey::Response;

// Scores in the regulation's order: persyaratan, prosedur, waktu, biaya, produk, kompetensi,
// perilaku, pengaduan, sarana.
inline Response response(std::array<int, 9> scores, year_month_day date = year{2026} / November / 2,
                         std::string service = "pendaftaran") {
    Response r;
    r.service = std::move(service);
    r.date = date;
    r.scores = scores;
    r.profile = {34, loket::survey::Sex::P, loket::survey::Education::S1,
                 loket::survey::Occupation::Wirausaha};
    return r;
}

}  // namespace survey_test
