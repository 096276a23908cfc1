#pragma once
// The HTTP API under /api/v1 (documented in assets/openapi.json), the event stream, and the
// static web pages. Every handler validates its input and answers errors as
// {"error": {"code", "message", "field"}} with a 4xx status; storage trouble is a 503.
#include <httplib.h>

#include <atomic>
#include <filesystem>
#include <map>
#include <mutex>
#include <string>

#include "backup.hpp"
#include "counter_printing.hpp"
#include "event_hub.hpp"
#include "loket/application_store.hpp"
#include "loket/auth_store.hpp"
#include "loket/catalog_store.hpp"
#include "loket/queue_store.hpp"
#include "loket/survey_store.hpp"
#include "metrics.hpp"
#include "server_config.hpp"

namespace loket::server {

class Body;  // api_parts.hpp

// Token buckets keyed by a name (device, remote address).
class RateLimiter {
  public:
    // True when one more action is allowed for key at `per_minute` with a burst of `burst`.
    bool allow(const std::string& key, double per_minute, double burst,
               std::chrono::steady_clock::time_point now = std::chrono::steady_clock::now());

  private:
    struct Bucket {
        double tokens;
        std::chrono::steady_clock::time_point last;
    };
    std::mutex mutex_;
    std::map<std::string, Bucket> buckets_;
};

struct ApiDeps {
    QueueStore& store;
    AuthStore& auth;
    CatalogStore& catalog;
    const ServerSettings& settings;
    Metrics& metrics;
    EventHub& hub;
    std::filesystem::path web_dir;  // assets/web
    std::string openapi_json;       // assets/openapi.json, served as is
    // Application (berkas) tracking; without it those routes answer 503.
    ApplicationStore* applications = nullptr;
    // Debian's libjs-chart.js folder, served at /vendor/chart.js/ for the report pages.
    std::filesystem::path chart_js_dir;
    // Backups of the database (backup.hpp); without it GET/POST /backups answer 503.
    BackupService* backups = nullptr;
};

class Api {
  public:
    explicit Api(ApiDeps deps);
    ~Api();
    Api(const Api&) = delete;
    Api& operator=(const Api&) = delete;
    void install(httplib::Server& server);
    // The routes installed, as "METHOD /api/v1/path/{param}" (checked against the OpenAPI file).
    const std::vector<std::string>& routes() const { return routes_; }

  private:
    struct Call;
    enum class Access { Public, Kiosk, Reader, Staff, Supervisor, Admin };
    using Handler = std::function<void(Call&)>;
    using Member = void (Api::*)(Call&);

    void add(httplib::Server& server, const std::string& method, const std::string& path,
             Access access, Handler handler);
    // A route whose handler is a member of Api, so each install_* reads as its list of routes.
    void add(httplib::Server& server, const std::string& method, const std::string& path,
             Access access, Member handler) {
        add(server, method, path, access, [this, handler](Call& c) { (this->*handler)(c); });
    }
    // Who is asking (a device key or a session token) and whether access lets them in.
    void authorize(Call& call, Access access) const;

    // The satisfaction survey (survey_api.cpp).
    void install_survey(httplib::Server& server);
    SurveyStore visit_surveys() const;
    void survey_visit(Call& c);
    void submit_survey_response(Call& c);
    void counter_survey(Call& c);
    void survey_publication(Call& c);
    void survey_report(Call& c);
    void survey_report_csv(Call& c);
    void survey_report_xlsx(Call& c);
    void list_follow_ups(Call& c);
    void add_follow_up(Call& c);

    // Complaints (complaint_api.cpp).
    void install_complaints(httplib::Server& server);
    void list_complaint_categories(Call& c);
    void submit_complaint(Call& c);
    void list_complaints(Call& c);
    void export_complaints(Call& c);
    void summarise_complaints(Call& c);

    // Performance reports and the open performance data (report_api.cpp).
    void install_reports(httplib::Server& server);
    void export_report_csv(Call& c);
    void export_report_xlsx(Call& c);
    void open_data(Call& c);

    // Personal data: search, export, erasure, the access log (privacy_api.cpp).
    void install_privacy(httplib::Server& server);

