#include "app/access.h"

#include <vector>

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

std::optional<http::Response> refuse_list(const http::Request& req, Role role, std::string& tenant) {
  tenant = req.query_or("tenant");
  if (!tenant.empty()) return refuse(req, tenant, role);
  const auto& p = req.principal;
  if (p && p->system) return std::nullopt;
  std::vector<std::string> mine;
  if (p)
    for (const auto& m : p->memberships)
      if (p->can(m.tenant, role)) mine.push_back(m.tenant);
  if (mine.size() == 1) {
    tenant = mine.front();
    return std::nullopt;
  }
  if (mine.empty())
    return http::error_response(403, "api.forbidden",
                                "this needs the role " + std::string(auth::to_string(role)) + " in a tenant");
  return http::error_response(400, "api.tenant_required", "name the tenant: ?tenant=");
}

}  // namespace plateau::app
