#include "app/report_routes.h"

#include <charconv>
#include <cmath>
#include <set>

#include <nlohmann/json.hpp>

#include "app/access.h"
#include "http/csv.h"
#include "http/xlsx.h"

namespace plateau::app {

namespace {

using nlohmann::json;

constexpr int kMaxDays = 400;
constexpr double kSlTarget = 0.95;
constexpr int kSlThreshold = 180;

Error bad(std::string message) { return make_error("api.bad_parameter", std::move(message)); }

double round_to(double v, double scale) { return std::round(v * scale) / scale; }

json ratio(const std::optional<double>& v) { return v ? json(round_to(*v, 1e4)) : json(nullptr); }
json secs(const std::optional<double>& v) { return v ? json(round_to(*v, 1e3)) : json(nullptr); }

Result<int> int_param(const http::Request& req, const char* key, int fallback, int lo, int hi) {
  auto it = req.query.find(key);
  if (it == req.query.end() || it->second.empty()) return fallback;
  int v = 0;
  const std::string& t = it->second;
  auto r = std::from_chars(t.data(), t.data() + t.size(), v);
  if (r.ec != std::errc() || r.ptr != t.data() + t.size() || v < lo || v > hi)
    return bad(std::string(key) + " must be a whole number of seconds from " + std::to_string(lo) + " to " +
               std::to_string(hi) + ", not \"" + t + "\"");
  return v;
}

// The tenant's zone and the range [from, to + 1 day) of the query's local dates.
struct Range {
  report::Zone zone;
  int64_t from_ms, to_ms;
};

Result<Range> range_of(const model::Tenant& t, const std::string& from, const std::string& to) {
  auto zone = report::Zone::locate(t.timezone);
  if (!zone) return zone.error();
  if (from.empty() || to.empty()) return bad("from and to are required (local dates YYYY-MM-DD, inclusive)");
  auto a = zone->day_start(from);
  if (!a) return bad("from: " + a.error().message);
  auto b = zone->day_end(to);
  if (!b) return bad("to: " + b.error().message);
  if (*b <= *a) return bad("to (" + to + ") is before from (" + from + ")");
  if (*b - *a > int64_t{kMaxDays} * 25 * 3600 * 1000) return bad("a report covers at most " + std::to_string(kMaxDays) + " days");
  return Range{*zone, *a, *b};
}

// Agents serving the tenant's queues: login -> queues.
std::map<std::string, std::vector<std::string>> agent_queues(const model::Provisioning& p, const std::string& tenant) {
  std::map<std::string, std::vector<std::string>> out;
  for (const auto& a : p.agents)
    if (a.tenant == tenant)
      for (const auto& q : a.queues)
        if (q.tenant == tenant) out[a.login].push_back(q.queue);
  return out;
}

json row_json(const report::Counters& c, int64_t span_ms) {
  const report::Kpis k = report::kpis(c, span_ms);
  json states = json::object();
  for (size_t i = 0; i < report::kStateNames.size(); ++i)
    states[std::string(report::kStateNames[i])] = round_to(static_cast<double>(c.state_ms[i]) / 1000.0, 1e3);
  json nr = json::object();
  for (const auto& [reason, ms] : c.not_ready_ms) nr[reason] = round_to(static_cast<double>(ms) / 1000.0, 1e3);
  return json{{"offered", c.offered},
              {"answered", c.answered},
              {"answered_within", c.answered_within},
              {"abandoned", c.abandoned},
              {"abandoned_within", c.abandoned_within},
              {"short_abandoned", c.short_abandoned},
              {"sl_answered", ratio(k.sl_answered)},
              {"sl_strict", ratio(k.sl_strict)},
              {"sl_neutral", ratio(k.sl_neutral)},
              {"sl_met", ratio(k.sl_met)},
              {"sl_short_excluded", ratio(k.sl_short_excluded)},
              {"asa_s", secs(k.asa_s)},
              {"aht_s", secs(k.aht_s)},
              {"talk_s", round_to(k.talk_s, 1e3)},
              {"hold_s", round_to(k.hold_s, 1e3)},
              {"wrap_s", round_to(k.wrap_s, 1e3)},
              {"handled", c.handled},
              {"abandon_rate", ratio(k.abandon_rate)},
              {"abandon_rate_excl_short", ratio(k.abandon_rate_excl_short)},
              {"occupancy", ratio(k.occupancy)},
              {"utilisation", ratio(k.utilisation)},
              {"ring_no_answer", c.ring_no_answer},
              {"transfers", c.transfers},
              {"staffed_agents", round_to(k.staffed_agents, 1e4)},
              {"state_s", states},
              {"not_ready_s", nr}};
}

std::string_view by_name(report::By b) {
  switch (b) {
    case report::By::tenant: return "tenant";
    case report::By::queue: return "queue";
    case report::By::agent: return "agent";
  }
  return "queue";
}

http::Response failed(const Error& e) {
  const int status = e.code == "api.bad_parameter" || e.code.rfind("report.", 0) == 0 ? 400 : 500;
  return http::error_response(status, e.code, e.message);
}

// Checks the tenant and the role; nullopt when the answer is already sent.
const model::Tenant* tenant_for(ApiContext& ctx, const http::Request& req, http::Responder& res) {
  const std::string& tenant = req.params.at("tenant");
  if (auto refused = refuse(req, tenant, Role::Supervisor)) {
    res.send(std::move(*refused));
    return nullptr;
  }
  const model::Tenant* t = ctx.calls.router().directory().tenant(tenant);
  if (!t) res.send(not_found_for_tenant());
  return t;
}

}  // namespace

Result<KpiQuery> parse_kpi_query(const http::Request& req, const model::Tenant& tenant, const model::Provisioning& p) {
  KpiQuery q;
  q.from = req.query_or("from");
  q.to = req.query_or("to");
  auto interval = report::parse_interval(req.query_or("interval", "day"));
  if (!interval) return bad(interval.error().message);
  q.interval = *interval;
  const std::string by = req.query_or("by", "queue");
  if (by == "tenant") q.by = report::By::tenant;
  else if (by == "queue") q.by = report::By::queue;
  else if (by == "agent") q.by = report::By::agent;
  else return bad("by \"" + by + "\" is not one of tenant, queue, agent");
  q.queue = req.query_or("queue");
  q.agent = req.query_or("agent");
  // The default threshold: the queue's, or the one all the tenant's queues share (else 20 s).
  int sl_default = 20;
  std::set<int> thresholds;
  for (const auto& qu : p.queues)
    if (qu.tenant == tenant.name && (q.queue.empty() || qu.name == q.queue)) thresholds.insert(qu.sl_threshold_s);
  if (thresholds.size() == 1) sl_default = *thresholds.begin();
  auto sl = int_param(req, "sl", sl_default, 1, 3600);
  if (!sl) return sl.error();
  q.sl_s = *sl;
  auto sh = int_param(req, "short", 5, 0, 600);
  if (!sh) return sh.error();
  q.short_s = *sh;
  q.format = req.query_or("format", "json");
  if (q.format != "json" && q.format != "csv" && q.format != "xlsx")
    return bad("format \"" + q.format + "\" is not one of json, csv, xlsx");
  auto profile = http::parse_csv_profile(req.query_or("profile", "standard"));
  if (!profile) return bad(profile.error().message);
  q.profile = *profile;
  return q;
}

std::string kpi_json(const KpiQuery& q, const std::string& tenant, const report::Zone& zone,
                     const report::Aggregator& a) {
  const report::Options& o = a.options();
  json formulas = json::object();
  for (const auto& [k, f] : report::formulas()) formulas[k] = f;
  json rows = json::array();
  for (const auto& r : report::roll_up(a.table(), zone, q.interval, o.from_ms, o.to_ms)) {
    json j = row_json(r.counters, r.end - r.start);
    j["start"] = zone.iso(r.start);
    j["start_ms"] = r.start;
    j["queue"] = r.queue;
    j["agent"] = r.agent;
    rows.push_back(std::move(j));
  }
  return json{{"tenant", tenant},
              {"time_zone", zone.name()},
              {"from", q.from},
              {"to", q.to},
              {"interval", report::to_string(q.interval)},
              {"by", by_name(q.by)},
              {"queue", q.queue},
              {"agent", q.agent},
              {"parameters", {{"sl_threshold_s", q.sl_s}, {"short_abandon_s", q.short_s}, {"asa_includes_ring", true}}},
              {"formulas", formulas},
              {"rows", rows},
              {"total", row_json(a.total(), o.to_ms - o.from_ms)}}
      .dump();
}

KpiTable kpi_table(const KpiQuery& q, const report::Zone& zone, const report::Aggregator& a) {
  const report::Options& o = a.options();
  auto rows = report::roll_up(a.table(), zone, q.interval, o.from_ms, o.to_ms);
  std::set<std::string> reasons;
  for (const auto& [reason, ms] : a.total().not_ready_ms) reasons.insert(reason);
  std::vector<std::string> header = {"start", "queue", "agent"};
  // The order of docs/API.md (a JSON object's keys come out sorted).
  static const std::vector<std::string> fields = {
      "offered",     "answered",     "answered_within", "abandoned",    "abandoned_within",        "short_abandoned",
      "sl_answered", "sl_strict",    "sl_neutral",      "sl_met",       "sl_short_excluded",       "asa_s",
      "aht_s",       "talk_s",       "hold_s",          "wrap_s",       "handled",                 "abandon_rate",
      "abandon_rate_excl_short",     "occupancy",       "utilisation",  "ring_no_answer",          "transfers",
      "staffed_agents"};
  for (const auto& f : fields) header.push_back(f);
  for (auto s : report::kStateNames) header.push_back(std::string(s) + "_s");
  for (const auto& r : reasons) header.push_back("not_ready_" + r + "_s");
  std::vector<std::vector<http::Cell>> out;
  auto line = [&](const std::string& start, const std::string& queue, const std::string& agent, const json& j) {
    std::vector<http::Cell> cells = {start, queue, agent};
    auto cell = [](const json& v) -> http::Cell {
      if (v.is_null()) return http::Cell();
      if (v.is_number_integer()) return http::Cell(v.get<int64_t>());
      return http::Cell(v.get<double>());
    };
    for (const auto& f : fields) cells.push_back(cell(j.at(f)));
    for (auto s : report::kStateNames) cells.push_back(cell(j.at("state_s").at(std::string(s))));
    for (const auto& r : reasons) cells.push_back(cell(j.at("not_ready_s").value(r, json(0))));
    out.push_back(std::move(cells));
  };
  for (const auto& r : rows) line(zone.iso(r.start), r.queue, r.agent, row_json(r.counters, r.end - r.start));
  line("total", q.queue, q.agent, row_json(a.total(), o.to_ms - o.from_ms));
  return {std::move(header), std::move(out)};
}

namespace {

// A table as the asked file: CSV in its profile, or XLSX; an attachment named `name`.
void send_table(http::Responder res, const std::string& format, http::CsvProfile profile, const std::string& name,
                const std::vector<std::string>& header, const std::vector<std::vector<http::Cell>>& rows) {
  http::Response resp;
  if (format == "xlsx") {
    auto book = http::to_xlsx(name, header, rows);
    if (!book) return res.send(failed(book.error()));
    resp = http::text_response(200, std::move(*book), http::xlsx_content_type());
  } else {
    resp = http::text_response(200, http::to_csv(profile, header, rows), http::csv_content_type(profile));
  }
  resp.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + name + "." + format + "\"");
  res.send(std::move(resp));
}

}  // namespace

