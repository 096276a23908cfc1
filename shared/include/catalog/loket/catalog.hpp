#pragma once
// The permit catalog: what an applicant reads at the kiosk, taken from the office's SOPs.
// One JSON file per SOP in assets/catalog/; the loader validates every field and reports
// bad input by file, field and reason (InputError).
#include <filesystem>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace loket::catalog {

// A time standard as the SOP writes it ("15 menit", "3 hari kerja", "Hari H - H+3 10 - 30
// menit") plus what can be derived from it. Nothing is derived where the text gives no number
// ("Sesuai kebutuhan & keperluan pemohon").
struct TimeStandard {
    std::string text;  // original wording, kept as written
    // Effort in minutes (a range when the SOP gives one: "10 - 30 menit" -> 10..30).
    std::optional<int> minutes_min;
    std::optional<int> minutes_max;
    // Calendar days ("2 Hari", "7 (tujuh) hari") -> days_min..days_max.
    std::optional<int> days_min;
    std::optional<int> days_max;
    // Working days ("1 hari kerja") -> working_days_min..working_days_max. Kept apart from
    // calendar days: the SOPs use both units and they are not interchangeable.
    std::optional<int> working_days_min;
    std::optional<int> working_days_max;
    // Day window relative to registration day H ("Hari H - H+3" -> 0..3, "Hari ke H" -> 0..0).
    std::optional<int> day_offset_from;
    std::optional<int> day_offset_to;

    bool has_duration() const {
        return minutes_min.has_value() || days_min.has_value() || working_days_min.has_value();
    }
};

// Derives the normalised parts of a time standard from its original text.
TimeStandard parse_time_standard(std::string_view text);

// Who a requirement applies to, as the SOP itself conditions it (docs/catalog.md):
// "semua" (every applicant; the default), "perorangan" (an individual applicant),
// "badan_usaha" ("dalam hal permohonan bukan perseorangan"), "dikuasakan" (only when the
// application is made through a proxy).
inline constexpr std::string_view kAppliesToAll = "semua";
inline constexpr std::string_view kAppliesToIndividual = "perorangan";
inline constexpr std::string_view kAppliesToBusiness = "badan_usaha";
inline constexpr std::string_view kAppliesToProxy = "dikuasakan";

struct Requirement {
    std::string text;    // as written in the SOP
    std::string source;  // where in the SOP it comes from, e.g. "G. Persyaratan Pelayanan no. 5"
    std::string applies_to = std::string(kAppliesToAll);
};

// Which path of the procedure a step belongs to: every file takes the "umum" (common) steps,
// then either the "disetujui" (approved) or the "ditolak" (rejected) ones.
inline constexpr std::string_view kBranchCommon = "umum";
inline constexpr std::string_view kBranchApproved = "disetujui";
inline constexpr std::string_view kBranchRejected = "ditolak";

struct ProcedureStep {
    int number = 0;
    std::string activity;             // Uraian prosedur / kegiatan, as written
    std::vector<std::string> actors;  // pelaksana, as named in the SOP's column headers
    // "table": marked in the SOP's actor columns; "text": named in the activity text only;
    // "unmarked": the seed's table carries no mark and the text names nobody.
    std::string actor_source;
    // Why these actors, where reading the flattened table took judgement (a mark that is a
    // connector, a mark that sits in a neighbouring column); empty otherwise. Not SOP text.
    std::string actor_note;
    std::string input;  // persyaratan / kelengkapan
    TimeStandard time;
    std::string output;
    std::string note;  // keterangan, may be empty
    std::string branch = std::string(kBranchCommon);
    // The SOP's own words when the step happens only sometimes ("jika dibutuhkan"); empty when
    // it always happens on its path. Conditional steps are left out of time totals.
    std::string condition;
};

// Sum of the step time standards along one path, each unit kept apart: what the SOP's steps
// add up to, not a service time the SOP promises. Ranges count their upper end.
struct StepTotals {
    int minutes = 0;  // menit and jam
    int days = 0;     // hari (calendar)
    int working_days = 0;
    std::vector<int> steps;  // the step numbers counted
};

// The service time standard as the SOP gives it (verbatim text), and a normalised value only
// where one can honestly be derived. basis says which:
//   "stated"     the SOP states it (text), value/unit read from that text;
//   "step_sum"   the SOP states none; value is the step times of the approved path summed,
//                all in one unit;
//   "not_stated" the SOP states none and its steps give no single figure (mixed units).
struct ServiceTime {
    std::string text;    // verbatim; empty unless basis is "stated"
    std::string source;  // where in the SOP, e.g. "I. JANGKA WAKTU PENYELESAIAN"
    std::optional<int> value;
    std::string unit;  // "menit", "jam", "hari" or "hari kerja"; empty without a value
    std::string basis;
    std::string note;  // for the applicant, e.g. from when the days are counted
};

struct Contact {
    std::string address;  // as written
    std::string phone;
    std::string fax;
    std::string source;
    bool empty() const { return address.empty() && phone.empty() && fax.empty(); }
};

struct Definition {
    std::string term;  // as written, e.g. "Usaha Kecil Obat Tradisional (UKOT)"
    std::string text;
};

struct SopDocument {
    std::string number;     // "A.49.", "SOP-LP2N-KES-03"
    std::string title;      // NAMA SOP as written; the permit name may be a part of it
    std::string revision;   // may be empty
    std::string created;    // dates as written ("3 AGUSTUS 2020")
    std::string revised;    // "-" when the SOP says so
    std::string effective;  // tanggal pengesahan / efektif
    std::string approved_by;
};

