#include "model.hpp"

#include <algorithm>
#include <random>

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
    lang_ = lang_ == Lang::id ? Lang::en : Lang::id;
}

void Model::open_permit_info() {
    touch();
    screen_ = Screen::permits;
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
    pending_ = IssueRequest{service_id, Priority::none, ""};
    from_permit_ = false;
    screen_ = Screen::priority;
}

void Model::set_query(std::string query) {
    touch();
    if (screen_ != Screen::permits || query == query_)
        return;
    query_ = std::move(query);
    results_state_ = Loading::loading;
    search_seq_ = ++seq_;
    if (!online_ && search_cached())
        return;
    emit(SearchPermits{search_seq_, query_});
}

void Model::retry_search() {
    touch();
    if (screen_ != Screen::permits)
        return;
    results_state_ = Loading::loading;
    search_seq_ = ++seq_;
    if (!online_ && search_cached())
        return;
    emit(SearchPermits{search_seq_, query_});
}

void Model::open_permit(const std::string& id) {
    touch();
    permit_id_ = id;
    permit_.reset();
    permit_state_ = Loading::loading;
    section_ = Section::requirements;
    ticked_.clear();
    applicant_ = Applicant::unknown;
    screen_ = Screen::permit;
    permit_seq_ = ++seq_;
    if (!online_ && open_cached_permit())
        return;
    emit(FetchPermit{permit_seq_, id});
}

void Model::select_section(Section section) {
    touch();
    section_ = section;
}

void Model::toggle_requirement(std::size_t index) {
    touch();
    if (screen_ != Screen::permit || index >= ticked_.size())
        return;
    ticked_[index] = !ticked_[index];
}

// ---- Applicant kind (permit page) ----------------------------------------------------------

bool Model::needs_applicant() const {
    return permit_ && applicant_ == Applicant::unknown &&
           requirements_depend_on_applicant(*permit_);
}

std::vector<std::size_t> Model::shown_requirements() const {
    return permit_ ? kiosk::shown_requirements(*permit_, applicant_) : std::vector<std::size_t>{};
}

std::vector<std::size_t> Model::counted_requirements() const {
    return permit_ ? kiosk::counted_requirements(*permit_, applicant_) : std::vector<std::size_t>{};
}

void Model::choose_applicant(Applicant applicant) {
    touch();
    if (screen_ != Screen::permit || !permit_)
        return;
    applicant_ = applicant;
    // A requirement that no longer applies is not carried along ticked.
    for (std::size_t i = 0; i < ticked_.size() && i < permit_->requirements.size(); ++i) {
        if (requirement_fit(permit_->requirements[i], applicant_) == RequirementFit::not_applicable)
            ticked_[i] = false;
    }
}

void Model::change_applicant() {
    touch();
    if (screen_ == Screen::permit)
        applicant_ = Applicant::unknown;
}

// ---- Taking a number ------------------------------------------------------------------------

void Model::take_number_for_permit() {
    touch();
    if (screen_ != Screen::permit || !permit_ || !can_take_numbers())
        return;
    pending_ = IssueRequest{proposed_service(), Priority::none, permit_->id};
    from_permit_ = true;
    screen_ = Screen::priority;
}

void Model::select_service(const std::string& service_id) {
    touch();
    if (screen_ == Screen::priority)
        pending_.service = service_id;
}

void Model::choose_priority(Priority priority) {
    touch();
    if (screen_ != Screen::priority || !can_take_numbers())
        return;
    pending_.priority = priority;
    // A new tap gets a new key, except the same request tapped again after a failure: its
    // first attempt may have made a ticket whose reply was lost, so the key is kept.
    if (key_.empty() || !(pending_ == last_attempt_))
        key_ = make_key_();
    last_attempt_ = pending_;
    issue_now();
}

void Model::issue_now() {
    issue_seq_ = ++seq_;
    screen_ = Screen::issuing;
    emit(IssueTicket{issue_seq_, pending_, key_});
}

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
        if (!catalog_complete_ && !catalog_requested_) {
            catalog_requested_ = true;
            emit(LoadCatalog{});
        }
        if (screen_ == Screen::connecting || screen_ == Screen::offline)
            screen_ = Screen::start;
        return;
    }
    online_ = false;
    if (screen_ == Screen::connecting || screen_ == Screen::start)
        screen_ = Screen::offline;
}

void Model::on_catalog(const Result<std::vector<PermitSummary>>& list,
                       const std::vector<PermitDetail>& details) {
    catalog_requested_ = false;  // an incomplete catalog is asked for again when back online
    if (!list.ok())
        return;
    std::vector<PermitDetail> cache;
    for (const PermitSummary& s : list.value()) {
        const auto fetched = std::find_if(details.begin(), details.end(),
                                          [&](const PermitDetail& d) { return d.id == s.id; });
        const auto kept = std::find_if(cached_permits_.begin(), cached_permits_.end(),
                                       [&](const PermitDetail& d) { return d.id == s.id; });
        if (fetched != details.end())
            cache.push_back(*fetched);
        else if (kept != cached_permits_.end())
            cache.push_back(*kept);
    }
    catalog_complete_ = cache.size() == list.value().size();
    cached_permits_ = std::move(cache);
}

