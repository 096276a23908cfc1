// SseParser against the WHATWG event stream rules, arbitrary chunking and hostile input.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "loket/sse.hpp"

using namespace loket;

namespace {

struct Expected {
    std::string id;
    std::string type;
    std::string data;
};

std::vector<net::SseEvent> feed_all(net::SseParser& parser,
                                    const std::vector<std::string>& chunks) {
    std::vector<net::SseEvent> events;
    for (const auto& chunk : chunks)
        for (auto& e : parser.feed(chunk))
            events.push_back(std::move(e));
    return events;
}

std::vector<net::SseEvent> parse(std::string_view stream) {
    net::SseParser parser;
    return parser.feed(stream);
}

void expect_events(const std::vector<net::SseEvent>& got, const std::vector<Expected>& want,
                   const std::string& context) {
    ASSERT_EQ(got.size(), want.size()) << context;
    for (size_t i = 0; i < want.size(); ++i) {
        EXPECT_EQ(got[i].id, want[i].id) << context << " event " << i;
        EXPECT_EQ(got[i].type, want[i].type) << context << " event " << i;
        EXPECT_EQ(got[i].data, want[i].data) << context << " event " << i;
    }
}

std::string with_line_endings(std::string stream, const std::string& eol) {
    std::string out;
    for (char c : stream)
        out += c == '\n' ? eol : std::string(1, c);
    return out;
}

// Covers every kind of line once: BOM, comment, id, event, multi-line data, retry, a field
// without colon, an unknown field, no space after the colon, two spaces after it.
const std::string kSample =
    "\xEF\xBB\xBF: keep-alive\n"
    "retry: 1500\n"
    "id: 7\n"
    "event: ticket.called\n"
    "data: {\"number\":\"A-001\",\n"
    "data: \"counter\":2}\n"
    "\n"
    "unknown: field\n"
    "data:no-space\n"
    "data:  two spaces\n"
    "\n"
    "id: 8\n"
    "data\n"
    "\n"
    ": trailing comment\n"
    "id: 9\n"
    "event: counter.paused\n"
    "data: last\n"
    "\n";

const std::vector<Expected> kSampleEvents = {
    {"7", "ticket.called", "{\"number\":\"A-001\",\n\"counter\":2}"},
    {"7", "message", "no-space\n two spaces"},
    {"8", "message", ""},
    {"9", "counter.paused", "last"},
};

}  // namespace

TEST(SseParser, SampleStreamWithEachLineEnding) {
    for (const std::string eol : {"\n", "\r\n", "\r"}) {
        net::SseParser parser;
        const auto events = parser.feed(with_line_endings(kSample, eol));
        expect_events(events, kSampleEvents, "eol " + std::to_string(eol.size()));
        EXPECT_EQ(parser.last_event_id(), "9");
        EXPECT_EQ(parser.retry_ms(), 1500u);
    }
}

TEST(SseParser, MixedLineEndingsInOneStream) {
    expect_events(parse("data: a\r\ndata: b\rdata: c\n\r\ndata: d\r\r"),
                  {{"", "message", "a\nb\nc"}, {"", "message", "d"}}, "mixed");
}

TEST(SseParser, SplitAtEveryBytePosition) {
    for (const std::string eol : {"\n", "\r\n", "\r"}) {
        const std::string stream = with_line_endings(kSample, eol);
        for (size_t cut = 0; cut <= stream.size(); ++cut) {
            net::SseParser parser;
            const auto events = feed_all(parser, {stream.substr(0, cut), stream.substr(cut)});
            expect_events(events, kSampleEvents,
                          "eol " + std::to_string(eol.size()) + " cut " + std::to_string(cut));
        }
    }
}

TEST(SseParser, ByteByByteAndRandomChunks) {
    std::mt19937 rng(42);
    for (const std::string eol : {"\n", "\r\n", "\r"}) {
        const std::string stream = with_line_endings(kSample, eol);
        std::vector<std::string> bytes;
        for (char c : stream)
            bytes.emplace_back(1, c);
        net::SseParser one_by_one;
        expect_events(feed_all(one_by_one, bytes), kSampleEvents, "byte by byte");

        for (int round = 0; round < 50; ++round) {
            std::vector<std::string> chunks;
            for (size_t i = 0; i < stream.size();) {
                const size_t n = std::uniform_int_distribution<size_t>(0, 12)(rng);
                chunks.push_back(stream.substr(i, n));  // empty chunks included on purpose
                i += n;
            }
            net::SseParser parser;
            expect_events(feed_all(parser, chunks), kSampleEvents, "random chunks");
        }
    }
}

