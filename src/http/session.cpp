#include "http/session.h"

#include <cctype>

#include <spdlog/spdlog.h>
#include <boost/asio/post.hpp>

#include "http/auth.h"
#include "http/url.h"
#include "http/ws_session.h"

namespace plateau::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

namespace {

constexpr size_t kMaxDrainBytes = 16 * 1024 * 1024;
constexpr auto kDrainTime = std::chrono::seconds(2);

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

Session::Session(tcp::socket&& socket, std::shared_ptr<const SessionConfig> cfg)
    : stream_(std::move(socket)), ex_(stream_.get_executor()), cfg_(std::move(cfg)) {
  beast::error_code ec;
  auto ep = stream_.socket().remote_endpoint(ec);
  if (!ec) remote_ = ep.address().to_string() + ":" + std::to_string(ep.port());
}

void Session::start() {
  asio::post(ex_, [self = shared_from_this()] { self->read_header(); });
}

void Session::close() {
  asio::post(ex_, [self = shared_from_this()] { self->do_close(); });
}

void Session::read_header() {
  if (closed_) return;
  parser_.emplace();
  parser_->body_limit(cfg_->limits.body_bytes);
  parser_->header_limit(static_cast<uint32_t>(cfg_->limits.header_bytes));
  // One deadline for the whole request (headers and body): a slow client cannot hold the connection.
  stream_.expires_after(cfg_->limits.read_timeout);
  bhttp::async_read_header(
      stream_, buffer_, *parser_,
      [self = shared_from_this()](beast::error_code ec, size_t) { self->on_header(ec); });
}

// Answers the parse errors a client should hear about; true when the request is over.
bool Session::reject_on_error(beast::error_code ec) {
  if (!ec) return false;
  if (closed_) return true;
  if (ec == bhttp::error::body_limit) {
    write(error_response(413, "payload_too_large",
                         "the request body exceeds " + std::to_string(cfg_->limits.body_bytes) + " bytes"),
          false, true);
  } else if (ec == bhttp::error::header_limit) {
    write(
        error_response(431, "headers_too_large",
                       "the request headers exceed " + std::to_string(cfg_->limits.header_bytes) + " bytes"),
        false, true);
  } else if (ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category() &&
             ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message) {
    write(error_response(400, "bad_request", "malformed HTTP request: " + ec.message()), false, true);
  } else {
    do_close();  // end of stream, timeout, reset: nobody to answer
  }
  return true;
}

void Session::on_header(beast::error_code ec) {
  if (reject_on_error(ec)) return;
  const auto& req = parser_->get();
  if (beast::iequals(req[bhttp::field::expect], "100-continue") && !parser_->is_done()) {
    auto cont = std::make_shared<bhttp::response<bhttp::empty_body>>(bhttp::status::continue_, 11);
    bhttp::async_write(stream_, *cont, [self = shared_from_this(), cont](beast::error_code wec, size_t) {
      if (wec) return self->do_close();
      self->read_body();
    });
    return;
  }
  read_body();
}

void Session::read_body() {
  if (closed_) return;
  bhttp::async_read(stream_, buffer_, *parser_,
                    [self = shared_from_this()](beast::error_code ec, size_t) { self->on_body(ec); });
}

void Session::on_body(beast::error_code ec) {
  if (reject_on_error(ec)) return;
  handle();
}

void Session::handle() {
  auto msg = parser_->release();
  parser_.reset();
  keep_alive_ = msg.keep_alive();
  ++seq_;
  stream_.expires_never();  // the handler may take its time; the Responder guarantees an answer

  Request req;
  req.method = std::string(msg.method_string());
  std::string_view target(msg.target().data(), msg.target().size());
  const size_t q = target.find('?');
  req.path = std::string(target.substr(0, q));
  req.body = std::move(msg.body());
  req.remote = remote_;
  for (const auto& field : msg) {
    const auto name = field.name_string();
    req.headers.emplace_back(lower({name.data(), name.size()}), std::string(field.value()));
  }

  const uint64_t seq = seq_;
  Responder responder([self = shared_from_this(), ex = ex_, seq](Response res) {
    asio::post(ex, [self, seq, res = std::move(res)]() mutable { self->deliver(seq, std::move(res)); });
  });

  if (q != std::string_view::npos) {
    auto query = parse_query(target.substr(q + 1));
    if (!query) {
      responder.send(error_response(400, "bad_request", "malformed %-escape in the query string"));
      return;
    }
    req.query = std::move(*query);
  }
  if (requires_token(req.path)) {
    if (cfg_->authenticate) req.principal = cfg_->authenticate(req);
    if (!req.principal) {
      Response res = error_response(401, "unauthorized",
                                    "this path needs a valid token: Authorization: Bearer <token>");
      res.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"plateau\"");
      responder.send(std::move(res));
      return;
    }
  }
  if (const WebSocketEndpoint* ep = cfg_->router.websocket_at(req.path)) {
    if (req.method != "GET" || !beast::websocket::is_upgrade(msg)) {
      Response res = error_response(426, "upgrade_required", "this path takes a WebSocket upgrade (GET)");
      res.headers.emplace_back("Upgrade", "websocket");
      responder.send(std::move(res));
      return;
    }
    if (ep->accept) {
      if (auto refused = ep->accept(req)) {
        responder.send(std::move(*refused));
        return;
      }
    }
    upgrade(*ep, std::move(msg), std::move(req));
    return;  // the unused Responder answers nothing: the connection is no longer this session's
  }
  cfg_->router.dispatch(std::move(req), std::move(responder));
}

