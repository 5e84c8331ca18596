#include "auth/token.h"

#include <set>

#include <gtest/gtest.h>

#include "auth/user.h"

namespace plateau::auth {
namespace {

TEST(Token, ShapeAndUniqueness) {
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    std::string t = new_token();
    EXPECT_EQ(t.size(), kTokenLength);
    EXPECT_TRUE(looks_like_token(t)) << t;
    EXPECT_TRUE(seen.insert(t).second);
  }
}

TEST(Token, HashIsStableHexAndNotTheToken) {
  const std::string t = new_token();
  const std::string h = token_hash(t);
  EXPECT_EQ(h.size(), 64u);
  EXPECT_EQ(h, token_hash(t));
  EXPECT_NE(h, token_hash(new_token()));
  EXPECT_EQ(h.find_first_not_of("0123456789abcdef"), std::string::npos);
  // BLAKE2b-256 of "" (RFC 7693 test vectors give the 512-bit one; this is libsodium's 32-byte output).
  EXPECT_EQ(token_hash(""), "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8");
}

TEST(Token, LooksLikeToken) {
  EXPECT_FALSE(looks_like_token(""));
  EXPECT_FALSE(looks_like_token(std::string(42, 'a')));
  EXPECT_FALSE(looks_like_token(std::string(42, 'a') + "="));
  EXPECT_TRUE(looks_like_token(std::string(41, 'a') + "-_"));
}

TEST(User, LoginAndMemberships) {
  EXPECT_TRUE(check_login("salma.bennani@demo"));
  EXPECT_FALSE(check_login(""));
  EXPECT_FALSE(check_login("a b"));
  EXPECT_FALSE(check_login(std::string(65, 'a')));
  auto m = parse_membership("t1:agent:2001");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->tenant, "t1");
  EXPECT_EQ(m->role, Role::Agent);
  EXPECT_EQ(m->agent, "2001");
  auto s = parse_membership("t2:supervisor");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->role, Role::Supervisor);
  EXPECT_EQ(s->agent, "");
  EXPECT_FALSE(parse_membership("t2"));
  EXPECT_FALSE(parse_membership(":agent"));
  EXPECT_FALSE(parse_membership("t2:boss"));
  EXPECT_FALSE(check_memberships({{"t1", Role::Agent, ""}, {"t1", Role::Supervisor, ""}}));
  EXPECT_TRUE(check_memberships({{"t1", Role::Agent, ""}, {"t2", Role::Supervisor, ""}}));
}

}  // namespace
}  // namespace plateau::auth
