#include "web_security.hpp"

namespace loket::server {

httplib::Headers security_headers() {
    return {
        // Pages load their scripts and styles from files the server serves; the report pages'
        // Chart.js comes from /vendor/chart.js on the same server. data: images are QR codes
        // and icons drawn by the pages.
        {"Content-Security-Policy",
         "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
         "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
         "form-action 'self'; frame-ancestors 'none'"},
        {"X-Content-Type-Options", "nosniff"},
        // Status pages carry their token in the path: it must not leave in a Referer.
        {"Referrer-Policy", "no-referrer"},
    };
}

namespace {

// The host part of a Host header ("example:8080", "[fe80::1]:80", "10.0.0.5") when it holds
// only the characters of a host name or address; else empty.
std::string host_without_port(const std::string& host) {
    if (host.empty() || host.size() > 255 ||
        host.find_first_not_of(
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]") !=
            std::string::npos) {
        return "";
    }
    if (host.front() == '[') {
        const auto close = host.find(']');
        return close == std::string::npos ? "" : host.substr(0, close + 1);
    }
    const auto colon = host.find(':');
    if (colon != std::string::npos && host.find(':', colon + 1) != std::string::npos)
        return "[" + host + "]";  // a bare IPv6 address
    return host.substr(0, colon);
}

}  // namespace

void install_https_redirect(httplib::Server& server, int https_port) {
    server.set_pre_routing_handler(
        [https_port](const httplib::Request& req, httplib::Response& res) {
            std::string host = host_without_port(req.get_header_value("Host"));
            if (host.empty()) {
                host = req.local_addr.find(':') != std::string::npos ? "[" + req.local_addr + "]"
                                                                     : req.local_addr;
            }
            std::string target = req.target.empty() ? req.path : req.target;
            if (target.empty() || target.front() != '/' ||
                target.find_first_of("\r\n") != std::string::npos)
                target = "/";
            const std::string port = https_port == 443 ? "" : ":" + std::to_string(https_port);
            res.status = 301;
            res.set_header("Location", "https://" + host + port + target);
            res.set_content("Gunakan HTTPS / Use HTTPS: https://" + host + port + target + "\n",
                            "text/plain; charset=utf-8");
            return httplib::Server::HandlerResponse::Handled;
        });
}

}  // namespace loket::server
