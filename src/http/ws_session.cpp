#include "http/ws_session.h"

#include <spdlog/spdlog.h>
#include <boost/asio/post.hpp>

namespace plateau::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = boost::beast::websocket;

namespace {

std::atomic<uint64_t> next_ws_id{1};
// A close handshake that does not finish in this time ends with the socket closed.
constexpr auto kCloseTime = std::chrono::seconds(3);

}  // namespace

WsSession::WsSession(beast::tcp_stream&& stream, const WebSocketEndpoint& endpoint, std::shared_ptr<const void> keep)
    : ws_(std::move(stream)), ep_(endpoint), keep_(std::move(keep)), id_(next_ws_id++),
      close_timer_(ws_.get_executor()) {}

void WsSession::run(beast::http::request<beast::http::string_body> upgrade, Request request) {
  beast::get_lowest_layer(ws_).expires_never();  // the WebSocket's own timeouts apply
  // Events are small and come one by one: without this, Nagle's algorithm holds one back until the
  // client acknowledges the previous one (tens of milliseconds with delayed ACKs).
  beast::error_code ignored;
  beast::get_lowest_layer(ws_).socket().set_option(asio::ip::tcp::no_delay(true), ignored);
  websocket::stream_base::timeout t;
  t.handshake_timeout = ep_.limits.handshake_timeout;
  t.idle_timeout = ep_.limits.idle_timeout;
  t.keep_alive_pings = true;
  ws_.set_option(t);
  ws_.set_option(websocket::stream_base::decorator(
      [](websocket::response_type& res) { res.set(beast::http::field::server, "plateau"); }));
  ws_.read_message_max(ep_.limits.message_bytes);
  auto req = std::make_shared<beast::http::request<beast::http::string_body>>(std::move(upgrade));
  ws_.async_accept(*req, [self = shared_from_this(), req, request = std::move(request)](beast::error_code ec) {
    self->on_accept(ec, request);
  });
}

void WsSession::on_accept(beast::error_code ec, const Request& request) {
  if (ec) return finish("handshake: " + ec.message());
  if (closing_) return start_close();  // the server stopped meanwhile
  opened_ = true;
  if (ep_.opened) ep_.opened(shared_from_this(), request);
  read();
}

void WsSession::read() {
  ws_.async_read(in_, [self = shared_from_this()](beast::error_code ec, size_t) { self->on_read(ec); });
}

void WsSession::on_read(beast::error_code ec) {
  if (ec) {
    if (ec == websocket::error::closed) return finish("closed by the client");
    if (ec == websocket::error::message_too_big) {
      // Beast has already sent the close frame (1009).
      return finish("message over " + std::to_string(ep_.limits.message_bytes) + " bytes");
    }
    return finish(ec.message());
  }
  if (!ws_.got_text()) {
    in_.consume(in_.size());
    do_close(static_cast<uint16_t>(websocket::close_code::unknown_data), "text messages only");
    return;
  }
  std::string text = beast::buffers_to_string(in_.data());
  in_.consume(in_.size());
  if (!closing_ && ep_.message) ep_.message(id_, std::move(text));
  if (!finished_) read();
}

Sent WsSession::send(std::shared_ptr<const std::string> text) {
  if (over_.load()) return Sent::Closed;
  const size_t n = ++queued_;
  const size_t bytes = queued_bytes_ += text->size();
  if (n > ep_.limits.queued_messages || bytes > ep_.limits.queued_bytes) {
    --queued_;
    queued_bytes_ -= text->size();
    close(static_cast<uint16_t>(websocket::close_code::policy_error), "client too slow");
    return Sent::TooSlow;
  }
  asio::post(ws_.get_executor(), [self = shared_from_this(), text = std::move(text)]() mutable {
    if (self->closing_ || self->finished_) {
      --self->queued_;
      self->queued_bytes_ -= text->size();
      return;
    }
    self->queue_.push_back(std::move(text));
    if (!self->writing_) self->write_next();
  });
  return Sent::Queued;
}

void WsSession::close(uint16_t code, std::string reason) {
  over_ = true;
  asio::post(ws_.get_executor(),
             [self = shared_from_this(), code, reason = std::move(reason)] { self->do_close(code, reason); });
}

void WsSession::write_next() {
  if (queue_.empty() || closing_) {
    writing_ = false;
    return;
  }
  writing_ = true;
  ws_.text(true);
  ws_.async_write(asio::buffer(*queue_.front()),
                  [self = shared_from_this()](beast::error_code ec, size_t) { self->on_write(ec); });
}

void WsSession::on_write(beast::error_code ec) {
  writing_ = false;
  if (!queue_.empty()) {
    --queued_;
    queued_bytes_ -= queue_.front()->size();
    queue_.pop_front();
  }
  if (ec) return finish(ec.message());
  if (closing_) return start_close();
  write_next();
}

void WsSession::do_close(uint16_t code, std::string reason) {
  over_ = true;
  if (closing_ || finished_) return;
  closing_ = true;
  close_reason_ = websocket::close_reason(static_cast<websocket::close_code>(code), reason);
  for (const auto& m : queue_) {
    if (m == queue_.front() && writing_) continue;  // its write is under way
    --queued_;
    queued_bytes_ -= m->size();
  }
  if (writing_) queue_.erase(queue_.begin() + 1, queue_.end());
  else queue_.clear();
  // A client that reads nothing may never let the write under way finish.
  close_timer_.expires_after(kCloseTime);
  close_timer_.async_wait([self = shared_from_this()](beast::error_code ec) {
    if (ec || self->finished_) return;
    beast::error_code ignored;
    beast::get_lowest_layer(self->ws_).socket().close(ignored);
    self->finish("closed without a close handshake: " + std::string(self->close_reason_.reason.c_str()));
  });
  if (!writing_ && opened_) start_close();
  // Before the handshake completed, on_accept closes.
}

void WsSession::start_close() {
  if (close_sent_ || finished_) return;
  close_sent_ = true;
  ws_.async_close(close_reason_, [self = shared_from_this()](beast::error_code ec) {
    self->finish(ec ? "close: " + ec.message() : "closed: " + std::string(self->close_reason_.reason.c_str()));
  });
}

void WsSession::finish(const std::string& why) {
  if (finished_) return;
  finished_ = true;
  over_ = true;
  close_timer_.cancel();
  beast::error_code ignored;
  auto& sock = beast::get_lowest_layer(ws_).socket();
  if (close_sent_ || !sock.is_open()) {
    sock.close(ignored);
  } else {
    sock.shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
    sock.close(ignored);
  }
  if (opened_ && ep_.closed) ep_.closed(id_, why);
}

}  // namespace plateau::http
