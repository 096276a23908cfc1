#include <curl/curl.h>
#include <strings.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <random>
#include <stdexcept>
#include <thread>

#include "curl_support.hpp"
#include "loket/sse.hpp"
#include "loket/tls_pin.hpp"

namespace loket::net {

const char* to_string(SseState state) {
    switch (state) {
        case SseState::stopped:
            return "stopped";
        case SseState::connecting:
            return "connecting";
        case SseState::connected:
            return "connected";
        case SseState::reconnecting:
            return "reconnecting";
    }
    return "unknown";
}

namespace {

using Clock = std::chrono::steady_clock;

// Event log ids: plain decimal digits that fit 64 bits; anything else is not comparable.
std::optional<std::uint64_t> numeric_id(std::string_view id) {
    if (id.empty() || id.size() > 19)
        return std::nullopt;
    std::uint64_t n = 0;
    for (char c : id) {
        if (c < '0' || c > '9')
            return std::nullopt;
        n = n * 10 + static_cast<std::uint64_t>(c - '0');
    }
    return n;
}

bool safe_header_value(std::string_view value) {
    return value.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos;
}

}  // namespace

struct SseClient::Impl {
    SseClientOptions options;
    EventCallback on_event;
    StateCallback on_state;

    mutable std::mutex mutex;  // guards status, running and the backoff wait
    std::condition_variable wake;
    SseStatus status;
    bool running = false;
    std::atomic<bool> stop_requested{false};
    CURLM* multi = nullptr;  // lives as long as the client; stop() wakes its poll
    std::thread worker;

    // Worker thread only.
    SseParser parser;
    std::string resume_id;
    std::optional<std::uint64_t> last_numeric_id;
    std::mt19937 rng{std::random_device{}()};

    // One connection attempt, filled in by curl's callbacks.
    struct Transfer {
        Impl* self = nullptr;
        CURL* easy = nullptr;
        bool connected = false;
        std::string error;  // set by the callbacks when they abort the transfer
        Clock::time_point last_byte;
    };

    Impl(SseClientOptions o, EventCallback e, StateCallback s)
        : options(std::move(o)),
          on_event(std::move(e)),
          on_state(std::move(s)),
          parser(options.parser) {
        ensure_curl_initialized();
        multi = curl_multi_init();
        if (!multi)
            throw std::runtime_error("curl_multi_init failed");
    }
    ~Impl() { curl_multi_cleanup(multi); }

    // A stop() requested from a callback leaves the worker to finish on its own; whoever
    // comes next from outside waits for it.
    void join_worker() {
        if (worker.joinable() && worker.get_id() != std::this_thread::get_id())
            worker.join();
    }

    // False while the worker runs; otherwise joins the one that finished, so the caller may
    // set up the next connection.
    bool idle_after_join() {
        {
            std::lock_guard lock(mutex);
            if (running)
                return false;
        }
        join_worker();
        return true;
    }

    void set_state(SseState state, std::optional<std::string> error = std::nullopt) {
        SseStatus copy;
        {
            std::lock_guard lock(mutex);
            status.state = state;
            if (error)
                status.last_error = std::move(*error);
            if (state == SseState::connected)
                ++status.connections;
            copy = status;
        }
        if (on_state)
            on_state(copy);
    }

    void deliver(const std::vector<SseEvent>& events) {
        for (const SseEvent& event : events) {
            if (stop_requested)
                return;
            const auto number = event.has_id ? numeric_id(event.id) : std::nullopt;
            if (number && last_numeric_id && *number <= *last_numeric_id) {
                std::lock_guard lock(mutex);
                ++status.duplicates_dropped;  // replayed after a reconnect, already delivered
                continue;
            }
            try {
                on_event(event);
            } catch (const std::exception& e) {
                std::lock_guard lock(mutex);
                status.last_error = std::string("event callback threw: ") + e.what();
            } catch (...) {
                std::lock_guard lock(mutex);
                status.last_error = "event callback threw";
            }
            if (event.has_id) {
                resume_id = event.id;
                if (number)
                    last_numeric_id = number;
                std::lock_guard lock(mutex);
                status.last_event_id = resume_id;
            }
        }
    }

