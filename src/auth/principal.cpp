#include "auth/principal.h"

namespace plateau::auth {

std::string_view to_string(Role r) {
  switch (r) {
    case Role::Agent: return "agent";
    case Role::Supervisor: return "supervisor";
    case Role::Administrator: return "administrator";
  }
  return "agent";
}

std::optional<Role> parse_role(std::string_view s) {
  if (s == "agent") return Role::Agent;
  if (s == "supervisor") return Role::Supervisor;
  if (s == "administrator" || s == "admin") return Role::Administrator;
  return std::nullopt;
}

const Membership* Principal::in(std::string_view tenant) const {
  for (const auto& m : memberships)
    if (m.tenant == tenant) return &m;
  return nullptr;
}

bool Principal::can(std::string_view tenant, Role role) const {
  if (system) return true;
  const Membership* m = in(tenant);
  return m != nullptr && static_cast<int>(m->role) >= static_cast<int>(role);
}

}  // namespace plateau::auth
