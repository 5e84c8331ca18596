// ws_session.h — one upgraded WebSocket connection (private to src/http: it
// includes Beast). See websocket.h for what it promises.
//
// Runs on the strand of the HTTP connection it came from; send() and close()
// post onto it from any thread.
#pragma once

#include <atomic>
#include <deque>
#include <memory>
#include <string>

#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

#include "http/websocket.h"

namespace plateau::http {

class WsSession : public WebSocket, public std::enable_shared_from_this<WsSession> {
 public:
  // `keep` holds what `endpoint` lives in (the server's configuration) and the
  // HTTP session it came from.
  WsSession(boost::beast::tcp_stream&& stream, const WebSocketEndpoint& endpoint, std::shared_ptr<const void> keep);

  // Strand: answers the upgrade, then reads messages.
  void run(boost::beast::http::request<boost::beast::http::string_body> upgrade, Request request);

  uint64_t id() const override { return id_; }
  Sent send(std::shared_ptr<const std::string> text) override;
  void close(uint16_t code, std::string reason) override;

 private:
  void on_accept(boost::beast::error_code ec, const Request& request);
  void read();
  void on_read(boost::beast::error_code ec);
  void write_next();
  void on_write(boost::beast::error_code ec);
  void do_close(uint16_t code, std::string reason);
  void start_close();
  void finish(const std::string& why);

  boost::beast::websocket::stream<boost::beast::tcp_stream> ws_;
  const WebSocketEndpoint& ep_;
  std::shared_ptr<const void> keep_;
  const uint64_t id_;
  boost::asio::steady_timer close_timer_;
  boost::beast::flat_buffer in_;
  std::deque<std::shared_ptr<const std::string>> queue_;  // strand
  std::atomic<size_t> queued_{0}, queued_bytes_{0};       // what send() added and no write finished yet
  std::atomic<bool> over_{false};                         // too slow, closing or closed: send() refuses
  bool writing_ = false, opened_ = false, closing_ = false, close_sent_ = false, finished_ = false;
  boost::beast::websocket::close_reason close_reason_;
};

}  // namespace plateau::http
