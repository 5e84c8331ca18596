#include "app/access.h"

namespace plateau::app {

http::Response not_found_for_tenant() {
  return http::error_response(404, "api.not_found", "no such resource");
}

std::optional<http::Response> refuse(const http::Request& req, std::string_view tenant, Role role) {
  const auto& p = req.principal;
  if (!p || !p->sees(tenant)) return not_found_for_tenant();
  if (!p->can(tenant, role))
    return http::error_response(403, "api.forbidden",
                                "this needs the role " + std::string(auth::to_string(role)) + " in this tenant");
  return std::nullopt;
}

std::optional<http::Response> refuse_agent(const http::Request& req, std::string_view tenant,
                                           std::string_view agent_login) {
  const auto& p = req.principal;
  if (!p || !p->sees(tenant)) return not_found_for_tenant();
  if (p->can(tenant, Role::Supervisor)) return std::nullopt;
  const auth::Membership* m = p->in(tenant);
  if (m && !m->agent.empty() && m->agent == agent_login) return std::nullopt;
  return http::error_response(403, "api.forbidden", "an agent acts on its own agent login only");
}

}  // namespace plateau::app
