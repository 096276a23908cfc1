#include "runtime.hpp"

#include <cstdio>
#include <type_traits>

#include "loket/event_names.hpp"

namespace loket::kiosk {
namespace {

template <class T>
bool same_result(const std::optional<Result<T>>& last, const Result<T>& now) {
    if (!last)
        return false;
    if (last->ok() != now.ok())
        return false;
    if (now.ok())
        return last->value() == now.value();
    return last->failure().kind == now.failure().kind;
}

void log_failure(const char* what, const Failure& f) {
    std::fprintf(stderr, "kiosk: %s failed: %s (HTTP %d %s)\n", what, f.message.c_str(), f.status,
                 f.code.c_str());
}

template <class T>
bool unreachable(const Result<T>& r) {
    return !r.ok() && r.failure().kind == FailureKind::unreachable;
}

}  // namespace

Runtime::Runtime(Model& model, RuntimeOptions options, Post post)
    : model_(model), options_(std::move(options)), post_(std::move(post)) {
    printer_ = std::make_unique<TicketPrinter>(options_.printer, options_.print,
                                               options_.printer_timeouts);
}

Runtime::~Runtime() {
    stop();
}

void Runtime::start() {
    std::lock_guard lock(mu_);
    if (started_)
        return;
    started_ = true;
    net_ = std::thread([this] { net_loop(); });
    printer_thread_ = std::thread([this] { print_loop(); });
    timer_ = std::thread([this] { timer_loop(); });
    // Catalog edits arrive as events. Each (re)connection also asks for a check: an edit saved
    // between the first catalog load and the stream's start has no event this kiosk will see.
    net::SseClientOptions events;
    events.url = api_base_url(options_.server.server_url) + "/events";
    events.bearer_token = options_.server.device_key;
    events.server_fingerprint = options_.server.server_fingerprint;
    catalog_events_ = std::make_unique<net::SseClient>(
        events,
        [this](const net::SseEvent& e) {
            if (e.type == protocol::event::catalog_changed)
                post_to_model([](Model& m) { m.on_catalog_changed(); });
        },
        [this](const net::SseStatus& status) {
            if (status.state == net::SseState::connected)
                post_to_model([](Model& m) { m.on_catalog_changed(); });
        });
    catalog_events_->start();
}

void Runtime::stop() {
    if (catalog_events_)
        catalog_events_->stop();  // no callback runs after this returns
    {
        std::lock_guard lock(mu_);
        stopping_ = true;
    }
    net_cv_.notify_all();
    print_cv_.notify_all();
    timer_cv_.notify_all();
    for (std::thread* t : {&net_, &printer_thread_, &timer_})
        if (t->joinable())
            t->join();
    alive_.reset();  // tasks already posted find the runtime gone and do nothing
}

void Runtime::post_to_model(std::function<void(Model&)> apply) {
    std::weak_ptr<int> alive = alive_;
    post_([this, alive, apply = std::move(apply)] {
        if (alive.expired())
            return;
        apply(model_);
        dispatch();
    });
}

void Runtime::add_job(JobKind kind, Job job) {
    {
        std::lock_guard lock(mu_);
        if (kind == JobKind::search) {
            // Only the newest search matters: the model ignores replies to older ones.
            std::erase_if(jobs_, [](const auto& j) { return j.first == JobKind::search; });
        }
        jobs_.emplace_back(kind, std::move(job));
    }
    net_cv_.notify_all();
}

// Runs one effect of the model: questions to the server go to the network worker, tickets and
// slips to the print worker. One call operator per kind of effect, for std::visit.
struct Runtime::EffectRunner {
    Runtime& rt;

