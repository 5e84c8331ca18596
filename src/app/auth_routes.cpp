#include "app/auth_routes.h"

#include <nlohmann/json.hpp>

#include "app/access.h"

namespace plateau::app {

namespace {

using nlohmann::json;

json memberships_json(const std::vector<auth::Membership>& ms) {
  json arr = json::array();
  for (const auto& m : ms) arr.push_back(json{{"tenant", m.tenant}, {"role", auth::to_string(m.role)}, {"agent", m.agent}});
  return arr;
}

json principal_json(const auth::Principal& p) {
  json j{{"login", p.user}, {"name", p.name}, {"memberships", memberships_json(p.memberships)}};
  if (p.system) j["system"] = true;
  return j;
}

// A user as `viewer` may see it: only the memberships of tenants it administers.
json user_json(const auth::User& u, const auth::Principal& viewer) {
  std::vector<auth::Membership> shown;
  for (const auto& m : u.memberships)
    if (viewer.can(m.tenant, Role::Administrator)) shown.push_back(m);
  return json{{"login", u.login},
              {"name", u.name},
              {"created_ms", u.created_ms},
              {"disabled", u.disabled},
              {"memberships", memberships_json(shown)}};
}

int status_of(const Error& e) {
  if (e.code == "auth.bad_credentials") return 401;
  if (e.code == "auth.throttled") return 429;
  if (e.code == "auth.user_exists") return 409;
  if (e.code == "auth.no_user") return 404;
  if (e.code == "auth.not_a_session") return 400;
  if (e.code.starts_with("auth.")) return 422;
  return 500;
}

http::Response error_of(const Error& e) { return http::error_response(status_of(e), e.code, e.message); }

std::optional<json> body_object(const http::Request& req) {
  json body = json::parse(req.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) return std::nullopt;
  return body;
}

std::string text(const json& body, const char* key) {
  auto it = body.find(key);
  return it != body.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// Who may manage an existing user: the system principal, or an administrator
// of every tenant the user belongs to. A user none of whose tenants the
// principal sees does not exist for it (404).
std::optional<http::Response> refuse_user(const http::Request& req, const auth::User* u) {
  const auth::Principal& p = *req.principal;
  if (p.system) {
    if (!u) return http::error_response(404, "auth.no_user", "no such user");
    return std::nullopt;
  }
  bool seen = false;
  if (u)
    for (const auto& m : u->memberships) seen = seen || p.sees(m.tenant);
  if (!u || !seen) return http::error_response(404, "auth.no_user", "no such user");
  for (const auto& m : u->memberships)
    if (!p.can(m.tenant, Role::Administrator))
      return http::error_response(403, "api.forbidden",
                                  "this needs the role administrator in every tenant of the user");
  return std::nullopt;
}

// The memberships of a POST /users body; an error answer if malformed.
std::variant<std::vector<auth::Membership>, http::Response> memberships_of(const json& body) {
  auto bad = [](const std::string& m) { return http::error_response(422, "auth.bad_membership", m); };
  auto it = body.find("memberships");
  if (it == body.end() || !it->is_array() || it->empty())
    return bad("memberships: a list of {tenant, role, agent?} with at least one entry");
  std::vector<auth::Membership> out;
  for (const auto& m : *it) {
    if (!m.is_object()) return bad("memberships: each entry is an object {tenant, role, agent?}");
    auth::Membership mm;
    mm.tenant = text(m, "tenant");
    auto role = auth::parse_role(text(m, "role"));
    if (mm.tenant.empty() || !role) return bad("memberships: each entry needs a tenant and a role among agent, "
                                               "supervisor, administrator");
    mm.role = *role;
    mm.agent = text(m, "agent");
    out.push_back(std::move(mm));
  }
  return out;
}

}  // namespace

void add_auth_routes(http::Router& r, AuthService& auth, ApiContext& ctx) {
  r.post("/api/v1/auth/login", [&auth](const http::Request& req, http::Responder res) {
    auto body = body_object(req);
    if (!body) return res.send(http::error_response(400, "api.bad_json", "the body is not a JSON object"));
    const std::string login = text(*body, "login"), password = text(*body, "password");
    if (login.empty() || password.empty())
      return res.send(http::error_response(400, "api.bad_parameter", "login and password are required"));
    auth.login(login, password, req.remote, [res](LoginOutcome out) {
      if (out.error) {
        http::Response r = error_of(*out.error);
        if (out.error->code == "auth.throttled")
          r.headers.emplace_back("Retry-After", std::to_string((out.retry_after_ms + 999) / 1000));
        return res.send(std::move(r));
      }
      res.send(http::json_response(
          200, json{{"token", out.token}, {"expires_ms", out.expires_ms}, {"user", principal_json(*out.principal)}}
                   .dump()));
    });
  });
  r.post("/api/v1/auth/logout", [&auth](const http::Request& req, http::Responder res) {
    auth.logout(*req.principal, [res](Status st) {
      if (!st) return res.send(error_of(st.error()));
      res.send(http::json_response(200, json{{"ok", true}}.dump()));
    });
  });
  r.get("/api/v1/auth/me", [&auth](const http::Request& req, http::Responder res) {
    const auth::Principal& p = *req.principal;
    json j{{"user", principal_json(p)}};
    if (const auth::Session* s = p.session.empty() ? nullptr : auth.accounts().session(p.session))
      j["expires_ms"] = s->expires_ms;
    res.send(http::json_response(200, j.dump()));
  });

  r.post("/api/v1/users", [&auth, &ctx](const http::Request& req, http::Responder res) {
    auto body = body_object(req);
    if (!body) return res.send(http::error_response(400, "api.bad_json", "the body is not a JSON object"));
    auto ms = memberships_of(*body);
    if (auto* refusal = std::get_if<http::Response>(&ms)) return res.send(std::move(*refusal));
    auth::User u;
    u.login = text(*body, "login");
    u.name = text(*body, "name");
    u.memberships = std::get<std::vector<auth::Membership>>(std::move(ms));
    for (const auto& m : u.memberships)
      if (auto refused = refuse(req, m.tenant, Role::Administrator)) return res.send(std::move(*refused));
    const core::Directory& dir = ctx.calls.router().directory();
    for (const auto& m : u.memberships) {
      if (!dir.tenant(m.tenant))
        return res.send(http::error_response(422, "auth.bad_membership", "no tenant \"" + m.tenant + "\""));
      if (!m.agent.empty() && !dir.agent(m.tenant, m.agent))
        return res.send(http::error_response(422, "auth.bad_membership",
                                             "tenant \"" + m.tenant + "\" has no agent \"" + m.agent + "\""));
    }
    if (u.name.empty()) u.name = u.login;
    auth.add_user(u, text(*body, "password"), [&auth, res, login = u.login, viewer = req.principal](Status st) {
      if (!st) return res.send(error_of(st.error()));
      const auth::User* made = auth.accounts().user(login);
      res.send(http::json_response(201, made ? user_json(*made, *viewer).dump() : json{{"login", login}}.dump()));
    });
  });
  r.get("/api/v1/users", [&auth](const http::Request& req, http::Responder res) {
    const auth::Principal& p = *req.principal;
    const std::string tenant = req.query_or("tenant");
    if (!tenant.empty()) {
      if (auto refused = refuse(req, tenant, Role::Administrator)) return res.send(std::move(*refused));
    } else if (!p.system) {
      bool admin = false;
      for (const auto& m : p.memberships) admin = admin || m.role == Role::Administrator;
      if (!admin)
        return res.send(http::error_response(403, "api.forbidden", "this needs the role administrator in a tenant"));
    }
    json arr = json::array();
    for (const auto& [login, u] : auth.accounts().users()) {
      bool shown = p.system && tenant.empty();
      for (const auto& m : u.memberships)
        shown = shown || ((tenant.empty() || m.tenant == tenant) && p.can(m.tenant, Role::Administrator));
      if (shown) arr.push_back(user_json(u, p));
    }
    res.send(http::json_response(200, json{{"users", arr}}.dump()));
  });
  r.post("/api/v1/users/{login}/password", [&auth](const http::Request& req, http::Responder res) {
    const std::string login = req.params.at("login");
    const auth::Principal& p = *req.principal;
    auto body = body_object(req);
    if (!body) return res.send(http::error_response(400, "api.bad_json", "the body is not a JSON object"));
    std::optional<std::string> current;
    const bool self = !p.system && p.user == login;
    if (self) {
      current = text(*body, "current_password");
      if (current->empty())
        return res.send(http::error_response(400, "api.bad_parameter",
                                             "current_password: required to change one's own password"));
    } else if (auto refused = refuse_user(req, auth.accounts().user(login))) {
      return res.send(std::move(*refused));
    }
    auth.set_password(login, current, text(*body, "password"), self ? p.session : std::string(), [res](Status st) {
      if (!st) return res.send(error_of(st.error()));
      res.send(http::json_response(200, json{{"ok", true}}.dump()));
    });
  });
  r.add("DELETE", "/api/v1/users/{login}", [&auth](const http::Request& req, http::Responder res) {
    const std::string login = req.params.at("login");
    if (auto refused = refuse_user(req, auth.accounts().user(login))) return res.send(std::move(*refused));
    auth.remove_user(login, [res](Status st) {
      if (!st) return res.send(error_of(st.error()));
      res.send(http::json_response(200, json{{"removed", true}}.dump()));
    });
  });
}

}  // namespace plateau::app
