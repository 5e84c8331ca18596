#include <gtest/gtest.h>

#include <set>

#include "config/config.h"
#include "config/options.h"
#include "config/values.h"

namespace plateau::config {
namespace {

TEST(ConfigValues, EndpointForms) {
  auto v4 = parse_endpoint("192.0.2.1:5060");
  ASSERT_TRUE(v4.ok());
  EXPECT_EQ(*v4, (Endpoint{"192.0.2.1", 5060}));
  auto v6 = parse_endpoint("[2001:db8::1]:65535");
  ASSERT_TRUE(v6.ok());
  EXPECT_EQ(*v6, (Endpoint{"2001:db8::1", 65535}));
  auto name = parse_endpoint("sip.example.ma:5061");
  ASSERT_TRUE(name.ok());
  EXPECT_EQ(*name, (Endpoint{"sip.example.ma", 5061}));
}

TEST(ConfigValues, EndpointErrors) {
  auto reason = [](std::string_view s) {
    auto r = parse_endpoint(s);
    return r.ok() ? std::string("(ok)") : r.error().message;
  };
  EXPECT_EQ(reason("0.0.0.0:99999"), "\"0.0.0.0:99999\" is not a valid host:port (port must be 1-65535)");
  EXPECT_EQ(reason("0.0.0.0:0"), "\"0.0.0.0:0\" is not a valid host:port (port must be 1-65535)");
  EXPECT_EQ(reason("0.0.0.0:-1"), "\"0.0.0.0:-1\" is not a valid host:port (port must be 1-65535)");
  EXPECT_EQ(reason("0.0.0.0:"), "\"0.0.0.0:\" is not a valid host:port (port must be 1-65535)");
  EXPECT_EQ(reason("0.0.0.0"), "\"0.0.0.0\" is not a valid host:port (missing :port)");
  EXPECT_EQ(reason(":5060"), "\":5060\" is not a valid host:port (missing host)");
  EXPECT_EQ(reason("999.1.1.1:5060"),
            "\"999.1.1.1:5060\" is not a valid host:port (the host is not an IP address or host name)");
  EXPECT_EQ(reason("[::1:5060"),
            "\"[::1:5060\" is not a valid host:port (missing ']' after the IPv6 address)");
  EXPECT_EQ(reason("[::1]5060"), "\"[::1]5060\" is not a valid host:port (missing :port)");
  EXPECT_EQ(reason("[1.2.3.4]:5060"),
            "\"[1.2.3.4]:5060\" is not a valid host:port (not an IPv6 address between the brackets)");
}

TEST(ConfigValues, Hosts) {
  EXPECT_TRUE(valid_host("10.1.2.3"));
  EXPECT_TRUE(valid_host("fe80::1"));
  EXPECT_TRUE(valid_host("pbx-1.example.com"));
  EXPECT_FALSE(valid_host(""));
  EXPECT_FALSE(valid_host("-bad.example"));
  EXPECT_FALSE(valid_host("a..b"));
  EXPECT_FALSE(valid_host("under_score.example"));
  EXPECT_FALSE(valid_host("10.1.2.300"));
}

TEST(ConfigValues, QuoteEscapes) {
  EXPECT_EQ(quote("plain"), "\"plain\"");
  EXPECT_EQ(quote("a\"b\\c\nd\x01"), "\"a\\\"b\\\\c\\nd\\u0001\"");
}

TEST(ConfigValues, TextBooleansAndInts) {
  Config cfg;
  const Option* tcp = find_option("sip.tcp");
  ASSERT_NE(tcp, nullptr);
  for (const char* yes : {"true", "YES", "on", "1"}) {
    cfg.sip_tcp = false;
    ASSERT_TRUE(assign(*tcp, Text{yes}, cfg).ok()) << yes;
    EXPECT_TRUE(cfg.sip_tcp) << yes;
  }
  for (const char* no : {"false", "No", "off", "0"}) {
    cfg.sip_tcp = true;
    ASSERT_TRUE(assign(*tcp, Text{no}, cfg).ok()) << no;
    EXPECT_FALSE(cfg.sip_tcp) << no;
  }
  const Option* limit = find_option("sip.auth_fail_limit");
  ASSERT_NE(limit, nullptr);
  EXPECT_TRUE(assign(*limit, Text{"+25"}, cfg).ok());
  EXPECT_EQ(cfg.sip_auth_fail_limit, 25);
  EXPECT_FALSE(assign(*limit, Text{"25 "}, cfg).ok());
  EXPECT_FALSE(assign(*limit, Text{"99999999999999999999"}, cfg).ok());
  EXPECT_EQ(cfg.sip_auth_fail_limit, 25);  // unchanged by the failures
}

// The table's naming rules, which docs and operators rely on.
TEST(ConfigOptions, TableIsConsistent) {
  std::set<std::string_view> keys, flags;
  std::set<std::string> envs;
  for (const Option& opt : options()) {
    std::string expected = "--";
    for (char c : opt.key) expected += (c == '.' || c == '_') ? '-' : c;
    EXPECT_EQ(opt.flag, expected) << opt.key;
    EXPECT_TRUE(keys.insert(opt.key).second) << opt.key;
    EXPECT_TRUE(flags.insert(opt.flag).second) << opt.flag;
    EXPECT_TRUE(envs.insert(env_name(opt.key)).second) << opt.key;
    EXPECT_FALSE(opt.description.empty()) << opt.key;
    if (opt.type == Type::Int) {
      EXPECT_LT(opt.min, opt.max) << opt.key;
    }
    EXPECT_EQ(find_option(opt.key), &opt);
  }
  EXPECT_EQ(env_name("sip.listen"), "PLATEAU_SIP_LISTEN");
  EXPECT_EQ(env_name("sip.register_min_expires"), "PLATEAU_SIP_REGISTER_MIN_EXPIRES");
  EXPECT_EQ(find_option("sip.nope"), nullptr);
}

}  // namespace
}  // namespace plateau::config
