// The kiosk model's taking a number: the service and priority chosen, the issue request, and
// the issued ticket and its printing.
#include <utility>

#include "model.hpp"

namespace loket::kiosk {

// ---- Taking a number ------------------------------------------------------------------------

void Model::take_number_for_permit() {
    touch();
    if (screen_ != Screen::permit || !permit_ || !can_take_numbers())
        return;
    pending_ = IssueRequest{proposed_service(), Priority::None, permit_->id};
    from_permit_ = true;
    screen_ = Screen::priority;
}

void Model::select_service(const std::string& service_id) {
    touch();
    if (screen_ == Screen::priority)
        pending_.service = service_id;
}

void Model::choose_priority(Priority priority) {
    touch();
    if (screen_ != Screen::priority || !can_take_numbers())
        return;
    pending_.priority = priority;
    // A new tap gets a new key, except the same request tapped again after a failure: its
    // first attempt may have made a ticket whose reply was lost, so the key is kept.
    if (key_.empty() || !(pending_ == last_attempt_))
        key_ = make_key_();
    last_attempt_ = pending_;
    issue_now();
}

void Model::issue_now() {
    issue_seq_ = ++seq_;
    screen_ = Screen::issuing;
    emit(IssueTicket{issue_seq_, pending_, key_});
}

// ---- Ticket replies -------------------------------------------------------------------------

void Model::on_issued(std::uint64_t seq, const Result<IssuedTicket>& reply) {
    if (seq != issue_seq_ || screen_ != Screen::issuing) {
        // The screen was reset before the reply came: nobody is there to take the ticket.
        if (reply.ok())
            emit(ReportPrint{reply.value().id, "not_printed",
                             "the kiosk was reset before the ticket arrived"});
        return;
    }
    if (reply.ok()) {
        key_.clear();
        last_attempt_ = {};
        accept_ticket(reply.value());
        return;
    }
    const Failure& f = reply.failure();
    if (f.kind == FailureKind::office_closed) {
        closed_message_ = f.message;
        screen_ = Screen::closed;
        key_.clear();
        last_attempt_ = {};
        emit(RefreshNow{});
        return;
    }
    show_error(f, ErrorInfo::Retry::issue, Screen::priority);
}

void Model::accept_ticket(const IssuedTicket& ticket) {
    ticket_ = ticket;
    print_state_ = PrintState::printing;
    print_id_.clear();
    print_en_.clear();
    screen_ = Screen::ticket;
    touch();  // the applicant gets the full timeout to read (or photograph) the ticket
    emit(PrintTicket{*ticket_});
    emit(RefreshNow{});
}

void Model::on_printed(const PrintReport& report) {
    // The server hears about every outcome, whoever is at the screen now.
    emit(ReportPrint{report.ticket_id, report.server_status, report.problem});
    if (!ticket_ || ticket_->id != report.ticket_id)
        return;
    print_state_ = report.state;
    print_id_ = report.message_id;
    print_en_ = report.message_en;
    if (report.state == PrintState::failed || report.state == PrintState::no_printer)
        touch();  // time to photograph the screen
}

}  // namespace loket::kiosk
