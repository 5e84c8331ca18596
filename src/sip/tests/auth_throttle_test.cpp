#include "sip/auth_throttle.h"

#include <gtest/gtest.h>

namespace plateau::sip {
namespace {

TEST(AuthThrottle, BlocksAfterLimitWithinWindowThenForgives) {
  AuthThrottle t(3, 60'000, 300'000);
  EXPECT_FALSE(t.failure("10.0.0.1", 0));
  EXPECT_FALSE(t.failure("10.0.0.1", 1000));
  EXPECT_FALSE(t.blocked("10.0.0.1", 1000));
  EXPECT_TRUE(t.failure("10.0.0.1", 2000));
  EXPECT_TRUE(t.blocked("10.0.0.1", 2000));
  EXPECT_FALSE(t.blocked("10.0.0.2", 2000)) << "another source is not affected";
  EXPECT_TRUE(t.blocked("10.0.0.1", 301'999));
  EXPECT_FALSE(t.blocked("10.0.0.1", 302'000));
  EXPECT_EQ(t.blocked_count(2000), 1u);
}

TEST(AuthThrottle, FailuresOutsideTheWindowDoNotAddUp) {
  AuthThrottle t(3, 10'000, 60'000);
  t.failure("a", 0);
  t.failure("a", 5'000);
  EXPECT_FALSE(t.failure("a", 20'000));
  EXPECT_FALSE(t.blocked("a", 20'000));
}

TEST(AuthThrottle, SuccessClearsAndSweepBoundsMemory) {
  AuthThrottle t(3, 1'000, 1'000, 100);
  t.failure("a", 0);
  t.success("a");
  EXPECT_EQ(t.tracked(), 0u);
  for (int i = 0; i < 1000; ++i) t.failure("s" + std::to_string(i), 0);
  EXPECT_LE(t.tracked(), 100u);
  t.sweep(10'000);
  EXPECT_EQ(t.tracked(), 0u);
}

}  // namespace
}  // namespace plateau::sip
