// accounts.h — the users and live sessions the API authenticates against, in
// memory: a token is checked without the database (its hash is looked up,
// then expiry, revocation and the user's state).
//
// The table mirrors the store (users, sessions): the app loads it at start
// and changes it as the store commits (see app/auth_service.h).
//
// Pure logic with explicit times; one thread (the app thread).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "auth/principal.h"
#include "auth/user.h"

namespace plateau::auth {

class Accounts {
 public:
  // Replaces everything (at start).
  void load(std::vector<User> users, std::vector<Session> sessions);

  // Adds or replaces a user (by login).
  void put_user(User u);
  // The user and every session of it; false if there was none.
  bool remove_user(std::string_view login);
  const User* user(std::string_view login) const;
  const std::map<std::string, User, std::less<>>& users() const { return users_; }

  void add_session(Session s);
  // Revokes one session (by token hash); false if unknown.
  bool revoke(std::string_view token_hash);
  // Revokes every session of `login` but `keep` (a token hash, or ""); returns their hashes.
  std::vector<std::string> revoke_user(std::string_view login, std::string_view keep = {});
  const Session* session(std::string_view token_hash) const;
  size_t live_sessions(int64_t now_ms) const;

  // The principal of a token at `now_ms`, or null: unknown, revoked or expired
  // token, disabled or removed user. Principal::session is the token's hash.
  std::shared_ptr<const Principal> authenticate(std::string_view token, int64_t now_ms) const;
  // The principal of a user (session ""), or null.
  std::shared_ptr<const Principal> principal_of(std::string_view login) const;

  // Forgets expired and revoked sessions; returns how many.
  size_t prune(int64_t now_ms);

 private:
  std::map<std::string, User, std::less<>> users_;
  std::unordered_map<std::string, Session> sessions_;  // by token hash
};

}  // namespace plateau::auth