void Model::cache_permit(const PermitDetail& permit) {
    for (auto& p : cached_permits_) {
        if (p.id == permit.id) {
            p = permit;
            return;
        }
    }
    cached_permits_.push_back(permit);
}

bool Model::search_cached() {
    if (cached_permits_.empty())
        return false;
    // The server's own search over what the kiosk keeps, so results match online ones.
    Catalog catalog;
    for (const PermitDetail& d : cached_permits_) {
        if (catalog.find(d.id) != nullptr)
            continue;
        Permit p;
        p.id = d.id;
        p.name = d.name;
        p.short_name = d.short_name;
        p.product = d.product;
        p.keywords = d.keywords;
        for (const auto& r : d.requirements)
            p.requirements.push_back({r.text, r.source});
        catalog.add(std::move(p));
    }
    results_.clear();
    for (const Permit* p : catalog.search(query_)) {
        for (const PermitDetail& d : cached_permits_) {
            if (d.id == p->id) {
                results_.push_back({d.id, d.name, d.short_name, d.office,
                                    int(d.requirements.size()), int(d.steps.size())});
                break;
            }
        }
    }
    results_state_ = Loading::idle;
    return true;
}

bool Model::open_cached_permit() {
    for (const PermitDetail& d : cached_permits_) {
        if (d.id == permit_id_) {
            permit_ = d;
            ticked_.assign(d.requirements.size(), false);
            permit_state_ = Loading::idle;
            return true;
        }
    }
    return false;
}

void Model::on_services(const Result<std::vector<ServiceInfo>>& reply) {
    if (reply.ok())
        services_ = reply.value();
    // A failed refresh keeps the last figures; the office poll decides online/offline.
}

void Model::on_permits(std::uint64_t seq, const Result<std::vector<PermitSummary>>& reply) {
    if (seq != search_seq_ || screen_ != Screen::permits)
        return;  // an older search, or the applicant has moved on
    if (reply.ok()) {
        results_ = reply.value();
        results_state_ = Loading::idle;
        return;
    }
    if (reply.failure().kind == FailureKind::unreachable && search_cached())
        return;
    results_state_ = Loading::failed;
}

void Model::on_permit(std::uint64_t seq, const Result<PermitDetail>& reply) {
    if (seq != permit_seq_ || screen_ != Screen::permit)
        return;
    if (reply.ok()) {
        permit_ = reply.value();
        cache_permit(*permit_);
        ticked_.assign(permit_->requirements.size(), false);
        permit_state_ = Loading::idle;
        return;
    }
    if (reply.failure().kind == FailureKind::unreachable && open_cached_permit())
        return;
    permit_state_ = Loading::failed;
    show_error(reply.failure(), ErrorInfo::Retry::permit, Screen::permits);
}

void Model::on_issued(std::uint64_t seq, const Result<IssuedTicket>& reply) {
    if (seq != issue_seq_ || screen_ != Screen::issuing) {
        // The screen was reset before the reply came: nobody is there to take the ticket.
        if (reply.ok())
            emit(ReportPrint{reply.value().id, "not_printed",
                             "the kiosk was reset before the ticket arrived"});
        return;
    }
    if (reply.ok()) {
        key_.clear();
        last_attempt_ = {};
        accept_ticket(reply.value());
        return;
    }
    const Failure& f = reply.failure();
    if (f.kind == FailureKind::office_closed) {
        closed_message_ = f.message;
        screen_ = Screen::closed;
        key_.clear();
        last_attempt_ = {};
        emit(RefreshNow{});
        return;
    }
    show_error(f, ErrorInfo::Retry::issue, Screen::priority);
}

void Model::accept_ticket(const IssuedTicket& ticket) {
    ticket_ = ticket;
    print_state_ = PrintState::printing;
    print_id_.clear();
    print_en_.clear();
    screen_ = Screen::ticket;
    touch();  // the applicant gets the full timeout to read (or photograph) the ticket
    emit(PrintTicket{*ticket_});
    emit(RefreshNow{});
}

void Model::on_printed(const PrintReport& report) {
    // The server hears about every outcome, whoever is at the screen now.
    emit(ReportPrint{report.ticket_id, report.server_status, report.problem});
    if (!ticket_ || ticket_->id != report.ticket_id)
        return;
    print_state_ = report.state;
    print_id_ = report.message_id;
    print_en_ = report.message_en;
    if (report.state == PrintState::failed || report.state == PrintState::no_printer)
        touch();  // time to photograph the screen
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
