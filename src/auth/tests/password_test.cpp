#include "auth/password.h"

#include <gtest/gtest.h>

namespace plateau::auth {
namespace {

TEST(Password, HashVerifies) {
  auto h = hash_password("correct horse");
  ASSERT_TRUE(h) << h.error().message;
  EXPECT_TRUE(h->starts_with("$argon2id$")) << *h;
  EXPECT_EQ(h->find("correct horse"), std::string::npos);
  EXPECT_TRUE(verify_password(*h, "correct horse"));
  EXPECT_FALSE(verify_password(*h, "correct horsf"));
  EXPECT_FALSE(verify_password(*h, ""));
  EXPECT_FALSE(needs_rehash(*h));
}

TEST(Password, SaltedHashesDiffer) {
  auto a = hash_password("same password");
  auto b = hash_password("same password");
  ASSERT_TRUE(a && b);
  EXPECT_NE(*a, *b);
}

TEST(Password, MalformedHashNeverVerifies) {
  EXPECT_FALSE(verify_password("", "x"));
  EXPECT_FALSE(verify_password("plain text", "plain text"));
  EXPECT_FALSE(verify_password(std::string(200, '$'), "x"));
  EXPECT_TRUE(needs_rehash("plain text"));
}

TEST(Password, Rules) {
  EXPECT_FALSE(check_password("short"));
  EXPECT_EQ(check_password("short").error().code, "auth.weak_password");
  EXPECT_TRUE(check_password("12345678"));
  EXPECT_FALSE(check_password(std::string(kMaxPasswordLength + 1, 'a')));
}

}  // namespace
}  // namespace plateau::auth
