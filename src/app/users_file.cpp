#include "app/users_file.h"

#include <toml++/toml.h>

#include "auth/password.h"

namespace plateau::app {

Result<std::vector<UserToCreate>> parse_users_file(std::string_view text, std::string_view origin) {
  toml::table doc;
  try {
    doc = toml::parse(text, origin);
  } catch (const toml::parse_error& e) {
    return make_error("auth.bad_file", std::string(origin) + ": " + std::string(e.description()));
  }
  std::vector<UserToCreate> out;
  const toml::array* users = doc["user"].as_array();
  if (!users) return out;
  int index = 0;
  for (const auto& node : *users) {
    ++index;
    auto bad = [&](const std::string& why) {
      return make_error("auth.bad_file", std::string(origin) + ": user " + std::to_string(index) + ": " + why);
    };
    const toml::table* t = node.as_table();
    if (!t) return bad("not a table");
    UserToCreate u;
    u.user.login = (*t)["login"].value_or(std::string());
    u.user.name = (*t)["name"].value_or(u.user.login);
    u.password = (*t)["password"].value_or(std::string());
    if (Status st = auth::check_login(u.user.login); !st) return bad(st.error().message);
    if (Status st = auth::check_password(u.password); !st) return bad(st.error().message);
    if (const toml::array* ms = (*t)["memberships"].as_array()) {
      for (const auto& mn : *ms) {
        const toml::table* m = mn.as_table();
        if (!m) return bad("memberships: each entry is { tenant, role, agent }");
        auth::Membership mm;
        mm.tenant = (*m)["tenant"].value_or(std::string());
        auto role = auth::parse_role((*m)["role"].value_or(std::string()));
        if (mm.tenant.empty() || !role) return bad("memberships: each entry needs a tenant and a role");
        mm.role = *role;
        mm.agent = (*m)["agent"].value_or(std::string());
        u.user.memberships.push_back(std::move(mm));
      }
    }
    if (Status st = auth::check_memberships(u.user.memberships); !st) return bad(st.error().message);
    out.push_back(std::move(u));
  }
  return out;
}

Status create_users(store::Store& store, const std::vector<UserToCreate>& users, int64_t now_ms) {
  std::vector<auth::User> hashed;
  for (const auto& u : users) {
    auto h = auth::hash_password(u.password);
    if (!h) return h.error();
    auth::User x = u.user;
    x.password_hash = std::move(h.value());
    x.created_ms = now_ms;
    hashed.push_back(std::move(x));
  }
  if (Status st = store.begin(); !st) return st;
  for (const auto& u : hashed) {
    if (Status st = store.add_user(u); !st) {
      store.rollback();
      return st;
    }
  }
  return store.commit();
}

}  // namespace plateau::app
