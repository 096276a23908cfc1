#pragma once
// Runs the model's effects: a network worker (one ServerClient for the applicant's requests,
// one without retries for background polling of office hours and waiting counts), a print
// worker, and a timer for the idle timeout and the clock. Replies come back to the UI thread
// through `post`, where they are applied to the model; the model is never touched elsewhere.
//
// Polling posts a reply only when it differs from the last one posted, so an idle kiosk does
// not redraw for unchanged figures. While the server is unreachable it polls more often and
// the model recovers by itself when an answer comes. The server's event stream tells it when
// the catalog changed, so an edited permit reaches the screen within a second.
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <variant>

#include "loket/sse.hpp"
#include "model.hpp"
#include "printing.hpp"
#include "server_client.hpp"

namespace loket::kiosk {

struct RuntimeOptions {
    ServerClientOptions server;
    std::chrono::milliseconds poll_interval{5000};
    std::chrono::milliseconds offline_retry{2000};
    std::string printer = "none";
    TicketPrintSettings print;
    print::Timeouts printer_timeouts;
};

class Runtime {
  public:
    using Task = std::function<void()>;
    using Post = std::function<void(Task)>;  // runs the task on the UI thread

    // Throws loket::InputError for a bad printer spec.
    Runtime(Model& model, RuntimeOptions options, Post post);
    ~Runtime();
    Runtime(const Runtime&) = delete;
    Runtime& operator=(const Runtime&) = delete;

    void start();
    // Joins the workers; replies still queued on the UI thread are dropped safely.
    void stop();

    // --- UI thread ---
    // Hands the model's pending effects to the workers.
    void dispatch();
    // Posts on_wake at `when` (replacing any earlier wake-up; nullopt cancels).
    void wake_at(std::optional<std::chrono::steady_clock::time_point> when);
    void set_on_wake(Task on_wake) { on_wake_ = std::move(on_wake); }

  private:
    using Job = std::function<void(ServerClient&)>;
    enum class JobKind { search, other };
    struct EffectRunner;  // what dispatch() does with each kind of effect
    void post_to_model(std::function<void(Model&)> apply);
    void add_job(JobKind kind, Job job);
    void request_refresh();
    void net_loop();
    bool poll(ServerClient& poller);
    void print_loop();
    void timer_loop();

    Model& model_;
    RuntimeOptions options_;
    Post post_;
    Task on_wake_;
    std::shared_ptr<int> alive_ = std::make_shared<int>(0);
    std::unique_ptr<TicketPrinter> printer_;

    std::mutex mu_;
    std::condition_variable net_cv_, print_cv_, timer_cv_;
    bool stopping_ = false, started_ = false;
    std::deque<std::pair<JobKind, Job>> jobs_;
    bool refresh_ = false;
    std::deque<std::variant<IssuedTicket, ComplaintSlip>> prints_;
    std::optional<std::chrono::steady_clock::time_point> wake_;

    // Net thread only.
    std::optional<Result<Office>> last_office_;
    std::optional<Result<std::vector<ServiceInfo>>> last_services_;
    std::optional<Result<Publication>> last_publication_;
    std::vector<ReportPrint> unreported_;

    std::thread net_, printer_thread_, timer_;
    std::unique_ptr<net::SseClient> catalog_events_;  // the server's events, for catalog.changed
};

}  // namespace loket::kiosk
