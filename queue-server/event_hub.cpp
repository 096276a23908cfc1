#include "event_hub.hpp"

#include <algorithm>

#include "loket/wire_writer.hpp"

namespace loket::server {

EventHub::EventHub(std::int64_t last_id_at_start, std::size_t capacity)
    : capacity_(capacity), last_id_(last_id_at_start) {}

StreamFrame render_frame(const Event& event) {
    const nlohmann::json data = protocol::to_json(event);
    return {event.id, "id: " + std::to_string(event.id) + "\nevent: " + event.type +
                          "\ndata: " + data.dump() + "\n\n"};
}

void EventHub::publish(const std::vector<Event>& events) {
    std::vector<std::shared_ptr<const StreamFrame>> frames;
    for (const auto& e : events)
        frames.push_back(std::make_shared<const StreamFrame>(render_frame(e)));
    {
        std::lock_guard lock(mutex_);
        for (auto& f : frames) {
            last_id_ = std::max(last_id_, f->id);
            recent_.push_back(std::move(f));
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
                                    std::size_t max,
                                    std::vector<std::shared_ptr<const StreamFrame>>& out) {
    std::unique_lock lock(mutex_);
    const bool ready =
        changed_.wait_for(lock, timeout, [&] { return closed_ || last_id_ > after; });
    if (closed_)
        return Wait::Closed;
    if (!ready)
        return Wait::Timeout;
    // Everything after `after` must be in memory, else the store has the gap.
    if (recent_.empty() || recent_.front()->id > after + 1)
        return Wait::NeedsStore;
    // Frames are in id order: start at the first one after `after`.
    auto it = std::upper_bound(recent_.begin(), recent_.end(), after,
                               [](std::int64_t id, const auto& frame) { return id < frame->id; });
    for (; it != recent_.end() && out.size() < max; ++it)
        out.push_back(*it);
    return Wait::Events;
}

}  // namespace loket::server
