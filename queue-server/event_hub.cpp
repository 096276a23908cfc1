#include "event_hub.hpp"

namespace loket::server {

EventHub::EventHub(std::int64_t last_id_at_start, std::size_t capacity)
    : capacity_(capacity), last_id_(last_id_at_start) {}

void EventHub::publish(const std::vector<Event>& events) {
    {
        std::lock_guard lock(mutex_);
        for (const auto& e : events) {
            recent_.push_back(e);
            last_id_ = std::max(last_id_, e.id);
        }
        while (recent_.size() > capacity_)
            recent_.pop_front();
    }
    changed_.notify_all();
}

void EventHub::close() {
    {
        std::lock_guard lock(mutex_);
        closed_ = true;
    }
    changed_.notify_all();
}

std::int64_t EventHub::last_id() const {
    std::lock_guard lock(mutex_);
    return last_id_;
}

EventHub::Wait EventHub::wait_after(std::int64_t after, std::chrono::milliseconds timeout,
                                    std::size_t max, std::vector<Event>& out) {
    std::unique_lock lock(mutex_);
    const bool ready =
        changed_.wait_for(lock, timeout, [&] { return closed_ || last_id_ > after; });
    if (closed_)
        return Wait::Closed;
    if (!ready)
        return Wait::Timeout;
    // Everything after `after` must be in memory, else the store has the gap.
    if (recent_.empty() || recent_.front().id > after + 1)
        return Wait::NeedsStore;
    for (const auto& e : recent_) {
        if (e.id <= after)
            continue;
        out.push_back(e);
        if (out.size() >= max)
            break;
    }
    return Wait::Events;
}

}  // namespace loket::server
