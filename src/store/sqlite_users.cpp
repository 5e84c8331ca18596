#include "store/sqlite_users.h"

#include <map>

namespace plateau::store::sqlite {

namespace {

Status check_user(Db& db, const auth::User& u) {
  if (Status st = auth::check_login(u.login); !st) return make_error("store.invalid", st.error().message);
  if (Status st = auth::check_memberships(u.memberships); !st) return make_error("store.invalid", st.error().message);
  if (u.password_hash.empty()) return make_error("store.invalid", "user \"" + u.login + "\" has no password hash");
  auto s = db.prepare("SELECT 1 FROM tenants WHERE name = ?1");
  if (!s) return s.error();
  for (const auto& m : u.memberships) {
    s->reset();
    s->bind(1, m.tenant);
    auto row = s->step();
    if (!row) return row.error();
    if (!*row) return make_error("store.invalid", "user \"" + u.login + "\": no tenant \"" + m.tenant + "\"");
  }
  return {};
}

Status write_memberships(Db& db, const auth::User& u) {
  auto del = db.prepare("DELETE FROM user_memberships WHERE user = ?1");
  if (!del) return del.error();
  del->bind(1, u.login);
  if (Status st = del->run(); !st) return st;
  auto ins = db.prepare("INSERT INTO user_memberships(user, tenant, role, agent) VALUES(?1, ?2, ?3, ?4)");
  if (!ins) return ins.error();
  for (const auto& m : u.memberships) {
    ins->reset();
    ins->bind(1, u.login).bind(2, m.tenant).bind(3, auth::to_string(m.role)).bind(4, m.agent);
    if (Status st = ins->run(); !st) return st;
  }
  return {};
}

}  // namespace

Status add_user(Db& db, const auth::User& u) {
  if (Status st = check_user(db, u); !st) return st;
  auto scope = WriteScope::start(db, "add_user");
  if (!scope) return scope.error();
  auto s = db.prepare("INSERT INTO users(login, name, password_hash, created_ms, disabled) VALUES(?1, ?2, ?3, ?4, ?5)");
  if (!s) return s.error();
  s->bind(1, u.login).bind(2, u.name).bind(3, u.password_hash).bind(4, u.created_ms).bind(5, int64_t{u.disabled});
  if (Status st = s->run(); !st) {
    if (st.error().code == "store.constraint")
      return make_error("store.constraint", "a user with the login \"" + u.login + "\" exists");
    return st;
  }
  if (Status st = write_memberships(db, u); !st) return st;
  return (*scope)->commit();
}

Status update_user(Db& db, const auth::User& u) {
  if (Status st = check_user(db, u); !st) return st;
  auto scope = WriteScope::start(db, "update_user");
  if (!scope) return scope.error();
  auto s = db.prepare("UPDATE users SET name = ?2, password_hash = ?3, disabled = ?4 WHERE login = ?1 RETURNING 1");
  if (!s) return s.error();
  s->bind(1, u.login).bind(2, u.name).bind(3, u.password_hash).bind(4, int64_t{u.disabled});
  auto row = s->step();
  if (!row) return row.error();
  if (!*row) return make_error("store.invalid", "no user \"" + u.login + "\"");
  if (auto done = s->step(); !done) return done.error();
  if (Status st = write_memberships(db, u); !st) return st;
  return (*scope)->commit();
}

Result<bool> remove_user(Db& db, std::string_view login) {
  auto s = db.prepare("DELETE FROM users WHERE login = ?1 RETURNING 1");
  if (!s) return s.error();
  s->bind(1, login);
  auto row = s->step();
  if (!row) return row.error();
  const bool removed = *row;
  if (removed) {
    if (auto done = s->step(); !done) return done.error();
  }
  return removed;  // memberships and sessions go with it (ON DELETE CASCADE)
}

Result<std::vector<auth::User>> load_users(Db& db) {
  auto s = db.prepare("SELECT login, name, password_hash, created_ms, disabled FROM users ORDER BY login");
  if (!s) return s.error();
  std::vector<auth::User> out;
  std::map<std::string, size_t> index;
  for (;;) {
    auto more = s->step();
    if (!more) return more.error();
    if (!*more) break;
    auth::User u;
    u.login = s->text(0);
    u.name = s->text(1);
    u.password_hash = s->text(2);
    u.created_ms = s->int64(3);
    u.disabled = s->int64(4) != 0;
    index[u.login] = out.size();
    out.push_back(std::move(u));
  }
  auto m = db.prepare("SELECT user, tenant, role, agent FROM user_memberships ORDER BY user, tenant");
  if (!m) return m.error();
  for (;;) {
    auto more = m->step();
    if (!more) return more.error();
    if (!*more) break;
    auto it = index.find(m->text(0));
    if (it == index.end()) continue;
    auth::Membership mm;
    mm.tenant = m->text(1);
    mm.role = auth::parse_role(m->text(2)).value_or(auth::Role::Agent);
    mm.agent = m->text(3);
    out[it->second].memberships.push_back(std::move(mm));
  }
  return out;
}

Status add_session(Db& db, const auth::Session& s) {
  auto st = db.prepare(
      "INSERT INTO sessions(token_hash, user, created_ms, expires_ms, revoked) VALUES(?1, ?2, ?3, ?4, ?5)");
  if (!st) return st.error();
  st->bind(1, s.token_hash).bind(2, s.user).bind(3, s.created_ms).bind(4, s.expires_ms).bind(5, int64_t{s.revoked});
  return st->run();
}

Status revoke_sessions(Db& db, const std::vector<std::string>& token_hashes) {
  auto st = db.prepare("UPDATE sessions SET revoked = 1 WHERE token_hash = ?1");
  if (!st) return st.error();
  for (const auto& h : token_hashes) {
    st->reset();
    st->bind(1, h);
    if (Status r = st->run(); !r) return r;
  }
  return {};
}

Result<std::vector<auth::Session>> live_sessions(Db& db, int64_t now_ms) {
  // Ended sessions are of no use any more: they go.
  auto del = db.prepare("DELETE FROM sessions WHERE revoked != 0 OR expires_ms <= ?1");
  if (!del) return del.error();
  del->bind(1, now_ms);
  if (Status st = del->run(); !st) return st.error();
  auto s = db.prepare("SELECT token_hash, user, created_ms, expires_ms FROM sessions ORDER BY created_ms, token_hash");
  if (!s) return s.error();
  std::vector<auth::Session> out;
  for (;;) {
    auto more = s->step();
    if (!more) return more.error();
    if (!*more) break;
    out.push_back(auth::Session{s->text(0), s->text(1), s->int64(2), s->int64(3), false});
  }
  return out;
}

}  // namespace plateau::store::sqlite
