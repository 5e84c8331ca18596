// client.h — a small blocking HTTP/1.1 client (Boost.Beast) for tests that
// drive a real server over a socket on 127.0.0.1. Test thread only.
#pragma once

#include <sys/socket.h>
#include <sys/time.h>

#include <cstdint>
#include <string>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace plateau::test_support {

class HttpClient {
 public:
  using Response = boost::beast::http::response<boost::beast::http::string_body>;

  // `token`: the bearer token sent with the requests that ask for it.
  HttpClient(uint16_t port, std::string token) : token_(std::move(token)) {
    namespace asio = boost::asio;
    socket_.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    // A request the server never answers fails the test instead of hanging it.
    timeval tv{5, 0};
    setsockopt(socket_.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  }

  Response send(boost::beast::http::verb verb, const std::string& target, std::string body = {},
                bool token = false) {
    namespace bhttp = boost::beast::http;
    bhttp::request<bhttp::string_body> req(verb, target, 11);
    req.set(bhttp::field::host, "127.0.0.1");
    if (token) req.set(bhttp::field::authorization, "Bearer " + token_);
    req.body() = std::move(body);
    req.prepare_payload();
    bhttp::write(socket_, req);
    return read();
  }

  Response read() {
    namespace bhttp = boost::beast::http;
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(64 * 1024 * 1024);
    bhttp::read(socket_, buffer_, parser);
    return parser.release();
  }

  void write_raw(const std::string& bytes) { boost::asio::write(socket_, boost::asio::buffer(bytes)); }

  // True when the server closed the connection.
  bool closed() {
    boost::beast::error_code ec;
    char c;
    socket_.read_some(boost::asio::buffer(&c, 1), ec);
    return ec == boost::asio::error::eof || ec == boost::asio::error::connection_reset;
  }

 private:
  std::string token_;
  boost::asio::io_context ioc_;
  boost::asio::ip::tcp::socket socket_{ioc_};
  boost::beast::flat_buffer buffer_;
};

}  // namespace plateau::test_support
