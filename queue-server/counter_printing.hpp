#pragma once
// Printing application receipts on the counters' ESC/POS printers (docs/applications.md,
// "Counter printers"). Each printer has its own worker thread and keeps its connection, so a
// dead printer holds up only its own counter's prints, and an HTTP thread waits for an outcome
// no longer than the printer's timeouts allow. A retried request (the same idempotency key)
// gets the first request's outcome and never prints twice.
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "loket/printer.hpp"
#include "loket/receipt_print.hpp"
#include "loket/ticket_print.hpp"

namespace loket::server {

struct CounterPrintTimeouts {
    print::Timeouts transport{std::chrono::milliseconds(2000), std::chrono::milliseconds(3000),
                              std::chrono::milliseconds(700)};
    // A receipt waiting longer than this behind another print on the same printer is not
    // printed (the clerk is told the printer is busy), so the wait stays bounded.
    std::chrono::milliseconds start_within{2000};

    // The longest a print can take: waiting its turn, connecting, the four status queries,
    // sending.
    std::chrono::milliseconds longest() const {
        return start_within + transport.connect + 4 * transport.read + transport.write;
    }
};

class CounterPrinters {
  public:
    explicit CounterPrinters(CounterPrintTimeouts timeouts = {});
    ~CounterPrinters();
    CounterPrinters(const CounterPrinters&) = delete;
    CounterPrinters& operator=(const CounterPrinters&) = delete;

    struct Submitted {
        std::shared_future<print::PrintOutcome> outcome;
        bool replayed = false;  // the key was used before: this is that request's outcome
    };
    // Queues the receipt on the printer named by `transport` (a counter's printer setting).
    // key: the caller-scoped idempotency key, or empty; fingerprint: what the request asked
    // for, so a key reused for another request is refused (QueueError "idempotency_conflict").
    Submitted submit(const std::string& key, const std::string& fingerprint,
                     const std::string& transport, print::ReceiptLayout layout,
                     print::PrintOptions options);
    // Waits for a submitted outcome at most longest() and a little more; a print still
    // running then is reported as failed with the cause.
    print::PrintOutcome wait(const Submitted& submitted) const;

  private:
    struct Job {
        print::ReceiptLayout layout;
        print::PrintOptions options;
        std::chrono::steady_clock::time_point start_by;
        std::promise<print::PrintOutcome> promise;
    };
    struct Lane {
        std::mutex mutex;
        std::condition_variable ready;
        std::deque<std::unique_ptr<Job>> jobs;
        bool stop = false;
        std::thread thread;
    };
    struct Remembered {
        std::string fingerprint;
        Submitted submitted;
    };
    void run(Lane& lane, std::string transport);

    CounterPrintTimeouts timeouts_;
    std::mutex mutex_;
    std::map<std::string, std::unique_ptr<Lane>> lanes_;  // by printer setting
    std::map<std::string, Remembered> keys_;
    std::deque<std::string> key_order_;  // oldest first, to forget beyond kRememberedKeys
};

}  // namespace loket::server
