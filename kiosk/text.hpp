#pragma once
// Every word the kiosk shows, in Indonesian (the default) and English, looked up by key.
// The tables live in text.cpp; views and formatters never hold user-facing literals.
#include <initializer_list>
#include <string>
#include <string_view>

namespace loket::kiosk {

enum class Lang { id, en };

enum class T {
    // Start screen
    take_number_title,
    take_number_hint,
    waiting_none,
    waiting_one,
    waiting_many,
    estimate_minutes,
    estimate_soon,
    estimate_unknown,
    permit_info,
    permit_info_hint,
    language_toggle,
    status_open,
    status_closed,
    hours_today,
    hours_today_none,
    closed_holiday,
    closed_today,
    closed_before_hours,
    closed_between_sessions,
    closed_after_hours,
    closed_generic,
    next_open,
    next_open_unknown,
    closed_numbers_disabled,
    schedule_title,
    schedule_closed,
    connecting,
    // Offline
    offline_title,
    offline_body,
    offline_banner,
    connection_lost_banner,
    numbers_wait_connection,
    numbers_wait_connection_hint,
    // Permit list
    permit_list_title,
    search_placeholder,
    back,
    loading,
    no_results,
    search_failed,
    try_again,
    result_count,
    permit_counts,
    key_backspace,
    key_clear,
    key_space,
    // Permit page
    section_requirements,
    section_steps,
    section_time_cost,
    section_legal,
    section_product,
    checklist_hint,
    checklist_progress,
    no_requirements,
    not_in_sop,
    completion_time,
    cost,
    product,
    validity,
    step_actors,
    step_actors_none,
    step_time,
    step_time_none,
    take_number,
    take_number_closed,
    take_number_offline,
    sop_source,
    sop_language_note,
    permit_loading,
    // Priority
    priority_title,
    service_label,
    proposed_cs,
    proposed_info,
    proposed_info_no_list,
    suggested,
    priority_none,
    priority_none_hint,
    priority_lansia,
    priority_disabilitas,
    priority_ibu_hamil,
    priority_hint,
    // Issuing
    issuing_title,
    issuing_body,
    // Ticket
    your_number,
    people_ahead_none,
    people_ahead_one,
    people_ahead_many,
    estimated_wait,
    estimated_wait_soon,
    estimated_wait_unknown,
    scan_for_status,
    printing,
    printed,
    printed_warning,
    print_failed,
    photo_hint,
    no_printer,
    done,
    wait_for_call,
    priority_badge,
    permit_label,
    print_minutes,
    print_layout_failed,
    // Error and closed
    error_title,
    error_offline,
    error_server,
    error_bad_reply,
    error_rate_limited,
    error_not_found,
    back_to_start,
    closed_title,
    // Dates and times
    at_time,
    sunday,
    monday,
    tuesday,
    wednesday,
    thursday,
    friday,
    saturday,
    january,
    february,
    march,
    april,
    may,
    june,
    july,
    august,
    september,
    october,
    november,
    december,
    count_  // not a text: the number of keys
};

// The text for a key. Empty only where a language needs nothing (sop_language_note in
// Indonesian); a test checks both tables hold every key exactly once.
std::string_view tr(Lang lang, T key);
// Whether both tables hold every key exactly once.
bool text_tables_complete();

// Replaces {0}..{9} in pattern with the arguments.
std::string fmt(std::string_view pattern, std::initializer_list<std::string_view> args);
inline std::string tr(Lang lang, T key, std::initializer_list<std::string_view> args) {
    return fmt(tr(lang, key), args);
}

}  // namespace loket::kiosk
