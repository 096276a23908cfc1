#include "model.hpp"

#include <random>
#include <utility>

#include "loket/catalog.hpp"

namespace loket::kiosk {

std::string random_key() {
    static thread_local std::mt19937_64 rng{std::random_device{}()};
    static const char* kHex = "0123456789abcdef";
    std::string key;
    for (int word = 0; word < 2; ++word) {
        std::uint64_t v = rng();
        for (int i = 0; i < 16; ++i, v >>= 4)
            key += kHex[v & 0xF];
    }
    return key;
}

Model::Model(ModelOptions options, ModelClocks clocks, std::function<std::string()> make_key)
    : options_(options),
      clocks_(std::move(clocks)),
      make_key_(std::move(make_key)),
      lang_(options.language) {
    if (!clocks_.steady)
        clocks_.steady = [] { return Steady::now(); };
    if (!clocks_.wall)
        clocks_.wall = [] { return std::chrono::system_clock::now(); };
    if (!make_key_)
        make_key_ = random_key;
    last_activity_ = clocks_.steady();
}

std::string Model::screen_key() const {
    switch (screen_) {
        case Screen::connecting:
            return "connecting";
        case Screen::offline:
            return "offline";
        case Screen::start:
            return office_ && !office_->open ? "start-closed" : "start";
        case Screen::permits:
            return "permits";
        case Screen::permit:
            return "permit";
        case Screen::priority:
            return "priority";
        case Screen::issuing:
            return "issuing";
        case Screen::ticket:
            switch (print_state_) {
                case PrintState::printed:
                case PrintState::printed_with_warning:
                    return "ticket-printed";
                case PrintState::failed:
                    return "ticket-print-failed";
                case PrintState::no_printer:
                    return "ticket-no-printer";
                case PrintState::none:
                case PrintState::printing:
                    break;
            }
            return "ticket";
        case Screen::error:
            return "error";
        case Screen::closed:
            return "closed";
        case Screen::status_entry:
        case Screen::status_checking:
        case Screen::status_result:
            return status_screen_key();
        case Screen::survey:
        case Screen::complaint:
            return voice_screen_key();
    }
    return "unknown";
}

const ServiceInfo* Model::find_service(std::string_view id) const {
    for (const auto& s : services_)
        if (s.id == id)
            return &s;
    return nullptr;
}

bool Model::can_take_numbers() const {
    return online_ && office_ && office_->open;
}

// Only the requirements that apply to the applicant count towards "complete"; until the
// applicant has said how they apply, a permit whose requirements depend on it is not complete.
int Model::ticked_count() const {
    int n = 0;
    for (std::size_t i : counted_requirements())
        n += i < ticked_.size() && ticked_[i] ? 1 : 0;
    return n;
}

bool Model::all_ticked() const {
    const std::vector<std::size_t> counted = counted_requirements();
    return !needs_applicant() && !counted.empty() && ticked_count() == int(counted.size());
}

std::string Model::proposed_service() const {
    return all_ticked() ? "customer_service" : "informasi";
}

bool Model::has_session() const {
    return !(screen_ == Screen::start || screen_ == Screen::connecting ||
             screen_ == Screen::offline) ||
           lang_ != options_.language;
}

Screen Model::home_screen() const {
    if (online_)
        return Screen::start;
    return ever_answered_ ? Screen::offline : (office_ ? Screen::offline : Screen::connecting);
}

void Model::touch() {
    last_activity_ = clocks_.steady();
}

void Model::note_activity() {
    touch();
}

// ---- Taps -----------------------------------------------------------------------------------

void Model::toggle_language() {
    touch();
    lang_ = lang_ == Language::Indonesian ? Language::English : Language::Indonesian;
}

void Model::open_permit_info() {
    touch();
    screen_ = Screen::permits;
    start_browsing();
    query_.clear();
    results_state_ = Loading::loading;
    search_seq_ = ++seq_;
    if (!online_ && search_cached())
        return;
    emit(SearchPermits{search_seq_, query_});
}

void Model::choose_service(const std::string& service_id) {
    touch();
    if (screen_ != Screen::start || !can_take_numbers())
        return;
    pending_ = IssueRequest{service_id, Priority::None, ""};
    from_permit_ = false;
    screen_ = Screen::priority;
}

void Model::set_query(std::string query) {
    touch();
    if (screen_ != Screen::permits)
        return;
    browse_ = Browse::search;
    if (query == query_)
        return;
    query_ = std::move(query);
    results_state_ = Loading::loading;
    search_seq_ = ++seq_;
    if (!online_ && search_cached())
        return;
    emit(SearchPermits{search_seq_, query_});
}

// ---- Retry, back, home and the session's end ------------------------------------------------

void Model::retry() {
    touch();
    if (screen_ != Screen::error)
        return;
    switch (error_.retry) {
        case ErrorInfo::Retry::issue:
            issue_now();  // the same key: a retry never makes a second ticket
            return;
        case ErrorInfo::Retry::permit:
            open_permit(permit_id_);
            return;
        case ErrorInfo::Retry::pickup:
            issue_pickup_now();  // the same key: never a second pickup ticket
            return;
        case ErrorInfo::Retry::none:
            break;
    }
    back();
}

void Model::back() {
    touch();
    switch (screen_) {
        case Screen::permits:
            if (browse_ == Browse::category) {
                browse_ = Browse::categories;  // a category's list: back to the categories
                category_.clear();
                return;
            }
            screen_ = home_screen();
            query_.clear();
            results_.clear();
            results_state_ = Loading::idle;
            return;
        case Screen::permit:
            screen_ = Screen::permits;
            permit_.reset();
            ticked_.clear();
            if (results_.empty() && results_state_ != Loading::loading) {
                results_state_ = Loading::loading;
                search_seq_ = ++seq_;
                if (!online_ && search_cached())
                    return;
                emit(SearchPermits{search_seq_, query_});
            }
            return;
        case Screen::priority:
            screen_ = from_permit_ && permit_ ? Screen::permit : home_screen();
            return;
        case Screen::error:
            screen_ = error_.back_to;
            if (screen_ == Screen::permits && results_.empty()) {
                results_state_ = Loading::loading;
                search_seq_ = ++seq_;
                emit(SearchPermits{search_seq_, query_});
            }
            return;
        case Screen::ticket:
        case Screen::closed:
            reset_session();
            return;
        case Screen::status_entry:
            screen_ = home_screen();
            status_ = {};
            return;
        case Screen::status_checking:
        case Screen::status_result:
            screen_ = Screen::status_entry;  // the number stays, to correct it
            status_.seq = 0;
            status_.result.reset();
            status_.problem = StatusProblem::none;
            return;
        case Screen::survey:
            survey_back();
            return;
        case Screen::complaint:
            complaint_back();
            return;
        case Screen::start:
        case Screen::connecting:
        case Screen::offline:
        case Screen::issuing:
            return;
    }
}

void Model::go_home() {
    reset_session();
    touch();
}

void Model::finish() {
    go_home();
}

void Model::reset_session() {
    screen_ = home_screen();
    lang_ = options_.language;
    query_.clear();
    results_.clear();
    results_state_ = Loading::idle;
    browse_ = Browse::search;
    category_.clear();
    first_ = 0;
    category_page_ = 0;
    search_seq_ = 0;
    permit_seq_ = 0;
    permit_id_.clear();
    permit_.reset();
    permit_state_ = Loading::idle;
    section_ = Section::requirements;
    ticked_.clear();
    applicant_ = Applicant::unknown;
    pending_ = {};
    last_attempt_ = {};
    from_permit_ = false;
    key_.clear();
    issue_seq_ = 0;
    ticket_.reset();
    print_state_ = PrintState::none;
    print_id_.clear();
    print_en_.clear();
    error_ = {};
    closed_message_.clear();
    status_ = {};
    // Nothing of an unfinished survey or complaint is kept, and nothing of it was sent.
    survey_ = {};
    complaint_ = {};
    emit(RefreshNow{});
}

void Model::show_error(const Failure& f, ErrorInfo::Retry retry, Screen back_to) {
    // online_ follows the office poll only (the runtime polls at once after such a failure).
    error_ = ErrorInfo{f.kind, retry, back_to, f.message};
    screen_ = Screen::error;
}

// ---- Replies --------------------------------------------------------------------------------

void Model::on_office(const Result<Office>& reply) {
    if (reply.ok()) {
        office_ = reply.value();
        online_ = true;
        ever_answered_ = true;
        if (!catalog_complete_ && !catalog_requested_)
            request_catalog();
        if (screen_ == Screen::connecting || screen_ == Screen::offline)
            screen_ = Screen::start;
        return;
    }
    online_ = false;
    if (screen_ == Screen::connecting || screen_ == Screen::start)
        screen_ = Screen::offline;
}

void Model::on_services(const Result<std::vector<ServiceInfo>>& reply) {
    if (reply.ok())
        services_ = reply.value();
    // A failed refresh keeps the last figures; the office poll decides online/offline.
}

// ---- Time -----------------------------------------------------------------------------------

void Model::tick() {
    if (!has_session())
        return;
    if (clocks_.steady() - last_activity_ >= options_.idle_timeout)
        reset_session();
}

std::optional<Model::Steady::time_point> Model::next_deadline() const {
    if (!has_session())
        return std::nullopt;
    return last_activity_ + options_.idle_timeout;
}

std::vector<Effect> Model::take_effects() {
    std::vector<Effect> out;
    out.swap(effects_);
    return out;
}

}  // namespace loket::kiosk
