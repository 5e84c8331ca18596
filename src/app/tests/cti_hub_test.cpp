// The CTI hub over a real WebSocket and real HTTP, with users of one tenant:
// what an agent and a supervisor may subscribe to, and what another tenant's
// names answer. The events come from a real core::Router.
#include "app/cti_hub.h"

#include <future>
#include <thread>

#include <gtest/gtest.h>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <nlohmann/json.hpp>

#include "http/server.h"
#include "http/testing/client.h"

namespace plateau::app {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace websocket = boost::beast::websocket;
using tcp = asio::ip::tcp;
using json = nlohmann::json;

model::Provisioning two_tenants() {
  model::Provisioning p;
  for (std::string t : {"t1", "t2"}) {
    p.tenants.push_back({t, t, "Africa/Casablanca", "fr"});
    model::Queue q;
    q.tenant = t;
    q.name = "sales";
    p.queues.push_back(q);
    for (std::string l : {"2001", "2002"}) {
      p.phones.push_back({t, l + t, "pw", ""});
      model::Agent a;
      a.tenant = t;
      a.login = l;
      a.queues = {{t, "sales", 1}};
      a.phone = l + t;
      p.agents.push_back(a);
    }
  }
  return p;
}

// Tokens: "agent" (agent 2001 of t1), "sup" (supervisor of t1).
std::shared_ptr<const auth::Principal> principal_of(const http::Request& req) {
  const std::string token = http::request_token(req);
  auto p = std::make_shared<auth::Principal>();
  p->user = token;
  if (token == "agent") p->memberships.push_back({"t1", auth::Role::Agent, "2001"});
  else if (token == "sup") p->memberships.push_back({"t1", auth::Role::Supervisor, ""});
  else return nullptr;
  return p;
}

class CtiHubTest : public ::testing::Test {
 protected:
  void SetUp() override {
    http::Router r;
    hub_.add_routes(r);
    auto s = http::start(io_, "127.0.0.1", 0, std::move(r), principal_of);
    ASSERT_TRUE(s) << s.error().message;
    server_ = std::move(s.value());
    io_thread_ = std::thread([this] { io_.run(); });
  }

  void TearDown() override {
    asio::post(io_, [this] { server_->stop(); });
    guard_.reset();
    if (io_thread_.joinable()) io_thread_.join();
    server_.reset();
  }

  std::unique_ptr<websocket::stream<tcp::socket>> connect(const std::string& token) {
    auto ws = std::make_unique<websocket::stream<tcp::socket>>(client_io_);
    ws->next_layer().connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), server_->port()));
    ws->handshake("127.0.0.1", "/api/v1/ws?access_token=" + token);
    return ws;
  }

  static json next(websocket::stream<tcp::socket>& ws) {
    beast::flat_buffer buf;
    ws.read(buf);
    return json::parse(beast::buffers_to_string(buf.data()));
  }

  static json request(websocket::stream<tcp::socket>& ws, json req) {
    ws.write(asio::buffer(req.dump()));
    json res = next(ws);
    EXPECT_EQ(res["type"], "response");
    EXPECT_EQ(res["id"], req["id"]);
    return res;
  }

  static std::string error_of(const json& res) { return res["ok"] == true ? "ok" : res["error"]["code"].get<std::string>(); }

  // Runs on the app thread, as CallService does.
  void on_app_thread(std::function<void()> f) {
    std::promise<void> done;
    asio::post(io_, [&] {
      f();
      done.set_value();
    });
    done.get_future().wait();
  }

  ManualClock clock_;
  core::Router router_{clock_, std::make_shared<core::Directory>(two_tenants())};
  metrics::Registry registry_;
  CtiHub hub_{router_, registry_, [this] { return clock_.now_ms(); }};
  asio::io_context io_;
  asio::executor_work_guard<asio::io_context::executor_type> guard_ = asio::make_work_guard(io_);
  std::thread io_thread_;
  std::unique_ptr<http::Server> server_;
  asio::io_context client_io_;
};

