#include "sip/dial_target.h"

#include <gtest/gtest.h>

namespace plateau::sip {
namespace {

TEST(DialTarget, NumberAtGatewayFromCallerIdAtUs) {
  auto t = dial_target("0612345678", "192.0.2.10", "0522000000", "10.0.0.5");
  ASSERT_TRUE(t) << t.error().message;
  EXPECT_EQ(t->request_uri, "sip:0612345678@192.0.2.10");
  EXPECT_EQ(t->from_uri, "sip:0522000000@10.0.0.5");
}

TEST(DialTarget, PortTransportAndIpv6) {
  EXPECT_EQ(dial_target("+33612345678", "192.0.2.10:5070", "", "10.0.0.5")->request_uri,
            "sip:+33612345678@192.0.2.10:5070");
  EXPECT_EQ(dial_target("1", "192.0.2.10:5070;transport=TCP", "", "10.0.0.5")->request_uri,
            "sip:1@192.0.2.10:5070;transport=tcp");
  EXPECT_EQ(dial_target("1", "192.0.2.10;transport=udp", "", "10.0.0.5")->request_uri, "sip:1@192.0.2.10");
  EXPECT_EQ(dial_target("1", "[2001:db8::1]:5062", "", "10.0.0.5")->request_uri, "sip:1@[2001:db8::1]:5062");
  EXPECT_EQ(dial_target("1", "[2001:db8::1]", "42", "2001:db8::5")->from_uri, "sip:42@[2001:db8::5]");
}

TEST(DialTarget, EmptyCallerIdIsAnonymousAndHashIsEscaped) {
  auto t = dial_target("*31#123", "192.0.2.10", "", "10.0.0.5");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->request_uri, "sip:*31%23123@192.0.2.10");
  EXPECT_EQ(t->from_uri, "sip:anonymous@10.0.0.5");
}

TEST(DialTarget, BadNumbersAreRefused) {
  for (const char* n : {"", "+", "06 12", "06-12", "1+2", "abc", "1@evil", "1;x=y"}) {
    auto t = dial_target(n, "192.0.2.10", "", "10.0.0.5");
    ASSERT_FALSE(t) << n;
    EXPECT_EQ(t.error().code, "sip.dial_number") << n;
  }
}

TEST(DialTarget, BadGatewaysAreRefusedWithTheReason) {
  for (const char* g :
       {"", "gw.example.com", "gw.example.com:5060", "192.0.2.10:", "192.0.2.10:0", "192.0.2.10:70000",
        "192.0.2.10:50x", "[2001:db8::1", "[192.0.2.10]", "[2001:db8::1]x", "192.0.2.10;transport=tls",
        "192.0.2.10;lr", ";transport=tcp", "2001:db8::1"}) {
    auto t = dial_target("1", g, "", "10.0.0.5");
    ASSERT_FALSE(t) << g;
    EXPECT_EQ(t.error().code, "sip.dial_gateway") << g;
    EXPECT_NE(t.error().message.find(g), std::string::npos) << t.error().message;
  }
}

TEST(DialTarget, BadCallerIdIsRefused) {
  for (const char* c : {"a b", "x@y", "<1>", "1;tag=2"}) {
    auto t = dial_target("1", "192.0.2.10", c, "10.0.0.5");
    ASSERT_FALSE(t) << c;
    EXPECT_EQ(t.error().code, "sip.dial_caller_id") << c;
  }
}

}  // namespace
}  // namespace plateau::sip
