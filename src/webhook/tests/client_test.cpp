// The client over real sockets on 127.0.0.1: the project's HTTP server for
// well-behaved webhooks, RawServer for the misbehaving ones.
#include "webhook/client.h"

#include <chrono>
#include <memory>

#include <gtest/gtest.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <nlohmann/json.hpp>

#include "http/server.h"
#include "metrics/registry.h"
#include "webhook/tests/call.h"
#include "webhook/tests/raw_server.h"

namespace plateau::webhook {
namespace {

using testing::call;
using testing::RawServer;
using json = nlohmann::json;
using std::chrono::milliseconds;
namespace asio = boost::asio;

constexpr const char* kToken = "tenant-s3cret";

class WebhookClientTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto c = Client::create(io_, {.registry = &registry_});
    ASSERT_TRUE(c) << c.error().message;
    client_ = std::move(c.value());
  }

  // The project's server: POST /api/v1/hook echoes what it got; /api/v1/fail answers 500.
  uint16_t start_project_server() {
    http::Router r;
    r.post("/api/v1/hook", [](const http::Request& req, http::Responder res) {
      json j = {{"method", req.method},
                {"query", req.query},
                {"body", json::parse(req.body)},
                {"content_type", std::string(req.header("content-type").value_or(""))},
                {"tenant", std::string(req.header("x-tenant").value_or(""))}};
      res.send(http::json_response(200, j.dump()));
    });
    r.get("/echo", [](const http::Request& req, http::Responder res) {
      res.send(http::text_response(200, req.query_or("say"), "text/plain"));
    });
    r.post("/api/v1/fail", [](const http::Request&, http::Responder res) {
      res.send(http::error_response(500, "crm.down", "the CRM is down"));
    });
    auto s = http::start(io_, "127.0.0.1", 0, std::move(r), http::token_authenticator(kToken));
    EXPECT_TRUE(s) << s.error().message;
    server_ = std::move(s.value());
    return server_->port();
  }

  HttpRequestSpec spec(const std::string& url) {
    HttpRequestSpec s;
    s.url = url;
    s.timeout = milliseconds(5000);
    return s;
  }

  uint64_t count(std::string_view result) {
    return registry_.counter(metrics::Metric::webhook_requests_total, {result}).value();
  }

  asio::io_context io_;
  metrics::Registry registry_;
  std::unique_ptr<Client> client_;
  std::unique_ptr<http::Server> server_;
};

TEST_F(WebhookClientTest, PostsJsonWithTenantHeaders) {
  uint16_t port = start_project_server();
  auto s = spec("http://127.0.0.1:" + std::to_string(port) + "/api/v1/hook?contract=42");
  s.headers = {{"Authorization", std::string("Bearer ") + kToken}, {"X-Tenant", "demo"}};
  s.body = R"({"contract":"42","caller":"0522000000"})";
  auto r = call(io_, *client_, s);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->content_type, "application/json");
  EXPECT_GE(r->elapsed_ms, 0);
  auto j = json::parse(r->body);
  EXPECT_EQ(j["method"], "POST");
  EXPECT_EQ(j["query"]["contract"], "42");
  EXPECT_EQ(j["body"]["caller"], "0522000000");
  EXPECT_EQ(j["content_type"], "application/json");
  EXPECT_EQ(j["tenant"], "demo");
  EXPECT_EQ(count("2xx"), 1u);
}

TEST_F(WebhookClientTest, ErrorStatusesArePassedThrough) {
  uint16_t port = start_project_server();
  auto s = spec("http://127.0.0.1:" + std::to_string(port) + "/api/v1/fail");
  s.headers = {{"Authorization", std::string("Bearer ") + kToken}};
  s.body = "{}";
  auto r = call(io_, *client_, s);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->status, 500);
  EXPECT_EQ(json::parse(r->body)["error"]["code"], "crm.down");

  s.headers.clear();  // no token: the server answers 401, still a reply
  r = call(io_, *client_, s);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->status, 401);
  EXPECT_EQ(count("5xx"), 1u);
  EXPECT_EQ(count("4xx"), 1u);
}