    void operator()(const RefreshNow&) const { rt.request_refresh(); }
    void operator()(const SearchPermits& s) const {
        ask(
            JobKind::search, "permit search", [s](ServerClient& c) { return c.permits(s.query); },
            [s](Model& m, const auto& reply) { m.on_permits(s.seq, reply); });
    }
    void operator()(const FetchPermit& f) const {
        ask(
            JobKind::other, "permit", [f](ServerClient& c) { return c.permit(f.id); },
            [f](Model& m, const auto& reply) { m.on_permit(f.seq, reply); });
    }
    void operator()(const IssueTicket& i) const {
        ask(
            JobKind::other, "issuing a ticket",
            [i](ServerClient& c) { return c.issue(i.request, i.idempotency_key); },
            [i](Model& m, const auto& reply) { m.on_issued(i.seq, reply); });
    }
    void operator()(const PrintTicket& p) const { queue_print(p.ticket); }
    void operator()(const LoadCatalog& load) const;
    void operator()(const LookupApplication& l) const {
        ask(
            JobKind::other, "application status",
            [l](ServerClient& c) { return c.application_status(l.code.number, l.code.token); },
            [l](Model& m, const auto& reply) { m.on_application(l.seq, reply); });
    }
    void operator()(const IssuePickupTicket& p) const {
        ask(
            JobKind::other, "issuing a pickup ticket",
            [p](ServerClient& c) {
                return c.pickup_ticket(p.code.number, p.code.token, p.idempotency_key);
            },
            [p](Model& m, const auto& reply) { m.on_pickup_ticket(p.seq, reply); });
    }
    void operator()(const FetchQuestionnaire& q) const {
        ask(
            JobKind::other, "loading the survey", [](ServerClient& c) { return c.questionnaire(); },
            [q](Model& m, const auto& reply) { m.on_questionnaire(q.seq, reply); });
    }
    void operator()(const SubmitSurvey& s) const {
        ask(
            JobKind::other, "sending a survey response",
            [s](ServerClient& c) { return c.submit_survey(s.response, s.idempotency_key); },
            [s](Model& m, const auto& reply) { m.on_survey_submitted(s.seq, reply); });
    }
    void operator()(const FetchComplaintSetup& c) const {
        ask(
            JobKind::other, "loading the complaint categories",
            [](ServerClient& client) { return client.complaint_setup(); },
            [c](Model& m, const auto& reply) { m.on_complaint_setup(c.seq, reply); });
    }
    void operator()(const FileComplaint& c) const {
        ask(
            JobKind::other, "filing a complaint",
            [c](ServerClient& client) {
                return client.file_complaint(c.complaint, c.idempotency_key);
            },
            [c](Model& m, const auto& reply) { m.on_complaint_filed(c.seq, reply); });
    }
    void operator()(const PrintComplaintSlip& p) const { queue_print(p.slip); }
    void operator()(const ReportPrint& r) const;

    // A failed reply is logged; an unreachable server makes the poller look at once, so the
    // kiosk learns whether the server is gone.
    template <class T>
    static void note_failure(Runtime& rt, const char* what, const Result<T>& reply) {
        if (!reply.ok())
            log_failure(what, reply.failure());
        if (unreachable(reply))
            rt.request_refresh();
    }

    // On the network worker: `call` asks the server, a failure is noted as `what`, and `apply`
    // hands the reply to the model on the UI thread.
    template <class Call, class Apply>
    void ask(JobKind kind, const char* what, Call call, Apply apply) const {
        Runtime* runtime = &rt;
        rt.add_job(kind, [runtime, what, call, apply](ServerClient& client) {
            auto reply = call(client);
            note_failure(*runtime, what, reply);
            runtime->post_to_model(
                [apply, reply = std::move(reply)](Model& m) { apply(m, reply); });
        });
    }