struct Permit {
    std::string id;          // stable slug used in URLs and tickets, e.g. "pelalawan-iumk"
    std::string name;        // permit name as written
    std::string short_name;  // e.g. "IUMK"; may equal name
    std::string office;      // issuing office as written
    std::string region;      // e.g. "Kabupaten Pelalawan, Riau"
    // The sector the kiosk lists the permit under ("Kesehatan", "Usaha Mikro dan Kecil"),
    // docs/catalog.md; empty when not given (shown under "Lainnya / Other").
    std::string category;
    std::string source_file;  // seed file name this entry was taken from
    SopDocument sop;
    std::vector<std::string> legal_basis;
    std::vector<std::string> executor_qualifications;
    std::vector<std::string> related_sops;
    std::vector<std::string> equipment;
    std::vector<std::string> warnings;
    std::vector<std::string> record_keeping;
    // Terms the SOP defines (e.g. UKOT vs UMOT), which tell an applicant which permit fits.
    std::vector<Definition> definitions;
    std::vector<Requirement> requirements;
    std::vector<ProcedureStep> steps;
    ServiceTime service_time;
    std::optional<std::string> cost;  // empty when the SOP states nothing about cost
    std::string cost_source;          // where the cost statement is, when not its own section
    std::string cost_note;            // what it means for the applicant (e.g. SKRD = retribution)
    std::optional<std::string> product;   // empty when the SOP names no product
    std::string product_source;           // e.g. the final step's output column
    std::optional<std::string> validity;  // masa berlaku; empty when not stated
    std::vector<std::string> complaint_channels;
    std::vector<std::string> service_hours;  // as written, e.g. "Senin-Kamis 08.00-19.00 WITA"
    std::string service_hours_source;
    // Facilities for applicants the SOP names (disability access, a nursing room).
    std::vector<std::string> facilities;
    Contact contact;
    // Service id of the counter the applicant starts at ("informasi", "customer_service",
    // "pendaftaran", "pengambilan") and why, citing the SOP.
    std::string start_service;
    std::string start_service_reason;
    std::vector<std::string> keywords;  // extra search words (abbreviations, synonyms)

    // Step times along the common path plus one outcome path (kBranchApproved or
    // kBranchRejected), conditional steps left out. Never both outcome paths.
    StepTotals step_totals(std::string_view outcome) const;
    bool has_branch(std::string_view branch) const;
    // The approved path's totals, per unit.
    int total_step_minutes() const;
    int total_step_days() const;
    int total_step_working_days() const;
};

// A permit's texts as the search compares them: folded (lower case, no accents) words, made
// once when the permit is added to a catalog, not on every keystroke.
struct PermitSearchWords {
    std::vector<std::string> name;      // name and short name
    std::vector<std::string> keywords;  // keywords and category
    std::vector<std::string> other;     // product and requirements
    // Name, keyword and category words of 4+ letters that are no abbreviation: the only words
    // a typo is guessed for (IKOT one letter off is UKOT, another permit's abbreviation).
    std::vector<std::string> typo;
    std::vector<std::string> name_phrase, short_phrase;  // name, short name alone (phrases)
    // The whole name, short name and each abbreviation, their words joined by one space.
    std::vector<std::string> wholes;
    std::string sort_key;  // the folded name, for A-Z
};
PermitSearchWords search_words(const Permit& permit);

class Catalog {
  public:
    // Loads every *.json file in dir, sorted by file name. Throws InputError naming the file,
    // field and reason on the first bad file; an empty or missing dir is an error too.
    static Catalog load_dir(const std::filesystem::path& dir);
    // The same files as permit documents (the catalog file format), each checked as load_dir
    // checks it: what a new installation stores as the first version of its catalog.
    static std::vector<nlohmann::json> load_documents(const std::filesystem::path& dir);
    // Parses a permit document's text, refusing duplicate keys (which a JSON library would
    // silently drop), with InputError naming source, line and column.
    static nlohmann::json parse_document(const std::string& text, const std::string& source);
    // Parses one permit; source names the input in errors.
    static Permit parse_permit(const nlohmann::json& doc, const std::string& source);

    const std::vector<Permit>& permits() const { return permits_; }
    const Permit* find(std::string_view id) const;
    // Case- and accent-insensitive search over names, abbreviations, keywords, category,
    // product and requirements; every word of the query must match, as a whole word, a word's
    // start, or (words of 4+ letters) with one typo. Ranked: the whole name or an abbreviation,
    // then word and prefix matches (name before keywords before the rest), then typo matches;
    // A-Z by name within a rank. An empty query lists every permit in catalog order.
    std::vector<const Permit*> search(std::string_view query) const;

    void add(Permit permit);  // rejects duplicate ids with InputError

  private:
    std::vector<Permit> permits_;
    std::vector<PermitSearchWords> words_;  // words_[i] belongs to permits_[i]
};

// Whether a and b are at most one edit apart (optimal string alignment: one substitution,
// insertion, deletion or swap of two neighbouring characters). Bytes, not letters: the
// search calls it on folded (ASCII) words.
bool within_one_edit(std::string_view a, std::string_view b);

nlohmann::json to_json(const Permit& permit);
nlohmann::json to_json(const TimeStandard& time);
nlohmann::json to_json(const StepTotals& totals);

}  // namespace loket::catalog
