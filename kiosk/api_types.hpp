#pragma once
// What the kiosk reads from the queue-server, already validated: every field the screens use
// has the type and range they expect. Replies that do not fit become a Failure (see
// server_client.hpp), so nothing the server sends can reach the screens malformed.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "loket/ticket.hpp"
#include "loket/wire_reader.hpp"

namespace loket::kiosk {

// Why a request gave no usable answer.
enum class FailureKind {
    unreachable,    // no HTTP reply at all (refused, timeout, DNS...)
    bad_reply,      // a reply that is not what the API promises (garbage, wrong types)
    http_error,     // an error status the kiosk has no special handling for (500, 401...)
    office_closed,  // 409 office_closed: tickets refused outside hours / on a holiday
    rate_limited,   // 429
    not_found,      // 404
};

struct Failure {
    FailureKind kind = FailureKind::unreachable;
    int status = 0;       // HTTP status when there was one
    std::string code;     // the server's error code ("office_closed")
    std::string message;  // the server's message, or what was wrong with the reply (logs)
    // The server's Indonesian wording of a refusal ("message_id"), shown as is; may be empty.
    std::string message_id;
    // With 429 rate_limited: seconds until the server takes the next one (none: not today).
    std::optional<int> retry_after_seconds;
};

template <class T>
class Result {
  public:
    Result(T value) : v_(std::move(value)) {}            // NOLINT: implicit on purpose
    Result(Failure failure) : v_(std::move(failure)) {}  // NOLINT
    bool ok() const { return v_.index() == 0; }
    const T& value() const { return std::get<0>(v_); }
    const Failure& failure() const { return std::get<1>(v_); }

  private:
    std::variant<T, Failure> v_;
};

// The office (GET /office) and each service's line (GET /services), as the protocol reads them.
using Office = protocol::Office;
using ServiceInfo = protocol::ServiceLine;

struct PermitSummary {
    std::string id;
    std::string name;
    std::string short_name;
    std::string office;
    int requirements = 0;
    int steps = 0;
    std::string category;  // empty: none given (listed under "Lainnya / Other")
    int version = 0;       // the catalog version in force; 0 from a server that gives none
    bool operator==(const PermitSummary&) const = default;
};

struct PermitRequirement {
    std::string text;
    std::string source;
    // "semua", "perorangan", "badan_usaha" or "dikuasakan" (docs/catalog.md).
    std::string applies_to = "semua";
    bool operator==(const PermitRequirement&) const = default;
};

struct PermitStep {
    int number = 0;
    std::string activity;
    std::vector<std::string> actors;
    std::string actor_source;  // "table", "text" or "unmarked"
    std::string input;         // the SOP's Kelengkapan column; Kaltim lists it "- a\n- b"
    std::string time_text;     // the SOP's own wording, e.g. "15 menit"
    std::string output;
    std::string note;             // keterangan, e.g. "via email", when day-counting starts
    std::string branch = "umum";  // "umum", "disetujui" or "ditolak"
    std::string condition;        // the SOP's words when the step happens only sometimes
    bool operator==(const PermitStep&) const = default;
};

// Step times along one path, each unit apart (minutes include hours).
struct PermitStepTotals {
    int minutes = 0;
    int days = 0;
    int working_days = 0;
    bool operator==(const PermitStepTotals&) const = default;
};

struct PermitServiceTime {
    std::string text;  // the SOP's statement; empty when it states none
    std::optional<int> value;
    std::string unit;   // "menit", "jam", "hari", "hari kerja"
    std::string basis;  // "stated", "step_sum", "not_stated"
    std::string note;
    bool operator==(const PermitServiceTime&) const = default;
};

struct PermitDefinition {
    std::string term;
    std::string text;
    bool operator==(const PermitDefinition&) const = default;
};

// A permit's SOP data. nullopt / empty where the SOP states nothing: the screens say so
// instead of inventing a value.
struct PermitDetail {
    std::string id;
    std::string name;
    std::string short_name;
    std::string office;
    std::string region;
    std::string category;  // empty: none given
    std::string sop_number;
    std::vector<PermitRequirement> requirements;
    std::vector<PermitStep> steps;
    std::optional<std::string> completion_time;
    std::optional<std::string> cost;
    std::optional<std::string> product;
    std::optional<std::string> validity;
    std::vector<std::string> legal_basis;
    std::vector<std::string> service_hours;
    PermitServiceTime service_time;
    std::optional<PermitStepTotals> approved_totals;  // common path + "disetujui"
    std::optional<PermitStepTotals> rejected_totals;  // common path + "ditolak"; none: no such path
    std::string cost_note, cost_source, product_source;
    std::string contact_address, contact_phone, contact_fax;
    std::vector<std::string> complaint_channels;
    std::vector<std::string> facilities;
    std::vector<PermitDefinition> definitions;
    std::vector<std::string> keywords;  // extra search words, for searching offline
    int version = 0;                    // the catalog version this copy is of
    bool operator==(const PermitDetail&) const = default;
};

// The ticket's priority is the domain's own (loket/ticket.hpp): one type on both ends.
using loket::Priority;
// API spelling ("lansia", "disabilitas", "ibu_hamil"); empty for none.

struct IssueRequest {
    std::string service;  // service id
    Priority priority = Priority::None;
    std::string permit_id;  // empty: none
    bool operator==(const IssueRequest&) const = default;
};

struct IssuedTicket {
    std::int64_t id = 0;
    std::string number;  // "B-001"
    std::string status_token;
    std::string service_id;
    std::string service_name;
    std::string service_name_en;
    std::optional<std::string> permit_id;
    std::optional<std::string> permit_name;
    Priority priority = Priority::None;
    std::int64_t issued_at_ms = 0;
    int people_ahead = 0;
    std::optional<int> estimate_minutes;
    std::string status_url;  // may be empty when the server cannot name itself
    std::string office_name;
    std::string time_zone;
    int utc_offset_minutes = 0;
    bool replayed = false;  // the server answered an idempotent retry with the same ticket
    bool operator==(const IssuedTicket&) const = default;
};

}  // namespace loket::kiosk