    void queue_print(std::variant<IssuedTicket, ComplaintSlip> job) const {
        {
            std::lock_guard lock(rt.mu_);
            rt.prints_.push_back(std::move(job));
        }
        rt.print_cv_.notify_all();
    }
};

// After connecting, all of the catalog; after an edit, the list and the permits whose version
// moved (one or a few small GETs).
void Runtime::EffectRunner::operator()(const LoadCatalog& load) const {
    Runtime* runtime = &rt;
    rt.add_job(JobKind::other, [runtime, load](ServerClient& client) {
        auto list = client.permits("");
        note_failure(*runtime, "loading the permit catalog", list);
        std::vector<PermitDetail> details;
        if (list.ok()) {
            for (const PermitSummary& s : list.value()) {
                const auto kept = load.kept.find(s.id);
                if (kept != load.kept.end() && kept->second == s.version)
                    continue;
                auto detail = client.permit(s.id);
                if (!detail.ok()) {
                    note_failure(*runtime, "loading the permit catalog", detail);
                    break;
                }
                details.push_back(detail.value());
            }
        }
        runtime->post_to_model([list = std::move(list), details = std::move(details)](Model& m) {
            m.on_catalog(list, details);
        });
    });
}

void Runtime::EffectRunner::operator()(const ReportPrint& r) const {
    Runtime* runtime = &rt;
    rt.add_job(JobKind::other, [runtime, r](ServerClient& client) {
        const auto reply = client.report_print(r.ticket_id, r.status, r.problem);
        if (!reply.ok()) {
            log_failure("reporting the print outcome", reply.failure());
            runtime->unreported_.push_back(r);  // sent again after the next good poll
        }
    });
}

void Runtime::dispatch() {
    if (!alive_)
        return;
    for (Effect& effect : model_.take_effects())
        std::visit(EffectRunner{*this}, effect);
}

void Runtime::request_refresh() {
    {
        std::lock_guard lock(mu_);
        refresh_ = true;
    }
    net_cv_.notify_all();
}

void Runtime::wake_at(std::optional<std::chrono::steady_clock::time_point> when) {
    {
        std::lock_guard lock(mu_);
        if (wake_ == when)
            return;
        wake_ = when;
    }
    timer_cv_.notify_all();
}

void Runtime::net_loop() {
    ServerClient client(options_.server);
    ServerClientOptions poll_options = options_.server;
    poll_options.retries = 1;  // one quick retry: a single lost request is not "offline"
    ServerClient poller(poll_options);
    auto next_poll = std::chrono::steady_clock::now();
    for (;;) {
        Job job;
        bool do_poll = false;
        {
            std::unique_lock lock(mu_);
            net_cv_.wait_until(lock, next_poll,
                               [this] { return stopping_ || !jobs_.empty() || refresh_; });
            if (stopping_)
                return;
            if (!jobs_.empty()) {
                job = std::move(jobs_.front().second);
                jobs_.pop_front();
            } else if (refresh_ || std::chrono::steady_clock::now() >= next_poll) {
                refresh_ = false;
                do_poll = true;
            }
        }
        if (job) {
            job(client);
            continue;
        }
        if (do_poll) {
            const bool ok = poll(poller);
            next_poll = std::chrono::steady_clock::now() +
                        (ok ? options_.poll_interval : options_.offline_retry);
        }
    }
}

bool Runtime::poll(ServerClient& poller) {
    auto office = poller.office();
    if (!same_result(last_office_, office)) {
        if (!office.ok())
            log_failure("reaching the queue server", office.failure());
        else if (last_office_ && !last_office_->ok())
            std::fprintf(stderr, "kiosk: the queue server answers again\n");
        last_office_ = office;
        post_to_model([office](Model& m) { m.on_office(office); });
    }
    if (!office.ok())
        return false;
    auto services = poller.services();
    if (!same_result(last_services_, services)) {
        last_services_ = services;
        post_to_model([services](Model& m) { m.on_services(services); });
    }
    // What the start screen publishes; it changes with the settings and each response.
    auto publication = poller.publication();
    if (!same_result(last_publication_, publication)) {
        last_publication_ = publication;
        post_to_model([publication](Model& m) { m.on_publication(publication); });
    }
    // Print outcomes the server missed while it was away.
    std::vector<ReportPrint> pending;
    pending.swap(unreported_);
    for (const auto& r : pending)
        if (!poller.report_print(r.ticket_id, r.status, r.problem).ok())
            unreported_.push_back(r);
    return true;
}

void Runtime::print_loop() {
    for (;;) {
        std::variant<IssuedTicket, ComplaintSlip> job;
        {
            std::unique_lock lock(mu_);
            print_cv_.wait(lock, [this] { return stopping_ || !prints_.empty(); });
            if (stopping_)
                return;
            job = std::move(prints_.front());
            prints_.pop_front();
        }
        if (const auto* slip = std::get_if<ComplaintSlip>(&job)) {
            const PrintReport report = printer_->print(*slip);
            if (report.state == PrintState::failed)
                std::fprintf(stderr, "kiosk: complaint slip %s not printed: %s\n",
                             slip->tracking_number.c_str(), report.problem.c_str());
            post_to_model([report](Model& m) { m.on_slip_printed(report); });
            continue;
        }
        const IssuedTicket& ticket = std::get<IssuedTicket>(job);
        const PrintReport report = printer_->print(ticket);
        if (report.state == PrintState::failed)
            std::fprintf(stderr, "kiosk: ticket %s not printed: %s\n", ticket.number.c_str(),
                         report.problem.c_str());
        post_to_model([report](Model& m) { m.on_printed(report); });
    }
}

void Runtime::timer_loop() {
    std::unique_lock lock(mu_);
    while (!stopping_) {
        if (!wake_) {
            timer_cv_.wait(lock);
            continue;
        }
        const auto when = *wake_;
        if (timer_cv_.wait_until(lock, when) == std::cv_status::timeout && wake_ == when) {
            wake_.reset();
            std::weak_ptr<int> alive = alive_;
            lock.unlock();
            post_([this, alive] {
                if (alive.expired())
                    return;
                if (on_wake_)
                    on_wake_();
                model_.tick();
                dispatch();
            });
            lock.lock();
        }
    }
}

}  // namespace loket::kiosk
