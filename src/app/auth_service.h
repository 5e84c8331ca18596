// auth_service.h — users, logins and tokens of a running server.
//
// Says who each API request comes from (authenticator()): the installation's
// API token is the system principal; a token given at login is looked up in
// the in-memory table of users and sessions (auth::Accounts), synchronously on
// the app thread, without the database. POST /api/v1/auth/login alone is let
// through without a token, as an anonymous principal that sees no tenant.
//
// Password hashing and verifying (Argon2id, tens of ms of CPU) run on the
// service's own hasher thread, never on the app thread; every change is
// committed by the store worker before the table changes and the caller is
// answered. Revocations (logout, removal) take effect in memory at once.
// Logins are throttled per login and per remote address (auth::LoginThrottle).
//
// App thread: every method, and every `done` callback runs there. The store
// worker must be stopped (drained) before the service is destroyed.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "app/background.h"
#include "auth/accounts.h"
#include "auth/throttle.h"
#include "common/clock.h"
#include "common/result.h"
#include "http/auth.h"
#include "store/worker.h"

namespace plateau::app {

struct AuthSettings {
  int64_t session_ms = 12 * 3'600'000;  // auth.session_seconds
  auth::ThrottleSettings per_login{};   // 3 free failures, then 1 s, 2 s, 4 s ... 15 min
  auth::ThrottleSettings per_address{.free_failures = 20};
  int max_checks_per_address = 16;      // password checks in progress from one address
};

struct LoginOutcome {
  std::optional<Error> error;  // "auth.bad_credentials", "auth.throttled", "auth.bad_request", "store.*"
  int64_t retry_after_ms = 0;  // with "auth.throttled"
  std::string token;
  int64_t expires_ms = 0;
  std::shared_ptr<const auth::Principal> principal;
};

class AuthService {
 public:
  AuthService(boost::asio::io_context& io, const Clock& clock, store::StoreWorker& store, std::string api_token,
              AuthSettings settings = {});
  ~AuthService();
  AuthService(const AuthService&) = delete;
  AuthService& operator=(const AuthService&) = delete;

  // The store's users and live sessions (at start, before the loop runs).
  void load(std::vector<auth::User> users, std::vector<auth::Session> sessions);

  // For http::start; the service must outlive the server.
  http::Authenticator authenticator();

  void login(const std::string& login, const std::string& password, const std::string& remote,
             std::function<void(LoginOutcome)> done);
  // Revokes the session the principal came with ("auth.not_a_session" for the API token).
  void logout(const auth::Principal& p, std::function<void(Status)> done);

  // `u` without its hash; "auth.user_exists", "auth.bad_login", "auth.bad_membership", "auth.weak_password".
  void add_user(auth::User u, std::string password, std::function<void(Status)> done);
  // Sets a new password and revokes every session of the user but `keep` (a
  // token hash or ""). With `current` (a user changing its own password), that
  // must be the present password ("auth.bad_credentials").
  void set_password(const std::string& login, std::optional<std::string> current, std::string password,
                    std::string keep, std::function<void(Status)> done);
  // Removes the user and ends its sessions; "auth.no_user" when there is none.
  void remove_user(const std::string& login, std::function<void(Status)> done);

  const auth::Accounts& accounts() const { return accounts_; }
  int64_t session_ms() const { return settings_.session_ms; }

 private:
  void finish_login(const std::string& login, const std::string& address_key, const std::string& hash, bool ok,
                    std::string new_hash, std::function<void(LoginOutcome)> done);
  void maintain();
  void release(const std::string& login_key, const std::string& address_key);

  boost::asio::io_context& io_;
  const Clock& clock_;
  store::StoreWorker& store_;
  std::string api_token_;
  AuthSettings settings_;
  std::shared_ptr<const auth::Principal> system_, anonymous_;
  auth::Accounts accounts_;
  auth::LoginThrottle by_login_, by_address_;
  std::unordered_map<std::string, int> checking_;  // password checks in progress, by throttle key
  int64_t last_maintenance_ms_ = 0;
  std::string dummy_hash_;  // hasher thread only: verified for unknown logins, so they take as long
  Background hasher_;       // last: stopped (its jobs run) before the members above go
};

}  // namespace plateau::app