namespace loket::kiosk {

// A file's public status (GET /applications/lookup, /public/applications/status): what the
// receipt holder may read, no personal data (docs/applications.md).
struct ApplicationPublic {
    std::string number;  // "0001/DPMPTSP/XII/2026"
    std::string permit_id;
    std::string permit_name;
    std::int64_t registered_at_ms = 0;
    std::string stage_code;  // diproses, dikembalikan, siap_diambil, ...
    std::string stage_text;  // plain Indonesian
    std::string stage_text_en;
    std::optional<std::int64_t> due_ms;
    std::string needed;  // what the applicant must bring or correct; empty: nothing
    bool ready = false;
    bool operator==(const ApplicationPublic&) const = default;
};

// POST /applications/pickup-ticket: the Pengambilan ticket and the file it is linked to.
struct PickupIssued {
    IssuedTicket ticket;
    ApplicationPublic application;
    bool operator==(const PickupIssued&) const = default;
};

}  // namespace loket::kiosk

// ---- The applicants' voice: the SKM survey and complaints (docs/kiosk-survey-and-complaints.md)

namespace loket::kiosk {

// One answer of a survey element: its score (1-4) and the element's own words for it.
struct SurveyAnswer {
    int score = 0;
    std::string label;
    std::string label_en;
    bool operator==(const SurveyAnswer&) const = default;
};

// One of the nine elements (unsur) as GET /survey/questions gives it.
struct SurveyElement {
    std::string id;  // "persyaratan"
    std::string name, name_en;
    std::string question, question_en;
    std::vector<SurveyAnswer> answers;  // four, scores 1..4 in order
    bool operator==(const SurveyElement&) const = default;
};

struct SurveyChoice {
    std::string id;  // "L", "s1", "wirausaha"
    std::string label, label_en;
    bool operator==(const SurveyChoice&) const = default;
};

struct SurveyChoiceList {
    std::string label, label_en;  // "Pendidikan" / "Education"
    std::vector<SurveyChoice> options;
    bool operator==(const SurveyChoiceList&) const = default;
};

// The questionnaire: the elements and the respondent profile the server asks.
struct Questionnaire {
    std::vector<SurveyElement> elements;
    int age_min = 0, age_max = 0;
    std::string age_label, age_label_en, age_unit, age_unit_en;
    SurveyChoiceList sex, education, occupation;
    bool operator==(const Questionnaire&) const = default;
};

// A complete kiosk response for POST /survey/responses (anonymous: no token, name or phone).
struct SurveySubmission {
    std::vector<std::pair<std::string, int>> answers;  // element id, score 1-4; every element
    int age = 0;
    std::string sex, education, occupation;  // choice ids
    std::string service;                     // the office's service id
    std::string permit_id;                   // empty: none
    bool operator==(const SurveySubmission&) const = default;
};

// POST /survey/responses accepted it.
struct SurveySubmitted {
    std::string period;  // "2026-11"
    bool replayed = false;
    bool operator==(const SurveySubmitted&) const = default;
};

// GET /survey/publication: what the start screen may show.
struct Publication {
    bool show_ikm = false;
    std::optional<double> ikm;  // converted, 25-100; none without responses
    std::string grade;          // "A".."D"; empty without an index
    std::string grade_name, grade_name_en;
    std::string period_name, period_name_en;
    int respondents = 0;
    std::string maklumat, maklumat_en;
    bool operator==(const Publication&) const = default;
};

struct ComplaintCategory {
    std::string id;
    std::string name, name_en;
    bool operator==(const ComplaintCategory&) const = default;
};

// GET /complaints/categories: the categories and the SP4N-LAPOR! channel shown to applicants.
struct ComplaintSetup {
    std::vector<ComplaintCategory> categories;
    std::string lapor_text, lapor_text_en;
    // Days the office keeps a complainant's name and contact after closing, as the consent
    // text says (90 when an older server does not tell).
    int contact_retention_days = 90;
    bool operator==(const ComplaintSetup&) const = default;
};

// POST /complaints from the kiosk. name and contact are sent only with consent.
struct ComplaintSubmission {
    std::string category;
    std::string text;
    bool consent = false;
    std::string name, contact;
    bool operator==(const ComplaintSubmission&) const = default;
};

// POST /complaints accepted it.
struct ComplaintFiled {
    std::string tracking_number;  // "ADU-7K3M-9QX2"
    std::string received_on;      // "2026-11-23", office-local
    std::string due_on;
    std::string status_path;  // "/pengaduan.html?lacak=ADU-7K3M-9QX2"
    bool replayed = false;
    bool operator==(const ComplaintFiled&) const = default;
};

}  // namespace loket::kiosk
