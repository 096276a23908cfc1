// HTTPS on the LAN (docs/https.md), with the real queue-server binary over loopback: the
// self-signed certificate made on first start (fingerprint, subject alternative names, key
// mode), the office's own certificate from the configuration, pinning by curl (the command
// line) and by the shared libcurl client (a wrong fingerprint fails with the clear error), the
// plain-HTTP listener's redirect and its "serve" setting, and the security headers on every
// page.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdio>
#include <regex>

#include "api_client.hpp"
#include "loket/http_client.hpp"
#include "loket/sse.hpp"
#include "loket/tls_pin.hpp"
#include "temp_dir.hpp"

using namespace loket;
using namespace loket::testing;

namespace {

// Runs a shell command; returns its exit status and standard output (stderr to /dev/null).
std::pair<int, std::string> shell(const std::string& command) {
    FILE* pipe = popen(("(" + command + ") 2>/dev/null").c_str(), "r");
    std::string output;
    char buf[512];
    while (pipe && fgets(buf, sizeof buf, pipe))
        output += buf;
    const int status = pipe ? pclose(pipe) : -1;
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

std::string trimmed(std::string text) {
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' '))
        text.pop_back();
    return text;
}

// The certificate's SHA-256 fingerprint as OpenSSL's command line computes it.
std::string openssl_fingerprint(const std::filesystem::path& cert) {
    const auto [status, out] =
        shell("openssl x509 -in '" + cert.string() + "' -noout -fingerprint -sha256");
    EXPECT_EQ(status, 0) << out;
    return trimmed(out.substr(out.find('=') + 1));
}

// sha256//BASE64 of the certificate's public key, the form curl's --pinnedpubkey takes.
std::string openssl_public_key_pin(const std::filesystem::path& cert) {
    const auto [status, out] = shell("openssl x509 -in '" + cert.string() +
                                     "' -pubkey -noout | openssl pkey -pubin -outform der | "
                                     "openssl dgst -sha256 -binary | base64");
    EXPECT_EQ(status, 0);
    return "sha256//" + trimmed(out);
}

// The plain-HTTP listener's port from the server's start-up line.
int plain_port(const ServerProcess& server) {
    std::smatch m;
    const std::string& out = server.startup_output();
    if (!std::regex_search(out, m, std::regex(R"(plain http on http://127\.0\.0\.1:(\d+))")))
        return 0;
    return std::stoi(m[1]);
}

net::HttpClientOptions pinned(const std::string& base_url, const std::string& fingerprint) {
    net::HttpClientOptions o = test_client_options(base_url);
    o.server_fingerprint = fingerprint;
    return o;
}

const std::vector<std::string> kHttpsArgs = {"--https", "on", "--http-listen", "127.0.0.1:0"};

// Every reply a browser gets carries these (web_security.cpp).
void expect_security_headers(const net::HttpResult& r, const std::string& what) {
    ASSERT_TRUE(r.response) << what << ": " << r.error;
    const auto csp = r.response->header("Content-Security-Policy");
    ASSERT_TRUE(csp) << what;
    EXPECT_NE(csp->find("script-src 'self'"), std::string::npos) << what << ": " << *csp;
    EXPECT_NE(csp->find("frame-ancestors 'none'"), std::string::npos) << what << ": " << *csp;
    EXPECT_EQ(csp->find("unsafe-inline"), std::string::npos) << what << ": " << *csp;
    EXPECT_EQ(r.response->header("X-Content-Type-Options").value_or(""), "nosniff") << what;
    EXPECT_EQ(r.response->header("Referrer-Policy").value_or(""), "no-referrer") << what;
}

TEST(Https, FingerprintsAreNormalisedAndMismatchesNamed) {
    const std::string colons =
        "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:"
        "45:67:89";
    EXPECT_EQ(net::normalize_fingerprint(colons), colons);
    EXPECT_EQ(
        net::normalize_fingerprint("abcdef0123456789abcdef0123456789abcdef0123456789abcdef01234567"
                                   "89"),
        colons);
    EXPECT_FALSE(net::normalize_fingerprint("AB:CD"));
    EXPECT_FALSE(net::normalize_fingerprint(colons + ":00"));
    EXPECT_FALSE(net::normalize_fingerprint("zz" + colons.substr(2)));
    const std::string message = net::fingerprint_mismatch_message(colons, "00:11");
    EXPECT_EQ(message.rfind(net::kFingerprintMismatch, 0), 0u);
    EXPECT_NE(message.find("diharapkan " + colons), std::string::npos) << message;
    EXPECT_NE(message.find("diterima 00:11"), std::string::npos) << message;
    EXPECT_NE(message.find("fingerprint mismatch: expected " + colons), std::string::npos);
}

