// Real-time status: decoding DLE EOT replies and combining them into one PrinterStatus.
#include <cstdio>

#include "loket/input_error.hpp"
#include "loket/printer.hpp"
#include "messages.hpp"

namespace loket::print {
namespace {

bool bit(std::uint8_t b, int n) {
    return ((b >> n) & 1) != 0;
}

std::string hex(std::uint8_t b) {
    char text[8];
    std::snprintf(text, sizeof text, "0x%02X", b);
    return text;
}

void check_reply(std::uint8_t b, const char* query) {
    if (!is_valid_status_byte(b)) {
        throw InputError(
            "printer reply", query,
            "byte " + hex(b) + " is not a status reply (bits 1 and 4 must be set, 0 and 7 clear)");
    }
}

messages::Bilingual text_of(PrinterState state) {
    switch (state) {
        case PrinterState::ok:
            return messages::kStatusOk;
        case PrinterState::paper_near_end:
            return messages::kStatusPaperNearEnd;
        case PrinterState::paper_out:
            return messages::kStatusPaperOut;
        case PrinterState::offline:
            return messages::kStatusOffline;
        case PrinterState::cover_open:
            return messages::kStatusCoverOpen;
        case PrinterState::error:
            return messages::kStatusError;
        case PrinterState::no_reply:
            return messages::kStatusNoReply;
        case PrinterState::not_two_way:
            return messages::kStatusNotTwoWay;
        case PrinterState::invalid_reply:
            return messages::kStatusInvalidReply;
        case PrinterState::unreachable:
            return messages::kStatusUnreachable;
    }
    return messages::kStatusError;
}

constexpr const char* kQueryNames[] = {"", "DLE EOT 1", "DLE EOT 2", "DLE EOT 3", "DLE EOT 4"};

}  // namespace

bool is_valid_status_byte(std::uint8_t b) {
    return (b & 0x93) == 0x12;
}

PrinterFlags decode_printer_flags(std::uint8_t reply) {
    check_reply(reply, kQueryNames[1]);
    return {
        .offline = bit(reply, 3), .waiting_recovery = bit(reply, 5), .feed_button = bit(reply, 6)};
}

OfflineCause decode_offline_cause(std::uint8_t reply) {
    check_reply(reply, kQueryNames[2]);
    return {.cover_open = bit(reply, 2),
            .feed_button = bit(reply, 3),
            .paper_end_stop = bit(reply, 5),
            .error = bit(reply, 6)};
}

ErrorCause decode_error_cause(std::uint8_t reply) {
    check_reply(reply, kQueryNames[3]);
    return {.mechanical = bit(reply, 2),
            .cutter = bit(reply, 3),
            .unrecoverable = bit(reply, 5),
            .auto_recoverable = bit(reply, 6)};
}

PaperSensor decode_paper_sensor(std::uint8_t reply) {
    check_reply(reply, kQueryNames[4]);
    // Printers set both bits of a pair; either one counts, as some models set only one.
    return {.near_end = bit(reply, 2) || bit(reply, 3), .out = bit(reply, 5) || bit(reply, 6)};
}

std::string_view to_string(PrinterState state) {
    switch (state) {
        case PrinterState::ok:
            return "ok";
        case PrinterState::paper_near_end:
            return "paper_near_end";
        case PrinterState::paper_out:
            return "paper_out";
        case PrinterState::offline:
            return "offline";
        case PrinterState::cover_open:
            return "cover_open";
        case PrinterState::error:
            return "error";
        case PrinterState::no_reply:
            return "no_reply";
        case PrinterState::not_two_way:
            return "not_two_way";
        case PrinterState::invalid_reply:
            return "invalid_reply";
        case PrinterState::unreachable:
            return "unreachable";
    }
    return "unknown";
}

bool can_print(PrinterState state) {
    return state == PrinterState::ok || state == PrinterState::paper_near_end ||
           state == PrinterState::not_two_way;
}

PrinterStatus make_status(PrinterState state, std::string detail) {
    const auto text = text_of(state);
    PrinterStatus status;
    status.state = state;
    status.message_id = text.id;
    status.message_en = text.en;
    status.detail = std::move(detail);
    return status;
}

PrinterStatus combine_status(const StatusReplies& replies) {
    const std::optional<std::uint8_t>* all[] = {nullptr, &replies.printer, &replies.offline_cause,
                                                &replies.error_cause, &replies.paper};
    std::string raw;  // e.g. "DLE EOT 1=0x12 DLE EOT 2=0x12 ..." for the log
    for (int n = 1; n <= 4; ++n) {
        if (!raw.empty())
            raw += ' ';
        raw += std::string(kQueryNames[n]) + "=" + (all[n]->has_value() ? hex(**all[n]) : "none");
    }
    for (int n = 1; n <= 4; ++n) {
        if (!all[n]->has_value()) {
            return make_status(PrinterState::no_reply,
                               std::string("no reply to ") + kQueryNames[n] + " (" + raw + ")");
        }
    }
    PrinterFlags flags;
    OfflineCause offline;
    ErrorCause error;
    PaperSensor paper;
    try {
        flags = decode_printer_flags(*replies.printer);
        offline = decode_offline_cause(*replies.offline_cause);
        error = decode_error_cause(*replies.error_cause);
        paper = decode_paper_sensor(*replies.paper);
    } catch (const InputError& e) {
        return make_status(PrinterState::invalid_reply, e.what());
    }

    PrinterState state = PrinterState::ok;
    if (offline.cover_open) {
        state = PrinterState::cover_open;
    } else if (paper.out || offline.paper_end_stop) {
        state = PrinterState::paper_out;
    } else if (offline.error || error.any()) {
        state = PrinterState::error;
    } else if (flags.offline) {
        state = PrinterState::offline;
    } else if (paper.near_end) {
        state = PrinterState::paper_near_end;
    }
    PrinterStatus status = make_status(state, raw);
    status.online = !flags.offline;
    status.cover_open = offline.cover_open;
    status.paper_near_end = paper.near_end;
    status.paper_out = paper.out || offline.paper_end_stop;
    status.error = offline.error || error.any();
    return status;
}

PrinterStatus query_status(Transport& transport) {
    if (!transport.two_way()) {
        return make_status(PrinterState::not_two_way, transport.describe() + " is one-way");
    }
    StatusReplies replies;
    std::optional<std::uint8_t>* slots[] = {&replies.printer, &replies.offline_cause,
                                            &replies.error_cause, &replies.paper};
    try {
        transport.discard_input();
        for (int n = 1; n <= 4; ++n) {
            const auto query = status_query_bytes(static_cast<StatusQuery>(n));
            transport.write(query);
            std::uint8_t reply = 0;
            if (transport.read(std::span(&reply, 1)) == 0)
                break;  // silence: stop asking
            *slots[n - 1] = reply;
        }
    } catch (const PrinterError& e) {
        return make_status(PrinterState::unreachable, e.what());
    }
    PrinterStatus status = combine_status(replies);
    if (status.state == PrinterState::no_reply || status.state == PrinterState::invalid_reply) {
        status.detail = transport.describe() + ": " + status.detail;
    }
    return status;
}

}  // namespace loket::print
