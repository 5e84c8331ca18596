// users_file.h — a file of users to create (TOML), such as the demo's
// data/demo/users.toml, compiled in:
//
//   [[user]]
//   login = "salma"
//   name = "Salma Bennani"
//   password = "..."
//   memberships = [{ tenant = "demo", role = "agent", agent = "1001" }]
//
// Main thread, at start or in a command (hashing takes tens of ms per user).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "auth/user.h"
#include "common/result.h"
#include "store/store.h"

namespace plateau::app {

struct UserToCreate {
  auth::User user;  // without its hash
  std::string password;
};

// "auth.bad_file" naming the origin and the faulty entry.
Result<std::vector<UserToCreate>> parse_users_file(std::string_view text, std::string_view origin);

// Hashes the passwords and adds the users (one transaction: all or none).
Status create_users(store::Store& store, const std::vector<UserToCreate>& users, int64_t now_ms);

// The demo's users (data/demo/users.toml).
std::string_view demo_users();

}  // namespace plateau::app
