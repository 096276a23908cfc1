#pragma once
// Complaints (pengaduan): categories, channels, states and their transitions, tracking numbers,
// the strict reader of a submitted complaint, the 60-day clock and its reminders, and the
// SP4N-LAPOR! forwarding file. No storage: ComplaintStore and the API build on this. The rules
// and the facts they rest on are in docs/complaints.md.
#include <chrono>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "loket/survey.hpp"  // SurveyInputError: refusals carry their Indonesian text

namespace loket::complaint {

// Refusals name the field and give the reason in Indonesian and English; the API already sends
// the Indonesian text of this type as "message_id".
using ComplaintInputError = survey::SurveyInputError;

struct Label {
    std::string_view id;       // stable key for JSON and storage
    std::string_view name;     // Indonesian
    std::string_view name_en;  // English
};

std::span<const Label> categories();
// Channels a staff member may record a complaint from (not kiosk or web).
std::span<const Label> staff_channels();
// Every channel: kiosk, web and the staff channels.
std::span<const Label> channels();
const Label* find_category(std::string_view id);
const Label* find_channel(std::string_view id);
bool is_staff_channel(std::string_view id);

enum class State { Diterima, Diverifikasi, Diproses, Selesai, Ditolak };
std::string_view to_string(State state);
std::optional<State> parse_state(std::string_view text);
Label state_label(State state);
bool is_final(State state);
// diterima → diverifikasi → diproses → selesai; ditolak from any state that is not final.
bool transition_allowed(State from, State to);

// ---- Tracking numbers: "ADU-XXXX-XXXX", Crockford base32 without I, L, O, U ----
inline constexpr std::string_view kTrackingAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
// 8 characters from libsodium's randombytes (40 bits): reading by number shows the reply.
std::string make_tracking_number();
// "adu7k3m9qx2", "ADU-7K3M-9QX2" or " adu-7k3m9qx2 " → "ADU-7K3M-9QX2"; nullopt when not one.
std::optional<std::string> normalise_tracking_number(std::string_view text);

// ---- Text ----
inline constexpr std::size_t kTextMin = 10, kTextMax = 2000;
inline constexpr std::size_t kReplyMin = 10, kReplyMax = 4000;
inline constexpr std::size_t kReasonMin = 10, kReasonMax = 1000;
inline constexpr std::size_t kNoteMax = 2000;
inline constexpr std::size_t kPersonalMax = 100;
// Unicode code points of UTF-8 text; nullopt when it is not valid UTF-8.
std::optional<std::size_t> code_points(std::string_view text);

// A complaint as submitted. Channel is decided by the caller (session, device or web), except
// that a staff member names it in the body.
struct Submission {
    std::string category;
    std::string text;  // trimmed
    std::optional<std::string> name;
    std::optional<std::string> contact;
    bool consent = false;
    std::string ticket_token;  // optional: the visit it concerns
    std::string channel;       // staff submissions only
};
// Reads a POST /complaints body strictly: unknown keys, wrong types, lengths, control
// characters, personal data without consent (code "consent_required", field "consent") and a
// channel from a non-staff sender are refused naming the field.
Submission read_submission(const nlohmann::json& body, bool staff);

struct TransitionRequest {
    State to = State::Diverifikasi;
    std::string reply;   // selesai
    std::string reason;  // ditolak
};
TransitionRequest read_transition(const nlohmann::json& body);
// A staff note: 1-2000 code points after trimming.
std::string read_note(const nlohmann::json& body);
std::string read_assignee(const nlohmann::json& body);

// ---- The clock: 60 calendar days from the office-local date received ----
inline constexpr int kResponseDays = 60;
std::chrono::year_month_day due_on(std::chrono::year_month_day received);
// Days from today to the due date; negative when overdue.
int days_left(std::chrono::year_month_day due, std::chrono::year_month_day today);
bool answered_on_time(std::chrono::year_month_day due, std::chrono::year_month_day closed);

enum class Reminder { Days14, Days7, Overdue };
std::string_view to_string(Reminder kind);  // "14_days", "7_days", "overdue"
// The most urgent reminder an open complaint has reached today, if any; the store sends each
// kind once.
std::optional<Reminder> reminder_due(std::chrono::year_month_day due,
                                     std::chrono::year_month_day today);

// ---- SP4N-LAPOR! forwarding file ----
struct ExportRow {
    std::string tracking_number;
    std::string received_on;
    std::string category;  // key
    std::string text;
    std::string channel;  // key
    bool anonymous = true;
    State state = State::Diterima;
    std::string closed_on;  // empty when open
    std::string follow_up;  // reply or rejection reason
};
// A cell as CSV writes it: quoted when needed, and a leading apostrophe on text starting with
// = + - @ so a spreadsheet does not run it as a formula.
std::string csv_cell(std::string_view text);
// UTF-8 with BOM, CRLF rows, the columns of docs/complaints.md.
std::string lapor_csv(std::span<const ExportRow> rows, std::string_view office_name);
// "Biaya atau pungutan: Petugas meminta uang ..." — category name and the first words.
std::string title_of(std::string_view category, std::string_view text);

}  // namespace loket::complaint
