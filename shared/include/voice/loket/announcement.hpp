#pragma once
// What the waiting-room display says when a ticket is called (docs/calling-numbers.md):
// the phrase built from a template, and the queue of announcements waiting to be spoken.
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace loket::voice {

// One call as the display learns it from the queue server.
struct CallInfo {
    std::string ticket;        // "A-012", "a012", "AB-7": letters then digits
    int counter = 0;           // counter number, said in words
    std::string counter_name;  // "Loket Pendaftaran"
    std::string service;       // "Layanan Informasi"
};

enum class NumberReading {
    Words,   // 123 -> "seratus dua puluh tiga"
    Digits,  // 123 -> "satu, dua, tiga"; leading zeros of "012" are not read
};

// One word of the phrase as a clip name: lower case, no punctuation ("dua", "belas", "be").
struct ClipWord {
    std::string word;
    bool pause_after = false;  // a comma or full stop followed it in the text
    bool operator==(const ClipWord&) const = default;
};

struct Phrase {
    // To show on screen: the plain ticket letter. "Nomor antrean A, dua belas, silakan menuju
    // loket dua".
    std::string display_text;
    // For the synthesiser: the letter by its Indonesian name so the voice says "be", not a
    // guess. "Nomor antrean be, dua belas, silakan menuju loket dua".
    std::string speech_text;
    // The speech text word by word, for playing recorded clips.
    std::vector<ClipWord> words;
};

// The default phrase (docs/calling-numbers.md): "Nomor antrean {letter}, {number}, silakan menuju
// loket {counter}".
std::string_view default_phrase_template();

// Turns calls into phrases. Placeholders: {letter} {number} {counter} {counter_name}
// {service}; "{{" and "}}" are literal braces. The template is checked once, here.
class PhraseBuilder {
  public:
    // Throws InputError(source, field, ...) naming an unknown placeholder or a stray brace.
    explicit PhraseBuilder(std::string_view template_text = default_phrase_template(),
                           NumberReading reading = NumberReading::Words,
                           std::string source = "voice settings", std::string field = "template");

    // Throws InputError("ticket number", ...) when the ticket is not letters then digits.
    Phrase build(const CallInfo& call) const;

    const std::string& template_text() const { return template_text_; }
    NumberReading reading() const { return reading_; }

  private:
    enum class Slot { Text, Letter, Number, Counter, CounterName, Service };
    struct Part {
        Slot slot = Slot::Text;
        std::string text;  // for Slot::Text
    };
    std::string template_text_;
    NumberReading reading_;
    std::vector<Part> parts_;
};

// Splits text into clip words: lower-cases ASCII, drops punctuation (marking a pause after a
// word followed by , . ; : ! ?), and reads digit runs as number words ("3" -> "tiga").
std::vector<ClipWord> clip_words(std::string_view text);

// ---- The announcement queue: calls are spoken one after another (docs/calling-numbers.md) ----

struct AnnouncementRequest {
    std::string event_id;  // the server's event id/sequence; a repeat is ignored
    std::chrono::system_clock::time_point at;  // when the server made the call
    CallInfo call;
    bool recall = false;  // a recall has its own event id, so it is spoken again
};

// Thread-safe FIFO between the event stream (push) and the display's voice loop (next ...
// finished). At most one announcement is handed out at a time, so a new call never cuts off
// the one being spoken. Calls older than `recency` when their turn comes are dropped: a
// backlog replayed after a reconnect is shown on screen but not read aloud. Pure logic: no
// audio device.
class AnnouncementQueue {
  public:
    using Clock = std::function<std::chrono::system_clock::time_point()>;

    explicit AnnouncementQueue(
        std::chrono::seconds recency = std::chrono::seconds(60),
        Clock clock = [] { return std::chrono::system_clock::now(); },
        std::size_t remembered_ids = 4096);

    // Queues the request; false when its event id was seen before (ignored).
    bool push(AnnouncementRequest request);

    // The oldest request still fresh, now marked as being spoken; nothing while another is
    // being spoken or when none is waiting. Stale requests met on the way are dropped.
    std::optional<AnnouncementRequest> next();
    // Like next(), waiting up to `timeout` for one; returns early with nothing after close().
    std::optional<AnnouncementRequest> wait_next(std::chrono::milliseconds timeout);
    // The request handed out by next() has finished playing (or failed): the next may go.
    void finished();
    // Wakes every waiter; later waits return at once.
    void close();

    struct Stats {
        std::uint64_t queued = 0;      // accepted by push()
        std::uint64_t duplicates = 0;  // ignored by push()
        std::uint64_t stale = 0;       // dropped for being older than the recency
        std::uint64_t handed_out = 0;  // returned by next()/wait_next()
    };
    Stats stats() const;
    std::size_t pending() const;  // waiting, not counting the one being spoken
    bool speaking() const;
    std::chrono::seconds recency() const { return recency_; }

  private:
    std::optional<AnnouncementRequest> take_locked();

    const std::chrono::seconds recency_;
    const Clock clock_;
    const std::size_t remembered_ids_;
    mutable std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<AnnouncementRequest> waiting_;
    std::unordered_set<std::string> seen_ids_;
    std::deque<std::string> seen_order_;  // forget the oldest ids beyond remembered_ids_
    bool speaking_ = false;
    bool closed_ = false;
    Stats stats_;
};

}  // namespace loket::voice
