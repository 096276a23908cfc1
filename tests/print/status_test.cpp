// Decoding DLE EOT replies (docs/escpos.md) and combining them into one status.
#include <gtest/gtest.h>

#include "loket/input_error.hpp"
#include "loket/printer.hpp"

namespace loket::print {
namespace {

constexpr std::uint8_t kIdle = 0x12;  // fixed bits only: nothing to report

TEST(PrinterStatusDecode, QueryBytes) {
    EXPECT_EQ(status_query_bytes(StatusQuery::printer),
              (std::array<std::uint8_t, 3>{0x10, 0x04, 1}));
    EXPECT_EQ(status_query_bytes(StatusQuery::offline_cause)[2], 2);
    EXPECT_EQ(status_query_bytes(StatusQuery::error_cause)[2], 3);
    EXPECT_EQ(status_query_bytes(StatusQuery::paper)[2], 4);
}

TEST(PrinterStatusDecode, FixedBitsAreValidated) {
    EXPECT_TRUE(is_valid_status_byte(0x12));
    EXPECT_TRUE(is_valid_status_byte(0x72));
    EXPECT_TRUE(is_valid_status_byte(0x1E));
    EXPECT_FALSE(is_valid_status_byte(0x00));
    EXPECT_FALSE(is_valid_status_byte(0xFF));
    EXPECT_FALSE(is_valid_status_byte(0x10));  // bit 1 clear
    EXPECT_FALSE(is_valid_status_byte(0x02));  // bit 4 clear
    EXPECT_FALSE(is_valid_status_byte(0x13));  // bit 0 set
    EXPECT_FALSE(is_valid_status_byte(0x92));  // bit 7 set
    int valid = 0;
    for (int b = 0; b < 256; ++b)
        valid += is_valid_status_byte(static_cast<std::uint8_t>(b));
    EXPECT_EQ(valid, 16);  // four free bits
    EXPECT_THROW(decode_printer_flags(0xFF), InputError);
    EXPECT_THROW(decode_offline_cause(0x00), InputError);
    EXPECT_THROW(decode_error_cause(0x93), InputError);
    try {
        decode_paper_sensor(0x41);
        FAIL() << "expected InputError";
    } catch (const InputError& e) {
        EXPECT_EQ(e.source(), "printer reply");
        EXPECT_EQ(e.field(), "DLE EOT 4");
        EXPECT_NE(e.reason().find("0x41"), std::string::npos) << e.what();
    }
}

TEST(PrinterStatusDecode, Bits) {
    EXPECT_FALSE(decode_printer_flags(0x12).offline);
    EXPECT_TRUE(decode_printer_flags(0x1A).offline);
    EXPECT_TRUE(decode_offline_cause(0x16).cover_open);
    EXPECT_TRUE(decode_offline_cause(0x32).paper_end_stop);
    EXPECT_TRUE(decode_offline_cause(0x52).error);
    EXPECT_TRUE(decode_error_cause(0x1A).cutter);
    EXPECT_TRUE(decode_error_cause(0x32).unrecoverable);
    EXPECT_TRUE(decode_error_cause(0x52).auto_recoverable);
    EXPECT_FALSE(decode_error_cause(0x12).any());
    // docs/escpos.md: 0x12 ok, 0x1E near end, 0x72 out.
    EXPECT_FALSE(decode_paper_sensor(0x12).near_end);
    EXPECT_FALSE(decode_paper_sensor(0x12).out);
    EXPECT_TRUE(decode_paper_sensor(0x1E).near_end);
    EXPECT_FALSE(decode_paper_sensor(0x1E).out);
    EXPECT_TRUE(decode_paper_sensor(0x72).out);
}

StatusReplies replies(std::uint8_t printer, std::uint8_t offline, std::uint8_t error,
                      std::uint8_t paper) {
    return {printer, offline, error, paper};
}

TEST(PrinterStatusCombine, States) {
    EXPECT_EQ(combine_status(replies(kIdle, kIdle, kIdle, kIdle)).state, PrinterState::ok);
    EXPECT_EQ(combine_status(replies(kIdle, kIdle, kIdle, 0x1E)).state,
              PrinterState::paper_near_end);
    // Paper out: the printer goes offline and names the paper end as the cause.
    EXPECT_EQ(combine_status(replies(0x1A, 0x32, kIdle, 0x72)).state, PrinterState::paper_out);
    EXPECT_EQ(combine_status(replies(0x1A, 0x16, kIdle, kIdle)).state, PrinterState::cover_open);
    EXPECT_EQ(combine_status(replies(0x1A, 0x52, 0x1A, kIdle)).state, PrinterState::error);
    EXPECT_EQ(combine_status(replies(0x1A, kIdle, kIdle, kIdle)).state, PrinterState::offline);
    // Cover open wins over paper out: closing the cover is the first thing to do.
    EXPECT_EQ(combine_status(replies(0x1A, 0x36, kIdle, 0x72)).state, PrinterState::cover_open);
}

TEST(PrinterStatusCombine, FlagsAndMessages) {
    const auto s = combine_status(replies(kIdle, kIdle, kIdle, 0x1E));
    EXPECT_TRUE(s.online);
    EXPECT_TRUE(s.paper_near_end);
    EXPECT_FALSE(s.paper_out);
    EXPECT_FALSE(s.message_id.empty());
    EXPECT_FALSE(s.message_en.empty());
    EXPECT_NE(s.message_id, s.message_en);
    EXPECT_NE(s.detail.find("DLE EOT 4=0x1E"), std::string::npos) << s.detail;
    const auto out = combine_status(replies(0x1A, 0x32, kIdle, 0x72));
    EXPECT_FALSE(out.online);
    EXPECT_TRUE(out.paper_out);
    EXPECT_EQ(out.message_id, "Kertas printer habis");
    EXPECT_EQ(out.message_en, "Printer is out of paper");
}

TEST(PrinterStatusCombine, MissingAndInvalidReplies) {
    StatusReplies none;
    EXPECT_EQ(combine_status(none).state, PrinterState::no_reply);
    StatusReplies partial = replies(kIdle, kIdle, kIdle, kIdle);
    partial.paper.reset();
    const auto s = combine_status(partial);
    EXPECT_EQ(s.state, PrinterState::no_reply);
    EXPECT_NE(s.detail.find("DLE EOT 4"), std::string::npos);
    const auto bad = combine_status(replies(kIdle, 0xFF, kIdle, kIdle));
    EXPECT_EQ(bad.state, PrinterState::invalid_reply);
    EXPECT_NE(bad.detail.find("0xFF"), std::string::npos) << bad.detail;
}

TEST(PrinterStatusCombine, EveryStateHasBilingualMessages) {
    for (int i = 0; i <= static_cast<int>(PrinterState::unreachable); ++i) {
        const auto state = static_cast<PrinterState>(i);
        const auto s = make_status(state);
        EXPECT_FALSE(s.message_id.empty()) << to_string(state);
        EXPECT_FALSE(s.message_en.empty()) << to_string(state);
        EXPECT_NE(to_string(state), "unknown");
    }
    EXPECT_TRUE(can_print(PrinterState::ok));
    EXPECT_TRUE(can_print(PrinterState::paper_near_end));
    EXPECT_TRUE(can_print(PrinterState::not_two_way));
    EXPECT_FALSE(can_print(PrinterState::paper_out));
    EXPECT_FALSE(can_print(PrinterState::no_reply));
    EXPECT_FALSE(can_print(PrinterState::invalid_reply));
}

}  // namespace
}  // namespace loket::print
