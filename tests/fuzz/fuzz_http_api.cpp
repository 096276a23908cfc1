// Fuzz target: the queue-server's whole HTTP handling, in process.
//
// How it reaches the endpoints: cpp-httplib 0.11.4 has no public in-memory entry point, but
// httplib::Server::process_request(Stream&, ...) is protected, so a subclass can hand it a
// request held in memory. That runs exactly what a socket connection runs: httplib's request
// line / header / body parsing, the routing regexes built from the OpenAPI-style paths, then
// loket::server::Api's handlers (access check, strict JSON bodies, path and query parameters,
// the queue store, the settings reader, static files under assets/web and the error handler).
// No sockets, no threads of its own; about as fast as the handlers themselves.
//
// Input: a raw HTTP/1.1 request. Before it is handed over:
//   - placeholders in the head are replaced by real credentials and ids, so the fuzzer can
//     reach every access level: $ADMIN, $SUPER, $STAFF (session tokens), $KIOSK, $DISPLAY
//     (device keys), $STATUS (a ticket's status token), $TID (a ticket id);
//   - when the head has neither Content-Length nor Transfer-Encoding, a Content-Length for
//     the body (everything after the first blank line) is added, so body mutations stay
//     readable.
// Checked on every reply (a failure aborts, which libFuzzer reports as a crash):
//   - no exception escapes and no sanitizer report (the server would die: std::terminate);
//   - never a 5xx;
//   - every 4xx body is JSON {"error": {"code", "message"}};
//   - no reply contains file contents from outside assets/web ("root:x:0:0");
//   - staff data (counters, today's tickets, users, settings, session info) is never a 2xx
//     for a request carrying no staff session token (anonymous, kiosk or display key);
//   - a ticket's status_url is the server's own /s/<token> under a clean host, whatever the
//     Host header said.
// State: one database on tmpfs lives for the whole run (tickets accumulate, as on a real
// morning). After each input the three staff sessions, their roles and the office settings
// are put back if the input changed them, so later inputs keep every access level. A crash
// found late in a run may therefore depend on earlier inputs; the reported input replays it
// in most cases because each run starts from the same seeded state.
#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <fstream>
#include <regex>
#include <sstream>
#include <string>

#include "api.hpp"
#include "fuzz_support.hpp"

using namespace loket;
using namespace loket::server;
using nlohmann::json;

namespace {

// One request in, the reply bytes out.
class MemoryStream : public httplib::Stream {
  public:
    explicit MemoryStream(std::string_view in) : in_(in) {}
    bool is_readable() const override { return true; }
    bool is_writable() const override { return out_.size() < (8u << 20); }
    ssize_t read(char* ptr, size_t size) override {
        const std::size_t n = std::min(size, in_.size() - at_);
        std::memcpy(ptr, in_.data() + at_, n);
        at_ += n;
        return static_cast<ssize_t>(n);
    }
    ssize_t write(const char* ptr, size_t size) override {
        out_.append(ptr, size);
        return static_cast<ssize_t>(size);
    }
    void get_remote_ip_and_port(std::string& ip, int& port) const override {
        ip = "127.0.0.1";
        port = 40000;
    }
    void get_local_ip_and_port(std::string& ip, int& port) const override {
        ip = "127.0.0.1";
        port = 8080;
    }
    socket_t socket() const override { return INVALID_SOCKET; }
    const std::string& out() const { return out_; }

  private:
    std::string_view in_;
    std::size_t at_ = 0;
    std::string out_;
};

class InMemoryServer : public httplib::Server {
  public:
    InMemoryServer() {
        // Looks like a listening server to the chunked-content writer (it stops streaming
        // when the server socket is invalid); never listened on or accepted from.
        svr_sock_ = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    }
    ~InMemoryServer() {
        ::close(svr_sock_);
        svr_sock_ = INVALID_SOCKET;
    }
    // Handles one request; returns the path httplib parsed (URL-decoded) via `path`.
    void handle(MemoryStream& stream, std::string& method, std::string& path) {
        bool closed = false;
        process_request(stream, true, closed, [&](httplib::Request& req) {
            method = req.method;
            path = req.path;
        });
    }
};

struct Identity {
    std::string user;
    Role role;
    std::string token;
};

struct World {
    std::filesystem::path dir = fuzz::scratch_dir();
    OfficeConfig office;
    std::unique_ptr<QueueStore> store;
    std::unique_ptr<ApplicationStore> applications;
    std::unique_ptr<AuthStore> auth;
    std::unique_ptr<CatalogStore> catalog;
    ServerSettings settings;
    Metrics metrics;
    std::unique_ptr<EventHub> hub;
    std::unique_ptr<Api> api;
    InMemoryServer http;
    json office_json;
    std::vector<Identity> staff = {{"fz-admin", Role::Admin, ""},
                                   {"fz-super", Role::Supervisor, ""},
                                   {"fz-staff", Role::Staff, ""}};
    std::string status_token;
    std::string ticket_id;