TEST_F(WebhookClientTest, ResolvesHostNamesAndSendsGet) {
  uint16_t port = start_project_server();
  auto s = spec("http://localhost:" + std::to_string(port) + "/echo?say=hello%20there");
  s.method = Method::get;
  auto r = call(io_, *client_, s);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "hello there");
  EXPECT_EQ(r->content_type, "text/plain");
}

TEST_F(WebhookClientTest, ManyAtOnceEachDoneOnce) {
  uint16_t port = start_project_server();
  auto s = spec("http://127.0.0.1:" + std::to_string(port) + "/api/v1/hook");
  s.headers = {{"Authorization", std::string("Bearer ") + kToken}};
  constexpr int kN = 100;
  std::vector<int> calls(kN, 0);
  int ok = 0;
  for (int i = 0; i < kN; ++i) {
    s.body = R"({"n":)" + std::to_string(i) + "}";
    client_->send(s, [&, i](Result<HttpReply> r) {
      ++calls[i];
      if (r && r->status == 200 && json::parse(r->body)["body"]["n"] == i) ++ok;
    });
  }
  auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (ok < kN && std::chrono::steady_clock::now() < give_up) io_.run_for(milliseconds(10));
  io_.run_for(milliseconds(100));
  EXPECT_EQ(ok, kN);
  for (int i = 0; i < kN; ++i) EXPECT_EQ(calls[i], 1) << i;
}

TEST_F(WebhookClientTest, ServerThatNeverAnswersTimesOut) {
  RawServer silent(io_, RawServer::Mode::silent);
  auto s = spec("http://127.0.0.1:" + std::to_string(silent.port()) + "/hook");
  s.timeout = milliseconds(300);
  auto t0 = std::chrono::steady_clock::now();
  auto r = call(io_, *client_, s);
  auto waited = std::chrono::steady_clock::now() - t0;
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "webhook.timeout");
  EXPECT_NE(r.error().message.find("within 300 ms (while waiting for the reply)"), std::string::npos)
      << r.error().message;
  EXPECT_EQ(silent.seen().requests.size(), 1u);
  EXPECT_GE(waited, milliseconds(300));  // the deadline never fires early
  EXPECT_EQ(count("timeout"), 1u);
  EXPECT_EQ(registry_.histogram(metrics::Metric::webhook_seconds).snapshot().count, 1u);
}

TEST_F(WebhookClientTest, ConnectionRefused) {
  uint16_t port;
  {
    asio::ip::tcp::acceptor a(io_, {asio::ip::make_address("127.0.0.1"), 0});
    port = a.local_endpoint().port();
  }  // closed: nothing listens there now
  auto r = call(io_, *client_, spec("http://127.0.0.1:" + std::to_string(port) + "/"));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "webhook.connect");
  EXPECT_NE(r.error().message.find("127.0.0.1:" + std::to_string(port)), std::string::npos)
      << r.error().message;
}

// ".invalid" never resolves (RFC 6761). A machine whose DNS server does not
// answer at all turns this into a timeout, which is the right error there.
TEST_F(WebhookClientTest, UnknownHostIsAConnectError) {
  auto s = spec("http://no-such-host.invalid/");
  s.timeout = milliseconds(1500);
  auto r = call(io_, *client_, s);
  ASSERT_FALSE(r);
  if (r.error().code == "webhook.timeout")
    GTEST_SKIP() << "the DNS server does not answer: " << r.error().message;
  EXPECT_EQ(r.error().code, "webhook.connect");
  EXPECT_NE(r.error().message.find("cannot resolve no-such-host.invalid"), std::string::npos)
      << r.error().message;
}