    static size_t on_header(char* data, size_t size, size_t count, void* user) {
        auto& t = *static_cast<Transfer*>(user);
        const size_t n = size * count;
        t.last_byte = Clock::now();
        const std::string_view line(data, n);
        if (line != "\r\n" && line != "\n")
            return n;
        // End of the headers: decide whether this is an event stream at all.
        long code = 0;
        curl_easy_getinfo(t.easy, CURLINFO_RESPONSE_CODE, &code);
        if (code >= 100 && code < 200)
            return n;  // interim reply; the real one follows
        const char* type = nullptr;
        curl_easy_getinfo(t.easy, CURLINFO_CONTENT_TYPE, &type);
        if (code != 200) {
            t.error = "HTTP " + std::to_string(code);
            return 0;
        }
        constexpr std::string_view kType = "text/event-stream";
        if (!type || ::strncasecmp(type, kType.data(), kType.size()) != 0) {
            t.error = std::string("not an event stream: Content-Type ") + (type ? type : "none");
            return 0;
        }
        t.connected = true;
        t.self->set_state(SseState::connected);
        return n;
    }

    static size_t on_body(char* data, size_t size, size_t count, void* user) {
        auto& t = *static_cast<Transfer*>(user);
        const size_t n = size * count;
        t.last_byte = Clock::now();
        Impl& self = *t.self;
        const auto events = self.parser.feed(std::string_view(data, n));
        {
            std::lock_guard lock(self.mutex);
            self.status.oversized_dropped = self.parser.dropped_events();
        }
        self.deliver(events);
        return n;
    }

    // The request's headers, resuming after the last event delivered; values that could
    // smuggle in another header line are left out.
    curl_slist* request_headers() const {
        curl_slist* headers = nullptr;
        auto add_header = [&headers](const std::string& line) {
            if (curl_slist* grown = curl_slist_append(headers, line.c_str()))
                headers = grown;
        };
        add_header("Accept: text/event-stream");
        add_header("Cache-Control: no-cache");
        if (!options.bearer_token.empty() && safe_header_value(options.bearer_token))
            add_header("Authorization: Bearer " + options.bearer_token);
        if (!resume_id.empty() && safe_header_value(resume_id))
            add_header("Last-Event-ID: " + resume_id);
        return headers;
    }

    CertificatePin certificate_pin() const {
        CertificatePin pin;
        if (!options.server_fingerprint.empty()) {
            const auto normal = normalize_fingerprint(options.server_fingerprint);
            pin.expected = normal ? *normal : options.server_fingerprint;
        }
        return pin;
    }

