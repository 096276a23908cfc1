// Fuzz target: office configuration files and the settings API's JSON.
//
// Each input is treated as the text of an office TOML file (assets/office.example.toml) and
// goes through both readers of that file: loket::parse_office_config (TOML -> JSON -> the
// strict JsonObjectReader) and the queue-server's parse_server_settings ([server] and
// [[devices]]). When the input is JSON it also goes to office_config_from_json, which is what
// PUT /api/v1/settings calls. Only loket::InputError may escape.
//
// Properties checked on every configuration that is accepted:
//   - to_json(config) serialises, and reading it back gives the same configuration (the
//     console's GET /settings then PUT /settings must round-trip);
//   - check_open answers for a spread of instants (no hang, no throw) with a next opening
//     that lies in the future.
#include <nlohmann/json.hpp>
#include <string>

#include "fuzz_support.hpp"
#include "loket/input_error.hpp"
#include "loket/office.hpp"
#include "server_config.hpp"

using namespace loket;

namespace {

void check_config(const OfficeConfig& config, std::string_view input) {
    const nlohmann::json saved = to_json(config);
    (void)saved.dump();  // throws on invalid UTF-8: a finding
    OfficeConfig again;
    try {
        again = office_config_from_json(saved, "round trip");
    } catch (const InputError& e) {
        fuzz::finding(std::string("an accepted configuration does not read back: ") + e.what(),
                      input);
    }
    if (to_json(again) != saved)
        fuzz::finding("configuration changed on a round trip", input);
    // Instants around a year, a week apart, plus odd minutes.
    for (std::int64_t ms :
         {std::int64_t{0}, std::int64_t{1795000000000}, std::int64_t{1795604400123},
          std::int64_t{1796209199999}, std::int64_t{1798761600000}}) {
        const TimePoint now = from_millis(ms);
        const OpenStatus open = check_open(config, now);
        if (open.next_open && *open.next_open < now)
            fuzz::finding("next opening lies in the past", input);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);

    try {
        check_config(parse_office_config(text, "office.toml"), text);
    } catch (const InputError&) {
    }
    try {
        const server::ServerSettings settings = server::parse_server_settings(text, "office.toml");
        for (const auto& d : settings.devices) {
            if (settings.find_device(d.key) != &d)
                fuzz::finding("a device key does not find its own device", text);
            if (d.key.size() < 16)
                fuzz::finding("a device key shorter than 16 was accepted", text);
        }
        if (settings.max_event_streams + 8 > settings.max_threads)
            fuzz::finding("event streams can take every server thread", text);
    } catch (const InputError&) {
    }

    const nlohmann::json doc = nlohmann::json::parse(text, nullptr, false);
    if (!doc.is_discarded()) {
        try {
            check_config(office_config_from_json(doc, "settings"), text);
        } catch (const InputError&) {
        }
    }
    return 0;
}
