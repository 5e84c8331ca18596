// agent_view_routes.cpp — what an agent's desktop reads about itself and its
// tenant (docs/API.md):
//   GET /api/v1/agents/{tenant}/{login}  -> the agent's state (as in GET /api/v1/agents) and its current contact
//   GET /api/v1/tenants/{tenant}/codes   -> {"not_ready_reasons": [...], "dispositions": [...]}
// The contact: {call_id, caller, number, queue, direction, attached, role, held, recording_paused,
// conference, answer_ms, consult: null | {to_type, target, answered}, customer_id?}.
// App thread, from the router's live state and the directory.
#include <nlohmann/json.hpp>

#include "app/access.h"
#include "app/auth_routes.h"

namespace plateau::app {

namespace {

using nlohmann::json;

json contact_json(const core::ContactInfo& c) {
  json j{{"call_id", c.call_id},
         {"caller", c.caller},
         {"number", c.number},
         {"queue", c.queue},
         {"direction", c.direction},
         {"attached", json::parse(c.attached_json, nullptr, false)},
         {"role", c.role},
         {"held", c.held},
         {"conference", c.conference},
         {"recording_paused", c.recording_paused},
         {"answer_ms", c.answer_ms},
         {"consult", c.consult_type.empty()
                         ? json(nullptr)
                         : json{{"to_type", c.consult_type}, {"target", c.consult_target}, {"answered", c.consult_answered}}}};
  if (!c.customer_id.empty()) j["customer_id"] = c.customer_id;
  return j;
}

}  // namespace

void add_agent_view_routes(http::Router& r, ApiContext& ctx) {
  r.get("/api/v1/agents/{tenant}/{login}", [&ctx](const http::Request& req, http::Responder res) {
    const std::string tenant = req.params.at("tenant"), login = req.params.at("login");
    if (auto refused = refuse_agent(req, tenant, login)) return res.send(std::move(*refused));
    const core::Router& router = ctx.calls.router();
    for (const auto& a : router.agents()) {
      if (a.tenant != tenant || a.login != login) continue;
      json j{{"tenant", a.tenant},        {"login", a.login},
             {"name", a.name},            {"phone", a.phone},
             {"state", acd::to_string(a.state)}, {"reason", a.reason},
             {"pending", a.pending},      {"state_since_ms", a.state_since_ms},
             {"call", a.call_id},         {"handled", a.handled},
             {"talk_today_ms", a.talk_today_ms}};
      j["contact"] = nullptr;
      if (auto c = router.contact_of(tenant, login)) j["contact"] = contact_json(*c);
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
