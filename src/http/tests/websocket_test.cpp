// The server's WebSocket endpoints over real sockets, with a Beast client.
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
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

#include "http/server.h"

namespace plateau::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace websocket = boost::beast::websocket;
using tcp = asio::ip::tcp;

constexpr const char* kToken = "t0ken-s3cret";

class WebSocketTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Router r;
    WebSocketEndpoint echo;
    echo.accept = [](const Request& req) -> std::optional<Response> {
      if (req.query_or("refuse") == "1") return error_response(403, "api.forbidden", "refused");
      return std::nullopt;
    };
    echo.opened = [this](std::shared_ptr<WebSocket> ws, const Request& req) {
      std::lock_guard lock(mu_);
      EXPECT_TRUE(req.principal && req.principal->system);
      sockets_[ws->id()] = ws;
    };
    echo.message = [this](uint64_t id, std::string text) {
      std::shared_ptr<WebSocket> ws;
      {
        std::lock_guard lock(mu_);
        ws = sockets_[id];
      }
      if (text.rfind("flood ", 0) == 0) {
        // Many large messages to a client that reads none of them.
        const int n = std::stoi(text.substr(6));
        auto big = std::make_shared<const std::string>(64 * 1024, 'x');
        for (int i = 0; i < n; ++i)
          if (ws->send(big) == Sent::TooSlow) {
            refused_ = i;
            break;
          }
        return;
      }
      ws->send(std::make_shared<const std::string>("echo:" + text));
    };
    echo.closed = [this](uint64_t id, std::string why) {
      std::lock_guard lock(mu_);
      sockets_.erase(id);
      closed_.push_back(why);
    };
    echo.limits.message_bytes = 1024;
    echo.limits.queued_messages = 64;
    echo.limits.queued_bytes = 1024 * 1024;
    r.websocket("/api/v1/ws", echo);
    auto s = start(io_, "127.0.0.1", 0, std::move(r), token_authenticator(kToken));
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

  // A connected client; the handshake's error, if any, in `ec`.
  std::unique_ptr<websocket::stream<tcp::socket>> connect(const std::string& target, beast::error_code& ec) {
    auto ws = std::make_unique<websocket::stream<tcp::socket>>(client_io_);
    tcp::endpoint ep(asio::ip::make_address("127.0.0.1"), server_->port());
    ws->next_layer().connect(ep);
    ws->handshake("127.0.0.1", target, ec);
    return ws;
  }

  // The status of a raw upgrade request (Beast's client does not give the refusal's response).
  int upgrade_status(const std::string& target) {
    tcp::socket s(client_io_);
    s.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), server_->port()));
    bhttp::request<bhttp::empty_body> req(bhttp::verb::get, target, 11);
    req.set(bhttp::field::host, "127.0.0.1");
    req.set(bhttp::field::upgrade, "websocket");
    req.set(bhttp::field::connection, "Upgrade");
    req.set(bhttp::field::sec_websocket_key, "dGhlIHNhbXBsZSBub25jZQ==");
    req.set(bhttp::field::sec_websocket_version, "13");
    bhttp::write(s, req);
    beast::flat_buffer buf;
    bhttp::response<bhttp::string_body> res;
    bhttp::read(s, buf, res);
    return res.result_int();
  }

  size_t open_count() {
    std::lock_guard lock(mu_);
    return sockets_.size();
  }

  asio::io_context io_;
  asio::executor_work_guard<asio::io_context::executor_type> guard_ = asio::make_work_guard(io_);
  std::thread io_thread_;
  std::unique_ptr<Server> server_;
  asio::io_context client_io_;
  std::mutex mu_;
  std::map<uint64_t, std::shared_ptr<WebSocket>> sockets_;
  std::vector<std::string> closed_;
  std::atomic<int> refused_{-1};
};

