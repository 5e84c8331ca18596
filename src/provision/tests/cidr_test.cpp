#include <gtest/gtest.h>

#include "provision/cidr.h"

namespace plateau::provision {
namespace {

TEST(Cidr, Ipv4Blocks) {
  const std::vector<std::string> blocks = {"10.1.2.0/24", "192.0.2.7"};
  EXPECT_TRUE(address_in_cidrs("10.1.2.0", blocks));
  EXPECT_TRUE(address_in_cidrs("10.1.2.255", blocks));
  EXPECT_FALSE(address_in_cidrs("10.1.3.0", blocks));
  EXPECT_TRUE(address_in_cidrs("192.0.2.7", blocks));
  EXPECT_FALSE(address_in_cidrs("192.0.2.8", blocks));
}

TEST(Cidr, PrefixesNotOnByteBoundaries) {
  EXPECT_TRUE(address_in_cidrs("172.16.0.1", {"172.16.0.0/12"}));
  EXPECT_TRUE(address_in_cidrs("172.31.255.255", {"172.16.0.0/12"}));
  EXPECT_FALSE(address_in_cidrs("172.32.0.0", {"172.16.0.0/12"}));
  EXPECT_FALSE(address_in_cidrs("172.15.255.255", {"172.16.0.0/12"}));
  EXPECT_TRUE(address_in_cidrs("10.0.0.5", {"10.0.0.4/30"}));
  EXPECT_FALSE(address_in_cidrs("10.0.0.8", {"10.0.0.4/30"}));
  EXPECT_TRUE(address_in_cidrs("10.1.2.200", {"10.1.2.3/24"}));  // host bits ignored
  EXPECT_TRUE(address_in_cidrs("203.0.113.9", {"0.0.0.0/0"}));
}

TEST(Cidr, Ipv6Blocks) {
  const std::vector<std::string> blocks = {"2001:db8:abcd::/48", "::1"};
  EXPECT_TRUE(address_in_cidrs("2001:db8:abcd:12::1", blocks));
  EXPECT_FALSE(address_in_cidrs("2001:db8:abce::1", blocks));
  EXPECT_TRUE(address_in_cidrs("::1", blocks));
  EXPECT_FALSE(address_in_cidrs("::2", blocks));
  EXPECT_TRUE(address_in_cidrs("fe80::1:2", {"fe80::/10"}));
  EXPECT_FALSE(address_in_cidrs("fec0::1", {"fe80::/10"}));
  EXPECT_TRUE(address_in_cidrs("2001:db8::1", {"::/0"}));
}

TEST(Cidr, FamiliesDoNotMix) {
  EXPECT_FALSE(address_in_cidrs("::1", {"127.0.0.0/8"}));
  EXPECT_FALSE(address_in_cidrs("127.0.0.1", {"::/0"}));
  // A dual-stack socket reports IPv4 peers in mapped form.
  EXPECT_TRUE(address_in_cidrs("::ffff:127.0.0.1", {"127.0.0.0/8"}));
  EXPECT_FALSE(address_in_cidrs("::ffff:10.0.0.1", {"127.0.0.0/8"}));
}

TEST(Cidr, BadInputNeverMatches) {
  EXPECT_FALSE(address_in_cidrs("", {"0.0.0.0/0"}));
  EXPECT_FALSE(address_in_cidrs("not-an-ip", {"0.0.0.0/0"}));
  EXPECT_FALSE(address_in_cidrs("10.0.0.1", {"10.0.0.0/33", "10.0.0.0/", "10.0.0.0/x", "10.0.0/8"}));
  EXPECT_FALSE(address_in_cidrs("10.0.0.1", {}));
}

TEST(Cidr, Parse) {
  EXPECT_TRUE(parse_cidr("0.0.0.0/0").has_value());
  EXPECT_TRUE(parse_cidr("::/128").has_value());
  EXPECT_FALSE(parse_cidr("::/129").has_value());
  EXPECT_FALSE(parse_cidr("1.2.3.4/-1").has_value());
  EXPECT_FALSE(parse_cidr("1.2.3.4/ 8").has_value());
  EXPECT_FALSE(parse_cidr("[::1]").has_value());
  auto c = parse_cidr("10.20.0.0/16");
  ASSERT_TRUE(c.has_value());
  EXPECT_FALSE(c->v6);
  EXPECT_EQ(c->prefix, 16);
  EXPECT_EQ(c->addr[0], 10);
  EXPECT_EQ(c->addr[1], 20);
}

}  // namespace
}  // namespace plateau::provision