    static std::string password_of(const Identity& who) { return "rahasia-" + who.user; }

    World() {
        // The tests' round-the-clock office and its kiosk and display keys.
        const std::string config_path = LOKET_SOURCE_DIR "/tests/support/always-open.toml";
        office = load_office_config(config_path);
        office_json = to_json(office);
        settings = load_server_settings(config_path);
        settings.keepalive_seconds = 1;
        StoreOptions fast;
        fast.synchronous_full = false;  // tmpfs: durability is not what is fuzzed
        store = std::make_unique<QueueStore>(dir / "loket.db", office, fast);
        applications = std::make_unique<ApplicationStore>(*store, default_application_settings());
        auth = std::make_unique<AuthStore>(dir / "loket.db", fast);
        catalog = std::make_unique<CatalogStore>(*store);
        catalog->seed_if_empty(catalog::Catalog::load_documents(LOKET_SOURCE_DIR "/assets/catalog"),
                               now_utc());
        hub = std::make_unique<EventHub>(store->last_event_id());
        store->set_event_listener([this](const std::vector<Event>& events) {
            for (const auto& e : events)
                metrics.count_event(e);
            hub->publish(events);
        });
        // Streams end at once instead of waiting for events (GET /events is still parsed,
        // authorised and answered).
        hub->close();
        std::ifstream openapi(LOKET_SOURCE_DIR "/assets/openapi.json");
        std::ostringstream openapi_text;
        openapi_text << openapi.rdbuf();
        api = std::make_unique<Api>(ApiDeps{*store, *auth, *catalog, settings, metrics, *hub,
                                            LOKET_SOURCE_DIR "/assets/web", openapi_text.str(),
                                            applications.get(), ""});
        // As main.cpp sets the server up.
        http.set_keep_alive_max_count(1000000);
        http.set_payload_max_length(settings.max_body_bytes);
        api->install(http);

        for (auto& who : staff) {
            auth->add_user(who.user, who.role, password_of(who), now_utc());
            login(who);
        }
        IssueRequest request;
        request.service = "informasi";
        const IssueResult issued = store->issue(request, now_utc());
        status_token = issued.ticket.status_token;
        ticket_id = std::to_string(issued.ticket.id);
    }

    void login(Identity& who) {
        auto session = auth->login(who.user, password_of(who), now_utc(), std::chrono::hours(24));
        if (!session)
            fuzz::finding("cannot log the fuzzer's own account in again");
        who.token = session->token;
    }

    // Puts back what an input may have changed that later inputs rely on.
    void restore() {
        const TimePoint now = now_utc();
        for (auto& who : staff) {
            const auto session = auth->authenticate(who.token, now);
            if (session && session->user.role == who.role)
                continue;
            if (!auth->find_user(who.user))
                fuzz::finding("an account disappeared");
            auth->set_disabled(who.user, false);
            auth->set_role(who.user, who.role);
            if (!session) {
                // Logged out (or the password was changed): log in again, resetting the
                // password only when needed (each costs an Argon2id hash).
                if (auto again =
                        auth->login(who.user, password_of(who), now, std::chrono::hours(24))) {
                    who.token = again->token;
                } else {
                    auth->set_password(who.user, password_of(who));
                    login(who);
                }
            }
        }
        if (to_json(*store->config()) != office_json) {
            try {
                store->save_config(office, "fuzz", now);
            } catch (const std::exception&) {
                // Today's tickets keep a changed service; carry on with what was saved.
            }
        }
    }

    std::string substitute(std::string head) const {
        const std::pair<const char*, const std::string*> names[] = {
            {"$ADMIN", &staff[0].token},
            {"$SUPER", &staff[1].token},
            {"$STAFF", &staff[2].token},
            {"$KIOSK", &settings.devices[0].key},
            {"$DISPLAY", &settings.devices[1].key},
            {"$STATUS", &status_token},
            {"$TID", &ticket_id}};
        for (const auto& [name, value] : names) {
            const std::string_view n(name);
            for (auto at = head.find(n); at != std::string::npos; at = head.find(n, at)) {
                head.replace(at, n.size(), *value);
                at += value->size();
            }
        }
        return head;
    }

