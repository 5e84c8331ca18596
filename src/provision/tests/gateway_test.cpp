#include <gtest/gtest.h>

#include "provision/gateway.h"

namespace plateau::provision {
namespace {

TEST(Gateway, NamesAndIpv4WithOrWithoutPort) {
  EXPECT_EQ(parse_gateway("sbc.example.com"), (Gateway{"sbc.example.com", 0}));
  EXPECT_EQ(parse_gateway("sbc-1.example.com:5080"), (Gateway{"sbc-1.example.com", 5080}));
  EXPECT_EQ(parse_gateway("localhost"), (Gateway{"localhost", 0}));
  EXPECT_EQ(parse_gateway("127.0.0.1:5080"), (Gateway{"127.0.0.1", 5080}));
  EXPECT_EQ(parse_gateway("192.0.2.10"), (Gateway{"192.0.2.10", 0}));
  EXPECT_EQ(parse_gateway("h:65535"), (Gateway{"h", 65535}));
}

TEST(Gateway, Ipv6BareOrInBrackets) {
  EXPECT_EQ(parse_gateway("2001:db8::1"), (Gateway{"2001:db8::1", 0}));
  EXPECT_EQ(parse_gateway("::1"), (Gateway{"::1", 0}));
  EXPECT_EQ(parse_gateway("[2001:db8::1]"), (Gateway{"2001:db8::1", 0}));
  EXPECT_EQ(parse_gateway("[::1]:5060"), (Gateway{"::1", 5060}));
}

TEST(Gateway, Malformed) {
  for (const char* bad : {"",
                          ":5060",
                          "host:",
                          "host:0",
                          "host:65536",
                          "host:50a",
                          "host:-1",
                          "999.1.1.1",
                          "10.0.0",
                          "bad_name.example",
                          "-sbc.example.com",
                          "sbc..example.com",
                          "sbc.example.",
                          "[::1",
                          "[::1]5060",
                          "[192.0.2.1]:5060",
                          "[::1]:",
                          "2001:db8::1:5060:x",
                          "sip:sbc",
                          "sbc example",
                          "a/b"}) {
    EXPECT_EQ(parse_gateway(bad), std::nullopt) << bad;
  }
}

}  // namespace
}  // namespace plateau::provision
