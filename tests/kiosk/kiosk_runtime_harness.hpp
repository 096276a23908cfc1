#pragma once
// The kiosk's model and runtime (its network, printing and timer workers) in-process against
// a real server, with the test thread playing the UI thread; and today's tickets as a
// supervisor sees them.
#include <chrono>
#include <deque>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "api_client.hpp"
#include "model.hpp"
#include "runtime.hpp"

namespace loket::kiosk::testing {

using namespace std::chrono_literals;
using loket::testing::ApiClient;
using loket::testing::kKioskKey;
using loket::testing::ServerProcess;

class Harness {
  public:
    Harness(const std::string& url, const std::string& printer,
            std::chrono::milliseconds idle = 60s)
        : model_(ModelOptions{idle, Language::Indonesian, ""}),
          runtime_(model_, options(url, printer), [this](Runtime::Task t) {
              std::lock_guard lock(mu_);
              tasks_.push_back(std::move(t));
          }) {
        runtime_.start();
    }
    ~Harness() { runtime_.stop(); }

    Model& model() { return model_; }
    // Runs posted tasks (as the UI thread would) until pred holds.
    template <class P>
    bool until(P pred, std::chrono::milliseconds timeout = 15s) {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        while (std::chrono::steady_clock::now() < deadline) {
            std::deque<Runtime::Task> todo;
            {
                std::lock_guard lock(mu_);
                todo.swap(tasks_);
            }
            for (auto& t : todo)
                t();
            runtime_.dispatch();
            runtime_.wake_at(model_.next_deadline());
            if (pred())
                return true;
            std::this_thread::sleep_for(10ms);
        }
        return false;
    }
    template <class F>
    void tap(F f) {
        f(model_);
        runtime_.dispatch();
    }

  private:
    static RuntimeOptions options(const std::string& url, const std::string& printer) {
        RuntimeOptions o;
        o.server.server_url = url;
        o.server.device_key = kKioskKey;
        o.server.connect_timeout_ms = 1000;
        o.server.timeout_ms = 3000;
        o.server.backoff_initial_ms = 50;
        o.poll_interval = 300ms;
        o.offline_retry = 200ms;
        o.printer = printer;
        o.printer_timeouts.connect = 500ms;
        o.printer_timeouts.read = 300ms;
        return o;
    }
    std::mutex mu_;
    std::deque<Runtime::Task> tasks_;
    Model model_;
    Runtime runtime_;
};

// Today's tickets as a supervisor sees them.
class Supervisor {
  public:
    explicit Supervisor(ServerProcess& server)
        : client_(server.url(),
                  loket::testing::add_user_and_login(server, "penyelia", "supervisor")) {}
    nlohmann::json tickets() { return client_.get("/tickets").body["tickets"]; }

  private:
    ApiClient client_;
};

}  // namespace loket::kiosk::testing
