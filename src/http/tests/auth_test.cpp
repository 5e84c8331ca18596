#include "http/auth.h"

#include <gtest/gtest.h>

namespace plateau::http {
namespace {

Request with_auth(std::string value) {
  Request r;
  r.headers.emplace_back("authorization", std::move(value));
  return r;
}

TEST(Auth, ConstantTimeEqual) {
  EXPECT_TRUE(constant_time_equal("", ""));
  EXPECT_TRUE(constant_time_equal("abc", "abc"));
  EXPECT_FALSE(constant_time_equal("abc", "abd"));
  EXPECT_FALSE(constant_time_equal("abc", "abcd"));
  EXPECT_FALSE(constant_time_equal("abcd", "abc"));
  EXPECT_FALSE(constant_time_equal("", "a"));
}

TEST(Auth, RequiresToken) {
  EXPECT_TRUE(requires_token("/api"));
  EXPECT_TRUE(requires_token("/api/v1/agents"));
  EXPECT_FALSE(requires_token("/apix"));
  EXPECT_FALSE(requires_token("/healthz"));
  EXPECT_FALSE(requires_token("/metrics"));
}

TEST(Auth, BearerToken) {
  EXPECT_TRUE(bearer_token_matches(with_auth("Bearer s3cret"), "s3cret"));
  EXPECT_TRUE(bearer_token_matches(with_auth("bearer  s3cret "), "s3cret"));
  EXPECT_FALSE(bearer_token_matches(with_auth("Bearer s3cre"), "s3cret"));
  EXPECT_FALSE(bearer_token_matches(with_auth("Basic s3cret"), "s3cret"));
  EXPECT_FALSE(bearer_token_matches(with_auth("Bearer"), "s3cret"));
  EXPECT_FALSE(bearer_token_matches(Request{}, "s3cret"));
  // No configured token: the API stays closed.
  EXPECT_FALSE(bearer_token_matches(with_auth("Bearer "), ""));
}

}  // namespace
}  // namespace plateau::http
