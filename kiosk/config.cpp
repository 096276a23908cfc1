#include "config.hpp"

#include <fstream>
#include <sstream>

#include "loket/input_error.hpp"
#include "loket/json_reader.hpp"
#include "loket/office.hpp"
#include "loket/printer.hpp"
#include "loket/read_file.hpp"
#include "loket/tls_pin.hpp"

namespace loket::kiosk {
namespace {

std::vector<std::string> string_list(const JsonObjectReader& r, const char* key) {
    std::vector<std::string> out;
    if (const nlohmann::json* list = r.array(key)) {
        for (std::size_t i = 0; i < list->size(); ++i) {
            if (!(*list)[i].is_string())
                throw r.error(indexed(key, i), "must be a string");
            out.push_back((*list)[i].get<std::string>());
        }
    }
    return out;
}

}  // namespace

KioskConfig parse_kiosk_config(std::string_view toml_text, const std::string& source) {
    const nlohmann::json doc = toml_to_json(toml_text, source);
    KioskConfig c;
    const JsonObjectReader top(doc, source, "");
    top.allow_only({"server", "printer", "screen"});
    if (const auto* node = top.get("server")) {
        const JsonObjectReader r(*node, source, "server");
        r.allow_only(
            {"url", "device_key", "fingerprint", "poll_seconds", "timeout_ms", "public_url"});
        c.server_fingerprint = r.string("fingerprint").value_or("");
        c.server_url = r.string("url").value_or(c.server_url);
        c.public_url = r.string("public_url").value_or(c.public_url);
        c.device_key = r.string("device_key").value_or(c.device_key);
        c.poll_seconds = int(r.integer("poll_seconds", 1, 3600).value_or(c.poll_seconds));
        c.timeout_ms = int(r.integer("timeout_ms", 100, 120000).value_or(c.timeout_ms));
    }
    if (const auto* node = top.get("printer")) {
        const JsonObjectReader r(*node, source, "printer");
        r.allow_only(
            {"transport", "paper_width_mm", "header_lines", "footer_lines", "office_name"});
        c.printer = r.string("transport").value_or(c.printer);
        c.paper_width_mm = int(r.integer("paper_width_mm", 58, 80).value_or(c.paper_width_mm));
        if (c.paper_width_mm != 58 && c.paper_width_mm != 80)
            throw r.error("paper_width_mm", "must be 58 or 80");
        c.header_lines = string_list(r, "header_lines");
        c.footer_lines = string_list(r, "footer_lines");
        c.office_name = r.string("office_name").value_or("");
    }
    if (const auto* node = top.get("screen")) {
        const JsonObjectReader r(*node, source, "screen");
        r.allow_only({"orientation", "idle_timeout_seconds", "language"});
        c.orientation = r.string("orientation").value_or(c.orientation);
        if (c.orientation != "portrait" && c.orientation != "landscape")
            throw r.error("orientation", "must be portrait or landscape");
        c.idle_timeout_seconds =
            int(r.integer("idle_timeout_seconds", 5, 3600).value_or(c.idle_timeout_seconds));
        const auto language = parse_language(r.string("language").value_or("id"));
        if (!language)
            throw r.error("language", "must be id or en");
        c.language = *language;
    }
    validate_kiosk_config(c, source);
    return c;
}

KioskConfig load_kiosk_config(const std::filesystem::path& path) {
    return parse_kiosk_config(read_whole_file(path), path.string());
}

void validate_kiosk_config(const KioskConfig& c, const std::string& source) {
    if (c.server_url.rfind("http://", 0) != 0 && c.server_url.rfind("https://", 0) != 0)
        throw InputError(source, "server.url", "must start with http:// or https://");
    if (!c.server_fingerprint.empty()) {
        if (!net::normalize_fingerprint(c.server_fingerprint)) {
            throw InputError(source, "server.fingerprint",
                             "must be the certificate's SHA-256 fingerprint, 64 hex digits "
                             "(`queue-server fingerprint` prints it)");
        }
        if (c.server_url.rfind("https://", 0) != 0)
            throw InputError(source, "server.url",
                             "must start with https:// when "
                             "server.fingerprint is set");
    }
    if (!c.public_url.empty() && c.public_url.rfind("http://", 0) != 0 &&
        c.public_url.rfind("https://", 0) != 0)
        throw InputError(source, "server.public_url", "must start with http:// or https://");
    if (c.public_url.size() > 200)
        throw InputError(source, "server.public_url", "must be at most 200 characters");
    if (c.orientation != "portrait" && c.orientation != "landscape")
        throw InputError(source, "screen.orientation", "must be portrait or landscape");
    if (c.idle_timeout_seconds < 5 || c.idle_timeout_seconds > 3600)
        throw InputError(source, "screen.idle_timeout_seconds", "must be between 5 and 3600");
    try {
        (void)print::make_transport(c.printer);  // parses only; connects lazily
    } catch (const InputError& e) {
        throw InputError(source, "printer.transport", e.reason());
    }
}

}  // namespace loket::kiosk
