#include "webhook/url.h"

#include <gtest/gtest.h>

namespace plateau::webhook {
namespace {

Url ok(std::string_view s) {
  auto u = parse_url(s);
  EXPECT_TRUE(u) << s << ": " << (u ? "" : u.error().message);
  return u ? *u : Url{};
}

// The error message of a refused URL (empty when accepted).
std::string refused(std::string_view s) {
  auto u = parse_url(s);
  if (u) return "";
  EXPECT_EQ(u.error().code, "webhook.bad_url");
  return u.error().message;
}

TEST(WebhookUrl, HttpsHostNameDefaultPort) {
  Url u = ok("https://API.Example.com/v1/contracts?id=42&x=%2F");
  EXPECT_EQ(u.scheme, Scheme::https);
  EXPECT_EQ(u.host, "api.example.com");
  EXPECT_FALSE(u.host_is_ip);
  EXPECT_EQ(u.port, 443);
  EXPECT_EQ(u.target, "/v1/contracts?id=42&x=%2F");
  EXPECT_EQ(host_header(u), "api.example.com");
}

TEST(WebhookUrl, HttpPortsPathsAndFragments) {
  Url u = ok("HTTP://127.0.0.1:8080");
  EXPECT_EQ(u.scheme, Scheme::http);
  EXPECT_EQ(u.host, "127.0.0.1");
  EXPECT_TRUE(u.host_is_ip);
  EXPECT_EQ(u.port, 8080);
  EXPECT_EQ(u.target, "/");
  EXPECT_EQ(host_header(u), "127.0.0.1:8080");

  EXPECT_EQ(ok("http://h?q=1").target, "/?q=1");
  EXPECT_EQ(ok("http://h/a/b#frag").target, "/a/b");
  EXPECT_EQ(ok("http://h#frag").target, "/");
  EXPECT_EQ(ok("http://h:80/").port, 80);
  EXPECT_EQ(host_header(ok("http://h:80/")), "h");
  EXPECT_EQ(host_header(ok("https://h:80/")), "h:80");
  EXPECT_EQ(ok("http://crm_1.local:65535/").port, 65535);
}

TEST(WebhookUrl, Ipv6Literal) {
  Url u = ok("https://[::1]:8443/hook");
  EXPECT_EQ(u.host, "::1");
  EXPECT_TRUE(u.host_is_ip);
  EXPECT_EQ(u.port, 8443);
  EXPECT_EQ(host_header(u), "[::1]:8443");
  EXPECT_EQ(host_header(ok("http://[2001:DB8::1]")), "[2001:db8::1]");
}

TEST(WebhookUrl, RefusedWithClearReasons) {
  EXPECT_NE(refused(""), "");
  EXPECT_NE(refused("example.com/x").find("http:// or https://"), std::string::npos);
  EXPECT_NE(refused("ftp://example.com/").find("\"ftp\" is not http or https"), std::string::npos);
  EXPECT_NE(refused("https://user:pw@example.com/").find("credentials"), std::string::npos);
  EXPECT_NE(refused("http:///path").find("host is empty"), std::string::npos);
  EXPECT_NE(refused("http://:80/").find("host is empty"), std::string::npos);
  EXPECT_NE(refused("http://exa$mple.com/").find("character"), std::string::npos);
  EXPECT_NE(refused("http://a..b/").find("empty label"), std::string::npos);
  EXPECT_NE(refused("http://a.b./").find("empty label"), std::string::npos);
  EXPECT_NE(refused("http://" + std::string(64, 'a') + ".com/").find("63"), std::string::npos);
  EXPECT_NE(refused("http://1.2.3/").find("IPv4"), std::string::npos);
  EXPECT_NE(refused("http://256.1.1.1/").find("IPv4"), std::string::npos);
  EXPECT_NE(refused("http://[::1/").find("']'"), std::string::npos);
  EXPECT_NE(refused("http://[::g]/").find("IPv6"), std::string::npos);
  EXPECT_NE(refused("http://[::1]x/").find("after the IPv6"), std::string::npos);
  EXPECT_NE(refused("http://h:/").find("port"), std::string::npos);
  EXPECT_NE(refused("http://h:0/").find("1 to 65535"), std::string::npos);
  EXPECT_NE(refused("http://h:65536/").find("1 to 65535"), std::string::npos);
  EXPECT_NE(refused("http://h:8o/").find("1 to 65535"), std::string::npos);
  EXPECT_NE(refused("http://h:1:2/").find("1 to 65535"), std::string::npos);
  EXPECT_NE(refused("http://h/a b").find("percent-encoded"), std::string::npos);
  EXPECT_NE(refused("http://h/a\r\nX-Injected: 1").find("percent-encoded"), std::string::npos);
  EXPECT_NE(refused("http://h/caf\xC3\xA9").find("percent-encoded"), std::string::npos);
  EXPECT_NE(refused("http://h/a%2").find("'%'"), std::string::npos);
  EXPECT_NE(refused("http://h/?k=%zz").find("'%'"), std::string::npos);
  EXPECT_NE(refused("http://h/" + std::string(9000, 'a')).find("8 KiB"), std::string::npos);
}

TEST(WebhookUrl, MessagesNeverRepeatTheQuery) {
  std::string m = refused("http://h:99999/?api_key=s3cret");
  EXPECT_NE(m, "");
  EXPECT_EQ(m.find("s3cret"), std::string::npos) << m;
}

}  // namespace
}  // namespace plateau::webhook