TEST(Https, SelfSignedCertificateIsMadeOnceAndPrinted) {
    TempDir dir;
    ServerProcess server(dir.path(), kAlwaysOpenConfig, kHttpsArgs);
    EXPECT_EQ(server.url().rfind("https://127.0.0.1:", 0), 0u) << server.startup_output();
    const auto cert = server.db().string() + ".https-cert.pem";
    const auto key = server.db().string() + ".https-key.pem";
    ASSERT_TRUE(std::filesystem::exists(cert));
    struct stat key_stat {};
    ASSERT_EQ(::stat(key.c_str(), &key_stat), 0);
    EXPECT_EQ(key_stat.st_mode & 0777, 0600u);

    // The start-up log, `queue-server fingerprint` and OpenSSL agree.
    const std::string fingerprint = openssl_fingerprint(cert);
    ASSERT_TRUE(net::normalize_fingerprint(fingerprint)) << fingerprint;
    EXPECT_NE(server.log_text().find(fingerprint), std::string::npos) << server.log_text();
    const auto [status, output] =
        run_queue_server_cli({"--db", server.db().string(), "fingerprint"}, "");
    EXPECT_EQ(status, 0) << output;
    EXPECT_EQ(output.substr(0, output.find('\n')), fingerprint) << output;

    // Names for this machine: localhost, 127.0.0.1 and the host name.
    const auto [san_status, san] =
        shell("openssl x509 -in '" + cert + "' -noout -ext subjectAltName");
    EXPECT_EQ(san_status, 0);
    EXPECT_NE(san.find("DNS:localhost"), std::string::npos) << san;
    EXPECT_NE(san.find("IP Address:127.0.0.1"), std::string::npos) << san;
    const auto [key_status, key_text] = shell("openssl pkey -in '" + key + "' -noout -text");
    EXPECT_EQ(key_status, 0);
    EXPECT_NE(key_text.find("P-256"), std::string::npos) << key_text;

    // A restart keeps the certificate (kiosks keep their pin).
    server.restart();
    EXPECT_EQ(openssl_fingerprint(cert), fingerprint);

    // The certificate verifies as itself for the names it carries.
    const std::string health = server.url() + "/api/v1/health";
    EXPECT_EQ(shell("curl -sS --fail --cacert '" + cert + "' " + health).first, 0);
    EXPECT_EQ(
        shell("curl -sS --fail --cacert '" + cert +
              "' --resolve localhost:" + std::to_string(server.port()) +
              ":127.0.0.1 https://localhost:" + std::to_string(server.port()) + "/api/v1/health")
            .first,
        0);
}

