#include "app/auth_service.h"

#include <boost/asio/post.hpp>
#include <spdlog/spdlog.h>

#include "auth/password.h"
#include "auth/token.h"

namespace plateau::app {

namespace asio = boost::asio;

namespace {

constexpr int64_t kMaintenanceEveryMs = 60'000;

// "10.0.0.7:51234" -> "10.0.0.7", "[::1]:8080" or "::1:8080" -> the address without the port.
std::string address_of(const std::string& remote) {
  const size_t colon = remote.rfind(':');
  if (colon == std::string::npos) return remote;
  std::string host = remote.substr(0, colon);
  if (host.size() > 1 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  return host;
}

}  // namespace

AuthService::AuthService(asio::io_context& io, const Clock& clock, store::StoreWorker& store, std::string api_token,
                         AuthSettings settings)
    : io_(io),
      clock_(clock),
      store_(store),
      api_token_(std::move(api_token)),
      settings_(settings),
      system_(std::make_shared<const auth::Principal>(auth::Principal{"system", "API token", true, {}, ""})),
      anonymous_(std::make_shared<const auth::Principal>(auth::Principal{"", "", false, {}, ""})),
      by_login_(settings.per_login),
      by_address_(settings.per_address) {
  hasher_.post([this] {
    auto h = auth::hash_password(auth::new_token());
    if (h) dummy_hash_ = std::move(h.value());
  });
}

AuthService::~AuthService() { hasher_.stop(); }

void AuthService::load(std::vector<auth::User> users, std::vector<auth::Session> sessions) {
  accounts_.load(std::move(users), std::move(sessions));
}

http::Authenticator AuthService::authenticator() {
  return [this](const http::Request& req) -> std::shared_ptr<const auth::Principal> {
    const std::string token = http::request_token(req);
    if (!token.empty()) {
      if (!api_token_.empty() && http::constant_time_equal(token, api_token_)) return system_;
      if (auto p = accounts_.authenticate(token, clock_.now_ms())) return p;
    }
    if (req.method == "POST" && req.path == "/api/v1/auth/login") return anonymous_;
    return nullptr;
  };
}

void AuthService::maintain() {
  const int64_t mono = clock_.monotonic_ms();
  if (mono - last_maintenance_ms_ < kMaintenanceEveryMs) return;
  last_maintenance_ms_ = mono;
  accounts_.prune(clock_.now_ms());
  by_login_.sweep(mono);
  by_address_.sweep(mono);
}

void AuthService::release(const std::string& login_key, const std::string& address_key) {
  for (const auto& k : {login_key, address_key}) {
    auto it = checking_.find(k);
    if (it != checking_.end() && --it->second <= 0) checking_.erase(it);
  }
}

void AuthService::login(const std::string& login, const std::string& password, const std::string& remote,
                        std::function<void(LoginOutcome)> done) {
  maintain();
  const int64_t mono = clock_.monotonic_ms();
  const std::string login_key = "login:" + login, address_key = "address:" + address_of(remote);
  const int64_t wait = std::max(by_login_.wait_ms(login_key, mono), by_address_.wait_ms(address_key, mono));
  // One check at a time per login, a few per address: guesses sent in parallel
  // would otherwise all be checked before the first failure counts.
  const bool busy = checking_[login_key] >= 1 || checking_[address_key] >= settings_.max_checks_per_address;
  if (wait > 0 || busy) {
    if (checking_[login_key] == 0) checking_.erase(login_key);
    if (checking_[address_key] == 0) checking_.erase(address_key);
    LoginOutcome out;
    out.error = make_error("auth.throttled", "too many failed logins: try again later");
    out.retry_after_ms = std::max<int64_t>(wait, 1000);
    return done(std::move(out));
  }
  ++checking_[login_key];
  ++checking_[address_key];
  const auth::User* u = accounts_.user(login);
  const std::string hash = (u && !u->disabled) ? u->password_hash : std::string();
  hasher_.post([this, login, password, hash, address_key, done = std::move(done)]() mutable {
    // Hasher thread.
    bool ok = false;
    std::string new_hash;
    if (hash.empty()) {
      auth::verify_password(dummy_hash_, password);  // as long as for a real user
    } else {
      ok = auth::verify_password(hash, password);
      if (ok && auth::needs_rehash(hash)) {
        if (auto h = auth::hash_password(password)) new_hash = std::move(h.value());
      }
    }
    asio::post(io_, [this, login, hash, ok, new_hash = std::move(new_hash), address_key, done = std::move(done)]() mutable {
      finish_login(login, address_key, hash, ok, std::move(new_hash), std::move(done));
    });
  });
}

void AuthService::finish_login(const std::string& login, const std::string& address_key, const std::string& hash,
                               bool ok, std::string new_hash, std::function<void(LoginOutcome)> done) {
  const std::string login_key = "login:" + login;
  release(login_key, address_key);
  const auth::User* u = accounts_.user(login);
  // The password may have changed, or the user gone, while it was checked.
  if (!ok || !u || u->disabled || u->password_hash != hash) {
    const int64_t mono = clock_.monotonic_ms();
    by_login_.failure(login_key, mono);
    by_address_.failure(address_key, mono);
    spdlog::info("auth: failed login for \"{}\" from {}", login, address_key.substr(8));
    LoginOutcome out;
    out.error = make_error("auth.bad_credentials", "wrong login or password");
    return done(std::move(out));
  }
  by_login_.success(login_key);
  const std::string token = auth::new_token();
  const int64_t now = clock_.now_ms();
  auth::Session session{auth::token_hash(token), login, now, now + settings_.session_ms, false};
  std::optional<auth::User> rehashed;
  if (!new_hash.empty()) {
    rehashed = *u;
    rehashed->password_hash = std::move(new_hash);
  }
  store_.post(
      [session, rehashed](store::Store& s) {
        if (rehashed) {
          if (Status st = s.update_user(*rehashed); !st) return st;
        }
        return s.add_session(session);
      },
      [this, io = &io_, session, rehashed, token, done = std::move(done)](Status st) mutable {
        asio::post(*io, [this, session, rehashed, token, st, done = std::move(done)] {
          LoginOutcome out;
          if (!st) {
            out.error = st.error();
            return done(std::move(out));
          }
          if (!accounts_.user(session.user)) {  // removed meanwhile
            out.error = make_error("auth.bad_credentials", "wrong login or password");
            return done(std::move(out));
          }
          if (rehashed) accounts_.put_user(*rehashed);
          accounts_.add_session(session);
          out.token = token;
          out.expires_ms = session.expires_ms;
          out.principal = accounts_.principal_of(session.user);
          spdlog::info("auth: \"{}\" logged in", session.user);
          done(std::move(out));
        });
      });
}

void AuthService::logout(const auth::Principal& p, std::function<void(Status)> done) {
  if (p.session.empty())
    return done(make_error("auth.not_a_session", "this token is not a session of a user: it cannot log out"));
  accounts_.revoke(p.session);
  store_.post([hash = p.session](store::Store& s) { return s.revoke_sessions({hash}); },
              [io = &io_, done = std::move(done)](Status st) mutable {
                asio::post(*io, [st, done = std::move(done)] { done(st); });
              });
}

void AuthService::add_user(auth::User u, std::string password, std::function<void(Status)> done) {
  if (Status st = auth::check_login(u.login); !st) return done(st);
  if (Status st = auth::check_memberships(u.memberships); !st) return done(st);
  if (Status st = auth::check_password(password); !st) return done(st);
  if (accounts_.user(u.login))
    return done(make_error("auth.user_exists", "a user with the login \"" + u.login + "\" exists"));
  u.created_ms = clock_.now_ms();
  hasher_.post([this, u = std::move(u), password = std::move(password), done = std::move(done)]() mutable {
    auto h = auth::hash_password(password);
    asio::post(io_, [this, u = std::move(u), h = std::move(h), done = std::move(done)]() mutable {
      if (!h) return done(h.error());
      u.password_hash = std::move(h.value());
      store_.post([u](store::Store& s) { return s.add_user(u); },
                  [this, io = &io_, u, done = std::move(done)](Status st) mutable {
                    asio::post(*io, [this, u = std::move(u), st, done = std::move(done)]() mutable {
                      if (!st) {
                        if (st.error().code == "store.constraint")
                          return done(make_error("auth.user_exists", st.error().message));
                        return done(st);
                      }
                      spdlog::info("auth: user \"{}\" added", u.login);
                      accounts_.put_user(std::move(u));
                      done(Status::Ok());
                    });
                  });
    });
  });
}

void AuthService::set_password(const std::string& login, std::optional<std::string> current, std::string password,
                               std::string keep, std::function<void(Status)> done) {
  if (Status st = auth::check_password(password); !st) return done(st);
  const auth::User* u = accounts_.user(login);
  if (!u) return done(make_error("auth.no_user", "no user \"" + login + "\""));
  // A stolen token must not become a way to guess the current password.
  const std::string login_key = "login:" + login;
  if (current && (by_login_.wait_ms(login_key, clock_.monotonic_ms()) > 0 || checking_[login_key] >= 1)) {
    if (checking_[login_key] == 0) checking_.erase(login_key);
    return done(make_error("auth.throttled", "too many failed attempts: try again later"));
  }
  if (current) ++checking_[login_key];
  hasher_.post([this, login, old_hash = u->password_hash, current = std::move(current), password = std::move(password),
                keep = std::move(keep), done = std::move(done)]() mutable {
    // Hasher thread.
    const bool current_ok = !current || auth::verify_password(old_hash, *current);
    auto h = current_ok ? auth::hash_password(password) : Result<std::string>(std::string());
    asio::post(io_, [this, login, current = current.has_value(), current_ok, h = std::move(h), keep = std::move(keep),
                     done = std::move(done)]() mutable {
      const std::string login_key = "login:" + login;
      if (current) {
        if (auto it = checking_.find(login_key); it != checking_.end() && --it->second <= 0) checking_.erase(it);
      }
      if (!current_ok) {
        by_login_.failure(login_key, clock_.monotonic_ms());
        return done(make_error("auth.bad_credentials", "the current password is wrong"));
      }
      if (!h) return done(h.error());
      const auth::User* now = accounts_.user(login);
      if (!now) return done(make_error("auth.no_user", "no user \"" + login + "\""));
      auth::User changed = *now;
      changed.password_hash = std::move(h.value());
      store_.post([changed](store::Store& s) { return s.update_user(changed); },
                  [this, io = &io_, changed, keep, done = std::move(done)](Status st) mutable {
                    asio::post(*io, [this, changed, keep, st, done = std::move(done)]() mutable {
                      if (!st) return done(st);
                      if (!accounts_.user(changed.login))
                        return done(make_error("auth.no_user", "no user \"" + changed.login + "\""));
                      accounts_.put_user(changed);
                      auto revoked = accounts_.revoke_user(changed.login, keep);
                      spdlog::info("auth: password of \"{}\" changed, {} sessions ended", changed.login,
                                   revoked.size());
                      store_.post([revoked](store::Store& s) { return s.revoke_sessions(revoked); },
                                  [io = &io_, done = std::move(done)](Status st2) mutable {
                                    asio::post(*io, [st2, done = std::move(done)] { done(st2); });
                                  });
                    });
                  });
    });
  });
}

void AuthService::remove_user(const std::string& login, std::function<void(Status)> done) {
  if (!accounts_.remove_user(login)) return done(make_error("auth.no_user", "no user \"" + login + "\""));
  spdlog::info("auth: user \"{}\" removed, its sessions ended", login);
  store_.post([login](store::Store& s) -> Status {
    auto r = s.remove_user(login);
    return r ? Status::Ok() : Status(r.error());
  },
              [io = &io_, done = std::move(done)](Status st) mutable {
                asio::post(*io, [st, done = std::move(done)] { done(st); });
              });
}

}  // namespace plateau::app
