#include "thread_pool.hpp"

#include <algorithm>

namespace loket::server {

GrowingThreadPool::GrowingThreadPool(std::size_t min_threads, std::size_t max_threads)
    : min_threads_(min_threads), max_threads_(std::max(min_threads, max_threads)) {
    std::lock_guard lock(mutex_);
    for (std::size_t i = 0; i < min_threads_; ++i)
        spawn_locked();
}

GrowingThreadPool::~GrowingThreadPool() {
    shutdown();
}

void GrowingThreadPool::spawn_locked() {
    // Join threads that exited earlier so their handles do not pile up.
    for (auto id : finished_) {
        auto it = std::find_if(threads_.begin(), threads_.end(),
                               [&](const std::thread& t) { return t.get_id() == id; });
        if (it != threads_.end()) {
            it->join();
            threads_.erase(it);
        }
    }
    finished_.clear();
    ++live_;
    threads_.emplace_back([this] { work(); });
}

void GrowingThreadPool::enqueue(std::function<void()> fn) {
    {
        std::lock_guard lock(mutex_);
        jobs_.push_back(std::move(fn));
        if (idle_ < jobs_.size() && live_ < max_threads_)
            spawn_locked();
    }
    ready_.notify_one();
}

void GrowingThreadPool::work() {
    std::unique_lock lock(mutex_);
    while (true) {
        ++idle_;
        const bool got = ready_.wait_for(lock, std::chrono::seconds(30),
                                         [&] { return shutdown_ || !jobs_.empty(); });
        --idle_;
        if (!jobs_.empty()) {
            auto job = std::move(jobs_.front());
            jobs_.pop_front();
            lock.unlock();
            job();
            lock.lock();
            continue;
        }
        if (shutdown_ || (!got && live_ > min_threads_))
            break;
    }
    --live_;
    if (!shutdown_)
        finished_.push_back(std::this_thread::get_id());
}

void GrowingThreadPool::shutdown() {
    std::vector<std::thread> threads;
    {
        std::lock_guard lock(mutex_);
        if (shutdown_)
            return;
        shutdown_ = true;
        threads.swap(threads_);
    }
    ready_.notify_all();
    for (auto& t : threads) {
        if (t.joinable())
            t.join();
    }
}

std::size_t GrowingThreadPool::threads() const {
    std::lock_guard lock(mutex_);
    return live_;
}

std::size_t GrowingThreadPool::busy() const {
    std::lock_guard lock(mutex_);
    return live_ - idle_;
}

}  // namespace loket::server
