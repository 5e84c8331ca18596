#include "http/router.h"

#include <optional>
#include <stdexcept>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace plateau::http {
namespace {

// Dispatches and returns what was answered (synchronously or when the Responder died).
Response run(const Router& router, std::string method, std::string path) {
  std::optional<Response> got;
  Request req;
  req.method = std::move(method);
  req.path = std::move(path);
  router.dispatch(std::move(req), Responder([&got](Response r) { got = std::move(r); }));
  EXPECT_TRUE(got.has_value());
  return got.value_or(Response{});
}

std::string error_code(const Response& r) { return nlohmann::json::parse(r.body)["error"]["code"]; }

Router sample() {
  Router r;
  r.post("/api/v1/agents/{login}/ready", [](const Request& req, Responder res) {
    res.send(json_response(200, nlohmann::json{{"login", req.params.at("login")}}.dump()));
  });
  r.add("DELETE", "/api/v1/agents/{login}/ready",
        [](const Request&, Responder res) { res.send(json_response(204, "")); });
  r.get("/healthz", [](const Request&, Responder res) { res.send(json_response(200, "{}")); });
  r.get("/", [](const Request&, Responder res) { res.send(text_response(200, "root")); });
  r.get("/drop", [](const Request&, Responder) {});
  r.get("/throw", [](const Request&, Responder) { throw std::runtime_error("boom"); });
  return r;
}

TEST(Router, CapturesAreDecoded) {
  Response r = run(sample(), "POST", "/api/v1/agents/jean%20dupont%2F1/ready");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(nlohmann::json::parse(r.body)["login"], "jean dupont/1");
}

TEST(Router, UnknownPathIs404) {
  Response r = run(sample(), "GET", "/nope");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(error_code(r), "not_found");
  EXPECT_EQ(run(sample(), "GET", "/healthz/").status, 404);
  EXPECT_EQ(run(sample(), "POST", "/api/v1/agents/x/ready/more").status, 404);
  EXPECT_EQ(run(sample(), "GET", "/").status, 200);
}

TEST(Router, LiteralSegmentsAreNotDecoded) { EXPECT_EQ(run(sample(), "GET", "/health%7Az").status, 404); }

TEST(Router, WrongMethodIs405WithAllow) {
  Response r = run(sample(), "GET", "/api/v1/agents/x/ready");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(error_code(r), "method_not_allowed");
  ASSERT_EQ(r.headers.size(), 1u);
  EXPECT_EQ(r.headers[0].first, "Allow");
  EXPECT_EQ(r.headers[0].second, "DELETE, POST");
}

TEST(Router, MalformedCaptureIs400) {
  EXPECT_EQ(run(sample(), "POST", "/api/v1/agents/bad%zz/ready").status, 400);
}

TEST(Router, DroppedResponderAnswers500) {
  Response r = run(sample(), "GET", "/drop");
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(error_code(r), "internal");
}

TEST(Router, ThrowingHandlerAnswers500) { EXPECT_EQ(run(sample(), "GET", "/throw").status, 500); }

TEST(Responder, OnlyTheFirstSendCounts) {
  int calls = 0;
  int status = 0;
  {
    Responder a([&](Response r) {
      ++calls;
      status = r.status;
    });
    Responder b = a;  // copies share one answer
    b.send(json_response(201, "{}"));
    a.send(json_response(202, "{}"));
    EXPECT_TRUE(a.sent());
  }
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(status, 201);
}

TEST(Response, ErrorBodyIsEscapedJson) {
  Response r = error_response(404, "not_found", "no \"x\"\n\xff");
  auto j = nlohmann::json::parse(r.body);
  EXPECT_EQ(j["error"]["code"], "not_found");
  EXPECT_EQ(r.content_type, "application/json");
}

}  // namespace
}  // namespace plateau::http
