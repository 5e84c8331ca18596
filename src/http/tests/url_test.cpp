#include "http/url.h"

#include <gtest/gtest.h>

namespace plateau::http {
namespace {

TEST(Url, PercentDecode) {
  EXPECT_EQ(percent_decode("a%20b", false), "a b");
  EXPECT_EQ(percent_decode("a+b", false), "a+b");
  EXPECT_EQ(percent_decode("a+b", true), "a b");
  EXPECT_EQ(percent_decode("%C3%A9t%c3%a9", false), "\xC3\xA9t\xC3\xA9");
  EXPECT_EQ(percent_decode("a%2Fb", false), "a/b");
  EXPECT_EQ(percent_decode("", false), "");
  EXPECT_FALSE(percent_decode("%", false));
  EXPECT_FALSE(percent_decode("ab%4", false));
  EXPECT_FALSE(percent_decode("%zz", false));
}

TEST(Url, ParseQuery) {
  auto q = parse_query("a=1&b=x%20y+z&flag&&c=&a=2");
  ASSERT_TRUE(q);
  EXPECT_EQ(q->at("a"), "2");
  EXPECT_EQ(q->at("b"), "x y z");
  EXPECT_EQ(q->at("flag"), "");
  EXPECT_EQ(q->at("c"), "");
  EXPECT_EQ(q->size(), 4u);
  EXPECT_FALSE(parse_query("a=%G0"));
  EXPECT_TRUE(parse_query("")->empty());
}

}  // namespace
}  // namespace plateau::http
