#pragma once
// The kiosk's screens as a state machine in plain C++: what is shown, what each tap does,
// what each server reply does. No rendering and no I/O: requests go out as Effects (taken by
// the runtime, or by a test) and replies come back through the on_* methods. Everything runs
// on one thread (the UI thread); time comes from injectable clocks.
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "api_types.hpp"
#include "application_status.hpp"
#include "loket/catalog.hpp"
#include "permit_info.hpp"
#include "printing.hpp"
#include "text.hpp"
#include "voice.hpp"

namespace loket::kiosk {

enum class Screen {
    connecting,  // first start, before the server has answered
    offline,     // the server cannot be reached (start screen replaced)
    start,
    permits,   // permit list and search
    permit,    // one permit's SOP information
    priority,  // choose general or a priority queue; one tap issues the number
    issuing,   // waiting for the server
    ticket,    // confirmation: the number, the QR, printing
    error,     // a request failed; retry or go back
    closed,    // the server refused a ticket because the office is closed
    // Cek status berkas (application_status.cpp).
    status_entry,     // typing the registration number (or scanning the receipt's QR)
    status_checking,  // waiting for the server
    status_result,    // the file's stage; a pickup ticket when it is ready
    // The applicants' voice (voice.cpp): the step is in survey() / complaint().
    survey,     // Survei Kepuasan Masyarakat
    complaint,  // Pengaduan
};

enum class Section { requirements, steps, time_cost, legal, product, office };

// How the permit list is browsed: the categories, one category's permits, every permit A-Z,
// or the search with its keyboard.
enum class Browse { categories, category, az, search };

struct CategoryEntry {
    std::string name;  // empty: the permits without a category ("Lainnya / Other")
    int permits = 0;
    bool operator==(const CategoryEntry&) const = default;
};

// A catalog this size fits on one screen: the permit list opens on the search (every permit
// listed under the keyboard). A larger one opens on its categories.
inline constexpr std::size_t kSearchFirstUpTo = 12;
// The search lists at most this many results; the applicant types more to narrow them down.
inline constexpr std::size_t kMaxSearchShown = 20;

// ---- Effects: requests the model wants made -------------------------------------------------

struct RefreshNow {  // fetch office and services again now (after a ticket, back to start)
    bool operator==(const RefreshNow&) const = default;
};
struct SearchPermits {
    std::uint64_t seq = 0;
    std::string query;
    bool operator==(const SearchPermits&) const = default;
};
struct FetchPermit {
    std::uint64_t seq = 0;
    std::string id;
    bool operator==(const FetchPermit&) const = default;
};
struct IssueTicket {
    std::uint64_t seq = 0;
    IssueRequest request;
    std::string idempotency_key;
    bool operator==(const IssueTicket&) const = default;
};
struct PrintTicket {
    IssuedTicket ticket;
    bool operator==(const PrintTicket&) const = default;
};
struct ReportPrint {
    std::int64_t ticket_id = 0;
    std::string status;  // printed | printed_with_warning | failed | not_printed
    std::string problem;
    bool operator==(const ReportPrint&) const = default;
};
// Fetch the permit list and the information of every permit the kiosk does not hold at the
// version in force, to keep browsing it while the server is gone and to follow edits.
struct LoadCatalog {
    std::map<std::string, int> kept;  // permit id -> the version the kiosk holds
    bool operator==(const LoadCatalog&) const = default;
};
// A file's public status (token empty: by number alone).
struct LookupApplication {
    std::uint64_t seq = 0;
    ReceiptCode code;
    bool operator==(const LookupApplication&) const = default;
};
struct IssuePickupTicket {
    std::uint64_t seq = 0;
    ReceiptCode code;
    std::string idempotency_key;
    bool operator==(const IssuePickupTicket&) const = default;
};
struct FetchQuestionnaire {
    std::uint64_t seq = 0;
    bool operator==(const FetchQuestionnaire&) const = default;
};
struct SubmitSurvey {
    std::uint64_t seq = 0;
    SurveySubmission response;
    std::string idempotency_key;
    bool operator==(const SubmitSurvey&) const = default;
};
struct FetchComplaintSetup {
    std::uint64_t seq = 0;
    bool operator==(const FetchComplaintSetup&) const = default;
};
struct FileComplaint {
    std::uint64_t seq = 0;
    ComplaintSubmission complaint;
    std::string idempotency_key;
    bool operator==(const FileComplaint&) const = default;
};
struct PrintComplaintSlip {
    ComplaintSlip slip;
    bool operator==(const PrintComplaintSlip&) const = default;
};
using Effect =
    std::variant<RefreshNow, SearchPermits, FetchPermit, IssueTicket, PrintTicket, ReportPrint,
                 LoadCatalog, LookupApplication, IssuePickupTicket, FetchQuestionnaire,
                 SubmitSurvey, FetchComplaintSetup, FileComplaint, PrintComplaintSlip>;

// ---- State pieces the view reads ------------------------------------------------------------

enum class Loading { idle, loading, failed };

struct ErrorInfo {
    enum class Retry { none, issue, permit, pickup };
    FailureKind kind = FailureKind::unreachable;
    Retry retry = Retry::none;
    Screen back_to = Screen::start;
    std::string detail;  // technical, for logs
};

struct ModelOptions {
    std::chrono::milliseconds idle_timeout{60000};
    Language language = Language::Indonesian;
    // Where the public reaches the office's web pages: the complaint slip's tracking address.
    std::string public_url;
};

struct ModelClocks {
    std::function<std::chrono::steady_clock::time_point()> steady;
    std::function<std::chrono::system_clock::time_point()> wall;
};

class Model {
  public:
    using Steady = std::chrono::steady_clock;

