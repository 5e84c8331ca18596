#include "webhook/exchange.h"

#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

namespace plateau::webhook {

namespace asio = boost::asio;
namespace bhttp = boost::beast::http;
namespace ssl = boost::asio::ssl;
using boost::system::error_code;

namespace {

constexpr size_t kHeaderLimit = 16 * 1024;

bool is_http_category(const error_code& ec) {
  return ec.category() == bhttp::make_error_code(bhttp::error::end_of_stream).category();
}

}  // namespace

Exchange::Exchange(asio::io_context& io, std::shared_ptr<const Client::Shared> shared, HttpRequestSpec spec,
                   Done done)
    : strand_(asio::make_strand(io)),
      shared_(std::move(shared)),
      spec_(std::move(spec)),
      done_(std::move(done)),
      started_(std::chrono::steady_clock::now()),
      resolver_(strand_),
      socket_(strand_),
      deadline_(strand_) {}

void Exchange::start() {
  asio::post(strand_, [self = shared_from_this()] { self->begin(); });
}

void Exchange::begin() {
  auto url = parse_url(spec_.url);
  if (!url) return finish(url.error());
  url_ = std::move(url.value());
  auto request = build_request(spec_, url_);
  if (!request) return finish(request.error());
  request_ = std::move(request.value());
  spec_.body.clear();  // copied into the request
  spec_.headers.clear();

  deadline_.expires_at(started_ + spec_.timeout);
  deadline_.async_wait([self = shared_from_this()](const error_code& ec) { self->on_deadline(ec); });

  if (url_.host_is_ip) {
    // No look-up: Asio's resolver queues every look-up of an io_context on one
    // internal thread, where a slow DNS answer would delay this one.
    error_code ec;
    auto address = asio::ip::make_address(url_.host, ec);
    if (ec) return finish(make_error("webhook.bad_url", "webhook URL: bad IP address " + url_.host));
    endpoints_.emplace_back(address, url_.port);
    return connect();
  }
  phase_ = "while resolving the host name";
  resolver_.async_resolve(
      url_.host, std::to_string(url_.port), tcp::resolver::numeric_service,
      [self = shared_from_this()](const error_code& ec, const tcp::resolver::results_type& r) {
        self->on_resolve(ec, r);
      });
}

void Exchange::on_resolve(const error_code& ec, const tcp::resolver::results_type& results) {
  if (finished_) return;
  if (ec)
    return finish(
        make_error("webhook.connect", "webhook: cannot resolve " + url_.host + ": " + ec.message()));
  for (const auto& entry : results) endpoints_.push_back(entry.endpoint());
  connect();
}

void Exchange::connect() {
  phase_ = "while connecting";
  asio::async_connect(
      socket_, endpoints_,
      [self = shared_from_this()](const error_code& ec, const tcp::endpoint&) { self->on_connect(ec); });
}

void Exchange::on_connect(const error_code& ec) {
  if (finished_) return;
  if (ec)
    return finish(
        make_error("webhook.connect", "webhook: cannot connect to " + peer() + ": " + ec.message()));
  if (url_.scheme == Scheme::http) return write();

  tls_.emplace(socket_, shared_->tls);
  SSL* ssl = tls_->native_handle();
  // SNI carries host names only (RFC 6066).
  if (!url_.host_is_ip && SSL_set_tlsext_host_name(ssl, url_.host.c_str()) != 1)
    return finish(make_error("webhook.tls", "webhook: cannot set the TLS server name " + url_.host));
  if (spec_.verify_tls) {
    tls_->set_verify_mode(ssl::verify_peer);
    X509_VERIFY_PARAM* param = SSL_get0_param(ssl);
    int set = 0;
    if (url_.host_is_ip) {
      set = X509_VERIFY_PARAM_set1_ip_asc(param, url_.host.c_str());
    } else {
      X509_VERIFY_PARAM_set_hostflags(param, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
      set = X509_VERIFY_PARAM_set1_host(param, url_.host.c_str(), url_.host.size());
    }
    if (set != 1)
      return finish(make_error("webhook.tls", "webhook: cannot check certificates for " + url_.host));
  } else {
    tls_->set_verify_mode(ssl::verify_none);
  }
  phase_ = "during the TLS handshake";
  tls_->async_handshake(ssl::stream_base::client,
                        [self = shared_from_this()](const error_code& e) { self->on_handshake(e); });
}

void Exchange::on_handshake(const error_code& ec) {
  if (finished_) return;
  if (ec) {
    long verify = SSL_get_verify_result(tls_->native_handle());
    std::string why = verify != X509_V_OK
                          ? std::string("certificate not accepted: ") + X509_verify_cert_error_string(verify)
                          : ec.message();
    return finish(make_error("webhook.tls", "webhook: TLS handshake with " + peer() + " failed: " + why));
  }
  write();
}

void Exchange::write() {
  phase_ = "while writing the request";
  with_stream([this](auto& stream) {
    bhttp::async_write(stream, *request_,
                       [self = shared_from_this()](const error_code& ec, size_t) { self->on_write(ec); });
  });
}

void Exchange::on_write(const error_code& ec) {
  if (finished_) return;
  if (ec) return finish(io_error(ec));
  read();
}

void Exchange::read() {
  phase_ = "while waiting for the reply";
  parser_.emplace();
  parser_->header_limit(kHeaderLimit);
  parser_->body_limit(spec_.max_response_bytes);
  with_stream([this](auto& stream) {
    bhttp::async_read_header(
        stream, buffer_, *parser_,
        [self = shared_from_this()](const error_code& ec, size_t) { self->on_header(ec); });
  });
}

void Exchange::on_header(const error_code& ec) {
  if (finished_) return;
  if (ec) return finish(io_error(ec));
  if (parser_->is_done()) return on_read({});  // no body (204, 304, 1xx, Content-Length: 0)
  // Beast 1.74 checks body_limit against chunks and bodies that run to the end
  // of the connection, but not against a Content-Length: checked here.
  auto length = parser_->content_length();
  if (length && *length > spec_.max_response_bytes) return finish(io_error(bhttp::error::body_limit));
  phase_ = "while reading the reply";
  with_stream([this](auto& stream) {
    bhttp::async_read(stream, buffer_, *parser_,
                      [self = shared_from_this()](const error_code& e, size_t) { self->on_read(e); });
  });
}

void Exchange::on_read(error_code ec) {
  if (finished_) return;
  // A body that runs to the end of the connection: servers often close a TLS
  // connection without close_notify; the body is complete all the same.
  if (ec == ssl::error::stream_truncated && parser_->is_header_done() && parser_->need_eof()) {
    ec = {};
    parser_->put_eof(ec);
  }
  if (ec) return finish(io_error(ec));
  auto& msg = parser_->get();
  int status = msg.result_int();
  if (status >= 100 && status < 200 && status != 101) return read();  // interim (100 Continue, 103)
  HttpReply reply;
  reply.status = status;
  reply.content_type = std::string(msg[bhttp::field::content_type]);
  reply.body = std::move(msg.body());
  finish(std::move(reply));
}

void Exchange::on_deadline(const error_code& ec) {
  if (ec || finished_) return;
  finish(make_error("webhook.timeout", "webhook: no reply from " + peer() + " within " +
                                           std::to_string(spec_.timeout.count()) + " ms (" + phase_ + ")"));
}

Error Exchange::io_error(const error_code& ec) const {
  if (ec == bhttp::error::body_limit)
    return make_error("webhook.too_large", "webhook: the reply from " + peer() + " is larger than " +
                                               std::to_string(spec_.max_response_bytes) + " bytes");
  if (ec == bhttp::error::header_limit)
    return make_error("webhook.too_large", "webhook: the reply header from " + peer() + " is larger than " +
                                               std::to_string(kHeaderLimit) + " bytes");
  if (ec == bhttp::error::end_of_stream)
    return make_error("webhook.http", "webhook: " + peer() + " closed the connection without replying");
  if (ec == bhttp::error::partial_message || ec == ssl::error::stream_truncated)
    return make_error("webhook.http",
                      "webhook: " + peer() + " closed the connection before the end of its reply");
  if (is_http_category(ec))
    return make_error("webhook.http", "webhook: malformed reply from " + peer() + ": " + ec.message());
  if (ec.category() == asio::error::get_ssl_category())
    return make_error("webhook.tls",
                      "webhook: TLS error with " + peer() + " " + phase_ + ": " + ec.message());
  return make_error("webhook.connect",
                    "webhook: connection to " + peer() + " lost " + phase_ + ": " + ec.message());
}

std::string Exchange::peer() const {
  bool v6 = url_.host.find(':') != std::string::npos;
  return (v6 ? "[" + url_.host + "]" : url_.host) + ":" + std::to_string(url_.port);
}

void Exchange::finish(Result<HttpReply> outcome) {
  if (finished_) return;
  finished_ = true;
  error_code ignored;
  deadline_.cancel();
  resolver_.cancel();
  socket_.close(ignored);
  auto elapsed = std::chrono::steady_clock::now() - started_;
  if (outcome.ok())
    outcome->elapsed_ms = std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count();
  shared_->record(outcome, std::chrono::duration<double>(elapsed).count());
  Done done = std::move(done_);
  done_ = nullptr;
  done(std::move(outcome));
}

}  // namespace plateau::webhook