    void set_stream_options(CURL* easy, curl_slist* headers, Transfer& t) const {
        curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, options.connect_timeout_ms);
        curl_easy_setopt(easy, CURLOPT_HTTPGET, 1L);
        curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers);
        curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, &Impl::on_header);
        curl_easy_setopt(easy, CURLOPT_HEADERDATA, &t);
        curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, &Impl::on_body);
        curl_easy_setopt(easy, CURLOPT_WRITEDATA, &t);
    }

    // Drives the transfer until it is no longer active, fails, goes idle or stop() is called.
    // The multi interface, unlike curl_easy_perform, can be woken from another thread
    // (curl_multi_wakeup), which is what makes stop() prompt.
    std::string pump(const Transfer& t, int& active) {
        std::string error;
        while (!stop_requested) {
            const CURLMcode mc = curl_multi_perform(multi, &active);
            if (mc != CURLM_OK) {
                error = curl_multi_strerror(mc);
                break;
            }
            if (!active)
                break;
            const auto idle = Clock::now() - t.last_byte;
            const auto limit = std::chrono::milliseconds(options.idle_timeout_ms);
            if (options.idle_timeout_ms > 0 && idle >= limit) {
                error =
                    "idle timeout: no data for " + std::to_string(options.idle_timeout_ms) + " ms";
                break;
            }
            long wait_ms = 1000;
            if (options.idle_timeout_ms > 0)
                wait_ms = std::min<long>(
                    std::chrono::duration_cast<std::chrono::milliseconds>(limit - idle).count() + 1,
                    wait_ms);
            // Returns early for socket activity, curl's own timers or curl_multi_wakeup.
            curl_multi_poll(multi, nullptr, 0, static_cast<int>(wait_ms), nullptr);
        }
        return error;
    }

    // Why a finished transfer ended: the callbacks' refusal, the server closing the stream,
    // or curl's error.
    std::string why_ended(const Transfer& t, const CertificatePin& pin) {
        int queued = 0;
        CURLcode result = CURLE_OK;
        while (CURLMsg* msg = curl_multi_info_read(multi, &queued))
            if (msg->msg == CURLMSG_DONE)
                result = msg->data.result;
        if (!t.error.empty())
            return t.error;
        if (result == CURLE_OK)
            return "stream ended by server";
        return describe_transport_error(result, t.easy, pin).text;
    }

    // Runs one connection until it fails, ends, goes idle or stop() is called. Returns whether
    // it got as far as an event stream, and why it ended.
    std::pair<bool, std::string> run_connection() {
        parser.reset();
        parser.set_last_event_id(resume_id);

        CURL* easy = curl_easy_init();
        if (!easy)
            return {false, "curl_easy_init failed"};
        Transfer t;
        t.self = this;
        t.easy = easy;
        t.last_byte = Clock::now();
        curl_slist* headers = request_headers();

        curl_easy_setopt(easy, CURLOPT_URL, options.url.c_str());
        curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
        curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(easy, CURLOPT_PROXY, "");  // LAN server, as in HttpClient
        CertificatePin pin = certificate_pin();     // outlives the transfer, as curl needs
        if (auto refused = apply_certificate_pin(easy, options.url, pin)) {
            curl_easy_cleanup(easy);
            curl_slist_free_all(headers);
            return {false, refused->text};
        }
        set_stream_options(easy, headers, t);
        curl_multi_add_handle(multi, easy);

        int active = 1;
        std::string error = pump(t, active);
        if (!active && error.empty())
            error = why_ended(t, pin);
        curl_multi_remove_handle(multi, easy);  // closes the connection if mid-transfer
        curl_easy_cleanup(easy);
        curl_slist_free_all(headers);
        return {t.connected, error};
    }

    long next_delay_ms(int attempt) {
        long initial = options.backoff_initial_ms;
        // The server may ask for another reconnection time; a floor keeps a hostile or
        // misconfigured "retry: 0" from turning this into a busy loop.
        if (auto retry = parser.retry_ms())
            initial = static_cast<long>(std::min<std::uint64_t>(
                std::max<std::uint64_t>(*retry, 100), options.backoff_max_ms));
        return backoff_delay_ms(initial, options.backoff_max_ms, attempt, rng);
    }

    void run() {
        set_state(SseState::connecting);
        int attempt = 0;
        while (!stop_requested) {
            auto [connected, error] = run_connection();
            if (stop_requested)
                break;
            if (connected)
                attempt = 0;
            set_state(SseState::reconnecting, std::move(error));
            const long delay = next_delay_ms(attempt++);
            std::unique_lock lock(mutex);
            if (wake.wait_for(lock, std::chrono::milliseconds(delay),
                              [this] { return stop_requested.load(); }))
                break;
        }
        set_state(SseState::stopped);
    }
};

SseClient::SseClient(SseClientOptions options, EventCallback on_event, StateCallback on_state)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(on_event), std::move(on_state))) {}

SseClient::~SseClient() {
    stop();
}

void SseClient::set_last_event_id(std::string id) {
    Impl& impl = *impl_;
    if (!impl.idle_after_join())
        return;
    std::lock_guard lock(impl.mutex);
    impl.last_numeric_id = numeric_id(id);
    impl.resume_id = id;
    impl.status.last_event_id = std::move(id);
}

void SseClient::start() {
    Impl& impl = *impl_;
    if (!impl.idle_after_join())
        return;
    std::lock_guard lock(impl.mutex);
    impl.running = true;
    impl.stop_requested = false;
    impl.status.state = SseState::connecting;
    impl.worker = std::thread([&impl] { impl.run(); });
}

void SseClient::stop() {
    Impl& impl = *impl_;
    {
        std::lock_guard lock(impl.mutex);
        impl.running = false;
        impl.stop_requested = true;
    }
    impl.wake.notify_all();
    curl_multi_wakeup(impl.multi);
    impl.join_worker();
}

SseStatus SseClient::status() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->status;
}

}  // namespace loket::net
