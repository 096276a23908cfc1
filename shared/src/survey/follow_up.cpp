// The follow-up plan (rencana tindak lanjut) the regulation asks for after each survey: what
// will be done about an element, by whom, by when, and how far it has got.
#include <nlohmann/json.hpp>

#include "loket/survey.hpp"
#include "reading.hpp"

namespace loket::survey {

using nlohmann::json;

namespace {

constexpr std::array<Option, 3> kStatusOptions = {{
    {"direncanakan", {"Direncanakan", "Planned"}},
    {"berjalan", {"Sedang berjalan", "In progress"}},
    {"selesai", {"Selesai", "Done"}},
}};

[[noreturn]] void fail(const std::string& source, const char* field, const detail::Problem& p) {
    throw SurveyInputError(source, field, p.en, p.id, p.code);
}

}  // namespace

std::span<const Option> follow_up_status_options() {
    return kStatusOptions;
}

const Option& option_of(FollowUpStatus status) {
    return kStatusOptions[static_cast<std::size_t>(status)];
}

void validate(const FollowUp& plan, const std::string& source) {
    if (auto problem = detail::text_problem(plan.action, kActionMaxChars, true, true))
        fail(source, "action", *problem);
    if (auto problem = detail::text_problem(plan.owner, kOwnerMaxChars, false, true))
        fail(source, "owner", *problem);
    if (!plan.deadline.ok())
        fail(source, "deadline", {"is not a calendar date", "bukan tanggal yang sah"});
    if (plan.percent_done < 0 || plan.percent_done > 100) {
        const std::string got = std::to_string(plan.percent_done);
        fail(source, "percent_done",
             {"must be from 0 to 100, got " + got, "harus dari 0 sampai 100, bukan " + got,
              "out_of_range"});
    }
    // The status and the percentage say the same thing; a record where they disagree is wrong.
    if (plan.status == FollowUpStatus::Planned && plan.percent_done != 0) {
        fail(source, "percent_done",
             {"must be 0 while the action is only planned",
              "harus 0 selama tindakan baru direncanakan", "status_mismatch"});
    }
    if (plan.status == FollowUpStatus::InProgress && plan.percent_done == 100) {
        fail(source, "status",
             {"must be 'selesai' when the action is 100% done",
              "harus 'selesai' bila tindakan sudah 100%", "status_mismatch"});
    }
    if (plan.status == FollowUpStatus::Done && plan.percent_done != 100) {
        fail(source, "percent_done",
             {"must be 100 when the action is done", "harus 100 bila tindakan selesai",
              "status_mismatch"});
    }
}

FollowUp read_follow_up(const json& body, const std::string& source) {
    const detail::Reader reader(body, source, "");
    reader.allow_only({"element", "action", "owner", "deadline", "status", "percent_done"});
    FollowUp plan;
    const std::string element = reader.string("element");
    const auto parsed = parse_element(element);
    if (!parsed) {
        const std::string got = detail::echo(element);
        reader.fail(
            "element", "must be one of the nine element ids" + (got.empty() ? "" : ", got " + got),
            "harus salah satu dari sembilan kode unsur" + (got.empty() ? "" : ", bukan " + got),
            "unknown_value");
    }
    plan.element = *parsed;
    plan.action = reader.text("action", kActionMaxChars, true, true);
    plan.owner = reader.text("owner", kOwnerMaxChars, false, true);
    plan.deadline = reader.date("deadline");
    plan.status = static_cast<FollowUpStatus>(reader.choice("status", kStatusOptions));
    plan.percent_done = static_cast<int>(reader.integer("percent_done", 0, 100));
    validate(plan, source);
    return plan;
}

json to_json(const FollowUp& plan) {
    const Option& status = option_of(plan.status);
    return {
        {"element", key_of(plan.element)},
        {"action", plan.action},
        {"owner", plan.owner},
        {"deadline", detail::format_iso_date(plan.deadline)},
        {"status", status.key},
        {"status_label", status.label.id},
        {"status_label_en", status.label.en},
        {"percent_done", plan.percent_done},
    };
}

}  // namespace loket::survey
