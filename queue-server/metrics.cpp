#include "metrics.hpp"

#include <sstream>

#include "loket/event_names.hpp"

namespace loket::server {

void Metrics::count_event(const Event& event) {
    if (event.type != protocol::event::ticket_issued &&
        event.type != protocol::event::ticket_called)
        return;
    const auto service = event.payload.value("/ticket/service"_json_pointer, std::string());
    std::lock_guard lock(mutex_);
    (event.type == protocol::event::ticket_issued ? issued_ : called_)[service]++;
}

void Metrics::observe_request(const std::string& method, const std::string& route, int status,
                              double seconds) {
    std::lock_guard lock(mutex_);
    requests_[method + "\t" + route + "\t" + std::to_string(status)]++;
    Histogram& h = latency_[route];
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
        if (seconds <= kBuckets[i])
            h.buckets[i]++;
    }
    h.count++;
    h.sum += seconds;
}

std::string Metrics::render(const std::vector<ServiceSummary>& waiting) const {
    std::ostringstream out;
    std::lock_guard lock(mutex_);
    out << "# HELP loket_tickets_issued_total Tickets issued since the server started.\n"
           "# TYPE loket_tickets_issued_total counter\n";
    for (const auto& [service, n] : issued_) {
        out << "loket_tickets_issued_total{service=\"" << service << "\"} " << n << "\n";
    }
    out << "# HELP loket_tickets_called_total Tickets called since the server started.\n"
           "# TYPE loket_tickets_called_total counter\n";
    for (const auto& [service, n] : called_) {
        out << "loket_tickets_called_total{service=\"" << service << "\"} " << n << "\n";
    }
    out << "# HELP loket_waiting Tickets waiting now.\n# TYPE loket_waiting gauge\n";
    for (const auto& s : waiting) {
        out << "loket_waiting{service=\"" << s.id << "\"} " << s.waiting << "\n";
    }
    out << "# HELP loket_event_streams Open event streams.\n# TYPE loket_event_streams gauge\n"
        << "loket_event_streams " << streams_.load() << "\n";
    out << "# HELP loket_http_requests_total HTTP requests by route and status.\n"
           "# TYPE loket_http_requests_total counter\n";
    for (const auto& [key, n] : requests_) {
        const auto a = key.find('\t'), b = key.rfind('\t');
        out << "loket_http_requests_total{method=\"" << key.substr(0, a) << "\",route=\""
            << key.substr(a + 1, b - a - 1) << "\",status=\"" << key.substr(b + 1) << "\"} " << n
            << "\n";
    }
    out << "# HELP loket_http_request_duration_seconds HTTP request latency by route.\n"
           "# TYPE loket_http_request_duration_seconds histogram\n";
    for (const auto& [route, h] : latency_) {
        for (std::size_t i = 0; i < kBuckets.size(); ++i) {
            out << "loket_http_request_duration_seconds_bucket{route=\"" << route << "\",le=\""
                << kBuckets[i] << "\"} " << h.buckets[i] << "\n";
        }
        out << "loket_http_request_duration_seconds_bucket{route=\"" << route << "\",le=\"+Inf\"} "
            << h.count << "\n"
            << "loket_http_request_duration_seconds_sum{route=\"" << route << "\"} " << h.sum
            << "\n"
            << "loket_http_request_duration_seconds_count{route=\"" << route << "\"} " << h.count
            << "\n";
    }
    return out.str();
}

}  // namespace loket::server
