// Transports and the print flow against fake printers: a TCP server on 127.0.0.1, a
// pseudo-terminal standing in for /dev/usb/lp0, a file, and none.
#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <termios.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>

#include "escpos_decoder.hpp"
#include "fake_printer.hpp"
#include "loket/input_error.hpp"
#include "loket/printer.hpp"
#include "loket/ticket_print.hpp"
#include "sample_ticket.hpp"

namespace loket::print {
namespace {

using namespace std::chrono_literals;
using testing::FakePrinter;
using Clock = std::chrono::steady_clock;

constexpr std::uint8_t kIdle = 0x12;
const Timeouts kFast{.connect = 500ms, .write = 500ms, .read = 250ms};

const std::vector<std::uint8_t> kFourQueries = {0x10, 0x04, 1, 0x10, 0x04, 2,
                                                0x10, 0x04, 3, 0x10, 0x04, 4};

std::filesystem::path temp_file(const std::string& name) {
    const auto dir =
        std::filesystem::temp_directory_path() / ("loket-print-test-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const auto path = dir / name;
    std::filesystem::remove(path);
    return path;
}

std::vector<std::uint8_t> read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

// ---- TCP ---------------------------------------------------------------------------------------

TEST(TcpTransport, StatusOkAsksAllFourQueries) {
    FakePrinter printer(FakePrinter::replies(kIdle, kIdle, kIdle, kIdle));
    TcpTransport tcp("127.0.0.1", printer.port(), kFast);
    EXPECT_TRUE(tcp.two_way());
    EXPECT_EQ(tcp.describe(), "tcp 127.0.0.1:" + std::to_string(printer.port()));
    const auto status = query_status(tcp);
    EXPECT_EQ(status.state, PrinterState::ok) << status.detail;
    EXPECT_TRUE(status.online);
    EXPECT_EQ(printer.received(), kFourQueries);
    EXPECT_EQ(printer.queries_answered(), 4);
}

TEST(TcpTransport, StatesFromFakePrinter) {
    struct Case {
        std::uint8_t r1, r2, r3, r4;
        PrinterState expected;
    };
    const Case cases[] = {
        {kIdle, kIdle, kIdle, 0x1E, PrinterState::paper_near_end},
        {0x1A, 0x32, kIdle, 0x72, PrinterState::paper_out},
        {0x1A, 0x16, kIdle, kIdle, PrinterState::cover_open},
        {0x1A, 0x52, 0x1A, kIdle, PrinterState::error},
        {0x1A, kIdle, kIdle, kIdle, PrinterState::offline},
    };
    for (const auto& c : cases) {
        FakePrinter printer(FakePrinter::replies(c.r1, c.r2, c.r3, c.r4));
        TcpTransport tcp("127.0.0.1", printer.port(), kFast);
        EXPECT_EQ(query_status(tcp).state, c.expected) << to_string(c.expected);
    }
}

TEST(TcpTransport, SilentPrinterGivesNoReplyWithinTheTimeout) {
    FakePrinter printer(FakePrinter::silent());
    TcpTransport tcp("127.0.0.1", printer.port(), kFast);
    const auto start = Clock::now();
    const auto status = query_status(tcp);
    const auto elapsed = Clock::now() - start;
    EXPECT_EQ(status.state, PrinterState::no_reply);
    EXPECT_NE(status.detail.find("DLE EOT 1"), std::string::npos) << status.detail;
    EXPECT_GE(elapsed, 240ms);
    EXPECT_LT(elapsed, 600ms) << "stops asking after the first silence";
    EXPECT_EQ(printer.received().size(), 3u);
}

TEST(TcpTransport, GarbageReplyIsReportedAsInvalid) {
    FakePrinter printer(FakePrinter::replies(kIdle, 0xFF, kIdle, kIdle));
    TcpTransport tcp("127.0.0.1", printer.port(), kFast);
    const auto status = query_status(tcp);
    EXPECT_EQ(status.state, PrinterState::invalid_reply);
    EXPECT_NE(status.detail.find("0xFF"), std::string::npos) << status.detail;
    EXPECT_NE(status.detail.find("DLE EOT 2"), std::string::npos) << status.detail;
}

TEST(TcpTransport, LateReplyFromAnEarlierQueryIsDiscarded) {
    // The first status query times out, the reply shows up late; the next query must not
    // take the stale byte as its answer.
    FakePrinter printer(FakePrinter::replies(0xFF, 0xFF, 0xFF, 0xFF));
    TcpTransport tcp("127.0.0.1", printer.port(), kFast);
    tcp.write(std::vector<std::uint8_t>{0x10, 0x04, 0x01});
    std::this_thread::sleep_for(100ms);  // the reply 0xFF now waits unread
    tcp.discard_input();
    std::uint8_t byte = 0;
    EXPECT_EQ(tcp.read(std::span(&byte, 1)), 0u) << "nothing left after discard";
}

TEST(TcpTransport, ReconnectsAfterThePrinterDropsTheConnection) {
    FakePrinter printer(FakePrinter::replies(kIdle, kIdle, kIdle, kIdle));
    TcpTransport tcp("127.0.0.1", printer.port(), kFast);
    EXPECT_EQ(query_status(tcp).state, PrinterState::ok);
    printer.drop_connections();
    std::this_thread::sleep_for(100ms);
    const auto outcome = print_ticket(tcp, testing::sample_layout());
    EXPECT_EQ(outcome.result, PrintResult::printed) << outcome.detail;
}

TEST(TcpTransport, ConnectionRefusedIsAnErrorNotAHang) {
    std::uint16_t port = 0;
    {
        FakePrinter closed(FakePrinter::silent());
        port = closed.port();
    }  // listener closed: the port now refuses
    TcpTransport tcp("127.0.0.1", port, kFast);
    const std::vector<std::uint8_t> bytes{0x1B, 0x40};
    try {
        tcp.write(bytes);
        FAIL() << "expected PrinterError";
    } catch (const PrinterError& e) {
        EXPECT_NE(std::string(e.what()).find("cannot connect"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("127.0.0.1"), std::string::npos) << e.what();
    }
    EXPECT_EQ(query_status(tcp).state, PrinterState::unreachable);
    const auto outcome = print_ticket(tcp, testing::sample_layout());
    EXPECT_EQ(outcome.result, PrintResult::failed);
    EXPECT_FALSE(outcome.sent);
}

TEST(TcpTransport, ConnectTimesOutWhenThePrinterDoesNotAnswer) {
    // A listener whose accept queue is full drops new SYNs: connecting hangs, as it does to a
    // printer that was switched off.
    const int listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    ASSERT_EQ(::bind(listener, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    ASSERT_EQ(::listen(listener, 0), 0);
    ASSERT_EQ(::getsockname(listener, reinterpret_cast<sockaddr*>(&addr), &len), 0);
    std::vector<int> fillers;
    for (int i = 0; i < 4; ++i) {
        fillers.push_back(::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
        ::connect(fillers.back(), reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    }
    std::this_thread::sleep_for(50ms);
    TcpTransport tcp("127.0.0.1", ntohs(addr.sin_port), {.connect = 200ms});
    const auto start = Clock::now();
    try {
        tcp.write(std::vector<std::uint8_t>{0x1B, 0x40});
        ADD_FAILURE() << "expected PrinterError";
    } catch (const PrinterError& e) {
        EXPECT_NE(std::string(e.what()).find("cannot connect"), std::string::npos) << e.what();
    }
    EXPECT_LT(Clock::now() - start, 600ms);
    for (int fd : fillers)
        ::close(fd);
    ::close(listener);
}

TEST(TcpTransport, UnknownHostIsAnError) {
    TcpTransport tcp("no-such-host.invalid", 9100, kFast);
    EXPECT_THROW(tcp.write(std::vector<std::uint8_t>{0x1B, 0x40}), PrinterError);
}

// ---- Print flow over TCP -----------------------------------------------------------------------

TEST(PrintFlow, OkPrinterPrintsTheTicket) {
    FakePrinter printer(FakePrinter::replies(kIdle, kIdle, kIdle, kIdle));
    TcpTransport tcp("127.0.0.1", printer.port(), kFast);
    const auto layout = testing::sample_layout();
    const auto outcome = print_ticket(tcp, layout);
    EXPECT_EQ(outcome.result, PrintResult::printed) << outcome.detail;
    EXPECT_TRUE(outcome.sent);
    EXPECT_EQ(outcome.status.state, PrinterState::ok);
    EXPECT_EQ(outcome.message_id, "Tiket dicetak");
    const auto ticket = encode_ticket(layout);
    ASSERT_TRUE(printer.wait_for_bytes(kFourQueries.size() + ticket.size(), 1s));
    const auto received = printer.received();
    // Status first, then exactly the ticket.
    EXPECT_TRUE(std::equal(kFourQueries.begin(), kFourQueries.end(), received.begin()));
    EXPECT_TRUE(std::equal(ticket.begin(), ticket.end(), received.begin() + 12));
    const auto decoded = testing::decode_escpos(received);
    ASSERT_EQ(decoded.qrs().size(), 1u);
    EXPECT_EQ(decoded.qrs()[0].data, layout.status_url);
}

TEST(PrintFlow, PaperNearEndPrintsWithWarning) {
    FakePrinter printer(FakePrinter::replies(kIdle, kIdle, kIdle, 0x1E));
    TcpTransport tcp("127.0.0.1", printer.port(), kFast);
    const auto outcome = print_ticket(tcp, testing::sample_layout());
    EXPECT_EQ(outcome.result, PrintResult::printed_with_warning);
    EXPECT_TRUE(outcome.sent);
    EXPECT_EQ(outcome.status.state, PrinterState::paper_near_end);
    EXPECT_NE(outcome.message_id.find("hampir habis"), std::string::npos) << outcome.message_id;
    EXPECT_NE(outcome.message_en.find("running low"), std::string::npos) << outcome.message_en;
    EXPECT_TRUE(printer.wait_for_bytes(kFourQueries.size() + 100, 1s));
}

TEST(PrintFlow, PaperOutSendsNothing) {
    FakePrinter printer(FakePrinter::replies(0x1A, 0x32, kIdle, 0x72));
    TcpTransport tcp("127.0.0.1", printer.port(), kFast);
    const auto outcome = print_ticket(tcp, testing::sample_layout());
    EXPECT_EQ(outcome.result, PrintResult::failed);
    EXPECT_FALSE(outcome.sent);
    EXPECT_EQ(outcome.status.state, PrinterState::paper_out);
    EXPECT_EQ(outcome.message_id, "Tiket tidak dicetak: Kertas printer habis");
    EXPECT_EQ(outcome.message_en, "Ticket not printed: Printer is out of paper");
    std::this_thread::sleep_for(50ms);
    EXPECT_EQ(printer.received(), kFourQueries) << "only the status queries went out";
}

TEST(PrintFlow, CoverOpenSendsNothing) {
    FakePrinter printer(FakePrinter::replies(0x1A, 0x16, kIdle, kIdle));
    TcpTransport tcp("127.0.0.1", printer.port(), kFast);
    const auto outcome = print_ticket(tcp, testing::sample_layout());
    EXPECT_EQ(outcome.result, PrintResult::failed);
    EXPECT_EQ(outcome.status.state, PrinterState::cover_open);
    EXPECT_FALSE(outcome.sent);
}

TEST(PrintFlow, SilentPrinterFailsWithNoReplyWithinTheTimeout) {
    FakePrinter printer(FakePrinter::silent());
    TcpTransport tcp("127.0.0.1", printer.port(), kFast);
    const auto start = Clock::now();
    const auto outcome = print_ticket(tcp, testing::sample_layout());
    EXPECT_LT(Clock::now() - start, 700ms);
    EXPECT_EQ(outcome.result, PrintResult::failed);
    EXPECT_EQ(outcome.status.state, PrinterState::no_reply);
    EXPECT_FALSE(outcome.sent);
    std::this_thread::sleep_for(50ms);
    EXPECT_EQ(printer.received().size(), 3u);
}

TEST(PrintFlow, GarbageReplyFailsAsInvalidReply) {
    FakePrinter printer(FakePrinter::replies(0xFF, 0xFF, 0xFF, 0xFF));
    TcpTransport tcp("127.0.0.1", printer.port(), kFast);
    const auto outcome = print_ticket(tcp, testing::sample_layout());
    EXPECT_EQ(outcome.result, PrintResult::failed);
    EXPECT_EQ(outcome.status.state, PrinterState::invalid_reply);
    EXPECT_FALSE(outcome.sent);
    EXPECT_NE(outcome.message_en.find("not recognised"), std::string::npos) << outcome.message_en;
}

// ---- File and none -----------------------------------------------------------------------------

TEST(FileTransport, AppendsBytesAndIsOneWay) {
    const auto path = temp_file("append.bin");
    FileTransport file(path);
    EXPECT_FALSE(file.two_way());
    file.write(std::vector<std::uint8_t>{0x1B, 0x40});
    file.write(std::vector<std::uint8_t>{'A', 0x0A});
    EXPECT_EQ(read_file(path), (std::vector<std::uint8_t>{0x1B, 0x40, 'A', 0x0A}));
    std::uint8_t b = 0;
    EXPECT_THROW(file.read(std::span(&b, 1)), PrinterError);
    EXPECT_EQ(query_status(file).state, PrinterState::not_two_way);
}

TEST(FileTransport, PrintTicketWritesExactlyTheTicket) {
    const auto path = temp_file("ticket.bin");
    FileTransport file(path);
    const auto layout = testing::sample_layout(PaperWidth::mm80);
    const auto outcome = print_ticket(file, layout);
    EXPECT_EQ(outcome.result, PrintResult::printed);
    EXPECT_EQ(outcome.status.state, PrinterState::not_two_way);
    EXPECT_EQ(read_file(path), encode_ticket(layout));
}

TEST(FileTransport, UnwritablePathIsAnError) {
    FileTransport file("/nonexistent-dir/ticket.bin");
    EXPECT_THROW(file.write(std::vector<std::uint8_t>{0x1B, 0x40}), PrinterError);
    const auto outcome = print_ticket(file, testing::sample_layout());
    EXPECT_EQ(outcome.result, PrintResult::failed);
    EXPECT_FALSE(outcome.sent);
    EXPECT_NE(outcome.detail.find("nonexistent-dir"), std::string::npos) << outcome.detail;
    EXPECT_EQ(outcome.message_id, "Gagal mengirim tiket ke printer");
}

TEST(NullTransport, NothingIsPrinted) {
    NullTransport none;
    EXPECT_THROW(none.write(std::vector<std::uint8_t>{0x1B}), PrinterError);
    const auto outcome = print_ticket(none, testing::sample_layout());
    EXPECT_EQ(outcome.result, PrintResult::failed);
    EXPECT_FALSE(outcome.sent);
    EXPECT_NE(outcome.message_id.find("Tidak ada printer"), std::string::npos);
}

TEST(MakeTransport, ParsesSettings) {
    EXPECT_EQ(make_transport("none")->describe(), "none");
    EXPECT_EQ(make_transport("file:/tmp/t.bin")->describe(), "file /tmp/t.bin");
    EXPECT_EQ(make_transport("tcp:10.0.0.5")->describe(), "tcp 10.0.0.5:9100");
    EXPECT_EQ(make_transport("tcp:printer.local:9101")->describe(), "tcp printer.local:9101");
    EXPECT_EQ(make_transport("tcp:[::1]:9102")->describe(), "tcp ::1:9102");
    EXPECT_EQ(make_transport("tcp:::1")->describe(), "tcp ::1:9100");
    EXPECT_EQ(make_transport("usb:/dev/usb/lp0")->describe(), "device /dev/usb/lp0");
    EXPECT_TRUE(make_transport("usb:/dev/usb/lp0")->two_way());
    EXPECT_FALSE(make_transport("device-oneway:/dev/usb/lp1")->two_way());
    for (const char* bad : {"", "lp0", "tcp:", "tcp:host:0", "tcp:host:70000", "tcp:host:x",
                            "tcp::9100", "serial:/dev/ttyS0", "file:"}) {
        EXPECT_THROW(make_transport(bad), InputError) << bad;
    }
}

// ---- Device (a pseudo-terminal plays /dev/usb/lp0) ---------------------------------------------

class PtyPrinter {
  public:
    PtyPrinter() {
        master_ = ::posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
        if (master_ < 0 || ::grantpt(master_) != 0 || ::unlockpt(master_) != 0) {
            throw std::runtime_error("no pseudo-terminal");
        }
        path_ = ::ptsname(master_);
        // Raw mode: the line discipline must not treat 0x04 (EOT) or 0x10 specially.
        slave_ = ::open(path_.c_str(), O_RDWR | O_NOCTTY | O_CLOEXEC);
        termios t{};
        ::tcgetattr(slave_, &t);
        ::cfmakeraw(&t);
        ::tcsetattr(slave_, TCSANOW, &t);
    }
    ~PtyPrinter() {
        stop_ = true;
        if (thread_.joinable())
            thread_.join();
        ::close(slave_);
        ::close(master_);
    }
    const std::string& path() const { return path_; }
    // Answers every DLE EOT n with reply(n) from a thread.
    void answer(std::function<std::uint8_t(int)> reply) {
        thread_ = std::thread([this, reply] {
            int state = 0;
            while (!stop_) {
                pollfd p{master_, POLLIN, 0};
                if (::poll(&p, 1, 20) <= 0)
                    continue;
                std::uint8_t buf[512];
                const ssize_t n = ::read(master_, buf, sizeof buf);
                for (ssize_t i = 0; i < n; ++i) {
                    if (state == 2) {
                        const std::uint8_t r = reply(buf[i]);
                        (void)!::write(master_, &r, 1);
                        state = 0;
                    } else if (state == 1) {
                        state = buf[i] == 0x04 ? 2 : 0;
                    } else if (buf[i] == 0x10) {
                        state = 1;
                    }
                }
            }
        });
    }

  private:
    int master_ = -1, slave_ = -1;
    std::string path_;
    std::atomic<bool> stop_{false};
    std::thread thread_;
};

TEST(DeviceTransport, StatusOverAPrinterDevice) {
    PtyPrinter pty;
    pty.answer([](int n) -> std::uint8_t { return n == 4 ? 0x1E : kIdle; });
    DeviceTransport device(pty.path(), kFast);
    EXPECT_EQ(device.describe(), "device " + pty.path());
    const auto status = query_status(device);
    EXPECT_EQ(status.state, PrinterState::paper_near_end) << status.detail;
    const auto outcome = print_ticket(device, testing::sample_layout());
    EXPECT_EQ(outcome.result, PrintResult::printed_with_warning) << outcome.detail;
}

TEST(DeviceTransport, ReadTimesOutWhenTheDeviceIsSilent) {
    PtyPrinter pty;
    DeviceTransport device(pty.path(), kFast);
    std::uint8_t byte = 0;
    const auto start = Clock::now();
    EXPECT_EQ(device.read(std::span(&byte, 1)), 0u);
    const auto elapsed = Clock::now() - start;
    EXPECT_GE(elapsed, 240ms);
    EXPECT_LT(elapsed, 600ms);
    EXPECT_EQ(query_status(device).state, PrinterState::no_reply);
}

TEST(DeviceTransport, WriteTimesOutWhenThePrinterTakesNothing) {
    PtyPrinter pty;  // nobody reads the master side: the buffer fills up
    DeviceTransport device(pty.path(), {.connect = 200ms, .write = 200ms, .read = 200ms});
    const std::vector<std::uint8_t> big(4 << 20, 'x');
    const auto start = Clock::now();
    try {
        device.write(big);
        FAIL() << "expected a write timeout";
    } catch (const PrinterError& e) {
        EXPECT_NE(std::string(e.what()).find("timed out"), std::string::npos) << e.what();
    }
    EXPECT_LT(Clock::now() - start, 700ms);
}

TEST(DeviceTransport, MissingDeviceIsReported) {
    DeviceTransport device("/dev/usb/no-such-lp9", kFast);
    try {
        device.write(std::vector<std::uint8_t>{0x1B, 0x40});
        FAIL() << "expected PrinterError";
    } catch (const PrinterError& e) {
        EXPECT_NE(std::string(e.what()).find("cannot open"), std::string::npos) << e.what();
    }
    const auto status = query_status(device);
    EXPECT_EQ(status.state, PrinterState::unreachable);
    EXPECT_EQ(status.message_id, "Printer tidak dapat dihubungi");
    const auto outcome = print_ticket(device, testing::sample_layout());
    EXPECT_EQ(outcome.result, PrintResult::failed);
    EXPECT_FALSE(outcome.sent);
}

TEST(DeviceTransport, OneWayDeviceSkipsStatus) {
    const auto path = temp_file("oneway.bin");
    { std::ofstream touch(path); }
    DeviceTransport device(path, kFast, false);
    EXPECT_FALSE(device.two_way());
    EXPECT_EQ(query_status(device).state, PrinterState::not_two_way);
    const auto layout = testing::sample_layout();
    EXPECT_EQ(print_ticket(device, layout).result, PrintResult::printed);
    EXPECT_EQ(read_file(path), encode_ticket(layout));
}

}  // namespace
}  // namespace loket::print