TEST_F(WebhookClientTest, ResponsesOverTheLimit) {
  auto url = [](const RawServer& s) { return "http://127.0.0.1:" + std::to_string(s.port()) + "/"; };
  const std::string big(70'000, 'x');
  RawServer declared(io_, RawServer::Mode::answer, "HTTP/1.1 200 OK\r\nContent-Length: 70000\r\n\r\n" + big);
  RawServer chunked(io_, RawServer::Mode::answer,
                    "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n11170\r\n" + big + "\r\n0\r\n\r\n");
  RawServer until_close(io_, RawServer::Mode::answer, "HTTP/1.1 200 OK\r\n\r\n" + big);
  RawServer header(io_, RawServer::Mode::answer,
                   "HTTP/1.1 200 OK\r\nX-Big: " + std::string(20'000, 'h') + "\r\nContent-Length: 0\r\n\r\n");
  for (const RawServer* s : {&declared, &chunked, &until_close, &header}) {
    auto r = call(io_, *client_, spec(url(*s)));
    ASSERT_FALSE(r) << (s == &declared  ? "declared "
                        : s == &chunked ? "chunked "
                                        : "until_close ")
                    << " status " << r->status << " body " << r->body.size();
    EXPECT_EQ(r.error().code, "webhook.too_large") << r.error().message;
  }

  RawServer exact(io_, RawServer::Mode::answer,
                  "HTTP/1.1 200 OK\r\nContent-Length: 65536\r\n\r\n" + std::string(65536, 'y'));
  auto r = call(io_, *client_, spec(url(exact)));
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->body.size(), 65536u);
  EXPECT_EQ(count("too_large"), 4u);
}

TEST_F(WebhookClientTest, MalformedOrCutRepliesAreHttpErrors) {
  const std::pair<RawServer::Mode, std::string> cases[] = {
      {RawServer::Mode::answer, "NOT HTTP AT ALL\r\n\r\n"},
      {RawServer::Mode::answer, "HTTP/1.1 2x0 OK\r\nContent-Length: 0\r\n\r\n"},
      {RawServer::Mode::answer, "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc"},
      {RawServer::Mode::answer, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"},
      {RawServer::Mode::close, ""},
  };
  for (const auto& [mode, reply] : cases) {
    RawServer s(io_, mode, reply);
    auto r = call(io_, *client_, spec("http://127.0.0.1:" + std::to_string(s.port()) + "/"));
    ASSERT_FALSE(r) << reply;
    EXPECT_EQ(r.error().code, "webhook.http") << reply << ": " << r.error().message;
  }
  EXPECT_EQ(count("http"), 5u);
}

TEST_F(WebhookClientTest, BodyUntilCloseAndInterimResponses) {
  RawServer until_close(io_, RawServer::Mode::answer,
                        "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nhello");
  auto r = call(io_, *client_, spec("http://127.0.0.1:" + std::to_string(until_close.port()) + "/"));
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->body, "hello");
  EXPECT_EQ(r->content_type, "text/plain");

  RawServer interim(io_, RawServer::Mode::answer,
                    "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\n{}");
  r = call(io_, *client_, spec("http://127.0.0.1:" + std::to_string(interim.port()) + "/"));
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->status, 201);
  EXPECT_EQ(r->body, "{}");
}

TEST_F(WebhookClientTest, BadUrlAndBadRequestAreReportedThroughDone) {
  auto r = call(io_, *client_, spec("ftp://127.0.0.1/"));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "webhook.bad_url");
  auto s = spec("http://127.0.0.1:1/");
  s.headers = {{"X-Key", "a\r\nInjected: yes"}};
  r = call(io_, *client_, s);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "webhook.bad_request");
  EXPECT_EQ(count("bad_url"), 1u);
  EXPECT_EQ(count("bad_request"), 1u);
}

// The app stops its io_context at shutdown, then destroys it: an exchange in
// flight never calls done, and everything it held is freed.
TEST(WebhookShutdown, DoneIsDestroyedNotCalled) {
  auto held = std::make_shared<int>(0);
  std::weak_ptr<int> watch = held;
  bool called = false;
  {
    asio::io_context io;
    RawServer silent(io, RawServer::Mode::silent);
    auto client = Client::create(io);
    ASSERT_TRUE(client);
    HttpRequestSpec s;
    s.url = "http://127.0.0.1:" + std::to_string(silent.port()) + "/";
    s.timeout = milliseconds(60'000);
    (*client)->send(s, [&called, held = std::move(held)](Result<HttpReply>) { called = true; });
    auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (silent.seen().requests.empty() && std::chrono::steady_clock::now() < give_up)
      io.run_for(milliseconds(10));
    ASSERT_EQ(silent.seen().requests.size(), 1u);
    io.stop();
    client->reset();  // the caller going away changes nothing either
    EXPECT_FALSE(watch.expired());
  }
  EXPECT_FALSE(called);
  EXPECT_TRUE(watch.expired());
}

}  // namespace
}  // namespace plateau::webhook
