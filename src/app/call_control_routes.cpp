// call_control_routes.cpp — call control on an agent's current contact
// (POST /api/v1/agents/{tenant}/{login}/call/<action>). The agent's own view
// with its contact is in agent_view_routes.cpp.
//
// Handlers run on the app thread; each checks access first (app/access.h).
#include <nlohmann/json.hpp>

#include "app/access.h"
#include "app/api_routes.h"

namespace plateau::app {

namespace {

using nlohmann::json;

int status_of(const std::string& code) {
  if (code == "cti.target_unknown" || code == "acd.agent_unknown") return 404;
  if (code == "cti.bad_request") return 422;
  return 409;  // cti.no_call, cti.bad_state, cti.target_not_ready, cti.no_trunk
}

void answer(const http::Responder& res, const Status& st) {
  if (!st) {
    res.send(http::error_response(status_of(st.error().code), st.error().code, st.error().message));
    return;
  }
  res.send(http::json_response(200, json{{"ok", true}}.dump()));
}

// The body as a JSON object ({} when empty); nullopt after answering 422.
std::optional<json> body_of(const http::Request& req, const http::Responder& res) {
  if (req.body.empty()) return json::object();
  json body = json::parse(req.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    res.send(http::error_response(422, "cti.bad_request", "the body is not a JSON object"));
    return std::nullopt;
  }
  return body;
}

std::string text(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

void add_call_control_routes(http::Router& r, ApiContext& ctx) {
  using core::CallAction;
  auto action = [&ctx](CallAction a) {
    return [&ctx, a](const http::Request& req, http::Responder res) {
      const std::string tenant = req.params.at("tenant"), login = req.params.at("login");
      if (auto no = refuse_agent(req, tenant, login)) return res.send(std::move(*no));
      answer(res, ctx.calls.call_action(tenant, login, a));
    };
  };
  r.post("/api/v1/agents/{tenant}/{login}/call/answer", action(CallAction::Answer));
  r.post("/api/v1/agents/{tenant}/{login}/call/hold", action(CallAction::Hold));
  r.post("/api/v1/agents/{tenant}/{login}/call/retrieve", action(CallAction::Retrieve));
  r.post("/api/v1/agents/{tenant}/{login}/call/hangup", action(CallAction::Hangup));
  r.post("/api/v1/agents/{tenant}/{login}/call/complete-transfer", action(CallAction::CompleteTransfer));
  r.post("/api/v1/agents/{tenant}/{login}/call/cancel-transfer", action(CallAction::CancelTransfer));
  r.post("/api/v1/agents/{tenant}/{login}/call/conference", action(CallAction::Conference));

  // {digits: "123#"}
  r.post("/api/v1/agents/{tenant}/{login}/call/dtmf", [&ctx](const http::Request& req, http::Responder res) {
    const std::string tenant = req.params.at("tenant"), login = req.params.at("login");
    if (auto no = refuse_agent(req, tenant, login)) return res.send(std::move(*no));
    auto body = body_of(req, res);
    if (!body) return;
    answer(res, ctx.calls.send_digits(tenant, login, text(*body, "digits")));
  });

  // {mode: "blind"|"consult", to: {type: "queue"|"agent"|"external", target}}
  r.post("/api/v1/agents/{tenant}/{login}/call/transfer", [&ctx](const http::Request& req, http::Responder res) {
    const std::string tenant = req.params.at("tenant"), login = req.params.at("login");
    if (auto no = refuse_agent(req, tenant, login)) return res.send(std::move(*no));
    auto body = body_of(req, res);
    if (!body) return;
    auto to = body->find("to");
    if (to == body->end() || !to->is_object())
      return res.send(http::error_response(422, "cti.bad_request", "to must be an object {type, target}"));
    core::TransferRequest t{text(*body, "mode"), text(*to, "type"), text(*to, "target")};
    answer(res, ctx.calls.transfer(tenant, login, t));
  });
}

}  // namespace plateau::app
