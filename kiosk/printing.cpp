#include "printing.hpp"

#include <cstdio>
#include <exception>

#include "format.hpp"
#include "text.hpp"

namespace loket::kiosk {

std::string format_issued_at(const IssuedTicket& ticket) {
    if (ticket.issued_at_ms <= 0)
        return "";
    const LocalClock c = local_clock_ms(ticket.issued_at_ms, ticket.utc_offset_minutes);
    char date[16];
    std::snprintf(date, sizeof date, "%02u-%02u-%04d", unsigned(c.date.day()),
                  unsigned(c.date.month()), int(c.date.year()));
    std::string out = std::string(date) + " " + format_time(c.hour, c.minute);
    if (!ticket.time_zone.empty())
        out += " " + ticket.time_zone;
    return out;
}

print::TicketLayout ticket_layout(const IssuedTicket& t, const TicketPrintSettings& s) {
    print::TicketLayout layout;
    layout.office_name = s.office_name.empty() ? t.office_name : s.office_name;
    layout.header_lines = s.header_lines;
    layout.service_name = t.service_name;
    layout.ticket_number = t.number;
    if (t.permit_name && !t.permit_name->empty())
        layout.permit_name = *t.permit_name;
    if (t.priority != Priority::None)
        layout.priority_label = tr(Language::Indonesian, T::priority_badge,
                                   {priority_name(Language::Indonesian, t.priority)});
    layout.issued_at = format_issued_at(t);
    layout.people_ahead = t.people_ahead;
    if (t.estimate_minutes)
        layout.estimated_wait =
            tr(Language::Indonesian, T::print_minutes, {std::to_string(*t.estimate_minutes)});
    layout.status_url = t.status_url;
    layout.footer_lines = s.footer_lines;
    layout.paper = s.paper;
    return layout;
}

print::ComplaintSlipLayout complaint_slip_layout(const ComplaintSlip& c,
                                                 const TicketPrintSettings& s) {
    print::ComplaintSlipLayout layout;
    layout.office_name = s.office_name.empty() ? c.office_name : s.office_name;
    layout.header_lines = s.header_lines;
    layout.tracking_number = c.tracking_number;
    layout.received_on = format_iso_date(Language::Indonesian, c.received_on);
    if (!c.due_on.empty())
        layout.due_on = format_iso_date(Language::Indonesian, c.due_on);
    layout.category = {c.category, c.category_en};
    layout.track_url = c.track_url;
    layout.lapor = {c.lapor_text, c.lapor_text_en};
    layout.footer_lines = s.footer_lines;
    layout.paper = s.paper;
    return layout;
}

PrintReport report_from(std::int64_t ticket_id, const print::PrintOutcome& outcome) {
    PrintReport r;
    r.ticket_id = ticket_id;
    r.message_id = outcome.message_id;
    r.message_en = outcome.message_en;
    switch (outcome.result) {
        case print::PrintResult::printed:
            r.state = PrintState::printed;
            r.server_status = "printed";
            break;
        case print::PrintResult::printed_with_warning:
            r.state = PrintState::printed_with_warning;
            r.server_status = "printed_with_warning";
            r.problem = outcome.message_en.empty() ? outcome.detail : outcome.message_en;
            break;
        case print::PrintResult::failed:
            r.state = PrintState::failed;
            r.server_status = "failed";
            r.problem = outcome.message_en;
            if (!outcome.detail.empty())
                r.problem += (r.problem.empty() ? "" : ": ") + outcome.detail;
            break;
    }
    return r;
}

PrintReport no_printer_report(std::int64_t ticket_id) {
    PrintReport r;
    r.ticket_id = ticket_id;
    r.state = PrintState::no_printer;
    r.message_id = std::string(tr(Language::Indonesian, T::no_printer));
    r.message_en = std::string(tr(Language::English, T::no_printer));
    r.server_status = "not_printed";
    r.problem = "no printer configured at this kiosk";
    return r;
}

TicketPrinter::TicketPrinter(const std::string& spec, TicketPrintSettings settings,
                             print::Timeouts timeouts)
    : transport_(print::make_transport(spec, timeouts)),
      settings_(std::move(settings)),
      configured_(spec != "none") {}

TicketPrinter::~TicketPrinter() = default;

PrintReport TicketPrinter::print(const IssuedTicket& ticket) {
    if (!configured_)
        return no_printer_report(ticket.id);
    try {
        return report_from(ticket.id,
                           print::print_ticket(*transport_, ticket_layout(ticket, settings_)));
    } catch (const std::exception& e) {
        // Only a layout the printer cannot take throws (nothing was sent).
        print::PrintOutcome outcome;
        outcome.result = print::PrintResult::failed;
        outcome.message_id = std::string(tr(Language::Indonesian, T::print_layout_failed));
        outcome.message_en = std::string(tr(Language::English, T::print_layout_failed));
        outcome.detail = e.what();
        return report_from(ticket.id, outcome);
    }
}

PrintReport TicketPrinter::print(const ComplaintSlip& slip) {
    if (!configured_) {
        PrintReport r = no_printer_report(0);
        r.message_id = std::string(tr(Language::Indonesian, T::slip_no_printer));
        r.message_en = std::string(tr(Language::English, T::slip_no_printer));
        return r;
    }
    try {
        return report_from(
            0, print::print_complaint_slip(*transport_, complaint_slip_layout(slip, settings_)));
    } catch (const std::exception& e) {
        print::PrintOutcome outcome;
        outcome.result = print::PrintResult::failed;
        outcome.message_id = std::string(tr(Language::Indonesian, T::slip_layout_failed));
        outcome.message_en = std::string(tr(Language::English, T::slip_layout_failed));
        outcome.detail = e.what();
        return report_from(0, outcome);
    }
}

}  // namespace loket::kiosk
