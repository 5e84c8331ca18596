// exchange.h — one webhook request from resolve to reply (private to
// src/webhook: it includes Asio, Beast and OpenSSL).
//
// Owns itself through shared_from_this: every pending operation holds it, so it
// lives until its last handler has run, and Client::send() may forget it. All
// its handlers run on its own strand of the io_context; the deadline timer
// closes the socket, which completes the pending operation with an error that
// the exchange then ignores (it has finished). finish() is the one place that
// calls `done`, guarded by `finished_`.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>

#include "webhook/client.h"
#include "webhook/request.h"
#include "webhook/shared.h"
#include "webhook/url.h"

namespace plateau::webhook {

class Exchange : public std::enable_shared_from_this<Exchange> {
 public:
  Exchange(boost::asio::io_context& io, std::shared_ptr<const Client::Shared> shared, HttpRequestSpec spec,
           Done done);

  // Any thread; the work starts on the strand, so `done` is never called from here.
  void start();

 private:
  using tcp = boost::asio::ip::tcp;
  using Parser = boost::beast::http::response_parser<boost::beast::http::string_body>;

  void begin();
  void on_resolve(const boost::system::error_code& ec, const tcp::resolver::results_type& results);
  void connect();
  void on_connect(const boost::system::error_code& ec);
  void on_handshake(const boost::system::error_code& ec);
  void write();
  void on_write(const boost::system::error_code& ec);
  void read();
  void on_header(const boost::system::error_code& ec);
  void on_read(boost::system::error_code ec);
  void on_deadline(const boost::system::error_code& ec);

  // The error of a failed write or read (connection, TLS, size or HTTP).
  Error io_error(const boost::system::error_code& ec) const;
  std::string peer() const;  // "host:port", for messages
  void finish(Result<HttpReply> outcome);

  template <class F>
  void with_stream(F&& f) {
    if (tls_)
      f(*tls_);
    else
      f(socket_);
  }

  boost::asio::strand<boost::asio::io_context::executor_type> strand_;
  std::shared_ptr<const Client::Shared> shared_;
  HttpRequestSpec spec_;
  Done done_;
  std::chrono::steady_clock::time_point started_;

  Url url_;
  std::optional<Request> request_;
  tcp::resolver resolver_;
  std::vector<tcp::endpoint> endpoints_;
  tcp::socket socket_;
  std::optional<boost::asio::ssl::stream<tcp::socket&>> tls_;
  boost::asio::steady_timer deadline_;
  boost::beast::flat_buffer buffer_;
  std::optional<Parser> parser_;
  const char* phase_ = "before starting";  // for messages: "while connecting"...
  bool finished_ = false;
};

}  // namespace plateau::webhook
