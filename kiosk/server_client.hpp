#pragma once
// The kiosk's side of the queue-server API (assets/openapi.json): requests over loket_net's
// HttpClient (timeouts, retries with backoff) and strict parsing of every reply into the types
// of api_types.hpp. Nothing here throws for anything the network or the server does.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "api_types.hpp"
#include "loket/http_client.hpp"

namespace loket::kiosk {

// ---- Reply parsing (pure; used by ServerClient and by tests with hand-made replies) ---------

Result<Office> parse_office(const net::HttpResult& reply);
Result<std::vector<ServiceInfo>> parse_services(const net::HttpResult& reply);
Result<std::vector<PermitSummary>> parse_permits(const net::HttpResult& reply);
Result<PermitDetail> parse_permit(const net::HttpResult& reply);
Result<IssuedTicket> parse_issued(const net::HttpResult& reply);
// GET /applications/lookup and /public/applications/status.
Result<ApplicationPublic> parse_application_public(const net::HttpResult& reply);
// POST /applications/pickup-ticket.
Result<PickupIssued> parse_pickup_ticket(const net::HttpResult& reply);
// The survey and complaints.
Result<Questionnaire> parse_questionnaire(const net::HttpResult& reply);
Result<SurveySubmitted> parse_survey_submitted(const net::HttpResult& reply);
Result<Publication> parse_publication(const net::HttpResult& reply);
Result<ComplaintSetup> parse_complaint_setup(const net::HttpResult& reply);
Result<ComplaintFiled> parse_complaint_filed(const net::HttpResult& reply);
// POST /tickets/{id}/print: any 2xx is success.
Result<bool> parse_print_report(const net::HttpResult& reply);

// The failure an HttpResult stands for when it is not a 2xx reply (or has no reply).
Failure failure_of(const net::HttpResult& reply);

// "http://host:8080", "http://host:8080/" or ".../api/v1" -> "http://host:8080/api/v1".
std::string api_base_url(std::string_view server_url);
// Percent-encoding for a query parameter value.
std::string url_encode(std::string_view text);

struct ServerClientOptions {
    std::string server_url;          // as configured: "http://127.0.0.1:8080"
    std::string device_key;          // sent as a bearer token
    std::string server_fingerprint;  // pins the HTTPS certificate (loket/tls_pin.hpp)
    long connect_timeout_ms = 2000;
    long timeout_ms = 6000;
    int retries = 2;  // GETs and POSTs with an idempotency key
    long backoff_initial_ms = 200;
    long backoff_max_ms = 1500;
};

// One per thread (HttpClient is not thread-safe). Blocks the calling thread for at most about
// (retries + 1) * timeout plus backoff.
class ServerClient {
  public:
    explicit ServerClient(const ServerClientOptions& options);
    ~ServerClient();
    ServerClient(ServerClient&&) noexcept;
    ServerClient& operator=(ServerClient&&) noexcept;

    Result<Office> office();
    Result<std::vector<ServiceInfo>> services();
    Result<std::vector<PermitSummary>> permits(std::string_view query);
    Result<PermitDetail> permit(std::string_view id);
    // The key makes the request safe to repeat: the HTTP client retries with it, and the
    // kiosk sends the same key again when the applicant taps "try again".
    Result<IssuedTicket> issue(const IssueRequest& request, std::string_view idempotency_key);
    // A file's public status: by number and token (the receipt's QR) when the token is known,
    // else by number alone (the kiosk's lookup).
    Result<ApplicationPublic> application_status(std::string_view number, std::string_view token);
    // The Pengambilan ticket of a ready file (number and token of its receipt's QR).
    Result<PickupIssued> pickup_ticket(std::string_view number, std::string_view token,
                                       std::string_view idempotency_key);
    // The SKM questionnaire, the publication setting, complaint categories.
    Result<Questionnaire> questionnaire();
    Result<Publication> publication();
    Result<ComplaintSetup> complaint_setup();
    // As the kiosk device, without a ticket token (the server rate-limits per kiosk). The key
    // makes a retry return the first result instead of a second response or complaint.
    Result<SurveySubmitted> submit_survey(const SurveySubmission& submission,
                                          std::string_view idempotency_key);
    Result<ComplaintFiled> file_complaint(const ComplaintSubmission& complaint,
                                          std::string_view idempotency_key);
    // status: printed | printed_with_warning | failed | not_printed.
    Result<bool> report_print(std::int64_t ticket_id, std::string_view status,
                              std::string_view problem);

  private:
    std::unique_ptr<net::HttpClient> http_;
};

}  // namespace loket::kiosk
