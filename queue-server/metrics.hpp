#pragma once
// Prometheus text-format metrics: tickets issued and called per service, waiting per service,
// request counts and latency per route, open event streams.
#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "loket/queue_store.hpp"

namespace loket::server {

class Metrics {
  public:
    void count_event(const Event& event);
    void observe_request(const std::string& method, const std::string& route, int status,
                         double seconds);
    void stream_opened() { ++streams_; }
    void stream_closed() { --streams_; }
    int streams() const { return streams_.load(); }

    // waiting: the current waiting count per service, read from the store at scrape time.
    std::string render(const std::vector<ServiceSummary>& waiting) const;

  private:
    static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                        0.05,   0.1,   0.25,   0.5,   1.0,  2.5};
    struct Histogram {
        std::array<std::uint64_t, kBuckets.size()> buckets{};
        std::uint64_t count = 0;
        double sum = 0;
    };
    mutable std::mutex mutex_;
    std::map<std::string, std::uint64_t> issued_, called_;  // by service
    std::map<std::string, std::uint64_t> requests_;         // by "method route status"
    std::map<std::string, Histogram> latency_;              // by route
    std::atomic<int> streams_{0};
};

}  // namespace loket::server
