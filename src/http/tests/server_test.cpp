// Drives the real server over sockets on 127.0.0.1 with a small Beast client.
#include "http/server.h"

#include <sys/socket.h>
#include <sys/time.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

#include <gtest/gtest.h>
#include <boost/asio/connect.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

#include "http/builtin.h"
#include "http/testing/client.h"
#include "metrics/registry.h"

namespace plateau::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using json = nlohmann::json;

constexpr const char* kToken = "t0ken-s3cret";

class Client : public test_support::HttpClient {
 public:
  explicit Client(uint16_t port) : HttpClient(port, kToken) {}
};

json body_json(const bhttp::response<bhttp::string_body>& res) { return json::parse(res.body()); }

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Router r;
    r.get("/healthz", healthz_handler("1.2.3", [this] {
            return std::vector<HealthCheck>{{"store", store_ok_.load(), "queue 0"}};
          }));
    r.get("/metrics", metrics_handler(registry_));
    r.get("/api/v1/ping",
          [](const Request&, Responder res) { res.send(json_response(200, R"({"pong":true})")); });
    auto echo = [](const Request& req, Responder res) {
      json j = {{"method", req.method}, {"path", req.path},        {"params", req.params},
                {"query", req.query},   {"size", req.body.size()}, {"remote", req.remote}};
      res.send(json_response(200, j.dump()));
    };
    r.post("/api/v1/agents/{login}/ready", echo);
    r.get("/echo", echo);
    r.post("/upload", echo);
    r.get("/later", [this](const Request&, Responder res) {
      std::lock_guard lock(mu_);
      threads_.emplace_back([res] {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        res.send(text_response(200, "later"));
      });
    });
    r.get("/drop", [](const Request&, Responder) {});
    r.get("/drop-later", [this](const Request&, Responder res) {
      std::lock_guard lock(mu_);
      threads_.emplace_back([res = std::move(res)]() mutable {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        Responder gone = std::move(res);
      });
    });
    record_process_info(registry_, "1.2.3", 1700000000);

    auto s = start(io_, "127.0.0.1", 0, std::move(r), token_authenticator(kToken));
    ASSERT_TRUE(s) << s.error().message;
    server_ = std::move(s.value());
    ASSERT_NE(server_->port(), 0);
    io_thread_ = std::thread([this] { io_.run(); });
  }

  void TearDown() override {
    {
      std::lock_guard lock(mu_);
      for (auto& t : threads_) t.join();
    }
    asio::post(io_, [this] { server_->stop(); });
    guard_.reset();
    // Returns only once stop() has closed every connection and the listener.
    if (io_thread_.joinable()) io_thread_.join();
    server_.reset();
  }

  uint16_t port() const { return server_->port(); }

  asio::io_context io_;
  asio::executor_work_guard<asio::io_context::executor_type> guard_ = asio::make_work_guard(io_);
  std::thread io_thread_;
  std::unique_ptr<Server> server_;
  metrics::Registry registry_;
  std::atomic<bool> store_ok_{true};
  std::mutex mu_;
  std::vector<std::thread> threads_;
};

TEST_F(ServerTest, HealthzIsOpen) {
  Client c(port());
  auto res = c.send(bhttp::verb::get, "/healthz");
  EXPECT_EQ(res.result_int(), 200);
  EXPECT_EQ(res[bhttp::field::content_type], "application/json");
  json j = body_json(res);
  EXPECT_EQ(j["status"], "ok");
  EXPECT_EQ(j["version"], "1.2.3");
  EXPECT_GE(j["uptime_s"].get<int64_t>(), 0);
  EXPECT_EQ(j["checks"]["store"]["ok"], true);

  store_ok_ = false;
  res = c.send(bhttp::verb::get, "/healthz");
  EXPECT_EQ(res.result_int(), 503);
  EXPECT_EQ(body_json(res)["status"], "degraded");
}

