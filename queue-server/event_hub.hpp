#pragma once
// Fans committed events out to every open event stream. Keeps the most recent events in
// memory so reconnecting clients usually replay from here; older gaps are read from the
// store's event log by the caller.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "loket/queue_store.hpp"

namespace loket::server {

// An event as sent on the stream: rendered once, whatever the number of streams.
struct StreamFrame {
    std::int64_t id = 0;
    std::string text;  // "id: ...\nevent: ...\ndata: ...\n\n"
};

// The SSE frame of an event: its log id as the SSE id, the type as the event name, and the
// whole event (id, type, at, payload) as data.
StreamFrame render_frame(const Event& event);

class EventHub {
  public:
    EventHub(std::int64_t last_id_at_start, std::size_t capacity = 4096);

    // Called by the store's listener in commit order.
    void publish(const std::vector<Event>& events);
    void close();  // wakes every waiter; later waits return Closed

    enum class Wait { Events, Timeout, Closed, NeedsStore };
    // Events with id > after, at most max of them: waits up to timeout for the first one.
    // NeedsStore when some of them are older than what memory keeps.
    Wait wait_after(std::int64_t after, std::chrono::milliseconds timeout, std::size_t max,
                    std::vector<std::shared_ptr<const StreamFrame>>& out);

    std::int64_t last_id() const;

  private:
    mutable std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<std::shared_ptr<const StreamFrame>> recent_;
    std::size_t capacity_;
    std::int64_t last_id_;
    bool closed_ = false;
};

}  // namespace loket::server
