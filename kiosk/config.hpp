#pragma once
// The kiosk's configuration: a TOML file read strictly (unknown keys and wrong types are
// errors naming the file and field), then command-line flags over it.
//
//   [server]
//   url = "https://192.168.1.10:8443"
//   fingerprint = "AB:CD:..."     # the server certificate's SHA-256 (`queue-server
//                                 # fingerprint`), pinned (docs/https.md)
//   device_key = "..."            # the kiosk's key from the office configuration [[devices]]
//   poll_seconds = 5              # how often waiting counts and hours are refreshed
//   timeout_ms = 6000             # one request; failed requests are retried with backoff
//   public_url = "https://antrean.dpmptsp.example.go.id"  # printed on complaint slips;
//                                 # empty: the url above
//   [printer]
//   transport = "usb:/dev/usb/lp0"   # none | file:PATH | tcp:HOST[:PORT] | usb:PATH | ...
//   paper_width_mm = 58              # 58 or 80
//   header_lines = ["Jl. Basuki Rahmat No. 55"]
//   footer_lines = ["Terima kasih"]
//   office_name = ""                 # empty: the name the server sends
//   [screen]
//   orientation = "portrait"         # portrait (1080x1920) or landscape (1920x1080)
//   idle_timeout_seconds = 60
//   language = "id"                  # id or en: the language after an idle reset
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "text.hpp"

namespace loket::kiosk {

struct KioskConfig {
    std::string server_url = "http://127.0.0.1:8080";
    std::string device_key;
    // The queue-server certificate's SHA-256 fingerprint, pinned (docs/https.md); empty: an
    // https:// server is checked against the system's certificate authorities.
    std::string server_fingerprint;
    // The office's web address as the public reaches it (the queue-server's public_url): the
    // complaint slip prints its tracking page. Empty: server_url.
    std::string public_url;
    int poll_seconds = 5;
    int timeout_ms = 6000;
    std::string printer = "none";
    int paper_width_mm = 58;
    std::vector<std::string> header_lines;
    std::vector<std::string> footer_lines;
    std::string office_name;
    std::string orientation = "portrait";
    int idle_timeout_seconds = 60;
    Language language = Language::Indonesian;
};

// Throws loket::InputError naming source and field.
KioskConfig parse_kiosk_config(std::string_view toml_text, const std::string& source);
KioskConfig load_kiosk_config(const std::filesystem::path& path);
// Cross-field checks (also after flags are applied): the printer spec parses, numbers are in
// range, the server URL is http(s). Throws loket::InputError.
void validate_kiosk_config(const KioskConfig& config, const std::string& source);

}  // namespace loket::kiosk