TEST(Https, CurlAndTheSharedClientPinTheCertificate) {
    TempDir dir;
    ServerProcess server(dir.path(), kAlwaysOpenConfig, kHttpsArgs);
    const auto cert = server.db().string() + ".https-cert.pem";
    const std::string fingerprint = openssl_fingerprint(cert);
    const std::string health = server.url() + "/api/v1/health";

    // curl, the command line: the right public key pin passes, a wrong one is refused (90:
    // CURLE_SSL_PINNEDPUBKEYNOTMATCH); unpinned and unverified it is refused as well.
    const auto [ok_status, ok_body] =
        shell("curl -sS --fail -k --pinnedpubkey '" + openssl_public_key_pin(cert) + "' " + health);
    EXPECT_EQ(ok_status, 0);
    EXPECT_NE(ok_body.find("\"ok\""), std::string::npos) << ok_body;
    EXPECT_EQ(shell("curl -sS -k --pinnedpubkey "
                    "'sha256//AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=' " +
                    health)
                  .first,
              90);
    EXPECT_NE(shell("curl -sS --fail " + health).first, 0);

    // The shared client with the right fingerprint, in any case and without colons.
    net::HttpClient right(pinned(server.url(), fingerprint));
    const net::HttpResult good = right.get("/api/v1/health");
    EXPECT_TRUE(good.ok()) << good.error;
    std::string bare;
    for (const char ch : fingerprint)
        if (ch != ':')
            bare += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    EXPECT_TRUE(net::HttpClient(pinned(server.url(), bare)).get("/api/v1/health").ok());

    // A wrong fingerprint: refused before any request is sent, with both fingerprints named.
    const std::string wrong =
        "00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:"
        "DD:EE:FF";
    net::HttpClient impostor(pinned(server.url(), wrong));
    const net::HttpResult bad = impostor.post("/api/v1/tickets", {{"service", "informasi"}}, "k-1");
    EXPECT_FALSE(bad.response);
    EXPECT_EQ(bad.error, net::fingerprint_mismatch_message(wrong, fingerprint));
    EXPECT_NE(bad.error.find("server certificate fingerprint mismatch"), std::string::npos);
    EXPECT_EQ(bad.attempts, 1) << "a mismatch is not retried";

    // The event stream (displays, kiosks) pins the same way.
    net::SseClientOptions stream;
    stream.url = server.url() + "/api/v1/events";
    stream.bearer_token = kDisplayKey;
    stream.server_fingerprint = wrong;
    stream.backoff_initial_ms = stream.backoff_max_ms = 100;
    net::SseClient events(stream, [](const net::SseEvent&) {});
    events.start();
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (events.status().last_error.empty() && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    EXPECT_EQ(events.status().last_error.rfind(net::kFingerprintMismatch, 0), 0u)
        << events.status().last_error;
    events.stop();

    // A fingerprint with a plain http:// address is a configuration error, said as such.
    const net::HttpResult plain =
        net::HttpClient(pinned("http://127.0.0.1:1", fingerprint)).get("/x");
    EXPECT_NE(plain.error.find("https://"), std::string::npos) << plain.error;
}

TEST(Https, PlainHttpRedirectsBrowsersAndEveryReplyCarriesSecurityHeaders) {
    TempDir dir;
    ServerProcess server(dir.path(), kAlwaysOpenConfig, kHttpsArgs);
    const int plain = plain_port(server);
    ASSERT_GT(plain, 0) << server.startup_output();
    EXPECT_NE(server.startup_output().find("(redirects to https)"), std::string::npos);

    net::HttpClientOptions plain_options =
        test_client_options("http://127.0.0.1:" + std::to_string(plain));
    net::HttpClient browser(plain_options);
    const std::string token_path = "/s/" + std::string(32, 'a') + "?lang=en";
    for (const std::string& path : {token_path, std::string("/"), std::string("/admin.html")}) {
        const net::HttpResult r = browser.get(path);
        ASSERT_TRUE(r.response) << r.error;
        EXPECT_EQ(r.status(), 301) << path;
        EXPECT_EQ(r.response->header("Location").value_or(""), server.url() + path);
        expect_security_headers(r, "redirect of " + path);
    }
    // A Host header names the address the browser used; the redirect keeps it.
    const net::HttpResult named =
        browser.request("GET", "/counter.html", "", "text/plain", {{"Host", "loket.lan:8080"}});
    EXPECT_EQ(named.response->header("Location").value_or(""),
              "https://loket.lan:" + std::to_string(server.port()) + "/counter.html");

    // Over HTTPS: every page, the status page, styles, scripts, the API and its errors.
    const std::string fingerprint = openssl_fingerprint(server.db().string() + ".https-cert.pem");
    net::HttpClient client(pinned(server.url(), fingerprint));
    std::vector<std::string> paths = {"/",
                                      token_path,
                                      "/api/v1/health",
                                      "/api/v1/transport",
                                      "/api/v1/no-such-route",
                                      "/no-such-page.html",
                                      "/i18n.js",
                                      "/js/ticket-status.js",
                                      "/css/console.css",
                                      "/favicon.svg"};
    for (const auto& entry : std::filesystem::directory_iterator(LOKET_SOURCE_DIR "/assets/web"))
        if (entry.path().extension() == ".html")
            paths.push_back("/" + entry.path().filename().string());
    for (const auto& path : paths)
        expect_security_headers(client.get(path), path);

    const auto transport = client.get("/api/v1/transport").response->json().value();
    EXPECT_EQ(transport["https"], true);
    EXPECT_EQ(transport["plain_http"], "redirect");
    EXPECT_EQ(transport["fingerprint"], fingerprint);
}

TEST(Https, PlainHttpCanServeOldTvBrowsersAndSaysSo) {
    TempDir dir;
    std::string config = kAlwaysOpenConfig;
    config.insert(config.find("[server]\n") + 9, "plain_http = \"serve\"\n");
    ServerProcess server(dir.path(), config, kHttpsArgs);
    const int plain = plain_port(server);
    ASSERT_GT(plain, 0) << server.startup_output();
    EXPECT_NE(server.log_text().find("plain_http = \"serve\""), std::string::npos);
    ApiClient tv("http://127.0.0.1:" + std::to_string(plain));
    const Reply transport = tv.get("/transport");
    EXPECT_EQ(transport.status, 200);
    EXPECT_EQ(transport.body["plain_http"], "serve");
    net::HttpClient page(test_client_options("http://127.0.0.1:" + std::to_string(plain)));
    const net::HttpResult board = page.get("/papan-berkas.html");
    EXPECT_EQ(board.status(), 200);
    expect_security_headers(board, "plain /papan-berkas.html");
}

TEST(Https, TransportSaysWhenHttpsIsOff) {
    TempDir dir;
    ServerProcess server(dir.path());  // tests' default: --https off
    ApiClient client(server.url());
    const Reply transport = client.get("/transport");
    EXPECT_EQ(transport.status, 200);
    EXPECT_EQ(transport.body["https"], false);
    EXPECT_EQ(transport.body["plain_http"], "off");
    EXPECT_EQ(transport.body["fingerprint"], "");
}

// A CA and a server certificate it signed, as an office would get from its IT department.
void make_office_certificate(const std::filesystem::path& dir) {
    const std::string d = "'" + dir.string() + "'";
    const std::string script =
        "cd " + d +
        " && openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 30 "
        "-subj '/CN=Uji CA' "
        "&& openssl req -newkey rsa:2048 -nodes -keyout office.key -out office.csr "
        "-subj '/CN=loket.kantor' "
        "&& printf 'subjectAltName=DNS:loket.kantor,IP:127.0.0.1\\n' > san.ext "
        "&& openssl x509 -req -in office.csr -CA ca.pem -CAkey ca.key -CAcreateserial "
        "-out office.pem -days 30 -extfile san.ext";
    ASSERT_EQ(shell(script).first, 0);
}

TEST(Https, TheOfficesOwnCertificateFromTheConfiguration) {
    TempDir dir;
    make_office_certificate(dir.path());
    std::string config = kAlwaysOpenConfig;
    // Relative paths are taken from the configuration file's folder.
    config.insert(config.find("[server]\n") + 9,
                  "certificate = \"office.pem\"\nprivate_key = \"office.key\"\n");
    ServerProcess server(dir.path(), config, kHttpsArgs);
    EXPECT_FALSE(std::filesystem::exists(server.db().string() + ".https-cert.pem"));
    const std::string fingerprint = openssl_fingerprint(dir / "office.pem");
    EXPECT_NE(server.log_text().find(fingerprint), std::string::npos);
    const auto [status, output] = run_queue_server_cli(
        {"--db", server.db().string(), "--config", server.config_path().string(), "fingerprint"},
        "");
    EXPECT_EQ(output.substr(0, output.find('\n')), fingerprint) << output;
    // Browsers and curl trusting the office's CA need no exception.
    EXPECT_EQ(shell("curl -sS --fail --cacert '" + (dir / "ca.pem").string() + "' " + server.url() +
                    "/api/v1/health")
                  .first,
              0);
    EXPECT_TRUE(net::HttpClient(pinned(server.url(), fingerprint)).get("/api/v1/health").ok());
}

TEST(Https, AKeyThatIsNotTheCertificatesStopsTheStartWithAClearError) {
    TempDir dir;
    make_office_certificate(dir.path());
    std::string config = kAlwaysOpenConfig;
    config.insert(config.find("[server]\n") + 9,
                  "certificate = \"office.pem\"\nprivate_key = \"ca.key\"\n");
    std::ofstream(dir / "office.toml") << config;
    const auto [status, output] = run_queue_server_cli(
        {"--db", (dir / "loket.db").string(), "--config", (dir / "office.toml").string(),
         "--listen", "127.0.0.1:0", "--https", "on"},
        "");
    EXPECT_EQ(status, 2) << output;
    EXPECT_NE(output.find("is not the key of the certificate"), std::string::npos) << output;

    config = kAlwaysOpenConfig;
    config.insert(config.find("[server]\n") + 9, "certificate = \"office.pem\"\n");
    std::ofstream(dir / "office.toml") << config;
    const auto [status2, output2] =
        run_queue_server_cli({"--db", (dir / "loket.db").string(), "--config",
                              (dir / "office.toml").string(), "--listen", "127.0.0.1:0"},
                             "");
    EXPECT_EQ(status2, 2) << output2;
    EXPECT_NE(output2.find("'server.private_key': must be given together with server.certificate"),
              std::string::npos)
        << output2;
}

// Pages run under the Content-Security-Policy only without inline script, inline event
// handlers or inline styles (the browser test, tests/e2e/https-csp.mjs, sees them run).
TEST(Https, PagesHaveNoInlineScriptOrStyle) {
    const std::regex inline_script(R"(<script(?![^>]*\bsrc=)[^>]*>)", std::regex::icase);
    const std::regex handler(R"(<[^>]*\son[a-z]+\s*=)", std::regex::icase);
    const std::regex style_attr(R"(<[^>]*\sstyle\s*=)", std::regex::icase);
    const std::regex style_element(R"(<style[\s>])", std::regex::icase);
    int pages = 0;
    for (const auto& entry : std::filesystem::directory_iterator(LOKET_SOURCE_DIR "/assets/web")) {
        if (entry.path().extension() != ".html")
            continue;
        ++pages;
        const std::string html = read_text_file(entry.path());
        const std::string name = entry.path().filename().string();
        EXPECT_FALSE(std::regex_search(html, inline_script)) << name;
        EXPECT_FALSE(std::regex_search(html, handler)) << name;
        EXPECT_FALSE(std::regex_search(html, style_attr)) << name;
        EXPECT_FALSE(std::regex_search(html, style_element)) << name;
    }
    EXPECT_GT(pages, 10);
}

}  // namespace
