#include "auth/throttle.h"

#include <gtest/gtest.h>

#include "common/clock.h"

namespace plateau::auth {
namespace {

TEST(LoginThrottle, FreeFailuresThenDoublingDelay) {
  ManualClock clock;
  LoginThrottle t;  // 3 free, 1 s doubling, 15 min max
  const std::string k = "login:salma";
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(t.wait_ms(k, clock.now_ms()), 0);
    t.failure(k, clock.now_ms());
  }
  EXPECT_EQ(t.wait_ms(k, clock.now_ms()), 0);
  t.failure(k, clock.now_ms());  // 4th: 1 s
  EXPECT_EQ(t.wait_ms(k, clock.now_ms()), 1000);
  clock.advance_ms(400);
  EXPECT_EQ(t.wait_ms(k, clock.now_ms()), 600);
  clock.advance_ms(600);
  EXPECT_EQ(t.wait_ms(k, clock.now_ms()), 0);
  t.failure(k, clock.now_ms());  // 5th: 2 s
  EXPECT_EQ(t.wait_ms(k, clock.now_ms()), 2000);
  clock.advance_ms(2000);
  t.failure(k, clock.now_ms());  // 6th: 4 s
  EXPECT_EQ(t.wait_ms(k, clock.now_ms()), 4000);
  EXPECT_EQ(t.wait_ms("login:other", clock.now_ms()), 0);
}

TEST(LoginThrottle, DelayIsCapped) {
  ManualClock clock;
  LoginThrottle t({.free_failures = 0, .first_delay_ms = 1000, .max_delay_ms = 5000, .forget_ms = 60'000});
  for (int i = 0; i < 40; ++i) t.failure("k", clock.now_ms());
  EXPECT_EQ(t.wait_ms("k", clock.now_ms()), 5000);
}

TEST(LoginThrottle, SuccessClears) {
  ManualClock clock;
  LoginThrottle t({.free_failures = 1});
  t.failure("k", clock.now_ms());
  t.failure("k", clock.now_ms());
  EXPECT_GT(t.wait_ms("k", clock.now_ms()), 0);
  t.success("k");
  EXPECT_EQ(t.wait_ms("k", clock.now_ms()), 0);
  t.failure("k", clock.now_ms());
  EXPECT_EQ(t.wait_ms("k", clock.now_ms()), 0);  // free again
}

TEST(LoginThrottle, ForgottenAfterQuietPeriod) {
  ManualClock clock;
  LoginThrottle t({.free_failures = 1, .first_delay_ms = 1000, .max_delay_ms = 8000, .forget_ms = 60'000});
  for (int i = 0; i < 4; ++i) t.failure("k", clock.now_ms());
  EXPECT_EQ(t.wait_ms("k", clock.now_ms()), 4000);
  clock.advance_ms(59'999);
  t.sweep(clock.now_ms());
  EXPECT_EQ(t.tracked(), 1u);
  t.failure("k", clock.now_ms());  // still counted: 8 s
  EXPECT_EQ(t.wait_ms("k", clock.now_ms()), 8000);
  clock.advance_ms(60'000);
  t.sweep(clock.now_ms());
  EXPECT_EQ(t.tracked(), 0u);
  t.failure("k", clock.now_ms());  // a fresh start: one free failure
  EXPECT_EQ(t.wait_ms("k", clock.now_ms()), 0);
}

TEST(LoginThrottle, BoundedMemory) {
  ManualClock clock;
  LoginThrottle t({.max_keys = 10});
  for (int i = 0; i < 100; ++i) {
    t.failure("k" + std::to_string(i), clock.now_ms());
    clock.advance_ms(1);
  }
  EXPECT_EQ(t.tracked(), 10u);
}

}  // namespace
}  // namespace plateau::auth