    explicit Model(ModelOptions options = {}, ModelClocks clocks = {},
                   std::function<std::string()> make_key = {});

    // ---- What is shown ----
    Screen screen() const { return screen_; }
    // The screen's name for screenshots and scripts: "start", "start-closed", "permits"...
    std::string screen_key() const;
    Language lang() const { return lang_; }
    std::string_view text(T key) const { return tr(lang_, key); }
    bool online() const { return online_; }
    // The server answered before and cannot be reached now ("Koneksi ke server terputus"),
    // as opposed to never having been reached since the kiosk started.
    bool connection_lost() const { return !online_ && ever_answered_; }
    // Permit information kept from the server, in catalog order (for browsing offline).
    const std::vector<PermitDetail>& cached_permits() const { return cached_permits_; }
    const std::optional<Office>& office() const { return office_; }
    const std::vector<ServiceInfo>& services() const { return services_; }
    const ServiceInfo* find_service(std::string_view id) const;
    // Numbers can be taken: the office is known, open and the server reachable.
    bool can_take_numbers() const;
    std::chrono::system_clock::time_point wall_now() const { return clocks_.wall(); }

    // Permit list: browsing. The whole catalog, A-Z by name (the kiosk's copy, else the
    // server's list), grouped and cut into pages of the size the view last set.
    Browse browse() const { return browse_; }
    const std::vector<PermitSummary>& all_permits() const { return all_permits_; }
    // Every category with its number of permits, A-Z, the one without a name last.
    std::vector<CategoryEntry> categories() const;
    const std::string& category() const { return category_; }
    // The permits browsed: the open category's (Browse::category) or all (Browse::az).
    std::vector<const PermitSummary*> browsed() const;
    int page() const;  // of the permits browsed, from 0
    int category_page() const { return category_page_; }
    int page_count() const;
    std::vector<const PermitSummary*> page_permits() const;
    std::vector<CategoryEntry> page_categories() const;
    int permits_per_page() const { return permits_per_page_; }
    int categories_per_page() const { return categories_per_page_; }
    // The letter a permit is filed under in A-Z ("#" for a digit or sign), and the letters
    // that have permits, in order.
    static std::string letter_of(std::string_view name);
    std::vector<std::string> letters() const;

    // Permit list: search.
    const std::string& query() const { return query_; }
    const std::vector<PermitSummary>& results() const { return results_; }
    Loading results_state() const { return results_state_; }

    // Permit page.
    const std::optional<PermitDetail>& permit() const { return permit_; }
    Loading permit_state() const { return permit_state_; }
    Section section() const { return section_; }
    const std::vector<bool>& ticked() const { return ticked_; }
    int ticked_count() const;
    bool all_ticked() const;
    // Applicant kind, asked first when the permit's requirements differ between an individual
    // and a business (the SOP's "dalam hal permohonan bukan perseorangan").
    Applicant applicant() const { return applicant_; }
    bool needs_applicant() const;
    // Indexes into permit()->requirements: shown to this applicant, and counted as required.
    std::vector<std::size_t> shown_requirements() const;
    std::vector<std::size_t> counted_requirements() const;
    // Informasi until every listed requirement is ticked, then Customer Service: the information
    // desk explains the requirements, CS checks a complete file (docs/front-office.md). A permit
    // whose SOP lists no requirements goes to Informasi.
    std::string proposed_service() const;

    // Priority screen: the service the number will be for, and whether it came from a permit.
    const IssueRequest& pending() const { return pending_; }
    bool from_permit() const { return from_permit_; }
    const std::string& idempotency_key() const { return key_; }