TEST_F(ServerTest, ApiNeedsTheToken) {
  Client c(port());
  auto res = c.send(bhttp::verb::get, "/api/v1/ping");
  EXPECT_EQ(res.result_int(), 401);
  EXPECT_EQ(res[bhttp::field::www_authenticate], "Bearer realm=\"plateau\"");
  EXPECT_EQ(body_json(res)["error"]["code"], "unauthorized");
  // Unknown API paths do not reveal themselves without the token.
  EXPECT_EQ(c.send(bhttp::verb::get, "/api/v1/nothing").result_int(), 401);

  res = c.send(bhttp::verb::get, "/api/v1/ping", {}, true);
  EXPECT_EQ(res.result_int(), 200);
  EXPECT_EQ(body_json(res)["pong"], true);
  EXPECT_EQ(c.send(bhttp::verb::get, "/api/v1/nothing", {}, true).result_int(), 404);

  Client c2(port());
  c2.write_raw("GET /api/v1/ping HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t0ken-s3creT\r\n\r\n");
  EXPECT_EQ(c2.read().result_int(), 401);
}

TEST_F(ServerTest, PathAndQueryParametersAreDecoded) {
  Client c(port());
  auto res = c.send(bhttp::verb::post,
                    "/api/v1/agents/jean%20dupont/ready?reason=lunch%20break&note=a+b&x=%C3%A9", "{}", true);
  ASSERT_EQ(res.result_int(), 200) << res.body();
  json j = body_json(res);
  EXPECT_EQ(j["params"]["login"], "jean dupont");
  EXPECT_EQ(j["query"]["reason"], "lunch break");
  EXPECT_EQ(j["query"]["note"], "a b");
  EXPECT_EQ(j["query"]["x"], "\xC3\xA9");
  EXPECT_EQ(j["path"], "/api/v1/agents/jean%20dupont/ready");
  EXPECT_EQ(j["method"], "POST");
  EXPECT_EQ(j["size"], 2);
  EXPECT_TRUE(j["remote"].get<std::string>().starts_with("127.0.0.1:"));

  EXPECT_EQ(c.send(bhttp::verb::get, "/echo?bad=%zz").result_int(), 400);
}

TEST_F(ServerTest, NotFoundAndMethodNotAllowed) {
  Client c(port());
  auto res = c.send(bhttp::verb::get, "/nowhere");
  EXPECT_EQ(res.result_int(), 404);
  EXPECT_EQ(body_json(res)["error"]["code"], "not_found");
  EXPECT_FALSE(body_json(res)["error"]["message"].get<std::string>().empty());

  res = c.send(bhttp::verb::delete_, "/healthz");
  EXPECT_EQ(res.result_int(), 405);
  EXPECT_EQ(res[bhttp::field::allow], "GET");
  EXPECT_EQ(body_json(res)["error"]["code"], "method_not_allowed");
}

TEST_F(ServerTest, ResponderAnsweredFromAnotherThread) {
  Client c(port());
  const auto t0 = std::chrono::steady_clock::now();
  auto res = c.send(bhttp::verb::get, "/later");
  EXPECT_GE(std::chrono::steady_clock::now() - t0, std::chrono::milliseconds(50));
  EXPECT_EQ(res.result_int(), 200);
  EXPECT_EQ(res.body(), "later");
  // The connection is still usable afterwards.
  EXPECT_EQ(c.send(bhttp::verb::get, "/healthz").result_int(), 200);
}

TEST_F(ServerTest, DroppedResponderAnswers500) {
  Client c(port());
  auto res = c.send(bhttp::verb::get, "/drop");
  EXPECT_EQ(res.result_int(), 500);
  EXPECT_EQ(body_json(res)["error"]["code"], "internal");
  res = c.send(bhttp::verb::get, "/drop-later");
  EXPECT_EQ(res.result_int(), 500);
}

TEST_F(ServerTest, BodyOverOneMebibyteIs413) {
  Client c(port());
  auto res = c.send(bhttp::verb::post, "/upload", std::string(2 * 1024 * 1024, 'x'));
  EXPECT_EQ(res.result_int(), 413);
  EXPECT_EQ(body_json(res)["error"]["code"], "payload_too_large");
  EXPECT_TRUE(c.closed());

  Client ok(port());
  res = ok.send(bhttp::verb::post, "/upload", std::string(1024 * 1024, 'x'));
  EXPECT_EQ(res.result_int(), 200);
  EXPECT_EQ(body_json(res)["size"], 1024 * 1024);
}