    bool carries_session(const std::string& request) const {
        for (const auto& who : staff) {
            if (request.find(who.token) != std::string::npos)
                return true;
        }
        return false;
    }
};

World* world = nullptr;

std::string lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// The request as it goes on the wire (see the header comment).
std::string build_request(std::string_view input) {
    std::size_t split = input.find("\r\n\r\n");
    std::size_t sep = 4;
    if (split == std::string_view::npos) {
        split = input.find("\n\n");
        sep = 2;
    }
    std::string head(input.substr(0, split));
    std::string_view body;
    if (split != std::string_view::npos)
        body = input.substr(split + sep);
    head = world->substitute(std::move(head));
    const std::string head_lower = lower(head);
    if (!body.empty() && head_lower.find("content-length") == std::string::npos &&
        head_lower.find("transfer-encoding") == std::string::npos) {
        head += "\r\nContent-Length: " + std::to_string(body.size());
    }
    return head + "\r\n\r\n" + std::string(body);
}

struct Reply {
    int status = 0;
    std::string head;  // lower-cased header block
    std::string body;
};

// Parses what the server wrote: optional "100 Continue", then one response (Content-Length
// or chunked body, or the rest).
std::optional<Reply> parse_reply(std::string_view out) {
    while (!out.empty()) {
        if (out.rfind("HTTP/1.1 ", 0) != 0 || out.size() < 12)
            fuzz::finding("reply does not start with a status line", out);
        Reply r;
        r.status = std::atoi(std::string(out.substr(9, 3)).c_str());
        const std::size_t end = out.find("\r\n\r\n");
        if (end == std::string_view::npos)
            fuzz::finding("reply head does not end", out);
        r.head = lower(out.substr(0, end));
        std::string_view rest = out.substr(end + 4);
        if (r.status == 100) {
            out = rest;
            continue;
        }
        if (r.head.find("transfer-encoding: chunked") != std::string::npos) {
            while (!rest.empty()) {
                const std::size_t line = rest.find("\r\n");
                if (line == std::string_view::npos)
                    break;
                const std::size_t n =
                    std::strtoul(std::string(rest.substr(0, line)).c_str(), nullptr, 16);
                if (n == 0 || line + 2 + n > rest.size())
                    break;
                r.body.append(rest.substr(line + 2, n));
                rest.remove_prefix(std::min(rest.size(), line + 2 + n + 2));
            }
        } else if (const auto at = r.head.find("content-length: "); at != std::string::npos) {
            const std::size_t n = std::strtoul(r.head.c_str() + at + 16, nullptr, 10);
            r.body = std::string(rest.substr(0, n));
        } else {
            r.body = std::string(rest);
        }
        return r;
    }
    return std::nullopt;
}

const std::regex kStaffOnly(
    R"(^/api/v1/(counters|users|settings|auth/me|auth/logout)(/.*)?$|^/api/v1/tickets/[^/]+/(reactivate|cancel|transfer)$)");
const std::regex kStatusUrl(R"(^(https?://[A-Za-z0-9.:\[\]-]+)?/s/[0-9a-f]{32}$)");

void check(const std::string& request, const std::string& method, const std::string& path,
           const Reply& r) {
    const auto show = [&] {
        return "request:\n" + request.substr(0, 2000) + "\n--- reply:\n" + r.head + "\n\n" +
               r.body.substr(0, 2000);
    };
    if (r.status >= 500)
        fuzz::finding("the server answered " + std::to_string(r.status), show());
    if (r.status < 100)
        fuzz::finding("a reply without a valid status", show());
    if (r.head.find("root:x:0:0") != std::string::npos ||
        r.body.find("root:x:0:0") != std::string::npos) {
        fuzz::finding("a reply leaks /etc/passwd", show());
    }
    // A HEAD reply has no body (also when the request line was too broken to be parsed).
    const bool head = method == "HEAD" || (method.empty() && request.rfind("HEAD", 0) == 0);
    // httplib applies a Range header to error replies too (multipart/byteranges of the JSON):
    // the client asked for pieces, so only whole error bodies are checked.
    const bool ranged = r.head.find("content-range") != std::string::npos ||
                        r.head.find("multipart/byteranges") != std::string::npos;
    if (r.status >= 400 && !head && !ranged) {
        const json body = json::parse(r.body, nullptr, false);
        const bool shaped = !body.is_discarded() && body.is_object() && body.contains("error") &&
                            body["error"].is_object() && body["error"].contains("code") &&
                            body["error"]["code"].is_string() &&
                            body["error"].contains("message") &&
                            body["error"]["message"].is_string();
        if (!shaped)
            fuzz::finding("an error reply is not JSON {error: {code, message}}", show());
    }
    if (r.status >= 200 && r.status < 300 && !world->carries_session(request) &&
        (std::regex_match(path, kStaffOnly) ||
         ((method == "GET" || method == "HEAD") && path == "/api/v1/tickets"))) {
        fuzz::finding("staff data answered without a staff session", show());
    }
    if (method == "POST" && path == "/api/v1/tickets" && (r.status == 200 || r.status == 201)) {
        const json body = json::parse(r.body, nullptr, false);
        const std::string url =
            body.is_object() && body.contains("status_url") && body["status_url"].is_string()
                ? body["status_url"].get<std::string>()
                : "";
        if (!std::regex_match(url, kStatusUrl))
            fuzz::finding("a ticket's status_url is not the server's own", show());
    }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    spdlog::set_level(spdlog::level::off);
    world = new World();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string request = build_request({reinterpret_cast<const char*>(data), size});
    MemoryStream stream(request);
    std::string method, path;
    world->http.handle(stream, method, path);
    if (const auto reply = parse_reply(stream.out()))
        check(request, method, path, *reply);
    world->restore();
    return 0;
}
