// The event stream interpretation of WHATWG HTML, "Server-sent events" (9.2.6), byte by byte:
// lines end at CRLF, LF or CR; a blank line dispatches the event.
#include <limits>

#include "loket/sse.hpp"

namespace loket::net {

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

// "retry" takes ASCII digits only; anything else is ignored. Huge values saturate.
std::optional<std::uint64_t> parse_retry(std::string_view value) {
    if (value.empty())
        return std::nullopt;
    std::uint64_t n = 0;
    constexpr auto kMax = std::numeric_limits<std::uint64_t>::max();
    for (char c : value) {
        if (c < '0' || c > '9')
            return std::nullopt;
        const auto digit = static_cast<std::uint64_t>(c - '0');
        n = n > (kMax - digit) / 10 ? kMax : n * 10 + digit;
    }
    return n;
}

}  // namespace

SseParser::SseParser(SseParserOptions options) : options_(options) {}

std::size_t SseParser::buffered_bytes() const {
    return line_.size() + data_.size() + type_.size() + id_buffer_.size();
}

void SseParser::reset() {
    line_.clear();
    line_too_long_ = false;
    line_is_comment_ = false;
    after_cr_ = false;
    bom_seen_ = 0;
    at_stream_start_ = true;
    data_.clear();
    type_.clear();
    event_has_id_ = false;
    event_too_big_ = false;
    id_buffer_ = last_event_id_;
}

void SseParser::set_last_event_id(std::string id) {
    last_event_id_ = std::move(id);
    id_buffer_ = last_event_id_;
}

std::vector<SseEvent> SseParser::feed(std::string_view chunk) {
    std::vector<SseEvent> out;
    std::size_t i = 0;

    // One optional BOM at stream start, possibly split across chunks.
    while (at_stream_start_ && i < chunk.size()) {
        if (chunk[i] == kBom[bom_seen_]) {
            ++i;
            if (++bom_seen_ == kBom.size())
                at_stream_start_ = false;
        } else {
            line_.append(kBom.substr(0, bom_seen_));  // a partial match was ordinary text
            at_stream_start_ = false;
        }
    }

    // A CR that ended the previous chunk and this LF are one line ending.
    if (after_cr_ && i < chunk.size()) {
        if (chunk[i] == '\n')
            ++i;
        after_cr_ = false;
    }

    while (i < chunk.size()) {
        const std::size_t end = chunk.find_first_of("\r\n", i);
        const std::string_view piece =
            chunk.substr(i, end == std::string_view::npos ? std::string_view::npos : end - i);
        if (!line_too_long_) {
            if (line_.size() + piece.size() > options_.max_line_bytes) {
                // Drop the rest of this line instead of buffering it; remember only whether
                // it was a comment, which belongs to no event.
                line_too_long_ = true;
                line_is_comment_ = line_.empty() ? piece.front() == ':' : line_.front() == ':';
                line_.clear();
            } else {
                line_.append(piece);
            }
        }
        if (end == std::string_view::npos)
            break;
        process_line(out);
        i = end + 1;
        if (chunk[end] == '\r') {
            if (i == chunk.size())
                after_cr_ = true;
            else if (chunk[i] == '\n')
                ++i;
        }
    }
    return out;
}

void SseParser::process_line(std::vector<SseEvent>& out) {
    if (line_too_long_) {
        if (!line_is_comment_)
            event_too_big_ = true;  // the event lost a line: drop all of it, not a corrupt part
        line_too_long_ = false;
        return;
    }
    if (line_.empty()) {
        dispatch(out);
        return;
    }
    if (line_.front() == ':') {
        line_.clear();
        return;
    }

    const std::string_view line(line_);
    const std::size_t colon = line.find(':');
    const std::string_view field = line.substr(0, colon);
    std::string_view value;
    if (colon != std::string_view::npos) {
        value = line.substr(colon + 1);
        if (!value.empty() && value.front() == ' ')
            value.remove_prefix(1);
    }

    if (field == "data") {
        if (!event_too_big_) {
            data_.append(value);
            data_.push_back('\n');
        }
    } else if (field == "event") {
        if (!event_too_big_)
            type_.assign(value);
    } else if (field == "id") {
        if (value.find('\0') == std::string_view::npos) {
            id_buffer_.assign(value);
            event_has_id_ = true;
        }
    } else if (field == "retry") {
        if (auto ms = parse_retry(value))
            retry_ms_ = ms;
    }  // other fields are ignored

    if (data_.size() + type_.size() > options_.max_event_bytes) {
        event_too_big_ = true;
        std::string().swap(data_);  // give the memory back now, not at dispatch
        std::string().swap(type_);
    }
    line_.clear();
}

void SseParser::dispatch(std::vector<SseEvent>& out) {
    last_event_id_ = id_buffer_;
    if (event_too_big_) {
        ++dropped_events_;
    } else if (!data_.empty()) {
        data_.pop_back();  // the '\n' after the last data line
        SseEvent event;
        event.id = last_event_id_;
        if (!type_.empty())
            event.type = std::move(type_);
        event.data = std::move(data_);
        event.has_id = event_has_id_;
        out.push_back(std::move(event));
    }
    data_.clear();
    type_.clear();
    event_has_id_ = false;
    event_too_big_ = false;
}

}  // namespace loket::net
