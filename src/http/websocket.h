// websocket.h — WebSocket endpoints of the HTTP server, as the app sees them
// (no Beast here).
//
// A path registered with Router::websocket() takes `GET` with an upgrade; the
// request goes through the server's Authenticator first like any path under
// /api/ (a refused token answers 401 and nothing is upgraded), then the
// endpoint's `accept` may still refuse it with an answer of its own. A `GET`
// without an upgrade answers 426.
//
// Each connection runs on its own strand of the server's io_context. Outgoing
// messages wait in a bounded queue: a client that does not read fast enough
// to keep it under `queued_messages` and `queued_bytes` is closed with code
// 1008 and the reason "client too slow" (what was queued is dropped), so it
// slows down no one else and holds no more memory than that. The server pings
// a connection that has been quiet for half `idle_timeout` and closes it when
// nothing came back within `idle_timeout`. A client message over
// `message_bytes` closes the connection with code 1009; a binary message with
// 1003.
//
// Thread-safety: accept, opened, message and closed run on the thread that
// runs the io_context (the app thread), one at a time for a connection;
// WebSocket::send and close may be called from any thread.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "http/handler.h"

namespace plateau::http {

// What became of a message given to WebSocket::send.
enum class Sent {
  Queued,   // it will be written after those queued before it
  TooSlow,  // not queued: the client fell too far behind, it is being closed ("client too slow")
  Closed,   // not queued: the connection is closing or over
};

// The server's side of one open WebSocket.
class WebSocket {
 public:
  virtual ~WebSocket() = default;
  // Unique among the server's connections for the life of the process.
  virtual uint64_t id() const = 0;
  // Queues one text message.
  virtual Sent send(std::shared_ptr<const std::string> text) = 0;
  // Closes the connection (code 1000 normal, 1001 going away, 1008 policy...).
  virtual void close(uint16_t code, std::string reason) = 0;
};

struct WebSocketLimits {
  size_t message_bytes = 64 * 1024;
  size_t queued_messages = 4096;
  size_t queued_bytes = 8 * 1024 * 1024;
  std::chrono::milliseconds idle_timeout{30'000};
  std::chrono::milliseconds handshake_timeout{10'000};
};

struct WebSocketEndpoint {
  // Before the upgrade (Request::principal set): nullopt to accept, or the answer that refuses it.
  std::function<std::optional<Response>(const Request&)> accept;
  // The connection is open; `request` is the upgrade request (valid during the call).
  std::function<void(std::shared_ptr<WebSocket> ws, const Request& request)> opened;
  // One text message from the client.
  std::function<void(uint64_t id, std::string text)> message;
  // Once per opened connection, when it is over (closed by either side, dropped, failed).
  std::function<void(uint64_t id, std::string why)> closed;
  WebSocketLimits limits;
};

}  // namespace plateau::http