    // Confirmation.
    const std::optional<IssuedTicket>& ticket() const { return ticket_; }
    PrintState print_state() const { return print_state_; }
    const std::string& print_message() const {
        return lang_ == Language::English ? print_en_ : print_id_;
    }

    const ErrorInfo& error() const { return error_; }
    const std::string& closed_message() const { return closed_message_; }

    // ---- Taps (each also counts as activity for the idle timeout) ----
    void toggle_language();
    void open_permit_info();
    void choose_service(const std::string& service_id);  // start screen tile
    void set_query(std::string query);                   // also switches to the search
    void show_categories();
    void show_az();
    void show_search();
    void open_category(const std::string& name);
    void jump_to_letter(const std::string& letter);  // A-Z: the page of its first permit
    void next_page();
    void previous_page();
    // How many rows the view fits on a page (it depends on the orientation); the first row
    // shown stays first.
    void set_page_sizes(int permits, int categories);
    void retry_search();
    void open_permit(const std::string& id);
    void select_section(Section section);
    void toggle_requirement(std::size_t index);
    void choose_applicant(Applicant applicant);
    void change_applicant();  // back to the question
    void take_number_for_permit();
    void select_service(const std::string& service_id);  // priority screen, from a permit
    void choose_priority(Priority priority);             // issues the number
    void retry();                                        // error screen
    void back();
    void go_home();
    void finish();  // confirmation "Done"
    // Any touch, drag or key: keeps the session alive.
    void note_activity();

    // ---- Cek status berkas (application_status.cpp) ----
    const StatusFlow& status() const { return status_; }
    void open_status_check();                   // start screen tile
    void set_status_number(std::string typed);  // on-screen keyboard
    void submit_status_number();                // "Cek" / Enter
    // Keys from a hardware keyboard this frame (text typed, Enter pressed), on any screen: a
    // scan of the receipt's QR code goes straight to the file's status.
    void on_keyboard_input(std::string_view text, bool enter);
    void take_pickup_ticket();  // result screen, when the file is ready and was scanned
    void on_application(std::uint64_t seq, const Result<ApplicationPublic>& reply);
    void on_pickup_ticket(std::uint64_t seq, const Result<PickupIssued>& reply);

    // ---- The applicants' voice (voice.cpp) ----
    // The publication setting: the start screen shows the IKM, grade and Maklumat Pelayanan
    // while it is on.
    const std::optional<Publication>& publication() const { return publication_; }
    bool publication_shown() const { return publication_ && publication_->show_ikm; }
    void on_publication(const Result<Publication>& reply);

    // Survey: one element per screen, the profile, the service; then sent as this kiosk.
    const SurveyFlow& survey() const { return survey_; }
    const std::optional<Questionnaire>& questionnaire() const { return questionnaire_; }
    void open_survey();                                // start screen tile
    void answer_element(int score);                    // 1..4: records it and shows the next step
    void set_survey_age(std::string digits);           // keypad
    void confirm_survey_age();                         // "Lanjut"
    void choose_survey_option(const std::string& id);  // sex, education, occupation
    void choose_survey_service(const std::string& service_id);  // sends the response
    void retry_survey();
    void on_questionnaire(std::uint64_t seq, const Result<Questionnaire>& reply);
    void on_survey_submitted(std::uint64_t seq, const Result<SurveySubmitted>& reply);

    // Complaint: category, text, consent, (name, contact), confirm; then the number and slip.
    const ComplaintFlow& complaint() const { return complaint_; }
    const std::optional<ComplaintSetup>& complaint_setup() const { return complaint_setup_; }
    void open_complaint();  // start screen tile
    void choose_complaint_category(const std::string& id);
    void set_complaint_text(std::string text);  // on-screen keyboard
    void confirm_complaint_text();              // "Lanjut": at least the minimum
    void choose_anonymous();
    void choose_consent();  // name and contact follow
    void set_complaint_name(std::string name);
    void set_complaint_contact(std::string contact);
    void confirm_complaint_name();     // "Lanjut" to the contact
    void confirm_complaint_contact();  // "Lanjut" to the confirmation
    void submit_complaint();
    void retry_complaint();
    // The public tracking page of the filed complaint (empty before).
    std::string complaint_tracking_url() const;
    void on_complaint_setup(std::uint64_t seq, const Result<ComplaintSetup>& reply);
    void on_complaint_filed(std::uint64_t seq, const Result<ComplaintFiled>& reply);
    void on_slip_printed(const PrintReport& report);

