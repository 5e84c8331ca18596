#include "store/ha1.h"

#include <gtest/gtest.h>

namespace plateau::store {
namespace {

// Expected values computed with: printf '1001:plateau:demo1001' | md5sum
TEST(Ha1, KnownVector) {
  auto h = compute_ha1("1001", "plateau", "demo1001");
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(*h, "c29a00d14a8d925111aab761b19004d6");
}

// RFC 2617 section 3.5 example: Mufasa / testrealm@host.com / Circle Of Life.
TEST(Ha1, Rfc2617Example) {
  auto h = compute_ha1("Mufasa", "testrealm@host.com", "Circle Of Life");
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(*h, "939e7578ed9e3c518a452acee763bce9");
}

TEST(Ha1, DependsOnEveryPart) {
  auto a = compute_ha1("1001", "plateau", "demo1001");
  auto b = compute_ha1("1001", "plateau2", "demo1001");
  auto c = compute_ha1("1002", "plateau", "demo1001");
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  EXPECT_NE(*a, *b);
  EXPECT_NE(*a, *c);
}

}  // namespace
}  // namespace plateau::store
