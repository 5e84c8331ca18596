// server.h — the HTTP/1.1 server of the app loop (Boost.Beast behind a pimpl,
// so including this header does not pull Beast in).
//
// start() binds host:port (port 0 picks a free one, see port()) and serves on the
// given io_context, which the app thread runs. Per connection: keep-alive; one
// request at a time (a pipelined request is read once the previous response is
// written); a request waits for its handler's Responder without a timeout, but
// reading a request (headers and body) must finish within `read_timeout`.
// Limits: an over-long body answers 413, over-long headers 431, a malformed
// request 400; each of these closes the connection. Paths under /api/ need a
// token the Authenticator accepts (401 with WWW-Authenticate otherwise), checked
// before routing; the principal it gives is in Request::principal.
//
// Thread-safety: start(), stop() and the destructor run on the thread that runs
// the io_context (or while it is not running). Handlers run on that thread too;
// their Responders may answer from any thread. stop() closes the listener and
// every open connection; responses that arrive afterwards are dropped.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "common/result.h"
#include "http/auth.h"
#include "http/router.h"

namespace boost::asio {
class io_context;
}

namespace plateau::http {

struct Limits {
  size_t body_bytes = 1024 * 1024;
  size_t header_bytes = 16 * 1024;
  std::chrono::milliseconds read_timeout{30'000};
  std::chrono::milliseconds write_timeout{30'000};
};

class Server {
 public:
  struct Impl;
  explicit Server(std::shared_ptr<Impl> impl);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  uint16_t port() const;
  void stop();

 private:
  std::shared_ptr<Impl> impl_;
};

// Errors: "http.bind" ("http.bind: 0.0.0.0:8080: address already in use"),
// "http.address" for a host that is not an IP address.
Result<std::unique_ptr<Server>> start(boost::asio::io_context& io, const std::string& host, uint16_t port,
                                      Router router, Authenticator authenticate, Limits limits = {});

}  // namespace plateau::http
