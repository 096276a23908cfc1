#include "loket/announcement.hpp"

namespace loket::voice {

AnnouncementQueue::AnnouncementQueue(std::chrono::seconds recency, Clock clock,
                                     std::size_t remembered_ids)
    : recency_(recency), clock_(std::move(clock)), remembered_ids_(remembered_ids) {}

bool AnnouncementQueue::push(AnnouncementRequest request) {
    {
        std::lock_guard lock(mutex_);
        if (!seen_ids_.insert(request.event_id).second) {
            ++stats_.duplicates;
            return false;
        }
        seen_order_.push_back(request.event_id);
        // Replays after a reconnect repeat recent ids only, so a bounded memory is enough.
        while (seen_order_.size() > remembered_ids_) {
            seen_ids_.erase(seen_order_.front());
            seen_order_.pop_front();
        }
        waiting_.push_back(std::move(request));
        ++stats_.queued;
    }
    changed_.notify_all();
    return true;
}

std::optional<AnnouncementRequest> AnnouncementQueue::take_locked() {
    if (speaking_)
        return std::nullopt;
    const auto now = clock_();
    while (!waiting_.empty()) {
        auto request = std::move(waiting_.front());
        waiting_.pop_front();
        if (now - request.at > recency_) {
            ++stats_.stale;
            continue;
        }
        speaking_ = true;
        ++stats_.handed_out;
        return request;
    }
    return std::nullopt;
}

std::optional<AnnouncementRequest> AnnouncementQueue::next() {
    std::lock_guard lock(mutex_);
    return take_locked();
}

std::optional<AnnouncementRequest> AnnouncementQueue::wait_next(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!closed_) {
        if (auto request = take_locked())
            return request;
        if (changed_.wait_until(lock, deadline) == std::cv_status::timeout)
            return closed_ ? std::nullopt : take_locked();
    }
    return std::nullopt;
}

void AnnouncementQueue::finished() {
    {
        std::lock_guard lock(mutex_);
        speaking_ = false;
    }
    changed_.notify_all();
}

void AnnouncementQueue::close() {
    {
        std::lock_guard lock(mutex_);
        closed_ = true;
    }
    changed_.notify_all();
}

AnnouncementQueue::Stats AnnouncementQueue::stats() const {
    std::lock_guard lock(mutex_);
    return stats_;
}

std::size_t AnnouncementQueue::pending() const {
    std::lock_guard lock(mutex_);
    return waiting_.size();
}

bool AnnouncementQueue::speaking() const {
    std::lock_guard lock(mutex_);
    return speaking_;
}

}  // namespace loket::voice