// The examples of the WHATWG specification, section 9.2.6.
TEST(SseParser, SpecificationExamples) {
    expect_events(parse("data: YHOO\ndata: +2\ndata: 10\n\n"), {{"", "message", "YHOO\n+2\n10"}},
                  "stock");

    net::SseParser parser;
    expect_events(parser.feed(": test stream\n\ndata: first event\nid: 1\n\ndata:second event\n"
                              "id\n\ndata:  third event\n"),
                  {{"1", "message", "first event"}, {"", "message", "second event"}}, "ids");
    EXPECT_EQ(parser.last_event_id(), "");  // "id" with no value resets it

    expect_events(parse("data\n\ndata\ndata\n\ndata:"),
                  {{"", "message", ""}, {"", "message", "\n"}}, "empty data");
    expect_events(parse("data:test\n\ndata: test\n\n"),
                  {{"", "message", "test"}, {"", "message", "test"}}, "one space");
}

TEST(SseParser, IdPersistsAndHasIdMarksOwnId) {
    net::SseParser parser;
    const auto events = parser.feed("id: 5\ndata: a\n\ndata: b\n\n");
    ASSERT_EQ(events.size(), 2u);
    EXPECT_EQ(events[0].id, "5");
    EXPECT_TRUE(events[0].has_id);
    EXPECT_EQ(events[1].id, "5");  // inherited, as EventSource.lastEventId would be
    EXPECT_FALSE(events[1].has_id);
}

TEST(SseParser, IdWithNulIsIgnored) {
    net::SseParser parser;
    constexpr char kStream[] = "id: 3\ndata: a\n\nid: 4\0x\ndata: b\n\n";
    const auto events = parser.feed(std::string(kStream, sizeof kStream - 1));
    ASSERT_EQ(events.size(), 2u);
    EXPECT_EQ(events[1].id, "3");
    EXPECT_FALSE(events[1].has_id);
    EXPECT_EQ(parser.last_event_id(), "3");
}

TEST(SseParser, EventWithoutDataIsNotDispatchedButMovesTheId) {
    net::SseParser parser;
    EXPECT_TRUE(parser.feed("id: 12\nevent: ping\n\n").empty());
    EXPECT_EQ(parser.last_event_id(), "12");
    const auto events = parser.feed("data: x\n\n");
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].type, "message");  // the event type does not carry over
    EXPECT_EQ(events[0].id, "12");
}

TEST(SseParser, CommentsOnlyGiveNoEvents) {
    EXPECT_TRUE(parse(":\n: keep-alive\n:: x\n\n:data: y\n\n").empty());
}

TEST(SseParser, RetryTakesDigitsOnly) {
    net::SseParser parser;
    parser.feed("retry: 2000\n");
    EXPECT_EQ(parser.retry_ms(), 2000u);
    parser.feed("retry: 12a\nretry: -5\nretry:\nretry: 1.5\nretry:  7\n");
    EXPECT_EQ(parser.retry_ms(), 2000u);
    parser.feed("retry: 99999999999999999999999999\n");  // saturates, does not wrap
    EXPECT_EQ(parser.retry_ms(), std::numeric_limits<std::uint64_t>::max());
}

TEST(SseParser, BomOnlyAtStreamStart) {
    expect_events(parse("\xEF\xBB\xBF"
                        "data: a\n\n"),
                  {{"", "message", "a"}}, "bom");
    // A second BOM makes the field name "\xEF\xBB\xBFdata", an unknown field.
    EXPECT_TRUE(parse("\xEF\xBB\xBF\xEF\xBB\xBF"
                      "data: a\n\n")
                    .empty());
    // A partial BOM is ordinary text.
    EXPECT_TRUE(parse("\xEF\xBB"
                      "data: a\n\n")
                    .empty());

    net::SseParser split;
    EXPECT_TRUE(split.feed("\xEF").empty());
    EXPECT_TRUE(split.feed("\xBB").empty());
    expect_events(split.feed("\xBF"
                             "data: b\n\n"),
                  {{"", "message", "b"}}, "split bom");
}

