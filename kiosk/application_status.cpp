// Cek status berkas: registration numbers, the receipt's QR code from a USB scanner, and the
// Model's part of the flow (entry, check, result, the Pengambilan ticket).
// docs/kiosk-applications.md.
#include "application_status.hpp"

#include <algorithm>
#include <cctype>

#include "loket/trim.hpp"
#include "model.hpp"

namespace loket::kiosk {
namespace {

// The characters the server accepts in a registration number (queue-server/api.cpp).
constexpr std::string_view kNumberChars =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/.-_ ";

bool is_hex_token(std::string_view s) {
    return s.size() == 32 && s.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// Percent-decoding of a query value ('+' is a space); nullopt for a broken escape.
std::optional<std::string> url_decode(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '+') {
            out += ' ';
        } else if (s[i] == '%') {
            if (i + 2 >= s.size())
                return std::nullopt;
            const int hi = hex_value(s[i + 1]), lo = hex_value(s[i + 2]);
            if (hi < 0 || lo < 0)
                return std::nullopt;
            out += char(hi * 16 + lo);
            i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}

// The value of one query parameter of a URL, percent-decoded.
std::optional<std::string> query_value(std::string_view url, std::string_view name) {
    const auto q = url.find('?');
    if (q == std::string_view::npos)
        return std::nullopt;
    std::string_view rest = url.substr(q + 1);
    if (const auto hash = rest.find('#'); hash != std::string_view::npos)
        rest = rest.substr(0, hash);
    while (!rest.empty()) {
        const auto amp = rest.find('&');
        const std::string_view pair = rest.substr(0, amp);
        const auto eq = pair.find('=');
        if (eq != std::string_view::npos && pair.substr(0, eq) == name)
            return url_decode(pair.substr(eq + 1));
        if (amp == std::string_view::npos)
            break;
        rest.remove_prefix(amp + 1);
    }
    return std::nullopt;
}

}  // namespace

std::string normalize_registration_number(std::string_view typed) {
    std::string out;
    for (char c : trim_space(typed)) {
        if (c == '\\')
            c = '/';
        if (c == '/') {
            while (!out.empty() && out.back() == ' ')
                out.pop_back();
        } else if (c == ' ' && (out.empty() || out.back() == '/' || out.back() == ' ')) {
            continue;
        }
        out += char(std::toupper(static_cast<unsigned char>(c)));
    }
    return out;
}

NumberProblem check_registration_number(std::string_view number) {
    if (number.empty())
        return NumberProblem::empty;
    if (number.size() > kMaxRegistrationNumber)
        return NumberProblem::too_long;
    if (number.find_first_not_of(kNumberChars) != std::string_view::npos)
        return NumberProblem::bad_characters;
    if (std::none_of(number.begin(), number.end(),
                     [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }))
        return NumberProblem::no_digits;
    return NumberProblem::none;
}

std::optional<ReceiptCode> parse_receipt_code(std::string_view scanned) {
    const std::string text = trim_space(scanned);
    if (text.find("nomor=") != std::string::npos && text.find('?') != std::string::npos) {
        const auto number = query_value(text, "nomor");
        const auto token = query_value(text, "token");
        if (!number || !token || !is_hex_token(*token))
            return std::nullopt;
        const std::string n = normalize_registration_number(*number);
        if (check_registration_number(n) != NumberProblem::none)
            return std::nullopt;
        return ReceiptCode{n, *token};
    }
    // "number token": the token is the last word.
    const auto space = text.find_last_of(' ');
    if (space == std::string::npos)
        return std::nullopt;
    const std::string token = text.substr(space + 1);
    const std::string n = normalize_registration_number(text.substr(0, space));
    if (!is_hex_token(token) || check_registration_number(n) != NumberProblem::none)
        return std::nullopt;
    return ReceiptCode{n, token};
}

void ScanDetector::on_text(std::string_view text, Clock::time_point at) {
    if (text.empty())
        return;
    if (!burst_.empty() && at - last_ > kMaxGap)
        burst_.clear();
    if (burst_.size() + text.size() <= 2000)  // a QR code holds less; a stuck key does not grow
        burst_ += text;
    last_ = at;
}

std::optional<std::string> ScanDetector::on_enter(Clock::time_point at) {
    std::string burst;
    burst.swap(burst_);
    if (burst.size() < kMinLength || at - last_ > kMaxGap)
        return std::nullopt;
    return burst;
}

// ---- The Model's part -----------------------------------------------------------------------

std::string Model::status_screen_key() const {
    switch (screen_) {
        case Screen::status_entry:
            return status_.problem == StatusProblem::none ? "status-entry" : "status-problem";
        case Screen::status_checking:
            return "status-checking";
        case Screen::status_result:
            if (status_.result && status_.result->ready)
                return status_.code.token.empty() ? "status-ready-scan" : "status-ready";
            return "status-result";
        default:
            return "unknown";
    }
}

void Model::open_status_check() {
    touch();
    if (screen_ != Screen::start && screen_ != Screen::offline)
        return;
    status_ = {};
    screen_ = Screen::status_entry;
}

void Model::set_status_number(std::string typed) {
    touch();
    if (screen_ != Screen::status_entry)
        return;
    std::transform(typed.begin(), typed.end(), typed.begin(),
                   [](unsigned char c) { return char(std::toupper(c)); });
    if (typed.size() > kMaxRegistrationNumber)
        typed.resize(kMaxRegistrationNumber);
    status_.typed = std::move(typed);
    status_.problem = StatusProblem::none;
}

void Model::submit_status_number() {
    touch();
    if (screen_ != Screen::status_entry)
        return;
    const std::string number = normalize_registration_number(status_.typed);
    switch (check_registration_number(number)) {
        case NumberProblem::none:
            lookup_application({number, ""}, false);
            return;
        case NumberProblem::empty:
            status_.problem = StatusProblem::empty;
            return;
        case NumberProblem::too_long:
            status_.problem = StatusProblem::too_long;
            return;
        case NumberProblem::bad_characters:
            status_.problem = StatusProblem::bad_characters;
            return;
        case NumberProblem::no_digits:
            status_.problem = StatusProblem::no_digits;
            return;
    }
}

void Model::on_keyboard_input(std::string_view text, bool enter) {
    const auto now = clocks_.steady();
    scanner_.on_text(text, now);
    if (!text.empty() || enter)
        touch();
    if (screen_ == Screen::status_entry && !text.empty()) {
        std::string typed = status_.typed;
        for (const char c : text)
            if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7F)
                typed += c;
        set_status_number(std::move(typed));
    }
    if (screen_ == Screen::complaint && !text.empty())
        type_into_complaint(text);
    if (!enter)
        return;
    if (const auto burst = scanner_.on_enter(now)) {
        // A scan goes straight to the file from any screen, except while a ticket is on its way.
        if (screen_ == Screen::issuing || screen_ == Screen::status_checking)
            return;
        if (const auto code = parse_receipt_code(*burst)) {
            lookup_application(*code, true);
            return;
        }
        if (screen_ == Screen::status_entry) {
            status_.typed.clear();
            status_.problem = StatusProblem::qr_unrecognized;
        }
        return;
    }
    if (screen_ == Screen::status_entry)
        submit_status_number();
}

void Model::lookup_application(ReceiptCode code, bool scanned) {
    touch();
    status_.typed = code.number;
    if (!(status_.code == code))
        status_.pickup_key.clear();
    status_.code = std::move(code);
    status_.scanned = scanned;
    status_.result.reset();
    status_.problem = StatusProblem::none;
    status_.seq = ++seq_;
    screen_ = Screen::status_checking;
    emit(LookupApplication{status_.seq, status_.code});
}

void Model::on_application(std::uint64_t seq, const Result<ApplicationPublic>& reply) {
    if (seq != status_.seq || screen_ != Screen::status_checking)
        return;  // an older check, or the applicant has moved on
    if (reply.ok()) {
        status_.result = reply.value();
        screen_ = Screen::status_result;
        touch();  // time to read it
        return;
    }
    const Failure& f = reply.failure();
    switch (f.kind) {
        case FailureKind::not_found:
            status_.problem =
                status_.code.token.empty() ? StatusProblem::not_found : StatusProblem::qr_not_found;
            break;
        case FailureKind::unreachable:
            status_.problem = StatusProblem::offline;
            break;
        case FailureKind::http_error:
            status_.problem =
                f.status == 400 ? StatusProblem::bad_characters : StatusProblem::server;
            break;
        case FailureKind::bad_reply:
        case FailureKind::office_closed:
        case FailureKind::rate_limited:
            status_.problem = StatusProblem::server;
            break;
    }
    screen_ = Screen::status_entry;
}

void Model::take_pickup_ticket() {
    touch();
    if (screen_ != Screen::status_result || !status_.result || !status_.result->ready ||
        status_.code.token.empty() || !can_take_numbers())
        return;
    if (status_.pickup_key.empty())
        status_.pickup_key = make_key_();
    issue_pickup_now();
}

void Model::issue_pickup_now() {
    issue_seq_ = ++seq_;
    screen_ = Screen::issuing;
    status_.problem = StatusProblem::none;
    emit(IssuePickupTicket{issue_seq_, status_.code, status_.pickup_key});
}

void Model::on_pickup_ticket(std::uint64_t seq, const Result<PickupIssued>& reply) {
    if (seq != issue_seq_ || screen_ != Screen::issuing) {
        if (reply.ok())  // nobody is there to take it
            emit(ReportPrint{reply.value().ticket.id, "not_printed",
                             "the kiosk was reset before the ticket arrived"});
        return;
    }
    if (reply.ok()) {
        status_.result = reply.value().application;
        status_.pickup_key.clear();
        accept_ticket(reply.value().ticket);
        return;
    }
    const Failure& f = reply.failure();
    if (f.kind == FailureKind::office_closed) {
        closed_message_ = f.message;
        screen_ = Screen::closed;
        status_.pickup_key.clear();
        emit(RefreshNow{});
        return;
    }
    if (f.kind == FailureKind::not_found ||
        (f.kind == FailureKind::http_error && f.status == 409)) {
        // Refused for good: the receipt does not match, or the file is not ready (any more).
        status_.problem = f.kind == FailureKind::not_found ? StatusProblem::qr_not_found
                                                           : StatusProblem::not_ready;
        if (status_.result)
            status_.result->ready = false;
        status_.pickup_key.clear();
        screen_ = Screen::status_result;
        return;
    }
    show_error(f, ErrorInfo::Retry::pickup, Screen::status_result);
}

}  // namespace loket::kiosk