    // ---- Replies ----
    void on_office(const Result<Office>& reply);
    void on_services(const Result<std::vector<ServiceInfo>>& reply);
    void on_permits(std::uint64_t seq, const Result<std::vector<PermitSummary>>& reply);
    void on_permit(std::uint64_t seq, const Result<PermitDetail>& reply);
    void on_issued(std::uint64_t seq, const Result<IssuedTicket>& reply);
    void on_printed(const PrintReport& report);
    // The LoadCatalog answer: the list, and the details that could be fetched.
    void on_catalog(const Result<std::vector<PermitSummary>>& list,
                    const std::vector<PermitDetail>& details);
    // The catalog changed on the server (its event, or the event stream connected again after
    // a gap): the list is read again and permits whose version moved are fetched again, so an
    // edit reaches the screen without a restart.
    void on_catalog_changed();

    // ---- Time ----
    // Applies the idle timeout: back to start, the applicant forgotten.
    void tick();
    // When tick() next has something to do (nullopt: nothing pending).
    std::optional<Steady::time_point> next_deadline() const;
    // Whether anything would be forgotten on an idle reset.
    bool has_session() const;

    std::vector<Effect> take_effects();

  private:
    void emit(Effect e) { effects_.push_back(std::move(e)); }
    void touch();
    void reset_session();
    void show_error(const Failure& f, ErrorInfo::Retry retry, Screen back_to);
    void issue_now();
    // A ticket the server issued: shown, printed, the waiting counts refreshed.
    void accept_ticket(const IssuedTicket& ticket);
    void lookup_application(ReceiptCode code, bool scanned);
    void issue_pickup_now();
    std::string status_screen_key() const;
    std::string voice_screen_key() const;
    void survey_back();
    void complaint_back();
    void fetch_questionnaire();
    void send_survey();
    void fetch_complaint_setup();
    void send_complaint();
    void type_into_complaint(std::string_view text);
    Screen home_screen() const;
    // Answers a search or a permit from the cache; false when it holds nothing for it.
    bool search_cached();
    void rebuild_search_catalog();
    void set_all_permits(std::vector<PermitSummary> list);
    void sort_unsearched();
    void start_browsing();
    bool open_cached_permit();
    void cache_permit(const PermitDetail& permit);
    void request_catalog();

    ModelOptions options_;
    ModelClocks clocks_;
    std::function<std::string()> make_key_;

    Screen screen_ = Screen::connecting;
    Language lang_;
    bool online_ = false;
    bool ever_answered_ = false;
    std::optional<Office> office_;
    std::vector<ServiceInfo> services_;
    std::vector<PermitDetail> cached_permits_;
    bool catalog_complete_ = false;
    bool catalog_requested_ = false;
    bool catalog_again_ = false;  // changed while a load was under way: load once more after it

    // The kiosk's copy as a catalog, searched in place of the server once complete: a
    // keystroke then costs no round trip. search_index_[i] is the cached_permits_ index of
    // search_catalog_.permits()[i].
    std::optional<catalog::Catalog> search_catalog_;
    std::vector<std::size_t> search_index_;

    Browse browse_ = Browse::search;
    std::vector<PermitSummary> all_permits_;
    std::string category_;
    int first_ = 0;          // the first permit browsed on the page shown
    int category_page_ = 0;  // of the categories
    int permits_per_page_ = 6;
    int categories_per_page_ = 8;

    std::uint64_t seq_ = 0;
    std::string query_;
    std::uint64_t search_seq_ = 0;
    std::vector<PermitSummary> results_;
    Loading results_state_ = Loading::idle;

    std::uint64_t permit_seq_ = 0;
    std::string permit_id_;
    std::optional<PermitDetail> permit_;
    Loading permit_state_ = Loading::idle;
    Section section_ = Section::requirements;
    std::vector<bool> ticked_;
    Applicant applicant_ = Applicant::unknown;

    IssueRequest pending_;
    IssueRequest last_attempt_;  // what key_ was made for
    bool from_permit_ = false;
    std::string key_;
    std::uint64_t issue_seq_ = 0;

    std::optional<IssuedTicket> ticket_;
    PrintState print_state_ = PrintState::none;
    std::string print_id_, print_en_;

    ErrorInfo error_;
    std::string closed_message_;

    StatusFlow status_;
    ScanDetector scanner_;

    std::optional<Publication> publication_;
    std::optional<Questionnaire> questionnaire_;
    SurveyFlow survey_;
    std::optional<ComplaintSetup> complaint_setup_;
    ComplaintFlow complaint_;

    Steady::time_point last_activity_;
    std::vector<Effect> effects_;
};

// A random 128-bit idempotency key in hex.
std::string random_key();

}  // namespace loket::kiosk
