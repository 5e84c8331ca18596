// The customer endpoints over real sockets, with a real store worker on a
// SQLite file provisioned with the shipped demo.
#include "app/customer_routes.h"

#include <thread>

#include <gtest/gtest.h>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <nlohmann/json.hpp>

#include "common/testing/temp_dir.h"
#include "http/server.h"
#include "http/testing/client.h"
#include "provision/provision.h"
#include "store/sqlite_store.h"

namespace plateau::app {
namespace {

namespace asio = boost::asio;
namespace bhttp = boost::beast::http;
using json = nlohmann::json;

constexpr const char* kToken = "crm-t0ken";

const std::string kCsv =
    "customer_id,name,language,phones,account_id,account_kind,account_status,balance,currency,last_payment,"
    "last_payment_date\n"
    "100234,Youssef El Amrani,ar,0600000001,MA-2024-0042,mobile,active,1234.50,MAD,300.00,2026-11-15\n"
    "100235,Fatima Benali,fr,06-12,MA-2022-1187,fixed,active,10,MAD,,\n"
    "100238,Marie Dupont,fr,+33612345678,FR-2024-0311,mobile,active,45.90,EUR,29.99,2026-11-05\n";

class CustomerRoutes : public ::testing::Test {
 protected:
  void SetUp() override {
    db_path_ = dir_.file("plateau.db");
    auto opened = store::open_sqlite(db_path_);
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    auto demo = provision::parse_string(provision::demo_provisioning(), "demo");
    ASSERT_TRUE(demo.ok());
    ASSERT_TRUE((*opened)->apply_provisioning(*demo, "plateau").ok());
    worker_ = std::make_unique<store::StoreWorker>(std::move(opened.value()));

    http::Router r;
    add_customer_routes(r, *worker_);
    auto s = http::start(io_, "127.0.0.1", 0, std::move(r), http::token_authenticator(kToken));
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

  test_support::HttpClient::Response call(bhttp::verb verb, const std::string& target, std::string body = {}) {
    test_support::HttpClient c(server_->port(), kToken);
    return c.send(verb, target, std::move(body), true);
  }
  json get_json(const std::string& target, int want_status = 200) {
    auto res = call(bhttp::verb::get, target);
    EXPECT_EQ(res.result_int(), want_status) << target << ": " << res.body();
    return json::parse(res.body(), nullptr, false);
  }
  std::vector<std::string> ids(const std::string& target) {
    std::vector<std::string> out;
    json j = get_json(target);
    for (const auto& c : j["customers"]) out.push_back(c["id"]);
    return out;
  }

  test_support::TempDir dir_;
  std::string db_path_;
  std::unique_ptr<store::StoreWorker> worker_;
  asio::io_context io_;
  asio::executor_work_guard<asio::io_context::executor_type> guard_ = asio::make_work_guard(io_);
  std::thread io_thread_;
  std::unique_ptr<http::Server> server_;
};

TEST_F(CustomerRoutes, ImportThenLookUp) {
  auto res = call(bhttp::verb::post, "/api/v1/customers/import?tenant=demo", kCsv);
  ASSERT_EQ(res.result_int(), 200) << res.body();
  json j = json::parse(res.body());
  EXPECT_EQ(j["lines"], 3);
  EXPECT_EQ(j["imported"], 2);
  EXPECT_EQ(j["created"], 2);
  EXPECT_EQ(j["updated"], 0);
  ASSERT_EQ(j["rejected"].size(), 1u);
  EXPECT_EQ(j["rejected"][0], (json{{"line", 3}, {"customer_id", "100235"}, {"reason", "bad phone \"06-12\""}}));

  // The answer came after the commit: another connection sees the customers.
  {
    auto other = store::open_sqlite(db_path_);
    ASSERT_TRUE(other.ok());
    auto found = (*other)->find_customer("demo", "100234");
    ASSERT_TRUE(found.ok() && found->has_value());
  }

  json one = get_json("/api/v1/customers/demo/100234");
  EXPECT_EQ(one["name"], "Youssef El Amrani");
  EXPECT_EQ(one["language"], "ar");
  EXPECT_EQ(one["phones"], json::array({"+212600000001"}));
  EXPECT_EQ(one["accounts"][0], (json{{"id", "MA-2024-0042"},
                                      {"kind", "mobile"},
                                      {"status", "active"},
                                      {"balance_cents", 123450},
                                      {"currency", "MAD"},
                                      {"last_payment_cents", 30000},
                                      {"last_payment_date", "2026-11-15"}}));
  EXPECT_GT(one["created_ms"].get<int64_t>(), 0);

  using Ids = std::vector<std::string>;
  EXPECT_EQ(ids("/api/v1/customers?tenant=demo&phone=%2B212600000001"), Ids{"100234"});
  EXPECT_EQ(ids("/api/v1/customers?tenant=demo&phone=06+00+00+00+01"), Ids{"100234"});
  EXPECT_EQ(ids("/api/v1/customers?tenant=demo&phone=0612345678&country=FR"), Ids{"100238"});
  EXPECT_EQ(ids("/api/v1/customers?tenant=demo&phone=0612345678"), Ids{});
  EXPECT_EQ(ids("/api/v1/customers?tenant=demo&id=100238"), Ids{"100238"});
  EXPECT_EQ(ids("/api/v1/customers?tenant=demo&account=MA-2024-0042"), Ids{"100234"});
  EXPECT_EQ(ids("/api/v1/customers?tenant=demo&q=mar"), Ids{"100238"});
  EXPECT_EQ(ids("/api/v1/customers?tenant=demo&q=&limit=1"), Ids{"100238"});
  EXPECT_EQ(ids("/api/v1/customers?tenant=demo&id=100235"), Ids{});

  json missing = get_json("/api/v1/customers/demo/100235", 404);
  EXPECT_EQ(missing["error"]["code"], "crm.not_found");

  // The same file again changes nothing.
  res = call(bhttp::verb::post, "/api/v1/customers/import?tenant=demo", kCsv);
  ASSERT_EQ(res.result_int(), 200);
  EXPECT_EQ(json::parse(res.body())["unchanged"], 2);
}

TEST_F(CustomerRoutes, ImportFailures) {
  struct Case {
    std::string target, body;
    int status;
    std::string code;
  };
  const Case cases[] = {
      {"/api/v1/customers/import?tenant=demo", "customer_id,name,language\n1,A,de\n2,,fr\n", 422, ""},
      {"/api/v1/customers/import?tenant=demo", "customer_id;nom\n1;A\n", 422, "crm.bad_file"},
      {"/api/v1/customers/import?tenant=demo", "", 422, "crm.bad_file"},
      {"/api/v1/customers/import?tenant=nosuch", kCsv, 422, "store.invalid"},
      {"/api/v1/customers/import", kCsv, 400, "api.bad_parameter"},
      {"/api/v1/customers/import?tenant=demo&country=France", kCsv, 400, "api.bad_parameter"},
  };
  for (const Case& c : cases) {
    auto res = call(bhttp::verb::post, c.target, c.body);
    EXPECT_EQ(res.result_int(), c.status) << c.target << " " << res.body();
    json j = json::parse(res.body(), nullptr, false);
    if (c.code.empty()) {
      EXPECT_EQ(j["imported"], 0);
      EXPECT_EQ(j["rejected"].size(), 2u) << res.body();
    } else {
      EXPECT_EQ(j["error"]["code"], c.code) << res.body();
    }
  }
  EXPECT_EQ(ids("/api/v1/customers?tenant=demo&q="), std::vector<std::string>{});

  test_support::HttpClient anonymous(server_->port(), kToken);
  EXPECT_EQ(anonymous.send(bhttp::verb::post, "/api/v1/customers/import?tenant=demo", kCsv).result_int(), 401);
}

TEST_F(CustomerRoutes, LookUpParameters) {
  for (const char* target : {"/api/v1/customers?phone=0600000001", "/api/v1/customers?tenant=demo",
                             "/api/v1/customers?tenant=demo&id=1&q=x", "/api/v1/customers?tenant=demo&phone=06-12",
                             "/api/v1/customers?tenant=demo&q=x&limit=0",
                             "/api/v1/customers?tenant=demo&q=x&limit=1001",
                             "/api/v1/customers?tenant=demo&q=x&limit=ten"}) {
    json j = get_json(target, 400);
    EXPECT_EQ(j["error"]["code"], "api.bad_parameter") << target;
  }
}

}  // namespace
}  // namespace plateau::app