TEST(SseParser, ResetDropsThePartialEventAndKeepsTheId) {
    net::SseParser parser;
    parser.feed("id: 4\ndata: done\n\nid: 5\ndata: half");
    parser.reset();
    const auto events = parser.feed(
        "\xEF\xBB\xBF"
        "data: next\n\n");
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].data, "next");
    EXPECT_EQ(events[0].id, "4");
}

TEST(SseParser, CrAtChunkEndThenLfIsOneLineEnding) {
    net::SseParser parser;
    EXPECT_TRUE(parser.feed("data: a\r").empty());
    EXPECT_TRUE(parser.feed("\n").empty());  // still the first line's ending, not a blank line
    expect_events(parser.feed("\r\n"), {{"", "message", "a"}}, "cr|lf");
}

TEST(SseParser, OversizedEventIsDroppedAndCounted) {
    net::SseParser parser({.max_line_bytes = 1024, .max_event_bytes = 64});
    std::string stream = "data: small\n\nid: 2\n";
    for (int i = 0; i < 10; ++i)
        stream += "data: 0123456789\n";  // 10 lines of 11 bytes: over 64
    stream += "\ndata: after\n\n";
    const auto events = parser.feed(stream);
    expect_events(events, {{"", "message", "small"}, {"2", "message", "after"}}, "event");
    EXPECT_EQ(parser.dropped_events(), 1u);
}

TEST(SseParser, OversizedLineDropsItsEventButNotForComments) {
    net::SseParser parser({.max_line_bytes = 32, .max_event_bytes = 1024});
    const std::string big(100, 'x');
    auto events = parser.feed("data: " + big + "\ndata: tail\n\ndata: ok\n\n");
    expect_events(events, {{"", "message", "ok"}}, "long data line");
    EXPECT_EQ(parser.dropped_events(), 1u);

    events = parser.feed(":" + big + "\ndata: kept\n\n");
    expect_events(events, {{"", "message", "kept"}}, "long comment");
    EXPECT_EQ(parser.dropped_events(), 1u);

    // Split so the line is only found too long in a later chunk.
    EXPECT_TRUE(parser.feed("data: 0123456789").empty());
    EXPECT_TRUE(parser.feed(big).empty());
    expect_events(parser.feed("\n\ndata: z\n\n"), {{"", "message", "z"}}, "split long line");
    EXPECT_EQ(parser.dropped_events(), 2u);
}

TEST(SseParser, MemoryStaysBoundedWithoutLineEnds) {
    net::SseParser parser({.max_line_bytes = 4096, .max_event_bytes = 8192});
    const std::string chunk(64 * 1024, 'a');
    for (int i = 0; i < 160; ++i) {  // 10 MiB without a single line ending
        EXPECT_TRUE(parser.feed(chunk).empty());
        ASSERT_LE(parser.buffered_bytes(), 4096u);
    }
    std::string many_lines;
    for (int i = 0; i < 5000; ++i)
        many_lines += "data: 0123456789\n";
    parser.feed("\n" + many_lines);
    EXPECT_LE(parser.buffered_bytes(), 4096u + 8192u);
    expect_events(parser.feed("\ndata: fine\n\n"), {{"", "message", "fine"}}, "after");
}

TEST(SseParser, GarbageAndInvalidUtf8DoNotCrash) {
    // Invalid UTF-8 passes through untouched.
    const std::string bad = "\xC3\x28\xFF\xFE\x80";
    expect_events(parse("data: " + bad + "\n\n"), {{"", "message", bad}}, "utf8");

    std::mt19937 rng(7);
    std::uniform_int_distribution<int> byte(0, 255);
    std::uniform_int_distribution<size_t> len(0, 300);
    net::SseParser parser({.max_line_bytes = 256, .max_event_bytes = 512});
    for (int round = 0; round < 8000; ++round) {
        std::string chunk(len(rng), '\0');
        for (char& c : chunk) {
            // Favour the bytes the grammar cares about.
            const int r = byte(rng);
            c = r < 20 ? '\n' : r < 30 ? '\r' : r < 45 ? ':' : r < 50 ? ' ' : static_cast<char>(r);
        }
        for (const auto& e : parser.feed(chunk))
            EXPECT_LE(e.data.size(), 512u);
        ASSERT_LE(parser.buffered_bytes(), 256u + 512u + 256u);
    }
}
