// Fuzz target: the event-stream parser in the kiosk and display (loket::SseParser::feed).
//
// Input layout: byte 0 picks small parser limits (so the overlong-line and oversized-event
// paths are reached with short inputs), byte 1 seeds the chunking; the rest is the stream.
// The stream is fed
//   (a) in one piece, (b) one byte at a time, and (c) in chunks whose sizes come from the seed,
// with a reset() and set_last_event_id() in between like a reconnecting client. Properties:
//   - the parser never throws and never crashes;
//   - the events, last event id, retry value and dropped count do not depend on the chunking;
//   - buffered memory stays within the two limits (plus one line);
//   - every event has data (empty events are not dispatched) and a sane type.
#include <string>
#include <vector>

#include "fuzz_support.hpp"
#include "loket/sse.hpp"

using namespace loket;

namespace {

struct Outcome {
    std::vector<net::SseEvent> events;
    std::string last_event_id;
    std::optional<std::uint64_t> retry;
    std::uint64_t dropped = 0;
};

bool same(const Outcome& a, const Outcome& b) {
    if (a.events.size() != b.events.size() || a.last_event_id != b.last_event_id ||
        a.retry != b.retry || a.dropped != b.dropped) {
        return false;
    }
    for (std::size_t i = 0; i < a.events.size(); ++i) {
        const net::SseEvent& x = a.events[i];
        const net::SseEvent& y = b.events[i];
        if (x.id != y.id || x.type != y.type || x.data != y.data || x.has_id != y.has_id)
            return false;
    }
    return true;
}

template <typename Chunker>
Outcome run(const net::SseParserOptions& options, std::string_view stream, Chunker next_size) {
    net::SseParser parser(options);
    Outcome out;
    std::size_t at = 0;
    while (at < stream.size()) {
        const std::size_t n = std::min(stream.size() - at, std::max<std::size_t>(1, next_size()));
        for (auto& e : parser.feed(stream.substr(at, n)))
            out.events.push_back(std::move(e));
        at += n;
        const std::size_t bound = options.max_line_bytes + options.max_event_bytes + 64;
        if (parser.buffered_bytes() > 2 * bound)
            fuzz::finding("the parser buffers far more than its limits");
    }
    out.last_event_id = parser.last_event_id();
    out.retry = parser.retry_ms();
    out.dropped = parser.dropped_events();
    for (const auto& e : out.events) {
        if (e.type.empty())
            fuzz::finding("an event with an empty type");
        // The default type "message" is not counted against the limit.
        const std::size_t type_bytes = e.type == "message" ? 0 : e.type.size();
        if (e.data.size() + type_bytes > options.max_event_bytes)
            fuzz::finding("an event larger than max_event_bytes was delivered");
    }
    // A reconnect keeps the id and starts clean.
    parser.reset();
    if (parser.last_event_id() != out.last_event_id)
        fuzz::finding("reset() lost the last event id");
    parser.set_last_event_id("42");
    const auto after = parser.feed("data: x\n\n");
    if (options.max_line_bytes >= 16 && options.max_event_bytes >= 16 &&
        (after.size() != 1 || after[0].data != "x" || after[0].id != "42"))
        fuzz::finding("after reset() a plain event is not parsed");
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 2)
        return 0;
    net::SseParserOptions options;
    if (data[0] & 0x80) {
        options.max_line_bytes = 1 + (data[0] & 0x0F) * 4;
        options.max_event_bytes = 1 + ((data[0] >> 4) & 0x07) * 8;
    }
    std::uint32_t seed = data[1] * 2654435761u + 1;
    const std::string_view stream(reinterpret_cast<const char*>(data + 2), size - 2);

    const Outcome whole = run(options, stream, [&] { return stream.size(); });
    const Outcome bytes = run(options, stream, [] { return std::size_t{1}; });
    const Outcome chunks = run(options, stream, [&] {
        seed = seed * 1103515245u + 12345u;
        return std::size_t{(seed >> 16) % 17};
    });
    if (!same(whole, bytes))
        fuzz::finding("byte-at-a-time feeding gives other events than one piece");
    if (!same(whole, chunks))
        fuzz::finding("chunked feeding gives other events than one piece");
    return 0;
}
