// The kiosk model's permit pages: browsing by category, A-Z and search, one permit's page,
// and the catalog it keeps for when the server is unreachable.
#include <algorithm>
#include <cctype>
#include <utility>

#include "loket/catalog.hpp"
#include "model.hpp"

namespace loket::kiosk {

// ---- Browsing by category and A-Z -----------------------------------------------------------

namespace {

// A-Z order of names: case-blind on ASCII, which permit names are written in.
std::string sort_key(std::string_view name) {
    std::string key(name);
    for (char& c : key)
        c = char(std::tolower(static_cast<unsigned char>(c)));
    return key;
}

void sort_by_name(std::vector<PermitSummary>& list) {
    std::stable_sort(list.begin(), list.end(), [](const PermitSummary& a, const PermitSummary& b) {
        return sort_key(a.name) < sort_key(b.name);
    });
}

int pages_of(std::size_t items, int per_page) {
    return std::max(1, int((items + std::size_t(per_page) - 1) / std::size_t(per_page)));
}

}  // namespace

std::string Model::letter_of(std::string_view name) {
    for (const char c : name) {
        if (c >= 'a' && c <= 'z')
            return std::string(1, char(c - 'a' + 'A'));
        if (c >= 'A' && c <= 'Z')
            return std::string(1, c);
        if (c != ' ' && c != '"' && c != '(')
            break;
    }
    return "#";
}

void Model::set_all_permits(std::vector<PermitSummary> list) {
    sort_by_name(list);
    all_permits_ = std::move(list);
}

// Nothing typed: the whole list, A-Z like the other ways of browsing it (the catalog's own
// order is its file names').
void Model::sort_unsearched() {
    if (query_.empty())
        sort_by_name(results_);
}

void Model::start_browsing() {
    browse_ = all_permits_.size() > kSearchFirstUpTo ? Browse::categories : Browse::search;
    category_.clear();
    first_ = 0;
    category_page_ = 0;
}

std::vector<CategoryEntry> Model::categories() const {
    std::vector<CategoryEntry> out;
    for (const PermitSummary& p : all_permits_) {
        auto it = std::find_if(out.begin(), out.end(),
                               [&](const CategoryEntry& c) { return c.name == p.category; });
        if (it == out.end())
            out.push_back({p.category, 1});
        else
            ++it->permits;
    }
    std::sort(out.begin(), out.end(), [](const CategoryEntry& a, const CategoryEntry& b) {
        if (a.name.empty() != b.name.empty())
            return b.name.empty();  // "Lainnya / Other" last
        return sort_key(a.name) < sort_key(b.name);
    });
    return out;
}

std::vector<const PermitSummary*> Model::browsed() const {
    std::vector<const PermitSummary*> out;
    for (const PermitSummary& p : all_permits_)
        if (browse_ != Browse::category || p.category == category_)
            out.push_back(&p);
    return out;
}

int Model::page_count() const {
    if (browse_ == Browse::categories)
        return pages_of(categories().size(), categories_per_page_);
    if (browse_ == Browse::search)
        return 1;
    // Pages before the first row shown, and from it to the end (a letter may start mid-page).
    const std::size_t rest = browsed().size() - std::min(browsed().size(), std::size_t(first_));
    return page() + pages_of(rest, permits_per_page_);
}

int Model::page() const {
    return (first_ + permits_per_page_ - 1) / permits_per_page_;
}

std::vector<const PermitSummary*> Model::page_permits() const {
    const std::vector<const PermitSummary*> all = browsed();
    const std::size_t from = std::size_t(first_);
    if (from >= all.size())
        return {};
    const std::size_t to = std::min(all.size(), from + std::size_t(permits_per_page_));
    return {all.begin() + std::ptrdiff_t(from), all.begin() + std::ptrdiff_t(to)};
}

std::vector<CategoryEntry> Model::page_categories() const {
    const std::vector<CategoryEntry> all = categories();
    const std::size_t from = std::size_t(category_page_) * std::size_t(categories_per_page_);
    if (from >= all.size())
        return {};
    const std::size_t to = std::min(all.size(), from + std::size_t(categories_per_page_));
    return {all.begin() + std::ptrdiff_t(from), all.begin() + std::ptrdiff_t(to)};
}

std::vector<std::string> Model::letters() const {
    std::vector<std::string> out;
    for (const PermitSummary& p : all_permits_) {
        std::string l = letter_of(p.name);
        if (std::find(out.begin(), out.end(), l) == out.end())
            out.push_back(std::move(l));
    }
    return out;
}

void Model::show_categories() {
    touch();
    if (screen_ != Screen::permits)
        return;
    browse_ = Browse::categories;
    category_.clear();
}

void Model::show_az() {
    touch();
    if (screen_ != Screen::permits || browse_ == Browse::az)
        return;
    browse_ = Browse::az;
    first_ = 0;
}

void Model::show_search() {
    touch();
    if (screen_ == Screen::permits)
        browse_ = Browse::search;
}

void Model::open_category(const std::string& name) {
    touch();
    if (screen_ != Screen::permits)
        return;
    browse_ = Browse::category;
    category_ = name;
    first_ = 0;
}

void Model::jump_to_letter(const std::string& letter) {
    touch();
    if (screen_ != Screen::permits)
        return;
    browse_ = Browse::az;
    for (std::size_t i = 0; i < all_permits_.size(); ++i) {
        if (letter_of(all_permits_[i].name) == letter) {
            first_ = int(i);  // the letter's first permit heads the page
            return;
        }
    }
}

void Model::next_page() {
    touch();
    if (browse_ == Browse::categories)
        category_page_ = std::min(category_page_ + 1, page_count() - 1);
    else if (std::size_t(first_ + permits_per_page_) < browsed().size())
        first_ += permits_per_page_;
}

void Model::previous_page() {
    touch();
    if (browse_ == Browse::categories)
        category_page_ = std::max(category_page_ - 1, 0);
    else
        first_ = std::max(first_ - permits_per_page_, 0);
}

void Model::set_page_sizes(int permits, int categories) {
    permits = std::max(1, permits);
    categories = std::max(1, categories);
    permits_per_page_ = permits;  // first_ stays: the first row shown stays first
    if (categories != categories_per_page_) {
        category_page_ = category_page_ * categories_per_page_ / categories;
        categories_per_page_ = categories;
    }
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

// ---- Applicant kind (permit page) -----------------------------------------------------------

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

// ---- Catalog and permit replies -------------------------------------------------------------

void Model::request_catalog() {
    catalog_requested_ = true;
    LoadCatalog load;
    for (const PermitDetail& d : cached_permits_)
        load.kept[d.id] = d.version;
    emit(std::move(load));
}

void Model::on_catalog_changed() {
    catalog_complete_ = false;  // until a load confirms every permit's version
    if (catalog_requested_) {
        catalog_again_ = true;  // the load under way may have read the list before the change
        return;
    }
    request_catalog();
}

void Model::on_catalog(const Result<std::vector<PermitSummary>>& list,
                       const std::vector<PermitDetail>& details) {
    catalog_requested_ = false;  // an incomplete catalog is asked for again when back online
    const bool again = std::exchange(catalog_again_, false);
    if (!list.ok())
        return;
    std::vector<PermitDetail> cache;
    std::size_t current = 0;  // permits held at the version in force
    for (const PermitSummary& s : list.value()) {
        const auto fetched = std::find_if(details.begin(), details.end(),
                                          [&](const PermitDetail& d) { return d.id == s.id; });
        const auto kept = std::find_if(cached_permits_.begin(), cached_permits_.end(),
                                       [&](const PermitDetail& d) { return d.id == s.id; });
        if (fetched != details.end())
            cache.push_back(*fetched);
        else if (kept != cached_permits_.end())
            cache.push_back(*kept);  // unchanged, or an older copy when fetching it failed
        else
            continue;
        if (cache.back().version == s.version)
            ++current;
    }
    catalog_complete_ = current == list.value().size();
    cached_permits_ = std::move(cache);
    rebuild_search_catalog();
    // The permit being read was edited: show the new text. Ticks stay only when the
    // requirements they stand for are the same ones.
    if (screen_ == Screen::permit && permit_) {
        const auto fresh = std::find_if(details.begin(), details.end(),
                                        [&](const PermitDetail& d) { return d.id == permit_id_; });
        if (fresh != details.end() && !(*fresh == *permit_)) {
            if (fresh->requirements != permit_->requirements)
                ticked_.assign(fresh->requirements.size(), false);
            permit_ = *fresh;
        }
    }
    // A search on screen is asked again, so renamed or new permits show in its results.
    if (screen_ == Screen::permits && !query_.empty() && (!details.empty() || again)) {
        results_state_ = Loading::loading;
        search_seq_ = ++seq_;
        emit(SearchPermits{search_seq_, query_});
    }
    if (again)
        request_catalog();
    // The server's list may not name categories; the permits' own information does.
    std::vector<PermitSummary> all = list.value();
    for (PermitSummary& s : all) {
        for (const PermitDetail& d : cached_permits_)
            if (d.id == s.id && s.category.empty())
                s.category = d.category;
    }
    set_all_permits(std::move(all));
}

void Model::rebuild_search_catalog() {
    catalog::Catalog catalog;
    search_index_.clear();
    for (std::size_t i = 0; i < cached_permits_.size(); ++i) {
        const PermitDetail& d = cached_permits_[i];
        if (catalog.find(d.id) != nullptr)
            continue;
        catalog::Permit p;
        p.id = d.id;
        p.name = d.name;
        p.short_name = d.short_name;
        p.category = d.category;
        p.product = d.product;
        p.keywords = d.keywords;
        for (const auto& r : d.requirements)
            p.requirements.push_back({r.text, r.source});
        catalog.add(std::move(p));
        search_index_.push_back(i);
    }
    search_catalog_ = std::move(catalog);
}

void Model::cache_permit(const PermitDetail& permit) {
    for (auto& p : cached_permits_) {
        if (p.id == permit.id) {
            p = permit;
            rebuild_search_catalog();
            return;
        }
    }
    cached_permits_.push_back(permit);
    rebuild_search_catalog();
}

bool Model::search_cached() {
    if (cached_permits_.empty() || !search_catalog_)
        return false;
    // The server's own search over what the kiosk keeps, so results match online ones.
    results_.clear();
    const catalog::Permit* first = search_catalog_->permits().data();
    for (const catalog::Permit* p : search_catalog_->search(query_)) {
        const PermitDetail& d = cached_permits_[search_index_[std::size_t(p - first)]];
        results_.push_back({d.id, d.name, d.short_name, d.office, int(d.requirements.size()),
                            int(d.steps.size()), d.category});
    }
    sort_unsearched();
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

void Model::on_permits(std::uint64_t seq, const Result<std::vector<PermitSummary>>& reply) {
    if (seq != search_seq_ || screen_ != Screen::permits)
        return;  // an older search, or the applicant has moved on
    if (reply.ok()) {
        results_ = reply.value();
        sort_unsearched();
        results_state_ = Loading::idle;
        // The whole list, before the kiosk has its own copy: browse that.
        if (query_.empty() && !catalog_complete_) {
            const bool first = all_permits_.empty();
            set_all_permits(results_);
            if (first)
                start_browsing();
        }
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

}  // namespace loket::kiosk
