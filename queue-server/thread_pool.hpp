#pragma once
// cpp-httplib gives each connection (and each event stream) a pool thread for its whole life,
// so a fixed small pool is exhausted by idle keep-alive clients. This pool starts small, grows
// a thread whenever no worker is idle, up to a cap, and lets surplus idle threads exit.
#include <httplib.h>

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace loket::server {

class GrowingThreadPool : public httplib::TaskQueue {
  public:
    GrowingThreadPool(std::size_t min_threads, std::size_t max_threads);
    ~GrowingThreadPool() override;

    void enqueue(std::function<void()> fn) override;
    void shutdown() override;

    std::size_t threads() const;
    std::size_t busy() const;

  private:
    void spawn_locked();
    void work();

    mutable std::mutex mutex_;
    std::condition_variable ready_;
    std::deque<std::function<void()>> jobs_;
    std::vector<std::thread> threads_;
    std::vector<std::thread::id> finished_;  // exited threads waiting to be joined
    std::size_t min_threads_, max_threads_;
    std::size_t idle_ = 0;
    std::size_t live_ = 0;
    bool shutdown_ = false;
};

}  // namespace loket::server
