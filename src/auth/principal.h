// principal.h — who is asking: the identity an HTTP or WebSocket request
// carries once its token is checked, with the user's role in each tenant.
//
// Roles are ordered: an administrator may do what a supervisor may, a
// supervisor what an agent may. A user may belong to several tenants (an agent
// of an outsourcer working for several client companies), with one role and,
// for agents, the agent login of that tenant's provisioning.
//
// The installation's API token (data/api-token) is the `system` principal:
// administrator of every tenant, for scripts and provisioning.
//
// Plain values; any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace plateau::auth {

enum class Role { Agent = 1, Supervisor = 2, Administrator = 3 };

std::string_view to_string(Role r);
std::optional<Role> parse_role(std::string_view s);

struct Membership {
  std::string tenant;
  Role role = Role::Agent;
  std::string agent;  // the agent login in this tenant ("" when the user takes no calls there)
  friend bool operator==(const Membership&, const Membership&) = default;
};

struct Principal {
  std::string user;  // the user's login; "system" for the API token
  std::string name;  // display name
  bool system = false;
  std::vector<Membership> memberships;
  std::string session;  // id of the session (token) that authenticated the request; "" for the API token

  // The membership in `tenant`, if any (the system principal has none: see can()).
  const Membership* in(std::string_view tenant) const;
  // Whether the principal may act in `tenant` with at least `role`.
  bool can(std::string_view tenant, Role role) const;
  // Whether `tenant` is visible at all (any role). Requests for tenants that are
  // not visible answer 404, never 403: another tenant's ids are not disclosed.
  bool sees(std::string_view tenant) const { return can(tenant, Role::Agent); }
};

}  // namespace plateau::auth
