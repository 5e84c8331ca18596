// Users of the API and their sessions in a real SQLite file (schema version 7).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "store/tests/test_util.h"

namespace plateau::store {
namespace {

using auth::Membership;
using auth::Role;
using auth::Session;
using auth::User;
using testing::open_or_die;
using testing::TempDir;

User salma() {
  return User{"salma", "Salma Bennani", "$argon2id$v=19$fake", 1000, false,
              {{"acme", Role::Supervisor, ""}, {"demo", Role::Agent, "1001"}}};
}

class Users : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = open_or_die(dir_.file("plateau.db"));
    ASSERT_TRUE(store_);
    ASSERT_TRUE(store_->apply_provisioning(testing::two_tenants(), "plateau"));
  }
  TempDir dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(Users, AddLoadUpdateRemove) {
  ASSERT_TRUE(store_->add_user(salma()));
  auto users = store_->load_users();
  ASSERT_TRUE(users) << users.error().message;
  ASSERT_EQ(users->size(), 1u);
  EXPECT_EQ((*users)[0], salma());

  auto dup = store_->add_user(salma());
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().code, "store.constraint");

  User changed = salma();
  changed.name = "Salma B.";
  changed.password_hash = "$argon2id$v=19$other";
  changed.created_ms = 5;  // kept as created
  changed.memberships = {{"demo", Role::Administrator, ""}};
  ASSERT_TRUE(store_->update_user(changed));
  users = store_->load_users();
  ASSERT_TRUE(users);
  changed.created_ms = 1000;
  EXPECT_EQ((*users)[0], changed);

  User ghost = salma();
  ghost.login = "ghost";
  auto st = store_->update_user(ghost);
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().code, "store.invalid");

  auto removed = store_->remove_user("salma");
  ASSERT_TRUE(removed);
  EXPECT_TRUE(*removed);
  removed = store_->remove_user("salma");
  ASSERT_TRUE(removed);
  EXPECT_FALSE(*removed);
  EXPECT_TRUE(store_->load_users()->empty());
}

TEST_F(Users, RefusesBadUsers) {
  User u = salma();
  u.memberships.push_back({"nowhere", Role::Agent, ""});
  auto st = store_->add_user(u);
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().code, "store.invalid");
  EXPECT_NE(st.error().message.find("nowhere"), std::string::npos);
  u = salma();
  u.login = "bad login";
  EXPECT_EQ(store_->add_user(u).error().code, "store.invalid");
  u = salma();
  u.password_hash = "";
  EXPECT_EQ(store_->add_user(u).error().code, "store.invalid");
  u = salma();
  u.memberships.push_back({"demo", Role::Supervisor, ""});
  EXPECT_EQ(store_->add_user(u).error().code, "store.invalid");
  EXPECT_TRUE(store_->load_users()->empty());  // nothing half-written
}

TEST_F(Users, SessionsSurviveReopenUntilRevokedOrExpired) {
  ASSERT_TRUE(store_->add_user(salma()));
  const Session a{std::string(64, 'a'), "salma", 100, 10'000, false};
  const Session b{std::string(64, 'b'), "salma", 200, 20'000, false};
  const Session c{std::string(64, 'c'), "salma", 300, 30'000, false};
  for (const auto& s : {a, b, c}) ASSERT_TRUE(store_->add_session(s));
  ASSERT_TRUE(store_->revoke_sessions({c.token_hash}));
  store_.reset();
  store_ = open_or_die(dir_.file("plateau.db"));
  auto live = store_->live_sessions(5'000);
  ASSERT_TRUE(live) << live.error().message;
  EXPECT_EQ(*live, (std::vector<Session>{a, b}));
  live = store_->live_sessions(10'000);  // a expired at 10 000
  ASSERT_TRUE(live);
  EXPECT_EQ(*live, (std::vector<Session>{b}));
  auto unknown_user = store_->add_session(Session{std::string(64, 'd'), "nobody", 1, 2, false});
  ASSERT_FALSE(unknown_user);
  EXPECT_EQ(unknown_user.error().code, "store.constraint");
  ASSERT_TRUE(store_->remove_user("salma"));
  EXPECT_TRUE(store_->live_sessions(0)->empty());
}

}  // namespace
}  // namespace plateau::store
