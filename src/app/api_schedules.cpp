// api_schedules.cpp — GET /api/v1/schedules/{tenant}/{name}?at=<epoch ms>.
//
// Answers, on the app thread, from the directory new calls follow:
//   {"tenant": "demo", "name": "service", "timezone": "Africa/Casablanca", "at_ms": ...,
//    "open": false, "rule": "holiday", "holiday": "ma.eid_al_fitr", "holiday_name": "Aïd al-Fitr",
//    "local": {"date": "2026-03-20", "time": "10:00:00", "weekday": 4, "utc_offset_s": 0},
//    "next_change_ms": ...}
// 404 "api.not_found" for an unknown schedule, 400 "api.bad_parameter" for a bad `at`.
#include <charconv>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "app/access.h"
#include "app/api_routes.h"
#include "calendar/holidays.h"
#include "calendar/schedule.h"
#include "calendar/text.h"

namespace plateau::app {

namespace {

using nlohmann::json;

Result<int64_t> at_param(const http::Request& req, int64_t now_ms) {
  auto it = req.query.find("at");
  if (it == req.query.end()) return now_ms;
  const std::string& text = it->second;
  int64_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || v < 0) {
    return make_error("api.bad_parameter", "at: \"" + text + "\" is not a time in epoch milliseconds");
  }
  return v;
}

json state_json(const model::Schedule& s, const std::string& language, int64_t at_ms) {
  const calendar::ScheduleState st = calendar::state_at(s, at_ms);
  const calendar::LocalTime& l = st.local;
  char time[40];
  std::snprintf(time, sizeof time, "%02d:%02d:%02d", l.hour, l.minute, l.second);
  const std::string date = calendar::to_string(model::Date{l.year, l.month, l.day});
  return json{{"tenant", s.tenant},
              {"name", s.name},
              {"timezone", s.timezone},
              {"zone_known", st.zone_known},
              {"at_ms", at_ms},
              {"open", st.open},
              {"rule", calendar::to_string(st.rule)},
              {"holiday", st.holiday},
              {"holiday_name", calendar::holiday_name(st.holiday, language)},
              {"local", {{"date", date}, {"time", time}, {"weekday", l.weekday}, {"utc_offset_s", l.utc_offset_s}}},
              {"next_change_ms", st.next_change_utc_ms}};
}

}  // namespace

void add_schedule_routes(http::Router& r, ApiContext& ctx) {
  r.get("/api/v1/schedules/{tenant}/{name}", [&ctx](const http::Request& req, http::Responder res) {
    const std::string tenant = req.params.at("tenant"), name = req.params.at("name");
    if (auto refused = refuse(req, tenant, Role::Agent)) return res.send(std::move(*refused));
    const core::Directory& dir = ctx.calls.router().directory();
    const model::Schedule* s = dir.schedule(tenant, name);
    if (!s) {
      return res.send(http::error_response(
          404, "api.not_found", "tenant \"" + tenant + "\" has no schedule \"" + name + "\""));
    }
    auto at = at_param(req, ctx.clock_ms());
    if (!at) return res.send(http::error_response(400, at.error().code, at.error().message));
    const model::Tenant* t = dir.tenant(tenant);
    res.send(http::json_response(200, state_json(*s, t ? t->language : "en", *at).dump()));
  });
}

}  // namespace plateau::app
