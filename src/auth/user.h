// user.h — the users of the API and their sessions, as stored.
//
// A user has a unique login, a display name, an Argon2id password hash
// (password.h) and one membership per tenant it works in (principal.h). A
// session is one token given at login: only the token's hash is kept
// (token.h); it ends at `expires_ms` or when revoked (logout, password change,
// removal of the user).
//
// Plain values; any thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "auth/principal.h"
#include "common/result.h"

namespace plateau::auth {

struct User {
  std::string login;
  std::string name;
  std::string password_hash;
  int64_t created_ms = 0;
  bool disabled = false;
  std::vector<Membership> memberships;  // at most one per tenant
  friend bool operator==(const User&, const User&) = default;
};

struct Session {
  std::string token_hash;  // token_hash() of the token
  std::string user;        // login
  int64_t created_ms = 0;
  int64_t expires_ms = 0;
  bool revoked = false;
  friend bool operator==(const Session&, const Session&) = default;
};

// "auth.bad_login": 1 to 64 characters among letters, digits and . _ @ -
Status check_login(std::string_view login);

// "auth.bad_membership" for a tenant named twice or an empty tenant.
Status check_memberships(const std::vector<Membership>& memberships);

// "tenant:role" or "tenant:role:agent" (the CLI's --member); "auth.bad_membership".
Result<Membership> parse_membership(std::string_view text);

}  // namespace plateau::auth
