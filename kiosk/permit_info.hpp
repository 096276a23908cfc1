#pragma once
// What the permit page shows, decided without a window: which requirements apply to the
// applicant, the procedure split into the common path and its outcome paths, and the time
// standard in the SOP's own terms (docs/catalog.md). Pure functions over api_types and text.
#include <cstddef>
#include <string>
#include <vector>

#include "api_types.hpp"
#include "text.hpp"

namespace loket::kiosk {

// How the applicant applies; asked first when the SOP's requirements differ by it.
enum class Applicant { unknown, perorangan, badan_usaha };

// Whether any requirement applies only to an individual or only to a business.
bool requirements_depend_on_applicant(const PermitDetail& permit);

// A requirement for this applicant: to bring (counted), only through a proxy (shown, not
// counted), or not for them.
enum class RequirementFit { required, if_proxy, not_applicable };
RequirementFit requirement_fit(const PermitRequirement& requirement, Applicant applicant);

// Indexes into permit.requirements shown to the applicant, in SOP order; and those counted
// towards "complete". With Applicant::unknown only what applies to everyone is shown.
std::vector<std::size_t> shown_requirements(const PermitDetail& permit, Applicant applicant);
std::vector<std::size_t> counted_requirements(const PermitDetail& permit, Applicant applicant);

// The procedure as the SOP branches it: every file takes the common steps, then the approved
// or the rejected ones.
struct StepPaths {
    std::vector<const PermitStep*> common, approved, rejected;
};
StepPaths step_paths(const PermitDetail& permit);

// "2 hari + 11 jam 30 menit" / "2 days + 11 hours 30 minutes"; hari kerja stays its own unit.
// Empty when all are zero.
std::string duration_text(Language lang, const PermitStepTotals& totals);
// The normalised service time: "7 hari" / "7 calendar days", "165 menit". Empty without value.
std::string service_time_value_text(Language lang, const PermitServiceTime& time);
// Who does a step, and how the SOP says so ("menurut tabel SOP" / "menurut teks SOP").
std::string step_actor_text(Language lang, const PermitStep& step);
// What a step works with, labelled as the SOP's Kelengkapan column; a list ("- a\n- b") starts
// under the label, one item a line. Empty when the SOP gives none.
std::string step_input_text(Language lang, const PermitStep& step);
// "1 requirement · 3 steps", "19 persyaratan · 17 langkah".
std::string permit_counts_text(Language lang, int requirements, int steps);
// "3 of 16 requirements ready", with the singular where English needs it.
std::string checklist_progress_text(Language lang, int ready, int total);

}  // namespace loket::kiosk
