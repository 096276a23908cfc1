#pragma once
// Pinning the queue-server's HTTPS certificate in kiosks and displays (docs/https.md): the
// configured server_fingerprint is the SHA-256 of the server certificate (what
// `queue-server fingerprint` prints and browsers show), and a connection goes ahead only when
// the certificate the server presents has exactly that fingerprint.
#include <optional>
#include <string>
#include <string_view>

namespace loket::net {

// A fingerprint as people copy it: 64 hex digits, with or without colons or spaces, any case.
// Returns it as "AB:CD:..." (32 pairs), or nullopt when it is not one.
std::optional<std::string> normalize_fingerprint(std::string_view text);

// The error a client reports when the server's certificate is not the pinned one, naming both
// fingerprints (Indonesian first, then English).
std::string fingerprint_mismatch_message(std::string_view expected, std::string_view received);

// The stable start of that message, for callers and tests to recognise it.
inline constexpr std::string_view kFingerprintMismatch = "sidik jari sertifikat server tidak cocok";

}  // namespace loket::net
