// report_routes.h — the KPI reports of docs/API.md "Reports" (supervisor+):
//   GET /api/v1/tenants/{tenant}/reports/kpis?from&to&interval&by&queue&agent&sl&short&format&profile
//   GET /api/v1/tenants/{tenant}/reports/sl-95-180?from&to&format&profile
// Handlers check access and parameters on the app thread, then run the report
// on the ReportService's thread, which answers.
#pragma once

#include "app/api_routes.h"
#include "app/report_service.h"
#include "http/csv.h"
#include "report/kpi.h"

namespace plateau::app {

void add_report_routes(http::Router& r, ApiContext& ctx, ReportService& reports);

// The parameters of a KPI report, parsed and checked (errors "api.bad_parameter").
struct KpiQuery {
  std::string from, to;  // local dates, inclusive
  report::Interval interval = report::Interval::day;
  report::By by = report::By::queue;
  std::string queue, agent;
  int sl_s = 20, short_s = 5;
  std::string format = "json";  // json, csv or xlsx
  http::CsvProfile profile = http::CsvProfile::standard;
};
Result<KpiQuery> parse_kpi_query(const http::Request& req, const model::Tenant& tenant,
                                 const model::Provisioning& p);

// The report's body: JSON (docs/API.md), or a table (one row per interval, then "total") for CSV and XLSX.
std::string kpi_json(const KpiQuery& q, const std::string& tenant, const report::Zone& zone,
                     const report::Aggregator& a);
struct KpiTable {
  std::vector<std::string> header;
  std::vector<std::vector<http::Cell>> rows;
};
KpiTable kpi_table(const KpiQuery& q, const report::Zone& zone, const report::Aggregator& a);

}  // namespace plateau::app
