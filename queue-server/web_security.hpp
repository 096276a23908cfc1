#pragma once
// What every reply of the queue-server carries for browsers (docs/https.md), and the plain-HTTP
// listener that sends browsers on to HTTPS.
#include <httplib.h>

#include <string>

namespace loket::server {

// Content-Security-Policy (the server's own scripts, styles and images only: no inline script
// or style, no framing), X-Content-Type-Options nosniff, Referrer-Policy no-referrer.
httplib::Headers security_headers();

// Answers every request with 301 to the same path and query on https://HOST:https_port, HOST
// taken from the request's Host header (without its port) or, when that is missing or not a
// plain host name or address, the address the request came in on.
void install_https_redirect(httplib::Server& server, int https_port);

}  // namespace loket::server
