#include "auth/user.h"

#include <set>

namespace plateau::auth {

Status check_login(std::string_view login) {
  auto bad = [&] {
    return make_error("auth.bad_login", "login \"" + std::string(login) +
                                            "\": 1 to 64 characters among letters, digits and . _ @ -");
  };
  if (login.empty() || login.size() > 64) return bad();
  for (char c : login) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
                    c == '_' || c == '@' || c == '-';
    if (!ok) return bad();
  }
  return {};
}

Status check_memberships(const std::vector<Membership>& memberships) {
  std::set<std::string> seen;
  for (const auto& m : memberships) {
    if (m.tenant.empty()) return make_error("auth.bad_membership", "a membership names no tenant");
    if (!seen.insert(m.tenant).second)
      return make_error("auth.bad_membership", "tenant \"" + m.tenant + "\" is named twice in the memberships");
  }
  return {};
}

Result<Membership> parse_membership(std::string_view text) {
  auto bad = [&] {
    return make_error("auth.bad_membership", "membership \"" + std::string(text) +
                                                 "\": write tenant:role or tenant:role:agent, role one of agent, "
                                                 "supervisor, administrator");
  };
  const size_t a = text.find(':');
  if (a == std::string_view::npos || a == 0) return bad();
  const size_t b = text.find(':', a + 1);
  Membership m;
  m.tenant = std::string(text.substr(0, a));
  auto role = parse_role(text.substr(a + 1, b == std::string_view::npos ? std::string_view::npos : b - a - 1));
  if (!role) return bad();
  m.role = *role;
  if (b != std::string_view::npos) m.agent = std::string(text.substr(b + 1));
  return m;
}

}  // namespace plateau::auth
