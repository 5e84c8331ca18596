#include "app/export_routes.h"

#include <charconv>
#include <variant>

#include <date/tz.h>

#include "app/access.h"
#include "asterisk/cdr.h"
#include "http/xlsx.h"
#include "store/store.h"

namespace plateau::app {

namespace {

constexpr int64_t kDayMs = 86'400'000;
// Events read before `from` so that calls and logins in progress at `from` are known (not written).
constexpr int64_t kWarmUpMs = kDayMs;

struct Period {
  int64_t from_ms = 0, to_ms = 0;
  std::string label;  // for file names: "2026-12-01" or "2026-12-01_2026-12-07"
};

Result<date::local_days> local_day(const std::string& text, const char* key) {
  int y = 0;
  unsigned m = 0, d = 0;
  auto field = [&text](size_t at, size_t len, auto& out) {
    auto [end, ec] = std::from_chars(text.data() + at, text.data() + at + len, out);
    return ec == std::errc() && end == text.data() + at + len;
  };
  const bool shaped = text.size() == 10 && text[4] == '-' && text[7] == '-' && field(0, 4, y) && field(5, 2, m) &&
                      field(8, 2, d);
  const date::year_month_day ymd{date::year(y), date::month(m), date::day(d)};
  if (!shaped || !ymd.ok())
    return make_error("api.bad_parameter", std::string(key) + ": \"" + text +
                                               "\" is neither a date YYYY-MM-DD nor a time in epoch milliseconds");
  return date::local_days(ymd);
}

int64_t midnight_ms(const date::time_zone* zone, date::local_days day) {
  const auto t = zone->to_sys(date::local_seconds(day), date::choose::earliest);
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

bool all_digits(const std::string& s) {
  return !s.empty() && s.size() <= 18 && s.find_first_not_of("0123456789") == std::string::npos;
}

Result<Period> period(const http::Request& req, const date::time_zone* zone, int64_t now_ms) {
  std::string from = req.query_or("from"), to = req.query_or("to");
  if (from.empty() && to.empty()) {
    const auto now = std::chrono::sys_time<std::chrono::milliseconds>(std::chrono::milliseconds(now_ms));
    from = to = date::format("%F", date::floor<date::days>(zone->to_local(now)));
  }
  if (from.empty()) from = to;
  if (to.empty()) to = from;
  Period p;
  if (all_digits(from) && all_digits(to)) {
    std::from_chars(from.data(), from.data() + from.size(), p.from_ms);
    std::from_chars(to.data(), to.data() + to.size(), p.to_ms);
    p.label = from + "_" + to;
  } else {
    auto f = local_day(from, "from");
    if (!f) return f.error();
    auto t = local_day(to, "to");
    if (!t) return t.error();
    p.from_ms = midnight_ms(zone, *f);
    p.to_ms = midnight_ms(zone, *t + date::days(1));  // local midnight after `to` (days are not all 24 h)
    p.label = from == to ? from : from + "_" + to;
  }
  if (p.to_ms <= p.from_ms)
    return make_error("api.bad_parameter", "to: the period ends before it starts (from " + from + ", to " + to + ")");
  return p;
}

// Every event of the tenant in [from_ms, to_ms), page by page (store worker).
Result<std::vector<asterisk::EventRow>> read_events(store::Store& s, const std::string& tenant, int64_t from_ms,
                                                    int64_t to_ms) {
  std::vector<asterisk::EventRow> rows;
  store::EventQuery q;
  q.tenant = tenant;
  q.from_ms = from_ms;
  q.to_ms = to_ms;
  q.limit = store::CallQuery::kMaxLimit;
  for (;;) {
    auto page = s.query_events(q);
    if (!page) return page.error();
    for (auto& e : page.value())
      rows.push_back({e.ts_ms, std::move(e.tenant), std::move(e.kind), std::move(e.call_id), std::move(e.agent),
                      std::move(e.data_json)});
    if (static_cast<int>(page->size()) < q.limit) return rows;
    q.offset += q.limit;
  }
}

Result<std::vector<model::CallRecord>> read_calls(store::Store& s, const std::string& tenant, int64_t from_ms,
                                                  int64_t to_ms) {
  std::vector<model::CallRecord> rows;
  store::CallQuery q;
  q.tenant = tenant;
  q.from_ms = from_ms;
  q.to_ms = to_ms;
  q.limit = store::CallQuery::kMaxLimit;
  for (;;) {
    auto page = s.query_calls(q);
    if (!page) return page.error();
    for (auto& c : page.value()) rows.push_back(std::move(c));
    if (static_cast<int>(page->size()) < q.limit) return rows;
    q.offset += q.limit;
  }
}

struct Checked {
  std::string tenant;
  std::string zone;
  const date::time_zone* tz = nullptr;
  Period period;
  core::DirectoryPtr dir;
};

// The tenant, its zone and the period; or the answer to send.
std::variant<Checked, http::Response> check(ApiContext& ctx, const http::Request& req) {
  Checked c;
  c.tenant = req.params.at("tenant");
  if (auto refused = refuse(req, c.tenant, Role::Supervisor)) return std::move(*refused);
  c.dir = ctx.calls.directory();
  const model::Tenant* t = c.dir->tenant(c.tenant);
  if (!t) return not_found_for_tenant();
  c.zone = t->timezone;
  try {
    c.tz = date::locate_zone(c.zone);
  } catch (const std::exception&) {
    return http::error_response(500, "api.time_zone", "the tenant's time zone \"" + c.zone + "\" is unknown");
  }
  auto p = period(req, c.tz, ctx.clock_ms());
  if (!p) return http::error_response(400, p.error().code, p.error().message);
  c.period = *p;
  return c;
}

}  // namespace

asterisk::QueueLogOptions queue_log_options(core::DirectoryPtr dir) {
  return {[dir = std::move(dir)](const std::string& tenant, const std::string& login) {
    std::vector<std::string> queues;
    if (const model::Agent* a = dir ? dir->agent(tenant, login) : nullptr)
      for (const auto& q : a->queues)
        if (q.tenant == tenant) queues.push_back(q.queue);
    return queues;
  }};
}

void add_export_routes(http::Router& r, ApiContext& ctx) {
  r.get("/api/v1/tenants/{tenant}/queue_log", [&ctx](const http::Request& req, http::Responder res) {
    auto checked = check(ctx, req);
    if (auto* refused = std::get_if<http::Response>(&checked)) return res.send(std::move(*refused));
    auto c = std::get<Checked>(std::move(checked));
    auto out = std::make_shared<Result<std::string>>(std::string());
    ctx.store.post(
        [c, out](store::Store& s) {
          auto events = read_events(s, c.tenant, c.period.from_ms - kWarmUpMs, c.period.to_ms);
          if (!events) *out = events.error();
          else *out = asterisk::format_queue_log(*events, c.period.from_ms, queue_log_options(c.dir));
          return Status::Ok();
        },
        [out, res, c](Status st) {
          if (!st) return res.send(http::error_response(500, st.error().code, st.error().message));
          if (!*out) return res.send(http::error_response(500, out->error().code, out->error().message));
          auto resp = http::text_response(200, std::move(out->value()), "text/plain; charset=utf-8");
          resp.headers.emplace_back("Content-Disposition",
                                    "inline; filename=\"queue_log-" + c.tenant + "-" + c.period.label + "\"");
          res.send(std::move(resp));
        });
  });

  r.get("/api/v1/tenants/{tenant}/cdr", [&ctx](const http::Request& req, http::Responder res) {
    const std::string format = req.query_or("format", "csv");
    if (format != "csv" && format != "xlsx")
      return res.send(http::error_response(400, "api.bad_parameter",
                                           "format: \"" + format + "\" is not one of csv, xlsx"));
    auto profile = http::parse_csv_profile(req.query_or("profile", "standard"));
    if (!profile) return res.send(http::error_response(400, profile.error().code, profile.error().message));
    auto checked = check(ctx, req);
    if (auto* refused = std::get_if<http::Response>(&checked)) return res.send(std::move(*refused));
    auto c = std::get<Checked>(std::move(checked));
    auto out = std::make_shared<Result<std::string>>(std::string());
    ctx.store.post(
        [c, out, format, p = *profile](store::Store& s) {
          auto calls = read_calls(s, c.tenant, c.period.from_ms, c.period.to_ms);
          if (!calls) {
            *out = calls.error();
            return Status::Ok();
          }
          // After-call work ends after the call: events up to an hour past the period.
          auto events = read_events(s, c.tenant, c.period.from_ms, c.period.to_ms + kDayMs / 24);
          if (!events) {
            *out = events.error();
            return Status::Ok();
          }
          auto rows = asterisk::cdr_rows(*calls, c.zone, asterisk::acw_by_call(*events));
          if (!rows) *out = rows.error();
          else if (format == "xlsx") *out = http::to_xlsx("CDR " + c.period.label, asterisk::cdr_header(), *rows);
          else *out = http::to_csv(p, asterisk::cdr_header(), *rows);
          return Status::Ok();
        },
        [out, res, c, format, p = *profile](Status st) {
          if (!st) return res.send(http::error_response(500, st.error().code, st.error().message));
          if (!*out) return res.send(http::error_response(500, out->error().code, out->error().message));
          const bool xlsx = format == "xlsx";
          auto resp = http::text_response(200, std::move(out->value()),
                                          xlsx ? http::xlsx_content_type() : http::csv_content_type(p));
          resp.headers.emplace_back("Content-Disposition", "attachment; filename=\"cdr-" + c.tenant + "-" +
                                                               c.period.label + (xlsx ? ".xlsx\"" : ".csv\""));
          res.send(std::move(resp));
        });
  });
}

}  // namespace plateau::app
