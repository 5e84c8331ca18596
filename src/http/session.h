// session.h — one HTTP connection (private to src/http: it includes Beast).
//
// Runs on its own strand of the server's io_context. The server creates it
// from an accepted socket and may close() it from any thread; Responders made
// for its requests post their answer back onto the strand.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "http/router.h"
#include "http/server.h"
#include "http/websocket.h"

namespace plateau::http {

struct SessionConfig {
  Router router;
  Authenticator authenticate;
  Limits limits;
};

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(boost::asio::ip::tcp::socket&& socket, std::shared_ptr<const SessionConfig> cfg);

  void start();  // any thread
  void close();  // any thread

 private:
  using Parser = boost::beast::http::request_parser<boost::beast::http::string_body>;

  void read_header();
  void on_header(boost::beast::error_code ec);
  void read_body();
  void on_body(boost::beast::error_code ec);
  bool reject_on_error(boost::beast::error_code ec);
  void handle();
  void deliver(uint64_t seq, Response res);
  void write(Response res, bool keep_alive, bool linger);
  void on_write(bool keep_alive, bool linger, boost::beast::error_code ec);
  void linger_then_close();
  void drain();
  void do_close();
  void upgrade(const WebSocketEndpoint& ep, boost::beast::http::request<boost::beast::http::string_body> msg,
               Request req);

  boost::beast::tcp_stream stream_;
  boost::asio::any_io_executor ex_;  // the strand; copied by Responders
  std::shared_ptr<const SessionConfig> cfg_;
  std::string remote_;
  boost::beast::flat_buffer buffer_;
  std::optional<Parser> parser_;
  std::vector<char> drain_buf_;
  size_t drained_ = 0;
  uint64_t seq_ = 0;         // number of the request being handled
  bool keep_alive_ = false;  // of the request being handled
  bool closed_ = false;
  std::weak_ptr<WebSocket> upgraded_;  // the WebSocket this connection became, if any
};

}  // namespace plateau::http