TEST_F(CtiHubTest, AnAgentHasItsOwnTopicOnlyAndNothingOfAnotherTenant) {
  auto ws = connect("agent");
  int id = 0;
  auto sub = [&](const std::string& topic) {
    return error_of(request(*ws, {{"id", ++id}, {"type", "subscribe"}, {"topics", {topic}}}));
  };
  auto snap = [&](const std::string& topic) {
    return error_of(request(*ws, {{"id", ++id}, {"type", "snapshot"}, {"topic", topic}}));
  };
  EXPECT_EQ(sub("agent:t1:2001"), "ok");
  EXPECT_EQ(sub("agent:t1:2002"), "cti.forbidden");
  EXPECT_EQ(sub("queue:t1:sales"), "cti.forbidden");
  EXPECT_EQ(sub("tenant:t1"), "cti.forbidden");
  // t2 exists, with the same names: the answers are those of names that do not exist.
  for (const char* t : {"agent:t2:2001", "queue:t2:sales", "tenant:t2", "agent:t9:2001", "tenant:t9"}) {
    EXPECT_EQ(sub(t), "cti.not_found") << t;
    EXPECT_EQ(snap(t), "cti.not_found") << t;
  }
  EXPECT_EQ(snap("agent:t1:2001"), "ok");

  // Events of t2's agent 2001 do not reach it; its own do, numbered from 1.
  on_app_thread([&] {
    auto out = router_.on_event(model::PhoneRegistration{"2001t2", true, 1});
    auto out1 = router_.on_event(model::PhoneRegistration{"2001t1", true, 1});
    out.insert(out.end(), out1.begin(), out1.end());
    for (const auto& o : out)
      if (auto* l = std::get_if<core::LogEvent>(&o)) hub_.on_log(*l);
  });
  json ev = next(*ws);
  EXPECT_EQ(ev["type"], "event");
  EXPECT_EQ(ev["topic"], "agent:t1:2001");
  EXPECT_EQ(ev["seq"], 1);
  EXPECT_EQ(ev["name"], "agent.state_changed.v1");
  EXPECT_EQ(ev["data"]["state"], "ready");
  json s = request(*ws, {{"id", "s"}, {"type", "snapshot"}, {"topic", "agent:t1:2001"}});
  EXPECT_EQ(s["data"]["seq"], 1);
  EXPECT_EQ(s["data"]["state"]["state"], "ready");

  // REST snapshots: the same rules.
  test_support::HttpClient http(server_->port(), "agent");
  EXPECT_EQ(http.send(bhttp::verb::get, "/api/v1/snapshot?topic=agent:t1:2001", "", true).result_int(), 200);
  EXPECT_EQ(http.send(bhttp::verb::get, "/api/v1/snapshot?topic=agent:t1:2002", "", true).result_int(), 403);
  EXPECT_EQ(http.send(bhttp::verb::get, "/api/v1/snapshot?topic=agent:t2:2001", "", true).result_int(), 404);
  EXPECT_EQ(http.send(bhttp::verb::get, "/api/v1/snapshot?topic=tenant:t2", "", true).result_int(), 404);
  EXPECT_EQ(http.send(bhttp::verb::get, "/api/v1/snapshot?topic=bad", "", true).result_int(), 400);
}

TEST_F(CtiHubTest, ASupervisorSeesItsTenantOnly) {
  auto ws = connect("sup");
  json r = request(*ws, {{"id", 1}, {"type", "subscribe"}, {"topics", {"agent:t1:2002", "queue:t1:sales", "tenant:t1"}}});
  EXPECT_EQ(r["ok"], true) << r;
  r = request(*ws, {{"id", 2}, {"type", "subscribe"}, {"topics", {"tenant:t1", "queue:t2:sales"}}});
  EXPECT_EQ(error_of(r), "cti.not_found");
  r = request(*ws, {{"id", 3}, {"type", "snapshot"}, {"topic", "tenant:t1"}});
  ASSERT_EQ(r["ok"], true);
  EXPECT_EQ(r["data"]["state"]["agents"].size(), 2u);
  for (const auto& a : r["data"]["state"]["agents"]) EXPECT_EQ(a["tenant"], "t1");
  test_support::HttpClient http(server_->port(), "sup");
  EXPECT_EQ(http.send(bhttp::verb::get, "/api/v1/snapshot?topic=queue:t1:sales", "", true).result_int(), 200);
  EXPECT_EQ(http.send(bhttp::verb::get, "/api/v1/snapshot?topic=queue:t2:sales", "", true).result_int(), 404);
}

}  // namespace
}  // namespace plateau::app
