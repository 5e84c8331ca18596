#include "webhook/request.h"

#include <gtest/gtest.h>

namespace plateau::webhook {
namespace {

namespace bhttp = boost::beast::http;

Url url_of(std::string_view s) { return parse_url(s).value(); }

TEST(WebhookRequest, PostWithJsonBodyAndTenantHeaders) {
  HttpRequestSpec spec;
  spec.url = "https://crm.example.com:8443/check?c=1";
  spec.headers = {{"Authorization", "Bearer abc"}, {"X-Tenant", "demo"}};
  spec.body = R"({"contract":"42"})";
  auto r = build_request(spec, url_of(spec.url));
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->method(), bhttp::verb::post);
  EXPECT_EQ(r->target(), "/check?c=1");
  EXPECT_EQ((*r)[bhttp::field::host], "crm.example.com:8443");
  EXPECT_EQ((*r)[bhttp::field::authorization], "Bearer abc");
  EXPECT_EQ((*r)["X-Tenant"], "demo");
  EXPECT_EQ((*r)[bhttp::field::content_type], "application/json");
  EXPECT_EQ((*r)[bhttp::field::accept], "application/json");
  EXPECT_EQ((*r)[bhttp::field::connection], "close");
  EXPECT_EQ((*r)[bhttp::field::content_length], "17");
  EXPECT_EQ((*r)[bhttp::field::user_agent].substr(0, 8), "plateau/");
  EXPECT_EQ(r->body(), spec.body);
}

TEST(WebhookRequest, GetWithoutBodyAndOwnContentType) {
  HttpRequestSpec spec;
  spec.method = Method::get;
  spec.url = "http://h/x";
  spec.headers = {{"accept", "text/plain"}};
  auto r = build_request(spec, url_of(spec.url));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->method(), bhttp::verb::get);
  EXPECT_EQ((*r)[bhttp::field::accept], "text/plain");
  EXPECT_EQ(r->count(bhttp::field::accept), 1u);
  EXPECT_EQ(r->count(bhttp::field::content_type), 0u);
  EXPECT_EQ(r->count(bhttp::field::content_length), 0u);
}

TEST(WebhookRequest, RefusesBadHeadersAndLimits) {
  auto refused = [](HttpRequestSpec spec) {
    spec.url = "http://h/";
    auto r = build_request(spec, url_of(spec.url));
    EXPECT_FALSE(r);
    return r ? std::string() : r.error().code;
  };
  HttpRequestSpec s;
  s.headers = {{"X-A", "v\r\nX-Injected: 1"}};
  EXPECT_EQ(refused(s), "webhook.bad_request");
  s.headers = {{"Bad Name", "v"}};
  EXPECT_EQ(refused(s), "webhook.bad_request");
  s.headers = {{"", "v"}};
  EXPECT_EQ(refused(s), "webhook.bad_request");
  s.headers = {{"content-length", "3"}};
  EXPECT_EQ(refused(s), "webhook.bad_request");
  s.headers = {{"Host", "other"}};
  EXPECT_EQ(refused(s), "webhook.bad_request");
  s.headers = {};
  s.timeout = std::chrono::milliseconds(0);
  EXPECT_EQ(refused(s), "webhook.bad_request");
  s.timeout = std::chrono::milliseconds(100);
  s.max_response_bytes = 0;
  EXPECT_EQ(refused(s), "webhook.bad_request");
}

TEST(WebhookRequest, ResultLabels) {
  EXPECT_EQ(result_label(HttpReply{.status = 204}), "2xx");
  EXPECT_EQ(result_label(HttpReply{.status = 302}), "3xx");
  EXPECT_EQ(result_label(HttpReply{.status = 404}), "4xx");
  EXPECT_EQ(result_label(HttpReply{.status = 503}), "5xx");
  EXPECT_EQ(result_label(HttpReply{.status = 101}), "other_status");
  EXPECT_EQ(result_label(make_error("webhook.timeout", "t")), "timeout");
  EXPECT_EQ(result_label(make_error("webhook.too_large", "t")), "too_large");
}

}  // namespace
}  // namespace plateau::webhook
