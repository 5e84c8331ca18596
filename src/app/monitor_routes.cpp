// monitor_routes.cpp — a supervisor's actions on live calls and agents
// (docs/API.md "Supervision"), supervisor role or above in the tenant:
//   POST   /api/v1/tenants/{tenant}/calls/{call_id}/monitor {mode, phone} -> 202 {monitor, call_id, mode}
//   POST   /api/v1/tenants/{tenant}/monitors/{id} {mode}                  -> 200 {monitor, mode}
//   DELETE /api/v1/tenants/{tenant}/monitors/{id}                         -> 200 {ok}
//   GET    /api/v1/tenants/{tenant}/monitors                              -> 200 {monitors: [...]}
//   POST   /api/v1/agents/{tenant}/{login}/force-state {state, reason}    -> 200 {ok, state, pending}
// Every action is audited in the event log by the core (supervisor.*), with
// the principal's login as actor ("system" for the API token).
//
// Handlers run on the app thread; each checks access first (app/access.h).
#include <nlohmann/json.hpp>

#include "app/access.h"
#include "app/api_routes.h"

namespace plateau::app {

namespace {

using nlohmann::json;

int status_of(const std::string& code) {
  if (code == "monitor.call_unknown" || code == "monitor.unknown" || code == "acd.agent_unknown") return 404;
  if (code == "monitor.bad_request" || code == "monitor.phone_unknown" || code == "acd.reason_unknown" ||
      code == "acd.bad_state_name")
    return 422;
  return 409;  // monitor.not_connected, monitor.phone_unregistered, acd.logged_out, acd.disposition_required
}

void refuse_with(const http::Responder& res, const Error& e) {
  res.send(http::error_response(status_of(e.code), e.code, e.message));
}

// The body as a JSON object ({} when empty); nullopt after answering 400.
std::optional<json> body_of(const http::Request& req, const http::Responder& res) {
  if (req.body.empty()) return json::object();
  json body = json::parse(req.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    res.send(http::error_response(400, "api.bad_json", "the body is not a JSON object"));
    return std::nullopt;
  }
  return body;
}

std::string text(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// The mode of the body; nullopt after answering 422.
std::optional<model::MonitorMode> mode_of(const json& body, const http::Responder& res) {
  auto mode = model::monitor_mode_from(text(body, "mode"));
  if (!mode)
    res.send(http::error_response(422, "monitor.bad_request",
                                  "mode must be \"listen\", \"whisper\" or \"barge\""));
  return mode;
}

std::string actor_of(const http::Request& req) {
  return req.principal ? req.principal->user : std::string("system");
}

json monitor_json(const core::MonitorView& m) {
  return {{"monitor", m.id},
          {"call_id", m.call_id},
          {"agent", m.agent},
          {"actor", m.actor},
          {"phone", m.phone},
          {"mode", model::to_string(m.mode)},
          {"state", m.joined ? "joined" : "ringing"},
          {"started_ms", m.started_ms}};
}

}  // namespace

void add_monitor_routes(http::Router& r, ApiContext& ctx) {
  r.post("/api/v1/tenants/{tenant}/calls/{call_id}/monitor", [&ctx](const http::Request& req,
                                                                    http::Responder res) {
    const std::string tenant = req.params.at("tenant"), call_id = req.params.at("call_id");
    if (auto no = refuse(req, tenant, Role::Supervisor)) return res.send(std::move(*no));
    auto body = body_of(req, res);
    if (!body) return;
    auto mode = mode_of(*body, res);
    if (!mode) return;
    auto id = ctx.calls.monitor(tenant, call_id, *mode, text(*body, "phone"), actor_of(req));
    if (!id) return refuse_with(res, id.error());
    res.send(http::json_response(
        202, json{{"monitor", id.value()}, {"call_id", call_id}, {"mode", model::to_string(*mode)}}.dump()));
  });
  r.post("/api/v1/tenants/{tenant}/monitors/{id}", [&ctx](const http::Request& req, http::Responder res) {
    const std::string tenant = req.params.at("tenant"), id = req.params.at("id");
    if (auto no = refuse(req, tenant, Role::Supervisor)) return res.send(std::move(*no));
    auto body = body_of(req, res);
    if (!body) return;
    auto mode = mode_of(*body, res);
    if (!mode) return;
    if (Status st = ctx.calls.set_monitor_mode(tenant, id, *mode, actor_of(req)); !st)
      return refuse_with(res, st.error());
    res.send(http::json_response(200, json{{"monitor", id}, {"mode", model::to_string(*mode)}}.dump()));
  });
  r.add("DELETE", "/api/v1/tenants/{tenant}/monitors/{id}",
        [&ctx](const http::Request& req, http::Responder res) {
          const std::string tenant = req.params.at("tenant"), id = req.params.at("id");
          if (auto no = refuse(req, tenant, Role::Supervisor)) return res.send(std::move(*no));
          if (Status st = ctx.calls.stop_monitor(tenant, id, actor_of(req)); !st)
            return refuse_with(res, st.error());
          res.send(http::json_response(200, json{{"ok", true}}.dump()));
        });
  r.get("/api/v1/tenants/{tenant}/monitors", [&ctx](const http::Request& req, http::Responder res) {
    const std::string tenant = req.params.at("tenant");
    if (auto no = refuse(req, tenant, Role::Supervisor)) return res.send(std::move(*no));
    json list = json::array();
    for (const auto& m : ctx.calls.router().monitors(tenant)) list.push_back(monitor_json(m));
    res.send(http::json_response(200, json{{"monitors", list}}.dump()));
  });
  r.post("/api/v1/agents/{tenant}/{login}/force-state",
         [&ctx](const http::Request& req, http::Responder res) {
           const std::string tenant = req.params.at("tenant"), login = req.params.at("login");
           if (auto no = refuse(req, tenant, Role::Supervisor)) return res.send(std::move(*no));
           auto body = body_of(req, res);
           if (!body) return;
           if (Status st = ctx.calls.force_state(tenant, login, text(*body, "state"), text(*body, "reason"),
                                                 actor_of(req));
               !st)
             return refuse_with(res, st.error());
           json j{{"ok", true}};
           for (const auto& a : ctx.calls.router().agents()) {
             if (a.tenant != tenant || a.login != login) continue;
             j["state"] = acd::to_string(a.state);
             j["reason"] = a.reason;
             j["pending"] = a.pending;
           }
           res.send(http::json_response(200, j.dump()));
         });
}

}  // namespace plateau::app
