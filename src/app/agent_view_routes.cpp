// agent_view_routes.cpp — what an agent's desktop reads about itself and its
// tenant (docs/API.md):
//   GET /api/v1/agents/{tenant}/{login}  -> the agent's state (as in GET /api/v1/agents) and its current contact
//   GET /api/v1/tenants/{tenant}/codes   -> {"not_ready_reasons": [...], "dispositions": [...]}
// App thread, from the router's live state and the directory.
#include <nlohmann/json.hpp>

#include "app/access.h"
#include "app/auth_routes.h"

namespace plateau::app {

void add_agent_view_routes(http::Router& r, ApiContext& ctx) {
  using nlohmann::json;
  r.get("/api/v1/agents/{tenant}/{login}", [&ctx](const http::Request& req, http::Responder res) {
    const std::string tenant = req.params.at("tenant"), login = req.params.at("login");
    if (auto refused = refuse_agent(req, tenant, login)) return res.send(std::move(*refused));
    for (const auto& a : ctx.calls.router().agents()) {
      if (a.tenant != tenant || a.login != login) continue;
      json j{{"tenant", a.tenant},        {"login", a.login},
             {"name", a.name},            {"phone", a.phone},
             {"state", acd::to_string(a.state)}, {"reason", a.reason},
             {"pending", a.pending},      {"state_since_ms", a.state_since_ms},
             {"call", a.call_id},         {"handled", a.handled},
             {"talk_today_ms", a.talk_today_ms}};
      j["contact"] = a.call_id.empty() ? json(nullptr) : json{{"call_id", a.call_id}};
      return res.send(http::json_response(200, j.dump()));
    }
    res.send(http::error_response(404, "acd.agent_unknown", "tenant \"" + tenant + "\" has no agent \"" + login + "\""));
  });
  r.get("/api/v1/tenants/{tenant}/codes", [&ctx](const http::Request& req, http::Responder res) {
    const std::string tenant = req.params.at("tenant");
    if (auto refused = refuse(req, tenant, Role::Agent)) return res.send(std::move(*refused));
    const model::Tenant* t = ctx.calls.router().directory().tenant(tenant);
    if (!t) return res.send(not_found_for_tenant());
    res.send(http::json_response(
        200, json{{"not_ready_reasons", t->not_ready_reasons}, {"dispositions", t->dispositions}}.dump()));
  });
}

}  // namespace plateau::app
