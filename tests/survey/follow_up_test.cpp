// The follow-up plan record: read, validated, written back.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "loket/survey.hpp"

using namespace loket::survey;
using namespace std::chrono;
using nlohmann::json;

namespace {

json plan_json() {
    return {{"element", "waktu"},
            {"action", "Menambah satu petugas loket pendaftaran pada Senin dan Kamis."},
            {"owner", "Kepala Bidang Pelayanan"},
            {"deadline", "2027-03-31"},
            {"status", "berjalan"},
            {"percent_done", 40}};
}

void expect_follow_up_refused(const json& body, const std::string& field, const std::string& code) {
    try {
        read_follow_up(body);
        FAIL() << "accepted " << body.dump() << ", expected an error on " << field;
    } catch (const SurveyInputError& e) {
        EXPECT_EQ(e.source(), "follow-up");
        EXPECT_EQ(e.field(), field) << e.what();
        EXPECT_EQ(e.code(), code) << e.what();
        EXPECT_FALSE(e.reason_indonesian().empty());
    }
}

}  // namespace

TEST(SurveyFollowUp, ReadsAndWritesAPlan) {
    const FollowUp plan = read_follow_up(plan_json());
    EXPECT_EQ(plan.element, Element::Waktu);
    EXPECT_EQ(plan.owner, "Kepala Bidang Pelayanan");
    EXPECT_EQ(plan.deadline, year{2027} / March / 31);
    EXPECT_EQ(plan.status, FollowUpStatus::InProgress);
    EXPECT_EQ(plan.percent_done, 40);

    const json written = to_json(plan);
    EXPECT_EQ(written["status_label"], "Sedang berjalan");
    EXPECT_EQ(written["status_label_en"], "In progress");
    json back = written;
    back.erase("status_label");
    back.erase("status_label_en");
    EXPECT_EQ(back, plan_json());
}

TEST(SurveyFollowUp, StatusAndPercentAgree) {
    json body = plan_json();
    body["status"] = "direncanakan";
    expect_follow_up_refused(body, "percent_done", "status_mismatch");
    body["percent_done"] = 0;
    EXPECT_EQ(read_follow_up(body).status, FollowUpStatus::Planned);

    body["status"] = "selesai";
    expect_follow_up_refused(body, "percent_done", "status_mismatch");
    body["percent_done"] = 100;
    EXPECT_EQ(read_follow_up(body).status, FollowUpStatus::Done);

    body["status"] = "berjalan";
    expect_follow_up_refused(body, "status", "status_mismatch");
    body["percent_done"] = 0;
    EXPECT_EQ(read_follow_up(body).status, FollowUpStatus::InProgress);
    body["percent_done"] = 99;
    EXPECT_EQ(read_follow_up(body).percent_done, 99);
}

TEST(SurveyFollowUp, FieldsAreChecked) {
    json body = plan_json();
    body["percent_done"] = 101;
    expect_follow_up_refused(body, "percent_done", "out_of_range");
    body["percent_done"] = -1;
    expect_follow_up_refused(body, "percent_done", "out_of_range");

    body = plan_json();
    body["element"] = "antrean";
    expect_follow_up_refused(body, "element", "unknown_value");

    body = plan_json();
    body["status"] = "batal";
    expect_follow_up_refused(body, "status", "unknown_value");

    body = plan_json();
    body["action"] = "   ";
    expect_follow_up_refused(body, "action", "required");
    body["action"] = std::string(kActionMaxChars + 1, 'x');
    expect_follow_up_refused(body, "action", "too_long");

    body = plan_json();
    body["owner"] = "Bidang\nPelayanan";
    expect_follow_up_refused(body, "owner", "invalid_field");
    body.erase("owner");
    expect_follow_up_refused(body, "owner", "required");

    body = plan_json();
    body["deadline"] = "2027-02-30";
    expect_follow_up_refused(body, "deadline", "invalid_field");
    body["deadline"] = "31-03-2027";
    expect_follow_up_refused(body, "deadline", "invalid_field");

    body = plan_json();
    body["budget"] = 1000000;
    expect_follow_up_refused(body, "budget", "unknown_key");
}

TEST(SurveyFollowUp, ValidateChecksAPlanMadeInCode) {
    FollowUp plan;
    plan.element = Element::Sarana;
    plan.action = "Memperbaiki pendingin ruang tunggu";
    plan.owner = "Subbagian Umum";
    plan.deadline = year{2027} / January / 15;
    EXPECT_NO_THROW(validate(plan));

    plan.deadline = year{2027} / February / 29;
    EXPECT_THROW(validate(plan), SurveyInputError);
    plan.deadline = year{2027} / February / 28;
    plan.owner.clear();
    try {
        validate(plan, "follow-ups[2]");
        FAIL() << "an empty owner was accepted";
    } catch (const SurveyInputError& e) {
        EXPECT_EQ(e.source(), "follow-ups[2]");
        EXPECT_EQ(e.field(), "owner");
        EXPECT_EQ(e.reason_indonesian(), "tidak boleh kosong");
    }
}
