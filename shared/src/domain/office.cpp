#include "loket/office.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "loket/input_error.hpp"
#include "loket/json_reader.hpp"
#include "loket/printer.hpp"
#include "loket/read_file.hpp"

namespace loket {

using namespace std::chrono;

namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 7> kWeekdayKeys = {
    "sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"};

TimeRange parse_range(const json& node, const std::string& source, const std::string& field) {
    if (!node.is_string())
        throw InputError(source, field, "must be a string like \"08:00-16:00\"", "invalid_time");
    const std::string text = node.get<std::string>();
    const auto dash = text.find('-');
    if (dash == std::string::npos) {
        throw InputError(source, field, "'" + text + "' is not a range like \"08:00-16:00\"",
                         "invalid_time");
    }
    const auto trim = [](std::string s) {
        s.erase(0, s.find_first_not_of(' '));
        s.erase(s.find_last_not_of(' ') + 1);
        return s;
    };
    const auto from = parse_hhmm(trim(text.substr(0, dash)));
    const auto to = parse_hhmm(trim(text.substr(dash + 1)));
    if (!from || !to)
        throw InputError(source, field, "'" + text + "' has an invalid time", "invalid_time");
    if (*from >= *to)
        throw InputError(source, field, "'" + text + "' ends before it starts", "time_order");
    return TimeRange{*from, *to};
}

void read_office(const JsonObjectReader& top, OfficeConfig& config, const std::string& source) {
    const json* node = top.get("office");
    if (!node)
        return;
    JsonObjectReader office(*node, source, "office");
    office.allow_only({"name", "short_name", "address", "time_zone"});
    if (auto name = office.string("name")) {
        if (name->empty())
            throw office.error("name", "must not be empty");
        config.name = *name;
    }
    if (auto short_name = office.string("short_name"))
        config.short_name = *short_name;
    if (auto address = office.string("address"))
        config.address = *address;
    if (auto zone = office.string("time_zone")) {
        const auto parsed = parse_zone(*zone);
        if (!parsed)
            throw office.error("time_zone", "must be WIB, WITA or WIT, got '" + *zone + "'");
        config.zone = *parsed;
    }
}

// Unicode code points in valid UTF-8 (the JSON reader has checked the encoding).
std::size_t code_points(const std::string& text) {
    return static_cast<std::size_t>(
        std::count_if(text.begin(), text.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

std::string read_pledge_text(const JsonObjectReader& publication, std::string_view key,
                             const std::string& source) {
    std::string text = publication.string(key).value_or("");
    if (code_points(text) > PublicationSettings::kMaklumatMaxChars) {
        throw InputError(source, publication.field(key),
                         "must be at most " +
                             std::to_string(PublicationSettings::kMaklumatMaxChars) + " characters",
                         "too_long");
    }
    for (const char c : text) {
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\r' && c != '\t') {
            throw InputError(source, publication.field(key), "must not contain control characters",
                             "invalid_field");
        }
    }
    return text;
}

void read_publication(const JsonObjectReader& top, OfficeConfig& config,
                      const std::string& source) {
    const json* node = top.get("publication");
    if (!node)
        return;
    JsonObjectReader publication(*node, source, "publication");
    publication.allow_only({"show_ikm", "maklumat", "maklumat_en"});
    if (const json* show = publication.get("show_ikm")) {
        if (!show->is_boolean()) {
            throw InputError(source, publication.field("show_ikm"), "must be true or false",
                             "invalid_field");
        }
        config.publication.show_ikm = show->get<bool>();
    }
    config.publication.maklumat = read_pledge_text(publication, "maklumat", source);
    config.publication.maklumat_en = read_pledge_text(publication, "maklumat_en", source);
}

void read_privacy(const JsonObjectReader& top, OfficeConfig& config, const std::string& source) {
    const json* node = top.get("privacy");
    if (!node)
        return;
    JsonObjectReader privacy(*node, source, "privacy");
    privacy.allow_only(
        {"application_phone_days", "application_name_days", "complaint_contact_days"});
    PrivacySettings& p = config.privacy;
    p.application_phone_days = static_cast<int>(
        privacy.integer("application_phone_days", 1, 365).value_or(p.application_phone_days));
    p.application_name_days = static_cast<int>(
        privacy.integer("application_name_days", 30, 3650).value_or(p.application_name_days));
    p.complaint_contact_days = static_cast<int>(
        privacy.integer("complaint_contact_days", 1, 730).value_or(p.complaint_contact_days));
}

void read_hours(const JsonObjectReader& top, OfficeConfig& config, const std::string& source) {
    const json* node = top.get("hours");
    if (!node)
        return;
    JsonObjectReader hours(*node, source, "hours");
    hours.allow_only({kWeekdayKeys.begin(), kWeekdayKeys.end()});
    for (std::size_t day = 0; day < kWeekdayKeys.size(); ++day) {
        config.hours[day].clear();
        const json* ranges = hours.array(kWeekdayKeys[day]);
        if (!ranges)
            continue;  // a weekday left out is closed
        const std::string base = hours.field(kWeekdayKeys[day]);
        for (std::size_t i = 0; i < ranges->size(); ++i) {
            const TimeRange range = parse_range((*ranges)[i], source, indexed(base, i));
            if (!config.hours[day].empty() && range.from < config.hours[day].back().to) {
                throw InputError(source, indexed(base, i),
                                 "overlaps or precedes the previous range", "time_order");
            }
            config.hours[day].push_back(range);
        }
    }
}

void read_holidays(const JsonObjectReader& top, OfficeConfig& config, const std::string& source) {
    const json* items = top.array("holidays");
    if (!items)
        return;
    config.holidays.clear();
    for (std::size_t i = 0; i < items->size(); ++i) {
        JsonObjectReader holiday((*items)[i], source, indexed("holidays", i));
        holiday.allow_only({"date", "name", "kind"});
        const auto text = holiday.string("date", true);
        const auto date = parse_date_iso(*text);
        if (!date)
            throw holiday.error("date", "must be a date like 2026-12-25, got '" + *text + "'");
        HolidayKind kind = HolidayKind::Libur;
        if (const auto kind_text = holiday.string("kind")) {
            const auto parsed = parse_holiday_kind(*kind_text);
            if (!parsed) {
                throw holiday.error(
                    "kind", "must be \"libur\" or \"cuti_bersama\", got '" + *kind_text + "'");
            }
            kind = *parsed;
        }
        config.holidays.push_back(Holiday{*date, holiday.string("name", true).value(), kind});
    }
}

void read_services(const JsonObjectReader& top, OfficeConfig& config, const std::string& source) {
    const json* items = top.array("services");
    if (!items)
        return;
    config.services.clear();
    for (std::size_t i = 0; i < items->size(); ++i) {
        JsonObjectReader service((*items)[i], source, indexed("services", i));
        service.allow_only({"id", "name", "name_en", "prefix", "priority_max_in_row",
                            "default_service_minutes", "target_wait_minutes"});
        ServiceDef def;
        def.id = service.string("id", true).value();
        def.name = service.string("name", true).value();
        def.name_en = service.string("name_en").value_or(def.name);
        const std::string prefix = service.string("prefix", true).value();
        if (prefix.size() != 1 || prefix[0] < 'A' || prefix[0] > 'Z') {
            throw service.error("prefix", "must be one capital letter A-Z, got '" + prefix + "'");
        }
        def.prefix = prefix[0];
        def.priority_max_in_row =
            static_cast<int>(service.integer("priority_max_in_row", 1, 100).value_or(3));
        def.default_service_minutes =
            static_cast<int>(service.integer("default_service_minutes", 1, 480).value_or(5));
        def.target_wait_minutes =
            static_cast<int>(service.integer("target_wait_minutes", 1, 480).value_or(30));
        config.services.push_back(std::move(def));
    }
}

void read_counters(const JsonObjectReader& top, OfficeConfig& config, const std::string& source) {
    const json* items = top.array("counters");
    if (!items)
        return;
    config.counters.clear();
    for (std::size_t i = 0; i < items->size(); ++i) {
        JsonObjectReader counter((*items)[i], source, indexed("counters", i));
        counter.allow_only({"number", "name", "services", "printer"});
        CounterDef def;
        def.number = static_cast<int>(counter.integer("number", 1, 999, true).value());
        def.name = counter.string("name").value_or("Loket " + std::to_string(def.number));
        const json* services = counter.array("services");
        if (!services)
            throw counter.error("services", "is required");
        for (std::size_t s = 0; s < services->size(); ++s) {
            if (!(*services)[s].is_string()) {
                throw InputError(source, indexed(counter.field("services"), s), "must be a string");
            }
            def.services.push_back((*services)[s].get<std::string>());
        }
        if (const json* node = counter.get("printer")) {
            const JsonObjectReader printer(*node, source, counter.field("printer"));
            printer.allow_only({"transport", "paper_width_mm"});
            CounterPrinter p;
            p.transport = printer.string("transport", true).value();
            p.paper_width_mm =
                static_cast<int>(printer.integer("paper_width_mm", 58, 80).value_or(80));
            def.printer = std::move(p);
        }
        config.counters.push_back(std::move(def));
    }
}

// A counter printer is set from the admin page as well as the file, so only real printers are
// accepted: a "file:" setting would let the settings page append to any file the server may
// write, its database included.
void validate_counter_printer(const CounterPrinter& printer, const std::string& source,
                              const std::string& path) {
    if (printer.paper_width_mm != 58 && printer.paper_width_mm != 80)
        throw InputError(source, path + ".paper_width_mm", "must be 58 or 80");
    const std::string& spec = printer.transport;
    const std::size_t colon = spec.find(':');
    const std::string kind = colon == std::string::npos ? spec : spec.substr(0, colon);
    if (kind != "tcp" && kind != "usb" && kind != "device" && kind != "device-oneway") {
        throw InputError(source, path + ".transport",
                         "must be tcp:HOST[:PORT], usb:/dev/PATH, device:/dev/PATH or "
                         "device-oneway:/dev/PATH, got '" +
                             spec + "'");
    }
    if (kind != "tcp" && spec.compare(colon + 1, 5, "/dev/") != 0) {
        throw InputError(source, path + ".transport",
                         "a printer device must be a path under /dev/, got '" + spec + "'");
    }
    try {
        (void)print::make_transport(spec);  // parses only; nothing is opened
    } catch (const InputError& e) {
        throw InputError(source, path + ".transport", e.reason());
    }
}

}  // namespace

std::string_view holiday_kind_name(HolidayKind kind) {
    return kind == HolidayKind::CutiBersama ? "cuti_bersama" : "libur";
}

std::optional<HolidayKind> parse_holiday_kind(std::string_view text) {
    if (text == "libur")
        return HolidayKind::Libur;
    if (text == "cuti_bersama")
        return HolidayKind::CutiBersama;
    return std::nullopt;
}

const ServiceDef* OfficeConfig::find_service(std::string_view id) const {
    for (const auto& s : services) {
        if (s.id == id)
            return &s;
    }
    return nullptr;
}

const ServiceDef* OfficeConfig::find_service_by_prefix(char prefix) const {
    for (const auto& s : services) {
        if (s.prefix == prefix)
            return &s;
    }
    return nullptr;
}

const CounterDef* OfficeConfig::find_counter(int number) const {
    for (const auto& c : counters) {
        if (c.number == number)
            return &c;
    }
    return nullptr;
}

OfficeConfig default_office_config() {
    OfficeConfig config;
    config.name = "DPMPTSP Provinsi Kalimantan Timur";
    config.address = "Samarinda, Kalimantan Timur";
    config.zone = TimeZone::WITA;
    const TimeRange long_day{8 * 60, 19 * 60};
    for (int day = 1; day <= 4; ++day)
        config.hours[day] = {long_day};              // Senin-Kamis
    config.hours[5] = {TimeRange{8 * 60, 11 * 60}};  // Jum'at
    config.services = {
        {"informasi", "Informasi", "Information", 'A', 3, 5},
        {"customer_service", "Customer Service", "Customer Service", 'B', 3, 10},
        {"pendaftaran", "Pendaftaran", "Registration", 'C', 3, 10},
        {"pengambilan", "Pengambilan", "Pickup", 'D', 3, 5},
    };
    config.counters = {
        {1, "Loket 1", {"informasi"}},
        {2, "Loket 2", {"customer_service"}},
        {3, "Loket 3", {"pendaftaran"}},
        {4, "Loket 4", {"pengambilan"}},
    };
    return config;
}

void validate_office_config(const OfficeConfig& config, const std::string& source) {
    if (config.name.empty())
        throw InputError(source, "office.name", "must not be empty", "required");
    if (config.services.empty())
        throw InputError(source, "services", "at least one is needed", "required");
    std::set<std::string> ids;
    std::set<char> prefixes;
    for (std::size_t i = 0; i < config.services.size(); ++i) {
        const auto& s = config.services[i];
        const std::string path = "services[" + std::to_string(i) + "]";
        if (s.id.empty() ||
            s.id.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") != std::string::npos) {
            throw InputError(source, path + ".id",
                             "must be lower-case letters, digits or '_', got '" + s.id + "'");
        }
        if (!ids.insert(s.id).second) {
            throw InputError(source, path + ".id", "duplicate service id '" + s.id + "'",
                             "duplicate_id");
        }
        if (!prefixes.insert(s.prefix).second) {
            throw InputError(source, path + ".prefix",
                             std::string("duplicate prefix '") + s.prefix + "'",
                             "duplicate_prefix");
        }
        if (s.name.empty())
            throw InputError(source, path + ".name", "must not be empty", "required");
    }
    std::set<int> numbers;
    for (std::size_t i = 0; i < config.counters.size(); ++i) {
        if (config.counters[i].printer) {
            validate_counter_printer(*config.counters[i].printer, source,
                                     "counters[" + std::to_string(i) + "].printer");
        }
        const auto& c = config.counters[i];
        const std::string path = "counters[" + std::to_string(i) + "]";
        if (!numbers.insert(c.number).second) {
            throw InputError(source, path + ".number",
                             "duplicate counter number " + std::to_string(c.number),
                             "duplicate_counter");
        }
        if (c.services.empty())
            throw InputError(source, path + ".services", "must not be empty", "required");
        for (std::size_t s = 0; s < c.services.size(); ++s) {
            if (!config.find_service(c.services[s])) {
                throw InputError(source, path + ".services[" + std::to_string(s) + "]",
                                 "unknown service '" + c.services[s] + "'", "unknown_service");
            }
        }
    }
}

OfficeConfig office_config_from_json(const nlohmann::json& doc, const std::string& source,
                                     const std::vector<std::string_view>& other_sections) {
    JsonObjectReader top(doc, source, "");
    std::vector<std::string_view> known = {"office",   "hours",       "holidays", "services",
                                           "counters", "publication", "privacy"};
    known.insert(known.end(), other_sections.begin(), other_sections.end());
    top.allow_only(known);
    OfficeConfig config = default_office_config();
    read_office(top, config, source);
    read_hours(top, config, source);
    read_holidays(top, config, source);
    read_services(top, config, source);
    read_counters(top, config, source);
    read_publication(top, config, source);
    read_privacy(top, config, source);
    validate_office_config(config, source);
    return config;
}

nlohmann::json toml_to_json(std::string_view toml_text, const std::string& source) {
    toml::table root;
    try {
        root = toml::parse(toml_text, source);
    } catch (const toml::parse_error& e) {
        std::ostringstream where;
        where << "line " << e.source().begin.line << ", column " << e.source().begin.column;
        throw InputError(source, "",
                         "invalid TOML at " + where.str() + ": " + std::string(e.description()));
    }
    std::ostringstream text;
    text << toml::json_formatter{root};
    return nlohmann::json::parse(text.str());
}

OfficeConfig parse_office_config(std::string_view toml_text, const std::string& source) {
    // [server], [[devices]] and [backup] belong to the queue-server and are read by it;
    // [applications] by the application settings (loket/application_settings.hpp); [central]
    // by the shipper of events to the province (loket/central_sync.hpp).
    return office_config_from_json(toml_to_json(toml_text, source), source,
                                   {"server", "devices", "applications", "backup", "central"});
}

nlohmann::json to_json(const OfficeConfig& config) {
    nlohmann::json hours = nlohmann::json::object();
    for (std::size_t day = 0; day < kWeekdayKeys.size(); ++day) {
        nlohmann::json ranges = nlohmann::json::array();
        for (const auto& r : config.hours[day])
            ranges.push_back(format_hhmm(r.from) + "-" + format_hhmm(r.to));
        hours[std::string(kWeekdayKeys[day])] = ranges;
    }
    nlohmann::json holidays = nlohmann::json::array();
    for (const auto& h : config.holidays) {
        holidays.push_back({{"date", format_date_iso(h.date)},
                            {"name", h.name},
                            {"kind", holiday_kind_name(h.kind)}});
    }
    nlohmann::json services = nlohmann::json::array();
    for (const auto& s : config.services) {
        services.push_back({{"id", s.id},
                            {"name", s.name},
                            {"name_en", s.name_en},
                            {"prefix", std::string(1, s.prefix)},
                            {"priority_max_in_row", s.priority_max_in_row},
                            {"default_service_minutes", s.default_service_minutes},
                            {"target_wait_minutes", s.target_wait_minutes}});
    }
    nlohmann::json counters = nlohmann::json::array();
    for (const auto& c : config.counters) {
        nlohmann::json counter = {{"number", c.number}, {"name", c.name}, {"services", c.services}};
        if (c.printer) {
            counter["printer"] = {{"transport", c.printer->transport},
                                  {"paper_width_mm", c.printer->paper_width_mm}};
        }
        counters.push_back(std::move(counter));
    }
    return {{"office",
             {{"name", config.name},
              {"short_name", config.short_name},
              {"address", config.address},
              {"time_zone", zone_name(config.zone)}}},
            {"hours", hours},
            {"holidays", holidays},
            {"services", services},
            {"counters", counters},
            {"publication",
             {{"show_ikm", config.publication.show_ikm},
              {"maklumat", config.publication.maklumat},
              {"maklumat_en", config.publication.maklumat_en}}},
            {"privacy",
             {{"application_phone_days", config.privacy.application_phone_days},
              {"application_name_days", config.privacy.application_name_days},
              {"complaint_contact_days", config.privacy.complaint_contact_days}}}};
}

OfficeConfig load_office_config(const std::filesystem::path& path) {
    return parse_office_config(read_whole_file(path), path.string());
}

const Holiday* holiday_on(const OfficeConfig& config, year_month_day date) {
    for (const auto& h : config.holidays) {
        if (h.date == date)
            return &h;
    }
    return nullptr;
}

std::vector<TimeRange> hours_on(const OfficeConfig& config, year_month_day date) {
    if (holiday_on(config, date))
        return {};
    return config.hours[weekday{sys_days{date}}.c_encoding()];
}

OpenStatus check_open(const OfficeConfig& config, TimePoint now) {
    const LocalTime local = to_local(now, config.zone);
    OpenStatus status;
    const auto today = hours_on(config, local.date);
    for (const auto& range : today) {
        if (local.minute_of_day >= range.from && local.minute_of_day < range.to) {
            status.open = true;
            status.current = range;
            return status;
        }
    }
    if (const Holiday* h = holiday_on(config, local.date)) {
        status.reason = "holiday";
        status.holiday_name = h->name;
    } else if (today.empty()) {
        status.reason = "closed_today";
    } else if (local.minute_of_day < today.front().from) {
        status.reason = "before_hours";
    } else if (local.minute_of_day >= today.back().to) {
        status.reason = "after_hours";
    } else {
        status.reason = "between_sessions";
    }
    // The next opening: later today, or the first session of the next open day.
    for (const auto& range : today) {
        if (range.from > local.minute_of_day) {
            status.next_open = from_local(local.date, range.from, config.zone);
            return status;
        }
    }
    for (int ahead = 1; ahead <= 14; ++ahead) {
        const year_month_day date{sys_days{local.date} + days{ahead}};
        const auto sessions = hours_on(config, date);
        if (!sessions.empty()) {
            status.next_open = from_local(date, sessions.front().from, config.zone);
            break;
        }
    }
    return status;
}

}  // namespace loket
