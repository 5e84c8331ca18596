// AuthService on a real SQLite file and store worker, with a manual clock:
// tokens, expiry, revocation, throttling, restart; and the demo's users file.
#include "app/auth_service.h"

#include <gtest/gtest.h>

#include <chrono>

#include <boost/asio/executor_work_guard.hpp>

#include "app/users_file.h"
#include "common/testing/temp_dir.h"
#include "provision/provision.h"
#include "store/sqlite_store.h"

namespace plateau::app {
namespace {

namespace asio = boost::asio;
constexpr const char* kApiToken = "the-installation-api-token";

http::Request request_with(const std::string& token, std::string path = "/api/v1/calls") {
  http::Request r;
  r.method = "GET";
  r.path = std::move(path);
  if (!token.empty()) r.headers.emplace_back("authorization", "Bearer " + token);
  return r;
}

class AuthServiceTest : public ::testing::Test {
 protected:
  void SetUp() override { open(); }

  void open() {
    auto s = store::open_sqlite(dir_.file("plateau.db"));
    ASSERT_TRUE(s.ok());
    auto demo = provision::parse_string(provision::demo_provisioning(), "demo");
    ASSERT_TRUE(demo.ok());
    ASSERT_TRUE((*s)->apply_provisioning(*demo, "plateau").ok());
    auto users = (*s)->load_users();
    auto sessions = (*s)->live_sessions(clock_.now_ms());
    ASSERT_TRUE(users.ok() && sessions.ok());
    worker_ = std::make_unique<store::StoreWorker>(std::move(s.value()));
    auth_ = std::make_unique<AuthService>(io_, clock_, *worker_, kApiToken, AuthSettings{.session_ms = 60'000});
    auth_->load(std::move(users.value()), std::move(sessions.value()));
  }

  void restart() {
    auth_.reset();
    worker_->stop();
    worker_.reset();
    open();
  }

  // Runs the loop until `done` is set (results come back from other threads).
  void run_until(const bool& done) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (!done && std::chrono::steady_clock::now() < deadline) io_.run_one_for(std::chrono::milliseconds(50));
    ASSERT_TRUE(done);
  }

  Status add(const std::string& login, const std::string& password, std::vector<auth::Membership> ms) {
    bool done = false;
    Status out;
    auth_->add_user(auth::User{login, login, "", 0, false, std::move(ms)}, password, [&](Status st) {
      out = st;
      done = true;
    });
    run_until(done);
    return out;
  }

  LoginOutcome login(const std::string& who, const std::string& password, const std::string& remote = "10.0.0.1:5000") {
    bool done = false;
    LoginOutcome out;
    auth_->login(who, password, remote, [&](LoginOutcome o) {
      out = std::move(o);
      done = true;
    });
    run_until(done);
    return out;
  }

  std::shared_ptr<const auth::Principal> who(const std::string& token, std::string path = "/api/v1/calls") {
    return auth_->authenticator()(request_with(token, std::move(path)));
  }

  test_support::TempDir dir_;
  asio::io_context io_;
  asio::executor_work_guard<asio::io_context::executor_type> work_ = asio::make_work_guard(io_);
  ManualClock clock_;
  std::unique_ptr<store::StoreWorker> worker_;
  std::unique_ptr<AuthService> auth_;
};

TEST_F(AuthServiceTest, ApiTokenIsTheSystemAndLoginAloneIsOpen) {
  auto p = who(kApiToken);
  ASSERT_TRUE(p);
  EXPECT_TRUE(p->system);
  EXPECT_FALSE(who(""));
  EXPECT_FALSE(who("wrong"));
  http::Request login = request_with("", "/api/v1/auth/login");
  login.method = "POST";
  auto anon = auth_->authenticator()(login);
  ASSERT_TRUE(anon);
  EXPECT_FALSE(anon->system);
  EXPECT_FALSE(anon->sees("demo"));
  login.method = "GET";
  EXPECT_FALSE(auth_->authenticator()(login));
}

TEST_F(AuthServiceTest, TokenUntilExpiryAndAcrossRestart) {
  ASSERT_TRUE(add("salma", "password-1", {{"demo", auth::Role::Agent, "1001"}}));
  auto out = login("salma", "password-1");
  ASSERT_FALSE(out.error) << out.error->message;
  EXPECT_EQ(out.expires_ms, clock_.now_ms() + 60'000);
  ASSERT_TRUE(out.principal);
  EXPECT_EQ(out.principal->memberships.size(), 1u);
  auto p = who(out.token);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->user, "salma");
  EXPECT_TRUE(p->can("demo", auth::Role::Agent));
  restart();
  ASSERT_TRUE(who(out.token));
  clock_.advance_ms(60'000);
  EXPECT_FALSE(who(out.token));
  restart();  // an expired session is not loaded again
  clock_.advance_ms(-60'000);
  EXPECT_FALSE(who(out.token));
}

TEST_F(AuthServiceTest, LogoutRevokesForGood) {
  ASSERT_TRUE(add("salma", "password-1", {{"demo", auth::Role::Agent, "1001"}}));
  auto a = login("salma", "password-1"), b = login("salma", "password-1");
  auto pa = who(a.token);
  ASSERT_TRUE(pa);
  bool done = false;
  auth_->logout(*pa, [&](Status st) {
    EXPECT_TRUE(st);
    done = true;
  });
  run_until(done);
  EXPECT_FALSE(who(a.token));
  EXPECT_TRUE(who(b.token));
  restart();
  EXPECT_FALSE(who(a.token));
  EXPECT_TRUE(who(b.token));
}

TEST_F(AuthServiceTest, FailuresThrottleThenExpire) {
  ASSERT_TRUE(add("salma", "password-1", {{"demo", auth::Role::Agent, "1001"}}));
  for (int i = 0; i < 4; ++i) EXPECT_EQ(login("salma", "nope-nope").error->code, "auth.bad_credentials");
  auto held = login("salma", "password-1");
  ASSERT_TRUE(held.error);
  EXPECT_EQ(held.error->code, "auth.throttled");
  EXPECT_EQ(held.retry_after_ms, 1000);
  EXPECT_EQ(login("salma", "nope-nope", "10.0.0.2:1").error->code, "auth.throttled");  // per login, any address
  clock_.advance_ms(1000);
  EXPECT_EQ(login("salma", "nope-nope").error->code, "auth.bad_credentials");  // the 5th: 2 s
  clock_.advance_ms(1999);
  EXPECT_EQ(login("salma", "password-1").retry_after_ms, 1000);
  clock_.advance_ms(1);
  EXPECT_FALSE(login("salma", "password-1").error);
  EXPECT_FALSE(login("salma", "password-1").error);  // the success cleared the login's failures
}

TEST_F(AuthServiceTest, PasswordChangeAndRemovalEndSessions) {
  ASSERT_TRUE(add("salma", "password-1", {{"demo", auth::Role::Agent, "1001"}}));
  auto a = login("salma", "password-1"), b = login("salma", "password-1");
  bool done = false;
  auth_->set_password("salma", std::string("wrong-current"), "password-2", who(a.token)->session, [&](Status st) {
    EXPECT_EQ(st.error().code, "auth.bad_credentials");
    done = true;
  });
  run_until(done);
  done = false;
  auth_->set_password("salma", std::string("password-1"), "password-2", who(a.token)->session, [&](Status st) {
    EXPECT_TRUE(st);
    done = true;
  });
  run_until(done);
  EXPECT_TRUE(who(a.token));
  EXPECT_FALSE(who(b.token));
  EXPECT_EQ(login("salma", "password-1").error->code, "auth.bad_credentials");
  auto c = login("salma", "password-2");
  ASSERT_FALSE(c.error);
  done = false;
  auth_->remove_user("salma", [&](Status st) {
    EXPECT_TRUE(st);
    done = true;
  });
  run_until(done);
  EXPECT_FALSE(who(a.token));
  EXPECT_FALSE(who(c.token));
  restart();
  EXPECT_FALSE(auth_->accounts().user("salma"));
  EXPECT_EQ(add("salma", "password-1", {{"nowhere", auth::Role::Agent, ""}}).error().code, "store.invalid");
  EXPECT_EQ(add("bad login", "password-1", {}).error().code, "auth.bad_login");
  EXPECT_EQ(add("ok", "short", {}).error().code, "auth.weak_password");
}

TEST(UsersFile, TheDemoUsersParseAndMapToDemoAgents) {
  auto users = parse_users_file(demo_users(), "demo users");
  ASSERT_TRUE(users.ok()) << users.error().message;
  auto demo = provision::parse_string(provision::demo_provisioning(), "demo");
  ASSERT_TRUE(demo.ok());
  int agents = 0, admins = 0;
  for (const auto& u : *users) {
    for (const auto& m : u.user.memberships) {
      EXPECT_EQ(m.tenant, "demo");
      if (m.role == auth::Role::Administrator) ++admins;
      if (m.agent.empty()) continue;
      ++agents;
      bool found = false;
      for (const auto& a : demo->agents) found = found || (a.tenant == "demo" && a.login == m.agent);
      EXPECT_TRUE(found) << m.agent;
    }
  }
  EXPECT_EQ(agents, 4);
  EXPECT_EQ(admins, 1);
  auto bad = parse_users_file("[[user]]\nlogin = \"x\"\npassword = \"short\"\n", "f.toml");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("f.toml: user 1"), std::string::npos) << bad.error().message;
}

}  // namespace
}  // namespace plateau::app