    // The catalog editor's routes (catalog_api.cpp).
    void install_catalog(httplib::Server& server);
    void list_catalog_permits(Call& c);
    void open_catalog_permit(Call& c);
    void create_permit(Call& c);
    void update_permit(Call& c);
    void duplicate_permit(Call& c);
    void retire_permit(Call& c);
    void restore_permit(Call& c);
    void list_permit_versions(Call& c);
    void diff_permit_versions(Call& c);
    void import_catalog(Call& c);

    // Backups: the last one and a copy now (backup_api.cpp).
    void install_backups(httplib::Server& server);

    // The public reads, the login and the display's snapshot (public_api.cpp).
    void install_public(httplib::Server& server);
    void describe_transport(Call& c);
    void describe_office(Call& c);
    void search_permits(Call& c);
    void read_permit(Call& c);
    void ticket_status(Call& c);
    void log_in(Call& c);
    void current_user(Call& c);
    void display_snapshot(Call& c);

    // Tickets, the counters' staff and the supervisors' ticket actions (counter_api.cpp).
    void install_tickets(httplib::Server& server);
    void install_counters(httplib::Server& server);
    void install_supervisor(httplib::Server& server);
    // A counter with its receipt printer's paper width (the printer's address stays on the
    // server), so the console offers printing the receipt there.
    nlohmann::json counter_json(const CounterStatus& counter) const;
    void issue_ticket(Call& c);
    void record_print_status(Call& c);
    void list_counters(Call& c);
    void read_counter(Call& c);
    void list_waiting(Call& c);
    void counter_stats(Call& c);
    void take_over_counter(Call& c);
    void call_next(Call& c);
    void call_number(Call& c);
    void transfer_from_counter(Call& c);
    void list_tickets(Call& c);
    void transfer_ticket(Call& c);

    void install_users(httplib::Server& server);
    void install_settings(httplib::Server& server);
    void install_events(httplib::Server& server);

    // Applications (berkas): the file's lifecycle in application_api.cpp, the board and the
    // look-ups in application_board_api.cpp.
    void install_applications(httplib::Server& server);
    ApplicationStore& applications() const;
    // An application as replies show it (loket/application_wire.hpp), with the store's clock
    // and settings: the summary and the board carry no personal data; the detail adds it; the
    // public view carries only what the receipt's holder may read.
    nlohmann::json application_summary(const Application& app, TimePoint now) const;
    nlohmann::json application_detail(const Application& app, TimePoint now) const;
    nlohmann::json application_public(const Application& app, TimePoint now) const;
    Actor actor_of(const Call& c) const;
    static std::string key_of(const Call& c, const Body& body);
    static std::int64_t id_of(const Call& c);
    // This server's address for links: the configured public URL, else the request's Host.
    std::string public_base(const Call& c) const;
    // A registration's receipt: what it promises, where to check the status, how to pick up.
    nlohmann::json receipt_of(const Call& c, const Application& app) const;
    void qr_code_svg(Call& c);
    void application_form(Call& c);
    void register_application(Call& c);
    void print_receipt(Call& c);
    void issue_pickup_ticket(Call& c);
    void application_detail(Call& c);
    void application_access_log(Call& c);
    void act_on_step(Call& c);
    void pause_application(Call& c);
    void resume_application(Call& c);
    void assign_application(Call& c);
    void mark_application_ready(Call& c);
    void hand_over_application(Call& c);
    void list_board(Call& c);
    void list_deadline_warnings(Call& c);
    void application_stats(Call& c);
    void export_applications(Call& c);
    void look_up_application(Call& c);
    void public_application_status(Call& c);
    void list_ready_numbers(Call& c);

    // A called pickup ticket linked to a ready application: the application, with the
    // applicant's name for the hand-over (the read is logged), as reply["application"].
    void add_pickup_application(Call& c, const Ticket& ticket, nlohmann::json& reply);

    ApiDeps d_;
    RateLimiter ticket_limiter_;
    RateLimiter login_limiter_;          // per account and address
    RateLimiter login_address_limiter_;  // per address, across accounts
    std::vector<std::string> routes_;
    std::unique_ptr<CounterPrinters> counter_printers_;  // receipts on counter printers
};

}  // namespace loket::server