void add_report_routes(http::Router& r, ApiContext& ctx, ReportService& reports) {
  r.get("/api/v1/tenants/{tenant}/reports/kpis", [&ctx, &reports](const http::Request& req, http::Responder res) {
    const model::Tenant* t = tenant_for(ctx, req, res);
    if (!t) return;
    const model::Provisioning& p = ctx.calls.router().directory().all();
    auto q = parse_kpi_query(req, *t, p);
    if (!q) return res.send(failed(q.error()));
    auto range = range_of(*t, q->from, q->to);
    if (!range) return res.send(failed(range.error()));
    ReportSpec spec;
    spec.tenant = t->name;
    spec.now_ms = ctx.clock_ms();
    spec.options.from_ms = range->from_ms;
    spec.options.to_ms = range->to_ms;
    spec.options.by = q->by;
    spec.options.queue = q->queue;
    spec.options.agent = q->agent;
    spec.options.sl_ms = int64_t{q->sl_s} * 1000;
    spec.options.short_ms = int64_t{q->short_s} * 1000;
    spec.options.agent_queues = agent_queues(p, t->name);
    spec.options.zone = range->zone;  // counted straight into the asked intervals
    spec.options.interval = q->interval;
    reports.post(std::move(spec), [q = *q, tenant = t->name, zone = range->zone, res](Result<ReportRun> run) {
      if (!run) return res.send(failed(run.error()));
      if (q.format == "json") return res.send(http::json_response(200, kpi_json(q, tenant, zone, *run->aggregator)));
      const KpiTable table = kpi_table(q, zone, *run->aggregator);
      send_table(res, q.format, q.profile, "kpis-" + tenant + "-" + q.from + "-" + q.to, table.header, table.rows);
    });
  });

  r.get("/api/v1/tenants/{tenant}/reports/sl-95-180", [&ctx, &reports](const http::Request& req, http::Responder res) {
    const model::Tenant* t = tenant_for(ctx, req, res);
    if (!t) return;
    const std::string from = req.query_or("from"), to = req.query_or("to");
    auto range = range_of(*t, from, to);
    if (!range) return res.send(failed(range.error()));
    const std::string format = req.query_or("format", "json");
    if (format != "json" && format != "csv" && format != "xlsx")
      return res.send(failed(bad("format \"" + format + "\" is not one of json, csv, xlsx")));
    auto profile = http::parse_csv_profile(req.query_or("profile", "standard"));
    if (!profile) return res.send(failed(bad(profile.error().message)));
    ReportSpec spec;
    spec.tenant = t->name;
    spec.now_ms = ctx.clock_ms();
    spec.options.from_ms = range->from_ms;
    spec.options.to_ms = range->to_ms;
    spec.options.by = report::By::queue;
    spec.options.sl_ms = kSlThreshold * 1000;
    spec.options.short_ms = 0;
    reports.post(std::move(spec), [tenant = t->name, from, to, format, p = *profile, res](Result<ReportRun> run) {
      if (!run) return res.send(failed(run.error()));
      std::map<std::string, report::Counters> by_queue;
      for (const auto& [k, c] : run->aggregator->table()) by_queue[k.queue] += c;
      std::vector<report::SlRow> rows;
      for (const auto& [queue, c] : by_queue) rows.push_back(report::sl_row(queue, c, kSlTarget));
      const report::SlRow total = report::sl_row("", run->aggregator->total(), kSlTarget);
      if (format != "json") {
        std::vector<std::vector<http::Cell>> out;
        auto line = [&](const std::string& name, const report::SlRow& s) {
          out.push_back({name, s.offered, s.answered, s.answered_within, s.abandoned,
                         s.sl ? http::Cell(*s.sl) : http::Cell(), s.met ? "yes" : "no"});
        };
        for (const auto& s : rows) line(s.queue, s);
        line("total", total);
        return send_table(res, format, p, "sl-95-180-" + tenant + "-" + from + "-" + to,
                          {"queue", "offered", "answered", "answered_within", "abandoned", "sl", "met"}, out);
      }
      auto row = [](const report::SlRow& s) {
        return json{{"queue", s.queue},          {"offered", s.offered},     {"answered", s.answered},
                    {"answered_within", s.answered_within}, {"abandoned", s.abandoned}, {"sl", ratio(s.sl)},
                    {"met", s.met}};
      };
      json arr = json::array();
      for (const auto& s : rows) arr.push_back(row(s));
      json tot = row(total);
      tot.erase("queue");
      res.send(http::json_response(200, json{{"tenant", tenant},
                                             {"from", from},
                                             {"to", to},
                                             {"threshold_s", kSlThreshold},
                                             {"target", kSlTarget},
                                             {"formula", "A_180 / (A + Ab)"},
                                             {"rows", arr},
                                             {"total", tot}}
                                            .dump()));
    });
  });
}

}  // namespace plateau::app