TEST_F(WebSocketTest, UpgradesWithTheTokenInTheQueryAndEchoes) {
  beast::error_code ec;
  auto ws = connect(std::string("/api/v1/ws?access_token=") + kToken, ec);
  ASSERT_FALSE(ec) << ec.message();
  ws->write(asio::buffer(std::string("hello")));
  beast::flat_buffer buf;
  ws->read(buf);
  EXPECT_EQ(beast::buffers_to_string(buf.data()), "echo:hello");
  ws->close(websocket::close_code::normal);
  for (int i = 0; i < 200 && open_count() > 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  EXPECT_EQ(open_count(), 0u);
}

TEST_F(WebSocketTest, RefusedWithoutAGoodTokenOrByTheEndpoint) {
  beast::error_code ec;
  connect("/api/v1/ws?access_token=wrong", ec);
  EXPECT_EQ(ec, websocket::error::upgrade_declined);
  EXPECT_EQ(upgrade_status("/api/v1/ws?access_token=wrong"), 401);
  EXPECT_EQ(upgrade_status("/api/v1/ws"), 401);
  EXPECT_EQ(upgrade_status(std::string("/api/v1/ws?refuse=1&access_token=") + kToken), 403);
  EXPECT_EQ(upgrade_status(std::string("/api/v1/ws?access_token=") + kToken), 101);
  for (int i = 0; i < 200 && open_count() > 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  EXPECT_EQ(open_count(), 0u) << "the one upgraded is over once its client went away";
}

TEST_F(WebSocketTest, PlainGetAnswers426) {
  tcp::socket s(client_io_);
  s.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), server_->port()));
  bhttp::request<bhttp::empty_body> req(bhttp::verb::get, "/api/v1/ws", 11);
  req.set(bhttp::field::authorization, std::string("Bearer ") + kToken);
  bhttp::write(s, req);
  beast::flat_buffer buf;
  bhttp::response<bhttp::string_body> res;
  bhttp::read(s, buf, res);
  EXPECT_EQ(res.result_int(), 426);
}

TEST_F(WebSocketTest, AnOversizedMessageClosesWith1009) {
  beast::error_code ec;
  auto ws = connect(std::string("/api/v1/ws?access_token=") + kToken, ec);
  ASSERT_FALSE(ec);
  ws->write(asio::buffer(std::string(2000, 'a')));
  beast::flat_buffer buf;
  ws->read(buf, ec);
  // The server ends the connection. Its close frame (1009) may arrive after the client's read already
  // failed on the shut socket, so the code is checked only when the close handshake is seen.
  EXPECT_TRUE(ec);
  if (ec == websocket::error::closed) {
    EXPECT_EQ(ws->reason().code, websocket::close_code::too_big);
  }
}

TEST_F(WebSocketTest, ASlowClientIsDroppedAndOthersGoOn) {
  beast::error_code ec;
  auto slow = connect(std::string("/api/v1/ws?access_token=") + kToken, ec);
  ASSERT_FALSE(ec);
  auto other = connect(std::string("/api/v1/ws?access_token=") + kToken, ec);
  ASSERT_FALSE(ec);
  // The slow client asks for 1,000 messages of 64 KiB and reads none.
  slow->write(asio::buffer(std::string("flood 1000")));
  for (int i = 0; i < 400 && refused_ < 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  EXPECT_GE(refused_.load(), 16) << "the queue holds up to 1 MiB";
  EXPECT_LE(refused_.load(), 64);
  // It is closed within the close deadline, with the reason.
  for (int i = 0; i < 1000 && open_count() > 1; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  EXPECT_EQ(open_count(), 1u);
  {
    std::lock_guard lock(mu_);
    ASSERT_EQ(closed_.size(), 1u);
    EXPECT_NE(closed_[0].find("client too slow"), std::string::npos) << closed_[0];
  }
  other->write(asio::buffer(std::string("still here")));
  beast::flat_buffer buf;
  other->read(buf);
  EXPECT_EQ(beast::buffers_to_string(buf.data()), "echo:still here");
}

}  // namespace
}  // namespace plateau::http
