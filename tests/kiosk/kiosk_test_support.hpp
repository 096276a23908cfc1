#pragma once
// Fixtures for the kiosk tests: replies shaped exactly like the queue-server's (permits come
// from the real catalog through the same to_json the server uses), a fake clock, and running
// the kiosk binary.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "generated_catalog.hpp"
#include "loket/catalog.hpp"
#include "loket/complaint.hpp"
#include "loket/http_client.hpp"
#include "loket/survey.hpp"
#include "loket/ui/app_shell.hpp"
#include "model.hpp"
#include "server_client.hpp"

extern char** environ;

namespace loket::kiosk::testing {

using nlohmann::json;

inline net::HttpResult reply(int status, const std::string& body) {
    net::HttpResult r;
    r.response = net::HttpResponse{status, body, {}};
    r.attempts = 1;
    return r;
}
inline net::HttpResult reply(int status, const json& body) {
    return reply(status, body.dump());
}
inline net::HttpResult no_reply(const std::string& error = "connection refused") {
    net::HttpResult r;
    r.error = error;
    r.attempts = 3;
    return r;
}
inline net::HttpResult error_reply(int status, const std::string& code,
                                   const std::string& message) {
    return reply(status, json{{"error", {{"code", code}, {"message", message}}}});
}

inline json office_json(bool open = true) {
    json hours = json::object();
    for (const char* d : {"monday", "tuesday", "wednesday", "thursday"})
        hours[d] = open ? json::array({"08:00-19:00"}) : json::array();
    hours["friday"] = open ? json::array({"08:00-11:00"}) : json::array();
    hours["saturday"] = json::array();
    hours["sunday"] = json::array();
    return {{"name", "DPMPTSP Provinsi Kalimantan Timur"},
            {"address", "Jl. Basuki Rahmat No. 55, Samarinda"},
            {"time_zone", "WITA"},
            {"utc_offset_minutes", 480},
            {"now", 1795401720000},
            {"local_date", "2026-11-23"},
            {"local_time", open ? "10:42" : "20:15"},
            {"weekday", "monday"},
            {"open", open},
            {"closed_reason", open ? "" : "after_hours"},
            {"holiday", ""},
            {"next_open", open ? json(nullptr) : json(1795478400000)},
            {"today_hours", open ? json::array({"08:00-19:00"}) : json::array()},
            {"hours", hours},
            {"holidays", json::array()}};
}

inline json services_json() {
    const auto item = [](const char* id, const char* name, const char* en, const char* prefix,
                         int waiting, json estimate) {
        return json{{"id", id},
                    {"name", name},
                    {"name_en", en},
                    {"prefix", prefix},
                    {"waiting", waiting},
                    {"open_counters", 1},
                    {"estimate_minutes", estimate},
                    {"service_minutes", 5}};
    };
    return {{"services",
             {item("informasi", "Informasi", "Information", "A", 4, 20),
              item("customer_service", "Customer Service", "Customer Service", "B", 7, 70),
              item("pendaftaran", "Pendaftaran", "Registration", "C", 0, 0),
              item("pengambilan", "Pengambilan", "Pickup", "D", 1, nullptr)}}};
}

inline const catalog::Catalog& catalog() {
    static const catalog::Catalog c =
        catalog::Catalog::load_dir(std::filesystem::path(LOKET_ASSETS_DIR) / "catalog");
    return c;
}

inline json permits_json(const std::string& query = "") {
    json list = json::array();
    for (const catalog::Permit* p : catalog().search(query))
        list.push_back({{"id", p->id},
                        {"name", p->name},
                        {"short_name", p->short_name},
                        {"category", p->category},
                        {"office", p->office},
                        {"start_service", p->start_service},
                        {"requirements", p->requirements.size()},
                        {"steps", p->steps.size()}});
    return {{"permits", list}};
}

inline json permit_json(const std::string& id) {
    return to_json(*catalog().find(id));
}

inline json issued_json(const std::string& number = "B-001",
                        const std::string& service = "customer_service",
                        const std::string& permit_id = "pelalawan-iumk",
                        const std::string& priority = "") {
    json ticket = {{"id", 17},
                   {"local_date", "2026-11-23"},
                   {"number", number},
                   {"origin_service", service},
                   {"service", service},
                   {"priority", priority.empty() ? json(nullptr) : json(priority)},
                   {"permit_id", permit_id.empty() ? json(nullptr) : json(permit_id)},
                   {"state", "waiting"},
                   {"issued_at", 1795401720000},
                   {"arrival_at", 1795401720000},
                   {"called_at", nullptr},
                   {"counter", nullptr},
                   {"call_count", 0},
                   {"print_status", "pending"},
                   {"print_problem", ""},
                   {"note", ""},
                   {"status_token", "0123456789abcdef0123456789abcdef"}};
    return {{"ticket", ticket},
            {"replayed", false},
            {"people_ahead", 7},
            {"estimate_minutes", 70},
            {"status_url", "http://192.168.1.10:8080/s/0123456789abcdef0123456789abcdef"},
            {"service",
             {{"id", service},
              {"name", "Customer Service"},
              {"name_en", "Customer Service"},
              {"prefix", "B"}}},
            {"permit", permit_id.empty()
                           ? json(nullptr)
                           : json{{"id", permit_id}, {"name", catalog().find(permit_id)->name}}},
            {"office",
             {{"name", "DPMPTSP Provinsi Kalimantan Timur"},
              {"time_zone", "WITA"},
              {"utc_offset_minutes", 480}}}};
}

inline Office office(bool open = true) {
    return parse_office(reply(200, office_json(open))).value();
}
inline std::vector<ServiceInfo> services() {
    return parse_services(reply(200, services_json())).value();
}
inline std::vector<PermitSummary> permits(const std::string& query = "") {
    return parse_permits(reply(200, permits_json(query))).value();
}
inline PermitDetail permit(const std::string& id) {
    return parse_permit(reply(200, permit_json(id))).value();
}
// Every permit of the catalog, as the kiosk's LoadCatalog fetches them.
inline std::vector<PermitDetail> permit_details() {
    std::vector<PermitDetail> out;
    for (const auto& p : permits())
        out.push_back(permit(p.id));
    return out;
}
// The generated 300-permit catalog (tests/support/generated_catalog.hpp).
inline const catalog::Catalog& generated_catalog() {
    static const catalog::Catalog c = [] {
        catalog::Catalog out;
        for (const auto& doc : loket::testing::generated_catalog(300))
            out.add(catalog::Catalog::parse_permit(doc, doc.at("id").get<std::string>()));
        return out;
    }();
    return c;
}
// A catalog's whole list and every permit's information, as the server gives them to the
// kiosk's LoadCatalog.
inline std::vector<PermitSummary> summaries_of(const catalog::Catalog& c) {
    json list = json::array();
    for (const catalog::Permit& p : c.permits())
        list.push_back({{"id", p.id},
                        {"name", p.name},
                        {"short_name", p.short_name},
                        {"office", p.office},
                        {"start_service", p.start_service},
                        {"requirements", p.requirements.size()},
                        {"steps", p.steps.size()}});
    return parse_permits(reply(200, json{{"permits", list}})).value();
}
inline std::vector<PermitDetail> details_of(const catalog::Catalog& c) {
    std::vector<PermitDetail> out;
    for (const catalog::Permit& p : c.permits())
        out.push_back(parse_permit(reply(200, to_json(p))).value());
    return out;
}

inline IssuedTicket issued(const std::string& number = "B-001",
                           const std::string& service = "customer_service",
                           const std::string& permit_id = "pelalawan-iumk",
                           const std::string& priority = "") {
    return parse_issued(reply(201, issued_json(number, service, permit_id, priority))).value();
}

// Steady and wall clocks that only move when told.
struct FakeClock {
    std::chrono::steady_clock::time_point steady =
        std::chrono::steady_clock::time_point{} + std::chrono::hours(1000);
    // Monday 23 November 2026, 10:42 WITA.
    std::chrono::system_clock::time_point wall =
        std::chrono::system_clock::time_point{} + std::chrono::milliseconds(1795401720000);
    void advance(std::chrono::milliseconds d) {
        steady += d;
        wall += d;
    }
    ModelClocks clocks() {
        return {[this] { return steady; }, [this] { return wall; }};
    }
};

// Effects of one kind, in order.
template <class E>
std::vector<E> effects_of(const std::vector<Effect>& effects) {
    std::vector<E> out;
    for (const auto& e : effects)
        if (const E* x = std::get_if<E>(&e))
            out.push_back(*x);
    return out;
}

// ---- The kiosk binary -----------------------------------------------------------------------

struct ProcessResult {
    int exit_code = -1;  // or -signal
    bool timed_out = false;
    std::string output;  // stdout and stderr
};

inline std::string read_text(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

class KioskProcess {
  public:
    KioskProcess(std::vector<std::string> args, std::filesystem::path log) : log_(std::move(log)) {
        args.insert(args.begin(), LOKET_KIOSK_BIN);
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addopen(&actions, 1, log_.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                         0644);
        posix_spawn_file_actions_adddup2(&actions, 1, 2);
        std::vector<char*> argv;
        for (auto& a : args)
            argv.push_back(a.data());
        argv.push_back(nullptr);
        if (posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ) != 0)
            pid_ = -1;
        posix_spawn_file_actions_destroy(&actions);
    }
    ~KioskProcess() {
        if (pid_ > 0 && !done_) {
            ::kill(pid_, SIGKILL);
            waitpid(pid_, nullptr, 0);
        }
    }
    KioskProcess(const KioskProcess&) = delete;
    KioskProcess& operator=(const KioskProcess&) = delete;

    bool started() const { return pid_ > 0; }
    // Waits for the exit (SIGKILL after the timeout).
    ProcessResult wait(std::chrono::milliseconds timeout) {
        ProcessResult r;
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        int status = 0;
        while (!done_) {
            const pid_t got = waitpid(pid_, &status, WNOHANG);
            if (got == pid_) {
                done_ = true;
                break;
            }
            if (std::chrono::steady_clock::now() > deadline) {
                r.timed_out = true;
                ::kill(pid_, SIGKILL);
                waitpid(pid_, &status, 0);
                done_ = true;
                break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
        r.output = read_text(log_);
        return r;
    }

  private:
    std::filesystem::path log_;
    pid_t pid_ = -1;
    bool done_ = false;
};

// Waits until a file whose name contains `part` appears in dir.
inline bool wait_for_file(const std::filesystem::path& dir, const std::string& part,
                          std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        std::error_code ec;
        for (const auto& e : std::filesystem::directory_iterator(dir, ec))
            if (e.path().filename().string().find(part) != std::string::npos)
                return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
}

// ---- Applications (berkas) ------------------------------------------------------------------

inline constexpr const char* kReceiptToken = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
inline constexpr const char* kReceiptUrl =
    "http://192.168.1.10:8080/berkas.html?nomor=0001%2FDPMPTSP%2FXII%2F2026"
    "&token=a1b2c3d4e5f60718293a4b5c6d7e8f90";

// GET /applications/lookup as the server writes it (ApplicationPublic).
inline json application_json(const std::string& stage = "diproses", bool ready = false) {
    json a = {{"number", "0001/DPMPTSP/XII/2026"},
              {"permit", {{"id", "kaltim-ikot"}, {"name", "Izin Usaha Industri Kecil (IKOT)"}}},
              {"registered_at", 1795401720000},
              {"stage",
               {{"code", stage},
                {"text", "Sedang diperiksa tim teknis"},
                {"text_en", "Being checked by the technical team"}}},
              {"clock", "on_time"},
              {"due", 1796633400000},  // Senin, 7 Desember 2026 (WITA)
              {"needed", nullptr},
              {"ready", ready}};
    if (stage == "siap_diambil") {
        a["stage"]["text"] = "Siap diambil di loket Pengambilan; bawa tanda terima";
        a["stage"]["text_en"] = "Ready for pickup at the Pickup counter; bring the receipt";
        a["clock"] = "stopped";
        a["due"] = nullptr;
    } else if (stage == "dikembalikan") {
        a["stage"]["text"] = "Berkas dikembalikan: mohon lengkapi atau perbaiki";
        a["stage"]["text_en"] = "File returned: please complete or correct it";
        a["clock"] = "paused";
        a["needed"] = "Fotokopi KTP tidak terbaca; bawa fotokopi yang jelas";
    }
    return a;
}
inline ApplicationPublic application(const std::string& stage = "diproses", bool ready = false) {
    return parse_application_public(reply(200, application_json(stage, ready))).value();
}
// POST /applications/pickup-ticket's answer.
inline json pickup_json() {
    json j = issued_json("D-004", "pengambilan", "kaltim-ikot");
    j.erase("permit");
    j.erase("office");
    j["people_ahead"] = 2;
    j["estimate_minutes"] = 10;
    j["service"] = {
        {"id", "pengambilan"}, {"name", "Pengambilan"}, {"name_en", "Pickup"}, {"prefix", "D"}};
    j["application"] = application_json("siap_diambil", true);
    return j;
}

// ---- The applicants' voice: survey and complaints ------------------------------------------

// GET /survey/questions exactly as the server writes it (the same library function).
inline json questionnaire_json() {
    return survey::questionnaire_json();
}
inline Questionnaire questionnaire() {
    return parse_questionnaire(reply(200, questionnaire_json())).value();
}
// GET /complaints/categories as queue-server/complaint_api.cpp writes it.
inline json complaint_categories_json() {
    json list = json::array();
    for (const complaint::Label& l : complaint::categories())
        list.push_back({{"id", l.id}, {"name", l.name}, {"name_en", l.name_en}});
    return {{"categories", list},
            {"channels_staff", json::array()},
            {"lapor",
             {{"url", "https://www.lapor.go.id"},
              {"sms", "1708"},
              {"text",
               "Pengaduan juga dapat disampaikan melalui SP4N-LAPOR!, kanal pengaduan pelayanan "
               "publik nasional: www.lapor.go.id atau SMS ke 1708."},
              {"text_en",
               "You can also file a complaint through SP4N-LAPOR!, the national public service "
               "complaints channel: www.lapor.go.id or SMS to 1708."}}}};
}
inline ComplaintSetup complaint_setup() {
    return parse_complaint_setup(reply(200, complaint_categories_json())).value();
}
inline json complaint_filed_json(const std::string& number = "ADU-7K3M-9QX2") {
    return {{"tracking_number", number},
            {"state", "diterima"},
            {"received_on", "2026-11-23"},
            {"due_on", "2027-01-22"},
            {"status_path", "/pengaduan.html?lacak=" + number},
            {"replayed", false}};
}
inline ComplaintFiled complaint_filed(const std::string& number = "ADU-7K3M-9QX2") {
    return parse_complaint_filed(reply(201, complaint_filed_json(number))).value();
}
// GET /survey/publication; show false: the office publishes nothing.
inline json publication_json(bool show, bool with_index = true) {
    return {{"show_ikm", show},
            {"period",
             {{"key", "2026-S1"}, {"name", "Semester I 2026"}, {"name_en", "Semester I 2026"}}},
            {"ikm", show && with_index ? json(83.45) : json(nullptr)},
            {"grade", show && with_index ? json("B") : json(nullptr)},
            {"grade_name", show && with_index ? json("Baik") : json(nullptr)},
            {"grade_name_en", show && with_index ? json("Good") : json(nullptr)},
            {"respondents", with_index ? 127 : 0},
            {"maklumat",
             "Dengan ini kami menyatakan sanggup menyelenggarakan pelayanan sesuai standar "
             "pelayanan yang telah ditetapkan dan apabila tidak menepati janji ini, kami siap "
             "menerima sanksi sesuai peraturan perundang-undangan yang berlaku."},
            {"maklumat_en",
             "We pledge to deliver our services to the published service standards and, should "
             "we fail to keep this promise, we accept the sanctions the law provides."}};
}
inline Publication publication(bool show, bool with_index = true) {
    return parse_publication(reply(200, publication_json(show, with_index))).value();
}

// Where the tests keep screenshots for people to look at.
// A headless kiosk screen: 1080x1920 portrait or 1920x1080 landscape.
inline ui::ShellOptions headless_screen(bool landscape) {
    ui::ShellOptions options;
    options.headless = true;
    options.width = landscape ? 1920 : 1080;
    options.height = landscape ? 1080 : 1920;
    return options;
}

inline std::filesystem::path screenshot_dir(const std::string& sub = "") {
    std::filesystem::path dir = LOKET_KIOSK_SCREENSHOT_DIR;
    if (!sub.empty())
        dir /= sub;
    std::filesystem::create_directories(dir);
    return dir;
}

}  // namespace loket::kiosk::testing