TEST_F(ServerTest, ChunkedBodyOverTheLimitIs413) {
  Client c(port());
  c.write_raw("POST /upload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
  const std::string chunk(256 * 1024, 'y');
  char size[32];
  std::snprintf(size, sizeof size, "%zx\r\n", chunk.size());
  for (int i = 0; i < 5; ++i) c.write_raw(size + chunk + "\r\n");
  c.write_raw("0\r\n\r\n");
  EXPECT_EQ(c.read().result_int(), 413);
}

TEST_F(ServerTest, ExpectContinue) {
  Client c(port());
  c.write_raw("POST /upload HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n");
  EXPECT_EQ(c.read().result_int(), 100);
  c.write_raw("hello");
  auto res = c.read();
  EXPECT_EQ(res.result_int(), 200);
  EXPECT_EQ(body_json(res)["size"], 5);

  // Over the limit: refused before the client sends the body.
  Client big(port());
  big.write_raw(
      "POST /upload HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 2097152\r\n\r\n");
  EXPECT_EQ(big.read().result_int(), 413);
}

TEST_F(ServerTest, OversizedHeadersAre431) {
  Client c(port());
  c.write_raw("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(20 * 1024, 'h') + "\r\n\r\n");
  EXPECT_EQ(c.read().result_int(), 431);
}

TEST_F(ServerTest, MalformedRequestIs400) {
  Client c(port());
  c.write_raw("GET /healthz HTTP/1.1\r\nHost x\r\n\r\n");
  EXPECT_EQ(c.read().result_int(), 400);
}

TEST_F(ServerTest, KeepAliveServesTwoRequestsOnOneConnection) {
  Client c(port());
  auto a = c.send(bhttp::verb::get, "/echo?n=1");
  auto b = c.send(bhttp::verb::get, "/echo?n=2");
  ASSERT_EQ(a.result_int(), 200);
  ASSERT_EQ(b.result_int(), 200);
  EXPECT_TRUE(a.keep_alive());
  EXPECT_EQ(body_json(a)["remote"], body_json(b)["remote"]);  // same client port: same connection
  EXPECT_EQ(body_json(b)["query"]["n"], "2");
}

TEST_F(ServerTest, PipelinedRequestsAnswerInOrder) {
  Client c(port());
  c.write_raw("GET /later HTTP/1.1\r\nHost: x\r\n\r\nGET /echo?n=2 HTTP/1.1\r\nHost: x\r\n\r\n");
  auto a = c.read();
  auto b = c.read();
  EXPECT_EQ(a.body(), "later");
  EXPECT_EQ(body_json(b)["query"]["n"], "2");
}

TEST_F(ServerTest, ConnectionCloseIsHonoured) {
  Client c(port());
  c.write_raw("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  auto res = c.read();
  EXPECT_EQ(res.result_int(), 200);
  EXPECT_FALSE(res.keep_alive());
  EXPECT_TRUE(c.closed());
}

TEST_F(ServerTest, MetricsUseThePrometheusContentType) {
  registry_.counter(metrics::Metric::sip_auth_failures_total).inc(3);
  Client c(port());
  auto res = c.send(bhttp::verb::get, "/metrics");
  EXPECT_EQ(res.result_int(), 200);
  EXPECT_TRUE(std::string(res[bhttp::field::content_type]).starts_with("text/plain; version=0.0.4"));
  EXPECT_NE(res.body().find("\nplateau_sip_auth_failures_total 3\n"), std::string::npos);
  EXPECT_NE(res.body().find("plateau_build_info{version=\"1.2.3\"} 1\n"), std::string::npos);
}

TEST_F(ServerTest, BindErrorIsAValue) {
  asio::io_context other;
  auto second = start(other, "127.0.0.1", port(), Router{}, token_authenticator(kToken));
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().code, "http.bind");
  EXPECT_EQ(second.error().message,
            "http.bind: 127.0.0.1:" + std::to_string(port()) + ": address already in use");
}

TEST_F(ServerTest, StopClosesIdleConnections) {
  Client c(port());
  ASSERT_EQ(c.send(bhttp::verb::get, "/healthz").result_int(), 200);
  asio::post(io_, [this] { server_->stop(); });
  EXPECT_TRUE(c.closed());
}

}  // namespace
}  // namespace plateau::http
