// The cases' routes over real sockets with a real store worker: an agent of
// one tenant reaches that tenant's cases and customers, and every route
// answers 404 for another tenant, whatever id it is given.
#include "app/case_routes.h"

#include <thread>

#include <gtest/gtest.h>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <nlohmann/json.hpp>

#include "common/testing/temp_dir.h"
#include "http/auth.h"
#include "http/server.h"
#include "http/testing/client.h"
#include "provision/provision.h"
#include "store/sqlite_store.h"

namespace plateau::app {
namespace {

namespace asio = boost::asio;
namespace bhttp = boost::beast::http;
using json = nlohmann::json;

constexpr const char* kSystemToken = "system-t0ken";
constexpr const char* kAgentToken = "salma-t0ken";  // agent 1001 of demo only

class CaseRoutes : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::open_sqlite(dir_.file("plateau.db"));
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    auto p = provision::parse_string(provision::demo_provisioning(), "demo");
    ASSERT_TRUE(p.ok());
    p->tenants.push_back({.name = "acme", .display_name = "Acme"});
    ASSERT_TRUE((*opened)->apply_provisioning(*p, "plateau").ok());
    model::Customer c;
    c.id = "100234";
    c.name = "Youssef";
    c.phones = {"+212600000001"};
    ASSERT_TRUE((*opened)->import_customers("demo", {c}).ok());
    c.id = "A-1";
    ASSERT_TRUE((*opened)->import_customers("acme", {c}).ok());
    worker_ = std::make_unique<store::StoreWorker>(std::move(opened.value()));

    http::Router r;
    add_case_routes(r, *worker_, [] { return int64_t{1'796'000'000'000}; });
    auto system = http::token_authenticator(kSystemToken);
    auto agent = std::make_shared<auth::Principal>();
    agent->user = "salma";
    agent->memberships = {{"demo", auth::Role::Agent, "1001"}};
    http::Authenticator authn = [system, agent](const http::Request& req) -> std::shared_ptr<const auth::Principal> {
      if (http::request_token(req) == kAgentToken) return agent;
      return system(req);
    };
    auto s = http::start(io_, "127.0.0.1", 0, std::move(r), authn);
    ASSERT_TRUE(s) << s.error().message;
    server_ = std::move(s.value());
    io_thread_ = std::thread([this] { io_.run(); });
  }

  void TearDown() override {
    asio::post(io_, [this] { server_->stop(); });
    guard_.reset();
    if (io_thread_.joinable()) io_thread_.join();
    server_.reset();
    worker_.reset();
  }

  std::pair<int, json> call(const char* token, bhttp::verb verb, const std::string& target, std::string body = {}) {
    test_support::HttpClient c(server_->port(), token);
    auto res = c.send(verb, target, std::move(body), true);
    return {res.result_int(), json::parse(res.body(), nullptr, false)};
  }

  test_support::TempDir dir_;
  std::unique_ptr<store::StoreWorker> worker_;
  asio::io_context io_;
  asio::executor_work_guard<asio::io_context::executor_type> guard_ = asio::make_work_guard(io_);
  std::thread io_thread_;
  std::unique_ptr<http::Server> server_;
};

TEST_F(CaseRoutes, AnAgentWorksInItsTenant) {
  auto [status, made] = call(kAgentToken, bhttp::verb::post, "/api/v1/cases/demo",
                             R"({"customer_id": "100234", "category": "technical", "subject": "Pas de réseau"})");
  ASSERT_EQ(status, 201) << made.dump();
  EXPECT_EQ(made["reference"], "DEMO-2026-000001");
  EXPECT_EQ(made["created_by"], "salma");
  EXPECT_EQ(made["due_ms"], 1'796'000'000'000 + 24 * 3'600'000);
  auto [s2, updated] = call(kAgentToken, bhttp::verb::post, "/api/v1/cases/demo/DEMO-2026-000001",
                            R"({"status": "waiting_customer", "note": "attend le redémarrage"})");
  ASSERT_EQ(s2, 200) << updated.dump();
  EXPECT_EQ(updated["history"][1]["actor"], "salma");
  auto [s3, note] = call(kAgentToken, bhttp::verb::post, "/api/v1/customers/demo/100234/notes", R"({"text": "ok"})");
  EXPECT_EQ(s3, 201) << note.dump();
  auto [s4, timeline] = call(kAgentToken, bhttp::verb::get, "/api/v1/customers/demo/100234/timeline");
  ASSERT_EQ(s4, 200) << timeline.dump();
  EXPECT_EQ(timeline["items"].size(), 2u);
  EXPECT_EQ(call(kAgentToken, bhttp::verb::post, "/api/v1/cases/demo", "[1]").first, 400);
  EXPECT_EQ(call(kAgentToken, bhttp::verb::post, "/api/v1/cases/demo/DEMO-2026-000001", "{}").first, 400);
  EXPECT_EQ(call(kAgentToken, bhttp::verb::get, "/api/v1/customers/demo/nobody/timeline").first, 404);
}

TEST_F(CaseRoutes, EveryRouteAnswers404ForAnotherTenant) {
  auto [status, acme_case] = call(kSystemToken, bhttp::verb::post, "/api/v1/cases/acme",
                                  R"({"customer_id": "A-1", "category": "request", "subject": "x"})");
  ASSERT_EQ(status, 201) << acme_case.dump();
  const std::string ref = acme_case["reference"];
  const std::pair<bhttp::verb, std::string> routes[] = {
      {bhttp::verb::get, "/api/v1/tenants/acme/case-categories"},
      {bhttp::verb::post, "/api/v1/cases/acme"},
      {bhttp::verb::get, "/api/v1/cases/acme"},
      {bhttp::verb::get, "/api/v1/cases/acme/" + ref},
      {bhttp::verb::post, "/api/v1/cases/acme/" + ref},
      {bhttp::verb::get, "/api/v1/customers/acme/search?q=" + ref},
      {bhttp::verb::get, "/api/v1/customers/acme/A-1/timeline"},
      {bhttp::verb::post, "/api/v1/customers/acme/A-1/notes"},
  };
  const std::string body = R"({"customer_id": "A-1", "category": "request", "subject": "x", "status": "closed",
                                "text": "x"})";
  for (const auto& [verb, target] : routes) {
    auto [code, answer] = call(kAgentToken, verb, target, verb == bhttp::verb::post ? body : "");
    EXPECT_EQ(code, 404) << target;
    EXPECT_EQ(answer["error"]["code"], "api.not_found") << target;
  }
  // Through its own tenant, the other tenant's reference is just not there.
  EXPECT_EQ(call(kAgentToken, bhttp::verb::get, "/api/v1/cases/demo/" + ref).first, 404);
  auto [s2, found] = call(kAgentToken, bhttp::verb::get, "/api/v1/customers/demo/search?q=" + ref);
  EXPECT_EQ(found, (json{{"customers", json::array()}, {"cases", json::array()}}));
  // Nothing changed in acme.
  auto [s3, still] = call(kSystemToken, bhttp::verb::get, "/api/v1/cases/acme/" + ref);
  EXPECT_EQ(still["status"], "open");
  EXPECT_EQ(still["history"].size(), 1u);
}

}  // namespace
}  // namespace plateau::app
