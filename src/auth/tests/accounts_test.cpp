#include "auth/accounts.h"

#include <gtest/gtest.h>

#include "auth/token.h"
#include "common/clock.h"

namespace plateau::auth {
namespace {

User user(std::string login, std::vector<Membership> m) {
  return User{login, "Name of " + login, "$argon2id$unused", 1, false, std::move(m)};
}

Session session_for(const std::string& token, std::string login, int64_t now, int64_t ttl) {
  return Session{token_hash(token), std::move(login), now, now + ttl, false};
}

TEST(Accounts, TokenGivesPrincipalUntilExpiry) {
  ManualClock clock;
  Accounts a;
  a.put_user(user("salma", {{"t1", Role::Agent, "2001"}, {"t2", Role::Supervisor, ""}}));
  const std::string tok = new_token();
  a.add_session(session_for(tok, "salma", clock.now_ms(), 3'600'000));
  auto p = a.authenticate(tok, clock.now_ms());
  ASSERT_TRUE(p);
  EXPECT_EQ(p->user, "salma");
  EXPECT_FALSE(p->system);
  EXPECT_EQ(p->session, token_hash(tok));
  EXPECT_TRUE(p->can("t1", Role::Agent));
  EXPECT_FALSE(p->can("t1", Role::Supervisor));
  EXPECT_TRUE(p->can("t2", Role::Supervisor));
  EXPECT_FALSE(p->sees("t3"));
  clock.advance_ms(3'599'999);
  EXPECT_TRUE(a.authenticate(tok, clock.now_ms()));
  clock.advance_ms(1);
  EXPECT_FALSE(a.authenticate(tok, clock.now_ms()));
  EXPECT_EQ(a.prune(clock.now_ms()), 1u);
  EXPECT_EQ(a.session(token_hash(tok)), nullptr);
}

TEST(Accounts, UnknownAndMalformedTokens) {
  Accounts a;
  a.put_user(user("salma", {}));
  EXPECT_FALSE(a.authenticate("", 0));
  EXPECT_FALSE(a.authenticate(new_token(), 0));
  EXPECT_FALSE(a.authenticate("not a token", 0));
}

TEST(Accounts, RevocationAndRemoval) {
  ManualClock clock;
  Accounts a;
  a.put_user(user("salma", {{"t1", Role::Agent, "2001"}}));
  a.put_user(user("youssef", {{"t1", Role::Agent, "2002"}}));
  const std::string t1 = new_token(), t2 = new_token(), t3 = new_token(), other = new_token();
  for (const auto& t : {t1, t2, t3}) a.add_session(session_for(t, "salma", clock.now_ms(), 60'000));
  a.add_session(session_for(other, "youssef", clock.now_ms(), 60'000));
  EXPECT_TRUE(a.revoke(token_hash(t1)));
  EXPECT_FALSE(a.authenticate(t1, clock.now_ms()));
  EXPECT_TRUE(a.authenticate(t2, clock.now_ms()));
  auto revoked = a.revoke_user("salma", token_hash(t3));
  EXPECT_EQ(revoked, std::vector<std::string>{token_hash(t2)});
  EXPECT_FALSE(a.authenticate(t2, clock.now_ms()));
  EXPECT_TRUE(a.authenticate(t3, clock.now_ms()));
  EXPECT_EQ(a.live_sessions(clock.now_ms()), 2u);
  EXPECT_TRUE(a.remove_user("salma"));
  EXPECT_FALSE(a.authenticate(t3, clock.now_ms()));
  EXPECT_TRUE(a.authenticate(other, clock.now_ms()));
  EXPECT_FALSE(a.remove_user("salma"));
}

TEST(Accounts, DisabledUserIsRefused) {
  Accounts a;
  User u = user("salma", {});
  u.disabled = true;
  a.put_user(u);
  const std::string tok = new_token();
  a.add_session(session_for(tok, "salma", 0, 60'000));
  EXPECT_FALSE(a.authenticate(tok, 1));
  EXPECT_FALSE(a.principal_of("salma"));
}

TEST(Accounts, MembershipChangesApplyToLiveTokens) {
  Accounts a;
  a.put_user(user("salma", {{"t1", Role::Agent, "2001"}}));
  const std::string tok = new_token();
  a.add_session(session_for(tok, "salma", 0, 60'000));
  EXPECT_FALSE(a.authenticate(tok, 1)->can("t1", Role::Supervisor));
  a.put_user(user("salma", {{"t1", Role::Supervisor, "2001"}}));
  EXPECT_TRUE(a.authenticate(tok, 1)->can("t1", Role::Supervisor));
}

}  // namespace
}  // namespace plateau::auth