void Session::upgrade(const WebSocketEndpoint& ep, bhttp::request<bhttp::string_body> msg, Request req) {
  closed_ = true;
  struct Keep {
    std::shared_ptr<const SessionConfig> cfg;
    std::shared_ptr<Session> session;
  };
  auto ws = std::make_shared<WsSession>(std::move(stream_), ep, std::make_shared<Keep>(Keep{cfg_, shared_from_this()}));
  upgraded_ = ws;
  ws->run(std::move(msg), std::move(req));
}

void Session::deliver(uint64_t seq, Response res) {
  if (closed_ || seq != seq_) return;
  write(std::move(res), keep_alive_, false);
}

void Session::write(Response r, bool keep_alive, bool linger) {
  auto res = std::make_shared<bhttp::response<bhttp::string_body>>();
  res->version(11);
  res->result(static_cast<unsigned>(r.status));
  res->set(bhttp::field::server, "plateau");
  res->set(bhttp::field::content_type, r.content_type);
  for (const auto& [name, value] : r.headers) res->insert(name, value);
  res->body() = std::move(r.body);
  res->keep_alive(keep_alive);
  res->prepare_payload();
  stream_.expires_after(cfg_->limits.write_timeout);
  bhttp::async_write(stream_, *res,
                     [self = shared_from_this(), res, keep_alive, linger](beast::error_code ec, size_t) {
                       self->on_write(keep_alive, linger, ec);
                     });
}

void Session::on_write(bool keep_alive, bool linger, beast::error_code ec) {
  if (ec || closed_) return do_close();
  if (linger) return linger_then_close();
  if (!keep_alive) return do_close();
  read_header();
}

// After an early error answer the client may still be sending its body: closing
// with unread data would reset the connection and could destroy the answer
// before the client reads it. Read and discard for a while first.
void Session::linger_then_close() {
  beast::error_code ec;
  stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  if (ec) return do_close();
  drain_buf_.resize(64 * 1024);
  stream_.expires_after(kDrainTime);
  drain();
}

void Session::drain() {
  stream_.async_read_some(asio::buffer(drain_buf_),
                          [self = shared_from_this()](beast::error_code ec, size_t n) {
                            self->drained_ += n;
                            if (ec || self->closed_ || self->drained_ > kMaxDrainBytes)
                              return self->do_close();
                            self->drain();
                          });
}

void Session::do_close() {
  if (auto ws = upgraded_.lock()) ws->close(1001, "server stopping");
  if (closed_) return;
  closed_ = true;
  beast::error_code ec;
  stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
  stream_.close();
}

}  // namespace plateau::http
