#include "auth/accounts.h"

#include "auth/token.h"

namespace plateau::auth {

void Accounts::load(std::vector<User> users, std::vector<Session> sessions) {
  users_.clear();
  sessions_.clear();
  for (auto& u : users) put_user(std::move(u));
  for (auto& s : sessions) add_session(std::move(s));
}

void Accounts::put_user(User u) {
  std::string login = u.login;
  users_.insert_or_assign(std::move(login), std::move(u));
}

bool Accounts::remove_user(std::string_view login) {
  auto it = users_.find(login);
  if (it == users_.end()) return false;
  users_.erase(it);
  std::erase_if(sessions_, [&](const auto& kv) { return kv.second.user == login; });
  return true;
}

const User* Accounts::user(std::string_view login) const {
  auto it = users_.find(login);
  return it == users_.end() ? nullptr : &it->second;
}

void Accounts::add_session(Session s) {
  std::string key = s.token_hash;
  sessions_.insert_or_assign(std::move(key), std::move(s));
}

bool Accounts::revoke(std::string_view token_hash) {
  auto it = sessions_.find(std::string(token_hash));
  if (it == sessions_.end()) return false;
  it->second.revoked = true;
  return true;
}

std::vector<std::string> Accounts::revoke_user(std::string_view login, std::string_view keep) {
  std::vector<std::string> out;
  for (auto& [hash, s] : sessions_) {
    if (s.user == login && hash != keep && !s.revoked) {
      s.revoked = true;
      out.push_back(hash);
    }
  }
  return out;
}

const Session* Accounts::session(std::string_view token_hash) const {
  auto it = sessions_.find(std::string(token_hash));
  return it == sessions_.end() ? nullptr : &it->second;
}

size_t Accounts::live_sessions(int64_t now_ms) const {
  size_t n = 0;
  for (const auto& [hash, s] : sessions_) n += (!s.revoked && now_ms < s.expires_ms) ? 1 : 0;
  return n;
}

std::shared_ptr<const Principal> Accounts::principal_of(std::string_view login) const {
  const User* u = user(login);
  if (!u || u->disabled) return nullptr;
  return std::make_shared<const Principal>(Principal{u->login, u->name, false, u->memberships, ""});
}

std::shared_ptr<const Principal> Accounts::authenticate(std::string_view token, int64_t now_ms) const {
  if (!looks_like_token(token)) return nullptr;
  auto it = sessions_.find(token_hash(token));
  if (it == sessions_.end()) return nullptr;
  const Session& s = it->second;
  if (s.revoked || now_ms >= s.expires_ms) return nullptr;
  const User* u = user(s.user);
  if (!u || u->disabled) return nullptr;
  return std::make_shared<const Principal>(Principal{u->login, u->name, false, u->memberships, s.token_hash});
}

size_t Accounts::prune(int64_t now_ms) {
  return std::erase_if(sessions_, [&](const auto& kv) { return kv.second.revoked || now_ms >= kv.second.expires_ms; });
}

}  // namespace plateau::auth
