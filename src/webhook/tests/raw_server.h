// raw_server.h — a small HTTP server for the client's tests, on 127.0.0.1 and
// the test's io_context: it reads each request with Beast, then answers with
// raw bytes (well-formed or not), says nothing, or closes; over TLS when given
// a server context. Test-only; one thread (the one running the io_context).
#pragma once

#include <openssl/ssl.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

namespace plateau::webhook::testing {

namespace asio = boost::asio;
namespace bhttp = boost::beast::http;
namespace ssl = boost::asio::ssl;
using tcp = asio::ip::tcp;

class RawServer {
 public:
  enum class Mode {
    answer,  // write `reply`, then end the connection (the client sees EOF)
    silent,  // read the request and never answer
    close,   // read the request and close at once
  };

  struct Seen {
    std::vector<bhttp::request<bhttp::string_body>> requests;
    std::vector<std::string> server_names;    // SNI of each TLS handshake ("" when none)
    std::vector<std::shared_ptr<void>> held;  // silent connections, kept open
  };

  RawServer(asio::io_context& io, Mode mode, std::string reply = {}, ssl::context* tls = nullptr)
      : acceptor_(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)),
        mode_(mode),
        reply_(std::move(reply)),
        tls_(tls),
        seen_(std::make_shared<Seen>()) {
    accept();
  }
  ~RawServer() { seen_->held.clear(); }  // silent connections hold `seen`: break the cycle

  uint16_t port() const { return acceptor_.local_endpoint().port(); }
  const Seen& seen() const { return *seen_; }

 private:
  template <class Stream>
  struct Conn : std::enable_shared_from_this<Conn<Stream>> {
    template <class... Args>
    Conn(const RawServer& s, Args&&... args)
        : stream(std::forward<Args>(args)...), mode(s.mode_), reply(s.reply_), seen(s.seen_) {}

    tcp::socket& socket() {
      if constexpr (std::is_same_v<Stream, tcp::socket>)
        return stream;
      else
        return stream.next_layer();
    }

    void start() {
      auto self = this->shared_from_this();
      if constexpr (std::is_same_v<Stream, tcp::socket>) {
        read();
      } else {
        stream.async_handshake(ssl::stream_base::server, [self](boost::system::error_code ec) {
          if (ec) return;  // the client refused us
          const char* name = SSL_get_servername(self->stream.native_handle(), TLSEXT_NAMETYPE_host_name);
          self->seen->server_names.emplace_back(name ? name : "");
          self->read();
        });
      }
    }

    void read() {
      auto self = this->shared_from_this();
      bhttp::async_read(stream, buffer, request, [self](boost::system::error_code ec, size_t) {
        if (ec) return;
        self->seen->requests.push_back(self->request);
        switch (self->mode) {
          case Mode::silent:
            self->seen->held.push_back(self);
            return;
          case Mode::close:
            self->socket().close();
            return;
          case Mode::answer:
            self->answer();
            return;
        }
      });
    }

    void answer() {
      auto self = this->shared_from_this();
      asio::async_write(stream, asio::buffer(reply), [self](boost::system::error_code ec, size_t) {
        if (ec) return;
        if constexpr (std::is_same_v<Stream, tcp::socket>) {
          self->socket().shutdown(tcp::socket::shutdown_send, ec);
          self->drain();
        } else {
          self->stream.async_shutdown([self](boost::system::error_code) {});
        }
      });
    }

    // Reads until the client closes, so that closing never resets a connection
    // with unread bytes.
    void drain() {
      auto self = this->shared_from_this();
      socket().async_read_some(asio::buffer(scratch), [self](boost::system::error_code ec, size_t) {
        if (!ec) self->drain();
      });
    }

    Stream stream;
    Mode mode;
    std::string reply;
    std::shared_ptr<Seen> seen;
    boost::beast::flat_buffer buffer;
    bhttp::request<bhttp::string_body> request;
    char scratch[512];
  };

  void accept() {
    acceptor_.async_accept([this](boost::system::error_code ec, tcp::socket socket) {
      if (ec) return;
      if (tls_)
        std::make_shared<Conn<ssl::stream<tcp::socket>>>(*this, std::move(socket), *tls_)->start();
      else
        std::make_shared<Conn<tcp::socket>>(*this, std::move(socket))->start();
      accept();
    });
  }

  tcp::acceptor acceptor_;
  Mode mode_;
  std::string reply_;
  ssl::context* tls_;
  std::shared_ptr<Seen> seen_;
};

}  // namespace plateau::webhook::testing
