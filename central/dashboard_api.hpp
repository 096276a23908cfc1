#pragma once
// The province dashboard's HTTP API (docs/scale.md): login for province staff, every office's
// today, figures over a range with CSV and XLSX exports, one office's days.
#include <httplib.h>

#include <filesystem>

#include "loket/province_dashboard.hpp"

namespace loket::central {

struct DashboardSite {
    std::filesystem::path web_dir;       // assets/central: the dashboard page
    std::filesystem::path chart_js_dir;  // Debian's libjs-chart.js
};

void install_dashboard_api(httplib::Server& server, ProvinceDashboard& dashboard,
                           const DashboardSite& site);

}  // namespace loket::central
