#include "counter_printing.hpp"

#include <spdlog/spdlog.h>

#include <stdexcept>

#include "loket/queue_store.hpp"

namespace loket::server {
namespace {

// More receipts than this waiting for one printer means it is stuck: refuse at once.
constexpr std::size_t kMaxQueuedPerPrinter = 4;
// Idempotency keys kept for replays; a retry comes seconds after its request.
constexpr std::size_t kRememberedKeys = 512;

print::PrintOutcome not_printed(std::string why_id, std::string why_en, std::string detail) {
    print::PrintOutcome out;
    out.result = print::PrintResult::failed;
    out.sent = false;
    out.message_id = "Tanda terima tidak dicetak: " + why_id;
    out.message_en = "Receipt not printed: " + why_en;
    out.detail = std::move(detail);
    return out;
}

print::PrintOutcome busy() {
    return not_printed("printer loket sedang mencetak yang lain, coba lagi",
                       "the counter printer is busy with another print, try again",
                       "printer busy: the receipt did not get its turn in time");
}

std::shared_future<print::PrintOutcome> ready(print::PrintOutcome outcome) {
    std::promise<print::PrintOutcome> promise;
    promise.set_value(std::move(outcome));
    return promise.get_future().share();
}

}  // namespace

CounterPrinters::CounterPrinters(CounterPrintTimeouts timeouts) : timeouts_(timeouts) {}

CounterPrinters::~CounterPrinters() {
    for (auto& [_, lane] : lanes_) {
        {
            const std::lock_guard lock(lane->mutex);
            lane->stop = true;
        }
        lane->ready.notify_all();
    }
    for (auto& [_, lane] : lanes_) {
        if (lane->thread.joinable())
            lane->thread.join();
    }
}

CounterPrinters::Submitted CounterPrinters::submit(const std::string& key,
                                                   const std::string& fingerprint,
                                                   const std::string& transport,
                                                   print::ReceiptLayout layout,
                                                   print::PrintOptions options) {
    // An invalid layout is the caller's mistake: refused here, before anything is queued.
    (void)print::build_receipt_document(layout, options);
    const std::lock_guard lock(mutex_);
    if (!key.empty()) {
        if (const auto it = keys_.find(key); it != keys_.end()) {
            if (it->second.fingerprint != fingerprint) {
                throw QueueError("idempotency_conflict",
                                 "the idempotency key was already used for a different request");
            }
            return {it->second.submitted.outcome, true};
        }
    }
    auto& lane = lanes_[transport];
    if (!lane) {
        lane = std::make_unique<Lane>();
        lane->thread = std::thread([this, l = lane.get(), transport] { run(*l, transport); });
    }
    Submitted submitted;
    {
        const std::lock_guard lane_lock(lane->mutex);
        if (lane->jobs.size() >= kMaxQueuedPerPrinter) {
            submitted.outcome = ready(busy());
        } else {
            auto job = std::make_unique<Job>();
            job->layout = std::move(layout);
            job->options = options;
            job->start_by = std::chrono::steady_clock::now() + timeouts_.start_within;
            submitted.outcome = job->promise.get_future().share();
            lane->jobs.push_back(std::move(job));
        }
    }
    lane->ready.notify_one();
    if (!key.empty()) {
        keys_[key] = {fingerprint, submitted};
        key_order_.push_back(key);
        if (key_order_.size() > kRememberedKeys) {
            keys_.erase(key_order_.front());
            key_order_.pop_front();
        }
    }
    return submitted;
}

print::PrintOutcome CounterPrinters::wait(const Submitted& submitted) const {
    if (submitted.outcome.wait_for(timeouts_.longest() + std::chrono::seconds(1)) ==
        std::future_status::ready) {
        return submitted.outcome.get();
    }
    // Every step of a print has its own deadline, so this is a safety net only.
    return not_printed("printer tidak selesai tepat waktu; periksa printer sebelum mencetak lagi",
                       "the printer did not finish in time; check it before printing again",
                       "no outcome within the print timeouts");
}

void CounterPrinters::run(Lane& lane, std::string transport_spec) {
    // The connection is kept between receipts; a transport reconnects by itself after failing.
    std::unique_ptr<print::Transport> transport;
    try {
        transport = print::make_transport(transport_spec, timeouts_.transport);
    } catch (const std::exception& e) {
        spdlog::error("counter printer '{}': {}", transport_spec, e.what());
    }
    for (;;) {
        std::unique_ptr<Job> job;
        {
            std::unique_lock lock(lane.mutex);
            lane.ready.wait(lock, [&] { return lane.stop || !lane.jobs.empty(); });
            if (lane.jobs.empty())
                return;  // stopping, nothing left
            job = std::move(lane.jobs.front());
            lane.jobs.pop_front();
            if (lane.stop) {
                job->promise.set_value(not_printed("server sedang berhenti",
                                                   "the server is stopping", "server stopping"));
                continue;
            }
        }
        if (std::chrono::steady_clock::now() > job->start_by) {
            job->promise.set_value(busy());
            continue;
        }
        if (!transport) {
            job->promise.set_value(not_printed("pengaturan printer loket tidak valid",
                                               "the counter printer setting is invalid",
                                               "invalid printer setting " + transport_spec));
            continue;
        }
        try {
            job->promise.set_value(print::print_receipt(*transport, job->layout, job->options));
        } catch (const std::exception& e) {
            job->promise.set_value(not_printed("isi tanda terima tidak dapat dicetak",
                                               "the receipt cannot be laid out", e.what()));
        }
    }
}

}  // namespace loket::server
